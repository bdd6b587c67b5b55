"""The glossary on Zensical: real ``zensical build`` runs of a small site with the seed glossary.

What a Material user who moves to Zensical relies on: every page links its terms (Korean
particles outside the link), the links reach the entries in both URL styles (Zensical rewrites
them after the extension ran), each page carries its tooltip payload, the page holding the
marker becomes the A–Z index with backlinks, an edited glossary shows on the next build (with
``watch:``, as the docs say), and every message reads ``glossary: FILE:LINE: ...`` as bare text.

Zensical needs Python >= 3.11 (the ``zensical`` extra pins it): without it these tests are skipped
with the reason, and fail under ``CI=true`` on a Python where the extra installs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import SEED, broken_glossary_links, build, content_of, glossary_links, html_of

from mkdocs_glossary_plugin import bundle
from mkdocs_glossary_plugin.markdown import EXTENSION_NAME, MARKER

pytestmark = [pytest.mark.slow, pytest.mark.seed]


def require_zensical(seed: bool = True) -> None:
    """Skip without Zensical (or the seed, when the test reads it); fail under CI, where the
    extra installs Zensical (on Python >= 3.11) and the seed lies beside the clone."""
    ci = os.environ.get("CI") == "true"
    try:
        import zensical  # noqa: F401
    except ImportError:
        reason = "zensical is not installed (pip install -e '.[zensical]', Python >= 3.11)"
        if ci and sys.version_info >= (3, 11):
            pytest.fail(f"Zensical tests cannot run under CI: {reason}")
        pytest.skip(reason)
    if seed and not SEED.is_file():
        reason = f"seed glossary not found at {SEED} (needs ../shared)"
        if ci:
            pytest.fail(reason)
        pytest.skip(reason)


HOME = """\
# Home

dropout을 쓰면 degradation이 줄어든다. 정규화는 중요하다. Residual Block들을 쌓는다.
모델의 FLOPs가 크다. dropout은 두 번째 언급이라 링크되지 않는다.

