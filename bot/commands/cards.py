"""`/artist` and `/release`: cards from the fact base, with names autocompleted."""

from __future__ import annotations

from bot.answers.cards import ArtistCard, ReleaseCard
from bot.commands.spec import CommandSpec, Complete, Invocation, Option


async def artist(call: Invocation) -> ArtistCard:
    return await call.app.cards.artist_card(call.args.text("name"), call.actor.guild_id)


async def release(call: Invocation) -> ReleaseCard:
    return await call.app.cards.release_card(call.args.text("title"), call.actor.guild_id)


ARTIST = CommandSpec(
    "artist", "An artist's card: label, people, releases, dates and sources.", handler=artist,
    options=(Option("name", "The artist's name, e.g. Mara Vale", required=True, low=1,
                    high=200, complete=Complete.ARTIST),),
    defers=True, ephemeral=False,
    detail="an artist's card: label, people, releases, upcoming dates, numbered sources")
RELEASE = CommandSpec(
    "release", "A release's card: kind, date, status, credits and sources.", handler=release,
    options=(Option("title", "The release's title, e.g. Glass Harbour", required=True, low=1,
                    high=200, complete=Complete.RELEASE),),
    defers=True, ephemeral=False,
    detail="a release's card: kind, date at its precision, status, credits, numbered sources")
