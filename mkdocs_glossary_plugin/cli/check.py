"""``autoglossary check``: the plugin's messages about a glossary, before any build.

The findings are the ones a build logs (an unreadable source, a term defined twice, an alias
of two terms, a key the matcher never links...) plus, with ``--warn``, the findings of the
plugin's ``warn`` option. Exit 0 when clean, 1 on errors, and with ``--strict`` 1 on warnings
too (as ``mkdocs build --strict``); ``info`` findings never fail.
"""

from __future__ import annotations

import argparse
import sys

from ..matching import Matcher
from ..model import Glossary
from ..options import WarnCodeSpec
from ..summary import summarize_build
from .findings import finding_of, load_sources, rebased
from .output import Finding, UsageError, print_findings
from .project import Settings, given_or, settings_of
from .scan import add_scan_options, scan_docs

__all__ = ["NAME", "add_parser", "run"]

NAME = "check"

#: The codes of the plugin's ``warn`` option that the command line can find: ``unused`` from the
#: pages of ``--docs``, ``undefined`` from the glossary alone.
WARN_CODES = ("unused", "undefined")


def _warn_codes(value: str) -> list[str]:
    """``unused,undefined`` -> the codes, each checked against the plugin's ``warn`` codes."""
    codes = [c.strip() for c in value.split(",") if c.strip()]
    valid = ", ".join(WARN_CODES)
    for code in codes:
        if code in WARN_CODES:
            continue
        if code in WarnCodeSpec.CODES:  # a plugin code that needs more than the glossary
            raise argparse.ArgumentTypeError(
                f"the finding code {code!r} needs the site's configuration (the plugin's "
                f"languages); check it with 'mkdocs build --strict'. Here: {valid}"
            )
        raise argparse.ArgumentTypeError(f"unknown finding code {code!r}; valid codes: {valid}")
    return codes


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="report the glossary's problems (exit 1 on errors)",
        description="Read the glossary sources and print the plugin's messages: file:line, "
        "what is wrong and how to fix it. Exit 0 when clean, 1 on errors (with --strict, on "
        "warnings too), 2 on a usage error.",
    )
    parser.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="glossary file(s); default: the 'source' of the glossary in mkdocs.yml",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 on warnings too (info never fails)"
    )
    parser.add_argument(
        "--warn",
        type=_warn_codes,
        default=[],
        metavar="CODES",
        help="comma-separated findings of the plugin's 'warn' option: unused (reads the pages "
        "of --docs or docs_dir), undefined; default: those of the plugin's 'warn' in mkdocs.yml",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )
    add_scan_options(parser, docs_required=False)


def run(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    warn = given_or(args.warn, settings.values, "warn")
    if not args.warn:  # the file's codes that need a build (fallback) are checked by the build
        warn = [code for code in warn if code in WARN_CODES]
    docs: str | None = args.docs
    if docs is None and "unused" in warn:
        docs = settings.docs_dir
    if "unused" in warn and docs is None:
        raise UsageError(
            "--warn unused needs --docs DIR: a term is unused when no page of the docs folder "
            "mentions it, so the pages must be read"
        )
    findings = [finding_of(p) for p in settings.warnings]
    if docs is not None:  # the pages are read: the build's own problems, warn included
        scan = scan_docs(settings, args, warn, docs)
        findings += scan.findings  # pages and sources, named from the current folder
        problems = scan.problems
    else:
        problems = []
        for _, items in settings.groups:
            glossary, errors = load_sources(items, settings.base)
            findings += [settings.placed(f) for f in errors]
            problems += [*glossary.problems, *_matcher(glossary, settings).problems]
            _, summary = summarize_build(glossary, {}, {}, (), warn)
            problems += [p for p in summary if p.level != "info"]  # the build's summary line
    findings += [rebased(finding_of(p), settings.base) for p in problems]
    print_findings(findings, args.format, sys.stdout)
    if args.format == "text":
        _tally(findings)
    return _exit_code(findings, args.strict)


def _matcher(glossary: Glossary, settings: Settings) -> Matcher:
    """The matcher the build makes: with the file's ``case_sensitive`` and ``plurals``."""
    options = settings.options
    if options is None:
        return Matcher(glossary.terms)
    return Matcher(glossary.terms, case_sensitive=options.case_sensitive, plurals=options.plurals)


def _tally(findings: list[Finding]) -> None:
    """One closing line on stderr, so the count is seen even when stdout is piped."""
    counts = {level: sum(f.level == level for f in findings) for level in ("error", "warning")}
    sys.stderr.write(f"{counts['error']} errors, {counts['warning']} warnings\n")


def _exit_code(findings: list[Finding], strict: bool) -> int:
    failing = {"error", "warning"} if strict else {"error"}
    return 1 if any(f.level in failing for f in findings) else 0
