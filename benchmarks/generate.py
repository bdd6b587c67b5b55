"""A seeded, reproducible synthetic MkDocs site for the benchmark.

``python -m benchmarks.generate --pages 500 --terms 1000 --seed 1 --out DIR`` writes:

- ``DIR/glossary.md``: M terms in the seed glossary's format (``## A`` group headings,
  ``#### * Term (ALIAS, 한국어)`` entries, ``: definition`` paragraphs with the seed's kramdown
  habits), outside ``docs/`` so that a build without the plugin has no glossary page at all;
- ``DIR/docs/``: N pages in nested folders with headings, paragraphs, lists, tables, fenced code,
  admonitions, tabs, math and footnotes, in English and Korean, mentioning the terms the way real
  docs do (Korean particles after terms, plurals, lower case, hyphenated forms, acronyms) and
  the way that must *not* link (inside code, links, headings; ``Pre-Xnet`` hyphen compounds);
- ``DIR/mkdocs.yml`` (Material, pymdown-extensions, the ``glossary`` plugin) and
  ``DIR/mkdocs-control.yml`` (the same site without the plugin).

Why synthetic: the benchmark needs 10,000 distinct, realistic terms and a site whose size does not
change with M, so that "linking time per page flat in M" can be read off the table. Names are built
combinatorially from English words with an injective Korean translation
(``Sparse Attention Block`` / ``희소 어텐션 블록`` / ``SAB``), coined CamelCase model names
(``ResFormer``) and Korean-named entries.

Everything comes from one ``random.Random(seed)``; nothing iterates a ``set`` or depends on hash
order, so the output is byte-identical for a seed whatever ``PYTHONHASHSEED`` is.
"""

from __future__ import annotations

import argparse
import posixpath
import random
import re
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "GenTerm",
    "Site",
    "config_yaml",
    "generate_site",
    "main",
    "make_terms",
]

# -- vocabulary (English word, Korean word); every Korean word is distinct ------------------------

MODIFIERS: list[tuple[str, str]] = [
    ("Sparse", "희소"),
    ("Adaptive", "적응형"),
    ("Dense", "밀집"),
    ("Recurrent", "순환"),
    ("Convolutional", "합성곱"),
    ("Stochastic", "확률적"),
    ("Gated", "게이트형"),
    ("Hierarchical", "계층적"),
    ("Contrastive", "대조"),
    ("Variational", "변분"),
    ("Bayesian", "베이즈"),
    ("Quantized", "양자화된"),
    ("Distributed", "분산"),
    ("Federated", "연합"),
    ("Causal", "인과"),
    ("Masked", "마스크"),
    ("Latent", "잠재"),
    ("Spectral", "분광"),
    ("Temporal", "시간적"),
    ("Spatial", "공간적"),
    ("Hybrid", "혼합형"),
    ("Dynamic", "동적"),
    ("Static", "정적"),
    ("Linear", "선형"),
    ("Nonlinear", "비선형"),
    ("Shallow", "얕은"),
    ("Deep", "심층"),
    ("Cross", "교차"),
    ("Local", "국소"),
    ("Global", "전역"),
    ("Relative", "상대"),
    ("Absolute", "절대"),
    ("Inverted", "역전된"),
    ("Depthwise", "깊이별"),
    ("Pointwise", "점별"),
    ("Grouped", "그룹화"),
    ("Dilated", "팽창"),
    ("Weighted", "가중"),
    ("Pretrained", "사전학습"),
    ("Robust", "강건"),
    ("Lightweight", "경량"),
    ("Efficient", "효율적"),
    ("Progressive", "점진적"),
    ("Auxiliary", "보조"),
    ("Conditional", "조건부"),
    ("Discrete", "이산"),
    ("Continuous", "연속"),
    ("Implicit", "암시적"),
    ("Explicit", "명시적"),
    ("Orthogonal", "직교"),
    ("Symmetric", "대칭"),
    ("Elastic", "탄성"),
    ("Cyclic", "주기적"),
    ("Greedy", "탐욕적"),
    ("Residual", "잔차"),
    ("Recursive", "재귀"),
    ("Parallel", "병렬"),
    ("Multimodal", "다중모달"),
    ("Autoregressive", "자기회귀"),
    ("Differentiable", "미분가능"),
]

