"""The index pages in search and in their table of contents, in real builds.

Promises: people search a term and land on its entry, so every term has exactly one search entry,
at ``<its group's page>#<its id>`` with its name as title, on a split and an unsplit index; the
entries (and the headings inside definitions) stay out of the page's TOC, which lists the groups
(Material's search then indexes each heading without walking the TOC: linear in the terms); with
MkDocs' own search, which builds its entries from the TOC only, the entries stay in the TOC.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
from conftest import build, html_of

pytestmark = pytest.mark.slow

GLOSSARY = """\
- term: Batch Normalization
  aliases: [BN]
  definition: Normalises a layer's inputs over the batch.
- term: Backpropagation
  definition: |
    Computes gradients by the chain rule.

    ## How it runs

    Backward, layer by layer, after the Batch Normalization.
- term: Dropout
  definition: Zeroes random units while training.
- term: 정규화
  definition: 값의 범위를 맞추는 것.
"""
# Each term's id and group; ``정규화`` gets a Hangul id of its own.
TERMS = {
    "Backpropagation": ("backpropagation", "b"),
    "Batch Normalization": ("batch-normalization", "b"),
    "Dropout": ("dropout", "d"),
    "정규화": ("정규화", "ㅈ"),
}
PAGES = {"index.md": "# Home\n\nDropout and Batch Normalization.\n"}


def _site(tmp_path: Path, split: str, theme: str = "material") -> Path:
    config: dict[str, Any] = {
        "markdown_extensions": [{"toc": {"permalink": True}}],
        "plugins": [
            "search",
            {"glossary": {"source": "glossary.yml", "index": {"split": split}}},
        ],
    }
    return build(tmp_path, {**PAGES, "./glossary.yml": GLOSSARY}, config, theme=theme)


def _search_docs(site: Path) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = json.loads(
        (site / "search" / "search_index.json").read_text("utf-8")
    )["docs"]
    return docs


def _page_of(split: bool, group: str) -> str:
    """The URL of a group's page as the search index writes it (percent-encoded)."""
    return f"glossary/{quote(group)}/" if split else "glossary/"


@pytest.mark.parametrize("split", ["never", "always"])
def test_one_search_entry_per_term_at_its_entry(tmp_path: Path, split: str) -> None:
    docs = _search_docs(_site(tmp_path, split))
    for name, (term_id, group) in TERMS.items():
        location = _page_of(split == "always", group) + "#" + term_id
        entries = [d for d in docs if d["location"] == location]
        assert len(entries) == 1, (name, location, [d["location"] for d in docs])
        assert entries[0]["title"] == name
    # The heading inside a definition keeps its own entry, on the same page.
    how = [d for d in docs if d["title"] == "How it runs"]
    assert [d["location"] for d in how] == [_page_of(split == "always", "b") + "#how-it-runs"]


@pytest.mark.parametrize("split", ["never", "always"])
def test_the_toc_of_an_index_page_lists_the_groups_not_the_entries(
    tmp_path: Path, split: str
) -> None:
    site = _site(tmp_path, split)
    pages = {_page_of(split == "always", g) for _, g in TERMS.values()}
    for url in pages:
        soup = html_of(site, unquote(url))
        toc = soup.select_one("nav.md-nav--secondary")
        assert toc is not None
        hrefs = [a["href"] for a in toc.select("a.md-nav__link")]
        groups = [f"#group-{g}" for g in ("b", "d", "ㅈ")]
        assert hrefs, url
        assert all(h in groups for h in hrefs), (url, hrefs)
        # The entries are still headings with their ids and permalinks.
        for term_id, group in TERMS.values():
            if _page_of(split == "always", group) == url:
                h3 = soup.find("h3", id=term_id)
                assert h3 is not None and h3.select_one("a.headerlink") is not None


def test_with_mkdocs_own_search_the_entries_stay_in_the_toc(tmp_path: Path) -> None:
    """MkDocs' search indexes only the headings its TOC lists: the entries must stay there."""
    site = _site(tmp_path, "never", theme="mkdocs")
    docs = _search_docs(site)
    for name, (term_id, _) in TERMS.items():
        entries = [d for d in docs if d["location"] == f"glossary/#{term_id}"]
        assert len(entries) == 1, (name, [d["location"] for d in docs])
        assert entries[0]["title"] == name


TOC_CONFIGS = [
    {},
    {"permalink": True},
    {"permalink": "#", "permalink_title": "Link here", "permalink_class": "anchor"},
    {"permalink": True, "permalink_leading": True},
    {"anchorlink": True},
    {"baselevel": 2, "permalink": True},
]


@pytest.mark.parametrize("toc", TOC_CONFIGS, ids=lambda c: ",".join(map(str, c)) or "plain")
def test_an_entry_heading_is_marked_up_as_toc_marks_up_any_heading(
    tmp_path: Path, toc: dict[str, Any]
) -> None:
    """While ``toc`` runs, entries are not headings yet (so it does not render them for a TOC
    they leave anyway); afterwards they must carry what ``toc`` gives every heading of their
    level. Compared with an ordinary ``### Dropout`` on a page: the same element once our class
    is set aside. Catches: the level not shifted under ``baselevel``, the permalink or anchor
    link missing, or made differently from the configured ``toc``."""
    config: dict[str, Any] = {
        "markdown_extensions": [{"toc": toc}],
        "plugins": ["search", {"glossary": {"source": "glossary.yml"}}],
    }
    files = {
        "index.md": "# Home\n\n### Dropout\n\nText.\n",
        "./glossary.yml": GLOSSARY,
    }
    site = build(tmp_path, files, config)
    level = f"h{min(6, 3 + int(toc.get('baselevel', 1)) - 1)}"
    ordinary = html_of(site, "").find(level, id="dropout")
    entry = html_of(site, "glossary/").find(level, id="dropout")
    assert ordinary is not None and entry is not None, level
    assert entry["class"] == ["glossary-entry"]
    del entry["class"]
    assert str(entry) == str(ordinary)
