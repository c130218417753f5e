"""The outbox worker: claims due posts in batches and hands them to the adapter's sender."""

from __future__ import annotations

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
        for item in items:
            if self.stopping:
                break
            await self._deliver(item)
        return len(items)

    async def _deliver(self, item: OutboxItem) -> None:
        try:
            message_id = await self.sender.send(item)
        except DeliveryError as error:
            status = await self.outbox.mark_failed(item, self.owner, error, self.clock.now())
            log.warning("post %s not delivered (%s): %s", item.dedup_key, status, error.reason)
            if status == "failed" and self.on_permanent_failure is not None:
                await self.on_permanent_failure(item, error)
            return
        except Exception as exc:
            log.exception("post %s: unexpected failure", item.dedup_key)
            unexpected = DeliveryError(f"unexpected: {type(exc).__name__}: {exc}",
                                       permanent=False)
            await self.outbox.mark_failed(item, self.owner, unexpected, self.clock.now())
            return
        if not await self.outbox.mark_sent(item, self.owner, message_id, self.clock.now()):
            log.warning("post %s was sent, but its lease had passed to another worker "
                        "(the nonce makes the resend return the same message)", item.dedup_key)
