"""schema.org JSON-LD on the index pages (``json_ld``): a ``DefinedTermSet`` in each index page's
``<head>``, one ``DefinedTerm`` per entry the page shows, on real MkDocs builds (Material and the
``mkdocs`` theme), with and without ``site_url``, in both ``use_directory_urls`` modes.

What must hold: the JSON parses and says what the page shows (names, aliases, the tooltip's
summary as text, entry URLs that lead to the entries); no text of a name or definition can end the
script element; nothing of it is in the content or in a search index; and apart from the head the
index page is byte for byte what it is with ``json_ld: false``.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import SAMPLE_GLOSSARY, Builder, content_of, html_of, page_file
from hypothesis import example, given
from hypothesis import strategies as st

from mkdocs_glossary_plugin.index.jsonld import (
    LdTerm,
    defined_term_set,
    insert_in_head,
    script_element,
    script_json,
)
from mkdocs_glossary_plugin.publish import entry_urls, public_url

pytestmark = pytest.mark.slow

HOSTILE_NAME = "</script><script>alert(1)</script>"
GLOSSARY = (
    SAMPLE_GLOSSARY
    + f"""\
- term: {json.dumps(HOSTILE_NAME)}
  aliases: ["<!-- open", "Say \\"it's\\""]
  definition: "Ends `</script><script>alert(2)</script>` here & there, \\"quoted\\"."
- term: 텐서
  aliases: [Tensor]
  definition: 다차원 배열이다. {"설명이 길게 이어지는 두 번째 문장 " * 12}끝.
"""
)
PAGES = {
    "index.md": "# Home\n\nA Residual Block, SGD and Dropout; 텐서를 쓴다.\n",
    "sub/deep.md": "# Deep\n\nDropout again.\n",
}
HOSTILE_ID = "script-script-alert-1-script"
SITE_URL = "https://example.org/docs/"


def _config(**options: Any) -> dict[str, Any]:
    extra = {k: options.pop(k) for k in ("site_url",) if k in options}
    glossary = {"source": "glossary.yml", **options}
    return {"plugins": ["search", {"glossary": glossary}], **extra}


def _files() -> dict[str, str]:
    return {**PAGES, "./glossary.yml": GLOSSARY}


def _ld_scripts(soup: BeautifulSoup) -> list[Any]:
    return soup.select('script[type="application/ld+json"]')


def _ld(site: Path, url: str) -> dict[str, Any]:
    """The one JSON-LD block of a page, parsed; it must be in the head."""
    soup = html_of(site, url)
    scripts = _ld_scripts(soup)
    assert len(scripts) == 1, f"{url}: expected one JSON-LD script, found {len(scripts)}"
    assert scripts[0].find_parent("head") is not None, "the JSON-LD must be in <head>"
    data: dict[str, Any] = json.loads(scripts[0].string)
    return data


def _entry_ids(site: Path, url: str) -> list[str]:
    """The ids of the entries (``h3[id]``) in the index page's content, in order."""
    return [str(h["id"]) for h in content_of(html_of(site, url)).select("h3[id]")]


def _tooltip_summaries(site: Path, url: str) -> dict[str, str]:
    """Term id -> the text of its tooltip summary on the page at ``url``."""
    out = {}
    for span in html_of(site, url).select("[data-glossary-summary]"):
        text = BeautifulSoup(str(span["data-glossary-summary"]), "html.parser").get_text()
        out[str(span["data-glossary-term"])] = " ".join(text.split())
    return out


@pytest.fixture(scope="module")
def absolute(site_builder: Builder) -> Path:
    """Material, ``site_url`` set, directory URLs."""
    return site_builder(_files(), _config(site_url=SITE_URL))


@pytest.fixture(scope="module")
def without_json_ld(site_builder: Builder) -> Path:
    """The same site as ``absolute`` with ``json_ld: false``."""
    return site_builder(_files(), _config(site_url=SITE_URL, json_ld=False))


# -- pure functions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("</script><script>alert(1)</script>", "ends the element and opens another"),
        ("<!-- <script>", "puts the HTML parser into script-data-escaped state"),
        ("a & b > c", "& and > are escaped too"),
        ("line\u2028sep\u2029arator", "U+2028/9 end a line in older JavaScript parsers"),
    ],
)
def test_script_json_keeps_any_text_inside_the_json(text: str, reason: str) -> None:
    """No ``<``, ``>``, ``&``, U+2028 or U+2029 is written raw, and the JSON decodes to the text."""
    out = script_json({"name": text})
    assert not set(out) & set("<>&\u2028\u2029"), reason
    assert json.loads(out) == {"name": text}


