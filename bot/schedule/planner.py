"""SchedulePlanner: a guild's fact-derived schedule rows, kept in step with facts and settings."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.db import Database, take_ids
from bot.facts.store import DateChange
from bot.facts.stored_dates import fact_date
from bot.guilds.settings import GUILD_SETTINGS
from bot.kinds_and_states import EntityKind, ScheduleKind, ScheduleState
from bot.models import GuildArticle, GuildScheduleSettingsRow, GuildSettingsRow, Schedule
from bot.partial_dates import to_partial
from bot.schedule.follows import covered_artists, guilds_covering
from bot.schedule.plan_reads import (
    entities_by_id,
    first_by_subject,
    guild_facts,
    members_of,
    payload_key,
    releases_of,
)
from bot.schedule.rules import next_due
from bot.schedule.settings import SCHEDULE_SETTINGS, ScheduleSettings

# Payload entries that decide when a row fires; a change to any of them recomputes next_due.
TIMING = ("hour", "date", "days", "milestones", "feb29", "weekday")
FACT_KINDS = (ScheduleKind.RELEASE_DAY, ScheduleKind.COUNTDOWN, ScheduleKind.ANNIVERSARY,
              ScheduleKind.BIRTHDAY)
LIVE = (ScheduleState.ACTIVE, ScheduleState.PAUSED)
# The rows a moved date re-times (done ones too, when their day changed).
_MOVABLE = (*LIVE, ScheduleState.DONE)


@dataclass(frozen=True)
class Desired:
    """One row the guild's facts and settings ask for."""

    kind: str
    entity_id: int | None
    fact_id: int | None
    title: str
    anchor: str
    payload: dict[str, Any]


@dataclass
class SyncReport:
    created: int = 0
    updated: int = 0
    cancelled: int = 0
    kept: int = 0
    guilds: list[int] = field(default_factory=list)

    def add(self, other: SyncReport) -> None:
        self.created += other.created
        self.updated += other.updated
        self.cancelled += other.cancelled
        self.kept += other.kept
        self.guilds.extend(other.guilds)


@dataclass(frozen=True)
class GuildPlan:
    tz: str
    hour: int
    settings: ScheduleSettings
    ping_role: int | None


def sync_key(guild_id: int, kind: str, entity_id: int | None) -> str:
    return f"{guild_id}:{kind}:{entity_id or 0}"


