"""The plugin's build session lets go of its big structures when MkDocs shuts down.

Why it matters: a 10,000-term glossary and its compiled matcher are some 100,000 objects. Held by
the plugin (and by the Markdown extension left in the configuration) until the process exits,
they are walked by every full collection Python runs while it shuts down, which made the exit of
a large build about 0.4 s slower. Released in ``on_shutdown``, they are freed by reference
counting at once: these tests check that with the collector off, so nothing but reference
counting can free them.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from mkdocs_glossary_plugin.extension import GlossaryExtension
from mkdocs_glossary_plugin.plugin import GlossaryPlugin

GLOSSARY = """\
- term: Residual Block
  aliases: [잔차 블록]
  definition: A block whose input is added to its output.
- term: Batch Normalization
  definition: Normalizes activations over a batch.
"""


def _project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        "# Home\n\nA Residual Block uses Batch Normalization. 잔차 블록을 쌓는다.\n", "utf-8"
    )
    (tmp_path / "glossary.yml").write_text(GLOSSARY, "utf-8")
    config = {
        "site_name": "Shutdown",
        "theme": {"name": "material"},
        "plugins": ["search", {"glossary": {"source": "glossary.yml"}}],
    }
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), "utf-8")
    return path


def _built(config_file: Path, command: str) -> MkDocsConfig:
    """Load the configuration, start the plugins for ``command`` and build once."""
    cfg = load_config(str(config_file), site_dir=str(config_file.parent / "site"))
    cfg.plugins.on_startup(command=command, dirty=False)
    mkdocs_build(cfg)
    return cfg


def test_glossary_and_matcher_are_freed_at_shutdown_by_reference_counting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file = _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    gc.collect()
    gc.disable()
    try:
        cfg = _built(config_file, "build")
        plugin = cfg.plugins["glossary"]
        assert isinstance(plugin, GlossaryPlugin)
        session = plugin.session
        assert session.glossary is not None and session.state is not None
        assert session.state.links_made == 2  # the build did link (`link: first`)
        term = weakref.ref(session.glossary.terms[0])
        matcher = weakref.ref(session.state.matcher)
        state = session.state
        cfg.plugins.on_shutdown()
        # The configuration (and the extension in it) is still alive, the collector is off.
        assert any(isinstance(ext, GlossaryExtension) for ext in cfg.markdown_extensions)
        assert term() is None, "a Term outlived on_shutdown: something still holds the glossary"
        assert matcher() is None, "the compiled matcher outlived on_shutdown"
        assert session.glossary is None and session.state is None
        assert state.matcher is None and not state.usage and not state.glossary.terms
    finally:
        gc.enable()


def test_serve_rebuilds_keep_the_glossary_until_shutdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``mkdocs serve`` calls ``on_shutdown`` only when it stops: between rebuilds the parsed
    glossary and the matcher are kept (and reused while the sources are unchanged)."""
    config_file = _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    first = _built(config_file, "serve")
    plugin = first.plugins["glossary"]
    assert isinstance(plugin, GlossaryPlugin)
    session = plugin.session
    glossary, matcher = session.glossary, session.state.matcher if session.state else None
    # A rebuild: MkDocs reloads the configuration and keeps the plugin instance.
    second = load_config(str(config_file), site_dir=str(tmp_path / "site"))
    second.plugins["glossary"] = plugin
    mkdocs_build(second)
    assert session.glossary is glossary
    assert session.state is not None and session.state.matcher is matcher
    second.plugins.on_shutdown()
    assert session.glossary is None and session.state is None
