"""Compare two versions of the plugin on the same site: whole builds, alternating, medians.

``python -m benchmarks.versions --before /path/to/old/checkout --pages 500 --terms 1000 --reps 5``

A restructuring must not cost the user anything: this builds the synthetic site of
``benchmarks.generate`` three ways in each repetition, in a rotating order so that no version
always runs first after the machine rests:

- ``control``: the same site without the plugin;
- ``before``: with the plugin imported from the ``--before`` checkout (put first on ``PYTHONPATH``,
  so it wins over the installed package);
- ``after``: with the plugin of this checkout.

Each build is ``mkdocs build -q`` in a fresh process; what is timed is the process's wall time,
start-up and exit included (what a user waits for). Reported: the median wall time of each kind,
the medians of the pairwise ratios before/control and after/control within each repetition, and
their difference. ``--check-identical`` also compares the two plugin builds' output files
byte for byte (set ``SOURCE_DATE_EPOCH`` so that the sitemap's dates agree).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .generate import generate_site

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("control", "before", "after")


def _build(config: Path, site: Path, pythonpath: str | None) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath + os.pathsep + env.get("PYTHONPATH", "")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, cwd=config.parent)
    return time.perf_counter() - start


def _differences(a: Path, b: Path) -> list[str]:
    """Relative paths of the files that differ or exist on one side only."""
    out: list[str] = []
    stack = [filecmp.dircmp(a, b)]
    while stack:
        cmp = stack.pop()
        rel = os.path.relpath(cmp.left, a)
        out += [os.path.join(rel, n) for n in cmp.left_only + cmp.right_only + cmp.funny_files]
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out += [os.path.join(rel, n) for n in mismatch + errors]
        stack.extend(cmp.subdirs.values())
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.versions", description=__doc__)
    parser.add_argument("--before", required=True, help="checkout of the older version")
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", help="where to generate the site (default: a temp dir)")
    parser.add_argument("--check-identical", action="store_true")
    args = parser.parse_args(argv)
    before = str(Path(args.before).resolve())
    work = Path(args.work or tempfile.mkdtemp(prefix="glossary-versions-"))
    generate_site(work, pages=args.pages, terms=args.terms, seed=args.seed)
    configs = {
        "control": work / "mkdocs-control.yml",
        "before": work / "mkdocs.yml",
        "after": work / "mkdocs.yml",
    }
    paths = {"control": None, "before": before, "after": str(ROOT)}
    sites = {kind: work / f"site-{kind}" for kind in KINDS}
    for kind in KINDS:  # warm-up: file caches, compiled bytecode
        _build(configs[kind], sites[kind], paths[kind])
    if args.check_identical:
        diff = _differences(sites["before"], sites["after"])
        print(f"before vs after: {len(diff)} files differ" + (f": {diff[:10]}" if diff else ""))
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for rep in range(args.reps):
        order = KINDS[rep % 3 :] + KINDS[: rep % 3]
        for kind in order:
            times[kind].append(_build(configs[kind], sites[kind], paths[kind]))
        row = ", ".join(f"{k} {times[k][-1]:.2f} s" for k in KINDS)
        print(f"rep {rep + 1}: {row}", flush=True)
    ratio_before = [b / c for b, c in zip(times["before"], times["control"], strict=True)]
    ratio_after = [a / c for a, c in zip(times["after"], times["control"], strict=True)]
    print(f"\n{args.pages} pages x {args.terms} terms, {args.reps} repetitions (medians)")
    for kind in KINDS:
        print(f"- {kind}: {statistics.median(times[kind]):.2f} s")
    rb, ra = statistics.median(ratio_before), statistics.median(ratio_after)
    print(f"- before/control: {rb:.3f}; after/control: {ra:.3f}; difference {ra - rb:+.3f}")
    print(f"- pairs before: {', '.join(f'{r:.3f}' for r in ratio_before)}")
    print(f"- pairs after: {', '.join(f'{r:.3f}' for r in ratio_after)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
