"""The plugin's options, defined once and host-free: names, types, defaults, checks and messages.

Every host validates the same options with the same words. The MkDocs adapter (``config.py``)
builds its ``GlossaryConfig`` from the specs below, so ``mkdocs build`` prints these messages
(prefixed by MkDocs with ``Plugin 'glossary' option 'NAME':``); another host (plain
Python-Markdown, Zensical) calls :func:`validate` on a plain dict and gets the same message in an
:class:`OptionError`, or an :class:`Options` value and the warnings MkDocs would print.

Messages of plain types and choices are worded as MkDocs words them (``Expected type: <class
'bool'> but received: <class 'str'>``): a user who moves a site from one host to another reads
the same sentence, and the tests compare both hosts case by case. No MkDocs import here.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from . import codes
from .languages import is_language_code
from .model import Problem
from .sources import FORMATS

__all__ = [
    "OPTIONS",
    "IndexOptions",
    "Invalid",
    "OptionError",
    "Options",
    "validate",
]

SourceItem = str | Mapping[str, str | None]


class Invalid(ValueError):
    """One value breaks its option's rule; ``str()`` is the message (what to write instead)."""


class OptionError(ValueError):
    """An option of a plain dict is invalid: ``option`` names it, ``message`` says why."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"option '{option}': {message}")
        self.option = option
        self.message = message


# -- the kinds of option ----------------------------------------------------------------------


class Spec:
    """One option: ``name``, ``default`` and ``doc``, and its rule.

    ``check(value)`` is the rule for a value that is given (not None) and returns the value to
    keep; ``validate(value)`` adds what an absent or null value means. Both raise ``Invalid``.
    """

    def __init__(self, name: str, default: Any, doc: str) -> None:
        self.name = name
        self.default = default
        self.doc = doc

    def check(self, value: object) -> Any:
        return value

    def validate(self, value: object) -> Any:
        """A null value takes the default (an option without one stays unset)."""
        if value is None:
            return self.default
        return self.check(value)


class TypeSpec(Spec):
    """A value of one Python type (``bool``, ``str``)."""

    def __init__(self, name: str, type_: type, default: Any, doc: str) -> None:
        super().__init__(name, default, doc)
        self.type = type_

    def check(self, value: object) -> Any:
        if not isinstance(value, self.type):
            raise Invalid(f"Expected type: {self.type} but received: {type(value)}")
        return value


class ChoiceSpec(Spec):
    """One of a few fixed values (compared with ``==``, as YAML gives them)."""

    def __init__(self, name: str, choices: tuple[Any, ...], default: Any, doc: str) -> None:
        super().__init__(name, default, doc)
        self.choices = choices

    def check(self, value: object) -> Any:
        if value not in self.choices:
            raise Invalid(f"Expected one of: {self.choices} but received: {value!r}")
        return value


class ListSpec(Spec):
    """A list whose every item follows ``item``'s rule (``item.check``)."""

    def __init__(self, name: str, item: Spec, doc: str) -> None:
        super().__init__(name, [], doc)
        self.item = item

    def validate(self, value: object) -> Any:
        return self.check(list(self.default) if value is None else value)

    def check(self, value: object) -> Any:
        if not isinstance(value, list):
            raise Invalid(f"Expected a list of items, but a {type(value)} was given.")
        return [self.item.check(item) for item in value]


class WarnCodeSpec(ChoiceSpec):
    """A finding code of ``warn``: one of ``CODES`` (``fallback``: a term missing in one
    language of a multilingual glossary, shown there with the default language's definition)."""

    CODES = codes.WARN_CODES

    def __init__(self) -> None:
        super().__init__("warn", self.CODES, None, "a finding code")

    def check(self, value: object) -> Any:
        valid = ", ".join(self.CODES)
        if not isinstance(value, str) or value not in self.CODES:
            raise Invalid(f"unknown finding code {value!r} in 'warn'; valid codes: {valid}")
        return value