@given(st.text(alphabet=st.sampled_from(list('ab<>&\u2028\u2029"\\/\n가')), max_size=30))
def test_script_json_is_json_with_each_unsafe_character_escaped(text: str) -> None:
    """The escaping is exactly one ``\\uXXXX`` per unsafe character of the JSON (the oracle:
    a pattern that replaces each one), so the bytes of the script never depend on how."""
    plain = json.dumps({"t": text}, ensure_ascii=False, separators=(",", ":"))
    oracle = re.sub("[<>&\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", plain)
    assert script_json({"t": text}) == oracle


_URL_PART = st.lists(
    st.text(alphabet=st.sampled_from(list("ab/.?%: 가-")), max_size=8), min_size=1, max_size=3
).map("#".join)  # no fragment, one, or a "#" in the page part; empty parts too
_SITE_URLS = st.sampled_from(
    [
        None,
        "",
        "https://example.org/docs/",
        "https://example.org/docs",
        "https://e.org/a?q=1",
        "https://e.org/a/#top",
        "file:///srv/site/",
        "//cdn.example/p/",
    ]
)


@given(_SITE_URLS, st.sampled_from([None, "", "glossary/a/", "x.html"]), st.lists(_URL_PART))
@example(SITE_URL, None, ["glossary/#a", "glossary/#b", "a#", "a##b", "#b", "a#b#c", ""])
@example("https://e.org/a/#top", "glossary/a/", ["#b"])  # the site's own fragment
def test_entry_urls_are_the_public_urls(
    site_url: str | None, from_page: str | None, urls: list[str]
) -> None:
    """``entry_urls`` joins each entry page once and appends the fragments: for any URL (a
    fragment or none, a ``#`` in the page part, an empty page part) the result is
    ``public_url``'s, asked in any order and again."""
    url = entry_urls(site_url, from_page)
    for u in [*urls, *reversed(urls)]:
        assert url(u) == public_url(site_url, u, from_page)


def test_defined_term_set_leaves_out_missing_aliases_and_descriptions() -> None:
    data = defined_term_set(
        "Glossary",
        "glossary/",
        [LdTerm("a", "A", (), "", "glossary/#a"), LdTerm("b", "B", ("Bee",), "Bees.", "#b")],
    )
    first, second = data["hasDefinedTerm"]
    assert "alternateName" not in first and "description" not in first
    assert second["alternateName"] == ["Bee"] and second["description"] == "Bees."
    assert {t["inDefinedTermSet"] for t in data["hasDefinedTerm"]} == {"glossary/"}


def test_insert_in_head_puts_the_element_before_the_first_head_end_only() -> None:
    page = "<html><HEAD><title>t</title></HEAD><body><p>&lt;/head&gt;</p></body></html>"
    out = insert_in_head(page, script_element({}))
    assert out is not None
    assert out.index("application/ld+json") < out.index("</HEAD>")
    assert out.replace(script_element({}) + "\n", "") == page
    assert insert_in_head("<p>no head</p>", script_element({})) is None


# -- real builds -------------------------------------------------------------------------------


