"""Heading entries, the seed's format: names, aliases, structure, body habits (GUIDE §3.1, §12)."""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from mkdocs_glossary_plugin.model import Glossary, Term, make_id
from mkdocs_glossary_plugin.sources import headings, load
from mkdocs_glossary_plugin.sources.headings import normalise_body, split_name

FIXTURE = Path(__file__).parent / "fixtures" / "sources" / "seedlike.md"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_61ca8ec2bf5f38d6.txt"


def render(text: str) -> BeautifulSoup:
    """A definition as MkDocs renders it by default (plus superfences, as Material sites do)."""
    html = markdown.markdown(text, extensions=["toc", "tables", "pymdownx.superfences"])
    return BeautifulSoup(html, "html.parser")


# -- names -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "display", "name", "aliases"),
    [
        ("Stochastic Gradient Descent(SGD, 확률적 경사하강법)", "Stochastic Gradient Descent",
         "Stochastic Gradient Descent", ("SGD", "확률적 경사하강법")),
        ("ViT (vision transformer)", "ViT", "ViT", ("vision transformer",)),
        ("FLOP(FLoating-point OPerations)", "FLOP", "FLOP", ("FLoating-point OPerations",)),
        ("Residual Function (F(x))", "Residual Function (F(x))", "Residual Function", ()),
        ("Temperature (T = 2)", "Temperature (T = 2)", "Temperature", ()),
        ("Year (2015)", "Year (2015)", "Year", ()),
        ("Dilated (Atrous) convolution", "Dilated (Atrous) convolution",
         "Dilated (Atrous) convolution", ()),
        ("normalization(정규화)", "normalization", "normalization", ("정규화",)),
        ("Loss（손실）", "Loss", "Loss", ("손실",)),
        ("MLP (Multi-Layer Perceptron, 다층 퍼셉트론)", "MLP", "MLP",
         ("Multi-Layer Perceptron", "다층 퍼셉트론")),
        ("ViT (ViT, vit)", "ViT", "ViT", ()),  # repeats of the name are not aliases
        ("(alone)", "(alone)", "(alone)", ()),
        ("Broken (paren", "Broken (paren", "Broken (paren", ()),
        ("Kernel (a, )", "Kernel (a, )", "Kernel", ()),  # an empty item is not a name
        ("Word (one two three four five six seven eight nine)",
         "Word (one two three four five six seven eight nine)", "Word", ()),  # a sentence
        ("plain", "plain", "plain", ()),
    ],
)  # fmt: skip
def test_split_name(heading: str, display: str, name: str, aliases: tuple[str, ...]) -> None:
    assert split_name(heading) == (display, name, aliases)


@pytest.mark.parametrize(
    ("line", "display", "aliases", "explicit_id"),
    [
        ("#### * dropout", "dropout", (), ""),
        ("#### - dropout", "dropout", (), ""),
        ("#### + dropout", "dropout", (), ""),
        ("#### 1. dropout", "dropout", (), ""),
        ("#### 3D convolution", "3D convolution", (), ""),
        ("#### **Knowledge** _Distillation_ (KD)", "Knowledge Distillation", ("KD",), ""),
        ("#### `LayerNorm` (layer norm)", "LayerNorm", ("layer norm",), ""),
        ("#### [ResNet](https://arxiv.org) (잔차 신경망)", "ResNet", ("잔차 신경망",), ""),
        ("#### snake_case_name", "snake_case_name", (), ""),
        ("#### A\\* search", "A* search", (), ""),
        ("#### <abbr>GPU</abbr> ####", "GPU", (), ""),
        ("#### Batch Norm {#bn}", "Batch Norm", (), "bn"),
        ("#### Batch Norm { .cls #bn2 }", "Batch Norm", (), "bn2"),
    ],
)  # fmt: skip
def test_heading_names(line: str, display: str, aliases: tuple[str, ...], explicit_id: str) -> None:
    parsed = headings.parse(f"## B\n{line}\n: text\n", "g.md")
    [term] = parsed.terms
    assert (term.display_name, term.aliases) == (display, aliases)
    assert term.id == (explicit_id or make_id(display)) and term.explicit_id == bool(explicit_id)


