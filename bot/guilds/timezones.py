"""IANA time zones: validation with suggestions, and search for autocomplete."""

from __future__ import annotations

import difflib
import functools
from zoneinfo import ZoneInfo, available_timezones

from bot.errors import UserError


@functools.cache
def all_zones() -> tuple[str, ...]:
    """Every IANA zone name known to this system (tzdata), sorted; computed once, on first use."""
    return tuple(sorted(z for z in available_timezones() if "/" in z or z == "UTC"))


@functools.cache
def _by_folded() -> dict[str, str]:
    return {z.casefold(): z for z in all_zones()}


def check_timezone(text: str) -> str:
    """The canonical zone name for `text`, or a UserError that suggests close names."""
    name = text.strip()
    found = _by_folded().get(name.casefold().replace(" ", "_"))
    if found:
        ZoneInfo(found)
        return found
    hint = search_timezones(name, limit=3)
    suffix = f" Did you mean {', '.join(hint)}?" if hint else ""
    raise UserError(f"'{name}' is not an IANA time zone such as Europe/London.{suffix}")


def search_timezones(query: str, limit: int = 25) -> list[str]:
    """Zones for an autocomplete box: prefix matches first, then substrings, then fuzzy ones."""
    q = query.strip().casefold().replace(" ", "_")
    zones = all_zones()
    if not q:
        return list(zones[:limit])
    results: list[str] = []
    seen: set[str] = set()

    def add(items: list[str]) -> None:
        for z in items:
            if z not in seen and len(results) < limit:
                seen.add(z)
                results.append(z)

    add([z for z in zones if z.casefold().startswith(q)])
    add([z for z in zones if z.casefold().rsplit("/", 1)[-1].startswith(q)])
    add([z for z in zones if q in z.casefold()])
    if len(results) < limit:
        folded = {z.casefold(): z for z in zones}
        close = difflib.get_close_matches(q, list(folded), n=limit, cutoff=0.6)
        tails = {z.casefold().rsplit("/", 1)[-1]: z for z in zones}
        close_tails = difflib.get_close_matches(q, list(tails), n=limit, cutoff=0.7)
        add([folded[c] for c in close] + [tails[c] for c in close_tails])
    return results
