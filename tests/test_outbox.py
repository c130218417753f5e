"""The outbox on both databases: once per key, leases, crash recovery, retries, racing workers."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from bot.clock import FixedClock
from bot.db import Database
from bot.delivery import worker as worker_module
from bot.delivery.origin import NOTICE
from bot.delivery.outbox import (
    LEASE,
    MAX_ATTEMPTS,
    QUEUED,
    RESEND_WINDOW,
    SEND_TIMEOUT,
    DeliveryError,
    Outbox,
    OutboxItem,
    enqueue,
    nonce_for,
)
from bot.delivery.worker import OutboxWorker
from bot.models import OutboxMessage
from bot.posts import EmbedSpec, Post


class RecordingSender:
    """Stands in for a channel: keeps what it was given, fails on demand, dedups by nonce."""

    def __init__(self) -> None:
        self.sent: list[OutboxItem] = []
        self.by_nonce: dict[str, int] = {}
        self.fail_with: list[DeliveryError] = []
        self.readable = True  # may the channel's messages be read?
        self.looked = 0

    async def send(self, item: OutboxItem) -> int | None:
        await asyncio.sleep(0)
        if self.fail_with:
            raise self.fail_with.pop(0)
        if item.nonce in self.by_nonce:  # as Discord does for a reused nonce
            return self.by_nonce[item.nonce]
        self.sent.append(item)
        self.by_nonce[item.nonce] = len(self.sent)
        return len(self.sent)

    async def find_sent(self, item: OutboxItem, since: datetime) -> int | None:
        self.looked += 1
        if not self.readable:
            raise DeliveryError("Discord answered 403: Missing Access", permanent=True)
        return self.by_nonce.get(item.nonce)


async def queue(db: Database, clock: FixedClock, key: str, channel: int = 1) -> bool:
    async with db.transaction() as session:
        return await enqueue(session, dedup_key=key, post=Post(text=key, embed=EmbedSpec("t")),
                             origin=NOTICE, now=clock.now(), guild_id=9, channel_id=channel)


async def test_a_key_is_queued_once(db: Database, clock: FixedClock) -> None:
    assert await queue(db, clock, "article:1:channel:1")
    assert not await queue(db, clock, "article:1:channel:1")
    sender = RecordingSender()
    worker = OutboxWorker(Outbox(db), sender, clock)
    assert await worker.run_once() == 1
    assert await worker.run_once() == 0
    assert [i.post.text for i in sender.sent] == ["article:1:channel:1"]
    assert sender.sent[0].post.embed == EmbedSpec("t")
    assert sender.sent[0].nonce == nonce_for("article:1:channel:1")
    assert len(sender.sent[0].nonce) <= 25


async def test_crash_between_claim_and_send_delivers_once(
    db: Database, clock: FixedClock
) -> None:
    await queue(db, clock, "k")
    outbox = Outbox(db)
    claimed = await outbox.claim("dead-worker", clock.now())
    assert len(claimed) == 1  # ...and the process dies here, before sending
    sender = RecordingSender()
    survivor = OutboxWorker(outbox, sender, clock, owner="survivor")
    assert await survivor.run_once() == 0  # the lease still holds
    clock.advance(LEASE + timedelta(seconds=1))
    assert await survivor.run_once() == 1
    assert len(sender.sent) == 1
    assert await outbox.status_of("k") == "sent"


async def test_crash_after_send_before_mark_does_not_duplicate(
    db: Database, clock: FixedClock
) -> None:
    await queue(db, clock, "k")
    outbox = Outbox(db)
    sender = RecordingSender()
    [item] = await outbox.claim("dead-worker", clock.now())
    await sender.send(item)  # sent, then the process dies before marking it
    clock.advance(LEASE + timedelta(seconds=1))
    await OutboxWorker(outbox, sender, clock).run_once()
    assert len(sender.sent) == 1  # the same nonce returned the same message
    assert await outbox.status_of("k") == "sent"


async def test_a_stale_worker_cannot_settle_a_row_it_lost(
    db: Database, clock: FixedClock
) -> None:
    await queue(db, clock, "k")
    outbox = Outbox(db)
    [item] = await outbox.claim("slow", clock.now())
    clock.advance(LEASE + timedelta(seconds=1))
    [again] = await outbox.claim("fast", clock.now())
    assert not await outbox.mark_sent(item, "slow", 1, clock.now())
    assert await outbox.mark_sent(again, "fast", 1, clock.now())


async def test_transient_failures_retry_with_backoff(db: Database, clock: FixedClock) -> None:
    await queue(db, clock, "k")
    sender = RecordingSender()
    sender.fail_with = [DeliveryError("Discord 503", permanent=False),
                        DeliveryError("429", permanent=False, retry_after=30)]
    worker = OutboxWorker(Outbox(db), sender, clock)
    await worker.run_once()
    assert await worker.run_once() == 0  # waiting out the backoff
    clock.advance(timedelta(seconds=5))
    await worker.run_once()  # fails again: retry after 30 s
    clock.advance(timedelta(seconds=29))
    assert await worker.run_once() == 0
    clock.advance(timedelta(seconds=1))
    assert await worker.run_once() == 1
    assert len(sender.sent) == 1


async def test_permanent_failure_stops_and_is_reported(db: Database, clock: FixedClock) -> None:
    await queue(db, clock, "k")
    sender = RecordingSender()
    sender.fail_with = [DeliveryError("Missing Access", permanent=True)]
    reported: list[str] = []

    async def report(item: OutboxItem, error: DeliveryError) -> None:
        reported.append(f"{item.dedup_key}: {error.reason}")

    worker = OutboxWorker(Outbox(db), sender, clock, on_permanent_failure=report)
    await worker.run_once()
    clock.advance(timedelta(days=1))
    assert await worker.run_once() == 0
    assert reported == ["k: Missing Access"]
    assert await Outbox(db).status_of("k") == "failed"


async def test_racing_workers_deliver_each_post_once(db: Database, clock: FixedClock) -> None:
    for n in range(60):
        await queue(db, clock, f"k{n}", channel=n)
    sender = RecordingSender()
    workers = [OutboxWorker(Outbox(db), sender, clock, owner=f"w{i}", batch=7) for i in range(3)]

    async def drain(worker: OutboxWorker) -> None:
        while await worker.run_once():
            pass

    await asyncio.gather(*(drain(w) for w in workers))
    assert sorted(i.dedup_key for i in sender.sent) == sorted(f"k{n}" for n in range(60))


async def test_claim_can_be_limited_to_guilds(db: Database, clock: FixedClock) -> None:
    async with db.transaction() as session:
        await enqueue(session, origin=NOTICE, dedup_key="a", post=Post(text="a"), now=clock.now(),
                      guild_id=1, channel_id=1)
        await enqueue(session, origin=NOTICE, dedup_key="b", post=Post(text="b"), now=clock.now(),
                      guild_id=2, channel_id=2)
    claimed = await Outbox(db).claim("me", clock.now(), guild_ids=[2])
    assert [i.dedup_key for i in claimed] == ["b"]


async def test_a_claim_takes_at_most_its_limit(db: Database, clock: FixedClock) -> None:
    # On PostgreSQL a SKIP LOCKED subquery inside the UPDATE may run more than once and claim
    # past the limit; one process must not take a whole backlog that others could share.
    for n in range(30):
        await queue(db, clock, f"post-{n}")
    outbox = Outbox(db)
    first = await outbox.claim("one", clock.now(), limit=1)
    second = await outbox.claim("two", clock.now(), limit=7)
    assert [item.dedup_key for item in first] == ["post-0"]
    assert len(second) == 7 and "post-0" not in {item.dedup_key for item in second}


class HookedSender(RecordingSender):
    """A RecordingSender that runs `before(item)` first: time passing, another process..."""

    def __init__(self, before: Callable[[OutboxItem], Awaitable[None]]) -> None:
        super().__init__()
        self.before = before

    async def send(self, item: OutboxItem) -> int | None:
        await self.before(item)
        return await super().send(item)


def test_a_lease_outlives_the_slowest_send() -> None:
    assert timedelta(seconds=SEND_TIMEOUT) + timedelta(seconds=10) <= LEASE


async def test_each_post_is_settled_as_soon_as_it_is_sent(db: Database,
                                                           clock: FixedClock) -> None:
    for n in range(3):
        await queue(db, clock, f"k{n}", channel=1)  # one channel: sent one after another
    outbox = Outbox(db)
    seen: list[tuple[str, list[str | None]]] = []

    async def before(item: OutboxItem) -> None:
        seen.append((item.dedup_key, [await outbox.status_of(f"k{n}") for n in range(3)]))

    await OutboxWorker(outbox, HookedSender(before), clock).run_once()
    assert seen == [("k0", ["sending", "sending", "sending"]),
                    ("k1", ["sent", "sending", "sending"]),
                    ("k2", ["sent", "sent", "sending"])]


async def test_a_worker_sends_only_under_a_lease_it_confirmed(db: Database,
                                                               clock: FixedClock) -> None:
    # Slow sends to one channel: the batch's claim on its last post runs out, and another
    # process takes it. The slow worker must leave it alone, while the post it is sending
    # stays its own (each send renews that post's lease).
    for n in range(3):
        await queue(db, clock, f"k{n}", channel=1)
    outbox = Outbox(db)
    send = timedelta(seconds=SEND_TIMEOUT)
    taken: list[OutboxItem] = []

    async def slow(item: OutboxItem) -> None:
        if item.dedup_key == "k0":
            clock.advance(LEASE - send + timedelta(seconds=1))
        if item.dedup_key == "k1":
            clock.advance(send)  # the claim made with the batch has run out
            taken.extend(await outbox.claim("other", clock.now()))

    sender = HookedSender(slow)
    await OutboxWorker(outbox, sender, clock, owner="slow").run_once()
    assert [i.dedup_key for i in sender.sent] == ["k0", "k1"]
    assert [i.dedup_key for i in taken] == ["k2"]
    assert [await outbox.status_of(f"k{n}") for n in range(3)] == ["sent", "sent", "sending"]
    confirmed = await outbox.confirm(taken[0], "other", clock.now())
    # the slow worker's batch fenced (and counted) it once, though it never got to send it:
    # attempts count fenced sends, erring towards giving up early, never towards a loop
    assert confirmed is not None and confirmed.attempts == 2


async def test_a_claim_that_ran_out_is_not_confirmed(db: Database, clock: FixedClock) -> None:
    await queue(db, clock, "k")
    outbox = Outbox(db)
    [item] = await outbox.claim("late", clock.now())
    clock.advance(LEASE + timedelta(seconds=1))
    assert await outbox.confirm(item, "late", clock.now()) is None
    assert await OutboxWorker(outbox, RecordingSender(), clock).run_once() == 1


async def test_a_post_out_of_attempts_is_not_claimed_again(db: Database,
                                                           clock: FixedClock) -> None:
    await queue(db, clock, "k")
    outbox = Outbox(db)
    for n in range(MAX_ATTEMPTS):  # every send starts, and its process dies before an answer
        [item] = await outbox.claim(f"dead-{n}", clock.now())
        confirmed = await outbox.confirm(item, f"dead-{n}", clock.now())
        assert confirmed is not None and confirmed.attempts == n + 1
        clock.advance(LEASE + timedelta(seconds=1))
    reported: list[str] = []

    async def report(item: OutboxItem, error: DeliveryError) -> None:
        reported.append(f"{item.dedup_key}: {error.reason}")

    sender = RecordingSender()
    worker = OutboxWorker(outbox, sender, clock, on_permanent_failure=report)
    assert await worker.run_once() == 0
    assert await worker.run_once() == 0
    assert not sender.sent
    assert reported == [f"k: {MAX_ATTEMPTS} sends without an answer"]
    assert await outbox.status_of("k") == "failed"


async def test_a_claim_is_not_an_attempt(db: Database, clock: FixedClock) -> None:
    # Claims that never reached a send (a crash right after claiming) use no attempts.
    await queue(db, clock, "k")
    outbox = Outbox(db)
    for n in range(MAX_ATTEMPTS + 2):
        assert len(await outbox.claim(f"dead-{n}", clock.now())) == 1
        clock.advance(LEASE + timedelta(seconds=1))
    sender = RecordingSender()
    assert await OutboxWorker(outbox, sender, clock).run_once() == 1
    assert [i.attempts for i in sender.sent] == [1]


async def test_a_send_without_an_answer_is_given_up_and_retried(
    db: Database, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker_module, "SEND_TIMEOUT", 0.05)
    await queue(db, clock, "k")
    never = asyncio.Event()

    async def hang(item: OutboxItem) -> None:
        if item.attempts == 1:
            await never.wait()

    sender = HookedSender(hang)
    worker = OutboxWorker(Outbox(db), sender, clock)
    await worker.run_once()
    assert await Outbox(db).status_of("k") == "pending"
    clock.advance(timedelta(seconds=5))
    await worker.run_once()
    assert [i.attempts for i in sender.sent] == [2]
    assert await Outbox(db).status_of("k") == "sent"


def unanswered(reason: str = "Discord answered 503") -> DeliveryError:
    return DeliveryError(reason, permanent=False, may_have_arrived=True)


async def next_attempt(db: Database, key: str) -> datetime:
    async with db.read() as session:
        due = await session.scalar(select(OutboxMessage.next_attempt_at)
                                   .where(OutboxMessage.dedup_key == key))
    assert due is not None
    return due


class TimedSender(RecordingSender):
    """Notes the clock's time of every send it is given, answered or not; each takes `takes`."""

    def __init__(self, clock: FixedClock, takes: timedelta = timedelta(0)) -> None:
        super().__init__()
        self.clock = clock
        self.takes = takes
        self.tries: list[datetime] = []

    async def send(self, item: OutboxItem) -> int | None:
        self.tries.append(self.clock.now())
        self.clock.advance(self.takes)
        return await super().send(item)


