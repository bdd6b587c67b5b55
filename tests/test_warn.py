"""The ``warn`` option: findings a team can enforce with ``mkdocs build --strict`` (issue 12).

``unused``: a term no page mentions. A mention is a link on a page, automatic or written with
``term()`` (mkdocs-macros); a link on the index page (one definition naming another term) does
not count, since readers reach it only through the glossary. ``undefined``: a term without a
definition. Listed codes become one WARNING per term, naming its source file and line and how to
fix it; the build's summary stays one INFO line either way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import Builder, build_log
from mkdocs.exceptions import Abort

pytestmark = pytest.mark.slow

GLOSSARY = """\
- term: Residual Block
  definition: A block whose input is added to its output, unlike Dropout.
- term: Dropout
  definition: Randomly zeroes activations while training.
- term: Batch Normalization
  definition: Normalises each activation over the mini-batch.
- term: Pending Term
- term: Orphan Term
  definition: Nobody writes about it.
"""

FILES = {
    "./glossary.yml": GLOSSARY,
    # Residual Block and Pending Term by name, Batch Normalization only through term().
    "index.md": "# Home\n\nA Residual Block, a Pending Term, {{ term('Batch Normalization') }}.\n",
}

UNUSED = (
    "is never mentioned on any page (the index page does not count); mention it on a page, "
    "remove it from the glossary, or remove 'unused' from the plugin's 'warn' option"
)
UNDEFINED = "has no definition; add one, or remove 'undefined' from the plugin's 'warn' option"


def _config(**options: Any) -> dict[str, Any]:
    return {"plugins": ["macros", {"glossary": {"source": "glossary.yml", **options}}]}


def _lines(site: Path, level: str) -> list[str]:
    prefix = f"{level} mkdocs.plugins.glossary: glossary: "
    return [line[len(prefix) :] for line in build_log(site) if line.startswith(prefix)]


def _summary(site: Path) -> list[str]:
    return [line for line in _lines(site, "INFO") if "links made" in line]


def test_listed_findings_are_warnings_naming_term_place_and_fix(site_builder: Builder) -> None:
    site = site_builder(FILES, _config(warn=["unused", "undefined"]))  # not strict: it builds
    assert (site / "index.html").is_file()
    assert sorted(_lines(site, "WARNING")) == sorted(
        [
            # Only the index page mentions Dropout (in Residual Block's definition).
            f"glossary.yml:3: the term 'Dropout' {UNUSED}",
            f"glossary.yml:8: the term 'Orphan Term' {UNUSED}",
            f"glossary.yml:7: the term 'Pending Term' {UNDEFINED}",
        ]
    )
    # The summary stays one INFO line, with the same counts.
    (summary,) = _summary(site)
    assert "2 terms never mentioned (Dropout, Orphan Term)" in summary
    assert "1 terms without a definition (Pending Term)" in summary


def test_strict_fails_on_a_listed_finding(tmp_path: Path, build_site: Builder) -> None:
    with pytest.raises(Abort):
        build_site(FILES, _config(warn=["unused"]), strict=True)
    log = (tmp_path / "project1" / "build.log").read_text("utf-8")
    warning = "WARNING mkdocs.plugins.glossary: glossary: glossary.yml:8: the term 'Orphan Term'"
    assert f"{warning} {UNUSED}" in log
    assert "Pending Term' has no definition" not in log  # ``undefined`` is not listed


def test_without_warn_findings_stay_in_the_info_summary(site_builder: Builder) -> None:
    site = site_builder(FILES, _config(), strict=True)  # strict passes
    assert _lines(site, "WARNING") == []
    (summary,) = _summary(site)
    assert "2 terms never mentioned (Dropout, Orphan Term)" in summary
