"""UI strings of the plugin (index page, tooltips), one dictionary per language.

Adding a language is adding one dictionary to ``STRINGS`` with every key of ``STRINGS["en"]``
(a test checks that no key is missing). Pure Python: the plugin decides the language
(``language`` option, else the theme's) and asks ``strings_for`` for the dictionary.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = [
    "DEFAULT_LANGUAGE",
    "STRINGS",
    "has_language",
    "normalize_language",
    "strings_for",
    "translate",
]

DEFAULT_LANGUAGE = "en"

#: Every UI string, by language. Values may hold ``{n}``-style fields where the key says so.
STRINGS: dict[str, dict[str, str]] = {
    "en": {
        # The index page's default title (when neither ``index.title`` nor a source title is set).
        "title": "Glossary",
        # Label before a term's aliases on the index page.
        "also": "Also",
        # Label before the pages that mention a term (backlinks).
        "used_on": "Used on",
        # Shown, muted, for a term whose entry has no body yet.
        "no_definition": "No definition yet",
        # Accessible name of the letter bar (a ``nav`` landmark).
        "letters_label": "Glossary letters",
        # Accessible name of the ``#`` group (digits and symbols) in the letter bar.
        "group_other": "Digits and symbols",
        # Tooltip link to the term's entry on the index page.
        "open_in_glossary": "Open in glossary",
        # Split index overview: the number of terms in a group ({n}).
        "term_count": "{n} terms",
        "term_count_one": "1 term",
        # A multilingual site: an entry of this language shown with the default language's
        # definition ({language}: its code), until it is translated.
        "fallback": "Not translated yet: the definition in “{language}”.",
    },
    "ko": {
        "title": "용어집",
        "also": "다른 이름",
        "used_on": "사용된 문서",
        "no_definition": "아직 정의가 없습니다",
        "letters_label": "용어집 색인",
        "group_other": "숫자와 기호",
        "open_in_glossary": "용어집에서 보기",
        "term_count": "용어 {n}개",
        "term_count_one": "용어 1개",
        "fallback": "아직 번역되지 않아 “{language}” 정의를 보여 줍니다.",
    },
}

_SEPARATOR = re.compile(r"[-_.@]")


def normalize_language(value: object) -> str | None:
    """The primary language subtag of a locale: ``ko_KR``, ``ko-KR``, ``KO`` -> ``ko``.

    Accepts whatever a theme config holds (a string, or MkDocs' ``Locale`` object whose ``str()``
    is ``ko_KR``); returns None for an empty value.
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    return _SEPARATOR.split(text, maxsplit=1)[0].lower() or None


def strings_for(language: str | None) -> Mapping[str, str]:
    """The strings for ``language`` (any locale spelling), falling back to English.

    Keys missing from a partial dictionary fall back to English one by one, so a new language can
    be added incrementally without a ``KeyError`` at build time.
    """
    lang = normalize_language(language) or DEFAULT_LANGUAGE
    table = STRINGS.get(lang)
    if table is None or lang == DEFAULT_LANGUAGE:
        return STRINGS[DEFAULT_LANGUAGE]
    return {**STRINGS[DEFAULT_LANGUAGE], **table}


def has_language(language: str | None) -> bool:
    """Whether there is a dictionary for ``language`` (any locale spelling)."""
    return (normalize_language(language) or "") in STRINGS


def translate(language: str | None, key: str, **fields: object) -> str:
    """One string, with ``{field}`` placeholders filled: ``translate("ko", "term_count", n=3)``."""
    text = strings_for(language)[key]
    return text.format(**fields) if fields else text
