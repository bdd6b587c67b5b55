"""Write Material's abbreviation lines: ``*[NAME]: definition``, one line per term.

The format holds a name and one line of text, nothing else. A definition of several lines is
joined into one line (and the loss reported: paragraphs, lists and line breaks do not survive);
an alias is dropped rather than written as a line of its own, since it would be read back as a
separate term with a copy of the definition. A name holding ``]`` cannot be spelled at all.
"""

from __future__ import annotations

from itertools import pairwise

from ..model import Glossary, Term
from ._written import Written, loss

__all__ = ["write"]


def _one_line(term: Term, written: Written) -> str:
    lines = [line.strip() for line in term.definition.split("\n")]
    kept = [line for line in lines if line]
    if len(kept) > 1:
        paragraphs = 1 + sum(1 for prev, line in pairwise(lines) if not line and prev)
        what = f"{paragraphs} paragraphs" if paragraphs > 1 else f"{len(kept)} lines"
        written.losses.append(
            loss(
                term,
                "definition",
                f"its {what} are joined into one line: the abbreviation format holds one "
                "line of text per term",
            )
        )
    return " ".join(kept)


def write(glossary: Glossary) -> Written:
    written = Written("")
    lines = []
    for term in glossary:
        if "]" in term.name or "\n" in term.name:
            written.losses.append(
                loss(term, "term", "the term is left out: an abbreviation cannot hold ']'")
            )
            continue
        if term.aliases:
            written.losses.append(
                loss(
                    term,
                    "aliases",
                    f"{', '.join(repr(a) for a in term.aliases)} dropped: the abbreviation "
                    "format holds one line per key, and an alias line would be read back as a "
                    "term of its own",
                )
            )
        definition = _one_line(term, written)
        lines.append(f"*[{term.name}]: {definition}".rstrip())
        written.terms.append(term)
    written.text = "\n".join(lines) + "\n"
    return written