CORES: list[tuple[str, str]] = [
    ("Attention", "어텐션"),
    ("Gradient", "기울기"),
    ("Feature", "특징"),
    ("Kernel", "커널"),
    ("Token", "토큰"),
    ("Embedding", "임베딩"),
    ("Weight", "가중치"),
    ("Batch", "배치"),
    ("Channel", "채널"),
    ("Pixel", "픽셀"),
    ("Patch", "패치"),
    ("Query", "쿼리"),
    ("Memory", "메모리"),
    ("Policy", "정책"),
    ("Reward", "보상"),
    ("Entropy", "엔트로피"),
    ("Noise", "잡음"),
    ("Signal", "신호"),
    ("Filter", "필터"),
    ("Activation", "활성화"),
    ("Tensor", "텐서"),
    ("Vector", "벡터"),
    ("Sequence", "시퀀스"),
    ("Context", "문맥"),
    ("Decoder", "디코더"),
    ("Encoder", "인코더"),
    ("Cluster", "군집"),
    ("Anchor", "앵커"),
    ("Prior", "사전분포"),
    ("Margin", "마진"),
    ("Distance", "거리"),
    ("Parameter", "파라미터"),
    ("Pipeline", "파이프라인"),
    ("Buffer", "버퍼"),
    ("Cache", "캐시"),
    ("Routing", "라우팅"),
    ("Expert", "전문가"),
    ("Prompt", "프롬프트"),
    ("Label", "레이블"),
    ("Domain", "도메인"),
    ("Manifold", "다양체"),
    ("Codebook", "코드북"),
    ("Frequency", "주파수"),
    ("Phase", "위상"),
    ("Image", "이미지"),
    ("Graph", "그래프"),
    ("Neuron", "뉴런"),
    ("State", "상태"),
    ("Value", "밸류"),
    ("Position", "위치"),
    ("Depth", "깊이"),
    ("Resolution", "해상도"),
    ("Sample", "표본"),
    ("Scale", "척도"),
    ("Spectrum", "스펙트럼"),
    ("Momentum", "모멘텀"),
    ("Logit", "로짓"),
    ("Residue", "잔여"),
    ("Voxel", "복셀"),
    ("Keypoint", "키포인트"),
]

# (English, Korean, countable): only countable heads get English plurals and ``들`` in the text.
HEADS: list[tuple[str, str, bool]] = [
    ("Block", "블록", True),
    ("Module", "모듈", True),
    ("Unit", "유닛", True),
    ("Mapping", "매핑", True),
    ("Function", "함수", True),
    ("Connection", "연결", True),
    ("Regularization", "규제", False),
    ("Normalization", "정규화", False),
    ("Estimation", "추정", False),
    ("Descent", "하강법", False),
    ("Search", "탐색", True),
    ("Sampling", "샘플링", False),
    ("Decomposition", "분해", False),
    ("Projection", "사영", True),
    ("Clipping", "클리핑", False),
    ("Scaling", "스케일링", False),
    ("Pruning", "가지치기", False),
    ("Distillation", "증류", False),
    ("Alignment", "정렬", False),
    ("Fusion", "융합", False),
    ("Aggregation", "집계", False),
    ("Transform", "변환", True),
    ("Encoding", "인코딩", True),
    ("Operator", "연산자", True),
    ("Mechanism", "메커니즘", True),
    ("Head", "헤드", True),
    ("Gate", "게이트", True),
    ("Score", "점수", True),
    ("Space", "공간", True),
    ("Model", "모델", True),
    ("Method", "기법", True),
    ("Strategy", "전략", True),
    ("Bottleneck", "병목", True),
    ("Tree", "트리", True),
    ("Layer", "층", True),
    ("Network", "신경망", True),
    ("Loss", "손실", False),
    ("Schedule", "스케줄", True),
    ("Initialization", "초기화", False),
    ("Propagation", "전파", False),
    ("Quantization", "양자화", False),
]

COINED_PREFIXES = [
    "Res", "Dense", "Mobile", "Shuffle", "Squeeze", "Conv", "Swin", "Deep", "Fast", "Mask",
    "Style", "Point", "Vision", "Audio", "Text", "Big", "Tiny", "Meta", "Hyper", "Auto", "Neo",
    "Omni", "Flash", "Mega", "Nano", "Sparse", "Turbo", "Cross", "Pix", "Wave",
]  # fmt: skip
COINED_SUFFIXES = [
    "Net", "Former", "GAN", "BERT", "Flow", "Mixer", "Diff", "Seg", "Det", "Vec", "Gen", "Fuse",
    "Nav", "Track",
]  # fmt: skip
COINED_VERSIONS = ["", "", "", "V2", "V3", "XL"]

# -- text vocabulary -----------------------------------------------------------------------------

