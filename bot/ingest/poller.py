"""Polling feeds: claim the due ones, fetch and parse, store new items, queue their posts."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select, update
from sqlalchemy.orm.attributes import flag_modified

from bot.clock import Clock
from bot.config import Settings
from bot.db import Database, claim_rows
from bot.delivery.leases import RowLease
from bot.guilds.life import guild_present
from bot.ingest.article import PageText, extract_page
from bot.ingest.articles import CHUNK, store_articles
from bot.ingest.batch_rows import BatchRows
from bot.ingest.drafts import ArticleDraft, draft_from_entry
from bot.ingest.feedmodel import is_link_keyed, other_keys, same_item
from bot.ingest.feeds import FeedEntry, FeedFormatError, ParsedFeed, parse_feed
from bot.ingest.group_commit import GroupCommit
from bot.ingest.health import (
    Failure,
    disabled_text,
    notify_guilds,
    record_failure,
    record_success,
    recovered_text,
)
from bot.ingest.posting import Candidate, newest_in_feed, posts_to_queue
from bot.kinds_and_states import FeedState
from bot.models import Article, Feed, FeedItem, Subscription
from bot.net import FetchError, HttpClient

log = logging.getLogger(__name__)

FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
               "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
# The longest lease on a feed; a poll that takes longer renews it (`FeedPoller._renewing`).
CLAIM_LEASE = timedelta(minutes=5)
FEED_LEASE = RowLease(Feed)
# New items whose pages are fetched in one poll; the rest keep the feed's own text.
MAX_PAGES_PER_POLL = 20
# On a feed's first poll (the learning pass), the pages of its newest items fetched: facts come
# from the articles, not only the summaries, without fetching a whole archive.
LEARNING_PAGES = 3
# The most feeds whose polls one transaction writes (`GroupCommit`): a round pays for a
# transaction per batch rather than per feed, and a batch holds SQLite's write lock briefly.
WRITE_BATCH = 50


def claim_lease(settings: Settings) -> timedelta:
    """How long a claim holds: the longest a poll's fetches may take by the configured timeouts
    (the feed, then its pages a few at a time), with a quarter more, and at most CLAIM_LEASE.
    A poll renews it every third of it, so only a poller that died leaves a feed claimed for
    longer than this; a poll that still outlives it costs only a second fetch: stored items
    are never posted twice."""
    rounds = 1
    if settings.ingest_fetch_pages:
        rounds += -(-MAX_PAGES_PER_POLL // settings.net_per_host_limit)
    fetch = settings.net_connect_timeout + settings.net_read_timeout
    return min(CLAIM_LEASE, timedelta(seconds=1.25 * rounds * fetch))

NewArticlesListener = Callable[[Sequence[int]], Awaitable[object]]


@dataclass(frozen=True)
class FetchedFeed:
    """A feed as fetched now: parsed (None when unchanged, a 304) plus its cache headers."""

    url: str
    parsed: ParsedFeed | None
    etag: str | None
    last_modified: str | None
    max_age: float | None


@dataclass(frozen=True)
class ClaimedFeed:
    """A feed leased to this process, with what its fetch needs (read by the claim itself)."""

    id: int
    url: str
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class Outcome:
    """What one feed's poll brings to be written: a fetch with the pages of its new items, or
    why it failed. `polled` when it came from a poll (a moderator's add stores a fetch too)."""

    feed_id: int
    url: str
    fetched: FetchedFeed | Failure
    pages: dict[str, PageText] = field(default_factory=dict)
    polled: bool = True


@dataclass
class PollReport:
    """What a round of polling did, in the shape `fanzine feeds poll --json` prints."""

    polled: int = 0
    new_articles: int = 0
    posts_queued: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)

    def add(self, other: PollReport) -> None:
        self.polled += other.polled
        self.new_articles += other.new_articles
        self.posts_queued += other.posts_queued
        self.errors.extend(other.errors)


