"""What one format's writer hands back: the text, the terms it wrote, and the losses it knew of.

The losses a writer knows of are the ones it decided on (an alias its syntax cannot spell); the
read-back check in ``writers/__init__.py`` finds any other difference, so none goes unreported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from ..model import Term
from .fields import Loss

__all__ = ["Written", "front_matter", "loss", "shown"]


@dataclass
class Written:
    text: str
    terms: list[Term] = field(default_factory=list)
    """The terms written, in output order (a term whose name the format cannot spell is not)."""
    losses: list[Loss] = field(default_factory=list)


def loss(term: Term | None, field_name: str, why: str) -> Loss:
    """A loss about ``term`` (``None``: the glossary), pointing at where the term came from."""
    if term is None:
        return Loss(None, field_name, why)
    return Loss(term.display_name, field_name, why, term.path, term.line)


def shown(value: object, limit: int = 60) -> str:
    """A value as messages quote it: short, on one line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def front_matter(title: str | None) -> str:
    """YAML front matter holding the title (both Markdown readers read it), or nothing."""
    if title is None:
        return ""
    body = yaml.safe_dump({"title": title}, allow_unicode=True, width=2**16)
    return f"---\n{body}---\n\n"
