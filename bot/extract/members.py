"""Band members, only from membership wording: "X guitarist Y", joins, leaves, replaces."""

from __future__ import annotations

import re

from bot.extract.gates import any_of
from bot.extract.names import NAME, placeish, plausible, tidy
from bot.extract.people import PersonHit
from bot.extract.sentences import Sentence

BARE = "member?"  # a member only if the sentence names an act (see the extractor)
# A role in a band. "guitarist Y" alone is a trade, not a membership: a birthday list of
# "Guitarist Y is 70" names nobody's member; "X guitarist Y" and "the band's guitarist Y" do.
# "Atlanta rapper Y", "label founder Y": a place or a trade before these is no band, so a
# singer, a rapper or a founder is a member only when the wording says of what.
ROLE = (r"(?:guitarist|drummer|bassist|keyboardist|keyboard player|bass player|vocalist|"
        r"frontman|frontwoman|lead singer|pianist|violinist|saxophonist|trumpeter|"
        r"percussionist|member|bandmate|leader|maknae|main vocalist|main rapper|main dancer)")
ANY_ROLE = rf"(?:{ROLE}|singer|rapper|DJ|co-founder|founder)"
STANDING = r"(former\s+|founding\s+|original\s+|ex-|longtime\s+|new\s+|touring\s+)?"
BAND = r"(?:band|group|trio|duo|quartet|quintet|sextet|outfit|act|boy band|girl group)"
LISTED = rf"({NAME}(?:,\s+{NAME})*(?:,?\s+(?:and|&)\s+{NAME})?)"
# Who joined or left is a member or a former one of the act that follows; "joined X on stage"
# or "joined X for a song" is a guest spot, so the act must end the clause or be followed by
# words of membership.
CLAUSE_END = (r"(?=\s*(?:[.,;:)—–-]|$|\s+(?:as|in\s+(?:19|20)\d\d|last|this|earlier|after|back|"
              r"full[- ]time|permanently|officially|following|when|until|before)\b))")
JOIN = (r"(?:joined|joins|join|joining|rejoined|rejoins|rejoining|is joining|will join|"
        r"has joined|had joined|was recruited (?:to|by|into)|became (?:a )?member of)")
LEAVE = (r"(?:left|leaves|leaving|quit|quits|quitting|exited|exits|exiting|departed|departs|"
         r"departing|parted ways with|split from|was fired from|was dismissed from|"
         r"stepped down from|steps down from|stepping down from|walked away from|"
         r"is leaving|has left|had left|will leave|(?:announced|confirmed) (?:her|his|their) "
         r"(?:exit|departure) from)")
REPLACE = (r"(?:replaces|replaced|replacing|will replace|is replacing|has replaced|succeeds|"
           r"succeeded|succeeding|took over from|takes over from|stepping in for|steps in for|"
           r"in place of)")

