"""``autoglossary list``: the terms of a glossary, as the index page orders them.

One row per term: its id (the anchor of its entry), name, aliases, index group, source
position, and whether it has a definition. ``--format json`` gives the same as a JSON document
(``{"terms": [...], "findings": [...]}``) for other tools. Unreadable sources are reported as
findings (exit 1); the terms of the readable ones are still listed.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

from ..model import Term
from .findings import load_sources
from .output import print_findings, print_json, print_table

__all__ = ["NAME", "add_parser", "row", "run"]

NAME = "list"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="list the terms: ids, names, aliases, groups",
        description="List every term of the glossary in index order (groups, then A-Z / "
        "가나다): id, name, aliases, group, and where it is defined.",
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="glossary file(s)")
    parser.add_argument(
        "--format", choices=("table", "json"), default="table", help="table (default) or json"
    )


def row(term: Term) -> dict[str, Any]:
    """A term as a JSON object (the documented schema of ``list --format json``)."""
    return {
        "id": term.id,
        "name": term.display_name,
        "aliases": list(term.aliases),
        "group": term.group,
        "file": term.path or None,
        "line": term.line or None,
        "defined": term.has_definition,
    }


def run(args: argparse.Namespace) -> int:
    glossary, errors = load_sources(args.sources)
    terms = glossary.sorted_terms()
    if args.format == "json":
        print_json({"terms": [row(t) for t in terms], "findings": [asdict(e) for e in errors]})
    else:
        print_table(
            ("ID", "NAME", "ALIASES", "GROUP", "SOURCE"),
            (
                (t.id, t.display_name, ", ".join(t.aliases), t.group, f"{t.path}:{t.line}")
                for t in terms
            ),
        )
        print_findings(errors, "text", sys.stderr)
    return 1 if errors else 0
