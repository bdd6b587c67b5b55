"""The tooltip payload: the summaries of the terms a page mentions, embedded in that page.

Each page carries, after its content, one empty hidden element per term it links::

    <div class="glossary-payload" hidden data-glossary-label="Open in glossary">
      <span data-glossary-term="ID" data-glossary-name="NAME" data-glossary-summary="HTML"></span>
    </div>

It is put there last: ``page.content`` holds a marker (``marker_html``) until the page's HTML is
final, and ``Payloads.fill`` replaces it (see "markers" below).

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
from urllib.parse import unquote, urljoin

from .marks import sub_last_marked, sub_marked
from .model import Glossary, Problem, Term
from .urls import relative_url

__all__ = [
    "BATCH_SIZE",
    "MARKER_ATTR",
    "PAYLOAD_CLASS",
    "SUMMARY_LIMIT",
    "Payloads",
    "first_block",
    "make_renderer",
    "marker_html",
    "marker_ids",
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
# Never copied into a summary: they run, load or embed something, or hold no readable text (SVG
# and MathML included: math in a summary is TeX text, typeset in the browser). The tooltip script
# cleans every summary again in the browser with allow-lists, which is the guarantee; this pass
# keeps out of every page's payload what that cleaning would drop anyway.
_DROP_TAGS = _words(
    "script style template noscript iframe frame frameset object embed applet form svg math "
    "link meta base audio video textarea select title xmp noembed noframes"
)
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
    if "<" not in markup and "&" not in markup:
        # Plain text (most definitions' first paragraphs): the one text node the parser would
        # make, without running it.
        return _Node("#root", children=[_Node("", text=markup)] if markup else [])
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


def _start_tag(node: _Node) -> str:
    attrs = "".join(
        f' {name}="{html.escape(value, quote=True)}"'
        for name, value in node.attrs
        if name not in _DROP_ATTRS and not name.startswith("on")  # no event handlers
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
    job = _summary_job(term, getattr(render, "lead_safe", False))
    if job is None:
        return ""
    return _finish(term, job, render(job[1]), render, limit)


#: What a summary is rendered from: ``("summary", explicit summary)``, ``("lead", the
#: definition's lead block)`` or ``("whole", the definition)``.
_Job = tuple[str, str]


def _summary_job(term: Term, lead_safe: bool) -> _Job | None:
    """The Markdown to render for ``term``'s summary, and how to read it; None: no summary."""
    if term.summary and term.summary.strip():
        return ("summary", term.summary)
    if not term.has_definition:
        return None
    lead = _lead_markdown(term.definition) if lead_safe else None
    return ("lead", lead) if lead is not None else ("whole", term.definition)


def _finish(term: Term, job: _Job, rendered: str, render: Callable[[str], str], limit: int) -> str:
    """The summary from ``rendered`` (the HTML of ``job``'s Markdown). A lead block that did not
    render to exactly one paragraph with text falls back to rendering the whole definition."""
    if job[0] == "summary":
        return _unwrap_paragraph(rendered)
    block = _single_paragraph(rendered) if job[0] == "lead" else None
    if block is None:
        block = first_block(rendered if job[0] == "whole" else render(term.definition))
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


def _single_paragraph(rendered: str) -> _Node | None:
    """The one paragraph with text that ``rendered`` (a lead block's HTML) consists of, else None:
    only then is it what ``first_block`` finds first in the whole definition."""
    root = _parse(rendered)
    blocks = [c for c in root.children if c.tag or c.text.strip()]
    if len(blocks) == 1 and blocks[0].tag == "p" and _has_text(blocks[0]):
        return blocks[0]
    return None


# -- rendering many summaries in one conversion ---------------------------------------------------
#
# Each ``Markdown.convert`` call has a fixed cost (reset, the preprocessor and treeprocessor passes,
# serialization) that dominates for a short summary. Texts that cannot reach across a blank line
# into the next block, and that depend on no state of the document, render as consecutive blocks
# of one document exactly as they render alone; a raw-HTML comment line between them (stashed by
# Python-Markdown and written back verbatim on a line of its own) splits the output again.
# ``tests/test_summary_batch.py`` checks the equivalence on the demo glossary, the seed and
# tricky definitions.

