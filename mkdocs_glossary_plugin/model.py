"""The glossary model: terms, ids, lookup, groups and sort keys.

Every source format produces these objects, and every later stage (matcher, linker, tooltips,
index page) reads only them. Pure Python: no MkDocs import, so the model can be tested and reused
without a site.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from . import codes
from .codes import OTHER

__all__ = [
    "GROUP_OTHER_DIGITS",
    "HANGUL_GROUPS",
    "Glossary",
    "Problem",
    "Term",
    "group_of",
    "group_order",
    "make_id",
    "match_key",
    "sort_key_of",
]

Level = Literal["warning", "info"]

#: The group for names that start with a digit or a symbol; it comes first on the index page.
GROUP_OTHER_DIGITS = "#"

#: The fourteen plain initial consonants, in 가나다 order.
#: Double consonants file under their plain one.
HANGUL_GROUPS: tuple[str, ...] = (
    "ㄱ", "ㄴ", "ㄷ", "ㄹ", "ㅁ", "ㅂ", "ㅅ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ",
)  # fmt: skip

# The 19 initial consonants of precomposed syllables:
# U+AC00 + (initial * 21 + medial) * 28 + final.
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_DOUBLE_TO_PLAIN = {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_SYLLABLES_PER_INITIAL = 21 * 28

#: A run of letters and digits (``_`` excluded): the pieces an id is made of.
_WORD_RUN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Problem:
    """Something a build can survive, returned as data so that the plugin logs it.

    Pure modules never log: MkDocs counts for ``--strict`` only the warnings logged under
    ``mkdocs.*`` loggers, so the plugin turns each ``Problem`` into a log record.

    ``code`` is the problem's stable name in :data:`~.codes.CODES`, given where the problem is
    made (tools filter on it; the message is for people and may be reworded). It is data, never
    part of the logged text. Every problem the package makes names its code (a test checks the
    call sites); the default ``other`` only keeps a caller written before codes working.
    """

    message: str
    path: str | None = None
    line: int | None = None
    level: Level = "warning"
    code: str = OTHER

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


@dataclass
class Term:
    """One glossary entry.

    ``name`` is what is matched and what ``id`` is made from; ``display_name`` is what readers see
    (it may keep a parenthesised part such as ``(F(x))`` that is not an alias list).
    """

    name: str
    definition: str = ""
    aliases: tuple[str, ...] = ()
    display_name: str = ""
    id: str = ""
    summary: str | None = None
    sort_key: str | None = None
    link: bool | None = None
    """Whether the matcher may link the term's keys: ``False`` never, ``True`` always (also a
    key that is a function word), ``None`` (not said) every key but the function words. Read it
    through :meth:`link_of`, which also applies an alias's own setting."""
    alias_links: dict[str, bool] = field(default_factory=dict)
    """The aliases whose entry gives them their own ``link`` (``{name: 검증, link: false}``),
    keyed by the alias as it is in :attr:`aliases`; ``aliases`` itself stays a tuple of strings,
    so every reader of the names (index page, search, lookup) sees them all."""
    case_sensitive: bool | None = None
    path: str = ""
    """The source file this term came from (as the user wrote it in ``source``, or absolute)."""
    line: int = 0
    """1-based line of the term in its source file, for messages."""
    explicit_id: bool = False
    translations: dict[str, dict[str, object]] = field(default_factory=dict)
    """Per-language fields a data entry gives as mappings of language codes
    (``definition: {en: ..., ko: ...}``): language -> ``{"definition": str, "summary": str,
    "aliases": tuple}`` (only the fields given). ``languages.localize`` makes each language's
    own term from them; an entry without them has none."""
    fallback: str | None = None
    """Set on a language's copy of a term that this language does not define: the language whose
    definition is shown instead (the index marks the entry, the build lists it)."""

    def __post_init__(self) -> None:
        self.name = unicodedata.normalize("NFC", self.name.strip())
        self.display_name = unicodedata.normalize("NFC", (self.display_name or self.name).strip())
        self.aliases = tuple(unicodedata.normalize("NFC", a.strip()) for a in self.aliases)
        if self.alias_links:
            self.alias_links = {
                unicodedata.normalize("NFC", a.strip()): v for a, v in self.alias_links.items()
            }
        if self.id:
            self.explicit_id = True
        else:
            self.id = make_id(self.name)

    @property
    def keys(self) -> tuple[str, ...]:
        """The name followed by the aliases: every string that refers to this term."""
        return (self.name, *self.aliases)

    def link_of(self, key: str) -> bool | None:
        """The ``link`` setting that applies to one key: an alias's own if its entry gives one,
        else the term's (``None``: not said, so a function word is not linked)."""
        if self.alias_links and key != self.name:
            own = self.alias_links.get(unicodedata.normalize("NFC", key.strip()))
            if own is not None:
                return own
        return self.link

    @property
    def unlinked_aliases(self) -> frozenset[str]:
        """The aliases that are never linked automatically (still listed and searchable)."""
        return frozenset(a for a in self.aliases if self.link_of(a) is False)

    @property
    def has_definition(self) -> bool:
        return bool(self.definition.strip())

    @property
    def group(self) -> str:
        return group_of(self.sort_key or self.name)

    @property
    def order_key(self) -> tuple[int, str, str]:
        """Sort key used inside (and across) groups: group rank, then case-insensitive text."""
        text = self.sort_key or self.name
        return (group_order(group_of(text)), sort_key_of(text), self.id)


