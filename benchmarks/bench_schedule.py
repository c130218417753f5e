"""Scheduled posts at scale: 1,000,000 stored schedules, start-up, memory, finding the due ones,
and due-to-Discord delay; then 10,000 reminders as APScheduler jobs for comparison.

    python -m benchmarks.bench_schedule [--schedules 1000000] [--due 10000] [--window 60]
                                        [--reminders 10000] [--database sqlite|postgresql] [--json]

Prints figures; asserts nothing. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import multiprocessing
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, insert, text, update

from benchmarks.databases import (
    DEFAULT_POSTGRES_URL,
    KINDS,
    bench_environment,
    chunks,
    scratch_database,
)
from benchmarks.measure import cpu_seconds, machine, peak_rss_mb, print_figures, table
from bot.app import open_app
from bot.config import Settings, load_settings
from bot.db import Database, open_database
from bot.delivery.worker import OutboxWorker
from bot.migrate import upgrade
from bot.models import GuildSettingsRow, Schedule
from bot.schedule.dispatcher import Dispatcher

GUILDS = 1000
CHANNEL_BASE = 10_000_000
KIND_CYCLE = ("anniversary", "birthday", "countdown", "release_day", "reminder")
TARGET = "start ≤ 2 s, ≤ 300 MB, p99 delay ≤ 1 s"
TITLE = re.compile(r"\bS(\d+)\b")
MP = multiprocessing.get_context("spawn")
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Delays:
    """Due time to the post reaching the fake Discord, for the rows that fell due together."""

    due: int
    delivered: int
    duplicates: int
    p50_ms: float
    p99_ms: float
    max_ms: float


@dataclass
class Apscheduler:
    """The comparison: one APScheduler job per reminder in its SQLAlchemy job store."""

    jobs: int
    add_s: float
    add_per_s: float
    start_s: float
    list_s: float
    peak_rss_mb: float


@dataclass
class Figures:
    machine: dict[str, str | int]
    database: str
    schedules: int
    window: float
    load_s: float
    cold_start_s: float
    cold_start_rss_mb: float
    start_s: float
    start_cpu_s: float
    earliest_due: str | None
    rss_after_start_mb: float
    claim_p50_ms: float
    claim_p99_ms: float
    claims: int
    burst: int
    burst_claim_s: float
    burst_dispatch_s: float
    delays: Delays
    peak_rss_mb: float
    apscheduler: Apscheduler | None
    notes: list[str] = field(default_factory=list)


# --- loading (in a child process, so that its memory is not counted as the bot's) ----------

def schedule_rows(count: int, now: datetime) -> Iterator[dict[str, Any]]:
    """`count` active rows over 1000 guilds, all due between 2 days and a year ahead."""
    for n in range(1, count + 1):
        kind = KIND_CYCLE[n % len(KIND_CYCLE)]
        guild = 1 + n % GUILDS
        due = now + timedelta(days=2, seconds=(n * 7919) % (360 * 86400))
        anchor = f"20{10 + n % 15}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        reminder = kind == "reminder"
        yield {
            "id": n, "kind": kind, "guild_id": guild,
            # Reminders post in a channel here: the fake Discord knows no users to DM.
            "channel_id": CHANNEL_BASE + guild if reminder else None,
            "user_id": 5_000_000 + n if reminder else None, "fact_id": None,
            "entity_id": None, "reminder_id": None,
            "sync_key": None if reminder else f"{guild}:{kind}:{n}",
            "title": f"S{n}", "payload": {"hour": 9, "artist": f"Artist {n % 5000}"},
            "tz": ("UTC", "Europe/London", "America/New_York", "Asia/Seoul")[n % 4],
            "anchor_local": anchor + ("T18:00" if reminder else ""),
            "rule": "once" if reminder else kind,
            "next_due_utc": due, "occurrence_key": due.date().isoformat(), "state": "active",
            "paused_reason": None, "lease_owner": None, "lease_until": None,
            "created_at": now, "updated_at": now,
        }


async def load(url: str, count: int) -> None:
    """Migrate, then bulk-insert guild settings and `count` schedules (Core executemany)."""
    now = datetime.now(UTC)
    async with open_database(url) as db:
        await upgrade(db)
        async with db.engine.begin() as conn:
            if db.dialect == "sqlite":
                await conn.exec_driver_sql("PRAGMA cache_size = -262144")
            await conn.execute(insert(GuildSettingsRow), [
                {"guild_id": g, "timezone": "UTC", "post_hour": 9,
                 "announce_channel_id": CHANNEL_BASE + g, "modlog_channel_id": None,
                 "ping_role_id": None, "created_at": now, "updated_at": now}
                for g in range(1, GUILDS + 1)])
            for batch in chunks(schedule_rows(count, now)):
                await conn.execute(insert(Schedule), batch)
            if db.dialect == "postgresql":
                await conn.execute(text(
                    "SELECT setval(pg_get_serial_sequence('schedules', 'id'), "
                    "(SELECT max(id) FROM schedules))"))
        async with db.engine.begin() as conn:
            await conn.exec_driver_sql("ANALYZE")


def _load_child(url: str, count: int) -> None:
    asyncio.run(load(url, count))


# --- the fake Discord (in a child process: its CPU is not the bot's) -------------------------

async def _serve_fake(conn: Connection) -> None:
    from tests.fake_discord.server import FakeDiscord

    fake = FakeDiscord()
    for g in range(1, GUILDS + 1):
        fake.add_guild(g, f"Guild {g}").add_channel(CHANNEL_BASE + g, "announcements")
    receipts: list[tuple[str, float]] = []
    emit = fake.events.emit

    def recording_emit(kind: str, data: dict[str, Any] | None = None) -> Any:
        if kind == "message_create" and data is not None:
            receipts.append((str(data["message"].get("content") or ""), time.time()))
        return emit(kind, data)

    fake.events.emit = recording_emit  # type: ignore[method-assign]
    async with fake:
        conn.send((fake.api_url, fake.gateway_url, fake.token))
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, conn.recv)  # "dump"
        conn.send(receipts)


def _fake_child(conn: Connection) -> None:
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(_serve_fake(conn))


# --- APScheduler with its SQLAlchemy job store (a process of its own) ------------------------

def run_apscheduler(workdir: Path, jobs: int) -> Apscheduler:
    """benchmarks/apscheduler_jobs.py in a subprocess, so that its memory is its own."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.apscheduler_jobs", "--jobs", str(jobs),
         "--path", str(workdir / "apscheduler.sqlite3")],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    got = json.loads(out)
    return Apscheduler(jobs=int(got["jobs"]), add_s=round(got["add_s"], 2),
                       add_per_s=round(jobs / got["add_s"]), start_s=round(got["start_s"], 3),
                       list_s=round(got["list_s"], 3),
                       peak_rss_mb=round(got["peak_rss_mb"], 1))


