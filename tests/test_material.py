"""Material for MkDocs: the features and plugins real sites combine with ours (issue 6.4).

One strict build of a Material site with instant navigation (and its link previews), a palette
toggle, ``content.tooltips``, and the search, blog and tags plugins; then one build with the
privacy plugin, which tries to download external assets (this machine is offline). Every link we
make, on every page of the site (blog posts, blog index and archive pages, tag pages included), must
resolve to an existing entry on the index page from where it stands.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
from conftest import (
    SAMPLE_GLOSSARY,
    Builder,
    broken_glossary_links,
    build_warnings,
    html_of,
    site_pages,
)

from mkdocs_glossary_plugin.tooltips import MARKER_ATTR

pytestmark = pytest.mark.slow

MATERIAL_YML = """\
site_name: Material test
site_url: https://example.org/docs/
theme:
  name: material
  font: false
  features:
    - navigation.instant
    - navigation.instant.preview
    - content.tooltips
  palette:
    - scheme: default
      toggle: {icon: material/brightness-7, name: Dark}
    - scheme: slate
      toggle: {icon: material/brightness-4, name: Light}
plugins:
  - search
  - blog
  - tags
  - glossary:
      source: glossary.yml
markdown_extensions:
  - abbr
  - attr_list
  - toc:
      permalink: true
"""

PAGES = {
    "index.md": "# Home\n\nA Residual Block and SGD.\n",
    "guide/training.md": (
        "---\ntags: [training, SGD]\n---\n\n# Training\n\nUse Dropout and SGD with care.\n"
    ),
    "tags.md": "# Tags\n\n<!-- material/tags -->\n",
    "blog/index.md": "# Blog\n",
    "blog/posts/first.md": (
        "---\ndate: 2024-01-15\ncategories: [Models]\n---\n\n# A first post\n\n"
        "An excerpt about a Residual Block.\n\n<!-- more -->\n\nThe rest uses SGD and Dropout.\n"
    ),
}


@pytest.fixture(scope="module")
def site(site_builder: Builder) -> Path:
    """The Material site, built once (strict: no warning at all)."""
    return site_builder({**PAGES, "./glossary.yml": SAMPLE_GLOSSARY}, MATERIAL_YML, strict=True)


def _post(site: Path) -> str:
    posts = [p for p in site_pages(site) if re.match(r"blog/2024/01/15/[^/]+/index\.html$", p)]
    assert len(posts) == 1, site_pages(site)
    return posts[0]


def test_every_link_on_every_page_resolves(site: Path) -> None:
    count, broken = broken_glossary_links(site)
    assert broken == []
    assert count >= 6


def test_blog_post_links_with_its_own_depth(site: Path) -> None:
    post = _post(site)
    article = html_of(site, post).select_one("article")
    assert article is not None
    got = [(a.get_text(), a["href"]) for a in article.select("a.glossary-term")]
    up = "../" * post.count("/")
    assert got == [
        ("Residual Block", f"{up}glossary/#residual-block"),
        ("SGD", f"{up}glossary/#stochastic-gradient-descent"),
        ("Dropout", f"{up}glossary/#dropout"),
    ]


def test_blog_index_excerpt_links_from_the_index_page(site: Path) -> None:
    """The excerpt is rendered again for the blog index: its links must fit that page's depth."""
    soup = html_of(site, "blog/index.html")
    links = soup.select("article a.glossary-term, .md-post a.glossary-term")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Residual Block", "../glossary/#residual-block"),
    ]
    # ... and its tooltip has a summary on that page.
    summaries = {str(e["data-glossary-term"]) for e in soup.select("[data-glossary-summary]")}
    assert summaries == {"residual-block"}


def test_every_marker_is_filled_on_every_page(site: Path) -> None:
    """Blog views carry a marker per excerpt (added after search read the view's content): each
    is replaced by its payload, and none is left on any page, generated ones included."""
    for page in site_pages(site):
        assert MARKER_ATTR not in (site / page).read_text("utf-8"), page
    soup = html_of(site, "blog/index.html")
    payloads = soup.select(".glossary-payload")
    assert payloads and all(p.select("[data-glossary-summary]") for p in payloads)


def test_tags_pages_build_and_tags_are_not_linked(site: Path) -> None:
    training = html_of(site, "guide/training/index.html")
    assert [a.get_text() for a in training.select("article a.glossary-term")] == ["Dropout", "SGD"]
    page_tags = training.select(".md-tag")
    assert page_tags, "the page shows its tags"
    for tag in page_tags:
        assert tag.select("a.glossary-term") == [] and "glossary-term" not in tag.get("class", [])
    tags = html_of(site, "tags/index.html")
    assert "training" in tags.get_text()
    for a in tags.select("a.glossary-term"):
        assert a.find_parent(class_="md-tag") is None


def test_no_title_on_our_links_so_material_tooltips_stay_away(site: Path) -> None:
    """``content.tooltips`` pops up on every element with a ``title``: ours must have none."""
    checked = 0
    for page in site_pages(site):
        for a in html_of(site, page).select("a.glossary-term"):
            checked += 1
            assert not a.has_attr("title"), f"{page}: {a}"
    assert checked > 0


def test_instant_navigation_and_palette_features_are_on(site: Path) -> None:
    home = html_of(site, "index.html")
    config = home.select_one("script#__config")
    assert config is not None
    features = json.loads(config.get_text())["features"]
    assert {"navigation.instant", "navigation.instant.preview", "content.tooltips"} <= set(features)
    assert len(home.select("form[data-md-component=palette] input")) == 2
    # Our links are plain same-site links: instant navigation and previews treat them as such.
    assert home.select("article a.glossary-term")


def test_search_finds_the_index_page_entries(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    entry = docs.get("glossary/#residual-block")
    assert entry is not None, sorted(docs)
    assert "Residual Block" in entry["title"]
    assert "learns a residual" in entry["text"]
    assert "glossary/#stochastic-gradient-descent" in docs
    # The tooltip payload stays out of the search index of the pages that carry it.
    assert "learns a residual" not in docs[""]["text"]


# -- privacy plugin (offline) --------------------------------------------------------------------

PRIVACY_YML = MATERIAL_YML.replace("  font: false\n", "").replace(
    "  - blog\n  - tags\n", "  - privacy\n"
)


def test_privacy_plugin_builds_offline(build_site: Builder) -> None:
    """Offline, the privacy plugin cannot download Material's own external assets (Google Fonts,
    Mermaid from a CDN): it warns about each and the build still succeeds. Nothing it tries to
    fetch is ours: the plugin ships local assets only, and our links are left alone."""
    pages = {"index.md": PAGES["index.md"], "guide/training.md": PAGES["guide/training.md"]}
    site = build_site({**pages, "./glossary.yml": SAMPLE_GLOSSARY}, PRIVACY_YML, strict=False)
    for logger, message in build_warnings(site):
        assert logger == "mkdocs.material.privacy", message
        assert "glossary" not in message.lower(), message
    count, broken = broken_glossary_links(site)
    assert count >= 3 and broken == []
    home = html_of(site, "index.html")
    ours = [
        str(t.get("src") or t.get("href"))
        for t in home.select('script[src*="glossary"], link[rel=stylesheet][href*="glossary"]')
    ]
    # The tooltip script and style (and the index page's style), all local files.
    assert {"assets/glossary/glossary.css", "assets/glossary/glossary.js"} <= set(ours), ours
    for url in ours:
        assert not re.match(r"^[a-z]+:|^/", url), f"an external asset of ours: {url}"
        assert (site / posixpath.normpath(url.split("?")[0])).is_file(), url
