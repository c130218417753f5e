"""What a parsed feed is (ParsedFeed, FeedEntry, FeedFormatError) and how entries get keys."""

from __future__ import annotations

import hashlib
import html
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal
from urllib.parse import urljoin

from bot.ingest.urls import MAX_LINK_LENGTH, canonical_url, is_web_url

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

    key: str  # stable and unique within the feed: guid, else link, else "h:" + sha1(title, date)
    guid: str | None
    # Canonical, absolute http(s), resolved against the feed URL; with its fragment only when
    # the feed's links differ by nothing else.
    link: str | None
    title: str | None  # plain text
    published: datetime | None  # aware UTC
    summary: str  # plain text on one line, may be ""
    content_html: str | None  # the fullest content the feed carries, as HTML
    # The key by title and date ("h:" + sha1): what an item keyed by its link is keyed by when
    # another item of the feed (or one stored before) has the same link.
    title_key: str = field(default="", compare=False)
    # The link as the feed gave it, fragment and all (canonical otherwise): what a post links
    # to, and how an item stored under another of its keys is recognised.
    full_link: str | None = field(default=None, compare=False)
    # The date as the feed wrote it. With `published` None, a date the feed gave but no reader
    # understood (the item is dated by its fetch time when stored, and ordered by position).
    raw_date: str | None = field(default=None, compare=False)

    @property
    def date_unread(self) -> bool:
        """Whether the feed gave a date that could not be read."""
        return self.published is None and bool(self.raw_date)


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


def clean_link(link: object, base: str | None, *, keep_fragment: bool = False) -> str | None:
    """`link` made absolute against `base` and canonical, or None if it is not a web URL.

    An item's link keeps its fragment here (`keep_fragment`); `finish_entries` drops it unless
    the feed's links differ only by it."""
    if not isinstance(link, str) or not link.strip():
        return None
    try:
        absolute = urljoin(base, link.strip()) if base else link.strip()
    except ValueError:
        return None
    if not is_web_url(absolute):
        return None
    canonical = canonical_url(absolute, keep_fragment=keep_fragment)
    # A longer link fits neither the link columns nor a Discord embed's URL (a 400 at posting).
    return canonical if len(canonical) <= MAX_LINK_LENGTH else None


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

    An item is its guid, when no other entry of the feed carries it (some CMSs repeat one guid
    for every item); else its link, with the fragment when the feed has links that differ only
    by it ("/2026/11/25#a1", "/2026/11/25#a2": one page, several posts); else its title and
    date. Of several entries sharing a link, the oldest keeps the link as its key (it was the
    only one when it was first stored) and the others are keyed by title and date, so a later
    item that reuses a link (a sponsor post) is an item of its own. An entry repeated exactly
    is kept once; entries that still collide (same link, title and date, other text) get "#2",
    "#3"... in feed order. Linear in the number of entries.
    Raises FeedFormatError("too_many_items") past MAX_FEED_ITEMS.
    """
    check_item_count(len(drafts))
    # An entry repeated exactly (every field the same) is one item listed twice, not two.
    drafts = list(dict.fromkeys(drafts))
    links = _item_links(drafts)
    guid_counts = Counter(draft.guid for draft in drafts if draft.guid)
    by_guid = [bool(d.guid and guid_counts[d.guid] == 1) for d in drafts]
    # Which entry of each shared link keeps it as its key: the oldest.
    sharing: dict[str, list[int]] = {}
    for index, link in enumerate(links):
        if link and not by_guid[index]:
            sharing.setdefault(link, []).append(index)
    keeps_link = {_oldest(drafts, indexes) for indexes in sharing.values()}
    used: set[str] = set()
    # The next number to try per base key: counting up from 2 for every duplicate would cost
    # O(n^2) for n items sharing one key (measured: 20,000 items, minutes).
    next_number: dict[str, int] = {}
    entries = []
    for index, draft in enumerate(drafts):
        link = links[index]
        title_key = _hash_key(draft)
        if by_guid[index]:
            key = draft.guid or ""
        elif link and index in keeps_link:
            key = link
        else:
            key = title_key
        if key in used:
            base, number = key, next_number.get(key, 2)
            while f"{base}#{number}" in used:
                number += 1
            key = f"{base}#{number}"
            next_number[base] = number + 1
        used.add(key)
        entries.append(FeedEntry(
            key=key, guid=draft.guid, link=link, title=draft.title,
            published=draft.published, summary=draft.summary, content_html=draft.content_html,
            title_key=title_key, full_link=draft.link, raw_date=draft.raw_date,
        ))
    return entries


def is_link_keyed(entry: FeedEntry) -> bool:
    """Whether the entry is keyed by its link (not a guid, nor title and date)."""
    return bool(entry.link) and entry.key == entry.link


def other_keys(entry: FeedEntry) -> list[str]:
    """The keys a link-keyed entry may have been stored under before: its link with or without
    the fragment (whether the fragment counts depends on the feed's other items at the time),
    and its title and date (when another item held its link)."""
    if not is_link_keyed(entry) or not entry.link:
        return []
    full = entry.full_link or entry.link
    keys = [entry.link.partition("#")[0], full, entry.title_key]
    return [k for k in dict.fromkeys(keys) if k and k != entry.key]


def same_item(entry: FeedEntry, link: str | None, title: str | None,
              published: datetime | None) -> bool:
    """Whether a stored item (its link, title and date) is this entry. Two links with
    different fragments are two items; otherwise it is the same item unless both its title and
    its date differ (a rewritten title or date alone is the same item)."""
    full = entry.full_link or entry.link
    if link and full and "#" in link and "#" in full:
        return link == full
    return not (entry.title is not None and title is not None and entry.title != title
                and entry.published is not None and published is not None
                and entry.published != published)


def _item_links(drafts: list[EntryDraft]) -> list[str | None]:
    """Each entry's link, without its fragment unless other entries of the feed have the same
    link with another fragment (then the fragment is what tells them apart)."""
    bare = [d.link.partition("#")[0] if d.link else None for d in drafts]
    fragments: dict[str, set[str]] = {}
    for link, draft in zip(bare, drafts, strict=True):
        if link and draft.link:
            fragments.setdefault(link, set()).add(draft.link)
    return [draft.link if link and len(fragments[link]) > 1 else link
            for link, draft in zip(bare, drafts, strict=True)]


def _oldest(drafts: list[EntryDraft], indexes: list[int]) -> int:
    """The oldest of these entries: the earliest dated one, else the last in feed order
    (feeds list the newest first); of equal dates, the last in feed order."""
    dated = [i for i in indexes if drafts[i].published is not None]
    if not dated:
        return indexes[-1]
    return min(reversed(dated), key=lambda i: drafts[i].published or datetime.min)
