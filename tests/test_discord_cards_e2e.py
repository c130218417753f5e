"""`/release` and its autocomplete through the real discord.py and the fake Discord."""

from __future__ import annotations

import pytest

from bot.app import App
from tests.discord_world import FAN, GENERAL, GUILD, FastBot, ingest_glass_harbour
from tests.fake_discord.server import FakeDiscord

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)



@pytest.fixture
def bot(quiet_bot: FastBot) -> FastBot:
    return quiet_bot


async def test_release_shows_a_card_with_its_date_as_written(bot: FastBot, app: App,
                                                     fake_discord: FakeDiscord) -> None:
    await ingest_glass_harbour(app)
    choices = await fake_discord.autocomplete(
        "release", [{"name": "title", "type": 3, "value": "glass h", "focused": True}],
        guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert choices[0] == {"name": "Glass Harbour", "value": "Glass Harbour"}
    assert len(choices) <= 25
    result = await fake_discord.invoke(
        "release", [{"name": "title", "type": 3, "value": "Glass Harbour"}],
        guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert not result.ephemeral
    [embed] = result.embeds
    assert embed["title"] == "Glass Harbour"
    assert embed["description"] == "Single · by Mara Vale · released"
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    # A calendar date, as written: a Discord timestamp would show UTC+13 the next day.
    assert fields["Release date"] == "November 20, 2026"
    assert fields["Director"] == "Tomas Ek"
    assert fields["Sources"].startswith("1. [Mara Vale shares Glass Harbour]"
                                        "(https://news.example/glass) · news.example")


async def test_an_unknown_release_is_answered_privately(bot: FastBot,
                                                        fake_discord: FakeDiscord) -> None:
    result = await fake_discord.invoke(
        "release", [{"name": "title", "type": 3, "value": "Nothing Known"}],
        guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert result.ephemeral
    assert "Nothing Known" in (result.content or "")
