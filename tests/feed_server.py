"""FeedServer: a local web server on 127.0.0.1 serving what tests register, faults on demand."""

from __future__ import annotations

import hashlib
import ssl
import time
from collections import Counter
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from types import TracebackType
from typing import Any, NamedTuple

import pytest_asyncio
from aiohttp import web
from multidict import CIMultiDict

from .feed_faults import FAULT_KINDS, Fault, answer_fault

DEFAULT_CONTENT_TYPE = "application/rss+xml; charset=utf-8"


class SeenRequest(NamedTuple):
    """One request as the server saw it; unpacks as (method, path, headers)."""

    method: str
    path: str
    headers: CIMultiDict[str]


@dataclass
class Served:
    """What a path answers when no fault is set."""

    body: bytes
    content_type: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None


def _path(path: str) -> str:
    return path if path.startswith("/") else f"/{path}"


def _charset(content_type: str) -> str:
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"') or "utf-8"
    return "utf-8"


def _quoted_etag(etag: str) -> str:
    return etag if etag.startswith(('"', 'W/"')) else f'"{etag}"'


def _etag_matches(header: str, etag: str) -> bool:
    """If-None-Match uses the weak comparison: W/ prefixes are ignored."""
    wanted = etag.removeprefix("W/")
    return any(tag.strip() == "*" or tag.strip().removeprefix("W/") == wanted
               for tag in header.split(","))


def _not_modified_since(header: str, last_modified: str) -> bool:
    try:
        return parsedate_to_datetime(header) >= parsedate_to_datetime(last_modified)
    except (TypeError, ValueError):
        return False


class FeedServer:
    """Serves registered bodies at paths on 127.0.0.1, with validators, faults and a request log.

    Every request is recorded in `requests`; `count(path)` counts them, `max_concurrent(path)`
    gives the most that were in flight at once, `bytes_sent(path)` the body bytes written by
    streaming faults, and `connections` the distinct client connections seen.
    """

    def __init__(self, *, ssl_context: ssl.SSLContext | None = None) -> None:
        self.ssl_context = ssl_context  # set: serve https (tests bring their own certificate)
        self.requests: list[SeenRequest] = []
        self.port = 0
        self._served: dict[str, Served] = {}
        self._faults: dict[str, Fault] = {}
        self._in_flight: Counter[str] = Counter()
        self._peak: Counter[str] = Counter()
        self._bytes_sent: Counter[str] = Counter()
        self._peers: set[tuple[str, int]] = set()
        self._last_modified: dict[str, float] = {}
        self._runner: web.AppRunner | None = None

    # lifecycle

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        # No shutdown grace: a test that ends mid-trickle must not wait for the trickle.
        self._runner = web.AppRunner(app, shutdown_timeout=0.1, access_log=None,
                                     handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=self.ssl_context)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FeedServer:
        await self.start()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.stop()

    # what tests call

    def url(self, path: str) -> str:
        scheme = "https" if self.ssl_context else "http"
        return f"{scheme}://127.0.0.1:{self.port}{_path(path)}"

    def serve(self, path: str, body: bytes | str, content_type: str = DEFAULT_CONTENT_TYPE, *,
              status: int = 200, headers: Mapping[str, str] | None = None,
              etag: str | None = "auto", last_modified: str | None = "auto") -> None:
        """Replace what `path` serves. A str body is encoded in the declared charset.

        `etag="auto"` is a hash of the body and `last_modified="auto"` the time of this call
        (always later than the path's previous one); matching If-None-Match or
        If-Modified-Since requests get 304. None leaves the validator out.
        """
        path = _path(path)
        data = body.encode(_charset(content_type)) if isinstance(body, str) else body
        if etag == "auto":
            etag = f'"{hashlib.sha256(data).hexdigest()[:16]}"'
        elif etag is not None:
            etag = _quoted_etag(etag)
        if last_modified == "auto":
            stamp = max(int(time.time()), int(self._last_modified.get(path, 0)) + 1)
            self._last_modified[path] = stamp
            last_modified = formatdate(stamp, usegmt=True)
        self._served[path] = Served(data, content_type, status, dict(headers or {}), etag,
                                    last_modified)

    def fault(self, path: str, kind: str, **params: Any) -> None:
        """Make `path` misbehave (see feed_faults.FAULT_KINDS); `count=N` limits it to N answers."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; known: {', '.join(FAULT_KINDS)}")
        count = params.pop("count", None)
        self._faults[_path(path)] = Fault(kind, params, count)

    def clear_faults(self, path: str | None = None) -> None:
        if path is None:
            self._faults.clear()
        else:
            self._faults.pop(_path(path), None)

    def served(self, path: str) -> Served | None:
        return self._served.get(_path(path))

    def count(self, path: str) -> int:
        path = _path(path)
        return sum(1 for r in self.requests if r.path == path)

    def max_concurrent(self, path: str | None = None) -> int:
        """The most requests in flight at once, for `path` or (None) for the whole server."""
        return self._peak[_path(path) if path is not None else "*"]

    def bytes_sent(self, path: str) -> int:
        return self._bytes_sent[_path(path)]

    def add_bytes_sent(self, path: str, n: int) -> None:
        self._bytes_sent[path] += n

    @property
    def connections(self) -> int:
        """Distinct client connections (peer address and port) seen so far."""
        return len(self._peers)

    # serving

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        self.requests.append(SeenRequest(request.method, path, request.headers.copy()))
        peer = request.transport.get_extra_info("peername") if request.transport else None
        if peer:
            self._peers.add((str(peer[0]), int(peer[1])))
        for key in (path, "*"):
            self._in_flight[key] += 1
            self._peak[key] = max(self._peak[key], self._in_flight[key])
        try:
            fault = self._faults.get(path)
            if fault is not None:
                if fault.remaining is not None:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        del self._faults[path]
                answer = await answer_fault(self, request, fault)
                if answer is not None:
                    return answer
            return self._answer(request, path)
        finally:
            for key in (path, "*"):
                self._in_flight[key] -= 1

    def _answer(self, request: web.Request, path: str) -> web.Response:
        served = self._served.get(path)
        if served is None:
            return web.Response(status=404, text=f"nothing is served at {path}\n")
        headers: CIMultiDict[str] = CIMultiDict(served.headers)
        if served.etag:
            headers["ETag"] = served.etag
        if served.last_modified:
            headers["Last-Modified"] = served.last_modified
        if served.status == 200 and self._is_fresh(request, served):
            return web.Response(status=304, headers=headers)
        headers["Content-Type"] = served.content_type
        return web.Response(status=served.status, body=served.body, headers=headers)

    @staticmethod
    def _is_fresh(request: web.Request, served: Served) -> bool:
        # RFC 9110 13.2.2: If-None-Match, when sent, decides; If-Modified-Since only without it.
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match is not None:
            return served.etag is not None and _etag_matches(if_none_match, served.etag)
        if_modified_since = request.headers.get("If-Modified-Since")
        return (if_modified_since is not None and served.last_modified is not None
                and _not_modified_since(if_modified_since, served.last_modified))


@pytest_asyncio.fixture
async def feed_server() -> AsyncIterator[FeedServer]:
    """A started FeedServer for one test, stopped afterwards."""
    async with FeedServer() as server:
        yield server
