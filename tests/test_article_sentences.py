"""Article sentences: stored with the article, replaced when its text changes, indexed in step
(FTS5 on SQLite, tsvector on PostgreSQL), and migration 0006 backfilling articles stored before."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import column, delete, insert, inspect, select, table, text, update

from bot.answers.quotes import find_quotes
from bot.db import Database
from bot.ingest.articles import store_articles, store_sentences
from bot.ingest.searchable import MIN_SENTENCE, searchable_sentences
from bot.migrate import current_revision, downgrade, head_revision, upgrade
from bot.models import Article, ArticleSentence
from tests.sentence_builders import (
    NOW,
    PAPER_COAST,
    TIN_LANTERN,
    draft,
    sentence_count,
    sentences_of,
    store,
)


async def index_hits(db: Database, word: str) -> set[int]:
    """Ids of the sentences the full-text index finds for one plain word."""
    if db.dialect == "sqlite":
        sql = ("SELECT rowid FROM article_sentences_fts "
               "WHERE article_sentences_fts MATCH :word")
        value = f'"{word}"'
    else:
        sql = "SELECT id FROM article_sentences WHERE search_vector @@ to_tsquery('simple', :word)"
        value = word
    async with db.read() as session:
        return set(await session.scalars(text(sql), {"word": value}))


async def assert_index_in_step(db: Database) -> None:
    """The index holds exactly the stored sentences (FTS5's own check on SQLite)."""
    if db.dialect == "sqlite":
        async with db.transaction() as session:
            await session.execute(text(
                "INSERT INTO article_sentences_fts(article_sentences_fts, rank) "
                "VALUES ('integrity-check', 1)"))
    else:
        async with db.read() as session:
            stale = await session.scalar(text(
                "SELECT count(*) FROM article_sentences "
                "WHERE search_vector IS DISTINCT FROM to_tsvector('simple', text)"))
        assert stale == 0


def test_searchable_sentences_drop_credits_headlines_and_short_pieces() -> None:
    got = [s for _, s in searchable_sentences(TIN_LANTERN, "Lena Morrow returns with Tin Lantern")]
    assert got == [
        "Lena Morrow released her new album Tin Lantern on March 3, 2026.",
        "The video Lena Morrow made for Tin Lantern was directed by Ansel Ruiz in one take.",
        "Lena Morrow called the title song the saddest she has written.",
    ]
    assert all(len(s) >= MIN_SENTENCE for s in got)
    positions = [p for p, _ in searchable_sentences(TIN_LANTERN)]
    assert positions == sorted(positions) and positions[2] - positions[1] == 2  # "Read more." gap


def test_a_line_cut_at_an_acronym_is_searchable_whole() -> None:
    """"Blake Vale, V.R.K. Old date: Nov. 27. New date: Dec. 4.": the splitter ends a piece at
    the acronym's dot and after each short date; the line is stored whole, not dropped as
    pieces under MIN_SENTENCE (so "Blake Vale" is a name an article mentions)."""
    got = [s for _, s in searchable_sentences(
        "Release dates moved again this week.\n\n"
        "Blake Vale, V.R.K. Old date: Nov. 27. New date: Dec. 4. Reason: the label wants a "
        "better week. Read more.\n")]
    assert got == ["Release dates moved again this week.",
                   "Blake Vale, V.R.K. Old date: Nov. 27. New date: Dec. 4.",
                   "Reason: the label wants a better week."]


async def test_storing_an_article_stores_its_sentences_once(db: Database) -> None:
    article_id = await store(db, "tin-lantern", TIN_LANTERN, "2026-03-05", guilds=[1])
    first = await sentences_of(db, article_id)
    assert [t for _, _, t in first] == [s for _, s in searchable_sentences(TIN_LANTERN)]
    assert await index_hits(db, "ansel") == {first[1][0]}

    again = await store(db, "tin-lantern", TIN_LANTERN, "2026-03-05", guilds=[2])
    assert again == article_id
    assert await sentences_of(db, article_id) == first  # same rows, same ids
    assert await sentence_count(db) == len(first)
    await assert_index_in_step(db)


async def test_a_changed_text_replaces_the_sentences_and_the_index_follows(db: Database) -> None:
    article_id = await store(db, "tin-lantern", TIN_LANTERN, "2026-03-05", guilds=[1])
    revised = TIN_LANTERN.replace("Ansel Ruiz", "Noor Haddad")
    async with db.transaction() as session:
        article = await session.get(Article, article_id)
        assert article is not None
        article.text = revised
        assert await store_sentences(session, [article]) == 3
    now = await sentences_of(db, article_id)
    assert [t for _, _, t in now] == [s for _, s in searchable_sentences(revised)]
    assert await index_hits(db, "ansel") == set()
    assert len(await index_hits(db, "haddad")) == 1
    assert [q.sentence for q in await find_quotes(db, 1, ["Ansel Ruiz"], [])] == []

    async with db.transaction() as session:  # the same text again writes nothing
        article = await session.get(Article, article_id)
        assert article is not None
        assert await store_sentences(session, [article]) == 0
    assert await sentences_of(db, article_id) == now
    await assert_index_in_step(db)


async def test_an_update_of_a_sentence_row_moves_its_index_entry(db: Database) -> None:
    article_id = await store(db, "paper-coast", PAPER_COAST, "2026-04-01")
    sentence_id = (await sentences_of(db, article_id))[0][0]
    async with db.transaction() as session:
        await session.execute(update(ArticleSentence).where(ArticleSentence.id == sentence_id)
                              .values(text="Paper Coast cancelled the spring tour of Ohio."))
    assert await index_hits(db, "ohio") == {sentence_id}
    assert await index_hits(db, "twelve") == set()
    await assert_index_in_step(db)


async def test_deleting_an_article_drops_its_sentences_and_index_rows(db: Database) -> None:
    kept = await store(db, "paper-coast", PAPER_COAST, "2026-04-01", guilds=[1])
    gone = await store(db, "tin-lantern", TIN_LANTERN, "2026-03-05", guilds=[1])
    async with db.transaction() as session:
        await session.execute(delete(Article).where(Article.id == gone))
    assert await sentences_of(db, gone) == []
    assert await index_hits(db, "ansel") == set()
    assert len(await index_hits(db, "denver")) == 1
    assert {q.article_id for q in await find_quotes(db, None, ["Lena Morrow"], [])} == {kept}
    await assert_index_in_step(db)


async def test_a_rolled_back_store_leaves_no_sentences(db: Database) -> None:
    class Rollback(Exception):
        pass

    try:
        async with db.transaction() as session:
            await store_articles(session, [draft("tin-lantern", TIN_LANTERN, "2026-03-05")], NOW)
            raise Rollback
    except Rollback:
        pass
    assert await sentence_count(db) == 0
    assert await index_hits(db, "ansel") == set()


async def _tables(db: Database) -> set[str]:
    async with db.engine.connect() as conn:
        return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))


