"""Long lists and cards paged with Previous/Next through the fake Discord: `/feeds list`,
`/remind list`, `/upcoming`, `/artist`; only whoever asked turns the pages, the buttons go at the
time-out, and a click after the bot restarts reads the pages again."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.app import App
from bot.discord_app import paging
from bot.discord_app.page_buttons import too_old
from bot.discord_app.paging import NOT_YOURS
from tests.discord_world import FAN, GENERAL, GUILD, MOD, NEWS, FastBot, build_world
from tests.fake_discord.interactions import InteractionResult
from tests.fake_discord.server import FakeDiscord, NoSuchButton, buttons_of
from tests.feed_builders import Item, rss
from tests.feed_server import FeedServer
from tests.test_discord_buttons_e2e import running
from tests.test_discord_render import many_sources
from tests.test_ingest_feeds import mod as moderator

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def test_env(test_env: dict[str, str]) -> dict[str, str]:
    return {**test_env, "FANZINE_ALLOW_PRIVATE_NETWORKS": "1", "FANZINE_INGEST_FETCH_PAGES": "0"}


def button_id(message: dict[str, Any], label: str) -> str:
    [found] = [b for b in buttons_of(message) if label in (b.get("label") or "")]
    return str(found["custom_id"])


def enabled(message: dict[str, Any]) -> set[str]:
    return {b["label"] for b in buttons_of(message) if not b.get("disabled")}


async def add_feeds(app: App, feed_server: FeedServer, count: int) -> None:
    for n in range(count):
        path = f"/feed-{n}.xml"
        feed_server.serve(path, rss([Item(title=f"Story {n}", link=f"https://news.example/{n}",
                                          summary="Our own words about Mara Vale.")],
                                    title=f"Fan feed number {n:02d}"))
        await app.feeds.add(moderator(), feed_server.url(path), NEWS)


async def test_a_long_feed_list_pages_with_buttons(
    quiet_bot: FastBot, app: App, fake_discord: FakeDiscord, feed_server: FeedServer,
) -> None:
    await add_feeds(app, feed_server, 35)
    result = await fake_discord.invoke("feeds", [], subcommand="list", guild_id=GUILD,
                                       channel_id=GENERAL, user_id=MOD)
    message = result.original
    assert message is not None and result.ephemeral
    assert message["embeds"][0]["title"] == "Feeds in this server (page 1 of 4)"
    assert enabled(message) == {"Next ▶"}  # Previous is off on the first page
    seen = [f["name"] for f in message["embeds"][0]["fields"]]
    for number in (2, 3, 4):
        turned = await fake_discord.click(message, button_id(message, "Next"), user_id=MOD)
        assert [c["type"] for c in turned.raw_callbacks] == [7]  # the same message, edited
        assert message["embeds"][0]["title"] == f"Feeds in this server (page {number} of 4)"
        seen += [f["name"] for f in message["embeds"][0]["fields"]]
    # Every feed exactly once over the pages.
    assert sorted(seen) == sorted(f"Fan feed number {n:02d}" for n in range(35))
    assert enabled(message) == {"◀ Previous"}
    with pytest.raises(NoSuchButton, match="disabled"):
        await fake_discord.click(message, button_id(message, "Next"), user_id=MOD)
    await fake_discord.click(message, button_id(message, "Previous"), user_id=MOD)
    assert message["embeds"][0]["title"] == "Feeds in this server (page 3 of 4)"


async def test_the_page_option_opens_at_that_page(
    quiet_bot: FastBot, app: App, fake_discord: FakeDiscord, feed_server: FeedServer,
) -> None:
    await add_feeds(app, feed_server, 12)
    result = await fake_discord.invoke("feeds", [{"name": "page", "type": 4, "value": 2}],
                                       subcommand="list", guild_id=GUILD, channel_id=GENERAL,
                                       user_id=MOD)
    assert result.embeds[0]["title"] == "Feeds in this server (page 2 of 2)"
    assert result.original is not None and enabled(result.original) == {"◀ Previous"}


async def test_a_short_list_has_no_buttons(
    quiet_bot: FastBot, app: App, fake_discord: FakeDiscord, feed_server: FeedServer,
) -> None:
    await add_feeds(app, feed_server, 3)
    result = await fake_discord.invoke("feeds", [], subcommand="list", guild_id=GUILD,
                                       channel_id=GENERAL, user_id=MOD)
    assert result.original is not None and buttons_of(result.original) == []


# Our own article: twelve singles, each with a release day and two countdowns to post.
SINGLES = "Title: Mara Vale plans a single a week\n\n" + " ".join(
    f'Singer Mara Vale will release her new single "Lantern {n}" on December {n + 5}, 2026.'
    for n in range(1, 13)) + "\n"


async def test_upcoming_pages_turn_only_for_whoever_asked(
    quiet_bot: FastBot, app: App, fake_discord: FakeDiscord,
) -> None:
    await app.ingest.ingest_file(GUILD, "singles.txt", SINGLES.encode(),
                                 published=datetime(2026, 11, 23, tzinfo=UTC))
    result = await fake_discord.invoke("upcoming", [{"name": "days", "type": 4, "value": 60}],
                                       guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    message = result.original
    assert message is not None and not result.ephemeral
    first = message["content"]
    assert first.startswith("Page 1 of ")
    pages = int(first.splitlines()[0].rsplit(" ", 1)[1])
    assert pages >= 3
    # Someone else reading the channel cannot turn the asker's pages.
    refused = await fake_discord.click(message, button_id(message, "Next"), user_id=MOD)
    assert refused.ephemeral and refused.content == NOT_YOURS
    assert message["content"] == first
    lines = first.splitlines()[1:]
    for _ in range(pages - 1):
        await fake_discord.click(message, button_id(message, "Next"), user_id=FAN)
        lines += message["content"].splitlines()[1:]
    assert message["content"].startswith(f"Page {pages} of {pages}")
    upcoming = await app.upcoming.upcoming(GUILD, days=60)
    assert len(lines) == len(set(lines)) == len(upcoming) >= 30
    assert all(len(page) <= 2000 for page in (first, message["content"]))


async def test_remind_list_pages(quiet_bot: FastBot, app: App,
                                 fake_discord: FakeDiscord) -> None:
    for n in range(1, 24):
        await app.reminders.remind_at(FAN, GUILD, GENERAL, f"in {n} days", f"note {n}")
    result = await fake_discord.invoke("remind", [], subcommand="list", guild_id=GUILD,
                                       channel_id=GENERAL, user_id=FAN)
    message = result.original
    assert message is not None and result.ephemeral
    assert message["content"].startswith("**Your reminders** (page 1 of 3)")
    texts = message["content"]
    for _ in range(2):
        await fake_discord.click(message, button_id(message, "Next"), user_id=FAN)
        texts += message["content"]
    assert [n for n in range(1, 24) if f"note {n} ·" in texts] == list(range(1, 24))


async def test_the_buttons_go_at_the_time_out(
    quiet_bot: FastBot, app: App, fake_discord: FakeDiscord, feed_server: FeedServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(paging, "PAGE_TIMEOUT", 0.3)
    await add_feeds(app, feed_server, 11)
    since = fake_discord.mark()
    result = await fake_discord.invoke("feeds", [], subcommand="list", guild_id=GUILD,
                                       channel_id=GENERAL, user_id=MOD)
    message = result.original
    assert message is not None and buttons_of(message)
    await fake_discord.wait_for(lambda e: e.kind == "message_update"
                                and e.data["message"]["id"] == message["id"], since=since)
    assert message["components"] == []
    assert message["embeds"][0]["title"] == "Feeds in this server (page 1 of 2)"



async def test_sources_pages(quiet_bot: FastBot, app: App, fake_discord: FakeDiscord) -> None:
    app.answers.recent.remember(GUILD, FAN, many_sources(23))
    result = await fake_discord.invoke("sources", [], guild_id=GUILD, channel_id=GENERAL,
                                       user_id=FAN)
    message = result.original
    assert message is not None and result.ephemeral
    numbers = []
    while True:
        numbers += [f["name"].split(".")[0] for f in message["embeds"][0]["fields"]]
        if "Next ▶" not in enabled(message):
            break
        await fake_discord.click(message, button_id(message, "Next"), user_id=FAN)
    assert numbers == [str(n) for n in range(1, 24)]


def card_lines(message: dict[str, Any], section: str) -> list[str]:
    """The lines of a section of a card's page (split ones too: "Releases 1–9 of 12")."""
    return [line for f in message["embeds"][0]["fields"] if f["name"].startswith(section)
            for line in f["value"].splitlines()]


