"""The mkdocs-macros integration, against the real mkdocs-macros-plugin (issue 6.2).

Two layers: ``macros.register`` on a real, configured ``MacrosPlugin`` (fast: no site build), and
real site builds with both plugins in ``plugins``, in both orders, with ``--strict`` where a warning
matters. Without mkdocs-macros installed is simulated in a subprocess whose import of it fails.
"""

from __future__ import annotations

import logging
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import Builder, html_of
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from mkdocs_glossary_plugin import macros
from mkdocs_glossary_plugin.model import Glossary, Term

pytest.importorskip("mkdocs_macros", reason="mkdocs-macros-plugin is a test dependency")
from mkdocs_macros.plugin import MacrosPlugin


def _glossary() -> Glossary:
    return Glossary(
        terms=[
            Term(
                name="Stochastic Gradient Descent",
                aliases=("SGD", "확률적 경사하강법"),
                definition="An optimiser.",
            ),
            Term(name="Residual Block", definition="A block with a skip connection."),
            Term(name="a<b", definition="A hostile name."),
        ]
    )


# -- register() on a real, configured MacrosPlugin -----------------------------------------------


def _configured(tmp_path: Path, yml: str = "", main_py: str | None = None) -> MkDocsConfig:
    """A loaded config whose plugins (only ``macros``) have run ``on_config``."""
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    if main_py is not None:
        (tmp_path / "main.py").write_text(textwrap.dedent(main_py), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - macros\n" + textwrap.dedent(yml), encoding="utf-8"
    )
    cfg = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    cfg.plugins.on_config(cfg)
    return cfg


def _macros_plugin(cfg: MkDocsConfig) -> Any:
    (mp,) = macros.macros_plugins(cfg.plugins.values())
    return mp


def _render(mp: Any, cfg: MkDocsConfig, src_uri: str, markdown: str) -> str:
    """Render ``markdown`` as mkdocs-macros does for the page ``src_uri``."""
    file = File(src_uri, cfg.docs_dir, cfg.site_dir, cfg.use_directory_urls)
    page = Page(None, file, cfg)
    page.meta = {}
    page.title = "A page"  # MkDocs sets it while reading the source; mkdocs-macros reads it
    out = mp.on_page_markdown(markdown, page=page, config=cfg, files=None)
    assert isinstance(out, str)
    return out


class _Recorder:
    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.used: list[tuple[str, str]] = []

    def warn(self, msg: str) -> None:
        self.warnings.append(msg)

    def use(self, src_uri: str, term_id: str) -> None:
        self.used.append((src_uri, term_id))


def _register(cfg: MkDocsConfig, rec: _Recorder, glossary: Glossary | None = None) -> int:
    g = glossary or _glossary()
    return macros.register(
        cfg.plugins.values(),
        glossary=lambda: g,
        href=lambda term, page_url: f"HREF[{page_url}]#{term.id}",
        warn=rec.warn,
        used=rec.use,
    )


def test_registers_term_macro_and_glossary_variable(tmp_path: Path) -> None:
    cfg = _configured(tmp_path)
    rec = _Recorder()
    assert _register(cfg, rec) == 1
    mp = _macros_plugin(cfg)
    assert isinstance(mp.macros["term"], macros.TermMacro)
    assert "term" in mp.env.globals
    assert isinstance(mp.variables["glossary"], Glossary)
    out = _render(mp, cfg, "guide/page.md", "Use {{ term('SGD') }} and {{ term('sgd', 'this') }}.")
    soup = BeautifulSoup(out, "html.parser")
    links = soup.find_all("a", class_="glossary-term")
    assert [a.get_text() for a in links] == ["SGD", "this"]
    assert links[0]["data-glossary-term"] == "stochastic-gradient-descent"
    # The href is made for the page mkdocs-macros is rendering (guide/page/ with directory URLs).
    assert links[0]["href"] == "HREF[guide/page/]#stochastic-gradient-descent"
    assert rec.warnings == []
    assert rec.used == [("guide/page.md", "stochastic-gradient-descent")] * 2


def test_term_by_id_alias_in_korean_and_escaping(tmp_path: Path) -> None:
    cfg = _configured(tmp_path)
    rec = _Recorder()
    _register(cfg, rec)
    mp = _macros_plugin(cfg)
    out = _render(
        mp,
        cfg,
        "index.md",
        "{{ term('확률적 경사하강법') }} {{ term('residual-block') }} {{ term('a<b') }}",
    )
    soup = BeautifulSoup(out, "html.parser")
    got = [(a["data-glossary-term"], a.get_text()) for a in soup.find_all("a")]
    assert got == [
        ("stochastic-gradient-descent", "확률적 경사하강법"),
        ("residual-block", "residual-block"),
        ("a-b", "a<b"),
    ]
    assert "a&lt;b</a>" in out  # the text cannot open a tag
    assert rec.warnings == []