`dropout` in code is not a mention. [dropout](https://example.com/) is a link of its own.
"""

KOREAN = """\
# 깊은 한국어 문서

귀납 편향은 모델의 가정이다. self-attention을 쓰고, 정규화하면 수렴속도가 빨라진다.
"""

OPT_OUT = """\
---
glossary: false
---
# Opted out

dropout here stays text.
"""

INDEX = f"""\
# 용어집

이 페이지는 색인이다.

{MARKER}
"""


def assets() -> dict[str, str]:
    """The tooltip files as ``autoglossary assets docs`` writes them."""
    return {f"{bundle.FOLDER}/{n}": bundle.expected_text(n) for n in bundle.ASSET_NAMES}


def zensical_config(site_url: str, **extra: Any) -> dict[str, Any]:
    """One ``mkdocs.yml`` as the docs ("Using with Zensical") write it."""
    return {
        "site_url": site_url,
        "theme": {"name": "material", "features": ["navigation.instant"]},
        "markdown_extensions": [
            {"toc": {"permalink": True}},
            "attr_list",
            {EXTENSION_NAME: {"source": "glossary.md"}},
        ],
        "extra_css": [f"{bundle.FOLDER}/glossary.css", f"{bundle.FOLDER}/glossary-index.css"],
        "extra_javascript": [f"{bundle.FOLDER}/glossary.js"],
        "watch": ["glossary.md"],
        **extra,
    }


def site_files() -> dict[str, str]:
    return {
        "./glossary.md": SEED.read_text("utf-8"),
        "index.md": HOME,
        "sub/deep/korean.md": KOREAN,
        "optout.md": OPT_OUT,
        "glossary.md": INDEX,
        **assets(),
    }


@pytest.fixture(scope="module", params=[True, False], ids=["directory-urls", "file-urls"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_zensical()
    project = tmp_path_factory.mktemp("zensical")
    config = zensical_config("https://example.com/docs/", use_directory_urls=request.param)
    return build(project, site_files(), config, in_process=False, cli="zensical", theme=None)


def url(site: Path, page: str) -> str:
    """``sub/deep/korean`` as this site's URL (both URL styles)."""
    directory = (site / "index.html").is_file() and (site / "optout").is_dir()
    if page == "":
        return ""
    return f"{page}/" if directory else f"{page}.html"


def links(site: Path, page: str) -> list[tuple[str, str]]:
    """(term id, text, next character after the link) of our links on a page."""
    content = content_of(html_of(site, url(site, page)))
    out = []
    for a in glossary_links(content):
        tail = a.next_sibling
        following = str(tail)[:1] if isinstance(tail, str) else ""
        out.append((f"{a['data-glossary-term']}", f"{a.get_text()}|{following}"))
    return out


def test_pages_link_their_terms_with_particles_outside(site: Path) -> None:
    assert links(site, "") == [
        ("dropout", "dropout|을"),
        ("degradation", "degradation|이"),
        ("normalization", "정규화|는"),
        ("residual-block", "Residual Block|들"),
        ("flop", "FLOPs|가"),
    ]
    assert links(site, "sub/deep/korean") == [
        ("inductive-bias", "귀납 편향|은"),
        ("self-attention", "self-attention|을"),
        ("normalization", "정규화|하"),
        ("convergence-rate", "수렴속도|가"),
    ]


def test_an_opted_out_page_has_no_links(site: Path) -> None:
    assert links(site, "optout") == []


def test_every_link_reaches_its_entry(site: Path) -> None:
    count, broken = broken_glossary_links(site)
    assert broken == []
    assert count > 9 + 10  # the two pages, and the index page's definitions


def test_links_are_page_relative_in_both_url_styles(site: Path) -> None:
    page = url(site, "sub/deep/korean")
    content = content_of(html_of(site, page))
    hrefs = {str(a["href"]) for a in glossary_links(content)}
    # sub/deep/korean/ is three folders deep, sub/deep/korean.html two.
    index = "../../../glossary/" if page.endswith("/") else "../../glossary.html"
    assert hrefs == {
        f"{index}#{t}"
        for t in ("inductive-bias", "self-attention", "normalization", "convergence-rate")
    }


def test_each_page_carries_the_payload_of_its_terms(site: Path) -> None:
    for page in ("", "sub/deep/korean"):
        content = content_of(html_of(site, url(site, page)))
        linked = {str(a["data-glossary-term"]) for a in glossary_links(content)}
        spans = content.select(".glossary-payload [data-glossary-term]")
        assert {str(s["data-glossary-term"]) for s in spans} == linked
    home = content_of(html_of(site, ""))
    (dropout,) = home.select(".glossary-payload [data-glossary-term='dropout']")
    summary = BeautifulSoup(str(dropout["data-glossary-summary"]), "html.parser").get_text()
    assert summary.startswith("우리는 인물 사진에서 사람의 손이 가려져 있더라도")
    assert dropout["data-glossary-name"] == "dropout"


def test_the_marker_page_becomes_the_index(site: Path) -> None:
    content = content_of(html_of(site, url(site, "glossary")))
    assert [h.get_text().rstrip("¶") for h in content.select("h1")] == ["용어집"]
    assert "이 페이지는 색인이다." in content.get_text()
    assert MARKER not in str(content)
    entries = [str(h["id"]) for h in content.select("h3.glossary-entry")]
    assert {"dropout", "normalization", "stochastic-gradient-descent", "self-attention"} <= set(
        entries
    )
    assert [h.get_text().rstrip("¶") for h in content.select("h2")][:3] == ["C", "D", "F"]
    assert content.select_one("nav.glossary-letters") is not None
    aliases = content.select_one("#stochastic-gradient-descent + div .glossary-aliases")
    assert aliases is not None and "확률적 경사하강법" in aliases.get_text()
    # The entries leave the table of contents; the groups stay.
    toc = html_of(site, url(site, "glossary")).select_one("nav.md-nav--secondary")
    toc_targets = {str(a["href"]).rpartition("#")[2] for a in toc.select("a")} if toc else set()
    assert "group-d" in toc_targets and "dropout" not in toc_targets


def test_index_backlinks_name_the_pages_that_mention_a_term(site: Path) -> None:
    index = url(site, "glossary")
    content = content_of(html_of(site, index))
    block = content.select_one("#normalization ~ .glossary-backlinks")
    assert block is not None
    found = [(a.get_text(), str(a["href"])) for a in block.select("a")]
    if index.endswith("/"):  # glossary/
        assert found == [("Home", "../"), ("깊은 한국어 문서", "../sub/deep/korean/")]
    else:  # glossary.html
        assert found == [("Home", "index.html"), ("깊은 한국어 문서", "sub/deep/korean.html")]
    # The opted-out page mentions dropout, and is no backlink of it.
    dropout = content.select_one("#dropout ~ .glossary-backlinks")
    assert dropout is not None and [a.get_text() for a in dropout.select("a")] == ["Home"]


def test_a_glossary_edit_shows_on_the_next_build(tmp_path: Path) -> None:
    require_zensical()
    files = site_files()
    files["index.md"] = HOME + "\nA zebra crossing.\n"
    config = zensical_config("https://example.com/docs/")
    site = build(tmp_path, files, config, in_process=False, cli="zensical", theme=None)
    assert "zebra-crossing" not in {i for i, _ in links(site, "")}
    source = tmp_path / "glossary.md"
    source.write_text(source.read_text("utf-8") + "\n#### * zebra crossing\n: A crossing.\n")
    later = source.stat().st_mtime + 5  # Zensical compares whole seconds
    os.utime(source, (later, later))
    # No --clean: Zensical's page cache is kept; ``watch`` makes it render the pages again.
    site = build(tmp_path, {}, config, in_process=False, cli="zensical", theme=None, clean=False)
    assert ("zebra-crossing", "zebra crossing|.") in links(site, "")


def test_messages_name_file_and_line_as_bare_text(tmp_path: Path) -> None:
    require_zensical()
    files = site_files()
    files[f"{bundle.FOLDER}/glossary.js"] = "/* mkdocs-autoglossary 0.0.1: copied by x */\n"
    config = zensical_config("https://example.com/docs/")
    config["markdown_extensions"][2] = {EXTENSION_NAME: {"source": "glossary.md", "lnk": "all"}}
    # The build exits 0: Zensical fails on no logged message, even with --strict.
    build(tmp_path, files, config, in_process=False, cli="zensical", theme=None, strict=True)
    out = (tmp_path / "build.log").read_text("utf-8")
    lines = [line for line in out.splitlines() if line.startswith("glossary: ")]
    config_line = 1 + (tmp_path / "mkdocs.yml").read_text("utf-8").splitlines().index(
        f"- {EXTENSION_NAME}:"
    )
    where = f"glossary: mkdocs.yml:{config_line}:"
    # Once: the glossary is read once per process, not once per page (Zensical makes new
    # extension objects for every page).
    assert lines.count(f"{where} option 'lnk': Unrecognised configuration name: lnk") == 1
    (stale,) = [line for line in lines if "glossary.js" in line]
    assert not any("links to terms lead nowhere" in line for line in lines)
    assert stale.startswith(
        "glossary: docs/assets/glossary/glossary.js:1: "
        "this copy comes from mkdocs-autoglossary 0.0.1"
    )


def test_an_unreadable_glossary_stops_the_build_with_its_line(tmp_path: Path) -> None:
    require_zensical()
    files = site_files()
    files["./glossary.md"] = "- term: A\n  definition: [1\n"
    config = zensical_config("https://example.com/docs/")
    source = {"path": "glossary.md", "format": "data"}
    config["markdown_extensions"][2] = {EXTENSION_NAME: {"source": source}}
    with pytest.raises(subprocess.CalledProcessError):
        build(tmp_path, files, config, in_process=False, cli="zensical", theme=None)
    out = (tmp_path / "build.log").read_text("utf-8")
    errors = [line for line in out.splitlines() if line.startswith("glossary: ")]
    assert len(errors) == 1  # once, though several pages fail the same way
    assert errors[0].startswith("glossary: glossary.md:")


def test_macros_render_pages_but_not_the_index_and_a_source_page_is_the_index(
    tmp_path: Path,
) -> None:
    """mkdocs-macros (a preprocessor at 35 on Zensical) renders every page; the index goes in
    after it, so ``{{``, ``{%`` and ``{#`` in a definition stay text. A glossary source that is
    the page at ``index.path`` is rendered as the index (no marker needed), as on MkDocs."""
    require_zensical(seed=False)
    glossary = (
        "# Terms\n\n## Jinja\n\nWrites {{ value }}, {% raw %} and {# this #} as text.\n\n"
        "## Dropout\n\nRandomly zeroes activations.\n"
    )
    files = {"glossary.md": glossary, "index.md": "# Home\n\nTwo: {{ 1 + 1 }}. Dropout.\n"}
    config = {
        "plugins": ["macros"],
        "markdown_extensions": ["toc", {EXTENSION_NAME: {"source": "docs/glossary.md"}}],
    }
    site = build(tmp_path, files, config, in_process=False, cli="zensical", theme=None)
    home = content_of(html_of(site, ""))
    assert "Two: 2." in home.get_text()  # macros ran
    assert [a["data-glossary-term"] for a in glossary_links(home)] == ["dropout"]
    index = content_of(html_of(site, "glossary/"))
    assert [h["id"] for h in index.select("h3")] == ["dropout", "jinja"]
    jinja = index.select_one("#jinja + div")
    assert jinja is not None
    assert jinja.get_text().strip() == "Writes {{ value }}, {% raw %} and {# this #} as text."


DOCS_PAGE = Path(__file__).resolve().parents[1] / "docs" / "zensical.md"


def docs_example(title: str) -> str:
    """The code block titled ``title`` in "Using with Zensical" (the page users copy from)."""
    text = DOCS_PAGE.read_text("utf-8")
    head = text.index(f'title="{title}"')
    start = text.index("\n", head) + 1
    return text[start : text.index("```", start)]


EXAMPLE_FILES = {
    "./glossary/terms.md": "## D\n#### dropout\n: 뉴런 일부를 끈다.\n",
    "index.md": "# Home\n\ndropout을 쓴다.\n",
    "glossary.md": f"# Glossary\n\n{MARKER}\n",
    **assets(),
}


@pytest.mark.parametrize("cli", ["zensical", "mkdocs"])
def test_the_documented_mkdocs_yml_builds_on_both_hosts(tmp_path: Path, cli: str) -> None:
    """The docs' one ``mkdocs.yml`` builds with Zensical and with MkDocs (strict), linking once."""
    if cli == "zensical":
        require_zensical(seed=False)
    config = docs_example("mkdocs.yml")
    # --strict: MkDocs expects the marker page at index.path (no warning), Zensical ignores it.
    site = build(
        tmp_path, EXAMPLE_FILES, config, in_process=False, cli=cli, quiet=False, strict=True
    )
    home = content_of(html_of(site, ""))
    assert [(a["data-glossary-term"], a.get_text()) for a in glossary_links(home)] == [
        ("dropout", "dropout")
    ]
    assert home.select("a.glossary-term a, .glossary-payload .glossary-payload") == []
    assert [h["id"] for h in content_of(html_of(site, "glossary/")).select("h3")] == ["dropout"]
    log = (tmp_path / "build.log").read_text("utf-8")
    stands_down = "mkdocs_glossary_plugin.markdown stands down: the plugin links here"
    assert (stands_down in log) == (cli == "mkdocs")
    assert ("'glossary.md' holds <!-- glossary-index -->" in log) == (cli == "mkdocs")


def test_the_documented_zensical_toml_builds(tmp_path: Path) -> None:
    require_zensical(seed=False)
    files = {**EXAMPLE_FILES, "./zensical.toml": docs_example("zensical.toml")}
    site = build(tmp_path, files, None, in_process=False, cli="zensical", theme=None)
    assert not (tmp_path / "mkdocs.yml").exists()
    home = content_of(html_of(site, ""))
    assert [str(a["href"]) for a in glossary_links(home)] == ["glossary/#dropout"]


def test_an_index_page_in_a_folder_links_and_backlinks_from_there(tmp_path: Path) -> None:
    """``index.path`` in a sub-folder: links reach it from every depth, its backlinks reach the
    pages (each href is written relative to the index page's own source file)."""
    require_zensical()
    files = {**site_files(), "ref/terms.md": INDEX}
    del files["glossary.md"]
    config = zensical_config("https://example.com/docs/")
    options = {"source": "glossary.md", "index": {"path": "ref/terms.md"}}
    config["markdown_extensions"][2] = {EXTENSION_NAME: options}
    site = build(tmp_path, files, config, in_process=False, cli="zensical", theme=None)
    count, broken = broken_glossary_links(site)
    assert broken == [] and count > 9
    index = content_of(html_of(site, "ref/terms/"))
    block = index.select_one("#normalization ~ .glossary-backlinks")
    assert block is not None
    assert [str(a["href"]) for a in block.select("a")] == ["../../", "../../sub/deep/korean/"]


def test_a_missing_index_page_is_reported(tmp_path: Path) -> None:
    require_zensical(seed=False)
    files = {"./glossary.yml": "- term: Dropout\n  definition: x\n", "index.md": "Dropout.\n"}
    config = {"markdown_extensions": [{EXTENSION_NAME: {"source": "glossary.yml"}}]}
    build(tmp_path, files, config, in_process=False, cli="zensical", theme=None)
    log = (tmp_path / "build.log").read_text("utf-8")
    assert "glossary: mkdocs.yml:3: index.path 'glossary.md' is no page of docs/" in log
