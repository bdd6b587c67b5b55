"""The language model without a site (issue 17): the ``source`` language mapping and the
``languages`` option, per-language fields of data entries, pairing, fallback, and the keys each
language's pages match.

The builds with mkdocs-static-i18n and language folders are in ``test_multilingual_site.py``.
"""

from __future__ import annotations

from typing import Any

import pytest

from mkdocs_glossary_plugin import options
from mkdocs_glossary_plugin.languages import (
    LanguagePlan,
    fallback_problems,
    is_language_code,
    localize,
    matcher_terms,
)
from mkdocs_glossary_plugin.matching import Matcher
from mkdocs_glossary_plugin.model import Glossary, Term
from mkdocs_glossary_plugin.options import OptionError
from mkdocs_glossary_plugin.sources import SourceError, parse_text

PLAN = LanguagePlan.make("en", ["ko"])


def _glossary(*terms: Term) -> Glossary:
    return Glossary(terms=list(terms))


def _found(matcher: Matcher, text: str) -> list[str]:
    return [text[m.start : m.end] for m in matcher.find(text)]


# -- pairing ---------------------------------------------------------------------------------------


def test_entries_pair_by_explicit_id_then_by_name_or_alias() -> None:
    en = _glossary(
        Term("Dropout", "Zeroes activations.", aliases=("drop-out",)),
        Term("Learning Rate", "Step size.", id="lr"),
        Term("Batch Normalization", "Normalizes."),
    )
    ko = _glossary(
        Term(
            "드롭아웃", "활성값을 끕니다.", aliases=("DROP OUT",)
        ),  # an alias, case and hyphen folded
        Term("학습률", "걸음의 크기.", id="lr"),  # the explicit id
        Term("텐서", "다차원 배열."),  # nothing: Korean only
    )
    out = localize({"en": en, "ko": ko}, PLAN)
    assert out.glossaries["en"] is en  # nothing per language: the glossary as read
    by_id = {t.id: t for t in out.glossaries["ko"]}
    assert by_id["dropout"].name == "드롭아웃" and by_id["dropout"].fallback is None
    assert by_id["lr"].name == "학습률"
    assert by_id["텐서"].name == "텐서"
    assert by_id["batch-normalization"].fallback == "en"  # missing: the English one, marked
    assert by_id["batch-normalization"].definition == "Normalizes."
    assert [t.name for t in out.fallbacks["ko"]] == ["Batch Normalization"]
    (info,) = out.problems
    assert info.level == "info" and "'텐서' (ko) pairs with no term" in info.message


def test_a_paired_term_keeps_whether_its_id_was_written() -> None:
    en = _glossary(Term("Dropout", "x"), Term("Dropout layer", "y", id="dropout-2"))
    ko = _glossary(Term("드롭아웃", "z", aliases=("Dropout",)))
    out = localize({"en": en, "ko": ko}, PLAN)
    assert out.glossaries["ko"].get("dropout") is not None
    assert out.glossaries["ko"].get("dropout").explicit_id is False  # type: ignore[union-attr]
    assert not [p for p in out.problems if p.level == "warning"]


# -- the keys of each language's pages -------------------------------------------------------------


def test_korean_pages_match_korean_keys_and_english_names_never_english_aliases() -> None:
    en = _glossary(Term("Dropout", "x", aliases=("drop-out regularisation",)))
    ko = _glossary(Term("드롭아웃", "y", aliases=("드롭 아웃 기법",), id="dropout"))
    out = localize({"en": en, "ko": ko}, LanguagePlan.make("en", ["ko"]))
    assert out.fallbacks["ko"] == []  # paired by the id: "Dropout" is no key of the Korean term
    names = out.default_names
    ko_matcher = Matcher(matcher_terms(out.glossaries["ko"], names))
    en_matcher = Matcher(matcher_terms(out.glossaries["en"], names))
    text = "드롭아웃을, Dropout을, drop-out regularisation, 드롭 아웃 기법"
    assert _found(ko_matcher, text) == ["드롭아웃", "Dropout", "드롭 아웃 기법"]
    assert _found(en_matcher, text) == ["Dropout", "drop-out regularisation"]


