"""Hostile feed bodies, parsed in a child process that the test can kill when it stalls.

A regex that backtracks holds the GIL, so neither a thread nor a signal can stop it: the only
bound that always works is a separate process and a timeout. `python -m tests.hostile_feeds`
reads a pickled {name: body} from stdin, or runs the property test with `property`.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A stalled parse is reported after this long; a healthy case takes well under a second.
STALL_SECONDS = 120.0


def rss_body(items: bytes) -> bytes:
    return (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>'
            + items + b"</channel></rss>")


def rss_items(count: int, *, same_link: bool = False) -> bytes:
    return b"".join(
        b"<item><title>Story %d</title><link>https://hostile.example/%s</link></item>"
        % (n, b"same" if same_link else b"%d" % n) for n in range(count))


def json_feed_body(count: int) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [
        {"id": str(n), "url": f"https://hostile.example/{n}", "title": f"Story {n}"}
        for n in range(count)]}).encode()


# The hostile bodies of tests/test_feeds_hostile.py, by group, each group with the outcome its
# test expects; benchmarks/bench_hostile.py times every one of them through parse_feed.


def prologue_bodies() -> dict[str, bytes]:
    """Prologues the old pattern backtracked on: the issue's 48-byte body (minutes), 40 spaces
    (hours), and longer runs of what may precede the root element."""
    return {
        "spaces32": b"<?xml?>" + b" " * 32 + b"!",
        "spaces40": b"<?xml?>" + b" " * 40 + b"!",
        "spaces4000": b"<?xml?>" + b" " * 4000 + b"!",
        "comments": b"<!---->" * 2000 + b"!",
        "instructions": b"<?xml?>" * 1000 + b"!",
        "open_doctype": b"<!DOCTYPE " + b"a" * 4000,
        "open_comment": b"<?xml?><!--" + b"-" * 4000,
    }


def link_tag_bodies() -> dict[str, bytes]:
    """Pages whose <link> tags the old quadratic patterns read in about 25 s (first 64 KB)."""
    return {
        "unclosed_links": b"<html><head>" + b"<link " * 13000,
        "long_name": b"<html><head><link " + b"a" * 60000 + b">",
        "open_quotes": b"<html><head><link " + b'a="' * 20000 + b">",
        "spaced_names": b"<html><head><link " + b"a " * 30000 + b">",
    }


def too_many_bodies(cap: int) -> dict[str, bytes]:
    """40,000 items (RSS and JSON Feed), and an RSS feed of exactly `cap` items."""
    return {"rss40k": rss_body(rss_items(40_000)), "json40k": json_feed_body(40_000),
            "rss_at_cap": rss_body(rss_items(cap))}


def tag_start_text_bodies() -> dict[str, bytes]:
    """A title, and a summary, of 150,000 "x <b" with no ">" (over 20 s on the old patterns)."""
    runs = "x &lt;b" * 150_000
    return {
        "title": rss_body(f"<item><title>{runs}</title><link>https://h.example/1</link></item>"
                          .encode()),
        "summary": rss_body(f"<item><title>t</title><description>{runs}</description></item>"
                            .encode()),
    }


def almost_feed_page_bodies() -> dict[str, bytes]:
    """Pages full of what starts a feed element and never becomes one."""
    return {
        "tag_starts": b"<html><body>" + b"<" * 200_000,
        "prefix_runs": b"<html><body>" + b"<a" * 100_000,
        "long_prefix": b"<html><body><" + b"a" * 200_000 + b":fee",
        "colons": b"<html><body>" + b"<a:" * 70_000,
        "feed_words": b"<html><body>" + b"<feedx" * 40_000,
    }


def embedded_feed_page() -> bytes:
    """An Atom feed of one entry after 320 KB of page text full of feed words."""
    return (b"<html><body><p>" + b"rss feed a:feed " * 20_000
            + b'</p><feed xmlns="http://www.w3.org/2005/Atom">'
            b"<title>T</title><entry><id>urn:x</id><title>Kept</title></entry></feed></body></html>")


def run_child(arguments: list[str], stdin: bytes = b"", *, stall_seconds: float = STALL_SECONDS,
              **extra_env: str) -> str:
    """The child's output; AssertionError naming the last case started when it stalls or fails."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **extra_env}
    try:
        done = subprocess.run([sys.executable, "-m", "tests.hostile_feeds", *arguments],
                              input=stdin, capture_output=True, timeout=stall_seconds,
                              cwd=ROOT, env=env, check=False)
    except subprocess.TimeoutExpired as stalled:
        started = (stalled.stdout or b"").decode().strip().splitlines()
        raise AssertionError(f"parsing stalled for {stall_seconds:g} s on "
                             f"{started[-1] if started else 'the first case'}") from None
    out = done.stdout.decode()
    assert done.returncode == 0, out + done.stderr.decode()[-3000:]
    return out


