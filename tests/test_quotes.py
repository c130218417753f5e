"""find_quotes on both databases: names as phrases, ranking by the question's words, ties,
guild isolation, and any user text (quotes, operators, emoji, long) never breaking the query."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bot.answers import quotes
from bot.answers.quote_terms import build_terms, forms, matched_words, stem
from bot.answers.quotes import Quote, find_quotes
from bot.db import Database
from tests.sentence_builders import PAPER_COAST, TIN_LANTERN, store

GUILD_A, GUILD_B, GUILD_C = 1, 2, 3
STUDIO = (
    "Lena Morrow in the studio\n\n"
    "Ansel Ruiz, the director Lena Morrow trusts, shot her next video in Lisbon. "
    "Lena Morrow shared a short video from the studio on Friday. "
    "Lena Morrow toured Spain with a new band last winter.\n"
)
ITALY = "Lena Morrow on the road\n\nLena Morrow toured Italy with a new band last winter.\n"


async def sentences(db: Database, guild: int | None, names: list[str], words: list[str],
                    limit: int = 5) -> list[str]:
    return [q.sentence for q in await find_quotes(db, guild, names, words, limit=limit)]


async def test_sentences_with_the_name_ranked_by_words_matched(db: Database) -> None:
    lantern = await store(db, "tin-lantern", TIN_LANTERN, "2026-03-05", guilds=[GUILD_A])
    await store(db, "studio", STUDIO, "2026-05-01", guilds=[GUILD_A])
    quotes = await find_quotes(db, GUILD_A, ["Lena Morrow"], ["directed", "video"])
    assert [q.matched for q in quotes] == [2, 2, 1]
    assert {q.sentence for q in quotes[:2]} == {
        "The video Lena Morrow made for Tin Lantern was directed by Ansel Ruiz in one take.",
        "Ansel Ruiz, the director Lena Morrow trusts, shot her next video in Lisbon."}
    assert quotes[2].sentence == "Lena Morrow shared a short video from the studio on Friday."
    assert [q.score for q in quotes] == [1.0, 1.0, 0.5]
    made = next(q for q in quotes if q.article_id == lantern)
    assert made == Quote(made.sentence, lantern, "tin-lantern", "https://news.example/tin-lantern",
                         made.published, 1.0, 2)
    assert str(made.published) == "2026-03-05"


async def test_a_name_is_a_phrase_in_any_case(db: Database) -> None:
    await store(db, "tin-lantern", TIN_LANTERN, "2026-03-05")
    await store(db, "paper-coast", PAPER_COAST, "2026-04-01")
    assert await sentences(db, None, ["LENA MORROW"], ["denver"]) == [
        "Lena Morrow will open for Paper Coast in Denver, the band said."]
    assert await sentences(db, None, ["Morrow Lena"], ["denver"]) == []  # a phrase, in order
    assert set(await sentences(db, None, ["Tin Lantern", "Paper Coast"], ["twelve", "album"])) \
        == {"Paper Coast announced a tour of twelve cities in the spring.",
            "Lena Morrow released her new album Tin Lantern on March 3, 2026."}


async def test_ties_go_to_the_newer_article_then_the_earlier_sentence(db: Database) -> None:
    await store(db, "studio", STUDIO, "2026-05-01")
    await store(db, "italy", ITALY, "2026-06-01")
    assert await sentences(db, None, ["Lena Morrow"], ["toured"]) == [
        "Lena Morrow toured Italy with a new band last winter.",
        "Lena Morrow toured Spain with a new band last winter."]
    # Names alone: every sentence with the name, newest article first, in article order.
    assert await sentences(db, None, ["Lena Morrow"], [], limit=3) == [
        "Lena Morrow toured Italy with a new band last winter.",
        "Ansel Ruiz, the director Lena Morrow trusts, shot her next video in Lisbon.",
        "Lena Morrow shared a short video from the studio on Friday."]


async def test_words_alone_and_nothing_to_search(db: Database) -> None:
    await store(db, "tin-lantern", TIN_LANTERN, "2026-03-05")
    await store(db, "paper-coast", PAPER_COAST, "2026-04-01")
    assert (await sentences(db, None, [], ["cities", "spring", "zebra"]))[0] == \
        "Paper Coast announced a tour of twelve cities in the spring."
    assert await sentences(db, None, [], ["the", "was", "who"]) == []  # stop words only
    assert await sentences(db, None, [], []) == []
    assert await sentences(db, None, ["Lena Morrow"], ["zebra"]) == []  # a word is required
    assert await sentences(db, None, ["Lena Morrow"], ["video"], limit=0) == []


async def test_a_sentence_repeated_in_two_articles_is_quoted_once(db: Database) -> None:
    await store(db, "paper-coast", PAPER_COAST, "2026-04-01")
    await store(db, "paper-coast-copy", PAPER_COAST + "\nSyndicated.\n", "2026-04-02")
    quotes = await find_quotes(db, None, ["Paper Coast"], ["denver"])
    assert [q.sentence for q in quotes] == [
        "Lena Morrow will open for Paper Coast in Denver, the band said."]


async def test_a_guild_sees_only_the_articles_it_brought_in(db: Database) -> None:
    lantern = await store(db, "tin-lantern", TIN_LANTERN, "2026-03-05", guilds=[GUILD_A])
    coast = await store(db, "paper-coast", PAPER_COAST, "2026-04-01", guilds=[GUILD_B])

    async def articles(guild: int | None, words: list[str]) -> set[int]:
        return {q.article_id for q in await find_quotes(db, guild, ["Lena Morrow"], words)}

    assert await articles(GUILD_A, []) == {lantern}
    assert await articles(GUILD_B, []) == {coast}
    assert await articles(GUILD_A, ["denver"]) == set()
    assert await articles(GUILD_B, ["album", "directed"]) == set()
    assert await articles(GUILD_C, []) == set()
    assert await articles(None, []) == {lantern, coast}
    assert {q.article_id for q in await find_quotes(db, GUILD_A, [], ["denver", "album"])} == \
        {lantern}


HOSTILE = [
    '"', "'", '""', "\"Lena", "Lena\"", "Morrow's", "AND", "OR", "NOT", "NEAR", "NEAR(",
    "NEAR(lena morrow, 2)", "*", "lena*", "^lena", "-", "--", "- lena", "text:lena",
    "{text}: lena", "lena + morrow", "(", ")", "((", "a:*", "!", "&", "|", "<->", "\\",
    "'; DROP TABLE articles; --", "%", "_", "\x00", "🎸", "🎸🎸 lena 🎸", "é", "Mórrow",
    "Беларусь", "東京", "ＬＥＮＡ", "l\u0301", "x" * 300, "lena " * 60, " ", "",
]


async def test_any_text_is_a_safe_query(db: Database) -> None:
    await store(db, "tin-lantern", TIN_LANTERN, "2026-03-05", guilds=[GUILD_A])
    for hostile in HOSTILE:
        for guild in (None, GUILD_A):
            await find_quotes(db, guild, [hostile], ["video"])
            await find_quotes(db, guild, ["Lena Morrow"], [hostile])
            await find_quotes(db, guild, [], [hostile, "lena"])
            await find_quotes(db, guild, [hostile, hostile + " x"], HOSTILE)
    rng = random.Random(11)
    alphabet = "aZ \"'*^:-()+{}.,;!?&|<>\\%_~éß東🎸\t\n0"
    for _ in range(150):
        junk = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
        await find_quotes(db, None, [junk], [junk])
        await find_quotes(db, None, [], junk.split())
    # Punctuation around a name does not hide it; quotes in it do not break the phrase.
    assert len(await find_quotes(db, None, ['"Lena Morrow"'], ["video"])) == 1
    assert len(await find_quotes(db, None, ["Lena  Morrow!"], ["NEAR(video"])) == 1


async def test_diacritics_are_ignored_on_sqlite(db: Database) -> None:
    await store(db, "tin-lantern", TIN_LANTERN, "2026-03-05")
    found = await sentences(db, None, ["Léna Mörrow"], ["vidéo"])
    # FTS5's remove_diacritics folds them; PostgreSQL's 'simple' configuration does not.
    assert len(found) == (1 if db.dialect == "sqlite" else 0)


def test_terms_are_tokens_only() -> None:
    terms = build_terms(['Lena "Morrow"', "NEAR(x)", "🎸"],
                        ["directed", "the", "Lena", "videos", "x", "2026", "directors"])
    assert terms.names == (("lena", "morrow"), ("near", "x"))
    assert [w[0] for w in terms.words] == ["directed", "videos", "2026"]  # "directors" repeats
    fts = terms.fts5()
    assert fts.startswith('("lena morrow" OR "near x") AND (("directed" OR "direct" OR ')
    assert '"director"' in fts and '"video"' in fts and fts.endswith(' OR ("2026"))')
    every = terms.fts5(every_word=True)
    assert every.count(" AND ") == 3 and every.endswith(' AND ("2026")')
    query, params = terms.tsquery()
    assert params["name0"] == "lena morrow" and params["name1"] == "near x"
    assert params["words"].startswith("(directed | direct | ") and " ) " not in params["words"]
    assert params["words"].endswith(") | (2026)")
    assert terms.tsquery(every_word=True)[1]["words"].endswith(") & (2026)")
    assert ":name0" in query and ":words" in query


def test_stems_forms_and_matched_words() -> None:
    assert [stem(w) for w in ["directed", "producer", "singing", "class", "tour", "news"]] == \
        ["direct", "produc", "sing", "class", "tour", "news"]
    assert {"producer", "production", "produces", "produced"} <= set(forms("produced"))
    assert {"release", "released", "releasing"} <= set(forms("release"))
    assert "single" not in forms("singer") and forms("2026") == ("2026",)
    sentence = "The director's new Vidéo was produced in 2026."
    words = [forms(w) for w in ["directed", "video", "2026", "producer", "zebra"]]
    assert matched_words(sentence, words) == 4
    assert matched_words(sentence, [forms("202")]) == 0  # numbers match whole


async def test_a_slow_search_on_postgresql_gives_up_and_the_read_goes_on(
    db: Database, monkeypatch: pytest.MonkeyPatch,
) -> None:
    if db.dialect != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    monkeypatch.setattr(quotes, "PG_TIMEOUT_MS", 50)
    async with db.read() as session:
        before = await session.scalar(text("SELECT current_setting('statement_timeout')"))
        assert await quotes._bounded(session, "SELECT 1 AS id FROM pg_sleep(2)", {}) is None
        assert await quotes._bounded(session, "SELECT 7 AS id", {}) == [(7,)]
        assert await quotes._bounded(session, "SELECT 7 AS id WHERE false", {}) == []
        assert await session.scalar(text("SELECT current_setting('statement_timeout')")) == before
        # What the read does after a search, found, empty or cancelled, is not bounded.
        await session.execute(text("SELECT pg_sleep(0.2)"))
        assert await quotes._bounded(session, "SELECT 1 AS id FROM pg_sleep(2)", {}) is None
        await session.execute(text("SELECT pg_sleep(0.2)"))
        with pytest.raises(DBAPIError):  # another error is raised, the read still usable
            await quotes._bounded(session, "SELECT 1 / 0 AS id", {})
        assert await session.scalar(text("SELECT current_setting('statement_timeout')")) == before
    await store(db, "tin-lantern", TIN_LANTERN, "2026-03-05")
    assert len(await find_quotes(db, None, ["Lena Morrow"], ["video"])) == 1


def test_the_postgresql_fallback_drops_exactly_the_order() -> None:
    sql, _ = quotes._statement("postgresql", build_terms(["Lena Morrow"], ["video"]), True, False)
    assert " ORDER BY s.id + 0 DESC LIMIT :pool" in sql
    assert "ORDER BY" not in sql.replace(" ORDER BY s.id + 0 DESC", "")
