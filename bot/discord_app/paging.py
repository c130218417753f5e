"""Long answers as pages turned with Previous/Next, only by whoever asked, until a time-out."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any

import discord

from bot.discord_app.page_keys import PageKey
from bot.text import clip

log = logging.getLogger(__name__)

# Seconds the buttons work after the last turn. Well inside the 15 minutes an interaction's
# token lasts, so the time-out can still edit the message to take the buttons away.
PAGE_TIMEOUT = 300.0
NOT_YOURS = "Only the person who asked can turn these pages; run the command yourself."


@dataclass(frozen=True)
class Page:
    """One page: text, an embed, or both, each already within Discord's limits."""

    content: str | None = None
    embed: discord.Embed | None = None


class LivePagers:
    """The pagers this process holds, by their key: a persistent page button leaves a click
    on their messages to them (both would answer it otherwise)."""

    def __init__(self) -> None:
        self._held: Counter[str] = Counter()

    def hold(self, key: PageKey) -> None:
        self._held[key.held] += 1

    def release(self, key: PageKey) -> None:
        self._held[key.held] -= 1
        if self._held[key.held] <= 0:
            del self._held[key.held]

    def holds(self, key: PageKey) -> bool:
        return self._held[key.held] > 0


def live_pagers(client: Any) -> LivePagers | None:
    """The bot's live pagers (None for a client that keeps none)."""
    found = getattr(client, "pagers", None)
    return found if isinstance(found, LivePagers) else None


class Pager(discord.ui.View):
    """Previous/Next over fixed pages. Only `owner_id` may turn them (others are told so,
    privately); after `timeout` seconds without a turn the buttons are removed. With a `key`
    the buttons' custom ids are persistent (`page_keys`): after a restart a click reads the
    pages again (`page_buttons`)."""

    def __init__(self, pages: list[Page], owner_id: int, *, start: int = 0,
                 timeout: float | None = None, key: PageKey | None = None) -> None:
        super().__init__(timeout=PAGE_TIMEOUT if timeout is None else timeout)
        if not pages:
            raise ValueError("a pager needs at least one page")
        self.pages = pages
        self.owner_id = owner_id
        self.key = key
        self.index = min(max(start, 0), len(pages) - 1)
        # The interaction whose response carries the pages: the time-out edits it.
        self.origin: discord.Interaction[Any] | None = None
        # Where this pager is held while it lives (released at the time-out).
        self.live: LivePagers | None = None
        self._sync_buttons()

    @property
    def page(self) -> Page:
        return self.pages[self.index]

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index == len(self.pages) - 1
        self.counter.label = f"{self.index + 1} / {len(self.pages)}"
        if self.key is not None:  # each button names the page it shows (ids must differ)
            self.previous.custom_id = self.key.custom_id(max(self.index - 1, 0))
            self.next.custom_id = self.key.custom_id(min(self.index + 1, len(self.pages) - 1))

    def hold(self, live: LivePagers | None) -> None:
        """Hold this pager in `live` until its time-out."""
        if live is not None and self.key is not None:
            live.hold(self.key)
            self.live = live

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(NOT_YOURS, ephemeral=True)
        return False

    async def _turn(self, interaction: discord.Interaction[Any], step: int) -> None:
        self.index = min(max(self.index + step, 0), len(self.pages) - 1)
        self._sync_buttons()
        page = self.page
        await interaction.response.edit_message(content=page.content, embed=page.embed,
                                                view=self)

    @discord.ui.button(label="◀ Previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction[Any],
                       _: discord.ui.Button[Pager]) -> None:
        await self._turn(interaction, -1)

    @discord.ui.button(label="1 / 1", style=discord.ButtonStyle.secondary, disabled=True)
    async def counter(self, interaction: discord.Interaction[Any],
                      _: discord.ui.Button[Pager]) -> None:  # a label, never enabled
        await interaction.response.defer()

    @discord.ui.button(label="Next ▶", style=discord.ButtonStyle.primary)
    async def next(self, interaction: discord.Interaction[Any],
                   _: discord.ui.Button[Pager]) -> None:
        await self._turn(interaction, 1)

    async def on_timeout(self) -> None:
        if self.live is not None and self.key is not None:
            self.live.release(self.key)  # the persistent buttons answer from now on
            self.live = None
        if self.origin is None:
            return
        try:
            await self.origin.edit_original_response(view=None)
        except discord.HTTPException:  # the message is gone, or the token has expired
            log.debug("could not take the page buttons away", exc_info=True)


async def send_pages(interaction: discord.Interaction[Any], pages: list[Page], *,
                     ephemeral: bool, start: int = 0, key: PageKey | None = None) -> None:
    """Answer with the pages: one page alone, more with a Pager for whoever asked (its buttons
    persistent with a `key`). Works whether or not the interaction was deferred."""
    pager = Pager(pages, interaction.user.id, start=start, key=key) if len(pages) > 1 else None
    page = pages[min(max(start, 0), len(pages) - 1)]
    kwargs: dict[str, Any] = {"ephemeral": ephemeral}
    if page.content is not None:
        kwargs["content"] = page.content
    if page.embed is not None:
        kwargs["embed"] = page.embed
    if pager is not None:
        kwargs["view"] = pager
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)
    if pager is not None:
        pager.origin = interaction
        pager.hold(live_pagers(interaction.client))


def text_pages(lines: list[str], *, header: str = "", per_page: int = 10,
               limit: int = 2000) -> list[Page]:
    """Lines as text pages: at most `per_page` lines and `limit` characters a page (a line too
    long for a page is cut), the header on each, "page n of m" when there are several."""
    room = limit - len(header) - 40  # the header's line and "(page n of m)"
    chunks: list[list[str]] = []
    current: list[str] = []
    size = 0
    for line in lines:
        line = clip(line, room)
        if current and (len(current) >= per_page or size + len(line) + 1 > room):
            chunks.append(current)
            current, size = [], 0
        current.append(line)
        size += len(line) + 1
    if current or not chunks:
        chunks.append(current)
    pages = []
    for n, chunk in enumerate(chunks, start=1):
        top = header
        if len(chunks) > 1:
            top = f"{header} (page {n} of {len(chunks)})" if header else \
                f"Page {n} of {len(chunks)}"
        text = "\n".join(([top] if top else []) + chunk)
        pages.append(Page(content=clip(text, limit)))
    return pages