def test_unknown_term_warns_naming_the_page_and_renders_text(tmp_path: Path) -> None:
    cfg = _configured(tmp_path)
    rec = _Recorder()
    _register(cfg, rec)
    mp = _macros_plugin(cfg)
    out = _render(mp, cfg, "notes/todo.md", "See {{ term('Residual Blok', 'the block') }}.")
    assert out == "See the block."
    assert len(rec.warnings) == 1
    assert rec.warnings[0].startswith("notes/todo.md: term('Residual Blok')")
    assert "did you mean 'Residual Block'" in rec.warnings[0]
    assert rec.used == []


def test_user_term_macro_and_glossary_variable_win_with_a_warning(tmp_path: Path) -> None:
    main_py = """
        def define_env(env):
            @env.macro
            def term(name):
                return "USER:" + name
    """
    cfg = _configured(tmp_path, "extra:\n  glossary: mine\n", main_py=main_py)
    rec = _Recorder()
    _register(cfg, rec)  # must not raise KeyError
    mp = _macros_plugin(cfg)
    assert mp.variables["glossary"] == "mine"
    assert _render(mp, cfg, "index.md", "{{ term('SGD') }} {{ glossary }}") == "USER:SGD mine"
    assert len(rec.warnings) == 2
    assert "macro named 'term'" in rec.warnings[0]
    assert "variable named 'glossary'" in rec.warnings[1]


def test_second_registration_in_the_same_process_does_not_raise(tmp_path: Path) -> None:
    """The class-level registry of mkdocs-macros is never cleared: two builds in one process."""
    for n in range(2):
        site = tmp_path / str(n)
        site.mkdir()
        cfg = _configured(site)
        rec = _Recorder()
        _register(cfg, rec)
        _register(cfg, rec)  # twice in one build: the second sees ours and adds nothing
        assert rec.warnings == []
        mp = _macros_plugin(cfg)
        assert isinstance(mp.macros["term"], macros.TermMacro)
    # Nothing of ours went into mkdocs-macros' class-level (never cleared) registry.
    assert "term" not in MacrosPlugin._add_macros
    assert "glossary" not in MacrosPlugin._add_variables


def test_glossary_variable_supports_custom_tables(tmp_path: Path) -> None:
    cfg = _configured(tmp_path)
    _register(cfg, _Recorder())
    mp = _macros_plugin(cfg)
    out = _render(
        mp,
        cfg,
        "index.md",
        "{% for t in glossary.sorted_terms() %}|{{ t.display_name }}|{{ t.aliases|join(', ') }}|\n"
        "{% endfor %}{{ glossary|length }}",
    )
    assert out.splitlines() == [
        "|a<b||",
        "|Residual Block||",
        "|Stochastic Gradient Descent|SGD, 확률적 경사하강법|",
        "3",
    ]


