"""Birthday lists ("Today's birthdays: Singer Mara Quill is 81."): each line an age that day."""

from __future__ import annotations

import re
from datetime import date

from bot.extract.births import born_from_age
from bot.extract.dates import find_dates
from bot.extract.names import NAME, drop_trade, plausible
from bot.extract.sentences import Sentence
from bot.partial_dates import PartialDate

# A heading that makes the article a list of who is a year older on one day.
LIST_HEADING = re.compile(
    r"\b(?:today['’]?s|celebrity|celebrities['’]?|famous|notable|music(?:al)?|star)\s+birthdays\b"
    r"|\bbirthdays\s+(?:for|on)\b|\bbirthday\s+list\b", re.I)
# One line of it: "Jazz singer Mara Quill is 81.", "Drummer Tess Harlan (Velvet Mile) is 52.",
# "Country singer Bo Wilkes, 29."
# The whole sentence is the line, so a figure elsewhere ("the album is 25") is never read.
# ("Guitarist Rob Halley of the band Iron Lantern is 66": whose band, in words)
LINE = re.compile(rf"^(?:[A-Za-z-]+\s+){{0,4}}?({NAME})(?:\s+\([^()]{{1,60}}\))?"
                  rf"(?:,?\s+(?:of|from)\s+the\s+(?:band|group|duo|trio|quartet)\s+{NAME})?"
                  rf"(?:,?\s+(?:is|turns)\s+|,\s*)(\d{{1,3}})(?:\s+today)?\s*[.!]?$")


def list_day(text: str, title: str | None, published: date | None) -> date | None:
    """The day a birthday list is for: the one full date written in its heading (the title or
    a line of the text), else the published day; None when the article is no such list."""
    if "birthdays" not in text.casefold() and "birthdays" not in (title or "").casefold():
        return None  # most articles are no birthday list: skip the line scan
    for line in [title or "", *text.splitlines()]:
        if LIST_HEADING.search(line) is None:
            continue
        days = [s.date for s in find_dates(line, published) if s.date.day is not None]
        if len(days) == 1 and days[0].month is not None and days[0].day is not None:
            return date(days[0].year, days[0].month, days[0].day)
        if not days and published is not None:
            return published
        return None  # two days in one heading, or none and no published day
    return None


# A week's list gives each day its own heading: "June 10: Rapper Lil Marrow is 29." or a line
# "June 10" (or "June 10:") above that day's lines.
DAY_HEAD = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+"
                      r"(\d{1,2})(?:st|nd|rd|th)?\b\s*(?:[:–—-]\s*|$)", re.I)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def listed_birthdays(sents: list[Sentence], day: date) -> list[tuple[str, PartialDate, str]]:
    """(whose, birth date, the line) for every "<who> is <age>" line of a list for `day`, or
    for the day a heading above the line names in a list of several days."""
    out: list[tuple[str, PartialDate, str]] = []
    for sent in sents:
        line = sent.text.strip()
        if (head := DAY_HEAD.match(line)) is not None:
            day = _headed(head, day) or day
            line = line[head.end():]
        m = LINE.match(line)
        if m is None:
            continue
        name, age = _person(m.group(1)), int(m.group(2))
        if not plausible(name) or not 1 <= age <= 110:
            continue
        out.append((name, born_from_age(day.month, day.day, age, day), sent.text))
    return out


def day_headings(sents: list[Sentence]) -> set[str]:
    """The sentences of a birthday list that open with (or are) a day heading."""
    return {s.text for s in sents if DAY_HEAD.match(s.text.strip())}


def _headed(head: re.Match[str], listed: date) -> date | None:
    """The day a heading names, in the year of the list's day that puts it nearest to it (a
    list for the week of December 29 goes on to January 2 of the next year)."""
    month = MONTHS.index(head.group(1)[:3].casefold()) + 1
    year = listed.year + (1 if month < listed.month - 6 else -1 if month > listed.month + 6 else 0)
    try:
        return date(year, month, int(head.group(2)))
    except ValueError:
        return None


TRADE = re.compile(r"(?:singer|songwriter|rapper|guitarist|drummer|bassist|musician|pianist|"
                   r"keyboardist|vocalist|producer|dj|composer|conductor|saxophonist|"
                   r"trumpeter|violinist|cellist|actor|actress|comedian|host|star|"
                   r"frontman|frontwoman|leader)s?", re.I)


def _person(name: str) -> str:
    """"Singer-songwriter Lila Fenn" is Lila Fenn: the trade in front is dropped."""
    # "Ben Ostrow of The Drift Brothers": the person, not the band he is of
    person, _, band = name.partition(" of ")
    if band and plausible(band) and len(person.split()) >= 2:
        name = person
    words = drop_trade(name).split()
    while len(words) > 1 and all(TRADE.fullmatch(part) for part in words[0].split("-")):
        words = words[1:]
    return " ".join(words)
