"""Reading ``markdown_extensions`` (and ``docs_dir``) from a ``mkdocs.yml``, without MkDocs.

A ``mkdocs.yml`` often holds tags that only MkDocs or the extensions can build
(``!!python/name:material.extensions.emoji.twemoji``, ``!ENV``, ``!relative``). They are read
without importing anything: ``!ENV`` takes the variable's value or its default, as MkDocs does;
any other tag is ignored, and the key that holds it is left out of the extension's
configuration, so the extension uses its own default there (links and mentions do not depend on
how an emoji or a diagram fence is rendered).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from .output import UsageError

__all__ = ["DEFAULT_EXTENSIONS", "MarkdownSetup", "read_config"]

#: MkDocs always adds ``toc``, ``tables`` and ``fenced_code``; without ``--config`` the command
#: adds the Python-Markdown extensions most sites list (they change what is code, link text or
#: a heading, and so what counts as a mention).
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
DEFAULT_EXTENSIONS = (
    *BUILTIN_EXTENSIONS,
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
)


class _Unknown:
    """The value of a tag we do not build; removed from extension configs."""


UNKNOWN = _Unknown()


class _Loader(yaml.SafeLoader):
    """The safe loader, with ``!ENV`` and every other tag read without running code."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node, deep=True)
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    else:
        return UNKNOWN
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else None
    return default


def _unknown(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return UNKNOWN


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", _unknown)


def _clean(value: Any) -> Any:
    """``value`` without the keys and items whose value is an ignored tag."""
    if isinstance(value, Mapping):
        return {k: _clean(v) for k, v in value.items() if v is not UNKNOWN}
    if isinstance(value, list):
        return [_clean(v) for v in value if v is not UNKNOWN]
    return value


@dataclass
class MarkdownSetup:
    """What the command needs from a ``mkdocs.yml``."""

    extensions: list[str] = field(default_factory=lambda: list(BUILTIN_EXTENSIONS))
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    docs_dir: str | None = None


def read_config(path: str) -> MarkdownSetup:
    """The Markdown extensions (MkDocs' own three first, then the listed ones) and the docs
    folder of a ``mkdocs.yml``. Raises :class:`UsageError` for a file that cannot be read or is
    not a YAML mapping, and for an entry of ``markdown_extensions`` that is not one."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            data = yaml.load(fh, Loader=_Loader)  # a SafeLoader: builds no objects
    except OSError as exc:
        raise UsageError(f"--config {path}: cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"--config {path}: is not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else path
        raise UsageError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise UsageError(f"--config {path}: not a mkdocs.yml (expected a YAML mapping)")
    setup = MarkdownSetup()
    entries = data.get("markdown_extensions") or []
    if not isinstance(entries, list):
        entries = [entries]
    for entry in entries:
        config: Any
        if isinstance(entry, str):
            name, config = entry, {}
        elif isinstance(entry, dict) and len(entry) == 1:
            name, config = next(iter(entry.items()))
            config = _clean(config) if isinstance(config, dict) else {}
        else:
            if entry is UNKNOWN:
                continue
            raise UsageError(
                f"{path}: 'markdown_extensions' holds {entry!r}; expected a name or "
                "'name: {options}'"
            )
        if name not in setup.extensions:
            setup.extensions.append(name)
        if config:
            setup.configs[name] = config
    docs_dir = data.get("docs_dir", "docs")
    if isinstance(docs_dir, str):
        setup.docs_dir = os.path.join(os.path.dirname(path), docs_dir)
    return setup
