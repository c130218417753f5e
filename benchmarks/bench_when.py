"""Reminder times as fans type them (the table in tests/reminder_phrasings.py): how many each
reader gets right, gets wrong, refuses though it should answer, and answers though it should
refuse (ambiguous, past, vague or impossible), and its time per phrase, warm and on the first
call of a fresh process (dateparser loads its data on its first call).

Readers: the hand-written rules of bot/schedule/when.py alone (`parse_when(library=False)`),
dateparser 1.x alone (English, preferring the future, in the user's zone, a result at or before
"now" counted as refused), the product's `parse_when` (the rules, then dateparser behind the
guards of when_library.py) and, with `--before TREE`, the `parse_when` of another checkout (say
the main branch's, before dateparser was added).
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from benchmarks.measure import print_figures
from bot.errors import UserError
from tests.reminder_phrasings import NOW, PHRASINGS, ZONE

Reader = Callable[[str, datetime, ZoneInfo], datetime | None]  # None: refused

NAMES = ("rules alone", "dateparser alone", "product (rules + dateparser)", "before")
FIRST_TEXT = "in two hours"  # the rules do not read it: the product's first call reaches dateparser


@dataclass
class ReaderFigures:
    name: str
    right: int
    wrong: int
    refused_should_answer: int
    answered_should_refuse: int
    total: int
    ms_per_parse: float
    first_call_ms: float
    misses: list[str] = field(default_factory=list)


@dataclass
class Figures:
    phrasings: int
    should_refuse: int
    readers: list[ReaderFigures]


def _refusing(parse: Callable[..., datetime], **kw: Any) -> Reader:
    def read(text: str, now: datetime, tz: ZoneInfo) -> datetime | None:
        try:
            return parse(text, now, tz, **kw)
        except UserError:
            return None
    return read


def _dateparser() -> Reader:
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]

    def read(text: str, now: datetime, tz: ZoneInfo) -> datetime | None:
        base = now.astimezone(tz).replace(tzinfo=None)
        parser = DateDataParser(languages=["en"], settings={
            "PREFER_DATES_FROM": "future", "TIMEZONE": tz.key, "RELATIVE_BASE": base,
            "RETURN_AS_TIMEZONE_AWARE": True})
        found: datetime | None = parser.get_date_data(text).date_obj
        return found if found is not None and found > now else None
    return read


def _before(tree: str) -> Reader:
    path = Path(tree) / "bot" / "schedule" / "when.py"
    spec = importlib.util.spec_from_file_location("before_when", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return _refusing(module.parse_when)


def reader(name: str, before: str | None) -> Reader:
    if name == "rules alone":
        from bot.schedule.when import parse_when
        return _refusing(parse_when, library=False)
    if name == "dateparser alone":
        return _dateparser()
    if name == "before":
        assert before is not None
        return _before(before)
    from bot.schedule.when import parse_when
    return _refusing(parse_when)


def first_call_ms(name: str, before: str | None) -> float:
    """Import, set up and read one phrase in a fresh process, in ms."""
    args = [sys.executable, "-m", "benchmarks.bench_when", "--first-call", name]
    if before:
        args += ["--before", before]
    done = subprocess.run(args, capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parent.parent)
    return float(done.stdout.strip())


def measure(name: str, read: Reader, rounds: int, first_ms: float) -> ReaderFigures:
    right = wrong = refused = answered = 0
    misses = []
    for p in PHRASINGS:
        got = read(p.text, NOW, ZONE)
        if p.refused:
            ok = got is None
            answered += not ok
        elif got is None:
            ok = False
            refused += 1
        else:
            ok = got == p.instant()
            wrong += not ok
        right += ok
        if not ok:
            shown = "refused" if got is None else f"{got.astimezone(ZONE):%a %d %b %H:%M}"
            misses.append(f"{p.text!r}: {shown}")
    # Each timed parse has its own "now" (a microsecond apart), as every real call has: no
    # reader keeps anything made for one "now" to the next.
    start = time.perf_counter()
    for k in range(rounds):
        for i, p in enumerate(PHRASINGS):
            read(p.text, NOW + timedelta(microseconds=k * len(PHRASINGS) + i + 1), ZONE)
    elapsed = time.perf_counter() - start
    return ReaderFigures(name, right, wrong, refused, answered, len(PHRASINGS),
                         1000 * elapsed / (rounds * len(PHRASINGS)), first_ms, misses)


def render(figures: Figures) -> str:
    lines = [f"{figures.phrasings} phrasings, {figures.should_refuse} of them to be refused; "
             "now = Wed 25 Nov 2026 10:00 America/New_York",
             f"{'reader':<30} {'right':>6} {'wrong':>6} {'refused*':>9} {'answered*':>10} "
             f"{'ms/parse':>9} {'1st call ms':>12}"]
    for r in figures.readers:
        lines.append(f"{r.name:<30} {r.right:>6} {r.wrong:>6} {r.refused_should_answer:>9} "
                     f"{r.answered_should_refuse:>10} {r.ms_per_parse:>9.3f} "
                     f"{r.first_call_ms:>12.1f}")
    lines.append("refused*: refused though it should answer; answered*: answered though it "
                 "should refuse")
    for r in figures.readers:
        lines.append(f"\n{r.name} missed:")
        lines.extend(f"  {miss}" for miss in r.misses)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_when")
    parser.add_argument("--rounds", type=int, default=5, help="timed passes over the table")
    parser.add_argument("--before", metavar="TREE",
                        help="also score bot/schedule/when.py of this checkout")
    parser.add_argument("--first-call", choices=NAMES, help=argparse.SUPPRESS)
    parser.add_argument("--database", default="sqlite")  # accepted, unused
    parser.add_argument("--json", action="store_true")
    args, _ = parser.parse_known_args(argv)
    if args.first_call:
        start = time.perf_counter()
        reader(args.first_call, args.before)(FIRST_TEXT, NOW, ZONE)
        print(f"{1000 * (time.perf_counter() - start):.3f}")
        return 0
    names = [n for n in NAMES if n != "before" or args.before]
    readers = [measure(name, reader(name, args.before), max(1, args.rounds),
                       first_call_ms(name, args.before)) for name in names]
    figures = Figures(len(PHRASINGS), sum(p.refused for p in PHRASINGS), readers)
    print_figures(figures, args.json, render)
    return 0


def summary(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The headline figures for `make bench`'s table: (figure, value, target)."""
    return [(f"reminder times, {r['name']}: right / wrong / refused* / answered* / ms",
             f"{r['right']}/{r['total']} / {r['wrong']} / {r['refused_should_answer']} / "
             f"{r['answered_should_refuse']} / {r['ms_per_parse']:.3f}", "")
            for r in doc["readers"]]


if __name__ == "__main__":
    sys.exit(main())
