"""Hostile feed bodies: each parse runs in a child process with a time bound, so a pattern that
backtracks fails the test instead of hanging it."""

from __future__ import annotations

import time

from bot.ingest.feedmodel import MAX_FEED_ITEMS, EntryDraft, finish_entries
from tests.hostile_feeds import (
    almost_feed_page_bodies,
    embedded_feed_page,
    link_tag_bodies,
    parse_bounded,
    prologue_bodies,
    rss_body,
    rss_items,
    run_child,
    tag_start_text_bodies,
    too_many_bodies,
)

HTML = "error bad_format: this is an HTML page, not a feed (did you mean its RSS link?)"
MALFORMED = "error bad_format: the XML is malformed and holds no items"


def test_prologue_bodies_that_used_to_backtrack_are_refused_in_bounded_time() -> None:
    # The 48-byte body (minutes on the old pattern), 40 spaces (hours), and longer runs.
    outcomes = parse_bounded(prologue_bodies())
    assert set(outcomes.values()) == {MALFORMED}, outcomes


def test_page_link_tags_that_used_to_backtrack_are_read_in_bounded_time() -> None:
    # Only the first 64 KB of a page is searched, so the old quadratic patterns took "only"
    # about 25 s here; these cases take milliseconds, and a tighter bound catches a regression.
    outcomes = parse_bounded(link_tag_bodies(), stall_seconds=10)
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
    outcomes = parse_bounded(too_many_bodies(MAX_FEED_ITEMS))
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
    outcomes = parse_bounded(tag_start_text_bodies(), stall_seconds=20)
    assert outcomes == {"title": "entries 1 keys 1", "summary": "entries 1 keys 1"}


def test_pages_full_of_almost_feed_elements_are_read_in_bounded_time() -> None:
    outcomes = parse_bounded(almost_feed_page_bodies(), stall_seconds=10)
    assert set(outcomes.values()) == {HTML}, outcomes


def test_an_embedded_feed_is_read_among_hostile_page_text() -> None:
    outcomes = parse_bounded({"page": embedded_feed_page()}, stall_seconds=10)
    assert outcomes["page"] == "entries 1 keys 1"
