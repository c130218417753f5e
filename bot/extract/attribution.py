"""Who a release is by, read from the clause that names it ("X shares new single "Y"")."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable

from bot.extract.names import NAME, SUPPORTING, plausible, tidy, without_trade

# The release nouns and the words news puts between an act and its release.
NOUN = (r"(?:single|album|EP|LP|song|track|record|video|music video|mixtape|tape|ballad|anthem|"
        r"full-length|effort|project|collection|compilation|collab(?:oration)?|remix|debut|"
        r"offering|cut|tune|release)")
ADJ = (r"(?:new|newest|latest|upcoming|forthcoming|debut|first|second|third|fourth|fifth|"
       r"sixth|seventh|\d+(?:st|nd|rd|th)|next|lead|brand[- ]new|long-awaited|anticipated|"
       r"surprise|sophomore|studio|solo|live|acoustic|official|hit|classic|fresh|final|"
       r"self-titled|digital|English|Japanese|Korean|Spanish|mini|full|title|"
       r"(?:19|20)\d\d|[a-z]+-[a-z-]+)")  # "long-delayed", "much-hyped"
DET = r"(?:the|a|an|her|his|their|its|this)"
AUX = (r"(?:(?:has|have|had|is|are|was|were|will|would|just|also|finally|now|officially|"
       r"recently|today|again|be|set\s+to|going\s+to|about\s+to)\s+)*")
VERB = (r"(?:releas\w*|shar\w*|drop\w*|unveil\w*|announc\w*|premier\w*|debut\w*|put(?:s|ting)? out|"
        r"issu\w*|launch\w*|teas\w*|reveal\w*|return\w* with|follow\w* up \w+ with|deliver\w*|"
        r"offer\w*|present\w*|share|bring\w*|serv\w* up|roll\w* out|come back with|"
        r"came back with|is back with|are back with|treat\w* fans to|surpris\w* fans with|"
        r"record\w*|cover\w*|perform\w*)")
# What may stand between the clause's words and the title: a release noun phrase, a comma, a
# quote mark.
LEAD_IN = rf"(?:\s+{DET})?(?:\s+{ADJ})*(?:\s+{NOUN}s?)?,?\s*(?:titled|called|named|dubbed)?\s*"
OPEN = r"[“\"‘'«„‹]?"
CLOSE = r"[”\"’'»“›]?"

# Before the title, nearest first: "Rosa Lind's new album "Y"", "X will release the album "Y"",
# "X – "Y"", "new music from X: the mixtape "Y"".
BEFORE = [
    re.compile(rf"({NAME})['’]s?(?:\s+{ADJ})*(?:\s+{NOUN}s?)?,?\s*{OPEN}$"),
    # "X, who married Y on June 3, 2020, will release": an aside, a date's comma and all
    re.compile(rf"({NAME})(?:,\s+(?:who|the|a|an)\s(?:[^,]|,\s*(?=(?:19|20)\d\d\b)){{1,150}},)?"
               rf",?\s+{AUX}{VERB}{LEAD_IN}{OPEN}$"),
    # ("DJ Halo feat. Tiva – "Run Free"": the act before the guest)
    re.compile(rf"({NAME})(?:\s+(?:feat\.|ft\.|featuring)\s+{NAME})?\s*[–—:-]\s*{OPEN}$"),
    # "Tom Reyes, whose own album Backroads came out in 2023": the album is his
    re.compile(rf"({NAME}),\s+whose\s+(?:own\s+)?(?:{ADJ}\s+)*{NOUN}s?,?\s*{OPEN}$"),
    re.compile(rf"\b(?:from|by)\s+({NAME})\s*[:,]\s*{DET}?(?:\s+{ADJ})*(?:\s+{NOUN}s?)?,?\s*{OPEN}$"),
]
# What each pattern of BEFORE needs near the title: a possessive, a verb, a dash, "from".
BEFORE_GATES = [
    # up to five words: written as whole words apart, so a word is never tried split in two
    # (the same strings as `(?:[\w-]+\s*){0,5}`, which backtracks through every split)
    re.compile(r"['’]s?\s*(?:(?:[\w-]+\s+){0,4}[\w-]+\s*)?[,“\"‘'«„‹]?\s*$"),
    re.compile(rf"{VERB}"),
    re.compile(r"[–—:-]\s*[“\"‘'«„‹]?$"),
    re.compile(r"\bwhose\s"),
    re.compile(r"\b(?:from|by)\s"),
]
# After the title: ""Y", the new EP from X", ""Y" by X"; not ""Y" from Album", which names
# the album.
# ("the new single from Brooklyn trio Glass Animals Club": where they are from and what they
# are, written before the name, are neither of them the act)
KIND_OF_ACT = (r"(?:(?:[\w'’-]+\s+){0,2}?(?:trio|duo|band|group|quartet|quintet|outfit|rapper|"
               r"singer|singer-songwriter|songwriter|producer|star|artist|act|collective)\s+)?")
AFTER = [
    re.compile(rf"^{CLOSE}\s*(?:\([^)]{{0,40}}\)\s*)?,?\s*(?:(?:{DET}\s+)?(?:{ADJ}\s+)*{NOUN}s?\s+"
               rf"(?:from|by)|by)\s+{KIND_OF_ACT}({NAME})"),
    re.compile(rf"^{CLOSE},?\s+(?:is|was)\s+(?:{DET}\s+)(?:{ADJ}\s+)*{NOUN}s?\s+(?:from|by)\s+"
               rf"{KIND_OF_ACT}({NAME})"),
]
# Organisations do what acts do ("Paper Mill Records will release"), but release nobody's music
# as its maker.
NOT_ACT = re.compile(r"\b(?:Records|Recordings|Music Group|Entertainment|Label|Festival|Fest|"
                     r"Awards?|Magazine|Radio|Network|Inc|Ltd|LLC)\b")
# Words that start a clause but are no act: "Out now: "Y"", "Listen: "Y"", "Watch – "Y"".
NOT_HEAD = frozenset(("out", "listen", "watch", "stream", "hear", "new", "out now", "premiere",
                      "video", "single", "album", "ep", "track", "song", "exclusive", "update",
                      "review", "interview", "news", "today", "also", "plus"))


def _act(raw: str) -> str | None:
    name = tidy(raw)
    if not plausible(name) or NOT_ACT.search(name) or name.casefold() in NOT_HEAD:
        return None
    return name


REMADE_OF = re.compile(r"\b(?:remix(?:es)?|cover|version|rendition|mash-?up|edit|take|remake)\s+"
                       r"of\s+(?:the\s+)?(?:song\s+|single\s+|track\s+)?[\"“‘']?$", re.I)


_BY_AFTER = re.compile(r"[\"”’']?,?\s+by\s+(?:(?:producer|rapper|singer)\s+)?")


def clause_artist(text: str, start: int, end: int) -> str | None:
    """The act the clause naming the title at text[start:end] says the release is by, if any."""
    tail = text[end:end + 120]
    # "a remix of "Glass Ferry" by DJ Pell": whoever remade it, not whose song it is
    remade = REMADE_OF.search(text, max(0, start - 40), start) is not None
    for pattern in () if remade else AFTER:
        m = pattern.match(tail)
        if m and (name := _act(m.group(1))):
            return name
    head = text[max(0, start - 180):start]
    for pattern, gate in zip(BEFORE, BEFORE_GATES, strict=True):
        if not gate.search(head):
            continue  # a pattern that starts with a name is tried at every capital letter
        m = pattern.search(head)
        if m and (name := _act(m.group(1))):
            return name
    return None


@functools.lru_cache(maxsize=128)
def act_pattern(acts: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, str]]:
    """Every act and its longer words ("Mercer" of "Colby Mercer"), longest first, and whose
    act each word is."""
    owner: dict[str, str] = {act: act for act in acts}
    # a word two acts share ("Dane" of "Lou Dane" and his daughter "Keisha Dane") is neither's
    shared = Counter(w for act in acts for w in set(act.split()) if len(w) > 3)
    for act in acts:
        for word in act.split():
            if len(word) > 3 and shared[word] == 1:
                owner.setdefault(word, act)
    return tuple(sorted(owner, key=len, reverse=True)), owner


def find_acts(text: str, words: tuple[str, ...]) -> list[tuple[int, str]]:
    r"""(start, word) of each whole-word occurrence of `words` in `text`, left to right, the
    earliest of `words` at a position, none overlapping: what the alternation
    `(?<!\w)(?:w1|w2|...)(?!\w)` finds, without compiling a pattern for each article's acts
    (a compile costs more than all of an article's look-ups)."""
    if "" in words:  # an empty name: the alternation's own empty-match rules apply
        body = "|".join(re.escape(w) for w in words)
        return [(m.start(), m.group(0)) for m in re.finditer(rf"(?<!\w)(?:{body})(?!\w)", text)]
    starts: list[tuple[int, int]] = []
    for rank, word in enumerate(words):
        at = text.find(word)
        while at >= 0:
            starts.append((at, rank))
            at = text.find(word, at + 1)
    starts.sort()
    out: list[tuple[int, str]] = []
    free = 0  # matches never overlap: the next one starts after the last one's end
    for at, rank in starts:
        if at < free or (at and _word_char(text[at - 1])):
            continue
        end = at + len(words[rank])
        if end < len(text) and _word_char(text[end]):
            continue
        out.append((at, words[rank]))
        free = end
    return out


def _word_char(char: str) -> bool:
    r"""What `\w` matches in a str pattern."""
    return char.isalnum() or char == "_"


# A band named to say who a person is ("Ember guitarist Dale Corrigan", "Grey Harbour's drummer")
# or a person's kin ("written by Reyes's father": the father's, not Reyes's)
ROLE_AFTER = re.compile(r"(?:['’]s?)?\s+(?:guitarist|drummer|bassist|keyboardist|vocalist|"
                        r"frontman|frontwoman|lead singer|bandmate|member)s?\b|"
                        r"['’]s?\s+(?:late\s+)?(?:father|mother|dad|mom|son|daughter|wife|"
                        r"husband|brother|sister|widow|grandfather|grandmother|uncle|aunt|"
                        r"girlfriend|boyfriend|fianc[ée]e?)\b")


def artist_in(text: str, before: int, acts: list[str]) -> str | None:
    """The act named nearest before position `before` in the sentence (or anywhere in it)."""
    if not acts:
        return None
    words, owner = act_pattern(tuple(acts))
    best: tuple[int, str] | None = None
    for start, word in find_acts(text, words):
        if ROLE_AFTER.match(text, start + len(word)):
            continue  # "the former Ember guitarist Dale Corrigan": a person's band, not the subject
        score = before - start if start < before else 1000 + start
        if best is None or score < best[0]:
            best = (score, owner[word])
    return best[1] if best else None


def last_act(texts: list[str], index: int, acts: list[str]) -> str | None:
    """Whom a "her new single" of sentence `index` is about: the act the nearest sentence
    before it that names one has for its subject (named first), not whoever it names last
    ("Sam Vale, the heir to Dex Harlow's throne, shared a single. Today he announced …")."""
    if not acts:
        return None
    words, owner = act_pattern(tuple(acts))
    for text in reversed(texts[:index]):
        # ("Special guests A and B will open select dates": the support acts of a tour, and
        # the guests on a song, are nobody's subject)
        found = [(at, word) for at, word in find_acts(text, words)
                 if not _SUPPORT_BEFORE.search(text, max(0, at - 40), at)
                 and not _SUPPORT_AFTER.match(text, at + len(word))]
        if found:
            return owner[found[0][1]]
    return None


_SUPPORT_BEFORE = re.compile(rf"\b(?:{SUPPORTING}|support(?:ing)?(?: acts?)?|opened by|"
                             r"with guests?|"
                             # ('"Parachute," featuring singer Lila Moss': a guest on a song)
                             r"featuring|feat\.|ft\.)"
                             r"[^.;]{0,30}$", re.I)
_SUPPORT_AFTER = re.compile(r"(?:\s*,?\s*(?:and|&)\s+[^.;]{1,30}?)?\s+(?:will|to|are set to|"
                            r"would)\s+(?:open|support)\b", re.I)


_PRONOUN_SUBJECT = re.compile(r"(?:He|She|They)\s+[a-z]")
_OWN_BEFORE = re.compile(rf"\b(?:his|her|their)\s+(?:own\s+)?(?:{ADJ}\s+)*{NOUN}s?,?\s*{OPEN}$")
TEAMED = re.compile(r"\b(?:teamed up|teams up|team up|joined forces|joins forces|linked up|"
                    r"links up|paired up|pairs up|collaborated|collaborates)\s+with\s+", re.I)


def release_artist(text: str, start: int, end: int, acts: list[str],
                   fallback: Callable[[], str | None],
                   featured: tuple[str, ...] = ()) -> str | None:
    """Who the release at text[start:end] is by: the act its own clause names, else the act
    named nearest before it in the sentence (never one it features: ""Night Ferry" (feat.
    Tom Reyes)" is not Tom Reyes's), else `fallback` (the act the text is about).
    A name the clause gives is added to `acts`."""
    named = clause_artist(text, start, end)
    if named is not None:
        named = without_trade(named)  # "Pianist Rosa Lind's new album": Rosa Lind's
        known = next((a for a in acts if a.casefold() == named.casefold()), None)
        if known is None:
            inside = artist_in(named, len(named), acts)  # "Vale" for the known "Mara Vale"
            if inside is not None and len(named.split()) == 1:
                return inside
            acts.append(named)
            return named
        return known
    if _PRONOUN_SUBJECT.match(text) and _OWN_BEFORE.search(text, max(0, start - 60), start):
        # "He wrote "Train," a hit for Della Marsh, and released his own album, Hymns": "his"
        # is the sentence's subject, the act before, not the one named nearest
        return fallback()
    # never the title itself ("Paper Suns debuts at No. 1": an act cue read off the album)
    guests = {f.casefold() for f in featured} | {text[start:end].strip("\"'“”‘’ ").casefold()}
    others = [a for a in acts if a.casefold() not in guests]
    # "Mara Quill teamed up with DJ Halo for "Low Tide"": the one who teamed up is the artist
    partners = {a for a in others for m in TEAMED.finditer(text, 0, start)
                if re.match(rf"(?:DJ\s+|producer\s+|rapper\s+|singer\s+)?{re.escape(a)}\b",
                            text[m.end():])}
    if partners and len(partners) < len(others):
        others = [a for a in others if a not in partners]
    # "The title track "Comet" was produced by hitmaker Park Jiwon": whom a credit names made
    # the sound, not the record; nor is "the group's 2023 hit" anyone's but the group's
    # ("features guest vocals from country singer Ruby Lane on the closing track "Homeward"":
    # a guest on it, not its maker)
    ends = [m.end() for m in _CREDIT_BY.finditer(text)] if "by " in text else []
    # (a guest named after the title too: ""Seawall" is the hit here, while "Quiet Now"
    # features guest vocals from Hana Brook")
    ends += [m.end() for m in _GUEST_FROM.finditer(text)]
    if REMADE_OF.search(text, max(0, start - 40), start) and (
            by := _BY_AFTER.match(text, end)) is not None:
        ends.append(by.end())  # "a remix of "Glass Ferry" by DJ Pell": the remixer's
        if text.startswith(("DJ ", "MC "), by.end()):
            ends.append(by.end() + 3)  # (whether the act is known as "DJ Pell" or "Pell")
    credited = {a for a in others for end in ends if text.startswith(a, end)}
    # "written by Ruth with Nashville songwriter Dale Mercer": whom the credit is shared with
    for m in _CREDIT_WITH.finditer(text):
        shared = re.split(r"[.;,(]", text[m.end():m.end() + 60], maxsplit=1)[0]
        credited |= {a for a in others if re.search(rf"(?<!\w){re.escape(a)}(?!\w)", shared)}
    others = [a for a in others if a not in credited]
    if _GROUPS_BEFORE.search(text, max(0, start - 60), start):
        return fallback()
    if _OWN_BEFORE.search(text, max(0, start - 60), start) and not _named_before(
            text, start, others):
        # "The track, lifted from her second album Night Ferry, fended off A and B": "her" is
        # someone named before this sentence, never an act named after the title
        return fallback()
    chosen = artist_in(text, start, others)
    if chosen is not None:
        # "Country stars A and B have teamed up for a new duet": the act named first leads
        for m in re.finditer(rf"\s+(?:and|&)\s+{re.escape(chosen)}\b", text[:start]):
            first = [a for a in others if a != chosen and text[:m.start()].endswith(a)]
            if first:
                return first[0]
    return chosen or fallback()


_CREDIT_BY = re.compile(r"\b(?:co-)?(?:produced|written|penned|directed|mixed|composed|"
                        r"arranged|helmed)\s+by\s+(?:(?:[a-z][\w-]*|[A-Z][\w-]*-[a-z]+)\s+)?")
_CREDIT_WITH = re.compile(r"\b(?:co-)?(?:produced|written|penned|co-wrote|wrote|composed)\s+"
                          r"(?:by\s+)?[^.;,]{0,40}?\bwith\s+")
_GUEST_FROM = re.compile(r"\b(?:guest\s+)?(?:vocals|verses?|appearances?|spots?|features?|"
                         r"contributions?)\s+(?:from|by)\s+(?:[a-z][\w-]*\s+){0,2}|"
                         r"\b(?:featuring|feat\.|ft\.)\s+")
_GROUPS_BEFORE = re.compile(r"\bthe\s+(?:(?!and\b|or\b)[\w-]+\s+){0,3}?"
                            r"(?:group|band|duo|trio|quartet|quintet)['’]s\s+"
                            r"(?:[\w-]+,?\s+){0,3}[\"“‘']?$", re.I)


def _named_before(text: str, start: int, acts: list[str]) -> bool:
    """Whether one of `acts` is named in text before position `start`."""
    words, _ = act_pattern(tuple(acts)) if acts else ((), {})
    return any(at < start for at, _ in find_acts(text, words)) if words else False


def part_of(short: str, long: str) -> bool:
    """"Quill" of "Mara Quill", "Pines" of "The Hollow Pines"."""
    return re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None and len(short) >= 3
