"""An Extraction to the fact rows it states, with every name resolved to an entity."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.extract.model import Extraction, Release
from bot.facts.names import is_name, normalise
from bot.facts.predicates import (
    DATE_PREDICATES,
    OBJECT_KINDS,
    PREVIOUS_DATE,
    RELEASE_PREDICATES,
    parse_date,
    relation_predicate,
)
from bot.facts.resolve import EntityResolver
from bot.models import Entity
from bot.partial_dates import PartialDate

_EVENT_PREDICATES = {"birthday": "born", "anniversary": "anniversary",
                     "tour_date": "tour_date", "other": "event"}


@dataclass(frozen=True)
class PlannedFact:
    subject_id: int
    predicate: str
    evidence: str
    confidence: float
    object_entity_id: int | None = None
    object_text: str | None = None
    object_date: PartialDate | None = None


@dataclass
class Plan:
    facts: list[PlannedFact] = field(default_factory=list)
    # Each release entity with the statements about it, to settle its status.
    releases: list[tuple[Entity, Release]] = field(default_factory=list)


class Planner:
    """Walks one extraction; resolving (and creating) entities through the resolver."""

    def __init__(self, resolver: EntityResolver, extraction: Extraction) -> None:
        self.resolver = resolver
        self.extraction = extraction
        self.plan = Plan()
        # Release titles named in this article, with their artist, for subjects named by title.
        self._titles = {normalise(r.title): r.artist for r in extraction.releases if r.title}
        self._artists = {normalise(a.name) for a in extraction.artists}
        self._artists.update(normalise(r.artist) for r in extraction.releases if r.artist)

    async def build(self) -> Plan:
        await self.resolver.prefetch(self._names(), releases=self._titles)
        for mention in self.extraction.artists:
            if is_name(mention.name):
                await self.resolver.resolve("artist", mention.name)
        for release in self.extraction.releases:
            await self._release(release)
        for person in self.extraction.people:
            await self._person(person.name, person.relation, person.of, person.evidence,
                               person.confidence)
        for event in self.extraction.events:
            predicate = _EVENT_PREDICATES.get(event.kind, "event")
            subject = await self._subject(event.subject, "person" if predicate == "born"
                                          else "artist")
            if subject is not None:
                self._add(subject.id, predicate, event.evidence, event.confidence,
                          date=event.date)
        for fact in self.extraction.facts:
            await self._fact(fact.subject, fact.predicate, fact.object, fact.evidence,
                             fact.confidence)
        return self.plan

    def _names(self) -> list[str]:
        """Every name the walk below may resolve (a name left out is only looked up alone)."""
        ext = self.extraction
        names = [a.name for a in ext.artists]
        for release in ext.releases:
            names += [release.title or "", release.artist or "", *release.featuring]
        names += [n for p in ext.people for n in (p.name, p.of or "")]
        names += [e.subject for e in ext.events]
        names += [f.subject for f in ext.facts]
        # An object is a name only for a predicate whose object is an entity (not a date,
        # a kind or free text): only those are resolved (and may become entities).
        names += [f.object for f in ext.facts
                  if f.predicate.strip().casefold() in OBJECT_KINDS]
        return [n for n in names if is_name(n)]

    def _add(self, subject_id: int, predicate: str, evidence: str, confidence: float, *,
             entity: Entity | None = None, text: str | None = None,
             date: PartialDate | None = None) -> None:
        self.plan.facts.append(PlannedFact(
            subject_id, predicate, evidence, confidence,
            object_entity_id=entity.id if entity is not None else None,
            object_text=text, object_date=date))

    async def _artist(self, name: str | None) -> Entity | None:
        if not is_name(name) or name is None:
            return None
        return (await self.resolver.resolve("artist", name)).entity

    async def _release_named(self, title: str, artist: str | None = None) -> Entity | None:
        if not is_name(title):
            return None
        artist = artist or self._titles.get(normalise(title))
        by = await self._artist(artist)
        return (await self.resolver.resolve("release", title,
                                            by.id if by is not None else None)).entity

    async def _release(self, release: Release) -> None:
        if not is_name(release.title) or release.title is None:
            return  # "her new album" names nothing we could look up later
        artist = await self._artist(release.artist)
        resolved = await self.resolver.resolve(
            "release", release.title, artist.id if artist is not None else None)
        entity = resolved.entity
        self.plan.releases.append((entity, release))
        ev, conf = release.evidence, release.confidence
        if artist is not None:
            self._add(entity.id, "by", ev, conf, entity=artist)
        self._add(entity.id, "kind", ev, conf, text=release.kind)
        if release.date is not None and release.edition:
            # a reissue's day: an event of the release (the evidence says which edition)
            self._add(entity.id, "event", ev, conf, date=release.date)
        elif release.date is not None:
            self._add(entity.id, "release_date", ev, conf, date=release.date)
        if release.previous_date is not None:
            self._add(entity.id, PREVIOUS_DATE, ev, conf, date=release.previous_date)
        for guest in release.featuring:
            guest_entity = await self._artist(guest)
            if guest_entity is not None:
                self._add(entity.id, "featuring", ev, conf, entity=guest_entity)

    async def _subject(self, name: str | None, default_kind: str) -> Entity | None:
        """The entity a name is about: a release or artist of this article, else a known one."""
        if not is_name(name) or name is None:  # "unknown": a subject nobody could name
            return None
        norm = normalise(name)
        if norm in self._titles:
            return await self._release_named(name)
        if norm in self._artists:
            return await self._artist(name)
        for kind in ("artist", "person", "release", "label"):
            found = await self.resolver.find(kind, name)
            if found is not None:
                return (await self.resolver.resolve(kind, name)).entity
        return (await self.resolver.resolve(default_kind, name)).entity

    def _credited(self, name: str, evidence: str) -> str | None:
        """The title a credit in `evidence` is of: the one named nearest before the person
        (""Neon Pulse" was co-written by Jiwon, who also worked on "Paper Moon"")."""
        at = evidence.find(name)
        if at < 0:
            return None
        placed = [(evidence.find(r.title), r.title) for r in self.extraction.releases
                  if r.title and r.title in evidence]
        before = [p for p in placed if p[0] < at]
        return max(before)[1] if before else None

    def _only(self, names: list[str]) -> str | None:
        return names[0] if len(set(map(normalise, names))) == 1 else None

    async def _person(self, name: str, relation: str, of: str | None, evidence: str,
                      confidence: float) -> None:
        if not is_name(name):
            return  # "N/A" is nobody's producer
        predicate = relation_predicate(relation)
        if predicate in RELEASE_PREDICATES:
            # A director's `of` may be the act ("Lena Morrow's director"): only a title of this
            # article is a release, never a new release named after the act.
            named = of if of is not None and normalise(of) in self._titles else None
            title = named or self._credited(name, evidence) or self._only(
                [r.title for r in self.extraction.releases if r.title])
            subject = await self._release_named(title) if title else None
        else:
            # Whose relation it is: the named one, else the article's only artist.
            owner = of or self._only([a.name for a in self.extraction.artists])
            subject = await self._subject(owner, "artist") if owner else None
        obj = (await self.resolver.resolve(OBJECT_KINDS[predicate], name)).entity
        if subject is not None and subject.id != obj.id:
            text = relation.strip() if predicate == "related" else None
            self._add(subject.id, predicate, evidence, confidence, entity=obj, text=text)

    async def _fact(self, subject_name: str, predicate: str, obj: str, evidence: str,
                    confidence: float) -> None:
        predicate = predicate.strip().casefold()
        if predicate in RELEASE_PREDICATES:
            subject = await self._release_named(subject_name)
        else:
            subject = await self._subject(subject_name,
                                          "person" if predicate == "born" else "artist")
        if subject is None or not obj.strip() or (predicate in OBJECT_KINDS and not is_name(obj)):
            return  # "label: TBA" names no label
        if predicate in OBJECT_KINDS:
            entity = (await self.resolver.resolve(OBJECT_KINDS[predicate], obj)).entity
            if entity.id != subject.id:
                self._add(subject.id, predicate, evidence, confidence, entity=entity)
            return
        date = parse_date(obj) if predicate in DATE_PREDICATES else None
        if date is not None:
            self._add(subject.id, predicate, evidence, confidence, date=date)
        else:
            text = obj.strip().casefold() if predicate == "kind" else obj.strip()
            self._add(subject.id, predicate, evidence, confidence, text=text)
