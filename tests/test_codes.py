"""Every problem carries a stable code, given where it is made.

Tools filter findings on their code (``autoglossary check --format json``, the ``warn``
option), so a code must not depend on a message's wording: each ``Problem(...)`` and
``SourceError(...)`` the package makes names its code from :mod:`mkdocs_glossary_plugin.codes`.
These tests read the package's source with ``ast``, so a new call site without a code, or with
a code the table does not know, fails here rather than turning into ``other`` for users.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mkdocs_glossary_plugin import codes
from mkdocs_glossary_plugin.cli.findings import finding_of, unreadable
from mkdocs_glossary_plugin.model import Problem
from mkdocs_glossary_plugin.options import WarnCodeSpec
from mkdocs_glossary_plugin.sources import SourceError

PACKAGE = Path(codes.__file__).parent
MADE = ("Problem", "SourceError")


def _names(node: ast.expr) -> list[str] | None:
    """The codes an argument can name: a literal, a ``codes`` constant (``codes.UNUSED`` or an
    imported ``UNUSED``), or a conditional between such; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        if node.value.id == "codes":
            value = getattr(codes, node.attr, None)
            return [value] if isinstance(value, str) else None
        return None
    if isinstance(node, ast.Name):
        value = getattr(codes, node.id, None)
        return [value] if node.id.isupper() and isinstance(value, str) else None
    if isinstance(node, ast.IfExp):
        body, orelse = _names(node.body), _names(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def _modules() -> list[str]:
    return sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py"))


def _call_sites(module: str) -> list[tuple[int, ast.Call]]:
    tree = ast.parse((PACKAGE / module).read_text("utf-8"), module)
    sites = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in MADE:
                sites.append((node.lineno, node))
    return sorted(sites, key=lambda site: site[0])


def test_the_scan_sees_the_call_sites() -> None:
    """The scan below finds the package's problems (a scan that finds none would pass)."""
    assert sum(len(_call_sites(m)) for m in _modules()) > 40


@pytest.mark.parametrize("module", _modules())
def test_every_problem_names_a_code_of_the_table(module: str) -> None:
    """Each ``Problem(...)``/``SourceError(...)`` call passes ``code=`` naming a code of the
    table (not ``other``): a forgotten code would silently report ``other``, a misspelt one an
    undocumented code."""
    wrong = []
    for line, call in _call_sites(module):
        code = next((k.value for k in call.keywords if k.arg == "code"), None)
        names = _names(code) if code is not None else None
        if names is None or any(n not in codes.CODES or n == codes.OTHER for n in names):
            shown = ast.unparse(code) if code is not None else "no code="
            wrong.append(f"{module}:{line}: {shown}")
    assert not wrong, "call sites without a code of mkdocs_glossary_plugin.codes:\n" + "\n".join(
        wrong
    )


def test_the_warn_option_takes_the_first_codes_of_the_table() -> None:
    """``warn`` names findings by their codes: its choices are codes of the table, listed
    first, so the option and the command line's output speak of the same things."""
    assert WarnCodeSpec.CODES == codes.WARN_CODES == ("unused", "undefined", "fallback")
    assert tuple(codes.CODES)[:3] == codes.WARN_CODES


def test_the_code_is_data_not_text() -> None:
    """The plugin logs ``str(problem)``: adding codes changes no log line (nor an error's)."""
    problem = Problem("the term 'API' has no definition", "g.md", 3, code=codes.UNDEFINED)
    assert str(problem) == "g.md:3: the term 'API' has no definition"
    assert problem.code == "undefined"
    error = SourceError("file not found", "g.md", code=codes.UNREADABLE_SOURCE)
    assert str(error) == "g.md: file not found"
    assert error.code == "unreadable-source"


def test_the_command_line_takes_the_code_from_the_problem() -> None:
    """A finding's code and hint come from the problem, whatever its message says: rewording
    a message (here, one that reads like another finding) keeps its code."""
    reworded = Problem("the term 'API' has no definition", "g.md", 2, "info", code=codes.SAME_ID)
    finding = finding_of(reworded)
    assert (finding.code, finding.hint) == ("same-id", codes.CODES["same-id"].hint)
    assert (finding.file, finding.line, finding.level) == ("g.md", 2, "info")
    error = unreadable(SourceError("needs a 'path'", "{}", code=codes.BAD_SOURCE_ENTRY))
    assert (error.code, error.level) == ("bad-source-entry", "error")
    assert error.hint == codes.CODES["bad-source-entry"].hint
