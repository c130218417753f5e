"""Schedule settings and follows: validation, audit, and what each change does to the rows."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot.app import App
from bot.errors import UserError
from bot.models import AuditEntry, Follow
from bot.schedule.settings import SCHEDULE_SETTINGS, ScheduleSettings, parse_kinds
from tests.fact_builders import extraction, release
from tests.schedule_builders import (
    FAN,
    GUILD,
    MOD,
    OTHER,
    learn,
    mara_story,
    rows,
    schedule_set,
    utc,
)


async def test_defaults_without_a_row(app: App) -> None:
    assert await app.schedule_settings.get(GUILD) == ScheduleSettings(GUILD)
    assert ScheduleSettings(GUILD).as_dict() == {
        "channel": None, "kinds": ["release_day", "countdown", "anniversary", "birthday"],
        "countdown_days": [7, 1], "milestones": None, "feb29": "feb28", "ping": False,
        "digest": False, "digest_weekday": 0}


async def test_schedule_set_parses_checks_and_audits(app: App) -> None:
    after = await schedule_set(app, MOD, countdown_days="1, 14,7", milestones="10,1,5",
                               ping=True, digest=True, digest_weekday="fri", channel=555)
    assert (after.countdown_days, after.milestones, after.ping, after.digest,
            after.digest_weekday, after.channel) == ((14, 7, 1), (1, 5, 10), True, True, 4, 555)
    async with app.db.transaction() as session:
        entries = list(await session.scalars(select(AuditEntry).where(
            AuditEntry.action == "schedule")))
    [entry] = entries  # one entry for the one change, whatever it touched
    assert entry.user_id == MOD.user_id and entry.target == "guild_schedule_settings"
    assert entry.before is not None and entry.before["countdown_days"] == [7, 1]
    assert entry.after is not None and entry.after["countdown_days"] == [14, 7, 1]
    assert entry.after["milestones"] == [1, 5, 10] and entry.before["milestones"] is None
    assert set(entry.after) == {"channel", "countdown_days", "milestones", "ping", "digest",
                                "digest_weekday"}
    assert await app.schedule_settings.get(OTHER) == ScheduleSettings(OTHER)


@pytest.mark.parametrize(("key", "value", "message"), [
    ("kinds", "release_day,parade", "Unknown kind 'parade'"),
    ("countdown_days", "0,7", "from 1 to 60"),
    ("countdown_days", "61", "from 1 to 60"),
    ("countdown_days", "1,2,3,4,5,6", "At most 5"),
    ("countdown_days", "soon", "whole days"),
    ("milestones", "1,-5", "positive whole years"),
    ("milestones", "off", "positive whole years"),  # "off" never means every year
    ("digest_weekday", "someday", "Unknown weekday"),
    ("feb29", "mar2", "feb28 or mar1"),
])
async def test_bad_values_are_one_line_and_change_nothing(app: App, key: str, value: str,
                                                           message: str) -> None:
    with pytest.raises(UserError, match=message) as caught:
        await schedule_set(app, MOD, **{key: value}, ping=True)
    assert "\n" not in str(caught.value)
    assert await app.schedule_settings.get(GUILD) == ScheduleSettings(GUILD)


@pytest.mark.parametrize(("key", "text", "message"), [
    ("ping", "maybe", "ping is on or off, not 'maybe'."),
    ("colour", "red", "Unknown schedule setting 'colour'. Settings: channel, kinds,"),
])
def test_typed_text_is_refused_in_one_line(key: str, text: str, message: str) -> None:
    with pytest.raises(UserError, match=re.escape(message)):
        SCHEDULE_SETTINGS.parse(key, text)


async def test_an_unknown_key_stores_nothing(app: App) -> None:
    with pytest.raises(UserError, match="Unknown schedule setting 'colour'"):
        await app.schedule_settings.update(MOD, {"ping": True, "colour": "red"})
    assert await app.schedule_settings.get(GUILD) == ScheduleSettings(GUILD)


@pytest.mark.parametrize(("key", "text", "expected"), [
    ("countdown_days", "default", (7, 1)),  # back to the declared default, not cleared
    ("countdown_days", "none", ()),
    ("countdown_days", "-", ()),
    ("kinds", "default", ("release_day", "countdown", "anniversary", "birthday")),
    ("kinds", "off", ()),
    ("milestones", "clear", None),
    ("milestones", "all", None),
    ("channel", "none", None),
    ("channel", "<#77>", 77),
    ("ping", "enabled", True),
    ("digest", "no", False),
])
def test_the_one_list_of_clear_default_and_switch_words(key: str, text: str,
                                                        expected: object) -> None:
    assert SCHEDULE_SETTINGS.parse(key, text) == expected


async def test_only_moderators_change_settings(app: App) -> None:
    with pytest.raises(UserError, match="Only moderators"):
        await schedule_set(app, FAN, ping=True)


def test_kinds_can_be_switched_one_by_one() -> None:
    assert parse_kinds("-countdown") == ("release_day", "anniversary", "birthday")
    assert parse_kinds("+countdown", ("birthday",)) == ("countdown", "birthday")
    assert parse_kinds("birthday, release-day") == ("release_day", "birthday")
    assert parse_kinds("none") == ()
    assert parse_kinds("all", ()) == ("release_day", "countdown", "anniversary", "birthday")


async def test_kinds_off_cancel_rows_and_on_again_revive_them(app: App) -> None:
    await learn(app, mara_story())
    await schedule_set(app, MOD, kinds="-countdown,-birthday")
    found = await rows(app)
    assert found["countdown:Glass Harbour"].state == "cancelled"
    assert found["birthday:Mara Vale"].state == "cancelled"
    assert found["release_day:Glass Harbour"].state == "active"
    await schedule_set(app, MOD, kinds="all")
    found = await rows(app)
    assert found["countdown:Glass Harbour"].state == "active"
    assert found["countdown:Glass Harbour"].next_due_utc == utc("2026-12-03T09:00:00+00:00")


async def test_time_zone_and_hour_recompute_the_due_times(app: App) -> None:
    await learn(app, mara_story())
    await app.guilds.update(MOD, {"timezone": "America/New_York", "post_hour": 18})
    day = (await rows(app))["release_day:Glass Harbour"]
    assert (day.tz, day.payload["hour"]) == ("America/New_York", 18)
    assert day.next_due_utc == utc("2026-12-10T23:00:00+00:00")


async def test_countdown_days_and_milestones_reach_the_rows(app: App) -> None:
    await learn(app, mara_story())
    await schedule_set(app, MOD, countdown_days="14,3", milestones="5,10")
    found = await rows(app)
    assert found["countdown:Glass Harbour"].occurrence_key == "countdown-14:2026-11-26"
    assert found["anniversary:Old Light"].next_due_utc == utc("2027-06-10T09:00:00+00:00")
    await schedule_set(app, MOD, milestones="10")
    assert (await rows(app))["anniversary:Old Light"].next_due_utc == \
        utc("2032-06-10T09:00:00+00:00")


async def test_by_default_a_guild_covers_its_own_articles_artists(app: App) -> None:
    await learn(app, mara_story(), guilds=(OTHER,))
    assert await app.follows.covered(GUILD) == []
    assert await app.follows.covered(OTHER) == ["Mara Vale"]


async def test_follow_adds_an_artist_and_unfollow_mutes_it(app: App) -> None:
    await learn(app, mara_story(), guilds=(OTHER,))
    await learn(app, extraction(release("Night Bus", "2026-12-24", artist="Ivo Lark"),
                                artists=("Ivo Lark",)), slug="ivo")
    assert await app.follows.covered(GUILD) == ["Ivo Lark"]
    # Mara Vale's article is only OTHER's: GUILD plans from it only in the network view.
    await app.guilds.update(MOD, {"network_facts": True})
    done = await app.follows.follow(MOD, "mara vail")
    assert (done.artist, done.following, done.changed) == ("Mara Vale", True, True)
    assert (await app.follows.follow(MOD, "Mara Vale")).changed is False
    assert await app.follows.covered(GUILD) == ["Ivo Lark", "Mara Vale"]
    assert (await rows(app))["release_day:Glass Harbour"].state == "active"
    await app.follows.unfollow(MOD, "Ivo Lark")
    assert await app.follows.covered(GUILD) == ["Mara Vale"]
    assert (await rows(app))["release_day:Night Bus"].state == "cancelled"
    await app.follows.unfollow(MOD, "Mara Vale")
    assert (await rows(app))["release_day:Glass Harbour"].state == "cancelled"
    async with app.db.transaction() as session:
        actions = list(await session.scalars(
            select(AuditEntry.action).where(AuditEntry.guild_id == GUILD)
            .order_by(AuditEntry.id)))
        follows = list(await session.scalars(select(Follow).where(Follow.guild_id == GUILD)))
    assert actions == ["setup", "follow", "unfollow", "unfollow"]
    assert {f.following for f in follows} == {False}
    assert await app.follows.covered(OTHER) == ["Mara Vale"]


async def test_follow_an_unknown_name_suggests_the_nearest(app: App) -> None:
    await learn(app, mara_story())
    with pytest.raises(UserError, match=r"I don't know an artist called 'Mara Vbbbb'.*Mara Vale"):
        await app.follows.follow(MOD, "Mara Vbbbb")
    with pytest.raises(UserError, match="Only moderators"):
        await app.follows.follow(FAN, "Mara Vale")
