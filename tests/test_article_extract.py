"""Article text from pages, feed HTML and local files; content hashes and summaries."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.ingest.article import (
    TRAFILATURA_SETTINGS,
    PageText,
    content_hash,
    extract_page,
    read_article_file,
    summarize,
    text_from_html_fragment,
)
from bot.ingest.drafts import draft_from_entry, draft_from_page
from bot.ingest.feedmodel import FeedEntry
from bot.kinds_and_states import TextFrom

PARAGRAPHS = [
    "Mara Vale released her new single Glass Harbour on Friday, June 6, through Lantern "
    "Records, ending a two-year silence that fans had filled with rumours about a farewell tour.",
    "The song opens with a slow piano figure before the drums arrive, and Vale said in a "
    "statement that she wrote it in one night at a rented cottage on the northern coast.",
    "Producer Tomas Reyes, who also worked on her debut album Paper Lanterns, recorded the "
    "strings in a single take because the players wanted the small mistakes to stay in.",
    "A music video directed by Ines Okafor follows the singer across a harbour at dawn, and it "
    "passed one million views within a day of its premiere on Saturday morning.",
    "Vale will open a twelve-date tour in Lisbon on September 14, with tickets going on sale "
    "next Wednesday through the official fan club before the general release.",
    "Her second album, still untitled, is due early next year, and Lantern Records confirmed "
    "that Glass Harbour will be its first track when the record finally arrives. Liséa-style "
    "accents survive: café, señor, déjà vu.",
]
COMMENT = "Best song of the year, I have played it forty times already!"
SECOND_COMMENT = "The strings at the end gave me chills, what a return."
COOKIE = "We use cookies to improve your experience. Accept all cookies to continue browsing."
NAV = ["Home", "Reviews", "Tour archive"]
TRENDING = "Ten albums to hear this week"
FOOTER = "All rights reserved. Privacy policy and terms of use."

SEMANTIC_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Mara Vale returns with Glass Harbour | Harbour Beat</title>
<link rel="canonical"
  href="https://News.Example.com/music/mara-vale-glass-harbour?utm_source=rss&amp;page=1#top">
<meta property="og:site_name" content="Harbour Beat">
<meta property="og:title" content="Mara Vale returns with Glass Harbour">
<meta property="article:published_time" content="2025-06-07T08:30:00+09:00">
<meta name="author" content="Jun Park">
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>{COOKIE}</p><button>Accept</button></div>
<header><nav><ul>{"".join(f'<li><a href="/{n}">{n}</a></li>' for n in NAV)}</ul></nav></header>
<main><article>
<h1>Mara Vale returns with Glass Harbour</h1>
<p class="byline">By Jun Park</p>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p class="comment-author">harbourfan88</p><p>{COMMENT}</p></div>
<div class="comment"><p class="comment-author">lanternkid</p><p>{SECOND_COMMENT}</p></div>
</section></main>
<aside class="trending"><h3>Trending</h3><ul><li><a href="/a">{TRENDING}</a></li></ul></aside>
<footer><p>© 2025 Harbour Beat. {FOOTER}</p></footer>
</body></html>"""

DIV_SOUP_PAGE = f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Mara Vale returns - Harbour Beat</title>
<meta property="og:url" content="/music/mara-vale?fbclid=abc">
<meta property="og:site_name" content="Harbour Beat">
<script type="application/ld+json">{{"@type": "NewsArticle",
  "datePublished": "2025-06-07T08:30:00Z"}}</script>
