"""Answer, name-resolution and quote-search latency on a large synthetic fact base, with a raw
SQLite floor.

    python -m benchmarks.bench_answers [--artists 2000] [--releases 20000] [--facts 200000]
                                       [--queries 300] [--database sqlite|postgresql] [--json]

Prints figures; asserts nothing. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.engine import make_url

from benchmarks import names
from benchmarks.databases import (
    DEFAULT_POSTGRES_URL,
    KINDS,
    bench_environment,
    chunks,
    scratch_database,
)
from benchmarks.measure import (
    cpu_seconds,
    machine,
    peak_rss_mb,
    print_figures,
    status_mb,
    table,
)
from benchmarks.quotes_load import guild_rows, quote_calls, sentence_rows
from benchmarks.replay import Floor
from bot.app import App, open_app
from bot.config import load_settings
from bot.facts.name_index import NameIndex
from bot.facts.name_search import search_names
from bot.facts.names import normalise, variants
from bot.models import Article, ArticleSentence, Entity, Fact, GuildArticle
from bot.models.ingest import SEARCH_COLUMN, SEARCH_INDEX
from bot.runtime import settle_heap
from bot.text import possessive

GUILD = 920_000_000_000_000_000  # the guild every question is asked in (it has no own facts)
OTHER = 920_000_000_000_000_001  # alone carries the articles of the `guild_only` releases
WARMUP = 20
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
TARGET = "p99 ≤ 10 ms for answers and cards, ≤ 20 ms for autocomplete and quotes"
RELEASE_KINDS = ("album", "single", "ep")
ISSUE_TARGET = ("every ask shape p50 ≤ 10× its statements on a plain handle; "
                "p99 ≤ 1 ms on SQLite, ≤ 5 ms on PostgreSQL")


@dataclass
class Names:
    """Every entity's name, by kind and index (`benchmarks.names`)."""

    artists: list[str]
    labels: list[str]
    people: list[str]
    releases: list[str]