async def test_migration_backfills_articles_stored_before_and_downgrade_keeps_them(
    db: Database,
) -> None:
    await downgrade(db, "0005")
    assert "article_sentences" not in await _tables(db)
    published = datetime(2026, 3, 5, tzinfo=UTC)
    # Articles as 0005 stored them, no sentences: only the columns it had (not the model's).
    old_articles = table("articles", *(column(name) for name in (
        "canonical_url", "title", "published_at", "fetched_at", "text", "content_hash",
        "created_at")))
    async with db.transaction() as session:
        for n, body in enumerate([TIN_LANTERN, PAPER_COAST, "", "Too short."]):
            await session.execute(insert(old_articles).values(
                canonical_url=f"https://news.example/{n}", title=f"Story {n}",
                published_at=_stored(db, published), fetched_at=_stored(db, NOW), text=body,
                content_hash=f"{n:064x}", created_at=_stored(db, NOW)))

    await upgrade(db)
    assert await current_revision(db) == head_revision()
    assert await sentence_count(db) == 5  # three and two; nothing from the empty or short ones
    quotes = await find_quotes(db, None, ["Lena Morrow"], ["directed"])
    assert [q.sentence for q in quotes] == [
        "The video Lena Morrow made for Tin Lantern was directed by Ansel Ruiz in one take."]
    await assert_index_in_step(db)

    await downgrade(db, "0005")
    tables = await _tables(db)
    assert "article_sentences" not in tables
    assert not any(t.startswith("article_sentences_fts") for t in tables)
    async with db.read() as session:
        assert len(list(await session.scalars(select(Article.id)))) == 4

    await upgrade(db)  # up again: backfilled again, the same
    assert await sentence_count(db) == 5
    await assert_index_in_step(db)


def _stored(db: Database, when: datetime) -> datetime:
    """A time as the app's UTCDateTime column stores it: naive UTC on SQLite."""
    return when.replace(tzinfo=None) if db.dialect == "sqlite" else when


def test_a_round_up_line_s_new_date_stays_with_its_old_date() -> None:
    text = ("The week's delays are in.\n\nKettle Static, Untitled Old date: March 2027. New "
            "date: Sometime in 2028. Official reason: the band wants more time.\n")
    assert [s for _, s in searchable_sentences(text)] == [
        "The week's delays are in.",
        "Kettle Static, Untitled Old date: March 2027. New date: Sometime in 2028.",
        "Official reason: the band wants more time."]
