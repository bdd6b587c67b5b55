"""Every option of the plugin, through real Material builds (issue 12, Deliver 1).

Each test compares what an option changes between a site built with the defaults and a site
built with the option set, so it fails when the option's wiring in ``plugin.py`` is removed
(the option then has the default's effect, or none). Builds are the slow part: a handful of
module-scoped sites, each flipping several options that touch different pages or strings:

- ``default``: every option at its default; two sources (the second read as ``data`` only
  because its format is forced); a page per value of the front matter ``glossary:``;
- ``flipped``: ``index`` (path, title, backlinks, split always), ``link: all``,
  ``tooltips: false``, ``case_sensitive: true``, ``plurals: false``, ``exclude``;
- ``lowered``: ``case_sensitive: false`` and ``language: ko`` (tooltips on, to see its label);
- ``disabled``: ``enabled: false``;
- ``big``: 501 terms with ``index.split: never`` (``auto`` would split above 500).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import Builder, content_of, html_of

from mkdocs_glossary_plugin.index import LEAD_ATTR
from mkdocs_glossary_plugin.tooltips import MARKER_ATTR, PAYLOAD_CLASS

pytestmark = pytest.mark.slow

GLOSSARY = """\
- term: Residual Block
  definition: A block whose input is added to its output.
- term: ResNet
  definition: A network of Residual Blocks.
- term: Identity mapping
  definition: The shortcut that passes the input unchanged.
- term: Stochastic Gradient Descent
  aliases: [SGD]
  definition: An optimiser that follows the gradient of a random mini-batch.
"""

# The second source: YAML in a ``.txt`` file, read only because its format is forced (a ``.txt``
# file is recognised by its content, and YAML is none of the Markdown formats).
EXTRA = "- term: Weight Decay\n  definition: A penalty on large weights.\n"

SOURCES: list[Any] = ["glossary.yml", {"path": "extra.txt", "format": "data"}]

#: Front matter ``glossary:`` values (as written in YAML) and whether the page stays linked.
FRONT_MATTER: list[tuple[str, bool]] = [
    ("false", False),
    ("False", False),
    ("FALSE", False),
    ("no", False),
    ("No", False),
    ("off", False),
    ("Off", False),
    ("0", False),
    ('"false"', False),
    ('"FALSE"', False),
    ('"no"', False),
    ('"off"', False),
    ('"Off"', False),
    ('"0"', False),
    ('" no "', False),
    ("true", True),
    ("1", True),
    ("yes", True),
    ('"yes"', True),
    ('"1"', True),
    ("[false]", True),
    ("", True),  # ``glossary:`` with no value is null: not an opt-out
    (None, True),  # absent
]


def _fm_name(index: int) -> str:
    return f"fm/p{index:02d}.md"


def _fm_pages() -> dict[str, str]:
    pages = {}
    for i, (value, _) in enumerate(FRONT_MATTER):
        head = "" if value is None else f"---\nglossary: {value}\n---\n\n"
        pages[_fm_name(i)] = f"{head}# Page {i}\n\nA Residual Block.\n"
    return pages


FILES = {
    "./glossary.yml": GLOSSARY,
    "./extra.txt": EXTRA,
    "index.md": (
        "# Home\n\nA Residual Block, then a Residual Block again. ResNet and Identity mapping. "
        "Weight Decay too.\n"
    ),
    "case.md": "# Case\n\nWe trained a resnet; the identity mapping helps.\n",
    "plural.md": "# Plurals\n\nResidual Blocks stack.\n",
    "drafts/page.md": "# Draft\n\nSGD in a draft.\n",
    **_fm_pages(),
}


def _config(**options: Any) -> dict[str, Any]:
    return {"plugins": ["search", {"glossary": {"source": SOURCES, **options}}]}


FLIPPED = {
    "index": {"path": "ref/terms.md", "title": "Terms", "backlinks": False, "split": "always"},
    "link": "all",
    "tooltips": False,
    "case_sensitive": True,
    "plurals": False,
    "exclude": ["drafts/**"],
}


@pytest.fixture(scope="module")
def default(site_builder: Builder) -> Path:
    return site_builder(FILES, _config(), strict=True)


@pytest.fixture(scope="module")
def flipped(site_builder: Builder) -> Path:
    return site_builder(FILES, _config(**FLIPPED), strict=True)


@pytest.fixture(scope="module")
def lowered(site_builder: Builder) -> Path:
    return site_builder(FILES, _config(case_sensitive=False, language="ko"), strict=True)


@pytest.fixture(scope="module")
def disabled(site_builder: Builder) -> Path:
    return site_builder(FILES, _config(enabled=False), strict=True)


def _linked(site: Path, url: str) -> list[str]:
    """Texts of our links in the page's content, in order."""
    return [a.get_text() for a in content_of(html_of(site, url)).select("a.glossary-term")]


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# -- enabled ----------------------------------------------------------------------------------


