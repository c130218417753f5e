"""Notices to a guild's mod-log channel (delivery failures, and later corrections)."""

from __future__ import annotations

from bot.clock import Clock
from bot.db import Database
from bot.delivery.origin import NOTICE
from bot.delivery.outbox import DeliveryError, OutboxItem, enqueue
from bot.models import GuildSettingsRow
from bot.posts import Post
from bot.text import reply


class ModLog:
    """Queues notices for moderators; a guild without a mod-log channel gets none."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def notice(self, guild_id: int, text: str, key: str,
                     avoid_channel: int | None = None) -> bool:
        """Queue `text` once per `key`; False when there is nowhere (else) to post it."""
        now = self.clock.now()
        async with self.db.transaction() as session:
            row = await session.get(GuildSettingsRow, guild_id)
            channel = row.modlog_channel_id if row else None
            if channel is None or channel == avoid_channel:
                return False
            # Cut to Discord's 2,000 characters here: a longer notice would be refused with a
            # 400 and settled as failed for good, so the moderators would never see it.
            queued = await enqueue(session, dedup_key=f"modlog:{key}", post=Post(text=reply(text)),
                                   origin=NOTICE, now=now, guild_id=guild_id, channel_id=channel)
        return queued

    async def delivery_failed(self, item: OutboxItem, error: DeliveryError) -> None:
        """Tell moderators a post could not be delivered (a deleted channel, a permission)."""
        if item.guild_id is None or item.channel_id is None:
            return
        await self.notice(
            item.guild_id,
            f"⚠️ I could not post in <#{item.channel_id}>: {error.reason}. "
            "Check that the channel exists and that I may view it, send messages and "
            "embed links there.",
            key=f"delivery-failed:{item.id}",
            avoid_channel=item.channel_id,
        )
