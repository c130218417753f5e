"""Feeds and article pages we write ourselves (RSS 0.91/1.0/2.0, Atom, JSON Feed, HTML)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape as html_escape
from xml.sax.saxutils import escape as xml_escape

SITE_TITLE = "Velvet Static"
SITE_URL = "https://velvet-static.example/"


@dataclass(frozen=True)
class Item:
    """One feed entry. Dates without a time zone are taken as UTC."""

    title: str
    link: str
    guid: str | None = None
    published: datetime | None = None
    summary: str = ""
    content_html: str = ""


def _utc(when: datetime) -> datetime:
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when


def _rfc822(when: datetime) -> str:
    return format_datetime(_utc(when))


def _rfc3339(when: datetime) -> str:
    return _utc(when).isoformat().replace("+00:00", "Z")


def _x(text: str) -> str:
    return xml_escape(text, {'"': "&quot;"})


def rss(items: Sequence[Item], title: str = SITE_TITLE, link: str = SITE_URL,
        description: str = "Music news we wrote for tests") -> str:
    """An RSS 2.0 feed with guid, pubDate, description and content:encoded."""
    entries = []
    for item in items:
        parts = [f"<title>{_x(item.title)}</title>", f"<link>{_x(item.link)}</link>"]
        guid = item.guid or item.link
        permalink = "true" if guid == item.link else "false"
        parts.append(f'<guid isPermaLink="{permalink}">{_x(guid)}</guid>')
        if item.published:
            parts.append(f"<pubDate>{_rfc822(item.published)}</pubDate>")
        if item.summary:
            parts.append(f"<description>{_x(item.summary)}</description>")
        if item.content_html:
            parts.append(f"<content:encoded>{_x(item.content_html)}</content:encoded>")
        entries.append("    <item>\n      " + "\n      ".join(parts) + "\n    </item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
        "  <channel>\n"
        f"    <title>{_x(title)}</title>\n    <link>{_x(link)}</link>\n"
        f"    <description>{_x(description)}</description>\n    <language>en</language>\n"
        + "\n".join(entries) + "\n  </channel>\n</rss>\n"
    )


def rss091(items: Sequence[Item], title: str = SITE_TITLE, link: str = SITE_URL) -> str:
    """An RSS 0.91 feed: no guid, no dates on items, a description only."""
    entries = "\n".join(
        f"    <item>\n      <title>{_x(i.title)}</title>\n      <link>{_x(i.link)}</link>\n"
        f"      <description>{_x(i.summary)}</description>\n    </item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="0.91">\n  <channel>\n'
        f"    <title>{_x(title)}</title>\n    <link>{_x(link)}</link>\n"
        "    <description>Music news</description>\n    <language>en-us</language>\n"
        f"{entries}\n  </channel>\n</rss>\n"
    )


def rss10(items: Sequence[Item], title: str = SITE_TITLE, link: str = SITE_URL) -> str:
    """An RSS 1.0 (RDF) feed with Dublin Core dates."""
    seq = "\n".join(f'        <rdf:li rdf:resource="{_x(i.link)}"/>' for i in items)
    entries = []
    for item in items:
        date = f"\n    <dc:date>{_rfc3339(item.published)}</dc:date>" if item.published else ""
        entries.append(
            f'  <item rdf:about="{_x(item.link)}">\n    <title>{_x(item.title)}</title>\n'
            f"    <link>{_x(item.link)}</link>\n"
            f"    <description>{_x(item.summary)}</description>{date}\n  </item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"\n'
        '         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        f'  <channel rdf:about="{_x(link)}">\n    <title>{_x(title)}</title>\n'
        f"    <link>{_x(link)}</link>\n    <description>Music news</description>\n"
        f"    <items>\n      <rdf:Seq>\n{seq}\n      </rdf:Seq>\n    </items>\n  </channel>\n"
        + "\n".join(entries) + "\n</rdf:RDF>\n"
    )


def atom(items: Sequence[Item], title: str = SITE_TITLE, link: str = SITE_URL,
         updated: datetime | None = None) -> str:
    """An Atom 1.0 feed; entries without a date get the feed's `updated`."""
    dates = [i.published for i in items if i.published]
    feed_updated = updated or (max(map(_utc, dates)) if dates else datetime(2026, 1, 1, tzinfo=UTC))
    entries = []
    for item in items:
        when = _rfc3339(item.published or feed_updated)
        parts = [
            f'<title type="text">{_x(item.title)}</title>',
            f'<link rel="alternate" type="text/html" href="{_x(item.link)}"/>',
            f"<id>{_x(item.guid or item.link)}</id>",
            f"<published>{when}</published>",
            f"<updated>{when}</updated>",
        ]
        if item.summary:
            parts.append(f'<summary type="text">{_x(item.summary)}</summary>')
        if item.content_html:
            parts.append(f'<content type="html">{_x(item.content_html)}</content>')
        entries.append("  <entry>\n    " + "\n    ".join(parts) + "\n  </entry>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <title>{_x(title)}</title>\n  <link href=\"{_x(link)}\"/>\n"
        f"  <id>{_x(link)}</id>\n  <updated>{_rfc3339(feed_updated)}</updated>\n"
        f"  <author><name>{_x(title)} staff</name></author>\n"
        + "\n".join(entries) + "\n</feed>\n"
    )


