"""YAML or JSON glossaries: the format for teams that generate or edit their glossary as data.

Either a list of entries::

    - term: Stochastic Gradient Descent
      aliases: [SGD, 확률적 경사하강법]
      definition: One step per mini-batch.
      summary: Gradient descent on mini-batches.   # optional, for tooltips
      id: sgd                                      # optional, stable anchor
      sort_key: SGD                                # optional, place in the index
      link: true                                   # false: listed, never auto-linked;
                                                   # true: linked even if a function word
      case_sensitive: null                         # true/false overrides the site policy

or a plain mapping ``{term: definition}``. Only ``term`` is required. An alias may also be a
mapping, ``aliases: [Val, {name: 검증, link: false}]``: that alias is kept in the index and
search but not auto-linked (a name that is also a common word: ``검증`` also means "verify").
A wrong shape makes the file unreadable (``SourceError`` with file and line). An unknown key is
a warning, not an error: a typo such as ``defintion`` must not pass unnoticed (``--strict``
fails on it), but a site that keeps extra data of its own in the entries (``tags``,
``category``) still builds.
Pure: no MkDocs import.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import yaml

from .. import codes
from ..languages import is_language_code
from ..model import Problem, Term, match_key
from ._common import Parsed, dedupe_aliases

__all__ = ["ALIAS_KEYS", "KEYS", "DataError", "parse"]

KEYS = ("term", "aliases", "definition", "summary", "id", "sort_key", "link", "case_sensitive")


class DataError(Exception):
    """A wrong shape; ``sources.load`` turns it into a ``SourceError`` for the file."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _Map(dict[Any, Any]):
    """A mapping that remembers where it and each of its keys start (1-based lines)."""

    line: int | None = None
    key_lines: dict[Any, int]
    duplicates: list[tuple[Any, int]]


class _Seq(list[Any]):
    """A sequence that remembers the line of each item."""

    line: int | None = None
    item_lines: list[int]


#: libyaml's parser (``CSafeLoader``, in PyYAML's wheels) reads a glossary about ten times faster
#: than the pure-Python one and reports the same marks (line and column of each node and error), so
#: it is the base when PyYAML was built with it; the pure-Python loader is the fallback.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """PyYAML's safe loader, recording line numbers so that messages can point at an entry."""


_STR_TAG = "tag:yaml.org,2002:str"


def _value(loader: _LineLoader, node: yaml.Node) -> Any:
    """The value of a node: a text scalar's own text (what the safe loader's ``str``
    constructor returns for it), anything else through the loader's constructors.

    Why: a glossary is mostly text scalars (names, aliases, definitions), and going through
    ``construct_object`` for each was a third of the constructing time."""
    if node.tag == _STR_TAG and type(node) is yaml.ScalarNode:
        return node.value
    return loader.construct_object(node, deep=True)


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> Iterator[_Map]:
    data = _Map()
    data.line = node.start_mark.line + 1
    data.key_lines, data.duplicates = {}, []
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = _value(loader, key_node)
        line = key_node.start_mark.line + 1
        try:
            if key in data.key_lines:
                data.duplicates.append((key, line))
            else:
                data.key_lines[key] = line
            data[key] = _value(loader, value_node)
        except TypeError:
            raise DataError(f"a mapping key must be text, not {type(key).__name__}", line) from None


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> Iterator[_Seq]:
    data = _Seq()
    data.line = node.start_mark.line + 1
    data.item_lines = [item.start_mark.line + 1 for item in node.value]
    yield data
    data.extend([_value(loader, item) for item in node.value])


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def _yaml_error(exc: yaml.YAMLError, kind: str, source: str) -> DataError:
    """The loader's own message with line and column, and a fix when a tab is the cause.

    Whether a tab is the cause is read from the source text at the error's mark, not from the
    loader's wording: libyaml and the pure-Python parser word the same error differently.
    """
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    where = f" (column {mark.column + 1})" if mark is not None else ""
    text = f"{kind} syntax error: {problem}{where}"
    if context:
        text += f"; {context}"
    if mark is not None:
        rows = source.split("\n", mark.line + 1)
        if mark.line < len(rows) and "\t" in rows[mark.line][: mark.column + 1]:
            text += (
                "; YAML allows no tab there: indent with spaces, and quote a value that holds a tab"
            )
    return DataError(text, mark.line + 1 if mark is not None else None)


def _yaml_load(text: str) -> Any:
    """The document with line numbers.

    Python's cyclic collector runs many times while a large document is built (at 50,000
    entries it takes most of the loading time), and pausing it would be faster; but switching
    it off is a process-wide side effect (other threads, the host's own settings), so a
    glossary that large pays for it instead.
    """
    return yaml.load(text, Loader=_LineLoader)


