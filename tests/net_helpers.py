"""Helpers for the fetcher's tests: settings from the environment, a client, an expected error."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.config import Settings, load_settings
from bot.net import FetchError, HttpClient
from tests.fake_dns import FakeResolver


def net_settings(tmp_path: Path, *, allow: bool = True, **env: str) -> Settings:
    """Settings from the defaults, no override file, and these FANZINE_NET_* variables."""
    override = tmp_path / "empty.toml"
    override.write_text("", encoding="utf-8")
    return load_settings({"FANZINE_CONFIG": str(override),
                          "FANZINE_ALLOW_PRIVATE_NETWORKS": "1" if allow else "0", **env})


@asynccontextmanager
async def client(tmp_path: Path, *, allow: bool = True, resolver: FakeResolver | None = None,
                 **env: str) -> AsyncIterator[HttpClient]:
    async with HttpClient(net_settings(tmp_path, allow=allow, **env), resolver=resolver) as http:
        yield http


async def fetch_error(http: HttpClient, url: str, **kwargs: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        await http.fetch(url, **kwargs)
    return caught.value
