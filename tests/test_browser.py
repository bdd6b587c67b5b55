"""Tooltips in a real browser: Debian's Chromium driven by Playwright, on real built sites.

Each site is built once per module and served over HTTP on 127.0.0.1 (the mkdocs-theme site is
opened from ``file://`` too). Waits are conditions (``wait_for``), except where a test must show
that something does NOT happen, which needs a pause longer than the delay it guards against.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import assert_popup_readable, screenshot_on_failure, serve
from conftest import build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

POPUP = ".glossary-popup"
HOSTILE_NAME = "<img src=x onerror=window.__pwned=1>"

GLOSSARY_YML = r"""
- term: ResNet
  aliases: [잔차 신경망]
  definition: |
    잔차 연결(*skip connection*)을 쓰는 신경망이다. 층이 깊어도 `identity` 경로로 학습된다.

    두 번째 문단은 툴팁에 나오지 않는다.
- term: 정규화
  definition: |
    ![figure](https://example.invalid/fig.png)

    데이터의 분포를 일정한 범위로 맞추는 기법이다.
- term: Dropout
  definition: 학습 중에 뉴런 일부를 무작위로 끄는 정규화 방법이다.
- term: Gradient Descent
  definition: |
    Moves the parameters against the gradient of the loss, step by step, until it converges.
- term: "<img src=x onerror=window.__pwned=1>"
  id: hostile
  aliases: [hostile term]
  definition: |
    Ends </script> early, opens <!-- a comment, has "double" and 'single' quotes & an
    ampersand, <img src="missing.png" onerror="window.__pwned=2"> and
    <a href="javascript:window.__pwned=3">a link</a>.
"""

FILLER = "이 문단은 스크롤을 만들기 위한 채움 글이다. " * 12

PAGES = {
    "index.md": f"""# 홈

ResNet은 깊은 신경망이다. [다음 문서](sub/deep.md)로 간다.
<span id="before" tabindex="0">앞</span> 정규화 기법을 쓴다.
[일반 링크](sub/deep.md#section)는 Material 미리보기가 붙는다.

| 기법 | 설명 |
|---|---|
| Dropout | 표 안의 용어 (Material은 표를 스크롤 상자로 감싼다) |

{FILLER}

<div style="height: 900px"></div>

마지막 문단에서 Gradient Descent를 설명한다.

<div style="height: 1500px"></div>
""",
    "sub/deep.md": """# 깊은 문서

여기서는 Dropout을 쓴다.

## Section

끝.
""",
    "hostile.md": """# Hostile

A hostile term lives here, next to a ResNet.
""",
}


def _site_config(theme: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "site_name": "툴팁 시험",
        "theme": theme,
        "markdown_extensions": ["admonition", "tables", "pymdownx.superfences"],
        "plugins": [{"search": {}}, {"glossary": {"source": "glossary.yml"}}],
        **extra,
    }


MATERIAL = {
    "name": "material",
    "language": "ko",
    "font": False,
    "palette": [
        {"scheme": "default", "toggle": {"icon": "material/weather-night", "name": "Dark"}},
        {"scheme": "slate", "toggle": {"icon": "material/weather-sunny", "name": "Light"}},
    ],
    "features": ["navigation.instant", "navigation.instant.preview", "content.tooltips"],
}


@pytest.fixture(scope="module")
def material_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # Material's instant navigation and previews only act on URLs of the sitemap, so the site
    # is built for the very address it is served from.
    project = tmp_path_factory.mktemp("material")
    with serve(project / "site") as base:
        build(
            project,
            {"./glossary.yml": GLOSSARY_YML, **PAGES},
            _site_config(MATERIAL, site_url=base),
            theme=None,
        )
        yield base


@pytest.fixture
def open_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """``open_page(url, **context_options) -> page``; fails the test on any JavaScript error or
    browser dialog, and saves a screenshot to ``test-artifacts/`` when the test fails."""
    pages: list[Any] = []
    errors: list[str] = []
    failed_before = request.session.testsfailed

    def make(url: str, allow: tuple[str, ...] = (), **options: Any) -> Any:
        """``allow``: messages of the theme's own errors that the test expects (never ours)."""
        options.setdefault("viewport", {"width": 1024, "height": 700})
        context = browser.new_context(**options)
        page = context.new_page()

        def on_error(e: Any) -> None:
            ours = "glossary" in (e.stack or "")
            if ours or not any(a in str(e) for a in allow):
                errors.append(f"pageerror: {e} {e.stack}")

        page.on("pageerror", on_error)
        page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
        page.goto(url)
        page.wait_for_load_state("load")
        pages.append(page)
        return page

    yield make
    if request.session.testsfailed > failed_before:
        for i, page in enumerate(pages):
            screenshot_on_failure(page, f"{request.node.name}-{i}")
    for page in pages:
        page.context.close()
    assert errors == [], errors


def mention(page: Any, term_id: str) -> Any:
    return page.locator(f"a.glossary-term[data-glossary-term='{term_id}']").first


def popup(page: Any) -> Any:
    return page.locator(POPUP)


def rect(locator: Any) -> dict[str, float]:
    box = locator.evaluate("e => e.getBoundingClientRect().toJSON()")
    assert isinstance(box, dict)
    return box


def hover_open(page: Any, term_id: str) -> Any:
    """Hover a mention and wait until ITS popup is open (another one may be open before)."""
    from playwright.sync_api import expect

    link = mention(page, term_id)
    link.hover()
    expect(link).to_have_attribute("aria-expanded", "true")
    popup(page).wait_for(state="visible")
    return popup(page)


# -- desktop -------------------------------------------------------------------------------------


def test_hover_shows_the_right_definition(open_page: Any, material_site: str) -> None:
    page = open_page(material_site)
    page.evaluate(
        "window.__opened = [];"
        "document.addEventListener('glossary:open', e => __opened.push(e.detail.term.textContent))"
    )
    link = mention(page, "resnet")
    assert link.get_attribute("title") is None  # no title: Material's content.tooltips stays off
    assert link.get_attribute("aria-expanded") == "false"
    assert link.get_attribute("aria-haspopup") == "dialog"
    pop = hover_open(page, "resnet")
    assert pop.get_attribute("role") == "dialog"
    name_id = pop.get_attribute("aria-labelledby")
    assert page.locator(f"#{name_id}").text_content() == "ResNet"
    body = pop.locator(".glossary-popup__body")
    assert body.inner_html() == (
        "잔차 연결(<em>skip connection</em>)을 쓰는 신경망이다. "
        "층이 깊어도 <code>identity</code> 경로로 학습된다."
    )
    more = pop.locator("a.glossary-popup__more")
    assert more.text_content() == "용어집에서 보기"  # theme.language: ko
    assert more.get_attribute("href") == link.get_attribute("href")
    assert more.evaluate("a => new URL(a.href).pathname + new URL(a.href).hash") == (
        "/glossary/#resnet"
    )
    assert link.get_attribute("aria-expanded") == "true"
    assert link.get_attribute("aria-controls") == pop.get_attribute("id")
    assert page.evaluate("window.__opened") == ["ResNet"]  # the event for sites' math renderers
    # Another mention replaces it: one popup at a time.
    hover_open(page, "정규화")
    assert popup(page).count() == 1
    assert popup(page).locator(".glossary-popup__name").text_content() == "정규화"
    assert popup(page).locator(".glossary-popup__body").text_content() == (
        "데이터의 분포를 일정한 범위로 맞추는 기법이다."  # image-only paragraph skipped
    )
    assert link.get_attribute("aria-expanded") == "false"


def test_material_preview_and_tooltips_never_join_ours(open_page: Any, material_site: str) -> None:
    page = open_page(material_site)
    # Control: Material's instant preview is active on an ordinary content link...
    # (Material's instant navigation makes every content href absolute.)
    page.locator("article a[href$='/sub/deep/#section']").hover()
    page.locator(".md-tooltip2").first.wait_for(state="attached", timeout=5000)
    page.mouse.move(5, 650)
    page.locator(".md-tooltip2").first.wait_for(state="detached", timeout=5000)
    # ...but not on our links: only our dialog shows.
    hover_open(page, "resnet")
    page.wait_for_timeout(1200)  # longer than Material's 250 ms delay plus its fetch
    assert page.locator(".md-tooltip2").count() == 0
    assert page.locator(".md-tooltip").count() == 0
    assert popup(page).count() == 1


def test_pointer_onto_popup_keeps_it_and_leaving_both_closes(
    open_page: Any, material_site: str
) -> None:
    page = open_page(material_site)
    pop = hover_open(page, "resnet")
    box = rect(pop)
    # Through the gap between the mention and the popup, onto the popup, and wait there.
    page.mouse.move(box["x"] + 20, box["y"] + box["height"] / 2, steps=8)
    page.wait_for_timeout(900)  # three times the grace delay: hovered, so it stays
    assert pop.is_visible()
    page.mouse.move(box["x"] + 30, box["y"] + 10, steps=3)  # moving inside it
    page.wait_for_timeout(400)
    assert pop.is_visible()
    page.mouse.move(1000, 690, steps=4)  # far away from both
    pop.wait_for(state="detached")
    assert mention(page, "resnet").get_attribute("aria-expanded") == "false"


def test_a_quick_pass_over_a_mention_opens_nothing(open_page: Any, material_site: str) -> None:
    page = open_page(material_site)
    box = rect(mention(page, "resnet"))
    page.mouse.move(box["x"] + 3, box["y"] + 5)
    page.mouse.move(900, 650)
    page.wait_for_timeout(600)  # past the hover delay
    assert popup(page).count() == 0


def test_escape_closes_a_hovered_popup(open_page: Any, material_site: str) -> None:
    page = open_page(material_site)
    pop = hover_open(page, "resnet")
    page.keyboard.press("Escape")
    pop.wait_for(state="detached")


def test_keyboard_focus_opens_tab_reaches_link_escape_returns(
    open_page: Any, material_site: str
) -> None:
    page = open_page(material_site)
    page.locator("#before").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.glossaryTerm") == "정규화"
    pop = popup(page)
    pop.wait_for(state="visible")  # immediately on focus, no hover delay needed
    assert pop.locator(".glossary-popup__name").text_content() == "정규화"
    page.keyboard.press("Tab")  # the next stop is the popup's own link
    assert page.evaluate("document.activeElement.classList.contains('glossary-popup__more')")
    assert pop.is_visible()
    page.keyboard.press("Escape")
    pop.wait_for(state="detached")
    # Focus returns to the mention, and that does not reopen the popup.
    assert page.evaluate("document.activeElement.dataset.glossaryTerm") == "정규화"
    page.wait_for_timeout(400)
    assert pop.count() == 0
    # Focus leaving both closes it.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    pop.wait_for(state="visible")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    pop.wait_for(state="detached")


def test_placement_flip_scroll_and_viewport(open_page: Any, material_site: str) -> None:
    page = open_page(material_site)
    link = mention(page, "gradient-descent")
    # Put the mention near the bottom of the viewport: no room below, so the popup goes above.
    link.evaluate("a => window.scrollBy(0, a.getBoundingClientRect().bottom - innerHeight + 40)")
    pop = hover_open(page, "gradient-descent")
    mbox, pbox = rect(link), rect(pop)
    assert mbox["bottom"] + pbox["height"] > 700 - 8, "precondition: no room below"
    assert pbox["bottom"] <= mbox["top"], (pbox, mbox)
    assert pbox["top"] >= 0
    # Scrolling moves it with its mention.
    page.mouse.wheel(0, -30)
    page.wait_for_function(
        "top => document.querySelector('.glossary-popup').getBoundingClientRect().top > top + 20",
        arg=pbox["top"],
    )
    mbox2, pbox2 = rect(link), rect(pop)
    assert abs((pbox2["top"] - mbox2["top"]) - (pbox["top"] - mbox["top"])) < 2
    # With room below (near the top of the viewport), it sits below the mention.
    page.mouse.move(1000, 690)
    pop.wait_for(state="detached")
    page.evaluate("window.scrollTo(0, 0)")
    pop = hover_open(page, "resnet")
    assert rect(pop)["top"] >= rect(mention(page, "resnet"))["bottom"]


def test_narrow_viewport_keeps_every_popup_inside(open_page: Any, material_site: str) -> None:
    page = open_page(material_site, viewport={"width": 375, "height": 667})
    ids = page.eval_on_selector_all("a.glossary-term", "as => as.map(a => a.dataset.glossaryTerm)")
    assert len(ids) >= 3
    for term_id in ids:
        link = mention(page, term_id)
        link.scroll_into_view_if_needed()
        pop = hover_open(page, term_id)
        box = rect(pop)
        width = page.evaluate("document.documentElement.clientWidth")
        assert box["left"] >= 0 and box["right"] <= width, (term_id, box)
        assert box["top"] >= 0 and box["bottom"] <= 667, (term_id, box)
        page.keyboard.press("Escape")
        pop.wait_for(state="detached")


def test_instant_navigation_then_tooltips_work_there(open_page: Any, material_site: str) -> None:
    page = open_page(material_site)
    page.evaluate("window.__samePage = 1")
    page.locator("article a[href$='/sub/deep/']").click()
    page.wait_for_url("**/sub/deep/")
    mention(page, "dropout").wait_for()
    assert page.evaluate("window.__samePage") == 1  # instant navigation: no full page load
    pop = hover_open(page, "dropout")
    assert pop.locator(".glossary-popup__body").text_content() == (
        "학습 중에 뉴런 일부를 무작위로 끄는 정규화 방법이다."
    )
    more = pop.locator("a.glossary-popup__more")
    assert more.evaluate("a => new URL(a.href).pathname") == "/glossary/"
    # Back to the first page (instant too): still one popup at a time, still working.
    page.go_back()
    mention(page, "resnet").wait_for()
    hover_open(page, "resnet")
    assert popup(page).count() == 1
    assert page.evaluate("window.__samePage") == 1


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_text_contrast_in_material_palettes(
    open_page: Any, material_site: str, scheme: str
) -> None:
    page = open_page(material_site)
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    hover_open(page, "resnet")
    assert_popup_readable(page, scheme)


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_fade_in_respects_reduced_motion(open_page: Any, material_site: str, motion: str) -> None:
    page = open_page(material_site, reduced_motion=motion)
    pop = hover_open(page, "resnet")
    name = pop.evaluate("e => getComputedStyle(e).animationName")
    assert name == ("none" if motion == "reduce" else "glossary-in")


def test_mention_in_a_scrolling_table(open_page: Any, material_site: str) -> None:
    page = open_page(material_site, viewport={"width": 375, "height": 667})
    link = mention(page, "dropout")
    assert link.evaluate("a => !!a.closest('.md-typeset__scrollwrap')")  # Material's wrapper
    link.scroll_into_view_if_needed()
    pop = hover_open(page, "dropout")
    box, mbox = rect(pop), rect(link)
    assert box["top"] >= mbox["bottom"] and box["right"] <= 375 and box["left"] >= 0
    # Not clipped by the table's overflow: the popup's centre is the popup, not the table.
    hit = page.evaluate(
        "([x, y]) => !!document.elementFromPoint(x, y).closest('.glossary-popup')",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert hit


# -- touch ---------------------------------------------------------------------------------------

TOUCH = {"has_touch": True, "is_mobile": True, "viewport": {"width": 375, "height": 667}}


def test_touch_tap_opens_tap_outside_closes_link_navigates(
    open_page: Any, material_site: str
) -> None:
    page = open_page(material_site, **TOUCH)
    start = page.url
    mention(page, "resnet").tap()
    pop = popup(page)
    pop.wait_for(state="visible")
    page.wait_for_timeout(300)
    assert page.url == start  # the tap opened the popup instead of navigating
    assert page.locator(".md-tooltip2").count() == 0
    page.locator("article h1").tap()
    pop.wait_for(state="detached")
    mention(page, "resnet").tap()
    pop.wait_for(state="visible")
    box = rect(pop)
    assert box["left"] >= 0 and box["right"] <= 375
    pop.locator("a.glossary-popup__more").tap()
    page.wait_for_url("**/glossary/#resnet")


# -- safety --------------------------------------------------------------------------------------


def test_hostile_glossary_runs_nothing(open_page: Any, material_site: str) -> None:
    page = open_page(material_site + "hostile/")
    link = mention(page, "hostile")
    pop = hover_open(page, "hostile")
    name = pop.locator(".glossary-popup__name")
    assert name.text_content() == HOSTILE_NAME  # inserted as text
    assert name.locator("*").count() == 0
    body = pop.locator(".glossary-popup__body")
    html = body.inner_html()
    assert "onerror" not in html and "javascript:" not in html
    assert "&amp;" in html and "double" in html
    page.wait_for_timeout(300)  # give a would-be handler time to fire
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # The page after the payload is intact: the payload holds no text, the article is whole.
    assert page.locator(".glossary-payload").evaluate("e => e.textContent") == ""
    assert page.locator("article").evaluate("a => a.textContent").count("next to a") == 1
    # The other term's tooltip on that page still works.
    page.keyboard.press("Escape")
    hover_open(page, "resnet")
    assert link.get_attribute("aria-expanded") == "false"


# -- other themes --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mkdocs_site(site_builder: Any) -> Path:
    """The ``mkdocs`` theme, ``use_directory_urls: false``: it must work from ``file://``."""
    return Path(
        site_builder(
            {"./glossary.yml": GLOSSARY_YML, **PAGES},
            # No highlight.js: the theme loads it from a CDN, and the tests run offline.
            _site_config(
                {"name": "mkdocs", "locale": "en", "highlightjs": False}, use_directory_urls=False
            ),
            theme=None,
        )
    )


@pytest.fixture(scope="module")
def readthedocs_site(site_builder: Any) -> Iterator[str]:
    site = site_builder(
        {"./glossary.yml": GLOSSARY_YML, **PAGES},
        _site_config({"name": "readthedocs", "highlightjs": False}),
        theme=None,
    )
    with serve(site) as base:
        yield base


def _check_plain_theme(page: Any, label: str) -> None:
    link = mention(page, "resnet")
    assert link.evaluate("a => getComputedStyle(a).textDecorationStyle") == "dotted"
    pop = hover_open(page, "resnet")
    assert pop.locator(".glossary-popup__name").text_content() == "ResNet"
    assert pop.locator("a.glossary-popup__more").text_content() == label
    assert pop.evaluate("e => getComputedStyle(e).position") == "fixed"  # our CSS loaded
    assert_popup_readable(page, "default")
    page.keyboard.press("Escape")
    pop.wait_for(state="detached")


def test_mkdocs_theme_from_file_url(open_page: Any, mkdocs_site: Path) -> None:
    # The theme's search cannot start its worker from file:// (its error, not ours).
    worker = ("Failed to construct 'Worker'",)
    page = open_page((mkdocs_site / "sub" / "deep.html").as_uri(), allow=worker)
    hover_open(page, "dropout")
    href = popup(page).locator("a.glossary-popup__more").get_attribute("href")
    assert href == "../glossary.html#dropout"
    page.keyboard.press("Escape")
    page = open_page((mkdocs_site / "index.html").as_uri(), allow=worker)
    _check_plain_theme(page, "Open in glossary")


def test_readthedocs_theme(open_page: Any, readthedocs_site: str) -> None:
    page = open_page(readthedocs_site)
    _check_plain_theme(page, "Open in glossary")


# -- the README's picture ------------------------------------------------------------------------


def test_korean_seed_screenshot(
    browser: Any, site_builder: Any, seed_path: Path, request: pytest.FixtureRequest
) -> None:
    """A real tooltip on a Korean page, from the real seed glossary.

    Saved to ``test-artifacts/tooltip.png``; with ``GLOSSARY_UPDATE_SCREENSHOT=1`` it also
    replaces ``docs/assets/tooltip.png`` (the README's picture).
    """
    page_md = (
        "# ResNet 정리\n\n"
        "ResNet은 Residual Block을 쌓아 만든 신경망이다. 층이 깊어지면 degradation 문제가 "
        "생기는데, Identity Mapping과 skip connection으로 이를 풀었다. "
        "Batch Normalization과 함께 쓰면 학습이 빨라진다.\n"
    )
    site = site_builder(
        {"./glossary.md": seed_path.read_text("utf-8"), "resnet.md": page_md},
        {
            "site_name": "딥러닝 노트",
            "theme": {"name": "material", "language": "ko", "font": False},
            "plugins": [{"glossary": {"source": "glossary.md"}}],
            "nav": ["resnet.md", "glossary.md"],
        },
        theme=None,
    )
    with serve(site) as base:
        context = browser.new_context(viewport={"width": 860, "height": 440})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "resnet/")
        # A term whose definition is long: the tooltip shows its cut summary.
        page.locator("article a.glossary-term[data-glossary-term='degradation']").hover()
        page.locator(POPUP).wait_for(state="visible")
        page.wait_for_timeout(200)  # past the fade-in
        root = Path(__file__).resolve().parents[1]
        out = root / "test-artifacts"
        out.mkdir(exist_ok=True)
        page.screenshot(path=str(out / "tooltip.png"))
        if os.environ.get("GLOSSARY_UPDATE_SCREENSHOT") == "1":
            page.screenshot(path=str(root / "docs" / "assets" / "tooltip.png"))
        text = page.locator(POPUP).text_content() or ""
        context.close()
    assert errors == []
    assert text.startswith("degradation") and text.endswith("용어집에서 보기")
