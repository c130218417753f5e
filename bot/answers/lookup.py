"""Reads the answers need beyond `bot/facts/views.py`: articles as sources, by id or entity."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal, null, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, defer

from bot.db import Database
from bot.facts.scope import REMOVED, scope
from bot.facts.views import CitedArticle
from bot.kinds_and_states import EntityKind, FactStatus
from bot.models import Article, Entity, Fact, FeedItem, Subscription

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


@dataclass(frozen=True)
class Reach:
    """The articles about some entities (`articles_of`), newest first, and the releases of
    theirs they were reached through besides (id to name): a figure a sentence gives of one
    of those is the artist's own."""

    articles: list[int] = field(default_factory=list)
    releases: dict[int, str] = field(default_factory=dict)


async def articles_of(db: Database, entity_ids: Sequence[int], guild_id: int | None,
                      limit: int = 20) -> Reach:
    """The newest articles that stated a fact about these entities, or about their releases
    (a `by` fact naming one of them the artist): an article on an artist's album is about the
    artist though its facts are the album's; and for a release, the articles titled with it
    that stated facts about its artist ("Ember Wake at one: Tallow Creek look back": "The
    album has now sold …"; untitled by it, an article on the artist may be on another of its
    records). A link counts only as the guild sees it
    (accepted, of an article in its scope, not removed by its moderators), and so does every
    fact read (`bot/facts/scope.py`). Not a member's articles: "He sold 20,000 copies of his
    solo album", "She has two daughters" there are the member's, not the band's. Ids only,
    bounded (`limit` of each kind); one statement."""
    if not entity_ids:
        return Reach()
    ids = list(entity_ids)
    related = _related(ids, guild_id)
    about = select(Fact.article_id).where(
        or_(Fact.subject_id.in_(ids), Fact.subject_id.in_(related),
            Fact.object_entity_id.in_(ids)),
        Fact.article_id.is_not(None), Fact.status != FactStatus.REJECTED, scope(guild_id)) \
        .distinct().order_by(Fact.article_id.desc()).limit(limit).subquery()
    titled = _titled(ids, guild_id, limit).subquery()
    statement = union_all(
        select(literal(1).label("part"), Entity.id, Entity.name)
        .where(Entity.id.in_(related), Entity.id.not_in(ids)),
        select(literal(0), about.c.article_id, null()),
        select(literal(0), titled.c.article_id, null()))
    reach = Reach()
    async with db.read() as session:
        for part, some_id, name in await session.execute(statement):
            if part == 0 and some_id is not None:
                reach.articles.append(some_id)
            elif part == 1:
                reach.releases[some_id] = name
    reach.articles[:] = sorted(set(reach.articles), reverse=True)
    return reach


def _related(ids: Sequence[int], guild_id: int | None) -> Any:
    """The releases whose `by` fact names one of `ids` the artist, by a link the guild sees."""
    link, release = aliased(Fact), aliased(Entity)
    return select(link.subject_id).join(release, release.id == link.subject_id).where(
        link.predicate == "by", link.object_entity_id.in_(ids),
        release.kind == EntityKind.RELEASE, *_live(link, guild_id))


def _titled(ids: Sequence[int], guild_id: int | None, limit: int) -> Any:
    """The newest articles titled with one of the releases `ids` that stated a fact about its
    artist (by a `by` link the guild sees) in the guild's scope."""
    link, record = aliased(Fact), aliased(Entity)
    return select(Fact.article_id).join(link, and_(
        link.object_entity_id == Fact.subject_id, link.predicate == "by",
        link.subject_id.in_(ids), *_live(link, guild_id))) \
        .join(record, record.id == link.subject_id) \
        .join(Article, Article.id == Fact.article_id).where(
            record.kind == EntityKind.RELEASE,
            func.lower(Article.title).contains(func.lower(record.name)),
            Fact.status != FactStatus.REJECTED, scope(guild_id)) \
        .distinct().order_by(Fact.article_id.desc()).limit(limit)


def _live(link: Any, guild_id: int | None) -> list[ColumnElement[bool]]:
    """A link (`link`: an alias of the facts table) the guild sees: accepted, in its scope,
    not removed by its moderators."""
    live: list[ColumnElement[bool]] = [link.status == FactStatus.ACCEPTED, scope(guild_id, link)]
    if guild_id is not None:
        # (a moderator's removal of a global link: a marker row of the guild's, same link)
        undone = aliased(Fact)
        live.append(~select(undone.id).where(
            undone.subject_id == link.subject_id, undone.predicate == link.predicate,
            undone.object_entity_id == link.object_entity_id, undone.status == REMOVED,
            undone.guild_id == guild_id).exists())
    return live