class SourcesSpec(Spec):
    """``source``: a path, a mapping ``{path, format}`` to force a format, or a list of those;
    or a mapping whose keys are all language codes (``{en: glossary.yml, ko: [용어.md]}``), one
    glossary per language (validated as ``{language: [items]}``; anything else is a
    ``{path, format}`` mapping, checked as such).

    Required: without it there is no glossary, and the message says what to write.
    """

    def validate(self, value: object) -> Any:
        if value is None or value == []:
            raise Invalid(
                "the glossary plugin needs 'source': the path of your glossary file, "
                "relative to the folder of mkdocs.yml (for example docs/glossary.md)"
            )
        if isinstance(value, dict) and value and all(map(is_language_code, value)):
            out: dict[str, list[Any]] = {}
            for lang, items in value.items():
                if items is None or items == []:
                    raise Invalid(f"the glossary of the language '{lang}' lists no source")
                listed = items if isinstance(items, list) else [items]
                try:
                    out[lang] = [self.check(item) for item in listed]
                except Invalid as exc:
                    raise Invalid(f"language '{lang}': {exc}") from None
            return out
        items = value if isinstance(value, list) else [value]
        return [self.check(item) for item in items]

    def check(self, value: object) -> Any:
        if isinstance(value, str):
            if not value.strip():
                raise Invalid("a source path must not be empty")
            return value
        if isinstance(value, dict):
            unknown = set(value) - {"path", "format"}
            if unknown:
                raise Invalid(
                    f"unknown key(s) {sorted(unknown)} in a source mapping; "
                    "use {path: FILE, format: headings|deflist|data|abbr}"
                )
            path = value.get("path")
            if not isinstance(path, str) or not path.strip():
                raise Invalid("a source mapping needs a 'path' (a string)")
            fmt = value.get("format")
            if fmt is not None and fmt not in FORMATS:
                raise Invalid(
                    f"unknown source format {fmt!r}; expected one of {', '.join(FORMATS)}"
                )
            return {"path": path, "format": fmt}
        raise Invalid(
            f"expected a path or a mapping {{path: ..., format: ...}}, got {type(value).__name__}"
        )


class ExportSpec(TypeSpec):
    """``export``: the site path of the machine-readable glossary, or unset (no file).

    The file is written into the built site, so the path must name a file inside it: relative
    (no leading ``/``, no drive, no URL), without ``..``, and a ``.json`` file (the format it
    holds; a server then sends the right content type). A clash with a file of the site is
    checked once the site's files are known (``Session.check_export``).
    """

    def __init__(self, doc: str) -> None:
        super().__init__("export", str, None, doc)

    def check(self, value: object) -> Any:
        value = super().check(value)
        path = str(value).strip().replace("\\", "/")
        example = "for example 'glossary.json' or 'data/glossary.json'"
        if not path:
            raise Invalid(f"the export path must not be empty; {example}")
        if path.startswith("/") or ":" in path:
            raise Invalid(
                f"the export path must be relative to the site's root, got {value!r}; {example}"
            )
        if ".." in path.split("/"):
            raise Invalid(f"the export path must stay inside the site (no '..'), got {value!r}")
        normal = posixpath.normpath(path)
        if not normal.lower().endswith(".json") or normal.lower() == ".json":
            raise Invalid(f"the export path must name a .json file, got {value!r}; {example}")
        return normal


class LanguagesSpec(Spec):
    """``languages``: language code -> folder of ``docs_dir`` holding that language's pages
    (``{ko: ko/}``), for sites with plain language folders and no i18n plugin."""

    def check(self, value: object) -> Any:
        if not isinstance(value, dict):
            raise Invalid(
                f"expected a mapping of language codes to folders ({{ko: ko/}}), got "
                f"{type(value).__name__}"
            )
        out: dict[str, str] = {}
        for lang, folder in value.items():
            if not is_language_code(lang):
                raise Invalid(f"{lang!r} is not a language code (en, ko, pt-BR); write {{ko: ko/}}")
            if not isinstance(folder, str) or not folder.strip("/ ").strip():
                raise Invalid(f"the folder of '{lang}' must be a folder of docs_dir, such as 'ko/'")
            norm = folder.replace("\\", "/").strip()
            if norm.startswith("/") or ".." in norm.split("/"):
                raise Invalid(
                    f"the folder of '{lang}' must be relative to docs_dir and stay inside it, "
                    f"got {folder!r}"
                )
            out[lang] = norm
        return out


