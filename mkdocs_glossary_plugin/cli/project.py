"""The glossary settings of a command: from the command line, else from the site's ``mkdocs.yml``.

In CI and pre-commit a team runs ``autoglossary check`` in the project folder and expects it to
check the glossary the site builds with, not a second list of files kept by hand. So a command
given no SOURCE reads ``mkdocs.yml`` (or ``--config FILE``): the options of the ``glossary``
plugin under ``plugins:``, or of the Markdown extension ``mkdocs_glossary_plugin.markdown`` under
``markdown_extensions`` (the Zensical form, same option names), checked by the plugin's own
:func:`~mkdocs_glossary_plugin.options.validate` so a bad option reads as the build would say it.
Paths are resolved exactly as the plugin resolves them: sources against the folder of the
``mkdocs.yml`` (the extension's ``root_dir`` when it sets one), ``docs_dir`` (default ``docs``)
against the folder of the ``mkdocs.yml``.

What the command line says wins: SOURCE replaces the file's ``source`` (its paths are relative
to the current folder, as any command-line path), ``--docs``, ``--exclude`` and ``--warn``
replace ``docs_dir``, ``exclude`` and ``warn``. With SOURCE and no ``--config`` no file is read
(the command line then says everything, as before the file was read at all).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .. import options as plugin_options
from ..markdown import EXTENSION_NAME, HOST_KEYS
from ..model import Problem
from ..options import SourceItem
from .config import MarkdownSetup, Tagged, load_yaml, read_config
from .findings import UNREADABLE, rebased
from .output import Finding, UsageError

__all__ = ["DEFAULT_CONFIG", "PLUGIN_NAMES", "Settings", "settings_of"]

#: The file read when no SOURCE and no ``--config`` is given (MkDocs' own default).
DEFAULT_CONFIG = "mkdocs.yml"
#: The plugin's names under ``plugins:`` (its MkDocs entry point).
PLUGIN_NAMES = ("glossary",)


@dataclass
class Settings:
    """What a command reads: the sources, the folder they are relative to, and the options."""

    groups: list[tuple[str, list[SourceItem]]]
    """``[("", items)]``, or one ``(language, items)`` per language of a ``source`` mapping."""
    base: str
    """The folder the sources are relative to (the current folder for SOURCE arguments)."""
    values: dict[str, Any] = field(default_factory=dict)
    """The plugin's options as the file writes them (``source`` included), ``{}`` without one."""
    options: plugin_options.Options | None = None
    """The file's options, validated (None when no file with the plugin was read)."""
    config: str | None = None
    """The ``mkdocs.yml`` read, as given."""
    docs_dir: str | None = None
    markdown: MarkdownSetup | None = None
    warnings: list[Problem] = field(default_factory=list)
    """The options' warnings (an unknown option name), as a build logs them."""
    from_file: bool = False
    """The sources are the file's ``source`` (not SOURCE arguments)."""

    @property
    def source(self) -> list[SourceItem] | dict[str, list[SourceItem]]:
        """The ``source`` option's value for a session: a list, or a language mapping."""
        if len(self.groups) == 1 and not self.groups[0][0]:
            return list(self.groups[0][1])
        return {lang: list(items) for lang, items in self.groups}

    @property
    def multilingual(self) -> bool:
        return any(lang for lang, _ in self.groups)

    def placed(self, finding: Finding) -> Finding:
        """A finding about a source, named from the current folder; for the file's sources the
        hint of an unreadable one says where to fix the path."""
        finding = rebased(finding, self.base)
        if self.from_file and finding.code == UNREADABLE:
            folder = os.path.relpath(self.base)
            where = "the current folder" if folder == "." else f"the folder {folder}"
            hint = (
                f"fix the glossary's 'source' in {self.config} (its paths are relative to "
                f"{where}), or give the file(s) as SOURCE"
            )
            finding = replace(finding, hint=hint)
        return finding


def _tag_in(value: Any) -> str | None:
    """The first YAML tag we did not build inside ``value`` (None when there is none)."""
    if isinstance(value, Tagged):
        return value.tag
    if isinstance(value, Mapping):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            found = _tag_in(item)
            if found:
                return found
    return None


def _entries(value: Any, path: str, key: str) -> list[tuple[Any, Any]]:
    """``(name, config)`` of each entry of ``plugins`` or ``markdown_extensions``: a list of
    names and one-key mappings, or one mapping (MkDocs takes both)."""
    if value is None:
        return []
    if isinstance(value, Mapping):
        return list(value.items())
    if not isinstance(value, list):
        raise UsageError(f"{path}: '{key}' must be a list, got {type(value).__name__}")
    out: list[tuple[Any, Any]] = []
    for entry in value:
        if isinstance(entry, str):
            out.append((entry, None))
        elif isinstance(entry, Mapping) and len(entry) == 1:
            out.append(next(iter(entry.items())))
    return out