EN_FILLER = [
    "This section describes the configuration used in the experiments.",
    "The numbers below were measured on a single machine.",
    "Results vary with the size of the input and the hardware.",
    "See the previous chapter for the notation.",
    "We keep the defaults unless stated otherwise.",
    "The implementation follows the reference code closely.",
    "Training took about three days on eight accelerators.",
    "A smaller learning rate made the curves smoother.",
    "The appendix lists every hyper-parameter.",
    "Most of the cost is spent in the first few steps.",
    "These choices are discussed again in the ablation study.",
    "In short, the simpler variant is usually good enough.",
]
EN_TEMPLATES = [
    "The {T} improves convergence when it is combined with {T}.",
    "In practice, {T} is often replaced by {T} in larger models.",
    "We compare several {P} against a strong baseline.",
    "Each layer uses a {T} to reduce memory traffic.",
    "A {T} can be seen as a special case of {T}.",
    "Without {T}, the training loss plateaus early.",
    "The authors report that {P} generalise better on small data sets.",
    "Unlike {T}, the {T} keeps the spatial resolution.",
    "{T} was introduced to fix the instability of {T}.",
    "Note how {T} interacts with {T} during fine-tuning.",
    "Two {P} are stacked before the classifier.",
    "The cost of {T} grows linearly with the sequence length.",
    "Our variant of {T} needs no extra parameters.",
    "When {T} is disabled, accuracy drops by two points.",
]
KO_FILLER = [
    "이 절에서는 실험에 사용한 설정을 설명한다.",
    "아래 수치는 한 대의 장비에서 측정한 값이다.",
    "결과는 입력 크기와 하드웨어에 따라 달라진다.",
    "표기법은 앞 장을 참고하면 된다.",
    "별도로 언급하지 않으면 기본값을 그대로 사용한다.",
    "구현은 참조 코드를 거의 그대로 따른다.",
    "학습에는 가속기 여덟 대로 약 사흘이 걸렸다.",
    "학습률을 낮추면 곡선이 더 매끄러워진다.",
    "모든 하이퍼파라미터는 부록에 정리했다.",
    "즉, 대부분의 경우 단순한 방법으로 충분하다.",
]
# ``{T:obj}`` = a mention followed by the object particle chosen for its last sound, etc.
KO_TEMPLATES = [
    "{T:obj} 사용하면 학습이 안정된다.",
    "{T:top} {T:with} 함께 쓰이는 경우가 많다.",
    "이 장에서는 {T:obj} 중심으로 설명한다.",
    "{T:gen} 계산 비용은 입력 크기에 비례한다.",
    "여러 {T:pl_obj} 쌓아서 깊은 모델을 만든다.",
    "{T:subj} 없으면 학습 초기에 손실이 줄지 않는다.",
    "{T:loc} 가장 중요한 것은 초기화이다.",
    "{T:top} {T:gen} 특수한 경우로 볼 수 있다.",
    "최근 연구는 {T:obj} {T:dir} 대체하는 경향이 있다.",
    "{T:top} 메모리 사용량을 줄이기 위해 도입되었다.",
    "{T:cop} 무엇인지는 용어집에서 확인할 수 있다.",
    "{T:pl_top} 서로 독립적으로 동작한다.",
    "{T:obj} 적용하면 정확도가 약 2% 오른다.",
    "{T:top} 파라미터를 추가하지 않는다.",
]
CODE_WORDS = ["model", "layer", "batch", "tensor", "config", "step", "loss", "x", "y", "out"]
HEADING_WORDS_EN = ["Overview", "Background", "Details", "Experiments", "Results", "Notes"]
HEADING_WORDS_KO = ["개요", "배경", "세부 사항", "실험", "결과", "참고"]

# (particle after a final consonant, after a vowel)
PARTICLES: dict[str, tuple[str, str]] = {
    "obj": ("을", "를"),
    "top": ("은", "는"),
    "subj": ("이", "가"),
    "with": ("과", "와"),
    "dir": ("으로", "로"),
    "gen": ("의", "의"),
    "loc": ("에서", "에서"),
    "cop": ("이", "가"),
}
_LATIN_VOWEL_SOUND = "aeiouy"


# -- terms -----------------------------------------------------------------------------------------


@dataclass
class GenTerm:
    """One generated glossary entry and what the page text may call it."""

    name: str
    english: str | None  # the English name (the name itself, or the alias of a Korean-named entry)
    korean: str | None  # the Korean name or alias, words separated by spaces
    acronym: str | None
    countable: bool
    coined: bool
    aliases: list[str] = field(default_factory=list)
    definition: str = ""


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def norm_key(text: str) -> str:
    """The matching identity of a key (case, hyphen = space, optional spaces in Hangul)."""
    text = unicodedata.normalize("NFC", text).casefold().replace("-", " ")
    text = " ".join(text.split())
    out = []
    for i, ch in enumerate(text):
        inner = 0 < i < len(text) - 1
        if ch == " " and inner and _is_hangul(text[i - 1]) and _is_hangul(text[i + 1]):
            continue
        out.append(ch)
    return "".join(out)


def _acronym(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words).upper()


