"""Real MkDocs + Material builds: links from every depth, both URL styles, exclusions, macros.

Each site is built once per module (builds are the slow part) and asserted with BeautifulSoup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import (
    SAMPLE_GLOSSARY,
    Builder,
    build_log,
    content_of,
    glossary_links,
    html_of,
    unwrap_glossary_links,
)

pytestmark = pytest.mark.slow

TERMS_YAML = """\
- term: ResNet
  definition: A residual network.
- term: Residual Block
  definition: A block with a skip connection.
- term: SGD
  aliases: [확률적 경사하강법]
  definition: Stochastic gradient descent.
- term: 정규화
  definition: Normalization.
- term: Unused Term
  definition: Never mentioned anywhere.
- term: Pending
"""

PAGES = {
    "index.md": "# Home\n\nResNet at depth zero uses a Residual Block.\n",
    "a.md": "# Page A\n\nResNet at depth one, 정규화는 중요하다.\n",
    "sub/b.md": "# Page B\n\nResNet at depth two.\n",
    "sub/deep/c.md": "# Page C\n\nResNet at depth three.\n",
    "sub/deep/more/d.md": "# Page D\n\nResNet at depth four.\n",
    "sub/index.md": "# Sub index\n\nSGD on a section index page.\n",
    "private/secret.md": "# Secret\n\nResNet must stay plain here.\n",
    "drafts/notes.md": "# Notes\n\nResNet must stay plain here too.\n",
    "optout.md": "---\nglossary: false\n---\n\n# Opt out\n\nResNet is not linked here.\n",
    "titles.md": (
        "# ResNet guide\n\n"
        "ResNet first mention.\n\n"
        "## SGD details\n\n"
        "SGD and ResNet again, and 확률적 경사하강법.\n"
    ),
    "macro.md": '# Macro\n\nA macro writes {{ "Res" ~ "Net" }} here.\n',
}

# page src -> (URL with directory URLs, URL without)
URLS = {
    "index.md": ("", "index.html"),
    "a.md": ("a/", "a.html"),
    "sub/b.md": ("sub/b/", "sub/b.html"),
    "sub/deep/c.md": ("sub/deep/c/", "sub/deep/c.html"),
    "sub/deep/more/d.md": ("sub/deep/more/d/", "sub/deep/more/d.html"),
    "sub/index.md": ("sub/", "sub/index.html"),
}


def _config(plugins_order: str = "macros-first", **glossary: Any) -> dict[str, Any]:
    options = {"source": "terms.yml", "exclude": ["private/", "drafts/*.md"], **glossary}
    entry = {"glossary": options}
    plugins: list[Any] = ["search", "macros", entry]
    if plugins_order == "macros-last":
        plugins = ["search", entry, "macros"]
    # A site_url with a sub-path: relative links work under it unchanged.
    return {
        "site_url": "https://example.org/docs/",
        "plugins": plugins,
        "markdown_extensions": ["toc", "attr_list"],
    }


@pytest.fixture(scope="module")
def site(site_builder: Builder) -> Path:
    return site_builder({"./terms.yml": TERMS_YAML, **PAGES}, _config(), strict=True)


@pytest.fixture(scope="module")
def site_files(site_builder: Builder) -> Path:
    return site_builder(
        {"./terms.yml": TERMS_YAML, **PAGES},
        _config("macros-last", link="all"),
        use_directory_urls=False,
    )


def _links(site: Path, url: str) -> list[tuple[str, str, str]]:
    return [
        (a.get_text(), str(a["href"]), str(a["data-glossary-term"]))
        for a in glossary_links(content_of(html_of(site, url)))
    ]


@pytest.mark.parametrize("src", sorted(URLS))
def test_links_resolve_to_the_entry_from_every_depth(site: Path, src: str) -> None:
    url = URLS[src][0]
    links = _links(site, url)
    assert links, f"no link on {url!r}"
    base = "https://example.org/docs/"
    for _, href, term_id in links:
        assert urljoin(base + url, href) == f"{base}glossary/#{term_id}"


@pytest.mark.parametrize("src", sorted(URLS))
def test_links_resolve_without_directory_urls(site_files: Path, src: str) -> None:
    url = URLS[src][1]
    links = _links(site_files, url)
    assert links, f"no link on {url!r}"
    base = "https://example.org/docs/"
    for _, href, term_id in links:
        assert urljoin(base + url, href) == f"{base}glossary.html#{term_id}"


def test_exact_hrefs(site: Path, site_files: Path) -> None:
    assert _links(site, "") == [
        ("ResNet", "glossary/#resnet", "resnet"),
        ("Residual Block", "glossary/#residual-block", "residual-block"),
    ]
    assert _links(site, "sub/deep/more/d/") == [
        ("ResNet", "../../../../glossary/#resnet", "resnet")
    ]
    assert _links(site_files, "sub/deep/c.html") == [
        ("ResNet", "../../glossary.html#resnet", "resnet")
    ]
    assert _links(site, "a/") == [
        ("ResNet", "../glossary/#resnet", "resnet"),
        ("정규화", "../glossary/#정규화", "정규화"),
    ]


@pytest.mark.parametrize("url", ["private/secret/", "drafts/notes/", "optout/"])
def test_excluded_and_opted_out_pages_have_no_links(site: Path, url: str) -> None:
    content = content_of(html_of(site, url))
    assert "ResNet" in content.get_text()
    assert glossary_links(content) == []


def test_link_first_and_link_all(site: Path, site_files: Path) -> None:
    first = [t for t, _, _ in _links(site, "titles/")]
    # 확률적 경사하강법 is an alias of SGD, linked already: link: first links a term once.
    assert first == ["ResNet", "SGD"]
    assert first.count("ResNet") == 1
    every = [t for t, _, _ in _links(site_files, "titles.html")]
    assert every.count("ResNet") == 2


@pytest.mark.parametrize("which", ["macros-first", "macros-last"])
def test_a_term_written_by_a_macro_is_linked(site: Path, site_files: Path, which: str) -> None:
    built, url = (site, "macro/") if which == "macros-first" else (site_files, "macro.html")
    assert _links(built, url)[0][0] == "ResNet"


def test_titles_nav_and_toc_are_unchanged(site: Path) -> None:
    soup = html_of(site, "titles/")
    assert soup.title is not None and soup.title.get_text().startswith("ResNet guide")
    for heading in soup.select("h1, h2, h3, h4, h5, h6"):
        assert heading.select("a.glossary-term") == []
    assert [
        h.get_text().replace("¶", "").strip() for h in soup.select("article h1, article h2")
    ] == [
        "ResNet guide",
        "SGD details",
    ]
    nav = soup.select_one("nav.md-nav--primary")
    assert nav is not None and "ResNet guide" in nav.get_text()
    toc = soup.select_one("nav.md-nav--secondary")
    assert toc is not None and "SGD details" in toc.get_text()
    outside = [a for a in soup.select("a.glossary-term") if a.find_parent("article") is None]
    assert outside == []


def test_no_unrecognized_relative_link_messages(site: Path, site_files: Path) -> None:
    for built in (site, site_files):
        lines = [line for line in build_log(built) if "unrecognized relative link" in line]
        assert lines == []


def test_one_summary_per_build(site: Path) -> None:
    summaries = [line for line in build_log(site) if "links made" in line]
    assert len(summaries) == 1
    line = summaries[0]
    assert line.startswith("INFO mkdocs.plugins.glossary")
    assert "6 terms loaded" in line
    assert "never mentioned" in line and "Unused Term" in line
    assert "1 terms without a definition (Pending)" in line


def test_strict_validation_of_links_never_sees_ours(site_builder: Builder) -> None:
    """With MkDocs' strictest link validation, a build with our links passes ``--strict``."""
    config = _config()
    config["validation"] = {"links": {"unrecognized_links": "warn", "absolute_links": "warn"}}
    built = site_builder({"./terms.yml": TERMS_YAML, **PAGES}, config, strict=True)
    assert _links(built, "a/")
    assert not [line for line in build_log(built) if line.startswith("WARNING")]


