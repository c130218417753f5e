"""The command tree's error handler: every failure becomes an ephemeral reply."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

from bot.errors import UserError, report_unexpected
from bot.logs import redact
from bot.text import reply

log = logging.getLogger(__name__)


def message_for(error: app_commands.AppCommandError, context: str) -> str:
    """What to tell the user about a failed command (and log it when it is our fault)."""
    original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    if isinstance(original, UserError):
        return original.message
    if isinstance(original, app_commands.NoPrivateMessage):
        return "This command only works inside a server, not in direct messages."
    if isinstance(original, app_commands.MissingPermissions):
        return "Only moderators can do that: it needs the Manage Server permission."
    if isinstance(original, app_commands.TransformerError):
        return f"'{original.value}' is not a valid value for that option."
    if isinstance(original, app_commands.CheckFailure):
        return "You can't use this command here."
    return report_unexpected(log, original, context)


class FanzineTree(app_commands.CommandTree[Any]):
    """The command tree, whose error handler answers every failure ephemerally."""

    async def on_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        await reply_with_error(interaction, error)


async def reply_with_error(
    interaction: discord.Interaction[Any], error: app_commands.AppCommandError
) -> None:
    name = interaction.command.qualified_name if interaction.command else "unknown command"
    await send_privately(interaction, message_for(error, f"/{name}"), f"/{name}")


async def send_privately(interaction: discord.Interaction[Any], text: str, context: str) -> None:
    """An error reply only the user sees, whether or not the interaction was answered yet
    (redacted, within Discord's 2,000 characters); a reply that cannot be sent is logged."""
    text = reply(redact(text))
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not deliver the error reply for %s", context, exc_info=True)
