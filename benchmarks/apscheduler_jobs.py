"""bench_schedule's comparison: reminders as APScheduler 3.11 jobs in its SQLAlchemy job store.

    python -m benchmarks.apscheduler_jobs --jobs 10000 --path /tmp/jobs.sqlite3

Run as its own process (it imports nothing of the bot), it prints JSON: the time to add every
job to a running AsyncIOScheduler, the time a new scheduler takes to start over the stored
jobs (a restart) until its first wake-up, the time to read every job back, and the process's
peak RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger


def peak_rss_mb() -> float:
    """This process's own high-water RSS (VmHWM). ru_maxrss would report the parent's size:
    Linux carries it over a fork and exec."""
    try:
        for line in open("/proc/self/status", encoding="ascii"):  # noqa: SIM115
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def remind(n: int) -> None:
    """What each reminder job would run."""


async def measure(path: str, jobs: int) -> dict[str, float]:
    url = f"sqlite:///{path}"
    now = datetime.now(UTC)
    scheduler = AsyncIOScheduler(jobstores={"default": SQLAlchemyJobStore(url=url)},
                                 timezone=UTC)
    scheduler.start()
    started = time.perf_counter()
    for n in range(jobs):
        scheduler.add_job(remind, DateTrigger(now + timedelta(days=2, seconds=n * 97)),
                          args=(n,), id=f"reminder-{n}", misfire_grace_time=3600)
    add_s = time.perf_counter() - started
    scheduler.shutdown(wait=False)
    # A restart: a new scheduler over the same store, as a process coming back builds it.
    # start() only schedules the first wake-up; _process_jobs() is that wake-up (due jobs run,
    # next run time read), so both together are the start-up our dispatcher's figure counts.
    started = time.perf_counter()
    again = AsyncIOScheduler(jobstores={"default": SQLAlchemyJobStore(url=url)}, timezone=UTC)
    again.start()
    again._process_jobs()
    start_s = time.perf_counter() - started
    started = time.perf_counter()
    stored = len(again.get_jobs())  # every job read back (what a listing or a sync costs)
    list_s = time.perf_counter() - started
    again.shutdown(wait=False)
    return {"jobs": stored, "add_s": add_s, "start_s": start_s, "list_s": list_s,
            "peak_rss_mb": peak_rss_mb()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.apscheduler_jobs")
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--path", required=True, help="the job store's SQLite file")
    args = parser.parse_args(argv)
    print(json.dumps(asyncio.run(measure(args.path, args.jobs))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
