"""The dated fact a free "when …" question means: the one whose evidence shares most words;
and, of the dates one sentence writes, the one nearest the question's words."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

from bot.extract.dates import MONTH, find_dates, month_number
from bot.facts.stored_dates import fact_date
from bot.partial_dates import PartialDate


class DatedFact(Protocol):
    """A stored fact or its value (`bot.facts.views.FactView`): what matching reads."""

    @property
    def predicate(self) -> str: ...
    @property
    def evidence(self) -> str: ...
    @property
    def object_date(self) -> date | None: ...
    @property
    def object_precision(self) -> str | None: ...


D = TypeVar("D", bound=DatedFact)

# Predicates a free "when" question may be about.
DATED = ("tour_date", "event", "anniversary", "release_date", "born")
# Question stems that make a release or birth date the likely answer rather than an event.
_ASIDE = {"release_date": {"rele", "out", "drop", "albu", "sing", "debu"},
          "born": {"born", "birt"}}
# What a predicate says without the evidence saying it ("trek" is a tour).
# What a predicate itself says, as stems: a tour date answers "when does the tour start?"
# even when its sentence ("will open in Dublin on March 3") never says "tour".
_PREDICATE_WORDS = {"tour_date": {"tour", "show", "conc", "gig", "gigs", "play", "perf"},
                    "anniversary": {"anni"}, "born": {"born", "birt"}}
# Words either side of a date that count as its clause.
_WINDOW = 10
_CLAUSE = 4  # how many words a clause break counts for
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SMALL = frozenset({"the", "and", "for", "with", "when", "does", "did", "will", "what", "who",
                    "where", "was", "are", "has", "have", "her", "his", "their", "its",
                    # "what date is the Dublin show?" asks for a date: "a 14-date trek" is
                    # no nearer it than the Dublin show's own line
                    "date", "dates"})


_LAST_DONE = re.compile(r"\blast(?=\s+[a-z]+ed\b)", re.I)


def words(text: str) -> set[str]:
    """Word stems (first four letters) of a text, small words left out, to compare texts."""
    # ("last toured in 2023", "last played here": most recently, no end of anything)
    text = _LAST_DONE.sub(" ", text)
    stems = {_ENDING.sub("", w)[:4] for w in re.findall(r"[a-z0-9]+", text.casefold())
             if len(w) > 2 and w not in _SMALL}
    found = {_SAME.get(stem, stem) for stem in stems}
    # what goes on sale is tickets: "the general on-sale Friday" answers "when do tickets go
    # on sale?" without saying "tickets"
    return found | {"tick"} if "sale" in found else found


_DIED_VERB = re.compile(r"\b(?:died|dies|passed away|was found dead)\b", re.I)
_DEATH_NOUN = re.compile(r"\b([\w'’]+)\s+death\b", re.I)
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")


def death_of(facts: Sequence[D], name: str, after: date) -> tuple[D, PartialDate] | None:
    """The day the sentences say `name` died, after `after`: a sentence with "died" or
    "passed away" first, else one with her own death ("Marsh's death", or "her death" where
    nobody else is named: "married to Ray Harlan until his death in 2004" is his); of the
    dates of one sentence, the one written nearest the death ("from 1970 until … 2004": 2004)."""
    surname = name.split()[-1].casefold() if name.split() else ""

    def own(evidence: str) -> bool:
        m = _DEATH_NOUN.search(evidence)
        if m is None:
            return False
        whose = re.sub(r"['’]s?$", "", m.group(1)).casefold()
        if whose == surname:
            return True
        others = [n for n in _FULL_NAME.findall(evidence) if n.split()[-1].casefold() != surname]
        return whose in ("her", "his", "their") and not others

    for said in (lambda e: _DIED_VERB.search(e) is not None, own):
        found = [(f, when) for f in facts if (when := fact_date(f)) is not None
                 and when.first_day() > after and said(f.evidence or "")]
        if found:
            return min(found, key=lambda p: _near(p[0].evidence, p[1], _DEATH_WORDS)[1])
    return None


_DEATH_WORDS = {"die", "deat", "pass"}


def _topical(wanted: set[str], fact: DatedFact) -> bool:
    """Some word shared with the question is not only a name the sentence gives ("when did
    mara quill get married?" is not answered by any sentence naming Mara Quill)."""
    lower = words(" ".join(re.findall(r"(?<![\w'’])[a-z][\w'’-]*", fact.evidence)))
    return bool(wanted & (lower | _PREDICATE_WORDS.get(fact.predicate, set())))


# Words that ask the same of a date: a tour "starts", "begins" or "kicks off"; "ends", "wraps"
_SAME = {"begi": "star", "kick": "star", "laun": "star", "wrap": "end", "fini": "end",
         "clos": "end", "onsa": "sale", "last": "end", "fina": "end"}
# A question about the end of a run ("When does the tour end?", "the last show"): of dates
# no word tells apart, the latest answers, not the first.
ENDING = re.compile(r"\b(?:end|ends|ending|last|final|finish\w*|wrap\w*|clos(?:e|es|ing)|"
                    r"conclud\w*)\b", re.I)


# Stems of a question about tickets: a show's date never answers it.
_SALE = frozenset({"tick", "sale"})


# "die", "died" and "dies" are one word; so are "tour" and "tours"
_ENDING = re.compile(r"(?<=\w{3})(?:ing|ed|es|d|s)$")


def best_dated(facts: Sequence[D], question: str, names: Sequence[str],
               min_shared: int = 0) -> tuple[D, PartialDate] | None:
    """The dated fact that fits the question best, with its date; None when none is dated
    (or none shares `min_shared` words with the question)."""
    wanted = words(question) - {w for name in names for w in words(name)}
    # A release or birth date only when the question is about one ("release", "born"): "when
    # did they get married?" is never answered by a birthday its sentence mentions.
    aside = {"release_date", "born"} - {p for p, w in _ASIDE.items() if wanted & w}
    if wanted & _SALE:
        aside.add("tour_date")  # "when do tickets for the tour go on sale?": never a show's day
    dated = [(f, when) for f in facts
             if (when := fact_date(f)) is not None
             and len(wanted & (words(f.evidence) | _PREDICATE_WORDS.get(f.predicate, set())))
             >= min_shared and f.predicate not in aside
             and (not min_shared or _topical(wanted, f))]
    # "Where do they play on June 11?": the day asked about, when a fact has it
    asked = _days_asked(question)
    on_day = [(f, when) for f, when in dated if (when.month, when.day) in asked]
    dated = on_day or dated
    if not dated:
        return None

    ending = ENDING.search(question) is not None

    def score(item: tuple[D, PartialDate]) -> tuple[int, int, int, int, int, int]:
        # Most words shared with the question, then those the sentence itself writes ("her
        # Glass Weather Tour … starting in Sydney on February 12" over "North American dates
        # begin May 30", a tour date by its predicate only), then most near the date itself
        # (one sentence often lists several dates); of equals, a day before a month, then the
        # earliest date (a tour starts on its first), or the latest when its end is asked.
        fact, when = item
        bonus = _PREDICATE_WORDS.get(fact.predicate, set())
        precise = 0 if when.day is not None else 1 if when.month is not None else 2
        # (of an end asked, only the end's own words are looked for near a date: "the Ember
        # Tour, playing Cardiff on March 9, … London on March 21" writes "tour" nearest the
        # first)
        focus = wanted & {"end"} if ending else wanted
        near, distance = _near(fact.evidence, when, focus)
        said = words(fact.evidence)
        day = when.first_day().toordinal()
        return (-len(wanted & (said | bonus)), -len(wanted & said),
                -len(focus & (near | bonus)), distance, precise, -day if ending else day)

    return min(dated, key=score)


def another_date_asked(evidence: str, when: PartialDate, question: str,
                       names: Sequence[str], today: date) -> bool:
    """Whether the sentence writes a day nearer the question's words than the year the fact
    stores: "Brenn, who co-founded the group in 2011, will play her final show … on June 27"
    stores 2011 of her, yet "when is her final show?" asks for June 27."""
    if when.month is not None:
        return False  # (only a year stored beside a day asked: "in September, beginning on
        # September 2" is one run, whichever of its dates the words sit nearest)
    spans = find_dates(evidence, today)
    own = [i for i, s in enumerate(spans) if s.date.month is None and s.date.year == when.year]
    if len(spans) < 2 or not own:
        return False
    nearest = nearest_date(evidence, [(s.start, s.end) for s in spans],
                           question_words_at(evidence, question, names))
    return nearest is not None and nearest not in own and spans[nearest].date.day is not None


def nearest_date(sentence: str, dates: Sequence[tuple[int, int]],
                 words_at: Sequence[int]) -> int | None:
    """Which of the dates written at these (start, end) characters of the sentence is nearest
    a word written at `words_at`, in its clause first: of "a funeral on December 8, followed
    by a memorial on December 12", December 12 for the memorial. None when no word is
    written and there are several dates, or when two are as near."""
    if len(dates) == 1:
        return 0
    clauses = read_clauses(sentence)
    if not dates or not words_at or not clauses.tokens:
        return None
    hits = {clauses.tokens_in(at, at + 1)[0] for at in words_at}
    scored = sorted((min(clauses.distance(clauses.tokens_in(start, end), hit) for hit in hits),
                     i) for i, (start, end) in enumerate(dates))
    if scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]


