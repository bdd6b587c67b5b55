"""MkDocs' built-in themes, ``mkdocs`` and ``readthedocs``: they build, link, and search well.

Each theme builds one small strict site with nested pages, with directory URLs on and off. Every
link we make must resolve to its entry from where it stands, and MkDocs' own search (which
indexes the text of ``<script>`` and ``<template>`` elements in page content) must not
pick up the tooltip payload: a definition is found on the index page only.
"""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE_GLOSSARY, Builder, broken_glossary_links, html_of

pytestmark = pytest.mark.slow

PAGES = {
    "index.md": "# Home\n\nA Residual Block, then SGD.\n",
    "guide/deep/page.md": "# Deep\n\nDropout inside a nested page, and SGD.\n",
}


def _config(theme: str, use_directory_urls: bool) -> dict[str, object]:
    return {
        "site_name": "Theme test",
        "theme": theme,
        "use_directory_urls": use_directory_urls,
        "plugins": ["search", {"glossary": {"source": "glossary.yml"}}],
    }


@pytest.mark.parametrize("use_directory_urls", [True, False], ids=["dir-urls", "file-urls"])
@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_builtin_theme_builds_and_links(
    build_site: Builder, theme: str, use_directory_urls: bool
) -> None:
    files = {**PAGES, "./glossary.yml": SAMPLE_GLOSSARY}
    site = build_site(files, _config(theme, use_directory_urls), strict=True)
    count, broken = broken_glossary_links(site)
    assert broken == []
    home = html_of(site, "index.html")
    deep = html_of(
        site, "guide/deep/page/index.html" if use_directory_urls else "guide/deep/page.html"
    )
    index_url = "glossary/" if use_directory_urls else "glossary.html"
    assert [(a.get_text(), a["href"]) for a in home.select("[role=main] a.glossary-term")] == [
        ("Residual Block", f"{index_url}#residual-block"),
        ("SGD", f"{index_url}#stochastic-gradient-descent"),
    ]
    up = "../../../" if use_directory_urls else "../../"
    assert [(a.get_text(), a["href"]) for a in deep.select("[role=main] a.glossary-term")] == [
        ("Dropout", f"{up}{index_url}#dropout"),
        ("SGD", f"{up}{index_url}#stochastic-gradient-descent"),
    ]
    assert count >= 4

    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    with_definition = {
        d["location"].partition("#")[0] for d in search["docs"] if "learns a residual" in d["text"]
    }
    assert with_definition == {index_url}, "a definition leaked into another page's search text"
