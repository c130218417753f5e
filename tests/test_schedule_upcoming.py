"""`upcoming` and the weekly digest: every occurrence in a window, in time order, in the zone."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import App
from bot.clock import FixedClock
from bot.errors import UserError
from bot.models import Schedule
from bot.schedule.upcoming import digest_post
from tests.fact_builders import extraction, release
from tests.schedule_builders import GUILD, MOD, learn, mara_story, rows, schedule_set, utc
from tests.test_cli_feeds import fanzine


async def test_upcoming_lists_each_occurrence_in_time_order(app: App) -> None:
    await learn(app, mara_story())
    items = await app.upcoming.upcoming(GUILD, days=30)
    assert [(i.when.isoformat(), i.kind, i.subject, i.text) for i in items] == [
        ("2026-12-02T09:00:00+00:00", "birthday", "Mara Vale",
         "Mara Vale turns 32 today: happy birthday!"),
        ("2026-12-03T09:00:00+00:00", "countdown", "Glass Harbour",
         "7 days until Glass Harbour by Mara Vale comes out."),
        ("2026-12-09T09:00:00+00:00", "countdown", "Glass Harbour",
         "1 day until Glass Harbour by Mara Vale comes out."),
        ("2026-12-10T09:00:00+00:00", "release_day", "Glass Harbour",
         "Glass Harbour by Mara Vale comes out today."),
    ]
    later = await app.upcoming.upcoming(GUILD, utc("2027-06-01T00:00:00+00:00"), 30)
    assert [(i.kind, i.text) for i in later] == [
        ("anniversary", "5 years since Old Light by Mara Vale came out.")]


async def test_upcoming_shows_the_guild_offset_and_skips_other_peoples_dms(app: App) -> None:
    await learn(app, mara_story())
    await app.guilds.update(MOD, {"timezone": "Europe/London"})
    async with app.db.transaction() as session:
        for channel in (None, 77):
            session.add(Schedule(kind="reminder", rule="once", user_id=5, guild_id=GUILD,
                                 channel_id=channel, title=f"to {channel}",
                                 anchor_local="2026-12-05T18:30", tz="America/New_York",
                                 payload={}, next_due_utc=utc("2026-12-05T23:30:00+00:00"),
                                 occurrence_key="once"))
    items = await app.upcoming.upcoming(GUILD, days=14)
    reminder = [i for i in items if i.kind == "reminder"]
    assert [(i.when.isoformat(), i.text) for i in reminder] == [
        ("2026-12-05T23:30:00+00:00", "Reminder: to 77")]
    await app.guilds.update(MOD, {"timezone": "Asia/Seoul"})
    items = await app.upcoming.upcoming(GUILD, days=14)
    assert items[0].when.isoformat() == "2026-12-02T09:00:00+09:00"


async def test_a_delivered_occurrence_is_not_listed_again(app: App, clock: FixedClock) -> None:
    await learn(app, mara_story())
    async with app.db.transaction() as session:
        row = await session.scalar(select(Schedule).where(Schedule.kind == "countdown"))
        assert row is not None
        # As the dispatcher leaves it after posting the 7-day countdown.
        row.next_due_utc, row.occurrence_key = utc("2026-12-09T09:00:00+00:00"), \
            "countdown-1:2026-12-09"
    items = await app.upcoming.upcoming(GUILD, days=30, sync=False)
    assert [i.when.day for i in items if i.kind == "countdown"] == [9]


async def test_bad_days_are_refused(app: App) -> None:
    for days in (0, 400):
        with pytest.raises(UserError, match="days must be from 1 to 366"):
            await app.upcoming.upcoming(GUILD, days=days)


async def test_the_digest_post_lists_the_next_seven_days(app: App, clock: FixedClock) -> None:
    await learn(app, mara_story())
    assert await digest_post(app.db, GUILD, clock.now()) is not None
    post = await digest_post(app.db, GUILD, utc("2026-11-30T09:00:00+00:00"))
    assert post is not None and post.embed is not None and post.kind == "digest"
    assert post.embed.title == "Coming up this week"
    assert post.embed.description == (
        "**Wed 02 Dec** · Mara Vale turns 32 today: happy birthday!\n"
        "**Thu 03 Dec** · 7 days until Glass Harbour by Mara Vale comes out.")
    assert post.mention_role_id is None
    assert await digest_post(app.db, GUILD, utc("2026-12-11T09:00:00+00:00")) is None


async def test_the_digest_row_follows_the_setting(app: App) -> None:
    await schedule_set(app, MOD, digest=True, digest_weekday="friday")
    digest = (await rows(app))["digest:Coming up"]
    assert (digest.rule, digest.sync_key, digest.anchor_local, digest.payload) == \
        ("weekly", f"{GUILD}:digest:0", "", {"hour": 9, "weekday": 4})
    assert digest.next_due_utc == utc("2026-11-27T09:00:00+00:00")
    assert digest.occurrence_key == "week:2026-11-27"
    await schedule_set(app, MOD, digest=False)
    assert (await rows(app))["digest:Coming up"].state == "cancelled"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_cli_upcoming_json(cli_env: dict[str, str], tmp_path: Path) -> None:
    env = {**cli_env, "FANZINE_INGEST_FETCH_PAGES": "0"}
    article = tmp_path / "glass.txt"
    article.write_text("Title: Mara Vale shares Glass Harbour\n\nSinger Mara Vale released her "
                       "new single \"Glass Harbour\" on June 10, 2022.\n", encoding="utf-8")
    code, _, err = await fanzine(env, "ingest", str(article), "--published", "2022-06-12")
    assert code == 0, err
    code, _, err = await fanzine(env, "guild", "set", "timezone", "America/New_York")
    assert code == 0, err
    code, out, err = await fanzine(env, "upcoming", "--from", "2030-06-01", "--days", "30",
                                   "--json")
    assert code == 0, err
    assert json.loads(out) == [{"when": "2030-06-10T09:00:00-04:00", "kind": "anniversary",
                                "subject": "Glass Harbour",
                                "text": "8 years since Glass Harbour by Mara Vale came out."}]
    code, out, _ = await fanzine(env, "upcoming", "--from", "2030-06-01", "--days", "5")
    assert (code, out) == (0, "Nothing is scheduled in the next 5 days.\n")
    for bad in (["--days", "x"], ["--days", "0"], ["--from", "June"]):
        code, out, err = await fanzine(env, "upcoming", *bad)
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1, err


async def test_a_guild_without_facts_has_nothing_coming(app: App, clock: FixedClock) -> None:
    assert await app.upcoming.upcoming(GUILD) == []
    clock.advance(timedelta(days=1))
    assert await digest_post(app.db, GUILD, clock.now()) is None


async def test_local_times_hold_across_a_daylight_saving_change(app: App) -> None:
    await learn(app, extraction(release("Winter Song", "2020-03-10", kind="single"),
                                release("Spring Song", "2021-03-20", kind="single")))
    await app.guilds.update(MOD, {"timezone": "America/New_York"})
    items = await app.upcoming.upcoming(GUILD, utc("2027-03-01T05:00:00+00:00"), 30)
    assert [i.when.isoformat() for i in items] == ["2027-03-10T09:00:00-05:00",
                                                   "2027-03-20T09:00:00-04:00"]
