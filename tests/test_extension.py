"""Exact-HTML tests of the tree linker with plain Python-Markdown (no MkDocs).

Each case renders Markdown with ``GlossaryExtension`` and the extensions a real site uses, and
compares the HTML, or asserts that a skipped context holds no link while a control mention in
the same document IS linked (so every skip test can fail).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup

from mkdocs_glossary_plugin.extension import (
    PRIORITY,
    GlossaryExtension,
    LinkerState,
    PageContext,
)
from mkdocs_glossary_plugin.matching import Matcher
from mkdocs_glossary_plugin.model import Glossary, Term

TERMS = [
    Term("ResNet", "A residual network."),
    Term("Residual Block", "A block with a skip connection.", aliases=("residual unit",)),
    Term("Residual", "What is left."),
    Term("SGD", "Stochastic gradient descent.", aliases=("확률적 경사하강법",)),
    Term("정규화", "Normalization."),
    Term("텐서", "Tensor."),
    Term("Dropout", "Randomly zeroing units."),
]


def make_state(
    terms: Sequence[Term] = TERMS, *, url: str = "guide/", mode: str = "first"
) -> LinkerState:
    glossary = Glossary(terms=[Term(t.name, t.definition, t.aliases) for t in terms])
    state = LinkerState(Matcher(glossary.terms), glossary, lambda t: f"glossary/#{t.id}")
    state.page = PageContext("guide.md", url, link_mode="all" if mode == "all" else "first")
    return state


def render(
    src: str,
    *,
    extensions: Sequence[Any] = (),
    configs: dict[str, dict[str, Any]] | None = None,
    state: LinkerState | None = None,
    **kw: Any,
) -> str:
    state = state or make_state(**kw)
    md = markdown.Markdown(
        extensions=[GlossaryExtension(state), *extensions], extension_configs=configs or {}
    )
    return md.convert(src)


def link(text: str, term_id: str, href: str | None = None) -> str:
    """The exact HTML of one of our links, as Python-Markdown serialises it."""
    href = href if href is not None else f"../glossary/#{term_id}"
    return f'<a class="glossary-term" data-glossary-term="{term_id}" href="{href}">{text}</a>'


def links_in(html: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [(a.get_text(), str(a["data-glossary-term"])) for a in soup.select("a.glossary-term")]


# -- basic linking -----------------------------------------------------------------------------


def test_links_a_mention_with_a_relative_href() -> None:
    assert render("ResNet is deep.") == f"<p>{link('ResNet', 'resnet')} is deep.</p>"


def test_registered_after_unescape_and_relpath() -> None:
    md = markdown.Markdown(extensions=[GlossaryExtension(make_state())])
    names = [item.name for item in md.treeprocessors._priority]
    assert names[-1] == "glossary"
    assert PRIORITY < 0


def test_longest_match_and_aliases() -> None:
    html = render("A Residual Block and a residual unit and a Residual.", mode="all")
    assert html == (
        f"<p>A {link('Residual Block', 'residual-block')} and a "
        f"{link('residual unit', 'residual-block')} and a {link('Residual', 'residual')}.</p>"
    )


def test_link_first_only_links_the_first_mention_per_page() -> None:
    state = make_state()
    html = render("ResNet here.\n\nResNet again, and *ResNet* once more.", state=state)
    assert links_in(html) == [("ResNet", "resnet")]
    assert html.startswith(f"<p>{link('ResNet', 'resnet')} here.</p>")
    assert state.link_counts == {"guide.md": 1}


def test_link_all_links_every_mention() -> None:
    state = make_state(mode="all")
    html = render("ResNet here.\n\nResNet again, and *ResNet* once more.", state=state)
    assert links_in(html) == [("ResNet", "resnet")] * 3
    assert f"<em>{link('ResNet', 'resnet')}</em>" in html
    assert state.link_counts == {"guide.md": 3}
    assert state.term_links == {"resnet": 3}


def test_usage_records_terms_in_first_mention_order() -> None:
    state = make_state()
    render("Dropout, then SGD, then Dropout and ResNet.", state=state)
    assert state.usage == {"guide.md": ["dropout", "sgd", "resnet"]}


def test_several_links_in_one_text_keep_the_text_between_them() -> None:
    html = render("SGD trains ResNet with Dropout.")
    assert html == (
        f"<p>{link('SGD', 'sgd')} trains {link('ResNet', 'resnet')} with "
        f"{link('Dropout', 'dropout')}.</p>"
    )


def test_links_in_tails_after_inline_elements() -> None:
    html = render("Use *SGD* with ResNet and **Dropout** with 정규화는 좋다.")
    assert html == (
        f"<p>Use <em>{link('SGD', 'sgd')}</em> with {link('ResNet', 'resnet')} and "
        f"<strong>{link('Dropout', 'dropout')}</strong> with {link('정규화', '정규화')}는 좋다.</p>"
    )


def test_korean_terms_and_particles() -> None:
    html = render("텐서를 정규화하면 확률적 경사하강법이 빨라진다.")
    assert links_in(html) == [("텐서", "텐서"), ("정규화", "정규화"), ("확률적 경사하강법", "sgd")]


def test_neighbouring_inline_text_is_context_for_edges() -> None:
    """``**텐서**플로`` is the word 텐서플로, not the term 텐서; ``미니**텐서**`` neither."""
    html = render("**텐서**플로 and 미니*텐서* and **텐서**는")
    assert links_in(html) == [("텐서", "텐서")]
    assert f"<strong>{link('텐서', '텐서')}</strong>는" in html


def test_mentions_across_paragraphs_are_not_joined() -> None:
    """A block boundary is an edge: ``Res`` + ``Net`` in two list items are not ResNet."""
    html = render("- Residual\n- Block\n\nResNet\n\ns")
    assert links_in(html) == [("Residual", "residual"), ("ResNet", "resnet")]


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("", "glossary/#resnet"),
        ("guide/", "../glossary/#resnet"),
        ("a/b/c/", "../../../glossary/#resnet"),
        ("glossary/", "#resnet"),
    ],
)
def test_href_is_relative_to_the_page(url: str, href: str) -> None:
    assert render("ResNet", url=url) == f"<p>{link('ResNet', 'resnet', href)}</p>"


def test_href_with_file_urls() -> None:
    glossary = Glossary(terms=[Term("ResNet")])
    state = LinkerState(Matcher(glossary.terms), glossary, lambda t: f"glossary.html#{t.id}")
    state.page = PageContext("a/b/c.md", "a/b/c.html")
    assert render("ResNet", state=state) == (
        f"<p>{link('ResNet', 'resnet', '../../glossary.html#resnet')}</p>"
    )


# -- where nothing is linked -------------------------------------------------------------------


def test_disabled_page_links_nothing() -> None:
    state = make_state()
    assert state.page is not None
    state.page.enabled = False
    assert render("ResNet and SGD.", state=state) == "<p>ResNet and SGD.</p>"
    assert state.usage == {}


def test_no_page_links_nothing() -> None:
    state = make_state()
    state.page = None
    assert render("ResNet", state=state) == "<p>ResNet</p>"


# (Markdown, extensions, extension configs): each holds ResNet only in a skipped context, followed
# by a control paragraph "SGD" that must be linked.
SKIPPED: dict[str, tuple[str, list[str], dict[str, dict[str, Any]]]] = {
    "markdown link": ("[ResNet paper](https://example.org)", [], {}),
    "autolink text": ("<https://example.org/ResNet>", [], {}),
    "raw a": ('<a href="https://example.org">ResNet paper</a>', [], {}),
    "raw a with inner markup": ('<a href="x">the *ResNet* paper</a>', [], {}),
    "raw a with code inside": ('<a href="x">`x` ResNet</a>', [], {}),
    "raw code": ("<code>ResNet</code>", [], {}),
    "raw kbd": ("press <kbd>ResNet</kbd>", [], {}),
    "raw abbr": ('<abbr title="x">ResNet</abbr>', [], {}),
    "raw samp": ("<samp>ResNet</samp>", [], {}),
    "raw button": ("<button>ResNet</button>", [], {}),
    "raw label": ("<label>ResNet</label>", [], {}),
    "raw span.no-glossary": ('<span class="no-glossary">ResNet</span>', [], {}),
    "raw nested spans": ('<span class="no-glossary">a <span>b</span> ResNet</span>', [], {}),
    "backticks": ("`ResNet`", [], {}),
    "code block": ("    ResNet = 1", [], {}),
    "heading 1": ("# ResNet", [], {}),
    "heading 2": ("## ResNet", [], {}),
    "heading 3 setext": ("ResNet\n------", [], {}),
    "heading 6 with emphasis": ("###### *ResNet*", [], {}),
    "image alt": ("![ResNet](x.png)", [], {}),
    "link title": ('[x](y "ResNet")', [], {}),
    "abbr": ("ResNet here\n\n*[ResNet]: Residual network", ["abbr"], {}),
    "admonition title": ('!!! note "ResNet"\n    body', ["admonition"], {}),
    "footnote ref": ("x[^ResNet]\n\n[^ResNet]: note", ["footnotes"], {}),
    "no-glossary div": (
        '<div class="no-glossary" markdown>\nResNet *x*\n</div>',
        ["md_in_html"],
        {},
    ),
    "no-glossary attr_list": ("ResNet\n{: .no-glossary }", ["attr_list"], {}),
    "arithmatex inline": ("$ResNet$", ["pymdownx.arithmatex"], {}),
    "arithmatex block": ("$$\nResNet\n$$", ["pymdownx.arithmatex"], {}),
    "arithmatex generic": (
        "$ResNet$",
        ["pymdownx.arithmatex"],
        {"pymdownx.arithmatex": {"generic": True}},
    ),
    "superfences": ("```python\nResNet = 1\n```", ["pymdownx.superfences"], {}),
    "superfences in list": ("- x\n\n    ```\n    ResNet\n    ```", ["pymdownx.superfences"], {}),
    "inlinehilite": ("`#!python ResNet`", ["pymdownx.highlight", "pymdownx.inlinehilite"], {}),
    "keys": ('++ctrl+"ResNet"++', ["pymdownx.keys"], {}),
    "details summary": ('??? note "ResNet"\n    body', ["pymdownx.details"], {}),
    "tab label": ('=== "ResNet"\n\n    body', ["pymdownx.superfences", "pymdownx.tabbed"], {}),
    "raw html block": ("<div>\nResNet\n</div>", [], {}),
    "raw script": ("<script>var ResNet = 1;</script>", [], {}),
    "raw style": ("<style>.ResNet {}</style>", [], {}),
    "html comment": ("<!-- ResNet -->", [], {}),
    # An element with a title shows its own tooltip; a second popup would cover it.
    "raw dfn with title": ('<dfn title="Residual network">ResNet</dfn>', [], {}),
    "raw span with title": ('<span title="x">ResNet</span>', [], {}),
    "raw span with title and markup": ("<span title='x'>the *ResNet* paper</span>", [], {}),
    "raw span with an empty title": ('<span title="">ResNet</span>', [], {}),
    "link with title": ('[ResNet paper](https://example.org "ResNet")', [], {}),
    "attr_list title on a paragraph": ('ResNet is deep.\n{: title="x" }', ["attr_list"], {}),
    "attr_list title on an em": ('*ResNet*{: title="x" }', ["attr_list"], {}),
    "md_in_html div with title": (
        '<div title="x" markdown>\nResNet *here*\n</div>',
        ["md_in_html"],
        {},
    ),
}


@pytest.mark.parametrize("case", sorted(SKIPPED))
def test_skipped_context(case: str) -> None:
    src, extensions, configs = SKIPPED[case]
    html = render(src + "\n\nSGD", extensions=extensions, configs=configs)
    found = links_in(html)
    assert found == [("SGD", "sgd")], html
    # Apart from the control link, the HTML is exactly what Markdown makes without us.
    plain = markdown.Markdown(extensions=extensions, extension_configs=configs)
    assert html.replace(link("SGD", "sgd"), "SGD") == plain.convert(src + "\n\nSGD")


def test_text_after_a_raw_link_is_linked_again() -> None:
    html = render('See <a href="x">ResNet paper</a> for ResNet.')
    assert html == f'<p>See <a href="x">ResNet paper</a> for {link("ResNet", "resnet")}.</p>'


def test_raw_void_tags_do_not_open_a_skipped_region() -> None:
    html = render("a<br>ResNet <img src='x.png'> SGD")
    assert links_in(html) == [("ResNet", "resnet"), ("SGD", "sgd")]


def test_raw_span_without_skip_class_is_linked_inside() -> None:
    html = render('<span class="x">ResNet</span>')
    assert html == f'<p><span class="x">{link("ResNet", "resnet")}</span></p>'


@pytest.mark.parametrize(
    "attrs",
    ['data-title="x"', 'data-x="title=y"', "class='a title=b'", 'data-x="class=no-glossary"'],
)
def test_raw_attributes_are_read_one_by_one(attrs: str) -> None:
    """Only a real ``title`` attribute or skip class skips a raw element, not a value or another
    attribute's name that contains the word."""
    html = render(f"<span {attrs}>ResNet</span>")
    assert html == f"<p><span {attrs}>{link('ResNet', 'resnet')}</span></p>"


