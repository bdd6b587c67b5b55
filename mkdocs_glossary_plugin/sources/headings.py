"""Markdown with a heading per term: the seed's format (GUIDE §3.1, §12 "Sources").

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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Problem, Term
from ._common import Parsed, dedupe_aliases, fence_mask, plain_text, split_front_matter, split_lines

__all__ = ["Heading", "find_headings", "looks_like", "normalise_body", "parse", "split_name"]

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*([^}]*)\}[ \t]*$")
_LIST_MARKER = re.compile(r"^(?:[*+-]|\d{1,9}[.)])[ \t]+")
_COLON_MARKER = re.compile(r"^ {0,3}:[ \t]+")
_RANGE = re.compile(r"^\w\s*[-–~]\s*\w$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")

#: Characters that never occur in a name, so a parenthesised part holding them is not an alias
#: list: ``Residual Function (F(x))``, ``Loss (L = -log p)``.
_NOT_IN_NAME = set("()[]{}<>=^\\|$")
_MAX_ALIAS_WORDS = 8
_MAX_ALIAS_CHARS = 64


@dataclass(frozen=True)
class Heading:
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


def find_headings(lines: list[str]) -> list[Heading]:
    """ATX headings outside fenced code."""
    mask = fence_mask(lines)
    out = []
    for i, line in enumerate(lines):
        if mask[i] or "#" not in line[:4]:  # an ATX heading starts within 3 spaces
            continue
        m = _HEADING.match(line)
        if m:
            out.append(Heading(i, len(m.group(1)), (m.group(2) or "").strip()))
    return out


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


def looks_like(text: str) -> bool:
    """Heading entries: headings below a level of group headings, or several of one level
    (or a single one whose body starts with the seed's ``: `` marker)."""
    lines, _, _ = split_front_matter(split_lines(text), "")
    headings = find_headings(lines)
    _, level = _structure(headings)
    if level is None:
        return False
    terms = [h for h in headings if h.level == level]
    groups = [h for h in headings if h.level < level and h.is_group_like]
    if groups or len(terms) >= 2:
        return True
    # A single entry is recognised by the seed's ': ' marker on its first body line.
    body = [line for line in lines[terms[0].index + 1 :] if line.strip()]
    return bool(body) and bool(_COLON_MARKER.match(body[0]))


def _is_name(item: str) -> bool:
    """Whether a piece of a parenthesised part reads as a name (and so as an alias)."""
    return (
        any(ch.isalpha() for ch in item)
        and not _NOT_IN_NAME.intersection(item)
        and len(item) <= _MAX_ALIAS_CHARS
        and len(item.split()) <= _MAX_ALIAS_WORDS
    )


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
    depth = 0
    for start in range(len(text) - 1, -1, -1):
        ch = text[start]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            depth -= 1
            if depth == 0:
                break
    else:
        return text, text, ()  # unbalanced: keep as written
    prefix = text[:start].rstrip()
    if not prefix:
        return text, text, ()
    items = [item.strip() for item in re.split(r"[,，、]", text[start + 1 : -1])]
    if items and all(_is_name(item) for item in items):
        return prefix, prefix, dedupe_aliases(prefix, items)
    return text, prefix, ()


_EMPTY_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*(?:<\s*>)?\s*\)")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[*+-]|\d{1,9}\.)[ \t]+\S")
_BLOCK_START = re.compile(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|`{3,}|~{3,}|>)")


def _trailing_backslash(line: str) -> bool:
    stripped = line.rstrip()
    count = len(stripped) - len(stripped.rstrip("\\"))
    return count % 2 == 1


def _ends_paragraph(lines: list[tuple[str, bool]], i: int) -> bool:
    """Whether the text line ``i`` is the last of its paragraph (asked only for lines that end
    with a break: most lines do not, and the checks below are the costly part of a body)."""
    nxt, nxt_code = lines[i + 1] if i + 1 < len(lines) else ("", False)
    return (
        nxt_code or not nxt.strip() or bool(_LIST_ITEM.match(nxt)) or bool(_BLOCK_START.match(nxt))
    )


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
    code = fence_mask(lines)
    first: list[tuple[str, bool]] = []  # (line, is_code)
    for line, is_code in zip(lines, code, strict=True):
        if not is_code:
            if ":" in line[:4]:  # the marker starts within 3 spaces
                line = _COLON_MARKER.sub("", line)
            if "![" in line:
                without = _EMPTY_IMAGE.sub("", line)
                if without != line and not without.strip():
                    continue  # the line held only empty images
                line = without
        first.append((line, is_code))

    out: list[str] = []
    block_is_list = False  # the current block (lines since the last blank) is a list
    for i, (line, is_code) in enumerate(first):
        prev_code = i > 0 and first[i - 1][1]
        if is_code:
            if not prev_code and out and out[-1].strip():
                out.append("")  # superfences needs a blank line before a fence
            out.append(line)
            block_is_list = False
            continue
        if prev_code and line.strip():
            out.append("")
        if not line.strip():
            out.append("")
            block_is_list = False
            continue
        is_item = bool(_LIST_ITEM.match(line))
        prev = out[-1] if out else ""
        if is_item and not block_is_list:
            if prev.strip():
                out.append("")  # a list needs a blank line after a paragraph
            block_is_list = True
        stripped = line.rstrip()
        if stripped.endswith("\\") and _trailing_backslash(line):
            line = stripped[:-1].rstrip()
            line = line if _ends_paragraph(first, i) else line + "  "
        elif line.endswith("  ") and not _ends_paragraph(first, i):
            line = stripped + "  "
        else:
            line = stripped
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    while out and not out[0].strip():
        out.pop(0)
    return "\n".join(out)


def _parse_heading_text(raw: str) -> tuple[str, str, tuple[str, ...], str]:
    """``(display_name, name, aliases, explicit_id)`` from the text of a term heading."""
    explicit_id = ""
    m = _ATTR_LIST.search(raw)
    if m:
        ids = [tok[1:] for tok in m.group(1).split() if tok.startswith("#") and len(tok) > 1]
        explicit_id = ids[0] if ids else ""
        raw = raw[: m.start()]
    raw = _LIST_MARKER.sub("", raw.strip())
    display, name, aliases = split_name(plain_text(raw))
    return display, name, aliases, explicit_id


def parse(text: str, path: str) -> Parsed:
    """Read heading entries. ``path`` is used in terms and messages as given."""
    lines, title, problems = split_front_matter(split_lines(text), path)
    headings = find_headings(lines)
    title_heading, level = _structure(headings)
    result = Parsed(problems=problems, title=title)
    if title_heading is not None and result.title is None:
        result.title = plain_text(title_heading.text) or None
    if level is None:
        return result

    # A closing rule at the very end of the file belongs to the page, not to the last entry.
    last = len(lines) - 1
    while last >= 0 and not lines[last].strip():
        last -= 1
    mask = fence_mask(lines)
    if last >= 0 and not mask[last] and _THEMATIC_BREAK.match(lines[last]):
        lines = [*lines[:last], ""]

    # Boundaries: every heading at or above the term level ends the previous body.
    bounds = [h for h in headings if h.level <= level]
    ignored: list[tuple[int, str]] = []  # (line index, what it was under)
    preamble = bounds[0].index if bounds else len(lines)
    ignored += [(i, "") for i in range(preamble) if lines[i].strip()][:1]
    for pos, h in enumerate(bounds):
        end = bounds[pos + 1].index if pos + 1 < len(bounds) else len(lines)
        body = lines[h.index + 1 : end]
        if h.level != level:
            text_lines = [h.index + 1 + k for k, line in enumerate(body) if line.strip()]
            if text_lines:
                under = "" if h is title_heading else plain_text(h.text)
                ignored.append((text_lines[0], under))
            continue
        display, name, aliases, explicit_id = _parse_heading_text(h.text)
        if not name:
            result.problems.append(Problem("a term heading without text", path, h.index + 1))
            continue
        result.terms.append(
            Term(
                name=name,
                display_name=display,
                aliases=aliases,
                definition=normalise_body(body),
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
            )
        )
    return result
