"""Tests for the fake Discord server, driven by a small real discord.py bot over loopback."""

from __future__ import annotations

import io
import json
import zlib
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import discord
import discord.utils
import pytest
import pytest_asyncio
from discord import app_commands
from discord.ext import commands

from tests.fake_discord import Event, FakeDiscord
from tests.fake_discord.fixtures import run_bot

# Registers the `fake_discord` fixture (a conftest.py may do it too; loading twice is fine).
pytest_plugins = ["tests.fake_discord.fixtures"]

GUILD_ID = 900000000000000001
CHANNEL_ID = 900000000000000010
NEWS_CHANNEL_ID = 900000000000000011
ROLE_ID = 900000000000000020
USER_ID = 900000000000000030
ADMIN_ID = 900000000000000031
MANAGE_GUILD = 1 << 5
FRUITS = ["apple", "apricot", "banana", "cherry"]


class FakeBot(commands.Bot):
    """The test bot: guilds intent only, quick readiness, no 5 s sleep before re-IDENTIFY."""

    def __init__(self, *, heartbeat_timeout: float = 3.0, members: bool = False) -> None:
        super().__init__(
            command_prefix="!",
            intents=discord.Intents(guilds=True, members=members),
            guild_ready_timeout=0.2,
            heartbeat_timeout=heartbeat_timeout,
        )

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None

    async def setup_hook(self) -> None:
        install_commands(self.tree)


