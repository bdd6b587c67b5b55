"""The tooltip payload of a page: the summaries of the terms it links, embedded in that page.

Each page carries, after its content, one hidden element with an empty span per term it links::

    <div class="glossary-payload" hidden data-glossary-label="Open in glossary">
      <span data-glossary-term="ID" data-glossary-name="NAME" data-glossary-summary="HTML"></span>
    </div>

Why attributes of our own elements: Material's instant navigation swaps the content element and
re-runs only the ``<script>`` elements in it (a JSON ``<script>`` would be run as JavaScript), and
MkDocs' search indexes the *text* of ``<script>``/``<template>``. Attribute values are neither run
nor indexed, and ``html.escape(..., quote=True)`` makes any text safe inside a double-quoted
attribute: ``</script>``, ``<!--``, quotes and ``&`` cannot end it.

The payload is put there last. ``page.content`` carries only a *marker*: a small hidden element
with the ids of the terms the page links (``marker_html``). Whatever reads the content before the
template renders it (Material's search parses every page's content; RSS and print plugins copy
it) thus handles a few bytes instead of every summary. The host replaces the marker with the
payload (``Payloads.fill``) in the content, last before the template, and any marker left in a
page's final HTML (blog excerpts, content copied from another page) there, so the page a browser
gets is the same.

Summaries (``summary``) are made once per build; relative URLs in them are rewritten for each
page's depth.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from urllib.parse import unquote, urljoin

from .. import codes
from ..marks import sub_last_marked, sub_marked
from ..model import Glossary, Problem, Term
from ..urls import relative_url
from .sanitise import parse
from .summary import has_explicit_summary, summarize, summary_html

__all__ = [
    "MARKER_ATTR",
    "PAYLOAD_CLASS",
    "Payloads",
    "marker_html",
    "marker_ids",
    "mentioned_ids",
    "payload_html",
    "rewrite_urls",
]

PAYLOAD_CLASS = "glossary-payload"

# -- which terms a page links ----------------------------------------------------------------------

_LINK_TAG = re.compile(r"<a\s[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
#: The linker's links start with exactly these two attributes; the first occurrence of an
#: attribute is the one that counts, so this reads them without a full scan. Any other link
#: (the ``term()`` macro's, an author's own HTML) is read attribute by attribute.
_OWN_LINK = re.compile(r'<a class="glossary-term" data-glossary-term="([^"]+)"')


def mentioned_ids(page_html: str) -> list[str]:
    """Ids of the terms linked on a page (``a.glossary-term[data-glossary-term]``), in order.

    Read from the page's final HTML, so every link counts, whoever wrote it (the linker, the
    ``term()`` macro, an author's own HTML).
    """
    seen: dict[str, None] = {}
    for m in _LINK_TAG.finditer(page_html):
        tag = m.group(0)
        own = _OWN_LINK.match(tag)
        if own is not None:
            seen.setdefault(html.unescape(own.group(1)), None)
            continue
        if "data-glossary-term" not in tag.lower():
            continue  # most links of a page are not ours: skip reading their attributes
        attrs: dict[str, str] = {}
        for a in _ATTR.finditer(tag[2:-1]):
            value = a.group(2) if a.group(2) is not None else (a.group(3) or a.group(4) or "")
            attrs.setdefault(a.group(1).lower(), html.unescape(value))
        term_id = attrs.get("data-glossary-term")
        if term_id and "glossary-term" in attrs.get("class", "").split():
            seen.setdefault(term_id, None)
    return list(seen)


# -- the payload element ---------------------------------------------------------------------------


def payload_html(items: Iterable[tuple[str, str, str]], label: str) -> str:
    """The hidden payload element for ``(id, name, summary_html)`` items; ``""`` for none."""
    return _payload_div([_span(*item) for item in items], label)


def _span(term_id: str, name: str, summary: str) -> str:
    return (
        f'<span data-glossary-term="{_attr(term_id)}" data-glossary-name="{_attr(name)}" '
        f'data-glossary-summary="{_attr(summary)}"></span>'
    )


def _payload_div(spans: Sequence[str], label: str) -> str:
    if not spans:
        return ""
    inner = "".join(spans)
    return f'<div class="{PAYLOAD_CLASS}" hidden data-glossary-label="{_attr(label)}">{inner}</div>'


def _attr(value: str) -> str:
    # quote=True escapes & < > " ' : nothing in the value can end the attribute or open a tag.
    return html.escape(value, quote=True)


# -- the marker: the payload's place in a page, filled once search has read it --------------------

#: The marker's attribute: the term ids, each encoded by ``_encode_id``, separated by spaces.
MARKER_ATTR = "data-glossary-ids"
# Tolerant of another plugin re-serializing the content (attribute order, ``hidden=""``).
_MARKER = re.compile(r"<div\s[^>]*?\b" + MARKER_ATTR + r'="([^"]*)"[^>]*>\s*</div>')
# What an id must not carry raw: the separator (whitespace), the escape character itself, and
# what would need escaping in an attribute. Anything else (any script) stays as written.
_ID_SPECIAL = re.compile(r"""[%\s"&'<>]""")


