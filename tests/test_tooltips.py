"""The tooltip payload (pure parts): summaries, cutting, escaping, URL rewriting, page scanning."""

from __future__ import annotations

import gzip
import html
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mkdocs_glossary_plugin.model import Glossary, Term
from mkdocs_glossary_plugin.tooltips import (
    MARKER_ATTR,
    SUMMARY_LIMIT,
    Payloads,
    make_renderer,
    marker_html,
    marker_ids,
    mentioned_ids,
    payload_html,
    rewrite_urls,
    summarize,
    summary_html,
)
from mkdocs_glossary_plugin.tooltips.sanitise import TreeBuilder, parse, serialize, text_of

ASSETS = Path(__file__).resolve().parents[1] / "mkdocs_glossary_plugin" / "assets"

render = make_renderer(
    ["extra", "admonition", "pymdownx.arithmatex", "pymdownx.superfences"],
    {"pymdownx.arithmatex": {"generic": True}},
)


def summary(definition: str, **kw: object) -> str:
    return summary_html(Term("x", definition=definition, **kw), render)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("definition", "expected"),
    [
        # The first paragraph, inline markup kept.
        ("A *fast* `net`.\n\nSecond paragraph.", "A <em>fast</em> <code>net</code>."),
        # Image-only paragraphs are skipped.
        ("![fig](a.png)\n\nText after the figure.", "Text after the figure."),
        ("![a](a.png) ![b](b.png)\n\n- one\n- two", "one"),
        # No paragraph: the first list item.
        ("- first item\n- second item", "first item"),
        ("1. 첫째 항목\n2. 둘째", "첫째 항목"),
        # A paragraph inside an admonition when there is nothing else.
        ("!!! note\n    Inside a note.", "Inside a note."),
        # Line breaks (the seed's trailing backslash) stay.
        ("One line.  \nAnother line.", "One line.<br>\nAnother line."),
        # Math is kept whole (generic arithmatex).
        ("Loss $x^2$ here.", 'Loss <span class="arithmatex">\\(x^2\\)</span> here.'),
        # Nothing to show.
        ("![only](a.png)", ""),
        ("", ""),
    ],
)
def test_summary_source_block(definition: str, expected: str) -> None:
    assert summary(definition) == expected


def test_explicit_summary_wins_and_is_not_cut() -> None:
    long = "Word " * 80
    got = summary("The definition.", summary=f"**Short** {long}")
    assert got.startswith("<strong>Short</strong> Word")
    assert not got.endswith("…") and got.count("Word") == 80


def test_cut_at_last_sentence_end_within_limit_korean() -> None:
    sentence = "딥러닝 모델은 층이 깊어질수록 학습이 어려워진다. "  # 28 characters
    got = summary(sentence * 12)
    text = BeautifulSoup(got, "html.parser").get_text()
    assert text.endswith("어려워진다.")
    assert len(text) <= SUMMARY_LIMIT
    # The last sentence end within the limit, not the first one.
    assert text.count("어려워진다.") == SUMMARY_LIMIT // len(sentence)


def test_cut_at_ideographic_full_stop() -> None:
    got = summary("これは文です。" * 40)
    assert got.endswith("。") and len(got) <= SUMMARY_LIMIT


def test_cut_at_word_boundary_with_ellipsis() -> None:
    got = summary("alpha beta gamma " * 30)
    assert got.endswith("…")
    words = got[:-1].split(" ")
    assert all(w in {"alpha", "beta", "gamma"} for w in words)  # never half a word
    assert len(got) <= SUMMARY_LIMIT + 1


def test_cut_without_spaces_is_hard_with_ellipsis() -> None:
    got = summary("가" * 400)
    assert got == "가" * SUMMARY_LIMIT + "…"


def test_cut_never_splits_code_or_closes_tags_wrongly() -> None:
    code = "`" + "x" * 30 + "`"
    definition = "word " * 36 + code + " tail " * 30
    got = summary(definition)
    soup = BeautifulSoup(got, "html.parser")
    # Either the whole code span or none of it.
    for c in soup.find_all("code"):
        assert c.get_text() == "x" * 30
    assert got.endswith("…")


