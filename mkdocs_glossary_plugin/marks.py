"""Replacing our own marked tags in a big HTML string.

This package leaves marks in HTML it later rewrites: the tooltip marker in every page
(``tooltips.Payloads.fill``) and the definitions' leads on the index page
(``index.extract_leads``).
A page is some 250 KB with a big navigation and a handful of marks, so a pattern search over the
whole page (which tries every ``<div`` or ``<p``) costs about ten times more than finding the
mark's attribute name with ``str.find`` and matching the pattern only from the tag before it.

Pure Python, no MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["sub_last_marked", "sub_marked"]


def sub_marked(
    markup: str,
    attr: str,
    opener: str,
    pattern: re.Pattern[str],
    repl: Callable[[re.Match[str]], str],
) -> str:
    """``markup`` with each match of ``pattern`` that contains ``attr`` replaced by ``repl(match)``.

    ``opener`` is how the tags ``pattern`` matches begin (``"<div"``, ``"<"``): the match is tried
    from the last one before each occurrence of ``attr``. An occurrence that is not inside such a
    match (the attribute's name quoted in a page's text) is left alone. Returns ``markup`` itself
    when nothing is replaced.
    """
    found: list[re.Match[str]] = []
    pos = 0
    at = markup.find(attr)
    while at != -1:
        m = _mark_at(markup, at, pos, opener, pattern)
        if m is None:
            at = markup.find(attr, at + 1)
            continue
        found.append(m)
        pos = m.end()
        at = markup.find(attr, pos)
    return _splice(markup, found, repl) if found else markup


def sub_last_marked(
    markup: str,
    attr: str,
    opener: str,
    pattern: re.Pattern[str],
    repl: Callable[[re.Match[str]], str],
    count: int,
) -> str | None:
    """:func:`sub_marked` for a page with exactly ``count`` marks, found by searching backwards
    from the end; None when the page has fewer, or ``attr`` also occurs before them (the caller
    then uses :func:`sub_marked`, which handles any page).

    Why: the caller knows how many marks it left in a page, and the last one sits near the end
    (after the content, before the footer). A page is some 250,000 characters read from memory
    that is no longer in the cache: this reads the page once to check that nothing precedes the
    marks and once to build the result.
    """
    found: list[re.Match[str]] = []
    end = len(markup)
    while len(found) < count:
        at = markup.rfind(attr, 0, end)
        if at == -1:
            return None
        m = _mark_at(markup, at, 0, opener, pattern)
        if m is None or (found and m.end() > found[-1].start()):
            end = at  # the attribute's name in text, or inside a match already taken
            continue
        found.append(m)
        end = m.start()
    found.reverse()
    if markup.find(attr, 0, found[0].start()) != -1:
        return None
    return _splice(markup, found, repl)


def _mark_at(
    markup: str, at: int, lo: int, opener: str, pattern: re.Pattern[str]
) -> re.Match[str] | None:
    """The match of ``pattern`` from the last ``opener`` in ``markup[lo:at]`` when it covers the
    attribute found at ``at``, else None."""
    start = markup.rfind(opener, lo, at)
    m = pattern.match(markup, start) if start != -1 else None
    return m if m is not None and m.end() > at else None


def _splice(markup: str, found: list[re.Match[str]], repl: Callable[[re.Match[str]], str]) -> str:
    """``markup`` with the (ordered, disjoint) matches ``found`` replaced by ``repl(match)``.

    One match, the usual page, is built in one copy: ``out`` is the only reference to the new
    string, so the appends grow it in place instead of copying it again, as a join would.
    """
    if len(found) == 1:
        m = found[0]
        out = markup[: m.start()]
        out += repl(m)
        out += markup[m.end() :]
        return out
    pieces: list[str] = []
    pos = 0
    for m in found:
        pieces.append(markup[pos : m.start()])
        pieces.append(repl(m))
        pos = m.end()
    pieces.append(markup[pos:])
    return "".join(pieces)
