"""FactStore: store an extraction once, with sources; settle conflicts; report date changes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.db import Database, insert_ignoring_conflict
from bot.extract.model import Extraction
from bot.facts.conflicts import Candidate, Revision, decide
from bot.facts.name_index import NameIndex
from bot.facts.plan import PlannedFact, Planner
from bot.facts.predicates import DATE_PREDICATES, PREVIOUS_DATE, SINGLE_VALUED
from bot.facts.resolve import EntityResolver
from bot.facts.scope import REMOVED, guild_view, read_view, scope
from bot.facts.stored_dates import entity_date, fact_date
from bot.facts.visible_names import VisibleNames
from bot.kinds_and_states import EntityKind, FactStatus
from bot.models import Article, Entity, Fact, Schedule
from bot.partial_dates import PartialDate

# Rows per INSERT, well under SQLite's limit on bound parameters.
_CHUNK = 200


@dataclass(frozen=True)
class DateChange:
    """An accepted date that appeared (old None), moved, or disappeared (new None)."""

    entity_id: int
    predicate: str
    old: PartialDate | None
    new: PartialDate | None
    guild_id: int | None = None


@dataclass
class StoreResult:
    entities_created: int = 0
    facts_added: int = 0
    changes: list[DateChange] = field(default_factory=list)


def _dedup_key(article_id: int, guild_id: int | None, planned: PlannedFact) -> str:
    when = planned.object_date.iso() if planned.object_date else None
    parts = [article_id, guild_id or 0, planned.subject_id, planned.predicate,
             planned.object_entity_id, planned.object_text, when]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


class FactStore:
    """The fact base's writes, and the reads the answering layer builds on."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        # Every name and alias in memory, for fans' misspelt names and autocomplete; built on
        # first use, caught up from the database before each look-up.
        self.names = NameIndex()
        # Which of those names each guild sees, copied for autocomplete (exact for this
        # process's writes; others' are seen within `visible_names.FRESH_SECONDS`).
        self.visible = VisibleNames(db, self.names)

    async def store_extraction(
        self, article_id: int, extraction: Extraction, *, guild_id: int | None = None,
        replace: bool = False, learned_at: datetime | None = None,
    ) -> StoreResult:
        """Store what one article says, in one transaction; storing it again changes nothing.
        With `replace` (the article's date changed, so its relative dates did), the facts it
        said before are dropped in the same transaction (moderators' corrections, which have
        no article, stay) and what it says now takes their place. `learned_at`: the article
        is marked learned then, in the same transaction."""
        now = self.clock.now()
        if not self.names.ready:
            # Built outside the write transaction: on a large base that takes seconds.
            async with self.db.read() as session:
                await self.names.catch_up(session)
        async with self.db.transaction() as session:
            # Caught up before this transaction adds a name (the resolver's fuzzy candidates
            # come from it; the names it creates it keeps itself).
            await self.names.catch_up(session)
            dropped: list[DateChange] = []
            dropped_groups: set[tuple[int, str]] = set()
            if replace:
                dropped, dropped_groups = await self._drop_article_facts(session, article_id,
                                                                         guild_id)
            resolver = EntityResolver(session, now, guild_id, names=self.names,
                                      defer_aliases=True, defer_entities=True)
            plan = await Planner(resolver, extraction).build()
            await resolver.write_aliases()
            # Ids of the block the resolver took and did not use: never written, so the name
            # index does not wait for them.
            self.names.unused_entity_ids(resolver.unused_ids())
            rows: dict[str, dict[str, Any]] = {}
            for planned in plan.facts:
                key = _dedup_key(article_id, guild_id, planned)
                rows.setdefault(key, {
                    "subject_id": planned.subject_id, "predicate": planned.predicate,
                    "object_entity_id": planned.object_entity_id,
                    "object_text": planned.object_text,
                    "object_date": planned.object_date.first_day()
                    if planned.object_date else None,
                    "object_precision": planned.object_date.precision
                    if planned.object_date else None,
                    "evidence": planned.evidence, "article_id": article_id,
                    "confidence": planned.confidence, "status": FactStatus.ACCEPTED,
                    "guild_id": guild_id, "dedup_key": key, "created_at": now,
                    "updated_at": now,
                })
            existing = await self._existing_keys(session, list(rows))
            new_rows = [row for key, row in rows.items() if key not in existing]
            for start in range(0, len(new_rows), _CHUNK):
                await insert_ignoring_conflict(session, Fact, new_rows[start:start + _CHUNK],
                                               ["dedup_key"])
            new_facts = await self._facts_by_key(session, [r["dedup_key"] for r in new_rows])
            result = StoreResult(len(resolver.created), len(new_facts))
            new_ids = {f.id for f in new_facts}
            groups = sorted({(f.subject_id, f.predicate) for f in new_facts
                             if f.predicate in SINGLE_VALUED | {PREVIOUS_DATE}}
                            | {g for g in dropped_groups
                               if g[1] in SINGLE_VALUED | {PREVIOUS_DATE}})
            # A revision re-settles the release's date.
            to_settle = sorted({(subject_id, "release_date" if predicate == PREVIOUS_DATE
                                 else predicate) for subject_id, predicate in groups})
            result.changes.extend(await self._settle(session, to_settle, guild_id, new_ids))
            result.changes.extend(await self._new_dates(session, new_facts, guild_id))
            # The dates the article no longer says: their rows are re-planned too.
            result.changes.extend(dropped)
            if guild_id is None:
                await self._update_releases(session, plan.releases, now.date())
            if learned_at is not None:
                await session.execute(update(Article).where(Article.id == article_id)
                                      .values(learned_at=learned_at))
        return result

    async def _drop_article_facts(
        self, session: AsyncSession, article_id: int, guild_id: int | None
    ) -> tuple[list[DateChange], set[tuple[int, str]]]:
        """Delete what the article said (its learned facts in this scope), returning the
        accepted dates that go and the (subject, predicate) groups to settle again."""
        old = list(await session.scalars(select(Fact).where(
            Fact.article_id == article_id, Fact.dedup_key.is_not(None), self._scope(guild_id))))
        changes = [DateChange(f.subject_id, f.predicate, fact_date(f), None, guild_id)
                   for f in old
                   if f.predicate in DATE_PREDICATES and f.status == FactStatus.ACCEPTED]
        groups = {(f.subject_id, f.predicate) for f in old}
        groups |= {(s, "release_date") for s, p in groups if p == PREVIOUS_DATE}
        ids = [f.id for f in old]
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            # Facts these superseded are settled again below; clear the links first (no
            # database-side SET NULL needed, and the session's copies stay true).
            for fact in await session.scalars(select(Fact).where(
                    Fact.superseded_by_id.in_(chunk))):
                fact.superseded_by_id = None
            await session.flush()
            # Scheduled rows keep their history: the planner points them at the new facts.
            await session.execute(update(Schedule).where(Schedule.fact_id.in_(chunk))
                                  .values(fact_id=None))
            await session.execute(delete(Fact).where(Fact.id.in_(chunk)))
        for fact in old:
            session.expunge(fact)
        return changes, groups

    async def _existing_keys(self, session: AsyncSession, keys: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            found.update(k for k in await session.scalars(
                select(Fact.dedup_key).where(Fact.dedup_key.in_(keys[start:start + 500])))
                if k is not None)
        return found

    async def _facts_by_key(self, session: AsyncSession, keys: Sequence[str]) -> list[Fact]:
        facts: list[Fact] = []
        for start in range(0, len(keys), 500):
            facts.extend(await session.scalars(
                select(Fact).where(Fact.dedup_key.in_(keys[start:start + 500]))))
        return sorted(facts, key=lambda f: f.id)

    def _scope(self, guild_id: int | None) -> ColumnElement[bool]:
        # Global facts compete with global ones; a guild's own facts only with that guild's.
        return Fact.guild_id.is_(None) if guild_id is None else Fact.guild_id == guild_id

    async def _settle(self, session: AsyncSession, groups: Sequence[tuple[int, str]],
                      guild_id: int | None, new_ids: set[int]) -> list[DateChange]:
        """Re-decide single-valued (subject, predicate) groups; the changes where a date moved.

        The groups' facts are read in one statement per 500 subjects (not one per group: an
        article states dozens), then each group is decided on its own, as before: groups share
        no fact, so the order they are decided in changes nothing."""
        wanted = set(groups)
        subjects = sorted({subject_id for subject_id, _ in groups})
        predicates = sorted({predicate for _, predicate in groups} | {PREVIOUS_DATE})
        read: dict[tuple[int, str], list[tuple[Fact, Any]]] = {g: [] for g in groups}
        for start in range(0, len(subjects), 500):
            for fact, published in await session.execute(
                select(Fact, Article.published_at)
                .outerjoin(Article, Article.id == Fact.article_id)
                .where(Fact.subject_id.in_(subjects[start:start + 500]),
                       Fact.predicate.in_(predicates),
                       Fact.status.not_in((FactStatus.REJECTED, REMOVED)), self._scope(guild_id))
                .order_by(Fact.id)
            ):
                if fact.predicate == PREVIOUS_DATE:
                    # A revision counts in its release's date (other groups ignore revisions).
                    key = (fact.subject_id, "release_date")
                else:
                    key = (fact.subject_id, fact.predicate)
                if key in wanted:
                    read[key].append((fact, published))
        changes: list[DateChange] = []
        for (subject_id, predicate), rows in read.items():
            change = self._decide(subject_id, predicate, rows, guild_id, new_ids)
            if change is not None:
                changes.append(change)
        await session.flush()
        return changes

    def _decide(self, subject_id: int, predicate: str, rows: Sequence[tuple[Fact, Any]],
                guild_id: int | None, new_ids: set[int]) -> DateChange | None:
        """Decide one group over its facts (in id order); the change if its date moved."""
        candidates: list[Candidate] = []
        revisions: list[Revision] = []
        before: Fact | None = None
        facts: dict[int, Fact] = {}
        for fact, published in rows:
            when = published or fact.created_at
            if fact.predicate == PREVIOUS_DATE:
                previous = fact_date(fact)
                if previous is not None:
                    revisions.append(Revision(fact.id, previous, when))
                continue
            facts[fact.id] = fact
            if fact.status == FactStatus.ACCEPTED and fact.id not in new_ids:
                before = fact
            value = (fact.object_entity_id, fact.object_text, fact.object_date,
                     fact.object_precision)
            candidates.append(Candidate(fact.id, value, fact_date(fact),
                                        fact.article_id or f"fact:{fact.id}", when,
                                        fact.confidence))
        if predicate != "release_date":
            revisions = []
        decision = decide(candidates, revisions)
        now = self.clock.now()
        for fact_id, (status, by) in decision.statuses.items():
            fact = facts[fact_id]
            if (fact.status, fact.superseded_by_id) != (status, by):
                fact.status, fact.superseded_by_id, fact.updated_at = status, by, now
        if predicate not in DATE_PREDICATES:
            return None
        old = fact_date(before) if before is not None else None
        new = decision.accepted.date if decision.accepted is not None else None
        return None if old == new else DateChange(subject_id, predicate, old, new, guild_id)

    async def _new_dates(self, session: AsyncSession, new_facts: Sequence[Fact],
                         guild_id: int | None) -> list[DateChange]:
        """Dates of many-valued predicates (tour dates, anniversaries) stated for the first time.

        Whether an older accepted fact already held each (subject, predicate, date) is read in
        one statement per 500 subjects, not one per fact."""
        wanted: list[tuple[Fact, PartialDate]] = []
        seen: set[tuple[int, str, PartialDate]] = set()
        for fact in new_facts:
            when = fact_date(fact)
            if (fact.predicate not in DATE_PREDICATES or fact.predicate in SINGLE_VALUED
                    or when is None or (fact.subject_id, fact.predicate, when) in seen):
                continue
            seen.add((fact.subject_id, fact.predicate, when))
            wanted.append((fact, when))
        if not wanted:
            return []
        new_ids = [f.id for f in new_facts]
        subjects = sorted({fact.subject_id for fact, _ in wanted})
        predicates = sorted({fact.predicate for fact, _ in wanted})
        known: set[tuple[int, str, Any, Any]] = set()
        for start in range(0, len(subjects), 500):
            known.update((subject_id, predicate, day, precision)
                         for subject_id, predicate, day, precision in await session.execute(
                select(Fact.subject_id, Fact.predicate, Fact.object_date, Fact.object_precision)
                .where(Fact.subject_id.in_(subjects[start:start + 500]),
                       Fact.predicate.in_(predicates), Fact.status == FactStatus.ACCEPTED,
                       Fact.id.not_in(new_ids), self._scope(guild_id))
                .distinct()))
        # (A fact without a precision never equalled one in SQL: always new, as before.)
        return [DateChange(fact.subject_id, fact.predicate, None, when, guild_id)
                for fact, when in wanted
                if fact.object_precision is None
                or (fact.subject_id, fact.predicate, fact.object_date, fact.object_precision)
                not in known]

    async def _update_releases(self, session: AsyncSession, releases: Sequence[tuple[Entity, Any]],
                               today: date) -> None:
        """Carry each release's accepted date, kind and status onto its entity."""
        ids = sorted({entity.id for entity, _ in releases})
        # One read for every release of the article (not one each), 500 at a time.
        accepted_of: dict[int, dict[str, Fact]] = {}
        for start in range(0, len(ids), 500):
            for fact in await session.scalars(
                    select(Fact).where(Fact.subject_id.in_(ids[start:start + 500]),
                                       Fact.predicate.in_(["release_date", "kind"]),
                                       Fact.status == FactStatus.ACCEPTED, Fact.guild_id.is_(None))
                    .order_by(Fact.id)):
                accepted_of.setdefault(fact.subject_id, {})[fact.predicate] = fact
        for entity, mention in releases:
            accepted = accepted_of.get(entity.id, {})
            dated = accepted.get("release_date")
            entity.date_value = dated.object_date if dated else None
            entity.date_precision = dated.object_precision if dated else None
            kind = accepted.get("kind")
            entity.release_kind = kind.object_text if kind else entity.release_kind
            entity.status = _status(entity, mention.status, today)
        await session.flush()

    async def facts_about(self, entity_id: int, guild_id: int | None = None, *,
                          include_superseded: bool = False) -> list[Fact]:
        """Facts whose subject is the entity, as the guild sees them (`bot/facts/scope.py`):
        the guild's own first, then global ones it lacks."""
        query = select(Fact).where(Fact.subject_id == entity_id, scope(guild_id)) \
            .order_by(Fact.predicate, Fact.id)
        async with self.db.read() as session:
            return guild_view(await read_view(session, query, superseded=include_superseded))

    async def count_for_article(self, article_id: int) -> int:
        """How many facts one article gave (what `fanzine ingest` reports)."""
        async with self.db.read() as session:
            return await session.scalar(select(func.count()).select_from(Fact)
                                        .where(Fact.article_id == article_id)) or 0

    async def find_entity(self, kind: str, name: str, guild_id: int | None = None,
                          artist: str | None = None) -> Entity | None:
        """The entity a name means, resolved as when storing, without creating anything
        (among the names the guild's facts name: `entity_seen`)."""
        async with self.db.read() as session:
            resolver = EntityResolver(session, self.clock.now(), guild_id, seen_only=True,
                                      names=self.names)
            artist_id = None
            if kind == EntityKind.RELEASE and artist:
                by = await resolver.find("artist", artist)
                artist_id = by[0].id if by is not None else None
            found = await resolver.find(kind, name, artist_id)
            return found[0] if found is not None else None

    async def find_entities(self, kinds: Sequence[str], name: str, guild_id: int | None = None,
                            artist: str | None = None) -> list[Entity]:
        """The entities a name means among `kinds` (in that order), in one read transaction
        (among the names the guild's facts name)."""
        async with self.db.read() as session:
            resolver = EntityResolver(session, self.clock.now(), guild_id, seen_only=True,
                                      names=self.names)
            artist_id = None
            if "release" in kinds and artist:
                by = await resolver.find("artist", artist)
                artist_id = by[0].id if by is not None else None
            return await resolver.find_kinds(kinds, name, artist_id)


def _status(entity: Entity, said: str, today: date) -> str | None:
    """Released stays released; a day already past is released; else what the article said."""
    if entity.status == "released" or said == "released":
        return "released"
    when = entity_date(entity)
    if when is not None and when.precision == "day" and when.first_day() <= today:
        return "released"
    if said == "upcoming":
        return "upcoming"
    if when is not None and when.first_day() > today:
        return "upcoming"
    return entity.status
