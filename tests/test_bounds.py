"""Numbers and dates users type: edge values in the parser, the shell and the command line."""

from __future__ import annotations

import io
from datetime import date

import pytest

from bot.app import App
from bot.bounds import MAX_ID, check_id, check_year, discord_id, whole_number
from bot.errors import UserError
from bot.guilds.settings import parse_setting, validate_setting
from bot.schedule.reminders import reminder_number
from bot.shell.repl import run_shell
from tests.test_cli import fanzine

HUGE = "99999999999999999999"  # > 2**63-1


@pytest.mark.parametrize("text", ["²", "١٢", "-1", "1.5", "", " ", "1e3", "0x10"])
def test_only_ascii_digits_are_numbers(text: str) -> None:
    with pytest.raises(UserError, match="must be a whole number from 1 to 9"):
        whole_number(text, "x", 1, 9)
    with pytest.raises(UserError, match="must be a Discord id"):
        discord_id(text, "x")


def test_the_edges_of_a_range() -> None:
    assert whole_number(" 1 ", "x", 1, 9) == 1
    assert whole_number("9", "x", 1, 9) == 9
    for text in ("0", "10", HUGE, "9" * 5000):
        with pytest.raises(UserError, match="must be from 1 to 9"):
            whole_number(text, "x", 1, 9)
    assert discord_id(str(MAX_ID), "x") == MAX_ID
    assert discord_id("1", "x") == 1
    for text in ("0", str(MAX_ID + 1), HUGE, "9" * 5000):
        with pytest.raises(UserError, match=f"from 1 to {MAX_ID}"):
            discord_id(text, "x")
    for value in (0, -1, MAX_ID + 1, 10**40):
        with pytest.raises(UserError, match="must be a Discord id"):
            check_id(value, "x")


def test_a_long_refused_value_is_cut_in_the_message() -> None:
    with pytest.raises(UserError) as caught:
        discord_id("9" * 5000, "x")
    assert len(str(caught.value)) < 120


def test_dates_within_the_planned_years() -> None:
    check_year(date(1900, 1, 1), "--from")
    check_year(date(2200, 12, 31), "--from")
    for day in (date(1899, 12, 31), date(2201, 1, 1), date(9999, 12, 31), date(1, 1, 1)):
        with pytest.raises(UserError, match="out of range"):
            check_year(day, "--from")


@pytest.mark.parametrize(("text", "expected"), [("1", 1), ("#12", 12), (str(MAX_ID), MAX_ID)])
def test_reminder_numbers(text: str, expected: int) -> None:
    assert reminder_number(text) == expected


@pytest.mark.parametrize("text", ["0", HUGE, "²", "-3", "#", "twelve"])
def test_reminder_numbers_refused(text: str) -> None:
    with pytest.raises(UserError, match="reminder number"):
        reminder_number(text)


def test_guild_settings_typed_values() -> None:
    assert parse_setting("post_hour", "0") == 0
    assert parse_setting("post_hour", "23") == 23
    for text in ("24", "-1", "²", HUGE):
        with pytest.raises(UserError, match="post_hour"):
            parse_setting("post_hour", text)
    assert parse_setting("announce_channel", f"<#{MAX_ID}>") == MAX_ID
    for text in ("0", HUGE, "²", "-5"):
        with pytest.raises(UserError, match="announce_channel"):
            parse_setting("announce_channel", text)
    with pytest.raises(UserError, match="ping_role"):
        validate_setting("ping_role", MAX_ID + 1)


async def shell_lines(app: App, script: str) -> list[str]:
    out = io.StringIO()
    await run_shell(app, io.StringIO(script), out)
    return out.getvalue().splitlines()


async def test_the_shell_refuses_out_of_range_numbers_in_one_line(app: App) -> None:
    lines = await shell_lines(app, "\n".join([
        f"/remind cancel {HUGE}",
        "/remind cancel ²",
        "/remind cancel 0",
        "/upcoming ²",
        "/upcoming 0",
        "/upcoming 367",
        "/as mod",
        f"/setup announce_channel:#{HUGE}",
        "/setup announce_channel:#²",
        "/setup post_hour:²",
        f"/schedule set channel:#{HUGE}",
    ]) + "\n")
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 10, lines
    assert not any("Something went wrong" in line for line in lines)
    assert errors[0] == f"error: A reminder number must be from 1 to {MAX_ID}, not {HUGE}."
    assert errors[1] == "error: '²' is not a reminder number; /remind list shows yours."
    assert errors[3] == "error: days must be a whole number from 1 to 366, not '²'."
    assert errors[6] == (f"error: The channel id must be a Discord id from 1 to {MAX_ID}, "
                         f"not {HUGE}.")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("args", [
    ("upcoming", "--from", "9999-12-31"),
    ("upcoming", "--from", "0001-01-01"),
    ("upcoming", "--days", "²"),
    ("upcoming", "--days", "0"),
    ("upcoming", "--days", HUGE),
    ("guild", "show", "--guild", HUGE),
    ("guild", "show", "--guild", "0"),
    ("guild", "show", "--guild", "-1"),
    ("guild", "show", "--guild", "²"),
    ("guild", "set", "announce_channel", HUGE),
    ("guild", "set", "post_hour", "²"),
    ("feeds", "list", "--guild", HUGE),
    ("feeds", "add", "http://feed.test/", "--role", HUGE),
    ("ask", "who?", "--guild", HUGE),
    ("sync-commands", "--guild", "0"),
    ("extract", "--published", "9999-12-31T23:00-05:00", "-"),
])
def test_the_command_line_refuses_out_of_range_values_in_one_line(
    cli_env: dict[str, str], args: tuple[str, ...]
) -> None:
    result = fanzine(cli_env, *args, stdin="An article.\n")
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