def make_terms(count: int, rng: random.Random, *, one_group: bool = False) -> list[GenTerm]:
    """``count`` terms with pairwise distinct matching keys (names, aliases; plural forms too).

    ``one_group``: every name starts with the same letter (see ``_one_group``)."""
    if count > 60_000:
        raise ValueError(f"at most 60,000 terms can be generated, not {count}")
    seen: set[str] = set()  # only membership tests: no iteration, so hash order never matters
    terms: list[GenTerm] = []

    def free(*keys: str) -> bool:
        normed = [norm_key(k) for k in keys]
        if len(set(normed)) != len(normed):
            return False
        return not any(k in seen or k + "s" in seen or k.removesuffix("s") in seen for k in normed)

    def take(*keys: str) -> None:
        for k in keys:
            seen.add(norm_key(k))

    attempts = 0
    while len(terms) < count:
        attempts += 1
        if attempts > count * 50:
            raise RuntimeError("term generator ran out of combinations")  # pragma: no cover
        roll = rng.random()
        if roll < 0.12:
            name = rng.choice(COINED_PREFIXES) + rng.choice(COINED_SUFFIXES)
            name += rng.choice(COINED_VERSIONS)
            if not free(name):
                continue
            take(name)
            terms.append(GenTerm(name, name, None, None, True, True))
            continue
        head = rng.choice(HEADS)
        if roll < 0.30:
            first = rng.choice(MODIFIERS if rng.random() < 0.5 else CORES)
            parts = [first, (head[0], head[1])]
        elif roll < 0.92:
            parts = [rng.choice(MODIFIERS), rng.choice(CORES), (head[0], head[1])]
        else:
            mods = rng.sample(MODIFIERS, 2)
            parts = [mods[0], mods[1], rng.choice(CORES), (head[0], head[1])]
        en_words = [p[0] for p in parts]
        english = " ".join(en_words)
        ko_words = [p[1] for p in parts]
        # glue the last two Korean words now and then, as in "확률적 경사하강법"
        if rng.random() < 0.3 and len(ko_words) >= 3:
            ko_words[-2:] = [ko_words[-2] + ko_words[-1]]
        korean: str | None = " ".join(ko_words)
        acronym: str | None = _acronym(en_words) if len(en_words) >= 3 else None
        if not free(english):
            continue
        if acronym is not None and (rng.random() < 0.45 or not free(acronym)):
            acronym = None
        if korean is not None and (rng.random() < 0.25 or not free(korean)):
            korean = None
        korean_named = korean is not None and rng.random() < 0.12
        name = korean if korean_named and korean else english
        aliases = [a for a in (acronym, english if korean_named else korean) if a]
        take(name, *aliases)
        terms.append(GenTerm(name, english, korean, acronym, head[2], False, aliases))
    if one_group:
        _one_group(terms)
    for term in terms:
        term.definition = _definition(term, terms, rng)
    return terms


ONE_GROUP_PREFIX = ("Neural", "신경")


def _one_group(terms: Sequence[GenTerm]) -> None:
    """Put every term in the index group ``N``: the worst case of one big group on one page.

    Why a prefix: prepending the same word to every English and Korean name (and ``N`` to every
    acronym) keeps the keys pairwise distinct (the map is injective on each kind of key, and the
    kinds cannot meet: English names now all have a space, acronyms none, Korean names are
    Hangul), so the glossary keeps exactly M terms. Korean-named entries are named in English
    here (their Korean name stays an alias), or they would open Hangul groups."""
    en, ko = ONE_GROUP_PREFIX
    for term in terms:
        term.english = f"{en} {term.english}"
        term.korean = f"{ko} {term.korean}" if term.korean else None
        term.acronym = f"N{term.acronym}" if term.acronym else None
        term.name = term.english
        term.aliases = [a for a in (term.acronym, term.korean) if a]


def _definition(term: GenTerm, terms: Sequence[GenTerm], rng: random.Random) -> str:
    """A seed-like body: ``: `` paragraphs, trailing `` \\`` breaks, lists; 2% have none yet."""
    if rng.random() < 0.02:
        return ""
    lines = [": " + _ko_sentence(rng, terms) + " \\", _ko_sentence(rng, terms)]
    if rng.random() < 0.3:
        lines.append("")
        lines += ["* " + _en_sentence(rng, terms), "* " + _ko_sentence(rng, terms)]
    if rng.random() < 0.3:
        lines += ["", "-> " + _en_sentence(rng, terms)]
    return "\n".join(lines)


def _group_heading(name: str) -> str:
    first = name[0]
    if _is_hangul(first):
        initial = (ord(first) - 0xAC00) // 588
        jamo = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"[initial]
        return {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}.get(jamo, jamo)
    return first.upper()


def _grouped(terms: Sequence[GenTerm]) -> list[tuple[str, list[GenTerm]]]:
    """The terms by group heading, groups and terms in the seed's order (Latin letters first,
    then Hangul; terms by case-folded name)."""
    groups: dict[str, list[GenTerm]] = {}
    for term in terms:
        groups.setdefault(_group_heading(term.name), []).append(term)
    order = sorted(groups, key=lambda g: (_is_hangul(g) or "\u3131" <= g <= "\u314e", g))
    return [
        (group, sorted(groups[group], key=lambda t: (t.name.casefold(), t.name))) for group in order
    ]


