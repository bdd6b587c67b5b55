"""One glossary, several languages, on real builds (issue 17).

Three ways a bilingual (English and Korean) site is made: mkdocs-static-i18n with suffix files
(``index.ko.md``), mkdocs-static-i18n with language folders (``docs/en/``, ``docs/ko/``), and
plain language folders with the plugin's ``languages`` option. In each, a reader of the Korean
pages gets Korean links, tooltips and index (``/ko/glossary/``), a reader of the English pages
the English ones, and the merged search index holds each language's entries once, under that
language's URL.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import build, build_log, content_of, glossary_links, html_of
from mkdocs.exceptions import Abort

try:
    import mkdocs_static_i18n  # noqa: F401
except ImportError:  # in the test extra: CI installs it, so there a missing one is a failure
    if os.environ.get("CI") == "true":
        raise
    pytest.skip(
        "mkdocs-static-i18n is not installed (pip install -e '.[test]')", allow_module_level=True
    )

#: The English glossary: ``drop-out regularisation`` is an English-only alias.
EN = """\
- term: Dropout
  aliases: [drop-out regularisation]
  definition: Randomly zeroes activations while training.
- term: Batch Normalization
  definition: Normalizes the activations of each mini-batch.
- term: Learning Rate
  id: lr
  definition: The size of each optimisation step.
"""

#: The Korean glossary: 드롭아웃 pairs with Dropout by its alias, 학습률 with Learning Rate by
#: its ``id``; 텐서 pairs with nothing (a Korean term only); Batch Normalization is missing (the
#: English definition stands in, marked). ``러닝 레이트`` is a Korean-only alias.
KO = """\
- term: 드롭아웃
  aliases: [Dropout]
  definition: 학습 중에 활성값을 무작위로 0으로 만듭니다.
- term: 학습률
  id: lr
  aliases: [러닝 레이트]
  definition: 한 번의 최적화 단계의 크기입니다.
- term: 텐서
  definition: 다차원 배열입니다.
"""

EN_PAGE = (
    "# Home\n\nDropout, drop-out regularisation, Batch Normalization, Learning Rate; 러닝 레이트.\n"
)
KO_PAGE = "# 홈\n\n드롭아웃을 쓰고 Dropout도, 학습률과 텐서를. drop-out regularisation 아님.\n"
ONLY_PAGE = "# Only English\n\nDropout on an English-only page.\n"

I18N_LANGUAGES = [
    {"locale": "en", "default": True, "name": "English"},
    {"locale": "ko", "name": "한국어"},
]


def _config(plugin: dict[str, Any], structure: str | None) -> dict[str, Any]:
    """``link: all``, so that each key's own link shows (a name and an alias of one term)."""
    plugins: list[Any] = ["search", {"glossary": {"link": "all", **plugin}}]
    if structure is not None:
        plugins.append({"i18n": {"docs_structure": structure, "languages": I18N_LANGUAGES}})
    return {"plugins": plugins}


SOURCES = {"en": "glossary.en.yml", "ko": "glossary.ko.yml"}
PROJECT_FILES = {"./glossary.en.yml": EN, "./glossary.ko.yml": KO}

LAYOUTS: dict[str, tuple[dict[str, str], dict[str, Any]]] = {
    "static-i18n suffix": (
        {**PROJECT_FILES, "index.md": EN_PAGE, "index.ko.md": KO_PAGE, "only.md": ONLY_PAGE},
        _config({"source": SOURCES}, "suffix"),
    ),
    "static-i18n folder": (
        {**PROJECT_FILES, "en/index.md": EN_PAGE, "ko/index.md": KO_PAGE, "en/only.md": ONLY_PAGE},
        _config({"source": SOURCES}, "folder"),
    ),
    "languages option": (
        {**PROJECT_FILES, "index.md": EN_PAGE, "ko/index.md": KO_PAGE, "only.md": ONLY_PAGE},
        _config({"source": SOURCES, "languages": {"ko": "ko/"}}, None),
    ),
}


@pytest.fixture(scope="module", params=list(LAYOUTS))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    files, config = LAYOUTS[request.param]
    return build(tmp_path_factory.mktemp("bilingual"), files, config)


