"""Two `fanzine run` processes on one PostgreSQL, every send to Discord slow (2–6 s): each post
goes out once, counted by the requests the fake Discord received, never by messages it kept."""

from __future__ import annotations

import asyncio
import os
import signal
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.db import Database
from bot.delivery.origin import NOTICE
from bot.delivery.outbox import enqueue, nonce_for
from bot.models import OutboxMessage
from bot.posts import Post
from tests.bot_process import BotProcess, discord_env
from tests.delivery_counts import send_counts
from tests.fake_discord import FakeDiscord

pytestmark = [pytest.mark.soak,
              pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)]

PROCESSES = 2
# 12 posts at 2-6 s each outlast a lease (30 s) more than once over; FANZINE_TEST_SLOW_POSTS
# for more.
POSTS = int(os.environ.get("FANZINE_TEST_SLOW_POSTS", "12"))
SEND = r"/channels/\d+/messages"
GUILD, CHANNEL = (1 << 22) | 7, 900
# Short, so that a re-send long after the first one shows as a second message too.
NONCE_WINDOW = 2.0
# Every post sent one after another at the slowest, with time to start and a lease to spare.
DEADLINE = POSTS * 6 + 80


async def test_slow_sends_go_out_once(fake_discord: FakeDiscord, db: Database,
                                      cli_env: dict[str, str], tmp_path: Path) -> None:
    fake_discord.nonce_window = NONCE_WINDOW
    guild = fake_discord.add_guild(GUILD, "slow sends")
    guild.add_channel(CHANNEL, "news")
    fake_discord.inject_delay("POST", SEND, 2.0, upto=6.0)
    keys = [f"slow:{n}" for n in range(POSTS)]
    now = datetime.now(UTC)
    async with db.transaction() as session:
        for key in keys:  # one channel: the posts go out one after another
            await enqueue(session, origin=NOTICE, dedup_key=key, post=Post(text=key), now=now,
                          guild_id=GUILD, channel_id=CHANNEL)
    bots = [BotProcess(f"bot{n}", discord_env(
        cli_env, fake_discord, FANZINE_DISCORD_SHARD_COUNT=str(PROCESSES),
        FANZINE_DISCORD_SHARD_IDS=str(n), FANZINE_LOG_LEVEL="info"), tmp_path)
        for n in range(PROCESSES)]
    nonces = {nonce_for(key) for key in keys}
    try:
        await asyncio.gather(*(bot.start() for bot in bots))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + DEADLINE
        while await unsettled(db) and loop.time() < deadline:
            for bot in bots:
                assert bot.running, f"{bot.name} exited:\n{bot.log()[-3000:]}"
            await asyncio.sleep(0.2)
        left = await unsettled(db)
        codes = await asyncio.gather(*(bot.stop(signal.SIGTERM) for bot in bots))
    finally:
        for bot in bots:
            await bot.kill()
    counts = send_counts(fake_discord, nonces)
    print(f"slow sends: {counts}")  # shown with -s or -rP
    assert counts.lost == 0, counts
    # A repeat is only acceptable where Discord would fold it into one message by its nonce.
    assert counts.largest_gap < NONCE_WINDOW, counts
    assert left == 0, f"{left} posts not settled after {DEADLINE} s: {counts}"
    assert codes == [0] * PROCESSES
    kept = [m for m in fake_discord.messages.get(CHANNEL, []) if m.get("nonce") in nonces]
    assert sorted(m["content"] for m in kept) == sorted(keys)


async def unsettled(db: Database) -> int:
    async with db.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(OutboxMessage)
                                         .where(OutboxMessage.status != "sent")) or 0)
