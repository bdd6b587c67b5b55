"""Every configuration message, as a user sees it: ``mkdocs build`` in a subprocess (issue 12).

Each case writes a ``mkdocs.yml`` with one wrong value, runs ``python -m mkdocs build`` and checks
that the build stops (non-zero exit), prints the message (the option's name and what to write
instead) and no traceback. MkDocs stops at the first invalid option of a plugin, so each message
needs a build of its own; the builds stop before reading any page, so each costs about the
start-up of MkDocs, and they run side by side.

The messages of ``config.py`` are ours; a wrong type of a plain option (``tooltips: "yes"``) is
MkDocs' own message, asserted here so that a change of ours (or of MkDocs) that makes it unclear
is noticed. An invalid ``index.path`` is checked when the build starts (``check_index_path``).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import build_result

pytestmark = pytest.mark.slow

FILES = {"./g.yml": "- term: Residual Block\n  definition: A block.\n", "index.md": "# Home\n"}

_PREFIX = "ERROR   -  Config value 'plugins': Plugin 'glossary' option"
_NEEDS_SOURCE = (
    f"{_PREFIX} 'source': the glossary plugin needs 'source': the path of your glossary file, "
    "relative to the folder of mkdocs.yml (for example docs/glossary.md)"
)
_VALID_CODES = "valid codes: unused, undefined, fallback"

#: (case id, the plugin's options, the message the build prints).
CASES: list[tuple[str, dict[str, Any], str]] = [
    # -- source (config.py) --
    ("source missing", {}, _NEEDS_SOURCE),
    ("source empty list", {"source": []}, _NEEDS_SOURCE),
    ("source empty", {"source": ""}, f"{_PREFIX} 'source': a source path must not be empty"),
    (
        "source empty item",
        {"source": ["g.yml", ""]},
        f"{_PREFIX} 'source': a source path must not be empty",
    ),
    (
        "source unknown key",
        {"source": {"path": "g.yml", "fromat": "data"}},
        f"{_PREFIX} 'source': unknown key(s) ['fromat'] in a source mapping; "
        "use {path: FILE, format: headings|deflist|data|abbr}",
    ),
    (
        "source mapping without path",
        {"source": {"format": "data"}},
        f"{_PREFIX} 'source': a source mapping needs a 'path' (a string)",
    ),
    (
        "source unknown format",
        {"source": {"path": "g.yml", "format": "xml"}},
        f"{_PREFIX} 'source': unknown source format 'xml'; "
        "expected one of headings, deflist, data, abbr",
    ),
    (
        "source number",
        {"source": 3},
        f"{_PREFIX} 'source': expected a path or a mapping {{path: ..., format: ...}}, got int",
    ),
    # -- warn (config.py) --
    (
        "warn unknown code",
        {"source": "g.yml", "warn": ["unusd"]},
        f"{_PREFIX} 'warn': unknown finding code 'unusd' in 'warn'; {_VALID_CODES}",
    ),
    (
        "source language item",
        {"source": {"en": "g.yml", "ko": {"pat": "k.yml"}}},
        f"{_PREFIX} 'source': language 'ko': unknown key(s) ['pat'] in a source mapping; "
        "use {path: FILE, format: headings|deflist|data|abbr}",
    ),
    (
        "warn not a list",
        {"source": "g.yml", "warn": "unused"},
        f"{_PREFIX} 'warn': Expected a list of items, but a <class 'str'> was given.",
    ),
    # -- wrong types and choices (MkDocs' own messages) --
    (
        "tooltips string",
        {"source": "g.yml", "tooltips": "yes"},
        f"{_PREFIX} 'tooltips': Expected type: <class 'bool'> but received: <class 'str'>",
    ),
    (
        "link sometimes",
        {"source": "g.yml", "link": "sometimes"},
        f"{_PREFIX} 'link': Expected one of: ('first', 'all') but received: 'sometimes'",
    ),
    (
        "index.split sometimes",
        {"source": "g.yml", "index": {"split": "sometimes"}},
        f"{_PREFIX} 'index': Sub-option 'split': Expected one of: ('auto', 'never', 'always') "
        "but received: 'sometimes'",
    ),
    # -- index.path (checked when the build starts) --
    (
        "index.path parent",
        {"source": "g.yml", "index": {"path": "../x.md"}},
        "ERROR   -  glossary: index.path must be relative to docs_dir and stay inside it, "
        "got '../x.md'",
    ),
    (
        "index.path absolute",
        {"source": "g.yml", "index": {"path": "/abs.md"}},
        "ERROR   -  glossary: index.path must be relative to docs_dir and stay inside it, "
        "got '/abs.md'",
    ),
    (
        "index.path not markdown",
        {"source": "g.yml", "index": {"path": "x.txt"}},
        "ERROR   -  glossary: index.path must be a Markdown page path such as 'glossary.md', "
        "got 'x.txt'",
    ),
    (
        "index.path empty",
        {"source": "g.yml", "index": {"path": ""}},
        "ERROR   -  glossary: index.path must be a Markdown page path such as 'glossary.md', "
        "got ''",
    ),
]


def _mkdocs_build(project: Path, options: dict[str, Any], strict: bool = False) -> tuple[int, str]:
    """``mkdocs build`` as a user types it (not quiet: warnings are shown), with these options of
    the plugin: exit code, output."""
    return build_result(project, FILES, {"plugins": [{"glossary": options}]}, strict=strict)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str]]:
    """Every case's build, run side by side (each is mostly MkDocs' start-up)."""
    projects = [tmp_path_factory.mktemp("config") for _ in CASES]
    options = [case[1] for case in CASES]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = pool.map(_mkdocs_build, projects, options)
        return dict(zip([case[0] for case in CASES], results, strict=True))


@pytest.mark.parametrize(
    ("case_id", "message"), [(c[0], c[2]) for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_message_stops_the_build_without_traceback(
    outputs: dict[str, tuple[int, str]], case_id: str, message: str
) -> None:
    code, output = outputs[case_id]
    assert code != 0, output
    assert message in output, output
    assert "Traceback" not in output


def test_an_unknown_option_is_a_warning_that_strict_turns_into_failure(tmp_path: Path) -> None:
    """MkDocs' own check names the unknown option (``tooltip`` for ``tooltips``); without
    ``--strict`` the build goes on, with ``--strict`` it stops."""
    options = {"source": "g.yml", "tooltip": False}
    expected = (
        "WARNING -  Config value 'plugins': Plugin 'glossary' option 'tooltip': "
        "Unrecognised configuration name: tooltip"
    )
    code, output = _mkdocs_build(tmp_path, options, strict=True)
    assert code != 0 and expected in output, output
    assert "Traceback" not in output
    code, output = _mkdocs_build(tmp_path, options)
    assert code == 0 and expected in output, output
