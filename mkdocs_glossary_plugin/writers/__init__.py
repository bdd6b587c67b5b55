"""Writers: a glossary in any source format, with the list of what the conversion loses.

``write(glossary, fmt)`` returns a :class:`Conversion`: the text (UTF-8-ready, ending with a
newline, the same for the same glossary) and every :class:`Loss`, each naming the term, the
field and why. One module per format writes the text; this module then reads the text back with
the format's own reader (as a ``source`` pointing at the file would) and compares every field of
every term with the original. A difference the writer did not already report becomes a loss
too, so a conversion never loses anything silently, whatever a name or definition holds.

Pure: no MkDocs import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ..model import Glossary, Term, match_key
from ..sources import Format, SourceError, detect_format, parse_text
from . import abbr, data, deflist, headings
from ._written import Written, loss, shown
from .fields import FIELDS, FORMAT_LABELS, HOLDS, TARGETS, Loss, Target

__all__ = ["FIELDS", "HOLDS", "TARGETS", "Conversion", "Loss", "Target", "write"]

_WRITERS: dict[Target, Callable[[Glossary], Written]] = {
    "headings": headings.write,
    "deflist": deflist.write,
    "yaml": data.write_yaml,
    "json": data.write_json,
    "abbr": abbr.write,
}

#: The name a written text is read back under (data is told apart by its extension).
_READ_AS: dict[Target, str] = {"yaml": "glossary.yml", "json": "glossary.json"}
#: The source format each target is read back as.
_SOURCE_FORMAT: dict[Target, Format] = {
    "headings": "headings",
    "deflist": "deflist",
    "yaml": "data",
    "json": "data",
    "abbr": "abbr",
}

#: Why a reader may give back a definition other than the one written.
_REWRITES = {
    "headings": "the heading format's reader normalises Jekyll habits (a ': ' at the start of "
    "a line, a trailing backslash, a list right after a paragraph line, an image with an empty "
    "URL, a closing '---'), and a heading in the text ends the definition",
    "deflist": "the definition-list reader reads the indented text back otherwise (a code fence "
    "left open, for one, runs on into the entries after it)",
    "abbr": "the abbreviation format holds one line of text",
}


@dataclass(frozen=True)
class Conversion:
    """The text of a converted glossary and what the conversion loses."""

    text: str
    losses: tuple[Loss, ...]


def _definition(text: str) -> str:
    """A definition as compared: a line of only white space is a blank line for Markdown."""
    return "\n".join(line if line.strip() else "" for line in text.split("\n")).strip("\n")


def _values(term: Term) -> dict[str, object]:
    """The value of every compared field of a term (``term`` itself is whether it is there)."""
    return {
        "name": term.name,
        "display name": term.display_name,
        "aliases": term.aliases,
        "alias link": dict(term.alias_links),
        "definition": _definition(term.definition),
        "summary": term.summary,
        "id": term.id,
        "sort_key": term.sort_key,
        "link": term.link,
        "case_sensitive": term.case_sensitive,
        "translations": term.translations,
    }


def _why(fmt: Target, field_name: str, before: object, after: object) -> str:
    label = FORMAT_LABELS[fmt]
    if field_name == "translations" and field_name not in HOLDS[fmt]:
        languages = ", ".join(before) if isinstance(before, dict) else ""
        return f"the {label} format has no fields per language; those of {languages} are dropped"
    if field_name not in HOLDS[fmt]:
        return f"the {label} format has no {field_name}; {shown(before)} is dropped"
    reason = _REWRITES.get(fmt, "") if field_name == "definition" else ""
    return f"reads back as {shown(after)}, not {shown(before)}" + (f" ({reason})" if reason else "")


def _pairs(written: list[Term], back: list[Term]) -> list[tuple[Term, Term | None]]:
    """Each written term with the term read back for it: by position when the counts agree,
    else in order by name (a writer keeps the order; a term may go missing or split in two)."""
    if len(written) == len(back):
        return list(zip(written, back, strict=True))
    out: list[tuple[Term, Term | None]] = []
    start = 0
    for term in written:
        key = match_key(term.name)
        found = next((i for i in range(start, len(back)) if match_key(back[i].name) == key), None)
        out.append((term, None if found is None else back[found]))
        start = start if found is None else found + 1
    return out


def _read_back(fmt: Target, text: str, losses: list[Loss]) -> tuple[list[Term], str | None]:
    """The terms and title a ``source`` holding ``text`` gives: the format detected, as a site
    reads it. Output read as another format is a loss of its own (and what that reading gives
    is compared); output no format is recognised in is read as its own format."""
    path = _READ_AS.get(fmt, "glossary.md")
    own = _SOURCE_FORMAT[fmt]
    try:
        detected: Format | None = detect_format(path, text) if text.strip() else own
    except SourceError:
        detected = None
    if detected != own:
        seen = f"is read as the {detected} format" if detected else "is not recognised"
        losses.append(
            loss(
                None,
                "term",
                f"the output {seen}, not as the {FORMAT_LABELS[fmt]} format (a source can "
                f"force it: format: {own})",
            )
        )
    try:
        parsed = parse_text(text, path, detected or own)
    except SourceError as exc:
        losses.append(loss(None, "term", f"the output cannot be read back: {exc.message}"))
        return [], None
    # Ids as a site would see them: colliding ids get their suffixes, in the same order.
    return Glossary(terms=parsed.terms).terms, parsed.title


def _compare(fmt: Target, glossary: Glossary, result: Written) -> list[Loss]:
    """The losses the writer did not report: every field that reads back otherwise."""
    losses: list[Loss] = []
    back, title = _read_back(fmt, result.text, losses)
    known = {(x.term, x.path, x.line, x.field) for x in result.losses}
    if title != glossary.title:
        losses.append(loss(None, "title", _why(fmt, "title", glossary.title, title)))
    written_ids = {id(t) for t in result.terms}
    for term in glossary:
        if (
            id(term) not in written_ids
            and (term.display_name, term.path, term.line, "term") not in known
        ):
            losses.append(loss(term, "term", "the term is left out"))
    for before, after in _pairs(result.terms, back):
        if after is None:
            losses.append(loss(before, "term", "the term does not read back from the output"))
            continue
        old, new = _values(before), _values(after)
        for field_name in FIELDS:
            if field_name not in old or old[field_name] == new[field_name]:
                continue
            if (before.display_name, before.path, before.line, field_name) in known:
                continue
            losses.append(
                loss(before, field_name, _why(fmt, field_name, old[field_name], new[field_name]))
            )
    return losses


def write(glossary: Glossary, fmt: Target) -> Conversion:
    """The glossary in format ``fmt`` and everything that does not survive the conversion,
    in glossary order (the glossary's own losses first), field by field."""
    if fmt not in _WRITERS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(TARGETS)}")
    result = _WRITERS[fmt](glossary)
    losses = [*result.losses, *_compare(fmt, glossary, result)]
    if len(glossary.sources) == 1:  # the glossary's own losses point at its file
        losses = [replace(x, path=glossary.sources[0]) if x.term is None else x for x in losses]
    position: dict[tuple[str | None, str, int], int] = {
        (t.display_name, t.path, t.line): n for n, t in enumerate(glossary)
    }
    field_order = {name: n for n, name in enumerate(FIELDS)}
    losses.sort(key=lambda x: (position.get((x.term, x.path, x.line), -1), field_order[x.field]))
    return Conversion(result.text, tuple(losses))
