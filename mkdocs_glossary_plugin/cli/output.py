"""How the command line prints: findings, tables and JSON, with colour only on a terminal.

Every command prints a finding the same way (:func:`print_findings`): ``file:line: level: message``
and, on the next line, ``  hint: ...``; with ``--format json``, one JSON object per line with the
keys of :data:`FINDING_KEYS`. Colour is used only when the stream is a terminal and ``NO_COLOR``
is unset (https://no-color.org), so logs and pipes get plain text.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal, TextIO

__all__ = [
    "FINDING_KEYS",
    "Finding",
    "UsageError",
    "colour_enabled",
    "error_line",
    "print_findings",
    "print_json",
    "print_table",
]

Level = Literal["error", "warning", "info"]

#: The keys of a finding's JSON object, in order (the documented schema).
FINDING_KEYS = ("file", "line", "level", "code", "message", "hint")

_COLOURS = {"error": "31", "warning": "33", "info": "36", "hint": "2"}


class UsageError(Exception):
    """The command line itself is wrong (a missing ``--docs`` folder, an unreadable config):
    the command prints the message and exits with 2, as argparse does for a bad option."""


@dataclass(frozen=True)
class Finding:
    """One thing a command reports: where, how bad, a stable code, what, and how to fix it.

    ``file`` and ``line`` are None when the finding is about no file (or no line of it);
    ``code`` is stable across versions (tools filter on it), ``message`` is for people.
    """

    file: str | None
    line: int | None
    level: Level
    code: str
    message: str
    hint: str = ""


def colour_enabled(stream: TextIO) -> bool:
    """Colour only for a person at a terminal: never in a pipe, a file or a CI log, never when
    ``NO_COLOR`` is set (to any value)."""
    if "NO_COLOR" in os.environ:
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _paint(text: str, what: str, colour: bool) -> str:
    return f"\x1b[{_COLOURS[what]}m{text}\x1b[0m" if colour else text


def _where(finding: Finding) -> str:
    if finding.file is None:
        return ""
    return f"{finding.file}:{finding.line}: " if finding.line else f"{finding.file}: "


def format_finding(finding: Finding, colour: bool = False) -> str:
    """``file:line: level: message`` and an indented ``hint:`` line when there is a hint."""
    head = f"{_where(finding)}{_paint(finding.level, finding.level, colour)}: {finding.message}"
    if finding.hint:
        head += "\n" + _paint(f"  hint: {finding.hint}", "hint", colour)
    return head


def print_findings(
    findings: Iterable[Finding], fmt: str = "text", stream: TextIO | None = None
) -> None:
    """Print findings as text (one block each) or as JSON Lines (one object per line)."""
    out = stream if stream is not None else sys.stdout
    colour = fmt == "text" and colour_enabled(out)
    for finding in findings:
        if fmt == "json":
            out.write(json.dumps(asdict(finding), ensure_ascii=False) + "\n")
        else:
            out.write(format_finding(finding, colour) + "\n")


def print_json(value: object, stream: TextIO | None = None) -> None:
    """One JSON document, indented, non-ASCII kept readable (Korean names stay Korean)."""
    out = stream if stream is not None else sys.stdout
    out.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _width(text: str) -> int:
    """Columns a text takes in a terminal: wide (Hangul, CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(
    header: Sequence[str], rows: Iterable[Sequence[object]], stream: TextIO | None = None
) -> None:
    """A plain table, columns aligned for terminal widths (Korean takes two columns per
    character), the header in bold on a terminal."""
    out = stream if stream is not None else sys.stdout
    cells = [[str(c) for c in header], *([str(c) for c in row] for row in rows)]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(header))]
    bold = colour_enabled(out)
    for n, row in enumerate(cells):
        padded = [c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)]
        line = "  ".join(padded).rstrip()
        out.write((f"\x1b[1m{line}\x1b[0m" if bold and n == 0 else line) + "\n")


def error_line(message: str, stream: TextIO | None = None) -> None:
    """``autoglossary: error: message`` on stderr (a usage error, exit code 2)."""
    out = stream if stream is not None else sys.stderr
    out.write(f"autoglossary: {_paint('error', 'error', colour_enabled(out))}: {message}\n")
