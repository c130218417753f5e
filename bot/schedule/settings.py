"""A guild's scheduled-post settings (`/schedule`): defaults, parsing, validation and audit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from bot.actors import Actor
from bot.clock import Clock
from bot.db import Database, insert_ignoring_conflict, publish
from bot.errors import UserError
from bot.guilds.changes import GuildChanged
from bot.models import AuditEntry, GuildScheduleSettingsRow

KINDS = ("release_day", "countdown", "anniversary", "birthday")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FEB29 = ("feb28", "mar1")
SCHEDULE_KEYS = ("channel", "kinds", "countdown_days", "milestones", "feb29", "ping",
                 "digest", "digest_weekday")
MAX_COUNTDOWN_DAYS = 60
MAX_COUNTDOWNS = 5
_ON = {"on", "yes", "true", "1", "enable", "enabled"}
_OFF = {"off", "no", "false", "0", "disable", "disabled"}
_CLEAR = {"none", "off", "clear", "-", "default"}



@dataclass(frozen=True)
class ScheduleSettings:
    """What a guild's scheduled posts do; a guild without a row gets these defaults."""

    guild_id: int
    channel: int | None = None
    kinds: tuple[str, ...] = KINDS
    countdown_days: tuple[int, ...] = (7, 1)
    milestones: tuple[int, ...] | None = None
    feb29: str = "feb28"
    ping: bool = False
    digest: bool = False
    digest_weekday: int = 0

    def as_dict(self) -> dict[str, Any]:
        values = asdict(self)
        values.pop("guild_id")
        values["kinds"] = list(self.kinds)
        values["countdown_days"] = list(self.countdown_days)
        values["milestones"] = None if self.milestones is None else list(self.milestones)
        return values

    def describe(self) -> list[tuple[str, str]]:
        """(name, value) lines for `/schedule show`; channel as a mention-like text."""
        return [
            ("channel", f"<#{self.channel}>" if self.channel else "the announce channel"),
            ("kinds", ", ".join(self.kinds) or "none"),
            ("countdown_days", ",".join(str(d) for d in self.countdown_days) or "none"),
            ("milestones", "every year" if self.milestones is None
             else ",".join(str(m) for m in self.milestones)),
            ("feb29", "28 February" if self.feb29 == "feb28" else "1 March"),
            ("ping", "on" if self.ping else "off"),
            ("digest", f"on, {WEEKDAYS[self.digest_weekday].title()}s" if self.digest
             else "off"),
        ]


@dataclass(frozen=True)
class ScheduleUpdate:
    """The schedule settings before and after one change."""

    before: ScheduleSettings
    after: ScheduleSettings
    changed: tuple[str, ...] = field(default=())


def parse_kinds(text: str, current: tuple[str, ...] = KINDS) -> tuple[str, ...]:
    """"release_day,countdown", "all", "none", or "+birthday"/"-countdown" changes."""
    words = [w.strip().lower().replace("-", "_") if not w.strip().startswith(("+", "-"))
             else w.strip().lower() for w in text.replace(" ", ",").split(",") if w.strip()]
    if words in (["all"], ["on"]):
        return KINDS
    if words in (["none"], ["off"]):
        return ()
    chosen = set(current) if all(w[0] in "+-" for w in words) and words else set()
    for word in words:
        sign, name = (word[0], word[1:]) if word[0] in "+-" else ("+", word)
        name = name.replace("-", "_")
        if name not in KINDS:
            raise UserError(f"Unknown kind '{name}'. Kinds: {', '.join(KINDS)}.")
        (chosen.add if sign == "+" else chosen.discard)(name)
    return tuple(k for k in KINDS if k in chosen)


