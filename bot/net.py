"""The one HTTP client: a shared aiohttp session with the bot's User-Agent and timeouts."""

from __future__ import annotations

from types import TracebackType

import aiohttp

from bot.config import Settings


class HttpClient:
    """Owns the aiohttp session every outgoing fetch goes through; opened once per process."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._session: aiohttp.ClientSession | None = None

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("HttpClient used outside its `async with` block")
        return self._session

    async def __aenter__(self) -> HttpClient:
        timeout = aiohttp.ClientTimeout(
            total=self._settings.net_read_timeout,
            sock_connect=self._settings.net_connect_timeout,
        )
        self._session = aiohttp.ClientSession(
            timeout=timeout,
            headers={"User-Agent": self._settings.user_agent},
            # Redirects are followed one by one by the fetcher, which checks each hop.
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
