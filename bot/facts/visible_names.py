"""`VisibleNames`: per guild, the artists, people and releases it may be told of, in memory."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select

from bot.db import Database
from bot.facts.name_index import NameIndex
from bot.facts.scope import entity_seen
from bot.models import Entity

log = logging.getLogger(__name__)

# The kinds autocomplete offers (`name_search._KINDS`), the only ones kept.
KINDS = ("artist", "person", "release")
# What decides whether a guild sees an entity (`entity_seen`): a write to any of these by this
# process makes every copy stale at once.
TABLES = ("entities", "aliases", "facts", "articles", "guild_articles", "guild_settings")
# Another process's writes are not seen: a copy is trusted this long after it was read.
FRESH_SECONDS = 30.0
# ... and read again in the background once this old, while fans keep typing.
RENEW_SECONDS = FRESH_SECONDS / 2
# Only a base this small (names and aliases in the index) is copied: reading every entity a
# guild sees is then a few milliseconds, and the copy a few hundred kilobytes.
MAX_NAMES = 50_000
# Guilds copied at most, and entities in all their copies (about 200 bytes each: 100 MB), the
# least recently asked for dropped first.
MAX_GUILDS = 256
MAX_ENTRIES = 500_000


@dataclass(frozen=True)
class Seen:
    """One guild's visible entities as one read found them."""

    names: Mapping[int, tuple[str, str]]  # entity id -> (display name, kind)
    newest: tuple[int, ...]  # the ids, highest first
    generation: int  # the writes counted when the read began
    read_at: float


class VisibleNames:
    """Which entities each guild sees (`entity_seen`), copied from the database so that
    autocomplete can answer from memory without queueing for a connection.

    A copy is used only while it is exact for this process: no write by this process to a
    table that decides visibility since its read began (`Database.watch`), and at most
    `FRESH_SECONDS` old (writes by another process, a `fanzine ingest` beside the bot). Else
    the caller asks the database as before, and a new copy is read in the background.
    """

    def __init__(self, db: Database, index: NameIndex, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._db = db
        self._index = index
        self._clock = clock
        self._generation = 0
        self._copies: OrderedDict[int | None, Seen] = OrderedDict()
        self._reading: dict[int | None, asyncio.Task[None]] = {}
        self._many: asyncio.Task[None] | None = None
        self._queued: OrderedDict[int, None] = OrderedDict()  # for `_many`, in turn
        db.watch(TABLES, self.changed)

    def changed(self) -> None:
        """A table that decides visibility was written: every copy is stale."""
        self._generation += 1

    def get(self, guild_id: int | None) -> Seen | None:
        """The guild's copy if it is exact (`peek`); a stale, missing or ageing copy is read
        again in the background."""
        copy = self.peek(guild_id)
        if copy is None or self._clock() - copy.read_at > RENEW_SECONDS:
            self.warm(guild_id)
        if copy is not None:
            self._copies.move_to_end(guild_id)
        return copy

    def peek(self, guild_id: int | None) -> Seen | None:
        """The guild's copy if it is exact (see the class), else None; reads nothing."""
        copy = self._copies.get(guild_id)
        if copy is None or copy.generation != self._generation \
                or self._clock() - copy.read_at > FRESH_SECONDS:
            return None
        return copy

    def warm(self, guild_id: int | None) -> None:
        """Read the guild's copy in the background (once at a time per guild)."""
        if guild_id in self._reading or len(self._index) > MAX_NAMES:
            return
        task = asyncio.get_running_loop().create_task(self._read_logged(guild_id),
                                                      name=f"visible names {guild_id}")
        self._reading[guild_id] = task
        task.add_done_callback(lambda _t: self._reading.pop(guild_id, None))

    def warm_many(self, guild_ids: Iterable[int]) -> None:
        """Read these guilds' copies in the background, one after another (at start, so that
        the first fans typing after a restart are answered from memory too); `MAX_GUILDS` at
        most wait their turn."""
        if len(self._index) > MAX_NAMES:
            return
        for guild_id in guild_ids:
            self._queued[guild_id] = None
        while len(self._queued) > MAX_GUILDS:
            self._queued.popitem(last=False)
        if self._queued and self._many is None:
            self._many = asyncio.get_running_loop().create_task(self._read_queued(),
                                                                name="visible names")

    async def _read_queued(self) -> None:
        try:
            while self._queued:
                guild_id, _ = self._queued.popitem(last=False)
                if guild_id not in self._reading:
                    await self._read_logged(guild_id)
        finally:
            self._many = None

    async def _read_logged(self, guild_id: int | None) -> None:
        try:
            await self.read(guild_id)
        except Exception:  # autocomplete keeps asking the database; nothing is lost
            log.warning("could not read guild %s's visible names", guild_id, exc_info=True)

    async def read(self, guild_id: int | None) -> Seen | None:
        """Read the guild's copy now (None when the base is too large to copy)."""
        generation = self._generation
        async with self._db.read() as session:
            # The index caught up in the same snapshot, so that it knows every name the copy
            # says the guild sees (a look-up from memory does not catch up).
            await self._index.catch_up(session)
            if len(self._index) > MAX_NAMES:
                return None
            rows = list(await session.execute(
                select(Entity.id, Entity.name, Entity.kind)
                .where(Entity.kind.in_(KINDS), entity_seen(guild_id))))
        names = {entity_id: (name, kind) for entity_id, name, kind in rows}
        copy = Seen(names, tuple(sorted(names, reverse=True)), generation, self._clock())
        self._copies[guild_id] = copy
        self._copies.move_to_end(guild_id)
        while len(self._copies) > 1 and (len(self._copies) > MAX_GUILDS or sum(
                len(c.newest) for c in self._copies.values()) > MAX_ENTRIES):
            self._copies.popitem(last=False)
        return copy

    async def wait_idle(self) -> None:
        """Wait for the background reads started so far (and those they queue)."""
        while tasks := [*self._reading.values(), *([self._many] if self._many else [])]:
            await asyncio.gather(*tasks, return_exceptions=True)

    async def close(self) -> None:
        """Cancel the reads still running (before the database closes)."""
        tasks = list(self._reading.values()) + ([self._many] if self._many else [])
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
