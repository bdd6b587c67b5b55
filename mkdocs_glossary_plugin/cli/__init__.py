"""The ``autoglossary`` command line: check, list and count a glossary without MkDocs.

Teams check the glossary before a build (pre-commit, CI) and hosts that do not fail a build on an
extension's warnings (Zensical) need such a check outside the build. The command line therefore
uses only the host-free core (sources, model, matcher, session with plain Python-Markdown) and
imports no MkDocs.

Each command is one module exposing ``NAME``, ``add_parser(subparsers)`` and ``run(args) -> int``;
:data:`COMMANDS` lists them, in the order ``--help`` shows them. A new command is one module and
one entry in that tuple.

Exit codes: 0 clean, 1 findings (errors, or warnings with ``--strict``), 2 a usage error (a
bad option, a missing file given as an option). No input ever ends in a traceback: an
unexpected exception (a bug) is one line naming it and where it was raised, with exit code 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from types import ModuleType

from .. import __version__
from . import assets, check, convert, listing, usage
from .output import UsageError, error_line

__all__ = ["COMMANDS", "EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

#: The command modules, each with ``NAME``, ``add_parser(subparsers)`` and ``run(args)``.
COMMANDS: tuple[ModuleType, ...] = (check, convert, listing, usage, assets)


class _Parser(argparse.ArgumentParser):
    """argparse exits with status 2 on a usage error, which is our code too; the message says
    which command's ``--help`` to read."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n(see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The parser with one subcommand per module of :data:`COMMANDS`."""
    parser = _Parser(
        prog="autoglossary",
        description="Check, list and count a glossary of mkdocs-autoglossary, without MkDocs.",
        epilog="Exit codes: 0 clean, 1 findings, 2 usage error. "
        "Run 'autoglossary COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, required=True
    )
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (the console script exits with it)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    command = {c.NAME: c for c in COMMANDS}[args.command]
    try:
        code: int = command.run(args)
    except UsageError as exc:
        error_line(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `autoglossary list ... | head`: the reader has what it wanted
        # Python flushes stdout again at exit; point it at nothing so that flush is silent.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug of ours: one line to report, not a traceback to read
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{os.path.basename(frame.filename)}:{frame.lineno}"
        error_line(
            f"internal error: {type(exc).__name__}: {exc} (at {where}); please report it "
            "with the command you ran"
        )
        return EXIT_FINDINGS
    return code
