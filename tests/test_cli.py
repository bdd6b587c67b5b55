"""The ``autoglossary`` command line, run as users run it: in real subprocesses.

Promises checked here: ``check`` prints the plugin's messages as ``file:line: level: message`` and
one JSON object per finding with a fixed set of keys and stable codes; its exit code is 0 when
clean, 1 on errors (and on warnings with ``--strict``), 2 on a usage error; no bad input ends in a
traceback; ``list`` lists every term; ``--help``/``--version`` work; colour only on a terminal;
the command line imports no MkDocs; the pre-commit hook runs as pre-commit runs it. ``usage`` is
in ``tests/test_cli_usage.py``.
"""

from __future__ import annotations

import json
import os
import pty
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from mkdocs_glossary_plugin import __version__
from mkdocs_glossary_plugin.cli import COMMANDS
from mkdocs_glossary_plugin.cli.findings import CODES, OTHER, PAGE_ERROR, UNREADABLE
from mkdocs_glossary_plugin.sources import load

ROOT = Path(__file__).resolve().parents[1]
FINDING_KEYS = ["file", "line", "level", "code", "message", "hint"]

CLEAN = """\
- term: Residual Block
  aliases: [잔차 블록]
  definition: A block whose input is added to its output.
- term: Dropout
  definition: Randomly zeroes activations while training.
"""

