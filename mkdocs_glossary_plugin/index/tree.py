"""The tree work of a generated index page: its sentinels replaced by the real elements.

``IndexTreeprocessor`` (priority 6: after ``inline`` and ``abbr``, before ``toc`` and MkDocs'
``relpath``) replaces each sentinel paragraph (see ``pages``) by the real elements (``h1``, the
letter bar, ``h2``/``h3`` with their ids, the aliases) and wraps each definition in
``<div data-glossary-scope="ID">``, the scope the linker honours: other terms are linked there,
the entry's own term never. Backlinks need every page rendered, so it leaves an empty
placeholder that ``backlinks.fill_backlinks`` fills later; with tooltips it marks each
definition's lead (``leads``).

``TocTreeprocessor`` (priority 4, right after ``toc``) keeps the page's table of contents to the
title and the group headings: the entries (and the headings inside definitions) stay headings
with their ids and permalinks, but leave the TOC. Why: a search plugin that indexes a page by
its headings looks each heading up in the TOC by a linear walk (Material's
``_find_toc_by_id``), which is quadratic in the headings of one page: 85 s for 50,000 terms in
one group. A heading that is not in the TOC gets the same entry (``page-url#id``, the heading's
text as title) without the walk, so the search index does not change by one byte. The sidebar
TOC of thousands of entries was itself a cost (every page of a split index repeats it) and of
little use: the letter bar is the index's navigation. A search that builds its entries *from*
the TOC (MkDocs' own) would lose the entries, so the host keeps them (``toc_entries``).

While ``toc`` runs, an entry's heading is not a heading yet: ``IndexTreeprocessor`` makes it a
``glossary-h3`` stand-in, and ``TocTreeprocessor`` turns it into the ``h3`` and gives it what
``toc`` gives every heading (its level under ``baselevel``, the anchor link, the permalink),
by calling that ``toc``'s own methods, so the bytes are the same. Why: ``toc`` renders each
heading's inner HTML through every postprocessor to make its TOC entry, then serialises the
whole TOC: work thrown away for entries that leave the TOC anyway (a fifth of the Markdown time
of a big index page).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.extensions.toc import TocTreeprocessor as _Toc
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .. import codes
from ..model import GROUP_OTHER_DIGITS, Problem, Term, group_order
from .backlinks import placeholder as backlinks_placeholder
from .leads import mark_lead
from .pages import BRACE_STAND_IN, Block, PagePlan, count_label, restore_jinja

__all__ = ["PRE_PRIORITY", "TOC_PRIORITY", "TREE_PRIORITY", "IndexExtension", "IndexRenderState"]

#: After ``inline`` (20), ``prettify`` (10), ``attr_list`` (8) and ``abbr`` (7); before ``toc`` and
#: MkDocs' ``mkdocs_extract_anchors`` (5) and ``relpath`` (0), and before our linker (negative).
TREE_PRIORITY = 6
#: Right after ``toc`` (5), which sets ``md.toc_tokens``; before ``relpath`` (0) and our linker.
TOC_PRIORITY = 4
#: Before ``normalize_whitespace`` (30) and every block-level preprocessor (fences, raw HTML).
PRE_PRIORITY = 40
#: Before every block processor (Python-Markdown's highest is 100, extensions' about 105).
BLOCK_PRIORITY = 200

#: A heading's tag -> its level.
_HEADING_LEVELS = {f"h{n}": n for n in range(1, 7)}
#: The attributes whose relative URLs a definition's elements get rewritten, in this order.
_URL_ATTRS = {"a": ("src", "href"), "img": ("src",)}
#: An entry's heading while ``toc`` runs (see the module docstring).
_ENTRY_STANDIN = "glossary-h3"


def _toc_of(md: Markdown) -> _Toc | None:
    """Python-Markdown's ``toc`` treeprocessor of this Markdown instance, if it has one."""
    registry = md.treeprocessors  # a ``Registry``: no ``get()``
    toc = registry["toc"] if "toc" in registry else None  # noqa: SIM401
    return toc if isinstance(toc, _Toc) else None


