"""Helpers shared by the Markdown-based source formats: front matter, fences, plain-text names.

Every parser works on a list of lines in which the front matter has been replaced by blank lines,
so that ``index + 1`` is always the line number in the file as the user sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .. import codes
from ..model import Problem, Term, match_key

__all__ = [
    "Parsed",
    "dedupe_aliases",
    "fence_mask",
    "plain_text",
    "split_front_matter",
    "split_lines",
]


@dataclass
class Parsed:
    """What one source file yields: its terms, the problems found, and its front-matter title."""

    terms: list[Term] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    title: str | None = None


def split_lines(text: str) -> list[str]:
    """Lines without their end-of-line characters (``\\r\\n``, ``\\r`` and ``\\n`` alike)."""
    if "\r" in text:  # most files have none: spare two scans of the whole text
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


# MkDocs' own rule (mkdocs.utils.meta): ``---`` on the first line, closed by ``---`` or ``...``.
_FM_OPEN = re.compile(r"^-{3}[ \t]*$")
_FM_CLOSE = re.compile(r"^(?:-{3}|\.{3})[ \t]*$")


def split_front_matter(lines: list[str], path: str) -> tuple[list[str], str | None, list[Problem]]:
    """Blank out YAML front matter (keeping line numbers) and return its ``title``.

    Front matter that is not valid YAML is still not content: a build can survive without the
    title, so it is a warning, not an error.
    """
    if not lines or not _FM_OPEN.match(lines[0]):
        return lines, None, []
    for end in range(1, len(lines)):
        if _FM_CLOSE.match(lines[end]):
            break
    else:
        return lines, None, []
    body = [""] * (end + 1) + lines[end + 1 :]
    try:
        meta = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = Problem(
            f"the front matter is not valid YAML ({getattr(exc, 'problem', exc)}); "
            "its title is not used",
            path,
            line,
            code=codes.FRONT_MATTER,
        )
        return body, None, [problem]
    title = meta.get("title") if isinstance(meta, dict) else None
    return body, (str(title).strip() or None) if title is not None else None, []


_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def fence_mask(lines: list[str]) -> list[bool]:
    """True for every line of a fenced code block, fence lines included.

    Parsers must not read headings, definition markers or habits inside code.
    """
    mask = [False] * len(lines)
    opener: str | None = None
    for i, line in enumerate(lines):
        if opener is None and "`" not in line and "~" not in line:
            continue  # cheap test first: most lines of a glossary open no fence
        m = _FENCE.match(line)
        if opener is None:
            if m:
                opener = m.group(1)
                mask[i] = True
        else:
            mask[i] = True
            closes = m and m.group(1)[0] == opener[0] and len(m.group(1)) >= len(opener)
            if closes and not line.strip().strip(opener[0]):
                opener = None
    return mask


_LINK = re.compile(r"!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
#: A code span: a whole run of backticks, closed by a run of the same length (CommonMark). The
#: look-arounds keep a long run of backticks linear: without them a line of them is cubic.
_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_EMPH = re.compile(r"(\*{1,3}|~~|==|\^\^)(?=\S)(.+?)(?<=\S)\1")
_UNDERSCORE = re.compile(r"(?<![\w\\])(_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
#: Every character one of the patterns above needs; a name without any is already plain.
_MARKUP_CHAR = re.compile(r"[`\[<*~=^_\\]")


def _collapse_spaces(text: str) -> str:
    """Runs of whitespace as one space, none at the ends (``str.split`` and ``\\s`` agree on
    what whitespace is, and splitting is cheaper than a substitution)."""
    return " ".join(text.split())


def plain_text(text: str) -> str:
    """Inline Markdown reduced to the text a reader sees: names are matched as plain text.

    Links and images keep their text, code spans their content; emphasis, strike, mark and HTML
    tags go; backslash escapes are resolved. ``snake_case`` and ``A*`` are left alone.
    """
    if not _MARKUP_CHAR.search(text):  # most names: skip the eight substitutions below
        return _collapse_spaces(text)
    text = _CODE.sub(lambda m: m.group(2).strip(), text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    for _ in range(3):  # nested emphasis: ***a*** or **_a_**
        text = _EMPH.sub(r"\2", text)
        text = _UNDERSCORE.sub(r"\2", text)
    text = _ESCAPE.sub(r"\1", text)
    return _collapse_spaces(text)


def dedupe_aliases(name: str, aliases: list[str]) -> tuple[str, ...]:
    """Aliases without repeats and without the name itself (same matching key)."""
    seen = {match_key(name)}
    out: list[str] = []
    for alias in aliases:
        key = match_key(alias)
        if key and key not in seen:
            seen.add(key)
            out.append(alias.strip())
    return tuple(out)
