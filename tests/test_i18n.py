"""UI strings: every language has every key, locale spellings resolve, unknown ones fall back."""

from __future__ import annotations

import string

import pytest

from mkdocs_glossary_plugin.i18n import (
    DEFAULT_LANGUAGE,
    STRINGS,
    has_language,
    normalize_language,
    strings_for,
    translate,
)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", sorted(STRINGS))
def test_every_language_has_every_english_key_with_the_same_fields(lang: str) -> None:
    english = STRINGS[DEFAULT_LANGUAGE]
    table = STRINGS[lang]
    assert set(table) == set(english), f"{lang}: missing {set(english) - set(table)}"
    for key, text in table.items():
        assert text.strip(), f"{lang}.{key} is empty"
        assert _fields(text) == _fields(english[key]), f"{lang}.{key} has other fields"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ko", "ko"),
        ("KO", "ko"),
        ("ko_KR", "ko"),
        ("ko-KR", "ko"),
        ("en_US", "en"),
        ("pt_BR", "pt"),
        ("zh-Hant", "zh"),
        ("  en ", "en"),
        ("", None),
        (None, None),
    ],
)
def test_normalize_language(value: object, expected: str | None) -> None:
    assert normalize_language(value) == expected


def test_normalize_language_accepts_an_object_with_a_locale_str() -> None:
    class Locale:  # like MkDocs' babel-style Locale: str() is "ko_KR"
        def __str__(self) -> str:
            return "ko_KR"

    assert normalize_language(Locale()) == "ko"


@pytest.mark.parametrize(
    ("lang", "key", "expected"),
    [
        ("en", "title", "Glossary"),
        ("ko", "title", "용어집"),
        ("ko_KR", "also", "다른 이름"),
        ("ko", "used_on", "사용된 문서"),
        ("ko", "no_definition", "아직 정의가 없습니다"),
        ("ko", "open_in_glossary", "용어집에서 보기"),
        ("en", "open_in_glossary", "Open in glossary"),
        ("fr", "title", "Glossary"),  # no French strings: English
        (None, "title", "Glossary"),
    ],
)
def test_translate(lang: str | None, key: str, expected: str) -> None:
    assert translate(lang, key) == expected


def test_translate_fills_fields() -> None:
    assert translate("en", "term_count", n=12) == "12 terms"
    assert translate("ko", "term_count", n=12) == "용어 12개"


def test_a_partial_language_falls_back_key_by_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(STRINGS, "de", {"title": "Glossar"})
    table = strings_for("de_DE")
    assert table["title"] == "Glossar"
    assert table["also"] == "Also"
    assert has_language("de")


def test_has_language() -> None:
    assert has_language("ko-KR")
    assert not has_language("xx")
    assert not has_language(None)
