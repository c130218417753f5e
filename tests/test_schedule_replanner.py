"""Re-planning after a change: after the reply, in the background, per guild, failures to the
mod-log (issue 14). A pass is held inside its planning on an event, never with sleeps."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import App
from bot.db import Database, publish
from bot.guilds.changes import GuildChanged
from bot.models import OutboxMessage
from bot.schedule.planner import Desired, GuildPlan
from tests.fact_builders import extraction, release
from tests.schedule_builders import GUILD, MOD, OTHER, learn, mod_of, rows, schedule_set

MODLOG = 555
# A guard against a hang, never a wait: each step below takes well under a second.
GUARD = 20


@dataclass
class Hold:
    """Stops one guild's planning inside its read of what the plan should be, until released;
    counts the passes and notes the task each ran in."""

    guild_id: int
    started: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    tasks: list[asyncio.Task[Any] | None] = field(default_factory=list)
    fail: bool = False

    def install(self, app: App, monkeypatch: pytest.MonkeyPatch, holds: list[Hold]) -> None:
        original = app.planner._desired

        async def held(session: AsyncSession, guild_id: int, plan: GuildPlan,
                       now: datetime) -> dict[str, Desired]:
            if guild_id == self.guild_id:
                self.tasks.append(asyncio.current_task())
                self.started.set()
                await self.release.wait()
                if self.fail:
                    raise RuntimeError("the planner broke")
            return await original(session, guild_id, plan, now)

        monkeypatch.setattr(app.planner, "_desired", held)
        holds.append(self)


@pytest.fixture
def holds() -> Iterator[list[Hold]]:
    """Every hold is released when the test ends, failed or not (before the app closes)."""
    made: list[Hold] = []
    yield made
    for hold in made:
        hold.release.set()


async def night_bus(app: App, guild_id: int = GUILD) -> str:
    """The state of Ivo Lark's release-day row in the guild, once re-plans are done."""
    return (await rows(app, guild_id))["release_day:Night Bus"].state


async def ivo_lark(app: App) -> None:
    """Both guilds carry an article about Ivo Lark's "Night Bus" (so both cover him)."""
    await learn(app, extraction(release("Night Bus", "2026-12-24", artist="Ivo Lark"),
                                artists=("Ivo Lark",)), slug="ivo", guilds=(GUILD, OTHER))
    assert await night_bus(app) == "active"


async def started_apart(hold: Hold, command: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
    """Run the command until its guild's re-plan is held; the re-plan must not be running
    inside the command (the old hooks re-planned before the reply)."""
    task = asyncio.create_task(command)
    async with asyncio.timeout(GUARD):
        await hold.started.wait()
    if hold.tasks[-1] is task:
        hold.release.set()
        await task
        pytest.fail("the command re-planned before answering")
    return task


async def test_the_reply_does_not_wait_for_the_re_plan(
        app: App, monkeypatch: pytest.MonkeyPatch, holds: list[Hold]) -> None:
    await ivo_lark(app)
    hold = Hold(GUILD)
    hold.install(app, monkeypatch, holds)
    task = await started_apart(hold, app.follows.unfollow(MOD, "Ivo Lark"))
    async with asyncio.timeout(GUARD):
        change = await task
    assert change.changed and not change.following
    assert not hold.release.is_set()  # the reply came while the re-plan was still held
    hold.release.set()
    assert await night_bus(app) == "cancelled"
    assert len(hold.tasks) == 1


async def test_a_failed_re_plan_reaches_the_mod_log_and_the_log(
        app: App, monkeypatch: pytest.MonkeyPatch, holds: list[Hold],
        caplog: pytest.LogCaptureFixture) -> None:
    await ivo_lark(app)
    await app.guilds.update(MOD, {"modlog_channel": MODLOG})
    await app.replanner.idle()
    hold = Hold(GUILD, fail=True)
    hold.release.set()
    hold.install(app, monkeypatch, holds)
    with caplog.at_level(logging.ERROR):
        change = await app.follows.unfollow(MOD, "Ivo Lark")
        await app.replanner.idle()
    assert change.changed  # the moderator's change stands, and the reply said so
    failures = [r for r in caplog.records
                if "re-planning the schedule of guild 1000 failed" in r.getMessage()]
    assert len(failures) == 1 and failures[0].exc_info is not None
    async with app.db.read() as session:
        texts = [row.payload.get("text", "") for row in await session.scalars(
            select(OutboxMessage).where(OutboxMessage.channel_id == MODLOG))]
    assert len(texts) == 1
    assert texts[0].startswith("Re-planning this server's scheduled posts failed (error ")
    code = failures[0].getMessage().rsplit("[", 1)[-1].rstrip("]")
    assert f"(error {code})" in texts[0]
    # The last plan stays until the next pass that works.
    hold.fail = False
    assert await night_bus(app) == "active"
    await schedule_set(app, MOD, ping=True)
    assert await night_bus(app) == "cancelled"


async def test_changes_in_a_row_coalesce_and_the_last_one_wins(
        app: App, monkeypatch: pytest.MonkeyPatch, holds: list[Hold]) -> None:
    await ivo_lark(app)
    hold = Hold(GUILD)
    hold.install(app, monkeypatch, holds)
    first = await started_apart(hold, app.follows.unfollow(MOD, "Ivo Lark"))
    async with asyncio.timeout(GUARD):
        await first
        # While the first pass is held, three more changes commit and answer.
        assert (await app.follows.follow(MOD, "Ivo Lark")).changed
        assert (await app.follows.unfollow(MOD, "Ivo Lark")).changed
        assert (await app.follows.follow(MOD, "Ivo Lark")).changed
    assert len(hold.tasks) == 1
    hold.release.set()
    assert await night_bus(app) == "active"
    # One held pass, then one pass for the three changes that came during it.
    assert len(hold.tasks) == 2


async def test_another_guild_is_not_held_up_by_a_slow_re_plan(
        app: App, monkeypatch: pytest.MonkeyPatch, holds: list[Hold]) -> None:
    await ivo_lark(app)
    hold = Hold(GUILD)
    hold.install(app, monkeypatch, holds)
    mine = await started_apart(hold, app.follows.unfollow(MOD, "Ivo Lark"))
    async with asyncio.timeout(GUARD):
        await mine
        # OTHER's moderator changes settings and reads /upcoming (which waits for OTHER's own
        # fresh plan) while GUILD's re-plan is held inside its planning.
        await app.guilds.update(mod_of(OTHER), {"timezone": "Europe/Berlin"})
        assert (await app.follows.unfollow(mod_of(OTHER), "Ivo Lark")).changed
        assert await app.upcoming.upcoming(OTHER) == []
    assert not hold.release.is_set() and len(hold.tasks) == 1
    assert app.replanner.busy(GUILD)
    hold.release.set()
    assert await night_bus(app) == "cancelled"
    assert await night_bus(app, OTHER) == "cancelled"


async def test_events_reach_subscribers_only_after_the_commit(db: Database) -> None:
    heard: list[GuildChanged] = []
    db.subscribe(GuildChanged, heard.append)
    with pytest.raises(RuntimeError):
        async with db.transaction() as session:
            publish(session, GuildChanged(GUILD, "follows"))
            raise RuntimeError("rolled back")
    assert heard == []
    async with db.transaction() as session:
        publish(session, GuildChanged(GUILD, "facts"))
        publish(session, GuildChanged(OTHER, "settings"))
        assert heard == []
    assert heard == [GuildChanged(GUILD, "facts"), GuildChanged(OTHER, "settings")]
