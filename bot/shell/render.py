"""Plain-text renderings of the core's answers for the terminal."""

from __future__ import annotations

import textwrap

from bot.about import About, about_text
from bot.commands.help import CommandHelp
from bot.guilds.settings import GuildSettings, GuildUpdate
from bot.ingest.feeds_service import FeedAdded, FeedPreview, FeedStatus
from bot.posts import Post
from bot.shell.world import ShellWorld
from bot.text import unescape_markdown


def render_help(commands: list[CommandHelp], is_moderator: bool) -> str:
    width = max(len(c.name) for c in commands) + 1
    lines = ["Commands:"]
    for c in commands:
        tag = ""  # a moderator command says so in its description
        lines.append(f"  /{c.name:<{width}} {c.summary}{tag}")
    lines.append("")
    lines.append("Usage:")
    lines.extend(f"  {c.usage}" for c in commands)
    lines.append("")
    lines.append("Shell only: /ask QUESTION, /as fan | /as mod (switch who you are), /whoami, "
                 "/clock [+1d | +3h | -1d | 2026-12-01T09:00] (show or move the shell's time), "
                 "/ingest FILE (a local article, e.g. examples/glass-harbour.txt), /quit.")
    if not is_moderator:
        lines.append("Moderator commands are hidden from fans: /as mod to see them.")
    return "\n".join(lines)


def render_about(about: About) -> str:
    return about_text(about)


def render_settings(settings: GuildSettings, world: ShellWorld) -> str:
    return "\n".join([
        f"Settings for {world.guild_name}:",
        f"  announce_channel  {world.channel_name(settings.announce_channel)}",
        f"  modlog_channel    {world.channel_name(settings.modlog_channel)}",
        f"  timezone          {settings.timezone}",
        f"  post_hour         {settings.post_hour:02d}:00",
        f"  ping_role         {world.role_name(settings.ping_role)}",
        f"  network_facts     {'on' if settings.network_facts else 'off'}",
    ])


def render_update(update: GuildUpdate, world: ShellWorld) -> str:
    head = (f"Saved: {', '.join(update.changed)}." if update.changed
            else "Nothing changed.")
    return f"{head}\n{render_settings(update.after, world)}"


def render_post(post: Post, channel: str) -> str:
    """A post as it would appear in the channel, framed so it stands out from replies."""
    lines = [f"┌─ post in {channel}"]
    if post.text:
        lines.extend(f"│ {line}" for line in unescape_markdown(post.text).splitlines())
    if post.embed:
        embed = post.embed
        lines.append(f"│ ▌ {embed.title}")
        if embed.description:
            lines.extend(f"│ ▌ {line}"
                         for line in textwrap.wrap(unescape_markdown(embed.description), 76))
        for f in embed.fields:
            lines.append(f"│ ▌ {f.name}: {unescape_markdown(f.value)}")
        if embed.url:
            lines.append(f"│ ▌ {embed.url}")
        if embed.footer:
            lines.append(f"│ ▌ {embed.footer}")
    lines.append("└─")
    return "\n".join(lines)


def render_feed_added(added: FeedAdded, world: ShellWorld) -> str:
    verb = "Updated" if added.updated else "Added"
    head = f"{verb} {added.title or added.url} → {world.channel_name(added.channel_id)}."
    notes = [f"  {added.items_known} items seen; {added.posts_queued} posted now "
             "(the newest, as a first look); new ones will follow.",
             f"  Filter: {added.filter}."]
    if added.reenabled:
        notes.append("  The feed had been disabled; it is enabled again.")
    return "\n".join([head, *notes])


def render_feed_list(feeds: list[FeedStatus], world: ShellWorld) -> str:
    if not feeds:
        return "No feeds yet. Add one with /feeds add URL #channel."
    lines = [f"{len(feeds)} feed{'s' if len(feeds) != 1 else ''}:"]
    for f in feeds:
        health = f.state if f.state == "ok" else f"{f.state} ({f.reason}: {f.last_error})"
        lines.append(f"  {f.title or f.url} → {world.channel_name(f.channel_id)} [{health}]")
        lines.append(f"    {f.url}  filter: {f.filter}")
    return "\n".join(lines)


def render_preview(preview: FeedPreview, world: ShellWorld) -> str:
    lines = [f"{preview.title or preview.url}: {preview.item_count} items. "
             f"Filter: {preview.filter}.", f"  {preview.learning_note}"]
    for item in preview.items:
        when = item.published.strftime("%b %d, %Y %H:%M UTC") if item.published else "no date"
        lines.append(f"  - {item.title or item.link} ({when}): {item.verdict}")
    if preview.sample is not None:
        lines.append("A post would look like this:")
        lines.append(render_post(preview.sample, "#channel"))
    return "\n".join(lines)

