"""Real (birth) names of acts: "Jay Rivers (born Jason Rivera)", "whose real name is …"."""

from __future__ import annotations

import re

from bot.extract.model import Event
from bot.extract.names import NAME, plausible, tidy
from bot.extract.sentences import Sentence

# A person's full name: two to four capitalised words ("Dorian Lee Vance", "Mary Jo Reyes").
PERSON = r"(?:[A-ZÀ-Þ][a-zà-ÿ'’-]+(?:\s+(?:[A-ZÀ-Þ][a-zà-ÿ'’-]+|[A-Z]\.)){1,3})"
# Said outright: "X (born Y)", "X (real name: Y)", "X, whose real name is Y", "X, born Y in".
SAID = [
    re.compile(rf"({NAME}),?\s+(?:\d{{1,3}},?\s+)?\((?:born|real name:?|birth name:?|née|"
               rf"legal name:?)\s+({PERSON})\s*[,;)]"),
    re.compile(rf"({NAME}),\s+(?:whose|who(?:se)?\s+(?:real|birth|legal)\s+name\s+is)\s*"
               rf"(?:real\s+|birth\s+|legal\s+)?(?:name\s+is\s+)?({PERSON})\b"),
    re.compile(rf"({NAME}),\s+born\s+({PERSON})\s+(?:on|in)\b"),
]
# "Lux-V, 38 (Dorian Lee Vance)": a personal name in brackets after a stage name, only when
# the act's name is one word or styled ("Lux-V", "NOVA9"): "Tess Harlan (Velvet Mile)" is her
# band, not her name.
BRACKETED = re.compile(rf"({NAME}),?\s+(\d{{1,3}},?\s+)?\(({PERSON})\)")
# "Born Delia Ann Marshall on July 2, 1943, …": the real name of whoever the birthday is of
BORN_AS = re.compile(rf"^Born\s+({PERSON})\s+(?:on|in)\b")
NOT_PERSON = re.compile(r"\b(?:Band|Brothers|Sisters|Records|Music|Orchestra|Choir|Quartet|"
                        r"Trio|Group|Crew|Boys|Girls|Club)\b")


def real_names(sents: list[Sentence], acts: list[str],
               events: list[Event]) -> list[tuple[str, str, str]]:
    """(act, real name, sentence) for every act whose real name the text gives."""
    known = {a.casefold(): a for a in acts}
    out: dict[str, tuple[str, str, str]] = {}

    def add(act: str, name: str, evidence: str, aged: bool = False) -> None:
        # (a stage name given with an age, "Lux-V, 38 (Dorian Lee Vance)", is a person's
        # whom the text need not call an act)
        act = known.get(tidy(act).casefold(), tidy(act) if aged else "")
        name = " ".join(name.split())
        if (act and plausible(name) and name.casefold() != act.casefold()
                and not NOT_PERSON.search(name) and name.casefold() not in known):
            out.setdefault(act.casefold(), (act, name, evidence))

    for sent in sents:
        text = sent.text
        if "(" in text or "born" in text or "name" in text:
            for pattern in SAID:
                for m in pattern.finditer(text):
                    add(m.group(1), m.group(2), text)
        for m in BRACKETED.finditer(text) if "(" in text else ():
            act = tidy(m.group(1))
            if _styled(act):
                add(act, m.group(3), text, aged=m.group(2) is not None and plausible(act))
    for e in events:  # "Born Delia Ann Marshall on July 2, 1943": whose birthday it gives
        born = BORN_AS.match(e.evidence) if e.kind == "birthday" else None
        if born is not None:
            add(e.subject, born.group(1), e.evidence)
    return list(out.values())


def _styled(act: str) -> bool:
    """A stage name: one word ("Sorel", "Lux-V"), or one with a digit or in capitals."""
    return " " not in act or any(c.isdigit() for c in act) or act.isupper()
