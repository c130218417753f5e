"""The durable outbox: queue a post once per dedup key, claim with a lease, mark sent, retry."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import Database, announce, claim_rows, insert_ignoring_conflict
from bot.delivery.leases import RowLease
from bot.delivery.origin import NOTICE, Origin
from bot.guilds.life import LEFT_REASON, guild_left
from bot.kinds_and_states import DeliveryStatus, OutboxStatus
from bot.logs import redact
from bot.models import Delivery, OutboxMessage
from bot.models.base import UTCDateTime
from bot.posts import Post

log = logging.getLogger(__name__)

# The longest one send may take, discord.py's own retries and rate-limit waits included: the
# worker stops waiting then, and the post is retried with the same nonce.
SEND_TIMEOUT = 15.0
# A claim, and the lease each send confirms, last this long: a whole send plus the time to
# settle it, so that no other process takes a post while it is being sent. Discord de-duplicates
# a resent nonce only for a few minutes: a post whose sender died is sent again after at most
# about two leases and a batch (the claim, then the send), well within that window.
LEASE = timedelta(seconds=SEND_TIMEOUT + 15)
OUTBOX_LEASE = RowLease(OutboxMessage)
# What `enqueue` announces: every process's Outbox wakes its worker once the post is committed.
QUEUED = "outbox:queued"
# Sends started (confirmed) per post; a post that used them all is never claimed again.
MAX_ATTEMPTS = 8
# Discord returns the first message for a repeated nonce only "in the past few minutes". A send
# that may have arrived unanswered (a timeout, a 5xx, a crash) is repeated soon, so that the
# repeat reaches Discord within this much of the first such send; a later repeat could post
# twice, so the sender first looks in the channel (PostSender.find_sent).
RESEND_WINDOW = timedelta(seconds=100)
# A left guild's queued posts settled as skipped per claim (the rest at the next claims).
SKIP_BATCH = 500
# Keys per IN (...) of `enqueue_new`: under SQLite's limit on bound parameters.
ENQUEUE_CHUNK = 500
# A retry is due this much before its last safe start: the worker may take a while to claim it.
RESEND_MARGIN = timedelta(seconds=10)


def nonce_for(dedup_key: str) -> str:
    """A deterministic nonce (Discord allows 25 characters): a resend returns the same message."""
    return hashlib.sha256(dedup_key.encode()).hexdigest()[:25]


@dataclass(frozen=True)
class OutboxItem:
    """A claimed post, ready to send."""

    id: int
    dedup_key: str
    guild_id: int | None
    channel_id: int | None
    user_id: int | None
    post: Post
    nonce: str
    attempts: int
    origin: Origin = NOTICE
    # When the earliest earlier send began that may have reached Discord unanswered (a
    # timeout, a 5xx, a crash); None when no earlier send may have.
    unsettled_since: datetime | None = None

    def resend_too_late(self, now: datetime) -> bool:
        """Would a send starting now reach Discord after its nonce stopped guarding a repeat?"""
        return (self.unsettled_since is not None
                and now + timedelta(seconds=SEND_TIMEOUT) > self.unsettled_since + RESEND_WINDOW)


@dataclass(frozen=True)
class Claimed:
    """What one claim found: posts leased to send, and posts that used every attempt (now
    failed, to be reported)."""

    items: list[OutboxItem]
    exhausted: list[OutboxItem] = field(default_factory=list)


class DeliveryError(Exception):
    """A send failed. Permanent failures (no such channel, no permission) are not retried."""

    def __init__(self, reason: str, *, permanent: bool, retry_after: float | None = None,
                 may_have_arrived: bool = False) -> None:
        # The reason is logged, stored and shown to moderators; Discord's error text in it
        # may quote the token.
        reason = redact(reason)
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.retry_after = retry_after
        # No clear answer (a timeout, a 5xx): Discord may have posted it; a repeat is safe only
        # within its nonce's window.
        self.may_have_arrived = may_have_arrived


async def enqueue(
    session: AsyncSession,
    *,
    dedup_key: str,
    post: Post,
    origin: Origin,
    now: datetime,
    guild_id: int | None = None,
    channel_id: int | None = None,
    user_id: int | None = None,
) -> bool:
    """Queue a post in the caller's transaction; False when that dedup key was queued before."""
    if channel_id is None and user_id is None:
        raise ValueError("a post needs a channel or a user")
    before = await session.scalar(
        select(OutboxMessage.id).where(OutboxMessage.dedup_key == dedup_key)
    )
    if before is not None:
        return False
    await insert_ignoring_conflict(session, OutboxMessage, {
        "dedup_key": dedup_key, "guild_id": guild_id, "channel_id": channel_id,
        "user_id": user_id, "payload": post.to_payload(), "nonce": nonce_for(dedup_key),
        **_origin_columns(origin),
        "status": OutboxStatus.PENDING, "attempts": 0, "next_attempt_at": now, "created_at": now,
    }, ["dedup_key"])
    announce(session, QUEUED)
    return True


