"""Facts scoped by who brought them, on both databases: a guild sees the facts of the articles
its own feeds and ingests carried (and its own corrections); another guild's feed or `/ingest`
cannot change its answers, cards, `/upcoming`, countdowns or `/about`; the network view is
opt-in."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.answers.quotes import find_quotes
from bot.app import App
from bot.clock import FixedClock
from bot.db import open_database
from bot.errors import UserError
from bot.facts.name_search import search_names
from bot.facts.store import FactStore
from bot.guilds.settings import parse_setting, validate_setting
from bot.migrate import upgrade
from bot.models import Article, Fact, GuildSettingsRow, Schedule
from tests.fact_builders import extraction, release
from tests.feed_builders import Item, article_page, rss
from tests.feed_server import FeedServer
from tests.migration_rows import GUILD, OTHER_GUILD, fill
from tests.schedule_builders import learn, rows
from tests.test_ingest_feeds import mod

# B is the guild that must not be poisoned; A is the one whose moderator tries.
A, B = 500, 900
# A guild with no stake in either.
C = 700
TRUE = ('Singer Mara Vale will release her new album "Glass Harbour" on December 10, 2027. '
        "Mara Vale wrote the songs on tour.")
FALSE = ('Singer Mara Vale will release her new album "Glass Harbour" on March 3, 2030. '
         "Mara Vale wrote the songs on tour.")
QUESTION = "When does Glass Harbour come out?"
FAN_OF_B = 88


@pytest.fixture
def test_env(test_env: dict[str, str]) -> dict[str, str]:
    return {**test_env, "FANZINE_ALLOW_PRIVATE_NETWORKS": "1", "FANZINE_INGEST_FETCH_PAGES": "0",
            "FANZINE_INGEST_POLL_JITTER_SECONDS": "0"}


def _feed(feed_server: FeedServer, path: str, slug: str, text: str, day: int) -> str:
    item = Item(f"Mara Vale news {slug}", f"https://news.example/{slug}",
                published=datetime(2026, 11, day, 9, tzinfo=UTC), content_html=f"<p>{text}</p>")
    feed_server.serve(path, rss([item]))
    return feed_server.url(path)


async def _b_carries_the_true_date(app: App, feed_server: FeedServer) -> None:
    await app.feeds.add(mod(B), _feed(feed_server, "/b.xml", "true", TRUE, 20), 901)
    assert await app.learning.learn_pending() == 1
    assert "December 10, 2027" in (await app.answers.ask(QUESTION, B)).answer
    # A fan of B asks for a reminder on the release day.
    await app.reminders.remind_release(FAN_OF_B, B, 901, "Glass Harbour")


async def _b_is_untouched(app: App) -> None:
    """B's answer, card, schedule rows and /upcoming still hold its own article's date."""
    assert "December 10, 2027" in (await app.answers.ask(QUESTION, B)).answer
    assert "2030" not in (await app.answers.ask(QUESTION, B)).answer
    card = await app.cards.release_card("Glass Harbour", B)
    assert "2030" not in repr(card) and "2027" in repr(card)
    await app.planner.sync_guild(B)
    mine = await rows(app, B)
    for key in ("release_day:Glass Harbour", "countdown:Glass Harbour"):
        row: Schedule = mine[key]
        assert (row.anchor_local, row.state) == ("2027-12-10", "active"), key
    upcoming = await app.upcoming.upcoming(B, datetime(2027, 11, 1, tzinfo=UTC), days=366)
    dated = [(item.when.date().isoformat(), item.kind) for item in upcoming
             if item.subject == "Glass Harbour"]
    assert ("2027-12-10", "release_day") in dated and not any(
        when.startswith("2030") for when, _ in dated)
    reminder = mine["reminder:Glass Harbour"]
    assert (reminder.anchor_local, reminder.state) == ("2027-12-10", "active")


async def test_another_guilds_ingest_cannot_move_a_release(
    app: App, feed_server: FeedServer
) -> None:
    await _b_carries_the_true_date(app, feed_server)
    about_before = await app.about.about(B)
    await app.ingest.ingest_file(A, "moved.txt", f"Title: Glass Harbour moved\n\n{FALSE}\n"
                                 .encode(), published=datetime(2026, 11, 24, tzinfo=UTC))
    # A sees what its own ingest says (the newer article); B does not.
    assert "March 3, 2030" in (await app.answers.ask(QUESTION, A)).answer
    await _b_is_untouched(app)
    assert await app.about.about(B) == about_before
    assert (await app.about.about(A)).facts > 0


async def test_another_guilds_feed_cannot_move_a_release(
    app: App, feed_server: FeedServer
) -> None:
    await _b_carries_the_true_date(app, feed_server)
    await app.feeds.add(mod(A), _feed(feed_server, "/a.xml", "false", FALSE, 24), 501)
    assert await app.learning.learn_pending() == 1
    assert "March 3, 2030" in (await app.answers.ask(QUESTION, A)).answer
    await _b_is_untouched(app)
    # Once B's own feeds carry that article too, it serves B as well (stored once).
    await app.feeds.add(mod(B), _feed(feed_server, "/a.xml", "false", FALSE, 24), 901)
    assert await app.learning.learn_pending() == 0
    assert "March 3, 2030" in (await app.answers.ask(QUESTION, B)).answer
    await app.planner.sync_guild(B)
    assert (await rows(app, B))["release_day:Glass Harbour"].anchor_local == "2030-03-03"


def _linked_feed(feed_server: FeedServer, path: str, link: str, title: str, text: str,
                 day: int) -> str:
    item = Item(title, link, published=datetime(2026, 11, day, 9, tzinfo=UTC),
                content_html=f"<p>{text}</p>")
    feed_server.serve(path, rss([item]))
    return feed_server.url(path)


def _fetch_pages(app: App, monkeypatch: pytest.MonkeyPatch, on: bool) -> None:
    monkeypatch.setattr(app.poller, "settings",
                        dataclasses.replace(app.poller.settings, ingest_fetch_pages=on))


@pytest.mark.parametrize("attack", ["feed", "file"])
@pytest.mark.parametrize("page", ["unfetchable", "fetched"])
async def test_another_guilds_words_for_a_link_never_become_this_guilds_facts(
    app: App, feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch, attack: str, page: str
) -> None:
    # A's feed (or a file A ingests) carries the real link of a story with false words and a
    # phishing title, first, while the page cannot be fetched; then B's feed carries the link.
    link = feed_server.url("/glass-harbour")
    fake_title = "FAKE: claim your free Nitro at evil.example"
    if attack == "feed":
        await app.feeds.add(mod(A), _linked_feed(feed_server, "/a.xml", link, fake_title,
                                                 FALSE, 24), 501)
    else:
        await app.ingest.ingest_file(A, "moved.txt", f"Title: {fake_title}\n\n{FALSE}\n"
                                     .encode(), url=link,
                                     published=datetime(2026, 11, 24, tzinfo=UTC))
    await app.learning.learn_pending()  # a feed's article (an ingest learns at once)
    assert "March 3, 2030" in (await app.answers.ask(QUESTION, A)).answer
    if page == "fetched":
        feed_server.serve("/glass-harbour", article_page(
            "Glass Harbour gets a date", [TRUE + " The record has eleven songs on it."],
            published=datetime(2026, 11, 20, 9, tzinfo=UTC)), "text/html; charset=utf-8")
        _fetch_pages(app, monkeypatch, True)
    await app.feeds.add(mod(B), _linked_feed(feed_server, "/b.xml", link, "Glass Harbour dated",
                                             TRUE, 20), 901)
    # B's copy is an article of its own: learned from its own words (or the page's).
    assert await app.learning.learn_pending() == 1
    answer = await app.answers.ask(QUESTION, B)
    assert "December 10, 2027" in answer.answer and "2030" not in answer.answer
    assert [(s.url, "FAKE" in s.title) for s in answer.sources] == [(link, False)]
    await app.reminders.remind_release(FAN_OF_B, B, 901, "Glass Harbour")
    await _b_is_untouched(app)
    # A keeps what it brought, its source still cited with the link.
    mine = await app.answers.ask(QUESTION, A)
    assert "March 3, 2030" in mine.answer and [s.url for s in mine.sources] == [link]
    async with app.db.transaction() as session:
        stored = [(a.id, a.text_from, a.canonical_url, a.link, a.story_id) for a in
                  await session.scalars(select(Article).order_by(Article.id))]
    first = stored[0][0]
    # Two articles of one story (posted once per channel); the link's own page, once fetched,
    # is what the link is known by from then on.
    assert [row[1:] for row in stored] == (
        [(attack, link, link, None), ("feed", None, link, first)] if page == "unfetchable"
        else [(attack, None, link, None), ("page", link, link, first)])
    if page == "fetched":
        # A third guild's feed with only a line about it shares the page's article.
        _fetch_pages(app, monkeypatch, False)
        await app.feeds.add(mod(C), _linked_feed(feed_server, "/c.xml", link, "Glass Harbour",
                                                 "New album news.", 22), 701)
        assert await app.learning.learn_pending() == 0
        assert "December 10, 2027" in (await app.answers.ask(QUESTION, C)).answer


async def test_a_shared_page_is_cited_by_this_guild_s_item_or_the_page_never_the_first_feed(
    app: App, feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A's feed carries the link first under a phishing title, and its page is fetched: the
    # article is the page's, which B's feed (its page not fetched) then shares.
    link = feed_server.url("/glass-harbour")
    feed_server.serve("/glass-harbour", article_page("Glass Harbour gets a date", [TRUE]),
                      "text/html; charset=utf-8")
    _fetch_pages(app, monkeypatch, True)
    await app.feeds.add(mod(A), _linked_feed(
        feed_server, "/a.xml", link, "FAKE: claim your free Nitro at evil.example",
        "Short.", 24), 501)
    _fetch_pages(app, monkeypatch, False)
    await app.feeds.add(mod(B), _linked_feed(feed_server, "/b.xml", link, "Glass Harbour",
                                             "New album news.", 20), 901)
    assert await app.learning.learn_pending() == 1
    answer = await app.answers.ask(QUESTION, B)
    assert "December 10, 2027" in answer.answer
    assert [(s.title, s.url) for s in answer.sources] == [("Glass Harbour", link)]
    # A guild that ingests the link itself (no feed item of its own) cites the page's title.
    ingested = await app.ingest.ingest_url(mod(C), link)
    assert (ingested.created, ingested.title) == (False, "Glass Harbour gets a date")
    answer = await app.answers.ask(QUESTION, C)
    assert [(s.title, s.url) for s in answer.sources] == [("Glass Harbour gets a date", link)]


async def test_an_article_shared_by_its_text_is_cited_as_each_guild_s_own_feed_gave_it(
    app: App, feed_server: FeedServer
) -> None:
    # A's feed carries the story's very words first, under a phishing title and link; B's
    # feed's item with the same long text shares that article (one text, one set of facts).
    words = (TRUE + " The band recorded it over one winter in a converted chapel on the "
             "coast, and the first single arrives next month with a video.")
    await app.feeds.add(mod(A), _linked_feed(feed_server, "/a.xml", "https://evil.example/nitro",
                                             "FAKE: claim your free Nitro", words, 24), 501)
    await app.feeds.add(mod(B), _linked_feed(feed_server, "/b.xml",
                                             "https://news.example/glass-harbour",
                                             "Glass Harbour dated", words, 20), 901)
    assert await app.learning.learn_pending() == 1
    ours = ("Glass Harbour dated", "https://news.example/glass-harbour")
    answer = await app.answers.ask(QUESTION, B)
    assert "December 10, 2027" in answer.answer
    assert [(s.title, s.url) for s in answer.sources] == [ours]
    card = await app.cards.release_card("Glass Harbour", B)
    assert [(s.title, s.url) for s in card.sources] == [ours]
    quotes = await find_quotes(app.db, B, ["Mara Vale"], ["songs"])
    assert [(q.title, q.url) for q in quotes] == [ours]
    theirs = await app.answers.ask(QUESTION, A)
    assert [(s.title, s.url) for s in theirs.sources] == [
        ("FAKE: claim your free Nitro", "https://evil.example/nitro")]


async def test_the_network_view_is_opt_in_and_reversible(
    app: App, feed_server: FeedServer
) -> None:
    await _b_carries_the_true_date(app, feed_server)
    await app.ingest.ingest_file(A, "moved.txt", f"Title: Glass Harbour moved\n\n{FALSE}\n"
                                 .encode(), published=datetime(2026, 11, 24, tzinfo=UTC))
    alone = await app.about.about(B)
    assert (await app.guilds.get(B)).network_facts is False
    # B opts in: A's newer article now counts for B, its answers and its schedule alike.
    await app.guilds.update(mod(B), {"network_facts": True})
    assert "March 3, 2030" in (await app.answers.ask(QUESTION, B)).answer
    assert (await rows(app, B))["release_day:Glass Harbour"].anchor_local == "2030-03-03"
    shared = await app.about.about(B)
    assert (shared.articles, alone.articles) == (2, 1) and shared.facts >= alone.facts
    # A's view is its own either way; B opting in changes nothing for A.
    assert "December 10, 2027" not in (await app.answers.ask(QUESTION, A)).answer
    await app.guilds.update(mod(B), {"network_facts": False})
    await _b_is_untouched(app)
    assert await app.about.about(B) == alone


async def test_a_moderators_correction_still_wins_over_every_article(
    app: App, feed_server: FeedServer
) -> None:
    await _b_carries_the_true_date(app, feed_server)
    await app.corrections.fix(mod(B), "Glass Harbour", "release_date", "2027-12-11")
    await app.ingest.ingest_file(A, "moved.txt", f"Title: Glass Harbour moved\n\n{FALSE}\n"
                                 .encode(), published=datetime(2026, 11, 24, tzinfo=UTC))
    assert "December 11, 2027" in (await app.answers.ask(QUESTION, B)).answer
    assert "March 3, 2030" in (await app.answers.ask(QUESTION, A)).answer


async def test_facts_stored_before_migration_0009_are_seen_by_the_guilds_that_carried_them(
    db_url: str,
) -> None:
    async with open_database(db_url) as db:
        await upgrade(db, "0008")
        await fill(db)
        await upgrade(db)
        store = FactStore(db, FixedClock(datetime(2026, 11, 25, tzinfo=UTC)))
        # Article 1 (Salt Road's date) is both guilds'; article 2 (Ines Carrow's birthday) is
        # GUILD's only; neither guild is in the network view after the upgrade.
        salt_road, ines = 3, 2
        for guild_id in (GUILD, OTHER_GUILD):
            dated = [f.id for f in await store.facts_about(salt_road, guild_id)
                     if f.predicate == "release_date"]
            assert dated == [2], guild_id
        assert [f.id for f in await store.facts_about(ines, GUILD) if f.predicate == "born"] \
            == [4]
        assert [f.predicate for f in await store.facts_about(ines, OTHER_GUILD)] \
            == ["member_of"]
        async with db.transaction() as session:
            assert not any(r.network_facts for r in await session.scalars(
                select(GuildSettingsRow)))


async def test_autocomplete_offers_only_the_names_a_guild_sees(app: App) -> None:
    article = ("Title: Juno Brask signs\n\nSinger Juno Brask will release her new album "
               '"Copper Tide" on May 5, 2027. Juno Brask recorded it in a barn.\n')
    await app.ingest.ingest_file(A, "juno.txt", article.encode(),
                                 published=datetime(2026, 11, 24, tzinfo=UTC))
    assert await search_names(app.facts, "artist", "juno", guild_id=A) == ["Juno Brask"]
    assert await search_names(app.facts, "release", "", guild_id=A) == ["Copper Tide"]
    assert await search_names(app.facts, "artist", "juno", guild_id=B) == []
    assert await search_names(app.facts, "release", "", guild_id=B) == []
    # Typed in full, the name is not known in B: neither A's facts nor that A's articles
    # name it ("I know Copper Tide by Juno Brask, but …" would tell B who made it).
    told = (await app.answers.ask("When does Copper Tide come out?", B)).answer
    assert "May 5" not in told and "2027" not in told and "Juno Brask" not in told
    assert "I know" not in told and "I don't know \"Copper Tide\" yet" in told
    assert "May 5, 2027" in (await app.answers.ask("When does Copper Tide come out?", A)).answer
    # Nor do B's cards or a B fan's reminder find it (nor suggest it for a near spelling).
    for look_up in (app.cards.release_card("Copper Tide", B),
                    app.cards.artist_card("Juno Brask", B),
                    app.cards.artist_card("Juno Brusk", B)):
        with pytest.raises(UserError) as refused:
            await look_up
        assert "Copper Tide\" by" not in str(refused.value) and "Juno Brask\"?" not in str(
            refused.value)
    assert (await app.cards.release_card("Copper Tide", A)).title == "Copper Tide"
    with pytest.raises(UserError, match="I don't know the release"):
        await app.reminders.remind_release(FAN_OF_B, B, 901, "Copper Tide")


def test_the_network_setting_reads_on_and_off() -> None:
    assert parse_setting("network_facts", "on") is True
    assert parse_setting("network-facts", " OFF ") is False
    with pytest.raises(UserError, match="on or off"):
        parse_setting("network_facts", "sometimes")
    with pytest.raises(UserError, match="on or off"):
        validate_setting("network_facts", 1)


async def test_another_guilds_revision_neither_moves_nor_supersedes_this_guilds_date(
    app: App,
) -> None:
    release_id = await _release_id(app, await learn(
        app, extraction(release("Glass Harbour", "2027-03-14")), published="2026-11-01",
        slug="b-story", guilds=(B,)))
    await learn(app, extraction(release("Glass Harbour", "2027-06-01", previous="2027-03-14")),
                published="2026-11-20", slug="a-story", guilds=(A,))

    def dates(facts: list[Fact]) -> list[tuple[str, str]]:
        return [(f.status, str(f.object_date)) for f in facts if f.predicate == "release_date"]

    assert dates(await app.facts.facts_about(release_id, B, include_superseded=True)) == \
        [("accepted", "2027-03-14")]
    assert dates(await app.facts.facts_about(release_id, A)) == [("accepted", "2027-06-01")]
    # The operator's (network) view weighs both: the revision moves the date.
    assert dates(await app.facts.facts_about(release_id)) == [("accepted", "2027-06-01")]
    assert (await rows(app, B))["release_day:Glass Harbour"].anchor_local == "2027-03-14"
    assert (await rows(app, A))["release_day:Glass Harbour"].anchor_local == "2027-06-01"


async def _release_id(app: App, article_id: int) -> int:
    async with app.db.transaction() as session:
        found = await session.scalar(select(Fact.subject_id).where(
            Fact.article_id == article_id, Fact.predicate == "release_date"))
    assert found is not None
    return found
