"""`bench_ingest`'s floor: a plain aiohttp + feedparser client polling the same feeds."""

from __future__ import annotations

import asyncio
import io
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType

import aiohttp
import feedparser

from benchmarks.measure import cpu_seconds


@dataclass
class PlainRound:
    """One pass of the plain client over every feed."""

    name: str
    wall_s: float
    cpu_s: float
    answered_200: int
    answered_304: int
    items_parsed: int
    errors: int


class PlainClient:
    """What any feed reader does and nothing more: GET with If-None-Match, feedparser on a 200
    (in a thread, as the bot parses), `concurrency` feeds at a time and `per_host` requests at
    a time to one host, one HTTP session for every round. It stores nothing, dedupes nothing
    and queues no posts: the bot's rounds over its rounds are what the bot adds."""

    def __init__(self, concurrency: int, per_host: int) -> None:
        self.concurrency = concurrency
        self.per_host = per_host
        self._etags: dict[str, str] = {}
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> PlainClient:
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit_per_host=self.per_host), trust_env=False)
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._session is not None:
            await self._session.close()

    async def poll(self, name: str, urls: Sequence[str]) -> PlainRound:
        """Fetch and parse every feed once, timed."""
        limit = asyncio.Semaphore(self.concurrency)
        outcomes: Counter[str] = Counter()

        async def one(url: str) -> int:
            async with limit:
                try:
                    return await self._fetch(url, outcomes)
                except (aiohttp.ClientError, TimeoutError):
                    outcomes["error"] += 1
                    return 0

        started, cpu = time.perf_counter(), cpu_seconds()
        items = sum(await asyncio.gather(*(one(url) for url in urls)))
        wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        return PlainRound(name=name, wall_s=round(wall, 2), cpu_s=round(cpu, 2),
                          answered_200=outcomes["200"], answered_304=outcomes["304"],
                          items_parsed=items, errors=outcomes["error"])

    async def _fetch(self, url: str, outcomes: Counter[str]) -> int:
        assert self._session is not None, "PlainClient used outside its `async with` block"
        etag = self._etags.get(url)
        headers = {"If-None-Match": etag} if etag else {}
        async with self._session.get(url, headers=headers) as response:
            if response.status == 304:
                outcomes["304"] += 1
                return 0
            response.raise_for_status()
            body = await response.read()
            if "ETag" in response.headers:
                self._etags[url] = response.headers["ETag"]
        outcomes["200"] += 1
        # A file object: feedparser given bytes that name a file would open that file.
        parsed = await asyncio.to_thread(feedparser.parse, io.BytesIO(body))
        return len(parsed.entries)
