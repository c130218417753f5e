"""The FeedServer test fixture and the feed builders: what other tests build on."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import aiohttp
import pytest
import pytest_asyncio
from multidict import CIMultiDict

from tests.feed_builders import (
    Item,
    article_page,
    atom,
    json_feed,
    mara_vale_items,
    rss,
    rss091,
    rss10,
)
from tests.feed_faults import FAULT_KINDS
from tests.feed_server import FeedServer


@pytest_asyncio.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client


async def get(session: aiohttp.ClientSession, url: str,
              **headers: str) -> tuple[int, bytes, CIMultiDict[str]]:
    async with session.get(url, headers=headers, allow_redirects=False) as resp:
        return resp.status, await resp.read(), resp.headers.copy()


async def test_serve_and_the_request_log(
    feed_server: FeedServer, session: aiohttp.ClientSession
) -> None:
    feed_server.serve("feed.xml", "<rss>Café</rss>", "text/xml; charset=iso-8859-1",
                      headers={"X-Zine": "1"})
    status, body, headers = await get(session, feed_server.url("/feed.xml"), **{"X-Test": "a"})
    assert feed_server.url("feed.xml") == f"http://127.0.0.1:{feed_server.port}/feed.xml"
    assert (status, body) == (200, "<rss>Café</rss>".encode("latin-1"))
    assert headers["Content-Type"] == "text/xml; charset=iso-8859-1"
    assert headers["X-Zine"] == "1"
    method, path, seen = feed_server.requests[0]
    assert (method, path, seen["x-test"]) == ("GET", "/feed.xml", "a")
    assert feed_server.count("/feed.xml") == 1
    status, body, _ = await get(session, feed_server.url("/elsewhere"))
    assert status == 404 and feed_server.count("/elsewhere") == 1


async def test_validators_answer_304(
    feed_server: FeedServer, session: aiohttp.ClientSession
) -> None:
    feed_server.serve("/feed", "<rss/>")
    _, _, headers = await get(session, feed_server.url("/feed"))
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert (await get(session, feed_server.url("/feed"), **{"If-None-Match": etag}))[0] == 304
    assert (await get(session, feed_server.url("/feed"),
                      **{"If-None-Match": f'"other", W/{etag}'}))[0] == 304
    assert (await get(session, feed_server.url("/feed"),
                      **{"If-Modified-Since": modified}))[0] == 304
    # If-None-Match, when sent, wins over If-Modified-Since.
    assert (await get(session, feed_server.url("/feed"),
                      **{"If-None-Match": '"other"', "If-Modified-Since": modified}))[0] == 200
    feed_server.serve("/feed", "<rss>new</rss>")
    status, _, fresh = await get(session, feed_server.url("/feed"),
                                 **{"If-None-Match": etag, "If-Modified-Since": modified})
    assert status == 200
    assert fresh["ETag"] != etag and fresh["Last-Modified"] != modified


async def test_validators_can_be_fixed_or_left_out(
    feed_server: FeedServer, session: aiohttp.ClientSession
) -> None:
    feed_server.serve("/fixed", "<rss/>", etag="v7",
                      last_modified="Mon, 02 Mar 2026 09:30:00 GMT")
    feed_server.serve("/none", "<rss/>", etag=None, last_modified=None)
    _, _, fixed = await get(session, feed_server.url("/fixed"))
    _, _, none = await get(session, feed_server.url("/none"))
    assert (fixed["ETag"], fixed["Last-Modified"]) == ('"v7"', "Mon, 02 Mar 2026 09:30:00 GMT")
    assert "ETag" not in none and "Last-Modified" not in none
    assert (await get(session, feed_server.url("/none"), **{"If-None-Match": "*"}))[0] == 200


async def test_a_fault_with_a_count_wears_off(
    feed_server: FeedServer, session: aiohttp.ClientSession
) -> None:
    feed_server.serve("/feed", "<rss/>")
    feed_server.fault("/feed", "status", status=503, count=2)
    statuses = [(await get(session, feed_server.url("/feed")))[0] for _ in range(3)]
    assert statuses == [503, 503, 200]
    feed_server.fault("/feed", "retry_after", seconds=30)
    status, _, headers = await get(session, feed_server.url("/feed"))
    assert (status, headers["Retry-After"]) == (429, "30")
    feed_server.clear_faults("/feed")
    assert (await get(session, feed_server.url("/feed")))[0] == 200


async def test_content_faults(feed_server: FeedServer, session: aiohttp.ClientSession) -> None:
    feed = rss(mara_vale_items())
    feed_server.serve("/feed", feed)
    feed_server.fault("/feed", "malformed")
    _, body, _ = await get(session, feed_server.url("/feed"))
    assert feed.encode().startswith(body) and len(body) < len(feed.encode())
    with pytest.raises(ET.ParseError):
        ET.fromstring(body)
    feed_server.fault("/feed", "wrong_charset")
    _, body, headers = await get(session, feed_server.url("/feed"))
    assert "charset=utf-8" in headers["Content-Type"]
    assert body == feed.encode("latin-1", errors="replace")
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    feed_server.fault("/feed", "html")
    _, body, headers = await get(session, feed_server.url("/feed"))
    assert headers["Content-Type"].startswith("text/html") and b"<article>" in body
    feed_server.clear_faults()
    feed_server.fault("/unregistered", "malformed")  # falls back to our sample feed
    assert (await get(session, feed_server.url("/unregistered")))[1].startswith(b"<?xml")


async def test_huge_is_streamed_and_counted(
    feed_server: FeedServer, session: aiohttp.ClientSession
) -> None:
    feed_server.fault("/big", "huge", size=3_000_000)
    status, body, headers = await get(session, feed_server.url("/big"))
    assert (status, len(body), feed_server.bytes_sent("/big")) == (200, 3_000_000, 3_000_000)
    assert headers.get("Transfer-Encoding") == "chunked"


async def test_redirect_and_drop(feed_server: FeedServer, session: aiohttp.ClientSession) -> None:
    feed_server.fault("/old", "redirect", to="/new", status=301)
    feed_server.fault("/loop", "redirect_loop")
    status, _, headers = await get(session, feed_server.url("/old"))
    assert (status, headers["Location"]) == (301, "/new")
    assert (await get(session, feed_server.url("/loop")))[2]["Location"] == "/loop"
    feed_server.fault("/gone", "drop")
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await get(session, feed_server.url("/gone"))


async def test_every_fault_kind_is_known(feed_server: FeedServer) -> None:
    assert set(FAULT_KINDS) == {"status", "retry_after", "slow", "slow_body", "huge", "redirect",
                                "redirect_loop", "malformed", "html", "wrong_charset", "drop"}
    with pytest.raises(ValueError, match="unknown fault kind 'slowww'"):
        feed_server.fault("/feed", "slowww")


# builders


ITEMS = [*mara_vale_items(), Item("No date, no summary", "https://velvet-static.example/n")]


def test_xml_feeds_are_well_formed_and_carry_the_items() -> None:
    ns = {"atom": "http://www.w3.org/2005/Atom", "rss1": "http://purl.org/rss/1.0/"}
    assert [e.findtext("title") for e in ET.fromstring(rss(ITEMS)).iter("item")] == [
        i.title for i in ITEMS]
    root = ET.fromstring(rss(ITEMS))
    assert root.findtext("channel/item/pubDate") == "Mon, 02 Mar 2026 09:30:00 +0000"
    entries = ET.fromstring(atom(ITEMS)).findall("atom:entry", ns)
    assert [e.findtext("atom:id", namespaces=ns) for e in entries][1] == "velvet-static-2026-0412"
    assert entries[0].findtext("atom:published", namespaces=ns) == "2026-03-02T09:30:00Z"
    assert len(ET.fromstring(rss10(ITEMS)).findall("rss1:item", ns)) == len(ITEMS)
    assert len(ET.fromstring(rss091(ITEMS)).findall("channel/item")) == len(ITEMS)


def test_json_feed() -> None:
    doc = json.loads(json_feed(ITEMS))
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert doc["items"][0]["date_published"] == "2026-03-02T09:30:00Z"
    assert "date_published" not in doc["items"][3]


def test_article_page_wraps_the_text_in_clutter() -> None:
    page = article_page("Mara Vale sets a date for “Glass Harbour”",
                        ["Mara Vale will release Glass Harbour on 20 March 2026.", "Tea & <b>"],
                        published=datetime(2026, 3, 2, tzinfo=UTC),
                        comments=["Cannot wait!", "Ghent, please"])
    for part in ('id="cookie-banner"', "<nav>", "<article>", 'id="comments"', "<footer>",
                 "Tea &amp; &lt;b&gt;", '<time datetime="2026-03-02T00:00:00Z">2 March 2026</time>',
                 "Ghent, please"):
        assert part in page
