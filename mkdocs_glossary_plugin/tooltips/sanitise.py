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


class TreeBuilder(HTMLParser):
    """Builds a ``Node`` tree; tolerant of unclosed tags in authors' raw HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, [(k, v if v is not None else "") for k, v in attrs])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, [(k, v if v is not None else "") for k, v in attrs])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(Node("", text=data))


def parse(markup: str) -> Node:
    """The tree of ``markup`` under a ``#root`` node."""
    if "<" not in markup and "&" not in markup:
        # Plain text (most definitions' first paragraphs): the one text node the parser would
        # make, without running it.
        return Node("#root", children=[Node("", text=markup)] if markup else [])
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
