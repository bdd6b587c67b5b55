"""pymdown-extensions: one Material site using them all (issue 6.3).

The page puts glossary terms in prose inside every kind of block (tabs, details, critic marks,
task lists, footnotes, ``md_in_html``, a snippet...) and in every place where nothing may be
linked (code, a mermaid fence, inline hilite, math, keys, tab labels, details summaries, magic
links). It is built once with the plugin and once without (the control): the page text must be
identical, and the links must sit exactly where the prose is. ``link: all`` so every mention in
prose must be linked, not only the first one.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bs4 import Tag
from conftest import Builder, html_of

pytestmark = pytest.mark.slow

GLOSSARY = """\
- term: Residual Block
  definition: A block whose input is added to its output.
- term: Stochastic Gradient Descent
  aliases: [SGD]
  definition: An optimiser.
- term: Dropout
  definition: Randomly zeroes activations.
"""

CONFIG = """\
site_name: pymdownx
theme:
  name: material
  features: [content.tabs.link]
plugins:
  - search
{glossary}
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.betterem
  - pymdownx.caret
  - pymdownx.critic
  - pymdownx.details
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.highlight:
      anchor_linenums: true
  - pymdownx.inlinehilite
  - pymdownx.keys
  - pymdownx.magiclink
  - pymdownx.mark
  - pymdownx.smartsymbols
  - pymdownx.snippets:
      base_path: [snippets]
      check_paths: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.tasklist:
      custom_checkbox: true
  - pymdownx.tilde
"""

PAGE = """\
# Extensions

Plain prose: a Residual Block.

=== "Residual Block"

    Inside a tab: SGD with Dropout.

=== "SGD"

    Second tab: a Residual Block.

??? note "Dropout in a summary"

    Inside details: Dropout helps.

!!! tip "SGD in an admonition title"

    Admonition body: SGD.

```python
# code: a Residual Block, SGD, Dropout
sgd = SGD(lr=0.1)
```

```mermaid
graph LR
  A[Residual Block] --> B[SGD]
```

Inline hilite `#!python Dropout(p=0.5)` and plain `SGD` code.

Math $f(\\text{SGD}) = x$ and:

$$
\\text{Residual Block}(x) = F(x) + x
$$

Keys: ++ctrl+alt+"SGD"++.

Critic: {++Dropout added++} {--SGD removed--} {==Residual Block marked==}.

- [x] SGD done
- [ ] Dropout to do

==Residual Block== mark, ^^SGD^^ insert, ~~Dropout~~ delete, H~2~O, x^2^.

A footnote[^1] here :smile: emoji next to SGD.

[^1]: The footnote says Dropout.

Magic link: https://example.com/Residual-Block/SGD and www.example.com/Dropout.

<div class="card" markdown>
HTML block with Markdown: a Residual Block.
</div>

<div class="no-glossary" markdown>
Opted out: SGD and Dropout stay plain.
</div>

