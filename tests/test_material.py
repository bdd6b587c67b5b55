"""Material for MkDocs: the features and plugins real sites combine with ours (GUIDE §7, 6.4).

One strict build of a Material site with instant navigation (and its link previews), a palette
toggle, ``content.tooltips``, and the search, blog and tags plugins; then one build with the
privacy plugin, which tries to download external assets (this machine is offline). Every link we
make, on every page of the site (blog posts, blog index and archive pages, tag pages included), must
resolve to an existing entry on the index page from where it stands.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_glossary_plugin.tooltips import MARKER_ATTR

pytestmark = pytest.mark.slow

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

GLOSSARY = """\
- term: Residual Block
  definition: A block whose input is added to its output, so the block learns a residual.
- term: Stochastic Gradient Descent
  aliases: [SGD]
  definition: An optimiser that follows the gradient of a random mini-batch.
- term: Dropout
  definition: Randomly zeroes activations while training.
"""

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


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.dir = root / "site"
        self.log: list[logging.LogRecord] = []

    def html(self, rel: str) -> BeautifulSoup:
        return BeautifulSoup((self.dir / rel).read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[str]:
        return sorted(str(p.relative_to(self.dir)) for p in self.dir.rglob("*.html"))


class _Keep(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.DEBUG)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def make_site(root: Path, yml: str, pages: dict[str, str], *, strict: bool) -> Site:
    """Write and build a project in-process; keep every log record."""
    (root / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    (root / "mkdocs.yml").write_text(yml, encoding="utf-8")
    for rel, text in pages.items():
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    site = Site(root)
    handler = _Keep(site.log)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    old = logger.level
    logger.setLevel(logging.INFO)
    cwd = os.getcwd()
    os.chdir(root)  # the blog plugin resolves paths against the working directory
    try:
        cfg = load_config(str(root / "mkdocs.yml"), strict=strict)
        cfg.plugins.on_startup(command="build", dirty=False)
        build(cfg)
    finally:
        os.chdir(cwd)
        logger.removeHandler(handler)
        logger.setLevel(old)
    return site


def resolve(site_dir: Path, page: str, href: str) -> tuple[Path, str]:
    """The file and fragment a relative ``href`` on the page file ``page`` points to."""
    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path)))
    file = site_dir / target
    if file.is_dir() or href.startswith("#") or path.endswith("/"):
        file = file / "index.html" if file.is_dir() else site_dir / page
    return file, fragment


def broken_glossary_links(site_dir: Path) -> tuple[int, list[str]]:
    """(number of our links in the site, those whose target file or entry id is missing)."""
    ids: dict[Path, set[str]] = {}
    count, broken = 0, []
    for html_file in sorted(site_dir.rglob("*.html")):
        page = str(html_file.relative_to(site_dir))
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select("a.glossary-term"):
            count += 1
            href = str(a.get("href", ""))
            assert not re.match(r"^[a-z]+:|^/", href), f"{page}: not a relative link: {href}"
            file, fragment = resolve(site_dir, page, href)
            if file not in ids:
                ids[file] = set()
                if file.is_file():
                    target = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
                    ids[file] = {str(e["id"]) for e in target.select("[id]")}
            if fragment != a.get("data-glossary-term") or fragment not in ids[file]:
                broken.append(f"{page}: {a.get_text()!r} -> {href}")
    return count, broken


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield make_site(tmp_path_factory.mktemp("material"), MATERIAL_YML, PAGES, strict=True)


def _post(site: Site) -> str:
    posts = [p for p in site.pages() if re.match(r"blog/2024/01/15/[^/]+/index\.html$", p)]
    assert len(posts) == 1, site.pages()
    return posts[0]


def test_every_link_on_every_page_resolves(site: Site) -> None:
    count, broken = broken_glossary_links(site.dir)
    assert broken == []
    assert count >= 6


def test_blog_post_links_with_its_own_depth(site: Site) -> None:
    post = _post(site)
    article = site.html(post).select_one("article")
    assert article is not None
    got = [(a.get_text(), a["href"]) for a in article.select("a.glossary-term")]
    up = "../" * post.count("/")
    assert got == [
        ("Residual Block", f"{up}glossary/#residual-block"),
        ("SGD", f"{up}glossary/#stochastic-gradient-descent"),
        ("Dropout", f"{up}glossary/#dropout"),
    ]


def test_blog_index_excerpt_links_from_the_index_page(site: Site) -> None:
    """The excerpt is rendered again for the blog index: its links must fit that page's depth."""
    soup = site.html("blog/index.html")
    links = soup.select("article a.glossary-term, .md-post a.glossary-term")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Residual Block", "../glossary/#residual-block"),
    ]
    # ... and its tooltip has a summary on that page.
    summaries = {str(e["data-glossary-term"]) for e in soup.select("[data-glossary-summary]")}
    assert summaries == {"residual-block"}


