"""Hostile feed bodies: each parse runs in a child process with a time bound, so a pattern that
backtracks fails the test instead of hanging it."""

from __future__ import annotations

import time

from bot.ingest.feedmodel import MAX_FEED_ITEMS, EntryDraft, finish_entries
from tests.hostile_feeds import json_feed_body, parse_bounded, rss_body, rss_items, run_child

HTML = "error bad_format: this is an HTML page, not a feed (did you mean its RSS link?)"
MALFORMED = "error bad_format: the XML is malformed and holds no items"


def test_prologue_bodies_that_used_to_backtrack_are_refused_in_bounded_time() -> None:
    outcomes = parse_bounded({
        # The 48-byte body (minutes on the old pattern), and 40 spaces (hours).
        "spaces32": b"<?xml?>" + b" " * 32 + b"!",
        "spaces40": b"<?xml?>" + b" " * 40 + b"!",
        "spaces4000": b"<?xml?>" + b" " * 4000 + b"!",
        "comments": b"<!---->" * 2000 + b"!",
        "instructions": b"<?xml?>" * 1000 + b"!",
        "open_doctype": b"<!DOCTYPE " + b"a" * 4000,
        "open_comment": b"<?xml?><!--" + b"-" * 4000,
    })
    assert set(outcomes.values()) == {MALFORMED}, outcomes


def test_page_link_tags_that_used_to_backtrack_are_read_in_bounded_time() -> None:
    # Only the first 64 KB of a page is searched, so the old quadratic patterns took "only"
    # about 25 s here; these cases take milliseconds, and a tighter bound catches a regression.
    outcomes = parse_bounded(stall_seconds=10, cases={
        "unclosed_links": b"<html><head>" + b"<link " * 13000,
        "long_name": b"<html><head><link " + b"a" * 60000 + b">",
        "open_quotes": b"<html><head><link " + b'a="' * 20000 + b">",
        "spaced_names": b"<html><head><link " + b"a " * 30000 + b">",
    })
    assert set(outcomes.values()) == {HTML}, outcomes


def test_a_page_still_offers_its_feed_links() -> None:
    page = (b'<!DOCTYPE html>\n<!-- hi --><html><head><link rel="stylesheet" href="/s.css">'
            b"<link rel='alternate' type='application/rss+xml' href='/feed.xml'>"
            b'<link rel=alternate type="application/atom+xml" href="https://hostile.example/a"'
            b' title="unclosed></head></html>')
    assert parse_bounded({"page": page})["page"] == HTML.replace(
        "link?", "link, https://hostile.example/feed.xml?")


def test_more_items_than_the_cap_fail_with_a_typed_reason() -> None:
    too_many = (f"error too_many_items: the feed holds 40,000 items, more than the "
                f"{MAX_FEED_ITEMS:,} allowed")
    outcomes = parse_bounded({
        "rss40k": rss_body(rss_items(40_000)),
        "json40k": json_feed_body(40_000),
        "rss_at_cap": rss_body(rss_items(MAX_FEED_ITEMS)),
    })
    assert outcomes["rss40k"] == too_many
    assert outcomes["json40k"] == too_many
    assert outcomes["rss_at_cap"] == f"entries {MAX_FEED_ITEMS} keys {MAX_FEED_ITEMS}"


def test_items_sharing_one_key_get_keys_in_linear_time() -> None:
    # 50,000 items on one link: numbering them pairwise (2.5 billion steps) would outlast the
    # stall bound many times over; one pass takes seconds, most of it the XML parser's.
    outcomes = parse_bounded({"same_link": rss_body(rss_items(50_000, same_link=True))},
                             lift_item_cap=True)
    assert outcomes["same_link"] == "entries 50000 keys 50000"


def test_duplicate_keys_are_numbered_around_keys_already_taken() -> None:
    def draft(guid: str | None, link: str | None, summary: str = "") -> EntryDraft:
        return EntryDraft(guid=guid, link=link, title="t", raw_date=None, published=None,
                          summary=summary, content_html=None)

    link = "https://hostile.example/same"
    drafts = [draft(None, link, "a"), draft(f"{link}#3", None), draft(None, link, "b"),
              draft(None, link, "c"), draft(None, link, "d")]
    # The oldest of those sharing the link (the last) keeps it; the others are title + date.
    keys = [e.key for e in finish_entries(drafts)]
    assert keys[1] == f"{link}#3" and keys[4] == link
    assert keys[0].startswith("h:") and keys[2:4] == [f"{keys[0]}#2", f"{keys[0]}#3"]


def test_many_items_sharing_link_title_and_date_are_numbered_in_linear_time() -> None:
    drafts = [EntryDraft(guid=None, link="https://hostile.example/same", title="t",
                         raw_date=None, published=None, summary=str(n), content_html=None)
              for n in range(MAX_FEED_ITEMS)]
    started = time.perf_counter()
    keys = [e.key for e in finish_entries(drafts)]
    assert time.perf_counter() - started < 5  # pairwise numbering: minutes
    assert len(set(keys)) == MAX_FEED_ITEMS and keys[-1] == "https://hostile.example/same"


def test_an_item_listed_twice_is_one_item() -> None:
    twice = EntryDraft(guid=None, link="https://hostile.example/a", title="t", raw_date=None,
                       published=None, summary="s", content_html=None)
    assert [e.key for e in finish_entries([twice, twice])] == ["https://hostile.example/a"]


def test_hostile_token_runs_never_stall_the_parser() -> None:
    assert "done property ok" in run_child(["property"])


def test_titles_and_summaries_full_of_tag_starts_are_read_in_bounded_time() -> None:
    # "x <b" with no ">": the old tag patterns rescanned the rest of the text at every "<"
    # (150,000 of them: over 20 s); now each text is one pass.
    runs = "x &lt;b" * 150_000
    outcomes = parse_bounded(stall_seconds=20, cases={
        "title": rss_body(f"<item><title>{runs}</title><link>https://h.example/1</link></item>"
                          .encode()),
        "summary": rss_body(f"<item><title>t</title><description>{runs}</description></item>"
                            .encode()),
    })
    assert outcomes == {"title": "entries 1 keys 1", "summary": "entries 1 keys 1"}


def test_pages_full_of_almost_feed_elements_are_read_in_bounded_time() -> None:
    outcomes = parse_bounded(stall_seconds=10, cases={
        "tag_starts": b"<html><body>" + b"<" * 200_000,
        "prefix_runs": b"<html><body>" + b"<a" * 100_000,
        "long_prefix": b"<html><body><" + b"a" * 200_000 + b":fee",
        "colons": b"<html><body>" + b"<a:" * 70_000,
        "feed_words": b"<html><body>" + b"<feedx" * 40_000,
    })
    assert set(outcomes.values()) == {HTML}, outcomes


def test_an_embedded_feed_is_read_among_hostile_page_text() -> None:
    page = (b"<html><body><p>" + b"rss feed a:feed " * 20_000 + b'</p><feed xmlns="http://www.w3.org/2005/Atom">'
            b"<title>T</title><entry><id>urn:x</id><title>Kept</title></entry></feed></body></html>")
    assert parse_bounded(stall_seconds=10, cases={"page": page})["page"] == "entries 1 keys 1"