def _encode_id(term_id: str) -> str:
    return _ID_SPECIAL.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), term_id)


def marker_html(ids: Sequence[str]) -> str:
    """The marker for a page linking the terms ``ids``; ``""`` for none."""
    if not ids:
        return ""
    encoded = " ".join(_encode_id(term_id) for term_id in ids)
    return f'<div class="{PAYLOAD_CLASS}" hidden {MARKER_ATTR}="{encoded}"></div>'


def marker_ids(value: str) -> list[str]:
    """The ids a marker's attribute value carries (``html.unescape`` first: a serializer may have
    written a character of it as a reference)."""
    return [unquote(part) for part in html.unescape(value).split()]


# -- one build's summaries and payloads ------------------------------------------------------------


class Payloads:
    """Summaries made once per build, then the payload for each page.

    ``render`` turns Markdown into HTML (``summary.make_renderer``); ``resolve(term, url)`` maps a
    relative URL written in a term's definition (relative to its source file) to a
    site-root-relative URL, or None to leave it as written; ``label`` is the localized "open in
    glossary" text.

    A summary follows the one rule of ``summary``. Where the index page already rendered a
    definition, its lead is taken from there (``add_leads``) instead of rendering the definition
    again: one Markdown conversion of each definition per build serves the index and the
    tooltips. Any other summary is rendered by ``summary.summary_html`` on first use.
    """

    def __init__(
        self,
        glossary: Glossary,
        render: Callable[[str], str],
        label: str,
        resolve: Callable[[Term, str], str | None] | None = None,
    ) -> None:
        self.glossary = glossary
        self.render = render
        self.label = label
        self.resolve = resolve
        self._summaries: dict[str, str] = {}
        self._spans: dict[str, str] = {}
        self._leads: dict[str, tuple[str, str]] = {}
        """Term id -> (inner HTML of its lead on the index page, that page's URL)."""
        self.problems: list[Problem] = []
        """Summaries that could not be rendered; the host logs and clears them."""

    def marker(self, page_html: str) -> str:
        """The marker to append to a page's content (``""`` when it links no known term)."""
        return marker_html(
            [i for i in mentioned_ids(page_html) if self.glossary.get(i) is not None]
        )

    def fill(self, page_html: str, page_url: str, markers: int | None = None) -> str:
        """``page_html`` with every marker replaced by its payload for the page at ``page_url``
        (found with ``marks.sub_marked``: a whole page is some 250 KB with one marker).

        ``markers``: how many markers the host left in this page, if it knows; the page is then
        read fewer times (``marks.sub_last_marked``), with the same result."""

        def repl(m: re.Match[str]) -> str:
            return self._payload(marker_ids(m.group(1)), page_url)

        if markers:
            done = sub_last_marked(page_html, MARKER_ATTR, "<div", _MARKER, repl, markers)
            if done is not None:
                return done
        return sub_marked(page_html, MARKER_ATTR, "<div", _MARKER, repl)

    def for_page(self, page_html: str, page_url: str) -> str:
        """The payload of a page, read from its HTML at once (``""`` when it mentions no term):
        its marker, filled as the host fills it."""
        return self.fill(self.marker(page_html), page_url)

    def _payload(self, ids: Iterable[str], page_url: str) -> str:
        spans = []
        for term_id in ids:
            span = self._spans.get(term_id)
            if span is None:
                term = self.glossary.get(term_id)
                if term is None:
                    continue
                summary = self.summary(term)
                if self.resolve is not None and _ROOT in summary:  # URLs relative to the page
                    span = _span(term.id, term.display_name, _root_to_page(summary, page_url))
                else:  # the same on every page: escaped once
                    span = self._spans[term_id] = _span(term.id, term.display_name, summary)
            spans.append(span)
        return _payload_div(spans, self.label)

    def add_leads(self, leads: Mapping[str, str], base_url: str) -> None:
        """Take the leads of definitions the index page already rendered (``index.extract_leads``:
        term id -> the inner HTML of the definition's lead, our links unwrapped). ``base_url`` is
        the URL of the index page they come from: their relative URLs are relative to it.

        A term with an explicit ``summary`` keeps it (the rule puts it first).
        """
        for term_id, inner in leads.items():
            term = self.glossary.get(term_id)
            if term is None or term_id in self._summaries or has_explicit_summary(term):
                continue
            # Cut when a page asks for it: a big index has many terms no page mentions.
            self._leads[term_id] = (inner, base_url)

    def summary(self, term: Term) -> str:
        """The summary of a term, made on first use, with URLs resolved to the site root.

        Resolved URLs are marked with ``_ROOT`` here and made page-relative for each page.
        """
        cached = self._summaries.get(term.id)
        if cached is None:
            cached = self._from_lead(term.id) if term.id in self._leads else self._render(term)
            self._summaries[term.id] = cached
        return cached

    def summary_at(self, term: Term, page_url: str) -> str:
        """The summary of a term with its resolved URLs relative to the page at ``page_url``
        (``""``: relative to the site root, for a file read outside any page)."""
        return _root_to_page(self.summary(term), page_url)

    def _from_lead(self, term_id: str) -> str:
        inner, base_url = self._leads.pop(term_id)
        summary = summarize(parse(inner))
        if self.resolve is not None:
            summary = rewrite_urls(summary, lambda url: _ROOT + _from_page(url, base_url))
        return summary

    def _render(self, term: Term) -> str:
        try:
            summary = summary_html(term, self.render)
        except Exception as exc:  # an extension failing on this text must not stop the build
            self.problems.append(
                Problem(
                    f"the tooltip summary of '{term.display_name}' could not be rendered "
                    f"({type(exc).__name__}: {exc}); its tooltip shows the name only",
                    term.path or None,
                    term.line or None,
                    code=codes.SUMMARY_NOT_RENDERED,
                )
            )
            summary = ""
        if self.resolve is not None:
            resolve = self.resolve

            def to_root(url: str) -> str:
                target = resolve(term, url)
                return url if target is None else _ROOT + target.lstrip("/")

            summary = rewrite_urls(summary, to_root)
        return summary