def test_admonition_body_tables_lists_and_footnotes_are_linked() -> None:
    src = (
        '!!! note "SGD"\n    ResNet in a note\n\n'
        "| a | b |\n|---|---|\n| SGD | Dropout |\n\n"
        "- Residual Block\n    - 정규화\n\n"
        "Text[^1]\n\n[^1]: 텐서 in a footnote"
    )
    html = render(src, extensions=["admonition", "tables", "footnotes"])
    assert links_in(html) == [
        ("ResNet", "resnet"),
        ("SGD", "sgd"),
        ("Dropout", "dropout"),
        ("Residual Block", "residual-block"),
        ("정규화", "정규화"),
        ("텐서", "텐서"),
    ]
    assert '<p class="admonition-title">SGD</p>' in html
    assert f"<td>{link('SGD', 'sgd')}</td>" in html


def test_headings_and_toc_are_unchanged() -> None:
    src = "# ResNet and SGD\n\n## 정규화\n\nResNet body"
    plain = markdown.Markdown(extensions=["toc"])
    expected = plain.convert(src)
    state = make_state()
    md = markdown.Markdown(extensions=["toc", GlossaryExtension(state)])
    html = md.convert(src)
    assert html.split("<p>")[0] == expected.split("<p>")[0]
    assert md.toc_tokens == plain.toc_tokens  # type: ignore[attr-defined]
    assert md.toc == plain.toc  # type: ignore[attr-defined]
    assert links_in(html) == [("ResNet", "resnet")]


