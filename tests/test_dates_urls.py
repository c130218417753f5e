"""Feed and page dates (zones, formats, garbage) and canonical URLs."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.ingest.dates import parse_datetime
from bot.ingest.urls import canonical_url, host_of, is_web_url


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue, 10 Jun 2025 09:00:00 KST", utc(2025, 6, 10, 0, 0)),
        ("Tue, 10 Jun 2025 09:00:00 JST", utc(2025, 6, 10, 0, 0)),
        ("Tue, 10 Jun 2025 09:00:00 PST", utc(2025, 6, 10, 17, 0)),
        ("Tue, 10 Jun 2025 09:00:00 PDT", utc(2025, 6, 10, 16, 0)),
        ("Tue, 10 Jun 2025 09:00:00 BST", utc(2025, 6, 10, 8, 0)),
        ("Tue, 10 Jun 2025 09:00:00 IST", utc(2025, 6, 10, 3, 30)),
        ("Tue, 10 Jun 2025 09:00:00 EST", utc(2025, 6, 10, 14, 0)),
        ("Tue, 10 Jun 2025 09:00:00 CST", utc(2025, 6, 10, 15, 0)),  # US Central, per RFC 822
        ("Tue, 10 Jun 2025 09:00:00 CEST", utc(2025, 6, 10, 7, 0)),
        ("Tue, 10 Jun 2025 09:00:00 AEST", utc(2025, 6, 9, 23, 0)),
        ("Tue, 10 Jun 2025 09:00:00 WIB", utc(2025, 6, 10, 2, 0)),
        ("Tue, 10 Jun 2025 09:00:00 HKT", utc(2025, 6, 10, 1, 0)),
        ("Tue, 10 Jun 2025 09:00:00 GMT", utc(2025, 6, 10, 9, 0)),
        ("Tue, 10 Jun 2025 09:00:00 Z", utc(2025, 6, 10, 9, 0)),
        ("Tue, 10 Jun 2025 09:00:00 +0900", utc(2025, 6, 10, 0, 0)),
        ("Tue, 10 Jun 2025 09:00:00 +09:00", utc(2025, 6, 10, 0, 0)),
        ("Tue, 10 Jun 2025 09:00:00 -0430", utc(2025, 6, 10, 13, 30)),
        ("Tue, 10 Jun 2025 09:00:00 +0900 (KST)", utc(2025, 6, 10, 0, 0)),
        ("Tue, 10 Jun 2025 09:00 (KST)", utc(2025, 6, 10, 0, 0)),
        ("Tue, 10 Jun 2025 09:00:00 GMT+9", utc(2025, 6, 10, 0, 0)),
        ("10 Jun 2025 09:00 UTC+05:30", utc(2025, 6, 10, 3, 30)),
        ("Tue, 10 Jun 25 09:00:00 EST", utc(2025, 6, 10, 14, 0)),
        ("Tuesday, 10-Jun-25 09:00:00 GMT", utc(2025, 6, 10, 9, 0)),
        ("Tue Jun 10 09:00:00 2025", utc(2025, 6, 10, 9, 0)),
        ("Tue Jun 10 09:00:00 KST 2025", utc(2025, 6, 10, 0, 0)),
        ("June 10, 2025 9:00 PM EST", utc(2025, 6, 11, 2, 0)),
        ("10th June 2025 12:30 am", utc(2025, 6, 10, 0, 30)),
        ("2025/06/10 18:00", utc(2025, 6, 10, 18, 0)),
        ("2025-06-10 09:00:00 KST", utc(2025, 6, 10, 0, 0)),
        ("2025-06-10T09:00:00+09:00", utc(2025, 6, 10, 0, 0)),
        ("2025-06-10T09:00:00-07:00", utc(2025, 6, 10, 16, 0)),
        ("2025-06-10T09:00:00.123Z", datetime(2025, 6, 10, 9, 0, 0, 123000, tzinfo=UTC)),
        ("20250610T090000Z", utc(2025, 6, 10, 9, 0)),
        ("  2025-06-10T09:00:00Z \n", utc(2025, 6, 10, 9, 0)),
    ],
)
def test_dates_with_zones(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected


@pytest.mark.parametrize(
    "text", ["2025-06-10", "June 10, 2025", "10 June 2025", "Tue, 10 Jun 2025", "2025.06.10"]
)
def test_a_date_without_a_time_is_midnight_utc(text: str) -> None:
    seoul = ZoneInfo("Asia/Seoul")
    assert parse_datetime(text) == utc(2025, 6, 10)
    assert parse_datetime(text, default_tz=seoul) == utc(2025, 6, 10)


def test_a_time_without_a_zone_is_read_in_the_default_zone() -> None:
    assert parse_datetime("2025-06-10 09:00") == utc(2025, 6, 10, 9, 0)
    assert parse_datetime("2025-06-10 09:00", default_tz=ZoneInfo("Asia/Seoul")) == utc(
        2025, 6, 10, 0, 0
    )
    assert parse_datetime("10 Jun 2025 09:00", default_tz=ZoneInfo("Asia/Tokyo")) == utc(
        2025, 6, 10, 0, 0
    )


def test_results_are_aware_utc() -> None:
    value = parse_datetime("Tue, 10 Jun 2025 09:00:00 KST")
    assert value is not None and value.tzinfo is UTC


@pytest.mark.parametrize(
    "text",
    [
        "", "   ", "hello", "soon", "2025", "Glass Harbour", "32 Jun 2025", "2025-13-01",
        "10 Jun 2025 25:00", "10 Jun 2025 13:00 PM", "Tue, 10 Jun 2025 09:00:00 XYZ",
        "10 Jun 2025 09:00 next week", "0000-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00",
        "1 2 3", "Friday", "x" * 500,
    ],
)
def test_garbage_and_unknown_zones_are_none(text: str) -> None:
    # An unknown zone name gives None rather than a silent guess of UTC.
    assert parse_datetime(text) is None


DATE_TOKENS = st.sampled_from([
    "Tue,", "Tuesday", "10", "32", "0", "99", "Jun", "June", "Sept", "2025", "25", "1899",
    "09:00", "09:00:60", "24:00", "12:30", "PM", "am", "KST", "XYZ", "GMT+9", "UTC-14",
    "+0900", "-99:99", "(KST)", "(", ")", "T", "Z", "2025-06-10", "2025/06/10", "2025-06",
    "2025-06-10T09:00:00", "+09:00", ",", "-", ".", "th", " ", "\u00a0", "٣",
])


@given(st.text(max_size=80) | st.lists(DATE_TOKENS, max_size=8).map(" ".join)
       | st.lists(DATE_TOKENS, max_size=8).map("".join))
def test_parse_datetime_never_raises(text: str) -> None:
    value = parse_datetime(text)
    assert value is None or value.tzinfo is UTC


@given(st.datetimes(min_value=datetime(1901, 1, 2), max_value=datetime(2199, 12, 30),
                    timezones=st.just(UTC)))
def test_iso_and_rfc822_round_trip(value: datetime) -> None:
    value = value.replace(microsecond=0)
    assert parse_datetime(value.isoformat()) == value
    assert parse_datetime(value.strftime("%a, %d %b %Y %H:%M:%S +0000")) == value


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://News.Example.COM:443/Music/Mara-Vale", "https://news.example.com/Music/Mara-Vale"),
        ("http://news.example.com:80/a", "http://news.example.com/a"),
        ("http://news.example.com:8080/a", "http://news.example.com:8080/a"),
        ("https://news.example.com/a#comments", "https://news.example.com/a"),
        ("https://news.example.com/a?", "https://news.example.com/a"),
        ("https://news.example.com", "https://news.example.com/"),
        (
            "https://news.example.com/a?utm_source=rss&id=7&utm_medium=feed&fbclid=x&page=2",
            "https://news.example.com/a?id=7&page=2",
        ),
        (
            "https://news.example.com/a?gclid=1&dclid=2&mc_cid=3&mc_eid=4&igshid=5&ref_src=6"
            "&_ga=7&yclid=8&msclkid=9&spm=10&UTM_Campaign=11",
            "https://news.example.com/a",
        ),
        ("https://news.example.com/a?b=2&a=1", "https://news.example.com/a?b=2&a=1"),
        ("https://news.example.com/a?q=Mara%20Vale&x=", "https://news.example.com/a?q=Mara%20Vale&x="),
        ("https://youtu.be/abc123?si=share", "https://youtu.be/abc123"),
        ("https://www.youtube.com/watch?v=abc&si=s&t=42", "https://www.youtube.com/watch?v=abc&t=42"),
        ("https://news.example.com/a?si=kept", "https://news.example.com/a?si=kept"),
        ("https://user:Pass@Example.com/a", "https://user:Pass@example.com/a"),
        ("http://[::1]:8080/feed", "http://[::1]:8080/feed"),
        ("  https://news.example.com/a  ", "https://news.example.com/a"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    "url", ["", "  not a url  ", "/relative/path?utm_source=x", "http://[::1", "http://ex.com:99999/"]
)
def test_invalid_urls_come_back_stripped(url: str) -> None:
    assert canonical_url(url) == url.strip()


def test_host_of() -> None:
    assert host_of("https://News.Example.com:8443/a") == "news.example.com"
    assert host_of("not a url") is None
    assert host_of("http://[::1") is None
    assert is_web_url("https://news.example.com/a")
    assert not is_web_url("javascript:alert(1)")
    assert not is_web_url("/relative")


@given(st.text(max_size=100))
def test_canonical_url_never_raises(url: str) -> None:
    assert isinstance(canonical_url(url), str)
    host_of(url)


@given(st.from_regex(r"https?://[a-zA-Z0-9.-]{1,20}(:[1-9][0-9]{0,3})?(/[a-zA-Z0-9._~%-]*){0,3}"
                     r"(\?[a-z_]{1,8}=[a-z0-9]{0,5}(&[a-z_]{1,8}=[a-z0-9]{0,5}){0,3})?(#\w*)?",
                     fullmatch=True))
def test_canonical_url_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "#" not in once and "utm_" not in once
