"""`/feeds add|list|remove|test` and `/ingest`: news feeds and single articles (moderators)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import App
from bot.discord_app import render
from bot.discord_app.actors import actor_for
from bot.discord_app.buttons import confirm_removal_view
from bot.discord_app.checks import require_mentioning, require_posting
from bot.discord_app.paging import Page, send_pages
from bot.text import clip, escape_markdown, reply


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class FeedsCog(commands.GroupCog, group_name="feeds",
               group_description="Add, list, remove and test news feeds (moderators)."):
    """News feeds posted to this server's channels."""

    def __init__(self, app: App) -> None:
        self.app = app
        super().__init__()

    @app_commands.command(name="add")
    @app_commands.describe(
        url="The feed's address (RSS, Atom or JSON Feed)",
        channel="Channel to post new articles in",
        include="Comma-separated keywords: post only articles naming one (e.g. the artist)",
        exclude="Comma-separated keywords: skip articles naming one",
        regex="Post only articles matching this regular expression",
        role="A role each post mentions (none by default)",
    )
    async def add(self, interaction: discord.Interaction, url: str,
                  channel: discord.TextChannel, include: str | None = None,
                  exclude: str | None = None, regex: str | None = None,
                  role: discord.Role | None = None) -> None:
        """Post a feed's new articles in a channel; the newest one is posted right away."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        await require_posting(interaction.client, channel.id)
        if role is not None:
            await require_mentioning(interaction.client, channel.id, role)
        added = await self.app.feeds.add(actor_for(interaction), url, channel.id,
                                         include=include, exclude=exclude, regex=regex,
                                         mention_role_id=role.id if role else None)
        await interaction.followup.send(embed=render.feed_added_embed(added), ephemeral=True)

    @app_commands.command(name="list")
    @app_commands.describe(page=f"Which page of feeds ({render.FEEDS_PER_PAGE} a page)")
    async def list_feeds(self, interaction: discord.Interaction,
                         page: app_commands.Range[int, 1, 1000] = 1) -> None:
        """This server's feeds, where they post, and whether they work."""
        feeds = await self.app.feeds.list(actor_for(interaction))
        render.feed_list_embed(feeds, page)  # refuses a page that isn't there
        pages = [Page(embed=embed) for embed in render.feed_list_pages(feeds)]
        await send_pages(interaction, pages, ephemeral=True, start=page - 1)

    @app_commands.command(name="remove")
    @app_commands.describe(url="The feed's address, as /feeds list shows it",
                           channel="Only stop posting in this channel (default: everywhere)")
    async def remove(self, interaction: discord.Interaction, url: str,
                     channel: discord.TextChannel | None = None) -> None:
        """Stop posting a feed in this server (after you confirm)."""
        # Nothing is removed yet: the Remove button does it, checked again when clicked.
        found = await self.app.feeds.removal(actor_for(interaction), url,
                                             channel.id if channel else None)
        count = found.subscriptions
        where = f" in <#{found.channel_id}>" if found.channel_id else ""
        name = f"**{escape_markdown(clip(found.title, 200))}** " if found.title else ""
        await interaction.response.send_message(
            reply(f"Remove {count} subscription{'s' if count != 1 else ''} to {name}"
                  f"<{found.url}>{where}? New articles will stop being posted."),
            view=confirm_removal_view(found.guild_id, found.feed_id, found.channel_id),
            ephemeral=True)

    @app_commands.command(name="test")
    @app_commands.describe(url="The feed's address", include="Keywords to require",
                           exclude="Keywords to skip", regex="A pattern to require")
    async def test(self, interaction: discord.Interaction, url: str,
                   include: str | None = None, exclude: str | None = None,
                   regex: str | None = None) -> None:
        """Preview what a feed would post here, and why each recent item would or would not."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        preview = await self.app.feeds.test(actor_for(interaction), url, include=include,
                                            exclude=exclude, regex=regex)
        embeds = [render.preview_embed(preview)]
        if preview.sample is not None and preview.sample.embed is not None:
            embeds.append(render.post_embed(preview.sample.embed))
        await interaction.followup.send(embeds=embeds, ephemeral=True)

    @remove.autocomplete("url")
    async def url_autocomplete(self, interaction: discord.Interaction,
                               current: str) -> list[app_commands.Choice[str]]:
        feeds = await self.app.feeds.list(actor_for(interaction))
        urls = dict.fromkeys(f.url for f in feeds if current.casefold() in f.url.casefold())
        # Discord caps a choice at 100 characters; longer URLs are typed in full.
        return [app_commands.Choice(name=u, value=u) for u in urls if len(u) <= 100][:25]


class IngestCog(commands.Cog):
    """One article at a time."""

    def __init__(self, app: App) -> None:
        self.app = app

    @app_commands.command(name="ingest")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.describe(url="The article's address")
    async def ingest(self, interaction: discord.Interaction, url: str) -> None:
        """Store one article from its URL, so its facts become known (moderators)."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        ingested = await self.app.ingest.ingest_url(actor_for(interaction), url)
        state = "Stored" if ingested.created else "Already known"
        await interaction.followup.send(
            reply(f"{state}: **{ingested.title or ingested.url}**\n{ingested.summary[:1500]}"),
            ephemeral=True)
