"""Find the mentions of glossary terms in a piece of text (GUIDE §4, §12 "Matching").

Pure Python, no MkDocs import: the linker calls :meth:`Matcher.find` on the linkable text of
every page (one flow string per page), so the design is driven by speed and by Korean.

How a text is searched
======================

1. **Normalise without moving offsets.** The text is compared in NFC; when the input is not NFC,
   it is normalised segment by segment and every normalised character remembers where it came from,
   so :class:`Match` offsets always refer to the original string. The NFC text is then lower-cased
   character by character (same length) for the case-insensitive comparison; case-sensitive keys
   are checked against the NFC text afterwards.

2. **Candidates, flat in the number of terms.** A term can only start where a *word* starts (the
   left-edge rule), so every key has an *anchor*: its first Latin (or other-script) word, or its
   first one or two Hangul syllables (spaces between Hangul syllables are optional, and a Hangul
   word is usually glued to particles, so a whole Hangul word cannot be the anchor). One compiled
   regular expression of a handful of character classes splits the text into the words that may
   be anchors (:func:`_text_words`: every Latin word, and the Hangul / CJK / other-script words
   that begin with the first character of some anchor, so that ``re`` skips the others in its
   fast scan for a first character); a set intersection with the anchors of all keys tells
   whether any key can start anywhere, and the running sum of the lengths of the pieces gives
   the offsets of the words that hit, all in C but one step per hit. A flat alternation of
   keys, or a trie-shaped regex, is not used: Python's ``re`` tries the branches of an
   alternation one after another, so its cost per character grows with the number of keys
   (measured: 37 → 885 µs/KB from 100 to 10,000 keys).

3. **Trie walk at the candidate positions.** All keys live in one radix trie of their canonical
   form (lower case; a space or a hyphen between words becomes one separator; spaces between two
   Hangul syllables are dropped). From a candidate position the walk follows the text, one edge
   label at a time (one ``str.startswith``; character by character only where the text writes a
   separator differently): a run of whitespace (also a newline) or a single hyphen between words
   matches a separator, and whitespace between two Hangul syllables may be skipped. Every key that
   ends on the way is a candidate; the longest one that passes every edge rule wins, else a shorter
   one may match (``Residual Block을`` is ``Residual Block``, never ``Residual``). The cost is
   bounded by the length of the longest key, not by the number of keys. The part of the walk
   that follows the anchor word is the same at every occurrence of that word, so it is done
   once per anchor when compiling (:func:`_jump`), and the walk takes up after it.

Edges (never ``\\b``)
=====================

Characters fall into script classes: Latin (with digits and Latin diacritics), Hangul, CJK
(Han and kana), other letters, and non-letters. A key never starts inside a word of its own
class (``미니배치`` does not contain ``배치``, ``gradients`` does not contain ``radient``),
while two classes side by side are an edge (``ResNet에서는``). A hyphen or underscore glued
between two words joins them into one name (``Pre-ResNet``, ``ResNet-50``, ``pre_ResNet``),
except a hyphen between a Latin (or digit) word and a Hangul word, which is an edge on both
sides (``OpenAPI-특화``, ``딥-ResNet``): Korean writes it to attach a Korean word to a foreign
name, not to coin one name. At the end:

* a Latin-final key must not be followed by a Latin letter or digit, except an English plural
  ending (see :func:`_plural_kind`); any Hangul may follow it (``FLOPs가``, ``ResNet기반``);
* a Hangul-final key is followed by the end of the text, a non-Hangul character, or a run of
  Hangul that is entirely a Korean particle / copula / light-verb ending / relational suffix
  sequence (:data:`PARTICLE_SEQUENCES`), never by other Hangul (``텐서`` is not in
  ``텐서플로``, ``보안`` is not in ``보안용어`` although ``보안용`` is ``보안`` + ``-용``).
"""

from __future__ import annotations

import functools
import gc
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate, compress, pairwise, product
from typing import Any, Literal, NamedTuple

from .function_words import function_word_language
from .model import Problem, Term

__all__ = [
    "PARTICLE_SEQUENCES",
    "Match",
    "Matcher",
    "canonical",
    "is_particle_sequence",
    "script_class",
]


# --------------------------------------------------------------------------------------------
# Script classes
# --------------------------------------------------------------------------------------------

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

#: Characters that join two words into one name when glued between them.
_JOINERS = frozenset("-\u2010\u2011_")
#: The script classes on the two sides of a glued hyphen that make it an edge rather than a
#: joiner: a Latin (or digit) word and a Hangul word (``OpenAPI-특화``, ``딥-ResNet``). An
#: underscore always joins (``config_설정`` is an identifier).
_HYPHEN_EDGES = frozenset((("L", "H"), ("H", "L")))
#: Hyphens: between two words of a key they are the same as a space.
_HYPHENS = frozenset("-\u2010\u2011")
#: The separator of the canonical form (stands for a space or a hyphen between words).
_SEP = " "

_SEPARATORS = re.compile(r"[\s\-\u2010\u2011]+")
_HANGUL_RUN = re.compile(f"[{_HANGUL}]+")
#: An ASCII word: the Latin class in ASCII (ASCII has no other word character).
_ASCII_WORD = re.compile("[0-9A-Za-z]+")