#: How many texts one conversion renders at most (bounds the cost of a batch that fails).
BATCH_SIZE = 100
_SPLIT = "<!--glossary-split-->"
_SPLIT_SOURCE = f"\n\n{_SPLIT}\n\n"
#: Constructs that may span blank lines (fences, math blocks, raw HTML, block extensions), refer
#: to or define text elsewhere (footnotes; references and abbreviations, ``]:``), or depend on a
#: counter of the document: heading ids (toc), tab ids (tabbed), line anchors of code blocks
#: (indented code inside a list item needs 8 spaces). Stash placeholders (STX/ETX) are Markdown's.
_BATCH_UNSAFE = (
    *("```", "~~~", "$$", "\\[", "\\begin", "<", "[^", "]:", "///", "8<", "\t", "==="),
    *("\x02", "\x03"),
)
_HEADING_OR_DEEP = re.compile(r"^(?: {0,3}(?:#|=+[ \t]*$|-+[ \t]*$)| {8})", re.MULTILINE)
_META_START = re.compile(r"(?: {0,3}[A-Za-z0-9_-]+:|-{3})")


def _batch_unsafe(text: str) -> bool:
    """True unless ``text`` is safe in a batch: no token above, no heading line, no line indented
    8 spaces or more, and it starts a block of its own (not blank, not indented, not a
    definition-list ``:`` that would make the separator before it a term)."""
    if not text or text[0] in " \n:" or text != text.rstrip():
        return True
    if any(token in text for token in _BATCH_UNSAFE):
        return True
    return _HEADING_OR_DEEP.search(text) is not None


class _Renderer:
    """Markdown to HTML with one reused ``Markdown`` instance (``reset`` between texts).

    ``lead_safe``: every extension is one of ``_LEAD_SAFE_EXTENSIONS``, so a definition's lead
    paragraph may be rendered alone (``_lead_markdown``), and texts that ``batch_safe`` accepts
    may be rendered together (``batch``).
    """

    def __init__(self, md: Any, extensions: Sequence[Any]) -> None:
        self.md = md
        modules = {type(ext).__module__ for ext in extensions}
        self.lead_safe = modules <= _LEAD_SAFE_EXTENSIONS
        self._meta = "markdown.extensions.meta" in modules
        self._toc_markers = tuple(
            str(ext.getConfig("marker"))
            for ext in extensions
            if type(ext).__module__ == "markdown.extensions.toc" and ext.getConfig("marker")
        )

    def __call__(self, text: str) -> str:
        self.md.reset()
        return str(self.md.convert(text))

    def batch_safe(self, text: str) -> bool:
        """Whether ``text`` renders inside a batch exactly as alone (see ``_batch_unsafe``)."""
        if not self.lead_safe or _batch_unsafe(text):
            return False
        if any(marker in text for marker in self._toc_markers):
            return False  # replaced by the table of contents of the whole document
        # ``meta`` reads key/value lines at the start of a document only.
        return not (self._meta and _META_START.match(text))

    def batch(self, texts: Sequence[str]) -> list[str | None]:
        """The HTML of each text as ``self(text)`` gives it, from as few conversions as possible;
        None for a text that must be rendered alone (not ``batch_safe``, or its batch failed:
        rendering it alone then reports the text that fails)."""
        out: list[str | None] = [None] * len(texts)
        safe = [i for i, text in enumerate(texts) if self.batch_safe(text)]
        for start in range(0, len(safe), BATCH_SIZE):
            chunk = safe[start : start + BATCH_SIZE]
            if len(chunk) < 2:
                continue
            try:
                rendered = self(_SPLIT_SOURCE.join(texts[i] for i in chunk))
            except Exception:  # an extension failed on one of them: each alone says which
                continue
            parts = rendered.split(_SPLIT)
            if len(parts) != len(chunk):
                continue  # a text swallowed or split a separator: never seen, but not trusted
            for i, part in zip(chunk, parts, strict=True):
                out[i] = part.strip()  # as ``convert`` strips a whole document's HTML
        return out


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
#: The linker's and the ``term()`` macro's own links start with exactly these two attributes; the
#: first occurrence of an attribute is the one that counts, so this reads them without a full scan.
_OWN_LINK = re.compile(r'<a class="glossary-term" data-glossary-term="([^"]+)"')


def mentioned_ids(page_html: str) -> list[str]:
    """Ids of the terms linked on a page (``a.glossary-term[data-glossary-term]``), in order.

    Read from the page's final HTML, so every link counts, whoever wrote it (the linker, the
    ``term()`` macro, an author's own HTML).
    """
    seen: dict[str, None] = {}
    for m in _LINK_TAG.finditer(page_html):
        tag = m.group(0)
        own = _OWN_LINK.match(tag)
        if own is not None:
            seen.setdefault(html.unescape(own.group(1)), None)
            continue
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
    return _payload_div([_span(*item) for item in items], label)


def _span(term_id: str, name: str, summary: str) -> str:
    return (
        f'<span data-glossary-term="{_attr(term_id)}" data-glossary-name="{_attr(name)}" '
        f'data-glossary-summary="{_attr(summary)}"></span>'
    )


