"""`/artist` and `/release` cards as embed pages: every release, person and date, each page
within Discord's limits and its footer saying what is on which page."""

from __future__ import annotations

from dataclasses import dataclass

import discord

from bot.answers.cards import ArtistCard, CardDate, CardSource, ReleaseCard
from bot.discord_app.render import COLOUR, EMBED_FIELDS, EMBED_TOTAL, linked
from bot.text import clip, escape_markdown

# List lines a page shows at most: a card stays readable on a phone without scrolling far.
LINES_PER_PAGE = 15
FIELD_VALUE = 1024
# The footer says what every page holds; it is cut to this so the pages' room is known.
FOOTER_ROOM = 700
# Credits shown as their own short fields on the first page; more go into a list.
CREDIT_FIELDS = 6


@dataclass(frozen=True)
class Section:
    """A card's list (Releases, People, ...): one line an item."""

    name: str
    lines: list[str]


@dataclass(frozen=True)
class Part:
    """The lines of one section a page holds: items `first`..`first + len(lines) - 1` (1-based)
    of `total`."""

    section: str
    first: int
    lines: list[str]
    total: int

    @property
    def label(self) -> str:
        last = self.first + len(self.lines) - 1
        if len(self.lines) == self.total:
            return self.section
        span = str(self.first) if last == self.first else f"{self.first}–{last}"
        return f"{self.section} {span} of {self.total}"


def release_pages(card: ReleaseCard) -> list[discord.Embed]:
    """A release's card: kind, artist and status, its date as written, credits, then its
    lists paged."""
    lead = " · ".join(x for x in ((card.kind or "release").capitalize(),
                                  f"by {card.artist}" if card.artist else "",
                                  card.status or "") if x)
    head = [("Release date", written_date(card.released))] if card.released else []
    return _pages(card.title, lead, head, card.credits,
                  _sections([], card.people, card.upcoming, card.sources))


def artist_pages(card: ArtistCard) -> list[discord.Embed]:
    """An artist's card: born, credits (a label), then releases, people, upcoming dates and
    sources, paged."""
    head = [("Born", written_date(card.born))] if card.born else []
    return _pages(card.name, card.kind.capitalize(), head, card.credits,
                  _sections(card.releases, card.people, card.upcoming, card.sources))


def _sections(releases: list[CardDate], people: list[str], upcoming: list[CardDate],
              sources: list[CardSource]) -> list[Section]:
    numbered = []
    for n, s in enumerate(sources, start=1):
        extra = "".join(f" · {x}" for x in (s.outlet, s.published) if x)
        numbered.append(f"{n}. {linked(s.title, s.url)}{escape_markdown(extra)}")
    found = [
        Section("Releases", [f"{escape_markdown(d.what)}: {written_date(d)}" for d in releases]),
        Section("People", [escape_markdown(p) for p in people]),
        Section("Coming up", [f"{escape_markdown(d.what)}: {written_date(d)}" for d in upcoming]),
        Section("Sources", numbered),
    ]
    return [s for s in found if s.lines]


def _pages(title: str, description: str, head: list[tuple[str, str]],
           credits: list[tuple[str, str]], sections: list[Section]) -> list[discord.Embed]:
    fields = [*head, *((label, escape_markdown(v)) for label, v in credits[:CREDIT_FIELDS])]
    more_credits = [f"{label}: {escape_markdown(v)}" for label, v in credits[CREDIT_FIELDS:]]
    if more_credits:
        sections = [Section("More credits", more_credits), *sections]
    title = clip(title, 200)  # room for " (page n of m)"
    description = clip(description, 1000)
    first_room = EMBED_TOTAL - FOOTER_ROOM - 256 - len(description) - sum(
        len(name) + min(len(value), FIELD_VALUE) for name, value in fields)
    layout = _lay_out(sections, first_room, EMBED_FIELDS - len(fields),
                      EMBED_TOTAL - FOOTER_ROOM - 256 - len(description))
    embeds = []
    for n, parts in enumerate(layout, start=1):
        suffix = f" (page {n} of {len(layout)})" if len(layout) > 1 else ""
        embed = discord.Embed(title=title + suffix, description=description or None,
                              colour=COLOUR)
        if n == 1:
            for name, value in fields:
                embed.add_field(name=clip(name, 256), value=clip(value, FIELD_VALUE) or "-")
        for part in parts:
            embed.add_field(name=part.label, value="\n".join(part.lines), inline=False)
        if len(layout) > 1:
            embed.set_footer(text=_contents(layout))
        embeds.append(embed)
    return embeds


def _lay_out(sections: list[Section], first_room: int, first_fields: int,
             room: int) -> list[list[Part]]:
    """The sections' lines in order, cut into pages of at most LINES_PER_PAGE lines, each
    field's value within 1,024 characters and each page within its room (characters and
    fields); a section split across pages continues on the next."""
    pages: list[list[Part]] = [[]]
    left, fields_left, lines_left = first_room, first_fields, LINES_PER_PAGE
    for section in sections:
        current: list[str] = []
        first, total = 1, len(section.lines)
        label = len(section.name) + 20  # as "People 16–30 of 41" at most
        for n, line in enumerate(section.lines, start=1):
            line = clip(line, FIELD_VALUE)
            fits_field = len("\n".join([*current, line])) <= FIELD_VALUE
            fits_page = lines_left > 0 and len(line) + 1 <= left
            if current and not (fits_field and fits_page):
                pages[-1].append(Part(section.name, first, current, total))
                fields_left -= 1
                current, first = [], n
            if not current and (lines_left == 0 or fields_left == 0 or len(line) + label > left):
                pages.append([])
                left, fields_left, lines_left = room, EMBED_FIELDS, LINES_PER_PAGE
            left -= len(line) + (1 if current else label)
            lines_left -= 1
            current.append(line)
        if current:
            pages[-1].append(Part(section.name, first, current, total))
            fields_left -= 1
    # The first page may hold only the card's head; no later page is ever empty.
    return pages


def written_date(when: CardDate) -> str:
    """A calendar date (a release day, a birthday) as written: a date is not an instant, and a
    Discord timestamp would show readers far from UTC another day. Timestamps are only for
    real instants (a reminder's time, a scheduled post's)."""
    return when.text


def _contents(layout: list[list[Part]]) -> str:
    """What is on which page: "Page 1: Releases 1–15 · Page 2: Releases 16–20, People"."""
    said = []
    for n, parts in enumerate(layout, start=1):
        names = ", ".join(p.label for p in parts) or "the card"
        said.append(f"Page {n}: {names}")
    return clip(" · ".join(said), FOOTER_ROOM)
