"""One option schema for every host: a plain dict is checked with MkDocs' messages.

``options.validate`` is what a host without MkDocs (plain Python-Markdown, Zensical) calls. The
promise: for the same options it accepts and refuses exactly what ``mkdocs build`` does, with the
same message for the same option. Each case is checked twice: against the literal message a user
reads, and against what MkDocs' own ``GlossaryConfig`` (built from the same schema) says.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from mkdocs_glossary_plugin import options
from mkdocs_glossary_plugin.options import IndexOptions, OptionError, Options

_NEEDS_SOURCE = (
    "the glossary plugin needs 'source': the path of your glossary file, relative to the folder "
    "of mkdocs.yml (for example docs/glossary.md)"
)
_VALID = "valid codes: unused, undefined, fallback"

#: (case id, options, the invalid option's name, its message).
CASES: list[tuple[str, dict[str, Any], str, str]] = [
    ("source missing", {}, "source", _NEEDS_SOURCE),
    ("source empty list", {"source": []}, "source", _NEEDS_SOURCE),
    ("source null", {"source": None}, "source", _NEEDS_SOURCE),
    ("source empty", {"source": ""}, "source", "a source path must not be empty"),
    ("source empty item", {"source": ["g.yml", " "]}, "source", "a source path must not be empty"),
    (
        "source unknown key",
        {"source": {"path": "g.yml", "fromat": "data"}},
        "source",
        "unknown key(s) ['fromat'] in a source mapping; "
        "use {path: FILE, format: headings|deflist|data|abbr}",
    ),
    (
        "source mapping without path",
        {"source": [{"format": "data"}]},
        "source",
        "a source mapping needs a 'path' (a string)",
    ),
    (
        "source unknown format",
        {"source": {"path": "g.yml", "format": "xml"}},
        "source",
        "unknown source format 'xml'; expected one of headings, deflist, data, abbr",
    ),
    (
        "source number",
        {"source": 3},
        "source",
        "expected a path or a mapping {path: ..., format: ...}, got int",
    ),
    (
        "warn unknown code",
        {"source": "g.yml", "warn": ["unusd"]},
        "warn",
        f"unknown finding code 'unusd' in 'warn'; {_VALID}",
    ),
    (
        "source language item",
        {"source": {"en": "g.yml", "ko": {"pat": "k.yml"}}},
        "source",
        "language 'ko': unknown key(s) ['pat'] in a source mapping; "
        "use {path: FILE, format: headings|deflist|data|abbr}",
    ),
    (
        "warn not a list",
        {"source": "g.yml", "warn": "unused"},
        "warn",
        "Expected a list of items, but a <class 'str'> was given.",
    ),
    (
        "enabled string",
        {"source": "g.yml", "enabled": "no"},
        "enabled",
        "Expected type: <class 'bool'> but received: <class 'str'>",
    ),
    (
        "tooltips string",
        {"source": "g.yml", "tooltips": "yes"},
        "tooltips",
        "Expected type: <class 'bool'> but received: <class 'str'>",
    ),
    (
        "link sometimes",
        {"source": "g.yml", "link": "sometimes"},
        "link",
        "Expected one of: ('first', 'all') but received: 'sometimes'",
    ),
    (
        "case_sensitive yes",
        {"source": "g.yml", "case_sensitive": "yes"},
        "case_sensitive",
        "Expected one of: (True, False, 'auto') but received: 'yes'",
    ),
    (
        "exclude item number",
        {"source": "g.yml", "exclude": ["a/*", 3]},
        "exclude",
        "Expected type: <class 'str'> but received: <class 'int'>",
    ),
    (
        "language number",
        {"source": "g.yml", "language": 5},
        "language",
        "Expected type: <class 'str'> but received: <class 'int'>",
    ),
    (
        "index.split sometimes",
        {"source": "g.yml", "index": {"split": "sometimes"}},
        "index",
        "Sub-option 'split': Expected one of: ('auto', 'never', 'always') "
        "but received: 'sometimes'",
    ),
    (
        "index.title number",
        {"source": "g.yml", "index": {"title": 1}},
        "index",
        "Sub-option 'title': Expected type: <class 'str'> but received: <class 'int'>",
    ),
    (
        "index not a mapping",
        {"source": "g.yml", "index": "glossary.md"},
        "index",
        "The configuration is invalid. Expected a key-value mapping (dict) but received: "
        "<class 'str'>",
    ),
    (
        "first invalid option wins",
        {"source": "", "link": "sometimes"},
        "source",
        "a source path must not be empty",
    ),
]


def _mkdocs_check(values: dict[str, Any]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """What MkDocs' own config says of the same options: (errors, warnings) as text."""
    from mkdocs.config.base import ValidationError

    from mkdocs_glossary_plugin.config import GlossaryConfig

    config = GlossaryConfig()
    config.load_dict(values)
    failed, warnings = config.validate()
    assert all(isinstance(e, ValidationError) for _, e in failed)
    return [(k, str(e)) for k, e in failed], [(k, str(w)) for k, w in warnings]


