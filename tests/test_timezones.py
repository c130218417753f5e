"""Time-zone search for autocomplete and validation."""

from __future__ import annotations

from bot.guilds.timezones import check_timezone, search_timezones


def test_prefix_matches_come_first() -> None:
    results = search_timezones("europe/lo")
    assert results[0] == "Europe/London"
    assert all(r.startswith("Europe/") for r in results)


def test_city_name_alone_finds_the_zone() -> None:
    assert "Asia/Seoul" in search_timezones("seoul")
    assert search_timezones("new york")[0] == "America/New_York"


def test_typos_still_find_something() -> None:
    assert "Europe/London" in search_timezones("Londn")


def test_at_most_25_choices() -> None:
    assert len(search_timezones("")) == 25
    assert len(search_timezones("a")) == 25


def test_canonical_spelling() -> None:
    assert check_timezone("utc") == "UTC"
    assert check_timezone(" asia/tokyo ") == "Asia/Tokyo"
