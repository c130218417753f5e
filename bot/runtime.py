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
from bot.delivery.failures import DeliveryFailures
from bot.delivery.leases import Leases
from bot.delivery.outbox import OutboxItem
from bot.delivery.worker import OutboxWorker, PostSender
from bot.health import serve_health

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
    worker = OutboxWorker(app.outbox, sender, app.clock, owner=app.owner, guild_ids=guild_ids,
                          on_permanent_failure=DeliveryFailures(app.db, app.modlog, app.clock))
    task = asyncio.create_task(worker.run(), name="outbox-worker")
    # When the shell's `/clock` moves time, retries and posts now due go out at once. Every
    # worker that sleeps until a due time registers here the same way (the dispatcher too).
    unwatch = watch_clock(app.clock, app.outbox.notify)
    unwatch_dispatcher = watch_clock(app.clock, app.dispatcher.notify)
    # Start-up reads only the earliest due time (one index look-up), never every schedule.
    # Set on the way out: each loop ends after the work under way (see the end).
    stop = asyncio.Event()
    dispatcher = asyncio.create_task(app.dispatcher.run(stop), name="schedule-dispatcher")
    leases = Leases(app.db)

    async def learning_lease() -> bool:
        # One learner in the cluster: several would race to create the same entities.
        return await leases.hold(LEARNER_LEASE, app.owner, app.clock.now(), LEARNER_TTL)

    learner = asyncio.create_task(app.learning.run(holds_lease=learning_lease, stop=stop),
                                  name="fact-learner")
    poll_wanted = asyncio.Event()

    async def poll_feeds() -> None:
        while not stop.is_set():
            try:  # a feed due sooner than the next tick (a short poll interval) is not kept waiting
                wait = await app.poller.seconds_until_due(FEED_TICK_SECONDS)
            except Exception:  # the database is away: look again soon
                wait = STOP_GRACE_SECONDS
            with suppress(TimeoutError):
                await asyncio.wait_for(poll_wanted.wait(), wait)
            poll_wanted.clear()
            if stop.is_set():
                return
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

    async def build_names() -> None:
        # Built now rather than by the first look-up, which would wait seconds on a large
        # base: an autocomplete must answer within Discord's 3 s.
        try:
            async with app.db.read() as session:
                await app.facts.names.catch_up(session)
        except Exception:  # the first look-up builds it then
            log.exception("building the name index failed")

    names = asyncio.create_task(build_names(), name="name-index")
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
        # Each loop is asked to stop and given the grace to finish what it is doing: a task
        # cancelled in the middle of a SQLite statement can leave its transaction open, and
        # the database locked, until the process ends. Only one still busy then is cancelled.
        stop.set()
        worker.stop()
        app.dispatcher.notify()
        await app.learning.wake()
        poll_wanted.set()
        running = {task, dispatcher, learner, poller, names}
        await asyncio.wait(running, timeout=STOP_GRACE_SECONDS)
        for each in running:
            each.cancel()
            with suppress(asyncio.CancelledError):
                await each
        await release_claims(app, worker.unstarted)


async def release_claims(app: App, unstarted: Sequence[OutboxItem] = ()) -> None:
    """Give back what this process claimed and did not finish, so another takes it at once
    (if the database is away, the claims simply run out)."""
    try:
        posts = await app.outbox.release(app.owner, app.clock.now(), unstarted=unstarted)
        feeds = await app.poller.release_claims()
        await app.dispatcher.release()
        await Leases(app.db).release(LEARNER_LEASE, app.owner, app.clock.now())
    except Exception as exc:
        log.warning("claims not released (%s: %s); they run out by themselves",
                    type(exc).__name__, exc)
        return
    if posts or feeds:
        log.info("released %d claimed posts and %d claimed feeds", posts, feeds)
