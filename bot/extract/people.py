"""People related to an act or a release: directors, producers, partners, children, members."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.gates import KeyWords
from bot.extract.names import AGE_ASIDE, NAME, TRADE_WORDS, drop_trade, plausible, tidy

PARTNER = (r"(?:boyfriend|girlfriend|partner|husband|wife|fianc[ée]e?|spouse|ex-wife|ex-husband|"
           r"ex-girlfriend|ex-boyfriend|ex-partner|former wife|former husband)")
CHILD = (r"(?:son|daughter|child|baby girl|baby boy|sons|daughters|children|kids?|newborn|"
         r"baby|firstborn|twins)")
MEMBER = (r"(?i:guitarist|drummer|bassist|keyboardist|bandmate|band member|member|vocalist|"
          r"frontman|frontwoman|lead singer|pianist|violinist)")
AGED = r"(?:\d+-year-old\s+)?"
LIST = (rf"({NAME}(?:,\s+(?:\d+,\s+)?(?:and\s+)?{AGED}{NAME})*"
        rf"(?:,?\s+(?:\d+,\s+)?and\s+{AGED}{NAME})?)")

# "co-written by member Jiwon and producer Ryan Cole": a trade may stand before each name
# ("Nashville songwriter Trent Miles": a place before the trade is no name of its own)
TRADE = (rf"(?:(?:[A-Z][\w-]+\s+)?"
         rf"(?:{'|'.join(sorted(TRADE_WORDS | {'bandmate'}, key=len, reverse=True))})\s+)?")
CREDITS = (rf"({TRADE}{NAME}(?:,\s+(?:and\s+)?{TRADE}{NAME})*"
           rf"(?:,?\s+and\s+{TRADE}{NAME})?)")

# "produced by longtime collaborator Jim Beck"
# "her husband, the jazz drummer Leo Park": what a relative does, between the word and the name
# (a word before the trade only after "the": "the husband whereas actress Y" names no wife)
WHO_IS = (r"(?:(?:the\s+(?:[a-z][\w-]+\s+)?)?(?:singer|rapper|actress|actor|model|producer|dancer|"
          r"musician|songwriter|singer-songwriter|drummer|guitarist|bassist|keyboardist|pianist|"
          r"DJ|director|photographer|writer|author|comedian|chef|athlete|star|saxophonist|"
          r"trumpeter|violinist|cellist|percussionist|composer|conductor|entrepreneur|"
          r"businessman|businesswoman|footballer|hockey player|basketball player|"
          r"baseball player|tennis player|influencer|designer)\s+)?")
DESCRIBED = (r"(?:(?:longtime|long-time|frequent|fellow|acclaimed|veteran|famed|renowned|"
             r"collaborator|director|producer|filmmaker|photographer|friend|star|hitmaker|"
             r"hit-maker|super-?producer|songwriter|composer|in-house)\s+)*")
RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:[Dd]irected|helmed)\s+by\s+{DESCRIBED}{LIST}"), "director"),
    (re.compile(rf"\b(?:[Pp]roduced|co-produced)\s+by\s+(?:a\s+(?:trio|team|pair|duo)\s+of\s+"
                rf"(?:the\s+\w+['’]s?\s+|her\s+|his\s+|their\s+)?(?:longtime\s+)?"
                rf"collaborators,?\s+)?{DESCRIBED}{LIST}"), "producer"),
    (re.compile(rf"\b(?:[Ww]ritten|co-written|penned|co-penned)\s+by\s+{CREDITS}"), "writer"),
    (re.compile(rf"\b(?:[Hh]osted)\s+by\s+({NAME})"), "host"),
    (re.compile(rf"\b({NAME})\s+(?:directing|directs|directed|will direct)\b"), "director"),
    (re.compile(rf"\b({NAME})\s+(?:producing|produced|co-produced)\s+(?:the|it|this|her|his)\b"),
     "producer"),
    (re.compile(rf"(?:^|[\s,])(?!The\b)({NAME})\s+(?:co-written|co-penned|co-wrote)\b"), "writer"),
    (re.compile(rf"\b(?:co-produced|produced)\s+(?:[\w-]+\s+){{0,3}}?with\s+{DESCRIBED}({NAME})"),
     "producer"),
    # ("her boyfriend of five years, actor Theo Marsh")
    (re.compile(rf"\b(ex-)?{PARTNER}(?:\s+of\s+(?:\w+|\d+)\s+(?:years|months))?,?\s+"
                rf"(?:(?:is|was)\s+)?{WHO_IS}({NAME})"), "partner"),
    (re.compile(rf"\b(?:married to|engaged to|dating|romantically linked to|wed|married|"
                rf"marrying|weds)\s+(?:(?:his|her)\s+)?(?:longtime\s+(?:partner\s+)?)?{WHO_IS}"
                rf"({NAME})"), "partner"),
    # "Tessa Lane and rapper Jon Ardent tied the knot": the second is the first's partner
    # ("…, 26 and Jon Ardent, 38 (Jonathan Ard) exchanged their wedding vows", "… married on")
    (re.compile(rf"\band\s+{WHO_IS}({NAME}){AGE_ASIDE}?(?:\s+\([^()]{{1,60}}\))?,?\s+"
                rf"(?:(?:have|had|have\s+officially)\s+)?"
                rf"(?:tied the knot|got married|are married|were married|"
                rf"exchanged (?:their )?(?:wedding )?vows|married (?=on|in|at|last|this)|"
                rf"wed (?=on|in|at|last|this)|(?:got|are|were) engaged)\b"), "partner"),
    # "Sands previously dated DJ Rory Vale from 2016 to 2019": a partner no more
    (re.compile(rf"\b(?:previously|formerly|once|briefly|also|who|has|had)\s+dated\s+{WHO_IS}"
                rf"({NAME})"), "former partner"),
    # "the daughter of Tom Reyes": a parent (before the child rule, which would take the name)
    (re.compile(rf"\b(?:son|daughter|child|stepson|stepdaughter)\s+of\s+(?:the\s+late\s+)?"
                rf"(?:(?:singer|rapper|musician|actor|actress|producer)\s+)?({NAME})"), "parent"),
    # ("the newborn, whom the couple named Remy")
    (re.compile(rf"\b{CHILD},?\s+(?:(?:(?:whom|who)\s+)?(?:they|she|he|the\s+couple|the\s+pair)"
                rf"\s+(?:have\s+|has\s+)?named\s+|named\s+|called\s+|"
                rf"(?:the\s+(?:[a-z][\w-]+\s+)?)(?:singer|rapper|musician|actress|actor|"
                rf"producer|songwriter|drummer|guitarist|DJ)\s+)?{LIST}"),
     "child"),
    (re.compile(rf"\b(?:record executive|executive|manager|A&R|CEO|president|founder),?\s+"
                rf"({NAME})"), "executive"),
    # "longtime collaborator Jimmy Vale", "co-writers A, B and C", "producers Moonlane"
    (re.compile(rf"\b(?:longtime\s+|long-time\s+|frequent\s+)?(?i:collaborators?),?\s+{LIST}"),
     "collaborator"),
    # ("singer and producer Vexa" is a trade, not a relation)
    (re.compile(rf"(?<!and )(?<!singer-)\b(?i:co-writers?|co-producers?|producers?)\s+"
                rf"(?:(?:include|including|were|are)\s+)?{LIST}"), "producer"),
    # "co-wrote the single with Jonah Reyes and Ada Quill": the ones it was written with
    # ("who co-wrote X, signed a publishing deal with Y": a deal's partner, in the next clause)
    (re.compile(rf"\b(?:co-wrote|co-written|wrote|penned|co-penned)\s+"
                rf"(?:(?:(?!,[”\"’']?\s+(?:signed|said|told|joined|announced|is|was|has)\b)"
                rf"[^.;]){{0,80}}?\s)?(?<!deal )(?<!contract )(?<!agreement )"
                rf"with\s+{CREDITS}"), "writer"),
    # "shot by director Leo Park", "filmed by Ana Ruiz"
    (re.compile(rf"\b(?:shot|filmed|helmed)\s+by\s+{DESCRIBED}{LIST}"), "director"),
    # "mixed by Tess Harlan", "a string arrangement by Pell Harrow", "guest vocals from Kesh Ola"
    # ("remastered by engineer Pete Ruiz": the trade before the name is no part of it)
    (re.compile(rf"\b(?:mixed|engineered|(?:re)?mastered|arranged|(?:string\s+|horn\s+)?"
                rf"arrangements?|(?:guest\s+|backing\s+)?vocals)\s+(?:by|from)\s+"
                rf"(?:(?:(?:mastering|mixing|recording|sound)\s+)?engineer\s+|{DESCRIBED}){LIST}"),
     "collaborator"),
    # "his brother-in-law Chuck Vale", "her sister, Ana Vale"
    (re.compile(rf"\b(?:[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w.-]*['’]s?)\s+(?:(?:older|younger|big|little|"
                rf"late|twin)\s+)?(?:brother|sister|brother-in-law|sister-in-law|cousin|uncle|"
                rf"aunt|nephew|niece|mother|father|grandmother|grandfather|mom|dad),?\s+{WHO_IS}"
                rf"({NAME})"),
     "relative"),
    # "Ji-woo, who turns 24 in March, wrote the lyrics for "Starlight Run"": the song's writer
    (re.compile(rf"(?:^|[\s,])(?!The\b)({NAME})(?:,\s+[^,]{{1,60}},)?\s+(?:also\s+)?"
                rf"(?:wrote|penned|co-wrote|composed)\s+(?:the\s+)?(?:lyrics|words|music|melody)"
                rf"\s+(?:for|to|of)\b"), "writer"),
]
GATES: list[tuple[str, ...]] = [
    ("by",), ("by",), ("by",), ("by",), ("direct",), ("produc",), ("co-",),
    ("produced",),
    ("boyfriend", "girlfriend", "partner", "husband", "wife", "fianc", "spouse"),
    ("married", "engaged", "dating", "linked", "wed"),
    ("tied the knot", "married", "vows", "engaged", "wed "),
    ("dated",),
    (" of ",),
    ("son", "daughter", "child", "baby", "kid", "newborn", "firstborn", "twins"),
    ("executive", "manager", "a&r", "ceo", "president", "founder"),
    ("collaborator",),
    ("writer", "producer"),
    ("wrote", "written", "penned"), ("shot by", "filmed by", "helmed by"),
    ("mixed by", "engineered by", "mastered by", "arranged by", "arrangement", "vocals"),
    ("brother", "sister", "cousin", "uncle", "aunt", "nephew", "niece", "mother", "father",
     "mom", "dad"),
    ("wrote", "penned", "composed"),
]
# One pass per sentence finds every gate word; each rule's gate is then a set test.
KEYS = KeyWords(w for words in GATES for w in words)
GATE_SETS = [frozenset(words) for words in GATES]
AGE_LIST = re.compile(r"\s*(?:,\s*\d+,?|\d+-year-old)\s*")


@dataclass(frozen=True)
class PersonHit:
    name: str
    relation: str
    evidence: str
    start: int
    of: str | None = None  # whose relation it is, when the wording names them
    of_is_act: bool = False  # the wording says `of` is a band ("joined Grey Harbour's line-up")


def find_people(text: str) -> list[PersonHit]:
    """The people a sentence relates to an act, with the relation the wording gives."""
    hits: list[PersonHit] = []
    lowered = text.casefold()
    present = KEYS.found(lowered)
    for (pattern, relation), gate in zip(RULES, GATE_SETS, strict=True):
        if gate.isdisjoint(present):
            continue  # a rule starting with a name is costly: run it only where it can match
        for m in pattern.finditer(text):
            groups = [g for g in m.groups() if g is not None]
            raw = groups[-1]
            rel = relation
            if relation == "partner" and m.group(1) and m.group(1).startswith("ex"):
                rel = "former partner"
            if relation == "partner" and re.search(r"\bex-|\bformer\b", m.group(0)):
                rel = "former partner"
            of = _owner(text, m.start(), relation)
            names = [raw]
            if relation in ("child", "director", "producer", "writer", "collaborator"):
                names = [n for n in re.split(r",\s+(?:\d+,\s+)?(?:and\s+)?(?:\d+-year-old\s+)?|"
                                             r"\s+and\s+(?:\d+-year-old\s+)?", raw) if n]
            for index, name in enumerate(names):
                if index and re.search(r"['’]s?$", name):
                    # "Produced by Jack Vell, Ines Dorado's single": the list ended before
                    # the owner of what follows
                    break
                name = drop_trade(tidy(AGE_LIST.sub(" ", name)))
                if plausible(name) and not re.fullmatch(r"\d+", name):
                    hits.append(PersonHit(name, rel, text, m.start(), of))
    return hits


# Whose relation a family or partner wording states, read right before it: "Joe Kell, the son
# of Peter Kell" (Joe Kell's parent), "Mara Vale's husband", "Mara Vale and her wife",
# "Reyes, who married Lena Park".
KIN_BEFORE = re.compile(rf"({NAME}),?\s+(?:(?:is|was|who\s+is|who\s+was)\s+)?"
                        rf"(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){{0,2}}$")
HOLDER_BEFORE = re.compile(rf"({NAME})(?:['’]s?|\s+and\s+(?:his|her|their)|"
                           rf"\s+(?:(?:has|had|was|is|got)\s+)?(?:married|wed|divorced|"
                           rf"split from|engaged to|proposed to|dating)\s+(?:his|her|their))\s+"
                           rf"(?:(?:new|longtime|late|former|first|eldest|youngest|baby|"
                           rf"\d+-year-old)\s+)*(?:ex-)?$")
# ("Tessa Lane, 26 and …": her age between)
SUBJECT_BEFORE = re.compile(rf"({NAME})(?:,\s+who|,\s[^,]{{1,80}},|{AGE_ASIDE})?\s+"
                            rf"(?:(?:has|had|is|was|got|"
                            rf"secretly|quietly|reportedly|officially|recently|also|finally|"
                            rf"just|will|to)\s+)*(?:get\s+)?$")


def _owner(text: str, start: int, relation: str) -> str | None:
    """The person or act whose parent, child or partner the wording at `start` names."""
    head = text[max(0, start - 120):start]
    if relation == "parent":
        found = KIN_BEFORE.search(head)
    elif relation in ("partner", "child", "relative"):
        found = HOLDER_BEFORE.search(head) or (SUBJECT_BEFORE.search(head) if relation ==
                                               "partner" else None)
    else:
        return None
    if found is None:
        return None
    name = drop_trade(tidy(found.group(1)))  # "Drummer Ada Quill married her partner"
    return name if plausible(name) else None

