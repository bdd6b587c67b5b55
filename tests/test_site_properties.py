"""Properties of whole sites: generated sites built with real MkDocs and Material.

A handful of sites is generated from seeded randoms (each build costs about half a second, so
hypothesis would spend most of its time building): a glossary of many terms (Latin and Hangul,
some a part of another) and pages in nested folders whose Markdown mixes mentions with Material's
constructs (admonitions, collapsible blocks, tabs, tables, footnotes, abbreviations, attribute
lists, ``md_in_html``) and everything the linker must skip. Each site is built four times:
without the plugin, with it, with it again, and with it from the same glossary in another order.

* every build succeeds (``--strict``: no warning either);
* after unwrapping our links, the content of every page is the plugin-free content;
* no link in a link or in a skipped context, anywhere on a page;
* a second build is byte-identical (every HTML file, the sitemap, the search index), with
  ``SOURCE_DATE_EPOCH`` fixed;
* the order of the terms in the glossary file changes no byte of the site.

Under the ``ci`` profile the seeds are fixed; under ``dev`` and ``long`` each run draws new ones
(``long`` builds twenty times as many sites). A failure names its seed; ``SITE_SEED=<n>``
rebuilds that site alone.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import (
    MARKDOWN_EXTENSIONS,
    Builder,
    content_of,
    examples,
    glossary_links,
    unwrap_glossary_links,
)
from hypothesis import settings
from markdown_documents import (
    HANGUL_WORDS,
    LATIN_WORDS,
    NOISE_WORDS,
    MarkdownWriter,
    canon,
    skipped_ancestor,
)

from mkdocs_glossary_plugin.model import Term

pytestmark = pytest.mark.slow

PAGE_PATHS = ["index.md", "guide/intro.md", "guide/deep/advanced.md", "ko/소개.md"]
EPOCH = "1700000000"


def _seeds() -> list[int]:
    if os.environ.get("SITE_SEED"):
        return [int(os.environ["SITE_SEED"])]
    count = examples(5)
    if settings.default.derandomize:
        return list(range(count))
    base = random.SystemRandom().randrange(10**6)
    return [base + i for i in range(count)]


SEEDS = _seeds()


@dataclass
class GeneratedSite:
    seed: int
    files: dict[str, str]
    shuffled_glossary: str


def _glossary_yaml(terms: list[Term]) -> str:
    return yaml.safe_dump(
        [{"term": t.name, "definition": t.definition} for t in terms], allow_unicode=True
    )


def _names(rnd: random.Random) -> list[str]:
    """Distinct term names from the vocabulary of the linker properties: one or two words,
    joined by a space, a hyphen or nothing (so some names are a part of others)."""
    names: dict[str, str] = {}
    for _ in range(rnd.randint(6, 14)):
        words = rnd.sample(LATIN_WORDS + HANGUL_WORDS, rnd.randint(1, 2))
        name = words[0] if len(words) == 1 else words[0] + rnd.choice([" ", "-", ""]) + words[1]
        names.setdefault(canon(name), name)
    return list(names.values())


def _material_block(writer: MarkdownWriter) -> str:
    """A block of Material's syntax holding mentions."""
    rnd = writer.rnd
    para = writer.paragraph()[0]
    kind = rnd.randrange(7)
    if kind == 0:
        return f'!!! note "{writer.line()}"\n    {para}'
    if kind == 1:
        return f'??? tip "{writer.line()}"\n    {para}'
    if kind == 2:
        return f'=== "{writer.line()}"\n\n    {para}\n\n=== "Two"\n\n    {writer.line()}'
    if kind == 3:
        rows = "\n".join(f"| {writer.word()} | {writer.line()} |" for _ in range(rnd.randint(1, 3)))
        return f"| A | B |\n|---|---|\n{rows}"
    if kind == 4:
        return f"{para}[^n{rnd.randrange(100)}]\n\n[^n{rnd.randrange(100)}]: {writer.line()}"
    if kind == 5:
        return f"{para}\n{{: .no-glossary }}"
    return f"*[{rnd.choice(NOISE_WORDS)}]: An abbreviation\n\n{para}"


def generate(seed: int) -> GeneratedSite:
    rnd = random.Random(seed)
    terms = [Term(n, f"About {n}: {rnd.choice(NOISE_WORDS)}.") for n in _names(rnd)]
    writer = MarkdownWriter(terms, rnd)
    files: dict[str, str] = {}
    for path in PAGE_PATHS:
        blocks = [f"# {writer.line()}", writer.paragraph()[0]]
        for _ in range(rnd.randint(3, 10)):
            blocks.append(writer.block([]) if rnd.random() < 0.6 else _material_block(writer))
        files[path] = "\n\n".join(blocks) + "\n"
    files["./terms.yml"] = _glossary_yaml(terms)
    shuffled = list(terms)
    while len(shuffled) > 1 and shuffled == terms:
        rnd.shuffle(shuffled)
    return GeneratedSite(seed, files, _glossary_yaml(shuffled))


