"""Store articles once (the same canonical URL with the link's own page or the same words, or
the same long text, from other feeds is the same article), with their searchable sentences."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import insert_ignoring_conflict
from bot.ingest.article import long_enough_to_join
from bot.ingest.drafts import ArticleDraft
from bot.ingest.searchable import searchable_sentences
from bot.kinds_and_states import TextFrom
from bot.models import Article, ArticleSentence, FeedItem, GuildArticle

# Ids per IN (...) and rows per executemany: under SQLite's limit on bound parameters.
CHUNK = 500


async def store_articles(
    session: AsyncSession, drafts: Sequence[ArticleDraft], now: datetime, *,
    feed_id: int | None = None, any_length: bool = False,
    sentences: list[dict[str, Any]] | None = None,
) -> list[tuple[Article, bool]]:
    """The stored article for each draft, and whether it was new.

    The drafts of one call are distinct items of one source (a feed's new items, or one page):
    two of them never share an article, and with `feed_id` none shares an article with an item
    this feed already has. Otherwise a draft joins the stored article holding its canonical
    URL when that article's text may be shared (`shares_text`: the link's own page, or the
    same words), or one with its text when the text is long (MIN_JOIN_CHARS) and no other
    article or draft of the batch has the same text (boilerplate such as "Comments" never
    joins). A draft that joins nothing gets an article of its own: without the URL when
    another article holds it, except that the link's own page takes the URL from an article
    holding only a feed's or a file's words (which keeps its text, facts and `link`). Two
    articles of one link kept apart for their texts are one story: the newer's `story_id`
    names the first, so a channel is shown the story once (`posting.story_of`).
    `any_length` lets a short text join too: one page ingested again (`/ingest`, a file).
    `sentences`: where the new articles' sentence rows go when the caller inserts them later
    (a batch of feeds, `BatchRows`); without it they are inserted here.
    """
    counts = Counter(d.content_hash for d in drafts)
    # A text repeated across the batch is the feed's boilerplate, not a story.
    joinable = [counts[d.content_hash] == 1 and (any_length or long_enough_to_join(d.text))
                for d in drafts]
    urls = sorted({d.url for d in drafts if d.url})
    hashes = sorted({d.content_hash for d, ok in zip(drafts, joinable, strict=True) if ok})
    existing: dict[int, Article] = {}
    # Chunked: PostgreSQL refuses a statement with more than 32,767 bound values, and a feed
    # may bring thousands of items at once. The URLs and the texts in one statement (each
    # found by its index: a multi-index OR on SQLite, a BitmapOr on PostgreSQL), not two.
    half = CHUNK // 2
    for start in range(0, max(len(urls), len(hashes)), half):
        some_urls, some_hashes = urls[start:start + half], hashes[start:start + half]
        for article in await session.scalars(select(Article).where(or_(
                *([Article.canonical_url.in_(some_urls)] if some_urls else []),
                *([Article.content_hash.in_(some_hashes)] if some_hashes else [])))):
            existing[article.id] = article
    # Articles this feed's other items already have: never joined by another of its items.
    taken: set[int] = set()
    if feed_id is not None and existing:
        ids = sorted(existing)
        for start in range(0, len(ids), CHUNK):
            taken.update(await session.scalars(select(FeedItem.article_id).where(
                FeedItem.feed_id == feed_id, FeedItem.article_id.in_(ids[start:start + CHUNK]))))
    stored_hashes = Counter(a.content_hash for a in existing.values())
    by_url = {a.canonical_url: a for a in existing.values() if a.canonical_url}
    # A text that two stored articles have is boilerplate somewhere: it joins nothing.
    by_hash = {a.content_hash: a for a in existing.values() if stored_hashes[a.content_hash] == 1}
    urls_held = set(by_url)
    chosen: set[int] = set()
    results: list[tuple[Article, bool]] = []
    for draft, may_join in zip(drafts, joinable, strict=True):
        holder = by_url.get(draft.url) if draft.url else None
        if holder is not None and (holder.id in taken or holder.id in chosen):
            holder = None  # this feed's own item, or this batch's: never the same article
        found = holder if holder is not None and shares_text(holder, draft) else None
        if found is None and may_join:
            found = by_hash.get(draft.content_hash)
        if found is not None and found.id not in taken and found.id not in chosen:
            chosen.add(found.id)
            results.append((found, False))
            continue
        url = draft.url if draft.url and draft.url not in urls_held else None
        story: int | None = None
        if holder is not None:
            story = holder.story_id or holder.id
            if draft.text_from == TextFrom.PAGE:
                # The link's own page is what the link says: it becomes what other items of
                # the link join. The feed's copy keeps its words for whoever brought them.
                holder.canonical_url = None
                await session.flush()  # the URL is unique: free it before it is taken again
                url = draft.url
        article = Article(
            canonical_url=url, link=draft.url, guid=draft.guid, title=draft.article_title,
            source=draft.source,
            # No publication date given stays none: a date read from today would give "this
            # June" a year the article never meant (fetched_at says when it came in).
            published_at=draft.article_published, fetched_at=now, text=draft.text,
            summary=draft.article_summary, content_hash=draft.content_hash,
            text_from=draft.text_from.value, story_id=story, created_at=now,
        )
        session.add(article)
        results.append((article, True))
        if url:
            urls_held.add(url)
            if holder is not None:
                await session.flush()
                by_url[url] = article
                chosen.add(article.id)
    await session.flush()
    created = [a for a, is_new in results if is_new]
    if sentences is not None:
        sentences.extend(sentence_rows(created))
    else:
        # Articles created just now have no sentences yet: none to look up.
        await store_sentences(session, created, new=True)
    return results


def sentence_rows(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """The searchable sentences of new articles, as `article_sentences` rows."""
    return [{"article_id": a.id, "position": position, "text": text}
            for a in articles for position, text in searchable_sentences(a.text, a.title)]


def shares_text(stored: Article, draft: ArticleDraft) -> bool:
    """Whether an item carrying a stored article's link may take that article's text as its
    own: when the text is the link's own page (fetched by the bot, whoever's feed led to it)
    or the same words. A feed's summary or a file is the word of whoever brought it: another
    guild's feed carrying the same link must not learn its facts from it."""
    return stored.text_from == TextFrom.PAGE or stored.content_hash == draft.content_hash


async def store_sentences(session: AsyncSession, articles: Sequence[Article], *,
                          new: bool = False) -> int:
    """Store each article's searchable sentences (the full-text index follows by itself).

    An article whose stored sentences differ from its text's gets them replaced; the same text
    again changes nothing. `new`: the articles were inserted in this transaction, so they have
    none stored and none are looked up. Returns the sentences written."""
    wanted = {a.id: searchable_sentences(a.text, a.title) for a in articles}
    ids = sorted(wanted)
    stored: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for start in range(0, 0 if new else len(ids), CHUNK):
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
