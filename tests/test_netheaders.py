"""Reading Retry-After, Cache-Control and Content-Type, and status lines."""

from __future__ import annotations

import pytest

from bot.netheaders import content_type_parts, max_age_seconds, retry_after_seconds, status_text

NOW = 1_800_000_000.0  # Fri, 15 Jan 2027 08:00:00 GMT


@pytest.mark.parametrize(("value", "date", "seconds"), [
    ("120", None, 120.0),
    (" 0 ", None, 0.0),
    ("Fri, 15 Jan 2027 08:02:00 GMT", None, 120.0),
    # The server's own Date decides, whatever our clock says.
    ("Fri, 15 Jan 2027 09:00:30 GMT", "Fri, 15 Jan 2027 09:00:00 GMT", 30.0),
    ("Fri, 15 Jan 2027 07:00:00 GMT", None, 0.0),  # already past
    ("soon", None, None),
    ("-5", None, None),
    (None, None, None),
])
def test_retry_after(value: str | None, date: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(value, date, now=NOW) == seconds


@pytest.mark.parametrize(("values", "seconds"), [
    ([], None),
    (["public, max-age=600"], 600.0),
    (["max-age=\"60\""], 60.0),
    (["s-maxage=300"], 300.0),
    (["s-maxage=300, max-age=60"], 60.0),
    (["public", "max-age=90"], 90.0),
    (["no-cache"], 0.0),
    (["no-store, max-age=3600"], 0.0),
    (["private, must-revalidate"], None),
    (["max-age=soon"], None),
])
def test_max_age(values: list[str], seconds: float | None) -> None:
    assert max_age_seconds(values) == seconds


@pytest.mark.parametrize(("value", "parts"), [
    (None, (None, None)),
    ("application/rss+xml; charset=utf-8", ("application/rss+xml", "utf-8")),
    ('Text/HTML; Charset="ISO-8859-1"', ("text/html", "ISO-8859-1")),
    ("application/atom+xml", ("application/atom+xml", None)),
    ("text/xml; boundary=x; charset=windows-1252", ("text/xml", "windows-1252")),
])
def test_content_type(value: str | None, parts: tuple[str | None, str | None]) -> None:
    assert content_type_parts(value) == parts


def test_status_text() -> None:
    assert status_text(404) == "404 Not Found"
    assert status_text(429) == "429 Too Many Requests"
    assert status_text(599) == "599"
