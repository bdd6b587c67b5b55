"""The docs cannot drift from the code: the configuration reference, the README and the nav.

The option tables of ``docs/configuration.md`` and ``README.md`` are checked against
``GlossaryConfig`` itself (names, defaults, choices), the "every option with its default" example is
validated by the real config class, and every page in ``docs/`` must be reachable from the nav.
These tests are pure (no site build): they run in well under a second.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_glossary_plugin.config import GlossaryConfig

ROOT = Path(__file__).resolve().parents[1]
CONFIG_PAGE = ROOT / "docs" / "configuration.md"
README = ROOT / "README.md"


# -- the options, read from the class ------------------------------------------------------------


def _options(
    schema: Any = GlossaryConfig._schema, prefix: str = ""
) -> list[tuple[str, base.BaseConfigOption[Any]]]:
    """Every leaf option as ``(dotted name, option)``; SubConfigs (``index``) are recursed into."""
    out: list[tuple[str, base.BaseConfigOption[Any]]] = []
    for name, option in schema:
        if isinstance(option, c.SubConfig):
            out += _options(option.config_class._schema, f"{prefix}{name}.")
        else:
            out.append((f"{prefix}{name}", option))
    return out


OPTIONS = _options()
OPTION_NAMES = [name for name, _ in OPTIONS]


def _literal(value: object) -> str:
    """A default as a user writes it in ``mkdocs.yml`` (YAML), in backticks."""
    if isinstance(value, bool):
        return f"`{'true' if value else 'false'}`"
    if isinstance(value, list):
        return f"`{yaml.safe_dump(value, default_flow_style=True).strip()}`"
    return f"`{value}`"


def _expected_default(option: base.BaseConfigOption[Any]) -> str:
    """How the default cell must start: a literal, "unset" (computed) or "required"."""
    if isinstance(option, c.Optional):
        return "unset" if option.default is None else _literal(option.default)
    if option.default is None:
        return "required"
    return _literal(option.default)


def _type_words(option: base.BaseConfigOption[Any]) -> list[str]:
    """Words the type cell must contain: every choice of a Choice, else the Python type's name."""
    if isinstance(option, c.Optional):
        return _type_words(option.option)
    if isinstance(option, c.Choice):
        return [_literal(choice) for choice in option.choices]
    if isinstance(option, c.ListOfItems):
        return ["list of", *_type_words(option.option_type)]
    if isinstance(option, c.Type):
        types = option._type if isinstance(option._type, tuple) else (option._type,)
        return [t.__name__ for t in types]
    return ["path"]  # ``source``: a path, a mapping {path, format}, or a list of them


# -- the tables, read from the Markdown ----------------------------------------------------------


def _table(path: Path) -> dict[str, list[str]]:
    """Rows of the first table whose first column holds backticked option names."""
    rows: dict[str, list[str]] = {}
    for line in path.read_text("utf-8").splitlines():
        m = re.match(r"^\| `([a-z_.]+)` \|(.*)\|\s*$", line)
        if m:
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", m.group(2))]
            rows.setdefault(m.group(1), cells)
    return rows


def test_the_option_list_is_not_empty() -> None:
    """Guards the parser above: an empty schema would make every other test vacuous."""
    assert {"enabled", "source", "index.path", "index.split", "link", "language"} <= set(
        OPTION_NAMES
    )


@pytest.mark.parametrize(("name", "option"), OPTIONS, ids=OPTION_NAMES)
def test_configuration_page_documents_each_option(
    name: str, option: base.BaseConfigOption[Any]
) -> None:
    rows = _table(CONFIG_PAGE)
    assert name in rows, f"docs/configuration.md has no table row for `{name}`"
    type_cell, default_cell, meaning = rows[name]
    expected = _expected_default(option)
    assert default_cell.startswith(expected), (
        f"`{name}`: docs say default {default_cell!r}, GlossaryConfig says {expected}"
    )
    for word in _type_words(option):
        assert word in type_cell, f"`{name}`: type cell {type_cell!r} does not mention {word}"
    assert len(meaning) > 20, f"`{name}` needs a real explanation"
    section = name.split(".")[0]
    assert re.search(rf"^## {re.escape(section)}$", CONFIG_PAGE.read_text("utf-8"), re.M), (
        f"docs/configuration.md has no section '## {section}'"
    )


