"""The outbox worker: claims due posts in batches, fences and settles each send on its own."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta
from typing import Protocol

from bot.clock import Clock
from bot.delivery.leases import process_owner
from bot.delivery.outbox import LEASE, SEND_TIMEOUT, DeliveryError, Outbox, OutboxItem
from bot.kinds_and_states import OutboxStatus

log = logging.getLogger(__name__)


class PostSender(Protocol):
    """What an adapter implements to deliver a post: Discord, or the shell's terminal."""

    async def send(self, item: OutboxItem) -> int | None:
        """Deliver it; return the message id if there is one; raise DeliveryError on failure."""
        ...

    async def find_sent(self, item: OutboxItem, since: datetime) -> int | None:
        """The message an unanswered send since `since` made, if the channel shows one (by
        us, this post's text and embed); None when it is not there; DeliveryError when the
        channel cannot be read."""
        ...


class FailureListener(Protocol):
    async def __call__(self, item: OutboxItem, error: DeliveryError) -> None: ...


class OutboxWorker:
    """Delivers everything due, waking when told or every `idle` seconds to see other work."""

    def __init__(
        self,
        outbox: Outbox,
        sender: PostSender,
        clock: Clock,
        *,
        owner: str | None = None,
        guild_ids: list[int] | None = None,
        batch: int = 20,
        idle: float = 5.0,
        on_permanent_failure: FailureListener | None = None,
    ) -> None:
        self.outbox = outbox
        self.sender = sender
        self.clock = clock
        self.owner = owner or process_owner()
        self.guild_ids = guild_ids
        self.batch = batch
        self.idle = idle
        self.on_permanent_failure = on_permanent_failure
        self.stopping = False
        # Posts fenced for a send that a stop kept from starting: given back as never sent.
        self.unstarted: list[OutboxItem] = []
        # One batch at a time in this process: a caller's own `run_once` (the shell's, after
        # a command) waits for the batch `run` is sending, so those posts are out when it returns.
        self._pass = asyncio.Lock()

    def stop(self) -> None:
        """Finish the post being sent, then end `run` (the rest of the batch stays claimed
        until `Outbox.release`)."""
        self.stopping = True
        self.outbox.notify()

    async def run(self) -> None:
        """Deliver until cancelled or stopped."""
        while not self.stopping:
            try:
                delivered = await self.run_once()
            except Exception:  # a database hiccup must not end delivery for good
                log.exception("outbox worker: a batch failed; retrying shortly")
                delivered = 0
            if delivered < self.batch and not self.stopping:
                await self.outbox.wait(self.idle)

    async def run_once(self) -> int:
        """Claim one batch and deliver it; returns how many were claimed."""
        async with self._pass:
            return await self._run_batch()

    async def _run_batch(self) -> int:
        claimed = await self.outbox.claim_due(self.owner, self.clock.now(), limit=self.batch,
                                              guild_ids=self.guild_ids)
        for item in claimed.exhausted:
            log.warning("post %s failed: %d sends without an answer", item.dedup_key,
                        item.attempts)
            if self.on_permanent_failure is not None:
                await self.on_permanent_failure(item, DeliveryError(
                    f"{item.attempts} sends without an answer", permanent=True))
        # Fenced in one statement for the whole claim: each lease renewed for a send and the
        # attempt counted; a post whose claim was lost meanwhile is not sent here.
        try:
            confirmed = await self.outbox.confirm_many(claimed.items, self.owner,
                                                       self.clock.now())
        except Exception:  # the database is away: the claims run out and are taken again
            log.exception("outbox worker: could not confirm the claim; leaving the batch")
            return len(claimed.items)
        fenced_until = self.clock.now() + LEASE
        # Posts to one channel (or one user) go out in order; different ones at the same time,
        # so that one slow channel does not hold up the rest of the batch.
        lanes: dict[tuple[int | None, int | None], list[OutboxItem]] = {}
        for item in confirmed:
            lanes.setdefault((item.channel_id, item.user_id), []).append(item)
        settler = _Settler(self.outbox, self.owner, self.clock)
        try:
            await asyncio.gather(*(self._deliver_in_order(lane, fenced_until, settler)
                                   for lane in lanes.values()))
        finally:
            await settler.close()
        return len(claimed.items)

    async def _deliver_in_order(self, lane: list[OutboxItem], fenced_until: datetime,
                                settler: _Settler) -> None:
        for position, item in enumerate(lane):
            if self.stopping:  # the rest stays claimed and is given back (Outbox.release)
                self.unstarted.extend(lane[position:])
                break
            # A slow lane may outlast the claim's fence: then this post is fenced again on
            # its own, for a whole send, before it goes (not sent if the claim was lost).
            if self.clock.now() + timedelta(seconds=SEND_TIMEOUT + FENCE_MARGIN) > fenced_until:
                try:
                    again = await self.outbox.confirm(item, self.owner, self.clock.now(),
                                                      count=False)
                except Exception:  # the database is away: leave the rest to a later claim
                    log.exception("outbox worker: could not confirm a lease; leaving the lane")
                    return
                if again is None:
                    log.info("post %s: claim ran out or taken over; not sent here",
                             item.dedup_key)
                    continue
                # (only this post's lease was renewed: the lane's next posts still hold the
                # claim's, so each of them is fenced on its own from here on)
            await self._deliver(item, settler)

    async def _deliver(self, item: OutboxItem, settler: _Settler) -> None:
        """Send, then settle at once (with the sends that finished alongside): a crash now can
        repeat only this one send, and only after its lease, well within Discord's nonce
        window."""
        if item.unsettled_since is not None and item.resend_too_late(self.clock.now()):
            # An earlier send may have arrived, and its nonce no longer guards a repeat: look
            # in the channel first. Sent only when the post is not there.
            try:
                found = await self.sender.find_sent(item, item.unsettled_since)
            except DeliveryError as error:
                if not error.permanent:  # Discord away for now: look again at the next try
                    await self._failed(item, DeliveryError(
                        f"could not look in the channel for an earlier send: {error.reason}",
                        permanent=False))
                    return
                await self._failed(item, DeliveryError(
                    "not sent again: an earlier send got no answer from Discord, and the channel "
                    f"could not be read to see whether it arrived ({error.reason}); a repeat "
                    "could post it twice (look in the channel)", permanent=True))
                return
            if found is not None:
                log.info("post %s: an unanswered send did arrive (message %s)",
                         item.dedup_key, found)
                await settler.sent(item, found)
                return
        try:
            try:
                async with asyncio.timeout(SEND_TIMEOUT):  # the lease outlives this wait
                    message_id = await self.sender.send(item)
            except TimeoutError:
                raise DeliveryError(f"no answer from Discord within {SEND_TIMEOUT:g} s",
                                    permanent=False, may_have_arrived=True) from None
        except DeliveryError as error:
            await self._failed(item, error)
            return
        except Exception as exc:
            log.exception("post %s: unexpected failure", item.dedup_key)
            await self._failed(item, DeliveryError(f"unexpected: {type(exc).__name__}: {exc}",
                                                   permanent=False, may_have_arrived=True))
            return
        await settler.sent(item, message_id)

    async def _failed(self, item: OutboxItem, error: DeliveryError) -> None:
        try:
            status = await self.outbox.mark_failed(item, self.owner, error, self.clock.now())
        except Exception:  # it stays leased and is retried once the lease runs out
            log.exception("post %s: failure not recorded", item.dedup_key)
            return
        log.warning("post %s not delivered (%s): %s", item.dedup_key, status, error.reason)
        if status == OutboxStatus.FAILED and self.on_permanent_failure is not None:
            await self.on_permanent_failure(item, error)


