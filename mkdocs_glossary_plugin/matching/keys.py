"""How a glossary key is read: its canonical form, its words, its case and its English plural.

The compiled trie holds every key in one *canonical form*, so that the ways a text may write a
key meet in one path: lower case (a text is searched lower-cased, with :func:`_fold`, which keeps
every offset); a space or a hyphen between two words becomes one separator, since prose writes
``residual block``, ``residual-block`` and a line break between the two alike; spaces between two
Hangul syllables disappear, because Korean spacing of compound nouns is optional (``귀납 편향``,
``귀납편향``). A key's *anchor* (:func:`_first_word`) is the first word of that form: a key can
only start where a text word begins, and the automaton looks only at the text words that are
anchors.

The rest of a key's reading is per key and made once, when compiling: whether it is compared as
written (``case_sensitive: auto`` reads an upper-case letter inside a word as an acronym or a
coined name, :func:`_auto_case_sensitive`), and how its English plural is spelled
(:func:`_plural_kind`). Where a function here takes a shortcut (string methods rather than a
regular expression: a fraction of the cost on strings this short, and the compiler reads every
key), a differential test pins it to the plain version (``tests/test_matcher_compile.py``,
``tests/test_matcher_classes.py``).
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from .scripts import _CLASSES

__all__ = ["canonical"]

#: The separator of the canonical form (stands for a space or a hyphen between words).
_SEP = " "

_SEPARATORS = re.compile(r"[\s\-\u2010\u2011]+")
#: An ASCII word: the Latin class in ASCII (ASCII has no other word character).
_ASCII_WORD = re.compile("[0-9A-Za-z]+")


def _first_word(canon: str) -> str:
    """The *anchor* of a key (see :meth:`.automaton.Matcher._add_anchors`): the first word of its
    canonical form, a run of characters of the class of the first one; of Hangul, only the
    first one or two syllables. Empty when the key starts with a non-word character.

    What ``([L]+|[H]{1,2}|[C]+|O+)`` matches at the start, told by the script classes rather
    than by that regular expression: compiling its classes cost 4 ms at import (``re`` visits
    each of their code points), and this is as fast per key as its match was.
    """
    if canon.isascii():  # most keys; the ASCII word characters are Latin: 0-9, A-Z, a-z
        word = canon.partition(_SEP)[0]
        if word.isalnum():  # the ASCII letters and digits
            return word
        m = _ASCII_WORD.match(canon)
        return m.group() if m else ""
    cls = _CLASSES[canon[0]]
    if not cls:
        return ""
    if cls == "H":
        return canon[:2] if len(canon) > 1 and _CLASSES[canon[1]] == "H" else canon[:1]
    end = 1
    while end < len(canon) and _CLASSES[canon[end]] == cls:
        end += 1
    return canon[:end]


def _fold(text: str) -> str:
    """Lower-case without changing the length (offsets into it are offsets into ``text``).

    ``str.lower`` turns a few characters into two (``İ``); those keep their case. Final sigma is
    folded to ``σ`` so a key and a text agree whatever the context of the sigma.
    """
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if "ς" in low:
        low = low.replace("ς", "σ")
    return low


def canonical(key: str) -> str:
    """The canonical form of a key, as stored in the trie.

    NFC, lower case; a run of whitespace between two Hangul characters disappears (spaces inside
    Hangul terms are optional); any other run of whitespace, and a hyphen between two word
    characters, become one separator. A hyphen elsewhere (``->``) stays a literal ``-``.
    """
    return _canonical_nfc(unicodedata.normalize("NFC", key).strip())


def _glue_hyphens(low: str) -> str:
    """``low`` with every ``-`` glued between two word characters (characters with a script
    class) turned into one separator.

    Cut at the hyphens rather than found by a regular expression with look-arounds of the word
    classes, which took 5 ms to compile at import: the pieces around a hyphen end and begin
    with its neighbours, and an empty piece means another hyphen there, or the start or the
    end of the key.
    """
    pieces = low.split("-")
    if len(pieces) == 1:
        return low
    out = [pieces[0]]
    for before, after in pairwise(pieces):
        glued = before and after and _CLASSES[before[-1]] and _CLASSES[after[0]]
        out.append(_SEP if glued else "-")
        out.append(after)
    return "".join(out)


def _canonical_nfc(key: str) -> str:
    """:func:`canonical` of a key that is already NFC and stripped (the compiler's keys).

    String methods rather than one regular expression over the key: they cost a fraction of it
    on strings this short, and the compiler canonicalises every key. ``str.split`` cuts at the
    runs of whitespace (the same characters as ``\\s``); a run becomes one separator, or nothing
    between two Hangul characters. Then every hyphen becomes the ASCII ``-`` (a hyphen has no
    script class, so no neighbour of a hyphen changes class), and a glued one one separator:
    the characters next to a hyphen are still in the same script class (a dropped run lies
    between two Hangul characters, a separator stays a non-word character), so
    :func:`_glue_hyphens` sees what it would see in the key.
    """
    if key.isascii():  # ASCII folds with str.lower, and has no Hangul
        low = _SEP.join(key.lower().split())
        return _glue_hyphens(low) if "-" in low else low
    parts = _fold(key).split()
    low = parts[0]
    for part in parts[1:]:
        if _CLASSES[low[-1]] != "H" or _CLASSES[part[0]] != "H":
            low += _SEP
        low += part
    if "-" in low or "\u2010" in low or "\u2011" in low:
        low = _glue_hyphens(low.replace("\u2010", "-").replace("\u2011", "-"))
    return low


def _compact(text: str) -> str:
    """``text`` without whitespace and hyphens: what a case-sensitive comparison looks at."""
    return _SEPARATORS.sub("", text)


def _words(key: str) -> list[str]:
    """The words of a key as written, cut at whitespace and hyphens: the words of
    ``_SEPARATORS.split(key)`` with string methods (a fraction of the cost of a regular
    expression on strings this short). The last one is empty when the key ends with a
    separator: such a key has no plural."""
    spaced = key.replace("-", " ")
    if not spaced.isascii():
        spaced = spaced.replace("\u2010", " ").replace("\u2011", " ")
    words = spaced.split()
    if not words or spaced[-1].isspace():
        words.append("")
    return words


def _auto_case_sensitive(words: list[str]) -> bool:
    """``case_sensitive: auto``: a key is case-sensitive when one of its words (:func:`_words`)
    has an upper-case letter after its first letter (``SGD``, ``ViT``, ``ResNet``,
    ``FLoating-point``); otherwise ``Identity Mapping`` also matches ``identity mapping``."""
    for word in words:
        rest = word[1:]
        if rest != rest.lower():
            return True
    return False


#: Plural kinds of a Latin-final key.
_NO_PLURAL, _ACRONYM_S, _PLURAL_S, _PLURAL_ES, _PLURAL_S_ES, _PLURAL_IES = range(6)


#: The endings of each plural kind that :func:`.automaton._plural_suffix` looks for, longest
#: first.
_PLURAL_ENDINGS: dict[int, tuple[str, ...]] = {
    _NO_PLURAL: (),
    _ACRONYM_S: ("s",),
    _PLURAL_S: ("s",),
    _PLURAL_ES: ("es",),
    _PLURAL_S_ES: ("es", "s"),
    _PLURAL_IES: (),
}


def _plural_kind(last: str) -> int:
    """How the English plural of a key is spelled, from its last word as written
    (:func:`_words`).

    * an all-capitals acronym takes only a lower-case ``s`` (``FLOPs``, ``MLPs``): ``FLOPS`` is
      another word, not the plural of ``FLOP``;
    * a word ending in ``s``, ``x``, ``z``, ``sh`` takes ``es`` (``boxes``); one in ``ch`` takes
      ``es`` or ``s`` (``batches``, but ``epochs``, ``stomachs``: spelling does not tell which),
      and so does one in ``o`` (``heroes``, ``photos``); one in a consonant + ``y`` takes ``ies``
      for the ``y`` (``dependencies``);
    * any other Latin word takes ``s``.

    Nothing is singularised: a term written in the plural matches only as written.
    """
    if not last or _CLASSES[last[-1]] != "L" or not last[-1].isalpha():
        return _NO_PLURAL
    letters = [c for c in last if c.isalpha()]
    if all(c.isupper() for c in letters):
        return _ACRONYM_S
    low = last.lower()
    if low.endswith(("s", "x", "z", "sh")):
        return _PLURAL_ES
    if low.endswith(("o", "ch")):
        return _PLURAL_S_ES
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return _PLURAL_IES
    return _PLURAL_S