def _load(text: str, is_json: bool) -> Any:
    if is_json:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataError(
                f"JSON syntax error: {exc.msg} (column {exc.colno})", exc.lineno
            ) from None
        try:  # the same document again, for line numbers (JSON is YAML, but for rare escapes)
            return _yaml_load(text)
        except yaml.YAMLError:
            return value
    try:
        return _yaml_load(text)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, "YAML", text) from None


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return f"a {type(value).__name__}"


def _text(value: object, what: str, line: int | None, hint: str = "") -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise DataError(f"{what} must be text, not {_kind(value)}{hint}", line)


ALIAS_KEYS = ("name", "link")
_ALIASES_HINT = "e.g. aliases: [SGD, 확률적 경사하강법, {name: 검증, link: false}]"


def _aliases(value: object, label: str, line: int | None) -> tuple[list[str], dict[str, bool]]:
    """The aliases of an entry, and the ``link`` setting of those given as a mapping.

    An alias is text, or a mapping ``{name: 검증, link: false}`` for an alias that is kept in
    the index and search but not linked automatically (a common word that is also a name of the
    term). The settings are keyed by :func:`match_key`, so that they follow an alias through
    :func:`dedupe_aliases`. Unlike an entry, an alias mapping has no room for data of a site's
    own, so an unknown key in it is an error, not a warning: it is most likely a typo of
    ``link``, and ignoring it would link a word the author meant to keep unlinked.
    """
    if value is None:
        return [], {}
    if not isinstance(value, list):
        raise DataError(
            f"'aliases' of {label} must be a list of text, not {_kind(value)} ({_ALIASES_HINT})",
            line,
        )
    item_lines = getattr(value, "item_lines", [])
    names: list[str] = []
    links: dict[str, bool] = {}
    for n, alias in enumerate(value):
        at = item_lines[n] if n < len(item_lines) else line
        if isinstance(alias, str):
            names.append(alias)
            continue
        if not isinstance(alias, dict):
            raise DataError(
                f"alias {n + 1} in 'aliases' of {label} must be text or a mapping "
                f"{{name: ..., link: false}}, not {_kind(alias)} ({_ALIASES_HINT})",
                at,
            )
        key_lines = getattr(alias, "key_lines", {})
        unknown = [str(k) for k in alias if k not in ALIAS_KEYS]
        if unknown:
            raise DataError(
                f"unknown key '{unknown[0]}' in alias {n + 1} in 'aliases' of {label}; an alias "
                "mapping takes only 'name' and 'link', e.g. {name: 검증, link: false}",
                key_lines.get(unknown[0], at),
            )
        alias_name = alias.get("name")
        if not isinstance(alias_name, str) or not alias_name.strip():
            missing = (
                "has no 'name'"
                if alias_name is None
                else f"has a 'name' that is {_kind(alias_name)}"
            )
            raise DataError(
                f"alias {n + 1} in 'aliases' of {label} {missing}; write the alias as non-empty "
                "text, e.g. {name: 검증, link: false}",
                key_lines.get("name", at),
            )
        if "link" in alias:
            link = alias["link"]
            if not isinstance(link, bool):
                raise DataError(
                    f"'link' of the alias '{alias_name.strip()}' in 'aliases' of {label} must "
                    f"be true or false, not {_kind(link)}",
                    key_lines.get("link", at),
                )
            links[match_key(alias_name)] = link
        names.append(alias_name)
    return names, links


