"""The index page, pure parts: layout and URLs, groups and order, the generated Markdown, and the
tree work on a plain Python-Markdown rendering (no MkDocs). Real site builds are in
``test_index_site.py``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from mkdocs_glossary_plugin.i18n import strings_for
from mkdocs_glossary_plugin.index import (
    SPLIT_THRESHOLD,
    IndexExtension,
    IndexLayout,
    IndexRenderState,
    LocalFiles,
    backlinks_by_term,
    bar_letters,
    build_pages,
    check_index_path,
    default_title,
    escape_jinja,
    fill_backlinks,
    fragment,
    group_slug,
    make_layout,
    restore_jinja,
)
from mkdocs_glossary_plugin.model import Glossary, Term, group_of, make_id, sort_key_of


def glossary_of(*terms: Term) -> Glossary:
    return Glossary(terms=list(terms))


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    assert text.startswith("---\n")
    head, _, body = text[4:].partition("\n---\n")
    return yaml.safe_load(head), body


def render(
    glossary: Glossary,
    *,
    split: str = "never",
    page: int = 0,
    language: str = "en",
    extensions: tuple[Any, ...] = (),
    backlinks: bool = True,
    hangul: bool = False,
    title: str = "Glossary",
) -> tuple[BeautifulSoup, markdown.Markdown, IndexRenderState]:
    """Render one generated page with plain Python-Markdown, as MkDocs would (minus MkDocs)."""
    layout = make_layout(glossary, "glossary.md", split, True)
    pages = build_pages(
        glossary,
        layout,
        title=title,
        strings=strings_for(language),
        backlinks=backlinks,
        hangul=hangul,
    )
    state = IndexRenderState(current=pages[page].plan)
    md = markdown.Markdown(extensions=[*extensions, "toc", IndexExtension(state)])
    _, body = split_front_matter(pages[page].markdown)
    html = md.convert(body)
    return BeautifulSoup(html, "html.parser"), md, state


# -- small pure helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "slug"),
    [("A", "a"), ("Z", "z"), ("ㄱ", "ㄱ"), ("ㅎ", "ㅎ"), ("#", "0-9"), ("Α", "α"), ("日", "日")],
)
def test_group_slug(group: str, slug: str) -> None:
    assert group_slug(group) == slug


@pytest.mark.parametrize(
    ("term_id", "expected"),
    [
        ("residual-block", "residual-block"),
        ("정규화", "정규화"),
        ("c-2", "c-2"),
        ("a b", "a%20b"),
        ('x"y', "x%22y"),
        ("50%", "50%25"),
        ("a#b", "a%23b"),
    ],
)
def test_fragment(term_id: str, expected: str) -> None:
    assert fragment(term_id) == expected


@pytest.mark.parametrize(
    ("path", "ok"),
    [
        ("glossary.md", True),
        ("reference/glossary.md", True),
        ("glossary/index.md", True),
        ("glossary.html", False),
        ("glossary", False),
        ("/glossary.md", False),
        ("../glossary.md", False),
        ("a/../../glossary.md", False),
    ],
)
def test_check_index_path(path: str, ok: bool) -> None:
    assert (check_index_path(path) is None) is ok


def test_escape_jinja_hides_every_template_start_and_round_trips() -> None:
    text = "`{{ page.title }}` and {% raw %} and {# note #} and {{{x}}} and {a} and {:.c}"
    hidden = escape_jinja(text)
    for seq in ("{{", "{%", "{#"):
        assert seq not in hidden
    assert "{a}" in hidden and "{:.c}" in hidden  # only template starts are touched
    assert restore_jinja(hidden) == text


# -- groups and order (model helpers the page relies on) -----------------------------------------


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("ResNet", "R"),
        ("residual", "R"),
        ("Élan", "E"),
        ("3D convolution", "#"),
        ("-gram", "#"),
        ("가중치", "ㄱ"),
        ("까마귀", "ㄱ"),  # double consonant under its plain one
        ("떡", "ㄷ"),
        ("빵", "ㅂ"),
        ("쌀", "ㅅ"),
        ("짜장", "ㅈ"),
        ("하늘", "ㅎ"),
        ("ㄲ자", "ㄱ"),
        ("αβ", "Α"),
    ],
)
def test_group_of(name: str, group: str) -> None:
    assert group_of(name) == group


def test_sort_order_is_case_and_accent_insensitive_and_hangul_in_ganada_order() -> None:
    names = [
        "zeta",
        "Élan",
        "apple",
        "Banana",
        "elan",
        "eagle",
        "기차",
        "까치",
        "가나",
        "나무",
        "ㄱ자",
    ]
    assert sorted(names, key=sort_key_of) == [
        "apple",
        "Banana",
        "eagle",
        "elan",
        "Élan",
        "zeta",
        "ㄱ자",
        "가나",
        "기차",
        "까치",
        "나무",
    ]


def test_groups_order_digits_latin_hangul_other_scripts_and_sort_key_overrides() -> None:
    glossary = glossary_of(
        Term("하늘"),
        Term("beta"),
        Term("Alpha"),
        Term("2D"),
        Term("αλφα"),
        Term("가지"),
        Term("The Zone", sort_key="Zone"),
    )
    groups = glossary.groups()
    assert list(groups) == ["#", "A", "B", "Z", "ㄱ", "ㅎ", "Α"]
    assert [t.name for t in groups["Z"]] == ["The Zone"]


# -- layout ---------------------------------------------------------------------------------------


def _terms(n: int) -> Glossary:
    return glossary_of(*(Term(f"term {i:04d}") for i in range(n)))


def test_split_auto_only_above_the_threshold() -> None:
    assert not make_layout(_terms(SPLIT_THRESHOLD), "glossary.md", "auto", True).split
    assert make_layout(_terms(SPLIT_THRESHOLD + 1), "glossary.md", "auto", True).split
    assert not make_layout(_terms(SPLIT_THRESHOLD + 1), "glossary.md", "never", True).split
    assert make_layout(_terms(1), "glossary.md", "always", True).split


GLOSSARY = glossary_of(Term("Residual Block"), Term("정규화"), Term("3D"), Term("C++"), Term("C#"))


@pytest.mark.parametrize(
    ("path", "split", "use_dir", "term", "url"),
    [
        ("glossary.md", "never", True, "Residual Block", "glossary/#residual-block"),
        ("glossary.md", "never", False, "Residual Block", "glossary.html#residual-block"),
        ("glossary.md", "never", True, "정규화", "glossary/#정규화"),
        ("reference/glossary.md", "never", True, "정규화", "reference/glossary/#정규화"),
        ("reference/glossary.md", "never", False, "정규화", "reference/glossary.html#정규화"),
        ("glossary/index.md", "never", True, "C#", "glossary/#c-2"),
        ("glossary/index.md", "never", False, "C#", "glossary/index.html#c-2"),
        ("glossary.md", "always", True, "Residual Block", "glossary/r/#residual-block"),
        ("glossary.md", "always", False, "Residual Block", "glossary/r.html#residual-block"),
        ("glossary.md", "always", True, "정규화", "glossary/%E3%85%88/#정규화"),
        ("glossary.md", "always", True, "3D", "glossary/0-9/#3d"),
        ("reference/glossary.md", "always", False, "C++", "reference/glossary/c.html#c"),
        ("glossary/index.md", "always", True, "C++", "glossary/c/#c"),
        ("index.md", "always", True, "C++", "glossary/c/#c"),
    ],
)
def test_entry_url(path: str, split: str, use_dir: bool, term: str, url: str) -> None:
    layout = make_layout(GLOSSARY, path, split, use_dir)
    found = GLOSSARY.lookup(term)
    assert found is not None
    assert layout.entry_url(found) == url


@pytest.mark.parametrize("split", ["never", "always"])
@pytest.mark.parametrize("use_dir", [True, False])
def test_entry_urls_of_one_layout_follow_each_terms_own_page(split: str, use_dir: bool) -> None:
    """One layout answers for every term, in any order (it remembers each page's URL): each
    entry URL is the URL of that term's page plus its fragment, also for terms the layout was
    not made from (their pages follow their own groups)."""
    terms = [*GLOSSARY, Term("Zymurgy"), Term("Quokka")]  # the last two: not in the glossary
    for order in (terms, terms[::-1]):
        layout = make_layout(GLOSSARY, "reference/glossary.md", split, use_dir)
        assert [layout.entry_url(t) for t in order] == [
            f"{layout.url_of(layout.page_of(t))}#{fragment(t.id)}" for t in order
        ]
    assert len({layout.page_of(t) for t in terms}) == (1 if split == "never" else 6)


def test_split_pages_are_under_the_index_path() -> None:
    layout = make_layout(GLOSSARY, "reference/glossary.md", "always", True)
    assert layout.pages() == [
        "reference/glossary.md",
        "reference/glossary/0-9.md",
        "reference/glossary/c.md",
        "reference/glossary/r.md",
        "reference/glossary/ㅈ.md",
    ]
    assert layout.media_dir == "reference/glossary/media"


# -- the generated Markdown -----------------------------------------------------------------------


def test_generated_markdown_has_front_matter_and_no_template_sequences() -> None:
    glossary = glossary_of(
        Term("Jinja", definition="Write `{{ page.title }}` or `{% if x %}` or `{# c #}`."),
        Term("Brace", definition="Sets {x} and {: .class}"),
    )
    layout = make_layout(glossary, "glossary.md", "never", True)
    (page,) = build_pages(
        glossary,
        layout,
        title="My {{ glossary }} {# x",
        strings=strings_for("en"),
        backlinks=True,
        hangul=False,
    )
    for seq in ("{{", "{%", "{#"):
        assert seq not in page.markdown
    meta, _ = split_front_matter(page.markdown)
    assert meta == {"title": "My {{ glossary }} {# x", "render_macros": False}


def test_template_sequences_in_definitions_render_as_written() -> None:
    glossary = glossary_of(
        Term("Jinja", definition="Write `{{ page.title }}` or `{% if x %}`.\n\n    {# c #}\n")
    )
    soup, _, _ = render(glossary)
    assert [c.get_text() for c in soup.select("code")] == [
        "{{ page.title }}",
        "{% if x %}",
        "{# c #}\n",
    ]


# -- the tree work --------------------------------------------------------------------------------


def test_entries_headings_ids_aliases_scopes_and_empty_entries() -> None:
    glossary = glossary_of(
        Term("정규화", definition="값의 범위를 바꾸는 것."),
        Term("Residual Block", aliases=("잔차 블록", "ResBlock"), definition="A *block*."),
        Term("disparity"),
    )
    soup, md, _ = render(glossary, language="ko")
    h1 = soup.select_one("h1")
    assert h1 is not None and h1.get_text() == "Glossary"
    assert [(h.get("id"), h.get_text()) for h in soup.select("h2")] == [
        ("group-d", "D"),
        ("group-r", "R"),
        ("group-ㅈ", "ㅈ"),
    ]
    assert [(h.get("id"), h.get_text()) for h in soup.select("h3")] == [
        ("disparity", "disparity"),
        ("residual-block", "Residual Block"),
        ("정규화", "정규화"),
    ]
    scopes = soup.select("div[data-glossary-scope]")
    assert [d["data-glossary-scope"] for d in scopes] == ["disparity", "residual-block", "정규화"]
    # Each definition sits right after its heading, inside its scope.
    for h3, scope in zip(soup.select("h3"), scopes, strict=True):
        assert h3.find_next_sibling() is scope
    aliases = scopes[1].select_one("p.glossary-aliases")
    assert aliases is not None and aliases.get_text() == "다른 이름: 잔차 블록, ResBlock"
    assert "no-glossary" in aliases["class"]  # aliases are never linked
    assert scopes[1].select_one("em").get_text() == "block"
    empty = scopes[0].select_one("p.glossary-empty")
    assert empty is not None and empty.get_text() == "아직 정의가 없습니다"
    assert not scopes[2].select("p.glossary-empty")
    # No marker word is left anywhere.
    assert "glossaryindexmarker" not in str(soup)
    # TOC: the title and its groups; the entries are not in it (the letter bar is the navigation,
    # and a search walking the TOC per heading would be quadratic), neither in the tokens nor in
    # ``md.toc``. Their headings keep our ids (checked above: a Hangul heading is not "_1").
    tokens = md.toc_tokens  # type: ignore[attr-defined]
    (title,) = tokens
    assert [(c["id"], c["children"]) for c in title["children"]] == [
        ("group-d", []),
        ("group-r", []),
        ("group-ㅈ", []),
    ]
    toc_html = BeautifulSoup(md.toc, "html.parser")  # type: ignore[attr-defined]
    assert [a["href"] for a in toc_html.select("a")] == [
        f"#{title['id']}",
        "#group-d",
        "#group-r",
        "#group-ㅈ",
    ]


def test_backlink_placeholders_only_with_backlinks() -> None:
    glossary = glossary_of(Term("alpha", definition="x"), Term("beta"))
    soup, _, _ = render(glossary)
    assert [d["data-glossary-backlinks"] for d in soup.select("div.glossary-backlinks")] == [
        "alpha",
        "beta",
    ]
    soup, _, _ = render(glossary, backlinks=False)
    assert not soup.select("div.glossary-backlinks")


def test_headings_inside_definitions_go_below_the_entry() -> None:
    glossary = glossary_of(
        Term("alpha", definition="Intro.\n\n## Details\n\nText.\n\n### More\n\nText."),
        Term("beta", definition="Body."),
    )
    soup, _, _ = render(glossary)
    scope = soup.select_one("div[data-glossary-scope=alpha]")
    assert scope is not None
    assert [h.name for h in scope.find_all(re.compile("^h[1-6]$"))] == ["h4", "h5"]
    # The next entry is still an h3 with its own scope.
    assert [h.get("id") for h in soup.select("h3")] == ["alpha", "beta"]


def test_definitions_use_the_sites_extensions() -> None:
    glossary = glossary_of(
        Term(
            "alpha",
            definition='!!! note "Careful"\n    Inside.\n\n* one\n* two\n\n'
            "| a | b |\n|---|---|\n| 1 | 2 |",
        )
    )
    soup, _, _ = render(glossary, extensions=("admonition", "tables"))
    scope = soup.select_one("div[data-glossary-scope=alpha]")
    assert scope is not None
    assert scope.select_one("div.admonition.note p.admonition-title").get_text() == "Careful"
    assert [li.get_text() for li in scope.select("ul > li")] == ["one", "two"]
    assert scope.select_one("table td").get_text() == "1"


def test_an_unclosed_html_element_is_reported_with_the_term_that_left_it_open() -> None:
    glossary = glossary_of(
        Term("alpha", definition="<div>\nnever closed", path="g.md", line=3),
        Term("beta", definition="Fine.", path="g.md", line=9),
    )
    soup, _, state = render(glossary)
    assert [str(p) for p in state.problems] == [
        "g.md:3: the entry 'beta' is missing from the index page glossary.md: the definition "
        "of 'alpha' probably leaves an HTML element or a code block open"
    ]
    assert [h.get("id") for h in soup.select("h3")] == ["alpha"]


def test_nothing_happens_on_a_page_that_is_not_an_index_page() -> None:
    state = IndexRenderState()
    md = markdown.Markdown(extensions=["toc", IndexExtension(state)])
    html = md.convert("## Title\n\ntext {x}")
    assert html == '<h2 id="title">Title</h2>\n<p>text {x}</p>'


def test_a_rendering_without_markers_while_an_index_page_is_current_is_left_alone() -> None:
    # A tooltip summary rendered with the site's extensions during the index page.
    glossary = glossary_of(Term("alpha", definition="x"))
    layout = make_layout(glossary, "glossary.md", "never", True)
    (page,) = build_pages(
        glossary, layout, title="G", strings=strings_for("en"), backlinks=True, hangul=False
    )
    state = IndexRenderState(current=page.plan)
    md = markdown.Markdown(extensions=[IndexExtension(state)])
    assert md.convert("A summary.") == "<p>A summary.</p>"
    assert state.problems == []


def test_a_definition_containing_the_marker_word_gets_another_marker() -> None:
    glossary = glossary_of(Term("alpha", definition="glossaryindexmarker1x is just text"))
    soup, _, _ = render(glossary)
    scope = soup.select_one("div[data-glossary-scope=alpha]")
    assert scope is not None and scope.get_text().strip() == "glossaryindexmarker1x is just text"


# -- letter bar -----------------------------------------------------------------------------------


def test_bar_letters() -> None:
    latin = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    assert bar_letters(["C", "R"], hangul=False) == latin
    assert bar_letters(["#", "C"], hangul=False) == ["#", *latin]
    hangul = list("ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ")
    assert bar_letters(["C", "ㄱ"], hangul=True) == [*latin, *hangul]
    assert bar_letters(["C", "Α"], hangul=False) == [*latin, "Α"]


def test_letter_bar_links_active_letters_only() -> None:
    glossary = glossary_of(Term("alpha"), Term("charlie"), Term("가지"))
    soup, _, _ = render(glossary)
    bar = soup.select_one("nav.glossary-letters")
    assert bar is not None
    assert bar["aria-label"] == "Glossary letters"
    assert [(a.get_text(), a["href"]) for a in bar.select("a")] == [
        ("A", "#group-a"),
        ("C", "#group-c"),
        ("ㄱ", "#group-ㄱ"),
    ]
    inactive = [s.get_text() for s in bar.select("span.glossary-letter-inactive")]
    assert inactive[:3] == ["B", "D", "E"] and "ㅎ" in inactive and len(inactive) == 24 + 13


def test_hangul_row_for_korean_sites_without_hangul_terms() -> None:
    glossary = glossary_of(Term("alpha"))
    soup, _, _ = render(glossary, hangul=False)
    assert "ㄱ" not in soup.select_one("nav.glossary-letters").get_text()
    soup, _, _ = render(glossary, hangul=True)
    assert "ㄱ" in soup.select_one("nav.glossary-letters").get_text()


def test_group_ids_never_take_a_term_id() -> None:
    glossary = glossary_of(Term("group a"), Term("alpha"))
    soup, _, _ = render(glossary)
    ids = [el["id"] for el in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    assert soup.select_one("h2")["id"] == "group-a-2"


# -- split pages ----------------------------------------------------------------------------------


def test_split_pages_overview_and_group_pages() -> None:
    glossary = glossary_of(Term("alpha"), Term("apex"), Term("charlie"), Term("가지"))
    soup, _, _ = render(glossary, split="always", page=0)
    overview = soup.select_one("ul.glossary-groups")
    assert overview is not None
    assert [(a.get_text(), a["href"]) for a in overview.select("a")] == [
        ("A", "glossary/a.md#group-a"),
        ("C", "glossary/c.md#group-c"),
        ("ㄱ", "glossary/%E3%84%B1.md#group-ㄱ"),  # MkDocs' relpath unquotes it
    ]
    assert overview.select_one("li").get_text() == "A – 2 terms"
    assert not soup.select("h3")
    soup, _, _ = render(glossary, split="always", page=2)  # the C page
    assert soup.select_one("h1").get_text() == "Glossary – C"
    assert [h.get("id") for h in soup.select("h3")] == ["charlie"]
    bar = soup.select_one("nav.glossary-letters")
    assert [(a.get_text(), a["href"]) for a in bar.select("a")] == [
        ("A", "a.md#group-a"),
        ("C", "#group-c"),
        ("ㄱ", "%E3%84%B1.md#group-ㄱ"),
    ]
    assert bar.select_one("a[aria-current=page]").get_text() == "C"


def test_letter_links_of_one_build_are_right_from_every_page_in_any_order() -> None:
    """The plans of one build share the letter bar's links (made once per folder and letter):
    asked from the main page, a group page and that group's own page, in either order, each
    page gets the link relative to itself, and its own group only the anchor."""
    glossary = glossary_of(Term("alpha"), Term("charlie"), Term("가지"))
    expected = {
        ("glossary.md", "C"): "glossary/c.md#group-c",
        ("glossary/a.md", "C"): "c.md#group-c",
        ("glossary/c.md", "C"): "#group-c",
        ("glossary/c.md", "ㄱ"): "%E3%84%B1.md#group-ㄱ",
        ("glossary.md", "ㄱ"): "glossary/%E3%84%B1.md#group-ㄱ",
    }
    for order in (list(expected), list(reversed(expected))):
        layout = make_layout(glossary, "glossary.md", "always", True)
        plans = {
            p.src_path: p.plan
            for p in build_pages(
                glossary,
                layout,
                title="G",
                strings=strings_for("en"),
                backlinks=False,
                hangul=False,
            )
        }
        assert {key: plans[key[0]].href(key[1]) for key in order} == expected


# -- backlinks ------------------------------------------------------------------------------------


def test_backlinks_by_term_in_nav_order_each_once_without_index_pages() -> None:
    usage = {
        "z-last.md": ["b", "a"],
        "index.md": ["a", "a", "c"],
        "glossary.md": ["a"],
        "guide/deep/page.md": ["b"],
        "orphan.md": ["a"],
    }
    order = ["index.md", "guide/deep/page.md", "z-last.md", "glossary.md"]
    assert backlinks_by_term(usage, order, skip={"glossary.md"}) == {
        "a": ["index.md", "z-last.md", "orphan.md"],
        "c": ["index.md"],
        "b": ["guide/deep/page.md", "z-last.md"],
    }


def test_fill_backlinks_replaces_placeholders_and_escapes() -> None:
    content = (
        '<h3 id="a">A</h3>\n<div class="glossary-backlinks" data-glossary-backlinks="a"></div>\n'
        '<h3 id="b&amp;c">B</h3>\n'
        '<div class="glossary-backlinks" data-glossary-backlinks="b&amp;c"></div>\n'
    )
    out = fill_backlinks(
        content, {"a": [("Home <1>", "../"), ("Deep", "../guide/deep/page/")]}, "Used on"
    )
    soup = BeautifulSoup(out, "html.parser")
    (p,) = soup.select("p.glossary-backlinks")
    assert p.get_text() == "Used on: Home <1>, Deep"
    assert [a["href"] for a in p.select("a")] == ["../", "../guide/deep/page/"]
    assert "data-glossary-backlinks" not in out  # the unused one is removed too


# -- local files of definitions -------------------------------------------------------------------


def test_local_files_inside_and_outside_docs_and_missing(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "img").mkdir(parents=True)
    (docs / "img" / "in.png").write_bytes(b"x")
    (tmp_path / "glossary" / "pics").mkdir(parents=True)
    (tmp_path / "glossary" / "pics" / "out.png").write_bytes(b"x")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "out.png").write_bytes(b"y")
    outside = Term(
        "alpha",
        definition="![a](pics/out.png) ![b](../docs/img/in.png) ![c](missing.png) "
        "[ext](https://example.org/x.png) ![d](../other/out.png)",
        path="glossary/terms.md",
        line=4,
    )
    local = LocalFiles(str(docs), str(tmp_path), "glossary/media")
    local.scan([outside])
    assert local.published == {
        "glossary/media/out.png": str(tmp_path / "glossary" / "pics" / "out.png"),
        "glossary/media/out-2.png": str(tmp_path / "other" / "out.png"),
    }
    assert [str(p) for p in local.problems] == [
        f"glossary/terms.md:4: 'missing.png' in the definition of 'alpha' points to "
        f"{tmp_path / 'glossary' / 'missing.png'}, which does not exist"
    ]
    assert local.rewrite(outside, "pics/out.png?v=1#x", "glossary.md") == (
        "glossary/media/out.png?v=1#x"
    )
    assert local.rewrite(outside, "../docs/img/in.png", "reference/glossary.md") == "../img/in.png"
    assert local.rewrite(outside, "missing.png", "glossary.md") is None
    assert local.rewrite(outside, "https://example.org/x.png", "glossary.md") is None
    assert local.rewrite(outside, "#anchor", "glossary.md") is None
    assert len(local.problems) == 1  # each missing file is reported once

    inside = Term("beta", definition="![i](img/in.png)", path="docs/sub/terms.md")
    (docs / "sub" / "img").mkdir(parents=True)
    (docs / "sub" / "img" / "in.png").write_bytes(b"x")
    assert local.rewrite(inside, "img/in.png", "glossary.md") == "sub/img/in.png"


def test_image_urls_are_rewritten_on_the_page(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "d.png").write_bytes(b"x")
    (tmp_path / "docs").mkdir()
    glossary = glossary_of(
        Term("alpha", definition="![d](d.png) [link](d.png)", path="glossary/terms.md")
    )
    layout = make_layout(glossary, "reference/glossary.md", "never", True)
    local = LocalFiles(str(tmp_path / "docs"), str(tmp_path), layout.media_dir)
    local.scan(glossary)
    (page,) = build_pages(
        glossary,
        layout,
        title="G",
        strings=strings_for("en"),
        backlinks=False,
        hangul=False,
        rewrite=local.rewrite,
    )
    state = IndexRenderState(current=page.plan)
    html = markdown.Markdown(extensions=[IndexExtension(state)]).convert(
        split_front_matter(page.markdown)[1]
    )
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("img")["src"] == "glossary/media/d.png"
    assert soup.select_one("div a")["href"] == "glossary/media/d.png"


# -- title and ids --------------------------------------------------------------------------------


def test_default_title() -> None:
    glossary = glossary_of(Term("alpha"))
    assert default_title(glossary, None, "en") == "Glossary"
    assert default_title(glossary, None, "ko_KR") == "용어집"
    assert default_title(glossary, "Terms", "ko") == "Terms"
    glossary.title = "딥러닝 용어 정리"  # type: ignore[attr-defined]
    assert default_title(glossary, None, "en") == "딥러닝 용어 정리"
    assert default_title(glossary, "Terms", "en") == "Terms"


def test_ids_do_not_change_when_a_definition_changes() -> None:
    before = glossary_of(Term("Residual Block", definition="old"), Term("정규화", definition="a"))
    after = glossary_of(
        Term("Residual Block", definition="new text\n\nwith more"), Term("정규화", definition="")
    )
    assert [t.id for t in before] == [t.id for t in after] == ["residual-block", "정규화"]
    soup_before, _, _ = render(before)
    soup_after, _, _ = render(after)
    assert [h["id"] for h in soup_before.select("h3")] == [h["id"] for h in soup_after.select("h3")]


def test_colliding_ids_get_numbered_deterministically() -> None:
    glossary = glossary_of(Term("C++", path="g.md", line=1), Term("C#", path="g.md", line=5))
    assert [t.id for t in glossary] == ["c", "c-2"]
    assert make_id("C++") == make_id("C#") == "c"
    (problem,) = [p for p in glossary.problems if "same id" in p.message]
    assert str(problem) == "g.md:5: 'C#' has the same id 'c' as 'C++' (g.md:1); its entry is '#c-2'"
    soup, _, _ = render(glossary)
    assert [h["id"] for h in soup.select("h3")] == ["c-2", "c"]  # "c#" sorts before "c++"


def test_layout_is_frozen_value() -> None:
    layout = IndexLayout("glossary.md", False, True)
    assert layout.pages() == ["glossary.md"]
    assert layout.base == "glossary"


def test_an_empty_glossary_still_gives_a_page_with_an_inactive_bar() -> None:
    soup, _, state = render(glossary_of())
    assert soup.select_one("h1").get_text() == "Glossary"
    bar = soup.select_one("nav.glossary-letters")
    assert bar is not None and not bar.select("a")
    assert len(bar.select(".glossary-letter-inactive")) == 26
    assert not soup.select("h2, h3")
    assert state.problems == []


def test_fragment_quotes_exactly_the_ascii_a_fragment_may_not_hold() -> None:
    """RFC 3986: a fragment holds letters, digits, ``-._~``, the sub-delimiters ``!$&'()*+,;=``,
    ``:``, ``@``, ``/`` and ``?``; any other ASCII character is percent-quoted, non-ASCII stays
    (readable Hangul anchors). Every ASCII character is checked, so a character dropped from
    or added to the quoted set fails here."""
    allowed = set("-._~!$&'()*+,;=:@/?")
    for code in range(128):
        ch = chr(code)
        keep = ch.isalnum() or ch in allowed
        assert fragment(f"a{ch}b") == (f"a{ch}b" if keep else f"a%{code:02X}b"), repr(ch)
    assert fragment("정규화·é") == "정규화·é"