def _links(soup: BeautifulSoup) -> dict[str, tuple[str, str]]:
    """Text of each glossary link -> (term id, href)."""
    return {
        a.get_text(): (str(a["data-glossary-term"]), str(a["href"]))
        for a in glossary_links(content_of(soup))
    }


def _entry(soup: BeautifulSoup, term_id: str) -> tuple[Tag, Tag | None]:
    """The definition of an index entry, and its backlinks paragraph (None: no backlinks)."""
    heading = soup.find("h3", id=term_id)
    assert isinstance(heading, Tag), f"no entry {term_id}"
    definition = heading.find_next_sibling("div")
    assert isinstance(definition, Tag)
    after = definition.find_next_sibling()
    backlinks = (
        after if isinstance(after, Tag) and "glossary-backlinks" in after.get("class", []) else None
    )
    return definition, backlinks


def _summary(soup: BeautifulSoup, term_id: str) -> str:
    """The tooltip summary the page carries for a term (its payload attribute)."""
    found = soup.select_one(f"[data-glossary-name][data-glossary-term='{term_id}']")
    assert found is not None, f"no tooltip payload for {term_id}"
    return str(found["data-glossary-summary"])


def test_english_pages_link_english_keys_to_the_english_index(site: Path) -> None:
    links = _links(html_of(site, ""))
    assert links == {
        "Dropout": ("dropout", "glossary/#dropout"),
        "drop-out regularisation": ("dropout", "glossary/#dropout"),
        "Batch Normalization": ("batch-normalization", "glossary/#batch-normalization"),
        "Learning Rate": ("lr", "glossary/#lr"),
    }  # the Korean-only alias 러닝 레이트 is not linked on an English page
    assert _summary(html_of(site, ""), "dropout") == "Randomly zeroes activations while training."


def test_korean_pages_link_korean_keys_and_default_names_to_the_korean_index(site: Path) -> None:
    soup = html_of(site, "ko/")
    assert _links(soup) == {
        "드롭아웃": ("dropout", "glossary/#dropout"),  # from /ko/: the Korean index
        "Dropout": ("dropout", "glossary/#dropout"),  # the default language's name links too
        "학습률": ("lr", "glossary/#lr"),
        "텐서": ("텐서", "glossary/#텐서"),
    }  # the English-only alias "drop-out regularisation" is not linked on a Korean page
    assert _summary(soup, "dropout") == "학습 중에 활성값을 무작위로 0으로 만듭니다."
    assert _summary(soup, "lr") == "한 번의 최적화 단계의 크기입니다."
    label = soup.select_one("[data-glossary-label]")
    assert label is not None and label["data-glossary-label"] == "용어집에서 보기"


def test_each_language_has_its_own_index_title_groups_and_strings(site: Path) -> None:
    en, ko = html_of(site, "glossary/"), html_of(site, "ko/glossary/")
    assert content_of(en).h1 is not None and content_of(en).h1.get_text(strip=True) == "Glossary"
    assert content_of(ko).h1 is not None and content_of(ko).h1.get_text(strip=True) == "용어집"
    en_ids = [h["id"] for h in en.select("h3.glossary-entry")]
    ko_ids = [h["id"] for h in ko.select("h3.glossary-entry")]
    assert en_ids == ["batch-normalization", "dropout", "lr"]
    # One id per term in every language: #dropout and #lr are the same anchors on both sides;
    # Korean names sort by their own letters (드롭아웃 ㄷ, 텐서 ㅌ, 학습률 ㅎ).
    assert ko_ids == ["batch-normalization", "dropout", "텐서", "lr"]
    assert [h.get_text() for h in ko.select("h3.glossary-entry")][1:] == [
        "드롭아웃",
        "텐서",
        "학습률",
    ]
    bar = ko.select_one("nav.glossary-letters, .glossary-letters")
    assert bar is not None and "ㅎ" in bar.get_text() and "ㅎ" not in en.get_text()
    assert "다른 이름" in ko.get_text() and "Also" in en.get_text()


