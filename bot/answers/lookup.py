"""Reads the answers need beyond `bot/facts/views.py`: articles as sources, by id or entity."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from bot.db import Database
from bot.facts.scope import scope
from bot.facts.views import CitedArticle
from bot.kinds_and_states import FactStatus
from bot.models import Article, Fact, FeedItem, Subscription

# An article as a source is shown to one guild (`bot.facts.views`).
Cited = CitedArticle


async def articles(db: Database, ids: Iterable[int | None],
                   guild_id: int | None) -> dict[int, Cited]:
    """The articles as `guild_id` cites them (`own_items`)."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    async with db.read() as session:
        # An article's text can be long and a source shows only its title, outlet and date.
        found = list(await session.scalars(
            select(Article).options(defer(Article.text)).where(Article.id.in_(wanted))))
        own = await own_items(session, guild_id, wanted)
    return {a.id: Cited(a.id, *own.get(a.id, (a.title, a.link)), a.source, a.published_at,
                        a.fetched_at) for a in found}


async def own_items(session: AsyncSession, guild_id: int | None,
                    article_ids: Sequence[int]) -> dict[int, tuple[str | None, str | None]]:
    """The title and link of the guild's own feed's item of each article (its first), which
    its channel was shown: an article shared with another guild's feed by the same text keeps
    the first feed's title and link, which may be anything that feed said."""
    if guild_id is None or not article_ids:
        return {}
    rows = await session.execute(
        select(FeedItem.article_id, FeedItem.title, FeedItem.link)
        .join(Subscription, Subscription.feed_id == FeedItem.feed_id)
        .where(Subscription.guild_id == guild_id, FeedItem.article_id.in_(list(article_ids)))
        .order_by(FeedItem.id))
    own: dict[int, tuple[str | None, str | None]] = {}
    for article_id, title, link in rows:
        if article_id is not None:
            own.setdefault(article_id, (title, link))
    return own


async def articles_about(db: Database, entity_ids: Sequence[int], guild_id: int | None,
                         limit: int = 5) -> list[tuple[Cited, str]]:
    """The newest articles with a fact about (or naming) these entities, with one evidence."""
    async with db.read() as session:
        rows = await session.execute(
            select(Fact.article_id, Fact.evidence).where(
                or_(Fact.subject_id.in_(list(entity_ids)),
                    Fact.object_entity_id.in_(list(entity_ids))),
                Fact.article_id.is_not(None), Fact.status != FactStatus.REJECTED, scope(guild_id)))
        evidence: dict[int, str] = {}
        for article_id, text in rows:
            if article_id is not None:
                evidence.setdefault(article_id, text)
    found = await articles(db, evidence, guild_id)
    newest = sorted(found.values(), key=lambda a: (a.published_at or a.fetched_at, a.id),
                    reverse=True)[:limit]
    return [(a, evidence[a.id]) for a in newest]


async def articles_of(db: Database, entity_ids: Sequence[int], guild_id: int | None,
                      limit: int = 20) -> list[int]:
    """The newest articles that stated a fact about these entities (ids only, bounded)."""
    if not entity_ids:
        return []
    async with db.read() as session:
        rows = await session.scalars(
            select(Fact.article_id).where(
                or_(Fact.subject_id.in_(list(entity_ids)),
                    Fact.object_entity_id.in_(list(entity_ids))),
                Fact.article_id.is_not(None), Fact.status != FactStatus.REJECTED, scope(guild_id))
            .distinct().order_by(Fact.article_id.desc()).limit(limit))
        return [i for i in rows if i is not None]
