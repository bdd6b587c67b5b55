"""Replacing our own marked tags in a big HTML string.

The plugin leaves marks in HTML it later rewrites: the tooltip marker in every page
(``tooltips.Payloads.fill``) and the summary blocks of the index page (``index.extract_leads``).
A page is some 250 KB with a big navigation and a handful of marks, so a pattern search over the
whole page (which tries every ``<div`` or ``<p``) costs about ten times more than finding the
mark's attribute name with ``str.find`` and matching the pattern only from the tag before it.

Pure Python, no MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["sub_marked"]


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
    out: list[str] = []
    pos = 0
    found = markup.find(attr)
    while found != -1:
        start = markup.rfind(opener, pos, found)
        m = pattern.match(markup, start) if start != -1 else None
        if m is None or m.end() <= found:
            found = markup.find(attr, found + 1)
            continue
        out.append(markup[pos : m.start()])
        out.append(repl(m))
        pos = m.end()
        found = markup.find(attr, pos)
    if not out:
        return markup
    out.append(markup[pos:])
    return "".join(out)
