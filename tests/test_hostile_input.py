"""Hostile and odd glossary sources: each gives a clear message or the right terms, never a
traceback, never a silently lost term.

Source level first (``load``/``parse_text`` -> ``Glossary``: fast, one case per row), then a few
real builds: one site that reads every odd-but-valid source at once, and one subprocess build per
source that must stop the build (binary file, directory, symbolic-link loop, broken link).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Builder, build_log, content_of, glossary_links, html_of

from mkdocs_glossary_plugin.matching import Matcher
from mkdocs_glossary_plugin.model import Glossary
from mkdocs_glossary_plugin.sources import SourceError, load, parse_text


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return target


def summary(glossary: Glossary) -> list[tuple[str, tuple[str, ...], str, int]]:
    """What a reader of the index would see of each term, and where it came from."""
    return [(t.name, t.aliases, t.definition, t.line) for t in glossary]


# -- BOM, CRLF and lone CR: the same terms, definitions and lines as LF ----------------------------

# Each format: three terms (one with two aliases and a two-paragraph definition), the third a
# duplicate of the first, so the duplicate warning names two lines of the file.
FORMATS: dict[str, tuple[str, str, list[tuple[str, tuple[str, ...], str, int]]]] = {
    "headings": (
        "g.md",
        "---\ntitle: 용어\n---\n## A\n### Apple (사과, 능금)\n: A fruit. \\\nRed or green.\n\n"
        "    code line\n\n### Banana\n: yellow\n### apple\n: again\n",
        [
            ("Apple", ("사과", "능금"), "A fruit.  \nRed or green.\n\n    code line", 5),
            ("Banana", (), "yellow", 11),
            ("apple", (), "again", 13),
        ],
    ),
    "deflist": (
        "terms.md",
        "Apple\n사과\n능금\n:   A fruit.\n\n    Red or green.\n\nBanana\n:   yellow\n\n"
        "apple\n:   again\n",
        [
            ("Apple", ("사과", "능금"), "A fruit.\n\nRed or green.", 1),
            ("Banana", (), "yellow", 8),
            ("apple", (), "again", 11),
        ],
    ),
    "yaml": (
        "g.yml",
        "- term: Apple\n  aliases: [사과, 능금]\n  definition: |\n    A fruit.\n\n"
        "    Red or green.\n- term: Banana\n  definition: yellow\n- term: apple\n"
        "  definition: again\n",
        [
            ("Apple", ("사과", "능금"), "A fruit.\n\nRed or green.", 1),
            ("Banana", (), "yellow", 7),
            ("apple", (), "again", 9),
        ],
    ),
    "json": (
        "g.json",
        '[\n  {"term": "Apple", "aliases": ["사과", "능금"],\n'
        '   "definition": "A fruit.\\n\\nRed or green."},\n'
        '  {"term": "Banana", "definition": "yellow"},\n'
        '  {"term": "apple", "definition": "again"}\n]\n',
        [
            ("Apple", ("사과", "능금"), "A fruit.\n\nRed or green.", 2),
            ("Banana", (), "yellow", 4),
            ("apple", (), "again", 5),
        ],
    ),
    "abbr": (
        "abbr.md",
        "*[Apple]: A fruit.\n*[Banana]: yellow\n\n*[apple]: again\n",
        [("Apple", (), "A fruit.", 1), ("Banana", (), "yellow", 2), ("apple", (), "again", 4)],
    ),
}

LINE_ENDS: dict[str, Callable[[str], str]] = {
    "lf": lambda s: s,
    "crlf": lambda s: s.replace("\n", "\r\n"),
    "cr": lambda s: s.replace("\n", "\r"),
    "bom-lf": lambda s: "\ufeff" + s,
    "bom-crlf": lambda s: "\ufeff" + s.replace("\n", "\r\n"),
    "bom-cr": lambda s: "\ufeff" + s.replace("\n", "\r"),
}


@pytest.mark.parametrize("ends", LINE_ENDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_bom_and_line_ends_keep_every_term_and_line(tmp_path: Path, fmt: str, ends: str) -> None:
    """A file saved with a byte-order mark, Windows (CRLF) or old Mac (CR) line ends gives the
    same terms, definitions (with ``\\n`` line ends) and line numbers as the LF file; the first
    term is not lost to the BOM, and the duplicate warning names the right lines."""
    name, text, expected = FORMATS[fmt]
    write(tmp_path, name, LINE_ENDS[ends](text))
    g = load([name], str(tmp_path))
    assert summary(g) == expected
    first, _, third = expected
    assert [str(p) for p in g.problems if p.level == "warning"] == [
        f"{name}:{third[3]}: the term 'apple' is defined twice (first at {name}:{first[3]}); "
        "mentions of 'apple' link to the first one ('Apple'). Rename or remove one of them"
    ]
    if fmt == "headings":
        assert g.title == "용어"


@pytest.mark.parametrize("fmt", FORMATS)
def test_bom_in_text_handed_over_by_a_host(fmt: str) -> None:
    """``parse_text`` gets text a host decoded itself, BOM included: the BOM is not part of the
    first name (``\\ufeff## A`` is no heading, ``\\ufeff[`` is no JSON), no term is lost."""
    name, text, expected = FORMATS[fmt]
    parsed = parse_text("\ufeff" + text.replace("\n", "\r\n"), name)
    assert [(t.name, t.aliases, t.definition, t.line) for t in parsed.terms] == expected


ERROR_LINES: list[tuple[str, str, int, str]] = [
    # (file, LF text, line of the message, key phrase)
    ("g.yml", "- term: A\n\n  definition: [unclosed\n- term: B\n", 4, "YAML syntax error"),
    ("g.json", '[\n  {"term": "A"},\n\n  {"term": "B",}\n]\n', 4, "JSON syntax error"),
    ("g.yml", "- term: A\n\n- definition: no term\n", 3, "entry 2 has no 'term'"),
]


@pytest.mark.parametrize("ends", LINE_ENDS)
@pytest.mark.parametrize(("name", "text", "line", "phrase"), ERROR_LINES)
def test_error_lines_do_not_depend_on_line_ends(
    tmp_path: Path, ends: str, name: str, text: str, line: int, phrase: str
) -> None:
    """The line of an error is the line an editor shows, whatever the line ends (the JSON
    parser counts only ``\\n``: a CR-only file used to be all line 1)."""
    write(tmp_path, name, LINE_ENDS[ends](text))
    with pytest.raises(SourceError) as info:
        load([name], str(tmp_path))
    assert (info.value.path, info.value.line) == (name, line)
    assert phrase in info.value.message


@pytest.mark.parametrize("ends", LINE_ENDS)
def test_problem_lines_do_not_depend_on_line_ends(tmp_path: Path, ends: str) -> None:
    """Warnings found inside a Markdown source (invalid front matter, a definition without a
    term, a line that is no abbreviation) name the same line with every kind of line end."""
    write(tmp_path, "h.md", LINE_ENDS[ends]("---\ntitle: [x\n---\n## A\n### Apple\n: x\n"))
    write(tmp_path, "d.md", LINE_ENDS[ends]("Intro.\n\n\n:   orphan\n\nBanana\n:   x\n"))
    write(tmp_path, "a.md", LINE_ENDS[ends]("*[HTML]: Hyper Text\n\nnot one\n"))
    g = load(["h.md", "d.md", {"path": "a.md", "format": "abbr"}], str(tmp_path))
    where = [(p.path, p.line) for p in g.problems]
    assert where == [("h.md", 2), ("d.md", 4), ("a.md", 3)], g.problems
    assert "front matter is not valid YAML" in g.problems[0].message
    assert "without a term line before it" in g.problems[1].message
    assert "not an abbreviation line" in g.problems[2].message


@pytest.mark.parametrize("ends", ["lf", "crlf", "cr"])
def test_undecodable_byte_line_counts_every_line_end(tmp_path: Path, ends: str) -> None:
    """The line and column of a byte that is not UTF-8 are counted as an editor counts them:
    CR-only files too, and the column in characters (the Hangul before it is one each)."""
    head = LINE_ENDS[ends]("## A\n### Apple\n: 사과\n### 사과 ").encode("utf-8")
    write(tmp_path, "g.md", head + "바나나\n".encode("euc-kr"))
    with pytest.raises(SourceError) as info:
        load(["g.md"], str(tmp_path))
    assert (info.value.path, info.value.line) == ("g.md", 4)
    assert info.value.message.startswith("is not UTF-8 text: byte 0xb9 at column 8 is not valid")
    assert "re-save the file as UTF-8" in info.value.message


# -- NFD Hangul, tabs, very long names -------------------------------------------------------------

NFD_SOURCES = {
    "g.md": f"## ㅈ\n### {nfd('정규화')} ({nfd('배치 정규화')})\n: {nfd('값을 맞춘다')}.\n",
    "d.md": f"{nfd('정규화')}\n{nfd('배치 정규화')}\n:   {nfd('값을 맞춘다')}.\n",
    "g.yml": f"- term: {nfd('정규화')}\n  aliases: [{nfd('배치 정규화')}]\n  definition: x\n",
    "g.json": f'[{{"term": "{nfd("정규화")}", "aliases": ["{nfd("배치 정규화")}"]}}]',
    "a.md": f"*[{nfd('정규화')}]: x\n",
}


@pytest.mark.parametrize("name", NFD_SOURCES)
def test_nfd_hangul_names_are_compared_in_nfc(tmp_path: Path, name: str) -> None:
    """A glossary saved in NFD (macOS file names pasted, some editors) gives NFC names, aliases
    and ids, so lookups and the matcher find the NFC and the NFD spelling alike."""
    write(tmp_path, name, NFD_SOURCES[name])
    g = load([name], str(tmp_path))
    [term] = g.terms
    assert term.name == "정규화" and term.id == "정규화"
    assert g.lookup(nfd("정규화")) is term and g.lookup("정규화") is term
    if name != "a.md":
        assert term.aliases == ("배치 정규화",)
        assert g.lookup(nfd("배치 정규화")) is term
    matches = Matcher(g.terms).find(nfd("정규화는 중요하다"))
    assert [(m.start, m.end, m.term_id) for m in matches] == [(0, len(nfd("정규화")), "정규화")]


def test_tabs_in_names_and_bodies() -> None:
    """A tab is white space like any other: between ``###`` and the name, inside a name or an
    alias list (one space), after a ``:`` marker; a tab-indented body line stays indented (it
    is Markdown: code or a nested block), a tab-indented definition-list paragraph is one."""
    headings = parse_text(
        "## A\n###\tApple\tPie (사과,\t능금)\n:\tA fruit.\n\n\tcode line\n### Banana\n: y\n", "g.md"
    )
    assert [(t.name, t.aliases, t.definition, t.line) for t in headings.terms] == [
        ("Apple Pie", ("사과", "능금"), "A fruit.\n\n\tcode line", 2),
        ("Banana", (), "y", 6),
    ]
    deflist = parse_text("Apple\tPie\n능금\n:\tA fruit.\n\n\tSecond.\n\nBanana\n:   y\n", "d.md")
    assert [(t.name, t.aliases, t.definition, t.line) for t in deflist.terms] == [
        ("Apple Pie", ("능금",), "A fruit.\n\nSecond.", 1),
        ("Banana", (), "y", 7),
    ]
    abbr = parse_text("*[Apple\tPie]:\tA fruit.\n", "a.md")
    assert [(t.name, t.definition) for t in abbr.terms] == [("Apple Pie", "A fruit.")]


def test_tab_indented_yaml_names_the_line_and_the_fix() -> None:
    """YAML forbids tabs as indentation: the message names the line and says to use spaces."""
    with pytest.raises(SourceError) as info:
        parse_text("- term: A\n\tdefinition: x\n", "g.yml")
    assert (info.value.path, info.value.line) == ("g.yml", 2)
    assert "indent with spaces" in info.value.message


LONG_NAME = "가" * 999 + "나"  # 1,000 characters
LONG_ALIAS = "x" * 1000


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("g.yml", f"- term: {LONG_NAME}\n  aliases: [{LONG_ALIAS}]\n  definition: d\n"),
        ("g.json", f'[{{"term": "{LONG_NAME}", "aliases": ["{LONG_ALIAS}"], "definition": "d"}}]'),
        ("d.md", f"{LONG_NAME}\n{LONG_ALIAS}\n:   d\n"),
    ],
)
def test_thousand_character_name_and_alias(tmp_path: Path, name: str, text: str) -> None:
    """A 1,000-character name and a 1,000-character alias are kept whole, get an id, and are
    found in a text (nothing in the sources or the matcher truncates them)."""
    write(tmp_path, name, text)
    g = load([name], str(tmp_path))
    [term] = g.terms
    assert (term.name, term.aliases, term.id) == (LONG_NAME, (LONG_ALIAS,), LONG_NAME)
    matcher = Matcher(g.terms)
    text = f"앞 {LONG_NAME}은 뒤, and {LONG_ALIAS}."
    assert [(m.key, m.term_id) for m in matcher.find(text)] == [
        (LONG_NAME, term.id),
        (LONG_ALIAS, term.id),
    ]


