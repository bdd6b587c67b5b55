"""Glossary sources: one module per format; ``load`` reads them all into one ``Glossary``.

Pure Python (no MkDocs import). Unreadable input raises ``SourceError`` carrying the file and line;
problems a build can survive are returned in ``Glossary.problems``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import Glossary

__all__ = ["SourceError", "SourceItem", "load"]

SourceItem = str | Mapping[str, object]


class SourceError(Exception):
    """A glossary source cannot be read. ``str()`` names the file (and line) and how to fix it."""

    def __init__(self, message: str, path: str, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


def load(items: Sequence[SourceItem], config_dir: str) -> Glossary:
    """Read every source (paths relative to ``config_dir``) into one merged glossary."""
    raise NotImplementedError  # filled in by the sources work (issue 2)
