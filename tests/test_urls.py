"""The pure URL helpers: page URLs as MkDocs makes them, and relative links between pages."""

from __future__ import annotations

import posixpath

import pytest

from mkdocs_glossary_plugin.urls import fragment_base, page_url, relative_url, split_fragment


@pytest.mark.parametrize(
    ("src", "directory_urls", "expected"),
    [
        ("index.md", True, ""),
        ("index.md", False, "index.html"),
        ("README.md", True, ""),
        ("glossary.md", True, "glossary/"),
        ("glossary.md", False, "glossary.html"),
        ("ref/glossary.md", True, "ref/glossary/"),
        ("ref/glossary.md", False, "ref/glossary.html"),
        ("ref/index.md", True, "ref/"),
        ("ref/index.md", False, "ref/index.html"),
        ("ref/README.md", False, "ref/index.html"),
        ("a/b/c/terms.md", True, "a/b/c/terms/"),
        ("용어집.md", True, "%EC%9A%A9%EC%96%B4%EC%A7%91/"),
        ("my terms.md", False, "my%20terms.html"),
        ("glossary/index.md", True, "glossary/"),
    ],
)
def test_page_url_matches_mkdocs(src: str, directory_urls: bool, expected: str) -> None:
    assert page_url(src, directory_urls) == expected


def test_page_url_agrees_with_mkdocs_file() -> None:
    """The same rules as MkDocs' own ``File.url`` / ``Page.url`` (the test may import MkDocs)."""
    from mkdocs.structure.files import File

    for src in ["index.md", "a.md", "a/index.md", "a/b/c.md", "용어/집.md", "x y/README.md"]:
        for directory_urls in (True, False):
            f = File(src, "/docs", "/site", directory_urls)
            url = "" if f.url in (".", "./") else f.url
            assert page_url(src, directory_urls) == url, (src, directory_urls)


# (page URL, index URL + fragment, expected href), for both URL styles and depths 0-3.
DIRECTORY_CASES = [
    ("", "glossary/#resnet", "glossary/#resnet"),
    ("guide/", "glossary/#resnet", "../glossary/#resnet"),
    ("guide/setup/", "glossary/#resnet", "../../glossary/#resnet"),
    ("a/b/c/", "glossary/#resnet", "../../../glossary/#resnet"),
    ("glossary/", "glossary/#resnet", "#resnet"),
    ("glossary/sub/", "glossary/#resnet", "../#resnet"),
    ("ref/", "ref/glossary/#x", "glossary/#x"),
    ("ref/deep/", "ref/glossary/#x", "../glossary/#x"),
    ("other/", "ref/glossary/#x", "../ref/glossary/#x"),
    ("ref/", "ref/#x", "#x"),
    ("", "#x", "#x"),
    ("guide/", "#x", "../#x"),
    ("glossary/a/", "glossary/%E3%84%B1/#%EC%A0%95", "../%E3%84%B1/#%EC%A0%95"),
    ("guide/", "glossary/#정규화", "../glossary/#정규화"),
]
FILE_CASES = [
    ("index.html", "glossary.html#resnet", "glossary.html#resnet"),
    ("guide.html", "glossary.html#resnet", "glossary.html#resnet"),
    ("guide/setup.html", "glossary.html#resnet", "../glossary.html#resnet"),
    ("a/b/c/page.html", "glossary.html#resnet", "../../../glossary.html#resnet"),
    ("a/b/index.html", "glossary.html#resnet", "../../glossary.html#resnet"),
    ("glossary.html", "glossary.html#resnet", "#resnet"),
    ("ref/glossary.html", "ref/glossary.html#x", "#x"),
    ("ref/page.html", "ref/glossary.html#x", "glossary.html#x"),
    ("other/page.html", "ref/glossary.html#x", "../ref/glossary.html#x"),
    ("index.html", "index.html#x", "#x"),
    ("guide.html", "index.html#x", "index.html#x"),
    ("glossary/a.html", "glossary/b.html#x", "b.html#x"),
]


@pytest.mark.parametrize(("page", "target", "expected"), DIRECTORY_CASES + FILE_CASES)
def test_relative_url(page: str, target: str, expected: str) -> None:
    assert relative_url(target, page) == expected


@pytest.mark.parametrize(("page", "target", "expected"), DIRECTORY_CASES + FILE_CASES)
def test_fragment_base_plus_fragment_is_the_relative_url(
    page: str, target: str, expected: str
) -> None:
    """The linker joins ``fragment_base`` (once per index page and page) with each term's
    fragment: that must be exactly the link ``relative_url`` makes."""
    path, fragment = split_fragment(target)
    if fragment:
        assert f"{fragment_base(path, page)}#{fragment}" == expected
    for frag in ("x", "잔차-블록", "a%20b"):
        assert f"{fragment_base(path, page)}#{frag}" == relative_url(f"{path}#{frag}", page)


@pytest.mark.parametrize(("page", "target", "expected"), DIRECTORY_CASES + FILE_CASES)
def test_relative_url_resolves_back_to_the_target(page: str, target: str, expected: str) -> None:
    """What a browser does with the href: resolve it against the page's URL."""
    from urllib.parse import urljoin

    base = "https://example.org/sub/path/"
    assert urljoin(base + page, expected) == base + target


@pytest.mark.parametrize(
    ("page", "target"),
    [(p, t) for p, t, _ in DIRECTORY_CASES + FILE_CASES],
)
def test_relative_url_agrees_with_mkdocs(page: str, target: str) -> None:
    """MkDocs' ``get_relative_url`` gives the same path (it drops the fragment handling)."""
    from mkdocs.utils import get_relative_url

    path = split_fragment(target)[0]
    ours = relative_url(target, page)
    if ours.startswith("#"):
        return  # same page: we write only the fragment
    theirs = get_relative_url(path or ".", page)
    ours_path = split_fragment(ours)[0]
    assert posixpath.normpath(ours_path) == posixpath.normpath(theirs), (page, target)


def test_split_fragment() -> None:
    assert split_fragment("a/b/#x") == ("a/b/", "x")
    assert split_fragment("a/b/") == ("a/b/", "")
    assert split_fragment("#x") == ("", "x")
