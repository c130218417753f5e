"""Discord embeds for the core's answers, cut to Discord's limits."""

from __future__ import annotations

import discord

from bot.about import About
from bot.guilds.settings import GuildSettings, SettingsUpdate
from bot.help import CommandHelp
from bot.text import clip

COLOUR = discord.Colour(0xE91E63)


def help_embed(commands: list[CommandHelp], is_moderator: bool) -> discord.Embed:
    embed = discord.Embed(title="fanzine commands", colour=COLOUR)
    for c in commands:
        name = f"/{c.name}" + (" (moderators)" if c.moderator else "")
        embed.add_field(name=clip(name, 256), value=clip(f"{c.summary}\n`{c.usage}`", 1024),
                        inline=False)
    if not is_moderator:
        embed.set_footer(text="Moderator commands are shown to members with Manage Server.")
    return embed


def about_embed(about: About) -> discord.Embed:
    embed = discord.Embed(
        title=clip(f"{about.name} {about.version}", 256),
        description="News, facts and release-day reminders for music fan servers.",
        colour=COLOUR,
        url=about.contact_url,
    )
    embed.add_field(name="Articles stored", value=str(about.articles))
    embed.add_field(name="Artists known", value=str(about.artists))
    embed.add_field(name="Facts", value=str(about.facts))
    embed.add_field(name="Feeds in this server", value=str(about.guild_feeds))
    return embed


def settings_embed(settings: GuildSettings, title: str = "Server settings") -> discord.Embed:
    embed = discord.Embed(title=title, colour=COLOUR)
    embed.add_field(name="Announcements", value=_channel(settings.announce_channel))
    embed.add_field(name="Mod log", value=_channel(settings.modlog_channel))
    embed.add_field(name="Time zone", value=settings.timezone)
    embed.add_field(name="Posting hour", value=f"{settings.post_hour:02d}:00")
    embed.add_field(name="Ping role", value=_role(settings.ping_role))
    return embed


def update_embed(update: SettingsUpdate) -> discord.Embed:
    title = (f"Saved: {', '.join(update.changed)}" if update.changed else "Nothing changed")
    return settings_embed(update.after, title=clip(title, 256))


def _channel(channel_id: int | None) -> str:
    return f"<#{channel_id}>" if channel_id else "not set"


def _role(role_id: int | None) -> str:
    return f"<@&{role_id}>" if role_id else "none"