class FeedPoller:
    """Fetches each feed URL once, however many guilds subscribe, and stores what is new."""

    def __init__(self, db: Database, http: HttpClient, settings: Settings, clock: Clock,
                 on_new_articles: NewArticlesListener | None = None, *,
                 owner: str) -> None:
        self.db = db
        self.http = http
        self.settings = settings
        self.clock = clock
        self.on_new_articles = on_new_articles
        self.max_age = timedelta(hours=settings.ingest_max_item_age_hours)
        # This process's owner id (App.owner): the feeds it polls are leased to it.
        self.owner = owner
        self.lease = claim_lease(settings)

    async def poll_due(self, *, force: bool = False) -> PollReport:
        """Poll every feed that is due (or, with force, every enabled subscribed feed). The
        polls' writes go a batch at a time (`GroupCommit`, `_write_batch`)."""
        claimed = await self._claim_feeds(force=force)
        limit = asyncio.Semaphore(self.settings.ingest_poll_concurrency)
        # Fetched polls waiting for their write, at most: the fetches go on meanwhile (so the
        # next batch fills up), but parsed feeds never pile up in memory.
        unwritten = asyncio.Semaphore(self.settings.ingest_poll_concurrency + WRITE_BATCH)
        polling = {feed.id for feed in claimed}

        async with GroupCommit(self._write_batch, WRITE_BATCH) as batches:
            async def one(feed: ClaimedFeed) -> PollReport:
                try:
                    async with unwritten:
                        async with limit:
                            outcome = await self._poll(feed)
                        return await batches.submit(outcome)
                finally:
                    polling.discard(feed.id)

            report = PollReport()
            async with self._renewing(polling):
                for result in await asyncio.gather(*(one(feed) for feed in claimed)):
                    report.add(result)
        return report

    async def poll_feed(self, feed_id: int) -> PollReport:
        """Poll one feed now, whether due or not, and write it in a transaction of its own."""
        async with self.db.read() as session:
            feed = await session.get(Feed, feed_id)
            if feed is None:
                return PollReport()
            claimed = ClaimedFeed(feed_id, feed.url, feed.etag, feed.last_modified)
        return (await self._write_batch([await self._poll(claimed)]))[0]

    async def _poll(self, feed: ClaimedFeed) -> Outcome:
        """Fetch and parse a feed, and the pages of its new items: what is to be written."""
        try:
            fetched = await self.fetch(feed.url, etag=feed.etag,
                                       last_modified=feed.last_modified)
            if isinstance(fetched, Failure):
                return Outcome(feed.id, feed.url, fetched)
            return Outcome(feed.id, feed.url, fetched, await self._new_pages(feed.id, fetched))
        except Exception as error:  # a poll cut short must leave the feed failing, not "ok"
            log.exception("polling feed %s failed part-way", feed.url)
            return Outcome(feed.id, feed.url, cut_short(error))

    async def store(self, feed_id: int, fetched: FetchedFeed) -> PollReport:
        """Store a successful fetch: new items, articles, posts, cache headers and health, in
        a transaction of its own (a moderator's add; polls go through `_write_batch`)."""
        outcome = Outcome(feed_id, fetched.url, fetched, await self._new_pages(feed_id, fetched),
                          polled=False)
        reports, created = await self._write([outcome])
        await self._tell_new(created)
        return reports[0]

    async def _write_batch(self, outcomes: list[Outcome]) -> list[PollReport]:
        """Write the polls of many feeds in one transaction. When it fails, each is written
        alone, so that one feed's failing write leaves the others stored and only that feed
        failing (its write rolled back whole, then recorded as `internal_error`)."""
        if len(outcomes) > 1:
            try:
                reports, created = await self._write(outcomes)
            except Exception as exc:
                log.warning("a batch of %d feed writes failed (%s: %s); writing them one by one",
                            len(outcomes), type(exc).__name__, exc)
            else:
                await self._tell_new(created)
                return reports
        return [await self._write_alone(outcome) for outcome in outcomes]

    async def _write_alone(self, outcome: Outcome) -> PollReport:
        try:
            reports, created = await self._write([outcome])
        except Exception as error:  # a poll cut short must leave the feed failing, not "ok"
            if isinstance(outcome.fetched, Failure):
                raise  # recording the failure itself failed: the database is away
            log.exception("polling feed %s failed part-way", outcome.url)
            reports, created = await self._write([replace(outcome, fetched=cut_short(error),
                                                          pages={})])
        await self._tell_new(created)
        return reports[0]

    async def _tell_new(self, created_ids: list[int]) -> None:
        if created_ids and self.on_new_articles is not None:
            await self.on_new_articles(created_ids)

    async def _write(self, outcomes: Sequence[Outcome]) -> tuple[list[PollReport], list[int]]:
        """Each outcome's report, and the ids of the articles created, in one transaction."""
        reports: list[PollReport] = []
        created: list[int] = []
        async with self.db.transaction() as session:
            for run in distinct_runs(outcomes):
                written, new_ids = await self._write_run(session, run)
                reports.extend(written)
                created.extend(new_ids)
        return reports, created

    async def _write_run(self, session: Any, outcomes: Sequence[Outcome]
                         ) -> tuple[list[PollReport], list[int]]:
        """Write the polls of distinct feeds: the feeds (locked, in id order) and their
        subscriptions read by one statement each; each feed's new articles in turn (an item
        of a later feed may be an article of an earlier one); then, for them all, one
        statement each for the items, the guild links and the posts (`BatchRows`), and the
        feeds' new states (updated together at the flush)."""
        now = self.clock.now()
        ids = sorted({outcome.feed_id for outcome in outcomes})
        feeds: dict[int, Feed] = {feed.id: feed for feed in await session.scalars(
            select(Feed).where(Feed.id.in_(ids)).order_by(Feed.id).with_for_update())}
        subscriptions: dict[int, list[Subscription]] = {i: [] for i in ids}
        for subscription in await session.scalars(
                select(Subscription).where(Subscription.feed_id.in_(ids),
                                           guild_present(Subscription.guild_id))
                .order_by(Subscription.id)):
            subscriptions[subscription.feed_id].append(subscription)
        # The stored items among every fetched entry's key, for the whole run at once.
        known = await stored_items(session, {
            outcome.feed_id: [e.key for e in outcome.fetched.parsed.entries]
            for outcome in outcomes if isinstance(outcome.fetched, FetchedFeed)
            and outcome.fetched.parsed is not None and outcome.fetched.parsed.entries})
        rows = BatchRows()
        reports = [PollReport(polled=int(outcome.polled)) for outcome in outcomes]
        created: list[int] = []
        for outcome, report in zip(outcomes, reports, strict=True):
            feed = feeds.get(outcome.feed_id)
            if isinstance(outcome.fetched, Failure):
                report.errors.append({"url": outcome.url, "reason": outcome.fetched.reason})
            elif feed is not None:
                created.extend(await self._store(session, rows, report, feed,
                                                 subscriptions[feed.id], outcome.fetched,
                                                 outcome.pages, now, known.get(feed.id)))
        await rows.flush(session, now)
        # The feeds' states last: their updates go out together, not one between each
        # feed's statements.
        for outcome, report in zip(outcomes, reports, strict=True):
            feed = feeds.get(outcome.feed_id)
            if feed is None:
                continue
            if isinstance(outcome.fetched, Failure):
                await self._store_failure(session, feed, outcome.fetched, now)
            else:
                report.posts_queued += await self._succeeded(session, feed, outcome.fetched,
                                                             now)
        return reports, created

    async def _new_pages(self, feed_id: int, fetched: FetchedFeed) -> dict[str, PageText]:
        """The pages of a fetch's new items (on a feed's first poll, of its newest few), when
        pages are fetched at all; one short read first, and the write looks again."""
        entries = fetched.parsed.entries if fetched.parsed else []
        if not self.settings.ingest_fetch_pages or not entries:
            return {}
        async with self.db.read() as session:
            new_entries = await self._unseen(feed_id, entries, session)
            learning = not await session.scalar(select(Feed.learned).where(Feed.id == feed_id))
        return await self._pages(learning_page_entries(new_entries) if learning
                                 else new_entries[:MAX_PAGES_PER_POLL])

    async def fetch(self, url: str, *, etag: str | None = None,
                    last_modified: str | None = None) -> FetchedFeed | Failure:
        """Fetch and parse a feed; a Failure (typed reason and message) instead of raising."""
        try:
            result = await self.http.fetch(url, etag=etag, last_modified=last_modified,
                                           accept=FEED_ACCEPT)
        except FetchError as exc:
            return Failure(exc.reason, exc.message, exc.retry_after)
        parsed = None
        if not result.not_modified:
            try:
                # Parsing is CPU work: a thread keeps the Discord gateway's heartbeats on time.
                parsed = await asyncio.to_thread(parse_feed, result.body, url=result.url,
                                                 content_type=result.content_type)
            except FeedFormatError as exc:
                return Failure(exc.reason, exc.message)
        return FetchedFeed(url=result.url, parsed=parsed, etag=result.etag,
                           last_modified=result.last_modified, max_age=result.max_age)

    async def _store(self, session: Any, rows: BatchRows, report: PollReport, feed: Feed,
                     subscriptions: Sequence[Subscription], fetched: FetchedFeed,
                     pages: dict[str, PageText], now: datetime,
                     known: StoredItems | None = None) -> list[int]:
        """Store a successful fetch's new articles in the caller's transaction (`feed` locked
        in it, with its subscriptions in guilds the bot is in), and put its items, guild links
        and posts in `rows`; counted on `report`. `known`: its stored items among the fetched
        entries' keys, read already. The ids of the articles created."""
        entries = fetched.parsed.entries if fetched.parsed else []
        feed_id = feed.id
        learning = not feed.learned
        # Read under the feed's lock: another process may have stored some of them.
        new_entries = await self._unseen(feed_id, entries, session, known)
        title = fetched.parsed.title if fetched.parsed else feed.title
        drafts = [draft_from_entry(e, title, pages.get(e.key)) for e in new_entries]
        # Every new item is stored as its own row with what its feed carried, whatever
        # article it shares with other feeds.
        stored = await store_articles(session, drafts, now, feed_id=feed_id,
                                      sentences=rows.sentences)
        rows.items.extend(
            {"feed_id": feed_id, "item_key": entry.key, "article_id": article.id,
             "link": entry.full_link or entry.link, "published_at": draft.published,
             "title": draft.title,
             "summary": draft.summary, "source": draft.source, "first_seen_at": now}
            for entry, draft, (article, _) in zip(new_entries, drafts, stored, strict=True))
        created_ids = [article.id for article, created in stored if created]
        report.new_articles += len(created_ids)
        rows.link([a.id for a, _ in stored], [s.guild_id for s in subscriptions], now)
        candidates = [item_candidate(article, entry.full_link or entry.link, draft,
                                     own_text=created)
                      for entry, draft, (article, created) in zip(new_entries, drafts,
                                                                  stored, strict=True)]
        for subscription in subscriptions:
            if subscription.learned_at is None:
                if not learning:
                    # What the feed carried, this poll's items included, is read back.
                    await rows.flush(session, now)
                    # The guild now carries what this feed carried: its facts too.
                    rows.link(await feed_article_ids(session, feed_id),
                              [subscription.guild_id], now)
                # A new channel sees only the newest items, whatever the feed held before.
                pool = candidates if learning else await stored_candidates(
                    session, feed_id, self.settings.ingest_learning_posts)
                chosen = newest_in_feed(pool, self.settings.ingest_learning_posts)
                subscription.learned_at = now
            else:
                chosen = candidates
            rows.queue(await posts_to_queue(subscription, chosen, now, self.max_age), report)
        return created_ids

    async def _succeeded(self, session: Any, feed: Feed, fetched: FetchedFeed,
                         now: datetime) -> int:
        """A stored fetch's feed state: learned, title, cache headers, lease, health; the
        notices queued (a recovery worth telling moderators)."""
        feed.learned = True
        if fetched.parsed is not None:
            feed.title = fetched.parsed.title or feed.title
            feed.etag, feed.last_modified = fetched.etag, fetched.last_modified
        # Written even when unchanged: the flush sends consecutive updates of the same
        # columns as one statement (executemany), and a 304 between two 200s would split it.
        for column in ("title", "etag", "last_modified"):
            flag_modified(feed, column)
        self._finished(feed)
        if record_success(feed, self.settings, now, fetched.max_age):
            return await notify_guilds(session, feed, recovered_text(feed),
                                       f"feed-recovered:{feed.id}:{now}", now)
        return 0

    def _finished(self, feed: Feed) -> None:
        """The poll is done: this process's lease on the feed goes (the caller sets the next
        poll time). A lease another process took after ours lapsed stays its own."""
        if feed.lease_owner == self.owner:
            feed.lease_owner = feed.lease_until = None

    async def _store_failure(self, session: Any, feed: Feed, failure: Failure,
                             now: datetime) -> None:
        """Record a failed poll in the caller's transaction (`feed` locked in it): backoff,
        and a disable notice."""
        log.info("feed %s failed (%s): %s", feed.url, failure.reason, failure.message)
        self._finished(feed)
        if record_failure(feed, failure, self.settings, now):
            log.warning("feed %s disabled after %d failures", feed.url, feed.failure_count)
            await notify_guilds(session, feed, disabled_text(feed),
                                f"feed-disabled:{feed.id}:{feed.first_failure_at}", now)

    async def _unseen(self, feed_id: int, entries: Sequence[FeedEntry], session: Any,
                      known: StoredItems | None = None) -> list[FeedEntry]:
        """The entries not stored yet. A link-keyed entry is also known by a key it was stored
        under before (its link with or without the fragment, its title and date). One keyed by a
        link that a stored item of another title and date (or another fragment) holds is a new
        item reusing the link: it is keyed by its title and date. `known`: the stored items
        among the entries' keys, read already (`stored_items`, for a whole batch)."""
        if not entries:
            return []
        asked = [e.key for e in entries]
        stored = dict(known) if known is not None else await self._stored(feed_id, asked,
                                                                           session)
        checked = [replace(e, key=e.title_key)
                   if e.key in stored and is_link_keyed(e) and not same_item(e, *stored[e.key])
                   else e for e in entries]
        others = [other_keys(e) for e in entries]  # of the entries as keyed by the feed
        # Only keys not asked for yet: a key just found missing is missing still.
        more = {k for e, keys in zip(checked, others, strict=True) for k in (e.key, *keys)
                if k not in stored} - set(asked)
        if more:
            stored.update(await self._stored(feed_id, sorted(more), session))
        return [e for e, keys in zip(checked, others, strict=True)
                if e.key not in stored
                and not any(k in stored and same_item(e, *stored[k]) for k in keys)]

    async def _stored(self, feed_id: int, keys: Sequence[str], session: Any) -> StoredItems:
        """The stored items of this feed among `keys`: key -> (link, title, date)."""
        return (await stored_items(session, {feed_id: keys})).get(feed_id, {})

    async def _pages(self, entries: Sequence[FeedEntry]) -> dict[str, PageText]:
        if not self.settings.ingest_fetch_pages:
            return {}
        pages = await asyncio.gather(*(self.page(e.link) for e in entries if e.link))
        keyed = [e for e in entries if e.link]
        return {e.key: p for e, p in zip(keyed, pages, strict=True) if p is not None}

    async def page(self, url: str | None) -> PageText | None:
        """An item's page text, or None (the feed's own text is kept) when it can't be had."""
        if not url:
            return None
        try:
            result = await self.http.fetch(url, accept=PAGE_ACCEPT)
        except FetchError as exc:
            log.info("page %s not fetched (%s): %s", url, exc.reason, exc.message)
            return None
        return await asyncio.to_thread(extract_page, result.body, url=result.url)

    async def _claim(self, *, force: bool) -> list[int]:
        """The ids of the feeds `_claim_feeds` leases to this process."""
        return [feed.id for feed in await self._claim_feeds(force=force)]

    async def _claim_feeds(self, *, force: bool) -> list[ClaimedFeed]:
        """Lease the due feeds (with force, every enabled subscribed one) to this process; a
        feed another process holds stays its own until that lease lapses, even with force.
        The claim returns what each fetch needs, so a poll reads nothing before fetching."""
        now = self.clock.now()
        subscribed = subscribed_in_guild()
        due = and_(Feed.state != FeedState.DISABLED, subscribed, FEED_LEASE.free(now))
        if not force:
            due = and_(due, or_(Feed.next_poll_at.is_(None), Feed.next_poll_at <= now))
        ids = (select(Feed.id).where(due).order_by(Feed.next_poll_at)
               .with_for_update(skip_locked=True))
        claim = (update(Feed).where(due).values(**FEED_LEASE.claim(self.owner, now, self.lease))
                 .returning(Feed.id, Feed.url, Feed.etag, Feed.last_modified))
        async with self.db.transaction() as session:
            rows = await claim_rows(session, ids, claim, Feed.id)
        return sorted((ClaimedFeed(row.id, row.url, row.etag, row.last_modified)
                       for row in rows), key=lambda feed: feed.id)

    async def renew(self, feed_ids: Sequence[int]) -> list[int]:
        """Extend this process's leases on `feed_ids` by a whole lease from now; the ids still
        ours (a lease that lapsed and was taken by another process is not taken back)."""
        if not feed_ids:
            return []
        now = self.clock.now()
        async with self.db.transaction() as session:
            rows = await session.execute(
                update(Feed).where(Feed.id.in_(list(feed_ids)), FEED_LEASE.mine(self.owner))
                .values(**FEED_LEASE.claim(self.owner, now, self.lease)).returning(Feed.id))
            return sorted(row.id for row in rows)

    @asynccontextmanager
    async def _renewing(self, feed_ids: set[int]) -> AsyncIterator[None]:
        """Keep this process's leases on `feed_ids` (the claimed feeds not polled yet, which
        the caller empties as polls finish) while the polls inside run: renewed every third of
        a lease, so a poll slower than its lease (long timeouts, many pages) or one waiting
        for its turn keeps its feed."""
        async def renew() -> None:
            while feed_ids:
                await asyncio.sleep(self.lease.total_seconds() / 3)
                try:
                    held = await self.renew(sorted(feed_ids))
                except Exception as exc:  # the database away: the polls go on, as before
                    log.warning("feed leases not renewed (%s: %s)", type(exc).__name__, exc)
                    continue
                for lost in feed_ids - set(held):
                    log.info("feed %d: lease lost while polling (it had lapsed)", lost)

        task = asyncio.create_task(renew(), name="feed-leases")
        try:
            yield
        finally:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task

    async def seconds_until_due(self, at_most: float) -> float:
        """Seconds until the next feed is due to be polled (0 if one is), at most `at_most`; a
        feed leased to a poller is due again when its lease runs out (if the poll never
        finishes)."""
        now = self.clock.now()
        subscribed = subscribed_in_guild()
        due_at = case((Feed.lease_until > now, Feed.lease_until), else_=Feed.next_poll_at)
        async with self.db.transaction() as session:
            soonest: datetime | None = await session.scalar(
                select(func.min(due_at)).where(Feed.state != FeedState.DISABLED, subscribed))
        if soonest is None:
            return at_most
        return max(0.0, min(at_most, (soonest - now).total_seconds()))

    async def release_claims(self) -> int:
        """Give back every feed this process holds and has not finished polling (a graceful
        stop), so another process polls it at once; other processes' leases stay theirs."""
        async with self.db.transaction() as session:
            result = await session.execute(
                update(Feed).where(FEED_LEASE.mine(self.owner)).values(**FEED_LEASE.cleared()))
        return int(getattr(result, "rowcount", 0) or 0)


