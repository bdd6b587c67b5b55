"""A build's summary: what it did, and the findings the ``warn`` option turns into warnings.

Host-free and pure: the session hands it the glossary and the linker's records, and the host logs
the problems it returns (one INFO line per build, and a warning per listed finding).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from . import codes
from .model import Glossary, Problem, Term

__all__ = ["Summary", "summarize_build"]


@dataclass(frozen=True)
class Summary:
    """What one build did."""

    terms: int
    links: int
    pages: int
    never_mentioned: list[Term]
    undefined: list[Term]


def _examples(terms: list[Term], limit: int = 5) -> str:
    """`` (A, B, C, …)`` for a summary line; empty when there are none."""
    if not terms:
        return ""
    names = ", ".join(t.display_name for t in terms[:limit])
    return f" ({names}{', …' if len(terms) > limit else ''})"


def summarize_build(
    glossary: Glossary,
    usage: Mapping[str, Sequence[str]],
    link_counts: Mapping[str, int],
    index_pages: Collection[str],
    warn: Collection[str],
) -> tuple[Summary, list[Problem]]:
    """The summary, and its problems: the ``warn`` findings, then the INFO line.

    A term is mentioned when a page links it (automatically or explicitly); links on the index
    pages themselves (one definition mentioning another term) do not count, since a reader
    reaches them only through the glossary.
    """
    mentioned = {term_id for src, ids in usage.items() if src not in index_pages for term_id in ids}
    never = [t for t in glossary.terms if t.id not in mentioned]
    undefined = [t for t in glossary.terms if not t.has_definition]
    problems: list[Problem] = []
    if "unused" in warn:
        problems += [
            Problem(
                f"the term '{term.display_name}' is never mentioned on any page (the "
                "index page does not count); mention it on a page, remove it from the "
                "glossary, or remove 'unused' from the plugin's 'warn' option",
                term.path,
                term.line,
                code=codes.UNUSED,
            )
            for term in never
        ]
    if "undefined" in warn:
        problems += [
            Problem(
                f"the term '{term.display_name}' has no definition; add one, or remove "
                "'undefined' from the plugin's 'warn' option",
                term.path,
                term.line,
                code=codes.UNDEFINED,
            )
            for term in undefined
        ]
    summary = Summary(len(glossary), sum(link_counts.values()), len(link_counts), never, undefined)
    problems.append(
        Problem(
            f"{summary.terms} terms loaded, {summary.links} links made on {summary.pages} "
            f"pages, {len(never)} terms never mentioned{_examples(never)}, "
            f"{len(undefined)} terms without a definition{_examples(undefined)}",
            level="info",
            code=codes.SUMMARY,
        )
    )
    return summary, problems
