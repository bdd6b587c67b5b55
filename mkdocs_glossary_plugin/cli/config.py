"""Reading a ``mkdocs.yml`` without MkDocs: its mapping (``INHERIT`` followed), its
``markdown_extensions`` and ``docs_dir``.

A ``mkdocs.yml`` often holds tags that only MkDocs or the extensions can build
(``!!python/name:material.extensions.emoji.twemoji``, ``!ENV``, ``!relative``). They are read
without importing anything: ``!ENV`` takes the variable's value or its default, as MkDocs does;
any other tag becomes a :class:`Tagged` value (``project`` refuses one in the glossary's
options with a message naming it); in ``markdown_extensions`` it is ignored, and the key that
holds it is left out of the extension's configuration, so the extension uses its own default
there (links and mentions do not depend on how an emoji or a diagram fence is rendered).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..markdown import EXTENSION_NAME
from .output import UsageError

__all__ = ["DEFAULT_EXTENSIONS", "MarkdownSetup", "Tagged", "load_yaml", "read_config"]

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


@dataclass(frozen=True)
class Tagged:
    """The value of a tag we do not build (``!!python/name:...``, ``!relative``): its tag is
    kept for messages, nothing is imported or run. Dropped from extension configs."""

    tag: str


class _Loader(yaml.SafeLoader):
    """The safe loader, with ``!ENV`` and every other tag read without running code."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]`` as MkDocs reads it (pyyaml_env_tag):
    the first variable set, its text typed by YAML's implicit rules (``true``, ``3``); else
    the default, typed as written; else null."""
    default = None
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
        if len(children) > 1:
            default = loader.construct_object(children[-1], deep=True)
            children = children[:-1]
        names = [loader.construct_scalar(child) for child in children]
    else:
        return Tagged("!ENV")
    for name in names:
        if isinstance(name, str) and name in os.environ:
            value = os.environ[name]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


def _unknown(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return Tagged(str(node.tag))


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", _unknown)


def _clean(value: Any) -> Any:
    """``value`` without the keys and items whose value is an ignored tag."""
    if isinstance(value, Mapping):
        return {k: _clean(v) for k, v in value.items() if not isinstance(v, Tagged)}
    if isinstance(value, list):
        return [_clean(v) for v in value if not isinstance(v, Tagged)]
    return value


def _merge(parent: dict[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """``child`` over ``parent`` as MkDocs merges an ``INHERIT``ed file (mergedeep's REPLACE):
    mappings merge key by key, anything else (a list too) is replaced."""
    out = dict(parent)
    for key, value in child.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, Mapping):
            out[key] = _merge(old, value)
        else:
            out[key] = value
    return out


def load_yaml(path: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    """The mapping of a ``mkdocs.yml``, with the files it ``INHERIT``s merged in as MkDocs
    merges them (the parent's path is relative to the file that names it). Raises
    :class:`UsageError` naming the file for a file that cannot be read, is not YAML, is not a
    mapping, or inherits in a circle."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            data = yaml.load(fh, Loader=_Loader)  # a SafeLoader: builds no objects
    except FileNotFoundError:
        raise UsageError(f"{path}: cannot be read: no such file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: is not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else path
        raise UsageError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UsageError(f"{path}: not a mkdocs.yml (expected a YAML mapping)")
    parent = data.pop("INHERIT", None)
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise UsageError(f"{path}: 'INHERIT' must be the path of a file, got {parent!r}")
    full = os.path.normpath(os.path.join(os.path.dirname(path), parent))
    if not os.path.isfile(full):
        raise UsageError(f"{path}: the inherited file '{parent}' does not exist at '{full}'")
    if os.path.abspath(full) in seen:
        raise UsageError(f"{path}: 'INHERIT: {parent}' inherits in a circle")
    return _merge(load_yaml(full, (*seen, os.path.abspath(path))), data)


@dataclass
class MarkdownSetup:
    """What the command needs from a ``mkdocs.yml``."""

    extensions: list[str] = field(default_factory=lambda: list(BUILTIN_EXTENSIONS))
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    docs_dir: str | None = None


def read_config(path: str, data: Mapping[str, Any] | None = None) -> MarkdownSetup:
    """The Markdown extensions (MkDocs' own three first, then the listed ones) and the docs
    folder of a ``mkdocs.yml`` (``data``: its mapping, when already read). Raises
    :class:`UsageError` for a file that cannot be read or is not a YAML mapping, and for an
    entry of ``markdown_extensions`` that is not one. Our own Markdown extension is left out:
    the command line links with the plugin's session, as the MkDocs plugin does."""
    if data is None:
        data = load_yaml(path)
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
            if isinstance(entry, Tagged):
                continue
            raise UsageError(
                f"{path}: 'markdown_extensions' holds {entry!r}; expected a name or "
                "'name: {options}'"
            )
        if isinstance(name, str) and name.split(":")[0] == EXTENSION_NAME:
            continue
        if name not in setup.extensions:
            setup.extensions.append(name)
        if config:
            setup.configs[name] = config
    docs_dir = data.get("docs_dir", "docs")
    if isinstance(docs_dir, str):
        setup.docs_dir = os.path.join(os.path.dirname(path), docs_dir)
    return setup