def test_thousand_character_heading_and_parenthesised_part() -> None:
    """In a heading, a 1,000-character name is a term; a trailing parenthesised part longer
    than an alias can be (64 characters) is not an alias list: it stays in the display name,
    shown on the index, and nothing of it is lost."""
    parsed = parse_text(f"## A\n### {LONG_NAME}\n: d\n### Short ({LONG_ALIAS})\n: e\n", "g.md")
    long, short = parsed.terms
    assert (long.name, long.line) == (LONG_NAME, 2)
    assert (short.name, short.display_name, short.aliases) == (
        "Short",
        f"Short ({LONG_ALIAS})",
        (),
    )


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("`" * 5000, "`" * 5000),  # one run: no code span (no closing run)
        ("``a`` and `b`", "a and b"),  # code spans closed by runs of their own length
        ("`a`` b", "`a`` b"),  # CommonMark: runs of different lengths do not pair
    ],
)
def test_backtick_runs_in_names(heading: str, name: str) -> None:
    """Code spans in a name follow CommonMark (a run is closed by a run of the same length),
    which also keeps a heading made of thousands of backticks quick to read."""
    [term] = parse_text(f"## A\n### {heading}\n: d\n### Other\n: e\n", "g.md").terms[:1]
    assert term.name == name


# -- two terms sharing an alias, a term that is a prefix of another --------------------------------


