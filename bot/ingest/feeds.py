"""parse_feed: RSS 0.9x/1.0/2.0 and Atom (through feedparser) and JSON Feed, as ParsedFeed."""

from __future__ import annotations

import codecs
import io
import re
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, NoReturn

import feedparser
from feedparser.exceptions import ThingsNobodyCaresAboutButMe

from bot.ingest.dates import parse_datetime
from bot.ingest.feedmodel import (
    EntryDraft,
    FeedEntry,
    FeedFormatError,
    ParsedFeed,
    check_item_count,
    clean_guid,
    clean_link,
    finish_entries,
    plain_as_html,
)
from bot.ingest.html_text import html_to_line, plain_line
from bot.ingest.jsonfeed import parse_json_feed

__all__ = ["FeedEntry", "FeedFormatError", "ParsedFeed", "parse_feed"]

BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# What may precede the root element is read by a loop (_prologue), not by one pattern: a
# repeated group of alternatives such as (?:\s+|<!--.*?-->)* backtracks exponentially on a
# body that almost matches (measured: 48 bytes held the GIL for minutes).
WHITESPACE = re.compile(rb"\s*+")
DOCTYPE = re.compile(rb"<!doctype\s++([\w:.-]++)[^>]*+>", re.I)
ROOT = re.compile(rb"<([\w:.-]++)")
# Patterns over page text are linear: possessive runs, and a tag stops at the next "<" so that
# no two attempts scan the same bytes; an unclosed quote takes the rest of its tag.
LINK_TAG = re.compile(rb"<link\b[^<>]*+>", re.I)
ATTRIBUTE = re.compile(rb"""(?<![\w:-])([\w:-]++)\s*+=\s*+("[^"]*+"?|'[^']*+'?|[^\s>]++)""")
FEED_TYPES = {b"application/rss+xml", b"application/atom+xml", b"application/feed+json",
              b"application/rdf+xml", b"application/json"}
VERSIONS = {"rss091u": "rss091", "rss091n": "rss091"}
HTML_MESSAGE = "this is an HTML page, not a feed (did you mean its RSS link?)"
HTML_ROOTS = frozenset({b"html", b"head", b"body"})  # sloppy pages start at <head> or <body>
# A feed element inside an (X)HTML page: Atom's <feed>, RSS's <rss>, RSS 1.0's <rdf:RDF>, with or
# without a namespace prefix. Linear: a search starts only at "<", the possessive prefix run
# stops at the next "<" or ":", and so no two attempts read the same bytes.
EMBEDDED_FEED = re.compile(rb"<(?:[\w.-]++:)?+(feed|rss|RDF)[\s>]")
EMBEDDED_FORMATS = {b"feed": "atom", b"rss": "rss", b"RDF": "rss10"}


def _head(body: bytes) -> bytes:
    for bom in BOMS:
        if body.startswith(bom):
            return body[len(bom):4096].lstrip()
    return body[:4096].lstrip()


def _prologue(head: bytes) -> tuple[bytes | None, bytes | None]:
    """(the doctype's name, the root element's name) of an XML or HTML head, each or both None.

    Skips whitespace, processing instructions, comments and a doctype; every step moves on
    by a search, so the cost is linear in `head`.
    """
    doctype: bytes | None = None
    position = 0
    while True:
        space = WHITESPACE.match(head, position)
        position = space.end() if space else position
        if head.startswith(b"<?", position):
            end = head.find(b">", position + 2)
            if end < 0 or head[end - 1:end] != b"?" or end - 1 < position + 2:
                return doctype, None
            position = end + 1
        elif head.startswith(b"<!--", position):
            end = head.find(b"-->", position + 4)
            if end < 0:
                return doctype, None
            position = end + 3
        elif (found := DOCTYPE.match(head, position)) is not None:
            doctype = found[1]
            position = found.end()
        else:
            root = ROOT.match(head, position)
            return doctype, root[1] if root else None


def _embedded_feed(body: bytes) -> bytes | None:
    """The name of the feed element ("feed", "rss" or "RDF") an (X)HTML page holds, or None.

    feedparser reads such a feed from the whole page (an Atom feed inside XHTML, as some sites
    publish); a page without one is refused as a page."""
    found = EMBEDDED_FEED.search(body)
    return found[1] if found else None


def _refuse_page(body: bytes, url: str | None) -> NoReturn:
    """Raise the "HTML page, not a feed" error, naming the feeds the page links to."""
    alternates = _alternates(body, url)
    message = HTML_MESSAGE
    if alternates:
        message = message.replace("link?", f"link, {alternates[0]}?")
    raise FeedFormatError(message, alternates=alternates)


def _is_html(doctype: bytes | None, root: bytes | None) -> bool:
    if doctype is not None and doctype.lower() == b"html":
        return True
    return root is not None and root.lower().rpartition(b":")[2] in HTML_ROOTS


def _alternates(body: bytes, url: str | None) -> tuple[str, ...]:
    """The feed URLs an HTML page names in <link rel="alternate" type="...">, in page order."""
    found: list[str] = []
    for tag in LINK_TAG.findall(body[:65536]):
        attributes = {
            name.lower(): value.strip(b"\"'") for name, value in ATTRIBUTE.findall(tag)
        }
        if (b"alternate" in attributes.get(b"rel", b"").lower().split()
                and attributes.get(b"type", b"").lower().strip() in FEED_TYPES):
            link = clean_link(attributes.get(b"href", b"").decode("utf-8", "replace"), url)
            if link and link not in found:
                found.append(link)
    return tuple(found)


