"""Discord app commands made from the declarations in `bot.commands`: options, limits, choices,
autocomplete, permissions and deferral as declared; the reply rendered by `replies`."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Coroutine
from typing import Any, Optional

import discord
from discord import app_commands

from bot.app import App
from bot.commands.catalogue import COMMANDS
from bot.commands.spec import Args, ArgValue, CommandSpec, GroupSpec, Invocation, Kind, Option
from bot.commands.suggest import suggestions
from bot.discord_app.actors import actor_for
from bot.discord_app.checks import (
    require_mentioning,
    require_posting,
    require_role_management,
)
from bot.discord_app.replies import send_reply
from bot.discord_app.roles import DiscordRoles

BotCheck = Callable[[App, discord.Interaction, dict[str, Any]], Coroutine[Any, Any, None]]
Callback = Callable[..., Coroutine[Any, Any, None]]
Suggest = Callable[[discord.Interaction, str], Coroutine[Any, Any, list[app_commands.Choice[str]]]]
log = logging.getLogger(__name__)
_TYPES: dict[Kind, Any] = {Kind.TEXT: str, Kind.INTEGER: int, Kind.BOOLEAN: bool,
                           Kind.CHANNEL: discord.TextChannel, Kind.ROLE: discord.Role}


def declared_commands(app: App) -> list[app_commands.Command[Any, ..., None] | app_commands.Group]:
    """The app commands of every declaration, groups gathered."""
    made: list[app_commands.Command[Any, ..., None] | app_commands.Group] = []
    groups: dict[str, app_commands.Group] = {}
    for spec in COMMANDS:
        command = app_command(spec, app)
        if spec.group is None:
            made.append(command)
            continue
        if spec.group.name not in groups:
            groups[spec.group.name] = _group(spec.group)
            made.append(groups[spec.group.name])
        groups[spec.group.name].add_command(command)
    return made


def _group(group: GroupSpec) -> app_commands.Group:
    # guild_only alone leaves the payload's contexts out: the context says it to Discord.
    return app_commands.Group(
        name=group.name, description=group.description, guild_only=group.guild_only,
        allowed_contexts=app_commands.AppCommandContext(guild=True) if group.guild_only else None,
        default_permissions=discord.Permissions(manage_guild=True) if group.moderator else None)


def app_command(spec: CommandSpec, app: App) -> app_commands.Command[Any, ..., None]:
    """One declaration as a discord.py command: its callback's signature carries the options,
    the way discord.py reads them."""
    callback = _callback(spec, app)
    options = spec.discord_options()
    if options:
        callback = app_commands.describe(**{o.name: o.description for o in options})(callback)
    choices = {o.name: [app_commands.Choice(name=label, value=value) for label, value in o.choices]
               for o in options if o.choices}
    if choices:
        callback = app_commands.choices(**choices)(callback)
    if spec.guild_only:
        callback = app_commands.guild_only()(callback)
    if spec.moderator:
        callback = app_commands.default_permissions(manage_guild=True)(callback)
    command: app_commands.Command[Any, ..., None] = app_commands.Command(
        name=spec.name, description=spec.description, callback=callback)
    for option in options:
        if option.complete is not None:
            command.autocomplete(option.name)(_autocomplete(option, app))
    return command


def _callback(spec: CommandSpec, app: App) -> Callback:
    handler = spec.handler

    async def callback(interaction: discord.Interaction, **given: Any) -> None:
        args = Args({name: _value(v) for name, v in given.items() if v is not None})
        if spec.check is not None:
            spec.check(args)  # refused before deferring: the refusal stays private
        if spec.defers:
            await interaction.response.defer(ephemeral=spec.ephemeral, thinking=True)
        try:
            await _check_the_bot(spec, interaction, given)
            if spec.qualified in BOT_CHECKS:
                await BOT_CHECKS[spec.qualified](app, interaction, given)
            reply = await handler(Invocation(app, actor_for(interaction), args,
                                             roles=DiscordRoles(interaction.client),
                                             confirms=True))
        except Exception:
            if spec.defers and not spec.ephemeral:
                await _withdraw_public_defer(interaction)
            raise  # the tree's error handler answers it privately
        await send_reply(interaction, reply, ephemeral=spec.ephemeral)

    parameters = [inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                    annotation=discord.Interaction)]
    # Required options first, as a signature (and Discord) needs them.
    for option in sorted(spec.discord_options(), key=lambda o: not o.required):
        parameters.append(inspect.Parameter(
            option.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=_annotation(option),
            default=inspect.Parameter.empty if option.required else option.default))
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    callback.__name__ = callback.__qualname__ = spec.qualified.replace(" ", "_")
    return callback


async def _withdraw_public_defer(interaction: discord.Interaction) -> None:
    """Delete a public command's "thinking…" message before its refusal is sent: the first
    followup after a defer would replace that message and stay public, whereas a followup
    after the deletion is a message of its own that can be ephemeral (`/artist` of an unknown
    name is told only to whoever asked, as before the command deferred)."""
    try:
        await interaction.delete_original_response()
    except discord.HTTPException:  # already gone: the refusal still follows, privately
        log.debug("could not delete the deferred response", exc_info=True)


def _annotation(option: Option) -> Any:
    base = _TYPES[option.kind]
    if option.kind in (Kind.TEXT, Kind.INTEGER) and (option.low, option.high) != (None, None):
        base = app_commands.Range[base, option.low, option.high]
    return base if option.required or option.default is not None else Optional[base]  # noqa: UP045


def _value(given: Any) -> ArgValue:
    """An option as the handlers take it: a channel or a role by its id."""
    if isinstance(given, str | int):  # bool is an int
        return given
    return int(given.id)


async def _check_the_bot(spec: CommandSpec, interaction: discord.Interaction,
                         given: dict[str, Any]) -> None:
    """The bot's own permissions where a command points it, refused before anything is saved."""
    for option in spec.discord_options():
        value = given.get(option.name)
        if value is None:
            continue
        if option.bot_posts:
            await require_posting(interaction.client, value.id)
        if option.posts_here is not None and value == option.posts_here \
                and interaction.channel_id is not None:
            await require_posting(interaction.client, interaction.channel_id)
        if option.mentioned_in is not None and given.get(option.mentioned_in) is not None:
            await require_mentioning(interaction.client, given[option.mentioned_in].id, value)


async def _ping_role(app: App, interaction: discord.Interaction, given: dict[str, Any]) -> None:
    """`/setup ping_role`: the bot must manage the role and mention it where announcements go
    (the channel given with it, else the one already set)."""
    role = given.get("ping_role")
    if role is None:
        return
    require_role_management(role)
    channel = given.get("announce_channel")
    announce = channel.id if channel is not None else \
        (await app.guilds.get(interaction.guild_id or 0)).announce_channel
    if announce is not None:
        await require_mentioning(interaction.client, announce, role)


# Checks of the bot's own permissions that need more than an option's flags, by command.
BOT_CHECKS: dict[str, BotCheck] = {"setup": _ping_role}


def _autocomplete(option: Option, app: App) -> Suggest:
    source = option.complete
    assert source is not None

    async def complete(interaction: discord.Interaction,
                       current: str) -> list[app_commands.Choice[str]]:
        found = await suggestions(app, actor_for(interaction), source, current)
        return [app_commands.Choice(name=label, value=value) for label, value in found]

    return complete
