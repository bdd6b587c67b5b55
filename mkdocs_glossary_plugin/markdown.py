"""``mkdocs_glossary_plugin.markdown``: the glossary as a Python-Markdown extension, for hosts
that run Markdown extensions but no MkDocs plugins (Zensical) and for plain Python-Markdown.

Listed under ``markdown_extensions`` with the plugin's own option names (``source``, ``link``,
``tooltips``, ``index.path``...), validated by the same schema with the same messages
(``options.validate``). Per page it links the mentions with the same matcher and linker, appends
the tooltip payload (in ``data-`` attributes, as the plugin does), and on the page at
``index.path`` replaces the line ``<!-- glossary-index -->`` by the A–Z index.

Why it is built this way (what Zensical does, checked with Zensical 0.0.73):

* Zensical makes a new ``Markdown`` instance and new extension objects for every page, and has no
  hook before or after the pages: the glossary, the matcher and the index plan are cached per
  process in ``markdown_build`` (keyed by the sources' modification times and the options);
  what belongs to one page is keyed by the page (``zensical_page``).
* Zensical rewrites every relative ``href`` as relative to the page's *source file* after the
  extensions ran, so links point at the index page's ``.md`` file (``glossary.md#id`` from the
  page's folder), which it turns into the right URL in both URL styles. ``data-`` attributes are
  not rewritten, so the tooltip payload's URLs are made relative to the page's URL.
* mkdocs-macros runs as a preprocessor at priority 35: the index is put in at 34, after it, so
  ``{{``, ``{%`` and ``{#`` in definitions reach Markdown as written.
* Zensical prints an exception as a traceback and does not fail on logged warnings or errors,
  even with ``--strict``. Every message therefore starts ``glossary: FILE:LINE:`` (it reads
  well as bare text); a source that cannot be read, or an invalid option, stops the build (an
  error line, then an exception with the same text), like ``PluginError`` on MkDocs.

Under MkDocs, the ``glossary`` plugin does all this and more; when both are configured the
plugin removes this extension and says so (``plugin.py``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
import weakref
import xml.etree.ElementTree as etree
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from . import bundle, codes
from .extension import PRIORITY as LINK_PRIORITY
from .index import IndexExtension, IndexRenderState
from .markdown_build import HostSettings, SharedBuild, shared_build
from .marker_page import MARKER
from .model import Problem
from .options import OptionError, Options, validate
from .session import BuildError
from .urls import page_url as url_of_page
from .zensical_page import zensical_page

__all__ = [
    "EXTENSION_NAME",
    "HOST_KEYS",
    "MARKER",
    "GlossaryError",
    "GlossaryMarkdownExtension",
    "makeExtension",
    "remove_extension",
]

#: The name users write under ``markdown_extensions``.
EXTENSION_NAME = "mkdocs_glossary_plugin.markdown"
#: Settings of the host, not options of the plugin: ``root_dir`` (sources are relative to it;
#: Zensical gives its project folder), and for plain Python-Markdown ``page_url``,
#: ``page_meta`` (the page's front matter) and ``index_url``.
HOST_KEYS = ("root_dir", "page_url", "page_meta", "index_url")

#: After mkdocs-macros (a preprocessor at 35 on Zensical), before ``normalize_whitespace`` (30).
MARKER_PRIORITY = 34
#: After the index tree work (6), before ``toc`` (5): one ``h1`` on a page with its own title.
TITLE_PRIORITY = 5.5
#: After ``toc`` (5): the entries leave the table of contents, the groups stay.
TOC_PRIORITY = 3.5
#: Last of the postprocessors: the payload is appended to the page's final HTML.
PAYLOAD_PRIORITY = -10

log = logging.getLogger("mkdocs_glossary_plugin")

#: Zensical's own extensions (page context, macros, autorefs, media...) expect its page.
_SITE_OWN = ("mkdocs_glossary_plugin", "zensical.extensions.")
_CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml", "zensical.toml")


class GlossaryError(Exception):
    """The build cannot go on (an unreadable source, an invalid option); ``str()`` is the whole
    message, ``glossary: FILE:LINE: ...``, so it reads the same at the end of a traceback."""


# -- messages ----------------------------------------------------------------------------------


def config_location(root_dir: str) -> str:
    """``FILE:LINE`` of this extension's entry in the site's configuration, for messages about
    the options (the first configuration file of ``root_dir`` that names it; line 1 else)."""
    for name in _CONFIG_FILES:
        path = os.path.join(root_dir, name)
        try:
            with open(path, encoding="utf-8") as fh:
                lines = fh.read().splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, 1):
            if EXTENSION_NAME in line:
                return f"{name}:{number}"
        return f"{name}:1"
    return f"{EXTENSION_NAME}:1"


def message(problem: Problem, root_dir: str, fallback: str) -> str:
    """``glossary: FILE:LINE: text``: the problem's own file (relative to ``root_dir``) and line
    (1 for a whole file), else ``fallback`` (the configuration entry)."""
    if problem.path:
        path = problem.path
        if os.path.isabs(path):
            with contextlib.suppress(ValueError):  # another drive (Windows): keep it absolute
                path = os.path.relpath(path, root_dir)
        where = f"{path.replace(os.sep, '/')}:{problem.line or 1}"
    else:
        where = fallback
    return f"glossary: {where}: {problem.message}"


def _log(problems: Sequence[Problem], root_dir: str) -> None:
    fallback = config_location(root_dir)
    for problem in problems:
        text = message(problem, root_dir, fallback)
        if problem.level == "warning":
            log.warning(text)
        else:
            log.info(text)


_FAILED: set[str] = set()
_FAILED_LOCK = threading.Lock()
_LOCATED = re.compile(r"[^\s:][^:]*:\d+: ")


def _fail(text: str) -> GlossaryError:
    """Log ``text`` as an error (a bare line on Zensical; once, though every page that renders
    before the build stops fails the same way) and make the exception to raise."""
    with _FAILED_LOCK:
        first = text not in _FAILED
        _FAILED.add(text)
    if first:
        log.error(text)
    return GlossaryError(text)


# -- per-page state ------------------------------------------------------------------------------

_SEEN_LOCK = threading.Lock()
#: Page -> ids linked on it so far, over every Markdown instance that renders part of it.
_SEEN: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()
_warned_no_page = False


def _page_seen(key: object) -> frozenset[str]:
    with _SEEN_LOCK:
        return frozenset(_SEEN.get(key, ()))


def _add_seen(key: object, ids: Sequence[str]) -> None:
    if not ids:
        return
    # A key that is not weakly referenceable: ``link: first`` holds per instance only.
    with _SEEN_LOCK, contextlib.suppress(TypeError):
        _SEEN.setdefault(key, set()).update(ids)


def _site_extensions(extensions: Sequence[Any]) -> tuple[Any, ...]:
    """The site's extensions for tooltip summaries and the backlinks scan: not ours (no links
    inside summaries), not Zensical's own, which expect the page Zensical renders (macros among
    them: MkDocs renders no macros in summaries either)."""
    out = []
    for ext in extensions:
        name = ext if isinstance(ext, str) else type(ext).__module__
        if not name.startswith(_SITE_OWN):
            out.append(ext)
    return tuple(out)


class _Conversion:
    """Stands for the page of one plain Python-Markdown conversion (a reused ``Markdown``
    instance converts a new page each time)."""


@dataclass
class _PageRun:
    """What one Markdown instance knows about the page it renders, set by its first stage."""

    extension: GlossaryMarkdownExtension
    build: SharedBuild | None = None
    root_dir: str = ""
    src: str = ""
    base: str = ""
    """What links are relative to: the source path (Zensical) or the page URL (plain)."""
    url: str = ""
    """The page's URL, for the tooltip payload."""
    meta: Mapping[str, Any] = field(default_factory=dict)
    key: object = None
    index: IndexRenderState = field(default_factory=lambda: IndexRenderState(toc_entries=True))
    on_index: bool = False

    def start(self, md: Markdown) -> None:
        """Find the page and the shared build (raises ``GlossaryError``)."""
        global _warned_no_page
        self.build = None
        self.index.current = None
        self.on_index = False
        ext = self.extension
        zp = zensical_page(md)
        host_values = ext.host_values
        if zp is not None:
            root = str(host_values.get("root_dir") or zp.root_dir)
            root = os.path.normpath(os.path.join(zp.root_dir, root))
            host = HostSettings(
                root_dir=root,
                docs_dir=zp.docs_dir,
                use_directory_urls=zp.use_directory_urls,
                theme_language=zp.theme_language,
                extensions=_site_extensions(zp.extensions),
                extension_configs=tuple(sorted(zp.extension_configs.items())),
            )
            self.src, self.base, self.url = zp.src, zp.src, zp.url
            self.meta, self.key = zp.meta, zp.key
        elif "page_url" in host_values:
            root = os.path.abspath(str(host_values.get("root_dir") or os.getcwd()))
            self.url = str(host_values["page_url"] or "")
            self.src, self.base = self.url, self.url
            meta = host_values.get("page_meta") or {}
            self.meta = meta if isinstance(meta, Mapping) else {}
            self.key = _Conversion()  # each conversion is a page of its own
        else:
            if not _warned_no_page:
                _warned_no_page = True
                log.warning(
                    f"glossary: {config_location(os.getcwd())}: the Markdown extension "
                    f"{EXTENSION_NAME} does not know which page it renders, so it links "
                    "nothing: on MkDocs use the plugin 'glossary' instead; on another "
                    "Python-Markdown host pass page_url (and index_url)"
                )
            return
        self.root_dir = root
        options = ext.options(root)
        if not options.enabled:
            return
        if zp is None:
            index_url = host_values.get("index_url")
            if not isinstance(index_url, str):
                index_url = url_of_page(options.index.path, True)
            host = HostSettings(root_dir=root, index_url=index_url)
        try:
            build, new = shared_build(options, host)
        except BuildError as exc:
            text = str(exc)
            if not _LOCATED.match(text):  # a missing file: the place to fix is the config
                text = f"{config_location(root)}: {text}"
            raise _fail(f"glossary: {text}") from None
        if new:
            with _FAILED_LOCK:  # fixed: the same error, made again later, is shown again
                _FAILED.clear()
            _log(ext.warnings, root)
            _log(build.problems, root)
            if zp is not None:
                _log([*_asset_problems(build, zp.docs_dir), *_index_problems(build)], root)
        self.build = build
        if zp is not None:
            self.on_index = self.src == build.index_src
        else:
            self.on_index = self.url.strip("/") == str(host.index_url).strip("/")


