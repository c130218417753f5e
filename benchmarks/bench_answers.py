"""Answer, name-resolution and quote-search latency on a large synthetic fact base, with a raw
SQLite floor.

    python -m benchmarks.bench_answers [--artists 20000] [--releases 200000] [--facts 2000000]
                                       [--queries 500] [--database sqlite|postgresql] [--json]

Prints figures; asserts nothing. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.engine import make_url

from benchmarks.databases import (
    DEFAULT_POSTGRES_URL,
    KINDS,
    bench_environment,
    chunks,
    scratch_database,
)
from benchmarks.measure import cpu_seconds, machine, peak_rss_mb, print_figures, table
from benchmarks.quotes_load import guild_rows, quote_calls, sentence_rows
from bot.answers.names_search import search_names
from bot.app import App, open_app
from bot.config import load_settings
from bot.models import Article, ArticleSentence, Entity, Fact, GuildArticle
from bot.models.ingest import SEARCH_COLUMN, SEARCH_INDEX
from bot.runtime import settle_heap

GUILD = 920_000_000_000_000_000  # the guild every question is asked in (it has no own facts)
WARMUP = 20
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
TARGET = "p99 ≤ 10 ms for answers and cards, ≤ 20 ms for autocomplete and quotes"
RELEASE_KINDS = ("album", "single", "ep")


@dataclass
class Shape:
    """How many of each row the synthetic base holds; entity ids are assigned in this order."""

    artists: int
    releases: int
    facts: int
    labels: int
    people: int
    articles: int

    @classmethod
    def of(cls, artists: int, releases: int, facts: int) -> Shape:
        return cls(artists, releases, facts, labels=max(1, artists // 100),
                   people=max(1, artists // 4), articles=max(1, facts // 20))

    def artist_id(self, n: int) -> int:
        return 1 + n % self.artists

    def label_id(self, n: int) -> int:
        return 1 + self.artists + n % self.labels

    def person_id(self, n: int) -> int:
        return 1 + self.artists + self.labels + n % self.people

    def release_id(self, n: int) -> int:
        return 1 + self.artists + self.labels + self.people + n % self.releases

    def article_id(self, n: int) -> int:
        return 1 + n % self.articles


@dataclass
class Latency:
    """One kind of look-up, timed one call at a time after a few untimed ones."""

    name: str
    calls: int
    found: int  # calls that gave the expected answer (a sanity check, not a figure)
    p50_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float


@dataclass
class Figures:
    machine: dict[str, str | int]
    database: str
    artists: int
    releases: int
    facts: int
    entities: int
    articles: int
    sentences: int
    queries: int
    load_s: float
    load_cpu_s: float
    facts_per_s: float
    analyze_s: float
    peak_rss_after_load_mb: float
    latencies: list[Latency]


def release_date(n: int) -> tuple[date, str]:
    """Release n's date and precision: mostly a day, some a month or a year, some ahead."""
    day = date(1965, 1, 1) + timedelta(days=(n * 7919) % 22_900)
    precision = ("day", "day", "day", "month", "year")[n % 5]
    if precision == "month":
        day = day.replace(day=1)
    elif precision == "year":
        day = day.replace(month=1, day=1)
    return day, precision


def _entity(id_: int, kind: str, name: str, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"id": id_, "kind": kind, "name": name, "norm_name": name.lower(),
                           "artist_id": None, "release_kind": None, "date_value": None,
                           "date_precision": None, "status": None, "guild_id": None,
                           "created_at": NOW}
    row.update(extra)
    return row


def entity_rows(shape: Shape) -> Iterator[dict[str, Any]]:
    for n in range(shape.artists):
        yield _entity(shape.artist_id(n), "artist", f"Artist {n}")
    for n in range(shape.labels):
        yield _entity(shape.label_id(n), "label", f"Label {n}")
    for n in range(shape.people):
        yield _entity(shape.person_id(n), "person", f"Person {n}")
    for n in range(shape.releases):
        day, precision = release_date(n)
        yield _entity(shape.release_id(n), "release", f"Title {n}",
                      artist_id=shape.artist_id(n), release_kind=RELEASE_KINDS[n % 3],
                      date_value=day, date_precision=precision,
                      status="released" if day <= TODAY else "upcoming")


def article_rows(shape: Shape) -> Iterator[dict[str, Any]]:
    for n in range(shape.articles):
        yield {"id": n + 1, "canonical_url": f"https://news.example/{n}", "guid": None,
               "title": f"Article {n}: news of the week", "source": "news.example",
               "published_at": NOW - timedelta(minutes=n), "fetched_at": NOW,
               "text": f"Article {n} body.", "summary": None, "content_hash": f"{n:064x}",
               "learned_at": NOW, "created_at": NOW}