def test_a_fallback_term_is_matched_by_the_default_name_only() -> None:
    en = _glossary(Term("Batch Normalization", "x", aliases=("BatchNorm",)))
    out = localize({"en": en, "ko": _glossary()}, PLAN)
    matcher = Matcher(matcher_terms(out.glossaries["ko"], out.default_names))
    assert _found(matcher, "Batch Normalization과 BatchNorm") == ["Batch Normalization"]


def test_a_korean_key_wins_over_an_english_name_of_another_term() -> None:
    """The default name is added only where no key of the language claims it already."""
    en = _glossary(Term("Tensor", "x"), Term("Array", "y"))
    ko = _glossary(Term("텐서", "z", id="tensor"), Term("배열", "w", aliases=("Array", "Tensor")))
    out = localize({"en": en, "ko": ko}, PLAN)
    terms = matcher_terms(out.glossaries["ko"], out.default_names)
    assert [t.id for t in terms if "Tensor" in t.keys] == ["array"]  # 배열's own alias
    assert [t.id for t in terms if "Array" in t.keys] == ["array"]
    # 텐서 pairs with Tensor by its written id (Tensor's own is generated), so no fallback.
    assert out.fallbacks["ko"] == []


def test_a_fallback_name_that_a_language_claims_is_not_matched_for_the_fallback() -> None:
    en = _glossary(Term("Tensor", "x"), Term("Array", "y"))
    ko = _glossary(Term("배열", "w", aliases=("Array", "Tensor")))
    out = localize({"en": en, "ko": ko}, PLAN)
    matcher = Matcher(matcher_terms(out.glossaries["ko"], out.default_names))
    assert [m.term_id for m in matcher.find("Tensor")] == ["array"]
    assert out.problems == []  # the stand-in's clash with a Korean alias is no warning


# -- per-language fields of a data entry -----------------------------------------------------------

SHARED = """\
- term: Dropout
  definition: {en: Zeroes activations., ko: 활성값을 끕니다.}
  summary: {ko: 끄기.}
  aliases: {ko: [드롭아웃, {name: 탈락, link: false}]}
- term: Epoch
  definition: One pass.
"""


def test_data_entries_give_definition_summary_and_aliases_per_language() -> None:
    shared = Glossary(terms=parse_text(SHARED, "g.yml").terms)
    out = localize({}, PLAN, shared)
    en, ko = out.glossaries["en"], out.glossaries["ko"]
    assert en.get("dropout").definition == "Zeroes activations."  # type: ignore[union-attr]
    assert en.get("dropout").aliases == ()  # type: ignore[union-attr]
    dropout = ko.get("dropout")
    assert dropout is not None and dropout.definition == "활성값을 끕니다."
    assert dropout.summary == "끄기." and dropout.aliases == ("드롭아웃", "탈락")
    assert dropout.link_of("탈락") is False
    assert ko.get("epoch").fallback == "en"  # type: ignore[union-attr]
    assert [t.name for t in out.fallbacks["ko"]] == ["Epoch"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "- term: X\n  definition: {english: y}\n",
            "g.yml:2: 'definition' of 'X' is a mapping, so its keys must be language codes "
            "(en, ko, pt-BR), not 'english'; write {en: ..., ko: ...}",
        ),
        (
            "- term: X\n  definition: {en: [a, b]}\n",
            "g.yml:2: 'definition' of 'X' (en) must be text, not a list",
        ),
        (
            "- term: X\n  aliases: {ko: 드롭아웃}\n",
            "g.yml:2: 'aliases' of 'X' (ko) must be a list of text, not text",
        ),
    ],
)
def test_a_bad_per_language_field_names_file_line_and_fix(text: str, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_text(text, "g.yml")
    assert str(caught.value).startswith(message)


# -- where pages and index pages are ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("plan", "src", "language"),
    [
        (LanguagePlan.make("en", folders={"ko": "ko/"}), "ko/index.md", "ko"),
        (LanguagePlan.make("en", folders={"ko": "/ko"}), "ko/a/b.md", "ko"),
        (LanguagePlan.make("en", folders={"ko": "ko/"}), "kor/index.md", "en"),
        (LanguagePlan.make("en", folders={"ko": "ko/"}), "index.md", "en"),
        (LanguagePlan.make("en", folders={"zh": "zh/", "zh-TW": "zh/tw/"}), "zh/tw/a.md", "zh-TW"),
        (LanguagePlan.make("en", folders={"zh-TW": "zh/tw/", "zh": "zh/"}), "zh/tw/a.md", "zh-TW"),
        (LanguagePlan.make("en", ["ko"], build="ko"), "index.md", "ko"),  # static-i18n's build
    ],
)
def test_the_language_of_a_page(plan: LanguagePlan, src: str, language: str) -> None:
    assert plan.language_of(src) == language


