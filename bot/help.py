"""The command catalogue behind `/help`, shared by every adapter (a test keeps them in step)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CommandHelp:
    """One slash command: its name, one-line summary, usage and who may run it."""

    name: str
    summary: str
    usage: str
    moderator: bool = False


COMMANDS: tuple[CommandHelp, ...] = (
    CommandHelp("help", "List fanzine's commands and what they do.", "/help"),
    CommandHelp(
        "ask",
        "Ask about an artist or a release; the answer quotes where it comes from.",
        "/ask question (e.g. When did Glass Harbour come out? Who directed it?)",
    ),
    CommandHelp("sources", "Show the sentences and articles behind your last /ask answer.",
                "/sources"),
    CommandHelp("artist", "An artist's card: label, people, releases, dates and sources.",
                "/artist name"),
    CommandHelp("release", "A release's card: kind, date, status, credits and sources.",
                "/release title"),
    CommandHelp(
        "remind",
        "Personal reminders: at a time, or on a release's day, by DM or here.",
        "/remind me when what [where: dm|here] (when: in 2 days, tomorrow 18:00, next friday, "
        "2026-12-01 18:00) · /remind release title [where] · /remind list · /remind cancel id",
    ),
    CommandHelp("timezone", "Show or set your own time zone, used for your reminders.",
                "/timezone [zone] (e.g. Europe/London)"),
    CommandHelp("about", "What fanzine is, its version, and what it knows so far.", "/about"),
    CommandHelp(
        "setup",
        "Set this server's channels, time zone, posting hour, ping role and network view "
        "(moderators).",
        "/setup [announce_channel] [modlog_channel] [timezone] [post_hour] [ping_role] "
        "[network_facts] [clear]",
        moderator=True,
    ),
    CommandHelp(
        "feeds",
        "Add, list, remove and test news feeds (moderators).",
        "/feeds add url channel [include] [exclude] [regex] [role] · /feeds list · "
        "/feeds remove url [channel] · /feeds test url [include] [exclude] [regex]",
        moderator=True,
    ),
    CommandHelp(
        "facts",
        "Correct what this server's answers say: add, fix or remove a fact (moderators).",
        "/facts add subject predicate value · /facts fix subject predicate value · "
        "/facts remove subject predicate [value]",
        moderator=True,
    ),
    CommandHelp(
        "alias",
        "Teach this server another name for an artist or release (moderators).",
        "/alias add name alias",
        moderator=True,
    ),
    CommandHelp(
        "follow", "Cover an artist in this server's scheduled posts (moderators).",
        "/follow artist", moderator=True),
    CommandHelp(
        "unfollow", "Stop this server's scheduled posts about an artist (moderators).",
        "/unfollow artist", moderator=True),
    CommandHelp(
        "schedule",
        "Show or set what this server's scheduled posts do (moderators).",
        "/schedule show · /schedule set [channel] [kinds] [countdown_days] [milestones] "
        "[feb29] [ping] [digest] [digest_weekday] [clear_channel]",
        moderator=True,
    ),
    CommandHelp("subscribe", "Get the ping role, so scheduled posts mention you.", "/subscribe"),
    CommandHelp("unsubscribe", "Drop the ping role: scheduled posts stop mentioning you.",
                "/unsubscribe"),
    CommandHelp("upcoming", "The scheduled posts coming up in this server.", "/upcoming [days]"),
    CommandHelp(
        "ingest",
        "Store one article from its URL, so its facts become known (moderators).",
        "/ingest url",
        moderator=True,
    ),
)


def commands_for(is_moderator: bool) -> list[CommandHelp]:
    """The commands worth showing to this person (moderator commands only to moderators)."""
    return [c for c in COMMANDS if is_moderator or not c.moderator]
