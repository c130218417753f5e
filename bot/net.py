"""The one HTTP client: one aiohttp session with timeouts, a size cap and an SSRF guard."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any, Literal

import aiohttp
from aiohttp.abc import AbstractResolver
from yarl import URL

from bot.config import Settings
from bot.netguard import SCHEMES, BlockedAddressError, GuardedResolver, check_literal_host
from bot.netguard import check_url as check_url
from bot.netheaders import content_type_parts, max_age_seconds, retry_after_seconds, status_text

__all__ = ["FailureReason", "FetchError", "FetchResult", "HttpClient", "check_url"]

log = logging.getLogger(__name__)

FailureReason = Literal[
    "not_found", "forbidden", "bad_format", "too_large", "blocked_address", "timeout", "http_error"
]
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Connections open at once across all hosts. Fetches wait for a slot before their clock starts,
# so a poll of a thousand feeds queues instead of timing out in the connector's own queue.
MAX_CONNECTIONS = 100
# Bodies of redirects and error pages up to this size are read and dropped so that the
# connection can be reused; larger ones are not worth it, and the connection is closed.
DRAIN_LIMIT = 64 * 1024
READ_CHUNK = 64 * 1024


class FetchError(Exception):
    """A fetch that failed: a typed reason for the code, a specific line for the moderator."""

    def __init__(self, reason: FailureReason, message: str, *, status: int | None = None,
                 retry_after: float | None = None, url: str | None = None) -> None:
        super().__init__(message)
        self.reason: FailureReason = reason
        self.message = message
        self.status = status
        self.retry_after = retry_after
        self.url = url

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"FetchError({self.reason!r}, {self.message!r}, status={self.status})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword fields survive pickling (a worker process reporting a failed fetch, say).
        return (_rebuild_fetch_error, (self.reason, self.message, self.status, self.retry_after,
                                       self.url))


def _rebuild_fetch_error(reason: FailureReason, message: str, status: int | None,
                         retry_after: float | None, url: str | None) -> FetchError:
    return FetchError(reason, message, status=status, retry_after=retry_after, url=url)


@dataclass(frozen=True)
class FetchResult:
    """A successful fetch (2xx) or a 304 Not Modified answer to a conditional GET."""

    url: str
    status: int
    not_modified: bool
    body: bytes
    content_type: str | None
    charset: str | None
    etag: str | None
    last_modified: str | None
    max_age: float | None


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _size(n: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} bytes"


@dataclass(slots=True)
class _HostSlots:
    semaphore: asyncio.Semaphore
    users: int = 0


class HostLimiter:
    """A semaphore per host, made on first use and dropped once nobody holds or awaits it."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._hosts: dict[str, _HostSlots] = {}

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        entry = self._hosts.get(host)
        if entry is None:
            entry = self._hosts[host] = _HostSlots(asyncio.Semaphore(self._limit))
        entry.users += 1
        try:
            async with entry.semaphore:
                yield
        finally:
            entry.users -= 1
            if entry.users == 0:
                del self._hosts[host]

    def __len__(self) -> int:
        return len(self._hosts)


