"""The machine-readable glossary: one JSON document, published with the site (``export``).

Other tools, search services and language models read a site's glossary from it without parsing
HTML. The schema is documented in ``docs/machine-readable.md`` and versioned by its
``version`` field: a new field may appear in any release (readers ignore what they do not
know); renaming, removing or changing the meaning of a field raises ``version``.

Pure: data in, text out (no MkDocs, no Markdown, no file system). The output is deterministic:
the same glossary and site give the same bytes (no time stamp, terms in index order, keys in a
fixed order), so the file can be committed, diffed and cached.

A definition is given as written in its source (Markdown, after the source format's documented
normalisations), not as HTML: the index page renders each definition inside the page (our links
and backlinks woven in), and a separate HTML rendering would cost one Markdown conversion per
term and build for HTML that needs the site's own CSS and JavaScript (admonitions, math) to read.
The summary is given as HTML (what a tooltip shows, its links resolved) and as plain text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import __version__

__all__ = ["GENERATOR", "SCHEMA_VERSION", "ExportTerm", "export_document", "export_json"]

#: Raised when a field is renamed, removed or changes meaning (never for a new field).
SCHEMA_VERSION = 1
#: The distribution's name, as a reader of the file would install it.
GENERATOR = "mkdocs-autoglossary"


@dataclass(frozen=True)
class ExportTerm:
    """One term as the export shows it: URLs final (absolute, or relative to the site root)."""

    id: str
    name: str
    display_name: str
    aliases: tuple[str, ...]
    group: str
    summary_text: str
    summary_html: str
    definition: str
    url: str


def export_document(
    terms: Sequence[ExportTerm],
    *,
    title: str,
    language: str,
    index_url: str,
    site_url: str | None,
) -> dict[str, Any]:
    """The export as a JSON-ready mapping, keys in the documented order."""
    return {
        "version": SCHEMA_VERSION,
        "generator": {"name": GENERATOR, "version": __version__},
        "title": title,
        "language": language,
        "site_url": site_url,
        "index_url": index_url,
        "terms": [
            {
                "id": term.id,
                "name": term.name,
                "display_name": term.display_name,
                "aliases": list(term.aliases),
                "group": term.group,
                "url": term.url,
                "summary_text": term.summary_text,
                "summary_html": term.summary_html,
                "definition": term.definition,
            }
            for term in terms
        ],
    }


def export_json(document: dict[str, Any]) -> str:
    """The document as UTF-8-ready JSON text: indented (readable, diffable), non-ASCII kept
    (Hangul stays Hangul), ending with a newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
