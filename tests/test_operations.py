"""`fanzine status` and the health endpoint: what an operator sees of the queues, on both DBs."""

from __future__ import annotations

import json
from datetime import timedelta

import aiohttp
import pytest
from sqlalchemy import update

from bot.clock import FixedClock
from bot.config import load_settings
from bot.db import Database
from bot.delivery.origin import NOTICE
from bot.delivery.outbox import Outbox, enqueue
from bot.errors import ConfigError
from bot.health import serve_health
from bot.models import Feed, OutboxMessage
from bot.posts import Post
from bot.status import read_status, status_lines
from tests.test_cli_feeds import fanzine


async def fill(db: Database, clock: FixedClock) -> None:
    """Two feeds (one failing), three posts: one claimed by a process that died, one failed."""
    now = clock.now()
    async with db.transaction() as session:
        session.add(Feed(url="https://news.example/ok.xml", state="ok", created_at=now))
        session.add(Feed(url="https://news.example/bad.xml", state="failing",
                         last_error="HTTP 500", failure_count=3,
                         first_failure_at=now - timedelta(hours=2), created_at=now))
        for key in ("a", "b", "c"):
            await enqueue(session, origin=NOTICE, dedup_key=key, post=Post(text=key), now=now,
                          guild_id=9, channel_id=1)
    await Outbox(db).claim("dead-process", now, limit=1)
    async with db.transaction() as session:
        await session.execute(update(OutboxMessage).where(OutboxMessage.dedup_key == "c")
                              .values(status="failed", last_error="missing permissions"))


async def test_status_counts_the_queues_and_names_the_problems(db: Database,
                                                               clock: FixedClock) -> None:
    await fill(db, clock)
    clock.advance(timedelta(minutes=5))  # the dead process's lease has run out
    status = await read_status(db, clock.now())
    assert status.feeds == {"ok": 1, "failing": 1}
    assert status.outbox.get("pending") == 1, status.outbox
    assert status.outbox["sending"] == 1
    assert status.outbox["failed"] == 1 and status.outbox["sending_lease_expired"] == 1
    assert status.outbox["pending_due"] == 1
    assert status.oldest_pending_seconds == 300.0
    assert [p.where for p in status.errors] == ["feed https://news.example/bad.xml", "post c"]
    assert status.errors[0].what == "failing: HTTP 500"
    text = "\n".join(status_lines(status))
    assert "feeds: failing 1, ok 1" in text and "oldest pending post: 300 s old" in text


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_fanzine_status_json(cli_env: dict[str, str]) -> None:
    code, out, err = await fanzine(cli_env, "status", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["feeds"] == {} and doc["next_posts"] == [] and doc["errors"] == []
    code, out, _ = await fanzine(cli_env, "status")
    assert code == 0 and "problems: none" in out


async def test_health_endpoint_reports_readiness_and_status(db: Database,
                                                            clock: FixedClock) -> None:
    await fill(db, clock)
    ready = False
    async with serve_health(db, clock, "127.0.0.1", 0, lambda: ready) as off:
        assert off is None  # port 0 is "off": nothing listens
    # An ephemeral port for the test: the configured port is fixed in real use.
    async with serve_health(db, clock, "127.0.0.1", _free_port(), lambda: ready) as port, \
            aiohttp.ClientSession() as http:
        base = f"http://127.0.0.1:{port}"
        async with http.get(f"{base}/healthz") as response:
            assert response.status == 503
            assert "not ready" in (await response.json())["problems"][0]
        ready = True
        async with http.get(f"{base}/healthz") as response:
            assert response.status == 200
            assert await response.json() == {"status": "ok", "problems": []}
        async with http.get(f"{base}/status") as response:
            assert (await response.json())["feeds"] == {"ok": 1, "failing": 1}


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_health_endpoint_listens_on_loopback_only(test_env: dict[str, str]) -> None:
    with pytest.raises(ConfigError, match=r"ops\.health_host .*loopback"):
        load_settings({**test_env, "FANZINE_HEALTH_HOST": "0.0.0.0"})
    assert load_settings({**test_env, "FANZINE_HEALTH_HOST": "::1"}).health_host == "::1"
    with pytest.raises(ConfigError, match=r"ops\.health_port"):
        load_settings({**test_env, "FANZINE_HEALTH_PORT": "70000"})
