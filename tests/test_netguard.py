"""The SSRF guard (refused before connecting), the address classifier, and check_url."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from bot.errors import UserError
from bot.net import check_url
from bot.netguard import BlockedAddressError, GuardedResolver, address_problem, literal_address
from tests.fake_dns import FakeResolver
from tests.feed_server import FeedServer
from tests.net_helpers import client, fetch_error

HINT = "fetching private networks is turned off (net.allow_private_networks)"

# refused by the fetcher, before any connection


async def test_the_test_server_itself_is_refused(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.serve("/feed", "<rss/>")
    async with client(tmp_path, allow=False) as http:
        by_address = await fetch_error(http, feed_server.url("/feed"))
        by_name = await fetch_error(http, f"http://localhost:{feed_server.port}/feed")
    assert (by_address.reason, by_address.message) == (
        "blocked_address", f"127.0.0.1 is a loopback address; {HINT}")
    assert by_name.reason == "blocked_address"
    assert by_name.message.startswith("localhost resolves to ")
    assert "a loopback address" in by_name.message and by_name.message.endswith(HINT)
    assert feed_server.requests == []


@pytest.mark.parametrize(("url", "message"), [
    ("http://127.0.0.1/", f"127.0.0.1 is a loopback address; {HINT}"),
    ("http://10.0.0.1/feed", f"10.0.0.1 is a private address; {HINT}"),
    ("http://192.168.1.20/", f"192.168.1.20 is a private address; {HINT}"),
    ("http://169.254.169.254/latest/meta-data/",
     f"169.254.169.254 is a link-local address; {HINT}"),
    ("http://100.64.3.4/", f"100.64.3.4 is a shared (carrier-grade NAT) address; {HINT}"),
    ("http://0.0.0.0/", f"0.0.0.0 is an unspecified address; {HINT}"),
    ("http://224.0.0.251/", f"224.0.0.251 is a multicast address; {HINT}"),
    ("http://[::1]/", f"::1 is a loopback address; {HINT}"),
    ("https://[fd12:3456::1]/", f"fd12:3456::1 is a private address; {HINT}"),
    ("http://[fe80::1]/", f"fe80::1 is a link-local address; {HINT}"),
    ("http://[::ffff:127.0.0.1]/",
     f"::ffff:7f00:1 is an IPv4-mapped form of 127.0.0.1, a loopback address; {HINT}"),
    ("http://2130706433/", f"2130706433 (127.0.0.1) is a loopback address; {HINT}"),
    ("http://127.1:8080/", f"127.1 (127.0.0.1) is a loopback address; {HINT}"),
])
async def test_non_public_addresses_are_refused(tmp_path: Path, url: str, message: str) -> None:
    async with client(tmp_path, allow=False) as http:
        error = await fetch_error(http, url)
    assert (error.reason, error.message) == ("blocked_address", message)


async def test_a_name_resolving_to_a_private_address_is_refused(tmp_path: Path) -> None:
    resolver = FakeResolver({"intranet.test": ["10.1.2.3", "fd00::7"]})
    async with client(tmp_path, allow=False, resolver=resolver) as http:
        error = await fetch_error(http, "http://intranet.test/feed")
    assert (error.reason, error.message) == (
        "blocked_address", f"intranet.test resolves to 10.1.2.3, a private address; {HINT}")
    assert resolver.asked == ["intranet.test"]


async def test_allowing_private_networks_lets_the_test_server_through(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.serve("/feed", "<rss/>")
    async with client(tmp_path, allow=True) as http:
        assert (await http.fetch(f"http://localhost:{feed_server.port}/feed")).status == 200


# the resolver guard, without connecting anywhere


async def test_the_guard_keeps_only_public_answers() -> None:
    inner = FakeResolver({"mixed.test": ["10.0.0.8", "93.184.216.34", "::1"],
                          "public.test": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]})
    guard = GuardedResolver(inner)
    mixed = await guard.resolve("mixed.test", 443, socket.AF_UNSPEC)
    assert [r["host"] for r in mixed] == ["93.184.216.34"]
    public = await guard.resolve("public.test", 443, socket.AF_UNSPEC)
    assert len(public) == 2


async def test_the_guard_refuses_when_nothing_public_is_left() -> None:
    guard = GuardedResolver(FakeResolver({"rebind.test": ["169.254.169.254"]}))
    with pytest.raises(BlockedAddressError) as caught:
        await guard.resolve("rebind.test", 80, socket.AF_UNSPEC)
    assert str(caught.value) == (
        f"rebind.test resolves to 169.254.169.254, a link-local address; {HINT}")
    with pytest.raises(socket.gaierror):  # a name that does not resolve stays a DNS failure
        await guard.resolve("nowhere.test", 80, socket.AF_UNSPEC)


# the classifier


@pytest.mark.parametrize("address", [
    "93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:2800:220:1:248:1893:25c8:1946",
    "2a00:1450:4001:82b::200e", "::ffff:93.184.216.34", "64:ff9b::5db8:d822",
])
def test_public_addresses_are_allowed(address: str) -> None:
    assert address_problem(address) is None


@pytest.mark.parametrize(("address", "problem"), [
    ("127.0.0.53", "a loopback address"),
    ("10.255.0.1", "a private address"),
    ("172.16.5.4", "a private address"),
    ("172.31.255.255", "a private address"),
    ("192.168.0.1", "a private address"),
    ("100.127.255.254", "a shared (carrier-grade NAT) address"),
    ("169.254.1.1", "a link-local address"),
    ("224.0.0.1", "a multicast address"),
    ("ff02::1", "a multicast address"),
    ("240.0.0.1", "a reserved address"),
    ("255.255.255.255", "a reserved address"),
    ("192.0.2.10", "a special-purpose address"),
    ("::", "an unspecified address"),
    ("fc00::1", "a private address"),
    ("fe80::abcd", "a link-local address"),
    ("::ffff:10.0.0.1", "an IPv4-mapped form of 10.0.0.1, a private address"),
    ("::ffff:169.254.169.254",
     "an IPv4-mapped form of 169.254.169.254, a link-local address"),
    ("64:ff9b::a9fe:a9fe", "a NAT64 form of 169.254.169.254, a link-local address"),
    ("2002:c0a8:101::1", "a 6to4 form of 192.168.1.1, a private address"),
])
def test_non_public_addresses_are_classified(address: str, problem: str) -> None:
    assert address_problem(address) == problem


@pytest.mark.parametrize(("host", "address"), [
    ("127.0.0.1", "127.0.0.1"), ("2130706433", "127.0.0.1"), ("0x7f.1", "127.0.0.1"),
    ("017700000001", "127.0.0.1"), ("::1", "::1"), ("mara-vale.example", None), ("cafe", None),
])
def test_literal_addresses_in_every_spelling(host: str, address: str | None) -> None:
    found = literal_address(host)
    assert (str(found) if found else None) == address


# check_url


@pytest.mark.parametrize(("url", "message"), [
    ("ftp://files.example/feed.xml", "Only http and https URLs can be fetched, not ftp."),
    ("not a url", "'not a url' is not a URL; it should start with http:// or https://."),
    ("http://", "The URL 'http://' has no host name."),
    ("http://user:pw@mara-vale.example/feed",
     "URLs with a user name or password (the part before @) are not accepted; remove it."),
    ("mara-vale.example/feed", "'mara-vale.example/feed' has no http:// or https:// in front; "
                               "did you mean https://mara-vale.example/feed?"),
    ("", "The URL is empty; give a full address starting with https://."),
    ("https://mara-vale.example:70000/", "'https://mara-vale.example:70000/' is not a valid URL "
                                          "(Port out of range 0-65535)."),
    ("https://mara vale.example/", "'mara vale.example' is not a valid host name."),
    ("https://mara-vale.example/a feed", "The URL contains spaces or control characters; copy "
                                         "it again from the address bar."),
    ("https://mara-vale.example/" + "x" * 2100,
     "The URL is 2126 characters long; at most 2048 are accepted."),
])
def test_check_url_explains_what_is_wrong(url: str, message: str) -> None:
    with pytest.raises(UserError) as caught:
        check_url(url)
    assert caught.value.message == message


@pytest.mark.parametrize("url", [
    "https://mara-vale.example/feed.xml", "http://127.0.0.1:8080/rss", "https://[2001:db8::1]/",
    "https://café.example/feed", "HTTPS://Mara-Vale.example/Feed?page=2#top",
])
def test_check_url_accepts_and_strips(url: str) -> None:
    assert check_url(f"  {url}\n") == url
