"""The tooltip payload: the summaries of the terms a page mentions, embedded in that page.

Each page carries, after its content, one empty hidden element per term it links::

    <div class="glossary-payload" hidden data-glossary-label="Open in glossary">
      <span data-glossary-term="ID" data-glossary-name="NAME" data-glossary-summary="HTML"></span>
    </div>

Why attributes of our own elements (GUIDE §11, §12): Material's instant navigation swaps the
content element and re-runs only ``<script>`` elements in it (a JSON ``<script>`` would be run as
JavaScript), and MkDocs' search indexes the *text* of ``<script>``/``<template>``. Attribute values
are neither run nor indexed, and ``html.escape(..., quote=True)`` makes any text safe inside a
double-quoted attribute: ``</script>``, ``<!--``, quotes and ``&`` cannot end it.

A summary is rendered ONCE per term with the site's own Markdown extensions but without our
linker (no nested tooltips), then cut (GUIDE §12): an explicit ``summary``, else the first
paragraph with text of the rendered definition (image-only paragraphs skipped), else its first
list item; cut at the last sentence end within ~200 characters, else at a word boundary with
``…``. Relative URLs in it are rewritten for each page's depth.

Pure Python: imports Python-Markdown (to render) but no MkDocs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from .model import Glossary, Problem, Term
from .urls import relative_url

__all__ = [
    "PAYLOAD_CLASS",
    "SUMMARY_LIMIT",
    "Payloads",
    "first_block",
    "make_renderer",
    "mentioned_ids",
    "payload_html",
    "rewrite_urls",
    "summarize",
]

PAYLOAD_CLASS = "glossary-payload"
#: About how many characters of text a cut summary keeps (GUIDE §12).
SUMMARY_LIMIT = 200


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_VOID = _words("area base br col embed hr img input link meta param source track wbr")
# A cut never falls inside these: code, keys and math must stay whole.
_ATOMIC_TAGS = _words("code kbd samp math svg script style abbr a")
_ATOMIC_CLASSES = frozenset({"arithmatex"})
# Never copied into a summary: they run, load or hold no readable text.
_DROP_TAGS = _words("script style template noscript iframe object embed form")
# Element attributes that would duplicate ids of the page the summary is embedded in.
_DROP_ATTRS = frozenset({"id", "name"})


# -- a tiny tolerant HTML tree ---------------------------------------------------------------------


@dataclass
class _Node:
    tag: str  # "" for a text node
    attrs: list[tuple[str, str]] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
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
        return self.tag in _ATOMIC_TAGS or bool(self.classes() & _ATOMIC_CLASSES)


class _TreeBuilder(HTMLParser):
    """Builds a ``_Node`` tree; tolerant of unclosed tags in authors' raw HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, [(k, v if v is not None else "") for k, v in attrs])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, [(k, v if v is not None else "") for k, v in attrs])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(_Node("", text=data))


def _parse(markup: str) -> _Node:
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


def _start_tag(node: _Node) -> str:
    attrs = "".join(
        f' {name}="{html.escape(value, quote=True)}"'
        for name, value in node.attrs
        if name not in _DROP_ATTRS
    )
    return f"<{node.tag}{attrs}>"


def _serialize(nodes: Iterable[_Node], budget: list[int] | None = None) -> str:
    """HTML of ``nodes``; with ``budget`` (characters of text left), stop when it runs out."""
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
            out.append(_start_tag(node) + _serialize(node.children, budget) + f"</{node.tag}>")
    return "".join(out)


def _math_script(node: _Node) -> str:
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


def _walk(node: _Node) -> Iterator[_Node]:
    for child in node.children:
        yield child
        if child.tag:
            yield from _walk(child)


def _has_text(node: _Node) -> bool:
    return bool(node.plain().strip())


# -- summaries -------------------------------------------------------------------------------------


