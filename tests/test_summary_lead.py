"""Tooltip summaries rendered from the definition's lead paragraph alone (a speed-up) must be
exactly the summaries rendered from the whole definition."""

from __future__ import annotations

import itertools

import pytest
from conftest import MARKDOWN_EXTENSIONS, markdown_options
from markdown.extensions import Extension

from mkdocs_glossary_plugin.model import Term
from mkdocs_glossary_plugin.tooltips import _lead_markdown, make_renderer, summary_html

# A rich site's extensions: the shortcut must be taken with them, and give the same summaries.
EXTENSIONS, CONFIGS = markdown_options(MARKDOWN_EXTENSIONS)

# Blocks that a later block can change (references, footnotes, abbreviations, definition lists,
# fences and math spanning blank lines, indented continuations) next to plain paragraphs.
PIECES = [
    "Plain words here. And a second sentence.",
    "Text with **bold**, *em*, `code` and $x^2$.",
    "A [link](x.md) and [ref][r] and [r].",
    "Uses HTML and a note[^1] here.",
    "[r]: https://example.com",
    "*[HTML]: Hyper Text Markup Language",
    "[^1]: The note.",
    ": a definition of the paragraph before",
    "    indented continuation or code",
    "```\nfence with a blank line\n\ninside\n```",
    "$$\nx^2\n\ny$$",
    "* item a\n* item b",
    "!!! note\n    body",
    "![image](a.png)",
    "{: .cls }",
    "<div>\n\nraw\n\n</div>",
    "# Heading",
]


def both(definition: str) -> tuple[str, str]:
    fast = make_renderer(EXTENSIONS, CONFIGS)
    slow = make_renderer(EXTENSIONS, CONFIGS)
    slow.lead_safe = False  # type: ignore[attr-defined]
    term = Term("x", definition=definition)
    return summary_html(term, fast), summary_html(term, slow)


def test_the_shortcut_is_on_for_known_extensions_and_taken() -> None:
    assert make_renderer(EXTENSIONS, CONFIGS).lead_safe  # type: ignore[attr-defined]
    assert _lead_markdown("A paragraph.\n\n* a list") == "A paragraph."
    fast, slow = both("A paragraph.\n\n* a list")
    assert fast == slow == "A paragraph."


@pytest.mark.parametrize(
    "definition",
    [f"{a}\n\n{b}" for a, b in itertools.product(PIECES[:4], PIECES)]
    + [
        f"{a}\n\n{b}\n\n{c}"
        for a, c in itertools.product(PIECES[:4], PIECES[4:9])
        for b in PIECES[:2]
    ],
)
def test_lead_paragraph_summary_equals_whole_definition_summary(definition: str) -> None:
    fast, slow = both(definition)
    assert fast == slow


def test_references_anywhere_turn_the_shortcut_off() -> None:
    assert _lead_markdown("See [r].\n\nMore.\n\n[r]: https://example.com") is None
    assert _lead_markdown("Uses HTML.\n\nMore.\n\n*[HTML]: Hyper Text") is None
    assert _lead_markdown("Term\n\n: its definition") is None


def test_an_unknown_extension_turns_the_shortcut_off() -> None:
    class Custom(Extension):
        def extendMarkdown(self, md: object) -> None:
            pass

    assert not make_renderer([*EXTENSIONS, Custom()], CONFIGS).lead_safe  # type: ignore[attr-defined]
