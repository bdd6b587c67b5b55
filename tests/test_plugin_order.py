"""The order of ``plugins:`` does not change what we make (issue 12, Deliver 2).

A real Material site with the search, blog and tags plugins and mkdocs-macros is built with the
same pages in several orders of ``plugins:``. Every file must come out the same: our links, the
tooltip data of every page (blog index excerpts and posts included), the index page with its
backlinks. Orders that put ``glossary`` first and last put it before and after each of the others,
so a hook that depends on ``plugins:`` order (two plugins at the same priority run in that order)
shows up as a difference.

Each build is also checked on its own: a comparison of two builds cannot see a loss that both
share, so every link on every page must have its tooltip data on that page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import SAMPLE_GLOSSARY, Builder, html_of

from mkdocs_glossary_plugin.tooltips import MARKER_ATTR

pytestmark = pytest.mark.slow

GLOSSARY = (
    SAMPLE_GLOSSARY
    + """\
- term: Batch Normalization
  definition: Normalises each activation over the mini-batch.
"""
)

FILES = {
    "./glossary.yml": GLOSSARY,
    "index.md": "# Home\n\nA Residual Block and SGD.\n",
    # A macro-produced mention (auto-linked) and an explicit term() link.
    "macro.md": (
        "# Macros\n\nWe use {{ arch }} layers and {{ term('Dropout', 'this regulariser') }}.\n"
    ),
    "guide/training.md": (
        "---\ntags: [training, SGD]\n---\n\n# Training\n\nUse Dropout and SGD with care.\n"
    ),
    "tags.md": "# Tags\n\n<!-- material/tags -->\n",
    "blog/index.md": "# Blog\n",
    "blog/posts/first.md": (
        "---\ndate: 2024-01-15\ncategories: [Models]\n---\n\n# A first post\n\n"
        "An excerpt about a Residual Block and SGD.\n\n<!-- more -->\n\n"
        "The rest uses Dropout.\n"
    ),
    "blog/posts/second.md": (
        "---\ndate: 2024-02-01\n---\n\n# A second post\n\n"
        "Dropout in an excerpt.\n\n<!-- more -->\n\nMore text.\n"
    ),
}

GLOSSARY_ENTRY: dict[str, Any] = {"glossary": {"source": "glossary.yml"}}

#: Plugin orders, by name. ``last`` is the reference; ``first`` puts glossary before blog, tags,
#: macros and search (the order that lost excerpt tooltips when our late fill tied with the blog's
#: own ``on_page_context`` at priority -100); ``mixed`` interleaves them.
ORDERS: dict[str, list[Any]] = {
    "last": ["search", "blog", "tags", "macros", GLOSSARY_ENTRY],
    "first": [GLOSSARY_ENTRY, "macros", "tags", "blog", "search"],
    "mixed": ["tags", "macros", GLOSSARY_ENTRY, "blog", "search"],
}


def _config(plugins: list[Any]) -> dict[str, Any]:
    return {"plugins": plugins, "extra": {"arch": "Batch Normalization"}}


@pytest.fixture(scope="module")
def sites(site_builder: Builder) -> dict[str, Path]:
    return {
        name: site_builder(FILES, _config(plugins), strict=True) for name, plugins in ORDERS.items()
    }


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


#: Files that legitimately differ between two builds of the same pages: the sitemap's dates are
#: the build's (``lastmod``) and the gzip header of its compressed copy holds the newest source
#: file's modification time, and each build writes its own source files.
BUILD_STAMPED = {"sitemap.xml", "sitemap.xml.gz"}


def _files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name not in BUILD_STAMPED
    }


@pytest.mark.parametrize("order", [name for name in ORDERS if name != "last"])
def test_every_file_is_the_same_whatever_the_plugin_order(
    sites: dict[str, Path], order: str
) -> None:
    """Byte for byte: every page (blog views, posts, tag pages, the index page), the search index
    and the assets. No normalisation is needed: the same files give the same bytes."""
    reference, other = _files(sites["last"]), _files(sites[order])
    assert sorted(reference) == sorted(other)
    differ = [rel for rel in reference if reference[rel] != other[rel]]
    assert not differ, f"plugins order {ORDERS[order]} changes {differ}"


@pytest.mark.parametrize("order", list(ORDERS))
def test_every_link_has_its_tooltip_data_on_its_page(sites: dict[str, Path], order: str) -> None:
    """Blog index, archive and category pages (excerpts), posts and pages: each of our links has
    a summary in the page's payload, and no marker is left unfilled."""
    site = sites[order]
    linked_pages = 0
    for rel in _pages(site):
        text = (site / rel).read_text("utf-8")
        assert MARKER_ATTR not in text, f"{order}: {rel} keeps an unfilled marker"
        soup = BeautifulSoup(text, "html.parser")
        linked = {str(a["data-glossary-term"]) for a in soup.select("a.glossary-term")}
        summaries = {str(e["data-glossary-term"]) for e in soup.select("[data-glossary-summary]")}
        assert linked <= summaries, f"{order}: {rel} lacks tooltip data for {linked - summaries}"
        linked_pages += bool(linked)
    assert linked_pages >= 6, f"{order}: only {linked_pages} pages with links"


@pytest.mark.parametrize("order", list(ORDERS))
def test_blog_index_macros_and_index_page(sites: dict[str, Path], order: str) -> None:
    """The absolute expectations behind the comparison: excerpts on the blog index are linked
    with tooltip data, mkdocs-macros' output is linked, the index page lists backlinks."""
    site = sites[order]
    blog = html_of(site, "blog/")
    excerpt_links = [a["data-glossary-term"] for a in blog.select(".md-post a.glossary-term")]
    # Newest post first: the second post's excerpt, then the first's.
    assert excerpt_links == ["dropout", "residual-block", "stochastic-gradient-descent"]
    summaries = {str(e["data-glossary-term"]) for e in blog.select("[data-glossary-summary]")}
    assert summaries == {"residual-block", "stochastic-gradient-descent", "dropout"}

    macro = html_of(site, "macro/")
    got = [(a["data-glossary-term"], a.get_text()) for a in macro.select("article a.glossary-term")]
    assert got == [("batch-normalization", "Batch Normalization"), ("dropout", "this regulariser")]

    index = html_of(site, "glossary/")
    entry = index.find(id="batch-normalization")
    assert entry is not None
    backlinks = entry.find_next(class_="glossary-backlinks")
    assert backlinks is not None and "Macros" in backlinks.get_text()
