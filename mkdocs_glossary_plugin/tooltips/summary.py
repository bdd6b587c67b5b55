"""The summary of a term: one rule, and the one place where summaries are rendered.

The rule: a term's summary is its explicit ``summary`` field rendered (shown without the ``<p>``
when it renders to one paragraph); else the *lead* of its rendered definition, cut to about
``SUMMARY_LIMIT`` characters of text; else (no definition, or nothing with text in it) nothing.

The lead is the first top-level paragraph with text (an image-only paragraph holds no text and
is skipped: a tooltip shows words), else the first list item with text (a definition that opens
with a list), else the first paragraph with text at any depth that is not an admonition's title
(a definition that is one admonition). ``pick_lead`` states that choice once, for any tree:
this package applies it to HTML, and the index page applies it to the definitions it renders
anyway, so that most summaries need no Markdown conversion of their own (``index.leads``).

Definitions and explicit summaries are rendered by ``make_renderer``: the site's own Markdown
extensions without this package's (no links, hence no tooltip inside a tooltip).

A cut falls at the last sentence end within the limit, else at the last word boundary with
``…``; never inside code, keys, math, an abbreviation or a link, which must stay whole to mean
anything. About 200 characters is two lines of a tooltip: enough to say what a term is, short
enough not to cover the text being read.

Pure Python: imports Python-Markdown (to render) but no MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from ..model import Term
from .sanitise import Node, has_text, parse, serialize, walk

__all__ = [
    "SUMMARY_LIMIT",
    "has_explicit_summary",
    "lead_block",
    "make_renderer",
    "pick_lead",
    "summarize",
    "summary_html",
]

#: About how many characters of text a cut summary keeps: two lines of a tooltip.
SUMMARY_LIMIT = 200

N = TypeVar("N")


def pick_lead(
    top: Iterable[N],
    every: Iterable[N],
    tag: Callable[[N], object],
    with_text: Callable[[N], bool],
    classes: Callable[[N], Collection[str]],
) -> N | None:
    """The lead among a rendered definition's nodes (see the module docstring), for any tree:
    ``top`` are its top-level nodes, ``every`` all its nodes in document order; ``tag``,
    ``with_text`` and ``classes`` read a node."""
    for node in top:
        if tag(node) == "p" and with_text(node):
            return node
    nodes = list(every)
    for wanted in ("li", "p"):
        for node in nodes:
            if tag(node) == wanted and with_text(node) and "admonition-title" not in classes(node):
                return node
    return None


def lead_block(rendered: str) -> Node | None:
    """The lead of a rendered definition (its HTML), or None when nothing in it has text."""
    root = parse(rendered)
    return pick_lead(root.children, walk(root), _tag, has_text, Node.classes)


def _tag(node: Node) -> str:
    return node.tag


# A sentence ends at ``.``, ``!`` or ``?`` followed by a space or the end of the text (``다.`` is
# one of them), or at an ideographic full stop, which needs no space after it.
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[。！？]")


def _atomic_spans(block: Node) -> list[tuple[int, int]]:
    """Text ranges (offsets into ``block.plain()``) that lie inside atomic elements."""
    spans: list[tuple[int, int]] = []
    pos = 0

    def visit(node: Node, inside: bool) -> None:
        nonlocal pos
        for child in node.children:
            if not child.tag:
                pos += len(child.text)
                continue
            start = pos
            visit(child, inside or child.atomic())
            if child.atomic() and not inside:
                spans.append((start, pos))

    visit(block, False)
    return spans


def _cut_point(text: str, spans: Sequence[tuple[int, int]], limit: int) -> tuple[int, bool]:
    """Where to cut ``text`` and whether an ellipsis is due (a cut that is not a sentence end)."""

    def inside(pos: int) -> tuple[int, int] | None:
        for start, end in spans:
            if start < pos < end:
                return start, end
        return None

    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit + 1) if m.end() <= limit]
    for end in reversed(ends):
        if inside(end) is None:
            return end, False
    # No sentence end in reach: the last word boundary (a space) before the limit.
    cut = limit
    for m in re.finditer(r"\s+", text[: limit + 1]):
        if m.start() > 0:
            cut = m.start()
    span = inside(cut)
    if span is not None:
        cut = span[0] if span[0] > 0 else span[1]
    return cut, True


def summarize(block: Node, limit: int = SUMMARY_LIMIT) -> str:
    """Inner HTML of ``block`` (a lead), cut to about ``limit`` characters of text."""
    text = block.plain()
    indent = len(text) - len(text.lstrip())
    if len(text.strip()) <= limit:
        return serialize(block.children).strip()
    cut, ellipsis = _cut_point(text, _atomic_spans(block), limit + indent)
    markup = serialize(block.children, [cut]).rstrip()
    # Drop a trailing line break left dangling by the cut.
    markup = re.sub(r"(?:\s*<br>)+$", "", markup).rstrip()
    return markup + ("…" if ellipsis else "")


def _unwrap_paragraph(rendered: str) -> str:
    """An explicit summary that renders to one paragraph is shown without the ``<p>``."""
    root = parse(rendered)
    blocks = [c for c in root.children if c.tag or c.text.strip()]
    if len(blocks) == 1 and blocks[0].tag == "p":
        return serialize(blocks[0].children).strip()
    return serialize(root.children).strip()


def has_explicit_summary(term: Term) -> bool:
    """Whether ``term`` brings its own ``summary`` (a blank one does not count)."""
    return bool(term.summary and term.summary.strip())


def summary_html(term: Term, render: Callable[[str], str], limit: int = SUMMARY_LIMIT) -> str:
    """The summary of ``term`` as HTML (URLs as the author wrote them), rendered with
    ``render`` (``make_renderer``)."""
    if has_explicit_summary(term):
        return _unwrap_paragraph(render(term.summary or ""))
    if not term.has_definition:
        return ""
    block = lead_block(render(term.definition))
    return summarize(block, limit) if block is not None else ""


class _Renderer:
    """Markdown to HTML with one reused ``Markdown`` instance (``reset`` between texts, so no
    text sees another's footnotes, abbreviations or heading ids)."""

    def __init__(self, md: Any) -> None:
        self.md = md

    def __call__(self, text: str) -> str:
        self.md.reset()
        return str(self.md.convert(text))


def make_renderer(
    extensions: Sequence[Any], extension_configs: Mapping[str, Any]
) -> Callable[[str], str]:
    """A Markdown renderer with the site's extensions, minus this package's own (no linker)."""
    import markdown

    own = [e for e in extensions if type(e).__module__.startswith("mkdocs_glossary_plugin")]
    md = markdown.Markdown(
        extensions=[e for e in extensions if e not in own],
        extension_configs=dict(extension_configs),
    )
    return _Renderer(md)
