"""The flow: a page's linkable texts laid end to end in one string, for one matcher pass.

Searching each text node on its own would miss the neighbours of a mention and cost one
automaton pass per node; the walk here instead lays every piece of text that may hold a link
(element texts and tails outside skipped contexts) end to end in one *flow* string, so the
matcher searches once per page and sees what really stands next to each mention (``**텐서**플로`` is
not ``텐서``). What the matcher must not read becomes one symbol:

- a block boundary is a NUL, not a space: the matcher lets whitespace join the words of a term,
  and a term never continues from one paragraph into the next;
- skipped content (code, a link, an element with a title) and stashed raw HTML are U+FFFC, a
  neutral symbol that is an edge for every term and never part of one, so no mention is found
  in them or across them.

Raw wrappable tags (``<b>``, ``</em>``) are the exception: left out of the flow like the tree's
own inline elements, so ``<b>요청</b> 본문`` reads ``요청 본문``; their offsets are recorded for
the spanning links (``spans``).

Each *run* (a linkable piece of the flow) records the text it came from, so the linker can turn
a match's flow offsets back into a place in the tree. This walk is the per-node hot path of every
page: it makes no object per text node except the pieces of the flow.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from collections.abc import Sequence

from .markup import (
    INLINE_TAGS,
    PLACEHOLDER_RE,
    SCOPE_ATTR,
    SKIP_ATTR,
    SKIP_CLASSES,
    SKIP_TAGS,
    TAG_RE,
    VOID_TAGS,
    WRAPPABLE_TAGS,
    raw_attrs_skip,
)

__all__ = ["BOUNDARY", "OPAQUE", "Collector", "Run", "Scope", "strip_scopes"]

OPAQUE = "\ufffc"  # stands for content that is not text to link: an edge for the matcher
BOUNDARY = "\x00"  # a block boundary: neither a letter nor a space (a newline joins words)


class Scope:
    """A region where ``link: first`` bookkeeping starts afresh; ``banned`` terms are not linked."""

    __slots__ = ("banned", "seen")

    def __init__(self, banned: frozenset[str]) -> None:
        self.banned = banned
        self.seen: set[str] = set()


#: One run of the flow: the text's owner, whether the text is the owner's tail, the owner's
#: parent and its index there (for tails), the scope, and the offset of the run in the text.
Run = tuple[etree.Element, bool, "etree.Element | None", int, Scope, int]


class Collector:
    """Walks one tree and builds the flow string and its runs (see the module doc).

    This is the per-node hot path of every page: it makes no object per text node except the
    pieces of the flow, and reads stashed raw tags only in texts that hold a placeholder.
    """

    __slots__ = (
        "last",
        "length",
        "parts",
        "raw_tag_offsets",
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
        self.last = BOUNDARY  # last character appended, to avoid repeated boundaries
        self.run_starts: list[int] = []
        self.run_ends: list[int] = []
        self.run_info: list[Run] = []
        self.scoped = False  # whether the tree has a scope below the root (the index page)
        #: Flow offsets where a raw wrappable tag (``<b>``, ``</b>``) was left out of the flow.
        self.raw_tag_offsets: list[int] = []

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

        Returns whether the tag is a wrappable one (``<b>``, ``</em>``: a name in
        ``WRAPPABLE_TAGS``, and for an opening tag no title or skip class): such a tag is left
        out of the flow, like the tree's own inline elements, so that ``<b>요청</b> 본문`` reads
        as ``요청 본문``."""
        m = TAG_RE.fullmatch(raw)
        if m is None:
            return False
        closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break
            return name in WRAPPABLE_TAGS and not attrs.strip()
        if name in VOID_TAGS or attrs.rstrip().endswith("/"):
            return False
        skip = name in SKIP_TAGS or raw_attrs_skip(attrs)
        stack.append((name, skip))
        return name in WRAPPABLE_TAGS and not skip

    def _text_with_placeholders(
        self,
        text: str,
        owner: etree.Element,
        is_tail: bool,
        parent: etree.Element | None,
        index: int,
        scope: Scope,
        stack: list[tuple[str, bool]],
    ) -> None:
        """Lay a text holding stashed-HTML placeholders into the flow, piece by piece."""
        parts = self.parts
        pos = 0
        for m in PLACEHOLDER_RE.finditer(text):
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
                    self.raw_tag_offsets.append(self.length)
                    continue
                if raw.startswith("&") and raw.endswith(";"):
                    char = html.unescape(raw)
                    if len(char) == 1 and char != BOUNDARY:
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
        if self.last != OPAQUE:
            self.parts.append(OPAQUE)
            self.length += 1
            self.last = OPAQUE

    def _run(
        self,
        piece: str,
        owner: etree.Element,
        is_tail: bool,
        parent: etree.Element | None,
        index: int,
        scope: Scope,
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

    def walk(self, elem: etree.Element, skipping: bool, scope: Scope) -> None:
        tag = elem.tag
        if not isinstance(tag, str):  # a comment or processing instruction
            return
        inline = tag in INLINE_TAGS
        if not inline and self.last != BOUNDARY:
            self.parts.append(BOUNDARY)
            self.length += 1
            self.last = BOUNDARY
        attrib = elem.attrib
        if not skipping:
            if tag in SKIP_TAGS or SKIP_ATTR in attrib:
                skipping = True
            else:
                cls = attrib.get("class")
                if cls and not SKIP_CLASSES.isdisjoint(cls.split()):
                    skipping = True
        if SCOPE_ATTR in attrib:
            scope = Scope(scope.banned | {attrib.pop(SCOPE_ATTR)})
            self.scoped = True
        if skipping:
            # Nothing below is linked; only remove scope attributes so they never reach the
            # output.
            for sub in elem.iter():
                if SCOPE_ATTR in sub.attrib:
                    del sub.attrib[SCOPE_ATTR]
            symbol = OPAQUE if inline else BOUNDARY
            if self.last != symbol:
                self.parts.append(symbol)
                self.length += 1
                self.last = symbol
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
        if not inline and self.last != BOUNDARY:
            self.parts.append(BOUNDARY)
            self.length += 1
            self.last = BOUNDARY

    @property
    def flow(self) -> str:
        return "".join(self.parts)


def strip_scopes(root: etree.Element) -> None:
    """Remove every scope attribute from the tree, for a page that is not linked: the attribute
    is ours, and no page's HTML may show it."""
    for elem in root.iter():
        if SCOPE_ATTR in elem.attrib:
            del elem.attrib[SCOPE_ATTR]
