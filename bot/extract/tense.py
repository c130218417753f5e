"""The tense around a date: whether the words nearest it look ahead or back."""

from __future__ import annotations

import re

# FUTURE_LEAD: the letters its words start with; a lookahead for one of them lets re try the
# words only where one may start (tests/test_extract_gates.py checks the list covers them).
FUTURE_LEAD = "'abcdefghiklmnoprstuw’"
FUTURE = re.compile(
    rf"\b(?=[{FUTURE_LEAD}])"
    r"(?:will|won['’]t|['’]ll|shall|going to|gonna|upcoming|forthcoming|set to|set for|due|slated|"
    r"scheduled|ahead of|arriving|arrives|arrive|drops|dropping|is out|are out|coming|"
    r"comes|on sale|plans?|kicks?|heads?|begins?|starts?|launch(?:es|ing)|opens?|hits|"
    r"lands?|returns|follows|expected|next|pushed back|delayed|postponed|rescheduled|"
    r"moved(?:\s+(?!to\b|in\b|from\b)\S+){0,5}?\s+(?:up|back|forward)|"
    r"brought forward|play|plays|tour(?:s|ing)?|preorder|pre-order|presave|until|to be|"
    r"turns|turning|celebrat(?:es|ing)|runs|takes place|take place|release|releases|"
    # ("released a teaser image, confirming the group's return with their album X on June 9":
    # news that announces what is to come)
    r"confirming|announcing|"
    r"(?:is|are|am|['’]s|['’]re)\s+(?!going\b)\w+ing|"
    r"(?:is|are|['’]s|['’]re)\s+(?:now\s+|being\s+|also\s+)?planned)\b",
    re.I)
# (a word of a hyphenated compound is an adjective: "their sold-out concert", "long-delayed")
PAST = re.compile(
    r"(?<!-)\b(?:was|were|had|did|ago|last|previously|earlier(?!\s+than)|already|took place|"
    r"\w+ed|made|"
    r"came|went|began|sold|won|wrote|gave|saw|shared|released|dropped|born|joined|since|"
    # irregular pasts ("got the best birthday present on Monday")
    r"got|told|took|met|brought|became|felt|heard|held|lost|found|spent|sang|wore|fell|"
    r"broke|spoke|sent|knew|stood|"
    # ("their first release in seven months, following their mini album X in October")
    r"following(?=\s+(?:their|his|her|its)\b))\b(?!-)",
    re.I)
# Reporting verbs say when the news broke, not whether the date is past: "announced a July 15
# release date" is a future date.
# "shared", "posted" and "teased" are acts done on the day ("shared the single on Friday").
REPORTING = frozenset(("announced", "said", "revealed", "reported", "confirmed", "explained",
                       "added", "noted", "stated"))


# "will be released", "is set to be shared": a participle after a future auxiliary looks ahead.
FUTURE_PARTICIPLE = re.compile(
    r"\b((?:will|won['’]t|['’]ll|shall)\s+(?:(?:now|also|still|then|instead|only|not|never|"
    r"finally|\w+ly)\s+)?(?:be\s+|have\s+been\s+|get\s+)?|"
    r"to\s+(?:(?:now|also|finally|\w+ly)\s+)?(?:be|have\s+been)\s+)"
    r"(\w+ed|held|sent|told|brought|found|spent|sung|worn|broken|spoken|given|shown|known|"
    r"taken|seen|made|met)\b", re.I)


STATED_ON = re.compile(r"\b(?:announced|said|revealed|reported|confirmed|explained|added|noted|"
                       r"stated)\s+(?:on\s+)?$|"
                       # "According to an industry insider on November 19": when it was said
                       r"\baccording to\s+(?:[\w'’.-]+\s+){0,5}?on\s+$", re.I)
# "the track list will be revealed on August 9": said ahead, not gone by
PASSIVE_AHEAD = re.compile(r"\b(?:will|['’]ll|to|shall)\s+be\s+\w+\s+(?:on\s+)?$", re.I)
# (the plain form too: "we have decided to postpone the release to March 23")
MOVED_TO = re.compile(r"\b(?:mov(?:e|ed)|push(?:ed)?|postponed?|delay(?:ed)?|reschedul(?:e|ed)|"
                      r"chang(?:e|ed)|shift(?:ed)?|bump(?:ed)?)\b[^.;]{0,80}?"
                      r"(?:\b(?:to|until)\s+(?:the\s+)?|\bdate\s+)$", re.I)
