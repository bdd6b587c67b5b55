"""``autoglossary convert`` and the writers: the text of each format, the losses it names, and the
command in real subprocesses (exit codes, ``-o``, ``--from``, ``--strict``, bad input).

The round trips over the seed, the fixtures and generated glossaries are in
``test_convert_roundtrip.py``; here each format's output is pinned on small examples.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from mkdocs_glossary_plugin.model import Glossary, Term
from mkdocs_glossary_plugin.sources import parse_text
from mkdocs_glossary_plugin.writers import HOLDS, TARGETS, write

ROOT = Path(__file__).resolve().parents[1]

#: A YAML glossary with every field the model has, in Korean and English.
FULL = """\
- term: Stochastic Gradient Descent
  id: sgd
  aliases: [SGD, 확률적 경사하강법, {name: 경사, link: false}]
  sort_key: SGD
  link: true
  case_sensitive: false
  summary: 미니배치 하나로 기울기를 추정한다.
  definition: |
    전체 data 대신 **batch** 단위로 계산한다.

    - 빠르다
    - 잡음이 있다
- term: 정규화
  definition: 값의 범위를 맞춘다.
"""


def glossary_of(text: str, path: str = "terms.yml") -> Glossary:
    parsed = parse_text(text, path)
    return Glossary(terms=parsed.terms, sources=[path], title=parsed.title)


def losses_of(text: str, fmt: str, path: str = "terms.yml") -> set[tuple[str | None, str]]:
    return {(x.term, x.field) for x in write(glossary_of(text, path), fmt).losses}  # type: ignore[arg-type]


# -- the text of each format -----------------------------------------------------------------------


#: A definition longer than a YAML line (PyYAML folds at 80 columns unless told not to).
LONG = "값의 범위를 일정하게 맞추는 과정이다. " * 4 + "끝."


def test_yaml_is_block_style_unicode_and_literal_blocks() -> None:
    """YAML for people: block style, Korean as is, short keys first, a multi-line definition as a
    literal block (also with a two-space hard break in it), one line per long definition."""
    source = textwrap.dedent(
        f"""\
        ## S
        #### Stochastic Gradient Descent(SGD, 확률적 경사하강법) {{#sgd}}
        : 전체 data 대신 batch 단위로 계산한다. \\
        다음 줄

        ```python
        x = 1
        ```
        #### 정규화
        : {LONG}
        """
    )
    text = write(glossary_of(source, "g.md"), "yaml").text
    assert text == textwrap.dedent(
        f"""\
        - term: Stochastic Gradient Descent
          id: sgd
          aliases:
            - SGD
            - 확률적 경사하강법
          definition: |-
            전체 data 대신 batch 단위로 계산한다.  
            다음 줄

            ```python
            x = 1
            ```
        - term: 정규화
          definition: {LONG}
        """  # noqa: W291 (the two spaces are the hard break)
    )


def test_json_keeps_every_field_and_unicode() -> None:
    """JSON holds every field (an alias's own link as {name, link}), Korean unescaped."""
    text = write(glossary_of(FULL), "json").text
    assert "확률적 경사하강법" in text and "\\u" not in text
    assert json.loads(text)[0] == {
        "term": "Stochastic Gradient Descent",
        "id": "sgd",
        "aliases": ["SGD", "확률적 경사하강법", {"name": "경사", "link": False}],
        "sort_key": "SGD",
        "link": True,
        "case_sensitive": False,
        "summary": "미니배치 하나로 기울기를 추정한다.",
        "definition": "전체 data 대신 **batch** 단위로 계산한다.\n\n- 빠르다\n- 잡음이 있다",
    }
    assert not write(glossary_of(FULL), "json").losses


def test_headings_are_written_as_the_seed_writes_them() -> None:
    """Front-matter title, ``## A`` groups, ``#### Name (aliases) {#id}``, the body below; a
    name that starts like a list item keeps it behind the seed's ``* `` marker."""
    source = textwrap.dedent(
        """\
        ---
        title: 용어집
        ---
        - term: Adam
          id: adam-optimizer
          aliases: [아담]
          definition: An optimiser.
        - term: "1. Stage"
        - term: 정규화
          definition: |-
            값을 맞춘다.

            - 첫째
        """
    ).split("---\n", 2)[2]
    glossary = glossary_of(source)
    glossary.title = "용어집"
    assert write(glossary, "headings").text == textwrap.dedent(
        """\
        ---
        title: 용어집
        ---

        ## A

        #### Adam (아담) {#adam-optimizer}
        An optimiser.

        ## #

        #### * 1. Stage

        ## ㅈ

        #### 정규화
        값을 맞춘다.

        - 첫째
        """
    )


def test_headings_inside_definitions_stay_inside_them() -> None:
    """A definition holding its own ``####`` heading: the terms go one level up (``###``), so
    the heading stays in the body and every term reads back whole."""
    source = "- term: Adam\n  definition: |-\n    An optimiser.\n\n    #### History\n\n    2014.\n"
    source += "- term: Axe\n  definition: A tool.\n"
    conversion = write(glossary_of(source), "headings")
    assert conversion.text.startswith("## A\n\n### Adam\nAn optimiser.\n\n#### History\n")
    assert not conversion.losses


@pytest.mark.parametrize("fmt", ["headings", "deflist", "yaml", "json"])
@pytest.mark.parametrize(
    "definition",
    [
        pytest.param("```python\nx = 1\n```\n\nThen text.", id="opens with a code fence"),
        pytest.param("line one  \nline two", id="a two-space hard break"),
        pytest.param("| a | b |\n|---|---|\n| 1 | 2 |", id="a table"),
        pytest.param("First.\n\n    indented code\n\nLast.", id="indented code"),
        pytest.param("1. 하나\n2. 둘\n\n- [링크](https://example.org)", id="lists and a link"),
    ],
)
def test_definitions_of_every_shape_survive(fmt: str, definition: str) -> None:
    """Each Markdown format writes a definition so that its reader gives it back exactly."""
    entries = [{"term": "Adam", "definition": definition}, {"term": "Axe"}]
    glossary = glossary_of(yaml.safe_dump(entries, allow_unicode=True))
    conversion = write(glossary, fmt)  # type: ignore[arg-type]
    assert not conversion.losses, [str(x) for x in conversion.losses]
    path = {"yaml": "g.yml", "json": "g.json"}.get(fmt, "g.md")
    assert parse_text(conversion.text, path).terms[0].definition == definition


def test_deflist_indents_every_line_after_the_marker() -> None:
    """Name, one line per alias, ``:   `` and the definition, later lines indented by four."""
    text = write(glossary_of(FULL), "deflist").text
    assert text.startswith(
        "Stochastic Gradient Descent\nSGD\n확률적 경사하강법\n경사\n"
        ":   전체 data 대신 **batch** 단위로 계산한다.\n\n"
        "    - 빠르다\n    - 잡음이 있다\n\n정규화\n"
    )


def test_abbr_writes_one_line_per_term() -> None:
    """``*[NAME]: text``, one line per term, the lines of a paragraph joined."""
    text = write(
        glossary_of(
            "- term: HTML\n  definition: |-\n    Hyper Text\n    Markup Language\n- term: CSS\n"
        ),
        "abbr",
    ).text
    assert text == "*[HTML]: Hyper Text Markup Language\n*[CSS]:\n"


ORDERED = "- term: Zeta\n  definition: last letter\n- term: Alpha\n  definition: first letter\n"


@pytest.mark.parametrize("fmt", TARGETS)
def test_output_is_deterministic_and_ends_with_a_newline(fmt: str) -> None:
    """The same glossary gives the same bytes, in glossary order (not sorted), ending with one
    newline."""
    first = write(glossary_of(FULL), fmt).text  # type: ignore[arg-type]
    assert first == write(glossary_of(FULL), fmt).text  # type: ignore[arg-type]
    assert first.endswith("\n") and not first.endswith("\n\n")
    ordered = write(glossary_of(ORDERED), fmt).text  # type: ignore[arg-type]
    assert ordered.index("Zeta") < ordered.index("Alpha")


def test_yaml_falls_back_to_the_plain_dumper_when_a_literal_block_would_not_read_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The literal-block dumper is checked by loading its output: where a block would not read
    back with the reader's loader (here: a line of only a tab, forced into a block, which
    libyaml refuses), the plain dumper's output is used."""
    from mkdocs_glossary_plugin.writers import data

    monkeypatch.setattr(data, "_literal_ok", lambda text: True)
    text = write(glossary_of('- term: A\n  sort_key: "\\t\\n"\n'), "yaml").text
    assert parse_text(text, "g.yml").terms[0].sort_key == "\t\n"