def parse_countdown_days(text: str) -> tuple[int, ...]:
    """"7,1" → (7, 1); "none" → (); days 1..60, at most five."""
    if text.strip().lower() in _CLEAR:
        return ()
    parts = [p.strip() for p in text.replace(" ", ",").split(",") if p.strip()]
    if not parts or not all(p.isdigit() for p in parts):
        raise UserError(f"countdown_days are whole days before the release, such as 7,1, "
                        f"not '{text}'.")
    return validate_countdown_days([int(p) for p in parts])


def validate_countdown_days(days: list[int] | tuple[int, ...]) -> tuple[int, ...]:
    unique = sorted(set(days), reverse=True)
    if any(not 1 <= d <= MAX_COUNTDOWN_DAYS for d in unique):
        raise UserError(f"countdown_days must each be from 1 to {MAX_COUNTDOWN_DAYS}.")
    if len(unique) > MAX_COUNTDOWNS:
        raise UserError(f"At most {MAX_COUNTDOWNS} countdown days, not {len(unique)}.")
    return tuple(unique)


def parse_milestones(text: str) -> tuple[int, ...] | None:
    """"1,5,10" → (1, 5, 10); "all" → None (every year)."""
    if text.strip().lower() in ("all", "every", "every year", "none", "clear"):
        return None
    parts = [p.strip() for p in text.replace(" ", ",").split(",") if p.strip()]
    if not parts or not all(p.isdigit() and int(p) > 0 for p in parts):
        raise UserError(f"milestones are positive whole years such as 1,5,10 (or 'all'), "
                        f"not '{text}'.")
    if len(parts) > 50:
        raise UserError("At most 50 milestone years.")
    return tuple(sorted({int(p) for p in parts}))


def parse_weekday(text: str) -> int:
    """"friday", "fri" or 0-6 (0 = Monday)."""
    word = text.strip().lower()
    if word.isdigit() and 0 <= int(word) <= 6:
        return int(word)
    for number, name in enumerate(WEEKDAYS):
        if len(word) >= 3 and name.startswith(word):
            return number
    raise UserError(f"Unknown weekday '{text}'. Use a day name such as monday.")


def parse_switch(key: str, text: str) -> bool:
    word = text.strip().lower()
    if word in _ON:
        return True
    if word in _OFF:
        return False
    raise UserError(f"{key} is on or off, not '{text}'.")


def parse_feb29(text: str) -> str:
    word = text.strip().lower().replace(" ", "").replace("-", "")
    word = {"28": "feb28", "feb28": "feb28", "mar1": "mar1", "1": "mar1", "march1": "mar1",
            "february28": "feb28"}.get(word, word)
    if word not in FEB29:
        raise UserError(f"feb29 is feb28 or mar1, not '{text}'.")
    return word


def parse_schedule_value(key: str, text: str, current: ScheduleSettings) -> Any:
    """One typed value (shell, command line, a Discord string option) for `key`."""
    if key == "channel":
        if text.strip().lower() in _CLEAR:
            return None
        digits = text.strip().strip("<#>")
        if not digits.isdigit() or int(digits) <= 0:
            raise UserError(f"channel must be a channel or 'none', not '{text}'.")
        return int(digits)
    if key == "kinds":
        return parse_kinds(text, current.kinds)
    if key == "countdown_days":
        return parse_countdown_days(text)
    if key == "milestones":
        return parse_milestones(text)
    if key == "feb29":
        return parse_feb29(text)
    if key in ("ping", "digest"):
        return parse_switch(key, text)
    if key == "digest_weekday":
        return parse_weekday(text)
    raise UserError(f"Unknown schedule setting '{key}'. Settings: {', '.join(SCHEDULE_KEYS)}.")


