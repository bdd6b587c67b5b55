"""Markdown definition lists, as Python-Markdown's ``def_list`` reads them (so a list that renders
as a definition list in a page reads as the same terms here).

```
Stochastic Gradient Descent
SGD
:   One step per mini-batch.

    A second paragraph, indented.
```

The term lines before a ``:`` marker are the name (first line) and aliases (the others). Text
that is not a definition list (an introduction, headings) is skipped. One deliberate difference
from Python-Markdown: a non-indented line right after a definition line that is itself followed
by a ``:`` marker starts a new term (Python-Markdown would nest it inside the first definition).
Pure: no MkDocs import.
"""

from __future__ import annotations

import re

from .. import codes
from ..model import Problem, Term
from ._common import Parsed, dedupe_aliases, fence_mask, plain_text, split_front_matter, split_lines

__all__ = ["looks_like", "parse"]

# Python-Markdown's def_list: up to 3 spaces, a colon, 1 to 3 spaces (a tab works too).
_MARKER = re.compile(r"^ {0,3}:(?:[ ]{1,3}|\t)(.*)$")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_H1 = re.compile(r"^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_INDENT = re.compile(r"^(?: {4}|\t)")


def _is_blank(line: str) -> bool:
    return not line.strip()


def _collect_definition(lines: list[str], start: int, first: str) -> tuple[str, int]:
    """The Markdown of one definition whose marker is at ``start``; returns it and the next index.

    Indented lines (four spaces or a tab) belong to it, blank lines too when indented text
    follows; a non-indented line right after text is a lazy continuation.
    """
    out = [first]
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if _is_blank(line):
            j = i
            while j < len(lines) and _is_blank(lines[j]):
                j += 1
            if j < len(lines) and _INDENT.match(lines[j]):
                out.extend([""] * (j - i))
                i = j
                continue
            break
        if _INDENT.match(line):
            out.append(_INDENT.sub("", line, count=1))
        elif (
            _MARKER.match(line)
            or _HEADING.match(line)
            or (i + 1 < len(lines) and _MARKER.match(lines[i + 1]))
        ):
            break
        else:
            out.append(line)  # lazy continuation
        i += 1
    return "\n".join(out).strip("\n"), i


def _scan(text: str, path: str) -> Parsed:
    lines, title, problems = split_front_matter(split_lines(text), path)
    code = fence_mask(lines)
    result = Parsed(problems=problems, title=title)
    para: list[int] = []  # indices of the current non-indented paragraph
    blanks = 0  # blank lines since that paragraph
    last: Term | None = None  # the entry a further ``:`` definition would extend
    i = 0
    while i < len(lines):
        line = lines[i]
        marker = None if code[i] else _MARKER.match(line)
        if marker:
            definition, nxt = _collect_definition(lines, i, marker.group(1))
            if para and blanks <= 1:
                names = [plain_text(lines[k]) for k in para]
                names = [n for n in names if n]
                last = Term(
                    name=names[0],
                    aliases=dedupe_aliases(names[0], names[1:]),
                    definition=definition,
                    path=path,
                    line=para[0] + 1,
                )
                result.terms.append(last)
            elif last is not None and not para:
                last.definition = f"{last.definition}\n\n{definition}".strip("\n")
            else:
                result.problems.append(
                    Problem(
                        "a definition (':') without a term line before it",
                        path,
                        i + 1,
                        code=codes.DEFINITION_WITHOUT_TERM,
                    )
                )
            para, blanks, i = [], 0, nxt
            continue
        if code[i] or _HEADING.match(line) or (_INDENT.match(line) and blanks):
            para, blanks, last = [], 0, None
            h1 = None if code[i] else _H1.match(line)
            if h1 and result.title is None and not result.terms:
                result.title = plain_text(h1.group(1)) or None
        elif _is_blank(line):
            blanks += 1
        else:
            if blanks or not para:
                para, last = [], None
            para.append(i)
            blanks = 0
        i += 1
    return result


def looks_like(text: str) -> bool:
    """At least one term line followed by a ``:`` definition."""
    return bool(_scan(text, "").terms)


def parse(text: str, path: str) -> Parsed:
    """Read definition-list entries. ``path`` is used in terms and messages as given."""
    return _scan(text, path)