def _config(with_plugin: bool) -> dict[str, Any]:
    plugins: list[Any] = ["search"]
    if with_plugin:
        plugins.append({"glossary": {"source": "terms.yml", "link": "all"}})
    return {"plugins": plugins, "markdown_extensions": MARKDOWN_EXTENSIONS}


@dataclass
class Builds:
    site: GeneratedSite
    control: Path
    linked: Path
    again: Path
    shuffled: Path


@pytest.fixture(scope="module")
def builds(site_builder: Builder) -> list[Builds]:
    out = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        for seed in SEEDS:
            site = generate(seed)
            files = site.files
            reordered = {**files, "./terms.yml": site.shuffled_glossary}
            try:
                built = Builds(
                    site,
                    control=site_builder(files, _config(False), strict=True),
                    linked=site_builder(files, _config(True), strict=True),
                    again=site_builder(files, _config(True), strict=True),
                    shuffled=site_builder(reordered, _config(True), strict=True),
                )
            except BaseException as exc:  # SystemExit/Abort from MkDocs included
                raise AssertionError(f"seed {seed}: the build failed: {exc!r}") from exc
            out.append(built)
    return out


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a built site that the build writes (HTML, sitemap, search index), by path;
    the theme's static assets are copied, not written, and are left out."""
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and "assets" not in p.relative_to(site).parts[:1]
    }


def _pages(site: Path) -> list[Path]:
    return sorted(p.relative_to(site) for p in site.rglob("index.html") if p.parent.name != "404")


def test_builds_succeed_and_link(builds: list[Builds]) -> None:
    """The builds ran (strict), and the plugin made links on the pages (so the comparisons below
    compare something)."""
    assert len(builds) == len(SEEDS) >= 1
    for b in builds:
        pages = [p for p in _pages(b.linked) if p.parts[0] != "glossary"]
        assert len(pages) == len(PAGE_PATHS), (b.site.seed, pages)
        soups = [BeautifulSoup((b.linked / p).read_bytes(), "html.parser") for p in pages]
        total = sum(len(glossary_links(content_of(soup))) for soup in soups)
        assert total > 0, f"seed {b.site.seed}: no link on any page"


def test_content_after_unwrapping_is_the_plugin_free_content(builds: list[Builds]) -> None:
    for b in builds:
        pages = _pages(b.control)
        assert len(pages) == len(PAGE_PATHS)
        for rel in pages:
            ours = content_of(BeautifulSoup((b.linked / rel).read_bytes(), "html.parser"))
            unwrap_glossary_links(ours)
            # The tooltip data (hidden, one per page that links) is the only other addition.
            payloads = ours.select("div.glossary-payload[hidden]")
            assert len(payloads) <= 1, (b.site.seed, rel)
            for payload in payloads:
                payload.decompose()
            theirs = content_of(BeautifulSoup((b.control / rel).read_bytes(), "html.parser"))
            a = str(BeautifulSoup(str(ours), "html.parser"))
            z = str(BeautifulSoup(str(theirs), "html.parser"))
            assert a == z, f"seed {b.site.seed}, {rel}: the content differs beyond our links"


def test_no_link_in_a_link_or_a_skipped_context(builds: list[Builds]) -> None:
    """Over whole pages, Material's constructs included (admonition and collapsible titles, tab
    labels, table cells, footnotes, abbreviations)."""
    for b in builds:
        checked = 0
        for rel in _pages(b.linked):
            soup = BeautifulSoup((b.linked / rel).read_bytes(), "html.parser")
            for a in glossary_links(soup):
                checked += 1
                assert a.find("a") is None, (b.site.seed, rel, str(a))
                where = skipped_ancestor(a)
                assert where is None, f"seed {b.site.seed}, {rel}: {a} inside <{where}>"
        assert checked > 0, b.site.seed


def test_second_build_is_byte_identical(builds: list[Builds]) -> None:
    for b in builds:
        first, second = _files(b.linked), _files(b.again)
        assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json"} <= set(first)
        assert sorted(first) == sorted(second), b.site.seed
        changed = [name for name in first if first[name] != second[name]]
        assert changed == [], f"seed {b.site.seed}: differ between two builds: {changed}"


def test_term_order_in_the_source_changes_nothing(builds: list[Builds]) -> None:
    for b in builds:
        assert b.site.shuffled_glossary != b.site.files["./terms.yml"]
        first, reordered = _files(b.linked), _files(b.shuffled)
        assert sorted(first) == sorted(reordered), b.site.seed
        changed = [name for name in first if first[name] != reordered[name]]
        assert changed == [], f"seed {b.site.seed}: term order changes {changed}"
