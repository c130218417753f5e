"""Statements per answer and per card (issue 15 item 1): an ask is read in a few statements
(`bot/facts/views.py`), not one per fact, name and source it shows."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event

from bot.app import App
from bot.facts import scope as scope_module

GUILD = 1000
HARBOUR = (
    "Title: Mara Vale shares Glass Harbour\n\n"
    "Singer Mara Vale released her new single \"Glass Harbour\" on Friday, November 20. "
    "The video was directed by Tomas Ek. Mara Vale is signed to Lantern Records. "
    "Mara Vale has sold over 5 million records.\n"
)
SALT = (
    "Title: Mara Vale announces Salt Lines\n\n"
    "Mara Vale will release her new album \"Salt Lines\" in July 2027. "
    "Mara Vale and her husband, Jon Reed, live in Oslo.\n"
)
LABEL = (
    "Title: Mara Vale moves labels\n\n"
    "Mara Vale is signed to Harbour Light Records.\n"
)
# Reads one ask or card may make, at most, on either database: the question's names and
# aliases in one statement, then the subject's facts with the names they carry and the
# articles they cite in one (a card: the name, then the facts; an artist card's statement
# reads its releases' facts too). Before `bot/facts/views.py` they took 7, 8, 6 and 10 on
# SQLite (a statement per name and per source); with it, before the names and aliases were
# one look-up and the artist card's releases were read with their facts, 3, 3, 2 and 4.
MOST = {"release date": 2, "label": 2, "release card": 2, "artist card": 2}


@asynccontextmanager
async def counted(app: App) -> AsyncIterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(app.db.engine.sync_engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(app.db.engine.sync_engine, "before_cursor_execute", count)


async def statements_of(app: App, call: Callable[[], Awaitable[object]]) -> int:
    """The reads one call makes (not the transaction's own statements, nor on PostgreSQL the
    statement timeout a sentence search sets around its query)."""
    await call()  # the name index and caches warm, as in a running bot
    # (nothing else running: a re-plan the articles queued would be counted as the call's)
    await app.replanner.idle()
    await app.facts.visible.wait_idle()
    async with counted(app) as statements:
        await call()
    return len([s for s in statements if not s.lstrip().upper().startswith((
        "BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT", "SELECT SET_CONFIG("))
        and "current_setting('statement_timeout')" not in s])


async def ingested(app: App) -> None:
    for name, text, day in (("harbour", HARBOUR, 23), ("salt", SALT, 24), ("label", LABEL, 22)):
        await app.ingest.ingest_file(GUILD, name, text.encode(),
                                     url=f"https://news.example/{name}",
                                     published=datetime(2026, 11, day, tzinfo=UTC))


async def test_an_ask_and_a_card_take_a_few_statements(app: App) -> None:
    await ingested(app)

    async def release_date() -> None:
        answer = await app.answers.ask("When did Glass Harbour come out?", GUILD)
        assert answer.answer == "Glass Harbour by Mara Vale came out on November 20, 2026."
        assert [s.title for s in answer.sources] == ["Mara Vale shares Glass Harbour"]

    async def label() -> None:
        answer = await app.answers.ask("What label is Mara Vale on?", GUILD)
        assert answer.answer == ("Mara Vale is on Lantern Records. Another source differs "
                                 "(Harbour Light Records).")
        assert len(answer.sources) == 2

    async def release_card() -> None:
        card = await app.cards.release_card("Glass Harbour", GUILD)
        assert (card.artist, card.released and card.released.text) == \
            ("Mara Vale", "November 20, 2026")
        assert len(card.sources) == 1

    async def artist_card() -> None:
        card = await app.cards.artist_card("Mara Vale", GUILD)
        assert [(d.what, d.text) for d in card.releases] == [
            ("Glass Harbour", "November 20, 2026"), ("Salt Lines", "July 2027")]
        assert len(card.sources) == 2

    used = {"release date": await statements_of(app, release_date),
            "label": await statements_of(app, label),
            "release card": await statements_of(app, release_card),
            "artist card": await statements_of(app, artist_card)}
    assert all(used[shape] <= most for shape, most in MOST.items()), used


# A misspelt name: the question's names and aliases (with the forms the misspelt run's own
# look-up would try) in one statement, the name index's catch-up, whether the guild sees its
# nearest names (every kind at once, with what shows them), then the facts. An unknown name:
# the same look-ups (no near name to ask about), then the sentence searches (2 here: with the
# question's words, then the name alone, whose first sentence "mentioned" reuses). The
# next or latest release of an artist, and its releases: the name, then the artist's releases
# (linked, or by a `by` fact the guild sees) with their dates in one statement
# (`views.artist_releases`). Before, 7, 7, 4, 4 and 6 (the misspelt run's exact names and
# aliases asked again, then two statements per kind near it; the name-alone sentence search
# made twice; the releases read as `by` facts, then entities, again for the dates, then the
# dates).
MORE = {"typo": 4, "unknown": 4, "next release": 2, "latest release": 2, "releases of": 2}


async def test_a_typo_an_unknown_name_and_an_artists_releases_take_a_few_statements(
        app: App) -> None:
    await ingested(app)

    async def typo() -> None:
        answer = await app.answers.ask("When did Glass Harbuor come out?", GUILD)
        assert answer.answer == "Glass Harbour by Mara Vale came out on November 20, 2026."

    async def unknown() -> None:
        answer = await app.answers.ask("When did Copper Meadow come out?", GUILD)
        assert answer.answer.startswith('I don\'t know "Copper Meadow" yet')

    async def next_release() -> None:
        answer = await app.answers.ask("What is Mara Vale's next release?", GUILD)
        assert answer.answer == "Mara Vale's next release is Salt Lines, out in July 2027."

    async def latest_release() -> None:
        answer = await app.answers.ask("What is Mara Vale's latest release?", GUILD)
        assert answer.answer == \
            "Mara Vale's latest release is Glass Harbour, out on November 20, 2026."

    async def releases() -> None:
        answer = await app.answers.ask("What releases does Mara Vale have?", GUILD)
        assert answer.answer == ("Mara Vale's releases I know of: Salt Lines (album, July "
                                 "2027); Glass Harbour (single, November 20, 2026).")

    used = {"typo": await statements_of(app, typo),
            "unknown": await statements_of(app, unknown),
            "next release": await statements_of(app, next_release),
            "latest release": await statements_of(app, latest_release),
            "releases of": await statements_of(app, releases)}
    assert all(used[shape] <= most for shape, most in MORE.items()), used



LANTERN = (
    "Title: Lena Morrow shares Tin Lantern\n\n"
    "Singer Lena Morrow has shared her new single \"Tin Lantern\", out now on Harbour Lights "
    "Records. She donated $20,000 from the first week of sales to a flood relief fund. "
    "Her guitarist Pete Sand is leaving the band after ten years to open a recording studio.\n"
)
# Every statement a quoted ask sends (not BEGIN or COMMIT, one each per ask): a quote found
# by one sentence search; one found after two (the question's words, then the name alone);
# and an unknown name (two searches, nothing found). On PostgreSQL each search is bounded by a
# statement timeout: one SAVEPOINT per ask, then the timeout armed before each search, which
# sets it back itself (`quotes._bounded`). Before, a savepoint, the timeout set, the search,
# the timeout reset and a ROLLBACK TO for each search: 8, 16 and 12 on PostgreSQL.
QUOTED = {"sqlite": {"one search": 4, "two searches": 8, "unknown": 4},
          "postgresql": {"one search": 6, "two searches": 11, "unknown": 7}}


async def test_a_quoted_ask_takes_a_few_round_trips_on_either_database(app: App) -> None:
    await app.ingest.ingest_file(GUILD, "lantern", LANTERN.encode(),
                                 published=datetime(2026, 11, 20, tzinfo=UTC))
    asks = {"one search": ("How much did she donate?", '"She donated $20,000'),
            "two searches": ("Why is Pete Sand leaving the band?", '"Her guitarist Pete Sand'),
            "unknown": ("When does Copper Wren's album come out?", 'I don\'t know "Copper Wren"')}
    used: dict[str, int] = {}
    for shape, (question, part) in asks.items():
        await app.answers.ask(question, GUILD)  # warm, as in a running bot
        await app.replanner.idle()
        await app.facts.visible.wait_idle()
        async with counted(app) as statements:
            answer = await app.answers.ask(question, GUILD)
        assert part in answer.answer, (shape, answer.answer)
        used[shape] = len([s for s in statements
                           if not s.lstrip().upper().startswith(("BEGIN", "COMMIT"))])
    most = QUOTED[app.db.dialect]
    assert all(used[shape] <= most[shape] for shape in most), used


TALLOW = ("Title: Tallow Creek announce second album Ember Wake\n\n"
          "Tallow Creek will release their second album, Ember Wake, on October 3, 2025.\n")
EMBER = ("Title: Ember Wake goes platinum a year on\n\n"
         "The album Ember Wake was produced by Rosa Lind. "
         "Ember Wake has now sold 100,000 copies worldwide, the label said on Monday.\n")
# A quoted answer from an article on the artist's record (its facts all the record's): the
# names, the artist's facts (none answers), the articles about it and its releases with the
# releases' names in one statement (`lookup.articles_of`), the sentence search with the
# question's words, the sentences of those articles, the guild's own feed items of them;
# few held a word, so the name alone is searched too, with its feed items; then the facts a
# moderator may have removed (of the artist and its releases at once). Reaching the
# record's articles added no statement: `articles_of` was one before, without them.
RECORD_QUOTE = {"quote of a record's article": 9}


async def test_a_quote_from_an_article_on_their_record_takes_a_few_statements(
        app: App) -> None:
    for name, text, day in (("tallow", TALLOW, 2), ("ember", EMBER, 20)):
        await app.ingest.ingest_file(GUILD, name, text.encode(),
                                     url=f"https://news.example/{name}",
                                     published=datetime(2026, 11, day, tzinfo=UTC))

    async def quote() -> None:
        answer = await app.answers.ask("How many copies did Tallow Creek sell?", GUILD)
        assert "Ember Wake has now sold 100,000 copies" in answer.answer, answer.answer

    used = {"quote of a record's article": await statements_of(app, quote)}
    assert all(used[shape] <= most for shape, most in RECORD_QUOTE.items()), used



OTHER = 2000
LANTERNS = (
    "Title: Kai Dorne shares Lanterns of Glass Harbour\n\n"
    "Kai Dorne released his new album \"Lanterns of Glass Harbour\" on October 2, 2026.\n"
)


# A name typed whole around a name the guild knows is looked for fuzzily first; typed exactly
# as only another guild's articles gave it, it is near that guild's entity first. The name
# look-up has just found that no entity the guild sees bears it, so it is not asked again:
# the ask is read in as many statements as the same question on a name nobody gave (3: the
# names, the index's catch-up, the known name's facts; 4 when the other guild's entity was
# asked about), and answered alike.
async def test_another_guilds_name_takes_no_more_statements_than_a_name_nobody_gave(
        app: App) -> None:
    await ingested(app)
    await app.ingest.ingest_file(OTHER, "lanterns", LANTERNS.encode(),
                                 url="https://news.example/lanterns",
                                 published=datetime(2026, 11, 21, tzinfo=UTC))
    answers: dict[str, str] = {}

    def asking(name: str) -> Callable[[], Awaitable[None]]:
        async def ask() -> None:
            answer = await app.answers.ask(f"When did {name} come out?", GUILD)
            answers[name] = answer.answer.replace(name, "<name>")
        return ask

    theirs, nobodys = "Lanterns of Glass Harbour", "Candles of Glass Harbour"
    used = {name: await statements_of(app, asking(name)) for name in (theirs, nobodys)}
    assert used[theirs] <= used[nobodys], used
    assert answers[theirs] == answers[nobodys]
    assert "Kai Dorne" not in answers[theirs] and "October" not in answers[theirs]


# Building a guild's rules (`scope`, `entity_seen`: correlated EXISTS over facts, articles and
# aliases) takes milliseconds in SQLAlchemy, many times the statement's own run on SQLite:
# the statements holding them are built once per guild, as `views.py`'s are. A warm misspelt
# name (whether the guild sees the index's nearest names) and a quote from an article on the
# artist's record (`lookup.articles_of`) build none again.
async def test_a_warm_ask_builds_no_guild_rule_again(app: App,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    await ingested(app)
    for name, text, day in (("tallow", TALLOW, 2), ("ember", EMBER, 20)):
        await app.ingest.ingest_file(GUILD, name, text.encode(),
                                     url=f"https://news.example/{name}",
                                     published=datetime(2026, 11, day, tzinfo=UTC))
    asks = {"typo": ("When did Glass Harbuor come out?", "Glass Harbour by Mara Vale came out"),
            "record's quote": ("How many copies did Tallow Creek sell?",
                               "Ember Wake has now sold 100,000 copies")}
    for question, _part in asks.values():
        await app.answers.ask(question, GUILD)  # warm, as in a running bot
    built: list[str] = []
    for rule in ("scope", "entity_seen"):
        original = getattr(scope_module, rule)

        def counting(*args: Any, _rule: str = rule, _original: Any = original,
                     **kwargs: Any) -> Any:
            built.append(_rule)
            return _original(*args, **kwargs)
        for name, module in list(sys.modules.items()):
            if name.startswith("bot.") and getattr(module, rule, None) is original:
                monkeypatch.setattr(module, rule, counting)
    for shape, (question, part) in asks.items():
        answer = await app.answers.ask(question, GUILD)
        assert part in answer.answer, (shape, answer.answer)
        assert built == [], (shape, built)
