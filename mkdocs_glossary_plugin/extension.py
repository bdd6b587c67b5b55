"""The tree linker: a Python-Markdown extension that wraps term mentions in links.

It runs on the finished element tree of a page (after inline patterns, ``attr_list``, ``abbr``,
``toc``, ``unescape`` and MkDocs' ``relpath``), so terms written by macros are linked, headings,
titles and TOC entries are already final, and MkDocs never sees (or logs) our links. It holds no
MkDocs objects: the plugin hands it a ``LinkerState`` and sets ``state.page`` before each page, so
the extension also works with plain Python-Markdown.

How a page is linked, in one pass:

1. Walk the tree in document order and lay every piece of text that may hold a link (element
   texts and tails outside skipped contexts) end to end in one *flow* string. Block boundaries
   become a NUL (not a space: the matcher lets whitespace join the words of a term), skipped
   content and stashed raw HTML the neutral symbol U+FFFC, so the matcher sees the real
   neighbours of a mention (``**텐서**플로`` is not ``텐서``) and never a placeholder.
2. Run the matcher once over the flow: one automaton pass per page, not one per text node.
3. Keep the matches that lie inside one linkable piece, apply ``link: first`` per page (per scope
   on the index page), and split the texts into ``<a class="glossary-term">`` elements.

A match that spans several texts (``**요청** 본문``, ``*경로* 혹은 *쿼리* 매개변수``) is rare and
takes a slower path (:meth:`GlossaryTreeprocessor._spanning`): it is linked when one element holds
it and the link can wrap whole inline elements (``strong``, ``em``, ``b``, ``i``, ``mark``, a
``span`` without a title) and the text between them, so unwrapping the link gives back the tree
as it was. Anything else between (a link, code, an image, a line break, a footnote reference, a
block boundary), or a link edge that would fall inside an element, leaves the match unlinked:
linking only a part of it (``요청``) would name the wrong term.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .model import Glossary, Term
from .urls import fragment_base, split_fragment

__all__ = [
    "LINK_CLASS",
    "PRIORITY",
    "SCOPE_ATTR",
    "SKIP_ATTR",
    "SKIP_CLASSES",
    "SKIP_TAGS",
    "WRAPPABLE_TAGS",
    "GlossaryExtension",
    "GlossaryTreeprocessor",
    "LinkerState",
    "PageContext",
]

#: Runs after ``unescape`` (0) and MkDocs' ``relpath`` (0): our hrefs are final, never rewritten.
PRIORITY = -10
LINK_CLASS = "glossary-term"
#: An element with this attribute is a scope: ``link: first`` restarts inside it and the term
#: whose id is the value is never linked there (one scope per definition on the index page).
SCOPE_ATTR = "data-glossary-scope"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Elements whose text (and descendants' text) is never linked (GUIDE §4).
SKIP_TAGS = _words(
    "a code pre kbd samp script style svg math h1 h2 h3 h4 h5 h6 abbr button label summary "
    "textarea select option template title"
)
#: Classes that make an element (and its descendants) skipped.
SKIP_CLASSES = frozenset({"admonition-title", "arithmatex", "no-glossary"})
#: An element with this attribute shows its own tooltip (``<dfn title="…">``): it is skipped, or
#: hovering a mention inside it would open two popups over each other.
SKIP_ATTR = "title"
#: Inline elements a link may wrap whole when a mention spans them (``**요청** 본문``): pure
#: emphasis, whose meaning survives inside a link. A ``span`` qualifies only without a title.
WRAPPABLE_TAGS = _words("strong em b i mark span")

# Elements that do not break the run of text: their text continues the words around them.
# Everything else (p, li, td, div, br, ...) is a boundary between texts.
_INLINE_TAGS = _words(
    "a abbr b bdi bdo cite code data del dfn em i img input ins kbd mark q s samp small span "
    "strong sub sup time u var wbr math script"
)
# Void elements never get a closing tag; a raw ``<br>`` must not be pushed on the raw-tag stack.
_VOID_TAGS = _words("area base br col embed hr img input link meta param source track wbr")

_PLACEHOLDER_RE = re.compile("\x02wzxhzdk:([0-9]+)\x03")
_TAG_RE = re.compile(
    r"""\s*<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>\s*""",
)
# One attribute of a raw tag: its name, then an optional quoted or bare value.
_ATTR_RE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")

_OPAQUE = "\ufffc"  # stands for content that is not text to link: an edge for the matcher
_BOUNDARY = "\x00"  # a block boundary: neither a letter nor a space (a newline joins words)


def _raw_attrs_skip(attrs: str) -> bool:
    """Whether a raw tag's attributes make its content skipped: a title (the element shows its
    own tooltip) or a skip class. Attributes are read one by one, so a value that merely
    contains ``title=`` or ``class=`` (``data-x="title=y"``) is not mistaken for one."""
    for m in _ATTR_RE.finditer(attrs):
        name = m.group(1).lower()
        if name == SKIP_ATTR:
            return True
        if name == "class":
            value = m.group(2) or m.group(3) or m.group(4) or ""
            if not SKIP_CLASSES.isdisjoint(value.split()):
                return True
    return False


class MatchLike(Protocol):
    """What the linker needs from a match (``matcher.Match`` has these fields)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def term_id(self) -> str: ...


