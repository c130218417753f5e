"""`/feeds add|list|remove|test` and `/ingest`: news feeds and single articles (moderators)."""

from __future__ import annotations

from bot.commands.spec import CommandSpec, Complete, GroupSpec, Kind, Option

FEEDS_PER_PAGE = 10
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
    detail="posts a feed's new articles in a channel (below)")
FEEDS_LIST = CommandSpec(
    "list", "This server's feeds, where they post, and whether they work.", group=FEEDS,
    options=(Option("page", f"Which page of feeds ({FEEDS_PER_PAGE} a page)", Kind.INTEGER,
                    low=1, high=1000, default=1),),
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
    detail="a preview: what would be posted, and why each recent item would or would not be; "
           "the sample post is an item the filter lets through")
INGEST = CommandSpec(
    "ingest", "Store one article from its URL, so its facts become known (moderators).",
    options=(
        Option("url", "The article's address", required=True),
        Option("published", "The article's publication date, YYYY-MM-DD", shell_only=True),
    ),
    moderator=True, guild_only=True, defers=True,
    detail="stores one article page, without posting it (`published:YYYY-MM-DD` in the shell "
           "gives or corrects its date)")
