"""REST plumbing: exact JSON replies, rate-limit headers, request log, injections, 404s."""

from __future__ import annotations

import asyncio
import hashlib
import json
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .events import RecordedRequest
from .validation import ApiError

if TYPE_CHECKING:
    from .server import FakeDiscord

API_PREFIX = "/api/v10"
FAKE_KEY: web.AppKey[FakeDiscord] = web.AppKey("fake")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_TOKEN_ROUTES = ("/webhooks/", "/interactions/")  # authenticated by the token in the path
_REQUEST_KEY: Any = getattr(web, "RequestKey", None)  # aiohttp >= 3.14 warns on str keys
_BODY: Any = _REQUEST_KEY("fake_discord_body", object) if _REQUEST_KEY else "fake_discord_body"
_FILES: Any = _REQUEST_KEY("fake_discord_files", list) if _REQUEST_KEY else "fake_discord_files"
_ARRIVED: Any = (_REQUEST_KEY("fake_discord_arrived", float) if _REQUEST_KEY
                 else "fake_discord_arrived")

DEFAULT_ERRORS: dict[int, tuple[int, str]] = {
    400: (50035, "Invalid Form Body"),
    401: (0, "401: Unauthorized"),
    403: (50013, "Missing Permissions"),
    404: (10003, "Unknown Channel"),
    500: (0, "500: Internal Server Error"),
    502: (0, "502: Bad Gateway"),
    503: (0, "503: Service Unavailable"),
}


@dataclass
class UploadedFile:
    field: str
    filename: str
    content_type: str | None
    data: bytes


@dataclass
class Injection:
    """The next `count` requests matching method + path regex get this reply instead."""

    method: str
    pattern: re.Pattern[str]
    count: int
    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    # Some of Discord's proxies answer errors with the request's headers in the body.
    echo_headers: bool = False

    def matches(self, method: str, path: str) -> bool:
        return (
            self.count > 0 and self.method in ("*", method) and bool(self.pattern.fullmatch(path))
        )


@dataclass
class Delay:
    """Matching requests are answered only after a random wait in [low, high] seconds (the
    work, such as creating the message, is done after the wait); `count` None is unlimited."""

    method: str
    pattern: re.Pattern[str]
    low: float
    high: float
    count: int | None

    def matches(self, method: str, path: str) -> bool:
        return (
            (self.count is None or self.count > 0)
            and self.method in ("*", method)
            and bool(self.pattern.fullmatch(path))
        )

    def take(self, rng: random.Random) -> float:
        if self.count is not None:
            self.count -= 1
        return rng.uniform(self.low, self.high)


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    """A reply with Content-Type exactly `application/json` (no charset), as discord.py needs."""
    response = web.Response(body=json.dumps(data).encode(), status=status, headers=headers)
    response.headers["Content-Type"] = "application/json"
    return response


def body_of(request: web.Request) -> Any:
    """The parsed JSON body (or multipart payload_json) of a REST request."""
    return request[_BODY]


def arrived_at(request: web.Request) -> float:
    """When a REST request arrived (monotonic), before any delay a test injected: what
    Discord's deadlines are measured against."""
    arrived: float = request[_ARRIVED]
    return arrived


def files_of(request: web.Request) -> list[UploadedFile]:
    """The files uploaded with a multipart REST request."""
    files: list[UploadedFile] = request[_FILES]
    return files


def no_content() -> web.Response:
    return web.Response(status=204)


def _bucket_headers(
    method: str, route: str, *, remaining: int = 49, reset_after: float = 1.0
) -> dict[str, str]:
    bucket = hashlib.sha1(f"{method} {route}".encode()).hexdigest()[:16]
    return {
        "X-RateLimit-Limit": "50",
        "X-RateLimit-Remaining": str(remaining),
        "X-RateLimit-Reset-After": f"{reset_after:.3f}",
        "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
        "X-RateLimit-Bucket": bucket,
    }


