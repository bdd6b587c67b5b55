"""Local files that definitions refer to, resolved against the source file they were written in.

A definition's ``![](img/x.png)`` is relative to its glossary source, not to the index page that
shows it. Files inside ``docs_dir`` are part of the site already; files outside it are published
beside the index (under its ``media`` folder), so a glossary kept outside the docs can still
show its pictures.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

from .. import codes
from ..model import Problem, Term
from ..urls import inside

__all__ = ["LocalFiles"]

_MD_REF = re.compile(r"!?\[(?:[^\]\\\n]|\\.)*\]\(\s*(<[^>\n]*>|[^\s)]+)")
_MD_REFDEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)
_HTML_REF = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"'\n]+)["']""", re.IGNORECASE)
_PAGE_EXT = (".md", ".markdown")


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc or not parts.path or url.startswith(("/", "\\")))


@dataclass
class LocalFiles:
    """Resolves the relative URLs of definitions against the source file they were written in.

    A definition's ``![](img/x.png)`` is relative to its source file, not to the index page. Files
    inside ``docs_dir`` are already part of the site: the URL is rewritten relative to the index
    page (MkDocs' ``relpath`` then validates and converts it). Files outside ``docs_dir`` are
    published under the index's ``media`` folder (``published``); missing files are problems.
    """

    docs_dir: str
    config_dir: str
    media_dir: str
    published: dict[str, str] = field(default_factory=dict)
    """src path inside the site -> absolute path of the file to copy."""
    problems: list[Problem] = field(default_factory=list)
    _targets: dict[str, str | None] = field(default_factory=dict)
    _warned: set[tuple[str, str]] = field(default_factory=set)

    def source_dir(self, term: Term) -> str:
        return os.path.dirname(os.path.normpath(os.path.join(self.config_dir, term.path)))

    def _inside_docs(self, path: str) -> str | None:
        """The src path of ``path`` when it lies inside ``docs_dir``, else None."""
        docs = os.path.normpath(os.path.abspath(self.docs_dir))
        if not inside(path, docs):
            return None
        return os.path.relpath(path, docs).replace(os.sep, "/")

    def target(self, term: Term, url: str) -> str | None:
        """The src path (inside the site) of the file a relative URL points at, or None."""
        if not term.path or not _is_local(url):
            return None
        path = unquote(urlsplit(url).path)
        absolute = os.path.normpath(os.path.join(self.source_dir(term), path))
        if absolute in self._targets:
            return self._targets[absolute]
        in_docs = self._inside_docs(absolute)
        result: str | None
        if not os.path.exists(absolute):
            result = None
            self._problem(
                term,
                url,
                f"'{url}' in the definition of '{term.display_name}' "
                f"points to {absolute}, which does not exist",
            )
        elif in_docs is not None:
            result = in_docs
        elif os.path.isdir(absolute) or absolute.lower().endswith(_PAGE_EXT):
            # A folder or a page outside docs_dir is not part of the site: leave the URL alone.
            result = None
        else:
            result = self._publish(absolute)
        self._targets[absolute] = result
        return result

    def _publish(self, absolute: str) -> str:
        for dest, src in self.published.items():
            if src == absolute:
                return dest
        name = os.path.basename(absolute)
        dest = posixpath.join(self.media_dir, name)
        n = 2
        while dest in self.published:
            stem, ext = posixpath.splitext(name)
            dest = posixpath.join(self.media_dir, f"{stem}-{n}{ext}")
            n += 1
        self.published[dest] = absolute
        return dest

    def _problem(self, term: Term, url: str, message: str) -> None:
        if (term.id, url) in self._warned:
            return
        self._warned.add((term.id, url))
        self.problems.append(
            Problem(message, term.path or None, term.line or None, code=codes.BROKEN_LINK)
        )

    def scan(self, terms: Iterable[Term]) -> None:
        """Find the local files every definition refers to (before pages are rendered, so the
        files outside ``docs_dir`` can be added to the site)."""
        for term in terms:
            text = term.definition
            if not text or not term.path:
                continue
            for regex in (_MD_REF, _MD_REFDEF, _HTML_REF):
                for m in regex.finditer(text):
                    url = m.group(1).strip("<>")
                    if _is_local(url):
                        self.target(term, url)

    def rewrite(self, term: Term, url: str, from_src: str) -> str | None:
        """``url`` (relative to the term's source) as a path relative to page ``from_src``."""
        target = self.target(term, url)
        if target is None:
            return None
        parts = urlsplit(url)
        start = posixpath.dirname(from_src) or "."
        rel = quote(posixpath.relpath(target, start), safe="/")
        if parts.query:
            rel += "?" + parts.query
        if parts.fragment:
            rel += "#" + parts.fragment
        return rel