def test_only_languages_with_pages_are_built() -> None:
    assert LanguagePlan.make("en", ["ko", "ja"], folders={"ja": "ja/"}).active == ("en", "ja")
    assert LanguagePlan.make("en", ["ko"]).active == ("en",)  # a mapping alone: pairing only
    assert LanguagePlan.make("en", ["ko"], build="ko").active == ("ko",)


def test_each_language_has_its_index_in_its_folder() -> None:
    plan = LanguagePlan.make("en", ["ko"], folders={"ja": "docs-ja"})
    assert plan.languages == ("en", "ko", "ja")
    assert plan.index_path("en", "glossary.md") == "glossary.md"
    assert plan.index_path("ko", "glossary.md") == "ko/glossary.md"
    assert plan.index_path("ja", "terms/index.md") == "docs-ja/terms/index.md"


def test_fallbacks_are_one_info_line_or_a_warning() -> None:
    terms = [Term(f"T{i}", "x") for i in range(12)]
    (info,) = fallback_problems({"ko": terms, "ja": []}, "en", warn=False)
    assert info.level == "info"
    assert info.message.startswith("12 terms have no 'ko' version and show the 'en' definition")
    assert "'T9' and 2 more" in info.message
    (warning,) = fallback_problems({"ko": terms[:1]}, "en", warn=True)
    assert warning.level == "warning" and "remove 'fallback' from the plugin's 'warn'" in (
        warning.message
    )


# -- options ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["en", "ko", "pt-BR", "zh_Hant", "yue"])
def test_language_codes(code: str) -> None:
    assert is_language_code(code)


@pytest.mark.parametrize("value", ["path", "format", "EN", "english", "", 1, "k"])
def test_not_language_codes(value: Any) -> None:
    assert not is_language_code(value)


def test_a_source_language_mapping_keeps_its_languages_and_reads_every_file() -> None:
    opts, warnings = options.validate(
        {"source": {"en": "glossary.yml", "ko": ["용어.md", {"path": "extra.yml"}]}}
    )
    assert warnings == []
    assert opts.source_languages == (
        ("en", ("glossary.yml",)),
        ("ko", ("용어.md", {"path": "extra.yml", "format": None})),
    )
    assert opts.source == ("glossary.yml", "용어.md", {"path": "extra.yml", "format": None})
    plain, _ = options.validate({"source": {"path": "g.md", "format": "headings"}})
    assert plain.source_languages == () and plain.source == (
        {"path": "g.md", "format": "headings"},
    )


@pytest.mark.parametrize(
    ("values", "name", "message"),
    [
        (
            {"source": {"en": "g.yml", "kr": []}},
            "source",
            "the glossary of the language 'kr' lists no source",
        ),
        (
            {"source": {"en": "g.yml", "path": "x.yml"}},  # not all language codes: {path, format}
            "source",
            "unknown key(s) ['en'] in a source mapping; "
            "use {path: FILE, format: headings|deflist|data|abbr}",
        ),
        (
            {"source": "g.yml", "languages": ["ko"]},
            "languages",
            "expected a mapping of language codes to folders ({ko: ko/}), got list",
        ),
        (
            {"source": "g.yml", "languages": {"korean": "ko/"}},
            "languages",
            "'korean' is not a language code (en, ko, pt-BR); write {ko: ko/}",
        ),
        (
            {"source": "g.yml", "languages": {"ko": "../ko"}},
            "languages",
            "the folder of 'ko' must be relative to docs_dir and stay inside it, got '../ko'",
        ),
    ],
)
def test_bad_language_options_say_what_to_write(
    values: dict[str, Any], name: str, message: str
) -> None:
    with pytest.raises(OptionError) as caught:
        options.validate(values)
    assert (caught.value.option, caught.value.message) == (name, message)


def test_warn_fallback_and_languages_are_accepted() -> None:
    opts, _ = options.validate(
        {"source": "g.yml", "warn": ["fallback"], "languages": {"ko": "ko/"}}
    )
    assert opts.warn == ("fallback",) and opts.languages == (("ko", "ko/"),)
