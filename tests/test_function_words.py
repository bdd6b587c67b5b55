"""Function words are not terms: a key that is a function word of its language (a closed list
per language, ``mkdocs_glossary_plugin.matching.function_words``) is kept in the glossary, the
index page and search, but not linked automatically; an INFO message says so once per key, with
the file and line; ``link: true`` on the entry links it anyway, and the ``term()`` macro still
reaches it.

One English and one Korean site are built once per module (builds are the slow part) with
``--strict``, so a warning for any of this would fail the build.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from conftest import build, build_log, content_of, glossary_links, html_of

from mkdocs_glossary_plugin.matching import FUNCTION_WORDS, Matcher, function_word_language
from mkdocs_glossary_plugin.model import Term
from mkdocs_glossary_plugin.sources import load

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]

# -- an English site ---------------------------------------------------------------------------

EN_GLOSSARY = """\
- term: the
  definition: The definite article.
- term: a
  definition: The indefinite article.
- term: of
  definition: A preposition.
- term: The Transformer
  definition: An attention-only architecture.
- term: via
  link: true
  definition: By way of; linked although it is a preposition.
- term: IT
  definition: Information technology.
- term: Attention
  aliases: [With]
  definition: Weights over the inputs.
"""

EN_PAGE = """\
# Notes

The Transformer is a model of the kind that the field knows as a classic: a stack of the same
block. It sends the input via attention, and the output of it is the sum of a few terms.
The IT team runs it with the rest of the code.

Explicitly: {{ term("the") }}.
"""


@pytest.fixture(scope="module")
def en_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(
        tmp_path_factory.mktemp("function-words-en"),
        {"index.md": EN_PAGE, "./glossary.yml": EN_GLOSSARY},
        {"plugins": ["search", {"glossary": {"source": "glossary.yml", "link": "all"}}, "macros"]},
        strict=True,
    )


def _link_texts(site: Path, url: str) -> list[str]:
    return [a.get_text() for a in glossary_links(content_of(html_of(site, url)))]


def _href_ids(site: Path, url: str) -> list[str]:
    return [
        str(a["href"]).rsplit("#", 1)[1] for a in glossary_links(content_of(html_of(site, url)))
    ]


def test_function_word_terms_are_not_linked(en_site: Path) -> None:
    """``the``, ``a`` and ``of`` are in the glossary and all over the page, yet none of their
    mentions is linked; the terms around them still are (so the page is linked at all).

    Catches: the function-word check removed from the compiler (``the`` and ``of`` linked; ``a``
    stays unlinked as a one-character key); the check applied to every key (``The Transformer``
    no longer linked)."""
    texts = _link_texts(en_site, "")
    ids = _href_ids(en_site, "")
    # the explicit term("the") below is the one link to "the"; no auto link reaches "the"/"of"/"a"
    assert ids.count("the") == 1
    assert "of" not in ids and "a" not in ids
    assert not {t.casefold() for t in texts} & {"of", "a"}
    assert "The Transformer" in texts


def test_multi_word_key_starting_with_a_function_word_is_linked(en_site: Path) -> None:
    """Only a whole key is compared: ``The Transformer`` begins with ``The`` and is linked.

    Catches: comparing the first word of a key instead of the whole key."""
    links = glossary_links(content_of(html_of(en_site, "")))
    assert [a.get_text() for a in links if a["href"].endswith("#the-transformer")] == [
        "The Transformer"
    ]


def test_link_true_links_a_function_word(en_site: Path) -> None:
    """``link: true`` on the entry of ``via`` (a preposition) links it, and no INFO is given.

    Catches: an explicit ``link: true`` treated like the default (``via`` not linked)."""
    assert "via" in _link_texts(en_site, "")
    assert not [line for line in build_log(en_site) if "'via'" in line]


def test_case_sensitive_acronym_is_not_the_pronoun(en_site: Path) -> None:
    """``IT`` is case-sensitive (``case_sensitive: auto``), so it links ``IT`` and never the
    pronoun ``it``: it is not a function word. The case-insensitive alias ``With`` would link
    every ``with``: it is one.

    Catches: comparing a case-sensitive key case-folded (``IT`` not linked, an INFO for it)."""
    texts = _link_texts(en_site, "")
    assert "IT" in texts and "it" not in texts
    log = build_log(en_site)
    assert not [line for line in log if "'IT'" in line]
    assert [line for line in log if "the alias 'With' of 'Attention' is a function word" in line]


def test_function_word_terms_stay_in_the_index_page(en_site: Path) -> None:
    """The entries are listed on the index page with their anchors (and so in search).

    Catches: dropping function-word terms from the glossary instead of from the matcher."""
    soup = html_of(en_site, "glossary/")
    ids = {str(el["id"]) for el in soup.select("[id]")}
    assert {"the", "a", "of", "via"} <= ids
    search = (en_site / "search" / "search_index.json").read_text("utf-8")
    assert "The definite article." in search


def test_term_macro_still_reaches_a_function_word(en_site: Path) -> None:
    """``{{ term("the") }}`` writes a link to the entry of ``the``.

    Catches: removing function-word terms from the glossary's lookup."""
    soup = html_of(en_site, "")
    last = content_of(soup).find_all("p")[-1]
    assert [a["href"].rsplit("#", 1)[1] for a in glossary_links(last)] == ["the"]


