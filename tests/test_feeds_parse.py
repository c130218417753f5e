"""parse_feed on every format we read, on keys, links, dates and text, and on broken input."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.ingest.feeds import FeedEntry, FeedFormatError, ParsedFeed, parse_feed

FEED_URL = "https://news.example.com/feeds/music.xml"

RSS20 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Harbour Beat &amp; Friends</title>
  <link>https://news.example.com/?utm_source=rss</link>
  <description>Music news</description>
  <item>
    <title>Mara Vale &quot;Glass Harbour&quot; &amp; the tour</title>
    <link>/music/mara-vale-glass-harbour?utm_source=rss&amp;utm_medium=feed&amp;id=7#comments</link>
    <guid isPermaLink="false">hb-1001</guid>
    <pubDate>Tue, 10 Jun 2025 09:00:00 KST</pubDate>
    <description>&lt;p&gt;Mara Vale is &lt;b&gt;back&lt;/b&gt;.&lt;/p&gt;
      &lt;p&gt;Her single   arrives on Friday.&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>Mara Vale is back.</p><p>Her single Glass Harbour arrives on
      Friday, with a video by Ines Okafor.</p>]]></content:encoded>
  </item>
  <item>
    <title>Lantern Records signs the Tide Singers</title>
    <link>https://news.example.com/labels/tide-singers?fbclid=abc</link>
    <pubDate>Mon, 09 Jun 2025 18:30:00 PDT</pubDate>
    <description>The label adds a second act.</description>
  </item>
  <item>
    <title>Tour dates, with &amp;quot;Harbour&amp;quot; nights</title>
    <pubDate>Sun, 08 Jun 2025 12:00:00 +0100</pubDate>
  </item>
</channel>
</rss>"""


def parse(body: bytes, **kwargs: str) -> ParsedFeed:
    return parse_feed(body, url=kwargs.pop("url", FEED_URL), **kwargs)


def rss_items(items: str, encoding: str = "utf-8") -> str:
    return (f'<?xml version="1.0" encoding="{encoding}"?>'
            f"<rss version=\"2.0\"><channel><title>T</title>{items}</channel></rss>")


def test_rss20() -> None:
    feed = parse(RSS20)
    assert feed.format == "rss20"
    assert feed.title == "Harbour Beat & Friends"
    assert feed.link == "https://news.example.com/"
    first, second, third = feed.entries
    assert first == FeedEntry(
        key="hb-1001",
        guid="hb-1001",
        link="https://news.example.com/music/mara-vale-glass-harbour?id=7",
        title='Mara Vale "Glass Harbour" & the tour',
        published=datetime(2025, 6, 10, 0, 0, tzinfo=UTC),
        summary="Mara Vale is back. Her single arrives on Friday.",
        content_html=first.content_html,
    )
    assert first.content_html is not None and "video by Ines Okafor" in first.content_html
    assert second.key == "https://news.example.com/labels/tide-singers" == second.link
    assert second.guid is None
    assert second.published == datetime(2025, 6, 10, 1, 30, tzinfo=UTC)
    assert second.content_html is None
    # Twice-escaped entities in a title are unescaped as a reader would expect.
    assert third.title == 'Tour dates, with "Harbour" nights'
    assert third.link is None and third.key.startswith("h:")
    assert third.published == datetime(2025, 6, 8, 11, 0, tzinfo=UTC)


def test_rss091_keys_by_link() -> None:
    body = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
  "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old Harbour</title><link>https://old.example.com/</link>
<description>d</description><language>en</language>
<item><title>Paper Lanterns at ten</title><link>https://old.example.com/lanterns#top</link>
<description>A look back.</description></item>
</channel></rss>"""
    feed = parse(body)
    assert feed.format == "rss091"
    (entry,) = feed.entries
    assert entry.key == entry.link == "https://old.example.com/lanterns"
    assert entry.title == "Paper Lanterns at ten" and entry.summary == "A look back."
    assert entry.published is None


def test_rss090() -> None:
    body = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns="http://my.netscape.com/rdf/simple/0.9/">
<channel><title>Ancient Beat</title><link>https://old.example.com/</link><description>d</description></channel>
<item><title>Glass Harbour demo found</title><link>https://old.example.com/demo</link></item>
</rdf:RDF>"""
    feed = parse(body)
    assert feed.format == "rss090"
    assert [e.title for e in feed.entries] == ["Glass Harbour demo found"]


