"""HttpClient.fetch against the local FeedServer over real sockets: answers, statuses, sizes."""

from __future__ import annotations

import gzip
import pickle
import time
from pathlib import Path

import pytest

from bot.net import FetchError
from tests.feed_builders import atom, mara_vale_items, rss
from tests.feed_server import FeedServer
from tests.net_helpers import client, fetch_error, net_settings

MB = 1024 * 1024


# answers


async def test_fetch_returns_the_body_and_its_headers(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed = rss(mara_vale_items())
    feed_server.serve("/feed.xml", feed, headers={"Cache-Control": "public, max-age=600"})
    async with client(tmp_path) as http:
        result = await http.fetch(feed_server.url("/feed.xml"))
    served = feed_server.served("/feed.xml")
    assert served is not None
    assert result.url == feed_server.url("/feed.xml")
    assert (result.status, result.not_modified) == (200, False)
    assert result.body == feed.encode("utf-8")
    assert (result.content_type, result.charset) == ("application/rss+xml", "utf-8")
    assert result.etag == served.etag and result.etag is not None
    assert result.last_modified == served.last_modified and result.last_modified is not None
    assert result.max_age == 600.0


async def test_every_request_carries_the_user_agent_and_accept(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.serve("/feed", atom(mara_vale_items()), "application/atom+xml")
    feed_server.fault("/old", "redirect", to="/feed")
    async with client(tmp_path) as http:
        await http.fetch(feed_server.url("/old"), accept="application/atom+xml")
    agent = net_settings(tmp_path).user_agent
    assert agent.startswith("fanzine/")
    assert [(r.path, r.headers["User-Agent"], r.headers["Accept"])
            for r in feed_server.requests] == [("/old", agent, "application/atom+xml"),
                                              ("/feed", agent, "application/atom+xml")]


async def test_conditional_get_round_trip(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.serve("/feed", rss(mara_vale_items()))
    async with client(tmp_path) as http:
        first = await http.fetch(feed_server.url("/feed"))
        again = await http.fetch(feed_server.url("/feed"), etag=first.etag,
                                 last_modified=first.last_modified)
        by_date = await http.fetch(feed_server.url("/feed"), last_modified=first.last_modified)
        feed_server.serve("/feed", rss(mara_vale_items()[:1]))
        changed = await http.fetch(feed_server.url("/feed"), etag=first.etag,
                                   last_modified=first.last_modified)
    assert (again.status, again.not_modified, again.body) == (304, True, b"")
    assert again.etag == first.etag
    assert (by_date.status, by_date.not_modified) == (304, True)
    assert (changed.status, changed.not_modified) == (200, False)
    assert changed.etag != first.etag and changed.body
    conditional = feed_server.requests[1].headers
    assert conditional["If-None-Match"] == first.etag
    assert conditional["If-Modified-Since"] == first.last_modified
    assert "If-None-Match" not in feed_server.requests[0].headers


@pytest.mark.parametrize(("cache_control", "max_age"), [
    (None, None), ("no-cache", 0.0), ("no-store", 0.0), ("s-maxage=300", 300.0),
])
async def test_max_age_from_cache_control(
    tmp_path: Path, feed_server: FeedServer, cache_control: str | None, max_age: float | None
) -> None:
    headers = {"Cache-Control": cache_control} if cache_control else None
    feed_server.serve("/feed", "<rss/>", headers=headers)
    async with client(tmp_path) as http:
        assert (await http.fetch(feed_server.url("/feed"))).max_age == max_age


async def test_a_gzip_body_is_decompressed(tmp_path: Path, feed_server: FeedServer) -> None:
    feed = rss(mara_vale_items()).encode()
    feed_server.serve("/feed", gzip.compress(feed), headers={"Content-Encoding": "gzip"})
    async with client(tmp_path) as http:
        assert (await http.fetch(feed_server.url("/feed"))).body == feed


# statuses


@pytest.mark.parametrize(("status", "reason", "message"), [
    (404, "not_found", "the server answered 404 Not Found"),
    (410, "not_found", "the server answered 410 Gone"),
    (401, "forbidden", "the server answered 401 Unauthorized"),
    (403, "forbidden", "the server answered 403 Forbidden"),
    (400, "http_error", "the server answered 400 Bad Request"),
    (500, "http_error", "the server answered 500 Internal Server Error"),
    (502, "http_error", "the server answered 502 Bad Gateway"),
])
async def test_error_statuses_map_to_reasons(
    tmp_path: Path, feed_server: FeedServer, status: int, reason: str, message: str
) -> None:
    feed_server.fault("/feed", "status", status=status)
    async with client(tmp_path) as http:
        error = await fetch_error(http, feed_server.url("/feed"))
    assert (error.reason, error.message, error.status, error.retry_after) == (
        reason, message, status, None)
    assert str(error) == message
    assert error.url == feed_server.url("/feed")


def test_a_fetch_error_survives_pickling() -> None:
    error = FetchError("http_error", "the server answered 429 Too Many Requests", status=429,
                       retry_after=30.0, url="https://velvet-static.example/feed")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.reason, copy.message, copy.status, copy.retry_after, copy.url) == (
        "http_error", "the server answered 429 Too Many Requests", 429, 30.0,
        "https://velvet-static.example/feed")


async def test_an_unserved_path_is_not_found(tmp_path: Path, feed_server: FeedServer) -> None:
    async with client(tmp_path) as http:
        error = await fetch_error(http, feed_server.url("/nothing-here"))
    assert error.reason == "not_found"


async def test_429_carries_retry_after_in_seconds(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.fault("/feed", "retry_after", seconds=120)
    async with client(tmp_path) as http:
        error = await fetch_error(http, feed_server.url("/feed"))
    assert (error.reason, error.status, error.retry_after) == ("http_error", 429, 120.0)
    assert error.message == "the server answered 429 Too Many Requests (retry after 120 s)"


async def test_503_with_an_http_date_retry_after(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.fault("/feed", "retry_after", seconds=90, status=503, http_date=True)
    async with client(tmp_path) as http:
        error = await fetch_error(http, feed_server.url("/feed"))
    assert (error.reason, error.status) == ("http_error", 503)
    # Measured against the response's own Date header, so exactly what the server meant.
    assert error.retry_after == 90.0


# timeouts and sizes


async def test_a_server_slow_to_answer_times_out(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.serve("/feed", "<rss/>")
    feed_server.fault("/feed", "slow", delay=5)
    async with client(tmp_path, FANZINE_NET_READ_TIMEOUT="0.5") as http:
        error = await fetch_error(http, feed_server.url("/feed"))
    assert (error.reason, error.message) == ("timeout", "no answer within 0.5 s")


async def test_a_trickling_body_times_out(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.serve("/feed", rss(mara_vale_items()))
    feed_server.fault("/feed", "slow_body", chunk=32, delay=0.1)
    async with client(tmp_path, FANZINE_NET_READ_TIMEOUT="0.5") as http:
        error = await fetch_error(http, feed_server.url("/feed"))
    assert error.reason == "timeout"
    assert 0 < feed_server.bytes_sent("/feed") < len(rss(mara_vale_items()))


async def test_a_huge_body_is_cut_off_without_reading_it_all(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.fault("/feed", "huge", size=50 * MB)  # chunked: no Content-Length to go by
    started = time.monotonic()
    async with client(tmp_path) as http:
        error = await fetch_error(http, feed_server.url("/feed"))
    assert (error.reason, error.message) == (
        "too_large", "the response is larger than 5 MB and was cut off")
    assert time.monotonic() - started < 10  # a sanity bound, not a benchmark
    # The server could only push the cap plus what socket buffers held before we hung up.
    assert feed_server.bytes_sent("/feed") < 30 * MB


async def test_a_declared_length_over_the_cap_is_refused_before_reading(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.fault("/feed", "huge", size=50 * MB, declare_length=True)
    async with client(tmp_path) as http:
        error = await fetch_error(http, feed_server.url("/feed"))
    assert (error.reason, error.message) == (
        "too_large", "the response is 50 MB, more than the 5 MB allowed (net.max_body_bytes)")


async def test_the_cap_is_exact_and_counts_decompressed_bytes(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.serve("/fits", b"x" * 1000, "text/plain")
    feed_server.serve("/over", b"x" * 1001, "text/plain")
    # 100 KB of zeros compress to a few hundred bytes: the Content-Length says nothing useful.
    feed_server.serve("/bomb", gzip.compress(bytes(100_000)), "text/plain",
                      headers={"Content-Encoding": "gzip"})
    async with client(tmp_path, FANZINE_NET_MAX_BODY_BYTES="1000") as http:
        assert len((await http.fetch(feed_server.url("/fits"))).body) == 1000
        assert (await fetch_error(http, feed_server.url("/over"))).reason == "too_large"
        bomb = await fetch_error(http, feed_server.url("/bomb"))
    assert (bomb.reason, bomb.message) == (
        "too_large", "the response is larger than 1000 bytes and was cut off")
