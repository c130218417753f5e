"""What a date in a sentence is the date of: a release, or a birth, death, wedding, show, sale..."""

from __future__ import annotations

import re
from typing import Literal

from bot.extract.dates import DateSpan

Role = Literal["release", "birth", "death", "wedding", "chart", "court", "tour", "sale",
               "promo", "award", "deal", "statement", ""]

# A clause ends at a full stop, a semicolon, a dash, a bracket or a quote mark, and at the
# comma that opens an aside ("Lena Morrow, who was born on ..."): the words that say what a
# date is sit between that boundary and the date.
CLAUSE_START = re.compile(
    r"[.;:!?(\[]|\s[—–-]\s|,\s*(?=(?:who|which|whose|when|while|after|before|since|as|and|"
    r"but|where|whom)\b)")
# Cues, each for one role; the one nearest before the date wins (at a tie, the earlier in
# this list: "sold out" is a sale). "shared" is a release verb
# here ("has shared her new single"), not a statement.
CUES: list[tuple[Role, re.Pattern[str]]] = [
    ("birth", re.compile(r"\b(?:born|birth\w*|gave birth|welcom\w+ (?:a |their |his |her )?"
                         r"(?:son|daughter|baby|child|twins))\b", re.I)),
    ("death", re.compile(r"\b(?:died|dies|death|passed away|funeral|killed|memorial)\b",
                         re.I)),
    ("wedding", re.compile(r"\b(?:married|marry|marriage|wed|weds|wedding|nuptials|vows|proposed|"
                           r"tied the knot|engaged|engagement|divorc\w+)\b", re.I)),
    # ("debuts atop the list dated May 22": a chart's week, dated ahead of it)
    ("chart", re.compile(r"\b(?:chart(?:s|ed|ing)?|peaked|topped|number one|No\. ?\d+|week "
                         r"ending|weeks? at|dated|Hot 100|Billboard 200)\b", re.I)),
    ("court", re.compile(r"\b(?:arrest\w*|court|trial|sentenc\w+|charged|hearing|lawsuit|sued|"
                         r"jail\w*|prison|indict\w+|pleaded)\b", re.I)),
    # (a TV show is no concert: "appear on the variety show", "a music show trophy")
    ("tour", re.compile(r"\b(?:tour\w*|concerts?|(?<!variety )(?<!music )(?<!talent )"
                        r"(?<!quiz )(?<!chat )(?<!talk )(?<!TV )(?<!reality )(?-i:shows?)|"
                        r"gigs?|headlin\w+|perform\w*|"
                        r"festival|kicks? off|play(?:s|ed|ing)?|stage|residency|venue|"
                        # "close out Saturday", "top the bill on Sunday": a festival's slots
                        r"clos(?:e|es|ing) out|top(?:s|ped|ping)? the bill|"
                        r"stadium|arena)\b", re.I)),
    ("sale", re.compile(r"\b(?:on sale|sold out|tickets?|pre-?sales?|presale|pre-?orders?|"
                        r"pre-?saves?)\b", re.I)),
    # a teaser's, a trailer's or a track list's day is not the release's ("released the teaser
    # for "Y" on January 5")
    ("promo", re.compile(r"\b(?:teasers?|trailers?|highlight medley|snippets?|previews?|"
                         r"track ?list(?:ing)?|concept (?:photos?|images?|film)|posters?|"
                         r"cover art|artwork)\b", re.I)),
    ("award", re.compile(r"\b(?:awards?|grammys?|won|wins|win|nominat\w+|honou?red)\b", re.I)),
    ("deal", re.compile(r"\b(?:sign(?:s|ed|ing)?\s+(?:to|with)|deal)\b", re.I)),
    ("statement", re.compile(r"\b(?:announc\w+|said|says|told|revealed|confirmed|posted|"
                             r"tweeted|teased|wrote|reported|interview)\b", re.I)),
    ("release", re.compile(
        r"\b(?:releas\w*|shar(?:e|es|ed|ing)|put out|drop(?:s|ped|ping)?|out|arriv\w*|"
        r"premier\w*|available|debut\w*|due|return\w*(?!\s+to\b)|comeback|reissu\w*|launch\w*|"
        r"unveil\w*|"
        r"hits? (?:shelves|stores)|comes out|came out|coming out|follow(?:s|ed|ing)?|issued|"
        r"land(?:s|ed|ing)?|bow(?:s|ed)|street date|release date|pushed back|delay\w*|"
        r"postpone\w*|resched\w*|moved (?:up|back)|brought forward|bumped up)\b", re.I)),
]
# All the cues as one pattern, a named group each: a date's clause is read once.
# ANY_CUE_LEAD: the letters the cues start with (each cue starts at a word boundary): a
# lookahead for one of them lets re try the cues only where one may start
# (tests/test_extract_gates.py checks the list covers them).
ANY_CUE_LEAD = "abcdefghijklmnoprstuvw"
ANY_CUE = re.compile(rf"\b(?=[{ANY_CUE_LEAD}])(?:"
                     + "|".join(f"(?P<{name}>{pattern.pattern})" for name, pattern in CUES)
                     + ")", re.I)
