"""Definition lists, YAML/JSON, abbreviation lines, format detection and merging (GUIDE §3, §12)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from mkdocs_glossary_plugin.sources import (
    SourceError,
    abbr,
    data,
    deflist,
    detect_format,
    load,
    parse_text,
)

# -- definition lists ------------------------------------------------------------------------------

DEFLIST = """\
---
title: Terms
---
# Glossary

Some introduction that is not a term.

Stochastic Gradient Descent
SGD
:   One step per mini-batch.
    Still the same paragraph.

    A second paragraph.

:   A second definition of the same term.

*Apple*
:   A fruit.
lazy continuation

Orange

:   Loose: a blank line before the marker.
Banana
:   Yellow.

```
Code
:   not a definition
```
"""


def test_deflist_entries() -> None:
    parsed = deflist.parse(DEFLIST, "g.md")
    got = [(t.name, t.aliases, t.line) for t in parsed.terms]
    assert got == [
        ("Stochastic Gradient Descent", ("SGD",), 8),
        ("Apple", (), 17),
        ("Orange", (), 21),
        ("Banana", (), 24),
    ]
    assert parsed.title == "Terms" and parsed.problems == []
    sgd = parsed.terms[0]
    assert sgd.definition == (
        "One step per mini-batch.\nStill the same paragraph.\n\nA second paragraph.\n\n"
        "A second definition of the same term."
    )
    assert parsed.terms[1].definition == "A fruit.\nlazy continuation"
    assert parsed.terms[2].definition == "Loose: a blank line before the marker."


def test_deflist_matches_python_markdown() -> None:
    """Our reading agrees with Python-Markdown's def_list on names and definition text."""
    text = DEFLIST.replace("\nBanana", "\n\nBanana")  # see the next test for the difference
    html = markdown.markdown(text.split("---\n", 2)[2], extensions=["def_list", "fenced_code"])
    groups: list[tuple[list[str], list[str]]] = []
    for el in BeautifulSoup(html, "html.parser").select("dl > dt, dl > dd"):
        if el.name == "dt":
            if not groups or groups[-1][1]:
                groups.append(([], []))
            groups[-1][0].append(el.get_text())
        else:
            groups[-1][1].extend(el.get_text().split())
    ours = [
        (
            list(t.keys),
            BeautifulSoup(markdown.markdown(t.definition), "html.parser").get_text().split(),
        )
        for t in deflist.parse(DEFLIST, "g.md").terms
    ]
    assert ours == groups


def test_deflist_title_from_lone_h1() -> None:
    assert deflist.parse("# My terms\n\nApple\n:   red\n", "g.md").title == "My terms"
    assert deflist.parse(DEFLIST, "g.md").title == "Terms"  # front matter first


def test_deflist_orphan_marker_is_reported() -> None:
    parsed = deflist.parse("# Heading\n:   orphan\n\nTerm\n:   def\n\n\n:   second\n", "g.md")
    assert [(t.name, t.definition) for t in parsed.terms] == [("Term", "def\n\nsecond")]
    [problem] = parsed.problems
    assert (problem.line, problem.level) == (2, "warning")
    assert "without a term" in problem.message


def test_deflist_next_term_right_after_a_definition() -> None:
    """Deliberate difference: Python-Markdown would nest 'Banana' inside Apple's definition."""
    parsed = deflist.parse("Apple\n:   red\nBanana\n:   yellow\n", "g.md")
    assert [(t.name, t.definition) for t in parsed.terms] == [
        ("Apple", "red"),
        ("Banana", "yellow"),
    ]


# -- abbreviation lines ----------------------------------------------------------------------------


def test_abbr_lines() -> None:
    text = "*[HTML]: Hyper Text Markup Language\n\n*[W3C]:  World Wide Web Consortium \n*[TBD]:\n"
    parsed = abbr.parse(text, "abbr.md")
    got = [(t.name, t.definition, t.line) for t in parsed.terms]
    assert got == [
        ("HTML", "Hyper Text Markup Language", 1),
        ("W3C", "World Wide Web Consortium", 3),
        ("TBD", "", 4),
    ]
    assert parsed.problems == []


def test_abbr_forced_reports_other_lines() -> None:
    parsed = parse_text("*[HTML]: Hyper Text\nnot an abbreviation\n", "a.md", "abbr")
    assert [t.name for t in parsed.terms] == ["HTML"]
    assert [(p.line, p.level) for p in parsed.problems] == [(2, "warning")]


# -- YAML and JSON ---------------------------------------------------------------------------------

YAML_ENTRIES = """\
# a comment
- term: Stochastic Gradient Descent
  aliases: [SGD, 확률적 경사하강법]
  definition: |
    One step per mini-batch.

    * a list
  summary: Gradient descent on mini-batches.
  id: sgd
  sort_key: SGD
- term: ResNet
  link: false
  case_sensitive: true
- term: Dropout
  definition: null
"""


def test_yaml_entries() -> None:
    parsed = data.parse(YAML_ENTRIES, "g.yml")
    sgd, resnet, dropout = parsed.terms
    assert (sgd.name, sgd.aliases, sgd.id, sgd.explicit_id) == (
        "Stochastic Gradient Descent", ("SGD", "확률적 경사하강법"), "sgd", True,
    )  # fmt: skip
    assert sgd.definition == "One step per mini-batch.\n\n* a list"
    assert sgd.summary == "Gradient descent on mini-batches." and sgd.sort_key == "SGD"
    assert (resnet.link, resnet.case_sensitive, resnet.has_definition) == (False, True, False)
    # link not given: None (linked, unless a key is a function word); true would force it
    assert (dropout.link, dropout.case_sensitive, dropout.summary) == (None, None, None)
    assert [t.line for t in parsed.terms] == [2, 11, 14]
    assert parsed.problems == []


