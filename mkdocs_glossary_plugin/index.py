"""The A–Z index page: its layout, its Markdown, and the tree work that gives it its shape.

No MkDocs import. The plugin asks this module for the pages to generate (``build_pages``), adds
them with ``File.generated``, and MkDocs renders them like any page, with the site's own
``markdown_extensions`` (so definitions get admonitions, math, lists, images) and our linker.

Why the generated Markdown holds almost no markup of its own:

* mkdocs-macros renders every page, generated ones too, and ``{#``, ``{{``, ``{%`` would break it.
  The page sets ``render_macros: false`` and, to be safe with any Jinja-like plugin, carries no such
  sequence at all: the ``{`` that starts one in a definition is written as a private-use character
  that our preprocessor turns back before Python-Markdown parses anything.
* Names and aliases are plain text that Markdown would reinterpret (``*``, ``_``, a lone ``#``).
* Index headings need explicit ids (``toc`` turns a Hangul-only heading into ``_1``) without
  enabling ``attr_list`` for the whole site.

So the Markdown is a sequence of *marker* paragraphs (one plain word each: ``title``, letter bar,
group, entry, end) with each term's definition after its entry marker. ``IndexTreeprocessor``
(priority 6: after ``inline`` and ``abbr``, before ``toc`` and MkDocs' ``relpath``) replaces each
marker by the real elements (``h1``, the letter bar, ``h2``/``h3`` with their ids, the aliases) and
wraps each definition in ``<div data-glossary-scope="ID">``, the scope our linker honours: other
terms are linked there, the entry's own term never. Backlinks need every page rendered, so the
treeprocessor leaves an empty placeholder that ``fill_backlinks`` fills at ``on_env``.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from time import perf_counter
from typing import Literal
from urllib.parse import quote, unquote, urlsplit

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .i18n import translate
from .marks import sub_marked
from .model import GROUP_OTHER_DIGITS, HANGUL_GROUPS, Glossary, Problem, Term, group_order, make_id
from .urls import page_url

__all__ = [
    "SPLIT_THRESHOLD",
    "TREE_PRIORITY",
    "Block",
    "GeneratedPage",
    "IndexExtension",
    "IndexLayout",
    "IndexRenderState",
    "LocalFiles",
    "PagePlan",
    "backlinks_by_term",
    "build_pages",
    "escape_jinja",
    "extract_leads",
    "fill_backlinks",
    "fragment",
    "group_slug",
    "make_layout",
    "restore_jinja",
]

#: ``index.split: auto`` splits the index into one page per group above this many terms.
SPLIT_THRESHOLD = 500
#: After ``inline`` (20), ``prettify`` (10), ``attr_list`` (8) and ``abbr`` (7); before ``toc`` and
#: MkDocs' ``mkdocs_extract_anchors`` (5) and ``relpath`` (0), and before our linker (negative).
TREE_PRIORITY = 6
#: Before ``normalize_whitespace`` (30) and every block-level preprocessor (fences, raw HTML).
PRE_PRIORITY = 40

LATIN_LETTERS: tuple[str, ...] = tuple(chr(c) for c in range(ord("A"), ord("Z") + 1))

#: Stands for a ``{`` that starts ``{{``, ``{%`` or ``{#`` in the generated Markdown.
_BRACE = "\ue000"
_JINJA_START = re.compile(r"\{(?=[{%#])")

BACKLINKS_ATTR = "data-glossary-backlinks"
_BACKLINKS_RE = re.compile(
    r'<div class="glossary-backlinks" ' + BACKLINKS_ATTR + r'="([^"]*)"></div>'
)
_HEADING = re.compile(r"^h([1-6])$")

#: On an index page, marks the block of each definition that its tooltip summary is cut from
#: (GUIDE §12: the first paragraph with text, else the first list item); ``extract_leads`` reads
#: the marked blocks and removes the attribute before the page is indexed or written.
LEAD_ATTR = "data-glossary-lead"
_LEAD_START = re.compile(r"<(p|li)\b([^>]*?) " + LEAD_ATTR + r'="([^"]*)"([^>]*)>')
_PLACEHOLDER = re.compile("\x02wzxhzdk:[0-9]+\x03")
#: Our linker's links (and an author's own ``a.glossary-term``): unwrapped in a summary, which
#: never holds a link to another tooltip.
_OUR_LINK = re.compile(r'<a\s[^>]*\bclass="glossary-term"[^>]*>(.*?)</a>', re.DOTALL)

BlockKind = Literal["title", "bar", "group", "entry", "overview", "end"]


def escape_jinja(text: str) -> str:
    """Hide every ``{{``, ``{%``, ``{#`` from template engines; ``restore_jinja`` undoes it."""
    return _JINJA_START.sub(_BRACE, text)


def restore_jinja(text: str) -> str:
    return text.replace(_BRACE, "{")


def group_slug(group: str) -> str:
    """The file/anchor name of a group: ``a``, ``ㄱ``, ``0-9`` for ``#``, else its letter."""
    if group == GROUP_OTHER_DIGITS:
        return "0-9"
    slug = make_id(group)
    return slug if slug != "term" or group.casefold() == "term" else f"u{ord(group[0]):04x}"


_FRAGMENT_SAFE = frozenset("-._~!$&'()*+,;=:@/?")


def fragment(term_id: str) -> str:
    """A term id as a URL fragment: non-ASCII letters stay readable, unsafe ASCII is quoted.

    Generated ids hold only letters, digits and ``-``; an explicit ``id`` may hold anything.
    """
    out = []
    for ch in term_id:
        if ord(ch) > 127 or ch.isalnum() or ch in _FRAGMENT_SAFE:
            out.append(ch)
        else:
            out.append(quote(ch, safe=""))
    return "".join(out)


def _norm_src(path: str) -> str:
    return posixpath.normpath(path.replace("\\", "/")).lstrip("/")


# -- layout: which page holds which term --------------------------------------------------------


@dataclass(frozen=True)
class IndexLayout:
    """Where the index lives: its main page and, when split, one page per group.

    Paths are src paths inside ``docs_dir`` (``glossary.md``, ``glossary/a.md``); URLs follow
    MkDocs' rules for both ``use_directory_urls`` modes (see ``urls.page_url``).
    """

    path: str
    split: bool
    use_directory_urls: bool
    groups: tuple[str, ...] = ()
    term_groups: Mapping[str, str] = field(default_factory=dict)
    """Term id -> group (only needed when split)."""
    _urls: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Cache: term id -> entry URL (the linker asks once per link)."""

    @property
    def base(self) -> str:
        """The folder under which group pages (and published media) go: ``glossary.md`` ->
        ``glossary``; ``glossary/index.md`` -> ``glossary``; a root ``index.md`` -> ``glossary``."""
        parent, filename = posixpath.split(self.path)
        stem = posixpath.splitext(filename)[0]
        if stem in ("index", "README"):
            return parent or "glossary"
        return posixpath.join(parent, stem)

    @property
    def media_dir(self) -> str:
        return posixpath.join(self.base, "media")

    def group_page(self, group: str) -> str:
        if not self.split:
            return self.path
        return posixpath.join(self.base, group_slug(group) + ".md")

    def page_of(self, term: Term) -> str:
        if not self.split:
            return self.path
        return self.group_page(self.term_groups.get(term.id, term.group))

    def pages(self) -> list[str]:
        """Every generated page, the main one first."""
        if not self.split:
            return [self.path]
        return [self.path, *(self.group_page(g) for g in self.groups)]

    def url_of(self, src_path: str) -> str:
        return page_url(src_path, self.use_directory_urls)

    def entry_url(self, term: Term) -> str:
        """Site-root-relative URL of the term's entry: ``glossary/#id``, ``glossary/a.html#id``."""
        url = self._urls.get(term.id)
        if url is None:
            url = self._urls[term.id] = f"{self.url_of(self.page_of(term))}#{fragment(term.id)}"
        return url


def make_layout(glossary: Glossary, path: str, split: str, use_directory_urls: bool) -> IndexLayout:
    """The layout for ``index.path`` and ``index.split`` (``auto`` splits above 500 terms)."""
    path = _norm_src(path)
    groups = glossary.groups()
    do_split = split == "always" or (split == "auto" and len(glossary) > SPLIT_THRESHOLD)
    return IndexLayout(
        path=path,
        split=do_split,
        use_directory_urls=use_directory_urls,
        groups=tuple(groups),
        term_groups={t.id: g for g, terms in groups.items() for t in terms},
    )


def check_index_path(path: str) -> str | None:
    """Why ``index.path`` is unusable (a message), or None when it is a fine page path."""
    norm = path.replace("\\", "/")
    if not norm.lower().endswith(".md"):
        return f"index.path must be a Markdown page path such as 'glossary.md', got {path!r}"
    if norm.startswith("/") or os.path.isabs(path) or ".." in norm.split("/"):
        return f"index.path must be relative to docs_dir and stay inside it, got {path!r}"
    return None


# -- local files referenced by definitions -------------------------------------------------------

_MD_REF = re.compile(r"!?\[(?:[^\]\\\n]|\\.)*\]\(\s*(<[^>\n]*>|[^\s)]+)")
_MD_REFDEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)
_HTML_REF = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"'\n]+)["']""", re.IGNORECASE)
_PAGE_EXT = (".md", ".markdown")


def _names(names: Sequence[str], limit: int = 5) -> str:
    shown = ", ".join(f"'{n}'" for n in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc or not parts.path or url.startswith(("/", "\\")))


@dataclass
class LocalFiles:
    """Resolves the relative URLs of definitions against the source file they were written in.

    A definition's ``![](img/x.png)`` is relative to its source file, not to the index page. Files
    inside ``docs_dir`` are already part of the site: the URL is rewritten relative to the index
    page (MkDocs' ``relpath`` then validates and converts it). Files outside ``docs_dir`` are
    published under the index's ``media`` folder (``published``); missing files are problems.
    """

    docs_dir: str
    config_dir: str
    media_dir: str
    published: dict[str, str] = field(default_factory=dict)
    """src path inside the site -> absolute path of the file to copy."""
    problems: list[Problem] = field(default_factory=list)
    _targets: dict[str, str | None] = field(default_factory=dict)
    _warned: set[tuple[str, str]] = field(default_factory=set)

    def source_dir(self, term: Term) -> str:
        return os.path.dirname(os.path.normpath(os.path.join(self.config_dir, term.path)))

    def _inside_docs(self, path: str) -> str | None:
        docs = os.path.normpath(os.path.abspath(self.docs_dir))
        try:
            if os.path.commonpath([docs, path]) != docs:
                return None
        except ValueError:  # different drives on Windows
            return None
        return os.path.relpath(path, docs).replace(os.sep, "/")

    def target(self, term: Term, url: str) -> str | None:
        """The src path (inside the site) of the file a relative URL points at, or None."""
        if not term.path or not _is_local(url):
            return None
        path = unquote(urlsplit(url).path)
        absolute = os.path.normpath(os.path.join(self.source_dir(term), path))
        if absolute in self._targets:
            return self._targets[absolute]
        inside = self._inside_docs(absolute)
        result: str | None
        if not os.path.exists(absolute):
            result = None
            self._problem(
                term,
                url,
                f"'{url}' in the definition of '{term.display_name}' "
                f"points to {absolute}, which does not exist",
            )
        elif inside is not None:
            result = inside
        elif os.path.isdir(absolute) or absolute.lower().endswith(_PAGE_EXT):
            # A folder or a page outside docs_dir is not part of the site: leave the URL alone.
            result = None
        else:
            result = self._publish(absolute)
        self._targets[absolute] = result
        return result

    def _publish(self, absolute: str) -> str:
        for dest, src in self.published.items():
            if src == absolute:
                return dest
        name = os.path.basename(absolute)
        dest = posixpath.join(self.media_dir, name)
        n = 2
        while dest in self.published:
            stem, ext = posixpath.splitext(name)
            dest = posixpath.join(self.media_dir, f"{stem}-{n}{ext}")
            n += 1
        self.published[dest] = absolute
        return dest

    def _problem(self, term: Term, url: str, message: str) -> None:
        if (term.id, url) in self._warned:
            return
        self._warned.add((term.id, url))
        self.problems.append(Problem(message, term.path or None, term.line or None))

    def scan(self, terms: Iterable[Term]) -> None:
        """Find the local files every definition refers to (before pages are rendered, so the
        files outside ``docs_dir`` can be added to the site)."""
        for term in terms:
            text = term.definition
            if not text or not term.path:
                continue
            for regex in (_MD_REF, _MD_REFDEF, _HTML_REF):
                for m in regex.finditer(text):
                    url = m.group(1).strip("<>")
                    if _is_local(url):
                        self.target(term, url)

    def rewrite(self, term: Term, url: str, from_src: str) -> str | None:
        """``url`` (relative to the term's source) as a path relative to page ``from_src``."""
        target = self.target(term, url)
        if target is None:
            return None
        parts = urlsplit(url)
        start = posixpath.dirname(from_src) or "."
        rel = quote(posixpath.relpath(target, start), safe="/")
        if parts.query:
            rel += "?" + parts.query
        if parts.fragment:
            rel += "#" + parts.fragment
        return rel


# -- the pages ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One marker of a generated page and what replaces it."""

    kind: BlockKind
    group: str = ""
    term: Term | None = None


@dataclass
class PagePlan:
    """What the treeprocessor needs to turn one generated page's markers into its elements."""

    src_path: str
    title: str
    layout: IndexLayout
    strings: Mapping[str, str]
    blocks: list[Block]
    marker: str
    bar_groups: list[str]
    """Letters of the letter bar, in order (active or not)."""
    active_groups: frozenset[str]
    group_ids: Mapping[str, str]
    title_id: str
    group_counts: Mapping[str, int]
    backlinks: bool
    current_group: str | None = None
    rewrite: Callable[[Term, str, str], str | None] | None = None
    leads: bool = False
    """Mark each definition's summary block with ``LEAD_ATTR`` (when tooltips are on)."""
    lookup: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lookup = {self.sentinel(i): i for i in range(len(self.blocks))}

    def sentinel(self, i: int) -> str:
        return f"{self.marker}{i}x"

    def href(self, group: str) -> str:
        """Link to a group's heading from this page (a ``.md`` path that ``relpath`` converts)."""
        anchor = "#" + fragment(self.group_ids[group])
        target = self.layout.group_page(group)
        if target == self.src_path:
            return anchor
        start = posixpath.dirname(self.src_path) or "."
        return quote(posixpath.relpath(target, start), safe="/") + anchor


@dataclass
class GeneratedPage:
    src_path: str
    markdown: str
    plan: PagePlan


def _marker_for(glossary: Glossary) -> str:
    """A word that appears in no definition, so a marker paragraph is never the user's text."""
    marker = "glossaryindexmarker"
    texts = [t.definition for t in glossary]
    while any(marker in text for text in texts):
        marker += "z"
    return marker


def _unique(base: str, used: Collection[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _group_ids(groups: Iterable[str], taken: Collection[str]) -> dict[str, str]:
    """``group-a``, ``group-ㄱ``, ``group-0-9``; never the id of a term."""
    used = set(taken)
    out = {}
    for group in groups:
        out[group] = gid = _unique(f"group-{group_slug(group)}", used)
        used.add(gid)
    return out


def bar_letters(groups: Iterable[str], *, hangul: bool) -> list[str]:
    """Every letter of the bar: ``#`` (when used), A–Z, ㄱ–ㅎ (when ``hangul``), other groups."""
    present = list(groups)
    out: list[str] = [GROUP_OTHER_DIGITS] if GROUP_OTHER_DIGITS in present else []
    out.extend(LATIN_LETTERS)
    if hangul:
        out.extend(HANGUL_GROUPS)
    out.extend(g for g in present if g not in out)
    return sorted(out, key=group_order)


def _front_matter(title: str) -> str:
    # A JSON string is a YAML double-quoted scalar; ``{`` is written as an escape so that even the
    # title cannot start a Jinja sequence.
    quoted = json.dumps(title, ensure_ascii=False).replace("{", "\\u007b")
    return f"---\ntitle: {quoted}\nrender_macros: false\n---\n\n"


def build_pages(
    glossary: Glossary,
    layout: IndexLayout,
    *,
    title: str,
    strings: Mapping[str, str],
    backlinks: bool,
    hangul: bool,
    rewrite: Callable[[Term, str, str], str | None] | None = None,
    leads: bool = False,
) -> list[GeneratedPage]:
    """The Markdown of every generated page, with the plan its treeprocessor follows.

    ``hangul``: show ㄱ–ㅎ in the letter bar even when no term files under them. ``leads``: mark
    the block each tooltip summary is made from (see ``extract_leads``).
    """
    groups = glossary.groups()
    marker = _marker_for(glossary)
    taken = {t.id for t in glossary}
    group_ids = _group_ids(groups, taken)
    # The page title's heading gets an explicit id too (``toc`` would turn 용어집 into ``_1``).
    title_id = _unique(make_id(title), {*taken, *group_ids.values()})
    counts = {g: len(terms) for g, terms in groups.items()}
    letters = bar_letters(groups, hangul=hangul or any(g in HANGUL_GROUPS for g in groups))
    active = frozenset(groups)

    def page(src: str, page_title: str, blocks: list[Block], current: str | None) -> GeneratedPage:
        plan = PagePlan(
            src_path=src,
            title=page_title,
            layout=layout,
            strings=strings,
            blocks=blocks,
            marker=marker,
            bar_groups=letters,
            active_groups=active,
            group_ids=group_ids,
            title_id=title_id,
            group_counts=counts,
            backlinks=backlinks,
            current_group=current,
            rewrite=rewrite,
            leads=leads,
        )
        parts = [_front_matter(page_title)]
        for i, block in enumerate(blocks):
            parts.append(plan.sentinel(i) + "\n\n")
            if block.kind == "entry" and block.term is not None and block.term.has_definition:
                parts.append(escape_jinja(block.term.definition.strip("\n")) + "\n\n")
        return GeneratedPage(src, "".join(parts), plan)

    head = [Block("title"), Block("bar")]
    if not layout.split:
        blocks = list(head)
        for group, terms in groups.items():
            blocks.append(Block("group", group))
            blocks.extend(Block("entry", group, t) for t in terms)
        blocks.append(Block("end"))
        return [page(layout.path, title, blocks, None)]

    pages = [page(layout.path, title, [*head, Block("overview"), Block("end")], None)]
    for group, terms in groups.items():
        blocks = [*head, Block("group", group)]
        blocks.extend(Block("entry", group, t) for t in terms)
        blocks.append(Block("end"))
        pages.append(page(layout.group_page(group), f"{title} – {group}", blocks, group))
    return pages


# -- the tree work ------------------------------------------------------------------------------


@dataclass
class IndexRenderState:
    """Shared by the plugin and the treeprocessor: the plan of the page being rendered (None on
    every other page), the problems found while rendering, and the time spent (for §12)."""

    current: PagePlan | None = None
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    def reset(self) -> None:
        self.current = None
        self.problems.clear()
        self.seconds = 0.0


def _el(tag: str, text: str | None = None, **attrs: str) -> etree.Element:
    el = etree.Element(tag, {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


class IndexTreeprocessor(Treeprocessor):
    """Replaces the marker paragraphs of a generated index page by the real elements."""

    def __init__(self, md: Markdown, state: IndexRenderState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        plan = self.state.current
        if plan is None:
            return
        start = perf_counter()
        try:
            self._build(root, plan)
        finally:
            self.state.seconds += perf_counter() - start

    def _build(self, root: etree.Element, plan: PagePlan) -> None:
        children = list(root)
        found: list[tuple[int, int]] = []
        for i, el in enumerate(children):
            if el.tag == "p" and len(el) == 0 and el.text:
                k = plan.lookup.get(el.text.strip())
                if k is not None:
                    found.append((i, k))
        if not found:
            # Another rendering (a tooltip summary) while this page is current: not ours.
            return
        self._report_missing(plan, {k for _, k in found})
        out = children[: found[0][0]]
        for n, (i, k) in enumerate(found):
            end = found[n + 1][0] if n + 1 < len(found) else len(children)
            out.extend(self._render(plan, plan.blocks[k], children[i + 1 : end]))
        for el in out:
            if not (el.tail or "").strip():
                el.tail = "\n"
        root[:] = out

    def _report_missing(self, plan: PagePlan, found: set[int]) -> None:
        """One problem per run of markers that did not survive parsing as paragraphs of their
        own: the definition before the run swallowed them (an unclosed HTML element does)."""
        previous: Term | None = None
        missing: list[Block] = []

        def report() -> None:
            names = [b.term.display_name for b in missing if b.term is not None]
            if len(names) == 1:
                lost = f"the entry {_names(names)} is"
            else:
                lost = f"the entries {_names(names)} are" if names else "the end of the page is"
            if previous is not None:
                message = (
                    f"{lost} missing from the index page {plan.src_path}: the definition "
                    f"of '{previous.display_name}' probably leaves an HTML element or a code "
                    "block open"
                )
                where = (previous.path or None, previous.line or None)
            else:
                message = f"{lost} missing from the index page {plan.src_path}"
                where = (None, None)
            self.state.problems.append(Problem(message, *where))
            missing.clear()

        for k, block in enumerate(plan.blocks):
            if k not in found:
                missing.append(block)
                continue
            if missing:
                report()
            if block.term is not None:
                previous = block.term
        if missing:
            report()

    def _render(
        self, plan: PagePlan, block: Block, body: list[etree.Element]
    ) -> list[etree.Element]:
        if block.kind == "title":
            return [_el("h1", plan.title, id=plan.title_id), *body]
        if block.kind == "bar":
            return [self._bar(plan), *body]
        if block.kind == "group":
            h2 = _el("h2", block.group, id=plan.group_ids[block.group])
            if block.group == GROUP_OTHER_DIGITS:
                h2.set("aria-label", plan.strings["group_other"])
            return [h2, *body]
        if block.kind == "overview":
            return [self._overview(plan), *body]
        if block.kind == "entry" and block.term is not None:
            return self._entry(plan, block.term, body)
        return body

    def _bar(self, plan: PagePlan) -> etree.Element:
        """One row per script (``#`` and A–Z, ㄱ–ㅎ, other scripts), so the Hangul row starts on
        its own line; letters without terms are plain text, not links."""
        nav = _el("nav", None, class_="glossary-letters no-glossary")
        nav.set("aria-label", plan.strings["letters_label"])
        nav.set("data-search-exclude", "true")
        nav.text = "\n"
        rows: dict[int, etree.Element] = {}
        for group in plan.bar_groups:
            rank = group_order(group)
            row_key = 0 if rank < 100 else 1 if rank < 1000 else 2
            row = rows.get(row_key)
            if row is None:
                row = rows[row_key] = _el("span", None, class_="glossary-letters-row")
                row.tail = "\n"
                nav.append(row)
            if group in plan.active_groups:
                el = _el("a", group, href=plan.href(group), class_="glossary-letter")
                if group == plan.current_group:
                    el.set("aria-current", "page")
            else:
                el = _el("span", group, class_="glossary-letter glossary-letter-inactive")
            if group == GROUP_OTHER_DIGITS:
                el.set("aria-label", plan.strings["group_other"])
            el.tail = " "
            row.append(el)
        return nav

    def _overview(self, plan: PagePlan) -> etree.Element:
        ul = _el("ul", None, class_="glossary-groups no-glossary")
        for group in plan.bar_groups:
            if group not in plan.active_groups:
                continue
            li = _el("li")
            a = _el("a", group, href=plan.href(group))
            a.tail = " – " + count_label(plan.strings, plan.group_counts.get(group, 0))
            li.append(a)
            ul.append(li)
        return ul

    def _entry(self, plan: PagePlan, term: Term, body: list[etree.Element]) -> list[etree.Element]:
        h3 = _el("h3", term.display_name, id=term.id, class_="glossary-entry")
        scope = _el("div", None, class_="glossary-definition")
        scope.set("data-glossary-scope", term.id)
        if term.aliases:
            p = _el("p", None, class_="glossary-aliases no-glossary")
            label = _el("span", plan.strings["also"] + ":", class_="glossary-label")
            label.tail = " " + ", ".join(term.aliases)
            p.append(label)
            scope.append(p)
        if body:
            self._demote_headings(body)
            if plan.rewrite is not None:
                self._rewrite_urls(plan, term, body)
            if plan.leads:
                lead = _lead_element(body)
                if lead is not None:
                    lead.set(LEAD_ATTR, term.id)
            scope.extend(body)
        else:
            p = _el("p", None, class_="glossary-empty no-glossary")
            p.append(_el("em", plan.strings["no_definition"]))
            scope.append(p)
        out = [h3, scope]
        if plan.backlinks:
            placeholder = _el("div", None, class_="glossary-backlinks")
            placeholder.set(BACKLINKS_ATTR, term.id)
            out.append(placeholder)
        return out

    @staticmethod
    def _demote_headings(body: list[etree.Element]) -> None:
        """Headings inside a definition go below the entry's ``h3`` (keeping their relative
        levels), so the TOC and the page outline stay group > term > the definition's own."""
        headings = [
            (el, int(m.group(1)))
            for top in body
            for el in top.iter()
            if isinstance(el.tag, str) and (m := _HEADING.match(el.tag))
        ]
        if not headings:
            return
        shift = max(0, 4 - min(level for _, level in headings))
        for el, level in headings:
            el.tag = f"h{min(6, level + shift)}"

    @staticmethod
    def _rewrite_urls(plan: PagePlan, term: Term, body: list[etree.Element]) -> None:
        assert plan.rewrite is not None
        for top in body:
            for el in top.iter():
                for attr in ("src", "href"):
                    url = el.get(attr)
                    if url and ((el.tag == "img" and attr == "src") or el.tag == "a"):
                        new = plan.rewrite(term, url, plan.src_path)
                        if new is not None:
                            el.set(attr, new)


def _has_text(el: etree.Element) -> bool:
    """Whether the element shows text (stashed raw HTML does not count: it may be an image)."""
    return bool(_PLACEHOLDER.sub("", "".join(el.itertext())).strip())


def _lead_element(body: Sequence[etree.Element]) -> etree.Element | None:
    """The block a summary is cut from (the same choice as ``tooltips.first_block`` makes on
    HTML): the first top-level paragraph with text (image-only paragraphs are skipped), else
    the first list item with text, else the first paragraph with text at any depth that is not
    an admonition's title."""
    for el in body:
        if el.tag == "p" and _has_text(el):
            return el
    nodes = [el for top in body for el in top.iter()]
    for tag in ("li", "p"):
        for el in nodes:
            if (
                el.tag == tag
                and _has_text(el)
                and "admonition-title" not in (el.get("class") or "").split()
            ):
                return el
    return None


def _closing(markup: str, tag: str, start: int) -> int | None:
    """The offset of the ``</tag>`` that closes an element whose content begins at ``start``
    (same-name elements may nest: a list item holds a nested list), or None."""
    depth = 1
    for m in re.compile(f"<(/?){tag}(?=[\\s>/])").finditer(markup, start):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.start()
    return None


def extract_leads(content: str) -> tuple[str, dict[str, str]]:
    """Read the marked summary blocks of a rendered index page: ``(content, {id: inner HTML})``.

    The returned content has the marks removed (every other byte unchanged); the inner HTML of
    each block has our links unwrapped to their text. Its relative URLs are relative to the index
    page, as rendered there. Rendering the definitions once, for the index page, and cutting the
    summaries from that saves one Markdown conversion per mentioned term and build.
    """
    leads: dict[str, str] = {}

    def unmark(m: re.Match[str]) -> str:
        tag = m.group(1)
        end = _closing(content, tag, m.end())
        if end is not None:
            inner = _OUR_LINK.sub(r"\1", content[m.end() : end])
            leads.setdefault(html.unescape(m.group(3)), inner)
        return f"<{tag}{m.group(2)}{m.group(4)}>"

    return sub_marked(content, LEAD_ATTR, "<", _LEAD_START, unmark), leads


class _RestoreBraces(Preprocessor):
    """Turns the private-use stand-ins back into ``{`` before anything is parsed."""

    def __init__(self, md: Markdown, state: IndexRenderState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        if self.state.current is None:
            return lines
        return [restore_jinja(line) if _BRACE in line else line for line in lines]


class IndexExtension(Extension):
    """Registers the index tree work on every Markdown instance; it acts only on index pages."""

    def __init__(self, state: IndexRenderState, **kwargs: object) -> None:
        self.state = state
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(
            _RestoreBraces(md, self.state), "glossary_index_braces", PRE_PRIORITY
        )
        md.treeprocessors.register(
            IndexTreeprocessor(md, self.state), "glossary_index", TREE_PRIORITY
        )


# -- backlinks ------------------------------------------------------------------------------------


def backlinks_by_term(
    usage: Mapping[str, Sequence[str]], order: Sequence[str], skip: Collection[str] = ()
) -> dict[str, list[str]]:
    """Term id -> the pages (src paths) that mention it, in ``order``, each once.

    Pages missing from ``order`` (not in the nav) follow, in the order ``usage`` recorded them;
    pages in ``skip`` (the index pages themselves) are left out.
    """
    seen: set[str] = set()
    pages: list[str] = []
    for src in [*order, *usage]:
        if src in seen or src in skip or src not in usage:
            continue
        seen.add(src)
        pages.append(src)
    out: dict[str, list[str]] = {}
    for src in pages:
        for term_id in dict.fromkeys(usage[src]):
            out.setdefault(term_id, []).append(src)
    return out


def fill_backlinks(content: str, links: Mapping[str, Sequence[tuple[str, str]]], label: str) -> str:
    """Replace each backlinks placeholder by the list of ``(title, relative URL)`` for its term,
    or remove it when nothing mentions the term."""

    def replace(m: re.Match[str]) -> str:
        items = links.get(html.unescape(m.group(1)))
        if not items:
            return ""
        anchors = ", ".join(
            f'<a href="{html.escape(url)}">{html.escape(title)}</a>' for title, url in items
        )
        return (
            '<p class="glossary-backlinks no-glossary" data-search-exclude="true">'
            f'<span class="glossary-label">{html.escape(label)}:</span> {anchors}</p>'
        )

    return _BACKLINKS_RE.sub(replace, content)


def count_label(strings: Mapping[str, str], n: int) -> str:
    """``1 term`` / ``{n} terms`` in the page language."""
    return strings["term_count_one"] if n == 1 else strings["term_count"].format(n=n)


def default_title(glossary: Glossary, option: str | None, language: str | None) -> str:
    """``index.title``, else the first source's front-matter title, else the localized word."""
    if option:
        return option
    source_title = getattr(glossary, "title", None)
    if isinstance(source_title, str) and source_title.strip():
        return source_title.strip()
    return translate(language, "title")
