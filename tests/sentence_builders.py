"""Our own articles (Lena Morrow, Tin Lantern, Paper Coast) stored as ingest stores them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.db import Database
from bot.ingest.article import content_hash
from bot.ingest.articles import link_to_guilds, store_articles
from bot.ingest.drafts import ArticleDraft
from bot.models import ArticleSentence

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

TIN_LANTERN = (
    "Lena Morrow returns with Tin Lantern\n\n"
    "Photo by Jo Pix/Getty Images\n\n"
    "Lena Morrow released her new album Tin Lantern on March 3, 2026. "
    "The video Lena Morrow made for Tin Lantern was directed by Ansel Ruiz in one take. "
    "Read more. "
    "Lena Morrow called the title song the saddest she has written.\n"
)
PAPER_COAST = (
    "Paper Coast goes on tour\n\n"
    "Paper Coast announced a tour of twelve cities in the spring. "
    "Lena Morrow will open for Paper Coast in Denver, the band said.\n"
)


def draft(slug: str, text: str, published: str, title: str | None = None) -> ArticleDraft:
    """An article at https://news.example/SLUG published on `published` (YYYY-MM-DD)."""
    return ArticleDraft(
        url=f"https://news.example/{slug}", guid=None, title=title or slug,
        source="news.example", published=datetime.fromisoformat(published).replace(tzinfo=UTC),
        text=text, summary=text[:100], content_hash=content_hash(text))


async def store(db: Database, slug: str, text: str, published: str,
                guilds: Sequence[int] = ()) -> int:
    """Store an article (and its sentences) as ingest does, brought in by `guilds`; its id."""
    async with db.transaction() as session:
        [(article, _)] = await store_articles(session, [draft(slug, text, published)], NOW)
        await link_to_guilds(session, [article.id], guilds, NOW)
        return article.id


async def sentences_of(db: Database, article_id: int) -> list[tuple[int, int, str]]:
    """(id, position, text) of an article's stored sentences, in order."""
    async with db.read() as session:
        rows = await session.execute(
            select(ArticleSentence.id, ArticleSentence.position, ArticleSentence.text)
            .where(ArticleSentence.article_id == article_id).order_by(ArticleSentence.position))
        return [(r.id, r.position, r.text) for r in rows]


async def sentence_count(db: Database) -> int:
    async with db.read() as session:
        return int(await session.scalar(select(func.count()).select_from(ArticleSentence)) or 0)
