"""Feed dates in other languages: how many of the table in tests/foreign_dates.py each reader
gets right, how many non-dates it reads as dates, and its time per date.

Readers: `parse_datetime` (dates.py, with its table-driven translation), the feed path
(`parse_feed` of an RSS feed carrying each date as its pubDate, which also tries feedparser's
own reading) and, for comparison, dateparser 1.x when it is installed (it comes with
trafilatura's htmldate), given the seven languages.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from benchmarks.measure import print_figures
from bot.ingest.dates import parse_datetime
from bot.ingest.feeds import parse_feed
from tests.foreign_dates import FOREIGN_DATES, NOT_DATES

Reader = Callable[[str], datetime | None]


@dataclass
class ReaderFigures:
    name: str
    correct: int
    total: int
    non_dates_read: int
    ms_per_date: float
    missed: list[str] = field(default_factory=list)


@dataclass
class Figures:
    readers: list[ReaderFigures]


def _via_feed(text: str) -> datetime | None:
    body = ("<rss version='2.0'><channel><title>T</title><item><title>x</title>"
            f"<pubDate>{escape(text)}</pubDate></item></channel></rss>").encode()
    return parse_feed(body).entries[0].published


def _dateparser() -> Reader | None:
    try:
        import dateparser  # type: ignore[import-untyped]
    except ImportError:
        return None
    settings = {"TIMEZONE": "UTC", "TO_TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": True}
    languages = ["en", "fr", "de", "es", "pt", "it", "nl"]

    def read(text: str) -> datetime | None:
        value: datetime | None = dateparser.parse(text, languages=languages, settings=settings)
        return value

    read("Mo, 3 Mär 2025 10:00:00 +0100")  # its first call loads the language data
    return read


def measure(name: str, reader: Reader, rounds: int) -> ReaderFigures:
    correct, missed = 0, []
    for _, text, expected in FOREIGN_DATES:
        got = reader(text)
        if got is not None and got.astimezone(UTC) == expected:
            correct += 1
        else:
            missed.append(text)
    non_dates = sum(reader(text) is not None for text in NOT_DATES)
    start = time.perf_counter()
    for _ in range(rounds):
        for _, text, _ in FOREIGN_DATES:
            reader(text)
    elapsed = time.perf_counter() - start
    return ReaderFigures(name, correct, len(FOREIGN_DATES), non_dates,
                         1000 * elapsed / (rounds * len(FOREIGN_DATES)), missed)


def render(figures: Figures) -> str:
    lines = [f"{'reader':<28} {'correct':>9} {'non-dates read':>15} {'ms/date':>9}"]
    for r in figures.readers:
        lines.append(f"{r.name:<28} {r.correct:>4}/{r.total:<4} {r.non_dates_read:>15} "
                     f"{r.ms_per_date:>9.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_dates")
    parser.add_argument("--rounds", type=int, default=20, help="timed passes over the table")
    parser.add_argument("--database", default="sqlite")  # accepted, unused
    parser.add_argument("--json", action="store_true")
    args, _ = parser.parse_known_args(argv)
    readers: list[tuple[str, Reader]] = [("parse_datetime", parse_datetime),
                                         ("feed pubDate (parse_feed)", _via_feed)]
    if (other := _dateparser()) is not None:
        readers.append(("dateparser, 7 languages", other))
    figures = Figures([measure(name, reader, max(1, args.rounds)) for name, reader in readers])
    print_figures(figures, args.json, render)
    return 0


def summary(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The headline figures for `make bench`'s table: (figure, value, target)."""
    return [(f"foreign dates, {r['name']}: correct / ms per date",
             f"{r['correct']}/{r['total']} / {r['ms_per_date']:.3f}", "")
            for r in doc["readers"]]


if __name__ == "__main__":
    sys.exit(main())
