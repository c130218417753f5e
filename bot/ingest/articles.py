"""Store articles once: the same canonical URL or the same text is the same article."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import insert_ignoring_conflict
from bot.ingest.drafts import ArticleDraft
from bot.models import Article, GuildArticle


async def store_articles(
    session: AsyncSession, drafts: Sequence[ArticleDraft], now: datetime
) -> list[tuple[Article, bool]]:
    """The stored article for each draft, and whether it was new; one look-up for the batch."""
    urls = {d.url for d in drafts if d.url}
    hashes = {d.content_hash for d in drafts}
    existing = list(await session.scalars(
        select(Article).where(or_(Article.canonical_url.in_(urls),
                                  Article.content_hash.in_(hashes)))
    )) if drafts else []
    by_url = {a.canonical_url: a for a in existing if a.canonical_url}
    by_hash = {a.content_hash: a for a in existing}
    results: list[tuple[Article, bool]] = []
    for draft in drafts:
        found = (by_url.get(draft.url) if draft.url else None) or by_hash.get(draft.content_hash)
        if found is not None:
            results.append((found, False))
            continue
        article = Article(
            canonical_url=draft.url, guid=draft.guid, title=draft.title, source=draft.source,
            published_at=draft.published or now, fetched_at=now, text=draft.text,
            summary=draft.summary, content_hash=draft.content_hash, created_at=now,
        )
        session.add(article)
        if draft.url:
            by_url[draft.url] = article
        by_hash[draft.content_hash] = article
        results.append((article, True))
    await session.flush()
    return results


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