# --- a cold start: a new process, imports included -------------------------------------------

async def probe_start() -> None:
    """Open the app from the environment's settings, start the dispatcher, and print the
    earliest due time and this process's RSS as soon as it is ready (then exit)."""
    import os

    settings = load_settings(dict(os.environ))
    async with open_app(settings) as app:
        task = asyncio.create_task(app.dispatcher.run())
        await app.dispatcher.ready.wait()
        wake = app.dispatcher.next_wake
        print(json.dumps({"earliest": wake.isoformat() if wake else None,
                          "rss_mb": peak_rss_mb()}), flush=True)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


def cold_start(env: dict[str, str]) -> tuple[float, float]:
    """Seconds from launching `python -m benchmarks.bench_schedule --probe-start` to its
    ready line, and that process's RSS then."""
    import os

    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "benchmarks.bench_schedule",
                                "--probe-start"], cwd=ROOT, env={**os.environ, **env},
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    seconds = time.perf_counter() - started
    process.wait(timeout=60)
    return seconds, float(json.loads(line)["rss_mb"])


# --- the bot's side --------------------------------------------------------------------------

class TimedDispatcher(Dispatcher):
    """The product's dispatcher, timing each claim (the look-up of due rows)."""

    claim_ms: list[float]

    async def claim(self, now: datetime, limit: int | None = None) -> list[int]:
        started = time.perf_counter()
        ids = await super().claim(now, limit)
        if ids:
            self.claim_ms.append((time.perf_counter() - started) * 1000)
        return ids


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