def test_rss10_rdf() -> None:
    body = b"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example.com/"><title>RDF Beat</title>
<link>https://rdf.example.com/</link><description>d</description></channel>
<item rdf:about="https://rdf.example.com/a/1">
  <title>Mara Vale &amp; Tomas Reyes</title>
  <link>https://rdf.example.com/a/1?utm_campaign=x</link>
  <dc:date>2025-06-10T09:00:00+09:00</dc:date>
  <description>Producer and singer meet again.</description>
</item>
</rdf:RDF>"""
    feed = parse(body)
    assert feed.format == "rss10"
    (entry,) = feed.entries
    assert entry.guid == entry.key == "https://rdf.example.com/a/1"
    assert entry.link == "https://rdf.example.com/a/1"
    assert entry.title == "Mara Vale & Tomas Reyes"
    assert entry.published == datetime(2025, 6, 10, 0, 0, tzinfo=UTC)


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.com/blog/">
  <title type="html">Harbour &amp;quot;Notes&amp;quot;</title>
  <link rel="alternate" href="https://atom.example.com/"/>
  <link rel="self" href="https://atom.example.com/feed.atom"/>
  <id>urn:uuid:0d5e8c1a-harbour</id>
  <updated>2025-06-10T00:00:00Z</updated>
  <entry>
    <title type="html">&lt;em&gt;Glass Harbour&lt;/em&gt;
      &amp;quot;live&amp;quot; &amp;amp; loud</title>
    <link rel="alternate" type="text/html" href="posts/glass-harbour-live"/>
    <link rel="enclosure" href="audio/live.mp3"/>
    <id>tag:atom.example.com,2025:live</id>
    <published>2025-06-10T21:00:00+09:00</published>
    <updated>2025-06-11T10:00:00+09:00</updated>
    <summary>A night at the harbour.</summary>
    <content type="html">&lt;p&gt;First paragraph.&lt;/p&gt;
      &lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Second.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Only updated</title>
    <link href="/top-level"/>
    <id>tag:atom.example.com,2025:updated</id>
    <updated>2025-06-09T08:00:00-07:00</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <p>Inline <b>XHTML</b>.</p></div></content>
  </entry>
</feed>"""


def test_atom10() -> None:
    feed = parse(ATOM)
    assert feed.format == "atom10"
    assert feed.title == 'Harbour "Notes"'
    assert feed.link == "https://atom.example.com/"
    live, updated = feed.entries
    assert live.key == live.guid == "tag:atom.example.com,2025:live"
    assert live.title == 'Glass Harbour "live" & loud'
    assert live.link == "https://atom.example.com/blog/posts/glass-harbour-live"  # xml:base
    assert live.published == datetime(2025, 6, 10, 12, 0, tzinfo=UTC)  # published, not updated
    assert live.summary == "A night at the harbour."
    assert live.content_html is not None and "Second." in live.content_html
    assert "alert" not in live.content_html  # feedparser's sanitiser
    assert updated.link == "https://atom.example.com/top-level"
    assert updated.published == datetime(2025, 6, 9, 15, 0, tzinfo=UTC)
    assert updated.summary == "Inline XHTML."  # no summary: the content stands in


JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Harbour &amp; JSON",
    "home_page_url": "https://json.example.com/?utm_source=feed",
    "feed_url": "https://json.example.com/feed.json",
    "items": [
        {
            "id": "j-1",
            "url": "/posts/glass-harbour?ref_src=twsrc#x",
            "title": "Glass Harbour &quot;acoustic&quot;",
            "content_html": "<p>Acoustic take.</p><p>Recorded live.</p>",
            "summary": "An acoustic take.",
            "date_published": "2025-06-10T09:00:00+09:00",
            "authors": [{"name": "Jun Park"}],
        },
        {"id": 42, "url": "https://json.example.com/posts/42",
         "content_text": "Plain text.\n\nTwo.", "date_modified": "2025-06-09T10:00:00Z"},
        {"id": "", "external_url": "https://elsewhere.example.org/story", "title": "Elsewhere"},
        "not an item",
    ],
}


def test_json_feed_11() -> None:
    feed = parse(json.dumps(JSON_FEED).encode(), content_type="application/feed+json")
    assert feed.format == "json11"
    assert feed.title == "Harbour & JSON"
    assert feed.link == "https://json.example.com/"
    first, second, third = feed.entries
    assert first == FeedEntry(
        key="j-1", guid="j-1", link="https://news.example.com/posts/glass-harbour",  # fetched URL
        title='Glass Harbour "acoustic"', published=datetime(2025, 6, 10, 0, 0, tzinfo=UTC),
        summary="An acoustic take.", content_html="<p>Acoustic take.</p><p>Recorded live.</p>",
    )
    assert second.key == second.guid == "42"
    assert second.summary == "Plain text. Two."
    assert second.content_html == "<p>Plain text.</p><p>Two.</p>"
    assert second.published == datetime(2025, 6, 9, 10, 0, tzinfo=UTC)
    assert third.guid is None and third.key == third.link == "https://elsewhere.example.org/story"


def test_json_feed_10_without_a_url_uses_its_feed_url() -> None:
    document = {**JSON_FEED, "version": "https://jsonfeed.org/version/1"}
    feed = parse_feed(json.dumps(document).encode())
    assert feed.format == "json1"
    assert feed.entries[0].link == "https://json.example.com/posts/glass-harbour"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"version": "1", "items": []}', "not a JSON Feed"),
        (b'[1, 2]', "not a JSON Feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": ', "malformed"),
        (b'{"version": "https://jsonfeed.org/version/1.1"}', "no items"),
        (b"[" * 100_000, "nested too deeply"),
    ],
)
def test_json_that_is_not_a_feed(body: bytes, message: str) -> None:
    with pytest.raises(FeedFormatError) as caught:
        parse(body)
    assert message in caught.value.message


def test_a_guid_shared_by_several_items_falls_back_to_links() -> None:
    items = "".join(
        f"<item><title>Story {n}</title><link>https://news.example.com/s/{n}</link>"
        f"<guid>same-guid</guid></item>" for n in (1, 2)
    ) + "<item><title>Own</title><link>https://news.example.com/s/3</link><guid>own</guid></item>"
    keys = [entry.key for entry in parse(rss_items(items).encode()).entries]
    assert keys == ["https://news.example.com/s/1", "https://news.example.com/s/2", "own"]


def test_keys_are_unique_even_for_true_duplicates() -> None:
    item = "<item><title>Echo</title><link>https://news.example.com/echo</link><guid>g</guid></item>"
    untitled = "<item><description>No title, no date.</description></item>"
    echo = [item.replace("</guid>", f"</guid><description>{n}</description>") for n in "abc"]
    feed = parse(rss_items("".join(echo) + untitled * 2).encode())
    keys = [entry.key for entry in feed.entries]
    # The oldest (last, without dates) keeps the link; the others are title + date, numbered.
    assert keys[0].startswith("h:") and keys[1] == keys[0] + "#2"
    assert keys[2] == "https://news.example.com/echo"
    # An item listed twice, every field the same, is one item.
    assert len(keys) == 4 and keys[3].startswith("h:")
    assert len(set(keys)) == len(keys)


