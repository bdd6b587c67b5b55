"""The matcher's shortcuts against the plain way they stand for (hypothesis).

Each shortcut below was measured faster than the plain way on the matcher benchmark
(``python -m benchmarks.matcher_bench --flows DIR``, the pages of the site benchmark), and must
give what the plain way gives:

* the part of the walk over the anchor word is done once per anchor and reused at every
  occurrence of the word (``_jump``), rather than walked from the root of the trie each time;
* a branch that the text writes exactly is compared with one ``str.startswith`` before the
  character by character comparison with the separator rules (``_follow``);
* where the walk met one key, ``_match_at`` tries its plural and then the key itself, rather
  than gathering, sorting and trying every possible mention.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matcher_corpus import corpus

from mkdocs_glossary_plugin.matching import Matcher, automaton, canonical
from mkdocs_glossary_plugin.matching.automaton import _follow
from mkdocs_glossary_plugin.matching.keys import _SEP, _fold
from mkdocs_glossary_plugin.model import Term

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Key words of every script, some of them prefixes of others (so that keys end inside an anchor
#: word of the text), some ending in ``y`` (their ``-ies`` plural is met inside the anchor).
KEY_WORDS = ["ab", "abc", "Aby", "SGD", "x1", "가나", "가나다", "나정", "漢字", "漢", "αβ", "ب٣"]
#: What follows a mention: nothing, edges, plural endings, particles, joiners, other words.
GLUE = ["", " ", "  ", "\n", "-", "\u2010", "_", "s", "es", "ies", "는", "를", "이다", ", ", "가"]


def _corpus(rng: random.Random) -> tuple[list[Term], list[str]]:
    return corpus(rng, KEY_WORDS, GLUE, ["ABIES", "abies", "가 나다", "가나 다"])


@pytest.fixture
def plain_walk(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Build a :class:`Matcher` whose walks all start at the root of the trie: no anchor walked
    ahead, the whole key followed from the text at every candidate position."""

    def build(terms: list[Term]) -> Any:
        matcher = Matcher(terms)

        def find(text: str) -> Any:
            with monkeypatch.context() as m:
                m.setattr(automaton, "_jump", lambda root, anchor: ((), 0, root))
                matcher._jumps.clear()
                return matcher.find(text)

        return find

    yield build


@pytest.fixture
def general_choice(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Build a :class:`Matcher` that always chooses among the possible mentions the general way:
    every walk reports one more key end, with no entries, so that no walk met one key only."""

    def build(terms: list[Term]) -> Any:
        matcher = Matcher(terms)
        walk = automaton._walk

        def padded(low: str, s: int, jump: Any) -> Any:
            found = walk(low, s, jump)
            return None if found is None else [*found, (found[0][0], False, [])]

        def find(text: str) -> Any:
            with monkeypatch.context() as m:
                m.setattr(automaton, "_walk", padded)
                return matcher.find(text)

        return find

    yield build


@pytest.mark.parametrize("seed", range(6))
def test_one_key_met_is_chosen_as_among_many(seed: int, general_choice: Any) -> None:
    terms, flows = _corpus(random.Random(seed))
    matcher, general = Matcher(terms), general_choice(terms)
    found = [matcher.find(text) for text in flows]
    assert found == [general(text) for text in flows]
    assert sum(map(len, found)) > 100  # the corpus does mention its keys


@pytest.mark.parametrize("seed", range(6))
def test_the_walk_from_an_anchor_finds_what_the_walk_from_the_root_finds(
    seed: int, plain_walk: Any
) -> None:
    terms, flows = _corpus(random.Random(seed))
    matcher, plain = Matcher(terms), plain_walk(terms)
    found = [matcher.find(text) for text in flows]
    assert found == [plain(text) for text in flows]
    assert sum(map(len, found)) > 100  # the corpus does mention its keys


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("x ab -cd y", "ab -cd"),
        ("x ab \u2010cd y", "ab \u2010cd"),
        ("ab \n \u2011cd", "ab \n \u2011cd"),
        ("ab  cd", "ab"),
        ("ab cd", "ab"),
    ],
)
def test_a_separator_then_a_hyphen_in_a_key_is_met_by_any_hyphen_after_any_whitespace(
    text: str, mention: str
) -> None:
    """A key whose separator is followed by a hyphen (``ab -cd``, where the hyphen is not glued
    between two words) is met in a text that writes any hyphen there after any whitespace: the
    branch after ``ab`` is not written exactly, and the comparison with the separator rules
    (:func:`_follow`) takes every hyphen for the key's."""
    matcher = Matcher([Term("ab -cd", id="abcd"), Term("ab", id="ab")])
    [match] = matcher.find(text)
    assert text[match.start : match.end] == mention


#: Text of the alphabet of the keys, with every kind of whitespace and hyphen.
TEXT_ALPHABET = "abcy가나다漢α -\u2010\u2011\t\n\u3000_.s"


@SETTINGS
@given(
    st.text(alphabet=TEXT_ALPHABET, min_size=1, max_size=8),
    st.text(alphabet=TEXT_ALPHABET, max_size=6),
    st.text(alphabet=TEXT_ALPHABET, max_size=6),
    st.data(),
)
def test_a_branch_written_exactly_ends_where_the_separator_rules_end_it(
    key: str, before: str, after: str, data: st.DataObject
) -> None:
    """Where the text writes a branch label exactly, the walk moves past it and, when the label
    ends with a separator, past the rest of the whitespace run; :func:`_follow`, the comparison
    with the separator rules, must land at the same offset. A label is any run of a canonical
    key (the trie cuts keys wherever two of them part)."""
    canon = canonical(key)
    if not canon:
        return
    start = data.draw(st.integers(0, len(canon) - 1))
    label = canon[start : data.draw(st.integers(start + 1, len(canon)))]
    low = _fold(before + label + after)
    i = len(before)
    assert low.startswith(label, i)
    end = i + len(label)
    if label[-1] == _SEP:
        while end < len(low) and low[end].isspace():
            end += 1
    assert _follow(low, i, label) == end
