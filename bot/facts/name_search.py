"""Names as fans type them: autocomplete, the nearest known names to an unknown one, id → name."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

from rapidfuzz import fuzz
from sqlalchemy import select

from bot.db import Database
from bot.facts.name_index import NameIndex
from bot.facts.names import normalise
from bot.facts.resolve import KINDS
from bot.facts.scope import entity_seen
from bot.facts.store import FactStore
from bot.facts.visible_names import KINDS as VISIBLE_KINDS
from bot.facts.visible_names import Seen
from bot.models import Entity

MAX_CHOICES = 25
_KINDS = {"artist": ("artist", "person"), "release": ("release",)}


async def search_names(facts: FactStore, kind: str, query: str, limit: int = MAX_CHOICES,
                       guild_id: int | None = None) -> list[str]:
    """Up to `limit` (at most 25) names the guild sees: names and aliases starting with what
    was typed first (by name), then the nearest others (ratio ≥ 50); empty → newest."""
    limit = max(0, min(limit, MAX_CHOICES))
    kinds = _KINDS.get(kind, (kind,))
    target = normalise(query) if query.strip() else ""
    seen = facts.visible.get(guild_id) \
        if facts.names.ready and set(kinds) <= set(VISIBLE_KINDS) else None
    if seen is not None:
        # From memory: the same answer, without queueing for a connection behind other
        # commands' work (an autocomplete cannot defer; Discord waits 3 s at most).
        return _from_memory(facts.names, seen, kinds, target, limit, guild_id)
    async with facts.db.read() as session:
        if not target:
            # another guild's articles do not leak their artists and releases into this
            # guild's autocomplete
            rows = await session.scalars(
                select(Entity.name).where(Entity.kind.in_(kinds), entity_seen(guild_id))
                .order_by(Entity.id.desc()).limit(limit * 4))
            return list(dict.fromkeys(rows))[:limit]
        found = [m.name for m in await facts.names.prefix(session, target, kinds, guild_id,
                                                          limit)]
        if len(found) >= limit:
            return found
        near = await facts.names.near(session, target, kinds, guild_id, scorer=fuzz.ratio,
                                      cutoff=50, limit=limit - len(found), exclude=found)
    return found + [m.name for m in near]


def _from_memory(index: NameIndex, seen: Seen, kinds: tuple[str, ...], target: str, limit: int,
                 guild_id: int | None) -> list[str]:
    """`search_names` over the guild's copy of what it sees (`VisibleNames`)."""
    if not target:
        newest = (seen.names[i] for i in seen.newest)
        rows = islice((name for name, entity_kind in newest if entity_kind in kinds), limit * 4)
        return list(dict.fromkeys(rows))[:limit]
    found = [m.name for m in index.prefix_in(seen.names, target, kinds, guild_id, limit)]
    if len(found) >= limit:
        return found
    near = index.near_in(seen.names, target, kinds, guild_id, scorer=fuzz.ratio, cutoff=50,
                         limit=limit - len(found), exclude=found)
    return found + [m.name for m in near]


async def suggestions(facts: FactStore, name: str, guild_id: int | None,
                      limit: int = 3) -> list[str]:
    """The known names nearest to an unknown one (names and aliases of every kind the guild
    sees, from the name index: its rarest trigrams, rescored with WRatio)."""
    async with facts.db.read() as session:
        found = await facts.names.near(session, normalise(name), KINDS, guild_id,
                                       scorer=fuzz.WRatio, cutoff=60, limit=limit)
    return [match.name for match in found]


async def names(db: Database, ids: Iterable[int | None]) -> dict[int, str]:
    """The names of these entities, by id (None and unknown ids left out)."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    async with db.read() as session:
        rows = await session.execute(select(Entity.id, Entity.name).where(Entity.id.in_(wanted)))
        return {entity_id: name for entity_id, name in rows}