# -- URLs ------------------------------------------------------------------------------------------

_URL_ATTR = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|/)")


def rewrite_urls(markup: str, rewrite: Callable[[str], str]) -> str:
    """Apply ``rewrite`` to every relative ``href``/``src`` (absolute URLs stay as they are).

    ``markup`` is our own serialization (double-quoted, escaped attributes), so one pattern
    finds every URL; ``rewrite`` gets and returns unescaped URLs.
    """

    def sub(m: re.Match[str]) -> str:
        url = html.unescape(m.group(2))
        if not url or _ABSOLUTE.match(url):
            return m.group(0)
        return m.group(1) + html.escape(rewrite(url), quote=True) + m.group(3)

    return _URL_ATTR.sub(sub, markup)


# A scheme no author writes: marks the site-root-relative URLs of a cached summary.
_ROOT = "glossary-root:"
_ROOT_ATTR = re.compile(r'(\s(?:href|src)=")' + _ROOT + r'([^"]*)(")')


def _from_page(url: str, page_url: str) -> str:
    """A relative URL written on the page at ``page_url`` as a site-root-relative URL, resolved
    the way a browser resolves it (``..`` past the root stays at the root)."""
    return urljoin("/" + page_url.lstrip("/"), url).lstrip("/")


def _root_to_page(markup: str, page_url: str) -> str:
    """Turn the ``_ROOT``-marked site-root URLs of a cached summary into page-relative ones."""

    def sub(m: re.Match[str]) -> str:
        url = relative_url(html.unescape(m.group(2)), page_url)
        return m.group(1) + html.escape(url, quote=True) + m.group(3)

    return _ROOT_ATTR.sub(sub, markup)
