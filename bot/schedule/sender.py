"""The outbox worker: claims due posts in batches, fences and settles each send on its own."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from typing import Protocol

from bot.clock import Clock
from bot.schedule.outbox import SEND_TIMEOUT, DeliveryError, Outbox, OutboxItem

log = logging.getLogger(__name__)


class PostSender(Protocol):
    """What an adapter implements to deliver a post: Discord, or the shell's terminal."""

    async def send(self, item: OutboxItem) -> int | None:
        """Deliver it; return the message id if there is one; raise DeliveryError on failure."""
        ...


class FailureListener(Protocol):
    async def __call__(self, item: OutboxItem, error: DeliveryError) -> None: ...


def worker_name() -> str:
    """A lease owner unique to this process (host, pid and a random part)."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{secrets.token_hex(3)}"


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
        self.owner = owner or worker_name()
        self.guild_ids = guild_ids
        self.batch = batch
        self.idle = idle
        self.on_permanent_failure = on_permanent_failure
        self.stopping = False

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
        claimed = await self.outbox.claim_due(self.owner, self.clock.now(), limit=self.batch,
                                              guild_ids=self.guild_ids)
        for item in claimed.exhausted:
            log.warning("post %s failed: %d sends without an answer", item.dedup_key,
                        item.attempts)
            if self.on_permanent_failure is not None:
                await self.on_permanent_failure(item, DeliveryError(
                    f"{item.attempts} sends without an answer", permanent=True))
        # Posts to one channel (or one user) go out in order; different ones at the same time,
        # so that one slow channel does not hold up the rest of the batch.
        lanes: dict[tuple[int | None, int | None], list[OutboxItem]] = {}
        for item in claimed.items:
            lanes.setdefault((item.channel_id, item.user_id), []).append(item)
        await asyncio.gather(*(self._deliver_in_order(lane) for lane in lanes.values()))
        return len(claimed.items)

    async def _deliver_in_order(self, lane: list[OutboxItem]) -> None:
        for claimed in lane:
            if self.stopping:  # the rest stays claimed and is given back (Outbox.release)
                break
            # Fenced: a post is sent only under a lease just renewed for the whole send. Posts
            # at the end of a slow lane whose claim ran out are left to the next claim.
            try:
                item = await self.outbox.confirm(claimed, self.owner, self.clock.now())
            except Exception:  # the database is away: the claims run out and are taken again
                log.exception("outbox worker: could not confirm a lease; leaving the batch")
                return
            if item is None:
                log.info("post %s: claim ran out or taken over; not sent here",
                         claimed.dedup_key)
                continue
            await self._deliver(item)

    async def _deliver(self, item: OutboxItem) -> None:
        """Send, then settle at once: a crash now can repeat only this one send, and only
        after its lease, well within Discord's nonce window."""
        try:
            try:
                async with asyncio.timeout(SEND_TIMEOUT):  # the lease outlives this wait
                    message_id = await self.sender.send(item)
            except TimeoutError:
                raise DeliveryError(f"no answer from Discord within {SEND_TIMEOUT:g} s",
                                    permanent=False) from None
        except DeliveryError as error:
            await self._failed(item, error)
            return
        except Exception as exc:
            log.exception("post %s: unexpected failure", item.dedup_key)
            await self._failed(item, DeliveryError(f"unexpected: {type(exc).__name__}: {exc}",
                                                   permanent=False))
            return
        try:
            if not await self.outbox.mark_sent(item, self.owner, message_id, self.clock.now()):
                log.warning("post %s sent, but its lease was lost before it was settled",
                            item.dedup_key)
        except Exception:  # it stays leased; a resend after the lease returns it by its nonce
            log.exception("post %s sent but not settled", item.dedup_key)

    async def _failed(self, item: OutboxItem, error: DeliveryError) -> None:
        try:
            status = await self.outbox.mark_failed(item, self.owner, error, self.clock.now())
        except Exception:  # it stays leased and is retried once the lease runs out
            log.exception("post %s: failure not recorded", item.dedup_key)
            return
        log.warning("post %s not delivered (%s): %s", item.dedup_key, status, error.reason)
        if status == "failed" and self.on_permanent_failure is not None:
            await self.on_permanent_failure(item, error)
