"""``mkdocs serve``: how long a rebuild takes, with the plugin and without, as a user sees it.

``python -m benchmarks.serve --pages 500 --terms 1000 --reps 5``

What a user of ``mkdocs serve`` waits for is the time from saving a file to the new page being
served. This starts two servers on the same generated site (``benchmarks.generate``), each on its
own free port of 127.0.0.1 and pinned to its own core when there are two (``taskset``): one with
the plugin (``mkdocs.yml``), one without (``mkdocs-control.yml``). Then, ``--reps`` times:

- **page edit**: a sentence with a fresh marker is appended to one page; both servers see the same
  edit and rebuild at the same time (the same machine at every moment, as in ``run
  --side-by-side``); the time is from the write until each server's HTML of that page contains
  the marker. Reported: each side's median, and the median of the pairwise ratios with/without;
- **glossary edit**: a new term is added to the glossary (outside ``docs/``, watched by the
  plugin's ``on_serve``), whose name a page already mentions; the time is from the write until the
  served page links the mention (``a.glossary-term`` with that text). Only the plugin's server
  rebuilds. Reported beside the page-edit rebuild of the same server: the difference is what the
  glossary costs beyond MkDocs' own rebuild.

Before each edit, the servers must be idle: their logs show that every build they started has
ended and none started for 1.5 s (``settle``), so no measurement includes the end of a rebuild an
earlier edit started. Each edit replaces the file in one rename (``replace_text``): writing in
place truncates it first, which the watcher may take for a change of its own.

Every wait is a bounded poll (``--timeout`` seconds, every 50 ms) over http://127.0.0.1 only; the
servers are stopped (SIGTERM to their process group, then SIGKILL) however the run ends, and the
site's files are restored.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .generate import Site, add_site_options, generate_site, site_options
from .run import ROOT, _env, machine

__all__ = ["ServeResult", "main", "serve_table"]

POLL = 0.05  # seconds between two requests of the served page
NEW_TERM = "Zorblax Quantum Unit"  # no generated term has a word of it


@dataclass
class ServeResult:
    pages: int
    terms: int
    page_with: list[float] = field(default_factory=list)
    page_without: list[float] = field(default_factory=list)
    glossary: list[float] = field(default_factory=list)


@dataclass
class Server:
    name: str
    proc: subprocess.Popen[bytes]
    port: int
    log: Path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def page_url(port: int, page: str) -> str:
    """The served URL of a generated page (``site_url``'s path ``/bench/``, directory URLs)."""
    path = page.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return f"http://127.0.0.1:{port}/bench/{path}"


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:  # 127.0.0.1 only
            return str(resp.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def replace_text(path: Path, text: str, scratch: Path) -> None:
    """Write ``path`` in one step: a file in ``scratch`` (outside every watched folder) renamed
    over it. Writing in place truncates the file first, and a watcher may see the truncation as a
    change of its own: a rebuild of a half-written file starts, and another one after it, which
    the next measurement would then wait for."""
    tmp = scratch / f".{path.name}.{os.getpid()}.tmp"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def settle(server: Server, timeout: float, quiet: float = 1.5) -> None:
    """Wait until ``server`` has finished every build it started and has started none for
    ``quiet`` seconds (read from its log), so that a measurement never includes the end of the
    rebuild an earlier edit started."""

    def counts() -> tuple[int, int]:
        # Every rebuild of ``mkdocs serve`` starts with "Detected file changes" and ends with
        # "Reloading browsers" (its "Documentation built" line is not written every time).
        log = server.log.read_text("utf-8", "replace")
        return log.count("Detected file changes"), log.count("Reloading browsers")

    start = time.perf_counter()
    last, since = counts(), time.perf_counter()
    while True:
        now = counts()
        if now != last:
            last, since = now, time.perf_counter()
        elif now[0] == now[1] and time.perf_counter() - since >= quiet:
            return
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"the {server.name} server still building after {timeout:.0f} s")
        time.sleep(POLL)


def wait_for(check: Callable[[], bool], timeout: float, what: str) -> float:
    """Poll ``check`` until it holds; the seconds it took. A clear error after ``timeout``."""
    start = time.perf_counter()
    while True:
        if check():
            return time.perf_counter() - start
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"{what}: not seen within {timeout:.0f} s")
        time.sleep(POLL)


