"""Function words: the closed lists of words that are never linked automatically.

A glossary sometimes holds a word that every sentence uses: ``the``, ``of``, ``it``; ``또는``,
``때문``, ``그것``. Linking it would put a link in nearly every line of a site. Such a word is a
*function word*: it belongs to a closed grammatical class (articles, pronouns, prepositions,
conjunctions, auxiliaries; Korean pronouns, determiners, bound nouns, conjunctive adverbs), whose
members a grammar can list, and which a language does not add to. The lists below are those
classes, taken whole from the grammar of each language, and nothing else: content words (nouns,
verbs, adjectives, adverbs of manner) are an open class, and whether one of them is too common to
link is the author's call (the per-alias ``link: false``), not the plugin's.

A key (a name or an alias) *is* a function word when the whole key, compared in NFC, is one of
these words, compared case-folded; a case-sensitive key is compared as written, with the word in
lower case and in its sentence-initial capitalised form (``The``), because that is what the key
would link in prose: the acronym ``IT`` (case-sensitive under ``case_sensitive: auto``) does not
link the pronoun ``it``, while a case-insensitive ``It`` would. A key of several words (``The
Transformer``) is never a function word. Such a key stays in the glossary, the index page and the
search index; the matcher leaves it out (an INFO message says so) unless the entry says
``link: true``. Pure: no MkDocs import.

The lists are reproduced in ``docs/matching.md``; a test checks that the page and this module
agree.
"""

from __future__ import annotations

import unicodedata

__all__ = ["FUNCTION_WORDS", "function_word_language"]

# -- English ---------------------------------------------------------------------------------------
# The closed word classes of English grammar (the "grammatical words"): every member of each class,
# single words only (a multi-word preposition such as "instead of" is a phrase, not a key).

#: Articles.
_EN_ARTICLES = ("a", "an", "the")

#: Demonstrative determiners / pronouns.
_EN_DEMONSTRATIVES = ("this", "that", "these", "those")

#: Personal pronouns in every case (subject, object, possessive determiner and pronoun,
#: reflexive), and the relative / interrogative pronouns.
_EN_PRONOUNS = (
    "I", "me", "my", "mine", "myself",
    "you", "your", "yours", "yourself", "yourselves",
    "he", "him", "his", "himself",
    "she", "her", "hers", "herself",
    "it", "its", "itself",
    "we", "us", "our", "ours", "ourselves",
    "they", "them", "their", "theirs", "themselves",
    "who", "whom", "whose", "which", "what",
)  # fmt: skip

#: Quantifying determiners / pronouns.
_EN_QUANTIFIERS = ("all", "any", "both", "each", "either", "every", "neither", "no", "some")

#: Simple (one-word) prepositions.
_EN_PREPOSITIONS = (
    "about", "above", "across", "after", "against", "along", "among", "around", "at",
    "before", "behind", "below", "beneath", "beside", "between", "beyond", "by", "despite",
    "during", "except", "for", "from", "in", "inside", "into", "of", "off", "on", "onto",
    "outside", "over", "per", "since", "through", "throughout", "to", "toward", "towards",
    "under", "until", "upon", "via", "with", "within", "without",
)  # fmt: skip

#: Coordinating and subordinating conjunctions.
_EN_CONJUNCTIONS = (
    "and", "or", "but", "nor", "so", "yet",
    "although", "as", "because", "if", "than", "though", "unless", "whereas", "whether",
    "while",
)  # fmt: skip

#: Primary auxiliaries (every form of ``be``, ``have``, ``do``), the modal auxiliaries, and the
#: negator ``not``.
_EN_AUXILIARIES = (
    "be", "am", "is", "are", "was", "were", "been", "being",
    "have", "has", "had", "do", "does", "did",
    "can", "could", "may", "might", "must", "shall", "should", "will", "would",
    "not",
)  # fmt: skip

# -- Korean ----------------------------------------------------------------------------------------
# The closed classes of Korean that are written as words of their own (particles and endings are
# glued to the word before them and are handled by the matcher's edge rules, not here). The classes
# are those of the standard grammar (학교 문법, 표준국어대사전's part-of-speech labels).

#: 대명사 (pronouns): personal, demonstrative, interrogative.
_KO_PRONOUNS = (
    "나", "너", "저", "우리", "저희", "너희", "그", "그녀", "당신",
    "이것", "그것", "저것", "여기", "거기", "저기", "이곳", "그곳", "저곳",
    "누구", "무엇", "어디", "언제",
)  # fmt: skip

#: 관형사 (determiners) that point or ask: demonstrative and interrogative.
_KO_DETERMINERS = ("이", "그", "저", "이런", "그런", "저런", "어떤", "무슨", "어느", "각", "몇")

#: 의존 명사 (bound nouns): nouns that never stand without a modifier (``할 수``, ``하는 것``).
_KO_BOUND_NOUNS = (
    "것", "수", "등", "데", "바", "뿐", "줄", "지", "터", "때문", "따위", "만큼", "대로", "듯",
    "중", "채", "체", "척", "뻔", "김", "리",
)  # fmt: skip

#: 접속 부사 (conjunctive adverbs): words that join clauses or nouns (``및``, ``또는``).
_KO_CONJUNCTIONS = (
    "및", "또는", "혹은", "또", "또한", "즉", "단", "그리고", "그러나", "그런데", "그래서",
    "그러므로", "따라서", "하지만",
)  # fmt: skip

#: The closed lists by language, each in the order of the classes above (docs/matching.md shows
#: them in this order).
FUNCTION_WORDS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "English": (
        ("articles", _EN_ARTICLES),
        ("demonstratives", _EN_DEMONSTRATIVES),
        ("pronouns", _EN_PRONOUNS),
        ("quantifiers", _EN_QUANTIFIERS),
        ("prepositions", _EN_PREPOSITIONS),
        ("conjunctions", _EN_CONJUNCTIONS),
        ("auxiliaries and negation", _EN_AUXILIARIES),
    ),
    "Korean": (
        ("대명사 (pronouns)", _KO_PRONOUNS),
        ("관형사 (demonstrative and interrogative determiners)", _KO_DETERMINERS),
        ("의존 명사 (bound nouns)", _KO_BOUND_NOUNS),
        ("접속 부사 (conjunctive adverbs)", _KO_CONJUNCTIONS),
    ),
}


def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """The words of every list, case-folded (for case-insensitive keys) and as a case-sensitive
    key may write them (lower case and capitalised), each mapped to its language."""
    folded: dict[str, str] = {}
    cased: dict[str, str] = {}
    for language, classes in FUNCTION_WORDS.items():
        for _, words in classes:
            for word in words:
                word = unicodedata.normalize("NFC", word)
                folded[word.casefold()] = language
                cased[word] = language
                cased[word[:1].upper() + word[1:]] = language
    return folded, cased


_FOLDED, _CASED = _tables()
#: No function word is longer, even decomposed (NFD): a longer key is not looked up.
_LONGEST = max(len(unicodedata.normalize("NFD", word)) for word in _CASED)


def function_word_language(key: str, *, case_sensitive: bool = False) -> str | None:
    """The language whose function word the whole ``key`` is, or None.

    ``key`` is NFC-normalised and stripped here. A case-insensitive key is compared case-folded;
    a case-sensitive one as written, against each word in lower case and capitalised, since that
    is what it would link in running text (module docstring).
    """
    key = key.strip()
    if len(key) > _LONGEST:  # most glossary keys: no normalisation needed to tell
        return None
    key = unicodedata.normalize("NFC", key)
    if case_sensitive:
        return _CASED.get(key)
    return _FOLDED.get(key.casefold())