class MatcherLike(Protocol):
    """What the linker needs from a matcher (``matcher.Matcher``)."""

    def find(self, text: str) -> Sequence[MatchLike]: ...


@dataclass
class PageContext:
    """The page being rendered, as the plugin tells it (no MkDocs object).

    ``url`` is MkDocs' ``page.url`` (``""`` for the home page, ``a/b/`` or ``a/b.html``);
    ``enabled`` is False on excluded and opted-out pages; ``link_mode`` is ``first`` or ``all``.
    """

    src_uri: str
    url: str
    enabled: bool = True
    link_mode: Literal["first", "all"] = "first"


@dataclass
class LinkerState:
    """Everything the linker reads and writes; shared by the plugin and the treeprocessor.

    ``entry_url`` gives the site-root-relative URL of a term's entry (``glossary/#id``). The plugin
    sets ``page`` before each page is rendered; with ``page`` None nothing is linked (a Markdown
    rendering outside a page, such as a definition for a tooltip, gets no links).
    """

    matcher: MatcherLike | None
    glossary: Glossary
    entry_url: Callable[[Term], str]
    page: PageContext | None = None
    usage: dict[str, list[str]] = field(default_factory=dict)
    """Page src_uri -> ids of the terms linked there, in first-mention order."""
    link_counts: dict[str, int] = field(default_factory=dict)
    """Page src_uri -> number of links made there."""
    term_links: dict[str, int] = field(default_factory=dict)
    """Term id -> number of links made to it over the whole build."""

    def reset(self) -> None:
        """Forget what a previous build recorded (``mkdocs serve`` rebuilds reuse the state)."""
        self.page = None
        self.usage.clear()
        self.link_counts.clear()
        self.term_links.clear()

    def release(self) -> None:
        """Drop the build's glossary, matcher and records (the process is done with them).

        The Markdown extension that holds this state stays in the configuration until the very
        end of the process; without this, what it holds would be freed only by the collections
        Python runs while it shuts down, which walk every object still alive."""
        self.reset()
        self.matcher = None
        self.glossary = Glossary()

    @property
    def links_made(self) -> int:
        return sum(self.link_counts.values())


class _Scope:
    """A region where ``link: first`` bookkeeping starts afresh; ``banned`` terms are not linked."""

    __slots__ = ("banned", "seen")

    def __init__(self, banned: frozenset[str]) -> None:
        self.banned = banned
        self.seen: set[str] = set()


class _Slot:
    """One element text or tail that receives links (made only for texts that get one)."""

    __slots__ = ("elem", "index", "is_tail", "parent", "spans")

    def __init__(
        self, elem: etree.Element, is_tail: bool, parent: etree.Element | None, index: int
    ) -> None:
        self.elem = elem
        self.is_tail = is_tail
        self.parent = parent
        self.index = index
        self.spans: list[tuple[int, int, str]] = []