#: One glossary with one finding of each kind a data source can have, each on a known line.
PROBLEMS = """\
- term: Dropout
  definition: Randomly zeroes activations.
  colour: red
- term: dropout
  definition: The same term again.
- term: Batch Norm
  aliases: [Dropout Layer, BN]
  definition: Normalises a batch.
- term: Layer Norm
  aliases: [BN]
  definition: Normalises a layer.
- term: X
  definition: A one-letter name.
- term: Undefined One
"""


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m mkdocs_glossary_plugin.cli ARGS`` in a fresh process, as a user runs it
    (``NO_COLOR`` unset, so that only the pipe keeps colour out)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_glossary_plugin.cli", *args],
        cwd=cwd,
        env={k: v for k, v in os.environ.items() if k != "NO_COLOR"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr


def findings(stdout: str) -> list[dict[str, object]]:
    """The JSON Lines of ``check --format json``, each checked to have exactly the keys."""
    out = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    for item in out:
        assert list(item) == FINDING_KEYS, item
    return out


@pytest.fixture
def glossaries(tmp_path: Path) -> Path:
    (tmp_path / "clean.yml").write_text(CLEAN, "utf-8")
    (tmp_path / "problems.yml").write_text(PROBLEMS, "utf-8")
    return tmp_path


# -- check ------------------------------------------------------------------------------------


def test_check_clean_glossary_exits_0_and_prints_nothing(glossaries: Path) -> None:
    result = cli("check", "clean.yml", "--strict", cwd=glossaries)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr == "0 errors, 0 warnings\n"


def test_check_json_gives_each_finding_its_code_file_and_line(glossaries: Path) -> None:
    result = cli("check", "problems.yml", "--warn", "undefined", "--format", "json", cwd=glossaries)
    no_traceback(result)
    found = {(f["code"], f["line"]) for f in findings(result.stdout)}
    assert {
        ("unknown-key", 3),
        ("duplicate-term", 4),
        ("alias-conflict", 9),
        ("same-id", 4),
        ("short-key", 12),
        ("undefined", 14),
    } <= found, found
    for item in findings(result.stdout):
        assert item["file"] == "problems.yml"
        assert item["level"] in {"warning", "info"}
        assert item["code"] != OTHER, item
        assert item["message"] and item["hint"]
    # warnings only: a plain check passes, a strict one fails
    assert result.returncode == 0
    assert cli("check", "problems.yml", "--strict", cwd=glossaries).returncode == 1


def test_check_text_is_file_line_level_message_then_hint(glossaries: Path) -> None:
    result = cli("check", "problems.yml", cwd=glossaries)
    lines = result.stdout.splitlines()
    first = lines.index(next(line for line in lines if "unknown key 'colour'" in line))
    assert re.match(r"^problems\.yml:3: warning: unknown key 'colour' in ", lines[first])
    assert lines[first + 1] == "  hint: fix the key's spelling, or remove it"
    assert "\x1b[" not in result.stdout  # not a terminal: no colour
    assert result.stderr.endswith("0 errors, 3 warnings\n")


def test_info_findings_never_fail_even_strict(tmp_path: Path) -> None:
    (tmp_path / "g.yml").write_text("- term: X\n  definition: one letter.\n", "utf-8")
    result = cli("check", "g.yml", "--strict", "--format", "json", cwd=tmp_path)
    assert [(f["level"], f["code"]) for f in findings(result.stdout)] == [("info", "short-key")]
    assert result.returncode == 0


def test_check_seed_glossary(seed_path: Path, tmp_path: Path) -> None:
    """The seed reads clean; with ``--warn undefined`` its terms without a definition are warnings
    at their heading's line, and a strict check fails on them."""
    plain = cli("check", str(seed_path), cwd=tmp_path)
    assert plain.returncode == 0 and plain.stdout == "", plain.stdout
    strict = cli("check", str(seed_path), "--warn", "undefined", "--strict", "--format", "json")
    assert strict.returncode == 1
    found = findings(strict.stdout)
    expected = [t for t in load([str(seed_path)], "/") if not t.has_definition]
    assert expected, "the seed has terms without a definition"
    assert [(f["code"], f["file"], f["line"]) for f in found] == [
        ("undefined", str(seed_path), t.line) for t in expected
    ]


def _missing(d: Path) -> str:
    return "missing.md"


def _directory(d: Path) -> str:
    (d / "folder").mkdir()
    return "folder"


def _binary(d: Path) -> str:
    (d / "scan.md").write_bytes(b"\x89PNG\r\n\x1a\nxx")
    return "scan.md"


def _cp949(d: Path) -> str:
    (d / "old.md").write_bytes("## A\n#### 용어\n: 정의\n".encode("cp949"))
    return "old.md"


def _bad_yaml(d: Path) -> str:
    (d / "bad.yml").write_text("- term: [unclosed\n", "utf-8")
    return "bad.yml"


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_missing, "file not found"),
        (_directory, "is a directory"),
        (_binary, "PNG image"),
        (_cp949, "is not UTF-8 text"),
        (_bad_yaml, ""),
    ],
    ids=["missing", "directory", "binary", "cp949", "bad-yaml"],
)
def test_an_unreadable_source_is_an_error_finding_not_a_traceback(
    glossaries: Path, make: Callable[[Path], str], says: str
) -> None:
    """Reason: CI must tell a broken glossary from a broken tool; the other sources' findings
    are still reported (the readable one here has its own warnings)."""
    name = make(glossaries)
    result = cli("check", name, "problems.yml", "--format", "json", cwd=glossaries)
    no_traceback(result)
    assert result.returncode == 1
    found = findings(result.stdout)
    errors = [f for f in found if f["level"] == "error"]
    assert len(errors) == 1 and errors[0]["code"] == UNREADABLE and errors[0]["file"] == name
    assert says in str(errors[0]["message"])
    assert any(f["code"] == "duplicate-term" for f in found)  # the other source was read


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ([], "the following arguments are required"),
        (["frobnicate"], "invalid choice"),
        (["check"], "no SOURCE given and no mkdocs.yml in"),
        (["check", "clean.yml", "--format", "xml"], "invalid choice: 'xml'"),
        (["list", "clean.yml", "--format", "yaml"], "invalid choice: 'yaml'"),
        (["check", "clean.yml", "--warn", "bogus"], "unknown finding code 'bogus'"),
        (["check", "clean.yml", "--warn", "undefined,fallback"], "'fallback' needs the site's"),
        (["check", "clean.yml", "--warn", "unused"], "--warn unused needs --docs DIR"),
        (["check", "clean.yml", "--warn", "unused", "--docs", "nowhere"], "no such folder"),
        (["usage", "clean.yml", "--docs", "clean.yml"], "not a folder"),
        (["usage", "clean.yml"], "give the docs folder with --docs DIR"),
        (["usage", "clean.yml", "--docs", ".", "--config", "nope.yml"], "cannot be read"),
        (
            ["usage", "clean.yml", "--docs", ".", "--config", "broken.yml"],
            "broken.yml:2: not valid YAML",
        ),
        (["usage", "clean.yml", "--docs", ".", "--config", "clean.yml"], "not a mkdocs.yml"),
        (["usage", "clean.yml", "--docs", ".", "--exclude", "!"], "--exclude:"),
    ],
)
def test_usage_errors_exit_2_with_a_message(glossaries: Path, args: list[str], says: str) -> None:
    (glossaries / "broken.yml").write_text("site_name: x\n  bad: indent\n", "utf-8")
    result = cli(*args, cwd=glossaries)
    no_traceback(result)
    assert result.returncode == 2, result.stdout + result.stderr
    assert says in result.stderr


