"""The benchmarks' web server: pre-rendered feeds and pages on 127.0.0.1, in a child process.

A child process keeps the server's CPU time and memory out of the bot's figures (a real feed
host is another machine): the bot's process does only the bot's work, and its peak RSS is its
own. The parent talks to it over a pipe: counts of requests, "change half the feeds", stop.
"""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any

from aiohttp import web

from benchmarks.content import feed_body, page_body

FEED_TYPE = "application/rss+xml; charset=utf-8"
PAGE_TYPE = "text/html; charset=utf-8"
NEW_ITEMS = 2  # items a changed feed gains at the top (the two oldest drop off the bottom)


@dataclass(frozen=True)
class HostPlan:
    """What to serve: `feeds` feeds of `items` items each, and `pages` article pages."""

    feeds: int
    items: int
    pages: int
    # When each feed's newest item was published before the change (keep it NEW_ITEMS hours
    # or more in the past: the changed feeds' new items come after it, an hour apart).
    newest_at: datetime


@dataclass(frozen=True)
class _Body:
    data: bytes
    etag: str


def _body(data: bytes) -> _Body:
    return _Body(data, f'"{hashlib.sha256(data).hexdigest()[:16]}"')


def _fresh(if_none_match: str | None, etag: str) -> bool:
    """If-None-Match with the weak comparison (RFC 9110 13.1.2)."""
    if if_none_match is None:
        return False
    wanted = etag.removeprefix("W/")
    return any(tag.strip() in ("*", wanted) or tag.strip().removeprefix("W/") == wanted
               for tag in if_none_match.split(","))


class _Site:
    """The child's state: every body rendered up front, which version each feed serves, counts."""

    def __init__(self, plan: HostPlan) -> None:
        self.plan = plan
        # Version 0: items 0..M-1. Version 1: NEW_ITEMS newer ones on top, the oldest dropped
        # (items are an hour apart, so the ones in both versions keep their dates).
        later = plan.newest_at + timedelta(hours=NEW_ITEMS)
        self.versions = [
            (_body(feed_body(i, 0, plan.items, plan.newest_at)),
             _body(feed_body(i, NEW_ITEMS, plan.items, later)))
            for i in range(plan.feeds)
        ]
        self.current = [0] * plan.feeds
        self.pages = [_body(page_body(k, plan.newest_at)) for k in range(plan.pages)]
        self.counts: Counter[str] = Counter()

    def change_half(self) -> int:
        """Every odd-numbered feed moves to its second version; returns how many changed."""
        changed = 0
        for i in range(1, self.plan.feeds, 2):
            changed += self.current[i] == 0
            self.current[i] = 1
        return changed

    async def feed(self, request: web.Request) -> web.Response:
        index = int(request.match_info["n"])
        if index >= self.plan.feeds:
            self.counts["404"] += 1
            raise web.HTTPNotFound()
        body = self.versions[index][self.current[index]]
        return self._answer(request, body, FEED_TYPE, "feed")

    async def page(self, request: web.Request) -> web.Response:
        index = int(request.match_info["n"])
        if index >= self.plan.pages:
            self.counts["404"] += 1
            raise web.HTTPNotFound()
        return self._answer(request, self.pages[index], PAGE_TYPE, "page")

    def _answer(self, request: web.Request, body: _Body, content_type: str,
                kind: str) -> web.Response:
        if _fresh(request.headers.get("If-None-Match"), body.etag):
            self.counts[f"{kind} 304"] += 1
            return web.Response(status=304, headers={"ETag": body.etag})
        self.counts[f"{kind} 200"] += 1
        return web.Response(body=body.data, headers={"ETag": body.etag,
                                                     "Content-Type": content_type})


async def _serve(conn: Connection, plan: HostPlan) -> None:
    site = _Site(plan)
    app = web.Application()
    app.router.add_get(r"/feed/{n:\d+}.xml", site.feed)
    app.router.add_get(r"/page/{n:\d+}.html", site.page)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    stop = asyncio.Event()

    def on_message() -> None:
        try:
            command = conn.recv()
        except EOFError:  # the parent went away
            stop.set()
            return
        if command == "stats":
            conn.send(dict(site.counts))
        elif command == "change":
            conn.send(site.change_half())
        else:
            stop.set()

    loop = asyncio.get_running_loop()
    loop.add_reader(conn.fileno(), on_message)
    conn.send(("ready", int(runner.addresses[0][1])))
    try:
        await stop.wait()
    finally:
        loop.remove_reader(conn.fileno())
        await runner.cleanup()


def _child(conn: Connection, plan: HostPlan) -> None:
    try:
        asyncio.run(_serve(conn, plan))
    except Exception as exc:  # reported to the parent, which raises it
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        raise


class FeedHost:
    """The parent's handle: `async with FeedHost(plan) as host`, then URLs, counts, changes."""

    def __init__(self, plan: HostPlan) -> None:
        self.plan = plan
        self.port = 0
        context = multiprocessing.get_context("spawn")
        self._conn, child_conn = context.Pipe()
        self._process = context.Process(target=_child, args=(child_conn, plan), daemon=True,
                                        name="bench-feed-host")

    async def __aenter__(self) -> FeedHost:
        self._process.start()
        try:
            kind, value = await asyncio.to_thread(self._conn.recv)
        except EOFError:
            kind, value = "error", f"it exited with status {self._process.exitcode}"
        if kind != "ready":
            raise RuntimeError(f"the benchmark's feed server did not start: {value}")
        self.port = value
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._process.is_alive():
            self._conn.send("stop")
        await asyncio.to_thread(self._process.join, 10)
        if self._process.is_alive():
            self._process.terminate()
            await asyncio.to_thread(self._process.join, 5)
        self._conn.close()

    def feed_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.port}/feed/{index}.xml"

    def page_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.port}/page/{index}.html"

    async def counts(self) -> Counter[str]:
        """Requests answered so far: "feed 200", "feed 304", "page 200", "404"."""
        return Counter(await asyncio.to_thread(self._call, "stats"))

    async def change_half(self) -> int:
        """Give every odd-numbered feed NEW_ITEMS new items (a new body and ETag)."""
        changed: int = await asyncio.to_thread(self._call, "change")
        return changed

    def _call(self, command: str) -> Any:
        self._conn.send(command)
        return self._conn.recv()