class SectionSpec(Spec):
    """A mapping of options of its own (``index``); a message names the sub-option."""

    def __init__(self, name: str, options: Sequence[Spec], doc: str) -> None:
        super().__init__(name, {}, doc)
        self.options = tuple(options)

    def validate(self, value: object) -> Any:
        """Null is not a mapping: MkDocs refuses ``index:`` left empty, and so does this."""
        return self.check(value)

    def check(self, value: object) -> Any:
        values, _ = self.validate_with_warnings(value)
        return values

    def validate_with_warnings(self, value: object) -> tuple[dict[str, Any], list[str]]:
        """The values (defaults filled in) and the warnings for unknown keys."""
        if not isinstance(value, dict):
            raise Invalid(
                "The configuration is invalid. Expected a key-value mapping (dict) but "
                f"received: {type(value)}"
            )
        out: dict[str, Any] = {}
        for spec in self.options:
            try:
                out[spec.name] = spec.validate(value.get(spec.name, spec.default))
            except Invalid as exc:
                raise Invalid(f"Sub-option '{spec.name}': {exc}") from None
        known = {spec.name for spec in self.options}
        warnings = [
            f"Sub-option '{key}': Unrecognised configuration name: {key}"
            for key in value
            if key not in known
        ]
        return out, warnings


# -- the options --------------------------------------------------------------------------------

INDEX_OPTIONS: tuple[Spec, ...] = (
    TypeSpec(
        "path",
        str,
        "glossary.md",
        "Source path (inside ``docs_dir``) of the generated page. If a glossary source is that "
        "very page, the generated page replaces its rendering.",
    ),
    TypeSpec(
        "title",
        str,
        None,
        'Page title; default: the source\'s front-matter ``title``, else "Glossary" / "용어집".',
    ),
    TypeSpec(
        "backlinks", bool, True, "List under each entry the pages that mention it, in nav order."
    ),
    ChoiceSpec(
        "split",
        ("auto", "never", "always"),
        "auto",
        "``auto``: one page up to 500 terms, else one page per group; ``never``; ``always``.",
    ),
)

#: Every option, in the order they are checked (the first invalid one is reported).
OPTIONS: tuple[Spec, ...] = (
    TypeSpec("enabled", bool, True, "Turn the plugin off without removing it from the config."),
    SourcesSpec(
        "source", None, "A path or a list of paths, relative to the folder of ``mkdocs.yml``."
    ),
    SectionSpec("index", INDEX_OPTIONS, "The generated A–Z index page."),
    ChoiceSpec(
        "link",
        ("first", "all"),
        "first",
        "``first``: only the first mention of each term on a page is linked; ``all``: every one.",
    ),
    TypeSpec(
        "tooltips",
        bool,
        True,
        "Embed the definitions a page mentions and ship the tooltip script and style.",
    ),
    ChoiceSpec(
        "case_sensitive",
        (True, False, "auto"),
        "auto",
        "``auto``: a key with an upper-case letter after the first letter of one of its words "
        "(SGD, ViT, ResNet) matches case-sensitively, others case-insensitively.",
    ),
    TypeSpec(
        "plurals",
        bool,
        True,
        "English plurals of Latin-script terms also match (Residual Blocks, FLOPs, MLPs).",
    ),
    ListSpec(
        "exclude",
        TypeSpec("exclude", str, None, "a pattern"),
        "Gitignore-style patterns of pages (src paths) where nothing is linked.",
    ),
    TypeSpec(
        "language",
        str,
        None,
        "UI language (``en``, ``ko``). Default: the theme's ``language`` (Material) or "
        "``locale``, else ``en``.",
    ),
    ListSpec(
        "warn",
        WarnCodeSpec(),
        "Findings that become warnings, so a strict build fails on them: ``unused`` (a term no "
        "page mentions), ``undefined`` (a term without a definition), ``fallback`` (a term "
        "missing in a language of a multilingual glossary). Unlisted findings are only "
        "counted in the build's summary.",
    ),
    LanguagesSpec(
        "languages",
        None,
        "Language code -> folder of ``docs_dir`` (``{ko: ko/}``) for sites with language folders "
        "and no i18n plugin: each language gets its own glossary, index page and tooltips.",
    ),
    TypeSpec(
        "json_ld",
        bool,
        True,
        "A schema.org ``DefinedTermSet`` (JSON-LD) in the ``<head>`` of each index page.",
    ),
    ExportSpec(
        "Site path (e.g. ``glossary.json``) where the glossary is published as JSON; unset: "
        "no file.",
    ),
)