# How long a settle may wait to be written with others: none beyond one turn of the event
# loop, so the sends that finished together are settled in one transaction, and a post is
# settled before anything else (a shell's next command, another worker's claim) can run.
SETTLE_EVERY = 0.0
# Time kept in hand before a lease ends: a post is fenced again when less than a send and this
# is left of its claim's fence.
FENCE_MARGIN = 5.0


class _Settler:
    """Writes the sends Discord accepted, together: every lane's sends of one loop turn
    go in one transaction, and a lane waits for its post's settle before its next send."""

    def __init__(self, outbox: Outbox, owner: str, clock: Clock) -> None:
        self.outbox, self.owner, self.clock = outbox, owner, clock
        self.waiting: list[tuple[OutboxItem, int | None]] = []
        self.flushing: asyncio.Task[None] | None = None

    async def sent(self, item: OutboxItem, message_id: int | None) -> None:
        """Settle it with the others of this moment; returns once it is written (or failed:
        then it stays leased, and a resend after the lease returns it by its nonce)."""
        self.waiting.append((item, message_id))
        if self.flushing is None or self.flushing.done():
            self.flushing = asyncio.create_task(self._flush_soon())
        with contextlib.suppress(Exception):
            await asyncio.shield(self.flushing)

    async def _flush_soon(self) -> None:
        await asyncio.sleep(SETTLE_EVERY)
        batch, self.waiting = self.waiting, []
        if not batch:
            return
        try:
            settled = await self.outbox.mark_sent_many(batch, self.owner, self.clock.now())
        except Exception:
            log.exception("%d sent posts not settled", len(batch))
            return
        if settled < len(batch):
            log.warning("%d posts sent, but their lease was lost before they were settled",
                        len(batch) - settled)

    async def close(self) -> None:
        """Wait for the last settle of the batch."""
        if self.flushing is not None:
            with contextlib.suppress(Exception):
                await self.flushing
