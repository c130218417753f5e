"""Articles become facts: at once for an ingest, in the background for feeds; never twice."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from bot.app import App
from bot.models import Article, Entity, Fact
from tests.feed_builders import Item, rss
from tests.feed_server import FeedServer
from tests.test_ingest_feeds import NEWS, mod

ARTICLE = (
    "Title: Mara Vale shares Glass Harbour\n\n"
    "Singer Mara Vale released her new single \"Glass Harbour\" on Friday, November 20. "
    "The video was directed by Tomas Ek. Mara Vale is signed to Lantern Records.\n"
)


@pytest.fixture
def test_env(test_env: dict[str, str]) -> dict[str, str]:
    return {**test_env, "FANZINE_ALLOW_PRIVATE_NETWORKS": "1", "FANZINE_INGEST_FETCH_PAGES": "0"}


async def facts(app: App) -> list[tuple[str, str, str | None]]:
    async with app.db.transaction() as session:
        rows = (await session.execute(
            select(Entity.name, Fact.predicate, Fact.object_text, Fact.object_date)
            .join(Entity, Entity.id == Fact.subject_id).order_by(Fact.id))).all()
    return [(name, predicate, text or (when.isoformat() if when else None))
            for name, predicate, text, when in rows]


async def test_an_ingested_file_is_learned_at_once_and_only_once(app: App) -> None:
    published = datetime(2026, 11, 23, tzinfo=UTC)
    first = await app.ingest.ingest_file(1000, "glass.txt", ARTICLE.encode(),
                                         published=published)
    learned = await facts(app)
    assert ("Glass Harbour", "release_date", "2026-11-20") in learned
    assert any(subject == "Glass Harbour" and predicate == "by"
               for subject, predicate, _ in learned)
    again = await app.ingest.ingest_file(1000, "glass.txt", ARTICLE.encode(),
                                         published=published)
    assert (first.article_id, again.created) == (again.article_id, False)
    assert await facts(app) == learned
    async with app.db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Article)
                                    .where(Article.learned_at.is_(None))) == 0


async def test_feed_articles_are_learned_in_the_background(
    app: App, feed_server: FeedServer
) -> None:
    item = Item("Mara Vale shares Glass Harbour", "https://news.example/glass",
                published=datetime(2026, 11, 25, 9, tzinfo=UTC),
                content_html="<p>" + ARTICLE.split("\n\n", 1)[1] + "</p>")
    feed_server.serve("/feed.xml", rss([item]))
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    assert await facts(app) == []  # the poll only stored the article
    assert await app.learning.learn_pending() == 1
    assert ("Glass Harbour", "release_date", "2026-11-20") in await facts(app)
    assert await app.learning.learn_pending() == 0


async def test_known_artists_come_from_the_fact_base(app: App) -> None:
    await app.ingest.ingest_file(1000, "a.txt", ARTICLE.encode(),
                                 published=datetime(2026, 11, 23, tzinfo=UTC))
    text = "Fans lined up for hours. Later, Mara Vale’s band thanked them from the stage."
    assert await app.learning.known_artists(text) == ["Mara Vale"]


async def test_a_reissue_is_learned_as_an_event_not_as_the_release_date(app: App) -> None:
    article = ("Title: Ash Garden at twenty\n\n"
               "In celebration of the 20th anniversary of Ash Garden, Rosa Lind is marking this "
               "June with a deluxe re-release of their 1994 album.\n")
    await app.ingest.ingest_file(1000, "ash.txt", article.encode(),
                                 published=datetime(2014, 3, 1, tzinfo=UTC))
    learned = {(predicate, value) for subject, predicate, value in await facts(app)
               if subject == "Ash Garden" and predicate in ("release_date", "event")}
    assert learned == {("release_date", "1994-01-01"), ("event", "2014-06-01")}


async def test_an_article_without_a_date_gets_no_year_from_today(app: App) -> None:
    article = ("Title: Rosa Lind plans a summer record\n\n"
               'Rosa Lind will release her album "Salt Lines" this June, she said.\n')
    await app.ingest.ingest_file(1000, "undated.txt", article.encode(), published=None)
    async with app.db.transaction() as session:
        stored = await session.scalar(select(Article).where(Article.title.like("Rosa Lind%")))
    assert stored is not None and stored.published_at is None
    dated = [fact for fact in await facts(app) if fact[1] == "release_date"]
    assert dated == []  # "this June" of an undated article is no date at all