async def make_due(db: Database, ids: range, first: datetime, window: float) -> dict[int, float]:
    """Move rows `ids` to fall due one after another within `window` seconds from `first`."""
    step = window / max(1, len(ids))
    due = {n: first + timedelta(seconds=i * step) for i, n in enumerate(ids)}
    statement = (update(Schedule).where(Schedule.id == bindparam("sid"))
                 .values(next_due_utc=bindparam("due")))
    async with db.engine.begin() as conn:
        await conn.execute(statement, [{"sid": n, "due": d} for n, d in due.items()])
    return {n: d.timestamp() for n, d in due.items()}


async def sent_count(db: Database) -> int:
    async with db.transaction() as session:
        return int(await session.scalar(
            text("SELECT count(*) FROM outbox WHERE status = 'sent'")) or 0)


async def bot_side(settings: Settings, args: argparse.Namespace, api: tuple[str, str, str]
                   ) -> dict[str, Any]:
    import discord

    from bot.discord_app.poster import DiscordPoster
    from bot.discord_app.runner import point_at

    out: dict[str, Any] = {}
    started, cpu = time.perf_counter(), cpu_seconds()
    async with open_app(settings) as app:
        dispatcher = TimedDispatcher(app.db, app.clock, settings,
                                     notify_modlog=app.modlog.notice)
        dispatcher.claim_ms = []
        task = asyncio.create_task(dispatcher.run())
        await dispatcher.ready.wait()
        out["start_s"] = time.perf_counter() - started
        out["start_cpu_s"] = cpu_seconds() - cpu
        out["earliest_due"] = dispatcher.next_wake.isoformat() if dispatcher.next_wake else None
        out["rss_after_start_mb"] = peak_rss_mb()

        api_url, gateway_url, token = api
        point_at(api_url, gateway_url)
        client = discord.Client(intents=discord.Intents(guilds=True))
        await client.login(token)
        worker = OutboxWorker(app.outbox, DiscordPoster(client), app.clock)
        sending = asyncio.create_task(worker.run())
        try:
            first = datetime.now(UTC) + timedelta(seconds=args.lead)
            out["due"] = await make_due(app.db, range(1, args.due + 1), first, args.window)
            dispatcher.notify()
            deadline = time.monotonic() + args.lead + args.window + args.drain
            while time.monotonic() < deadline:
                if await sent_count(app.db) >= args.due:
                    break
                await asyncio.sleep(0.5)
            out["claim_ms"] = list(dispatcher.claim_ms)
        finally:
            task.cancel()
            sending.cancel()
            await asyncio.gather(task, sending, return_exceptions=True)
            await client.close()

        # Statistics as a settled database has them (autovacuum would get there): outbox and
        # deliveries grew from empty during the minute above, and on PostgreSQL the foreign-key
        # checks of a delivery then scan the outbox (7-12 s instead of ~2.5 s for the burst).
        async with app.db.engine.begin() as conn:
            await conn.exec_driver_sql("ANALYZE outbox")
            await conn.exec_driver_sql("ANALYZE deliveries")
        # A burst: --burst rows all due at once (a long-stopped bot, say), claimed and queued.
        now = datetime.now(UTC)
        burst = range(args.due + 1, args.due + 1 + args.burst)
        await make_due(app.db, burst, now - timedelta(minutes=1), 0)
        claimer = TimedDispatcher(app.db, app.clock, settings, owner="burst-claim")
        claimer.claim_ms = []
        started = time.perf_counter()
        claimed = 0
        while ids := await claimer.claim(now):
            claimed += len(ids)
        out["burst_claim_s"] = time.perf_counter() - started
        # Release those leases, then time the whole dispatch (claim, record, queue, advance).
        async with app.db.engine.begin() as conn:
            await conn.execute(update(Schedule).where(Schedule.lease_owner == "burst-claim")
                               .values(lease_owner=None, lease_until=None))
        started = time.perf_counter()
        report = await Dispatcher(app.db, app.clock, settings).dispatch_due(now)
        out["burst_dispatch_s"] = time.perf_counter() - started
        out["burst"] = report.posted
        async with app.db.transaction() as session:
            out["queued"] = int(await session.scalar(
                text("SELECT count(*) FROM outbox")) or 0)
            out["database"] = await database_version(session, app.db.dialect)
        assert claimed == args.burst, (claimed, args.burst)
    out["peak_rss_mb"] = peak_rss_mb()
    return out


