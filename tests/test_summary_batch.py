"""Summaries rendered many to a Markdown conversion (a speed-up) must be exactly the summaries
rendered one by one: the HTML of every batched text, and the summary made from it."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from conftest import MARKDOWN_EXTENSIONS, markdown_options

from mkdocs_glossary_plugin.model import Glossary, Term
from mkdocs_glossary_plugin.sources import load
from mkdocs_glossary_plugin.tooltips import (
    BATCH_SIZE,
    Payloads,
    _summary_job,
    make_renderer,
    summary_html,
)

DEMO = Path(__file__).resolve().parents[1] / "glossary" / "terms.md"

# A rich site's extensions (the demo site's and the benchmark's, and more), among them those whose
# state is per document: toc (heading ids, the [TOC] marker), tabbed (tab ids), highlight line
# anchors, footnotes, abbr.
EXTENSIONS, CONFIGS = markdown_options(MARKDOWN_EXTENSIONS)

# Hand-written definitions, next to each other in every order: what a block can do to the next
# one (lists, definition lists, admonitions, lazy lines), and what depends on the document.
TRICKY = [
    "Plain words here. And a second sentence.",
    "Text with **bold**, *em*, `code`, $x^{2}$, \\(y_{i}\\), ==mark==, ~~del~~ and ^^ins^^.",
    '"Smart" quotes -- and it\'s... (c) 1/2 -->',
    "A [link](x.md), [ref][r], [r] and an <https://example.com> autolink.",
    'A [link](x.md "title"), ![image](a.png), [ref][r] and [r] with no definition.',
    "Uses HTML and a note[^1] here.",
    "[r]: https://example.com",
    "*[HTML]: Hyper Text Markup Language",
    "Term\n: its definition",
    ": a definition of the block before",
    "    indented code",
    "* item a\n* item b",
    "1. one\n\n    still one\n\n2. two",
    "- outer\n    - inner\n\n        deep code",
    "- [x] done\n- [ ] open",
    "!!! note\n    body",
    '???+ tip "Title"\n    hidden body',
    '=== "A"\n    tab a\n=== "B"\n    tab b',
    "> quoted\nlazy line",
    "A | B\n--|--\n1 | 2",
    "# Heading\n\nText under it.",
    "Setext\n------",
    "***",
    "[TOC]",
    "Hard  \nbreak and a trailing backslash \\",
    "Unclosed *emphasis and `code",
    "Key: value\n\nText after.",
    "{: .cls }",
    "Text {: #anchor }",
    "```\nfence with a blank line\n\ninside\n```",
    "$$\nx^2\n\ny$$",
    "한국어 정의이다. 두 번째 문장.",
    "Korean 수렴속도 (convergence) \\\n-> next line",
]


@pytest.fixture(scope="module")
def render() -> Any:
    return make_renderer(EXTENSIONS, CONFIGS)


def _check_batch(render: Any, texts: list[str]) -> int:
    """Assert that every text the batch rendered renders so alone; the number it rendered."""
    out = render.batch(texts)
    assert len(out) == len(texts)
    batched = sum(render.batch_safe(text) for text in texts) >= 2
    for text, html in zip(texts, out, strict=True):
        if html is not None:
            assert html == render(text), text
        else:  # not safe, or nothing safe to batch it with
            assert not (batched and render.batch_safe(text)), text
    return sum(html is not None for html in out)


def _links(glossary: Glossary) -> str:
    return "".join(
        f'<a class="glossary-term" data-glossary-term="{t.id}">x</a>' for t in glossary.terms
    )


def _summaries_both_ways(glossary: Glossary, render: Any) -> tuple[list[str], list[str], int]:
    """(one by one, batched through ``Payloads``, conversions the batched side made)."""
    alone = [summary_html(term, render) for term in glossary.terms]
    calls = 0

    class Counting:
        lead_safe = render.lead_safe
        batch_safe = render.batch_safe

        def __call__(self, text: str) -> str:
            nonlocal calls
            calls += 1
            return str(render(text))

        def batch(self, texts: list[str]) -> list[str | None]:
            nonlocal calls
            out = render.batch(texts)
            calls += (sum(h is not None for h in out) + BATCH_SIZE - 1) // BATCH_SIZE
            return list(out)

    payloads = Payloads(glossary, Counting(), "Open")
    payloads.marker(_links(glossary))
    batched = [payloads.summary(term) for term in glossary.terms]
    return alone, batched, calls


def test_tricky_pairs_render_alike(render: Any) -> None:
    for a, b in itertools.product(TRICKY, TRICKY):
        _check_batch(render, [a, b])
    assert _check_batch(render, TRICKY) > len(TRICKY) // 2
    assert _check_batch(render, TRICKY[::-1]) > len(TRICKY) // 2


@pytest.mark.parametrize(
    "text",
    [
        "[r]: https://example.com",
        "*[HTML]: Hyper",
        "Note[^1]",
        ": definition",
        "    code",
        "<b>raw</b>",
        '=== "Tab"\n    a',
        "# Heading",
        "Setext\n===",
        "[TOC]",
        "- a\n\n        deep",
        "```\nx\n```",
        "trailing space ",
    ],
)
def test_what_a_batch_could_change_is_rendered_alone(render: Any, text: str) -> None:
    assert not render.batch_safe(text)
    assert render.batch(["Plain.", text, "Plain."])[1] is None


def test_meta_lines_at_the_start_are_rendered_alone() -> None:
    render: Any = make_renderer(["meta"], {})
    assert not render.batch_safe("Title: value\n\nText.")
    assert render.batch_safe("Plain text: no key first.")
    assert make_renderer([], {}).batch_safe("Title: value")  # type: ignore[attr-defined]


def test_a_custom_toc_marker_is_rendered_alone() -> None:
    render: Any = make_renderer(["toc"], {"toc": {"marker": "{{toc}}"}})
    assert not render.batch_safe("See {{toc}} here.")
    assert render.batch_safe("See [TOC] here.")


def test_unknown_extensions_turn_batches_off() -> None:
    from markdown.extensions import Extension

    class Custom(Extension):
        def extendMarkdown(self, md: object) -> None:
            pass

    render: Any = make_renderer([*EXTENSIONS, Custom()], CONFIGS)
    assert render.batch(["One.", "Two."]) == [None, None]


def test_a_failing_batch_falls_back_to_each_alone() -> None:
    render: Any = make_renderer(EXTENSIONS, CONFIGS)
    convert = render.md.convert
    calls: list[str] = []

    def failing(text: str) -> str:
        calls.append(text)
        if "Two" in text:
            raise ValueError("boom")
        return str(convert(text))

    render.md.convert = failing
    glossary = Glossary(
        terms=[Term(name, definition=f"{name}.") for name in ("One", "Two", "Three")]
    )
    payloads = Payloads(glossary, render, "Open")
    payloads.marker(_links(glossary))
    assert [payloads.summary(t) for t in glossary.terms] == ["One.", "", "Three."]
    assert len(payloads.problems) == 1 and "'Two'" in payloads.problems[0].message
    assert calls[0].count("glossary-split") == 2  # one batch, then each alone
    assert calls[1:] == ["One.", "Two.", "Three."]


def test_demo_glossary_summaries_are_identical(render: Any) -> None:
    glossary = load([str(DEMO)], str(DEMO.parent))
    texts = [job[1] for t in glossary.terms if (job := _summary_job(t, True)) is not None]
    assert _check_batch(render, texts) >= len(texts) - 5
    alone, batched, calls = _summaries_both_ways(glossary, render)
    assert batched == alone
    assert calls < len(glossary.terms) // 2


def test_seed_glossary_summaries_are_identical(render: Any, seed_path: Path) -> None:
    glossary = load([str(seed_path)], str(seed_path.parent))
    texts = [job[1] for t in glossary.terms if (job := _summary_job(t, True)) is not None]
    _check_batch(render, texts)
    alone, batched, calls = _summaries_both_ways(glossary, render)
    assert batched == alone
    assert calls < len(glossary.terms) // 2


def test_tricky_definitions_summaries_are_identical(render: Any) -> None:
    terms = [Term(f"t{i}", definition=d) for i, d in enumerate(TRICKY)]
    terms += [Term(f"s{i}", summary=d, definition="x") for i, d in enumerate(TRICKY)]
    terms += [Term(f"l{i}", definition=f"{d}\n\nMore after.") for i, d in enumerate(TRICKY)]
    alone, batched, _ = _summaries_both_ways(Glossary(terms=terms), render)
    assert batched == alone


def test_batches_are_at_most_batch_size(render: Any) -> None:
    texts = [f"Text number {i}." for i in range(BATCH_SIZE + 3)]
    sizes: list[int] = []
    original = type(render).__call__

    def spy(self: Any, text: str) -> str:
        sizes.append(text.count("glossary-split") + 1)
        return str(original(self, text))

    type(render).__call__ = spy
    try:
        out = render.batch(texts)
    finally:
        type(render).__call__ = original
    assert sizes == [BATCH_SIZE, 3]
    assert out == [f"<p>Text number {i}.</p>" for i in range(BATCH_SIZE + 3)]
