"""People related to an act or a release: directors, producers, partners, children, members."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.names import NAME, plausible, tidy

PARTNER = (r"(?:boyfriend|girlfriend|partner|husband|wife|fianc[ée]e?|spouse|ex-wife|ex-husband|"
           r"ex-girlfriend|ex-boyfriend|ex-partner|former wife|former husband)")
CHILD = r"(?:son|daughter|child|baby girl|baby boy|sons|daughters|children|kids?)"
MEMBER = (r"(?i:guitarist|drummer|bassist|keyboardist|bandmate|band member|member|vocalist|"
          r"frontman|frontwoman|lead singer|pianist|violinist)")
AGED = r"(?:\d+-year-old\s+)?"
LIST = (rf"({NAME}(?:,\s+(?:\d+,\s+)?(?:and\s+)?{AGED}{NAME})*"
        rf"(?:,?\s+(?:\d+,\s+)?and\s+{AGED}{NAME})?)")

# "produced by longtime collaborator Jim Beck"
DESCRIBED = (r"(?:(?:longtime|long-time|frequent|fellow|acclaimed|veteran|famed|renowned|"
             r"collaborator|director|producer|filmmaker|photographer|friend|star)\s+)*")
RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:[Dd]irected|helmed)\s+by\s+{DESCRIBED}({NAME})"), "director"),
    (re.compile(rf"\b(?:[Pp]roduced|co-produced)\s+by\s+{DESCRIBED}({NAME})"), "producer"),
    (re.compile(rf"\b(?:[Ww]ritten|co-written|penned|co-penned)\s+by\s+({NAME})"), "writer"),
    (re.compile(rf"\b(?:[Hh]osted)\s+by\s+({NAME})"), "host"),
    (re.compile(rf"\b({NAME})\s+(?:directing|directs|directed|will direct)\b"), "director"),
    (re.compile(rf"\b({NAME})\s+(?:producing|produced|co-produced)\s+(?:the|it|this|her|his)\b"),
     "producer"),
    (re.compile(rf"(?:^|[\s,])(?!The\b)({NAME})\s+(?:co-written|co-penned|co-wrote)\b"), "writer"),
    (re.compile(rf"\b(?:co-produced|produced)\s+(?:[\w-]+\s+){{0,3}}?with\s+({NAME})"),
     "producer"),
    (re.compile(rf"\b(ex-)?{PARTNER},?\s+(?:the\s+)?(?:(?:singer|rapper|actress|actor|model|producer|"
                rf"dancer|musician|songwriter|drummer|guitarist|bassist|keyboardist|DJ|director|"
                rf"photographer|writer|author|comedian|chef|athlete)\s+)?({NAME})"), "partner"),
    (re.compile(rf"\b(?:married to|engaged to|dating|romantically linked to|wed|married|"
                rf"marrying|weds)\s+(?:(?:singer|rapper|actress|actor|model|producer|dancer|"
                rf"musician|songwriter|longtime partner)\s+)?({NAME})"), "partner"),
    # "the daughter of Tom Reyes": a parent (before the child rule, which would take the name)
    (re.compile(rf"\b(?:son|daughter|child|stepson|stepdaughter)\s+of\s+(?:the\s+late\s+)?"
                rf"(?:(?:singer|rapper|musician|actor|actress|producer)\s+)?({NAME})"), "parent"),
    (re.compile(rf"\b{CHILD},?\s+(?:(?:they|she|he)\s+named\s+|named\s+|called\s+)?{LIST}"),
     "child"),
    (re.compile(rf"\b(former\s+|original\s+|ex-|founding\s+)?(?:[A-Z][\w-]+\s+)?{MEMBER},?\s+"
                rf"({NAME})"), "member"),
    (re.compile(rf"\b{MEMBER}s,?\s+{LIST}"), "member"),
    (re.compile(rf"\b({NAME})\s+and\s+company\b"), "member"),
    (re.compile(rf"\b(?:record executive|executive|manager|A&R|CEO|president|founder)\s+({NAME})"),
     "executive"),
]
GATES: list[tuple[str, ...]] = [
    ("by",), ("by",), ("by",), ("by",), ("direct",), ("produc",), ("co-",),
    ("produced",),
    ("boyfriend", "girlfriend", "partner", "husband", "wife", "fianc", "spouse"),
    ("married", "engaged", "dating", "linked", "wed"),
    (" of ",),
    ("son", "daughter", "child", "baby", "kid"),
    ("guitar", "drum", "bass", "keyboard", "bandmate", "member", "vocal", "front", "singer",
     "pianist", "violin"),
    ("guitarists", "drummers", "bassists", "members", "vocalists", "bandmates"),
    ("and company",),
    ("executive", "manager", "a&r", "ceo", "president", "founder"),
]
GATE_PATTERNS = [re.compile("|".join(re.escape(w) for w in words)) for words in GATES]
AGE_LIST = re.compile(r"\s*(?:,\s*\d+,?|\d+-year-old)\s*")


@dataclass(frozen=True)
class PersonHit:
    name: str
    relation: str
    evidence: str
    start: int


def find_people(text: str) -> list[PersonHit]:
    """The people a sentence relates to an act, with the relation the wording gives."""
    hits: list[PersonHit] = []
    lowered = text.casefold()
    for (pattern, relation), gate in zip(RULES, GATE_PATTERNS, strict=True):
        if not gate.search(lowered):
            continue  # a rule starting with a name is costly: run it only where it can match
        for m in pattern.finditer(text):
            groups = [g for g in m.groups() if g is not None]
            raw = groups[-1]
            rel = relation
            if relation == "partner" and m.group(1) and m.group(1).startswith("ex"):
                rel = "former partner"
            if relation == "partner" and re.search(r"\bex-|\bformer\b", m.group(0)):
                rel = "former partner"
            if relation == "member" and re.search(r"\b(?:former|original|ex-|founding)",
                                                 m.group(0)):
                rel = "former member" if "original" not in m.group(0) else "original member"
            names = [raw]
            if relation in ("child", "member"):
                names = [n for n in re.split(r",\s+(?:\d+,\s+)?(?:and\s+)?(?:\d+-year-old\s+)?|"
                                             r"\s+and\s+(?:\d+-year-old\s+)?", raw) if n]
            for name in names:
                name = tidy(AGE_LIST.sub(" ", name))
                if plausible(name) and not re.fullmatch(r"\d+", name):
                    hits.append(PersonHit(name, rel, text, m.start()))
    return hits