def _entry(
    item: dict[Any, Any], number: int, line: int | None, path: str, problems: list[Problem]
) -> Term:
    lines = getattr(item, "key_lines", {})

    def at(key: str) -> int | None:
        return lines.get(key, line)

    if "term" not in item:
        raise DataError(f"entry {number} has no 'term' (the name of the term is required)", line)
    name = item["term"]
    if not isinstance(name, str) or not name.strip():
        quote = " (put it in quotes)" if isinstance(name, (int, float)) else ""
        raise DataError(f"'term' of entry {number} must be non-empty text{quote}", at("term"))
    label = f"'{name.strip()}'"
    for key, dup_line in getattr(item, "duplicates", []):
        problems.append(
            Problem(
                f"the key '{key}' appears twice in {label}; the last one counts",
                path,
                dup_line,
                code=codes.DUPLICATE_KEY,
            )
        )
    for key in item:
        if key not in KEYS:
            problems.append(
                Problem(
                    f"unknown key '{key}' in {label}; it is ignored (known keys: "
                    f"{', '.join(KEYS)})",
                    path,
                    at(str(key)),
                    code=codes.UNKNOWN_KEY,
                )
            )
    translations = _translations(item, label, at)
    block_hint = "; for several paragraphs use a block scalar ('definition: |')"
    definition = _text(
        item.get("definition"),
        f"'definition' of {label}",
        at("definition"),
        block_hint if isinstance(item.get("definition"), list) else "",
    )
    summary = _text(item.get("summary"), f"'summary' of {label}", at("summary"))
    aliases, alias_link = _aliases(item.get("aliases"), label, at("aliases"))
    term_id = _text(item.get("id"), f"'id' of {label}", at("id")) or ""
    if term_id and any(ch.isspace() for ch in term_id):
        raise DataError(f"'id' of {label} must not contain spaces (it is a URL anchor)", at("id"))
    sort_key = _text(item.get("sort_key"), f"'sort_key' of {label}", at("sort_key"))
    link = item.get("link")
    if "link" in item and not isinstance(link, bool):
        raise DataError(f"'link' of {label} must be true or false, not {_kind(link)}", at("link"))
    case_sensitive = item.get("case_sensitive")
    if case_sensitive is not None and not isinstance(case_sensitive, bool):
        raise DataError(
            f"'case_sensitive' of {label} must be true, false or null, not {_kind(case_sensitive)}",
            at("case_sensitive"),
        )
    kept = dedupe_aliases(name, aliases)
    return Term(
        name=name,
        aliases=kept,
        alias_links=(
            {a: alias_link[match_key(a)] for a in kept if match_key(a) in alias_link}
            if alias_link
            else {}
        ),
        definition=(definition or "").strip("\n"),
        summary=summary.strip() if summary and summary.strip() else None,
        id=term_id.strip(),
        sort_key=sort_key or None,
        link=link,
        case_sensitive=case_sensitive,
        path=path,
        line=line or 0,
        translations=translations,
    )


_PER_LANGUAGE = ("definition", "summary", "aliases")


def _translations(
    item: dict[Any, Any], label: str, at: Callable[[str], int | None]
) -> dict[str, dict[str, object]]:
    """The fields of an entry given per language (``definition: {en: ..., ko: ...}``), taken
    out of ``item`` (the rest of the entry is read as usual). Each value is checked as the field
    itself is; a key that is not a language code is an error naming it."""
    out: dict[str, dict[str, object]] = {}
    for key in _PER_LANGUAGE:
        value = item.get(key)
        if not isinstance(value, dict):
            continue
        for lang, text in value.items():
            if not is_language_code(lang):
                raise DataError(
                    f"'{key}' of {label} is a mapping, so its keys must be language codes "
                    f"(en, ko, pt-BR), not {lang!r}; write {{en: ..., ko: ...}}",
                    at(key),
                )
            fields = out.setdefault(lang, {})
            if key == "aliases":
                names, links = _aliases(text, f"{label} ({lang})", at(key))
                kept = dedupe_aliases(str(item["term"]), names)
                fields[key] = kept
                fields["alias_links"] = {
                    a: links[match_key(a)] for a in kept if match_key(a) in links
                }
            else:
                checked = _text(text, f"'{key}' of {label} ({lang})", at(key))
                fields[key] = (checked or "").strip("\n") if key == "definition" else checked
        item[key] = None
    return out


def parse(text: str, path: str, *, is_json: bool = False) -> Parsed:
    """Read a YAML or JSON glossary; a wrong shape raises ``DataError`` with the line."""
    data = _load(text, is_json)
    result = Parsed()
    if data is None:
        return result
    if isinstance(data, list):
        item_lines = getattr(data, "item_lines", [])
        for n, item in enumerate(data, start=1):
            line = item_lines[n - 1] if n - 1 < len(item_lines) else None
            if not isinstance(item, dict):
                raise DataError(
                    f"entry {n} must be a mapping such as '- term: SGD', not {_kind(item)}", line
                )
            result.terms.append(_entry(item, n, getattr(item, "line", line), path, result.problems))
        return result
    if isinstance(data, dict):
        if "term" in data and set(data) <= set(KEYS):
            raise DataError(
                "this looks like a single entry: put entries in a list ('- term: ...'), "
                "or use a plain mapping 'name: definition'",
                getattr(data, "line", None),
            )
        key_lines = getattr(data, "key_lines", {})
        for name, value in data.items():
            line = key_lines.get(name)
            if not isinstance(name, str) or not name.strip():
                raise DataError(f"a term must be non-empty text, not {_kind(name)}", line)
            definition = _text(value, f"the definition of '{name}'", line)
            result.terms.append(
                Term(
                    name=name, definition=(definition or "").strip("\n"), path=path, line=line or 0
                )
            )
        for key, dup_line in getattr(data, "duplicates", []):
            result.problems.append(
                Problem(
                    f"the term '{key}' appears twice (lines {key_lines.get(key)} and {dup_line}); "
                    "the last definition counts",
                    path,
                    dup_line,
                    code=codes.DUPLICATE_TERM,
                )
            )
        return result
    raise DataError(
        "expected a list of entries ('- term: ...') or a mapping 'term: definition', "
        f"not {_kind(data)}",
        1,
    )
