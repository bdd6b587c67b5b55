"""The Korean grammar after a term: which particle stacks, endings and suffixes end a mention.

A Hangul-final term is mentioned when the Hangul glued after it is entirely particles, the
copula, a conjugated light verb or a relational noun suffix (see docs/matching.md, "Korean
particles and endings"). These tables check each slot and each combination of the grammar,
and, for every ending or suffix, that the same syllables beginning a longer word are not read
as it (``보안용`` links ``보안``, ``보안용어`` does not). Each row has a one-line reason.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mkdocs_glossary_plugin.matching import PARTICLE_SEQUENCES, Matcher, is_particle_sequence
from mkdocs_glossary_plugin.matching import korean as mod
from mkdocs_glossary_plugin.model import Term

ROOT = Path(__file__).resolve().parents[1]
P = pytest.param

# --- the grammar, sequence by sequence ------------------------------------------------------

#: Sequences the grammar recognises: (sequence, why).
ACCEPTED = [
    # quotative (이)라고: a case particle, so delimiters and extenders follow it
    P("라고", id="quotative 라고 after a vowel"),
    P("이라고", id="quotative 이라고 after a consonant"),
    P("라고도", id="quotative + 도 (also called)"),
    P("이라고는", id="quotative + topic 는"),
    P("이라고만", id="quotative + 만 (only called)"),
    P("라고까지", id="quotative + extender 까지 (even called)"),
    P("라곤", id="quotative + topic contracted (라고는)"),
    P("라는", id="quotative adnominal 라는 (라고 하는)"),
    P("이라는", id="quotative adnominal 이라는"),
    # delimiters
    P("나마", id="delimiter 나마 (at least)"),
    P("이나마", id="delimiter 이나마 after a consonant"),
    P("든지", id="delimiter 든지 (whichever)"),
    P("이든지", id="delimiter 이든지 after a consonant"),
    P("든가", id="delimiter 든가, a variant of 든지"),
    P("야말로", id="delimiter 야말로 (precisely)"),
    P("이야말로", id="delimiter 이야말로 after a consonant"),
    # extenders after an adverbial, delimiters and structurals after extenders
    P("에서부터", id="adverbial + extender: 에서 + 부터"),
    P("으로부터의", id="adverbial + extender + genitive"),
    P("에서처럼", id="adverbial + extender: 에서 + 처럼"),
    P("까지도", id="extender + delimiter: 까지 + 도"),
    P("부터는", id="extender + topic"),
    P("마다의", id="extender + genitive"),
    P("처럼만", id="extender + delimiter: 처럼 + 만"),
    P("보다도", id="extender + delimiter: 보다 + 도"),
    P("보다는", id="extender + topic: 보다 + 는"),
    P("까지만이라도", id="extender + open delimiter + delimiter"),
    P("만큼이나", id="extender + delimiter: 만큼 + 이나"),
    # 만 before the instrumental
    P("만으로", id="만 before the instrumental 으로"),
    P("만으로도", id="만 + 으로 + 도 (모델만으로도)"),
    P("만으로는", id="만 + 으로 + 는"),
    P("만으로써", id="만 + 으로써"),
    P("만으론", id="만 + 으로 + topic contracted"),
    # the topic contracted into the particle before it
    P("엔", id="topic contracted: 에는 -> 엔"),
    P("에선", id="topic contracted: 에서는 -> 에선"),
    P("에겐", id="topic contracted: 에게는 -> 에겐"),
    P("으론", id="topic contracted: 으로는 -> 으론"),
    P("부턴", id="topic contracted: 부터는 -> 부턴"),
    P("까진", id="topic contracted: 까지는 -> 까진"),
    P("보단", id="topic contracted: 보다는 -> 보단"),
    P("에서부턴", id="topic contracted after adverbial + extender"),
    P("들엔", id="plural 들 + topic contracted"),
    # the copula contracted after a vowel (이어 -> 여)
    P("여야", id="copula -어야 contracted: 이어야 -> 여야 (비동기여야)"),
    P("여야만", id="copula 여야 + 만"),
    P("여도", id="copula 여도"),
    P("여서", id="copula 여서"),
    P("였다", id="copula past contracted"),
    P("이어야", id="copula -어야 after a consonant"),
    P("이어요", id="copula polite -어요"),
    # light verbs: new endings
    P("하되", id="connective -되 (하되)"),
    P("되되", id="connective -되 on 되다"),
    P("이되", id="connective -되 on the copula"),
    P("하기로", id="nominal 하기 + instrumental 로"),
    P("하기로는", id="nominal + 로 + 는"),
    P("하기보다는", id="nominal + 보다 + 는"),
    P("하기란", id="nominal + topic 란"),
    P("함에도", id="nominal 함 + 에 + 도"),
    P("하진", id="하지는 with the topic contracted"),
    P("되진", id="되지는 with the topic contracted"),
    P("하곤", id="하고는 with the topic contracted"),
    P("해선", id="해서는 with the topic contracted"),
    P("하고자", id="connective -고자 (in order to)"),
    P("하듯이", id="connective -듯이 (as)"),
    P("합시다", id="hortative -ㅂ시다"),
    P("하겠습니다", id="-겠- (will) + 습니다"),
    P("되겠지만", id="-겠- + 지만"),
    # the honorific -(으)시-
    P("하세요", id="honorific + -어요 fused: 하세요"),
    P("하십시오", id="honorific formal imperative"),
    P("하시면", id="honorific + 면"),
    P("하셨다", id="honorific past"),
    P("받으시면", id="honorific after a consonant-final light verb"),
    # auxiliary verbs after -아/어, glued
    P("해보기", id="auxiliary 보다 nominalised: 해보기"),
    P("해보면", id="auxiliary 보다 + 면"),
    P("해봤다", id="auxiliary 보다 past, 보아 -> 봐 fused"),
    P("해보았다", id="auxiliary 보다 past, unfused"),
    P("해본", id="auxiliary 보다 adnominal"),
    P("해보세요", id="auxiliary 보다 + honorific"),
    P("하여보면", id="auxiliary after the unfused 하여"),
    P("시켜본", id="auxiliary after 시키다"),
    P("받아보기", id="auxiliary after 받다"),
    P("해주면", id="auxiliary 주다"),
    P("해줬다", id="auxiliary 주다 past, 주어 -> 줘 fused"),
    P("해드리면", id="auxiliary 드리다"),
    P("해두면", id="auxiliary 두다"),
    P("해놓은", id="auxiliary 놓다"),
    P("해버렸다", id="auxiliary 버리다 past, 버리어 -> 버려 fused"),
    P("해냈다", id="auxiliary 내다 past, 내어 -> 내 fused"),
    P("해왔다", id="auxiliary 오다 past, 오아 -> 와 fused"),
    P("해간다", id="auxiliary 가다"),
    P("되어있다", id="auxiliary 있다 (되어 있다, glued)"),
    P("돼있는", id="auxiliary 있다 after the fused 돼"),
    # the glued adjective 같다
    P("같은", id="glued adjective 같다, adnominal"),
    P("같은데", id="glued adjective 같다 + -ㄴ데"),
    P("같이", id="같이, the particle and the adverb"),
    P("같아서", id="glued adjective 같다 + -아서"),
    # relational noun suffixes
    P("용", id="suffix -용 (for)"),
    P("용으로", id="suffix -용 + instrumental"),
    P("용이다", id="suffix -용 + copula"),
    P("상", id="suffix -상 (in terms of)"),
    P("상의", id="suffix -상 + genitive"),
    P("상으로는", id="suffix -상 + 으로 + 는"),
    P("별", id="suffix -별 (by)"),
    P("별로", id="suffix -별 + instrumental"),
    P("당", id="suffix -당 (per)"),
    P("당으로", id="suffix -당 + instrumental"),
    # found by the audit of real ML prose (docs/matching.md): each row a class of the grammar
    P("에다", id="adverbial 에다 (onto; 에 + 다가 shortened)"),
    P("에다가", id="adverbial 에다가 (onto, in addition to)"),
    P("라든지", id="delimiter (이)라든지 (such as) after a vowel"),
    P("이라든지", id="delimiter 이라든지 after a consonant"),
    P("라든가", id="delimiter (이)라든가, a variant of (이)라든지"),
    P("이라든가", id="delimiter 이라든가 after a consonant"),
    P("치고는", id="extender 치고 (for a ...) + topic"),
    P("치곤", id="extender 치고 + topic contracted"),
    P("하는데도", id="connective -는데 + 도 (even though)"),
    P("하는데요", id="connective -는데 + polite 요"),
    P("했는데도", id="past + connective -는데 + 도"),
    P("했고요", id="past + connective -고 + polite 요"),
    P("인데도", id="copula + -ㄴ데 + 도"),
    P("이고요", id="copula + -고 + polite 요"),
    P("인지를", id="copula + -ㄴ지 clause + object particle"),
    P("하는지도", id="-는지 clause + 도"),
    P("했음에도", id="past nominalised 했음 + 에 + 도"),
    P("이었음을", id="copula past nominalised + object particle"),
    P("하였기에", id="past nominalised 하였기 + 에"),
    P("했었다", id="past perfect -었었-"),
    P("됐었던", id="past perfect after the fused 돼"),
    P("하기엔", id="nominal 하기 + 에 + topic contracted"),
    P("함으론", id="nominal 함 + 으로 + topic contracted"),
    P("하느라", id="connective -느라 (because busy with)"),
    P("할지라도", id="connective -ㄹ지라도 (even if)"),
    P("일지도", id="copula + -ㄹ지 + 도 (may be)"),
    P("하자면", id="connective -자면 (if one is to)"),
    P("했더니", id="past + -더니 (when ... then)"),
    P("하다가도", id="connective -다가 + 도"),
    P("했다가", id="past + connective -다가 (did, and then)"),
    P("였다가는", id="copula past + -다가 + topic"),
    P("할까요", id="question -ㄹ까 + polite 요"),
    P("했을까", id="past + question -을까"),
]

#: Runs the grammar refuses: (sequence, why).
REFUSED = [
    P("적", id="-적 makes another word (an adjective): not recognised"),
    P("적으로", id="-적 + particle: still another word"),
    P("적인", id="-적 + copula adnominal: still another word"),
    P("성", id="-성 makes another word (a property)"),
    P("성이", id="-성 + particle: still another word"),
    P("부터까지", id="two extenders never stack"),
    P("까지부터", id="two extenders never stack, either order"),
    P("만에게", id="만 stands before the instrumental only"),
    P("만에", id="만에 is the bound noun 만 (after ...), spaced"),
    P("론", id="로는 -> 론 is left out: 론 is the suffix 'theory'"),
    P("완", id="와는 is never contracted"),
    P("라고의", id="the genitive never follows the quotative"),
    P("하겠", id="-겠- needs an ending after it"),
    P("해보", id="an auxiliary stem needs an ending"),
    P("해같은", id="같다 is no auxiliary after -아/어"),
    P("해봐주세요", id="only the first of two auxiliaries may be glued (spelling §47)"),
    P("여", id="bare 여 is the vocative particle, not the copula"),
    P("용들", id="the plural does not follow a suffix"),
    P("용용", id="suffixes do not stack"),
    P("도가", id="no structural particle after the closed delimiter 도"),
]


@pytest.mark.parametrize("sequence", ACCEPTED)
def test_accepted(sequence: str) -> None:
    assert is_particle_sequence(sequence)
    assert sequence in PARTICLE_SEQUENCES, "the enumerated grammar must hold it too"


@pytest.mark.parametrize("sequence", REFUSED)
def test_refused(sequence: str) -> None:
    assert not is_particle_sequence(sequence)
    assert sequence not in PARTICLE_SEQUENCES


# --- mentions in text: each addition, and the longer word that begins like it ---------------

TERMS = [
    Term(name)
    for name in ("보안", "모델", "비동기", "정규화", "배치", "텐서", "미니배치", "학습", "OpenAPI")
]
MATCHER = Matcher(TERMS)


def found(text: str, matcher: Matcher = MATCHER) -> list[str]:
    return [text[m.start : m.end] for m in matcher.find(text)]


MENTIONS = [
    P("보안용 키", ["보안"], id="-용 after a term"),
    P("보안용어", [], id="용어 begins with 용: another word"),
    P("보안용으로 쓴다", ["보안"], id="-용 + particle"),
    P("보안상 위험하다", ["보안"], id="-상 after a term"),
    P("보안상황", [], id="상황 begins with 상: another word"),
    P("보안상의 이유", ["보안"], id="-상 + genitive"),
    P("보안상이한", [], id="상이하다 begins with 상이: another word"),
    P("모델별로 다르다", ["모델"], id="-별 + particle"),
    P("모델별명", [], id="별명 begins with 별: another word"),
    P("배치당 샘플 수", ["배치"], id="-당 after a term"),
    P("배치당시", [], id="당시 begins with 당: another word"),
    P("모델같은 구조", ["모델"], id="glued 같은"),
    P("모델같은데 느리다", ["모델"], id="glued 같은데 (같 + -ㄴ데)"),
    P("모델같은데이터", [], id="같은 + 데이터 glued: another word follows"),
    P("모델같잖은", [], id="같잖다 begins with 같: another word"),
    P("비동기여야 한다", ["비동기"], id="copula contracted after a vowel: 여야"),
    P("비동기여야당", [], id="여야당 begins with 여야: another word"),
    P("비동기였다", ["비동기"], id="copula past contracted"),
    P("모델만으로도 충분하다", ["모델"], id="만 + 으로 + 도"),
    P("모델만으로도가", [], id="nothing after the closed delimiter 도"),
    P("정규화하되 순서를 지킨다", ["정규화"], id="-하되"),
    P("정규화하되다", [], id="하되 followed by more Hangul"),
    P("정규화하기로 했다", ["정규화"], id="-하기로"),
    P("정규화기로", [], id="기로 without 하 is a noun (crossroads)"),
    P("정규화하진 않는다", ["정규화"], id="-하진 (하지는)"),
    P("정규화하진단", [], id="진단 begins with 진: another word"),
    P("정규화해보기", ["정규화"], id="auxiliary 보다 glued: 해보기"),
    P("정규화해 보기", ["정규화"], id="auxiliary 보다 spaced: the term ends at 해"),
    P("정규화해봤다", ["정규화"], id="auxiliary 보다 past fused"),
    P("정규화해보험", [], id="보험 begins with 보: another word"),
    P("정규화되어있다", ["정규화"], id="auxiliary 있다 glued"),
    P("정규화해두부", [], id="두부 begins with 두: another word"),
    P("정규화해주소", [], id="주소 begins with 주: another word"),
    P("정규화하세요", ["정규화"], id="honorific imperative"),
    P("정규화하시계", [], id="시계 begins with 시: another word"),
    P("정규화하겠습니다", ["정규화"], id="-겠- + 습니다"),
    P("정규화하겠", [], id="-겠- without an ending"),
    P("정규화라고도 한다", ["정규화"], id="quotative + 도"),
    P("모델이라고는 할 수 없다", ["모델"], id="quotative + 는 after a consonant"),
    P("모델에선 빠르다", ["모델"], id="에서는 contracted"),
    P("모델에선거", [], id="선거 begins with 선: another word"),
    P("모델론", [], id="-론 (theory) is another word, not 로는"),
    P("정규화든가게", [], id="가게 begins with 가: another word"),
    P("비동기적으로 처리한다", [], id="-적 makes another word: not a mention of 비동기"),
    P("비동기적 처리", [], id="-적 alone: not a mention"),
    P("비동기성", [], id="-성 makes another word: not a mention of 비동기"),
    P("텐서플로", [], id="other Hangul: 텐서 is not in 텐서플로"),
    P("미니배치를", ["미니배치"], id="배치 never starts inside 미니배치"),
    P("OpenAPI-특화 기능", ["OpenAPI"], id="a hyphen between Latin and Hangul is an edge"),
    P("정규화에다 배치까지", ["정규화", "배치"], id="에다 after a term"),
    P("정규화에다리", [], id="다리 begins with 다: another word"),
    P("정규화라든지 배치라든가", ["정규화", "배치"], id="(이)라든지, (이)라든가"),
    P("모델치고는 빠르다", ["모델"], id="치고 + 는"),
    P("모델치고래", [], id="고래 begins with 고: another word"),
    P("정규화됐는데도 발산했다", ["정규화"], id="past + -는데 + 도"),
    P("정규화하기엔 적다", ["정규화"], id="하기 + 엔"),
    P("정규화했었다", ["정규화"], id="past perfect"),
    P("정규화했었다리", [], id="more Hangul after the past perfect"),
    P("정규화했다가 되돌렸다", ["정규화"], id="past + -다가"),
    P("정규화했다가게", [], id="가게 after 했다: another word"),
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS)
def test_mentions(text: str, expected: list[str]) -> None:
    assert found(text) == expected


def test_an_alias_opts_a_derived_word_in() -> None:
    """``-적``/``-성`` words are linked when the glossary names them: the alias is the whole
    word, and particles follow it as usual."""
    m = Matcher([Term("비동기", aliases=("비동기적", "비동기성"))])
    assert [(x.key, x.term_id) for x in m.find("비동기적으로 처리하면 비동기성이 생긴다")] == [
        ("비동기적", "비동기"),
        ("비동기성", "비동기"),
    ]


# --- the documentation names exactly the tables of the code -----------------------------------


def _documented_slots() -> dict[str, set[str]]:
    """The "slot | what | particles" table of docs/matching.md: slot -> the backticked words."""
    rows: dict[str, set[str]] = {}
    for line in (ROOT / "docs" / "matching.md").read_text("utf-8").splitlines():
        m = re.match(r"^\| ([a-z -]+) \| [^|]+ \| (.+) \|$", line)
        if m:
            rows[m.group(1)] = set(re.findall(r"`([^`]+)`", m.group(2)))
    return rows


SLOTS = {
    "adverbial": mod._ADVERBIAL,
    "extender": mod._EXTENDER,
    "delimiter": mod._DELIMITER,
    "structural": mod._STRUCTURAL,
    "noun suffix": tuple(f"-{s}" for s in mod._NOUN_SUFFIXES),
    "light verb": tuple(f"{v}다" for v in mod._LIGHT_VERBS),
    "auxiliary": tuple(f"-어 {a}다" for a in mod._AUXILIARIES),
    "glued adjective": tuple(f"{a}다" for a in mod._GLUED_ADJECTIVES),
}


@pytest.mark.parametrize("slot", SLOTS)
def test_the_docs_list_each_slot_as_the_code_has_it(slot: str) -> None:
    documented = _documented_slots()
    assert slot in documented, f"docs/matching.md has no row for the slot '{slot}'"
    assert documented[slot] == set(SLOTS[slot]), f"docs/matching.md, slot '{slot}'"
