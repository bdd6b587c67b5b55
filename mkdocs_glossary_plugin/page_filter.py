"""Which pages the linker works on: the ``exclude`` patterns and the ``glossary`` front matter key.

Its one job is that yes/no, decided the same way for every host (the MkDocs plugin, the Zensical
adapter, the command line): a page left out keeps its text unlinked, and its mentions are not
counted. The patterns are gitignore patterns (``pathspec``), compiled once per build.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pathspec.gitignore

__all__ = ["PageFilter"]

_FALSE = frozenset({"false", "no", "off", "0"})


@dataclass(frozen=True)
class PageFilter:
    """The ``exclude`` patterns of a build, compiled (None: no pattern)."""

    exclude: pathspec.gitignore.GitIgnoreSpec | None = None

    @classmethod
    def make(cls, patterns: Sequence[str]) -> PageFilter:
        """The filter of the ``exclude`` option's patterns."""
        return cls(pathspec.gitignore.GitIgnoreSpec.from_lines(patterns) if patterns else None)

    def enabled(self, src_uri: str, meta: Mapping[str, Any]) -> bool:
        """False on pages with front matter ``glossary: false`` or matched by ``exclude``.

        Front matter read by PyYAML's safe loader (YAML 1.1) turns unquoted ``false``, ``no``
        and ``off`` (any case) into ``False`` and ``0`` into the integer 0; quoted, they are
        strings, compared case-insensitively. ``isinstance(flag, int)`` covers ``False`` too (a
        bool is an int); ``true``, ``1``, ``"yes"`` or a list leave the page in.
        """
        flag = meta.get("glossary", True)
        if (isinstance(flag, int) and flag == 0) or (
            isinstance(flag, str) and flag.strip().lower() in _FALSE
        ):
            return False
        return not (self.exclude is not None and self.exclude.match_file(src_uri))