def test_configuration_page_documents_no_removed_option() -> None:
    extra = set(_table(CONFIG_PAGE)) - set(OPTION_NAMES)
    assert not extra, f"docs/configuration.md documents options that do not exist: {extra}"


@pytest.mark.parametrize(("name", "option"), OPTIONS, ids=OPTION_NAMES)
def test_readme_lists_each_option_with_its_default(
    name: str, option: base.BaseConfigOption[Any]
) -> None:
    rows = _table(README)
    assert name in rows, f"README.md's options table has no row for `{name}`"
    expected = _expected_default(option)
    if expected.startswith("`") or expected == "required":
        assert rows[name][0].startswith(expected), f"README: `{name}` default is not {expected}"
    assert set(rows) <= set(OPTION_NAMES), (
        f"README lists unknown options {set(rows) - set(OPTION_NAMES)}"
    )


def test_the_all_defaults_example_is_valid_and_matches_the_defaults() -> None:
    """The first YAML block of the page is real configuration and shows the real defaults."""
    text = CONFIG_PAGE.read_text("utf-8")
    block = re.search(r"```yaml[^\n]*every option[^\n]*\n(.*?)```", text, re.S)
    assert block, "docs/configuration.md lost its 'every option with its default' example"
    plugins = yaml.safe_load(block.group(1))["plugins"]
    (entry,) = [p for p in plugins if isinstance(p, dict) and "glossary" in p]
    given: dict[str, Any] = entry["glossary"]

    config = GlossaryConfig()
    config.load_dict(given)
    errors, warnings = config.validate()
    assert not errors and not warnings, (errors, warnings)

    defaults = GlossaryConfig()
    defaults.load_dict({"source": "x.md"})
    assert defaults.validate() == ([], [])
    flat_given: dict[str, Any] = {}
    for key, value in given.items():
        if isinstance(value, dict):
            flat_given.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            flat_given[key] = value
    for name, option in OPTIONS:
        if name == "source":
            continue
        if _expected_default(option) == "unset":
            assert name not in flat_given, f"`{name}` is computed; the example must leave it out"
            continue
        assert name in flat_given, f"the example misses `{name}`"
        section, _, leaf = name.partition(".")
        actual = defaults[section][leaf] if leaf else defaults[section]
        assert flat_given[name] == actual, f"`{name}`: example {flat_given[name]!r} != {actual!r}"


# -- the site's structure ------------------------------------------------------------------------


def _nav_files(nav: Any) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [f for item in nav for f in _nav_files(item)]
    if isinstance(nav, dict):
        return [f for value in nav.values() for f in _nav_files(value)]
    return []


def _mkdocs_yml() -> dict[str, Any]:
    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses !!python/name: tags for the emoji extension; we only need the structure.
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    return dict(yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=Loader))


def test_every_page_is_in_the_nav() -> None:
    listed = set(_nav_files(_mkdocs_yml()["nav"]))
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert pages - {"performance.md"} <= listed, f"pages missing from nav: {pages - listed}"
    generated = {"glossary.md", "demo/ko/glossary.md", "performance.md"}  # the Korean index too
    assert listed - pages <= generated, f"nav names missing pages: {listed - pages - generated}"


def test_no_placeholder_is_left_in_the_docs() -> None:
    """Numbers and pictures that other parts deliver (screenshot, asset size) must be filled in."""
    texts = [README, *(ROOT / "docs").rglob("*.md")]
    for path in texts:
        found = re.findall(
            r"\b(?:TOOLTIP|README|ERRORS|WARNINGS|SUMMARY)_[A-Z_]+\b", path.read_text("utf-8")
        )
        assert not found, f"{path.relative_to(ROOT)} still has placeholders {found}"


def test_readme_commands_match_ci() -> None:
    """The README's test command is the one ``.ci/run`` runs, and its serve command is complete."""
    readme = README.read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "bash .ci/run" in readme
    assert "python -m pytest" in ci and "python -m pytest" in readme
    serve = (
        "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' "
        "&& mkdocs serve --livereload"
    )
    assert serve in readme
    assert "mkdocs build --strict" in readme and "mkdocs build --strict" in ci
    extras = re.findall(r"^(\w+) = \[", (ROOT / "pyproject.toml").read_text("utf-8"), re.M)
    assert "test" in extras, "README installs '.[test]': pyproject.toml must define it"


# -- the glossary examples are real glossaries ----------------------------------------------------


