"""Reading the sources for the command line, and the finding of every problem.

Every problem the core reports carries its stable ``code`` (:mod:`...codes`, set where the
problem is made); the command line prints it with the code's ``hint``, so rewording a message
never changes its code. The codes are documented in ``docs/command-line.md`` (a test keeps the
page and the table in line).

An unreadable source is an ``error`` finding (``unreadable-source``), never a traceback: every
source is read on its own first, so one missing file does not hide the findings of the others.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace

from .. import codes
from ..codes import CODES, OTHER
from ..model import Glossary, Problem
from ..options import SourceItem
from ..sources import SourceError, load
from .output import Finding, Level

__all__ = [
    "CODES",
    "OTHER",
    "PAGE_ERROR",
    "UNREADABLE",
    "finding_of",
    "load_sources",
    "readable_sources",
    "rebased",
    "rebased_path",
    "unreadable",
]

UNREADABLE = codes.UNREADABLE_SOURCE
PAGE_ERROR = codes.UNREADABLE_PAGE


def finding_of(problem: Problem) -> Finding:
    """The finding of a core problem: its level and code, and the code's hint."""
    return Finding(
        problem.path,
        problem.line,
        problem.level,
        problem.code,
        problem.message,
        codes.hint_of(problem.code),
    )


def unreadable(exc: SourceError, level: Level = "error") -> Finding:
    """The finding of a source that cannot be read at all."""
    return Finding(exc.path, exc.line, level, exc.code, exc.message, codes.hint_of(exc.code))


def readable_sources(
    items: Sequence[SourceItem], base: str
) -> tuple[list[SourceItem], list[Finding]]:
    """The items that can be read on their own, and an error finding per one that cannot."""
    errors: list[Finding] = []
    readable: list[SourceItem] = []
    for item in items:
        try:
            load([item], base)
        except SourceError as exc:
            errors.append(unreadable(exc))
        else:
            readable.append(item)
    return readable, errors


def load_sources(
    paths: Sequence[SourceItem], base: str | None = None
) -> tuple[Glossary, list[Finding]]:
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
    readable, errors = readable_sources(paths, base)
    return (load(readable, base) if readable else Glossary()), errors


def rebased(finding: Finding, base: str) -> Finding:
    """``finding`` with a relative file (as the sources write it, relative to ``base``) made
    relative to the current folder, so ``file:line`` opens from where the command ran."""
    if not finding.file:
        return finding
    return replace(finding, file=rebased_path(finding.file, base))


def rebased_path(path: str, base: str) -> str:
    """A path relative to ``base`` as seen from the current folder (unchanged when ``base`` is
    the current folder or the path is absolute)."""
    if not path or os.path.isabs(path) or os.path.abspath(base) == os.getcwd():
        return path
    return os.path.relpath(os.path.join(base, path))
