"""What the linker reads and the records it writes, as plain data (no host, no Markdown).

A host builds one :class:`LinkerState` per build and sets ``state.page`` before each page; the
treeprocessor reads the matcher, the glossary and the page from it, and adds what it linked to
its records (``usage``, ``link_counts``, ``term_links``), which the host reads after the pages
(the index's backlinks, the tooltip payload, the build summary). Keeping this apart from the
linking code lets a host hold the state without importing the tree walk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from ..model import Glossary, Term

__all__ = ["LinkerState", "MatchLike", "MatcherLike", "PageContext"]


class MatchLike(Protocol):
    """What the linker needs from a match (``matching.Match`` has these fields)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def term_id(self) -> str: ...


class MatcherLike(Protocol):
    """What the linker needs from a matcher (``matching.Matcher``)."""

    def find(self, text: str) -> Sequence[MatchLike]: ...


@dataclass
class PageContext:
    """The page being rendered, as the host tells it (no MkDocs object).

    ``url`` is MkDocs' ``page.url`` (``""`` for the home page, ``a/b/`` or ``a/b.html``);
    ``enabled`` is False on excluded and opted-out pages; ``link_mode`` is ``first`` or ``all``.
    """

    src_uri: str
    url: str
    enabled: bool = True
    link_mode: Literal["first", "all"] = "first"


@dataclass
class LinkerState:
    """Everything the linker reads and writes; shared by the host and the treeprocessor.

    ``entry_url`` gives the site-root-relative URL of a term's entry (``glossary/#id``). The host
    sets ``page`` before each page is rendered; with ``page`` None nothing is linked (a Markdown
    rendering outside a page, such as a definition for a tooltip, gets no links).
    """

    matcher: MatcherLike | None
    glossary: Glossary
    entry_url: Callable[[Term], str]
    page: PageContext | None = None
    usage: dict[str, list[str]] = field(default_factory=dict)
    """Page src_uri -> ids of the terms linked there, in first-mention order."""
    link_counts: dict[str, int] = field(default_factory=dict)
    """Page src_uri -> number of links made there."""
    term_links: dict[str, int] = field(default_factory=dict)
    """Term id -> number of links made to it over the whole build."""

    def reset(self) -> None:
        """Forget what a previous build recorded (``mkdocs serve`` rebuilds reuse the state)."""
        self.page = None
        self.usage.clear()
        self.link_counts.clear()
        self.term_links.clear()

    def release(self) -> None:
        """Drop the build's glossary, matcher and records (the process is done with them).

        The Markdown extension that holds this state stays in the configuration until the very
        end of the process; without this, what it holds would be freed only by the garbage
        collections Python makes while it shuts down, which walk every object still alive."""
        self.reset()
        self.matcher = None
        self.glossary = Glossary()

    @property
    def links_made(self) -> int:
        """Links made over the whole build (for the build summary)."""
        return sum(self.link_counts.values())
