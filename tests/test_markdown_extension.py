"""The extension ``mkdocs_glossary_plugin.markdown`` on plain Python-Markdown, and beside MkDocs.

Promises: given a page URL and an index URL it links a text as the plugin would (relative hrefs,
particles outside the link, ``link: first``) and appends the tooltip payload; its options are
the plugin's, with the plugin's messages; the glossary is read once per process and re-read when
a source changes, also with pages converted on several threads; ``link: first`` holds per page
over the several Markdown instances Zensical may use for one page; a page holding the marker
becomes the index; and under MkDocs, with the plugin configured too, nothing is linked twice.
The tooltip files go into a docs folder with ``autoglossary assets`` and an old copy is found.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import build_log, content_of, glossary_links, html_of

from mkdocs_glossary_plugin import __version__, bundle, options, sources
from mkdocs_glossary_plugin.markdown import (
    EXTENSION_NAME,
    MARKER,
    GlossaryError,
    makeExtension,
    remove_extension,
)

GLOSSARY = """\
- term: ResNet
  definition: A network of [residual blocks](#residual-block). It stacks many layers.
- term: Residual Block
  aliases: [잔차 블록]
  definition: A block whose input is added to its output.
- term: Dropout
  definition: Randomly zeroes activations while training a ResNet.
"""

TEXT = "ResNet은 잔차 블록을 쌓는다. Dropout과 ResNet again.\n\n`Dropout` in code."


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "glossary.yml").write_text(GLOSSARY, "utf-8")
    return tmp_path


def convert(project: Path, text: str = TEXT, **config: Any) -> BeautifulSoup:
    config.setdefault("source", "glossary.yml")
    config.setdefault("root_dir", str(project))
    html = markdown.markdown(text, extensions=["toc", makeExtension(**config)])
    return BeautifulSoup(html, "html.parser")


def our_links(soup: BeautifulSoup) -> list[tuple[str, str, str]]:
    return [(str(a["href"]), a.get_text(), str(a.next_sibling)[:1]) for a in glossary_links(soup)]


def test_a_text_is_linked_from_its_page_url_to_the_index_url(project: Path) -> None:
    soup = convert(project, page_url="guide/deep/", index_url="glossary/")
    assert our_links(soup) == [
        ("../../glossary/#resnet", "ResNet", "은"),
        ("../../glossary/#residual-block", "잔차 블록", "을"),
        ("../../glossary/#dropout", "Dropout", "과"),
    ]  # link: first; nothing in code


def test_the_index_url_defaults_to_index_path(project: Path) -> None:
    soup = convert(project, page_url="a.html", index={"path": "terms/list.md"})
    assert our_links(soup)[0][0] == "terms/list/#resnet"


def test_link_all_and_page_opt_out(project: Path) -> None:
    every = convert(project, page_url="", index_url="glossary/", link="all")
    assert [t for _, t, _ in our_links(every)] == ["ResNet", "잔차 블록", "Dropout", "ResNet"]
    opted = convert(project, page_url="", index_url="glossary/", page_meta={"glossary": False})
    assert our_links(opted) == []


def test_the_payload_follows_the_page(project: Path) -> None:
    soup = convert(project, page_url="guide/deep/", index_url="glossary/")
    spans = {
        str(s["data-glossary-term"]): s
        for s in soup.select(".glossary-payload [data-glossary-term]")
    }
    assert set(spans) == {"resnet", "residual-block", "dropout"}
    summary = BeautifulSoup(str(spans["resnet"]["data-glossary-summary"]), "html.parser")
    assert summary.get_text() == "A network of residual blocks. It stacks many layers."
    # The definition's own link to an entry, made relative to this page (no host rewrites it).
    assert summary.a is not None and summary.a["href"] == "../../glossary/#residual-block"


def test_tooltips_off_means_no_payload(project: Path) -> None:
    soup = convert(project, page_url="", index_url="glossary/", tooltips=False)
    assert soup.select(".glossary-payload") == [] and len(our_links(soup)) == 3


@pytest.mark.parametrize(
    "values",
    [{"link": 3}, {"tooltips": "yes"}, {"index": {"split": "sometimes"}}, {"warn": ["nope"]}],
)
def test_invalid_options_get_the_plugins_message(project: Path, values: dict[str, Any]) -> None:
    with pytest.raises(options.OptionError) as expected:
        options.validate({"source": "glossary.yml", **values})
    (project / "mkdocs.yml").write_text(
        f"site_name: x\nmarkdown_extensions:\n  - {EXTENSION_NAME}:\n      source: glossary.yml\n"
    )
    with pytest.raises(GlossaryError) as raised:
        convert(project, page_url="", **values)
    assert str(raised.value) == f"glossary: mkdocs.yml:3: {expected.value}"


def test_an_unknown_option_is_a_warning(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs_glossary_plugin"):
        soup = convert(project, page_url="", index_url="g/", lnik="all")
    assert len(our_links(soup)) == 3
    assert any(
        m.endswith(": option 'lnik': Unrecognised configuration name: lnik")
        and m.startswith("glossary: ")
        for m in caplog.messages
    )


def test_an_unreadable_source_stops_with_file_and_line(project: Path) -> None:
    (project / "glossary.yml").write_text("- term: A\n  definition: [1\n", "utf-8")
    with pytest.raises(GlossaryError, match=r"^glossary: glossary\.yml:3: YAML syntax error"):
        convert(project, page_url="")


def test_the_glossary_is_read_once_and_again_after_an_edit(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[object] = []
    real = sources.load

    def counting(*args: Any, **kwargs: Any) -> Any:
        reads.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr("mkdocs_glossary_plugin.sources.cache.load", counting)  # the one read
    for page in ("a/", "b/", "c/d/"):
        convert(project, page_url=page, index_url="glossary/")
    assert len(reads) == 1
    source = project / "glossary.yml"
    source.write_text(GLOSSARY + "- term: again\n  definition: Once more.\n", "utf-8")
    later = source.stat().st_mtime + 2
    os.utime(source, (later, later))
    soup = convert(project, page_url="a/", index_url="glossary/")
    assert len(reads) == 2
    assert "again" in [t for _, t, _ in our_links(soup)]


def test_pages_on_several_threads_get_their_own_links(project: Path) -> None:
    pages = [f"p{i}/" + "x/" * (i % 3) for i in range(12)]
    serial = {p: our_links(convert(project, page_url=p, index_url="glossary/")) for p in pages}
    found: dict[str, list[tuple[str, str, str]]] = {}
    barrier = threading.Barrier(len(pages))

    def work(page: str) -> None:
        barrier.wait()
        found[page] = our_links(convert(project, page_url=page, index_url="glossary/"))

    threads = [threading.Thread(target=work, args=(p,)) for p in pages]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert found == serial
    assert len({v[0][0] for v in serial.values()}) == 3  # three depths, three hrefs


def test_a_marker_page_at_the_index_url_becomes_the_index(project: Path) -> None:
    soup = convert(project, f"# Terms\n\n{MARKER}\n", page_url="glossary/", index_url="glossary/")
    assert [h["id"] for h in soup.select("h3")] == ["dropout", "residual-block", "resnet"]
    assert [h.get_text() for h in soup.select("h1")] == ["Terms"]  # its own title only
    # Inside the index, definitions link other terms on the same page.
    dropout = soup.select_one("#dropout + div")
    assert dropout is not None
    assert [str(a["href"]) for a in glossary_links(dropout)] == ["#resnet"]


def test_a_marker_elsewhere_is_reported_and_left(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs_glossary_plugin"):
        soup = convert(project, f"Intro\n\n{MARKER}\n", page_url="other/", index_url="glossary/")
    assert soup.select("h3") == []
    assert any(
        m.startswith("glossary: other/:3: the line '<!-- glossary-index -->' is on a page")
        for m in caplog.messages
    )


def test_link_first_holds_per_page_over_its_markdown_instances(project: Path) -> None:
    try:
        from zensical.extensions.context import ContextExtension, Page
    except ImportError:
        if os.environ.get("CI") == "true" and sys.version_info >= (3, 11):
            pytest.fail("zensical is not installed (the dev extra installs it)")
        pytest.skip("zensical is not installed (pip install -e '.[zensical]', Python >= 3.11)")

    config = {"root_dir": str(project), "docs_dir": "docs", "use_directory_urls": True}
    (project / "docs").mkdir()

    def render(page: Page, text: str) -> list[str]:
        ext = makeExtension(source="glossary.yml", tooltips=False)
        md = markdown.Markdown(extensions=[ContextExtension(page=page, config=config), ext])
        soup = BeautifulSoup(md.convert(text), "html.parser")
        return [str(a["href"]) for a in glossary_links(soup)]

    page = Page(url="sub/page/", path="sub/page.md")
    assert render(page, "Dropout here.") == ["../glossary.md#dropout"]
    # An inner instance for the same page (mkdocstrings, markdown-exec): linked already.
    assert render(page, "Dropout and ResNet.") == ["../glossary.md#resnet"]
    # Another page (or the next rendering of this one) starts afresh.
    assert render(Page(url="", path="index.md"), "Dropout.") == ["glossary.md#dropout"]


def test_without_a_page_nothing_is_linked_and_it_says_why(
    project: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mkdocs_glossary_plugin.markdown._warned_no_page", False)
    with caplog.at_level(logging.WARNING, logger="mkdocs_glossary_plugin"):
        soup = convert(project)
    assert our_links(soup) == []
    assert any("on MkDocs use the plugin 'glossary'" in m for m in caplog.messages)


# -- MkDocs: one mkdocs.yml for both hosts --------------------------------------------------------


def test_remove_extension_takes_every_form() -> None:
    ext = makeExtension(source="x")
    listed: list[Any] = ["toc", EXTENSION_NAME, ext, f"{EXTENSION_NAME}:GlossaryMarkdownExtension"]
    configs: dict[str, Any] = {"toc": {}, EXTENSION_NAME: {"source": "x"}}
    assert remove_extension(listed, configs)
    assert listed == ["toc"] and configs == {"toc": {}}
    assert not remove_extension(listed, configs)


def test_mkdocs_with_plugin_and_extension_links_once(build_site: Any) -> None:
    files = {"./glossary.yml": GLOSSARY, "index.md": TEXT, "sub/page.md": "Dropout and ResNet."}
    plugin = [{"glossary": {"source": "glossary.yml"}}]
    both = build_site(
        files,
        {
            "plugins": plugin,
            "markdown_extensions": [{EXTENSION_NAME: {"source": "glossary.yml"}}],
        },
    )
    alone = build_site(files, {"plugins": plugin})
    for page in ("", "sub/page/"):
        assert str(content_of(html_of(both, page))) == str(content_of(html_of(alone, page)))
    assert content_of(html_of(both, "")).select("a.glossary-term a.glossary-term") == []
    assert any("stands down: the plugin links here" in line for line in build_log(both))


# -- the tooltip files in a docs folder ------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "mkdocs_glossary_plugin.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


def test_assets_command_copies_and_prints_the_config_lines(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    done = _cli("assets", str(docs))
    assert done.returncode == 0, done.stderr
    for name in bundle.ASSET_NAMES:
        copied = (docs / "assets" / "glossary" / name).read_text("utf-8")
        package = (Path(bundle.__file__).parent / "assets" / name).read_text("utf-8")
        assert copied.endswith(package) and copied.startswith("/* mkdocs-autoglossary ")
    assert 'extra_javascript: ["assets/glossary/glossary.js"]' in done.stdout
    assert 'extra_javascript = ["assets/glossary/glossary.js"]' in done.stdout
    assert _cli("assets", "--check", str(docs)).returncode == 0


def test_an_old_or_edited_copy_is_found(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    bundle.copy_assets(str(docs))
    assert bundle.stale_copies(str(docs)) == []
    script = docs / "assets" / "glossary" / "glossary.js"
    script.write_text("/* mkdocs-autoglossary 0.0.1: copied by `autoglossary assets` */\n")
    css = docs / "assets" / "glossary" / "glossary.css"
    css.write_text(css.read_text("utf-8") + "\n.mine {}\n", "utf-8")
    stale = bundle.stale_copies(str(docs))
    assert [(s.path, s.version) for s in stale] == [
        ("assets/glossary/glossary.js", "0.0.1"),
        ("assets/glossary/glossary.css", __version__),
    ]
    assert "comes from mkdocs-autoglossary 0.0.1" in stale[0].reason()
    assert "was changed after it was copied" in stale[1].reason()
    checked = _cli("assets", "--check", str(docs))
    assert checked.returncode == 1 and "glossary.js:1: warning:" in checked.stdout
    assert _cli("assets", str(tmp_path / "missing")).returncode == 2


def test_a_reused_markdown_instance_links_each_conversion_afresh(project: Path) -> None:
    ext = makeExtension(source="glossary.yml", root_dir=str(project), page_url="a/", tooltips=False)
    md = markdown.Markdown(extensions=[ext])
    first = BeautifulSoup(md.convert("Dropout."), "html.parser")
    md.reset()
    second = BeautifulSoup(md.convert("Dropout again."), "html.parser")
    assert len(glossary_links(first)) == len(glossary_links(second)) == 1


def test_extensions_that_fail_outside_a_page_cost_tooltips_and_backlinks_with_a_message(
    project: Path,
) -> None:
    """Summaries and the backlinks scan render with the site's extensions outside any page; one
    that cannot be loaded there leaves them out, said once, and never stops the build."""
    from mkdocs_glossary_plugin.markdown_build import HostSettings, shared_build

    docs = project / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("Dropout.\n", "utf-8")
    opts, _ = options.validate({"source": "glossary.yml"})
    host = HostSettings(str(project), str(docs), extensions=("no_such_markdown_extension",))
    build, _ = shared_build(opts, host)
    linked = '<p><a class="glossary-term" data-glossary-term="dropout" href="#">x</a></p>'
    payload, problems = build.payload(linked, "")
    assert payload == ""
    assert [p.message.split(":")[0] for p in problems] == ["tooltips are left out"]
    assert build.payload(linked, "") == ("", [])  # said once
    index, found = build.finish_index(
        '<div class="glossary-backlinks" data-glossary-backlinks="dropout"></div>', "glossary.md"
    )
    assert index == ""
    assert [p.message.split(":")[0] for p in found] == ["backlinks are left out"]


def test_the_documented_python_example_runs(project: Path) -> None:
    """The plain Python-Markdown example of "Using with Zensical" works as written."""
    page = (Path(__file__).resolve().parents[1] / "docs" / "zensical.md").read_text("utf-8")
    start = page.index("```python\n") + len("```python\n")
    code = page[start : page.index("```", start)].replace("/path/to/project", str(project))
    scope: dict[str, Any] = {}
    exec(code, scope)
    soup = BeautifulSoup(scope["html"], "html.parser")
    assert our_links(soup) == [
        ("../../glossary/#resnet", "ResNet", "은"),
        ("../../glossary/#residual-block", "잔차 블록", "을"),
    ]