def test_shared_alias_goes_to_the_first_term_in_source_order(tmp_path: Path) -> None:
    """Two terms with the same alias: one warning naming both places (file:line) and the term
    that keeps the alias, the first in the order of ``source``; listing the files the other way
    round gives it to the other term (deterministic, never by chance)."""
    write(tmp_path, "a.md", "## A\n### Adam (옵티마이저)\n: a\n")
    write(tmp_path, "b.yml", "- term: Momentum\n- term: SGD\n  aliases: [옵티마이저]\n")
    g = load(["a.md", "b.yml"], str(tmp_path))
    assert [str(p) for p in g.problems] == [
        "b.yml:2: the alias '옵티마이저' of 'SGD' is also an alias of 'Adam' (first at a.md:2); "
        "mentions of '옵티마이저' link to the first one ('Adam'). Rename or remove one of them"
    ]
    assert len(g) == 3 and g.lookup("옵티마이저") is g.get("adam")
    sgd = g.get("sgd")
    assert sgd is not None and sgd.aliases == ("옵티마이저",)  # still listed under SGD
    [match] = Matcher(g.terms).find("옵티마이저를 고른다")
    assert match.term_id == "adam"

    swapped = load(["b.yml", "a.md"], str(tmp_path))
    assert [str(p) for p in swapped.problems] == [
        "a.md:2: the alias '옵티마이저' of 'Adam' is also an alias of 'SGD' (first at b.yml:2); "
        "mentions of '옵티마이저' link to the first one ('SGD'). Rename or remove one of them"
    ]
    [match] = Matcher(swapped.terms).find("옵티마이저를 고른다")
    assert match.term_id == "sgd"


