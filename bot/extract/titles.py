"""Release titles in a sentence, quoted in any style or plain after a noun, with their kind."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.gates import any_of
from bot.extract.model import ReleaseKind
from bot.extract.names import plausible

QUOTE_MARKS = re.compile("[\"'‘’“”«»„‹›]")
# Double quotes pair any opening with any closing mark: articles mix “...", "...” and "...";
# European pages write «...», „...“ and ‹...›.
DOUBLE = re.compile(r"[“\"]([^“”\"\n]{1,150}?)[”\"]|«\s?([^«»\n]{1,150}?)\s?»|"
                    r"„([^„“”\"\n]{1,150}?)[“”]|‹([^‹›\n]{1,150}?)›")
# A single quote opens after a space and closes before a non-letter; an apostrophe followed
# by a letter ("Ain't") stays inside, so "Dario's 'Late in June'" works.
SINGLE = re.compile(r"(?<![\w])[‘']((?:[^‘’'\n]|['’](?=\w)){1,150}?)[’'](?!\w)")

# *_LEAD: the letters a list's words start with; a lookahead for one of them lets re try the
# words only where one may start (tests/test_extract_gates.py checks each list covers them).
ALBUM_LEAD = "acdefilmnrs"
SONG_LEAD = "abcdhjlnoprstu"
CONTEXT_LEAD = "acfghstv"
# "her sophomore set Harbor Lights": a set that is an album (never "their second set")
SET = r"(?:sophomore|debut|studio|new|latest|comeback) set"
NOUNS: list[tuple[re.Pattern[str], ReleaseKind | str]] = [
    (re.compile(r"\b(?:music videos?|videos?|visuals?|MV|clip)\b", re.I), "music_video"),
    (re.compile(r"\b(?:EPs?|extended play)\b"), "ep"),
    (re.compile(rf"\b(?=[{ALBUM_LEAD}])"
                r"(?:albums?|LPs?|full-length|mixtapes?|(?-i:records?)|compilation|debut|"
                r"effort|collection|soundtrack|" + SET + r")\b", re.I), "album"),
    (re.compile(r"\b(?:singles?|lead single|(?:first|latest|new|another|second) taste)\b",
                re.I), "single"),
    (re.compile(rf"\b(?=[{SONG_LEAD}])"
                r"(?:songs?|B-sides?|tracks?|tunes?|ballads?|anthems?|"
                # (""Salt Air," hit radio last week": the verb, not the noun)
                r"hits?(?!\s+(?:radio|airwaves|stores|shelves|streaming|No\.|number\s+\d|"
                r"the\s+(?:charts?|airwaves|road|stage)))|cut|number|collab(?:oration)?|"
                r"duets?|remix(?:es)?|covers?|preview|jam|banger|smash|hitmaker|singer|rapper|offering|"
                r"co-penned|co-written|co-wrote|performing|performed|sang|sings|teamed up for|"
                r"on repeat|played|plays|playing|dropped|drops|released|releases|unveiled|unveils|"
                r"premiered|premieres|debuted|debuts|dropping|releasing|premiering|arriving|"
                r"listen to|stream|streaming|hear)\b",
                re.I), "song"),
    (re.compile(r"\bproject\b", re.I), "other"),
]
# (a record's title track is the single it is led by)
NEW = re.compile(r"\b(?:new|newest|latest|upcoming|forthcoming|first|lead|debut|next|brand[- ]new|"
                 r"title track)"
                 r"\b[\w\s-]{0,20}$", re.I)
SMALL = frozenset([
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with", "my", "me", "you", "your", "it", "is", "its", "i", "we", "our", "us", "be", "de", "la",
    "le", "el", "y", "n'", "o'", "vs", "&", "+"
])
DANGLING = SMALL - frozenset(["me", "you", "it", "us", "i", "we", "y"])
NUMBER_WORD = re.compile(r"\d+(?:st|nd|rd|th)?")
MONTH_OR_DAY = re.compile(
    r"^(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Mon(?:day)?|Tue(?:s(?:day)?)?|"
    r"Wed(?:nesday)?|Thu(?:rs(?:day)?)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?|Today|Tomorrow|"
    r"This|Next|Last)\b")
TOKEN = re.compile(r"[^\s,;()\[\]“”\"]+")
PLAIN_AFTER = re.compile(
    r"\b(?:(?:album|EP|LP|mixtape|full-length|record|single|song|track|collection|project|effort|"
    # ("their 2019 debut Paper Coastline": a year's debut is a record)
    r"compilation|{SET})(?:,|:)?|debut,|(?<=\d\d\d\d )debut|follow-up,)\s+(?=[A-Z0-9])"
    .replace("{SET}", SET))
# What PLAIN_AFTER cannot match without (a pattern that fails at every word costs more)
PLAIN_NOUN = any_of(("album", "EP", "LP", "mixtape", "full-length", "record", "single", "song",
                     "debut,", " debut ", "follow-up,", " set ",
                     "track", "collection", "project", "effort", "compilation"))
# "..., SIGNAL 2031, will drop Oct. 18": a capitalised appositive followed by a release verb.
# "their 2021 debut EP arrived": a release noun is no title
NOUN_WORD = re.compile(r"(?:EP|LP|Album|Single|Mixtape|Record)s?\b")
APPOSITIVE = re.compile(
    r",[\"”’']?\s+([A-Z0-9][^,]{1,60}?),\s+(?=(?:will (?:drop|arrive|be out|be released)|drops|"
    r"arrives|is out|out (?:on|now))\b)")
DAY_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?$")
# "Isn't It Sunday by Rosa Lind": a capitalised run, then "by" and a name.
TITLE_BY = re.compile(r"((?:[A-Z0-9][\w'’!?-]*\s+){2,7})by\s+[A-Z][\w'’-]+\s+[A-Z]")
# "features on Mara Quill's Night Ferry and ...", "the deluxe edition of Mara Quill's Glass
# Weather, which": a possessive act, then a capitalised run.
POSSESSIVE_TITLE = re.compile(
    r"\b(?:on|from|off|(?:edition|reissue|version|anniversary|release)\s+of)\s+"
    r"(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*['’]s\s+"
    r"((?:[A-Z0-9][\w'’-]*\s+){0,4}[A-Z0-9][\w'’-]*)(?=\s+and\b|,|\.|\s+album|\s+record)")
# "follows 2021's Ghost Radio": a year's release, the year its date; "2011's 4
# million-selling Paper Coast ...": a figure or an acclaim between them describes the
# record (the title runs on through its small words, as plain titles do)
YEAR_TITLE = re.compile(r"\b(?:19|20)\d\d['’]s\s+(?:(?:[\d.,]+\s+)?(?:\w+ly\s+)?(?:[\w-]+-)?"
                        r"(?:selling|winning|nominated|platinum|acclaimed|charting|topping)\s+)?"
                        r"((?:[A-Z0-9][\w'’-]*\s+){0,4}[A-Z0-9][\w'’-]*)")
# Plain titles by what the words before them say: "the 20th anniversary of Ash Garden",
# "awaiting the release of Ash Garden", "tracks on Ash Garden", "features on Ash Garden".
CONTEXTS = [
    re.compile(r"\b(?i:anniversary)\s+(?:edition\s+|reissue\s+)?of\s+(?=[A-Z0-9])"),
    # ("the release of Kai Dorne's Glass Heart": the act's name is no part of the title)
    re.compile(r"\b(?i:the)\s+release\s+of\s+(?:(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*['’]s\s+)?"
               r"(?=[A-Z0-9])"),
    # ("guest spots from Mara Quill": a guest's "from" names who, not the record)
    re.compile(rf"\b(?=(?i:[{CONTEXT_LEAD}]))"
               r"(?i:(?:tracks?|songs?|cuts?|highlights?)\s+(?:on|from|off)|"
               r"(?:features?|guest spots?|verses?|appearances?)\s+(?:on|off))\s+(?=[A-Z0-9])"),
    # "The deluxe edition of Tidewater, out March 15": a new edition names its record
    re.compile(r"\b(?i:deluxe|expanded|remastered|special|legacy|collector['’]s|reissued|vinyl)"
               r"\s+(?i:edition|reissue|version|box set)\s+of\s+(?=[A-Z0-9])"),
]
CONTEXT_WORDS = ("anniversary", "releas", "track", "song", "feature", "cut", "guest", "verse",
                 "highlight", "appearance", "drop", "share", "unveil", "put out", "puts out",
                 "return", "back with", "edition", "reissue", "version", "box set")
CONTEXT_GATE = any_of(CONTEXT_WORDS)
# What each of CONTEXTS cannot match without, with the same case rule: a search for a word
# is cheaper than a pattern tried at every word. (Not for the third: a search for its nouns
# ignoring case costs more than the pattern.)
CONTEXT_NEEDS = [re.compile("anniversary", re.I), re.compile("release"), None,
                 re.compile(r"edition|reissue|version|box set", re.I)]
RELEASED_AS_NEEDS = any_of(("releas", "drop", "share", "unveil", "put out", "puts out",
                            "return", "back with", "announc"))
# "he'll release Ash Garden, his second album": a release verb, the title, then its noun
RELEASED_AS = re.compile(r"\b(?:release|releases|released|releasing|drop|drops|dropped|share|"
                         r"shares|shared|unveil|unveils|unveiled|put out|puts out|"
                         r"announce|announces|announced|"
                         # ("has set a May 3 release date for Ash Garden, her new album")
                         r"release date for|"
                         r"(?:return|returns|returned|returning|are back|is back) with)"
                         r"\s+(?=[A-Z0-9])")
AS_NOUN = re.compile(r"\s*,\s+(?:his|her|their|the|a|an|its)\s+(?:[\w-]+\s+){0,3}?"
                     r"(album|EP|single|record|LP|mixtape|song|follow-up|full-length)\b(?!['’])")
# "Low Tide, the new album from Mara Quill, arrives January 30": a title opening the sentence,
# its release noun, then what the release does
LEAD_AS_NOUN = re.compile(AS_NOUN.pattern + r"[^,]{0,60},\s+(?:(?:is|will|has|was)\s+(?:\w+\s+)?)?"
                          r"(?:arriv\w*|out|due|drops?|lands?|comes out|released|set|slated|"
                          r"available|hits)\b")
# "Kai Dorne will now release Glass Heart on November 24": what is released on a day
RELEASE_ON_NEEDS = any_of(("release ", "drop ", "put out "))
RELEASE_ON = re.compile(r"\b(?:will|to|['’]ll)\s+(?:now\s+|finally\s+|officially\s+)?"
                        r"(?:release|drop|put out)\s+(?=[A-Z0-9])")
RELEASE_ON_FOLLOW = re.compile(r"\s+(?:on\s+(?:[A-Z][a-z]|\d)|this\s+[A-Za-z]|next\s+[a-z]|"
                               r"in\s+(?:[A-Z][a-z]|\d{4}))")
# "have delayed Quiet Engines indefinitely", "pushed back Glass Weather to May 3": what a
# delay moves is a record, when the words after it say how far
DELAYED_NEEDS = any_of(("delayed", "postponed", "pushed back", "shelved"))
DELAYED = re.compile(r"\b(?:delayed|postponed|pushed back|shelved)\s+(?=[A-Z0-9])")
DELAYED_FOLLOW = re.compile(r"\s+(?:indefinitely|again|until|till|to|from|by (?:a|two|three|one)"
                            r")\b")
# "Ahead of the album, LUMA will drop …": a phrase set before the sentence's subject, whose
# comma is no apposition (`FRONTED_NOUN` matches from the sentence's start)
FRONTED_PHRASE = (r"(?i:ahead of|after|before|following|besides|beyond|like|unlike|with|for|on|"
                  r"alongside)\s+(?:the|this|that|its|their|her|his)\s+(?:[\w-]+\s+)?"
                  r"(?:album|EP|LP|single|mixtape|record|song|track)s?,\s*$")
FRONTED_NOUN = re.compile(FRONTED_PHRASE)
# "land their first Top 10 album with Quiet Rooms at Number 6": a chart entry, named by its
# place
CHART_WITH_NEEDS = any_of((" at number", " at no.", " at #"))
CHART_WITH = re.compile(r"\b(album|single|hit|entry|record|LP|EP)s?\s+with\s+(?=[A-Z0-9])")
# "Rapper Kofi Blaze debuts at No. 2 with Street Psalms": the record that holds the place
CHART_AT_WITH = re.compile(r"\b(?:at|to)\s+(?:No\.|Number|#)\s*\d+\b[^.;,]{0,40}?\bwith\s+"
                           r"(?=[A-Z0-9])")
CHART_PLACE = re.compile(r"\s+(?:at|to)\s+(?:No\.|Number|#)\s*\d")
APPOSED_END = re.compile(r"\s*,()")  # the title closes its appositive (no noun after it)
# "The new record from Mara Quill, Low Tide, lands on January 22nd"
NOUN_FROM = re.compile(r"\b(?:album|EP|LP|record|single|song|track|mixtape|full-length)\s+"
                       r"(?:from|by)\s+(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*,\s+(?=[A-Z0-9])")
# "Rosa Lind's Ash Garden will be reissued": an act's title, then what happens to it
OWNED = re.compile(r"\b[A-Z][\w.-]*['’]s?\s+(?=[A-Z0-9])")
WHOSE = re.compile(r"\bwhose\s+(?=[A-Z0-9])")
SINGLES_CHART = re.compile(r"\bsingles\s+chart", re.I)
OWNED_NEEDS = re.compile(r"['’]s?\s+[A-Z0-9]")  # what OWNED_BY cannot match without
OWNED_BY = re.compile(r"\b((?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*)['’]s?\s+(?=[A-Z0-9])")
LIST_GAP = re.compile(r"\s*(?:,|,?\s+and)\s*")
OWNED_VERB = re.compile(r"(?:,\s+which\s+(?:had\s+been|was|has\s+been)\s+(?:originally\s+)?"
                        # "Kai Dorne's Saltwater, which had been due October 14, has been …"
                        r"(?:due|set|slated|scheduled|planned)\b|"
                        r"\s+(?:(?:will be|is|was|has been|had been|were|are|also)\s+)*"
                        r"(?:(?:falls|climbs|rises|jumps|slips|dips|debuts|re-enters|holds)\s+"
                        r"(?:\d|at\b|to\b|steady)|"  # chart moves: "X's Y falls 1-3"
                        # "X's Y spends a third week at …", "X's Y climbs two places"
                        r"(?:spends|spent)\s+(?:a|an|its|their|her|his)\s+(?:\w+\s+)?weeks?\b|"
                        r"(?:climbs|rises|jumps|falls|drops|slips|dips|leaps|soars|tumbles)\s+"
                        r"(?:\w+\s+){0,2}(?:places?|spots?|notches|positions)\b|"
                        r"reissued|released|re-released|remastered|out\b|arrives|arriving|"
                        r"drops|dropped|debuted|pushed back|delayed|postponed|turns \d+|"
                        # a move: "X's Y has a new release date", "… is coming sooner"
                        r"moved (?:up|back)|bumped up|now due|(?:has|gets) a new (?:release )?"
                        r"date|coming (?:sooner|earlier|later)|"
                        r"celebrates \w+ anniversary))")
CONJUNCTION = re.compile(r"\s+(?:as|while|when|after|before|since|because|but|until|though)\s+")
SELF_TITLED = re.compile(r"\bself-titled\s+(album|EP|debut|effort|record|LP)\b", re.I)


@dataclass(frozen=True)
class TitleSpan:
    title: str
    start: int
    end: int
    kind: str  # a ReleaseKind, or "song" (single when new, else other)
    quoted: bool


def clean(title: str) -> str:
    title = title.strip().strip(",.;:").strip()
    return title


def quotes(text: str) -> tuple[tuple[int, int, str], ...]:
    """Every quoted span (start, end, inner text); double quotes first, then single."""
    if not QUOTE_MARKS.search(text):
        return ()
    found: list[tuple[int, int, str]] = [
        (m.start(), m.end(), next(g for g in m.groups() if g is not None))
        for m in DOUBLE.finditer(text)]
    for m in SINGLE.finditer(text):
        # single quotes inside a long double-quoted speech are titles it names
        if not any(s <= m.start() < e and len(t.split()) <= 9 for s, e, t in found):
            found.append((m.start(), m.end(), m.group(1)))
    return tuple(sorted(found))


Spans = tuple[tuple[int, int, str], ...]
SPEECH_WORDS = 12  # a quote of more words is speech, never a title (titles have at most 9)


def mask(text: str, spans: Spans | None = None) -> str:
    """The text with quoted spans blanked, so a title such as "1989" is never read as a date;
    a quoted statement too long to be a title keeps its dates ("announced, "X will return with
    their mini album 'Y' on July 5 at 6 p.m. KST."": the titles inside it are blanked)."""
    if spans is None:
        spans = quotes(text)
    if not spans:
        return text
    chars = list(text)
    for start, end, inner in spans:
        if len(inner.split()) > SPEECH_WORDS:
            continue
        for i in range(start, end):
            chars[i] = "X"  # a capital, so "2020's "Satellites"" still reads as a year's title
    return "".join(chars)


def noun_kind(window: str, *, last: bool) -> tuple[str, int] | None:
    """The release noun in the window nearest the title, with its distance."""
    best: tuple[str, int] | None = None
    for pattern, kind in NOUNS:
        for m in pattern.finditer(window):
            dist = len(window) - m.end() if last else m.start()
            if best is None or dist < best[1]:
                best = (str(kind), dist)
    return best


RELEASE_OF = re.compile(r"\b(?:the|its|a)\s+(?:new\s+)?release\s+of\s+[“\"‘']?$", re.I)
RELEASE_VERB_BEFORE = re.compile(r"\b(?:releas(?:e|es|ed|ing)|drop(?:s|ped|ping)?|"
                                 r"put(?:s|ting)? out)\s+$", re.I)
OWNER_APPOSED = re.compile(r"(?:[”\"’']?,|(?<=,[”\"’']))\s+"
                           r"(?:(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*['’]s?|"
                           # (""Fold," the veteran band's first album in a decade, will now …")
                           r"(?:her|his|their|the\s+(?:[\w-]+\s+)?(?:band|group|singer|rapper|"
                           r"duo|trio|quartet|artist|star|songwriter)['’]s))\s+"
                           r"(?:[\w-]+\s+){0,2}(album|EP|LP|record|mixtape|single|song)\b")
OWNED_NOUNS = {"album": "album", "ep": "ep", "lp": "album", "record": "album",
               "mixtape": "album", "single": "single", "song": "song"}
COMEBACK_WITH = re.compile(r"\b(?:comeback|return(?:s|ed|ing)?)\s+with\s+[“\"‘']?$", re.I)


def kind_of(text: str, start: int, end: int) -> tuple[str, int] | None:
    window = AFTER_ONLY.sub(lambda m: " " * len(m.group(0)), text[max(0, start - 30):start])
    before = noun_kind(window, last=True)
    since = window[len(window) - before[1]:] if before else ""
    broken = BREAK.search(since) if before else None
    if before and before[0] in ("album", "ep") and HOLDS.match(since):
        before = ("song", before[1])  # "the album Paper Coast gave us "Tide Song"": its song
    elif broken:
        before = None  # "the video starts off during a 'Stressed and Sexy' seminar"
    if before and re.search(r"\b(?:from|off|on)\s+(?:the\s+)?$", window) and before[0] in (
            "single", "song"):
        before = ("album", before[1])  # "singles from "I'm the Riddle"": the album
    # ""X" follows the album's lead single": a noun owning something else is not the title's
    following = POSSESSED_NOUN.sub(lambda m: " " * len(m.group(0)), text[end:end + 25])
    after = noun_kind(following, last=False)
    apposed = APPOSED.match(following) is not None
    if after and after[0] == "song" and after[1] > 2 and not apposed:
        after = None  # "the 'Whoa!' hitmaker" and ""X," a song" are fine, a verb further on is not
    if after and apposed:
        return after  # ""Cold Harbor," the second single from …": said outright, whatever verb
        # came before ("is premiering")
    if before is None and after is None and (CHART_AFTER.search(text[end:end + 45])
                                             or OUT_AFTER.match(text, end)):
        after = ("song", 5)  # ""Paper Suns," which spent six weeks at No. 1", ""X" is out now"
    if before is None and after is None and (SCHEDULED_AFTER.match(text, end)
                                             or FIRST_OUT_AFTER.match(text, end)):
        after = ("other", 5)  # ""X" was originally scheduled for …", ""X" was first released"
    if before is None and after is None and COMEBACK_WITH.search(window):
        before = ("other", 1)  # "make their comeback with "Moon Chase"": a release, kind unsaid
    if before is None and after is None and RELEASE_OF.search(window):
        before = ("other", 1)  # "has moved the release of "Glass Heart" up": a release
    if before is None and after is None and (owned := OWNER_APPOSED.match(text, end)):
        # ""Glass Heart", Kai Dorne's fourth album, will now arrive": the act's record, said
        # in apposition
        after = (OWNED_NOUNS[owned.group(1).casefold()], 2)
    if before is None and after is None and RELEASE_VERB_BEFORE.search(window):
        before = ("song", 1)  # "the group will release "Candy Static" on May 15" (a song, as
        # a bare quote an act's clause names)
    options = [k for k in (before, after) if k is not None]
    return min(options, key=lambda k: k[1]) if options else None


# After "by" in a capitalised run, a name of two capitalised words or more (not "Stand by Me",
# "Stand by Your Man": a pronoun or a small word goes on with the title)
BY_ACT = re.compile(r"\s+(?!(?:Me|You|Your|My|Him|Her|Us|Our|The|A|An|It)\b)[A-Z][\w'’.-]*"
                    r"(?:\s+(?:and|&|the|of)){0,2}\s+[A-Z]")


def plain_title(text: str, start: int) -> str:
    """The capitalised run of words from `start` ("Home To Ky: LIVE", "Dance Halls and ...")."""
    words: list[str] = []
    pos = start
    for m in TOKEN.finditer(text, start):
        if m.start() != pos and text[pos:m.start()].strip():
            break  # a comma or bracket ends the title
        word = m.group(0)
        bare = word.rstrip(".!?:")
        if not bare:
            break
        if words and words[-1].casefold() in ("on", "in", "at", "since", "from", "by") and (
                MONTH_OR_DAY.match(bare) or bare[0].isdigit()):  # "Northern Lines in 2018"
            words.pop()
            break
        if words and words[-1].casefold() in ("to", "until", "till") and MONTH_OR_DAY.match(
                bare):  # "pushed back Glass Weather to May 3"
            words.pop()
            break
        if words and word == "by" and BY_ACT.match(text, m.end()):
            break  # "the song Northern Rain by Cole and the Harbour Lights": whose, not the title
        if bare[0].isupper() or bare[0].isdigit() or (words and bare.casefold() in SMALL):
            words.append(word)
            pos = m.end()
            if word != bare and not word.endswith(":"):
                break  # a full stop ends it
            if len(words) >= 10:
                break
            continue
        break
    # "Paper Coast for its 20th anniversary": a number after a function word, read on in
    # lower case, counts something of the title; it is not part of it
    if (len(words) >= 3 and NUMBER_WORD.fullmatch(words[-1])
            and words[-2].casefold() in SMALL and re.match(r" [a-z]", text[pos:pos + 2])):
        words.pop()
    # "Northern Lines in", "Songs of": a dangling function word is not part of the title; a
    # pronoun is ("The Captain and Me", "Stand by Me").
    while words and words[-1].rstrip(".:").casefold() in DANGLING:
        words.pop()
    return clean(" ".join(words))


# "the 'Harbourlight' singer" names a song; "the singer will hold "Happy Day"" does not
AFTER_ONLY = re.compile(r"\b(?:singer|rapper|hitmaker)\b", re.I)
CHART_AFTER = re.compile(r"\bNo\.\s?\d|\bchart(?:s|ed)?\b|\bHot 100\b|\bBillboard 200\b|"
                         r"\b(?:went|certified|double|triple) (?:gold|platinum)\b")
OUT_AFTER = re.compile(r"[,\s]*(?:(?:is|was|will be|has been)\s+)?(?:out now|out on|out|released|"
                       r"arrives|drops|dropped|premiered|premieres|comes out|came out|"
                       r"is available)\b", re.I)
# ""Halo Static" was first released on October 16, 2014": a release, kind unsaid
FIRST_OUT_AFTER = re.compile(r"[,\s]*(?:(?:was|were|had been)\s+)?(?:first|originally|initially)\s+"
                             r"(?:released|issued|came out|appeared|arrived)\b", re.I)
# ""Morning Shift" was originally scheduled for release on August 9": a release, kind unsaid
SCHEDULED_AFTER = re.compile(r"[,\s]*(?:is|was|were|had been|has been)\s+(?:(?:originally|"
                             r"initially|first|now|previously)\s+)?(?:scheduled|set|slated|"
                             r"due|planned)\s+(?:for\s+(?:(?:a|an|its)\s+)?(?:[\w-]+\s+)?"
                             r"release|to\s+(?:arrive|drop|be released|come out|release|land|"
                             r"hit\s+(?:stores|shelves)))\b", re.I)
ABBREV = re.compile(r"\b(?:feat|ft|vol|no|pt|mr|mrs|ms|dr|st|jr|sr|vs)\.", re.I)
APPOSED = re.compile(
    r"^[,\s]*(?:a|an|the|her|his|their)\s+(?:[\w-]+\s+){0,2}(?:song|track|ballad|single)\b")
POSSESSED_NOUN = re.compile(r"\b(?:album|record|EP|LP|single|song|track|mixtape)['’]s\b",
                            re.I)
# "the album Paper Coast gave us "Tide Song"", "the record that includes "X"": what a record
# holds is a song of it
HOLDS = re.compile(r"^\S*[\s,]*(?:(?:(?:(?-i:[A-Z0-9])[\w'’:-]*\s+)+|(?:that|which)\s+(?:also\s+)?)"
                   r"(?:features|featured|featuring)|(?:(?-i:[A-Z0-9])[\w'’:-]*\s+)*"
                   r"(?:(?:that|which)\s+(?:also\s+)?)?(?:gave us|gives us|spawned|yielded|"
                   r"includes|included|including|contains|contained|boasts|boasted))\b", re.I)
BREAK = re.compile(r"\b(?:starts?|started|begins?|began|during|while|when|where|which|that|who|"
                   r"because|after|before|if|calling|called it|said|says)\b", re.I)
ADJACENT = re.compile(r"\b(?:single|song|track|album|EP|LP|mixtape|video|record|title)\s*$", re.I)


def _adjacent_noun(before: str) -> bool:
    """Lower-case or comma-holding quotes are titles only right after their noun (single "x")."""
    return ADJACENT.search(before) is not None


# ""We wrote it on the road," the singer said": a quote closed by punctuation and followed (or
# preceded) by a speech verb is someone talking, however much it looks like a title.
SPEECH_AFTER = re.compile(
    r"\s*(?:[\w'’.-]+\s+){0,4}?(?:said|says|told|tells|added|adds|explained|explains|"
    r"recalled|recalls|continued|admitted|joked|laughed|noted|wrote|writes)\b", re.I)
SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told\s+\w+|added|adds|explained|explains|recalled|wrote|writes)\s*[,:]\s*$",
    re.I)


def _speech(inner: str, text: str, start: int, end: int) -> bool:
    if len(inner.split()) < 3:
        return False  # "'Glass Harbour,' she said, 'is about leaving'" still names a title
    closed = inner.rstrip().endswith((",", ".", "!", "?"))
    return bool((closed and SPEECH_AFTER.match(text, end))
                or SPEECH_BEFORE.search(text[max(0, start - 30):start]))


# "staples like "A," "B" and "C"", "hits such as: A, B and C": what opens a list of titles
LIST_INTRO = re.compile(r"\b(?:like|such as|including|include|includes|as)\s*:?\s*$|:\s*$", re.I)
AWARD = re.compile(r"^Best\b|\bof the Year$|\bAward", re.I)


def _quoted_lists(text: str, spans: Spans) -> set[int]:
    """The starts of quoted spans in a list of titles: three or more short capitalised quotes
    joined by commas and "and", or two after "like", "such as", "including" or a colon."""
    listed: set[int] = set()
    run: list[tuple[int, int, str]] = []

    def close() -> None:
        if not run:
            return
        shaped = all(_title_shaped(clean(inner)) for _, _, inner in run)
        intro = LIST_INTRO.search(text[max(0, run[0][0] - 20):run[0][0]]) is not None
        if shaped and (len(run) >= 3 or (len(run) == 2 and intro)):
            listed.update(start for start, _, _ in run)
        run.clear()

    for span in spans:
        gap = text[run[-1][1]:span[0]] if run else ""
        # "A," "B" and "C": American style puts the comma inside the quotes
        if run and not (LIST_GAP.fullmatch(gap) or re.fullmatch(r"\s*(?:&|or)\s*", gap)
                        or (run[-1][2].rstrip().endswith(",") and not gap.strip())):
            close()
        run.append(span)
    close()
    return listed


def _title_shaped(title: str) -> bool:
    words = title.split()
    capitalised = all(w[0].isupper() or w[0].isdigit() or w.casefold() in SMALL
                      for w in words if w[0].isalnum())
    return (bool(words) and len(words) <= 8 and (title[0].isupper() or title[0].isdigit())
            and capitalised and "," not in title and not AWARD.search(title)
            and not NOT_RELEASE.search(title)
            and not re.search(r"[.!?] \S", ABBREV.sub("", title)))


def find_titles(text: str, spans: Spans | None = None) -> list[TitleSpan]:
    found: list[TitleSpan] = []
    if spans is None:
        spans = quotes(text)
    previous: TitleSpan | None = None
    in_list = _quoted_lists(text, spans) if len(spans) >= 2 else set()
    for start, end, inner in spans:
        title = clean(inner)
        words = re.sub(r"\([^)]*\)", "", title).split()  # "(Bang Bang Boom Boom)" is a subtitle
        sentence_like = re.search(r"[.!?] \S", ABBREV.sub("", title))
        if not title or len(words) > 9 or sentence_like or _speech(inner, text, start, end):
            previous = None
            continue
        kind = kind_of(text, start, end)
        gap = text[previous.end:start] if previous else None
        # (a year in brackets after each: ""A" (2010) and "B" (2014)")
        listed = gap is not None and re.fullmatch(
            r"\s*(?:\(\s*(?:19|20)\d\d\s*\)\s*)?(?:,|and|,\s*and|&)\s*", gap)
        if kind is None and previous and listed:
            kind = (previous.kind, 0)  # "songs such as "A" and "B""
        if kind is None and re.search(r"['’]s\s*$", text[max(0, start - 3):start]):
            kind = ("song", 0)  # "Dario's 'Late in June'"
        if kind is None and start in in_list:
            kind = ("song", 0)  # "staples like "Let It Go," "Fly" and "Home""
        if kind is None:
            previous = None
            continue
        # Scare quotes and speech start in lower case; a title that does sits right by its noun.
        lower = not (title[0].isupper() or title[0].isdigit())
        if lower and re.match(r"(?:a|an)\s", title):
            previous = None
            continue  # "called her record "a turning point"": a description, not a title
        if lower and (re.search(r"[.!?]$", inner.strip()) or re.search(
                r"\b(?:said|says|called|calls|describ\w+)\b[^.]{0,30}$",
                text[max(0, start - 40):start])):
            previous = None
            continue  # "said the record "still feels like home."": someone talking of it
        if (lower or "," in title) and not _adjacent_noun(text[:start]):
            previous = None
            continue
        previous = TitleSpan(title, start, end, kind[0], True)
        found.append(previous)
    taken = [(s, e) for s, e, _ in spans]
    for m in PLAIN_AFTER.finditer(text) if PLAIN_NOUN.search(text) else ():
        if any(s <= m.end() < e for s, e in taken):
            continue
        title = plain_title(text, m.end())
        if not title or MONTH_OR_DAY.match(title) or len(title) < 2 or NOUN_WORD.match(title):
            continue
        follow = text[m.end() + len(title):m.end() + len(title) + 12]
        if text[m.start():m.end()].rstrip().endswith(",") and not re.match(
                r"\s*(?:[,.;:)]|$|\s+(?:out|on|via|which|is|was|will|drops|arrives))", follow):
            continue  # "from the song, Kestrel wrote": not an appositive title
        if FRONTED_NOUN.match(text, 0, m.end()):
            continue  # "Ahead of the album, LUMA will drop": the sentence's subject
        kind = noun_kind(text[m.start():m.end()], last=True)
        found.append(TitleSpan(title, m.end(), m.end() + len(title), kind[0] if kind else "other",
                               False))
    for m in APPOSITIVE.finditer(text):
        title = clean(m.group(1))
        if any(t.start <= m.start(1) < t.end for t in found) or any(
                s <= m.start(1) < e for s, e in taken):
            continue
        if title.split()[0].casefold() in SMALL or len(title.split()) > 8:
            continue
        if DAY_BEFORE.search(text, 0, m.start()) and re.fullmatch(r"\d{4}", title):
            continue  # "first released on June 2, 2021, arrives": a date's year, not a title
        kind = noun_kind(text[max(0, m.start() - 60):m.start()], last=True)
        found.append(TitleSpan(title, m.start(1), m.end(1), kind[0] if kind else "other", False))
    for m in TITLE_BY.finditer(text) if "by" in text else ():
        title = m.group(1).strip()
        if re.search(r"(?:ed|en)$", title) or any(t.start <= m.start(1) < t.end for t in found):
            continue
        if title.split()[0].casefold() in SMALL or not _inside_quote(spans, m.start()):
            continue
        found.append(TitleSpan(title, m.start(1), m.start(1) + len(title), "song", False))
    possessive = "'s" in text or "’s" in text  # YEAR_TITLE and POSSESSIVE_TITLE need one
    for m in YEAR_TITLE.finditer(text) if possessive else ():
        title = plain_title(text, m.start(1))
        if re.match(r"\s+(?:million|billion|thousand|times|copies|percent)\b",
                    text[m.start(1) + len(title):]):
            continue  # "2004's 9 million sales": a figure, not a title
        if (len(title) >= 1 and not any(t.start <= m.start(1) < t.end for t in found)
                and plausible(title)):
            found.append(TitleSpan(title, m.start(1), m.start(1) + len(title), "album", False))
    for m in POSSESSIVE_TITLE.finditer(text) if possessive else ():
        if any(t.start <= m.start(1) < t.end for t in found) or not plausible(m.group(1)):
            continue
        found.append(TitleSpan(m.group(1), m.start(1), m.end(1), "album", False))
    found.extend(_by_context(text, found, spans))
    # "Kid Orbit's EP Static Bloom arrives": the title is "Static Bloom", found after its noun
    found = [t for t in found if t.quoted or not any(
        u is not t and u.end == t.end and u.start > t.start
        and NOUN_LEAD.fullmatch(text, t.start, u.start) for u in found)]
    return sorted(found, key=lambda t: t.start)


NOUN_LEAD = re.compile(r"(?:album|EP|LP|mixtape|single|record|song|track)\s+", re.I)


# "known for such hits as: A, B and C", "her hits include A, B and C": unquoted titles listed
PLAIN_LIST = re.compile(
    r"\b(?:(?:hits|songs|singles|classics|staples|albums|records)\s+(?:such as|like|include|"
    r"includes|including)|such (?:hits|songs|singles|classics|albums) as)\s*:?\s+(?=[A-Z0-9])")
LIST_WORDS = ("hits", "songs", "singles", "classics", "staples", "albums", "records")


def _plain_items(text: str, start: int) -> list[tuple[int, int]]:
    """The items of "A, B and C" from `start`: comma-separated capitalised runs; the last
    "X and Y" is two titles when the list had a comma before it ("A, B and C")."""
    items: list[tuple[int, int]] = []
    pos = start
    while True:
        title = plain_title(text, pos)
        if len(title) < 2:
            break
        items.append((pos, pos + len(title)))
        nxt = re.match(r",\s+(?=[A-Z0-9])", text[pos + len(title):])
        if nxt is None:
            break
        pos += len(title) + nxt.end()
    if len(items) >= 2:
        last_start, last_end = items[-1]
        cut = text.rfind(" and ", last_start, last_end)
        if cut != -1 and text[cut + 5:cut + 6].isupper():
            items[-1] = (last_start, cut)
            items.append((cut + 5, last_end))
    return items if len(items) >= 2 else []


# "the new album is called Salt Year", "It's titled Low Tide, and it's out March 3": a name
# given to a release noun, or to "it" in a sentence that says it comes out
CALLED = re.compile(
    r"\b(?:(?i:album|record|LP|EP|single|song|mixtape|full-length)|It|it)(?:['’]s|\s+is|\s+will be|"
    r"\s+was|,)?\s+(?:called|titled|entitled|named)\s+(?=[A-Z0-9])")
CALLED_NEEDS = any_of(("called", "titled", "named"))
# "a vinyl box set for Record Store Day on April 19th called Blue Hours: The Singles": a set's
# name may come a few words after it
SET_CALLED = re.compile(r"\b(?i:box(?:ed)?[ -]set|compilation|anthology|reissue)\b[^.;,]{0,60}?"
                        r"\s(?:called|titled|entitled)\s+(?=[A-Z0-9])")
OUT_CUE = re.compile(r"\b(?:out|release[sd]?|arrives?|drops?|due|available)\b", re.I)


# "took home Album of the Year for Glass Weather", "won Best Rock Song for Copper Wire": a
# prize for a record names it
AWARD_FOR = re.compile(r"\b(?:(?:Album|Record|Song|EP)\s+of\s+the\s+Year|"
                       r"Best\s+(?:[A-Z][\w/&-]*\s+){0,4}(Album|Song|Record|EP|Single|Video|"
                       r"Performance|Recording|Collaboration))\s+for\s+(?=[A-Z0-9])")
AWARD_KINDS = {"album": "album", "ep": "ep", "video": "music_video"}
AWARD_WHERE = re.compile(r"\s+(?:at|during|in|on)\s")


def _owner_of(title: str, start: int, found: list[TitleSpan]) -> bool:
    """Whether a possessive in the run opens a title found right after it."""
    return any(any(t.start == start + m.end() for t in found)
               for m in re.finditer(r"['’]s\s+", title))


def _entry_kind(text: str) -> str:
    """A chart's own name says what its entries are ("the Official Singles Chart")."""
    return "single" if ("ingle" in text and SINGLES_CHART.search(text)) or (
        "Hot 100" in text) else "album"


