"""parse_question: a question's intent and the name it is about, by regular expressions only."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.errors import UserError

MAX_QUESTION = 300
EXAMPLES = ('"When did Glass Harbour come out?", "Who directed Glass Harbour?", '
            '"What label is Mara Vale on?", "What is coming up for Mara Vale?", '
            '"What do we know about Mara Vale?"')
HINT = f"Try a question such as {EXAMPLES}"

# Words naming a kind of release, so "X's new album" is about the artist X.
_KIND = (r"(?:album|single|song|track|ep|mini[- ]album|record|lp|mixtape|music\s+video|video"
         r"|mv|release)")
_QUOTES = "\"'`‘’“”"
_DONE = r"(?:come\s+out|came\s+out|coming\s+out|out|drop|dropp?ed|dropping|released?|be\s+released"
_DONE += r"|get\s+released|arrive|arrived|land|premiere|premiered|launch(?:ed)?)"


@dataclass(frozen=True)
class Question:
    """What is asked (intent), about which name, with the artist a release was named with."""

    intent: str
    name: str
    artist: str | None = None
    # The year a "how old … in 2023" question asks about.
    year: int | None = None
    # "X's new album": the artist named, asking for a release.
    artist_only: bool = False
    kind: str | None = None


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# (pattern, intent); the first pattern that matches the whole question wins.
_PATTERNS: list[tuple[re.Pattern[str], str]] = [(_rx(p), i) for p, i in [
    (r"how old (?:is|was|did|will) (?P<n>.+?)(?: (?:be|turn|get)s?(?: (?:on|in) .+)?)?", "age"),
    (r"what age (?:is|did) (?P<n>.+?)(?: turn.*)?", "age"),
    (r"when (?:is|was) (?P<n>.+?)(?:'s?)? (?:birthday|bday)", "birthday"),
    (r"when (?:is|was|were) (?P<n>.+?) born", "birthday"),
    (r"(?:what is|what's) (?P<n>.+?)(?:'s?)? (?:birthday|date of birth|birth date)", "birthday"),
    (r"who (?:directed|shot) (?P<n>.+?)", "director"),
    (r"who (?:was|is) (?:the )?director of (?P<n>.+?)", "director"),
    (r"who produced (?P<n>.+?)", "producer"),
    (r"who (?:was|is) (?:the )?producer of (?P<n>.+?)", "producer"),
    (r"(?:what|which) (?:record )?label (?:is|was|are) (?P<n>.+?) (?:on|signed to|with|under)",
     "label"),
    (r"(?:what|which) (?:record )?label (?:is|was) (?:releasing|putting out) (?P<n>.+?)", "label"),
    (r"(?:what|which) (?:record )?label (?:does|did) (?P<n>.+?) (?:belong to|sign (?:to|with)"
     r"|record for)", "label"),
    (r"who (?:is|are|was) (?P<n>.+?)(?:'s?) (?:partner|wife|husband|spouse|girlfriend|boyfriend"
     r"|fianc[ée]e?)", "partner"),
    (r"who (?:is|was) (?P<n>.+?) (?:married to|dating|with)", "partner"),
    (r"who (?:is|was) the (?:mother|father|other parent) of (?P<n>.+?)(?:'s?) "
     r"(?:new(?:born)? |baby )?(?:child|children|son|sons|daughter|daughters|kids?|baby)",
     "partner"),
    (r"(?:who|what) (?:is|are) (?:the names? of )?(?P<n>.+?)(?:'s?) (?:new(?:born)? |baby )?"
     r"(?:child|children|son|sons|daughter|daughters|kids?|baby)", "child"),
    (r"how many (?:children|kids|sons|daughters) (?:does|did|has) (?P<n>.+?) (?:have|had|got)?",
     "child"),
    (r"does (?P<n>.+?) have (?:any )?(?:children|kids)", "child"),
    (r"how many (?:records|albums|copies|units|records and albums) (?:has|have|did) (?P<n>.+?) "
     r"(?:sold|sell)(?: .*)?", "records_sold"),
    (r"how many (?:records|albums|copies) (?:by|of) (?P<n>.+?) (?:have been|were) sold",
     "records_sold"),
    (r"(?:what(?:'s| is)|anything) (?:coming up|upcoming|planned|on the horizon) for (?P<n>.+?)",
     "upcoming"),
    (r"what(?:'s| is) (?P<n>.+?) (?:doing next|up to)", "upcoming"),
    (r"(?:what(?:'s| is| was)) (?P<n>.+?)(?:'s?) (?:latest|newest|most recent|last|new) "
     rf"(?:{_KIND}|music)", "latest_release"),
    (rf"(?:what(?:'s| is| was)) the (?:latest|newest|most recent|last) {_KIND}? ?(?:by|from) "
     r"(?P<n>.+?)", "latest_release"),
    (rf"(?:what(?:'s| is| will be)) (?P<n>.+?)(?:'s?) next (?:{_KIND}|music)", "next_release"),
    (rf"(?:what(?:'s| is)) the next {_KIND}? ?(?:by|from) (?P<n>.+?)", "next_release"),
    (r"what (?:was|is) the (?:original|first|old|initial) release date (?:of|for) (?P<n>.+?)",
     "original_date"),
    (r"what (?:was|is) the release date (?:of|for) (?P<n>.+?)", "release_date"),
    (r"when (?:was|is) (?P<n>.+?) (?:originally|first) (?:due|scheduled|planned|set)(?: .*)?",
     "original_date"),
    (rf"when (?:did|does|do|will|is|was|are|were|'s) (?P<n>.+?) (?:now |finally |officially )?"
     rf"{_DONE}(?: (?:now|again|officially|in stores|on streaming))?", "release_date"),
    (r"when (?:is|was) (?P<n>.+?) (?:due|scheduled|set|slated|expected)(?: .*)?", "release_date"),
    (r"who (?:else )?(?:is|was|features|appears|guests|joins \w+) on (?P<n>.+?)", "featuring"),
    (r"who (?:is|was) featured on (?P<n>.+?)", "featuring"),
    (r"(?:what do (?:we|you) know|what can you tell me|tell me|what's new|what is new|news) "
     r"(?:about|on|with) (?P<n>.+?)", "about"),
    (r"who (?:is|are) (?P<n>.+?)", "about"),
    (r"(?:show me )?(?:the )?(?:latest|recent|newest|last) (?:articles|news|stories|posts) "
     r"(?:about|on|for|from) (?P<n>.+?)", "articles"),
    (r"(?:articles|news|stories) (?:about|on) (?P<n>.+?)", "articles"),
]]

# "Lizzo's album Special", "Holy Fuck's Bird Brains EP", "the So Good music video".
_POSSESSIVE = _rx(rf"(?P<a>.+?)['’]s?\s+(?:(?:new|upcoming|latest|next|debut)\s+)*"
                  rf"(?:(?P<k>{_KIND})\s+)?(?P<t>.+)")
_ARTIST_ONLY = _rx(rf"(?P<a>.+?)['’]s?\s+(?:(?P<adj>new|upcoming|latest|next|debut)\s+)*"
                   rf"(?P<k>{_KIND})s?")
_LEAD = _rx(rf"^(?:the\s+)?(?:(?:music\s+)?video\s+for\s+|(?:new\s+)?{_KIND}\s+(?=[\"'‘“]))")
_TRAIL = _rx(rf"\s+(?:official\s+)?(?:music\s+video|video|{_KIND})$")
_BY = _rx(r"(?P<t>.+?)\s+(?:by|from)\s+(?P<a>.+)")


_OTHER_WHEN = _rx(r"(?:where and when|when and where|when|what date|what day|on what date)"
                  r"\s+(?:\w+\s+)?(?P<n>.+)")


def _clean(name: str) -> str:
    name = name.strip().strip(_QUOTES + " ,.").strip()
    return re.sub(r"\s+", " ", name)


def _split(name: str) -> tuple[str, str | None, bool, str | None]:
    """The thing named, its artist, whether only the artist was named, and the kind word."""
    # A leading "the" is dropped: the resolver matches names with and without it.
    quoted = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)[:1] in _QUOTES
    name = _clean(_LEAD.sub("", re.sub(r"^the\s+", "", _clean(name), flags=re.IGNORECASE)))
    # A quoted title ("'Bird Brains' video") is a release, never an artist's possessive.
    only = None if quoted else _ARTIST_ONLY.fullmatch(name)
    if only:
        return _clean(only.group("a")), None, True, only.group("k").lower()
    owned = None if quoted else _POSSESSIVE.fullmatch(name)
    if owned and not owned.group("a").lower().startswith("the "):
        title = _TRAIL.sub("", _clean(owned.group("t")))
        return _clean(title), _clean(owned.group("a")), False, owned.group("k")
    by = _BY.fullmatch(name)
    if by:
        return _clean(_TRAIL.sub("", _clean(by.group("t")))), _clean(by.group("a")), False, None
    return _clean(_TRAIL.sub("", name)) or _clean(name), None, False, None


def parse_question(text: str) -> Question:
    """The question's intent and name; UserError for an empty, overlong or unknown form."""
    question = (text or "").strip()
    if not question:
        raise UserError(f"Ask a question about an artist or a release. {HINT}.")
    if len(question) > MAX_QUESTION:
        raise UserError(f"That question is {len(question)} characters; keep it under "
                        f"{MAX_QUESTION + 1}. {HINT}.")
    body = re.sub(r"[\s?!.]+$", "", re.sub(r"\s+", " ", question))
    for pattern, intent in _PATTERNS:
        match = pattern.fullmatch(body)
        if not match or not _clean(match.group("n")):
            continue
        raw = match.group("n")
        year = None
        if intent == "age":
            when = re.search(r"\b(?:in|by)\s+(?:\w+\s+)?((?:19|20)\d{2})\b", body)
            year = int(when.group(1)) if when else None
        if intent in ("label", "partner", "child", "records_sold", "age", "birthday",
                      "upcoming", "about", "articles", "latest_release", "next_release"):
            return Question(intent, _clean(raw), year=year)
        if intent == "featuring":
            # "on 'Song' with Artist": the artist named is a hint, the song the subject.
            raw = re.sub(r"\s+with\s+[^'‘’\"]+$", "", raw)
        name, artist, only, kind = _split(raw)
        if only and intent == "release_date":
            intent = "next_release"
        return Question(intent, name, artist, year, only, kind)
    other = _OTHER_WHEN.fullmatch(body)
    if other:
        # Any other "when …" question: the service finds the names in it and the dated fact
        # whose evidence shares the most words with it (a tour start, a TV date, a post).
        return Question("event", _clean(other.group("n")))
    raise UserError(f"I don't understand that question yet. {HINT}.")