def make_id(name: str) -> str:
    """The stable id of a term: NFC, casefolded, every run of non letters/digits becomes ``-``.

    Unicode letters are kept (``정규화``), so ids of Korean terms stay readable in URLs.
    """
    text = unicodedata.normalize("NFC", name).casefold()
    words = text.split()
    if "".join(words).isalnum():  # letters and digits between spaces, as in most names
        return "-".join(words)
    return "-".join(_WORD_RUN.findall(text)) or "term"


def match_key(text: str) -> str:
    """The key under which two names are the same term: NFC, casefolded, separators folded.

    Every run of whitespace and hyphens becomes one space, none at the ends. Loading a glossary
    asks for the key of every name twice (aliases, then the index), so it is built from string
    methods, not a substitution: ``str.split`` splits on exactly what ``\\s`` matches.
    """
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.replace("-", " ").replace("\u2010", " ").replace("\u2011", " ")  # hyphens
    return " ".join(text.split())


def _hangul_initial(ch: str) -> str | None:
    code = ord(ch)
    if _HANGUL_FIRST <= code <= _HANGUL_LAST:
        initial = _INITIALS[(code - _HANGUL_FIRST) // _SYLLABLES_PER_INITIAL]
        return _DOUBLE_TO_PLAIN.get(initial, initial)
    if ch in _INITIALS:
        return _DOUBLE_TO_PLAIN.get(ch, ch)
    return None


def group_of(text: str) -> str:
    """The index group of a name: ``#``, a Latin letter, a Hangul consonant, or its first letter."""
    text = unicodedata.normalize("NFC", text).lstrip()
    for ch in text:
        if ch.isspace():
            continue
        initial = _hangul_initial(ch)
        if initial:
            return initial
        if not ch.isalpha():
            return GROUP_OTHER_DIGITS
        base = unicodedata.normalize("NFD", ch)[0]
        if "a" <= base.lower() <= "z":
            return base.upper()
        return ch.upper()
    return GROUP_OTHER_DIGITS


def group_order(group: str) -> int:
    """Rank of a group on the index page: ``#``, Latin A–Z, Hangul ㄱ–ㅎ, then other scripts."""
    if group == GROUP_OTHER_DIGITS:
        return 0
    if len(group) == 1 and "A" <= group <= "Z":
        return 1 + ord(group) - ord("A")
    if group in HANGUL_GROUPS:
        return 100 + HANGUL_GROUPS.index(group)
    return 1000 + ord(group[0])


def sort_key_of(text: str) -> str:
    """Case- and accent-insensitive sort key: ``Élan`` files among the E words, not after ``Z``.

    Precomposed Hangul syllables already sort in 가나다 order by code point (initial, medial,
    final), so they are kept whole: decomposing them would put jamo, not syllables, in the key.
    Other letters lose their combining marks for the primary key; the full casefolded text
    follows after a NUL so that ``e`` and ``é`` still have a deterministic order.
    """
    text = unicodedata.normalize("NFC", text).casefold()
    if text.isascii():  # no combining marks to drop, no syllables to keep whole
        return text + "\x00" + text
    primary = []
    for ch in text:
        if _HANGUL_FIRST <= ord(ch) <= _HANGUL_LAST:
            primary.append(ch)
            continue
        primary.extend(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return "".join(primary) + "\x00" + text


def _duplicate_key(key: str, term: Term, prev: Term) -> Problem:
    """The warning for a key of ``term`` that already refers to ``prev``, naming both places."""
    k = match_key(key)
    is_name = match_key(term.name) == k
    subject = f"the term '{key}'" if is_name else f"the alias '{key}' of '{term.display_name}'"
    same_name = is_name and match_key(prev.name) == k
    if match_key(prev.name) != k:
        what = f"{subject} is also an alias of '{prev.display_name}'"
    elif is_name:
        what = f"the term '{key}' is defined twice"
    else:
        what = f"{subject} is already a term"
    return Problem(
        f"{what} (first at {prev.path}:{prev.line}); mentions of '{key}' link to the first one "
        f"('{prev.display_name}'). Rename or remove one of them",
        term.path,
        term.line,
        code=codes.DUPLICATE_TERM if same_name else codes.ALIAS_CONFLICT,
    )


@dataclass
class Glossary:
    """All terms of all sources, merged, with the problems found while reading them."""

    terms: list[Term] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    title: str | None = None
    """The title the sources give (front-matter ``title``, or a lone ``#`` page title); the
    index page uses it unless ``index.title`` is set."""

    def __post_init__(self) -> None:
        self._by_id: dict[str, Term] = {}
        self._by_key: dict[str, Term] = {}
        self._groups: tuple[tuple[int, ...], dict[str, list[Term]]] | None = None
        self._reindex()

    def _reindex(self) -> None:
        """Resolve id collisions and duplicate keys, recording each as a problem."""
        by_id: dict[str, Term] = {}
        by_key: dict[str, Term] = {}
        self._by_id, self._by_key = by_id, by_key
        explicit = {t.id for t in self.terms if t.explicit_id}
        for term in self.terms:
            if term.id in by_id:
                other = by_id[term.id]
                if term.explicit_id:
                    self.problems.append(
                        Problem(
                            f"the id '{term.id}' of '{term.display_name}' is already used by "
                            f"'{other.display_name}' ({other.path}:{other.line}); "
                            "give one of them another 'id'",
                            term.path,
                            term.line,
                            code=codes.DUPLICATE_ID,
                        )
                    )
                base, n = term.id, 2
                while f"{base}-{n}" in by_id or f"{base}-{n}" in explicit:
                    n += 1
                old = term.id
                term.id = f"{base}-{n}"
                if not term.explicit_id:
                    self.problems.append(
                        Problem(
                            f"'{term.display_name}' has the same id '{old}' as "
                            f"'{other.display_name}' ({other.path}:{other.line}); "
                            f"its entry is '#{term.id}'",
                            term.path,
                            term.line,
                            level="info",
                            code=codes.SAME_ID,
                        )
                    )
            by_id[term.id] = term
            for key in term.keys:
                k = match_key(key)
                if k and (prev := by_key.setdefault(k, term)) is not term:
                    self.problems.append(_duplicate_key(key, term, prev))

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def get(self, term_id: str) -> Term | None:
        """The term with this id."""
        return self._by_id.get(term_id)

    def lookup(self, name: str) -> Term | None:
        """The term a name or alias refers to (case-insensitive, separators folded)."""
        return self._by_key.get(match_key(name))

    def sorted_terms(self) -> list[Term]:
        """Terms in index order: groups first, then case-insensitive 가나다 / A–Z order."""
        return sorted(self.terms, key=lambda t: t.order_key)

    def groups(self) -> dict[str, list[Term]]:
        """Terms by group, in index order (a fresh copy; the sorting is done once per list of
        terms: the index layout and the index pages both ask, and 10,000 terms take ~0.1 s)."""
        stamp = tuple(map(id, self.terms))
        if self._groups is None or self._groups[0] != stamp:
            out: dict[str, list[Term]] = {}
            for term in self.sorted_terms():
                out.setdefault(term.group, []).append(term)
            self._groups = (stamp, out)
        return {group: list(terms) for group, terms in self._groups[1].items()}
