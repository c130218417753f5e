"""Soak: three sharded `fanzine run` processes on a private PostgreSQL, with faults injected.

Processes are SIGKILLed and restarted, the gateway sends RECONNECT and INVALID_SESSION, Discord
answers 429 and 500 and is slow to answer, feeds answer 500 and time out, and PostgreSQL
restarts once. At the end every article is posted exactly once per subscribed channel, every
scheduled post falling due during the run is delivered exactly once, every interaction was
answered, and no outbox row, schedule or feed is left claimed. Counted by the requests the fake
Discord received (it forgets a nonce after its window, as Discord does): no post lost, and no
post sent again later than the nonce window after its first send. The short run (CI) injects
every fault at least once; `make soak` runs it for FANZINE_TEST_SOAK_SECONDS.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.db import Database, open_database
from bot.delivery.outbox import LEASE
from bot.migrate import upgrade
from bot.models import (
    Article,
    Delivery,
    Feed,
    GuildSettingsRow,
    OutboxMessage,
    Schedule,
    Subscription,
)
from bot.schedule.rules import local_anchor
from tests.bot_process import BotProcess, discord_env
from tests.delivery_counts import SendCounts, send_counts
from tests.fake_discord import FakeDiscord
from tests.feed_builders import Item, rss
from tests.feed_server import FeedServer
from tests.pg_cluster import PrivateCluster, find_bin_dir, private_cluster

pytestmark = pytest.mark.soak

SHARDS = 3
FEEDS = 4
# Two guilds per shard: guild k lives on shard (k >> 22) % 3 = k % 3.
GUILDS = [(k << 22) | 5 for k in range(1, 2 * SHARDS + 1)]
FAN = 42
SEND = r"/channels/\d+/messages"
# Short in CI; `make soak` sets a long one.
SOAK_SECONDS = float(os.environ.get("FANZINE_TEST_SOAK_SECONDS", "20"))
SEED = int(os.environ.get("FANZINE_TEST_SOAK_SEED", "7"))
REQUIRE_PG = os.environ.get("FANZINE_TEST_REQUIRE_POSTGRES") == "1"
# Bot settings that make a minute of soak hold many polls: a feed is due every 1.2 s, a fetch
# gives up after 2 s (so a claim lasts 1.25 * 3 s), no page fetches.
BOT_SETTINGS = {
    "FANZINE_ALLOW_PRIVATE_NETWORKS": "1",
    "FANZINE_DISCORD_SHARD_COUNT": str(SHARDS),
    "FANZINE_INGEST_POLL_INTERVAL_MINUTES": "0.02",
    "FANZINE_INGEST_POLL_JITTER_SECONDS": "0",
    "FANZINE_INGEST_FETCH_PAGES": "0",
    "FANZINE_NET_CONNECT_TIMEOUT": "1",
    "FANZINE_NET_READ_TIMEOUT": "2",
    "FANZINE_LOG_LEVEL": "info",
}
HEALTHY_POLL = timedelta(seconds=1.2)


def channel_of(guild_id: int) -> int:
    return guild_id + 1


def shard_of(guild_id: int) -> int:
    return (guild_id >> 22) % SHARDS


def feeds_of(index: int) -> list[int]:
    """Guild `index` subscribes to two feeds; every feed has several guilds, on several shards."""
    return [index % FEEDS, (index + 1) % FEEDS]


@dataclass
class Soak:
    """The world of one soak run and what the harness did to it."""

    fake: FakeDiscord
    feeds: FeedServer
    cluster: PrivateCluster
    db: Database
    bots: list[BotProcess]
    rng: random.Random
    items: dict[int, list[Item]] = field(default_factory=dict)
    faults: Counter[str] = field(default_factory=Counter)
    interactions_sent: int = 0
    # Seeded schedules: id -> (the channel its post goes to, the text that names it).
    schedules: dict[int, tuple[int, str]] = field(default_factory=dict)
    unanswered: list[str] = field(default_factory=list)
    sends: SendCounts | None = None  # counted from the fake's requests at the end

    # the world

    def build_guilds(self) -> None:
        for guild_id in GUILDS:
            guild = self.fake.add_guild(guild_id, f"soak {guild_id}")
            guild.add_channel(channel_of(guild_id), "news")
            guild.add_member(FAN, "fan")
        for feed in range(FEEDS):
            self.items[feed] = []
            self.publish_feed(feed)

    def publish_feed(self, feed: int) -> None:
        self.feeds.serve(f"/soak/{feed}.xml", rss(self.items[feed], title=f"soak feed {feed}"))

    def publish(self) -> None:
        """A new article in a random feed, published now."""
        feed = self.rng.randrange(FEEDS)
        number = len(self.items[feed])
        self.items[feed].append(Item(
            title=f"soak {feed}-{number}", link=f"https://news.example/soak/{feed}/{number}",
            published=datetime.now(UTC), summary=f"Story {number} of soak feed {feed}."))
        self.publish_feed(feed)

    async def subscribe(self) -> None:
        now = datetime.now(UTC)
        async with self.db.transaction() as session:
            rows = [Feed(url=self.feeds.url(f"/soak/{f}.xml"), created_at=now, next_poll_at=now,
                         poll_interval_seconds=1, learned=True) for f in range(FEEDS)]
            session.add_all(rows)
            await session.flush()
            for index, guild_id in enumerate(GUILDS):
                for feed in feeds_of(index):
                    session.add(Subscription(guild_id=guild_id, feed_id=rows[feed].id,
                                             channel_id=channel_of(guild_id), created_at=now,
                                             learned_at=now))

    def expected_posts(self) -> Counter[tuple[int, str]]:
        expected: Counter[tuple[int, str]] = Counter()
        for index, guild_id in enumerate(GUILDS):
            for feed in feeds_of(index):
                for item in self.items[feed]:
                    expected[(channel_of(guild_id), item.title)] += 1
        return expected

    def posted(self) -> Counter[tuple[int, str]]:
        """Article posts the fake Discord created, by channel and title."""
        seen: Counter[tuple[int, str]] = Counter()
        for channel_id, messages in self.fake.messages.items():
            for message in messages:
                for embed in message.get("embeds") or []:
                    if str(embed.get("title", "")).startswith("soak "):
                        seen[(channel_id, embed["title"])] += 1
        return seen

    def summary(self) -> str:
        posts = sum(self.posted().values())
        starts = sum(bot.starts for bot in self.bots)
        return (f"soak: {posts} article posts of {sum(map(len, self.items.values()))} "
                f"articles, {self.interactions_sent} interactions answered, {starts} process "
                f"starts, {self.fake.identify_count} IDENTIFYs, {self.fake.resume_count} "
                f"RESUMEs, faults {dict(sorted(self.faults.items()))}\n"
                f"soak sends (every outbox post): {self.sends}")

    # the processes

    def live(self, shard: int) -> bool:
        """The shard's process runs and its gateway session is connected and usable."""
        session = self.fake.gateway.by_shard.get((shard, SHARDS))
        return (self.bots[shard].running and session is not None and session.resumable
                and session.conn is not None and session.conn.live)

    async def until_live(self, shard: int, timeout: float = 60.0) -> None:  # noqa: ASYNC109
        await until(lambda: self.live(shard), f"shard {shard} to connect", timeout,
                    self.bots[shard])

    def check_alive(self) -> None:
        for bot in self.bots:
            if bot.process is not None and bot.process.returncode is not None:
                raise AssertionError(f"{bot.name} exited by itself ({bot.process.returncode}):"
                                     f"\n{bot.log()[-4000:]}")

    async def interact(self) -> None:
        """/help in one guild of every connected shard; each must be answered."""
        for guild_id in GUILDS:
            shard = shard_of(guild_id)
            if not self.live(shard) or self.rng.random() < 0.5:
                continue
            self.interactions_sent += 1
            try:
                result = await self.fake.invoke("help", guild_id=guild_id,
                                                channel_id=channel_of(guild_id), user_id=FAN,
                                                timeout=30)
            except TimeoutError as exc:
                self.unanswered.append(f"guild {guild_id} (shard {shard}): {exc}")
                continue
            if not (result.content or result.embeds):
                self.unanswered.append(f"guild {guild_id}: an empty answer")

    # the faults

    async def kill_and_restart(self) -> None:
        bot = self.rng.choice(self.bots)
        await bot.kill()
        await asyncio.sleep(self.rng.uniform(0, 1.5))
        await bot.start()

    async def reconnect(self) -> None:
        await self.fake.reconnect(shard=self.rng.randrange(SHARDS))

    async def invalid_session(self) -> None:
        await self.fake.invalidate_session(self.rng.random() < 0.5,
                                           shard=self.rng.randrange(SHARDS))

    async def discord_429(self) -> None:
        self.fake.inject_429("POST", SEND, count=2, retry_after=0.3)

    async def discord_500(self) -> None:
        self.fake.inject_status("POST", SEND, 500, count=1)

    async def discord_slow(self) -> None:
        self.fake.inject_delay("POST", SEND, 1.0, upto=4.0, count=6)

    async def feed_500(self) -> None:
        self.feeds.fault(f"/soak/{self.rng.randrange(FEEDS)}.xml", "status", status=500,
                         count=2)

    async def feed_timeout(self) -> None:
        self.feeds.fault(f"/soak/{self.rng.randrange(FEEDS)}.xml", "slow", delay=4, count=1)

    async def postgres_restart(self) -> None:
        await self.cluster.restart()

    def fault_kinds(self) -> dict[str, Callable[[], Awaitable[None]]]:
        return {"sigkill": self.kill_and_restart, "reconnect": self.reconnect,
                "invalid_session": self.invalid_session, "discord_429": self.discord_429,
                "discord_500": self.discord_500, "discord_slow": self.discord_slow,
                "feed_500": self.feed_500,
                "feed_timeout": self.feed_timeout, "postgres_restart": self.postgres_restart}


