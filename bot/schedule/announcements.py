"""Scheduled posts rendered: release days, countdowns, anniversaries, birthdays, reminders."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.kinds_and_states import ScheduleKind
from bot.partial_dates import PartialDate
from bot.posts import REMIND_RELEASE, SNOOZE, SUBSCRIBE, EmbedSpec, Post, PostButton
from bot.text import clip, escape_markdown

LATE_NOTE = "(posted late: I was offline when this was due)"


@dataclass(frozen=True)
class Due:
    """What a post is about: one occurrence of one schedule row (as stored)."""

    kind: str
    rule: str
    title: str
    anchor_local: str
    local_date: date
    key: str
    payload: Mapping[str, Any] = field(default_factory=dict)
    due_utc: datetime | None = None
    # What the post's buttons act on: the release (countdowns, release days), the reminder.
    guild_id: int | None = None
    entity_id: int | None = None
    reminder_id: int | None = None


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 102nd."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def plural(n: int, word: str) -> str:
    """"1 day", "7 days"."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _subject(due: Due) -> str:
    """**Title** by Artist (the release kind in front when known: the album **Title**)."""
    name = f"**{escape_markdown(due.title or 'an untitled release')}**"
    release_kind = due.payload.get("release_kind")
    if release_kind:
        name = f"the {release_kind} {name}"
    artist = due.payload.get("artist")
    return f"{name} by {artist}" if artist else name


def _anchor(due: Due) -> PartialDate | None:
    try:
        return PartialDate.parse(due.anchor_local[:10])
    except (ValueError, TypeError):
        return None


def _long_date(day: date) -> str:
    return f"{day.strftime('%B')} {day.day}, {day.year}"


def _countdown_days(due: Due) -> int:
    """The N of a countdown key like "countdown-7:2026-12-03"."""
    head = due.key.split(":", 1)[0]
    if head.startswith("countdown-"):
        return int(head.removeprefix("countdown-"))
    anchor = _anchor(due)
    return (anchor.first_day() - due.local_date).days if anchor else 0


def headline(due: Due) -> str:
    """The one line that says what today is about."""
    anchor = _anchor(due)
    if due.kind == ScheduleKind.RELEASE_DAY:
        return f"📀 Out today: {_subject(due)}!"
    if due.kind == ScheduleKind.COUNTDOWN:
        n = _countdown_days(due)
        return f"⏳ {plural(n, 'day')} until {_subject(due)}"
    if due.kind == ScheduleKind.ANNIVERSARY:
        years = due.local_date.year - anchor.year if anchor else 0
        return (f"🎉 {_subject(due)} came out {plural(years, 'year')} ago today "
                f"(its {ordinal(years)} anniversary)")
    if due.kind == ScheduleKind.BIRTHDAY:
        name = f"**{escape_markdown(due.title or 'someone')}**"
        if anchor is not None and due.payload.get("year_known", True):
            age = due.local_date.year - anchor.year
            return f"🎂 Happy birthday, {name}! {age} today."
        return f"🎂 Happy birthday, {name}!"
    if due.kind == ScheduleKind.REMINDER:
        if due.rule == "release_day":
            return f"⏰ Reminder: {_subject(due)} is out today!"
        return f"⏰ Reminder: {due.title}" if due.title else "⏰ Reminder"
    return due.title or due.kind


def _card(due: Due) -> EmbedSpec | None:
    """A small card for fact-derived posts (reminders stay plain text)."""
    anchor = _anchor(due)
    if due.kind == ScheduleKind.REMINDER and due.rule == "once":
        return None
    footer: str | None = None
    if anchor is not None and anchor.precision == "day":
        label = {"birthday": "Born", "countdown": "Release date", "release_day": "Release date",
                 "reminder": "Release date"}.get(due.kind, "Released")
        footer = f"{label}: {_long_date(anchor.first_day())}"
    return EmbedSpec(title=clip(due.title or due.kind, 256), footer=footer,
                     timestamp=due.due_utc.isoformat() if due.due_utc else None)


def render(due: Due, *, late: bool = False, ping_role_id: int | None = None) -> Post:
    """The post for `due`. It mentions only the guild's ping role, and only when the row's
    payload asks for a ping (`"ping": true`) and the guild has such a role."""
    role = ping_role_id if due.payload.get("ping") and ping_role_id else None
    lines = [f"<@&{role}>"] if role else []
    lines.append(headline(due))
    if late:
        lines.append(f"-# {LATE_NOTE}")
    return Post(text=clip("\n".join(lines), 2000), embed=_card(due), mention_role_id=role,
                kind=f"schedule:{due.kind}", buttons=buttons(due, pinged=role is not None))


SNOOZES = (("Snooze 1 h", 3600), ("Snooze 1 day", 86400))


def buttons(due: Due, *, pinged: bool = False) -> tuple[PostButton, ...]:
    """A countdown or release day offers each fan a reminder of the release; a personal
    reminder offers its owner a snooze; a post that pings the role offers the role."""
    found: list[PostButton] = []
    if due.kind in ("countdown", "release_day") and due.entity_id is not None:
        found.append(PostButton("Remind me", REMIND_RELEASE, (due.guild_id or 0, due.entity_id)))
    if due.kind == ScheduleKind.REMINDER and due.reminder_id is not None:
        found += [PostButton(label, SNOOZE, (due.reminder_id, seconds))
                  for label, seconds in SNOOZES]
    if pinged and due.guild_id is not None:
        found.append(PostButton("Subscribe", SUBSCRIBE, (due.guild_id,)))
    return tuple(found)
