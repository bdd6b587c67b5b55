"""Start-up: a MkDocs build loads only what it uses.

A one-page site pays the import of every module the plugin pulls in, so the modules of the other
hosts (the Python-Markdown and Zensical adapter and what it alone needs) and of the command line
stay unloaded unless ``mkdocs.yml`` asks for them. Built in real ``mkdocs build`` processes, where
these modules are made unimportable: the build must not need them.
"""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLE_GLOSSARY, build, build_log, content_of, glossary_links, html_of

from mkdocs_glossary_plugin.markdown import EXTENSION_NAME
from mkdocs_glossary_plugin.plugin import EXTENSION_MODULE

#: What only another host (plain Python-Markdown, Zensical) or the command line uses.
OTHER_HOSTS = (
    "mkdocs_glossary_plugin.markdown",
    "mkdocs_glossary_plugin.markdown_build",
    "mkdocs_glossary_plugin.bundle",
    "mkdocs_glossary_plugin.zensical_page",
    "mkdocs_glossary_plugin.cli",
)

FILES = {
    "./glossary.yml": SAMPLE_GLOSSARY,
    "index.md": "We train with Stochastic Gradient Descent.",
}
PLUGIN = {"plugins": [{"glossary": {"source": "glossary.yml"}}]}


def _linked(site: Path) -> list[str]:
    return [str(a["data-glossary-term"]) for a in glossary_links(content_of(html_of(site, "")))]


def test_the_plugin_names_the_extension_module_as_the_extension_does() -> None:
    """The plugin recognises the extension by this module name without importing it."""
    assert EXTENSION_MODULE == EXTENSION_NAME


def test_a_build_does_not_need_the_other_hosts_modules(tmp_path: Path) -> None:
    """A MkDocs build with the plugin links, makes its index and tooltips without ever importing
    the other hosts' adapter or the command line (each import of them fails in that process)."""
    site = build(tmp_path, FILES, PLUGIN, in_process=False, without_modules=OTHER_HOSTS)
    assert _linked(site) == ["stochastic-gradient-descent"]
    assert (site / "glossary" / "index.html").is_file()


def test_a_listed_extension_still_stands_down(tmp_path: Path) -> None:
    """When ``markdown_extensions`` lists the extension too (one ``mkdocs.yml`` for both hosts),
    a fresh process still takes it out: every mention is linked once, and the log says so."""
    config = {**PLUGIN, "markdown_extensions": [{EXTENSION_NAME: {"source": "glossary.yml"}}]}
    site = build(tmp_path, FILES, config, in_process=False, quiet=False)
    assert _linked(site) == ["stochastic-gradient-descent"]
    assert content_of(html_of(site, "")).select("a.glossary-term a.glossary-term") == []
    assert any("stands down: the plugin links here" in line for line in build_log(site))
