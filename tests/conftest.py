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
record of the build is saved next to it; read it with ``build_log(site)`` (or
``build_warnings(site)`` for the warnings and errors of an in-process build).

Every test builds its sites with this one helper: what differs between builds (a raw ``mkdocs.yml``
text, the ProperDocs command line, a machine without some module, a look at the plugins before
shutdown) is an option of ``build``, not another builder. Test modules never import each other:
what several of them share lives here (building and reading sites, the sample glossary, the
Markdown extensions) or in ``markdown_documents.py`` (the generated documents of the property
tests), which are not test modules.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

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


#: A small glossary (YAML) for site tests: a two-word term, a term with an alias, a one-word term.
SAMPLE_GLOSSARY = """\
- term: Residual Block
  definition: A block whose input is added to its output, so the block learns a residual.
- term: Stochastic Gradient Descent
  aliases: [SGD]
  definition: An optimiser that follows the gradient of a random mini-batch.
- term: Dropout
  definition: Randomly zeroes activations while training.
"""

#: The Markdown extensions of a rich Material site (our docs site's and the benchmark's, and more),
#: in ``mkdocs.yml`` form (a name, or a mapping of one name to its options): the one list for tests
#: that build or render with "the usual extensions". It holds each block kind a page or a
#: definition may hold (admonitions, tabs, details, tables, footnotes, definition lists, task
#: lists, math, ``md_in_html``), the inline syntaxes that rewrite text (smart quotes and symbols,
#: mark, insert, delete, keys) and the extensions that keep state per document (toc ids, tab ids,
#: line anchors, footnotes, abbreviations). ``markdown_options()`` gives it in Python-Markdown's
#: form. A test that needs another set lists only the extensions its promise is about.
MARKDOWN_EXTENSIONS: list[Any] = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "smarty",
    "tables",
    {"toc": {"permalink": True}},
    {"pymdownx.arithmatex": {"generic": True}},
    "pymdownx.betterem",
    "pymdownx.caret",
    "pymdownx.details",
    {"pymdownx.highlight": {"anchor_linenums": True}},
    "pymdownx.inlinehilite",
    "pymdownx.keys",
    "pymdownx.mark",
    "pymdownx.smartsymbols",
    "pymdownx.superfences",
    {"pymdownx.tabbed": {"alternate_style": True}},
    "pymdownx.tasklist",
    "pymdownx.tilde",
]


def markdown_options(
    extensions: list[Any] | None = None,
) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """``(names, configs)`` for ``markdown.Markdown(extensions=..., extension_configs=...)`` from
    a list in ``mkdocs.yml`` form (``MARKDOWN_EXTENSIONS`` unless given)."""
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for item in MARKDOWN_EXTENSIONS if extensions is None else extensions:
        if isinstance(item, dict):
            ((name, options),) = item.items()
            names.append(name)
            configs[name] = dict(options)
        else:
            names.append(item)
    return names, configs


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []
        self.records: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        self.lines.append(f"{record.levelname} {record.name}: {message}")
        self.records.append({"levelno": record.levelno, "name": record.name, "message": message})


def build(
    project: Path,
    files: Mapping[str, str | bytes],
    config: dict[str, Any] | str | None = None,
    *,
    strict: bool = False,
    use_directory_urls: bool | None = None,
    theme: str | dict[str, Any] | None = "material",
    in_process: bool = True,
    after_build: Callable[[Any], None] | None = None,
    cli: str = "mkdocs",
    quiet: bool = True,
    without_modules: tuple[str, ...] = (),
    clean: bool = True,
) -> Path:
    """Write a project into ``project`` and build it; return the site folder.

    ``files``: ``{"index.md": "...", "sub/page.md": "..."}`` go under ``docs/``; a key starting
    with ``./`` is relative to the project folder (``./glossary.yml``); ``bytes`` are written as
    they are, text is dedented when it starts with a newline. ``config`` is the
    ``mkdocs.yml`` content; ``site_name``, ``theme`` and ``docs_dir`` get defaults. A string
    ``config`` is written as it is (for YAML tags such as ``!!python/name``, which a dict cannot
    carry), without defaults. A failing build raises (``SystemExit``/``Abort`` from MkDocs
    in-process, ``CalledProcessError`` otherwise); the log is saved either way.

    In-process only: ``after_build(config)`` runs after the build and before the plugins' shutdown,
    to look at a plugin's state. Subprocess only (``in_process=False``): ``cli`` is the command
    (``mkdocs``; ``properdocs``, whose config file is then ``properdocs.yml``; or ``zensical``,
    which reads ``mkdocs.yml``, or a ``./zensical.toml`` of ``files`` when ``config`` is None,
    and builds with ``--clean`` unless ``clean=False``, which keeps Zensical's page cache as a
    second build of a user's does); ``quiet=False``
    keeps the INFO lines, as a user sees them; ``without_modules`` makes each import of these
    modules fail in the build's process, as on a machine where they are not installed.
    """
    if in_process and (cli != "mkdocs" or without_modules or not quiet):
        raise ValueError("cli, quiet and without_modules are options of subprocess builds")
    if not in_process and after_build is not None:
        raise ValueError("after_build needs an in-process build")
    project.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        target = project / rel[2:] if rel.startswith("./") else project / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(textwrap.dedent(text) if text.startswith("\n") else text, "utf-8")
    (project / "docs").mkdir(exist_ok=True)
    config_file = project / ("mkdocs.yml" if cli == "zensical" else f"{cli}.yml")
    if cli == "zensical" and config is None and "./zensical.toml" in files:
        config_file = project / "zensical.toml"  # written with the files: Zensical's own format
    elif isinstance(config, str):
        config_file.write_text(config, "utf-8")
    else:
        cfg: dict[str, Any] = {"site_name": "Test site"}
        if theme is not None:
            cfg["theme"] = {"name": theme} if isinstance(theme, str) else theme
        cfg.update(config or {})
        if use_directory_urls is not None:
            cfg["use_directory_urls"] = use_directory_urls
        config_file.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), "utf-8")
    site = project / "site"
    log_file = project / "build.log"
    if in_process:
        _build_in_process(config_file, site, strict, log_file, after_build)
    else:
        args = ["build", "-f", str(config_file)]
        if cli == "zensical":  # no -d (its site_dir is ``site``) and no -q
            args += ["--clean"] if clean else []
        else:
            args += ["-d", str(site), *(["-q"] if quiet else [])]
        args += ["--strict"] if strict else []
        _build_in_subprocess(project, cli, args, without_modules, log_file)
    return site


