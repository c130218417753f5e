"""What a parsed feed is (ParsedFeed, FeedEntry, FeedFormatError) and how entries get keys."""

from __future__ import annotations

import hashlib
import html
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from urllib.parse import urljoin

from bot.ingest.urls import canonical_url, is_web_url

# The most items one feed may hold. Real feeds carry tens, podcast archives a few thousand; a
# feed beyond this fails as "too_many_items" instead of costing every poll a huge batch (the
# body itself is capped by net.max_body_bytes, reason "too_large").
MAX_FEED_ITEMS = 10_000

FeedErrorReason = Literal["bad_format", "too_many_items"]


class FeedFormatError(Exception):
    """The body is not a feed we can read; `message` says why in words a moderator follows.

    `reason` is the typed failure reason a poll records ("bad_format", or "too_many_items" past
    MAX_FEED_ITEMS). `alternates` holds the feed URLs an HTML page advertises
    (<link rel="alternate">), so the caller can offer them.
    """

    def __init__(self, message: str, *, alternates: tuple[str, ...] = (),
                 reason: FeedErrorReason = "bad_format") -> None:
        super().__init__(message)
        self.message = message
        self.alternates = alternates
        self.reason: FeedErrorReason = reason


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, in plain values."""

    key: str  # stable and unique within the feed: guid, else canonical link, else "h:" + sha1
    guid: str | None
    link: str | None  # canonical, absolute http(s), resolved against the feed URL
    title: str | None  # plain text
    published: datetime | None  # aware UTC
    summary: str  # plain text on one line, may be ""
    content_html: str | None  # the fullest content the feed carries, as HTML


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's own title and link, its format and its entries in feed order."""

    title: str | None
    link: str | None
    format: str  # "rss090", "rss091", "rss10", "rss20", "atom10", "json10", "json11", ...
    entries: list[FeedEntry]


@dataclass(frozen=True)
class EntryDraft:
    """An entry before keys are given out (a key depends on the other entries of the feed)."""

    guid: str | None
    link: str | None
    title: str | None
    raw_date: str | None
    published: datetime | None
    summary: str
    content_html: str | None

    def is_empty(self) -> bool:
        """Whether there is nothing at all to show or identify (a broken feed's stray item)."""
        return not (self.guid or self.link or self.title or self.summary or self.content_html)


def clean_link(link: object, base: str | None) -> str | None:
    """`link` made absolute against `base` and canonical, or None if it is not a web URL."""
    if not isinstance(link, str) or not link.strip():
        return None
    try:
        absolute = urljoin(base, link.strip()) if base else link.strip()
    except ValueError:
        return None
    return canonical_url(absolute) if is_web_url(absolute) else None


def clean_guid(guid: object) -> str | None:
    """`guid` stripped, as text; None when empty. JSON Feed ids may be numbers."""
    if isinstance(guid, bool) or not isinstance(guid, str | int):
        return None
    text = str(guid).strip()
    return text or None


def plain_as_html(text: str) -> str:
    """Plain-text content as HTML paragraphs, so `content_html` is always HTML."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{html.escape(block)}</p>" for block in blocks if block)


def _hash_key(draft: EntryDraft) -> str:
    material = f"{draft.title or ''}\x1f{draft.raw_date or ''}"
    if not draft.title and not draft.raw_date:
        # Without a title or date every such entry would collide; its text tells them apart.
        material += f"\x1f{draft.summary}\x1f{draft.content_html or ''}"
    return "h:" + hashlib.sha1(material.encode("utf-8", "surrogatepass")).hexdigest()


def check_item_count(count: int) -> None:
    """Raise FeedFormatError("too_many_items") when a feed holds more than MAX_FEED_ITEMS."""
    if count > MAX_FEED_ITEMS:
        raise FeedFormatError(
            f"the feed holds {count:,} items, more than the {MAX_FEED_ITEMS:,} allowed",
            reason="too_many_items")


def finish_entries(drafts: list[EntryDraft]) -> list[FeedEntry]:
    """FeedEntry objects with keys that are unique within the feed and stable across polls.

    A guid counts only when no other entry of the same feed carries it (some CMSs repeat one
    guid for every item); those entries are keyed by link instead. Entries that still collide
    (true duplicates) get "#2", "#3"... in feed order. Linear in the number of entries.
    Raises FeedFormatError("too_many_items") past MAX_FEED_ITEMS.
    """
    check_item_count(len(drafts))
    guid_counts = Counter(draft.guid for draft in drafts if draft.guid)
    used: set[str] = set()
    # The next number to try per base key: counting up from 2 for every duplicate would cost
    # O(n^2) for n items sharing one key (measured: 20,000 items, minutes).
    next_number: dict[str, int] = {}
    entries = []
    for draft in drafts:
        if draft.guid and guid_counts[draft.guid] == 1:
            key = draft.guid
        elif draft.link:
            key = draft.link
        else:
            key = _hash_key(draft)
        if key in used:
            base, number = key, next_number.get(key, 2)
            while f"{base}#{number}" in used:
                number += 1
            key = f"{base}#{number}"
            next_number[base] = number + 1
        used.add(key)
        entries.append(FeedEntry(
            key=key, guid=draft.guid, link=draft.link, title=draft.title,
            published=draft.published, summary=draft.summary, content_html=draft.content_html,
        ))
    return entries
