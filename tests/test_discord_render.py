"""Embeds cut to Discord's limits in one place: the total of 6,000 characters and 25 fields."""

from __future__ import annotations

import discord

from bot.discord_app.render import EMBED_FIELDS, EMBED_TOTAL, embed_size, within_limits


def full(fields: int, value: int) -> discord.Embed:
    embed = discord.Embed(title="Sources", description="d" * 100)
    for n in range(fields):
        embed.add_field(name=f"{n}. source", value="v" * value, inline=False)
    return embed


def test_an_embed_within_the_limits_is_left_alone() -> None:
    embed = within_limits(full(5, 1000))
    assert len(embed.fields) == 5 and embed.footer.text is None


def test_trailing_fields_go_until_the_total_fits_and_the_footer_says_how_many() -> None:
    embed = within_limits(full(10, 1000), "fanzine sources shows all")
    assert embed_size(embed) <= EMBED_TOTAL
    kept = len(embed.fields)
    assert kept == 5  # 100 + 5 × 1,010 + the note fits; a sixth field would not
    assert embed.footer.text == f"…and {10 - kept} more (fanzine sources shows all)."


def test_more_than_25_fields_are_cut_to_25() -> None:
    embed = within_limits(full(30, 10))
    assert len(embed.fields) == EMBED_FIELDS
    assert embed.footer.text == "…and 5 more."
