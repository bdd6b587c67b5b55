"""The old import path of :mod:`.matching`: re-exports its public names while the rest of the
package moves to ``from .matching import ...`` (to be deleted then)."""

from __future__ import annotations

from .matching import (
    FUNCTION_WORDS,
    Match,
    Matcher,
    canonical,
    function_word_language,
    is_particle_sequence,
    script_class,
)

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
    """:data:`.matching.PARTICLE_SEQUENCES`, enumerated when first asked for (PEP 562)."""
    if name == "PARTICLE_SEQUENCES":
        from . import matching

        value: frozenset[str] = matching.PARTICLE_SEQUENCES
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
