"""The leads of the definitions an index page renders, cut out for the tooltips.

The index page renders every definition with the site's own extensions anyway. With tooltips,
the tree work marks in each definition its lead (``mark_lead``: the block the summary rule of
``tooltips.summary`` picks), and ``extract_leads`` reads the marked blocks from the rendered page
and removes the marks before the page is indexed or written. One Markdown conversion of each
definition then serves the index and the tooltips alike.
"""

from __future__ import annotations

import html
import operator
import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence

from ..marks import sub_marked
from ..tooltips.summary import pick_lead

__all__ = ["LEAD_ATTR", "extract_leads", "mark_lead"]

#: On an index page, marks the lead of each definition (the block its tooltip summary is cut
#: from); ``extract_leads`` reads the marked blocks and removes the attribute before the page is
#: indexed or written.
LEAD_ATTR = "data-glossary-lead"
_LEAD_START = re.compile(r"<(p|li)\b([^>]*?) " + LEAD_ATTR + r'="([^"]*)"([^>]*)>')
#: Python-Markdown's placeholder for stashed raw HTML, still in the tree at this stage.
_STASHED = re.compile("\x02wzxhzdk:[0-9]+\x03")
#: Our linker's links (and an author's own ``a.glossary-term``): unwrapped in a summary, which
#: never holds a link to another tooltip.
_OUR_LINK = re.compile(r'<a\s[^>]*\bclass="glossary-term"[^>]*>(.*?)</a>', re.DOTALL)
#: A link's text (``match[1]``), as ``_OUR_LINK.sub`` replaces each link: the same as the template
#: ``r"\1"``, without expanding a template per link in Python (thousands per index page).
_link_text = operator.itemgetter(1)


def _has_text(el: etree.Element) -> bool:
    """Whether the element shows text (stashed raw HTML does not count: it may be an image)."""
    return bool(_STASHED.sub("", "".join(el.itertext())).strip())


def _tag(el: etree.Element) -> object:
    return el.tag


def _classes(el: etree.Element) -> list[str]:
    return (el.get("class") or "").split()


def mark_lead(body: Sequence[etree.Element], term_id: str) -> None:
    """Mark the lead of a definition (its top-level elements ``body``) for ``extract_leads``:
    the block ``tooltips.summary.pick_lead`` picks, as it picks it on the definition's HTML."""
    every = (el for top in body for el in top.iter())
    lead = pick_lead(body, every, _tag, _has_text, _classes)
    if lead is not None:
        lead.set(LEAD_ATTR, term_id)


#: The start and end tags of each element a lead can be (``_LEAD_START``), compiled once.
_TAGS = {tag: re.compile(f"<(/?){tag}(?=[\\s>/])") for tag in ("p", "li")}


def _closing(markup: str, tag: str, start: int) -> int | None:
    """The offset of the ``</tag>`` that closes an element whose content begins at ``start``
    (same-name elements may nest: a list item holds a nested list), or None."""
    depth = 1
    for m in _TAGS[tag].finditer(markup, start):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.start()
    return None


def extract_leads(content: str) -> tuple[str, dict[str, str]]:
    """Read the marked leads of a rendered index page: ``(content, {id: inner HTML})``.

    The returned content has the marks removed (every other byte unchanged); the inner HTML of
    each lead has our links unwrapped to their text. Its relative URLs are relative to the index
    page, as rendered there. Rendering the definitions once, for the index page, and cutting the
    summaries from that saves one Markdown conversion per mentioned term and build.
    """
    leads: dict[str, str] = {}

    def unmark(m: re.Match[str]) -> str:
        tag = m.group(1)
        end = _closing(content, tag, m.end())
        if end is not None:
            inner = content[m.end() : end]
            if "glossary-term" in inner:  # else the pattern cannot match
                inner = _OUR_LINK.sub(_link_text, inner)
            leads.setdefault(html.unescape(m.group(3)), inner)
        return f"<{tag}{m.group(2)}{m.group(4)}>"

    return sub_marked(content, LEAD_ATTR, "<", _LEAD_START, unmark), leads