@pytest.mark.parametrize(
    ("values", "name", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_plain_dict_gets_the_message_mkdocs_prints(
    values: dict[str, Any], name: str, message: str
) -> None:
    with pytest.raises(OptionError) as caught:
        options.validate(values)
    assert (caught.value.option, caught.value.message) == (name, message)
    assert str(caught.value) == f"option '{name}': {message}"
    failed, _ = _mkdocs_check(values)
    assert failed == [(name, message)]


def test_defaults_are_the_documented_ones() -> None:
    got, warnings = options.validate({"source": "docs/glossary.md"})
    assert warnings == []
    assert got == Options(
        enabled=True,
        source=("docs/glossary.md",),
        index=IndexOptions(path="glossary.md", title=None, backlinks=True, split="auto"),
        link="first",
        tooltips=True,
        case_sensitive="auto",
        plurals=True,
        exclude=(),
        language=None,
        warn=(),
    )


def test_valid_values_are_kept_and_normalised_as_for_mkdocs() -> None:
    """YAML's 1 and 0 pass the ``case_sensitive`` choice (they equal True and False) and mean
    them; a null option takes its default; a source mapping gets its ``format`` key."""
    values = {
        "source": ["a.md", {"path": "b.yml"}],
        "index": {"path": "ref/terms.md", "title": "용어집", "backlinks": False, "split": "never"},
        "link": "all",
        "tooltips": None,
        "case_sensitive": 1,
        "exclude": ["drafts/*"],
        "language": "ko",
        "warn": ["unused", "undefined"],
    }
    got, warnings = options.validate(values)
    assert warnings == []
    assert got.source == ("a.md", {"path": "b.yml", "format": None})
    assert got.index == IndexOptions("ref/terms.md", "용어집", False, "never")
    assert (got.link, got.tooltips, got.plurals) == ("all", True, True)
    assert got.case_sensitive is True  # not 1: the matcher tells True from "auto" by identity
    assert (got.exclude, got.language, got.warn) == (("drafts/*",), "ko", ("unused", "undefined"))
    # The same values through MkDocs' config give the same Options.
    from mkdocs_glossary_plugin.config import GlossaryConfig

    config = GlossaryConfig()
    config.load_dict(values)
    assert config.validate() == ([], [])
    assert Options.from_values(config) == got


def test_unknown_names_are_warnings_as_in_mkdocs() -> None:
    values = {"source": "g.yml", "tooltip": False, "index": {"splitt": "never"}}
    got, warnings = options.validate(values)
    assert got.tooltips is True
    assert [str(w) for w in warnings] == [
        "option 'index': Sub-option 'splitt': Unrecognised configuration name: splitt",
        "option 'tooltip': Unrecognised configuration name: tooltip",
    ]
    assert all(w.level == "warning" for w in warnings)
    _, mkdocs_warnings = _mkdocs_check(values)
    assert {f"option '{k}': {w}" for k, w in mkdocs_warnings} == {str(w) for w in warnings}


def test_mkdocs_reads_the_same_schema() -> None:
    """MkDocs' config has the options of the schema, in the same order (the first invalid one
    is the one reported), with the same defaults."""
    from mkdocs_glossary_plugin.config import GlossaryConfig, IndexConfig

    assert [name for name, _ in GlossaryConfig._schema] == [s.name for s in options.OPTIONS]
    assert [name for name, _ in IndexConfig._schema] == [s.name for s in options.INDEX_OPTIONS]
    defaults = {name: option.default for name, option in GlossaryConfig._schema}
    assert defaults["link"] == "first" and defaults["warn"] == [] and defaults["source"] is None


def test_the_schema_needs_no_mkdocs() -> None:
    """Another host validates without MkDocs installed or imported."""
    code = (
        "import sys\n"
        "from mkdocs_glossary_plugin import options\n"
        "opts, _ = options.validate({'source': 'g.yml', 'link': 'all'})\n"
        "assert opts.link == 'all'\n"
        "assert not [m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')], "
        "sorted(m for m in sys.modules if m.startswith('mkdocs'))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
