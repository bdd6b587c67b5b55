"""Control test: a realistic site built with and without the plugin differs only by our links.

The site uses Material with pymdown-extensions (superfences, tabbed, details, arithmatex,
highlight, inlinehilite, keys), admonitions, tables, footnotes, abbreviations, raw HTML, code and
Korean and English text with seed-like terms. After unwrapping every ``a.glossary-term`` of the
plugin build, the content of every page must be byte-identical to the control build; no link may
sit in another link, a heading, code or any skipped element; and the mentions we expect ARE linked
(so the test fails if the linker does nothing).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import (
    MARKDOWN_EXTENSIONS,
    Builder,
    content_of,
    glossary_links,
    unwrap_glossary_links,
)

from mkdocs_glossary_plugin.extension import SKIP_ATTR, SKIP_CLASSES, SKIP_TAGS

pytestmark = pytest.mark.slow

TERMS = """\
- term: ResNet
  definition: A deep network built from residual blocks.
- term: Residual Block
  definition: A block whose output adds its input back.
- term: Identity Mapping
  definition: The shortcut path of a residual block.
- term: Stochastic Gradient Descent
  aliases: [SGD, 확률적 경사하강법]
  definition: Gradient descent on mini-batches.
- term: 정규화
  aliases: [Normalization]
  definition: 값의 범위를 맞추는 일.
- term: 배치 정규화
  aliases: [Batch Normalization]
  definition: 미니배치 통계로 정규화한다.
- term: 배치
  definition: 한 번에 처리하는 샘플 묶음.
- term: 텐서
  aliases: [Tensor]
  definition: 다차원 배열.
- term: Dropout
  definition: Randomly zeroing activations during training.
- term: FLOPs
  definition: Floating-point operations.
- term: Self-Attention
  definition: Attention of a sequence to itself.
- term: ViT
  aliases: [Vision Transformer]
  definition: A transformer on image patches.
"""

INDEX = """\
# ResNet overview

A ResNet stacks many Residual Blocks; each block adds an Identity Mapping.
We train it with SGD and Dropout, and count its FLOPs.

## Training with SGD

1. Pick a learning rate for Stochastic Gradient Descent.
2. Use Dropout sparingly.
    - nested: self attention layers (ViT) also use Dropout

| Model | FLOPs | Note |
|-------|-------|------|
| ResNet-50 | 4.1 G | not the term itself |
| ViT | 17.6 G | Vision Transformer with Self-Attention |

!!! note "ResNet in a title"
    The body mentions Identity Mapping and ResNet.

??? tip "Dropout in a summary"
    Details body: Batch Normalization.

=== "ResNet tab"

    Tab body with Tensor shapes.

=== "ViT tab"

    ```python
    resnet = ResNet(depth=50)  # ResNet in code
    ```

Inline code `ResNet` and `#!python ResNet(50)` and keys ++ctrl+alt+"ResNet"++.
Math: $\\text{ResNet}(x) = F(x) + x$ and

$$
\\text{SGD}: w \\leftarrow w - \\eta \\nabla L
$$

See <a href="https://arxiv.org/abs/1512.03385">the ResNet paper</a>, <code>ResNet</code>,
<kbd>SGD</kbd>, <abbr title="x">FLOPs</abbr> and <span class="no-glossary">Dropout</span>.

<div class="no-glossary" markdown>
ResNet and SGD are not linked in here.
</div>

A sentence with a footnote about ResNet.[^note]

[^note]: The footnote mentions Self-Attention.

*[HTML]: Hyper Text Markup Language

HTML pages mention Pre-ResNet and ResNet-50 but those are other words.

    an indented code block with ResNet
"""

KO_INTRO = """\
# 정규화 소개

정규화는 학습을 안정시킨다. 배치 정규화를 쓰면 확률적 경사하강법이 빨라진다.
ResNet에서는 Identity Mapping을 쓴다. 텐서플로와 미니배치는 다른 단어다.