def _item(title: str, link: str | None = None, date: str | None = None,
          guid: str | None = None, description: str = "") -> str:
    parts = [f"<title>{title}</title>"]
    if link is not None:
        parts.append(f"<link>{link}</link>")
    if guid:
        parts.append(f"<guid>{guid}</guid>")
    if date:
        parts.append(f"<pubDate>{date} 2025 10:00:00 GMT</pubDate>")
    if description:
        parts.append(f"<description>{description}</description>")
    return "<item>" + "".join(parts) + "</item>"


def test_links_that_differ_only_by_fragment_are_items_of_their_own() -> None:
    # A weblog's day page with one anchor per post: each anchor is an item, and its link.
    day = "https://blog.example.com/2025/06/09"
    posts = [_item(f"Post {n}", f"{day}#a{n}", "Mon, 09 Jun", description="Comments")
             for n in (3, 2, 1)]
    entries = parse(rss_items("".join(posts)).encode()).entries
    assert [e.link for e in entries] == [f"{day}#a3", f"{day}#a2", f"{day}#a1"]
    assert len({e.key for e in entries}) == 3
    assert not any(e.key.startswith(("h:", f"{day}#2")) for e in entries)


def test_a_fragment_alone_does_not_make_an_item_new() -> None:
    # One item per link: its fragment ("#comments") is no part of who it is.
    (entry,) = parse(rss_items(_item("Solo", "https://news.example.com/solo#comments"))
                     .encode()).entries
    assert entry.key == entry.link == "https://news.example.com/solo"


def test_an_item_reusing_an_older_item_s_link_is_its_own_item() -> None:
    # A sponsor post linking to a story already in the feed: the story keeps its key, the
    # sponsor post is keyed by its title and date, whichever comes first in the feed.
    story = _item("Glass Harbour review", "https://news.example.com/glass", "Mon, 09 Jun")
    sponsor = _item("Sponsored: win tickets", "https://news.example.com/glass", "Tue, 10 Jun")
    (alone,) = parse(rss_items(story).encode()).entries
    both = parse(rss_items(sponsor + story).encode()).entries
    assert both[1].key == alone.key == "https://news.example.com/glass"
    assert both[0].key.startswith("h:") and both[0].title == "Sponsored: win tickets"
    assert both[0].link == both[1].link


def test_items_without_guid_or_link_are_told_apart_by_title_and_date() -> None:
    items = [_item("Same title", None, day) for day in ("Tue, 10 Jun", "Mon, 09 Jun")]
    keys = [e.key for e in parse(rss_items("".join(items)).encode()).entries]
    assert all(k.startswith("h:") and "#" not in k for k in keys) and len(set(keys)) == 2


def test_keys_are_stable_when_new_items_arrive() -> None:
    old = "<item><title>Old</title><pubDate>Mon, 09 Jun 2025 10:00:00 GMT</pubDate></item>"
    new = "<item><title>New</title><link>https://news.example.com/new</link></item>"
    before = parse(rss_items(old).encode()).entries[0].key
    after = [e.key for e in parse(rss_items(new + old).encode()).entries]
    assert after == ["https://news.example.com/new", before]
    assert before == parse(rss_items(old).encode()).entries[0].key


def test_links_that_are_not_web_urls_are_dropped() -> None:
    item = "<item><title>X</title><link>javascript:alert(1)</link></item>"
    (entry,) = parse(rss_items(item).encode()).entries
    assert entry.link is None and entry.key.startswith("h:")
    relative = "<item><title>Y</title><link>/y</link></item>"
    (entry,) = parse_feed(rss_items(relative).encode()).entries  # no feed URL to resolve against
    assert entry.link is None


def test_a_link_longer_than_discord_takes_is_dropped() -> None:
    long_link = "https://news.example.com/story?ref=" + "x" * 2100
    item = f"<item><title>Z</title><link>{long_link}</link></item>"
    (entry,) = parse(rss_items(item).encode()).entries
    assert entry.link is None and entry.title == "Z"
    fits = "https://news.example.com/story?ref=" + "x" * 1900
    item = f"<item><title>Z</title><link>{fits}</link></item>"
    (entry,) = parse(rss_items(item).encode()).entries
    assert entry.link == fits


