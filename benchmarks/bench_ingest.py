"""Polling N feeds of M items through the real app, twice (learning pass, then half 304), and
the same feeds with a plain aiohttp + feedparser client in the same run, for a ratio.

    python -m benchmarks.bench_ingest [--feeds 1000] [--items 20]
                                      [--database sqlite|postgresql] [--json]

Prints figures; asserts nothing. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from benchmarks.databases import DEFAULT_POSTGRES_URL, KINDS, bench_environment, scratch_database
from benchmarks.feed_host import NEW_ITEMS, FeedHost, HostPlan
from benchmarks.measure import cpu_seconds, machine, peak_rss_mb, print_figures, table
from benchmarks.plain_client import PlainClient, PlainRound
from bot.app import App, open_app
from bot.config import load_settings
from bot.ingest.urls import canonical_url
from bot.models import Article, Feed, Subscription

GUILDS = 5  # feeds are spread over this many guilds, two channels each
FIRST_GUILD = 910_000_000_000_000_000
PAGES = 50
TARGET = "all 1,000 feeds in ≤ 60 s, ≤ 300 MB on one process"
# Issue 15: the bot's steady round at most this many times the plain client's, in one run.
RATIO_TARGET = 2.0


@dataclass
class RoundFigures:
    """One `poll_due(force=True)` over every feed."""

    name: str
    wall_s: float
    cpu_s: float  # the bot's process: user + system, all threads
    feeds_per_s: float
    polled: int
    answered_200: int
    answered_304: int
    new_articles: int
    articles_in_db: int
    posts_queued: int
    errors: int
    peak_rss_mb: float
    first_errors: list[dict[str, str]] = field(default_factory=list)


@dataclass
class PageFigures:
    """`poller.page(url)` (fetch and extract) for every page, `concurrency` at a time."""

    pages: int
    concurrency: int
    wall_s: float
    cpu_s: float
    pages_per_s: float
    extracted: int
    mean_words: float
    peak_rss_mb: float


@dataclass
class Figures:
    machine: dict[str, str | int]
    database: str
    feeds: int
    items: int
    poll_concurrency: int
    per_host_limit: int
    setup_s: float
    rss_after_setup_mb: float
    rounds: list[RoundFigures]
    pages: PageFigures | None
    # The plain client's rounds (first: every feed 200; steady: the same half 304) and the
    # bot's wall time over the plain client's, round for round.
    plain: list[PlainRound] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)


def guild_of(feed: int) -> tuple[int, int]:
    """(guild id, channel id) of feed `feed`'s one subscription."""
    guild = FIRST_GUILD + feed % GUILDS
    return guild, guild + 1 + (feed // GUILDS) % 2


async def seed(app: App, host: FeedHost, feeds: int) -> None:
    """N feeds and one subscription each, straight through the models, in one transaction."""
    now = app.clock.now()
    interval = round(app.settings.ingest_poll_interval_minutes * 60)
    async with app.db.transaction() as session:
        rows = [Feed(url=canonical_url(host.feed_url(i)), created_at=now, next_poll_at=now,
                     poll_interval_seconds=interval) for i in range(feeds)]
        session.add_all(rows)
        await session.flush()
        for i, row in enumerate(rows):
            guild, channel = guild_of(i)
            session.add(Subscription(guild_id=guild, feed_id=row.id, channel_id=channel,
                                     created_at=now))


async def count_articles(app: App) -> int:
    async with app.db.transaction() as session:
        return await session.scalar(select(func.count()).select_from(Article)) or 0


async def poll_round(app: App, host: FeedHost, name: str) -> RoundFigures:
    before = await host.counts()
    started, cpu = time.perf_counter(), cpu_seconds()
    report = await app.poller.poll_due(force=True)
    wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    answered = await host.counts() - before
    return RoundFigures(
        name=name, wall_s=round(wall, 2), cpu_s=round(cpu, 2),
        feeds_per_s=round(report.polled / wall, 1), polled=report.polled,
        answered_200=answered["feed 200"], answered_304=answered["feed 304"],
        new_articles=report.new_articles, articles_in_db=await count_articles(app),
        posts_queued=report.posts_queued,
        errors=len(report.errors), peak_rss_mb=round(peak_rss_mb(), 1),
        first_errors=report.errors[:5],
    )


async def page_round(app: App, host: FeedHost, pages: int, concurrency: int) -> PageFigures:
    # trafilatura's first page costs about 0.1 s more (README of bot/ingest): not timed.
    await app.poller.page(host.page_url(0))
    limit = asyncio.Semaphore(concurrency)

    async def one(k: int) -> int | None:
        async with limit:
            page = await app.poller.page(host.page_url(k))
        return len(page.text.split()) if page is not None else None

    started, cpu = time.perf_counter(), cpu_seconds()
    words = await asyncio.gather(*(one(k) for k in range(pages)))
    wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    got = [w for w in words if w is not None]
    return PageFigures(pages=pages, concurrency=concurrency, wall_s=round(wall, 2),
                       cpu_s=round(cpu, 2), pages_per_s=round(pages / wall, 1), extracted=len(got),
                       mean_words=round(sum(got) / len(got), 1) if got else 0.0,
                       peak_rss_mb=round(peak_rss_mb(), 1))


async def database_version(app: App) -> str:
    if app.db.dialect == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    async with app.db.transaction() as session:
        version = str(await session.scalar(text("SHOW server_version")))
    return f"PostgreSQL {version.split()[0]}"


async def run(args: argparse.Namespace) -> Figures:
    # Dates are real (the app runs on the system clock): every item is younger than the age
    # limit, so the figures include queueing posts.
    newest = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=NEW_ITEMS + 1)
    plan = HostPlan(feeds=args.feeds, items=args.items, pages=args.pages, newest_at=newest)
    with tempfile.TemporaryDirectory(prefix="fanzine-bench-") as tmp:
        workdir = Path(tmp)
        async with FeedHost(plan) as host, scratch_database(args.database, workdir,
                                                            args.postgres_url) as url:
            settings = load_settings(bench_environment(
                workdir, url, FANZINE_ALLOW_PRIVATE_NETWORKS="1", FANZINE_INGEST_FETCH_PAGES="0"))
            async with open_app(settings) as app, PlainClient(
                    settings.ingest_poll_concurrency, settings.net_per_host_limit) as plain:
                started = time.perf_counter()
                await seed(app, host, args.feeds)
                setup = time.perf_counter() - started
                rss_after_setup = peak_rss_mb()
                urls = [host.feed_url(i) for i in range(args.feeds)]
                # The plain client's first round before the bot's, its steady round after
                # the bot's: both see every feed answer 200, then the same half answer 304.
                plain_rounds = [await plain.poll("first poll (every feed 200)", urls)]
                rounds = [await poll_round(app, host, "first poll (learning pass)")]
                await host.change_half()
                rounds.append(await poll_round(app, host, "steady poll (half 304)"))
                plain_rounds.append(await plain.poll("steady poll (half 304)", urls))
                pages = (await page_round(app, host, args.pages, args.page_concurrency)
                         if args.pages else None)
                database = await database_version(app)
    return Figures(machine=machine(), database=database, feeds=args.feeds, items=args.items,
                   poll_concurrency=settings.ingest_poll_concurrency,
                   per_host_limit=settings.net_per_host_limit, setup_s=round(setup, 2),
                   rss_after_setup_mb=round(rss_after_setup, 1), rounds=rounds, pages=pages,
                   plain=plain_rounds,
                   ratios=[round(r.wall_s / p.wall_s, 2) if p.wall_s else 0.0
                           for r, p in zip(rounds, plain_rounds, strict=True)])


