"""Tooltips: the summary of each term a page links, embedded in that page at build time.

- ``summary``: the one rule for a term's summary, and the renderer that makes it;
- ``sanitise``: the build-time cleanup of summary HTML (what a tooltip may hold);
- ``payload``: each page's marker and payload, and one build's summaries (``Payloads``).

No MkDocs import: a host calls ``Payloads.marker`` on each page's content and ``Payloads.fill``
when the page's HTML is final.
"""

from __future__ import annotations

from .payload import (
    MARKER_ATTR,
    PAYLOAD_CLASS,
    Payloads,
    marker_html,
    marker_ids,
    mentioned_ids,
    payload_html,
    rewrite_urls,
)
from .summary import (
    SUMMARY_LIMIT,
    lead_block,
    make_renderer,
    pick_lead,
    summarize,
    summary_html,
)

__all__ = [
    "MARKER_ATTR",
    "PAYLOAD_CLASS",
    "SUMMARY_LIMIT",
    "Payloads",
    "lead_block",
    "make_renderer",
    "marker_html",
    "marker_ids",
    "mentioned_ids",
    "payload_html",
    "pick_lead",
    "rewrite_urls",
    "summarize",
    "summary_html",
]
