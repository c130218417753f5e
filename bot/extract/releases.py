"""Releases from title mentions: kind, date (and revisions), status, artist; merged per title."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.extract.dates import DateSpan, find_dates
from bot.extract.events import NTH, YEAR_WORD, ordinal
from bot.extract.model import Release, ReleaseKind, ReleaseStatus
from bot.extract.names import NAME, plausible, tidy
from bot.extract.roles import credited_with, not_release, role
from bot.extract.titles import TitleSpan, resolve_kind
from bot.partial_dates import PartialDate

# RELEASE_CUE_LEAD: the letters its words start with; a lookahead for one of them lets re try the
# words only where one may start (tests/test_extract_gates.py checks the list covers them).
RELEASE_CUE_LEAD = "abcdfhilmoprsu"
RELEASE_CUE = re.compile(
    rf"\b(?=[{RELEASE_CUE_LEAD}])"
    r"(?:releas\w*|shar(?:e|es|ed|ing)|put out|drop(?:s|ped|ping)?|out|arriv\w*|premier\w*|"
    r"available|debut\w*|due|date|return\w*|comeback|back with|scheduled|slated|reissu\w*|"
    r"launch\w*|unveil\w*|hits? (?:shelves|stores|streaming|digital)|comes out|came out|coming out|"
    r"push\w*(?:\s+(?!to\b|in\b|from\b)\S+){0,5}?\s+back|delay\w*|moved|postpone\w*|resched\w*|follow(?:s|ed)|issued|"
    r"land(?:s|ed)|bow(?:s|ed)|bump(?:s|ed)? up|record store day)\b", re.I)
STATEMENT = re.compile(r"\b(?:announced|announce|said|told|revealed|posted|wrote|speaking|"
                       r"confirmed|tweeted|shared)\s*(?:on\s+)?$", re.I)
STATEMENT_AFTER = re.compile(r"^\W*(?:\w+\W+){0,2}(?:has |have )?(?:announced|said|revealed)\b",
                             re.I)
# "X, who released their album Y last year, said …": the clause's own release verb dates it,
# whatever is said after the comma
RELEASED_BEFORE = re.compile(r"\b(?:released|dropped|put out|issued|unveiled)\b[^,;.]{1,60}$",
                             re.I)
FUTURE = re.compile(r"\b(?:will|upcoming|forthcoming|set to|due|slated|scheduled|arriving|out on|"
                    r"coming|presave|pre-?order|ahead of)\b", re.I)
# ("has moved the release date of her album Salt Engines up to November 17", "has moved the
# release date of the singer's fifth album, Glass Heart, up to November 24")
REVISION = re.compile(r"\b(?:push(?:ed|es|ing)?(?:\s+(?!to\b|in\b|from\b)\S+){0,12}?\s+back|"
                      r"mov(?:e|es|ed|ing)(?:\s+(?!to\b|in\b|from\b)\S+){0,12}?\s+"
                      r"(?:up|back|forward)|"
                      r"delay(?:ed|s|ing)?|"
                      # ("has bumped up the release of Paper Moons by two weeks, from …": only
                      # a release bumped, never a song bumped up the chart)
                      r"bump(?:ed|s|ing)?\s+(?:up\s+)?(?:the\s+|its\s+|his\s+|her\s+|their\s+)?"
                      r"(?:release|date|launch|album|record|EP|single|project)\b|"
                      # ("has been bumped up to September 13 from September 20")
                      r"been\s+bumped\s+up(?=\s+(?:to|from|by|a\s+week|\w+\s+weeks?)\b)|"
                      r"(?:pull|brought|bring)(?:s|ed|ing)?(?:\s+(?!to\b|in\b|from\b)\S+){0,12}?"
                      r"\s+forward|"
                      r"postpon(?:e|ed|es|ing)|reschedul(?:e|ed|es|ing)|brought forward|new date|"
                      r"now (?:due|set|slated|arriving)|(?:will|to) now (?:arrive|drop|be released|"
                      r"come out|land|be out|be available|hit (?:stores|shelves|streaming))|"
                      # ("but was pushed to September 13"; "now says the album will arrive on")
                      r"push(?:ed|es)\s+(?:(?:back|out)\s+)?(?:to|until)|"
                      r"now\s+says?\s+(?:[\w'’-]+\s+){0,4}?will\s+(?:now\s+)?(?:arrive|drop|"
                      r"be released|come out|land|be out))\b",
                      re.I)
# ("originally came out in February 1999", "first released in 2004": when it did come out, the
# date of the original a reissue goes back to, never a plan that was changed)
OLD_CUE = re.compile(r"\b(?:originally|original|previously|initially|first)\s+"
                     r"(?!(?:came|released|issued|appeared|arrived|dropped|hit|went)\b)"
                     r"(?:\w+\s+){0,3}?"
                     r"(?:for|on|in)?\s*$|\bfrom\s*$|\bold date:?\s*$|"
                     # ("will now be released on May 2 instead of May 16")
                     r"\b(?:instead of|rather than)\s*$|"
                     r"\b(?:had|was|were)\s+(?:been\s+)?(?:due|set|slated|scheduled|expected|"
                     # ("it was set to arrive on February 24": the plan it had)
                     r"planned)(?:\s+to\s+(?:arrive|drop|land|be released|come out|hit \w+|"
                     r"release|be out))?\s+(?:out\s+)?(?:for|on|in)?\s*$", re.I)
ANAPHORA: list[tuple[re.Pattern[str], str]] = [
    # "The deluxe edition will be released on June 3": a new edition of the record the article
    # is about (never "the festival's 2025 edition")
    (re.compile(r"(?<!\d{4} )(?<!festival )(?<!festival's )(?<!festival’s )\b(?:deluxe|expanded|"
                r"anniversary|legacy|remastered|special|collector'?s|vinyl|limited)\s+"
                r"(?:[\w-]+\s+){0,3}?(?:editions?|reissues?|box set)\b", re.I), "edition"),
    (re.compile(r"\b(?:the|its|this|that)\s+(?:[\w-]+\s+)?(?:album|record|LP|EP|collection|"
                r"full-length|project|mixtape)\b", re.I), "album"),
    # "the set, previously slated for Nov. 25, will now be released Nov. 18" (not a show's
    # "the set at the festival", "the set list")
    (re.compile(r"\b(?:the|this|that)\s+(?:new\s+)?set\b(?!\s+(?:at|list|times?|in|on)\b)",
                re.I), "album"),
    # (not "the track list")
    (re.compile(r"\b(?:the|this|that)\s+(?:new\s+)?(?:song|single|track|tune)\b(?!\s*list)",
                re.I), "song"),
    (re.compile(r"\b(?:the|this|that)\s+(?:music\s+)?video\b", re.I), "music_video"),
    # "We have decided to postpone the release to March 23": in a sentence that moves it,
    # the release of the record still to come the article is about
    (re.compile(r"\b(?:the|its|their|his|her)\s+(?:(?:album|record|single|song|EP)['’]s\s+)?"
                r"release(?!\s+date\s+(?:of|for)\b)(?:\s+date)?\b(?!\s+(?:of|for)\b)", re.I),
     "release"),
]
ALBUMISH = {"album", "ep", "other"}
ANNIVERSARY_OF = re.compile(rf"\b(?:{NTH})\s+anniversary\s+(?:edition\s+|reissue\s+)?of\s+",
                            re.I)
# "Orin, Pressure: Valve Old date: Sept. 22. New date: Nov. 3." in round-ups of delays.
# (a dot inside the head is an abbreviation's: "Blake Vale, V.R.K. Old date: Nov. 27.")
OLD_NEW = re.compile(r"(?:^|[.…!?]\s+)((?:[^.…!?]|\.(?=\S)){2,80}?\.?)\s+Old date:\s*(.{3,30}?)"
                     r"\s+New date:\s*(.{1,30}?\d{1,4})\b")


TURNS_BEFORE = re.compile(r"\b(?:turns?|turning|turned)\s+(?:\w+\s+){0,2}?(?:years?\s+old\s+)?$",
                          re.I)


@dataclass
class Draft:
    title: str
    kind: ReleaseKind
    evidence: str
    artist: str | None = None
    date: PartialDate | None = None
    date_evidence: str | None = None
    previous: PartialDate | None = None
    future: bool = False
    # "album" (albums, EPs, projects), "song" or "music_video": one title may be all three
    grp: str = ""
    featuring: tuple[str, ...] = ()
    evidence_quoted: bool = True  # the title was in quotes (a plain one may be a name)
    edition: str | None = None  # "reissue": a new edition's date, kept apart from the original
    guest_evidence: tuple[tuple[str, str], ...] = ()  # (guest, the sentence saying so)
    # the date is a move's new one ("has been pushed back to March 23"): it replaces the date
    # said before, even when the move does not repeat the old one
    revised: bool = False

    def group(self) -> str:
        if self.grp:
            return self.grp
        return "album" if self.kind in ALBUMISH else "song"


def same_title(a: str, b: str) -> bool:
    return re.sub(r"\W+", "", a).casefold() == re.sub(r"\W+", "", b).casefold()


# "2024's Mile Markers": a year owning the capitalised name after it dates that name,
# whatever cue came before it in the clause (pick_date gives it only to a title right after)
POSSESSIVE_YEAR = re.compile(r"['’]s\s+[“\"‘']?[A-Z0-9]")


SINCE_BEFORE = re.compile(r"\bsince\s*$", re.I)


def release_like(text: str, spans: list[DateSpan]) -> list[DateSpan]:
    """The sentence's dates that may date a release, whichever title: not when the news broke,
    not another thing's date, not "next week" (read once for all the sentence's titles)."""
    out: list[DateSpan] = []
    for span in spans:
        before = text[max(0, span.start - 30):span.start]
        if STATEMENT.search(before) or (span.relative and STATEMENT_AFTER.search(
                text[span.end:span.end + 30]) and not RELEASED_BEFORE.search(
                    text, max(0, span.start - 70), span.start)):
            continue  # "Today, the group has announced": when the news broke
        if span.date.month is None and POSSESSIVE_YEAR.match(text, span.end):
            out.append(span)  # "announced X, their first since 2024's Mile Markers"
            continue
        if SINCE_BEFORE.search(before) or span.text[:6].casefold() == "since ":
            continue  # "her first new music since 2022": a point of reference, no release day
        if not_release(text, span):
            continue  # "who was born on ...", "tickets go on sale ...": another thing's date
        if span.relative and "week" in span.text.casefold():
            continue  # "next week" is a chart week or a vague time, not a release day
        if TURNS_BEFORE.search(before):
            continue  # "Northern Lines turns ten next month": an anniversary, not its day
        if PROMO_AFTER.match(text, span.end):
            continue  # "On September 8, LUMA unveiled a comeback schedule for …": a promo's
        out.append(span)
    return out


# What a date opening a clause was the day of, said right after it: a schedule or a teaser
PROMO_AFTER = re.compile(r"\W*(?:[\w'’.-]+\W+){0,4}?(?:unveil\w*|reveal\w*|releas\w*|drop\w*|"
                         r"post\w*|shar\w*)\s+(?:a|an|the|their|its|her|his)\s+(?:[\w-]+\s+){0,3}?"
                         r"(?:schedule|timetable|teasers?|trailers?|posters?|images?|photos?|"
                         r"scheduler|track ?list|highlight medley)\b", re.I)


def pick_date(text: str, titles: list[TitleSpan], usable: list[DateSpan], target: TitleSpan,
              cue: bool) -> DateSpan | None:
    """The date of `target` in its sentence: the nearest of the sentence's `release_like` dates
    (`cue`: the sentence has a release word, RELEASE_CUE)."""
    best: tuple[int, DateSpan] | None = None
    for span in usable:
        if re.match(r"['’]s\b", text[span.end:span.end + 2]):
            nxt = min((t for t in titles if t.start >= span.end), key=lambda t: t.start,
                      default=None)
            if nxt is target:
                return span  # "last year's full-length, Postmarks"
            continue
        if span.start >= target.end and _next_clause(text, target.end, span):
            continue  # "shared "Y" at the time, and today they're back with another one"
        if _fronted(text, titles, span, target):
            best = best or (70, span)  # "Last month, X shared a new single called "Y""
            continue
        # "Low Tide, the follow-up to 2022's Glass, on Jan. 22": the earlier one is named as a
        # point of reference, the date is the new one's
        pool = [t for t in titles if not REFERENCE_BEFORE.search(text, max(0, t.start - 40),
                                                                  t.start)] or titles
        nearest = min(pool, key=lambda t: _gap(text, t, span))
        if nearest is not target or not cue:
            continue
        d = _gap(text, target, span)
        lo, hi = min(target.start, span.start), max(target.end, span.end)
        if not RELEASE_CUE.search(text[max(0, lo - 40):hi + 25]):
            continue  # a date for something else in the sentence (a birth, a show)
        if span.end <= target.start and OFFSET.search(text, span.end, target.start):
            continue  # "joined in 2013, a year after the release of their debut X": not X's
        if d < 70 and (best is None or d < best[0]):
            best = (d, span)
    return best[1] if best else None


# A date opening a clause of its own after the title's: ", and today they're back with …"
CLAUSE_JOIN = re.compile(r",\s+(?:and|but|while|whereas)\s+$")
CLAUSE_SUBJECT = re.compile(r",?\s+(?:they|he|she|we|it|I|the (?:band|group|duo|trio|singer|"
                            r"rapper|star))(?:['’](?:re|s|ll|ve|m)\b|\s)", re.I)


def _next_clause(text: str, end: int, span: DateSpan) -> bool:
    return (CLAUSE_JOIN.search(text, end, span.start) is not None
            and CLAUSE_SUBJECT.match(text, span.end) is not None)


REFERENCE_BEFORE = re.compile(r"\b(?:follow-?up to|successor to|follows|following|sequel to|"
                              # ("their first album since 2012's "Rust Belt"")
                              r"companion to|(?:first|new)\s+(?:[\w-]+\s+){0,2}?since)\s+"
                              r"(?:(?:his|her|their|its|the)\s+)?"
                              r"(?:(?:19|20)\d\d['’]s\s+)?(?:[\w-]+\s+){0,2}?[“\"‘']?$", re.I)


# A date that opens the sentence ("Last month, ...", "On Friday, ...") says when its main verb
# happened, however far that verb is.
FRONTED = re.compile(r"\W*(?:(?:on|in|back in|earlier|early|late)\s+)?", re.I)
RELEASE_VERB = re.compile(r"\b(?:releas(?:e|ed|es|ing)|shar(?:e|ed|es|ing)|drop(?:ped|s)?|"
                          r"put(?:s)? out|unveil(?:ed|s)?|premier(?:e|ed|es)|debut(?:ed|s)?|"
                          r"issued|arriv(?:e|es|ed))\b", re.I)


def _fronted(text: str, titles: list[TitleSpan], span: DateSpan, target: TitleSpan) -> bool:
    return (len(titles) == 1 and FRONTED.fullmatch(text, 0, span.start) is not None
            and text[span.end:span.end + 1] == "," and target.start > span.end
            and RELEASE_VERB.search(text, span.end, target.start) is not None)


def _distance(t: TitleSpan, s: DateSpan) -> int:
    return max(s.start - t.end, t.start - s.end, 0)


# "in 2013, a year after the release of X": the date is another time than X's
OFFSET = re.compile(r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|"
                    r"\d+)\s+(?:years?|months?|weeks?|days?)\s+(?:after|before|prior to)\b",
                    re.I)
# a new clause between a title and a date: ", and", ", but", ";"
JOIN = re.compile(r",\s+(?:and|but|while|whereas)\s|;")
JOIN_COST = 100


def _gap(text: str, t: TitleSpan, s: DateSpan) -> int:
    """How far the date is from the title, a new clause opening between the date and a title
    after it counting as far (""X" was first released on October 16, 2014, and spawned the
    hit "Y"": the date is X's; but "X …, and it's out March 3" is X's too)."""
    far = s.end <= t.start and JOIN.search(text, s.end, t.start) is not None
    return _distance(t, s) + (JOIN_COST if far else 0)


def old_new(paragraph: str, ref: date | None, anchor: int | None) -> list[Draft]:
    """Round-up lines "Artist, Title Old date: X. New date: Y."."""
    out: list[Draft] = []
    if "Old date" not in paragraph:
        return out
    for m in OLD_NEW.finditer(paragraph):
        head = m.group(1).strip()
        artist, _, title = head.partition(", ")
        if not title:
            continue
        old = find_dates(m.group(2), ref, anchor)
        new = find_dates(m.group(3), ref, anchor)
        if not new:
            continue
        out.append(Draft(title.strip(), "album", m.group(0).strip(" .…"), artist.strip(),
                         new[0].date, m.group(0), old[0].date if old else None, True))
    return out


def status(d: Draft, published: date | None, anchor: int | None = None) -> ReleaseStatus:
    """Released or upcoming: by the date against publication (an undated article's own year,
    the anchor, for a date in another year), else by the tense."""
    if d.date is not None and published is None and anchor and d.date.year != anchor:
        return "upcoming" if d.date.year > anchor else "released"
    if d.date is not None and published is not None:
        if d.date.precision == "day":
            return "upcoming" if d.date.first_day() > published else "released"
        if d.date.year != published.year:
            return "upcoming" if d.date.year > published.year else "released"
        if d.date.month and d.date.month != published.month:
            return "upcoming" if d.date.month > published.month else "released"
    return "upcoming" if d.future else "released"


def merge(drafts: list[Draft]) -> list[Draft]:
    """One draft per title and kind group; the most precise date wins, an explicit revision most."""
    out: list[Draft] = []
    for d in drafts:
        twin = next((o for o in out if same_title(o.title, d.title) and o.group() == d.group()
                     and o.edition == d.edition), None)
        if twin is None:
            out.append(d)
            continue
        if twin.kind == "other" and d.kind != "other":
            twin.kind = d.kind
        if d.previous is not None and d.date is None:  # "originally scheduled for May 10"
            twin.previous = twin.previous or d.previous
        elif d.previous is not None or (d.revised and d.date is not None):
            # a revision supersedes what was said before
            twin.previous = d.previous or (twin.date if twin.date != d.date else twin.previous)
            twin.date, twin.date_evidence = d.date, d.date_evidence
        elif d.date is not None and (twin.date is None or _rank(d.date) > _rank(twin.date)):
            twin.date, twin.date_evidence = d.date, d.date_evidence
        twin.artist = twin.artist or d.artist
        twin.featuring += tuple(f for f in d.featuring if f not in twin.featuring)
        twin.guest_evidence += d.guest_evidence
        twin.future = twin.future or d.future
    return out


def _rank(d: PartialDate) -> int:
    return {"year": 0, "month": 1, "day": 2}[d.precision]


def to_release(d: Draft, published: date | None, anchor: int | None = None) -> Release:
    confidence = 0.9 if d.date and d.date_evidence else 0.75
    featuring = tuple(f for f in d.featuring if f != d.artist)
    return Release(d.title, d.artist, d.kind, d.date, status(d, published, anchor),
                   d.date_evidence or d.evidence, confidence, d.previous, featuring, d.edition,
                   d.guest_evidence)


# "Glass Harbour (feat. Tom Reyes)", or after the title: "Dust Road" with Mara Vale
FEAT_IN = re.compile(rf"\s*[(\[](?:feat\.?|featuring|ft\.?|with)\s+({NAME})[)\]]\s*$")
# ('"Parachute," featuring singer Lila Moss': the comma inside the quotes, a trade before the name;
# '"Lanterns," which features singer Mira Dune': a guest told in a clause)
FEAT_AFTER = re.compile(rf"(?:[\"”’']?\s*,?|,[\"”’'])\s*\(?(?:feat\.?|featuring|ft\.?|with|x|×|"
                        rf"(?:which|that)\s+(?:also\s+)?features)\s+"
                        rf"(?:(?:singer(?:-songwriter)?|rapper|vocalist|(?:pop |rock |country )?"
                        rf"star)\s+)?({NAME})")


FEAT_HEAD = re.compile(rf"^{NAME}\s+(?:feat\.|ft\.|featuring)\s+({NAME})\s*[–—:-]\s*"
                       r"[“\"‘'«„‹]?$")


def featuring(title: str, text: str, end: int, start: int | None = None
              ) -> tuple[str, tuple[str, ...]]:
    """The title without its "(feat. X)", and the acts featured on it (the title's span is
    text[start:end])."""
    found: list[str] = []
    m = FEAT_IN.search(title)
    if m:
        found.append(tidy(m.group(1)))
        title = title[:m.start()].strip()
    head = FEAT_HEAD.search(text, 0, start) if start is not None and start < 120 else None
    if head:  # "DJ Halo feat. Tiva – "Run Free"": a round-up line's heading
        found.append(tidy(head.group(1)))
    after = FEAT_AFTER.match(text, end)
    if after and not credited_with(text, after.start(1)):
        # "co-produced "Drift" with Owen Castell": a fellow producer, not a guest on it
        found.append(tidy(after.group(1)))
    return title, tuple(f for f in found if plausible(f))


def kind_for(span: TitleSpan, text: str) -> ReleaseKind:
    # "the video for "X"" names the song X; a video of its own needs more (a director)
    if span.kind == "music_video":
        return "single"
    kind = resolve_kind(span.kind, text[:span.start])
    if kind == "other" and "hart" in text:
        # "X's Y holds at Number 1 on the Official Singles Chart": a single (when the sentence
        # names one chart only)
        charts = {m.group(1).casefold() for m in CHART_KIND.finditer(text)}
        if len(charts) == 1:
            return "single" if charts == {"singles"} else "album"
    return kind


CHART_KIND = re.compile(r"\b(singles|albums)\s+chart\b", re.I)


def group_for(span: TitleSpan) -> str:
    return "song" if span.kind in ("song", "single", "music_video") else "album"


YEAR_NOUN = re.compile(r"\b((?:19|20)\d\d)\s+(?:[\w-]+\s+)?(?:album|single|EP|record|hit|song|LP|"
                       r"mixtape|debut|effort|release|duet|collaboration|ballad|anthem)s?,?\s*"
                       r"[“\"‘']?$")


def year_before(text: str, start: int) -> PartialDate | None:
    """The year in "her 2019 album, Neon Hearts": it dates the title that follows."""
    m = YEAR_NOUN.search(text[max(0, start - 40):start])
    return PartialDate(int(m.group(1))) if m else None


# ""Dust Road" (2010)": a year in brackets right after a title is the year it came out
YEAR_AFTER = re.compile(r"[,”\"’']?\s*\(\s*(?:19|20)\d\d\s*\)")


def year_after(text: str, end: int, spans: list[DateSpan]) -> DateSpan | None:
    """The year span in brackets right after the title ending at `end` ("including "Dust
    Road" (2010) and "Tin Cup" (2014)"): that title's release year, nothing else's."""
    m = YEAR_AFTER.match(text, end)
    if m is None:
        return None
    return next((s for s in spans if end <= s.start < m.end() and s.date.month is None), None)


# "the deluxe reissue arrives June 3", "re-released on vinyl in May": a new edition's date
REISSUE = re.compile(r"\b(?:re-?issu\w*|re-?releas\w*|remaster\w*|deluxe|expanded edition|"
                     r"anniversary edition|legacy edition|box(?:ed)? set)\b", re.I)


RELEASE_NOUN = (r"(?:album|record|LP|EP|single|masterpiece|classic|debut|effort|release|"
                r"mixtape)\b")
CLAUSE_END = re.compile(r"[;.!?]|,?\s(?:but|while|whereas|and)\s")


def reissue(text: str, target: TitleSpan, span: DateSpan) -> bool:
    """Whether the clause that ties the date to the title says it is a new edition's."""
    lo, hi = min(target.start, span.start), max(target.end, span.end)
    after = CLAUSE_END.split(text[hi:hi + 100], maxsplit=1)[0]  # "… this June with a re-release"
    return REISSUE.search(text[max(0, lo - 40):hi] + after) is not None