def _by_context(text: str, found: list[TitleSpan], spans: Spans) -> list[TitleSpan]:
    """Unquoted titles whose surrounding words say they are releases."""
    out: list[TitleSpan] = []

    def add(start: int, kind: str, follow: re.Pattern[str] | None = None,
            limit: int | None = None, listed: bool = False) -> None:
        # "the release of Ash Garden as Tom Reyes tours": a conjunction ends a plain title
        title = CONJUNCTION.split(plain_title(text[:limit], start))[0]
        end = start + len(title)
        if (len(title) < 2 or MONTH_OR_DAY.match(title) or re.search(r"['’]s?$", title)
                # "features on Mara Quill's Night Ferry and ...": the owner opens the run and
                # the title after it is found already (POSSESSIVE_TITLE)
                or _owner_of(title, start, found)
                or not (listed or plausible(title))  # a listed title may be "We Are Alone"
                or any(t.start <= start < t.end for t in found + out)
                or any(s <= start < e for s, e, _ in spans)):
            return
        if follow is not None:
            m = follow.match(text, end)
            if m is None:
                return
            noun = noun_kind(m.group(1), last=False) if m.groups() else None
            kind = noun[0] if noun else kind
        out.append(TitleSpan(title, start, end, kind, False))

    folded = text.casefold()
    if any(w in folded for w in LIST_WORDS):
        for m in PLAIN_LIST.finditer(text):
            for start, end in _plain_items(text, m.end()):
                add(start, "song", limit=end, listed=True)
    if CONTEXT_GATE.search(folded):
        for pattern, needs in zip(CONTEXTS, CONTEXT_NEEDS, strict=True):
            for m in pattern.finditer(text) if needs is None or needs.search(text) else ():
                add(m.end(), "album")
    # "announced Quiet Engines, their third album": its own gate ("announc" alone opens it)
    for m in RELEASED_AS.finditer(text) if RELEASED_AS_NEEDS.search(text) else ():
        add(m.end(), "album", AS_NOUN)
    if text[:1].isupper() and "," in text[:80]:
        add(0, "album", LEAD_AS_NOUN)
    for m in CHART_AT_WITH.finditer(text) if CHART_WITH_NEEDS.search(folded) else ():
        # "at No. 2 with Street Psalms": of the chart the sentence names, else of no kind said
        add(m.end(), "album" if "album" in folded else "single" if "single" in folded else "other")
    for m in CHART_WITH.finditer(text) if CHART_WITH_NEEDS.search(folded) else ():
        if (place := CHART_PLACE.search(text, m.end(), m.end() + 80)) is not None:
            add(m.end(), "album" if m.group(1) in ("album", "record", "LP", "EP") else "single",
                limit=place.start())
    for m in RELEASE_ON.finditer(text) if RELEASE_ON_NEEDS.search(text) else ():
        add(m.end(), "other", RELEASE_ON_FOLLOW)
    for m in DELAYED.finditer(text) if DELAYED_NEEDS.search(text) else ():
        add(m.end(), "album", DELAYED_FOLLOW)
    if " from " in text or " by " in text:
        for m in NOUN_FROM.finditer(text):
            noun = noun_kind(m.group(0), last=False)
            add(m.end(), noun[0] if noun else "album", APPOSED_END)
    for m in CALLED.finditer(text) if CALLED_NEEDS.search(folded) else ():
        noun = noun_kind(m.group(0), last=True)
        if noun is None and not OUT_CUE.search(text, m.end()):
            continue  # "it's called …" of a tour, a film, a feeling: only a release comes out
        add(m.end(), noun[0] if noun else "other")
    for m in SET_CALLED.finditer(text) if CALLED_NEEDS.search(folded) else ():
        add(m.end(), "other")
    for m in AWARD_FOR.finditer(text) if " for " in text and (
            "of the Year" in text or "Best " in text) else ():
        prize = (m.group(1) or m.group(0).split()[0]).casefold()
        # ("for Glass Weather at the 67th Grammy Awards": where it was won is no title)
        stop = AWARD_WHERE.search(text, m.end())
        add(m.end(), AWARD_KINDS.get(prize, "song"), limit=stop.start() if stop else None)
    for m in WHOSE.finditer(text) if "whose " in text else ():
        # "The Hollow Pines, whose Northern Rain debuts"
        add(m.end(), _entry_kind(text), OWNED_VERB)
    if ("'" in text or "’" in text) and OWNED_NEEDS.search(text):
        owned = list(OWNED_BY.finditer(text))
        for m in owned:
            add(m.end(), _entry_kind(text), OWNED_VERB)
        # "Ana Vale's Kind Words, Tom Reyes's Giant Leaps and Joe Kell's Blue Hours": a run of
        # possessive acts, each with a capitalised title, is a list of their releases
        limits = [o.start(1) for o in owned[1:]] + [len(text)] if owned else []
        links = [LIST_GAP.fullmatch(text[m.end() + len(plain_title(text[:lim], m.end())):lim])
                 is not None for m, lim in zip(owned, limits, strict=True)]
        for i, m in enumerate(owned):
            if (links[i] and i + 1 < len(owned)) or (i and links[i - 1]):
                add(m.end(), "album", limit=limits[i])
    return out