def test_attribute_values_are_never_touched() -> None:
    html = render('ResNet <span title="ResNet">x</span> ![SGD](a.png "SGD")', mode="all")
    assert html == (
        f'<p>{link("ResNet", "resnet")} <span title="ResNet">x</span> '
        '<img alt="SGD" src="a.png" title="SGD" /></p>'
    )


def test_escapes_and_entities_around_mentions() -> None:
    html = render(r"\*ResNet\* &amp; SGD&nbsp;x")
    assert html == f"<p>*{link('ResNet', 'resnet')}* &amp; {link('SGD', 'sgd')}&nbsp;x</p>"


def test_placeholders_are_never_split() -> None:
    """A superfences block inside a tight list item stays one placeholder and one block."""
    src = "- ResNet\n    ```\n    SGD\n    ```\n- SGD"
    html = render(src, extensions=["pymdownx.superfences"])
    assert "\x02" not in html and "wzxhzdk" not in html
    assert links_in(html) == [("ResNet", "resnet"), ("SGD", "sgd")]
    assert "<code>SGD\n</code>" in html


# -- scopes (the index page) -------------------------------------------------------------------


def test_scope_restarts_link_first_and_never_links_its_own_term() -> None:
    src = (
        "ResNet and SGD.\n\n"
        '<div data-glossary-scope="resnet" markdown>\nResNet uses SGD and SGD.\n</div>\n\n'
        '<div data-glossary-scope="sgd" markdown>\nSGD trains ResNet.\n</div>\n\n'
        "ResNet and SGD again."
    )
    html = render(src, extensions=["md_in_html"])
    assert "data-glossary-scope" not in html
    assert html == (
        f"<p>{link('ResNet', 'resnet')} and {link('SGD', 'sgd')}.</p>\n"
        f"<div>\n<p>ResNet uses {link('SGD', 'sgd')} and SGD.</p>\n</div>\n"
        f"<div>\n<p>SGD trains {link('ResNet', 'resnet')}.</p>\n</div>\n"
        "<p>ResNet and SGD again.</p>"
    )


