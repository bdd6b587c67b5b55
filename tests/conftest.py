"""Shared test helpers: build a real MkDocs site in ``tmp_path`` and read its HTML.

Use the fixtures (``build_site``, ``html_of``) in tests; module-scoped fixtures can depend on the
session-scoped ``site_builder`` to reuse one built site across many tests (builds are the slow
part: keep sites small and build each once).

    def test_x(build_site, html_of):
        site = build_site(files={"index.md": "ResNet"}, config={"plugins": [...]})
        soup = html_of(site, "")          # the page whose URL is "" (the home page)
        links = soup.select("a.glossary-term")

``build_site`` writes ``mkdocs.yml`` (theme ``material`` unless given) and the files (under
``docs/``; a key starting with ``./`` is relative to the project folder), runs a real build
in-process (or in a subprocess with ``in_process=False``), and returns the site folder. Every log
record of the build is saved next to it; read it with ``build_log(site)``.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, settings

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# -- hypothesis profiles -------------------------------------------------------------------------
# ``ci`` (chosen when CI=true): derandomised, so a failure in CI reproduces on any machine with the
# same code, and no example database (CI machines start empty). ``dev`` (the default): random, as
# many examples as ``ci``, failures remembered in the local database. ``long``
# (HYPOTHESIS_PROFILE=long): twenty times the examples, for a thorough local run. HYPOTHESIS_PROFILE
# names a profile explicitly and wins over CI. Tests that set no ``max_examples`` get the profile's;
# tests whose examples are costly (site builds) scale theirs with ``examples(n)``.
_BASE_EXAMPLES = 100
settings.register_profile(
    "ci",
    max_examples=_BASE_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev", max_examples=_BASE_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long",
    max_examples=20 * _BASE_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev")
)


def examples(n: int) -> int:
    """``n`` examples under ``ci``/``dev``, scaled like the profile's ``max_examples`` (``long``:
    twenty times as many), for tests that set their own count because each example is costly."""
    return max(1, n * settings.default.max_examples // _BASE_EXAMPLES)


SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_61ca8ec2bf5f38d6.txt"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} {record.name}: {record.getMessage()}")


def build(
    project: Path,
    files: dict[str, str],
    config: dict[str, Any] | None = None,
    *,
    strict: bool = False,
    use_directory_urls: bool | None = None,
    theme: str | dict[str, Any] | None = "material",
    in_process: bool = True,
) -> Path:
    """Write a project into ``project`` and build it; return the site folder.

    ``files``: ``{"index.md": "...", "sub/page.md": "..."}`` go under ``docs/``; a key starting
    with ``./`` is relative to the project folder (``./glossary.yml``). ``config`` is the
    ``mkdocs.yml`` content; ``site_name``, ``theme`` and ``docs_dir`` get defaults. A failing build
    raises (``SystemExit``/``Abort`` from MkDocs in-process, ``CalledProcessError`` otherwise); the
    log is saved either way.
    """
    project.mkdir(parents=True, exist_ok=True)
    cfg: dict[str, Any] = {"site_name": "Test site"}
    if theme is not None:
        cfg["theme"] = {"name": theme} if isinstance(theme, str) else theme
    cfg.update(config or {})
    if use_directory_urls is not None:
        cfg["use_directory_urls"] = use_directory_urls
    for rel, text in files.items():
        target = project / rel[2:] if rel.startswith("./") else project / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text) if text.startswith("\n") else text, "utf-8")
    (project / "docs").mkdir(exist_ok=True)
    config_file = project / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), "utf-8")
    site = project / "site"
    log_file = project / "build.log"
    if in_process:
        _build_in_process(config_file, site, strict, log_file)
    else:
        cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)]
        cmd += ["-d", str(site)] + (["--strict"] if strict else [])
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=project)
        log_file.write_text(proc.stdout + proc.stderr, "utf-8")
        proc.check_returncode()
    return site


def _build_in_process(config_file: Path, site: Path, strict: bool, log_file: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    cwd = os.getcwd()
    try:
        os.chdir(config_file.parent)
        cfg = load_config(str(config_file), site_dir=str(site), strict=strict)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    finally:
        os.chdir(cwd)
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        log_file.write_text("\n".join(handler.lines) + "\n", "utf-8")


def build_log(site: Path) -> list[str]:
    """The log lines (``LEVEL logger: message``) of the build that made ``site``."""
    return (site.parent / "build.log").read_text("utf-8").splitlines()


def page_file(site: Path, url: str) -> Path:
    """The HTML file of the page with this URL (``""``, ``a/b/`` or ``a/b.html``)."""
    if url == "" or url.endswith("/"):
        return site / url / "index.html"
    return site / url


def html_of(site: Path, url: str) -> BeautifulSoup:
    """The parsed HTML of the page with this URL."""
    return BeautifulSoup(page_file(site, url).read_text("utf-8"), "html.parser")


def content_of(soup: BeautifulSoup) -> Tag:
    """The page's main content: Material's ``article``, else the theme's ``role=main`` element."""
    for selector in ("article.md-content__inner", "article", "[role=main]", "main", "body"):
        found = soup.select_one(selector)
        if found is not None:
            return found
    raise AssertionError("no content element in page")


def glossary_links(root: Tag | BeautifulSoup) -> list[Tag]:
    """Our links (``a.glossary-term``) under ``root``, in document order."""
    return list(root.select("a.glossary-term"))


def unwrap_glossary_links(root: Tag | BeautifulSoup) -> None:
    """Replace each of our links by its text, in place (for comparing with a control build)."""
    for a in root.select("a.glossary-term"):
        a.unwrap()


# -- fixtures -------------------------------------------------------------------------------------

Builder = Callable[..., Path]


@pytest.fixture(scope="session")
def site_builder(tmp_path_factory: pytest.TempPathFactory) -> Builder:
    """``site_builder(files, config=None, **options) -> site``; usable from module fixtures."""

    def make(files: dict[str, str], config: dict[str, Any] | None = None, **kw: Any) -> Path:
        return build(tmp_path_factory.mktemp("site"), files, config, **kw)

    return make


@pytest.fixture
def build_site(tmp_path: Path) -> Iterator[Builder]:
    """``build_site(files, config=None, **options) -> site`` in this test's ``tmp_path``."""
    count = 0

    def make(files: dict[str, str], config: dict[str, Any] | None = None, **kw: Any) -> Path:
        nonlocal count
        count += 1
        return build(tmp_path / f"project{count}", files, config, **kw)

    yield make


@pytest.fixture(name="html_of")
def html_of_fixture() -> Callable[[Path, str], BeautifulSoup]:
    return html_of


@pytest.fixture
def seed_path() -> Path:
    """The real seed glossary; skipped when ../shared is missing, failing under ``CI=true``."""
    if not SEED.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed glossary missing: {SEED}")
        pytest.skip(f"seed glossary not found at {SEED} (needs ../shared)")
    return SEED
