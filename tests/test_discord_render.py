"""Embeds cut to Discord's limits in one place: the total of 6,000 characters and 25 fields;
card dates written as dates; a link too long for Discord left off."""

from __future__ import annotations

from datetime import UTC, date, datetime

import discord

from bot.answers.cards import ArtistCard, CardDate, ReleaseCard, card_date
from bot.answers.model import Answer, Source
from bot.answers.recent import RecentAnswer
from bot.discord_app.card_pages import LINES_PER_PAGE, artist_pages, release_pages
from bot.discord_app.paging import text_pages
from bot.discord_app.render import (
    EMBED_FIELDS,
    EMBED_TOTAL,
    embed_size,
    post_embed,
    sources_pages,
    within_limits,
)
from bot.posts import EmbedSpec


def full(fields: int, value: int) -> discord.Embed:
    embed = discord.Embed(title="Sources", description="d" * 100)
    for n in range(fields):
        embed.add_field(name=f"{n}. source", value="v" * value, inline=False)
    return embed


def test_a_post_s_link_over_2048_characters_is_left_off_not_refused() -> None:
    long_url = "https://news.example/" + "u" * 2048
    assert post_embed(EmbedSpec(title="Story", url=long_url)).url is None
    short = "https://news.example/story"
    assert post_embed(EmbedSpec(title="Story", url=short)).url == short


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


def test_card_dates_are_written_dates_never_discord_timestamps() -> None:
    # A release day or a birthday is a date, not an instant: `<t:…:D>` at noon UTC shows
    # readers in UTC+13/+14 the next day beside the written one.
    released = card_date("Released", date(2026, 11, 20), "day")
    assert released == CardDate("Released", "November 20, 2026", date(2026, 11, 20))
    [release] = release_pages(ReleaseCard(
        title="Glass Harbour", kind="single", artist="Mara Vale", status="released",
        released=released, upcoming=[CardDate("Tour starts", "January 9, 2027",
                                              date(2027, 1, 9))]))
    fields = {f.name: f.value for f in release.fields}
    assert fields["Release date"] == "November 20, 2026"
    assert fields["Coming up"] == "Tour starts: January 9, 2027"
    [artist] = artist_pages(ArtistCard(
        name="Mara Vale", kind="artist", born=CardDate("Born", "March 1, 1994",
                                                      date(1994, 3, 1)),
        releases=[CardDate("Glass Harbour", "November 20, 2026", date(2026, 11, 20)),
                  CardDate("Blue Hour", "July 2022")]))
    fields = {f.name: f.value for f in artist.fields}
    assert fields["Born"] == "March 1, 1994"
    assert fields["Releases"] == "Glass Harbour: November 20, 2026\nBlue Hour: July 2022"
    assert all("<t:" not in (f.value or "") for f in [*release.fields, *artist.fields])


def long_artist(releases: int, people: int, name_length: int = 20) -> ArtistCard:
    return ArtistCard(
        name="Mara Vale", kind="group", born=None, credits=[("Label", "Starline")],
        people=[f"Member {n:03d} " + "m" * name_length + " (member)" for n in range(people)],
        releases=[CardDate(f"Single {n:03d} " + "s" * name_length, "July 2022")
                  for n in range(releases)],
        upcoming=[CardDate("Tour date", f"January {n}, 2027") for n in range(1, 8)])


def test_a_long_card_is_paged_with_every_item_once_within_the_limits() -> None:
    for card in (long_artist(40, 30), long_artist(60, 45, name_length=400)):
        pages = artist_pages(card)
        assert len(pages) > 1
        items: list[str] = []
        for n, page in enumerate(pages, start=1):
            assert page.title == f"Mara Vale (page {n} of {len(pages)})"
            assert embed_size(page) <= EMBED_TOTAL and len(page.fields) <= EMBED_FIELDS
            assert all(len(f.value or "") <= 1024 for f in page.fields)
            listed = [f for f in page.fields if not f.inline]
            assert sum(len((f.value or "").splitlines()) for f in listed) <= LINES_PER_PAGE
            items += [line for f in listed for line in (f.value or "").splitlines()]
            # The footer says what is on which page.
            assert page.footer.text is not None and page.footer.text.startswith("Page 1: ")
        assert len(items) == len(set(items)) == len(card.releases) + len(card.people) + 7
        releases = [i for i in items if i.startswith("Single ")]
        assert [int(r.split()[1]) for r in releases] == list(range(len(card.releases)))
        assert len([i for i in items if i.startswith("Member ")]) == len(card.people)
        assert {f.name for f in pages[0].fields if f.inline} == {"Label"}


def test_a_split_section_says_which_items_each_page_holds() -> None:
    pages = artist_pages(long_artist(20, 0))
    names = [f.name for page in pages for f in page.fields if not f.inline]
    assert names[:2] == ["Releases 1–15 of 20", "Releases 16–20 of 20"]
    assert pages[0].footer.text == ("Page 1: Releases 1–15 of 20 · "
                                    "Page 2: Releases 16–20 of 20, Coming up")


def test_text_pages_keep_discord_s_limits() -> None:
    lines = [f"line {n}:" + "x" * (n * 37 % 900) for n in range(200)] + ["y" * 5000]
    pages = text_pages(lines, header="**Header**")
    assert all(page.content is not None and len(page.content) <= 2000 for page in pages)
    kept = [line for page in pages for line in (page.content or "").splitlines()[1:]]
    assert kept[:200] == lines[:200] and kept[200].startswith("yyy") and len(kept) == 201


def many_sources(count: int) -> RecentAnswer:
    sources = [Source(title=f"Article {n}", url=f"https://news.example/{n}", published=None,
                      evidence=f"Sentence {n}: " + "words of ours " * 60) for n in range(count)]
    return RecentAnswer("When does Glass Harbour come out?",
                        Answer("Glass Harbour comes out on December 4, 2026.", sources=sources),
                        datetime(2026, 11, 25, tzinfo=UTC))


def test_sources_pages_keep_every_source_within_the_limits() -> None:
    pages = sources_pages(many_sources(23))
    assert len(pages) > 3  # 23 long sentences: fewer than 10 a page fit in 6,000 characters
    names = [f.name or "" for page in pages for f in page.fields]
    assert [name.split(".")[0] for name in names] == [str(n) for n in range(1, 24)]
    assert all(embed_size(page) <= 6000 and not page.footer.text for page in pages)
    assert pages[0].description and all(page.description is None for page in pages[1:])
    assert pages[-1].title == f"Sources: When does Glass Harbour come out? (page {len(pages)} " \
                              f"of {len(pages)})"
    assert [e.title for e in sources_pages(many_sources(2))] == [
        "Sources: When does Glass Harbour come out?"]