async def test_unanswered_sends_are_repeated_soon_and_late_ones_look_first(
    db: Database, clock: FixedClock
) -> None:
    await queue(db, clock, "k")
    sender = TimedSender(clock, takes=timedelta(seconds=SEND_TIMEOUT - 3))  # slow, then no answer
    sender.fail_with = [unanswered() for _ in range(MAX_ATTEMPTS)]
    reported: list[str] = []

    async def report(item: OutboxItem, error: DeliveryError) -> None:
        reported.append(error.reason)

    worker = OutboxWorker(Outbox(db), sender, clock, on_permanent_failure=report)
    while await Outbox(db).status_of("k") != "failed":
        assert len(sender.tries) <= MAX_ATTEMPTS
        await worker.run_once()
        clock.set(max(clock.now(), await next_attempt(db, "k")))
    first = sender.tries[0]
    # Repeated seconds after each failure, not minutes, while the nonce guards a repeat...
    assert sender.tries[1] - first <= timedelta(seconds=SEND_TIMEOUT - 3 + 2)
    guarded = [t for t in sender.tries
               if t + timedelta(seconds=SEND_TIMEOUT) <= first + RESEND_WINDOW]
    assert len(guarded) >= 4
    # ...and every later repeat only after looking in the channel (it was not there).
    assert sender.looked == len(sender.tries) - len(guarded) > 0
    assert len(sender.tries) == MAX_ATTEMPTS and not sender.sent
    assert reported == ["Discord answered 503"]


