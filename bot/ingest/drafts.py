"""An article as gathered from a feed item or a page, before it is stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.ingest.article import PageText, content_hash, summarize, text_from_html_fragment
from bot.ingest.feeds import FeedEntry
from bot.ingest.urls import canonical_url, host_of
from bot.kinds_and_states import TextFrom


@dataclass(frozen=True)
class ArticleDraft:
    """Everything stored about one article; `published` None means "use the fetch time".

    `title`, `published` and `summary` are what the item itself says (a feed item's row shows
    them). When the text is the article's own page (`text_from` PAGE), the page's title and
    date go with it (`page_title`, `page_published`): items of other feeds that carry the link
    share that article, so it never keeps one feed's words beside the page's text."""

    url: str | None
    guid: str | None
    title: str | None
    source: str | None
    published: datetime | None
    text: str
    summary: str
    content_hash: str
    text_from: TextFrom = TextFrom.FEED
    page_title: str | None = None
    page_published: datetime | None = None

    @property
    def article_title(self) -> str | None:
        """The stored article's title: the page's with the page's text."""
        return (self.page_title or self.title) if self.text_from == TextFrom.PAGE else self.title

    @property
    def article_published(self) -> datetime | None:
        """The stored article's date: the page's with the page's text (its relative dates,
        "next Friday", are the page's), else the item's."""
        if self.text_from == TextFrom.PAGE:
            return self.page_published or self.published
        return self.published

    @property
    def article_summary(self) -> str:
        """The stored article's summary: of the page's text with it, else the item's."""
        return summarize(self.text) if self.text_from == TextFrom.PAGE else self.summary


def draft_from_entry(entry: FeedEntry, feed_title: str | None,
                     page: PageText | None = None) -> ArticleDraft:
    """A feed item, with its page's main text when that was fetched and is the fuller text."""
    feed_text = text_from_html_fragment(entry.content_html) if entry.content_html else ""
    if len(entry.summary) > len(feed_text):
        feed_text = entry.summary
    from_page = page is not None and len(page.text) > len(feed_text)
    text = page.text if page is not None and from_page else feed_text
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
        text_from=TextFrom.PAGE if from_page else TextFrom.FEED,
        page_title=page.title if page is not None and from_page else None,
        page_published=page.published if page is not None and from_page else None,
    )


def draft_from_page(page: PageText, url: str | None, published: datetime | None = None, *,
                    text_from: TextFrom = TextFrom.PAGE) -> ArticleDraft:
    """A single article page: fetched from `url` (`/ingest URL`), or a moderator's file
    (`text_from` FILE). A fetched page's own canonical link counts only on the host it was
    fetched from: a page elsewhere cannot claim another site's story."""
    canonical = canonical_url(url) if url else None
    if page.canonical_url and (text_from != TextFrom.PAGE or canonical is None
                               or host_of(page.canonical_url) == host_of(canonical)):
        canonical = page.canonical_url
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
        text_from=text_from,
    )


def _clip(text: str | None, limit: int) -> str | None:
    return text[:limit] if text else None
