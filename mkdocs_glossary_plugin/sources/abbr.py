"""Material's abbreviation lines (``*[HTML]: Hyper Text Markup Language``).

Sites that follow Material's glossary recipe already keep such a file (often
``includes/abbreviations.md``); pointing ``source`` at it turns each abbreviation into a term
whose definition is its expansion. Pure: no MkDocs import.
"""

from __future__ import annotations

import re

from .. import codes
from ..model import Problem, Term
from ._common import Parsed, split_lines

__all__ = ["looks_like", "parse"]

# The syntax of Python-Markdown's ``abbr`` extension, one definition per line.
_ABBR = re.compile(r"^\*\[(?P<abbr>[^\]]+)\][ ]?:[ \t]*(?P<text>.*?)[ \t]*$")
#: What an abbreviation file starts with: blank lines, then ``*[`` (the first line's start).
_STARTS_WITH_ABBR = re.compile(r"\s*\*\[")


def looks_like(text: str) -> bool:
    """Every non-blank line is an abbreviation line (and there is at least one).

    Detection asks every Markdown source, and the first non-blank line of most of them already
    says no: a text that does not start with ``*[`` is answered without splitting it.
    """
    if not _STARTS_WITH_ABBR.match(text):
        return False
    found = False
    for line in split_lines(text):
        if line.strip():
            if not _ABBR.match(line):
                return False
            found = True
    return found


def parse(text: str, path: str) -> Parsed:
    """Read abbreviation lines; other non-blank lines are reported and skipped."""
    result = Parsed()
    for i, line in enumerate(split_lines(text)):
        if not line.strip():
            continue
        m = _ABBR.match(line)
        if not m:
            result.problems.append(
                Problem(
                    "not an abbreviation line ('*[ABBR]: expansion'); it is ignored",
                    path,
                    i + 1,
                    code=codes.NOT_ABBREVIATION,
                )
            )
            continue
        # A name is plain text: a tab or a run of spaces inside it is one space, as in the
        # names of the other formats (the matcher folds them anyway; the index shows the name).
        name = " ".join(m.group("abbr").split())
        result.terms.append(Term(name=name, definition=m.group("text"), path=path, line=i + 1))
    return result
