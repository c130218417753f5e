"""Reads the answers need beyond FactStore: releases by an artist, dated facts, articles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from bot.db import Database
from bot.facts.scope import REMOVED, fact_key, guild_view, read_view, scope, visible, with_revisions
from bot.facts.views import CitedArticle
from bot.kinds_and_states import EntityKind, FactStatus
from bot.models import Article, Entity, Fact, FeedItem, Subscription


async def entities(db: Database, ids: Iterable[int]) -> list[Entity]:
    wanted = sorted(set(ids))
    if not wanted:
        return []
    async with db.read() as session:
        return list(await session.scalars(select(Entity).where(Entity.id.in_(wanted))))


async def releases_by(db: Database, artist_id: int, guild_id: int | None) -> list[Entity]:
    """Releases whose artist is this one, by the entity link or by a `by` fact."""
    async with db.read() as session:
        # A `by` fact the guild removed no longer makes the release this artist's.
        by = visible(list(await session.scalars(
            select(Fact).where(Fact.predicate == "by", Fact.object_entity_id == artist_id,
                               Fact.status.in_((FactStatus.ACCEPTED, REMOVED)), scope(guild_id)))))
        linked = Entity.artist_id == artist_id
        if by:
            linked = or_(linked, Entity.id.in_(sorted({f.subject_id for f in by})))
        return list(await session.scalars(
            select(Entity).where(Entity.kind == EntityKind.RELEASE, linked).order_by(Entity.id)))


async def accepted(db: Database, subject_ids: Sequence[int], predicates: Sequence[str],
                   guild_id: int | None) -> list[Fact]:
    """Accepted facts of these predicates about these subjects, oldest first."""
    if not subject_ids:
        return []
    async with db.read() as session:
        return guild_view(await read_view(session, select(Fact).where(
            Fact.subject_id.in_(list(subject_ids)),
            Fact.predicate.in_(with_revisions(predicates)), scope(guild_id)).order_by(Fact.id),
            predicates=predicates))


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


async def removed_evidence(db: Database, entity_ids: Sequence[int],
                           guild_id: int | None) -> set[str]:
    """The sentences behind the facts about these entities that this guild's moderators
    removed: an answer never quotes back what a moderator took away."""
    if guild_id is None or not entity_ids:
        return set()
    async with db.read() as session:
        facts = await read_view(session, select(Fact).where(
            Fact.subject_id.in_(list(entity_ids)), scope(guild_id)), superseded=True)
    removed = {fact_key(f) for f in facts if f.status == REMOVED}
    return {" ".join(f.evidence.split()) for f in facts
            if f.status != REMOVED and fact_key(f) in removed and f.evidence}


async def recent_dated(db: Database, predicates: Sequence[str], guild_id: int | None,
                       limit: int = 500) -> list[Fact]:
    """The newest accepted dated facts of these predicates (a bounded pool to search), without
    those the guild removed."""
    async with db.read() as session:
        # Settled over the pool read (a date's competitors are usually in it: newest first).
        return visible(await read_view(session, select(Fact).where(
            Fact.predicate.in_(with_revisions(predicates)), Fact.object_date.is_not(None),
            scope(guild_id)).order_by(Fact.id.desc()).limit(limit), predicates=predicates))