def original_year(text: str, target: TitleSpan, published: date | None) -> PartialDate | None:
    """"the 20th anniversary of Ash Garden, … their 1994 album": the title came out in the one
    year of the sentence, when the ordinal brings it to the publication year (give or take one)
    or, with no publication date, when the year is written as a release's ("their 1994 album")."""
    head = text[max(0, target.start - 60):target.start]
    word = head.rstrip()  # the pattern ends "of" and white space right at the title: a cheap test
    if len(word) == len(head) or word[-2:].lower() != "of":
        return None
    for m in ANNIVERSARY_OF.finditer(text, max(0, target.start - 60), target.start + 1):
        if m.end() != target.start:
            continue
        n = ordinal(m)
        years = {int(y) for y in YEAR_WORD.findall(text)}
        if not n or len(years) != 1:
            continue
        year = years.pop()
        if published is not None and abs(year + n - published.year) <= 1:
            return PartialDate(year)
        if published is None and re.search(rf"\b{year}\s+(?:[\w-]+\s+)?{RELEASE_NOUN}", text):
            return PartialDate(year)
    return None


TITLE_TRACK = re.compile(r"\btitle track\b", re.I)
DIRECTED = re.compile(r"\b(?:directed|helmed) by\b", re.I)
VIDEO = re.compile(r"\bvideo\b", re.I)


IT_OPENS = re.compile(r"\s*It(?:['’]s)?\s")


def pronoun_date(text: str, spans: list[DateSpan], previous: list[Draft]
                 ) -> tuple[Draft, DateSpan] | None:
    """"Mara Vale's album "Low Hours" is out now. It arrived on Friday": "It" is the one title
    of the sentence before, and a date its clause calls a release's is that title's."""
    titles = {re.sub(r"\W+", "", d.title).casefold() for d in previous}
    if len(titles) != 1 or not IT_OPENS.match(text):
        return None
    span = next((s for s in spans if role(text, s) == "release"
                 and not (s.relative and "week" in s.text.casefold())), None)
    if span is None:
        return None
    d = previous[0]
    if OLD_CUE.search(text[max(0, span.start - 40):span.start]):
        # "… back a week to February 13. It was due on February 6": the date it had before
        return Draft(d.title, d.kind, text, d.artist, None, None, span.date, d.future,
                     grp=d.group()), span
    return Draft(d.title, d.kind, text, d.artist, span.date, text, None, d.future,
                 grp=d.group()), span
