"""The per-alias opt-out: an alias written ``{name: 검증, link: false}`` in a YAML or JSON source
is kept in the glossary, on the index page and in search, but not linked automatically; the
term's name and other aliases still are. A wrong alias mapping stops the build with the file,
the line and the fix.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import build, build_log, content_of, glossary_links, html_of

from mkdocs_glossary_plugin.matching import Matcher
from mkdocs_glossary_plugin.model import Term
from mkdocs_glossary_plugin.sources import SourceError, load

pytestmark = pytest.mark.slow

GLOSSARY = """\
- term: Validation
  aliases: [밸리데이션, {name: 검증, link: false}]
  definition: 학습에 쓰지 않은 데이터로 모델을 평가하는 일.
- term: Dropout
  aliases:
    - 드롭아웃
    - name: 탈락
      link: false
  definition: 학습 중 유닛을 무작위로 끈다.
"""

PAGE = """\
# 메모

Validation 단계에서 결과를 검증한다. 밸리데이션은 중요하다. 다시 검증을 거친다.

드롭아웃을 쓰면 일부 유닛이 탈락한다. Dropout again, and 탈락 again.

Explicitly: {{ term("검증") }}.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(
        tmp_path_factory.mktemp("alias-optout"),
        {"index.md": PAGE, "./glossary.yml": GLOSSARY},
        {
            "plugins": [
                "search",
                {"glossary": {"source": "glossary.yml", "link": "all"}},
                "macros",
            ]
        },
        strict=True,
    )


def _links(site: Path) -> list[tuple[str, str]]:
    paragraphs = content_of(html_of(site, "")).find_all("p")[:-1]  # the term() line apart
    return [
        (a.get_text(), str(a["href"]).rsplit("#", 1)[1])
        for p in paragraphs
        for a in glossary_links(p)
    ]


def test_unlinked_alias_is_not_linked_while_the_rest_is(site: Path) -> None:
    """``검증`` (``link: false``) is never linked; ``Validation`` and ``밸리데이션`` are. The
    block-style mapping (``탈락``) works the same.

    Catches: the matcher ignoring an alias's own ``link`` (``검증``, ``탈락`` linked); the
    opt-out applied to the whole term (``Validation`` no longer linked)."""
    links = _links(site)
    assert links == [
        ("Validation", "validation"),
        ("밸리데이션", "validation"),
        ("드롭아웃", "dropout"),
        ("Dropout", "dropout"),
    ]


def test_unlinked_alias_is_listed_on_the_index_page_and_in_search(site: Path) -> None:
    """The index page shows ``검증`` among the aliases of ``Validation``, so search finds it.

    Catches: dropping the alias from ``Term.aliases`` instead of marking it."""
    soup = html_of(site, "glossary/")
    entry = soup.find(id="validation")
    assert entry is not None
    aliases = entry.find_next(class_="glossary-aliases")
    assert aliases is not None and "검증" in aliases.get_text()
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert any(
        "검증" in doc["text"] for doc in index["docs"] if doc["location"].startswith("glossary/")
    )


def test_term_macro_reaches_the_term_through_an_unlinked_alias(site: Path) -> None:
    """``{{ term("검증") }}`` links to ``Validation``: the alias still names the term.

    Catches: leaving the alias out of the glossary's lookup."""
    last = content_of(html_of(site, "")).find_all("p")[-1]
    assert [(a.get_text(), a["href"].rsplit("#", 1)[1]) for a in glossary_links(last)] == [
        ("검증", "validation")
    ]


def test_no_warning_and_no_message(site: Path) -> None:
    """An opt-out is what the author asked for: the build is quiet about it (``--strict``).

    Catches: a warning (or any message) for an alias kept unlinked on purpose."""
    log = build_log(site)
    assert not [line for line in log if line.startswith("WARNING")]
    assert not [line for line in log if "검증" in line or "탈락" in line]


# -- the model and the compiler (pure) -----------------------------------------------------------


