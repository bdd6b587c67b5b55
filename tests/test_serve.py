"""``mkdocs serve --livereload``: editing a glossary source rebuilds, a broken one recovers.

One real server per module (it is the slow part): a subprocess on a free 127.0.0.1 port serving a
small site whose glossary has one source outside ``docs_dir`` (watched by our ``on_serve``) and one
inside (watched by MkDocs itself). The tests run in order against it, each polling the served page
(at most ``TIMEOUT`` seconds) rather than sleeping a fixed time; the server is always stopped.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.slow

TIMEOUT = 15.0  # the contract: a page shows an edit within 15 s
STARTUP_TIMEOUT = 60.0  # the first build on a loaded 2-core machine

OUTSIDE_V1 = """\
- term: Residual Block
  definition: A block whose input is added to its output.
"""

INSIDE_V1 = """\
# More terms

## Batch Normalization

Normalises activations over a mini-batch.

## Dropout

Randomly zeroes activations while training.
"""

PAGE = """\
# Notes

A Residual Block helps. Batch Normalization too. A Skip Connection is new. So is Layer Norm.
Weight Decay comes last.
"""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Server:
    root: Path
    url: str
    log_path: Path
    proc: subprocess.Popen[bytes]

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str) -> str | None:
        """The page's HTML, or None while the server is (re)building or the page is missing."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as resp:
                body: bytes = resp.read()
                return body.decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait_for(self, what: str, check: Callable[[], bool], timeout: float = TIMEOUT) -> float:
        """Poll ``check`` until it is true; return the seconds it took; fail with the log."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            assert self.proc.poll() is None, (
                f"server exited while waiting for {what}:\n{self.log()}"
            )
            if check():
                return time.monotonic() - start
            time.sleep(0.2)
        pytest.fail(f"not within {timeout:.0f} s: {what}\n--- server output ---\n{self.log()}")


def _links(html: str | None) -> dict[str, str]:
    """``data-glossary-term`` -> link text of our links in the page content."""
    if not html:
        return {}
    soup = BeautifulSoup(html, "html.parser")
    return {
        str(a["data-glossary-term"]): a.get_text()
        for a in soup.select("a.glossary-term[data-glossary-term]")
    }


def _write(path: Path, text: str) -> None:
    """Write like an editor that saves in place, making sure the mtime moves on."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:  # coarse timestamps: force a visible change
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("serve-site")
    (root / "docs").mkdir()
    (root / "terms").mkdir()
    (root / "terms" / "glossary.yml").write_text(OUTSIDE_V1, encoding="utf-8")
    (root / "docs" / "more-terms.md").write_text(INSIDE_V1, encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Home\n\nSee the notes.\n", encoding="utf-8")
    (root / "docs" / "notes.md").write_text(PAGE, encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Serve test\n"
        "theme: mkdocs\n"
        "plugins:\n"
        "  - glossary:\n"
        "      source: [terms/glossary.yml, docs/more-terms.md]\n",
        encoding="utf-8",
    )
    port = _free_port()
    log_path = root / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            env=env,
        )
    srv = Server(root, f"http://127.0.0.1:{port}/", log_path, proc)
    try:
        srv.wait_for(
            "the first build is served",
            lambda: "Serving on" in srv.log() and srv.get("") is not None,
            STARTUP_TIMEOUT,
        )
        yield srv
    finally:
        proc.send_signal(signal.SIGINT)  # what Ctrl-C does: MkDocs shuts down cleanly
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.terminate()
            proc.wait(timeout=10)


def _loaded_count(srv: Server) -> int:
    """How often the glossary was actually (re-)read: one INFO line per read."""
    return len(re.findall(r"terms loaded from", srv.log()))


def _built_count(srv: Server) -> int:
    """How many builds started. (A live-reload rebuild logs no "Documentation built in" line.)"""
    return len(re.findall(r"Building documentation", srv.log()))


def test_outside_source_is_watched(server: Server) -> None:
    assert _links(server.get("notes/")) == {
        "residual-block": "Residual Block",
        "batch-normalization": "Batch Normalization",
    }
    watching = re.search(r"Watching paths for changes: (.*)", server.log())
    assert watching is not None
    assert "terms/glossary.yml" in watching.group(1)
    assert "more-terms.md" not in watching.group(1)  # inside docs/: MkDocs already watches it


def test_editing_a_page_reuses_the_cached_glossary(server: Server) -> None:
    loaded, built = _loaded_count(server), _built_count(server)
    _write(server.root / "docs" / "notes.md", PAGE + "\nEdited page.\n")
    server.wait_for(
        "the page edit is served", lambda: "Edited page." in (server.get("notes/") or "")
    )
    # The edited page is written during the rebuild, after on_config: the glossary was handled.
    assert _built_count(server) > built
    assert _loaded_count(server) == loaded, "the glossary was re-read though no source changed"
    assert "residual-block" in _links(server.get("notes/"))


