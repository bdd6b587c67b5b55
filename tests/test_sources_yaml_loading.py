"""How a YAML or JSON glossary is loaded: line numbers and the fix for a tab, whichever PyYAML
parser reads the file, and the process left as it was found."""

from __future__ import annotations

import contextlib
import gc
import importlib
from collections.abc import Iterator

import pytest
import yaml

from mkdocs_glossary_plugin.sources import SourceError, data, parse_text

BAD = "- term: A\n  definition: x\n- term: B\n\tdefinition: y\n"


@pytest.fixture(params=["libyaml", "pure-python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The data module as it loads with libyaml (``CSafeLoader``) and without it (a PyYAML built
    without libyaml has no ``CSafeLoader``): both must give the same lines and hints."""
    if request.param == "libyaml" and not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML has no libyaml")
    if request.param == "pure-python":
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    importlib.reload(data)
    yield request.param
    monkeypatch.undo()
    importlib.reload(data)


def test_each_parser_names_the_entry_lines(loader: str) -> None:
    """Terms carry the line of their entry, and a wrong value names its own line, with either
    parser (the line-tracking loader is built on whichever is present)."""
    text = "# terms\n- term: A\n  definition: x\n\n- term: B\n  aliases: [b]\n  link: 3\n"
    ok = parse_text(text.replace("link: 3", "link: true"), "g.yml")
    assert [(t.name, t.line) for t in ok.terms] == [("A", 2), ("B", 5)]
    with pytest.raises(SourceError) as info:
        parse_text(text, "g.yml")
    assert (info.value.path, info.value.line) == ("g.yml", 7)


def test_each_parser_gives_the_tab_fix(loader: str) -> None:
    """A tab used as indentation: the message names the line and says to indent with spaces,
    whatever words the parser itself uses for the error."""
    with pytest.raises(SourceError) as info:
        parse_text(BAD, "g.yml")
    assert (info.value.path, info.value.line) == ("g.yml", 4)
    assert "indent with spaces" in info.value.message


def test_a_syntax_error_without_a_tab_gets_no_tab_hint(loader: str) -> None:
    """The tab fix is given only when the line of the error holds a tab: it must not send the
    author looking for a tab that is not there."""
    with pytest.raises(SourceError) as info:
        parse_text("- term: A\n  definition: [x\n- term: B\n", "g.yml")
    assert "tab" not in info.value.message


def test_an_explicit_text_tag_reads_text_and_refuses_a_list(loader: str) -> None:
    """``!!str`` makes a scalar text (``!!str 2024``), as the safe loader does, and cannot make
    a list text: that is the loader's error with its line, whichever parser reads the file."""
    ok = parse_text("- term: !!str 2024\n  definition: !!str 3\n", "g.yml")
    assert [(t.name, t.definition) for t in ok.terms] == [("2024", "3")]
    with pytest.raises(SourceError) as info:
        parse_text("- term: A\n  definition: !!str [x, y]\n", "g.yml")
    assert (info.value.path, info.value.line) == ("g.yml", 2)
    assert info.value.message.startswith("YAML")


@pytest.mark.parametrize("text", ["- term: A\n  definition: x\n", BAD], ids=["good", "bad"])
def test_loading_leaves_the_garbage_collector_alone(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading never switches Python's cyclic garbage collector off or on: a process-wide
    setting that belongs to the host (catches a pause of the collector around the load)."""

    def refuse() -> None:
        raise AssertionError("the garbage collector was switched")

    monkeypatch.setattr(gc, "disable", refuse)
    monkeypatch.setattr(gc, "enable", refuse)
    with contextlib.suppress(SourceError):
        parse_text(text, "g.yml")
