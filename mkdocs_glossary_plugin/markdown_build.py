"""What every page of a plugin-less host shares: one glossary, one matcher, one index plan.

Zensical (and any Python-Markdown host) makes a new ``Markdown`` instance, with new extension
objects, for every page, and has no hook before or after the pages. So the expensive part (read
the sources, compile the matcher, plan the index page, render tooltip summaries) lives here, in a
module-level cache keyed by what it is made from: the options, the host's settings, and each
source's path, modification time and size. An edited source makes a new :class:`SharedBuild` on
the next page; an unchanged one is reused by every page and every rebuild of the process. Pages
may render on several threads: the cache and everything a page asks of a build (tooltip
summaries, the backlinks scan) are behind locks; linking itself only reads the matcher.

No host import: the host hands in a :class:`HostSettings` value.
"""

from __future__ import annotations

import dataclasses
import html as html_module
import os
import posixpath
import re
import threading
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import markdown
from markdown.treeprocessors import Treeprocessor

from . import codes
from .extension import PRIORITY as LINK_PRIORITY
from .frontmatter import front_matter
from .i18n import normalize_language, strings_for
from .index import PagePlan, backlinks_by_term, extract_leads, fill_backlinks, fragment
from .index.pages import restore_jinja
from .linking.linker import link_tree
from .linking.state import LinkerState, MatcherLike, MatchLike, PageContext
from .model import Glossary, Problem, Term
from .options import Options
from .session import Session, Site
from .urls import page_url

__all__ = ["HostSettings", "SharedBuild", "SkipMatcher", "shared_build"]

#: The suffixes read as Markdown pages by the backlinks scan (MkDocs' and Zensical's).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn")

