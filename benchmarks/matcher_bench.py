"""Micro benchmark of :class:`mkdocs_glossary_plugin.matching.Matcher`: time per KB of text.

``python -m benchmarks.matcher_bench [--kb 300] [--repeat 5] [--seed 1]``

The point to read off the table: the cost per KB of text stays flat when the glossary grows from
100 to 1,000 to 10,000 terms. To make that visible, the text is the *same* for every M: it is
generated once, mentioning only terms among the first 100, and the M-term glossaries are prefixes
of one 10,000-term list (so the first 100 terms are in every glossary). The text is cut into
paragraph-sized nodes and, separately, into page-sized flows (the linker calls ``find`` once per
page, on all its linkable text laid end to end).

Two glossaries:

* ``glossary``: the synthetic terms of the site benchmark (``benchmarks.generate.make_terms``:
  English multi-word names, Korean aliases, acronyms, coined CamelCase names); the text is Korean
  and English sentences with particles, plurals, hyphenated compounds and filler;
* ``random``: a stress case for the automaton, keys of random Latin letters and random Hangul
  syllables (many distinct first characters, which is what makes a regex alternation or a
  trie-shaped regex slow down with M).

Reported: compile time, the best and the median CPU µs per KB of text over ``--repeat`` interleaved
passes, and the number of matches (the same pieces of text for every M).

``--flows DIR`` measures the real thing instead: for each M it generates the site benchmark
(``benchmarks.generate``, ``--pages`` pages, under ``DIR``), builds it once with MkDocs while
recording what the linker gives the matcher (the terms it compiles and every string ``find``
receives: one flow per page, and the index page's definitions), keeps that in ``DIR/flows-M.pickle``
(reused on the next run), and times ``Matcher(...)`` and ``find`` on those flows; then it matches
the flows of the M=1,000 build with each of the three (nested) glossaries: same text, same
matches, only the automaton grows.
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mkdocs_glossary_plugin.matching import Matcher
from mkdocs_glossary_plugin.model import Term

from .generate import make_terms

SIZES = (100, 1_000, 10_000)

_EN_FILLER = (
    "the model is trained with a small learning rate and evaluated on held-out data",
    "this layer keeps the shape of its input and adds a learned correction to it",
    "we compare the results in the table below and discuss the differences",
    "gradients flow through the shortcut even when the deeper layers saturate",
    "see the appendix for the hyper-parameters and the exact training schedule",
)
_KO_FILLER = (
    "모델은 작은 학습률로 학습하고 검증 데이터에서 평가한다",
    "이 층은 입력의 모양을 유지하면서 학습된 보정값을 더한다",
    "아래 표에서 결과를 비교하고 차이를 설명한다",
    "깊은 층이 포화되어도 기울기는 지름길을 통해 흐른다",
    "하이퍼파라미터와 학습 일정은 부록을 참고하라",
)
_PARTICLES = (
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에서",
    "에서는",
    "으로",
    "과",
    "들을",
    "이다",
)


def glossary_case(rng: random.Random) -> tuple[list[Term], list[str]]:
    """Terms of the site benchmark and a text that mentions the first 100 of them."""
    gen = make_terms(max(SIZES), random.Random(rng.random()))
    terms = [Term(t.name, aliases=tuple(t.aliases)) for t in gen]
    mentionable = gen[:100]
    sentences: list[str] = []
    for _ in range(4000):
        term = rng.choice(mentionable)
        roll = rng.random()
        if roll < 0.35 and term.korean:
            mention = term.korean + rng.choice(_PARTICLES)
            sentences.append(f"{rng.choice(_KO_FILLER)}. {mention} {rng.choice(_KO_FILLER)}.")
        elif roll < 0.55 and term.english:
            sentences.append(f"{term.english}{rng.choice(_PARTICLES)} {rng.choice(_KO_FILLER)}.")
        elif roll < 0.75 and term.english:
            word = term.english + ("s" if term.countable and rng.random() < 0.5 else "")
            sentences.append(
                f"{rng.choice(_EN_FILLER)}, and {word.lower()} {rng.choice(_EN_FILLER)}."
            )
        elif roll < 0.85 and term.english:
            sentences.append(
                f"Pre-{term.english.replace(' ', '-')} is not {rng.choice(_EN_FILLER)}."
            )
        else:
            sentences.append(f"{rng.choice(_EN_FILLER)}. {rng.choice(_KO_FILLER)}.")
    return terms, sentences


def random_case(rng: random.Random) -> tuple[list[Term], list[str]]:
    """Keys of random Latin letters and random Hangul syllables (1,500 distinct first syllables,
    the worst case for an alternation), mentioned with particles among filler words drawn from
    other syllables and letters (so that the number of matches is the same for every M)."""
    syllables = [chr(c) for c in range(0xAC00, 0xD7A4)]
    rng.shuffle(syllables)
    key_syllables, filler_syllables = syllables[:1500], syllables[1500:3000]
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
        for _ in range(6000)
    ]
    key_words, filler_words = words[:3000], words[3000:]
    keys: list[str] = []
    seen: set[str] = set()
    while len(keys) < max(SIZES):
        if rng.random() < 0.5:
            key = " ".join(rng.choice(key_words) for _ in range(rng.randint(1, 3)))
        else:
            key = "".join(rng.choice(key_syllables) for _ in range(rng.randint(2, 5)))
        if key not in seen:
            seen.add(key)
            keys.append(key)
    terms = [Term(k, id=f"t{i}") for i, k in enumerate(keys)]
    mentionable = keys[:100]
    sentences = []
    for _ in range(6000):
        parts = []
        for _ in range(rng.randint(4, 10)):
            if rng.random() < 0.05:
                parts.append(rng.choice(mentionable) + rng.choice(("", "는", "를", "이다")))
            elif rng.random() < 0.5:
                parts.append(
                    "".join(rng.choice(filler_syllables) for _ in range(rng.randint(1, 4)))
                    + rng.choice(("는", "를", "이다", ""))
                )
            else:
                parts.append(rng.choice(filler_words))
        sentences.append(" ".join(parts) + ".")
    return terms, sentences


def chunks(sentences: Sequence[str], kb: int, rng: random.Random, unit: str) -> list[str]:
    """Texts adding up to about ``kb`` KB: paragraph-sized nodes (1 to 4 sentences) for
    ``unit="node"``, or page-sized flows (about 10 KB: paragraphs joined by the block boundary
    the linker puts between them) for ``unit="page"``, which is what the linker passes."""
    out: list[str] = []
    total = 0
    i = 0
    while total < kb * 1000:
        n = rng.randint(1, 4)
        piece = " ".join(sentences[(i + k) % len(sentences)] for k in range(n))
        i += n
        out.append(piece)
        total += len(piece)
    if unit == "page":
        pages: list[str] = []
        while out:
            page: list[str] = []
            while out and sum(map(len, page)) < 10_000:
                page.append(out.pop(0))
            pages.append("\x00".join(page))
        return pages
    return out


def measure(
    terms: Sequence[Term], texts: Sequence[str], repeat: int
) -> list[tuple[int, float, float, float, int]]:
    """For each M: (M, compile seconds, best and median µs per KB of text, matches per pass).

    Time is the CPU time of this process (``time.process_time``): on a shared machine the wall
    clock also counts the time other processes hold the CPU. The passes over the M values are
    interleaved, so that what disturbs one M disturbs all; the best pass is the least disturbed
    one (as ``timeit`` reports).
    """
    size_kb = sum(len(t) for t in texts) / 1000
    matchers = []
    for m in SIZES:
        t0 = time.process_time()
        matchers.append((m, Matcher(terms[:m]), time.process_time() - t0))
    runs: dict[int, list[float]] = {m: [] for m in SIZES}
    counts: dict[int, int] = {}
    for _ in range(repeat):
        for m, matcher, _compile in matchers:
            t0 = time.process_time()
            counts[m] = sum(len(matcher.find(t)) for t in texts)
            runs[m].append((time.process_time() - t0) / size_kb * 1e6)
    return [
        (m, compile_s, min(runs[m]), statistics.median(runs[m]), counts[m])
        for m, _matcher, compile_s in matchers
    ]


_Flows = tuple[list[Term], dict[str, Any], list[str]]


def capture_flows(out: Path, terms: int, pages: int) -> _Flows:
    """The terms, options and ``find`` inputs of one real build of the site benchmark (cached)."""
    cache = out / f"flows-{terms}.pickle"
    if cache.exists():
        with cache.open("rb") as reader:
            saved: _Flows = pickle.load(reader)
        return saved
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from mkdocs_glossary_plugin import matching as matcher

    from .generate import generate_site

    site = out / f"site-{terms}"
    generate_site(site, pages=pages, terms=terms, seed=1)
    seen: dict[str, Any] = {"flows": []}
    real_init, real_find = matcher.Matcher.__init__, matcher.Matcher.find

    def init(self: matcher.Matcher, items: Any, **options: Any) -> None:
        seen["terms"], seen["options"] = list(items), options
        real_init(self, seen["terms"], **options)

    def find(self: matcher.Matcher, text: str) -> list[matcher.Match]:
        seen["flows"].append(text)
        return real_find(self, text)

    matcher.Matcher.__init__ = init  # type: ignore[method-assign,assignment]
    matcher.Matcher.find = find  # type: ignore[method-assign]
    try:
        build(load_config(str(site / "mkdocs.yml"), site_dir=str(site / "site")))
    finally:
        matcher.Matcher.__init__ = real_init  # type: ignore[method-assign]
        matcher.Matcher.find = real_find  # type: ignore[method-assign]
    result = (seen["terms"], seen["options"], seen["flows"])
    with cache.open("wb") as writer:
        pickle.dump(result, writer)
    return result


def _time_flows(matcher: Matcher, flows: Sequence[str], repeat: int) -> tuple[int, list[float]]:
    """The number of matches in ``flows``, and the CPU µs per KB of each of ``repeat`` passes (a
    first, untimed pass fills the matcher's lazy tables)."""
    size_kb = sum(map(len, flows)) / 1000
    count = sum(len(matcher.find(f)) for f in flows)
    runs = []
    for _ in range(repeat):
        t0 = time.process_time()
        for f in flows:
            matcher.find(f)
        runs.append((time.process_time() - t0) / size_kb * 1e6)
    return count, runs


def measure_flows(out: Path, pages: int, repeat: int) -> None:
    """Compile time and CPU µs per KB of ``find`` on the flows of real builds, for each M."""
    out.mkdir(parents=True, exist_ok=True)
    print(f"real flows: site benchmark, {pages} pages, {repeat} passes per M, CPU time")
    header = ("M", "flows", "KB", "compile ms", "best µs/KB", "median", "matches")
    print("{:>7} {:>6} {:>7} {:>11} {:>11} {:>8} {:>8}".format(*header))
    for m in SIZES:
        terms, options, flows = capture_flows(out, m, pages)
        compiles = []
        for _ in range(3):
            t0 = time.process_time()
            matcher = Matcher(terms, **options)
            compiles.append(time.process_time() - t0)
        size_kb = sum(map(len, flows)) / 1000
        count, runs = _time_flows(matcher, flows, repeat)
        print(
            f"{m:>7,} {len(flows):>6} {size_kb:>7.0f} {statistics.median(compiles) * 1e3:>11.0f} "
            f"{min(runs):>11.1f} {statistics.median(runs):>8.1f} {count:>8,}"
        )


def measure_same_flows(out: Path, pages: int, repeat: int, text_of: int = 1_000) -> None:
    """The flows of the M=``text_of`` build matched by each M-term glossary of the site benchmark.

    The generator's glossaries are nested (the first 1,000 of the 10,000 terms are the 1,000-term
    glossary), so the text and the matches are the same for M = 1,000 and 10,000: what changes is
    only the size of the automaton. The matcher is kept out of the garbage collector's full
    passes (``gc.freeze``, here in the benchmark only) so that the table shows the matching alone;
    what collections cost a real build is measured by ``benchmarks.timed_build``.
    """
    _, _, flows = capture_flows(out, text_of, pages)
    size_kb = sum(map(len, flows)) / 1000
    print(f"the same flows (the M={text_of:,} build, {size_kb:.0f} KB) with each glossary")
    header = ("M", "best µs/KB", "median", "matches")
    print("{:>7} {:>11} {:>8} {:>8}".format(*header))
    for m in SIZES:
        terms, options, _ = capture_flows(out, m, pages)
        matcher = Matcher(terms, **options)
        gc.collect()
        gc.freeze()
        try:
            count, runs = _time_flows(matcher, flows, repeat)
        finally:
            gc.unfreeze()
        print(f"{m:>7,} {min(runs):>11.1f} {statistics.median(runs):>8.1f} {count:>8,}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--kb", type=int, default=300, help="KB of text per pass (default 300)")
    parser.add_argument("--repeat", type=int, default=7, help="passes per M (default 7)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--flows", type=Path, help="measure on the flows of real builds, kept in this folder"
    )
    parser.add_argument("--pages", type=int, default=60, help="pages of those sites (default 60)")
    args = parser.parse_args(argv)
    if args.flows is not None:
        measure_flows(args.flows, args.pages, args.repeat)
        print()
        measure_same_flows(args.flows, args.pages, args.repeat)
        return 0
    print(
        f"matcher benchmark: {args.kb} KB of text per pass, {args.repeat} interleaved passes "
        f"per M, CPU time, Python {sys.version.split()[0]}"
    )
    header = ("case", "texts", "M", "compile s", "best µs/KB", "median", "matches")
    print("{:<9} {:<6} {:>7} {:>10} {:>11} {:>8} {:>8}".format(*header))
    for name, case in (("glossary", glossary_case), ("random", random_case)):
        for unit in ("node", "page"):
            rng = random.Random(args.seed)
            terms, sentences = case(rng)
            texts = chunks(sentences, args.kb, rng, unit)
            for m, compile_s, best, median, count in measure(terms, texts, args.repeat):
                print(
                    f"{name:<9} {unit:<6} {m:>7,} {compile_s:>10.2f} {best:>11.1f} "
                    f"{median:>8.1f} {count:>8,}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
