"""Our own docs site builds with ``--strict`` and demonstrates what it documents.

The site (``mkdocs.yml`` + ``docs/`` + the demo glossary ``glossary/terms.md``) is built once, in a
subprocess exactly as CI and the README do (``python -m mkdocs build --strict``), into a temporary
folder; the tests then read the HTML. The demo claims of the docs (particles, ``미니배치`` vs
``배치``, hyphenated names, opt-outs, the excluded changelog) are checked on the real output.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs-site") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, (
        f"mkdocs build --strict of our docs failed (exit {proc.returncode}):\n{proc.stderr}"
    )
    return out


def _page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")


def _content(soup: BeautifulSoup) -> Tag:
    article = soup.select_one("article.md-content__inner")
    assert article is not None, "not a Material page"
    return article


def _links(soup: BeautifulSoup) -> dict[str, str]:
    """term id -> link text, for our links in the page content."""
    return {a["data-glossary-term"]: a.get_text() for a in _content(soup).select("a.glossary-term")}


def test_korean_demo_page_links_terms_glued_to_particles(site: Path) -> None:
    links = _links(_page(site, "demo/resnet"))
    assert links.get("resnet") == "ResNet"
    assert links.get("residual-block") == "Residual Block"
    assert links.get("identity-mapping") == "Identity Mapping"
    assert links.get("미니배치") == "미니배치"
    assert links.get("stochastic-gradient-descent") == "확률적 경사하강법"  # spaces are optional
    assert "배치" not in links, "배치 must not be found inside 미니배치"


def test_demo_pages_leave_code_headings_and_hyphenated_names_alone(site: Path) -> None:
    for url in ("demo/resnet", "demo/transformers", ""):
        content = _content(_page(site, url))
        links = content.select("a.glossary-term")
        assert links, f"{url}: no link to check"
        for a in links:
            bad = a.find_parent(["code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "a"])
            assert bad is None, f"{url}: link {a} inside <{bad.name if bad else ''}>"
            assert a.find("a") is None
        html = str(content)
        assert "텐서</a>플로" not in html
        assert "ResNet</a>-" not in html, f"{url}: a hyphenated model name was linked"


def test_home_page_demo_sentences_are_linked(site: Path) -> None:
    links = _links(_page(site, ""))
    assert links.get("resnet") == "ResNet"  # from "ResNet에서는"
    assert links.get("residual-block") == "Residual Block"  # from "Residual Block들을"
    assert links.get("flop") == "FLOPs"  # an acronym's plural


def test_no_glossary_block_and_excluded_page_have_no_links(site: Path) -> None:
    matching = _content(_page(site, "matching"))
    block = matching.select_one("div.no-glossary")
    assert block is not None and "ResNet" in block.get_text()
    assert not block.select("a.glossary-term")
    assert matching.select("a.glossary-term"), "the same words outside the block are linked"
    assert not _content(_page(site, "changelog")).select("a.glossary-term")
    assert "First release" in _content(_page(site, "changelog")).get_text()


def test_the_generated_index_page_holds_the_demo_glossary(site: Path) -> None:
    content = _content(_page(site, "glossary"))
    ids = {h3.get("id") for h3 in content.select("h3")}
    assert {"resnet", "stochastic-gradient-descent", "정규화", "미니배치", "텐서"} <= ids
    groups = [h2.get_text(strip=True).rstrip("¶") for h2 in content.select("h2")]
    assert groups.index("A") < groups.index("Z" if "Z" in groups else "V") < groups.index("ㄱ")


def test_the_bilingual_demo_links_korean_pages_to_the_korean_index(site: Path) -> None:
    """docs/demo/ko/ is Korean (``languages: {ko: demo/ko/}``): its mentions, the English name
    Dropout included, go to demo/ko/glossary/ with Korean tooltips; the English index has no
    "not translated" note, the Korean one marks the terms it lacks."""
    page = _page(site, "demo/ko")
    links = {a.get_text(): a["href"] for a in _content(page).select("a.glossary-term")}
    assert links["Dropout"] == "glossary/#dropout" and links["학습률"] == "glossary/#learning-rate"
    tip = _content(page).select_one("[data-glossary-name][data-glossary-term='dropout']")
    assert tip is not None and str(tip["data-glossary-summary"]).startswith("학습 중에")
    korean = _content(_page(site, "demo/ko/glossary"))
    assert korean.h1 is not None and korean.h1.get_text(strip=True).rstrip("¶") == "용어집"
    assert korean.select_one("#batch-normalization + div .glossary-fallback") is not None
    assert korean.select_one("#dropout + div .glossary-fallback") is None
    assert _content(_page(site, "glossary")).select_one(".glossary-fallback") is None


def test_every_nav_page_is_built(site: Path) -> None:
    for url in (
        "getting-started",
        "formats",
        "matching",
        "tooltips",
        "index-page",
        "integrations",
        "configuration",
        "troubleshooting",
        "performance",
        "changelog",
    ):
        assert (site / url / "index.html").is_file(), url


def test_the_docs_also_build_strictly_with_properdocs(tmp_path: Path) -> None:
    """Issue 6.5: our docs build with ProperDocs (the maintained MkDocs 1.6 fork) too."""
    import importlib.util

    if importlib.util.find_spec("properdocs") is None:
        reason = "ProperDocs is not installed (pip install -e '.[properdocs]')"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    command = ["build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(tmp_path / "site")]
    proc = subprocess.run(
        [sys.executable, "-m", "properdocs", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, f"properdocs build --strict failed:\n{proc.stderr}"
    page = BeautifulSoup(
        (tmp_path / "site" / "demo" / "resnet" / "index.html").read_text("utf-8"), "html.parser"
    )
    assert _links(page).get("resnet") == "ResNet"
    assert (tmp_path / "site" / "glossary" / "index.html").is_file()
