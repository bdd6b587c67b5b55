"""The pure URL helpers: page URLs as MkDocs makes them, and relative links between pages."""

from __future__ import annotations

import ntpath
import posixpath
from pathlib import Path
from types import SimpleNamespace

import pytest

from mkdocs_glossary_plugin import urls
from mkdocs_glossary_plugin.urls import (
    fragment_base,
    inside,
    page_url,
    relative_url,
    split_fragment,
)


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


# -- inside: the one "is this path in that folder" question -----------------------------------

# (path, folder, expected), relative to a temporary project folder.
INSIDE_CASES = [
    ("docs/glossary.md", "docs", True),
    ("docs/sub/deep/a.png", "docs", True),
    ("docs", "docs", True),  # the folder itself
    ("docs/", "docs", True),
    ("glossary.yml", "docs", False),
    ("docs-old/glossary.md", "docs", False),  # a prefix of the name is not the folder
    ("docs/../glossary.yml", "docs", False),  # normalised before comparing
    ("docs/./sub/../a.md", "docs", True),
    ("other/docs/a.md", "docs", False),
    ("docs/a.md", "docs/sub", False),
    ("용어/집.md", "용어", True),
]


@pytest.mark.parametrize(("path", "folder", "expected"), INSIDE_CASES)
def test_inside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: str, folder: str, expected: bool
) -> None:
    """Relative paths are read from the working folder, absolute ones as given: same answer."""
    assert inside(str(tmp_path / path), str(tmp_path / folder)) is expected
    assert inside(str(tmp_path / path), str(tmp_path / folder), resolve_links=True) is expected
    monkeypatch.chdir(tmp_path)
    assert inside(path, folder) is expected


def test_inside_resolves_links_only_when_asked(tmp_path: Path) -> None:
    """A link in docs to a file outside: the path is inside, the real file is not (what MkDocs'
    own watcher of docs_dir would miss)."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "glossary.yml").write_text("x", "utf-8")
    link = tmp_path / "docs" / "glossary.yml"
    link.symlink_to(tmp_path / "glossary.yml")
    assert inside(str(link), str(tmp_path / "docs"))
    assert not inside(str(link), str(tmp_path / "docs"), resolve_links=True)


@pytest.mark.parametrize(
    ("path", "folder", "expected"),
    [
        ("D:\\site\\glossary.md", "C:\\site\\docs", False),  # another drive
        ("C:\\site\\docs\\glossary.md", "C:\\site\\docs", True),
        ("C:\\site\\glossary.md", "C:\\site\\docs", False),
    ],
)
def test_inside_on_windows_paths(
    monkeypatch: pytest.MonkeyPatch, path: str, folder: str, expected: bool
) -> None:
    """Windows rules (``ntpath``, which runs on any OS): paths on two drives make
    ``os.path.commonpath`` raise ``ValueError``; ``inside`` answers False instead of failing."""
    with pytest.raises(ValueError):
        ntpath.commonpath(["D:\\x", "C:\\y"])
    monkeypatch.setattr(urls, "os", SimpleNamespace(path=ntpath))
    assert inside(path, folder) is expected
