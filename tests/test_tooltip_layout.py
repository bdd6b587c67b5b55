"""Line breaking in the tooltip, in a real browser at a phone's width (375 px).

Korean is written with spaces between words, like English, but browsers by default break Korean
text between any two syllables, so a word could be split over two lines (``가능/함``). The
tooltip breaks Hangul only at spaces (``word-break: keep-all``), and a word or URL longer than
a line still breaks anywhere (``overflow-wrap: anywhere``), so nothing overflows.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser_support import ARTIFACTS, launch, require_browser, screenshot_on_failure, serve
from conftest import build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LONG_URL = "https://example.org/docs/" + "functionsthatreturnthesameoutputforthesameinput" * 2
LINK_TEXT = "함수형 프로그래밍 입문서를 읽으면 이해가 쉬워지는 것도 가능함"
SUMMARY = (
    "함수는 입력을 받아 출력을 돌려주는 코드의 묶음이며, 같은 입력에는 언제나 같은 출력을 "
    "내도록 만드는 것이 가능함. 부수 효과가 없는 함수는 따로 떼어 시험하기 쉽고 다른 "
    "프로그램에서 다시 쓰는 것도 가능함. 여러 함수를 이어 붙여 더 큰 계산을 만들 수 있으며, "
    "이렇게 만든 계산도 역시 같은 성질을 지니므로 이해하고 고치기 쉬운 코드가 된다. "
    f"`순수함수` 와 [{LINK_TEXT}](https://example.org/fp). 자세한 설명은 {LONG_URL} 에 있다."
)
#: What the tooltip shows of it (Markdown rendered: the code span and the link are text here).
SUMMARY_TEXT = SUMMARY.replace("`", "").replace(f"[{LINK_TEXT}](https://example.org/fp)", LINK_TEXT)
GLOSSARY = [{"term": "함수", "summary": SUMMARY, "definition": "입력을 받아 출력을 돌려준다."}]
# Material (whose own CSS breaks links and code anywhere, and wraps long words in its content),
# and the plain mkdocs theme, where only the tooltip's CSS keeps the URL inside.
THEMES = {
    "material": {"name": "material", "language": "ko", "font": False},
    "mkdocs": {"name": "mkdocs", "highlightjs": False},
}
VIEWPORT = {"width": 375, "height": 667}


@pytest.fixture(scope="module", params=list(THEMES))
def base(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[str]:
    project = tmp_path_factory.mktemp("layout")
    theme = THEMES[request.param]
    files = {
        "./glossary.yml": yaml.safe_dump(GLOSSARY, allow_unicode=True),
        "index.md": "# 홈\n\n함수를 쓴다.\n",
    }
    config = {
        "theme": theme,
        "plugins": [{"glossary": {"source": "glossary.yml"}}],
    }
    with serve(build(project, files, config, theme=None)) as url:
        yield url


@pytest.fixture
def page(base: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The home page at 375 px, its tooltip open (by keyboard focus)."""
    require_browser()
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(viewport=VIEWPORT)
        pg = context.new_page()
        errors: list[str] = []
        # Only our script's errors: the mkdocs theme's own script throws one on its own.
        pg.on("pageerror", lambda e: "glossary" in (e.stack or "") and errors.append(str(e)))
        pg.goto(base)
        link = pg.locator("a.glossary-term").first
        link.focus()
        expect(link).to_have_attribute("aria-expanded", "true")
        pg.locator(".glossary-popup").wait_for(state="visible")
        failed_before = request.session.testsfailed
        yield pg
        if request.session.testsfailed > failed_before:
            screenshot_on_failure(pg, request.node.name)
        browser.close()
    assert errors == []


# Each maximal run of Hangul syllables in the tooltip's body, with the distinct line tops of its
# characters (one line top: not broken), and the number of lines of the body.
WORDS_JS = """body => {
  const words = [], tops = new Set(), r = document.createRange();
  const top = (n, i) => {
    r.setStart(n, i);
    r.setEnd(n, i + 1);
    return Math.round(r.getClientRects()[0].top);
  };
  const walk = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  for (let n; (n = walk.nextNode());) {
    for (const m of n.data.matchAll(/[\\uAC00-\\uD7A3]+/g)) {
      const lines = new Set();
      for (let i = m.index; i < m.index + m[0].length; i++) lines.add(top(n, i));
      lines.forEach(t => tops.add(t));
      words.push([m[0], lines.size]);
    }
  }
  return { words, lines: tops.size };
}"""


def test_korean_words_stay_whole_and_nothing_overflows_at_375px(page: Any) -> None:
    pop = page.locator(".glossary-popup")
    body = pop.locator(".glossary-popup__body")
    assert body.text_content() == SUMMARY_TEXT
    assert body.locator("a").count() == 1 and body.locator("code").count() == 1
    found = body.evaluate(WORDS_JS)
    assert found["lines"] >= 5  # the text wraps: there were many chances to break a word
    assert len(found["words"]) >= 40
    split = [word for word, lines in found["words"] if lines != 1]
    assert split == [], f"Korean words broken over lines: {split}"
    # The long URL breaks instead of overflowing: the tooltip stays inside the viewport and
    # scrolls nothing sideways.
    width = page.evaluate("document.documentElement.clientWidth")
    box = pop.evaluate("e => e.getBoundingClientRect().toJSON()")
    assert box["left"] >= 0 and box["right"] <= width, box
    for part in (pop, body):
        sizes = part.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert sizes[0] <= sizes[1], sizes
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    ARTIFACTS.mkdir(exist_ok=True)
    theme = page.evaluate("document.querySelector('.md-typeset') ? 'material' : 'mkdocs'")
    page.screenshot(path=str(Path(ARTIFACTS) / f"tooltip-ko-375-{theme}.png"))


@pytest.mark.parametrize(("lang", "expected"), [("ko", "keep-all"), ("ja", "normal")])
def test_chinese_and_japanese_keep_their_line_breaking(page: Any, lang: str, expected: str) -> None:
    """Chinese and Japanese have no spaces between words: ``keep-all`` would leave them only
    punctuation to break at, so pages in those languages keep the usual breaking."""
    page.evaluate(f"document.documentElement.lang = '{lang}'")
    style = page.locator(".glossary-popup__body").evaluate("e => getComputedStyle(e).wordBreak")
    assert style == expected
