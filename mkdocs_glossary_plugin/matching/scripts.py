"""Script classes: which characters make one word, and where a word ends.

Python's ``\\b`` cannot tell where a Korean word ends (``GPU가`` is one run of word characters to
it), so the matcher decides word edges by script instead. Every character falls into one class:
Latin (with digits and Latin diacritics), Hangul, CJK (Han and kana), other letters, and
non-letters. Two characters of the same class side by side belong to one word; a change of class
is a word edge.

Edges (never ``\\b``)
=====================

A key never starts inside a word of its own class (``미니배치`` does not contain ``배치``,
``gradients`` does not contain ``radient``), while two classes side by side are an edge
(``ResNet에서는``). A hyphen or underscore glued between two words joins them into one name
(``Pre-ResNet``, ``ResNet-50``, ``pre_ResNet``), except a hyphen between a Latin (or digit) word
and a Hangul word, which is an edge on both sides (``OpenAPI-특화``, ``딥-ResNet``): Korean writes
it to attach a Korean word to a foreign name, not to coin one name. A full stop, ``@`` or ``\\``
glued between two Latin words joins them too (``ViT.py``, ``torch.nn.Dropout``,
``dropout@lab.org``): a file name, identifier or address, never prose. At the end:

* a Latin-final key must not be followed by a Latin letter or digit, except an English plural
  ending (see :func:`.keys._plural_kind`); any Hangul may follow it (``FLOPs가``,
  ``ResNet기반``);
* a Hangul-final key is followed by the end of the text, a non-Hangul character, or a run of
  Hangul that is entirely a Korean particle / copula / light-verb ending / relational suffix
  sequence (:func:`.korean.is_particle_sequence`), never by other Hangul (``텐서`` is not in
  ``텐서플로``, ``보안`` is not in ``보안용어`` although ``보안용`` is ``보안`` + ``-용``).

This module holds the classes and the characters that join or part words; the automaton applies
the rules at each mention (:meth:`.automaton.Matcher._match_at` on the left,
:meth:`.automaton.Matcher._accepts` on the right), where they cost a few lookups per candidate.
It also cuts a text into the words that may begin a key (:func:`_text_words`), since that is a
pattern of the same classes.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right

__all__ = ["script_class"]

#: Hangul syllables and every block of jamo (conjoining, compatibility, extended A and B).
_HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff"
#: Han ideographs and kana: scripts written without spaces, never glued to Hangul or Latin.
_CJK = (
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c\u3040-\u30ff"
    "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
#: Latin letters (with extensions, IPA, fullwidth forms), ASCII and fullwidth digits, and the
#: combining diacritics that stay separate after NFC. Digits belong to Latin words (``ResNet50``).
_LATIN = (
    "0-9A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u0300-\u036f"
    "\u1d00-\u1dff\u1e00-\u1eff\u2071\u207f\u2090-\u209c\u2c60-\u2c7f\ua720-\ua7ff"
    "\uab30-\uab6f\ufb00-\ufb06\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
)
_OTHER = rf"[^\W_{_LATIN}{_HANGUL}{_CJK}]"


def _ranges(spec: str) -> list[tuple[int, int]]:
    """The code point ranges of a character class body made of characters and ``a-b`` ranges
    (the three above: no escapes, no ``-`` of its own)."""
    out = []
    i = 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            out.append((ord(spec[i]), ord(spec[i + 2])))
            i += 3
        else:
            out.append((ord(spec[i]), ord(spec[i])))
            i += 1
    return out


def _range_table() -> tuple[list[int], list[int], list[str]]:
    """The ranges of the three classes sorted by their first code point: the firsts, the lasts
    and the class of each (the classes do not overlap)."""
    rows = sorted(
        (first, last, name)
        for name, spec in (("L", _LATIN), ("H", _HANGUL), ("C", _CJK))
        for first, last in _ranges(spec)
    )
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


_RANGE_FIRSTS, _RANGE_LASTS, _RANGE_CLASSES = _range_table()


def _classify(ch: str) -> str:
    """The script class of ``ch`` (see :func:`script_class`), computed.

    Code point ranges rather than regular expressions of the classes: compiling a class makes
    ``re`` visit every code point of its ranges one by one in Python (some 40,000 here), which
    cost about 6 ms at import for the four classes. ``[^\\W_]``, what the other scripts' letters
    and digits are in a regular expression, is ``str.isalnum`` of the character: ``re`` tests a
    word character of a ``str`` pattern with the same Unicode predicate, plus ``_``.
    """
    code = ord(ch)
    i = bisect_right(_RANGE_FIRSTS, code) - 1
    if i >= 0 and code <= _RANGE_LASTS[i]:
        return _RANGE_CLASSES[i]
    return "O" if ch.isalnum() else ""


class _ClassTable(dict[str, str]):
    """Character -> script class, filled on first sight of each character.

    The matcher looks up the class of a few characters around every candidate; ``table[ch]`` is
    one dictionary lookup in C, and :func:`_classify` runs only for a character never seen.
    """

    def __missing__(self, ch: str) -> str:
        cls = self[ch] = _classify(ch)
        return cls


_CLASSES = _ClassTable()

_WORD_CLASSES = ("L", "H", "C", "O")
_ALL_PAIRS = frozenset((a, b) for a in _WORD_CLASSES for b in _WORD_CLASSES)
_LATIN_PAIR = frozenset({("L", "L")})
#: Characters that join two words into one name when glued between them, each with the pairs of
#: script classes (the word before, the word after) it joins; between any other pair, or next to
#: a non-word character, it is an edge. A hyphen joins (``Pre-ResNet``, ``ResNet-50``) but for
#: a Latin (or digit) word and a Hangul word (``OpenAPI-특화``, ``딥-ResNet``): Korean writes it
#: to attach a Korean word to a foreign name. An underscore always joins (``config_설정`` is an
#: identifier). A full stop, an at sign or a backslash glued between two Latin (or digit) words
#: makes a name that is not prose: a file name (``vit_base.py``, ``ViT.py``), a dotted
#: identifier (``torch.nn.Dropout``), a domain or an e-mail address (``dropout@lab.org``), a
#: version (``1.0.dropout``), a Windows path (``models\ViT``); in prose a full stop ends a
#: sentence and a space follows it, and Korean, which follows a foreign name directly
#: (``ViT.이``), is not joined.
_JOINERS: dict[str, frozenset[tuple[str, str]]] = {
    **dict.fromkeys("-\u2010\u2011", _ALL_PAIRS - {("L", "H"), ("H", "L")}),
    "_": _ALL_PAIRS,
    **dict.fromkeys(".@\\", _LATIN_PAIR),
}
#: Hyphens: between two words of a key they are the same as a space.
_HYPHENS = frozenset("-\u2010\u2011")
_HANGUL_RUN = re.compile(f"[{_HANGUL}]+")


@functools.lru_cache(maxsize=8)
def _text_words(first: str) -> re.Pattern[str]:
    """The words of a text that may be anchors, for :func:`re.split`, given ``first``: the
    first characters of the anchors that are not Latin.

    The one group is the anchor of a word, as :func:`.keys._first_word` cuts it, so that every
    second piece of the split is an anchor and the lengths of the pieces before it add up to its
    offset. The pattern begins with one character class, which lets ``re`` skip to the next
    possible start in a tight loop rather than try the pattern at every character: every Latin
    letter (a Latin word is taken whole, so the scan never stops inside one), and of the other
    scripts only the characters that begin an anchor (most Hangul words cannot be one). A
    look-behind makes sure that a Hangul, CJK or other-script anchor begins its word: the rest
    of a word is skipped, or tried and refused, and stays in the piece between two anchors.

    Which alternative a match takes is told by the character just matched, which is Latin or
    one of ``first``: so the look-behind that picks an alternative names only the characters of
    ``first`` of its script (the Latin one: none of them) rather than the whole class, and the
    alternative of a script without any is left out. Each class of Hangul or CJK in the pattern
    costs ``re`` a visit of each of its code points when compiling (the pattern as it was
    written before took 10 ms); this keeps to the classes that can match.
    """
    by_class: dict[str, str] = {"H": "", "C": "", "O": ""}
    for ch in first:
        cls = _CLASSES[ch]
        if cls in by_class:  # a Latin one is in the Latin class, a non-word one never matches
            by_class[cls] += re.escape(ch)
    starts = "".join(by_class.values())
    if not starts:
        return re.compile(f"([{_LATIN}]+)")
    alternatives = [f"(?<![{starts}])[{_LATIN}]*"]
    if by_class["H"]:
        alternatives.append(rf"(?<=[{by_class['H']}])(?<![{_HANGUL}].)[{_HANGUL}]?")
    if by_class["C"]:
        alternatives.append(rf"(?<=[{by_class['C']}])(?<![{_CJK}].)[{_CJK}]*")
    if by_class["O"]:
        alternatives.append(rf"(?<=[{by_class['O']}])(?<!{_OTHER}.){_OTHER}*")
    return re.compile(rf"([{_LATIN}{starts}](?:{'|'.join(alternatives)}))")


def script_class(ch: str) -> str:
    """The script class of one character: ``L`` (Latin and digits), ``H`` (Hangul), ``C`` (CJK),
    ``O`` (another script's letter), or ``""`` (space, punctuation, symbol).

    Two characters of the same class side by side belong to one word; a change of class is a word
    edge. Digits count as Latin: ``ResNet50`` is one word, while ``3차원`` is ``3`` + ``차원``.
    """
    return _CLASSES[ch]
