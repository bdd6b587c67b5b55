"""One glossary, several languages: which language a page is in, and each language's glossary.

A multilingual site shows every reader the glossary in the reader's language. This module
decides, as pure data (no host, no Markdown):

- :class:`LanguagePlan`: the languages of a build, the default one, and the language of a page.
  With an i18n plugin that builds one language at a time (mkdocs-static-i18n), every page of a
  build is in that build's language (a page it falls back to included: the reader is on the
  ``/ko/`` site). Without one, the ``languages`` option maps folders to languages
  (``{ko: ko/}``): a page under ``ko/`` is Korean, any other page is in the default language.
- :func:`localize`: each language's own :class:`~.model.Glossary`, from the per-language sources
  and the per-language fields of data entries, paired by the rule below, with the default
  language's definition standing in (marked, :attr:`~.model.Term.fallback`) where a language
  lacks a term.
- :func:`matcher_terms`: what the matcher of a language compiles: that language's names and
  aliases, plus the default language's *names* (``Dropout`` links on a Korean page), never
  another language's aliases (a Korean-only alias stays off English pages).

Pairing: per-language entries are the same term when they share an explicit ``id``, else when
they share a name or alias (:func:`~.model.match_key`: case-folded, NFC, separators folded). A
paired term takes the default language's ``id`` in every language, so ``#dropout`` is the same
anchor on ``/glossary/`` and ``/ko/glossary/``. An entry that pairs with nothing is a term of
its own language only (INFO).
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from . import codes
from .model import Glossary, Problem, Term, match_key

__all__ = [
    "LanguagePlan",
    "Localized",
    "is_language_code",
    "localize",
    "matcher_terms",
]

#: A language code as sites write them: ``en``, ``ko``, ``pt-BR``, ``zh_Hant``.
_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def is_language_code(value: object) -> bool:
    """Whether ``value`` reads as a language code (a key of the ``source`` language mapping)."""
    return isinstance(value, str) and _CODE.fullmatch(value) is not None


def _folder(path: str) -> str:
    """``ko``, ``ko/``, ``/ko/`` -> ``ko/`` (a src-path prefix)."""
    norm = posixpath.normpath(path.replace("\\", "/").strip("/"))
    return "" if norm in (".", "") else norm + "/"


@dataclass(frozen=True)
class LanguagePlan:
    """The languages of one build.

    ``default``: the language of pages in no language folder, whose glossary the others fall
    back to. ``languages``: every language with a glossary in this build, the default first.
    ``folders``: language -> src-path prefix (``ko/``), from the ``languages`` option, or the
    prefix under which an i18n plugin publishes a language's pages. ``build``: the one language
    of this build, when an i18n plugin builds each language separately (None: the pages say).
    """

    default: str
    languages: tuple[str, ...]
    folders: Mapping[str, str] = field(default_factory=dict)
    build: str | None = None

    @classmethod
    def make(
        cls,
        default: str,
        languages: Iterable[str] = (),
        folders: Mapping[str, str] | None = None,
        build: str | None = None,
    ) -> LanguagePlan:
        ordered = [default, *(lang for lang in languages if lang != default)]
        folder_map = {lang: _folder(path) for lang, path in (folders or {}).items()}
        for lang in folder_map:
            if lang not in ordered:
                ordered.append(lang)
        return cls(default, tuple(dict.fromkeys(ordered)), folder_map, build)

    @property
    def multilingual(self) -> bool:
        return len(self.languages) > 1

    @property
    def active(self) -> tuple[str, ...]:
        """The languages whose pages this build renders: the i18n plugin's build language, else
        the default language and those with a folder (a language of the ``source`` mapping with
        no pages gets no index page of its own)."""
        if self.build is not None:
            return (self.build,)
        return tuple(
            lang for lang in self.languages if lang == self.default or lang in self.folders
        )

    def language_of(self, src_uri: str) -> str:
        """The language of a page: the build's, else the longest folder that holds it, else the
        default language."""
        if self.build is not None:
            return self.build
        best, length = self.default, -1
        for lang, prefix in self.folders.items():
            if prefix and src_uri.startswith(prefix) and len(prefix) > length:
                best, length = lang, len(prefix)
        return best

    def index_path(self, language: str, path: str) -> str:
        """The src path of a language's index page: ``glossary.md`` in its folder (``ko/``);
        the default language's stays where ``index.path`` says unless it has a folder. In an
        i18n plugin's language build it stays ``index.path`` (see :meth:`url_prefix`)."""
        if self.build is not None:
            return path.lstrip("/")
        prefix = self.folders.get(language)
        if prefix is None:
            prefix = "" if language == self.default else language + "/"
        return prefix + path.lstrip("/")

    def url_prefix(self, language: str) -> str:
        """Where an i18n plugin publishes a language's pages (``ko/``; ``""`` for the default
        language and without one). The index page keeps its src path, so that a ``nav`` entry
        ``glossary.md`` finds it in every language's build, as the plugin's own pages do."""
        if self.build is None or language == self.default:
            return ""
        return language + "/"