def test_alias_link_wins_over_the_entry_and_follows_dedupe(tmp_path: Path) -> None:
    """An alias's own ``link`` wins over its entry's, in either direction, and it follows the
    alias through the removal of repeats (``Check`` kept, ``check`` given ``link: false``).

    Catches: the entry's ``link: false`` skipping an alias that says ``link: true``; a setting
    lost when its alias is a repeat in another case."""
    (tmp_path / "g.yml").write_text(
        "- term: Verification\n"
        "  link: false\n"
        "  aliases: [{name: Proof, link: true}, Check, {name: check, link: false}]\n",
        "utf-8",
    )
    (term,) = load(["g.yml"], str(tmp_path)).terms
    assert term.aliases == ("Proof", "Check")
    assert term.unlinked_aliases == frozenset({"Check"})
    assert (term.link_of("Verification"), term.link_of("Proof"), term.link_of("Check")) == (
        False,
        True,
        False,
    )
    matcher = Matcher([term])
    assert [m.key for m in matcher.find("Verification, Proof, Check")] == ["Proof"]


def test_alias_link_true_links_a_function_word_alias() -> None:
    """``{name: With, link: true}`` links the function word ``With`` without an entry-wide
    ``link: true``; the name ``or`` of the same entry stays unlinked.

    Catches: the function-word check ignoring an alias's own ``link: true``."""
    term = Term("or", aliases=("With",), alias_links={"With": True})
    matcher = Matcher([term])
    assert [m.key for m in matcher.find("this or that with more")] == ["With"]
    assert [p.message.split(":")[0] for p in matcher.problems] == [
        "the name 'or' of 'or' is a function word of English"
    ]


def test_json_alias_mapping(tmp_path: Path) -> None:
    """The JSON form reads the same.

    Catches: the alias mapping read only from YAML."""
    (tmp_path / "g.json").write_text(
        json.dumps(
            [{"term": "Validation", "aliases": ["밸리데이션", {"name": "검증", "link": False}]}]
        ),
        "utf-8",
    )
    (term,) = load(["g.json"], str(tmp_path)).terms
    assert (term.aliases, term.unlinked_aliases) == (("밸리데이션", "검증"), frozenset({"검증"}))


# -- wrong alias mappings: a clear message with file and line -----------------------------------


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        (
            "- term: A\n  aliases: [x, {name: 검증, linked: false}]\n",
            2,
            ["unknown key 'linked' in alias 2 in 'aliases' of 'A'", "only 'name' and 'link'"],
        ),
        (
            "- term: A\n  aliases:\n    - x\n    - link: false\n",
            4,
            ["alias 2 in 'aliases' of 'A' has no 'name'", "{name: 검증, link: false}"],
        ),
        (
            "- term: A\n  aliases:\n    - name: 3\n",
            3,
            ["alias 1 in 'aliases' of 'A' has a 'name' that is a number"],
        ),
        (
            "- term: A\n  aliases:\n    - name: 검증\n      link: no thanks\n",
            4,
            ["'link' of the alias '검증' in 'aliases' of 'A' must be true or false, not text"],
        ),
        (
            "- term: A\n  aliases: [x, [y]]\n",
            2,
            ["alias 2 in 'aliases' of 'A' must be text or a mapping", "not a list"],
        ),
    ],
)
def test_wrong_alias_mapping(tmp_path: Path, content: str, line: int, words: list[str]) -> None:
    """Catches: a wrong alias mapping accepted silently (the typo ``linked`` would leave the word
    linked), or a message without its line or without the fix."""
    (tmp_path / "glossary.yml").write_text(content, "utf-8")
    with pytest.raises(SourceError) as info:
        load(["glossary.yml"], str(tmp_path))
    err = info.value
    assert (err.path, err.line) == ("glossary.yml", line), err
    for word in words:
        assert word in err.message, err


def test_wrong_alias_mapping_stops_the_build_with_its_line(tmp_path: Path) -> None:
    """Through a real build: the message names the file and line, and there is no traceback.

    Catches: an alias mapping error that escapes as a traceback or loses its place."""
    with pytest.raises(subprocess.CalledProcessError):
        build(
            tmp_path,
            {"index.md": "Validation\n", "./glossary.yml": "- term: V\n  aliases: [{nam: 검증}]\n"},
            {"plugins": [{"glossary": {"source": "glossary.yml"}}]},
            in_process=False,
        )
    log = "\n".join(build_log(tmp_path / "site"))
    assert (
        "ERROR   -  glossary: glossary.yml:2: unknown key 'nam' in alias 1 in 'aliases' of 'V'"
        in log
    )
    assert "Traceback" not in log
