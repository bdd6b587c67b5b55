"""The benchmark's site generator and timing wrapper keep working (no timing assertions here).

The benchmark is only worth its figures if the synthetic site is the same for a seed on every
machine, has as many distinct terms as asked, and is a site where the plugin actually links:
these tests fail if the generator or the in-process timers rot.
"""

from __future__ import annotations

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
