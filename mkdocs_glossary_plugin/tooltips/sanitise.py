"""The build-time cleanup of summary HTML: a tiny tolerant HTML tree and its serialization.

A summary is cut from HTML that the site's Markdown extensions and the author's raw HTML made.
The tree is read with ``html.parser`` (tolerant of unclosed tags in authors' raw HTML) and written
back with only what a tooltip may hold. The tooltip script cleans every summary again in the
browser with allow-lists, which is the guarantee; this pass keeps out of every page's payload
what that cleaning would drop anyway, and never splits code, keys or math when a summary is cut.

Pure Python, no Markdown, no MkDocs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["Node", "has_text", "parse", "serialize", "text_of", "walk"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_VOID = _words("area base br col embed hr img input link meta param source track wbr")
# A cut never falls inside these: code, keys and math must stay whole.
_ATOMIC_TAGS = _words("code kbd samp math svg script style abbr a")
_ATOMIC_CLASSES = frozenset({"arithmatex"})
# Never copied into a summary: they run, load or embed something, or hold no readable text (SVG
# and MathML included: math in a summary is TeX text, typeset in the browser).
_DROP_TAGS = _words(
    "script style template noscript iframe frame frameset object embed applet form svg math "
    "link meta base audio video textarea select title xmp noembed noframes"
)
# Element attributes that would duplicate ids of the page the summary is embedded in.
_DROP_ATTRS = frozenset({"id", "name"})


@dataclass
class Node:
    """An element (``tag``, ``attrs``, ``children``) or, with ``tag == ""``, a text node."""

    tag: str
    attrs: list[tuple[str, str]] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def classes(self) -> set[str]:
        for name, value in self.attrs:
            if name == "class":
                return set(value.split())
        return set()

    def plain(self) -> str:
        if not self.tag:
            return self.text
        return "".join(child.plain() for child in self.children)

    def atomic(self) -> bool:
        """Whether a cut must keep this element whole (code, keys, math, a link)."""
        return self.tag in _ATOMIC_TAGS or bool(self.classes() & _ATOMIC_CLASSES)


class _Tree:
    """A tree being built from start tags, end tags and text, in document order; tolerant of
    unclosed tags in authors' raw HTML. ``html.parser``'s events and ``_read_simple`` build it."""

    def __init__(self) -> None:
        self.root = Node("#root")
        self.stack = [self.root]

    def start(self, tag: str, attrs: list[tuple[str, str]], closed: bool) -> None:
        """An element; it holds what follows unless it is void or written closed (``<br />``)."""
        node = Node(tag, attrs)
        self.stack[-1].children.append(node)
        if not closed and tag not in _VOID:
            self.stack.append(node)

    def end(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def data(self, text: str) -> None:
        self.stack[-1].children.append(Node("", text=text))


class TreeBuilder(HTMLParser):
    """Builds a ``Node`` tree with ``html.parser``, which reads any markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tree = _Tree()
        self.root = self.tree.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tree.start(tag, [(k, v if v is not None else "") for k, v in attrs], False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tree.start(tag, [(k, v if v is not None else "") for k, v in attrs], True)

    def handle_endtag(self, tag: str) -> None:
        self.tree.end(tag)

    def handle_data(self, data: str) -> None:
        self.tree.data(data)


_WS = "[ \t\n\r\f]"
#: One piece of markup written the way Python-Markdown serializes it: a run of text, a start tag
#: whose attribute values are all double-quoted (``<br />`` included), or a bare end tag.
_SIMPLE_TOKEN = re.compile(
    r"([^<]+)"
    r"|<([a-zA-Z][a-zA-Z0-9]*)"
    r"((?:" + _WS + r'+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>]*")?)*)' + _WS + r"*(/?)>"
    r"|</([a-zA-Z][a-zA-Z0-9]*)>"
)
_SIMPLE_ATTR = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"<>]*)")?')
#: Elements whose content ``html.parser`` reads as raw text (or, in some Python versions, as
#: escapable raw text), not as markup: left to it.
_RAW_TEXT = _words("script style textarea title xmp iframe noembed noframes noscript plaintext")


