"""The MkDocs plugin: thin hooks that wire the pure pieces together.

Data flows one way: sources -> model -> matcher -> tree linker -> (tooltip payload, usage records)
-> index page. Everything that can be pure lives in the other modules; this file only talks to
MkDocs: it reads the config, logs problems through ``mkdocs.plugins.glossary`` (so ``--strict``
counts them) and hands the extension the current page.
"""

from __future__ import annotations

import gc
import os
import posixpath
from collections.abc import Callable
from time import perf_counter
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import unquote

import pathspec.gitignore
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from . import macros
from .config import GlossaryConfig
from .extension import GlossaryExtension, LinkerState, PageContext
from .i18n import normalize_language, strings_for, translate
from .index import (
    IndexExtension,
    IndexLayout,
    IndexRenderState,
    LocalFiles,
    PagePlan,
    backlinks_by_term,
    build_pages,
    check_index_path,
    default_title,
    extract_leads,
    fill_backlinks,
    fragment,
    make_layout,
)
from .matcher import Matcher
from .model import Glossary, Problem, Term
from .sources import SourceError, load
from .tooltips import Payloads, make_renderer
from .urls import page_url, relative_url

if TYPE_CHECKING:
    import jinja2
    import pathspec.gitignore
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

    from .extension import MatcherLike

__all__ = ["GlossaryPlugin"]

log = get_plugin_logger("glossary")

#: Our tooltip assets, published at these paths of the site (``on_files``).
TOOLTIP_CSS = "assets/glossary/glossary.css"
TOOLTIP_JS = "assets/glossary/glossary.js"
_ASSETS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "assets")
#: The index page's style (letter bar, muted labels), published at this path of the site.
INDEX_CSS = "assets/glossary/glossary-index.css"


def log_problem(problem: Problem) -> None:
    """Log a problem found by a pure module; warnings make ``mkdocs build --strict`` fail."""
    if problem.level == "warning":
        log.warning(str(problem))
    else:
        log.info(str(problem))


_FALSE = frozenset({"false", "no", "off", "0"})