def test_scope_attribute_is_removed_on_disabled_pages_and_in_skipped_elements() -> None:
    src = '<div data-glossary-scope="sgd" markdown>\nSGD\n</div>\n\n'
    src += '<div class="no-glossary" markdown>\n'
    src += '<div data-glossary-scope="x" markdown>\nx\n</div>\n</div>'
    html = render(src, extensions=["md_in_html"])
    assert "data-glossary-scope" not in html
    state = make_state()
    assert state.page is not None
    state.page.enabled = False
    assert "data-glossary-scope" not in render(src, extensions=["md_in_html"], state=state)


def test_atomic_text_outside_code_is_linked() -> None:
    """After ``inline`` many texts are AtomicString; only the tree context decides."""
    from markdown.util import AtomicString

    class Atomize(markdown.treeprocessors.Treeprocessor):
        def run(self, root: Any) -> None:
            for elem in root.iter():
                if elem.text:
                    elem.text = AtomicString(elem.text)

    class AtomizeExt(markdown.extensions.Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:
            md.treeprocessors.register(Atomize(md), "atomize", 1)

    html = render("ResNet and `SGD`", extensions=[AtomizeExt()])
    assert html == f"<p>{link('ResNet', 'resnet')} and <code>SGD</code></p>"


def test_one_state_across_pages_and_reset() -> None:
    """MkDocs makes one Markdown instance per page; the state collects usage per page."""
    state = make_state()
    ext = GlossaryExtension(state)
    for src, text in [("a.md", "ResNet and SGD"), ("b/c.md", "SGD"), ("d.md", "nothing")]:
        state.page = PageContext(src, src.replace(".md", "/"))
        markdown.Markdown(extensions=[ext]).convert(text)
    assert state.usage == {"a.md": ["resnet", "sgd"], "b/c.md": ["sgd"]}
    assert state.link_counts == {"a.md": 2, "b/c.md": 1}
    assert state.term_links == {"resnet": 1, "sgd": 2}
    assert state.links_made == 3
    state.reset()
    assert (state.usage, state.link_counts, state.term_links, state.page) == ({}, {}, {}, None)


def test_unknown_term_id_from_matcher_is_ignored() -> None:
    """A match for an id the glossary does not know (a stale matcher) makes no link."""
    glossary = Glossary(terms=[Term("SGD")])
    state = LinkerState(Matcher([Term("ResNet"), Term("SGD")]), glossary, lambda t: f"g/#{t.id}")
    state.page = PageContext("x.md", "")
    assert links_in(render("ResNet and SGD", state=state)) == [("SGD", "sgd")]


# -- mentions across inline markup -------------------------------------------------------------

SPAN_TERMS = [
    Term("요청 본문", "The body of a request."),
    Term("쿼리 매개변수", "A query parameter."),
    Term("Residual Block", "A block with a skip connection."),
    Term("Residual", "What is left."),
    Term("Dropout", "Randomly zeroing units."),
]


RB = "residual-block"
BODY = "요청-본문"

# Markdown -> (extensions, exact HTML, why). Every case is rendered with ``link: all``.
SPANNED: dict[str, tuple[list[str], str, str]] = {
    "**요청** 본문은": (
        [],
        f"<p>{link('<strong>요청</strong> 본문', BODY)}은</p>",
        "the link wraps the strong and the text after it; the particle stays outside",
    ),
    "*경로* 혹은 *쿼리* 매개변수를": (
        [],
        f"<p><em>경로</em> 혹은 {link('<em>쿼리</em> 매개변수', '쿼리-매개변수')}를</p>",
        "only the em that begins the mention is wrapped",
    ),
    "**Residual** Block": (
        [],
        f"<p>{link('<strong>Residual</strong> Block', RB)}</p>",
        "the longer term wins across markup, as it does in one text",
    ),
    "*Residual Block*": (
        [],
        f"<p><em>{link('Residual Block', RB)}</em></p>",
        "inside one element: an ordinary link",
    ),
    "***Residual*** Block": (
        [],
        f"<p>{link('<strong><em>Residual</em></strong> Block', RB)}</p>",
        "nested wrappable elements are wrapped whole",
    ),
    "**Residual *Block***": (
        [],
        f"<p><strong>{link('Residual <em>Block</em>', RB)}</strong></p>",
        "the nearest element holding both ends gets the link",
    ),
    "요청 *본문*": (
        [],
        f"<p>{link('요청 <em>본문</em>', BODY)}</p>",
        "starts in the paragraph's text, ends at the end of the em",
    ),
    "**요청 본**문": (
        [],
        f"<p>{link('<strong>요청 본</strong>문', BODY)}</p>",
        "the strong holds no text outside the mention: wrapped whole, nothing is split",
    ),
    "==요청== 본문": (
        ["pymdownx.mark"],
        f"<p>{link('<mark>요청</mark> 본문', BODY)}</p>",
        "mark is pure emphasis too",
    ),
    "*Residual* Block Residual *Block* and Dropout": (
        [],
        f"<p>{link('<em>Residual</em> Block', RB)} "
        f"{link('Residual <em>Block</em>', RB)} and {link('Dropout', 'dropout')}</p>",
        "two spanning links share one text, and an ordinary link follows in another",
    ),
    "Dropout and **Residual** Block and Dropout": (
        [],
        f"<p>{link('Dropout', 'dropout')} and {link('<strong>Residual</strong> Block', RB)}"
        f" and {link('Dropout', 'dropout')}</p>",
        "ordinary links before and after a spanning link in the texts it cuts",
    ),
    "요청&nbsp;본문": (
        [],
        f"<p>{link('요청&nbsp;본문', BODY)}</p>",
        "an entity splits one text into two pieces, and the link holds it whole",
    ),
    # Not linked: the whole mention cannot be one link, and a part of it is not the term.
    "**요청** 본**문은**": (
        [],
        "<p><strong>요청</strong> 본<strong>문은</strong></p>",
        "the mention ends inside the second strong: the link would split it",
    ),
    "**x *요청*** 본문": (
        [],
        "<p><strong>x <em>요청</em></strong> 본문</p>",
        "the mention starts after other text of the strong that holds it",
    ),
    "**x 요청** 본문": (
        [],
        "<p><strong>x 요청</strong> 본문</p>",
        "the mention starts inside the strong's own text",
    ),
    "요청 ***본문* x**": (
        [],
        "<p>요청 <strong><em>본문</em> x</strong></p>",
        "the mention ends before other text of the strong that holds it",
    ),
    "요청 **본문 x**": (
        [],
        "<p>요청 <strong>본문 x</strong></p>",
        "the mention ends inside the strong's own text",
    ),
    "**요청** `본문`": (
        [],
        "<p><strong>요청</strong> <code>본문</code></p>",
        "code is never linked",
    ),
    "[요청](x) 본문": ([], '<p><a href="x">요청</a> 본문</p>', "its first part is in a link"),
    "요청 [본문](x)": ([], '<p>요청 <a href="x">본문</a></p>', "its last part is in a link"),
    "요청<br>본문": ([], "<p>요청<br>본문</p>", "a line break (raw) is a boundary"),
    "요청  \n본문": ([], "<p>요청<br />\n본문</p>", "a hard line break is a boundary"),
    "요청![](a.png) 본문": (
        [],
        '<p>요청<img alt="" src="a.png" /> 본문</p>',
        "an image is not text: it would sit inside the link",
    ),
    "**요청![](a.png)** 본문": (
        [],
        '<p><strong>요청<img alt="" src="a.png" /></strong> 본문</p>',
        "an image inside the element that would be wrapped",
    ),
    "요청[^1] 본문\n\n[^1]: x": (
        ["footnotes"],
        None,  # the footnote block is long; compared with the plain rendering below
        "a footnote reference is a link",
    ),
    '*요청*{: title="t" } 본문': (
        ["attr_list"],
        '<p><em title="t">요청</em> 본문</p>',
        "an element with a title shows its own tooltip: never linked, never wrapped",
    ),
    '<span title="t">요청</span> 본문': (
        [],
        '<p><span title="t">요청</span> 본문</p>',
        "raw HTML with a title",
    ),
    "<b>요청</b> 본문": (
        [],
        f"<p>{link('<b>요청</b> 본문', BODY)}</p>",
        "raw wrappable tags are wrapped whole, like the tree's own elements",
    ),
    "<b><i>요청</i> 본문</b>은": (
        [],
        f"<p><b>{link('<i>요청</i> 본문', BODY)}</b>은</p>",
        "the link takes in the raw opening tag glued to its start, not the outer one",
    ),
    "<b>요청 본</b>문은": (
        [],
        f"<p>{link('<b>요청 본</b>문', BODY)}은</p>",
        "a raw element held whole by the mention",
    ),
    "<b>x 요청</b> 본문": (
        [],
        "<p><b>x 요청</b> 본문</p>",
        "the raw b opens before the mention: linking would cut it (and no part is linked)",
    ),
    "<b>요청</b> **본문**": (
        [],
        "<p><b>요청</b> <strong>본문</strong></p>",
        "raw tags and tree elements in one mention are not taken apart",
    ),
    "<b>요청</b>본문": (
        [],
        f"<p>{link('<b>요청</b>본문', BODY)}</p>",
        "raw tags leave 요청본문, and a space between Hangul syllables of a term is optional",
    ),
    "<b>Residual</b>Block": (
        [],
        "<p><b>Residual</b>Block</p>",
        "raw tags leave one Latin word, ResidualBlock: not the term, and no part of it is linked",
    ),
    "**Residual** Block\n\n**요청**\n\n본문": (
        [],
        f"<p>{link('<strong>Residual</strong> Block', RB)}</p>\n"
        "<p><strong>요청</strong></p>\n<p>본문</p>",
        "a block boundary",
    ),
}


@pytest.mark.parametrize("src", list(SPANNED))
def test_mention_across_inline_markup(src: str) -> None:
    extensions, expected, why = SPANNED[src]
    html = render(src, extensions=extensions, terms=SPAN_TERMS, mode="all")
    plain = markdown.Markdown(extensions=extensions).convert(src)
    if expected is None:
        expected = plain
    assert html == expected, why
    # Unwrapping our links gives back exactly what Markdown makes without us.
    soup = BeautifulSoup(html, "html.parser")
    for a in soup.select("a.glossary-term"):
        a.unwrap()
    assert str(soup) == str(BeautifulSoup(plain, "html.parser")), why


def test_a_spanning_mention_counts_once_with_link_first() -> None:
    """``link: first``: the spanned mention is the first one; later ones, spanned or not, are
    not linked, and the page's records count one link."""
    state = make_state(SPAN_TERMS)
    html = render("**요청** 본문은, 요청 본문은, *요청* 본문은.", state=state)
    first = link("<strong>요청</strong> 본문", BODY)
    assert html == f"<p>{first}은, 요청 본문은, <em>요청</em> 본문은.</p>"
    assert state.usage == {"guide.md": [BODY]}
    assert state.link_counts == {"guide.md": 1}
    assert state.term_links == {BODY: 1}


def test_an_unlinkable_spanning_mention_does_not_use_up_link_first() -> None:
    """A mention that cannot be linked (it would split an element) is not "the first mention":
    the next one is linked."""
    html = render("**요청** 본**문은**, 요청 본문은.", terms=SPAN_TERMS)
    assert links_in(html) == [("요청 본문", BODY)]
    assert html.endswith(f", {link('요청 본문', BODY)}은.</p>")


def test_a_spanning_mention_of_the_scope_term_is_not_linked() -> None:
    """On the index page a definition never links its own entry, however it is written."""
    src = f'<div data-glossary-scope="{BODY}" markdown>\n**요청** 본문, **Residual** Block\n</div>'
    html = render(src, extensions=["md_in_html"], terms=SPAN_TERMS)
    assert links_in(html) == [("Residual Block", RB)]


def test_spanning_links_keep_atomic_texts_atomic() -> None:
    """Texts the linker cuts stay AtomicString when they were (a later inline pass must not
    parse them again as Markdown)."""
    from markdown.util import AtomicString

    seen: list[str] = []

    class Atomize(markdown.treeprocessors.Treeprocessor):
        def run(self, root: Any) -> None:
            for elem in root.iter():
                elem.text = AtomicString(elem.text) if elem.text else elem.text
                elem.tail = AtomicString(elem.tail) if elem.tail else elem.tail

    class Check(markdown.treeprocessors.Treeprocessor):
        def run(self, root: Any) -> None:
            for elem in root.iter():
                for text in (elem.text, elem.tail):
                    if text and not isinstance(text, AtomicString):
                        seen.append(text)

    class Ext(markdown.extensions.Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:
            # After ``unescape`` (0), which makes plain strings, and before us.
            md.treeprocessors.register(Atomize(md), "atomize", PRIORITY + 1)
            md.treeprocessors.register(Check(md), "check", PRIORITY - 1)

    html = render("a **요청** 본문은 b *Residual* Block", extensions=[Ext()], terms=SPAN_TERMS)
    assert links_in(html) == [("요청 본문", BODY), ("Residual Block", RB)]
    assert seen == []


def test_a_match_that_would_cut_an_element_is_never_linked() -> None:
    """The flow shows skipped content as U+FFFC, which no real key crosses, and leaves raw
    wrappable tags out; should a matcher ever return a match across code, across raw tags and
    tree elements together, or across raw tags that cross each other, linking it would put half
    an element in the link."""
    from mkdocs_glossary_plugin.matching import Match

    class Greedy:
        def find(self, text: str) -> list[Match]:
            # From the first letter to the last: across anything between.
            found = re.search("[^\\s\x00\ufffc].*[^\\s\x00\ufffc]", text, re.DOTALL)
            assert found is not None
            return [Match(found.start(), found.end(), "요청-본문", "요청 본문")]

    state = make_state(SPAN_TERMS)
    state.matcher = Greedy()
    for src in ("요청 `x` 본문", "**요청** <b>본문</b>", "<i>요청 <b>본</i>문</b>"):
        assert links_in(render(src, state=state)) == [], src
    assert links_in(render("**요청** 본문", state=state)) == [("요청 본문", BODY)]
