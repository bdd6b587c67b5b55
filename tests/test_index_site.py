"""The index page in real builds (Material unless said): structure, links, backlinks, search,
sitemap, languages, split pages, URLs in both ``use_directory_urls`` modes.

Sites are built once per module (builds are the slow part) and asserted with BeautifulSoup.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import SEED, build, build_log, content_of, html_of

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "index"
LATIN = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
HANGUL = list("ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ")
SITE_URL = "https://docs.example.org/sub/"

# Pages that mention terms: a nested page, a home page, and one in between in the nav.
PAGES = {
    "index.md": "# Home\n\nOur Residual Block uses Batch Normalization and dropout.\n",
    "about.md": "# About us\n\nNothing about terms here.\n",
    "guide/deep/page.md": (
        "# Deep page\n\nA Residual Block again, then the Residual Block once more, and the "
        "learning rate. Cross-Entropy is the loss.\n"
    ),
}
NAV = [
    {"Home": "index.md"},
    {"About": "about.md"},
    {"Guide": [{"Deep page": "guide/deep/page.md"}]},
    {"Glossary": "glossary.md"},
]


def _resolve(page_url: str, href: str) -> str:
    """A relative href on the page at ``page_url`` as a site-root-relative path (no fragment)."""
    base = "http://x/" + page_url
    path = urlsplit(urljoin(base, href)).path
    return unquote(path[1:])


def _target_file(site: Path, page_url: str, href: str) -> Path:
    """The file an href on a page points at (directory URLs resolve to their index.html)."""
    path = _resolve(page_url, href)
    target = site / path
    return target / "index.html" if path == "" or path.endswith("/") else target


def _ids(site: Path, page_url: str, href: str) -> set[str]:
    soup = BeautifulSoup(_target_file(site, page_url, href).read_text("utf-8"), "html.parser")
    return {str(el["id"]) for el in soup.select("[id]")}


def _entry(content: Tag, term_id: str) -> dict[str, Any]:
    """The parts of one entry: heading, definition scope, backlinks."""
    h3 = content.find("h3", id=term_id)
    assert isinstance(h3, Tag), f"no entry {term_id}"
    definition = h3.find_next_sibling()
    assert isinstance(definition, Tag) and "glossary-definition" in definition["class"]
    after = definition.find_next_sibling()
    backlinks = after if isinstance(after, Tag) and after.name == "p" else None
    if backlinks is not None and "glossary-backlinks" not in backlinks.get("class", []):
        backlinks = None
    return {"h3": h3, "definition": definition, "backlinks": backlinks}


def _project(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    project = tmp_path_factory.mktemp(name)
    shutil.copytree(FIXTURES, project / "glossary")
    return project


# -- the seed-like fixture (always available) ---------------------------------------------------


@pytest.fixture(scope="module")
def seedlike(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _project(tmp_path_factory, "seedlike")
    config = {
        "site_url": SITE_URL,
        "nav": NAV,
        "markdown_extensions": ["admonition", "pymdownx.arithmatex", "toc"],
        "plugins": ["search", "macros", {"glossary": {"source": "glossary/seedlike.md"}}],
    }
    return build(project, PAGES, config)


def test_seedlike_entries_groups_and_order(seedlike: Path) -> None:
    content = content_of(html_of(seedlike, "glossary/"))
    assert content.select_one("h1").get_text(strip=True) == "Neural network terms"
    assert [h.get_text(strip=True) for h in content.select("h2")] == list("BCDLRWZ")
    assert [h["id"] for h in content.select("h3")] == [
        "backpropagation",
        "batch-normalization",
        "cross-entropy",
        "data-augmentation",
        "dropout",
        "learning-rate",
        "relu",
        "residual-block",
        "weight-decay",  # filed under "## Z" in the source: the plugin puts it under W
        "zero-padding",
    ]
    assert "glossaryindexmarker" not in str(content)


def test_seedlike_letter_bar(seedlike: Path) -> None:
    bar = content_of(html_of(seedlike, "glossary/")).select_one("nav.glossary-letters")
    assert bar is not None
    letters = [el.get_text() for el in bar.select(".glossary-letter")]
    assert letters == LATIN  # no Hangul row: English site, no Hangul headword
    active = {a.get_text(): a["href"] for a in bar.select("a")}
    assert active == {g: f"#group-{g.lower()}" for g in "BCDLRWZ"}
    content = content_of(html_of(seedlike, "glossary/"))
    for href in active.values():
        assert content.select_one(href) is not None


def test_seedlike_aliases_empty_and_extensions(seedlike: Path) -> None:
    content = content_of(html_of(seedlike, "glossary/"))
    bn = _entry(content, "batch-normalization")
    assert bn["h3"].get_text(strip=True) == "Batch Normalization"
    assert bn["definition"].select_one(".glossary-aliases").get_text() == "Also: BN, 배치 정규화"
    empty = _entry(content, "data-augmentation")["definition"]
    assert empty.get_text(strip=True) == "No definition yet"
    assert empty.select_one("p.glossary-empty em") is not None
    lr = _entry(content, "learning-rate")["definition"]
    assert lr.select_one("div.admonition.note .admonition-title").get_text() == "Rule of thumb"
    assert lr.select_one("code").get_text() == "{{ lr }}"  # macros did not render it
    ce = _entry(content, "cross-entropy")["definition"]
    assert [li.get_text() for li in ce.select("li")] == [
        "Binary: one output.",
        "Categorical: one output per class.",
    ]
    relu = _entry(content, "relu")["definition"]
    assert relu.select_one(".arithmatex") is not None
    assert "data-glossary-scope" not in str(content)  # the linker removed the scope markers


def test_seedlike_cross_links_never_to_the_entry_itself(seedlike: Path) -> None:
    content = content_of(html_of(seedlike, "glossary/"))
    dropout = _entry(content, "dropout")["definition"]
    assert [a["href"] for a in dropout.select("a.glossary-term")] == ["#batch-normalization"]
    bn = _entry(content, "batch-normalization")["definition"]
    assert [a["data-glossary-term"] for a in bn.select("a.glossary-term")] == ["learning-rate"]
    rb = _entry(content, "residual-block")["definition"]
    assert not rb.select("a.glossary-term")  # it mentions only itself
    backprop = _entry(content, "backpropagation")["definition"]
    assert [a["href"] for a in backprop.select("a.glossary-term")] == ["#residual-block"]
    # Headings, aliases and labels are never linked.
    assert not content.select("h1 a.glossary-term, h2 a.glossary-term, h3 a.glossary-term")
    assert not content.select(".glossary-aliases a.glossary-term")


def test_seedlike_backlinks_in_nav_order_each_once(seedlike: Path) -> None:
    content = content_of(html_of(seedlike, "glossary/"))

    def backlinks(term_id: str) -> list[tuple[str, str]]:
        p = _entry(content, term_id)["backlinks"]
        return [] if p is None else [(a.get_text(), a["href"]) for a in p.select("a")]

    # Home comes before the nested page in the nav (by path it would come after).
    assert backlinks("residual-block") == [("Home", "../"), ("Deep page", "../guide/deep/page/")]
    assert backlinks("learning-rate") == [("Deep page", "../guide/deep/page/")]
    assert backlinks("batch-normalization") == [("Home", "../")]
    assert backlinks("zero-padding") == []  # never mentioned: no "Used on" line
    label = _entry(content, "residual-block")["backlinks"].select_one(".glossary-label")
    assert label.get_text() == "Used on:"
    for a in content.select("p.glossary-backlinks a"):
        assert _target_file(seedlike, "glossary/", a["href"]).is_file()


def test_seedlike_links_from_pages_reach_the_entries(seedlike: Path) -> None:
    for url in ("", "guide/deep/page/"):
        links = content_of(html_of(seedlike, url)).select("a.glossary-term")
        assert links
        for a in links:
            path, _, anchor = a["href"].partition("#")
            assert anchor in _ids(seedlike, url, path), a["href"]


def test_seedlike_local_image_of_a_source_outside_docs_is_published(seedlike: Path) -> None:
    content = content_of(html_of(seedlike, "glossary/"))
    img = _entry(content, "batch-normalization")["definition"].select_one("img")
    assert img is not None
    assert _target_file(seedlike, "glossary/", img["src"]).read_bytes().startswith(b"\x89PNG")
    remote = _entry(content, "residual-block")["definition"].select_one("img")
    assert remote["src"] == "https://example.org/residual.png"


def test_seedlike_search_index_has_the_real_term_text(seedlike: Path) -> None:
    docs = json.loads((seedlike / "search" / "search_index.json").read_text("utf-8"))["docs"]
    entries = {d["location"]: d for d in docs if d["location"].startswith("glossary/")}
    rb = entries["glossary/#residual-block"]
    assert rb["title"] == "Residual Block"
    assert "adds its input to its output" in rb["text"]
    assert "Also: BN, 배치 정규화" in entries["glossary/#batch-normalization"]["text"]
    everything = json.dumps(docs, ensure_ascii=False)
    assert "glossaryindexmarker" not in everything
    assert "Used on" not in everything  # navigation, excluded from search
    assert "glossary-letters" not in everything


def test_seedlike_sitemap_nav_and_toc(seedlike: Path) -> None:
    sitemap = (seedlike / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{SITE_URL}glossary/</loc>" in sitemap
    soup = html_of(seedlike, "glossary/")
    nav_links = [a.get_text(strip=True) for a in soup.select("nav.md-nav--primary a.md-nav__link")]
    assert "Glossary" in nav_links
    toc = soup.select_one("nav.md-nav--secondary")
    assert toc is not None
    # The TOC lists the groups only: the entries are reached by the letter bar and by search
    # (tests/test_index_search.py).
    toc_hrefs = [a["href"] for a in toc.select("a.md-nav__link")]
    assert toc_hrefs == [f"#group-{g}" for g in "bcdlrwz"]


def test_seedlike_index_css_is_published(seedlike: Path) -> None:
    soup = html_of(seedlike, "glossary/")
    hrefs = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    css = [h for h in hrefs if h.endswith("glossary-index.css")]
    assert css and _target_file(seedlike, "glossary/", css[0]).is_file()


# -- the real seed -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEED.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed glossary missing: {SEED}")
        pytest.skip(f"seed glossary not found at {SEED} (needs ../shared)")
    pages = {
        "index.md": "# Home\n\nResNet stacks Residual Block units with Identity Mapping.\n",
        "models/vision/vit.md": (
            "# Vision Transformer\n\nViT와 swin은 self attention을 쓴다. 정규화도 중요하다.\n"
        ),
        "training.md": "# Training\n\nSGD와 정규화는 Residual Block 학습에 쓰인다.\n",
    }
    config = {
        "site_url": SITE_URL,
        "theme": {"name": "material", "language": "ko"},
        "nav": [
            {"Home": "index.md"},
            {"Models": [{"ViT": "models/vision/vit.md"}]},
            {"Training": "training.md"},
            {"Glossary": "glossary.md"},
        ],
        "plugins": ["search", {"glossary": {"source": str(SEED)}}],
    }
    return build(tmp_path_factory.mktemp("seed"), pages, config)


@pytest.mark.seed
def test_seed_has_thirty_entries_in_their_groups(seed_site: Path) -> None:
    content = content_of(html_of(seed_site, "glossary/"))
    assert content.select_one("h1").get_text(strip=True) == "딥러닝 용어 정리"
    assert len(content.select("h3")) == 30
    assert [h.get_text(strip=True) for h in content.select("h2")] == list("CDFGHIMNPRSUVZ")
    groups: dict[str, list[str]] = {}
    for h in content.select("h2, h3"):
        if h.name == "h2":
            current = groups.setdefault(h.get_text(strip=True), [])
        else:
            current.append(str(h["id"]))
    assert groups["D"] == [
        "degradation",
        "depthwise-convolution",
        "disparity",
        "downsampling",
        "dropout",
    ]
    assert groups["S"] == [
        "self-attention",
        "shortcut-connection",
        "stochastic-gradient-descent",
        "swin",
    ]


@pytest.mark.seed
def test_seed_letter_bar_aliases_and_empty_entries(seed_site: Path) -> None:
    content = content_of(html_of(seed_site, "glossary/"))
    bar = content.select_one("nav.glossary-letters")
    assert bar is not None and bar["aria-label"] == "용어집 색인"
    # A Korean site shows the ㄱ–ㅎ row even though every headword is Latin: all inactive.
    assert [el.get_text() for el in bar.select(".glossary-letter")] == LATIN + HANGUL
    assert [a.get_text() for a in bar.select("a")] == list("CDFGHIMNPRSUVZ")
    ffnn = _entry(content, "feed-forward-neural-networks")["definition"]
    assert ffnn.select_one(".glossary-aliases").get_text() == "다른 이름: FFNN, 순방향 신경망"
    sgd = _entry(content, "stochastic-gradient-descent")
    assert sgd["h3"].get_text(strip=True) == "Stochastic Gradient Descent"
    rf = _entry(content, "residual-function")
    assert rf["h3"].get_text(strip=True) == "Residual Function (F(x))"
    for term_id in ("disparity", "group-convolution", "mlp"):
        definition = _entry(content, term_id)["definition"]
        assert definition.select_one(".glossary-empty").get_text() == "아직 정의가 없습니다"


@pytest.mark.seed
def test_seed_cross_links(seed_site: Path) -> None:
    content = content_of(html_of(seed_site, "glossary/"))
    pre = _entry(content, "pre-conditioning")["definition"]
    linked = [a["data-glossary-term"] for a in pre.select("a.glossary-term")]
    assert linked == ["identity-mapping", "residual-block"]  # first mention per definition
    rb = _entry(content, "residual-block")["definition"]
    assert "residual-block" not in [a["data-glossary-term"] for a in rb.select("a.glossary-term")]
    for a in content.select("a.glossary-term"):
        assert content.find(id=a["href"][1:]) is not None


@pytest.mark.seed
def test_seed_backlinks_from_nested_pages(seed_site: Path) -> None:
    content = content_of(html_of(seed_site, "glossary/"))

    def backlinks(term_id: str) -> list[tuple[str, str]]:
        p = _entry(content, term_id)["backlinks"]
        return [] if p is None else [(a.get_text(), a["href"]) for a in p.select("a")]

    assert backlinks("normalization") == [
        ("ViT", "../models/vision/vit/"),
        ("Training", "../training/"),
    ]
    assert backlinks("residual-block") == [("Home", "../"), ("Training", "../training/")]
    assert backlinks("vit") == [("ViT", "../models/vision/vit/")]
    assert backlinks("zero-mapping") == []
    assert _entry(content, "vit")["backlinks"].select_one(".glossary-label").get_text() == (
        "사용된 문서:"
    )


@pytest.mark.seed
def test_seed_in_search_and_sitemap(seed_site: Path) -> None:
    docs = json.loads((seed_site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    norm = next(d for d in docs if d["location"] == "glossary/#normalization")
    assert "값의 범위(scale)를 0~1 사이의 값으로 바꾸는 것" in norm["text"]
    assert f"<loc>{SITE_URL}glossary/</loc>" in (seed_site / "sitemap.xml").read_text("utf-8")


# -- a Korean glossary, nested index path, use_directory_urls: false, source in docs_dir -----


KOREAN = """\
- term: 정규화
  aliases: [normalization]
  definition: 값의 범위를 맞추는 것. 합성곱 뒤에 자주 쓴다.
