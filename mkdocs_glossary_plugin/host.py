"""What a host tells the core about its site, and the one error that stops a build.

Its one job is the boundary between a host and the core: :class:`Site` is the plain data a host
adapter (MkDocs, Zensical, the command line) makes from its own configuration, so nothing in the
core holds a host object; :class:`BuildError` is what the core raises when the build cannot go
on, for the host to report in its own way. ``session`` re-exports both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["BuildError", "Site"]


class BuildError(Exception):
    """The build cannot go on (an unreadable source, an invalid ``index.path``); ``str()`` says
    which file and how to fix it. Problems found before are in the session, to log first."""


@dataclass(frozen=True)
class Site:
    """What a session needs to know of the host's site (no host object).

    ``theme_languages()``: the theme's language settings in order of preference (Material's
    ``language``, then ``locale``), used when the ``language`` option is unset. ``markdown()``:
    the site's Markdown extensions and their configs. Both are asked when needed (the files
    step, the first tooltip summary), once every other part of the host has set them.
    """

    config_dir: str
    docs_dir: str
    use_directory_urls: bool = True
    theme_languages: Callable[[], Sequence[object]] = tuple
    markdown: Callable[[], tuple[Sequence[Any], Mapping[str, Any]]] = lambda: ([], {})
    search_reads_toc: bool = False
    """The site's search builds its entries from each page's TOC (MkDocs' own search does), so
    the index entries stay in the index pages' TOC; otherwise they leave it (``index.tree``)."""
    site_url: str | None = None
    """The site's public URL: the JSON-LD and the export then give absolute URLs."""
    language_build: tuple[str, str, tuple[str, ...]] | None = None
    """With an i18n plugin that builds each language on its own (mkdocs-static-i18n): this
    build's language, the default language, and every language built. Every page of this build
    is then in this build's language, and its index page is ``<language>/<index.path>``."""