def test_dates_in_unknown_zones_are_left_unknown() -> None:
    item = "<item><title>X</title><pubDate>Tue, 10 Jun 2025 09:00:00 XYZ</pubDate></item>"
    (entry,) = parse(rss_items(item).encode()).entries
    assert entry.published is None


def test_latin1_declared_as_utf8_stays_readable() -> None:
    items = ("<item><title>Liséa and Mara Vale: café señor</title>"
             "<description>Déjà vu at the Glass Harbour première</description></item>")
    body = rss_items(items).encode("latin-1")  # but the declaration says utf-8
    (entry,) = parse(body).entries
    assert entry.title == "Liséa and Mara Vale: café señor"
    assert entry.summary == "Déjà vu at the Glass Harbour première"


def test_declared_latin1_and_rss_served_as_text_html() -> None:
    items = "<item><title>Liséa</title><link>https://news.example.com/b</link></item>"
    body = rss_items(items, encoding="iso-8859-1").encode("latin-1")
    (entry,) = parse(body, content_type="text/html; charset=iso-8859-1").entries
    assert entry.title == "Liséa"


def test_truncated_xml_keeps_the_items_it_has() -> None:
    cut = RSS20[: RSS20.index(b"<title>Tour dates")]
    feed = parse(cut)
    assert [e.title for e in feed.entries][:2] == [
        'Mara Vale "Glass Harbour" & the tour', "Lantern Records signs the Tide Singers",
    ]


def test_a_valid_feed_without_items_is_empty_not_an_error() -> None:
    feed = parse(rss_items("").encode())
    assert feed.entries == [] and feed.title == "T" and feed.format == "rss20"


HTML_PAGE = b"""<!DOCTYPE html>
<html><head><title>Harbour Beat</title>
<link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.xml?utm_source=page">
<link rel="stylesheet" href="/style.css"></head>
<body><p>Mara Vale news</p></body></html>"""


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty response"),
        (b" \n\t ", "empty response"),
        (HTML_PAGE.replace(b"<link rel=\"alternate\"", b"<link rel=\"x\""),
         "this is an HTML page, not a feed (did you mean its RSS link?)"),
        (b'<?xml version="1.0"?>\n<!-- a comment -->\n<html xmlns="http://www.w3.org/1999/xhtml">'
         b"<body>x</body></html>", "HTML page"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><ite',
         "the XML is malformed and holds no items"),
        (b'<?xml version="1.0"?><catalog><cd>Glass Harbour</cd></catalog>',
         "not a feed (its root element is <catalog>)"),
        (b"Glass Harbour is out now", "neither XML nor JSON"),
        (b"\x00\x01\x02\xff\xfe", "neither XML nor JSON"),
    ],
)
def test_what_is_not_a_feed_says_why(body: bytes, message: str) -> None:
    with pytest.raises(FeedFormatError) as caught:
        parse(body)
    assert message in caught.value.message
    assert str(caught.value) == caught.value.message


def test_an_html_page_names_its_feed() -> None:
    with pytest.raises(FeedFormatError) as caught:
        parse(HTML_PAGE, url="https://news.example.com/music/")
    assert caught.value.alternates == ("https://news.example.com/feed.xml",)
    assert "https://news.example.com/feed.xml" in caught.value.message


def test_a_body_that_is_a_file_path_is_not_opened(tmp_path: Path) -> None:
    # feedparser.parse(bytes) opens the bytes as a file name when such a file exists.
    secret = tmp_path / "secret.xml"
    secret.write_bytes(rss_items("<item><title>Private</title></item>").encode())
    with pytest.raises(FeedFormatError):
        parse(str(secret).encode())


def test_parsing_twice_gives_equal_results() -> None:
    assert parse(RSS20) == parse(RSS20)
    assert parse(ATOM) == parse(ATOM)


