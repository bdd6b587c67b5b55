"""Properties of the matcher over generated glossaries and texts (hypothesis).

Keys are built from a small alphabet of Latin letters (both cases) and Hangul syllables (some of
them particles, so that keys, particles and other words collide often), joined by spaces and
hyphens; texts are made of those keys, changed the ways a writer changes them (case, hyphen for
space, extra spaces, plural ``s``, a particle), and of noise from the same alphabet.

Every generated text also holds at least one clean mention (a name between spaces), and the
properties about matches assert that matches were found: a matcher that finds nothing fails them
instead of passing them trivially. The completeness property plants many mentions between edges
in a document and asks that each one is found, unless a longer key overlapping it, or a key
starting before it, wins; which mentions are excused is computed with plain regular expressions
over the keys, not with the matcher.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from hypothesis import assume, given, target
from hypothesis import strategies as st

from mkdocs_glossary_plugin.matching import PARTICLE_SEQUENCES, Match, Matcher
from mkdocs_glossary_plugin.model import Term

LATIN = "abAB"
HANGUL = "가나다정화는을이들"
NOISE = [" ", "  ", "-", ",", "(", ")", "\n", "x", "s", "es", "이다", "를", "3", "_"]
PARTICLES = sorted(p for p in PARTICLE_SEQUENCES if len(p) <= 2)

word = st.one_of(
    st.text(alphabet=LATIN, min_size=1, max_size=3),
    st.text(alphabet=HANGUL, min_size=1, max_size=3),
)


def is_hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"


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
def glossaries(draw: st.DrawFn, min_size: int = 1, max_size: int = 6) -> list[Term]:
    ks = draw(st.lists(keys(), min_size=min_size, max_size=max_size, unique_by=norm))
    return [Term(k, id=f"t{i}") for i, k in enumerate(ks)]


@st.composite
def texts(draw: st.DrawFn, terms: list[Term]) -> str:
    """Noise and varied mentions, with one clean mention (a name between spaces) somewhere, so
    that every text has at least one match whatever else it holds."""
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
    parts.insert(rnd.randint(0, len(parts)), f" {rnd.choice(terms).name} ")
    return "".join(parts)


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[Term], str]:
    terms = draw(glossaries())
    return terms, draw(texts(terms))


def found(terms: list[Term], text: str) -> list[Match]:
    """The matches, asserted non-empty: every generated text holds a clean mention."""
    matches = Matcher(terms).find(text)
    assert matches, f"nothing found in {text!r} with keys {[t.name for t in terms]}"
    return matches


@given(cases())
def test_matches_are_in_order_and_never_overlap(case: tuple[list[Term], str]) -> None:
    terms, text = case
    pos = 0
    for m in found(terms, text):
        assert pos <= m.start < m.end <= len(text)
        pos = m.end


@given(cases())
def test_each_match_is_a_key_or_its_plural(case: tuple[list[Term], str]) -> None:
    terms, text = case
    by_id = {t.id: t for t in terms}
    for m in found(terms, text):
        assert m.key in by_id[m.term_id].keys
        assert norm(text[m.start : m.end]) in variants(m.key), (text, m)


@given(cases())
def test_never_starts_inside_a_word_of_its_own_script(case: tuple[list[Term], str]) -> None:
    terms, text = case
    for m in found(terms, text):
        if m.start == 0:
            continue
        before, first = text[m.start - 1], text[m.start]
        assert not (before.isascii() and before.isalnum() and first.isascii()), (text, m)
        assert not (is_hangul(before) and is_hangul(first)), (text, m)


@given(cases(), st.randoms(use_true_random=False))
def test_order_of_terms_does_not_matter(case: tuple[list[Term], str], rnd: random.Random) -> None:
    """Keys are distinct after normalisation, so no duplicate decides by order."""
    terms, text = case
    shuffled = list(terms)
    rnd.shuffle(shuffled)
    first = [(m.start, m.end, m.term_id) for m in found(terms, text)]
    assert [(m.start, m.end, m.term_id) for m in Matcher(shuffled).find(text)] == first


@given(cases())
def test_decomposed_text_gives_the_same_mentions(case: tuple[list[Term], str]) -> None:
    terms, text = case
    matcher = Matcher(terms)
    nfd = unicodedata.normalize("NFD", text)
    composed = [(text[m.start : m.end], m.term_id) for m in found(terms, text)]
    decomposed = [
        (unicodedata.normalize("NFC", nfd[m.start : m.end]), m.term_id) for m in matcher.find(nfd)
    ]
    assert decomposed == composed


@given(keys(), st.sampled_from(["", *PARTICLES]))
def test_a_key_standing_alone_is_found(key: str, particle: str) -> None:
    """A key between spaces is found whole; a Hangul-final one also before any particle."""
    if not is_hangul(key[-1]):
        particle = ""
    text = f"( {key}{particle} )"
    [m] = Matcher([Term(key, id="k")]).find(text)
    assert (m.start, m.end) == (2, 2 + len(key))


# -- completeness ----------------------------------------------------------------------------------

#: Between two tokens of a document: each is an edge on both sides for every key.
EDGES = [" ", " ", "\n", ", ", " (", ") ", ". ", "; ", ' "', '" ']


def writings(key: str, rnd: random.Random) -> str:
    """The key as a writer may put it, each change one that GUIDE-level rules make equivalent.

    A hyphen between words is a space; a space not between two Hangul syllables is a hyphen or
    a run of whitespace; a space may be put between two Hangul syllables (spaces inside Hangul
    terms are optional); a key written all in lower case is case-insensitive, so any case works.
    """
    out = []
    for i, ch in enumerate(key):
        prev, nxt = key[i - 1] if i else "", key[i + 1] if i + 1 < len(key) else ""
        if ch == "-" and rnd.random() < 0.5:
            ch = " "
        elif ch == " " and not (is_hangul(prev) and is_hangul(nxt)):
            ch = rnd.choice([" ", "-", "  ", "\n"])
        elif is_hangul(ch) and is_hangul(nxt) and rnd.random() < 0.15:
            ch += " "
        out.append(ch)
    written = "".join(out)
    if key == key.lower():
        roll = rnd.random()
        if roll < 0.25:
            written = written.upper()
        elif roll < 0.5:
            written = written[:1].upper() + written[1:]
    return written


def lenient_pattern(key: str) -> re.Pattern[str]:
    """Where ``key`` could be mentioned, generously (ignoring every edge rule): any case, any run
    of spaces or hyphens for a separator, optional separators between Hangul syllables, an
    optional plural ending. A superset of what the matcher may find, so it never excuses too
    little."""
    canon = norm(key)
    out = []
    for i, ch in enumerate(canon):
        if ch == " ":
            out.append(r"[\s\-]+")
            continue
        if i and is_hangul(canon[i - 1]) and is_hangul(ch):
            out.append(r"[\s\-]*")
        out.append(re.escape(ch))
    return re.compile("(?=(" + "".join(out) + "(?:e?s)?))", re.IGNORECASE)


@dataclass(frozen=True)
class Planted:
    start: int
    end: int
    term_id: str
    key: str


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[Term], str, list[Planted]]:
    """A glossary of many keys and a document of tokens joined by edges: planted mentions
    (:func:`writings`, sometimes followed by a particle) and noise from the same alphabet."""
    terms = draw(glossaries(min_size=4, max_size=14))
    rnd = random.Random(draw(st.integers(0, 2**32)))
    text = ""
    planted: list[Planted] = []
    for i in range(draw(st.integers(5, 25))):
        text += rnd.choice(EDGES)
        if i == 0 or rnd.random() < 0.6:  # the first token is a mention: none is empty
            term = rnd.choice(terms)
            written = writings(term.name, rnd)
            planted.append(Planted(len(text), len(text) + len(written), term.id, term.name))
            text += written
            if rnd.random() < 0.3:
                text += rnd.choice(PARTICLES)
        else:
            text += rnd.choice(
                [
                    *NOISE,
                    rnd.choice(LATIN),
                    rnd.choice(HANGUL),
                    "".join(rnd.choice(LATIN + HANGUL) for _ in range(rnd.randint(1, 3))),
                ]
            )
    text += rnd.choice(EDGES)
    return terms, text, planted


def excused(p: Planted, terms: list[Term], text: str) -> bool:
    """Whether another mention (found leniently) over the planted one may rightly win: it
    starts before it, or at the same place and is longer (leftmost first, longest wins)."""
    for term in terms:
        for key in term.keys:  # its own key too: an earlier mention may reach into it
            for m in lenient_pattern(key).finditer(text):
                a, b = m.start(1), m.end(1)
                if a < p.end and b > p.start and (a < p.start or b > p.end):
                    return True
    return False


@given(documents())
def test_every_planted_mention_is_found(doc: tuple[list[Term], str, list[Planted]]) -> None:
    """Completeness: a mention between edges is found, with its term and its exact extent (a
    particle after it is not part of the mention), unless another key that overlaps it wins."""
    terms, text, planted = doc
    got = {(m.start, m.end, m.term_id) for m in Matcher(terms).find(text)}
    expected = [p for p in planted if not excused(p, terms, text)]
    assume(expected)
    target(float(len(expected)), label="mentions not excused")
    missing = [p for p in expected if (p.start, p.end, p.term_id) not in got]
    assert missing == [], [(text[p.start : p.end], p) for p in missing]


def test_longest_key_wins_over_an_optional_space_between_hangul() -> None:
    """Found by :func:`test_every_planted_mention_is_found` (profile ``long``): where the text
    puts a space between two Hangul syllables, the walk followed only the reading without a
    separator (``나정``) and never the key with one (``나-정 A``), so the shorter key won.
    Catches a walk that takes one reading of such a space only."""
    terms = [Term("나-정 A", id="long"), Term("나정", id="short")]
    assert [(m.start, m.end, m.term_id) for m in Matcher(terms).find("나 정 A")] == [(0, 5, "long")]


@given(documents(), st.randoms(use_true_random=False))
def test_order_of_terms_does_not_matter_in_documents(
    doc: tuple[list[Term], str, list[Planted]], rnd: random.Random
) -> None:
    """The same over documents with many terms, where keys that are a prefix of one another
    meet at one position often (a tie-break by glossary order would show here)."""
    terms, text, _ = doc
    shuffled = list(terms)
    rnd.shuffle(shuffled)
    first = [(m.start, m.end, m.term_id) for m in Matcher(terms).find(text)]
    assert first, text
    assert [(m.start, m.end, m.term_id) for m in Matcher(shuffled).find(text)] == first
