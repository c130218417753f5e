"""The outbox worker: claims due posts in batches and hands them to the adapter's sender."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from typing import Protocol

from bot.clock import Clock
from bot.schedule.outbox import DeliveryError, Outbox, OutboxItem

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
        items = await self.outbox.claim(self.owner, self.clock.now(), limit=self.batch,
                                        guild_ids=self.guild_ids)
        # Posts to one channel (or one user) go out in order; different ones at the same time,
        # so that one slow channel does not hold up the rest of the batch. The sent ones are
        # then settled together, in one transaction.
        lanes: dict[tuple[int | None, int | None], list[OutboxItem]] = {}
        for item in items:
            lanes.setdefault((item.channel_id, item.user_id), []).append(item)
        sent: list[tuple[OutboxItem, int | None]] = []
        await asyncio.gather(*(self._deliver_in_order(lane, sent) for lane in lanes.values()))
        await self.outbox.mark_sent_many(sorted(sent, key=lambda s: s[0].id), self.owner,
                                         self.clock.now())
        return len(items)

    async def _deliver_in_order(self, lane: list[OutboxItem],
                                sent: list[tuple[OutboxItem, int | None]]) -> None:
        for item in lane:
            if self.stopping:  # the rest stays claimed and is given back (Outbox.release)
                break
            delivered, message_id = await self._deliver(item)
            if delivered:
                sent.append((item, message_id))

    async def _deliver(self, item: OutboxItem) -> tuple[bool, int | None]:
        try:
            message_id = await self.sender.send(item)
        except DeliveryError as error:
            status = await self.outbox.mark_failed(item, self.owner, error, self.clock.now())
            log.warning("post %s not delivered (%s): %s", item.dedup_key, status, error.reason)
            if status == "failed" and self.on_permanent_failure is not None:
                await self.on_permanent_failure(item, error)
            return False, None
        except Exception as exc:
            log.exception("post %s: unexpected failure", item.dedup_key)
            unexpected = DeliveryError(f"unexpected: {type(exc).__name__}: {exc}",
                                       permanent=False)
            await self.outbox.mark_failed(item, self.owner, unexpected, self.clock.now())
            return False, None
        return True, message_id