def _first_word(canon: str) -> str:
    """The *anchor* of a key (see :meth:`Matcher._add_anchors`): the first word of its
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


@functools.lru_cache(maxsize=8)
def _text_words(first: str) -> re.Pattern[str]:
    """The words of a text that may be anchors, for :func:`re.split`, given ``first``: the
    first characters of the anchors that are not Latin.

    The one group is the anchor of a word, as :func:`_first_word` cuts it, so that every second
    piece of the split is an anchor and the lengths of the pieces before it add up to its
    offset. The pattern begins with one character class, which lets ``re`` skip to the next
    possible start in a tight loop rather than try the pattern at every character: every Latin
    letter (a Latin word is taken whole, so the scan never stops inside one), and of the other
    scripts only the characters that begin an anchor (most Hangul words cannot be one). A
    look-behind makes sure that a Hangul, CJK or other-script anchor begins its word: the rest
    of a word is skipped, or tried and refused, and stays in the piece between two anchors.

    Which branch a match takes is told by the character just matched, which is Latin or one of
    ``first``: so the look-behind that picks a branch names only the characters of ``first`` of
    its script (the Latin branch: none of them) rather than the whole class, and the branch of
    a script without any is left out. Each class of Hangul or CJK in the pattern costs ``re``
    a visit of each of its code points when compiling (the pattern as it was written before
    took 10 ms); this keeps to the classes that can match.
    """
    by_class: dict[str, str] = {"H": "", "C": "", "O": ""}
    for ch in first:
        cls = _CLASSES[ch]
        if cls in by_class:  # a Latin one is in the Latin class, a non-word one never matches
            by_class[cls] += re.escape(ch)
    starts = "".join(by_class.values())
    if not starts:
        return re.compile(f"([{_LATIN}]+)")
    branches = [f"(?<![{starts}])[{_LATIN}]*"]
    if by_class["H"]:
        branches.append(rf"(?<=[{by_class['H']}])(?<![{_HANGUL}].)[{_HANGUL}]?")
    if by_class["C"]:
        branches.append(rf"(?<=[{by_class['C']}])(?<![{_CJK}].)[{_CJK}]*")
    if by_class["O"]:
        branches.append(rf"(?<=[{by_class['O']}])(?<!{_OTHER}.){_OTHER}*")
    return re.compile(rf"([{_LATIN}{starts}](?:{'|'.join(branches)}))")


def script_class(ch: str) -> str:
    """The script class of one character: ``L`` (Latin and digits), ``H`` (Hangul), ``C`` (CJK),
    ``O`` (another script's letter), or ``""`` (space, punctuation, symbol).

    Two characters of the same class side by side belong to one word; a change of class is a word
    edge. Digits count as Latin: ``ResNet50`` is one word, while ``3차원`` is ``3`` + ``차원``.
    """
    return _CLASSES[ch]


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
    with its neighbours, and an empty piece means another hyphen (or the edge of the key) there.
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


# --------------------------------------------------------------------------------------------
# Korean particles and endings
# --------------------------------------------------------------------------------------------

_S_BASE = 0xAC00
_EU = "으"
#: Final consonants (jongseong) that endings attach to the last syllable of a stem.
_FINAL_INDEX = {"ㄴ": 4, "ㄹ": 8, "ㅁ": 16, "ㅂ": 17, "ㅆ": 20}
#: Medial vowels (jungseong) by their index in a syllable.
_MEDIAL_A, _MEDIAL_AE, _MEDIAL_EO, _MEDIAL_E, _MEDIAL_YEO = 0, 1, 4, 5, 6
_MEDIAL_O, _MEDIAL_WA, _MEDIAL_WAE, _MEDIAL_OE, _MEDIAL_U, _MEDIAL_WEO = 8, 9, 10, 11, 13, 14
_MEDIAL_I = 20


def _decompose(syllable: str) -> tuple[int, int, int]:
    index = ord(syllable) - _S_BASE
    return index // 588, (index % 588) // 28, index % 28


def _compose(initial: int, medial: int, final: int) -> str:
    return chr(_S_BASE + initial * 588 + medial * 28 + final)


def _has_final(syllable: str) -> bool:
    return _decompose(syllable)[2] != 0


def _attach(stem: str, ending: str) -> str:
    """Attach a verbal ending to a stem, following Korean spelling.

    * ``ㄴ``/``ㄹ``/``ㅁ``/``ㅂ``-initial endings fuse into a vowel-final stem (``하`` + ``ㄴ`` =
      ``한``, ``이`` + ``ㅂ니다`` = ``입니다``); after a consonant they take ``으`` (``받은``,
      ``받을``, ``받음``) and ``ㅂ니다`` becomes ``습니다``; ``ㄴ다`` becomes ``는다``.
    * ``(으)``-endings (``(으)면``) take ``으`` only after a consonant (``하면``, ``받으면``).
    """
    last = stem[-1]
    if ending[:1] in _FINAL_INDEX:
        jamo, rest = ending[0], ending[1:]
        if not _has_final(last):
            initial, medial, _ = _decompose(last)
            return stem[:-1] + _compose(initial, medial, _FINAL_INDEX[jamo]) + rest
        if jamo == "ㅂ":
            return stem + "습" + rest
        if jamo == "ㄴ" and rest.startswith("다"):
            return stem + "는" + rest
        initial, medial, _ = _decompose(_EU)
        return stem + _compose(initial, medial, _FINAL_INDEX[jamo]) + rest
    if ending.startswith("(으)"):
        return stem + (_EU if _has_final(last) else "") + ending[3:]
    return stem + ending


def _topic_contracted(form: str) -> str:
    """``form`` (vowel-final) with the topic particle ``는`` written as its final ``ㄴ``, as
    Korean writes it after a vowel: ``하지는`` → ``하진``, ``에서는`` → ``에선``."""
    initial, medial, _ = _decompose(form[-1])
    return form[:-1] + _compose(initial, medial, _FINAL_INDEX["ㄴ"])


def _eo_forms(stem: str) -> list[str]:
    """The stem with the connective ``-아/어`` (the base of ``-아서``, ``-아야``, the past ``-았``,
    and of the auxiliary verbs: ``해 보다``).

    Vowel harmony picks ``아`` after ``ㅏ``/``ㅗ``, else ``어``. The vowels fuse as Korean
    spelling writes them (한글 맞춤법 §34-§36), both ways where both are used: ``하`` →
    ``해``/``하여``; ``ㅏ``/``ㅓ`` absorb the ending (``가`` → ``가``); ``ㅐ``/``ㅔ`` may
    (``내`` → ``내``/``내어``); ``ㅗ``/``ㅜ`` → ``ㅘ``/``ㅝ`` (``보`` → ``봐``/``보아``,
    ``주`` → ``줘``/``주어``); ``ㅚ`` → ``ㅙ`` (``되`` → ``돼``/``되어``); ``ㅣ`` → ``ㅕ``
    (``시키`` → ``시켜``/``시키어``).
    """
    last = stem[-1]
    initial, medial, final = _decompose(last)
    if last == "하":
        return [stem[:-1] + "해", stem + "여"]
    if final == 0:
        if medial in (_MEDIAL_A, _MEDIAL_EO):
            return [stem]
        if medial in (_MEDIAL_AE, _MEDIAL_E):
            return [stem, stem + "어"]
        fused = {_MEDIAL_O: _MEDIAL_WA, _MEDIAL_U: _MEDIAL_WEO, _MEDIAL_OE: _MEDIAL_WAE,
                 _MEDIAL_I: _MEDIAL_YEO}.get(medial)  # fmt: skip
        if fused is not None:
            plain = "아" if medial == _MEDIAL_O else "어"
            return [stem[:-1] + _compose(initial, fused, 0), stem + plain]
    return [stem + ("아" if medial in (_MEDIAL_A, _MEDIAL_O) else "어")]


def _past(eo_form: str) -> str:
    """``-았/었``: the ``ㅆ`` fuses into the ``아/어`` syllable (``해`` → ``했``, ``되어`` →
    ``되었``)."""
    initial, medial, _ = _decompose(eo_form[-1])
    return eo_form[:-1] + _compose(initial, medial, _FINAL_INDEX["ㅆ"])


# The noun particles stack in four slots, each optional, in this order (the particle classes of
# the Standard Korean Language Dictionary: 격조사 case, 보조사 auxiliary, 접속조사 conjunctive):
#
#   [adverbial case] [extender] [delimiter] [structural case]
#   에서              부터        는                              에서부터는
#   으로                          만          의                  으로만의 (rare), 으로의
#
# plus ``만`` before the instrumental ``(으)로`` (``만으로도``), the topic ``는`` contracted
# into the syllable before it (``에선``), and the plural ``들`` before all of them.

#: The quotative ``(이)라고``, a case particle that marks a quotation (``정규화라고도``): an
#: adverbial, but the genitive never follows it directly.
_QUOTATIVE = ("라고", "이라고")
#: Case particles that say where, with whom, by what, as what (부사격·공동격 조사), the honorific
#: subject marker, and the quotative. They may be followed by the extenders below
#: (``에서부터``, ``으로부터``).
_ADVERBIAL = (
    "에", "에서", "에게", "에게서", "께", "께서", "한테", "한테서", "더러", "로", "으로",
    "로서", "으로서", "로써", "으로써", "와", "과", "랑", "이랑", "하고", *_QUOTATIVE,
)  # fmt: skip
#: Adverbial particles that also extend another particle (``에서부터``, ``에게까지``). Two of
#: them never stack (``처음부터 끝까지`` is two words).
_EXTENDER = ("부터", "까지", "처럼", "보다", "만큼", "대로", "마다", "같이", "밖에")
#: Auxiliary particles (보조사): topic, also, only, even, or, whatever, precisely.
_DELIMITER = (
    "은", "는", "도", "만", "조차", "마저", "라도", "이라도", "야", "이야", "나", "이나",
    "든지", "이든지", "든", "이든", "든가", "이든가", "나마", "이나마", "뿐", "요", "은커녕",
    "는커녕", "야말로", "이야말로",
)  # fmt: skip
#: Delimiters after which a structural particle may still come (``만을``, ``뿐이``).
_DELIMITER_OPEN = ("만", "뿐")
#: Structural case particles (subject, object, genitive): always last.
_STRUCTURAL = ("이", "가", "을", "를", "의")
#: The instrumental particles, the one case ``만`` may also stand before (``만으로``, next to
#: ``으로만``; before the other cases ``만`` comes after: ``에게만``, never ``만에게``).
_INSTRUMENTAL = ("으로", "으로서", "으로써")
#: Particles whose vowel-final last syllable takes the topic ``는`` as a final ``ㄴ`` in
#: writing (``에선``, ``으론``, ``라곤``, ``부턴``, ``까진``, ``보단``, ``밖엔``). Only the
#: contractions Korean writes (``와는``, ``마다는``, ``더러는`` stay as they are), and none
#: that is also a noun suffix: ``로는`` → ``론`` is left out, ``모델론`` is a "theory of models".
_TOPIC_CONTRACTS = (
    "에", "에서", "에게", "에게서", "한테", "한테서", "께서", "으로", "로서", "으로서",
    "라고", "이라고", "부터", "까지", "보다", "밖에",
)  # fmt: skip

#: Verbal endings that attach to a stem as written (``다``) or through :func:`_attach`.
_ENDINGS = (
    "다", "고", "고서", "고는", "고도", "고자", "(으)며", "(으)면", "(으)면서", "(으)면서도",
    "(으)므로", "(으)니", "(으)니까", "(으)나", "지", "지만", "지요", "죠", "지는", "지도", "게",
    "게끔", "도록", "되", "듯이", "기", "는", "는데", "는지", "는가", "던", "든지", "든", "거나",
    "거든", "(으)려고", "(으)려면", "(으)려는", "자", "자마자", "네", "냐", "느냐", "더라도",
    "다가", "다는", "다고", "다면", "ㄴ", "ㄴ다", "ㄴ다면", "ㄴ다고", "ㄴ다는", "ㄴ데", "ㄴ지",
    "ㄴ가", "ㄹ", "ㄹ수록", "ㄹ까", "ㄹ지", "ㅁ", "ㅂ니다", "ㅂ니다만", "ㅂ니까", "ㅂ시다",
)  # fmt: skip
#: Endings after the connective ``-아/어`` form (``해서``, ``되어야``) and bare ``해``;
#: ``선`` is ``서는`` with the topic contracted (``해선``).
_EO_ENDINGS = ("", "서", "야", "도", "요", "야만", "서는", "서도", "선", "라")
#: Endings after the past stem (``했다``, ``되었으며``) and after ``-겠-`` (``하겠습니다``).
_PAST_ENDINGS = (
    "다", "고", "으며", "으나", "으면", "으므로", "으니", "으니까", "는데", "는지", "을", "던",
    "지만", "습니다", "어요", "기", "음", "다는", "다고", "다면", "을지", "더라도",
)  # fmt: skip
#: Nominalising endings: a particle may follow them (``하기를``, ``함으로써``, ``임을``).
_NOMINAL_ENDINGS = ("기", "ㅁ")
#: Connective endings that take a delimiter (``하고도``, ``해서는``, ``하지도``, ``하진``).
_DELIMITABLE_ENDINGS = ("고", "지", "게", "도록", "(으)면서", "(으)려고")
#: Those of them whose topic ``는`` is written contracted (``하진``, ``하곤``).
_TOPIC_CONTRACTED_ENDINGS = ("고", "지")
#: Endings only the honorific ``-(으)시-`` takes, fused with it (``하세요``, ``하십시오``).
_HONORIFIC_ENDINGS = ("세요", "십시오")

#: Light verbs that turn a noun into a verb (정규화하다, 정규화되다, 학습시키다, 학습받다).
_LIGHT_VERBS = ("하", "되", "시키", "받", "당하")
#: Auxiliary verbs after the ``-아/어`` form of a light verb, which Korean spelling lets be
#: written glued to it (한글 맞춤법 §47: ``해 보다``/``해보다``, ``되어 있다``/``되어있다``):
#: try, give, give (humble), keep, lay, finish off, get through, come, go, be in a state.
_AUXILIARIES = ("보", "주", "드리", "두", "놓", "버리", "내", "오", "가", "있")
#: An adjective written glued to a noun although spelling wants a space (``모델같은``): its
#: forms follow the noun like those of a light verb. (``같이`` glued is also the particle.)
_GLUED_ADJECTIVES = ("같",)
#: Noun suffixes that relate the noun to something without making another concept of it:
#: ``-용`` for (``보안용``), ``-상`` in terms of (``보안상``), ``-별`` by (``모델별``), ``-당``
#: per (``배치당``). The noun they make takes particles and the copula (``보안상의``,
#: ``보안용이다``). ``-적`` and ``-성`` are not here: they make a new word, an adjective or a
#: property (``비동기적``, ``비동기성``), which needs its own alias to be linked.
_NOUN_SUFFIXES = ("용", "상", "별", "당")
#: Copula endings that keep their form after a vowel-final noun without ``이``
#: (``정규화다``, ``정규화라는``, ``정규화며``): only these, because a bare one-syllable ending
#: such as ``기`` or ``자`` is more often the end of another noun (``연산자``).
_COPULA_DROP = (
    "다", "고", "며", "면", "라", "라서", "라고", "라는", "라면", "란", "므로", "지만",
    "니까", "든지", "나", "라도", "던",
)  # fmt: skip
#: Copula forms that exist only with ``이``.
_COPULA_ONLY = ("이라", "이라서", "이라고", "이라는", "이라면", "이란", "이며")
#: The copula's ``-어`` forms: ``이어`` after a consonant, contracted ``여`` after a vowel
#: (``비동기여야``); the endings they take are those of :data:`_EO_ENDINGS` but the bare form
#: (``여`` alone is the vocative particle) and the imperative ``라``.
_COPULA_EO = ("이어", "여")
_COPULA_EO_ENDINGS = tuple(e for e in _EO_ENDINGS if e not in ("", "라"))


def _nominal_particles() -> tuple[str, ...]:
    """Particles after a nominalised verb or copula (``하기를``, ``하기로``, ``함으로써``,
    ``하기보다는``, ``임에도``): a case particle or extender, alone or with ``는``/``도``/``만``;
    a structural one; ``만`` before a structural one; or a delimiter alone. Bounded on purpose:
    a nominalised verb stays a verb form and takes no long stacks.
    """
    cases = ("에", "에서", "로", "으로", "로서", "으로서", "로써", "으로써", "과", "와",
             "까지", "보다", "부터", "만큼", "처럼")  # fmt: skip
    out = {c + d for c in cases for d in ("", "는", "도", "만")}
    out.update(_STRUCTURAL)
    out.update("만" + s for s in _STRUCTURAL)
    out.update(("은", "는", "도", "만", "란", "이란", "조차", "마저", "이나", "나", "이야",
                "야", "라도", "이라도", "뿐"))  # fmt: skip
    return tuple(sorted(out))


#: Particles after a nominalised verb or copula (see :func:`_nominal_particles`).
_NOMINAL_PARTICLES = _nominal_particles()

_ADVERBIALS = ("", *_ADVERBIAL, *("만" + i for i in _INSTRUMENTAL))
_EXTENDERS = ("", *_EXTENDER)
_DELIMITERS = (
    "",
    *_DELIMITER,
    *(f"{a}{b}" for a in _DELIMITER_OPEN for b in _DELIMITER if b != a),  # 만은, 뿐만
)
_SUBJECT_OBJECT = frozenset(("이", "가", "을", "를"))
#: [adverbial][extender] with the topic ``는`` contracted into its last syllable (``에선``,
#: ``에서부턴``, ``만으론``): a whole sequence, nothing follows the topic.
_TOPIC_CONTRACTED = frozenset(
    _topic_contracted(a + e)
    for a in _ADVERBIALS
    for e in _EXTENDERS
    if (e or a) and (e or a.removeprefix("만")) in _TOPIC_CONTRACTS
)


def _noun_particle_sequences() -> set[str]:
    """Particle sequences after a noun, in the order Korean grammar stacks them.

    [adverbial particle] [extender] [delimiter] [structural particle], each optional:
    ``에서는``, ``에게도``, ``으로써``, ``으로부터의``, ``까지만``, ``만을``, ``과의``,
    ``라고도``. A structural subject/object marker (이/가/을/를) only follows nothing, an
    extender (``까지를``) or an open delimiter (``만을``); the genitive ``의`` also follows an
    adverbial (``에서의``) but the quotative. A delimiter may follow ``만``/``뿐`` (``만은``,
    ``만이라도``, ``뿐만``). ``만`` may also stand before the instrumental (``만으로도``), and
    the topic ``는`` may be contracted into the particle before it (``에선``).
    """
    out: set[str] = set(_TOPIC_CONTRACTED)
    for adverbial, extender, delimiter, structural in product(
        _ADVERBIALS, _EXTENDERS, _DELIMITERS, ("", *_STRUCTURAL)
    ):
        if structural in _SUBJECT_OBJECT:
            if delimiter and not delimiter.endswith(_DELIMITER_OPEN):
                continue
            if adverbial and not extender and not delimiter:
                continue
        if structural == "의":
            if delimiter and not delimiter.endswith(_DELIMITER_OPEN):
                continue
            if adverbial in _QUOTATIVE and not extender and not delimiter:
                continue
        out.add(adverbial + extender + delimiter + structural)
    out.discard("")
    return out


def _copula_forms() -> set[str]:
    """Forms of the copula ``이다`` after a noun (``이다``, ``인``, ``입니다``, ``이었다``,
    ``였다``, ``이에요``/``예요``, ``이어야``/``여야``, ``이라는``/``라는``, ``임을``,
    ``이기에``)."""
    forms: set[str] = set(_COPULA_ONLY)
    for ending in _ENDINGS:
        forms.add(_attach("이", ending))
    for past in ("이었", "였"):
        forms.update(past + e for e in _PAST_ENDINGS)
    forms.update(eo + e for eo in _COPULA_EO for e in _COPULA_EO_ENDINGS)
    forms.update(("이에요", "예요"))
    forms.update(_COPULA_DROP)
    forms.update(c + p for c in ("임", "이기") for p in _NOMINAL_PARTICLES)
    return forms


def _conjugations(stem: str) -> set[str]:
    """The forms of a verb or adjective ``stem``: ``하`` → ``하면``, ``한``, ``해서``,
    ``했다``, ``하겠습니다``, ``함으로써``, ``하기로``, ``하고도``, ``하진``; ``하시`` →
    ``하세요``. Every form begins with ``stem[:-1]``: the endings change only its last
    syllable."""
    forms: set[str] = set()
    for ending in _ENDINGS:
        forms.add(_attach(stem, ending))
    for ending in _NOMINAL_ENDINGS:
        nominal = _attach(stem, ending)
        forms.update(nominal + p for p in _NOMINAL_PARTICLES)
    for ending in _DELIMITABLE_ENDINGS:
        form = _attach(stem, ending)
        forms.update(form + d for d in ("는", "도", "만", "요"))
        if ending in _TOPIC_CONTRACTED_ENDINGS:
            forms.add(_topic_contracted(form))
    for eo in _eo_forms(stem):
        forms.update(eo + e for e in _EO_ENDINGS)
        forms.update(_past(eo) + e for e in _PAST_ENDINGS)
    forms.update(stem + "겠" + e for e in _PAST_ENDINGS)
    if stem[-1] == "시":
        forms.update(stem[:-1] + e for e in _HONORIFIC_ENDINGS)
    return forms


def _verb_stems() -> dict[str, frozenset[str]]:
    """The verb stems that may follow a noun, as ``stem[:-1]`` -> the last syllables it ends
    with: the light verbs (``하``, ``당하``), the light verbs with an auxiliary after their
    ``-아/어`` form (``해보``, ``되어있``, ``시켜두``), the glued adjectives (``같``), and the
    honorific ``-(으)시-`` of each verb (``하시``, ``해보시``, ``받으시``)."""
    verbs = set(_LIGHT_VERBS)
    for light in _LIGHT_VERBS:
        verbs.update(eo + aux for eo in _eo_forms(light) for aux in _AUXILIARIES)
    verbs.update({_attach(v, "(으)시") for v in verbs})
    verbs.update(_GLUED_ADJECTIVES)
    stems: dict[str, set[str]] = {}
    for verb in verbs:
        stems.setdefault(verb[:-1], set()).add(verb[-1])
    return {head: frozenset(lasts) for head, lasts in stems.items()}


class _Tails(dict[str, frozenset[str]]):
    """Last syllable of a verb stem -> its forms (:func:`_conjugations`), worked out the first
    time a text needs them: the forms of a stem are ``stem[:-1]`` followed by one of these.
    Building all of them cost some 4 ms at import, which every build would pay, while a site
    meets a few of them."""

    def __missing__(self, last: str) -> frozenset[str]:
        tails = self[last] = frozenset(_conjugations(last))
        return tails


#: Verb stems after a noun (see :func:`_verb_stems`), by all but their last syllable.
_VERB_STEMS = _verb_stems()
_VERB_TAILS = _Tails()


def _verb_forms() -> set[str]:
    """Every conjugated verb after a noun (:data:`_VERB_STEMS` with :data:`_VERB_TAILS`):
    ``정규화하면``, ``정규화된``, ``학습시켜``, ``양자화했다``, ``변환함으로써``,
    ``정규화해보기``, ``정규화되어있다``, ``정규화하세요``, ``모델같은``."""
    return {
        head + tail
        for head, lasts in _VERB_STEMS.items()
        for last in lasts
        for tail in _VERB_TAILS[last]
    }


def _is_verb_form(text: str) -> bool:
    """Whether ``text`` is in :func:`_verb_forms`, without enumerating them: cut it after each
    syllable into a stem head of :data:`_VERB_STEMS` and a tail of its last syllables."""
    for cut in range(len(text)):
        lasts = _VERB_STEMS.get(text[:cut])
        if lasts is not None:
            tail = text[cut:]
            for last in lasts:
                if tail in _VERB_TAILS[last]:
                    return True
    return False


def _particle_sequences() -> frozenset[str]:
    """Everything that may follow a Hangul-final term inside the same word.

    * noun particles, alone or stacked (:func:`_noun_particle_sequences`);
    * the copula ``이다`` in its forms, after the noun or after an extender / open delimiter
      (``까지이다``, ``뿐이다``), and nominalised copula forms with a particle (``임을``);
    * the light verbs ``하다``/``되다``/``시키다``/``받다``/``당하다`` conjugated, also with an
      auxiliary verb or the honorific, and the glued adjective ``같다`` (:func:`_verb_forms`);
    * the plural ``들``, alone or followed by any noun particle or copula form (``블록들을``,
      ``블록들이다``);
    * a noun suffix ``-용``/``-상``/``-별``/``-당``, alone or followed by any noun particle or
      copula form (``보안상의``, ``보안용이다``).

    The list is generated from the grammar rather than from examples, and it over-generates a
    little (a particle that does not suit the noun's last sound is accepted: ``정규화을``), which
    only makes the matcher tolerant of typos. What it cannot know is a noun that happens to end
    like a particle (``가속도`` is ``가속`` + ``도`` to this rule); a longer term that is in the
    glossary still wins there, being the longest match.
    """
    nouns = _noun_particle_sequences()
    copula = _copula_forms()
    out: set[str] = set(nouns) | copula | _verb_forms()
    out.update(p + c for p in (*_EXTENDER, *_DELIMITER_OPEN) for c in copula)
    out.add("들")
    out.update("들" + s for s in nouns | copula)
    out.update(_NOUN_SUFFIXES)
    out.update(x + s for x in _NOUN_SUFFIXES for s in nouns | copula)
    return frozenset(out)


#: Every particle / copula / light-verb / suffix sequence that may follow a Hangul-final term:
#: some 230,000 strings, enumerated from the grammar on first use (for tests and documentation) by
#: :func:`_particle_sequences`. The matcher does not need them: :func:`is_particle_sequence`
#: recognises the same strings without enumerating them.
PARTICLE_SEQUENCES: frozenset[str]


def __getattr__(name: str) -> frozenset[str]:
    """Enumerate :data:`PARTICLE_SEQUENCES` when it is first asked for (PEP 562): it took
    most of the import time of this module, which every build pays, and only tests read it."""
    if name == "PARTICLE_SEQUENCES":
        value = _particle_sequences()
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _by_first(parts: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The parts of a slot by their first syllable, each with the empty part first: what
    :func:`_is_noun_particle_sequence` tries at a point of the text is the parts that begin
    with the syllable there, and nothing."""
    out: dict[str, list[str]] = {}
    for part in parts:
        if part:
            out.setdefault(part[0], [""]).append(part)
    return {first: tuple(found) for first, found in out.items()}


_NOTHING = ("",)
_ADVERBIALS_BY_FIRST = _by_first(_ADVERBIALS)
_EXTENDERS_BY_FIRST = _by_first(_EXTENDERS)
_DELIMITERS_BY_FIRST = _by_first(_DELIMITERS)


def _is_noun_particle_sequence(text: str) -> bool:
    """Whether ``text`` is in :func:`_noun_particle_sequences`, without enumerating them: try
    every way to cut it into [adverbial] [extender] [delimiter] [structural] under the same
    rules. Only the parts that begin with the syllable at the cut are tried (a handful:
    looked up by that syllable), so a run that is no particle is refused in a few steps."""
    if not text:
        return False
    if text in _TOPIC_CONTRACTED:
        return True
    for adverbial in _ADVERBIALS_BY_FIRST.get(text[0], _NOTHING):
        if not text.startswith(adverbial):
            continue
        after_adverbial = len(adverbial)
        at = text[after_adverbial : after_adverbial + 1]
        for extender in _EXTENDERS_BY_FIRST.get(at, _NOTHING):
            if not text.startswith(extender, after_adverbial):
                continue
            after_extender = after_adverbial + len(extender)
            at = text[after_extender : after_extender + 1]
            for delimiter in _DELIMITERS_BY_FIRST.get(at, _NOTHING):
                if not text.startswith(delimiter, after_extender):
                    continue
                structural = text[after_extender + len(delimiter) :]
                open_delimiter = not delimiter or delimiter.endswith(_DELIMITER_OPEN)
                if structural in _SUBJECT_OBJECT:
                    if not open_delimiter or (adverbial and not extender and not delimiter):
                        continue
                elif structural == "의":
                    if not open_delimiter or (
                        adverbial in _QUOTATIVE and not extender and not delimiter
                    ):
                        continue
                elif structural:
                    continue
                return True
    return False


#: The copula forms after a noun (:func:`_copula_forms`), built at import (a few hundred).
_COPULA_FORMS = frozenset(_copula_forms())
#: What the copula may also follow inside a sequence (``까지이다``, ``뿐이다``).
_COPULA_HOSTS = (*_EXTENDER, *_DELIMITER_OPEN)


@functools.lru_cache(maxsize=4096)
def is_particle_sequence(text: str) -> bool:
    """Whether ``text`` (a run of Hangul glued after a term) is only particles and endings,
    that is, whether it is in :data:`PARTICLE_SEQUENCES`.

    The answer is remembered: the runs after the terms of a site are few and repeat.
    """
    if text in _COPULA_FORMS or _is_noun_particle_sequence(text):
        return True
    head, rest = text[:1], text[1:]
    if (head == "들" or head in _NOUN_SUFFIXES) and (
        not rest or rest in _COPULA_FORMS or _is_noun_particle_sequence(rest)
    ):
        return True
    for host in _COPULA_HOSTS:
        if text.startswith(host) and text[len(host) :] in _COPULA_FORMS:
            return True
    return _is_verb_form(text)


# --------------------------------------------------------------------------------------------
# Case and plurals
# --------------------------------------------------------------------------------------------


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


#: The endings of each plural kind that :func:`_plural_suffix` looks for, longest first.
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


# --------------------------------------------------------------------------------------------
# The matcher
# --------------------------------------------------------------------------------------------


class Match(NamedTuple):
    """One mention: ``text[start:end]`` refers to the term ``term_id`` through ``key``.

    A named tuple rather than a frozen dataclass: a page makes about a hundred of them, and a
    tuple is built in C (a frozen dataclass sets each field through ``object.__setattr__``).
    """

    start: int
    """Offset into the text given to :meth:`Matcher.find` (also when it was not NFC)."""
    end: int
    term_id: str
    key: str
    """The name or alias that matched, as written in the glossary."""


class _Entry:
    """A compiled key: which term it links to and how it is checked."""

    __slots__ = ("case_sensitive", "cased_ending", "compact", "endings", "key", "last_class",
                 "length", "plural", "rank", "term_id")  # fmt: skip

    def __init__(
        self, term_id: str, key: str, canon: str, case_sensitive: bool, plural: int, rank: int
    ) -> None:
        self.term_id = term_id
        self.key = key
        self.case_sensitive = case_sensitive
        # Only a case-sensitive key is compared as written (:meth:`Matcher._accepts`).
        self.compact = _compact(key) if case_sensitive else ""
        self.last_class = _CLASSES[canon[-1]]
        self.length = len(canon)
        self.plural = plural
        self.rank = rank
        #: The plural endings to look for after the key, longest first (``-ies`` replaces the
        #: final ``y``: the trie finds it), and whether they are compared as written.
        self.endings = _PLURAL_ENDINGS[plural]
        self.cased_ending = case_sensitive or plural == _ACRONYM_S


#: A node of the compiled radix trie: (entries of the keys ending here or None, entries of the
#: keys whose final ``y`` is at the next character or None, first character of an edge ->
#: (label, child)). The label is the run of characters up to the next node that has entries or
#: branches. A tuple, so that one unpacking gives the walk all it looks at.
_RadixNode = tuple[Any, Any, Any]
#: Where a walk stands after the anchor word it starts with (see :func:`_jump`): the key ends met
#: inside the anchor as (offset from the start, ``ies`` slot?, entries), then the offset and the
#: node to go on from (None when no key goes past the anchor).
_Jump = tuple[tuple[tuple[int, bool, list["_Entry"]], ...], int, "_RadixNode | None"]
#: The key ends a walk met: (offset in the text, ``ies`` slot?, entries), or None for none.
_Met = list[tuple[int, bool, list[_Entry]]] | None
#: A candidate at one position: (end of the mention, key end, plural?, entry).
_Candidate = tuple[int, int, bool, _Entry]


def _candidate_order(c: _Candidate) -> tuple[int, bool, int, int]:
    """Longest mention first; then the key as written before a plural of a shorter key; then the
    longer key; then the first term given (only exact duplicates get this far)."""
    return (-c[0], c[2], -c[3].length, c[3].rank)


class Matcher:
    """Every name and alias of the linkable terms, compiled once.

    ``case_sensitive`` is the site policy (``"auto"``, ``True``, ``False``); a term's own
    ``case_sensitive`` overrides it. ``plurals`` lets Latin-final keys match their English plural.
    Keys shorter than two characters are not compiled; each one is reported in :attr:`problems`
    (INFO) with its file and line. Neither is a key that is a function word
    (:mod:`.function_words`) unless its term says ``link: true``, nor a key whose ``link`` is
    false (:meth:`.Term.link_of`: the term's, or an alias's own). When two keys have the same
    canonical form, the first term given wins (the model reports the duplicate).
    """

    def __init__(
        self,
        terms: Iterable[Term],
        *,
        case_sensitive: bool | Literal["auto"] = "auto",
        plurals: bool = True,
    ) -> None:
        # Compiling makes a hundred thousand small containers and no cyclic garbage; the cyclic
        # collector, run after every few hundred of them, would traverse the growing trie again
        # and again (a sixth of the compile time at 10,000 terms).
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._compile(terms, case_sensitive, plurals)
        finally:
            if collecting:
                gc.enable()

    # -- compiling ----------------------------------------------------------------------------

    def _compile(
        self, terms: Iterable[Term], case_sensitive: bool | Literal["auto"], plurals: bool
    ) -> None:
        self.problems: list[Problem] = []
        # The entries of each canonical key, and of each key without its final "y" (its
        # "-ies" plural): the trie is built from these at the end (:func:`_radix_trie`).
        ends: dict[str, list[_Entry]] = {}
        yies: dict[str, list[_Entry]] = {}
        # The plural kind of each last word: a glossary repeats its last words (``… Network``).
        plural_of: dict[str, int] = {}
        self._anchors: set[str] = set()
        self._open_anchors: set[str] = set()
        self._cased_anchors: set[str] = set()
        punct_first: set[str] = set()
        rank = 0
        for term in terms:
            if term.link is False and not term.alias_links:
                continue
            for key in term.keys:
                link = term.link_of(key)
                if link is False:
                    continue
                key = unicodedata.normalize("NFC", key).strip()
                if len(key) < 2:
                    if key:
                        self.problems.append(self._short_key_problem(term, key))
                    continue
                canon = _canonical_nfc(key)
                words = _words(key)
                if term.case_sensitive is not None:
                    cs = term.case_sensitive
                elif case_sensitive == "auto":
                    cs = _auto_case_sensitive(words)
                else:
                    cs = bool(case_sensitive)
                if link is None and _SEP not in canon:
                    language = function_word_language(key, case_sensitive=cs)
                    if language is not None:
                        self.problems.append(self._function_word_problem(term, key, language))
                        continue
                plural = _NO_PLURAL
                if plurals:
                    last = words[-1]
                    plural = plural_of.get(last, -1)
                    if plural < 0:
                        plural = plural_of[last] = _plural_kind(last)
                entry = _Entry(term.id, key, canon, cs, plural, rank)
                rank += 1
                entries = ends.get(canon)
                if entries is None:
                    ends[canon] = [entry]
                else:
                    entries.append(entry)
                if plural == _PLURAL_IES:
                    yies.setdefault(canon[:-1], []).append(entry)
                first = canon[0]
                if not _CLASSES[first]:
                    punct_first.add(first)
                    if first == "-":
                        punct_first.update(_HYPHENS)
                else:
                    self._add_anchors(canon, key, plural, cs)
        self._root: _RadixNode = _radix_trie(ends, yies)
        self._jumps = _Jumps(self._root)
        initials = {anchor[0] for anchor in self._anchors if _CLASSES[anchor[0]] != "L"}
        self._words = _text_words("".join(sorted(initials)))
        self._punct = (
            re.compile("[" + "".join(re.escape(c) for c in sorted(punct_first)) + "]")
            if punct_first
            else None
        )

    @staticmethod
    def _short_key_problem(term: Term, key: str) -> Problem:
        what = "name" if key == term.name else "alias"
        return Problem(
            f"the {what} '{key}' of '{term.display_name}' is shorter than 2 characters: it is "
            "not linked automatically (the entry stays in the index; link it explicitly)",
            term.path or None,
            term.line or None,
            level="info",
        )

    @staticmethod
    def _function_word_problem(term: Term, key: str, language: str) -> Problem:
        """The INFO for a function-word key, with the fix its source format allows: only a YAML
        or JSON entry can say ``link: true`` (the format follows the file's extension)."""
        what = "name" if key == term.name else "alias"
        if term.path.lower().endswith((".yml", ".yaml", ".json")):
            fix = "set `link: true` on its entry to link it anyway"
        else:
            fix = (
                "to link it anyway, use the term() macro, or write the entry in a YAML/JSON "
                "source with `link: true`"
            )
        return Problem(
            f"the {what} '{key}' of '{term.display_name}' is a function word of {language}: "
            f"it is not linked automatically (the entry stays in the index); {fix}",
            term.path or None,
            term.line or None,
            level="info",
        )

    def _add_anchors(self, canon: str, key: str, plural: int, case_sensitive: bool) -> None:
        """Register what the first word of a text must look like for this key to start there.

        Anchors are lower case (the text is searched lower-cased). The first word of a
        case-sensitive key is also kept as written, so that ``see`` in a text is not even a
        candidate for the acronym ``SEE``.
        """
        anchor = _first_word(canon)
        if not anchor:  # pragma: no cover - canon starts with a word character
            return
        if _CLASSES[anchor[0]] == "H":
            # "귀 납편향": the text may break the key's first Hangul word after one syllable.
            forms: tuple[str, ...] = (anchor, anchor[0])
            case_sensitive = False
        elif plural != _NO_PLURAL and len(anchor) == len(canon):
            # A one-word key: its plural is a different first word of the text.
            forms = (anchor, anchor + "s", anchor + "es", anchor[:-1] + "ies")
        else:
            forms = (anchor,)
        self._anchors.update(forms)
        if not case_sensitive:
            self._open_anchors.update(forms)
            return
        written = key[: len(anchor)]
        self._cased_anchors.update((written, written + "s", written + "es", written[:-1] + "ies"))

    # -- searching ----------------------------------------------------------------------------

    def find(self, text: str) -> list[Match]:
        """The mentions in ``text``: non-overlapping, leftmost-longest, in order."""
        if len(text) < 2 or text.isspace():
            return []  # the many "\n" tails of an element tree
        if text.isascii() or unicodedata.is_normalized("NFC", text):  # ASCII is always NFC
            nfc, starts, ends = text, None, None
        else:
            nfc, starts, ends = _nfc_with_offsets(text)
        low = _fold(nfc)
        out: list[Match] = []
        pos = 0
        match_at = self._match_at
        for s, jump in self._candidates(nfc, low):
            if s < pos:
                continue
            found = match_at(nfc, low, s, jump)
            if found is None:
                continue
            end, entry = found
            pos = end
            if starts is not None and ends is not None:
                out.append(Match(starts[s], ends[end - 1], entry.term_id, entry.key))
            else:
                out.append(Match(s, end, entry.term_id, entry.key))
        return out

    def _candidates(self, nfc: str, low: str) -> list[tuple[int, _Jump]]:
        """The offsets of the words whose anchor is an anchor of some key, each with where the
        trie walk from there may begin (and the characters where a punctuation-initial key may
        start, with the root), in order.

        Everything runs in C but the loop over the words that hit: a set intersection tells
        whether any word hits at all, ``compress`` picks the pieces that hit, and the offset of
        each is the running sum of the lengths of the pieces before it (``accumulate``). An
        anchor of case-sensitive keys only must also be written as in one of them (``see`` is
        not a candidate for the acronym ``SEE``).
        """
        pieces = self._words.split(low)
        words = pieces[1::2]
        hits = self._anchors.intersection(words)
        found: list[tuple[int, _Jump]] = []
        if hits:
            open_anchors, cased, jumps = self._open_anchors, self._cased_anchors, self._jumps
            ends = list(accumulate(map(len, pieces)))  # piece k starts at ends[k - 1]
            for k in compress(range(1, len(pieces), 2), map(hits.__contains__, words)):
                offset = ends[k - 1]
                word = pieces[k]
                if word in open_anchors or nfc[offset : offset + len(word)] in cased:
                    found.append((offset, jumps[word]))
        if self._punct is not None:
            # A punctuation character is never inside a word: the two lists never share an offset.
            top: _Jump = ((), 0, self._root)
            found.extend((m.start(), top) for m in self._punct.finditer(low))
            found.sort(key=_first)
        return found

    def _match_at(self, nfc: str, low: str, s: int, jump: _Jump) -> tuple[int, _Entry] | None:
        """The longest key starting at ``s`` that passes every rule, with the end of its mention.

        The left edge first: a key never starts inside a word of its own class, nor after a
        joiner glued to a word (but a hyphen between a Latin and a Hangul word is an edge).
        """
        if s:
            first = _CLASSES[low[s]]
            if first:
                before = low[s - 1]
                if _CLASSES[before] == first:
                    return None
                if before in _JOINERS and s >= 2:
                    glued = _CLASSES[low[s - 2]]
                    if glued and (before == "_" or (glued, first) not in _HYPHEN_EDGES):
                        return None
        found = _walk(low, s, jump)
        if found is None:
            return None
        if len(found) == 1:
            i, ies, entries = found[0]
            if not ies and len(entries) == 1:
                # The common case, one key met: its plural (the longer mention) comes first.
                entry = entries[0]
                suffix = _plural_suffix(nfc, low, i, entry)
                if suffix and self._accepts(nfc, low, s, i + suffix, i, True, entry):
                    return i + suffix, entry
                if self._accepts(nfc, low, s, i, i, False, entry):
                    return i, entry
                return None
        candidates: list[_Candidate] = []
        for i, ies, entries in found:
            for entry in entries:
                if ies:
                    if not entry.case_sensitive or nfc.startswith("ies", i):
                        candidates.append((i + 3, i, True, entry))
                    continue
                candidates.append((i, i, False, entry))
                suffix = _plural_suffix(nfc, low, i, entry)
                if suffix:
                    candidates.append((i + suffix, i, True, entry))
        if len(candidates) > 1:
            candidates.sort(key=_candidate_order)
        for end, key_end, plural, entry in candidates:
            if self._accepts(nfc, low, s, end, key_end, plural, entry):
                return end, entry
        return None

    def _accepts(
        self, nfc: str, low: str, s: int, end: int, key_end: int, plural: bool, entry: _Entry
    ) -> bool:
        """Whether ``entry``, met from ``s`` to ``key_end`` and mentioned up to ``end`` (after
        a plural ending when ``plural``), is written in the right case and ends on an edge.

        The right edge: the end of the text, or a non-letter, or a letter of another class,
        or, after a Hangul-final key, a run of Hangul that is only particles; never a joiner
        glued to a word, but for a hyphen between a Latin and a Hangul word. A plural ending is
        Latin.
        """
        if entry.case_sensitive:
            written = nfc[s:key_end]
            if plural and entry.plural == _PLURAL_IES:
                if _compact(written) != entry.compact[:-1]:
                    return False
            elif written != entry.key and _compact(written) != entry.compact:
                return False
        last_class = "L" if plural else entry.last_class
        if end >= len(low) or not last_class:
            return True
        after = low[end]
        if after in _JOINERS and end + 1 < len(low):
            glued = _CLASSES[low[end + 1]]
            if glued and (after == "_" or (last_class, glued) not in _HYPHEN_EDGES):
                return False
        cls = _CLASSES[after]
        if not cls:
            return True
        if last_class == "H":
            if cls != "H":
                return True
            run = _HANGUL_RUN.match(low, end)
            return run is not None and is_particle_sequence(run.group())
        return cls != last_class


def _jump(root: _RadixNode, anchor: str) -> _Jump:
    """Walk the trie over ``anchor`` once, at compile time, for every text word that is it.

    A walk from a candidate first follows the anchor word of the text, which is the same string
    every time it occurs: the word characters of one script, compared exactly. This records what
    that part of the walk meets (the key ends inside the anchor, kept with the offset where the
    text is checked for ``ies``) and the last node it reaches at or before the end of the
    anchor, so that :func:`_walk` takes up there, in the state the walk from the root would
    be in.
    """
    node = root
    j = 0
    met: list[tuple[int, bool, list[_Entry]]] = []
    while j < len(anchor):
        ends, yies, edges = node
        edge = edges.get(anchor[j])
        if edge is not None:
            label, child = edge
            if anchor.startswith(label, j):
                if ends is not None:
                    met.append((j, False, ends))
                if yies is not None:
                    met.append((j, True, yies))
                j += len(label)
                node = child
                continue
            if label.startswith(anchor[j:]):
                break  # the edge goes past the anchor: the walk takes up at this node
        # No key goes on with the next character of the anchor (a word character: neither a
        # separator nor a hyphen), so the walk from the root would stop after this node.
        if ends is not None:
            met.append((j, False, ends))
        if yies is not None:
            met.append((j, True, yies))
        return tuple(met), j, None
    return tuple(met), j, node


class _Jumps(dict[str, _Jump]):
    """Anchor -> :func:`_jump` of it, worked out the first time a text has the anchor (most of
    the anchors of a large glossary never occur)."""

    def __init__(self, root: _RadixNode) -> None:
        super().__init__()
        self.root = root

    def __missing__(self, anchor: str) -> _Jump:
        jump = self[anchor] = _jump(self.root, anchor)
        return jump


def _walk(low: str, s: int, jump: _Jump) -> _Met:
    """Follow the trie from ``s``; return (offset, ies, entries) for every key end met, or
    None when none is.

    ``ies`` is False for keys that end at the offset and True for keys whose final ``y`` is
    at the offset, met because the text has ``ies`` there (their plural). The walk starts where
    ``jump`` (the anchor word at ``s``, walked once at compile time) says. Each edge of the
    radix trie is first compared with one ``str.startswith`` (the text writes it exactly, with
    one space for each separator); only when that fails does :func:`_follow` compare it
    character by character with the separator rules. Both take a run of whitespace for a
    separator, also where a separator ends the edge.
    """
    met, j, node = jump
    found: _Met = None
    for k, ies, entries in met:
        if not ies or low.startswith("ies", s + k):
            if found is None:
                found = []
            found.append((s + k, ies, entries))
    if node is None:
        return found
    return _descend(low, s + j, node, found)


def _descend(low: str, i: int, node: _RadixNode, found: _Met) -> _Met:
    """Walk on from ``node`` at offset ``i`` of the text, adding every key end met to ``found``.

    The walk is a single path except where whitespace stands between two Hangul syllables and
    the node has both readings of it: the space left out (``귀납 편향`` read as ``귀납편향``) and
    a separator (a key written ``나-정 A``). Both are followed then, the separator's reading by
    a recursive walk, so that the longest key met on either path can win.
    """
    ends, yies, edges = node
    n = len(low)
    while True:
        if ends is not None:
            if found is None:
                found = []
            found.append((i, False, ends))
        if yies is not None and low.startswith("ies", i):
            if found is None:
                found = []
            found.append((i, True, yies))
        if i >= n or not edges:  # the end of the text, or of every key (a leaf: most walks)
            return found
        ch = low[i]
        edge = edges.get(ch)
        if edge is None or ch == _SEP:
            if ch.isspace():
                j = i + 1
                while j < n and low[j].isspace():
                    j += 1
                edge = None
                if j < n and _CLASSES[low[j]] == "H" and _CLASSES[low[i - 1]] == "H":
                    edge = edges.get(low[j])  # optional space between two Hangul syllables
                    if edge is not None:
                        spaced = edges.get(_SEP)
                        if spaced is not None:  # both readings: follow the separator's too
                            found = _take(low, i, spaced, found)
                if edge is None:
                    edge = edges.get(_SEP)
            elif ch in _HYPHENS:
                edge = edges.get("-") or edges.get(_SEP)
            if edge is None:
                return found
        label, child = edge
        if low.startswith(label, i):
            i += len(label)
            if label[-1] == _SEP:  # a separator stands for a whole run of whitespace
                while i < n and low[i].isspace():
                    i += 1
        else:
            i = _follow(low, i, label)
            if i < 0:
                return found
        ends, yies, edges = child


def _take(low: str, i: int, edge: tuple[str, _RadixNode], found: _Met) -> _Met:
    """Follow one edge from offset ``i``, then walk on from its child (:func:`_descend`)."""
    label, child = edge
    end = _follow(low, i, label)
    return found if end < 0 else _descend(low, end, child, found)


def _first(pair: tuple[int, _Jump]) -> int:
    return pair[0]


def _plural_suffix(nfc: str, low: str, i: int, entry: _Entry) -> int:
    """Length of the plural ending of ``entry`` found at ``i`` (0 if none)."""
    for ending in entry.endings:
        if (nfc if entry.cased_ending else low).startswith(ending, i):
            return len(ending)
    return 0


def _radix_trie(ends: dict[str, list[_Entry]], yies: dict[str, list[_Entry]]) -> _RadixNode:
    """The radix trie of the canonical keys: ``ends`` are the entries of each key, ``yies`` those
    of the ``y``-final keys at the key without its ``y`` (see :data:`_RadixNode`).

    Its nodes are the root, every string that has entries, and every point where two of them
    part; an edge is labelled with the run of characters between two nodes. It is built
    directly, one step per string, rather than as a trie of single characters that is then
    compressed (a dictionary per character of every key, walked again to join them).

    The strings go in sorted order, which makes every node final when it is made (a string that
    ends at a node sorts before every string that goes on from it) and makes each string part
    from the path of the one before it: the nodes on that path that begin the string are its
    ancestors, and the string either hangs a new edge from the deepest of them or cuts the edge
    that goes on towards the string before, at the point where the two part (a new node with
    no entries of its own).
    """
    root: _RadixNode = (ends.get(""), yies.get(""), {})
    # The nodes from the root to the string inserted last: (the string at the node, its edges).
    path: list[tuple[str, dict[str, tuple[str, _RadixNode]]]] = [("", root[2])]
    for s in sorted(ends.keys() | yies.keys() if yies else ends):
        while not s.startswith(path[-1][0]):
            path.pop()
        at, edges = path[-1]
        d = len(at)
        if d == len(s):
            continue  # the empty string: its entries are the root's
        leaf: _RadixNode = (ends.get(s), yies.get(s), {})
        edge = edges.get(s[d])
        if edge is None:
            edges[s[d]] = (s[d:], leaf)
        else:
            # The edge towards the string before, which s shares for k characters (at least
            # the first, at most all but one: s does not begin with the node at its end).
            label, child = edge
            k = 1
            while label[k] == s[d + k]:
                k += 1
            forks = {label[k]: (label[k:], child), s[d + k]: (s[d + k :], leaf)}
            edges[s[d]] = (label[:k], (None, None, forks))
            path.append((s[: d + k], forks))
        path.append((s, leaf[2]))
    return root


def _follow(low: str, i: int, label: str) -> int:
    """Match ``label`` (canonical key characters) against the text at ``i``; the offset after
    it, or -1.

    A separator of the key matches a run of whitespace (newlines too) or one hyphen glued
    between two words; a hyphen that is not between words must be a hyphen in the text;
    whitespace between two Hangul syllables of the text may be skipped.
    """
    n = len(low)
    k, m = 0, len(label)
    while k < m:
        if i >= n:
            return -1
        ch, want = low[i], label[k]
        if ch == want and ch != _SEP:
            i += 1
            k += 1
        elif ch.isspace():
            j = i + 1
            while j < n and low[j].isspace():
                j += 1
            if want == _SEP:
                i, k = j, k + 1
            elif (
                j < n
                and low[j] == want
                and script_class(want) == "H"
                and script_class(low[i - 1]) == "H"
            ):
                i = j
            else:
                return -1
        elif ch in _HYPHENS and (
            want == "-" or (want == _SEP and i + 1 < n and script_class(low[i + 1]))
        ):
            i, k = i + 1, k + 1
        else:
            return -1
    return i


def _nfc_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """NFC of ``text`` and, for each of its characters, the span of ``text`` it came from.

    The text is cut before every character that starts a new normalisation segment (a starter
    that does not compose with what precedes it, checked by normalising both ways), each
    segment is normalised on its own, and all characters of a segment's NFC point to the whole
    segment. Only called for text that is not already NFC.
    """
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    seg = 0
    n = len(text)
    for i in range(1, n + 1):
        if i < n:
            ch = text[i]
            if unicodedata.combining(ch):
                continue
            head = text[seg:i]
            if unicodedata.normalize("NFC", head + ch) != unicodedata.normalize(
                "NFC", head
            ) + unicodedata.normalize("NFC", ch):
                continue
        piece = unicodedata.normalize("NFC", text[seg:i])
        pieces.append(piece)
        starts.extend([seg] * len(piece))
        ends.extend([i] * len(piece))
        seg = i
    return "".join(pieces), starts, ends
