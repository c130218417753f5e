"""Personal reminders: at a time or on a release day, set, listed and cancelled by their owner."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.bounds import MAX_ID, whole_number
from bot.clock import Clock
from bot.db import Database
from bot.errors import UserError
from bot.facts.name_search import names, search_names
from bot.facts.store import FactStore
from bot.facts.stored_dates import entity_date, fact_date
from bot.kinds_and_states import (
    DeliverTo,
    EntityKind,
    FactStatus,
    ReminderState,
    ScheduleKind,
    ScheduleState,
)
from bot.models import Entity, Reminder, Schedule
from bot.partial_dates import PartialDate
from bot.schedule.rules import local_anchor, next_due
from bot.schedule.when import parse_when
from bot.settings.values import DEFAULT_HOUR
from bot.text import is_blank
from bot.users.settings import UserSettingsService, ZoneSource

MAX_TEXT = 500  # characters of a reminder's text
MAX_TITLE = 200  # characters of a release title typed to /remind release
MAX_AHEAD = timedelta(days=366)  # how far ahead a timed reminder may be
DEFAULT_MAX_PER_USER = 25  # active reminders one person may have (config reminders.max_per_user)
RELEASE_HOUR = DEFAULT_HOUR  # local hour of a release-day reminder, in the user's zone
SNOOZE_SECONDS = (3600, 86400)  # what a reminder's Snooze buttons offer: an hour, a day
# Names PostgreSQL's per-user advisory locks (class id), so a count and an insert are atomic.
_LOCK_CLASS = 60601

@dataclass(frozen=True)
class ReminderView:
    """One reminder as its owner sees it. `due_utc` is None while a release has no day yet."""

    id: int
    kind: Literal["time", "release"]
    text: str
    due_utc: datetime | None
    tz: str
    deliver_to: str
    guild_id: int | None
    channel_id: int | None
    # For a release reminder: the release's date as known ("2026-12-04", "2026-12", "2027"),
    # or None when no date is known yet.
    release_date: str | None = None

    @property
    def timestamp(self) -> int | None:
        """Unix seconds of the due time (Discord's <t:…:F> shows it in the reader's zone)."""
        return int(self.due_utc.timestamp()) if self.due_utc is not None else None

    @property
    def local_time(self) -> str | None:
        """The due time in the reminder's zone, e.g. 'Tue 1 Dec 2026 18:00 (Europe/London)'."""
        return local_text(self.due_utc, self.tz) if self.due_utc is not None else None


@dataclass(frozen=True)
class ReminderSet:
    """A new reminder, and where the zone it was read in came from."""

    reminder: ReminderView
    zone_source: ZoneSource

    @property
    def waiting(self) -> bool:
        """A release reminder without a day-precise date: it fires once the day is known."""
        return self.reminder.due_utc is None


@dataclass(frozen=True)
class ReminderList:
    """The reminders shown here; `elsewhere` counts the owner's ones set in other places."""

    reminders: list[ReminderView]
    elsewhere: int


def reminder_number(text: str) -> int:
    """`/remind cancel 12` (or `#12`): the reminder's number, ASCII digits within a row id."""
    digits = text.strip().removeprefix("#")
    if not (digits.isascii() and digits.isdigit()):
        raise UserError(f"'{clip_text(text)}' is not a reminder number; /remind list shows yours.")
    return whole_number(digits, "A reminder number", 1, MAX_ID)


def clip_text(text: str, limit: int = 30) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit - 1] + "…"


def local_text(when: datetime, tz: str) -> str:
    """An instant as readable local time: 'Tue 1 Dec 2026 18:00 (Europe/London)'."""
    local = when.astimezone(ZoneInfo(tz))
    return f"{local:%a} {local.day} {local:%b %Y %H:%M} ({tz})"


