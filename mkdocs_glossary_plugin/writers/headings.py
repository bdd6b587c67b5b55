"""Write the heading format: a ``## A`` group heading, then ``#### Name (alias, alias)`` and
the definition below it, as the seed glossary is written.

The group headings are not needed by the reader (it computes groups itself) but make the file
read like a hand-written glossary, and they let a one-term file be recognised as heading
entries. The term level is four, as in the seed, unless a definition holds a heading that deep:
then the term level rises (to two at most, under ``#`` groups) so that the definition's own
headings stay inside its body.
"""

from __future__ import annotations

import re

from ..model import Glossary, Term, group_of
from ..sources._common import plain_text
from ..sources.headings import Heading, find_headings, split_name
from ._written import Written, front_matter, loss, shown

__all__ = ["write"]

_TERM_LEVEL = 4
#: What the reader drops from the start of a term heading (the seed writes ``#### * name``).
_LIST_MARKER = re.compile(r"^(?:[*+-]|\d{1,9}[.)])[ \t]+")


def _term_level(glossary: Glossary) -> int:
    """Four, or one above the shallowest heading inside any definition (two at the least)."""
    shallowest = 7
    for term in glossary:
        if "#" in term.definition:
            for h in find_headings(term.definition.split("\n")):
                shallowest = min(shallowest, h.level)
    return max(2, min(_TERM_LEVEL, shallowest - 1))


def _alias_fits(name: str, alias: str) -> bool:
    """Whether the heading ``name (alias)`` reads back with exactly this alias."""
    return plain_text(alias) == alias and split_name(f"{name} ({alias})")[2] == (alias,)


def _heading_text(term: Term, written: Written) -> str:
    """The text after the ``#`` marks: the name, its aliases in parentheses, an explicit id."""
    aliases = []
    for alias in term.aliases:
        if _alias_fits(term.name, alias):
            aliases.append(alias)
        else:
            written.losses.append(
                loss(
                    term,
                    "aliases",
                    f"the alias {shown(alias)} is dropped: the heading format holds an alias "
                    "only as a plain name in the heading's parentheses (no commas or brackets, "
                    "at most 64 characters and 8 words)",
                )
            )
    text = term.display_name
    if aliases:
        if term.display_name != term.name:
            # ``Name (part) (alias)`` would read ``Name (part)`` as the name: keep the name.
            written.losses.append(
                loss(
                    term,
                    "display name",
                    f"{shown(term.display_name)} is shown as {shown(term.name)}: a heading "
                    "cannot hold both a parenthesised part in its name and a list of aliases",
                )
            )
            text = term.name
        text = f"{text} ({', '.join(aliases)})"
    if _LIST_MARKER.match(text):
        text = f"* {text}"  # the reader drops one leading list marker: this one
    if term.explicit_id:
        text = f"{text} {{#{term.id}}}"
    return text


def write(glossary: Glossary) -> Written:
    written = Written("")
    level = _term_level(glossary)
    group_level = 2 if level > 2 else 1  # ``## A`` as in the seed, whatever the term level
    parts = [front_matter(glossary.title)]
    group = None
    for term in glossary:
        heading_group = group_of(term.name)
        if heading_group != group and Heading(0, group_level, heading_group).is_group_like:
            group = heading_group
            parts.append(f"{'#' * group_level} {group}\n\n")
        parts.append(f"{'#' * level} {_heading_text(term, written)}\n")
        if term.definition:
            parts.append(f"{term.definition}\n")
        parts.append("\n")
        written.terms.append(term)
    written.text = "".join(parts).rstrip("\n") + "\n"
    return written
