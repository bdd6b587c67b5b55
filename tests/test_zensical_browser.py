"""Tooltips on a Zensical-built site, in headless Chromium over HTTP.

The site is the one "Using with Zensical" describes (the extension under
``markdown_extensions``, the files of ``autoglossary assets`` under ``extra_css`` /
``extra_javascript``), with Zensical's instant navigation on, built for the address it is served
from (instant navigation acts only on URLs of the sitemap). Promises: a mention's tooltip opens on
hover with its definition, and still opens after instant navigation swapped the content.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import assert_popup_readable, screenshot_on_failure, serve
from conftest import SEED, build

from mkdocs_glossary_plugin import bundle
from mkdocs_glossary_plugin.markdown import EXTENSION_NAME

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.seed]

HOME = """\
# Home

dropout을 쓰면 degradation이 줄어든다. [깊은 문서](sub/deep/korean.md)로 간다.
"""

KOREAN = """\
# 깊은 한국어 문서

정규화하면 수렴속도가 빨라진다.
"""


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[str]:
    try:
        import zensical  # noqa: F401
    except ImportError:
        reason = "zensical is not installed (pip install -e '.[zensical]', Python >= 3.11)"
        if sys.version_info >= (3, 11) and os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    if not SEED.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed glossary missing: {SEED}")
        pytest.skip(f"seed glossary not found at {SEED} (needs ../shared)")
    project = tmp_path_factory.mktemp("zensical-browser")
    files = {
        "./glossary.md": SEED.read_text("utf-8"),
        "index.md": HOME,
        "sub/deep/korean.md": KOREAN,
        "glossary.md": "# 용어집\n\n<!-- glossary-index -->\n",
        **{f"{bundle.FOLDER}/{n}": bundle.expected_text(n) for n in bundle.ASSET_NAMES},
    }
    with serve(project / "site") as base:
        config = {
            "site_url": base,
            "theme": {
                "name": "material",
                "features": ["navigation.instant"],
                "palette": [
                    {"scheme": "default", "toggle": {"icon": "lucide/moon", "name": "Dark"}},
                    {"scheme": "slate", "toggle": {"icon": "lucide/sun", "name": "Light"}},
                ],
            },
            "markdown_extensions": [
                {"toc": {"permalink": True}},
                {EXTENSION_NAME: {"source": "glossary.md"}},
            ],
            "extra_css": [f"{bundle.FOLDER}/glossary.css", f"{bundle.FOLDER}/glossary-index.css"],
            "extra_javascript": [f"{bundle.FOLDER}/glossary.js"],
        }
        build(project, files, config, in_process=False, cli="zensical", theme=None)
        yield base


@pytest.fixture
def page(browser: Any, zensical_site: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1024, "height": 700})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(f"{e} {e.stack}"))
    failed_before = request.session.testsfailed
    tab.goto(zensical_site)
    tab.wait_for_load_state("load")
    yield tab
    if request.session.testsfailed > failed_before:
        screenshot_on_failure(tab, f"zensical-{request.node.name}")
    context.close()
    assert [e for e in errors if "glossary" in e] == []


def hover_open(tab: Any, term_id: str) -> Any:
    from playwright.sync_api import expect

    link = tab.locator(f"a.glossary-term[data-glossary-term='{term_id}']").first
    link.hover()
    expect(link).to_have_attribute("aria-expanded", "true")
    popup = tab.locator(".glossary-popup")
    popup.wait_for(state="visible")
    return popup


def test_the_tooltip_opens_on_a_zensical_page(page: Any) -> None:
    popup = hover_open(page, "dropout")
    assert popup.locator(".glossary-popup__name").text_content() == "dropout"
    body = popup.locator(".glossary-popup__body").text_content() or ""
    assert body.startswith("우리는 인물 사진에서")
    more = popup.locator("a.glossary-popup__more")
    assert more.evaluate("a => new URL(a.href).pathname + new URL(a.href).hash") == (
        "/glossary/#dropout"
    )


def test_the_tooltip_opens_after_instant_navigation(page: Any) -> None:
    page.evaluate("window.__samePage = 1")
    page.locator("article a[href*='sub/deep/korean']").click()
    page.wait_for_url("**/sub/deep/korean/")
    page.locator("a.glossary-term[data-glossary-term='convergence-rate']").wait_for()
    assert page.evaluate("window.__samePage") == 1  # instant navigation: no new page load
    # The script set up the swapped content too (it subscribes to the theme's document$).
    link = page.locator("a.glossary-term[data-glossary-term='convergence-rate']")
    assert link.get_attribute("aria-haspopup") == "dialog"
    popup = hover_open(page, "convergence-rate")
    assert (popup.locator(".glossary-popup__body").text_content() or "").startswith(
        "인공지능 모델 학습에서"
    )
    assert popup.count() == 1


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_tooltip_follows_zensicals_palettes(page: Any, scheme: str) -> None:
    """Zensical's theme defines Material's colour variables: the popup is opaque, dark on the
    dark palette, and its text has a contrast of at least 4.5:1 (WCAG AA) in both."""
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    hover_open(page, "dropout")
    assert_popup_readable(page, scheme)
