"""Write YAML or JSON: a list of entries with every field the model has (the fields an entry
gives per language, too).

YAML is written for people to edit: block style, Unicode as is, keys in a fixed order (the short
ones first, the definition last), a multi-line definition as a literal block (``|``) so that its
Markdown reads as written. PyYAML refuses a literal block to text with a space before a line
break (Markdown's two-space hard break, which the heading format keeps), which would turn such a
definition into one long quoted line; the dumper here allows it, since a literal block keeps
those spaces, and every document is loaded back once: if it does not give the same data, the
plain dumper's output is used instead.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from ..model import Glossary, Term
from ._written import Written

__all__ = ["entries", "write_json", "write_yaml"]

#: Characters a literal block cannot hold as they are: controls (but tab and line feed), the
#: other line breaks of YAML, the byte-order mark, and what is not a character at all.
_NOT_LITERAL = frozenset(
    [chr(c) for c in range(0x20) if c not in (0x09, 0x0A)]
    + ["\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff"]
    + [chr(c) for c in range(0x80, 0xA0)]
)


def _literal_ok(text: str) -> bool:
    return (
        text[-1:] not in (" ", "\t")
        and text[:1] != "\t"
        and not any(ch in _NOT_LITERAL or "\ud800" <= ch <= "\udfff" for ch in text)
    )


#: The loader the data source reads with (libyaml's when PyYAML has it): the check loads the
#: output as the reader will, since the two parsers differ on a few edge cases (a tab opening a
#: line of a block).
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(yaml.SafeDumper):
    """Block style with indented lists, and literal blocks for multi-line text."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def analyze_scalar(self, scalar: str) -> yaml.emitter.ScalarAnalysis:
        analysis = super().analyze_scalar(scalar)
        if analysis.multiline and not analysis.allow_block and _literal_ok(scalar):
            analysis.allow_block = True
        return analysis


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


#: The fields an entry may give per language (``definition: {en: ..., ko: ...}``), in the
#: order they are written.
_PER_LANGUAGE = ("aliases", "summary", "definition")


def _aliases(aliases: Any, links: Any) -> list[Any]:
    """Aliases as written: text, or ``{name, link}`` for one with a link setting of its own."""
    links = links if isinstance(links, dict) else {}
    return [{"name": a, "link": links[a]} if a in links else a for a in aliases]


def _per_language(key: str, given: dict[str, object]) -> object:
    """One language's value of a field given per language."""
    if key == "aliases":
        return _aliases(given["aliases"], given.get("alias_links"))
    return given[key]


def _entry(term: Term) -> dict[str, Any]:
    entry: dict[str, Any] = {"term": term.name}
    if term.explicit_id:
        entry["id"] = term.id
    if term.aliases:
        entry["aliases"] = _aliases(term.aliases, term.alias_links)
    for key, value in (
        ("sort_key", term.sort_key),
        ("link", term.link),
        ("case_sensitive", term.case_sensitive),
        ("summary", term.summary),
    ):
        if value is not None:
            entry[key] = value
    if term.definition:
        entry["definition"] = term.definition
    for key in _PER_LANGUAGE:  # given per language: a mapping of language codes
        per = {lang: given for lang, given in term.translations.items() if key in given}
        if per:
            entry[key] = {lang: _per_language(key, given) for lang, given in per.items()}
    return entry


def entries(glossary: Glossary) -> list[dict[str, Any]]:
    """The entries of a data source, one per term, in glossary order."""
    return [_entry(term) for term in glossary]


def write_yaml(glossary: Glossary) -> Written:
    data = entries(glossary)
    options: dict[str, Any] = {
        "allow_unicode": True,
        "sort_keys": False,
        "default_flow_style": False,
        "width": 2**16,  # a long line stays one line: no folding inside definitions
    }
    text = yaml.dump(data, Dumper=_Dumper, **options)
    try:
        same = yaml.load(text, Loader=_LOADER) == data
    except yaml.YAMLError:
        same = False
    if not same:
        text = yaml.safe_dump(data, **options)
    return Written(text, list(glossary))


def write_json(glossary: Glossary) -> Written:
    text = json.dumps(entries(glossary), ensure_ascii=False, indent=2) + "\n"
    return Written(text, list(glossary))
