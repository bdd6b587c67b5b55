"""The matcher's compiler against straightforward references (hypothesis).

The compiler takes shortcuts for speed: the canonical form and the words of a key are cut with
string methods rather than regular expressions, and the radix trie is built directly from the
sorted keys rather than by compressing a trie of single characters. Each reference below is the
plain version of one of them (the way the compiler did it before); the shortcuts must agree
with it on any input, including the odd whitespace, hyphens, cases and scripts drawn here.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_glossary_plugin.matching import Matcher, canonical, script_class
from mkdocs_glossary_plugin.matching.automaton import _E_KEY, _E_TERM_ID, _radix_trie
from mkdocs_glossary_plugin.matching.keys import (
    _PLURAL_IES,
    _auto_case_sensitive,
    _fold,
    _plural_kind,
    _words,
)
from mkdocs_glossary_plugin.model import Term

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Latin of both cases (with letters whose case mapping is odd: İ, ǅ, final sigma), Hangul,
#: Han, kana, Arabic (an "other" script), digits, whitespace of several kinds, every hyphen, a
#: joiner, punctuation and a combining accent.
ALPHABET = "".join(
    (
        "aAbByYsSeEoOhHxX",
        "İǅΣσςé\u0301",
        "가나다힣",
        "漢カ",
        "ـب",
        "19٣",
        " \t\n\x1c\x85\xa0\u2028\u3000",
        "-\u2010\u2011_",
        ".()>",
    )
)

#: Keys: often all ASCII, which the compiler takes a shorter way.
keys = st.one_of(
    st.text(alphabet="aAbByYsSeEoOhHxX19 \t-_.()>", max_size=12),
    st.text(alphabet=ALPHABET, max_size=12),
)

_SEPARATOR = re.compile(r"\s+|[\-\u2010\u2011]")
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011]+")


def reference_canonical(key: str) -> str:
    """One pass over the separators of the key, each decided by its two neighbours."""
    low = _fold(unicodedata.normalize("NFC", key).strip())
    out: list[str] = []
    last = 0
    for m in _SEPARATOR.finditer(low):
        start, end = m.span()
        prev = low[start - 1] if start else ""
        nxt = low[end] if end < len(low) else ""
        out.append(low[last:start])
        last = end
        if m.group()[0] in "-\u2010\u2011":
            glued = bool(prev and nxt and script_class(prev) and script_class(nxt))
            out.append(" " if glued else "-")
        elif not (prev and nxt and script_class(prev) == "H" and script_class(nxt) == "H"):
            out.append(" ")
    out.append(low[last:])
    return "".join(out)


def reference_words(key: str) -> list[str]:
    return _SEPARATORS.split(key)


@SETTINGS
@given(keys)
def test_canonical_is_the_reference(key: str) -> None:
    assert canonical(key) == reference_canonical(key)


@SETTINGS
@given(keys)
def test_words_give_the_reference_case_and_plural(key: str) -> None:
    key = unicodedata.normalize("NFC", key).strip()
    words, expected = _words(key), reference_words(key)
    assert [w for w in words if w] == [w for w in expected if w]
    assert words[-1] == expected[-1]
    assert _auto_case_sensitive(words) == _auto_case_sensitive(expected)
    assert _plural_kind(words[-1]) == _plural_kind(expected[-1])


# --- the radix trie ----------------------------------------------------------------------------

_END, _YIES = 0, 1


def reference_trie(ends: dict[str, list[Any]], yies: dict[str, list[Any]]) -> Any:
    """A trie of single characters, then runs of single-child nodes without entries joined
    into one labelled edge."""
    root: dict[Any, Any] = {}
    for slot, table in ((_END, ends), (_YIES, yies)):
        for s, entries in table.items():
            node = root
            for ch in s:
                node = node.setdefault(ch, {})
            node[slot] = entries

    def compress(node: dict[Any, Any]) -> Any:
        edges = {}
        for ch, child in node.items():
            if not isinstance(ch, str):
                continue
            label = ch
            while len(child) == 1:
                [(nxt, grandchild)] = child.items()
                if not isinstance(nxt, str):
                    break
                label += nxt
                child = grandchild
            edges[ch] = (label, compress(child))
        return node.get(_END), node.get(_YIES), edges

    return compress(root)


def plain(node: Any) -> Any:
    """A node as nested plain values, for ``==`` (entry lists compared by value)."""
    ends, yies, edges = node  # a leaf of the compiled trie has None for no edges
    return ends, yies, {ch: (label, plain(child)) for ch, (label, child) in (edges or {}).items()}


strings = st.lists(st.text(alphabet="ab가 -", max_size=6), max_size=25, unique=True)


@SETTINGS
@given(strings, st.data())
def test_radix_trie_is_the_compressed_character_trie(texts: list[str], data: st.DataObject) -> None:
    ends = {s: [f"e{i}"] for i, s in enumerate(texts)}
    cut = data.draw(st.lists(st.sampled_from(texts), unique=True) if texts else st.just([]))
    yies = {s[:-1]: [f"y{i}"] for i, s in enumerate(cut) if s}
    assert plain(_radix_trie(ends, yies)) == plain(reference_trie(ends, yies))


@SETTINGS
@given(st.lists(keys, min_size=1, max_size=12))
def test_compiled_trie_holds_every_key_under_its_canonical_form(names: list[str]) -> None:
    """End to end: the compiler's trie is the reference trie of the reference canonical forms
    (with the ``-ies`` slot of every ``y``-final key that takes that plural)."""
    # link=True: every key is compiled, also one that is a function word (``As``)
    terms = [Term(k, id=f"t{i}", link=True) for i, k in enumerate(names)]
    matcher = Matcher(terms)
    ends: dict[str, list[Any]] = {}
    yies: dict[str, list[Any]] = {}
    for term in terms:
        key = unicodedata.normalize("NFC", term.name).strip()
        if len(key) < 2:
            continue
        canon = reference_canonical(key)
        ends.setdefault(canon, []).append((term.id, key))
        words = reference_words(key)
        if _plural_kind(words[-1]) == _PLURAL_IES:
            yies.setdefault(canon[:-1], []).append((term.id, key))

    def ids(node: Any) -> Any:
        ends, yies, edges = node
        return (
            None if ends is None else [(e[_E_TERM_ID], e[_E_KEY]) for e in ends],
            None if yies is None else [(e[_E_TERM_ID], e[_E_KEY]) for e in yies],
            {ch: (label, ids(child)) for ch, (label, child) in (edges or {}).items()},
        )

    assert ids(matcher._root) == plain(reference_trie(ends, yies))


def test_the_garbage_collector_lets_go_of_the_leaves_and_entries_of_the_trie() -> None:
    """The compiled matcher lives through a whole build, and Python's cyclic garbage collector
    walks every object it tracks at every full collection. The entries and the leaves of the
    trie (most of its nodes) are plain tuples of strings, numbers, None and such tuples, which the
    collector stops tracking once it has seen them: after a collection only the nodes with
    branches (and the branches that lead to them) are still tracked."""
    words = ["alpha", "beta", "gamma", "delta", "Policy", "학습", "모델"]
    names = {f"{a} {b} {c}" for a in words for b in words for c in words[:3]} | set(words)
    matcher = Matcher([Term(name, aliases=(f"{name}-x",)) for name in sorted(names)])
    # The collector lets go of a tuple once it has let go of what the tuple holds, which may
    # wait for its next pass (a build runs many): a pass is sure to let go of the deepest level
    # still tracked, and a leaf nests four deep (leaf, its entries, an entry, its endings).
    for _ in range(5):
        gc.collect()
    leaves = entries = 0
    stack = [matcher._root]
    while stack:
        ends, yies, branches = node = stack.pop()
        for found in (ends, yies):
            if found is not None:
                entries += len(found)
                assert not gc.is_tracked(found)
                assert not any(gc.is_tracked(entry) for entry in found)
        if not branches:
            leaves += 1
            assert not gc.is_tracked(node)
        else:
            stack.extend(child for _, child in branches.values())
    assert leaves >= len(names) and entries >= 2 * len(names)  # every key was looked at