# (pattern, relation, the group holding the person, the group holding the act or None)
RULES: list[tuple[re.Pattern[str], str, int, int | None]] = [
    # "Grey Harbour guitarist Joe Kell", "Grey Harbour's former drummer, Mark Dunne"
    (re.compile(rf"({NAME})(?:['’]s?)?\s+{STANDING}{ROLE}s?,?\s+{LISTED}"), "member", 3, 1),
    # "the band's guitarist Joe Kell", "their drummer, Leo Park", "its members A, B and C"
    (re.compile(rf"\b(?:(?i:the|this|that)\s+{BAND}['’]s?|(?i:their|its|his|her|band|group|fellow))\s+{STANDING}{ROLE}s?,?\s+"
                rf"{LISTED}"), "member", 2, None),
    # "founding guitarist Joe Kell", "former frontman Mark Dunne", "frontman Jonah Reyes"
    (re.compile(rf"(?:^|[^\w'’]\s*)(?i:(former|founding|original|ex-)\s*(?:guitarist|drummer|"
                rf"bassist|keyboardist|vocalist|frontman|frontwoman|lead singer|member)|"
                rf"frontman|frontwoman|lead singer)\s*,?\s+({NAME})"), "member", 2, None),
    # "Joe Kell, the band's guitarist", "Joe Kell, Grey Harbour's drummer"
    (re.compile(rf"({NAME}),\s+(?:the\s+{BAND}|{NAME})['’]s?\s+{STANDING}{ANY_ROLE}\b"),
     "member", 1, None),
    # "Joe Kell, a founding member of Grey Harbour", "Ana Ruiz, the drummer for Velvet Owl"
    (re.compile(rf"({NAME}),?\s+(?:who\s+(?:is|was)\s+)?(?:a|an|the|one|also)\s+(?:of\s+the\s+)?"
                rf"{STANDING}{ANY_ROLE}s?\s+(?:of|for|with)\s+(?:the\s+{BAND}\s+)?({NAME})"),
     "member", 1, 3),
    # "Joe Kell joined Grey Harbour in 2020", "Ana Ruiz has left Velvet Owl"
    (re.compile(rf"({NAME})(?:,\s+[^,]{{1,80}},|,)?\s+(?:(?:has|had|have|officially|"
                rf"formally|also|then|later|finally|now)\s+)*{JOIN}\s+(?:the\s+)?"
                rf"(?:{BAND}\s+)?({NAME}){CLAUSE_END}"), "member", 1, 2),
    (re.compile(rf"({NAME})(?:,\s+[^,]{{1,80}},|,)?\s+(?:(?:has|had|have|officially|"
                rf"formally|also|then|later|finally|now|abruptly|suddenly)\s+)*{LEAVE}\s+"
                rf"(?:the\s+)?(?:{BAND}\s+)?({NAME}){CLAUSE_END}"), "former member", 1, 2),
    # "Drummer Pete Lane rejoined the band", "Ana Ruiz has left the group"
    (re.compile(rf"({NAME})(?:,\s+[^,]{{1,80}},|,)?\s+(?:(?:has|had|have|officially|also|then|"
                rf"later|finally|now)\s+)*{JOIN}\s+(?i:the|their|this)\s+{BAND}\b"),
     "member", 1, None),
    # ("Drummer Ike Moss joined in 1999 and left the band in 2008": he left it)
    (re.compile(rf"({NAME})(?:,\s+[^,]{{1,80}},|,)?\s+(?:(?:re)?joined\b[^.;,]{{0,40}}?\s+and\s+)?"
                rf"(?:(?:has|had|have|officially|also|then|"
                rf"later|finally|now|abruptly|suddenly)\s+)*{LEAVE}\s+(?i:the|their|this)\s+"
                rf"{BAND}\b"), "former member", 1, None),
    # "Grey Harbour have parted ways with guitarist Nell Crane": the act lets a member go
    (re.compile(rf"({NAME})\s+(?:(?:has|have|had|officially|also)\s+)*(?:parted ways with|"
                rf"split with|fired|dismissed|let go of|announced the departure of)\s+"
                rf"(?:(?:founding|longtime|original)\s+)?(?:{ANY_ROLE}\s+)?({NAME})"),
     "former member", 2, 1),
    (re.compile(rf"\b(?:parting ways with|parted ways with|part ways with|fired|dismissed|"
                rf"let go of)\s+(?:(?:founding|longtime|original)\s+)?{ROLE}\s+({NAME})"),
     "former member", 1, None),
    # "Mark Dunne's departure from Grey Harbour"
    (re.compile(rf"({NAME})['’]s?\s+(?:departure|exit|firing|dismissal)\s+from\s+(?:the\s+)?"
                rf"({NAME})"), "former member", 1, 2),
    # "Joe Kell, who replaces Mark Dunne": the replaced one is a former member ...
    (re.compile(rf"\b{REPLACE}\s+(?:(?:former|departed|departing|outgoing|longtime|original|"
                rf"founding)\s+)*(?:(?:guitarist|drummer|bassist|keyboardist|vocalist|singer|"
                rf"frontman|frontwoman|member)\s+)?({NAME})"), "former member", 1, None),
    # ... and the one who replaces them is a member
    (re.compile(rf"({NAME})(?:,\s+who)?\s+(?:(?:has|had|will|is|was)\s+)*(?:replaces|replaced|"
                rf"replacing|replace|succeeds|succeeded|takes over from|took over from)\s+"
                rf"(?:(?:former|departed|departing|outgoing|longtime|original|founding)\s+)*"
                rf"(?:[\w-]+\s+)?{NAME}"), "member", 1, None),
    # "Ada Brenn left in 2024 and was replaced by Mika Sol": the one named after "by" is the
    # member, the subject the former one
    # ("will be replaced on the band's tour by Tom Fry of the Dust Riders and Nia Cole")
    (re.compile(rf"\b(?:replaced|succeeded)(?:\s+(?!by\b)[\w'’-]+){{0,8}}?\s+by\s+"
                rf"(?:(?:new|touring|former)\s+)?(?:{ANY_ROLE}\s+)?{LISTED}"), "member", 1, None),
    (re.compile(rf"({NAME})(?:,\s+[^,]{{1,80}},)?\s+(?:(?:was|were|has been|had been|will be|"
                rf"is being|is to be)\s+)(?:replaced|succeeded)\s+by\b"), "former member", 1, None),
    # "Drummer Pete Crane of The Marrow Kings", "Bassist Ada Ford (Velvet Mile)": a band role,
    # the person, then whose band
    (re.compile(rf"\b(?i:guitarist|drummer|bassist|keyboardist|vocalist|frontman|frontwoman|"
                rf"lead singer)\s+({NAME}?)\s+of\s+(?:the\s+(?:band|group)\s+)?({NAME})"),
     "member", 1, 2),
    (re.compile(rf"\b(?i:guitarist|drummer|bassist|keyboardist|vocalist|frontman|frontwoman|"
                rf"lead singer)\s+({NAME})\s+\(({NAME})\)"), "member", 1, 2),
    # "Chris Vale and company", "Chris Vale & co."
    (re.compile(rf"({NAME})\s+(?:and company|&\s+co\.)"), "member", 1, None),
    # "delaying their comeback due to vocalist Rian's injury": a bare role is a member only in
    # a sentence that names an act or the band (the extractor checks), never after a family
    # word ("her husband, drummer Leo Park"); "Guitarist Ray Kell is 70" names no band.
    # (nor after "touring" or "session": "with touring drummer Sam Kettle filling in")
    (re.compile(rf"(?<!husband, )(?<!wife, )(?<!partner, )(?<!brother, )(?<!sister, )"
                rf"(?<!father, )(?<!mother, )(?<!friend, )(?<!touring )(?<!session )"
                rf"(?<!Touring )(?<!Session )\b(?i:guitarist|drummer|"
                # (a "rapper X" alone is a trade: "a late challenge from rapper Kid Orbit")
                rf"bassist|keyboardist|vocalist|main vocalist|main rapper|lead rapper|"
                rf"bandmates?|members?|pianist)"
                rf",?\s+({NAME})"),
     BARE, 1, None),
    # "co-founded the group with singer Iris Vane in 2003": a founder is a member
    # ("co-founded the Manchester indie band with singer Ellie Shaw")
    (re.compile(rf"\b(?:co-)?founded\s+(?i:the|their|this)\s+(?:[\w-]+\s+){{0,2}}?{BAND}\s+"
                rf"(?:in\s+\d{{4}}\s+)?with\s+"
                rf"(?:(?:fellow\s+)?{ANY_ROLE}\s+)?({NAME})"), "member", 1, None),
]
ROLE_WORDS = ("guitar", "drum", "bass", "keyboard", "vocal", "front", "singer", "rapper", "dj",
              "pianist", "violin", "sax", "trumpet", "percussion", "member", "bandmate", "founder",
              "leader", "maknae")
