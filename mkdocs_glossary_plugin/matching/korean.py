"""The Korean particles and endings that may follow a term inside its word.

Korean glues grammar to the noun it belongs to: ``텐서를``, ``정규화에서는``, ``정규화된``,
``보안상의`` are one written word each, and the term is only its start. Where a Hangul-final key
ends inside such a word, the matcher must tell a term with grammar after it (``블록들을``) from a
longer word that merely begins like the term (``텐서플로``): it links the key only when the rest of
the Hangul run is particles and endings, and nothing else (:func:`is_particle_sequence`).

What may follow is generated from the grammar, never listed from examples: the noun particles in
the order they stack, the copula ``이다``, the light verbs (``하다``, ``되다``, ...) conjugated by
the rules of Korean spelling, the plural ``들`` and a few relational noun suffixes. The slot
tables below are the grammar; two readings of them agree by test: :data:`PARTICLE_SEQUENCES`
enumerates every sequence (some 500,000 strings, built only when asked for, for tests and
documentation), and :func:`is_particle_sequence` parses a run against the same tables without
enumerating anything, which is what the matcher calls.
"""

from __future__ import annotations

import functools
from itertools import product

__all__ = ["PARTICLE_SEQUENCES", "is_particle_sequence"]

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
    spelling writes them (한글 맞춤법 제34–36항), both ways where both are used: ``하`` →
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
    "로서", "으로서", "로써", "으로써", "와", "과", "랑", "이랑", "하고", "에다", "에다가",
    *_QUOTATIVE,
)  # fmt: skip
#: Adverbial particles that also extend another particle (``에서부터``, ``에게까지``). Two of
#: them never stack (``처음부터 끝까지`` is two words). ``치고`` (for a ...: ``모델치고는``)
#: takes a delimiter as they do.
_EXTENDER = ("부터", "까지", "처럼", "보다", "만큼", "대로", "마다", "같이", "밖에", "치고")
#: Auxiliary particles (보조사): topic, also, only, even, or, whatever, precisely.
_DELIMITER = (
    "은", "는", "도", "만", "조차", "마저", "라도", "이라도", "야", "이야", "나", "이나",
    "든지", "이든지", "든", "이든", "든가", "이든가", "나마", "이나마", "뿐", "요", "은커녕",
    "는커녕", "야말로", "이야말로", "라든지", "이라든지", "라든가", "이라든가",
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
    "라고", "이라고", "부터", "까지", "보다", "밖에", "치고",
)  # fmt: skip

#: Verbal endings that attach to a stem as written (``다``) or through :func:`_attach`.
_ENDINGS = (
    "다", "고", "고서", "고는", "고도", "고자", "(으)며", "(으)면", "(으)면서", "(으)면서도",
    "(으)므로", "(으)니", "(으)니까", "(으)나", "지", "지만", "지요", "죠", "지는", "지도", "게",
    "게끔", "도록", "되", "듯이", "기", "는", "는데", "는지", "는가", "던", "든지", "든", "거나",
    "거든", "(으)려고", "(으)려면", "(으)려는", "자", "자마자", "네", "냐", "느냐", "더라도",
    "다가", "다는", "다고", "다면", "ㄴ", "ㄴ다", "ㄴ다면", "ㄴ다고", "ㄴ다는", "ㄴ데", "ㄴ지",
    "ㄴ가", "ㄹ", "ㄹ수록", "ㄹ까", "ㄹ지", "ㅁ", "ㅂ니다", "ㅂ니다만", "ㅂ니까", "ㅂ시다",
    "느라", "느라고", "ㄹ지라도", "자면", "더니", "ㄹ까요",
)  # fmt: skip
#: Endings after the connective ``-아/어`` form (``해서``, ``되어야``) and bare ``해``;
#: ``선`` is ``서는`` with the topic contracted (``해선``).
_EO_ENDINGS = ("", "서", "야", "도", "요", "야만", "서는", "서도", "선", "라")
#: Endings after the past stem (``했다``, ``되었으며``) and after ``-겠-`` (``하겠습니다``).
_PAST_ENDINGS = (
    "다", "고", "으며", "으나", "으면", "으므로", "으니", "으니까", "는데", "는지", "을", "던",
    "지만", "습니다", "어요", "기", "음", "다는", "다고", "다면", "을지", "더라도", "더니",
    "을까", "을까요",
)  # fmt: skip
#: Nominalising endings: a particle may follow them (``하기를``, ``함으로써``, ``임을``), after
#: the past too (``했음에도``, ``하였기에``).
_NOMINAL_ENDINGS = ("기", "ㅁ")
_PAST_NOMINAL = ("기", "음")
#: Connective endings that take a delimiter or the polite ``요`` (``하고도``, ``하지도``,
#: ``하진``, ``하는데도``, ``인데요``, ``일지도``), on a verb, the copula and the past.
_DELIMITABLE_ENDINGS = ("고", "지", "게", "도록", "(으)면서", "(으)려고", "는데", "ㄴ데", "는지",
                        "ㄴ지", "ㄹ지", "다가")  # fmt: skip