ROLE_OF: dict[str, Role] = {name: name for name, _ in CUES}
NOT_RELEASE = frozenset(("birth", "death", "wedding", "chart", "court", "tour", "sale",
                         "promo", "award", "deal", "statement"))
RELEASE_NOUN_AFTER = re.compile(r"\s*(?:release|arrival|street date|launch|premiere|drop)\b",
                                re.I)
SHOW_NOUN_AFTER = re.compile(r"\s*(?:[A-Z0-9][\w'’-]*\s+){0,3}(?:tours?|concert|show|gig|"
                             r"performance|residency)\b", re.I)
WINDOW = 60  # characters before the date: the cue of a date sits close to it


def clause_before(text: str, start: int, window: int = WINDOW) -> str:
    """The words of the date's own clause that come before it (within `window` characters)."""
    head = text[max(0, start - window):start]
    # "premiered on Tuesday (February 18)": the bracket gives the weekday's date, it opens
    # no clause of its own
    weekday = WEEKDAY_BRACKET.search(head)
    scan = head[:weekday.start()] if weekday else head
    cut = max((m.end() for m in CLAUSE_START.finditer(scan)), default=0)
    return head[cut:]


WEEKDAY_BRACKET = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s*\($")


def role(text: str, span: DateSpan) -> Role:
    """The role the nearest cue before the date gives it in its clause, or "" without one."""
    if RELEASE_NOUN_AFTER.match(text, span.end):
        return "release"  # "announced a July 15 release date", "the Nov. 15 arrival of"
    if SHOW_NOUN_AFTER.match(text, span.end):
        return "tour"  # "his 2006 Soul Train tour", "the August 5 show at"
    head = clause_before(text, span.start)
    best: tuple[int, Role] | None = None
    for m in ANY_CUE.finditer(head):  # one pass; the cues' order settles a tie
        if best is None or m.end() > best[0]:
            best = (m.end(), ROLE_OF[m.lastgroup or ""])
    if best is not None and best[1] == "release" and _promoted(text, span.start):
        return "promo"
    if best is not None and best[1] == "release" and (tour := SHOW_SUBJECT.search(head)) \
            and GENERIC_VERB.search(head, tour.end()) and not RELEASE_NOUN.search(head):
        return "tour"  # "A UK tour follows in October": what follows is the tour
    return best[1] if best else ""


PROMO = dict(CUES)["promo"]
PROMO_WINDOW = 130  # a teaser's subject may stand further back: "The teaser for the title
# track "Runaway Signal" will drop on March 3"
OF_IT = re.compile(r"\s+(?:for|of|to)\b", re.I)


def _promoted(text: str, start: int) -> bool:
    """Whether the date's clause says when a teaser, trailer or track list comes: "the music
    video teaser will be released on August 20", "the teaser for the title track X will drop
    on March 3" (the record it is for, without a comma, is no subject of its own); but "the
    tracklist for his third album X, out Friday" dates the album."""
    head = clause_before(text, start, PROMO_WINDOW)
    promos = list(PROMO.finditer(head))
    if not promos:
        return False
    promo = promos[-1]
    rest = head[promo.end():]
    return RELEASE_NOUN.search(rest) is None or (
        OF_IT.match(rest) is not None and "," not in rest)


# A verb that says when whatever its subject is comes ("follows", "arrives", "is due"), and
# the show nouns and release nouns that may be its subject.
GENERIC_VERB = re.compile(r"\b(?:follow(?:s|ed|ing)?|arriv\w*|land(?:s|ed|ing)?|due|"
                          r"comes|coming)\b", re.I)
SHOW_SUBJECT = re.compile(r"\b(?:tours?|concerts?|shows?|gigs?|residency|dates)\b", re.I)
RELEASE_NOUN = re.compile(r"\b(?:album|single|record|EP|LP|song|track|mixtape|video)s?\b",
                          re.I)


def not_release(text: str, span: DateSpan) -> bool:
    """The date belongs to something else than a release (a birth, a show, the news itself)."""
    return role(text, span) in NOT_RELEASE


# "co-produced "Drift" with Owen Castell": a fellow producer or writer, not a guest on it
CREDIT_BEFORE = re.compile(r"\b(?:co-?)?(?:produced|producing|wrote|written|writing|penned|"
                           r"mixed|mastered|recorded|directed|arranged|remixed)\b[^.]{0,60}$",
                           re.I)


def credited_with(text: str, name_start: int) -> bool:
    """The name at `name_start` follows "with" in a clause about a credit (produced, wrote,
    mixed … with X): who shared the credit, not who features on the release."""
    return (WITH_BEFORE.search(text, max(0, name_start - 8), name_start) is not None
            and CREDIT_BEFORE.search(text, max(0, name_start - 110), name_start) is not None)


WITH_BEFORE = re.compile(r"\bwith\s+$", re.I)