def _names(names: Sequence[str], limit: int = 5) -> str:
    """Names for a message: the first ``limit`` quoted, then how many more."""
    shown = ", ".join(f"'{n}'" for n in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


@dataclass
class IndexRenderState:
    """Shared by the host and the treeprocessor: the plan of the page being rendered (None on
    every other page) and the problems found while rendering."""

    current: PagePlan | None = None
    problems: list[Problem] = field(default_factory=list)
    toc_entries: bool = False
    """Keep the entries in the page's TOC (for a search that builds its entries from the TOC)."""


#: The attributes of the elements made once per entry or letter (``etree`` copies them).
_ALIASES = {"class": "glossary-aliases no-glossary"}
_LABEL = {"class": "glossary-label"}
_INACTIVE_LETTER = {"class": "glossary-letter glossary-letter-inactive"}


def _el(tag: str, text: str | None = None, **attrs: str) -> etree.Element:
    el = etree.Element(tag, {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


class IndexTreeprocessor(Treeprocessor):
    """Replaces the sentinel paragraphs of a generated index page by the real elements."""

    def __init__(self, md: Markdown, state: IndexRenderState) -> None:
        super().__init__(md)
        self.state = state
        self._entry_tag = "h3"

    def run(self, root: etree.Element) -> None:
        plan = self.state.current
        if plan is None:
            return
        # Once per page, not per entry: whether ``TocTreeprocessor`` finishes the entries.
        self._entry_tag = (
            "h3" if self.state.toc_entries or _toc_of(self.md) is None else _ENTRY_STANDIN
        )
        self._build(root, plan)

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
        """One problem per run of sentinels that did not survive parsing as paragraphs of their
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
            self.state.problems.append(Problem(message, *where, code=codes.INDEX_ENTRIES_LOST))
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
                el = etree.Element("a", {"href": plan.href(group), "class": "glossary-letter"})
                if group == plan.current_group:
                    el.set("aria-current", "page")
            else:
                el = etree.Element("span", _INACTIVE_LETTER)
            el.text = group
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
        h3 = etree.Element(self._entry_tag, {"id": term.id, "class": "glossary-entry"})
        h3.text = term.display_name
        scope = etree.Element(
            "div", {"class": "glossary-definition", "data-glossary-scope": term.id}
        )
        if term.fallback is not None:  # shown in the default language until translated
            note = _el("p", None, class_="glossary-fallback no-glossary")
            note.append(_el("em", plan.strings["fallback"].format(language=term.fallback)))
            scope.append(note)
        if term.aliases:
            p = etree.SubElement(scope, "p", _ALIASES)
            label = etree.SubElement(p, "span", _LABEL)
            label.text = plan.strings["also"] + ":"
            label.tail = " " + ", ".join(term.aliases)
        if body:
            self._demote_headings(body)
            if plan.rewrite is not None:
                self._rewrite_urls(plan, term, body)
            if plan.leads:
                mark_lead(body, term.id)
            if term.fallback is not None:
                for element in body:
                    element.set("lang", term.fallback)
            scope.extend(body)
        else:
            p = _el("p", None, class_="glossary-empty no-glossary")
            p.append(_el("em", plan.strings["no_definition"]))
            scope.append(p)
        out = [h3, scope]
        if plan.backlinks:
            out.append(backlinks_placeholder(term.id))
        return out

    @staticmethod
    def _demote_headings(body: list[etree.Element]) -> None:
        """Headings inside a definition go below the entry's ``h3`` (keeping their relative
        levels), so the TOC and the page outline stay group > term > the definition's own."""
        levels = _HEADING_LEVELS
        headings = [
            (el, level)
            for top in body
            for el in top.iter()
            if (level := levels.get(el.tag)) is not None
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
                attrs = _URL_ATTRS.get(el.tag)
                for attr in attrs or ():
                    url = el.get(attr)
                    if url:
                        new = plan.rewrite(term, url, plan.src_path)
                        if new is not None:
                            el.set(attr, new)


class TocTreeprocessor(Treeprocessor):
    """Keeps an index page's TOC to its title and group headings (see the module docstring)."""

    def __init__(self, md: Markdown, state: IndexRenderState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        plan = self.state.current
        if plan is None:
            return
        toc = _toc_of(self.md)
        if toc is not None:
            _finish_entries(root, toc)
        tokens = getattr(self.md, "toc_tokens", None)
        if self.state.toc_entries or not tokens:
            return
        kept = _keep_tokens(tokens, {plan.title_id, *plan.group_ids.values()})
        if kept == tokens:
            return
        self.md.toc_tokens = kept  # type: ignore[attr-defined]
        if toc is not None:
            # ``md.toc`` (the TOC as HTML) follows the tokens, serialised the way ``toc`` does.
            div = toc.build_toc_div(kept)  # type: ignore[arg-type]  # tokens are plain dicts
            html = self.md.serializer(div)
            for pp in self.md.postprocessors:
                html = pp.run(html)
            self.md.toc = html  # type: ignore[attr-defined]


def _finish_entries(root: etree.Element, toc: _Toc) -> None:
    """Turn the entries' stand-ins into ``h3`` headings as ``toc`` would have left them."""
    for el in root.iter(_ENTRY_STANDIN):
        el.tag = "h3"
        elem_id = el.get("id", "")
        toc.set_level(el)
        if toc.use_anchors:
            toc.add_anchor(el, elem_id)
        if toc.use_permalinks not in (False, None):
            toc.add_permalink(el, elem_id)


def _keep_tokens(tokens: list[dict[str, Any]], keep: set[str]) -> list[dict[str, Any]]:
    """The tokens whose id is in ``keep``, nested as before; any other token leaves with the
    tokens nested under it (an entry's ``h3`` takes its definition's headings along)."""
    return [
        {**token, "children": _keep_tokens(token.get("children", []), keep)}
        for token in tokens
        if token.get("id") in keep
    ]


class _EntryBlocks(BlockProcessor):
    """Parses an index page's top-level blocks one entry at a time.

    Why: Python-Markdown's block parser takes each block off the front of one list
    (``blocks.pop(0)``), which costs the length of the list every time: quadratic in the blocks
    of a page (seconds for a group of tens of thousands of entries, one page). From the first
    sentinel on, this processor hands the parser the run of blocks from one sentinel to the
    next as a list of its own, in order and under the same parent, so the work is linear.

    The tree is the same: block processors see the same parent (so the same previous sibling)
    and the same blocks; the only ones that reach past the current block take the *indented*
    blocks after it (list items, admonitions, footnotes, tabs), and a sentinel is an unindented
    paragraph of its own, so no processor ever carried a block across one. Raw HTML that
    swallows sentinels is stashed before blocks exist, so that case is unchanged too."""

    def __init__(self, parser: BlockParser, state: IndexRenderState) -> None:
        super().__init__(parser)
        self.state = state
        self._busy = False

    def test(self, parent: etree.Element, block: str) -> bool:
        plan = self.state.current
        return (
            plan is not None
            and not self._busy
            and parent is getattr(self.parser, "root", None)
            and block.strip() in plan.lookup
        )

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        plan = self.state.current
        assert plan is not None  # test() said so
        chunks: list[list[str]] = []
        for block in blocks:
            if not chunks or block.strip() in plan.lookup:
                chunks.append([])
            chunks[-1].append(block)
        del blocks[:]
        self._busy = True
        try:
            for chunk in chunks:
                self.parser.parseBlocks(parent, chunk)
        finally:
            self._busy = False


class _RestoreBraces(Preprocessor):
    """Turns the private-use stand-ins back into ``{`` before anything is parsed."""

    def __init__(self, md: Markdown, state: IndexRenderState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        if self.state.current is None:
            return lines
        return [restore_jinja(line) if BRACE_STAND_IN in line else line for line in lines]


class IndexExtension(Extension):
    """Registers the index tree work on every Markdown instance; it acts only on index pages."""

    def __init__(self, state: IndexRenderState, **kwargs: object) -> None:
        self.state = state
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(
            _RestoreBraces(md, self.state), "glossary_index_braces", PRE_PRIORITY
        )
        md.parser.blockprocessors.register(
            _EntryBlocks(md.parser, self.state), "glossary_index_entries", BLOCK_PRIORITY
        )
        md.treeprocessors.register(
            IndexTreeprocessor(md, self.state), "glossary_index", TREE_PRIORITY
        )
        md.treeprocessors.register(
            TocTreeprocessor(md, self.state), "glossary_index_toc", TOC_PRIORITY
        )