async def database_version(session: Any, dialect: str) -> str:
    if dialect == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    version = str(await session.scalar(text("SHOW server_version")))
    return f"PostgreSQL {version.split()[0]}"


def delays(due: dict[int, float], receipts: list[tuple[str, float]]) -> Delays:
    seen: dict[int, float] = {}
    duplicates = 0
    for content, at in receipts:
        match = TITLE.search(content)
        if match is None:
            continue
        n = int(match.group(1))
        if n not in due:
            continue
        if n in seen:
            duplicates += 1
            continue
        seen[n] = at
    ms = [(seen[n] - due[n]) * 1000 for n in seen]
    return Delays(due=len(due), delivered=len(seen), duplicates=duplicates,
                  p50_ms=round(percentile(ms, 0.50), 1), p99_ms=round(percentile(ms, 0.99), 1),
                  max_ms=round(max(ms, default=0.0), 1))


async def run(args: argparse.Namespace) -> Figures:
    with tempfile.TemporaryDirectory(prefix="fanzine-bench-") as tmp:
        workdir = Path(tmp)
        async with scratch_database(args.database, workdir, args.postgres_url) as url:
            environment = bench_environment(workdir, url)
            settings = load_settings(environment)
            started = time.perf_counter()
            loader = MP.Process(target=_load_child, args=(url, args.schedules))
            loader.start()
            await asyncio.get_running_loop().run_in_executor(None, loader.join)
            if loader.exitcode != 0:
                raise RuntimeError(f"loading failed (exit status {loader.exitcode})")
            load_s = time.perf_counter() - started

            cold_s, cold_rss = cold_start(environment)
            parent, child = MP.Pipe()
            fake = MP.Process(target=_fake_child, args=(child,), daemon=True)
            fake.start()
            try:
                api = parent.recv()
                bot = await bot_side(settings, args, api)
                parent.send("dump")
                receipts = parent.recv()
            finally:
                fake.join(timeout=10)
                if fake.is_alive():
                    fake.terminate()
    comparison = run_apscheduler_in(args) if args.reminders else None
    claim_ms = bot["claim_ms"]
    return Figures(
        machine=machine(), database=bot["database"], schedules=args.schedules,
        window=args.window,
        load_s=round(load_s, 1), cold_start_s=round(cold_s, 3),
        cold_start_rss_mb=round(cold_rss, 1), start_s=round(bot["start_s"], 3),
        start_cpu_s=round(bot["start_cpu_s"], 3), earliest_due=bot["earliest_due"],
        rss_after_start_mb=round(bot["rss_after_start_mb"], 1),
        claim_p50_ms=round(percentile(claim_ms, 0.5), 2),
        claim_p99_ms=round(percentile(claim_ms, 0.99), 2), claims=len(claim_ms),
        burst=bot["burst"], burst_claim_s=round(bot["burst_claim_s"], 3),
        burst_dispatch_s=round(bot["burst_dispatch_s"], 3),
        delays=delays(bot["due"], receipts), peak_rss_mb=round(bot["peak_rss_mb"], 1),
        apscheduler=comparison,
    )


def run_apscheduler_in(args: argparse.Namespace) -> Apscheduler:
    with tempfile.TemporaryDirectory(prefix="fanzine-bench-aps-") as tmp:
        return run_apscheduler(Path(tmp), args.reminders)


