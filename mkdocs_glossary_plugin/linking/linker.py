"""The linker: one pass over a page's tree that turns term mentions into links.

The pass, per page:

1. :class:`~.flow.Collector` walks the tree and lays its linkable texts in one flow string;
2. the matcher searches the flow once (one automaton pass per page, not one per text node);
3. each match is taken back to the text it lies in: the matches that lie inside one run are
   kept, ``link: first`` is applied per page (per scope on the index page), the term's entry
   URL is made relative to the page, and the texts are split into ``<a class="glossary-term">``
   elements. A match over several runs goes to :func:`~.spans.spanning`.

The links go into the tree last, the later texts first, so making a link never moves an element
that an earlier link still has to find. What was linked is added to the state's records.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from bisect import bisect_right
from collections.abc import Sequence

from markdown.util import AtomicString

from ..urls import fragment_base, split_fragment
from .flow import Collector, Scope, strip_scopes
from .markup import URL_RE, link_element
from .spans import Span, apply_span, spanning
from .state import LinkerState, MatchLike, PageContext

__all__ = ["link_tree"]


def link_tree(state: LinkerState, root: etree.Element, stash: Sequence[object]) -> None:
    """Link the mentions in ``root``, the finished tree of ``state.page``.

    ``stash`` is the Markdown instance's stashed raw HTML (``md.htmlStash.rawHtmlBlocks``): the
    texts hold placeholders for it, and the walk reads the raw tags they stand for.
    """
    page = state.page
    if page is None or state.matcher is None:
        return
    if not page.enabled:
        strip_scopes(root)
        return
    collector = Collector(stash)
    top = Scope(frozenset())
    collector.walk(root, False, top)
    if not collector.run_starts:
        return
    flow = collector.flow
    matches = state.matcher.find(flow)
    if matches and ("://" in flow or "www." in flow):
        matches = _outside_urls(flow, matches)
    if not matches:
        return
    _link(state, page, collector, matches, top, root, flow)


def _outside_urls(flow: str, matches: Sequence[MatchLike]) -> Sequence[MatchLike]:
    """The matches that do not touch an address written as text (:data:`.markup.URL_RE`).

    Dropped before ``link: first`` counts them, so a mention inside a URL never takes the place
    of the first real one."""
    urls = [(u.start(), u.end()) for u in URL_RE.finditer(flow)]
    if not urls:
        return matches
    starts = [start for start, _ in urls]
    kept = []
    for m in matches:
        i = bisect_right(starts, m.start) - 1
        inside = i >= 0 and m.start < urls[i][1]
        if not inside and not (i + 1 < len(urls) and m.end > urls[i + 1][0]):
            kept.append(m)
    return kept


class _Slot:
    """One element text or tail that receives links (made only for texts that get one).

    ``mentions`` are the places to link in that text, as offsets in the text, in order."""

    __slots__ = ("elem", "index", "is_tail", "mentions", "parent")

    def __init__(
        self, elem: etree.Element, is_tail: bool, parent: etree.Element | None, index: int
    ) -> None:
        self.elem = elem
        self.is_tail = is_tail
        self.parent = parent
        self.index = index
        self.mentions: list[tuple[int, int, str]] = []  # (start, end, term id)


def _link(
    state: LinkerState,
    page: PageContext,
    col: Collector,
    matches: Sequence[MatchLike],
    top: Scope,
    root: etree.Element,
    flow: str,
) -> None:
    """Turn the page's matches into links in the tree and add them to the state's records."""
    link_all = page.link_mode == "all"
    # With ``link: first`` and one scope (every page but the index), most matches are later
    # mentions of a term linked already: drop them before finding their text.
    linked = top.seen if not link_all and not col.scoped else None
    starts, ends, info = col.run_starts, col.run_ends, col.run_info
    usage = state.usage.setdefault(page.src_uri, [])
    used = set(usage)
    hrefs: dict[str, str | None] = {}
    bases: dict[str, str] = {}  # index page -> its URL from this page, "" on it
    slots: dict[int, _Slot] = {}  # text -> its open slot (one per text that gets links)
    ops: list[_Slot | Span] = []  # in document order
    parents: dict[etree.Element, etree.Element] = {}  # made for the first spanning match
    made = 0
    for m in matches:
        if linked is not None and m.term_id in linked:
            continue
        i = bisect_right(starts, m.start) - 1
        if i < 0 or m.start >= ends[i]:
            continue  # starts in skipped content
        span: Span | None = None
        cut: tuple[int, int] | None = None  # the edges in the text, for one text's runs
        if m.end > ends[i]:
            # Crosses texts: the slow path, for the few mentions written across markup.
            if not parents:
                parents = {child: elem for elem in root.iter() for child in elem}
            found = spanning(col, i, m, flow, parents)
            if found is None:
                continue
            if isinstance(found, tuple):
                cut = found  # several runs of one text (split by an entity): a plain slot
            else:
                span = found
        owner, is_tail, parent, index, scope, offset = info[i]
        term_id = m.term_id
        if term_id in scope.banned:
            continue
        if not link_all:
            if term_id in scope.seen:
                continue
            scope.seen.add(term_id)
        if term_id in hrefs:
            href = hrefs[term_id]
        else:
            href = hrefs[term_id] = _href(state, term_id, page.url, bases)
        if href is None:
            continue
        if span is not None:
            # No match lies in the texts it splits before its start or after its end: links
            # after it make a new slot, applied (so splitting that text) before this one.
            ops.append(span)
        else:
            # Runs of one text (split by placeholders) share one slot: key it by the text.
            key = id(owner) * 2 + is_tail
            slot = slots.get(key)
            if slot is None:
                slot = slots[key] = _Slot(owner, is_tail, parent, index)
                ops.append(slot)
            if cut is None:
                delta = offset - starts[i]
                cut = (m.start + delta, m.end + delta)
            slot.mentions.append((cut[0], cut[1], term_id))
        made += 1
        state.term_links[term_id] = state.term_links.get(term_id, 0) + 1
        if term_id not in used:
            used.add(term_id)
            usage.append(term_id)
    if not usage:
        del state.usage[page.src_uri]
    if made:
        state.link_counts[page.src_uri] = state.link_counts.get(page.src_uri, 0) + made
    # Later texts first: making a link never moves an element recorded earlier. The ops were
    # made in document order (matches come in order), so reverse order works.
    for op in reversed(ops):
        if isinstance(op, _Slot):
            _apply(op, hrefs)
        else:
            apply_span(op, hrefs)


def _href(state: LinkerState, term_id: str, page_url: str, bases: dict[str, str]) -> str | None:
    """The link to a term's entry (``entry_url``: its index page and ``#id``) from this page;
    ``bases`` remembers, for the page, the relative URL of each index page (a split index
    has a few dozen, a page links hundreds of terms)."""
    term = state.glossary.get(term_id)
    if term is None:
        return None
    path, fragment = split_fragment(state.entry_url(term))
    base = bases.get(path)
    if base is None:
        base = bases[path] = fragment_base(path, page_url)
    return f"{base}#{fragment}"


def _apply(slot: _Slot, hrefs: dict[str, str | None]) -> None:
    """Split the slot's text into plain text and ``<a class="glossary-term">`` elements."""
    elem = slot.elem
    text = elem.tail if slot.is_tail else elem.text
    assert text is not None
    atomic = isinstance(text, AtomicString)

    def piece(s: str) -> str:
        return AtomicString(s) if atomic else s

    links: list[etree.Element] = []
    pos = 0
    head = text[: slot.mentions[0][0]]
    for start, end, term_id in slot.mentions:
        if links:
            links[-1].tail = piece(text[pos:start]) or None
        a = link_element(term_id, hrefs[term_id] or "")
        a.text = piece(text[start:end])
        links.append(a)
        pos = end
    links[-1].tail = piece(text[pos:]) or None
    if slot.is_tail:
        elem.tail = piece(head) or None
        parent = slot.parent
        assert parent is not None
        for k, a in enumerate(links):
            parent.insert(slot.index + 1 + k, a)
    else:
        elem.text = piece(head) or None
        for k, a in enumerate(links):
            elem.insert(k, a)
