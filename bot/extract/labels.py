"""Record labels, read only from label wording ("signed to X", "out via X Records")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.extract.attribution import artist_in, last_act
from bot.extract.names import NAME, plausible, tidy
from bot.extract.sentences import Sentence

SUFFIX = r"(?:Records|Recordings|Music Group|Label Group|Label|Records Group)"
# Only wording that is about a label: a deal ("signed to"), a release put out on, via or through
# a company named as a label, or the label as the one releasing ("X Records will release").
PATTERNS = [
    # "signed to X", "signed a deal with X", "inked a deal with X"
    re.compile(rf"\b(?:signed|signs|signing|inked)\s+(?:a\s+(?:[\w-]+\s+)?(?:deal|contract)\s+)?"
               rf"(?:to|with)\s+({NAME})"),
    # "on X Records", "via X Recordings", "through X Label", "under X Records"
    re.compile(rf"\b(?:on|via|through|under|by|from|with)\s+({NAME}\s+{SUFFIX})\b"),
    # "X Records will release", "X Records released", "X Records announced the album"
    re.compile(rf"\b({NAME}\s+{SUFFIX})\s+(?:(?:has|have|will|is|are|also|just)\s+)*"
               rf"(?:releas\w*|put\w* out|issu\w*|reissu\w*|announc\w*|signed|shar\w*)\b"),
    # "out via X", "released via X", "the album arrives May 3 via X": a bare name after via
    re.compile(rf"\b(?:out|released?|releasing|arrives?|drops?|available)\b[^.;]{{0,40}}?"
               rf"\bvia\s+({NAME})"),
    # "her label, X", "on her own imprint X"
    # ("Label Atlas Sound announced Monday …" opening a sentence)
    re.compile(rf"\b(?:label|imprint|Label|Imprint),?\s+({NAME})"),
    # "the boy group's agency, Starline Entertainment,", "under Starline Entertainment": a
    # K-pop act's agency is its label (a talent agency without such a name is not)
    re.compile(rf"\b(?:agency|under)\s*,?\s+({NAME}\s+(?:Entertainment|Music|Labels))\b"),
    # "Capitol Records said she needed to post": a company named as a label, speaking for it
    re.compile(rf"\b({NAME}\s+(?:Records|Recordings))\s+(?:(?:has|have|had|also|later)\s+)*"
               rf"(?:said|says|told|confirmed|stated|insisted|wanted|asked)\b"),
    # "The album is out 11/3 on Capitol.": a company right after a release's date, ending it
    re.compile(rf"\b(?:is|are)\s+out\s+(?:now|(?:on\s+)?[\w/.]+(?:\s+\d{{1,2}})?)\s+"
               rf"on\s+({NAME})(?=\s*[.;]|$)"),
]
# Labels named by one word that is never an act's name ("out 11/3 on Capitol")
LABEL_NAMES = frozenset(("capitol", "columbia", "atlantic", "interscope", "rca", "sony",
                         "universal", "warner", "island", "epic", "motown", "def jam",
                         "geffen", "elektra", "polydor", "parlophone", "virgin", "domino"))
# Where a release is heard or sold, never who put it out
PLATFORMS = frozenset(("spotify", "apple music", "youtube", "youtube music", "tidal", "amazon",
                       "amazon music", "deezer", "soundcloud", "bandcamp", "tiktok", "itunes",
                       "netflix", "pandora", "vinyl", "cd", "cassette"))
GATE = re.compile(r"Records|Recordings|Label|label|signed|signs|signing|inked|via|imprint|"
                  r"out |Entertainment|Music|Labels")
# A label is never a promoter or a ticket seller: a clause about tickets, shows or a tour does
# not name a label, whoever the company is.
TICKETS = re.compile(r"\b(?:tickets?|presales?|pre-sale|on sale|sale|box office|seats?|"
                     r"passes|concerts?|shows?|tour(?:s|ing)?|gigs?|festival|venue|arena|"
                     r"stadium|promot\w+|livestream|stream(?:ed|ing)?|broadcast|"
                     r"sponsor\w*|merch\w*|fan club|members?hip|available on)\b", re.I)
CLAUSE = re.compile(r"[.;!?]|,\s+(?:and|but|while)\b|\s+(?:and|while)\s+(?=[a-z])")


def _clause(text: str, start: int, end: int) -> str:
    """The clause holding text[start:end]: from the previous clause break to the next one."""
    breaks = [m.end() for m in CLAUSE.finditer(text, 0, start)]
    left = breaks[-1] if breaks else 0
    nxt = CLAUSE.search(text, end)
    return text[left:nxt.start() if nxt else len(text)]


def labels(sents: list[Sentence], acts: list[str], main: str | None,
           releases: Sequence[tuple[str, str]] = ()) -> list[tuple[str, str, str]]:
    """(artist, label, evidence): the act the label's sentence names, else the act of a
    release it names ("The Rest Of It All is out 11/3 on Capitol": whose album that is),
    else the act named last before it, else the article's act."""
    out: list[tuple[str, str, str]] = []
    folded_acts = {a.casefold() for a in acts}
    texts = [s.text for s in sents]
    for index, s in enumerate(sents):
        if not GATE.search(s.text):
            continue
        for pattern in PATTERNS:
            for m in pattern.finditer(s.text):
                name = tidy(m.group(1))
                if (not (plausible(name) or name.casefold() in LABEL_NAMES)
                        or name.casefold() in folded_acts
                        or name.casefold() in ("records", "the records")
                        or name.casefold() in PLATFORMS):
                    continue
                if TICKETS.search(_clause(s.text, m.start(), m.end())):
                    continue  # "tickets go on sale via X", "the tour is promoted through X"
                owner = (artist_in(s.text, m.start(1), acts) or _release_owner(s.text, releases)
                         or last_act(texts, index, acts) or main)
                if owner and (owner, name) not in {(a, b) for a, b, _ in out}:
                    out.append((owner, name, s.text))
    return out


def _release_owner(text: str, releases: Sequence[tuple[str, str]]) -> str | None:
    """The act of the one release the sentence names by its title, if it names one."""
    owners = {artist for title, artist in releases
              if len(title) > 2 and re.search(rf"(?<!\w){re.escape(title)}(?!\w)", text)}
    return owners.pop() if len(owners) == 1 else None