def _titled_examples() -> list[tuple[str, str, str]]:
    """``(page, title, text)`` of every code block with a file-name title in the format pages."""
    out = []
    for page in ("formats.md", "getting-started.md"):
        text = (ROOT / "docs" / page).read_text("utf-8")
        for m in re.finditer(r'^```(\w+) title="([^"]+)"\n(.*?)^```', text, re.S | re.M):
            lang, title, body = m.groups()
            if lang in ("markdown", "yaml", "json") and "mkdocs.yml" not in title:
                out.append((page, title, body))
    return out


EXAMPLES = _titled_examples()


def test_the_format_pages_have_examples() -> None:
    titles = {title for _, title, _ in EXAMPLES}
    assert {"glossary.md", "terms.md", "terms.yml", "includes/abbreviations.md"} <= titles


@pytest.mark.parametrize(
    ("page", "title", "body"), EXAMPLES, ids=[f"{p}:{t}" for p, t, _ in EXAMPLES]
)
def test_each_glossary_example_loads_cleanly(
    tmp_path: Path, page: str, title: str, body: str
) -> None:
    from mkdocs_glossary_plugin.sources import load

    target = tmp_path / Path(title).name
    target.write_text(body, "utf-8")
    glossary = load([target.name], str(tmp_path))
    assert len(glossary) >= 2, f"{page}: the example '{title}' gave {len(glossary)} terms"
    assert not glossary.problems, [str(p) for p in glossary.problems]


def test_the_headings_example_reads_as_the_page_says() -> None:
    """formats.md explains its heading example term by term: the explanation must stay true."""
    import tempfile

    from mkdocs_glossary_plugin.sources import load

    (body,) = [b for p, t, b in EXAMPLES if p == "formats.md" and t == "glossary.md"]
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "glossary.md").write_text(body, "utf-8")
        glossary = load(["glossary.md"], folder)
    sgd = glossary.lookup("SGD")
    assert sgd is not None and sgd.aliases == ("SGD", "확률적 경사하강법")
    residual = glossary.get("residual-function")
    assert residual is not None and residual.display_name == "Residual Function (F(x))"
    assert residual.aliases == ()
    vit = glossary.get("vit")
    assert vit is not None and not vit.has_definition and vit.aliases == ("vision transformer",)
    convergence = glossary.get("convergence-rate")
    assert convergence is not None and "\\" not in convergence.definition
    assert not convergence.definition.startswith(":")
    assert glossary.title == "딥러닝 용어 정리"


def test_the_documented_asset_size_is_the_real_one() -> None:
    """docs/tooltips.md states the gzipped size of the tooltip assets; it must stay true."""
    import gzip

    assets = ROOT / "mkdocs_glossary_plugin" / "assets"
    actual = sum(
        len(gzip.compress((assets / name).read_bytes(), 9))
        for name in ("glossary.js", "glossary.css")
    )
    text = (ROOT / "docs" / "tooltips.md").read_text("utf-8")
    m = re.search(r"about ([0-9.]+) KB gzipped", text)
    assert m, "docs/tooltips.md must state the assets' size ('about N KB gzipped')"
    documented = float(m.group(1)) * 1024
    assert abs(documented - actual) <= 0.2 * 1024, (
        f"docs say {m.group(1)} KB, the assets are {actual / 1024:.1f} KB gzipped: update the page"
    )


# -- the matching examples are what the matcher does ----------------------------------------------


def _matching_rows() -> list[tuple[str, list[str], list[str]]]:
    """``(row, texts, expected)`` from every "text | linked | why" table of docs/matching.md.

    ``texts``: the code spans of the first column; ``expected``: the bold parts of the second.
    """
    rows = []
    in_table = False
    for line in (ROOT / "docs" / "matching.md").read_text("utf-8").splitlines():
        if line.startswith("| text | linked | why |"):
            in_table = True
            continue
        if not line.startswith("|"):
            in_table = False
        if not in_table or line.startswith("|---"):
            continue
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        texts = re.findall(r"`([^`]+)`", cells[0])
        expected = re.findall(r"\*\*([^*]+)\*\*", cells[1])
        rows.append((cells[0], texts, expected))
    return rows


MATCHING_ROWS = _matching_rows()

#: Rows where the matcher does not (yet) do what the docs and GUIDE §4/§12 promise. Each is a strict
#: xfail: it fails loudly once the matcher is fixed, so the entry is then removed.
KNOWN_DEVIATIONS: dict[str, str] = {}