class ScheduleSettingsService:
    """Reads and changes a guild's schedule settings (moderators; audited); publishes
    `GuildChanged`."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def get(self, guild_id: int) -> ScheduleSettings:
        async with self._db.read() as session:
            row = await session.get(GuildScheduleSettingsRow, guild_id)
            return settings_from_row(row) if row else ScheduleSettings(guild_id)

    async def show(self, actor: Actor) -> ScheduleSettings:
        return await self.get(actor.require_moderator())

    async def update_text(self, actor: Actor, texts: Mapping[str, str]) -> ScheduleUpdate:
        """Changes given as text (`key: value`), each parsed; nothing stored if one is bad."""
        guild_id = actor.require_moderator()
        current = await self.get(guild_id)
        changes: dict[str, Any] = {}
        for key, text in texts.items():
            name = key.strip().lower().replace("-", "_")
            if name not in SCHEDULE_KEYS:
                raise UserError(f"Unknown schedule setting '{key}'. "
                                f"Settings: {', '.join(SCHEDULE_KEYS)}.")
            changes[name] = parse_schedule_value(name, text, current)
        return await self.update(actor, changes)

    async def update(self, actor: Actor, changes: Mapping[str, Any]) -> ScheduleUpdate:
        """Apply already-parsed changes to the actor's guild, audited; after commit the
        schedule is re-planned in the background (`GuildChanged`)."""
        guild_id = actor.require_moderator()
        unknown = sorted(set(changes) - set(SCHEDULE_KEYS))
        if unknown:
            raise UserError(f"Unknown schedule setting '{unknown[0]}'. "
                            f"Settings: {', '.join(SCHEDULE_KEYS)}.")
        checked = dict(changes)
        if "countdown_days" in checked:
            checked["countdown_days"] = validate_countdown_days(list(checked["countdown_days"]))
        if "digest_weekday" in checked and not 0 <= int(checked["digest_weekday"]) <= 6:
            raise UserError("digest_weekday is a day from 0 (Monday) to 6 (Sunday).")
        now = self._clock.now()
        async with self._db.transaction() as session:
            await insert_ignoring_conflict(session, GuildScheduleSettingsRow, _defaults(guild_id),
                                           ["guild_id"])
            row = await session.get(GuildScheduleSettingsRow, guild_id, with_for_update=True)
            assert row is not None
            before = settings_from_row(row)
            after = replace(before, **checked)
            b, a = before.as_dict(), after.as_dict()
            changed = tuple(k for k in SCHEDULE_KEYS if b[k] != a[k])
            if changed:
                _to_row(after, row)
                row.updated_at = now
                session.add(AuditEntry(
                    guild_id=guild_id, user_id=actor.user_id, action="schedule",
                    target="guild_schedule_settings", created_at=now,
                    before={k: b[k] for k in changed}, after={k: a[k] for k in changed}))
                publish(session, GuildChanged(guild_id, "schedule"))
        return ScheduleUpdate(before, after, changed)


def _defaults(guild_id: int) -> dict[str, Any]:
    values = ScheduleSettings(guild_id)
    return {"guild_id": guild_id, "channel_id": None, "kinds": list(values.kinds),
            "countdown_days": list(values.countdown_days), "milestones": None,
            "feb29": values.feb29, "ping": False, "digest_enabled": False,
            "digest_weekday": 0}


def settings_from_row(row: GuildScheduleSettingsRow) -> ScheduleSettings:
    return ScheduleSettings(
        guild_id=row.guild_id, channel=row.channel_id,
        kinds=tuple(k for k in KINDS if k in (row.kinds or [])),
        countdown_days=tuple(int(d) for d in (row.countdown_days or [])),
        milestones=None if row.milestones is None else tuple(int(m) for m in row.milestones),
        feb29=row.feb29, ping=row.ping, digest=row.digest_enabled,
        digest_weekday=row.digest_weekday)


def _to_row(settings: ScheduleSettings, row: GuildScheduleSettingsRow) -> None:
    row.channel_id = settings.channel
    row.kinds = list(settings.kinds)
    row.countdown_days = list(settings.countdown_days)
    row.milestones = None if settings.milestones is None else list(settings.milestones)
    row.feb29 = settings.feb29
    row.ping = settings.ping
    row.digest_enabled = settings.digest
    row.digest_weekday = settings.digest_weekday