def test_index_page_has_a_defined_term_set_with_every_entry(absolute: Path) -> None:
    """@context, @type, the set's name and URL, and per entry its name, aliases, summary text
    and absolute URL, in the order the page shows the entries."""
    data = _ld(absolute, "glossary/")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "DefinedTermSet"
    assert data["name"] == content_of(html_of(absolute, "glossary/")).select_one("h1").get_text(
        strip=True
    ).rstrip("¶")
    assert data["url"] == data["@id"] == SITE_URL + "glossary/"
    terms = data["hasDefinedTerm"]
    assert [t["termCode"] for t in terms] == _entry_ids(absolute, "glossary/")
    by_name = {t["name"]: t for t in terms}
    assert set(by_name) == {
        "Residual Block",
        "Stochastic Gradient Descent",
        "Dropout",
        HOSTILE_NAME,
        "텐서",
    }
    for term in terms:
        assert term["@type"] == "DefinedTerm"
        assert term["inDefinedTermSet"] == data["@id"]
        assert term["url"] == f"{SITE_URL}glossary/#{term['termCode']}"
    assert by_name["Stochastic Gradient Descent"]["alternateName"] == ["SGD"]
    assert by_name["텐서"]["alternateName"] == ["Tensor"]
    assert "alternateName" not in by_name["Dropout"]
    assert by_name[HOSTILE_NAME]["alternateName"] == ["<!-- open", 'Say "it\'s"']


def test_description_is_the_tooltip_summary_as_text(absolute: Path) -> None:
    """The same summary a tooltip shows, as plain text (its HTML's text)."""
    tooltips = _tooltip_summaries(absolute, "")
    assert {"residual-block", "stochastic-gradient-descent", "dropout", "텐서"} <= set(tooltips)
    ld = {t["termCode"]: t.get("description") for t in _ld(absolute, "glossary/")["hasDefinedTerm"]}
    for term_id, text in tooltips.items():
        assert ld[term_id] == text
    assert ld["텐서"] == "다차원 배열이다."  # the summary is cut; the definition is longer


def test_hostile_names_and_definitions_stay_inside_the_json(
    absolute: Path, without_json_ld: Path
) -> None:
    """A name or definition holding ``</script><script>…`` cannot end the JSON-LD element: the
    page has exactly one more script than without JSON-LD, and the JSON holds the text intact."""
    raw = page_file(absolute, "glossary/").read_text("utf-8")
    assert "<script>alert(" not in raw
    scripts = BeautifulSoup(raw, "html.parser").find_all("script")
    before = html_of(without_json_ld, "glossary/").find_all("script")
    assert len(scripts) == len(before) + 1
    data = _ld(absolute, "glossary/")
    hostile = next(t for t in data["hasDefinedTerm"] if t["name"] == HOSTILE_NAME)
    assert hostile["description"] == (
        'Ends </script><script>alert(2)</script> here & there, "quoted".'
    )


def test_nothing_of_it_in_the_content_or_the_search_index(absolute: Path) -> None:
    for url in ("glossary/", "", "sub/deep/"):
        content = content_of(html_of(absolute, url))
        assert not _ld_scripts(content) and "DefinedTermSet" not in str(content)
    index = (absolute / "search" / "search_index.json").read_text("utf-8")
    assert "DefinedTermSet" not in index and "schema.org" not in index


def test_only_index_pages_carry_it(absolute: Path) -> None:
    assert not _ld_scripts(html_of(absolute, ""))
    assert not _ld_scripts(html_of(absolute, "sub/deep/"))


def test_index_page_is_byte_identical_apart_from_the_head(
    absolute: Path, without_json_ld: Path
) -> None:
    """The only change is the script element (and its line break) before ``</head>``."""
    with_ld = page_file(absolute, "glossary/").read_text("utf-8")
    plain = page_file(without_json_ld, "glossary/").read_text("utf-8")
    script = str(_ld_scripts(BeautifulSoup(with_ld, "html.parser"))[0])
    assert script in with_ld
    start = with_ld.index('<script type="application/ld+json">')
    end = with_ld.index("</script>", start) + len("</script>\n")
    assert with_ld[end:].lstrip().lower().startswith("</head>")
    assert with_ld[:start] + with_ld[end:] == plain
    for url in ("", "sub/deep/"):
        assert page_file(absolute, url).read_bytes() == page_file(without_json_ld, url).read_bytes()


