"""Discord embeds for the core's answers, cut to Discord's limits."""

from __future__ import annotations

from datetime import datetime

import discord

from bot.about import About
from bot.answers.model import Answer, evidence_of
from bot.answers.recent import RecentAnswer
from bot.commands.feeds import FEEDS_PER_PAGE
from bot.commands.help import CommandHelp
from bot.guilds.settings import GuildSettings, GuildUpdate
from bot.ingest.feeds_service import FeedAdded, FeedPreview, FeedStatus
from bot.posts import EmbedSpec
from bot.text import clip, escape_markdown

COLOUR = discord.Colour(0xE91E63)
# Discord's limits on one embed: its text in all (title, description, field names and values,
# footer, author) and its field count.
EMBED_TOTAL = 6000
EMBED_URL = 2048  # Discord's limit on an embed's URL
EMBED_FIELDS = 25


def embed_size(embed: discord.Embed) -> int:
    """The characters Discord counts against an embed's 6,000."""
    size = len(embed.title or "") + len(embed.description or "")
    size += sum(len(f.name or "") + len(f.value or "") for f in embed.fields)
    return size + len(embed.footer.text or "") + len(embed.author.name or "")


def within_limits(embed: discord.Embed, more: str = "") -> discord.Embed:
    """Drop trailing fields until the embed keeps Discord's limits, saying how many went
    (`more` names where to see them)."""
    if len(embed.fields) <= EMBED_FIELDS and embed_size(embed) <= EMBED_TOTAL:
        return embed
    room_for_note = 120 + len(more)
    dropped = 0
    while embed.fields and (len(embed.fields) > EMBED_FIELDS
                            or embed_size(embed) + room_for_note > EMBED_TOTAL):
        embed.remove_field(len(embed.fields) - 1)
        dropped += 1
    note = f"…and {dropped} more{f' ({more})' if more else ''}."
    footer = embed.footer.text
    embed.set_footer(text=clip(f"{footer} {note}" if footer else note, 2048))
    return embed


def help_embed(commands: list[CommandHelp], is_moderator: bool) -> discord.Embed:
    embed = discord.Embed(title="fanzine commands", colour=COLOUR)
    for c in commands:
        name = f"/{c.name}"  # a moderator command says so in its description
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
    embed.add_field(name="Other servers' facts",
                    value="shown (network view)" if settings.network_facts else "not shown")
    return embed


def update_embed(update: GuildUpdate) -> discord.Embed:
    title = (f"Saved: {', '.join(update.changed)}" if update.changed else "Nothing changed")
    return settings_embed(update.after, title=clip(title, 256))


def post_embed(spec: EmbedSpec) -> discord.Embed:
    """A core EmbedSpec as a Discord embed, every part cut to Discord's limits."""
    embed = discord.Embed(
        title=clip(spec.title, 256),
        # Posts queued before links were held to 2,048 may carry a longer one: Discord would
        # refuse the whole post, so the title goes unlinked instead.
        url=spec.url if spec.url and len(spec.url) <= EMBED_URL else None,
        description=clip(spec.description, 4096) if spec.description else None,
        colour=COLOUR,
        timestamp=datetime.fromisoformat(spec.timestamp) if spec.timestamp else None,
    )
    for f in spec.fields[:25]:
        embed.add_field(name=clip(f.name, 256) or "-", value=clip(f.value, 1024) or "-",
                        inline=f.inline)
    if spec.footer:
        embed.set_footer(text=clip(spec.footer, 2048))
    return embed


def feed_added_embed(added: FeedAdded) -> discord.Embed:
    verb = "Updated" if added.updated else "Added"
    embed = discord.Embed(title=clip(f"{verb}: {added.title or added.url}", 256),
                          url=added.url, colour=COLOUR)
    embed.add_field(name="Channel", value=_channel(added.channel_id))
    embed.add_field(name="Items seen", value=str(added.items_known))
    embed.add_field(name="Posted now", value=str(added.posts_queued))
    embed.add_field(name="Filter", value=clip(added.filter, 1024), inline=False)
    if added.reenabled:
        embed.set_footer(text="The feed had been disabled; it is enabled again.")
    return embed


