"""What each glossary format can hold, and the record of one thing a conversion loses.

The table :data:`HOLDS` is the one statement of the formats' capacities: the writers consult it
to say *why* a field is lost, and ``docs/formats.md`` shows the same table to readers (a test
keeps the two in line). It describes what each format's *reader* gives back, since a writer can
only keep what the reader of its format reads: the heading format keeps an explicit ``id`` as an
attribute list (``#### SGD {#sgd}``) because its reader reads one, and it keeps no ``sort_key``
because no syntax of it means one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["FIELDS", "FORMAT_LABELS", "HOLDS", "TARGETS", "Loss", "Target"]

Target = Literal["headings", "deflist", "yaml", "json", "abbr"]

#: The formats a glossary can be written in (the command line's names: ``yaml`` and ``json`` are
#: the two forms of the ``data`` source format).
TARGETS: tuple[Target, ...] = ("headings", "deflist", "yaml", "json", "abbr")

#: How messages name each format.
FORMAT_LABELS: dict[Target, str] = {
    "headings": "heading",
    "deflist": "definition-list",
    "yaml": "YAML",
    "json": "JSON",
    "abbr": "abbreviation",
}

#: Every field a conversion compares, in the order losses are reported.
FIELDS: tuple[str, ...] = (
    "term",
    "name",
    "display name",
    "aliases",
    "alias link",
    "definition",
    "summary",
    "id",
    "sort_key",
    "link",
    "case_sensitive",
    "translations",
    "title",
)

_DATA = frozenset(FIELDS) - {"display name", "title"}

#: The fields each format holds. ``term`` and ``name`` are held by all (with limits on which
#: names each syntax can spell); ``title`` is the glossary's, read from front matter;
#: ``translations`` are the fields a data entry gives per language (``definition: {en: ..}``).
HOLDS: dict[Target, frozenset[str]] = {
    "headings": frozenset({"term", "name", "display name", "aliases", "definition", "id", "title"}),
    "deflist": frozenset({"term", "name", "aliases", "definition", "title"}),
    "yaml": _DATA,
    "json": _DATA,
    "abbr": frozenset({"term", "name", "definition"}),
}


@dataclass(frozen=True)
class Loss:
    """One thing a conversion drops or changes: which term (``None``: the glossary as a whole,
    such as its title), which field, and why. ``path`` and ``line`` say where the term came
    from, so that the message points at the entry to look at."""

    term: str | None
    field: str
    why: str
    path: str = ""
    line: int = 0

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        subject = f"'{self.term}'" if self.term is not None else "the glossary"
        return f"{where}{subject}: {self.field}: {self.why}"