def test_enabled_false_makes_nothing(default: Path, disabled: Path) -> None:
    """No link, no tooltip data, no index page, no asset of ours; the sources are published as
    the user's own files would be (nothing is read)."""
    assert _linked(default, "")  # the same pages are linked when enabled
    pages = _html_files(disabled)
    assert len(pages) >= 2
    for page in pages:
        text = page.read_text("utf-8")
        assert "glossary-term" not in text and PAYLOAD_CLASS not in text, page
        assert "assets/glossary/" not in text, page
    assert not (disabled / "glossary").exists()
    assert (default / "glossary" / "index.html").is_file()
    assert not (disabled / "assets" / "glossary").exists()


# -- source -----------------------------------------------------------------------------------


def test_source_list_and_forced_format(default: Path) -> None:
    """Both sources are read (the second only as forced ``data``): their terms are linked and
    have entries on the index page."""
    assert _linked(default, "") == [
        "Residual Block",
        "ResNet",
        "Identity mapping",
        "Weight Decay",
    ]
    index = content_of(html_of(default, "glossary/"))
    assert [h["id"] for h in index.select("h3")] == [
        "identity-mapping",
        "residual-block",
        "resnet",
        "stochastic-gradient-descent",
        "weight-decay",
    ]


# -- index.path, index.title, index.split, index.backlinks ----------------------------------


def test_index_path_places_the_page_and_the_links(default: Path, flipped: Path) -> None:
    assert not (flipped / "glossary").exists()
    overview = content_of(html_of(flipped, "ref/terms/"))
    assert overview.select("ul.glossary-groups a")
    home = content_of(html_of(flipped, ""))
    hrefs = [a["href"] for a in home.select("a.glossary-term")]
    assert hrefs and all(h.startswith("ref/terms/") for h in hrefs), hrefs
    default_hrefs = [a["href"] for a in content_of(html_of(default, "")).select("a.glossary-term")]
    assert default_hrefs and all(h.startswith("glossary/") for h in default_hrefs), default_hrefs


def test_index_title(default: Path, flipped: Path) -> None:
    assert content_of(html_of(default, "glossary/")).h1.get_text(strip=True) == "Glossary"
    assert content_of(html_of(flipped, "ref/terms/")).h1.get_text(strip=True) == "Terms"
    assert content_of(html_of(flipped, "ref/terms/r/")).h1.get_text(strip=True) == "Terms – R"
    assert html_of(flipped, "ref/terms/").title.get_text().startswith("Terms")


def test_index_split_always_makes_group_pages(default: Path, flipped: Path) -> None:
    """``always`` splits even a five-term glossary; ``auto`` keeps it on one page."""
    assert (flipped / "ref" / "terms" / "r" / "index.html").is_file()
    assert [h["id"] for h in content_of(html_of(flipped, "ref/terms/r/")).select("h3")] == [
        "residual-block",
        "resnet",
    ]
    assert not content_of(html_of(flipped, "ref/terms/")).select("h3")
    assert [p.parent.name for p in (default / "glossary").rglob("index.html")] == ["glossary"]


def test_index_split_never_keeps_501_terms_on_one_page(site_builder: Builder) -> None:
    """``auto`` would split above 500 terms; ``never`` keeps one page with every entry."""
    terms = "".join(f"- term: Term{i:03d}\n  definition: Definition {i}.\n" for i in range(501))
    site = site_builder(
        {"./g.yml": terms, "index.md": "# Home\n\nTerm001 here.\n"},
        {"plugins": [{"glossary": {"source": "g.yml", "index": {"split": "never"}}}]},
    )
    assert sorted(
        p.relative_to(site / "glossary").as_posix() for p in (site / "glossary").rglob("*.html")
    ) == ["index.html"]
    assert len(content_of(html_of(site, "glossary/")).select("h3")) == 501


def test_index_backlinks(default: Path, flipped: Path) -> None:
    """``true`` lists the pages under each entry; ``false`` leaves no "Used on" anywhere."""
    index = content_of(html_of(default, "glossary/"))
    backlinks = index.select(".glossary-backlinks")
    assert backlinks and "Used on" in backlinks[0].get_text()
    assert "Home" in index.get_text()
    pages = _html_files(flipped)
    assert len(pages) >= 2
    for page in pages:
        text = page.read_text("utf-8")
        assert "glossary-backlinks" not in text and "Used on" not in text, page