@dataclass
class Localized:
    """Each language's glossary (same ids for paired terms), and what pairing found."""

    glossaries: dict[str, Glossary]
    default_names: dict[str, str]
    """Term id -> the default language's name (the one key every language's pages match)."""
    fallbacks: dict[str, list[Term]]
    """Language -> the terms shown there with the default language's definition."""
    problems: list[Problem]


def _own(term: Term, language: str) -> Term | None:
    """A data entry's version for ``language`` from its per-language fields (None: it has no
    field in that language). Fields given without a language hold for every language."""
    fields = term.translations.get(language)
    if not fields:
        return None
    aliases = fields.get("aliases")
    summary = fields.get("summary", term.summary)
    links = fields.get("alias_links")
    return _copy(
        term,
        definition=str(fields.get("definition", term.definition)),
        summary=summary if isinstance(summary, str) else None,
        aliases=tuple(aliases) if isinstance(aliases, (list, tuple)) else term.aliases,
        alias_links={**term.alias_links, **(links if isinstance(links, dict) else {})},
        translations={},
    )


def _copy(term: Term, **changes: object) -> Term:
    """``dataclasses.replace`` that keeps whether the id was written by the author (a copy is
    made with its id given, which alone would mark it explicit)."""
    explicit = changes.pop("explicit_id", term.explicit_id)
    out = dataclasses.replace(term, **changes)  # type: ignore[arg-type]
    out.explicit_id = bool(explicit)
    return out


def _plain(term: Term) -> Term:
    """A term without per-language fields, as a single-language glossary shows it."""
    return _copy(term, translations={}) if term.translations else term


def _fallback(term: Term, default: str) -> Term:
    return _copy(term, aliases=(), alias_links={}, translations={}, fallback=default)


def _glossary(
    terms: list[Term], base: Glossary, problems: list[Problem], known: set[Problem]
) -> Glossary:
    """A glossary of ``terms`` titled as ``base``; what indexing them finds that reading the
    sources did not (``known``) joins ``problems``."""
    out = Glossary(terms=terms, sources=list(base.sources), title=base.title)
    problems += [p for p in out.problems if p not in known]
    return out