def build_result(
    project: Path,
    files: Mapping[str, str | bytes],
    config: dict[str, Any] | str | None = None,
    **kw: Any,
) -> tuple[int, str]:
    """A build in its own process, as a user runs it (INFO lines shown), that may fail: its exit
    code and output (stdout, then stderr). Options as for ``build``."""
    try:
        build(project, files, config, in_process=False, quiet=False, **kw)
    except subprocess.CalledProcessError as error:
        return error.returncode, (project / "build.log").read_text("utf-8")
    return 0, (project / "build.log").read_text("utf-8")


#: Run ``python -m <cli> <args>`` with some modules made unimportable first (``sys.modules[name] =
#: None`` makes every later import of ``name`` raise ``ImportError``).
_RUN_WITHOUT = """\
import importlib, runpy, sys
cli, hidden, args = sys.argv[1], sys.argv[2].split(","), sys.argv[3:]
for name in hidden:
    sys.modules[name] = None
    try:
        importlib.import_module(name)
    except ImportError:
        pass
    else:
        raise AssertionError(f"the import of {name} should fail")
sys.argv = [cli, *args]
runpy.run_module(cli, run_name="__main__", alter_sys=True)
"""


def _build_in_subprocess(
    project: Path, cli: str, args: list[str], without: tuple[str, ...], log_file: Path
) -> None:
    if without:
        cmd = [sys.executable, "-c", _RUN_WITHOUT, cli, ",".join(without), *args]
    else:
        cmd = [sys.executable, "-m", cli, *args]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=project, timeout=300)
    log_file.write_text(proc.stdout + proc.stderr, "utf-8")
    proc.check_returncode()


def _build_in_process(
    config_file: Path,
    site: Path,
    strict: bool,
    log_file: Path,
    after_build: Callable[[Any], None] | None,
) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    cwd = os.getcwd()
    try:
        # Relative paths of other plugins and extensions (the blog's, snippets' base_path) are
        # read against the working directory, as when a user runs ``mkdocs build`` there.
        os.chdir(config_file.parent)
        cfg = load_config(str(config_file), site_dir=str(site), strict=strict)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(cfg)
            if after_build is not None:
                after_build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    finally:
        os.chdir(cwd)
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        log_file.write_text("\n".join(handler.lines) + "\n", "utf-8")
        records = json.dumps(handler.records, ensure_ascii=False)
        log_file.with_suffix(".json").write_text(records, "utf-8")


def build_log(site: Path) -> list[str]:
    """The log lines (``LEVEL logger: message``) of the build that made ``site``."""
    return (site.parent / "build.log").read_text("utf-8").splitlines()


def build_warnings(site: Path) -> list[tuple[str, str]]:
    """``(logger name, message)`` of each WARNING or ERROR record of the in-process build that made
    ``site`` (a message of several lines stays one)."""
    records = json.loads((site.parent / "build.json").read_text("utf-8"))
    return [(r["name"], r["message"]) for r in records if r["levelno"] >= logging.WARNING]


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


def resolve_link(site: Path, page: str, href: str) -> tuple[Path, str]:
    """The file and fragment a relative ``href`` on the page file ``page`` points to."""
    path, _, fragment = href.partition("#")
    if not path:  # a fragment of the very page (a file URL too: ``glossary.html``)
        return site / page, fragment
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path)))
    file = site / target
    if file.is_dir() or href.startswith("#") or path.endswith("/"):
        file = file / "index.html" if file.is_dir() else site / page
    return file, fragment


def broken_glossary_links(site: Path) -> tuple[int, list[str]]:
    """(number of our links in the site, those whose target file or entry id is missing). Every
    link must be relative, so the site works from any folder or host."""
    ids: dict[Path, set[str]] = {}
    count, broken = 0, []
    for html_file in sorted(site.rglob("*.html")):
        page = str(html_file.relative_to(site))
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select("a.glossary-term"):
            count += 1
            href = str(a.get("href", ""))
            assert not re.match(r"^[a-z]+:|^/", href), f"{page}: not a relative link: {href}"
            file, fragment = resolve_link(site, page, href)
            if file not in ids:
                ids[file] = set()
                if file.is_file():
                    target = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
                    ids[file] = {str(e["id"]) for e in target.select("[id]")}
            if fragment != a.get("data-glossary-term") or fragment not in ids[file]:
                broken.append(f"{page}: {a.get_text()!r} -> {href}")
    return count, broken


def site_pages(site: Path) -> list[str]:
    """Every HTML file of the site, relative to it, sorted (``blog/index.html``)."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))


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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright, one per test module (skipped with a reason
    without Chromium, failing under ``CI=true``)."""
    from browser_support import launch, require_browser

    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


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