async def until(check: Callable[[], bool], what: str, timeout: float,  # noqa: ASYNC109
                bot: BotProcess | None = None) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        if loop.time() > deadline:
            log = f"\n{bot.name}'s log:\n{bot.log()[-4000:]}" if bot else ""
            raise AssertionError(f"timed out waiting for {what}{log}")
        await asyncio.sleep(0.1)


def bot_environment(cluster: PrivateCluster, fake: FakeDiscord, tmp_path: Path,
                    shard: int) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items()
            if not k.startswith("FANZINE_") and k != "DISCORD_TOKEN"}
    override = tmp_path / "override.toml"
    override.write_text("", encoding="utf-8")
    return discord_env(base, fake, FANZINE_CONFIG=str(override),
                       FANZINE_DATABASE_URL=cluster.url,
                       FANZINE_SHELL_HISTORY_FILE=str(tmp_path / "history"),
                       FANZINE_DISCORD_SHARD_IDS=str(shard), **BOT_SETTINGS)


@pytest.fixture
async def cluster() -> AsyncIterator[PrivateCluster]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        reason = "the soak needs PostgreSQL's initdb and pg_ctl (/usr/lib/postgresql/*/bin)"
        if REQUIRE_PG:
            pytest.fail(f"{reason} (FANZINE_TEST_REQUIRE_POSTGRES=1)")
        pytest.skip(reason)
    async with private_cluster(bin_dir) as started:
        yield started


