"""The build session works without MkDocs: a plain Python-Markdown host links, fills tooltips and
renders the index page with it.

Why it matters: the session is the core another host adapter (Zensical, or any script that
renders Markdown) is built on. Each scenario runs in a fresh Python process that imports only
the session, the options and ``markdown``, then checks that no ``mkdocs`` module was imported at
all (not even indirectly), and prints what it rendered for the assertions here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

GLOSSARY = """\
- term: ResNet
  definition: A network of [residual blocks](#residual-block) by He et al. It stacks many layers.
- term: Residual Block
  aliases: [잔차 블록]
  definition: A block whose input is added to its output, as in ResNet.
- term: Batch Norm
  definition: Normalizes activations over a batch; often used with Dropout.
  summary: Normalizes activations; see [the usage page](docs/usage.md).
- term: Dropout
"""

#: A plain Python-Markdown host, in the order MkDocs calls its hooks: every page is converted
#: first (the content page, then the generated index page), then the index is finished
#: (backlinks, tooltip leads), then each page's tooltip marker is filled.
HOST = textwrap.dedent(
    """
    import json, re, sys
    import markdown
    from mkdocs_glossary_plugin import options
    from mkdocs_glossary_plugin.session import Session, Site
    from mkdocs_glossary_plugin.urls import page_url

    root, docs = sys.argv[1], sys.argv[2]
    opts, warnings = options.validate(json.loads(sys.argv[3]))
    extensions = []
    session = Session()
    session.start(opts, Site(root, docs, markdown=lambda: (extensions, {})))
    started = [str(p) for p in session.take_problems()]
    ops = session.plan_files(lambda src: False)
    generated = {op.src: op.content for op in ops if op.action == "add" and op.content}
    pages = ["index.md", *generated]
    session.use_pages(pages, lambda src: page_url(src, True))
    md = markdown.Markdown(extensions=[*extensions, *session.extensions])

    def render(src, text):
        session.index_page(src)
        session.set_page(src, page_url(src, True), {})
        md.reset()
        html = md.convert(text)
        return html + session.marker(html)

    home = render("index.md", "ResNet은 잔차 블록을 쌓는다. Residual Blocks again. Batch Norm too.")
    index = {}
    for src, content in generated.items():
        body = re.sub(r"\\A---\\n.*?\\n---\\n", "", content, flags=re.S)  # front matter
        index[src] = render(src, body)
    titles = {"index.md": "Home"}
    finished = session.finish_index(
        {src: (html, page_url(src, True)) for src, html in index.items()},
        pages,
        lambda src: (titles.get(src), page_url(src, True)) if src in pages else None,
    )
    out = {
        "started": started,
        "home": session.fill(home, ""),
        "index": {src: session.fill(html, page_url(src, True)) for src, html in finished.items()},
    }
    summary = session.summary()
    out["summary"] = [summary.terms, summary.links, summary.pages]
    out["problems"] = [str(p) for p in session.take_problems()]
    out["mkdocs"] = sorted(m for m in sys.modules if m == "mkdocs" or m.startswith("mkdocs."))
    print(json.dumps(out))
    """
)


def _host(tmp_path: Path, opts: dict[str, Any]) -> dict[str, Any]:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "glossary.yml").write_text(GLOSSARY, "utf-8")
    (tmp_path / "docs" / "usage.md").write_text("# Usage\n", "utf-8")
    cmd = [sys.executable, "-c", HOST, str(tmp_path), str(tmp_path / "docs"), json.dumps(opts)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _host(tmp_path_factory.mktemp("plain"), {"source": "glossary.yml"})


def test_no_mkdocs_module_is_imported(plain: dict[str, Any]) -> None:
    assert plain["mkdocs"] == []


def test_a_page_is_linked(plain: dict[str, Any]) -> None:
    soup = BeautifulSoup(plain["home"], "html.parser")
    links = [(a["href"], a["data-glossary-term"], a.get_text()) for a in soup.select("p a")]
    assert links == [
        ("glossary/#resnet", "resnet", "ResNet"),
        ("glossary/#residual-block", "residual-block", "잔차 블록"),
        ("glossary/#batch-norm", "batch-norm", "Batch Norm"),
    ]  # ``link: first``: the plural after the alias is the same term, not linked again


def test_the_page_carries_its_tooltip_payload(plain: dict[str, Any]) -> None:
    soup = BeautifulSoup(plain["home"], "html.parser")
    spans = {
        str(s["data-glossary-term"]): BeautifulSoup(str(s["data-glossary-summary"]), "html.parser")
        for s in soup.select(".glossary-payload [data-glossary-term]")
    }
    assert set(spans) == {"resnet", "residual-block", "batch-norm"}
    assert spans["residual-block"].get_text() == (
        "A block whose input is added to its output, as in ResNet."
    )
    # The summary's relative link, written in the source, points at the entry from this page.
    (a,) = spans["resnet"].select("a")
    assert a["href"] == "glossary/#residual-block"
    assert spans["resnet"].get_text().startswith("A network of residual blocks by He et al.")
    # A link to a file, written relative to the source file, becomes the file's URL in the site
    # (the host's ``url_of``), relative to this page.
    (a,) = spans["batch-norm"].select("a")
    assert a["href"] == "usage/"


def test_the_index_page_is_rendered(plain: dict[str, Any]) -> None:
    (src,) = plain["index"]
    assert src == "glossary.md"
    soup = BeautifulSoup(plain["index"][src], "html.parser")
    assert [h.get("id") for h in soup.select("h3")] == [
        "batch-norm",
        "dropout",
        "residual-block",
        "resnet",
    ]
    # The blocks the tooltips' summaries were cut from keep no mark.
    assert "data-glossary-lead" not in plain["index"][src]
    # Backlinks, in the host's page order, titled as the host says, relative to the index page.
    entry = soup.find("h3", id="resnet")
    assert entry is not None
    backlinks = entry.find_next(class_="glossary-backlinks")
    assert backlinks is not None
    assert [(a.get_text(), a["href"]) for a in backlinks.select("a")] == [("Home", "../")]
    # A definition links the other terms, and the index page carries their tooltips too.
    block = soup.find("h3", id="residual-block")
    assert block is not None
    link = block.find_next("a", class_="glossary-term")
    assert link is not None and link["href"] == "#resnet"
    assert soup.select(".glossary-payload [data-glossary-term=resnet]")


def test_the_summary_and_problems_are_data(plain: dict[str, Any]) -> None:
    assert plain["started"] == ["4 terms loaded from glossary.yml"]
    # The index page's links count as links made, not as mentions: Dropout, linked only from
    # another definition on the index page, is never mentioned.
    assert plain["summary"] == [4, 5, 2]
    assert plain["problems"] == [
        "4 terms loaded, 5 links made on 2 pages, 1 terms never mentioned (Dropout), "
        "1 terms without a definition (Dropout)"
    ]


def test_options_reach_the_session(tmp_path: Path) -> None:
    """``warn`` findings become warnings of the summary; ``link: all`` links every mention."""
    got = _host(
        tmp_path, {"source": "glossary.yml", "warn": ["unused"], "link": "all", "tooltips": False}
    )
    soup = BeautifulSoup(got["home"], "html.parser")
    assert len(soup.select("p a.glossary-term")) == 4
    assert not soup.select(".glossary-payload")
    assert got["problems"][0] == (
        "glossary.yml:9: the term 'Dropout' is never mentioned on any page (the index page does "
        "not count); mention it on a page, remove it from the glossary, or remove 'unused' from "
        "the plugin's 'warn' option"
    )
