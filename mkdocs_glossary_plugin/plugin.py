"""The MkDocs adapter: hooks that turn MkDocs events into calls of a build session.

Everything that is not MkDocs talk lives in ``session.py`` (the glossary and its cache, the
matcher, the linker, tooltips, the index page, the build summary). This file reads the config,
applies the session's file operations to MkDocs' ``Files``, hands it the pages, and logs its
problems through ``mkdocs.plugins.glossary`` (MkDocs counts for ``--strict`` only the warnings of
``mkdocs.*`` loggers).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.contrib.search import SearchPlugin
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import write_file

from . import macros
from .config import GlossaryConfig
from .extension import GlossaryExtension
from .index import IndexExtension
from .index.jsonld import insert_in_head
from .model import Problem
from .options import Options
from .session import INDEX_CSS, TOOLTIP_CSS, TOOLTIP_JS, BuildError, Session, Site

if TYPE_CHECKING:
    import jinja2
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

__all__ = ["INDEX_CSS", "TOOLTIP_CSS", "TOOLTIP_JS", "GlossaryPlugin"]

log = get_plugin_logger("glossary")


def log_problems(problems: list[Problem]) -> None:
    """Log what the session found; warnings make ``mkdocs build --strict`` fail."""
    for problem in problems:
        if problem.level == "warning":
            log.warning(str(problem))
        else:
            log.info(str(problem))


#: The module of the package's Markdown extension (``markdown.EXTENSION_NAME``), spelled out here:
#: that module is the Python-Markdown and Zensical adapter, and a MkDocs build loads it (and what it
#: pulls in) only when ``markdown_extensions`` lists it.
EXTENSION_MODULE = "mkdocs_glossary_plugin.markdown"


def _remove_markdown_extension(config: MkDocsConfig) -> bool:
    """Take the package's Markdown extension out of ``markdown_extensions``: one ``mkdocs.yml``
    for MkDocs and Zensical lists both, and MkDocs would otherwise link every page twice.

    A build whose list names no such module, and in whose process it was never imported (so no
    instance of its extension can be in the list), has nothing to take out: it does not import
    the adapter at all. (MkDocs imports every listed extension while it validates the config;
    the names are read too, for a host that does not.)"""
    listed = any(
        isinstance(ext, str) and ext.split(":")[0] == EXTENSION_MODULE
        for ext in config.markdown_extensions
    )
    if not listed and sys.modules.get(EXTENSION_MODULE) is None:
        return False
    from .markdown import remove_extension

    return remove_extension(config.markdown_extensions, config.mdx_configs)


def _language_build(config: MkDocsConfig) -> tuple[str, str, tuple[str, ...]] | None:
    """This build's language, the default one and every language built, when mkdocs-static-i18n
    (plugin ``i18n``) builds the site one language at a time; None otherwise.

    Read from the plugin's public attributes: its ``current_language`` is None until its own
    ``on_config`` (after ours) runs in the first build, which is the default language's.
    """
    plugin = config.plugins.get("i18n")
    default = getattr(plugin, "default_language", None)
    if plugin is None or not isinstance(default, str):
        return None
    current = getattr(plugin, "current_language", None) or default
    languages = tuple(str(lang) for lang in getattr(plugin, "build_languages", ()) or ())
    return str(current), default, languages or (default,)


def _i18n_alternates(file: File, build: tuple[str, str, tuple[str, ...]], index_url: str) -> None:
    """Tell mkdocs-static-i18n which page is a generated index page's version in each language
    (its main index page there), with the attributes it gives the files it handles itself.

    It reads them (``locale``, ``locale_alternate_of``, ``alternates``) to point Material's
    language switcher at the page's own translation; on a file without them it leaves the
    switcher as the page rendered before left it, which sent readers of an index page to that
    other page.
    """
    current, default, languages = build
    prefix = "" if current == default else f"{current}/"
    base = index_url[len(prefix) :] if prefix and index_url.startswith(prefix) else index_url
    file.locale = file.locale_alternate_of = current  # type: ignore[attr-defined]
    file.alternates = {  # type: ignore[attr-defined]
        lang: SimpleNamespace(url=base if lang == default else f"{lang}/{base}")
        for lang in languages
    }


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    """Links every mention of a glossary term, adds tooltips, and generates an A–Z index page."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.session = Session()
        self._files: Files | None = None

    # ``on_startup`` makes MkDocs keep this instance (and its session's caches) across
    # ``mkdocs serve`` rebuilds: the glossary is re-read only when a source changes.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        pass

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        # One mkdocs.yml for MkDocs and Zensical lists both: the plugin links, the extension not.
        if _remove_markdown_extension(config):
            log.info(
                f"the Markdown extension {EXTENSION_MODULE} stands down: the plugin links here"
            )
        site = Site(
            config_dir=os.path.dirname(config.config_file_path or "") or os.getcwd(),
            docs_dir=config.docs_dir,
            use_directory_urls=bool(config.use_directory_urls),
            theme_languages=lambda: (config.theme.get("language"), config.theme.get("locale")),
            markdown=lambda: (config.markdown_extensions, config.mdx_configs),
            search_reads_toc=any(isinstance(p, SearchPlugin) for p in config.plugins.values()),
            site_url=config.site_url or None,
            language_build=_language_build(config),
        )
        try:
            self.session.start(Options.from_values(self.config), site)
        except BuildError as exc:
            log_problems(self.session.take_problems())
            raise PluginError(f"glossary: {exc}") from None
        if self.session.reused:
            log.debug("glossary sources unchanged: reusing the parsed glossary")
        log_problems(self.session.take_problems())
        # This build's extensions replace those an earlier build (``mkdocs serve``) left.
        ours = (GlossaryExtension, IndexExtension)
        extensions = [ext for ext in config.markdown_extensions if not isinstance(ext, ours)]
        config.markdown_extensions[:] = [*extensions, *self.session.extensions]
        # Ours go first, so a user's stylesheet, loaded later, wins at equal specificity; themes
        # emit both lists with ``|url``: relative links that work from ``file://`` too.
        if INDEX_CSS not in config.extra_css:
            config.extra_css.insert(0, INDEX_CSS)
        if self.config.tooltips:
            if TOOLTIP_CSS not in config.extra_css:
                config.extra_css.insert(0, TOOLTIP_CSS)
            if TOOLTIP_JS not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.insert(0, ExtraScriptValue(TOOLTIP_JS))
        return config

    def on_shutdown(self) -> None:
        """Let go of the glossary and the matcher once MkDocs is done (see ``Session.release``)."""
        self.session.release()

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
            glossary=lambda: self.session.glossary,
            href=self.session.term_href,
            warn=log.warning,
            used=self.session.record_use,
        )

    # With an i18n plugin that rebuilds its ``Files`` from each file's source path
    # (mkdocs-static-i18n, at priority -100), our files are added after it: it never sees a
    # generated page (whose source is in memory, not in ``docs_dir``) and would drop or crash on
    # one. Without one, they are added at the default priority, as always.
    @event_priority(0)
    def _files_first(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or _language_build(config) is not None:
            return None
        return self._add_files(files, config)

    @event_priority(-110)
    def _files_last(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or _language_build(config) is None:
            return None
        return self._add_files(files, config)

    on_files = CombinedEvent(_files_first, _files_last)

    def _add_files(self, files: Files, config: MkDocsConfig) -> Files:
        build, index_url = _language_build(config), None
        for op in self.session.plan_files(lambda src: files.get_file_from_path(src) is not None):
            if op.action == "remove":
                file = files.get_file_from_path(op.src)
                if file is not None:
                    files.remove(file)
                continue
            inclusion = InclusionLevel.UNDEFINED if op.in_nav else InclusionLevel.NOT_IN_NAV
            if op.content is not None:
                file = File.generated(config, op.src, content=op.content, inclusion=inclusion)
                if op.dest_prefix:  # before anything reads its URL (derived from ``dest_uri``)
                    file.dest_uri = op.dest_prefix + file.dest_uri
                if build is not None:  # the main index page comes first
                    index_url = index_url or file.url
                    _i18n_alternates(file, build, index_url)
            else:
                assert op.source is not None
                file = File.generated(config, op.src, abs_src_path=op.source, inclusion=inclusion)
            files.append(file)
        log_problems(self.session.take_problems())
        try:
            self.session.check_export({f.dest_uri: f.src_uri for f in files})
        except BuildError as exc:
            raise PluginError(f"glossary: {exc}") from None
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
        """Backlinks follow the nav order; tooltip summaries find their links' files here."""
        if not self.config.enabled:
            return None
        self._files = files
        self.session.use_pages([page.file.src_uri for page in nav.pages], self._url_of)
        return None

    def _url_of(self, src: str) -> str | None:
        file = self._files.get_file_from_path(src) if self._files is not None else None
        return None if file is None else file.url

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer | None:
        """Watch the glossary sources that live outside ``docs_dir`` (MkDocs watches that one).

        MkDocs calls this only with live reload on (``mkdocs serve --livereload``); the rebuild it
        triggers re-runs ``on_config``, which re-reads the glossary only if a source changed.
        """
        if not self.config.enabled:
            return server
        for path in self.session.watched_sources():
            server.watch(path, recursive=False)
        return server

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> None:
        """Tell the index tree work whether the page about to be rendered is a generated one."""
        if not self.config.enabled:
            return None
        self.session.index_page(page.file.src_uri)
        return None

    # Runs after mkdocs-macros (default priority), so the page is set last, just before Markdown
    # renders it with our treeprocessor (its front matter is read by then).
    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or self.session.state is None:
            return None
        self.session.set_page(page.file.src_uri, page.url, page.meta)
        return None

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Append a marker with the ids of the terms this page links (read from its final HTML);
        ``on_page_context`` fills it with their summaries."""
        if not self.config.enabled:
            return None
        marker = self.session.marker(html)
        return html + marker if marker else None

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
        if not self.config.enabled or self.session.state is None:
            return
        self.session.set_page(page.file.src_uri, page.url, page.meta)

    @event_priority(-110)
    def _page_context_last(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> None:
        if not self.config.enabled:
            return
        if page.content:  # a few KB: one search for the marker, the content itself if none
            page.content = self.session.fill(page.content, page.url)
            log_problems(self.session.take_problems())
        posts = context.get("posts")
        for excerpt in posts if isinstance(posts, list) else []:
            content = getattr(excerpt, "content", None)
            if isinstance(content, str) and "glossary-term" in content:
                marker = self.session.excerpt_marker(content, page.file.src_uri)
                if marker:
                    excerpt.content = content + marker

    on_page_context = CombinedEvent(_page_context_first, _page_context_last)

    # After every page is rendered (MkDocs calls ``on_env`` once, before any template), like
    # Material's tags plugin fills its listings; late, so other plugins' content is final.
    @event_priority(-50)
    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        """Fill the backlinks of the index page(s) and report what rendering them found."""
        if not self.config.enabled or self.session.glossary is None:
            return None
        pages = {f.src_uri: f.page for f in files.documentation_pages() if f.page is not None}
        rendered = {}
        for src in self.session.index_sources:
            page = pages.get(src)
            if page is not None and page.content:
                rendered[src] = (page.content, page.url)

        def link(src: str) -> tuple[str | None, str] | None:
            page = pages.get(src)
            return None if page is None else (page.title, page.url)

        finished = self.session.finish_index(rendered, list(pages), link)
        log_problems(self.session.take_problems())
        for src, content in finished.items():
            pages[src].content = content
        return None

    # First among post-page handlers: the page's HTML is final only once its markers are filled,
    # and a plugin that reads or rewrites the whole page (a minifier, Material's privacy and
    # social plugins, at priority 50 and below) must see the summaries it will be served with.
    @event_priority(100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Replace every marker left in the page (its blog excerpts', and any copied from another
        page's content by a plugin or theme) with the summaries of its terms, their relative URLs
        made relative to this page. The content's own is filled already (``on_page_context``)."""
        if not self.config.enabled:
            return None
        filled = self.session.fill(output, page.url, page.file.src_uri)
        log_problems(self.session.take_problems())
        # The index pages' JSON-LD goes into the head, never the content (``index.jsonld``).
        script = self.session.json_ld(page.file.src_uri, page.url)
        if script is not None:
            filled = insert_in_head(filled, script) or filled
            log_problems(self.session.take_problems())
        return filled if filled is not output else None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """One INFO summary per build, and a warning per finding the ``warn`` option lists,
        logged before MkDocs counts warnings (so ``--strict`` fails on them)."""
        if not self.config.enabled or self.session.state is None:
            return
        self.session.summary()
        log_problems(self.session.take_problems())
        # Written into the built site, not added to ``Files``: a generated ``File`` has no
        # ``abs_src_path``, which plugins that read every file's source (mkdocs-static-i18n)
        # cannot handle; ``on_post_build`` runs after every build, ``mkdocs serve``'s too.
        export = self.session.export()
        if export is not None:
            write_file(export[1].encode("utf-8"), os.path.join(config.site_dir, export[0]))
            log_problems(self.session.take_problems())