async def test_soak(cluster: PrivateCluster, fake_discord: FakeDiscord,
                    feed_server: FeedServer, tmp_path: Path) -> None:
    async with open_database(cluster.url) as db:
        await upgrade(db)
        bots = [BotProcess(f"shard{shard}", bot_environment(cluster, fake_discord, tmp_path,
                                                            shard), tmp_path)
                for shard in range(SHARDS)]
        soak = Soak(fake_discord, feed_server, cluster, db, bots, random.Random(SEED))
        soak.build_guilds()
        await soak.subscribe()
        await seed_schedules(soak)
        try:
            await asyncio.gather(*(bot.start() for bot in bots))
            for shard in range(SHARDS):
                await soak.until_live(shard)
            await chaos(soak)
            await settle(soak)
            stopped = await stop_all(soak)
            await check_outcome(soak, stopped)
            await check_schedules(soak)
        finally:
            for bot in bots:
                await bot.kill()
    assert soak.faults.keys() == soak.fault_kinds().keys(), soak.faults
    print(soak.summary())  # shown by `make soak` (-s) and with pytest -rP


async def chaos(soak: Soak) -> None:
    """Every fault once, in a random order, then random ones until the time is up; articles
    are published and /help is asked all along."""
    kinds = soak.fault_kinds()
    first = list(kinds)
    soak.rng.shuffle(first)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SOAK_SECONDS
    while first or loop.time() < deadline:
        name = first.pop() if first else soak.rng.choice(list(kinds))
        if name == "postgres_restart" and soak.faults[name]:
            name = "sigkill"  # PostgreSQL restarts once; processes die as often as chance says
        await kinds[name]()
        soak.faults[name] += 1
        soak.publish()
        await asyncio.sleep(soak.rng.uniform(0.2, 1.0))
        soak.check_alive()
        await soak.interact()