# -- structure -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names", "title"),
    [
        # group headings above the term level are skipped, whatever their level
        ("## A\n#### Apple\n: x\n## B\n#### Banana\n", ["Apple", "Banana"], None),
        ("# ㄱ\n## 가지\n: x\n# ㄴ\n## 나무\n", ["가지", "나무"], None),
        # a lone # page title is the title, not a term
        ("# My glossary\n\n## Apple\n: x\n## Banana\n: y\n", ["Apple", "Banana"], "My glossary"),
        # several # headings are terms
        ("# Apple\n: x\n# Banana\n: y\n", ["Apple", "Banana"], None),
        # at the term level, a one-letter heading is a term (the R language)
        ("## A\n### Apple\n: x\n### R\n: a language\n", ["Apple", "R"], None),
        # deeper headings belong to the body
        ("## Apple\n: x\n### Example\nmore\n## Banana\n", ["Apple", "Banana"], None),
        # ranges and letterless headings are groups too
        ("## 0-9\n### 3D\n: x\n## A–C\n### Apple\n## #\n### C#\n", ["3D", "Apple", "C#"], None),
        # headings inside fenced code are not headings
        ("## Apple\n```\n## Not a term\n```\n## Banana\n", ["Apple", "Banana"], None),
    ],
)
def test_structure(text: str, names: list[str], title: str | None) -> None:
    parsed = headings.parse(text, "g.md")
    assert [t.name for t in parsed.terms] == names
    assert parsed.title == title


def test_deeper_heading_stays_in_body() -> None:
    [apple, _] = headings.parse("## Apple\n: x\n### Example\nmore\n## Banana\n", "g.md").terms
    assert "### Example" in apple.definition and "more" in apple.definition


def test_front_matter_title_wins_and_is_not_content() -> None:
    text = "---\ntitle: 용어집\n---\n# Page title\n## A\n### Apple\n: x\n"
    parsed = headings.parse(text, "g.md")
    assert parsed.title == "용어집"
    assert [t.name for t in parsed.terms] == ["Apple"]
    assert parsed.terms[0].line == 6


def test_invalid_front_matter_is_a_warning_with_line() -> None:
    parsed = headings.parse("---\ntitle: [unclosed\n---\n## A\n### Apple\n", "g.md")
    [problem] = parsed.problems
    assert problem.level == "warning" and problem.path == "g.md" and problem.line == 2
    assert "front matter" in problem.message
    assert [t.name for t in parsed.terms] == ["Apple"]


def test_ignored_text_is_reported_as_info() -> None:
    text = "# Glossary\n\nIntro text.\n\n## A\nstray\n### Apple\n: x\n"
    parsed = headings.parse(text, "g.md")
    assert [t.name for t in parsed.terms] == ["Apple"]
    assert [(p.level, p.line) for p in parsed.problems] == [("info", 3), ("info", 6)]
    assert "before the first term" in parsed.problems[0].message
    assert "'A'" in parsed.problems[1].message


