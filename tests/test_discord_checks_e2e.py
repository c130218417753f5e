"""The bot checks its own permissions where it is pointed at a channel, through the fake Discord:
a refusal names what is missing, and nothing is stored."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.app import App
from bot.discord_app.checks import INVITE_PERMISSIONS
from bot.guilds.settings import GuildSettings
from tests.discord_world import FAN, FANS_ROLE, GENERAL, GUILD, MOD, NEWS, FastBot
from tests.fake_discord.server import FakeDiscord
from tests.fake_discord.world import BOT_ROLE_TOP
from tests.feed_server import FeedServer
from tests.test_ingest_feeds import mod as moderator

SQLITE = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
VIEW, SEND, EMBED = 1 << 10, 1 << 11, 1 << 14
QUIET_ROLE = 520
README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture
def test_env(test_env: dict[str, str]) -> dict[str, str]:
    return {**test_env, "FANZINE_ALLOW_PRIVATE_NETWORKS": "1", "FANZINE_INGEST_FETCH_PAGES": "0"}


async def deny(fake: FakeDiscord, channel_id: int, permissions: int) -> None:
    """Take permissions from the bot in a channel; the bot's cache hears of it before the next
    interaction (one socket, events in order)."""
    guild = fake.guilds[GUILD]
    guild.deny(channel_id, fake.bot_user_id, permissions)
    await fake.dispatch("CHANNEL_UPDATE", guild.channels[channel_id])


@SQLITE
async def test_feeds_add_refuses_a_channel_the_bot_cannot_post_in(
    quiet_bot: FastBot, app: App, fake_discord: FakeDiscord, feed_server: FeedServer
) -> None:
    await deny(fake_discord, NEWS, EMBED)
    result = await fake_discord.invoke(
        "feeds", [{"name": "url", "type": 3, "value": feed_server.url("/feed.xml")},
                  {"name": "channel", "type": 7, "value": str(NEWS)}],
        subcommand="add", guild_id=GUILD, channel_id=GENERAL, user_id=MOD)
    assert result.ephemeral
    assert result.content == (
        f"I can't post in <#{NEWS}>: I need Embed Links there. Give it to me (or my role) in "
        "the channel's permissions, then try again.")
    assert await app.feeds.list(moderator()) == []
    assert not feed_server.requests  # not even fetched


@SQLITE
async def test_setup_refuses_a_hidden_channel_and_a_role_it_cannot_mention(
    quiet_bot: FastBot, app: App, fake_discord: FakeDiscord
) -> None:
    await deny(fake_discord, NEWS, VIEW)
    hidden = await fake_discord.invoke(
        "setup", [{"name": "announce_channel", "type": 7, "value": str(NEWS)}],
        guild_id=GUILD, channel_id=GENERAL, user_id=MOD)
    assert hidden.ephemeral
    assert (hidden.content or "").startswith(f"I can't post in <#{NEWS}>: I need View Channel "
                                             "there.")
    fake_discord.guilds[GUILD].add_role(QUIET_ROLE, "quiet")  # nobody may mention it
    await fake_discord.dispatch("GUILD_ROLE_CREATE", {
        "guild_id": str(GUILD), "role": fake_discord.guilds[GUILD].roles[QUIET_ROLE]})
    quiet = await fake_discord.invoke(
        "setup", [{"name": "announce_channel", "type": 7, "value": str(GENERAL)},
                  {"name": "ping_role", "type": 8, "value": str(QUIET_ROLE)}],
        guild_id=GUILD, channel_id=GENERAL, user_id=MOD)
    assert (quiet.content or "").startswith(f"I can't mention @quiet in <#{GENERAL}>")
    assert await app.guilds.get(GUILD) == GuildSettings(GUILD)  # nothing saved


@SQLITE
async def test_a_reminder_here_needs_a_channel_the_bot_can_post_in(
    quiet_bot: FastBot, app: App, fake_discord: FakeDiscord
) -> None:
    await deny(fake_discord, GENERAL, SEND)
    options = [{"name": "when", "type": 3, "value": "tomorrow 18:00"},
               {"name": "what", "type": 3, "value": "Glass Harbour premiere"}]
    here = await fake_discord.invoke("remind", [*options, {"name": "where", "type": 3,
                                                           "value": "here"}],
                                     subcommand="me", guild_id=GUILD, channel_id=GENERAL,
                                     user_id=FAN)
    assert here.ephemeral and (here.content or "").startswith(
        f"I can't post in <#{GENERAL}>: I need Send Messages there.")
    assert (await app.reminders.list_reminders(FAN, GUILD)).reminders == []
    by_dm = await fake_discord.invoke("remind", options, subcommand="me", guild_id=GUILD,
                                      channel_id=GENERAL, user_id=FAN)
    assert (by_dm.content or "").startswith("Reminder 1 set")


def test_the_readme_s_invite_asks_for_what_the_bot_checks() -> None:
    asked = {int(n) for n in re.findall(r"permissions=(\d+)", README.read_text("utf-8"))}
    assert asked == {INVITE_PERMISSIONS.value}


@SQLITE
async def test_setup_refuses_a_ping_role_the_bot_could_not_give(
    quiet_bot: FastBot, app: App, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guilds[GUILD]
    high = guild.add_role(QUIET_ROLE, "stans", mentionable=True)
    high["position"] = BOT_ROLE_TOP + 1  # above the bot's own role
    await fake_discord.dispatch("GUILD_ROLE_CREATE", {"guild_id": str(GUILD), "role": high})
    above = await fake_discord.invoke(
        "setup", [{"name": "ping_role", "type": 8, "value": str(QUIET_ROLE)}],
        guild_id=GUILD, channel_id=GENERAL, user_id=MOD)
    assert above.ephemeral and (above.content or "").startswith(
        "I can't give fans @stans: my role must be above it.")
    guild.bot_manages_roles = False  # Manage Roles taken from the bot's role
    await fake_discord.dispatch("GUILD_ROLE_UPDATE", {"guild_id": str(GUILD),
                                                      "role": guild.bot_role()})
    refused = await fake_discord.invoke(
        "setup", [{"name": "ping_role", "type": 8, "value": str(FANS_ROLE)}],
        guild_id=GUILD, channel_id=GENERAL, user_id=MOD)
    assert (refused.content or "").startswith(
        "I can't give fans @fans: I need the Manage Roles permission")
    assert await app.guilds.get(GUILD) == GuildSettings(GUILD)