def question_words_at(sentence: str, question: str, names: Sequence[str]) -> list[int]:
    """Where the sentence writes a word of the question, by its stem, the names' words left
    out."""
    wanted = words(question) - {w for name in names for w in words(name)}
    clauses = read_clauses(sentence)
    return [at for token, at in zip(clauses.tokens, clauses.starts, strict=True)
            if words(token) & wanted]


@dataclass(frozen=True)
class Clauses:
    """A sentence read as tokens (folded words, commas, semicolons), where each starts in it,
    and which tokens end a clause."""

    tokens: tuple[str, ...]
    starts: tuple[int, ...]
    breaks: tuple[int, ...]

    def tokens_in(self, start: int, end: int) -> tuple[int, int]:
        """The first and last token written between these characters (the token a character
        inside one falls in)."""
        inside = [k for k, at in enumerate(self.starts) if start <= at < end]
        if inside:
            return inside[0], inside[-1]
        holding = max(bisect_right(self.starts, start) - 1, 0)
        return holding, holding

    def find_date(self, when: PartialDate) -> tuple[int, int] | None:
        """The first and last token where this date is first written ("May 30, 2027" whole),
        None when it is not written."""
        tokens = self.tokens
        # A day the article wrote as a weekday ("a presale starting Wednesday") is found by it.
        weekday = _weekday(when)
        for i, token in enumerate(tokens):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if when.month is None:
                hit = token == str(when.year)
            else:
                month = token[:3] == _MONTHS[when.month - 1]
                hit = month and (when.day is None or nxt == str(when.day)
                                 or (i > 0 and tokens[i - 1] == str(when.day)))
                # (only where the day is not written as a date next to it: "Friday, December 11")
                hit = hit or (token == weekday and not any(
                    t[:3] in _MONTHS for t in tokens[i + 1:i + 3]))
            if hit:
                end = i
                while end + 1 < len(tokens) and (tokens[end + 1].isdigit() or (
                        tokens[end + 1] == "," and end + 2 < len(tokens)
                        and _YEAR_TOKEN.fullmatch(tokens[end + 2]))):
                    end += 1
                return i, end
        return None

    def distance(self, date: tuple[int, int], word: int) -> int:
        """How many tokens lie from the date's first and last token to a word, from the end
        nearer it, each clause break between counting `_CLAUSE` tokens more."""
        first, last = date
        if first <= word <= last:
            return 0
        # (from where the date ends when the word comes after it: "May 30, 2027 at …")
        low, high = (last, word) if word > last else (word, first)
        return high - low + _CLAUSE * sum(low < k < high for k in self.breaks)


