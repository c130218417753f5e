"""Cards: what the fact base knows about one artist or one release, with numbered sources."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.answers.model import show_date
from bot.clock import Clock
from bot.db import Database
from bot.errors import UserError
from bot.facts import name_search
from bot.facts.name_search import suggestions
from bot.facts.store import FactStore
from bot.facts.stored_dates import fact_date
from bot.facts.views import (
    CitedArticle,
    EntityView,
    FactSet,
    FactView,
    artist_facts,
    read_facts,
)
from bot.partial_dates import PartialDate, to_partial

_CREDITS = (("directed_by", "Director"), ("produced_by", "Producer"), ("written_by", "Writer"),
            ("label", "Label"))
_PEOPLE = ("featuring", "member", "former_member", "partner", "former_partner", "child", "parent",
           "related")
_UPCOMING = ("release_date", "tour_date", "event", "anniversary")
MAX_SOURCES = 5


@dataclass(frozen=True)
class CardDate:
    """A date as shown ("June 10, 2022", "July 2022", "2021"); `day` only when day-precise."""

    what: str
    text: str
    day: date | None = None


@dataclass(frozen=True)
class CardSource:
    title: str
    outlet: str | None
    published: str | None
    url: str | None


@dataclass
class ReleaseCard:
    title: str
    kind: str | None
    artist: str | None
    status: str | None
    released: CardDate | None
    credits: list[tuple[str, str]] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    upcoming: list[CardDate] = field(default_factory=list)
    sources: list[CardSource] = field(default_factory=list)
    # The release's entity: a persistent page button carries it to read the card again.
    entity_id: int = 0


@dataclass
class ArtistCard:
    name: str
    kind: str
    born: CardDate | None
    credits: list[tuple[str, str]] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    releases: list[CardDate] = field(default_factory=list)
    upcoming: list[CardDate] = field(default_factory=list)
    sources: list[CardSource] = field(default_factory=list)
    # The artist's entity: a persistent page button carries it to read the card again.
    entity_id: int = 0


def card_date(what: str, value: date | None, precision: str | None) -> CardDate | None:
    return shown_date(what, to_partial(value, precision))


def shown_date(what: str, when: PartialDate | None) -> CardDate | None:
    """A date as a card shows it (None for no date)."""
    if when is None:
        return None
    return CardDate(what, show_date(when), when.first_day() if when.day is not None else None)


class CardService:
    """Builds cards from stored facts only; an unknown name is a UserError with suggestions."""

    def __init__(self, db: Database, facts: FactStore, clock: Clock) -> None:
        self.db = db
        self.facts = facts
        self.clock = clock

    async def artist_card(self, name: str, guild_id: int | None = None) -> ArtistCard:
        """The card of an artist (or person): one read snapshot for all its look-ups."""
        async with self.db.read():
            return await self._artist_card(name, guild_id)

    async def release_card(self, title: str, guild_id: int | None = None) -> ReleaseCard:
        """The card of a release: one read snapshot for all its look-ups."""
        async with self.db.read():
            return await self._release_card(title, guild_id)

    async def _artist_card(self, name: str, guild_id: int | None) -> ArtistCard:
        entity = await self._find(("artist", "person"), name, guild_id, "artist")
        # One read of the artist's facts and of its releases' (the card shows their dates and
        # what is coming up), with the names and articles they carry; a release without a
        # fact in the guild's view shows nothing here, so only those with one are named.
        releases, read = await artist_facts(self.db, entity.id, guild_id)
        every = read.about(entity.id)
        dated_facts = read.accepted(_UPCOMING)
        dates = [f for f in dated_facts if f.predicate == "release_date"
                 and f.subject_id != entity.id]
        used: list[FactView] = [f for f in every if f.predicate != "kind"]
        born = next((f for f in every if f.predicate == "born"), None)
        dated = sorted(dates, key=lambda f: (f.object_date or date.min, f.id))
        objects, _ = await self._objects(read, every)
        card = ArtistCard(
            entity.name, entity.kind,
            card_date("Born", born.object_date, born.object_precision) if born else None,
            credits=self._credits(every, objects), people=self._people(every, objects),
            releases=[d for f in dated if f.subject_id in releases
                      and (d := card_date(releases[f.subject_id], f.object_date,
                                          f.object_precision))],
            upcoming=await self._upcoming({entity.id: entity.name, **releases}, guild_id,
                                          dated_facts),
            entity_id=entity.id)
        card.sources = self._sources(read, [*used, *dated])
        return card

    async def _release_card(self, title: str, guild_id: int | None) -> ReleaseCard:
        entity = await self._find(("release",), title, guild_id, "release")
        read = await read_facts(self.db, [entity.id], guild_id)
        every = read.about(entity.id)
        one = {f.predicate: f for f in reversed(every)}
        objects, names = await self._objects(read, every, also=[entity.artist_id])
        artist = names.get(entity.artist_id or -1)
        if artist is None and "by" in one:
            artist = objects[one["by"].id]
        kind = one["kind"].object_text if "kind" in one else entity.release_kind
        dated = one.get("release_date")
        # A guild's card shows the date its own articles give (the entity carries every
        # article's), and the status that date implies.
        released = card_date("Released", dated.object_date, dated.object_precision) \
            if dated else None if guild_id is not None \
            else shown_date("Released", entity.date)
        status = entity.status
        when = fact_date(dated) if dated else None
        if guild_id is not None and when is not None and when.precision == "day":
            status = "released" if when.first_day() <= self.clock.now().date() else "upcoming"
        card = ReleaseCard(entity.name, kind, artist, status, released,
                           credits=self._credits(every, objects),
                           people=self._people(every, objects),
                           # The release's own dated facts are among those already read.
                           upcoming=await self._upcoming(
                               {entity.id: entity.name}, guild_id,
                               [f for f in every if f.predicate in _UPCOMING]),
                           entity_id=entity.id)
        card.sources = self._sources(read, every)
        return card

    async def _find(self, kinds: Sequence[str], name: str, guild_id: int | None,
                    word: str) -> EntityView:
        if not name.strip():
            raise UserError(f"Give the {word}'s name.")
        found = await self.facts.find_entities(kinds, name, guild_id)
        if found:
            return EntityView.of(found[0])
        near = [n for n in await suggestions(self.facts, name, guild_id)
                if n.casefold() != name.casefold()]
        hint = (" Did you mean " + ", ".join(f'"{n}"' for n in near) + "?") if near else ""
        raise UserError(f"I don't know the {word} \"{name.strip()[:100]}\" yet.{hint}")

    async def _objects(self, read: FactSet, facts: Sequence[FactView],
                       also: Sequence[int | None] = ()) -> tuple[dict[int, str], dict[int, str]]:
        """What each fact names (by fact id), and the names of `also`: those the facts' read
        did not bring are read in one query."""
        names = {i: read.names[i] for i in (*(f.object_entity_id for f in facts), *also)
                 if i is not None and i in read.names}
        names.update(await name_search.names(
            self.db, [i for i in (*(f.object_entity_id for f in facts), *also)
                      if i not in names]))
        objects = {f.id: names.get(f.object_entity_id or -1) or f.object_text or ""
                   for f in facts}
        return objects, names

    @staticmethod
    def _credits(facts: Sequence[FactView], objects: dict[int, str]) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for predicate, label in _CREDITS:
            for fact in facts:
                if fact.predicate == predicate:
                    value = (label, objects[fact.id])
                    if value[1] and value not in out:
                        out.append(value)
        return out

    @staticmethod
    def _people(facts: Sequence[FactView], objects: dict[int, str]) -> list[str]:
        out: list[str] = []
        for fact in facts:
            if fact.predicate in _PEOPLE:
                name = objects[fact.id]
                label = f"{name} ({fact.predicate.replace('_', ' ')})"
                if name and label not in out:
                    out.append(label)
        return out

    async def _upcoming(self, names: Mapping[int, str], guild_id: int | None,
                        found: Sequence[FactView] | None = None) -> list[CardDate]:
        """The next dated facts of these subjects (id to name; `found`: already read by the
        caller)."""
        today = self.clock.now().date()
        if found is None:
            found = (await read_facts(self.db, list(names), guild_id, _UPCOMING)).accepted(
                _UPCOMING)
        ahead = sorted((f for f in found if f.object_date and f.object_date > today),
                       key=lambda f: (f.object_date or today, f.id))
        out: list[CardDate] = []
        for fact in ahead:
            what = names[fact.subject_id] if fact.predicate == "release_date" \
                else fact.predicate.replace("_", " ").capitalize()
            shown = card_date(what, fact.object_date, fact.object_precision)
            if shown is not None and shown not in out:
                out.append(shown)
        return out

    @staticmethod
    def _sources(read: FactSet, facts: Sequence[FactView]) -> list[CardSource]:
        """The newest articles behind these facts (read with them)."""
        found: dict[int, CitedArticle] = {
            a: read.articles[a] for f in facts
            if (a := f.article_id) is not None and a in read.articles}
        newest = sorted(found.values(), key=lambda a: (a.published_at or a.fetched_at, a.id),
                        reverse=True)
        return [CardSource(a.title or "(untitled)", a.source,
                           a.published_at.date().isoformat() if a.published_at else None,
                           a.link) for a in newest[:MAX_SOURCES]]