def test_cut_keeps_markup_balanced() -> None:
    definition = "Intro **bold " + "word " * 60 + "end** rest."
    got = summary(definition)
    assert got.count("<strong>") == got.count("</strong>") == 1
    assert got.endswith("</strong>…")


def test_summary_drops_ids_and_scripts() -> None:
    got = summary('Text <span id="dup">x</span> <script>alert(1)</script> end.')
    assert "id=" not in got and "<script" not in got and "alert" not in got


def test_make_renderer_leaves_out_our_own_extensions() -> None:
    from markdown.extensions import Extension

    class Ours(Extension):
        def extendMarkdown(self, md: object) -> None:
            raise AssertionError("our own extension must not render summaries")

    Ours.__module__ = "mkdocs_glossary_plugin.extension"
    r = make_renderer(["extra", Ours()], {})
    assert r("*x*") == "<p><em>x</em></p>"


# -- payload and escaping --------------------------------------------------------------------------

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_SUMMARY = '</script><!-- "quoted" \'single\' & <b onclick="x()">b</b> -->'


def test_payload_escapes_everything_into_attributes() -> None:
    markup = payload_html([("evil", HOSTILE_NAME, HOSTILE_SUMMARY)], 'Open "it" & <go>')
    soup = BeautifulSoup(f"<body>{markup}<p>after</p></body>", "html.parser")
    # The page structure is intact: one payload element, then the paragraph after it.
    div = soup.body.find("div")  # type: ignore[union-attr]
    assert div is not None and div.get("hidden") == "" and div.get_text() == ""
    span = div.find("span")
    assert span["data-glossary-name"] == HOSTILE_NAME  # round-trips exactly
    assert span["data-glossary-summary"] == HOSTILE_SUMMARY
    assert div["data-glossary-label"] == 'Open "it" & <go>'
    assert soup.find("p").get_text() == "after"  # type: ignore[union-attr]
    assert soup.find("img") is None and soup.find("b") is None and soup.find("script") is None
    for raw in ("<img", "</script", "<!--", '"quoted"'):
        assert raw not in markup


def test_payload_empty_for_no_terms() -> None:
    assert payload_html([], "Open") == ""


def test_mentioned_ids_reads_our_links_only_in_order() -> None:
    page = (
        '<p><a class="glossary-term" href="../g/#b" data-glossary-term="b">B</a> '
        '<a href="x" data-glossary-term="notours">n</a> '
        "<a data-glossary-term='a&amp;z' class='x glossary-term'>A</a> "
        '<a class="glossary-term" data-glossary-term="b">again</a> '
        '<a class="glossary-term-other" data-glossary-term="c">c</a></p>'
    )
    assert mentioned_ids(page) == ["b", "a&z"]


def test_mentioned_ids_same_on_the_linkers_own_links_and_any_other_spelling() -> None:
    own = '<a class="glossary-term" data-glossary-term="a&amp;b" href="x">A</a>'
    assert mentioned_ids(own) == ["a&b"]
    # The first occurrence of an attribute counts, whatever follows it.
    assert mentioned_ids(own.replace(' href="x"', ' data-glossary-term="z"')) == ["a&b"]
    assert mentioned_ids('<A CLASS="glossary-term" DATA-GLOSSARY-TERM="up">U</A>') == ["up"]
    assert mentioned_ids('<a class="glossary-term" data-glossary-term="">E</a>') == []
    assert mentioned_ids('<a class="glossary-term x" data-glossary-term="k">K</a>') == ["k"]


# -- markers ---------------------------------------------------------------------------------------

HOSTILE_IDS = [
    "plain",
    "two words",
    "tab\tand\nnewline",
    "100%",
    "%20 already",
    "quote\"apos'amp&lt<gt>",
    "수렴속도",
    "ideographic\u3000space",
    "--",
    "></div><script>alert(1)</script>",
]


def test_marker_ids_round_trip_any_id() -> None:
    marker = marker_html(HOSTILE_IDS)
    soup = BeautifulSoup(marker, "html.parser")
    (div,) = soup.select("div.glossary-payload[hidden]")
    assert div.contents == []
    assert marker_ids(str(div[MARKER_ATTR])) == HOSTILE_IDS
    value = marker.split(f'{MARKER_ATTR}="', 1)[1].split('"', 1)[0]
    assert marker_ids(value) == HOSTILE_IDS
    assert not set(value) & set("\"'<>&\t\n")
    assert "수렴속도" in value  # no bloat for non-Latin ids
    assert marker_html([]) == ""


