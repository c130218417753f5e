"""What the persistent buttons do in the core, on both databases: feed removal asked then
confirmed, a reminder snoozed by its owner only, a release reminder from a post in its own
server only, the ping role from a post; which posts carry which buttons; posts round-trip."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.actors import Actor
from bot.app import App
from bot.clock import FixedClock
from bot.errors import UserError
from bot.models import Reminder, Schedule
from bot.posts import REMIND_RELEASE, SNOOZE, SUBSCRIBE, Post, PostButton
from bot.schedule.announcements import Due, render
from bot.schedule.pings import subscribe_from_post
from tests.fact_builders import add_article, extraction, release
from tests.feed_builders import Item, rss
from tests.feed_server import FeedServer
from tests.test_ingest_feeds import GUILD, NEWS, OTHER_GUILD, mod

ANN, BOB = 41, 42
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
def test_env(test_env: dict[str, str]) -> dict[str, str]:
    return {**test_env, "FANZINE_ALLOW_PRIVATE_NETWORKS": "1", "FANZINE_INGEST_FETCH_PAGES": "0"}


async def test_a_feed_removal_is_asked_then_confirmed(app: App,
                                                      feed_server: FeedServer) -> None:
    feed_server.serve("/feed.xml", rss([Item(title="One", link="https://news.example/1")],
                                       title="Our feed"))
    url = feed_server.url("/feed.xml")
    await app.feeds.add(mod(), url, NEWS)
    await app.feeds.add(mod(), url, NEWS + 1)
    asked = await app.feeds.removal(mod(), url)
    assert (asked.guild_id, asked.title, asked.subscriptions, asked.channel_id) == (
        GUILD, "Our feed", 2, None)
    assert len(await app.feeds.list(mod())) == 2  # asking removes nothing
    with pytest.raises(UserError, match="has no feed"):
        await app.feeds.removal(mod(OTHER_GUILD), url)
    # Confirmed by someone else's server, or by a member, nothing goes.
    with pytest.raises(UserError, match="another server"):
        await app.feeds.remove_feed(mod(OTHER_GUILD), GUILD, asked.feed_id)
    fan = Actor(user_id=8, name="fan", guild_id=GUILD, channel_id=NEWS, is_moderator=False)
    with pytest.raises(UserError, match="Manage Server"):
        await app.feeds.remove_feed(fan, GUILD, asked.feed_id)
    assert await app.feeds.remove_feed(mod(), GUILD, asked.feed_id, NEWS + 1) == 1
    assert [f.channel_id for f in await app.feeds.list(mod())] == [NEWS]
    assert await app.feeds.remove_feed(mod(), GUILD, asked.feed_id) == 1
    with pytest.raises(UserError, match="has no feed"):  # a second confirmation
        await app.feeds.remove_feed(mod(), GUILD, asked.feed_id)


async def active_schedules(app: App, reminder_id: int) -> list[Schedule]:
    async with app.db.read() as session:
        return list((await session.scalars(select(Schedule).where(
            Schedule.reminder_id == reminder_id, Schedule.state == "active"))).all())


async def test_only_the_owner_snoozes_a_reminder(app: App, clock: FixedClock) -> None:
    clock.set(NOON)
    made = await app.reminders.remind_at(ANN, GUILD, NEWS, "in 2 hours", "stream")
    rid = made.reminder.id
    with pytest.raises(UserError, match="isn't yours"):
        await app.reminders.snooze(BOB, rid, 3600)
    with pytest.raises(UserError, match="isn't yours"):
        await app.reminders.snooze(ANN, rid + 100, 3600)
    with pytest.raises(UserError, match="an hour or a day"):
        await app.reminders.snooze(ANN, rid, 7)
    # Snoozed before it came: the one waiting schedule moves, no second one.
    snoozed = await app.reminders.snooze(ANN, rid, 86400)
    assert snoozed.due_utc == NOON + timedelta(days=1)
    [waiting] = await active_schedules(app, rid)
    assert waiting.next_due_utc == NOON + timedelta(days=1)
    # Once delivered (the schedule done), a snooze adds a new one-off schedule.
    async with app.db.transaction() as session:
        for row in (await session.scalars(select(Schedule)
                                          .where(Schedule.reminder_id == rid))).all():
            row.state, row.next_due_utc = "done", None
        reminder = await session.get(Reminder, rid)
        assert reminder is not None
        reminder.state = "done"
    clock.advance(timedelta(minutes=90))
    again = await app.reminders.snooze(ANN, rid, 3600)
    assert again.due_utc == (NOON + timedelta(minutes=150))
    [fresh] = await active_schedules(app, rid)
    assert fresh.id != waiting.id and fresh.rule == "once" and fresh.user_id == ANN
    await app.reminders.cancel(ANN, GUILD, rid)
    with pytest.raises(UserError, match="was cancelled"):
        await app.reminders.snooze(ANN, rid, 3600)


async def test_a_release_reminder_from_a_post(app: App) -> None:
    article = await add_article(app.db, "2026-11-20")
    await app.facts.store_extraction(article, extraction(release("Glass Harbour", "2026-12-04")))
    entity = await app.facts.find_entity("release", "Glass Harbour", GUILD)
    assert entity is not None
    with pytest.raises(UserError, match="another server"):
        await app.reminders.remind_release_id(ANN, OTHER_GUILD, entity.id, asked_in=GUILD)
    with pytest.raises(UserError, match="don't know that release"):
        await app.reminders.remind_release_id(ANN, GUILD, entity.id + 1000, asked_in=GUILD)
    made = await app.reminders.remind_release_id(ANN, GUILD, entity.id, asked_in=GUILD)
    assert made.reminder.text == "Glass Harbour" and made.reminder.deliver_to == "dm"
    with pytest.raises(UserError, match="already have reminder"):
        await app.reminders.remind_release_id(ANN, GUILD, entity.id, asked_in=GUILD)


class Roles:
    def __init__(self) -> None:
        self.given: list[tuple[int, int, int]] = []

    async def grant(self, guild_id: int, user_id: int, role_id: int) -> None:
        self.given.append((guild_id, user_id, role_id))

    async def revoke(self, guild_id: int, user_id: int, role_id: int) -> None:
        raise AssertionError("not used")


async def test_subscribe_from_a_post_only_in_its_server(app: App) -> None:
    await app.guilds.update(mod(), {"ping_role": 77})
    fan = Actor(user_id=ANN, name="ann", guild_id=GUILD, channel_id=NEWS, is_moderator=False)
    roles = Roles()
    with pytest.raises(UserError, match="another server"):
        await subscribe_from_post(app.guilds, fan, roles, asked_in=OTHER_GUILD)
    assert await subscribe_from_post(app.guilds, fan, roles, asked_in=GUILD) == 77
    assert roles.given == [(GUILD, ANN, 77)]


def due(kind: str, rule: str | None = None, *, guild_id: int | None = None,
        entity_id: int | None = None, reminder_id: int | None = None) -> Due:
    return Due(kind=kind, rule=rule or kind, title="Glass Harbour", anchor_local="2026-12-04",
               local_date=date(2026, 12, 4), key="k", payload={"ping": True},
               guild_id=guild_id, entity_id=entity_id, reminder_id=reminder_id)


def test_which_posts_carry_which_buttons() -> None:
    countdown = render(due("countdown", "release_day", guild_id=GUILD, entity_id=9))
    assert countdown.buttons == (PostButton("Remind me", REMIND_RELEASE, (GUILD, 9)),)
    pinged = render(due("release_day", guild_id=GUILD, entity_id=9), ping_role_id=77)
    assert [b.action for b in pinged.buttons] == [REMIND_RELEASE, SUBSCRIBE]
    reminder = render(due("reminder", "once", reminder_id=5))
    assert [(b.label, b.args) for b in reminder.buttons] == [
        ("Snooze 1 h", (5, 3600)), ("Snooze 1 day", (5, 86400))]
    assert render(due("birthday", guild_id=GUILD)).buttons == ()


def test_a_post_s_buttons_survive_the_outbox() -> None:
    post = Post(text="hi", buttons=(PostButton("Snooze 1 h", SNOOZE, (5, 3600)),))
    assert Post.from_payload(post.to_payload()) == post
    # A post queued before buttons existed.
    assert Post.from_payload({"text": "old", "kind": "notice"}).buttons == ()
