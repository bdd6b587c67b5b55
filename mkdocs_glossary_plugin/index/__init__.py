"""The A–Z index page: generated pages that the host renders like any other page.

No MkDocs import. The host asks for the layout (``make_layout``) and the pages to generate
(``build_pages``), adds them as pages of the site, and renders them with the site's own Markdown
extensions (so definitions get admonitions, math, lists, images) plus ``IndexExtension`` and the
linker. Once every page is rendered, it fills the backlinks (``fill_backlinks``) and, with
tooltips, takes the definitions' leads out of the rendered pages (``extract_leads``).

- ``layout``: which page holds which term, paths and URLs, the split;
- ``pages``: the Markdown of each generated page and the plan its tree work follows;
- ``tree``: the Python-Markdown extension that turns that Markdown into the index's elements;
- ``leads``: each definition's lead, marked in the tree and cut out for the tooltips;
- ``backlinks``: the pages that mention each term;
- ``media``: local files that definitions refer to, published when outside ``docs_dir``;
- ``files``: the changes to the site's files, as ``FileOp`` data the host applies;
- ``finish``: the rendered pages made final (backlinks filled, leads cut out).
"""

from __future__ import annotations

from .backlinks import BACKLINKS_ATTR, backlink_links, backlinks_by_term, fill_backlinks
from .layout import (
    SPLIT_THRESHOLD,
    IndexLayout,
    check_index_path,
    fragment,
    group_slug,
    make_layout,
)
from .leads import LEAD_ATTR, extract_leads, mark_lead
from .media import LocalFiles
from .pages import (
    Block,
    GeneratedPage,
    PagePlan,
    bar_letters,
    build_pages,
    count_label,
    default_title,
    escape_jinja,
    restore_jinja,
)
from .tree import PRE_PRIORITY, TREE_PRIORITY, IndexExtension, IndexRenderState

__all__ = [
    "BACKLINKS_ATTR",
    "LEAD_ATTR",
    "PRE_PRIORITY",
    "SPLIT_THRESHOLD",
    "TREE_PRIORITY",
    "Block",
    "GeneratedPage",
    "IndexExtension",
    "IndexLayout",
    "IndexRenderState",
    "LocalFiles",
    "PagePlan",
    "backlink_links",
    "backlinks_by_term",
    "bar_letters",
    "build_pages",
    "check_index_path",
    "count_label",
    "default_title",
    "escape_jinja",
    "extract_leads",
    "fill_backlinks",
    "fragment",
    "group_slug",
    "make_layout",
    "mark_lead",
    "restore_jinja",
]
