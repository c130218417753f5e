"""The fake Discord's message components: buttons kept and checked as Discord checks them, and
clicks (INTERACTION_CREATE type 3) answered with 4, 5, 6 or 7 within the 3-second deadline."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import discord
import pytest
import pytest_asyncio
from discord import app_commands
from discord.ext import commands

from tests.fake_discord import FakeDiscord, MissedDeadline
from tests.fake_discord.fixtures import run_bot
from tests.fake_discord.server import NoSuchButton, buttons_of

pytest_plugins = ["tests.fake_discord.fixtures"]

GUILD_ID = 920000000000000001
CHANNEL_ID = 920000000000000010
ALICE, BOB = 920000000000000030, 920000000000000031


class Panel(discord.ui.View):
    """Buttons answering each way a click can be answered."""

    def __init__(self, bot: PanelBot) -> None:
        super().__init__(timeout=None)
        self.bot = bot
        self.add_item(discord.ui.Button(label="Docs", url="https://docs.example/panel"))

    @discord.ui.button(label="Next", custom_id="panel:next")
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        self.bot.clicks.append(interaction)
        button.disabled = True
        await interaction.response.edit_message(content="page 2", view=self)  # type 7

    @discord.ui.button(label="Later", custom_id="panel:later")
    async def later(self, interaction: discord.Interaction, _: discord.ui.Button[Any]) -> None:
        await interaction.response.defer()  # type 6 on a component
        await interaction.edit_original_response(content="changed later", view=None)

    @discord.ui.button(label="Aside", custom_id="panel:aside")
    async def aside(self, interaction: discord.Interaction, _: discord.ui.Button[Any]) -> None:
        await interaction.response.defer()  # type 6, then a new message
        await interaction.followup.send("said aside", ephemeral=True)

    @discord.ui.button(label="Hello", custom_id="panel:hello")
    async def hello(self, interaction: discord.Interaction, _: discord.ui.Button[Any]) -> None:
        await interaction.response.send_message(f"hello {interaction.user.id}", ephemeral=True)

    @discord.ui.button(label="Slow", custom_id="panel:slow")
    async def slow(self, interaction: discord.Interaction, _: discord.ui.Button[Any]) -> None:
        await self.bot.gate.wait()
        try:
            await interaction.response.send_message("too late")
        except discord.HTTPException as exc:
            self.bot.errors.append(exc)


class PanelBot(commands.Bot):
    def __init__(self) -> None:
        super().__init__(command_prefix="!", intents=discord.Intents(guilds=True),
                         guild_ready_timeout=0.2, heartbeat_timeout=3.0)
        self.clicks: list[discord.Interaction] = []
        self.errors: list[discord.HTTPException] = []
        self.gate = asyncio.Event()

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None

    async def setup_hook(self) -> None:
        tree: app_commands.CommandTree[Any] = self.tree
        self.add_view(Panel(self))  # custom ids that outlive any one message

        @tree.command(name="panel", description="A message with buttons")
        async def panel(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("page 1", view=Panel(self), ephemeral=True)

        @tree.command(name="plain", description="A command answered without buttons")
        async def plain(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("no buttons")


@pytest_asyncio.fixture
async def bot(fake_discord: FakeDiscord) -> AsyncIterator[PanelBot]:
    guild = fake_discord.add_guild(GUILD_ID, "Button Club")
    guild.add_channel(CHANNEL_ID, "general")
    guild.add_member(ALICE, "alice")
    guild.add_member(BOB, "bob")
    client = PanelBot()
    async with run_bot(client, fake_discord):
        yield client
        fake_discord.assert_bot_alive()


async def panel(fake: FakeDiscord) -> dict[str, Any]:
    result = await fake.invoke("panel", guild_id=GUILD_ID, channel_id=CHANNEL_ID, user_id=ALICE)
    assert result.original is not None
    return result.original


async def test_a_message_keeps_its_buttons(fake_discord: FakeDiscord, bot: PanelBot) -> None:
    message = await panel(fake_discord)
    shown = {b.get("custom_id") or b["url"] for b in buttons_of(message)}
    assert shown == {"panel:next", "panel:later", "panel:aside", "panel:hello", "panel:slow",
                     "https://docs.example/panel"}


async def test_update_message_edits_the_button_s_message(fake_discord: FakeDiscord,
                                                        bot: PanelBot) -> None:
    message = await panel(fake_discord)
    result = await fake_discord.click(message, "panel:next", user_id=BOB)
    assert [c["type"] for c in result.raw_callbacks] == [7]
    assert message["content"] == result.content == "page 2"
    [click] = bot.clicks
    # What the bot was told: a button (component type 2) on that message, clicked by Bob.
    assert click.type is discord.InteractionType.component and click.user.id == BOB
    assert click.data == {"custom_id": "panel:next", "component_type": 2}
    assert click.message is not None and str(click.message.id) == message["id"]
    assert click.guild_id == GUILD_ID
    with pytest.raises(NoSuchButton, match="disabled"):  # the handler disabled it
        await fake_discord.click(message, "panel:next", user_id=BOB)


async def test_a_deferred_update_ends_with_the_edit(fake_discord: FakeDiscord,
                                                   bot: PanelBot) -> None:
    message = await panel(fake_discord)
    result = await fake_discord.click(message, "panel:later", user_id=ALICE)
    assert [c["type"] for c in result.raw_callbacks] == [6]
    assert message["content"] == "changed later" and message["components"] == []


async def test_a_deferred_update_may_end_with_a_followup(fake_discord: FakeDiscord,
                                                         bot: PanelBot) -> None:
    message = await panel(fake_discord)
    result = await fake_discord.click(message, "panel:aside", user_id=ALICE)
    assert [c["type"] for c in result.raw_callbacks] == [6]
    assert result.content == "said aside" and result.ephemeral
    assert message["content"] == "page 1"  # not replaced, as a loading message would be


async def test_a_click_answered_with_a_new_message(fake_discord: FakeDiscord,
                                                   bot: PanelBot) -> None:
    message = await panel(fake_discord)
    result = await fake_discord.click(message, "panel:hello", user_id=BOB)
    assert result.content == f"hello {BOB}" and result.ephemeral
    assert message["content"] == "page 1"  # the button's message is untouched


async def test_only_buttons_on_the_message_can_be_clicked(fake_discord: FakeDiscord,
                                                          bot: PanelBot) -> None:
    message = await panel(fake_discord)
    with pytest.raises(NoSuchButton, match="no button 'panel:gone'"):
        await fake_discord.click(message, "panel:gone", user_id=ALICE)
    plain = await fake_discord.invoke("plain", guild_id=GUILD_ID, channel_id=CHANNEL_ID,
                                      user_id=ALICE)
    assert plain.original is not None
    with pytest.raises(NoSuchButton):
        await fake_discord.click(plain.original, "panel:next", user_id=ALICE)


async def test_a_click_has_the_same_3_second_deadline(fake_discord: FakeDiscord,
                                                      bot: PanelBot) -> None:
    message = await panel(fake_discord)
    since = fake_discord.mark()
    clicking = asyncio.create_task(fake_discord.click(message, "panel:slow", user_id=ALICE))
    event = await fake_discord.wait_for(lambda e: e.kind == "interaction_create", since=since)
    record = fake_discord.interactions[event.data["interaction_id"]]
    record.dispatched_at -= 4.0  # as if the handler had taken 4 s
    bot.gate.set()
    with pytest.raises(MissedDeadline):
        await clicking
    [error] = bot.errors
    assert (error.status, error.code) == (404, 10062)
    assert fake_discord.missed_deadlines == [record]
    fake_discord.missed_deadlines.clear()


def button(custom_id: str | None = "b", **extra: Any) -> dict[str, Any]:
    made: dict[str, Any] = {"type": 2, "style": 1, "label": "Go", **extra}
    if custom_id is not None:
        made["custom_id"] = custom_id
    return made


def row(*buttons: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": list(buttons)}


@pytest.mark.parametrize(("components", "where"), [
    ([row(button(f"b{i}")) for i in range(6)], ["components", "_errors"]),
    ([row(*(button(f"b{i}") for i in range(6)))], ["components", "0", "components", "_errors"]),
    ([row(button("x" * 101))], ["components", "0", "components", "0", "custom_id"]),
    ([row(button("same")), row(button("same"))], ["components", "1", "components", "0",
                                                   "custom_id"]),
    ([row(button(label="L" * 81))], ["components", "0", "components", "0", "label"]),
    ([row(button(None))], ["components", "0", "components", "0", "custom_id"]),
    ([row(button("link", style=5, url="https://docs.example/"))],
     ["components", "0", "components", "0", "custom_id"]),
    ([row(button(None, style=5))], ["components", "0", "components", "0", "url"]),
    ([button("loose")], ["components", "0", "type"]),
], ids=["6-rows", "6-in-a-row", "long-id", "duplicate-id", "long-label", "no-id",
        "link-with-id", "link-without-url", "button-outside-a-row"])
async def test_components_beyond_discord_s_limits_are_refused(
    fake_discord: FakeDiscord, components: list[dict[str, Any]], where: list[str],
) -> None:
    fake_discord.add_guild(GUILD_ID).add_channel(CHANNEL_ID, "general")
    headers = {"Authorization": f"Bot {fake_discord.token}"}
    url = f"{fake_discord.api_url}/channels/{CHANNEL_ID}/messages"
    async with (aiohttp.ClientSession() as session,
                session.post(url, json={"content": "hi", "components": components},
                             headers=headers) as resp):
        body = await resp.json()
    assert resp.status == 400
    assert (body["code"], body["message"]) == (50035, "Invalid Form Body")
    found: Any = body["errors"]
    for key in where:
        found = found[key]
    assert found
    assert fake_discord.messages.get(CHANNEL_ID, []) == []


async def test_components_within_the_limits_are_kept(fake_discord: FakeDiscord) -> None:
    fake_discord.add_guild(GUILD_ID).add_channel(CHANNEL_ID, "general")
    rows = [row(*(button(f"r{r}b{b}", label="L" * 80) for b in range(5))) for r in range(4)]
    rows.append(row(button("x" * 100), button(None, style=5, url="https://docs.example/")))
    headers = {"Authorization": f"Bot {fake_discord.token}"}
    url = f"{fake_discord.api_url}/channels/{CHANNEL_ID}/messages"
    async with (aiohttp.ClientSession() as session,
                session.post(url, json={"components": rows}, headers=headers) as resp):
        assert resp.status == 200, await resp.text()
    [message] = fake_discord.messages[CHANNEL_ID]
    assert len(buttons_of(message)) == 22


async def test_update_types_need_a_component(fake_discord: FakeDiscord) -> None:
    # A slash command cannot be answered with UPDATE_MESSAGE: there is no message to update.
    fake_discord.add_guild(GUILD_ID).add_channel(CHANNEL_ID, "general")
    client = commands.Bot(command_prefix="!", intents=discord.Intents(guilds=True),
                          guild_ready_timeout=0.2)
    refused: list[discord.HTTPException] = []

    @client.tree.command(name="wrong", description="Answers a command as if it were a click")
    async def wrong(interaction: discord.Interaction) -> None:
        route = discord.http.Route("POST", "/interactions/{id}/{token}/callback",
                                   id=interaction.id, token=interaction.token)
        try:
            await client.http.request(route, json={"type": 7, "data": {"content": "x"}})
        except discord.HTTPException as exc:
            refused.append(exc)
        await interaction.response.send_message("answered properly")

    fake_discord.guilds[GUILD_ID].add_member(ALICE, "alice")
    async with run_bot(client, fake_discord):
        result = await fake_discord.invoke("wrong", guild_id=GUILD_ID, channel_id=CHANNEL_ID,
                                           user_id=ALICE)
    assert result.content == "answered properly"
    [error] = refused
    assert (error.status, error.code) == (400, 50035)