class SchedulePlanner:
    """Turns each guild's view of the fact base into schedule rows (upserts by sync_key)."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        # Called after rows changed (the dispatcher's notify), so a sooner post wakes it.
        self.on_rows_changed: list[Callable[[], Any]] = []
        # One sync at a time per guild (see `sync_guild`).
        self._locks: dict[int, asyncio.Lock] = {}

    # --- entry points -----------------------------------------------------------------
    async def sync_guild(self, guild_id: int) -> SyncReport:
        """Bring one guild's fact-derived and digest rows in line with its facts and settings.

        What the guild should have is read from a snapshot (`Database.read`: on SQLite it takes
        no write turn, so other guilds' commands are not held up while it reads); only the
        upsert is a transaction. Syncs of one guild take turns in this process, so a pass that
        read older facts never lands after one that read newer ones."""
        lock = self._locks.setdefault(guild_id, asyncio.Lock())
        async with lock:
            return await self._sync_guild(guild_id)

    async def _sync_guild(self, guild_id: int) -> SyncReport:
        now = self.clock.now()
        for attempt in range(2):
            try:
                async with self.db.read() as session:
                    plan = await self._guild_plan(session, guild_id)
                    desired = await self._desired(session, guild_id, plan, now)
                async with self.db.transaction() as session:
                    report = await self._upsert(session, guild_id, plan, desired, now)
                    # Personal release reminders set here follow this guild's view of the date.
                    for entity_id in await session.scalars(
                            select(Schedule.entity_id).distinct().where(
                                Schedule.guild_id == guild_id,
                                Schedule.kind == ScheduleKind.REMINDER,
                                Schedule.rule == "release_day",
                                Schedule.entity_id.is_not(None))):
                        if entity_id is not None:
                            report.updated += await self.reschedule_entity(session, entity_id,
                                                                           now)
                break
            except IntegrityError:
                # Another sync of this guild inserted the same sync key first: plan again.
                if attempt:
                    raise
        report.guilds.append(guild_id)
        if report.created or report.updated or report.cancelled:
            await self._notify()
        return report

    async def resume_paused(self, guild_id: int) -> int:
        """A moderator changed the guild's settings: its paused posts (a channel that was gone
        or unwritable) try again from their next occurrence; none of the missed ones is sent."""
        now = self.clock.now()
        async with self.db.transaction() as session:
            paused = list(await session.scalars(select(Schedule).where(
                Schedule.guild_id == guild_id, Schedule.state == ScheduleState.PAUSED)))
            for row in paused:
                row.state, row.paused_reason = ScheduleState.ACTIVE, None
                _retime(row, now)
        if paused:
            await self._notify()
        return len(paused)

    async def reschedule_entity(self, session: AsyncSession, entity_id: int,
                                now: datetime, rows: Sequence[Schedule] | None = None) -> int:
        """Move every schedule row of this entity (guild posts and personal release reminders)
        to the date each row's guild now sees; returns how many rows changed. `rows`: the
        entity's live and done rows, when the caller read several entities' at once."""
        if rows is None:
            rows = list(await session.scalars(select(Schedule).where(
                Schedule.entity_id == entity_id, Schedule.state.in_(_MOVABLE))))
        changed = 0
        views: dict[tuple[int | None, str], tuple[date | None, str | None, int | None]] = {}
        for row in rows:
            if row.kind == ScheduleKind.DIGEST or row.rule not in FACT_KINDS:
                continue
            predicate = "born" if row.rule == "birthday" else "release_date"
            view = (row.guild_id, predicate)
            if view not in views:
                facts = first_by_subject(await guild_facts(session, [entity_id], [predicate],
                                                           row.guild_id))
                fact = facts.get(entity_id)
                views[view] = (fact.object_date, fact.object_precision, fact.id) if fact \
                    else (None, None, None)
            value, precision, fact_id = views[view]
            when = to_partial(value, precision)
            if when is None or when.precision != "day":
                if row.kind in FACT_KINDS:
                    if row.state in LIVE:
                        row.state = ScheduleState.CANCELLED
                        row.next_due_utc, row.occurrence_key = None, None
                        row.updated_at = now
                        changed += 1
                    continue
                # A personal reminder waits (no due time) until the day is known again.
                anchor = when.iso() if when is not None else row.anchor_local
                if row.next_due_utc is not None or anchor != row.anchor_local:
                    row.anchor_local, row.next_due_utc, row.occurrence_key = anchor, None, None
                    row.updated_at = now
                    changed += 1
                continue
            anchor = when.iso()
            if anchor == row.anchor_local and (row.next_due_utc is not None
                                               or row.state == ScheduleState.DONE):
                continue
            row.anchor_local = anchor
            if "date" in (row.payload or {}):
                row.payload = {**row.payload, "date": anchor}
            if row.kind in FACT_KINDS:
                row.fact_id = fact_id
            _retime(row, now)
            changed += 1
        return changed

    async def guilds_carrying(self, article_ids: Sequence[int]) -> set[int]:
        """The guilds whose feeds or ingests brought these articles in (their plans may
        change with what the articles said)."""
        if not article_ids:
            return set()
        async with self.db.read() as session:
            return set(await session.scalars(
                select(GuildArticle.guild_id).distinct()
                .where(GuildArticle.article_id.in_(list(article_ids)))))

    async def reschedule_dates(self, changes: Sequence[DateChange],
                               carrying: Sequence[int] = ()) -> set[int]:
        """Dates that moved, appeared or went: move the rows of their releases and people at
        once, in one transaction (personal reminders included, which no guild's re-plan may
        reach); returns the guilds to re-plan: those the changes name, those with rows for
        the entities and those covering their artists, and (`carrying`: articles just
        learned) the guilds carrying those articles, read in the same transaction."""
        now = self.clock.now()
        dated = sorted({c.entity_id for c in changes if c.predicate in ("release_date", "born")})
        guilds = {c.guild_id for c in changes if c.guild_id is not None}
        if not dated:
            return guilds | await self.guilds_carrying(carrying)
        async with self.db.transaction() as session:
            if carrying:
                guilds.update(await session.scalars(
                    select(GuildArticle.guild_id).distinct()
                    .where(GuildArticle.article_id.in_(list(carrying)))))
            # Every dated entity's rows in one statement per 500, not one per entity.
            rows_of: dict[int, list[Schedule]] = {entity_id: [] for entity_id in dated}
            for start in range(0, len(dated), 500):
                for row in await session.scalars(select(Schedule).where(
                        Schedule.entity_id.in_(dated[start:start + 500]),
                        Schedule.state.in_(_MOVABLE))):
                    if row.entity_id is not None:
                        rows_of[row.entity_id].append(row)
            moved = 0
            for entity_id in dated:
                moved += await self.reschedule_entity(session, entity_id, now,
                                                      rows_of[entity_id])
            guilds.update(g for g in await session.scalars(
                select(Schedule.guild_id).distinct().where(Schedule.entity_id.in_(dated)))
                if g is not None)
            guilds.update(await guilds_covering(session, await _artists_of(session, dated)))
        if moved:
            await self._notify()
        return guilds

    # --- planning ---------------------------------------------------------------------
    async def _guild_plan(self, session: AsyncSession, guild_id: int) -> GuildPlan:
        row = await session.get(GuildSettingsRow, guild_id)
        sched = await session.get(GuildScheduleSettingsRow, guild_id)
        guild = GUILD_SETTINGS.from_row(row, guild_id)  # the declared defaults without one
        return GuildPlan(guild.timezone, guild.post_hour,
                         SCHEDULE_SETTINGS.from_row(sched, guild_id), guild.ping_role)

    async def _desired(self, session: AsyncSession, guild_id: int, plan: GuildPlan,
                       now: datetime) -> dict[str, Desired]:
        settings = plan.settings
        desired: dict[str, Desired] = {}
        if settings.digest:
            desired[sync_key(guild_id, "digest", 0)] = Desired(
                "digest", None, None, "Coming up", "",
                {"hour": plan.hour, "weekday": settings.digest_weekday})
        kinds = set(settings.kinds)
        if not kinds:
            return desired
        artists = await covered_artists(session, guild_id)
        if not artists:
            return desired
        today = now.astimezone(ZoneInfo(plan.tz)).date()
        common = {"hour": plan.hour, "feb29": settings.feb29, "ping": settings.ping}
        releases: dict[int, int] = {}
        if kinds & {"release_day", "countdown", "anniversary"}:
            releases = await releases_of(session, artists, guild_id)
        members = await members_of(session, artists, guild_id) if "birthday" in kinds else {}
        names = await entities_by_id(session, {*artists, *releases, *members})
        # The kind this guild's own sources give (the entity's is every article's).
        kinds_seen = {i: f.object_text for i, f in first_by_subject(await guild_facts(
            session, releases, ["kind"], guild_id)).items()}
        for release_id, fact in first_by_subject(await guild_facts(
                session, releases, ["release_date"], guild_id)).items():
            when = fact_date(fact)
            entity = names.get(release_id)
            if when is None or when.precision != "day" or entity is None:
                continue
            artist = names.get(releases[release_id])
            payload = {**common, "artist": artist.name if artist else None,
                       "release_kind": kinds_seen.get(release_id) or entity.release_kind,
                       "date": when.iso()}
            wanted: list[tuple[str, dict[str, Any]]] = []
            if when.first_day() >= today:
                wanted.append(("release_day", payload))
                if settings.countdown_days:
                    wanted.append(("countdown", {**payload,
                                                 "days": list(settings.countdown_days)}))
            else:
                wanted.append(("anniversary", {**payload, "milestones": None
                                               if settings.milestones is None
                                               else list(settings.milestones)}))
            for kind, body in wanted:
                if kind in kinds:
                    desired[sync_key(guild_id, kind, release_id)] = Desired(
                        kind, release_id, fact.id, entity.name, when.iso(), body)
        if "birthday" in kinds:
            people = {*artists, *members}
            for person_id, fact in first_by_subject(await guild_facts(
                    session, people, ["born"], guild_id)).items():
                when = fact_date(fact)
                person = names.get(person_id)
                if when is None or when.precision != "day" or person is None:
                    continue
                group = names.get(members[person_id]) if person_id in members else None
                desired[sync_key(guild_id, "birthday", person_id)] = Desired(
                    "birthday", person_id, fact.id, person.name, when.iso(),
                    {**common, "artist": group.name if group else None,
                     "release_kind": None, "date": when.iso()})
        return desired

    async def _upsert(self, session: AsyncSession, guild_id: int, plan: GuildPlan,
                      desired: dict[str, Desired], now: datetime) -> SyncReport:
        existing = {r.sync_key or "": r for r in await session.scalars(
            select(Schedule).where(Schedule.guild_id == guild_id,
                                   Schedule.sync_key.like(f"{guild_id}:%")))}
        report = SyncReport()
        new_rows: list[Schedule] = []
        for key, want in desired.items():
            row = existing.get(key)
            if row is None:
                row = Schedule(kind=want.kind, rule="weekly" if want.kind == ScheduleKind.DIGEST
                               else want.kind, guild_id=guild_id, channel_id=None,
                               entity_id=want.entity_id, fact_id=want.fact_id, sync_key=key,
                               title=want.title, payload=want.payload, tz=plan.tz,
                               anchor_local=want.anchor, state=ScheduleState.ACTIVE, created_at=now,
                               updated_at=now)
                _retime(row, now)
                new_rows.append(row)
                report.created += 1
                continue
            timing = (row.anchor_local != want.anchor or row.tz != plan.tz
                      or payload_key(row.payload, TIMING) != payload_key(want.payload, TIMING)
                      or row.state == ScheduleState.CANCELLED)
            other = (row.title != want.title or row.fact_id != want.fact_id
                     or row.payload != want.payload)
            if not timing and not other:
                report.kept += 1
                continue
            row.title, row.fact_id, row.payload = want.title, want.fact_id, want.payload
            row.updated_at = now
            if timing:
                row.anchor_local, row.tz = want.anchor, plan.tz
                if row.state == ScheduleState.CANCELLED:
                    row.state = ScheduleState.ACTIVE
                _retime(row, now)
            report.updated += 1
        # A learned page brings ~15 new rows: one statement on SQLite too (`take_ids`).
        await take_ids(session, Schedule, new_rows)
        session.add_all(new_rows)
        for old_key, row in existing.items():
            if old_key not in desired and row.state in LIVE:
                row.state = ScheduleState.CANCELLED
                row.next_due_utc, row.occurrence_key = None, None
                row.updated_at = now
                report.cancelled += 1
        return report

    async def _notify(self) -> None:
        for listener in self.on_rows_changed:
            result = listener()
            if inspect.isawaitable(result):
                await result


def _retime(row: Schedule, now: datetime) -> None:
    """The row's next occurrence after now (a paused row stays paused, a finished one done)."""
    occurrence = next_due(row.rule, row.anchor_local, row.tz, row.payload or {}, after=now)
    row.next_due_utc = occurrence.due_utc if occurrence else None
    row.occurrence_key = occurrence.key if occurrence else None
    if row.state != ScheduleState.PAUSED:
        row.state = ScheduleState.ACTIVE if occurrence else ScheduleState.DONE
    row.updated_at = now


async def _artists_of(session: AsyncSession, entity_ids: Sequence[int]) -> set[int]:
    """The artists behind these entities: a release's artist, a member's group, an artist."""
    entities = await entities_by_id(session, entity_ids)
    artists = {e.id for e in entities.values() if e.kind == EntityKind.ARTIST}
    artists.update(e.artist_id for e in entities.values() if e.artist_id is not None)
    for fact in await guild_facts(session, entity_ids, ["by"], None):
        if fact.object_entity_id is not None:
            artists.add(fact.object_entity_id)
    people = [e.id for e in entities.values() if e.kind == EntityKind.PERSON]
    for fact in await guild_facts(session, people, ["member"], None, by_object=True):
        artists.add(fact.subject_id)
    return artists