def _page_with(*ids: str) -> str:
    return "".join(
        f'<a class="glossary-term" data-glossary-term="{html.escape(i)}">x</a>' for i in ids
    )


def test_fill_replaces_each_marker_with_the_payload_of_before() -> None:
    terms = [Term(name, definition=f"About {name}.", explicit_id=True) for name in ("A", "B")]
    terms[1].id = HOSTILE_IDS[-1]
    payloads = Payloads(Glossary(terms=terms), render, "Open")
    content = _page_with("a", terms[1].id, "ghost")
    marker = payloads.marker(content)
    assert marker_ids(marker.split(f'{MARKER_ATTR}="')[1].split('"')[0]) == ["a", terms[1].id]
    excerpt = _page_with("a")
    page = f"<html>{content}{marker}<aside>{excerpt}{payloads.marker(excerpt)}</aside></html>"
    filled = payloads.fill(page, "x/")
    expected = Payloads(Glossary(terms=terms), render, "Open")
    assert filled == (
        f"<html>{content}{expected.for_page(content, 'x/')}"
        f"<aside>{excerpt}{expected.for_page(excerpt, 'x/')}</aside></html>"
    )
    assert MARKER_ATTR not in filled


@pytest.mark.parametrize("told", [None, 0, 1, 2, 3])
def test_fill_told_how_many_markers_gives_the_same_page(told: int | None) -> None:
    """The plugin tells ``fill`` how many markers it left (the fast path searches from the end);
    told right, wrong, or not at all, the page comes out the same, every marker filled."""
    terms = [Term(name, definition=f"About {name}.", explicit_id=True) for name in ("A", "B")]
    payloads = Payloads(Glossary(terms=terms), render, "Open")
    first, second = _page_with("a"), _page_with("b", "a")
    page = (
        f"<p>the attribute {MARKER_ATTR} named in text</p>{first}{payloads.marker(first)}"
        f"<aside>{second}{payloads.marker(second)}</aside><footer>{MARKER_ATTR}=</footer>"
    )
    plain = Payloads(Glossary(terms=terms), render, "Open").fill(page, "x/")
    assert payloads.fill(page, "x/", told) == plain
    assert plain.count("data-glossary-summary") == 3
    clean = page.replace(f"the attribute {MARKER_ATTR} named in text", "")
    assert payloads.fill(clean, "x/", told) == payloads.fill(clean, "x/")


def test_sub_last_marked_refuses_rather_than_guesses() -> None:
    from mkdocs_glossary_plugin.marks import sub_last_marked, sub_marked

    pattern = re.compile(r'<i m="(\d)"></i>')

    def repl(m: re.Match[str]) -> str:
        return f"[{m.group(1)}]"

    page = 'a<i m="1"></i>b<i m="2"></i>c'
    assert sub_last_marked(page, 'm="', "<i", pattern, repl, 2) == "a[1]b[2]c"
    assert sub_last_marked(page, 'm="', "<i", pattern, repl, 1) is None  # one more before
    assert sub_last_marked(page, 'm="', "<i", pattern, repl, 3) is None  # fewer than told
    assert sub_marked(page, 'm="', "<i", pattern, repl) == "a[1]b[2]c"
    assert sub_last_marked('x m="<i m="5"></i>', 'm="', "<i", pattern, repl, 1) is None


def test_fill_tolerates_a_reserialized_marker_and_drops_one_of_unknown_ids() -> None:
    payloads = Payloads(Glossary(terms=[Term("A", definition="About A.")]), render, "Open")
    moved = f'<div {MARKER_ATTR}="a" hidden="" class="glossary-payload"></div>'
    assert payloads.fill(moved, "") == payloads.for_page(_page_with("a"), "")
    assert (
        payloads.fill(f'<div class="glossary-payload" hidden {MARKER_ATTR}="gh%20ost"></div>', "")
        == ""
    )
    assert payloads.fill("<p>no marker</p>", "") == "<p>no marker</p>"