# A feed's stored items by key: (link, title, date), what `same_item` compares.
StoredItems = dict[str, tuple[str | None, str | None, datetime | None]]


async def stored_items(session: Any, wanted: dict[int, Sequence[str]]) -> dict[int, StoredItems]:
    """The stored items of each feed among its keys in `wanted`, by one statement for every
    CHUNK keys of them all (a key of one feed found in another is dropped)."""
    asked = {(feed_id, key) for feed_id, keys in wanted.items() for key in keys}
    keys = sorted({key for _, key in asked})
    found: dict[int, StoredItems] = {feed_id: {} for feed_id in wanted}
    # Chunked: PostgreSQL refuses more than 32,767 bound values in one statement.
    for start in range(0, len(keys), CHUNK):
        rows = await session.execute(
            select(FeedItem.feed_id, FeedItem.item_key, FeedItem.link, FeedItem.title,
                   FeedItem.published_at)
            .where(FeedItem.feed_id.in_(sorted(wanted)),
                   FeedItem.item_key.in_(keys[start:start + CHUNK])))
        for feed_id, key, link, title, published in rows:
            if (feed_id, key) in asked:
                found[feed_id][key] = (link, title, published)
    return found


def distinct_runs(outcomes: Sequence[Outcome]) -> list[list[Outcome]]:
    """The outcomes in order, cut where a feed comes again: a run writes each feed once."""
    runs: list[list[Outcome]] = [[]]
    for outcome in outcomes:
        if any(o.feed_id == outcome.feed_id for o in runs[-1]):
            runs.append([])
        runs[-1].append(outcome)
    return [run for run in runs if run]