def glossary_markdown(terms: Sequence[GenTerm]) -> str:
    """The glossary file, grouped and sorted like the seed (Latin letters first, then Hangul)."""
    out = [
        "---",
        "title: 벤치마크 용어집",
        "categories: [용어]",
        "---",
    ]
    for group, members in _grouped(terms):
        out += [f"## {group}", ""]
        for term in members:
            heading = f"#### * {term.name}"
            if term.aliases:
                heading += f" ({', '.join(term.aliases)})"
            out.append(heading)
            if term.definition:
                out.append(term.definition)
            out.append("")
    return "\n".join(out) + "\n"


# -- mentions --------------------------------------------------------------------------------------


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def _ends_in_consonant_sound(text: str) -> bool:
    last = text.rstrip()[-1]
    if _is_hangul(last):
        return (ord(last) - 0xAC00) % 28 != 0
    if last.isdigit():
        return last in "0136780"
    return last.lower() not in _LATIN_VOWEL_SOUND


def _particle(mention: str, kind: str) -> str:
    if kind == "dir" and _is_hangul(mention[-1]) and (ord(mention[-1]) - 0xAC00) % 28 == 8:
        return "로"  # ㄹ-final takes 로
    after_consonant, after_vowel = PARTICLES[kind]
    return after_consonant if _ends_in_consonant_sound(mention) else after_vowel


def _english_mention(term: GenTerm, rng: random.Random, plural: bool) -> str:
    english = term.english or term.name
    if term.coined:
        return english + "s" if plural else english
    words = english.split(" ")
    if plural and term.countable:
        words = [*words[:-1], _plural(words[-1])]
    choice = rng.random()
    if term.acronym and choice < 0.2:
        return term.acronym + ("s" if plural and term.countable else "")
    if choice < 0.55:
        return " ".join(words)
    if choice < 0.9:
        return " ".join(words).lower()
    return "-".join(words[:-1]).lower() + " " + words[-1].lower()  # "sparse-attention block"


def _korean_mention(term: GenTerm, rng: random.Random) -> str:
    assert term.korean is not None
    return term.korean.replace(" ", "") if rng.random() < 0.25 else term.korean


def _pick(rng: random.Random, terms: Sequence[GenTerm]) -> GenTerm:
    """Zipf-like: a few terms are everywhere, most are rare (as in real docs)."""
    rank = int(len(terms) ** rng.random()) - 1
    return terms[min(max(rank, 0), len(terms) - 1)]


