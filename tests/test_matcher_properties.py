"""Properties of the matcher over generated glossaries and texts (hypothesis).

Keys are built from a small alphabet of Latin letters (both cases) and Hangul syllables (some of
them particles, so that keys, particles and other words collide often), joined by spaces and
hyphens; texts are made of those keys, changed the ways a writer changes them (case, hyphen for
space, extra spaces, plural ``s``, a particle), and of noise from the same alphabet.
"""

from __future__ import annotations

import random
import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_glossary_plugin.matcher import PARTICLE_SEQUENCES, Matcher
from mkdocs_glossary_plugin.model import Term

LATIN = "abAB"
HANGUL = "가나다정화는을이들"
NOISE = [" ", "  ", "-", ",", "(", ")", "\n", "x", "s", "es", "이다", "를", "3", "_"]
PARTICLES = sorted(p for p in PARTICLE_SEQUENCES if len(p) <= 2)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

word = st.one_of(
    st.text(alphabet=LATIN, min_size=1, max_size=3),
    st.text(alphabet=HANGUL, min_size=1, max_size=3),
)


@st.composite
def keys(draw: st.DrawFn) -> str:
    words = draw(st.lists(word, min_size=1, max_size=3))
    seps = [draw(st.sampled_from([" ", "-", ""])) for _ in words[1:]]
    key = words[0] + "".join(s + w for s, w in zip(seps, words[1:], strict=True))
    return key if len(key) >= 2 else key + key


def norm(text: str) -> str:
    """Independent normal form: lower case, any run of separators is one space, and no space
    between two Hangul syllables."""
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub(r"[\s\-]+", " ", text).strip()
    return re.sub(r"(?<=[가-힣]) (?=[가-힣])", "", text)


def variants(key: str) -> set[str]:
    base = norm(key)
    return {base, base + "s", base + "es", base[:-1] + "ies"}


def vary(key: str, rnd: random.Random) -> str:
    """The key as a writer might put it in a text."""
    roll = rnd.random()
    if roll < 0.2:
        key = key.upper()
    elif roll < 0.4:
        key = key.lower()
    if rnd.random() < 0.3:
        key = key.replace(" ", "-")
    if rnd.random() < 0.2:
        key = key.replace(" ", "  ").replace("-", " ")
    if rnd.random() < 0.2:
        key += "s"
    if rnd.random() < 0.3:
        key += rnd.choice(PARTICLES)
    return key


@st.composite
def glossaries(draw: st.DrawFn) -> list[Term]:
    ks = draw(st.lists(keys(), min_size=1, max_size=6, unique_by=norm))
    return [Term(k, id=f"t{i}") for i, k in enumerate(ks)]


@st.composite
def texts(draw: st.DrawFn, terms: list[Term]) -> str:
    rnd = random.Random(draw(st.integers(0, 2**32)))
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        if rnd.random() < 0.5:
            parts.append(vary(rnd.choice(terms).name, rnd))
        elif rnd.random() < 0.5:
            parts.append(rnd.choice(NOISE))
        else:
            parts.append(rnd.choice(LATIN + HANGUL))
        if rnd.random() < 0.6:
            parts.append(rnd.choice([" ", " ", ", ", "\n"]))
    return "".join(parts)


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[Term], str]:
    terms = draw(glossaries())
    return terms, draw(texts(terms))


@SETTINGS
@given(cases())
def test_matches_are_in_order_and_never_overlap(case: tuple[list[Term], str]) -> None:
    terms, text = case
    matches = Matcher(terms).find(text)
    pos = 0
    for m in matches:
        assert pos <= m.start < m.end <= len(text)
        pos = m.end


@SETTINGS
@given(cases())
def test_each_match_is_a_key_or_its_plural(case: tuple[list[Term], str]) -> None:
    terms, text = case
    by_id = {t.id: t for t in terms}
    for m in Matcher(terms).find(text):
        assert m.key in by_id[m.term_id].keys
        assert norm(text[m.start : m.end]) in variants(m.key), (text, m)


@SETTINGS
@given(cases())
def test_never_starts_inside_a_word_of_its_own_script(case: tuple[list[Term], str]) -> None:
    terms, text = case
    for m in Matcher(terms).find(text):
        if m.start == 0:
            continue
        before, first = text[m.start - 1], text[m.start]
        assert not (before.isascii() and before.isalnum() and first.isascii()), (text, m)
        assert not ("가" <= before <= "힣" and "가" <= first <= "힣"), (text, m)


@SETTINGS
@given(cases(), st.randoms(use_true_random=False))
def test_order_of_terms_does_not_matter(case: tuple[list[Term], str], rnd: random.Random) -> None:
    """Keys are distinct after normalisation, so no duplicate decides by order."""
    terms, text = case
    shuffled = list(terms)
    rnd.shuffle(shuffled)
    first = [(m.start, m.end, m.term_id) for m in Matcher(terms).find(text)]
    assert [(m.start, m.end, m.term_id) for m in Matcher(shuffled).find(text)] == first


@SETTINGS
@given(cases())
def test_decomposed_text_gives_the_same_mentions(case: tuple[list[Term], str]) -> None:
    terms, text = case
    matcher = Matcher(terms)
    nfd = unicodedata.normalize("NFD", text)
    composed = [(text[m.start : m.end], m.term_id) for m in matcher.find(text)]
    decomposed = [
        (unicodedata.normalize("NFC", nfd[m.start : m.end]), m.term_id) for m in matcher.find(nfd)
    ]
    assert decomposed == composed


@SETTINGS
@given(keys(), st.sampled_from(["", *PARTICLES]))
def test_a_key_standing_alone_is_found(key: str, particle: str) -> None:
    """A key between spaces is found whole; a Hangul-final one also before any particle."""
    if not ("가" <= key[-1] <= "힣"):
        particle = ""
    text = f"( {key}{particle} )"
    [m] = Matcher([Term(key, id="k")]).find(text)
    assert (m.start, m.end) == (2, 2 + len(key))