def json_feed(items: Sequence[Item], title: str = SITE_TITLE, link: str = SITE_URL) -> str:
    """A JSON Feed 1.1 document."""
    entries = []
    for item in items:
        entry: dict[str, str] = {"id": item.guid or item.link, "url": item.link,
                                 "title": item.title}
        if item.published:
            entry["date_published"] = _rfc3339(item.published)
        if item.summary:
            entry["summary"] = item.summary
        entry["content_html"] = item.content_html or f"<p>{html_escape(item.summary)}</p>"
        entries.append(entry)
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": title,
                       "home_page_url": link, "items": entries}, indent=2, ensure_ascii=False)


def article_page(title: str, paragraphs: Sequence[str], published: datetime | None = None,
                 comments: Sequence[str] = (), *, author: str = "Ines Okafor",
                 site: str = SITE_TITLE) -> str:
    """A realistic article page: nav, cookie banner, the article, comments and a footer.

    Only `title` and `paragraphs` are the article; everything around it is the clutter a text
    extractor has to leave out.
    """
    time_tag = ""
    if published:
        when = _utc(published)
        time_tag = (f'<time datetime="{_rfc3339(when)}">'
                    f"{when.day} {when:%B %Y}</time>")
    meta_date = (f'<meta property="article:published_time" content="{_rfc3339(published)}">'
                 if published else "")
    body = "\n".join(f"      <p>{html_escape(p)}</p>" for p in paragraphs)
    comment_items = "\n".join(
        f'      <li class="comment"><span class="who">listener{n}</span> '
        f"<p>{html_escape(c)}</p></li>" for n, c in enumerate(comments, start=1)
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{html_escape(title)} | {html_escape(site)}</title>
  <meta property="og:title" content="{html_escape(title)}">
  <meta property="og:type" content="article">
  {meta_date}
  <link rel="alternate" type="application/rss+xml" title="{html_escape(site)}" href="/feed.xml">
</head>
<body>
  <div id="cookie-banner" class="consent">
    <p>We use cookies to remember your playlist preferences. <button>Accept all</button>
    <button>Manage choices</button></p>
  </div>
  <header>
    <nav>
      <a href="/">{html_escape(site)}</a> <a href="/news">News</a> <a href="/reviews">Reviews</a>
      <a href="/tours">Tour dates</a> <a href="/subscribe">Subscribe</a>
    </nav>
  </header>
  <main>
    <article>
      <h1>{html_escape(title)}</h1>
      <p class="byline">By {html_escape(author)} {time_tag}</p>
{body}
    </article>
    <aside class="related">
      <h2>Read next</h2>
      <ul><li><a href="/news/tour-diary">Tour diary: three nights in Lisbon</a></li>
      <li><a href="/news/vinyl-week">Vinyl week: the pressings we are waiting for</a></li></ul>
    </aside>
    <section id="comments">
      <h2>{len(comments)} comments</h2>
      <ul>
{comment_items}
      </ul>
    </section>
  </main>
  <footer>
    <p>© 2026 {html_escape(site)}. All rights reserved. <a href="/privacy">Privacy</a>
    <a href="/terms">Terms</a></p>
  </footer>
</body>
</html>
"""


def mara_vale_items(base: str = "https://velvet-static.example/news/") -> list[Item]:
    """Three made-up news items about the made-up artist Mara Vale."""
    return [
        Item(
            title="Mara Vale announces new single “Glass Harbour”",
            link=f"{base}mara-vale-glass-harbour",
            published=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
            summary="Mara Vale will release the single Glass Harbour on 20 March 2026.",
            content_html="<p>Mara Vale will release the single <em>Glass Harbour</em> on "
                         "20 March 2026, her first since the album <em>Low Tide Choir</em>.</p>",
        ),
        Item(
            title="Mara Vale adds autumn dates in Porto and Ghent",
            link=f"{base}mara-vale-autumn-tour",
            guid="velvet-static-2026-0412",
            published=datetime(2026, 4, 12, 14, 0, tzinfo=UTC),
            summary="The tour now ends in Ghent on 3 October 2026.",
            content_html="<p>The tour now ends at Vooruit in Ghent on 3 October 2026.</p>",
        ),
        Item(
            title="Café sessions: Mara Vale plays “Glass Harbour” live",
            link=f"{base}cafe-sessions-mara-vale",
            published=datetime(2026, 5, 1, 18, 0, tzinfo=UTC),
            summary="A stripped-down take recorded in one afternoon — piano, cello and voice.",
        ),
    ]