def _decorate(mention: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.06:
        return f"**{mention}**"
    if roll < 0.09:
        return f"*{mention}*"
    return mention


def _en_sentence(rng: random.Random, terms: Sequence[GenTerm]) -> str:
    if rng.random() < 0.3:
        return rng.choice(EN_FILLER)

    def fill(slot: re.Match[str]) -> str:
        plural = slot.group(0) == "{P}"
        return _decorate(_english_mention(_pick(rng, terms), rng, plural), rng)

    text = re.sub(r"\{[TP]\}", fill, rng.choice(EN_TEMPLATES))
    return text[0].upper() + text[1:]


def _ko_sentence(rng: random.Random, terms: Sequence[GenTerm]) -> str:
    if rng.random() < 0.3:
        return rng.choice(KO_FILLER)
    template = rng.choice(KO_TEMPLATES)
    out = []
    rest = template
    while "{T:" in rest:
        before, _, after = rest.partition("{T:")
        kind, _, rest = after.partition("}")
        term = _pick(rng, terms)
        if term.korean and rng.random() < 0.6:
            mention = _korean_mention(term, rng)
        else:
            mention = _english_mention(term, rng, plural=False)
        if kind.startswith("pl_"):
            kind = kind[3:]
            mention += "들"
        out += [before, _decorate(mention, rng), _particle(mention, kind)]
    out.append(rest)
    return "".join(out)


def _paragraph(rng: random.Random, terms: Sequence[GenTerm], korean: bool, links: list[str]) -> str:
    sentences = []
    for _ in range(rng.randint(3, 6)):
        sentence = _ko_sentence(rng, terms) if korean else _en_sentence(rng, terms)
        roll = rng.random()
        if roll < 0.08 and links:  # a link whose label is a term: never linked again
            term = _pick(rng, terms)
            sentence += f" ([{term.english or term.name}]({rng.choice(links)}))"
        elif roll < 0.16:
            term = _pick(rng, terms)
            sentence += f" (`{(term.english or term.name).lower().replace(' ', '_')}()`)"
        elif roll < 0.19:
            coined = _pick(rng, terms)
            if coined.coined:  # hyphen compounds must not link the coined name
                sentence += f" Pre-{coined.name} and {coined.name}-50 are variants."
        elif roll < 0.22:
            sentence += " The score is $s = \\frac{a}{b}$ in this setting."
        sentences.append(sentence)
    return " ".join(sentences)


# -- pages -----------------------------------------------------------------------------------------


def _page_paths(count: int) -> list[str]:
    """``index.md`` plus nested ``section-XX/chapter-YY/page-NNNN.md`` files (some at depth 1)."""
    if count < 1:
        raise ValueError("--pages must be at least 1")
    paths = ["index.md"]
    per = max(1, round(count ** (1 / 3)))
    for i in range(1, count):
        section = (i - 1) % per
        chapter = ((i - 1) // per) % per
        if i % 7 == 0:
            paths.append(f"section-{section + 1:02d}/page-{i:04d}.md")
        else:
            paths.append(f"section-{section + 1:02d}/chapter-{chapter + 1:02d}/page-{i:04d}.md")
    return paths


def _page(
    rng: random.Random, terms: Sequence[GenTerm], path: str, all_paths: Sequence[str], index: int
) -> str:
    korean = index % 2 == 1
    others = [p for p in rng.sample(list(all_paths), min(4, len(all_paths))) if p != path]
    links = [posixpath.relpath(p, posixpath.dirname(path) or ".") for p in others]
    # a page is about a handful of terms: most mentions come from them, some from the whole list
    topic = [_pick(rng, terms) for _ in range(12)]
    local: list[GenTerm] = topic + [_pick(rng, terms) for _ in range(4)]

    def para() -> str:
        return _paragraph(rng, local if rng.random() < 0.7 else terms, korean, links)

    title_term = topic[0]
    title = title_term.korean if korean and title_term.korean else title_term.english
    suffix = "가이드" if korean else "guide"
    out = [f"# {title or title_term.name} {suffix} {index}", "", para(), ""]
    footnotes: list[str] = []
    headings = HEADING_WORDS_KO if korean else HEADING_WORDS_EN
    for section in range(rng.randint(3, 5)):
        h_term = rng.choice(topic)
        out += [f"## {rng.choice(headings)}: {h_term.english or h_term.name}", "", para(), ""]
        kinds = ["list", "table", "code", "admonition", "details", "tabs", "numbered", "para"]
        for kind in rng.sample(kinds, 3):
            out += [*_block(kind, rng, local, korean, para), ""]
        if rng.random() < 0.4:
            n = len(footnotes) + 1
            out += [f"{para()}[^{n}]", ""]
            footnotes.append(f"[^{n}]: {_en_sentence(rng, terms)}")
        if section == 1:
            out += [f"### {rng.choice(headings)}", "", para(), ""]
    out += footnotes
    return "\n".join(out).rstrip() + "\n"


def _block(
    kind: str, rng: random.Random, terms: Sequence[GenTerm], korean: bool, para: Any
) -> list[str]:
    sentence = _ko_sentence if korean else _en_sentence
    if kind in ("list", "numbered"):
        marker = "-" if kind == "list" else "1."
        return [f"{marker} {sentence(rng, terms)}" for _ in range(rng.randint(3, 6))]
    if kind == "table":
        rows = ["| Term | Note | Score |", "|---|---|---:|"]
        for _ in range(rng.randint(3, 7)):
            term = _pick(rng, terms)
            rows.append(
                f"| {term.english or term.name} | {sentence(rng, terms)} | {rng.random():.3f} |"
            )
        return rows
    if kind == "code":
        term = _pick(rng, terms)
        ident = (term.english or "block").lower().replace(" ", "_").replace("-", "_")
        body = [f"# {term.english or term.name}: the reference implementation"]
        for _ in range(rng.randint(3, 8)):
            a, b = rng.sample(CODE_WORDS, 2)
            body.append(f"{a} = {ident}({b}, scale={rng.randint(1, 9)})")
        return ["```python", *body, "```"]
    if kind == "admonition":
        term = _pick(rng, terms)
        kind_name = rng.choice(["note", "tip", "warning", "info"])
        return [f'!!! {kind_name} "{term.english or term.name}"', "", "    " + para()]
    if kind == "details":
        return ['??? question "Why?"', "", "    " + para()]
    if kind == "tabs":
        return ['=== "PyTorch"', "", "    " + para(), "", '=== "JAX"', "", "    " + para()]
    return [para()]


# -- config ----------------------------------------------------------------------------------------

MARKDOWN_EXTENSIONS = """\
markdown_extensions:
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.details
  - pymdownx.highlight:
      anchor_linenums: true
  - pymdownx.inlinehilite
  - pymdownx.keys
  - pymdownx.mark
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
"""


def config_yaml(
    *,
    with_plugin: bool,
    plugin_options: dict[str, Any] | None = None,
    prune: bool = False,
    docs_dir: str = "docs",
    source: str = "glossary.md",
) -> str:
    """``mkdocs.yml`` text for the generated site: Material, pymdown-extensions, and the plugin
    (``source`` beside the config, outside ``docs/``) when ``with_plugin``.

    ``prune`` turns on Material's ``navigation.prune`` (each page carries only the visible part of
    the navigation): without it every page of a 2,000-page site carries the whole nav, and the
    build without the plugin itself grows quadratically with the pages. ``docs_dir`` is
    ``docs-plain`` for the plain-page control (see ``generate_site``)."""
    features = ["navigation.instant", "content.code.copy"]
    if prune:
        features.append("navigation.prune")
    lines = [
        "site_name: Glossary benchmark",
        "site_url: https://example.com/bench/",
        f"docs_dir: {docs_dir}",
        "theme:",
        "  name: material",
        "  language: en",
        "  font: false",
        "  features:",
        *[f"    - {f}" for f in features],
        "plugins:",
        "  - search",
    ]
    if with_plugin:
        lines += ["  - glossary:", f"      source: {source}"]
        for key, value in sorted((plugin_options or {}).items()):
            if isinstance(value, dict):
                lines.append(f"      {key}:")
                lines += [f"        {k}: {_yaml_scalar(v)}" for k, v in sorted(value.items())]
            else:
                lines.append(f"      {key}: {_yaml_scalar(value)}")
    return "\n".join(lines) + "\n" + MARKDOWN_EXTENSIONS


def _yaml_scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# -- the whole site --------------------------------------------------------------------------------


@dataclass
class Site:
    """Where a generated site lives and what it contains."""

    root: Path
    config: Path  # with the plugin
    control_config: Path  # without the plugin
    pages: list[str]
    terms: list[GenTerm]
    plain_config: Path | None = None  # without the plugin, the glossary as one ordinary page
    plain_pages_config: Path | None = None  # without the plugin, one ordinary page per group


GLOSSARY_FORMATS = ("md", "yaml")


def glossary_yaml(terms: Sequence[GenTerm]) -> str:
    """The same glossary as a YAML list (``term``, ``aliases``, ``definition``): the format whose
    loading the start-up row measures. The definition is the Markdown body without the kramdown
    ``: `` marker."""
    import yaml

    entries: list[dict[str, Any]] = []
    for term in terms:
        entry: dict[str, Any] = {"term": term.name}
        if term.aliases:
            entry["aliases"] = list(term.aliases)
        if term.definition:
            entry["definition"] = term.definition.removeprefix(": ") + "\n"
        entries.append(entry)
    return str(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100))


def plain_group_pages(terms: Sequence[GenTerm]) -> dict[str, str]:
    """The glossary as ordinary Markdown pages laid out like the plugin's split index: an
    overview ``glossary/index.md`` linking the groups, and one page per group
    (``glossary/a/index.md``, ``glossary/ㄱ/index.md``) with each entry as an ``###`` heading, its
    aliases as a line of text and its definition's Markdown as it is.

    Why: the split index is one page per group by contract, and every page of a site costs its
    template and navigation. This control publishes the same definitions on the same number of
    pages with MkDocs alone, so (ours − plain pages) is what the plugin adds beyond the pages an
    author would have written by hand; the plugin cannot be cheaper than this floor."""
    grouped = _grouped(terms)
    title = "벤치마크 용어집"
    overview = [f"# {title}", ""]
    pages: dict[str, str] = {}
    for group, members in grouped:
        folder = group.lower()  # the plugin's group page URLs: glossary/a/, glossary/ㄱ/
        overview.append(f"- [{group}]({folder}/index.md) – {len(members)}")
        lines = [f"# {title} – {group}", "", f"## {group}", ""]
        for term in members:
            lines += [f"### {term.name}", ""]
            if term.aliases:
                lines += [f"Also: {', '.join(term.aliases)}", ""]
            if term.definition:
                lines += [term.definition.removeprefix(": "), ""]
        pages[f"glossary/{folder}/index.md"] = "\n".join(lines)
    pages["glossary/index.md"] = "\n".join(overview) + "\n"
    return pages


def _plain_docs(out: Path, docs: Path, name: str, files: dict[str, str]) -> Path:
    """``out/name/``: every entry of ``docs/`` (symlinked: MkDocs follows links) plus ``files``
    (path in the docs folder -> Markdown): the glossary published without the plugin.

    Why: a plain control is the same site with the same definitions rendered by MkDocs alone, so
    (ours − plain) is what the plugin adds beyond publishing the definitions."""
    plain = out / name
    if plain.exists():
        shutil.rmtree(plain)
    plain.mkdir()
    for entry in sorted(docs.iterdir()):
        target = plain / entry.name
        try:
            target.symlink_to(Path("..") / "docs" / entry.name, entry.is_dir())
        except OSError:  # pragma: no cover - no symlinks (some Windows set-ups)
            if entry.is_dir():
                shutil.copytree(entry, target)
            else:
                shutil.copyfile(entry, target)
    for path, text in files.items():
        target = plain / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return plain


def generate_site(
    out: Path,
    *,
    pages: int,
    terms: int,
    seed: int,
    prune: bool = False,
    plain: bool = False,
    plain_pages: bool = False,
    one_group: bool = False,
    glossary_format: str = "md",
) -> Site:
    """Write the site into ``out`` (its ``docs/`` is replaced) and describe it.

    ``prune``: Material's ``navigation.prune`` in every config; ``plain``: also the plain-page
    control (``mkdocs-plain.yml``, ``docs-plain/``); ``plain_pages``: also the plain-pages control
    (``mkdocs-plain-pages.yml``, ``docs-plain-pages/``: one ordinary page per index group, see
    :func:`plain_group_pages`); ``one_group``: every term in one index group;
    ``glossary_format``: ``md`` (``glossary.md``) or ``yaml`` (``glossary.yml``) for the plugin."""
    if terms < 1:
        raise ValueError("--terms must be at least 1")
    if glossary_format not in GLOSSARY_FORMATS:
        raise ValueError(f"--glossary-format must be one of {', '.join(GLOSSARY_FORMATS)}")
    rng = random.Random(seed)
    glossary = make_terms(terms, random.Random(f"terms-{seed}"), one_group=one_group)
    out.mkdir(parents=True, exist_ok=True)
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    paths = _page_paths(pages)
    for i, path in enumerate(paths):
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        # each page has its own stream, so a page's text does not depend on M's effect on others
        page_rng = random.Random(f"page-{seed}-{i}-{rng.random()}")
        target.write_text(_page(page_rng, glossary, path, paths, i), encoding="utf-8")
    markdown = glossary_markdown(glossary)
    source = "glossary.md"
    for stale in (out / "glossary.md", out / "glossary.yml"):
        stale.unlink(missing_ok=True)
    if glossary_format == "yaml":
        source = "glossary.yml"
        (out / source).write_text(glossary_yaml(glossary), encoding="utf-8")
    else:
        (out / source).write_text(markdown, encoding="utf-8")
    config = out / "mkdocs.yml"
    control = out / "mkdocs-control.yml"
    config.write_text(config_yaml(with_plugin=True, prune=prune, source=source), encoding="utf-8")
    control.write_text(config_yaml(with_plugin=False, prune=prune), encoding="utf-8")
    site = Site(out, config, control, paths, glossary)
    if plain:
        _plain_docs(out, docs, "docs-plain", {"glossary.md": markdown})
        site.plain_config = out / "mkdocs-plain.yml"
        site.plain_config.write_text(
            config_yaml(with_plugin=False, prune=prune, docs_dir="docs-plain"), encoding="utf-8"
        )
    if plain_pages:
        _plain_docs(out, docs, "docs-plain-pages", plain_group_pages(glossary))
        site.plain_pages_config = out / "mkdocs-plain-pages.yml"
        site.plain_pages_config.write_text(
            config_yaml(with_plugin=False, prune=prune, docs_dir="docs-plain-pages"),
            encoding="utf-8",
        )
    return site


def add_site_options(parser: argparse.ArgumentParser) -> None:
    """The generator's options shared by ``generate``, ``run`` and ``serve``."""
    parser.add_argument(
        "--prune", action="store_true", help="navigation.prune in every config (big sites)"
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="also the plain-page control: the site plus the glossary as one ordinary page",
    )
    parser.add_argument(
        "--plain-pages",
        action="store_true",
        help="also the plain-pages control: the glossary as one ordinary page per index group",
    )
    parser.add_argument(
        "--one-group", action="store_true", help="every term in one index group (N)"
    )
    parser.add_argument(
        "--glossary-format",
        choices=GLOSSARY_FORMATS,
        default="md",
        help="the plugin's source: glossary.md (headings) or glossary.yml (default md)",
    )


def site_options(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "prune": args.prune,
        "one_group": args.one_group,
        "glossary_format": args.glossary_format,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Write a seeded synthetic MkDocs site with a glossary of M terms.",
    )
    parser.add_argument("--pages", type=int, default=500, help="number of pages N (default 500)")
    parser.add_argument("--terms", type=int, default=1000, help="number of terms M (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    add_site_options(parser)
    args = parser.parse_args(argv)
    try:
        site = generate_site(
            args.out,
            pages=args.pages,
            terms=args.terms,
            seed=args.seed,
            plain=args.plain,
            plain_pages=args.plain_pages,
            **site_options(args),
        )
    except ValueError as exc:
        parser.error(str(exc))
    size = sum(p.stat().st_size for p in (site.root / "docs").rglob("*.md"))
    print(
        f"{len(site.pages)} pages ({size / 1e6:.1f} MB of Markdown), {len(site.terms)} terms "
        f"-> {site.root}  (build: mkdocs build -f {site.config})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
