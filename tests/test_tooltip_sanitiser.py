"""The tooltip's sanitiser in a real browser: nothing in a summary may run, load or escape.

A summary is the author's HTML, and it lands on every page that mentions the term, so the tooltip
script cleans it in the browser with allow-lists before it enters the page (the build's own pass
in ``tooltips/sanitise.py`` is defence in depth only). Two kinds of test:

- *injected*: a built page's payload gets a hostile summary written straight into its attribute,
  bypassing the build, then the tooltip opens: this tests the browser's cleaning alone, which is
  the guarantee;
- *built*: hostile and benign glossary entries go through a real build (Material), to the
  tooltip and to the index page, where the trust rule says a definition's raw HTML renders as on
  any page, while names and aliases are always text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from browser_support import screenshot_on_failure, serve
from bs4 import BeautifulSoup
from conftest import build, html_of

pytestmark = pytest.mark.slow
browser_test = pytest.mark.browser

POPUP = ".glossary-popup"
BODY = ".glossary-popup__body"
KEPT = "KEPT-TEXT"  # harmless text each payload carries, which must stay visible

HOSTILE_NAME = "<b>Bold</b> & <script>window.__pwned='name'</script>"
HOSTILE_ALIAS = "<i>it</i>"
PNG = (  # one transparent pixel
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)

GLOSSARY = [
    {"term": "Target", "definition": "The term whose payload the injected tests rewrite."},
    {
        "term": "Safe",
        "summary": (
            "*em* **strong** `code` [abs](https://example.org/page) [rel](other.md#part) "
            "[mail](mailto:a@example.org) ![pic](img/pic.png) "
            '<span class="author-note" title="note" lang="ko">주석</span> '
            f'<img alt="dot" src="{PNG}">\n\n- one\n- two\n'
        ),
        "definition": "Safe.",
    },
    {
        "term": HOSTILE_NAME,
        "id": "bold",
        "aliases": [HOSTILE_ALIAS, "boldterm"],
        # The trust rule: on the index page this renders as it would on any page.
        "definition": 'Raw <span class="author-x" style="color: red">raw span</span> here.',
    },
    {
        "term": "Hostile",
        "summary": (
            f"{KEPT} <b onclick=\"window.__pwned='b'\">bold</b> "
            '<svg onload="window.__pwned=\'svg\'"><circle r="4"/></svg> '
            "<iframe srcdoc=\"<script>parent.__pwned='srcdoc'</script>\"></iframe> "
            "<a href=\"java\tscript:window.__pwned='tab'\">tab</a> "
            '<a href="data:text/html,<script>alert(1)</script>">data</a> '
            "<style>body { display: none }</style> "
            "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__pwned='mglyph'\">"
            "</style></mglyph></table></mtext></math> "
            "<form><button formaction=\"javascript:window.__pwned='formaction'\">go</button></form>"
        ),
        "definition": (
            'Hostile definition <img src="https://example.invalid/x.png" '
            "onerror=\"window.__pwned='img'\"> with "
            "<a href=\" JaVaScRiPt:window.__pwned='case'\">a link</a>."
        ),
    },
]

PAGES = {
    "index.md": "# Home\n\nTarget, Safe, boldterm and Hostile are mentioned here.\n",
    "other.md": "# Other\n\n## Part\n\nThe end.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    """The built site folder and the base URL it is served from."""
    project = tmp_path_factory.mktemp("sanitiser")
    files = {"./glossary.yml": yaml.safe_dump(GLOSSARY, allow_unicode=True), **PAGES}
    config = {
        "theme": {"name": "material", "font": False},
        "plugins": [{"glossary": {"source": "glossary.yml"}}],
    }
    folder = build(project, files, config)
    with serve(folder) as base:
        yield folder, base


@pytest.fixture
def home(browser: Any, site: tuple[Any, str], request: pytest.FixtureRequest) -> Iterator[Any]:
    """The home page, opened fresh; the test fails on any dialog, any JavaScript error, and any
    request for a URL containing ``pwn`` (hostile loads), and saves a screenshot if it fails."""
    context = browser.new_context(viewport={"width": 1024, "height": 700})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("request", lambda r: "pwn" in r.url and errors.append(f"request: {r.url}"))
    page.goto(site[1])
    page.wait_for_load_state("load")
    failed_before = request.session.testsfailed
    yield page
    if request.session.testsfailed > failed_before:
        screenshot_on_failure(page, request.node.name)
    context.close()
    assert errors == [], errors


def open_tooltip(page: Any, term_id: str) -> Any:
    """Open a term's tooltip by keyboard focus (immediate, no hover delay); wait until it shows."""
    from playwright.sync_api import expect

    link = page.locator(f"article a.glossary-term[data-glossary-term='{term_id}']").first
    link.focus()
    expect(link).to_have_attribute("aria-expanded", "true")
    page.locator(POPUP).wait_for(state="visible")
    return page.locator(POPUP)