def _payload_div(spans: Sequence[str], label: str) -> str:
    if not spans:
        return ""
    inner = "".join(spans)
    return f'<div class="{PAYLOAD_CLASS}" hidden data-glossary-label="{_attr(label)}">{inner}</div>'


def _attr(value: str) -> str:
    # quote=True escapes & < > " ' : nothing in the value can end the attribute or open a tag.
    return html.escape(value, quote=True)


# -- markers: the payload's place in a page, filled once search has read it -----------------------
#
# ``page.content`` carries only a marker: an empty hidden element with the ids of the terms the
# page links. Whatever reads the content before the template renders it (Material's search parses
# every page's content; RSS and print plugins copy it) thus handles a few bytes instead of every
# summary. The plugin replaces the marker with the payload (``Payloads.fill``) in the content,
# last before the template, and any marker left in a page's final HTML (blog excerpts, content
# copied from another page) there, so the page a browser gets is unchanged.

#: The marker's attribute: the term ids, each encoded by ``_encode_id``, separated by spaces.
MARKER_ATTR = "data-glossary-ids"
# Tolerant of another plugin re-serializing the content (attribute order, ``hidden=""``).
_MARKER = re.compile(r"<div\s[^>]*?\b" + MARKER_ATTR + r'="([^"]*)"[^>]*>\s*</div>')
# What an id must not carry raw: the separator (whitespace), the escape character itself, and
# what would need escaping in an attribute. Anything else (any script) stays as written.
_ID_SPECIAL = re.compile(r"""[%\s"&'<>]""")


def _encode_id(term_id: str) -> str:
    return _ID_SPECIAL.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), term_id)


def marker_html(ids: Sequence[str]) -> str:
    """The marker for a page linking the terms ``ids``; ``""`` for none."""
    if not ids:
        return ""
    encoded = " ".join(_encode_id(term_id) for term_id in ids)
    return f'<div class="{PAYLOAD_CLASS}" hidden {MARKER_ATTR}="{encoded}"></div>'


def marker_ids(value: str) -> list[str]:
    """The ids a marker's attribute value carries (``html.unescape`` first: a serializer may have
    written a character of it as a reference)."""
    return [unquote(part) for part in html.unescape(value).split()]