def _index_problems(build: SharedBuild) -> list[Problem]:
    """No page at ``index.path``: every link to a term would lead nowhere."""
    docs = build.host.docs_dir
    if docs is None or os.path.isfile(os.path.join(docs, *build.index_src.split("/"))):
        return []
    folder = os.path.basename(docs)
    return [
        Problem(
            f"index.path '{build.index_src}' is no page of {folder}/, so links to terms lead "
            f"nowhere: create {folder}/{build.index_src} with the line {MARKER} (or set "
            "index.path to the page that has it)",
            code=codes.INDEX_PAGE_MISSING,
        )
    ]


def _asset_problems(build: SharedBuild, docs_dir: str) -> list[Problem]:
    """A copy of the tooltip assets older than the package, or none at all with tooltips on."""
    if not build.options.tooltips:
        return []
    problems = [
        Problem(
            stale.reason(),
            os.path.join(docs_dir, *stale.path.split("/")),
            1,
            code=codes.STALE_ASSETS,
        )
        for stale in bundle.stale_copies(docs_dir)
    ]
    script = f"{bundle.FOLDER}/glossary.js"
    if not os.path.isfile(os.path.join(docs_dir, *script.split("/"))):
        problems.append(
            Problem(
                f"tooltips are on but {os.path.basename(docs_dir)}/{script} is missing: run "
                f"`autoglossary assets {os.path.basename(docs_dir)}` and list its files under "
                "extra_css and extra_javascript (see 'Using with Zensical')",
                code=codes.ASSETS_MISSING,
            )
        )
    return problems