def test_one_info_per_function_word_key_with_file_and_line(en_site: Path) -> None:
    """Each function-word key is reported once, at INFO, with its file and line and the escape;
    no warning (the build ran with ``--strict``).

    Catches: the message dropped, logged as a warning (strict build fails), or repeated."""
    log = build_log(en_site)
    the = [line for line in log if "'the' of 'the'" in line]
    assert the == [
        "INFO mkdocs.plugins.glossary: glossary: glossary.yml:1: the name 'the' of 'the' is a "
        "function word of English: it is not linked automatically (the entry stays in the "
        "index); set `link: true` on its entry to link it anyway"
    ]
    of = [line for line in log if "'of' of 'of'" in line]
    assert len(of) == 1 and of[0].startswith(
        "INFO mkdocs.plugins.glossary: glossary: glossary.yml:5: "
    )
    assert not [line for line in log if line.startswith("WARNING")]


# -- a Korean site -------------------------------------------------------------------------------

KO_GLOSSARY = """\
- term: 또는
  definition: 둘 중 하나.
- term: 때문
  definition: 원인.
- term: 수
  definition: 가능성.
- term: 것
  definition: 의존 명사.
- term: 정규화
  definition: 값의 범위를 맞추는 과정.
"""

KO_PAGE = """\
# 메모

정규화를 할 수 있다. 정규화 또는 표준화 때문에 값이 바뀌는 것이다. 이것 때문이다.
"""


@pytest.fixture(scope="module")
def ko_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(
        tmp_path_factory.mktemp("function-words-ko"),
        {"index.md": KO_PAGE, "./glossary.yml": KO_GLOSSARY},
        {"plugins": [{"glossary": {"source": "glossary.yml", "link": "all"}}]},
        strict=True,
    )


def test_korean_function_words_are_not_linked(ko_site: Path) -> None:
    """``또는`` and ``때문`` (a conjunctive adverb, a bound noun; ``때문에`` takes a particle the
    matcher knows) are not linked; ``수`` and ``것`` are not either (one syllable: too short);
    ``정규화`` is, twice.

    Catches: the Korean list missing from the check (``또는``, ``때문`` linked)."""
    assert _href_ids(ko_site, "") == ["정규화", "정규화"]
    log = build_log(ko_site)
    for word in ("또는", "때문"):
        lines = [line for line in log if f"'{word}' of '{word}'" in line]
        assert len(lines) == 1 and lines[0].startswith("INFO ")
        assert "is a function word of Korean" in lines[0]
    for word in ("수", "것"):
        lines = [line for line in log if f"'{word}' of '{word}'" in line]
        assert len(lines) == 1 and "shorter than 2 characters" in lines[0]
    soup = html_of(ko_site, "glossary/")
    assert {"또는", "때문", "수", "것"} <= {str(el["id"]) for el in soup.select("[id]")}