# -- the validated values -----------------------------------------------------------------------


@dataclass(frozen=True)
class IndexOptions:
    """``index``: the generated A–Z page."""

    path: str
    title: str | None
    backlinks: bool
    split: Literal["auto", "never", "always"]


@dataclass(frozen=True)
class Options:
    """Every option, validated: what a build session reads (never a host's config object)."""

    enabled: bool
    source: tuple[SourceItem, ...]
    index: IndexOptions
    link: Literal["first", "all"]
    tooltips: bool
    case_sensitive: bool | Literal["auto"]
    plurals: bool
    exclude: tuple[str, ...]
    language: str | None
    warn: tuple[str, ...]
    json_ld: bool = True
    export: str | None = None
    source_languages: tuple[tuple[str, tuple[SourceItem, ...]], ...] = ()
    """``source`` given as a language mapping: ``((language, items), ...)``; ``source`` then
    holds every language's items (the files to read and watch)."""
    languages: tuple[tuple[str, str], ...] = ()
    """``languages``: ``((language, folder), ...)``."""

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> Options:
        """Options from values a host has validated already (MkDocs' config, or
        :func:`validate`): ``case_sensitive`` becomes ``True``, ``False`` or ``"auto"`` (YAML's
        ``1`` and ``0`` pass the choice as ``True`` and ``False``)."""
        index = values["index"]
        case = values["case_sensitive"]
        source = values["source"]
        source_map = source if isinstance(source, dict) else {}
        if source_map:  # every language's items, in order: the files read and watched
            source = [item for items in source_map.values() for item in items]
        return cls(
            enabled=bool(values["enabled"]),
            source=tuple(source),
            index=IndexOptions(
                path=index["path"],
                title=index["title"],
                backlinks=bool(index["backlinks"]),
                split=index["split"],
            ),
            link="all" if values["link"] == "all" else "first",
            tooltips=bool(values["tooltips"]),
            case_sensitive="auto" if case == "auto" else bool(case),
            plurals=bool(values["plurals"]),
            exclude=tuple(values["exclude"]),
            language=values["language"],
            warn=tuple(values["warn"]),
            json_ld=bool(values.get("json_ld", True)),
            export=values.get("export"),
            source_languages=tuple(
                (lang, tuple(items)) for lang, items in dict(source_map).items()
            ),
            languages=tuple(dict(values.get("languages") or {}).items()),
        )


def validate(values: Mapping[str, Any]) -> tuple[Options, list[Problem]]:
    """Check a plain dict of options as MkDocs checks the plugin's: the first invalid option
    raises :class:`OptionError` (with MkDocs' message); unknown names are warnings, returned."""
    if not isinstance(values, Mapping):
        raise OptionError(
            "glossary",
            "The configuration is invalid. Expected a key-value mapping (dict) but "
            f"received: {type(values)}",
        )
    out: dict[str, Any] = {}
    warnings: list[Problem] = []
    for spec in OPTIONS:
        try:
            value = values.get(spec.name, spec.default)
            if isinstance(spec, SectionSpec):
                out[spec.name], notes = spec.validate_with_warnings(value)
                warnings += [
                    Problem(f"option '{spec.name}': {note}", code=codes.UNKNOWN_OPTION)
                    for note in notes
                ]
            else:
                out[spec.name] = spec.validate(value)
        except Invalid as exc:
            raise OptionError(spec.name, str(exc)) from None
    known = {spec.name for spec in OPTIONS}
    warnings += [
        Problem(
            f"option '{key}': Unrecognised configuration name: {key}", code=codes.UNKNOWN_OPTION
        )
        for key in values
        if key not in known
    ]
    return Options.from_values(out), warnings
