"""Autocomplete suggestions for an option's `Complete` source, as (label, value) pairs."""

from __future__ import annotations

from bot.actors import Actor
from bot.app import App
from bot.commands.spec import Complete
from bot.facts.name_search import search_names
from bot.guilds.timezones import search_timezones
from bot.schedule.reminders import ReminderView, local_text
from bot.text import clip

# Discord shows at most 25 suggestions, each label and value at most 100 characters.
MAX_SUGGESTIONS = 25
MAX_LENGTH = 100


async def suggestions(app: App, actor: Actor, source: Complete,
                      current: str) -> list[tuple[str, str]]:
    """What to suggest for `current`, the text typed so far."""
    typed = current[:MAX_LENGTH]
    if source in (Complete.ARTIST, Complete.RELEASE):
        names = await search_names(app.facts, source.value, typed, guild_id=actor.guild_id)
        return [(n[:MAX_LENGTH], n[:MAX_LENGTH]) for n in names[:MAX_SUGGESTIONS]]
    if source is Complete.TIMEZONE:
        return [(z, z) for z in search_timezones(current, MAX_SUGGESTIONS)]
    if source is Complete.FEED_URL:
        feeds = await app.feeds.list(actor)
        urls = dict.fromkeys(f.url for f in feeds if current.casefold() in f.url.casefold())
        # A longer URL can't be a choice's value: it is typed in full.
        return [(u, u) for u in urls if len(u) <= MAX_LENGTH][:MAX_SUGGESTIONS]
    found = await app.reminders.search(actor.user_id, actor.guild_id, typed)
    return [(reminder_label(r), str(r.id)) for r in found[:MAX_SUGGESTIONS]]


def reminder_label(r: ReminderView) -> str:
    """A reminder as one suggestion: its number, when, and what."""
    when = local_text(r.due_utc, r.tz) if r.due_utc is not None else "release day not known"
    return clip(f"{r.id} · {when} · {r.text}", MAX_LENGTH)