def test_no_macros_plugin_configured_registers_nothing(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    cfg = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    assert _register(cfg, _Recorder()) == 0


# -- real site builds ----------------------------------------------------------------------------

GLOSSARY_YML = """\
- term: Stochastic Gradient Descent
  aliases: [SGD, 확률적 경사하강법]
  definition: An optimiser that follows a noisy gradient.
- term: Residual Block
  definition: A block whose input is added to its output.
"""

HOME = """\
# {{ term('SGD') }} basics

SGD is great. Stochastic Gradient Descent again, explicitly: {{ term('SGD', 'this optimiser') }}.

Written by a macro: {{ 'Residual' ~ ' Block' }}.

Inline code: `{{ term('SGD') }}`.
"""

DEEP = """\
# Deep page

Only explicit links: {{ term('확률적 경사하강법') }};
{{ term('residual-block', 'blocks') }}.
"""


def _site(
    build_site: Builder,
    order: str,
    pages: dict[str, str],
    strict: bool = False,
    after_build: Callable[[MkDocsConfig], None] | None = None,
) -> Path:
    glossary = {"glossary": {"source": "glossary.yml"}}
    plugins = [glossary, "macros"] if order == "glossary-first" else ["macros", glossary]
    return build_site(
        {"./glossary.yml": GLOSSARY_YML, **pages},
        {"site_name": "t", "plugins": plugins},
        theme="mkdocs",
        strict=strict,
        after_build=after_build,
    )


@pytest.mark.slow
@pytest.mark.parametrize("order", ["glossary-first", "macros-first"])
def test_site_with_macros_in_either_order(build_site: Builder, order: str) -> None:
    usage: dict[str, list[str]] = {}

    def keep_usage(cfg: MkDocsConfig) -> None:
        usage.update(cfg.plugins["glossary"].session.state.usage)

    pages = {"index.md": HOME, "sub/deep/page.md": DEEP}
    site = _site(build_site, order, pages, strict=True, after_build=keep_usage)  # no warning

    home = html_of(site, "index.html")
    content = home.select_one("div[role=main]") or home
    h1 = content.find("h1")
    assert h1 is not None
    (a,) = h1.select("a.glossary-term")  # explicit links work in headings
    assert (a["href"], a["data-glossary-term"], a.get_text()) == (
        "glossary/#stochastic-gradient-descent",
        "stochastic-gradient-descent",
        "SGD",
    )
    # The heading's id and TOC entry come from its text, without our markup.
    assert h1.get("id") == "sgd-basics"
    toc = [a.get_text(strip=True) for a in home.select('a[href="#sgd-basics"]')]
    assert "SGD basics" in toc
    links = [(a["data-glossary-term"], a.get_text()) for a in content.select("p a.glossary-term")]
    assert links == [
        ("stochastic-gradient-descent", "SGD"),  # the first mention in prose, auto-linked
        ("stochastic-gradient-descent", "this optimiser"),  # explicit, after the first mention
        ("residual-block", "Residual Block"),  # written by a macro, auto-linked
    ]
    codes = content.find_all("code")
    assert codes, "the page has code to check"
    for code in codes:
        assert code.find("a") is None, code

    deep = html_of(site, "sub/deep/page/index.html")
    got = [(a["href"], a.get_text()) for a in deep.select("p a.glossary-term")]
    assert got == [
        ("../../../glossary/#stochastic-gradient-descent", "확률적 경사하강법"),
        ("../../../glossary/#residual-block", "blocks"),
    ]
    # Explicit links count as mentions: the page carries their tooltips, the index backlinks.
    summaries = {str(e["data-glossary-term"]) for e in deep.select("[data-glossary-summary]")}
    assert summaries == {"stochastic-gradient-descent", "residual-block"}
    assert usage["sub/deep/page.md"] == [
        "stochastic-gradient-descent",
        "residual-block",
    ]
    index = html_of(site, "glossary/index.html")
    entry = index.find("h3", id="residual-block")
    assert entry is not None
    backlinks: list[str] = []
    for sib in entry.find_next_siblings():
        if sib.name in ("h2", "h3"):
            break
        backlinks += [a.get_text() for a in sib.select(".glossary-backlinks a")]
        if "glossary-backlinks" in (sib.get("class") or []):
            backlinks += [a.get_text() for a in sib.find_all("a")]
    assert "Deep page" in backlinks  # only term() mentions it there


@pytest.mark.slow
def test_unknown_term_fails_strict_naming_the_page(
    build_site: Builder, caplog: pytest.LogCaptureFixture
) -> None:
    pages = {"index.md": "# Home\n", "notes/typo.md": "A {{ term('Residual Blok') }}.\n"}
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        _site(build_site, "macros-first", pages, strict=True)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert [r.name for r in warnings] == ["mkdocs.plugins.glossary"]
    assert "notes/typo.md: term('Residual Blok')" in warnings[0].getMessage()


@pytest.mark.slow
def test_builds_and_links_without_mkdocs_macros_installed(build_site: Builder) -> None:
    """Simulate a machine without mkdocs-macros: its import fails inside the build process."""
    files = {"./glossary.yml": GLOSSARY_YML, "index.md": "# Home\n\nSGD, {{ term('SGD') }}.\n"}
    config = {"site_name": "t", "plugins": [{"glossary": {"source": "glossary.yml"}}]}
    site = build_site(  # raises if the build fails
        files,
        config,
        theme="mkdocs",
        strict=True,
        in_process=False,
        quiet=False,
        without_modules=("mkdocs_macros",),
    )
    soup = html_of(site, "index.html")
    (a,) = soup.select("a.glossary-term")
    assert (a["data-glossary-term"], a.get_text()) == ("stochastic-gradient-descent", "SGD")
    assert "{{ term('SGD') }}" in soup.get_text()  # no macros: the call stays text
