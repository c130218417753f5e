"""`/artist` and `/release`: cards from the fact base, with names autocompleted."""

from __future__ import annotations

from bot.commands.spec import CommandSpec, Complete, Option

ARTIST = CommandSpec(
    "artist", "An artist's card: label, people, releases, dates and sources.",
    options=(Option("name", "The artist's name, e.g. Mara Vale", required=True, low=1,
                    high=200, complete=Complete.ARTIST),),
    ephemeral=False,
    detail="an artist's card: label, people, releases, upcoming dates, numbered sources")
RELEASE = CommandSpec(
    "release", "A release's card: kind, date, status, credits and sources.",
    options=(Option("title", "The release's title, e.g. Glass Harbour", required=True, low=1,
                    high=200, complete=Complete.RELEASE),),
    ephemeral=False,
    detail="a release's card: kind, date at its precision, status, credits, numbered sources")