def test_no_marker_for_a_page_without_known_terms() -> None:
    payloads = Payloads(Glossary(terms=[Term("A", definition="About A.")]), render, "Open")
    assert payloads.marker("<p>nothing</p>") == ""
    assert payloads.marker(_page_with("ghost")) == ""


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<a href="img/x.png">', '<a href="NEW(img/x.png)">'),
        ('<img alt="a" src="../y.png">', '<img alt="a" src="NEW(../y.png)">'),
        ('<a href="#frag">', '<a href="NEW(#frag)">'),
        ('<a href="https://e.org/a">', '<a href="https://e.org/a">'),
        ('<a href="/abs/path">', '<a href="/abs/path">'),
        ('<a href="//cdn/x">', '<a href="//cdn/x">'),
        ('<a href="mailto:a@b">', '<a href="mailto:a@b">'),
        ('<a href="a&amp;b.md">', '<a href="NEW(a&amp;b.md)">'),
        ('<a title="href=&quot;x&quot;">', '<a title="href=&quot;x&quot;">'),
    ],
)
def test_rewrite_urls(markup: str, expected: str) -> None:
    assert rewrite_urls(markup, lambda u: f"NEW({u})") == expected


@pytest.mark.parametrize(
    ("page_url", "href", "img"),
    [
        ("", "other/#sec", "img/a.png"),
        ("sub/deep/", "../../other/#sec", "../../img/a.png"),
        ("sub/page.html", "../other/#sec", "../img/a.png"),
        ("other/", "#sec", "../img/a.png"),
    ],
)
def test_payloads_rewrite_urls_per_page_depth(page_url: str, href: str, img: str) -> None:
    term = Term("ResNet", definition="See [it](other.md#sec) ![i](img/a.png) and text.")
    roots = {"other.md#sec": "other/#sec", "img/a.png": "img/a.png"}
    payloads = Payloads(Glossary(terms=[term]), render, "Open", lambda t, u: roots.get(u))
    page = '<a class="glossary-term" href="x" data-glossary-term="resnet">ResNet</a>'
    out = BeautifulSoup(payloads.for_page(page, page_url), "html.parser")
    span = out.select_one("[data-glossary-term=resnet]")
    assert span is not None
    inner = BeautifulSoup(str(span["data-glossary-summary"]), "html.parser")
    assert inner.a is not None and inner.a["href"] == href
    assert inner.img is not None and inner.img["src"] == img


def test_payloads_render_each_term_once_and_skip_unknown_ids() -> None:
    calls: list[str] = []

    def counting(text: str) -> str:
        calls.append(text)
        return render(text)

    terms = [Term("ResNet", definition="A net."), Term("Dropout", definition="Drops.")]
    payloads = Payloads(Glossary(terms=terms), counting, "Open")
    page = (
        '<a class="glossary-term" data-glossary-term="resnet">R</a>'
        '<a class="glossary-term" data-glossary-term="ghost">G</a>'
    )
    for url in ("", "a/", "b/c/"):
        out = payloads.for_page(page, url)
        ids = [s["data-glossary-term"] for s in BeautifulSoup(out, "html.parser")("span")]
        assert ids == ["resnet"]
    assert calls == ["A net."]
    assert payloads.for_page("<p>no links</p>", "") == ""


def test_summary_attribute_decodes_to_rendered_html() -> None:
    term = Term("T", definition='Uses "quotes" & <kbd>Ctrl</kbd>.')
    out = Payloads(Glossary(terms=[term]), render, "Open").for_page(
        '<a class="glossary-term" data-glossary-term="t">T</a>', ""
    )
    span = BeautifulSoup(out, "html.parser").span
    assert span is not None
    assert span["data-glossary-summary"] == 'Uses "quotes" &amp; <kbd>Ctrl</kbd>.'
    assert html.unescape("&amp;") in str(span["data-glossary-summary"])


# -- assets ----------------------------------------------------------------------------------------


def test_assets_fit_the_size_budget() -> None:
    """JS + CSS <= 6 KB gzipped (a size budget from the tooltips issue, not a timing)."""
    js = (ASSETS / "glossary.js").read_bytes()
    css = (ASSETS / "glossary.css").read_bytes()
    size = len(gzip.compress(js, 9)) + len(gzip.compress(css, 9))
    assert size <= 6144, f"{size} bytes gzipped"


