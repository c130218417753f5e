"""Names for autocomplete: prefix matches on the indexed norm_name first, then fuzzy ones."""

from __future__ import annotations

from rapidfuzz import fuzz, process
from sqlalchemy import func, select

from bot.db import Database
from bot.facts.names import normalise
from bot.facts.scope import entity_seen
from bot.models import Entity

# Names scored fuzzily: the newest entities of the kind only, so a large base stays fast.
FUZZY_POOL = 2000
MAX_CHOICES = 25
_KINDS = {"artist": ("artist", "person"), "release": ("release",)}


async def search_names(db: Database, kind: str, query: str, limit: int = MAX_CHOICES,
                       guild_id: int | None = None) -> list[str]:
    """Up to `limit` (at most 25) names: prefix matches first, then fuzzy; empty → newest."""
    limit = max(0, min(limit, MAX_CHOICES))
    kinds = _KINDS.get(kind, (kind,))
    # another guild's articles do not leak their artists and releases into this guild's
    # autocomplete
    visible = entity_seen(guild_id)
    base = select(Entity.name).where(Entity.kind.in_(kinds), visible)
    target = normalise(query) if query.strip() else ""
    async with db.read() as session:
        if not target:
            rows = await session.scalars(base.order_by(Entity.id.desc()).limit(limit * 4))
            return list(dict.fromkeys(rows))[:limit]
        # A range on norm_name, not LIKE: SQLite's LIKE is case-insensitive and so cannot use
        # the (kind, norm_name) index; substr keeps the match exact where a collation orders
        # characters differently (PostgreSQL locales).
        after = target[:-1] + chr(ord(target[-1]) + 1)
        prefix = list(dict.fromkeys(await session.scalars(
            base.where(Entity.norm_name >= target, Entity.norm_name < after,
                       func.substr(Entity.norm_name, 1, len(target)) == target)
            .order_by(Entity.norm_name, Entity.id).limit(limit * 4))))
        found = prefix[:limit]
        if len(found) == limit:
            return found
        # Scored on the stored normalised names: normalising 2,000 names per keystroke
        # would cost more than the query.
        pool = await session.execute(
            select(Entity.name, Entity.norm_name).where(Entity.kind.in_(kinds), visible)
            .order_by(Entity.id.desc()).limit(FUZZY_POOL))
        choices: dict[str, str] = {}
        taken = set(found)
        for name, norm in pool:
            if name not in taken:
                choices.setdefault(name, norm)
    fuzzy = process.extract(target, choices, scorer=fuzz.ratio, limit=limit - len(found),
                            score_cutoff=50)
    return found + [name for _norm, _score, name in fuzzy]
