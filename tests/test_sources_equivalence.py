"""The shortcuts of the sources and the model give what the plain definitions give.

Loading a 10,000-term glossary must be quick, so a few places take a shorter way than the
obvious one: format detection hands its analysis to the parse, a body is normalised with the
file's fence mask, heading text is cut without a backtracking pattern, ids and keys are built from
string methods. Each test here pins one of them to the plain definition (or to examples of the
inputs where the two could part); none of them times anything.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mkdocs_glossary_plugin.model import make_id, match_key
from mkdocs_glossary_plugin.sources import (
    abbr,
    detect_format,
    headings,
    parse_text,
)
from mkdocs_glossary_plugin.sources._common import Parsed, fence_mask, plain_text, split_lines
from mkdocs_glossary_plugin.sources.headings import find_headings, normalise_body, split_name

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "000_61ca8ec2bf5f38d6.txt"
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def facts(parsed: Parsed) -> tuple[object, ...]:
    """Everything a parse yields, comparable with ``==``."""
    return (
        [vars(t) for t in parsed.terms],
        [(p.message, p.path, p.line, p.level) for p in parsed.problems],
        parsed.title,
    )


# -- detection hands its work to the parse ---------------------------------------------------------


def _texts() -> list[object]:
    files = [
        ROOT / "glossary" / "terms.md",
        *sorted((ROOT / "tests" / "fixtures").rglob("*.md")),
        *([SEED] if SEED.is_file() else []),
    ]
    inline = {
        "deflist.md": "# Terms\n\nApple\n:   A fruit.\n\nPear\nPyrus\n:   Another.\n",
        "abbr.md": "\n*[HTML]: Hyper Text\n*[CSS]: Style\n",
        "one.md": "---\ntitle: [bad\n---\n# Glossary\n## Apple\n: A fruit.\n",
        "crlf.md": "## A\r\n### Apple (사과)\r\n: fruit \\\r\nred\r\n### Pear\r\n---\r\n",
    }
    return [
        *(
            pytest.param(f.name, f.read_text("utf-8"), id=str(f.relative_to(f.parents[1])))
            for f in files
        ),
        *(pytest.param(path, text, id=path) for path, text in inline.items()),
    ]


@pytest.mark.parametrize(("path", "text"), _texts())
def test_detected_parse_is_the_forced_parse(path: str, text: str) -> None:
    """``parse_text`` without a format reads on from detection's analysis; the result must be
    what parsing with the detected format from scratch gives."""
    fmt = detect_format(path, text)
    assert facts(parse_text(text, path)) == facts(parse_text(text, path, fmt))


# -- a body is normalised with the file's fence mask -----------------------------------------------

BODY_LINES = [
    "",
    ": text \\",
    "more text",
    "two spaces  ",
    "* item",
    "1. item",
    "1) not an item",
    "> quote",
    "![empty]()",
    "```",
    "```python",
    "~~~",
    "    code indent",
    "## inside a fence only",
]


@SETTINGS
@given(st.lists(st.lists(st.sampled_from(BODY_LINES), max_size=6), min_size=1, max_size=4))
def test_bodies_read_as_normalise_body_reads_them(bodies: list[list[str]]) -> None:
    """``read`` slices the file's fence mask for each body instead of masking every body again:
    the same, because a body starts right after a heading, outside code."""
    lines = ["## A"]
    for n, body in enumerate(bodies):
        lines += [f"### T{n}", *body]
    mask = fence_mask(lines)
    heading_lines = [i for i, line in enumerate(lines) if line.startswith("### ")]
    # A fence left open swallows the next entry, a '##' outside code ends a body: other cases.
    assume(not any(mask[i] for i in heading_lines))
    assume(all(mask[i] for i, line in enumerate(lines) if line.startswith("## inside")))
    parsed = headings.parse("\n".join(lines), "g.md")
    ends = [*heading_lines[1:], len(lines)]
    expected = [
        normalise_body(lines[i + 1 : end]) for i, end in zip(heading_lines, ends, strict=True)
    ]
    assert [t.definition for t in parsed.terms] == expected


# -- heading text without a backtracking pattern ---------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")


def reference_headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """CommonMark's ATX heading as one (lazy) pattern: the plain definition."""
    mask = fence_mask(lines)
    out = []
    for i, line in enumerate(lines):
        m = None if mask[i] else _ATX.match(line)
        if m:
            out.append((i, len(m.group(1)), (m.group(2) or "").strip()))
    return out


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("## Title ##", "Title"),
        ("## Title #####   ", "Title"),
        ("## Title#", "Title#"),
        ("## C#", "C#"),
        ("## ###", "###"),
        ("## a # #", "a #"),
        ("##\tx\t##\t", "x"),
        ("   ## indented", "indented"),
        ("## x \xa0##", "x \xa0##"),  # only spaces and tabs set a closing run apart
        ("##", ""),
        ("##   ", ""),
    ],
)
def test_heading_text(line: str, text: str) -> None:
    [heading] = find_headings([line])
    assert heading.text == text
    assert [(h.index, h.level, h.text) for h in find_headings([line])] == reference_headings([line])


