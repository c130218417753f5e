"""An article page to stored facts, end to end: fetch, main text, store, extract, store facts.

    python -m benchmarks.bench_learn [--pages 200] [--database sqlite|postgresql] [--json]

Each page goes through `app.ingest.ingest_url`, as `/ingest` does. Prints figures; asserts
nothing. Nothing leaves 127.0.0.1. (Extraction alone is `benchmarks.bench_extract`.)
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from benchmarks.databases import DEFAULT_POSTGRES_URL, KINDS, bench_environment, scratch_database
from benchmarks.feed_host import FeedHost, HostPlan
from benchmarks.measure import cpu_seconds, machine, peak_rss_mb, print_figures
from bot.actors import Actor
from bot.app import open_app
from bot.config import load_settings
from bot.models import Entity, Fact


@dataclass
class Figures:
    machine: dict[str, str | int]
    database: str
    pages: int
    wall_s: float
    cpu_s: float
    pages_per_s: float
    ms_per_page: float
    articles_stored: int
    facts_stored: int
    entities: int
    peak_rss_mb: float


async def run(args: argparse.Namespace) -> Figures:
    plan = HostPlan(feeds=1, items=2, pages=args.pages + 1, newest_at=datetime.now(UTC))
    mod = Actor(user_id=1, name="bench", guild_id=1, channel_id=1, is_moderator=True)
    with tempfile.TemporaryDirectory(prefix="fanzine-bench-") as tmp:
        workdir = Path(tmp)
        async with FeedHost(plan) as host, scratch_database(args.database, workdir,
                                                            args.postgres_url) as url:
            settings = load_settings(bench_environment(workdir, url,
                                                       FANZINE_ALLOW_PRIVATE_NETWORKS="1"))
            async with open_app(settings) as app:
                # The first page loads trafilatura's and the rules' lazy state: not timed.
                await app.ingest.ingest_url(mod, host.page_url(args.pages))
                started, cpu = time.perf_counter(), cpu_seconds()
                for k in range(args.pages):
                    await app.ingest.ingest_url(mod, host.page_url(k))
                wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu
                async with app.db.transaction() as session:
                    facts = await session.scalar(select(func.count()).select_from(Fact)) or 0
                    entities = await session.scalar(
                        select(func.count()).select_from(Entity)) or 0
                articles = args.pages + 1
    return Figures(machine=machine(), database=args.database, pages=args.pages,
                   wall_s=round(wall, 2), cpu_s=round(cpu, 2),
                   pages_per_s=round(args.pages / wall, 1),
                   ms_per_page=round(1000 * wall / args.pages, 1), articles_stored=articles,
                   facts_stored=facts, entities=entities, peak_rss_mb=round(peak_rss_mb(), 1))


def render(f: Figures) -> str:
    m = f.machine
    return "\n".join([
        f"learn: {f.pages} article pages (~600 words, with nav, comments and footer) through "
        f"/ingest's path on {f.database}: fetch, main text, store, extract facts, store facts",
        f"machine: {m['nproc']} CPUs, {m['cpu']}; Python {m['python']}, {m['system']}",
        f"  {f.wall_s:.2f} s wall, {f.cpu_s:.2f} s CPU: {f.pages_per_s:.1f} pages/s, "
        f"{f.ms_per_page:.1f} ms a page, one at a time",
        f"  stored {f.articles_stored} articles, {f.facts_stored} facts, {f.entities} entities; "
        f"peak RSS {f.peak_rss_mb:.1f} MB",
    ])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_learn")
    parser.add_argument("--pages", type=int, default=200, help="pages to ingest (200)")
    parser.add_argument("--database", choices=KINDS, default="sqlite")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--json", action="store_true")
    args, _ = parser.parse_known_args(argv)  # BENCH_ARGS meant for other benchmarks pass by
    if args.pages < 1:
        parser.error("--pages must be 1 or more")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    figures = asyncio.run(run(args))
    print_figures(figures, args.json, render)
    return 0


def summary(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The headline figures for `make bench`'s table: (figure, value, target)."""
    return [("article page to stored facts: pages/s", f"{doc['pages_per_s']:.1f}", ""),
            ("peak RSS MB", f"{doc['peak_rss_mb']:.0f}", "")]

if __name__ == "__main__":
    sys.exit(main())
