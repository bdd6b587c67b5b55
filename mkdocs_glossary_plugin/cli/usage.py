"""``autoglossary usage``: how often each term is mentioned in the pages of a docs folder.

Mentions are found the way the plugin finds them (:mod:`.scan`: each page converted with
Python-Markdown and our linker), so code, link text and headings do not count, and neither do
pages the plugin leaves alone. Terms never mentioned are listed; ``--fail-unused`` makes them
fail the command (exit 1), for CI.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

from .output import print_findings, print_json, print_table
from .project import settings_of
from .scan import Scan, add_scan_options, scan_docs

__all__ = ["NAME", "add_parser", "rows", "run"]

NAME = "usage"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="count the mentions of each term in a docs folder",
        description="Convert every Markdown page of the docs folder with Python-Markdown and "
        "the glossary's linker, and count the mentions of each term (code, link text and "
        "headings do not count). Terms never mentioned are listed.",
    )
    parser.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="glossary file(s); default: the 'source' of the glossary in mkdocs.yml",
    )
    add_scan_options(parser, docs_required=False)
    parser.add_argument(
        "--fail-unused", action="store_true", help="exit 1 when a term is never mentioned"
    )
    parser.add_argument(
        "--format", choices=("table", "json"), default="table", help="table (default) or json"
    )


def rows(scan: Scan) -> list[dict[str, Any]]:
    """One object per term, in index order: mentions over all pages, and the pages."""
    pages_of: dict[str, list[str]] = {}
    for src in scan.pages:
        for term_id in scan.usage.get(src, ()):
            pages_of.setdefault(term_id, []).append(src)
    return [
        {
            "id": t.id,
            "name": t.display_name,
            "mentions": scan.mentions.get(t.id, 0),
            "pages": pages_of.get(t.id, []),
        }
        for t in scan.glossary.sorted_terms()
    ]


def run(args: argparse.Namespace) -> int:
    scan = scan_docs(settings_of(args), args)
    table = rows(scan)
    unused = [r for r in table if not r["mentions"]]
    if args.format == "json":
        print_json(
            {
                "pages": len(scan.pages),
                "terms": table,
                "unused": [r["id"] for r in unused],
                "findings": [asdict(f) for f in scan.findings],
            }
        )
    else:
        print_table(
            ("ID", "NAME", "MENTIONS", "PAGES"),
            ((r["id"], r["name"], r["mentions"], len(r["pages"])) for r in table),
        )
        pages = f"{len(scan.pages)} page{'' if len(scan.pages) == 1 else 's'} read"
        names = ": " + ", ".join(r["name"] for r in unused) if unused else ""
        sys.stdout.write(f"\n{pages}; {len(unused)} of {len(table)} terms never mentioned{names}\n")
        print_findings(scan.findings, "text", sys.stderr)
    failed = bool(scan.findings) or (args.fail_unused and bool(unused))
    return 1 if failed else 0
