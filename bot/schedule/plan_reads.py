"""The planner's bounded reads: a guild's view of releases, members and dates, in chunks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.facts.views import EntityView, FactView, entities_in, facts_in
from bot.kinds_and_states import EntityKind
from bot.models import Entity

_CHUNK = 500


def _chunks(ids: Iterable[int]) -> list[list[int]]:
    wanted = sorted(set(ids))
    return [wanted[i:i + _CHUNK] for i in range(0, len(wanted), _CHUNK)]


async def guild_facts(session: AsyncSession, ids: Iterable[int], predicates: Sequence[str],
                      guild_id: int | None, *, by_object: bool = False) -> list[FactView]:
    """Accepted facts about (or, `by_object`, pointing at) these entities as the guild sees
    them (`bot.facts.views`): its removals honoured, its own single-valued value replacing the
    global one; oldest first."""
    read = await facts_in(session, ids, guild_id, predicates, by_object=by_object, cited=False)
    return read.accepted(predicates)


async def entities_by_id(session: AsyncSession, ids: Iterable[int]) -> dict[int, EntityView]:
    return {e.id: e for e in await entities_in(session, ids)}


async def releases_of(session: AsyncSession, artist_ids: set[int],
                      guild_id: int | None) -> dict[int, int]:
    """Release id → its artist id, for releases by these artists (entity link or `by` fact)."""
    found: dict[int, int] = {}
    for chunk in _chunks(artist_ids):
        for release_id, artist_id in await session.execute(
                select(Entity.id, Entity.artist_id).where(
                    Entity.kind == EntityKind.RELEASE, Entity.artist_id.in_(chunk),
                    or_(Entity.guild_id.is_(None), Entity.guild_id == guild_id))):
            if artist_id is not None:
                found[release_id] = artist_id
    for fact in await guild_facts(session, artist_ids, ["by"], guild_id, by_object=True):
        if fact.object_entity_id is not None:
            found.setdefault(fact.subject_id, fact.object_entity_id)
    return found


async def members_of(session: AsyncSession, artist_ids: set[int],
                     guild_id: int | None) -> dict[int, int]:
    """Person id → the artist (group) they are a member of."""
    return {f.object_entity_id: f.subject_id
            for f in await guild_facts(session, artist_ids, ["member"], guild_id)
            if f.object_entity_id is not None}


def first_by_subject(facts: Sequence[FactView]) -> dict[int, FactView]:
    """The newest accepted fact per subject (a guild's own wins, as `guild_facts` ordered)."""
    found: dict[int, FactView] = {}
    for fact in facts:
        current = found.get(fact.subject_id)
        if current is None or (fact.guild_id is not None, fact.id) > \
                (current.guild_id is not None, current.id):
            found[fact.subject_id] = fact
    return found


def payload_key(payload: dict[str, Any], keys: Sequence[str]) -> tuple[Any, ...]:
    return tuple(repr(payload.get(k)) for k in keys)