async def settle(soak: Soak) -> None:
    """Faults off; every article reaches every channel (a post stranded in flight by a kill
    waits out its lease), and every feed polls cleanly again."""
    soak.feeds.clear_faults()
    soak.fake.clear_delays()
    for shard in range(SHARDS):
        await soak.until_live(shard, timeout=60)
    await soak.interact()
    expected = soak.expected_posts()
    # A feed that failed often during the run is backed off (doubling per failure): its
    # articles come at its next poll, as they would for a real server, so the wait outlasts it.
    backoff = await backoff_left(soak)
    if backoff > MAX_BACKOFF_WAIT:
        raise AssertionError(f"a feed is backed off {backoff:.0f} s after the faults stopped "
                             f"(more than {MAX_BACKOFF_WAIT} s)\n{await diagnose(soak, [])}")
    try:
        await until(lambda: set(soak.posted()) >= set(expected),
                    f"every article in every channel (missing: "
                    f"{sorted(set(expected) - set(soak.posted()))[:5]})",
                    LEASE.total_seconds() + 90 + backoff)
    except AssertionError as exc:
        missing = sorted(set(expected) - set(soak.posted()))
        raise AssertionError(f"{exc}\n{await diagnose(soak, missing)}") from None
    await until(lambda: set(scheduled_posts(soak)) >= set(soak.schedules),
                "every seeded schedule posted", LEASE.total_seconds() + 90)
    # A post sent by a process killed before it marked it sent is sent again (by its nonce, the
    # same message) once its lease runs out: only then is the outbox settled.
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LEASE.total_seconds() + 90
    while unsettled := await unsettled_posts(soak):
        assert loop.time() < deadline, f"outbox posts never settled: {unsettled}"
        await asyncio.sleep(0.2)
    await until_feeds_healthy(soak)


# The longest a settle waits for a backed-off feed's next poll (a soak's feeds fail a few times
# in a row at most; hours would mean the backoff never resets).
MAX_BACKOFF_WAIT = 900.0


async def backoff_left(soak: Soak) -> float:
    """Seconds until the last failing feed's next poll (0 when none is backed off)."""
    async with soak.db.transaction() as session:
        latest = await session.scalar(select(func.max(Feed.next_poll_at))
                                      .where(Feed.failure_count > 0))
    if latest is None:
        return 0.0
    if latest.tzinfo is None:
        latest = latest.replace(tzinfo=UTC)
    return max(0.0, (latest - datetime.now(UTC)).total_seconds())


