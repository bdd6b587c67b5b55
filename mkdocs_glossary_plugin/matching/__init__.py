"""Matching: find the mentions of glossary terms in text, with no host and no Markdown.

One job per module, in the order a key and a text go through them:

* :mod:`.scripts`: script classes (Latin, Hangul, CJK, other), which make the word edges;
* :mod:`.keys`: how a key is read (canonical form, words, case policy, English plural);
* :mod:`.function_words`: the closed word classes that are never linked automatically;
* :mod:`.korean`: the particles and endings that may follow a Hangul-final term in its word;
* :mod:`.automaton`: the compiled radix trie, :class:`Matcher` and :class:`Match`.

:data:`PARTICLE_SEQUENCES` is enumerated only when first read (some 500,000 strings: building
them cost most of the import time, which every build would pay, and only tests read them), so it
is looked up lazily here too (PEP 562).
"""

from __future__ import annotations

from .automaton import Match, Matcher
from .function_words import FUNCTION_WORDS, function_word_language
from .keys import canonical
from .korean import is_particle_sequence
from .scripts import script_class

__all__ = [
    "FUNCTION_WORDS",
    "PARTICLE_SEQUENCES",
    "Match",
    "Matcher",
    "canonical",
    "function_word_language",
    "is_particle_sequence",
    "script_class",
]

PARTICLE_SEQUENCES: frozenset[str]


def __getattr__(name: str) -> frozenset[str]:
    """:data:`.korean.PARTICLE_SEQUENCES`, enumerated when first asked for (PEP 562)."""
    if name == "PARTICLE_SEQUENCES":
        from . import korean

        value: frozenset[str] = korean.PARTICLE_SEQUENCES
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