# -- the rule itself (pure) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "case_sensitive", "language"),
    [
        ("the", False, "English"),
        ("THE", False, "English"),  # case-insensitive: compared case-folded
        (" Of ", False, "English"),  # stripped
        ("The", True, "English"),  # case-sensitive: the capitalised form begins a sentence
        ("THE", True, None),  # case-sensitive all caps: not what prose writes
        ("IT", True, None),
        ("The Transformer", False, None),  # whole key only
        ("theory", False, None),
        ("Themselves", False, "English"),  # the longest words are still looked up
        ("themselvesx", False, None),
        (unicodedata.normalize("NFD", "그러므로"), False, "Korean"),
        ("또는", False, "Korean"),
        (unicodedata.normalize("NFD", "또는"), False, "Korean"),  # NFC
        ("또는다", False, None),
        ("정규화", False, None),
    ],
)
def test_function_word_language(key: str, case_sensitive: bool, language: str | None) -> None:
    """Catches: dropping the case fold, the NFC step, the cased comparison, or the whole-key
    comparison; a length cut-off shorter than the longest word (or than its NFD spelling)."""
    assert function_word_language(key, case_sensitive=case_sensitive) == language


def test_matcher_skips_function_word_keys_unless_link_true() -> None:
    """The compiler alone: ``or`` (name) and ``and`` (alias) are left out with one INFO each;
    with ``link: true`` they are linked; ``link: false`` gives no message at all.

    Catches: an INFO for keys whose term says ``link: false``, or none for aliases."""
    default = Matcher([Term("or", aliases=("and",)), Term("but", link=False)])
    assert default.find("this or that and more but less") == []
    assert [(p.level, p.message.split(":")[0]) for p in default.problems] == [
        ("info", "the name 'or' of 'or' is a function word of English"),
        ("info", "the alias 'and' of 'or' is a function word of English"),
    ]
    forced = Matcher([Term("or", aliases=("and",), link=True)])
    assert [m.key for m in forced.find("this or that and more")] == ["or", "and"]
    assert forced.problems == []


def test_the_fix_offered_fits_the_source_format(tmp_path: Path) -> None:
    """A heading-format entry cannot say ``link: true``: its message offers what it can do.

    Catches: the YAML-only fix offered for a Markdown source (a dead end for the reader)."""
    (tmp_path / "glossary.md").write_text("# Glossary\n\n## T\n\n### The\n\nArticle.\n", "utf-8")
    matcher = Matcher(load(["glossary.md"], str(tmp_path)).terms)
    [problem] = matcher.problems
    assert str(problem) == (
        "glossary.md:5: the name 'The' of 'The' is a function word of English: it is not linked "
        "automatically (the entry stays in the index); to link it anyway, use the term() macro, "
        "or write the entry in a YAML/JSON source with `link: true`"
    )


# -- the docs list the words of the module -------------------------------------------------------


def test_docs_list_exactly_the_module_words() -> None:
    """``docs/matching.md`` shows each class of each language with exactly its words.

    Catches: a word added to (or removed from) the module without the docs, or the reverse."""
    text = (ROOT / "docs" / "matching.md").read_text("utf-8")
    section = text.split("## Function words", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (English|Korean) \| (.+?) \| (.+?) \|$", section, re.M)
    documented = [(lang, cls, re.findall(r"`([^`]+)`", words)) for lang, cls, words in rows]
    expected = [
        (lang, cls, list(words))
        for lang, classes in FUNCTION_WORDS.items()
        for cls, words in classes
    ]
    assert documented == expected
