"""The ``source`` language mapping: one glossary per language (``{en: glossary.yml, ko: [...]}``).

Each language's items are read exactly as a plain ``source`` list is (:func:`load`), into a
glossary of that language; pairing the languages' terms is the language model's job
(``languages.localize``). Pure: no MkDocs import.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Glossary
from . import SourceItem, load

__all__ = ["load_by_language"]


def load_by_language(
    items: Sequence[tuple[str, Sequence[SourceItem]]], config_dir: str
) -> dict[str, Glossary]:
    """Language -> the glossary read from that language's sources, in the mapping's order.
    Raises ``SourceError`` (file and line) like :func:`load`."""
    return {language: load(list(sources), config_dir) for language, sources in items}