LEAVE_WORDS = ("left", "leav", "quit", "exit", "depart", "parted", "split", "fired", "dismiss",
               "stepped down", "steps down", "stepping down", "walked away")
# A cheap test per rule (substrings of the folded sentence): a rule that starts with a name is
# tried at every capital letter, so it runs only where its key words are.
STRICT_ROLES = ("guitar", "drum", "bass", "keyboard", "vocal", "front", "lead singer",
                "pianist", "violin", "sax", "trumpet", "percussion", "member", "bandmate", "leader",
                "maknae")
GATES: list[tuple[str, ...]] = [
    STRICT_ROLES, STRICT_ROLES, ("former", "founding", "original", "ex-", "front", "lead singer"),
    ROLE_WORDS, ROLE_WORDS,
    ("join", "recruited", "became"), LEAVE_WORDS, ("join", "recruited", "became"), LEAVE_WORDS,
    ("parted", "split", "fired", "dismiss", "let go", "departure of"),
    ("parting ways", "parted ways", "part ways", "fired", "dismiss", "let go"),
    ("departure", "exit", "firing", "dismissal"),
    ("replac", "succeed", "took over", "takes over", "in for", "in place"),
    ("replac", "succeed", "took over", "takes over"),
    ("replaced", "succeeded"), ("replaced by", "succeeded by"),
    ("guitarist", "drummer", "bassist", "keyboardist", "vocalist", "front", "lead singer"),
    ("guitarist", "drummer", "bassist", "keyboardist", "vocalist", "front", "lead singer"),
    ("company", "& co"),
    ("guitarist", "drummer", "bassist", "keyboardist", "vocalist", "rapper", "bandmate", "member",
     "pianist"),
    ("founded",),
]
ALL_WORDS = tuple(dict.fromkeys(w for words in GATES for w in words))
GATE_PATTERNS = [any_of(words) for words in GATES]
ANY_WORD = any_of((*ALL_WORDS, "includes", "included", "consists", "consisted", "made up",
                   "comprise"))