# -- the losses ------------------------------------------------------------------------------------

SGD = "Stochastic Gradient Descent"


@pytest.mark.parametrize(
    ("fmt", "lost"),
    [
        pytest.param(
            "headings",
            {(SGD, "alias link"), (SGD, "summary"), (SGD, "sort_key"), (SGD, "link"),
             (SGD, "case_sensitive")},
            id="headings: no summary, sort_key, link, case_sensitive or alias link; id kept",
        ),
        pytest.param(
            "deflist",
            {(SGD, "alias link"), (SGD, "summary"), (SGD, "id"), (SGD, "sort_key"), (SGD, "link"),
             (SGD, "case_sensitive")},
            id="deflist: also no id",
        ),
        pytest.param(
            "abbr",
            {(SGD, "aliases"), (SGD, "alias link"), (SGD, "definition"), (SGD, "summary"),
             (SGD, "id"), (SGD, "sort_key"), (SGD, "link"), (SGD, "case_sensitive")},
            id="abbr: one line per key: no aliases, no second paragraph",
        ),
        pytest.param("yaml", set(), id="yaml holds everything"),
        pytest.param("json", set(), id="json holds everything"),
    ],
)  # fmt: skip
def test_each_format_names_exactly_the_fields_it_cannot_hold(
    fmt: str, lost: set[tuple[str, str]]
) -> None:
    """Every field a format has no room for is a loss naming the term and the field; nothing
    it holds is reported."""
    assert losses_of(FULL, fmt) == lost


