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

import os
import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urljoin

import pathspec.gitignore

from .export import ExportTerm, export_document, export_json
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
from .index.jsonld import LdTerm, defined_term_set, script_element
from .languages import LanguagePlan, Localized, fallback_problems, localize, matcher_terms
from .marker_page import MARKER, holds_marker
from .matching import Matcher
from .model import Glossary, Problem, Term
from .options import Options
from .sources import SourceError, load
from .sources.languages import load_by_language
from .summary import Summary, summarize_build
from .tooltips import Payloads, make_renderer, rewrite_urls
from .tooltips.sanitise import text_of
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

#: Our tooltip assets and the index page's style, published at these paths of the site.
TOOLTIP_CSS = "assets/glossary/glossary.css"
TOOLTIP_JS = "assets/glossary/glossary.js"
INDEX_CSS = "assets/glossary/glossary-index.css"
ASSETS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "assets")

_FALSE = frozenset({"false", "no", "off", "0"})


class BuildError(Exception):
    """The build cannot go on (an unreadable source, an invalid ``index.path``); ``str()`` says
    which file and how to fix it. Problems found before are in the session, to log first."""


@dataclass(frozen=True)
class Site:
    """What a session needs to know of the host's site (no host object).

    ``theme_languages()``: the theme's language settings in order of preference (Material's
    ``language``, then ``locale``), used when the ``language`` option is unset. ``markdown()``:
    the site's Markdown extensions and their configs. Both are asked when needed (the files
    step, the first tooltip summary), once every other part of the host has set them.
    """

    config_dir: str
    docs_dir: str
    use_directory_urls: bool = True
    theme_languages: Callable[[], Sequence[object]] = tuple
    markdown: Callable[[], tuple[Sequence[Any], Mapping[str, Any]]] = lambda: ([], {})
    search_reads_toc: bool = False
    """The site's search builds its entries from each page's TOC (MkDocs' own search does), so
    the index entries stay in the index pages' TOC; otherwise they leave it (``index.tree``)."""
    site_url: str | None = None
    """The site's public URL: the JSON-LD and the export then give absolute URLs."""
    language_build: tuple[str, str, tuple[str, ...]] | None = None
    """With an i18n plugin that builds each language on its own (mkdocs-static-i18n): this
    build's language, the default language, and every language built. Every page of this build
    is then in this build's language, and its index page is ``<language>/<index.path>``."""


@dataclass(frozen=True)
class FileOp:
    """A change of the host's file list: remove ``src``, or add it (from ``content``, a
    generated page's Markdown, or a copy of the file at ``source``); ``in_nav`` False keeps a
    page out of the navigation (the group pages of a split index)."""

    action: str  # "add" or "remove"
    src: str
    content: str | None = None
    source: str | None = None
    in_nav: bool = True
    dest_prefix: str = ""
    """Published under this folder (``ko/``) rather than where ``src`` says (a language build
    of an i18n plugin; see ``IndexLayout.url_prefix``)."""


