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
from .findings import load_sources, rebased_path
from .output import Finding, print_findings, print_json, print_table
from .project import settings_of
from .scan import add_config_option

__all__ = ["NAME", "add_parser", "row", "run"]

NAME = "list"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="list the terms: ids, names, aliases, groups",
        description="List every term of the glossary in index order (groups, then A-Z / "
        "가나다): id, name, aliases, group, and where it is defined.",
    )
    parser.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="glossary file(s); default: the 'source' of the glossary in mkdocs.yml",
    )
    add_config_option(parser)
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
    settings = settings_of(args)
    terms: list[tuple[str, Term]] = []
    errors: list[Finding] = []
    for lang, items in settings.groups:
        glossary, bad = load_sources(items, settings.base)
        errors += [settings.placed(f) for f in bad]
        terms += [(lang, t) for t in glossary.sorted_terms()]
    multilingual = settings.multilingual
    if args.format == "json":
        rows = [{"language": lang, **row(t)} if multilingual else row(t) for lang, t in terms]
        print_json({"terms": rows, "findings": [asdict(e) for e in errors]})
    else:
        header = ("ID", "NAME", "ALIASES", "GROUP", "SOURCE")
        cells = [
            (t.id, t.display_name, ", ".join(t.aliases), t.group, _where(t, settings.base))
            for _, t in terms
        ]
        if multilingual:
            print_table(
                ("LANGUAGE", *header),
                ((lang, *c) for (lang, _), c in zip(terms, cells, strict=True)),
            )
        else:
            print_table(header, cells)
        print_findings(errors, "text", sys.stderr)
    return 1 if errors else 0


def _where(term: Term, base: str) -> str:
    """``file:line`` of a term, from the current folder."""
    return f"{rebased_path(term.path, base)}:{term.line}"