# "The Long Way Home Tour": a name that says it is a tour, a show or a prize is no release
NOT_RELEASE = re.compile(r"\b(?:Tour|Festival|Fest|Awards?|Show|Residency|Series|Conference|"
                         r"Podcast|Documentary|Film|Movie|Book|Memoir|Musical)$")


def bare_quotes(text: str, spans: Spans, found: list[TitleSpan]) -> list[TitleSpan]:
    """Quoted spans no release word marks, shaped like a title (capitalised, short, no speech):
    titles only if the clause around them says whose release they are (see attribution)."""
    out: list[TitleSpan] = []
    for start, end, inner in spans:
        title = clean(inner)
        if (not title or not (title[0].isupper() or title[0].isdigit()) or len(title.split()) > 8
                or re.search(r"[.!?] \S", ABBREV.sub("", title)) or "," in title
                or NOT_RELEASE.search(title)
                or _speech(inner, text, start, end)
                or any(t.start <= start < t.end or start <= t.start < end for t in found)):
            continue
        out.append(TitleSpan(title, start, end, "song", True))
    return out


def _inside_quote(spans: Spans, pos: int) -> bool:
    return any(s <= pos < e for s, e, _ in spans)


def resolve_kind(kind: str, text_before: str) -> ReleaseKind:
    if kind == "song":
        return "single" if NEW.search(text_before[-40:]) else "other"
    if kind in ("single", "album", "ep", "music_video", "other"):
        return kind  # type: ignore[return-value]
    return "other"