def test_json_ld_false_removes_it(without_json_ld: Path) -> None:
    for url in ("glossary/", "", "sub/deep/"):
        assert not _ld_scripts(html_of(without_json_ld, url))


@pytest.mark.parametrize(
    ("theme", "use_directory_urls"),
    [("material", False), ("mkdocs", True)],
    ids=["material-file-urls", "mkdocs-theme"],
)
def test_without_site_url_urls_are_relative_and_lead_to_the_entries(
    site_builder: Builder, theme: str, use_directory_urls: bool
) -> None:
    """Without ``site_url`` every URL is relative to the index page and resolves to it and to
    an entry id on it; MkDocs' own search (``mkdocs`` theme) does not index it either."""
    site = site_builder(_files(), _config(), theme=theme, use_directory_urls=use_directory_urls)
    url = "glossary/" if use_directory_urls else "glossary.html"
    base = "https://host.invalid/" + url  # where a browser reads the page from
    data = _ld(site, url)
    ids = set(_entry_ids(site, url))
    assert len(ids) == 5 and len(data["hasDefinedTerm"]) == 5
    assert urljoin(base, data["url"]) == base
    for term in data["hasDefinedTerm"]:
        assert "://" not in term["url"] and not term["url"].startswith("/")
        target, _, fragment = urljoin(base, term["url"]).partition("#")
        assert target == base
        assert unquote(fragment) == term["termCode"] and term["termCode"] in ids
    index = (site / "search" / "search_index.json").read_text("utf-8")
    assert "DefinedTermSet" not in index


def test_split_index_each_group_page_describes_its_own_entries(site_builder: Builder) -> None:
    """Each group page's set holds exactly the entries it shows; every page names one set (the
    main index page's URL); with ``site_url``, group pages' entry URLs are absolute."""
    site = site_builder(_files(), _config(site_url=SITE_URL, index={"split": "always"}))
    main = _ld(site, "glossary/")
    assert main["@id"] == SITE_URL + "glossary/"
    assert main.get("hasDefinedTerm", []) == []
    seen: list[str] = []
    group_pages = sorted(p for p in (site / "glossary").glob("*/index.html"))
    assert len(group_pages) >= 4
    for html_file in group_pages:
        url = posixpath.join("glossary", html_file.parent.name) + "/"
        data = _ld(site, url)
        assert data["@id"] == main["@id"] and data["name"] == main["name"]
        codes = [t["termCode"] for t in data["hasDefinedTerm"]]
        assert codes == _entry_ids(site, url)
        for term in data["hasDefinedTerm"]:
            # Paths are percent-encoded as MkDocs writes page URLs (``ㅌ`` -> ``%E3%85%8C``).
            assert unquote(term["url"]) == urljoin(SITE_URL, url) + "#" + term["termCode"]
        seen += codes
    assert sorted(seen) == sorted(
        {"residual-block", "stochastic-gradient-descent", "dropout", "텐서", HOSTILE_ID}
    )


def test_tooltips_off_keeps_the_description_and_adds_nothing_else(
    site_builder: Builder,
) -> None:
    """With ``tooltips: false`` the JSON-LD still has the summaries, and the site is byte for byte
    the site without JSON-LD apart from the index page's head: no tooltip payload appears."""
    on = site_builder(_files(), _config(tooltips=False))
    off = site_builder(_files(), _config(tooltips=False, json_ld=False))
    data = _ld(on, "glossary/")
    descriptions = {t["termCode"]: t.get("description") for t in data["hasDefinedTerm"]}
    assert descriptions["dropout"] == "Randomly zeroes activations while training."
    for url in ("", "sub/deep/"):
        assert page_file(on, url).read_bytes() == page_file(off, url).read_bytes()
    with_ld = page_file(on, "glossary/").read_text("utf-8")
    start = with_ld.index('<script type="application/ld+json">')
    end = with_ld.index("</script>", start) + len("</script>\n")
    assert with_ld[:start] + with_ld[end:] == page_file(off, "glossary/").read_text("utf-8")
