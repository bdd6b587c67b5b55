"""Each language's share of a multilingual build: its glossary and matcher, cached across builds.

Its one job is the state that ``languages.py`` (pure rules: which languages, which glossary
each gets, which keys its pages match) leaves out: which languages this build has
(:func:`language_plan`), and one :class:`LanguageContext` per active language, made by
:meth:`LanguageContexts.start`. Localizing the glossaries and compiling a matcher are the
costly steps, so both are cached here while their inputs are the same objects (nested builds of
an i18n plugin, a serving host's rebuilds). The session switches between contexts before a
page is linked, filled or indexed; a site of one language never makes any.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import codes
from .index import IndexLayout, LocalFiles, make_layout
from .languages import LanguagePlan, Localized, localize, matcher_terms
from .matching import Matcher
from .model import Glossary, Problem
from .tooltips import Payloads

if TYPE_CHECKING:
    from .options import Options

__all__ = ["LanguageContext", "LanguageContexts", "language_plan"]


@dataclass
class LanguageContext:
    """One language's share of a multilingual build: its glossary and matcher (cached across
    builds), its index layout, and the summaries and local files made for its pages."""

    glossary: Glossary
    matcher: Matcher
    layout: IndexLayout | None = None
    payloads: Payloads | None = None
    plain: Payloads | None = None
    local: LocalFiles | None = None


def language_plan(
    read: Mapping[str, Glossary],
    options: Options,
    language_build: tuple[str, str, tuple[str, ...]] | None,
    choose_language: Callable[[], str],
) -> tuple[LanguagePlan | None, list[Problem]]:
    """The languages of this build, or None for a site of one language whose glossary has
    nothing per language (it is built exactly as before languages existed); and the problems.

    ``read``: the glossaries as read (language -> glossary, ``""`` for one of every language);
    ``language_build``: the site's (see ``session.Site``); ``choose_language()``: the UI
    language, asked only when needed.
    """
    translated = any(t.translations for g in read.values() for t in g.terms)
    mapped = [lang for lang, _ in options.source_languages]
    if language_build is not None:
        build, default, built = language_build
        problems = []
        if options.languages:
            problems.append(
                Problem(
                    "option 'languages' is ignored: mkdocs-static-i18n decides the language "
                    "of every page; remove 'languages' from the glossary plugin's options",
                    code=codes.OPTION_IGNORED,
                )
            )
        return LanguagePlan.make(default, [*built, *mapped], build=build), problems
    if not (mapped or options.languages or translated):
        return None, []
    default = choose_language()
    folders = dict(options.languages)
    if mapped and default not in mapped and not folders:
        default = mapped[0]  # one language per source, none the UI's: the first leads
    return LanguagePlan.make(default, mapped, folders), []


@dataclass
class LanguageContexts:
    """The contexts of this build's active languages (by language), the one current, and the
    caches of the localized glossaries and of each language's matcher."""

    contexts: dict[str, LanguageContext] = field(default_factory=dict)
    current: str | None = None
    localized: tuple[tuple[object, ...], Localized] | None = None
    """Cache of the per-language glossaries, keyed by the glossaries read and the languages."""
    _matchers: dict[str, tuple[Glossary, object, Matcher, list[Problem]]] = field(
        default_factory=dict
    )
    """Cache of each language's matcher: reused while its glossary and options are the same,
    so nested builds of an i18n plugin compile one matcher per distinct glossary."""

    def start(
        self, read: Mapping[str, Glossary], plan: LanguagePlan, options: Options
    ) -> list[Problem]:
        """Each active language's glossary and matcher (both cached), as fresh contexts; the
        problems of localizing and of each matcher, in order."""
        shared = read.get("")
        by_lang = {lang: g for lang, g in read.items() if lang}
        key = (tuple((k, id(g)) for k, g in read.items()), plan.default, plan.languages)
        if self.localized is None or self.localized[0] != key:
            self.localized = (key, localize(by_lang, plan, shared))
        localized = self.localized[1]
        problems = list(localized.problems)
        self.contexts = {}
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
            problems += cached[3]
            self.contexts[lang] = LanguageContext(glossary, cached[2])
        return problems

    def lay_out(self, plan: LanguagePlan, path: str, split: str, use_directory_urls: bool) -> None:
        """Each context's index layout (its language's index page at ``plan.index_path``), no
        context current yet: the build's first :meth:`keep` has nothing to keep."""
        for lang, ctx in self.contexts.items():
            ctx.layout = make_layout(
                ctx.glossary,
                plan.index_path(lang, path),
                split,
                use_directory_urls,
                plan.url_prefix(lang),
            )
        self.current = None

    def keep(
        self, payloads: Payloads | None, plain: Payloads | None, local: LocalFiles | None
    ) -> None:
        """Keep the summaries and local files made for the current language's pages in its
        context, before another language becomes the current one."""
        old = self.contexts.get(self.current or "")
        if old is not None:
            old.payloads, old.plain, old.local = payloads, plain, local

    def release(self) -> None:
        """Let go of every context and cache."""
        self.contexts, self.current, self.localized, self._matchers = {}, None, None, {}