def _glossary_entry(data: Mapping[str, Any], path: str) -> tuple[str, dict[str, Any], str] | None:
    """``(label, option values, base folder)`` of the plugin's entry, else of the Markdown
    extension's; None when the file configures neither. The plugin wins, as under MkDocs
    (which removes the extension when both are listed)."""
    config_dir = os.path.dirname(path) or "."
    for name, config in _entries(data.get("plugins"), path, "plugins"):
        if name in PLUGIN_NAMES:
            return f"plugin '{name}'", _mapping(config, path, f"plugin '{name}'"), config_dir
    for name, config in _entries(data.get("markdown_extensions"), path, "markdown_extensions"):
        if isinstance(name, str) and name.split(":")[0] == EXTENSION_NAME:
            values = _mapping(config, path, EXTENSION_NAME)
            hosts = {k: values.pop(k) for k in HOST_KEYS if k in values}
            root = hosts.get("root_dir")
            base = os.path.join(config_dir, root) if isinstance(root, str) and root else config_dir
            return EXTENSION_NAME, values, os.path.normpath(base)
    return None


def _mapping(config: Any, path: str, label: str) -> dict[str, Any]:
    if config is None:
        return {}
    if not isinstance(config, Mapping):
        raise UsageError(
            f"{path}: the options of {label} must be a mapping (source: ..., exclude: ...), got "
            f"{type(config).__name__}"
        )
    return dict(config)


def _no_config(path: str) -> UsageError:
    return UsageError(
        f"no SOURCE given and no {path} in {os.path.abspath(os.path.dirname(path) or '.')}: "
        "run the command in the folder of your mkdocs.yml, name it with --config FILE, or give "
        "the glossary file(s), e.g. 'autoglossary check docs/glossary.md'"
    )


def settings_of(args: argparse.Namespace) -> Settings:
    """The settings of a command from its arguments (``sources``, ``config``), reading the
    ``mkdocs.yml`` when SOURCE is missing or ``--config`` is given. Raises :class:`UsageError`
    (exit 2) with the file and the fix."""
    sources: list[SourceItem] = list(args.sources or [])
    path: str | None = args.config
    if sources and path is None:
        return Settings([("", list(sources))], os.getcwd())
    if path is None:
        path = DEFAULT_CONFIG
        if not os.path.isfile(path):
            raise _no_config(path)
    data = load_yaml(path)
    markdown = read_config(path, data)
    entry = _glossary_entry(data, path)
    if entry is None:
        if sources:  # --config for the Markdown extensions and docs_dir only
            return Settings([("", list(sources))], os.getcwd(), config=path, **_site(markdown))
        raise UsageError(
            f"{path}: the glossary plugin is not configured: add it under 'plugins:' "
            f"(- glossary: {{source: docs/glossary.md}}) or list {EXTENSION_NAME} under "
            "'markdown_extensions', or give the glossary file(s) as SOURCE"
        )
    label, values, base = entry
    tag = _tag_in(values)
    if tag is not None:
        raise UsageError(
            f"{path}: the options of {label} hold the YAML tag {tag}, which the command line "
            "does not build; write the value itself there (a path, a list or a mapping)"
        )
    if sources:
        values["source"] = list(sources)
    try:
        options, warnings = plugin_options.validate(values)
    except plugin_options.OptionError as exc:
        raise UsageError(f"{path}: {label} {exc}") from None
    if sources:
        groups: list[tuple[str, list[SourceItem]]] = [("", list(sources))]
        base = os.getcwd()
    elif options.source_languages:
        groups = [(lang, list(items)) for lang, items in options.source_languages]
    else:
        groups = [("", list(options.source))]
    return Settings(
        groups,
        base,
        from_file=not sources,
        values=values,
        options=options,
        config=path,
        warnings=[_located(w, path) for w in warnings],
        **_site(markdown),
    )


def _site(markdown: MarkdownSetup) -> dict[str, Any]:
    return {"docs_dir": markdown.docs_dir, "markdown": markdown}


def _located(problem: Problem, path: str) -> Problem:
    """An option's warning, placed in the configuration file."""
    if problem.path:
        return problem
    return replace(problem, path=path)


def given_or(given: Sequence[str], values: Mapping[str, Any], name: str) -> list[str]:
    """A list option: the command line's when given, else the file's (``exclude``, ``warn``)."""
    if given:
        return list(given)
    value = values.get(name)
    return [str(v) for v in value] if isinstance(value, list) else []
