"""The tree linker's Python-Markdown extension: registers it on every Markdown instance.

The linker works on the finished element tree of a page (after inline patterns, ``attr_list``,
``abbr``, ``toc``, ``unescape`` and MkDocs' ``relpath``), so terms written by macros are linked,
headings, titles and TOC entries are already final, and MkDocs never sees (or logs) our links.
It holds no MkDocs objects: the host hands it a ``LinkerState`` and sets ``state.page`` before
each page, so the extension also works with plain Python-Markdown.

This module is only the registration; the linker itself is the ``linking`` package (the flow
walk, the spanning links, the per-page pass). The names other modules and tests import are
re-exported here, so ``from mkdocs_glossary_plugin.extension import LinkerState`` keeps working.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .linking.linker import link_tree
from .linking.markup import (
    LINK_CLASS,
    SCOPE_ATTR,
    SKIP_ATTR,
    SKIP_CLASSES,
    SKIP_TAGS,
    WRAPPABLE_TAGS,
)
from .linking.state import LinkerState, MatcherLike, MatchLike, PageContext

__all__ = [
    "LINK_CLASS",
    "PRIORITY",
    "SCOPE_ATTR",
    "SKIP_ATTR",
    "SKIP_CLASSES",
    "SKIP_TAGS",
    "WRAPPABLE_TAGS",
    "GlossaryExtension",
    "GlossaryTreeprocessor",
    "LinkerState",
    "MatchLike",
    "MatcherLike",
    "PageContext",
]

#: Python-Markdown calls treeprocessors by descending priority: ours comes after ``unescape`` (0)
#: and MkDocs' ``relpath`` (0), so our hrefs are final and never rewritten.
PRIORITY = -10


class GlossaryTreeprocessor(Treeprocessor):
    """Links the mentions of glossary terms in the finished tree of the current page."""

    def __init__(self, md: Markdown, state: LinkerState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        link_tree(self.state, root, self.md.htmlStash.rawHtmlBlocks)


class GlossaryExtension(Extension):
    """Registers the linker on every Markdown instance (MkDocs makes one per page).

    One instance is shared by all pages of a build through its ``state``; it holds no MkDocs
    objects, so it can be used with plain Python-Markdown too.
    """

    def __init__(self, state: LinkerState, **kwargs: object) -> None:
        self.state = state
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(GlossaryTreeprocessor(md, self.state), "glossary", PRIORITY)