# -- link -------------------------------------------------------------------------------------


def test_link_first_and_all(default: Path, flipped: Path) -> None:
    assert _linked(default, "").count("Residual Block") == 1
    assert _linked(flipped, "").count("Residual Block") == 2


# -- tooltips ---------------------------------------------------------------------------------


def test_tooltips_true_ships_data_and_assets(default: Path) -> None:
    home = (default / "index.html").read_text("utf-8")
    assert "data-glossary-summary" in home
    assert "assets/glossary/glossary.js" in home and "assets/glossary/glossary.css" in home
    assert (default / "assets" / "glossary" / "glossary.js").is_file()
    assert (default / "assets" / "glossary" / "glossary.css").is_file()


def test_tooltips_false_leaves_no_trace_on_any_page(flipped: Path) -> None:
    """No payload, marker or lead mark, no script or style of the tooltips: on every page, the
    index pages included (the index keeps its own stylesheet, glossary-index.css)."""
    pages = _html_files(flipped)
    assert any("ref/terms" in p.as_posix() for p in pages)
    for page in pages:
        text = page.read_text("utf-8")
        soup = BeautifulSoup(text, "html.parser")
        assert not soup.select(f".{PAYLOAD_CLASS}"), page
        found = re.findall(r"data-glossary-(?!term\b)[a-z-]+", text)
        assert not found, (page, found)
        assert MARKER_ATTR not in text and LEAD_ATTR not in text, page
        assert not re.search(r"glossary\.(js|css)\b", text), page
    assert not (flipped / "assets" / "glossary" / "glossary.js").exists()
    assert not (flipped / "assets" / "glossary" / "glossary.css").exists()
    assert _linked(flipped, "")  # links stay


# -- case_sensitive ---------------------------------------------------------------------------


def test_case_sensitive_auto_true_false(default: Path, flipped: Path, lowered: Path) -> None:
    """``auto``: ResNet (upper case inside a word) only as written, Identity mapping in any case;
    ``true``: both only as written; ``false``: both in any case."""
    assert _linked(default, "case/") == ["identity mapping"]
    assert _linked(flipped, "case/") == []
    assert _linked(lowered, "case/") == ["resnet", "identity mapping"]
    for site in (default, flipped, lowered):
        assert {"ResNet", "Identity mapping"} <= set(_linked(site, ""))


# -- plurals ----------------------------------------------------------------------------------


def test_plurals(default: Path, flipped: Path) -> None:
    assert _linked(default, "plural/") == ["Residual Blocks"]
    assert _linked(flipped, "plural/") == []


# -- exclude ----------------------------------------------------------------------------------


def test_exclude(default: Path, flipped: Path) -> None:
    assert _linked(default, "drafts/page/") == ["SGD"]
    assert _linked(flipped, "drafts/page/") == []


# -- language ---------------------------------------------------------------------------------


def test_language_sets_index_and_tooltip_strings(default: Path, lowered: Path) -> None:
    en, ko = html_of(default, "glossary/"), html_of(lowered, "glossary/")
    assert content_of(en).h1.get_text(strip=True) == "Glossary"
    assert content_of(ko).h1.get_text(strip=True) == "용어집"
    assert "Used on" in en.get_text() and "사용된 문서" in ko.get_text()
    assert en.select_one("nav.glossary-letters")["aria-label"] == "Glossary letters"
    assert ko.select_one("nav.glossary-letters")["aria-label"] == "용어집 색인"
    labels = {
        str(p["data-glossary-label"]) for p in html_of(lowered, "").select(f".{PAYLOAD_CLASS}")
    }
    assert labels == {"용어집에서 보기"}
    labels = {
        str(p["data-glossary-label"]) for p in html_of(default, "").select(f".{PAYLOAD_CLASS}")
    }
    assert labels == {"Open in glossary"}


# -- front matter opt-out ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("index", "value", "linked"),
    [(i, v, linked) for i, (v, linked) in enumerate(FRONT_MATTER)],
    ids=[f"glossary: {v}" if v is not None else "absent" for v, _ in FRONT_MATTER],
)
def test_front_matter_opt_out(default: Path, index: int, value: str | None, linked: bool) -> None:
    url = _fm_name(index)[: -len(".md")] + "/"
    assert _linked(default, url) == (["Residual Block"] if linked else []), value
