"""Background work of a running bot: outbox delivery, scheduled posts, learning, periodic ticks."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.app import App
from bot.schedule.failures import DeliveryFailures
from bot.schedule.sender import OutboxWorker, PostSender

log = logging.getLogger(__name__)
# How often the scheduler looks for feeds whose own next poll time has come.
FEED_TICK_SECONDS = 60
# How often the scheduler wakes the schedule dispatcher, besides its own timer to the next due
# row: rows another process added, or a clock moved in the shell, are seen at least this often.
SCHEDULE_TICK_SECONDS = 30


@asynccontextmanager
async def background(app: App, sender: PostSender, *,
                     guild_ids: list[int] | None = None) -> AsyncIterator[OutboxWorker]:
    """Run delivery and periodic work until the block ends. The database holds every due time;
    the scheduler's in-memory jobs are only wake-ups, rebuilt at each start."""
    worker = OutboxWorker(app.outbox, sender, app.clock, guild_ids=guild_ids,
                          on_permanent_failure=DeliveryFailures(app.db, app.modlog, app.clock))
    task = asyncio.create_task(worker.run(), name="outbox-worker")
    # Start-up reads only the earliest due time (one index look-up), never every schedule.
    dispatcher = asyncio.create_task(app.dispatcher.run(), name="schedule-dispatcher")
    learner = asyncio.create_task(app.learning.run(), name="fact-learner")
    poll_wanted = asyncio.Event()

    async def poll_feeds() -> None:
        while True:
            await poll_wanted.wait()
            poll_wanted.clear()
            try:
                report = await app.poller.poll_due()
            except Exception:
                log.exception("feed poll failed")
                continue
            if report.polled:
                log.info("polled %d feeds: %d new articles, %d posts queued, %d errors",
                         report.polled, report.new_articles, report.posts_queued,
                         len(report.errors))

    async def tick() -> None:
        # Only a wake-up: the work runs in our own task, which we can cancel and await on
        # the way out (a job still running inside APScheduler would outlive the database).
        poll_wanted.set()

    async def wake_schedules() -> None:
        # A coroutine, so APScheduler runs it on the loop (a plain function would run in a
        # thread, where setting an asyncio event is not safe).
        app.dispatcher.notify()

    poller = asyncio.create_task(poll_feeds(), name="feed-poller")
    scheduler = AsyncIOScheduler(timezone=UTC)
    scheduler.add_job(tick, IntervalTrigger(seconds=FEED_TICK_SECONDS, jitter=5),
                      id="poll-feeds", max_instances=1, coalesce=True,
                      misfire_grace_time=None, next_run_time=datetime.now(UTC))
    # Only a wake-up too: every due time lives in the database, none in the scheduler.
    scheduler.add_job(wake_schedules, IntervalTrigger(seconds=SCHEDULE_TICK_SECONDS),
                      id="wake-schedules", max_instances=1, coalesce=True,
                      misfire_grace_time=None)
    scheduler.start()  # inside the running loop, as APScheduler 3.11 requires
    try:
        yield worker
    finally:
        scheduler.shutdown(wait=False)
        for running in (task, dispatcher, learner, poller):
            running.cancel()
            with suppress(asyncio.CancelledError):
                await running
