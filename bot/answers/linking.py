"""Entity linking: the entity a question's name means, tried by kind in the intent's order."""

from __future__ import annotations

from rapidfuzz import fuzz, process
from sqlalchemy import select

from bot.answers.questions import Question
from bot.facts.names import normalise
from bot.facts.store import FactStore
from bot.models import Entity

# Which kinds of entity each intent is about, most likely first.
_ORDER = {
    "release_date": ("release", "artist", "person"),
    "original_date": ("release", "artist"),
    "director": ("release", "artist"),
    "producer": ("release", "artist"),
    "latest_release": ("artist", "person"),
    "next_release": ("artist", "person"),
    "label": ("artist", "release", "person"),
    "partner": ("artist", "person"),
    "child": ("artist", "person"),
    "birthday": ("person", "artist"),
    "age": ("person", "artist"),
    "upcoming": ("artist", "person", "release"),
    "records_sold": ("artist", "person"),
    "about": ("artist", "release", "person", "label"),
    "articles": ("artist", "release", "person", "label"),
}
# Names fetched for "did you mean": the newest entities only, so a large base stays fast.
SUGGESTION_POOL = 2000


async def link(facts: FactStore, question: Question, guild_id: int | None) -> Entity | None:
    """The entity named, or None; "X's new album" and artist-only forms look for an artist."""
    kinds = _ORDER.get(question.intent, ("release", "artist", "person"))
    if question.artist_only:
        kinds = ("artist", "person")
    for kind in kinds:
        found = await facts.find_entity(kind, question.name, guild_id,
                                        artist=question.artist if kind == "release" else None)
        if found is not None:
            return found
    return None


async def suggestions(facts: FactStore, name: str, guild_id: int | None,
                      limit: int = 3) -> list[str]:
    """The known names nearest to an unknown one, from a bounded pool of recent entities."""
    query = select(Entity.name).order_by(Entity.id.desc()).limit(SUGGESTION_POOL)
    query = query.where(Entity.guild_id.is_(None) if guild_id is None
                        else (Entity.guild_id.is_(None)) | (Entity.guild_id == guild_id))
    async with facts.db.transaction() as session:
        names = list(dict.fromkeys(await session.scalars(query)))
    target = normalise(name)
    found = process.extract(target, names, scorer=fuzz.WRatio, processor=normalise,
                            limit=limit, score_cutoff=60)
    return [match for match, _score, _index in found]