def cut_short(error: Exception) -> Failure:
    """The failure recorded for a poll that raised part-way."""
    return Failure("internal_error", f"the poll failed part-way ({type(error).__name__}); "
                   "it is retried with backoff")


def subscribed_in_guild() -> ColumnElement[bool]:
    """SQL: some guild the bot is still in subscribes to the feed (a feed only left guilds
    subscribe to is not fetched)."""
    return exists().where(Subscription.feed_id == Feed.id, guild_present(Subscription.guild_id))


async def feed_article_ids(session: Any, feed_id: int) -> list[int]:
    """Every article this feed's stored items carried."""
    return [i for i in await session.scalars(
        select(FeedItem.article_id).distinct().where(FeedItem.feed_id == feed_id,
                                                     FeedItem.article_id.is_not(None)))
        if i is not None]


async def stored_candidates(session: Any, feed_id: int, limit: int) -> list[Candidate]:
    """The feed's newest stored items, for a channel that subscribes to a known feed, newest
    first: by date when every item has one, else by place, as the learning pass picks them
    (`newest_in_feed`): the last poll's items first, each poll's in the feed's order, which
    is the order they were stored in."""
    if limit <= 0:
        return []
    undated = await session.scalar(select(FeedItem.id).where(
        FeedItem.feed_id == feed_id, FeedItem.published_at.is_(None)).limit(1))
    order = ((FeedItem.published_at.desc(), FeedItem.id.desc()) if undated is None
             else (FeedItem.first_seen_at.desc(), FeedItem.id.asc()))
    rows = (await session.execute(
        select(Article, FeedItem).join(FeedItem, FeedItem.article_id == Article.id)
        .where(FeedItem.feed_id == feed_id).order_by(*order).limit(limit)
    )).all()
    # The article was stored from this item when both came in together with one title.
    return [Candidate(article, item.published_at, item.title, item.link, item.summary,
                      item.source, own_text=(item.first_seen_at == article.created_at
                                             and item.title == article.title))
            for article, item in rows]


def learning_page_entries(entries: Sequence[FeedEntry],
                          count: int = LEARNING_PAGES) -> list[FeedEntry]:
    """The newest `count` entries of a feed on its first poll, whose pages are fetched: by
    date when every entry has a readable one, else the first in the feed's order."""
    if count <= 0:
        return []
    if all(entry.published is not None for entry in entries):
        return sorted(entries, key=lambda e: e.published or datetime.min,
                      reverse=True)[:count]
    return list(entries[:count])


def item_candidate(article: Article, link: str | None, draft: ArticleDraft, *,
                   own_text: bool) -> Candidate:
    """A new item of a feed as it will be posted: its own title, link, date and summary;
    `own_text` when the article was stored from it."""
    return Candidate(article, draft.published, draft.title, link, draft.summary, draft.source,
                     own_text)
