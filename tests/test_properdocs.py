"""ProperDocs 1.6 (the maintained MkDocs 1.x fork) builds a site with our plugin (issue 6.5).

How it loads us, checked against properdocs 1.6.7: ``properdocs.plugins.get_plugins`` reads the
``properdocs.plugins`` *and* the ``mkdocs.plugins`` entry-point groups (ours is ``glossary`` under
``mkdocs.plugins``), and its command line first imports ``properdocs.replacement``, a meta-path
finder that serves every ``mkdocs.*`` import from ``properdocs.*``. So our plugin runs unchanged on
ProperDocs' classes, and its warnings go through ``properdocs.plugins.glossary`` (counted by
``--strict`` there). ProperDocs ships no themes: ``properdocs-theme-mkdocs`` and
``properdocs-theme-readthedocs`` provide them.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_material import GLOSSARY, broken_glossary_links

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def _properdocs_installed() -> None:
    missing = [
        name
        for name in ("properdocs", "properdocs_theme_mkdocs", "properdocs_theme_readthedocs")
        if importlib.util.find_spec(name) is None
    ]
    if missing:
        reason = f"not installed: {', '.join(missing)} (pip install -e '.[properdocs]')"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def _properdocs(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    return subprocess.run(
        [sys.executable, "-m", "properdocs", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_properdocs_builds_and_links(tmp_path: Path, theme: str) -> None:
    (tmp_path / "docs" / "guide").mkdir(parents=True)
    (tmp_path / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nA Residual Block and SGD.\n")
    (tmp_path / "docs" / "guide" / "page.md").write_text("# Page\n\nDropout, nested.\n")
    (tmp_path / "properdocs.yml").write_text(
        f"site_name: ProperDocs test\ntheme: {theme}\n"
        "plugins:\n  - search\n  - glossary:\n      source: glossary.yml\n",
        encoding="utf-8",
    )
    proc = _properdocs(tmp_path, "build", "--strict")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert "3 terms loaded" in proc.stderr  # our INFO summary, through ProperDocs' logging

    site = tmp_path / "site"
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [(a.get_text(), a["href"]) for a in home.select("[role=main] a.glossary-term")]
    assert links == [
        ("Residual Block", "glossary/#residual-block"),
        ("SGD", "glossary/#stochastic-gradient-descent"),
    ]
    count, broken = broken_glossary_links(site)
    assert count >= 3 and broken == []


def test_properdocs_strict_counts_our_warnings(tmp_path: Path) -> None:
    """A duplicate term is our WARNING; ProperDocs' ``--strict`` must fail on it, as MkDocs does."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "glossary.yml").write_text(
        GLOSSARY + "- term: residual block\n  definition: Again.\n", encoding="utf-8"
    )
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nA Residual Block.\n")
    (tmp_path / "properdocs.yml").write_text(
        "site_name: t\ntheme: mkdocs\nplugins:\n  - glossary:\n      source: glossary.yml\n",
        encoding="utf-8",
    )
    proc = _properdocs(tmp_path, "build", "--strict")
    assert proc.returncode != 0
    assert "WARNING" in proc.stderr and "residual block" in proc.stderr
    assert "Traceback" not in proc.stderr
