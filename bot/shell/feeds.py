"""The shell's `/feeds …` and `/ingest` commands, on the same core services as Discord's."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from pathlib import Path

from bot.app import App
from bot.errors import UserError
from bot.ingest.single import MAX_FILE_BYTES
from bot.shell import render
from bot.shell.parse import ParsedLine
from bot.shell.state import ShellState

FEEDS_USAGE = ("Use /feeds add URL [#channel] [include:…] [exclude:…] [regex:…] [role:@fans], "
               "/feeds list, /feeds remove URL [#channel], /feeds test URL.")


async def feeds_command(app: App, state: ShellState, line: ParsedLine) -> str:
    if not line.words:
        raise UserError(FEEDS_USAGE)
    action, rest = line.words[0].lower(), line.words[1:]
    options = dict(line.options)
    actor = state.actor()
    if action == "list":
        _no_more(rest, options, "/feeds list")
        return render.render_feed_list(await app.feeds.list(actor), state.world)
    url = options.pop("url", None) or (rest.pop(0) if rest else None)
    if not url:
        raise UserError(f"/feeds {action} needs a URL. {FEEDS_USAGE}")
    channel_text = options.pop("channel", None) or (rest.pop(0) if rest else None)
    if action in ("add", "test"):
        include, exclude = options.pop("include", None), options.pop("exclude", None)
        regex = options.pop("regex", None)
        role_text = options.pop("role", None)
        _no_more(rest, options, f"/feeds {action}")
        if action == "test":
            preview = await app.feeds.test(actor, url, include=include, exclude=exclude,
                                           regex=regex)
            return render.render_preview(preview, state.world)
        channel = state.world.channel_id(channel_text) if channel_text else actor.channel_id
        assert channel is not None
        added = await app.feeds.add(
            actor, url, channel, include=include, exclude=exclude, regex=regex,
            mention_role_id=state.world.role_id(role_text) if role_text else None)
        return render.render_feed_added(added, state.world)
    if action == "remove":
        _no_more(rest, options, "/feeds remove")
        channel = state.world.channel_id(channel_text) if channel_text else None
        removed = await app.feeds.remove(actor, url, channel)
        return f"Removed {removed} subscription{'s' if removed != 1 else ''} to {url}."
    raise UserError(f"Unknown action '{action}'. {FEEDS_USAGE}")


INGEST_USAGE = ("Use /ingest URL (one article page) or /ingest FILE (a local article), with "
                "published:YYYY-MM-DD to give (or correct) its publication date.")


async def ingest_command(app: App, state: ShellState, line: ParsedLine) -> str:
    options = dict(line.options)
    url = options.pop("url", None) or (line.words[0] if line.words else None)
    published_text = options.pop("published", None)
    if not url or len(line.words) > (0 if "url" in line.options else 1) or options:
        raise UserError(INGEST_USAGE)
    published = _published(published_text) if published_text is not None else None
    actor = state.actor()
    if "://" not in url:
        # The shell runs on the operator's machine: a local article file is as good as a page
        # (examples/ holds some), dated by the shell's clock so "next Friday" means its week.
        guild_id = actor.require_moderator()
        data = await asyncio.to_thread(_read_article, url)
        return render.render_ingested(await app.ingest.ingest_file(
            guild_id, Path(url).name, data, published=published or app.clock.now(),
            redate=published is not None, by=actor))
    return render.render_ingested(await app.ingest.ingest_url(
        actor, url, published, redate=published is not None))


def _published(text: str) -> datetime:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"'{text}' is not a date like 2026-11-20. {INGEST_USAGE}") from None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _read_article(path: str) -> bytes:
    """A local article file's bytes (a bigger one than an article may be is refused unread)."""
    file = Path(path)
    if not file.is_file():
        raise UserError(f"No file {path}: give an article page's URL (https://…) or a local "
                        "article file.")
    with file.open("rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)


def _no_more(rest: list[str], options: dict[str, str], command: str) -> None:
    if rest:
        raise UserError(f"{command}: unexpected '{rest[0]}'. {FEEDS_USAGE}")
    if options:
        raise UserError(f"{command} has no option '{sorted(options)[0]}'. {FEEDS_USAGE}")
