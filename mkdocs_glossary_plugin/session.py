"""One build's state, host-free: what a host adapter hands its events to.

A host (the MkDocs plugin in ``plugin.py``; plain Python-Markdown or Zensical in others) turns its
events into calls of a :class:`Session`, in the order data flows:
sources -> model -> matcher -> tree linker -> (tooltip payload, usage records) -> index page.

1. :meth:`Session.start`: read the glossary (cached while the ``source`` option and every source
   file's path, mtime and size are unchanged), compile the matcher (reused while the glossary and
   the matching options are unchanged), decide the index layout, and make this build's Markdown
   extensions (:attr:`Session.extensions`).
2. :meth:`Session.plan_files`: the index page(s) to generate, the glossary sources not to publish,
   the assets to ship, as :class:`FileOp` data the host applies to its own file list.
3. For each page: :meth:`Session.index_page` and :meth:`Session.set_page` before its Markdown is
   converted; :meth:`Session.marker` on its HTML, :meth:`Session.fill` to fill the marker with the
   tooltip payload of the terms it links.
4. :meth:`Session.finish_index`: backlinks and tooltip leads of the rendered index page(s).
5. :meth:`Session.summary`: the build's one summary and the ``warn`` findings.

Nothing here logs or imports a host: problems are :class:`~.model.Problem` data, collected in
order; the host takes them with :meth:`Session.take_problems` after each call and logs them (so
MkDocs' ``--strict`` counts the warnings). Unreadable input raises :class:`BuildError`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .extension import GlossaryExtension, LinkerState, PageContext
from .host import BuildError, Site
from .i18n import normalize_language, strings_for, translate
from .index import (
    IndexExtension,
    IndexLayout,
    IndexRenderState,
    LocalFiles,
    PagePlan,
    check_index_path,
    fragment,
    make_layout,
)
from .index.files import (
    ASSETS_DIR,
    INDEX_CSS,
    TOOLTIP_CSS,
    TOOLTIP_JS,
    FileOp,
    merge_plans,
    plan_files,
)
from .index.finish import cut_leads, fill_index_backlinks
from .language_state import LanguageContexts, language_plan
from .languages import LanguagePlan, fallback_problems
from .matching import Matcher
from .model import Glossary, Problem, Term
from .options import Options
from .page_filter import PageFilter
from .publish import export_path_taken, export_text, json_ld_script
from .sources import SourceError
from .sources.cache import SourceCache, source_paths
from .summary import Summary, summarize_build
from .tooltips import Payloads, make_renderer
from .tooltips.links import resolve_definition_url
from .urls import inside, page_url, relative_url

__all__ = [
    "ASSETS_DIR",
    "INDEX_CSS",
    "TOOLTIP_CSS",
    "TOOLTIP_JS",
    "BuildError",
    "FileOp",
    "Session",
    "Site",
    "Summary",
]


@dataclass
class Session:
    """The glossary, the matcher and one build's records; kept across the rebuilds of a
    serving host so the caches work (a new build calls :meth:`start` again)."""

    options: Options | None = None
    site: Site | None = None
    glossary: Glossary | None = None
    state: LinkerState | None = None
    """The linker's state: the page being linked and the usage records."""
    reused: bool = False
    """Whether the last :meth:`start` kept the parsed glossary (no source changed)."""
    extensions: list[Any] = field(default_factory=list)
    """This build's Markdown extensions (the linker, the index page's tree work)."""
    problems: list[Problem] = field(default_factory=list)
    _matcher: Matcher | None = None
    _matcher_key: tuple[Glossary, object, bool] | None = None
    _matcher_problems: list[Problem] = field(default_factory=list)
    _pages: PageFilter = field(default_factory=PageFilter)
    _layout: IndexLayout | None = None
    _index_state: IndexRenderState = field(default_factory=IndexRenderState)
    _plans: dict[str, PagePlan] = field(default_factory=dict)
    _local: LocalFiles | None = None
    _nav_order: list[str] = field(default_factory=list)
    _url_of: Callable[[str], str | None] | None = None
    _language: str = "en"
    _payloads: Payloads | None = None
    _markers: dict[str, int] = field(default_factory=dict)
    """Page src_uri -> how many excerpt markers its view holds (see :meth:`excerpt_marker`)."""
    _plain_summaries: Payloads | None = None
    """Summaries for the JSON-LD and the export when tooltips are off (see :meth:`_summaries`)."""
    _sources: SourceCache = field(default_factory=SourceCache)
    """The glossaries as read: language -> glossary for a ``source`` language mapping, else
    ``{"": glossary}``; kept while no source changed."""
    _plan: LanguagePlan | None = None
    """The languages of a multilingual build (None: one language, as a site without them)."""
    _langs: LanguageContexts = field(default_factory=LanguageContexts)
    """Each active language's glossary, matcher, index and summaries (``language_state``)."""

    # -- setup -----------------------------------------------------------------------------------

    def start(self, options: Options, site: Site) -> None:
        """Begin a build: glossary, matcher, layout and fresh per-build records.

        Problems are logged at every build, also when the glossary is reused: each build's log
        (a strict build's included) is complete. Raises ``BuildError``.
        """
        self.options, self.site = options, site
        glossary = self.glossary = self._load(options, site)
        for other in self._sources.read.values():
            self.problems += other.problems
        # Plan from the options alone: a rebuild (``mkdocs serve``) must not take the language
        # the previous build ended on for the default one.
        self._plan = None
        plan, problems = language_plan(
            self._sources.read, options, site.language_build, self._choose_language
        )
        self._plan = plan
        self.problems += problems
        if plan is not None:
            glossary = self._start_languages(plan, options)
        if not self.reused:
            self.problems.append(
                self._sources.loaded(len(glossary), self._paths(), site.config_dir)
            )
        key = (glossary, options.case_sensitive, options.plurals)
        old = self._matcher_key
        if plan is not None:  # each language's matcher, from the keyed cache
            self._matcher_problems = []
        elif self._matcher is None or old is None or old[0] is not glossary or old[1:] != key[1:]:
            self._matcher = Matcher(
                glossary.terms, case_sensitive=options.case_sensitive, plurals=options.plurals
            )
            self._matcher_key = key
            self._matcher_problems = list(self._matcher.problems)
        self.problems += self._matcher_problems
        self._pages = PageFilter.make(options.exclude)
        # A new state per build: a serving host's rebuilds do not pile up usage records.
        self.state = LinkerState(self._matcher, glossary, self.entry_url)
        problem = check_index_path(options.index.path)
        if problem:
            raise BuildError(problem)
        self._layout = make_layout(
            glossary, options.index.path, options.index.split, site.use_directory_urls
        )
        self._index_state = IndexRenderState(toc_entries=site.search_reads_toc)
        self._plans, self._local, self._nav_order, self._url_of = {}, None, [], None
        self._payloads, self._markers, self._plain_summaries = None, {}, None
        self.extensions = [GlossaryExtension(self.state), IndexExtension(self._index_state)]
        if plan is not None:
            index = options.index
            self._langs.lay_out(plan, index.path, index.split, site.use_directory_urls)
            self._switch(plan.active[0])

    def _paths(self) -> list[str]:
        """The source files, absolute (as ``load`` reads them)."""
        assert self.options is not None and self.site is not None
        return source_paths(self.options.source, self.site.config_dir)

    def _load(self, options: Options, site: Site) -> Glossary:
        """Read the sources, or reuse the last result when none changed (``sources.cache``)."""
        try:
            read = self._sources.load(options, site.config_dir)
        except SourceError as exc:
            raise BuildError(str(exc)) from None
        finally:
            self.reused = self._sources.reused
        return next(iter(read.values()))

    # -- languages -------------------------------------------------------------------------------

    def _start_languages(self, plan: LanguagePlan, options: Options) -> Glossary:
        """Each active language's context (``language_state``); the first one's glossary."""
        self.problems += self._langs.start(self._sources.read, plan, options)
        first = self._langs.contexts[plan.active[0]]
        self._matcher = first.matcher
        return first.glossary

    def _switch(self, language: str | None) -> None:
        """Make ``language``'s glossary, matcher, index layout and summaries the current ones
        (a multilingual build; a site of one language has nothing to switch)."""
        if self._plan is None or language is None or language == self._langs.current:
            return
        ctx = self._langs.contexts.get(language)
        if ctx is None:
            return
        self._langs.keep(self._payloads, self._plain_summaries, self._local)
        self._langs.current = self._language = language  # the context made current
        self.glossary, self._matcher, self._layout = ctx.glossary, ctx.matcher, ctx.layout
        self._payloads, self._plain_summaries, self._local = ctx.payloads, ctx.plain, ctx.local
        if self.state is not None:
            self.state.matcher, self.state.glossary = ctx.matcher, ctx.glossary

    def language_of(self, src_uri: str) -> str | None:
        """The language of a page (None: a site of one language)."""
        return self._plan.language_of(src_uri) if self._plan is not None else None

    def _choose_language(self) -> str:
        """``language``, else the theme's, else ``en`` (in a multilingual build: the language
        of the pages being worked on)."""
        assert self.options is not None and self.site is not None
        if self._plan is not None and self._langs.current is not None:
            return self._langs.current
        for value in (self.options.language, *self.site.theme_languages()):
            lang = normalize_language(value)
            if lang:
                return lang
        return "en"

    def entry_url(self, term: Term) -> str:
        """Site-root-relative URL of a term's entry: the index page's URL plus ``#id``, or the
        URL of its group's page when the index is split (``glossary/a/#id``)."""
        if self._layout is not None:
            return self._layout.entry_url(term)
        assert self.options is not None and self.site is not None
        url = page_url(self.options.index.path, self.site.use_directory_urls)
        return f"{url}#{fragment(term.id)}"

    def take_problems(self) -> list[Problem]:
        """The problems found since the last call, in order (the host logs them)."""
        out, self.problems = self.problems, []
        return out

    # -- files -----------------------------------------------------------------------------------

    def plan_files(self, exists: Callable[[str], bool]) -> list[FileOp]:
        """The changes to the site's files (:meth:`_plan_files`); in a multilingual build, for
        each language whose pages the build renders (each has its own index page)."""
        if self._plan is None:
            return self._plan_files(exists)
        ops = merge_plans(self._plan.active, self._plan_language_files, exists)
        self._switch(self._plan.active[0])
        return ops

    def _plan_language_files(self, language: str, exists: Callable[[str], bool]) -> list[FileOp]:
        """:meth:`_plan_files` of ``language``'s pages."""
        self._switch(language)
        return self._plan_files(exists)

    def _plan_files(self, exists: Callable[[str], bool]) -> list[FileOp]:
        """The current language's changes to the site's files (``index.files.plan_files``);
        keeps the generated pages' plans and the local files for the pages to come."""
        glossary, layout, options, site = self.glossary, self._layout, self.options, self.site
        assert glossary is not None and layout is not None
        assert options is not None and site is not None
        self._language = self._choose_language()
        planned = plan_files(
            glossary,
            layout,
            options,
            docs_dir=site.docs_dir,
            config_dir=site.config_dir,
            source_paths=self._paths(),
            exists=exists,
            language=self._language,
            leads=self._wants_summaries(),
        )
        self.problems += planned.problems
        self._plans.update(planned.plans)
        self._local = planned.local
        return planned.ops

    def use_pages(self, nav_order: Sequence[str], url_of: Callable[[str], str | None]) -> None:
        """The site's pages in nav order (backlinks are listed in it), and the URL of a file by
        its src path (None: not in the site), for the links of tooltip summaries."""
        self._nav_order = list(nav_order)
        self._url_of = url_of

    def watched_sources(self) -> list[str]:
        """The source files outside ``docs_dir`` (a serving host watches ``docs_dir`` itself);
        a link in ``docs_dir`` to a file outside counts as outside."""
        assert self.site is not None
        return [p for p in self._paths() if not inside(p, self.site.docs_dir, resolve_links=True)]

    # -- pages -----------------------------------------------------------------------------------

    def index_page(self, src_uri: str) -> None:
        """Before a page renders: the index tree work acts only on a generated page."""
        self._switch(self.language_of(src_uri))
        self._index_state.current = self._plans.get(src_uri)

    def set_page(self, src_uri: str, url: str, meta: Mapping[str, Any]) -> None:
        """The page the linker works for (its links are relative to ``url``); in a multilingual
        build, its language's glossary, matcher and index become the current ones."""
        assert self.state is not None and self.options is not None
        self._switch(self.language_of(src_uri))
        self.state.page = PageContext(
            src_uri=src_uri,
            url=url,
            enabled=self._pages.enabled(src_uri, meta),
            link_mode=self.options.link,
        )

    @property
    def matcher(self) -> Matcher | None:
        """The compiled matcher (None before :meth:`start`): read-only, so a host that renders
        pages on several threads gives each page a ``LinkerState`` of its own around it."""
        return self._matcher

    def page_enabled(self, src_uri: str, meta: Mapping[str, Any]) -> bool:
        """Whether the page is linked at all (front matter ``glossary``, ``exclude``)."""
        return self._pages.enabled(src_uri, meta)

    def term_href(self, term: Term, page_url: str) -> str:
        """The href of an explicit link to ``term`` on the page at ``page_url``."""
        if self.state is None:
            return "#" + term.id
        return relative_url(self.state.entry_url(term), page_url)

    def record_use(self, src_uri: str, term_id: str) -> None:
        """An explicit link counts as a mention (backlinks, tooltip payload)."""
        if self.state is None:
            return
        usage = self.state.usage.setdefault(src_uri, [])
        if term_id not in usage:
            usage.append(term_id)

    # -- tooltips --------------------------------------------------------------------------------

    def _tooltips(self) -> Payloads:
        """This build's summaries, made on first need (the extensions are final by then)."""
        if self._payloads is None:
            assert self.glossary is not None and self.site is not None
            extensions, configs = self.site.markdown()
            self._payloads = Payloads(
                self.glossary,
                make_renderer(extensions, configs),
                translate(self._choose_language(), "open_in_glossary"),
                self._resolve,
            )
        return self._payloads

    def marker(self, html: str) -> str:
        """The marker to append to a page's content: the ids of the terms it links (``""``
        for none; also with tooltips off). Readers of the content (search) then parse a few
        bytes instead of every summary; :meth:`fill` replaces it."""
        if self.options is None or not self.options.tooltips or self.glossary is None:
            return ""
        return self._tooltips().marker(html)

    def excerpt_marker(self, content: str, view_src: str) -> str:
        """A marker for an excerpt of another page shown on the page ``view_src`` (a blog
        index): :meth:`fill` of that page's output fills it."""
        if self._payloads is None:
            return ""
        marker = self._payloads.marker(content)
        if marker:
            self._markers[view_src] = self._markers.get(view_src, 0) + 1
        return marker

    def fill(self, html: str, url: str, src_uri: str | None = None) -> str:
        """``html`` with each marker replaced by its terms' summaries, their URLs relative to
        the page at ``url``. With ``src_uri``: the page's whole output, holding the excerpt
        markers counted for it (then forgotten); the same object back when there is none."""
        if src_uri is not None:
            self._switch(self.language_of(src_uri))
        if self._payloads is None:
            return html
        markers = self._markers.pop(src_uri, None) if src_uri is not None else None
        filled = self._payloads.fill(html, url, markers)
        self.problems += self._payloads.problems
        self._payloads.problems.clear()
        return filled

    def _resolve(self, term: Term, url: str) -> str | None:
        """A relative URL of a definition as a site-root-relative URL, None to leave it as
        written (``tooltips.links``)."""
        assert self.site is not None
        state = self.state
        return resolve_definition_url(
            term,
            url,
            entry_url=state.entry_url if state is not None else lambda _: "",
            url_of=self._url_of,
            local=self._local,
            config_dir=self.site.config_dir,
            docs_dir=self.site.docs_dir,
        )

    # -- index -----------------------------------------------------------------------------------

    def index_plan(self, src: str) -> PagePlan | None:
        """The plan of the generated index page ``src`` (None: not one), for a host that renders
        it with an ``IndexRenderState`` of its own (one per page, on any thread)."""
        return self._plans.get(src)

    @property
    def index_sources(self) -> list[str]:
        """The src paths of the generated index page(s)."""
        return list(self._plans)

    def finish_index(
        self,
        rendered: Mapping[str, tuple[str, str]],
        pages: Sequence[str],
        link: Callable[[str], tuple[str | None, str] | None],
    ) -> dict[str, str]:
        """The final content of each rendered index page (``src -> (content, url)``): its
        backlinks filled and, with tooltips, its summary leads cut out for the tooltips (one
        Markdown conversion of each definition per build serves both).

        ``pages``: every page of the site (after the nav order, in this order for backlinks);
        ``link(src)``: a page's title (None: use its path) and URL, None when it is no page.
        """
        assert self.options is not None
        if self._plan is not None and len(self._langs.contexts) > 1:
            out: dict[str, str] = {}
            for lang in self._langs.contexts:
                self._switch(lang)
                mine = {s: r for s, r in rendered.items() if self._plan.language_of(s) == lang}
                out.update(self._finish_index(mine, pages, link))
            return out
        return self._finish_index(rendered, pages, link)

    def _finish_index(
        self,
        rendered: Mapping[str, tuple[str, str]],
        pages: Sequence[str],
        link: Callable[[str], tuple[str | None, str] | None],
    ) -> dict[str, str]:
        """:meth:`finish_index` for the current language's index pages."""
        assert self.options is not None
        self._index_state.current = None
        self.problems += self._index_state.problems
        self._index_state.problems.clear()
        if self._local is not None:
            self.problems += self._local.problems
            self._local.problems.clear()
        out = {src: content for src, (content, _) in rendered.items()}
        if self.options.index.backlinks and self._plans:
            usage = self.state.usage if self.state is not None else {}
            if self._plan is not None and self._plan.build is None:  # this language's pages
                language_of, current = self._plan.language_of, self._langs.current
                usage = {src: ids for src, ids in usage.items() if language_of(src) == current}
            label = strings_for(self._language).get("used_on", "Used on")
            order = [*self._nav_order, *pages]
            fill_index_backlinks(
                out, rendered, self._plans, usage=usage, order=order, link=link, label=label
            )
        if self._wants_summaries():
            for found, url in cut_leads(out, rendered):
                self._summaries().add_leads(found, url)
        return out

    # -- machine-readable glossary ---------------------------------------------------------------

    def _wants_summaries(self) -> bool:
        """Whether anything shows the terms' summaries: tooltips, the JSON-LD or the export."""
        options = self.options
        return options is not None and (
            options.tooltips or options.json_ld or options.export is not None
        )

    def _summaries(self) -> Payloads:
        """The build's summaries: the tooltips' own, or (tooltips off) a set of the same rule
        kept apart, so that nothing of the tooltips (excerpt markers, payloads) appears."""
        assert self.options is not None
        if self.options.tooltips:
            return self._tooltips()
        if self._plain_summaries is None:
            assert self.glossary is not None and self.site is not None
            extensions, configs = self.site.markdown()
            self._plain_summaries = Payloads(
                self.glossary, make_renderer(extensions, configs), "", self._resolve
            )
        return self._plain_summaries

    def _take_summary_problems(self) -> None:
        """A summary that could not be rendered is a problem to log, never a silent loss (the
        tooltips' own are taken by :meth:`fill`; with tooltips off, only here)."""
        summaries = self._summaries()
        self.problems += summaries.problems
        summaries.problems.clear()

    def json_ld(self, src_uri: str, url: str) -> str | None:
        """The ``<script type="application/ld+json">`` for the generated index page ``src_uri``
        at ``url`` (``publish.json_ld_script``); None for any other page, or with ``json_ld``
        off. The host puts it in the page's ``<head>`` (``index.jsonld``)."""
        self._switch(self.language_of(src_uri))
        options, layout, site = self.options, self._layout, self.site
        plan = self._plans.get(src_uri)
        if plan is None or options is None or layout is None or not options.json_ld:
            return None
        assert site is not None
        main = self._plans.get(layout.path, plan)
        script = json_ld_script(plan, main.title, layout, self._summaries(), site.site_url, url)
        self._take_summary_problems()
        return script

    def check_export(self, files: Mapping[str, str]) -> None:
        """Raise ``BuildError`` when the ``export`` path is taken by a file of the site
        (``files``: each file's published path -> its src path): one would overwrite the other."""
        export = self.options.export if self.options is not None else None
        message = export_path_taken(export, files) if export is not None else None
        if message is not None:
            raise BuildError(message)

    def export(self) -> tuple[str, str] | None:
        """The machine-readable glossary (``publish.export_text``): ``(site path, JSON text)``,
        None when ``export`` is unset. The host writes it into the built site."""
        if self._plan is not None:  # the default language's glossary, written by its build
            if self._plan.default not in self._langs.contexts:
                return None
            self._switch(self._plan.default)
        options, layout, glossary = self.options, self._layout, self.glossary
        if options is None or options.export is None or layout is None or glossary is None:
            return None
        summaries = self._summaries()
        main = self._plans.get(layout.path)
        text = export_text(
            glossary,
            layout,
            summaries,
            title=main.title if main is not None else layout.path,
            language=self._language,
            site_url=self.site.site_url if self.site is not None else None,
        )
        self._take_summary_problems()
        return options.export, text

    # -- end -------------------------------------------------------------------------------------

    def summary(self) -> Summary:
        """What the build did (``summary.summarize_build``); its problems (the ``warn``
        findings, then one INFO line) join :attr:`problems`."""
        if self._plan is not None:
            self._switch(self._plan.active[0])
        state, glossary, options = self.state, self.glossary, self.options
        assert state is not None and glossary is not None and options is not None
        state.page = None
        summary, problems = summarize_build(
            glossary, state.usage, state.link_counts, self._plans, options.warn
        )
        if self._plan is not None and self._langs.localized is not None:
            fallbacks = self._langs.localized[1].fallbacks
            active = {lang: fallbacks.get(lang, []) for lang in self._plan.active}
            problems[:0] = fallback_problems(active, self._plan.default, "fallback" in options.warn)
        self.problems += problems
        return summary

    def release(self) -> None:
        """Let go of the glossary, the compiled matcher and the build's records at once.

        They are trees of plain objects, so reference counting frees them now. Held to the end,
        they would be walked by each of the full collections Python runs while the process
        exits (about 0.4 s at 10,000 terms). The extension that holds the linker state stays in
        the host's configuration, so the state is emptied too.
        """
        if self.state is not None:
            self.state.release()
        self.state = None
        self.glossary = None
        self._matcher = None
        self._matcher_key = None
        self._matcher_problems = []
        self._payloads = None
        self._plain_summaries = None
        self._layout = None
        self._local = None
        self._plans = {}
        self.extensions = []
        self._sources.release()
        self._plan = None
        self._langs.release()