@dataclass(frozen=True)
class QueuedPost:
    """A post to queue with `enqueue_many`: a channel post, or a DM when only `user_id` is set."""

    dedup_key: str
    post: Post
    origin: Origin
    guild_id: int | None = None
    channel_id: int | None = None
    user_id: int | None = None


def _row(post: QueuedPost, now: datetime) -> dict[str, object]:
    """A pending outbox row for `post`, due now."""
    return {
        "dedup_key": post.dedup_key, "guild_id": post.guild_id, "channel_id": post.channel_id,
        "user_id": post.user_id, "payload": post.post.to_payload(),
        "nonce": nonce_for(post.dedup_key), **_origin_columns(post.origin),
        "status": OutboxStatus.PENDING, "attempts": 0, "next_attempt_at": now, "created_at": now,
    }


async def enqueue_many(session: AsyncSession, posts: list[QueuedPost],
                       now: datetime) -> dict[str, int]:
    """Queue many posts with one statement in the caller's transaction (a key queued before
    stays as it was); returns the outbox id of every key."""
    if not posts:
        return {}
    if any(p.channel_id is None and p.user_id is None for p in posts):
        raise ValueError("a post needs a channel or a user")
    await insert_ignoring_conflict(session, OutboxMessage, [_row(p, now) for p in posts],
                                   ["dedup_key"])
    announce(session, QUEUED)
    found = await session.execute(
        select(OutboxMessage.dedup_key, OutboxMessage.id)
        .where(OutboxMessage.dedup_key.in_([p.dedup_key for p in posts]))
    )
    return {key: id_ for key, id_ in found.all()}


async def enqueue_new(session: AsyncSession, posts: Sequence[QueuedPost],
                      now: datetime) -> list[QueuedPost]:
    """`enqueue` for many posts at once, in the caller's transaction: one look-up of the keys
    queued before and one insert of the rest; returns the posts queued now. A key given twice
    is queued once, by its first post (as two `enqueue` calls would)."""
    fresh: dict[str, QueuedPost] = {}
    for post in posts:
        if post.channel_id is None and post.user_id is None:
            raise ValueError("a post needs a channel or a user")
        fresh.setdefault(post.dedup_key, post)
    keys = list(fresh)
    before: set[str] = set()
    # Chunked: PostgreSQL refuses more than 32,767 bound values in one statement.
    for start in range(0, len(keys), ENQUEUE_CHUNK):
        before.update(await session.scalars(select(OutboxMessage.dedup_key).where(
            OutboxMessage.dedup_key.in_(keys[start:start + ENQUEUE_CHUNK]))))
    new = [post for key, post in fresh.items() if key not in before]
    if not new:
        return []
    await insert_ignoring_conflict(session, OutboxMessage, [_row(p, now) for p in new],
                                   ["dedup_key"])
    announce(session, QUEUED)
    return new