@dataclass
class Shape:
    """How many of each row the synthetic base holds; entity ids are assigned in this order.
    The last `other_articles` articles are carried by the guild OTHER alone: the facts of a
    `guild_only` release come from those, so GUILD does not know that release."""

    artists: int
    releases: int
    facts: int
    labels: int
    people: int
    articles: int
    names: Names

    @classmethod
    def of(cls, artists: int, releases: int, facts: int) -> Shape:
        labels, people = max(1, artists // 100), max(1, artists // 4)
        artist_names = names.artists(artists)
        return cls(artists, releases, facts, labels=labels, people=people,
                   articles=max(2, facts // 20),
                   names=Names(artist_names, names.labels(labels),
                               names.people(people, artist_names),
                               names.releases(releases, artist_names,
                                              lambda n: n % artists)))

    @property
    def other_articles(self) -> int:
        return max(1, self.articles // 20)

    def guild_only(self, r: int) -> bool:
        """Release r is known to the guild OTHER only (1 in 20)."""
        return r % 20 == 7

    def artist(self, n: int) -> str:
        return self.names.artists[n % self.artists]

    def release(self, n: int) -> str:
        return self.names.releases[n % self.releases]

    def artist_id(self, n: int) -> int:
        return 1 + n % self.artists

    def label_id(self, n: int) -> int:
        return 1 + self.artists + n % self.labels

    def person_id(self, n: int) -> int:
        return 1 + self.artists + self.labels + n % self.people

    def release_id(self, n: int) -> int:
        return 1 + self.artists + self.labels + self.people + n % self.releases

    def article_id(self, n: int) -> int:
        """An article GUILD (and no other guild) carries."""
        return 1 + n % (self.articles - self.other_articles)

    def other_article_id(self, n: int) -> int:
        """An article only OTHER carries."""
        return 1 + self.articles - self.other_articles + n % self.other_articles


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
    # The same calls' own statements replayed on a plain handle (benchmarks.replay), if timed
    floor_p50_ms: float | None = None
    floor_p99_ms: float | None = None
    statements: float | None = None  # read statements per call, mean
    ratio_p50: float | None = None  # p50 over the floor's p50
    ratio_p99: float | None = None
    errors: int = 0  # calls that raised (counted as not the expected answer)
    note: str = ""


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
    floor: str
    load_average: tuple[float, float, float]
    load_s: float
    load_cpu_s: float
    facts_per_s: float
    analyze_s: float
    peak_rss_after_load_mb: float
    name_index: dict[str, float]
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
    row: dict[str, Any] = {"id": id_, "kind": kind, "name": name, "norm_name": normalise(name),
                           "artist_id": None, "release_kind": None, "date_value": None,
                           "date_precision": None, "status": None, "guild_id": None,
                           "created_at": NOW}
    row.update(extra)
    return row


def entity_rows(shape: Shape) -> Iterator[dict[str, Any]]:
    for n, name in enumerate(shape.names.artists):
        yield _entity(shape.artist_id(n), "artist", name)
    for n, name in enumerate(shape.names.labels):
        yield _entity(shape.label_id(n), "label", name)
    for n, name in enumerate(shape.names.people):
        yield _entity(shape.person_id(n), "person", name)
    for n, name in enumerate(shape.names.releases):
        day, precision = release_date(n)
        yield _entity(shape.release_id(n), "release", name,
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

    n_ = shape.names

    def fact(subject: int, predicate: str, article: int, *, entity: int | None = None,
             text_: str | None = None, when: tuple[date, str] | None = None,
             status: str = "accepted", by: int | None = None, evidence: str = "",
             other: bool = False) -> dict[str, Any]:
        nonlocal next_id
        next_id += 1
        return {"id": next_id, "subject_id": subject, "predicate": predicate,
                "object_entity_id": entity, "object_text": text_,
                "object_date": when[0] if when else None,
                "object_precision": when[1] if when else None,
                "evidence": evidence,
                "article_id": shape.other_article_id(article) if other
                else shape.article_id(article),
                "confidence": 0.9, "status": status, "superseded_by_id": by, "guild_id": None,
                "created_by": None, "dedup_key": f"bench-{next_id}", "created_at": NOW,
                "updated_at": NOW}

    def release_layer(layer: int, r: int, first_date_id: int) -> dict[str, Any]:
        subject, artist = shape.release_id(r), shape.artist_id(r)
        title = f"{shape.release(r)} by {shape.artist(r)}"
        other = shape.guild_only(r)
        if layer == 0:
            when = release_date(r)
            return fact(subject, "release_date", r, when=when, other=other,
                        evidence=f"{title} is out on {when[0].isoformat()}, the label said.")
        if layer == 1:
            return fact(subject, "by", r, entity=artist, other=other,
                        evidence=f"{title} is their new record.")
        if layer == 2:
            return fact(subject, "kind", r, text_=RELEASE_KINDS[r % 3], other=other,
                        evidence=f"{title} is a new {RELEASE_KINDS[r % 3]}.")
        if layer == 3:
            return fact(subject, "label", r, entity=shape.label_id(r), other=other,
                        evidence=f"{title} comes out on {n_.labels[r % shape.labels]}.")
        if layer == 4:
            return fact(subject, "directed_by", r, entity=shape.person_id(r), other=other,
                        evidence=f"The video for {title} was directed by "
                                 f"{n_.people[r % shape.people]}.")
        if layer == 5:
            when = release_date(r + 1)  # another date, from another article
            return fact(subject, "release_date", r + 1, when=when, status="superseded",
                        by=first_date_id, other=other,
                        evidence=f"{title} was first said to be out in {when[0].year}.")
        if layer == 6:
            return fact(subject, "produced_by", r, entity=shape.person_id(r + 1), other=other,
                        evidence=f"{title} was produced by {n_.people[(r + 1) % shape.people]}.")
        guest = r + layer * 7
        return fact(subject, "featuring", r + layer, entity=shape.artist_id(guest), other=other,
                    evidence=f"{title} features {shape.artist(guest)}.")

    for n in range(shape.artists):
        if next_id >= shape.facts:
            return
        yield fact(shape.artist_id(n), "label", n, entity=shape.label_id(n),
                   evidence=f"{shape.artist(n)} signed to {n_.labels[n % shape.labels]}.")
        if next_id >= shape.facts:
            return
        born = (date(1950, 1, 1) + timedelta(days=(n * 104_729) % 18_000), "day")
        yield fact(shape.artist_id(n), "born", n, when=born,
                   evidence=f"{shape.artist(n)} was born on {born[0].isoformat()}.")
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
                            (GuildArticle, guild_rows(shape.articles, shape.other_articles,
                                                      GUILD, OTHER, NOW)),
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


Call = Callable[[], Awaitable[bool]]
AT_ONCE = 200


async def timed(name: str, calls: Sequence[Call], floor: Floor | None = None) -> Latency:
    """Each call timed alone; then, with `floor`, each call's statements captured (the call is
    made again, untimed) and replayed on the plain handle, timed."""
    for call in calls[:WARMUP]:
        await call()
    times: list[float] = []
    found = 0
    errors: list[str] = []
    for call in calls:
        started = time.perf_counter()
        ok = await guarded(call, errors)
        times.append((time.perf_counter() - started) * 1000)
        found += ok
    out = summarise(name, times, found)
    out.errors = len(errors)
    if errors:
        out.note = f"{len(errors)} calls raised, first: {errors[0]}"
    if floor is None:
        return out
    replays: list[float] = []
    counts: list[int] = []
    for call in calls:
        statements = await floor.capture(partial(guarded, call, []))
        counts.append(len(statements))
        replays.append(await floor.replay(statements))
    base = summarise(name, replays, 0)
    out.floor_p50_ms, out.floor_p99_ms = base.p50_ms, base.p99_ms
    out.statements = round(sum(counts) / len(counts), 1)
    out.ratio_p50 = round(out.p50_ms / base.p50_ms, 1) if base.p50_ms else None
    out.ratio_p99 = round(out.p99_ms / base.p99_ms, 1) if base.p99_ms else None
    return out


async def at_once(name: str, calls: Sequence[Call]) -> Latency:
    """`AT_ONCE` calls started together (asyncio.gather), in rounds over `calls`: each call's
    time from its round's start to its own end."""
    for call in calls[:WARMUP]:
        await call()
    times: list[float] = []
    found = 0
    walls: list[float] = []
    errors: list[str] = []
    for first in range(0, len(calls), AT_ONCE):
        started = time.perf_counter()

        async def one(call: Call, started: float = started) -> bool:
            ok = await guarded(call, errors)
            times.append((time.perf_counter() - started) * 1000)
            return ok

        found += sum(await asyncio.gather(*(one(c) for c in calls[first:first + AT_ONCE])))
        walls.append(time.perf_counter() - started)
    out = summarise(name, times, found)
    out.errors = len(errors)
    out.note = (f"{len(walls)} rounds of {AT_ONCE}, {sum(walls) / len(walls):.2f} s a "
                f"round, {len(times) / sum(walls):.0f} asks/s"
                + (f"; {len(errors)} raised, first: {errors[0]}" if errors else ""))
    return out


async def guarded(call: Call, errors: list[str]) -> bool:
    """The call's result; an exception is counted (as not the expected answer), not raised."""
    try:
        return await call()
    except Exception as exc:  # a figure to report, not a reason to lose the run
        errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
        return False


def summarise(name: str, times: list[float], found: int) -> Latency:
    ordered = sorted(times)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return Latency(name, len(times), found, round(at(0.50), 3), round(at(0.99), 3),
                   round(sum(times) / len(times), 3), round(ordered[-1], 3))


def raw_floor(path: str, shape: Shape, sample: Sequence[int]) -> Latency:
    """The same release date by name, as one indexed SQL statement on a plain sqlite3 handle."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    query = ("SELECT f.object_date FROM entities e JOIN facts f ON f.subject_id = e.id "
             "AND f.predicate = 'release_date' AND f.status = 'accepted' "
             "WHERE e.kind = 'release' AND e.norm_name = ?")
    try:
        for r in sample[:WARMUP]:
            conn.execute(query, (normalise(shape.release(r)),)).fetchall()
        times: list[float] = []
        found = 0
        for r in sample:
            started = time.perf_counter()
            rows = conn.execute(query, (normalise(shape.release(r)),)).fetchall()
            times.append((time.perf_counter() - started) * 1000)
            found += rows == [(release_date(r)[0].isoformat(),)]
    finally:
        conn.close()
    return summarise("raw sqlite3: release date by name, one statement", times, found)


@dataclass
class Samples:
    """Which names the questions use, drawn once per run (seeded)."""

    releases: list[int]  # known to GUILD, not named like an artist
    artists: list[int]  # not named like any release (nor with or without "The")
    typos: list[tuple[int, str]]  # a release and its name with two letters swapped
    others: list[int]  # releases only OTHER's articles name
    self_titled: list[int]  # releases named like their artist

    @classmethod
    def draw(cls, shape: Shape, queries: int) -> Samples:
        rng = random.Random(20261125)
        release_names = {normalise(r) for r in shape.names.releases}

        def pick(ok: Callable[[int], bool], among: int) -> list[int]:
            pool = [n for n in range(among) if ok(n)] or [0]
            return [rng.choice(pool) for _ in range(queries)]

        def plain(r: int) -> bool:
            return not shape.guild_only(r) and shape.release(r) != shape.artist(r)

        releases = pick(plain, shape.releases)
        typos = [(r, t) for r in releases if (t := names.typo(shape.release(r))) is not None]
        typos = [typos[k % len(typos)] for k in range(queries)] if typos else []
        return cls(releases=releases,
                   artists=pick(lambda a: not release_names.intersection(
                       variants(shape.artist(a))), shape.artists),
                   typos=typos, others=pick(shape.guild_only, shape.releases),
                   self_titled=pick(lambda r: not shape.guild_only(r)
                                    and shape.release(r) == shape.artist(r), shape.releases))


def prefix(name: str, k: int) -> str:
    """What a fan has typed so far: the first 3 to 8 characters of the name (normalised)."""
    norm = normalise(name)
    return norm[:min(len(norm), 3 + k % 6)]


async def measure(app: App, shape: Shape, queries: int, sqlite_path: str | None,
                  floor: Floor) -> list[Latency]:
    s = Samples.draw(shape, queries)
    # Without a release_date fact (a small --facts) the answer says the date is unknown.
    dated = shape.facts >= 2 * shape.artists + shape.releases
    labelled = shape.facts >= 2 * shape.artists

    def when_out(r: int) -> Call:
        name = shape.release(r)

        async def call() -> bool:
            answer = await app.answers.ask(f"When did {name} come out?", GUILD)
            return dated and f"{name} by" in answer.answer and " out " in answer.answer
        return call

    def typo_out(r: int, typed: str) -> Call:
        name = shape.release(r)

        async def call() -> bool:  # right when the answer names the release meant
            answer = await app.answers.ask(f"When did {typed} come out?", GUILD)
            return f'"{name}"' in answer.answer or f"{name} by" in answer.answer
        return call

    def unknown_out(n: int) -> Call:
        async def call() -> bool:
            answer = await app.answers.ask(f"When did {names.unknown(n)} come out?", GUILD)
            return "don't know" in answer.answer or "No article" in answer.answer
        return call

    def other_out(r: int) -> Call:
        name, artist = shape.release(r), shape.artist(r)

        async def call() -> bool:  # another guild's release: never its facts here (another
            # release with the same words, or "The …" of it, may answer)
            answer = await app.answers.ask(f"When did {name} come out?", GUILD)
            return f"{name} by {artist}" not in answer.answer
        return call

    def label_question(a: int) -> Call:
        name = shape.artist(a)

        async def call() -> bool:
            answer = await app.answers.ask(f"What label is {name} on?", GUILD)
            return labelled and answer.answer.startswith(f"{name} is on ")
        return call

    def next_release(a: int) -> Call:
        name = shape.artist(a)
        # (none for an artist all of whose releases only OTHER's articles name)
        known = any(not shape.guild_only(r)
                    for r in range(a % shape.artists, shape.releases, shape.artists))

        async def call() -> bool:  # the artist's releases, then their dates
            answer = await app.answers.ask(f"What is {possessive(name)} next release?", GUILD)
            return (" release is " in answer.answer) == (dated and known)
        return call

    def releases(a: int) -> Call:
        name = shape.artist(a)
        # (an artist all of whose releases only OTHER's articles name has none here: never a
        # name only another guild's articles gave)
        own = range(a % shape.artists, shape.releases, shape.artists)
        known = any(not shape.guild_only(r) for r in own)
        theirs = [shape.release(r) for r in own if shape.guild_only(r)]

        async def call() -> bool:
            answer = await app.answers.ask(f"What releases does {name} have?", GUILD)
            return (("releases I know of" in answer.answer) == known
                    and not any(t in answer.answer for t in theirs))
        return call

    def resolve(r: int) -> Call:
        async def call() -> bool:
            entity = await app.facts.find_entity("release", normalise(shape.release(r)), GUILD)
            return entity is not None and entity.id == shape.release_id(r)
        return call

    def miss(a: int) -> Call:
        async def call() -> bool:  # what "What label is <artist> on?" pays for the release kind
            return await app.facts.find_entity(
                "release", normalise(shape.artist(a)), GUILD) is None
        return call

    def release_card(r: int) -> Call:
        async def call() -> bool:
            card = await app.cards.release_card(shape.release(r), GUILD)
            return card.title == shape.release(r)
        return call

    def artist_card(a: int) -> Call:
        async def call() -> bool:
            card = await app.cards.artist_card(shape.artist(a), GUILD)
            return card.name == shape.artist(a)
        return call

    def complete(kind: str, name: str, k: int) -> Call:
        typed = prefix(name, k)

        async def call() -> bool:
            found = await search_names(app.facts, kind, typed, guild_id=GUILD)
            return 0 < len(found) <= 25 and normalise(found[0]).startswith(typed)
        return call

    # The guild's visible names copied, as the bot does when the guild becomes available: a
    # base small enough is then autocompleted from memory, without a statement.
    source = ", from memory" if await app.facts.visible.read(GUILD) is not None else ""
    mixed = [when_out(s.releases[k % queries]) if k % 4 == 0
             else label_question(s.artists[k % queries]) if k % 4 == 1
             else typo_out(*s.typos[k % queries]) if k % 4 == 2 and s.typos
             else unknown_out(k) for k in range(-(-queries // AT_ONCE) * AT_ONCE)]
    out = [
        await timed("ask exact: When did <release> come out?",
                    [when_out(r) for r in s.releases], floor),
        await timed("ask exact: What label is <artist> on?",
                    [label_question(a) for a in s.artists], floor),
        await timed("ask next release: What is <artist>'s next release?",
                    [next_release(a) for a in s.artists], floor),
        await timed("ask releases of: What releases does <artist> have?",
                    [releases(a) for a in s.artists], floor),
        await timed("ask self-titled: When did <release named like its artist> come out?",
                    [when_out(r) for r in s.self_titled], floor),
        await timed("ask typo: When did <release, 2 letters swapped> come out?",
                    [typo_out(r, t) for r, t in s.typos], floor),
        await timed("ask unknown: When did <a name in no list> come out?",
                    [unknown_out(k) for k in range(queries)], floor),
        await timed("ask other guild's: When did <release only OTHER knows> come out?",
                    [other_out(r) for r in s.others], floor),
        await at_once(f"{AT_ONCE} asks at once (exact, label, typo, unknown in turn)", mixed),
        await timed("/release <release> (card)", [release_card(r) for r in s.releases], floor),
        await timed("/artist <artist> (card)", [artist_card(a) for a in s.artists], floor),
        await timed(f"autocomplete artist prefix (3-8 characters{source})",
                    [complete("artist", shape.artist(a), k) for k, a in enumerate(s.artists)],
                    floor),
        await timed(f"autocomplete release prefix (3-8 characters{source})",
                    [complete("release", shape.release(r), k)
                     for k, r in enumerate(s.releases)], floor),
        await timed('find_entity("release", <release>)', [resolve(r) for r in s.releases],
                    floor),
        await timed('find_entity("release", <artist>) (a miss)', [miss(a) for a in s.artists],
                    floor),
    ]
    for label, calls in quote_calls(app.db, GUILD, [shape.artist(a) for a in s.artists],
                                    [shape.release(r) for r in s.releases]):
        out.append(await timed(label, calls, floor))
    if sqlite_path is not None:
        out.append(raw_floor(sqlite_path, shape, s.releases))
    return out


async def build_name_index(app: App) -> dict[str, float]:
    """The name index's first build, as a bot's first look-up makes it (read every name and
    alias, then postings in a thread): seconds and entries; the memory it keeps and its peak
    while building (tracemalloc, on a second index built only for that: tracing slows the
    build), and the growth of the process's RSS over the timed build."""
    every = ("artist", "person", "label", "release")
    probe = NameIndex()
    tracemalloc.start()
    async with app.db.read() as session:
        await probe.prefix(session, "a", every, None, 1)
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del probe
    settle_heap()
    before = status_mb("VmRSS")
    started = time.perf_counter()
    async with app.db.read() as session:
        await app.facts.names.prefix(session, "a", every, None, 1)
    seconds = time.perf_counter() - started
    after = status_mb("VmRSS")
    return {"build_s": round(seconds, 2), "entries": len(app.facts.names),
            "kept_mb": round(kept / 2**20, 1), "peak_mb": round(peak / 2**20, 1),
            "rss_growth_mb": round(after - before, 1) if after and before else -1.0}


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
                name_index = await build_name_index(app)
                sqlite_path = make_url(url).database if app.db.dialect == "sqlite" else None
                floor = Floor(app.db.engine, url)
                await floor.open()
                try:
                    latencies = await measure(app, shape, args.queries, sqlite_path, floor)
                finally:
                    await floor.close()
                database = await database_version(app)
    entities = shape.artists + shape.labels + shape.people + shape.releases
    return Figures(machine=machine(), database=database, artists=shape.artists,
                   releases=shape.releases, facts=stored, entities=entities,
                   articles=shape.articles, sentences=stored, queries=args.queries,
                   floor=floor.label, load_average=os.getloadavg(),
                   load_s=round(load_s, 2),
                   load_cpu_s=round(load_cpu, 2), facts_per_s=round(stored / load_s),
                   analyze_s=round(analyze_s, 2), peak_rss_after_load_mb=round(rss, 1),
                   name_index=name_index, latencies=latencies)


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
        "name index (every name and alias): {build_s} s to build (read + postings), "
        "{entries:,} entries, {kept_mb} MB kept ({peak_mb} MB peak while building, "
        "tracemalloc), RSS +{rss_growth_mb} MB".format(**figures.name_index),
        f"load average while measuring: {' / '.join(f'{x:.2f}' for x in figures.load_average)}"
        f" (1, 5, 15 min, at the end)",
        "",
        table(("look-up", "calls", "expected", "p50 ms", "p99 ms", "max ms",
               f"{figures.floor} p50 / p99 ms", "stmts", "ratio p50 / p99"),
              [(x.name, x.calls, x.found, f"{x.p50_ms:.3f}", f"{x.p99_ms:.3f}",
                f"{x.max_ms:.3f}",
                "" if x.floor_p50_ms is None else f"{x.floor_p50_ms:.3f} / {x.floor_p99_ms:.3f}",
                "" if x.statements is None else f"{x.statements:g}",
                "" if x.ratio_p50 is None else f"{x.ratio_p50:g}× / {x.ratio_p99:g}×")
               for x in figures.latencies]),
        *(f"{x.name}: {x.note}" for x in figures.latencies if x.note),
        f"ratio: the call's time over its own read statements replayed on {figures.floor} "
        "(one read transaction, every row fetched), captured from the same call",
        f"target: {TARGET}",
        f"targets of issue 15 (at 2M facts): {ISSUE_TARGET}",
    ])


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_answers",
                                     description=__doc__.splitlines()[0] if __doc__ else None)
    # (the issue's size, 2M facts, is --artists 20000 --releases 200000 --facts 2000000: 6 min
    # with --queries 100 on a 2-CPU machine; the defaults take about 5 min on SQLite)
    parser.add_argument("--artists", type=int, default=2_000, help="artists (2000)")
    parser.add_argument("--releases", type=int, default=20_000, help="releases (20000)")
    parser.add_argument("--facts", type=int, default=200_000, help="facts (200000)")
    parser.add_argument("--queries", type=int, default=300, help="timed calls per look-up (300)")
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
    built = doc.get("name_index")
    if built:
        rows.append(("name index build s / entries / MB kept",
                     f"{built['build_s']} / {built['entries']:,} / {built['kept_mb']}", ""))
    for x in doc["latencies"]:
        target = "≤ 20" if x["name"].startswith(("autocomplete", "find_quotes")) else \
            "" if x["name"].startswith(("find_entity", "raw")) else "≤ 10"
        value = f"{x['p50_ms']:.2f} / {x['p99_ms']:.2f}"
        if x.get("ratio_p50") is not None:
            value += f" ({x['ratio_p50']:g}× / {x['ratio_p99']:g}× the plain handle)"
        rows.append((f"{x['name']} p50 / p99 ms", value, f"p99 {target}" if target else ""))
    return rows

if __name__ == "__main__":
    sys.exit(main())