async def _read_body(request: web.Request) -> tuple[Any, list[UploadedFile]]:
    if not request.body_exists:
        return None, []
    if request.content_type == "multipart/form-data":
        form = await request.post()
        files: list[UploadedFile] = []
        body: Any = None
        for name, value in form.items():
            if isinstance(value, web.FileField):
                files.append(
                    UploadedFile(name, value.filename, value.content_type, value.file.read())
                )
            elif name == "payload_json":
                body = json.loads(value if isinstance(value, str) else bytes(value).decode())
        return body, files
    raw = await request.read()
    try:
        return json.loads(raw), []
    except ValueError:
        return raw.decode(errors="replace"), []


def _route_of(request: web.Request, path: str) -> str:
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else path


async def _respond(
    fake: FakeDiscord, request: web.Request, handler: Handler, path: str
) -> web.StreamResponse:
    method = request.method
    if request.match_info.http_exception is not None:
        fake.unknown_routes.append(f"{method} {path}")
        fake.events.emit("unknown_route", {"method": method, "path": path})
        return json_response({"message": "404: Not Found", "code": 0}, 404)
    route = _route_of(request, path)
    injection = fake.take_injection(method, path)
    if injection is not None:
        headers = {**_bucket_headers(method, route), **injection.headers}
        body = injection.body
        if injection.echo_headers:
            echoed = " ".join(f"{k}: {v}" for k, v in request.headers.items())
            body = {**body, "message": f"{body['message']} (request: {echoed})"}
        return json_response(body, injection.status, headers)
    if (
        not path.startswith(_TOKEN_ROUTES)
        and request.headers.get("Authorization") != f"Bot {fake.token}"
    ):
        return json_response({"message": "401: Unauthorized", "code": 0}, 401)
    try:
        response = await handler(request)
    except ApiError as exc:
        response = json_response(exc.body, exc.status)
    for key, value in _bucket_headers(method, route).items():
        response.headers.setdefault(key, value)
    return response


def make_middleware(fake: FakeDiscord) -> Any:
    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(API_PREFIX + "/"):
            return await handler(request)  # the gateway websocket
        path = request.path[len(API_PREFIX) :]
        body, files = await _read_body(request)
        request[_BODY], request[_FILES] = body, files
        record = RecordedRequest(
            method=request.method,
            path=path,
            query=dict(request.query),
            json=body,
            headers=dict(request.headers),
            files=[f.filename for f in files],
        )
        fake.requests.append(record)
        request[_ARRIVED] = record.at
        wait = fake.take_delay(request.method, path)
        if wait:
            # aiohttp does not cancel a handler when the client gives up, so a request the
            # client timed out on is still carried out, as on Discord.
            await asyncio.sleep(wait)
        response = await _respond(fake, request, handler, path)
        record.status = response.status
        fake.events.emit(
            "rest",
            {
                "method": record.method,
                "path": path,
                "status": record.status,
                "json": body,
                "request": record,
            },
        )
        return response

    return middleware


def rate_limit_injection(
    method: str, pattern: str, count: int, retry_after: float, global_: bool, via: bool
) -> Injection:
    body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": global_}
    headers = {
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset-After": f"{retry_after:.3f}",
        "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
        "X-RateLimit-Scope": "global" if global_ else "user",
        "Retry-After": str(max(1, round(retry_after))),
    }
    if global_:
        headers["X-RateLimit-Global"] = "true"
    if via:
        headers["Via"] = "1.1 google"
    return Injection(method.upper(), re.compile(pattern), count, 429, body, headers)


def status_injection(
    method: str, pattern: str, status: int, count: int, code: int | None, message: str | None,
    echo_headers: bool = False,
) -> Injection:
    default_code, default_message = DEFAULT_ERRORS.get(status, (0, f"{status}: Error"))
    body = {"message": message or default_message, "code": default_code if code is None else code}
    return Injection(method.upper(), re.compile(pattern), count, status, body, {}, echo_headers)