## 배치 정규화

- 배치 크기를 정한다.
- **텐서**플로 는 텐서가 아니다.

| 용어 | 설명 |
|------|------|
| Dropout | 드롭아웃 |

!!! warning "정규화 주의"
    본문의 Residual Block들을 보라.
"""

KO_DEEP = """\
# 심화

FLOPs가 많다. Self Attention과 ViT를 비교한다.

$$
정규화(x) = \\frac{x - \\mu}{\\sigma}
$$

```text
텐서 정규화 ResNet
```

1. 텐서를 만든다.
2. `텐서` 는 코드다.
"""

PAGES = {"index.md": INDEX, "ko/intro.md": KO_INTRO, "ko/deep/advanced.md": KO_DEEP}

# (page URL, link text, term id) that must be linked.
EXPECTED = [
    ("", "ResNet", "resnet"),
    ("", "Residual Blocks", "residual-block"),
    ("", "Identity Mapping", "identity-mapping"),
    ("", "SGD", "stochastic-gradient-descent"),
    ("", "Dropout", "dropout"),
    ("", "FLOPs", "flops"),
    ("", "ViT", "vit"),
    ("", "Batch Normalization", "배치-정규화"),
    ("", "Tensor", "텐서"),
    ("", "self attention", "self-attention"),
    ("ko/intro/", "정규화", "정규화"),
    ("ko/intro/", "배치 정규화", "배치-정규화"),
    ("ko/intro/", "확률적 경사하강법", "stochastic-gradient-descent"),
    ("ko/intro/", "ResNet", "resnet"),
    ("ko/intro/", "Identity Mapping", "identity-mapping"),
    ("ko/intro/", "Residual Block", "residual-block"),
    ("ko/intro/", "배치", "배치"),
    ("ko/intro/", "텐서", "텐서"),
    ("ko/deep/advanced/", "FLOPs", "flops"),
    ("ko/deep/advanced/", "ViT", "vit"),
    ("ko/deep/advanced/", "텐서", "텐서"),
]


def _config(with_plugin: bool) -> dict[str, Any]:
    plugins: list[Any] = ["search"]
    if with_plugin:
        plugins.append({"glossary": {"source": "terms.yml", "tooltips": False}})
    return {"plugins": plugins, "markdown_extensions": MARKDOWN_EXTENSIONS}


@pytest.fixture(scope="module")
def sites(site_builder: Builder) -> tuple[Path, Path]:
    files = {"./terms.yml": TERMS, **PAGES}
    control = site_builder(files, _config(False), strict=True)
    linked = site_builder(files, _config(True), strict=True)
    return control, linked


def _pages(site: Path) -> list[Path]:
    return sorted(
        p.relative_to(site)
        for p in site.rglob("*.html")
        if p.name == "index.html" and p.parent.name != "404" and "assets" not in p.parts
    )


def _content(site: Path, rel: Path) -> Tag:
    return content_of(BeautifulSoup((site / rel).read_text("utf-8"), "html.parser"))


def test_content_identical_after_unwrapping_our_links(sites: tuple[Path, Path]) -> None:
    control, linked = sites
    pages = _pages(control)
    assert len(pages) == 3
    total = 0
    for rel in pages:
        ours = _content(linked, rel)
        total += len(glossary_links(ours))
        unwrap_glossary_links(ours)
        theirs = _content(control, rel)
        # Re-parse both so that text nodes split by the unwrapping compare equal.
        a = str(BeautifulSoup(str(ours), "html.parser"))
        b = str(BeautifulSoup(str(theirs), "html.parser"))
        assert a == b, f"{rel}: content differs beyond our links"
    assert total >= len(EXPECTED)


def test_titles_and_navigation_identical(sites: tuple[Path, Path]) -> None:
    control, linked = sites
    pages = _pages(control)
    assert len(pages) == 3
    for rel in pages:
        a = BeautifulSoup((linked / rel).read_text("utf-8"), "html.parser")
        b = BeautifulSoup((control / rel).read_text("utf-8"), "html.parser")
        assert a.title is not None and b.title is not None
        assert a.title.get_text() == b.title.get_text()
        toc_a = a.select_one("nav.md-nav--secondary")
        toc_b = b.select_one("nav.md-nav--secondary")
        assert toc_a is not None, f"{rel}: no TOC to compare"
        assert str(toc_a) == str(toc_b), f"{rel}: TOC differs"
        assert a.select("nav a.glossary-term") == []


def _skipped_ancestor(a: Tag) -> str | None:
    for parent in a.parents:
        if not isinstance(parent, Tag) or parent.name in ("[document]", "html"):
            continue
        if parent.name in SKIP_TAGS:
            return parent.name
        if parent.has_attr(SKIP_ATTR):  # it shows its own tooltip
            return f"[{SKIP_ATTR}]"
        classes = parent.get("class") or []
        hit = SKIP_CLASSES.intersection(classes)
        if hit:
            return "." + sorted(hit)[0]
    return None


def test_no_link_inside_a_skipped_element(sites: tuple[Path, Path]) -> None:
    _, linked = sites
    checked = 0
    for rel in _pages(linked):
        soup = BeautifulSoup((linked / rel).read_text("utf-8"), "html.parser")
        for a in soup.select("a.glossary-term"):
            checked += 1
            where = _skipped_ancestor(a)
            assert where is None, f"{rel}: link {a} inside <{where}>"
            assert a.find("a") is None and a.find_parent("a") is None
            assert a.find_parent(["h1", "h2", "h3", "h4", "h5", "h6", "pre", "code"]) is None
    assert checked >= len(EXPECTED)


def test_expected_mentions_are_linked(sites: tuple[Path, Path]) -> None:
    _, linked = sites
    found: set[tuple[str, str, str]] = set()
    for url in {u for u, _, _ in EXPECTED}:
        soup = BeautifulSoup((linked / url / "index.html").read_text("utf-8"), "html.parser")
        for a in glossary_links(content_of(soup)):
            found.add((url, a.get_text(), str(a["data-glossary-term"])))
    missing = [e for e in EXPECTED if e not in found]
    assert missing == []


def _neighbours(a: Tag) -> tuple[str, str]:
    """The text just before and just after a link (within its parent)."""
    before, after = a.previous_sibling, a.next_sibling
    return (
        before.get_text() if isinstance(before, Tag) else str(before or ""),
        after.get_text() if isinstance(after, Tag) else str(after or ""),
    )


def test_words_that_only_contain_a_term_are_not_linked(sites: tuple[Path, Path]) -> None:
    """텐서플로 and 미니배치 contain 텐서 and 배치; Pre-ResNet and ResNet-50 contain ResNet."""
    _, linked = sites
    checked = 0
    for rel in _pages(linked):
        soup = BeautifulSoup((linked / rel).read_text("utf-8"), "html.parser")
        for a in glossary_links(content_of(soup)):
            checked += 1
            before, after = _neighbours(a)
            assert not after.startswith(("플로", "-50")), f"{rel}: {a} {after[:10]!r}"
            assert not before.endswith(("미니", "Pre-")), f"{rel}: {before[-10:]!r} {a}"
    assert checked >= len(EXPECTED)
    intro = content_of(
        BeautifulSoup((linked / "ko/intro/index.html").read_text("utf-8"), "html.parser")
    )
    # On that page 텐서 only occurs inside 텐서플로 (also as **텐서**플로) and in 텐서가 (a
    # mention, linked); 배치 first occurs inside 미니배치, then on its own in 배치 크기.
    texts = [(a.get_text(), _neighbours(a)[1][:2]) for a in glossary_links(intro)]
    assert ("텐서", "가 ") in texts
    assert ("배치", " 크") in texts
