"""Hostile feed bodies through `parse_feed`, each in its own process with a time limit.

    python -m benchmarks.bench_hostile [--timeout 20] [--before TREE] [--only NAME]
                                       [--database sqlite|postgresql] [--json]

Every body of tests/test_feeds_hostile.py (tests/hostile_feeds.py builds them) and two at the
feed limits, parsed by `bot.ingest.feeds.parse_feed(body, url=...)`, the call a poll makes on
a fetched body (in a thread). Per body: wall and CPU seconds, the tracemalloc peak of a second
parse, the growth of the process's peak RSS, and the outcome (items and keys, or the typed
refusal). Then the slowest body once more, parsed in a thread as a poll does while the event
loop ticks every 10 ms: how late the ticks came (the loop's share of the GIL while the parse
holds it). `--before TREE` also runs every body on another checkout (its `.venv/bin/python`),
say the code before issue 13. Prints figures; asserts nothing. `--database` is ignored.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import math
import os
import pickle
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Only the standard library and measure.py at the top: the child runs this file on other
# checkouts (--before), where the tests' helpers or today's bot may not exist.
from benchmarks.measure import cpu_seconds, machine, print_figures, reset_peak_rss, status_mb, table

ROOT = Path(__file__).resolve().parent.parent
URL = "https://hostile.example/feed.xml"
BYTE_CAP = 5 * 1024 * 1024  # net.max_body_bytes' default: a larger body fails as too_large
TIMEOUT = 20.0
TRACED_TIMEOUT = 180.0
WARM = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Warm</title><item><title>a'
        b"</title><link>https://hostile.example/a</link><description>&lt;p&gt;x</description>"
        b"</item></channel></rss>")


@dataclass
class BodyFigures:
    name: str
    bytes: int
    status: str  # "ok", "timed out" (after the timeout) or "crashed"
    outcome: str  # "N items, K keys" or "refused REASON: MESSAGE"
    wall_s: float | None = None
    cpu_s: float | None = None
    traced_peak_mb: float | None = None  # tracemalloc's peak over a second parse
    rss_growth_mb: float | None = None  # the parse's RSS high-water mark over the RSS before it
    peak_rss_mb: float | None = None  # the process's RSS high-water mark during the parse


@dataclass
class TreeFigures:
    label: str
    tree: str
    commit: str
    bodies: list[BodyFigures] = field(default_factory=list)
    # The slowest body parsed in a thread while the event loop ticks: "name", "ticks",
    # "lag_p50_ms", "lag_p99_ms", "lag_max_ms" (how late a 10 ms sleep woke).
    loop: dict[str, Any] | None = None


@dataclass
class Figures:
    machine: dict[str, str | int]
    timeout_s: float
    trees: list[TreeFigures]


def limit_bodies(cap: int) -> dict[str, bytes]:
    """The feed limits at once: `cap` items sharing one link (numbered), their text a run of
    tag starts, RSS and JSON Feed each filling as much of BYTE_CAP as the items take."""
    from tests.hostile_feeds import rss_body

    link = "https://hostile.example/same"
    per_item = (BYTE_CAP - 1000) // cap  # bytes each item may take

    def item(n: int, text: str) -> str:
        return (f"<item><title>Story {n}</title><link>{link}</link>"
                f"<description>{text}</description></item>")

    xml_run = "x &lt;b" * ((per_item - len(item(cap, ""))) // 7)
    rss = rss_body("".join(item(n, xml_run) for n in range(cap)).encode())
    entry = json.dumps({"url": link, "title": f"Story {cap}", "content_html": ""}) + ", "
    json_run = "x <b" * ((per_item - len(entry)) // 4)
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Hostile", "items": [
        {"url": link, "title": f"Story {n}", "content_html": json_run} for n in range(cap)]}
    return {"limits/rss_cap_items_5mb": rss,
            "limits/json_cap_items_5mb": json.dumps(feed).encode()}


def hostile_bodies() -> dict[str, bytes]:
    """Every hostile body, by "group/name"."""
    from bot.ingest.feedmodel import MAX_FEED_ITEMS
    from tests import hostile_feeds as h

    groups = {
        "prologue": h.prologue_bodies(),
        "link_tags": h.link_tag_bodies(),
        "items": {**h.too_many_bodies(MAX_FEED_ITEMS),
                  "same_link_at_cap": h.rss_body(h.rss_items(MAX_FEED_ITEMS, same_link=True))},
        "tag_text": h.tag_start_text_bodies(),
        "page": {**h.almost_feed_page_bodies(), "embedded_feed": h.embedded_feed_page()},
    }
    bodies = {f"{group}/{name}": body for group, cases in groups.items()
              for name, body in cases.items()}
    bodies.update(limit_bodies(MAX_FEED_ITEMS))
    assert all(len(body) <= BYTE_CAP for body in bodies.values())
    return bodies


def _outcome(body: bytes) -> str:
    from bot.ingest.feeds import FeedFormatError, parse_feed

    try:
        feed = parse_feed(body, url=URL)
    except FeedFormatError as error:
        # Before issue 13 the error had no reason: every refusal was a bad format.
        reason = getattr(error, "reason", "bad_format")
        return f"refused {reason}: {error.message}"
    keys = {entry.key for entry in feed.entries}
    return f"{len(feed.entries)} items, {len(keys)} keys"


TICK = 0.01


async def _loop_lag(body: bytes) -> dict[str, Any]:
    """Parse `body` in a thread (as a poll does) while the loop sleeps TICK at a time."""
    lags: list[float] = []
    parsing = asyncio.Event()
    parsing.set()

    async def ticker() -> None:
        while parsing.is_set():
            started = time.perf_counter()
            await asyncio.sleep(TICK)
            lags.append(time.perf_counter() - started - TICK)

    ticks = asyncio.create_task(ticker())
    await asyncio.to_thread(_outcome, body)
    parsing.clear()
    await ticks
    lags.sort()

    def at(q: float) -> float:
        return round(lags[min(len(lags) - 1, int(q * len(lags)))] * 1000, 1)

    return {"ticks": len(lags), "lag_p50_ms": at(0.5), "lag_p99_ms": at(0.99),
            "lag_max_ms": round(lags[-1] * 1000, 1)}


def child(mode: str, tree: str) -> None:
    """One body from stdin, parsed once on `tree`'s bot package; one line of JSON. "timed":
    wall, CPU and the growth of the RSS high-water mark; "traced": tracemalloc's peak (a parse
    under tracemalloc is several times slower, so it is a process of its own)."""
    sys.path.insert(0, tree)  # measure.py came from this checkout; bot comes from `tree`
    body: bytes = pickle.loads(sys.stdin.buffer.read())
    _outcome(WARM)  # imports and first-use costs are not the body's
    import bot

    figures: dict[str, Any] = {"bot": str(Path(bot.__file__).parent.parent)}
    if mode == "loop":
        figures |= asyncio.run(_loop_lag(body))
        print(json.dumps(figures), flush=True)
        return
    if mode == "traced":
        tracemalloc.start()
        _outcome(body)
        figures["traced_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 2)
        print(json.dumps(figures), flush=True)
        return
    gc.collect()
    rss_before = status_mb("VmRSS")
    reset = reset_peak_rss()
    started, cpu = time.perf_counter(), cpu_seconds()
    outcome = _outcome(body)
    wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    peak = status_mb("VmHWM")
    figures |= {"outcome": outcome, "wall_s": round(wall, 4), "cpu_s": round(cpu, 4),
                "peak_rss_mb": None if peak is None else round(peak, 1)}
    if reset and peak is not None and rss_before is not None:
        figures["rss_growth_mb"] = round(peak - rss_before, 1)
    print(json.dumps(figures), flush=True)


def python_of(tree: Path) -> str:
    venv = tree / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def commit_of(tree: Path) -> str:
    try:
        return subprocess.run(["git", "-C", str(tree), "log", "-1", "--format=%h %s"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def _run_child(tree: Path, mode: str, body: bytes, timeout: float) -> tuple[str, dict[str, Any]]:
    """("ok" | "timed out" | "crashed: LAST LINE", the child's figures)."""
    command = [python_of(tree), "-m", "benchmarks.bench_hostile", "--child", mode,
               "--tree", str(tree)]
    try:
        done = subprocess.run(command, input=pickle.dumps(body), capture_output=True,
                              cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return "timed out", {}
    if done.returncode != 0:
        last = (done.stderr.decode().strip().splitlines() or ["?"])[-1]
        return f"crashed: {last[:160]}", {}
    figures: dict[str, Any] = json.loads(done.stdout)
    imported = figures.pop("bot")
    if Path(imported).resolve() != tree.resolve():
        raise RuntimeError(f"the child imported bot from {imported}, not from {tree}")
    return "ok", figures


def measure(tree: Path, name: str, body: bytes, timeout: float,
            traced_timeout: float) -> BodyFigures:
    figures = BodyFigures(name=name, bytes=len(body), status="ok", outcome="")
    figures.status, timed = _run_child(tree, "timed", body, timeout)
    if figures.status != "ok":
        figures.outcome = f"no outcome after {timeout:g} s" if not timed else figures.status
        return figures
    for key, value in timed.items():
        setattr(figures, key, value)
    status, traced = _run_child(tree, "traced", body, traced_timeout)
    figures.traced_peak_mb = traced.get("traced_peak_mb")
    if status != "ok":
        figures.outcome += f" (traced parse: {status})"
    return figures


def worst_first(bodies: Sequence[BodyFigures]) -> list[BodyFigures]:
    """Timed out first, then by wall time."""
    return sorted(bodies, key=lambda b: (b.wall_s is not None,
                                         -(b.wall_s if b.wall_s is not None else math.inf)))


def render(figures: Figures) -> str:
    m = figures.machine
    lines = [f"hostile feed bodies through parse_feed, one process each, {figures.timeout_s:g} s "
             f"limit ({m['nproc']} CPUs, {m['cpu']}, Python {m['python']})"]
    for tree in figures.trees:
        rows = [(b.name, f"{b.bytes:,}", b.status, _number(b.wall_s, 3), _number(b.cpu_s, 3),
                 _number(b.traced_peak_mb, 1), _number(b.rss_growth_mb, 1), b.outcome[:60])
                for b in worst_first(tree.bodies)]
        lines += ["", f"{tree.label}: {tree.tree} ({tree.commit})",
                  table(("body", "bytes", "status", "wall s", "CPU s", "traced MB",
                         "RSS +MB", "outcome"), rows)]
        worst = worst_first(tree.bodies)[0]
        lines.append(f"worst ({tree.label}): {_headline(worst, figures.timeout_s)}")
        if tree.loop:
            lines.append(f"event loop while {tree.loop['name']} is parsed in a thread: "
                         f"{_loop_line(tree.loop)}")
    return "\n".join(lines)


def _loop_line(loop: dict[str, Any]) -> str:
    return (f"{loop['ticks']} ticks of {TICK * 1000:g} ms, late by p50 {loop['lag_p50_ms']} / "
            f"p99 {loop['lag_p99_ms']} / max {loop['lag_max_ms']} ms")


def _number(value: float | None, places: int) -> str:
    return "–" if value is None else f"{value:.{places}f}"


def _headline(body: dict[str, Any] | BodyFigures, timeout: float) -> str:
    b = body if isinstance(body, dict) else body.__dict__
    if b["wall_s"] is None:
        return f"{b['name']}: timed out after {timeout:g} s"
    return (f"{b['name']} ({b['bytes']:,} bytes): {b['wall_s']:.2f} s wall, {b['cpu_s']:.2f} s "
            f"CPU, {_number(b['traced_peak_mb'], 1)} MB traced peak, RSS +"
            f"{_number(b['rss_growth_mb'], 1)} MB; {b['outcome'][:60]}")


def summary(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The headline figures for `make bench`'s table: (figure, value, target)."""
    rows = []
    for tree in doc["trees"]:
        bodies = tree["bodies"]
        timed = [b for b in bodies if b["wall_s"] is not None]
        stalled = len(bodies) - sum(b["status"] == "ok" for b in bodies)
        worst = max(timed, key=lambda b: b["wall_s"]) if timed else None
        label = "" if tree["label"] == "this tree" else f" ({tree['label']})"
        if worst is not None:
            rows.append((f"worst hostile body{label}: {worst['name']}",
                         f"{worst['wall_s']:.2f} s, {_number(worst['traced_peak_mb'], 0)} MB "
                         "traced", ""))
        rows.append((f"hostile bodies timed out or crashed{label} ({len(bodies)} bodies)",
                     str(stalled), "0" if not label else ""))
        if tree.get("loop"):
            rows.append((f"event loop during the worst body{label}: tick lag p99 / max",
                         f"{tree['loop']['lag_p99_ms']} / {tree['loop']['lag_max_ms']} ms", ""))
    return rows


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_hostile",
                                     description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--timeout", type=float, default=TIMEOUT,
                        help=f"seconds each body's process may take ({TIMEOUT:g})")
    parser.add_argument("--traced-timeout", type=float, default=TRACED_TIMEOUT,
                        help="seconds for the second parse, under tracemalloc "
                             f"({TRACED_TIMEOUT:g})")
    parser.add_argument("--before", type=Path, action="append", default=[],
                        help="another checkout to run the same bodies on (repeatable)")
    parser.add_argument("--only", action="append", default=[],
                        help="only bodies whose name contains this (repeatable)")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite",
                        help="ignored: no database is used")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--child", choices=("timed", "traced", "loop"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--tree", default=str(ROOT), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        child(args.child, args.tree)
        return 0
    bodies = hostile_bodies()
    if args.only:
        bodies = {k: v for k, v in bodies.items() if any(part in k for part in args.only)}
    trees = [TreeFigures("this tree", str(ROOT), commit_of(ROOT))]
    trees += [TreeFigures(f"before: {path.name}", str(path.resolve()), commit_of(path))
              for path in args.before]
    for tree in trees:
        for name, body in bodies.items():
            print(f"{tree.label}: {name}", file=sys.stderr, flush=True)
            tree.bodies.append(measure(Path(tree.tree), name, body, args.timeout,
                                       args.traced_timeout))
        done = [b for b in tree.bodies if b.status == "ok"]
        if done:
            worst = worst_first(done)[0]
            status, lag = _run_child(Path(tree.tree), "loop", bodies[worst.name], args.timeout)
            if status == "ok":
                tree.loop = {"name": worst.name, **lag}
    print_figures(Figures(machine(), args.timeout, trees), args.json, render)
    return 0


if __name__ == "__main__":
    sys.exit(main())
