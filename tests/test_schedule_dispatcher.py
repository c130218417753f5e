"""The dispatcher on both databases: on time, late, skipped, exactly once, racing, failures."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.app import App
from bot.clock import FixedClock
from bot.config import Settings
from bot.db import open_database
from bot.delivery.failures import DeliveryFailures
from bot.delivery.outbox import DeliveryError
from bot.delivery.worker import OutboxWorker
from bot.models import Delivery, OutboxMessage, Schedule
from bot.posts import Post
from bot.schedule.announcements import LATE_NOTE
from bot.schedule.dispatcher import LEASE, NO_CHANNEL, Dispatcher
from tests.dispatch_builders import (
    ANNOUNCE,
    FAN,
    GUILD,
    MODLOG,
    PING_ROLE,
    SECOND,
    add_reminder,
    add_schedule,
    count,
    deliveries,
    guild_settings,
    outbox_rows,
    reminder_state,
    schedule,
)
from tests.test_outbox import RecordingSender
from tests.waiting import eventually

NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def dispatcher(app: App, owner: str = "me", batch: int = 200) -> Dispatcher:
    return Dispatcher(app.db, app.clock, app.settings,
                      notify_modlog=app.modlog.notice, owner=owner, batch=batch)


async def test_a_release_day_posts_on_time_once_and_finishes(app: App, clock: FixedClock) -> None:
    await guild_settings(app.db)
    sid = await add_schedule(app.db, after=NOON - SECOND)
    report = await dispatcher(app).dispatch_due(clock.now())
    assert (report.claimed, report.posted, report.late, report.finished) == (1, 1, 0, 1)
    [out] = await outbox_rows(app.db)
    assert out.dedup_key == f"schedule:{sid}:2026-11-25"
    assert out.channel_id == ANNOUNCE and out.guild_id == GUILD and out.user_id is None
    post = Post.from_payload(out.payload)
    assert post.text == "📀 Out today: **Blue Hour** by Mara Vale!"
    assert post.mention_role_id is None  # no ping asked for
    [delivery] = await deliveries(app.db, sid)
    assert (delivery.status, delivery.late, delivery.outbox_id) == ("queued", False, out.id)
    row = await schedule(app.db, sid)
    assert (row.state, row.next_due_utc, row.lease_owner) == ("done", None, None)
    clock.advance(timedelta(days=1))
    assert (await dispatcher(app).dispatch_due(clock.now())).claimed == 0
    assert await count(app.db, OutboxMessage) == 1


async def test_nothing_is_claimed_before_it_is_due(app: App, clock: FixedClock) -> None:
    await guild_settings(app.db)
    sid = await add_schedule(app.db, kind="countdown", anchor="2026-12-02", after=NOON)
    d = dispatcher(app)
    assert (await d.dispatch_due(clock.now())).claimed == 0
    row = await schedule(app.db, sid)
    assert row.occurrence_key == "countdown-1:2026-12-01"  # the 7-day one was today at noon
    assert await d.earliest_due() == row.next_due_utc


async def test_a_countdown_advances_to_its_next_day(app: App, clock: FixedClock) -> None:
    await guild_settings(app.db)
    sid = await add_schedule(app.db, kind="countdown", anchor="2026-12-02",
                             payload={"ping": True}, after=NOON - SECOND)
    await dispatcher(app).dispatch_due(clock.now())
    [out] = await outbox_rows(app.db)
    post = Post.from_payload(out.payload)
    assert post.text == f"<@&{PING_ROLE}>\n⏳ 7 days until **Blue Hour** by Mara Vale"
    assert post.mention_role_id == PING_ROLE
    row = await schedule(app.db, sid)
    assert (row.state, row.occurrence_key) == ("active", "countdown-1:2026-12-01")
    assert row.next_due_utc == datetime(2026, 12, 1, 12, tzinfo=UTC)
    clock.set(datetime(2026, 12, 1, 12, tzinfo=UTC))
    await dispatcher(app).dispatch_due(clock.now())
    texts = [Post.from_payload(o.payload).text or "" for o in await outbox_rows(app.db)]
    assert texts[1].endswith("1 day until **Blue Hour** by Mara Vale")
    assert (await schedule(app.db, sid)).state == "done"


async def test_late_within_grace_is_posted_once_marked_late(app: App, clock: FixedClock) -> None:
    await guild_settings(app.db)
    sid = await add_schedule(app.db, after=NOON - SECOND)
    clock.advance(timedelta(minutes=40))  # the bot was down; the grace window is 60 minutes
    report = await dispatcher(app).dispatch_due(clock.now())
    assert (report.posted, report.late, report.skipped) == (1, 1, 0)
    [out] = await outbox_rows(app.db)
    assert LATE_NOTE in (Post.from_payload(out.payload).text or "")
    [delivery] = await deliveries(app.db, sid)
    assert delivery.late and delivery.status == "queued"


async def test_handled_within_the_margin_is_on_time(app: App, clock: FixedClock) -> None:
    await guild_settings(app.db)
    assert app.settings.schedule_late_after_minutes == 5  # the default margin
    sid = await add_schedule(app.db, after=NOON - SECOND)
    clock.advance(timedelta(minutes=5))  # handled at the very edge of the margin
    report = await dispatcher(app).dispatch_due(clock.now())
    assert (report.posted, report.late) == (1, 0)
    [out] = await outbox_rows(app.db)
    assert LATE_NOTE not in (Post.from_payload(out.payload).text or "")
    [delivery] = await deliveries(app.db, sid)
    assert not delivery.late


async def test_handled_just_past_the_margin_is_late(app: App, clock: FixedClock) -> None:
    await guild_settings(app.db)
    await add_schedule(app.db, after=NOON - SECOND)
    clock.advance(timedelta(minutes=5, seconds=1))
    report = await dispatcher(app).dispatch_due(clock.now())
    assert (report.posted, report.late) == (1, 1)
    [out] = await outbox_rows(app.db)
    assert LATE_NOTE in (Post.from_payload(out.payload).text or "")


async def test_older_ones_are_skipped_and_logged_never_a_burst(
    app: App, clock: FixedClock, caplog: object
) -> None:
    await guild_settings(app.db)
    # A yearly anniversary whose next post was 10 June 2023: the bot was down for 3 years.
    sid = await add_schedule(app.db, kind="anniversary", anchor="2020-06-10",
                             after=datetime(2023, 1, 1, tzinfo=UTC))
    report = await dispatcher(app).dispatch_due(clock.now())
    assert (report.posted, report.skipped) == (0, 1)
    assert await count(app.db, OutboxMessage) == 0
    [delivery] = await deliveries(app.db, sid)
    assert (delivery.occurrence_key, delivery.status) == ("2023-06-10", "skipped")
    row = await schedule(app.db, sid)
    assert row.next_due_utc == datetime(2027, 6, 10, 12, tzinfo=UTC)  # 2024-2026 jumped over
    assert (await dispatcher(app).dispatch_due(clock.now())).claimed == 0
    assert "skipped" in getattr(caplog, "text", "")


async def test_an_old_miss_then_a_late_one_posts_only_the_late_one(
    app: App, clock: FixedClock
) -> None:
    await guild_settings(app.db)
    # Weekly digest-like row: a countdown of 7 and 1 days, both missed; the 1-day one is late.
    sid = await add_schedule(app.db, kind="countdown", anchor="2026-11-26",
                             after=datetime(2026, 11, 1, tzinfo=UTC))
    clock.set(datetime(2026, 11, 25, 12, 30, tzinfo=UTC))
    report = await dispatcher(app).dispatch_due(clock.now())
    assert (report.skipped, report.posted, report.late) == (1, 1, 1)
    assert [(d.occurrence_key, d.status) for d in await deliveries(app.db, sid)] == [
        ("countdown-7:2026-11-19", "skipped"), ("countdown-1:2026-11-25", "queued")]


async def test_a_process_dying_between_claim_and_send_delivers_exactly_once(
    app: App, clock: FixedClock
) -> None:
    await guild_settings(app.db)
    sid = await add_schedule(app.db, after=NOON - SECOND)
    dead = dispatcher(app, owner="dead")
    assert await dead.claim(clock.now()) == [sid]  # ...and the process dies here
    survivor = dispatcher(app, owner="survivor")
    assert (await survivor.dispatch_due(clock.now())).claimed == 0  # its lease still holds
    clock.advance(LEASE + SECOND)
    assert (await survivor.dispatch_due(clock.now())).posted == 1
    # Had the dead one come back, its lease is gone: it touches nothing.
    assert (await dead._dispatch([sid], clock.now())).lost == 1
    sender = RecordingSender()
    worker = OutboxWorker(app.outbox, sender, clock)
    while await worker.run_once():
        pass
    assert len(sender.sent) == 1
    [delivery] = await deliveries(app.db, sid)
    assert delivery.status == "sent"


async def test_a_delivered_occurrence_is_not_posted_again(app: App, clock: FixedClock) -> None:
    await guild_settings(app.db)
    sid = await add_schedule(app.db, kind="birthday", anchor="1990-11-25", after=NOON - SECOND)
    await dispatcher(app).dispatch_due(clock.now())
    # A planner re-sync puts the same occurrence back (same key): it is recorded, not reposted.
    async with app.db.transaction() as session:
        row = await session.get(Schedule, sid)
        assert row is not None
        row.next_due_utc, row.occurrence_key = NOON, "2026-11-25"
    report = await dispatcher(app).dispatch_due(clock.now())
    assert (report.already, report.posted) == (1, 0)
    [out] = await outbox_rows(app.db)
    assert Post.from_payload(out.payload).text == "🎂 Happy birthday, **Blue Hour**! 36 today."


async def test_two_dispatchers_racing_deliver_each_occurrence_once(
    app: App, settings: Settings, clock: FixedClock
) -> None:
    await guild_settings(app.db)
    ids = [await add_schedule(app.db, kind="countdown", anchor="2026-12-02",
                              title=f"Single {n}", after=NOON - SECOND) for n in range(120)]
    # Two processes: each its own engine (connection pool) on the same database.
    async with open_database(settings.database_url) as db_a, \
            open_database(settings.database_url) as db_b:
        a = Dispatcher(db_a, clock, settings, owner="a", batch=7)
        b = Dispatcher(db_b, clock, settings, owner="b", batch=7)
        reports = await asyncio.gather(a.dispatch_due(clock.now()), b.dispatch_due(clock.now()))
    assert sum(r.posted for r in reports) == 120
    assert await count(app.db, OutboxMessage) == 120
    assert await count(app.db, Delivery) == 120
    keys = {o.dedup_key for o in await outbox_rows(app.db)}
    assert keys == {f"schedule:{i}:countdown-7:2026-11-25" for i in ids}


async def test_no_channel_pauses_and_tells_the_moderators(app: App, clock: FixedClock) -> None:
    await guild_settings(app.db, announce=None)
    sid = await add_schedule(app.db, after=NOON - SECOND)
    report = await dispatcher(app).dispatch_due(clock.now())
    assert (report.paused, report.posted) == (1, 0)
    row = await schedule(app.db, sid)
    assert (row.state, row.paused_reason) == ("paused", NO_CHANNEL)
    [notice] = await outbox_rows(app.db)
    assert notice.channel_id == MODLOG and "paused" in (notice.payload["text"] or "")
    # A moderator setting a channel lets it try again from its next occurrence (the planner
    # resumes paused rows); this one-off release day has none left, so it is done, not paused.
    assert await app.planner.resume_paused(GUILD) == 1
    assert (await schedule(app.db, sid)).state == "done"


async def test_the_schedule_channel_wins_over_the_announce_channel(
    app: App, clock: FixedClock
) -> None:
    await guild_settings(app.db, schedule_channel=4242)
    await add_schedule(app.db, after=NOON - SECOND)
    await dispatcher(app).dispatch_due(clock.now())
    assert [o.channel_id for o in await outbox_rows(app.db)] == [4242]


async def test_a_permanent_failure_pauses_the_schedule_with_a_notice(
    app: App, clock: FixedClock
) -> None:
    await guild_settings(app.db)
    sid = await add_schedule(app.db, kind="countdown", anchor="2026-12-02", after=NOON - SECOND)
    await dispatcher(app).dispatch_due(clock.now())
    sender = RecordingSender()
    sender.fail_with = [DeliveryError("the channel no longer exists", permanent=True)]
    worker = OutboxWorker(app.outbox, sender, clock,
                          on_permanent_failure=DeliveryFailures(app.db, app.modlog, clock))
    await worker.run_once()
    row = await schedule(app.db, sid)
    assert row.state == "paused"
    assert row.paused_reason == "could not post: the channel no longer exists"
    [delivery] = await deliveries(app.db, sid)
    assert delivery.status == "failed"
    await worker.run_once()  # the mod-log notice
    [notice] = sender.sent
    assert notice.channel_id == MODLOG
    assert "Blue Hour" in (notice.post.text or "") and "paused" in (notice.post.text or "")
    clock.set(datetime(2026, 12, 1, 12, tzinfo=UTC))
    assert (await dispatcher(app).dispatch_due(clock.now())).claimed == 0  # paused stays quiet


async def test_a_once_reminder_is_sent_by_dm_and_finishes(app: App, clock: FixedClock) -> None:
    rid = await add_reminder(app.db, text="stream the show", due=NOON)
    sid = await add_schedule(app.db, kind="reminder", rule="once", anchor="2026-11-25T12:00",
                             user_id=FAN, reminder_id=rid, title="stream the show",
                             after=NOON - SECOND)
    report = await dispatcher(app).dispatch_due(clock.now())
    assert (report.posted, report.finished) == (1, 1)
    [out] = await outbox_rows(app.db)
    assert (out.user_id, out.channel_id) == (FAN, None)
    assert Post.from_payload(out.payload).text == "⏰ Reminder: stream the show"
    assert await reminder_state(app.db, rid) == "done"
    assert (await schedule(app.db, sid)).state == "done"


async def test_a_dm_to_a_user_who_blocks_dms_is_recorded_not_retried(
    app: App, clock: FixedClock
) -> None:
    rid = await add_reminder(app.db, text="vote", due=NOON)
    sid = await add_schedule(app.db, kind="reminder", rule="once", anchor="2026-11-25T12:00",
                             user_id=FAN, reminder_id=rid, title="vote", after=NOON - SECOND)
    await dispatcher(app).dispatch_due(clock.now())
    sender = RecordingSender()
    sender.fail_with = [DeliveryError("the user does not accept direct messages from me",
                                      permanent=True)]
    worker = OutboxWorker(app.outbox, sender, clock,
                          on_permanent_failure=DeliveryFailures(app.db, app.modlog, clock))
    await worker.run_once()
    clock.advance(timedelta(days=1))
    assert await worker.run_once() == 0  # not retried, and no notice
    assert await reminder_state(app.db, rid) == "undeliverable"
    row = await schedule(app.db, sid)
    assert row.state == "done"
    assert [d.status for d in await deliveries(app.db, sid)] == ["failed"]


async def test_a_release_reminder_in_a_channel_says_it_is_out(app: App, clock: FixedClock) -> None:
    await add_schedule(app.db, kind="reminder", rule="release_day", anchor="2026-11-25",
                       user_id=FAN, channel_id=777, after=NOON - SECOND)
    await dispatcher(app).dispatch_due(clock.now())
    [out] = await outbox_rows(app.db)
    assert (out.channel_id, out.user_id) == (777, None)
    assert Post.from_payload(out.payload).text == (
        "⏰ Reminder: **Blue Hour** by Mara Vale is out today!")


async def test_a_digest_without_a_renderer_is_skipped_and_advanced(
    app: App, clock: FixedClock
) -> None:
    await guild_settings(app.db)
    sid = await add_schedule(app.db, kind="digest", rule="weekly", anchor="",
                             payload={"weekday": 2}, after=NOON - SECOND)  # a Wednesday
    report = await dispatcher(app).dispatch_due(clock.now())
    assert (report.skipped, report.posted) == (1, 0)
    row = await schedule(app.db, sid)
    assert row.occurrence_key == "week:2026-12-02"


async def test_a_digest_renderer_is_used_when_given(app: App, clock: FixedClock) -> None:
    await guild_settings(app.db)
    await add_schedule(app.db, kind="digest", rule="weekly", anchor="",
                       payload={"weekday": 2}, after=NOON - SECOND)
    seen: list[int] = []

    async def digest(guild_id: int, now: datetime) -> Post | None:
        # Outside the dispatcher's transaction: a renderer may open its own (helper B's does).
        async with app.db.transaction() as session:
            await session.execute(select(Schedule.id).limit(1))
        seen.append(guild_id)
        return Post(text="Coming up this week")

    d = Dispatcher(app.db, clock, app.settings, digest_renderer=digest)
    assert (await d.dispatch_due(clock.now())).posted == 1
    assert seen == [GUILD]
    [out] = await outbox_rows(app.db)
    assert (out.payload["text"], out.channel_id) == ("Coming up this week", ANNOUNCE)


async def _outbox_has(app: App, n: int) -> bool:
    return await count(app.db, OutboxMessage) >= n


async def test_run_dispatches_due_rows_and_wakes_on_notify(app: App, clock: FixedClock) -> None:
    await guild_settings(app.db)
    await add_schedule(app.db, after=NOON - SECOND)
    d = dispatcher(app)
    task = asyncio.create_task(d.run())
    try:
        await asyncio.wait_for(d.ready.wait(), 10)
        await eventually(lambda: _outbox_has(app, 1))
        assert await count(app.db, OutboxMessage) == 1
        await add_schedule(app.db, kind="countdown", anchor="2026-12-02", title="Later",
                           after=NOON - SECOND)
        d.notify()
        await eventually(lambda: _outbox_has(app, 2))
        assert await count(app.db, OutboxMessage) == 2
        # the pass that sent it then works out when to wake next: wait for that pass to end
        wake = datetime(2026, 12, 1, 12, tzinfo=UTC)
        async def woken_for_the_next() -> bool:
            return d.next_wake == wake

        await eventually(woken_for_the_next, f"next wake {d.next_wake}, not {wake}")
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def test_a_claim_takes_at_most_its_limit_and_a_stop_gives_it_back(
    app: App, clock: FixedClock
) -> None:
    await guild_settings(app.db)
    for _ in range(12):
        await add_schedule(app.db, after=NOON - SECOND)
    first, second = dispatcher(app, owner="one"), dispatcher(app, owner="two")
    taken = await first.claim(clock.now(), limit=3)
    assert len(taken) == 3  # PostgreSQL once claimed past the limit here
    rest = await second.claim(clock.now(), limit=50)
    assert len(rest) == 9 and not set(taken) & set(rest)
    assert await first.release() == 3  # a graceful stop: the rows are free at once
    assert sorted(await second.claim(clock.now(), limit=50)) == sorted(taken)
