"""Run every `benchmarks/bench_*.py` module, one subprocess each, and print what each prints.

    python -m benchmarks.run_all [ARGS...]

ARGS (say `--database postgresql`) are passed to every benchmark. The exit status is 1 if any
benchmark failed (a crash, not a slow figure: benchmarks never assert times).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def benchmark_modules() -> list[str]:
    """`benchmarks.bench_x` for every bench_x.py beside this file, in name order."""
    return [f"{HERE.name}.{path.stem}" for path in sorted(HERE.glob("bench_*.py"))]


def run(module: str, args: Sequence[str]) -> int:
    print(f"=== {module} {' '.join(args)}".rstrip(), flush=True)
    started = time.perf_counter()
    # Output goes straight through (not captured), so long benchmarks show progress as it comes.
    status = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT,
                            check=False).returncode
    outcome = "ok" if status == 0 else f"FAILED (exit status {status})"
    print(f"=== {module}: {outcome} in {time.perf_counter() - started:.1f} s\n", flush=True)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    modules = benchmark_modules()
    if not modules:
        print(f"no bench_*.py modules in {HERE}", file=sys.stderr)
        return 1
    failed = [m for m in modules if run(m, args) != 0]
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