def feed_list_embed(feeds: list[FeedStatus], page: int = 1) -> discord.Embed:
    """One page of `/feeds list`: FEEDS_PER_PAGE feeds, and where the others are."""
    pages = max(1, -(-len(feeds) // FEEDS_PER_PAGE))
    title = "Feeds in this server" + (f" (page {page} of {pages})" if pages > 1 else "")
    embed = discord.Embed(title=title, colour=COLOUR)
    if not feeds:
        embed.description = "No feeds yet. Add one with /feeds add."
    start = (page - 1) * FEEDS_PER_PAGE
    for f in feeds[start:start + FEEDS_PER_PAGE]:
        health = "✅ ok" if f.state == "ok" else f"⚠️ {f.state}: {f.reason} ({f.last_error})"
        embed.add_field(
            name=clip(f.title or f.url, 256),
            value=clip(f"{f.url}\n{_channel(f.channel_id)} · {health}\nFilter: {f.filter}",
                       1024),
            inline=False,
        )
    if page < pages:
        embed.set_footer(text=f"{len(feeds)} feeds in all: Next (or /feeds list "
                              f"page:{page + 1}) shows the next ones.")
    return within_limits(embed, "fanzine feeds list shows every one")


def feed_list_pages(feeds: list[FeedStatus]) -> list[discord.Embed]:
    """Every page of `/feeds list`, for Previous/Next."""
    pages = max(1, -(-len(feeds) // FEEDS_PER_PAGE))
    return [feed_list_embed(feeds, n) for n in range(1, pages + 1)]


def preview_embed(preview: FeedPreview) -> discord.Embed:
    embed = discord.Embed(title=clip(f"Test: {preview.title or preview.url}", 256),
                          url=preview.url, colour=COLOUR,
                          description=clip(f"{preview.item_count} items. Filter: "
                                           f"{preview.filter}.\n{preview.learning_note}", 4096))
    for item in preview.items:
        when = item.published.strftime("%b %d, %Y") if item.published else "no date"
        embed.add_field(name=clip(item.title or item.link or "untitled", 256),
                        value=clip(f"{when}: {item.verdict}", 1024), inline=False)
    return embed


def answer_embed(question: str, answer: Answer) -> discord.Embed:
    """The short answer, then its numbered sources (title, outlet, date, link)."""
    embed = discord.Embed(title=clip(question, 256),
                          description=clip(escape_markdown(answer.answer), 4096), colour=COLOUR)
    lines = []
    for n, source in enumerate(answer.sources[:5], start=1):
        when = f" · {source.published}" if source.published else ""
        title = source.title or source.url or "an article"
        lines.append(f"{n}. {linked(title, source.url)}{when}")
    if lines:
        embed.add_field(name="Sources", value=clip("\n".join(lines), 1024), inline=False)
    return embed


def sources_embed(recent: RecentAnswer) -> discord.Embed:
    """`/sources`' first page."""
    return sources_pages(recent)[0]


# Sources a page of /sources shows at most; fewer when their sentences are long.
SOURCES_PER_PAGE = 10


def sources_pages(recent: RecentAnswer) -> list[discord.Embed]:
    """`/sources`: the question and answer, then each source with the sentence it gave, numbered
    across pages that each keep Discord's 6,000 characters (the answer on the first)."""
    evidence = evidence_of(recent.answer)
    fields = [(clip(f"{n}. {where}", 256), clip(f"“{escape_markdown(sentence)}”", 1024))
              for n, (where, sentence) in enumerate(evidence, start=1)]
    if not fields:
        fields = [("No sources",
                   "That answer rests on no stored fact, so there is nothing to quote.")]
    answer = clip(escape_markdown(recent.answer.answer), 4096)
    chunks: list[list[tuple[str, str]]] = [[]]
    room = EMBED_TOTAL - 256 - len(answer) - 40  # the title, the first page's answer, slack
    for name, value in fields:
        size = len(name) + len(value)
        if chunks[-1] and (len(chunks[-1]) >= SOURCES_PER_PAGE or size > room):
            chunks.append([])
            room = EMBED_TOTAL - 256 - 40
        chunks[-1].append((name, value))
        room -= size
    pages = []
    for n, chunk in enumerate(chunks, start=1):
        suffix = f" (page {n} of {len(chunks)})" if len(chunks) > 1 else ""
        embed = discord.Embed(title=clip(f"Sources: {recent.question}", 256 - len(suffix))
                              + suffix, description=answer if n == 1 else None, colour=COLOUR)
        for name, value in chunk:
            embed.add_field(name=name, value=value, inline=False)
        pages.append(within_limits(embed))
    return pages


def linked(title: str, url: str | None) -> str:
    """An article's title as a masked link to it, the title's own markdown escaped (a title
    ending "](https://…" must not point the link elsewhere)."""
    text = escape_markdown(clip(title, 120))
    return f"[{text}]({url})" if url and ")" not in url and " " not in url else text


def _channel(channel_id: int | None) -> str:
    return f"<#{channel_id}>" if channel_id else "not set"


def _role(role_id: int | None) -> str:
    return f"<@&{role_id}>" if role_id else "none"