</head><body>
<div class="gdpr-notice" id="notice"><div>{COOKIE}</div><a href="#">OK</a></div>
<div class="topbar">{" | ".join(f'<a href="/{n}">{n}</a>' for n in NAV)}</div>
<div class="wrap"><div class="left">
<div class="headline">Mara Vale returns</div>
{"".join(f'<div class="txt">{p}</div>' for p in PARAGRAPHS)}
<div id="disqus_thread"><div class="post"><div class="author">fan1</div>
<div class="body">{COMMENT}</div></div></div>
</div><div class="right"><div class="box">Trending: {TRENDING}</div></div></div>
<div class="bottom">Copyright 2025 Harbour Beat. {FOOTER}</div>
</body></html>"""


def assert_only_the_article(page: PageText) -> None:
    assert page.text.split("\n\n") == PARAGRAPHS
    for leaked in [COMMENT, SECOND_COMMENT, COOKIE, TRENDING, FOOTER, *NAV, "harbourfan88"]:
        assert leaked not in page.text


def test_semantic_page() -> None:
    page = extract_page(SEMANTIC_PAGE.encode("utf-8"), url="https://news.example.com/x")
    assert_only_the_article(page)
    assert page.title == "Mara Vale returns with Glass Harbour"
    assert page.canonical_url == "https://news.example.com/music/mara-vale-glass-harbour?page=1"
    assert page.site_name == "Harbour Beat"
    assert page.published == datetime(2025, 6, 6, 23, 30, tzinfo=UTC)
    assert page.author == "Jun Park"


def test_div_soup_page_in_latin1() -> None:
    page = extract_page(DIV_SOUP_PAGE.encode("latin-1"), url="https://news.example.com/feed-item")
    assert_only_the_article(page)
    assert page.title == "Mara Vale returns"
    assert page.canonical_url == "https://news.example.com/music/mara-vale"  # og:url, resolved
    assert page.site_name == "Harbour Beat"
    assert page.published == datetime(2025, 6, 7, 8, 30, tzinfo=UTC)  # from JSON-LD
    assert page.author is None  # not "fan1", the commenter


def test_settings_are_the_products_unless_a_benchmark_passes_others() -> None:
    # benchmarks/bench_pages.py passes alternatives; the defaults are what the bot runs.
    assert TRAFILATURA_SETTINGS["favor_precision"] is True
    assert TRAFILATURA_SETTINGS["include_comments"] is False
    default = extract_page(SEMANTIC_PAGE, url="https://news.example.com/x")
    assert extract_page(SEMANTIC_PAGE, url="https://news.example.com/x",
                        settings=TRAFILATURA_SETTINGS, prune=True) == default
    # Without _prune trafilatura's author guess reads the comment thread.
    assert extract_page(DIV_SOUP_PAGE, settings={}, prune=False).author == "Fan1"
    assert extract_page(DIV_SOUP_PAGE, settings={}, prune=True).author is None


def test_a_str_page_and_a_time_element() -> None:
    html = SEMANTIC_PAGE.replace(
        '<meta property="article:published_time" content="2025-06-07T08:30:00+09:00">', ""
    ).replace("<p class=\"byline\">", '<p><time datetime="2025-06-05T10:00:00-04:00">June 5'
              "</time></p><p class=\"byline\">")
    page = extract_page(html)
    assert page.published == datetime(2025, 6, 5, 14, 0, tzinfo=UTC)
    assert page.text.split("\n\n")[-len(PARAGRAPHS):] == PARAGRAPHS


def test_a_bare_fragment_is_still_read() -> None:
    page = extract_page("".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]))
    assert page.text.split("\n\n") == PARAGRAPHS[:2]


@pytest.mark.parametrize(
    "junk", [b"", b"   ", "", b"\x00\x01\x02\xff\xfe", b"%PDF-1.4 binary", "<html></html>",
             "<<<>>>", "<!-- only a comment -->", b"\x89PNG\r\n\x1a\n" + bytes(range(256))],
)
def test_junk_gives_empty_text(junk: bytes | str) -> None:
    assert extract_page(junk) == PageText(None, "", None, None, None, None)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=500) | st.text(max_size=500))
def test_extract_page_never_raises(data: bytes | str) -> None:
    assert isinstance(extract_page(data, url="https://news.example.com/").text, str)


def test_text_from_html_fragment() -> None:
    html = ("<p>Mara Vale is <b>back</b> &amp; &quot;ready&quot;.</p><script>track()</script>"
            "<p>Line one<br>line two</p><ul><li>Lisbon</li><li>Porto</li></ul>"
            "<div>Tail&nbsp;text   with   spaces</div>")
    assert text_from_html_fragment(html) == (
        'Mara Vale is back & "ready".\n\nLine one\nline two\n\nLisbon\n\nPorto\n\n'
        "Tail text with spaces"
    )
    assert text_from_html_fragment("") == ""
    assert text_from_html_fragment("plain words") == "plain words"


def test_content_hash_ignores_whitespace_quotes_and_case() -> None:
    one = 'Mara Vale\'s "Glass Harbour" -- out now...\n\nTour dates: Lisbon, Porto.'
    two = "  mara vale’s “Glass  Harbour” — OUT NOW…  Tour dates:\u00a0Lisbon,\u200b Porto. "
    assert content_hash(one) == content_hash(two)
    assert content_hash(one) != content_hash("Mara Vale's Glass Harbour is out now. Tour dates.")
    assert len(content_hash("")) == 64


SUMMARY_TEXT = " ".join(PARAGRAPHS)


def test_summarize_keeps_short_text() -> None:
    assert summarize("Mara Vale is back.\n\nGlass Harbour is out.") == (
        "Mara Vale is back. Glass Harbour is out."
    )


def test_summarize_ends_with_whole_sentences() -> None:
    summary = summarize(SUMMARY_TEXT, limit=400)
    assert summary == f"{PARAGRAPHS[0]} {PARAGRAPHS[1]}"
    assert len(summary) <= 400


def test_summarize_cuts_at_a_word_boundary() -> None:
    summary = summarize(SUMMARY_TEXT, limit=120)
    assert summary.endswith("…") and len(summary) <= 120
    assert SUMMARY_TEXT.startswith(summary[:-1])
    assert SUMMARY_TEXT[len(summary) - 1] == " "  # the cut fell between two words


def test_summarize_does_not_split_no_1_or_initials() -> None:
    text = ("Glass Harbour reached No. 1 in Lisbon and J. Okafor filmed the video in one long "
            "day by the sea. " + "The rest of the story goes on for a while. " * 10)
    summary = summarize(text, limit=150)
    assert summary.startswith("Glass Harbour reached No. 1 in Lisbon and J. Okafor filmed")


@given(st.text(max_size=400), st.integers(1, 300))
def test_summarize_respects_the_limit(text: str, limit: int) -> None:
    assert len(summarize(text, limit)) <= limit


def test_a_text_file_keeps_tour_lines_led_by_a_weekday() -> None:
    data = ("Title: Lumen Choir on tour\n\nLumen Choir will tour in\nMarch.\n\n"
            "Tour dates:\nTue 03 March – Dublin, Olympia Theatre\n"
            "Sat 07 March – Glasgow, Barrowland\n").encode()
    assert read_article_file("tour.txt", data)[1] == (
        "Lumen Choir will tour in March.\n\n"
        "Tour dates:\nTue 03 March – Dublin, Olympia Theatre\nSat 07 March – Glasgow, Barrowland")


def test_a_text_file_keeps_tour_lines_led_by_month_dash_day() -> None:
    data = (b"Title: Lumen Choir on tour\n\nLumen Choir will tour in\nMay.\n\n"
            b"05-12 Brooklyn, NY - Elsewhere\n05-15 Toronto, Ontario - The Drake\n")
    assert read_article_file("tour.txt", data)[1] == (
        "Lumen Choir will tour in May.\n\n"
        "05-12 Brooklyn, NY - Elsewhere\n05-15 Toronto, Ontario - The Drake")


def test_read_article_file_html() -> None:
    title, text = read_article_file("story.HTML", SEMANTIC_PAGE.encode())
    assert title == "Mara Vale returns with Glass Harbour"
    assert text.split("\n\n") == PARAGRAPHS


def test_read_article_file_html_content_without_the_suffix() -> None:
    title, text = read_article_file("download", SEMANTIC_PAGE.encode())
    assert title == "Mara Vale returns with Glass Harbour" and COMMENT not in text


@pytest.mark.parametrize(
    ("data", "title", "text"),
    [
        (b"Title: Glass Harbour is out\n\nFirst paragraph.\n\nSecond.\n",
         "Glass Harbour is out", "First paragraph.\n\nSecond."),
        (b"title:   Lantern Records news  \nOne line.\nAnother line.\n",
         "Lantern Records news", "One line.\n\nAnother line."),
        (b"# Mara Vale tour\n\nLisbon first,\nthen Porto.\n\nTickets Wednesday.",
         "Mara Vale tour", "Lisbon first, then Porto.\n\nTickets Wednesday."),
        (b"\n\nMara Vale returns\n\nShe released Glass Harbour on Friday.\r\n\r\nMore soon.",
         "Mara Vale returns", "She released Glass Harbour on Friday.\n\nMore soon."),
        (b"Mara Vale released Glass Harbour on Friday.\n\nMore soon.",
         None, "Mara Vale released Glass Harbour on Friday.\n\nMore soon."),
        ("Liséa and Mara Vale\n\nCafé señor.".encode("latin-1"),
         "Liséa and Mara Vale", "Café señor."),
        ("\ufeffTitle: BOM\n\nText.".encode(), "BOM", "Text."),
        (b"Only one line", None, "Only one line"),
        (b"", None, ""),
    ],
)
def test_read_article_file_text(data: bytes, title: str | None, text: str) -> None:
    assert read_article_file("story.txt", data) == (title, text)


def test_a_text_file_keeps_the_lines_of_a_list() -> None:
    data = ("Title: Rosa Lind announces spring tour dates\n\n"
            "Rosa Lind will hit the road next spring, she said on\nTuesday.\n\n"
            "Tour dates:\n03/03 – Glasgow, SWG3\n03/05 – Manchester, Albert Hall\n").encode()
    title, text = read_article_file("tour.txt", data)
    assert title == "Rosa Lind announces spring tour dates"
    # wrapped prose is joined; each line of the list stays its own
    assert text == ("Rosa Lind will hit the road next spring, she said on Tuesday.\n\n"
                    "Tour dates:\n03/03 – Glasgow, SWG3\n03/05 – Manchester, Albert Hall")



@pytest.mark.parametrize(("fetched", "kept"), [
    # The site's own canonical link (another path on its host) is the article's link.
    ("https://news.example.com/x", "https://news.example.com/music/mara-vale-glass-harbour?page=1"),
    # A page elsewhere cannot claim the site's story: it stays at the address it came from.
    ("https://evil.example/nitro", "https://evil.example/nitro"),
])
def test_a_fetched_page_claims_a_canonical_link_only_on_its_own_host(fetched: str,
                                                                     kept: str) -> None:
    page = extract_page(SEMANTIC_PAGE.encode("utf-8"), url=fetched)
    draft = draft_from_page(page, fetched)
    assert (draft.url, draft.text_from) == (kept, TextFrom.PAGE)
    # A moderator's file says what it says; its words are never the link's page.
    assert draft_from_page(page, None, text_from=TextFrom.FILE).text_from == TextFrom.FILE


def test_an_item_with_its_page_s_text_takes_the_page_s_title_and_date() -> None:
    page = extract_page(SEMANTIC_PAGE.encode("utf-8"), url="https://news.example.com/x")
    entry = FeedEntry(key="k", guid=None, link="https://news.example.com/x",
                      title="FAKE: claim your free Nitro",
                      published=datetime(2019, 1, 1, tzinfo=UTC), summary="Short.",
                      content_html=None)
    draft = draft_from_entry(entry, "Some feed", page)
    # The item's own title and date stay the item's (its post shows them) ...
    assert (draft.title, draft.published) == (entry.title, entry.published)
    # ... while the article, which other feeds' items of the link share, is the page's.
    assert (draft.text_from, draft.article_title, draft.article_published) == (
        TextFrom.PAGE, "Mara Vale returns with Glass Harbour",
        datetime(2025, 6, 6, 23, 30, tzinfo=UTC))
    assert draft.article_summary == summarize(page.text)
    # Without the page, the item's words are a feed's.
    assert draft_from_entry(entry, "Some feed").text_from == TextFrom.FEED