@contextlib.contextmanager
def servers(site: Site, work: Path, timeout: float) -> Iterator[dict[str, Server]]:
    """The two servers, running; stopped on the way out, whatever happened."""
    configs = {"with": site.config, "without": site.control_config}
    cores = ("0", "1") if (os.cpu_count() or 1) >= 2 and shutil.which("taskset") else None
    env = _env(work)
    running: dict[str, Server] = {}
    try:
        for i, (name, config) in enumerate(configs.items()):
            port = _free_port()
            log = work / f"serve-{name}.log"
            cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config)]
            cmd += ["-a", f"127.0.0.1:{port}"]
            if cores is not None:
                cmd = ["taskset", "-c", cores[i], *cmd]
            with log.open("wb") as out:
                proc = subprocess.Popen(
                    cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                    start_new_session=True,
                )  # fmt: skip
            running[name] = Server(name, proc, port, log)
        for server in running.values():
            url = page_url(server.port, site.pages[0])

            def up(server: Server = server, url: str = url) -> bool:
                if server.proc.poll() is not None:
                    tail = server.log.read_text("utf-8", "replace")[-3000:]
                    raise SystemExit(f"mkdocs serve ({server.name}) stopped:\n{tail}")
                return fetch(url) is not None

            wait_for(up, timeout * 4, f"the first build of the {server.name} server")
        yield running
    finally:
        for server in running.values():
            stop(server.proc)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's process group, SIGKILL if it has not ended within 10 s."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def _linked(html: str | None, text: str) -> bool:
    from bs4 import BeautifulSoup

    if html is None:
        return False
    soup = BeautifulSoup(html, "html.parser")
    return any(a.get_text() == text for a in soup.select("a.glossary-term"))


def run(args: argparse.Namespace, work: Path) -> ServeResult:
    site = generate_site(
        work / "site", pages=args.pages, terms=args.terms, seed=args.seed, **site_options(args)
    )
    # The page that is edited; it mentions the term the glossary edit adds (not linked yet).
    page = site.pages[min(1, len(site.pages) - 1)]
    page_path = site.root / "docs" / page
    original_page = page_path.read_text("utf-8")
    page_path.write_text(
        original_page + f"\n\nThe {NEW_TERM} is defined later.\n", encoding="utf-8"
    )  # before the servers start: their first build sees it
    glossary = site.root / ("glossary.yml" if args.glossary_format == "yaml" else "glossary.md")
    original_glossary = glossary.read_text("utf-8")
    result = ServeResult(pages=len(site.pages), terms=len(site.terms))
    try:
        with servers(site, work, args.timeout) as running:
            for rep in range(args.reps):
                for server in running.values():
                    settle(server, args.timeout)
                marker = f"edit{rep}x{time.time_ns()}"
                text = page_path.read_text("utf-8") + f"\nA sentence {marker}.\n"
                replace_text(page_path, text, work)
                seen = _wait_both(running, page, marker, args.timeout)
                result.page_with.append(seen["with"])
                result.page_without.append(seen["without"])
                term = NEW_TERM
                if args.glossary_format == "yaml":
                    added = f"\n- term: {term}\n  definition: Added while serving ({rep}).\n"
                else:
                    added = f"\n## Z\n\n#### * {term}\n: Added while serving ({rep}).\n"
                settle(running["with"], args.timeout)
                before = time.perf_counter()
                replace_text(glossary, original_glossary + added, work)
                url = page_url(running["with"].port, page)
                wait_for(
                    functools.partial(_served_link, url, term, True),
                    args.timeout,
                    f"the new term linked on {url}",
                )
                result.glossary.append(time.perf_counter() - before)
                # back to the glossary without the term: the next repetition adds it again
                replace_text(glossary, original_glossary, work)
                wait_for(
                    functools.partial(_served_link, url, term, False),
                    args.timeout,
                    f"the removed term unlinked on {url}",
                )
                print(
                    f"  rep {rep + 1}/{args.reps}: page edit with {seen['with']:.2f}s, "
                    f"without {seen['without']:.2f}s; glossary edit {result.glossary[-1]:.2f}s",
                    file=sys.stderr,
                    flush=True,
                )
    finally:
        page_path.write_text(original_page, encoding="utf-8")
        glossary.write_text(original_glossary, encoding="utf-8")
    return result


