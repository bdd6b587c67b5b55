"""The index marker: the line of a page of the user's that becomes the A–Z index.

A host that cannot add pages (Zensical, any Python-Markdown host) puts the index on a page of the
user's, in place of the line :data:`MARKER`. An HTML comment, so it shows nothing where the
extension is not installed, and so template engines (mkdocs-macros) leave it alone. The MkDocs
plugin generates the index page itself; a page holding the marker at ``index.path`` (one
``mkdocs.yml`` for both hosts) is then expected there, not a mistake to warn about.
"""

from __future__ import annotations

__all__ = ["MARKER", "holds_marker"]

#: The line of the user's index page that becomes the A–Z index.
MARKER = "<!-- glossary-index -->"


def holds_marker(path: str) -> bool:
    """Whether the file at ``path`` has a line that is the marker (an unreadable file has not)."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            return any(line.strip() == MARKER for line in fh)
    except (OSError, UnicodeDecodeError):
        return False
