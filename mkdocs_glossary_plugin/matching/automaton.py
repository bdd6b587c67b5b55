"""Find the mentions of glossary terms in a piece of text: the compiled automaton.

Pure Python, no host and no Markdown: the linker calls :meth:`Matcher.find` on the linkable text
of every page (one flow string per page), so the design is driven by speed and by Korean. The
word-edge rules it applies are those of :mod:`.scripts`, the grammar after a Hangul-final key is
:mod:`.korean`, and a key is read as :mod:`.keys` says.

How a text is searched
======================

1. **Normalise without moving offsets.** The text is compared in NFC; when the input is not NFC,
   it is normalised segment by segment and every normalised character remembers where it came from,
   so :class:`Match` offsets always refer to the original string. The NFC text is then lower-cased
   character by character (same length) for the case-insensitive comparison; case-sensitive keys
   are checked against the NFC text afterwards.

2. **Candidates, flat in the number of terms.** A term can only start where a *word* starts (the
   left-edge rule), so every key has an *anchor*: its first Latin (or other-script) word, or its
   first one or two Hangul syllables (spaces between Hangul syllables are optional, and a Hangul
   word is usually glued to particles, so a whole Hangul word cannot be the anchor). One compiled
   regular expression of a handful of character classes splits the text into the words that may
   be anchors (:func:`.scripts._text_words`: every Latin word, and the Hangul / CJK /
   other-script words that begin with the first character of some anchor, so that ``re`` skips
   the others in its fast scan for a first character); a set intersection with the anchors of
   all keys tells whether any key can start anywhere, and the running sum of the lengths of the
   pieces gives the offsets of the words that hit, all in C but one step per hit. A flat
   alternation of keys, or a trie-shaped regex, is not used: Python's ``re`` tries the
   alternatives of an alternation one after another, so its cost per character grows with the
   number of keys (measured: 37 → 885 µs/KB from 100 to 10,000 keys).

3. **Trie walk at the candidate positions.** All keys live in one radix trie of their canonical
   form (lower case; a space or a hyphen between words becomes one separator; spaces between two
   Hangul syllables are dropped). From a candidate position the walk follows the text, one branch
   label at a time (one ``str.startswith``; character by character only where the text writes a
   separator differently): a run of whitespace (also a newline) or a single hyphen between words
   matches a separator, and whitespace between two Hangul syllables may be skipped. Every key that
   ends on the way is a possible mention; the longest one that passes every edge rule wins, else a
   shorter one may match (``Residual Block을`` is ``Residual Block``, never ``Residual``). The cost
   is bounded by the length of the longest key, not by the number of keys. The part of the walk
   that follows the anchor word is the same at every occurrence of that word, so it is done
   once per anchor (:func:`_jump`, the first time a text has the anchor), and the walk takes up
   after it.

In the trie, a *branch* is the labelled link from a node to a child; an *edge* is always a word
edge, where a mention may start or end.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate, compress
from typing import Any, Final, Literal, NamedTuple

from .. import codes
from ..model import Problem, Term
from .function_words import function_word_language
from .keys import (
    _ACRONYM_S,
    _NO_PLURAL,
    _PLURAL_ENDINGS,
    _PLURAL_IES,
    _SEP,
    _auto_case_sensitive,
    _canonical_nfc,
    _compact,
    _first_word,
    _fold,
    _plural_kind,
    _words,
)
from .korean import is_particle_sequence
from .scripts import (
    _CLASSES,
    _HANGUL_RUN,
    _HYPHENS,
    _JOINERS,
    _text_words,
    script_class,
)

__all__ = ["Match", "Matcher"]


class Match(NamedTuple):
    """One mention: ``text[start:end]`` refers to the term ``term_id`` through ``key``.

    A named tuple rather than a frozen dataclass: a page makes about a hundred of them, and a
    tuple is built in C (a frozen dataclass sets each field through ``object.__setattr__``).
    """

    start: int
    """Offset into the text given to :meth:`Matcher.find` (also when it was not NFC)."""
    end: int
    term_id: str
    key: str
    """The name or alias that matched, as written in the glossary."""


#: A compiled key: which term it links to and how it is checked (:func:`_entry` makes one, the
#: ``_E_*`` constants name its fields). A plain tuple of strings, numbers and a tuple of
#: strings, and so is everything the trie holds but its branch dictionaries: Python's cyclic
#: garbage collector stops tracking such a tuple (not an instance of a class, not even of a
#: tuple subclass such as a named tuple, nor a tuple that holds a dictionary), so the trie of a
#: large glossary, which lives through the whole build, costs little to every full collection
#: the build runs while its pages render.
_Entry = tuple[str, str, bool, str, str, int, int, int, tuple[str, ...], bool]
_E_TERM_ID: Final = 0
_E_KEY: Final = 1
_E_CASE_SENSITIVE: Final = 2
#: The key without separators, for a case-sensitive key (compared as written, see
#: :meth:`Matcher._accepts`); else "".
_E_COMPACT: Final = 3
_E_LAST_CLASS: Final = 4
_E_LENGTH: Final = 5
_E_PLURAL: Final = 6
_E_RANK: Final = 7
#: The plural endings to look for after the key, longest first (``-ies`` replaces the final
#: ``y``: the trie finds it), and whether they are compared as written.
_E_ENDINGS: Final = 8
_E_CASED_ENDING: Final = 9


def _entry(
    term_id: str, key: str, canon: str, case_sensitive: bool, plural: int, rank: int
) -> _Entry:
    """The compiled entry of ``key`` (``canon`` is its canonical form)."""
    return (
        term_id,
        key,
        case_sensitive,
        _compact(key) if case_sensitive else "",
        _CLASSES[canon[-1]],
        len(canon),
        plural,
        rank,
        _PLURAL_ENDINGS[plural],
        case_sensitive or plural == _ACRONYM_S,
    )


#: The entries of the keys that end at one place of the trie (a tuple in a compiled matcher).
_Entries = Sequence[_Entry]
#: A node of the compiled radix trie: (entries of the keys ending here or None, entries of the
#: keys whose final ``y`` is at the next character or None, first character of a branch ->
#: (label, child), or None for a leaf). The label is the run of characters up to the next node
#: that has entries or branches. A tuple, so that one unpacking gives the walk all it looks at;
#: entries are tuples, and a leaf has None rather than an empty dictionary, so that the garbage
#: collector stops tracking the leaves, most nodes (see :data:`_Entry`).
_RadixNode = tuple[Any, Any, Any]
#: Where a walk stands after the anchor word it starts with (see :func:`_jump`): the key ends met
#: inside the anchor as (offset from the start, ``ies`` slot?, entries), then the offset and the
#: node to go on from (None when no key goes past the anchor).
_Jump = tuple[tuple[tuple[int, bool, "_Entries"], ...], int, "_RadixNode | None"]
#: The key ends a walk met: (offset in the text, ``ies`` slot?, entries), or None for none.
_Met = list[tuple[int, bool, _Entries]] | None
#: A possible mention at one position: (end of the mention, key end, plural?, entry).
_Mention = tuple[int, int, bool, _Entry]


def _mention_order(c: _Mention) -> tuple[int, bool, int, int]:
    """Longest mention first; then the key as written before a plural of a shorter key; then the
    longer key; then the first term given (only exact duplicates get this far)."""
    return (-c[0], c[2], -c[3][_E_LENGTH], c[3][_E_RANK])


class Matcher:
    """Every name and alias of the linkable terms, compiled once.

    ``case_sensitive`` is the site policy (``"auto"``, ``True``, ``False``); a term's own
    ``case_sensitive`` overrides it. ``plurals`` lets Latin-final keys match their English plural.
    Keys shorter than two characters are not compiled; each one is reported in :attr:`problems`
    (INFO) with its file and line. Neither is a key that is a function word
    (:mod:`.function_words`) unless its term says ``link: true``, nor a key whose ``link`` is
    false (:meth:`.Term.link_of`: the term's, or an alias's own). When two keys have the same
    canonical form, the first term given wins (the model reports the duplicate).
    """

    # -- compiling ----------------------------------------------------------------------------

    def __init__(
        self,
        terms: Iterable[Term],
        *,
        case_sensitive: bool | Literal["auto"] = "auto",
        plurals: bool = True,
    ) -> None:
        self.problems: list[Problem] = []
        # The entries of each canonical key, and of each key without its final "y" (its
        # "-ies" plural): the trie is built from these at the end (:func:`_radix_trie`).
        ends: dict[str, list[_Entry]] = {}
        yies: dict[str, list[_Entry]] = {}
        # The plural kind of each last word: a glossary repeats its last words (``… Network``).
        plural_of: dict[str, int] = {}
        self._anchors: set[str] = set()
        self._open_anchors: set[str] = set()
        self._cased_anchors: set[str] = set()
        punct_first: set[str] = set()
        rank = 0
        for term in terms:
            if term.link is False and not term.alias_links:
                continue
            for key in term.keys:
                link = term.link_of(key)
                if link is False:
                    continue
                key = unicodedata.normalize("NFC", key).strip()
                if len(key) < 2:
                    if key:
                        self.problems.append(self._short_key_problem(term, key))
                    continue
                canon = _canonical_nfc(key)
                words = _words(key)
                if term.case_sensitive is not None:
                    cs = term.case_sensitive
                elif case_sensitive == "auto":
                    cs = _auto_case_sensitive(words)
                else:
                    cs = bool(case_sensitive)
                if link is None and _SEP not in canon:
                    language = function_word_language(key, case_sensitive=cs)
                    if language is not None:
                        self.problems.append(self._function_word_problem(term, key, language))
                        continue
                plural = _NO_PLURAL
                if plurals:
                    last = words[-1]
                    plural = plural_of.get(last, -1)
                    if plural < 0:
                        plural = plural_of[last] = _plural_kind(last)
                entry = _entry(term.id, key, canon, cs, plural, rank)
                rank += 1
                entries = ends.get(canon)
                if entries is None:
                    ends[canon] = [entry]
                else:
                    entries.append(entry)
                if plural == _PLURAL_IES:
                    yies.setdefault(canon[:-1], []).append(entry)
                first = canon[0]
                if not _CLASSES[first]:
                    punct_first.add(first)
                    if first == "-":
                        punct_first.update(_HYPHENS)
                else:
                    self._add_anchors(canon, key, plural, cs)
        # Tuples, not the lists they were gathered in: see :data:`_Entry`.
        self._root: _RadixNode = _radix_trie(
            {canon: tuple(entries) for canon, entries in ends.items()},
            {canon: tuple(entries) for canon, entries in yies.items()},
        )
        self._jumps = _Jumps(self._root)
        initials = {anchor[0] for anchor in self._anchors if _CLASSES[anchor[0]] != "L"}
        self._words = _text_words("".join(sorted(initials)))
        self._punct = (
            re.compile("[" + "".join(re.escape(c) for c in sorted(punct_first)) + "]")
            if punct_first
            else None
        )

    @staticmethod
    def _short_key_problem(term: Term, key: str) -> Problem:
        what = "name" if key == term.name else "alias"
        return Problem(
            f"the {what} '{key}' of '{term.display_name}' is shorter than 2 characters: it is "
            "not linked automatically (the entry stays in the index; link it explicitly)",
            term.path or None,
            term.line or None,
            level="info",
            code=codes.SHORT_KEY,
        )

    @staticmethod
    def _function_word_problem(term: Term, key: str, language: str) -> Problem:
        """The INFO for a function-word key, with the fix its source format allows: only a YAML
        or JSON entry can say ``link: true`` (the format follows the file's extension)."""
        what = "name" if key == term.name else "alias"
        if term.path.lower().endswith((".yml", ".yaml", ".json")):
            fix = "set `link: true` on its entry to link it anyway"
        else:
            fix = (
                "to link it anyway, use the term() macro, or write the entry in a YAML/JSON "
                "source with `link: true`"
            )
        return Problem(
            f"the {what} '{key}' of '{term.display_name}' is a function word of {language}: "
            f"it is not linked automatically (the entry stays in the index); {fix}",
            term.path or None,
            term.line or None,
            level="info",
            code=codes.FUNCTION_WORD,
        )

    def _add_anchors(self, canon: str, key: str, plural: int, case_sensitive: bool) -> None:
        """Register what the first word of a text must look like for this key to start there.

        Anchors are lower case (the text is searched lower-cased). The first word of a
        case-sensitive key is also kept as written, so that ``see`` in a text is not even a
        candidate for the acronym ``SEE``.
        """
        anchor = _first_word(canon)
        if not anchor:  # pragma: no cover - canon starts with a word character
            return
        if _CLASSES[anchor[0]] == "H":
            # "귀 납편향": the text may break the key's first Hangul word after one syllable.
            forms: tuple[str, ...] = (anchor, anchor[0])
            case_sensitive = False
        elif plural != _NO_PLURAL and len(anchor) == len(canon):
            # A one-word key: its plural is a different first word of the text.
            forms = (anchor, anchor + "s", anchor + "es", anchor[:-1] + "ies")
        else:
            forms = (anchor,)
        self._anchors.update(forms)
        if not case_sensitive:
            self._open_anchors.update(forms)
            return
        written = key[: len(anchor)]
        self._cased_anchors.update((written, written + "s", written + "es", written[:-1] + "ies"))

    # -- searching ----------------------------------------------------------------------------

    def find(self, text: str) -> list[Match]:
        """The mentions in ``text``: non-overlapping, leftmost-longest, in order."""
        if len(text) < 2 or text.isspace():
            return []  # the many "\n" tails of an element tree
        if text.isascii() or unicodedata.is_normalized("NFC", text):  # ASCII is always NFC
            nfc, starts, ends = text, None, None
        else:
            nfc, starts, ends = _nfc_with_offsets(text)
        low = _fold(nfc)
        out: list[Match] = []
        pos = 0
        match_at = self._match_at
        open_anchors, cased, jumps = self._open_anchors, self._cased_anchors, self._jumps
        top: _Jump = ((), 0, self._root)
        for s, word in self._candidates(low):
            # Most candidates of a large glossary lie inside the mention just found (every word
            # of ``Causal Cross Expert Aggregation`` begins some key): drop them first.
            if s < pos:
                continue
            if word is None:
                jump = top
            elif word in open_anchors or nfc[s : s + len(word)] in cased:
                jump = jumps[word]
            else:
                continue
            found = match_at(nfc, low, s, jump)
            if found is None:
                continue
            end, entry = found
            pos = end
            if starts is not None and ends is not None:
                out.append(Match(starts[s], ends[end - 1], entry[_E_TERM_ID], entry[_E_KEY]))
            else:
                out.append(Match(s, end, entry[_E_TERM_ID], entry[_E_KEY]))
        return out

    def _candidates(self, low: str) -> Iterable[tuple[int, str | None]]:
        """The offsets of the words whose anchor is an anchor of some key, each with that word
        (and the characters where a punctuation-initial key may start, with None), in order.

        All of it runs in C: a set intersection tells whether any word hits at all, the offset
        of each word is the running sum of the lengths of the pieces before it
        (``accumulate``), and ``compress`` picks the words that hit and their offsets. The
        caller checks the rest (the case of an anchor of case-sensitive keys only: ``see`` is
        not a candidate for the acronym ``SEE``), and only for the candidates it does not skip.
        """
        pieces = self._words.split(low)
        words = pieces[1::2]
        hits = self._anchors.intersection(words)
        found: Iterable[tuple[int, str | None]] = ()
        if hits:
            hit = list(map(hits.__contains__, words))
            # Piece 2w + 1 (word w) starts where piece 2w ends.
            offsets = list(accumulate(map(len, pieces)))[::2]
            found = zip(compress(offsets, hit), compress(words, hit), strict=True)
        if self._punct is None:
            return found
        # A punctuation character is never inside a word: the two lists never share an offset.
        merged: list[tuple[int, str | None]] = list(found)
        merged.extend((m.start(), None) for m in self._punct.finditer(low))
        merged.sort(key=_first)
        return merged

    def _match_at(self, nfc: str, low: str, s: int, jump: _Jump) -> tuple[int, _Entry] | None:
        """The longest key starting at ``s`` that passes every rule, with the end of its mention.

        The left edge first: a key never starts inside a word of its own class, nor after a
        joiner glued to a word (but a hyphen between a Latin and a Hangul word is an edge).
        """
        if s:
            first = _CLASSES[low[s]]
            if first:
                before = low[s - 1]
                if _CLASSES[before] == first:
                    return None
                if (
                    before in _JOINERS
                    and s >= 2
                    and (_CLASSES[low[s - 2]], first) in _JOINERS[before]
                ):
                    return None
        found = _walk(low, s, jump)
        if found is None:
            return None
        i, ies, entries = found[-1]
        if not ies and len(entries) == 1 and (len(found) == 1 or _ends_last(found)):
            # The common case, one key met, or one key met last and more than a plural ending
            # past every other (``Inverted Projection`` past ``Inverted``): its plural, then the
            # key itself, come before every other mention (:func:`_mention_order`). This saves
            # some 5 % of ``find`` on the pages of the site benchmark, and a fifth of its walks
            # meet several keys at 10,000 terms.
            entry = entries[0]
            suffix = _plural_suffix(nfc, low, i, entry)
            if suffix and self._accepts(nfc, low, s, i + suffix, i, True, entry):
                return i + suffix, entry
            if self._accepts(nfc, low, s, i, i, False, entry):
                return i, entry
            if len(found) == 1:
                return None
            found = found[:-1]  # the others, as they would have been tried after these two
        mentions: list[_Mention] = []
        for i, ies, entries in found:
            for entry in entries:
                if ies:
                    if not entry[_E_CASE_SENSITIVE] or nfc.startswith("ies", i):
                        mentions.append((i + 3, i, True, entry))
                    continue
                mentions.append((i, i, False, entry))
                suffix = _plural_suffix(nfc, low, i, entry)
                if suffix:
                    mentions.append((i + suffix, i, True, entry))
        if len(mentions) > 1:
            mentions.sort(key=_mention_order)
        for end, key_end, plural, entry in mentions:
            if self._accepts(nfc, low, s, end, key_end, plural, entry):
                return end, entry
        return None

    def _accepts(
        self, nfc: str, low: str, s: int, end: int, key_end: int, plural: bool, entry: _Entry
    ) -> bool:
        """Whether ``entry``, met from ``s`` to ``key_end`` and mentioned up to ``end`` (after
        a plural ending when ``plural``), is written in the right case and ends on an edge.

        The right edge: the end of the text, or a non-letter, or a letter of another class,
        or, after a Hangul-final key, a run of Hangul that is only particles; never a joiner
        glued to a word, but for a hyphen between a Latin and a Hangul word. A plural ending is
        Latin.
        """
        if entry[_E_CASE_SENSITIVE]:
            written = nfc[s:key_end]
            if plural and entry[_E_PLURAL] == _PLURAL_IES:
                if _compact(written) != entry[_E_COMPACT][:-1]:
                    return False
            elif written != entry[_E_KEY] and _compact(written) != entry[_E_COMPACT]:
                return False
        last_class = "L" if plural else entry[_E_LAST_CLASS]
        if end >= len(low) or not last_class:
            return True
        after = low[end]
        if (
            after in _JOINERS
            and end + 1 < len(low)
            and (last_class, _CLASSES[low[end + 1]]) in _JOINERS[after]
        ):
            return False
        cls = _CLASSES[after]
        if not cls:
            return True
        if last_class == "H":
            if cls != "H":
                return True
            run = _HANGUL_RUN.match(low, end)
            return run is not None and is_particle_sequence(run.group())
        return cls != last_class


def _jump(root: _RadixNode, anchor: str) -> _Jump:
    """Walk the trie over ``anchor`` once for every text word that is it (:class:`_Jumps`
    keeps the walk of each anchor from the first text that has it).

    A walk from a candidate first follows the anchor word of the text, which is the same string
    every time it occurs: the word characters of one script, compared exactly. This records what
    that part of the walk meets (the key ends inside the anchor, kept with the offset where the
    text is checked for ``ies``) and the last node it reaches at or before the end of the
    anchor, so that :func:`_walk` takes up there, in the state the walk from the root would
    be in.
    """
    node = root
    j = 0
    met: list[tuple[int, bool, _Entries]] = []
    while j < len(anchor):
        ends, yies, branches = node
        branch = branches.get(anchor[j]) if branches is not None else None
        if branch is not None:
            label, child = branch
            if anchor.startswith(label, j):
                if ends is not None:
                    met.append((j, False, ends))
                if yies is not None:
                    met.append((j, True, yies))
                j += len(label)
                node = child
                continue
            if label.startswith(anchor[j:]):
                break  # the branch goes past the anchor: the walk takes up at this node
        # No key goes on with the next character of the anchor (a word character: neither a
        # separator nor a hyphen), so the walk from the root would stop after this node.
        if ends is not None:
            met.append((j, False, ends))
        if yies is not None:
            met.append((j, True, yies))
        return tuple(met), j, None
    return tuple(met), j, node


class _Jumps(dict[str, _Jump]):
    """Anchor -> :func:`_jump` of it, worked out the first time a text has the anchor (most of
    the anchors of a large glossary never occur)."""

    def __init__(self, root: _RadixNode) -> None:
        super().__init__()
        self.root = root

    def __missing__(self, anchor: str) -> _Jump:
        jump = self[anchor] = _jump(self.root, anchor)
        return jump


def _walk(low: str, s: int, jump: _Jump) -> _Met:
    """Follow the trie from ``s``; return (offset, ies, entries) for every key end met, or
    None when none is.

    ``ies`` is False for keys that end at the offset and True for keys whose final ``y`` is
    at the offset, met because the text has ``ies`` there (their plural). The walk starts where
    ``jump`` (the anchor word at ``s``, walked once per anchor) says. Each branch of the
    radix trie is first compared with one ``str.startswith`` (the text writes it exactly, with
    one space for each separator); only when that fails does :func:`_follow` compare it
    character by character with the separator rules. Both take a run of whitespace for a
    separator, also where a separator ends the branch.
    """
    met, j, node = jump
    found: _Met = None
    for k, ies, entries in met:
        if not ies or low.startswith("ies", s + k):
            if found is None:
                found = []
            found.append((s + k, ies, entries))
    if node is None:
        return found
    return _descend(low, s + j, node, found)


def _descend(low: str, i: int, node: _RadixNode, found: _Met) -> _Met:
    """Walk on from ``node`` at offset ``i`` of the text, adding every key end met to ``found``.

    The walk is a single path except where whitespace stands between two Hangul syllables and
    the node has both readings of it: the space left out (``귀납 편향`` read as ``귀납편향``) and
    a separator (a key written ``나-정 A``). Both are followed then, the separator's reading by
    a recursive walk, so that the longest key met on either path can win.
    """
    ends, yies, branches = node
    n = len(low)
    while True:
        if ends is not None:
            if found is None:
                found = []
            found.append((i, False, ends))
        if yies is not None and low.startswith("ies", i):
            if found is None:
                found = []
            found.append((i, True, yies))
        if i >= n or not branches:  # the end of the text, or of every key (a leaf: most walks)
            return found
        ch = low[i]
        branch = branches.get(ch)
        if branch is None or ch == _SEP:
            if ch.isspace():
                j = i + 1
                while j < n and low[j].isspace():
                    j += 1
                branch = None
                if j < n and _CLASSES[low[j]] == "H" and _CLASSES[low[i - 1]] == "H":
                    branch = branches.get(low[j])  # optional space between two Hangul syllables
                    if branch is not None:
                        spaced = branches.get(_SEP)
                        if spaced is not None:  # both readings: follow the separator's too
                            found = _take(low, i, spaced, found)
                if branch is None:
                    branch = branches.get(_SEP)
            elif ch in _HYPHENS:
                branch = branches.get("-") or branches.get(_SEP)
            if branch is None:
                return found
        label, child = branch
        if low.startswith(label, i):
            i += len(label)
            if label[-1] == _SEP:  # a separator stands for a whole run of whitespace
                while i < n and low[i].isspace():
                    i += 1
        else:
            i = _follow(low, i, label)
            if i < 0:
                return found
        ends, yies, branches = child


def _take(low: str, i: int, branch: tuple[str, _RadixNode], found: _Met) -> _Met:
    """Follow one branch from offset ``i``, then walk on from its child (:func:`_descend`)."""
    label, child = branch
    end = _follow(low, i, label)
    return found if end < 0 else _descend(low, end, child, found)


def _first(pair: tuple[int, str | None]) -> int:
    return pair[0]


def _ends_last(found: list[tuple[int, bool, _Entries]]) -> bool:
    """Whether every key end in ``found`` but the last lies at least 3 characters (the longest
    plural ending, ``ies``) before the last one: then no mention of those keys, plural or not,
    ends after the last key, nor at its end unless it is a plural (which comes after the key as
    written)."""
    last = found[-1][0] - 3
    # A loop, not all() over a generator: this runs for a fifth of the walks at 10,000 terms.
    for i, _, _ in found[:-1]:  # noqa: SIM110
        if i > last:
            return False
    return True


def _plural_suffix(nfc: str, low: str, i: int, entry: _Entry) -> int:
    """Length of the plural ending of ``entry`` found at ``i`` (0 if none)."""
    for ending in entry[_E_ENDINGS]:
        if (nfc if entry[_E_CASED_ENDING] else low).startswith(ending, i):
            return len(ending)
    return 0


def _radix_trie(ends: Mapping[str, _Entries], yies: Mapping[str, _Entries]) -> _RadixNode:
    """The radix trie of the canonical keys: ``ends`` are the entries of each key, ``yies`` those
    of the ``y``-final keys at the key without its ``y`` (see :data:`_RadixNode`).

    Its nodes are the root, every string that has entries, and every point where two of them
    part; a branch is labelled with the run of characters between two nodes. It is built
    directly, one step per string, rather than as a trie of single characters that is then
    compressed (a dictionary per character of every key, walked again to join them).

    The strings go in sorted order, which makes every node final when it is made but for the
    branches of a leaf, made when the first string that goes on from it comes (a string that
    ends at a node sorts before every string that goes on from it), and makes each string part
    from the path of the one before it: the nodes on that path that begin the string are its
    ancestors, and the string either hangs a new branch from the deepest of them or cuts the branch
    that goes on towards the string before, at the point where the two part (a new node with
    no entries of its own).
    """
    root: _RadixNode = (ends.get(""), yies.get(""), {})
    # The nodes from the root to the string inserted last: [the string at the node, its branches
    # (None while it is a leaf), the dictionary and key that hold the branch to it].
    path: list[list[Any]] = [["", root[2], None, ""]]
    for s in sorted(ends.keys() | yies.keys() if yies else ends):
        while not s.startswith(path[-1][0]):
            path.pop()
        top = path[-1]
        at, branches = top[0], top[1]
        d = len(at)
        if d == len(s):
            continue  # the empty string: its entries are the root's
        leaf: _RadixNode = (ends.get(s), yies.get(s), None)
        holder, key = branches, s[d]
        if branches is None:
            # The first string that goes on from a leaf: the node gets its branches now.
            branches = top[1] = {}
            label, node = top[2][top[3]]
            top[2][top[3]] = (label, (node[0], node[1], branches))
            holder = branches
            branches[key] = (s[d:], leaf)
        elif key not in branches:
            branches[key] = (s[d:], leaf)
        else:
            # The branch towards the string before, which s shares for k characters (at least
            # the first, at most all but one: s does not begin with the node at its end).
            label, child = branches[key]
            k = 1
            while label[k] == s[d + k]:
                k += 1
            forks = {label[k]: (label[k:], child), s[d + k]: (s[d + k :], leaf)}
            branches[key] = (label[:k], (None, None, forks))
            path.append([s[: d + k], forks, branches, key])
            holder, key = forks, s[d + k]
        path.append([s, None, holder, key])
    return root


def _follow(low: str, i: int, label: str) -> int:
    """Match ``label`` (canonical key characters) against the text at ``i``; the offset after
    it, or -1.

    A separator of the key matches a run of whitespace (newlines too) or one hyphen glued
    between two words; a hyphen that is not between words must be a hyphen in the text;
    whitespace between two Hangul syllables of the text may be skipped.
    """
    n = len(low)
    k, m = 0, len(label)
    while k < m:
        if i >= n:
            return -1
        ch, want = low[i], label[k]
        if ch == want and ch != _SEP:
            i += 1
            k += 1
        elif ch.isspace():
            j = i + 1
            while j < n and low[j].isspace():
                j += 1
            if want == _SEP:
                i, k = j, k + 1
            elif (
                j < n
                and low[j] == want
                and script_class(want) == "H"
                and script_class(low[i - 1]) == "H"
            ):
                i = j
            else:
                return -1
        elif ch in _HYPHENS and (
            want == "-" or (want == _SEP and i + 1 < n and script_class(low[i + 1]))
        ):
            i, k = i + 1, k + 1
        else:
            return -1
    return i


def _nfc_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """NFC of ``text`` and, for each of its characters, the span of ``text`` it came from.

    The text is cut before every character that starts a new normalisation segment (a starter
    that does not compose with what precedes it, checked by normalising both ways), each
    segment is normalised on its own, and all characters of a segment's NFC point to the whole
    segment. Only called for text that is not already NFC.
    """
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    seg = 0
    n = len(text)
    for i in range(1, n + 1):
        if i < n:
            ch = text[i]
            if unicodedata.combining(ch):
                continue
            head = text[seg:i]
            if unicodedata.normalize("NFC", head + ch) != unicodedata.normalize(
                "NFC", head
            ) + unicodedata.normalize("NFC", ch):
                continue
        piece = unicodedata.normalize("NFC", text[seg:i])
        pieces.append(piece)
        starts.extend([seg] * len(piece))
        ends.extend([i] * len(piece))
        seg = i
    return "".join(pieces), starts, ends