@pytest.mark.parametrize("case", ["soon", "arrived", "missing", "unreadable"])
async def test_a_send_cut_short_by_a_crash_is_repeated_by_nonce_or_after_a_look(
    db: Database, clock: FixedClock, case: str
) -> None:
    outbox = Outbox(db)
    await queue(db, clock, "k")
    sender = TimedSender(clock)
    [item] = await outbox.claim("dead", clock.now())
    [item] = await outbox.confirm_many([item], "dead", clock.now())
    if case != "missing":
        await sender.send(item)  # it reached Discord; then the process died, unanswered
    sender.readable = case != "unreadable"
    clock.advance((LEASE if case == "soon" else RESEND_WINDOW) + timedelta(seconds=1))
    tries = len(sender.tries)
    reported: list[str] = []

    async def report(item: OutboxItem, error: DeliveryError) -> None:
        reported.append(error.reason)

    await OutboxWorker(outbox, sender, clock, on_permanent_failure=report).run_once()
    repeats = len(sender.tries) - tries
    if case == "soon":  # repeated at once: Discord answers it with the first message
        assert (repeats, sender.looked, len(sender.sent)) == (1, 0, 1)
    elif case == "arrived":  # found in the channel: settled without a second send
        assert (repeats, sender.looked, len(sender.sent)) == (0, 1, 1)
    elif case == "missing":  # not there: sending it cannot post it twice
        assert (repeats, sender.looked, len(sender.sent)) == (1, 1, 1)
    else:  # cannot tell: given up, and the moderators are told why
        assert (repeats, sender.looked) == (0, 1)
        assert len(reported) == 1 and "could post it twice" in reported[0]
    assert await outbox.status_of("k") == ("failed" if case == "unreadable" else "sent")