# -- body habits -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # ': ' markers on any line go
        (": first\n: second", "first\nsecond"),
        (":\tfirst", "first"),
        ("a: b", "a: b"),
        # trailing backslash: a break inside a paragraph, nothing at its end
        ("one \\\ntwo", "one  \ntwo"),
        ("one\\\ntwo", "one  \ntwo"),
        ("one \\\n\ntwo", "one\n\ntwo"),
        ("last \\", "last"),
        ("escaped \\\\\nnext", "escaped \\\\\nnext"),
        # a two-space break is kept inside a paragraph, dropped at its end; other spaces go
        ("a  \nb ", "a  \nb"),
        ("a  \n\nb", "a\n\nb"),
        # a list right after a paragraph line gets its blank line; ')' lines stay text
        ("text\n* a\n* b", "text\n\n* a\n* b"),
        ("text\n1. a\n2. b", "text\n\n1. a\n2. b"),
        ("text\n1) a\n2) b", "text\n1) a\n2) b"),
        ("text\n-> note", "text\n-> note"),
        ("1. a \\\n: more\n2. b", "1. a  \nmore\n2. b"),
        # a break is settled by the next line kept: a dropped image line does not count
        ("one \\\n![x]()\ntwo", "one  \ntwo"),
        ("one \\\n![x]()\n\ntwo", "one\n\ntwo"),
        ("one \\\n* item", "one\n\n* item"),
        ("one \\\n## heading", "one\n## heading"),
        ("one \\\n> quote", "one\n> quote"),
        ("* a \\\n* b", "* a\n* b"),
        ("one  \n```\ncode\n```", "one\n\n```\ncode\n```"),
        ("```\ncode\n```\nafter \\\nmore", "```\ncode\n```\n\nafter  \nmore"),
        ("* a\n    * nested", "* a\n    * nested"),
        # empty-URL images go, others stay
        ("text\n\n![ffnn]()\n", "text"),
        ("text\n![]()\nmore", "text\nmore"),
        ("see ![x]() here", "see  here"),
        ("![ok](a.png)", "![ok](a.png)"),
        # fenced code is left as written, with blank lines around it
        ("text\n```\n: keep \\\n![]()\n```\nafter", "text\n\n```\n: keep \\\n![]()\n```\n\nafter"),
        # leading and trailing blank lines go
        ("\n\nbody\n\n\n", "body"),
        ("", ""),
    ],
)
def test_normalise_body(body: str, expected: str) -> None:
    assert normalise_body(body.split("\n")) == expected


def test_closing_rule_belongs_to_the_page() -> None:
    [term] = headings.parse("## A\n### Apple\n: fruit\n\n\n---\n", "g.md").terms
    assert term.definition == "fruit"
    [term] = headings.parse("## A\n### Apple\n: fruit\n---\n\nmore\n", "g.md").terms
    assert "---" in term.definition  # a rule inside the body is content


# -- our own fixture, covering every habit of the seed ---------------------------------------------


@pytest.fixture(scope="module")
def fixture_glossary() -> Glossary:
    return load([str(FIXTURE)], str(FIXTURE.parent))


def by_name(glossary: Glossary, name: str) -> Term:
    term = glossary.lookup(name)
    assert term is not None, name
    return term


def test_fixture_loads(fixture_glossary: Glossary) -> None:
    assert [t.display_name for t in fixture_glossary] == [
        "Batch Normalization", "Cross Entropy", "capsule", "Dense Layer", "Gating (G(x))",
        "GELU", "Knowledge Distillation", "LayerNorm", "tokenizer", "Temperature (T = 2)",
        "warmup",
    ]  # fmt: skip
    assert fixture_glossary.title == "테스트 용어집"
    assert fixture_glossary.problems == []
    assert [t.line for t in fixture_glossary][:3] == [8, 15, 21]


def test_fixture_facts(fixture_glossary: Glossary) -> None:
    g = fixture_glossary
    assert by_name(g, "BN").aliases == ("BN", "배치 정규화")
    assert by_name(g, "FC").name == "Dense Layer"  # heading without a list marker
    gating = by_name(g, "Gating")
    assert (gating.display_name, gating.aliases, gating.id) == ("Gating (G(x))", (), "gating")
    assert by_name(g, "Gaussian Error Linear Unit").name == "GELU"
    assert by_name(g, "KD").name == "Knowledge Distillation"
    assert [t.name for t in g if not t.has_definition] == ["capsule", "warmup"]
    assert "-> Internal covariate shift" in by_name(g, "BN").definition
    for term in g:
        for line in term.definition.splitlines():
            if line.startswith("```") or line.startswith("#"):
                continue
            assert not line.startswith(": "), (term.name, line)
        assert not term.definition.rstrip().endswith("\\"), term.name
        assert "]()" not in term.definition, term.name


