"""Markdown with a heading per term: the format of the seed glossary this plugin was built for.

```
---
title: 딥러닝 용어 정리
---
## S
#### * Stochastic Gradient Descent(SGD, 확률적 경사하강법)
: 전체 data를 가지고 ... \\
다음 줄
```

Group headings (``## S``) are skipped, the first other heading level is the term level, and the
body of each term is normalised from Jekyll/kramdown habits into Markdown that Python-Markdown
renders cleanly. Pure: no MkDocs import.

A text is read in two steps: ``analyse`` finds the headings and the term level once (format
detection needs exactly that), and ``read`` turns that layout into terms, so detecting the format
and then parsing does not scan the text twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import codes
from ..model import Problem, Term
from ._common import Parsed, dedupe_aliases, fence_mask, plain_text, split_front_matter, split_lines

__all__ = [
    "Heading",
    "Layout",
    "analyse",
    "find_headings",
    "looks_like",
    "normalise_body",
    "parse",
    "read",
    "split_name",
]

# The text is everything after the marker and its spaces; ``_heading_text`` drops a closing
# ``#`` run. (One lazy pattern for both tried the closing run at every character: slow.)
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*([^}]*)\}[ \t]*$")
_LIST_MARKER = re.compile(r"^(?:[*+-]|\d{1,9}[.)])[ \t]+")
_COLON_MARKER = re.compile(r"^ {0,3}:[ \t]+")
_RANGE = re.compile(r"^\w\s*[-–~]\s*\w$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_ALIAS_SEPARATORS = re.compile(r"[,，、]")
#: A parenthesised part at the end with nothing nested in it (found without counting depth).
_TRAILING_PART = re.compile(r"[(（][^()（）]*[)）]$")

#: Characters that never occur in a name, so a parenthesised part holding them is not an alias
#: list: ``Residual Function (F(x))``, ``Loss (L = -log p)``.
_NOT_IN_NAME = re.compile(r"[()\[\]{}<>=^\\|$]")
_MAX_ALIAS_WORDS = 8
_MAX_ALIAS_CHARS = 64


@dataclass(slots=True)
class Heading:
    """An ATX heading line. A light record (slotted, not frozen): a file makes one per heading,
    10,000 and more, and a frozen dataclass costs three times as much to make."""

    index: int
    """0-based index of the heading line."""
    level: int
    text: str
    """The heading text as written (without ``#`` markers)."""

    @property
    def is_group_like(self) -> bool:
        """A group heading when above the term level: one letter, digit or jamo (``## A``,
        ``## ㄱ``), a range of them (``## A–C``), or no letter at all (``## 0-9``, ``## #``)."""
        text = plain_text(self.text)
        return (
            (len(text) == 1 and text.isalnum())
            or bool(_RANGE.match(text))
            or not any(ch.isalpha() for ch in text)
        )


def _heading_text(rest: str) -> str:
    """The text of a heading from what follows its marker and spaces: an optional closing run
    of ``#`` (``## Title ##``) goes when spaces set it apart; a run glued to a word stays."""
    text = rest.rstrip(" \t")
    before = text.rstrip("#")
    if before != text and before[-1:] in (" ", "\t"):
        text = before
    return text.strip()


def _find_headings(lines: list[str], code: list[bool]) -> list[Heading]:
    """ATX headings on the lines that ``code`` (a fence mask) does not mark."""
    out = []
    for i, line in enumerate(lines):
        if "#" not in line[:4] or code[i]:  # an ATX heading starts within 3 spaces
            continue
        m = _HEADING.match(line)
        if m:
            out.append(Heading(i, len(m.group(1)), _heading_text(m.group(2) or "")))
    return out


def find_headings(lines: list[str]) -> list[Heading]:
    """ATX headings outside fenced code."""
    return _find_headings(lines, fence_mask(lines))


def _structure(headings: list[Heading]) -> tuple[Heading | None, int | None]:
    """The page title heading (a lone ``#`` before the entries) and the term level."""
    title = None
    h1 = [h for h in headings if h.level == 1 and not h.is_group_like]
    rest = headings
    if len(h1) == 1 and headings and headings[0] is h1[0]:
        title, rest = h1[0], headings[1:]
    for h in rest:
        if not h.is_group_like:
            return title, h.level
    return title, None


@dataclass
class Layout:
    """A text read as heading entries, up to (not including) its terms: the lines (front matter
    blanked), which of them are fenced code, the headings, the page title heading and the term
    level (``None``: no entries). Format detection needs only this; ``read`` goes on from it."""

    path: str
    lines: list[str]
    code: list[bool]
    headings: list[Heading]
    title_heading: Heading | None
    level: int | None
    title: str | None = None
    """The front-matter title."""
    problems: list[Problem] = field(default_factory=list)
    """Problems of the front matter."""

    @property
    def has_entries(self) -> bool:
        """Heading entries: headings below a level of group headings, or several of one level
        (or a single one whose body starts with the seed's ``: `` marker)."""
        level = self.level
        if level is None:
            return False
        terms = [h for h in self.headings if h.level == level]
        if len(terms) >= 2 or any(h.level < level and h.is_group_like for h in self.headings):
            return True
        # A single entry is recognised by the seed's ': ' marker on its first body line.
        body = (line for line in self.lines[terms[0].index + 1 :] if line.strip())
        first = next(body, None)
        return first is not None and bool(_COLON_MARKER.match(first))


def analyse(text: str, path: str) -> Layout:
    """Find the headings and the structure of a text (``path`` is used in messages as given)."""
    lines, title, problems = split_front_matter(split_lines(text), path)
    # Without a backtick or a tilde anywhere (the seed, most glossaries) no line is code.
    code = fence_mask(lines) if "`" in text or "~" in text else [False] * len(lines)
    headings = _find_headings(lines, code)
    title_heading, level = _structure(headings)
    return Layout(path, lines, code, headings, title_heading, level, title, problems)


def looks_like(text: str) -> bool:
    """Heading entries: headings below a level of group headings, or several of one level
    (or a single one whose body starts with the seed's ``: `` marker)."""
    return analyse(text, "").has_entries


def _is_name(item: str) -> bool:
    """Whether a piece of a parenthesised part reads as a name (and so as an alias); the part
    was already found free of characters that never occur in a name."""
    return (
        any(ch.isalpha() for ch in item)
        and len(item) <= _MAX_ALIAS_CHARS
        and len(item.split()) <= _MAX_ALIAS_WORDS
    )


def _opening_parenthesis(text: str) -> int:
    """The index of the parenthesis that the last character of ``text`` closes (-1: none)."""
    plain = _TRAILING_PART.search(text)
    if plain:  # nothing nested in it: most headings with a parenthesised part
        return plain.start()
    depth = 0
    for start in range(len(text) - 1, -1, -1):
        ch = text[start]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            depth -= 1
            if depth == 0:
                return start
    return -1


def split_name(text: str) -> tuple[str, str, tuple[str, ...]]:
    """``(display_name, name, aliases)`` of a plain-text heading.

    A trailing parenthesised part that is a comma-separated list of names holds aliases
    (``Stochastic Gradient Descent(SGD, 확률적 경사하강법)``, ``FLOP(FLoating-point OPerations)``);
    any other trailing parenthesised part stays in the display name and is dropped from the name
    (``Residual Function (F(x))`` is displayed so, matched as ``Residual Function``).
    """
    text = text.strip()
    if not text.endswith((")", "）")):
        return text, text, ()
    start = _opening_parenthesis(text)
    if start < 0:
        return text, text, ()  # unbalanced: keep as written
    prefix = text[:start].rstrip()
    if not prefix:
        return text, text, ()
    part = text[start + 1 : -1]
    if not _NOT_IN_NAME.search(part):  # once for the whole part, not for each of its pieces
        items = [item.strip() for item in _ALIAS_SEPARATORS.split(part)]
        if all(_is_name(item) for item in items):
            return prefix, prefix, dedupe_aliases(prefix, items)
    return text, prefix, ()


_EMPTY_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*(?:<\s*>)?\s*\)")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[*+-]|\d{1,9}\.)[ \t]+\S")
_BLOCK_START = re.compile(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|`{3,}|~{3,}|>)")


def _odd_backslashes(stripped: str) -> bool:
    """Whether a right-stripped line ends with an unescaped backslash."""
    return (len(stripped) - len(stripped.rstrip("\\"))) % 2 == 1


def _normalise(lines: list[str], code: list[bool]) -> str:
    """``normalise_body`` for lines whose fence mask is known (``read`` has the file's).

    One pass: whether a hard break at the end of a text line stays depends on the line after
    it, so that line is left pending (``hard_break``) and settled by the next line kept.
    """
    out: list[str] = []
    block_is_list = False  # the current block (lines since the last blank) is a list
    prev_code = False
    hard_break = -1  # index in ``out`` of a line that keeps a break if its paragraph goes on
    for line, is_code in zip(lines, code, strict=True):
        if is_code:
            hard_break = -1  # code ends the paragraph: its last break goes
            if not prev_code and out and out[-1].strip():
                out.append("")  # superfences needs a blank line before a fence
            out.append(line)
            block_is_list = False
            prev_code = True
            continue
        if ":" in line[:4]:  # the marker starts within 3 spaces
            line = _COLON_MARKER.sub("", line)
        if "![" in line:
            without = _EMPTY_IMAGE.sub("", line)
            if without != line and not without.strip():
                continue  # the line held only empty images
            line = without
        stripped = line.rstrip()
        if prev_code:
            prev_code = False
            if stripped:
                out.append("")
        if not stripped:
            hard_break = -1  # a blank line ends the paragraph: its last break goes
            out.append("")
            block_is_list = False
            continue
        is_item = _LIST_ITEM.match(line) is not None
        if hard_break >= 0:
            if not (is_item or _BLOCK_START.match(line)):
                out[hard_break] += "  "  # the paragraph goes on: the break stays
            hard_break = -1
        if is_item and not block_is_list:
            if out and out[-1].strip():
                out.append("")  # a list needs a blank line after a paragraph
            block_is_list = True
        if stripped.endswith("\\") and _odd_backslashes(stripped):
            hard_break = len(out)  # a backslash break: two spaces, unless the paragraph ends
            out.append(stripped[:-1].rstrip())
        elif line.endswith("  "):
            hard_break = len(out)  # a two-space break: kept unless the paragraph ends
            out.append(stripped)
        else:
            out.append(stripped)
    while out and not out[-1].strip():
        out.pop()
    while out and not out[0].strip():
        out.pop(0)
    return "\n".join(out)


def normalise_body(lines: list[str]) -> str:
    """Turn a seed-style body into Markdown that renders cleanly under Python-Markdown.

    - a ``: `` marker at the start of any line is dropped (the body is never a definition list);
    - an image with an empty URL (``![ffnn]()``) is dropped;
    - a trailing backslash is a line break inside a paragraph and nothing at its end;
    - a list item line right after a paragraph line gets the blank line Python-Markdown needs
      (``1)`` lines are not list items in Markdown and stay text), and so does a code fence;
    - other trailing spaces go, except a two-space hard break inside a paragraph.
    Fenced code is left exactly as written.
    """
    return _normalise(lines, fence_mask(lines))


def _parse_heading_text(raw: str) -> tuple[str, str, tuple[str, ...], str]:
    """``(display_name, name, aliases, explicit_id)`` from the text of a term heading."""
    explicit_id = ""
    m = _ATTR_LIST.search(raw) if "{" in raw else None
    if m:
        ids = [tok[1:] for tok in m.group(1).split() if tok.startswith("#") and len(tok) > 1]
        explicit_id = ids[0] if ids else ""
        raw = raw[: m.start()]
    raw = _LIST_MARKER.sub("", raw.strip())
    display, name, aliases = split_name(plain_text(raw))
    return display, name, aliases, explicit_id


def _first_text_line(lines: list[str], start: int, end: int) -> int | None:
    """The index of the first non-blank line in ``lines[start:end]``."""
    return next((i for i in range(start, end) if lines[i].strip()), None)


def read(layout: Layout) -> Parsed:
    """The terms (and problems) of an analysed text."""
    path, lines, code, level = layout.path, layout.lines, layout.code, layout.level
    result = Parsed(problems=list(layout.problems), title=layout.title)
    if layout.title_heading is not None and result.title is None:
        result.title = plain_text(layout.title_heading.text) or None
    if level is None:
        return result

    # A closing rule at the very end of the file belongs to the page, not to the last entry.
    last = len(lines) - 1
    while last >= 0 and not lines[last].strip():
        last -= 1
    if last >= 0 and not code[last] and _THEMATIC_BREAK.match(lines[last]):
        lines = [*lines[:last], ""]

    # Boundaries: every heading at or above the term level ends the previous body.
    bounds = [h for h in layout.headings if h.level <= level]
    ignored: list[tuple[int, str]] = []  # (line index, what it was under)
    first = _first_text_line(lines, 0, bounds[0].index)
    if first is not None:
        ignored.append((first, ""))
    for pos, h in enumerate(bounds):
        start = h.index + 1
        end = bounds[pos + 1].index if pos + 1 < len(bounds) else len(lines)
        if h.level != level:
            first = _first_text_line(lines, start, end)
            if first is not None:
                under = "" if h is layout.title_heading else plain_text(h.text)
                ignored.append((first, under))
            continue
        display, name, aliases, explicit_id = _parse_heading_text(h.text)
        if not name:
            result.problems.append(
                Problem(
                    "a term heading without text",
                    path,
                    h.index + 1,
                    code=codes.EMPTY_TERM_HEADING,
                )
            )
            continue
        result.terms.append(
            Term(
                name=name,
                display_name=display,
                aliases=aliases,
                # The file's fence mask holds for the body: a body starts outside code.
                definition=_normalise(lines[start:end], code[start:end]),
                id=explicit_id,
                path=path,
                line=h.index + 1,
            )
        )
    for index, under in ignored:
        where = f"under the heading '{under}'" if under else "before the first term"
        result.problems.append(
            Problem(
                f"the text {where} is not part of any term (terms are the level-{level} "
                "headings); it is ignored",
                path,
                index + 1,
                level="info",
                code=codes.TEXT_OUTSIDE_TERMS,
            )
        )
    return result


def parse(text: str, path: str) -> Parsed:
    """Read heading entries. ``path`` is used in terms and messages as given."""
    return read(analyse(text, path))
