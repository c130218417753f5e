"""The day (or year) an undated article was written, when it says so ("X celebrates his birthday
today, born June 18, 1942"; "the 20th anniversary of their 1994 album")."""

from __future__ import annotations

import re
from datetime import date

from bot.extract.dates import find_dates
from bot.extract.events import ANNIVERSARY, YEAR_WORD, ordinal
from bot.extract.sentences import Sentence

# "celebrates his birthday today", "turns 71 today", "is 50 today", "today is her 30th birthday"
TODAY_BIRTHDAY = re.compile(
    r"\b(?:birthday|turn(?:s|ing)\s+(\d{1,3})|is\s+(\d{1,3}))\s+today\b"
    r"|\btoday\b[^.]{0,40}?\b(?:(\d{1,3})(?:st|nd|rd|th)\s+)?birthday\b", re.I)
NTH = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+birthday\b", re.I)
BORN = re.compile(r"\bborn\b", re.I)
YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/-]|\.\d)")


def implied_today(sents: list[Sentence], body: str) -> date | None:
    """Today for an article without a published date: the birthday it says is today, in the
    year the age gives (born + age), else the latest year the article writes after the birth
    year. None when it says no such thing: a day is never guessed."""
    if "today" not in body.casefold() or "born" not in body.casefold():
        return None  # most articles: skip the patterns
    for sent in sents:
        m = TODAY_BIRTHDAY.search(sent.text)
        born_at = BORN.search(sent.text)
        if m is None or born_at is None:
            continue
        births = [s.date for s in find_dates(sent.text[born_at.end():], None)
                  if s.date.day is not None and s.date.month is not None]
        if len(births) != 1:
            continue  # no birth date with its year here, or two: whose is not sure
        born = births[0]
        nth = NTH.search(sent.text)
        age = next((int(g) for g in (*m.groups(), nth.group(1) if nth else None) if g), None)
        if age is not None:
            year = born.year + age
        else:
            later = [int(y) for y in YEAR.findall(body) if int(y) > born.year]
            if not later:
                continue
            year = max(later)
        try:
            return date(year, born.month or 1, born.day or 1)
        except ValueError:  # 29 February in a common year: no day to say
            continue
    return None


def anniversary_year(sents: list[Sentence]) -> int | None:
    """The year an undated article celebrates an anniversary in: "the 20th anniversary of …
    their 1994 masterpiece" is 2014, when the sentence writes exactly one year and no other
    sentence gives a different sum. None otherwise: a year is never guessed."""
    found: set[int] = set()
    for sent in sents:
        if "anniversary" not in sent.text.casefold():
            continue
        for m in ANNIVERSARY.finditer(sent.text):
            n = ordinal(m)
            years = {int(y) for y in YEAR_WORD.findall(sent.text)}
            if n and len(years) == 1:
                found.add(years.pop() + n)
    return found.pop() if len(found) == 1 else None