def test_fixture_renders(fixture_glossary: Glossary) -> None:
    g = fixture_glossary
    ln = render(by_name(g, "LayerNorm").definition)
    assert [len(ul.find_all("li", recursive=False)) for ul in ln.find_all("ul")] == [2, 2, 1]
    kd = render(by_name(g, "KD").definition)
    assert len(kd.select("ol > li")) == 2 and kd.select("ol > li br")
    gelu = render(by_name(g, "GELU").definition)
    assert not gelu.find(["ol", "ul"]) and "1) 첫째 성질" in gelu.get_text()
    assert len(gelu.find_all("br")) == 2
    temp = render(by_name(g, "Temperature").definition)
    assert "#### not a heading" in temp.select_one("pre").get_text() and not temp.find("h4")
    assert render(by_name(g, "Cross Entropy").definition).find("img")["src"].endswith("ce.png")


# -- the real seed ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(request: pytest.FixtureRequest) -> Glossary:
    path: Path = request.getfixturevalue("seed_path")
    return load([str(path)], str(path.parent))


@pytest.fixture(scope="module")
def seed_path() -> Path:
    """The real seed (module scope, so the seed is parsed once for these tests)."""
    if not SEED.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed glossary missing: {SEED}")
        pytest.skip(f"seed glossary not found at {SEED} (needs ../shared beside the repo)")
    return SEED


@pytest.mark.seed
def test_seed_has_30_terms(seed: Glossary) -> None:
    assert len(seed) == 30
    assert seed.title == "딥러닝 용어 정리"
    assert [p for p in seed.problems if p.level == "warning"] == []


@pytest.mark.seed
def test_seed_facts(seed: Glossary) -> None:
    sgd = by_name(seed, "SGD")
    assert (sgd.name, sgd.aliases) == ("Stochastic Gradient Descent", ("SGD", "확률적 경사하강법"))
    assert sgd.id == "stochastic-gradient-descent"
    rf = by_name(seed, "Residual Function")
    assert (rf.display_name, rf.aliases) == ("Residual Function (F(x))", ())
    ffnn = by_name(seed, "Feed-forward neural networks")
    assert ffnn.aliases == ("FFNN", "순방향 신경망")
    assert by_name(seed, "FLOP").aliases == ("FLoating-point OPerations",)
    assert by_name(seed, "ViT").aliases == ("vision transformer",)
    assert by_name(seed, "정규화").name == "normalization"
    assert sorted(t.name for t in seed if not t.has_definition) == [
        "MLP", "disparity", "group convolution",
    ]  # fmt: skip
    assert "-> Exponentially low convergence rate" in by_name(seed, "수렴속도").definition
    for term in seed:
        assert all(not line.startswith(": ") for line in term.definition.splitlines()), term.name
        assert all(not line.rstrip().endswith("\\") for line in term.definition.splitlines())
        assert "![ffnn]()" not in term.definition and "]()" not in term.definition
    assert by_name(seed, "Zero Mapping").line == 223
    assert by_name(seed, "Convergence rate").line == 12


@pytest.mark.seed
def test_seed_renders(seed: Glossary) -> None:
    norm = render(by_name(seed, "normalization").definition)
    top = norm.find("ul")
    assert top is not None
    items = top.find_all("li", recursive=False)
    assert [li.contents[0].strip() for li in items] == ["장점", "단점"]
    assert [len(li.select("ul > li")) for li in items] == [2, 2]
    highway = render(by_name(seed, "Highway Networks").definition)
    assert not highway.find(["ol", "ul"])
    assert "1) 정보 고속도로 건설" in highway.get_text() and "2) gate unit" in highway.get_text()
    vlad = render(by_name(seed, "VLAD").definition)
    assert len(vlad.select("ol > li")) == 4
    assert not vlad.find("dl") and ": 먼저" not in vlad.get_text()
    conv = render(by_name(seed, "Convergence rate").definition)
    assert len(conv.find_all("p")) == 1 and len(conv.find_all("br")) == 2
    swin = render(by_name(seed, "swin").definition)
    assert len(swin.select("ul > li")) == 3 and swin.find("img")
    for term in seed:
        html = str(render(term.definition))
        assert "\\" not in BeautifulSoup(html, "html.parser").get_text(), term.name