def test_prefix_terms_are_both_kept_and_longest_wins() -> None:
    """``Residual`` and ``Residual Block`` are two terms (no duplicate warning); in a text the
    longer one wins where both start, the shorter one still matches alone."""
    g = Glossary(parse_text("## R\n### Residual\n: r\n### Residual Block\n: rb\n", "g.md").terms)
    assert [t.id for t in g] == ["residual", "residual-block"] and not g.problems
    found = Matcher(g.terms).find("A Residual Block adds the residual.")
    assert [(m.key, m.term_id) for m in found] == [
        ("Residual Block", "residual-block"),
        ("Residual", "residual"),
    ]


# -- 50,000 terms ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_fifty_thousand_terms(tmp_path: Path) -> None:
    """50,000 terms in YAML and in headings load whole, with 50,000 unique ids, and a matcher
    compiled from them links a paragraph (index speed at that size is measured elsewhere)."""
    n = 50_000
    # Entries with a name only: PyYAML's pure-Python loader is most of this test's time.
    yml = "".join(f"- term: yterm{i:05d} alpha\n" for i in range(n))
    md = "## H\n" + "".join(f"### 용어{i:05d} 베타\n: 정의 {i}\n" for i in range(n))
    write(tmp_path, "big.yml", yml)
    write(tmp_path, "big.md", md)
    g = load(["big.yml", "big.md"], str(tmp_path))
    assert len(g) == 2 * n and len({t.id for t in g}) == 2 * n
    assert not [p for p in g.problems if p.level == "warning"]
    assert g.terms[n - 1].name == f"yterm{n - 1:05d} alpha" and g.terms[-1].line == 2 * n
    paragraph = "yterm00007 alpha와 용어49999 베타를 쓰고, yterm49999 alphas도 쓴다."
    found = Matcher(g.terms).find(paragraph)
    assert [m.term_id for m in found] == ["yterm00007-alpha", "용어49999-베타", "yterm49999-alpha"]


