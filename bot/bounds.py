"""Numbers and dates users type, range-checked into one-line UserErrors (no discord here)."""

from __future__ import annotations

from datetime import date

from bot.errors import UserError

# Discord ids (snowflakes) and our own row ids are stored as 64-bit signed integers.
MAX_ID = 2**63 - 1
# Dates typed by users: far enough either way for any real release, and far from the
# limits of datetime (year 1 and 9999), where time zone arithmetic overflows.
MIN_YEAR = 1900
MAX_YEAR = 2200


def _shown(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 30 else text[:29] + "…"


def whole_number(text: str, what: str, low: int, high: int) -> int:
    """`text` as an int from `low` to `high`, ASCII digits only: str.isdigit() accepts '²' and
    other digits int() refuses, and a huge number would overflow the database's integers."""
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()):
        raise UserError(f"{what} must be a whole number from {low} to {high}, "
                        f"not '{_shown(text)}'.")
    # Checked on the text first: int() of thousands of digits is slow (and refused).
    value = int(digits) if len(digits) <= 25 else high + 1
    if not low <= value <= high:
        raise UserError(f"{what} must be from {low} to {high}, not {_shown(digits)}.")
    return value


def discord_id(text: str, what: str) -> int:
    """A Discord id (channel, role, guild, user) as typed: 1 to 2**63-1."""
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()):
        raise UserError(f"{what} must be a Discord id (a number), not '{_shown(text)}'.")
    return check_id(int(digits) if len(digits) <= 25 else MAX_ID + 1, what)


def check_id(value: int, what: str) -> int:
    """An id already read as an int (a Discord option, an argparse value): 1 to 2**63-1."""
    if not 1 <= value <= MAX_ID:
        shown = str(value) if len(str(value)) <= 30 else str(value)[:29] + "…"
        raise UserError(f"{what} must be a Discord id from 1 to {MAX_ID}, not {shown}.")
    return value


def check_year(day: date, what: str) -> None:
    """A typed date within the years the bot plans for."""
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise UserError(f"{what}: {day.isoformat()} is out of range; use a date from "
                        f"{MIN_YEAR} to {MAX_YEAR}.")
