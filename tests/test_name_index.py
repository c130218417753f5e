"""The name index behind fans' misspelt names, "did you mean" and autocomplete, on both
databases: the nearest name however many share its first letter, names found right after the
commit that adds them (by any process), never a name only another guild's view holds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from rapidfuzz import fuzz
from sqlalchemy import insert, select

from bot.app import App
from bot.extract.model import ArticleInfo, Extraction
from bot.facts.name_search import search_names, suggestions
from bot.facts.names import normalise
from bot.models import Article, Entity
from tests.fact_builders import add_article, extraction, release
from tests.test_ingest_feeds import mod

A, B = 500, 900
HARBOUR = (
    "Title: Mara Vale shares Glass Harbour\n\n"
    "Singer Mara Vale released her new single \"Glass Harbour\" on Friday, November 20. "
    "Mara Vale is signed to Lantern Records.\n"
)
JUNO = ("Title: Juno Brask signs\n\nSinger Juno Brask will release her new album "
        '"Copper Tide" on May 5, 2027. Juno Brask recorded it in a barn.\n')
HARBOUR_DATE = "November 20, 2026"


async def ingest(app: App, guild_id: int, name: str, text: str) -> None:
    await app.ingest.ingest_file(guild_id, name, text.encode(),
                                 published=datetime(2026, 11, 23, tzinfo=UTC))


async def crowd(app: App, count: int) -> None:
    """`count` releases starting with G (as "Glass Harbour" does), far from its spelling."""
    async with app.db.transaction() as session:
        await session.execute(insert(Entity), [
            {"kind": "release", "name": f"Gravel Song {n}", "norm_name": f"gravel song {n}"}
            for n in range(count)])


async def test_a_misspelt_name_is_found_among_thousands_with_its_first_letter(app: App) -> None:
    # The misspelt name's entity is newer than 2,500 others starting with "g": a candidate
    # query of the 2,000 lowest ids never saw it.
    await crowd(app, 2500)
    await ingest(app, A, "harbour.txt", HARBOUR)
    told = (await app.answers.ask("When did Glass Harbuor come out?")).answer
    assert told == f"Glass Harbour by Mara Vale came out on {HARBOUR_DATE}."
    found = await app.facts.find_entity("release", "Glass Harbuor")
    assert found is not None and found.name == "Glass Harbour"


async def test_the_nearest_name_is_suggested_among_thousands_of_newer_ones(app: App) -> None:
    # "Did you mean" read the 2,000 newest names: an older one was never suggested.
    await ingest(app, A, "harbour.txt", HARBOUR)
    await crowd(app, 2500)
    told = (await app.answers.ask("When did Glass Harpoons Forever come out?")).answer
    assert "Glass Harbour" in told
    assert (await suggestions(app.facts, "Glass Harpoons Forever", A))[0] == "Glass Harbour"


async def test_names_learned_or_aliased_are_found_right_after_their_commit(app: App) -> None:
    await ingest(app, A, "harbour.txt", HARBOUR)
    assert await search_names(app.facts, "artist", "mara", guild_id=A) == ["Mara Vale"]
    assert await search_names(app.facts, "artist", "juno", guild_id=A) == []
    await ingest(app, A, "juno.txt", JUNO)  # the index was built before this commit
    assert await search_names(app.facts, "artist", "juno", guild_id=A) == ["Juno Brask"]
    assert await search_names(app.facts, "release", "copper t", guild_id=A) == ["Copper Tide"]
    assert "May 5, 2027" in (await app.answers.ask("When does Copper Tyde come out?", A)).answer
    await app.corrections.alias(mod(A), "Glass Harbour", "Vitrine Port")
    # An alias completes to the name it stands for, and a misspelt alias is understood.
    assert await search_names(app.facts, "release", "vitrine", guild_id=A) == ["Glass Harbour"]
    told = (await app.answers.ask("When did Vitrine Prot come out?", A)).answer
    assert HARBOUR_DATE in told
    assert "Glass Harbour" in (await app.answers.ask(
        "When did Vitrine Portal Sessions come out?", A)).answer


async def test_another_guilds_names_and_aliases_are_never_offered(app: App) -> None:
    await ingest(app, A, "harbour.txt", HARBOUR)
    await ingest(app, B, "harbour.txt", HARBOUR)  # both guilds see Glass Harbour
    await ingest(app, A, "juno.txt", JUNO)  # only A sees Juno Brask and Copper Tide
    await app.corrections.alias(mod(A), "Glass Harbour", "Vitrine Port")
    await app.corrections.fix(mod(A), "Mara Vale", "label", "Quartz Owl Records")
    assert await search_names(app.facts, "release", "vitrine", guild_id=A) == ["Glass Harbour"]
    assert await search_names(app.facts, "release", "vitrine", guild_id=B) == []
    assert await search_names(app.facts, "release", "copper", guild_id=B) == []
    assert await search_names(app.facts, "artist", "juno brsk", guild_id=B) == []
    for question in ("When did Vitrine Prot come out?", "When does Copper Tyde come out?",
                     "When did Vitrine Portal Sessions come out?",
                     "When does Copper Tidal Wave come out?"):
        told = (await app.answers.ask(question, B)).answer
        assert not any(leak in told for leak in ("Glass Harbour", "Copper Tide", "Juno",
                                                 "May 5", HARBOUR_DATE)), (question, told)
    # A's own label entity (a moderator's fact) is A's alone.
    assert await suggestions(app.facts, "Quartz Owl Recrods", A) == ["Quartz Owl Records"]
    assert await suggestions(app.facts, "Quartz Owl Recrods", B) == []
    assert await suggestions(app.facts, "Quartz Owl Recrods", None) == []


async def test_a_name_no_fact_names_any_more_is_not_offered(app: App) -> None:
    await ingest(app, A, "juno.txt", JUNO)
    assert await search_names(app.facts, "release", "copper", guild_id=A) == ["Copper Tide"]
    async with app.db.read() as session:
        article_id = await session.scalar(select(Article.id))
    assert article_id is not None
    # The article's facts replaced by none (as a re-learned article that no longer names it).
    await app.facts.store_extraction(article_id, Extraction(ArticleInfo(title="story")),
                                     replace=True)
    assert await search_names(app.facts, "release", "copper", guild_id=A) == []
    assert await search_names(app.facts, "artist", "juno brask", guild_id=A) == []
    assert "Copper Tide" not in await suggestions(app.facts, "Copper Tyde", A)


async def test_names_another_process_stored_are_found(app: App) -> None:
    assert await search_names(app.facts, "artist", "zed") == []
    # Stored without going through this process's FactStore (another process, a migration).
    async with app.db.transaction() as session:
        session.add(Entity(kind="artist", name="Zed Vale", norm_name=normalise("Zed Vale")))
    assert await search_names(app.facts, "artist", "zed") == ["Zed Vale"]
    assert await suggestions(app.facts, "Zed Valle", None) == ["Zed Vale"]


async def test_a_lower_id_committed_after_a_higher_one_is_still_found(app: App) -> None:
    if app.db.dialect != "postgresql":
        pytest.skip("SQLite has one writer at a time: ids commit in order")
    assert await search_names(app.facts, "artist", "owl") == []
    async with app.db.sessions() as early, app.db.sessions() as late, early.begin():
        early.add(Entity(kind="artist", name="Owl Early", norm_name="owl early"))
        await early.flush()  # its id is taken now, its commit comes last
        async with late.begin():
            late.add(Entity(kind="artist", name="Owl Late", norm_name="owl late"))
        assert await search_names(app.facts, "artist", "owl") == ["Owl Late"]
    assert await search_names(app.facts, "artist", "owl") == ["Owl Early", "Owl Late"]


async def test_ids_a_store_took_and_did_not_use_are_not_waited_for(app: App) -> None:
    """On PostgreSQL storing takes an article's new entity ids in one block from the sequence,
    as many as its names that matched no name or alias; a name then matched fuzzily leaves
    an id unused. The index is told, so it does not ask after it as a hole for 10 minutes
    (on SQLite ids are taken one by one: no hole either)."""
    first, second, third = [await add_article(app.db, f"2026-11-0{k}", f"s{k}")
                            for k in (1, 2, 3)]
    await app.facts.store_extraction(first, extraction(release("Glass Harbour"),
                                                       artists=("Mara Vale",)))
    # "Mara Vail" is Mara Vale, matched fuzzily: the block had an id for it.
    result = await app.facts.store_extraction(second, extraction(
        release("Paper Moon", artist="Mara Vail"), artists=("Mara Vail",)))
    assert result.entities_created == 1
    await app.facts.store_extraction(third, extraction(
        release("Neon Pulse", artist="Kid Orbit"), artists=("Kid Orbit",)))
    async with app.db.read() as session:
        await app.facts.names.catch_up(session)
    assert app.facts.names._entities.holes == {}
    assert await search_names(app.facts, "artist", "kid") == ["Kid Orbit"]


def test_a_hole_below_the_mark_is_asked_for_until_it_appears_or_expires() -> None:
    from bot.facts.name_index import _HOLE_SECONDS, _Watermark

    mark = _Watermark()
    mark.advance([1, 2, 3], now=0.0)
    assert (mark.high, mark.wanted(0.0)) == (3, [])
    mark.advance([4, 7], now=10.0)
    assert mark.wanted(10.0) == [5, 6]
    assert mark.take(6) and not mark.take(6) and not mark.take(2) and mark.take(8)
    assert mark.wanted(10.0 + _HOLE_SECONDS + 1) == []


def test_trigrams_are_padded() -> None:
    from bot.facts.name_index import trigrams

    assert trigrams("abcd") == {" ab", "abc", "bcd", "cd "}
    assert trigrams("a") == {" a "}
    assert fuzz.ratio("glass harbuor", "glass harbour") >= 88