#: The delimiters those endings take.
_ENDING_DELIMITERS = ("는", "도", "만", "요")
#: Those of them that make an embedded question, a noun clause: it also takes the subject or
#: object particle (``인지를``, ``하는지가``).
_QUESTION_ENDINGS = ("는지", "ㄴ지", "ㄹ지", "을지")
#: The delimitable endings after the past stem and after ``-겠-`` (``했는데도``, ``했고요``,
#: ``했는지를``).
_PAST_DELIMITABLE = ("고", "지", "는데", "는지", "을지", "다가")
#: Those of them whose topic ``는`` is written contracted (``하진``, ``하곤``).
_TOPIC_CONTRACTED_ENDINGS = ("고", "지")
#: Endings only the honorific ``-(으)시-`` takes, fused with it (``하세요``, ``하십시오``).
_HONORIFIC_ENDINGS = ("세요", "십시오")

#: Light verbs that turn a noun into a verb (정규화하다, 정규화되다, 학습시키다, 학습받다).
_LIGHT_VERBS = ("하", "되", "시키", "받", "당하")
#: Auxiliary verbs after the ``-아/어`` form of a light verb, which Korean spelling lets be
#: written glued to it (한글 맞춤법 제47항: ``해 보다``/``해보다``, ``되어 있다``/``되어있다``):
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
    out.update(_topic_contracted(c) for c in cases if c in _TOPIC_CONTRACTS)  # 하기엔, 함으론
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


def _delimited(form: str, ending: str) -> set[str]:
    """``form``, which ends with the delimitable ``ending``, followed by a delimiter or the
    polite ``요`` (``하는데도``, ``했고요``), the topic contracted where Korean writes it
    (``하진``), and the subject or object particle after an embedded question (``인지를``)."""
    out = {form + d for d in _ENDING_DELIMITERS}
    if ending in _TOPIC_CONTRACTED_ENDINGS:
        out.add(_topic_contracted(form))
    if ending in _QUESTION_ENDINGS:
        out.update(form + s for s in ("가", "를"))
    return out


def _past_forms(past: str) -> set[str]:
    """The forms of a past stem (``했``, ``이었``) or a ``-겠-`` stem: its endings, its
    delimitable endings with a delimiter (``했는데도``), and nominalised with a particle
    (``했음에도``)."""
    forms = {past + e for e in _PAST_ENDINGS}
    for ending in _PAST_DELIMITABLE:
        forms.add(past + ending)
        forms |= _delimited(past + ending, ending)
    forms.update(past + n + p for n in _PAST_NOMINAL for p in _NOMINAL_PARTICLES)
    return forms


def _copula_forms() -> set[str]:
    """Forms of the copula ``이다`` after a noun (``이다``, ``인``, ``입니다``, ``이었다``,
    ``였다``, ``이에요``/``예요``, ``이어야``/``여야``, ``이라는``/``라는``, ``임을``,
    ``이기에``)."""
    forms: set[str] = set(_COPULA_ONLY)
    for ending in _ENDINGS:
        forms.add(_attach("이", ending))
    for ending in _DELIMITABLE_ENDINGS:
        forms |= _delimited(_attach("이", ending), ending)
    for past in ("이었", "였"):
        forms |= _past_forms(past)
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
        forms |= _delimited(_attach(stem, ending), ending)
    for eo in _eo_forms(stem):
        forms.update(eo + e for e in _EO_ENDINGS)
        # the past, and the past perfect -었었- (했었다), which Korean stacks on it
        forms |= _past_forms(_past(eo))
        forms |= _past_forms(_past(eo) + "었")
    forms |= _past_forms(stem + "겠")
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
#: some 500,000 strings, enumerated from the grammar on first use (for tests and documentation) by
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