def test_editing_the_outside_source_rebuilds(server: Server) -> None:
    loaded = _loaded_count(server)
    _write(
        server.root / "terms" / "glossary.yml",
        OUTSIDE_V1 + "- term: Skip Connection\n  definition: Adds the input to the output.\n",
    )
    server.wait_for(
        "the new outside term is linked",
        lambda: "skip-connection" in _links(server.get("notes/")),
    )
    assert _loaded_count(server) > loaded
    assert "Reloading browsers" in server.log()


def test_editing_the_inside_source_rebuilds(server: Server) -> None:
    _write(
        server.root / "docs" / "more-terms.md",
        INSIDE_V1 + "\n## Layer Norm\n\nNormalises over features.\n",
    )
    server.wait_for(
        "the new inside term is linked",
        lambda: "layer-norm" in _links(server.get("notes/")),
    )


def test_editing_a_source_by_atomic_replace_rebuilds(server: Server) -> None:
    """Many editors save by writing a temporary file and renaming it over the original."""
    path = server.root / "terms" / "glossary.yml"
    tmp = path.with_name("glossary.yml.tmp")
    tmp.write_text(
        path.read_text(encoding="utf-8")
        + "- term: Weight Decay\n  definition: Shrinks the weights a little each step.\n",
        encoding="utf-8",
    )
    os.replace(tmp, path)
    server.wait_for(
        "the replaced source is read",
        lambda: "weight-decay" in _links(server.get("notes/")),
    )


def test_a_broken_source_reports_and_recovers(server: Server) -> None:
    path = server.root / "terms" / "glossary.yml"
    good = path.read_text(encoding="utf-8")
    errors_before = server.log().count("An error happened during the rebuild")
    _write(path, good + "- term: [unclosed\n")
    server.wait_for(
        "the error is reported",
        lambda: server.log().count("An error happened during the rebuild") > errors_before,
    )
    tail = server.log().split("Detected file changes")[-1]
    # Our PluginError message, naming the file (and line), as MkDocs logs a BuildError.
    assert re.search(r"ERROR\s+-\s+glossary: .*terms/glossary\.yml:\d+", tail), tail
    assert "Traceback" not in tail, "a bad source must give a message, not a traceback"
    assert server.proc.poll() is None, "the server must keep running after a broken edit"

    _write(path, good + "- term: Gradient Clipping\n  definition: Caps the gradient norm.\n")
    _write(server.root / "docs" / "notes.md", PAGE + "\nGradient Clipping is fixed.\n")
    server.wait_for(
        "the fixed source is served without a restart",
        lambda: "gradient-clipping" in _links(server.get("notes/")),
    )
    assert server.proc.poll() is None


# -- the cache itself, through MkDocs' own plugin-instance reuse (fast, in-process) ---------------


def test_rebuilds_reuse_the_glossary_and_repeat_its_warnings(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """MkDocs keeps our instance across config loads (we define ``on_startup``), as in serve."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("A Residual Block.\n", encoding="utf-8")
    source = tmp_path / "glossary.yml"
    source.write_text(OUTSIDE_V1 + "- term: residual block\n  definition: Twice.\n", "utf-8")
    yml = tmp_path / "mkdocs.yml"
    yml.write_text(
        "site_name: t\ntheme: mkdocs\nplugins:\n  - glossary:\n      source: glossary.yml\n",
        encoding="utf-8",
    )

    def rebuild() -> tuple[object, list[logging.LogRecord]]:
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            cfg = load_config(str(yml))
            build(cfg)
        records = [r for r in caplog.records if r.name == "mkdocs.plugins.glossary"]
        return cfg.plugins["glossary"], records

    def loaded(records: list[logging.LogRecord]) -> bool:
        return any("terms loaded from" in r.getMessage() for r in records)

    def duplicate_warnings(records: list[logging.LogRecord]) -> int:
        return sum(
            r.levelno == logging.WARNING and "residual block" in r.getMessage() for r in records
        )

    first, records = rebuild()
    assert loaded(records) and duplicate_warnings(records) == 1
    second, records = rebuild()
    assert second is first, "MkDocs should keep a plugin that defines on_startup"
    assert not loaded(records), "unchanged sources must not be re-read"
    assert duplicate_warnings(records) == 1, "a reused glossary must warn again (--strict)"

    _write(source, OUTSIDE_V1)  # fixed: re-read, no warning
    _, records = rebuild()
    assert loaded(records) and duplicate_warnings(records) == 0

    yml.write_text(  # same file, the format now forced: the option is part of the cache key
        "site_name: t\ntheme: mkdocs\nplugins:\n  - glossary:\n"
        "      source: [{path: glossary.yml, format: data}]\n",
        encoding="utf-8",
    )
    _, records = rebuild()
    assert loaded(records)