class HttpClient:
    """Owns the aiohttp session every outgoing fetch goes through; opened once per process.

    `resolver` replaces the system resolver (tests use one that never leaves the machine); the
    private-network guard wraps it all the same.
    """

    def __init__(self, settings: Settings, *, resolver: AbstractResolver | None = None) -> None:
        self._settings = settings
        self._resolver = resolver
        self._session: aiohttp.ClientSession | None = None
        self._hosts = HostLimiter(settings.net_per_host_limit)
        self._connections = asyncio.Semaphore(MAX_CONNECTIONS)

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("HttpClient used outside its `async with` block")
        return self._session

    async def __aenter__(self) -> HttpClient:
        resolver: AbstractResolver = self._resolver or aiohttp.ThreadedResolver()
        if not self._settings.allow_private_networks:
            resolver = GuardedResolver(resolver)
        # A minute of DNS caching spares a lookup per poll; only guarded answers are cached.
        connector = aiohttp.TCPConnector(resolver=resolver, limit=MAX_CONNECTIONS,
                                         ttl_dns_cache=60)
        self._session = aiohttp.ClientSession(
            connector=connector,
            # The whole-fetch deadline is ours (asyncio.timeout in fetch); aiohttp only bounds
            # opening a connection, TLS handshake included.
            timeout=aiohttp.ClientTimeout(total=None,
                                          sock_connect=self._settings.net_connect_timeout),
            headers={"User-Agent": self._settings.user_agent},
            # Every fetch stands alone: no cookies carried from one feed to another.
            cookie_jar=aiohttp.DummyCookieJar(),
            # Proxy variables from the environment would route around the address guard.
            trust_env=False,
            auto_decompress=True,
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
                    accept: str | None = None) -> FetchResult:
        """GET `url`, following redirects ourselves and checking every hop; raise FetchError.

        With `etag`/`last_modified` the request is conditional and a 304 comes back as a result
        with `not_modified=True` and no body.
        """
        session = self.session
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        current = self._first_url(url)
        visited = {current}
        budget = self._settings.net_read_timeout
        loop = asyncio.get_running_loop()
        for redirects in range(self._settings.net_max_redirects + 1):
            self._check_hop(current)
            # Slots are taken one hop at a time and given back before the next hop, so a
            # redirect to another (or the same, full) host can never wait on itself.
            async with self._hosts.slot(f"{current.raw_host}:{current.port}"), self._connections:
                started = loop.time()
                try:
                    async with asyncio.timeout(budget):
                        outcome = await self._hop(session, current, headers)
                except TimeoutError:
                    raise FetchError(
                        "timeout",
                        f"no answer within {_seconds(self._settings.net_read_timeout)}",
                        url=str(current),
                    ) from None
                budget -= loop.time() - started
            if isinstance(outcome, FetchResult):
                if redirects == 0:
                    # No hop: give back the caller's own spelling, not yarl's re-encoding.
                    outcome = replace(outcome, url=url.strip())
                return outcome
            if outcome in visited:
                raise FetchError("http_error",
                                 f"a redirect loop: {current} redirects back to {outcome}",
                                 url=str(current))
            visited.add(outcome)
            current = outcome
        raise FetchError(
            "http_error",
            f"more than {self._settings.net_max_redirects} redirects (a redirect loop?)",
            url=str(current),
        )

    def _first_url(self, url: str) -> URL:
        try:
            parsed = URL(url.strip())
            parsed.port  # noqa: B018 - yarl checks the port only when it is read
        except ValueError as exc:
            raise FetchError("http_error", f"not a valid URL ({exc})", url=url) from None
        return parsed.with_fragment(None)

    def _check_hop(self, url: URL) -> None:
        """Scheme and literal-address checks, made again at every redirect hop."""
        if url.scheme not in SCHEMES:
            shown = url.scheme or "a URL without a scheme"
            raise FetchError("http_error", f"only http and https URLs can be fetched, not {shown}",
                             url=str(url))
        if not url.raw_host:
            raise FetchError("http_error", "the URL has no host name", url=str(url))
        if not self._settings.allow_private_networks:
            # Host names are checked by the resolver inside the connection; literal addresses
            # never reach a resolver in aiohttp, so they are checked here.
            try:
                check_literal_host(url.raw_host)
            except BlockedAddressError as exc:
                raise FetchError("blocked_address", exc.message, url=str(url)) from None

    async def _hop(self, session: aiohttp.ClientSession, url: URL,
                   headers: dict[str, str]) -> FetchResult | URL:
        """One request: the result, or the URL a redirect points to."""
        try:
            async with session.get(url, headers=headers, allow_redirects=False) as resp:
                status = resp.status
                if status in REDIRECT_STATUSES:
                    await _drain(resp)
                    return _redirect_target(url, resp)
                if status == 304 or 200 <= status < 300:
                    body = b"" if status == 304 else await self._read_capped(resp, url)
                    result = _result(url, resp, body)
                    log.debug("GET %s -> %s (%d bytes)", url, status, len(body))
                    return result
                await _drain(resp)
                raise _status_error(resp, url)
        except aiohttp.ClientError as exc:
            raise _connection_error(exc, url, self._settings.net_connect_timeout) from None

    async def _read_capped(self, resp: aiohttp.ClientResponse, url: URL) -> bytes:
        """The body, read in chunks and abandoned as soon as it passes the cap."""
        cap = self._settings.net_max_body_bytes
        declared = resp.content_length
        if declared is not None and declared > cap:
            raise FetchError("too_large",
                             f"the response is {_size(declared)}, more than the {_size(cap)} "
                             "allowed (net.max_body_bytes)", status=resp.status, url=str(url))
        body = bytearray()
        async for chunk in resp.content.iter_chunked(READ_CHUNK):
            body += chunk
            if len(body) > cap:
                # Leaving the `async with` unread closes the connection, which stops the download.
                raise FetchError("too_large",
                                 f"the response is larger than {_size(cap)} and was cut off",
                                 status=resp.status, url=str(url))
        return bytes(body)


