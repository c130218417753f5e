"""An article as gathered from a feed item or a page, before it is stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.ingest.article import PageText, content_hash, summarize, text_from_html_fragment
from bot.ingest.feeds import FeedEntry
from bot.ingest.urls import canonical_url, host_of


@dataclass(frozen=True)
class ArticleDraft:
    """Everything stored about one article; `published` None means "use the fetch time"."""

    url: str | None
    guid: str | None
    title: str | None
    source: str | None
    published: datetime | None
    text: str
    summary: str
    content_hash: str


def draft_from_entry(entry: FeedEntry, feed_title: str | None,
                     page: PageText | None = None) -> ArticleDraft:
    """A feed item, with its page's main text when that was fetched and is the fuller text."""
    feed_text = text_from_html_fragment(entry.content_html) if entry.content_html else ""
    if len(entry.summary) > len(feed_text):
        feed_text = entry.summary
    text = page.text if page is not None and len(page.text) > len(feed_text) else feed_text
    url = entry.link or (page.canonical_url if page else None)
    source = (page.site_name if page else None) or feed_title or (host_of(url) if url else None)
    return ArticleDraft(
        url=url,
        guid=entry.guid,
        title=entry.title or (page.title if page else None),
        source=_clip(source, 200),
        # The feed's date first, then the page's; the store falls back to the fetch time.
        published=entry.published or (page.published if page else None),
        text=text,
        summary=entry.summary[:1000] if entry.summary else summarize(text),
        content_hash=content_hash(text or entry.title or url or entry.key),
    )


def draft_from_page(page: PageText, url: str | None,
                    published: datetime | None = None) -> ArticleDraft:
    """A single article page (`/ingest URL`, `fanzine ingest FILE`)."""
    canonical = page.canonical_url or (canonical_url(url) if url else None)
    source = page.site_name or (host_of(canonical) if canonical else None)
    return ArticleDraft(
        url=canonical,
        guid=None,
        title=page.title,
        source=_clip(source, 200),
        published=published or page.published,
        text=page.text,
        summary=summarize(page.text),
        content_hash=content_hash(page.text or page.title or canonical or ""),
    )


def _clip(text: str | None, limit: int) -> str | None:
    return text[:limit] if text else None
