"""The command declarations: within Discord's rules, and the one source of the app commands
Discord registers, the shell's parser and usage lines, `/help` and the README's command table."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.commands.cards import ARTIST
from bot.commands.catalogue import COMMANDS
from bot.commands.feeds import FEEDS_ADD, INGEST
from bot.commands.readme import command_table
from bot.commands.reminders import REMIND_ME
from bot.commands.reply import Channel, Moment, Role, Strong, say
from bot.commands.schedule import UPCOMING
from bot.commands.spec import (
    CHOICE_LIMIT,
    DESCRIPTION_LIMIT,
    NAME_LIMIT,
    CommandSpec,
    Kind,
    Option,
)
from bot.discord_app.messages import message_text as discord_text
from bot.errors import UserError
from bot.shell.declared import shell_args
from bot.shell.replies import message_text as shell_text
from bot.shell.state import ShellState
from tests.discord_world import MANAGE_GUILD, FastBot
from tests.fake_discord.server import FakeDiscord

README = Path(__file__).resolve().parent.parent / "README.md"
NAME = re.compile(rf"^[-_a-z0-9]{{1,{NAME_LIMIT}}}$")
OPTION_TYPES = {Kind.TEXT: 3, Kind.INTEGER: 4, Kind.BOOLEAN: 5, Kind.CHANNEL: 7, Kind.ROLE: 8}


def test_the_readme_table_is_the_one_the_declarations_make() -> None:
    # Regenerate it with `python -m bot.commands.readme` after changing a declaration.
    assert command_table() in README.read_text(encoding="utf-8")


@pytest.mark.parametrize("spec", COMMANDS, ids=lambda s: s.qualified)
def test_each_declaration_keeps_discords_rules(spec: CommandSpec) -> None:
    names = [spec.name] + ([spec.group.name] if spec.group else [])
    assert all(NAME.match(n) for n in names)
    descriptions = [spec.description] + ([spec.group.description] if spec.group else [])
    assert all(0 < len(d) <= DESCRIPTION_LIMIT for d in descriptions)
    options = spec.discord_options()
    assert len({o.name for o in options}) == len(options) <= 25
    for option in options:
        assert NAME.match(option.name) and 0 < len(option.description) <= DESCRIPTION_LIMIT
        assert len(option.choices) <= CHOICE_LIMIT
        assert not (option.choices and option.complete)  # Discord allows one or the other
        assert all(0 < len(label) <= 100 and 0 < len(v) <= 100 for label, v in option.choices)


def test_each_command_is_declared_once() -> None:
    assert len({c.qualified for c in COMMANDS}) == len(COMMANDS)


# The commands that answer without deferring, each cheap by construction: no database and no
# network before the answer (`/help` lists the declarations; `/sources` reads the asker's last
# answer from this process's memory). Every other command defers first
# (tests/test_discord_deferral_e2e.py shows it with a slow database).
CHEAP = {"help", "sources"}


def test_every_command_defers_unless_cheap_by_construction() -> None:
    assert {c.qualified for c in COMMANDS if not c.defers} == CHEAP


def expected_option(option: Option) -> dict[str, Any]:
    payload: dict[str, Any] = {"name": option.name, "description": option.description,
                               "type": OPTION_TYPES[option.kind], "required": option.required}
    if option.choices:
        payload["choices"] = [{"name": label, "value": v} for label, v in option.choices]
    if option.complete is not None:
        payload["autocomplete"] = True
    low, high = ("min_length", "max_length") if option.kind is Kind.TEXT else \
        ("min_value", "max_value")
    if option.low is not None:
        payload[low] = option.low
    if option.high is not None:
        payload[high] = option.high
    return payload


def registered_option(payload: dict[str, Any]) -> dict[str, Any]:
    keys = ("name", "description", "type", "required", "choices", "autocomplete", "min_length",
            "max_length", "min_value", "max_value")
    found = {k: payload[k] for k in keys if k in payload}
    found.setdefault("required", False)
    if not found.get("autocomplete"):
        found.pop("autocomplete", None)
    return found


def expected_options(spec: CommandSpec) -> list[dict[str, Any]]:
    # Discord lists required options first (discord.py sorts them so).
    options = sorted(spec.discord_options(), key=lambda o: not o.required)
    return [expected_option(o) for o in options]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_the_registered_commands_are_the_declarations(
    quiet_bot: FastBot, fake_discord: FakeDiscord
) -> None:
    await quiet_bot.tree.sync()  # refused by the fake Discord if it breaks Discord's rules
    synced = {c["name"]: c for c in fake_discord.synced_commands[None]}
    assert set(synced) == {c.top for c in COMMANDS}
    for spec in COMMANDS:
        top = synced[spec.top]
        if spec.group is not None:
            assert top["description"] == spec.group.description
            subs = {o["name"]: o for o in top["options"]}
            assert subs[spec.name]["type"] == 1
            assert subs[spec.name]["description"] == spec.description
            options = subs[spec.name].get("options") or []
        else:
            assert top["description"] == spec.description
            options = top.get("options") or []
        assert [registered_option(o) for o in options] == expected_options(spec), spec.qualified
        if spec.for_moderators:
            assert int(top["default_member_permissions"]) == MANAGE_GUILD
        else:
            assert top.get("default_member_permissions") is None
        if spec.only_in_guilds:
            assert top["contexts"] == [0]



def test_usage_lines_come_from_the_options() -> None:
    assert FEEDS_ADD.usage() == "/feeds add url channel [include] [exclude] [regex] [role]"
    assert INGEST.usage() == "/ingest url"
    assert INGEST.usage(shell=True) == "/ingest url [published]"  # a shell-only option


def test_the_shell_reads_options_as_the_declaration_says() -> None:
    state = ShellState()
    added = shell_args(FEEDS_ADD, {"role": "@fans"}, ["https://x.example/feed", "#announcements"],
                       state)
    assert added.values == {"url": "https://x.example/feed", "channel": 1002, "role": 1100}
    here = shell_args(FEEDS_ADD, {}, ["https://x.example/feed"], state)
    assert here.integer("channel") == 1001  # a required channel left out: where you type
    # The last bare-word option takes the rest; declared defaults fill what is left out.
    remind = shell_args(REMIND_ME, {}, ["in", "2", "days", "check"], state)
    assert remind.values == {"when": "in 2 days check", "where": "dm"}
    assert shell_args(UPCOMING, {}, ["14"], state).integer("days") == 14
    with pytest.raises(UserError, match="days must be from 1 to 366, not 0"):
        shell_args(UPCOMING, {"days": "0"}, [], state)
    with pytest.raises(UserError, match=r"/feeds add has no option 'colour'\. Use /feeds add"):
        shell_args(FEEDS_ADD, {"colour": "red"}, ["https://x.example/feed"], state)
    with pytest.raises(UserError, match="where is one of dm, here, not 'mars'"):
        shell_args(REMIND_ME, {"where": "mars"}, ["tomorrow", "x"], state)
    with pytest.raises(UserError, match="/artist needs name"):
        shell_args(ARTIST, {}, [], state)


def test_both_front_ends_say_the_same_words() -> None:
    at = datetime(2026, 12, 1, 18, tzinfo=UTC)
    message = say("Reminder 1 set for ", Moment(at, "UTC"), ", in ", Channel(1002), " for ",
                  Role(1100), ": ", Strong("Glass Harbour"))
    stamp = int(at.timestamp())
    assert discord_text(message) == (f"Reminder 1 set for <t:{stamp}:F> (<t:{stamp}:R>), in "
                                     "<#1002> for <@&1100>: **Glass Harbour**")
    assert shell_text(message, ShellState()) == (
        "Reminder 1 set for Tue 1 Dec 2026 18:00 (UTC), in #announcements for @fans: "
        "Glass Harbour")
