"""Plain-text renderings of the core's answers for the terminal."""

from __future__ import annotations

from bot.about import About
from bot.guilds.settings import GuildSettings, SettingsUpdate
from bot.help import CommandHelp
from bot.shell.world import ShellWorld


def render_help(commands: list[CommandHelp], is_moderator: bool) -> str:
    width = max(len(c.name) for c in commands) + 1
    lines = ["Commands:"]
    for c in commands:
        tag = "  (moderators)" if c.moderator else ""
        lines.append(f"  /{c.name:<{width}} {c.summary}{tag}")
    lines.append("")
    lines.append("Usage:")
    lines.extend(f"  {c.usage}" for c in commands)
    lines.append("")
    lines.append("Shell only: /as fan | /as mod (switch who you are), /whoami, /quit.")
    if not is_moderator:
        lines.append("Moderator commands are hidden from fans: /as mod to see them.")
    return "\n".join(lines)


def render_about(about: About) -> str:
    return "\n".join([
        f"{about.name} {about.version}: news, facts and release-day reminders for fan servers.",
        f"  Articles stored: {about.articles}   Artists known: {about.artists}   "
        f"Facts: {about.facts}",
        f"  Feeds in this server: {about.guild_feeds}   Database: {about.database}",
        f"  More: {about.contact_url}",
    ])


def render_settings(settings: GuildSettings, world: ShellWorld) -> str:
    return "\n".join([
        f"Settings for {world.guild_name}:",
        f"  announce_channel  {world.channel_name(settings.announce_channel)}",
        f"  modlog_channel    {world.channel_name(settings.modlog_channel)}",
        f"  timezone          {settings.timezone}",
        f"  post_hour         {settings.post_hour:02d}:00",
        f"  ping_role         {world.role_name(settings.ping_role)}",
    ])


def render_update(update: SettingsUpdate, world: ShellWorld) -> str:
    head = (f"Saved: {', '.join(update.changed)}." if update.changed
            else "Nothing changed.")
    return f"{head}\n{render_settings(update.after, world)}"