def fact_rows(shape: Shape) -> Iterator[dict[str, Any]]:
    """Artist facts (label, born), then one layer per predicate over every release, until
    `facts` rows: release date, by, kind, label, directed by, a superseded second date,
    produced by, then featured guests from further articles."""
    next_id = 0

    def fact(subject: int, predicate: str, article: int, *, entity: int | None = None,
             text_: str | None = None, when: tuple[date, str] | None = None,
             status: str = "accepted", by: int | None = None, evidence: str = "") -> dict[str, Any]:
        nonlocal next_id
        next_id += 1
        return {"id": next_id, "subject_id": subject, "predicate": predicate,
                "object_entity_id": entity, "object_text": text_,
                "object_date": when[0] if when else None,
                "object_precision": when[1] if when else None,
                "evidence": evidence, "article_id": shape.article_id(article),
                "confidence": 0.9, "status": status, "superseded_by_id": by, "guild_id": None,
                "created_by": None, "dedup_key": f"bench-{next_id}", "created_at": NOW,
                "updated_at": NOW}

    def release_layer(layer: int, r: int, first_date_id: int) -> dict[str, Any]:
        subject, artist = shape.release_id(r), shape.artist_id(r)
        title = f"Title {r} by Artist {r % shape.artists}"
        if layer == 0:
            when = release_date(r)
            return fact(subject, "release_date", r, when=when,
                        evidence=f"{title} is out on {when[0].isoformat()}, the label said.")
        if layer == 1:
            return fact(subject, "by", r, entity=artist, evidence=f"{title} is their new record.")
        if layer == 2:
            return fact(subject, "kind", r, text_=RELEASE_KINDS[r % 3],
                        evidence=f"{title} is a new {RELEASE_KINDS[r % 3]}.")
        if layer == 3:
            return fact(subject, "label", r, entity=shape.label_id(r),
                        evidence=f"{title} comes out on Label {r % shape.labels}.")
        if layer == 4:
            return fact(subject, "directed_by", r, entity=shape.person_id(r),
                        evidence=f"The video for {title} was directed by Person "
                                 f"{r % shape.people}.")
        if layer == 5:
            when = release_date(r + 1)  # another date, from another article
            return fact(subject, "release_date", r + 1, when=when, status="superseded",
                        by=first_date_id,
                        evidence=f"{title} was first said to be out in {when[0].year}.")
        if layer == 6:
            return fact(subject, "produced_by", r, entity=shape.person_id(r + 1),
                        evidence=f"{title} was produced by Person {(r + 1) % shape.people}.")
        guest = r + layer * 7
        return fact(subject, "featuring", r + layer, entity=shape.artist_id(guest),
                    evidence=f"{title} features Artist {guest % shape.artists}.")

    for n in range(shape.artists):
        if next_id >= shape.facts:
            return
        yield fact(shape.artist_id(n), "label", n, entity=shape.label_id(n),
                   evidence=f"Artist {n} signed to Label {n % shape.labels}.")
        if next_id >= shape.facts:
            return
        born = (date(1950, 1, 1) + timedelta(days=(n * 104_729) % 18_000), "day")
        yield fact(shape.artist_id(n), "born", n, when=born,
                   evidence=f"Artist {n} was born on {born[0].isoformat()}.")
    first_date_ids = next_id + 1  # layer 0 comes first: release r's date is this id + r
    layer = 0
    while next_id < shape.facts:
        for r in range(shape.releases):
            if next_id >= shape.facts:
                return
            yield release_layer(layer, r, first_date_ids + r)
        layer += 1


async def load(app: App, shape: Shape) -> int:
    """Bulk-insert the base with Core executemany (in `chunks`), each fact's evidence also as
    a stored sentence (the full-text index fills as on ingest: triggers on SQLite, the generated
    column and GIN index on PostgreSQL); returns the facts stored."""
    stored = 0
    async with app.db.engine.begin() as conn:
        if app.db.dialect == "sqlite":
            await conn.exec_driver_sql("PRAGMA cache_size = -262144")  # 256 MB while loading
        else:  # built once after the load, as migration 0006 does after its backfill
            await conn.exec_driver_sql(f"DROP INDEX {SEARCH_INDEX}")
        for model, rows in ((Entity, entity_rows(shape)), (Article, article_rows(shape)),
                            (GuildArticle, guild_rows(shape.articles, GUILD, NOW)),
                            (Fact, fact_rows(shape))):
            for batch in chunks(rows):
                await conn.execute(insert(model), batch)
                if model is Fact:
                    await conn.execute(insert(ArticleSentence), sentence_rows(batch))
                    stored += len(batch)
        if app.db.dialect == "postgresql":
            await conn.exec_driver_sql(f"CREATE INDEX {SEARCH_INDEX} ON article_sentences "
                                       f"USING gin ({SEARCH_COLUMN})")
            for table_name in ("entities", "articles", "facts", "article_sentences"):
                await conn.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table_name}', 'id'), "
                    f"(SELECT max(id) FROM {table_name}))"))
    return stored