def parse_bounded(cases: dict[str, bytes], *, lift_item_cap: bool = False,
                  stall_seconds: float = STALL_SECONDS) -> dict[str, str]:
    """Each case's outcome: "entries N keys K" or "error REASON: MESSAGE"."""
    out = run_child([], pickle.dumps(cases), stall_seconds=stall_seconds,
                    **({"LIFT_ITEM_CAP": "1"} if lift_item_cap else {}))
    outcomes = {}
    for line in out.splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "done":
            name, _, outcome = rest.partition(" ")
            outcomes[name] = outcome
    return outcomes


def _outcome(body: bytes) -> str:
    from bot.ingest.feeds import FeedFormatError, parse_feed

    try:
        feed = parse_feed(body, url="https://hostile.example/feed.xml")
    except FeedFormatError as error:
        return f"error {error.reason}: {error.message}"
    keys = {entry.key for entry in feed.entries}
    return f"entries {len(feed.entries)} keys {len(keys)}"


def _parse_cases() -> None:
    cases: dict[str, bytes] = pickle.loads(sys.stdin.buffer.read())
    if "LIFT_ITEM_CAP" in os.environ:  # to show that key assignment is linear at any size
        from bot.ingest import feedmodel
        feedmodel.MAX_FEED_ITEMS = 10**7
    for name, body in cases.items():
        print("start", name, flush=True)
        print("done", name, _outcome(body), flush=True)


TOKENS = [b" ", b"\n", b"\t", b"!", b"<", b">", b"?", b"-", b'"', b"'", b"=", b"a", b"<?xml?>",
          b"<?", b"?>", b"<!--", b"-->", b"<!---->", b"<!DOCTYPE html", b"<!doctype rss ",
          b"<html><head>", b"<link ", b'rel="alternate" ', b'type="application/rss+xml" ',
          b'href="/f.xml"', b"<rss version=\"2.0\"><channel>", b"<item>", b"</item>", b"<link>",
          b"</link>", b"<title>", b"</title>", b"<pubDate>", b"</pubDate>", b"Mon, 10 Jun 2025 ",
          b"12:00:00 KST", b"https://hostile.example/x", b"&amp;", b"&lt;p&gt;", b"<![CDATA[",
          b"]]>", b"{", b"[", b'"items":', b"\xef\xbb\xbf", b"<feed ", b"<a:feed>", b"<rss>",
          b"<rdf:RDF ", b"</feed>", b"<entry>", b"<a:"]


def _property() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from bot.ingest.feeds import FeedFormatError, parse_feed

    # Runs of one token (up to 200 long) are what set a backtracking pattern off.
    runs = st.lists(st.tuples(st.sampled_from(TOKENS), st.integers(1, 200)), max_size=12)

    @settings(max_examples=300, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(runs)
    def check(parts: list[tuple[bytes, int]]) -> None:
        body = b"".join(token * count for token, count in parts)
        print("start", repr(body[:120]), flush=True)
        with contextlib.suppress(FeedFormatError):
            parse_feed(body, url="https://hostile.example/feed.xml")

    check()
    print("done property ok", flush=True)


if __name__ == "__main__":
    _property() if sys.argv[1:] == ["property"] else _parse_cases()