def assert_feed_or_error(body: bytes) -> None:
    try:
        feed = parse_feed(body, url=FEED_URL)
    except FeedFormatError as error:
        assert error.message
        return
    keys = [entry.key for entry in feed.entries]
    assert len(keys) == len(set(keys))
    for entry in feed.entries:
        assert entry.published is None or entry.published.tzinfo is UTC


@settings(max_examples=200)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_feed_or_a_format_error(body: bytes) -> None:
    assert_feed_or_error(body)


SEEDS = [RSS20, ATOM, json.dumps(JSON_FEED).encode(), HTML_PAGE]


@settings(max_examples=200)
@given(st.sampled_from(SEEDS), st.integers(0, 4000), st.integers(0, 4000), st.binary(max_size=40))
def test_damaged_feeds_give_a_feed_or_a_format_error(
    seed: bytes, start: int, stop: int, junk: bytes
) -> None:
    start, stop = sorted((start % (len(seed) + 1), stop % (len(seed) + 1)))
    assert_feed_or_error(seed[:start] + junk + seed[stop:])


# Feeds some sites publish inside an (X)HTML page: feedparser reads them from the whole page.
ATOM_IN_XHTML = b"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"
  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Harbour page</title></head>
<body><p>Our news, as a feed:</p>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour in a page</title>
<link href="https://page.example.com/"/>
<entry><id>urn:harbour:2</id><title>Second night</title>
<link href="https://page.example.com/2"/><updated>2025-06-11T09:00:00Z</updated></entry>
<entry><id>urn:harbour:1</id><title>First night</title>
<link href="https://page.example.com/1"/><updated>2025-06-10T09:00:00Z</updated></entry>
</feed></body></html>"""

PREFIXED_ATOM_IN_XHTML = b"""<html xmlns="http://www.w3.org/1999/xhtml"
 xmlns:a="http://www.w3.org/2005/Atom"><body><a:feed><a:title>Prefixed</a:title>
<a:entry><a:id>urn:p:1</a:id><a:title>Prefixed item</a:title>
<a:link href="https://page.example.com/p1"/></a:entry></a:feed></body></html>"""

RSS_IN_HTML = b"""<!DOCTYPE html><html><head><title>Page</title></head><body>
<rss version="2.0"><channel><title>Channel in a page</title>
<item><title>Embedded item</title><link>https://page.example.com/r1</link>
<pubDate>Tue, 10 Jun 2025 09:00:00 GMT</pubDate></item></channel></rss></body></html>"""


def test_an_atom_feed_inside_an_xhtml_page_is_read() -> None:
    feed = parse(ATOM_IN_XHTML)
    assert feed.format == "atom10"
    assert [e.title for e in feed.entries] == ["Second night", "First night"]
    assert [e.key for e in feed.entries] == ["urn:harbour:2", "urn:harbour:1"]
    assert feed.entries[0].published == datetime(2025, 6, 11, 9, tzinfo=UTC)


def test_a_prefixed_atom_feed_inside_xhtml_is_read() -> None:
    feed = parse(PREFIXED_ATOM_IN_XHTML)
    assert [(e.title, e.link) for e in feed.entries] == [
        ("Prefixed item", "https://page.example.com/p1")]


def test_an_rss_channel_inside_an_html_page_is_read() -> None:
    feed = parse(RSS_IN_HTML)
    assert feed.format == "rss"
    assert [(e.title, e.link) for e in feed.entries] == [
        ("Embedded item", "https://page.example.com/r1")]


@pytest.mark.parametrize("body", [
    HTML_PAGE,
    # Words such as "feed" or "rss" in a page's text or tags are not a feed element.
    b"<!DOCTYPE html><html><body><feedback>x</feedback><p>our rss feed</p></body></html>",
    # A feed element with nothing in it is still a page.
    b"<!DOCTYPE html><html><body><feed></feed></body></html>",
])
def test_a_page_without_an_embedded_feed_is_still_refused(body: bytes) -> None:
    with pytest.raises(FeedFormatError) as caught:
        parse(body)
    assert "this is an HTML page, not a feed" in caught.value.message
