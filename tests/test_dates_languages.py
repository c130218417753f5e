"""Feed dates in French, German, Spanish, Portuguese, Italian and Dutch (issue 13 item 4)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.ingest.dates import parse_datetime
from bot.ingest.feeds import parse_feed
from tests.foreign_dates import FOREIGN_DATES, NOT_DATES


@pytest.mark.parametrize(("language", "text", "expected"), FOREIGN_DATES,
                         ids=[f"{lang}:{text}" for lang, text, _ in FOREIGN_DATES])
def test_a_foreign_date_is_read(language: str, text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected


@pytest.mark.parametrize("text", NOT_DATES)
def test_what_is_no_date_stays_unread(text: str) -> None:
    assert parse_datetime(text) is None


def test_english_dates_read_as_before() -> None:
    assert parse_datetime("Mon, 10 Jun 2025 21:00:00 KST") == datetime(2025, 6, 10, 12,
                                                                       tzinfo=UTC)
    assert parse_datetime("June 10, 2025") == datetime(2025, 6, 10, tzinfo=UTC)


def test_long_foreign_words_are_read_in_linear_time() -> None:
    # Past the length limit nothing is read; below it the translation is one pass of words.
    assert parse_datetime("lundi " * 10_000 + "5 février 2024") is None
    assert parse_datetime("de " * 20 + "5 février 2024") == datetime(2024, 2, 5, tzinfo=UTC)


def _rss(date: str) -> bytes:
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>T</title>"
            f"<item><title>x</title><link>https://fr.example.com/1</link>"
            f"<pubDate>{escape(date)}</pubDate></item></channel></rss>").encode()


def _atom(date: str) -> bytes:
    return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            "<title>T</title><entry><id>urn:1</id><title>x</title>"
            f"<updated>{escape(date)}</updated></entry></feed>").encode()


def _json(date: str) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "T",
                       "items": [{"id": "1", "title": "x",
                                  "date_published": date}]}).encode()


@pytest.mark.parametrize("make", [_rss, _atom, _json], ids=["rss", "atom", "json"])
@pytest.mark.parametrize(("text", "expected"), [
    ("Seg, 24 Set 2018 10:00:00 -0300", datetime(2018, 9, 24, 13, tzinfo=UTC)),
    ("Mo, 3 Mär 2025 10:00:00 +0100", datetime(2025, 3, 3, 9, tzinfo=UTC)),
    ("lun., 5 févr. 2024 10:00:00 +0100", datetime(2024, 2, 5, 9, tzinfo=UTC)),
])
def test_feed_dates_in_other_languages_are_read(make: object, text: str,
                                                expected: datetime) -> None:
    assert callable(make)
    entry = parse_feed(make(text)).entries[0]
    assert entry.published == expected
    assert not entry.date_unread


@pytest.mark.parametrize("make", [_rss, _atom, _json], ids=["rss", "atom", "json"])
def test_an_unreadable_feed_date_is_flagged(make: object) -> None:
    assert callable(make)
    entry = parse_feed(make("am Tag nach dem Vollmond")).entries[0]
    assert entry.published is None
    assert entry.date_unread and entry.raw_date == "am Tag nach dem Vollmond"


WORDS = ["lun.,", "Mo,", "Seg", "5.", "1er", "1º", "²", "févr.", "Mär", "de", "set", "2018",
         "10:00:00", "+0100", "GMT", "KST", "24", "99", "0", "um", "Uhr", "-0300", ",", "."]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(WORDS), max_size=12))
def test_any_mix_of_foreign_date_words_gives_a_utc_date_or_none(words: list[str]) -> None:
    value = parse_datetime(" ".join(words))
    assert value is None or value.tzinfo is UTC
