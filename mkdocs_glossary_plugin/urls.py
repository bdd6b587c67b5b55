"""Pure relative-URL helpers: where a term's entry lives and how a page links to it.

Links are written as final relative URLs by our treeprocessor (after MkDocs' ``relpath``), so they
must be right from every page depth, with ``use_directory_urls`` on and off, and under a
``site_url`` with a sub-path (relative URLs never mention the site root, so that case is free).
No MkDocs import: the rules below mirror ``mkdocs.structure.files.File`` and ``Page.url``.

One file-system helper lives here too, :func:`inside`: whether a path lies in a folder (a glossary
source in ``docs_dir``, a file a definition refers to), asked the same safe way everywhere.
"""

from __future__ import annotations

import os
import posixpath
from functools import lru_cache
from urllib.parse import quote

__all__ = ["fragment_base", "inside", "page_url", "relative_url", "split_fragment"]

# MkDocs quotes page URLs with ``urllib.parse.quote(url)`` (only ``/`` is safe); we do the same so
# that our URLs compare equal to ``Page.url``.
_SAFE = "/"


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL (relative to the site root) MkDocs gives the page built from ``src_uri``.

    ``index.md`` and ``README.md`` are index pages (``sub/index.md`` -> ``sub/``); with
    ``use_directory_urls`` every other page ``foo.md`` becomes ``foo/``, otherwise ``foo.html``.
    The site's home page is ``""``, as MkDocs' ``Page.url`` says.
    """
    src_uri = src_uri.replace("\\", "/").lstrip("/")
    parent, filename = posixpath.split(src_uri)
    stem = posixpath.splitext(filename)[0]
    if stem == "README":
        stem = "index"
    if not use_directory_urls:
        url = posixpath.join(parent, stem + ".html")
    elif stem == "index":
        url = parent + "/" if parent else ""
    else:
        url = posixpath.join(parent, stem) + "/"
    return quote(url, safe=_SAFE)


def split_fragment(url: str) -> tuple[str, str]:
    """``"a/b/#x"`` -> ``("a/b/", "x")``; no ``#`` gives an empty fragment."""
    path, _, fragment = url.partition("#")
    return path, fragment


def _dir_parts(url: str) -> list[str]:
    """The directory of a page URL as path segments (a URL not ending in ``/`` is a file)."""
    directory = url if url.endswith("/") or not url else url.rpartition("/")[0]
    return [part for part in directory.split("/") if part and part != "."]


def relative_url(target: str, from_page: str) -> str:
    """``target`` (site-root-relative, maybe with ``#fragment``) as seen from page ``from_page``.

    Both are URLs relative to the site root as MkDocs writes them (``""`` is the home page,
    ``a/b/`` a directory URL, ``a/b.html`` a file URL). A target on the very page gives only
    ``#fragment``, so links on the index page stay on it.
    """
    path, fragment = split_fragment(target.lstrip("/"))
    if fragment:
        return f"{fragment_base(path, from_page)}#{fragment}"
    return _relative_path(path, from_page.lstrip("/"))


def fragment_base(path: str, from_page: str) -> str:
    """What goes before ``#fragment`` in a link from page ``from_page`` into page ``path`` (both
    site-root-relative): ``""`` on the very page, else the relative path. The linker asks it
    once per index page and page, not once per term (:func:`relative_url` is the two joined)."""
    path, from_page = path.lstrip("/"), from_page.lstrip("/")
    if _norm(path) == _norm(from_page):
        return ""
    return _relative_path(path, from_page)


# The linker asks for the same few (index page, page) pairs for every term a page mentions, and
# the tooltip payload again for every link in a summary: remember the last few thousand answers.
@lru_cache(maxsize=4096)
def _relative_path(path: str, from_page: str) -> str:
    """The path part of :func:`relative_url` (no fragment)."""
    base = _dir_parts(from_page)
    dest = [part for part in path.split("/") if part and part != "."]
    common = 0
    for a, b in zip(base, dest, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(base) - common) + dest[common:])
    if path.endswith("/") or not path:
        rel = rel + "/" if rel else "./"
    return rel


@lru_cache(maxsize=4096)
def _norm(url: str) -> str:
    """Page URLs that name the same page compare equal (``""``, ``./`` and ``index.html`` aside)."""
    return "/".join(part for part in url.split("/") if part and part != ".")


def inside(path: str, folder: str, *, resolve_links: bool = False) -> bool:
    """Whether ``path`` is ``folder`` itself or lies somewhere below it.

    Both are made absolute and normalised first (``..`` cannot climb out unnoticed); with
    ``resolve_links`` symbolic links are resolved too, for questions about the real file (what
    MkDocs' own watcher sees). Paths on different drives (Windows), which
    ``os.path.commonpath`` refuses with ``ValueError``, are not inside: one folder never spans
    two drives. A name that merely starts like the folder (``docs-old`` for ``docs``) is not
    inside it: whole path components are compared.
    """
    norm = os.path.realpath if resolve_links else os.path.abspath
    target, base = norm(path), norm(folder)
    try:
        return os.path.commonpath([target, base]) == base
    except ValueError:
        return False