async def analyze(app: App) -> None:
    """Statistics for the planner and, on PostgreSQL, a vacuumed table, as a settled database
    has them (else autovacuum starts on the freshly loaded 2M rows in the middle of the run)."""
    if app.db.dialect == "postgresql":
        async with app.db.engine.connect() as conn:
            autocommit = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.exec_driver_sql("VACUUM (ANALYZE)")
        return
    async with app.db.engine.begin() as conn:
        await conn.exec_driver_sql("ANALYZE")


async def timed(name: str, calls: Sequence[Callable[[], Awaitable[bool]]]) -> Latency:
    for call in calls[:WARMUP]:
        await call()
    times: list[float] = []
    found = 0
    for call in calls:
        started = time.perf_counter()
        ok = await call()
        times.append((time.perf_counter() - started) * 1000)
        found += ok
    return summarise(name, times, found)


def summarise(name: str, times: list[float], found: int) -> Latency:
    ordered = sorted(times)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return Latency(name, len(times), found, round(at(0.50), 3), round(at(0.99), 3),
                   round(sum(times) / len(times), 3), round(ordered[-1], 3))


def raw_floor(path: str, sample: Sequence[int]) -> Latency:
    """The same release date by name, as one indexed SQL statement on a plain sqlite3 handle."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    query = ("SELECT f.object_date FROM entities e JOIN facts f ON f.subject_id = e.id "
             "AND f.predicate = 'release_date' AND f.status = 'accepted' "
             "WHERE e.kind = 'release' AND e.norm_name = ?")
    try:
        for r in sample[:WARMUP]:
            conn.execute(query, (f"title {r}",)).fetchall()
        times: list[float] = []
        found = 0
        for r in sample:
            started = time.perf_counter()
            rows = conn.execute(query, (f"title {r}",)).fetchall()
            times.append((time.perf_counter() - started) * 1000)
            found += rows == [(release_date(r)[0].isoformat(),)]
    finally:
        conn.close()
    return summarise("raw sqlite3: release date by name (floor)", times, found)


async def measure(app: App, shape: Shape, queries: int, sqlite_path: str | None) -> list[Latency]:
    rng = random.Random(20261125)
    releases = [rng.randrange(shape.releases) for _ in range(queries)]
    artists = [rng.randrange(shape.artists) for _ in range(queries)]
    # Without a release_date fact (a small --facts) the answer says the date is unknown.
    dated = shape.facts >= 2 * shape.artists + shape.releases
    labelled = shape.facts >= 2 * shape.artists

    def release_question(r: int) -> Callable[[], Awaitable[bool]]:
        async def call() -> bool:
            answer = await app.answers.ask(f"When did Title {r} come out?", GUILD)
            return dated and f"Title {r} by" in answer.answer and " out " in answer.answer
        return call

    def label_question(a: int) -> Callable[[], Awaitable[bool]]:
        async def call() -> bool:
            answer = await app.answers.ask(f"What label is Artist {a} on?", GUILD)
            return labelled and answer.answer.startswith(f"Artist {a} is on Label ")
        return call

    def resolve(r: int) -> Callable[[], Awaitable[bool]]:
        async def call() -> bool:
            entity = await app.facts.find_entity("release", f"title {r}", GUILD)
            return entity is not None and entity.id == shape.release_id(r)
        return call

    def miss(a: int) -> Callable[[], Awaitable[bool]]:
        async def call() -> bool:  # what "What label is Artist N on?" pays for the release kind
            return await app.facts.find_entity("release", f"artist {a}", GUILD) is None
        return call

    def release_card(r: int) -> Callable[[], Awaitable[bool]]:
        async def call() -> bool:
            card = await app.cards.release_card(f"Title {r}", GUILD)
            return card.title == f"Title {r}"
        return call

    def artist_card(a: int) -> Callable[[], Awaitable[bool]]:
        async def call() -> bool:
            card = await app.cards.artist_card(f"Artist {a}", GUILD)
            return card.name == f"Artist {a}"
        return call

    def complete(r: int) -> Callable[[], Awaitable[bool]]:
        async def call() -> bool:  # what a fan has typed so far: "Title 123" as "title 12"
            typed = f"title {r}"[:-1] if r >= 10 else f"title {r}"
            names = await search_names(app.db, "release", typed, guild_id=GUILD)
            return 0 < len(names) <= 25 and all(n.lower().startswith(typed) for n in names[:1])
        return call

    out = [
        await timed('ask("When did Title N come out?")', [release_question(r) for r in releases]),
        await timed('ask("What label is Artist N on?")', [label_question(a) for a in artists]),
        await timed('/release "Title N" (card)', [release_card(r) for r in releases]),
        await timed('/artist "Artist N" (card)', [artist_card(a) for a in artists]),
        await timed('autocomplete release "title N" (typing)', [complete(r) for r in releases]),
        await timed('find_entity("release", "title n")', [resolve(r) for r in releases]),
        await timed('find_entity("release", "artist n") (a miss)', [miss(a) for a in artists]),
    ]
    for label, calls in quote_calls(app.db, GUILD, artists, releases):
        out.append(await timed(label, calls))
    if sqlite_path is not None:
        out.append(raw_floor(sqlite_path, releases))
    return out


async def database_version(app: App) -> str:
    if app.db.dialect == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    async with app.db.transaction() as session:
        version = str(await session.scalar(text("SHOW server_version")))
    return f"PostgreSQL {version.split()[0]}"


async def run(args: argparse.Namespace) -> Figures:
    shape = Shape.of(args.artists, args.releases, args.facts)
    with tempfile.TemporaryDirectory(prefix="fanzine-bench-") as tmp:
        workdir = Path(tmp)
        async with scratch_database(args.database, workdir, args.postgres_url) as url:
            settings = load_settings(bench_environment(workdir, url))
            async with open_app(settings) as app:
                started, cpu = time.perf_counter(), cpu_seconds()
                stored = await load(app, shape)
                load_s, load_cpu = time.perf_counter() - started, cpu_seconds() - cpu
                started = time.perf_counter()
                await analyze(app)
                analyze_s = time.perf_counter() - started
                settle_heap()  # as a running bot does at start (bot.runtime.background)
                rss = peak_rss_mb()
                sqlite_path = make_url(url).database if app.db.dialect == "sqlite" else None
                latencies = await measure(app, shape, args.queries, sqlite_path)
                database = await database_version(app)
    entities = shape.artists + shape.labels + shape.people + shape.releases
    return Figures(machine=machine(), database=database, artists=shape.artists,
                   releases=shape.releases, facts=stored, entities=entities,
                   articles=shape.articles, sentences=stored, queries=args.queries,
                   load_s=round(load_s, 2),
                   load_cpu_s=round(load_cpu, 2), facts_per_s=round(stored / load_s),
                   analyze_s=round(analyze_s, 2), peak_rss_after_load_mb=round(rss, 1),
                   latencies=latencies)


def render(figures: Figures) -> str:
    m = figures.machine
    return "\n".join([
        f"answers: {figures.entities:,} entities ({figures.artists:,} artists, "
        f"{figures.releases:,} releases), {figures.facts:,} facts, {figures.articles:,} "
        f"articles, {figures.sentences:,} sentences on {figures.database}",
        f"machine: {m['nproc']} CPUs, {m['cpu']}; Python {m['python']}, {m['system']}",
        f"load: {figures.load_s} s wall, {figures.load_cpu_s} s CPU (this process), "
        f"{figures.facts_per_s:,} facts/s (entities and articles included in the time); "
        f"ANALYZE {figures.analyze_s} s; peak RSS {figures.peak_rss_after_load_mb} MB",
        "",
        table(("look-up", "calls", "expected", "p50 ms", "p99 ms", "mean ms", "max ms"),
              [(x.name, x.calls, x.found, f"{x.p50_ms:.3f}", f"{x.p99_ms:.3f}",
                f"{x.mean_ms:.3f}", f"{x.max_ms:.3f}") for x in figures.latencies]),
        f"target: {TARGET}",
    ])


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_answers",
                                     description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--artists", type=int, default=20_000, help="artists (20000)")
    parser.add_argument("--releases", type=int, default=200_000, help="releases (200000)")
    parser.add_argument("--facts", type=int, default=2_000_000, help="facts (2000000)")
    parser.add_argument("--queries", type=int, default=500, help="timed calls per look-up (500)")
    parser.add_argument("--database", choices=KINDS, default="sqlite",
                        help="a temporary SQLite file, or a new PostgreSQL database (sqlite)")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL,
                        help="server to create the PostgreSQL database on "
                             f"({DEFAULT_POSTGRES_URL})")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    for name in ("artists", "releases", "facts", "queries"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be 1 or more")
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
    for x in doc["latencies"]:
        target = "≤ 20" if x["name"].startswith(("autocomplete", "find_quotes")) else \
            "" if x["name"].startswith(("find_entity", "raw")) else "≤ 10"
        rows.append((f"{x['name']} p50 / p99 ms", f"{x['p50_ms']:.2f} / {x['p99_ms']:.2f}",
                     f"p99 {target}" if target else ""))
    return rows

if __name__ == "__main__":
    sys.exit(main())
