"""Persistent buttons through the fake Discord: Remove/Keep on `/feeds remove`, "Remind me" on
release posts, "Snooze" on reminder DMs, "Subscribe" beside a ping; each click checked again
(who clicks, in which server), and each button still working after the bot restarts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import App
from bot.clock import FixedClock
from bot.models import Reminder, Schedule, Subscription
from tests.discord_world import (
    FAN,
    FANS_ROLE,
    GENERAL,
    GUILD,
    MOD,
    NEWS,
    FastBot,
    build_world,
    wait_for_posts,
)
from tests.dispatch_builders import add_reminder, add_schedule, guild_settings
from tests.fake_discord import payloads
from tests.fake_discord.fixtures import run_bot
from tests.fake_discord.server import FakeDiscord, buttons_of
from tests.feed_builders import Item, rss
from tests.feed_server import FeedServer
from tests.test_ingest_feeds import mod as moderator

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)
OTHER_GUILD = 4242


@pytest.fixture
def test_env(test_env: dict[str, str]) -> dict[str, str]:
    return {**test_env, "FANZINE_ALLOW_PRIVATE_NETWORKS": "1", "FANZINE_INGEST_FETCH_PAGES": "0"}


@asynccontextmanager
async def running(app: App, fake: FakeDiscord, *, background: bool = False,
                  ) -> AsyncIterator[FastBot]:
    """The product's bot, started afresh: a second one in a test is the bot after a restart."""
    client = FastBot(app, run_background=background, guild_ready_timeout=0.2,
                     heartbeat_timeout=3.0)
    async with run_bot(client, fake):
        await asyncio.wait_for(client.guilds_reconciled.wait(), 10)
        yield client


def ids(message: dict[str, Any]) -> dict[str, str]:
    """A message's buttons: label → custom id."""
    return {b["label"]: b["custom_id"] for b in buttons_of(message)}


async def subscriptions(app: App) -> int:
    async with app.db.read() as session:
        return len((await session.scalars(select(Subscription.id))).all())


async def dm_of(fake: FakeDiscord, user_id: int, count: int) -> list[dict[str, Any]]:
    for _ in range(200):
        if user_id in fake.dm_channels:
            break
        await asyncio.sleep(0.05)
    return await wait_for_posts(fake, fake.dm_channels[user_id], count)


# /feeds remove


async def add_feed(app: App, feed_server: FeedServer) -> str:
    feed_server.serve("/feed.xml", rss([Item(title="Story", link="https://news.example/1",
                                             summary="Our words about Mara Vale.")],
                                       title="Mara Vale news"))
    await app.feeds.add(moderator(), feed_server.url("/feed.xml"), NEWS)
    return feed_server.url("/feed.xml")


async def ask_removal(fake: FakeDiscord, url: str, user_id: int = MOD) -> Any:
    return await fake.invoke("feeds", [{"name": "url", "type": 3, "value": url}],
                             subcommand="remove", guild_id=GUILD, channel_id=GENERAL,
                             user_id=user_id)


async def test_feeds_remove_asks_first_and_removes_on_confirm(
    app: App, fake_discord: FakeDiscord, feed_server: FeedServer,
) -> None:
    url = await add_feed(app, feed_server)
    build_world(fake_discord)
    async with running(app, fake_discord):
        asked = await ask_removal(fake_discord, url)
        assert asked.ephemeral
        assert asked.content == (f"Remove 1 subscription to **Mara Vale news** <{url}>? "
                                 "New articles will stop being posted.")
        assert await subscriptions(app) == 1  # nothing removed by asking
        question = asked.original
        assert question is not None and set(ids(question)) == {"Remove", "Keep"}
        kept = await fake_discord.click(question, "fz:keep", user_id=MOD)
        assert [c["type"] for c in kept.raw_callbacks] == [7]
        assert question["content"] == "Kept: nothing was removed." and not buttons_of(question)
        assert await subscriptions(app) == 1
        question = (await ask_removal(fake_discord, url)).original
        assert question is not None
    # The bot restarts between the question and the click: the button still works.
    async with running(app, fake_discord):
        done = await fake_discord.click(question, ids(question)["Remove"], user_id=MOD)
        assert [c["type"] for c in done.raw_callbacks] == [6]  # then an edit of the question
        assert question["content"] == "Removed 1 subscription." and not buttons_of(question)
        assert await subscriptions(app) == 0
        again = await ask_removal(fake_discord, url)
        assert again.ephemeral and (again.content or "").startswith("This server has no feed")