class Payloads:
    """Summaries rendered once per build, then the payload for each page.

    ``render`` turns Markdown into HTML (``make_renderer``); ``resolve(term, url)`` maps a relative
    URL written in a term's definition (relative to its source file) to a site-root-relative URL,
    or None to leave it as written; ``label`` is the localized "open in glossary" text.

    Summaries are rendered when first needed, together: ``marker`` notes the terms a page needs,
    and the next ``summary`` renders every noted one in as few conversions as ``render.batch``
    (``make_renderer``) allows.
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
        self._spans: dict[str, str] = {}
        self._pending: dict[str, None] = {}
        self._leads: dict[str, tuple[str, str]] = {}
        """Term id -> (inner HTML of its summary block on the index page, that page's URL)."""
        self.problems: list[Problem] = []
        """Summaries that could not be rendered; the plugin logs and clears them."""

    def marker(self, page_html: str) -> str:
        """The marker to append to a page's content (``""`` when it links no known term)."""
        ids = [i for i in mentioned_ids(page_html) if self.glossary.get(i) is not None]
        for term_id in ids:
            if term_id not in self._summaries and term_id not in self._leads:
                self._pending[term_id] = None
        return marker_html(ids)

    def fill(self, page_html: str, page_url: str, markers: int | None = None) -> str:
        """``page_html`` with every marker replaced by its payload for the page at ``page_url``
        (found with ``marks.sub_marked``: a whole page is some 250 KB with one marker).

        ``markers``: how many markers the plugin left in this page, if it knows; the page is then
        read fewer times (``marks.sub_last_marked``), with the same result."""

        def repl(m: re.Match[str]) -> str:
            return self._payload(marker_ids(m.group(1)), page_url)

        if markers:
            done = sub_last_marked(page_html, MARKER_ATTR, "<div", _MARKER, repl, markers)
            if done is not None:
                return done
        return sub_marked(page_html, MARKER_ATTR, "<div", _MARKER, repl)

    def for_page(self, page_html: str, page_url: str) -> str:
        """The payload of a page, read from its HTML at once (``""`` when it mentions no term):
        its marker, filled as the plugin fills it."""
        return self.fill(self.marker(page_html), page_url)

    def _payload(self, ids: Iterable[str], page_url: str) -> str:
        spans = []
        for term_id in ids:
            span = self._spans.get(term_id)
            if span is None:
                term = self.glossary.get(term_id)
                if term is None:
                    continue
                summary = self.summary(term)
                if self.resolve is not None and _ROOT in summary:  # URLs relative to the page
                    span = _span(term.id, term.display_name, _root_to_page(summary, page_url))
                else:  # the same on every page: escaped once
                    span = self._spans[term_id] = _span(term.id, term.display_name, summary)
            spans.append(span)
        return _payload_div(spans, self.label)

    def add_leads(self, leads: Mapping[str, str], base_url: str) -> None:
        """Take summaries cut from blocks the index page already rendered (``index.extract_leads``:
        term id -> the inner HTML of the definition's summary block, our links unwrapped), so
        those terms need no Markdown conversion of their own. ``base_url`` is the URL of the
        index page the blocks come from: their relative URLs are relative to it.

        A term with an explicit ``summary`` keeps it (it is rendered as before).
        """
        for term_id, inner in leads.items():
            term = self.glossary.get(term_id)
            if term is None or term_id in self._summaries or (term.summary or "").strip():
                continue
            # Cut when a page asks for it: a big index has many terms no page mentions.
            self._leads[term_id] = (inner, base_url)
            self._pending.pop(term_id, None)

    def _from_lead(self, term_id: str) -> str:
        inner, base_url = self._leads.pop(term_id)
        summary = summarize(_parse(inner))
        if self.resolve is not None:
            summary = rewrite_urls(summary, lambda url: _ROOT + _from_page(url, base_url))
        self._summaries[term_id] = summary
        return summary

    def summary(self, term: Term) -> str:
        """The summary of a term, rendered on first use, with URLs resolved to the site root.

        Resolved URLs are marked with ``_ROOT`` here and made page-relative for each page.
        """
        if self._pending:
            self._render_pending()
        cached = self._summaries.get(term.id)
        if cached is None:
            cached = self._from_lead(term.id) if term.id in self._leads else self._store(term, None)
        return cached

    def _render_pending(self) -> None:
        """Render the summaries noted by ``marker``, batched where ``render`` can (a summary
        already known, however it got there, is not rendered again)."""
        terms = [
            t
            for i in self._pending
            if i not in self._summaries
            and i not in self._leads
            and (t := self.glossary.get(i)) is not None
        ]
        self._pending.clear()
        lead_safe = getattr(self.render, "lead_safe", False)
        jobs = [(term, _summary_job(term, lead_safe)) for term in terms]
        batch = getattr(self.render, "batch", None)
        texts = [job[1] for _, job in jobs if job is not None]
        rendered = iter(batch(texts) if batch is not None else [None] * len(texts))
        for term, job in jobs:
            markup = next(rendered) if job is not None else None
            self._store(term, None if markup is None or job is None else (job, markup))

    def _store(self, term: Term, done: tuple[_Job, str] | None) -> str:
        """Make (from ``done``, a job and its HTML, else alone), resolve and cache a summary."""
        try:
            if done is None:
                summary = summary_html(term, self.render)
            else:
                summary = _finish(term, done[0], done[1], self.render, SUMMARY_LIMIT)
        except Exception as exc:  # an extension failing on this text must not stop the build
            self.problems.append(
                Problem(
                    f"the tooltip summary of '{term.display_name}' could not be rendered "
                    f"({type(exc).__name__}: {exc}); its tooltip shows the name only",
                    term.path or None,
                    term.line or None,
                )
            )
            summary = ""
        if self.resolve is not None:
            resolve = self.resolve

            def to_root(url: str) -> str:
                target = resolve(term, url)
                return url if target is None else _ROOT + target.lstrip("/")

            summary = rewrite_urls(summary, to_root)
        self._summaries[term.id] = summary
        return summary


# A scheme no author writes: marks the site-root-relative URLs of a cached summary.
_ROOT = "glossary-root:"
_ROOT_ATTR = re.compile(r'(\s(?:href|src)=")' + _ROOT + r'([^"]*)(")')


def _from_page(url: str, page_url: str) -> str:
    """A relative URL written on the page at ``page_url`` as a site-root-relative URL, resolved
    the way a browser resolves it (``..`` past the root stays at the root)."""
    return urljoin("/" + page_url.lstrip("/"), url).lstrip("/")


def _root_to_page(markup: str, page_url: str) -> str:
    """Turn the ``_ROOT``-marked site-root URLs of a cached summary into page-relative ones."""

    def sub(m: re.Match[str]) -> str:
        url = relative_url(html.unescape(m.group(2)), page_url)
        return m.group(1) + html.escape(url, quote=True) + m.group(3)

    return _ROOT_ATTR.sub(sub, markup)
