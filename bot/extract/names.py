"""Capitalised name spans and the words that are never names (shared by artists and people)."""

from __future__ import annotations

import re

# One capitalised word: "Lux-V", "TAVERLY", "Liséa", "Jr.", "Juniper + The Engine" is built
# from several of these joined by "+" or "&".
WORD = r"(?:[A-ZÀ-Þ][\w'’.-]*[\w.]|[A-ZÀ-Þ])"
# "x" is left out: "Kid Orbit x DJ Halo" is two acts
JOIN = r"(?:\s+(?:\+|&|and the|of the|of|the|The|de|van|von|da)\s+|\s+)"
NAME = rf"(?:{WORD}(?:{JOIN}{WORD}){{0,4}})"
NAME_RE = re.compile(NAME)
# An age written after a name, as news sets it off: "Tessa Lane, 26 and …", "Jon Ardent, 38,"
AGE_ASIDE = r"(?:,\s+\d{1,3},?)"

NOT_NAMES = frozenset(
    [
        "a", "an", "the", "this", "that", "these", "those", "his", "her", "their", "its", "our",
        "my", "your", "he", "she", "they", "it", "we", "you", "i", "in", "on", "at", "of", "for",
        "from", "with", "by", "to", "and", "or", "but", "so", "as", "if", "when", "while", "after",
        "before", "since", "during", "today", "tomorrow", "yesterday", "tonight", "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "instagram", "twitter", "tiktok", "facebook", "youtube", "spotify", "apple", "music",
        "x", "here", "there", "now", "new", "latest", "meanwhile", "also", "however", "although",
        "according", "getty", "images", "filmmagic", "wireimage", "photo", "image", "variety",
        "billboard", "people", "website", "account", "page", "channel", "hot", "100", "200",
        "coachella", "glastonbury", "lollapalooza", "bonnaroo", "sxsw", "vmas", "amas", "brits",
        "eurovision", "snl", "show",
        "band", "bands", "group", "duo", "trio", "quartet", "member", "members", "fans", "fan",
        "netflix", "amazon", "google", "ticketmaster", "live", "sony", "universal", "warner",
        "interscope", "columbia", "capitol", "atlantic", "rca", "pitchfork", "nme", "stereogum",
        "grammy", "legendary", "veteran", "iconic", "rising", "late", "beloved", "acclaimed",
        "famed", "former", "original", "longtime", "frontman", "frontwoman", "singer", "rapper",
        "grammys", "official", "real", "old", "date", "reason", "semi-official", "watch", "listen",
        "read", "check", "get", "make", "let", "happy", "keep", "yes", "can", "best", "both",
        "little", "little", "american", "british", "english", "korean", "australian", "canadian",
        "r&b", "hip-hop", "pop", "country", "rock", "sir", "dame", "mr", "mrs", "ms", "dr", "lord",
        "lady", "tickets", "ticket", "since", "speaking", "taking", "last", "first",
        # adverbs that open a sentence ("Originally released in 1998, ...")
        "originally", "previously", "recently", "finally", "currently", "initially",
        "eventually", "additionally", "unfortunately", "fortunately", "reportedly",
        "notably", "ultimately", "subsequently",
        # placeholders: what a page writes where it has no name yet
        "unknown", "untitled", "tba", "tbc", "tbd", "n/a", "anonymous", "unnamed", "none",
        "various", "artists", "null",
        # stores and streaming services: where music is sold or played, never who made it
        "bandcamp", "soundcloud", "itunes", "tidal", "deezer", "pandora",
        # genres, which own records in news prose ("Jazz's first million-selling album")
        "jazz", "blues", "folk", "soul", "punk", "metal", "funk", "disco", "reggae", "gospel",
        "k-pop", "j-pop", "grunge", "techno",
    ]
)
# A whole name that stands for no name: "Unknown", "TBA", "N/A", "Untitled", "Various Artists".
PLACEHOLDERS = frozenset((
    "unknown", "untitled", "tba", "tbc", "tbd", "n/a", "na", "none", "null", "nil", "unnamed",
    "anonymous", "various", "various artists", "to be announced", "to be confirmed",
    "to be determined", "not available", "not applicable", "title tba", "title tbc",
    "untitled album", "untitled project", "untitled ep", "untitled single", "unknown artist",
))
PUNCT = re.compile(r"[\s\"'‘’“”«»„.,;:!?()\[\]*_-]+")