- term: 가중치
  definition: 학습되는 값.
- term: 까마귀 효과
  definition: 쌍자음 ㄲ은 ㄱ 아래에 온다.
- term: 합성곱
  definition: 필터를 미끄러뜨리며 곱해 더한다. 가중치를 공유한다.
- term: 나선
- term: 활성화 함수
  definition: 비선형성을 준다.
- term: 떡잎
  definition: ㄸ은 ㄷ 아래에 온다.
- term: Adam
  definition: 최적화 기법.
"""


@pytest.fixture(scope="module")
def korean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pages = {
        "index.md": "# 홈\n\n정규화와 합성곱을 설명한다.\n",
        "deep/er/page.md": "# 깊은 문서\n\n가중치를 학습한다. 정규화는 중요하다.\n",
        "terms.yml": KOREAN,
    }
    config = {
        "site_url": SITE_URL,
        "theme": {"name": "material", "language": "ko"},
        "plugins": [
            "search",
            {"glossary": {"source": "docs/terms.yml", "index": {"path": "reference/glossary.md"}}},
        ],
    }
    return build(tmp_path_factory.mktemp("korean"), pages, config, use_directory_urls=False)


def test_korean_groups_ids_and_title(korean: Path) -> None:
    soup = html_of(korean, "reference/glossary.html")
    content = content_of(soup)
    assert content.select_one("h1").get_text(strip=True) == "용어집"
    assert soup.select_one("title").get_text().startswith("용어집")
    assert [h.get_text(strip=True) for h in content.select("h2")] == [
        "A",
        "ㄱ",
        "ㄴ",
        "ㄷ",
        "ㅈ",
        "ㅎ",
    ]
    assert [h["id"] for h in content.select("h2")] == [
        "group-a",
        "group-ㄱ",
        "group-ㄴ",
        "group-ㄷ",
        "group-ㅈ",
        "group-ㅎ",
    ]
    assert [h["id"] for h in content.select("h3")] == [
        "adam",
        "가중치",
        "까마귀-효과",  # ㄲ under ㄱ, after 가
        "나선",
        "떡잎",  # ㄸ under ㄷ
        "정규화",
        "합성곱",
        "활성화-함수",
    ]
    bar = content.select_one("nav.glossary-letters")
    assert [a.get_text() for a in bar.select("a")] == ["A", "ㄱ", "ㄴ", "ㄷ", "ㅈ", "ㅎ"]
    assert len(bar.select(".glossary-letter-inactive")) == 25 + 9


def test_korean_links_and_backlinks_without_directory_urls(korean: Path) -> None:
    home = content_of(html_of(korean, "index.html"))
    hrefs = [a["href"] for a in home.select("a.glossary-term")]
    assert hrefs == ["reference/glossary.html#정규화", "reference/glossary.html#합성곱"]
    deep = content_of(html_of(korean, "deep/er/page.html"))
    assert next(a["href"] for a in deep.select("a.glossary-term")) == (
        "../../reference/glossary.html#가중치"
    )
    content = content_of(html_of(korean, "reference/glossary.html"))
    p = _entry(content, "정규화")["backlinks"]
    assert [(a.get_text(), a["href"]) for a in p.select("a")] == [
        ("홈", "../index.html"),
        ("깊은 문서", "../deep/er/page.html"),
    ]
    for a in p.select("a"):
        assert _target_file(korean, "reference/glossary.html", a["href"]).is_file()
    # Inside a definition, another term is linked; the entry itself never.
    conv = _entry(content, "합성곱")["definition"]
    assert [a["href"] for a in conv.select("a.glossary-term")] == ["#가중치"]
    norm = _entry(content, "정규화")["definition"]
    assert [a["href"] for a in norm.select("a.glossary-term")] == ["#합성곱"]


def test_korean_source_inside_docs_is_not_published(korean: Path) -> None:
    assert not (korean / "terms.yml").exists()
    assert any(
        "'terms.yml' is a glossary source inside docs_dir" in line for line in build_log(korean)
    )


# -- split pages ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _project(tmp_path_factory, "split")
    config = {
        # Every link and anchor of the group pages must validate: strict fails on any warning.
        "validation": {
            "links": {
                "not_found": "warn",
                "anchors": "warn",
                "unrecognized_links": "warn",
                "absolute_links": "warn",
            }
        },
        "plugins": [
            "search",
            {
                "glossary": {
                    "source": "glossary/seedlike.md",
                    "index": {"split": "always", "title": "Terms"},
                }
            },
        ],
    }
    return build(project, PAGES, config, strict=True)


def test_split_group_pages_and_overview(split: Path) -> None:
    overview = content_of(html_of(split, "glossary/"))
    assert overview.select_one("h1").get_text(strip=True) == "Terms"
    assert not overview.select("h3")
    groups = overview.select("ul.glossary-groups a")
    assert [a.get_text() for a in groups] == list("BCDLRWZ")
    for a in groups:
        path, _, anchor = a["href"].partition("#")
        assert anchor in _ids(split, "glossary/", path)
    page_b = content_of(html_of(split, "glossary/b/"))
    assert page_b.select_one("h1").get_text(strip=True) == "Terms – B"
    assert [h["id"] for h in page_b.select("h3")] == ["backpropagation", "batch-normalization"]
    bar = page_b.select_one("nav.glossary-letters")
    assert bar.select_one("a[aria-current=page]").get_text() == "B"
    for a in bar.select("a"):
        path, _, anchor = a["href"].partition("#")
        assert anchor in _ids(split, "glossary/b/", path or "./")


def test_split_links_point_to_the_group_page(split: Path) -> None:
    home = content_of(html_of(split, ""))
    assert [a["href"] for a in home.select("a.glossary-term")] == [
        "glossary/r/#residual-block",
        "glossary/b/#batch-normalization",
        "glossary/d/#dropout",
    ]
    # Cross-links between group pages, and backlinks from a group page.
    page_d = content_of(html_of(split, "glossary/d/"))
    dropout = _entry(page_d, "dropout")
    assert [a["href"] for a in dropout["definition"].select("a.glossary-term")] == [
        "../b/#batch-normalization"
    ]
    assert [a["href"] for a in dropout["backlinks"].select("a")] == ["../../"]
    page_r = content_of(html_of(split, "glossary/r/"))
    rb = _entry(page_r, "residual-block")["backlinks"]
    assert [a["href"] for a in rb.select("a")] == ["../../", "../../guide/deep/page/"]
    for a in rb.select("a"):
        assert _target_file(split, "glossary/r/", a["href"]).is_file()


def test_split_group_pages_are_not_in_the_nav(split: Path) -> None:
    soup = html_of(split, "")
    nav = [a["href"] for a in soup.select("nav.md-nav--primary a.md-nav__link[href]")]
    assert "glossary/" in nav
    assert not [h for h in nav if h.startswith("glossary/") and h != "glossary/"]


# -- a source that is the index page, colliding ids, a missing image --------------------------


def test_source_that_is_the_index_page_collisions_and_missing_image(tmp_path: Path) -> None:
    source = (
        "---\ntitle: Languages\n---\n\n"
        "## C\n\n#### C++\n: A language. C# is another.\n\n"
        "#### C#\n: Another language. ![logo](img/missing.png)\n\n"
        "#### Go\n: Mentions C++.\n"
    )
    site = build(
        tmp_path / "p",
        {"index.md": "# Home\n\nC++ and C# and Go.\n", "glossary.md": source},
        {
            "nav": [{"Home": "index.md"}, {"Languages": "glossary.md"}],
            "plugins": [{"glossary": {"source": "docs/glossary.md"}}],
        },
    )
    content = content_of(html_of(site, "glossary/"))
    assert content.select_one("nav.glossary-letters") is not None  # the generated page
    assert [h["id"] for h in content.select("h3")] == ["c-2", "c", "go"]
    assert [h.get_text(strip=True) for h in content.select("h3")] == ["C#", "C++", "Go"]
    home = content_of(html_of(site, ""))
    assert [a["href"] for a in home.select("a.glossary-term")] == [
        "glossary/#c",
        "glossary/#c-2",
        "glossary/#go",
    ]
    log = build_log(site)
    assert any(
        "glossary.md:10: 'C#' has the same id 'c' as 'C++' (" in line and "'#c-2'" in line
        for line in log
    ), log
    ours = "WARNING mkdocs.plugins.glossary: glossary: docs/glossary.md:10: 'img/missing.png' "
    assert any(line.startswith(ours + "in the definition of 'C#' points to") for line in log)
    # No "replaced" warning: the source is the index page on purpose.
    assert not any("is replaced by the generated glossary index" in line for line in log)


def test_a_page_of_the_user_at_the_index_path_is_replaced_with_a_warning(tmp_path: Path) -> None:
    site = build(
        tmp_path / "p",
        {"index.md": "# Home\n", "glossary.md": "# My own page\n", "./terms.yml": "- term: Go\n"},
        {"plugins": [{"glossary": {"source": "terms.yml"}}]},
    )
    assert content_of(html_of(site, "glossary/")).select_one("h3#go") is not None
    assert any(
        line.startswith("WARNING") and "'glossary.md' in docs_dir is replaced" in line
        for line in build_log(site)
    )


def test_ids_are_stable_across_rebuilds_when_definitions_change(tmp_path: Path) -> None:
    files = {"index.md": "# Home\n\nSee 정규화 and Residual Block.\n"}

    def ids(definition: str, n: int) -> tuple[list[str], list[str]]:
        yml = f"- term: Residual Block\n  definition: {definition}\n- term: 정규화\n"
        site = build(
            tmp_path / f"p{n}",
            {**files, "./g.yml": yml},
            {"plugins": [{"glossary": {"source": "g.yml"}}]},
        )
        entries = [str(h["id"]) for h in content_of(html_of(site, "glossary/")).select("h3")]
        links = [str(a["href"]) for a in content_of(html_of(site, "")).select("a.glossary-term")]
        return entries, links

    assert (
        ids("old", 1)
        == ids("a completely different text, with more words", 2)
        == (
            ["residual-block", "정규화"],
            ["glossary/#정규화", "glossary/#residual-block"],
        )
    )


@pytest.mark.parametrize(
    ("theme", "option", "expected"),
    [
        ({"name": "mkdocs", "locale": "ko"}, None, "용어집"),
        ({"name": "material"}, None, "Glossary"),
        ({"name": "material", "language": "ko"}, "en", "Glossary"),
        ({"name": "readthedocs"}, "ko", "용어집"),
    ],
)
def test_title_follows_the_language(
    tmp_path: Path, theme: dict[str, Any], option: str | None, expected: str
) -> None:
    plugin: dict[str, Any] = {"source": "g.yml"}
    if option:
        plugin["language"] = option
    site = build(
        tmp_path / "p",
        {"index.md": "# Home\n", "./g.yml": "- term: Go\n"},
        {"plugins": [{"glossary": plugin}]},
        theme=theme,
    )
    soup = html_of(site, "glossary/")
    assert soup.select_one("title").get_text().startswith(expected)
    h1 = soup.select_one("h1#" + ("용어집" if expected == "용어집" else "glossary"))
    assert h1 is not None and h1.get_text(strip=True).startswith(expected)
