"""Guilds the bot has left: marked with a time, never deleted, and resumed on rejoining.

A left guild's subscriptions are not polled for and not posted to, its scheduled posts and
channel reminders are not sent, and its queued channel posts are settled as skipped. Rejoining
clears the mark: everything resumes as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import ColumnElement, exists, select, union, update

from bot.clock import Clock
from bot.db import Database, insert_ignoring_conflict
from bot.models import GuildSettingsRow, Subscription

log = logging.getLogger(__name__)

# The reason a queued post of a left guild is settled with.
LEFT_REASON = "skipped: the bot is no longer in this server"


def guild_left(guild_id: Any) -> ColumnElement[bool]:
    """SQL: the guild named by `guild_id` (a column or value) is marked as left."""
    return exists().where(GuildSettingsRow.guild_id == guild_id,
                          GuildSettingsRow.left_at.is_not(None))


def guild_present(guild_id: Any) -> ColumnElement[bool]:
    """SQL: the guild named by `guild_id` is not marked as left (a guild without settings is)."""
    return ~guild_left(guild_id)


class GuildLife:
    """Marks guilds left and rejoined, as the Discord adapter learns of it."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def left(self, guild_id: int) -> bool:
        """Mark a guild as left (kept if already marked); True when it was present before."""
        now = self.clock.now()
        async with self.db.transaction() as session:
            await insert_ignoring_conflict(session, GuildSettingsRow, {
                "guild_id": guild_id, "created_at": now, "updated_at": now}, ["guild_id"])
            result = await session.execute(
                update(GuildSettingsRow)
                .where(GuildSettingsRow.guild_id == guild_id, GuildSettingsRow.left_at.is_(None))
                .values(left_at=now))
        marked = int(getattr(result, "rowcount", 0) or 0) == 1
        if marked:
            log.info("left guild %d: its feeds and posts stop until the bot rejoins", guild_id)
        return marked

    async def joined(self, guild_id: int) -> bool:
        """Clear a guild's left mark; True when it was marked."""
        async with self.db.transaction() as session:
            result = await session.execute(
                update(GuildSettingsRow)
                .where(GuildSettingsRow.guild_id == guild_id,
                       GuildSettingsRow.left_at.is_not(None))
                .values(left_at=None))
        rejoined = int(getattr(result, "rowcount", 0) or 0) == 1
        if rejoined:
            log.info("rejoined guild %d: its feeds and posts resume", guild_id)
        return rejoined

    async def is_left(self, guild_id: int) -> bool:
        async with self.db.read() as session:
            return bool(await session.scalar(select(guild_left(guild_id))))

    async def reconcile(self, present: Iterable[int], owns: Callable[[int], bool]) -> list[int]:
        """At start-up: of the guilds the database knows (settings or subscriptions) that
        `owns` says are this process's, mark those not `present` as left and clear the mark of
        those present. Returns the guilds newly marked left."""
        here = set(present)
        async with self.db.read() as session:
            known = {int(g) for g in await session.scalars(union(
                select(GuildSettingsRow.guild_id), select(Subscription.guild_id)))}
            marked = {int(g) for g in await session.scalars(
                select(GuildSettingsRow.guild_id).where(GuildSettingsRow.left_at.is_not(None)))}
        gone = sorted(g for g in known - here if owns(g) and g not in marked)
        for guild_id in gone:
            await self.left(guild_id)
        for guild_id in sorted(marked & here):
            await self.joined(guild_id)
        return gone