def localize(
    sources: Mapping[str, Glossary], plan: LanguagePlan, shared: Glossary | None = None
) -> Localized:
    """Each language's glossary.

    ``sources``: language -> the glossary read from that language's sources (the ``source``
    language mapping). ``shared``: a glossary given without a language (a plain ``source``); it
    is the default language's when the mapping has none, and its entries' per-language fields
    (``definition: {en: ..., ko: ...}``) give the other languages their versions.
    """
    default = plan.default
    problems: list[Problem] = []
    known = {p for g in (*sources.values(), shared) if g is not None for p in g.problems}
    base = sources.get(default) or shared or Glossary()
    if any(t.translations for t in base.terms):
        terms = [(_own(t, default) or _plain(t)) for t in base.terms]
        default_glossary = _glossary(terms, base, problems, known)
    else:  # nothing to choose: the glossary as read (a single-language site's, unchanged)
        default_glossary = base
    glossaries = {default: default_glossary}
    by_key: dict[str, Term] = {}
    by_id = {t.id: t for t in default_glossary.terms}
    for term in default_glossary.terms:
        for key in term.keys:
            by_key.setdefault(match_key(key), term)
    default_names = {t.id: t.name for t in default_glossary.terms}
    fallbacks: dict[str, list[Term]] = {}
    for lang in plan.languages:
        if lang == default:
            continue
        own: dict[str, Term] = {}  # default id -> this language's version
        extra: list[Term] = []  # unpaired: terms of this language only
        for base_term in base.terms:  # per-language fields of the shared entries
            version = _own(base_term, lang)
            if version is not None:
                paired = default_glossary.get(base_term.id)
                if paired is not None:
                    own[paired.id] = _copy(version, id=paired.id)
        source = sources.get(lang)
        for term in source.terms if source is not None and source is not base else ():
            term = _own(term, lang) or _plain(term)
            match = by_id.get(term.id) if term.explicit_id else None
            if match is None:
                match = next((by_key[k] for k in map(match_key, term.keys) if k in by_key), None)
            if match is None or match.id in own:
                if match is None:
                    problems.append(
                        Problem(
                            f"'{term.display_name}' ({lang}) pairs with no term of the default "
                            f"language '{default}' (no shared id, name or alias): it is a term "
                            f"of '{lang}' only",
                            term.path,
                            term.line,
                            level="info",
                            code=codes.UNPAIRED_TERM,
                        )
                    )
                extra.append(term)
                continue
            own[match.id] = _copy(term, id=match.id)
        missing = [t for t in default_glossary.terms if t.id not in own]
        fallbacks[lang] = missing
        # The language's own terms first: a key they share with a stand-in is theirs, and
        # what the model says about such a clash (at the stand-in's place) is no news.
        terms = [own[t.id] for t in default_glossary.terms if t.id in own]
        terms += extra
        terms += [_fallback(t, default) for t in missing]
        stand_ins = {(t.path, t.line) for t in missing}
        lang_base = source if source is not None else base
        found: list[Problem] = []
        glossaries[lang] = _glossary(terms, lang_base, found, known)
        problems += [p for p in found if (p.path, p.line) not in stand_ins]
    return Localized(glossaries, default_names, fallbacks, problems)


def matcher_terms(glossary: Glossary, default_names: Mapping[str, str]) -> Sequence[Term]:
    """The terms a language's matcher compiles: each with its own names and aliases, plus the
    default language's name of the term when it is not one of them already (and no other term
    of this language claims it). A fallback term is matched by that name only; :func:`localize`
    puts the fallbacks last, so where a term of this language claims the same key, the
    language's own term wins (the matcher keeps the first term of a key)."""
    taken = {match_key(k) for t in glossary.terms if t.fallback is None for k in t.keys}
    out: list[Term] = []
    for term in glossary.terms:
        name = default_names.get(term.id)
        if term.fallback is not None or name is None or match_key(name) in taken:
            out.append(term)
        else:
            taken.add(match_key(name))
            out.append(_copy(term, aliases=(*term.aliases, name)))
    return out


def fallback_problems(
    fallbacks: Mapping[str, Sequence[Term]], default: str, warn: bool
) -> list[Problem]:
    """One line per language that lacks terms: INFO, or a warning when ``warn`` lists
    ``fallback`` (so a strict build fails until every language has every term)."""
    out: list[Problem] = []
    for lang, terms in fallbacks.items():
        if not terms:
            continue
        names = ", ".join(f"'{t.display_name}'" for t in terms[:10])
        more = f" and {len(terms) - 10} more" if len(terms) > 10 else ""
        fix = (
            f"add them to the '{lang}' glossary, or remove 'fallback' from the plugin's 'warn' "
            "option"
            if warn
            else f"add them to the '{lang}' glossary"
        )
        out.append(
            Problem(
                f"{len(terms)} terms have no '{lang}' version and show the '{default}' "
                f"definition there: {names}{more}; {fix}",
                level="warning" if warn else "info",
                code=codes.FALLBACK,
            )
        )
    return out
