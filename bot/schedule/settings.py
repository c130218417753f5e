"""A guild's scheduled-post settings (`/schedule`), declared through `bot.settings`: defaults,
parsing, checks; `ScheduleSettingsService` reads and changes them (moderators, audited)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from bot.actors import Actor
from bot.clock import Clock
from bot.db import Database
from bot.errors import UserError
from bot.guilds.changes import GuildChanged
from bot.models import AuditEntry, GuildScheduleSettingsRow
from bot.settings.service import SettingsService
from bot.settings.table import Audit, Setting, SettingsTable, SettingsUpdate
from bot.settings.values import CLEAR_WORDS, OFF_WORDS, ON_WORDS, clears, switch

KINDS = ("release_day", "countdown", "anniversary", "birthday")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FEB29 = ("feb28", "mar1")
MAX_COUNTDOWN_DAYS = 60
MAX_COUNTDOWNS = 5
MAX_MILESTONES = 50
# Milestones "all" (or clearing the list, but not "off") mean every year.
_EVERY_YEAR = (CLEAR_WORDS - OFF_WORDS) | {"all", "every", "every year"}


def parse_kinds(text: str, current: tuple[str, ...] = KINDS) -> tuple[str, ...]:
    """"release_day,countdown", "all", "none", or "+birthday"/"-countdown" changes."""
    words = [w.strip().lower().replace("-", "_") if not w.strip().startswith(("+", "-"))
             else w.strip().lower() for w in text.replace(" ", ",").split(",") if w.strip()]
    if len(words) == 1 and (words[0] == "all" or words[0] in ON_WORDS):
        return KINDS
    if len(words) == 1 and words[0] in CLEAR_WORDS | OFF_WORDS:
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
    if clears(text):
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
    if text.strip().lower() in _EVERY_YEAR:
        return None
    parts = [p.strip() for p in text.replace(" ", ",").split(",") if p.strip()]
    if not parts or not all(p.isdigit() and int(p) > 0 for p in parts):
        raise UserError(f"milestones are positive whole years such as 1,5,10 (or 'all'), "
                        f"not '{text}'.")
    if len(parts) > MAX_MILESTONES:
        raise UserError(f"At most {MAX_MILESTONES} milestone years.")
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


def parse_feb29(text: str) -> str:
    word = text.strip().lower().replace(" ", "").replace("-", "")
    word = {"28": "feb28", "feb28": "feb28", "mar1": "mar1", "1": "mar1", "march1": "mar1",
            "february28": "feb28"}.get(word, word)
    if word not in FEB29:
        raise UserError(f"feb29 is feb28 or mar1, not '{text}'.")
    return word


def _parse_channel(text: str, _: int | None) -> int | None:
    if clears(text):
        return None
    digits = text.strip().strip("<#>")
    if not digits.isdigit() or int(digits) <= 0:
        raise UserError(f"channel must be a channel or 'none', not '{text}'.")
    return int(digits)


def _check_channel(value: object) -> int | None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                              or value <= 0):
        raise UserError(f"channel must be a channel or 'none', not '{value}'.")
    return value


def _check_kinds(value: object) -> tuple[str, ...]:
    if not isinstance(value, tuple | list) or any(k not in KINDS for k in value):
        raise UserError(f"kinds are some of {', '.join(KINDS)}.")
    return tuple(k for k in KINDS if k in value)


def _check_countdown_days(value: object) -> tuple[int, ...]:
    if not isinstance(value, tuple | list) or not all(isinstance(d, int) for d in value):
        raise UserError("countdown_days are whole days before the release, such as 7,1.")
    return validate_countdown_days(list(value))


def _check_milestones(value: object) -> tuple[int, ...] | None:
    if value is None:
        return None
    if not isinstance(value, tuple | list) or not all(
            isinstance(m, int) and m > 0 for m in value):
        raise UserError("milestones are positive whole years such as 1,5,10 (or 'all').")
    if len(value) > MAX_MILESTONES:
        raise UserError(f"At most {MAX_MILESTONES} milestone years.")
    return tuple(sorted(set(value)))


def _check_feb29(value: object) -> str:
    return parse_feb29(str(value))


def _switch(key: str) -> Setting[bool]:
    def check(value: object) -> bool:
        if not isinstance(value, bool):
            raise UserError(f"{key} is on or off, not {value}.")
        return value

    return Setting(key, False, "digest_enabled" if key == "digest" else key,
                   parse=lambda text, _: switch(key, text), check=check,
                   describe=lambda on: "on" if on else "off")


def _check_weekday(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 6:
        raise UserError("digest_weekday is a day from 0 (Monday) to 6 (Sunday).")
    return value


def _ints(stored: Any) -> tuple[int, ...]:
    return tuple(int(n) for n in (stored or []))


CHANNEL = Setting[int | None](
    "channel", None, "channel_id", parse=_parse_channel, check=_check_channel,
    describe=lambda c: f"<#{c}>" if c else "the announce channel")
KINDS_ON = Setting[tuple[str, ...]](
    "kinds", KINDS, "kinds", parse=lambda text, now: parse_kinds(text, now), check=_check_kinds,
    describe=lambda kinds: ", ".join(kinds) or "none", stored=list,
    loaded=lambda stored: tuple(k for k in KINDS if k in (stored or [])))
COUNTDOWN_DAYS = Setting[tuple[int, ...]](
    "countdown_days", (7, 1), "countdown_days", parse=lambda text, _: parse_countdown_days(text),
    check=_check_countdown_days, describe=lambda days: ",".join(map(str, days)) or "none",
    stored=list, loaded=_ints)
MILESTONES = Setting[tuple[int, ...] | None](
    "milestones", None, "milestones", parse=lambda text, _: parse_milestones(text),
    check=_check_milestones,
    describe=lambda years: "every year" if years is None else ",".join(map(str, years)),
    stored=lambda years: None if years is None else list(years),
    loaded=lambda stored: None if stored is None else _ints(stored))
FEB29_FALLS = Setting[str](
    "feb29", "feb28", "feb29", parse=lambda text, _: parse_feb29(text), check=_check_feb29,
    describe=lambda day: "28 February" if day == "feb28" else "1 March")
PING = _switch("ping")
DIGEST = _switch("digest")
DIGEST_WEEKDAY = Setting[int](
    "digest_weekday", 0, "digest_weekday", parse=lambda text, _: parse_weekday(text),
    check=_check_weekday, describe=lambda day: WEEKDAYS[day].title())


@dataclass(frozen=True)
class ScheduleSettings:
    """What a guild's scheduled posts do; a guild without a row gets the declared defaults."""

    guild_id: int
    channel: int | None = CHANNEL.default
    kinds: tuple[str, ...] = KINDS_ON.default
    countdown_days: tuple[int, ...] = COUNTDOWN_DAYS.default
    milestones: tuple[int, ...] | None = MILESTONES.default
    feb29: str = FEB29_FALLS.default
    ping: bool = PING.default
    digest: bool = DIGEST.default
    digest_weekday: int = DIGEST_WEEKDAY.default

    def as_dict(self) -> dict[str, Any]:
        """The values as stored and audited (lists for tuples)."""
        values = asdict(self)
        values.pop("guild_id")
        return values | SCHEDULE_SETTINGS.audited(self, SCHEDULE_KEYS)

    def describe(self) -> list[tuple[str, str]]:
        """(name, value) lines for `/schedule show`; channel as a mention-like text, the
        digest's weekday on the digest's line."""
        lines = [(s.key, s.describe(getattr(self, s.key))) for s in SCHEDULE_SETTINGS.settings
                 if s.key not in ("digest", "digest_weekday")]
        digest = f"on, {DIGEST_WEEKDAY.describe(self.digest_weekday)}s" if self.digest \
            else "off"
        return [*lines, ("digest", digest)]


def _moderator(actor: Actor) -> int:
    return actor.require_moderator()


SCHEDULE_SETTINGS = SettingsTable[ScheduleSettings](
    noun="schedule setting", row=GuildScheduleSettingsRow, owner_column="guild_id",
    settings=(CHANNEL, KINDS_ON, COUNTDOWN_DAYS, MILESTONES, FEB29_FALLS, PING, DIGEST,
              DIGEST_WEEKDAY),
    make=ScheduleSettings, owner=_moderator,
    audit=Audit(AuditEntry, action="schedule", target="guild_schedule_settings"),
    event=lambda guild_id: GuildChanged(guild_id, "schedule"))
SCHEDULE_KEYS = SCHEDULE_SETTINGS.keys
# A change of `/schedule set`: annotate with it; `isinstance` takes `SettingsUpdate`.
ScheduleUpdate = SettingsUpdate[ScheduleSettings]


class ScheduleSettingsService(SettingsService[ScheduleSettings]):
    """Reads and changes a guild's schedule settings (moderators; audited); a change
    publishes `GuildChanged`."""

    def __init__(self, db: Database, clock: Clock) -> None:
        super().__init__(db, clock, SCHEDULE_SETTINGS)
