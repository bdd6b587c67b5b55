"""The matcher against the rules of GUIDE §4 and §12 "Matching", one table row per rule.

Each row is (text, expected mentions as (text as written, term id)), with a one-line reason as
its id. The glossary is the seed's terms plus a few that exercise a rule the seed lacks (``-ies``
plurals, punctuation in a key, a case-sensitive override).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from mkdocs_glossary_plugin.matching import (
    PARTICLE_SEQUENCES,
    Match,
    Matcher,
    canonical,
    is_particle_sequence,
    script_class,
)
from mkdocs_glossary_plugin.model import Term

TERMS = [
    Term("Residual Block", path="g.md", line=1),
    Term("Residual learning"),
    Term("Residual"),
    Term("ResNet"),
    Term("FLOP", aliases=("FLoating-point OPerations",)),
    Term("Inductive Bias", aliases=("귀납 편향",)),
    Term("normalization", aliases=("정규화",)),
    Term("텐서"),
    Term("배치"),
    Term("블록"),
    Term("양자화"),
    Term("Identity Mapping"),
    Term("self attention"),
    Term("Convergence rate", aliases=("수렴속도",)),
    Term("radient"),
    Term("MLP", aliases=("Multi-Layer Perceptron", "다층 퍼셉트론")),
    Term("Stochastic Gradient Descent", aliases=("SGD", "확률적 경사하강법")),
    Term("ViT", aliases=("vision transformer",)),
    Term("Vector Quantization", aliases=("VQ", "벡터 양자화")),
    Term("Highway Networks"),
    Term("Pooling"),
    Term("Max Pooling"),
    Term("Pre-conditioning"),
    Term("shortcut connection", aliases=("skip connection",)),
    Term("Feed-forward neural networks", aliases=("FFNN", "순방향 신경망")),
    Term("Dependency"),
    Term("batch"),
    Term("epoch"),
    Term("GPU"),
    Term("k-means"),
    Term("Transformer", case_sensitive=True),
    Term(".NET"),
    Term("F(x)"),
    Term("딥러닝"),
    Term("학습률"),
    Term("x", path="g.md", line=99),
    Term("depthwise convolution"),
    Term("convolution"),
    Term("Bias"),
    Term("Hero"),
    Term("Day"),
    Term("Zero Mapping", link=False),
]

MATCHER = Matcher(TERMS)


def found(text: str, matcher: Matcher = MATCHER) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.term_id) for m in matcher.find(text)]


P = pytest.param
CASES = [
    # --- the seed's own sentences ------------------------------------------------------------
    P(
        "ResNet에서는 이러한 Identity Mapping을 통해",
        [("ResNet", "resnet"), ("Identity Mapping", "identity-mapping")],
        id="seed: Latin terms followed by particles",
    ),
    P(
        "-> Residual Block을 plain layer과 비교하여",
        [("Residual Block", "residual-block")],
        id="seed: longer term beats its prefix when glued to 을",
    ),
    P(
        "Residual Block들을 쌓는다",
        [("Residual Block", "residual-block")],
        id="seed: plural 들 + 을 after a Latin term",
    ),
    P("FLOP이 높을수록 모델이 더 복잡하고", [("FLOP", "flop")], id="seed: acronym followed by 이"),
    P(
        "범인은 주변 인물일 가능성이 높다고 생각하는 것이 귀납편향이다.",
        [("귀납편향", "inductive-bias")],
        id="seed: spaceless 귀납편향 + copula 이다",
    ),
    P(
        "정규화는 데이터의 특성(feature) 값을",
        [("정규화", "normalization")],
        id="seed: 정규화 + topic particle 는",
    ),
    P(
        "정규화 과정에서 일부 정보가",
        [("정규화", "normalization")],
        id="seed: Hangul term before a space",
    ),
    P(
        "계산 비용 증가: 정규화를 위해",
        [("정규화", "normalization")],
        id="seed: 정규화 + object particle 를",
    ),
    P("텐서플로", [], id="seed habit: 텐서 is not in 텐서플로 (other Hangul follows)"),
    P("미니배치", [], id="배치 does not start inside the Hangul word 미니배치"),
    P("Pre-ResNet", [], id="hyphen glued before: Pre-ResNet is another name"),
    P("ResNet-50", [], id="hyphen glued after: ResNet-50 is another name"),
    P(
        "깊은 plain 모델은 수렴 속도가 지수적으로",
        [("수렴 속도", "convergence-rate")],
        id="seed: 수렴속도 key matches 수렴 속도 with a space",
    ),
    P(
        "즉, plain layer와 다르게 Residual Block에는 skip connection이 존재한다.",
        [("Residual Block", "residual-block"), ("skip connection", "shortcut-connection")],
        id="seed: alias links to its term, 에는 and 이",
    ),
    P(
        "ResNet의 Shortcut Connection은 항상 열려있기",
        [("ResNet", "resnet"), ("Shortcut Connection", "shortcut-connection")],
        id="seed: lower-case key matches Title Case (auto)",
    ),
    P(
        "inductive bias(귀납편향)가 없어",
        [("inductive bias", "inductive-bias"), ("귀납편향", "inductive-bias")],
        id="seed: lower-case text, and a Hangul alias before )",
    ),
    P("ViT가 classificatoin이외에서는", [("ViT", "vit")], id="seed: ViT + 가"),
    P("ViT에서는 입력이미지를", [("ViT", "vit")], id="seed: ViT + 에서는"),
    P(
        "벡터 양자화는 데이터 압축에",
        [("벡터 양자화", "vector-quantization")],
        id="seed: multi-word Hangul alias beats the single-word term 양자화",
    ),
    P(
        "ResNet 논문에서는 Residual Block의 학습 난이도를",
        [("ResNet", "resnet"), ("Residual Block", "residual-block")],
        id="seed: genitive 의",
    ),
    P(
        "이때 F(x)는 Residual Function(잔차 함수)이다.",
        [("F(x)", "f-x"), ("Residual", "residual")],
        id="seed: punctuation in a key; Residual before Function",
    ),
    P("MobileNetV2에서 처음 도입된", [], id="no term inside MobileNetV2"),
    P("dropout은", [], id="a word that is no key"),
    # --- left edge ---------------------------------------------------------------------------
    P("gradients", [], id="radient does not start inside the Latin word gradients"),
    P("a radient b", [("radient", "radient")], id="the synthetic key radient matches as a word"),
    P("양자화를", [("양자화", "양자화")], id="Hangul term at the start + 를"),
    P(
        "벡터양자화를",
        [("벡터양자화", "vector-quantization")],
        id="spaceless 벡터양자화 matches the alias 벡터 양자화",
    ),
    P("비양자화", [], id="양자화 does not start inside 비양자화"),
    P("(SGD)", [("SGD", "stochastic-gradient-descent")], id="parentheses are edges"),
    P("'ResNet'", [("ResNet", "resnet")], id="quotes are edges"),
    P("딥ResNet", [("ResNet", "resnet")], id="Hangul before Latin is an edge"),
    P("3ResNet", [], id="a digit before a Latin term is inside the word"),
    P("3정규화", [("정규화", "normalization")], id="a digit before a Hangul term is an edge"),
    P("xResNet", [], id="a Latin letter before the term is inside the word"),
    P("Super-Residual Block", [], id="hyphen glued before a multi-word term"),
    P("pre_ResNet", [], id="underscore glued before joins the words"),
    P("- ResNet", [("ResNet", "resnet")], id="a list-like hyphen with a space is no glue"),
    P("ResNet - 50", [("ResNet", "resnet")], id="a spaced dash after the term is no glue"),
    P("ResNet–50", [("ResNet", "resnet")], id="an en dash is punctuation, not a joining hyphen"),
    # --- right edge, Latin-final -------------------------------------------------------------
    P("ResNet기반", [("ResNet", "resnet")], id="any Hangul may follow a Latin-final term"),
    P("ResNet50", [], id="a digit glued after a Latin term"),
    P("ResNets", [("ResNets", "resnet")], id="regular English plural of a CamelCase name"),
    P("ResNeta", [], id="another Latin letter after the term"),
    P("ResNet.", [("ResNet", "resnet")], id="sentence punctuation after the term"),
    P("ResNet's depth", [("ResNet", "resnet")], id="possessive apostrophe is an edge"),
    P("ResNet_v2", [], id="underscore glued after joins the words"),
    P(
        "Identity Mapping을",
        [("Identity Mapping", "identity-mapping")],
        id="Latin multi-word term + 을",
    ),
    P(
        "Identity Mappings",
        [("Identity Mappings", "identity-mapping")],
        id="plural on the last word",
    ),
    P("Identity Mappingy", [], id="a non-plural letter after the last word"),
    # --- plurals -----------------------------------------------------------------------------
    P("FLOPs가 높다", [("FLOPs", "flop")], id="acronym plural with a lower-case s, then 가"),
    P("FLOPS", [], id="FLOPS is not a plural of FLOP"),
    P("MLPs are universal", [("MLPs", "mlp")], id="acronym plural MLPs"),
    P("MLPS", [], id="upper-case S after an acronym is another word"),
    P("GPUs와 TPU", [("GPUs", "gpu")], id="acronym plural before 와"),
    P("two batches", [("batches", "batch")], id="es after ch"),
    P("ten epochs", [("epochs", "epoch")], id="s after ch: epochs, as spelling cannot tell"),
    P("Dependencies", [("Dependencies", "dependency")], id="consonant + y becomes ies"),
    P("dependencies", [("dependencies", "dependency")], id="ies plural, lower case"),
    P("Dependencys", [], id="no plain s after consonant + y"),
    P("two biases", [("biases", "bias")], id="es after a final s"),
    P(
        "two heros and heroes",
        [("heros", "hero"), ("heroes", "hero")],
        id="s or es after a final o",
    ),
    P("two days", [("days", "day")], id="vowel + y takes a plain s"),
    P("two daies", [], id="vowel + y does not become ies"),
    P(
        "Residual Blocks을",
        [("Residual Blocks", "residual-block")],
        id="plural then a Hangul particle",
    ),
    P(
        "Highway Networks",
        [("Highway Networks", "highway-networks")],
        id="a plural term as written",
    ),
    P("Highway Network", [], id="no singularisation of a plural term"),
    P(
        "Pre-conditionings",
        [("Pre-conditionings", "pre-conditioning")],
        id="plural of a hyphenated term",
    ),
    P("ViTs", [("ViTs", "vit")], id="plural of a mixed-case name"),
    P("ViTS", [], id="a case-sensitive plural takes a lower-case s"),
    # --- right edge, Hangul-final: particles and endings -------------------------------------
    P("정규화하면 학습이 빨라진다", [("정규화", "normalization")], id="하다 conjugation 하면"),
    P("정규화된 값", [("정규화", "normalization")], id="되다 adnominal 된"),
    P("정규화되어 있다", [("정규화", "normalization")], id="되다 connective 되어"),
    P("정규화했다", [("정규화", "normalization")], id="하다 past 했다"),
    P("정규화함으로써", [("정규화", "normalization")], id="nominal 함 + 으로써"),
    P("정규화시켜서", [("정규화", "normalization")], id="시키다 + 어서 contracted"),
    P("정규화에서는", [("정규화", "normalization")], id="stacked particles 에서 + 는"),
    P("정규화로부터의", [("정규화", "normalization")], id="로 + 부터 + 의"),
    P("정규화만을", [("정규화", "normalization")], id="delimiter 만 + object 을"),
    P("정규화이다", [("정규화", "normalization")], id="copula 이다"),
    P("정규화다", [("정규화", "normalization")], id="copula after a vowel without 이"),
    P("정규화라는", [("정규화", "normalization")], id="copula quotative 라는"),
    P("정규화입니다", [("정규화", "normalization")], id="polite copula 입니다"),
    P("정규화였다", [("정규화", "normalization")], id="past copula contracted 였다"),
    P("정규화예요", [("정규화", "normalization")], id="polite copula 예요"),
    P("정규화기법", [], id="other Hangul (기법) after the term"),
    P("정규화를통해", [], id="a particle followed by more Hangul is no edge"),
    P("블록들을", [("블록", "블록")], id="plural 들 + 을 after a Hangul term"),
    P("블록들이다", [("블록", "블록")], id="plural 들 + copula"),
    P("블록체인", [], id="블록 is not in 블록체인"),
    P("텐서를", [("텐서", "텐서")], id="텐서 + 를 (compare 텐서플로)"),
    P("텐서, 배치", [("텐서", "텐서"), ("배치", "배치")], id="comma and space are edges"),
    P("딥러닝에게도", [("딥러닝", "딥러닝")], id="에게 + 도"),
    P("학습률을 낮춘다", [("학습률", "학습률")], id="Hangul term ending in a consonant + 을"),
    P("학습률과 배치", [("학습률", "학습률"), ("배치", "배치")], id="conjunctive 과"),
    P("정규화2", [("정규화", "normalization")], id="a digit after a Hangul term is a non-letter"),
    P("정규화layer", [("정규화", "normalization")], id="Latin after a Hangul term is an edge"),
    # --- separators ------------------------------------------------------------------------
    P("Self-Attention", [("Self-Attention", "self-attention")], id="hyphen = space, any case"),
    P("self-attention", [("self-attention", "self-attention")], id="hyphenated lower case"),
    P("self  attention", [("self  attention", "self-attention")], id="two spaces count as one"),
    P(
        "self\nattention",
        [("self\nattention", "self-attention")],
        id="a newline between words counts as a space",
    ),
    P("selfattention", [], id="Latin words of a key may not be glued"),
    P("self -attention", [], id="a hyphen after a space is no separator"),
    P(
        "Multi Layer Perceptron",
        [("Multi Layer Perceptron", "mlp")],
        id="space where the key has a hyphen",
    ),
    P("k means clustering", [("k means", "k-means")], id="a hyphenated key matches with a space"),
    P("k-means", [("k-means", "k-means")], id="a hyphenated key matches itself"),
    P(
        "Pre-conditioning을",
        [("Pre-conditioning", "pre-conditioning")],
        id="a key containing the hyphenated form matches it",
    ),
    P("귀납 편향", [("귀납 편향", "inductive-bias")], id="Hangul alias as written"),
    P("귀납\n편향", [("귀납\n편향", "inductive-bias")], id="newline between Hangul words"),
    P(
        "귀 납편향이",
        [("귀 납편향", "inductive-bias")],
        id="a space anywhere between Hangul syllables",
    ),
    P("수렴속도를", [("수렴속도", "convergence-rate")], id="spaceless Hangul alias + 를"),
    P(
        "확률적 경사 하강법으로",
        [("확률적 경사 하강법", "stochastic-gradient-descent")],
        id="extra space inside a Hangul alias",
    ),
    P(
        "순방향신경망은",
        [("순방향신경망", "feed-forward-neural-networks")],
        id="no space inside a Hangul alias",
    ),
    # --- longest match and fallback -----------------------------------------------------------
    P("Max Pooling", [("Max Pooling", "max-pooling")], id="longest of Max Pooling / Pooling"),
    P(
        "Pooling과 Max Pooling",
        [("Pooling", "pooling"), ("Max Pooling", "max-pooling")],
        id="both, leftmost first",
    ),
    P(
        "Residual learning을",
        [("Residual learning", "residual-learning")],
        id="longest of three Residual keys",
    ),
    P(
        "Residual Blockchain",
        [("Residual", "residual")],
        id="longest fails its right edge, the shorter one matches",
    ),
    P(
        "Residual Block-wise",
        [("Residual", "residual")],
        id="longest fails on a glued hyphen, fallback",
    ),
    P(
        "depthwise convolution",
        [("depthwise convolution", "depthwise-convolution")],
        id="two-word term over its last word",
    ),
    P(
        "group convolution",
        [("convolution", "convolution")],
        id="the last word alone is a term too",
    ),
    # --- case --------------------------------------------------------------------------------
    P("resnet", [], id="ResNet is case-sensitive under auto"),
    P("RESNET", [], id="ResNet does not match all caps"),
    P("sgd", [], id="acronym SGD is case-sensitive"),
    P(
        "IDENTITY MAPPING",
        [("IDENTITY MAPPING", "identity-mapping")],
        id="Title Case key is case-insensitive",
    ),
    P("floating-point operations", [], id="FLoating-point OPerations is case-sensitive (FLoating)"),
    P(
        "FLoating point OPerations",
        [("FLoating point OPerations", "flop")],
        id="case-sensitive key, space for hyphen",
    ),
    P("transformer", [], id="Term.case_sensitive=True overrides auto"),
    P("Transformer", [("Transformer", "transformer")], id="the override still matches as written"),
    P(
        "Vision Transformer",
        [("Vision Transformer", "vit")],
        id="a case-insensitive alias over a case-sensitive term",
    ),
    # --- punctuation keys, short keys, unlinked terms ------------------------------------------
    P(
        ".NET과 F(x)",
        [(".NET", "net"), ("F(x)", "f-x")],
        id="keys starting or ending with punctuation",
    ),
    P("x축", [], id="a one-character key is never auto-linked"),
    P("Zero Mapping", [], id="a term with link: false is not compiled"),
    P("", [], id="empty text"),
    P("   \n ", [], id="only whitespace"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_table(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_table_is_large_enough() -> None:
    """The issue asks for at least 100 cases, Korean and English, positive and negative."""
    assert len(CASES) >= 100
    texts = [str(c.values[0]) for c in CASES]
    expected = [list(c.values[1]) for c in CASES]  # type: ignore[call-overload]
    assert sum(1 for t in texts if any(script_class(ch) == "H" for ch in t)) >= 40
    assert sum(1 for e in expected if e) >= 50
    assert sum(1 for e in expected if not e) >= 25


# --- a hyphen between a Latin (or digit) word and a Hangul word is an edge -------------------

HYPHEN_MATCHER = Matcher(
    [Term("OpenAPI"), Term("ResNet"), Term("정규화"), Term("딥러닝"), Term("Pre-conditioning")]
)
HYPHEN_CASES = [
    P("OpenAPI-특화 기능", [("OpenAPI", "openapi")], id="Latin, hyphen, Hangul: edge after"),
    P("딥-ResNet", [("ResNet", "resnet")], id="Hangul, hyphen, Latin: edge before"),
    P("OpenAPI\u2010특화", [("OpenAPI", "openapi")], id="U+2010 HYPHEN is a hyphen too"),
    P("3-정규화", [("정규화", "정규화")], id="a digit is Latin: edge before a Hangul term"),
    P("정규화-layer", [("정규화", "정규화")], id="Hangul-final term, hyphen, Latin: edge"),
    P(
        "딥러닝-ResNet",
        [("딥러닝", "딥러닝"), ("ResNet", "resnet")],
        id="both sides of one hyphen are edges",
    ),
    P("ResNet-50", [], id="Latin-digit hyphen still joins"),
    P("Pre-ResNet", [], id="Latin-Latin hyphen still joins"),
    P("ResNet-50-기반", [], id="ResNet-50 is still another name before a Hangul word"),
    P("딥-정규화", [], id="Hangul-Hangul hyphen still joins, before the term"),
    P("정규화-기반", [], id="Hangul-Hangul hyphen still joins, after the term"),
    P("딥_ResNet", [], id="an underscore joins across scripts, before"),
    P("OpenAPI_특화", [], id="an underscore joins across scripts, after"),
    P(
        "Pre-conditioning-기반",
        [("Pre-conditioning", "pre-conditioning")],
        id="a key with a hyphen, then a hyphen and Hangul",
    ),
]


@pytest.mark.parametrize(("text", "expected"), HYPHEN_CASES)
def test_hyphen_between_latin_and_hangul(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, HYPHEN_MATCHER) == expected


# --- a full stop, @ or backslash glued between two Latin words makes a name, not prose --------

DOTTED_MATCHER = Matcher([Term("ViT"), Term("dropout"), Term("정규화"), Term("Residual Block")])
DOTTED_CASES = [
    P("Open ViT.py first.", [], id="a file name: the term before the extension"),
    P("Open vit_base.py or dropout.py.", [], id="a file name ending a sentence"),
    P("See models.ViT for it.", [], id="a dotted identifier: the term after a dot"),
    P("torch.nn.dropout is a class.", [], id="a dotted module path"),
    P("Version 1.0.dropout build.", [], id="a digit word before the dot is Latin too"),
    P("Mail dropout@lab.org now.", [], id="an e-mail address, the term before @"),
    P("Mail me@dropout.org now.", [], id="an e-mail address, the term after @"),
    P("C:\\models\\ViT\\weights", [], id="a Windows path"),
    P("We use ViT. Dropout too.", [("ViT", "vit"), ("Dropout", "dropout")], id="a sentence end"),
    P("We use ViT.", [("ViT", "vit")], id="a full stop at the end of the text"),
    P("ViT... dropout", [("ViT", "vit"), ("dropout", "dropout")], id="an ellipsis of dots"),
    P("ViT.이 정규화.그", [("ViT", "vit"), ("정규화", "정규화")], id="Hangul after a dot: edge"),
    P("3.정규화", [("정규화", "정규화")], id="a digit, a dot, a Hangul term: edge"),
    P("Residual Block.py", [], id="a multi-word key before an extension"),
    P("ViT@ 3", [("ViT", "vit")], id="an @ before a space is an edge"),
]


@pytest.mark.parametrize(("text", "expected"), DOTTED_CASES)
def test_dot_at_or_backslash_between_latin_words_joins(
    text: str, expected: list[tuple[str, str]]
) -> None:
    """A full stop, ``@`` or ``\\`` glued between two Latin (or digit) words makes a file name,
    identifier, address or path, never prose: no term is mentioned inside it. Next to a space,
    the end of the text, another dot or Hangul, it is punctuation, an edge."""
    assert found(text, DOTTED_MATCHER) == expected


def test_a_term_containing_the_hyphenated_form_still_matches_it() -> None:
    m = Matcher([Term("ResNet"), Term("ResNet-50")])
    assert found("ResNet-50, ResNet-50-기반, ResNet-기반", m) == [
        ("ResNet-50", "resnet-50"),
        ("ResNet-50", "resnet-50"),
        ("ResNet", "resnet"),
    ]


def test_match_fields() -> None:
    [m] = MATCHER.find("the Multi-Layer Perceptron는")
    assert m == Match(4, 26, "mlp", "Multi-Layer Perceptron")


def test_short_keys_are_reported_with_file_and_line() -> None:
    [problem] = MATCHER.problems
    assert problem.level == "info"
    assert (problem.path, problem.line) == ("g.md", 99)
    assert "'x'" in problem.message and "shorter than 2 characters" in problem.message
    assert str(problem).startswith("g.md:99: ")


def test_short_alias_of_a_long_term_is_reported_and_the_name_still_links() -> None:
    m = Matcher([Term("Loss", aliases=("L",), path="a.yml", line=3)])
    assert [p.message for p in m.problems] == [
        "the alias 'L' of 'Loss' is shorter than 2 characters: it is not linked automatically "
        "(the entry stays in the index; link it explicitly)"
    ]
    assert found("L and Loss", m) == [("Loss", "loss")]


def test_case_policy_true_and_false() -> None:
    terms = [Term("Identity Mapping"), Term("ResNet")]
    strict = Matcher(terms, case_sensitive=True)
    assert found("identity mapping, Identity Mapping, resnet", strict) == [
        ("Identity Mapping", "identity-mapping")
    ]
    loose = Matcher(terms, case_sensitive=False)
    assert found("identity mapping, RESNET", loose) == [
        ("identity mapping", "identity-mapping"),
        ("RESNET", "resnet"),
    ]


def test_term_override_wins_over_site_policy() -> None:
    m = Matcher([Term("ResNet", case_sensitive=False)], case_sensitive=True)
    assert found("resnet", m) == [("resnet", "resnet")]


def test_plurals_off() -> None:
    m = Matcher([Term("FLOP"), Term("Residual Block")], plurals=False)
    assert found("FLOPs, Residual Blocks, FLOP, Residual Block을", m) == [
        ("FLOP", "flop"),
        ("Residual Block", "residual-block"),
    ]


def test_acronym_plural_under_case_insensitive_policy() -> None:
    """Without case sensitivity, FLOP matches flop, and flops is its plural; FLOPS still is not."""
    m = Matcher([Term("FLOP")], case_sensitive=False)
    assert found("flop flops FLOPS FLOPs", m) == [
        ("flop", "flop"),
        ("flops", "flop"),
        ("FLOPs", "flop"),
    ]


def test_duplicate_keys_first_term_wins_whatever_else() -> None:
    first = Term("Batch", aliases=("배치",))
    second = Term("배치 크기", aliases=("batch",))
    assert found("batch 배치", Matcher([first, second])) == [("batch", "batch"), ("배치", "batch")]
    assert found("batch 배치", Matcher([second, first])) == [
        ("batch", "배치-크기"),
        ("배치", "batch"),
    ]


def test_same_key_case_sensitive_and_not_picks_the_one_that_matches() -> None:
    cs = Term("Attention", id="cs", case_sensitive=True)
    ci = Term("attention", id="ci")
    m = Matcher([cs, ci])
    assert found("Attention attention ATTENTION", m) == [
        ("Attention", "cs"),
        ("attention", "ci"),
        ("ATTENTION", "ci"),
    ]


def test_offsets_refer_to_text_that_is_not_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "그 정규화는 Café와 ResNet을")
    m = Matcher([Term("정규화"), Term("Café"), Term("ResNet")])
    matches = m.find(nfd)
    assert [unicodedata.normalize("NFC", nfd[x.start : x.end]) for x in matches] == [
        "정규화",
        "Café",
        "ResNet",
    ]
    assert [x.term_id for x in matches] == ["정규화", "café", "resnet"]


def test_combining_mark_after_a_key_is_inside_the_word() -> None:
    # "e" + U+0301 composes to "é" under NFC: "Cafe" is not in "Café" written decomposed.
    m = Matcher([Term("Cafe")])
    assert found("Cafe\u0301", m) == []
    assert found("Cafe!", m) == [("Cafe", "cafe")]


def test_matches_are_leftmost_and_do_not_overlap() -> None:
    m = Matcher([Term("Residual Block"), Term("Block Diagram")])
    assert found("Residual Block Diagram", m) == [("Residual Block", "residual-block")]


def test_greek_and_cjk_are_their_own_scripts() -> None:
    m = Matcher([Term("αβ"), Term("深度")])
    assert found("αβ, γαβ, αβ정규화, 深度, 很深度", m) == [
        ("αβ", "αβ"),
        ("αβ", "αβ"),
        ("深度", "深度"),
    ]


def test_the_linkers_flow_separators_are_edges() -> None:
    """The linker joins blocks with NUL and stands U+FFFC for skipped content: both are edges,
    and a key never runs across them."""
    m = Matcher([Term("정규화"), Term("Residual Block"), Term("귀납 편향")])
    assert found("정규화\x00Residual\x00Block\ufffc귀납\x00편향 정규화\ufffc플로", m) == [
        ("정규화", "정규화"),
        ("정규화", "정규화"),
    ]


def test_key_and_text_with_special_lower_case() -> None:
    """İ lower-cases to two characters: offsets must not shift after it."""
    m = Matcher([Term("ResNet")])
    assert found("İİ ResNet", m) == [("ResNet", "resnet")]


# --- the particle grammar -------------------------------------------------------------------

PARTICLES_IN = [
    "은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "께", "한테", "로", "으로",
    "와", "과", "랑", "이랑", "하고", "도", "만", "까지", "부터", "마저", "조차", "처럼", "보다",
    "같이", "이나", "나", "이며", "며", "이든지", "든지", "라도", "이라도", "야", "이야",
    "이다", "이고", "이라", "이란", "인", "입니다", "이에요", "예요", "였다", "이었다", "다",
    "라는", "란", "하다", "하는", "하여", "해", "해서", "했다", "하면", "하기", "함", "한",
    "할", "된", "되는", "되어", "돼", "되면", "됨", "될", "시키는", "시켜", "들", "들을",
    "들이", "들의", "에서는", "에게도", "으로서", "으로써", "이라는", "에서의", "으로부터",
    "까지만", "만을", "만이라도", "과의", "하기를", "함으로써", "임을", "되었으며", "됐다",
    "받았다", "당했다", "하였다", "합니다", "됩니다", "시킵니다", "받습니다", "할수록",
    "뿐만", "이자", "이면서", "이기", "들에게", "들과의", "입니다만", "에서처럼",
]  # fmt: skip
PARTICLES_OUT = [
    "플로", "기법", "체인", "를통해", "화", "적", "성", "률", "값", "망", "자", "기", "은을",
    "도를", "에서를", "들들", "뿐뿐", "하하",
]  # fmt: skip


@pytest.mark.parametrize("suffix", PARTICLES_IN)
def test_particle_sequences_accept(suffix: str) -> None:
    assert is_particle_sequence(suffix)


@pytest.mark.parametrize("suffix", PARTICLES_OUT)
def test_particle_sequences_reject(suffix: str) -> None:
    assert not is_particle_sequence(suffix)


def test_particle_sequences_are_hangul_only() -> None:
    assert all(script_class(ch) == "H" for s in PARTICLE_SEQUENCES for ch in s)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("Self-Attention", "self attention"),
        ("self   attention", "self attention"),
        ("귀납 편향", "귀납편향"),
        ("확률적 경사하강법", "확률적경사하강법"),
        ("Vector 양자화", "vector 양자화"),
        ("->", "->"),
        ("k-means", "k means"),
        ("ΟΔΟΣ", "οδοσ"),
    ],
)
def test_canonical(key: str, expected: str) -> None:
    assert canonical(key) == expected


# --- the real seed glossary ------------------------------------------------------------------

SEED_MENTIONS = [
    (14, "convergence rate", "convergence-rate"),
    (15, "수렴 속도", "convergence-rate"),
    (20, "group convolution", "group-convolution"),
    (26, "pooling", "pooling"),
    (26, "Depthwise convolution", "depthwise-convolution"),
    (33, "기울기 소실", "vanishing-gradient"),
    (33, "degradation", "degradation"),
    (38, "dropout", "dropout"),
    (43, "FLOP", "flop"),
    (44, "FLOP", "flop"),
    (44, "FLOP", "flop"),
    (62, "Highway Networks", "highway-networks"),
    (71, "귀납편향", "inductive-bias"),
    (78, "Identity Mapping", "identity-mapping"),
    (78, "Shortcut Connection", "shortcut-connection"),
    (96, "정규화", "normalization"),
    (102, "정규화", "normalization"),
    (103, "정규화", "normalization"),
    (115, "Identity Mapping", "identity-mapping"),
    (115, "Residual Block", "residual-block"),
    (115, "Pre-conditioning", "pre-conditioning"),
    (115, "Identity Mapping", "identity-mapping"),
    (115, "Residual Block", "residual-block"),
    (126, "residual learning", "residual-learning"),
    (131, "Residual Block", "residual-block"),
    (132, "Residual Block", "residual-block"),
    (133, "Residual Block", "residual-block"),
    (133, "skip connection", "shortcut-connection"),
    (146, "ViT", "vit"),
    (147, "ViT", "vit"),
    (148, "ViT", "vit"),
    (154, "self-attention", "self-attention"),
    (160, "residual learning", "residual-learning"),
    (162, "skip connection", "shortcut-connection"),
    (165, "Shortcut Connection", "shortcut-connection"),
    (166, "Shortcut Connection", "shortcut-connection"),
    (179, "ViT", "vit"),
    (180, "inductive bias", "inductive-bias"),
    (180, "귀납편향", "inductive-bias"),
    (197, "벡터 양자화", "vector-quantization"),
    (198, "벡터 양자화", "vector-quantization"),
    (204, "VLAD", "vector-of-locally-aggregated-descriptors"),
    (211, "Normalization", "normalization"),
    (212, "VLAD", "vector-of-locally-aggregated-descriptors"),
    (225, "Residual Block", "residual-block"),
    (225, "Zero Mapping", "zero-mapping"),
    (225, "Residual Block", "residual-block"),
    (225, "Residual Function", "residual-function"),
    (226, "Zero Mapping", "zero-mapping"),
    (226, "Residual Block", "residual-block"),
    (226, "Identity Mapping", "identity-mapping"),
]


@pytest.mark.seed
def test_the_seed_glossary_finds_its_own_mentions(seed_path: Path) -> None:
    """Every body line of the seed, matched against the seed's own terms (as the sources
    engineer's loader reads them): exactly the mentions a reader would link, and none inside
    MobileNetV2, FNN, 'feedforward', Gradient가 (no such term), ResNet (not in the seed)."""
    from mkdocs_glossary_plugin.sources import load

    glossary = load([str(seed_path)], str(seed_path.parent))
    matcher = Matcher(glossary.terms)
    assert matcher.problems == []
    got = []
    for number, line in enumerate(seed_path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#") or "://" in line:
            continue  # headings and image lines are not body text on a page
        got += [(number, line[m.start : m.end], m.term_id) for m in matcher.find(line)]
    assert got == SEED_MENTIONS


@pytest.mark.parametrize("gap", [" ", "  ", " \n", "\n ", "\t", "\n"])
def test_a_run_of_whitespace_is_one_separator_whatever_the_other_keys(gap: str) -> None:
    # A bug found while speeding the matcher up: when no key ends at the first word but two
    # keys branch after it, a run of whitespace there was not taken as the separator.
    for extra in ([], [Term("Residual")]):
        matcher = Matcher([Term("Residual Block"), Term("Residual Connection"), *extra])
        text = f"a residual{gap}block and a residual{gap}connection."
        found = [(text[m.start : m.end], m.term_id) for m in matcher.find(text)]
        assert found == [
            (f"residual{gap}block", "residual-block"),
            (f"residual{gap}connection", "residual-connection"),
        ]


def test_is_particle_sequence_recognises_exactly_the_enumerated_grammar() -> None:
    """The matcher recognises particle sequences by parsing them (enumerating the 40,000 of
    them took most of the import time); both come from the same tables and must agree."""
    import random

    from mkdocs_glossary_plugin.matching import korean as mod

    members = PARTICLE_SEQUENCES
    assert len(members) > 40_000
    assert all(is_particle_sequence(s) for s in members)
    extra = ("들", "이", "하", "되", "임", "이기", "플로", "기법", "해", "해보", "되어", "같",
             "만", "여", "이어", "시", "겠", "세요", "엔", "에선", "진", "곤", "선")  # fmt: skip
    tables = (mod._ADVERBIAL, mod._EXTENDER, mod._DELIMITER, mod._STRUCTURAL, mod._ENDINGS,
              mod._COPULA_DROP, mod._COPULA_ONLY, mod._NOMINAL_PARTICLES, mod._NOUN_SUFFIXES,
              mod._EO_ENDINGS, mod._PAST_ENDINGS, mod._AUXILIARIES, extra)  # fmt: skip
    parts = sorted({p for table in tables for p in table})
    probes = {a + b for a in parts for b in parts}
    sample = random.Random(0).sample(sorted(members), 1500)
    for s in sample:
        probes.update((s[:-1], s[1:], "들" + s, s + "들", *(s + p for p in parts[::8])))
    for s in probes:
        assert is_particle_sequence(s) == (s in members), s
