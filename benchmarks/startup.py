"""Start-up cost and peak memory of a small site with a large YAML glossary.

``python -m benchmarks.startup --pages 1 --terms 1000 --reps 7 --out DIR``

Writes a generated site (``benchmarks.generate``) whose glossary is a YAML file
(``glossary.yml``: ``term``, ``aliases``, ``definition``), then builds three configurations in
fresh processes, alternating, ``--reps`` times each:

- ``none``: the same pages, no plugin, no glossary;
- ``plain``: the same pages plus the glossary as one ordinary Markdown page (``docs/glossary.md``),
  no plugin: what the definitions cost as text;
- ``ours``: the plugin with ``source: glossary.yml``.

For each build: wall time and max RSS of the build process (``os.wait4``). Prints every run and the
medians. Why a separate script: start-up (imports, parsing the glossary, compiling the matcher) is
what a one-page site pays, and peak memory needs one process per build; ``benchmarks.run``
measures the per-page cost on large sites.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .generate import generate_site

KINDS = ("none", "plain", "ours")


def write_site(out: Path, *, pages: int, terms: int, seed: int) -> dict[str, Path]:
    """The generated site with a YAML glossary and the plain-page control; one config per kind."""
    site = generate_site(
        out, pages=pages, terms=terms, seed=seed, plain=True, glossary_format="yaml"
    )
    assert site.plain_config is not None
    return {"none": site.control_config, "plain": site.plain_config, "ours": site.config}


def build(config: Path, site_dir: Path, code: Path | None = None) -> tuple[float, float, float]:
    """One ``mkdocs build`` in a fresh process: (wall seconds, CPU seconds, max RSS in MB).

    CPU time (user + system) is reported beside wall time because other processes on a shared
    machine stretch the wall clock of a build but hardly its CPU time."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if code is not None:  # another checkout of the plugin (``--before``) shadows the installed one
        env["PYTHONPATH"] = str(code)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)]
    start = time.perf_counter()
    # run in the site's folder: ``python -m`` puts the working directory first on sys.path, so a
    # build started in a checkout would import that checkout's plugin whatever PYTHONPATH says
    proc = subprocess.Popen(
        cmd, env=env, cwd=config.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed: {' '.join(cmd)}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup", description=__doc__)
    parser.add_argument("--pages", type=int, default=1)
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated subset")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--before",
        type=Path,
        help="a checkout of the plugin (git worktree): adds the kind 'before', the plugin's build "
        "with that code",
    )
    args = parser.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    if args.before is not None:
        kinds.append("before")
    configs = write_site(args.out, pages=args.pages, terms=args.terms, seed=args.seed)
    configs["before"] = configs["ours"]
    code = {"before": args.before}
    for kind in kinds:  # warm the file cache and the bytecode once, not measured
        build(configs[kind], args.out / f"site-{kind}", code.get(kind))
    runs: dict[str, list[tuple[float, float, float]]] = {k: [] for k in kinds}
    rng = random.Random(args.seed)
    for rep in range(args.reps):
        order = list(kinds)
        rng.shuffle(order)
        for kind in order:
            runs[kind].append(build(configs[kind], args.out / f"site-{kind}", code.get(kind)))
        line = "  ".join(
            f"{k}={runs[k][-1][0]:.3f}s/{runs[k][-1][1]:.3f}cpu/{runs[k][-1][2]:.1f}MB"
            for k in kinds
        )
        print(f"rep {rep + 1}: {line}", flush=True)
    print(f"{args.pages} pages x {args.terms} terms, {args.reps} reps, medians:")
    base = [statistics.median(run[i] for run in runs[kinds[0]]) for i in range(3)]
    for kind in kinds:
        wall, cpu, rss = (statistics.median(run[i] for run in runs[kind]) for i in range(3))
        print(
            f"  {kind:6} wall {wall:.3f} s ({wall - base[0]:+.3f}), CPU {cpu:.3f} s "
            f"({cpu - base[1]:+.3f}), max RSS {rss:.1f} MB ({rss - base[2]:+.1f}) vs {kinds[0]}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