class ReminderService:
    """Sets, lists and cancels personal reminders; the dispatcher delivers their schedules.

    Scope: a reminder belongs to its owner and to the server it was set in (None in DMs).
    In a server, `/remind list` and `/remind cancel` see only that server's reminders; in a
    direct message with the bot they see all of the owner's reminders. Nobody sees or
    cancels anyone else's.
    """

    def __init__(self, db: Database, clock: Clock, users: UserSettingsService,
                 facts: FactStore, *, max_per_user: int = DEFAULT_MAX_PER_USER) -> None:
        self._db = db
        self._clock = clock
        self._users = users
        self._facts = facts
        self.max_per_user = max_per_user
        # Called after a schedule row is added (the dispatcher's notify wakes it early).
        self.on_scheduled: list[Callable[[], None]] = []

    async def remind_at(self, user_id: int, guild_id: int | None, channel_id: int | None,
                        when_text: str, what: str, deliver_to: str = "dm") -> ReminderSet:
        """A reminder of `what` at the time `when_text` names, read in the user's zone."""
        body = _check_text(what, MAX_TEXT, "what to remind you of")
        target, channel = _target(deliver_to, guild_id, channel_id)
        zone = await self._users.timezone(user_id, guild_id)
        now = self._clock.now()
        # In a thread: a phrase only dateparser reads costs ~0.14 s on its first call in the
        # process (its import and tables), which must not hold up every other interaction.
        due = await asyncio.to_thread(parse_when, when_text, now, ZoneInfo(zone.zone),
                                      max_ahead=MAX_AHEAD)
        anchor = local_anchor(due, zone.zone)
        # Due on the minute, as the stored anchor says. A wall time that happens twice (the
        # hour repeated when clocks go back) keeps the instant that was asked for.
        due = due.replace(second=0, microsecond=0)
        occurrence = next_due("once", anchor, zone.zone, {}, after=now)
        if occurrence is not None and occurrence.due_utc == due:
            due = occurrence.due_utc
        if due <= now:
            raise UserError("That time is less than a minute away; pick a later one.")
        async with self._db.transaction() as session:
            await self._check_limit(session, user_id)
            reminder = Reminder(user_id=user_id, guild_id=guild_id, channel_id=channel,
                                deliver_to=target, text=body, due_at=due, tz=zone.zone,
                                state=ReminderState.ACTIVE, created_at=now)
            session.add(reminder)
            await session.flush()
            session.add(Schedule(
                kind=ScheduleKind.REMINDER, rule="once", guild_id=guild_id, channel_id=channel,
                user_id=user_id, reminder_id=reminder.id, title=body, payload={},
                tz=zone.zone, anchor_local=anchor, next_due_utc=due, occurrence_key="once",
                state=ScheduleState.ACTIVE, created_at=now, updated_at=now))
        self._scheduled()
        return ReminderSet(_view(reminder, due, None), zone.source)

    async def remind_release(self, user_id: int, guild_id: int | None, channel_id: int | None,
                             title: str, deliver_to: str = "dm") -> ReminderSet:
        """A reminder on a release's day (9:00 in the user's zone); it waits for a day date."""
        name = _check_text(title, MAX_TITLE, "the release's title")
        target, channel = _target(deliver_to, guild_id, channel_id)
        entity = await self._facts.find_entity("release", name, guild_id)
        if entity is None:
            near = [n for n in await search_names(self._facts, "release", name, 3, guild_id)
                    if n.casefold() != name.casefold()]
            hint = (" Did you mean " + ", ".join(f'"{n}"' for n in near) + "?") if near else ""
            raise UserError(f'I don\'t know the release "{name[:100]}" yet.{hint}')
        return await self._remind_entity(user_id, guild_id, channel, target, entity)

    async def remind_release_id(self, user_id: int, guild_id: int | None, release_id: int,
                                asked_in: int | None) -> ReminderSet:
        """A DM reminder on the day of the release `release_id`, from a post's "Remind me"
        button. `asked_in` is the guild the post named; a click elsewhere is refused, as is a
        release this guild's facts do not name."""
        if (asked_in or None) != guild_id:
            raise UserError("That button belongs to another server; nothing was set.")
        async with self._db.read() as session:
            entity = await session.get(Entity, release_id)
        if entity is None or entity.kind != EntityKind.RELEASE or (
                await self._facts.find_entity("release", entity.name, guild_id)) is None:
            raise UserError("I don't know that release any more; /remind release finds it "
                            "by name.")
        return await self._remind_entity(user_id, guild_id, None, DeliverTo.DM, entity)

    async def snooze(self, user_id: int, reminder_id: int, seconds: int) -> ReminderView:
        """Remind the owner of a delivered (or still waiting) reminder again in `seconds`;
        anyone else is refused whatever the button says."""
        if seconds not in SNOOZE_SECONDS:
            raise UserError("Reminders snooze for an hour or a day.")
        now = self._clock.now()
        due = (now + timedelta(seconds=seconds)).replace(second=0, microsecond=0)
        async with self._db.transaction() as session:
            await self._lock_user(session, user_id)
            reminder = await session.get(Reminder, reminder_id, with_for_update=True)
            if reminder is None or reminder.user_id != user_id:
                raise UserError("That reminder isn't yours to snooze.")
            if reminder.state == ReminderState.CANCELLED:
                raise UserError(f"Reminder {reminder_id} was cancelled; set a new one with "
                                "/remind me.")
            waiting = await session.scalar(select(Schedule).where(
                Schedule.reminder_id == reminder_id, Schedule.rule == "once",
                Schedule.state == ScheduleState.ACTIVE).limit(1))
            if waiting is None and reminder.state != ReminderState.ACTIVE:
                await self._check_limit(session, user_id)
            anchor = local_anchor(due, reminder.tz)
            reminder.state, reminder.due_at = ReminderState.ACTIVE, due
            if waiting is not None:  # snoozed again before it came: the later time counts
                waiting.anchor_local, waiting.next_due_utc = anchor, due
                waiting.occurrence_key, waiting.updated_at = f"snooze:{anchor}", now
            else:
                session.add(Schedule(
                    kind=ScheduleKind.REMINDER, rule="once", guild_id=reminder.guild_id,
                    channel_id=reminder.channel_id, user_id=user_id, reminder_id=reminder.id,
                    title=reminder.text, payload={}, tz=reminder.tz, anchor_local=anchor,
                    next_due_utc=due, occurrence_key="once", state=ScheduleState.ACTIVE,
                    created_at=now, updated_at=now))
            view = _view(reminder, due, None)
        self._scheduled()
        return view

    async def _remind_entity(self, user_id: int, guild_id: int | None, channel: int | None,
                             target: DeliverTo, entity: Entity) -> ReminderSet:
        when = await self._release_date(entity, guild_id)
        zone = await self._users.timezone(user_id, guild_id)
        now = self._clock.now()
        payload = {"hour": RELEASE_HOUR,
                   "artist": (await names(self._db, [entity.artist_id])).get(
                       entity.artist_id or -1)}
        occurrence = None
        if when is not None and when.precision == "day":
            occurrence = next_due("release_day", when.iso(), zone.zone, payload, after=now)
            if occurrence is None:
                raise UserError(f"{entity.name} came out on {when.iso()}; there is no release "
                                "day left to remind you of.")
        elif entity.status == "released":
            raise UserError(f"{entity.name} is already out; there is no release day left to "
                            "remind you of.")
        due = occurrence.due_utc if occurrence is not None else None
        async with self._db.transaction() as session:
            await self._lock_user(session, user_id)
            same = await session.scalar(select(Reminder.id).where(
                Reminder.user_id == user_id, Reminder.release_id == entity.id,
                Reminder.state == ReminderState.ACTIVE).limit(1))
            if same is not None:
                raise UserError(f"You already have reminder {same} for {entity.name}; "
                                "/remind list shows it.")
            await self._check_limit(session, user_id)
            reminder = Reminder(user_id=user_id, guild_id=guild_id, channel_id=channel,
                                deliver_to=target, text=entity.name, due_at=due, tz=zone.zone,
                                release_id=entity.id, state=ReminderState.ACTIVE, created_at=now)
            session.add(reminder)
            await session.flush()
            session.add(Schedule(
                kind=ScheduleKind.REMINDER, rule="release_day", guild_id=guild_id,
                channel_id=channel,
                user_id=user_id, reminder_id=reminder.id, entity_id=entity.id,
                title=entity.name, payload=payload, tz=zone.zone,
                anchor_local=when.iso() if when is not None else "", next_due_utc=due,
                occurrence_key=occurrence.key if occurrence is not None else None,
                state=ScheduleState.ACTIVE, created_at=now, updated_at=now))
        if due is not None:
            self._scheduled()
        return ReminderSet(_view(reminder, due, when.iso() if when else None), zone.source)

    async def list_reminders(self, user_id: int, guild_id: int | None) -> ReminderList:
        """The owner's active reminders here (every place in DMs), soonest first."""
        async with self._db.read() as session:
            query = (select(Reminder, Schedule)
                     .join(Schedule, Schedule.reminder_id == Reminder.id)
                     .where(Reminder.user_id == user_id, Reminder.state == ReminderState.ACTIVE))
            if guild_id is not None:
                query = query.where(Reminder.guild_id == guild_id)
            rows = (await session.execute(query.order_by(
                Schedule.next_due_utc.is_(None), Schedule.next_due_utc, Reminder.id))).all()
            elsewhere = 0
            if guild_id is not None:
                elsewhere = await session.scalar(
                    select(func.count()).select_from(Reminder).where(
                        Reminder.user_id == user_id, Reminder.state == ReminderState.ACTIVE,
                        or_(Reminder.guild_id.is_(None), Reminder.guild_id != guild_id))) or 0
        seen: set[int] = set()
        views: list[ReminderView] = []
        for reminder, schedule in rows:
            if reminder.id not in seen:
                seen.add(reminder.id)
                views.append(_view(reminder, schedule.next_due_utc, _release_anchor(schedule)))
        return ReminderList(views, elsewhere)

    async def search(self, user_id: int, guild_id: int | None, query: str,
                     limit: int = 25) -> list[ReminderView]:
        """The owner's reminders here whose number or text contains `query` (autocomplete)."""
        wanted = query.strip().lstrip("#").casefold()
        found = [r for r in (await self.list_reminders(user_id, guild_id)).reminders
                 if not wanted or wanted in str(r.id) or wanted in r.text.casefold()]
        return found[:limit]

    async def cancel(self, user_id: int, guild_id: int | None, reminder_id: int) -> ReminderView:
        """Cancel one's own active reminder (one set here; any of one's own in DMs)."""
        now = self._clock.now()
        async with self._db.transaction() as session:
            reminder = await session.get(Reminder, reminder_id, with_for_update=True)
            if (reminder is None or reminder.user_id != user_id
                    or reminder.state != ReminderState.ACTIVE
                    or (guild_id is not None and reminder.guild_id != guild_id)):
                where = " here" if guild_id is not None else ""
                raise UserError(f"There is no reminder {reminder_id} of yours{where}; "
                                "/remind list shows yours.")
            schedule = await session.scalar(
                select(Schedule).where(Schedule.reminder_id == reminder_id).limit(1))
            reminder.state = ReminderState.CANCELLED
            await session.execute(
                update(Schedule).where(Schedule.reminder_id == reminder_id,
                                       Schedule.state.in_((ScheduleState.ACTIVE,
                                                           ScheduleState.PAUSED)))
                .values(state=ScheduleState.CANCELLED, updated_at=now))
            due = schedule.next_due_utc if schedule is not None else reminder.due_at
            return _view(reminder, due, _release_anchor(schedule))

    def _scheduled(self) -> None:
        for callback in self.on_scheduled:
            callback()

    async def _release_date(self, entity: Entity, guild_id: int | None) -> PartialDate | None:
        # As the release card shows it: this server's own correction first, else the date its
        # own articles give (bot/facts/scope.py); outside a server, every article's.
        dated = [f for f in await self._facts.facts_about(entity.id, guild_id)
                 if f.predicate == "release_date" and f.status == FactStatus.ACCEPTED]
        if dated:
            return fact_date(dated[0])
        if guild_id is not None:
            return None
        return entity_date(entity)

    async def _lock_user(self, session: AsyncSession, user_id: int) -> None:
        # SQLite transactions already begin IMMEDIATE (one writer at a time).
        if session.get_bind().dialect.name == "postgresql":
            await session.execute(text("SELECT pg_advisory_xact_lock(:cls, :obj)"),
                                  {"cls": _LOCK_CLASS, "obj": user_id % 2_147_483_647})

    async def _check_limit(self, session: AsyncSession, user_id: int) -> None:
        await self._lock_user(session, user_id)
        active = await session.scalar(select(func.count()).select_from(Reminder).where(
            Reminder.user_id == user_id, Reminder.state == ReminderState.ACTIVE)) or 0
        if active >= self.max_per_user:
            raise UserError(f"You already have {active} reminders, the most one person may "
                            "have; /remind cancel one first.")


