"""The rendered index pages made final, once every page of the site is rendered.

Its one job is the step that must wait for the whole site: each entry's backlinks (the pages
that mention its term, known only when every page is linked) are filled in, and the leads the
tree work marked are cut out for the tooltips, so that one Markdown conversion of each
definition per build serves both the index page and the summaries. Pure: rendered HTML and the
usage records in, final HTML and the leads out; the session hands the leads to its summaries.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .backlinks import backlink_links, backlinks_by_term, fill_backlinks
from .leads import extract_leads
from .pages import PagePlan

__all__ = ["cut_leads", "fill_index_backlinks"]


def fill_index_backlinks(
    out: dict[str, str],
    rendered: Mapping[str, tuple[str, str]],
    plans: Mapping[str, PagePlan],
    *,
    usage: Mapping[str, Sequence[str]],
    order: Sequence[str],
    link: Callable[[str], tuple[str | None, str] | None],
    label: str,
) -> None:
    """Fill the backlinks of each index page in ``out`` (``src -> content``; ``rendered``:
    ``src -> (content, url)``).

    ``usage``: the pages' usage records; ``order``: the pages in the order backlinks list them;
    ``plans``: the generated pages (never listed as backlinks); ``link(src)``: a page's title
    (None: use its path) and URL, None when it is no page. Only the terms of each page are
    resolved, and each relative URL once per page: a split index of thousands of terms stays
    linear in the number of mentions.
    """
    by_term = backlinks_by_term(usage, order, skip=set(plans))
    for src, plan in plans.items():
        if src in out:
            entries = [b.term.id for b in plan.blocks if b.term is not None]
            links = backlink_links(entries, by_term, rendered[src][1], link)
            out[src] = fill_backlinks(out[src], links, label)


def cut_leads(
    out: dict[str, str], rendered: Mapping[str, tuple[str, str]]
) -> list[tuple[dict[str, str], str]]:
    """Cut the marked leads out of each index page in ``out``; the leads found, each with the
    URL of its page (their relative URLs are relative to it)."""
    found: list[tuple[dict[str, str], str]] = []
    for src, content in out.items():
        out[src], cut = extract_leads(content)
        if cut:
            found.append((cut, rendered[src][1]))
    return found
