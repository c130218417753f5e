"""The tables of the whole mission, as SQLAlchemy 2 declarative models (one module per area)."""

from bot.models.base import Base
from bot.models.facts import Alias, Entity, Fact
from bot.models.guilds import (
    AuditEntry,
    Follow,
    GuildScheduleSettingsRow,
    GuildSettingsRow,
    UserSettingsRow,
)
from bot.models.ingest import (
    Article,
    ArticleSentence,
    Feed,
    FeedItem,
    GuildArticle,
    Subscription,
)
from bot.models.schedule import (
    Delivery,
    Lease,
    OutboxMessage,
    Reminder,
    Schedule,
)

__all__ = [
    "Alias",
    "Article",
    "ArticleSentence",
    "AuditEntry",
    "Base",
    "Delivery",
    "Entity",
    "Fact",
    "Feed",
    "FeedItem",
    "Follow",
    "GuildArticle",
    "GuildScheduleSettingsRow",
    "GuildSettingsRow",
    "Lease",
    "OutboxMessage",
    "Reminder",
    "Schedule",
    "Subscription",
    "UserSettingsRow",
]
