"""The entry point: article text (with date, URL and title) in, an Extraction out; never raises."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from itertools import pairwise

from bot.extract import artists as artist_rules
from bot.extract.attribution import (
    act_pattern,
    artist_in,
    clause_artist,
    find_acts,
    last_act,
    part_of,
    release_artist,
)
from bot.extract.birthday_lists import day_headings, list_day, listed_birthdays
from bot.extract.comeback import comeback_date
from bot.extract.dates import (
    DateSpan,
    anchor_year,
    find_dates,
    later_than_before,
    same_day,
    tour_year,
)
from bot.extract.event_subjects import dated_events
from bot.extract.events import celebrated_day
from bot.extract.facts import build_facts, records_sold
from bot.extract.gates import lower_has
from bot.extract.headline import headline_named, headline_titles
from bot.extract.labels import labels
from bot.extract.members import family_members, find_members
from bot.extract.model import ArticleInfo, ArtistMention, Event, Extraction, Person, ReleaseKind
from bot.extract.names import NAME, NAME_RE, placeholder, placeish, plausible, without_trade
from bot.extract.people import PersonHit, find_people
from bot.extract.range_days import weekdays_in_runs
from bot.extract.real_names import real_names
from bot.extract.references import (
    GROUP_OWNER,
    GROUP_SUBJECT,
    LED_BY_ASIDE,
    Band,
    credits_of_it,
    full_name,
    named_again,
    named_in,
    record_owner,
    subject_release,
)
from bot.extract.relations import MEMBERSHIP, people_of
from bot.extract.releases import (
    ANAPHORA,
    DIRECTED,
    FUTURE,
    OLD_CUE,
    RELEASE_CUE,
    REVISION,
    STATEMENT,
    TITLE_TRACK,
    VIDEO,
    Draft,
    featuring,
    group_for,
    kind_for,
    merge,
    old_new,
    original_year,
    pick_date,
    pronoun_date,
    reissue,
    release_like,
    status,
    to_release,
    year_after,
    year_before,
)
from bot.extract.roles import not_release
from bot.extract.sentences import HEADING_LINE, Sentence, paragraphs, sentences_of
from bot.extract.titles import (
    FRONTED_PHRASE,
    SELF_TITLED,
    SPEECH_WORDS,
    Spans,
    TitleSpan,
    bare_quotes,
    find_titles,
    mask,
    quotes,
)
from bot.extract.today import anniversary_year, implied_today
from bot.partial_dates import PartialDate

ALBUM_OF = re.compile(r"\btitle track (?:from|of|off) (?:[\w-]+\s+){0,3}?(album|EP|record|LP)\b",
                      re.I)
SHARED = re.compile(r"\b(?:shared|released|dropped|unveiled|premiered|debuted|put out|"
                    r"shares|releases|drops|unveils|premieres|debuts)\b", re.I)
# What TITLE_TRACK and ALBUM_OF ("title track"), and DIRECTED ("directed/helmed by") cannot
# match without: a cheap test before the patterns, which ignore case.
TITLE_TRACK_WORDS = lower_has(("tle tr",))
DIRECTED_WORDS = lower_has(("ed by",))
MAX_TEXT = 200_000  # longer input is cut: an article is never this long, a paste bomb may be
ACT_ROLE = re.compile(r"\b(?:bandmate|frontman|frontwoman|lead singer|singer)\b", re.I)
KIN = {"child", "relative", "partner", "former partner"}
NOT_ARTIST_RELATIONS = {"director", "producer", "writer", "host", "partner", "former partner",
                        "child", "executive", "member", "former member", "original member",
                        "member?", "relative"}


def extract(text: str, *, published: datetime.date | None = None, url: str | None = None,
            title: str | None = None, known_artists: Iterable[str] = ()) -> Extraction:
    """Everything the article states about acts and releases; an empty Extraction on failure."""
    info = ArticleInfo(title=title, url=url, published=published)
    try:
        return _extract(text[:MAX_TEXT] if isinstance(text, str) else "", info,
                        list(known_artists))
    except Exception:  # a rule tripping on odd text must not lose the article
        return Extraction(article=info)


def _extract(text: str, info: ArticleInfo, known: list[str]) -> Extraction:
    published = info.published
    paras = paragraphs(text, info.title)  # found once: the sentences and "Old date:" lines
    sents = sentences_of(paras)
    body = " ".join(s.text for s in sents)
    if published is None:  # undated: the day it says is today ("his birthday today, born …")
        published = implied_today(sents, body)
    anchor = None
    if published is None:  # the latest full date's year, or the anniversary it celebrates
        anchor = max((y for y in (anchor_year(body), anniversary_year(sents)) if y), default=None)
    quoted = {s.index: quotes(s.text) for s in sents}  # found once, used twice
    masked = {s.index: mask(s.text, quoted[s.index]) for s in sents}
    touring = tour_year(body)
    dated = [(s, find_dates(masked[s.index], published, anchor, touring)) for s in sents]
    dated = weekdays_in_runs(dated)  # "on July 16-18 … will headline Friday night"
    dated = [(s, later_than_before(masked[s.index], spans, dated[i - 1][1])
              if i and dated[i - 1][0].paragraph == s.paragraph else spans)
             for i, (s, spans) in enumerate(dated)]  # "Its follow-up arrived two years later"
    dated = [(s, same_day(masked[s.index], spans, dated[i - 1][1]) if i else spans)
             for i, (s, spans) in enumerate(dated)]  # "who turned 31 the same day"
    for i in range(1, len(dated)):  # "a double celebration on May 5. He turned 33 and …"
        (s, spans), (b, before) = dated[i], dated[i - 1]
        if b.paragraph == s.paragraph:
            spans, before = celebrated_day(masked[s.index], spans, masked[b.index], before)
            dated[i - 1], dated[i] = (b, before), (s, spans)

    people_hits = [h for s in sents for h in (*find_people(s.text), *find_members(s.text))]
    acts = _artists(sents, known, people_hits, body, info.title)
    known_folded = {k.casefold() for k in known}
    acts = [a for a in acts if not _titled(a, body) or a.casefold() in known_folded]
    family = family_members(acts, sents)  # "singer Ruth Halloway" of "The Halloway Sisters"
    if family:
        acts = [a for a in acts if a not in {h.name for h in family}]
        people_hits.extend(family)
    main = acts[0] if acts else None

    bands = Band(acts, people_hits)
    drafts, used = _releases(dated, paras, info, acts, main, anchor, quoted, bands)
    comeback_date(dated, used, drafts)
    used |= _spoken(dated, quoted)
    # "X was pushed back to November": a move's new month dates the record it moves; of no
    # record the article names, it is no event
    used |= {(s.index, span.start) for s, spans in dated for span in spans
             if span.date.day is None and span.text[:3].casefold() == "to "}
    _out_today(sents, info, drafts)
    _full_names(acts, drafts, body, people_hits)
    if main is None and acts:  # "Marla Quinn will put out …": an act only a release named
        main = acts[0]
    act_words = {w.casefold() for a in acts for w in (a, *a.split())}
    drafts = [d for d in drafts if d.title.casefold() not in act_words or d.evidence_quoted
              or d.title == d.artist]  # "a song Rowe wrote": Rowe is the act, not a title
    for d in drafts:  # "Sorel, Untitled": an album with no title yet, by an act with a name
        d.artist = None if placeholder(d.artist) else d.artist
    drafts = [d for d in drafts if not placeholder(d.title)]
    titles = {d.title.casefold() for d in drafts}
    acts = [a for a in acts if a.casefold() not in titles or any(
        d.title.casefold() == a.casefold() and d.artist == a for d in drafts)]

    people, more_relations = people_of(people_hits, acts, main)
    people, more_relations = _first_names(people, more_relations)
    people = credits_of_it(people, sents, drafts)
    days = frozenset(day for d in drafts for day in (d.date, d.previous) if day is not None)
    events = dated_events(dated, used, people, acts, main, masked, published, days)
    events = _with_listed_birthdays(events, sents, text, info)
    # ("the same day Rivers turned 33": the one full name the article gives Rivers)
    kin = {p.name.casefold() for p in people if p.relation in KIN}
    # ("Becker, who joined the group in 1975": the Lane Becker the article names, whatever
    # happened)
    named = {p.name for p in people}
    events = [replace(e, subject=full) if " " not in e.subject and (
        full := full_name(e.subject, body, kin)) != e.subject and (
            e.kind == "birthday" or full in named) else e for e in events]
    releases = [to_release(d, published, anchor) for d in merge(drafts)]
    extraction = Extraction(article=info, artists=[ArtistMention(a) for a in acts],
                            releases=releases, people=people, events=events)
    owners = [(r.title, r.artist) for r in releases if r.title and r.artist]
    facts = build_facts(extraction, labels(sents, acts, main, owners),
                        records_sold(sents, main, acts), more_relations,
                        real_names(sents, acts, events))
    return Extraction(article=info, artists=extraction.artists, releases=releases,
                      people=people, events=events, facts=facts)


def _spoken(dated: list[tuple[Sentence, list[DateSpan]]], quoted: dict[int, Spans]
            ) -> set[tuple[int, int]]:
    """The dates inside a quoted statement (its dates are read for the releases it names,
    "announced, "X will return with 'Y' on July 5.""): no event of their own."""
    out: set[tuple[int, int]] = set()
    for sent, spans in dated:
        for start, end, inner in quoted[sent.index]:
            if len(inner.split()) > SPEECH_WORDS:
                out.update((sent.index, s.start) for s in spans if start <= s.start < end)
    return out


def _full_names(acts: list[str], drafts: list[Draft], body: str,
                people: list[PersonHit]) -> None:
    """"Shore will release her first solo single": an act a release's clause named by surname
    alone is the full name the article gives it ("Nia Shore"), in `acts` and on the drafts."""
    kin = {p.name.casefold() for p in people if p.relation in KIN}
    for act in list(acts):
        full = full_name(act, body, kin)
        if full == act:
            continue
        if full in acts:
            acts.pop(acts.index(act))
        else:
            acts[acts.index(act)] = full
        for d in drafts:
            if d.artist == act:
                d.artist = full


def _with_listed_birthdays(events: list[Event], sents: list[Sentence], text: str,
                           info: ArticleInfo) -> list[Event]:
    """The events, plus a birthday for each "<who> is <age>" line when the article is a
    birthday list (the same birthday found twice is kept once)."""
    day = list_day(text, info.title, info.published)
    if day is None:
        return events
    listed = listed_birthdays(sents, day)
    lines = {line for _, _, line in listed} | day_headings(sents)
    # a list line's birthday is the list's reading of it (whose, from the line's own name),
    # and its day heading ("June 9: Singer Lara Finch is 52.") is no show or other event
    out = [e for e in events if e.evidence not in lines]
    seen = {(e.kind, e.subject.casefold(), e.date.iso()) for e in out}
    for who, born, line in listed:
        if ("birthday", who.casefold(), born.iso()) not in seen:
            seen.add(("birthday", who.casefold(), born.iso()))
            out.append(Event("birthday", who, born, line, 0.7))
    return out


# (a phrase set before the sentence's subject: its comma is no apposition)
_FRONTED = re.compile(rf"(?:^|[.!?]\s+){FRONTED_PHRASE}")


def _titled(name: str, body: str) -> bool:
    """The article introduces the name as a release ("her third album, Paper Suns,"): a
    title, however act-like what it does ("Paper Suns debuts at No. 1")."""
    for m in re.finditer(rf"\b(?:album|EP|LP|single|mixtape|record)s?,?\s+({re.escape(name)})\b",
                         body):
        if body[m.end():m.end() + 1] == "," or not _FRONTED.search(
                body, max(0, m.start() - 40), m.start(1)):
            return True
    return False


def _act_role(hit: PersonHit) -> bool:
    """A member called by a trade that makes an act ("frontman Jo Reyes", "Grey Harbour's lead
    singer X"), written right before the name; not a co-founder "with singer X", who is the
    band's."""
    at = hit.evidence.find(hit.name, hit.start)
    before = hit.evidence[max(hit.start, at - 30):at] if at >= 0 else ""
    m = ACT_ROLE.search(before)
    return m is not None and not re.search(r"\bwith\s+(?:fellow\s+|lead\s+)?$", before[:m.start()])


def _artists(sents: list[Sentence], known: list[str], people: list[PersonHit],
             body: str, headline: str | None = None) -> list[str]:
    """Acts by how often they are mentioned, aliases folded into their full names. The
    headline counts for what it says of a name ("Rosa Lind announces spring tour") when the
    article names them too."""
    # A frontman or bandmate is an act as well as a member; a guitarist alone is not.
    # A tentative member called by a solo trade ("Rapper Kit Dune", no band named) is no
    # reason to doubt an act.
    # (nor is a partner called a rapper: "Tessa Lane and rapper Jon Ardent tied the knot")
    not_acts = {p.name.casefold() for p in people if p.relation in NOT_ARTIST_RELATIONS
                and not (p.relation in ("member?", "partner", "former partner") and re.search(
                    rf"\b(?:rapper|singer|DJ)\s+{re.escape(p.name)}", p.evidence, re.I))
                and not _act_role(p)}
    found = artist_rules.known_mentions(body, known)
    found.extend(h.of for h in people if h.of and h.of_is_act)  # "joined Grey Harbour"
    strong_names: set[str] = set()  # named doing what acts do: release, share, announce
    for name, strong in artist_rules.candidates(sents):
        if strong or name.casefold() not in not_acts:
            found.append(name)
        if strong:
            strong_names.add(without_trade(name).casefold())
    # a round-up's sub-heading line: "Tallow Creek – Long Way Home"
    found.extend(m.group(0) for s in sents if HEADING_LINE.match(s.text)
                 and (m := NAME_RE.match(s.text)) and not placeish(m.group(0)))
    if headline:
        found.extend(name for name, _ in artist_rules.headline_candidates(headline)
                     if name.casefold() not in not_acts
                     and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", body))
    # "Shore will release her first solo single": the full name, "Nia Shore", even of a
    # member; only a relative of the same surname ("her son, Tom Park") is not the act
    kin = {p.name.casefold() for p in people if p.relation in KIN}
    found = [full_name(without_trade(n), body, kin) for n in found]
    names: list[str] = []
    for name in sorted(dict.fromkeys(found), key=lambda n: -len(n)):
        folded = name.casefold()
        if any(folded == n.casefold() or part_of(folded, n.casefold()) for n in names):
            continue
        names.append(name)
    # A member is never promoted to the act: one named only as a member (not as a frontman or
    # bandmate) of an act of the article is a person, and a band comes before its members.
    band_of = {h.name.casefold(): h.of.casefold() for h in people
               if h.of and h.relation in MEMBERSHIP}
    listed = {n.casefold() for n in names}
    known_folded = {k.casefold() for k in known}
    members = {h.name.casefold() for h in people if h.relation in MEMBERSHIP}
    names = [n for n in names if not (named_in(n, members) and named_in(n, not_acts))
             or n.casefold() in known_folded or len(listed) == 1]
    if not names:
        return names
    words, owner = act_pattern(tuple(names))
    counts = Counter(owner[word] for _, word in find_acts(body, words))
    # the headline names whom the article is about: one mention more than the body gives
    counts.update(owner[word] for _, word in find_acts(headline or "", words))
    # as often named: the one that releases before one it is compared to
    ranked = sorted(names, key=lambda n: (-counts[n], n.casefold() not in strong_names))
    for name in list(ranked):
        band = band_of.get(name.casefold())
        place = next((i for i, n in enumerate(ranked) if n.casefold() == band), None)
        if place is not None and place > ranked.index(name):
            ranked.remove(name)
            ranked.insert(place, name)  # just after its band
    return ranked




def _first_names(people: list[Person], more: list[Person]) -> tuple[list[Person], list[Person]]:
    """"written by Ruth": the one person of the article called Ruth, by her full name (a
    second relation of someone already listed goes with the other relations)."""
    full: dict[str, set[str]] = {}
    for p in people:
        if len(p.name.split()) >= 2:
            full.setdefault(p.name.split()[0], set()).add(p.name)
    out: list[Person] = []
    for p in people:
        named = full.get(p.name, set()) if " " not in p.name else set()
        if len(named) != 1:
            out.append(p)
            continue
        whole = replace(p, name=named.pop())
        (more if any(o.name == whole.name for o in people) else out).append(whole)
    return out, more


# A round-up of the day's releases: "New Music Friday", "the best new songs out today"
OUT_TODAY = re.compile(r"\bnew music friday\b|\b(?:songs|albums|singles|releases|music|tracks|"
                       r"records)\s+(?:(?:that\s+)?(?:are\s+)?)?(?:out|released|arriving)\s+"
                       r"(?:today|this friday)\b", re.I)


def _out_today(sents: list[Sentence], info: ArticleInfo, drafts: list[Draft]) -> None:
    """In a round-up of what came out on the day it was published, the title each sub-heading
    line names ('Kira Vance – "Glass Heart"') came out that day, unless a date was said."""
    if info.published is None or not sents:
        return
    cue = next((s.text for s in sents[:3] if OUT_TODAY.search(s.text)), None)
    if cue is None and not OUT_TODAY.search(info.title or ""):
        return
    day = PartialDate(info.published.year, info.published.month, info.published.day)
    headed = {m.group(1).strip().casefold() for s in sents
              if HEADING_LINE.match(s.text) and (m := HEADING_TITLE.search(s.text))}
    for d in drafts:
        if d.date is None and d.previous is None and (
                d.title.casefold() in headed
                # "Mara Quill has also dropped an album with the release of X": out on the day
                or (not d.future and _out_now(d))):
            d.date, d.date_evidence = day, cue or info.title


def _out_now(d: Draft) -> bool:
    """The clause that names the title says it is out ("X has dropped … the release of Y"),
    not another clause of its sentence ("Fans are still awaiting Z, but X has dropped Y")."""
    at = d.evidence.find(d.title)
    if at < 0:
        return False
    clause = CLAUSE_JOIN.split(d.evidence[:at])[-1]
    return OUT_NOW.search(clause) is not None or OUT_NOW.match(
        d.evidence, at + len(d.title)) is not None


# What came out as the article speaks: "has dropped", "has just released", "is out now"
OUT_NOW = re.compile(r"\b(?:has|have)\s+(?:also\s+|just\s+|finally\s+)*(?:dropped|released|"
                     r"shared|delivered|unleashed|put out)\b|\bout now\b|"
                     r"[\"”’']?,?\s+is\s+out\s+now\b", re.I)
CLAUSE_JOIN = re.compile(r",\s+(?:but|and|while|as)\s+|;")


# The title of a sub-heading line, after its dash, without its quotes
HEADING_TITLE = re.compile(r"[–—]\s+[“\"‘']?(.+?)[”\"’']?$")


def _releases(dated: list[tuple[Sentence, list[DateSpan]]], paras: list[str],
              info: ArticleInfo, acts: list[str], main: str | None, anchor: int | None,
              quoted: dict[int, Spans], bands: Band) -> tuple[list[Draft], set[tuple[int, int]]]:
    drafts: list[Draft] = []
    used: set[tuple[int, int]] = set()
    listed = [old_new(para, info.published, anchor) for para in paras]
    drafts.extend(d for ds in listed for d in ds)
    first_own = len(drafts)  # the drafts read from sentences start here
    acts.extend(a for a in dict.fromkeys(d.artist for ds in listed for d in ds if d.artist)
                if plausible(a) and a.casefold() not in {x.casefold() for x in acts})
    recent: list[Draft] = []
    seen_in: dict[int, int] = {}  # the paragraph each draft was last named in
    previous: list[Draft] = []  # the drafts of the sentence before
    videos: list[str] = []  # titles the article has called a video, latest last
    video_days: dict[str, tuple[PartialDate, str]] = {}  # a video's day, its sentence
    new_today: tuple[int, PartialDate] | None = None  # "Today, … another new song": its day
    texts = [sent.text for sent, _ in dated]
    headed = headline_titles(info.title, " ".join(texts))  # "New Album Paper Weather"
    for sent, spans in dated:
        t = sent.text
        if sent.paragraph < len(listed):  # "Old date: / New date:" lines are talked about too
            recent.extend(d for d in listed[sent.paragraph] if d not in recent)
        found = find_titles(t, quoted[sent.index])
        found.extend(q for q in bare_quotes(t, quoted[sent.index], found)
                     if clause_artist(t, q.start, q.end))  # "Out now: "Y" by X", "X shares "Y""
        found.extend(named_again(t, drafts[first_own:], found, quoted[sent.index]))
        found.extend(headline_named(t, headed, found, quoted[sent.index]))
        for m in SELF_TITLED.finditer(t) if "-" in t else ():  # it needs "self-titled"
            owner = artist_in(t, m.start(), acts) or main
            if owner:
                found.append(TitleSpan(owner, m.start(), m.end(), "album", False))
        # in the order written: an act a clause names ("Mara Quinn – "Glasshouse"") is known
        # to the titles after it ("… from her third album Night Swims")
        found.sort(key=lambda span: span.start)
        sentence_drafts: list[Draft] = []
        # "Meet Me Next Tuesday" is a title, not a day: no date inside a title
        spans = [d for d in spans if not any(f.start <= d.start < f.end for f in found)]
        # which dates may be a release's does not depend on the title: read once for all
        usable = release_like(t, spans) if found else []
        aside = _ANAPHOR_ASIDE.match(t)
        if aside and usable and all(f.start >= aside.end() for f in found):
            # "The track, released last month via X, fended off Y's "Z"": the aside dates the
            # record the article is about (read by _anaphora), not a title named after it
            usable = [s for s in usable if s.start >= aside.end()]
        cue = bool(found) and RELEASE_CUE.search(t) is not None
        paired = respectively(t, found, usable) if "respectively" in t else {}
        for span in found:
            kind = kind_for(span, t)
            group = (GROUP_OWNER.search(t, max(0, span.start - 60), span.start) is not None
                     or GROUP_SUBJECT.match(t) is not None)
            title, feats = featuring(span.title, t, span.end, span.start)
            led = LED_BY_ASIDE.match(t)
            artist = release_artist(  # "Her new single": the act named last, else the main one
                t, span.start, span.end, acts,
                lambda: (group and bands.owner(texts, sent.index, main))  # noqa: B023
                or subject_release(t, drafts[first_own:])  # noqa: B023
                or record_owner(t, recent)  # noqa: B023
                or last_act(texts, sent.index, acts) or main, feats)  # noqa: B023
            if led and span.start >= led.end():  # "The band, fronted by singer X, … their
                artist = bands.owner(texts, sent.index, main) or main or artist  # debut, Y"
            draft = Draft(title, kind, t, artist, future=(bool(
                FUTURE.search(t[max(0, span.start - 60):span.end + 40]))
                and not PAST_AFTER.match(t, span.end) and not _released_before(t, span.start))
                # "have delayed Quiet Engines indefinitely": a delayed record is still to come
                or REVISION.search(t, max(0, span.start - 40), span.start) is not None
                # ("DJ Halo's debut, Night Circuit, has been postponed indefinitely")
                or _DELAYED_AFTER.match(t, span.end) is not None,
                grp="song" if kind == "single" else group_for(span),
                featuring=feats, evidence_quoted=span.quoted)
            if not draft.future and (album := _record_to_come(
                    t, span, drafts[first_own:], info.published, anchor)) is not None:
                draft.future, draft.artist = True, draft.artist or album.artist
            when = paired[span.start] if span.start in paired else pick_date(
                t, found, usable, span, cue)
            stated = year_before(t, span.start)
            if stated is not None and (when is None or when.date.year != stated.year):
                draft.date, draft.date_evidence = stated, t
                when = None
            bracketed = year_after(t, span.end, spans)
            if bracketed is not None:
                used.add((sent.index, bracketed.start))  # the title's year, no event's
                if when is None or when is bracketed:
                    draft.date, draft.date_evidence = bracketed.date, t
                    when = None
            if when is not None:
                draft.date, draft.date_evidence = when.date, t
                used.add((sent.index, when.start))
                revised = (_revision(draft, t, spans, info.published)
                           or _plan_replaced(draft, t, when, spans, info.published))
                draft.revised = bool(revised)
                for moved in revised:  # the new and the old date: no event of their own
                    used.add((sent.index, moved.start))
                if (not revised and REVISION.search(t)
                        and OLD_CUE.search(t[max(0, when.start - 40):when.start])):
                    # "have delayed their debut LP, X, indefinitely; it was set to arrive on
                    # February 24": the plan it had, never its date
                    draft.previous, draft.date, draft.date_evidence = when.date, None, None
                if draft.previous is None and reissue(t, span, when):
                    draft.edition = "reissue"
                    later = _edition_day(t, when, usable)
                    if later is not None:
                        # "the deluxe edition of X, which came out in March, lands on October
                        # 8": March is the record's, October 8 the new edition's
                        sentence_drafts.append(Draft(title, kind, t, artist, when.date, t,
                                                     grp=draft.grp, evidence_quoted=span.quoted))
                        draft.date = later.date
                        used.add((sent.index, later.start))
            if span.kind == "music_video" and draft.date is not None and draft.previous is None:
                # "The video for "Copper Wire" arrives Friday": the video's day, not the song's
                video_days[title] = (draft.date, t)
                draft.date, draft.date_evidence = None, None
            first = original_year(t, span, info.published)
            if first is not None and draft.date is None:
                draft.date, draft.date_evidence = first, t
            elif first is not None and draft.edition:
                sentence_drafts.append(Draft(title, kind, t, artist, first, t, grp=draft.grp,
                                             evidence_quoted=span.quoted))
            sentence_drafts.append(draft)
        free = [s for s in spans if (sent.index, s.start) not in used]
        if not found and (it := pronoun_date(t, free, previous)) is not None:
            sentence_drafts.append(it[0])  # "It arrived on Friday"
            used.add((sent.index, it[1].start))
        elif not any(d.date for d in sentence_drafts):
            # "the project" two paragraphs on is not a title named there: the current
            # paragraph's titles or the one before's (an "Old date:" line counts as its own),
            # or those of the last paragraph that named one when those between named none (a
            # quote or a caption between: "… is now due March 3. / "We couldn't wait," she
            # said. / The record had originally been set for March 10.")
            titled = max((p for p in seen_in.values() if p < sent.paragraph), default=-1)
            near = [d for d in recent if sent.paragraph - seen_in.get(id(d), sent.paragraph) <= 1
                    or (seen_in.get(id(d)) == titled and sent.paragraph - titled <= 3)]
            sentence_drafts.extend(_anaphora(t, free, near, used, sent.index, sentence_drafts))
        today_new = _untitled_new_today(t, spans, found)
        if today_new is not None:
            new_today = (sent.index, today_new)
        elif new_today is not None and sent.index - new_today[0] <= 3:
            # "Today, he's got another new song … Ana Vale co-produced the new single
            # "Glass Ferry"": the song of today's news, named a few sentences on
            for draft in sentence_drafts:
                if draft.group() == "song" and draft.date is None and draft.previous is None \
                        and _THE_NEW_SONG.search(t, 0, t.find(draft.title)):
                    draft.date, draft.date_evidence = new_today[1], t
                    new_today = None
                    break
        sentence_drafts.extend(_title_track_album(t, sentence_drafts))
        sentence_drafts.extend(_with_its_track(t, sentence_drafts, recent))
        for video in _videos(t, found, recent, videos):
            if video.grp == "music_video" and video.title in video_days:
                video.date, video.date_evidence = video_days[video.title]
            sentence_drafts.append(video)
        if not found and "join" in t:
            sentence_drafts.extend(_guest_on_it(t, recent, acts))
        drafts.extend(sentence_drafts)
        recent.extend(d for d in sentence_drafts if d not in recent)
        seen_in.update((id(d), sent.paragraph) for d in sentence_drafts)
        previous = sentence_drafts
    return drafts, used


# "Harbour Lights topped the chart in November, will play …": what the title itself did is
# past, whatever its sentence says ahead
PAST_AFTER = re.compile(r"[\"”’']?,?\s+(?:has\s+|had\s+|also\s+)?(?:topped|debuted|reached|spent|"
                        r"sold|went|hit|came out|was released|peaked|climbed|entered|won)\b")


# "who released their fourth album Afterglow last year, said they will …": the verb of the
# title's own clause says it is out, whatever future follows
PAST_BEFORE = re.compile(r"(?<!\bbe )\b(?:released|dropped|put out|issued|unveiled)\s+"
                         r"(?:[\w'’-]+\s+){0,4}[\"“‘']?$", re.I)


# A date whose own clause says the record came out then: the original's, not a new edition's
CAME_OUT_BEFORE = re.compile(r"\b(?:came out|was released|first released|originally released|"
                             r"first came out|was first issued)\s+(?:\w+\s+){0,2}$", re.I)


def _edition_day(text: str, when: DateSpan, usable: list[DateSpan]) -> DateSpan | None:
    """A new edition's own day, when the date picked for it is the record's first release
    ("…, which came out in March, lands on October 8"): the next release-like date after it."""
    if not CAME_OUT_BEFORE.search(text, max(0, when.start - 40), when.start):
        return None
    return next((s for s in usable if s.start > when.end), None)


def _released_before(text: str, start: int) -> bool:
    """The title at `start` is the object of a past release verb right before it (and no
    future word stands between them: "released a teaser for her upcoming album X")."""
    m = PAST_BEFORE.search(text, max(0, start - 50), start)
    return m is not None and not FUTURE.search(text, m.start(), start)


def respectively(text: str, titles: list[TitleSpan], dates: list[DateSpan]
                 ) -> dict[int, DateSpan]:
    """"the singles "A" and "B", released in March and April respectively": each title's date,
    in order (keyed by the title's start); empty when the counts do not pair up."""
    word = re.search(r"\brespectively\b", text)
    listed = [d for d in dates if word and d.end <= word.start()]
    if len(listed) < 2:
        return {}
    before = [t for t in titles if t.end <= listed[0].start]
    if len(before) < len(listed):
        return {}
    return {t.start: d for t, d in zip(before[-len(listed):], listed, strict=True)}


# "Today, he's got another new song", "Today she shared a brand new single": news of a song
# the sentence does not name
_NEW_SONG_TODAY = re.compile(r"\b(?:a|another)\s+(?:brand[- ])?new\s+(?:song|single|track)\b")
# "the new single "Glass Ferry"": the song the article announced, named
_THE_NEW_SONG = re.compile(r"\b(?i:the)\s+new\s+(?:song|single|track),?\s*[“\"‘']?$")


def _untitled_new_today(text: str, spans: list[DateSpan],
                        found: list[TitleSpan]) -> PartialDate | None:
    """The day of a new song a sentence announces for today without naming it."""
    if "new" not in text or any(f.kind in ("song", "single", "music_video") for f in found):
        return None  # (an album the sentence names beside it is another record)
    today = next((s for s in spans if s.relative and s.text.casefold() == "today"), None)
    if today is None or _NEW_SONG_TODAY.search(text) is None:
        return None
    return today.date


# "which came out as a pre-release single": a title track said to be out already
_OUT_ALREADY = re.compile(r"\b(?:released|came out|dropped|arrived|out now|already)\b")


def _record_to_come(text: str, span: TitleSpan, drafts: list[Draft],
                    published: datetime.date | None, anchor: int | None) -> Draft | None:
    """The upcoming record whose title track the span names ("Leader Yuna co-wrote the title
    track "Starfall""): the title track of a record still to come is still to come."""
    if (not TITLE_TRACK.search(text, max(0, span.start - 30), span.start)
            or _OUT_ALREADY.search(text)):
        return None
    albums = [d for d in drafts if d.group() == "album"]
    # the record of the same name, else the one named last
    album = next((d for d in albums if d.title.casefold() == span.title.casefold()),
                 albums[-1] if albums else None)
    if album is None or status(album, published, anchor) != "upcoming":
        return None
    return album


# "the mini album and its title track "Midnight Chase" will be released on September 27"
_AND_ITS_TRACK = re.compile(r"\b(?:the|their|her|his)\s+(?:new\s+)?(?:mini[- ])?(?:album|EP|record)"
                            r"\s+and\s+its\s+(?:title|lead|focus)\s+(?:track|single)\b", re.I)


def _with_its_track(text: str, own: list[Draft], recent: list[Draft]) -> list[Draft]:
    """The record a sentence speaks of with its title track, dated with the track: the one
    the article named last (the track's day is the record's)."""
    m = _AND_ITS_TRACK.search(text)
    track = next((d for d in own if d.date is not None and d.group() == "song"
                  and d.evidence == text and text.find(d.title) > (m.end() if m else 0)), None)
    album = next((d for d in reversed(recent) if d.group() == "album"), None)
    if m is None or track is None or album is None or any(d.title == album.title for d in own):
        return []
    return [Draft(album.title, album.kind, text, album.artist, track.date, text, None,
                  track.future, grp=album.grp)]


def _title_track_album(text: str, drafts: list[Draft]) -> list[Draft]:
    """""Ash Garden," the title track from his album, out September 6": the album is called
    Ash Garden too, and the date is the album's."""
    m = ALBUM_OF.search(text) if TITLE_TRACK_WORDS(text) else None
    song = next((d for d in drafts if d.group() == "song"), None)
    if m is None or song is None:
        return []
    kind: ReleaseKind = "ep" if m.group(1).casefold() == "ep" else "album"
    album = Draft(song.title, kind, text, song.artist, song.date, song.date_evidence,
                  future=song.future, grp="album")
    song.date, song.date_evidence = None, None
    song.kind = "single"  # a title track put out ahead of its album
    return [album]


def _videos(text: str, found: list[TitleSpan], recent: list[Draft],
            videos: list[str]) -> list[Draft]:
    """The title track of an EP or album, and a music video once its director is named."""
    out: list[Draft] = []
    videos.extend(t.title for t in found
                  if VIDEO.search(text[max(0, t.start - 45):t.end + 20]))
    albums = [d for d in recent if d.group() == "album"]
    # ("the title track "Midnight Run"": a title track with a name of its own is not the album's)
    named = any(TITLE_TRACK.search(text, max(0, t.start - 25), t.start) for t in found)
    if (TITLE_TRACK_WORDS(text) and TITLE_TRACK.search(text) and albums and SHARED.search(text)
            and not named):
        owner = albums[-1]
        out.append(Draft(owner.title, "single", text, owner.artist, grp="song"))
        if VIDEO.search(text):
            videos.append(owner.title)
    songs = [d.title for d in recent if d.group() == "song"]
    if DIRECTED_WORDS(text) and DIRECTED.search(text) and VIDEO.search(text) and (videos or songs):
        # ("dropped the single "Back Home" on Wednesday, alongside a video directed by X": the
        # sentence's own song, before any song or video of the sentences before)
        own = [t.title for t in found if t.kind in ("single", "song", "other")]
        title = next((t.title for t in found if t.title in videos),
                     own[-1] if own else videos[-1] if videos else songs[-1])
        artist = next((d.artist for d in recent if d.title == title), None)
        out.append(Draft(title, "music_video", text, artist, grp="music_video"))
    return out


# "Carrie Vale confirmed that she's the one joining the Georgia native on the song": a guest
# on the song the article is about
GUEST_ON = re.compile(rf"({NAME})\s+(?:[\w'’]+\s+){{0,6}}?(?:joins|joined|joining|will join)\s+"
                      r"(?:[\w'’-]+\s+){1,4}?on\s+(?:the|this|that)\s+(?:new\s+)?(?:song|track|"
                      r"duet|single|tune|collaboration)\b")


def _guest_on_it(text: str, recent: list[Draft], acts: list[str]) -> list[Draft]:
    """The song of the sentences before, with the act this one says joins it as a guest."""
    m = GUEST_ON.search(text)
    songs = [d for d in recent if d.group() == "song" and d.kind != "music_video"]
    if m is None or not songs:
        return []
    guest = next((a for a in acts if a == m.group(1) or m.group(1).endswith(" " + a)), None)
    song = songs[-1]
    if guest is None or guest == song.artist:
        return []
    return [Draft(song.title, song.kind, text, song.artist, grp=song.group(),
                  featuring=(guest,), guest_evidence=((guest, text),))]


NEW_CUE = re.compile(r"\b(?:to|until|till|into)\s+$", re.I)
TO_GAP = re.compile(r"\s+(?:to|until|till)\s+", re.I)
FROM_CUE = re.compile(r"\bfrom\s+(?:its\s+|the\s+)?$", re.I)


def _ahead(span: DateSpan, published: datetime.date | None) -> PartialDate:
    """A moved release's new day, whose year was not written, is still to come: "has moved
    the album up to November 17" of October 30 is this November 17, not last year's."""
    d = span.date
    if (span.inferred and published is not None and d.precision == "day"
            and d.first_day() < published):
        try:
            return PartialDate(d.year + 1, d.month, d.day)
        except ValueError:  # 29 February: no such day next year, the date as read
            return d
    return d


# "which was due in January, will arrive on December 4 instead": a plan, then what replaces it
_PLAN_THEN = re.compile(r"[^.;]{0,40}?\b(?:will|now|instead)\b[^.;]{0,30}?")


def _plan_replaced(draft: Draft, text: str, when: DateSpan, spans: list[DateSpan],
                   published: datetime.date | None) -> list[DateSpan]:
    """The date a release was due (`when`, after "was due in", "originally set for") replaced
    by the one the same clause says it will now have: the new date the draft's, the plan its
    previous_date (the spans of both are returned)."""
    if not OLD_CUE.search(text, max(0, when.start - 40), when.start):
        return []
    new = next((s for s in spans if s.start > when.end
                and _PLAN_THEN.fullmatch(text, when.end, s.start)), None)
    if new is None:
        return []
    draft.date = _ahead(new, published)
    draft.previous = _near(when, draft.date)
    return [new, when]


def _revision(draft: Draft, text: str, spans: list[DateSpan],
              published: datetime.date | None = None) -> list[DateSpan]:
    """"pushed back to X", "moved up from Y": the new date is the draft's, the old one goes to
    previous_date (the spans of both are returned)."""
    verb = REVISION.search(text)
    if not verb:
        return []
    after = [s for s in spans if 0 <= s.start - verb.end() < 40]
    # "pushed back her third album, Paper Moons, from October 1 to October 22": the new date
    # follows the old one's "to", however far the verb's object ran
    # (the same "from … to …" pair further on: "bumped up the release of his album X by two
    # weeks, from November 14 to Halloween")
    after += [s for prev, s in pairwise(spans)
              if (prev in after or 0 <= prev.start - verb.end() < 90) and s not in after
              and FROM_CUE.search(
                  text, max(0, prev.start - 8), prev.start)
              and TO_GAP.fullmatch(text, prev.end, s.start)]
    # "pushed back from January 16 to February 6": the date after "to" is the new one
    new = next((s for s in after if NEW_CUE.search(text, max(0, s.start - 8), s.start)),
               None) or next((s for s in after if not FROM_CUE.search(
                   text, max(0, s.start - 8), s.start)), None)
    if new is None:
        return []
    others = [s for s in spans if s is not new]
    old = next((s for s in others if OLD_CUE.search(text[max(0, s.start - 40):s.start])),
               None) or next((s for s in others if s.end <= verb.start()), None) or next(
        (s for s in others if FROM_CUE.search(text, max(0, s.start - 8), s.start)), None)
    draft.date = _ahead(new, published)
    draft.previous = _near(old, draft.date) if old else None
    return [new, old] if old else [new]


def _near(old: DateSpan, new: PartialDate) -> PartialDate:
    """The date a release moved from, whose year was not written, in the year that puts it
    nearest the new one ("moved up to November 17 from November 24")."""
    d = old.date
    if not old.inferred or d.month is None or new.month is None:
        return d
    def gap(year: int) -> int:
        return abs((year - new.year) * 12 + (d.month or 0) - (new.month or 0))
    try:
        return replace(d, year=min((new.year - 1, new.year, new.year + 1), key=gap))
    except ValueError:  # 29 February outside a leap year: the date as read
        return d


# "The track, released last month via Violet Hour," opening a sentence: an aside of "the track"
_ANAPHOR_ASIDE = re.compile(r"(?:The|This|That|Its|Their|His|Her)\s+(?:new\s+|latest\s+)?"
                            r"(?:track|song|single|tune|album|record|LP|EP|project),\s+"
                            r"(?:which\s+(?:was\s+)?|first\s+)?(?:released|out|issued|dropped)\b"
                            r"[^,;.]{0,80},")
_DELAYED_AFTER = re.compile(r"[\"”’']?,?\s+(?:has|have)\s+been\s+(?:postponed|delayed|pushed back|"
                            r"shelved)\b")
# "A video for the track", "the clip to the song": the song named is the video's
_VIDEO_OF = re.compile(r"\b(?:video|visuals?|clip|visualizer)\s+(?:for|to|of)\s+$", re.I)


def _anaphora(text: str, spans: list[DateSpan], recent: list[Draft],
              used: set[tuple[int, int]], index: int, own: list[Draft]) -> list[Draft]:
    """"The song premiered on June 10": a date for the title the article is talking about, or
    the one its own sentence names ("X first played "Y" live, a year before the song was
    released on May 5")."""
    if not spans or not (recent or own) or not (RELEASE_CUE.search(text) or any(
            OLD_CUE.search(text, max(0, s.start - 40), s.start) for s in spans)):
        return []  # (a plan needs no release word: "The record had originally been set for
        # March 10" is the old date of the record the article is about)
    old: PartialDate | None = None
    for pattern, group in ANAPHORA:
        m = pattern.search(text)
        if not m:
            continue
        albumish = group in ("album", "edition")
        # (only a title named before it: "The single, released on April 19, fended off X's
        # "Y"" speaks of the record the article is about, not of Y)
        mine = [d for d in own if (d.group() == "album") == albumish
                and 0 <= text.find(d.title) < m.start()]
        # (a record of no kind said, "Kai Dorne's "Glass Heart" is coming sooner", may be
        # what "the album" of the next sentence means)
        pool = mine[-1:] or [d for d in recent if (d.group() == "album") == albumish] or [
            d for d in recent if d.kind == "other" and albumish][-1:]
        if group == "song":
            pool = [d for d in pool if d.kind != "music_video"] or pool
        if group == "release":
            pool = [d for d in recent if d.future and d.kind != "music_video"
                    ][-1:] if REVISION.search(text) else []
        if not pool:
            continue
        # "(News that X's album was also delayed ...)": an aside is not what "the album" means
        pool = [d for d in pool if not d.evidence.startswith("(")] or pool
        counts = {d.title: sum(1 for r in recent if r.title == d.title) for d in pool}
        # (a new edition is of the record the article keeps naming, not the last one named)
        target = pool[-1] if group == "album" else max(pool, key=lambda d: counts[d.title])
        for span in spans:
            near = min(abs(span.start - a.start()) for a in pattern.finditer(text)) <= 90
            # ("was originally scheduled to drop on": the cue may stand further back)
            earlier = text[max(0, span.start - 50):span.start]
            if near and (OLD_CUE.search(earlier + " ") or re.search(
                    r"\boriginally\b(?!\s+(?:came|released|issued|appeared|arrived|dropped)\b)",
                    earlier)):
                # "was originally scheduled for October 20 but will now be released on
                # November 3": the old date, and the new one read on (also after "announced
                # that the set, previously slated for Nov. 25, …": a plan, not the day it was said)
                used.add((index, span.start))
                old = old or span.date
                continue
            before = text[max(0, span.start - 30):span.start]
            if STATEMENT.search(before) or not near:
                continue  # far from every "the song" of the sentence
            if not_release(text, span):
                continue  # "will play it at the Arena on February 2, a week after the song drops"
            if span.relative and "week" in span.text.casefold():
                continue
            used.add((index, span.start))
            future = target.future or FUTURE.search(text) is not None  # "will be released"
            if group == "song" and _VIDEO_OF.search(text, max(0, m.start() - 25), m.start()):
                # "A video for the track premiered on October 2": the video's day, not the song's
                return [Draft(target.title, "music_video", text, target.artist, span.date, text,
                              None, future, grp="music_video")]
            return [Draft(target.title, target.kind, text, target.artist, span.date, text,
                          old, future, grp=target.group(),
                          edition="reissue" if group == "edition" else None,
                          revised=REVISION.search(text) is not None)]
        if old is not None:
            return [Draft(target.title, target.kind, text, target.artist, None, None,
                          old, target.future, grp=target.group())]
    return []