_FRONT_MATTER_OF_GENERATED = re.compile(r"\A---\n.*?\n---\n+", re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")
#: The permalink ``toc`` adds to a heading (``¶``) is not part of its title.
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


@dataclass(frozen=True)
class HostSettings:
    """What the host says about the site (plain, hashable data).

    ``docs_dir`` None: a host with no docs folder (plain Python-Markdown), so no backlinks scan
    and no asset check. ``index_url``: the index page's URL for a host that gives URLs instead
    of source paths (plain Python-Markdown); None on Zensical, where links point at the index
    page's source file (``index.path``) and Zensical turns them into URLs.
    """

    root_dir: str
    docs_dir: str | None = None
    use_directory_urls: bool = True
    theme_language: str | None = None
    index_url: str | None = None
    extensions: tuple[Any, ...] = ()
    """The site's Markdown extensions for tooltip summaries and the scan (ours left out)."""
    extension_configs: tuple[tuple[str, Any], ...] = ()


class SkipMatcher:
    """The session's matcher without the terms a page linked already in another Markdown
    instance (``link: first`` holds per page, not per instance: mkdocstrings and markdown-exec
    render parts of a page with inner instances)."""

    def __init__(self, matcher: MatcherLike, skip: frozenset[str]) -> None:
        self.matcher = matcher
        self.skip = skip

    def find(self, text: str) -> Sequence[MatchLike]:
        return [m for m in self.matcher.find(text) if m.term_id not in self.skip]


class SharedBuild:
    """One glossary and everything made from it, shared by the pages of a plugin-less host.

    Raises ``session.BuildError`` when a source cannot be read (the host reports it).
    """

    def __init__(self, options: Options, host: HostSettings) -> None:
        if options.index.split != "never":
            # A Markdown extension cannot add pages: the index is one page of the user's.
            options = dataclasses.replace(
                options, index=dataclasses.replace(options.index, split="never")
            )
        self.options = options
        self.host = host
        self.lock = threading.RLock()
        extensions, configs = list(host.extensions), dict(host.extension_configs)
        self.session = Session()
        self.session.start(
            options,
            Site(
                config_dir=host.root_dir,
                docs_dir=host.docs_dir or host.root_dir,
                use_directory_urls=host.use_directory_urls,
                theme_languages=lambda: (host.theme_language,),
                markdown=lambda: (extensions, configs),
            ),
        )
        self.index_src = posixpath.normpath(options.index.path.replace("\\", "/"))
        ops = self.session.plan_files(lambda src: False)
        generated = next((op.content for op in ops if op.src == self.index_src), None) or ""
        self.index_markdown = restore_jinja(_FRONT_MATTER_OF_GENERATED.sub("", generated, 1))
        self.plan: PagePlan | None = self.session.index_plan(self.index_src)
        index_file = (
            os.path.join(host.docs_dir, *self.index_src.split("/")) if host.docs_dir else ""
        )
        self.index_is_source = bool(index_file) and any(
            os.path.normpath(path) == os.path.normpath(index_file)
            for path, _, _ in _stamp(options, host.root_dir) or ()
        )
        """The index page is itself a glossary source: its whole rendering is the index (as
        the MkDocs plugin does), no marker needed."""
        self.session.use_pages([], self._url_of)
        self.problems: list[Problem] = self.session.take_problems()
        self._scan: dict[str, tuple[tuple[int, int], list[str], str]] = {}
        """Page src -> ((mtime ns, size), ids of the terms it mentions, its title)."""
        self._scan_md: Any = None
        self._payload_failed = False
        self._scan_problems: list[Problem] = []

    @property
    def glossary(self) -> Glossary:
        assert self.session.glossary is not None
        return self.session.glossary

    # -- links -------------------------------------------------------------------------------

    def entry_url(self, term: Term) -> str:
        """Where a term's entry is: on Zensical the index page's *source file* (``glossary.md#id``;
        Zensical rewrites links to source files after the extensions ran), on a plain host the
        index page's URL."""
        base = self.host.index_url if self.host.index_url is not None else self.index_src
        return f"{base}#{fragment(term.id)}"

    def link(
        self,
        root: etree.Element,
        md: markdown.Markdown,
        src: str,
        base: str,
        meta: Mapping[str, Any],
        seen: frozenset[str] = frozenset(),
    ) -> list[str]:
        """Link the page's tree; the ids it linked. ``base`` is what links are made relative to
        (the page's source path on Zensical, its URL on a plain host)."""
        matcher: MatcherLike | None = self.session.matcher
        if matcher is None:
            return []
        if self.options.link == "first" and seen:
            matcher = SkipMatcher(matcher, seen)
        state = LinkerState(matcher, self.glossary, self.entry_url)
        state.page = PageContext(
            src_uri=src,
            url=base,
            enabled=self.session.page_enabled(src, meta),
            link_mode=self.options.link,
        )
        link_tree(state, root, md.htmlStash.rawHtmlBlocks)
        return state.usage.get(src, [])

    # -- tooltips ----------------------------------------------------------------------------

    def payload(self, html: str, page_url: str) -> tuple[str, list[Problem]]:
        """The tooltip payload of a page (``""``: it links nothing), its URLs relative to
        ``page_url`` (payloads live in ``data-`` attributes, which no host rewrites)."""
        if not self.options.tooltips:
            return "", []
        with self.lock:
            try:
                marker = self.session.marker(html)
                filled = self.session.fill(marker, page_url) if marker else ""
            except Exception as exc:  # the site's extensions cannot render summaries here
                if self._payload_failed:
                    return "", []
                self._payload_failed = True
                message = (
                    f"tooltips are left out: the site's Markdown extensions cannot render "
                    f"definitions outside a page ({type(exc).__name__}: {exc})"
                )
                return "", [Problem(message, code=codes.TOOLTIPS_LEFT_OUT)]
            return filled, self.session.take_problems()

    def _url_of(self, src: str) -> str | None:
        """The URL of a file of the docs folder (links written in definitions), None if absent."""
        docs = self.host.docs_dir
        if docs is None or not os.path.isfile(os.path.join(docs, *src.split("/"))):
            return None
        if src.lower().endswith(MARKDOWN_SUFFIXES):
            return page_url(src, self.host.use_directory_urls)
        return src

    # -- the index page ----------------------------------------------------------------------

    def finish_index(self, html: str, index_base: str) -> tuple[str, list[Problem]]:
        """The index page's HTML with its backlinks filled (from a scan of the docs folder) and
        the tooltip leads' marks removed, and what the scan found wrong. ``index_base``: what
        the backlinks' hrefs are relative to (the index page's source path on Zensical)."""
        html, _ = extract_leads(html)
        links: dict[str, list[tuple[str, str]]] = {}
        problems: list[Problem] = []
        if self.options.index.backlinks and self.host.docs_dir is not None:
            with self.lock:
                usage, titles = self._scan_docs()
                problems, self._scan_problems = self._scan_problems, []
            for term_id, pages in backlinks_by_term(usage, sorted(usage)).items():
                links[term_id] = [(titles[s], _relative_file(s, index_base)) for s in pages]
        return fill_backlinks(html, links, self.strings.get("used_on", "Used on")), problems

    @property
    def strings(self) -> Mapping[str, str]:
        """The UI strings: the ``language`` option, else the theme's, else English."""
        for value in (self.options.language, self.host.theme_language):
            language = normalize_language(value)
            if language:
                return strings_for(language)
        return strings_for("en")

    def _scan_docs(self) -> tuple[dict[str, list[str]], dict[str, str]]:
        """Which terms each page of the docs folder mentions, read from its source (each page
        is re-read only when its modification time or size changed): Zensical renders the
        index page without the other pages' records, in any order."""
        docs = self.host.docs_dir
        assert docs is not None
        seen: set[str] = set()
        usage: dict[str, list[str]] = {}
        titles: dict[str, str] = {}
        for src in _pages(docs):
            if src == self.index_src:
                continue
            path = os.path.join(docs, *src.split("/"))
            try:
                st = os.stat(path)
            except OSError:
                continue
            stamp = (st.st_mtime_ns, st.st_size)
            seen.add(src)
            cached = self._scan.get(src)
            if cached is None or cached[0] != stamp:
                cached = self._scan[src] = (stamp, *self._scan_page(src, path))
            if cached[1]:
                usage[src] = cached[1]
                titles[src] = cached[2]
        for gone in set(self._scan) - seen:
            del self._scan[gone]
        return usage, titles

    def _scan_page(self, src: str, path: str) -> tuple[list[str], str]:
        """The terms one page mentions and its title (front matter, else its first ``h1``)."""
        try:
            with open(path, encoding="utf-8-sig") as fh:
                meta, body = front_matter(fh.read())
        except (OSError, UnicodeDecodeError):
            return [], src
        if self._scan_md is None:
            try:
                self._scan_md = markdown.Markdown(
                    extensions=list(self.host.extensions),
                    extension_configs=dict(self.host.extension_configs),
                )
            except Exception as exc:  # an extension that needs its host's page
                self._scan_md = False
                message = (
                    "backlinks are left out: the site's Markdown extensions cannot render "
                    f"pages outside a build ({type(exc).__name__}: {exc})"
                )
                self._scan_problems.append(Problem(message, code=codes.BACKLINKS_LEFT_OUT))
        md = self._scan_md
        if not md:
            return [], src
        ids: list[str] = []
        collect = _Collect(md, lambda root: ids.extend(self.link(root, md, src, src, meta)))
        md.treeprocessors.register(collect, "glossary_scan", LINK_PRIORITY)
        try:
            md.reset()
            html = md.convert(body)
        except Exception as exc:  # a page another extension cannot render: no backlinks from it
            message = (
                f"no backlinks from this page: it cannot be read outside the build "
                f"({type(exc).__name__}: {exc})"
            )
            self._scan_problems.append(
                Problem(message, path, 1, "info", code=codes.PAGE_NOT_SCANNED)
            )
            return [], src
        finally:
            md.treeprocessors.deregister("glossary_scan")
        title = meta.get("title")
        if not isinstance(title, str) or not title.strip():
            h1 = _H1.search(html)
            text = _HEADERLINK.sub("", h1.group(1)) if h1 else ""
            title = html_module.unescape(_TAG.sub("", text)).strip()
        return ids, title or posixpath.splitext(posixpath.basename(src))[0]


class _Collect(Treeprocessor):
    """The scan's linker: hands the finished tree to a function."""

    def __init__(self, md: markdown.Markdown, run: Callable[[etree.Element], object]) -> None:
        super().__init__(md)
        self._run = run

    def run(self, root: etree.Element) -> None:
        self._run(root)


def _relative_file(target: str, from_src: str) -> str:
    """``target`` (a source path) relative to the folder of the source file ``from_src``."""
    start = posixpath.dirname(from_src) or "."
    return posixpath.relpath(target, start)


def _pages(docs: str) -> list[str]:
    """The Markdown pages of ``docs`` as sorted src paths (hidden files and folders left out)."""
    out = []
    for folder, dirs, files in os.walk(docs):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = os.path.relpath(folder, docs)
        for name in files:
            if name.startswith(".") or not name.lower().endswith(MARKDOWN_SUFFIXES):
                continue
            out.append((name if rel == "." else os.path.join(rel, name)).replace(os.sep, "/"))
    return sorted(out)


# -- the process-wide cache --------------------------------------------------------------------

_LOCK = threading.Lock()
_BUILDS: dict[tuple[object, ...], tuple[tuple[object, ...], SharedBuild]] = {}


def _stamp(options: Options, root_dir: str) -> tuple[tuple[str, int, int], ...] | None:
    """Each source's path, modification time and size; None when one cannot be read (never
    cached: the next page reports it again)."""
    out: list[tuple[str, int, int]] = []
    for item in options.source:
        path = item if isinstance(item, str) else str(item["path"])
        full = os.path.normpath(os.path.join(root_dir, path))
        try:
            st = os.stat(full)
        except OSError:
            return None
        out.append((full, st.st_mtime_ns, st.st_size))
    return tuple(out)


def shared_build(options: Options, host: HostSettings) -> tuple[SharedBuild, bool]:
    """The build for these options and host, made or reused; whether it is new (its problems
    are then to be reported). Raises ``session.BuildError``."""
    identity = (host.root_dir, host.docs_dir, host.index_url)
    key = (repr(options), repr(host))
    with _LOCK:
        stamp = _stamp(options, host.root_dir)
        held = _BUILDS.get(identity)
        if held is not None and stamp is not None and held[0] == (key, stamp):
            return held[1], False
        build = SharedBuild(options, host)
        if stamp is not None:
            # One build per site: an edited glossary replaces the old one, no pile-up.
            _BUILDS[identity] = ((key, stamp), build)
        return build, True
