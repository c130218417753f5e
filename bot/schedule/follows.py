"""Which artists a guild's scheduled posts cover: its follows, else its articles' artists."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, union
from sqlalchemy.ext.asyncio import AsyncSession

from bot.actors import Actor
from bot.clock import Clock
from bot.db import Database, insert_ignoring_conflict, publish
from bot.errors import UserError
from bot.facts.name_search import suggestions
from bot.facts.store import FactStore
from bot.guilds.changes import GuildChanged
from bot.kinds_and_states import EntityKind, FactStatus
from bot.models import AuditEntry, Entity, Fact, Follow, GuildArticle


@dataclass(frozen=True)
class FollowChange:
    """What `/follow` or `/unfollow` did."""

    artist: str
    entity_id: int
    following: bool
    changed: bool


async def covered_artists(session: AsyncSession, guild_id: int) -> set[int]:
    """Followed artists ∪ artists in the facts of the guild's own articles − unfollowed ones."""
    follows: dict[int, bool] = {entity_id: on for entity_id, on in await session.execute(
        select(Follow.entity_id, Follow.following).where(Follow.guild_id == guild_id))}
    guild_articles = select(GuildArticle.article_id).where(GuildArticle.guild_id == guild_id)
    found: set[int] = set()
    for column in (Fact.subject_id, Fact.object_entity_id):
        found.update(await session.scalars(
            select(Entity.id).distinct().join(Fact, Entity.id == column)
            .where(Fact.article_id.in_(guild_articles), Entity.kind == EntityKind.ARTIST,
                   Fact.status != FactStatus.REJECTED)))
    found.update(e for e, on in follows.items() if on)
    return {e for e in found if follows.get(e, True)}


async def guilds_covering(session: AsyncSession, artist_ids: set[int]) -> set[int]:
    """Guilds whose coverage may include one of these artists (follows or their articles)."""
    if not artist_ids:
        return set()
    wanted = sorted(artist_ids)
    found: set[int] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        # One statement (learning asks after every page), each part found by its own index.
        found.update(await session.scalars(union(
            select(Follow.guild_id).where(Follow.entity_id.in_(chunk),
                                          Follow.following.is_(True)),
            *(select(GuildArticle.guild_id)
              .join(Fact, Fact.article_id == GuildArticle.article_id)
              .where(column.in_(chunk))
              for column in (Fact.subject_id, Fact.object_entity_id)))))
    return found


class FollowService:
    """`/follow` and `/unfollow`: a moderator's choice of artists, audited; publishes
    `GuildChanged` (the schedule is re-planned after the reply)."""

    def __init__(self, db: Database, facts: FactStore, clock: Clock) -> None:
        self.db = db
        self.facts = facts
        self.clock = clock

    async def follow(self, actor: Actor, name: str) -> FollowChange:
        return await self._set(actor, name, True)

    async def unfollow(self, actor: Actor, name: str) -> FollowChange:
        return await self._set(actor, name, False)

    async def covered(self, guild_id: int) -> list[str]:
        """The names of the artists the guild's scheduled posts cover, sorted."""
        async with self.db.transaction() as session:
            ids = await covered_artists(session, guild_id)
            if not ids:
                return []
            names = await session.scalars(select(Entity.name).where(Entity.id.in_(sorted(ids))))
            return sorted(set(names), key=str.casefold)

    async def _artist(self, name: str, guild_id: int) -> Entity:
        if not name.strip():
            raise UserError("Name the artist, e.g. artist:\"Mara Vale\".")
        entity = await self.facts.find_entity("artist", name, guild_id)
        if entity is None:
            near = await suggestions(self.facts, name, guild_id)
            hint = f" Did you mean {' or '.join(near)}?" if near else ""
            raise UserError(f"I don't know an artist called '{name.strip()}'.{hint}")
        return entity

    async def _set(self, actor: Actor, name: str, following: bool) -> FollowChange:
        guild_id = actor.require_moderator()
        artist = await self._artist(name, guild_id)
        now = self.clock.now()
        async with self.db.transaction() as session:
            query = select(Follow).where(Follow.guild_id == guild_id,
                                         Follow.entity_id == artist.id).with_for_update()
            row = await session.scalar(query)
            before = None if row is None else row.following
            if row is None:
                await insert_ignoring_conflict(session, Follow, {
                    "guild_id": guild_id, "entity_id": artist.id, "following": following,
                    "created_at": now}, ["guild_id", "entity_id"])
                row = await session.scalar(query)
            assert row is not None
            changed = before is None or before != following
            row.following = following
            if changed:
                session.add(AuditEntry(
                    guild_id=guild_id, user_id=actor.user_id,
                    action="follow" if following else "unfollow",
                    target=f"artist:{artist.name}"[:300], created_at=now,
                    before=None if before is None else {"following": before},
                    after={"following": following}))
                publish(session, GuildChanged(guild_id, "follows"))
        return FollowChange(artist.name, artist.id, following, changed)
