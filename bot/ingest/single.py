"""Ingesting one article: a page URL (`/ingest`, `fanzine ingest URL`) or a local file."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.actors import Actor
from bot.clock import Clock
from bot.db import Database
from bot.errors import UserError
from bot.ingest.article import content_hash, extract_page, read_article_file, summarize
from bot.ingest.articles import link_to_guilds, store_articles
from bot.ingest.drafts import ArticleDraft, draft_from_page
from bot.ingest.poller import PAGE_ACCEPT, NewArticlesListener
from bot.ingest.urls import canonical_url, host_of
from bot.kinds_and_states import TextFrom
from bot.models import AuditEntry, GuildArticle
from bot.net import FetchError, HttpClient, check_url

# The largest article file read: the same cap as a fetched page (net.max_body_bytes' default).
MAX_FILE_BYTES = 5 * 1024 * 1024
# A feed's root element near the start of a file: a feed is added with /feeds add instead.
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]")
# Prose has words: at least this many runs of letters, and some spaces between them.
MIN_WORDS = 5
# Called with a known article's id once its publication date changed.
Redated = Callable[[int], Awaitable[object]]


@dataclass(frozen=True)
class Ingested:
    """The stored article, and whether it was new."""

    article_id: int
    title: str | None
    url: str | None
    summary: str
    created: bool
    # A known article given another publication date: (the date before, or None; the new one).
    redated: tuple[datetime | None, datetime] | None = None


class ArticleIngest:
    """Stores single articles for a guild (no posting: feeds post, ingests only inform)."""

    def __init__(self, db: Database, http: HttpClient, clock: Clock,
                 on_new_articles: NewArticlesListener | None = None,
                 on_redated: Redated | None = None) -> None:
        self.db = db
        self.http = http
        self.clock = clock
        self.on_new_articles = on_new_articles
        # Learns a re-dated article again (ArticleFacts.relearn).
        self.on_redated = on_redated

    async def ingest_url(self, actor: Actor, url: str, published: datetime | None = None, *,
                         redate: bool = False) -> Ingested:
        guild_id = actor.require_moderator()
        return await self.store(await self.draft_from_url(url, published), guild_id,
                                redate=redate, by=actor)

    async def ingest_file(self, guild_id: int, name: str, data: bytes, *,
                          url: str | None = None, published: datetime | None = None,
                          redate: bool = False, by: Actor | None = None) -> Ingested:
        return await self.store(await self.draft_from_file(name, data, url=url,
                                                           published=published), guild_id,
                                redate=redate, by=by)

    async def draft_from_url(self, url: str, published: datetime | None = None) -> ArticleDraft:
        """Fetch an article page and keep its main text; UserError with the reason if not."""
        url = check_url(url)
        try:
            result = await self.http.fetch(url, accept=PAGE_ACCEPT)
        except FetchError as exc:
            raise UserError(f"Could not fetch that article: {exc.message}") from None
        page = await asyncio.to_thread(extract_page, result.body, url=result.url)
        if not page.text.strip():
            raise UserError("No article text was found on that page.")
        return draft_from_page(page, result.url, published)

    async def draft_from_file(self, name: str, data: bytes, *, url: str | None = None,
                              published: datetime | None = None) -> ArticleDraft:
        """A local file: HTML is reduced to its main text, anything else read as text.
        Binary files, feeds, oversized files and text with no prose are refused."""
        check_article_file(name, data)
        if url is not None:
            url = check_url(url)
        if name.lower().endswith((".html", ".htm")):
            page = await asyncio.to_thread(extract_page, data, url=url)
            draft = draft_from_page(page, url, published, text_from=TextFrom.FILE)
        else:
            title, text = read_article_file(name, data)
            canonical = canonical_url(url) if url else None
            draft = ArticleDraft(url=canonical, guid=None, title=title,
                                 source=host_of(canonical) if canonical else None,
                                 published=published, text=text, summary=summarize(text),
                                 content_hash=content_hash(text), text_from=TextFrom.FILE)
        if len(re.findall(r"[^\W\d_]{2,}", draft.text)) < MIN_WORDS:
            raise UserError(f"{name} holds no article text (no sentences of words).")
        return draft

    async def store(self, draft: ArticleDraft, guild_id: int | None, *, redate: bool = False,
                    by: Actor | None = None) -> Ingested:
        """Store the article once. With `redate` (a date the user gave), a known article
        whose publication day differs takes the new date and is learned again, so the dates
        it gives relative to it follow. `by` is the moderator doing it (audited in their
        server, and refused when other servers have the article too: its facts are theirs
        as well); None is the operator's command line."""
        now = self.clock.now()
        redated: tuple[datetime | None, datetime] | None = None
        async with self.db.transaction() as session:
            [(article, created)] = await store_articles(session, [draft], now,
                                                         any_length=True)
            if guild_id is not None:
                await link_to_guilds(session, [article.id], [guild_id], now)
            new = draft.published
            if (not created and redate and new is not None
                    and (article.published_at is None or article.published_at.date()
                         != new.date())):
                redated = (article.published_at, new)
                await self._check_redate(session, article.id, guild_id, by)
                article.published_at = new
                if by is not None and guild_id is not None:
                    session.add(AuditEntry(
                        guild_id=guild_id, user_id=by.user_id, action="ingest.redate",
                        target=f"article:{article.id}", created_at=now,
                        before={"published": _day(redated[0])},
                        after={"published": _day(new)}))
        if created and self.on_new_articles is not None:
            await self.on_new_articles([article.id])
        if redated is not None and self.on_redated is not None:
            await self.on_redated(article.id)
        return Ingested(article.id, article.title, article.link,
                        article.summary or "", created, redated)

    async def _check_redate(self, session: AsyncSession, article_id: int,
                            guild_id: int | None, by: Actor | None) -> None:
        if by is None:
            return
        shared = await session.scalar(select(GuildArticle.guild_id).where(
            GuildArticle.article_id == article_id, GuildArticle.guild_id != guild_id).limit(1))
        if shared is not None:
            raise UserError(
                f"Article {article_id} is in other servers too, so its date is not changed "
                "from here: correct a date it gave with /facts fix subject:\"…\" "
                "predicate:release_date value:YYYY-MM-DD.")


def _day(when: datetime | None) -> str | None:
    return when.date().isoformat() if when is not None else None


def check_article_file(name: str, data: bytes) -> None:
    """Refuse, in one line, what is no article: too big, binary, or a feed."""
    if len(data) > MAX_FILE_BYTES:
        raise UserError(f"{name} is {len(data) / 1024 / 1024:.1f} MB; an article file may be "
                        f"at most {MAX_FILE_BYTES // 1024 // 1024} MB.")
    head = data[:8192]
    if b"\x00" in head:
        raise UserError(f"{name} is not text or HTML (it holds binary data).")
    if _FEED_ROOT.search(head[:2048]):
        raise UserError(f"{name} is a feed, not an article: follow it with /feeds add "
                        "(fanzine feeds add).")