def first_block(rendered: str) -> _Node | None:
    """The block a summary is made from: the first top-level paragraph with text (image-only
    paragraphs hold no text and are skipped), else the first list item with text, else the first
    paragraph with text at any depth (inside an admonition, not its title)."""
    root = _parse(rendered)
    for child in root.children:
        if child.tag == "p" and _has_text(child):
            return child
    nodes = list(_walk(root))
    for tag in ("li", "p"):
        for node in nodes:
            if node.tag == tag and _has_text(node) and "admonition-title" not in node.classes():
                return node
    return None


# A sentence ends at ``.``, ``!`` or ``?`` followed by a space or the end of the text (``다.`` is
# one of them), or at an ideographic full stop, which needs no space after it.
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[。！？]")


def _atomic_spans(block: _Node) -> list[tuple[int, int]]:
    """Text ranges (offsets into ``block.plain()``) that lie inside atomic elements."""
    spans: list[tuple[int, int]] = []
    pos = 0

    def visit(node: _Node, inside: bool) -> None:
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


def summarize(block: _Node, limit: int = SUMMARY_LIMIT) -> str:
    """Inner HTML of ``block``, cut to about ``limit`` characters of text (GUIDE §12)."""
    text = block.plain()
    lead = len(text) - len(text.lstrip())
    if len(text.strip()) <= limit:
        return _serialize(block.children).strip()
    cut, ellipsis = _cut_point(text, _atomic_spans(block), limit + lead)
    markup = _serialize(block.children, [cut]).rstrip()
    # Drop a trailing line break left dangling by the cut.
    markup = re.sub(r"(?:\s*<br>)+$", "", markup).rstrip()
    return markup + ("…" if ellipsis else "")


def _unwrap_paragraph(rendered: str) -> str:
    """An explicit summary that renders to one paragraph is shown without the ``<p>``."""
    root = _parse(rendered)
    blocks = [c for c in root.children if c.tag or c.text.strip()]
    if len(blocks) == 1 and blocks[0].tag == "p":
        return _serialize(blocks[0].children).strip()
    return _serialize(root.children).strip()


def summary_html(term: Term, render: Callable[[str], str], limit: int = SUMMARY_LIMIT) -> str:
    """The summary of ``term`` as HTML (URLs as the author wrote them)."""
    if term.summary and term.summary.strip():
        return _unwrap_paragraph(render(term.summary))
    if not term.has_definition:
        return ""
    block = _lead_block(term.definition, render)
    if block is None:
        block = first_block(render(term.definition))
    return summarize(block, limit) if block is not None else ""


# -- rendering only the lead paragraph -------------------------------------------------------------
#
# Most definitions open with a paragraph of text, and the summary is made from it alone. Rendering
# just that first block (up to the first blank line) instead of the whole definition gives the
# same paragraph whenever nothing after it can change how it renders, and saves a good part of the
# Markdown work per summary (one summary per linked term per build). The conditions below are
# deliberately strict; anything else renders the whole definition as before.

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
#: In the lead block: constructs that may span blank lines (fences, math blocks, raw HTML, block
#: extensions), refer to text elsewhere (footnotes), or take attributes (``{: …}``).
_LEAD_UNSAFE = ("```", "~~~", "$$", "\\[", "\\begin", "<", "{", "[^", "///", "8<", "\t")
#: Block starts that do not make a paragraph (headings, lists, quotes, images, admonitions, tabs,
#: tables, indented code): not worth a first try.
_NOT_A_PARAGRAPH = re.compile(r"[ #*+\-\d>!=?|:]")
#: Extensions whose output for a block does not depend on a later block of the document, once the
#: conditions of ``_lead_markdown`` hold. Any other extension (a site's own, snippets, critic,
#: blocks) turns the shortcut off.
_LEAD_SAFE_EXTENSIONS = frozenset(
    {
        "markdown.extensions." + name
        for name in _words(
            "abbr admonition attr_list codehilite def_list extra fenced_code footnotes "
            "legacy_attrs legacy_em md_in_html meta nl2br sane_lists smarty tables toc wikilinks"
        )
    }
    | {
        "pymdownx." + name
        for name in _words(
            "arithmatex b64 betterem caret details emoji escapeall extra highlight inlinehilite "
            "keys magiclink mark progressbar saneheaders smartsymbols striphtml superfences "
            "tabbed tasklist tilde"
        )
    }
)