async def diagnose(soak: Soak, missing: list[tuple[int, str]]) -> str:
    """Where each missing post stands: its article, its outbox row, its feed; and the bots'
    warnings (what a failed settle needs to be told apart: a feed not polled, a post stuck)."""
    lines = [f"{len(missing)} posts missing"]
    async with soak.db.transaction() as session:
        for channel_id, title in missing[:8]:
            article = (await session.execute(select(Article.id).where(Article.title == title)))\
                .scalar_one_or_none()
            row = None if article is None else (await session.execute(
                select(OutboxMessage.status, OutboxMessage.attempts, OutboxMessage.last_error,
                       OutboxMessage.next_attempt_at, OutboxMessage.lease_until)
                .where(OutboxMessage.dedup_key == f"article:{article}:channel:{channel_id}")
            )).first()
            lines.append(f"  {title} in {channel_id}: article {article}, outbox {row}")
        feeds = (await session.execute(select(Feed.id, Feed.url, Feed.failure_count,
                                              Feed.next_poll_at, Feed.last_error))).all()
    lines += [f"  feed {f}" for f in feeds]
    for bot in soak.bots:
        warnings = [line for line in bot.log().splitlines()
                    if "WARNING" in line or "ERROR" in line][-15:]
        lines += [f"  {bot.name}: {line[:300]}" for line in warnings]
    return "\n".join(lines)


async def unsettled_posts(soak: Soak) -> list[tuple[str, str, str | None]]:
    """(key, status, last error) of every post not sent yet."""
    async with soak.db.transaction() as session:
        rows = (await session.execute(
            select(OutboxMessage.dedup_key, OutboxMessage.status, OutboxMessage.last_error)
            .where(OutboxMessage.status != "sent"))).all()
    return [(key, status, error) for key, status, error in rows]


async def until_feeds_healthy(soak: Soak) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 60 + await backoff_left(soak)
    while True:
        async with soak.db.transaction() as session:
            failing = await session.scalar(
                select(func.count()).select_from(Feed).where(Feed.failure_count > 0))
        if not failing:
            return
        assert loop.time() < deadline, f"{failing} feeds still failing"
        await asyncio.sleep(0.2)


async def stop_all(soak: Soak) -> datetime:
    """SIGTERM every process at once; each exits 0. Returns the time they had all stopped."""
    codes = await asyncio.gather(*(bot.stop(signal.SIGTERM) for bot in soak.bots))
    for bot, code in zip(soak.bots, codes, strict=True):
        assert code == 0, f"{bot.name} exited {code}:\n{bot.log()[-4000:]}"
    return datetime.now(UTC)


async def check_outcome(soak: Soak, stopped: datetime) -> None:
    async with soak.db.transaction() as session:
        by_status = dict((await session.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status))).all())
        held = await session.scalar(select(func.count()).select_from(OutboxMessage)
                                    .where(OutboxMessage.lease_owner.is_not(None)))
        feeds = list(await session.scalars(select(Feed)))
        nonces = set(await session.scalars(select(OutboxMessage.nonce)))
    # By request, not by message kept: a repeat is fine only where Discord would fold it into
    # the first message by its nonce.
    soak.sends = send_counts(soak.fake, nonces)
    print(f"soak sends: {soak.sends}")
    assert soak.sends.lost == 0, soak.sends
    assert soak.sends.largest_gap < soak.fake.nonce_window, soak.sends
    expected = soak.expected_posts()
    posted = soak.posted()
    doubles = {key: n for key, n in posted.items() if n > 1}
    assert not doubles, f"posted more than once: {doubles} ({soak.sends})"
    assert posted == expected
    assert soak.interactions_sent > 0 and not soak.unanswered, soak.unanswered
    assert set(by_status) == {"sent"}, by_status
    assert held == 0
    for feed in feeds:
        assert feed.next_poll_at is not None and feed.last_polled_at is not None
        # A finished poll clears its lease, a stop releases its own, a killed process's lease
        # lapses and the feed is polled (and cleared) by another; the next poll stays healthy.
        assert feed.lease_owner is None, f"{feed.url} is still claimed by {feed.lease_owner}"
        assert (feed.next_poll_at <= stopped
                or feed.next_poll_at <= feed.last_polled_at + HEALTHY_POLL
                + timedelta(milliseconds=300)), f"{feed.url} polls late"


