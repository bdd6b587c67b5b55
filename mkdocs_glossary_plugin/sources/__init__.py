"""Glossary sources: one module per format; ``load`` reads them all into one ``Glossary``.

Pure Python (no MkDocs import). Unreadable input raises ``SourceError`` carrying the file and line;
problems a build can survive are returned in ``Glossary.problems``.

Formats: ``.yml``/``.yaml``/``.json`` are data; any other text file is recognised by its content
(``.md``, ``.txt`` or no extension mean nothing about the layout: the seed glossary is a ``.txt`` of
heading entries), in this order, most specific first: abbreviation lines (every non-blank line is
``*[…]: …``, which no other format can look like), heading entries, definition list (the loosest:
it skips text that is not a list, so it comes last). A source item
``{path: ..., format: headings|deflist|data|abbr}`` forces a format.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

from .. import codes
from ..model import Glossary, Problem, Term
from . import abbr, data, deflist, headings
from ._common import Parsed

__all__ = ["FORMATS", "SourceError", "SourceItem", "detect_format", "load", "parse_text"]

SourceItem = str | Mapping[str, object]
Format = Literal["headings", "deflist", "data", "abbr"]
FORMATS: tuple[Format, ...] = ("headings", "deflist", "data", "abbr")

_DATA_EXTENSIONS = (".yml", ".yaml", ".json")


class SourceError(Exception):
    """A glossary source cannot be read. ``str()`` names the file (and line) and how to fix it.

    ``code`` is its stable finding code (:mod:`..codes`): ``unreadable-source`` for a file that
    cannot be read as a glossary, ``bad-source-entry`` for an entry of ``source`` that names no
    file or an unknown format. Like a problem's, it is data: ``str()`` does not show it.
    """

    def __init__(
        self,
        message: str,
        path: str,
        line: int | None = None,
        *,
        code: str = codes.UNREADABLE_SOURCE,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.code = code
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


#: Signatures of binary files people point ``source`` at by mistake (an image of the glossary,
#: the Word or PDF original it was copied from), named in the message.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx or .odt document is one)"),
    (b"\x1f\x8b", "a gzip archive"),
)
#: Byte-order marks of UTF-16 and UTF-32 (UTF-32 LE first: it starts with UTF-16 LE's mark).
_OTHER_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_TEXT_FILES = (
    "'source' takes text files saved as UTF-8: Markdown (.md), YAML (.yml, .yaml) or JSON (.json)"
)
_MAX_LINKS = 40  # the number of links the operating system follows before it reports a loop


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of byte ``offset``, counting ``\\r\\n``,
    ``\\r`` and ``\\n`` as line ends, as the parsers and editors do. The bytes before
    ``offset`` are valid UTF-8 (it is the first error)."""
    head = raw[:offset]
    line = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    start = max(head.rfind(b"\n"), head.rfind(b"\r")) + 1
    return line, len(head[start:].decode("utf-8", "replace")) + 1


