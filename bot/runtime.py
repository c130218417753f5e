"""Background work of a running bot: outbox delivery, scheduled posts, learning, periodic ticks."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.app import App
from bot.clock import watch_clock
from bot.health import serve_health
from bot.schedule.failures import DeliveryFailures
from bot.schedule.leases import Leases
from bot.schedule.outbox import OutboxItem
from bot.schedule.sender import OutboxWorker, PostSender

log = logging.getLogger(__name__)
# How often the scheduler looks for feeds whose own next poll time has come.
FEED_TICK_SECONDS = 60
# The cluster's one fact learner holds this lease, renewed at least every 30 s.
LEARNER_LEASE = "fact-learner"
LEARNER_TTL = timedelta(minutes=2)
# How long a stopping process lets the post being sent finish before giving the rest back.
STOP_GRACE_SECONDS = 5.0
# How often the scheduler wakes the schedule dispatcher, besides its own timer to the next due
# row: rows another process added, or a clock moved in the shell, are seen at least this often.
SCHEDULE_TICK_SECONDS = 30


def settle_heap() -> None:
    """Move everything built at start-up out of the collector's way (`gc.freeze`): it lives
    as long as the process, and re-scanning it in every full collection paused the event loop
    for tens of milliseconds, a pause any answer in flight would wait for. Only the
    long-running verbs call it (`fanzine run`, `fanzine shell`), once the app is open."""
    gc.collect()
    gc.freeze()


@asynccontextmanager
async def background(app: App, sender: PostSender, *, guild_ids: list[int] | None = None,
                     ready: Callable[[], bool] = lambda: True) -> AsyncIterator[OutboxWorker]:
    """Run delivery and periodic work until the block ends. The database holds every due time;
    the scheduler's in-memory jobs are only wake-ups, rebuilt at each start. The health
    endpoint, when configured, reports `ready()` (the gateway's state) with the database's."""
    worker = OutboxWorker(app.outbox, sender, app.clock, guild_ids=guild_ids,
                          on_permanent_failure=DeliveryFailures(app.db, app.modlog, app.clock))
    task = asyncio.create_task(worker.run(), name="outbox-worker")
    # When the shell's `/clock` moves time, retries and posts now due go out at once. Every
    # worker that sleeps until a due time registers here the same way (the dispatcher too).
    unwatch = watch_clock(app.clock, app.outbox.notify)
    unwatch_dispatcher = watch_clock(app.clock, app.dispatcher.notify)
    # Start-up reads only the earliest due time (one index look-up), never every schedule.
    dispatcher = asyncio.create_task(app.dispatcher.run(), name="schedule-dispatcher")
    leases = Leases(app.db)

    async def learning_lease() -> bool:
        # One learner in the cluster: several would race to create the same entities.
        return await leases.hold(LEARNER_LEASE, worker.owner, app.clock.now(), LEARNER_TTL)

    learner = asyncio.create_task(app.learning.run(holds_lease=learning_lease),
                                  name="fact-learner")
    poll_wanted = asyncio.Event()

    async def poll_feeds() -> None:
        while True:
            try:  # a feed due sooner than the next tick (a short poll interval) is not kept waiting
                wait = await app.poller.seconds_until_due(FEED_TICK_SECONDS)
            except Exception:  # the database is away: look again soon
                wait = STOP_GRACE_SECONDS
            with suppress(TimeoutError):
                await asyncio.wait_for(poll_wanted.wait(), wait)
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
        async with serve_health(app.db, app.clock, app.settings.health_host,
                                app.settings.health_port, ready):
            yield worker
    finally:
        unwatch()
        unwatch_dispatcher()
        scheduler.shutdown(wait=False)
        worker.stop()
        await asyncio.wait({task}, timeout=STOP_GRACE_SECONDS)
        for running in (task, dispatcher, learner, poller):
            running.cancel()
            with suppress(asyncio.CancelledError):
                await running
        await release_claims(app, worker.owner, worker.unstarted)


async def release_claims(app: App, owner: str,
                         unstarted: Sequence[OutboxItem] = ()) -> None:
    """Give back what this process claimed and did not finish, so another takes it at once
    (if the database is away, the claims simply run out)."""
    try:
        posts = await app.outbox.release(owner, app.clock.now(), unstarted=unstarted)
        feeds = await app.poller.release_claims()
        await app.dispatcher.release()
        await Leases(app.db).release(LEARNER_LEASE, owner, app.clock.now())
    except Exception as exc:
        log.warning("claims not released (%s: %s); they run out by themselves",
                    type(exc).__name__, exc)
        return
    if posts or feeds:
        log.info("released %d claimed posts and %d claimed feeds", posts, feeds)