def render(f: Figures) -> str:
    m = f.machine
    d = f.delays
    lines = [
        f"schedule: {f.schedules:,} stored schedules on {f.database}",
        f"machine: {m['nproc']} CPUs, {m['cpu']}; Python {m['python']}, {m['system']}",
        f"load (child process, not timed as start-up): {f.load_s} s",
        "",
        table(("figure", "value"), [
            ("cold start: new process, imports, open app, dispatcher ready",
             f"{f.cold_start_s:.3f} s ({f.cold_start_rss_mb} MB RSS)"),
            ("start-up: open app + dispatcher ready (earliest due found)",
             f"{f.start_s:.3f} s ({f.start_cpu_s:.3f} s CPU)"),
            ("RSS after start-up", f"{f.rss_after_start_mb} MB"),
            (f"claim a batch of due rows (p50 / p99 of {f.claims})",
             f"{f.claim_p50_ms} / {f.claim_p99_ms} ms"),
            (f"{d.due:,} due within {f.window:g} s: delivered / duplicates",
             f"{d.delivered:,} / {d.duplicates}"),
            ("due → post at the fake Discord: p50 / p99 / max",
             f"{d.p50_ms} / {d.p99_ms} / {d.max_ms} ms"),
            (f"burst of {f.burst:,} due at once: claimed in", f"{f.burst_claim_s} s"),
            (f"burst of {f.burst:,} due at once: dispatched (queued) in",
             f"{f.burst_dispatch_s} s"),
            ("peak RSS of the bot process", f"{f.peak_rss_mb} MB"),
        ]),
    ]
    if f.apscheduler is not None:
        a = f.apscheduler
        lines += [
            "",
            f"APScheduler 3.11 comparison: {a.jobs:,} reminders, one DateTrigger job each, "
            "SQLAlchemyJobStore on a SQLite file",
            table(("figure", "value"), [
                ("add every job (scheduler running)", f"{a.add_s} s ({a.add_per_s:,}/s)"),
                ("restart: start + first wake-up, every job stored", f"{a.start_s} s"),
                ("read every job back (get_jobs)", f"{a.list_s} s"),
                ("peak RSS of its process", f"{a.peak_rss_mb} MB"),
            ]),
        ]
    lines.append(f"target: {TARGET}")
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_schedule",
                                     description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--schedules", type=int, default=1_000_000,
                        help="stored schedules (1000000)")
    parser.add_argument("--due", type=int, default=10_000,
                        help="rows that fall due within the window (10000)")
    parser.add_argument("--window", type=float, default=60.0,
                        help="seconds over which those fall due (60)")
    parser.add_argument("--lead", type=float, default=3.0,
                        help="seconds from set-up to the first due row (3)")
    parser.add_argument("--drain", type=float, default=60.0,
                        help="longest wait after the window for the last posts (60)")
    parser.add_argument("--burst", type=int, default=10_000,
                        help="rows then made due at once, to time claiming (10000)")
    parser.add_argument("--reminders", type=int, default=10_000,
                        help="APScheduler jobs for the comparison; 0 skips it (10000)")
    parser.add_argument("--database", choices=KINDS, default="sqlite",
                        help="a temporary SQLite file, or a new PostgreSQL database (sqlite)")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL,
                        help="server to create the PostgreSQL database on "
                             f"({DEFAULT_POSTGRES_URL})")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--probe-start", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.schedules < 1 or args.due < 1 or args.burst < 1:
        parser.error("--schedules, --due and --burst must be 1 or more")
    if args.due + args.burst > args.schedules:
        parser.error("--due plus --burst must not exceed --schedules")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.probe_start:
        asyncio.run(probe_start())
        return 0
    figures = asyncio.run(run(args))
    print_figures(figures, args.json, render)
    return 0


def summary(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The headline figures for `make bench`'s table: (figure, value, target)."""
    delays = doc["delays"]
    rows = [(f"cold start with {doc['schedules']:,} schedules s", f"{doc['cold_start_s']:.2f}",
             "≤ 2"),
            ("peak RSS MB", f"{doc['peak_rss_mb']:.0f}", "≤ 300"),
            ("claim due rows p50 / p99 ms",
             f"{doc['claim_p50_ms']:.1f} / {doc['claim_p99_ms']:.1f}", ""),
            (f"due → fake Discord p50 / p99 ms ({delays['delivered']:,} of {delays['due']:,}, "
             f"{delays['duplicates']} duplicates)",
             f"{delays['p50_ms']:.0f} / {delays['p99_ms']:.0f}", "p99 ≤ 1000"),
            (f"burst of {doc['burst']:,} due at once: dispatched s",
             f"{doc['burst_dispatch_s']:.2f}", "")]
    if doc.get("apscheduler"):
        jobs = doc["apscheduler"]
        rows.append((f"APScheduler SQLAlchemyJobStore: add {jobs['jobs']:,} jobs s",
                     f"{jobs['add_s']:.1f}", "(comparison)"))
    return rows


if __name__ == "__main__":
    sys.exit(main())
