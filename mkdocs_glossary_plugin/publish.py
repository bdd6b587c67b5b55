"""The machine-readable glossary of a build: the index page's JSON-LD and the export document.

Its one job is to turn what a build already has (the glossary, the index layout and plans, the
terms' summaries) into those two texts, with the URLs a reader outside the site needs. Pure
functions of what they are given: the session decides *when* (the page being written, the end
of the build) and in which language, and collects the problems; here nothing is kept between
calls, so the same build data always give the same bytes.

Summaries come from one :class:`~.tooltips.Payloads` (the tooltips' own or a set of the same
rule kept apart): a term's summary is the same text in its tooltip, the JSON-LD and the export.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import urljoin

from .export import ExportTerm, export_document, export_json
from .index import IndexLayout, PagePlan
from .index.jsonld import LdTerm, defined_term_set, script_element
from .model import Glossary, Term
from .tooltips import Payloads, rewrite_urls
from .tooltips.sanitise import text_of
from .urls import relative_url

__all__ = [
    "entry_urls",
    "export_path_taken",
    "export_text",
    "json_ld_script",
    "public_url",
    "summary_text",
]


def summary_text(summaries: Payloads, term: Term) -> str:
    """A term's summary as plain text (its HTML's text, white space collapsed)."""
    return " ".join(text_of(summaries.summary(term)).split())


def public_url(site_url: str | None, root_relative: str, from_page: str | None) -> str:
    """A site-root-relative URL as published: absolute under ``site_url``, else relative
    to the page at ``from_page`` (None: left relative to the site root)."""
    if site_url:
        return urljoin(site_url if site_url.endswith("/") else site_url + "/", root_relative)
    return root_relative if from_page is None else relative_url(root_relative, from_page)


def entry_urls(site_url: str | None, from_page: str | None) -> Callable[[str], str]:
    """:func:`public_url` for the many entry URLs (``page#fragment``) of one page's terms.

    Why: ``urljoin`` is the slow part (some 8 us, once per term of a big index), and it resolves
    only the part before the ``#``: the fragment follows unchanged. So each entry page is
    joined once, and its entries' fragments appended. A URL this does not apply to (no
    fragment, no page part, or a ``#`` in the page part) is joined whole, as before.
    """
    if not site_url:
        return lambda root_relative: public_url(site_url, root_relative, from_page)
    joined: dict[str, str] = {}

    def url(root_relative: str) -> str:
        page, sep, fragment = root_relative.rpartition("#")
        if not (sep and page and fragment) or "#" in page:
            return public_url(site_url, root_relative, from_page)
        base = joined.get(page)
        if base is None:
            base = joined[page] = public_url(site_url, page, from_page)
        return f"{base}#{fragment}"

    return url


def json_ld_script(
    plan: PagePlan,
    title: str,
    layout: IndexLayout,
    summaries: Payloads,
    site_url: str | None,
    url: str,
) -> str:
    """The ``<script type="application/ld+json">`` of the generated index page at ``url`` whose
    plan is ``plan``: a ``DefinedTermSet`` named ``title`` (the main index page's) of the
    entries that page shows."""
    entry_url = entry_urls(site_url, url)
    terms = [
        LdTerm(
            id=b.term.id,
            name=b.term.display_name or b.term.name,
            aliases=tuple(b.term.aliases),
            description=summary_text(summaries, b.term),
            url=entry_url(layout.entry_url(b.term)),
        )
        for b in plan.blocks
        if b.kind == "entry" and b.term is not None
    ]
    index_url = public_url(site_url, layout.url_of(layout.path), url)
    return script_element(defined_term_set(title, index_url, terms))


def export_path_taken(export: str, files: Mapping[str, str]) -> str | None:
    """The message when the ``export`` path is taken by a file of the site (``files``: each
    file's published path -> its src path): one would overwrite the other. None: it is free."""
    for dest, src in files.items():
        if dest == export or dest.startswith(export + "/"):
            return (
                f"option 'export': the site path '{export}' is already taken by "
                f"'{src}' of the site (published as '{dest}'); choose another path, "
                "for example 'glossary-export.json'"
            )
    return None


def export_text(
    glossary: Glossary,
    layout: IndexLayout,
    summaries: Payloads,
    *,
    title: str,
    language: str,
    site_url: str | None,
) -> str:
    """The export's JSON text: terms in index order; URLs absolute under ``site_url``, else
    relative to the site root (also those inside the summaries' HTML)."""
    terms = []
    entry_url = entry_urls(site_url, None)
    for group, members in glossary.groups().items():
        for term in members:
            html = summaries.summary_at(term, "")
            if site_url:
                html = rewrite_urls(html, lambda url: public_url(site_url, url, None))
            terms.append(
                ExportTerm(
                    id=term.id,
                    name=term.name,
                    display_name=term.display_name or term.name,
                    aliases=tuple(term.aliases),
                    group=group,
                    summary_text=summary_text(summaries, term),
                    summary_html=html,
                    definition=term.definition,
                    url=entry_url(layout.entry_url(term)),
                )
            )
    document = export_document(
        terms,
        title=title,
        language=language,
        index_url=public_url(site_url, layout.url_of(layout.path), None),
        site_url=site_url,
    )
    return export_json(document)