async def seed_schedules(soak: Soak) -> None:
    """Scheduled posts falling due all through the run, in every guild: reminders posted in the
    channel and release days posted in the announce channel (the guild's settings resolve it),
    each due at a random second of the chaos, plus one already late (within the grace window)
    that must go out once, marked late, when the processes start."""
    now = datetime.now(UTC)
    yesterday = (now - timedelta(days=1)).date().isoformat()
    async with soak.db.transaction() as session:
        for index, guild_id in enumerate(GUILDS):
            session.add(GuildSettingsRow(guild_id=guild_id, created_at=now, updated_at=now,
                                         announce_channel_id=channel_of(guild_id)))
            for n in range(3):
                due = now + timedelta(seconds=soak.rng.uniform(2, SOAK_SECONDS))
                if n == 2:
                    due = now - timedelta(minutes=20)  # past the 5-minute margin: late
                marker = f"planned post {index}-{n}"
                if n == 0:
                    # A release day: once, at its due time; its anchor is yesterday so that
                    # nothing follows it.
                    row = Schedule(kind="release_day", rule="release_day", guild_id=guild_id,
                                   title=marker, payload={"hour": 9}, tz="UTC",
                                   anchor_local=yesterday, next_due_utc=due,
                                   occurrence_key=yesterday, state="active", created_at=now,
                                   updated_at=now)
                else:
                    row = Schedule(kind="reminder", rule="once", guild_id=guild_id,
                                   channel_id=channel_of(guild_id), user_id=FAN, title=marker,
                                   payload={}, tz="Europe/London",
                                   anchor_local=local_anchor(due, "Europe/London"),
                                   next_due_utc=due, occurrence_key="once", state="active",
                                   created_at=now, updated_at=now)
                session.add(row)
                await session.flush()
                soak.schedules[row.id] = (channel_of(guild_id), marker)


def scheduled_posts(soak: Soak) -> Counter[int]:
    """Scheduled posts the fake Discord created, by schedule id (their text names the row)."""
    by_marker = {marker: sid for sid, (_, marker) in soak.schedules.items()}
    seen: Counter[int] = Counter()
    for channel_id, messages in soak.fake.messages.items():
        for message in messages:
            text = str(message.get("content") or "")
            for marker, sid in by_marker.items():
                if marker in text and soak.schedules[sid][0] == channel_id:
                    seen[sid] += 1
    return seen


async def check_schedules(soak: Soak) -> None:
    """Every due schedule delivered exactly once: one post each in its channel, one delivery
    per occurrence (the late one marked late), every row done, and no row left leased."""
    posts = scheduled_posts(soak)
    assert posts == Counter(dict.fromkeys(soak.schedules, 1)), posts
    async with soak.db.transaction() as session:
        rows = list(await session.scalars(
            select(Schedule).where(Schedule.id.in_(list(soak.schedules)))))
        deliveries = list(await session.scalars(
            select(Delivery).where(Delivery.schedule_id.in_(list(soak.schedules)))))
    assert {r.state for r in rows} == {"done"} and all(r.lease_owner is None for r in rows)
    assert sorted(d.schedule_id for d in deliveries) == sorted(soak.schedules)
    assert {d.status for d in deliveries} == {"sent"}
    assert sum(d.late for d in deliveries) >= len(GUILDS)  # the ones due before the start
