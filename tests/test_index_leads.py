"""Tooltip summaries cut from the index page's own rendering of the definitions.

The index page marks, in each definition, the block a summary is made from; ``extract_leads``
reads those blocks from the rendered page and removes the marks. These tests check that the block
is the one ``tooltips.lead_block`` picks when the definition is rendered alone, and that the page
keeps every other byte.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import markdown
import pytest

from mkdocs_glossary_plugin.extension import GlossaryExtension, LinkerState, PageContext
from mkdocs_glossary_plugin.i18n import strings_for
from mkdocs_glossary_plugin.index import (
    LEAD_ATTR,
    IndexExtension,
    IndexRenderState,
    build_pages,
    extract_leads,
    make_layout,
)
from mkdocs_glossary_plugin.matching import Matcher
from mkdocs_glossary_plugin.model import Glossary, Term
from mkdocs_glossary_plugin.sources import load
from mkdocs_glossary_plugin.tooltips import lead_block
from mkdocs_glossary_plugin.tooltips.sanitise import parse, serialize

EXTENSIONS: list[Any] = [
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "pymdownx.superfences",
    "pymdownx.details",
    "pymdownx.arithmatex",
    "pymdownx.tabbed",
]
CONFIGS: dict[str, Any] = {
    "pymdownx.arithmatex": {"generic": True},
    "pymdownx.tabbed": {"alternate_style": True},
}

# (name, definition): each opens differently; the comment says which block is the lead.
DEFINITIONS = [
    # a plain first paragraph, more blocks after it
    ("Residual Block", "A block with a **skip** connection.\n\nA second paragraph."),
    # an image-only paragraph first: skipped
    ("Vision Transformer", "![diagram](vit.png)\n\nSplits an image into `16x16` patches."),
    # a list first: its first item
    ("Adam", "- adaptive moments\n- bias correction\n\nThen text."),
    # nested list in the first item: the whole item, nested list included
    ("Dropout", "1. zero some units\n    - at random\n2. rescale"),
    # an admonition only: its paragraph, never its title
    ("Epoch", '!!! note "Careful"\n    One pass over the training data.'),
    # math and raw inline HTML in the lead
    ("Softmax", r"Maps $x_i$ to $e^{x_i}/\sum_j e^{x_j}$, <b>normalised</b>." "\n\nMore."),
    # Korean, with a term of the glossary inside (linked on the index, unwrapped in the lead)
    ("잔차 연결", "Residual Block을 만드는 연결이다.\n\n두 번째 문단."),
    # a fenced code block first, then text
    ("Tensor", "```python\nx = torch.zeros(2)\n```\n\nAn n-dimensional array."),
    # a definition list with a loose item: the first paragraph at any depth
    ("Batch", "Size\n\n:   How many samples are processed together."),
    # a tight definition list holds no paragraph: no summary, alone or on the index
    ("Stride", "Step\n:   How far the kernel moves."),
]


def _glossary() -> Glossary:
    return Glossary(terms=[Term(name=name, definition=text) for name, text in DEFINITIONS])


def _render_index(glossary: Glossary, *, leads: bool = True) -> str:
    layout = make_layout(glossary, "glossary.md", "never", True)
    (page,) = build_pages(
        glossary,
        layout,
        title="Glossary",
        strings=strings_for("en"),
        backlinks=False,
        hangul=False,
        leads=leads,
    )
    state = IndexRenderState(current=page.plan)
    linker = LinkerState(Matcher(glossary.terms), glossary, lambda t: f"glossary/#{t.id}")
    linker.page = PageContext(src_uri="glossary.md", url="glossary/")
    md = markdown.Markdown(
        extensions=[*EXTENSIONS, "toc", IndexExtension(state), GlossaryExtension(linker)],
        extension_configs=CONFIGS,
    )
    body = page.markdown.split("\n---\n", 1)[1]
    return md.convert(body)


def _alone(definition: str) -> str | None:
    """The inner HTML of the summary block of the definition rendered on its own."""
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    block = lead_block(md.convert(definition))
    return None if block is None else serialize(block.children).strip()


def test_each_lead_is_the_block_lead_block_picks_alone() -> None:
    glossary = _glossary()
    _, leads = extract_leads(_render_index(glossary))
    for term in glossary:
        alone = _alone(term.definition)
        if alone is None:
            assert term.id not in leads, term.name
            continue
        assert _normal(leads[term.id]) == _normal(alone), term.name
    assert len(leads) == len(DEFINITIONS) - 1  # every definition but the tight list


def _normal(markup: str) -> str:
    """Footnote and heading ids differ between a page and a definition alone: compare the rest,
    in the serialization summaries use."""
    markup = serialize(parse(markup).children)
    markup = re.sub(r'\s(?:id|name)="[^"]*"', "", markup)
    return re.sub(r"\s+", " ", markup).strip()


def test_links_inside_a_lead_are_unwrapped_and_the_page_keeps_them() -> None:
    glossary = _glossary()
    rendered = _render_index(glossary)
    content, leads = extract_leads(rendered)
    korean = glossary.lookup("잔차 연결")
    assert korean is not None
    assert "glossary-term" not in leads[korean.id]
    assert leads[korean.id].startswith("Residual Block을")
    # The page itself still links the mention.
    assert 'href="#residual-block">Residual Block</a>을' in content


def test_extraction_removes_the_marks_and_nothing_else() -> None:
    rendered = _render_index(_glossary())
    assert rendered.count(LEAD_ATTR) == len(DEFINITIONS) - 1
    content, _ = extract_leads(rendered)
    assert LEAD_ATTR not in content
    assert content == re.sub(r" " + LEAD_ATTR + r'="[^"]*"', "", rendered)
    # Without tooltips the page carries no marks at all.
    assert LEAD_ATTR not in _render_index(_glossary(), leads=False)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # a nested list inside the marked item: the item ends at its own </li>
        (
            f'<ul><li {LEAD_ATTR}="a">one<ul><li>inner</li></ul></li><li>two</li></ul>',
            {"a": "one<ul><li>inner</li></ul>"},
        ),
        # other attributes before and after the mark are kept
        (
            f'<p class="x" {LEAD_ATTR}="b" title="t">text</p>',
            {"b": "text"},
        ),
        # an escaped id
        (f'<p {LEAD_ATTR}="a&amp;b">x</p>', {"a&b": "x"}),
        # an unclosed block: no lead (its summary is rendered the usual way), mark removed
        (f'<p {LEAD_ATTR}="c">never closed', {}),
    ],
)
def test_extract_leads_cases(markup: str, expected: dict[str, str]) -> None:
    content, leads = extract_leads(markup)
    assert leads == expected
    assert LEAD_ATTR not in content


def _real(path: Path) -> Glossary:
    return load([str(path)], str(path.parent))


def _check_real(glossary: Glossary) -> int:
    """Every lead cut from the index equals the block the definition alone gives; returns how
    many leads there were."""
    _, leads = extract_leads(_render_index(glossary))
    for term in glossary:
        alone = _alone(term.definition) if term.has_definition else None
        if alone is None:
            assert term.id not in leads, term.name
            continue
        assert _normal(leads[term.id]) == _normal(alone), term.name
    return len(leads)


def test_demo_glossary_leads_match_rendering_alone() -> None:
    demo = Path(__file__).resolve().parent.parent / "glossary" / "terms.md"
    assert _check_real(_real(demo)) >= 25


def test_seed_glossary_leads_match_rendering_alone(seed_path: Path) -> None:
    assert _check_real(_real(seed_path)) >= 25


# -- whole sites: the tooltips are the same as when every summary is rendered on its own ----------

SITE_GLOSSARY = """\
## A
#### * Attention (어텐션)
: Weighs the values by how well each key matches the query; see [Transformer](#transformer)
and the [guide](docs/guide.md), pictured in ![attention](docs/pics/attn.png).

#### * Activation
: ![only an image](docs/pics/attn.png)

Applies a non-linear function, such as [ReLU](https://example.com/relu), to each unit of a layer
after its Transformer block.

## T
#### * Transformer (트랜스포머)
: Stacks Attention layers. It was introduced in 2017 and needs **no recurrence** at all, which
makes training on long sequences far faster than with recurrent networks of the same size.

#### * Tokenizer
: - splits text into tokens
- maps them to ids of the Transformer vocabulary
"""

SITE_PAGES = {
    "index.md": "# Home\n\nAttention, Activation, Transformer and Tokenizer.\n",
    "guide.md": "# Guide\n\nA Transformer needs a Tokenizer.\n",
    "deep/er/page.md": "# Deep\n\nAttention을 쓰는 Transformer, with Activation.\n",
    "pics/attn.png": "png",
}


def _payload_spans(site: Path) -> dict[str, list[tuple[str, str]]]:
    """Page -> [(term id, summary HTML)] of every payload in the built site."""
    from bs4 import BeautifulSoup

    out = {}
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        spans = soup.select(".glossary-payload span[data-glossary-term]")
        out[str(path.relative_to(site))] = [
            (str(s["data-glossary-term"]), str(s["data-glossary-summary"])) for s in spans
        ]
    return out


@pytest.mark.slow
@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("split", ["never", "always"])
def test_site_tooltips_equal_rendering_each_summary_alone(
    build_site: Any, monkeypatch: pytest.MonkeyPatch, directory_urls: bool, split: str
) -> None:
    from mkdocs_glossary_plugin.index import finish as plugin_module  # cuts the leads out

    files = {**SITE_PAGES, "./glossary.md": SITE_GLOSSARY}
    config = {
        "plugins": [{"glossary": {"source": "glossary.md", "index": {"split": split}}}],
        "markdown_extensions": ["attr_list", "admonition"],
    }
    with_leads = build_site(files, config, use_directory_urls=directory_urls)
    calls: list[int] = []

    def no_leads(content: str) -> tuple[str, dict[str, str]]:
        calls.append(1)
        return extract_leads(content)[0], {}

    monkeypatch.setattr(plugin_module, "extract_leads", no_leads)
    rendered = build_site(files, config, use_directory_urls=directory_urls)
    assert calls, "the plugin should have asked for the leads"
    expected = _payload_spans(rendered)
    got = _payload_spans(with_leads)
    assert got == expected
    # Not vacuous: the summaries hold page-relative links and images, on a nested page.
    deep = "deep/er/page/index.html" if directory_urls else "deep/er/page.html"
    summaries = dict(got[deep])
    assert "attn.png" in summaries["attention"] and "href=" in summaries["attention"]
    assert summaries["activation"].startswith("Applies")
    # And no page keeps a mark.
    for path in with_leads.rglob("*.html"):
        assert LEAD_ATTR not in path.read_text("utf-8"), path