# -- the stages ----------------------------------------------------------------------------------


class _Start(Preprocessor):
    """First stage of a page: find it, and put the index in place of the marker on the index
    page (after mkdocs-macros, so the definitions reach Markdown as written)."""

    def __init__(self, md: Markdown, run: _PageRun) -> None:
        super().__init__(md)
        self.page = run

    def run(self, lines: list[str]) -> list[str]:
        page = self.page
        page.start(self.md)
        build = page.build
        if build is None:
            return lines
        if page.on_index and build.index_is_source:  # the glossary page itself: all of it
            page.index.current = build.plan
            return build.index_markdown.split("\n")
        at = [i for i, line in enumerate(lines) if line.strip() == MARKER]
        if not at:
            if page.on_index:
                self._say(
                    Problem(
                        f"the index page has no line '{MARKER}': write it where the index goes",
                        self._path(),
                        1,
                        code=codes.MARKER_MISSING,
                    )
                )
            return lines
        if not page.on_index:
            where = build.host.index_url if build.host.index_url is not None else build.index_src
            self._say(
                Problem(
                    f"the line '{MARKER}' is on a page that is not the index page ('{where}'): "
                    "links to terms lead there; move the line, or set index.path to this page",
                    self._path(),
                    at[0] + 1,
                    code=codes.MARKER_MISPLACED,
                )
            )
            return lines
        page.index.current = build.plan
        first = at[0]
        injected = build.index_markdown.split("\n")
        return [*lines[:first], "", *injected, "", *lines[first + 1 :]]

    def _path(self) -> str:
        """The page's file, for messages."""
        assert self.page.build is not None
        docs = self.page.build.host.docs_dir
        return os.path.join(docs, self.page.src) if docs else self.page.src

    def _say(self, problem: Problem) -> None:
        _log([problem], self.page.root_dir)