def install_commands(tree: app_commands.CommandTree[Any]) -> None:
    @tree.command(name="ping", description="Answer privately")
    async def ping(interaction: discord.Interaction, text: str) -> None:
        await interaction.response.send_message(f"pong {text}", ephemeral=True)

    async def fruit_choices(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=f, value=f) for f in FRUITS if f.startswith(current)]

    @tree.command(name="fruit", description="Pick a fruit")
    @app_commands.autocomplete(name=fruit_choices)
    async def fruit(interaction: discord.Interaction, name: str) -> None:
        await interaction.response.send_message(f"you picked {name}")

    @tree.command(name="slow", description="Defer, then follow up")
    async def slow(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send("done thinking")

    @tree.command(name="think", description="Defer privately, then edit the original")
    async def think(interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await interaction.edit_original_response(content="thought")

    @tree.command(name="announce", description="Post to the news channel")
    async def announce(interaction: discord.Interaction, text: str, key: str | None = None) -> None:
        assert interaction.guild is not None
        channel = interaction.guild.get_channel(NEWS_CHANNEL_ID)
        assert isinstance(channel, discord.TextChannel)
        try:
            kwargs: dict[str, Any] = {"nonce": key} if key else {}
            msg = await channel.send(
                text, allowed_mentions=discord.AllowedMentions.none(), **kwargs
            )
        except discord.HTTPException as exc:
            await interaction.response.send_message(
                f"error {exc.status} {exc.code}", ephemeral=True
            )
            return
        await interaction.response.send_message(f"posted {msg.id}", ephemeral=True)

    @tree.command(name="where", description="Echo a channel and a role")
    async def where(
        interaction: discord.Interaction, channel: discord.TextChannel, role: discord.Role
    ) -> None:
        perms = interaction.permissions.manage_guild
        await interaction.response.send_message(f"{channel.name} {role.name} manage={perms}")


def build_world(fake: FakeDiscord) -> None:
    guild = fake.add_guild(GUILD_ID, "Fan Club")
    guild.add_channel(CHANNEL_ID, "general")
    guild.add_channel(NEWS_CHANNEL_ID, "news")
    guild.add_role(ROLE_ID, "Mods")
    guild.add_member(USER_ID, "alice")
    guild.add_member(ADMIN_ID, "boss", permissions=MANAGE_GUILD, roles=[ROLE_ID])


@pytest_asyncio.fixture
async def bot(fake_discord: FakeDiscord) -> AsyncIterator[FakeBot]:
    build_world(fake_discord)
    client = FakeBot()
    async with run_bot(client, fake_discord):
        yield client
        fake_discord.assert_bot_alive()


def is_dispatch(name: str) -> Any:
    return lambda e: e.kind == "dispatch" and e.data["t"] == name


async def invoke(fake: FakeDiscord, name: str, options: Any = None, user: int = USER_ID) -> Any:
    return await fake.invoke(
        name, options, guild_id=GUILD_ID, channel_id=CHANNEL_ID, user_id=user, timeout=5
    )


# login, READY, GUILD_CREATE


async def test_login_ready_and_guild_cache(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    guild = bot.get_guild(GUILD_ID)
    assert guild is not None and guild.name == "Fan Club"
    assert guild.get_channel(CHANNEL_ID) is not None
    assert guild.get_role(ROLE_ID) is not None
    assert guild.me is not None and bot.user is not None and bot.user.id == fake_discord.bot_user_id
    assert bot.application_id == fake_discord.application_id
    assert fake_discord.identify_count == 1
    connect = await fake_discord.wait_for(lambda e: e.kind == "ws_connect", timeout=1)
    assert connect.data["compress"] == discord.utils._ActiveDecompressionContext.COMPRESSION_TYPE
    await fake_discord.wait_for(lambda e: e.kind == "heartbeat_ack", timeout=2)


async def test_bad_token_is_a_login_failure(fake_discord: FakeDiscord) -> None:
    with pytest.raises(discord.LoginFailure):
        async with run_bot(FakeBot(), fake_discord, token="not-the-token"):
            pass
    assert fake_discord.requests[0].status == 401


async def test_members_intent_chunks_guild(fake_discord: FakeDiscord) -> None:
    build_world(fake_discord)
    client = FakeBot(members=True)
    async with run_bot(client, fake_discord):
        await fake_discord.wait_for(lambda e: e.kind == "request_guild_members", timeout=2)
        guild = client.get_guild(GUILD_ID)
        assert guild is not None and guild.get_member(ADMIN_ID) is not None
        member = guild.get_member(ADMIN_ID)
        assert member is not None and [r.id for r in member.roles[1:]] == [ROLE_ID]


# command sync and interactions


async def test_sync_global_and_guild(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    synced = await bot.tree.sync()
    names = sorted(c["name"] for c in fake_discord.synced_commands[None])
    assert names == ["announce", "fruit", "ping", "slow", "think", "where"]
    assert {c.name for c in synced} == set(names)
    bot.tree.copy_global_to(guild=discord.Object(GUILD_ID))
    await bot.tree.sync(guild=discord.Object(GUILD_ID))
    guild_cmds = fake_discord.synced_commands[GUILD_ID]
    assert len(guild_cmds) == 6 and all(c["guild_id"] == str(GUILD_ID) for c in guild_cmds)
    # With synced commands, dict options get their types from the synced schema.
    result = await invoke(fake_discord, "where", {"channel": NEWS_CHANNEL_ID, "role": ROLE_ID})
    assert result.content == "news Mods manage=False"
    sent = await fake_discord.wait_for(lambda e: e.kind == "interaction_create", timeout=1)
    where_id = next(c["id"] for c in guild_cmds if c["name"] == "where")
    assert sent.data["payload"]["data"]["id"] == where_id


async def test_sync_rejects_invalid_names(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    assert bot.application_id is not None
    bad = [{"name": "Bad Name", "description": "x", "type": 1}]
    with pytest.raises(discord.HTTPException) as info:
        await bot.http.bulk_upsert_global_commands(bot.application_id, bad)
    assert info.value.status == 400 and info.value.code == 50035


async def test_ping_replies_ephemerally(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    result = await invoke(fake_discord, "ping", {"text": "hi"})
    assert result.content == "pong hi"
    assert result.ephemeral and not result.deferred
    assert result.raw_callbacks[0]["type"] == 4


async def test_ping_in_a_dm(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    dm_id = 900000000000000099
    result = await fake_discord.invoke(
        "ping", {"text": "dm"}, guild_id=None, channel_id=dm_id, user_id=USER_ID, timeout=5
    )
    assert result.content == "pong dm"


async def test_autocomplete_returns_choices(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    choices = await fake_discord.autocomplete(
        "fruit",
        [{"name": "name", "type": 3, "value": "ap", "focused": True}],
        guild_id=GUILD_ID,
        channel_id=CHANNEL_ID,
        user_id=USER_ID,
        timeout=5,
    )
    assert [c["value"] for c in choices] == ["apple", "apricot"]


async def test_defer_then_followup(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    result = await invoke(fake_discord, "slow")
    assert result.deferred
    assert result.content == "done thinking"
    assert len(result.followups) == 1 and not result.ephemeral


async def test_defer_then_edit_original(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    result = await invoke(fake_discord, "think")
    assert result.deferred and result.ephemeral
    assert result.content == "thought" and result.followups == []
    assert result.original is not None and not int(result.original["flags"]) & 128


async def test_channel_and_role_options_resolve(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    options = [
        {"name": "channel", "type": 7, "value": NEWS_CHANNEL_ID},
        {"name": "role", "type": 8, "value": ROLE_ID},
    ]
    result = await invoke(fake_discord, "where", options, user=ADMIN_ID)
    assert result.content == "news Mods manage=True"


# channel messages


async def test_channel_post_lands_in_messages(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    result = await invoke(fake_discord, "announce", {"text": f"hello <@{USER_ID}>"})
    [msg] = fake_discord.messages[NEWS_CHANNEL_ID]
    assert result.content == f"posted {msg['id']}"
    assert msg["content"] == f"hello <@{USER_ID}>"
    assert msg["allowed_mentions"] == {"parse": []} and msg["mentions"] == []
    assert msg["nonce"] is not None


async def test_same_nonce_twice_makes_one_message(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    first = await invoke(fake_discord, "announce", {"text": "once", "key": "nonce-1"})
    second = await invoke(fake_discord, "announce", {"text": "once", "key": "nonce-1"})
    assert len(fake_discord.messages[NEWS_CHANNEL_ID]) == 1
    assert first.content == second.content


async def test_a_nonce_is_forgotten_after_the_window(fake_discord: FakeDiscord,
                                                     bot: FakeBot) -> None:
    await invoke(fake_discord, "announce", {"text": "once", "key": "nonce-2"})
    [first] = fake_discord.messages[NEWS_CHANNEL_ID]
    # As if the window had passed since the first message was created.
    fake_discord.nonce_times[first["id"]] -= fake_discord.nonce_window + 1
    await invoke(fake_discord, "announce", {"text": "once", "key": "nonce-2"})
    assert len(fake_discord.messages[NEWS_CHANNEL_ID]) == 2
    posts = fake_discord.message_posts()
    assert [p.json["nonce"] for p in posts] == ["nonce-2", "nonce-2"]
    assert posts[0].at <= posts[1].at


async def test_every_post_is_counted_and_can_be_delayed(fake_discord: FakeDiscord,
                                                        bot: FakeBot) -> None:
    path = f"/channels/{NEWS_CHANNEL_ID}/messages"
    fake_discord.inject_delay("POST", path, 0.05, upto=0.1, count=1)
    fake_discord.inject_429("POST", path, retry_after=0.1)
    await invoke(fake_discord, "announce", {"text": "once", "key": "nonce-3"})
    await invoke(fake_discord, "announce", {"text": "once", "key": "nonce-3"})
    assert len(fake_discord.messages[NEWS_CHANNEL_ID]) == 1  # the repeat came within the window
    assert [p.status for p in fake_discord.message_posts()] == [429, 200, 200]
    assert fake_discord.take_delay("POST", path) == 0.0  # the one delay was used


async def test_429_with_via_is_retried(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    path = f"/channels/{NEWS_CHANNEL_ID}/messages"
    fake_discord.inject_429("POST", path, retry_after=0.2)
    result = await invoke(fake_discord, "announce", {"text": "slowly"})
    assert result.content is not None and result.content.startswith("posted")
    posts = [r for r in fake_discord.requests if r.method == "POST" and r.path == path]
    assert [r.status for r in posts] == [429, 200]
    assert len(fake_discord.messages[NEWS_CHANNEL_ID]) == 1


async def test_message_over_2000_chars_is_rejected(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    result = await invoke(fake_discord, "announce", {"text": "x" * 2001})
    assert result.content == "error 400 50035"
    assert not fake_discord.messages.get(NEWS_CHANNEL_ID)


async def test_edit_history_and_delete(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    channel = bot.get_channel(CHANNEL_ID)
    assert isinstance(channel, discord.TextChannel)
    first = await channel.send("one")
    second = await channel.send("two")
    edited = await first.edit(content="uno")
    assert edited.content == "uno" and edited.edited_at is not None
    assert [m.content async for m in channel.history(limit=10)] == ["two", "uno"]
    await second.delete()
    assert [m["content"] for m in fake_discord.messages[CHANNEL_ID]] == ["uno"]


@pytest.mark.parametrize(
    "embed",
    [
        discord.Embed(title="t" * 257),
        discord.Embed(description="d" * 4097),
        discord.Embed(title="fields").add_field(name="n", value="v" * 1025),
        discord.Embed(title="many", description="d" * 4000).set_footer(text="f" * 2001),
        discord.Embed(title="link", url="https://news.example/" + "u" * 2048),
    ],
    ids=["title", "description", "field-value", "total-6000", "url-2048"],
)
async def test_embed_limits(fake_discord: FakeDiscord, bot: FakeBot, embed: discord.Embed) -> None:
    channel = bot.get_channel(CHANNEL_ID)
    assert isinstance(channel, discord.TextChannel)
    with pytest.raises(discord.HTTPException) as info:
        await channel.send(embed=embed)
    assert info.value.status == 400 and info.value.code == 50035


async def test_dm_file_upload_and_injected_403(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    dm = await bot.create_dm(discord.Object(USER_ID))
    assert fake_discord.dm_channels[USER_ID] == dm.id
    await dm.send("hi", file=discord.File(io.BytesIO(b"abc"), "note.txt"))
    [msg] = fake_discord.messages[dm.id]
    [attachment] = msg["attachments"]
    assert attachment["filename"] == "note.txt"
    assert fake_discord.attachments_data[int(attachment["id"])] == b"abc"
    fake_discord.inject_status("POST", rf"/channels/{dm.id}/messages", 403)
    with pytest.raises(discord.Forbidden) as info:
        await dm.send("again")
    assert info.value.code == 50013


async def test_unknown_route_is_recorded(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    route = discord.http.Route("GET", "/guilds/{guild_id}/bans", guild_id=GUILD_ID)
    with pytest.raises(discord.NotFound):
        await bot.http.request(route)
    assert fake_discord.unknown_routes == [f"GET /guilds/{GUILD_ID}/bans"]
    fake_discord.unknown_routes.clear()  # expected here; the fixture fails on leftovers


# gateway resilience


async def test_reconnect_resumes(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    await fake_discord.reconnect()
    await fake_discord.wait_for(is_dispatch("RESUMED"), timeout=5)
    assert fake_discord.resume_count == 1 and fake_discord.identify_count == 1
    result = await invoke(fake_discord, "ping", {"text": "again"})
    assert result.content == "pong again"


async def test_close_4000_resumes(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    await fake_discord.close_sockets(4000)
    await fake_discord.wait_for(is_dispatch("RESUMED"), timeout=5)
    assert fake_discord.resume_count == 1
    assert (await invoke(fake_discord, "ping", {"text": "x"})).content == "pong x"


async def test_invalid_session_reidentifies(fake_discord: FakeDiscord, bot: FakeBot) -> None:
    mark = fake_discord.mark()
    await fake_discord.invalidate_session(resumable=False)
    await fake_discord.wait_for(lambda e: e.kind == "identify", timeout=5, since=mark)
    await fake_discord.wait_for(is_dispatch("GUILD_CREATE"), timeout=5, since=mark)
    assert fake_discord.identify_count == 2 and fake_discord.resume_count == 0
    assert (await invoke(fake_discord, "ping", {"text": "new"})).content == "pong new"


async def test_zombie_connection_resumes(fake_discord: FakeDiscord) -> None:
    build_world(fake_discord)
    client = FakeBot(heartbeat_timeout=1.0)
    async with run_bot(client, fake_discord):
        fake_discord.heartbeat_acks = False
        await fake_discord.wait_for(is_dispatch("RESUMED"), timeout=5)
        fake_discord.heartbeat_acks = True
        assert (await invoke(fake_discord, "ping", {"text": "z"})).content == "pong z"
        fake_discord.assert_bot_alive()


# the wire protocol without discord.py


async def _receive(ws: aiohttp.ClientWebSocketResponse, inflator: Any) -> dict[str, Any]:
    """One gateway payload: binary frames when compressed, text frames otherwise."""
    msg = await ws.receive(timeout=2)
    if inflator is None:
        assert msg.type is aiohttp.WSMsgType.TEXT
        text: dict[str, Any] = json.loads(msg.data)
        return text
    assert msg.type is aiohttp.WSMsgType.BINARY
    data: dict[str, Any] = json.loads(inflator.decompress(msg.data))
    return data


def _inflator(compress: str | None) -> Any:
    if compress == "zstd-stream":
        zstandard = pytest.importorskip("zstandard")  # discord.py asks for zstd only if importable
        return zstandard.ZstdDecompressor().decompressobj()
    return zlib.decompressobj() if compress == "zlib-stream" else None


@pytest.mark.parametrize("compress", ["zlib-stream", "zstd-stream", None])
async def test_raw_gateway_protocol(fake_discord: FakeDiscord, compress: str | None) -> None:
    inflator = _inflator(compress)
    build_world(fake_discord)
    url = fake_discord.gateway_url + "?v=10&encoding=json"
    if compress is not None:
        url += f"&compress={compress}"
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
        hello = await _receive(ws, inflator)
        assert hello["op"] == 10 and hello["d"]["heartbeat_interval"] == 500
        await ws.send_json({"op": 1, "d": None})
        assert (await _receive(ws, inflator))["op"] == 11
        await ws.send_json({"op": 2, "d": {"token": fake_discord.token, "intents": 1}})
        ready = await _receive(ws, inflator)
        assert ready["t"] == "READY" and ready["s"] == 1
        assert ready["d"]["resume_gateway_url"].endswith("/resume")
        guild = await _receive(ws, inflator)
        assert guild["t"] == "GUILD_CREATE" and guild["d"]["id"] == str(GUILD_ID)
        resume = {"token": fake_discord.token, "session_id": "nope", "seq": 1}
        await ws.send_json({"op": 6, "d": resume})
        assert await _receive(ws, inflator) == {"op": 9, "d": False, "s": None, "t": None}


async def test_rest_replies_are_exact_json(fake_discord: FakeDiscord) -> None:
    headers = {"Authorization": f"Bot {fake_discord.token}"}
    async with (
        aiohttp.ClientSession() as session,
        session.get(fake_discord.api_url + "/gateway/bot", headers=headers) as resp,
    ):
        assert resp.headers["Content-Type"] == "application/json"
        assert "X-RateLimit-Bucket" in resp.headers
        body = await resp.json()
    assert body["url"] == fake_discord.gateway_url and body["shards"] == 1


async def test_wait_for_sees_past_and_future_events(fake_discord: FakeDiscord) -> None:
    fake_discord.events.emit("custom", {"n": 1})
    past = await fake_discord.wait_for(lambda e: e.kind == "custom", timeout=1)
    assert past.data == {"n": 1}
    with pytest.raises(TimeoutError):
        await fake_discord.wait_for(lambda e: e.kind == "never", timeout=0.05)

    def later(e: Event) -> bool:
        return e.kind == "custom" and e.data["n"] == 2

    mark = fake_discord.mark()
    fake_discord.events.emit("custom", {"n": 2})
    assert (await fake_discord.wait_for(later, timeout=1, since=mark)).index == mark
