"""Backlinks: under each entry of the index, the pages that mention its term, in nav order.

They need every page rendered first, so the tree work leaves an empty placeholder per entry
(``placeholder``) and the host fills them once all pages are rendered (``fill_backlinks``).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from ..urls import relative_url

__all__ = ["BACKLINKS_ATTR", "backlink_links", "backlinks_by_term", "fill_backlinks", "placeholder"]

BACKLINKS_ATTR = "data-glossary-backlinks"
_BACKLINKS_RE = re.compile(
    r'<div class="glossary-backlinks" ' + BACKLINKS_ATTR + r'="([^"]*)"></div>'
)


def placeholder(term_id: str) -> etree.Element:
    """The empty element ``fill_backlinks`` replaces by the backlinks of ``term_id``."""
    el = etree.Element("div", {"class": "glossary-backlinks"})
    el.set(BACKLINKS_ATTR, term_id)
    return el


def backlinks_by_term(
    usage: Mapping[str, Sequence[str]], order: Sequence[str], skip: Collection[str] = ()
) -> dict[str, list[str]]:
    """Term id -> the pages (src paths) that mention it, in ``order``, each once.

    Pages missing from ``order`` (not in the nav) follow, in the order ``usage`` recorded them;
    pages in ``skip`` (the index pages themselves) are left out.
    """
    seen: set[str] = set()
    pages: list[str] = []
    for src in [*order, *usage]:
        if src in seen or src in skip or src not in usage:
            continue
        seen.add(src)
        pages.append(src)
    out: dict[str, list[str]] = {}
    for src in pages:
        for term_id in dict.fromkeys(usage[src]):
            out.setdefault(term_id, []).append(src)
    return out


def backlink_links(
    entries: Iterable[str],
    by_term: Mapping[str, Sequence[str]],
    index_url: str,
    link: Callable[[str], tuple[str | None, str] | None],
) -> dict[str, list[tuple[str, str]]]:
    """The ``(title, URL relative to index_url)`` of the pages mentioning each entry's term
    (``entries``: the term ids of one index page, in order), for ``fill_backlinks``.

    ``link(src)``: a page's title (None: use its path) and URL, None when it is no page. Each
    page is asked once: a split index of thousands of terms stays linear in the mentions.
    """
    targets: dict[str, tuple[str, str] | None] = {}
    links: dict[str, list[tuple[str, str]]] = {}
    for term_id in entries:
        if term_id not in by_term:
            continue
        items = links[term_id] = []
        for s in by_term[term_id]:
            if s not in targets:
                found = link(s)
                targets[s] = (
                    None if found is None else (found[0] or s, relative_url(found[1], index_url))
                )
            target = targets[s]
            if target is not None:
                items.append(target)
    return links


def fill_backlinks(content: str, links: Mapping[str, Sequence[tuple[str, str]]], label: str) -> str:
    """Replace each backlinks placeholder by the list of ``(title, relative URL)`` for its term,
    or remove it when nothing mentions the term."""

    def replace(m: re.Match[str]) -> str:
        items = links.get(html.unescape(m.group(1)))
        if not items:
            return ""
        anchors = ", ".join(
            f'<a href="{html.escape(url)}">{html.escape(title)}</a>' for title, url in items
        )
        return (
            '<p class="glossary-backlinks no-glossary" data-search-exclude="true">'
            f'<span class="glossary-label">{html.escape(label)}:</span> {anchors}</p>'
        )

    return _BACKLINKS_RE.sub(replace, content)
