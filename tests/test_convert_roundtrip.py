"""Round trips: parse -> convert -> parse gives the same glossary, for every pair of formats.

The promise of ``autoglossary convert``: what the target format can hold comes back from its
reader exactly (terms, names, display names, aliases, definitions, ids...; file and line aside),
and whatever does not come back is named in the conversion's losses. These tests compare the
glossaries with their own field list, not with the writers' read-back check, so a writer that
drops something without reporting it fails here.

Inputs: the real seed (skipped without ../shared, failing under CI=true), every file under
``tests/fixtures/sources``, and generated glossaries (hypothesis, ``ci`` profile under CI=true).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from mkdocs_glossary_plugin.model import Glossary, Term, match_key
from mkdocs_glossary_plugin.sources import SourceError, load, parse_text
from mkdocs_glossary_plugin.writers import HOLDS, TARGETS, Conversion, write

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "sources").iterdir())
PAIRS = list(itertools.product(TARGETS, TARGETS))
#: The file name each format is read back under (data is told apart by its extension).
READ_AS = {"yaml": "glossary.yml", "json": "glossary.json"}


def read(text: str, fmt: str) -> Glossary:
    """The glossary a ``source`` holding ``text`` gives: the format detected, as a site would,
    or forced when detection fails (a conversion reports that as a loss of its own)."""
    path = READ_AS.get(fmt, "glossary.md")
    try:
        parsed = parse_text(text, path)
    except SourceError:
        parsed = parse_text(text, path, "data" if fmt in READ_AS else fmt)  # type: ignore[arg-type]
    return Glossary(terms=parsed.terms, title=parsed.title)


def fields_of(term: Term) -> dict[str, object]:
    """Every field a conversion promises to keep, by the name the losses use."""
    return {
        "name": term.name,
        "display name": term.display_name,
        "aliases": term.aliases,
        "alias link": term.alias_links,
        # a line of only spaces is a blank line, and blank lines at either end are nothing
        "definition": "\n".join(x if x.strip() else "" for x in term.definition.split("\n")).strip(
            "\n"
        ),
        "summary": term.summary,
        "id": term.id,
        "sort_key": term.sort_key,
        "link": term.link,
        "case_sensitive": term.case_sensitive,
        "translations": term.translations,
    }


def differences(before: Glossary, after: Glossary) -> set[tuple[str | None, str]]:
    """``(display name, field)`` of every field that differs, ``(None, field)`` for the glossary."""
    out: set[tuple[str | None, str]] = set()
    if before.title != after.title:
        out.add((None, "title"))
    if len(before) == len(after):
        pairs = list(zip(before, after, strict=True))
    else:  # a term went missing (or split in two): pair the terms in order, by name
        pairs, start = [], 0
        keys = [match_key(t.name) for t in after]
        for term in before:
            key = match_key(term.name)
            found = keys.index(key, start) if key in keys[start:] else None
            pairs.append((term, None if found is None else after.terms[found]))
            start = start if found is None else found + 1
    for old, new in pairs:
        if new is None:
            out.add((old.display_name, "term"))
            continue
        a, b = fields_of(old), fields_of(new)
        out |= {(old.display_name, f) for f in a if a[f] != b[f]}
    return out


def reported(conversion: Conversion) -> set[tuple[str | None, str]]:
    return {(x.term, x.field) for x in conversion.losses}


def convert(glossary: Glossary, fmt: str) -> tuple[Conversion, Glossary]:
    conversion = write(glossary, fmt)  # type: ignore[arg-type]
    return conversion, read(conversion.text, fmt)


def check_pair(glossary: Glossary, source: str, target: str) -> None:
    """``glossary`` as the ``source`` format holds it, converted to ``target``: every field both
    formats hold comes back, and every difference at all is a reported loss."""
    _, held = convert(glossary, source)
    conversion, back = convert(held, target)
    diff = differences(held, back)
    assert diff <= reported(conversion), f"{source} -> {target}: unreported {diff}"
    both = HOLDS[source] & HOLDS[target]  # type: ignore[index]
    kept_by_both = {(t, f) for t, f in diff if f in both and f != "term"}
    if target != "abbr":  # abbr's one line is the only held field with a limit of its own
        assert not kept_by_both, f"{source} -> {target}: lost {kept_by_both}"


# -- the seed and our fixtures ---------------------------------------------------------------------


@pytest.mark.seed
@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_seed_round_trips_between_every_pair(seed_path: Path, source: str, target: str) -> None:
    """The seed converted into ``source`` and then into ``target`` keeps every field both hold."""
    check_pair(load([str(seed_path)], "/"), source, target)


@pytest.mark.seed
def test_seed_to_yaml_and_back_keeps_every_term(seed_path: Path) -> None:
    """Seed -> YAML -> headings gives the seed's terms, names, aliases and definitions: only the
    display name that holds a parenthesised non-alias part and the title are lost to YAML."""
    seed = load([str(seed_path)], "/")
    to_yaml, data = convert(seed, "yaml")
    assert {(x.term, x.field) for x in to_yaml.losses} == {
        (None, "title"),
        ("Residual Function (F(x))", "display name"),
    }
    _, back = convert(data, "headings")
    assert [(t.name, t.aliases, t.definition) for t in back] == [
        (t.name, t.aliases, t.definition) for t in seed
    ]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_fixture_round_trips_between_every_pair(fixture: Path, source: str, target: str) -> None:
    """Each fixture glossary, converted between every pair of formats, keeps what both hold."""
    check_pair(load([str(fixture)], "/"), source, target)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
@pytest.mark.parametrize("target", ["headings", "deflist", "yaml", "json"])
def test_fixture_names_aliases_and_definitions_survive(fixture: Path, target: str) -> None:
    """Every format but abbr holds the names, aliases and definitions of the fixtures exactly."""
    original = load([str(fixture)], "/")
    conversion, back = convert(original, target)
    assert [(t.name, t.aliases, t.definition) for t in back] == [
        (t.name, t.aliases, t.definition) for t in original
    ]
    assert not {x.field for x in conversion.losses} & {"name", "aliases", "definition"}


# -- generated glossaries --------------------------------------------------------------------------

LATIN = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=8)
HANGUL = st.text(st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=2, max_size=4)
MIXED = st.builds(lambda a, b: a + b, LATIN, HANGUL)  # ``ResNet에서``-like words
WORD = st.one_of(LATIN, HANGUL, MIXED)
NAME = st.lists(WORD, min_size=1, max_size=3).map(" ".join)

INLINE = st.one_of(
    WORD,
    WORD.map(lambda w: f"**{w}**"),
    WORD.map(lambda w: f"`{w}()`"),
    WORD.map(lambda w: f"[{w}](https://example.org/{len(w)})"),
)
LINE = st.lists(INLINE, min_size=1, max_size=6).map(" ".join)
PARAGRAPH = st.lists(LINE, min_size=1, max_size=3).map(lambda lines: "  \n".join(lines))
LIST = st.lists(LINE, min_size=1, max_size=3).map(lambda xs: "\n".join(f"- {x}" for x in xs))
ORDERED = st.lists(LINE, min_size=1, max_size=3).map(
    lambda xs: "\n".join(f"{n}. {x}" for n, x in enumerate(xs, 1))
)
CODE = st.lists(LINE, min_size=1, max_size=3).map(
    lambda xs: (
        "```python\n" + "\n".join(f"    {x}" if i % 2 else x for i, x in enumerate(xs)) + "\n```"
    )
)
TABLE = st.tuples(WORD, WORD, LINE).map(lambda c: f"| {c[0]} | {c[1]} |\n|---|---|\n| {c[2]} | 1 |")
BLOCK = st.one_of(PARAGRAPH, LIST, ORDERED, CODE, TABLE)
DEFINITION = st.one_of(st.just(""), st.lists(BLOCK, min_size=1, max_size=4).map("\n\n".join))


@st.composite
def glossaries(draw: st.DrawFn, *, aliases: bool = True, one_line: bool = False) -> Glossary:
    """A glossary as a YAML source gives it: distinct names and aliases in Latin, Hangul and
    mixed scripts, Markdown definitions with paragraphs, hard breaks, lists, code and tables."""
    keys = draw(st.lists(NAME, min_size=1, max_size=12, unique_by=match_key))
    definition = LINE if one_line else DEFINITION
    entries, rest = [], keys
    while rest:
        name, rest = rest[0], rest[1:]
        n = draw(st.integers(0, min(3, len(rest)))) if aliases else 0
        entry: dict[str, object] = {"term": name, "definition": draw(definition)}
        if n:
            entry["aliases"], rest = rest[:n], rest[n:]
        entries.append(entry)
    text = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False)
    return read(text, "yaml")


@given(glossaries(), st.sampled_from(["headings", "deflist", "yaml", "json"]))
def test_generated_glossaries_convert_without_loss(glossary: Glossary, target: str) -> None:
    """Names, aliases and Markdown definitions in any script survive every format but abbr with
    no loss reported: the writers spell what their readers read back."""
    conversion, back = convert(glossary, target)
    assert not conversion.losses, [str(x) for x in conversion.losses]
    assert not differences(glossary, back)


@given(glossaries(aliases=False, one_line=True))
def test_generated_one_line_glossaries_convert_to_abbr_without_loss(glossary: Glossary) -> None:
    """A glossary of names and one-line definitions is what abbr holds: nothing is lost."""
    conversion, back = convert(glossary, "abbr")
    assert not conversion.losses, [str(x) for x in conversion.losses]
    assert not differences(glossary, back)


@given(glossaries(), st.sampled_from(TARGETS[:-1]), st.sampled_from(TARGETS))
def test_generated_glossaries_round_trip_between_every_pair(
    glossary: Glossary, source: str, target: str
) -> None:
    """Generated glossaries between any two formats: what both hold comes back, the rest is named.
    (From abbr see the next test: its one line would join a code block into a line no Markdown
    format reads as code.)"""
    assert source != "abbr"
    check_pair(glossary, source, target)


@given(glossaries(aliases=False, one_line=True), st.sampled_from(TARGETS))
def test_generated_abbreviations_round_trip_to_every_format(
    glossary: Glossary, target: str
) -> None:
    """What an abbreviation file holds (names, one-line definitions) survives every format."""
    check_pair(glossary, "abbr", target)


#: Text that the formats' syntaxes and the readers' normalisations trip over.
HOSTILE = st.lists(
    st.sampled_from([*"aZ가 \n\t:#*_`[]()<>{}\\|-=,.!", "  \n", ": ", "1. ", "```", "---"]),
    max_size=30,
).map("".join)


@given(
    st.lists(
        st.fixed_dictionaries(
            {"term": HOSTILE.filter(str.strip), "definition": HOSTILE},
            optional={
                "aliases": st.lists(
                    st.one_of(
                        HOSTILE.filter(str.strip),
                        st.fixed_dictionaries(
                            {"name": HOSTILE.filter(str.strip), "link": st.booleans()}
                        ),
                    ),
                    max_size=3,
                ),
                "summary": HOSTILE,
                "id": st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
                "sort_key": HOSTILE,
                "link": st.booleans(),
                "case_sensitive": st.booleans(),
            },
        ),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from(TARGETS),
)
def test_no_conversion_loses_anything_silently(
    entries: list[dict[str, object]], target: str
) -> None:
    """Whatever names and definitions hold (markup, parentheses, colons, backslashes, fences),
    every field that does not come back from the target's reader is a reported loss."""
    text = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False)
    try:
        glossary = read(text, "yaml")
    except Exception:  # an entry the data reader itself refuses is not a glossary to convert
        assume(False)
        raise
    conversion, back = convert(glossary, target)
    assert differences(glossary, back) <= reported(conversion)
    assert conversion.text.endswith("\n")