def _served_link(url: str, term: str, wanted: bool) -> bool:
    return _linked(fetch(url), term) is wanted


def _wait_both(
    running: dict[str, Server], page: str, marker: str, timeout: float
) -> dict[str, float]:
    """Seconds until each server serves ``page`` with ``marker`` (both polled in turn)."""
    start = time.perf_counter()
    seen: dict[str, float] = {}
    while len(seen) < len(running):
        for name, server in running.items():
            if name in seen:
                continue
            html = fetch(page_url(server.port, page))
            if html is not None and marker in html:
                seen[name] = time.perf_counter() - start
        if time.perf_counter() - start > timeout:
            missing = ", ".join(n for n in running if n not in seen)
            raise TimeoutError(f"page edit not served by {missing} within {timeout:.0f} s")
        time.sleep(POLL)
    return seen


def serve_table(r: ServeResult) -> str:
    ratios = [w / c for w, c in zip(r.page_with, r.page_without, strict=False)]
    over = [g - w for g, w in zip(r.glossary, r.page_with, strict=False)]

    def med(values: Sequence[float], spec: str = ".2f") -> str:
        return format(statistics.median(values), spec)

    return "\n".join(
        [
            f"`mkdocs serve`, {r.pages} pages × {r.terms:,} terms (seconds from saving a file to "
            "the new page being served; medians):",
            "",
            "| edit | with (s) | without (s) | **ratio** | ratio range | pairs |",
            "|---|---:|---:|---:|---:|---|",
            f"| one page | {med(r.page_with)} | {med(r.page_without)} | **{med(ratios, '.3f')}** "
            f"| {min(ratios):.3f}–{max(ratios):.3f} "
            f"| {', '.join(f'{x:.3f}' for x in sorted(ratios))} |",
            "",
            "| edit | new link served (s) | page-edit rebuild, same server (s) "
            "| **beyond MkDocs' own rebuild (s)** | pairs |",
            "|---|---:|---:|---:|---|",
            f"| the glossary | {med(r.glossary)} | {med(r.page_with)} | **{med(over)}** "
            f"| {', '.join(f'{x:+.2f}' for x in over)} |",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.serve",
        description="Time mkdocs serve's rebuilds with and without the glossary plugin.",
    )
    parser.add_argument("--pages", type=int, default=500, help="pages N (default 500)")
    parser.add_argument("--terms", type=int, default=1000, help="terms M (default 1000)")
    parser.add_argument("--reps", type=int, default=5, help="repetitions (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="longest wait for one rebuild (default 120 s)"
    )
    parser.add_argument("--work", type=Path, help="where to generate the site (default: temp)")
    parser.add_argument("--out", type=Path, help="also write the Markdown report to this file")
    add_site_options(parser)
    args = parser.parse_args(argv)
    if args.reps < 1:
        parser.error("--reps must be at least 1")
    if args.plain or args.plain_pages or args.one_group:
        parser.error("--plain, --plain-pages and --one-group are for benchmarks.run, not serve")
    work = args.work or Path(tempfile.mkdtemp(prefix="glossary-serve-"))
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    try:
        result = run(args, work)
    except TimeoutError as exc:
        print(f"benchmarks.serve: {exc}", file=sys.stderr)
        return 1
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    flags = " --prune" if args.prune else ""
    flags += " --glossary-format yaml" if args.glossary_format == "yaml" else ""
    text = "\n".join(
        [
            f"Command: `python -m benchmarks.serve --pages {args.pages} --terms {args.terms} "
            f"--reps {args.reps} --seed {args.seed}{flags}`  ",
            f"Run: {started}; load average {os.getloadavg()[0]:.2f}  ",
            f"Machine: {machine()}",
            "",
            serve_table(result),
            "",
        ]
    )
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