def _lead_markdown(definition: str) -> str | None:
    """The definition's first block when it may be rendered alone (see above), else None.

    Nothing later may reach back into it: no reference, footnote or abbreviation definitions
    anywhere (``]:``), no definition-list marker, attribute list or indented continuation right
    after it.
    """
    parts = _BLANK_LINE.split(definition, maxsplit=1)
    if len(parts) < 2 or not parts[1].strip():
        return None  # one block: nothing to save
    lead, rest = parts
    if not lead or _NOT_A_PARAGRAPH.match(lead) or "]:" in definition:
        return None
    if any(token in lead for token in _LEAD_UNSAFE):
        return None
    if rest[:1] in (" ", "\t", ":", "\n", "{"):
        return None
    return lead


def _lead_block(definition: str, render: Callable[[str], str]) -> _Node | None:
    """The summary block from rendering only the lead block, when that is safe and it renders
    to exactly one paragraph with text (what ``first_block`` finds first in the whole)."""
    if not getattr(render, "lead_safe", False):
        return None
    lead = _lead_markdown(definition)
    if lead is None:
        return None
    root = _parse(render(lead))
    blocks = [c for c in root.children if c.tag or c.text.strip()]
    if len(blocks) == 1 and blocks[0].tag == "p" and _has_text(blocks[0]):
        return blocks[0]
    return None


class _Renderer:
    """Markdown to HTML with one reused ``Markdown`` instance (``reset`` between texts).

    ``lead_safe``: every extension is one of ``_LEAD_SAFE_EXTENSIONS``, so a definition's lead
    paragraph may be rendered alone (``_lead_block``).
    """

    def __init__(self, md: Any, extensions: Sequence[Any]) -> None:
        self.md = md
        modules = {type(ext).__module__ for ext in extensions}
        self.lead_safe = modules <= _LEAD_SAFE_EXTENSIONS

    def __call__(self, text: str) -> str:
        self.md.reset()
        return str(self.md.convert(text))


def make_renderer(
    extensions: Sequence[Any], extension_configs: Mapping[str, Any]
) -> Callable[[str], str]:
    """A Markdown renderer with the site's extensions, minus this package's own (no linker)."""
    import markdown

    own = [e for e in extensions if type(e).__module__.startswith("mkdocs_glossary_plugin")]
    configs = dict(extension_configs)
    # Built here, as ``Markdown`` would build them, so that their classes are known (an extension
    # that needs no ``reset`` never shows in ``registeredExtensions``).
    builder = markdown.Markdown()
    exts = [
        builder.build_extension(e, configs.get(e, {})) if isinstance(e, str) else e
        for e in extensions
        if e not in own
    ]
    return _Renderer(markdown.Markdown(extensions=exts), exts)


# -- URLs ------------------------------------------------------------------------------------------

_URL_ATTR = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|/)")


def rewrite_urls(markup: str, rewrite: Callable[[str], str]) -> str:
    """Apply ``rewrite`` to every relative ``href``/``src`` (absolute URLs stay as they are).

    ``markup`` is our own serialization (double-quoted, escaped attributes), so one pattern
    finds every URL; ``rewrite`` gets and returns unescaped URLs.
    """

    def sub(m: re.Match[str]) -> str:
        url = html.unescape(m.group(2))
        if not url or _ABSOLUTE.match(url):
            return m.group(0)
        return m.group(1) + html.escape(rewrite(url), quote=True) + m.group(3)

    return _URL_ATTR.sub(sub, markup)


# -- pages -----------------------------------------------------------------------------------------

