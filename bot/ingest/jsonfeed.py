"""JSON Feed 1.0 and 1.1 (jsonfeed.org), which feedparser does not read."""

from __future__ import annotations

import json
from typing import Any

from bot.ingest.dates import parse_datetime
from bot.ingest.feedmodel import (
    EntryDraft,
    FeedFormatError,
    ParsedFeed,
    check_item_count,
    clean_guid,
    clean_link,
    finish_entries,
    plain_as_html,
)
from bot.ingest.html_text import html_to_line, plain_line

VERSION_PREFIXES = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")


def _text(value: object) -> str | None:
    """A string field as valid text (lone surrogates from \\ud800 escapes replaced), or None."""
    if not isinstance(value, str):
        return None
    return value.encode("utf-8", "replace").decode("utf-8")


def _format(version: str) -> str:
    number = version.rpartition("/version/")[2].strip("/")
    # "json1" for 1.0 (whose version URL ends in /1) and "json11" for 1.1, like feedparser's
    # "rss20" and "atom10".
    return "json" + number.replace(".", "") if number in ("1", "1.1") else "json"


def _draft(item: dict[str, Any], base: str | None) -> EntryDraft:
    content_html = _text(item.get("content_html"))
    content_text = _text(item.get("content_text"))
    # Like feedparser does for Atom, an item without a summary is summed up by its content.
    summary = plain_line(_text(item.get("summary")) or content_text or "")
    if not summary and content_html:
        summary = html_to_line(content_html)
    raw_date = _text(item.get("date_published")) or _text(item.get("date_modified"))
    return EntryDraft(
        guid=clean_guid(item.get("id")),
        link=(clean_link(item.get("url"), base, keep_fragment=True)
              or clean_link(item.get("external_url"), base, keep_fragment=True)),
        title=plain_line(_text(item.get("title")) or "") or None,
        raw_date=raw_date,
        published=parse_datetime(raw_date) if raw_date else None,
        summary=summary,
        content_html=content_html or (plain_as_html(content_text) if content_text else None),
    )


def parse_json_feed(body: bytes, *, url: str | None = None) -> ParsedFeed:
    """A JSON Feed as a ParsedFeed; FeedFormatError if it is not valid JSON or not a JSON Feed."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = body.decode("cp1252", errors="replace")  # JSON must be UTF-8; some is not
    try:
        document = json.loads(text)
    except ValueError as error:
        raise FeedFormatError("the JSON is malformed") from error
    except RecursionError as error:  # the C decoder stops cleanly at the recursion limit
        raise FeedFormatError("the JSON is nested too deeply to be a feed") from error
    version = document.get("version") if isinstance(document, dict) else None
    if not isinstance(version, str) or not version.startswith(VERSION_PREFIXES):
        raise FeedFormatError("this is JSON but not a JSON Feed (no jsonfeed.org version)")
    assert isinstance(document, dict)
    items = document.get("items")
    if not isinstance(items, list):
        raise FeedFormatError("the JSON Feed has no items list")
    # A JSON Feed's own URL, when it states one, is the base for relative item URLs.
    base = url or clean_link(document.get("feed_url"), None)
    check_item_count(len(items))  # before the per-item work
    drafts = [_draft(item, base) for item in items if isinstance(item, dict)]
    return ParsedFeed(
        title=plain_line(_text(document.get("title")) or "") or None,
        link=clean_link(document.get("home_page_url"), base),
        format=_format(version),
        entries=finish_entries([draft for draft in drafts if not draft.is_empty()]),
    )
