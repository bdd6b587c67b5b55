"""schema.org JSON-LD for an index page: a ``DefinedTermSet`` with the entries the page shows.

Search engines and other readers of structured data learn from it that the page is a glossary,
which terms it defines, what each means and where its entry is. Pure: data in, text out; no
MkDocs, no Markdown.

Why in the page's ``<head>`` and never in its content: Material's instant navigation swaps the
content element and rebuilds every ``<script>`` in it from its text alone (the ``type`` is lost,
so JSON would be run as JavaScript), and MkDocs' own search indexes the text of scripts in the
content. A ``<script type="application/ld+json">`` in the head is neither run nor indexed.

Why the JSON is escaped beyond ``json.dumps``: inside a ``<script>`` element the HTML parser ends
the element at the first ``</script`` whatever JSON thinks, and ``<!--`` changes how it looks for
that end. Writing every ``<``, ``>`` and ``&`` of a string as ``\\u003c``, ``\\u003e``, ``\\u0026``
makes any name or definition harmless (no ``</script>`` break-out), and the JSON still decodes to
the same text. U+2028 and U+2029 are escaped too: valid in JSON, they end a line in older
JavaScript parsers that some consumers use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["LdTerm", "defined_term_set", "insert_in_head", "script_element", "script_json"]

_CONTEXT = "https://schema.org"
#: Each character a string in the JSON must not show as itself, and its escape. Replaced one
#: character at a time with ``str.replace``: a scan in C per character, where a pattern with a
#: Python function per match costs some 10 times more on the JSON of a page of 500 entries.
_ESCAPES = tuple((c, f"\\u{ord(c):04x}") for c in "<>&\u2028\u2029")
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class LdTerm:
    """One entry as the JSON-LD shows it: URLs final (absolute, or relative to the page)."""

    id: str
    name: str
    aliases: tuple[str, ...]
    description: str
    """The summary as plain text; ``""`` when the term has none (the field is then left out)."""
    url: str


def defined_term_set(name: str, url: str, terms: Sequence[LdTerm]) -> dict[str, Any]:
    """The ``DefinedTermSet`` named ``name`` at ``url`` with one ``DefinedTerm`` per term.

    The set's ``@id`` is its URL, so the sets on the pages of a split index are one set; each
    term names it in ``inDefinedTermSet``. ``termCode`` is the term's id (its entry's anchor).
    """
    out: dict[str, Any] = {
        "@context": _CONTEXT,
        "@type": "DefinedTermSet",
        "@id": url,
        "name": name,
        "url": url,
    }
    items = []
    for term in terms:
        item: dict[str, Any] = {"@type": "DefinedTerm", "@id": term.url, "name": term.name}
        if term.aliases:
            item["alternateName"] = list(term.aliases)
        if term.description:
            item["description"] = term.description
        item["termCode"] = term.id
        item["url"] = term.url
        item["inDefinedTermSet"] = url
        items.append(item)
    if items:
        out["hasDefinedTerm"] = items
    return out


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe as the text of a ``<script>`` element (see the module)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _ESCAPES:  # no escape holds another's character: the order is free
        text = text.replace(char, escape)
    return text


def script_element(data: Any) -> str:
    """The ``<script type="application/ld+json">`` element holding ``data``."""
    return f'<script type="application/ld+json">{script_json(data)}</script>'


def insert_in_head(page_html: str, element: str) -> str | None:
    """``page_html`` with ``element`` put right before its ``</head>``; None when the page has no
    ``</head>`` (nothing is put anywhere else: the content is never the place)."""
    m = _HEAD_END.search(page_html)
    if m is None:
        return None
    return f"{page_html[: m.start()]}{element}\n{page_html[m.start() :]}"
