"""What `/about` reports: the version and how much the bot knows so far."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from bot import __version__
from bot.db import Database
from bot.models import Article, Entity, Fact, Subscription


@dataclass(frozen=True)
class About:
    """The bot's identity and the size of its fact base."""

    name: str
    version: str
    contact_url: str
    database: str
    # Feed subscriptions of the asking guild only: other guilds' feeds are theirs.
    guild_feeds: int
    articles: int
    artists: int
    facts: int


class AboutService:
    """Counts what is stored; the same numbers in every guild (nothing guild-private)."""

    def __init__(self, db: Database, name: str, contact_url: str) -> None:
        self._db = db
        self._name = name
        self._contact_url = contact_url

    async def about(self, guild_id: int | None) -> About:
        async with self._db.transaction() as session:
            feeds = await session.scalar(
                select(func.count()).select_from(Subscription)
                .where(Subscription.guild_id == guild_id)
            ) if guild_id is not None else 0
            articles = await session.scalar(select(func.count()).select_from(Article))
            artists = await session.scalar(
                select(func.count()).select_from(Entity).where(Entity.kind == "artist")
            )
            facts = await session.scalar(
                select(func.count()).select_from(Fact).where(Fact.status == "accepted")
            )
        return About(
            name=self._name, version=__version__, contact_url=self._contact_url,
            database=self._db.dialect, guild_feeds=feeds or 0, articles=articles or 0,
            artists=artists or 0, facts=facts or 0,
        )


def about_text(about: About) -> str:
    """The plain-text `/about` of the shell and `fanzine about`."""
    return "\n".join([
        f"{about.name} {about.version}: news, facts and release-day reminders for fan servers.",
        f"  Articles stored: {about.articles}   Artists known: {about.artists}   "
        f"Facts: {about.facts}",
        f"  Feeds in this server: {about.guild_feeds}   Database: {about.database}",
        f"  More: {about.contact_url}",
    ])