def _examples(terms: list[Term], limit: int = 5) -> str:
    """`` (A, B, C, …)`` for a summary line; empty when there are none."""
    if not terms:
        return ""
    names = ", ".join(t.display_name for t in terms[:limit])
    return f" ({names}{', …' if len(terms) > limit else ''})"


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    """Links every mention of a glossary term, adds tooltips, and generates an A–Z index page."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.glossary: Glossary | None = None
        self._source_stamp: tuple[object, ...] | None = None
        self._source_paths: list[str] = []
        # Linking (rebuilt by ``on_config``; the compiled matcher is reused while the glossary
        # object and the matching options stay the same).
        self.state: LinkerState | None = None
        self._matcher: MatcherLike | None = None
        self._matcher_key: tuple[Glossary, object, bool] | None = None
        self._matcher_problems: list[Problem] = []
        self._exclude: pathspec.gitignore.GitIgnoreSpec | None = None
        self._use_directory_urls = True
        # Tooltips: summaries rendered once per build (reset by ``on_files``).
        self._payloads: Payloads | None = None
        self._markers: dict[str, int] = {}
        """Page src_uri -> how many blog excerpt markers its view holds (``on_post_page``)."""
        # Index page: layout (entry URLs depend on it), the plan of each generated page, the nav
        # order of pages (backlinks), and the time spent on the index (reported apart, §12).
        self._index_layout: IndexLayout | None = None
        self._index_state = IndexRenderState()
        self._index_plans: dict[str, PagePlan] = {}
        self._index_local: LocalFiles | None = None
        self._nav_order: list[str] = []
        self._index_language = "en"
        self.index_seconds = 0.0
        """Time spent in the index hooks and tree work (this plugin's own index cost)."""
        self.index_render_seconds = 0.0
        """Wall time of rendering the generated page(s), MkDocs and all extensions included."""
        self._index_render_start: float | None = None
        self._command: str | None = None
        self._gc_frozen = False

    # ``on_startup`` makes MkDocs keep this instance across ``mkdocs serve`` rebuilds, so the parsed
    # glossary is cached and re-read only when a source changes.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.glossary = self._load(config)
        self._setup_linking(config, self.glossary)
        self._setup_index(config, self.glossary)
        self._setup_tooltip_assets(config)
        self._freeze_long_lived()
        return config

    def _freeze_long_lived(self) -> None:
        """Keep Python's cyclic garbage collector from re-scanning the glossary and the compiled
        matcher (tens of thousands of objects for a large glossary) at every full collection of
        the build: they live until the build ends. ``gc.freeze`` moves every object alive now to
        a generation that collections skip; ``on_post_build`` (or ``on_build_error``) undoes it.

        Only for a one-shot ``mkdocs build``/``gh-deploy``: ``mkdocs serve`` keeps its process
        and its garbage across rebuilds, so it keeps the default collector behaviour.
        """
        if self._command in ("build", "gh-deploy") and not self._gc_frozen:
            gc.freeze()
            self._gc_frozen = True

    def _unfreeze(self) -> None:
        if self._gc_frozen:
            gc.unfreeze()
            self._gc_frozen = False

    def on_build_error(self, *, error: Exception) -> None:
        self._unfreeze()

    def on_shutdown(self) -> None:
        """Let go of the glossary, the compiled matcher and the build's records as soon as
        MkDocs is done (after the last build, or when ``mkdocs serve`` stops).

        They are trees of plain objects, so reference counting frees them at once. Held to the
        end, they would be walked by each of the full collections Python runs while the process
        exits: about 0.4 s at 10,000 terms, as much as the rest of the exit.
        """
        if self.state is not None:
            self.state.release()
        self.state = None
        self.glossary = None
        self._matcher = None
        self._matcher_key = None
        self._source_stamp = None
        self._payloads = None
        self._index_layout = None
        self._index_local = None
        self._index_plans = {}

    # -- linking ---------------------------------------------------------------------------------

    def _setup_linking(self, config: MkDocsConfig, glossary: Glossary) -> None:
        """Compile the matcher (only when the glossary changed) and add a fresh linker.

        A new ``LinkerState`` per build keeps ``mkdocs serve`` rebuilds from accumulating usage
        records; MkDocs reloads ``mkdocs.yml`` for each rebuild, but an extension instance left
        in ``markdown_extensions`` by an earlier ``on_config`` is removed all the same.
        """
        option = self.config.case_sensitive
        case_sensitive: bool | Literal["auto"] = "auto" if option == "auto" else bool(option)
        key = (glossary, case_sensitive, self.config.plurals)
        old = self._matcher_key
        if self._matcher is None or old is None or old[0] is not glossary or old[1:] != key[1:]:
            matcher = Matcher(
                glossary.terms, case_sensitive=case_sensitive, plurals=self.config.plurals
            )
            self._matcher, self._matcher_key = matcher, key
            self._matcher_problems = list(matcher.problems)
        # Logged at every build, like the sources' problems: each build's log is complete.
        for problem in self._matcher_problems:
            log_problem(problem)
        self._use_directory_urls = bool(config.use_directory_urls)
        exclude = self.config.exclude
        self._exclude = pathspec.gitignore.GitIgnoreSpec.from_lines(exclude) if exclude else None
        self.state = LinkerState(self._matcher, glossary, self._entry_url)
        extensions = [
            ext for ext in config.markdown_extensions if not isinstance(ext, GlossaryExtension)
        ]
        extensions.append(GlossaryExtension(self.state))  # type: ignore[arg-type]
        config.markdown_extensions[:] = extensions

    def _entry_url(self, term: Term) -> str:
        """Site-root-relative URL of a term's entry: the index page's URL plus ``#id``, or the
        URL of its group's page when the index is split (``glossary/a/#id``)."""
        if self._index_layout is not None:
            return self._index_layout.entry_url(term)
        return f"{page_url(self.config.index.path, self._use_directory_urls)}#{fragment(term.id)}"

    def _page_enabled(self, page: Page) -> bool:
        """False on pages with front matter ``glossary: false`` or matched by ``exclude``.

        MkDocs reads front matter with PyYAML's safe loader (YAML 1.1), so unquoted ``false``,
        ``no`` and ``off`` (any case) arrive as ``False`` and ``0`` as the integer 0; quoted, they
        are strings, compared case-insensitively. ``isinstance(flag, int)`` covers ``False`` too
        (a bool is an int); ``true``, ``1``, ``"yes"`` or a list leave the page in.
        """
        flag = page.meta.get("glossary", True)
        if (isinstance(flag, int) and flag == 0) or (
            isinstance(flag, str) and flag.strip().lower() in _FALSE
        ):
            return False
        return not (self._exclude is not None and self._exclude.match_file(page.file.src_uri))

    # Runs after mkdocs-macros (default priority), so the page context is set last, just before
    # Markdown renders the page with our treeprocessor.
    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or self.state is None:
            return None
        self.state.page = PageContext(
            src_uri=page.file.src_uri,
            url=page.url,
            enabled=self._page_enabled(page),
            link_mode="all" if self.config.link == "all" else "first",
        )
        return None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """One INFO summary per build, and a warning per finding the ``warn`` option lists.

        A term is mentioned when a page links it (automatically or with ``term()``); links on
        the index page itself (one definition mentioning another term) do not count, since a
        reader reaches them only through the glossary. Warnings are logged here, before MkDocs
        counts them, so ``--strict`` fails on them.
        """
        self._unfreeze()
        if not self.config.enabled or self.state is None or self.glossary is None:
            return
        state = self.state
        state.page = None
        mentioned = {
            term_id
            for src, ids in state.usage.items()
            if src not in self._index_plans
            for term_id in ids
        }
        never = [t for t in self.glossary.terms if t.id not in mentioned]
        undefined = [t for t in self.glossary.terms if not t.has_definition]
        if "unused" in self.config.warn:
            for term in never:
                log_problem(
                    Problem(
                        f"the term '{term.display_name}' is never mentioned on any page (the "
                        "index page does not count); mention it on a page, remove it from the "
                        "glossary, or remove 'unused' from the plugin's 'warn' option",
                        term.path,
                        term.line,
                    )
                )
        if "undefined" in self.config.warn:
            for term in undefined:
                log_problem(
                    Problem(
                        f"the term '{term.display_name}' has no definition; add one, or remove "
                        "'undefined' from the plugin's 'warn' option",
                        term.path,
                        term.line,
                    )
                )
        log.info(
            "%d terms loaded, %d links made on %d pages, %d terms never mentioned%s, "
            "%d terms without a definition%s",
            len(self.glossary),
            state.links_made,
            len(state.link_counts),
            len(never),
            _examples(never),
            len(undefined),
            _examples(undefined),
        )

    # -- tooltips: payload and assets -------------------------------------------------------------

    def _setup_tooltip_assets(self, config: MkDocsConfig) -> None:
        """Reference our script and style from every page, before the user's own.

        They go first in ``extra_css``/``extra_javascript`` so a user's stylesheet, loaded later,
        wins at equal specificity; themes emit both lists with ``|url``, so the links are relative
        and work with ``use_directory_urls: false`` and from ``file://``.
        """
        if not self.config.tooltips:
            return
        if TOOLTIP_CSS not in config.extra_css:
            config.extra_css.insert(0, TOOLTIP_CSS)
        if TOOLTIP_JS not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.insert(0, ExtraScriptValue(TOOLTIP_JS))

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self._payloads = None  # a new build: summaries are rendered afresh
        self._markers = {}
        if self.config.tooltips:
            for uri in (TOOLTIP_CSS, TOOLTIP_JS):
                # A file of the same path in docs_dir is the user's override: keep it.
                if files.get_file_from_path(uri) is None:
                    path = os.path.join(_ASSETS_DIR, posixpath.basename(uri))
                    files.append(File.generated(config, uri, abs_src_path=path))
        self._index_files(files, config)
        return files

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Append a marker with the ids of the terms this page links (read from its final HTML);
        ``on_page_context`` replaces it with their summaries (see ``tooltips``: search and other
        readers of the content then parse a few bytes instead of every summary)."""
        if not self.config.enabled or not self.config.tooltips or self.glossary is None:
            return None
        marker = self._tooltip_payloads(config, files).marker(html)
        return html + marker if marker else None

    def _tooltip_payloads(self, config: MkDocsConfig, files: Files) -> Payloads:
        """This build's summaries (``on_files`` starts a build without them)."""
        if self._payloads is None:
            assert self.glossary is not None
            self._payloads = Payloads(
                self.glossary,
                make_renderer(config.markdown_extensions, config.mdx_configs),
                translate(self._language(config), "open_in_glossary"),
                lambda term, url: self._resolve_in_index(term, url, config, files),
            )
        return self._payloads

    # First among post-page handlers: the page's HTML is final only once its markers are filled,
    # and a plugin that reads or rewrites the whole page (a minifier, Material's privacy and
    # social plugins, at priority 50 and below) must see the summaries it will be served with.
    @event_priority(100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Replace every marker left in the page (its blog excerpts', and any copied from another
        page's content by a plugin or theme) with the summaries of its terms, their relative URLs
        made relative to this page. The content's own is filled already (``on_page_context``)."""
        if self._payloads is None:
            return None
        # ``fill`` returns the page itself when it has no marker: no separate search first.
        filled = self._payloads.fill(output, page.url, self._markers.pop(page.file.src_uri, None))
        self._log_payload_problems()
        return filled if filled is not output else None

    def _log_payload_problems(self) -> None:
        assert self._payloads is not None
        for problem in self._payloads.problems:
            log_problem(problem)
        self._payloads.problems.clear()

    def _language(self, config: MkDocsConfig) -> str:
        """``language``, else the theme's (Material ``language``, mkdocs ``locale``), else en."""
        for value in (
            self.config.language,
            config.theme.get("language"),
            config.theme.get("locale"),
        ):
            lang = normalize_language(value)
            if lang:
                return lang
        return "en"

    def _resolve_in_index(
        self, term: Term, url: str, config: MkDocsConfig, files: Files
    ) -> str | None:
        """A relative URL of a definition, read against the term's source file (as the index
        page reads it), as a site-root-relative URL (``sub/page/#x``); None leaves it as written.

        A bare ``#fragment`` points into the entry's own page.
        """
        path, _, fragment = url.partition("#")
        suffix = f"#{fragment}" if fragment else ""
        if not path:
            entry = self.state.entry_url(term) if self.state is not None else ""
            return entry.partition("#")[0] + suffix
        if not term.path:
            return None
        if self._index_local is not None:  # the index page's own resolution, media included
            src = self._index_local.target(term, url)
            file = files.get_file_from_path(src) if src is not None else None
            return None if file is None else file.url + suffix
        config_dir = os.path.dirname(config.config_file_path or "") or os.getcwd()
        source_dir = os.path.dirname(os.path.normpath(os.path.join(config_dir, term.path)))
        absolute = os.path.normpath(os.path.join(source_dir, unquote(path.partition("?")[0])))
        docs_dir = os.path.normpath(os.path.abspath(config.docs_dir))
        if os.path.commonpath([docs_dir, absolute]) != docs_dir:
            return None  # outside docs_dir: published (or reported) by the index page's code
        file = files.get_file_from_path(os.path.relpath(absolute, docs_dir).replace(os.sep, "/"))
        return None if file is None else file.url + suffix

    # -- sources ---------------------------------------------------------------------------------

    def _resolved_paths(self, config_dir: str) -> list[str]:
        out = []
        for item in self.config.source:
            path = item if isinstance(item, str) else str(item["path"])
            out.append(os.path.normpath(os.path.join(config_dir, path)))
        return out

    def _stamp(self, paths: list[str]) -> tuple[object, ...] | None:
        """What the cached glossary depends on: the ``source`` option as written (a changed
        ``format`` re-reads) and each file's path, mtime (ns) and size. None: a file is missing."""
        stamp: list[object] = [repr(self.config.source)]
        for path in paths:
            try:
                st = os.stat(path)
            except OSError:
                return None
            stamp.append((path, st.st_mtime_ns, st.st_size))
        return tuple(stamp)

    def _load(self, config: MkDocsConfig) -> Glossary:
        """Read the sources, or reuse the last result when no source file changed."""
        config_dir = os.path.dirname(config.config_file_path or "") or os.getcwd()
        paths = self._resolved_paths(config_dir)
        stamp = self._stamp(paths)
        if self.glossary is not None and stamp is not None and stamp == self._source_stamp:
            # ``mkdocs serve`` rebuild with unchanged sources: no re-read, but the same warnings,
            # so that every build (``--strict`` included) sees them.
            log.debug("glossary sources unchanged: reusing the parsed glossary")
            for problem in self.glossary.problems:
                log_problem(problem)
            return self.glossary
        try:
            glossary = load(self.config.source, config_dir)
        except SourceError as exc:
            self._source_stamp = None
            raise PluginError(f"glossary: {exc}") from None
        self._source_stamp = stamp
        self._source_paths = paths
        for problem in glossary.problems:
            log_problem(problem)
        log.info(
            "%d terms loaded from %s",
            len(glossary),
            ", ".join(os.path.relpath(p, config_dir) for p in paths),
        )
        return glossary

    # -- integrations: mkdocs serve, mkdocs-macros ------------------------------------------------

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Register ``term()`` and ``glossary`` with mkdocs-macros, if it is in ``plugins``.

        ``on_pre_build`` runs after every plugin's ``on_config``, whatever the order in ``plugins``:
        mkdocs-macros' registry for this build is then complete, so a clash with the user's own
        ``term`` macro or ``glossary`` variable can be reported as a warning (see ``macros.py``).
        """
        if not self.config.enabled:
            return
        macros.register(
            config.plugins.values(),
            glossary=lambda: self.glossary,
            href=self._term_href,
            warn=log.warning,
            used=self._record_explicit_use,
        )

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer | None:
        """Watch the glossary sources that live outside ``docs_dir`` (MkDocs watches that one).

        MkDocs calls this only with live reload on (``mkdocs serve --livereload``); the rebuild it
        triggers re-runs ``on_config``, which re-reads the glossary only if a source changed.
        """
        if not self.config.enabled:
            return server
        docs_dir = os.path.realpath(config.docs_dir)
        config_dir = os.path.dirname(config.config_file_path or "") or os.getcwd()
        for path in self._resolved_paths(config_dir):
            real = os.path.realpath(path)
            if os.path.commonpath([real, docs_dir]) != docs_dir:
                server.watch(path, recursive=False)
        return server

    def _term_href(self, term: Term, page_url: str) -> str:
        """The href of an explicit ``term()`` link on the page at ``page_url``: the linker's
        own ``entry_url`` made relative by the shared ``urls.relative_url``."""
        if self.state is None:
            return "#" + term.id
        return relative_url(self.state.entry_url(term), page_url)

    def _record_explicit_use(self, src_uri: str, term_id: str) -> None:
        """An explicit ``term()`` link counts as a mention (backlinks, tooltip payload)."""
        if self.state is None:
            return
        usage = self.state.usage.setdefault(src_uri, [])
        if term_id not in usage:
            usage.append(term_id)

    # Last among page-context handlers, once Material's search (priority 0) and any plugin
    # reading ``page.content`` at the default priority have read the page with its small marker:
    # fill the content's marker here, in the page's content (a few KB), rather than in the page's
    # final HTML (some 250 KB with a big navigation, copied once more for one insertion).
    #
    # Material's blog plugin renders post excerpts for its views (blog index, archive, category
    # pages) in its own ``on_page_context``, long after the pages were rendered, with a Markdown
    # instance made from ``markdown_extensions``: our linker included. So (1) before it, tell the
    # linker which page the excerpts are rendered for (else they get the relative URLs of the last
    # page rendered), and (2) after it, give the excerpts a tooltip marker for what they link
    # (the view's own marker was made from its content, before the excerpts existed); the
    # template writes them into the view, and ``on_post_page`` fills them with the view's own.
    #
    # The late fill runs at -110, strictly below the blog's -100: handlers of equal priority run in
    # ``plugins:`` order, so at -100 a site listing ``glossary`` before ``blog`` had the excerpts
    # rendered after our fill, and they lost their tooltip data.

    @event_priority(100)
    def _page_context_first(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> None:
        if not self.config.enabled or self.state is None:
            return
        self.state.page = PageContext(
            src_uri=page.file.src_uri,
            url=page.url,
            enabled=self._page_enabled(page),
            link_mode="all" if self.config.link == "all" else "first",
        )

    @event_priority(-110)
    def _page_context_last(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> None:
        if not self.config.enabled or self._payloads is None:
            return
        if page.content:  # a few KB: one search for the marker, the content itself if none
            page.content = self._payloads.fill(page.content, page.url)
            self._log_payload_problems()
        posts = context.get("posts")
        for excerpt in posts if isinstance(posts, list) else []:
            content = getattr(excerpt, "content", None)
            if isinstance(content, str) and "glossary-term" in content:
                # A marker, filled with the page's own by ``on_post_page``.
                marker = self._payloads.marker(content)
                if marker:
                    excerpt.content = content + marker
                    uri = page.file.src_uri
                    self._markers[uri] = self._markers.get(uri, 0) + 1

    on_page_context = CombinedEvent(_page_context_first, _page_context_last)

    # -- index page ------------------------------------------------------------------------------

    def _setup_index(self, config: MkDocsConfig, glossary: Glossary) -> None:
        """Decide the index layout (entry URLs depend on it) and add the index tree work.

        Like the linker, a fresh ``IndexExtension`` replaces the one an earlier build left in
        ``markdown_extensions``; it acts only on the generated pages (see ``on_pre_page``).
        """
        start = perf_counter()
        problem = check_index_path(self.config.index.path)
        if problem:
            raise PluginError(f"glossary: {problem}")
        self._index_layout = make_layout(
            glossary,
            self.config.index.path,
            self.config.index.split,
            bool(config.use_directory_urls),
        )
        self._index_state = IndexRenderState()
        self._index_plans = {}
        self._index_local = None
        self._nav_order = []
        self.index_render_seconds = 0.0
        self._index_render_start = None
        extensions = [
            ext for ext in config.markdown_extensions if not isinstance(ext, IndexExtension)
        ]
        extensions.append(IndexExtension(self._index_state))  # type: ignore[arg-type]
        config.markdown_extensions[:] = extensions
        # Before the user's own stylesheets, so theirs win at equal specificity.
        if INDEX_CSS not in config.extra_css:
            config.extra_css.insert(0, INDEX_CSS)
        self.index_seconds = perf_counter() - start

    def _index_files(self, files: Files, config: MkDocsConfig) -> None:
        """Add the generated index page(s); keep glossary sources from being published twice.

        A source that is the index page itself is replaced by the generated page. A source
        elsewhere in ``docs_dir`` is removed from the site (INFO): its terms are on the index.
        A page of the user's at a generated path that is not a source is replaced too, with a
        warning, since its content would silently disappear. Local files that definitions refer
        to from outside ``docs_dir`` are published beside the index.
        """
        glossary, layout = self.glossary, self._index_layout
        if glossary is None or layout is None:
            return
        start = perf_counter()
        docs_dir = os.path.abspath(config.docs_dir)
        config_dir = os.path.dirname(config.config_file_path or "") or os.getcwd()
        generated = layout.pages()
        sources_in_docs = set()
        for path in self._resolved_paths(config_dir):
            absolute = os.path.abspath(path)
            if os.path.commonpath([absolute, docs_dir]) != docs_dir:
                continue
            src = os.path.relpath(absolute, docs_dir).replace(os.sep, "/")
            sources_in_docs.add(src)
            file = files.get_file_from_path(src)
            if file is None:
                continue
            files.remove(file)
            if src not in generated:
                log.info(
                    "'%s' is a glossary source inside docs_dir: it is not published as a page "
                    "of its own; its terms are on the index page '%s'",
                    src,
                    layout.path,
                )
        for src in generated:
            file = files.get_file_from_path(src)
            if file is not None and src not in sources_in_docs:
                files.remove(file)
                log.warning(
                    "'%s' in docs_dir is replaced by the generated glossary index; set "
                    "'index.path' to another path to keep that page",
                    src,
                )
        local = LocalFiles(docs_dir, config_dir, layout.media_dir)
        local.scan(glossary)
        language = self._index_language = self._language(config)
        pages = build_pages(
            glossary,
            layout,
            title=default_title(glossary, self.config.index.title, language),
            strings=strings_for(language),
            backlinks=self.config.index.backlinks,
            hangul=language == "ko",
            rewrite=local.rewrite,
            leads=bool(self.config.tooltips),
        )
        for page in pages:
            # Group pages of a split index are reached through the letter bar, not the nav.
            inclusion = (
                InclusionLevel.UNDEFINED
                if page.src_path == layout.path
                else InclusionLevel.NOT_IN_NAV
            )
            files.append(
                File.generated(config, page.src_path, content=page.markdown, inclusion=inclusion)
            )
            self._index_plans[page.src_path] = page.plan
        for dest, absolute in local.published.items():
            if files.get_file_from_path(dest) is None:
                files.append(File.generated(config, dest, abs_src_path=absolute))
        if files.get_file_from_path(INDEX_CSS) is None:  # else the user's override
            css = os.path.join(_ASSETS_DIR, posixpath.basename(INDEX_CSS))
            files.append(File.generated(config, INDEX_CSS, abs_src_path=css))
        self._index_local = local
        self.index_seconds += perf_counter() - start

    def index_file_of(self, term: Term, url: str) -> str | None:
        """The src path in the site of a local file that a definition refers to by a relative
        URL (relative to its source file): a file inside ``docs_dir``, or the copy published
        beside the index for a file outside it. None for remote, missing or unpublished targets.
        Valid from ``on_files`` on (tooltips resolve summary URLs with it)."""
        if self._index_local is None:
            return None
        return self._index_local.target(term, url)

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
        """Remember the nav order of pages: backlinks are listed in it."""
        if not self.config.enabled:
            return None
        self._nav_order = [page.file.src_uri for page in nav.pages]
        return None

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> None:
        """Tell the index tree work whether the page about to be rendered is a generated one."""
        if not self.config.enabled:
            return None
        now = perf_counter()
        if self._index_render_start is not None:  # the page before was an index page
            self.index_render_seconds += now - self._index_render_start
        plan = self._index_plans.get(page.file.src_uri)
        self._index_state.current = plan
        self._index_render_start = now if plan is not None else None
        return None

    # After every page is rendered (MkDocs calls ``on_env`` once, before any template), like
    # Material's tags plugin fills its listings; late, so other plugins' content is final.
    @event_priority(-50)
    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        """Fill the backlinks of the index page(s) and report what rendering them found."""
        if not self.config.enabled or self.glossary is None:
            return None
        start = perf_counter()
        if self._index_render_start is not None:
            self.index_render_seconds += start - self._index_render_start
            self._index_render_start = None
        self._index_state.current = None
        problems = list(self._index_state.problems)
        if self._index_local is not None:
            problems.extend(self._index_local.problems)
            self._index_local.problems.clear()
        self._index_state.problems.clear()
        for problem in problems:
            log_problem(problem)
        if self.config.index.backlinks and self._index_plans:
            self._fill_backlinks(files)
        self._take_leads(files)
        spent = perf_counter() - start
        self.index_seconds += spent + self._index_state.seconds
        log.debug(
            "index page: %.1f ms in the plugin's index hooks (tree work %.1f ms); the generated "
            "page(s) rendered in %.1f ms",
            self.index_seconds * 1000,
            self._index_state.seconds * 1000,
            self.index_render_seconds * 1000,
        )
        return None

    def _take_leads(self, files: Files) -> None:
        """Cut the tooltip summaries from the definitions the index page(s) rendered, and remove
        the marks that show where (``index.extract_leads``): one Markdown conversion of each
        definition per build, for the index and the tooltips alike."""
        if not self.config.tooltips:
            return
        for src in self._index_plans:
            file = files.get_file_from_path(src)
            page = file.page if file is not None else None
            if page is None or not page.content:
                continue
            page.content, leads = extract_leads(page.content)
            if leads and self._payloads is not None:
                self._payloads.add_leads(leads, page.url)

    def _fill_backlinks(self, files: Files) -> None:
        """Fill each generated page's placeholders with the pages that mention its terms.

        Only the terms of that page are resolved, and each relative URL once per page: a split
        index of thousands of terms stays linear in the number of mentions.
        """
        usage = self.state.usage if self.state is not None else {}
        pages = {f.src_uri: f.page for f in files.documentation_pages() if f.page is not None}
        order = [*self._nav_order, *pages]
        by_term = backlinks_by_term(usage, order, skip=set(self._index_plans))
        label = strings_for(self._index_language).get("used_on", "Used on")
        for src, plan in self._index_plans.items():
            index_page = pages.get(src)
            if index_page is None or not index_page.content:
                continue
            targets: dict[str, tuple[str, str]] = {}
            links: dict[str, list[tuple[str, str]]] = {}
            for block in plan.blocks:
                if block.term is None or block.term.id not in by_term:
                    continue
                items = links[block.term.id] = []
                for s in by_term[block.term.id]:
                    target = pages.get(s)
                    if target is None:
                        continue
                    if s not in targets:
                        url = relative_url(target.url, index_page.url)
                        targets[s] = (target.title or s, url)
                    items.append(targets[s])
            index_page.content = fill_backlinks(index_page.content, links, label)
