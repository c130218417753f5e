"""The dated events of an article (births, anniversaries, tours, others) and whose each is."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from bot.extract.attribution import artist_in, part_of
from bot.extract.births import ages
from bot.extract.dates import DateSpan
from bot.extract.events import NEWS_BIRTH, UNMARKED, EventHit, classify
from bot.extract.model import Event, Person
from bot.extract.names import AGE_ASIDE, NAME, SUPPORTING, TRADE_WORDS, drop_trade, plausible, tidy
from bot.extract.references import LED_BY_ASIDE
from bot.extract.sentences import Sentence
from bot.partial_dates import PartialDate


def dated_events(dated: list[tuple[Sentence, list[DateSpan]]], used: set[tuple[int, int]],
            people: list[Person], acts: list[str], main: str | None,
            masked: dict[int, str], published: datetime.date | None,
            release_days: frozenset[PartialDate] = frozenset()) -> list[Event]:
    """Each event once per (kind, subject, date), from the dates the releases did not take.
    A date no cue explains is no event when it is a release's day (`release_days`, old or
    new) said again."""
    out: list[Event] = []
    seen: set[tuple[str, str, str]] = set()
    context = 0
    known_ages = ages([s.text for s, _ in dated])
    children = {p.name for p in people if p.relation == "child"}
    openers = _paragraph_openers([s for s, _ in dated], acts)
    for sent, spans in dated:
        opener = openers.get(sent.paragraph)
        marked = re.search(r"\banniversary\b", sent.text, re.I) is not None
        if marked:
            context = 3
        taken = {start for (i, start) in used if i == sent.index}
        # "Thirty years ago today, on October 9, 1996, X released Y": one date said twice,
        # the release's, is no event of its own
        days = {span.date for span in spans if span.start in taken}
        taken |= {span.start for span in spans if span.date in days}
        hits: list[EventHit] = (classify(masked[sent.index], spans, taken, context > 0,
                                         known_ages, published) if spans or marked else [])
        context = max(0, context - 1)
        for hit in hits:
            if hit.what == UNMARKED and hit.date in release_days:
                continue
            # "He is the father of eight": a pronoun's act is the one whose birthday it is
            # (only a sentence that speaks of one person: "The band will headline" is the
            # band's whoever had a birthday before)
            parent = next((e.subject for e in reversed(out) if e.kind == "birthday"
                           and e.subject in acts), None) if _ONE_PERSON.search(sent.text) else None
            subject = _subject(hit, sent, people, acts, parent or opener or main)
            if hit.what == NEWS_BIRTH and subject not in children:
                continue  # "June Rose was born on November 28": only a child's, never the act's
            if (hit.kind == "birthday" and subject in acts and published is not None
                    and hit.date.year > published.year - CHILD_YEARS):
                # "The boy, Kairo, was born on Monday": a birth of these last years is no
                # act's own, it is a child's
                if any(e.kind == "birthday" and e.date == hit.date
                       and e.subject.startswith(f"{subject}'s ") for e in out):
                    continue  # the same birth, told before ("X's son")
                subject = f"{subject}'s child"
            key = (hit.kind, subject.casefold(), hit.date.iso())
            if key in seen:
                continue
            seen.add(key)
            out.append(Event(hit.kind, subject, hit.date, sent.text,
                             0.8 if hit.date.precision == "day" else 0.6))
    return out


def _paragraph_openers(sents: list[Sentence], acts: list[str]) -> dict[int, str]:
    """In a round-up (paragraphs opening with two acts or more, "The Wheeler Brothers have
    added 14 dates … Tickets go on sale Friday"), the act each paragraph opens with: what its
    nameless sentences are about. Elsewhere none: the article's act is."""
    out: dict[int, str] = {}
    for sent in sents:
        if sent.paragraph in out or not (lead := _OPENING_ACT.match(sent.text)):
            continue
        act = next((a for a in acts if sent.text.startswith(a, lead.end())), None)
        if act is not None:
            out[sent.paragraph] = act
    return out if len(set(out.values())) >= 2 else {}


# Where a paragraph's subject stands: first, after an opening adverb ("Meanwhile, ")
_OPENING_ACT = re.compile(r"\W*(?:[A-Z]\w+,\s+)?")
# Supporting acts named after their cue, to the end of the clause
_GUESTS = re.compile(rf"\b(?:{SUPPORTING})\s+[^.;:()]*", re.I)


def _without_guests(text: str) -> str:
    """The sentence with its supporting acts blanked out (the same length)."""
    folded = text.casefold()
    if not any(w in folded for w in ("guest", "support", "open", "joined by")):
        return text
    return _GUESTS.sub(lambda m: " " * len(m.group(0)), text)


CHILD_YEARS = 12  # a birth this recent is a child's: no act is younger
_ONE_PERSON = re.compile(r"\b(?:he|she|his|her|him|hers)\b", re.I)


# A name, then at most a few words ("celebrates her", "who turns", "is set to") up to the hit.
# "Drummer Tess Harlan (Velvet Mile) turns 52": the band in brackets is not whose it is.
_NAMED_BEFORE = re.compile(rf"({NAME})(?:\s+\([^()]{{1,40}}\))?,?\s+(?:\w+\s+){{0,3}}$")
_ASIDE = re.compile(r",\s+(?:who|whose)\b[^;]*?,\s+(?=(?:\w+\s+){0,3}$)")
_CLAUSE_OPENS = re.compile(r"(?:,\s+(?:and|while|but|whereas)|;)\s+(?:the\s+)?", re.I)


def _clause_act(words: str, acts: list[str]) -> str | None:
    """The act that opens a clause within `words`, the subject of what follows."""
    for m in _CLAUSE_OPENS.finditer(words):
        found = [a for a in acts if words.startswith(a, m.end())
                 or (a.startswith("The ") and words.startswith(a[4:], m.end()))]
        if found:
            return max(found, key=len)
    return None


# The date inside a "who" clause: the name the clause hangs on
_WHO_CLAUSE = re.compile(rf"({NAME}),\s+who\s+(?:[\w'’-]+\s+){{0,8}}?(?:in|on|since)?\s*$")
_OPENING_NAME = re.compile(rf"({NAME})\s+[a-z]")


# What happens to a person, not to an act: whose it is is the name right before the verb.
# (a couple's wedding is the first one's: "Tessa Lane, 26 and Jon Ardent, 38 (Jonathan Ard)
# exchanged their wedding vows", each age and the real name aside)
_PERSONAL = re.compile(rf"({NAME}){AGE_ASIDE}?"
                       rf"(?:\s+and\s+{NAME}{AGE_ASIDE}?(?:\s+\([^()]{{1,60}}\))?)?,?\s+"
                       rf"(?:(?:has|had|was|is|have|also|reportedly|quietly|"
                       rf"secretly|sadly)\s+)*(?:died|passed away|married|wed|got married|"
                       rf"got engaged|was arrested|gave birth|divorced|tied the knot|"
                       rf"exchanged (?:their )?(?:wedding )?vows)\b")


def _personal(text: str, acts: list[str], people: Sequence[Person] = ()) -> str | None:
    """The person a death, wedding, arrest or birth in the sentence happened to, if one name
    stands right before the verb ("Drummer Ada Quill married …" is Ada Quill's wedding; "Crane
    died …" is the Nell Crane the article names)."""
    found = _PERSONAL.findall(text)
    if len(found) != 1:
        return None
    name = drop_trade(found[0])  # "Bassist Pete Morrow"
    act = next((a for a in acts if a.casefold() == name.casefold()
                or part_of(name.casefold(), a.casefold())), None)
    if act is not None:
        return act
    if " " not in name:
        return next((p.name for p in people if p.name.split()[-1] == name
                     and len(p.name.split()) >= 2), None)
    return name if plausible(name) else None


_CHILD_BEFORE = re.compile(r"\b(son|daughter|baby girl|baby boy|child|twins?|baby)\b[^.]{0,25}$",
                           re.I)
_GENDER = {"son": "m", "baby boy": "m", "daughter": "f", "baby girl": "f"}  # else either
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _same_child(child: Person, hint: str, hit: EventHit, text: str) -> bool:
    """Whether the child named in `child` is the one this birth is of: named as the same kind of
    child ("a son, Rob" is no daughter), and, when named in another sentence, not born in
    another year that sentence gives ("a son, Rob Jr., born in 2011")."""
    at = child.evidence.find(child.name)
    word = _CHILD_BEFORE.search(child.evidence[:at]) if at > 0 else None
    named_as = _GENDER.get(word.group(1).casefold()) if word else None
    asked = _GENDER.get(hint.casefold())
    if named_as and asked and named_as != asked:
        return False  # "a son, Rob Jr., … and a daughter born in 2017": not Rob's birth
    if child.evidence == text:
        return True
    if not re.search(rf"\b(?:{re.escape(hint.split()[-1])}|newborn)", child.evidence, re.I):
        # ("… a photo of the newborn, whom the couple named Remy": the birth just told of)
        return False
    years = {int(y) for y in _YEAR.findall(child.evidence)}
    return not years or hit.date.year in years


def _subject(hit: EventHit, sent: Sentence, people: list[Person], acts: list[str],
             main: str | None) -> str:
    # the first act: the subject (never a supporting act: "… wraps up July 19 in Boston, with
    # special guests Tessa Lane and Dex Marlow" is the headliner's tour)
    led = LED_BY_ASIDE.match(sent.text)  # ("The band, fronted by singer X, toured in 2023")
    owner = (main if led and main else None) or artist_in(
        _without_guests(sent.text), 0, acts) or main or "unknown"
    if hit.person_hint == "nth" and main and re.match(r"(?:He|She)\b", sent.text):
        owner = main
    if hit.at is not None and not hit.person_hint:  # "X, is celebrating his 80th birthday"
        owner = artist_in(sent.text, hit.at, acts) or owner
    if hit.kind == "other" and (person := _personal(sent.text, acts, people)) is not None:
        return person  # "Bassist Pete Morrow died on May 3": his, not the band's
    if hit.kind in ("tour_date", "other") and hit.slot is not None:
        start, end = hit.slot
        if (who := _WHO_CLAUSE.search(sent.text, 0, end)) and plausible(tidy(who.group(1))):
            return tidy(who.group(1))  # "…, Night Orchard and Copper Kettle, who last
            # performed together in 2015": the clause is Copper Kettle's
        if start > 0:
            # "A close out Saturday, and B top the bill on Sunday": an act opening a clause
            # between the two dates is the second one's ("… followed by a tour with Vesk
            # starting on August 15" is not Vesk's)
            owner = _clause_act(sent.text[start:end], acts) or owner
    if hit.kind != "birthday":
        return owner
    if hit.who:
        return hit.who
    if hit.at is not None and not hit.person_hint:
        # "The group's leader, Seo Yun, celebrates her 25th birthday": the person named right
        # before the birthday is whose it is, act or not.
        # (past an aside: "Rosa Lind, who was born … in Memphis, celebrates her 60th
        # birthday" is Rosa Lind's, not Memphis's)
        before = _ASIDE.sub(" ", sent.text[:hit.at].rstrip() + " ")
        named = _NAMED_BEFORE.search(before)
        after = before[named.end(1):].split()[:1] if named else []
        if named and not (after and after[0].casefold() in TRADE_WORDS):
            # ("The Philadelphia rapper turned 33": a place or a label of the trade after it
            # is no one's name; whose it is is the article's act)
            name = re.sub(r"['’]s?$", "", named.group(1))  # "Dune's 33rd birthday"
            name = drop_trade(name)  # "Leader Haneul", "Singer Mara Vale"
            inside = [act for act in acts if re.search(rf"\b{re.escape(act)}$", name)
                      or part_of(name.casefold(), act.casefold())]  # "Marsh": Jo Marsh
            if inside:  # "Singer Mara Vale celebrates …": the act, not its title
                return inside[0]
            if plausible(name) and len(name.split()) <= 3:
                return name
    if owner == "unknown" and not hit.person_hint and (
            opener := _OPENING_NAME.match(sent.text)) and plausible(opener.group(1)):
        return opener.group(1)  # "Rowan Pike celebrates his birthday today, born ..."
    if hit.person_hint == "nth":
        return f"{owner}'s {hit.what}"
    if hit.person_hint and hit.at is not None and (
            parent := _NAMED_BEFORE.search(sent.text[:hit.at].rstrip() + " ")):
        # "Ada Quill gave birth to twins": Ada Quill's, not the act the article is about
        name = parent.group(1)
        owner = next((a for a in acts if part_of(name.casefold(), a.casefold())
                      or a.casefold() == name.casefold()), name if plausible(name) else owner)
    if hit.person_hint:
        children = [p for p in people if p.relation == "child"]
        hint = hit.person_hint
        close = [p for p in children if _same_child(p, hint, hit, sent.text)]
        pick = close  # a child named for another birth is not this one's
        if pick:
            later = [p for p in pick if p.evidence != sent.text]
            return (pick[0] if pick[0].evidence == sent.text or not later else later[0]).name
        return f"{owner}'s {hint}"
    return owner

