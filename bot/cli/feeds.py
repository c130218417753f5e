"""Verbs `feeds add/list/remove/poll` and `ingest PATH-or-URL`."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from bot.app import App
from bot.cli.common import (
    AppHandler,
    add_channel_option,
    add_guild_option,
    id_argument,
    operator,
)


def register(verbs: Any) -> None:
    feeds = verbs.add_parser("feeds", help="manage and poll feeds")
    actions = feeds.add_subparsers(dest="feeds_verb", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="subscribe a channel to a feed (fetched now)")
    add.add_argument("url", help="the feed's URL (RSS, Atom or JSON Feed)")
    add_channel_option(add, help_text="channel to post in")
    add.add_argument("--include", help="comma-separated keywords; post only articles naming one")
    add.add_argument("--exclude", help="comma-separated keywords; skip articles naming one")
    add.add_argument("--regex", help="post only articles matching this regular expression")
    add.add_argument("--role", type=id_argument("--role"), metavar="ID",
                     help="a role each post mentions")
    add_guild_option(add)
    add.set_defaults(handler=AppHandler(_add))

    list_ = actions.add_parser("list", help="the guild's feeds and their health")
    add_guild_option(list_)
    list_.set_defaults(handler=AppHandler(_list))

    remove = actions.add_parser("remove", help="unsubscribe the guild from a feed")
    remove.add_argument("url")
    add_channel_option(remove, default=None, help_text="only this channel (default: all)")
    add_guild_option(remove)
    remove.set_defaults(handler=AppHandler(_remove))

    poll = actions.add_parser("poll", help="poll every enabled feed now")
    poll.add_argument("--json", action="store_true", help="print the report as JSON")
    poll.set_defaults(handler=AppHandler(_poll))

    ingest = verbs.add_parser("ingest", help="store one article (a page URL or a local file)")
    ingest.add_argument("source", metavar="PATH-or-URL")
    ingest.add_argument("--published", help="its publication date (YYYY-MM-DD); for a known "
                        "article, a different date replaces its date and re-learns its facts")
    ingest.add_argument("--url", help="the article's URL, when ingesting a file")
    add_guild_option(ingest)
    ingest.set_defaults(handler=AppHandler(_ingest))


async def _add(app: App, args: argparse.Namespace) -> int:
    added = await app.feeds.add(operator(args.guild), args.url, args.channel,
                                include=args.include, exclude=args.exclude, regex=args.regex,
                                mention_role_id=args.role)
    verb = "updated" if added.updated else "added"
    print(f"{verb}: {added.title or added.url} -> channel {added.channel_id} "
          f"({added.items_known} items seen, {added.posts_queued} posts queued; "
          f"filter: {added.filter})")
    return 0


async def _list(app: App, args: argparse.Namespace) -> int:
    feeds = await app.feeds.list(operator(args.guild))
    if not feeds:
        print("no feeds")
    for f in feeds:
        health = f.state if f.state == "ok" else f"{f.state} ({f.reason}: {f.last_error})"
        print(f"{f.url}\tchannel {f.channel_id}\t{health}\t{f.title or ''}")
    return 0


async def _remove(app: App, args: argparse.Namespace) -> int:
    removed = await app.feeds.remove(operator(args.guild), args.url, args.channel)
    print(f"removed {removed} subscription{'s' if removed != 1 else ''}")
    return 0


async def _poll(app: App, args: argparse.Namespace) -> int:
    report = await app.poller.poll_due(force=True)
    if args.json:
        print(json.dumps(asdict(report)))
    else:
        print(f"polled {report.polled} feeds: {report.new_articles} new articles, "
              f"{report.posts_queued} posts queued")
        for error in report.errors:
            print(f"  {error['url']}: {error['reason']}")
    return 0


async def _ingest(app: App, args: argparse.Namespace) -> int:
    from bot.cli.facts import read_source

    draft = await read_source(app, args.source, args.url, args.published)
    # A date given for a known article corrects its date, and what it said relative to it.
    ingested = await app.ingest.store(draft, args.guild, redate=args.published is not None)
    # The guilds' plans take in what the article taught before the command ends (the
    # re-planner's grace at close would cut a long pass short).
    await app.replanner.idle()
    facts = await app.facts.count_for_article(ingested.article_id)
    name = ingested.title or ingested.url or ""
    if ingested.redated is not None:
        before, after = ingested.redated
        was = before.date().isoformat() if before is not None else "no date"
        print(f"re-dated: article {ingested.article_id}: {name}: published "
              f"{after.date().isoformat()} (was {was}); its facts learned again ({facts} facts)")
        return 0
    state = "stored" if ingested.created else "already known"
    print(f"{state}: article {ingested.article_id}: {name} ({facts} facts)")
    return 0