# "the single replaced Tall Grass at No. 1": replacing is membership only in a sentence about
# a band's line-up.
LINEUP = re.compile(r"\b(?:band|group|member|members|guitarist|drummer|bassist|keyboardist|"
                    r"vocalist|singer|frontman|frontwoman|joined|joins|left|leaves|line-?up|"
                    r"bandmates?)\b", re.I)
REPLACING = 12  # the index of the first replacing rule in RULES
# Words that say an act of the sentence is a band, so whom one joins or leaves is an act.
BAND_WORDS = re.compile(r"\b(?:band|group|duo|trio|quartet|quintet|line-?up|bandmates?|"
                        r"guitarist|drummer|bassist|keyboardist|vocalist|frontman|frontwoman|"
                        r"lead singer|members?)\b", re.I)
ORG = re.compile(r"\b(?:Records|Recordings|Music|Entertainment|Label|Festival|Awards?|Radio|"
                 r"Network|Inc|Ltd|LLC|University|Academy|School|Orchestra)\b")
SPLIT = re.compile(r",\s+(?:and\s+|&\s+)?|\s+(?:and|&)\s+")
# A word a role sits after that names no act: "Legendary guitarist", "Session drummer".
NOT_BANDS = frozenset(("session", "touring", "live", "studio", "lead", "bass", "rhythm", "jazz",
                       "soul", "blues", "metal", "punk", "folk", "indie", "fellow", "the", "new",
                       "former", "founding", "original", "longtime", "guest", "virtuoso",
                       "celebrated", "renowned", "talented", "young", "veteran", "award-winning",
                       "grammy-winning", "multi-instrumentalist", "child", "teen", "k-pop",
                       "j-pop", "world-famous", "solo", "backing", "main", "sub", "lead vocalist"))


FORMER_BEFORE = re.compile(r"\b(?:former|ex-)\s*$", re.I)
FORMER_OPENS = re.compile(r"(?:Former\s+|Ex-\s*)")  # "Former Velvet Mile guitarist Rob Calder"
# "The seven-member group includes leader A, main vocalist B, and the youngest member, C": a
# line-up spelt out, each name with or without its role
LINEUP_LIST = re.compile(rf"\b(?i:the|their|its)\s+(?:[\w-]+\s+)?{BAND}(?:['’]s\s+line-?up)?\s+"
                         rf"(?:includes|included|consists of|consisted of|is made up of|"
                         rf"comprises|comprised)\s+([^.;:()]{{3,300}})")
LINEUP_WORDS = any_of(("includes", "included", "consists", "consisted", "made up", "comprise"))
NAME_RE = re.compile(NAME)
POSSESSIVE_INSIDE = re.compile(r"\w['’]s\s")