async def test_a_clear_refusal_does_not_open_or_close_the_window(
    db: Database, clock: FixedClock
) -> None:
    later = timedelta(seconds=300)
    outbox = Outbox(db)
    # Refused (429) and nothing else: the post goes once the wait is over, without a look.
    await queue(db, clock, "refused")
    sender = TimedSender(clock)
    sender.fail_with = [DeliveryError("429", permanent=False, retry_after=later.seconds)]
    worker = OutboxWorker(outbox, sender, clock)
    await worker.run_once()
    clock.advance(later)
    await worker.run_once()
    assert (len(sender.sent), sender.looked) == (1, 0)
    assert await outbox.status_of("refused") == "sent"
    # Unanswered first: the refusal that follows does not make a late repeat safe.
    await queue(db, clock, "unanswered")
    sender = TimedSender(clock)
    sender.fail_with = [unanswered(), DeliveryError("429", permanent=False,
                                                    retry_after=later.seconds)]
    worker = OutboxWorker(outbox, sender, clock)
    await worker.run_once()
    clock.set(await next_attempt(db, "unanswered"))
    await worker.run_once()
    clock.advance(later)
    await worker.run_once()
    assert (len(sender.tries), sender.looked, len(sender.sent)) == (3, 1, 1)
    assert await outbox.status_of("unanswered") == "sent"


