"""The command line takes its settings from ``mkdocs.yml``, in real subprocesses.

Promises: ``autoglossary check`` / ``list`` / ``usage`` with no SOURCE read the project's
``mkdocs.yml`` (or ``--config FILE``): the glossary plugin's ``source`` (a path, a list,
``{path, format}``, a language mapping), ``exclude``, ``warn`` and MkDocs' ``docs_dir``, resolved
against the file's folder as the plugin resolves them, or the same options of the Markdown
extension ``mkdocs_glossary_plugin.markdown`` (its ``root_dir`` included). ``!ENV`` is read as
MkDocs reads it, ``INHERIT`` is followed, ``!!python/name`` tags are read without running
anything. Command-line arguments win over the file. A missing file, a file without the
glossary, a bad option: one clear line and exit 2, never a traceback. Each project is written
and built by the conftest helper with real MkDocs first, so every ``mkdocs.yml`` here is one
MkDocs itself accepts.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import build, content_of, glossary_links, html_of

ROOT = Path(__file__).resolve().parent.parent

GLOSSARY = """\
- term: ResNet
  definition: A residual network.
- term: Dropout
"""
"""ResNet is defined; Dropout has none (``warn: [undefined]`` makes it a warning)."""

OTHER = """\
- term: Batch Norm
  definition: Normalises a batch.
"""

PAGES = {"index.md": "ResNet and Dropout.\n", "drafts/x.md": "Batch Norm, ResNet.\n"}


def cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m mkdocs_glossary_plugin.cli ARGS`` in a fresh process, as a user runs it."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_glossary_plugin.cli", *args],
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def listed(result: subprocess.CompletedProcess[str]) -> list[tuple[Any, ...]]:
    """``(language or None, name, file)`` of each term of ``list --format json``."""
    assert result.returncode == 0, result.stderr
    return [(t.get("language"), t["name"], t["file"]) for t in json.loads(result.stdout)["terms"]]


def codes_of(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str, str]]:
    """``(file, level, code)`` of each finding of ``check --format json``."""
    out = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return [(f["file"], f["level"], f["code"]) for f in out]


def project(tmp_path: Path, config: str, files: dict[str, str] | None = None) -> Path:
    """A project written and built by real MkDocs (so MkDocs accepts this ``mkdocs.yml``)."""
    root = tmp_path / "project"
    build(root, {**PAGES, "./glossary/terms.yml": GLOSSARY, **(files or {})}, config)
    return root


PLUGIN = """\
site_name: Test
theme: material
plugins:
  - search
  - glossary:
      source: glossary/terms.yml
      warn: [undefined]
      exclude: [drafts/]
"""


def test_check_without_source_reads_the_plugin_of_mkdocs_yml(tmp_path: Path) -> None:
    """No SOURCE: the file's ``source`` and ``warn`` apply (Dropout has no definition, a
    warning because the file's ``warn`` lists ``undefined``; ``--strict`` fails on it)."""
    root = project(tmp_path, PLUGIN)
    result = cli("check", "--format", "json", cwd=root)
    assert result.returncode == 0, result.stderr
    assert ("glossary/terms.yml", "warning", "undefined") in codes_of(result)
    assert cli("check", "--strict", cwd=root).returncode == 1


def test_config_from_another_folder_resolves_against_the_files_folder(tmp_path: Path) -> None:
    """``--config ../mkdocs.yml`` from a subfolder: sources are relative to the file's folder,
    as the plugin reads them, and findings name them from where the command ran."""
    root = project(tmp_path, PLUGIN)
    result = cli("check", "--config", "../mkdocs.yml", "--format", "json", cwd=root / "docs")
    assert result.returncode == 0, result.stderr
    assert ("../glossary/terms.yml", "warning", "undefined") in codes_of(result)


def test_usage_reads_docs_dir_and_exclude_from_the_file(tmp_path: Path) -> None:
    """``usage`` with no argument reads the pages of ``docs_dir`` (here ``content``), leaves the
    file's ``exclude`` out, and counts what a real build links."""
    config = PLUGIN.replace("site_name: Test", "site_name: Test\ndocs_dir: content")
    root = tmp_path / "project"
    files = {f"./content/{k}": v for k, v in PAGES.items()}
    site = build(root, {**files, "./glossary/terms.yml": GLOSSARY}, config)
    result = cli("usage", "--format", "json", cwd=root)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    mentions = {t["name"]: t["mentions"] for t in report["terms"]}
    links = [a.get_text() for a in glossary_links(content_of(html_of(site, "")))]
    assert mentions == {"ResNet": links.count("ResNet"), "Dropout": links.count("Dropout")}
    assert mentions == {"ResNet": 1, "Dropout": 1}  # not the ResNet of the excluded drafts/


