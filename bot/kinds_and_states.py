"""Kinds and states: the closed sets of values stored in the tables' kind and state columns.

A leaf module (no SQLAlchemy): domain code names a state without importing the models, and the
models declare each column's CHECK from these (`bot.models.base.one_of`; migration 0014).
Every value is spelled as it is stored; adding one needs a migration that widens the CHECK.
"""

from __future__ import annotations

from enum import StrEnum


class EntityKind(StrEnum):
    """What an entity is."""

    ARTIST = "artist"
    PERSON = "person"
    LABEL = "label"
    RELEASE = "release"


class FactStatus(StrEnum):
    """Where a fact stands among the values of its (subject, predicate)."""

    ACCEPTED = "accepted"
    SUPERSEDED = "superseded"
    REJECTED = "rejected"
    # A guild's marker hiding a global fact from that guild only (bot.facts.scope).
    REMOVED = "removed"


class FeedState(StrEnum):
    """A feed's health: polled, failing (retried with backoff) or disabled (a typed reason)."""

    OK = "ok"
    FAILING = "failing"
    DISABLED = "disabled"


class ScheduleKind(StrEnum):
    """What a schedule posts: a fact's day (the first four), a fan's reminder, or the digest."""

    RELEASE_DAY = "release_day"
    COUNTDOWN = "countdown"
    ANNIVERSARY = "anniversary"
    BIRTHDAY = "birthday"
    REMINDER = "reminder"
    DIGEST = "digest"


class ScheduleState(StrEnum):
    """Only an active schedule is due; a paused one waits (its reason says why)."""

    ACTIVE = "active"
    PAUSED = "paused"
    DONE = "done"
    CANCELLED = "cancelled"


class DeliveryStatus(StrEnum):
    """What became of one occurrence of a schedule."""

    QUEUED = "queued"
    SENT = "sent"
    SKIPPED = "skipped"
    FAILED = "failed"


class OutboxStatus(StrEnum):
    """Where a post stands: waiting, claimed by a worker, sent, given up, or skipped (its guild
    was left)."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


class PostOrigin(StrEnum):
    """Where an outbox post comes from (bot.delivery.origin.Origin)."""

    ARTICLE = "article"
    SCHEDULE = "schedule"
    NOTICE = "notice"


class ReminderState(StrEnum):
    """A fan's reminder: waiting, delivered, cancelled, or impossible to deliver."""

    ACTIVE = "active"
    DONE = "done"
    CANCELLED = "cancelled"
    UNDELIVERABLE = "undeliverable"


class DeliverTo(StrEnum):
    """Where a reminder is posted."""

    DM = "dm"
    CHANNEL = "channel"


class TextFrom(StrEnum):
    """Where an article's text came from, which decides who may share it."""

    # The article's own page, fetched by the bot from its link: what that link says, whoever's
    # feed led to it, so items of other feeds carrying the link share it.
    PAGE = "page"
    # A feed item's summary or content, or a file a moderator gave: the words of whoever
    # brought it, shared only with items that carry the same text.
    FEED = "feed"
    FILE = "file"