def test_the_documented_finding_codes_are_exactly_the_table() -> None:
    """The codes are an interface (tools filter on them): the "Finding codes" table of
    docs/command-line.md lists every code of mkdocs_glossary_plugin.codes, and no other, in
    the table's order."""
    page = (ROOT / "docs" / "command-line.md").read_text("utf-8")
    section = page.split("### Finding codes", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([a-z-]+)` \|", section, re.M)
    assert documented == list(CODES)
    assert {OTHER, UNREADABLE, PAGE_ERROR} <= set(documented)


# -- list --------------------------------------------------------------------------------------


def test_list_json_has_every_term_in_index_order(glossaries: Path) -> None:
    result = cli("list", "clean.yml", "--format", "json", cwd=glossaries)
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert list(data) == ["terms", "findings"] and data["findings"] == []
    assert data["terms"] == [
        {
            "id": "dropout",
            "name": "Dropout",
            "aliases": [],
            "group": "D",
            "file": "clean.yml",
            "line": 4,
            "defined": True,
        },
        {
            "id": "residual-block",
            "name": "Residual Block",
            "aliases": ["잔차 블록"],
            "group": "R",
            "file": "clean.yml",
            "line": 1,
            "defined": True,
        },
    ]


def test_list_table_aligns_korean_and_lists_the_seed(seed_path: Path) -> None:
    result = cli("list", str(seed_path))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "NAME", "ALIASES", "GROUP", "SOURCE"]
    terms = load([str(seed_path)], "/").sorted_terms()
    assert len(lines) == 1 + len(terms)
    assert [line.split()[0] for line in lines[1:]] == [t.id for t in terms]
    # Hangul takes two columns: every SOURCE column starts at the same display column
    width = [
        sum(2 if "\uac00" <= ch <= "\ud7a3" else 1 for ch in line[: line.rfind(str(seed_path))])
        for line in lines[1:]
    ]
    assert len(set(width)) == 1, width


def test_list_reports_an_unreadable_source_and_exits_1(glossaries: Path) -> None:
    result = cli("list", "clean.yml", "missing.yml", "--format", "json", cwd=glossaries)
    no_traceback(result)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert len(data["terms"]) == 2
    assert [(f["code"], f["file"]) for f in data["findings"]] == [(UNREADABLE, "missing.yml")]


# -- help, version, colour, imports ------------------------------------------------------------


def test_version_is_the_package_version() -> None:
    result = cli("--version")
    assert result.returncode == 0 and result.stdout == f"autoglossary {__version__}\n"


@pytest.mark.parametrize("command", [c.NAME for c in COMMANDS])
def test_each_command_has_help(command: str) -> None:
    result = cli(command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: autoglossary {command} ")
    assert "-h, --help" in result.stdout


def _on_terminal(args: list[str], cwd: Path, no_color: bool) -> str:
    """The output of the command when its stdout is a terminal (a pseudo-terminal)."""
    main, secondary = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color:
        env["NO_COLOR"] = "1"
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs_glossary_plugin.cli", *args],
        cwd=cwd,
        env=env,
        stdout=secondary,
        stderr=subprocess.DEVNULL,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=120)
    os.close(main)
    return b"".join(chunks).decode("utf-8")


def test_colour_only_on_a_terminal_without_no_color(glossaries: Path) -> None:
    args = ["check", "problems.yml"]
    assert "\x1b[33mwarning\x1b[0m" in _on_terminal(args, glossaries, no_color=False)
    assert "\x1b[" not in _on_terminal(args, glossaries, no_color=True)
    assert "\x1b[" not in cli(*args, cwd=glossaries).stdout  # a pipe


def test_the_command_line_imports_no_mkdocs(glossaries: Path) -> None:
    """Reason: the check runs where MkDocs is not installed or is another host (Zensical)."""
    code = (
        "import sys\n"
        "from mkdocs_glossary_plugin.cli import main\n"
        "(docs := __import__('pathlib').Path('docs')).mkdir()\n"
        "(docs / 'index.md').write_text('Dropout here.')\n"
        "rc = main(['usage', 'clean.yml', '--docs', 'docs'])\n"
        "rc += main(['check', 'clean.yml', '--warn', 'unused', '--docs', 'docs'])\n"
        "bad = [m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')]\n"
        "print(rc, bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=glossaries, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.splitlines()[-1] == "0 []", result.stdout + result.stderr


# -- pre-commit --------------------------------------------------------------------------------


def _console_script() -> Path:
    script = Path(sys.executable).parent / "autoglossary"
    if not script.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"console script missing: {script} (pip install -e .)")
        pytest.skip(f"console script not installed at {script} (run pip install -e .)")
    return script


def test_console_script_runs_main() -> None:
    result = subprocess.run(
        [str(_console_script()), "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stdout == f"autoglossary {__version__}\n"


def test_pre_commit_hook_runs_like_pre_commit(tmp_path: Path) -> None:
    """pre-commit runs ``entry`` split like a shell, then the user's ``args`` (and, with
    ``pass_filenames: false``, no file names), with the hook's environment on PATH, in the root
    of the repository. A clean glossary passes; a duplicated term fails the commit."""
    script = _console_script()
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "glossary-check" and hook["language"] == "python"
    assert hook["pass_filenames"] is False
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "docs" / "glossary.yml").write_text(CLEAN, "utf-8")
    args = ["docs/glossary.yml"]  # the user's .pre-commit-config.yaml: args: [docs/glossary.yml]
    env = {**os.environ, "PATH": f"{script.parent}{os.pathsep}{os.environ['PATH']}"}
    command = [*shlex.split(hook["entry"]), *args]
    ok = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (repo / "docs" / "glossary.yml").write_text(CLEAN + "- term: dropout\n  definition: x\n")
    bad = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert "docs/glossary.yml:6: warning: the term 'dropout' is defined twice" in bad.stdout


# -- the documentation's examples ----------------------------------------------------------------


def test_command_line_page_examples_are_real_output(tmp_path: Path) -> None:
    """Every ``$ autoglossary ...`` example of docs/command-line.md prints what the page shows
    (stdout, then the count line of stderr), over the files the page gives; the JSON line the
    page shows is one of the lines ``check --format json`` prints."""
    page = (ROOT / "docs" / "command-line.md").read_text("utf-8")
    files = dict(re.findall(r'^```\w+ title="([^"]+)"\n(.*?)^```', page, re.S | re.M))
    for name in ("glossary.md", "docs/index.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(files[name], "utf-8")
    examples = re.findall(
        r"^```text\n\$ autoglossary ((?:check|list|usage) .*?)\n(.*?)^```", page, re.S | re.M
    )
    assert [command.split()[0] for command, _ in examples] == ["check", "list", "usage"]
    for command, shown in examples:
        result = cli(*shlex.split(command), cwd=tmp_path)
        assert result.stdout + result.stderr == shown, command
    (line,) = re.findall(r'^```json\n(\{"file".*?)\n```', page, re.S | re.M)
    result = cli("check", "glossary.md", "--warn", "undefined", "--format", "json", cwd=tmp_path)
    assert line in result.stdout.splitlines()


def test_output_cut_short_by_a_pipe_is_no_error(tmp_path: Path) -> None:
    """``autoglossary list big.yml | head -1``: the reader closes the pipe early; the command
    ends quietly (exit 0, nothing on stderr), as shell tools do."""
    entries = "".join(f"- term: Term {n}\n  definition: d\n" for n in range(20000))
    (tmp_path / "big.yml").write_text(entries, "utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs_glossary_plugin.cli", "list", "big.yml"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().split() == [b"ID", b"NAME", b"ALIASES", b"GROUP", b"SOURCE"]
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 0
    assert stderr == ""


def test_a_bug_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """An unexpected exception inside a command (here planted) is reported in one line that
    names it and where it was raised, with exit code 1."""
    code = (
        "import sys\n"
        "from mkdocs_glossary_plugin.cli import listing, main\n"
        "def broken(args): raise RuntimeError('planted')\n"
        "listing.run = broken\n"
        "sys.exit(main(['list', 'x.yml']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    no_traceback(result)
    assert re.fullmatch(
        r"autoglossary: error: internal error: RuntimeError: planted \(at <string>:3\); "
        r"please report it with the command you ran\n",
        result.stderr,
    )