class _Span:
    """A link that wraps whole inline elements of ``parent`` (a mention spanning several texts).

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


# One linkable run of the flow: the text's owner, whether it is the tail, the owner's parent and
# its index there (for tails), the scope, and the offset of the run in the text.
_Run = tuple[etree.Element, bool, "etree.Element | None", int, _Scope, int]


class _Collector:
    """Walks one tree and builds the flow string and its linkable runs (see the module doc).

    This is the per-node hot path of every page: it makes no object per text node except the
    pieces of the flow, and it keeps the raw-HTML tag stack only where placeholders occur.
    """

    __slots__ = (
        "last",
        "length",
        "parts",
        "raw_marks",
        "run_ends",
        "run_info",
        "run_starts",
        "scoped",
        "stash",
    )

    def __init__(self, stash: Sequence[object]) -> None:
        self.stash = stash
        self.parts: list[str] = []
        self.length = 0
        self.last = _BOUNDARY  # last character appended, to avoid repeated boundaries
        self.run_starts: list[int] = []
        self.run_ends: list[int] = []
        self.run_info: list[_Run] = []
        self.scoped = False  # whether the tree has a scope below the root (the index page)
        #: Flow offsets where a raw wrappable tag (``<b>``, ``</b>``) was left out of the flow.
        self.raw_marks: list[int] = []

    # -- raw HTML placeholders ----------------------------------------------------------------

    def _raw(self, index: int) -> str | None:
        if 0 <= index < len(self.stash):
            raw = self.stash[index]
            if isinstance(raw, str):
                return raw
        return None

    @staticmethod
    def _update_raw_stack(raw: str, stack: list[tuple[str, bool]]) -> bool:
        """Track one stashed raw tag (``<a href=…>``, ``</a>``, ``<code>``): inline raw HTML is
        stashed tag by tag, so the text between an opening and a closing placeholder is inside
        that element. A stashed block (several tags, balanced) changes nothing.

        Returns whether the tag is a wrappable one (``<b>``, ``</em>``; see
        :func:`_raw_wrappable`): such a tag is left out of the flow, like the tree's own inline
        elements, so that ``<b>요청</b> 본문`` reads as ``요청 본문``."""
        m = _TAG_RE.fullmatch(raw)
        if m is None:
            return False
        closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break
            return name in WRAPPABLE_TAGS and not attrs.strip()
        if name in _VOID_TAGS or attrs.rstrip().endswith("/"):
            return False
        skip = name in SKIP_TAGS or _raw_attrs_skip(attrs)
        stack.append((name, skip))
        return name in WRAPPABLE_TAGS and not skip

    def _text_with_placeholders(
        self,
        text: str,
        owner: etree.Element,
        is_tail: bool,
        parent: etree.Element | None,
        index: int,
        scope: _Scope,
        stack: list[tuple[str, bool]],
    ) -> None:
        """Lay a text holding stashed-HTML placeholders into the flow, piece by piece."""
        parts = self.parts
        pos = 0
        for m in _PLACEHOLDER_RE.finditer(text):
            start = m.start()
            if start > pos:
                if any(s for _, s in stack):
                    self._opaque()
                else:
                    self._run(text[pos:start], owner, is_tail, parent, index, scope, pos)
            raw = self._raw(int(m.group(1)))
            pos = m.end()
            if raw is not None:
                if self._update_raw_stack(raw, stack):
                    # Invisible to the matcher: the words on both sides are read together.
                    self.raw_marks.append(self.length)
                    continue
                if raw.startswith("&") and raw.endswith(";"):
                    char = html.unescape(raw)
                    if len(char) == 1 and char != _BOUNDARY:
                        # An entity is text: context for the matcher, never linked itself.
                        parts.append(char)
                        self.length += 1
                        self.last = char
                        continue
            self._opaque()
        if pos < len(text):
            if any(s for _, s in stack):
                self._opaque()
            else:
                self._run(text[pos:], owner, is_tail, parent, index, scope, pos)

    def _opaque(self) -> None:
        """Put one edge character for content the matcher must not see (code, a raw tag);
        consecutive opaque pieces share it, so offsets stay small and words stay apart."""
        if self.last != _OPAQUE:
            self.parts.append(_OPAQUE)
            self.length += 1
            self.last = _OPAQUE

    def _run(
        self,
        piece: str,
        owner: etree.Element,
        is_tail: bool,
        parent: etree.Element | None,
        index: int,
        scope: _Scope,
        offset: int,
    ) -> None:
        if piece.isspace():
            # Context for the matcher (a space is an edge, and joins the words of a term), but
            # never a run: no mention starts in whitespace. Half the texts of a tree are the
            # "\n" tails between its blocks.
            self.parts.append(piece)
            self.length += len(piece)
            self.last = piece[-1]
            return
        start = self.length
        self.run_starts.append(start)
        self.length = end = start + len(piece)
        self.run_ends.append(end)
        self.run_info.append((owner, is_tail, parent, index, scope, offset))
        self.parts.append(piece)
        if piece:
            self.last = piece[-1]

    # -- the walk -----------------------------------------------------------------------------

    def walk(self, elem: etree.Element, skipping: bool, scope: _Scope) -> None:
        tag = elem.tag
        if not isinstance(tag, str):  # a comment or processing instruction
            return
        inline = tag in _INLINE_TAGS
        if not inline and self.last != _BOUNDARY:
            self.parts.append(_BOUNDARY)
            self.length += 1
            self.last = _BOUNDARY
        attrib = elem.attrib
        if not skipping:
            if tag in SKIP_TAGS or SKIP_ATTR in attrib:
                skipping = True
            else:
                cls = attrib.get("class")
                if cls and not SKIP_CLASSES.isdisjoint(cls.split()):
                    skipping = True
        if SCOPE_ATTR in attrib:
            scope = _Scope(scope.banned | {attrib.pop(SCOPE_ATTR)})
            self.scoped = True
        if skipping:
            # Nothing below is linked; only remove scope markers so they never reach the output.
            for sub in elem.iter():
                if SCOPE_ATTR in sub.attrib:
                    del sub.attrib[SCOPE_ATTR]
            mark = _OPAQUE if inline else _BOUNDARY
            if self.last != mark:
                self.parts.append(mark)
                self.length += 1
                self.last = mark
            return
        stack: list[tuple[str, bool]] = []
        text = elem.text
        if text:
            if "\x02" in text:
                self._text_with_placeholders(text, elem, False, None, 0, scope, stack)
            else:
                self._run(text, elem, False, None, 0, scope, 0)
        walk = self.walk
        for index, child in enumerate(elem):
            child_skipping = bool(stack) and any(s for _, s in stack)
            walk(child, child_skipping, scope)
            tail = child.tail
            if tail:
                if "\x02" in tail:
                    self._text_with_placeholders(tail, child, True, elem, index, scope, stack)
                elif child_skipping:
                    self._opaque()
                else:
                    self._run(tail, child, True, elem, index, scope, 0)
        if not inline and self.last != _BOUNDARY:
            self.parts.append(_BOUNDARY)
            self.length += 1
            self.last = _BOUNDARY

    @property
    def flow(self) -> str:
        return "".join(self.parts)


class GlossaryTreeprocessor(Treeprocessor):
    """Links the mentions of glossary terms in the finished tree of the current page."""

    def __init__(self, md: Markdown, state: LinkerState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        state = self.state
        page = state.page
        if page is None or state.matcher is None:
            return
        if not page.enabled:
            _strip_scopes(root)
            return
        collector = _Collector(self.md.htmlStash.rawHtmlBlocks)
        top = _Scope(frozenset())
        collector.walk(root, False, top)
        if not collector.run_starts:
            return
        flow = collector.flow
        matches = state.matcher.find(flow)
        if not matches:
            return
        self._link(page, collector, matches, top, root, flow)

    def _link(
        self,
        page: PageContext,
        col: _Collector,
        matches: Sequence[MatchLike],
        top: _Scope,
        root: etree.Element,
        flow: str,
    ) -> None:
        state = self.state
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
        ops: list[_Slot | _Span] = []  # in document order
        parents: dict[etree.Element, etree.Element] = {}  # made for the first spanning match
        made = 0
        for m in matches:
            if linked is not None and m.term_id in linked:
                continue
            i = bisect_right(starts, m.start) - 1
            if i < 0 or m.start >= ends[i]:
                continue  # starts in skipped content
            span: _Span | None = None
            cut: tuple[int, int] | None = None  # the edges in the text, for one text's runs
            if m.end > ends[i]:
                # Crosses texts: the slow path, for the few mentions written across markup.
                if not parents:
                    parents = {child: elem for elem in root.iter() for child in elem}
                found = self._spanning(col, i, m, flow, parents)
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
                href = hrefs[term_id] = self._href(term_id, page.url, bases)
            if href is None:
                continue
            if span is not None:
                # No match lies in the texts it cuts before its start or after its end: links
                # after it make a new slot, applied (so cutting that text) before this one.
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
                slot.spans.append((cut[0], cut[1], term_id))
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
                _apply_span(op, hrefs)

    @staticmethod
    def _spanning(
        col: _Collector,
        i: int,
        m: MatchLike,
        flow: str,
        parents: dict[etree.Element, etree.Element],
    ) -> _Span | tuple[int, int] | None:
        """Whether a match that begins in run ``i`` and ends in a later run can be linked.

        Returns the link to make (a ``_Span``); or, when every run it covers belongs to one text
        (a text split by entity placeholders), the match's edges in that text (an ordinary slot
        then links it); or None.
        The rule: the runs share one scope; ``parent``, the nearest element holding both ends,
        gets the link, whose edges fall in ``parent``'s own text or exactly at the edges of its
        children; every element the link would wrap (with all it contains) is a wrappable inline
        element without a title. Skipped content, stashed raw tags and block boundaries show as
        U+FFFC or NUL in the flow; no key crosses them, and the first check makes sure of it.
        """
        if _OPAQUE in flow[m.start : m.end] or _BOUNDARY in flow[m.start : m.end]:
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
        marks = col.raw_marks
        crosses_raw = bool(marks) and bisect_right(marks, m.end) > bisect_left(marks, m.start)
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
            if e_pos != len(end_text or "") or not _edge_of(
                end_child, (e_owner, e_tail), first=False
            ):
                return None
            last = _index(children, end_child)
        elif e_tail:
            last = _index(children, e_owner)
        else:
            return None  # ends in ``parent.text``, so starts there too: one text, seen above
        if first > last or not all(_wrappable(c) for c in children[first : last + 1]):
            return None
        return _Span(
            parent,
            (s_owner, s_tail, s_pos),
            start_child,
            (e_owner, e_tail, e_pos),
            end_child,
            m.term_id,
        )

    def _href(self, term_id: str, page_url: str, bases: dict[str, str]) -> str | None:
        """The link to a term's entry (``entry_url``: its index page and ``#id``) from this page;
        ``bases`` remembers, for the page, the relative URL of each index page (a split index
        has a few dozen, a page links hundreds of terms)."""
        term = self.state.glossary.get(term_id)
        if term is None:
            return None
        path, fragment = split_fragment(self.state.entry_url(term))
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
    head = text[: slot.spans[0][0]]
    for start, end, term_id in slot.spans:
        if links:
            links[-1].tail = piece(text[pos:start]) or None
        a = etree.Element(
            "a",
            {"class": LINK_CLASS, "href": hrefs[term_id] or "", "data-glossary-term": term_id},
        )
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


def _raw_tags(text: str, stash: Sequence[object]) -> list[tuple[int, int, str, bool]]:
    """The raw wrappable tags of a text: (start, end, name, closing) of each placeholder."""
    out = []
    for m in _PLACEHOLDER_RE.finditer(text):
        k = int(m.group(1))
        raw = stash[k] if 0 <= k < len(stash) else None
        tag = _TAG_RE.fullmatch(raw) if isinstance(raw, str) else None
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
    (``<b>요청 본</b>문은`` would cut the ``b``): the mention is not linked.

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


def _apply_span(span: _Span, hrefs: dict[str, str | None]) -> None:
    """Make a link that wraps whole children of ``span.parent`` and the text around them."""
    parent = span.parent
    children = list(parent)
    a = etree.Element(
        "a",
        {
            "class": LINK_CLASS,
            "href": hrefs[span.term_id] or "",
            "data-glossary-term": span.term_id,
        },
    )
    s_owner, s_tail, s_pos = span.start
    if span.start_child is not None:
        first = _index(children, span.start_child)
    else:
        text = s_owner.tail if s_tail else s_owner.text
        assert text is not None
        head, a.text = _cut(text, s_pos)
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
        e_owner.tail, a.tail = _cut(text, e_pos)
    a.extend(children[first : last + 1])
    del parent[first : last + 1]
    parent.insert(first, a)


def _cut(text: str, pos: int) -> tuple[str | None, str | None]:
    """``text`` cut at ``pos`` into two texts (None when empty), atomic if ``text`` was."""
    head, rest = text[:pos], text[pos:]
    if isinstance(text, AtomicString):
        return (AtomicString(head) if head else None), (AtomicString(rest) if rest else None)
    return head or None, rest or None


def _strip_scopes(root: etree.Element) -> None:
    for elem in root.iter():
        if SCOPE_ATTR in elem.attrib:
            del elem.attrib[SCOPE_ATTR]


class GlossaryExtension(Extension):
    """Registers the linker on every Markdown instance (MkDocs makes one per page).

    One instance is shared by all pages of a build through its ``state``; it holds no MkDocs
    objects, so it can be used with plain Python-Markdown too.
    """

    def __init__(self, state: LinkerState, **kwargs: object) -> None:
        self.state = state
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(GlossaryTreeprocessor(md, self.state), "glossary", PRIORITY)