def placeholder(name: str | None) -> bool:
    """True for a name that names nothing ("unknown", "TBA", "N/A", empty)."""
    if name is None:
        return True
    folded = PUNCT.sub(" ", name.replace("/", "")).strip().casefold()
    if not folded:  # "!!!" is a band; "?", "-" and "…" are blanks
        return set(name.strip()) <= set("-–—?.…*_ ")
    return folded in PLACEHOLDERS
# Words after which no name starts ("His Band", "In London", "Monday Night").
FUNCTION_FIRST = frozenset((
    "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your",
    "he", "she", "they", "it", "we", "you", "i", "in", "on", "at", "of", "for", "from", "with",
    "by", "to", "and", "or", "but", "so", "as", "if", "when", "while", "after", "before", "since",
    "during", "today", "tomorrow", "yesterday", "tonight", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "meanwhile", "also",
    "however", "although", "according", "here", "there", "now", "sir", "dame", "mr", "mrs", "ms",
    "dr", "instagram", "twitter", "tiktok", "facebook", "youtube", "spotify", "getty",
))
MONTHISH = frozenset(("jan", "may", "june", "april", "august", "julie", "summer", "autumn"))
# Words that start a sentence before a name ("When Nora Quinn ..."); month names are left
# alone, since Jan, May and June are also first names.
LEAD_WORDS = frozenset((
    "when", "while", "after", "before", "meanwhile", "also", "however", "today", "yesterday",
    "then", "but", "and", "so", "if", "as", "though", "although", "since", "because", "now",
    "here", "there", "this", "that", "these", "those", "in", "on", "at", "for", "with", "by",
    "from", "according", "tonight", "tomorrow", "earlier", "later", "last", "next", "finally",
))
# Titles and adjectives news puts before a name ("Legendary ... Sir Alden Marsh").
LEADING = re.compile(
    r"^(?:Sir|Dame|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Lord|Lady|Legendary|Rising|Late|Iconic|Veteran|"
    r"Beloved|Acclaimed|Famed|Singer|Rapper|Songwriter|Producer|Star|Superstar|Pop|Rock|"
    r"Country|Rapper|Band|Newcomer|Director|Filmmaker|Guitarist|Drummer|Bassist|Former|Ex-?|"
    r"[A-Z][a-z]+-(?:based|born|songwriter|winning|nominated|selling))\s+(?=[A-Z])")


def tidy(name: str) -> str:
    """A name without a leading title ("Sir"), a trailing possessive or full stop."""
    name = re.sub(r"['’]s?$", "", name.strip())
    name = name.rstrip(",;:")
    if name.endswith(".") and not re.search(r"\b(?:Jr|Sr|St)\.$|\b[A-Z]\.$", name):
        name = name[:-1]
    words = name.split()
    while len(words) > 1 and words[0].casefold() in LEAD_WORDS:
        words.pop(0)  # "When Nora Quinn", "Meanwhile Tom Reyes"
    name = " ".join(words)
    while True:
        stripped = LEADING.sub("", name)
        if stripped == name:
            break
        name = stripped
    return name.strip()


# Trades written before a name ("Drummer Ada Quill", "Bassist Pete Morrow"): not the name
TRADE_WORDS = frozenset(("drummer", "bassist", "guitarist", "singer", "rapper", "frontman",
                         "frontwoman", "keyboardist", "vocalist", "producer", "dj", "pianist",
                         "songwriter", "musician", "star", "legend", "icon", "member",
                         "founder", "co-founder", "leader", "maknae", "dancer"))


# Trades written before a name ("Pianist Rosa Lind's new album"), never part of an act's name;
# "DJ", "Star" or "Legend" may be ("DJ Halo"), so they stay.
LEADING_TRADE = frozenset(("drummer", "bassist", "guitarist", "singer", "rapper", "frontman",
                           "frontwoman", "keyboardist", "vocalist", "pianist", "songwriter",
                           "singer-songwriter", "musician", "saxophonist", "violinist",
                           "cellist", "trumpeter", "composer", "producer"))


