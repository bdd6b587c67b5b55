"""The glossary as read, kept while no source changed: what makes a serving host's rebuild cheap.

Its one job is deciding whether the sources must be read again. Reading and parsing thousands of
terms costs more than a rebuild's other setup, and most rebuilds of ``mkdocs serve`` follow an
edit of a page, not of the glossary. The cache key is the ``source`` option as written (a
changed ``format`` re-reads) and each file's path, mtime (ns) and size; a missing file is never
cached, so its error is reported at every build. One cache per session, never process-wide.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import codes
from ..model import Glossary, Problem
from . import SourceError, load
from .languages import load_by_language

if TYPE_CHECKING:
    from ..options import Options

__all__ = ["SourceCache", "source_paths"]


def source_paths(source: Sequence[object], config_dir: str) -> list[str]:
    """The files of the ``source`` option, absolute (as ``load`` reads them)."""
    out = []
    for item in source:
        path = item if isinstance(item, str) else str(item["path"])  # type: ignore[index]
        out.append(os.path.normpath(os.path.join(config_dir, path)))
    return out


@dataclass
class SourceCache:
    """The glossaries last read (language -> glossary for a ``source`` language mapping, else
    ``{"": glossary}``) and the key they were read under."""

    read: dict[str, Glossary] = field(default_factory=dict)
    reused: bool = False
    """Whether the last :meth:`load` kept the glossaries read before (no source changed)."""
    _stamp: tuple[object, ...] | None = None

    def load(self, options: Options, config_dir: str) -> dict[str, Glossary]:
        """Read the sources, or reuse the last result when none changed. Raises
        ``SourceError`` (and forgets the last result)."""
        stamp: list[object] | None = [repr(options.source), repr(options.source_languages)]
        for path in source_paths(options.source, config_dir):
            try:
                st = os.stat(path)
            except OSError:
                stamp = None
                break
            assert stamp is not None
            stamp.append((path, st.st_mtime_ns, st.st_size))
        key = tuple(stamp) if stamp is not None else None
        self.reused = bool(self.read) and key is not None and key == self._stamp
        if self.reused:
            return self.read
        try:
            if options.source_languages:
                self.read = load_by_language(options.source_languages, config_dir)
            else:
                self.read = {"": load(options.source, config_dir)}
        except SourceError:
            self._stamp, self.read = None, {}
            raise
        self._stamp = key
        return self.read

    def loaded(self, count: int, paths: Sequence[str], config_dir: str) -> Problem:
        """The INFO line of what was read: each language's count (a language mapping), else
        ``count`` terms, and from which files (relative to ``config_dir``)."""
        counted = [f"{len(g)} terms ({lang})" for lang, g in self.read.items() if lang]
        return Problem(
            (", ".join(counted) if counted else f"{count} terms")
            + " loaded from "
            + ", ".join(os.path.relpath(p, config_dir) for p in paths),
            level="info",
            code=codes.LOADED,
        )

    def release(self) -> None:
        """Forget the glossaries read (the next :meth:`load` reads again)."""
        self.read, self._stamp = {}, None
