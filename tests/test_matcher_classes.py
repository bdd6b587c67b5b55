"""Script classes, anchors, the text-word pattern and glued hyphens against the regular
expressions they replace.

The matcher used to classify a character, cut the first word of a key and find a glued hyphen
with regular expressions of the script classes. Compiling such a class makes ``re`` visit every
code point of its ranges in Python (Hangul syllables and Han are some 40,000), so those
expressions cost most of the module's import time; they are now code point ranges, string
methods, and a text-word pattern whose look-behinds name fewer classes. Each reference below is
the expression (or the function) as it was, built from the module's own class bodies; the new
code must agree with it exhaustively where the input is one character, and on any generated
input otherwise.
"""

from __future__ import annotations

import functools
import random
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matcher_corpus import corpus

from mkdocs_glossary_plugin.matching import Matcher, canonical, script_class
from mkdocs_glossary_plugin.matching import automaton as matcher
from mkdocs_glossary_plugin.matching.keys import _canonical_nfc, _first_word, _fold
from mkdocs_glossary_plugin.matching.scripts import (
    _CJK,
    _HANGUL,
    _LATIN,
    _OTHER,
    _RANGE_FIRSTS,
    _RANGE_LASTS,
    _classify,
    _ClassTable,
    _text_words,
)
from mkdocs_glossary_plugin.model import Term

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- the references: the regular expressions as the matcher compiled them ----------------------

#: The classes in the order they were tried: the first that matches a character is its class.
CLASS_PATTERNS = (
    ("L", re.compile(f"[{_LATIN}]")),
    ("H", re.compile(f"[{_HANGUL}]")),
    ("C", re.compile(f"[{_CJK}]")),
    ("O", re.compile(_OTHER)),
)
WORDS = re.compile(rf"([{_LATIN}]+|(?<![{_HANGUL}])[{_HANGUL}]{{1,2}}|[{_CJK}]+|{_OTHER}+)")
WORD_CHAR = rf"[{_LATIN}{_HANGUL}{_CJK}]|{_OTHER}"
GLUED_HYPHEN = re.compile(rf"(?<={WORD_CHAR})[\-\u2010\u2011](?={WORD_CHAR})")


def reference_class(ch: str) -> str:
    for name, pattern in CLASS_PATTERNS:
        if pattern.match(ch):
            return name
    return ""


def reference_first_word(canon: str) -> str:
    m = WORDS.match(canon)
    return m.group(1) if m else ""


@functools.cache
def reference_text_words(first: str) -> re.Pattern[str]:
    """The pattern as it was; it took ``first`` escaped."""
    first = "".join(map(re.escape, first))
    return re.compile(
        rf"([{_LATIN}{first}]"
        rf"(?:(?<=[{_LATIN}])[{_LATIN}]*"
        rf"|(?<=[{_HANGUL}])(?<![{_HANGUL}].)[{_HANGUL}]?"
        rf"|(?<=[{_CJK}])(?<![{_CJK}].)[{_CJK}]*"
        rf"|(?<={_OTHER})(?<!{_OTHER}.){_OTHER}*))"
    )


def reference_canonical_nfc(key: str) -> str:
    """``_canonical_nfc`` as it was: the glued hyphens found by look-arounds."""
    if key.isascii():
        low = " ".join(key.lower().split())
        return GLUED_HYPHEN.sub(" ", low) if "-" in low else low
    parts = _fold(key).split()
    low = parts[0]
    for part in parts[1:]:
        if reference_class(low[-1]) != "H" or reference_class(part[0]) != "H":
            low += " "
        low += part
    if "-" in low or "\u2010" in low or "\u2011" in low:
        low = GLUED_HYPHEN.sub(" ", low).replace("\u2010", "-").replace("\u2011", "-")
    return low


# --- one character: every code point -----------------------------------------------------------

EVERY_CHARACTER = "".join(map(chr, range(0x110000)))  # index == code point (surrogates too)


def _spans(pattern: str) -> Iterator[tuple[int, int]]:
    """The runs of code points that ``pattern`` (one character class) matches."""
    for m in re.finditer(f"(?:{pattern})+", EVERY_CHARACTER):
        yield m.span()


def test_every_code_point_has_the_class_the_regular_expressions_gave() -> None:
    """The reference is computed in C, one scan of all code points per class; the first class
    in order wins, so the classes are painted in reverse."""
    expected = [""] * len(EVERY_CHARACTER)
    for name, pattern in reversed(CLASS_PATTERNS):
        for start, end in _spans(pattern.pattern):
            expected[start:end] = [name] * (end - start)
    got = list(map(_classify, EVERY_CHARACTER))
    if got != expected:
        wrong = [f"U+{i:04X}" for i in range(len(got)) if got[i] != expected[i]]
        raise AssertionError(f"{len(wrong)} code points differ: {wrong[:20]}")
    assert set(got) == {"L", "H", "C", "O", ""}


def test_a_word_character_but_underscore_is_isalnum() -> None:
    """``[^\\W_]`` in a ``str`` pattern tests the same predicate as ``str.isalnum``."""
    marks = bytearray(len(EVERY_CHARACTER))
    for start, end in _spans(r"[^\W_]"):
        marks[start:end] = b"\x01" * (end - start)
    expected = bytes(map(str.isalnum, EVERY_CHARACTER))
    if marks != expected:
        wrong = [f"U+{i:04X}" for i in range(len(marks)) if marks[i] != expected[i]]
        raise AssertionError(f"{len(wrong)} code points differ: {wrong[:20]}")