_LINK_TAG = re.compile(r"<a\s[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def mentioned_ids(page_html: str) -> list[str]:
    """Ids of the terms linked on a page (``a.glossary-term[data-glossary-term]``), in order.

    Read from the page's final HTML, so every link counts, whoever wrote it (the linker, the
    ``term()`` macro, an author's own HTML).
    """
    seen: dict[str, None] = {}
    for m in _LINK_TAG.finditer(page_html):
        tag = m.group(0)
        if "data-glossary-term" not in tag.lower():
            continue  # most links of a page are not ours: skip reading their attributes
        attrs: dict[str, str] = {}
        for a in _ATTR.finditer(tag[2:-1]):
            value = a.group(2) if a.group(2) is not None else (a.group(3) or a.group(4) or "")
            attrs.setdefault(a.group(1).lower(), html.unescape(value))
        term_id = attrs.get("data-glossary-term")
        if term_id and "glossary-term" in attrs.get("class", "").split():
            seen.setdefault(term_id, None)
    return list(seen)


def payload_html(items: Iterable[tuple[str, str, str]], label: str) -> str:
    """The hidden payload element for ``(id, name, summary_html)`` items; ``""`` for none."""
    spans = "".join(
        f'<span data-glossary-term="{_attr(term_id)}" data-glossary-name="{_attr(name)}" '
        f'data-glossary-summary="{_attr(summary)}"></span>'
        for term_id, name, summary in items
    )
    if not spans:
        return ""
    return f'<div class="{PAYLOAD_CLASS}" hidden data-glossary-label="{_attr(label)}">{spans}</div>'


def _attr(value: str) -> str:
    # quote=True escapes & < > " ' : nothing in the value can end the attribute or open a tag.
    return html.escape(value, quote=True)


class Payloads:
    """Summaries rendered once per build, then the payload for each page.

    ``render`` turns Markdown into HTML (``make_renderer``); ``resolve(term, url)`` maps a relative
    URL written in a term's definition (relative to its source file) to a site-root-relative URL,
    or None to leave it as written; ``label`` is the localized "open in glossary" text.
    """

    def __init__(
        self,
        glossary: Glossary,
        render: Callable[[str], str],
        label: str,
        resolve: Callable[[Term, str], str | None] | None = None,
    ) -> None:
        self.glossary = glossary
        self.render = render
        self.label = label
        self.resolve = resolve
        self._summaries: dict[str, str] = {}
        self.problems: list[Problem] = []
        """Summaries that could not be rendered; the plugin logs and clears them."""

    def summary(self, term: Term) -> str:
        """The summary of a term, rendered on first use, with URLs resolved to the site root.

        Resolved URLs are marked with ``_ROOT`` here and made page-relative in ``for_page``.
        """
        cached = self._summaries.get(term.id)
        if cached is None:
            try:
                cached = summary_html(term, self.render)
            except Exception as exc:  # an extension failing on this text must not stop the build
                self.problems.append(
                    Problem(
                        f"the tooltip summary of '{term.display_name}' could not be rendered "
                        f"({type(exc).__name__}: {exc}); its tooltip shows the name only",
                        term.path or None,
                        term.line or None,
                    )
                )
                cached = ""
            if self.resolve is not None:
                resolve = self.resolve

                def to_root(url: str) -> str:
                    target = resolve(term, url)
                    return url if target is None else _ROOT + target.lstrip("/")

                cached = rewrite_urls(cached, to_root)
            self._summaries[term.id] = cached
        return cached

    def for_page(self, page_html: str, page_url: str) -> str:
        """The payload to append to a page (``""`` when it mentions no term)."""
        items = []
        for term_id in mentioned_ids(page_html):
            term = self.glossary.get(term_id)
            if term is None:
                continue
            summary = self.summary(term)
            if self.resolve is not None:
                summary = _root_to_page(summary, page_url)
            items.append((term.id, term.display_name, summary))
        return payload_html(items, self.label)


# A scheme no author writes: marks the site-root-relative URLs of a cached summary.
_ROOT = "glossary-root:"
_ROOT_ATTR = re.compile(r'(\s(?:href|src)=")' + _ROOT + r'([^"]*)(")')


def _root_to_page(markup: str, page_url: str) -> str:
    """Turn the ``_ROOT``-marked site-root URLs of a cached summary into page-relative ones."""

    def sub(m: re.Match[str]) -> str:
        url = relative_url(html.unescape(m.group(2)), page_url)
        return m.group(1) + html.escape(url, quote=True) + m.group(3)

    return _ROOT_ATTR.sub(sub, markup)