def find_members(text: str) -> list[PersonHit]:
    """Members and former members a sentence names, with the act it says they belong to."""
    folded = text.casefold()
    if not ANY_WORD.search(folded):
        return []
    hits: list[PersonHit] = []
    # read only when a rule needs them: most sentences that pass the gate name no member
    lineup: bool | None = None
    band_words: bool | None = None
    for index, ((pattern, relation, who, act), gate) in enumerate(
            zip(RULES, GATE_PATTERNS, strict=True)):
        if not gate.search(folded):
            continue
        if REPLACING <= index <= REPLACING + 3:
            if lineup is None:
                lineup = LINEUP.search(text) is not None
            if not lineup:
                continue
        for m in pattern.finditer(text):
            of = tidy(m.group(act)) if act is not None else None
            if of is not None and placeish(of):
                continue  # "Guitarist Tom Vale of Nashville": where he is from, no band
            if of is not None and (of.casefold() in NOT_BANDS or not plausible(of)
                                   or ORG.search(of)):
                if act == 1 and who == 3:  # "Session drummer Leo Park": no band named
                    continue
                of = None
            rel = relation
            standing = next((g for g in m.groups() if g and re.fullmatch(
                r"(?:former|ex-|original|founding)\s*", g, re.I)), None)
            if (relation == "member" and standing is None and act == 1 and who == 3
                    and (FORMER_BEFORE.search(text, 0, m.start())
                         or FORMER_OPENS.match(m.group(act)))):
                standing = "former"  # "the former Ember guitarist Dale Corrigan"
            if relation == "member" and standing:
                rel = "original member" if standing.strip().casefold() in (
                    "original", "founding") else "former member"
            if of is not None and band_words is None:
                band_words = BAND_WORDS.search(text) is not None
            for raw in SPLIT.split(m.group(who)):
                name = tidy(raw)
                if " of " in name and len(name.split(" of ")[0].split()) >= 2:
                    # "Tom Fry of the Dust Riders": the person, not the band he comes from
                    name = name.split(" of ")[0]
                if POSSESSIVE_INSIDE.search(name):
                    continue  # "rapper Kiro Dane's Blue Hour Tapes": his record, no member
                if plausible(name) and name != of and name.casefold() not in NOT_BANDS:
                    hits.append(PersonHit(name, rel, text, m.start(), of,
                                          of is not None and bool(band_words)))
    hits += _lineup(text, folded)
    # "Drummer Pete Crane of The Marrow Kings": the person is "Pete Crane", not a name that
    # runs on into his band's
    split = {h.name for h in hits if h.of is not None}
    return [h for h in hits if not (" of " in h.name and h.name.split(" of ")[0] in split)]


def _lineup(text: str, folded: str) -> list[PersonHit]:
    """Members of a line-up the sentence lists ("The group includes leader A, B and C")."""
    if not LINEUP_WORDS.search(folded):
        return []
    hits: list[PersonHit] = []
    for m in LINEUP_LIST.finditer(text):
        for item in SPLIT.split(m.group(1)):
            names = NAME_RE.findall(item)
            name = tidy(names[-1]) if names else ""
            if plausible(name) and len(item) <= 60 and name.casefold() not in NOT_BANDS:
                hits.append(PersonHit(name, "member", text, m.start(), None, True))
    return hits


# "The Halloway Sisters", "Cole Brothers": a family band, named for the family
FAMILY_BAND = re.compile(r"^(?:The\s+)?(\S+)\s+(?:Sisters|Brothers|Family|Twins|Boys|Girls)$")


def family_members(acts: list[str], sents: list[Sentence]) -> list[PersonHit]:
    """The acts named like a family band's family ("Ruth Halloway" beside "The Halloway
    Sisters"): its members, never acts of their own."""
    families = {m.group(1): a for a in acts if (m := FAMILY_BAND.match(a))}
    out: list[PersonHit] = []
    for act in acts if families else ():
        words = act.split()
        band = families.get(words[-1]) if len(words) >= 2 and act not in families.values() \
            else None
        said = next((s for s in sents if act in s.text), None) if band else None
        if band is not None and said is not None:
            out.append(PersonHit(act, "member", said.text, said.text.index(act), band, True))
    return out