class _OneTitle(Treeprocessor):
    """On an index page with a title of its own, the index adds no second ``h1``."""

    def __init__(self, md: Markdown, run: _PageRun) -> None:
        super().__init__(md)
        self.page = run

    def run(self, root: etree.Element) -> None:
        plan = self.page.index.current
        if plan is None:
            return
        h1s = [el for el in root if el.tag == "h1"]
        ours = [el for el in h1s if el.get("id") == plan.title_id and el.text == plan.title]
        if not ours or len(h1s) == len(ours):
            return
        i = list(root).index(ours[0])
        if ours[0].tail and ours[0].tail.strip() and i:
            root[i - 1].tail = (root[i - 1].tail or "") + ours[0].tail
        root.remove(ours[0])


class _TocEntries(Treeprocessor):
    """The entries leave the index page's table of contents (groups and the page's own headings
    stay): the letter bar is the index's navigation."""

    def __init__(self, md: Markdown, run: _PageRun) -> None:
        super().__init__(md)
        self.page = run

    def run(self, root: etree.Element) -> None:
        plan = self.page.index.current
        tokens = getattr(self.md, "toc_tokens", None)
        if plan is None or not tokens:
            return
        entries = {b.term.id for b in plan.blocks if b.term is not None}
        self.md.toc_tokens = _drop_tokens(tokens, entries)  # type: ignore[attr-defined]


