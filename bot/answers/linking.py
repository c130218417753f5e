"""Entity linking: the entity a question's name means, tried by kind in the intent's order."""

from __future__ import annotations

import re

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


async def link(facts: FactStore, question: Question, guild_id: int | None) -> list[Entity]:
    """The entities the name may mean, the intent's likeliest kind first; empty when none."""
    kinds = _ORDER.get(question.intent, ("release", "artist", "person"))
    if question.artist_only:
        kinds = ("artist", "person")
    if question.intent == "event":
        return await _names_within(facts, question.name, guild_id)
    owner = _RELATIVE.fullmatch(question.name)
    if owner and question.intent in ("birthday", "age"):
        # "Usher's daughter": the person the owner's child (or partner) fact names.
        return await _relatives(facts, owner.group(1), owner.group(2).lower(), guild_id)
    # A release by the artist named comes first; failing that, one by another act (the artist
    # named may be a guest, or the release stored under another act).
    return await facts.find_entities(kinds, question.name, guild_id, artist=question.artist)


_RELATIVE = re.compile(r"(.+?)['’]s? (?:new(?:born)? |baby |eldest |youngest )?"
                       r"(daughter|son|child|baby|kid|wife|husband|partner|girlfriend|boyfriend)",
                       re.IGNORECASE)
# Words never a name's start or end when looking for names inside a question.
_FILLER = frozenset({"a", "an", "the", "of", "on", "in", "at", "to", "for", "with", "and", "or",
                     "is", "was", "be", "by", "from", "her", "his", "their", "its", "does",
                     "did", "do", "will", "when", "where", "what", "new", "next", "first"})


async def _relatives(facts: FactStore, owner: str, relation: str,
                     guild_id: int | None) -> list[Entity]:
    predicate = "child" if relation in ("daughter", "son", "child", "baby", "kid") else "partner"
    for kind in ("artist", "person"):
        entity = await facts.find_entity(kind, owner, guild_id)
        if entity is None:
            continue
        ids = [f.object_entity_id for f in await facts.facts_about(entity.id, guild_id)
               if f.predicate == predicate and f.object_entity_id is not None]
        async with facts.db.read() as session:
            found = list(await session.scalars(select(Entity).where(Entity.id.in_(ids))))
        if found:
            return found
    return []


async def _names_within(facts: FactStore, text: str, guild_id: int | None) -> list[Entity]:
    """Known names inside a free question, longest spans first (at most six words each)."""
    words = re.sub(r"['’]s\b", "", text).split()
    found: list[Entity] = []
    taken: set[int] = set()
    for size in range(min(6, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            span = range(start, start + size)
            if taken & set(span):
                continue
            part = words[start:start + size]
            if part[0].lower() in _FILLER or part[-1].lower() in _FILLER:
                continue
            entities = await facts.find_entities(("artist", "person", "release"),
                                                 " ".join(part), guild_id)
            if entities:
                found.append(entities[0])
                taken.update(span)
    return found


async def suggestions(facts: FactStore, name: str, guild_id: int | None,
                      limit: int = 3) -> list[str]:
    """The known names nearest to an unknown one, from a bounded pool of recent entities."""
    query = select(Entity.name).order_by(Entity.id.desc()).limit(SUGGESTION_POOL)
    query = query.where(Entity.guild_id.is_(None) if guild_id is None
                        else (Entity.guild_id.is_(None)) | (Entity.guild_id == guild_id))
    async with facts.db.read() as session:
        names = list(dict.fromkeys(await session.scalars(query)))
    target = normalise(name)
    found = process.extract(target, names, scorer=fuzz.WRatio, processor=normalise,
                            limit=limit, score_cutoff=60)
    return [match for match, _score, _index in found]