def test_a_missing_translation_shows_the_default_definition_marked(site: Path) -> None:
    ko = html_of(site, "ko/glossary/")
    scope, _ = _entry(ko, "batch-normalization")
    note = scope.select_one(".glossary-fallback")
    assert note is not None and "번역되지 않아" in note.get_text() and "en" in note.get_text()
    body = [p for p in scope.find_all("p", recursive=False) if p is not note]
    assert body and all(p.get("lang") == "en" for p in body)
    assert "Normalizes the activations" in body[0].get_text()
    assert html_of(site, "glossary/").select_one(".glossary-fallback") is None
    log = build_log(site)
    assert "INFO mkdocs.plugins.glossary: glossary: 3 terms (en), 3 terms (ko) loaded from " in (
        "\n".join(log)
    )
    info = [line for line in log if "have no 'ko' version" in line]
    assert info and info[0].startswith("INFO") and "'Batch Normalization'" in info[0]


def test_backlinks_list_only_that_languages_pages(site: Path) -> None:
    def used_on(url: str, term_id: str) -> list[str]:
        _, block = _entry(html_of(site, url), term_id)
        assert block is not None, f"no backlinks for {term_id} on {url}"
        return sorted(str(a["href"]) for a in block.select("a"))

    assert "../" in used_on("glossary/", "dropout")
    assert all(not href.startswith("../ko") for href in used_on("glossary/", "dropout"))
    ko = used_on("ko/glossary/", "dropout")
    assert "../" in ko  # /ko/ itself
    assert all(not href.startswith("../../") for href in ko)  # never an English page


def test_search_index_holds_each_languages_entries_once_under_its_url(site: Path) -> None:
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    locations = Counter(d["location"] for d in docs)
    for term_id in ("dropout", "lr", "batch-normalization"):
        assert locations[f"glossary/#{term_id}"] == 1
        assert locations[f"ko/glossary/#{term_id}"] == 1
    assert locations["ko/glossary/#텐서"] == 1 and locations["glossary/#텐서"] == 0
    by_location = {d["location"]: d for d in docs}
    assert "활성값" in by_location["ko/glossary/#dropout"]["text"]
    assert "activations" in by_location["glossary/#dropout"]["text"]


# -- mkdocs-static-i18n only -----------------------------------------------------------------------


@pytest.mark.parametrize("structure", ["suffix", "folder"])
def test_a_page_static_i18n_falls_back_to_links_to_the_korean_index(
    build_site: Any, structure: str
) -> None:
    """An English page inside the Korean build (``/ko/only/``) is a page of the Korean site:
    the default language's names link to the Korean index, with the Korean tooltips."""
    layout = "static-i18n suffix" if structure == "suffix" else "static-i18n folder"
    files, config = LAYOUTS[layout]
    site = build_site(files, config)
    soup = html_of(site, "ko/only/")
    assert _links(soup) == {"Dropout": ("dropout", "../glossary/#dropout")}
    assert _summary(soup, "dropout") == "학습 중에 활성값을 무작위로 0으로 만듭니다."
    assert _links(html_of(site, "only/")) == {"Dropout": ("dropout", "../glossary/#dropout")}
    assert _summary(html_of(site, "only/"), "dropout").startswith("Randomly")


def test_a_nav_entry_for_the_index_page_finds_it_in_every_language(build_site: Any) -> None:
    """``nav: [..., glossary.md]`` works in the Korean build too (strict: no "not found"): the
    Korean index keeps the src path ``glossary.md`` and is published at ``ko/glossary/``."""
    files, config = LAYOUTS["static-i18n suffix"]
    site = build_site(files, {**config, "nav": ["index.md", "only.md", "glossary.md"]}, strict=True)
    for home, index in (("", "glossary/"), ("ko/", "ko/glossary/")):
        nav = [a["href"] for a in html_of(site, home).select("nav.md-nav--primary a.md-nav__link")]
        assert "glossary/" in nav
        assert (site / index / "index.html").is_file()
    assert content_of(html_of(site, "ko/glossary/")).h1.get_text(strip=True) == "용어집"  # type: ignore[union-attr]