def test_yaml_plain_mapping() -> None:
    parsed = data.parse("SGD: One step per batch.\n정규화: 값의 범위를 맞춘다.\nEmpty:\n", "g.yaml")
    got = [(t.name, t.definition, t.line) for t in parsed.terms]
    assert got == [
        ("SGD", "One step per batch.", 1),
        ("정규화", "값의 범위를 맞춘다.", 2),
        ("Empty", "", 3),
    ]


def test_json_entries_have_lines() -> None:
    text = '[\n  {"term": "SGD", "aliases": ["x"]},\n  {"term": "Adam",\n   "definition": "y"}\n]\n'
    parsed = data.parse(text, "g.json", is_json=True)
    assert [(t.name, t.line) for t in parsed.terms] == [("SGD", 2), ("Adam", 3)]
    assert parse_text('{"A": "a", "B": "b"}', "g.json").terms[1].definition == "b"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("- term: A\n  defintion: typo\n", 2, ["unknown key 'defintion'", "'A'", "definition"]),
        ("- term: A\n  definition: x\n  definition: y\n", 3, ["appears twice", "'definition'"]),
        ("A: x\nB: y\nA: z\n", 3, ["'A' appears twice", "lines 1 and 3"]),
    ],
)
def test_yaml_warnings(text: str, line: int, words: list[str]) -> None:
    [problem] = data.parse(text, "g.yml").problems
    assert (problem.path, problem.line, problem.level) == ("g.yml", line, "warning")
    for word in words:
        assert word in problem.message


# -- detection -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text", "fmt"),
    [
        ("g.yml", "- term: A\n", "data"),
        ("g.YAML", "A: b\n", "data"),
        ("g.json", "[]", "data"),
        ("abbr.md", "*[HTML]: Hyper Text\n\n*[CSS]: Style\n", "abbr"),
        ("g.md", "## A\n#### * Apple\n: fruit\n", "headings"),
        ("g.txt", "---\ntitle: t\n---\n## A\n### Apple\n", "headings"),
        ("g.md", "# Glossary\n## Apple\n: x\n## Banana\n: y\n", "headings"),
        ("g", "### Apple\n### Banana\n", "headings"),
        ("g.md", "# Glossary\n## Apple\n: A fruit.\n", "headings"),  # one entry, seed marker
        ("g.md", "# Glossary\n\nApple\n:   A fruit.\n", "deflist"),
        ("g.md", "## A\n\nApple\n:   A fruit.\n\n## B\n\nBanana\n:   Yellow.\n", "deflist"),
        ("g.markdown", "*[HTML]: x\nApple\n:   A fruit.\n", "deflist"),
    ],
)
def test_detect_format(path: str, text: str, fmt: str) -> None:
    assert detect_format(path, text) == fmt


def test_forced_format_wins(tmp_path: Path) -> None:
    (tmp_path / "terms.md").write_text("## Apple\n: fruit\n## Banana\n", "utf-8")
    (tmp_path / "list.txt").write_text("SGD: One step per batch.\n", "utf-8")
    g = load(
        [{"path": "terms.md", "format": "deflist"}, {"path": "list.txt", "format": "data"}],
        str(tmp_path),
    )
    assert [t.name for t in g] == ["SGD"]  # terms.md read as a definition list has no entry
    assert [(p.path, p.line, p.message) for p in g.problems] == [
        ("terms.md", 2, "a definition (':') without a term line before it"),
        ("terms.md", None, "no terms found in this glossary source"),
    ]


# -- merging ---------------------------------------------------------------------------------------


def test_load_merges_sources(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "glossary.md").write_text(
        "---\ntitle: 용어집\n---\n## A\n#### * Adam (아담)\n: optimizer\n", "utf-8"
    )
    (tmp_path / "more.yml").write_text("- term: Batch\n  aliases: [배치]\n", "utf-8")
    (tmp_path / "abbr.md").write_text("*[GPU]: Graphics Processing Unit\n", "utf-8")
    g = load(["docs/glossary.md", "more.yml", "abbr.md", "./more.yml"], str(tmp_path))
    assert [(t.name, t.path, t.line) for t in g] == [
        ("Adam", "docs/glossary.md", 5),
        ("Batch", "more.yml", 1),
        ("GPU", "abbr.md", 1),
    ]
    assert g.sources == ["docs/glossary.md", "more.yml", "abbr.md"]
    assert g.title == "용어집"
    assert g.lookup("배치") is g.get("batch")
    [twice] = g.problems
    assert twice.path == "./more.yml" and "listed twice" in twice.message


def test_empty_source_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_text("\n\n", "utf-8")
    g = load(["empty.md"], str(tmp_path))
    assert len(g) == 0
    assert [(p.path, p.level) for p in g.problems] == [("empty.md", "warning")]


def test_crlf_and_bom(tmp_path: Path) -> None:
    text = "\ufeff---\r\ntitle: T\r\n---\r\n## A\r\n### Apple (사과)\r\n: fruit \\\r\nred\r\n"
    (tmp_path / "g.md").write_bytes(text.encode("utf-8"))
    [apple] = load(["g.md"], str(tmp_path))
    assert (apple.aliases, apple.definition, apple.line) == (("사과",), "fruit  \nred", 5)


def test_source_error_str_names_file_and_line() -> None:
    with pytest.raises(SourceError) as info:
        parse_text("- term: A\n  aliases: SGD\n", "docs/g.yml")
    assert str(info.value).startswith("docs/g.yml:2: 'aliases' of 'A' must be a list")


def test_sources_are_pure() -> None:
    """The sources import no MkDocs (and no Markdown): they also serve non-MkDocs hosts."""
    code = (
        "import sys, mkdocs_glossary_plugin.sources as s; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'markdown')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
