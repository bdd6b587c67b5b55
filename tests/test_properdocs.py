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
from pathlib import Path

import pytest
from conftest import SAMPLE_GLOSSARY, Builder, broken_glossary_links, build_log, html_of

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


def _properdocs(
    build_site: Builder, files: dict[str, str], config: dict[str, object]
) -> tuple[Path, str]:
    """``properdocs build --strict`` as a user runs it (INFO lines shown): the site folder and
    the output. Raises ``CalledProcessError`` when the build fails."""
    site = build_site(
        files, config, strict=True, theme=None, in_process=False, cli="properdocs", quiet=False
    )
    return site, "\n".join(build_log(site))


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_properdocs_builds_and_links(build_site: Builder, theme: str) -> None:
    files = {
        "./glossary.yml": SAMPLE_GLOSSARY,
        "index.md": "# Home\n\nA Residual Block and SGD.\n",
        "guide/page.md": "# Page\n\nDropout, nested.\n",
    }
    config = {
        "site_name": "ProperDocs test",
        "theme": theme,
        "plugins": ["search", {"glossary": {"source": "glossary.yml"}}],
    }
    site, output = _properdocs(build_site, files, config)
    assert "Traceback" not in output
    assert "3 terms loaded" in output  # our INFO summary, through ProperDocs' logging

    home = html_of(site, "index.html")
    links = [(a.get_text(), a["href"]) for a in home.select("[role=main] a.glossary-term")]
    assert links == [
        ("Residual Block", "glossary/#residual-block"),
        ("SGD", "glossary/#stochastic-gradient-descent"),
    ]
    count, broken = broken_glossary_links(site)
    assert count >= 3 and broken == []


def test_properdocs_strict_counts_our_warnings(tmp_path: Path, build_site: Builder) -> None:
    """A duplicate term is our WARNING; ProperDocs' ``--strict`` must fail on it, as MkDocs does."""
    files = {
        "./glossary.yml": SAMPLE_GLOSSARY + "- term: residual block\n  definition: Again.\n",
        "index.md": "# Home\n\nA Residual Block.\n",
    }
    config = {
        "site_name": "t",
        "theme": "mkdocs",
        "plugins": [{"glossary": {"source": "glossary.yml"}}],
    }
    with pytest.raises(subprocess.CalledProcessError):
        _properdocs(build_site, files, config)
    output = (tmp_path / "project1" / "build.log").read_text("utf-8")  # build_site's first project
    assert "WARNING" in output and "residual block" in output
    assert "Traceback" not in output