def _result(url: URL, resp: aiohttp.ClientResponse, body: bytes) -> FetchResult:
    media, charset = content_type_parts(resp.headers.get("Content-Type"))
    return FetchResult(
        url=str(url),
        status=resp.status,
        not_modified=resp.status == 304,
        body=body,
        content_type=media,
        charset=charset,
        etag=resp.headers.get("ETag"),
        last_modified=resp.headers.get("Last-Modified"),
        max_age=max_age_seconds(resp.headers.getall("Cache-Control", [])),
    )


async def _drain(resp: aiohttp.ClientResponse) -> None:
    """Read a small unwanted body so the connection goes back to the pool; drop big ones."""
    length = resp.content_length
    if length is not None and length <= DRAIN_LIMIT:
        await resp.read()


def _redirect_target(url: URL, resp: aiohttp.ClientResponse) -> URL:
    location = resp.headers.get("Location")
    if not location:
        raise FetchError("http_error",
                         f"the server answered {status_text(resp.status)} without a Location",
                         status=resp.status, url=str(url))
    try:
        target = url.join(URL(location.strip())).with_fragment(None)
        target.port  # noqa: B018 - yarl checks the port only when it is read
    except ValueError:
        raise FetchError("http_error", f"the server redirected to an invalid URL: {location!r}",
                         status=resp.status, url=str(url)) from None
    if target.scheme not in SCHEMES:
        raise FetchError("http_error",
                         f"the server redirected to {target}, which is not an http or https URL",
                         status=resp.status, url=str(url))
    return target


def _status_error(resp: aiohttp.ClientResponse, url: URL) -> FetchError:
    status = resp.status
    retry_after = retry_after_seconds(resp.headers.get("Retry-After"), resp.headers.get("Date"))
    message = f"the server answered {status_text(status)}"
    if retry_after is not None:
        message += f" (retry after {_seconds(round(retry_after))})"
    reason: FailureReason = "http_error"
    if status in (404, 410):
        reason = "not_found"
    elif status in (401, 403):
        reason = "forbidden"
    return FetchError(reason, message, status=status, retry_after=retry_after, url=str(url))


def _connection_error(exc: aiohttp.ClientError, url: URL, connect_timeout: float) -> FetchError:
    """Translate aiohttp's failures into one line each; the guard's refusal keeps its reason."""
    host = url.host or ""
    where = f"{host}:{url.port}"
    cause = exc.os_error if isinstance(exc, aiohttp.ClientConnectorError) else None
    if isinstance(cause, BlockedAddressError):
        return FetchError("blocked_address", cause.message, url=str(url))
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return FetchError("timeout", f"could not connect to {where} within "
                          f"{_seconds(connect_timeout)}", url=str(url))
    if isinstance(exc, aiohttp.ServerTimeoutError):
        return FetchError("timeout", f"no answer from {where} in time", url=str(url))
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return FetchError("http_error", f"could not resolve host {host}", url=str(url))
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        detail = getattr(exc.certificate_error, "verify_message", None) or exc.certificate_error
        return FetchError("http_error", f"the TLS certificate of {host} was refused ({detail})",
                          url=str(url))
    if isinstance(exc, aiohttp.ClientSSLError):
        # ssl.SSLError.reason is OpenSSL's short name, such as WRONG_VERSION_NUMBER.
        detail = str(getattr(cause, "reason", None) or "").replace("_", " ").lower()
        return FetchError("http_error", f"the TLS handshake with {host} failed"
                          + (f" ({detail})" if detail else ""), url=str(url))
    if isinstance(exc, aiohttp.ClientConnectorError):
        if isinstance(cause, ConnectionRefusedError):
            detail = "connection refused"
        else:
            detail = (cause.strerror if cause is not None else None) or str(cause or exc)
        return FetchError("http_error", f"could not connect to {where} ({detail})", url=str(url))
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return FetchError("http_error", "the server closed the connection without answering",
                          url=str(url))
    if isinstance(exc, aiohttp.ClientPayloadError):
        return FetchError("http_error", "the response was cut off before its end", url=str(url))
    if isinstance(exc, aiohttp.ClientResponseError):
        return FetchError("http_error", f"the server's answer is not valid HTTP ({exc.message})",
                          url=str(url))
    if isinstance(exc, aiohttp.InvalidURL):
        return FetchError("http_error", f"not a valid URL ({exc})", url=str(url))
    return FetchError("http_error", f"the connection failed ({type(exc).__name__}: {exc})",
                      url=str(url))