def _line(value: object, detail: object) -> str:
    if not isinstance(value, str):
        return ""
    kind = detail.get("type", "") if isinstance(detail, Mapping) else ""
    return html_to_line(value) if "html" in str(kind) else plain_line(value)


def _content_html(raw: Mapping[str, Any]) -> str | None:
    """The longest of an entry's content elements (content:encoded, atom:content), as HTML."""
    best: tuple[int, str] | None = None
    for content in raw.get("content") or ():
        value = content.get("value") if isinstance(content, Mapping) else None
        if not isinstance(value, str) or not value.strip():
            continue
        if "html" not in str(content.get("type", "")):
            value = plain_as_html(value)
        if best is None or len(value) > best[0]:
            best = (len(value), value)
    return best[1] if best else None


def _struct_time(value: object) -> datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (ValueError, OverflowError):
        return None


def _dates(raw: dict[str, Any]) -> tuple[str | None, datetime | None]:
    """(the raw date string, the date as UTC), from `published`, else `updated`.

    The raw string is re-parsed because feedparser reads zones it does not know (KST, JST...)
    as UTC. Its own reading is used only for strings with non-ASCII words (the Korean, Greek
    and Hungarian formats it has handlers for), which dates.py does not read.
    """
    first_raw: str | None = None
    for field in ("published", "updated"):
        # dict.get, not raw.get: FeedParserDict maps a missing "updated" to "published" with
        # a DeprecationWarning.
        text = dict.get(raw, field)
        if not isinstance(text, str) or not text.strip():
            continue
        first_raw = first_raw or text.strip()
        parsed = parse_datetime(text)
        if parsed is None and not text.isascii():
            parsed = _struct_time(dict.get(raw, f"{field}_parsed"))
        if parsed is not None:
            return first_raw, parsed
    return first_raw, None


def _draft(raw: dict[str, Any], base: str | None) -> EntryDraft:
    raw_date, published = _dates(raw)
    content_html = _content_html(raw)
    summary = _line(raw.get("summary"), raw.get("summary_detail"))
    if not summary and content_html:
        summary = html_to_line(content_html)
    return EntryDraft(
        guid=clean_guid(raw.get("id")),
        link=clean_link(raw.get("link"), base, keep_fragment=True),
        title=_line(raw.get("title"), raw.get("title_detail")) or None,
        raw_date=raw_date,
        published=published,
        summary=summary,
        content_html=content_html,
    )


def _check_empty(head: bytes, result: Mapping[str, Any], root: bytes | None) -> None:
    """Raise FeedFormatError saying why a body gave no entries, unless it is a valid empty feed."""
    exception = result.get("bozo_exception")
    # feedparser flags mere oddities (a wrong charset label, a text/html content type) too.
    if result.get("bozo") and not isinstance(exception, ThingsNobodyCaresAboutButMe):
        if head.startswith(b"<"):
            raise FeedFormatError("the XML is malformed and holds no items")
        raise FeedFormatError("this is not a feed: it is neither XML nor JSON")
    if not result.get("version"):
        name = root.decode("ascii", "replace") if root else "?"
        raise FeedFormatError(f"this is XML but not a feed (its root element is <{name}>)")


def parse_feed(
    body: bytes, *, url: str | None = None, content_type: str | None = None
) -> ParsedFeed:
    """The feed in `body`, fetched from `url` (the base for relative links).

    Raises FeedFormatError, and nothing else, when `body` is empty, an HTML page, JSON that
    is not a JSON Feed, or XML that is malformed with no entries. A malformed feed that still
    yields entries returns them; a well-formed feed with no items returns no entries.
    """
    if not body.strip():
        raise FeedFormatError("empty response")
    head = _head(body)
    if head.startswith((b"{", b"[")) or (
        content_type and "json" in content_type.lower() and not head.startswith(b"<")
    ):
        return parse_json_feed(body, url=url)
    doctype, root = _prologue(head)
    embedded: bytes | None = None
    if _is_html(doctype, root):
        embedded = _embedded_feed(body)
        if embedded is None:
            _refuse_page(body, url)
    headers = {"content-type": content_type} if content_type else None
    try:
        # A file object, never bytes: feedparser.parse(b"/some/path") would open that file.
        # No content-location either, or feedparser would rewrite relative guids into URLs.
        # Without that base, resolving URIs inside content markup only ever applies xml:base,
        # and it costs a quarter of the parse (measured: 8.3 -> 6.1 ms for 20 full items).
        result = feedparser.parse(
            io.BytesIO(body), response_headers=headers, resolve_relative_uris=False
        )
    except Exception as error:  # hostile input must not escape as anything but our error
        raise FeedFormatError(f"the feed could not be read ({type(error).__name__})") from error
    raw_entries = result.get("entries") or ()
    check_item_count(len(raw_entries))  # before the per-item work
    drafts = [
        draft for draft in (_draft(raw, url) for raw in raw_entries)
        if not draft.is_empty()
    ]
    if not drafts:
        if embedded is not None:  # a page that only mentions a feed element is a page
            _refuse_page(body, url)
        _check_empty(head, result, root)
    version = str(result.get("version") or "")
    if not version and embedded is not None:  # feedparser names no version for RSS in HTML
        version = EMBEDDED_FORMATS[embedded]
    feed = result.get("feed") or {}
    return ParsedFeed(
        title=_line(feed.get("title"), feed.get("title_detail")) or None,
        link=clean_link(feed.get("link"), url),
        format=VERSIONS.get(version, version or "unknown"),
        entries=finish_entries(drafts),
    )