def inject(page: Any, term_id: str, summary: str) -> None:
    """Write ``summary`` into the term's payload as the raw attribute value, past the build."""
    page.evaluate(
        """([id, html]) => {
          for (const s of document.querySelectorAll('[data-glossary-summary]'))
            if (s.dataset.glossaryTerm === id) s.setAttribute('data-glossary-summary', html);
        }""",
        [term_id, summary],
    )


# The contract (docs/tooltips.md, "Trust and raw HTML"): the elements and attributes a tooltip
# may hold, everything else is a problem: elements that run, load, embed or restyle, SVG and
# MathML, handlers and any other attribute, and URLs other than http(s), mailto, relative and
# fragment ones (raster data: images in img only).
ELEMENTS = (
    "a abbr b bdi bdo blockquote br caption cite code col colgroup dd del dfn div dl dt em "
    "figcaption figure hr i img ins kbd li mark ol p pre q rp rt ruby s samp small span strong "
    "sub sup table tbody td tfoot th thead time tr u ul var wbr"
)
ATTRIBUTES = {
    "*": "class title lang dir",
    "a": "href",
    "img": "src alt width height",
    "ol": "start reversed",
    "td": "colspan rowspan",
    "th": "colspan rowspan",
    "time": "datetime",
}
PROBLEMS_JS = """([elements, attributes]) => body => {
  const bad = [], X = 'http://www.w3.org/1999/xhtml', keep = new Set(elements.split(' '));
  const may = (t, n) => [attributes['*'], attributes[t] || ''].join(' ').split(' ').includes(n);
  for (const e of body.querySelectorAll('*')) {
    const t = e.localName;
    if (e.namespaceURI !== X || !keep.has(t)) bad.push('element ' + t);
    for (const a of e.attributes) {
      if (!may(t, a.name)) bad.push(t + ' @' + a.name);
      if (a.name === 'href' || a.name === 'src') {
        const u = new URL(a.value, location.href);
        const raster = t === 'img' && u.protocol === 'data:' &&
          /^image\\/(png|gif|jpeg|webp|avif)[;,]/.test(u.pathname);
        if (!/^(https?|mailto):$/.test(u.protocol) && !raster)
          bad.push(t + ' @' + a.name + '=' + a.value);
      }
    }
  }
  return bad;
}"""


def problems(popup: Any) -> list[str]:
    """What the tooltip's body holds that the contract above does not allow."""
    check = popup.page.evaluate_handle(PROBLEMS_JS, [ELEMENTS, ATTRIBUTES])
    found = popup.locator(BODY).evaluate("(body, check) => check(body)", check)
    assert isinstance(found, list)
    return found