def test_abbr_says_why_it_drops_aliases_and_joins_lines() -> None:
    """abbr's own reasons: one line per key (an alias line would be a term of its own), and the
    paragraphs of a definition joined into one line."""
    why = {x.field: x.why for x in write(glossary_of(FULL), "abbr").losses}
    assert why["aliases"].startswith("'SGD', '확률적 경사하강법', '경사' dropped: the abbreviation")
    assert "an alias line would be read back as a term of its own" in why["aliases"]
    assert why["definition"].startswith("its 2 paragraphs are joined into one line")


def test_a_heading_keeps_the_name_and_aliases_over_a_display_part() -> None:
    """A term (made by a host, not a reader) whose display name has a parenthesised part and
    which also has aliases: one heading cannot hold both, so the name and the aliases are kept
    and the display name is the named loss."""
    term = Term(name="Residual Function", display_name="Residual Function (F(x))", aliases=("RF",))
    conversion = write(Glossary(terms=[term, Term(name="Res")]), "headings")
    assert "#### Residual Function (RF)\n" in conversion.text
    ((field, why),) = {(x.field, x.why) for x in conversion.losses}
    assert field == "display name" and "cannot hold both a parenthesised part" in why


def test_a_loss_says_which_term_which_field_and_why() -> None:
    """The message points at the entry (file:line), names the term, the field, the format and
    the value dropped."""
    losses = write(glossary_of(FULL), "headings").losses
    assert (
        "terms.yml:1: 'Stochastic Gradient Descent': sort_key: the heading format has no "
        "sort_key; 'SGD' is dropped" in [str(x) for x in losses]
    )


@pytest.mark.parametrize(
    ("source", "path", "fmt", "lost"),
    [
        pytest.param("## R\n#### Residual Function (F(x))\n: f\n#### Res\n", "g.md", "yaml",
                     {("Residual Function (F(x))", "display name")},
                     id="data has no display name: the matched name is kept"),
        pytest.param("---\ntitle: 용어\n---\n## A\n#### Apple\n#### Axe\n", "g.md", "json",
                     {(None, "title")}, id="data has no title"),
        pytest.param("- term: A\n  aliases: ['x, y', '(z)', ok]\n", "t.yml", "headings",
                     {("A", "aliases")},
                     id="headings: an alias with a comma or brackets cannot be spelled"),
        pytest.param("- term: Apple\n  definition: |-\n    x\n    : y\n- term: Axe\n", "t.yml",
                     "headings", {("Apple", "definition")},
                     id="headings: its reader drops a ': ' marker, so the definition changes"),
        pytest.param("- term: Apple\n  definition: 'a \\'\n- term: Axe\n", "t.yml",
                     "headings", {("Apple", "definition")},
                     id="headings: a trailing backslash is a break to its reader"),
        pytest.param("- term: 'a]b'\n- term: c\n", "t.yml", "abbr", {("a]b", "term")},
                     id="abbr cannot spell ']' in a name: the term is left out, and said so"),
        pytest.param("- term: a\n  definition: ': x'\n", "t.yml", "headings",
                     {(None, "term"), ("a", "term")},
                     id="headings cannot hold a lone one-letter term: the output is not recognised"),  # noqa: E501
        pytest.param("- term: Foo (bar)\n- term: Baz\n", "t.yml", "headings",
                     {("Foo (bar)", f) for f in ("name", "display name", "aliases", "id")},
                     id="headings read a trailing (part) as aliases: the change is named"),
    ],
)  # fmt: skip
def test_what_a_syntax_cannot_spell_is_a_named_loss(
    source: str, path: str, fmt: str, lost: set[tuple[str | None, str]]
) -> None:
    """Limits of a syntax or of its reader (not only missing fields) are losses too."""
    assert losses_of(source, fmt, path) == lost