def test_rebuild_does_not_accumulate(tmp_path: Path) -> None:
    """Two builds of one project in one process reuse the plugin instance (MkDocs caches
    plugins that define ``on_startup``, as ``mkdocs serve`` does): the second summary must not
    count the first build's links again."""
    from conftest import build
    from mkdocs.config.defaults import MkDocsConfig

    files = {"./terms.yml": TERMS_YAML, "index.md": "ResNet and SGD", "a.md": "SGD"}
    summaries, instances = [], []
    for _ in range(2):
        built = build(tmp_path / "project", files, _config())
        summaries.append([line for line in build_log(built) if "links made" in line])
        instances.append(MkDocsConfig.plugins.plugin_cache["glossary"])  # type: ignore[attr-defined]
        assert _links(built, "") == [
            ("ResNet", "glossary/#resnet", "resnet"),
            ("SGD", "glossary/#sgd", "sgd"),
        ]
    assert instances[0] is instances[1]
    assert summaries[0] == summaries[1]
    assert "3 links made on 2 pages" in summaries[0][0]


def test_pages_without_mentions_render_as_without_the_plugin(site: Path) -> None:
    soup: BeautifulSoup = html_of(site, "optout/")
    assert "glossary-term" not in str(content_of(soup))


SEED_PAGE = """\
# 잔차 학습

ResNet에서는 Residual Block을 쌓고 Identity Mapping으로 shortcut connection을 만든다.
정규화는 학습을 안정시킨다. 확률적 경사하강법(SGD)으로 학습하면 수렴 속도가 빠르다.
귀납편향이 적은 ViT는 self-attention을 쓴다. 벡터 양자화를 하면 FLOPs가 준다.
다층 퍼셉트론들을 쌓으면 기울기 소실 문제가 생긴다.

미니배치와 텐서플로, Pre-conditioning된 값, Residual Blocks.
"""


