"""End to end: the real discord.py bot against the fake Discord server, over real sockets."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from typing import Any

import pytest

from bot.app import App
from bot.commands.help import help_entries
from bot.guilds.settings import GuildSettings
from tests.discord_world import (
    FAN,
    FANS_ROLE,
    GENERAL,
    GUILD,
    MANAGE_GUILD,
    MOD,
    MODLOG,
    NEWS,
    FastBot,
    build_world,
)
from tests.fake_discord.server import FakeDiscord

COMMANDS = help_entries()  # one entry a top-level command

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)

@pytest.fixture
async def discord_bot(live_bot: FastBot, fake_discord: FakeDiscord) -> FakeDiscord:
    return fake_discord


async def invoke(fake: FakeDiscord, name: str, options: Any = None, *, user: int = FAN) -> Any:
    return await fake.invoke(name, options, guild_id=GUILD, channel_id=GENERAL, user_id=user)


def field_values(result: Any) -> dict[str, str]:
    return {f["name"]: f["value"] for f in result.embeds[0].get("fields", [])}


async def test_help_lists_commands_for_each_person(discord_bot: FakeDiscord) -> None:
    for_fan = await invoke(discord_bot, "help", user=FAN)
    assert for_fan.ephemeral
    assert set(field_values(for_fan)) == {f"/{c.name}" for c in COMMANDS if not c.moderator}
    for_mod = await invoke(discord_bot, "help", user=MOD)
    setup = field_values(for_mod)["/setup"]
    assert setup.count("(moderators)") == 1  # said once, not in the name and the text both


async def test_about_answers(discord_bot: FakeDiscord) -> None:
    result = await invoke(discord_bot, "about")
    assert result.embeds[0]["title"].startswith("fanzine ")
    assert field_values(result)["Articles stored"] == "0"


async def test_setup_by_moderator_is_stored_and_shown_back(
    discord_bot: FakeDiscord, app: App
) -> None:
    options = [
        {"name": "announce_channel", "type": 7, "value": str(NEWS)},
        {"name": "modlog_channel", "type": 7, "value": str(MODLOG)},
        {"name": "timezone", "type": 3, "value": "Europe/London"},
        {"name": "post_hour", "type": 4, "value": 8},
        {"name": "ping_role", "type": 8, "value": str(FANS_ROLE)},
    ]
    saved = await invoke(discord_bot, "setup", options, user=MOD)
    assert saved.ephemeral
    assert saved.embeds[0]["title"].startswith("Saved: ")
    assert await app.guilds.get(GUILD) == GuildSettings(
        GUILD, "Europe/London", 8, NEWS, MODLOG, FANS_ROLE
    )
    shown = await invoke(discord_bot, "setup", user=MOD)
    values = field_values(shown)
    assert values["Announcements"] == f"<#{NEWS}>"
    assert values["Time zone"] == "Europe/London"
    assert values["Posting hour"] == "08:00"
    assert values["Ping role"] == f"<@&{FANS_ROLE}>"

    cleared = await invoke(discord_bot, "setup", [{"name": "clear", "type": 3,
                                                   "value": "ping_role"}], user=MOD)
    assert field_values(cleared)["Ping role"] == "none"
    assert (await app.guilds.get(GUILD)).ping_role is None


async def test_setup_by_member_is_refused_and_changes_nothing(
    discord_bot: FakeDiscord, app: App
) -> None:
    result = await invoke(discord_bot, "setup",
                          [{"name": "timezone", "type": 3, "value": "Asia/Seoul"}], user=FAN)
    assert result.ephemeral
    assert result.content == "Only moderators can do that: it needs the Manage Server permission."
    assert await app.guilds.get(GUILD) == GuildSettings(GUILD)


async def test_bad_time_zone_is_an_ephemeral_error(discord_bot: FakeDiscord, app: App) -> None:
    result = await invoke(discord_bot, "setup",
                          [{"name": "timezone", "type": 3, "value": "Europe/Londn"},
                           {"name": "post_hour", "type": 4, "value": 6}], user=MOD)
    assert result.ephemeral
    assert "Did you mean Europe/London" in (result.content or "")
    assert await app.guilds.get(GUILD) == GuildSettings(GUILD)


async def test_time_zone_autocomplete(discord_bot: FakeDiscord) -> None:
    choices = await discord_bot.autocomplete(
        "setup", [{"name": "timezone", "type": 3, "value": "europe/lo", "focused": True}],
        guild_id=GUILD, channel_id=GENERAL, user_id=MOD,
    )
    assert choices[0] == {"name": "Europe/London", "value": "Europe/London"}
    assert 0 < len(choices) <= 25


async def test_survives_reconnect_and_rate_limit(discord_bot: FakeDiscord) -> None:
    mark = discord_bot.mark()
    await discord_bot.reconnect()
    await discord_bot.wait_for(lambda e: e.kind == "resumed", since=mark)
    assert discord_bot.resume_count == 1

    discord_bot.inject_429("POST", r"/interactions/\d+/[^/]+/callback", retry_after=0.1)
    result = await invoke(discord_bot, "help")
    assert result.ephemeral
    callbacks = [r for r in discord_bot.requests if r.path.endswith("/callback")]
    assert [r.status for r in callbacks][-2:] == [429, 200]
    discord_bot.assert_bot_alive()


async def test_no_message_content_intent(discord_bot: FakeDiscord) -> None:
    identify = await discord_bot.wait_for(lambda e: e.kind == "identify")
    intents = identify.data["d"]["intents"]
    assert not intents & (1 << 15)  # message content
    assert not intents & (1 << 1)  # members
    assert intents & 1  # guilds


# The command line against the fake: `fanzine sync-commands` and `fanzine run`.


async def fanzine(env: dict[str, str], *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, env=env,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


def discord_env(cli_env: dict[str, str], fake: FakeDiscord) -> dict[str, str]:
    return {**cli_env, "DISCORD_TOKEN": fake.token, "FANZINE_DISCORD_API_URL": fake.api_url,
            "FANZINE_DISCORD_GATEWAY_URL": fake.gateway_url, "FANZINE_LOG_LEVEL": "debug"}


async def test_sync_commands_pushes_the_tree(
    fake_discord: FakeDiscord, cli_env: dict[str, str]
) -> None:
    build_world(fake_discord)
    process = await fanzine(discord_env(cli_env, fake_discord), "sync-commands", "--guild",
                            str(GUILD))
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, err.decode()
    assert f"Synced {len(COMMANDS)} commands to guild 500" in out.decode()
    synced = {c["name"]: c for c in fake_discord.synced_commands[GUILD]}
    assert set(synced) == {c.name for c in COMMANDS}
    for command in COMMANDS:
        if command.moderator:
            assert int(synced[command.name]["default_member_permissions"]) == MANAGE_GUILD
            assert synced[command.name]["contexts"] == [0]  # guild only
        else:
            assert synced[command.name].get("default_member_permissions") is None
    assert synced["setup"]["description"].startswith("Set this server's channels")
    assert fake_discord.token not in err.decode()


async def test_sync_commands_clear_removes_a_guilds_copies_and_keeps_the_global_ones(
    fake_discord: FakeDiscord, cli_env: dict[str, str]
) -> None:
    build_world(fake_discord)
    env = discord_env(cli_env, fake_discord)
    for args in (("--guild", str(GUILD)), ()):  # synced for testing, then globally
        process = await fanzine(env, "sync-commands", *args)
        _, err = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode == 0, err.decode()
    assert len(fake_discord.synced_commands[GUILD]) == len(COMMANDS)  # listed twice there

    process = await fanzine(env, "sync-commands", "--guild", str(GUILD), "--clear")
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, err.decode()
    assert out.decode().strip() == (
        f"Cleared guild {GUILD}'s copies of the commands; the global commands stay.")
    assert fake_discord.synced_commands[GUILD] == []
    assert len(fake_discord.synced_commands[None]) == len(COMMANDS)


async def test_sync_commands_clear_without_a_guild_is_refused_in_one_line(
    fake_discord: FakeDiscord, cli_env: dict[str, str]
) -> None:
    process = await fanzine(discord_env(cli_env, fake_discord), "sync-commands", "--clear")
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2
    # Leaving out the debug log these tests ask for.
    assert [x for x in err.decode().splitlines() if " DEBUG " not in x] == [
        "fanzine: --clear needs --guild ID: it removes one server's copies of the commands "
        "(the global commands are never cleared)."]
    assert out == b"" and fake_discord.synced_commands == {}


async def test_sync_commands_to_a_foreign_guild_is_explained(
    fake_discord: FakeDiscord, cli_env: dict[str, str]
) -> None:
    process = await fanzine(discord_env(cli_env, fake_discord), "sync-commands", "--guild", "999")
    _, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2
    assert err.decode().strip().splitlines()[-1] == (
        "fanzine: Discord refused to sync to guild 999: the bot is not in that server, "
        "or was invited without the applications.commands scope."
    )


async def test_fanzine_run_uses_the_configured_urls(
    fake_discord: FakeDiscord, cli_env: dict[str, str]
) -> None:
    build_world(fake_discord)
    process = await fanzine(discord_env(cli_env, fake_discord), "run")
    try:
        await fake_discord.wait_for(lambda e: e.kind == "identify", timeout=60)
        await fake_discord.wait_for(
            lambda e: e.kind == "dispatch" and e.data["t"] == "GUILD_CREATE", timeout=30
        )
        result = await fake_discord.invoke("help", guild_id=GUILD, channel_id=GENERAL,
                                           user_id=FAN, timeout=30)
        assert result.ephemeral and result.embeds
    finally:
        process.send_signal(signal.SIGINT)
        _, err = await asyncio.wait_for(process.communicate(), 30)
    assert fake_discord.token not in err.decode()
    assert os.environ.get("DISCORD_TOKEN") != fake_discord.token


async def test_a_text_bot_does_not_warn_that_voice_is_missing(
        app: App, caplog: pytest.LogCaptureFixture) -> None:
    import discord

    from bot.discord_app.client import FanzineBot
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = True  # as in a new process
    with caplog.at_level("WARNING", logger="discord.client"):
        FanzineBot(app, run_background=False)  # never started: nothing to close
    assert "voice will NOT be supported" not in caplog.text