@pytest.mark.parametrize("structure", ["suffix", "folder"])
def test_materials_language_switcher_on_an_index_page_goes_to_the_other_index(
    build_site: Any, structure: str
) -> None:
    """mkdocs-static-i18n points Material's language switcher at each page's translation; on
    an index page it must go to the other language's index, not to the page rendered before."""
    files, config = LAYOUTS[f"static-i18n {structure}"]
    site = build_site(files, config)

    def switcher(url: str) -> dict[str, str]:
        links = html_of(site, url).select("a[hreflang]")
        return {str(a["hreflang"]): str(a["href"]) for a in links}

    assert switcher("glossary/") == {"en": "./", "ko": "../ko/glossary/"}
    assert switcher("ko/glossary/") == {"en": "../../glossary/", "ko": "./"}


def test_nested_builds_compile_one_matcher_per_glossary_and_leak_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """static-i18n builds English, then Korean inside English's ``on_post_build``; a rebuild by
    ``mkdocs serve`` does it again with the same plugin. Two glossaries: two compilations in all,
    and each build's pages link to its own language's index."""
    from mkdocs.commands.build import build as mkdocs_build

    from mkdocs_glossary_plugin import language_state as session_module  # compiles each matcher

    compiled: list[int] = []
    real = session_module.Matcher

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            compiled.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(session_module, "Matcher", Counting)
    files, config = LAYOUTS["static-i18n suffix"]
    site = build(tmp_path, files, config, after_build=mkdocs_build)  # built twice
    assert len(compiled) == 2
    assert _links(html_of(site, ""))["Dropout"] == ("dropout", "glossary/#dropout")
    assert _summary(html_of(site, ""), "dropout").startswith("Randomly")
    assert _summary(html_of(site, "ko/"), "dropout").startswith("학습 중에")
    en_index = html_of(site, "glossary/")
    assert [h["id"] for h in en_index.select("h3.glossary-entry")] == [
        "batch-normalization",
        "dropout",
        "lr",
    ]


def test_warn_fallback_makes_a_missing_translation_fail_a_strict_build(
    build_site: Any, tmp_path: Path
) -> None:
    files, _ = LAYOUTS["static-i18n suffix"]
    plugin = {"source": SOURCES, "warn": ["fallback"]}
    with pytest.raises(Abort):
        build_site(files, _config(plugin, "suffix"), strict=True)
    log = (tmp_path / "project1" / "build.log").read_text("utf-8")
    assert (
        "WARNING mkdocs.plugins.glossary: glossary: 1 terms have no 'ko' version and show the "
        "'en' definition there: 'Batch Normalization'; add them to the 'ko' glossary, or remove "
        "'fallback' from the plugin's 'warn' option"
    ) in log


def test_the_languages_option_beside_static_i18n_is_a_warning(
    build_site: Any, tmp_path: Path
) -> None:
    files, _ = LAYOUTS["static-i18n suffix"]
    plugin = {"source": SOURCES, "languages": {"ko": "ko/"}}
    with pytest.raises(Abort):
        build_site(files, _config(plugin, "suffix"), strict=True)
    warnings = {  # once per language build
        line
        for line in (tmp_path / "project1" / "build.log").read_text("utf-8").splitlines()
        if line.startswith("WARNING")
    }
    assert warnings == {
        "WARNING mkdocs.plugins.glossary: glossary: option 'languages' is ignored: "
        "mkdocs-static-i18n decides the language of every page; remove 'languages' from the "
        "glossary plugin's options"
    }


def test_without_warn_fallback_a_strict_build_passes(build_site: Any) -> None:
    files, config = LAYOUTS["languages option"]
    site = build_site(files, config, strict=True)
    assert (site / "ko" / "glossary" / "index.html").is_file()


# -- one shared source with per-language fields ----------------------------------------------------

SHARED = """\
- term: Dropout
  definition: {en: Randomly zeroes activations., ko: 활성값을 무작위로 0으로 만듭니다.}
  summary: {ko: 무작위로 끄기.}
  aliases: {ko: [드롭아웃]}
- term: Epoch
  definition: One pass over the training data.
"""