# Each payload tries to run ``window.__pwned = ...`` (or to load a URL with "pwn" in it, or to
# restyle the page); the fixture fails the test on a dialog or such a request.
INJECTED = {
    "svg onload": '<svg onload="window.__pwned=1"><circle r="5"/></svg>',
    "svg script": "<svg><script>window.__pwned=1</script></svg>",
    "svg animate href": (
        '<svg><a><animate attributeName="href" values="javascript:window.__pwned=1"/>'
        '<text y="20">svg link</text></a></svg>'
    ),
    "svg xlink:href": '<svg><a xlink:href="javascript:window.__pwned=1"><text>x</text></a></svg>',
    "svg style breakout": '<svg><style><img src="x" onerror="window.__pwned=1"></style></svg>',
    "svg foreignObject": (
        '<svg><foreignObject><img src="pwn.png" onerror="window.__pwned=1"></foreignObject></svg>'
    ),
    "math mglyph style": (
        '<math><mtext><table><mglyph><style><img src="x" onerror="window.__pwned=1">'
        "</style></mglyph></table></mtext></math>"
    ),
    "math href": '<math href="javascript:window.__pwned=1"><mi>x</mi></math>',
    "iframe srcdoc": '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    "iframe src": '<iframe src="javascript:parent.__pwned=1"></iframe>',
    "object embed": ('<object data="pwn.swf"></object><embed src="javascript:window.__pwned=1">'),
    "button formaction": (
        '<form><button formaction="javascript:window.__pwned=1">go</button></form>'
    ),
    "input formaction": (
        '<input type="image" src="pwn.png" formaction="javascript:window.__pwned=1">'
    ),
    "form action": (
        '<form action="javascript:window.__pwned=1"><input type="submit" value="go"></form>'
    ),
    "java<tab>script": '<a href="java\tscript:window.__pwned=1">x</a>',
    "java<newline>script": '<a href="java\nscript:window.__pwned=1">x</a>',
    "leading space and controls": '<a href=" \x01\x10javascript:window.__pwned=1">x</a>',
    "mixed case": '<a href="JaVaScRiPt:window.__pwned=1">x</a>',
    "entity-encoded scheme": '<a href="&#106;ava&#x09;script&colon;window.__pwned=1">x</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "data: image link": f'<a href="{PNG}">x</a>',
    "data: link": '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
    "data: svg image": ('<img src="data:image/svg+xml,&lt;svg onload=&quot;alert(1)&quot;/&gt;">'),
    "data: html image": '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    "img onerror": '<img src="x" onerror="window.__pwned=1">',
    "img srcset": '<img srcset="pwn.png 1x" src="x">',
    "style element": "<style>body { display: none } .glossary-popup { display: none }</style>",
    "style attribute": (
        '<span style="position: fixed; inset: 0; background: url(pwn.png)">overlay</span>'
    ),
    "link and meta": (
        '<link rel="stylesheet" href="pwn.css">'
        '<meta http-equiv="refresh" content="0; url=javascript:window.__pwned=1">'
        '<base href="javascript:window.__pwned=1//">'
    ),
    "noscript mXSS": (
        '<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>"></p></noscript>'
    ),
    "template": '<template><img src="x" onerror="window.__pwned=1"></template>',
    "details ontoggle": (
        '<details open ontoggle="window.__pwned=1"><summary>s</summary></details>'
    ),
    "video poster": (
        '<video poster="pwn.png"><source src="pwn.mp4" onerror="window.__pwned=1"></video>'
    ),
    "table background": '<table background="pwn.png"><tr><td>cell</td></tr></table>',
    "body onload": '<body onload="window.__pwned=1">',
    "custom element": f'<x-widget onclick="window.__pwned=1">{KEPT}</x-widget>',
    "DOM clobbering": (
        '<img name="getElementById" id="glossary-popup" src="x"><a id="__pwned">a</a>'
    ),
    "comment": "<!--<img src=x onerror=window.__pwned=1>-->",
    "namespaced attributes": (
        '<b a:href="javascript:window.__pwned=1" xlink:href="javascript:window.__pwned=1">b</b>'
    ),
    "names of Object.prototype": (
        f'<constructor><span __proto__="x" constructor="y">{KEPT}</span></constructor>'
    ),
    "textarea breakout": '<textarea><img src=x onerror="window.__pwned=1"></textarea>',
}


@browser_test
@pytest.mark.parametrize("payload", list(INJECTED.values()), ids=list(INJECTED))
def test_an_injected_hostile_summary_runs_and_loads_nothing(home: Any, payload: str) -> None:
    """Whatever reaches the payload, the tooltip shows none of its active parts and runs
    nothing; the summary's harmless text stays."""
    title = home.title()
    # Harmless text must stay: after the payload, or inside it (an element that gives way to
    # its content).
    kept = "" if KEPT in payload else KEPT
    inject(home, "target", f"<p>before {payload} {kept}</p>")
    pop = open_tooltip(home, "target")
    home.wait_for_timeout(400)  # give a would-be handler, load or navigation time to happen
    assert problems(pop) == []
    assert home.evaluate("typeof window.__pwned") == "undefined"
    assert home.title() == title
    text = pop.locator(BODY).text_content() or ""
    assert KEPT in text
    assert "pwned" not in text and "{" not in text  # no script or style shown as text either
    assert home.locator("body").is_visible() and pop.is_visible()  # no <style> took effect


