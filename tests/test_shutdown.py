"""A graceful stop of `fanzine run` (SIGTERM, SIGINT): claimed work given back, gateway closed,
exit 0; and SQLite's one-bot-process rule."""

from __future__ import annotations

import asyncio
import signal
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.db import Database
from bot.delivery.origin import NOTICE
from bot.delivery.outbox import enqueue
from bot.models import Feed, OutboxMessage, Subscription
from bot.posts import Post
from tests.bot_process import BotProcess, discord_env
from tests.discord_world import GENERAL, GUILD, NEWS, build_world
from tests.fake_discord import Event, FakeDiscord
from tests.feed_server import FeedServer

SEND = r"/channels/\d+/messages"


async def seed_claimable_work(db: Database, feed_url: str) -> None:
    """One post due now and one feed due now, both for the guild of the fake's world."""
    now = datetime.now(UTC)
    async with db.transaction() as session:
        await enqueue(session, dedup_key="shutdown:post", post=Post(text="hello"), now=now,
                      origin=NOTICE, guild_id=GUILD, channel_id=GENERAL)
        feed = Feed(url=feed_url, created_at=now, next_poll_at=now, poll_interval_seconds=60)
        session.add(feed)
        await session.flush()
        session.add(Subscription(guild_id=GUILD, feed_id=feed.id, channel_id=NEWS,
                                 created_at=now))


async def until(check: object, what: str, timeout: float = 60.0) -> None:  # noqa: ASYNC109
    """Wait until `check()` is true (polled), else fail naming `what`."""
    assert callable(check)
    for _ in range(int(timeout / 0.05)):
        if check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
async def test_a_stop_signal_releases_claims_and_exits_0(
    number: signal.Signals, fake_discord: FakeDiscord, feed_server: FeedServer, db: Database,
    cli_env: dict[str, str], tmp_path: Path,
) -> None:
    build_world(fake_discord)
    # Both pieces of work stay in flight: Discord asks the send to wait, the feed is slow.
    fake_discord.inject_429("POST", SEND, count=1, retry_after=120)
    feed_server.serve("/feed.xml", "<rss version='2.0'><channel><title>t</title></channel></rss>")
    feed_server.fault("/feed.xml", "slow", delay=120)
    await seed_claimable_work(db, feed_server.url("/feed.xml"))
    bot = BotProcess("bot", discord_env(cli_env, fake_discord,
                                        FANZINE_ALLOW_PRIVATE_NETWORKS="1"), tmp_path)
    await bot.start()
    try:
        await fake_discord.wait_for(
            lambda e: e.kind == "rest" and e.data["method"] == "POST" and e.data["status"] == 429,
            timeout=60)
        await until(lambda: feed_server.count("/feed.xml") >= 1, "the feed poll")
        async with db.transaction() as session:
            row = await session.scalar(select(OutboxMessage))
            assert row is not None and row.status == "sending" and row.lease_owner
        code = await bot.stop(number)
    finally:
        await bot.kill()
    assert code == 0, bot.log()
    stopped = datetime.now(UTC)
    async with db.transaction() as session:
        row = await session.scalar(select(OutboxMessage))
        feed = await session.scalar(select(Feed))
    assert row is not None and feed is not None
    assert (row.status, row.lease_owner, row.lease_until) == ("pending", None, None)
    assert row.next_attempt_at <= stopped
    assert feed.next_poll_at is not None and feed.next_poll_at <= stopped  # due again at once
    closed: Event = await fake_discord.wait_for(lambda e: e.kind == "ws_closed")
    assert closed.data["by"] == "client" and closed.data["code"] == 1000
    assert "released 1 claimed posts and 1 claimed feeds" in bot.log()


async def test_a_second_bot_process_on_one_sqlite_file_is_refused(
    fake_discord: FakeDiscord, cli_env: dict[str, str], tmp_path: Path,
) -> None:
    if not cli_env["FANZINE_DATABASE_URL"].startswith("sqlite"):
        pytest.skip("PostgreSQL serves any number of processes")
    build_world(fake_discord)
    env = discord_env(cli_env, fake_discord)
    first = BotProcess("first", env, tmp_path)
    await first.start()
    try:
        await fake_discord.wait_for(lambda e: e.kind == "identify", timeout=60)
        for verb in ("run", "shell"):
            second = BotProcess(f"second-{verb}", env, tmp_path, verb)
            await second.start()
            code = await asyncio.wait_for(_exit_code(second), 60)
            lines = [line for line in second.log().splitlines()
                     if line.startswith("fanzine:")]
            assert code == 2, second.log()
            assert len(lines) == 1 and "another fanzine process (pid" in lines[0]
            assert "use PostgreSQL (FANZINE_DATABASE_URL) to run several" in lines[0]
        # One-shot verbs still work beside the bot.
        oneshot = BotProcess("oneshot", env, tmp_path, "guild", "show")
        await oneshot.start()
        assert await asyncio.wait_for(_exit_code(oneshot), 60) == 0, oneshot.log()
        assert await first.stop() == 0, first.log()
        # The lock goes with the process: a new one starts.
        again = BotProcess("again", env, tmp_path)
        mark = fake_discord.mark()
        await again.start()
        await fake_discord.wait_for(lambda e: e.kind == "identify", since=mark, timeout=60)
        assert await again.stop() == 0, again.log()
    finally:
        await first.kill()


async def _exit_code(bot: BotProcess) -> int:
    assert bot.process is not None
    return await bot.process.wait()