def render(figures: Figures) -> str:
    m = figures.machine
    lines = [
        f"ingest: {figures.feeds} feeds × {figures.items} items on {figures.database}, "
        f"one subscription each; {figures.poll_concurrency} feeds polled at a time, "
        f"{figures.per_host_limit} requests at a time to the one local host; page fetching off",
        f"machine: {m['nproc']} CPUs, {m['cpu']}; Python {m['python']}, {m['system']}",
        f"setup (not timed below): {figures.feeds} feeds and subscriptions inserted in "
        f"{figures.setup_s} s; peak RSS {figures.rss_after_setup_mb} MB",
        "",
        table(
            ("round", "wall s", "CPU s", "feeds/s", "200s", "304s", "new articles",
             "articles in db", "posts queued", "errors", "peak RSS MB"),
            [(r.name, f"{r.wall_s:.2f}", f"{r.cpu_s:.2f}", f"{r.feeds_per_s:.1f}",
              r.answered_200, r.answered_304, r.new_articles, r.articles_in_db, r.posts_queued,
              r.errors, f"{r.peak_rss_mb:.1f}")
             for r in figures.rounds],
        ),
        f"target for the steady poll: {TARGET}",
        "",
        "plain client (aiohttp + feedparser in a thread, the same concurrency; stores nothing):",
        table(
            ("round", "wall s", "CPU s", "200s", "304s", "items parsed", "errors",
             "bot's wall ×"),
            [(p.name, f"{p.wall_s:.2f}", f"{p.cpu_s:.2f}", p.answered_200, p.answered_304,
              p.items_parsed, p.errors, f"{ratio:.2f}")
             for p, ratio in zip(figures.plain, figures.ratios, strict=True)],
        ),
        f"target for the steady poll: ≤ {RATIO_TARGET:g}× the plain client's wall time",
    ]
    for r in figures.rounds:
        lines.extend(f"  {r.name}: error {e.get('url')}: {e.get('reason')}"
                     for e in r.first_errors)
    if figures.pages is not None:
        p = figures.pages
        lines += [
            "",
            f"pages: poller.page (fetch + extract) of {p.pages} article pages of ~600 words "
            f"with nav, comments and footer around, {p.concurrency} at a time",
            f"  {p.wall_s:.2f} s wall, {p.cpu_s:.2f} s CPU, {p.pages_per_s:.1f} pages/s; "
            f"{p.extracted} extracted, {p.mean_words:.0f} words each on average; "
            f"peak RSS {p.peak_rss_mb:.1f} MB",
        ]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_ingest",
                                     description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--feeds", type=int, default=1000, help="feeds to poll (1000)")
    parser.add_argument("--items", type=int, default=20, help="items in each feed (20)")
    parser.add_argument("--database", choices=KINDS, default="sqlite",
                        help="a temporary SQLite file, or a new PostgreSQL database (sqlite)")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL,
                        help="server to create the PostgreSQL database on "
                             f"({DEFAULT_POSTGRES_URL})")
    parser.add_argument("--pages", type=int, default=PAGES,
                        help=f"article pages for the page figure, 0 for none ({PAGES})")
    parser.add_argument("--page-concurrency", type=int, default=8,
                        help="pages fetched and extracted at a time (8)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    for name in ("feeds", "items", "page_concurrency"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be 1 or more")
    if args.items <= NEW_ITEMS:
        parser.error(f"--items must be more than {NEW_ITEMS}")
    if args.pages < 0:
        parser.error("--pages must be 0 or more")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    figures = asyncio.run(run(args))
    print_figures(figures, args.json, render)
    return 0


def summary(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The headline figures for `make bench`'s table: (figure, value, target)."""
    rows = []
    for figures in doc["rounds"]:
        steady = figures["name"].startswith("steady")
        rows.append((f"{figures['name']}: wall s ({doc['feeds']} feeds)",
                     f"{figures['wall_s']:.1f}", "≤ 60" if steady else ""))
        if steady:
            rows.append(("steady poll: peak RSS MB", f"{figures['peak_rss_mb']:.0f}", "≤ 300"))
    for plain, ratio in zip(doc.get("plain", []), doc.get("ratios", []), strict=True):
        if plain["name"].startswith("steady"):
            rows.append(("steady poll: plain aiohttp + feedparser client, wall s",
                         f"{plain['wall_s']:.1f}", ""))
            rows.append(("steady poll: bot's wall × the plain client's", f"{ratio:.2f}",
                         f"≤ {RATIO_TARGET:g}"))
    if doc.get("pages"):
        rows.append(("pages/s (fetch + main text)", f"{doc['pages']['pages_per_s']:.0f}", ""))
    return rows

if __name__ == "__main__":
    sys.exit(main())
