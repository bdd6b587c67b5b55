"""``autoglossary usage`` (and ``check --warn unused``): mentions counted the way the plugin finds
them, in real subprocesses.

Promises: a mention counts where the plugin would link it and nowhere else (not in code, link
text or headings, not on pages with ``glossary: false`` or matched by ``--exclude``, not on the
glossary's own pages); the counts equal the links of a real MkDocs build with ``link: all``;
``--config`` reads a real ``mkdocs.yml`` whose tags it cannot build without running anything;
``--fail-unused`` and ``check --warn unused`` fail on terms no page mentions.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import MARKDOWN_EXTENSIONS, Builder, content_of, glossary_links, html_of

from mkdocs_glossary_plugin.sources import load

GLOSSARY = """\
- term: ResNet
  definition: A residual network.
- term: Dropout
  definition: Randomly zeroes activations.
- term: 잔차 블록
  aliases: [Residual Block]
  definition: 입력을 출력에 더하는 블록.
- term: Batch Norm
  definition: Normalises a batch.
"""

PAGES = {
    # 2 ResNet, 1 잔차 블록 (with a particle): code, a heading and link text do not count
    "index.md": "# ResNet\n\nResNet and ResNet. `Dropout` in code.\n\n"
    "[Dropout](other.md) is a link.\n\n잔차 블록은 좋다.\n\n```\nBatch Norm\n```\n",
    "sub/page.md": "Residual Block and ResNet.\n",  # 1 ResNet, 1 잔차 블록 (its alias)
    "off.md": "---\nglossary: false\n---\nResNet, Dropout, Batch Norm.\n",  # opted out
    "drafts/x.md": "ResNet, Dropout, Batch Norm.\n",  # excluded by --exclude drafts/
    "glossary.md": "ResNet, Dropout.\n",  # the generated index's path: replaced, not a page
    ".hidden/y.md": "ResNet\n",  # MkDocs leaves hidden folders out
}


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m mkdocs_glossary_plugin.cli ARGS`` in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_glossary_plugin.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "glossary.yml").write_text(GLOSSARY, "utf-8")
    for src, text in PAGES.items():
        path = tmp_path / "docs" / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return tmp_path


def test_usage_counts_mentions_where_the_plugin_links(project: Path) -> None:
    args = ["usage", "glossary.yml", "--docs", "docs", "--exclude", "drafts/"]
    result = cli(*args, "--format", "json", cwd=project)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["pages", "terms", "unused", "findings"]
    assert data["pages"] == 4  # index, sub/page, off, drafts/x: read; glossary.md is replaced
    assert data["terms"] == [
        {"id": "batch-norm", "name": "Batch Norm", "mentions": 0, "pages": []},
        {"id": "dropout", "name": "Dropout", "mentions": 0, "pages": []},
        {"id": "resnet", "name": "ResNet", "mentions": 3, "pages": ["index.md", "sub/page.md"]},
        {
            "id": "잔차-블록",
            "name": "잔차 블록",
            "mentions": 2,
            "pages": ["index.md", "sub/page.md"],
        },
    ]
    assert data["unused"] == ["batch-norm", "dropout"]
    assert data["findings"] == []
    failing = cli(*args, "--fail-unused", cwd=project)
    assert failing.returncode == 1
    assert "2 of 4 terms never mentioned: Batch Norm, Dropout" in failing.stdout


def test_usage_table_and_no_exclude(project: Path) -> None:
    """Without ``--exclude`` the drafts count; the table lists every term with its numbers."""
    result = cli("usage", "glossary.yml", "--docs", "docs", cwd=project)
    assert result.returncode == 0
    rows = {line.split()[0]: line.split()[-2:] for line in result.stdout.splitlines()[1:5]}
    assert rows == {
        "batch-norm": ["1", "1"],
        "dropout": ["1", "1"],
        "resnet": ["4", "3"],
        "잔차-블록": ["2", "2"],
    }
    assert result.stdout.splitlines()[0].split() == ["ID", "NAME", "MENTIONS", "PAGES"]


def test_check_warn_unused_names_each_unmentioned_term(project: Path) -> None:
    base = ["check", "glossary.yml", "--docs", "docs", "--exclude", "drafts/", "--warn", "unused"]
    result = cli(*base, "--format", "json", cwd=project)
    assert result.returncode == 0  # warnings fail only a strict check
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(f["code"], f["file"], f["line"], f["level"]) for f in found] == [
        ("page-replaced", None, None, "warning"),  # docs/glossary.md, as a build warns
        ("unused", "glossary.yml", 3, "warning"),
        ("unused", "glossary.yml", 8, "warning"),
    ]
    assert cli(*base, "--strict", cwd=project).returncode == 1


def test_a_page_that_cannot_be_read_is_an_error(project: Path) -> None:
    (project / "docs" / "latin1.md").write_bytes("Caf\xe9 ResNet\n".encode("latin-1"))
    result = cli("usage", "glossary.yml", "--docs", "docs", "--format", "json", cwd=project)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["code"] == "unreadable-page" and finding["level"] == "error"
    assert finding["file"] == os.path.join("docs", "latin1.md")


CONFIG_WITH_TAGS = """\
site_name: Tags
markdown_extensions:
  - admonition
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - toc:
      permalink: !ENV [AUTOGLOSSARY_TEST_UNSET, true]
  - !!python/object/apply:os.system ["touch pwned"]