# ("out Friday", "out on May 2", "out this Friday (March 4)")
OUT_BEFORE = re.compile(r"(?:([\w-]+)\s+)?\bout\s+(?:on\s+)?(?:(?:this|next)\s+)?"
                        r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s*\(?\s*)?$", re.I)
PAST_OUT = frozenset(("came", "was", "were", "been", "sold", "went", "put", "got", "come",
                      "had", "inside", "checked"))


def tense(before: str, after: str) -> str:
    """"future", "past" or "" from the verbs nearest the date (what precedes it counts most)."""
    if STATED_ON.search(before[-60:]) and not PASSIVE_AHEAD.search(before[-45:]):
        return "past"  # "her label announced on Tuesday": the day the news broke, gone by
    if MOVED_TO.search(before[-110:]):
        return "future"  # "we have moved the comeback date to the 14th": the new date ahead
    out = OUT_BEFORE.search(before[-40:]) if "out" in before[-40:] else None
    if out and (out.group(1) or "").casefold() not in PAST_OUT:
        return "future"  # "new single "X", out Friday": a release's date, given ahead of it
    before = FUTURE_PARTICIPLE.sub(lambda m: m.group(1) + "x" * len(m.group(2)), before)
    after = FUTURE_PARTICIPLE.sub(lambda m: m.group(1) + "x" * len(m.group(2)), after)
    # ("will celebrate … with a reissue on March 8, the band announced Wednesday": a reporting
    # tail after a sentence that looks ahead says when the news broke, not the date's tense)
    tail = REPORTING_TAIL.match(after[:40]) is not None and any(
        not _noun(before[-300:], m) for m in FUTURE.finditer(before[-300:]))
    for i, near in enumerate((before[-70:], after[:40], before[-300:])):
        # after the date a reporting verb says when it happened ("On Thursday, she confirmed")
        fut = [m.end() for m in FUTURE.finditer(near) if not _noun(near, m)]
        # "since" looks back from what follows it ("her first show since the birth … in
        # August"), never from a date before it ("her set on July 10 … since …")
        past = [m.end() for m in PAST.finditer(near)
                if ((i == 1 and not tail)
                    or m.group(0).casefold() not in REPORTING)
                and not (i == 1 and m.group(0).casefold() == "since")
                # ("will release X, their first album since 2012's Y, on June 6": a since
                # with a year of its own is a point of reference, not this date's past)
                and not (m.group(0).casefold() == "since" and SINCE_YEAR.match(near, m.end()))
                and not _not_verb(m.group(0))]
        if fut or past:
            # "slated", "scheduled": a word of both kinds looks ahead
            return "future" if max(fut, default=-1) >= max(past, default=-1) else "past"
    if REPORTED_WHEN.search(before[-80:]):
        return "past"  # "The couple announced the pregnancy in May": when it was said
    return ""


SINCE_YEAR = re.compile(r"\s+(?:(?:the|their|his|her|its)\s+)?(?:19|20)\d\d\b")
REPORTING_TAIL = re.compile(r"[,;]\s+(?:[\w'’.-]+\s+){0,4}?(?:announced|said|revealed|"
                            r"reported|confirmed|explained|added|noted|stated)\b", re.I)
REPORTED = re.compile(r"\b(?:announced|said|revealed|reported|confirmed|posted|shared|"
                      r"wrote|told)\b[^.;]{0,50}$", re.I)


# A reporting verb whose own time the date gives ("announced the pregnancy in May", "revealed
# her new album, Paper Coast, in May"), no word looking ahead between (`tense` found none)
REPORTED_WHEN = re.compile(r"\b(?:announced|revealed|confirmed|reported|said|told)\b"
                           r"[^.;:!?]{0,60}\s(?:in|on)\s+$", re.I)


def reported_before(before: str) -> bool:
    """A reporting verb earlier in the clause ("announced the news on Instagram on Monday"):
    a weekday with no other tense is the day it was said, gone by."""
    return REPORTED.search(before[-70:]) is not None


# "release" after one of these is the noun ("the album's release on May 2"), not the present
# tense that news uses for what is coming ("the group release their debut on April 25")
DETERMINER = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|our|my|your|this|that|new|"
                        r"debut|first|next|latest|upcoming|digital|physical|vinyl|album|"
                        r"single|EP|wide|global|official)|['’]s?)\s*$", re.I)


def _noun(near: str, match: re.Match[str]) -> bool:
    """A future word used as a noun: "release(s)" after a determiner or possessive."""
    return (match.group(0).casefold() in ("release", "releases")
            and DETERMINER.search(near[:match.start()]) is not None)


def _not_verb(word: str) -> bool:
    """Words ending in -ed that are not past verbs ("red", "need", "bed", "Ted")."""
    return word.casefold() in ("need", "red", "bed", "seed", "speed", "feed", "indeed",
                                "hundred", "sacred", "naked", "wicked", "beloved", "ed",
                                "followed",  # "followed by the teaser on the 17th": an order
                                # "a fan meeting titled "Code Night" on November 9": a name
                                "titled", "entitled", "dubbed", "themed",
                                # "a box set on April 19th called "Blue Hours"": a name too
                                "called",
                                # "the list dated May 22": a chart's week, named ahead
                                "dated",
                                # "will release an expanded edition on November 22 featuring
                                # unreleased demos": what a record is, not what happened
                                "expanded", "remastered", "unreleased", "limited", "extended",
                                "anticipated", "acclaimed", "talented", "animated", "unnamed")
