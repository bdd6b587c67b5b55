"""Write Markdown definition lists: the name, one line per alias, then ``:   definition``.

The definition's first line follows the marker; every later line is indented by four spaces
(blank lines stay blank), which is how Python-Markdown's ``def_list`` and our reader keep a
multi-paragraph definition, with its lists and code, inside one entry (a definition that opens
with a code fence starts on the line after the marker, where a fence can open). A term with no
definition yet gets an empty marker line (``:`` and three spaces), the only way the format has
to list it.
"""

from __future__ import annotations

from ..model import Glossary, Term
from ._written import Written, front_matter

__all__ = ["write"]

_MARKER = ":   "
_INDENT = "    "


def _entry(term: Term) -> str:
    first, *rest = term.definition.split("\n")
    if first.lstrip().startswith(("```", "~~~")):
        # A fence opens only at the start of a line: it goes on the next one, indented.
        first, rest = "", [first, *rest]
    lines = [term.name, *term.aliases, _MARKER + first]
    lines += [_INDENT + line if line.strip() else "" for line in rest]
    return "\n".join(lines) + "\n"


def write(glossary: Glossary) -> Written:
    written = Written("")
    entries = []
    for term in glossary:
        entries.append(_entry(term))
        written.terms.append(term)
    written.text = front_matter(glossary.title) + ("\n".join(entries) or "\n")
    return written
