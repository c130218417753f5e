"""HttpClient.fetch: redirects, connection failures, the per-host limit and connection reuse."""

from __future__ import annotations

import asyncio
import contextlib
import re
import shutil
import socket
import ssl
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from bot.net import HostLimiter, HttpClient
from tests.fake_dns import FakeResolver
from tests.feed_builders import mara_vale_items, rss
from tests.feed_server import FeedServer
from tests.net_helpers import client, fetch_error, net_settings

# redirects


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
async def test_a_redirect_is_followed(
    tmp_path: Path, feed_server: FeedServer, status: int
) -> None:
    feed_server.serve("/feed", rss(mara_vale_items()))
    feed_server.fault("/old", "redirect", to="/feed", status=status)
    async with client(tmp_path) as http:
        result = await http.fetch(feed_server.url("/old"))
    assert (result.status, result.url) == (200, feed_server.url("/feed"))
    assert result.body.startswith(b"<?xml")
    assert [r.path for r in feed_server.requests] == ["/old", "/feed"]


async def test_relative_and_absolute_locations_resolve_against_the_current_url(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.serve("/news/feed.xml", "<rss/>")
    feed_server.fault("/start", "redirect", to=feed_server.url("/blog/old/index"))
    feed_server.fault("/blog/old/index", "redirect", to="../../news/moved")
    feed_server.fault("/news/moved", "redirect", to="feed.xml#latest")
    async with client(tmp_path) as http:
        result = await http.fetch(feed_server.url("/start"))
    assert result.url == feed_server.url("/news/feed.xml")
    assert [r.path for r in feed_server.requests] == [
        "/start", "/blog/old/index", "/news/moved", "/news/feed.xml"]


async def test_conditional_headers_follow_the_redirect(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.serve("/feed", "<rss/>", etag="v1")
    feed_server.fault("/old", "redirect", to="/feed", status=301)
    async with client(tmp_path) as http:
        result = await http.fetch(feed_server.url("/old"), etag='"v1"')
    assert (result.not_modified, result.url) == (True, feed_server.url("/feed"))


def _chain(feed_server: FeedServer, hops: int) -> str:
    """/hop0 -> /hop1 -> ... -> /hopN, which serves a feed; returns the first URL."""
    for n in range(hops):
        feed_server.fault(f"/hop{n}", "redirect", to=f"/hop{n + 1}")
    feed_server.serve(f"/hop{hops}", "<rss/>")
    return feed_server.url("/hop0")


async def test_five_redirects_are_followed_and_six_are_too_many(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    async with client(tmp_path) as http:
        assert (await http.fetch(_chain(feed_server, 5))).url == feed_server.url("/hop5")
        feed_server.clear_faults()
        error = await fetch_error(http, _chain(feed_server, 6))
    assert (error.reason, error.message) == ("http_error",
                                             "more than 5 redirects (a redirect loop?)")
    assert feed_server.count("/hop6") == 0


async def test_max_redirects_is_a_setting(tmp_path: Path, feed_server: FeedServer) -> None:
    async with client(tmp_path, FANZINE_NET_MAX_REDIRECTS="0") as http:
        error = await fetch_error(http, _chain(feed_server, 1))
    assert error.message == "more than 0 redirects (a redirect loop?)"


async def test_a_redirect_loop_is_named(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.fault("/loop", "redirect_loop")
    feed_server.fault("/ping", "redirect", to="/pong")
    feed_server.fault("/pong", "redirect", to="/ping")
    async with client(tmp_path) as http:
        to_itself = await fetch_error(http, feed_server.url("/loop"))
        two_step = await fetch_error(http, feed_server.url("/ping"))
    loop = feed_server.url("/loop")
    assert (to_itself.reason, to_itself.message) == (
        "http_error", f"a redirect loop: {loop} redirects back to {loop}")
    assert two_step.message == (f"a redirect loop: {feed_server.url('/pong')} redirects back "
                                f"to {feed_server.url('/ping')}")
    assert feed_server.count("/loop") == 1


@pytest.mark.parametrize("target", ["ftp://files.example/feed.xml", "file:///etc/passwd",
                                    "javascript:alert(1)"])
async def test_a_redirect_to_another_scheme_is_refused(
    tmp_path: Path, feed_server: FeedServer, target: str
) -> None:
    feed_server.fault("/feed", "redirect", to=target)
    async with client(tmp_path) as http:
        error = await fetch_error(http, feed_server.url("/feed"))
    assert error.reason == "http_error"
    assert error.message == f"the server redirected to {target}, which is not an http or https URL"


async def test_a_redirect_without_location(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.fault("/feed", "status", status=302)
    async with client(tmp_path) as http:
        error = await fetch_error(http, feed_server.url("/feed"))
    assert error.message == "the server answered 302 Found without a Location"


# connection failures


async def test_a_dropped_connection(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.fault("/feed", "drop")
    async with client(tmp_path) as http:
        error = await fetch_error(http, feed_server.url("/feed"))
    assert (error.reason, error.message) == (
        "http_error", "the server closed the connection without answering")


async def test_connection_refused(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago and has no listener
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with client(tmp_path) as http:
        error = await fetch_error(http, f"http://127.0.0.1:{port}/feed")
    assert (error.reason, error.message) == (
        "http_error", f"could not connect to 127.0.0.1:{port} (connection refused)")


async def test_an_unknown_host(tmp_path: Path) -> None:
    resolver = FakeResolver({})  # never asks a real DNS server
    async with client(tmp_path, resolver=resolver) as http:
        error = await fetch_error(http, "http://example.invalid/feed")
    assert (error.reason, error.message) == ("http_error", "could not resolve host example.invalid")
    assert resolver.asked == ["example.invalid"]


async def test_a_host_name_through_the_resolver(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.serve("/feed", "<rss/>")
    resolver = FakeResolver({"feeds.mara-vale.test": ["127.0.0.1"]})
    async with client(tmp_path, resolver=resolver) as http:
        url = f"http://feeds.mara-vale.test:{feed_server.port}/feed"
        assert (await http.fetch(url)).url == url
    assert feed_server.requests[0].headers["Host"] == f"feeds.mara-vale.test:{feed_server.port}"


async def test_fetch_outside_the_context_is_an_error(tmp_path: Path) -> None:
    http = HttpClient(net_settings(tmp_path))
    with pytest.raises(RuntimeError, match="outside its `async with`"):
        await http.fetch("http://127.0.0.1:9/")


# limits and reuse


async def test_the_per_host_limit_holds_at_the_server(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.serve("/slow", "<rss/>")
    feed_server.fault("/slow", "slow", delay=0.2)
    async with client(tmp_path, FANZINE_NET_PER_HOST_LIMIT="2") as http:
        results = await asyncio.gather(*(http.fetch(feed_server.url("/slow")) for _ in range(8)))
    assert all(r.status == 200 for r in results)
    assert feed_server.max_concurrent("/slow") == 2


async def test_host_slots_are_limited_and_forgotten_when_idle() -> None:
    limiter = HostLimiter(2)
    inside: Counter[str] = Counter()
    peak: Counter[str] = Counter()

    async def visit(host: str) -> None:
        async with limiter.slot(host):
            inside[host] += 1
            peak[host] = max(peak[host], inside[host])
            await asyncio.sleep(0.01)
            inside[host] -= 1

    await asyncio.gather(*(visit("a:80") for _ in range(6)), visit("b:443"))
    assert peak == {"a:80": 2, "b:443": 1}
    assert len(limiter) == 0


async def test_redirects_within_one_host_never_deadlock_the_limit(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.serve("/b", "<rss/>")
    feed_server.fault("/a", "redirect", to="/b")
    async with client(tmp_path, FANZINE_NET_PER_HOST_LIMIT="1") as http:
        results = await asyncio.wait_for(
            asyncio.gather(*(http.fetch(feed_server.url("/a")) for _ in range(6))), 10)
    assert {r.url for r in results} == {feed_server.url("/b")}
    assert feed_server.max_concurrent() == 1


async def test_connections_are_reused(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.serve("/feed", rss(mara_vale_items()))
    feed_server.fault("/moved", "redirect", to="/feed")
    async with client(tmp_path) as http:
        first = await http.fetch(feed_server.url("/feed"))
        for _ in range(5):
            await http.fetch(feed_server.url("/feed"), etag=first.etag)  # 304s
            await http.fetch(feed_server.url("/moved"))
            await fetch_error(http, feed_server.url("/missing"))  # a small 404 page
    assert len(feed_server.requests) == 21
    assert feed_server.connections == 1


async def test_many_feeds_at_once_share_a_few_connections(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    for n in range(200):
        feed_server.serve(f"/feeds/{n}", rss(mara_vale_items(f"https://site{n}.example/")))
    async with client(tmp_path) as http:
        results = await asyncio.gather(
            *(http.fetch(feed_server.url(f"/feeds/{n}")) for n in range(200)))
    assert len({r.body for r in results}) == 200
    assert feed_server.connections <= 4  # net.per_host_limit, each connection kept alive


# timeouts and TLS that need a listener of their own


async def test_a_connect_timeout(tmp_path: Path) -> None:
    # A listener whose accept queue is full: the kernel drops further SYNs, so connect hangs.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        fillers = [socket.socket() for _ in range(3)]
        try:
            for filler in fillers:
                filler.setblocking(False)
                with contextlib.suppress(BlockingIOError):
                    filler.connect(("127.0.0.1", port))
            async with client(tmp_path, FANZINE_NET_CONNECT_TIMEOUT="0.3") as http:
                error = await fetch_error(http, f"http://127.0.0.1:{port}/feed")
        finally:
            for filler in fillers:
                filler.close()
    assert (error.reason, error.message) == (
        "timeout", f"could not connect to 127.0.0.1:{port} within 0.3 s")


async def test_https_to_a_plain_http_server(tmp_path: Path, feed_server: FeedServer) -> None:
    async with client(tmp_path) as http:
        error = await fetch_error(http, f"https://127.0.0.1:{feed_server.port}/feed")
    assert (error.reason, error.message) == (
        "http_error", "the TLS handshake with 127.0.0.1 failed (wrong version number)")


@pytest.fixture
def self_signed(tmp_path: Path) -> ssl.SSLContext:
    """A server context with a fresh self-signed certificate for 127.0.0.1 (openssl command)."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-days", "1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


async def test_an_untrusted_certificate(tmp_path: Path, self_signed: ssl.SSLContext) -> None:
    async with FeedServer(ssl_context=self_signed) as server, client(tmp_path) as http:
        server.serve("/feed", "<rss/>")
        error = await fetch_error(http, server.url("/feed"))
    assert error.reason == "http_error"
    # OpenSSL 1.1 wrote "self signed", 3.x writes "self-signed".
    assert re.fullmatch(r"the TLS certificate of 127\.0\.0\.1 was refused "
                        r"\(self[- ]signed certificate\)", error.message)
