"""`/feeds add|list|remove|test` and `/ingest`: news feeds and single articles (moderators)."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from pathlib import Path

from bot.commands.reply import ConfirmRemoval, FeedList, Message, Strong, say
from bot.commands.spec import CommandSpec, Complete, GroupSpec, Invocation, Kind, Option
from bot.errors import UserError
from bot.ingest.feeds_service import FeedAdded, FeedPreview
from bot.ingest.single import MAX_FILE_BYTES, Ingested

# Feeds shown per page of /feeds list: each embed field is at most ~1,300 characters, and a
# page of them stays far under Discord's 6,000 with room for the header.
FEEDS_PER_PAGE = 10
SUMMARY_SHOWN = 1500


async def add_feed(call: Invocation) -> FeedAdded:
    a = call.args
    channel = a.integer("channel")
    assert channel is not None  # required: Discord asks for it, the shell gives its own
    return await call.app.feeds.add(call.actor, a.text("url"), channel,
                                    include=a.optional_text("include"),
                                    exclude=a.optional_text("exclude"),
                                    regex=a.optional_text("regex"),
                                    mention_role_id=a.integer("role"))


async def list_feeds(call: Invocation) -> FeedList:
    feeds = await call.app.feeds.list(call.actor)
    page = call.args.integer("page") or 1
    pages = max(1, -(-len(feeds) // FEEDS_PER_PAGE))
    if not 1 <= page <= pages:
        raise UserError(f"There {'is' if pages == 1 else 'are'} {pages} "
                        f"page{'s' if pages != 1 else ''} of feeds; page {page} is not one.")
    return FeedList(feeds, page)


async def remove_feed(call: Invocation) -> ConfirmRemoval | Message:
    """Where a button can confirm, nothing is removed yet: the Remove button does it, checked
    again when clicked. Elsewhere (the shell) the command itself removes."""
    url, channel = call.args.text("url"), call.args.integer("channel")
    if call.confirms:
        return ConfirmRemoval(await call.app.feeds.removal(call.actor, url, channel))
    removed = await call.app.feeds.remove(call.actor, url, channel)
    return say(f"Removed {removed} subscription{'s' if removed != 1 else ''} to {url}.")


async def test_feed(call: Invocation) -> FeedPreview:
    a = call.args
    return await call.app.feeds.test(call.actor, a.text("url"),
                                     include=a.optional_text("include"),
                                     exclude=a.optional_text("exclude"),
                                     regex=a.optional_text("regex"))


async def ingest(call: Invocation) -> Message:
    url, actor = call.args.text("url"), call.actor
    given = call.args.optional_text("published")
    published = _published(given) if given is not None else None
    if "://" not in url and call.local_files:
        # The shell runs on the operator's machine: a local article file is as good as a page
        # (examples/ holds some), dated by the shell's clock so "next Friday" means its week.
        guild_id = actor.require_moderator()
        data = await asyncio.to_thread(_read_article, url)
        return ingested_message(await call.app.ingest.ingest_file(
            guild_id, Path(url).name, data, published=published or call.app.clock.now(),
            redate=published is not None, by=actor))
    return ingested_message(await call.app.ingest.ingest_url(
        actor, url, published, redate=published is not None))


def ingested_message(ingested: Ingested) -> Message:
    """What an ingest did: stored, already known, or re-dated."""
    name = ingested.title or ingested.url or "article"
    if ingested.redated is not None:
        before, after = ingested.redated
        was = f"{before:%Y-%m-%d}" if before is not None else "no date"
        return say("Re-dated: ", Strong(name), f" (article {ingested.article_id}) is now "
                   f"published {after:%Y-%m-%d} (was {was}); its facts were learned again, and "
                   "the change is in this server's audit log.")
    state = "Stored" if ingested.created else "Already known"
    summary = f"\n{ingested.summary[:SUMMARY_SHOWN]}" if ingested.summary else ""
    return say(f"{state}: ", Strong(name), f" (article {ingested.article_id}).{summary}")


def _published(text: str) -> datetime:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"'{text}' is not a date like 2026-11-20.") from None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _read_article(path: str) -> bytes:
    """A local article file's bytes (a bigger one than an article may be is refused unread)."""
    file = Path(path)
    if not file.is_file():
        raise UserError(f"No file {path}: give an article page's URL (https://…) or a local "
                        "article file.")
    with file.open("rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)

FEEDS = GroupSpec("feeds", "Add, list, remove and test news feeds (moderators).",
                  moderator=True, guild_only=True)
_INCLUDE = "Comma-separated keywords: post only articles naming one (e.g. the artist)"

FEEDS_ADD = CommandSpec(
    "add", "Post a feed's new articles in a channel; the newest one is posted right away.",
    group=FEEDS, defers=True,
    options=(
        Option("url", "The feed's address (RSS, Atom or JSON Feed)", required=True),
        Option("channel", "Channel to post new articles in", Kind.CHANNEL, required=True,
               bot_posts=True),
        Option("include", _INCLUDE),
        Option("exclude", "Comma-separated keywords: skip articles naming one"),
        Option("regex", "Post only articles matching this regular expression"),
        Option("role", "A role each post mentions (none by default)", Kind.ROLE,
               mentioned_in="channel"),
    ),
    shell_words=("url", "channel"),
    handler=add_feed,
    detail="posts a feed's new articles in a channel (below)")
FEEDS_LIST = CommandSpec(
    "list", "This server's feeds, where they post, and whether they work.", group=FEEDS,
    options=(Option("page", f"Which page of feeds ({FEEDS_PER_PAGE} a page)", Kind.INTEGER,
                    low=1, high=1000, default=1),),
    defers=True, handler=list_feeds,
    detail="this server's feeds, their channels, filters and health (ok, failing, disabled + "
           "why), 10 a page, turned with Previous/Next (`page` opens at a later one)")
FEEDS_REMOVE = CommandSpec(
    "remove", "Stop posting a feed in this server (after you confirm).", group=FEEDS,
    options=(
        Option("url", "The feed's address, as /feeds list shows it", required=True,
               complete=Complete.FEED_URL),
        Option("channel", "Only stop posting in this channel (default: everywhere)",
               Kind.CHANNEL),
    ),
    shell_words=("url", "channel"),
    defers=True, handler=remove_feed,
    detail="asks whether to stop a feed here (in one channel, or everywhere); its **Remove** "
           "button does it, **Keep** doesn't; the URL autocompletes")
FEEDS_TEST = CommandSpec(
    "test", "Preview what a feed would post here, and why each recent item would or would not.",
    group=FEEDS, defers=True,
    options=(
        Option("url", "The feed's address", required=True),
        Option("include", "Keywords to require"),
        Option("exclude", "Keywords to skip"),
        Option("regex", "A pattern to require"),
    ),
    handler=test_feed,
    detail="a preview: what would be posted, and why each recent item would or would not be; "
           "the sample post is an item the filter lets through")
INGEST = CommandSpec(
    "ingest", "Store one article from its URL, so its facts become known (moderators).",
    options=(
        Option("url", "The article's address", required=True),
        Option("published", "The article's publication date, YYYY-MM-DD", shell_only=True),
    ),
    moderator=True, guild_only=True, defers=True,
    handler=ingest,
    detail="stores one article page, without posting it (`published:YYYY-MM-DD` in the shell "
           "gives or corrects its date)")