@pytest.mark.parametrize("line", ["####### seven", "#hashtag", "    ## code", "\t## tab"])
def test_not_a_heading(line: str) -> None:
    assert find_headings([line]) == reference_headings([line]) == []


@SETTINGS
@given(
    st.lists(
        st.builds(
            lambda indent, marks, rest: indent + marks + rest,
            st.sampled_from(["", " ", "   ", "    "]),
            st.sampled_from(["", "#", "##", "######", "#######"]),
            st.text(alphabet=" \t#ax가\xa0`(){}", max_size=10),
        ),
        max_size=6,
    )
)
def test_headings_match_the_plain_pattern(lines: list[str]) -> None:
    assert [(h.index, h.level, h.text) for h in find_headings(lines)] == reference_headings(lines)


# -- names: parenthesised parts, ids, keys, plain text ---------------------------------------------


@pytest.mark.parametrize(
    ("heading", "result"),
    [
        ("A (b (c), d)", ("A (b (c), d)", "A", ())),  # nested: not an alias list
        ("Foo (bar)（baz）", ("Foo (bar)", "Foo (bar)", ("baz",))),  # only the last part counts
        ("Gate ((G))", ("Gate ((G))", "Gate", ())),
        ("Odd (a))", ("Odd (a))", "Odd (a))", ())),  # unbalanced: kept as written
        ("x)", ("x)", "x)", ())),
        ("Loss（손실、비용）", ("Loss", "Loss", ("손실", "비용"))),
    ],
)
def test_split_name_finds_the_right_parenthesis(
    heading: str, result: tuple[str, str, tuple[str, ...]]
) -> None:
    assert split_name(heading) == result


NAME_TEXT = st.text(alphabet="aZ é\u0301_-‐‑ \t\xa0\x1c!·1½Ⅷß가__", max_size=12)


@SETTINGS
@given(NAME_TEXT)
def test_make_id_is_word_runs_joined_by_hyphens(name: str) -> None:
    text = unicodedata.normalize("NFC", name).casefold()
    assert make_id(name) == (re.sub(r"[\W_]+", "-", text).strip("-") or "term")


@SETTINGS
@given(NAME_TEXT)
def test_match_key_folds_separator_runs(name: str) -> None:
    text = unicodedata.normalize("NFC", name).casefold()
    assert match_key(name) == re.sub(r"[\s\-‐‑]+", " ", text).strip()


@SETTINGS
@given(st.text(alphabet="ab \t\xa0\u2003\x1c\n*_`[]()<>\\", max_size=16))
def test_plain_text_collapses_whitespace_as_a_substitution_would(text: str) -> None:
    plain = plain_text(text)
    assert plain == re.sub(r"\s+", " ", plain).strip()
    if not re.search(r"[`\[<*~=^_\\]", text):  # no markup: only whitespace changes
        assert plain == re.sub(r"\s+", " ", text).strip()


# -- abbreviation files are recognised by their first line -----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*[A]: b\n", True),
        ("\n \t\r\n*[A]: b\r\n\r\n*[C]: d", True),
        ("\x1c\n*[A]: b", True),  # a line of other whitespace is blank too
        (" *[A]: b\n", False),  # indented: not an abbreviation line
        ("*[A]: b\nnot one\n", False),
        ("---\n*[A]: b\n", False),
        ("", False),
        ("\n\n", False),
    ],
)
def test_abbreviation_lines(text: str, expected: bool) -> None:
    assert abbr.looks_like(text) is expected
    lines = [line for line in split_lines(text) if line.strip()]
    every = all(re.match(r"\*\[[^\]]+\][ ]?:", line) for line in lines)
    assert (bool(lines) and every) is expected  # the plain definition
