"""Bad glossary sources: every message names the file (and line), no traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import build_result

from mkdocs_glossary_plugin.sources import SourceError, load


def load_one(tmp_path: Path, name: str, content: str | bytes) -> Any:
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, "utf-8")
    return load([name], str(tmp_path))


def error_of(tmp_path: Path, name: str, content: str | bytes) -> SourceError:
    with pytest.raises(SourceError) as info:
        load_one(tmp_path, name, content)
    return info.value


# -- unreadable input: SourceError -----------------------------------------------------------------


def test_missing_source_names_written_and_absolute_path(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        load(["docs/nope.md"], str(tmp_path))
    err = info.value
    assert err.path == "docs/nope.md" and err.line is None
    assert str(err).startswith("docs/nope.md: file not found")
    assert str(tmp_path / "docs" / "nope.md") in str(err)
    assert "relative to the folder of mkdocs.yml" in str(err)


def test_directory_as_source(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    with pytest.raises(SourceError) as info:
        load(["docs"], str(tmp_path))
    assert str(info.value).startswith("docs: is a directory")
    assert str(tmp_path / "docs") in str(info.value)


def test_undecodable_bytes_give_line_and_encoding(tmp_path: Path) -> None:
    text = "## A\n### Apple\n: 사과\n".encode() + "### Banana\n: 바나나\n".encode("euc-kr")
    err = error_of(tmp_path, "g.md", text)
    assert (err.path, err.line) == ("g.md", 5)
    assert "not valid UTF-8" in err.message and "byte 0xb9 at column 3" in err.message


@pytest.mark.parametrize(
    ("name", "content", "line", "words"),
    [
        ("g.yml", "- term: A\n  definition: [unclosed\n- term: B\n", 3, ["YAML syntax error"]),
        ("g.yaml", "- term: A\n definition: x\n", 2, ["YAML syntax error", "column"]),
        ("g.yml", "- term: A\n---\n- term: B\n", 2, ["YAML syntax error", "single document"]),
        ("g.json", '[\n  {"term": "A"},\n  {"term": "B",}\n]\n', 3, ["JSON syntax error"]),
        ("g.json", '{"A": "x"\n "B": "y"}', 2, ["JSON syntax error", "delimiter"]),
    ],
)
def test_syntax_errors_have_lines(
    tmp_path: Path, name: str, content: str, line: int, words: list[str]
) -> None:
    err = error_of(tmp_path, name, content)
    assert (err.path, err.line) == (name, line)
    for word in words:
        assert word in err.message


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ("- term: A\n- definition: no term\n", 2, ["entry 2 has no 'term'"]),
        ("- term: A\n  definition:\n    - a\n    - b\n", 2, ["'definition' of 'A'", "a list", "|"]),
        ("- term: A\n  definition: {a: b}\n", 2, ["'definition' of 'A'", "a mapping"]),
        ("- term: A\n  summary: 3\n", 2, ["'summary' of 'A'", "a number"]),
        ("- term: A\n  aliases: SGD\n", 2, ["'aliases' of 'A'", "list of text"]),
        ("- term: A\n  aliases: [x, 3]\n", 2, ["'aliases' of 'A'"]),
        ("- term: 1984\n", 1, ["'term' of entry 1", "quotes"]),
        ("- term: ''\n", 1, ["'term' of entry 1"]),
        ("- term: A\n  link: maybe\n", 2, ["'link' of 'A'", "true or false"]),
        ("- term: A\n  case_sensitive: auto\n", 2, ["'case_sensitive' of 'A'"]),
        ("- term: A\n  id: two words\n", 2, ["'id' of 'A'", "spaces"]),
        ("- term: A\n- just text\n", 2, ["entry 2 must be a mapping", "not text"]),
        ("- term: A\n  definition: 2024-05-29\n", 2, ["'definition' of 'A'", "not a date"]),
        ("term: A\ndefinition: x\n", 1, ["single entry", "- term:"]),
        ("A: [x, y]\n", 1, ["definition of 'A'", "a list"]),
        ("? [a, b]\n: x\n", 1, ["key must be text"]),
        ("just a sentence\n", 1, ["expected a list of entries"]),
    ],
)
def test_wrong_yaml_shape(tmp_path: Path, content: str, line: int, words: list[str]) -> None:
    err = error_of(tmp_path, "glossary.yml", content)
    assert (err.path, err.line) == ("glossary.yml", line), err
    for word in words:
        assert word in err.message, err


def test_unrecognised_markdown(tmp_path: Path) -> None:
    err = error_of(tmp_path, "notes.md", "# Notes\n\nJust some text.\n\n- a list\n")
    assert err.path == "notes.md"
    for word in ("cannot tell the glossary format", "format: headings|deflist|data|abbr"):
        assert word in err.message


def test_unknown_forced_format(tmp_path: Path) -> None:
    (tmp_path / "g.md").write_text("## A\n### Apple\n", "utf-8")
    with pytest.raises(SourceError, match="unknown format 'csv'"):
        load([{"path": "g.md", "format": "csv"}], str(tmp_path))


# -- problems a build survives: warnings naming both places ----------------------------------------


def test_duplicates_across_sources_name_both_places(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "## S\n#### * Stochastic Gradient Descent(SGD, 확률적 경사하강법)\n: x\n", "utf-8"
    )
    (tmp_path / "b.yml").write_text(
        "- term: Momentum\n- term: stochastic gradient descent\n- term: Adam\n  aliases: [SGD]\n",
        "utf-8",
    )
    g = load(["a.md", "b.yml"], str(tmp_path))
    warnings = [str(p) for p in g.problems if p.level == "warning"]
    assert warnings == [
        "b.yml:2: the term 'stochastic gradient descent' is defined twice (first at a.md:2); "
        "mentions of 'stochastic gradient descent' link to the first one "
        "('Stochastic Gradient Descent'). Rename or remove one of them",
        "b.yml:3: the alias 'SGD' of 'Adam' is also an alias of 'Stochastic Gradient Descent' "
        "(first at a.md:2); mentions of 'SGD' link to the first one "
        "('Stochastic Gradient Descent'). Rename or remove one of them",
    ]
    infos = [p for p in g.problems if p.level == "info"]
    assert len(infos) == 1 and "#stochastic-gradient-descent-2" in infos[0].message
    assert g.lookup("SGD") is g.terms[0]


# -- whole sites: the messages reach the user, strict fails on warnings, no traceback --------------

DUPLICATE = "## D\n#### * dropout\n: one\n#### * Dropout (드롭아웃)\n: two\n"
CLEAN = "## D\n#### * dropout (드롭아웃)\n: one\n"


def mkdocs_build(
    project: Path, files: dict[str, str | bytes], source: str, *, strict: bool
) -> tuple[int, str]:
    """Write a small Material site using the plugin (``files`` relative to the project folder)
    and build it as a user would: exit code, output."""
    files = {"index.md": "# Home\n\nWe use dropout.\n", **{f"./{k}": v for k, v in files.items()}}
    config = {"site_name": "Errors", "plugins": [{"glossary": {"source": source}}]}
    return build_result(project, files, config, strict=strict)


@pytest.mark.slow
def test_site_duplicate_fails_strict_only(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"glossary.md": DUPLICATE}
    code, output = mkdocs_build(tmp_path / "strict", files, "glossary.md", strict=True)
    assert code != 0
    expected = "glossary.md:4: the term 'Dropout' is defined twice (first at glossary.md:2)"
    assert expected in output
    assert "Traceback" not in output

    code, output = mkdocs_build(tmp_path / "plain", files, "glossary.md", strict=False)
    assert code == 0, output
    assert f"WARNING -  glossary: {expected}" in output
    assert (tmp_path / "plain" / "site" / "index.html").is_file()

    code, output = mkdocs_build(
        tmp_path / "clean", {"glossary.md": CLEAN}, "glossary.md", strict=True
    )
    assert code == 0, output
    assert "WARNING" not in output


@pytest.mark.slow
@pytest.mark.parametrize(
    ("files", "source", "message"),
    [
        ({}, "missing/glossary.md", "missing/glossary.md: file not found (looked for {project}"),
        ({"docs/sub/x.md": "x"}, "docs/sub", "docs/sub: is a directory"),
        ({"g.yml": "- term: A\n  definition: [x\n"}, "g.yml", "g.yml:3: YAML syntax error"),
        ({"g.yml": "- definition: x\n"}, "g.yml", "g.yml:1: entry 1 has no 'term'"),
        ({"g.md": b"## A\n### \xff\n"}, "g.md", "g.md:2: is not UTF-8 text: byte 0xff"),
        ({"g.md": "Just text.\n"}, "g.md", "g.md: cannot tell the glossary format"),
    ],
)
def test_site_bad_source_fails_without_traceback(
    tmp_path: Path, files: dict[str, str | bytes], source: str, message: str
) -> None:
    code, output = mkdocs_build(tmp_path, files, source, strict=False)
    assert code != 0
    assert "Traceback" not in output
    assert f"ERROR   -  glossary: {message.format(project=tmp_path)}" in output
    assert "Aborted with a BuildError" in output