class Outbox:
    """Claims and settles outbox rows; one per process, shared by its senders."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._wake = asyncio.Event()
        # Whatever queues a post wakes the worker once it is committed, never before.
        db.listen(QUEUED, self.notify)

    def notify(self) -> None:
        """Tell this process's worker to look now (a post was committed, the clock moved)."""
        self._wake.set()

    async def wait(self, seconds: float) -> None:
        """Sleep until notified or `seconds` pass (other processes' rows are found then)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), seconds)
        self._wake.clear()

    async def claim(
        self, owner: str, now: datetime, *, limit: int = 20, guild_ids: list[int] | None = None
    ) -> list[OutboxItem]:
        """Lease up to `limit` due rows (see `claim_due`)."""
        return (await self.claim_due(owner, now, limit=limit, guild_ids=guild_ids)).items

    async def claim_due(
        self, owner: str, now: datetime, *, limit: int = 20, guild_ids: list[int] | None = None
    ) -> Claimed:
        """Lease up to `limit` due rows: pending ones, and sending ones whose lease ran out,
        that have attempts left. A claim is not an attempt: `confirm` counts one per send.
        Rows out of attempts whose last send never settled are marked failed here, and due
        channel posts of a guild the bot has left are settled as skipped (`LEFT_REASON`)."""
        left = OutboxMessage.attempts < MAX_ATTEMPTS
        due = or_(
            and_(OutboxMessage.status == OutboxStatus.PENDING,
                 OutboxMessage.next_attempt_at <= now),
            and_(OutboxMessage.status == OutboxStatus.SENDING, OUTBOX_LEASE.free(now)),
        )
        ids = select(OutboxMessage.id).where(due, left)
        if guild_ids is not None:
            ids = ids.where(OutboxMessage.guild_id.in_(guild_ids))
        # SKIP LOCKED lets several processes claim side by side on PostgreSQL.
        ids = ids.order_by(OutboxMessage.id).limit(limit).with_for_update(skip_locked=True)
        claim = (
            update(OutboxMessage)
            .where(due, left)
            .values(status=OutboxStatus.SENDING, **OUTBOX_LEASE.claim(owner, now, LEASE))
            .returning(*_ITEM_COLUMNS)
        )
        exhausted_where = [due, OutboxMessage.attempts >= MAX_ATTEMPTS]
        if guild_ids is not None:
            exhausted_where.append(OutboxMessage.guild_id.in_(guild_ids))
        give_up = (
            update(OutboxMessage)
            .where(*exhausted_where)
            .values(status=OutboxStatus.FAILED, **OUTBOX_LEASE.cleared(),
                    last_error=f"gave up after {MAX_ATTEMPTS} sends without an answer")
            .returning(*_ITEM_COLUMNS)
        )
        # A left guild's channel posts are settled, not sent: the bot cannot post there.
        left_where = [due, OutboxMessage.channel_id.is_not(None),
                      guild_left(OutboxMessage.guild_id)]
        if guild_ids is not None:
            left_where.append(OutboxMessage.guild_id.in_(guild_ids))
        # Locked with SKIP LOCKED first, as claims are: racing workers never wait on each other.
        left_ids = (select(OutboxMessage.id).where(*left_where).order_by(OutboxMessage.id)
                    .limit(SKIP_BATCH).with_for_update(skip_locked=True))
        skip_left = (
            update(OutboxMessage).where(*left_where)
            .values(status=OutboxStatus.SKIPPED, lease_owner=None, lease_until=None,
                    last_error=LEFT_REASON)
            .returning(OutboxMessage.schedule_id, OutboxMessage.occurrence_key)
        )
        async with self._db.transaction() as session:
            for skipped in await claim_rows(session, left_ids, skip_left, OutboxMessage.id):
                if skipped.schedule_id is not None:
                    await session.execute(
                        update(Delivery).where(Delivery.schedule_id == skipped.schedule_id,
                                               Delivery.occurrence_key == skipped.occurrence_key)
                        .values(status=DeliveryStatus.SKIPPED, updated_at=now))
            rows = await claim_rows(session, ids, claim, OutboxMessage.id)
            exhausted = (await session.execute(give_up)).all()
        return Claimed(sorted(map(_item, rows), key=lambda item: item.id),
                       sorted(map(_item, exhausted), key=lambda item: item.id))

    async def confirm(self, item: OutboxItem, owner: str, now: datetime, *,
                      count: bool = True) -> OutboxItem | None:
        """Fence one send: while `owner`'s claim on the row still holds, renew its lease for a
        whole send (`LEASE` > `SEND_TIMEOUT`) and count the attempt; None when the claim ran
        out or another process took the row (then it must not be sent)."""
        async with self._db.transaction() as session:
            row = (await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == item.id, OUTBOX_LEASE.held_by(owner, now),
                       OutboxMessage.status == OutboxStatus.SENDING)
                .values(lease_until=now + LEASE,
                        attempts=OutboxMessage.attempts + (1 if count else 0),
                        unsettled_since=_unsettled_since(now))
                .returning(OutboxMessage.attempts)
            )).first()
        return None if row is None else replace(item, attempts=int(row.attempts))

    async def confirm_many(self, items: Sequence[OutboxItem], owner: str,
                           now: datetime) -> list[OutboxItem]:
        """`confirm` for a whole claim in one statement: the items whose claim still holds,
        each with its lease renewed for a send and its attempt counted."""
        if not items:
            return []
        async with self._db.transaction() as session:
            rows = (await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_([i.id for i in items]),
                       OUTBOX_LEASE.held_by(owner, now),
                       OutboxMessage.status == OutboxStatus.SENDING)
                .values(lease_until=now + LEASE, attempts=OutboxMessage.attempts + 1,
                        unsettled_since=_unsettled_since(now))
                .returning(OutboxMessage.id, OutboxMessage.attempts)
            )).all()
        attempts = {int(row.id): int(row.attempts) for row in rows}
        return [replace(i, attempts=attempts[i.id]) for i in items if i.id in attempts]

    async def mark_sent_many(self, sent: Sequence[tuple[OutboxItem, int | None]], owner: str,
                             now: datetime) -> int:
        """`mark_sent` for the sends Discord accepted since the last call, in one transaction;
        returns how many were still ours to settle."""
        settled = 0
        async with self._db.transaction() as session:
            for item, message_id in sent:
                settled += await self._settle(session, item, owner, message_id, now)
        return settled

    async def _settle(self, session: AsyncSession, item: OutboxItem, owner: str,
                      message_id: int | None, now: datetime) -> bool:
        result = await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == item.id, OUTBOX_LEASE.mine(owner),
                   OutboxMessage.status == OutboxStatus.SENDING)
            .values(status=OutboxStatus.SENT, message_id=message_id, sent_at=now, last_error=None,
                    **OUTBOX_LEASE.cleared())
        )
        settled = _rowcount(result) == 1
        origin = item.origin
        # The occurrence's Delivery says it went out.
        if settled and origin.kind == "schedule":
            await session.execute(
                update(Delivery).where(Delivery.schedule_id == origin.schedule_id,
                                       Delivery.occurrence_key == origin.occurrence_key)
                .values(status=DeliveryStatus.SENT, updated_at=now)
            )
        return settled

    async def mark_sent(self, item: OutboxItem, owner: str, message_id: int | None,
                        now: datetime) -> bool:
        """Settle a send as soon as Discord accepted it (a scheduled post's `Delivery` too);
        False if our lease was lost (another process owns the row now)."""
        async with self._db.transaction() as session:
            return await self._settle(session, item, owner, message_id, now)

    async def mark_failed(self, item: OutboxItem, owner: str, error: DeliveryError,
                          now: datetime) -> str:
        """Schedule a retry with backoff, or give up; returns the row's new status ("lost"
        when our lease was lost: the row is another process's now)."""
        give_up = error.permanent or item.attempts >= MAX_ATTEMPTS
        # A clear refusal leaves only the earlier sends that may have arrived (`confirm`
        # counted this one among them, in case the process died during it).
        unsettled: Any = item.unsettled_since
        if error.may_have_arrived:
            # Retried soon, and only while a repeat is still answered by the nonce.
            unsettled = OutboxMessage.unsettled_since  # as `confirm` set it
            room = _resend_room(item, now)
            # Past the window the sender looks in the channel before a repeat: no hurry then.
            delay = (min(2.0 * 2 ** (item.attempts - 1), room / 2) if room > 0
                     else min(5 * 2 ** (item.attempts - 1), 3600))
        elif error.retry_after is not None:
            delay = error.retry_after
        else:
            delay = min(5 * 2 ** (item.attempts - 1), 3600)
        status = OutboxStatus.FAILED if give_up else OutboxStatus.PENDING
        async with self._db.transaction() as session:
            result = await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == item.id, OUTBOX_LEASE.mine(owner),
                       OutboxMessage.status == OutboxStatus.SENDING)
                .values(status=status, **OUTBOX_LEASE.cleared(),
                        last_error=error.reason[:2000], unsettled_since=unsettled,
                        next_attempt_at=now + timedelta(seconds=max(delay, 0.0)))
            )
        return status if _rowcount(result) == 1 else "lost"

    async def release(self, owner: str, now: datetime,
                      unstarted: Sequence[OutboxItem] = ()) -> int:
        """Give back every row `owner` still holds, due at once for any process (a graceful
        stop); a row that did reach Discord comes back as the same message by its nonce.
        `unstarted` were fenced for a send that never began: they go back as they were."""
        async with self._db.transaction() as session:
            for item in unstarted:
                await session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id == item.id, OUTBOX_LEASE.mine(owner),
                           OutboxMessage.status == OutboxStatus.SENDING)
                    .values(unsettled_since=item.unsettled_since,
                            attempts=max(item.attempts - 1, 0)))
            result = await session.execute(
                update(OutboxMessage)
                .where(OUTBOX_LEASE.mine(owner), OutboxMessage.status == OutboxStatus.SENDING)
                .values(status=OutboxStatus.PENDING, **OUTBOX_LEASE.cleared(),
                        next_attempt_at=now)
            )
        return _rowcount(result)

    async def status_of(self, dedup_key: str) -> str | None:
        async with self._db.transaction() as session:
            return await session.scalar(
                select(OutboxMessage.status).where(OutboxMessage.dedup_key == dedup_key)
            )


