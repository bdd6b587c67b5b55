"""Reading a docs folder the way the plugin does: which terms each page mentions.

Shared by ``usage`` and ``check --warn unused``. Each Markdown page is converted with
Python-Markdown, the site's Markdown extensions and our linker, driven by the same build
session the MkDocs plugin drives (``session.Session``), with ``link: all`` so that every mention
counts, not only the first of each page. So a mention counts exactly where the plugin would link
it: not in code, link text or headings; not on pages with front matter ``glossary: false`` or
matched by ``--exclude``; not on the glossary's own pages (a source inside the docs folder, the
generated index page).

Pages are the Markdown files of the folder, as MkDocs finds them: hidden files and folders and
``templates/`` are left out, as MkDocs' default ``exclude_docs`` does.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import markdown

from .. import codes
from .. import options as plugin_options
from ..frontmatter import front_matter
from ..model import Glossary, Problem
from ..options import SourceItem
from ..session import BuildError, Session, Site
from ..urls import page_url
from .config import DEFAULT_EXTENSIONS
from .findings import PAGE_ERROR, readable_sources
from .output import Finding, UsageError
from .project import Settings, given_or

__all__ = ["MARKDOWN_SUFFIXES", "Scan", "add_config_option", "add_scan_options", "scan_docs"]

#: The suffixes MkDocs reads as Markdown pages.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn")

# MkDocs' rule: YAML front matter opens with '---' on the first line and closes with '---' or
# '...'; a block that is not a YAML mapping is content, not front matter.


@dataclass
class Scan:
    """What reading the docs folder found."""

    glossary: Glossary
    pages: list[str] = field(default_factory=list)
    """The pages converted (src paths, ``/``-separated), in sorted order."""
    usage: dict[str, list[str]] = field(default_factory=dict)
    """Page -> ids of the terms it mentions (the plugin's usage records)."""
    link_counts: dict[str, int] = field(default_factory=dict)
    mentions: dict[str, int] = field(default_factory=dict)
    """Term id -> mentions over all pages."""
    problems: list[Problem] = field(default_factory=list)
    """The build's problems: the glossary's, the matcher's, and the ``warn`` findings."""
    findings: list[Finding] = field(default_factory=list)
    """Sources and pages that could not be read (errors)."""


def add_scan_options(parser: argparse.ArgumentParser, *, docs_required: bool) -> None:
    """``--docs``, ``--exclude`` and ``--config``: the same options for every command that
    reads pages."""
    parser.add_argument(
        "--docs",
        metavar="DIR",
        required=docs_required,
        help="the docs folder whose Markdown pages are read (MkDocs' docs_dir)",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="PATTERN",
        help="gitignore-style pattern of pages (paths inside --docs) where nothing counts, "
        "like the plugin's 'exclude' option; repeat for several",
    )
    add_config_option(parser)


def add_config_option(parser: argparse.ArgumentParser) -> None:
    """``--config``: the site's ``mkdocs.yml`` (every command that reads a glossary)."""
    parser.add_argument(
        "--config",
        metavar="MKDOCS_YML",
        help="the site's mkdocs.yml: the glossary's options (source, exclude, warn), docs_dir "
        "and Markdown extensions; read when no SOURCE is given (default: ./mkdocs.yml). "
        "Command-line SOURCE, --docs, --exclude and --warn win over the file. Without a file "
        "the Markdown extensions are " + ", ".join(DEFAULT_EXTENSIONS),
    )


def _pages(docs: str) -> list[str]:
    """The Markdown pages of ``docs`` as src paths, sorted (hidden files and ``templates/``
    left out, as MkDocs' default ``exclude_docs`` does)."""
    out = []
    for folder, dirs, files in os.walk(docs):
        rel = os.path.relpath(folder, docs)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if rel == ".":
            dirs[:] = [d for d in dirs if d != "templates"]
        for name in files:
            if name.startswith(".") or not name.lower().endswith(MARKDOWN_SUFFIXES):
                continue
            path = name if rel == "." else os.path.join(rel, name)
            out.append(path.replace(os.sep, "/"))
    return sorted(out)


def _docs_dir(docs: str | None) -> str:
    if docs is None:
        raise UsageError("give the docs folder with --docs DIR")
    if not os.path.exists(docs):
        raise UsageError(f"--docs {docs}: no such folder")
    if not os.path.isdir(docs):
        raise UsageError(f"--docs {docs}: not a folder (give the docs folder, e.g. --docs docs)")
    return str(docs)


def _readable(settings: Settings) -> tuple[Any, list[Finding]]:
    """The ``source`` value without the sources that cannot be read (a language left with
    none is dropped), and an error per unreadable one; None when none is readable."""
    groups: list[tuple[str, list[SourceItem]]] = []
    errors: list[Finding] = []
    for lang, items in settings.groups:
        readable, bad = readable_sources(items, settings.base)
        errors += [settings.placed(f) for f in bad]
        if readable:
            groups.append((lang, readable))
    if not groups:
        return None, errors
    if len(groups) == 1 and not groups[0][0]:
        return groups[0][1], errors
    return dict(groups), errors


def _start(
    settings: Settings, values: dict[str, Any], site: Site
) -> tuple[Session | None, list[Finding]]:
    """A started session over the readable sources (None when none is), and an error per
    unreadable one."""
    session = Session()
    try:
        opts, _ = plugin_options.validate({**values, "source": settings.source})
        session.start(opts, site)
        return session, []
    except BuildError:
        pass
    source, errors = _readable(settings)
    if source is None:
        return None, errors
    opts, _ = plugin_options.validate({**values, "source": source})
    session = Session()
    try:
        session.start(opts, site)
    except BuildError as exc:  # not a source (checked above): report, do not crash
        raise UsageError(str(exc)) from None
    return session, errors


def _page_error(docs: str, src: str, message: str) -> Finding:
    """A page that could not be read or converted: its mentions are not counted."""
    return Finding(
        os.path.join(docs, src),
        None,
        "error",
        PAGE_ERROR,
        message,
        codes.hint_of(PAGE_ERROR),
    )


def scan_docs(
    settings: Settings,
    args: argparse.Namespace,
    warn: Sequence[str] = (),
    docs: str | None = None,
) -> Scan:
    """Convert every page of the docs folder (``docs``, else ``--docs``, else the file's
    ``docs_dir``) with the linker and collect what it found. The file's options apply (its
    ``index.path``, ``case_sensitive``, ``languages``...), every mention counts (``link: all``)."""
    setup = settings.markdown
    docs = _docs_dir(docs or args.docs or settings.docs_dir)
    extensions = setup.extensions if setup else list(DEFAULT_EXTENSIONS)
    configs = setup.configs if setup else {}
    values: dict[str, Any] = {
        **settings.values,
        "link": "all",
        "tooltips": False,
        "exclude": given_or(args.exclude, settings.values, "exclude"),
        "warn": list(warn),
        "export": None,
    }
    site = Site(settings.base, docs, markdown=lambda: (extensions, configs))
    try:
        session, errors = _start(settings, values, site)
    except plugin_options.OptionError as exc:
        raise UsageError(str(exc)) from None
    except ValueError as exc:  # pathspec's error for a pattern gitignore cannot read
        raise UsageError(f"--exclude: {exc}") from None
    if session is None:
        return Scan(Glossary(), findings=errors)
    assert session.glossary is not None and session.state is not None
    scan = Scan(session.glossary, findings=errors)
    pages = _pages(docs)
    removed = {
        op.src for op in session.plan_files(set(pages).__contains__) if op.action == "remove"
    }
    try:
        md = markdown.Markdown(
            extensions=[*extensions, *session.extensions], extension_configs=configs
        )
    except Exception as exc:  # an extension that is not installed or rejects its config
        raise UsageError(f"cannot set up the Markdown extensions: {exc}") from None
    for src in pages:
        if src in removed or src in session.index_sources:
            continue
        try:
            with open(os.path.join(docs, src), encoding="utf-8-sig") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            scan.findings.append(_page_error(docs, src, f"the page cannot be read: {exc}"))
            continue
        meta, body = front_matter(text)
        session.index_page(src)
        session.set_page(src, page_url(src, True), meta)
        try:
            md.reset()
            md.convert(body)
        except Exception as exc:  # an extension failing on one page must not hide the others
            what = f"the page could not be converted: {type(exc).__name__}: {exc}"
            scan.findings.append(_page_error(docs, src, what))
            continue
        scan.pages.append(src)
    session.summary()
    state = session.state
    scan.usage = dict(state.usage)
    scan.link_counts = dict(state.link_counts)
    scan.mentions = dict(state.term_links)
    scan.problems = [p for p in session.take_problems() if p.path or p.level != "info"]
    return scan
