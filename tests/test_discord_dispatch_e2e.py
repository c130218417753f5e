"""Scheduled posts through the fake Discord: a release day with its ping, a DM, a blocked DM,
a deleted channel that pauses its schedule with a mod-log notice, and a long notice cut to fit."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.app import App
from bot.clock import FixedClock
from tests.discord_world import FAN, FANS_ROLE, GUILD, MODLOG, NEWS, FastBot, wait_for_posts
from tests.dispatch_builders import (
    add_reminder,
    add_schedule,
    guild_settings,
    reminder_state,
    schedule,
)
from tests.fake_discord.server import FakeDiscord
from tests.waiting import eventually

NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)



async def test_release_day_post_reaches_discord_once_with_the_ping_role(
    live_bot: FastBot, app: App, fake_discord: FakeDiscord, clock: FixedClock
) -> None:
    await guild_settings(app.db, GUILD, announce=NEWS, modlog=MODLOG, ping_role=FANS_ROLE)
    await add_schedule(app.db, guild_id=GUILD, payload={"ping": True, "release_kind": "album"},
                       after=NOON - SECOND)
    app.dispatcher.notify()
    [post] = await wait_for_posts(fake_discord, NEWS, 1)
    assert post["content"] == (
        f"<@&{FANS_ROLE}>\n📀 Out today: the album **Blue Hour** by Mara Vale!")
    assert post["embeds"][0]["title"] == "Blue Hour"
    assert post["allowed_mentions"]["roles"] == [FANS_ROLE]
    assert post["mention_roles"] == [str(FANS_ROLE)]
    assert post["mention_everyone"] is False
    app.dispatcher.notify()
    await asyncio.sleep(0.3)  # time for a duplicate to show up, if there were one
    assert len(fake_discord.messages[NEWS]) == 1


async def test_a_reminder_dm_reaches_the_user(
    live_bot: FastBot, app: App, fake_discord: FakeDiscord, clock: FixedClock
) -> None:
    rid = await add_reminder(app.db, text="stream the show", due=NOON, user_id=FAN)
    await add_schedule(app.db, kind="reminder", rule="once", anchor="2026-11-25T12:00",
                       user_id=FAN, reminder_id=rid, title="stream the show",
                       after=NOON - SECOND)
    app.dispatcher.notify()
    for _ in range(200):
        if FAN in fake_discord.dm_channels:
            break
        await asyncio.sleep(0.05)
    [dm] = await wait_for_posts(fake_discord, fake_discord.dm_channels[FAN], 1)
    assert dm["content"] == "⏰ Reminder: stream the show"
    assert await reminder_state(app.db, rid) == "done"


async def test_a_user_who_blocks_dms_is_recorded(
    live_bot: FastBot, app: App, fake_discord: FakeDiscord, clock: FixedClock
) -> None:
    fake_discord.dms_blocked_by.add(FAN)
    rid = await add_reminder(app.db, text="vote", due=NOON, user_id=FAN)
    sid = await add_schedule(app.db, kind="reminder", rule="once", anchor="2026-11-25T12:00",
                             user_id=FAN, reminder_id=rid, title="vote", after=NOON - SECOND)
    app.dispatcher.notify()

    async def undeliverable() -> bool:
        return await reminder_state(app.db, rid) == "undeliverable"

    await eventually(undeliverable)
    assert (await schedule(app.db, sid)).state == "done"


async def test_a_deleted_channel_pauses_the_schedule_and_tells_the_mods(
    live_bot: FastBot, app: App, fake_discord: FakeDiscord, clock: FixedClock
) -> None:
    await guild_settings(app.db, GUILD, announce=NEWS, modlog=MODLOG, ping_role=None)
    del fake_discord.guilds[GUILD].channels[NEWS]
    sid = await add_schedule(app.db, guild_id=GUILD, kind="countdown", anchor="2026-12-02",
                             after=NOON - SECOND)
    app.dispatcher.notify()
    [notice] = await wait_for_posts(fake_discord, MODLOG, 1)
    assert "Blue Hour" in notice["content"] and "paused" in notice["content"]
    row = await schedule(app.db, sid)
    assert row.state == "paused" and (row.paused_reason or "").startswith("could not post")


async def test_a_mod_log_notice_over_2000_characters_is_cut_to_fit_not_dropped(
    live_bot: FastBot, app: App, fake_discord: FakeDiscord
) -> None:
    # Discord refuses content over 2,000 characters with a 400, and a refused notice is
    # settled as failed for good: the moderators would never hear of it.
    await guild_settings(app.db, GUILD, announce=NEWS, modlog=MODLOG, ping_role=None)
    reason = "the feed answered: " + "no such page " * 300
    assert await app.modlog.notice(GUILD, f"⚠️ {reason}", key="long-notice")
    [notice] = await wait_for_posts(fake_discord, MODLOG, 1)
    assert notice["content"].startswith("⚠️ the feed answered: no such page")
    assert len(notice["content"]) <= 2000
