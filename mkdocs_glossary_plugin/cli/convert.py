"""``autoglossary convert``: a glossary in another format, with every loss named.

Moving a glossary between formats (Material's abbreviations or the seed's heading format to
YAML, say) must not lose anything silently: the writer reads its own output back and every
field that does not come back is printed as a warning naming the term, the field and why. The
conversion still happens (exit 0), since a format that cannot hold a field is often the point
of the move; ``--strict`` exits 1 on any loss, for scripts that must keep everything.
"""

from __future__ import annotations

import argparse
import os
import sys

from .. import codes
from ..sources import FORMATS as SOURCE_FORMATS
from ..sources import SourceError, load
from ..writers import TARGETS, Conversion, Loss, write
from .findings import finding_of, unreadable
from .output import Finding, UsageError, print_findings

__all__ = ["NAME", "add_parser", "run"]

NAME = "convert"

#: ``--from`` takes the command line's names; ``yaml`` and ``json`` are the source format ``data``.
_FROM: dict[str, str] = {f: f for f in SOURCE_FORMATS if f != "data"}
_FROM.update(yaml="data", json="data")
LOSS_CODE = codes.CONVERSION_LOSS


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="write a glossary in another format, naming everything the format cannot hold",
        description="Read one glossary source and write it in another format (to standard "
        "output, or to FILE with -o). Every field the target format cannot hold is named in a "
        "warning on standard error. Exit 0 when written (1 with --strict if anything is lost), "
        "1 when the source cannot be read, 2 on a usage error.",
    )
    parser.add_argument("source", metavar="SOURCE", help="the glossary file to convert")
    parser.add_argument(
        "--to", required=True, choices=TARGETS, dest="target", help="the format to write"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (UTF-8) instead of standard output; never the source itself",
    )
    parser.add_argument(
        "--from",
        dest="source_format",
        choices=tuple(_FROM),
        help="the format of SOURCE, instead of detecting it (as {path, format} in mkdocs.yml)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 if the conversion loses anything"
    )


def _is_source(output: str, source: str) -> bool:
    """Whether writing ``output`` would overwrite ``source`` (the same file by any path)."""
    try:
        return os.path.samefile(output, source)
    except OSError:
        return os.path.realpath(output) == os.path.realpath(source)


def _finding(item: Loss) -> Finding:
    return Finding(
        item.path or None,
        item.line or None,
        "warning",
        LOSS_CODE,
        str(Loss(item.term, item.field, item.why)),
    )


def _emit(conversion: Conversion, output: str | None) -> None:
    data = conversion.text.encode("utf-8")
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        with open(output, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror}") from None


def run(args: argparse.Namespace) -> int:
    source: str = args.source
    output: str | None = args.output
    if output is not None and _is_source(output, source):
        raise UsageError(
            f"-o {output} is the source itself: write the conversion to another file, check "
            "it, then replace the source if you mean to"
        )
    item = {"path": source, "format": _FROM[args.source_format]} if args.source_format else source
    try:
        glossary = load([item], os.getcwd())
    except SourceError as exc:
        print_findings([unreadable(exc)], stream=sys.stderr)
        return 1
    print_findings([finding_of(p) for p in glossary.problems], stream=sys.stderr)
    conversion = write(glossary, args.target)
    _emit(conversion, output)
    print_findings([_finding(x) for x in conversion.losses], stream=sys.stderr)
    lost = len(conversion.losses)
    where = f" to {output}" if output else ""
    sys.stderr.write(
        f"{len(glossary)} terms written{where} as {args.target}; "
        f"{lost} {'thing' if lost == 1 else 'things'} lost\n"
    )
    if lost:
        sys.stderr.write(
            "  hint: keep the source, or convert to a format that holds these fields (the "
            "formats page lists the fields each format holds); --strict fails on any loss\n"
        )
    return 1 if args.strict and lost else 0