def _drop_tokens(tokens: list[dict[str, Any]], drop: set[str]) -> list[dict[str, Any]]:
    return [
        {**token, "children": _drop_tokens(token.get("children", []), drop)}
        for token in tokens
        if token.get("id") not in drop
    ]


class _Link(Treeprocessor):
    """The linker, for this page, with ``link: first`` kept over the page's Markdown instances."""

    def __init__(self, md: Markdown, run: _PageRun) -> None:
        super().__init__(md)
        self.page = run

    def run(self, root: etree.Element) -> None:
        page = self.page
        if page.build is None:
            return
        seen = _page_seen(page.key)
        ids = page.build.link(root, self.md, page.src, page.base, page.meta, seen)
        _add_seen(page.key, ids)


class _Payload(Postprocessor):
    """The tooltip payload after the page's HTML; on the index page, its backlinks."""

    def __init__(self, md: Markdown, run: _PageRun) -> None:
        super().__init__(md)
        self.page = run

    def run(self, text: str) -> str:
        page = self.page
        build = page.build
        if build is None:
            return text
        if page.index.current is not None:
            text, problems = build.finish_index(text, page.base)
            _log([*page.index.problems, *problems], page.root_dir)
            page.index.problems.clear()
        payload, problems = build.payload(text, page.url)
        _log(problems, page.root_dir)
        return text + payload if payload else text


# -- the extension -------------------------------------------------------------------------------


class GlossaryMarkdownExtension(Extension):
    """The glossary for one Markdown instance (Zensical makes one per page).

    Keyword arguments: the plugin's options (``source``, ``link``, ``index``...) and the host
    settings of :data:`HOST_KEYS`. Options are validated when the first page is rendered, against
    the project folder the host names.
    """

    def __init__(self, **kwargs: Any) -> None:
        self.host_values = {k: kwargs.pop(k) for k in HOST_KEYS if k in kwargs}
        self.values = kwargs
        self.warnings: list[Problem] = []
        self._options: Options | None = None
        super().__init__()

    def options(self, root_dir: str) -> Options:
        """The validated options (raises ``GlossaryError`` with the plugin's message)."""
        if self._options is None:
            try:
                self._options, self.warnings = validate(self.values)
            except OptionError as exc:
                raise _fail(f"glossary: {config_location(root_dir)}: {exc}") from None
        return self._options

    def extendMarkdown(self, md: Markdown) -> None:
        run = _PageRun(self)
        IndexExtension(run.index).extendMarkdown(md)
        md.preprocessors.register(_Start(md, run), "glossary_start", MARKER_PRIORITY)
        md.treeprocessors.register(_OneTitle(md, run), "glossary_index_title", TITLE_PRIORITY)
        md.treeprocessors.register(_TocEntries(md, run), "glossary_index_entries", TOC_PRIORITY)
        md.treeprocessors.register(_Link(md, run), "glossary", LINK_PRIORITY)
        md.postprocessors.register(_Payload(md, run), "glossary_payload", PAYLOAD_PRIORITY)
        md.registerExtension(self)


def remove_extension(extensions: list[Any], configs: dict[str, Any]) -> bool:
    """Take this extension out of a host's extension list (and its config); whether it was there.

    The MkDocs plugin calls it: a ``mkdocs.yml`` shared with Zensical lists both, and MkDocs
    would otherwise link every page twice."""
    ours = [
        ext
        for ext in extensions
        if (isinstance(ext, str) and ext.split(":")[0] == EXTENSION_NAME)
        or isinstance(ext, GlossaryMarkdownExtension)
    ]
    for ext in ours:
        extensions.remove(ext)
        if isinstance(ext, str):
            configs.pop(ext, None)
    return bool(ours)


def makeExtension(**kwargs: Any) -> GlossaryMarkdownExtension:
    """What Python-Markdown calls for ``markdown_extensions: [mkdocs_glossary_plugin.markdown]``."""
    return GlossaryMarkdownExtension(**kwargs)
