"""Cards for /artist and /release on our own articles, and the names autocomplete offers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.answers.cards import CardDate
from bot.app import App
from bot.errors import UserError
from bot.facts.name_search import search_names
from bot.facts.names import normalise
from bot.facts.views import artist_releases, releases_of
from bot.kinds_and_states import FactStatus
from bot.models import Article, Entity, Fact, GuildArticle
from bot.shell.cards import render_artist, render_release
from bot.shell.commands import run_command
from bot.shell.parse import parse_line
from bot.shell.state import ShellState

GUILD = 1000
HARBOUR = (
    "Title: Mara Vale shares Glass Harbour\n\n"
    "Singer Mara Vale released her new single \"Glass Harbour\" on Friday, November 20. "
    "The video was directed by Tomas Ek. Mara Vale is signed to Lantern Records.\n"
)
SALT = (
    "Title: Mara Vale announces Salt Lines\n\n"
    "Mara Vale will release her new album \"Salt Lines\" in July 2027. "
    "Mara Vale and her husband, Jon Reed, live in Oslo.\n"
)
OLD = (
    "Title: Mara Vale looks back\n\n"
    "Mara Vale released her debut album \"First Light\" in 2021.\n"
)


async def ingest(app: App, name: str, text: str, day: int) -> None:
    await app.ingest.ingest_file(GUILD, name, text.encode(), url=f"https://news.example/{name}",
                                 published=datetime(2026, 11, day, tzinfo=UTC))


async def test_release_cards_show_kind_date_precision_status_and_credits(app: App) -> None:
    await ingest(app, "harbour", HARBOUR, 23)
    await ingest(app, "salt", SALT, 24)
    await ingest(app, "old", OLD, 22)
    harbour = await app.cards.release_card("Glass Harbour")
    assert (harbour.title, harbour.kind, harbour.artist, harbour.status) == \
        ("Glass Harbour", "single", "Mara Vale", "released")
    assert harbour.released is not None
    assert (harbour.released.text, harbour.released.day) == \
        ("November 20, 2026", datetime(2026, 11, 20).date())
    assert ("Director", "Tomas Ek") in harbour.credits
    assert [(s.title, s.outlet, s.published, s.url) for s in harbour.sources] == [
        ("Mara Vale shares Glass Harbour", "news.example", "2026-11-23",
         "https://news.example/harbour")]
    salt = await app.cards.release_card("salt lines")
    assert (salt.kind, salt.status) == ("album", "upcoming")
    assert salt.released == CardDate("Released", "July 2027")
    assert salt.upcoming == [CardDate("Salt Lines", "July 2027")]
    first = await app.cards.release_card("First Light")
    assert first.released == CardDate("Released", "2021")
    assert render_release(harbour).splitlines() == [
        "Glass Harbour", "Single by Mara Vale (released)", "Release date: November 20, 2026",
        "Director: Tomas Ek",
        "[1] Mara Vale shares Glass Harbour "
        "(news.example, 2026-11-23, https://news.example/harbour)"]


async def test_the_artist_card_lists_label_people_releases_and_numbered_sources(
        app: App) -> None:
    await ingest(app, "harbour", HARBOUR, 23)
    await ingest(app, "salt", SALT, 24)
    await ingest(app, "old", OLD, 22)
    card = await app.cards.artist_card("mara vail")
    assert card.name == "Mara Vale"
    assert ("Label", "Lantern Records") in card.credits
    assert "Jon Reed (partner)" in card.people
    assert [(d.what, d.text) for d in card.releases] == [
        ("First Light", "2021"), ("Glass Harbour", "November 20, 2026"),
        ("Salt Lines", "July 2027")]
    text = render_artist(card)
    assert "Coming up: Salt Lines July 2027" in text
    assert text.splitlines()[-3:] == [
        "[1] Mara Vale announces Salt Lines (news.example, 2026-11-24, https://news.example/salt)",
        "[2] Mara Vale shares Glass Harbour "
        "(news.example, 2026-11-23, https://news.example/harbour)",
        "[3] Mara Vale looks back (news.example, 2026-11-22, https://news.example/old)"]


async def test_an_unknown_name_suggests_the_nearest(app: App) -> None:
    await ingest(app, "harbour", HARBOUR, 23)
    with pytest.raises(UserError, match='I don\'t know the release "Glass Harpoon Blues" yet'):
        await app.cards.release_card("Glass Harpoon Blues")
    with pytest.raises(UserError, match="Did you mean"):
        await app.cards.artist_card("Mara Vaal Quartet")
    with pytest.raises(UserError):
        await app.cards.artist_card("   ")


async def add_artists(app: App, names: list[str]) -> None:
    async with app.db.transaction() as session:
        for name in names:  # one at a time, so ids follow the list
            session.add(Entity(kind="artist", name=name, norm_name=normalise(name)))
            await session.flush()


async def test_autocomplete_puts_prefix_matches_first_then_fuzzy(app: App) -> None:
    await add_artists(app, ["Maria Vale", "Mara Vale", "Mara Valentine", "Zed Vale",
                            "Lamar Vale", "Quiet Owls"])
    found = await search_names(app.facts, "artist", "mara val")
    assert found[:2] == ["Mara Vale", "Mara Valentine"]
    assert "Maria Vale" in found[2:] and "Quiet Owls" not in found
    assert await search_names(app.facts, "artist", "") == [
        "Quiet Owls", "Lamar Vale", "Zed Vale", "Mara Valentine", "Mara Vale", "Maria Vale"]
    assert await search_names(app.facts, "release", "mara") == []


async def test_autocomplete_offers_at_most_25(app: App) -> None:
    await add_artists(app, [f"Echo {n:02d}" for n in range(40)] + ["Ech Oh"])
    found = await search_names(app.facts, "artist", "echo")
    assert len(found) == 25
    assert found[0] == "Echo 00" and "Ech Oh" not in found
    assert len(await search_names(app.facts, "artist", "")) == 25
    assert len(await search_names(app.facts, "artist", "ecko 1", limit=100)) <= 25


async def test_the_shell_shows_cards_as_text(app: App) -> None:
    await ingest(app, "harbour", HARBOUR, 23)
    state = ShellState()
    line = parse_line('/release title:"glass harbour"')
    assert line is not None
    text = await run_command(app, state, line)
    assert text.startswith("Glass Harbour\nSingle by Mara Vale (released)\n")
    line = parse_line("/artist Mara Vale")
    assert line is not None
    assert "Label: Lantern Records" in await run_command(app, state, line)
    line = parse_line("/artist")
    assert line is not None
    with pytest.raises(UserError, match="/artist needs name"):
        await run_command(app, state, line)


async def test_the_artist_card_finds_releases_by_link_or_by_a_by_fact_the_guild_sees(
        app: App) -> None:
    """The card reads the artist's releases with their facts in one statement: a release is
    the artist's by its link or by a `by` fact this guild sees, never by another guild's
    article or a `by` fact its moderators removed (as `releases_of` decides)."""
    other = 2000
    day = datetime(2026, 11, 20, tzinfo=UTC)
    async with app.db.transaction() as session:
        mine = Article(title="Mine", link="https://news.example/mine", content_hash="m",
                       published_at=day)
        theirs = Article(title="Theirs", link="https://news.example/theirs", content_hash="t",
                         published_at=day)
        artist = Entity(kind="artist", name="Ada Quill", norm_name=normalise("Ada Quill"))
        session.add_all([mine, theirs, artist])
        await session.flush()
        session.add_all([GuildArticle(guild_id=GUILD, article_id=mine.id),
                         GuildArticle(guild_id=other, article_id=theirs.id)])
        releases = {}
        for n, title in enumerate(("Linked Song", "By Song", "Their Song", "Removed Song")):
            release = Entity(kind="release", name=title, norm_name=normalise(title),
                             artist_id=artist.id if title == "Linked Song" else None)
            session.add(release)
            await session.flush()
            releases[title] = release.id
            session.add(Fact(subject_id=release.id, predicate="release_date",
                             object_date=date(2026, 1, 1 + n), object_precision="day",
                             article_id=mine.id, evidence=f"{title} is out."))
        for title in ("By Song", "Their Song", "Removed Song"):
            session.add(Fact(subject_id=releases[title], predicate="by",
                             object_entity_id=artist.id, evidence=f"{title} by Ada Quill.",
                             article_id=theirs.id if title == "Their Song" else mine.id))
        session.add(Fact(subject_id=releases["Removed Song"], predicate="by",
                         object_entity_id=artist.id, status=FactStatus.REMOVED,
                         guild_id=GUILD, evidence=""))
        session.add(Fact(subject_id=artist.id, predicate="label", object_text="Quiet Records",
                         article_id=mine.id, evidence="Ada Quill is on Quiet Records."))
    card = await app.cards.artist_card("Ada Quill", GUILD)
    assert [d.what for d in card.releases] == ["Linked Song", "By Song"]
    assert card.credits == [("Label", "Quiet Records")]
    assert sorted(r.name for r in await releases_of(app.db, card.entity_id, GUILD)) == \
        ["By Song", "Linked Song"]
    # The other guild sees its own article's `by` fact, not this guild's, nor a release
    # linked to the artist that only this guild's article names
    assert sorted(r.name for r in await releases_of(app.db, card.entity_id, other)) == \
        ["Their Song"]
    found, _dates = await artist_releases(app.db, card.entity_id, other, ["release_date"])
    assert [r.name for r in found] == ["Their Song"]  # the answers' read, the same releases