"""


def test_config_tags_are_ignored_not_run(project: Path) -> None:
    """A Material ``mkdocs.yml`` with ``!!python/...`` tags is read: its extensions apply (the
    admonition's title and the mermaid fence are no mention), and no tag runs any code."""
    (project / "mkdocs.yml").write_text(CONFIG_WITH_TAGS, "utf-8")
    (project / "docs" / "tags.md").write_text(
        '!!! note "ResNet"\n    Dropout inside.\n\n```mermaid\nBatch Norm\n```\n', "utf-8"
    )
    args = ["usage", "glossary.yml", "--config", "mkdocs.yml", "--exclude", "drafts/"]
    result = cli(*args, "--format", "json", cwd=project)
    assert result.returncode == 0, result.stderr
    mentions = {t["id"]: t["mentions"] for t in json.loads(result.stdout)["terms"]}
    assert mentions == {"batch-norm": 0, "dropout": 1, "resnet": 3, "잔차-블록": 2}
    assert not (project / "pwned").exists()


def test_usage_equals_the_links_of_a_real_build(build_site: Builder, seed_path: Path) -> None:
    """The counts of ``usage --config mkdocs.yml`` are the links a real MkDocs + Material build
    makes with ``link: all``, term by term, over the seed glossary and pages that mention its
    names and aliases in prose, lists, tables, admonitions, math, code, headings and links
    (math is the site's own extension: counted without ``--config``, it must not be)."""
    terms = load([str(seed_path)], "/").terms
    names = [k for t in terms for k in t.keys]
    pages = {
        "index.md": "# Home\n\n" + "\n\n".join(f"{n}을 본다. `{n}`" for n in names[::2]),
        "b.md": "## "
        + names[0]
        + "\n\n"
        + "\n".join(f"- [{n}](index.md) and {n}." for n in names[1::3])
        + "\n\n| a | b |\n|---|---|\n"
        + "\n".join(f"| {n} | x |" for n in names[::5])
        + '\n\n!!! note "'
        + names[1]
        + '"\n    '
        + " ".join(names[::7])
        + "\n\nMath (arithmatex, never linked): $"
        + names[2]
        + "$.\n",
        "c.md": "---\nglossary: false\n---\n" + " ".join(names),
    }
    config = {
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "plugins": [{"glossary": {"source": str(seed_path), "link": "all", "tooltips": False}}],
    }
    site = build_site(pages, config)
    built: Counter[str] = Counter()
    for src in pages:
        url = src.removesuffix(".md") + "/" if src != "index.md" else ""
        for a in glossary_links(content_of(html_of(site, url))):
            built[str(a["data-glossary-term"])] += 1
    assert sum(built.values()) > len(terms)  # the pages do mention the terms
    project = site.parent
    result = cli("usage", str(seed_path), "--config", "mkdocs.yml", "--format", "json", cwd=project)
    assert result.returncode == 0, result.stderr
    counted = {t["id"]: t["mentions"] for t in json.loads(result.stdout)["terms"] if t["mentions"]}
    assert counted == dict(built)


def test_no_readable_source_is_an_error_finding_not_a_usage_error(project: Path) -> None:
    """Every source missing: the pages cannot be counted, and the reason is a finding (exit 1)
    naming the file, for ``usage`` and ``check --docs`` alike."""
    result = cli("usage", "missing.yml", "--docs", "docs", "--format", "json", cwd=project)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["terms"] == [] and data["pages"] == 0
    assert [(f["code"], f["file"]) for f in data["findings"]] == [
        ("unreadable-source", "missing.yml")
    ]
    args = ["check", "missing.yml", "--docs", "docs", "--warn", "unused", "--format", "json"]
    checked = cli(*args, cwd=project)
    assert checked.returncode == 1
    assert [json.loads(line)["code"] for line in checked.stdout.splitlines()] == [
        "unreadable-source"
    ]
