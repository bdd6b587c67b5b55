"""The page Zensical is rendering, read from a Markdown instance (the only module that imports it).

Zensical makes a new ``Markdown`` instance, with new extension objects, for every page, and tells
no extension which page it is. It does register a preprocessor of its own,
``zensical.extensions.context.ContextPreprocessor``, that holds the page (``url``, ``path`` in
the docs folder, front matter ``meta``) and the whole site configuration (``root_dir``,
``docs_dir``, ``use_directory_urls``, ``markdown_extensions``...). This module turns that into
plain data, so the rest of the adapter never touches a Zensical object; without Zensical, or
outside a page, it returns None.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ZensicalPage", "zensical_page"]


@dataclass(frozen=True)
class ZensicalPage:
    """One page of a Zensical build, as plain data.

    ``key`` is the page object itself: Zensical makes a new one for every rendering of a page and
    hands that same object to every Markdown instance rendering it (mkdocstrings and markdown-exec
    make inner instances), so per-page state is keyed by it.
    """

    key: object
    src: str
    """The page's path in the docs folder, ``/``-separated (``sub/page.md``)."""
    url: str
    """Its URL from the site root (``sub/page/``, ``""`` for the home page)."""
    meta: Mapping[str, Any]
    root_dir: str
    docs_dir: str
    use_directory_urls: bool
    theme_language: str | None
    extensions: list[Any] = field(default_factory=list)
    """The site's ``markdown_extensions`` (names, and Zensical's own objects)."""
    extension_configs: Mapping[str, Any] = field(default_factory=dict)


def zensical_page(md: Any) -> ZensicalPage | None:
    """The page ``md`` is rendering under Zensical, else None (plain Python-Markdown, MkDocs)."""
    try:
        from zensical.extensions.context import ContextPreprocessor
    except ImportError:
        return None
    context = ContextPreprocessor.from_markdown(md)
    if context is None or context.page is None:
        return None
    page, config = context.page, context.config or {}
    root = str(config.get("root_dir") or os.getcwd())
    docs = str(config.get("docs_dir") or "docs")
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, Mapping) else None
    return ZensicalPage(
        key=page,
        src=str(page.path).replace(os.sep, "/"),
        url=str(page.url),
        meta=dict(page.meta or {}),
        root_dir=os.path.abspath(root),
        docs_dir=os.path.normpath(os.path.join(root, docs)),
        use_directory_urls=bool(config.get("use_directory_urls", True)),
        theme_language=language if isinstance(language, str) else None,
        extensions=list(config.get("markdown_extensions") or []),
        extension_configs=dict(config.get("mdx_configs") or {}),
    )
