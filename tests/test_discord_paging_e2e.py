"""Long lists paged with Previous/Next through the fake Discord: `/feeds list`, `/remind list`,
`/upcoming`; only whoever asked turns the pages, and the buttons go at the time-out."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.app import App
from bot.discord_app import paging
from bot.discord_app.paging import NOT_YOURS
from tests.discord_world import FAN, GENERAL, GUILD, MOD, NEWS, FastBot
from tests.fake_discord.server import FakeDiscord, NoSuchButton, buttons_of
from tests.feed_builders import Item, rss
from tests.feed_server import FeedServer
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