async def test_a_long_artist_card_is_paged_with_every_item_once(
    quiet_bot: FastBot, app: App, fake_discord: FakeDiscord,
) -> None:
    await app.ingest.ingest_file(GUILD, "singles.txt", SINGLES.encode(),
                                 published=datetime(2026, 11, 23, tzinfo=UTC))
    result = await fake_discord.invoke("artist", [{"name": "name", "type": 3,
                                                   "value": "Mara Vale"}],
                                       guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    message = result.original
    assert message is not None and not result.ephemeral
    pages = int(message["embeds"][0]["title"].rsplit(" ", 1)[1].rstrip(")"))
    assert pages >= 2 and message["embeds"][0]["title"] == f"Mara Vale (page 1 of {pages})"
    # The footer says what is on which page.
    assert message["embeds"][0]["footer"]["text"].startswith("Page 1: Releases")
    refused = await fake_discord.click(message, button_id(message, "Next"), user_id=MOD)
    assert refused.ephemeral and refused.content == NOT_YOURS
    releases, coming = card_lines(message, "Releases"), card_lines(message, "Coming up")
    for _ in range(pages - 1):
        await fake_discord.click(message, button_id(message, "Next"), user_id=FAN)
        releases += card_lines(message, "Releases")
        coming += card_lines(message, "Coming up")
    expected = {f"Lantern {n}: December {n + 5}, 2026" for n in range(1, 13)}
    # Every single exactly once in each list, none cut away.
    assert len(releases) == len(coming) == 12
    assert set(releases) == set(coming) == expected
    assert enabled(message) == {"◀ Previous"}


async def test_page_buttons_survive_a_restart(
    app: App, fake_discord: FakeDiscord,
) -> None:
    await _with_singles(app, fake_discord)
    async with running(app, fake_discord):
        listed = await _upcoming(fake_discord)
        card = await fake_discord.invoke(
            "artist", [{"name": "name", "type": 3, "value": "Mara Vale"}], guild_id=GUILD,
            channel_id=GENERAL, user_id=FAN)
        app.answers.recent.remember(GUILD, FAN, many_sources(23))
        private = await fake_discord.invoke("sources", [], guild_id=GUILD, channel_id=GENERAL,
                                            user_id=FAN)
    upcoming, artist, sources = listed.original, card.original, private.original
    assert upcoming is not None and artist is not None and sources is not None
    assert private.ephemeral
    first = upcoming["content"]
    assert first.startswith("Page 1 of ")
    for message in (upcoming, artist):
        assert all(len(str(b["custom_id"])) <= 100 for b in buttons_of(message))
        assert button_id(message, "Next").startswith("fz:pg:")
    # The bot restarts: the pagers it held are gone, the buttons on the messages are not.
    async with running(app, fake_discord):
        refused = await fake_discord.click(upcoming, button_id(upcoming, "Next"), user_id=MOD)
        assert refused.ephemeral and refused.content == NOT_YOURS
        assert upcoming["content"] == first
        turned = await fake_discord.click(upcoming, button_id(upcoming, "Next"), user_id=FAN)
        assert [c["type"] for c in turned.raw_callbacks] == [6]  # then an edit of the page
        assert upcoming["content"].startswith("Page 2 of ")
        assert upcoming["content"].splitlines()[1:] != first.splitlines()[1:]
        assert enabled(upcoming) == {"◀ Previous", "Next ▶"}
        # The pager lives again: the next turn is the same as before any restart.
        again = await fake_discord.click(upcoming, button_id(upcoming, "Previous"),
                                         user_id=FAN)
        assert [c["type"] for c in again.raw_callbacks] == [7]
        assert upcoming["content"] == first
        # A card is read again by its entity's id.
        await fake_discord.click(artist, button_id(artist, "Next"), user_id=FAN)
        assert artist["embeds"][0]["title"].startswith("Mara Vale (page 2 of ")
        # A private (ephemeral) page turns too, numbered on from the first.
        shown = int(sources["embeds"][0]["fields"][-1]["name"].split(".")[0])
        await fake_discord.click(sources, button_id(sources, "Next"), user_id=FAN)
        assert sources["embeds"][0]["fields"][0]["name"].startswith(f"{shown + 1}. ")


async def test_a_page_button_older_than_a_day_asks_for_the_command_again(
    app: App, fake_discord: FakeDiscord,
) -> None:
    await _with_singles(app, fake_discord)
    async with running(app, fake_discord):
        listed = await _upcoming(fake_discord)
    message = listed.original
    assert message is not None
    live = fake_discord.find_message(str(message["id"]))
    assert live is not None
    # The same button, dated more than a day before the click.
    [button] = [b for b in buttons_of(live) if "Next" in b["label"]]
    parts = str(button["custom_id"]).split(":")
    button["custom_id"] = ":".join([*parts[:-1], str(int(parts[-1]) - 25 * 3600)])
    async with running(app, fake_discord):
        stale = await fake_discord.click(live, str(button["custom_id"]), user_id=FAN)
        assert stale.ephemeral and stale.content == too_old("upcoming")
        assert live["content"].startswith("Page 1 of ")


async def _with_singles(app: App, fake_discord: FakeDiscord) -> None:
    """The singles article stored and the server built: enough for pages of /upcoming."""
    await app.ingest.ingest_file(GUILD, "singles.txt", SINGLES.encode(),
                                 published=datetime(2026, 11, 23, tzinfo=UTC))
    build_world(fake_discord)


async def _upcoming(fake_discord: FakeDiscord) -> InteractionResult:
    """A fan's /upcoming for 60 days, as the fake Discord answered it."""
    return await fake_discord.invoke(
        "upcoming", [{"name": "days", "type": 4, "value": 60}], guild_id=GUILD,
        channel_id=GENERAL, user_id=FAN)
