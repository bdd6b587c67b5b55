"""The Markdown of each generated index page, and the plan its tree work follows.

Why the generated Markdown holds almost no markup of its own:

* mkdocs-macros renders every page, generated ones too, and ``{#``, ``{{``, ``{%`` would break it.
  The page sets ``render_macros: false`` and, to be safe with any Jinja-like plugin, carries no such
  sequence at all: the ``{`` that starts one in a definition is written as a private-use character
  that the tree work's preprocessor turns back before Python-Markdown parses anything.
* Names and aliases are plain text that Markdown would reinterpret (``*``, ``_``, a lone ``#``).
* Index headings need explicit ids (``toc`` turns a Hangul-only heading into ``_1``) without
  enabling ``attr_list`` for the whole site.

So the Markdown is a sequence of *sentinel* paragraphs (one plain word each, standing for the
title, the letter bar, a group, an entry, the end) with each term's definition after its entry's
sentinel; ``tree`` replaces each sentinel by the real elements (``PagePlan`` says which).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import quote

from ..i18n import translate
from ..model import GROUP_OTHER_DIGITS, HANGUL_GROUPS, Glossary, Term, group_order, make_id
from .layout import IndexLayout, fragment, group_slug

__all__ = [
    "Block",
    "GeneratedPage",
    "PagePlan",
    "bar_letters",
    "build_pages",
    "count_label",
    "default_title",
    "escape_jinja",
    "restore_jinja",
]

LATIN_LETTERS: tuple[str, ...] = tuple(chr(c) for c in range(ord("A"), ord("Z") + 1))

#: Stands for a ``{`` that starts ``{{``, ``{%`` or ``{#`` in the generated Markdown.
BRACE_STAND_IN = "\ue000"
_JINJA_START = re.compile(r"\{(?=[{%#])")

BlockKind = Literal["title", "bar", "group", "entry", "overview", "end"]


def escape_jinja(text: str) -> str:
    """Hide every ``{{``, ``{%``, ``{#`` from template engines; ``restore_jinja`` undoes it."""
    return _JINJA_START.sub(BRACE_STAND_IN, text)


def restore_jinja(text: str) -> str:
    return text.replace(BRACE_STAND_IN, "{")


@dataclass(frozen=True)
class Block:
    """One sentinel of a generated page and what replaces it."""

    kind: BlockKind
    group: str = ""
    term: Term | None = None


@dataclass
class PagePlan:
    """What the treeprocessor needs to turn one generated page's sentinels into its elements."""

    src_path: str
    title: str
    layout: IndexLayout
    strings: Mapping[str, str]
    blocks: list[Block]
    sentinel_word: str
    """The word every sentinel of the page starts with (``_sentinel_word``)."""
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
    """Mark each definition's lead for the tooltips (``leads.mark_lead``)."""
    lookup: dict[str, int] = field(default_factory=dict)
    hrefs: dict[tuple[str, str], tuple[str, str, str]] = field(default_factory=dict, repr=False)
    """Shared by the plans of one build: (folder, group) -> the group's page, its heading's
    anchor and the link to it from a page in that folder (``href``). Every page of a split
    index shows the same letter bar: each link is made once per build, not per page and letter."""

    def __post_init__(self) -> None:
        self.lookup = {self.sentinel(i): i for i in range(len(self.blocks))}

    def sentinel(self, i: int) -> str:
        """The paragraph text that stands for block ``i`` in the generated Markdown."""
        return f"{self.sentinel_word}{i}x"

    def href(self, group: str) -> str:
        """Link to a group's heading from this page (a ``.md`` path that ``relpath`` converts)."""
        start = posixpath.dirname(self.src_path) or "."
        made = self.hrefs.get((start, group))
        if made is None:
            target = self.layout.group_page(group)
            anchor = "#" + fragment(self.group_ids[group])
            path = quote(posixpath.relpath(target, start), safe="/")
            made = self.hrefs[start, group] = (target, anchor, path + anchor)
        target, anchor, href = made
        return anchor if target == self.src_path else href


@dataclass
class GeneratedPage:
    src_path: str
    markdown: str
    plan: PagePlan


def _sentinel_word(glossary: Glossary) -> str:
    """A word that appears in no definition, so a sentinel paragraph is never the user's text."""
    # The word predates the name "sentinel"; it stays as it was, since a sentinel that a broken
    # definition swallows shows on the page as written.
    word = "glossaryindexmarker"
    texts = [t.definition for t in glossary]
    while any(word in text for text in texts):
        word += "z"
    return word


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
    each definition's lead, which its tooltip summary is cut from (see ``leads``).
    """
    groups = glossary.groups()
    sentinel_word = _sentinel_word(glossary)
    taken = {t.id for t in glossary}
    group_ids = _group_ids(groups, taken)
    # The page title's heading gets an explicit id too (``toc`` would turn 용어집 into ``_1``).
    title_id = _unique(make_id(title), {*taken, *group_ids.values()})
    counts = {g: len(terms) for g, terms in groups.items()}
    letters = bar_letters(groups, hangul=hangul or any(g in HANGUL_GROUPS for g in groups))
    active = frozenset(groups)
    hrefs: dict[tuple[str, str], tuple[str, str, str]] = {}  # one for the plans of this build

    def page(src: str, page_title: str, blocks: list[Block], current: str | None) -> GeneratedPage:
        plan = PagePlan(
            src_path=src,
            title=page_title,
            layout=layout,
            strings=strings,
            blocks=blocks,
            sentinel_word=sentinel_word,
            bar_groups=letters,
            active_groups=active,
            group_ids=group_ids,
            title_id=title_id,
            group_counts=counts,
            backlinks=backlinks,
            current_group=current,
            rewrite=rewrite,
            leads=leads,
            hrefs=hrefs,
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