@dataclass
class _Language:
    """One language's share of a multilingual build: its glossary and matcher (cached across
    builds), its index layout, and the summaries and local files made for its pages."""

    glossary: Glossary
    matcher: Matcher
    layout: IndexLayout | None = None
    payloads: Payloads | None = None
    plain: Payloads | None = None
    local: LocalFiles | None = None


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
    _stamp: tuple[object, ...] | None = None
    _matcher: Matcher | None = None
    _matcher_key: tuple[Glossary, object, bool] | None = None
    _matcher_problems: list[Problem] = field(default_factory=list)
    _exclude: pathspec.gitignore.GitIgnoreSpec | None = None
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
    _read: dict[str, Glossary] = field(default_factory=dict)
    """The glossaries as read: language -> glossary for a ``source`` language mapping, else
    ``{"": glossary}`` (cached with ``_stamp``)."""
    _plan: LanguagePlan | None = None
    """The languages of a multilingual build (None: one language, as a site without them)."""
    _contexts: dict[str, _Language] = field(default_factory=dict)
    _current: str | None = None
    _localized: tuple[tuple[object, ...], Localized] | None = None
    """Cache of the per-language glossaries, keyed by the glossaries read and the languages."""
    _matchers: dict[str, tuple[Glossary, object, Matcher, list[Problem]]] = field(
        default_factory=dict
    )
    """Cache of each language's matcher: reused while its glossary and options are the same,
    so nested builds of an i18n plugin compile one matcher per distinct glossary."""

    # -- setup -----------------------------------------------------------------------------------

    def start(self, options: Options, site: Site) -> None:
        """Begin a build: glossary, matcher, layout and fresh per-build records.

        Problems are logged at every build, also when the glossary is reused: each build's log
        (a strict build's included) is complete. Raises ``BuildError``.
        """
        self.options, self.site = options, site
        glossary = self.glossary = self._load(options, site)
        for other in self._read.values():
            self.problems += other.problems
        plan = self._plan = self._language_plan(options, site)
        if plan is not None:
            glossary = self._start_languages(plan, options)
        if not self.reused:
            counted = [f"{len(g)} terms ({lang})" for lang, g in self._read.items() if lang]
            self.problems.append(
                Problem(
                    (", ".join(counted) if counted else f"{len(glossary)} terms")
                    + " loaded from "
                    + ", ".join(os.path.relpath(p, site.config_dir) for p in self._paths()),
                    level="info",
                )
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
        exclude = options.exclude
        self._exclude = pathspec.gitignore.GitIgnoreSpec.from_lines(exclude) if exclude else None
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
            for lang, ctx in self._contexts.items():
                path = plan.index_path(lang, options.index.path)
                ctx.layout = make_layout(
                    ctx.glossary,
                    path,
                    options.index.split,
                    site.use_directory_urls,
                    plan.url_prefix(lang),
                )
            self._current = None
            self._switch(plan.active[0])

    def _paths(self) -> list[str]:
        """The source files, absolute (as ``load`` reads them)."""
        assert self.options is not None and self.site is not None
        out = []
        for item in self.options.source:
            path = item if isinstance(item, str) else str(item["path"])
            out.append(os.path.normpath(os.path.join(self.site.config_dir, path)))
        return out

    def _load(self, options: Options, site: Site) -> Glossary:
        """Read the sources, or reuse the last result when none changed.

        The cache key is the ``source`` option as written (a changed ``format`` re-reads) and
        each file's path, mtime (ns) and size; a missing file is never cached."""
        stamp: list[object] | None = [repr(options.source), repr(options.source_languages)]
        for path in self._paths():
            try:
                st = os.stat(path)
            except OSError:
                stamp = None
                break
            assert stamp is not None
            stamp.append((path, st.st_mtime_ns, st.st_size))
        key = tuple(stamp) if stamp is not None else None
        self.reused = bool(self._read) and key is not None and key == self._stamp
        if self.reused:
            return next(iter(self._read.values()))
        try:
            if options.source_languages:
                self._read = load_by_language(options.source_languages, site.config_dir)
            else:
                self._read = {"": load(options.source, site.config_dir)}
        except SourceError as exc:
            self._stamp, self._read = None, {}
            raise BuildError(str(exc)) from None
        self._stamp = key
        return next(iter(self._read.values()))

    # -- languages -------------------------------------------------------------------------------

    def _language_plan(self, options: Options, site: Site) -> LanguagePlan | None:
        """The languages of this build, or None for a site of one language whose glossary has
        nothing per language (it is built exactly as before languages existed)."""
        translated = any(t.translations for g in self._read.values() for t in g.terms)
        mapped = [lang for lang, _ in options.source_languages]
        if site.language_build is not None:
            build, default, built = site.language_build
            if options.languages:
                self.problems.append(
                    Problem(
                        "option 'languages' is ignored: mkdocs-static-i18n decides the language "
                        "of every page; remove 'languages' from the glossary plugin's options"
                    )
                )
            return LanguagePlan.make(default, [*built, *mapped], build=build)
        if not (mapped or options.languages or translated):
            return None
        default = self._choose_language()
        folders = dict(options.languages)
        if mapped and default not in mapped and not folders:
            default = mapped[0]  # one language per source, none the UI's: the first leads
        return LanguagePlan.make(default, mapped, folders)

    def _start_languages(self, plan: LanguagePlan, options: Options) -> Glossary:
        """Each active language's glossary and matcher (both cached), as contexts; returns the
        first active language's glossary."""
        read = self._read
        shared = read.get("")
        by_lang = {lang: g for lang, g in read.items() if lang}
        key = (tuple((k, id(g)) for k, g in read.items()), plan.default, plan.languages)
        if self._localized is None or self._localized[0] != key:
            self._localized = (key, localize(by_lang, plan, shared))
        localized = self._localized[1]
        self.problems += localized.problems
        self._contexts = {}
        for lang in plan.active:
            glossary = localized.glossaries.get(lang) or localized.glossaries[plan.default]
            opts = (options.case_sensitive, options.plurals)
            cached = self._matchers.get(lang)
            if cached is None or cached[0] is not glossary or cached[1] != opts:
                matcher = Matcher(
                    matcher_terms(glossary, localized.default_names),
                    case_sensitive=options.case_sensitive,
                    plurals=options.plurals,
                )
                cached = self._matchers[lang] = (glossary, opts, matcher, list(matcher.problems))
            self.problems += cached[3]
            self._contexts[lang] = _Language(glossary, cached[2])
        self._matcher = self._contexts[plan.active[0]].matcher
        return self._contexts[plan.active[0]].glossary

    def _switch(self, language: str | None) -> None:
        """Make ``language``'s glossary, matcher, index layout and summaries the current ones
        (a multilingual build; a site of one language has nothing to switch)."""
        if self._plan is None or language is None or language == self._current:
            return
        ctx = self._contexts.get(language)
        if ctx is None:
            return
        old = self._contexts.get(self._current or "")
        if old is not None:
            old.payloads, old.plain, old.local = (
                self._payloads,
                self._plain_summaries,
                self._local,
            )
        self._current = self._language = language
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
        if self._plan is not None and self._current is not None:
            return self._current
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
        ops: list[FileOp] = []
        done: dict[str, str] = {}  # what an earlier language planned already (assets, sources)

        def present(src: str) -> bool:
            return done[src] == "add" if src in done else exists(src)

        for lang in self._plan.active:
            self._switch(lang)
            new = [op for op in self._plan_files(present) if done.get(op.src) != op.action]
            ops += new
            done.update((op.src, op.action) for op in new)
        self._switch(self._plan.active[0])
        return ops

    def _plan_files(self, exists: Callable[[str], bool]) -> list[FileOp]:
        """The changes to the site's files, in order: the tooltip assets, the index page(s),
        and what they replace.

        A source that is the index page itself is replaced by the generated page. A source
        elsewhere in ``docs_dir`` is not published (INFO): its terms are on the index. A page of
        the user's at a generated path that is not a source is replaced too, with a warning,
        since its content would silently disappear. Local files that definitions refer to from
        outside ``docs_dir`` are published beside the index. A file of the user's at an asset's
        path is an override, and is kept.
        """
        glossary, layout, options, site = self.glossary, self._layout, self.options, self.site
        assert glossary is not None and layout is not None
        assert options is not None and site is not None
        ops: list[FileOp] = []
        removed: set[str] = set()
        added: set[str] = set()

        def present(src: str) -> bool:
            return src in added or (src not in removed and exists(src))

        def add(src: str, **kwargs: Any) -> None:
            ops.append(FileOp("add", src, **kwargs))
            added.add(src)
            removed.discard(src)

        def remove(src: str) -> None:
            ops.append(FileOp("remove", src))
            removed.add(src)
            added.discard(src)

        if options.tooltips:
            for uri in (TOOLTIP_CSS, TOOLTIP_JS):
                if not present(uri):
                    add(uri, source=os.path.join(ASSETS_DIR, posixpath.basename(uri)))
        docs_dir = os.path.abspath(site.docs_dir)
        generated = layout.pages()
        sources_in_docs = set()
        for path in self._paths():
            if not inside(path, docs_dir):
                continue
            src = os.path.relpath(os.path.abspath(path), docs_dir).replace(os.sep, "/")
            sources_in_docs.add(src)
            if not present(src):
                continue
            remove(src)
            if src not in generated:
                self.problems.append(
                    Problem(
                        f"'{src}' is a glossary source inside docs_dir: it is not published as "
                        f"a page of its own; its terms are on the index page '{layout.path}'",
                        level="info",
                    )
                )
        for src in generated:
            if present(src) and src not in sources_in_docs:
                remove(src)
                if holds_marker(os.path.join(docs_dir, *src.split("/"))):
                    # The index page a plugin-less host (Zensical) fills: expected here.
                    message = f"'{src}' holds {MARKER}: the generated index takes its place"
                    self.problems.append(Problem(message, level="info"))
                    continue
                self.problems.append(
                    Problem(
                        f"'{src}' in docs_dir is replaced by the generated glossary index; set "
                        "'index.path' to another path to keep that page"
                    )
                )
        local = LocalFiles(docs_dir, site.config_dir, layout.media_dir)
        local.scan(glossary)
        self._language = self._choose_language()
        pages = build_pages(
            glossary,
            layout,
            title=default_title(glossary, options.index.title, self._language),
            strings=strings_for(self._language),
            backlinks=options.index.backlinks,
            hangul=self._language == "ko",
            rewrite=local.rewrite,
            leads=self._wants_summaries(),
        )
        for page in pages:
            # Group pages of a split index are reached through the letter bar, not the nav.
            add(
                page.src_path,
                content=page.markdown,
                in_nav=page.src_path == layout.path,
                dest_prefix=layout.url_prefix,
            )
            self._plans[page.src_path] = page.plan
        for dest, absolute in local.published.items():
            if not present(dest):
                add(dest, source=absolute)
        if not present(INDEX_CSS):
            add(INDEX_CSS, source=os.path.join(ASSETS_DIR, posixpath.basename(INDEX_CSS)))
        self._local = local
        return ops

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
            enabled=self._page_enabled(src_uri, meta),
            link_mode=self.options.link,
        )

    @property
    def matcher(self) -> Matcher | None:
        """The compiled matcher (None before :meth:`start`): read-only, so a host that renders
        pages on several threads gives each page a ``LinkerState`` of its own around it."""
        return self._matcher

    def page_enabled(self, src_uri: str, meta: Mapping[str, Any]) -> bool:
        """Whether the page is linked at all (front matter ``glossary``, ``exclude``)."""
        return self._page_enabled(src_uri, meta)

    def _page_enabled(self, src_uri: str, meta: Mapping[str, Any]) -> bool:
        """False on pages with front matter ``glossary: false`` or matched by ``exclude``.

        Front matter read by PyYAML's safe loader (YAML 1.1) turns unquoted ``false``, ``no``
        and ``off`` (any case) into ``False`` and ``0`` into the integer 0; quoted, they are
        strings, compared case-insensitively. ``isinstance(flag, int)`` covers ``False`` too (a
        bool is an int); ``true``, ``1``, ``"yes"`` or a list leave the page in.
        """
        flag = meta.get("glossary", True)
        if (isinstance(flag, int) and flag == 0) or (
            isinstance(flag, str) and flag.strip().lower() in _FALSE
        ):
            return False
        return not (self._exclude is not None and self._exclude.match_file(src_uri))

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
        """A relative URL of a definition, read against the term's source file (as the index
        page reads it), as a site-root-relative URL (``sub/page/#x``); None leaves it as written.
        A bare ``#fragment`` points into the entry's own page."""
        path, _, frag = url.partition("#")
        suffix = f"#{frag}" if frag else ""
        if not path:
            entry = self.state.entry_url(term) if self.state is not None else ""
            return entry.partition("#")[0] + suffix
        if not term.path or self._url_of is None:
            return None
        if self._local is not None:  # the index page's own resolution, media included
            src = self._local.target(term, url)
            target = self._url_of(src) if src is not None else None
            return None if target is None else target + suffix
        assert self.site is not None
        source_dir = os.path.dirname(
            os.path.normpath(os.path.join(self.site.config_dir, term.path))
        )
        absolute = os.path.normpath(os.path.join(source_dir, unquote(path.partition("?")[0])))
        docs_dir = os.path.normpath(os.path.abspath(self.site.docs_dir))
        if not inside(absolute, docs_dir):
            return None  # outside docs_dir: published (or reported) by the index page's code
        target = self._url_of(os.path.relpath(absolute, docs_dir).replace(os.sep, "/"))
        return None if target is None else target + suffix

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
        if self._plan is not None and len(self._contexts) > 1:
            out: dict[str, str] = {}
            for lang in self._contexts:
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
            self._fill_backlinks(out, rendered, pages, link)
        if self._wants_summaries():
            for src, content in out.items():
                out[src], leads = extract_leads(content)
                if leads:
                    self._summaries().add_leads(leads, rendered[src][1])
        return out

    def _fill_backlinks(
        self,
        out: dict[str, str],
        rendered: Mapping[str, tuple[str, str]],
        pages: Sequence[str],
        link: Callable[[str], tuple[str | None, str] | None],
    ) -> None:
        """Only the terms of each page are resolved, and each relative URL once per page: a
        split index of thousands of terms stays linear in the number of mentions."""
        usage = self.state.usage if self.state is not None else {}
        if self._plan is not None and self._plan.build is None:  # this language's pages only
            language_of, current = self._plan.language_of, self._current
            usage = {src: ids for src, ids in usage.items() if language_of(src) == current}
        by_term = backlinks_by_term(usage, [*self._nav_order, *pages], skip=set(self._plans))
        label = strings_for(self._language).get("used_on", "Used on")
        for src, plan in self._plans.items():
            if src not in out:
                continue
            index_url = rendered[src][1]
            targets: dict[str, tuple[str, str] | None] = {}
            links: dict[str, list[tuple[str, str]]] = {}
            for block in plan.blocks:
                if block.term is None or block.term.id not in by_term:
                    continue
                items = links[block.term.id] = []
                for s in by_term[block.term.id]:
                    if s not in targets:
                        found = link(s)
                        targets[s] = (
                            None
                            if found is None
                            else (found[0] or s, relative_url(found[1], index_url))
                        )
                    target = targets[s]
                    if target is not None:
                        items.append(target)
            out[src] = fill_backlinks(out[src], links, label)

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

    def _summary_text(self, term: Term) -> str:
        """A term's summary as plain text (its HTML's text, white space collapsed)."""
        return " ".join(text_of(self._summaries().summary(term)).split())

    def _public_url(self, root_relative: str, from_page: str | None) -> str:
        """A site-root-relative URL as published: absolute under ``site_url``, else relative
        to the page at ``from_page`` (None: left relative to the site root)."""
        assert self.site is not None
        site_url = self.site.site_url
        if site_url:
            return urljoin(site_url if site_url.endswith("/") else site_url + "/", root_relative)
        return root_relative if from_page is None else relative_url(root_relative, from_page)

    def json_ld(self, src_uri: str, url: str) -> str | None:
        """The ``<script type="application/ld+json">`` for the generated index page ``src_uri``
        at ``url`` (a ``DefinedTermSet`` of the entries it shows); None for any other page, or
        with ``json_ld`` off. The host puts it in the page's ``<head>`` (``index.jsonld``)."""
        self._switch(self.language_of(src_uri))
        options, layout = self.options, self._layout
        plan = self._plans.get(src_uri)
        if plan is None or options is None or layout is None or not options.json_ld:
            return None
        main = self._plans.get(layout.path, plan)
        terms = [
            LdTerm(
                id=b.term.id,
                name=b.term.display_name or b.term.name,
                aliases=tuple(b.term.aliases),
                description=self._summary_text(b.term),
                url=self._public_url(layout.entry_url(b.term), url),
            )
            for b in plan.blocks
            if b.kind == "entry" and b.term is not None
        ]
        index_url = self._public_url(layout.url_of(layout.path), url)
        self._take_summary_problems()
        return script_element(defined_term_set(main.title, index_url, terms))

    def check_export(self, files: Mapping[str, str]) -> None:
        """Raise ``BuildError`` when the ``export`` path is taken by a file of the site
        (``files``: each file's published path -> its src path): one would overwrite the other."""
        export = self.options.export if self.options is not None else None
        if export is None:
            return
        for dest, src in files.items():
            if dest == export or dest.startswith(export + "/"):
                raise BuildError(
                    f"option 'export': the site path '{export}' is already taken by "
                    f"'{src}' of the site (published as '{dest}'); choose another path, "
                    "for example 'glossary-export.json'"
                )

    def export(self) -> tuple[str, str] | None:
        """The machine-readable glossary: ``(site path, JSON text)``, None when ``export`` is
        unset. Terms in index order; URLs absolute under ``site_url``, else relative to the
        site root. The host writes it into the built site."""
        if self._plan is not None:  # the default language's glossary, written by its build
            if self._plan.default not in self._contexts:
                return None
            self._switch(self._plan.default)
        options, layout, glossary = self.options, self._layout, self.glossary
        if options is None or options.export is None or layout is None or glossary is None:
            return None
        summaries = self._summaries()
        terms = []
        for group, members in glossary.groups().items():
            for term in members:
                html = summaries.summary_at(term, "")
                if self.site is not None and self.site.site_url:
                    html = rewrite_urls(html, lambda url: self._public_url(url, None))
                terms.append(
                    ExportTerm(
                        id=term.id,
                        name=term.name,
                        display_name=term.display_name or term.name,
                        aliases=tuple(term.aliases),
                        group=group,
                        summary_text=self._summary_text(term),
                        summary_html=html,
                        definition=term.definition,
                        url=self._public_url(layout.entry_url(term), None),
                    )
                )
        main = self._plans.get(layout.path)
        title = main.title if main is not None else layout.path
        document = export_document(
            terms,
            title=title,
            language=self._language,
            index_url=self._public_url(layout.url_of(layout.path), None),
            site_url=self.site.site_url if self.site is not None else None,
        )
        self._take_summary_problems()
        return options.export, export_json(document)

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
        if self._plan is not None and self._localized is not None:
            fallbacks = self._localized[1].fallbacks
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
        self._stamp = None
        self._payloads = None
        self._plain_summaries = None
        self._layout = None
        self._local = None
        self._plans = {}
        self.extensions = []
        self._read, self._plan, self._contexts, self._current = {}, None, {}, None
        self._localized, self._matchers = None, {}