def _read_simple(markup: str) -> Node | None:
    """The tree ``html.parser`` makes of ``markup`` when the markup holds nothing but the simple
    pieces of ``_SIMPLE_TOKEN``; None otherwise (comments, declarations, unquoted or
    single-quoted attribute values, a ``<`` that opens no tag, raw-text elements).

    Why: a build cuts the summary of every term from its lead on the index page (the JSON-LD
    and the export want them all), and the leads are markup of that kind, which ``html.parser``
    reads slowly but always alike, as here: tag and attribute names lowercased, text and
    attribute values with their character references resolved (``html.unescape``), a missing
    attribute value empty, a start tag written closed (``/>``) closed.
    """
    tree = _Tree()
    pos, size = 0, len(markup)
    match, unescape = _SIMPLE_TOKEN.match, html.unescape
    while pos < size:
        m = match(markup, pos)
        if m is None:
            return None
        text, tag, attrs, closed, end_tag = m.groups()
        if text is not None:
            tree.data(unescape(text) if "&" in text else text)
        elif tag is not None:
            tag = tag.lower()
            if tag in _RAW_TEXT:
                return None
            pairs = [
                (name.lower(), unescape(value) if "&" in value else value)
                for name, value in _SIMPLE_ATTR.findall(attrs)
            ]
            tree.start(tag, pairs, bool(closed))
        else:
            tree.end(end_tag.lower())
        pos = m.end()
    return tree.root


def parse(markup: str) -> Node:
    """The tree of ``markup`` under a ``#root`` node."""
    if "<" not in markup and "&" not in markup:
        # Plain text (most definitions' first paragraphs): the one text node the parser would
        # make, without running it.
        return Node("#root", children=[Node("", text=markup)] if markup else [])
    simple = _read_simple(markup)
    if simple is not None:
        return simple
    builder = TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


def _start_tag(node: Node) -> str:
    attrs = "".join(
        f' {name}="{html.escape(value, quote=True)}"'
        for name, value in node.attrs
        if name not in _DROP_ATTRS and not name.startswith("on")  # no event handlers
    )
    return f"<{node.tag}{attrs}>"


def serialize(nodes: Iterable[Node], budget: list[int] | None = None) -> str:
    """HTML of ``nodes``, cleaned; with ``budget`` (characters of text left), stop when it runs
    out."""
    out: list[str] = []
    for node in nodes:
        if budget is not None and budget[0] <= 0:
            break
        if not node.tag:
            text = node.text
            if budget is not None:
                text = text[: budget[0]]
                budget[0] -= len(text)
            out.append(html.escape(text, quote=False))
        elif node.tag == "script" and _math_script(node):
            out.append(_math_script(node))
        elif node.tag in _DROP_TAGS or "MathJax_Preview" in node.classes():
            continue
        elif node.tag in _VOID:
            out.append(_start_tag(node))
        else:
            out.append(_start_tag(node) + serialize(node.children, budget) + f"</{node.tag}>")
    return "".join(out)


def _math_script(node: Node) -> str:
    """Arithmatex's non-generic output (``<script type="math/tex">`` in a ``span.arithmatex``,
    after a ``MathJax_Preview`` that is dropped) as the generic form's delimited TeX text: the
    tooltip script never inserts ``<script>`` elements, and MathJax typesets the span."""
    kind = dict(node.attrs).get("type", "")
    if not kind.startswith("math/tex"):
        return ""
    tex = html.escape(node.plain(), quote=False)
    if "mode=display" in kind:
        return f"\\[{tex}\\]"
    return f"\\({tex}\\)"


_TAG = re.compile(r"<[^>]*>")


def text_of(markup: str) -> str:
    """The text of HTML that :func:`serialize` wrote (a summary): ``parse(markup).plain()``
    without running a parser over it.

    Exact for that output, and only for it: :func:`serialize` escapes ``<`` and ``>`` in text
    and every attribute value, writes no comments, and leaves no script or style text (math
    becomes delimited text), so every ``<`` opens a tag that the next ``>`` closes, and what
    is left between tags is escaped text. Why: the JSON-LD and the export need the text of
    every term's summary, and a second parse of each was a tenth of an index page's build."""
    return html.unescape(_TAG.sub("", markup))


def walk(node: Node) -> Iterator[Node]:
    """Every node below ``node``, in document order."""
    for child in node.children:
        yield child
        if child.tag:
            yield from walk(child)


def has_text(node: Node) -> bool:
    return bool(node.plain().strip())