MULTILINGUAL = """\
- term: Epoch
  aliases: {en: [epoch pass], ko: [에폭, {name: 에포크, link: false}]}
  summary: {en: A pass}
  definition:
    en: One full pass.
    ko: |
      전체 데이터를 한 번.

      둘째 문단.
"""


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_fields_given_per_language_survive_data(fmt: str) -> None:
    """Definitions, summaries and aliases given per language (with an alias's own link) are
    written back as mappings of language codes and read back the same."""
    glossary = glossary_of(MULTILINGUAL)
    conversion = write(glossary, fmt)  # type: ignore[arg-type]
    assert not conversion.losses
    back = parse_text(conversion.text, f"g.{'yml' if fmt == 'yaml' else 'json'}").terms
    assert back[0].translations == glossary.terms[0].translations
    assert back[0].translations["ko"]["alias_links"] == {"에포크": False}


def test_fields_given_per_language_are_a_named_loss_elsewhere() -> None:
    """The Markdown formats have no fields per language: the loss names the languages."""
    (loss,) = write(glossary_of(MULTILINGUAL), "headings").losses
    assert (loss.term, loss.field) == ("Epoch", "translations")
    assert "has no fields per language; those of en, ko are dropped" in loss.why


def test_fields_table_in_the_docs_is_the_writers_table() -> None:
    """docs/formats.md shows which fields each format holds; it must say what HOLDS says."""
    text = (ROOT / "docs" / "formats.md").read_text("utf-8")
    section = text.split("## Fields each format holds", 1)[1].split("\n## ", 1)[0]
    rows = [r for r in section.splitlines() if r.startswith("| ") and "---" not in r]
    header = [c.strip().strip("`") for c in rows[0].strip("|").split("|")]
    columns = {"headings": 1, "deflist": 2, "yaml": 3, "json": 3, "abbr": 4}
    assert header[1:] == ["headings", "deflist", "yaml / json", "abbr"]
    table = {}
    for row in rows[1:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        table[cells[0].strip("`")] = cells
    for fmt, column in columns.items():
        for field in ("display name", "aliases", "alias link", "summary", "id", "sort_key",
                      "link", "case_sensitive", "translations", "title"):  # fmt: skip
            said = not table[field][column].startswith("no")
            assert said == (field in HOLDS[fmt]), (fmt, field, table[field][column])  # type: ignore[index]


# -- the command, in real subprocesses -------------------------------------------------------------


def autoglossary(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_glossary_plugin.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "terms.yml").write_text(FULL, "utf-8")
    (tmp_path / "abbreviations.md").write_text(
        "*[HTML]: Hyper Text Markup Language\n*[SGD]: Stochastic Gradient Descent\n", "utf-8"
    )
    return tmp_path


def test_cli_prints_to_stdout_and_names_the_losses(project: Path) -> None:
    """Without -o the text goes to stdout; each loss is a warning on stderr naming the term and
    field; exit 0, since the conversion happened."""
    result = autoglossary("convert", "terms.yml", "--to", "headings", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "## S\n\n#### Stochastic Gradient Descent (SGD, 확률적 경사하강법, 경사) {#sgd}\n"
    )
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == 5
    for field in ("summary", "sort_key", "link", "case_sensitive", "alias link"):
        assert any(f"'{SGD}': {field}: " in w and w.startswith("terms.yml:1:") for w in warnings)
    assert "5 things lost" in result.stderr


def test_cli_strict_fails_on_a_loss_only(project: Path) -> None:
    """--strict exits 1 when anything is lost, 0 when the target holds everything."""
    assert (
        autoglossary("convert", "terms.yml", "--to", "abbr", "--strict", cwd=project).returncode
        == 1
    )
    kept = autoglossary("convert", "terms.yml", "--to", "json", "--strict", cwd=project)
    assert kept.returncode == 0 and "0 things lost" in kept.stderr


def test_cli_writes_the_file_given_with_o(project: Path) -> None:
    """-o FILE gets UTF-8 text that reads back as the same glossary; stdout stays empty."""
    result = autoglossary(
        "convert", "abbreviations.md", "--to", "yaml", "-o", "terms2.yml", cwd=project
    )
    assert result.returncode == 0 and result.stdout == ""
    text = (project / "terms2.yml").read_bytes().decode("utf-8")
    assert yaml.safe_load(text) == [
        {"term": "HTML", "definition": "Hyper Text Markup Language"},
        {"term": "SGD", "definition": "Stochastic Gradient Descent"},
    ]


def test_cli_refuses_to_overwrite_the_source(project: Path) -> None:
    """-o naming the source itself (by any path) is refused with a message; the file is kept."""
    before = (project / "terms.yml").read_bytes()
    result = autoglossary(
        "convert", "terms.yml", "--to", "yaml", "-o", "./sub/../terms.yml", cwd=project
    )
    assert result.returncode == 2
    assert "is the source itself" in result.stderr and "Traceback" not in result.stderr
    assert (project / "terms.yml").read_bytes() == before


def test_cli_from_forces_the_source_format(project: Path) -> None:
    """--from reads the source as that format (as {path, format} does in mkdocs.yml): a YAML
    file without its extension is data only when forced."""
    (project / "terms.txt").write_text(FULL, "utf-8")
    detected = autoglossary("convert", "terms.txt", "--to", "json", cwd=project)
    assert detected.returncode == 1 and "Traceback" not in detected.stderr
    forced = autoglossary("convert", "terms.txt", "--from", "yaml", "--to", "json", cwd=project)
    assert forced.returncode == 0, forced.stderr
    assert json.loads(forced.stdout)[1] == {"term": "정규화", "definition": "값의 범위를 맞춘다."}


@pytest.mark.parametrize(
    ("content", "args", "code", "message"),
    [
        pytest.param(b"- term: [\n", ("--to", "json"), 1, r"bad\.yml:2: error: YAML syntax error",
                     id="invalid YAML: file, line, what"),
        pytest.param(b"\x89PNG\r\n\x1a\n", ("--to", "yaml"), 1, r"is not UTF-8 text: it is a PNG",
                     id="a binary file"),
        pytest.param(b"- term: A\n", ("--to", "yaml", "-o", "missing/dir/out.yml"), 2,
                     r"cannot write missing/dir/out\.yml", id="an output folder that is not there"),
        pytest.param(b"- term: A\n", ("--to", "toml"), 2, r"invalid choice: 'toml'",
                     id="an unknown format"),
    ],
)  # fmt: skip
def test_cli_bad_input_is_a_message_not_a_traceback(
    tmp_path: Path, content: bytes, args: tuple[str, ...], code: int, message: str
) -> None:
    (tmp_path / "bad.yml").write_bytes(content)
    result = autoglossary("convert", "bad.yml", *args, cwd=tmp_path)
    assert result.returncode == code
    assert re.search(message, result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_cli_missing_source_is_a_message(tmp_path: Path) -> None:
    result = autoglossary("convert", "nope.md", "--to", "yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "nope.md: error: file not found" in result.stderr and "Traceback" not in result.stderr


def test_cli_help_lists_the_formats(tmp_path: Path) -> None:
    result = autoglossary("convert", "--help", cwd=tmp_path)
    assert result.returncode == 0
    for fmt in TARGETS:
        assert fmt in result.stdout
    assert "convert" in autoglossary("--help", cwd=tmp_path).stdout


def _block(text: str, title: str) -> str:
    """The code block titled ``title`` in a docs page."""
    match = re.search(rf'```\w+ title="{re.escape(title)}"\n(.*?)\n```', text, re.S)
    assert match, title
    return match.group(1) + "\n"


@pytest.mark.parametrize(
    ("source", "output", "target"),
    [
        ("includes/abbreviations.md", "docs/terms.yml", "yaml"),
        ("glossary.txt", "glossary.yml", "yaml"),
    ],
)
def test_the_migration_examples_of_the_docs_are_what_convert_writes(
    tmp_path: Path, source: str, output: str, target: str
) -> None:
    """The command-line page shows real output: each example's input, converted, gives the
    output shown, and the warnings shown are the ones printed."""
    page = (ROOT / "docs" / "command-line.md").read_text("utf-8")
    section = page.split("## `convert`", 1)[1].split("\n## `", 1)[0]
    (tmp_path / source).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / output).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / source).write_text(_block(section, source), "utf-8")
    result = autoglossary("convert", source, "--to", target, "-o", output, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / output).read_text("utf-8") == _block(section, output)
    shown = f"$ autoglossary convert {source} --to {target} -o {output}\n{result.stderr}"
    assert shown in section
