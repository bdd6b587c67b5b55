"""Helpers for the browser tests: Debian's Chromium through Playwright, and a local HTTP server.

The browser tests need ``/usr/bin/chromium`` and the ``playwright`` package (no downloaded
browser build). Without them the tests are skipped with the reason, except under ``CI=true``,
where a missing browser is a failure: CI installs it (``.ci/run``).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("GLOSSARY_TEST_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def require_browser() -> None:
    """Skip (or fail under ``CI=true``) when Chromium or Playwright is missing."""
    reason = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "the playwright Python package is not installed (pip install -e '.[test]')"
    if reason is None and not (os.path.isfile(CHROMIUM) or shutil.which(CHROMIUM)):
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless, without the background traffic it would otherwise make."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)


def screenshot_on_failure(page: Any, name: str) -> Path | None:
    """Save a screenshot to ``test-artifacts/`` (best effort; returns its path)."""
    try:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=False)
        return path
    except Exception:  # the page may be gone; the test's own failure is what matters
        return None


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2.x relative luminance of an sRGB colour (0-255 channels)."""

    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: tuple[float, float, float], bg: tuple[float, float, float]) -> float:
    """WCAG contrast ratio of two opaque colours."""
    hi, lo = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def blend(
    fg: tuple[float, float, float, float], bg: tuple[float, float, float]
) -> tuple[float, float, float]:
    """``fg`` with alpha composited over the opaque ``bg``."""
    a = fg[3]
    return (
        fg[0] * a + bg[0] * (1 - a),
        fg[1] * a + bg[1] * (1 - a),
        fg[2] * a + bg[2] * (1 - a),
    )


def assert_popup_readable(page: Any, scheme: str) -> None:
    """The open popup on ``page`` under the palette ``scheme`` (``default``/``slate``): its
    background is opaque, dark when the page's is dark (the palette really switched, and the
    popup with it), and its name and body have a contrast of at least 4.5:1 (WCAG AA)."""
    colours = page.evaluate(
        """() => {
        const num = c => c.match(/[\\d.]+/g).map(Number);
        const pop = document.querySelector('.glossary-popup');
        const s = e => getComputedStyle(e);
        return {
          bg: num(s(pop).backgroundColor),
          page: num(s(document.body).backgroundColor),
          name: num(s(pop.querySelector('.glossary-popup__name')).color),
          body: num(s(pop.querySelector('.glossary-popup__body')).color),
        };
    }"""
    )
    bg = colours["bg"]
    assert len(bg) == 3 or bg[3] == 1, f"popup background must be opaque: {bg}"
    if scheme == "slate":
        assert sum(bg[:3]) < 200 and sum(colours["page"][:3]) < 200, colours
    for key in ("name", "body"):
        fg = colours[key] if len(colours[key]) == 4 else [*colours[key], 1]
        ratio = contrast_ratio(blend(tuple(fg), tuple(bg[:3])), tuple(bg[:3]))
        assert ratio >= 4.5, f"{scheme} {key}: {ratio:.2f}"
