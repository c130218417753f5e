"""SchedulePlanner on our own articles: rows per kind, revisions, removals, guild isolation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import event, select

from bot.app import App
from bot.clock import FixedClock
from bot.extract.model import Fact as Said
from bot.ingest.articles import link_to_guilds
from bot.models import Article, Entity, Reminder, Schedule
from tests.fact_builders import extraction, release
from tests.schedule_builders import (
    GUILD,
    MOD,
    OTHER,
    birthday,
    learn,
    mara_story,
    mod_of,
    rows,
    schedule_set,
    utc,
)


async def test_sync_creates_the_rows_each_fact_asks_for(app: App) -> None:
    await learn(app, mara_story())
    found = await rows(app)
    assert sorted(found) == ["anniversary:Old Light", "birthday:Mara Vale",
                             "countdown:Glass Harbour", "release_day:Glass Harbour"]
    day = found["release_day:Glass Harbour"]
    assert (day.rule, day.anchor_local, day.tz, day.state) == \
        ("release_day", "2026-12-10", "UTC", "active")
    assert day.next_due_utc == utc("2026-12-10T09:00:00+00:00")
    assert day.occurrence_key == "2026-12-10"
    assert day.channel_id is None and day.fact_id is not None
    assert day.sync_key == f"{GUILD}:release_day:{day.entity_id}"
    assert day.payload == {"hour": 9, "feb29": "feb28", "ping": False, "artist": "Mara Vale",
                           "release_kind": "album", "date": "2026-12-10"}
    countdown = found["countdown:Glass Harbour"]
    assert countdown.payload["days"] == [7, 1]
    assert countdown.occurrence_key == "countdown-7:2026-12-03"
    anniversary = found["anniversary:Old Light"]
    assert anniversary.next_due_utc == utc("2027-06-10T09:00:00+00:00")
    assert anniversary.payload["milestones"] is None
    born = found["birthday:Mara Vale"]
    assert born.next_due_utc == utc("2026-12-02T09:00:00+00:00")


async def test_sync_twice_changes_nothing(app: App) -> None:
    await learn(app, mara_story())
    before = {k: (r.id, r.next_due_utc, r.updated_at) for k, r in (await rows(app)).items()}
    report = await app.planner.sync_guild(GUILD)
    assert (report.created, report.updated, report.cancelled) == (0, 0, 0)
    after = {k: (r.id, r.next_due_utc, r.updated_at) for k, r in (await rows(app)).items()}
    assert after == before


async def test_a_month_or_year_only_date_gives_no_row(app: App) -> None:
    await learn(app, extraction(release("Blue Hour", "2027-03"),
                                release("Far Shore", "2027", kind="single")))
    assert await rows(app) == {}


async def test_a_revised_date_reschedules_guild_rows_and_a_release_reminder(app: App) -> None:
    await learn(app, mara_story())
    day = (await rows(app))["release_day:Glass Harbour"]
    assert day.entity_id is not None
    async with app.db.transaction() as session:
        reminder = Reminder(user_id=55, guild_id=GUILD, text="Glass Harbour",
                            release_id=day.entity_id, tz="Europe/London")
        session.add(reminder)
        await session.flush()
        session.add(Schedule(kind="reminder", rule="release_day", user_id=55, guild_id=GUILD,
                             entity_id=day.entity_id, reminder_id=reminder.id,
                             title="Glass Harbour", anchor_local="2026-12-10",
                             tz="Europe/London", payload={"hour": 9, "artist": "Mara Vale"},
                             next_due_utc=utc("2026-12-10T09:00:00+00:00"),
                             occurrence_key="2026-12-10"))
    moved = extraction(release("Glass Harbour", "2027-01-15", previous="2026-12-10"))
    await learn(app, moved, published="2026-11-24", slug="moved")
    found = await rows(app)
    assert found["release_day:Glass Harbour"].anchor_local == "2027-01-15"
    assert found["release_day:Glass Harbour"].next_due_utc == utc("2027-01-15T09:00:00+00:00")
    assert found["countdown:Glass Harbour"].occurrence_key == "countdown-7:2027-01-08"
    mine = found["reminder:Glass Harbour"]
    assert (mine.anchor_local, mine.occurrence_key, mine.state) == \
        ("2027-01-15", "2027-01-15", "active")
    assert mine.next_due_utc == utc("2027-01-15T09:00:00+00:00")


async def test_a_removed_date_cancels_only_that_guilds_rows(app: App) -> None:
    await learn(app, mara_story(), guilds=(GUILD, OTHER))
    await app.corrections.remove(MOD, "Glass Harbour", "release_date")
    mine, theirs = await rows(app), await rows(app, OTHER)
    assert mine["release_day:Glass Harbour"].state == "cancelled"
    assert mine["countdown:Glass Harbour"].state == "cancelled"
    assert mine["release_day:Glass Harbour"].next_due_utc is None
    assert theirs["release_day:Glass Harbour"].state == "active"
    assert mine["birthday:Mara Vale"].state == "active"


async def test_a_guilds_fixed_date_moves_only_its_rows(app: App) -> None:
    await learn(app, mara_story(), guilds=(GUILD, OTHER))
    await app.corrections.fix(MOD, "Glass Harbour", "release_date", "2026-12-20")
    assert (await rows(app))["release_day:Glass Harbour"].anchor_local == "2026-12-20"
    assert (await rows(app, OTHER))["release_day:Glass Harbour"].anchor_local == "2026-12-10"
    # A month-only fix gives no day to post on.
    await app.corrections.fix(mod_of(OTHER), "Glass Harbour", "release_date", "2026-12")
    assert (await rows(app, OTHER))["release_day:Glass Harbour"].state == "cancelled"
    assert (await rows(app))["release_day:Glass Harbour"].state == "active"


async def test_a_guilds_added_birthday_gives_a_row(app: App) -> None:
    await learn(app, extraction(release("Glass Harbour", "2026-12-10")))
    assert "birthday:Mara Vale" not in await rows(app)
    await app.corrections.add(MOD, "Mara Vale", "born", "2000-02-29")
    born = (await rows(app))["birthday:Mara Vale"]
    assert born.next_due_utc == utc("2027-02-28T09:00:00+00:00")
    await schedule_set(app, MOD, feb29="mar1")
    born = (await rows(app))["birthday:Mara Vale"]
    assert born.next_due_utc == utc("2027-03-01T09:00:00+00:00")


async def test_release_day_passes_into_anniversaries(app: App, clock: FixedClock) -> None:
    await learn(app, extraction(release("Glass Harbour", "2026-12-10")))
    clock.set(utc("2026-12-11T12:00:00+00:00"))
    report = await app.planner.sync_guild(GUILD)
    found = await rows(app)
    assert report.created == 1
    assert found["anniversary:Glass Harbour"].next_due_utc == utc("2027-12-10T09:00:00+00:00")
    assert found["release_day:Glass Harbour"].state == "cancelled"


async def test_rows_of_unrelated_guilds_are_not_touched(app: App) -> None:
    await learn(app, mara_story(), guilds=(OTHER,))
    assert await rows(app) == {}
    assert len(await rows(app, OTHER)) == 4
    async with app.db.transaction() as session:
        other = await session.scalar(select(Entity).where(Entity.name == "Glass Harbour"))
    assert other is not None
    await app.planner.sync_guild(GUILD)
    assert await rows(app) == {}


async def test_a_second_pass_an_hour_later_changes_nothing(app: App, clock: FixedClock) -> None:
    await learn(app, mara_story())
    clock.advance(timedelta(hours=1))
    report = await app.planner.sync_guild(GUILD)
    assert (report.created, report.updated, report.cancelled) == (0, 0, 0)


async def test_a_guild_fix_moves_the_release_reminders_set_in_that_guild(app: App) -> None:
    await learn(app, mara_story(), guilds=(GUILD, OTHER))
    day = (await rows(app))["release_day:Glass Harbour"]
    async with app.db.transaction() as session:
        for guild_id in (GUILD, OTHER):
            session.add(Schedule(kind="reminder", rule="release_day", user_id=55,
                                 guild_id=guild_id, entity_id=day.entity_id,
                                 title="Glass Harbour", anchor_local="2026-12-10", tz="UTC",
                                 payload={"hour": 9}, occurrence_key="2026-12-10",
                                 next_due_utc=utc("2026-12-10T09:00:00+00:00")))
    await app.corrections.fix(MOD, "Glass Harbour", "release_date", "2026-12-12")
    assert (await rows(app))["reminder:Glass Harbour"].next_due_utc == \
        utc("2026-12-12T09:00:00+00:00")
    assert (await rows(app, OTHER))["reminder:Glass Harbour"].anchor_local == "2026-12-10"
    await app.corrections.remove(MOD, "Glass Harbour", "release_date")
    mine = (await rows(app))["reminder:Glass Harbour"]
    assert (mine.state, mine.next_due_utc, mine.anchor_local) == ("active", None, "2026-12-12")


async def _statements_of_a_sync(app: App) -> int:
    seen: list[str] = []

    def count(*args: object) -> None:
        seen.append("x")

    event.listen(app.db.engine.sync_engine, "before_cursor_execute", count)
    try:
        await app.planner.sync_guild(GUILD)
    finally:
        event.remove(app.db.engine.sync_engine, "before_cursor_execute", count)
    return len(seen)


async def test_a_sync_reads_in_a_bounded_number_of_queries(app: App) -> None:
    await learn(app, extraction(*[release(f"Song {n}", f"2027-01-{n:02d}", kind="single")
                                  for n in range(1, 4)]), slug="few")
    few = await _statements_of_a_sync(app)
    await learn(app, extraction(*[release(f"Track {n}", f"2027-{1 + n % 12:02d}-{1 + n % 28:02d}",
                                          kind="single") for n in range(80)]), slug="many")
    assert len(await rows(app)) > 150
    assert await _statements_of_a_sync(app) == few


async def test_a_members_birthday_is_posted_for_the_group(app: App) -> None:
    await learn(app, extraction(
        artists=("The Lanterns",), events=(birthday("Ada Quill", "1990-12-01"),),
        facts=[Said("The Lanterns", "member", "Ada Quill", "Ada Quill sings in The Lanterns.")]))
    born = (await rows(app))["birthday:Ada Quill"]
    assert born.payload["artist"] == "The Lanterns"
    assert born.next_due_utc == utc("2026-12-01T09:00:00+00:00")


async def test_an_ingested_article_is_planned_at_once(app: App) -> None:
    text = ("Title: Mara Vale announces Glass Harbour\n\nSinger Mara Vale will release her "
            "new album \"Glass Harbour\" on December 10, 2026.\n")
    await app.ingest.ingest_file(GUILD, "glass.txt", text.encode(),
                                 published=datetime(2026, 11, 23, tzinfo=UTC))
    found = await rows(app)
    assert found["release_day:Glass Harbour"].next_due_utc == utc("2026-12-10T09:00:00+00:00")
    assert await rows(app, OTHER) == {}


async def test_a_settings_change_resumes_paused_posts_from_their_next_one(
        app: App, clock: FixedClock) -> None:
    await learn(app, mara_story())
    async with app.db.transaction() as session:
        row = await session.scalar(select(Schedule).where(Schedule.kind == "countdown"))
        assert row is not None
        row.state, row.paused_reason = "paused", "channel gone"
    clock.set(utc("2026-12-05T12:00:00+00:00"))
    await app.planner.sync_guild(GUILD)
    assert (await rows(app))["countdown:Glass Harbour"].state == "paused"
    await schedule_set(app, MOD, channel=4242)
    countdown = (await rows(app))["countdown:Glass Harbour"]
    assert (countdown.state, countdown.paused_reason) == ("active", None)
    assert countdown.occurrence_key == "countdown-1:2026-12-09"


async def test_the_background_learner_plans_the_guilds_of_feed_articles(app: App) -> None:
    text = ("Singer Mara Vale will release her new album \"Glass Harbour\" on "
            "December 10, 2026.")
    async with app.db.transaction() as session:
        article = Article(canonical_url="https://news.example/feed-1", title="Glass Harbour",
                          published_at=datetime(2026, 11, 23, tzinfo=UTC), text=text,
                          content_hash="feed-1")
        session.add(article)
        await session.flush()
        await link_to_guilds(session, [article.id], [OTHER], app.clock.now())
    assert await app.learning.learn_pending() == 1
    assert "release_day:Glass Harbour" in await rows(app, OTHER)
    assert await rows(app) == {}
