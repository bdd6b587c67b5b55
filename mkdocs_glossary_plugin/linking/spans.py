"""Spans: one link over a mention written across inline markup (``**요청** 본문``).

Most mentions lie inside one text of the tree, and the linker splits that text. A mention written
across several texts (``**요청** 본문``, ``*경로* 혹은 *쿼리* 매개변수``, ``<b>요청</b> 본문``) is
rare and takes the slower path here. It is linked when one element holds it and the link can
wrap whole inline elements (``strong``, ``em``, ``b``, ``i``, ``mark``, a ``span`` element
without a title) and the text between them, so unwrapping the link gives back the tree as it
was. Anything else between (a link, code, an image, a line break, a footnote reference, a block
boundary), or a link edge that would fall inside an element, leaves the mention unlinked:
linking only a part of it (``요청``) would name the wrong term.

Raw HTML tags are stashed by Python-Markdown as placeholders in one text; a mention across raw
wrappable tags is linked by widening its edges in that text over the tags it must hold whole
(:func:`_balanced_cut`), so the placeholders, and the tags they stand for, end up inside the link.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from markdown.util import AtomicString

from .flow import BOUNDARY, OPAQUE, Collector
from .markup import (
    PLACEHOLDER_RE,
    SKIP_ATTR,
    SKIP_CLASSES,
    TAG_RE,
    WRAPPABLE_TAGS,
    link_element,
)
from .state import MatchLike

__all__ = ["Span", "apply_span", "spanning"]


class Span:
    """One link over several texts: it wraps whole inline elements of ``parent``.

    Each edge is either inside a text of ``parent`` itself (``parent.text``, or the tail of one
    of its children: ``owner``, ``is_tail`` and the offset in that text) or exactly at the edge
    of a child of ``parent`` (``start_child``, ``end_child``), which the link then wraps whole.
    Positions are found again when the link is made: later links were made first and may have
    added elements after this one, never before it.
    """

    __slots__ = ("end", "end_child", "parent", "start", "start_child", "term_id")

    def __init__(
        self,
        parent: etree.Element,
        start: tuple[etree.Element, bool, int],
        start_child: etree.Element | None,
        end: tuple[etree.Element, bool, int],
        end_child: etree.Element | None,
        term_id: str,
    ) -> None:
        self.parent = parent
        self.start = start
        self.start_child = start_child
        self.end = end
        self.end_child = end_child
        self.term_id = term_id


def spanning(
    col: Collector,
    i: int,
    m: MatchLike,
    flow: str,
    parents: dict[etree.Element, etree.Element],
) -> Span | tuple[int, int] | None:
    """Whether a match that begins in run ``i`` and ends in a later run can be linked.

    Returns the link to make (a ``Span``); or, when every run it covers belongs to one text
    (a text split by entity placeholders), the match's edges in that text (an ordinary slot
    then links it); or None.
    The rule: the runs share one scope; ``parent``, the nearest element holding both ends,
    gets the link, whose edges fall in ``parent``'s own text or exactly at the edges of its
    children; every element the link would wrap (with all it contains) is a wrappable inline
    element without a title. Skipped content, stashed raw tags and block boundaries show as
    U+FFFC or NUL in the flow; no key crosses them, and the first check makes sure of it.
    """
    if OPAQUE in flow[m.start : m.end] or BOUNDARY in flow[m.start : m.end]:
        return None
    starts, ends, info = col.run_starts, col.run_ends, col.run_info
    j = bisect_right(starts, m.end - 1) - 1
    if m.end > ends[j]:
        return None  # ends in context that is no run (an entity)
    s_owner, s_tail, s_parent, _, scope, s_offset = info[i]
    e_owner, e_tail, e_parent, _, _, e_offset = info[j]
    if any(info[k][4] is not scope for k in range(i + 1, j + 1)):
        return None
    s_pos = m.start - starts[i] + s_offset
    e_pos = m.end - starts[j] + e_offset
    tags = col.raw_tag_offsets
    crosses_raw = bool(tags) and bisect_right(tags, m.end) > bisect_left(tags, m.start)
    if s_owner is e_owner and s_tail == e_tail:
        if not crosses_raw:
            return s_pos, e_pos
        text = s_owner.tail if s_tail else s_owner.text
        return _balanced_cut(text or "", s_pos, e_pos, col.stash)
    if crosses_raw:
        return None  # raw tags and tree elements in one mention: not taken apart
    # The element whose own text holds each edge (a tail belongs to its owner's parent).
    s_box = s_parent if s_tail else s_owner
    e_box = e_parent if e_tail else e_owner
    if s_box is None or e_box is None:
        return None
    chain = [s_box]
    while chain[-1] in parents:
        chain.append(parents[chain[-1]])
    depth = {id(elem): k for k, elem in enumerate(chain)}
    end_child: etree.Element | None = None
    box: etree.Element | None = e_box
    while box is not None and id(box) not in depth:
        end_child, box = box, parents.get(box)
    if box is None:
        return None
    parent = box
    k = depth[id(parent)]
    start_child = chain[k - 1] if k else None
    children = list(parent)
    if start_child is not None:
        if s_pos or not _edge_of(start_child, (s_owner, s_tail), first=True):
            return None
        first = _index(children, start_child)
    elif s_tail:
        first = _index(children, s_owner) + 1
    else:
        first = 0
    if end_child is not None:
        end_text = e_owner.tail if e_tail else e_owner.text
        if e_pos != len(end_text or "") or not _edge_of(end_child, (e_owner, e_tail), first=False):
            return None
        last = _index(children, end_child)
    elif e_tail:
        last = _index(children, e_owner)
    else:
        return None  # ends in ``parent.text``, so starts there too: one text, seen above
    if first > last or not all(_wrappable(c) for c in children[first : last + 1]):
        return None
    return Span(
        parent,
        (s_owner, s_tail, s_pos),
        start_child,
        (e_owner, e_tail, e_pos),
        end_child,
        m.term_id,
    )


def _raw_tags(text: str, stash: Sequence[object]) -> list[tuple[int, int, str, bool]]:
    """The raw wrappable tags of a text: (start, end, name, closing) of each placeholder."""
    out = []
    for m in PLACEHOLDER_RE.finditer(text):
        k = int(m.group(1))
        raw = stash[k] if 0 <= k < len(stash) else None
        tag = TAG_RE.fullmatch(raw) if isinstance(raw, str) else None
        if tag is not None and tag.group(2).lower() in WRAPPABLE_TAGS:
            out.append((m.start(), m.end(), tag.group(2).lower(), bool(tag.group(1))))
    return out


def _balanced_cut(
    text: str, start: int, end: int, stash: Sequence[object]
) -> tuple[int, int] | None:
    """The edges of a link over ``text[start:end]`` that crosses raw wrappable tags
    (``<b>요청</b> 본문``), widened so that the link holds each such element whole: an element
    closed inside the mention must open right before it (its opening tag then goes into the
    link), one opened inside must close right after it. None when that is impossible
    (``<b>요청 본</b>문은`` would end the link inside the ``b``): the mention is not linked.

    The widened link holds the placeholders of the raw tags; Python-Markdown puts the tags back
    in place of them, inside our ``<a>``.
    """
    tags = _raw_tags(text, stash)
    inside = [t for t in tags if start <= t[0] and t[1] <= end]
    opened: list[str] = []
    unclosed_before: list[str] = []  # closing tags inside whose opening tag is before ``start``
    for _, _, name, closing in inside:
        if not closing:
            opened.append(name)
        elif opened and opened[-1] == name:
            opened.pop()
        elif opened:
            return None  # crossed tags inside the mention
        else:
            unclosed_before.append(name)
    # Widen to the left over opening tags glued to the start, innermost first.
    before = [t for t in tags if t[1] <= start]
    for name in unclosed_before:
        if not before or before[-1][1] != start or before[-1][3] or before[-1][2] != name:
            return None
        start = before.pop()[0]
    # Widen to the right over closing tags glued to the end, innermost first.
    after = [t for t in tags if t[0] >= end]
    after.reverse()
    for name in reversed(opened):
        if not after or after[-1][0] != end or not after[-1][3] or after[-1][2] != name:
            return None
        end = after.pop()[1]
    return start, end


def _index(children: list[etree.Element], child: etree.Element) -> int:
    """The position of ``child`` among ``children``, by identity."""
    for k, c in enumerate(children):
        if c is child:
            return k
    raise ValueError("not a child")  # pragma: no cover - the parent map says it is


def _texts(elem: etree.Element) -> list[tuple[etree.Element, bool]]:
    """The texts inside ``elem`` (not its tail), in document order, as ``(owner, is_tail)``."""
    found = [(elem, False)]
    for child in elem:
        found += _texts(child)
        found.append((child, True))
    return found


def _edge_of(elem: etree.Element, where: tuple[etree.Element, bool], *, first: bool) -> bool:
    """Whether every text inside ``elem`` before (``first``) or after the text ``where`` is empty:
    a link edge there is at the edge of ``elem``, so the link wraps it whole."""
    texts = _texts(elem)
    k = next(
        n for n, (owner, is_tail) in enumerate(texts) if owner is where[0] and is_tail == where[1]
    )
    others = texts[:k] if first else texts[k + 1 :]
    return not any(owner.tail if is_tail else owner.text for owner, is_tail in others)


def _wrappable(elem: etree.Element) -> bool:
    """Whether a link may hold ``elem`` whole: it and all it contains are wrappable inline
    elements without a title (``**요청 `본문`**`` holds code, which never goes inside a link)."""
    for sub in elem.iter():
        tag = sub.tag
        if not isinstance(tag, str) or tag not in WRAPPABLE_TAGS or SKIP_ATTR in sub.attrib:
            return False
        cls = sub.attrib.get("class")
        if cls and not SKIP_CLASSES.isdisjoint(cls.split()):
            return False
    return True


def apply_span(span: Span, hrefs: dict[str, str | None]) -> None:
    """Make a link that wraps whole children of ``span.parent`` and the text around them."""
    parent = span.parent
    children = list(parent)
    a = link_element(span.term_id, hrefs[span.term_id] or "")
    s_owner, s_tail, s_pos = span.start
    if span.start_child is not None:
        first = _index(children, span.start_child)
    else:
        text = s_owner.tail if s_tail else s_owner.text
        assert text is not None
        head, a.text = _split_at(text, s_pos)
        if s_tail:
            s_owner.tail = head
            first = _index(children, s_owner) + 1
        else:
            s_owner.text = head
            first = 0
    e_owner, _, e_pos = span.end  # a tail of a child of ``parent`` when no end_child
    if span.end_child is not None:
        last = _index(children, span.end_child)
        a.tail, span.end_child.tail = span.end_child.tail, None
    else:
        last = _index(children, e_owner)
        text = e_owner.tail
        assert text is not None
        e_owner.tail, a.tail = _split_at(text, e_pos)
    a.extend(children[first : last + 1])
    del parent[first : last + 1]
    parent.insert(first, a)


def _split_at(text: str, pos: int) -> tuple[str | None, str | None]:
    """``text`` split at ``pos`` into two texts (None when empty), atomic if ``text`` was."""
    head, rest = text[:pos], text[pos:]
    if isinstance(text, AtomicString):
        return (AtomicString(head) if head else None), (AtomicString(rest) if rest else None)
    return head or None, rest or None
