"""Run every `benchmarks/bench_*.py` module, one subprocess each, and print one table of figures.

    python -m benchmarks.run_all [ARGS...]

ARGS (say `--database postgresql`) are passed to every benchmark, with `--json`. Each module's
`summary(doc)` picks its headline figures; the table is printed at the end and written, with
each benchmark's full JSON, to `.bench/` (git-ignored). The exit status is 1 if any benchmark
failed (a crash, not a slow figure: benchmarks never assert times).
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.measure import machine, table

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / ".bench"

Row = tuple[str, str, str, str]  # benchmark, figure, value, target
Summary = Callable[[dict[str, Any]], list[tuple[str, str, str]]]


def benchmark_modules() -> list[str]:
    """`benchmarks.bench_x` for every bench_x.py beside this file, in name order."""
    return [f"{HERE.name}.{path.stem}" for path in sorted(HERE.glob("bench_*.py"))]


def run(module: str, args: Sequence[str]) -> tuple[int, list[Row]]:
    """Run one benchmark with --json; its headline rows (none if it failed)."""
    print(f"=== {module} {' '.join(args)}".rstrip(), flush=True)
    started = time.perf_counter()
    # stderr goes straight through, so long benchmarks show their progress as it comes.
    done = subprocess.run([sys.executable, "-m", module, *args, "--json"], cwd=ROOT,
                          check=False, stdout=subprocess.PIPE, text=True)
    took = time.perf_counter() - started
    short = module.rsplit(".", 1)[-1]
    rows: list[Row] = []
    if done.returncode == 0:
        doc = json.loads(done.stdout)
        OUT.mkdir(exist_ok=True)
        (OUT / f"{short}.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        summary: Summary = importlib.import_module(module).summary
        rows = [(short, *row) for row in summary(doc)]
        print(table(("figure", "value", "target"), [row[1:] for row in rows]))
    outcome = "ok" if done.returncode == 0 else f"FAILED (exit status {done.returncode})"
    print(f"=== {module}: {outcome} in {took:.1f} s\n", flush=True)
    return done.returncode, rows


def render(rows: Sequence[Row], args: Sequence[str]) -> str:
    m = machine()
    database = "postgresql" if "postgresql" in args else "sqlite"
    head = (f"fanzine benchmarks, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, on {database}: "
            f"{m['nproc']} CPUs, {m['cpu']}; Python {m['python']}, {m['system']}")
    lines = ["| benchmark | figure | value | target |", "|---|---|---|---|"]
    lines += [f"| {b} | {f} | {v} | {t} |" for b, f, v, t in rows]
    return head + "\n\n" + "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    modules = benchmark_modules()
    if not modules:
        print(f"no bench_*.py modules in {HERE}", file=sys.stderr)
        return 1
    failed, rows = [], []
    for module in modules:
        status, found = run(module, args)
        rows += found
        if status != 0:
            failed.append(module)
    report = render(rows, args)
    OUT.mkdir(exist_ok=True)
    (OUT / "latest.md").write_text(report, encoding="utf-8")
    print(report)
    print(f"(also written to {OUT / 'latest.md'})")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
