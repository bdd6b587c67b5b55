"""Tooltips in real builds: the payload each page carries, the shipped assets, and the wheel."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import content_of, html_of

from mkdocs_glossary_plugin.tooltips import MARKER_ATTR

pytestmark = pytest.mark.slow

GLOSSARY = r"""
- term: ResNet
  definition: |
    ![diagram](img/resnet.png)

    A network of residual blocks. See [the page](sub/page.md#top) and ![i](img/resnet.png)
    for zebraword details.

    Second paragraph, never in a tooltip.
- term: Dropout
  summary: Randomly **drops** units.
  definition: A long definition that the explicit summary replaces.
- term: Unused
  definition: Mentioned nowhere.
- term: "<img src=x onerror=alert(1)>"
  id: hostile
  aliases: [hostile term]
  definition: |
    Ends </script> early, opens <!-- and has "quotes" & ampersands.
"""

PAGES = {
    "glossary.yml": GLOSSARY,
    "img/resnet.png": "not really a png",
    "index.md": "# Home\n\nResNet and Dropout, then ResNet again.\n",
    "sub/page.md": "# Page\n\nA deep ResNet. And a hostile term.\n",
    "plain.md": "# Plain\n\nNo terms here.\n",
}


def _config(theme: Any = None, **extra: Any) -> dict[str, Any]:
    cfg: dict[str, Any] = {
        "plugins": [{"search": {}}, {"glossary": {"source": "docs/glossary.yml"}}],
        "extra_css": ["css/user.css"],
        **extra,
    }
    if theme is not None:
        cfg["theme"] = theme
    return cfg


# A hook that keeps what other plugins see: ``page.content`` where Material's search and other
# readers of the content read it (``on_page_context`` at the default priority), the content the
# template renders (``on_page_context`` after every handler), and the page HTML where a minifier or
# Material's social plugin reads it (``on_post_page`` at priority 50, after ours at 100).
CAPTURE_HOOK = """
import os
from mkdocs.plugins import CombinedEvent, event_priority

def _keep(config, kind, page, text):
    folder = os.path.join(os.path.dirname(config.config_file_path), "captured", kind)
    os.makedirs(folder, exist_ok=True)
    name = page.file.src_uri.replace("/", "__") + ".html"
    with open(os.path.join(folder, name), "w", encoding="utf-8") as fh:
        fh.write(text or "")

def _content(context, page, config, nav):
    _keep(config, "content", page, page.content)

@event_priority(-1000)
def _rendered(context, page, config, nav):
    _keep(config, "rendered", page, page.content)

on_page_context = CombinedEvent(_content, _rendered)

@event_priority(50)
def on_post_page(output, page, config):
    _keep(config, "post", page, output)
"""


def captured(site: Path, kind: str, src: str) -> str:
    """What the capture hook kept of page ``src`` (``content`` or ``post``)."""
    return (site.parent / "captured" / kind / f"{src.replace('/', '__')}.html").read_text("utf-8")


@pytest.fixture(scope="module")
def site(site_builder: Any) -> Path:
    files = {
        **PAGES,
        "css/user.css": "a.glossary-term { color: red; }",
        "./capture.py": CAPTURE_HOOK,
    }
    config = _config({"name": "material", "language": "ko"}, hooks=["capture.py"])
    return Path(site_builder(files, config, theme=None))


def payload(soup: BeautifulSoup) -> dict[str, dict[str, str]]:
    """``{term id: {name, summary}}`` from the page's payload element."""
    out = {}
    for span in content_of(soup).select(".glossary-payload [data-glossary-term]"):
        out[str(span["data-glossary-term"])] = {
            "name": str(span["data-glossary-name"]),
            "summary": str(span["data-glossary-summary"]),
        }
    return out


def test_each_page_carries_only_the_terms_it_links(site: Path) -> None:
    assert list(payload(html_of(site, ""))) == ["resnet", "dropout"]
    assert list(payload(html_of(site, "sub/page/"))) == ["resnet", "hostile"]
    assert payload(html_of(site, "plain/")) == {}
    assert content_of(html_of(site, "plain/")).select(".glossary-payload") == []


def test_content_carries_only_a_marker_and_the_page_the_payload(site: Path) -> None:
    """Search (and RSS or print plugins) read ``page.content``: they get the marker only; the
    written page has the payload right after the content, where it always was."""
    content = captured(site, "content", "index.md")
    marker = BeautifulSoup(content, "html.parser").select(".glossary-payload")
    assert [m.attrs for m in marker] == [
        {"class": ["glossary-payload"], "hidden": "", MARKER_ATTR: "resnet dropout"}
    ]
    assert "data-glossary-summary" not in content and "zebraword" not in content
    page = (site / "index.html").read_text("utf-8")
    assert content_of(BeautifulSoup(page, "html.parser")).select_one(".glossary-payload")

    def payload_markup(html: str) -> str:
        start = html.index('<div class="glossary-payload"')
        return html[start : html.index("</div>", start) + len("</div>")]

    assert content.replace(payload_markup(content), payload_markup(page)) in page
    # The content's marker is filled in the content, after every reader at the default priority:
    # the template renders the content with the payload.
    rendered = captured(site, "rendered", "index.md")
    assert rendered == content.replace(payload_markup(content), payload_markup(page))
    # A post-page plugin after ours (minifier, privacy, social) sees the final page.
    assert captured(site, "post", "index.md") == page
    assert "data-glossary-summary" in page


def test_no_marker_for_a_page_without_terms_and_none_left_anywhere(site: Path) -> None:
    assert "glossary-payload" not in captured(site, "content", "plain.md")
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 4
    for path in pages:
        assert MARKER_ATTR not in path.read_text("utf-8"), path


def test_payload_element_is_hidden_empty_and_localized(site: Path) -> None:
    soup = html_of(site, "")
    (div,) = content_of(soup).select("div.glossary-payload")
    assert div.has_attr("hidden") and div.get_text() == ""
    assert div["data-glossary-label"] == "용어집에서 보기"
    assert soup.select("script[type='application/json'].glossary-payload") == []
    assert soup.select("template") == []


def test_summaries_first_text_paragraph_and_explicit(site: Path) -> None:
    data = payload(html_of(site, ""))
    resnet = BeautifulSoup(data["resnet"]["summary"], "html.parser")
    assert "zebraword" in resnet.get_text()
    assert "Second paragraph" not in resnet.get_text()
    assert data["dropout"]["summary"] == "Randomly <strong>drops</strong> units."


@pytest.mark.parametrize(
    ("url", "href", "src"),
    [
        ("", "sub/page/#top", "img/resnet.png"),
        ("sub/page/", "#top", "../../img/resnet.png"),
    ],
)
def test_summary_urls_are_rewritten_for_each_page(
    site: Path, url: str, href: str, src: str
) -> None:
    summary = BeautifulSoup(payload(html_of(site, url))["resnet"]["summary"], "html.parser")
    assert summary.a is not None and summary.a["href"] == href
    assert summary.img is not None and summary.img["src"] == src


def test_hostile_term_is_escaped_in_the_page(site: Path) -> None:
    page = (site / "sub" / "page" / "index.html").read_text("utf-8")
    soup = BeautifulSoup(page, "html.parser")
    data = payload(soup)["hostile"]
    assert data["name"] == "<img src=x onerror=alert(1)>"
    assert "<!--" not in page.split('class="glossary-payload"', 1)[1].split("</div>", 1)[0]
    # Nothing of the payload became markup: the only img in the content is none at all.
    assert content_of(soup).find("img") is None
    assert content_of(soup).find("script") is None
    # The text after the content is intact (a comment opened by the payload would eat it).
    assert soup.find("footer") is not None


def test_links_have_no_title_and_payload_stays_out_of_search(site: Path) -> None:
    links = content_of(html_of(site, "")).select("a.glossary-term")
    assert links
    for a in links:
        assert not a.has_attr("title")
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        if not doc["location"].startswith("glossary/"):
            assert "zebraword" not in doc["text"], doc["location"]
            assert "drops" not in doc["text"], doc["location"]


def test_assets_are_published_and_come_before_the_users_css(site: Path) -> None:
    soup = html_of(site, "sub/page/")
    css = [str(link["href"]) for link in soup.select("link[rel=stylesheet]")]
    ours = css.index("../../assets/glossary/glossary.css")
    assert ours < css.index("../../css/user.css")
    scripts = [str(s.get("src")) for s in soup.select("script[src]")]
    assert "../../assets/glossary/glossary.js" in scripts
    assert (site / "assets" / "glossary" / "glossary.js").is_file()
    assert (site / "assets" / "glossary" / "glossary.css").is_file()


def test_file_urls_and_the_mkdocs_theme(build_site: Any) -> None:
    site = build_site(PAGES, _config({"name": "mkdocs"}), theme=None, use_directory_urls=False)
    soup = html_of(site, "sub/page.html")
    css = [str(link["href"]) for link in soup.select("link[href$='.css']")]
    assert "../assets/glossary/glossary.css" in css
    assert "../assets/glossary/glossary.js" in [str(s.get("src")) for s in soup("script")]
    assert payload(soup)["resnet"]["name"] == "ResNet"
    # Summary URLs relative to each page, as ``.html`` files.
    for url, href, src in [
        ("index.html", "sub/page.html#top", "img/resnet.png"),
        ("sub/page.html", "#top", "../img/resnet.png"),
    ]:
        summary = BeautifulSoup(payload(html_of(site, url))["resnet"]["summary"], "html.parser")
        assert summary.a is not None and summary.a["href"] == href
        assert summary.img is not None and summary.img["src"] == src
    label = soup.select_one(".glossary-payload")
    assert label is not None and label["data-glossary-label"] == "Open in glossary"
    # MkDocs' own search (mkdocs theme) indexes text only: no summary in any page's entry.
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    texts = [d["text"] for d in index["docs"] if not d["location"].startswith("glossary")]
    assert texts and not any("zebraword" in t for t in texts)


def test_tooltips_false_ships_nothing(build_site: Any) -> None:
    cfg = _config(hooks=["capture.py"])
    cfg["plugins"][1]["glossary"]["tooltips"] = False
    site = build_site({**PAGES, "./capture.py": CAPTURE_HOOK}, cfg)
    soup = html_of(site, "")
    assert soup.select("a.glossary-term")  # still linked
    assert soup.select(".glossary-payload") == []
    assert "glossary-payload" not in captured(site, "content", "index.md")
    assert MARKER_ATTR not in str(soup)
    assert not (site / "assets" / "glossary" / "glossary.js").exists()
    assert "glossary.js" not in str(soup)


def test_users_own_asset_file_overrides_ours(build_site: Any) -> None:
    files = {**PAGES, "assets/glossary/glossary.css": "/* mine */"}
    site = build_site(files, _config())
    assert (site / "assets" / "glossary" / "glossary.css").read_text("utf-8") == "/* mine */"
    assert "addEventListener" in (site / "assets" / "glossary" / "glossary.js").read_text("utf-8")


def test_wheel_contains_the_assets(tmp_path: Path) -> None:
    hatchling = pytest.importorskip("hatchling.builders.wheel")
    root = Path(__file__).resolve().parents[1]
    (wheel,) = hatchling.WheelBuilder(str(root)).build(
        directory=str(tmp_path), versions=["standard"]
    )
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("glossary.js", "glossary.css"):
        assert f"mkdocs_glossary_plugin/assets/{name}" in names
