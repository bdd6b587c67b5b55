"""The machine-readable glossary (``export``): a versioned JSON document published with the site.

Checked on real MkDocs builds: the documented fields, URLs that lead to real entries of the built
index (absolute with ``site_url``, else relative to the site root, split index included), the
order of the index, the same bytes from the same input, a rebuild by ``mkdocs serve``, and the
option's messages for bad paths in a real ``mkdocs build`` (no traceback).
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from conftest import (
    SAMPLE_GLOSSARY,
    Builder,
    build_result,
    build_warnings,
    content_of,
    html_of,
    page_file,
)

import mkdocs_glossary_plugin
from mkdocs_glossary_plugin.options import OptionError, validate

pytestmark = pytest.mark.slow

GLOSSARY = (
    SAMPLE_GLOSSARY
    + """\
- term: 텐서
  aliases: [Tensor]
  definition: 다차원 배열이다. See [the notes](docs/sub/notes.md) and `x < y`.
- term: Layer Norm
  id: transformer-ln  # an explicit id: index order (by name) differs from id order
  summary: Normalises **per sample**.
  definition: |
    Normalises over the features of each sample.

    Used in transformers.
"""
)
PAGES = {
    "index.md": "# Home\n\nA Residual Block, SGD, Dropout, Layer Norm; 텐서를 쓴다.\n",
    "sub/notes.md": "# Notes\n\nNothing here.\n",
}
SITE_URL = "https://example.org/docs/"
TERM_FIELDS = [
    "id",
    "name",
    "display_name",
    "aliases",
    "group",
    "url",
    "summary_text",
    "summary_html",
    "definition",
]


def _config(export: object = "glossary.json", **extra: Any) -> dict[str, Any]:
    glossary: dict[str, Any] = {"source": "glossary.yml", "export": export}
    glossary.update(extra.pop("glossary", {}))
    return {"plugins": ["search", {"glossary": glossary}], **extra}


def _files(glossary: str = GLOSSARY) -> dict[str, str]:
    return {**PAGES, "./glossary.yml": glossary}


def _export(site: Path, path: str = "glossary.json") -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / path).read_text("utf-8"))
    return data


def _entry_ids(site: Path, url: str) -> list[str]:
    return [str(h["id"]) for h in content_of(html_of(site, url)).select("h3[id]")]


def _resolve(site: Path, root_relative: str) -> tuple[Path, str]:
    """The built file and fragment a site-root-relative URL names."""
    path, _, fragment = root_relative.partition("#")
    return page_file(site, unquote(path)), unquote(fragment)


@pytest.fixture(scope="module")
def absolute(site_builder: Builder) -> Path:
    return site_builder(_files(), _config(site_url=SITE_URL))


def test_document_has_the_documented_fields(absolute: Path) -> None:
    """Version 1, the generator, title, language, URLs, and per term the fields in order."""
    data = _export(absolute)
    assert list(data) == [
        "version",
        "generator",
        "title",
        "language",
        "site_url",
        "index_url",
        "terms",
    ]
    assert data["version"] == 1
    assert data["generator"] == {
        "name": "mkdocs-autoglossary",
        "version": mkdocs_glossary_plugin.__version__,
    }
    assert data["title"] == "Glossary" and data["language"] == "en"
    assert data["site_url"] == SITE_URL and data["index_url"] == SITE_URL + "glossary/"
    for term in data["terms"]:
        assert list(term) == TERM_FIELDS
    by_id = {t["id"]: t for t in data["terms"]}
    sgd = by_id["stochastic-gradient-descent"]
    assert sgd["name"] == sgd["display_name"] == "Stochastic Gradient Descent"
    assert sgd["aliases"] == ["SGD"] and sgd["group"] == "S"
    assert by_id["텐서"]["group"] == "ㅌ" and by_id["텐서"]["aliases"] == ["Tensor"]
    assert by_id["dropout"]["aliases"] == []
    assert by_id["transformer-ln"]["definition"].startswith("Normalises over the features")


def test_summaries_are_the_tooltips_with_absolute_links(absolute: Path) -> None:
    """``summary_html`` is what the tooltip shows, its links absolute under ``site_url``;
    ``summary_text`` is its text; an explicit ``summary`` wins over the definition."""
    by_id = {t["id"]: t for t in _export(absolute)["terms"]}
    spans = html_of(absolute, "").select("[data-glossary-summary]")
    tooltips = {str(s["data-glossary-term"]): str(s["data-glossary-summary"]) for s in spans}
    assert set(tooltips) == set(by_id)
    for term_id, tooltip in tooltips.items():
        text = " ".join(BeautifulSoup(tooltip, "html.parser").get_text().split())
        assert by_id[term_id]["summary_text"] == text
    assert by_id["transformer-ln"]["summary_html"] == "Normalises <strong>per sample</strong>."
    tensor = BeautifulSoup(by_id["텐서"]["summary_html"], "html.parser")
    assert tensor.a is not None and tensor.a["href"] == SITE_URL + "sub/notes/"
    assert by_id["텐서"]["summary_text"] == "다차원 배열이다. See the notes and x < y."
    assert "<code>x &lt; y</code>" in by_id["텐서"]["summary_html"]


def test_terms_follow_the_index_and_urls_lead_to_the_entries(absolute: Path) -> None:
    data = _export(absolute)
    ids = _entry_ids(absolute, "glossary/")
    assert [t["id"] for t in data["terms"]] == ids
    for term in data["terms"]:
        assert term["url"].startswith(SITE_URL)
        file, fragment = _resolve(absolute, term["url"][len(SITE_URL) :])
        assert file == page_file(absolute, "glossary/") and fragment == term["id"]


def test_urls_are_site_root_relative_without_site_url_split_and_file_urls(
    site_builder: Builder,
) -> None:
    """No ``site_url``: every URL is relative to the site root and names the entry's own page
    (a split index, ``use_directory_urls: false``, a nested export path)."""
    site = site_builder(
        _files(),
        _config("data/terms.json", glossary={"index": {"split": "always"}}),
        use_directory_urls=False,
    )
    data = _export(site, "data/terms.json")
    assert data["site_url"] is None and data["index_url"] == "glossary.html"
    assert len(data["terms"]) == 5
    for term in data["terms"]:
        assert "://" not in term["url"] and not term["url"].startswith("/")
        file, fragment = _resolve(site, term["url"])
        assert file.parent == site / "glossary", term["url"]  # a group page
        ids = [
            str(h["id"])
            for h in content_of(html_of(site, str(file.relative_to(site)))).select("h3[id]")
        ]
        assert fragment == term["id"] and fragment in ids
    tensor = next(t for t in data["terms"] if t["id"] == "텐서")
    assert BeautifulSoup(tensor["summary_html"], "html.parser").a["href"] == "sub/notes.html"


def test_same_input_gives_the_same_bytes(site_builder: Builder, absolute: Path) -> None:
    again = site_builder(_files(), _config(site_url=SITE_URL))
    assert (again / "glossary.json").read_bytes() == (absolute / "glossary.json").read_bytes()
    text = (absolute / "glossary.json").read_text("utf-8")
    assert "텐서" in text and text.endswith("}\n")  # Hangul kept as it is, one final newline


def test_no_file_without_the_option(site_builder: Builder) -> None:
    site = site_builder(_files(), _config(export=None))
    published = {p.relative_to(site).as_posix() for p in site.rglob("*.json")}
    assert published == {"search/search_index.json"}


def test_a_summary_that_cannot_be_rendered_is_a_warning_with_tooltips_off(
    build_site: Builder,
) -> None:
    """With tooltips off, the export (and the JSON-LD) still render summaries: one that fails is
    a warning naming the term, never a silent empty summary."""
    glossary = SAMPLE_GLOSSARY + '- term: Broken\n  summary: "--8<-- \\"missing.md\\""\n'
    site = build_site(
        _files(glossary),
        _config(
            glossary={"tooltips": False},
            markdown_extensions=[{"pymdownx.snippets": {"check_paths": True}}],
        ),
    )
    broken = next(t for t in _export(site)["terms"] if t["name"] == "Broken")
    assert broken["summary_html"] == ""
    warnings = [message for _, message in build_warnings(site)]
    assert any("'Broken' could not be rendered" in m for m in warnings), warnings


# -- option messages -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("/glossary.json", "relative to the site's root"),
        ("C:/glossary.json", "relative to the site's root"),
        ("https://example.org/g.json", "relative to the site's root"),
        ("../glossary.json", "no '..'"),
        ("data/../../g.json", "no '..'"),
        ("glossary.yml", "must name a .json file"),
        (".json", "must name a .json file"),
        ("   ", "must not be empty"),
        (42, "Expected type: <class 'str'>"),
    ],
)
def test_bad_export_paths_are_refused_with_a_clear_message(value: object, words: str) -> None:
    with pytest.raises(OptionError) as info:
        validate({"source": "g.yml", "export": value})
    assert info.value.option == "export" and words in info.value.message


@pytest.mark.parametrize(
    ("value", "kept"),
    [("glossary.json", "glossary.json"), ("./data//terms.JSON", "data/terms.JSON")],
)
def test_good_export_paths_are_kept_normalised(value: str, kept: str) -> None:
    options, problems = validate({"source": "g.yml", "export": value})
    assert options.export == kept and not problems


@pytest.mark.parametrize(
    ("export", "extra_files", "words"),
    [
        ("../up.json", {}, "no '..'"),
        ("glossary.txt", {}, "must name a .json file"),
        ("glossary.json", {"glossary.json": "{}"}, "already taken by 'glossary.json'"),
        ("data.json", {"data.json.md": "# A page\n"}, "already taken by 'data.json.md'"),
    ],
    ids=["dotdot", "not-json", "static-file", "page-folder"],
)
def test_mkdocs_build_reports_bad_paths_without_a_traceback(
    tmp_path: Path, export: str, extra_files: dict[str, str], words: str
) -> None:
    code, output = build_result(tmp_path, {**_files(), **extra_files}, _config(export))
    assert code == 1
    assert "Traceback" not in output
    assert words in output
    assert "export" in output


# -- mkdocs serve --------------------------------------------------------------------------------

SERVE_TIMEOUT = 60.0  # polling limit only: a loaded 2-core machine may take long to build


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            body: bytes = resp.read()
            return body.decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _poll(url: str, wanted: str) -> str | None:
    deadline = time.monotonic() + SERVE_TIMEOUT
    while time.monotonic() < deadline:
        body = _get(url)
        if body is not None and wanted in body:
            return body
        time.sleep(0.3)
    return None


def test_mkdocs_serve_publishes_and_rebuilds_the_export(tmp_path: Path) -> None:
    """``mkdocs serve`` serves the export, and a glossary edit rebuilds it (the source lives in
    ``docs_dir``, which MkDocs watches)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nDropout.\n", "utf-8")
    source = docs / "terms.yml"
    source.write_text(SAMPLE_GLOSSARY, "utf-8")
    config = {
        "site_name": "Serve",
        "theme": {"name": "mkdocs"},
        "plugins": [{"glossary": {"source": "docs/terms.yml", "export": "g/terms.json"}}],
    }
    (tmp_path / "mkdocs.yml").write_text(json.dumps(config), "utf-8")
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/g/terms.json"
    try:
        first = _poll(url, '"Dropout"')
        assert first is not None, (tmp_path / "serve.log").read_text("utf-8", "replace")
        assert "Weight Decay" not in first
        source.write_text(
            SAMPLE_GLOSSARY + "- term: Weight Decay\n  definition: Shrinks weights.\n", "utf-8"
        )
        second = _poll(url, "Weight Decay")
        assert second is not None, (tmp_path / "serve.log").read_text("utf-8", "replace")
        names = [t["name"] for t in json.loads(second)["terms"]]
        assert names == sorted(names, key=str.casefold) and "Weight Decay" in names
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    assert not re.search(r"Traceback", (tmp_path / "serve.log").read_text("utf-8", "replace"))