def test_seed_glossary_links_a_korean_page(build_site: Builder, seed_path: Path) -> None:
    """The real seed glossary, read as-is, links the mentions of a Korean page."""
    config = {"plugins": [{"glossary": {"source": str(seed_path), "link": "all"}}]}
    built = build_site({"ko.md": SEED_PAGE}, config)
    found = [(text, term_id) for text, _, term_id in _links(built, "ko/")]
    assert found == [
        ("Residual Block", "residual-block"),
        ("Identity Mapping", "identity-mapping"),
        ("shortcut connection", "shortcut-connection"),
        ("정규화", "normalization"),
        ("확률적 경사하강법", "stochastic-gradient-descent"),
        ("SGD", "stochastic-gradient-descent"),
        ("수렴 속도", "convergence-rate"),
        ("귀납편향", "inductive-bias"),
        ("ViT", "vit"),
        ("self-attention", "self-attention"),
        ("벡터 양자화", "vector-quantization"),
        ("FLOPs", "flop"),
        ("다층 퍼셉트론", "mlp"),
        ("기울기 소실", "vanishing-gradient"),
        ("Pre-conditioning", "pre-conditioning"),
        ("Residual Blocks", "residual-block"),
    ]


URL_PAGE = """\
See https://example.com/dropout/SGD, (www.example.org/Residual-Block) or ftp://x.org/Dropout.

Then Dropout, SGD and a Residual Block; https://example.com/?q=SGD
"""


def test_an_address_written_as_text_mentions_no_term(build_site: Builder) -> None:
    """A bare URL (no extension links it) is an address, not prose: no term inside it is
    linked, and with ``link: first`` it does not use up the first mention."""
    config = {"plugins": [{"glossary": {"source": "glossary.yml"}}]}
    built = build_site({"./glossary.yml": SAMPLE_GLOSSARY, "u.md": URL_PAGE}, config)
    links = glossary_links(content_of(html_of(built, "u/")))
    assert [(a.get_text(), a.parent.get_text()[:4] if a.parent else "") for a in links] == [
        ("Dropout", "Then"),
        ("SGD", "Then"),
        ("Residual Block", "Then"),
    ]


