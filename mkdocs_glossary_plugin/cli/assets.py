"""``autoglossary assets DOCS_DIR``: put the tooltip script and styles into a docs folder.

For hosts that take Markdown extensions but no plugins (Zensical): the MkDocs plugin publishes
its assets itself, a Markdown extension cannot. The command copies them to
``DOCS_DIR/assets/glossary/`` (each file headed by the version it came from, so a build can tell
a copy older than the installed package) and prints the ``extra_css`` / ``extra_javascript``
lines the site needs. ``--check`` copies nothing and exits 1 when a copy is missing or stale
(for CI, next to ``autoglossary check --strict``).
"""

from __future__ import annotations

import argparse
import os

from .. import bundle
from .output import UsageError

__all__ = ["NAME", "add_parser", "config_lines", "run"]

NAME = "assets"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="copy the tooltip script and styles into a docs folder (for Zensical)",
        description="Copy glossary.js, glossary.css and glossary-index.css into "
        "DOCS_DIR/assets/glossary/ and print the mkdocs.yml lines that load them. Run it again "
        "after upgrading mkdocs-autoglossary: a build warns about a copy that is out of date.",
    )
    parser.add_argument("docs_dir", metavar="DOCS_DIR", help="the docs folder (e.g. docs)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="copy nothing; exit 1 when a copy is missing or differs from the installed package",
    )


def config_lines(toml: bool = False) -> str:
    """The two lines ``mkdocs.yml`` (or ``zensical.toml``'s ``[project]``) needs to load the
    copies."""
    css = ", ".join(f'"{bundle.FOLDER}/{n}"' for n in bundle.ASSET_NAMES if n.endswith(".css"))
    js = ", ".join(f'"{bundle.FOLDER}/{n}"' for n in bundle.ASSET_NAMES if n.endswith(".js"))
    if toml:
        return f"extra_css = [{css}]\nextra_javascript = [{js}]"
    return f"extra_css: [{css}]\nextra_javascript: [{js}]"


def run(args: argparse.Namespace) -> int:
    docs = str(args.docs_dir)
    if not os.path.isdir(docs):
        raise UsageError(f"{docs}: no such folder (give the docs folder, e.g. 'docs')")
    if args.check:
        problems = [
            f"{os.path.join(docs, stale.path)}:1: warning: {stale.reason()}"
            for stale in bundle.stale_copies(docs)
        ]
        for name in bundle.ASSET_NAMES:
            path = os.path.join(docs, *bundle.FOLDER.split("/"), name)
            if not os.path.isfile(path):
                problems.append(f"{path}: warning: missing: run `autoglossary assets {docs}`")
        for line in problems:
            print(line)
        return 1 if problems else 0
    for path in bundle.copy_assets(docs):
        print(f"wrote {path}")
    print("\nAdd these two lines to mkdocs.yml (or merge them with the lists you have):\n")
    print(config_lines())
    print("\nor under [project] in zensical.toml:\n")
    print(config_lines(toml=True))
    return 0
