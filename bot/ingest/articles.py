"""Store articles once (the same canonical URL or the same text is the same article), with their
searchable sentences."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import insert_ignoring_conflict
from bot.ingest.drafts import ArticleDraft
from bot.ingest.searchable import searchable_sentences
from bot.models import Article, ArticleSentence, GuildArticle

# Ids per IN (...) and rows per executemany: under SQLite's limit on bound parameters.
CHUNK = 500


async def store_articles(
    session: AsyncSession, drafts: Sequence[ArticleDraft], now: datetime
) -> list[tuple[Article, bool]]:
    """The stored article for each draft, and whether it was new; one look-up for the batch."""
    urls = sorted({d.url for d in drafts if d.url})
    hashes = sorted({d.content_hash for d in drafts})
    existing: dict[int, Article] = {}
    # Chunked: PostgreSQL refuses a statement with more than 32,767 bound values, and a feed
    # may bring thousands of items at once.
    for start in range(0, max(len(urls), len(hashes)), CHUNK):
        for article in await session.scalars(select(Article).where(or_(
                Article.canonical_url.in_(urls[start:start + CHUNK]),
                Article.content_hash.in_(hashes[start:start + CHUNK])))):
            existing[article.id] = article
    # Highest id first, so that the first stored of several articles sharing a URL or a hash
    # is the one kept in the maps below.
    found_articles = [existing[i] for i in sorted(existing, reverse=True)]
    by_url = {a.canonical_url: a for a in found_articles if a.canonical_url}
    by_hash = {a.content_hash: a for a in found_articles}
    results: list[tuple[Article, bool]] = []
    for draft in drafts:
        found = (by_url.get(draft.url) if draft.url else None) or by_hash.get(draft.content_hash)
        if found is not None:
            results.append((found, False))
            continue
        article = Article(
            canonical_url=draft.url, guid=draft.guid, title=draft.title, source=draft.source,
            # No publication date given stays none: a date read from today would give "this
            # June" a year the article never meant (fetched_at says when it came in).
            published_at=draft.published, fetched_at=now, text=draft.text,
            summary=draft.summary, content_hash=draft.content_hash, created_at=now,
        )
        session.add(article)
        if draft.url:
            by_url[draft.url] = article
        by_hash[draft.content_hash] = article
        results.append((article, True))
    await session.flush()
    await store_sentences(session, [a for a, created in results if created])
    return results


async def store_sentences(session: AsyncSession, articles: Sequence[Article]) -> int:
    """Store each article's searchable sentences (the full-text index follows by itself).

    An article whose stored sentences differ from its text's gets them replaced; the same text
    again changes nothing. Returns the sentences written."""
    wanted = {a.id: searchable_sentences(a.text, a.title) for a in articles}
    ids = sorted(wanted)
    stored: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for start in range(0, len(ids), CHUNK):
        rows = await session.execute(
            select(ArticleSentence.article_id, ArticleSentence.position, ArticleSentence.text)
            .where(ArticleSentence.article_id.in_(ids[start:start + CHUNK]))
            .order_by(ArticleSentence.article_id, ArticleSentence.position))
        for article_id, position, text in rows:
            stored[article_id].append((position, text))
    changed = [i for i in ids if stored.get(i, []) != wanted[i]]
    stale = [i for i in changed if i in stored]
    for start in range(0, len(stale), CHUNK):
        await session.execute(delete(ArticleSentence).where(
            ArticleSentence.article_id.in_(stale[start:start + CHUNK])))
    rows_out = [{"article_id": i, "position": position, "text": text}
                for i in changed for position, text in wanted[i]]
    for start in range(0, len(rows_out), CHUNK):
        await session.execute(insert(ArticleSentence), rows_out[start:start + CHUNK])
    return len(rows_out)


async def link_to_guilds(
    session: AsyncSession, article_ids: Sequence[int], guild_ids: Sequence[int], now: datetime
) -> None:
    """Record which guilds' feeds or ingests brought these articles in."""
    rows = [{"guild_id": g, "article_id": a, "added_at": now}
            for g in sorted(set(guild_ids)) for a in sorted(set(article_ids))]
    # Chunks keep each statement under SQLite's limit on bound parameters.
    for start in range(0, len(rows), 500):
        await insert_ignoring_conflict(session, GuildArticle, rows[start:start + 500],
                                       ["guild_id", "article_id"])