def _decode(raw: bytes, written: str) -> str:
    """The text of a source file's bytes, decoded as UTF-8 (a byte-order mark is allowed).

    Anything else is refused with a message that says what the file seems to be: a binary
    file read as text would give garbage terms (or none) and no hint why.
    """
    for signature, what in _SIGNATURES:
        if raw.startswith(signature):
            raise SourceError(
                f"is not UTF-8 text: it is {what}; {_TEXT_FILES}",
                written,
                code=codes.UNREADABLE_SOURCE,
            )
    for bom, encoding in _OTHER_BOMS:
        if raw.startswith(bom):
            raise SourceError(
                f"is not UTF-8 text: it is {encoding} text (it starts with a {encoding} "
                f"byte-order mark); re-save it as UTF-8 ({_TEXT_FILES})",
                written,
                code=codes.UNREADABLE_SOURCE,
            )
    nul = raw.find(b"\x00")
    if nul >= 0:  # no text file holds one; binary files and UTF-16 without a mark do
        line, column = _position(raw, nul)
        raise SourceError(
            f"is not UTF-8 text: it contains NUL bytes (the first at column {column}), as "
            f"binary files and UTF-16 text do; {_TEXT_FILES}",
            written,
            line,
            code=codes.UNREADABLE_SOURCE,
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        raise SourceError(
            f"is not UTF-8 text: byte 0x{raw[exc.start]:02x} at column {column} is not valid "
            "UTF-8; re-save the file as UTF-8 (it was probably saved in another encoding, such "
            "as CP949/EUC-KR or Latin-1)",
            written,
            line,
            code=codes.UNREADABLE_SOURCE,
        ) from None


def _link_chain(absolute: str) -> tuple[list[str], bool]:
    """The symbolic links from ``absolute`` on, as each one is written, and whether they loop."""
    chain, seen, current = [absolute], {absolute}, absolute
    for _ in range(_MAX_LINKS):
        try:
            target = os.readlink(current)
        except OSError:
            return chain, False
        chain.append(target)
        current = os.path.normpath(os.path.join(os.path.dirname(current), target))
        if current in seen:
            return chain, True
        seen.add(current)
    return chain, True


def _not_there(exc: OSError, written: str, absolute: str) -> SourceError:
    """Why ``os.stat`` found no file: a loop of symbolic links, a broken one, or none at all."""
    if os.path.islink(absolute) or exc.errno == errno.ELOOP:
        chain, loops = _link_chain(absolute)
        hops = " -> ".join(chain)
        if loops or exc.errno == errno.ELOOP:
            return SourceError(
                f"is a loop of symbolic links ({hops}): no file at the end of it; point "
                "'source' at the glossary file itself, or fix the links",
                written,
                code=codes.UNREADABLE_SOURCE,
            )
        return SourceError(
            f"is a broken symbolic link ({hops}): its target does not exist; fix the link, "
            "or point 'source' at the glossary file itself",
            written,
            code=codes.UNREADABLE_SOURCE,
        )
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return SourceError(
            f"file not found (looked for {absolute}; paths in 'source' are relative to the "
            "folder of mkdocs.yml)",
            written,
            code=codes.UNREADABLE_SOURCE,
        )
    return SourceError(
        f"cannot be read: {exc.strerror} ({absolute})", written, code=codes.UNREADABLE_SOURCE
    )


def _read(written: str, absolute: str) -> str:
    """The text of a source file, decoded as UTF-8 (a byte-order mark is allowed).

    Only a regular file is opened: reading a named pipe or a device would block the build or
    never end, so they are refused like a directory.
    """
    try:
        st = os.stat(absolute)
    except OSError as exc:
        raise _not_there(exc, written, absolute) from None
    if stat.S_ISDIR(st.st_mode):
        raise SourceError(
            f"is a directory ({absolute}); 'source' takes glossary files, "
            "for example docs/glossary.md (list several files to merge them)",
            written,
            code=codes.UNREADABLE_SOURCE,
        )
    if not stat.S_ISREG(st.st_mode):
        raise SourceError(
            f"is not a regular file ({absolute} is a named pipe, a socket or a device); "
            f"{_TEXT_FILES}",
            written,
            code=codes.UNREADABLE_SOURCE,
        )
    try:
        with open(absolute, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise SourceError(
            f"cannot be read: {exc.strerror} ({absolute}); check that the user running "
            "mkdocs may read it",
            written,
            code=codes.UNREADABLE_SOURCE,
        ) from None
    return _decode(raw, written)


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
        code=codes.UNREADABLE_SOURCE,
    )


def detect_format(path: str, text: str) -> Format:
    """The format of a source: data by extension, any other text file by its content."""
    return _detect(path, text)[0]


_PARSERS: dict[Format, Callable[[str, str], Parsed]] = {
    "headings": headings.parse,
    "deflist": deflist.parse,
    "abbr": abbr.parse,
}


def _is_blank(text: str) -> bool:
    """Nothing but white space (``text.strip()`` would copy the whole file)."""
    return not text or text.isspace()


def parse_text(text: str, path: str, fmt: Format | None = None) -> Parsed:
    """Parse the text of one source (``path`` is used in messages and terms as given).

    A leading byte-order mark is dropped here too, not only when a file is read: a host that
    hands over text it decoded itself must not lose the first heading (``\\ufeff## A`` is no
    heading) or fail a JSON parse. Data sources get ``\\n`` line ends, so that the JSON parser,
    which counts only ``\\n``, names the same lines as YAML and the Markdown parsers.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if _is_blank(text):
        return Parsed()
    reader = None
    if fmt is None:
        fmt, reader = _detect(path, text)
    if fmt == "data":
        if "\r" in text:  # a JSON string never holds a raw CR, YAML reads any line end as LF
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        try:
            return data.parse(text, path, is_json=path.lower().endswith(".json"))
        except data.DataError as exc:
            raise SourceError(exc.message, path, exc.line, code=codes.UNREADABLE_SOURCE) from None
    if reader is not None:
        return reader()
    return _PARSERS[fmt](text, path)


def _item(item: SourceItem) -> tuple[str, Format | None]:
    if isinstance(item, str):
        return item, None
    path, fmt = item.get("path"), item.get("format")
    if not isinstance(path, str) or not path.strip():
        raise SourceError("a source mapping needs a 'path'", str(item), code=codes.BAD_SOURCE_ENTRY)
    if fmt is not None and fmt not in FORMATS:
        raise SourceError(
            f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}",
            path,
            code=codes.BAD_SOURCE_ENTRY,
        )
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
        real = os.path.realpath(absolute)  # a symbolic link to a listed file is that file
        if real in seen:
            problems.append(
                Problem(
                    f"listed twice in 'source' (as '{seen[real]}'); read once",
                    written,
                    code=codes.LISTED_TWICE,
                )
            )
            continue
        seen[real] = written
        text = _read(written, absolute)
        parsed = parse_text(text, written, fmt)
        if _is_blank(text.lstrip("\ufeff")):
            parsed.problems.append(
                Problem(
                    "the file is empty: no terms are read from it; add terms, or remove it "
                    "from 'source'",
                    written,
                    code=codes.EMPTY_SOURCE,
                )
            )
        elif not parsed.terms:
            parsed.problems.append(
                Problem("no terms found in this glossary source", written, code=codes.NO_TERMS)
            )
        terms += parsed.terms
        problems += parsed.problems
        sources.append(written)
        title = title or parsed.title
    return Glossary(terms=terms, sources=sources, problems=problems, title=title)
