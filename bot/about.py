"""What `/about` reports: the version and how much the bot knows so far."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import __version__
from bot.db import Database
from bot.facts.predicates import SINGLE_VALUED
from bot.facts.scope import article_seen, scope
from bot.kinds_and_states import EntityKind, FactStatus
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
    """Counts what the asking guild sees (`bot/facts/scope.py`): the articles its feeds and
    ingests carried and their facts, never another guild's; without a guild, everything."""

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
            if guild_id is None:
                articles, artists, facts = await _everything(session)
            else:
                articles, artists, facts = await _seen_by(session, guild_id)
        return About(
            name=self._name, version=__version__, contact_url=self._contact_url,
            database=self._db.dialect, guild_feeds=feeds or 0, articles=articles or 0,
            artists=artists or 0, facts=facts or 0,
        )


async def _everything(session: AsyncSession) -> tuple[int | None, int | None, int | None]:
    articles = await session.scalar(select(func.count()).select_from(Article))
    artists = await session.scalar(
        select(func.count()).select_from(Entity).where(Entity.kind == EntityKind.ARTIST))
    facts = await session.scalar(
        select(func.count()).select_from(Fact).where(Fact.status == FactStatus.ACCEPTED))
    return articles, artists, facts


async def _seen_by(session: AsyncSession,
                   guild_id: int) -> tuple[int | None, int | None, int | None]:
    """What one guild sees: its articles, the artists its facts name, and its facts (one
    accepted value per single-valued subject and predicate, as its answers settle them)."""
    live = and_(Fact.status.in_((FactStatus.ACCEPTED, FactStatus.SUPERSEDED)), scope(guild_id))
    articles = await session.scalar(
        select(func.count()).select_from(Article).where(article_seen(guild_id)))
    named = select(Fact.id).where(
        or_(Fact.subject_id == Entity.id, Fact.object_entity_id == Entity.id), live).exists()
    artists = await session.scalar(
        select(func.count()).select_from(Entity).where(Entity.kind == EntityKind.ARTIST, named))
    many = await session.scalar(select(func.count()).select_from(Fact).where(
        live, Fact.status == FactStatus.ACCEPTED, Fact.predicate.not_in(list(SINGLE_VALUED))))
    single = await session.scalar(select(func.count()).select_from(
        select(Fact.subject_id, Fact.predicate).where(
            live, Fact.predicate.in_(list(SINGLE_VALUED))).distinct().subquery()))
    return articles, artists, (many or 0) + (single or 0)


def about_text(about: About) -> str:
    """The plain-text `/about` of the shell and `fanzine about`."""
    return "\n".join([
        f"{about.name} {about.version}: news, facts and release-day reminders for fan servers.",
        f"  Articles stored: {about.articles}   Artists known: {about.artists}   "
        f"Facts: {about.facts}",
        f"  Feeds in this server: {about.guild_feeds}   Database: {about.database}",
        f"  More: {about.contact_url}",
    ])
