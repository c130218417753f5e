"""Dated happenings in a sentence: births and birthdays, anniversaries, tour dates and others."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import chain

from bot.extract.births import age_of, born_from_age, yearless_birthdays
from bot.extract.dates import DateSpan
from bot.extract.model import EventKind
from bot.extract.names import NAME
from bot.extract.roles import role
from bot.extract.sentences import LISTED_DATE
from bot.partial_dates import PartialDate

ORDINALS = {w: i for i, w in enumerate(
    [
        "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
        "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
        "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"
    ])}
ORDINALS.update({"twenty-fifth": 25, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
                 "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
                 "hundredth": 100})
NTH = r"(\d{1,3})(?:st|nd|rd|th)|(" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + ")"
BIRTHDAY = re.compile(rf"\b(?:{NTH})\s+birthday\b", re.I)
# "celebrated her 30th on Sunday": an ordinal with nothing after it is an age
CELEBRATED = re.compile(rf"\bcelebrat\w*\s+(?:his|her|their)\s+(?:{NTH})"
                        r"(?=\s+(?:on|today|tonight|this|last|yesterday|with|at|in|by|and)\b|"
                        r"\s*[,.;!]|\s*$)", re.I)
TURNS = re.compile(r"\bturn(?:s|ed|ing)?\s+(\d{1,3})\b(?!\s*(?:%|percent|million|times))", re.I)
PLAIN_BIRTHDAY = re.compile(r"\b(?:his|her|their)\s+birthday\b", re.I)
NAMED_BEFORE = re.compile(rf"({NAME}),?\s+(?:\d{{1,3}},\s+)?(?:\w+\s+){{0,2}}$")
# "Tim Ashby is 50 today", "who's 63 today": an age said on the day
AGE_ON = re.compile(r"\b(?:is|['’]s|was)\s+(\d{1,3})(?:\s+years?\s+old)?\s+"
                    r"(?=today|tonight|on\b|this\b|yesterday)", re.I)
ANNIVERSARY = re.compile(rf"\b(?:(?:{NTH})\s+anniversary|anniversary)\b", re.I)
# What ANNIVERSARY cannot match without: a plain search, where ANNIVERSARY tries its ordinals
# at every word.
ANNIVERSARY_WORD = re.compile("anniversary", re.I)
BORN = re.compile(r"\b(?:born|gave birth|welcomed|arrival of|arrived)\b", re.I)
NTH_BORN = re.compile(rf"\bthe\s+(?:{NTH})\s+(?:child\s+|son\s+|daughter\s+)?born\b", re.I)
CHILD_OWNS = re.compile(r"\b(son|daughter|baby girl|baby boy|child|twins?|baby)['’]s?\s+$",
                        re.I)
CHILD_WORD = re.compile(r"\b(son|daughter|baby girl|baby boy|child|twins?|baby)\b", re.I)
# "a daughter named Aria", "a son, Rob,": a child the article names
CHILD_NAMED = re.compile(r"\b(?:son|daughter|girl|boy|child|baby)(?:\s+(?:named|called)|,)\s+"
                         r"[A-Z][a-z]")
# TOUR_LEAD: the letters its words start with; a lookahead for one of them lets re try the
# words only where one may start (tests/test_extract_gates.py checks the list covers them).
TOUR_LEAD = "acdfghkloprstw"
TOUR = re.compile(
    rf"\b(?=[{TOUR_LEAD}])"
    r"(?:tour(?:s|ing|ed)?|(?<!awards )(?<!award )(?<!talk )(?<!TV )(?<!game )(?<!radio )"
    r"(?<!reality )(?<!cooking )(?<!morning )(?<!variety )(?<!music )(?<!talent )(?<!quiz )"
    r"(?<!chat )(?<!talk )(?<!news )(?-i:shows?)|concerts?|gigs?|trek|leg|festival|"
    r"fest|kick(?:s|ing)?\b"
    r"[^.]{0,30}\boff|wrap(?:s|ping)? up|headlin\w+|residency|perform(?:s|ed|ing)? (?:at|in)|"
    r"play(?:s|ed|ing)?|stadium|arena|(?<!release )dates|open(?:s|ing)? (?:in|at)|opening night|"
    r"clos(?:e|es|ing) out|top(?:s|ped|ping)? the bill|"
    r"(?:headlining |opening |closing )?set (?:on|at|in))\b", re.I)
OTHER_LEAD = "abcdefhijlmnoprstuvw"  # likewise
OTHER = re.compile(
    rf"\b(?=[{OTHER_LEAD}])"
    r"(?:appearance|appears?|appearing|on sale|tickets?|signing|interview|episode|hosts?|"
    r"hosting|ceremony|awards?|nominat\w+|(?:re)?joined|married|perform(?:s|ed|ing|ance)?|"
    r"formed|founded|disbanded|reunited|retired|died|passed away|wed|engaged|divorced?|split|"
    r"wedding|vows|nuptials|tied the knot|proposed|proposal|funeral|arrest(?:ed)?|sentenced|"
    r"teasers?|trailers?|"
    r"showcase|fan ?meeting|fansign|announc(?:ed|es|ing)|confirm(?:ed|s)|airs?|airing|"
    r"livestream|"
    r"took to (?:Instagram|Twitter|social media|TikTok|X)|speaking on|premiere party|"
    r"screening|broadcast|televised|documentary|sign(?:s|ed|ing)?|"
    r"hospitali[sz]ed|injured|collapsed|"
    # a comeback's promotion, each item on its day: teasers (above), images, the track list
    r"unveil(?:s|ed|ing)?|images?|photos?|posters?|track ?list|highlight medley|medley|"
    r"concept|spoilers?|mood sampler|"
    # a band's history: prizes, charts, sales, sessions, breaks
    r"won|wins|winning|prize|inducted|honou?red|topped|number one|sold|certified|"
    r"recording|recorded|sessions?|hiatus|broke up|launch(?:ed|es|ing)?|stream(?:ed|ing)?|"
    r"webcast|cancel(?:led|ed|s)?|memorial|vigil|tribute)\b", re.I)
SHOW_AFTER = re.compile(r"\s*(?:concert|show|gig|performance|set)\s+(?:at|in)\b", re.I)
STATEMENT = re.compile(r"\b(?:announced|said|told|revealed|posted|wrote|shared|confirmed)\s*$",
                       re.I)
TWEET = re.compile(r"—\s*([^()]{2,60}?)\s*\(@\w+\)\s*$")


POSSESSIVE = re.compile(r"['’]s\b")
# A clause with a subject of its own after "born …": its date is what that subject did
NEW_SUBJECT = re.compile(r",\s+(?:he|she|they)\s+(?!was\b|is\b)[a-z]+", re.I)


@dataclass(frozen=True)
class EventHit:
    kind: EventKind
    date: PartialDate
    what: str  # a short description (for the subject when no name is known)
    person_hint: str | None = None  # "son", "daughter": whose birthday it is
    at: int | None = None  # where "80th birthday" / "turns 80" is: its act is named before it
    who: str | None = None  # whose it is, when the sentence names them ("Lux-V's birthday")
    # The words before the date since the date before it (or the sentence's start): "A close
    # out Saturday, and B top the bill on Sunday": Sunday's act is B
    slot: tuple[int, int] | None = None


# "had a double celebration on Tuesday (May 5). The rapper turned 33 and welcomed a son": the
# day the sentence before celebrated is the day this one's age or birth happened
CELEBRATION = re.compile(r"\b(?:celebrat\w*|milestone|big day)\b", re.I)
OWN_DAY = re.compile(r"\b(?:birthday|born|turn(?:s|ed|ing)?\s+\d|welcomed|gave birth)\b", re.I)


def celebrated_day(text: str, spans: list[DateSpan], before_text: str,
                   before: list[DateSpan]) -> tuple[list[DateSpan], list[DateSpan]]:
    """The spans of a sentence and of the one before it, with the one day the sentence before
    celebrated moved to where this sentence says what happened that day ("turned 33",
    "welcomed his second child"), when this sentence writes no date of its own and the one
    before says nothing else of that day (no birthday, age or birth of its own)."""
    if spans or not CELEBRATION.search(before_text) or OWN_DAY.search(before_text):
        return spans, before
    days = [s for s in before if s.date.day is not None]
    if len(days) != 1 or len(before) != 1:
        return spans, before
    # (each thing that happened that day gets the day where it is said: an age turned, and a
    # child welcomed, each read from the day right after its words)
    ats = [m.end() for m in TURNS.finditer(text)][:1] + [
        m.end() for m in BORN.finditer(text) if m.group(0).casefold() in ("welcomed", "gave birth")
        and CHILD_WORD.search(text, m.end(), m.end() + 40)][:1]
    day = days[0]
    return [DateSpan(at, at, day.text, day.date, day.relative, day.inferred)
            for at in sorted(ats)], ([] if ats else before)


# "welcomed a new addition to the family": a child in other words
NEW_ARRIVAL = re.compile(r"\b(?:addition|bundle of joy|little one|newborn|baby)\b", re.I)


def ordinal(m: re.Match[str]) -> int | None:
    if m.group(1):
        return int(m.group(1))
    word = m.group(2)
    return ORDINALS.get(word.casefold()) if word else None


def years_before(d: PartialDate, years: int) -> PartialDate | None:
    """The date `years` before `d`; 29 February in a common year is known only to its year."""
    try:
        return PartialDate(d.year - years, d.month, d.day)
    except ValueError:  # born 28 February or 1 March: only the year is sure
        return PartialDate(d.year - years) if d.year - years > 0 else None


def classify(text: str, spans: list[DateSpan], used: set[int], anniversary_context: bool,
             ages: dict[str, int] | None = None, published: date | None = None
             ) -> list[EventHit]:
    """Events the sentence states, from its dates not already taken by a release."""
    hits: list[EventHit] = []
    free = [s for s in spans if s.start not in used]
    unused = list(free)  # the dates no release took
    folded = text.casefold()  # cheap gates: most sentences hold no birthday nor anniversary
    birthday = "birthday" in folded
    # "December 4 is Lux-V's birthday": the year only from an age the article gives
    for given, yb in yearless_birthdays(text, free):
        free.remove(given)
        aged = age_of(yb.who, ages or {})
        if aged is not None and published is not None:
            hits.append(EventHit("birthday", born_from_age(yb.month, yb.day, aged[1], published),
                                 "birthday", None, None, aged[0]))
    counted: list[DateSpan] = []  # the days Nth birthdays were counted back from
    # "celebrates his 80th birthday today", "son's first birthday on July 14, 2022"
    for m in chain(BIRTHDAY.finditer(text) if birthday else (),
                   CELEBRATED.finditer(text) if "celebrat" in folded else ()):
        n = ordinal(m)
        span = _nearest(free, m.start(), m.end())
        if n is None or span is None or span.date.day is None:
            continue
        born = years_before(span.date, n)
        if born:
            # ("her son's first birthday": the child's; "welcomed a son on Monday, his 31st
            # birthday": the father's)
            hint = CHILD_OWNS.search(text, max(0, m.start() - 30), m.start())
            hits.append(EventHit("birthday", born, "birthday",
                                 hint.group(1).casefold() if hint else None, m.start()))
            free = [s for s in free if s is not span]
            counted.append(span)
    for m in TURNS.finditer(text):
        # An age is turned on a day: "in 2019" elsewhere in the sentence is not that day.
        span = _nearest([s for s in free if s.date.day is not None], m.start(), m.end())
        if span is None or span.date.day is None:
            continue
        n = int(m.group(1))
        subject = text[max(0, m.start() - 40):m.start()]
        if re.search(r"\b(?:album|record|single|song|EP|debut|mixtape|film)\b|[”\"’']\s*$",
                     subject, re.I):
            hits.append(EventHit("anniversary", span.date, f"{n}th anniversary"))
        elif (born := years_before(span.date, n)) is not None:
            hits.append(EventHit("birthday", born, "birthday", None, m.start()))
            counted.append(span)  # (a child's "arrived on May 5, the day Rivers turned 33")
        free = [s for s in free if s is not span]
    for m in PLAIN_BIRTHDAY.finditer(text) if birthday else ():
        # "Tom Reyes, 50, celebrates his birthday today": the age said elsewhere gives the year
        named = NAMED_BEFORE.search(text[:m.start()])
        span = next((s for s in free if s.date.day is not None
                     and 0 <= s.start - m.end() < 25), None)
        aged = age_of(named.group(1), ages or {}) if named else None
        if (span is None or aged is None or published is None or span.date.month is None
                or span.date.day is None):
            continue
        hits.append(EventHit("birthday", born_from_age(span.date.month, span.date.day,
                                                       aged[1], published),
                             "birthday", None, None, aged[0]))
        free.remove(span)
    for m in AGE_ON.finditer(text):
        span = next((s for s in free if s.date.day is not None
                     and 0 <= s.start - m.end() < 12), None)
        if span is not None and (born := years_before(span.date, int(m.group(1)))):
            hits.append(EventHit("birthday", born, "birthday", None, m.start()))
            free.remove(span)
    for m in NTH_BORN.finditer(text):
        span = _nearest(free, m.end(), m.end())
        n = ordinal(m)
        if span is not None and n is not None:
            hits.append(EventHit("birthday", span.date, f"{_ORD_WORDS.get(n, str(n))} child",
                                 "nth"))
            free = [s for s in free if s is not span]
    for m in BORN.finditer(text):
        # "her son was born on December 1, the same day as her 33rd birthday": one day, two
        # births, so a day an Nth birthday took is still there for a child's "born" (but not
        # for "X, who was born in Leeds, celebrates her 30th birthday on May 3")
        # ("welcomed their first child, a daughter named Aria, on Thursday, his 30th
        # birthday": the child after the verb, when the article names it)
        welcomed = m.group(0).casefold() in ("gave birth", "welcomed")
        child = CHILD_WORD.search(text[max(0, m.start() - 30):m.start()]) is not None or (
            welcomed and CHILD_NAMED.search(text, m.end(), m.end() + 60) is not None)
        if m.group(0).casefold() == "arrived" and not child:
            continue  # ("his son Kairo arrived on May 5" is a birth; "the album arrived" not)
        if m.group(0).casefold() == "welcomed" and not (
                child or CHILD_WORD.search(text, m.end(), m.end() + 30)
                or NEW_ARRIVAL.search(text, m.end(), m.end() + 30)):
            continue  # "welcomed fans to his studio on May 3", "welcomed guitarist X": no birth
        after = sorted((s for s in chain(free, counted if child else []) if
                        0 <= s.start - m.end() < 70), key=lambda s: s.start)
        if not after and welcomed and (
                CHILD_WORD.search(text, m.end(), m.end() + 40) is not None):
            # "… on Monday: his girlfriend gave birth to their first child, a son": the day
            # may come first
            after = [s for s in free if s.date.day is not None
                     and 0 <= m.start() - s.end < 80][-1:]
        if after and NEW_SUBJECT.search(text, m.end(), after[0].start):
            after = []  # "Born Louis Danforth in Macon, he signed … in 1968": the signing's
        if after and (after[0].date.day or m.group(0).casefold() == "born"):
            # whose birth: the child word nearest before "born" ("a son, Rob, born in 2011,
            # and a daughter born in 2017"), else the sentence's first
            near = list(CHILD_WORD.finditer(text, max(0, m.start() - 40), m.start()))
            hint = near[-1] if near else CHILD_WORD.search(text)
            if after[0] in free:
                free.remove(after[0])
            if after[0].inferred and not hint:
                # "born on March 3": a year from the tense would be invented, unless the day is
                # in the weeks before the article: news of a birth, kept only if whose it is
                # is a child the article names (see event_subjects)
                if _just_before(after[0].date, published):
                    hits.append(EventHit("birthday", after[0].date, NEWS_BIRTH, None, m.start()))
                continue
            parent = m.start() if m.group(0).casefold() != "born" else None
            hits.append(EventHit("birthday", after[0].date, "born",
                                 hint.group(1).casefold() if hint else None, parent))
    if "anniversary" in folded:
        free = _anniversary_year(text, free, hits, published)
    marks = ([m.start() for m in ANNIVERSARY.finditer(text)]
             if ANNIVERSARY_WORD.search(text) else [])
    said = anniversary_context and re.search(r"\b(?:speaking|posted|wrote|said|shared|marked|"
                                             r"celebrated)\b", text, re.I)
    if marks or said:
        for span in list(free):
            # the anniversary's own date sits by the word; "to mark the anniversary, the band
            # will reissue it on October 18" is another event
            if span.date.day and (said or any(abs(span.start - p) < 45 for p in marks)):
                hits.append(EventHit("anniversary", span.date, "anniversary"))
                free.remove(span)
    tweet = TWEET.search(text[:spans[-1].start]) if spans else None
    if tweet and spans[-1] in free and spans[-1].date.day:
        hits.append(EventHit("other", spans[-1].date, f"{tweet.group(1).strip()} posted"))
        free.remove(spans[-1])
    cues: tuple[list[tuple[int, int]], list[tuple[int, int]]] | None = None
    tour = False  # the sentence is about a tour: a tour cue anywhere, or a tour list line
    for span in free:
        before = text[max(0, span.start - 30):span.start]
        if STATEMENT.search(before) or _is_week(span):
            continue
        if span.relative and span.date.month is None and POSSESSIVE.match(text, span.end):
            continue  # "Last year's festival drew 60,000 fans": an earlier edition, no act's
        if SINCE.search(before) or SINCE.match(span.text):
            continue  # "their first tour since 2019": a point of reference, nothing happened
        if re.match(r"(?:to|until|till)\s", span.text, re.I) and any(
                re.match(r"from\s", s.text, re.I) or re.search(r"\bfrom\s*$", text[:s.start])
                for s in free):
            continue  # "from 2015 to 2018": the start is the event
        if (span.date.day is None and span.date.month is not None and any(
                s.date.day and s.date.month == span.date.month and s.date.year == span.date.year
                for s in free)):
            continue  # "in September, beginning on September 2": the day says it
        if span.date.month is None and any(
                s.date.month is not None and s.date.year == span.date.year for s in unused):
            continue  # "earlier this year … on June 14": the day says when (a release's
            # day says nothing of "a tour this year")
        # the words since the date before it (or the sentence's start): whose show a second
        # date of the sentence is, whose clause "X, who last performed in 2015" is
        slot = next(((s.end, span.start) for s in reversed(spans) if s.end <= span.start),
                    (0, span.start))
        if SHOW_AFTER.match(text, span.end):  # "the band's August 5 performance at the Garden"
            hits.append(EventHit("tour_date", span.date, "tour", slot=slot))
            continue
        if cues is None:  # the cues' places, found once for all the sentence's dates
            cues = ([(m.start(), m.end()) for m in OTHER.finditer(text)],
                    [(m.start(), m.end()) for m in TOUR.finditer(text)])
            tour = bool(cues[1]) or LISTED_DATE.match(text) is not None
        other = _closest(cues[0], span, text)
        near_tour = _closest(cues[1], span, text) or (0 if tour else None)
        if other is not None and (near_tour is None or other < near_tour):
            hits.append(EventHit("other", span.date, "other", slot=slot))
        elif near_tour is not None and role(text, span) != "release":
            # "after the album arrived on May 3, they toured": that day is a release's
            hits.append(EventHit("tour_date", span.date, "tour", slot=slot))
        elif not span.relative and not ROUND_UP_LINE.search(before) and not (
                span.date.month is None and re.search(r"\bof\s*$", before + span.text[:3])):
            # ("one of the first big releases of 2009" names a year, nothing that happened)
            # "Although … Number Ones recently …, "X" spent five weeks at the top in 1993": a
            # date written out in full is something that happened, whatever the verb; the
            # article's own release days are dropped by dated_events
            hits.append(EventHit("other", span.date, UNMARKED, slot=slot))
    return hits


UNMARKED = "unmarked"  # EventHit.what of a date no cue word explains
# a release day, not an event ("New date: Sometime in 2008.")
ROUND_UP_LINE = re.compile(r"\b(?:old|new) date:?\s*(?:(?:some ?time|early|late|mid|in)\s+)*$",
                           re.I)


NEWS_BIRTH = "news birth"  # EventHit.what of a birth dated only by the article's weeks
NEWS_DAYS = 60  # how long before the article a year-less birth day may be


def _just_before(d: PartialDate, published: date | None) -> bool:
    """The day falls in the weeks before the publication date."""
    if published is None or d.day is None or d.month is None:
        return False
    return 0 <= (published - date(d.year, d.month, d.day)).days <= NEWS_DAYS


SINCE = re.compile(r"\bsince\s*$|^since\s", re.I)
YEAR_WORD = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/.-])")


def _anniversary_year(text: str, free: list[DateSpan], hits: list[EventHit],
                      published: date | None) -> list[DateSpan]:
    """"the 20th anniversary of ... their 1994 masterpiece": the anniversary falls in 2014
    (when the sentence gives one year and no day, and the sum is not far from publication)."""
    for m in ANNIVERSARY.finditer(text):
        n = ordinal(m)
        if not n or any(s.date.day and abs(s.start - m.start()) < 45 for s in free):
            continue
        years = {int(y) for y in YEAR_WORD.findall(text)}
        if len(years) != 1:
            continue
        origin = years.pop()
        if published is not None and abs(origin + n - published.year) > 1:
            continue
        hits.append(EventHit("anniversary", PartialDate(origin + n), f"{n}th anniversary"))
        return [s for s in free if s.date != PartialDate(origin)]
    return free


# "In 2003 they headlined Glastonbury, and in 2007 they began recording": a new clause
CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:and|but|while|before|after|then)\s", re.I)


def _closest(cues: list[tuple[int, int]], span: DateSpan, text: str) -> int | None:
    """How far the cue nearest the date is; a cue before the date (what it says) counts first,
    unless a new clause starts between them. `cues` are the (start, end) of a pattern's
    matches in the sentence."""
    best: int | None = None
    for start, end in cues:
        dist = span.start - end if end <= span.start else 1000 + start - span.end
        if end <= span.start and CLAUSE_BREAK.search(text, end, span.start):
            dist += 2000
        if best is None or dist < best:
            best = dist
    return best


_ORD_WORDS = {v: k for k, v in ORDINALS.items()}


def _is_week(span: DateSpan) -> bool:
    return span.relative and "week" in span.text.casefold()


def _nearest(spans: list[DateSpan], start: int, end: int) -> DateSpan | None:
    if not spans:
        return None
    return min(spans, key=lambda s: min(abs(s.start - end), abs(start - s.end)))