# -- empty, binary, not a file ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["e.md", "e.yml", "e.yaml", "e.json", "e.txt", "e"])
@pytest.mark.parametrize("content", [b"", b"\n\r\n  \t\n", b"\xef\xbb\xbf"])
def test_empty_file_is_a_warning_naming_it(tmp_path: Path, name: str, content: bytes) -> None:
    """An empty source (nothing, only white space, only a BOM) is almost surely a mistake, but
    a build can survive it: a warning naming the file (``--strict`` fails), the other sources'
    terms all read."""
    write(tmp_path, name, content)
    write(tmp_path, "g.yml", "- term: Apple\n")
    g = load([name, "g.yml"], str(tmp_path))
    assert [t.name for t in g] == ["Apple"]
    assert [(str(p), p.level) for p in g.problems] == [
        (f"{name}: the file is empty: no terms are read from it; add terms, or remove it from "
         "'source'", "warning"),
    ]  # fmt: skip


def test_source_without_terms_is_not_called_empty(tmp_path: Path) -> None:
    """A file with content but no term (an empty YAML list, only a comment) says so, not that
    the file is empty."""
    write(tmp_path, "g.yml", "# terms to come\n[]\n")
    g = load(["g.yml"], str(tmp_path))
    assert [str(p) for p in g.problems] == ["g.yml: no terms found in this glossary source"]


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"


