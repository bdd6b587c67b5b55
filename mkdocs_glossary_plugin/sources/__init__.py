"""Glossary sources: one module per format; ``load`` reads them all into one ``Glossary``.

Pure Python (no MkDocs import). Unreadable input raises ``SourceError`` carrying the file and line;
problems a build can survive are returned in ``Glossary.problems``.

Formats (GUIDE §3, §12): ``.yml``/``.yaml``/``.json`` are data; any other text file is recognised
by its content, in this order: abbreviation lines, heading entries, definition list. A source item
``{path: ..., format: headings|deflist|data|abbr}`` forces a format.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

from ..model import Glossary, Problem, Term
from . import abbr, data, deflist, headings
from ._common import Parsed

__all__ = ["FORMATS", "SourceError", "SourceItem", "detect_format", "load", "parse_text"]

SourceItem = str | Mapping[str, object]
Format = Literal["headings", "deflist", "data", "abbr"]
FORMATS: tuple[Format, ...] = ("headings", "deflist", "data", "abbr")

_DATA_EXTENSIONS = (".yml", ".yaml", ".json")


class SourceError(Exception):
    """A glossary source cannot be read. ``str()`` names the file (and line) and how to fix it."""

    def __init__(self, message: str, path: str, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


def _read(written: str, absolute: str) -> str:
    """The text of a source file, decoded as UTF-8 (a byte-order mark is allowed)."""
    if not os.path.exists(absolute):
        raise SourceError(
            f"file not found (looked for {absolute}; paths in 'source' are relative to the "
            "folder of mkdocs.yml)",
            written,
        )
    if os.path.isdir(absolute):
        raise SourceError(
            f"is a directory ({absolute}); 'source' takes glossary files, "
            "for example docs/glossary.md (list several files to merge them)",
            written,
        )
    try:
        with open(absolute, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise SourceError(f"cannot be read: {exc.strerror} ({absolute})", written) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError(
            f"is not valid UTF-8: byte 0x{raw[exc.start]:02x} at column {column} cannot be "
            "decoded; glossary sources must be saved as UTF-8",
            written,
            line,
        ) from None


Reader = Callable[[], Parsed]


def _detect(path: str, text: str) -> tuple[Format, Reader | None]:
    """The format of a source, with a reader that goes on from what detection already worked
    out (the heading layout, the definition-list scan), so that no text is scanned twice."""
    if path.lower().endswith(_DATA_EXTENSIONS):
        return "data", None
    if abbr.looks_like(text):
        return "abbr", None
    layout = headings.analyse(text, path)
    if layout.has_entries:
        return "headings", lambda: headings.read(layout)
    scanned = deflist.parse(text, path)
    if scanned.terms:  # deflist.looks_like, without throwing the scan away
        return "deflist", lambda: scanned
    raise SourceError(
        "cannot tell the glossary format: expected a heading per term ('## A' then "
        "'#### Term (alias)'), a definition list ('Term' then ':   definition'), or "
        "abbreviation lines ('*[HTML]: Hyper Text Markup Language'). Force one with "
        "'source: [{path: ..., format: headings|deflist|data|abbr}]'",
        path,
    )


def detect_format(path: str, text: str) -> Format:
    """The format of a source: data by extension, any other text file by its content."""
    return _detect(path, text)[0]


_PARSERS: dict[Format, Callable[[str, str], Parsed]] = {
    "headings": headings.parse,
    "deflist": deflist.parse,
    "abbr": abbr.parse,
}


def parse_text(text: str, path: str, fmt: Format | None = None) -> Parsed:
    """Parse the text of one source (``path`` is used in messages and terms as given)."""
    if not text or text.isspace():  # (``text.strip()`` would copy the whole file)
        return Parsed()
    reader = None
    if fmt is None:
        fmt, reader = _detect(path, text)
    if fmt == "data":
        try:
            return data.parse(text, path, is_json=path.lower().endswith(".json"))
        except data.DataError as exc:
            raise SourceError(exc.message, path, exc.line) from None
    if reader is not None:
        return reader()
    return _PARSERS[fmt](text, path)


def _item(item: SourceItem) -> tuple[str, Format | None]:
    if isinstance(item, str):
        return item, None
    path, fmt = item.get("path"), item.get("format")
    if not isinstance(path, str) or not path.strip():
        raise SourceError("a source mapping needs a 'path'", str(item))
    if fmt is not None and fmt not in FORMATS:
        raise SourceError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}", path)
    return path, fmt


def load(items: Sequence[SourceItem], config_dir: str) -> Glossary:
    """Read every source (paths relative to ``config_dir``) into one merged glossary.

    Terms keep the path as the user wrote it, so messages point where the user looks. The first
    front-matter (or page) title found titles the glossary.
    """
    terms: list[Term] = []
    problems: list[Problem] = []
    sources: list[str] = []
    title: str | None = None
    seen: dict[str, str] = {}
    if isinstance(items, str):  # one path given directly, not a list
        items = [items]
    for item in items:
        written, fmt = _item(item)
        absolute = os.path.normpath(os.path.join(config_dir, written))
        if absolute in seen:
            problems.append(
                Problem(f"listed twice in 'source' (as '{seen[absolute]}'); read once", written)
            )
            continue
        seen[absolute] = written
        parsed = parse_text(_read(written, absolute), written, fmt)
        if not parsed.terms:
            parsed.problems.append(Problem("no terms found in this glossary source", written))
        terms += parsed.terms
        problems += parsed.problems
        sources.append(written)
        title = title or parsed.title
    return Glossary(terms=terms, sources=sources, problems=problems, title=title)
