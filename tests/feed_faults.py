"""The faults FeedServer can answer with: errors, slowness, huge bodies, redirects, bad content."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from email.utils import formatdate
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .feed_builders import article_page, mara_vale_items, rss

if TYPE_CHECKING:
    from .feed_server import FeedServer

FEED_TYPE = "application/rss+xml; charset=utf-8"
MB = 1024 * 1024


@dataclass
class Fault:
    """A fault set on a path; `remaining` answers left, None for as long as it is set."""

    kind: str
    params: dict[str, Any]
    remaining: int | None = None


Answer = web.StreamResponse | None
Handler = Callable[["FeedServer", web.Request, dict[str, Any]], Awaitable[Answer]]


def _feed_body(server: FeedServer, path: str) -> tuple[bytes, str]:
    """What the path serves, or our sample feed when nothing is registered there."""
    served = server.served(path)
    if served is not None:
        return served.body, served.content_type
    return rss(mara_vale_items()).encode("utf-8"), FEED_TYPE


async def _status(server: FeedServer, request: web.Request, p: dict[str, Any]) -> Answer:
    status = int(p.get("status", 500))
    body = p.get("body", f"fault injected: status {status}\n")
    return web.Response(status=status, text=body, headers=p.get("headers"))


async def _retry_after(server: FeedServer, request: web.Request, p: dict[str, Any]) -> Answer:
    """429 (or `status`) with Retry-After in seconds, or as an HTTP-date with `http_date=True`."""
    seconds = int(p.get("seconds", 120))
    now = time.time()
    value = formatdate(now + seconds, usegmt=True) if p.get("http_date") else str(seconds)
    return web.Response(status=int(p.get("status", 429)), text="slow down\n",
                        headers={"Retry-After": value, "Date": formatdate(now, usegmt=True)})


async def _slow(server: FeedServer, request: web.Request, p: dict[str, Any]) -> Answer:
    """Wait `delay` seconds before answering normally."""
    await asyncio.sleep(float(p.get("delay", 5.0)))
    return None


async def _slow_body(server: FeedServer, request: web.Request, p: dict[str, Any]) -> Answer:
    """Headers at once, then the body `chunk` bytes at a time, `delay` seconds apart."""
    body, content_type = _feed_body(server, request.path)
    chunk, delay = int(p.get("chunk", 64)), float(p.get("delay", 0.2))
    response = web.StreamResponse(headers={"Content-Type": content_type})
    response.content_length = len(body)
    await response.prepare(request)
    with contextlib.suppress(ConnectionError):
        for start in range(0, len(body), chunk):
            await response.write(body[start:start + chunk])
            server.add_bytes_sent(request.path, min(chunk, len(body) - start))
            await asyncio.sleep(delay)
        await response.write_eof()
    return response


async def _huge(server: FeedServer, request: web.Request, p: dict[str, Any]) -> Answer:
    """`size` bytes (50 MB by default) of feed-like text, made as it is sent, never stored.

    Chunked unless `declare_length=True`, which sends an honest Content-Length.
    """
    size = int(p.get("size", 50 * MB))
    block = (b"<item><title>Mara Vale - Glass Harbour (extended mix)</title></item>\n" * 1000)
    response = web.StreamResponse(headers={"Content-Type": FEED_TYPE})
    if p.get("declare_length"):
        response.content_length = size
    else:
        response.enable_chunked_encoding()
    await response.prepare(request)
    sent = 0
    with contextlib.suppress(ConnectionError):
        while sent < size:
            piece = block[: min(len(block), size - sent)]
            await response.write(piece)
            sent += len(piece)
            server.add_bytes_sent(request.path, len(piece))
        await response.write_eof()
    return response


async def _redirect(server: FeedServer, request: web.Request, p: dict[str, Any]) -> Answer:
    """Redirect to `to` (a path, relative reference or absolute URL), with `status` (302)."""
    return web.Response(status=int(p.get("status", 302)), headers={"Location": str(p["to"])})


async def _redirect_loop(server: FeedServer, request: web.Request, p: dict[str, Any]) -> Answer:
    """Redirect the path to itself, for ever."""
    return web.Response(status=int(p.get("status", 302)), headers={"Location": request.path})


async def _malformed(server: FeedServer, request: web.Request, p: dict[str, Any]) -> Answer:
    """The feed cut off part-way (at `keep`, a fraction, default one half): broken XML."""
    body, content_type = _feed_body(server, request.path)
    return web.Response(body=body[: int(len(body) * float(p.get("keep", 0.5)))],
                        headers={"Content-Type": content_type})


async def _html(server: FeedServer, request: web.Request, p: dict[str, Any]) -> Answer:
    """An article web page where a feed was expected."""
    page = article_page(
        p.get("title", "Mara Vale on writing “Glass Harbour”"),
        p.get("paragraphs", ["Mara Vale wrote Glass Harbour on a ferry between two islands.",
                             "The single comes out on 20 March 2026."]),
    )
    return web.Response(text=page, content_type="text/html", charset="utf-8")


async def _wrong_charset(server: FeedServer, request: web.Request, p: dict[str, Any]) -> Answer:
    """The feed's text encoded as Latin-1 while the header says UTF-8."""
    body, _ = _feed_body(server, request.path)
    text = body.decode("utf-8", errors="replace")
    return web.Response(body=text.encode("latin-1", errors="replace"),
                        headers={"Content-Type": "application/rss+xml; charset=utf-8"})


async def _drop(server: FeedServer, request: web.Request, p: dict[str, Any]) -> Answer:
    """Close the connection without a byte of answer."""
    if request.transport is not None:
        request.transport.close()
    # Nothing can be sent now; the handler's end is only the server's own bookkeeping.
    raise asyncio.CancelledError


FAULTS: dict[str, Handler] = {
    "status": _status,
    "retry_after": _retry_after,
    "slow": _slow,
    "slow_body": _slow_body,
    "huge": _huge,
    "redirect": _redirect,
    "redirect_loop": _redirect_loop,
    "malformed": _malformed,
    "html": _html,
    "wrong_charset": _wrong_charset,
    "drop": _drop,
}
FAULT_KINDS = tuple(FAULTS)


async def answer_fault(server: FeedServer, request: web.Request, fault: Fault) -> Answer:
    """The fault's answer, or None to answer normally (after a delay, say)."""
    return await FAULTS[fault.kind](server, request, fault.params)
