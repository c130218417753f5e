"""Reading the HTTP response headers the fetcher cares about: caching, retries, content type."""

from __future__ import annotations

import http
import re
import time
from collections.abc import Iterable
from email.utils import parsedate_to_datetime

_DIRECTIVE = re.compile(r'\s*([A-Za-z0-9!#$%&\'*+.^_`|~-]+)\s*(?:=\s*("[^"]*"|[^,\s]*))?\s*(?:,|$)')


def http_date_seconds(value: str) -> float | None:
    """An HTTP-date as a POSIX timestamp, or None when it is not one."""
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:  # older Pythons returned None instead of raising
        return None
    return parsed.timestamp()


def retry_after_seconds(value: str | None, date: str | None = None,
                        now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP-date.

    A date is measured against the response's own Date header when there is one, so a server
    whose clock is off still means what it says; otherwise against `now` (default: this clock).
    """
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    when = http_date_seconds(text)
    if when is None:
        return None
    reference = http_date_seconds(date) if date else None
    if reference is None:
        reference = time.time() if now is None else now
    return max(0.0, when - reference)


def max_age_seconds(values: Iterable[str]) -> float | None:
    """Freshness lifetime from Cache-Control: max-age (else s-maxage); 0 for no-cache/no-store."""
    directives: dict[str, str | None] = {}
    for value in values:
        for match in _DIRECTIVE.finditer(value):
            name, argument = match.group(1).lower(), match.group(2)
            if name and name not in directives:
                directives[name] = argument.strip('"') if argument is not None else None
    if "no-store" in directives or "no-cache" in directives:
        return 0.0
    for name in ("max-age", "s-maxage"):
        argument = directives.get(name)
        if argument is not None and argument.isdigit():
            return float(argument)
    return None


def content_type_parts(value: str | None) -> tuple[str | None, str | None]:
    """(media type, charset) from a Content-Type header; each None when absent."""
    if not value:
        return None, None
    head, _, params = value.partition(";")
    media = head.strip().lower() or None
    charset = None
    for param in params.split(";"):
        name, _, argument = param.partition("=")
        if name.strip().lower() == "charset":
            charset = argument.strip().strip('"').strip() or None
    return media, charset


def status_text(status: int) -> str:
    """'404 Not Found': the code with its standard phrase (servers' own phrases vary)."""
    try:
        return f"{status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)