def test_no_link_in_any_element_of_computer_text(build_site: Builder) -> None:
    """HTML's elements of literal computer text (code, keys, program output, a variable) hold
    no link, and a mention inside one does not use up ``link: first``."""
    page = (
        "<code>SGD</code> <kbd>SGD</kbd> <samp>SGD</samp> <var>SGD</var>, "
        "<var>Dropout</var> <samp>Dropout</samp>\n\nProse: SGD and Dropout.\n"
    )
    config = {"plugins": [{"glossary": {"source": "glossary.yml"}}]}
    built = build_site({"./glossary.yml": SAMPLE_GLOSSARY, "c.md": page}, config)
    links = glossary_links(content_of(html_of(built, "c/")))
    assert [(a.get_text(), a.parent.name if a.parent else "") for a in links] == [
        ("SGD", "p"),
        ("Dropout", "p"),
    ]
    assert links[0].parent is not None and links[0].parent.get_text().startswith("Prose")


# -- mentions across inline markup, and elements with their own tooltip ----------------------

MARKUP_TERMS = """\
- term: 요청 본문
  definition: The body of a request.
- term: 쿼리 매개변수
  definition: A query parameter.
- term: Residual Block
  definition: A block with a skip connection.
- term: ResNet
  definition: A residual network.
"""

MARKUP_PAGE = """\
# 요청

**요청** 본문은 JSON이다. *경로* 혹은 *쿼리* 매개변수를 받는다.

<div class="grid" markdown>
***Residual*** Block, and ==요청== 본문.
</div>

Not linked: **요청** `본문`, [요청](index.md) 본문, 요청[^1] 본문, **요청** 본**문은**.

<dfn title="A residual network">ResNet</dfn>, <span title="x">ResNet</span>,
[ResNet](https://example.org "a title"), *ResNet*{: title="x" }.

ResNet in a paragraph that shows its own tooltip.
{: title="x" }

A plain ResNet.

[^1]: A footnote.
"""


def _markup_config(with_plugin: bool) -> dict[str, Any]:
    plugins: list[Any] = ["search"]
    if with_plugin:
        plugins.append({"glossary": {"source": "terms.yml", "link": "all", "tooltips": False}})
    extensions = ["attr_list", "md_in_html", "footnotes", "pymdownx.mark"]
    return {"plugins": plugins, "markdown_extensions": extensions}


@pytest.fixture(scope="module")
def markup_sites(site_builder: Builder) -> tuple[Path, Path]:
    files = {"./terms.yml": MARKUP_TERMS, "index.md": MARKUP_PAGE}
    control = site_builder(files, _markup_config(False), strict=True)
    linked = site_builder(files, _markup_config(True), strict=True)
    return control, linked


def test_mentions_across_inline_markup_in_a_material_site(
    markup_sites: tuple[Path, Path],
) -> None:
    """On a real Material page: a mention written across emphasis is one link that wraps the
    emphasis whole; across code, a link, a footnote reference or half an element, nothing; and
    nothing inside an element with a title. Unwrapping our links gives the plugin-free page."""
    control, linked = markup_sites
    content = content_of(html_of(linked, ""))
    found = [(a.decode_contents(), str(a["data-glossary-term"])) for a in glossary_links(content)]
    assert found == [
        ("<strong>요청</strong> 본문", "요청-본문"),
        ("<em>쿼리</em> 매개변수", "쿼리-매개변수"),
        ("<strong><em>Residual</em></strong> Block", "residual-block"),
        ("<mark>요청</mark> 본문", "요청-본문"),
        ("ResNet", "resnet"),
    ]
    last = glossary_links(content)[-1]
    assert last.parent is not None and last.parent.get_text() == "A plain ResNet."
    unwrap_glossary_links(content)
    theirs = content_of(html_of(control, ""))
    assert str(BeautifulSoup(str(content), "html.parser")) == str(
        BeautifulSoup(str(theirs), "html.parser")
    )