def test_the_ranges_are_sorted_and_do_not_overlap() -> None:
    """What the bisection relies on."""
    assert all(first <= last for first, last in zip(_RANGE_FIRSTS, _RANGE_LASTS, strict=True))
    assert all(last < first for last, first in zip(_RANGE_LASTS, _RANGE_FIRSTS[1:], strict=False))


def test_the_table_remembers_what_it_computed() -> None:
    table = _ClassTable()
    assert table["가"] == "H" and table["a"] == "L" and table["漢"] == "C"
    assert table["α"] == "O" and table["-"] == "" and table["_"] == ""
    assert dict(table) == {"가": "H", "a": "L", "漢": "C", "α": "O", "-": "", "_": ""}
    assert script_class("\U00020000") == "C" and script_class("٣") == "O"


# --- strings: generated ------------------------------------------------------------------------

#: Every class and its edges: ASCII and other Latin (fullwidth, combining accent, ordinals),
#: Hangul syllables and jamo of every block, Han (also outside the BMP), kana, CJK symbols that
#: count as CJK, other scripts' letters and digits, a letter-like symbol of no class, the
#: underscore, every hyphen, whitespace of several kinds (a newline, which ``.`` does not
#: match), the linker's NUL and U+FFFC, and regex-special punctuation.
ALPHABET = "".join(
    (
        "aAzZ09ªéǅ\u0301Ａｚ０ʰ",
        "가나힣가ㄱㅎꥠힰ",
        "漢字々〆カかｶ⺀\U00020000",
        "αΣяبـ٣४ก",
        "™_",
        "-\u2010\u2011",
        " \t\n\xa0\u3000",
        "\x00\ufffc",
        ".()>^]\\[",
    )
)
texts = st.one_of(st.text(alphabet=ALPHABET, max_size=40), st.text(max_size=20))


@SETTINGS
@given(st.one_of(st.text(alphabet=ALPHABET, min_size=1, max_size=12), st.text(min_size=1)))
def test_first_word_is_what_the_word_pattern_matched(canon: str) -> None:
    assert _first_word(canon) == reference_first_word(canon)


@SETTINGS
@given(texts)
def test_first_word_of_a_canonical_key(key: str) -> None:
    canon = canonical(key)
    if canon:
        assert _first_word(canon) == reference_first_word(canon)


@SETTINGS
@given(texts)
def test_canonical_is_what_the_look_arounds_gave(key: str) -> None:
    key = unicodedata.normalize("NFC", key).strip()
    if key:
        assert _canonical_nfc(key) == reference_canonical_nfc(key)


#: Sets of first characters of anchors: none, each script alone, all together, and with what
#: the matcher never passes (a Latin letter, punctuation, characters special in a class).
FIRSTS = [
    "",
    "가",
    "가나ᄀㄱ",
    "漢カ",
    "\U00020000",
    "αبя",
    "가漢α",
    "가나漢カαب٣",
    "a가",
    "-^]\\가",
    "._漢α",
]


@pytest.mark.parametrize("first", FIRSTS)
def test_text_words_split_a_text_as_before(first: str) -> None:
    new, old = _text_words(first), reference_text_words(first)

    @SETTINGS
    @given(texts)
    def check(text: str) -> None:
        assert new.split(text) == old.split(text)

    check()
    text = "가나 漢字, αβ가 ab가나다 \n가 \U00020000カ 나가-가 aα가"
    assert new.split(text) == old.split(text)


# --- the matcher: built with the references, same mentions -------------------------------------


@pytest.fixture
def reference_compiler(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Build a :class:`Matcher` with the old anchors, canonical forms and text-word pattern."""

    def build(terms: list[Term]) -> Matcher:
        with monkeypatch.context() as m:
            m.setattr(matcher, "_first_word", reference_first_word)
            m.setattr(matcher, "_canonical_nfc", reference_canonical_nfc)
            m.setattr(matcher, "_text_words", reference_text_words)
            return Matcher(terms)

    yield build


#: Key words of every script, some of them prefixes of others, and glue.
KEY_WORDS = ["ab", "abc", "x1", "가나", "가나다", "ᄀ가", "漢字", "漢", "カナ", "αβ", "яб", "ب٣"]
GLUE = ["", " ", "-", "\u2010", "  ", "\n", "_", "s", "는", "를", "이다", ", ", "ab", "가", "α"]


def _corpus(rng: random.Random) -> tuple[list[Term], list[str]]:
    return corpus(rng, KEY_WORDS, GLUE)


@pytest.mark.parametrize("seed", range(6))
def test_the_matcher_finds_what_it_found_with_the_regular_expressions(
    seed: int, reference_compiler: Any
) -> None:
    rng = random.Random(seed)
    terms, flows = _corpus(rng)
    old, new = reference_compiler(terms), Matcher(terms)
    assert old._anchors == new._anchors and old._cased_anchors == new._cased_anchors
    found = [new.find(text) for text in flows]
    assert found == [old.find(text) for text in flows]
    assert sum(map(len, found)) > 100  # the corpus does mention its keys