--8<-- "included.md"
"""

SNIPPET = "Included by snippets: Dropout and SGD.\n"


def _build(site_builder: Builder, with_plugin: bool) -> Tag:
    """The page's article; the ``mkdocs.yml`` is YAML text: its custom fence needs a
    ``!!python/name`` tag."""
    files = {"./snippets/included.md": SNIPPET, "./glossary.yml": GLOSSARY, "index.md": PAGE}
    glossary = "  - glossary:\n      source: glossary.yml\n      link: all" if with_plugin else ""
    site = site_builder(files, CONFIG.format(glossary=glossary), strict=True)
    article = html_of(site, "").select_one("article.md-content__inner")
    assert article is not None
    return article


@pytest.fixture(scope="module")
def pages(site_builder: Builder) -> Iterator[tuple[Tag, Tag]]:
    yield _build(site_builder, True), _build(site_builder, False)


def _terms(root: Tag) -> list[str]:
    return [a.get_text() for a in root.select("a.glossary-term")]


def _one(root: Tag, selector: str) -> Tag:
    found = root.select(selector)
    assert len(found) == 1, f"{selector}: {len(found)} elements"
    return found[0]


def test_text_identical_to_control_build(pages: tuple[Tag, Tag]) -> None:
    """Nothing breaks: after our links, the page reads exactly as without the plugin."""
    article, control = pages
    assert article.get_text() == control.get_text()
    # Every element of the control is still there, in the same order, plus only our links and
    # the tooltip payload (hidden, attributes only).
    for payload in article.select(".glossary-payload"):
        assert payload.has_attr("hidden") and payload.get_text() == ""
        payload.decompose()
    ours = [t.name for t in article.find_all(True) if "glossary-term" not in t.get("class", [])]
    assert ours == [t.name for t in control.find_all(True)]


def test_prose_in_blocks_is_linked(pages: tuple[Tag, Tag]) -> None:
    article, _ = pages
    first_p = article.find("p")
    assert first_p is not None and _terms(first_p) == ["Residual Block"]
    blocks = article.select(".tabbed-block")
    assert [_terms(b) for b in blocks] == [["SGD", "Dropout"], ["Residual Block"]]
    assert _terms(_one(article, "details > p")) == ["Dropout"]
    assert _terms(_one(article, ".admonition.tip > p:not(.admonition-title)")) == ["SGD"]
    assert _terms(_one(article, "ins.critic")) == ["Dropout"]
    assert _terms(_one(article, "del.critic")) == ["SGD"]
    assert _terms(_one(article, "mark.critic")) == ["Residual Block"]
    assert [_terms(li) for li in article.select("li.task-list-item")] == [["SGD"], ["Dropout"]]
    assert _terms(_one(article, "mark:not(.critic)")) == ["Residual Block"]
    assert _terms(_one(article, "ins:not(.critic)")) == ["SGD"]
    assert _terms(_one(article, "del:not(.critic)")) == ["Dropout"]
    footnote = _one(article, ".footnote li")
    assert _terms(footnote) == ["Dropout"]
    emoji_p = _one(article, "p:has(> .twemoji)")
    assert _terms(emoji_p) == ["SGD"]
    assert _terms(_one(article, "div.card")) == ["Residual Block"]
    snippet_p = [p for p in article.find_all("p") if "Included by snippets" in p.get_text()]
    assert len(snippet_p) == 1 and _terms(snippet_p[0]) == ["Dropout", "SGD"]


def test_nothing_linked_where_it_must_not_be(pages: tuple[Tag, Tag]) -> None:
    article, _ = pages
    forbidden = [
        "pre",  # fenced code and the mermaid fence
        "code",  # inline code and inline hilite
        ".arithmatex",  # inline and block math
        "kbd",
        ".keys",
        ".tabbed-labels",
        "label",
        "summary",
        ".admonition-title",
        ".no-glossary",
        "h1",
    ]
    for selector in forbidden:
        elems = article.select(selector)
        assert elems, f"the page has no {selector} to check"
        for elem in elems:
            assert not elem.select("a.glossary-term"), f"a link inside {selector}: {elem}"
    mermaid = _one(article, "pre.mermaid")
    assert "A[Residual Block] --> B[SGD]" in mermaid.get_text()
    magic = [a for a in article.find_all("a") if "example.com" in a.get("href", "")]
    assert [a.get_text() for a in magic] == [
        "https://example.com/Residual-Block/SGD",
        "www.example.com/Dropout",
    ]
    for a in article.select("a.glossary-term"):
        assert a.find_parent("a") is None, "a link inside another link"


def test_every_link_targets_the_entry(pages: tuple[Tag, Tag]) -> None:
    article, _ = pages
    hrefs = {a["href"] for a in article.select("a.glossary-term")}
    assert hrefs == {
        "glossary/#residual-block",
        "glossary/#stochastic-gradient-descent",
        "glossary/#dropout",
    }
