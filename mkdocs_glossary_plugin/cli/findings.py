"""Reading the sources for the command line, and the stable code of every finding.

The core reports problems as plain messages (:class:`~..model.Problem`); the command line gives
each a stable ``code`` that tools can filter on, and a short ``hint``. A code is recognised from
the message's fixed wording (the table :data:`CODES`, in order, first match wins); a message no
rule knows keeps the code ``other`` rather than being lost. The codes are documented in
``docs/command-line.md`` (a test keeps the two in line).

An unreadable source is an ``error`` finding (``unreadable-source``), never a traceback: every
source is read on its own first, so one missing file does not hide the findings of the others.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Glossary, Problem
from ..sources import SourceError, load
from .output import Finding, Level

__all__ = [
    "CODES",
    "OTHER",
    "PAGE_ERROR",
    "UNREADABLE",
    "Code",
    "finding_of",
    "load_sources",
    "unreadable",
]


@dataclass(frozen=True)
class Code:
    """A finding code: the wording that recognises it and the fix to suggest."""

    code: str
    pattern: re.Pattern[str]
    hint: str


def _code(code: str, pattern: str, hint: str) -> Code:
    return Code(code, re.compile(pattern), hint)


#: The finding codes, most specific wording first. ``unused`` and ``undefined`` are the codes of
#: the plugin's ``warn`` option.
CODES: tuple[Code, ...] = (
    _code(
        "unused",
        r"^the term '.*' is never mentioned on any page",
        "mention the term on a page, or remove it from the glossary",
    ),
    _code(
        "undefined",
        r"^the term '.*' has no definition",
        "write a definition under the term",
    ),
    _code(
        "listed-twice",
        r"^listed twice in 'source'",
        "list each glossary file once",
    ),
    _code(
        "empty-source",
        r"^the file is empty",
        "add terms to the file, or stop listing it",
    ),
    _code(
        "no-terms",
        r"^no terms found in this glossary source",
        "check the file's format (see the formats page), or stop listing it",
    ),
    _code(
        "empty-term-heading",
        r"^a term heading without text",
        "write the term's name after the '#' marks, or remove the heading",
    ),
    _code(
        "text-outside-terms",
        r"is not part of any term",
        "move the text under a term heading, or remove it",
    ),
    _code(
        "not-abbreviation",
        r"^not an abbreviation line",
        "write the line as '*[ABBR]: expansion', or remove it",
    ),
    _code(
        "definition-without-term",
        r"^a definition \(':'\) without a term line",
        "put the term on the line before the ':' line",
    ),
    _code(
        "front-matter",
        r"^the front matter is not valid YAML",
        "fix the YAML between the '---' lines",
    ),
    _code(
        "duplicate-key",
        r"^the key '.*' appears twice in ",
        "keep one of the two keys",
    ),
    _code(
        "unknown-key",
        r"^unknown key '.*' in ",
        "fix the key's spelling, or remove it",
    ),
    _code(
        "duplicate-term",
        r"is defined twice|^the term '.*' appears twice \(lines",
        "rename or remove one of the two terms",
    ),
    _code(
        "alias-conflict",
        r"is also an alias of|is already a term \(first at",
        "an alias must name only one term: rename or remove one of them",
    ),
    _code(
        "duplicate-id",
        r"^the id '.*' of '.*' is already used by",
        "give one of the two terms another 'id'",
    ),
    _code(
        "same-id",
        r"has the same id '.*' as",
        "give one of the two terms an explicit 'id' to choose its anchor",
    ),
    _code(
        "page-replaced",
        r"is replaced by the generated glossary index",
        "rename the page, or set the plugin's 'index.path' to another path",
    ),
    _code(
        "short-key",
        r"is shorter than 2 characters",
        "link the term explicitly where it is meant",
    ),
    _code(
        "function-word",
        r"is a function word of",
        "link the term explicitly, or set 'link: true' on it",
    ),
)

OTHER = "other"
UNREADABLE = "unreadable-source"
PAGE_ERROR = "unreadable-page"
_UNREADABLE_HINT = "give a readable UTF-8 glossary file (paths are relative to the current folder)"


def finding_of(problem: Problem) -> Finding:
    """The finding of a core problem: its level, its code and hint from :data:`CODES`."""
    for entry in CODES:
        if entry.pattern.search(problem.message):
            return Finding(
                problem.path, problem.line, problem.level, entry.code, problem.message, entry.hint
            )
    return Finding(problem.path, problem.line, problem.level, OTHER, problem.message)


def unreadable(exc: SourceError, level: Level = "error") -> Finding:
    """The finding of a source that cannot be read at all."""
    return Finding(exc.path, exc.line, level, UNREADABLE, exc.message, _UNREADABLE_HINT)


def load_sources(paths: Sequence[str], base: str | None = None) -> tuple[Glossary, list[Finding]]:
    """The glossary of every readable source, and an error finding per unreadable one.

    ``load`` stops at the first unreadable file; then each source is tried on its own and the
    readable ones are loaded together again, so that duplicates across files are still found
    as the plugin finds them.
    """
    base = base if base is not None else os.getcwd()
    try:
        return load(list(paths), base), []
    except SourceError:
        pass
    errors: list[Finding] = []
    readable: list[str] = []
    for path in paths:
        try:
            load([path], base)
        except SourceError as exc:
            errors.append(unreadable(exc))
        else:
            readable.append(path)
    return (load(readable, base) if readable else Glossary()), errors