def _check_text(value: str, limit: int, what: str) -> str:
    body = " ".join(value.split())
    if not body:
        raise UserError(f"Tell me {what}.")
    if is_blank(body):  # zero-width, direction overrides and the like: nothing would show
        raise UserError(f"Tell me {what} in visible characters.")
    if len(body) > limit:
        raise UserError(f"That is {len(body)} characters; keep {what} to {limit}.")
    return body


def _target(deliver_to: str, guild_id: int | None,
            channel_id: int | None) -> tuple[DeliverTo, int | None]:
    where = deliver_to.strip().lower()
    if where in ("dm", "direct", "me"):
        return DeliverTo.DM, None
    if where in ("channel", "here"):
        if guild_id is None or channel_id is None:
            return DeliverTo.DM, None  # in a direct message, "here" is the DM
        return DeliverTo.CHANNEL, channel_id
    raise UserError(f"Deliver a reminder by 'dm' or 'here' (this channel), not '{deliver_to}'.")


def _release_anchor(schedule: Schedule | None) -> str | None:
    if schedule is None or schedule.rule != "release_day":
        return None
    return schedule.anchor_local or None


def _view(reminder: Reminder, due: datetime | None, release_date: str | None) -> ReminderView:
    return ReminderView(
        id=reminder.id, kind="release" if reminder.release_id is not None else "time",
        text=reminder.text, due_utc=due, tz=reminder.tz, deliver_to=reminder.deliver_to,
        guild_id=reminder.guild_id, channel_id=reminder.channel_id, release_date=release_date)