async def test_a_removal_is_checked_again_when_confirmed(
    app: App, fake_discord: FakeDiscord, feed_server: FeedServer,
) -> None:
    url = await add_feed(app, feed_server)
    build_world(fake_discord)
    async with running(app, fake_discord):
        question = (await ask_removal(fake_discord, url)).original
        assert question is not None
        remove = ids(question)["Remove"]
        # A member without Manage Server (a moderator who lost it since) is refused.
        refused = await fake_discord.click(question, remove, user_id=FAN)
        assert refused.ephemeral and "Only moderators" in (refused.content or "")
        # The same id naming another server, clicked here, removes nothing.
        _, feed_id, channel = remove.rsplit(":", 2)
        forged = dict(question, id="1", components=[{"type": 1, "components": [
            {"type": 2, "style": 4, "label": "Remove",
             "custom_id": f"fz:frm:{OTHER_GUILD}:{feed_id}:{channel}"}]}])
        fake_discord.messages.setdefault(GENERAL, []).append(forged)
        elsewhere = await fake_discord.click(forged, forged["components"][0]["components"][0]
                                             ["custom_id"], user_id=MOD)
        assert elsewhere.ephemeral and "another server" in (elsewhere.content or "")
        assert await subscriptions(app) == 1


# Remind me, Subscribe


async def release_id(app: App) -> int:
    await app.ingest.ingest_file(GUILD, "glass.txt", (
        b"Title: Mara Vale announces Glass Harbour\n\n"
        b"Singer Mara Vale will release her new album \"Glass Harbour\" on December 10, 2026.\n"
    ), published=datetime(2026, 11, 23, tzinfo=UTC))
    entity = await app.facts.find_entity("release", "Glass Harbour", GUILD)
    assert entity is not None
    return entity.id


async def test_remind_me_on_a_countdown_sets_the_fan_s_own_reminder(
    app: App, fake_discord: FakeDiscord, clock: FixedClock,
) -> None:
    entity_id = await release_id(app)
    await guild_settings(app.db, GUILD, announce=NEWS, ping_role=FANS_ROLE)
    await add_schedule(app.db, kind="countdown", rule="release_day", anchor="2026-11-25",
                       title="Glass Harbour", entity_id=entity_id, guild_id=GUILD,
                       payload={"ping": True}, after=NOON - SECOND)
    build_world(fake_discord)
    async with running(app, fake_discord, background=True):
        app.dispatcher.notify()
        [post] = await wait_for_posts(fake_discord, NEWS, 1)
    assert ids(post) == {"Remind me": f"fz:rr:{GUILD}:{entity_id}",
                         "Subscribe": f"fz:sub:{GUILD}"}
    async with running(app, fake_discord):  # after a restart
        made = await fake_discord.click(post, f"fz:rr:{GUILD}:{entity_id}", user_id=FAN)
        assert made.ephemeral and (made.content or "").startswith(
            "Reminder 1 set: **Glass Harbour** comes out <t:")
        twice = await fake_discord.click(post, f"fz:rr:{GUILD}:{entity_id}", user_id=FAN)
        assert twice.ephemeral and "You already have reminder 1" in (twice.content or "")
        subscribed = await fake_discord.click(post, f"fz:sub:{GUILD}", user_id=FAN)
        assert subscribed.ephemeral and f"<@&{FANS_ROLE}>" in (subscribed.content or "")
        assert str(FANS_ROLE) in fake_discord.guilds[GUILD].members[FAN]["roles"]
    async with app.db.read() as session:
        [reminder] = (await session.scalars(select(Reminder))).all()
    assert (reminder.user_id, reminder.release_id, reminder.deliver_to) == (
        FAN, entity_id, "dm")
    assert reminder.due_at == datetime(2026, 12, 10, 9, tzinfo=UTC)