def test_one_source_with_per_language_fields(build_site: Any) -> None:
    site = build_site(
        {
            "./glossary.yml": SHARED,
            "index.md": "Dropout and 드롭아웃, one Epoch.",
            "ko/index.md": "드롭아웃과 Dropout, Epoch.",
        },
        _config({"source": "glossary.yml", "languages": {"ko": "ko/"}}, None),
    )
    assert set(_links(html_of(site, ""))) == {"Dropout", "Epoch"}  # 드롭아웃 is Korean only
    ko = html_of(site, "ko/")
    assert set(_links(ko)) == {"드롭아웃", "Dropout", "Epoch"}
    assert _summary(ko, "dropout") == "무작위로 끄기."
    assert _summary(html_of(site, ""), "dropout") == "Randomly zeroes activations."
    scope, _ = _entry(html_of(site, "ko/glossary/"), "epoch")
    assert scope.select_one(".glossary-fallback") is not None
    assert _entry(html_of(site, "glossary/"), "epoch")[0].select_one(".glossary-fallback") is None


# -- in the browser --------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
def test_a_tooltip_on_a_korean_page_shows_the_korean_definition(
    browser: Any, tmp_path: Path
) -> None:
    """Hovering 드롭아웃 on ``/ko/`` (mkdocs-static-i18n, suffix files) opens our popup with the
    Korean definition and a link to the Korean index; on ``/`` the same term shows English."""
    from browser_support import serve
    from playwright.sync_api import expect

    files, config = LAYOUTS["static-i18n suffix"]
    with serve(tmp_path / "site") as base:
        build(tmp_path, files, config)
        context = browser.new_context(viewport={"width": 1024, "height": 700})
        errors: list[str] = []
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            for url, text, definition, label, target in (
                (
                    "ko/",
                    "드롭아웃",
                    "학습 중에 활성값을 무작위로 0으로 만듭니다.",
                    "용어집에서 보기",
                    "/ko/glossary/#dropout",
                ),
                (
                    "",
                    "Dropout",
                    "Randomly zeroes activations while training.",
                    "Open in glossary",
                    "/glossary/#dropout",
                ),
            ):
                page.goto(base + url)
                link = page.locator("article a.glossary-term", has_text=text).first
                link.hover()
                expect(link).to_have_attribute("aria-expanded", "true")
                popup = page.locator(".glossary-popup")
                popup.wait_for(state="visible")
                expect(popup).to_contain_text(definition)
                more = popup.get_by_role("link", name=label)
                resolved = page.evaluate(
                    "h => { const u = new URL(h, location.href); return u.pathname + u.hash; }",
                    more.get_attribute("href"),
                )
                assert resolved == target
        finally:
            context.close()
    assert errors == []


def test_a_language_mapping_without_language_pages_builds_the_default_language_only(
    build_site: Any,
) -> None:
    """No i18n plugin, no ``languages``: no page is Korean, so no Korean index page is made;
    the English pages link as on any site."""
    site = build_site({**PROJECT_FILES, "index.md": EN_PAGE}, _config({"source": SOURCES}, None))
    assert not (site / "ko").exists()
    assert _links(html_of(site, ""))["Dropout"] == ("dropout", "glossary/#dropout")
    assert not any("have no 'ko' version" in line for line in build_log(site))


def test_a_rebuild_with_language_folders_keeps_the_default_language(tmp_path: Path) -> None:
    """``mkdocs serve`` rebuilds with the same plugin. With the ``languages`` option, the second
    build must choose the default language as the first did, not the language of the last page
    the first build worked on: English pages keep English links and tooltips. The first build
    is left with Korean current (as when its last page is Korean) before the rebuild. Catches a
    session that reads its previous build's current language while planning the next."""
    from mkdocs.commands.build import build as mkdocs_build

    def rebuild_after_a_korean_page(config: Any) -> None:
        config.plugins["glossary"].session._switch("ko")
        mkdocs_build(config)

    files, config = LAYOUTS["languages option"]
    site = build(tmp_path, files, config, after_build=rebuild_after_a_korean_page)
    assert _links(html_of(site, ""))["Dropout"] == ("dropout", "glossary/#dropout")
    assert _summary(html_of(site, ""), "dropout").startswith("Randomly")
    assert _summary(html_of(site, "ko/"), "dropout").startswith("학습 중에")