def without_trade(name: str) -> str:
    """"Pianist Rosa Lind" is Rosa Lind; "DJ Halo" stays whole."""
    words = name.split()
    while len(words) > 1 and words[0].casefold() in LEADING_TRADE:
        words = words[1:]
    return " ".join(words)


# What a supporting act's name follows ("special guests A and B", "supported by C"): a tour's
# guests, never its headliner nor the act a later sentence means (artist cues, the owner of a
# sentence's events, the act a "her new single" is about)
SUPPORTING = (r"special guests?|supported by|support from|joined by|opening acts?|openers?|"
              r"support acts?")


def drop_trade(name: str) -> str:
    """The name without the trade or common word written before it ("Leader Haneul",
    "Bassist Pete Morrow", "Member Yuna" at a sentence's start)."""
    words = name.split()
    # "Nashville songwriter Trent Miles": a place before a trade goes with it
    if len(words) > 2 and words[0][:1].isupper() and words[1] in TRADE_WORDS:
        words = words[1:]
    # ("June Rose", "May Lin": a month that is also a first name stays)
    # ("DJ Pell": written so, the trade is the stage name's first word)
    while len(words) > 1 and words[0] != "DJ" and (words[0].casefold() in TRADE_WORDS
                              or (words[0].casefold() in NOT_NAMES
                                  and words[0].casefold() not in MONTHISH)):
        words = words[1:]
    return " ".join(words)


def plausible(name: str) -> bool:
    """A candidate that could be a person's or an act's name."""
    if not name or len(name) > 60 or not (name[0].isupper() or name[0].isdigit()):
        return False
    words = name.split()
    if all(w.casefold().strip(".,'’") in NOT_NAMES for w in words):
        return False
    first = words[0].casefold()
    if len(words) == 1 or first in FUNCTION_FIRST:
        # "Jan Hale", "June Carter": a month is a first name when a surname follows
        return first not in NOT_NAMES or (len(words) > 1 and first in MONTHISH)
    return True  # "New Order", "Little Simz", "Best Coast": a common word can start a name


# "Nigerian singer Benji Oduya", "Puerto Rican rapper X", "Atlanta rapper Y": where someone is
# from, written where a band's name would be ("Coldplay frontman …")
DEMONYM = re.compile(r"^(?:(?:South|North|New|Puerto|Sri|Latin|West|East)\s+)?(?:[A-Z][a-z]*"
                     r"(?:ian|ean|ese|ish|ican)|German|Cuban|Dutch|French|Thai|Israeli|Iraqi|"
                     r"Pakistani|Somali|Greek|Swiss|Scots|Filipino|Filipina|Argentine|Icelandic|"
                     r"Nordic)$")
MUSIC_CITIES = frozenset((
    "atlanta", "nashville", "memphis", "houston", "chicago", "detroit", "toronto", "london",
    "brooklyn", "compton", "seattle", "austin", "philadelphia", "philly", "miami", "oakland",
    "dallas", "seoul", "lagos", "manchester", "liverpool", "glasgow", "dublin", "melbourne",
    "sydney", "bronx", "harlem", "tokyo", "paris", "berlin", "montreal", "vancouver",
    "new orleans", "los angeles", "new york", "bay area", "st. louis", "new jersey", "texas",
    "california", "georgia", "tennessee", "florida", "ohio", "jamaica", "canada", "nigeria",
    "ghana", "korea", "uk", "us", "u.s.", "cleveland", "boston", "denver", "portland",
    "minneapolis", "baltimore", "pittsburgh", "bristol", "leeds", "sheffield", "birmingham"))


def placeish(name: str) -> bool:
    """Whether a name is where someone is from, not an act: a demonym or a music city."""
    # ("The Chicago rapper's fourth album": a city with "the" before it is still a city)
    name = name.removeprefix("The ")
    return DEMONYM.match(name) is not None or name.casefold() in MUSIC_CITIES