def test_every_marker_is_filled_on_every_page(site: Site) -> None:
    """Blog views carry a marker per excerpt (added after search read the view's content): each
    is replaced by its payload, and none is left on any page, generated ones included."""
    for page in site.pages():
        assert MARKER_ATTR not in (site.dir / page).read_text("utf-8"), page
    soup = site.html("blog/index.html")
    payloads = soup.select(".glossary-payload")
    assert payloads and all(p.select("[data-glossary-summary]") for p in payloads)


def test_tags_pages_build_and_tags_are_not_linked(site: Site) -> None:
    training = site.html("guide/training/index.html")
    assert [a.get_text() for a in training.select("article a.glossary-term")] == ["Dropout", "SGD"]
    page_tags = training.select(".md-tag")
    assert page_tags, "the page shows its tags"
    for tag in page_tags:
        assert tag.select("a.glossary-term") == [] and "glossary-term" not in tag.get("class", [])
    tags = site.html("tags/index.html")
    assert "training" in tags.get_text()
    for a in tags.select("a.glossary-term"):
        assert a.find_parent(class_="md-tag") is None


def test_no_title_on_our_links_so_material_tooltips_stay_away(site: Site) -> None:
    """``content.tooltips`` pops up on every element with a ``title``: ours must have none."""
    checked = 0
    for page in site.pages():
        for a in site.html(page).select("a.glossary-term"):
            checked += 1
            assert not a.has_attr("title"), f"{page}: {a}"
    assert checked > 0


def test_instant_navigation_and_palette_features_are_on(site: Site) -> None:
    home = site.html("index.html")
    config = home.select_one("script#__config")
    assert config is not None
    features = json.loads(config.get_text())["features"]
    assert {"navigation.instant", "navigation.instant.preview", "content.tooltips"} <= set(features)
    assert len(home.select("form[data-md-component=palette] input")) == 2
    # Our links are plain same-site links: instant navigation and previews treat them as such.
    assert home.select("article a.glossary-term")


def test_search_finds_the_index_page_entries(site: Site) -> None:
    index = json.loads((site.dir / "search" / "search_index.json").read_text(encoding="utf-8"))
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


def test_privacy_plugin_builds_offline(tmp_path: Path) -> None:
    """Offline, the privacy plugin cannot download Material's own external assets (Google Fonts,
    Mermaid from a CDN): it warns about each and the build still succeeds. Nothing it tries to
    fetch is ours: the plugin ships local assets only, and our links are left alone."""
    pages = {"index.md": PAGES["index.md"], "guide/training.md": PAGES["guide/training.md"]}
    site = make_site(tmp_path, PRIVACY_YML, pages, strict=False)
    warnings = [r for r in site.log if r.levelno >= logging.WARNING]
    for record in warnings:
        message = record.getMessage()
        assert record.name == "mkdocs.material.privacy", message
        assert "glossary" not in message.lower(), message
    count, broken = broken_glossary_links(site.dir)
    assert count >= 3 and broken == []
    home = site.html("index.html")
    ours = [
        str(t.get("src") or t.get("href"))
        for t in home.select('script[src*="glossary"], link[rel=stylesheet][href*="glossary"]')
    ]
    # The tooltip script and style (and the index page's style), all local files.
    assert {"assets/glossary/glossary.css", "assets/glossary/glossary.js"} <= set(ours), ours
    for url in ours:
        assert not re.match(r"^[a-z]+:|^/", url), f"an external asset of ours: {url}"
        assert (site.dir / posixpath.normpath(url.split("?")[0])).is_file(), url
