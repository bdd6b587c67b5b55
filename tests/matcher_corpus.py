"""Random glossaries of short keys and texts that mention them, for the matcher's equivalence tests.

``test_matcher_classes`` (against the regular-expression reference) and ``test_matcher_shortcuts``
(against walks that start at the root) each pick their own key words and glue; the way a corpus
is made from them is this one function. Not a test module: test modules never import each other,
they import this.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from mkdocs_glossary_plugin.model import Term

__all__ = ["corpus"]


def corpus(
    rng: random.Random,
    key_words: Sequence[str],
    glue: Sequence[str],
    extra_mentions: Sequence[str] = (),
) -> tuple[list[Term], list[str]]:
    """30 terms whose keys join one to three ``key_words`` (no separator, a space, a hyphen or a
    non-breaking hyphen between them), and 200 texts of 1–30 mentions (a key, a key word or one
    of ``extra_mentions``), each followed by a piece of ``glue``."""
    keys: set[str] = set()
    while len(keys) < 30:
        words = rng.choices(key_words, k=rng.randint(1, 3))
        seps = rng.choices(["", " ", "-", "\u2011"], k=len(words) - 1)
        keys.add(words[0] + "".join(s + w for s, w in zip(seps, words[1:], strict=True)))
    terms = [Term(k, id=f"t{i}") for i, k in enumerate(sorted(keys))]
    mentions = [t.name for t in terms] + list(key_words) + list(extra_mentions)
    flows = [
        "".join(rng.choice(mentions) + rng.choice(glue) for _ in range(rng.randint(1, 30)))
        for _ in range(200)
    ]
    return terms, flows