@pytest.mark.parametrize(
    ("name", "content", "line", "phrase"),
    [
        ("g.md", PNG, None, "is not UTF-8 text: it is a PNG image; 'source' takes text files"),
        ("g.yml", b"\xff\xd8\xff\xe0\x00\x10JFIF", None, "is not UTF-8 text: it is a JPEG image"),
        ("g.md", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", None, "is not UTF-8 text: it is a PDF document"),
        ("g.md", b"PK\x03\x04\x14\x00", None, "is not UTF-8 text: it is a ZIP archive (a .docx"),
        (
            "g.md",
            "## A\n### Apple\n: x\n".encode("utf-16"),
            None,
            "is not UTF-8 text: it is UTF-16 text (it starts with a UTF-16 byte-order mark); "
            "re-save it as UTF-8",
        ),
        (
            "g.md",
            "## A\n### Apple\n".encode("utf-16-le"),
            1,
            "is not UTF-8 text: it contains NUL bytes (the first at column 2)",
        ),
        (
            "g.md",
            b"## A\r\n### Ap\x00ple\r\n: x\r\n",
            2,
            "contains NUL bytes (the first at column 7)",
        ),
        ("g.json", b'[{"term": "caf\xe9"}]', 1, "is not UTF-8 text: byte 0xe9 at column 15"),
    ],
)
def test_binary_or_non_utf8_file(
    tmp_path: Path, name: str, content: bytes, line: int | None, phrase: str
) -> None:
    """A file that is not UTF-8 text (an image, a PDF or Word original, UTF-16, a stray NUL)
    stops the build with what the file seems to be and how to fix it; nothing of it is read as
    terms (a NUL inside a name used to become part of the name)."""
    write(tmp_path, name, content)
    with pytest.raises(SourceError) as info:
        load([name], str(tmp_path))
    assert (info.value.path, info.value.line) == (name, line)
    assert phrase in info.value.message, info.value.message
    assert "UTF-8" in info.value.message.split(":", 1)[1]  # the fix names the encoding


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symbolic_link_loop_and_broken_link(tmp_path: Path) -> None:
    """A loop of symbolic links and a link to nothing are named as such, with the chain of
    links, instead of a misleading "file not found"."""
    (tmp_path / "a.md").symlink_to("b.md")
    (tmp_path / "b.md").symlink_to("a.md")
    (tmp_path / "c.md").symlink_to("gone.md")
    with pytest.raises(SourceError) as info:
        load(["a.md"], str(tmp_path))
    assert str(info.value) == (
        f"a.md: is a loop of symbolic links ({tmp_path / 'a.md'} -> b.md -> a.md): no file at "
        "the end of it; point 'source' at the glossary file itself, or fix the links"
    )
    with pytest.raises(SourceError) as info:
        load(["c.md"], str(tmp_path))
    assert str(info.value) == (
        f"c.md: is a broken symbolic link ({tmp_path / 'c.md'} -> gone.md): its target does "
        "not exist; fix the link, or point 'source' at the glossary file itself"
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symbolic_link_to_a_listed_file_is_read_once(tmp_path: Path) -> None:
    """A link to a file that ``source`` already lists is that file: read once (an INFO-free
    warning), not twice with a duplicate warning for every term."""
    write(tmp_path, "g.md", "## A\n### Apple\n: x\n### Banana\n: y\n")
    (tmp_path / "link.md").symlink_to("g.md")
    g = load(["g.md", "link.md"], str(tmp_path))
    assert [t.name for t in g] == ["Apple", "Banana"]
    assert [str(p) for p in g.problems] == [
        "link.md: listed twice in 'source' (as 'g.md'); read once"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_not_read(tmp_path: Path) -> None:
    """Reading a named pipe (or a device) would hang the build or never end: refused, before
    it is opened. (A writer feeds the pipe, so that reading it would return a glossary, not
    hang, if the check were gone.)"""
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)

    def feed() -> None:
        with contextlib.suppress(OSError), open(pipe, "w", encoding="utf-8") as fh:
            fh.write("## A\n### Apple\n: x\n")

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        with pytest.raises(SourceError) as info:
            load(["pipe.md"], str(tmp_path))
    finally:
        reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # lets the writer finish
        writer.join()
        os.close(reader)
    assert str(info.value).startswith("pipe.md: is not a regular file (")
    assert "is a named pipe, a socket or a device); 'source' takes text files" in str(info.value)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_unreadable_file(tmp_path: Path) -> None:
    """A file the build may not read: the reason from the system and what to check.

    Root reads any file whatever its mode (the capabilities ``CAP_DAC_OVERRIDE`` and
    ``CAP_DAC_READ_SEARCH``), and CI runs as root: the load then runs in a child process started
    by util-linux's ``setpriv`` without those two capabilities, so the file's mode applies."""
    target = write(tmp_path, "g.md", "## A\n### Apple\n: x\n")
    target.chmod(0)
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            if os.environ.get("CI") == "true":
                pytest.fail("setpriv (util-linux) is needed to test an unreadable file as root")
            pytest.skip("running as root without setpriv (util-linux): root reads any file")
        drop = "-dac_override,-dac_read_search"
        prefix = [setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}", "--"]
    code = (
        "from mkdocs_glossary_plugin.sources import SourceError, load\n"
        "try:\n"
        f"    load(['g.md'], {str(tmp_path)!r})\n"
        "except SourceError as exc:\n"
        "    print(exc)\n"
    )
    try:
        proc = subprocess.run(
            [*prefix, sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
    finally:
        target.chmod(0o644)
    message = proc.stdout.strip()
    assert "Traceback" not in proc.stderr, proc.stderr
    assert message.startswith("g.md: cannot be read: Permission denied ("), message
    assert "check that the user running mkdocs may read it" in message


# -- real builds -----------------------------------------------------------------------------------

ODD_PAGE = (
    nfd("정규화는 값을 맞춘다. 배치 정규화를 쓴다.")
    + "\n\nA Residual Block adds the Residual. We use 옵티마이저를 and Apple Pie.\n\n"
    + f"긴 이름: {LONG_NAME}은 길다. RDBMS too.\n"
)


@pytest.mark.slow
def test_site_reads_every_odd_source(build_site: Builder) -> None:
    """One site whose sources are all odd but valid (BOM, CRLF, lone CR, NFD, tabs, a
    1,000-character name, an empty file, a shared alias, prefix terms): every term is loaded
    (counted in the summary), the page is linked as the pure tests promise, the NFD text of the
    page is kept byte for byte, and the build reports the empty file and the shared alias."""
    files = {
        "./g.md": "\ufeff"
        + (
            f"## ㅈ\n### {nfd('정규화')} ({nfd('배치 정규화')})\n: {nfd('값의 범위를 맞춘다')}.\n"
            "## R\n### Residual\n: r\n### Residual Block\n: rb\n"
            f"## ㄱ\n### {LONG_NAME}\n: 긴 정의.\n"
        ).replace("\n", "\r\n"),
        "./g.yml": "- term: Adam\r  aliases: [옵티마이저]\r- term: SGD\r  aliases: [옵티마이저]\r",
        "./g.json": '\ufeff[\r\n  {"term": "Apple\\tPie", "definition": "ap"}\r\n]\r\n',
        "./abbr.md": "\ufeff*[RDBMS]:\tRelational database\r",
        "./empty.md": "",
        "index.md": ODD_PAGE,
    }
    sources = ["g.md", "g.yml", "g.json", "abbr.md", "empty.md"]
    site = build_site(files, {"plugins": [{"glossary": {"source": sources, "link": "all"}}]})
    log = build_log(site)
    assert any("glossary: 8 terms loaded, " in line for line in log), log
    warnings = [line for line in log if line.startswith("WARNING")]
    assert warnings == [
        "WARNING mkdocs.plugins.glossary: glossary: empty.md: the file is empty: no terms are "
        "read from it; add terms, or remove it from 'source'",
        "WARNING mkdocs.plugins.glossary: glossary: g.yml:3: the alias '옵티마이저' of 'SGD' is "
        "also an alias of 'Adam' (first at g.yml:1); mentions of '옵티마이저' link to the first "
        "one ('Adam'). Rename or remove one of them",
    ]
    content = content_of(html_of(site, ""))
    links = [(a.get_text(), a["href"].split("#")[1]) for a in glossary_links(content)]
    assert links == [
        (nfd("정규화"), "정규화"),
        (nfd("배치 정규화"), "정규화"),
        ("Residual Block", "residual-block"),
        ("Residual", "residual"),
        ("옵티마이저", "adam"),
        ("Apple Pie", "apple-pie"),
        (LONG_NAME, LONG_NAME),
        ("RDBMS", "rdbms"),
    ]
    paragraphs = [p.get_text() for p in content.select("p")]
    assert paragraphs[0] == nfd("정규화는 값을 맞춘다. 배치 정규화를 쓴다.")  # still NFD
    index = html_of(site, "glossary/")
    assert index.select_one(f"h3[id='{LONG_NAME}']") is not None
    assert index.select_one("h3[id='정규화']") is not None


FAILING: dict[str, tuple[dict[str, str], str]] = {
    # name: (text files to write, the message after "ERROR" in the build's output)
    "binary": ({}, "glossary: glossary.png: is not UTF-8 text: it is a PNG image; 'source' takes"),
    "directory": ({"./terms/a.md": "x"}, "glossary: terms: is a directory ({project}/terms); "),
    "loop": ({}, "glossary: loop.md: is a loop of symbolic links ({project}/loop.md -> "),
    "broken": ({}, "glossary: broken.md: is a broken symbolic link ({project}/broken.md -> "),
}
SOURCE_OF = {
    "binary": "glossary.png",
    "directory": "terms",
    "loop": "loop.md",
    "broken": "broken.md",
}


@pytest.mark.slow
@pytest.mark.parametrize("case", FAILING)
def test_site_stops_on_unreadable_source_without_traceback(
    tmp_path: Path, build_site: Builder, case: str
) -> None:
    """A source that cannot be read stops ``mkdocs build`` (run as a user runs it, in its own
    process) with one ERROR line naming the file and the fix, and no Python traceback."""
    project = tmp_path / "project1"  # the folder build_site writes its first project into
    project.mkdir()
    if case == "binary":
        (project / "glossary.png").write_bytes(PNG)
    elif case == "loop":
        (project / "loop.md").symlink_to("loop2.md")
        (project / "loop2.md").symlink_to("loop.md")
    elif case == "broken":
        (project / "broken.md").symlink_to("nowhere/glossary.md")
    files, message = FAILING[case]
    config = {"plugins": [{"glossary": {"source": SOURCE_OF[case]}}]}
    with pytest.raises(subprocess.CalledProcessError):
        build_site({**files, "index.md": "# Home\n"}, config, in_process=False)
    output = (project / "build.log").read_text("utf-8")
    assert "Traceback" not in output
    assert f"ERROR   -  {message.format(project=project)}" in output, output
    assert "Aborted with a BuildError" in output