async def test_a_post_s_button_works_only_in_its_own_server(
    app: App, fake_discord: FakeDiscord,
) -> None:
    entity_id = await release_id(app)
    build_world(fake_discord)
    other = fake_discord.add_guild(OTHER_GUILD, "Elsewhere")
    other.add_channel(OTHER_GUILD + 1, "general")
    other.add_member(FAN, "fanny")
    async with running(app, fake_discord):
        channel = fake_discord.messages.setdefault(OTHER_GUILD + 1, [])
        copied = payloads.message(77, OTHER_GUILD + 1, fake_discord.bot_user, {
            "content": "copied", "components": [{"type": 1, "components": [
                {"type": 2, "style": 1, "label": "Remind me",
                 "custom_id": f"fz:rr:{GUILD}:{entity_id}"},
                {"type": 2, "style": 3, "label": "Subscribe",
                 "custom_id": f"fz:sub:{GUILD}"}]}]})
        channel.append(copied)
        for custom_id in (f"fz:rr:{GUILD}:{entity_id}", f"fz:sub:{GUILD}"):
            refused = await fake_discord.click(copied, custom_id, user_id=FAN)
            assert refused.ephemeral and "another server" in (refused.content or "")
        assert channel == [copied]
    async with app.db.read() as session:
        assert (await session.scalars(select(Reminder))).all() == []


# Snooze


async def test_snooze_reminds_the_owner_again(
    app: App, fake_discord: FakeDiscord, clock: FixedClock,
) -> None:
    rid = await add_reminder(app.db, text="stream the show", due=NOON, user_id=FAN,
                             guild_id=GUILD)
    await add_schedule(app.db, kind="reminder", rule="once", anchor="2026-11-25T12:00",
                       guild_id=GUILD, user_id=FAN, reminder_id=rid, title="stream the show",
                       after=NOON - SECOND)
    build_world(fake_discord)
    async with running(app, fake_discord, background=True):
        app.dispatcher.notify()
        [dm] = await dm_of(fake_discord, FAN, 1)
        assert dm["content"] == "⏰ Reminder: stream the show"
        assert ids(dm) == {"Snooze 1 h": f"fz:sn:{rid}:3600",
                           "Snooze 1 day": f"fz:sn:{rid}:86400"}
        # Only the reminder's owner may snooze it, whatever the button says.
        refused = await fake_discord.click(dm, f"fz:sn:{rid}:3600", user_id=MOD)
        assert refused.ephemeral and refused.content == "That reminder isn't yours to snooze."
        snoozed = await fake_discord.click(dm, f"fz:sn:{rid}:3600", user_id=FAN)
        later = int((NOON + timedelta(hours=1)).timestamp())
        assert snoozed.ephemeral and snoozed.content == (
            f"Snoozed: I'll remind you again <t:{later}:R> (<t:{later}:F>).")
        clock.advance(timedelta(hours=1))
        app.dispatcher.notify()
        [_, again] = await dm_of(fake_discord, FAN, 2)
        assert again["content"] == "⏰ Reminder: stream the show"
        assert ids(again) == ids(dm)
    async with app.db.read() as session:
        rows = (await session.scalars(select(Schedule).where(Schedule.reminder_id == rid)
                                      .order_by(Schedule.id))).all()
        state = await session.scalar(select(Reminder.state).where(Reminder.id == rid))
    assert [r.state for r in rows] == ["done", "done"] and state == "done"