_ITEM_COLUMNS = (OutboxMessage.id, OutboxMessage.dedup_key, OutboxMessage.guild_id,
                 OutboxMessage.channel_id, OutboxMessage.user_id, OutboxMessage.payload,
                 OutboxMessage.nonce, OutboxMessage.attempts, OutboxMessage.unsettled_since,
                 OutboxMessage.origin, OutboxMessage.schedule_id, OutboxMessage.occurrence_key)


def _item(row: Any) -> OutboxItem:
    return OutboxItem(id=row.id, dedup_key=row.dedup_key, guild_id=row.guild_id,
                      channel_id=row.channel_id, user_id=row.user_id,
                      post=Post.from_payload(row.payload), nonce=row.nonce,
                      attempts=row.attempts, unsettled_since=row.unsettled_since,
                      origin=Origin(row.origin, row.schedule_id, row.occurrence_key))


def _origin_columns(origin: Origin) -> dict[str, Any]:
    return {"origin": origin.kind, "schedule_id": origin.schedule_id,
            "occurrence_key": origin.occurrence_key}


def _resend_room(item: OutboxItem, now: datetime) -> float:
    """Seconds left to start a repeat that reaches Discord while its nonce is remembered."""
    first = item.unsettled_since or now
    last_start = first + RESEND_WINDOW - timedelta(seconds=SEND_TIMEOUT) - RESEND_MARGIN
    return (last_start - now).total_seconds()


def _unsettled_since(now: datetime) -> Any:
    """The earliest unanswered send's start, kept; this send's when there is none."""
    return func.coalesce(OutboxMessage.unsettled_since, literal(now, UTCDateTime))


def _rowcount(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