def read_clauses(sentence: str) -> Clauses:
    """The sentence as `Clauses`: a comma, a semicolon and "and" end a clause."""
    found = list(_TOKEN.finditer(sentence))
    # "15th" is the day 15.
    tokens = tuple(_ORDINAL.sub("", m.group(0).casefold()) for m in found)
    # A comma or a semicolon ends a clause: "Dublin on March 3, before heading to London's O2
    # Arena on March 6" puts London with March 6, though it is as many words from March 3.
    # ("and" opens a clause too: "begin May 30 at the Garden in New York and wrap up July 18
    # in Los Angeles" puts New York with May 30; the comma of "May 30, 2027" is the date's own)
    breaks = tuple(k for k, token in enumerate(tokens) if token in (";", "and") or (
        token == "," and not _YEAR_TOKEN.fullmatch(tokens[k + 1] if k + 1 < len(tokens)
                                                   else "")))
    return Clauses(tokens, tuple(m.start() for m in found), breaks)


# Words (any letters or digits), and commas and semicolons but the comma of "1,000".
_TOKEN = re.compile(r"[^\W_]+|(?<!\d)[,;]|[,;](?!\d)")
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)$")


def _weekday(when: PartialDate) -> str | None:
    """"wednesday" for a day-precise date, else None."""
    if when.month is None or when.day is None:
        return None
    try:
        return date(when.year, when.month, when.day).strftime("%A").casefold()
    except ValueError:
        return None


def _near(evidence: str, when: PartialDate, wanted: set[str]) -> tuple[set[str], int]:
    """Stems of the words around where the evidence writes this date, and how far the nearest
    question word is from it (far when the date is not written there)."""
    clauses = read_clauses(evidence)
    written = clauses.find_date(when)
    if written is None:
        return set(), len(clauses.tokens)
    first = written[0]
    distances = [clauses.distance(written, j) for j, token in enumerate(clauses.tokens)
                 if words(token) & wanted]
    return (words(" ".join(clauses.tokens[max(0, first - _WINDOW):first + _WINDOW + 1])),
            min(distances, default=len(clauses.tokens)))


_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d")
_DAY_ASKED = re.compile(rf"\b({MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|"
                        rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH})\b", re.I)


def _days_asked(question: str) -> set[tuple[int, int]]:
    """(month, day) of each day the question names ("on June 11", "the 3rd of May")."""
    out: set[tuple[int, int]] = set()
    for m in _DAY_ASKED.finditer(question):
        month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if 1 <= int(day) <= 31:
            out.add((month_number(month), int(day)))
    return out
