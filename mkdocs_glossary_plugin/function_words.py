"""The old import path of :mod:`.matching.function_words` (to be deleted once nothing imports
it)."""

from __future__ import annotations

from .matching.function_words import FUNCTION_WORDS, function_word_language

__all__ = ["FUNCTION_WORDS", "function_word_language"]
