"""Corrections through the real discord.py and the fake Discord: replies, refusals, scope."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.app import App
from tests.discord_world import FAN, GENERAL, GUILD, MOD, FastBot
from tests.fake_discord.server import FakeDiscord
from tests.test_corrections import HARBOUR, ORIGINAL, WHEN

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
async def bot(live_bot: FastBot, app: App) -> FastBot:
    # This server and the next carry the article (a server sees its own articles' facts).
    for guild_id in (GUILD, GUILD + 1):
        await app.ingest.ingest_file(guild_id, "harbour.txt", HARBOUR.encode(),
                                     published=datetime(2026, 11, 23, tzinfo=UTC))
    return live_bot


def fix_options(value: str, subject: str = "Glass Harbour") -> list[dict[str, object]]:
    return [{"name": "subject", "type": 3, "value": subject},
            {"name": "predicate", "type": 3, "value": "release_date"},
            {"name": "value", "type": 3, "value": value}]


async def test_facts_fix_replies_privately_and_changes_this_server(
        bot: FastBot, app: App, fake_discord: FakeDiscord) -> None:
    result = await fake_discord.invoke("facts", fix_options("2026-11-27"), subcommand="fix",
                                       guild_id=GUILD, channel_id=GENERAL, user_id=MOD)
    assert result.ephemeral
    assert (result.content or "").startswith("Fixed: Glass Harbour · release_date: 2026-11-20")
    assert "November 27" in (await app.answers.ask(WHEN, GUILD)).answer
    assert (await app.answers.ask(WHEN, GUILD + 1)).answer == ORIGINAL


async def test_fans_and_unknown_names_get_a_private_reason(
        bot: FastBot, app: App, fake_discord: FakeDiscord) -> None:
    refused = await fake_discord.invoke("facts", fix_options("2026-11-27"), subcommand="fix",
                                        guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert refused.ephemeral and "Manage Server" in (refused.content or "")
    unknown = await fake_discord.invoke(
        "alias", [{"name": "name", "type": 3, "value": "Nobody Here At All"},
                  {"name": "alias", "type": 3, "value": "NH"}],
        subcommand="add", guild_id=GUILD, channel_id=GENERAL, user_id=MOD)
    assert unknown.ephemeral and "I don't know 'Nobody Here At All'" in (unknown.content or "")
    assert (await app.answers.ask(WHEN, GUILD)).answer == ORIGINAL


async def test_a_long_name_gets_a_reply_within_discord_s_2000_characters(
        bot: FastBot, app: App, fake_discord: FakeDiscord) -> None:
    name = "Harbour " * 245  # 1,960 characters: the refusal quoting it would pass 2,000
    result = await fake_discord.invoke(
        "alias", [{"name": "name", "type": 3, "value": name.strip()},
                  {"name": "alias", "type": 3, "value": "HB"}],
        subcommand="add", guild_id=GUILD, channel_id=GENERAL, user_id=MOD)
    assert result.ephemeral
    content = result.content or ""
    assert content.startswith("I don't know 'Harbour Harbour") and len(content) <= 2000