def test_env_tag_is_read_as_mkdocs_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``source: !ENV [GLOSSARY_FILE, default]``: the variable when set, else the default."""
    config = PLUGIN.replace(
        "source: glossary/terms.yml", "source: !ENV [GLOSSARY_FILE, glossary/terms.yml]"
    )
    monkeypatch.setenv("GLOSSARY_FILE", "glossary/other.yml")
    root = project(tmp_path, config, {"./glossary/other.yml": OTHER})
    with_env = cli("list", "--format", "json", cwd=root)
    assert listed(with_env) == [(None, "Batch Norm", "glossary/other.yml")]
    monkeypatch.delenv("GLOSSARY_FILE")
    names = [name for _, name, _ in listed(cli("list", "--format", "json", cwd=root))]
    assert names == ["Dropout", "ResNet"]


def test_inherit_is_followed_relative_to_the_file(tmp_path: Path) -> None:
    """``INHERIT: config/base.yml`` holding the plugin: followed (relative to the file naming
    it), merged as MkDocs merges, and the sources stay relative to the main file's folder."""
    base = PLUGIN.replace("site_name: Test\n", "")
    root = project(
        tmp_path,
        "INHERIT: config/base.yml\nsite_name: Test\n",
        {"./config/base.yml": base},
    )
    site = root / "site"
    assert glossary_links(content_of(html_of(site, "")))  # MkDocs read the inherited plugin
    names = [name for _, name, _ in listed(cli("list", "--format", "json", cwd=root))]
    assert names == ["Dropout", "ResNet"]


def test_python_name_tags_are_read_without_running_them(tmp_path: Path) -> None:
    """A Material ``mkdocs.yml`` with ``!!python/name:`` tags (emoji) is read: the command runs,
    the tag is not imported, and the Markdown extension is still used."""
    config = PLUGIN + (
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
    )
    root = project(tmp_path, config)
    result = cli("usage", "--format", "json", cwd=root)
    assert result.returncode == 0, result.stderr
    assert {t["name"]: t["mentions"] for t in json.loads(result.stdout)["terms"]}["ResNet"] == 1


def test_plugins_written_as_a_mapping(tmp_path: Path) -> None:
    """``plugins:`` as one mapping (``{search: {}, glossary: {...}}``), which MkDocs accepts
    like the list form, is read the same way."""
    config = (
        "site_name: Test\nplugins:\n  search: {}\n  glossary:\n    source: [glossary/terms.yml]\n"
    )
    root = project(tmp_path, config)
    names = [name for _, name, _ in listed(cli("list", "--format", "json", cwd=root))]
    assert names == ["Dropout", "ResNet"]


MULTILINGUAL = """\
site_name: Test
theme: material
plugins:
  - glossary:
      source:
        en: glossary/en.yml
        ko: [{path: glossary/ko.yml, format: data}]
"""


def test_a_language_mapping_is_one_glossary_per_language(tmp_path: Path) -> None:
    """``source: {en: ..., ko: [...]}``: each language is its own glossary, so a term in both
    is not "defined twice"; ``list`` names each term's language."""
    files = {
        "./glossary/en.yml": "- term: ResNet\n  definition: A residual network.\n",
        "./glossary/ko.yml": "- term: ResNet\n  definition: 잔차 신경망.\n"
        "- term: 드롭아웃\n  definition: 드롭.\n",
    }
    root = project(tmp_path, MULTILINGUAL, files)
    check = cli("check", "--strict", cwd=root)
    assert check.returncode == 0, check.stdout + check.stderr
    assert listed(cli("list", "--format", "json", cwd=root)) == [
        ("en", "ResNet", "glossary/en.yml"),
        ("ko", "ResNet", "glossary/ko.yml"),
        ("ko", "드롭아웃", "glossary/ko.yml"),
    ]


def test_the_markdown_extension_form_with_its_root_dir(tmp_path: Path) -> None:
    """The Zensical form ``mkdocs_glossary_plugin.markdown`` under ``markdown_extensions``: the
    same option names, sources relative to its ``root_dir`` (itself relative to the file's
    folder); an unknown option is the plugin's warning, placed in the file."""
    config = (
        "site_name: Test\n"
        "markdown_extensions:\n"
        "  - mkdocs_glossary_plugin.markdown:\n"
        "      root_dir: glossary\n"
        "      source: terms.yml\n"
        "      warn: [undefined]\n"
        "      tooltip: false\n"
    )
    root = project(tmp_path, config)
    result = cli("check", "--format", "json", cwd=root)
    assert result.returncode == 0, result.stderr
    found = codes_of(result)
    assert ("glossary/terms.yml", "warning", "undefined") in found
    assert ("mkdocs.yml", "warning", "unknown-option") in found


