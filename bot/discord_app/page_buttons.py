"""Page buttons that outlive the bot: a click no live pager takes reads the pages again."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.app import App
from bot.commands.catalogue import COMMANDS
from bot.commands.spec import Args, ArgValue, Invocation
from bot.discord_app.actors import actor_for
from bot.discord_app.buttons import app_of, fail_privately
from bot.discord_app.page_keys import TEMPLATE, PageKey, parse
from bot.discord_app.paging import NOT_YOURS, Pager, live_pagers
from bot.discord_app.replies import Paged, reply_pages
from bot.discord_app.roles import DiscordRoles
from bot.errors import UserError
from bot.facts.name_search import names


def too_old(command: str) -> str:
    return f"These pages are more than a day old: run /{command} again for fresh ones."


class PageButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=TEMPLATE):
    """Previous or Next on pages whose pager this process does not hold (the bot restarted, or
    the time-out could not take the buttons away): the asker's command is read again and the
    page the button names is shown, with a live pager again."""

    def __init__(self, key: PageKey, page: int) -> None:
        super().__init__(discord.ui.Button(label="Next ▶", custom_id=key.custom_id(page)))
        self.key, self.page = key, page

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any],
                             item: discord.ui.Item[Any], match: re.Match[str], /,
                             ) -> PageButton:
        return cls(*parse(match))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        live = live_pagers(interaction.client)
        if live is not None and live.holds(self.key):
            return  # the pager itself turns the page (it gets this click too)
        if interaction.user.id != self.key.owner:
            await interaction.response.send_message(NOT_YOURS, ephemeral=True)
            return
        if self.key.too_old(interaction.created_at.timestamp()):
            await interaction.response.send_message(too_old(self.key.command), ephemeral=True)
            return
        try:
            await interaction.response.defer()  # the page itself becomes the answer
            pages = reply_pages(await read_again(app_of(interaction), interaction, self.key))
            pager = Pager(pages, self.key.owner, start=self.page, key=self.key) \
                if len(pages) > 1 else None
            page = pages[pager.index if pager is not None else 0]
            await interaction.edit_original_response(content=page.content, embed=page.embed,
                                                     view=pager)
            if pager is not None:
                pager.origin = interaction
                pager.hold(live)
        except Exception as exc:  # every failure is answered, privately
            await fail_privately(interaction, exc, "a page button")


async def read_again(app: App, interaction: discord.Interaction[Any], key: PageKey) -> Paged:
    """The key's command run again for the asker, as if typed: the same checks, fresh data."""
    spec = next(s for s in COMMANDS if s.qualified == key.command)
    values: dict[str, ArgValue] = {}
    if key.code == "up":
        values["days"] = key.arg
    elif key.code in ("ar", "re"):  # a card: its entity's name finds it again
        name = (await names(app.db, [key.arg])).get(key.arg)
        if name is None:
            raise UserError(f"That card is gone; run /{key.command} again.")
        values[spec.discord_options()[0].name] = name
    answer = await spec.handler(Invocation(app, actor_for(interaction), Args(values),
                                           roles=DiscordRoles(interaction.client),
                                           confirms=True))
    if not isinstance(answer, Paged):
        raise TypeError(f"/{key.command} answered {type(answer).__name__}, not pages")
    return answer