def test_non_generic_arithmatex_keeps_the_tex_without_script() -> None:
    r = make_renderer(["pymdownx.arithmatex"], {})  # MathJax 2 style: <script type=math/tex>
    got = summary_html(Term("x", definition="Loss $x^2$ here."), r)
    assert got == 'Loss <span class="arithmatex">\\(x^2\\)</span> here.'


def test_authors_absolute_urls_are_not_taken_for_resolved_ones() -> None:
    term = Term("T", definition="[abs](/root/page/) and [rel](rel.md).")
    payloads = Payloads(Glossary(terms=[term]), render, "Open", lambda t, u: "sub/rel/")
    out = payloads.for_page('<a class="glossary-term" data-glossary-term="t">T</a>', "a/b/")
    inner = BeautifulSoup(
        str(BeautifulSoup(out, "html.parser").span["data-glossary-summary"]),  # type: ignore[index]
        "html.parser",
    )
    assert [a["href"] for a in inner("a")] == ["/root/page/", "../../sub/rel/"]


def test_a_summary_that_fails_to_render_is_a_problem_not_a_crash() -> None:
    def broken(text: str) -> str:
        raise ValueError("snippet not found")

    term = Term("T", definition="x", path="g.yml", line=3)
    payloads = Payloads(Glossary(terms=[term]), broken, "Open")
    out = payloads.for_page('<a class="glossary-term" data-glossary-term="t">T</a>', "")
    span = BeautifulSoup(out, "html.parser").span
    assert span is not None and span["data-glossary-summary"] == ""
    (problem,) = payloads.problems
    assert str(problem).startswith("g.yml:3: the tooltip summary of 'T' could not be rendered")
    assert "snippet not found" in str(problem)


@given(st.text(alphabet=st.characters(blacklist_characters="<&"), max_size=400))
@settings(max_examples=300, deadline=None)
def test_plain_text_is_read_as_the_html_parser_reads_it(text: str) -> None:
    """``parse`` skips the HTML parser for text without markup or references (most summary
    leads): the tree, and the summary cut from it, must be the parser's."""
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    assert parse(text) == builder.root
    assert summarize(parse(text)) == summarize(builder.root)


def _parsed_by_html_parser(markup: str) -> object:
    builder = TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


#: Pieces of the markup Python-Markdown writes, read without the HTML parser.
_SIMPLE_PIECES = [
    "<strong>",
    "</strong>",
    "<EM>",
    "</Em>",
    "<br />",
    "<br/>",
    '<IMG SRC="x.png"/>',
    "<hr>",
    '<img alt="A &amp; B" src="x.png" />',
    '<a href="../b/#c" title="&quot;T&quot;">',
    '<a HREF="x" data-x="">',
    "<a hidden>",
    "</a>",
    '<code class="language-py">',
    "</code>",
    '<span class="arithmatex">',
    "</span>",
    "<p>",
    "</p>",
    "</li>",
    "</nope>",
    "&amp;",
    "&lt;b&gt;",
    "&#x27;",
    "&nbsp;",
    "&copy",
    "& ",
    " > ",
    '"',
    "'",
    "\n",
    " ",
]
#: Pieces it never writes, left to the parser.
_OTHER_PIECES = [
    "< b",
    "<",
    "<!-- c -->",
    "<!DOCTYPE html>",
    "<?pi?>",
    "<a href='x'>",
    "<a href=x>",
    '<a href="a<b">',
    '<a b="1"c="2">',
    "<my-tag>",
    "</p >",
    "<p / >",
    "<script>if (a<b) x()</script>",
    "<SCRIPT>x()</SCRIPT>",
    "<style>p{}</style>",
    "<textarea><b></textarea>",
    "<title>&amp;<i></title>",
]
#: Elements whose content the parser reads as text: never read as markup without it.
_RAW_PIECES = ["<script><b>x</b></script>", "<STYLE><i>y</i></STYLE>", "<style>"]
_TEXT = st.text(alphabet=st.characters(blacklist_characters="<"), max_size=6)
_SIMPLE_MARKUP = st.lists(
    st.one_of(st.sampled_from(_SIMPLE_PIECES + _RAW_PIECES), _TEXT), max_size=24
)
_ANY_MARKUP = st.lists(
    st.one_of(st.sampled_from(_SIMPLE_PIECES + _OTHER_PIECES), st.text(max_size=6)), max_size=24
)


