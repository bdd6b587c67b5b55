"""The changes a build makes to the site's file list, as data: one language's index page(s), the
glossary sources not to publish, the pictures definitions refer to, and our assets.

Its one job is deciding these changes, not applying them: only a host knows its own file objects
(MkDocs' ``Files``), so the host applies each :class:`FileOp`. A pure function of the glossary,
the layout, the options and what the host says exists (``exists``), so the rules below are
checked without a site; the problems it finds are returned as data, in the order found.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import codes
from ..i18n import strings_for
from ..marker_page import MARKER, holds_marker
from ..model import Glossary, Problem
from ..urls import inside
from .layout import IndexLayout
from .media import LocalFiles
from .pages import PagePlan, build_pages, default_title

if TYPE_CHECKING:
    from ..options import Options

__all__ = [
    "ASSETS_DIR",
    "INDEX_CSS",
    "TOOLTIP_CSS",
    "TOOLTIP_JS",
    "FileOp",
    "FilePlan",
    "plan_files",
]

#: Our tooltip assets and the index page's style, published at these paths of the site.
TOOLTIP_CSS = "assets/glossary/glossary.css"
TOOLTIP_JS = "assets/glossary/glossary.js"
INDEX_CSS = "assets/glossary/glossary-index.css"
ASSETS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "assets")


@dataclass(frozen=True)
class FileOp:
    """A change of the host's file list: remove ``src``, or add it (from ``content``, a
    generated page's Markdown, or a copy of the file at ``source``); ``in_nav`` False keeps a
    page out of the navigation (the group pages of a split index)."""

    action: str  # "add" or "remove"
    src: str
    content: str | None = None
    source: str | None = None
    in_nav: bool = True
    dest_prefix: str = ""
    """Published under this folder (``ko/``) rather than where ``src`` says (a language build
    of an i18n plugin; see ``IndexLayout.url_prefix``)."""


@dataclass(frozen=True)
class FilePlan:
    """What :func:`plan_files` decided: the changes in order, the plan of each generated page
    (by src path), the local files definitions refer to, and the problems found."""

    ops: list[FileOp]
    plans: dict[str, PagePlan]
    local: LocalFiles
    problems: list[Problem]


def plan_files(
    glossary: Glossary,
    layout: IndexLayout,
    options: Options,
    *,
    docs_dir: str,
    config_dir: str,
    source_paths: Sequence[str],
    exists: Callable[[str], bool],
    language: str,
    leads: bool,
) -> FilePlan:
    """The changes to the site's files, in order: the tooltip assets, the index page(s),
    and what they replace.

    A source that is the index page itself is replaced by the generated page. A source
    elsewhere in ``docs_dir`` is not published (INFO): its terms are on the index. A page of
    the user's at a generated path that is not a source is replaced too, with a warning,
    since its content would silently disappear. Local files that definitions refer to from
    outside ``docs_dir`` are published beside the index. A file of the user's at an asset's
    path is an override, and is kept.

    ``source_paths``: the glossary's source files, absolute; ``language``: the UI language of
    the index page; ``leads``: mark each definition's lead (something shows summaries).
    """
    ops: list[FileOp] = []
    problems: list[Problem] = []
    removed: set[str] = set()
    added: set[str] = set()

    def present(src: str) -> bool:
        return src in added or (src not in removed and exists(src))

    def add(src: str, **kwargs: Any) -> None:
        ops.append(FileOp("add", src, **kwargs))
        added.add(src)
        removed.discard(src)

    def remove(src: str) -> None:
        ops.append(FileOp("remove", src))
        removed.add(src)
        added.discard(src)

    if options.tooltips:
        for uri in (TOOLTIP_CSS, TOOLTIP_JS):
            if not present(uri):
                add(uri, source=os.path.join(ASSETS_DIR, posixpath.basename(uri)))
    docs_dir = os.path.abspath(docs_dir)
    generated = layout.pages()
    sources_in_docs = set()
    for path in source_paths:
        if not inside(path, docs_dir):
            continue
        src = os.path.relpath(os.path.abspath(path), docs_dir).replace(os.sep, "/")
        sources_in_docs.add(src)
        if not present(src):
            continue
        remove(src)
        if src not in generated:
            problems.append(
                Problem(
                    f"'{src}' is a glossary source inside docs_dir: it is not published as "
                    f"a page of its own; its terms are on the index page '{layout.path}'",
                    level="info",
                    code=codes.SOURCE_IN_DOCS,
                )
            )
    for src in generated:
        if present(src) and src not in sources_in_docs:
            remove(src)
            if holds_marker(os.path.join(docs_dir, *src.split("/"))):
                # The index page a plugin-less host (Zensical) fills: expected here.
                message = f"'{src}' holds {MARKER}: the generated index takes its place"
                problems.append(Problem(message, level="info", code=codes.INDEX_MARKER_PAGE))
                continue
            problems.append(
                Problem(
                    f"'{src}' in docs_dir is replaced by the generated glossary index; set "
                    "'index.path' to another path to keep that page",
                    code=codes.PAGE_REPLACED,
                )
            )
    local = LocalFiles(docs_dir, config_dir, layout.media_dir)
    local.scan(glossary)
    pages = build_pages(
        glossary,
        layout,
        title=default_title(glossary, options.index.title, language),
        strings=strings_for(language),
        backlinks=options.index.backlinks,
        hangul=language == "ko",
        rewrite=local.rewrite,
        leads=leads,
    )
    plans: dict[str, PagePlan] = {}
    for page in pages:
        # Group pages of a split index are reached through the letter bar, not the nav.
        add(
            page.src_path,
            content=page.markdown,
            in_nav=page.src_path == layout.path,
            dest_prefix=layout.url_prefix,
        )
        plans[page.src_path] = page.plan
    for dest, absolute in local.published.items():
        if not present(dest):
            add(dest, source=absolute)
    if not present(INDEX_CSS):
        add(INDEX_CSS, source=os.path.join(ASSETS_DIR, posixpath.basename(INDEX_CSS)))
    return FilePlan(ops, plans, local, problems)


def merge_plans(
    languages: Sequence[str],
    plan: Callable[[str, Callable[[str], bool]], list[FileOp]],
    exists: Callable[[str], bool],
) -> list[FileOp]:
    """The changes of a multilingual build: ``plan(language, exists)`` of each language in turn
    (each has its own index page), without what an earlier language planned already (the
    assets, a source not to publish); each language sees the files as the earlier left them."""
    ops: list[FileOp] = []
    done: dict[str, str] = {}

    def present(src: str) -> bool:
        return done[src] == "add" if src in done else exists(src)

    for language in languages:
        new = [op for op in plan(language, present) if done.get(op.src) != op.action]
        ops += new
        done.update((op.src, op.action) for op in new)
    return ops