def test_command_line_arguments_win_over_the_file(tmp_path: Path) -> None:
    """SOURCE replaces the file's ``source`` (relative to the current folder), ``--warn`` its
    ``warn``, ``--docs`` its ``docs_dir``, ``--exclude`` its ``exclude``."""
    root = project(tmp_path, PLUGIN, {"./glossary/other.yml": OTHER, "./more/p.md": "ResNet.\n"})
    args = ("--config", "mkdocs.yml", "--format", "json")
    other = cli("list", "glossary/other.yml", *args, cwd=root)
    assert listed(other) == [(None, "Batch Norm", "glossary/other.yml")]
    assert cli("check", "--strict", "--warn", "unused", "--docs", "more", cwd=root).returncode == 1
    # the file's warn (undefined) is replaced: Dropout's missing definition is no warning
    only_unused = codes_of(cli("check", "--warn", "unused", "--docs", "more", *args, cwd=root))
    assert ("glossary/terms.yml", "warning", "undefined") not in only_unused
    assert ("glossary/terms.yml", "warning", "unused") in only_unused  # Dropout: not in more/
    every = json.loads(cli("usage", "--exclude", "nothing/", "--format", "json", cwd=root).stdout)
    assert every["terms"][1]["mentions"] == 2  # ResNet: --exclude replaced the file's drafts/
    from_more = json.loads(cli("usage", "--docs", "more", "--format", "json", cwd=root).stdout)
    assert from_more["pages"] == 1


@pytest.mark.parametrize(
    ("config", "args", "says"),
    [
        (None, ["check"], "no SOURCE given and no mkdocs.yml in"),
        (None, ["list", "--config", "site.yml"], "site.yml: cannot be read: no such file"),
        ("site_name: T\nplugins: [search]\n", ["check"], "mkdocs.yml: the glossary plugin is not"),
        (
            "site_name: T\nplugins:\n  - glossary:\n      source: 3\n",
            ["usage"],
            "mkdocs.yml: plugin 'glossary' option 'source': expected a path or a mapping",
        ),
        (
            "site_name: T\nplugins:\n  - glossary:\n      source: !relative $config_dir/g.yml\n",
            ["check"],
            "mkdocs.yml: the options of plugin 'glossary' hold the YAML tag !relative",
        ),
        ("INHERIT: base.yml\nsite_name: T\n", ["check"], "the inherited file 'base.yml' does not"),
        ("INHERIT: mkdocs.yml\nsite_name: T\n", ["check"], "inherits in a circle"),
        ("site_name: T\n  bad: x\n", ["check"], "mkdocs.yml:2: not valid YAML"),
    ],
)
def test_config_errors_are_one_line_and_exit_2(
    tmp_path: Path, config: str | None, args: list[str], says: str
) -> None:
    if config is not None:
        (tmp_path / "mkdocs.yml").write_text(config, "utf-8")
    result = cli(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert says in result.stderr
    assert result.stderr.startswith("autoglossary: error: ")


def test_a_bad_option_reads_as_mkdocs_says_it(tmp_path: Path) -> None:
    """The option's message is the plugin's own: the text MkDocs prints after
    ``Plugin 'glossary' option 'source':`` is the text after ``option 'source':`` here."""
    config = "site_name: T\nplugins:\n  - glossary:\n      source: [{path: g.yml, format: csv}]\n"
    (tmp_path / "mkdocs.yml").write_text(config, "utf-8")
    (tmp_path / "docs").mkdir()
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    ours = cli("check", cwd=tmp_path).stderr.split("option 'source': ", 1)[1].strip()
    assert ours in built.stdout + built.stderr


def test_the_pre_commit_hook_runs_with_no_arguments(tmp_path: Path) -> None:
    """The hook of ``.pre-commit-hooks.yaml`` (run by pre-commit with no file names) checks the
    project's glossary from ``mkdocs.yml``: exit 1 on the file's warnings (``--strict``)."""
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["pass_filenames"] is False
    command, *args = shlex.split(hook["entry"])
    assert command == "autoglossary"
    root = project(tmp_path, PLUGIN)
    assert cli(*args, cwd=root).returncode == 1  # Dropout has no definition, warn: [undefined]
    clean = PLUGIN.replace("warn: [undefined]", "warn: []")
    (root / "mkdocs.yml").write_text(clean, "utf-8")
    assert cli(*args, cwd=root).returncode == 0