async def test_posts_a_stop_kept_from_starting_go_back_as_never_sent(
    db: Database, clock: FixedClock
) -> None:
    await queue(db, clock, "k")
    outbox = Outbox(db)
    claimed = await outbox.claim("stopping", clock.now())
    [item] = await outbox.confirm_many(claimed, "stopping", clock.now())
    assert await outbox.release("stopping", clock.now(), unstarted=[item]) == 1
    clock.advance(RESEND_WINDOW * 2)  # restarted long after: still safe, nothing was sent
    sender = TimedSender(clock)
    await OutboxWorker(outbox, sender, clock).run_once()
    assert [i.attempts for i in sender.sent] == [1] and sender.looked == 0


async def test_run_once_returns_after_the_batch_already_under_way(
    db: Database, clock: FixedClock
) -> None:
    # The shell's own pass after a command must not return while the background worker is
    # still sending what the command made due: its output would land after the next reply.
    await queue(db, clock, "k")
    going = asyncio.Event()
    release = asyncio.Event()

    async def slow(item: OutboxItem) -> None:
        going.set()
        await release.wait()

    sender = HookedSender(slow)
    worker = OutboxWorker(Outbox(db), sender, clock)
    background = asyncio.create_task(worker.run_once())
    await going.wait()
    mine = asyncio.create_task(worker.run_once())
    await asyncio.sleep(0.05)
    assert not mine.done()  # waiting for the send under way
    release.set()
    assert await mine == 0 and await background == 1
    assert len(sender.sent) == 1


async def test_a_queued_post_wakes_workers_once_committed_never_on_a_rollback(
    db: Database, clock: FixedClock
) -> None:
    woken: list[str] = []
    db.listen(QUEUED, lambda: woken.append("woken"))
    with pytest.raises(RuntimeError):
        async with db.transaction() as session:
            await enqueue(session, origin=NOTICE, dedup_key="gone", post=Post(text="x"),
                          now=clock.now(), guild_id=9, channel_id=1)
            raise RuntimeError("rolled back")
    assert woken == []
    async with db.transaction() as session:
        await enqueue(session, origin=NOTICE, dedup_key="kept", post=Post(text="x"),
                      now=clock.now(), guild_id=9, channel_id=1)
        assert woken == []  # not before the commit: the worker would find nothing
    assert woken == ["woken"]
