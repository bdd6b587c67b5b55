"""The MkDocs plugin: thin hooks that wire the pure pieces together.

Data flows one way: sources -> model -> matcher -> tree linker -> (tooltip payload, usage records)
-> index page. Everything that can be pure lives in the other modules; this file only talks to
MkDocs: it reads the config, logs problems through ``mkdocs.plugins.glossary`` (so ``--strict``
counts them) and hands the extension the current page.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from .config import GlossaryConfig
from .model import Glossary, Problem
from .sources import SourceError, load

__all__ = ["GlossaryPlugin"]

log = get_plugin_logger("glossary")


def log_problem(problem: Problem) -> None:
    """Log a problem found by a pure module; warnings make ``mkdocs build --strict`` fail."""
    if problem.level == "warning":
        log.warning(str(problem))
    else:
        log.info(str(problem))


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    """Links every mention of a glossary term, adds tooltips, and generates an A–Z index page."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.glossary: Glossary | None = None
        self._source_stamp: tuple[tuple[str, float, int], ...] | None = None
        self._source_paths: list[str] = []

    # ``on_startup`` makes MkDocs keep this instance across ``mkdocs serve`` rebuilds, so the parsed
    # glossary is cached and re-read only when a source changes.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.glossary = self._load(config)
        return config

    # -- sources ---------------------------------------------------------------------------------

    def _resolved_paths(self, config_dir: str) -> list[str]:
        out = []
        for item in self.config.source:
            path = item if isinstance(item, str) else str(item["path"])
            out.append(os.path.normpath(os.path.join(config_dir, path)))
        return out

    def _stamp(self, paths: list[str]) -> tuple[tuple[str, float, int], ...] | None:
        stamp = []
        for path in paths:
            try:
                st = os.stat(path)
            except OSError:
                return None
            stamp.append((path, st.st_mtime, st.st_size))
        return tuple(stamp)

    def _load(self, config: MkDocsConfig) -> Glossary:
        """Read the sources, or reuse the last result when no source file changed."""
        config_dir = os.path.dirname(config.config_file_path or "") or os.getcwd()
        paths = self._resolved_paths(config_dir)
        stamp = self._stamp(paths)
        if self.glossary is not None and stamp is not None and stamp == self._source_stamp:
            return self.glossary
        try:
            glossary = load(self.config.source, config_dir)
        except SourceError as exc:
            self._source_stamp = None
            raise PluginError(f"glossary: {exc}") from None
        self._source_stamp = stamp
        self._source_paths = paths
        for problem in glossary.problems:
            log_problem(problem)
        log.info(
            "%d terms loaded from %s",
            len(glossary),
            ", ".join(os.path.relpath(p, config_dir) for p in paths),
        )
        return glossary
