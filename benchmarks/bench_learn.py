"""An article page to stored facts: end to end as `/ingest` does it (fetch, main text, store,
extract, store facts), and from the HTML on, against `trafilatura.extract` alone on the same
pages in the same run.

    python -m benchmarks.bench_learn [--pages 200] [--html-pages 200]
                                     [--database sqlite|postgresql] [--json]

1. `--pages` pages served on 127.0.0.1 go through `app.ingest.ingest_url`, as `/ingest` does.
2. `--html-pages` other pages, each stating facts in every paragraph (`content.fact_page_body`:
   ~600 words with nav, cookie banner, comments and footer), one at a time on one core:
   `trafilatura.extract` alone (its defaults), the product's main-text step alone
   (`bot.ingest.article.extract_page`), and HTML to stored facts (`app.ingest.ingest_file`: the
   same step, then store, extract facts, store facts), in that order.

Prints figures; asserts nothing. Nothing leaves 127.0.0.1. (Extraction alone is
`benchmarks.bench_extract`.)
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import trafilatura
from sqlalchemy import event, func, select

from benchmarks.content import fact_page_body
from benchmarks.databases import DEFAULT_POSTGRES_URL, KINDS, bench_environment, scratch_database
from benchmarks.feed_host import FeedHost, HostPlan
from benchmarks.measure import cpu_seconds, machine, peak_rss_mb, print_figures, table
from bot.actors import Actor
from bot.app import App, open_app
from bot.config import load_settings
from bot.ingest.article import extract_page
from bot.models import Entity, Fact

TARGET_PAGES_PER_S = 60  # issue 15: page to facts on one core
GUILD = 1  # the guild of the moderator who ingests


@dataclass
class Step:
    """One pass over the same pages, one at a time."""

    name: str
    pages: int
    wall_s: float
    cpu_s: float
    pages_per_s: float
    ms_per_page: float
    ratio: float  # wall time over trafilatura.extract's on the same pages


@dataclass
class HtmlFigures:
    pages: int
    bytes_per_page: int
    steps: list[Step]
    facts_stored: int
    load_average: tuple[float, float, float]
    # SQL statements a page from HTML to facts (a SQLAlchemy `before_cursor_execute` count,
    # re-plans included; BEGINs too on SQLite, where the driver runs them as statements).
    statements_per_page: float = 0.0


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
    html: HtmlFigures | None
    peak_rss_mb: float


async def html_to_facts(app: App, count: int) -> HtmlFigures:
    """trafilatura alone, the main-text step alone, then HTML to stored facts, on the same
    `count` pages; one page (not among them) goes through each first, untimed."""
    published = datetime.now(UTC)
    pages = [fact_page_body(k, published) for k in range(count + 1)]
    urls = [f"https://news.example/learn/{k}" for k in range(count + 1)]
    trafilatura.extract(pages[count])
    extract_page(pages[count], url=urls[count])
    await app.ingest.ingest_file(GUILD, "page.html", pages[count], url=urls[count])
    async with app.db.transaction() as session:
        before = await session.scalar(select(func.count()).select_from(Fact)) or 0
    timed: list[tuple[str, float, float]] = []

    started, cpu = time.perf_counter(), cpu_seconds()
    for body in pages[:count]:
        trafilatura.extract(body)
    timed.append(("trafilatura.extract alone (its defaults)", time.perf_counter() - started,
                  cpu_seconds() - cpu))
    started, cpu = time.perf_counter(), cpu_seconds()
    for body, url in zip(pages[:count], urls, strict=False):
        extract_page(body, url=url)
    timed.append(("extract_page alone (the product's main text)", time.perf_counter() - started,
                  cpu_seconds() - cpu))
    statements = 0

    def counted(*_args: Any) -> None:
        nonlocal statements
        statements += 1

    event.listen(app.db.engine.sync_engine, "before_cursor_execute", counted)
    started, cpu = time.perf_counter(), cpu_seconds()
    try:
        for k, (body, url) in enumerate(zip(pages[:count], urls, strict=False)):
            await app.ingest.ingest_file(GUILD, f"page{k}.html", body, url=url)
        # Until the guild's plan includes every page's facts (its re-plans run in the
        # background).
        await app.replanner.idle()
    finally:
        event.remove(app.db.engine.sync_engine, "before_cursor_execute", counted)
    timed.append(("HTML to stored facts (ingest_file: main text, store, extract, store facts)",
                  time.perf_counter() - started, cpu_seconds() - cpu))
    async with app.db.transaction() as session:
        after = await session.scalar(select(func.count()).select_from(Fact)) or 0
    base = timed[0][1]
    steps = [Step(name, count, round(wall, 3), round(cpu_s, 3), round(count / wall, 1),
                  round(1000 * wall / count, 2), round(wall / base, 2))
             for name, wall, cpu_s in timed]
    return HtmlFigures(count, sum(map(len, pages)) // len(pages), steps, after - before,
                       os.getloadavg(), round(statements / count, 1))


async def run(args: argparse.Namespace) -> Figures:
    plan = HostPlan(feeds=1, items=2, pages=args.pages + 1, newest_at=datetime.now(UTC))
    mod = Actor(user_id=1, name="bench", guild_id=GUILD, channel_id=1, is_moderator=True)
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
                await app.replanner.idle()
                wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu
                async with app.db.transaction() as session:
                    facts = await session.scalar(select(func.count()).select_from(Fact)) or 0
                    entities = await session.scalar(
                        select(func.count()).select_from(Entity)) or 0
                articles = args.pages + 1
                html = await html_to_facts(app, args.html_pages) if args.html_pages else None
    return Figures(machine=machine(), database=args.database, pages=args.pages,
                   wall_s=round(wall, 2), cpu_s=round(cpu, 2),
                   pages_per_s=round(args.pages / wall, 1),
                   ms_per_page=round(1000 * wall / args.pages, 1), articles_stored=articles,
                   facts_stored=facts, entities=entities, html=html,
                   peak_rss_mb=round(peak_rss_mb(), 1))


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
        *render_html(f.html),
    ])


def render_html(h: HtmlFigures | None) -> list[str]:
    if h is None:
        return []
    return [
        "",
        f"HTML to facts: {h.pages} other pages stating facts in every paragraph "
        f"({h.bytes_per_page:,} bytes, ~600 words, nav, cookie banner, comments, footer), one "
        f"at a time, the same pages in each step; {h.facts_stored:,} facts stored, "
        f"{h.statements_per_page:.1f} SQL statements a page (re-plans included)",
        f"load average at the end: {' / '.join(f'{x:.2f}' for x in h.load_average)}",
        table(("step", "wall s", "CPU s", "pages/s", "ms a page", "× trafilatura alone"),
              [(x.name, f"{x.wall_s:.2f}", f"{x.cpu_s:.2f}", f"{x.pages_per_s:.1f}",
                f"{x.ms_per_page:.1f}", f"{x.ratio:.2f}") for x in h.steps]),
        f"target (issue 15): HTML to facts ≥ {TARGET_PAGES_PER_S} pages/s on one core",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_learn")
    parser.add_argument("--pages", type=int, default=200, help="pages to ingest (200)")
    parser.add_argument("--html-pages", type=int, default=200,
                        help="pages for HTML to facts vs trafilatura alone (200; 0: skip)")
    parser.add_argument("--database", choices=KINDS, default="sqlite")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--json", action="store_true")
    args, _ = parser.parse_known_args(argv)  # BENCH_ARGS meant for other benchmarks pass by
    if args.pages < 1 or args.html_pages < 0:
        parser.error("--pages must be 1 or more, --html-pages 0 or more")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    figures = asyncio.run(run(args))
    print_figures(figures, args.json, render)
    return 0


def summary(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The headline figures for `make bench`'s table: (figure, value, target)."""
    rows = [("article page to stored facts (/ingest, fetched): pages/s",
             f"{doc['pages_per_s']:.1f}", "")]
    html = doc.get("html")
    if html:
        trafilatura_alone, _, to_facts = html["steps"]
        rows += [("trafilatura.extract alone: pages/s", f"{trafilatura_alone['pages_per_s']:.1f}",
                  ""),
                 ("HTML to stored facts: pages/s (× trafilatura's time)",
                  f"{to_facts['pages_per_s']:.1f} ({to_facts['ratio']:.2f}×)",
                  f"≥ {TARGET_PAGES_PER_S}"),
                 ("HTML to stored facts: SQL statements a page",
                  f"{html.get('statements_per_page', 0):.1f}", "")]
    return [*rows, ("peak RSS MB", f"{doc['peak_rss_mb']:.0f}", "")]

if __name__ == "__main__":
    sys.exit(main())