@functools.cache
def _site_matcher() -> Any:
    from mkdocs_glossary_plugin.matching import Matcher
    from mkdocs_glossary_plugin.sources import load

    glossary = load(["glossary/terms.md"], str(ROOT))
    return Matcher(glossary.terms, case_sensitive="auto", plurals=True)


def test_the_matching_page_has_example_tables() -> None:
    assert len(MATCHING_ROWS) >= 20


@pytest.mark.parametrize(
    ("row", "texts", "expected"), MATCHING_ROWS, ids=[r for r, _, _ in MATCHING_ROWS]
)
def test_each_matching_example_is_what_the_matcher_finds(
    row: str, texts: list[str], expected: list[str]
) -> None:
    """The page's examples run against this site's own glossary (the terms the page names)."""
    matcher = _site_matcher()
    found = [text[m.start : m.end] for text in texts for m in matcher.find(text)]
    if row in KNOWN_DEVIATIONS:
        assert found != expected, f"{row} works now: remove it from KNOWN_DEVIATIONS"
        pytest.xfail(KNOWN_DEVIATIONS[row])
    assert found == expected, f"docs/matching.md row {row}: the matcher links {found}"


def test_the_case_examples_are_what_the_matcher_finds() -> None:
    """The "key | policy | so" table: the lower/upper-case variants it names link or not."""
    rows = [
        line
        for line in (ROOT / "docs" / "matching.md").read_text("utf-8").splitlines()
        if re.match(r"^\| `[^|]+\| case-(in)?sensitive \|", line)
    ]
    assert len(rows) == 2
    matcher = _site_matcher()
    for line in rows:
        so = line.strip("|").split(" | ")[2]
        linked = "not linked" not in so
        examples = re.findall(r"`([^`]+)`", so)
        assert examples, f"docs/matching.md: no example in {line}"
        for text in examples:
            assert bool(matcher.find(text)) == linked, f"docs/matching.md: {text!r} in {line}"


def test_the_readme_links_and_pictures_exist() -> None:
    """The README is read on the package index and in the repository: local targets must exist."""
    targets = re.findall(r"\]\(([^)\s]+)\)", README.read_text("utf-8"))
    local = [t for t in targets if not re.match(r"[a-z]+:", t) and not t.startswith("#")]
    assert "docs/assets/tooltip.png" in local
    missing = [t for t in local if not (ROOT / t.split("#")[0]).exists()]
    assert not missing, f"README.md links to missing files: {missing}"


def test_getting_started_names_every_runtime_dependency() -> None:
    """ "It depends only on …" must list what pyproject.toml really requires."""
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    block = re.search(r"^dependencies = \[(.*?)^\]", pyproject, re.S | re.M)
    assert block, "pyproject.toml has no dependencies list"
    names = re.findall(r'^\s*"([A-Za-z0-9_.-]+)', block.group(1), re.M)
    assert "mkdocs" in names
    text = (ROOT / "docs" / "getting-started.md").read_text("utf-8")
    sentence = text[text.index("It depends only on") :].split(";")[0].lower()
    missing = [name for name in names if name.lower() not in sentence]
    assert not missing, f"docs/getting-started.md does not name the dependencies {missing}"


def test_the_readme_linking_figure_is_the_measured_one() -> None:
    """The README quotes the benchmark's linking time per page; docs/performance.md holds it."""
    readme = README.read_text("utf-8")
    m = re.search(r"Linking takes about ([0-9.]+) ms per page", readme)
    assert m, "README.md lost its performance sentence"
    quoted = float(m.group(1))
    perf = (ROOT / "docs" / "performance.md").read_text("utf-8")
    header = next((line for line in perf.splitlines() if "linking / page (ms)" in line), None)
    assert header, "docs/performance.md has no 'linking / page (ms)' column: update this test"
    column = [c.strip() for c in header.strip("|").split("|")].index("linking / page (ms)")
    start = perf.splitlines().index(header)
    figures = []
    for line in perf.splitlines()[start + 2 :]:
        if not line.startswith("|"):
            break
        figures.append(float(line.strip("|").split("|")[column]))
    assert figures, "docs/performance.md has no linking / page figures"
    assert all(abs(f - quoted) <= 1.0 for f in figures), (
        f"README says about {quoted} ms per page; docs/performance.md measured {figures}"
    )
