"""Learning and the schedule (issue 15 item 5, issue 14): articles learned one after another
cost their guild one background re-plan, not one each; moved dates move their rows at once; the
plan that `idle` and `/upcoming` wait for includes what was learned; failures reach the mod-log.
Passes are held by the re-planner's own wait for a pause in learned articles (made longer than
any test), never by sleeps."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import App
from bot.models import OutboxMessage, Schedule
from bot.schedule.planner import Desired, GuildPlan, SyncReport
from tests.schedule_builders import FAN, GUILD, MOD, rows, utc

MODLOG = 555
# A guard against a hang, never a wait: each step below takes well under a second.
GUARD = 30
# Longer than any test runs: a pass for learned facts starts only when someone asks for it.
FOREVER = 3600.0
TITLES = ("Glass Harbour", "Night Bus", "Paper Moon", "Low Tide", "Salt Road", "Blue Hour")


def article(title: str, day: int) -> bytes:
    return (f"Mara Vale announces {title}\n\nSinger Mara Vale will release her new album "
            f"\"{title}\" on December {day}, 2026.\n").encode()


async def ingest(app: App, title: str, day: int, *, published: int = 20) -> None:
    """One article through `/ingest`'s path (store, extract, store facts, the learner's hook)."""
    await app.ingest.ingest_file(GUILD, f"{title}.txt", article(title, day),
                                 published=datetime(2026, 11, published, tzinfo=UTC))


def count_passes(app: App, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The guilds of every whole-guild re-plan from now on, in order."""
    passes: list[int] = []
    original = app.planner.sync_guild

    async def counted(guild_id: int) -> SyncReport:
        passes.append(guild_id)
        return await original(guild_id)

    monkeypatch.setattr(app.planner, "sync_guild", counted)
    return passes


def hold_learned_passes(app: App) -> None:
    app.replanner.learned_quiet = app.replanner.learned_max_wait = FOREVER


async def modlog_texts(app: App) -> list[str]:
    async with app.db.read() as session:
        return [row.payload.get("text", "") for row in await session.scalars(
            select(OutboxMessage).where(OutboxMessage.channel_id == MODLOG))]


async def test_a_run_of_articles_costs_the_guild_one_pass_and_the_plan_has_the_last(
        app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    hold_learned_passes(app)
    passes = count_passes(app, monkeypatch)
    async with asyncio.timeout(GUARD):
        for day, title in enumerate(TITLES, start=10):
            await ingest(app, title, day)
        # Learning went on without re-planning the guild (the old hook planned per article).
        assert passes == []
        await app.replanner.idle()  # starts the held pass and waits for it
    assert passes == [GUILD]
    planned = await rows(app)
    last = planned[f"release_day:{TITLES[-1]}"]
    assert (last.anchor_local, last.state) == ("2026-12-15", "active")
    assert last.next_due_utc == utc("2026-12-15T09:00:00+00:00")
    assert {f"release_day:{t}" for t in TITLES} <= set(planned)


async def test_upcoming_waits_for_the_plan_of_what_was_just_learned(
        app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    hold_learned_passes(app)
    passes = count_passes(app, monkeypatch)
    async with asyncio.timeout(GUARD):
        await ingest(app, "Glass Harbour", 10)
        items = await app.upcoming.upcoming(GUILD, days=30)
    assert passes == [GUILD]
    assert any("Glass Harbour" in item.text and item.when.date().isoformat() == "2026-12-10"
               for item in items)


async def test_a_moved_date_moves_its_rows_and_a_reminder_before_the_guilds_pass(
        app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    await ingest(app, "Glass Harbour", 10)
    await app.replanner.idle()
    await app.reminders.remind_release(FAN.user_id, GUILD, FAN.channel_id, "Glass Harbour")
    hold_learned_passes(app)
    passes = count_passes(app, monkeypatch)
    async with asyncio.timeout(GUARD):
        await app.ingest.ingest_file(
            GUILD, "later.txt", b"Glass Harbour delayed\n\nMara Vale has pushed back her new "
            b"album \"Glass Harbour\" to December 17, 2026.\n",
            published=datetime(2026, 11, 24, tzinfo=UTC))
    assert passes == []  # still held: what moved below moved with the learning itself
    async with app.db.read() as session:
        moved = {row.kind: (row.anchor_local, row.next_due_utc)
                 for row in await session.scalars(select(Schedule).where(
                     Schedule.kind.in_(("reminder", "release_day"))))}
    assert moved == {"reminder": ("2026-12-17", utc("2026-12-17T09:00:00+00:00")),
                     "release_day": ("2026-12-17", utc("2026-12-17T09:00:00+00:00"))}
    await app.replanner.idle()
    assert passes == [GUILD]
    assert (await rows(app))["countdown:Glass Harbour"].anchor_local == "2026-12-17"


async def test_a_failing_re_plan_after_learning_reaches_the_mod_log(
        app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    await app.guilds.update(MOD, {"modlog_channel": MODLOG})
    await app.replanner.idle()
    original = app.planner._desired

    async def broken(session: AsyncSession, guild_id: int, plan: GuildPlan,
                     now: datetime) -> dict[str, Desired]:
        if guild_id == GUILD:
            raise RuntimeError("the planner broke")
        return await original(session, guild_id, plan, now)

    monkeypatch.setattr(app.planner, "_desired", broken)
    async with asyncio.timeout(GUARD):
        await ingest(app, "Glass Harbour", 10)  # the ingest itself succeeds
        await app.replanner.idle()
    [text] = await modlog_texts(app)
    assert text.startswith("Re-planning this server's scheduled posts failed (error ")
    # The next pass that works plans what was learned.
    monkeypatch.setattr(app.planner, "_desired", original)
    await app.replanner.replan(GUILD)
    assert "release_day:Glass Harbour" in await rows(app)


async def test_a_failure_moving_dates_reaches_the_mod_log_and_the_pass_still_runs(
        app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    await app.guilds.update(MOD, {"modlog_channel": MODLOG})
    await app.replanner.idle()

    async def broken(changes: object, carrying: object = ()) -> set[int]:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(app.planner, "reschedule_dates", broken)
    async with asyncio.timeout(GUARD):
        await ingest(app, "Glass Harbour", 10)
        await app.replanner.idle()
    [text] = await modlog_texts(app)
    assert text.startswith("Re-planning this server's scheduled posts failed (error ")
    assert (await rows(app))["release_day:Glass Harbour"].anchor_local == "2026-12-10"
