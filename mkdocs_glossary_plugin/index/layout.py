"""Where the index lives: its page paths and URLs, whether it is split, and each entry's URL.

A small index is one page (``index.path``). Above ``SPLIT_THRESHOLD`` terms (``index.split:
auto``), or always (``always``), it is split into a main page with an overview and one page per
group, so that no page carries thousands of rendered definitions. Paths are src paths inside
``docs_dir``; URLs follow MkDocs' rules for both ``use_directory_urls`` modes.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

from ..model import GROUP_OTHER_DIGITS, Glossary, Term, make_id
from ..urls import page_url

__all__ = [
    "SPLIT_THRESHOLD",
    "IndexLayout",
    "check_index_path",
    "fragment",
    "group_slug",
    "make_layout",
]

#: ``index.split: auto`` splits the index into one page per group above this many terms.
SPLIT_THRESHOLD = 500


def group_slug(group: str) -> str:
    """The file/anchor name of a group: ``a``, ``ㄱ``, ``0-9`` for ``#``, else its letter."""
    if group == GROUP_OTHER_DIGITS:
        return "0-9"
    slug = make_id(group)
    return slug if slug != "term" or group.casefold() == "term" else f"u{ord(group[0]):04x}"


#: An ASCII character that a fragment must quote: not a letter, a digit or one of
#: ``-._~!$&'()*+,;=:@/?``. Non-ASCII characters stay as they are.
_FRAGMENT_UNSAFE = re.compile(r"[\x00-\x1f\x7f \"#%<>\[\\\]^`{|}]")


def fragment(term_id: str) -> str:
    """A term id as a URL fragment: non-ASCII letters stay readable, unsafe ASCII is quoted.

    Generated ids hold only letters, digits and ``-``; an explicit ``id`` may hold anything.
    """
    return _FRAGMENT_UNSAFE.sub(lambda m: quote(m.group(), safe=""), term_id)


def _norm_src(path: str) -> str:
    return posixpath.normpath(path.replace("\\", "/")).lstrip("/")


@dataclass(frozen=True)
class IndexLayout:
    """Where the index lives: its main page and, when split, one page per group.

    Paths are src paths inside ``docs_dir`` (``glossary.md``, ``glossary/a.md``); URLs follow
    MkDocs' rules for both ``use_directory_urls`` modes (see ``urls.page_url``).
    """

    path: str
    split: bool
    use_directory_urls: bool
    groups: tuple[str, ...] = ()
    term_groups: Mapping[str, str] = field(default_factory=dict)
    """Term id -> group (only needed when split)."""
    url_prefix: str = ""
    """Prepended to every URL (``ko/``) when the pages are published under another folder than
    their src paths say: an i18n plugin's language build keeps ``glossary.md`` (so a ``nav``
    entry finds it in every language) and publishes it at ``ko/glossary/``."""
    _urls: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Cache: term id -> entry URL (the linker asks once per link)."""
    _page_urls: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Cache: a term's group (``""`` unsplit) -> the URL of its index page (a split page holds
    hundreds of entries, and finding a group's page and its URL takes a few path operations)."""

    @property
    def base(self) -> str:
        """The folder under which group pages (and published media) go: ``glossary.md`` ->
        ``glossary``; ``glossary/index.md`` -> ``glossary``; a root ``index.md`` -> ``glossary``."""
        parent, filename = posixpath.split(self.path)
        stem = posixpath.splitext(filename)[0]
        if stem in ("index", "README"):
            return parent or "glossary"
        return posixpath.join(parent, stem)

    @property
    def media_dir(self) -> str:
        return posixpath.join(self.base, "media")

    def group_page(self, group: str) -> str:
        if not self.split:
            return self.path
        return posixpath.join(self.base, group_slug(group) + ".md")

    def page_of(self, term: Term) -> str:
        if not self.split:
            return self.path
        group = self.term_groups.get(term.id)
        return self.group_page(group if group is not None else term.group)

    def pages(self) -> list[str]:
        """Every generated page, the main one first."""
        if not self.split:
            return [self.path]
        return [self.path, *(self.group_page(g) for g in self.groups)]

    def url_of(self, src_path: str) -> str:
        return self.url_prefix + page_url(src_path, self.use_directory_urls)

    def entry_url(self, term: Term) -> str:
        """Site-root-relative URL of the term's entry: ``glossary/#id``, ``glossary/a.html#id``."""
        url = self._urls.get(term.id)
        if url is None:
            # The group ``page_of`` reads the page from: the page is a function of it alone.
            group = self.term_groups.get(term.id, term.group) if self.split else ""
            base = self._page_urls.get(group)
            if base is None:
                base = self._page_urls[group] = self.url_of(self.page_of(term))
            url = self._urls[term.id] = f"{base}#{fragment(term.id)}"
        return url


def make_layout(
    glossary: Glossary, path: str, split: str, use_directory_urls: bool, url_prefix: str = ""
) -> IndexLayout:
    """The layout for ``index.path`` and ``index.split`` (``auto`` splits above 500 terms)."""
    path = _norm_src(path)
    groups = glossary.groups()
    do_split = split == "always" or (split == "auto" and len(glossary) > SPLIT_THRESHOLD)
    return IndexLayout(
        path=path,
        split=do_split,
        use_directory_urls=use_directory_urls,
        groups=tuple(groups),
        term_groups={t.id: g for g, terms in groups.items() for t in terms},
        url_prefix=url_prefix,
    )


def check_index_path(path: str) -> str | None:
    """Why ``index.path`` is unusable (a message), or None when it is a fine page path."""
    norm = path.replace("\\", "/")
    if not norm.lower().endswith(".md"):
        return f"index.path must be a Markdown page path such as 'glossary.md', got {path!r}"
    if norm.startswith("/") or os.path.isabs(path) or ".." in norm.split("/"):
        return f"index.path must be relative to docs_dir and stay inside it, got {path!r}"
    return None
