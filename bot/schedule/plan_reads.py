"""The planner's bounded reads: a guild's view of releases, members and dates, in chunks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.facts.scope import guild_view, read_view, scope, with_revisions
from bot.kinds_and_states import EntityKind
from bot.models import Entity, Fact

_CHUNK = 500


def _chunks(ids: Iterable[int]) -> list[list[int]]:
    wanted = sorted(set(ids))
    return [wanted[i:i + _CHUNK] for i in range(0, len(wanted), _CHUNK)]


async def guild_facts(session: AsyncSession, ids: Iterable[int], predicates: Sequence[str],
                      guild_id: int | None, *, by_object: bool = False) -> list[Fact]:
    """Accepted facts about (or, `by_object`, pointing at) these entities as the guild sees
    them: its removals honoured, its own single-valued value replacing the global one."""
    rows: list[Fact] = []
    column = Fact.object_entity_id if by_object else Fact.subject_id
    for chunk in _chunks(ids):
        rows.extend(await read_view(session, select(Fact).where(
            column.in_(chunk), Fact.predicate.in_(with_revisions(predicates)), scope(guild_id))
            .order_by(Fact.id), predicates=predicates))
    return guild_view(sorted(rows, key=lambda f: f.id))


async def entities_by_id(session: AsyncSession, ids: Iterable[int]) -> dict[int, Entity]:
    found: dict[int, Entity] = {}
    for chunk in _chunks(ids):
        found.update((e.id, e) for e in await session.scalars(
            select(Entity).where(Entity.id.in_(chunk))))
    return found


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


def first_by_subject(facts: Sequence[Fact]) -> dict[int, Fact]:
    """The newest accepted fact per subject (a guild's own wins, as `guild_facts` ordered)."""
    found: dict[int, Fact] = {}
    for fact in facts:
        current = found.get(fact.subject_id)
        if current is None or (fact.guild_id is not None, fact.id) > \
                (current.guild_id is not None, current.id):
            found[fact.subject_id] = fact
    return found


def payload_key(payload: dict[str, Any], keys: Sequence[str]) -> tuple[Any, ...]:
    return tuple(repr(payload.get(k)) for k in keys)