@given(st.one_of(_SIMPLE_MARKUP, _ANY_MARKUP).map("".join))
@example('<EM>a</Em>b<span class="x"/>c <a href="x" />d<p />e')
@example('<strong>a <style><b>x</b></style> b</strong> <SCRIPT>"<i>"</SCRIPT>')
@settings(max_examples=600, deadline=None)
def test_markup_is_read_as_the_html_parser_reads_it(markup: str) -> None:
    """``parse`` reads the markup Python-Markdown writes (text, start tags with double-quoted
    attribute values, end tags) without the HTML parser, and leaves anything else to it: the
    tree, and the summary cut from it, must be the parser's, whatever the mix."""
    expected = _parsed_by_html_parser(markup)
    assert parse(markup) == expected
    assert summarize(parse(markup)) == summarize(expected)  # type: ignore[arg-type]


def test_a_lead_of_the_index_page_is_read_without_the_html_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The leads the index page gives the summaries (links, emphasis, code, line breaks, escaped
    text) are read without ``html.parser``, to the tree it would make."""
    lead = (
        '<strong>Deep</strong> <a href="../x/#y" title="&quot;x&quot;">learning</a> &amp; '
        '<code>a &lt; b</code>.<br />\nSee <em class="k">more</em>'
    )
    expected = _parsed_by_html_parser(lead)

    def no_parser(self: object, data: str) -> None:
        raise AssertionError("the HTML parser ran")

    monkeypatch.setattr(TreeBuilder, "feed", no_parser)
    assert parse(lead) == expected


def test_a_lead_from_the_index_page_is_used_instead_of_a_render_but_never_over_a_summary() -> None:
    """The one rule: an explicit ``summary`` first, else the lead of the rendered definition;
    a lead the index page already rendered (``add_leads``) is cut without another Markdown
    conversion, its URLs read relative to the index page; a term without one is rendered."""
    calls: list[str] = []

    def counting(text: str) -> str:
        calls.append(text)
        return render(text)

    terms = [
        Term("Lead", definition="Not rendered: the index page did it."),
        Term("Own", definition="Definition.", summary="The *own* summary."),
        Term("Alone", definition="Rendered alone."),
    ]
    payloads = Payloads(Glossary(terms=terms), counting, "Open", lambda t, u: None)
    payloads.add_leads(
        {"lead": 'From the <a href="media/x.png">index</a>.', "own": "Lead of Own."},
        "glossary/",
    )
    out = payloads.for_page(_page_with("lead", "own", "alone"), "a/b/")
    got = {
        str(s["data-glossary-term"]): str(s["data-glossary-summary"])
        for s in BeautifulSoup(out, "html.parser")("span")
    }
    assert got == {
        "lead": 'From the <a href="../../glossary/media/x.png">index</a>.',
        "own": "The <em>own</em> summary.",
        "alone": "Rendered alone.",
    }
    assert calls == ["The *own* summary.", "Rendered alone."]


_FRAGMENT = st.lists(
    st.one_of(
        st.text(alphabet="a<>&\"' 텐서;#x", max_size=8),
        st.sampled_from(
            [
                "<b>",
                "</b>",
                '<a href="x?a=1&amp;b=2" title="a > b">',
                "</a>",
                "<br>",
                "<code>&lt;p&gt;</code>",
                '<img alt="<i>" src="y.png">',
                "<script>alert('<b>')</script>",
                '<span class="arithmatex"><script type="math/tex">a<b</script></span>',
                "<style>p{}</style>",
                "<!-- a > b -->",
                "&amp;lt;",
                "&#x3c;",
            ]
        ),
    ),
    max_size=12,
).map("".join)


@given(_FRAGMENT)
@settings(max_examples=300)
def test_text_of_a_serialized_summary_is_its_parsed_text(markup: str) -> None:
    """``text_of`` reads the text of what ``serialize`` wrote without parsing it (the JSON-LD
    and the export take every summary's text); it must equal the parsed text. Catches: tags
    left in, entities left escaped (``&lt;``), a ``>`` inside an attribute ending a tag early."""
    written = serialize(parse(markup).children)
    assert text_of(written) == parse(written).plain()
