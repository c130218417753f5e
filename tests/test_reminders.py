"""Personal reminders and user time zones on both databases, driven by a fixed clock."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from bot.actors import Actor
from bot.app import App
from bot.clock import FixedClock
from bot.errors import UserError
from bot.models import Reminder, Schedule, UserSettingsRow
from tests.fact_builders import add_article, extraction, release

GUILD, OTHER_GUILD, CHANNEL = 1000, 2000, 1001
ANN, BOB = 41, 42


async def rows(app: App) -> list[tuple[Reminder, Schedule]]:
    async with app.db.transaction() as session:
        result = await session.execute(
            select(Reminder, Schedule).join(Schedule, Schedule.reminder_id == Reminder.id)
            .order_by(Reminder.id))
        return [(r, s) for r, s in result.all()]


async def counts(app: App) -> tuple[int, int]:
    async with app.db.transaction() as session:
        reminders = await session.scalar(select(func.count()).select_from(Reminder)) or 0
        schedules = await session.scalar(select(func.count()).select_from(Schedule)) or 0
        return reminders, schedules


@pytest.mark.parametrize(("zone", "today", "due_utc"), [
    # New York falls back on Sunday 1 November 2026: 18:00 EST is 23:00 UTC (EDT the day before).
    ("America/New_York", datetime(2026, 10, 31, 16, 0, tzinfo=UTC),
     datetime(2026, 11, 1, 23, 0, tzinfo=UTC)),
    # London falls back on Sunday 25 October 2026: 18:00 GMT is 18:00 UTC (BST the day before).
    ("Europe/London", datetime(2026, 10, 24, 16, 0, tzinfo=UTC),
     datetime(2026, 10, 25, 18, 0, tzinfo=UTC)),
    # New York springs forward on 14 March 2027: 18:00 EDT is 22:00 UTC.
    ("America/New_York", datetime(2027, 3, 13, 16, 0, tzinfo=UTC),
     datetime(2027, 3, 14, 22, 0, tzinfo=UTC)),
])
async def test_tomorrow_evening_across_a_dst_change(app: App, clock: FixedClock, zone: str,
                                                    today: datetime,
                                                    due_utc: datetime) -> None:
    clock.set(today)
    await app.user_settings.set_timezone(ANN, zone)
    made = await app.reminders.remind_at(ANN, GUILD, CHANNEL, "tomorrow 18:00", "stream!", "dm")
    assert made.reminder.due_utc == due_utc
    assert made.zone_source == "own"
    assert made.reminder.timestamp == int(due_utc.timestamp())
    assert made.reminder.local_time is not None and "18:00" in made.reminder.local_time
    [(reminder, schedule)] = await rows(app)
    assert (reminder.user_id, reminder.guild_id, reminder.channel_id) == (ANN, GUILD, None)
    assert (reminder.deliver_to, reminder.text, reminder.tz) == ("dm", "stream!", zone)
    assert reminder.due_at == due_utc and reminder.state == "active"
    assert (schedule.kind, schedule.rule, schedule.state) == ("reminder", "once", "active")
    assert schedule.next_due_utc == due_utc and schedule.occurrence_key == "once"
    assert schedule.anchor_local == due_utc.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")
    assert (schedule.user_id, schedule.guild_id, schedule.channel_id) == (ANN, GUILD, None)
    assert schedule.tz == zone and schedule.title == "stream!" and schedule.payload == {}


async def test_channel_delivery_and_the_servers_zone_by_default(app: App) -> None:
    mod = Actor(user_id=7, name="mod", guild_id=GUILD, channel_id=CHANNEL, is_moderator=True)
    await app.guilds.update(mod, {"timezone": "Asia/Tokyo"})
    made = await app.reminders.remind_at(ANN, GUILD, CHANNEL, "2026-12-01 18:00", "vote",
                                         "here")
    assert made.zone_source == "server"
    assert made.reminder.due_utc == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    [(reminder, schedule)] = await rows(app)
    assert reminder.deliver_to == "channel" and reminder.channel_id == CHANNEL
    assert schedule.channel_id == CHANNEL and schedule.tz == "Asia/Tokyo"
    # In a DM there is no server: UTC, and "here" is the DM itself.
    dm = await app.reminders.remind_at(BOB, None, None, "in 3 hours", "tea", "here")
    assert dm.zone_source == "default" and dm.reminder.deliver_to == "dm"
    assert dm.reminder.due_utc == datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(("when", "what", "message"), [
    ("yesterday 10:00", "x", "couldn't read"),
    ("2026-11-24 10:00", "x", "already passed"),
    ("blorp in a while", "x", "couldn't read"),
    ("2028-06-01", "x", "more than 1 year away"),
    ("", "x", "Tell me when"),
    ("tomorrow", "   ", "Tell me what to remind you of"),
    ("tomorrow", "x" * 501, "keep what to remind you of to 500"),
    ("tomorrow", "x", None),  # deliver_to below is wrong
])
async def test_bad_input_is_refused_and_nothing_is_stored(app: App, when: str, what: str,
                                                          message: str | None) -> None:
    deliver = "dm" if message else "carrier pigeon"
    with pytest.raises(UserError, match=message or "'dm' or 'here'"):
        await app.reminders.remind_at(ANN, GUILD, CHANNEL, when, what, deliver)
    assert await counts(app) == (0, 0)


async def test_a_user_may_hold_only_so_many(app: App) -> None:
    app.reminders.max_per_user = 3
    for n in range(3):
        await app.reminders.remind_at(ANN, GUILD, CHANNEL, f"in {n + 1} days", f"r{n}")
    with pytest.raises(UserError, match="already have 3 reminders"):
        await app.reminders.remind_at(ANN, GUILD, CHANNEL, "in 9 days", "one too many")
    assert await counts(app) == (3, 3)
    # Someone else is not affected, and cancelling frees a place.
    await app.reminders.remind_at(BOB, GUILD, CHANNEL, "in 9 days", "bob's")
    first = (await app.reminders.list_reminders(ANN, GUILD)).reminders[0]
    await app.reminders.cancel(ANN, GUILD, first.id)
    await app.reminders.remind_at(ANN, GUILD, CHANNEL, "in 9 days", "now it fits")


async def test_list_and_cancel_are_private_and_per_server(app: App) -> None:
    later = await app.reminders.remind_at(ANN, GUILD, CHANNEL, "in 3 days", "later")
    sooner = await app.reminders.remind_at(ANN, GUILD, CHANNEL, "in 2 hours", "sooner")
    away = await app.reminders.remind_at(ANN, OTHER_GUILD, 2001, "in 1 day", "other server")
    bobs = await app.reminders.remind_at(BOB, GUILD, CHANNEL, "in 1 day", "bob's")
    here = await app.reminders.list_reminders(ANN, GUILD)
    assert [r.text for r in here.reminders] == ["sooner", "later"]
    assert here.elsewhere == 1
    everywhere = await app.reminders.list_reminders(ANN, None)  # a DM with the bot
    assert [r.text for r in everywhere.reminders] == ["sooner", "other server", "later"]
    assert everywhere.elsewhere == 0
    assert [r.text for r in (await app.reminders.list_reminders(BOB, GUILD)).reminders] == [
        "bob's"]
    found = await app.reminders.search(ANN, GUILD, "soo")
    assert [r.id for r in found] == [sooner.reminder.id]
    # Someone else's, another server's, or an unknown number: the same refusal.
    for number, guild in ((bobs.reminder.id, GUILD), (away.reminder.id, GUILD),
                          (9999, GUILD)):
        with pytest.raises(UserError, match=f"no reminder {number} of yours"):
            await app.reminders.cancel(ANN, guild, number)
    assert len((await app.reminders.list_reminders(BOB, GUILD)).reminders) == 1
    cancelled = await app.reminders.cancel(ANN, GUILD, later.reminder.id)
    assert cancelled.text == "later"
    with pytest.raises(UserError, match="no reminder"):
        await app.reminders.cancel(ANN, GUILD, later.reminder.id)
    # From a DM, one's reminder from any server can be cancelled.
    await app.reminders.cancel(ANN, None, away.reminder.id)
    states = {r.text: (r.state, s.state) for r, s in await rows(app)}
    assert states["later"] == ("cancelled", "cancelled")
    assert states["other server"] == ("cancelled", "cancelled")
    assert states["sooner"] == ("active", "active") and states["bob's"] == ("active", "active")


@pytest.fixture
async def releases(app: App) -> App:
    article = await add_article(app.db, "2026-11-20")
    await app.facts.store_extraction(article, extraction(
        release("Glass Harbour", "2026-12-04"),
        release("Night Ferry", "2027-02", kind="single"),
        release("Old Lights", "2026-10-02", status="released")))
    return app


async def test_release_reminder_on_a_day_precise_date(releases: App) -> None:
    await releases.user_settings.set_timezone(ANN, "America/New_York")
    made = await releases.reminders.remind_release(ANN, GUILD, CHANNEL, "glass harbour")
    assert not made.waiting
    # 9:00 in New York on release day.
    assert made.reminder.due_utc == datetime(2026, 12, 4, 14, 0, tzinfo=UTC)
    assert made.reminder.release_date == "2026-12-04" and made.reminder.kind == "release"
    [(reminder, schedule)] = await rows(releases)
    assert reminder.release_id == schedule.entity_id is not None
    assert reminder.text == "Glass Harbour" and reminder.due_at == made.reminder.due_utc
    assert (schedule.kind, schedule.rule, schedule.anchor_local) == (
        "reminder", "release_day", "2026-12-04")
    assert schedule.payload == {"hour": 9, "artist": "Mara Vale"}
    assert schedule.next_due_utc == made.reminder.due_utc and schedule.occurrence_key
    assert schedule.tz == "America/New_York" and schedule.channel_id is None
    with pytest.raises(UserError, match=f"already have reminder {reminder.id}"):
        await releases.reminders.remind_release(ANN, GUILD, CHANNEL, "Glass Harbour")
    assert await counts(releases) == (1, 1)
    # Someone else may ask for the same release.
    await releases.reminders.remind_release(BOB, GUILD, CHANNEL, "Glass Harbour", "here")


async def test_release_reminder_waits_for_a_day(releases: App) -> None:
    made = await releases.reminders.remind_release(ANN, GUILD, CHANNEL, "Night Ferry")
    assert made.waiting and made.reminder.due_utc is None
    assert made.reminder.release_date == "2027-02"
    [(_reminder, schedule)] = await rows(releases)
    assert schedule.anchor_local == "2027-02" and schedule.next_due_utc is None
    assert schedule.occurrence_key is None and schedule.state == "active"
    listed = (await releases.reminders.list_reminders(ANN, GUILD)).reminders
    assert [(r.text, r.due_utc) for r in listed] == [("Night Ferry", None)]


async def test_release_reminder_refusals(releases: App) -> None:
    with pytest.raises(UserError, match=r'don\'t know the release "Glass Tower" yet.*'
                                        r'Did you mean "Glass Harbour"'):
        await releases.reminders.remind_release(ANN, GUILD, CHANNEL, "Glass Tower")
    # A near spelling is the release it means.
    made = await releases.reminders.remind_release(ANN, GUILD, CHANNEL, "Glass Harbor")
    assert made.reminder.text == "Glass Harbour"
    await releases.reminders.cancel(ANN, GUILD, made.reminder.id)
    with pytest.raises(UserError, match="Old Lights came out on 2026-10-02"):
        await releases.reminders.remind_release(ANN, GUILD, CHANNEL, "Old Lights")
    with pytest.raises(UserError, match="Tell me the release's title"):
        await releases.reminders.remind_release(ANN, GUILD, CHANNEL, " ")
    assert await counts(releases) == (1, 1)  # only the cancelled one


async def test_user_time_zone(app: App) -> None:
    assert (await app.user_settings.timezone(ANN, GUILD)).source == "server"
    assert (await app.user_settings.timezone(ANN, None)).zone == "UTC"
    with pytest.raises(UserError, match=r"not an IANA time zone.*Europe/London"):
        await app.user_settings.set_timezone(ANN, "Europe/Londn")
    async with app.db.transaction() as session:
        assert await session.get(UserSettingsRow, ANN) is None
    assert await app.user_settings.set_timezone(ANN, "europe/london") == "Europe/London"
    assert await app.user_settings.set_timezone(ANN, "Asia/Seoul") == "Asia/Seoul"
    zone = await app.user_settings.timezone(ANN, GUILD)
    assert (zone.zone, zone.source) == ("Asia/Seoul", "own")
    assert (await app.user_settings.timezone(BOB, GUILD)).zone == "UTC"


async def test_racing_requests_respect_the_limit_and_duplicates(releases: App) -> None:
    releases.reminders.max_per_user = 2

    async def attempt(coro: Awaitable[object]) -> bool:
        try:
            await coro
        except UserError:
            return False
        return True

    same = await asyncio.gather(*(attempt(releases.reminders.remind_release(
        ANN, GUILD, CHANNEL, "Glass Harbour")) for _ in range(4)))
    assert sum(same) == 1
    timed = await asyncio.gather(*(attempt(releases.reminders.remind_at(
        ANN, GUILD, CHANNEL, f"in {n + 1} days", "race")) for n in range(4)))
    assert sum(timed) == 1
    assert await counts(releases) == (2, 2)