@browser_test
def test_benign_markup_survives_the_cleaning(home: Any, site: tuple[Any, str]) -> None:
    """What authors write in summaries stays: emphasis, code, http(s), mailto and relative
    links, images with a relative or raster data: source, classes, titles, lang, lists."""
    pop = open_tooltip(home, "safe")
    body = pop.locator(BODY)
    assert problems(pop) == []
    for selector in ("em", "strong", "code", "ul > li + li", "span.author-note[title='note']"):
        assert body.locator(selector).count() == 1, selector
    assert body.locator("span.author-note").get_attribute("lang") == "ko"
    assert body.locator("a[href='https://example.org/page']").count() == 1
    assert body.locator("a[href='mailto:a@example.org']").count() == 1
    # Relative URLs stay exactly as the build wrote them in the payload.
    payload = html_of(site[0], "").select_one("[data-glossary-term='safe'][data-glossary-summary]")
    assert payload is not None
    written = str(payload["data-glossary-summary"])
    rel = body.locator("a", has_text="rel").get_attribute("href")
    assert rel and f'href="{rel}"' in written and not rel.startswith(("http", "/"))
    pic = body.locator("img[alt='pic']").get_attribute("src")
    assert pic and f'src="{pic}"' in written and pic.endswith("img/pic.png")
    assert body.locator("img[alt='dot']").get_attribute("src") == PNG


@browser_test
def test_built_hostile_entry_runs_nothing_and_keeps_its_text(home: Any) -> None:
    """End to end, through the build and the browser: a hostile summary and definition."""
    title = home.title()
    pop = open_tooltip(home, "hostile")
    home.wait_for_timeout(400)  # as above
    assert problems(pop) == []
    assert KEPT in (pop.locator(BODY).text_content() or "")
    assert home.evaluate("typeof window.__pwned") == "undefined"
    assert home.title() == title


@browser_test
def test_names_and_aliases_are_text_in_the_tooltip(home: Any) -> None:
    pop = open_tooltip(home, "bold")
    name = pop.locator(".glossary-popup__name")
    assert name.text_content() == HOSTILE_NAME
    assert name.locator("*").count() == 0
    assert home.evaluate("typeof window.__pwned") == "undefined"


def test_index_page_renders_raw_html_and_shows_names_as_text(site: tuple[Any, str]) -> None:
    """The trust rule: a definition's raw HTML renders on the index page as on any page (style
    attribute included, which a tooltip drops); the name and aliases stay text there too."""
    soup = html_of(site[0], "glossary/")
    heading = soup.select_one("h3#bold")
    assert heading is not None
    assert heading.get_text() == HOSTILE_NAME and heading.find(True) is None
    aliases = soup.select_one("h3#bold + .glossary-definition .glossary-aliases")
    assert aliases is not None and HOSTILE_ALIAS in aliases.get_text()
    assert aliases.find(["i", "b", "script"]) is None
    raw = soup.select_one("h3#bold + .glossary-definition span.author-x")
    assert raw is not None and raw.get("style") == "color: red"
    assert raw.get_text() == "raw span"


@browser_test
def test_the_tooltip_drops_what_the_index_page_keeps(home: Any) -> None:
    """The same definition in the tooltip: the span and its class stay, its style does not."""
    pop = open_tooltip(home, "bold")
    span = pop.locator(f"{BODY} span.author-x")
    assert span.text_content() == "raw span"
    assert span.get_attribute("style") is None


def test_the_build_leaves_active_markup_out_of_the_payload(site: tuple[Any, str]) -> None:
    """Defence in depth: the summaries a page embeds already lack scripts, styles, frames, forms,
    SVG, MathML and event handlers (the browser's cleaning above is the guarantee)."""
    span = html_of(site[0], "").select_one("[data-glossary-term='hostile'][data-glossary-summary]")
    assert span is not None
    summary = BeautifulSoup(str(span["data-glossary-summary"]), "html.parser")
    assert KEPT in summary.get_text() and summary.find("b") is not None
    found = summary.find(["script", "style", "iframe", "svg", "math", "form", "button"])
    assert found is None, found
    handlers = [(t.name, a) for t in summary.find_all(True) for a in t.attrs if a.startswith("on")]
    assert handlers == []
