"""The benchmark's site generator and timing wrapper keep working (no timing assertions here).

The benchmark is only worth its figures if the synthetic site is the same for a seed on every
machine, has as many distinct terms as asked, and is a site where the plugin actually links:
these tests fail if the generator or the in-process timers rot.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from mkdocs_glossary_plugin.sources import load

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `benchmarks` is a top-level folder, not part of the package
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import config_yaml, generate_site, make_terms, norm_key  # noqa: E402
from benchmarks.run import build_once  # noqa: E402

HANGUL = range(0xAC00, 0xD7A4)


def _generate(out: Path, hash_seed: str, *args: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    cmd = [sys.executable, "-m", "benchmarks.generate", "--out", str(out), *args]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)


def _tree(root: Path) -> dict[str, bytes]:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def test_same_seed_gives_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    # Different PYTHONHASHSEEDs catch any reliance on set/dict-of-str iteration order.
    args = ("--pages", "12", "--terms", "300", "--seed", "7")
    _generate(tmp_path / "a", "0", *args)
    _generate(tmp_path / "b", "12345", *args)
    a, b = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert len(a) == 12 + 3  # pages + glossary.md + two configs
    assert a == b


def test_another_seed_gives_another_site(tmp_path: Path) -> None:
    one = generate_site(tmp_path / "one", pages=3, terms=50, seed=1)
    two = generate_site(tmp_path / "two", pages=3, terms=50, seed=2)
    assert [t.name for t in one.terms] != [t.name for t in two.terms]
    assert (one.root / "docs/index.md").read_text("utf-8") != (
        two.root / "docs/index.md"
    ).read_text("utf-8")


def test_ten_thousand_terms_are_distinct_and_varied() -> None:
    terms = make_terms(10_000, random.Random("terms-1"))
    keys = [norm_key(k) for t in terms for k in (t.name, *t.aliases)]
    assert len(terms) == 10_000
    assert len(keys) == len(set(keys)), "two terms share a matching key"
    assert sum(t.coined for t in terms) > 300  # ResFormer-like names
    assert sum(t.name == t.korean for t in terms) > 300  # Korean-named entries
    assert sum(t.acronym is not None for t in terms) > 1000
    assert sum(len(t.name.split()) >= 3 for t in terms) > 3000  # multi-word English names
    assert any(t.definition == "" for t in terms)  # entries without a body, as in the seed


def test_glossary_reads_back_as_exactly_m_terms_in_the_seed_format(tmp_path: Path) -> None:
    site = generate_site(tmp_path, pages=2, terms=2_000, seed=3)
    text = (tmp_path / "glossary.md").read_text("utf-8")
    assert text.startswith("---\ntitle: ")
    assert "\n## A\n" in text and "\n#### * " in text and "\n: " in text
    glossary = load(["glossary.md"], str(tmp_path))
    assert len(glossary.terms) == 2_000
    assert [p for p in glossary.problems if p.level == "warning"] == []
    by_name = {t.name: t for t in glossary.terms}
    for generated in site.terms[:200]:
        assert tuple(generated.aliases) == by_name[generated.name].aliases


def test_page_text_uses_korean_particles_plurals_and_lower_case(tmp_path: Path) -> None:
    site = generate_site(tmp_path, pages=6, terms=100, seed=1)
    text = "".join((tmp_path / "docs" / p).read_text("utf-8") for p in site.pages)
    koreans = [t.korean for t in site.terms if t.korean]
    assert any(k + "을" in text or k + "를" in text or k + "은" in text for k in koreans)
    assert any(k + "들" in text for k in koreans)
    assert any(t.english and t.english.lower() in text for t in site.terms if not t.coined)
    assert "```python" in text and "!!! " in text and "| Term |" in text and '=== "' in text


def test_config_variants_are_valid_yaml() -> None:
    with_plugin = yaml.safe_load(config_yaml(with_plugin=True, plugin_options={"tooltips": False}))
    control = yaml.safe_load(config_yaml(with_plugin=False))
    assert with_plugin["plugins"][1] == {"glossary": {"source": "glossary.md", "tooltips": False}}
    assert control["plugins"] == ["search"]
    assert with_plugin["theme"]["name"] == "material"
    assert with_plugin["markdown_extensions"] == control["markdown_extensions"]


def test_bad_cli_input_is_a_clear_error(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "benchmarks.generate", "--pages", "0", "--out", str(tmp_path)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "--pages must be at least 1" in proc.stderr
    assert "Traceback" not in proc.stderr


# -- a real build of a small generated site, through the benchmark's own timing wrapper ---------


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("bench")
    site = generate_site(root, pages=5, terms=20, seed=1)
    with_plugin = build_once(site.config, root / "site-with")
    control = build_once(site.control_config, root / "site-without")
    return {"site": site, "root": root, "with": with_plugin, "without": control}


def _pages(site_dir: Path) -> dict[str, BeautifulSoup]:
    return {
        str(p.relative_to(site_dir)): BeautifulSoup(p.read_text("utf-8"), "html.parser")
        for p in sorted(site_dir.rglob("index.html"))
    }


@pytest.mark.slow
def test_the_plugin_links_terms_on_every_generated_page(small_site: dict[str, Any]) -> None:
    root: Path = small_site["root"]
    with_pages = _pages(root / "site-with")
    control_pages = _pages(root / "site-without")
    content = sorted(control_pages)
    assert len(content) == 5
    assert set(content) <= set(with_pages)
    ids = {t.id for t in load(["glossary.md"], str(root)).terms}
    texts = []
    for page in content:
        article = with_pages[page].select_one("article")
        assert article is not None
        links = article.select("a.glossary-term")
        assert links, f"no glossary link on {page}"
        assert {a["data-glossary-term"] for a in links} <= ids
        texts += [a.get_text() for a in links]
        assert not control_pages[page].select("a.glossary-term")
    assert any(any(ord(c) in HANGUL for c in t) for t in texts), "no Korean mention linked"
    assert any(t.isascii() for t in texts), "no English mention linked"


@pytest.mark.slow
def test_the_timing_wrapper_sees_the_plugin(small_site: dict[str, Any]) -> None:
    inside = small_site["with"].inside
    assert inside["pages"]["content"] == 5
    assert inside["plugin"]["content"] > 0 and inside["linking_content"] > 0
    assert any(name.endswith(".run") for name in inside["by_name"])  # our treeprocessor
    assert "on_config" in inside["by_name"]
    control = small_site["without"].inside
    assert control["pages"] == {"content": 5, "index": 0}
    assert sum(control["plugin"].values()) == 0 and control["by_name"] == {}
    # Material's search and the GC are timed on both sides; index-only work on ours alone.
    for side in (inside, control):
        assert side["search"]["content"] > 0
        assert side["search"]["global"] > 0  # writing search_index.json
        # Collections may not run in a site this small: the timer is there, each part >= 0.
        assert {"content", "global"} <= set(side["gc"]) and min(side["gc"].values()) >= 0
    assert inside["index_hooks"] > 0 and control["index_hooks"] == 0
    assert small_site["with"].rss > 10 and small_site["without"].rss > 10  # MB, from os.wait4


@pytest.mark.slow
def test_the_extra_time_is_split_without_losing_any(small_site: dict[str, Any]) -> None:
    from benchmarks.run import extra_parts, index_cost

    w, c = small_site["with"], small_site["without"]
    parts = extra_parts(w, c)
    assert parts["index"] == index_cost(w) > 0
    named = ("index", "global", "content", "search", "other")
    assert abs(sum(parts[k] for k in named) - (w.wall - c.wall)) < 1e-9


def test_the_control_build_does_not_import_the_plugin(tmp_path: Path) -> None:
    from benchmarks.timed_build import uses_plugin

    site = generate_site(tmp_path, pages=2, terms=5, seed=1)
    assert uses_plugin(["-f", str(site.config), "-d", "x"])
    assert not uses_plugin(["-f", str(site.control_config), "-d", "x"])


# -- the controls and sizes of issue 14: plain page, prune, one group, YAML, memory, serve ------


def _yaml(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    return data


def test_prune_is_on_every_side_or_on_none(tmp_path: Path) -> None:
    # The 2,000-page rows need navigation.prune on *both* sides, or the ratio compares unlike sites.
    pruned = generate_site(tmp_path / "p", pages=2, terms=5, seed=1, prune=True, plain=True)
    plain = generate_site(tmp_path / "n", pages=2, terms=5, seed=1, plain=True)
    for site, expected in ((pruned, True), (plain, False)):
        for config in (site.config, site.control_config, site.plain_config):
            assert config is not None
            features = _yaml(config)["theme"]["features"]
            assert ("navigation.prune" in features) is expected, config


def _assert_control_without_plugin(config_path: Path | None, docs_dir: str) -> None:
    """A plain control: no plugin but search, its own docs folder."""
    assert config_path is not None
    config = _yaml(config_path)
    assert config["plugins"] == ["search"]
    assert config["docs_dir"] == docs_dir


def test_plain_page_control_is_the_site_plus_the_glossary_as_a_page(tmp_path: Path) -> None:
    # The plain-page control: the same pages, the glossary as one ordinary page, no plugin.
    site = generate_site(tmp_path, pages=4, terms=30, seed=1, plain=True)
    _assert_control_without_plugin(site.plain_config, "docs-plain")
    assert _yaml(site.config)["docs_dir"] == "docs"  # the other sides do not see the page
    plain_docs = tmp_path / "docs-plain"
    for page in site.pages:
        assert (plain_docs / page).read_bytes() == (tmp_path / "docs" / page).read_bytes()
    assert (plain_docs / "glossary.md").read_text("utf-8") == (tmp_path / "glossary.md").read_text(
        "utf-8"
    )
    assert not (tmp_path / "docs" / "glossary.md").exists()


def test_plain_pages_control_has_the_split_index_pages_and_definitions(tmp_path: Path) -> None:
    # The plain-pages control is the floor of a split index: the same group pages (URLs) as the
    # plugin makes, each holding its group's entries with their definitions, no plugin. Catches a
    # control that drifts from the plugin's layout (other folders, a missing group, lost entries).
    site = generate_site(tmp_path, pages=2, terms=600, seed=1, plain_pages=True)
    assert site.plain_pages_config is not None
    _assert_control_without_plugin(site.plain_pages_config, "docs-plain-pages")
    ours, plain = tmp_path / "ours", tmp_path / "plain"
    for config_path, out in ((site.config, ours), (site.plain_pages_config, plain)):
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_path), "-d", str(out)],
            cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            check=True,
            capture_output=True,
        )

    def pages(root: Path) -> list[str]:
        return sorted(str(p.relative_to(root)) for p in (root / "glossary").rglob("index.html"))

    assert len(pages(ours)) > 10
    assert pages(plain) == pages(ours)
    entries = 0
    for page in pages(ours):
        if page == "glossary/index.html":
            continue  # the overview; the group pages hold the entries
        ours_soup = BeautifulSoup((ours / page).read_text("utf-8"), "html.parser")
        plain_soup = BeautifulSoup((plain / page).read_text("utf-8"), "html.parser")
        names = [h.get_text().rstrip("¶") for h in ours_soup.select("h3.glossary-entry")]
        assert [h.get_text().rstrip("¶") for h in plain_soup.select("article h3")] == names
        entries += len(names)
    assert entries == 600
    # Definitions are there as Markdown rendered by MkDocs: a term's first sentence is on its page.
    term = next(t for t in site.terms if t.definition)
    first = term.definition.removeprefix(": ").split(" \\")[0].split("**")[0][:12]
    assert any(first in (plain / p).read_text("utf-8") for p in pages(plain))


def test_yaml_glossary_holds_the_same_terms(tmp_path: Path) -> None:
    # The start-up row reads a YAML glossary: the same M terms, names and aliases as the headings.
    md = generate_site(tmp_path / "md", pages=1, terms=300, seed=2)
    ya = generate_site(tmp_path / "ya", pages=1, terms=300, seed=2, glossary_format="yaml")
    assert _yaml(ya.config)["plugins"][1] == {"glossary": {"source": "glossary.yml"}}
    assert not (tmp_path / "ya" / "glossary.md").exists()
    from_md = load(["glossary.md"], str(md.root))
    from_yaml = load(["glossary.yml"], str(ya.root))
    assert [p for p in from_yaml.problems if p.level == "warning"] == []
    assert len(from_yaml.terms) == 300
    assert {t.name: t.aliases for t in from_yaml.terms} == {
        t.name: t.aliases for t in from_md.terms
    }
    with_body = next(t for t in ya.terms if t.definition)
    entry = next(e for e in _yaml_list(ya.root / "glossary.yml") if e["term"] == with_body.name)
    assert entry["definition"].startswith(with_body.definition.removeprefix(": "))


def _yaml_list(path: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = yaml.safe_load(path.read_text("utf-8"))
    return data


def test_one_group_puts_every_term_under_one_letter(tmp_path: Path) -> None:
    # The 50,000-term row: one group on one index page, still M distinct terms.
    site = generate_site(tmp_path, pages=1, terms=2_000, seed=1, one_group=True)
    keys = [norm_key(k) for t in site.terms for k in (t.name, *t.aliases)]
    assert len(keys) == len(set(keys)), "two terms share a matching key"
    text = (tmp_path / "glossary.md").read_text("utf-8")
    assert [line for line in text.splitlines() if line.startswith("## ")] == ["## N"]
    glossary = load(["glossary.md"], str(tmp_path))
    assert len(glossary.terms) == 2_000
    assert {t.name[0] for t in glossary.terms} == {"N"}
    assert any(any(ord(c) in HANGUL for c in a) for t in glossary.terms for a in t.aliases)


@pytest.mark.slow
def test_run_reports_both_controls_and_peak_memory(tmp_path: Path) -> None:
    from benchmarks.run import main as run_main

    out, data = tmp_path / "report.md", tmp_path / "report.json"
    args = ["--pages", "2", "--terms", "10", "--reps", "1", "--plain", "--prune", "--no-warmup"]
    args += ["--work", str(tmp_path / "work"), "--out", str(out), "--json", str(data), "--keep"]
    assert run_main(args) == 0
    report = out.read_text("utf-8")
    assert report.startswith(
        "Command: `python -m benchmarks.run --pages 2 --terms 10 --reps 1 --seed 1 --plain "
        "--prune --no-warmup`"
    )
    controls = report.split("Against both controls", 1)[1]
    row = next(line for line in controls.splitlines() if line.startswith("| 10 |"))
    assert "–" not in row  # the plain-page columns are filled
    memory = report.split("Peak memory", 1)[1]
    cells = next(line for line in memory.splitlines() if line.startswith("| 10 |")).split("|")
    assert all(float(cells[i]) > 10 for i in (2, 3, 4))  # without, plain, with: MB
    (result,) = json.loads(data.read_text("utf-8"))
    assert len(result["plain"]) == len(result["plain_control"]) == 1
    plain = result["plain"][0]
    assert sum(plain["inside"]["plugin"].values()) == 0  # the plugin is not in the control
    assert plain["inside"]["pages"] == {"content": 2, "index": 1}  # the glossary page
    built = tmp_path / "work" / "m10" / "site" / "glossary" / "index.html"
    soup = BeautifulSoup(built.read_text("utf-8"), "html.parser")
    assert not soup.select("a.glossary-term")  # the last build: the plain page, no plugin


@pytest.mark.slow
def test_serve_benchmark_times_both_edits_and_stops_its_servers(tmp_path: Path) -> None:
    from benchmarks.serve import main as serve_main

    out = tmp_path / "serve.md"
    work = tmp_path / "work"
    args = ["--pages", "2", "--terms", "10", "--reps", "1", "--timeout", "90"]
    assert serve_main([*args, "--work", str(work), "--out", str(out)]) == 0
    report = out.read_text("utf-8")
    assert "| one page |" in report and "| the glossary |" in report
    # the site is left as generated: the edits are undone
    fresh = generate_site(tmp_path / "fresh", pages=2, terms=10, seed=1)
    assert _tree(work / "site" / "docs") == _tree(fresh.root / "docs")
    assert (work / "site" / "glossary.md").read_bytes() == (fresh.root / "glossary.md").read_bytes()
    # no server is left running on the site
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True)
    assert str(work) not in ps.stdout
