"""People to Person records: each person once, with whose relation the wording says it is."""

from __future__ import annotations

import re

from bot.extract.attribution import artist_in, part_of
from bot.extract.model import Person
from bot.extract.people import PersonHit


def people_of(hits: list[PersonHit], acts: list[str], main: str | None
            ) -> tuple[list[Person], list[Person]]:
    """Each person once (their first relation), and their further relations for the facts:
    "boyfriend Emre Kalin" then "Kalin directing" is one partner who also directed."""
    out: list[Person] = []
    more: list[Person] = []
    seen: dict[str, Person] = {}
    # who is named as a member of something, and of what when the wording says
    persons: dict[str, str | None] = {}
    for h in hits:
        if h.relation in MEMBERSHIP:
            persons[h.name.casefold()] = persons.get(h.name.casefold()) or h.of
    # an act can be a person of another act too (a bandmate, a singer's wife)
    for h in hits:
        key = h.name.casefold()
        known_key = key if key in seen else next((s for s in seen if part_of(key, s)), None)
        known = seen[known_key] if known_key is not None else None
        others = [a for a in acts if a.casefold() != key]  # a person is not their own act
        if h.relation in CREDITS and (key == (main or "").casefold() or any(
                part_of(key, a.casefold()) and key != a.casefold() for a in acts)):
            continue  # "Quill co-wrote the single with X": the act is not its own writer
        keep, owner = _owner(h, others, main, persons)
        if not keep:
            continue  # "Ana Ruiz left Nashville": a membership of no act of the article
        if h.relation == "member?":  # a bare "vocalist Rian" beside an act
            h = PersonHit(h.name, "member", h.evidence, h.start, owner)
        if (known is not None and known_key is not None and known.relation == "member"
                and h.relation == "former member"):
            # "Their guitarist, Ada Brenn, left the group": that she left wins over the role
            # she is named by, or over having joined once
            better = Person(known.name, h.relation, h.evidence, known.of)
            out[out.index(known)] = seen[known_key] = better
            continue
        if known is not None:
            if h.relation == "member" and known.relation in MEMBERSHIP:
                continue  # joined once, or named by a role: what is known of her says more
            if known.relation != h.relation:
                more.append(Person(known.name, h.relation, h.evidence, owner))
            continue
        seen[key] = Person(h.name, h.relation, h.evidence, owner)
        out.append(seen[key])
    return out, more


CREDITS = {"writer", "producer", "director", "collaborator"}
# "the band", not a bill's line-up: a festival names no band of its own
THE_BAND = re.compile(r"\b(?i:the|their|our|his|her)\s+(?:band|group|bandmates)\b")
MEMBERSHIP = {"member", "former member", "original member", "member?"}
# "Member Ji-woo, who turns 24 …": a sentence that opens on a member of the article's act
# (also a clause's subject: "The agency explained that member Jiho injured his ankle")
MEMBER_OPENS = re.compile(r"(?:(?<![\w,] )|(?<=\bthat )|(?<=\band )|(?<=\bwhen )|(?<=\bafter )|"
                          r"(?<=\bas ))(?i:member)\s+(?-i:[A-Z])")


def _band_between(text: str, act: str, start: int) -> bool:
    """"the band" or "their" written after the last mention of `act` and before `start`."""
    last = text.rfind(act, 0, start)
    return last != -1 and THE_BAND_OR_THEIR.search(text, last + len(act), start) is not None


THE_BAND_OR_THEIR = re.compile(r"\b(?i:the band|the group|their)\b")


# "the rock group", "their five-piece band": a band spoken of, not named
A_BAND = re.compile(r"\b(?i:the|their|our)\s+(?:[\w-]+\s+){0,2}?(?:band|group|duo|trio|"
                    r"quartet|quintet|outfit)\b")
# "Singer Ada Fenn and guitarist Rob Calder formed the group": a person named by a band role
ROLE_BEFORE = re.compile(r"\b(?i:singer|guitarist|drummer|bassist|keyboardist|vocalist|"
                         r"frontman|frontwoman)\s+$")


def _owner(h: PersonHit, others: list[str], main: str | None,
           persons: dict[str, str | None]) -> tuple[bool, str | None]:
    """Whether to keep a hit, and whose relation it is: the one its wording names (a member's
    act must be an act of the article), else the act named nearest before it, else the
    article's act. A member is never a member of a person: when the act named nearest is
    itself a member ("Shore joined the rock group, replacing founding member Carl Dunn") or
    named by a band role, and the sentence speaks of the band, the band is the owner."""
    if h.of is not None:
        of = h.of.casefold()
        act = next((a for a in others if a.casefold() == of or part_of(of, a.casefold())), None)
        if act is not None or h.relation not in MEMBERSHIP:
            return True, act or h.of
        return False, None
    nearest = artist_in(h.evidence, h.start, others)
    if (h.relation in MEMBERSHIP and main is not None and nearest is not None
            and _band_between(h.evidence, nearest, h.start)):
        nearest = main  # "… Ember … after the band parted ways with their guitarist X": ours
    elif (h.relation in MEMBERSHIP and nearest is not None and A_BAND.search(h.evidence)
          and _a_person(nearest, h.evidence, persons)):
        # "Shore joined the rock group, replacing founding member Carl Dunn", "Singer Ada Fenn
        # and guitarist Rob Calder formed the group": the band spoken of is the article's act
        # (unless that is a person too), else the one she is a member of; none is guessed
        band = main if main is not None and main not in (nearest, h.name) and not _a_person(
            main, h.evidence, persons) else persons.get(nearest.casefold())
        if band is None:  # a bare role ("vocalist X") of no known band is no member at all
            return h.relation != "member?", None
        nearest = band
    if h.relation == "member?":  # "due to vocalist Rian's injury": only beside an act
        if nearest is not None and (_solo(nearest, h.evidence) or _listed(h, nearest)):
            return False, None  # "on the bill are rapper Dex Marlow and DJ Pell": a line-up
        if nearest is None and (THE_BAND.search(h.evidence) or MEMBER_OPENS.match(
                h.evidence, h.start)):
            # "drummer Sam Oaks said the band ...", "Member Ji-woo wrote the lyrics": the
            # article's band
            nearest = main
        return nearest is not None, nearest
    return True, nearest or (main if main != h.name else None)


# A trade that names one person, not a band ("singer Ana Vale", "DJ Pell")
SOLO_BEFORE = re.compile(r"\b(?:singer|rapper|DJ|producer|songwriter|singer-songwriter|star|"
                         r"MC|artist|comedian|soloist|crooner|diva)\s+$", re.I)


def _solo(act: str, text: str) -> bool:
    """The act is named here by a solo trade, so a bare role beside it is no membership."""
    return act.startswith(("DJ ", "MC ")) or any(
        SOLO_BEFORE.search(text, max(0, m.start() - 30), m.start())
               for m in re.finditer(re.escape(act), text))


def _listed(h: PersonHit, act: str) -> bool:
    """"rapper Dex Marlow, country duo The Fairweather Sisters and …": the act is the next
    item of a list the person opens, not their band."""
    text = h.evidence
    at = text.find(h.name, h.start)
    after = text.find(act, at + len(h.name)) if at >= 0 else -1
    return after >= 0 and LIST_ITEM.fullmatch(text, at + len(h.name), after) is not None


LIST_ITEM = re.compile(r",\s+(?:and\s+)?(?:[a-z][\w-]*\s+){0,3}")


def _a_person(act: str, text: str, persons: dict[str, str | None]) -> bool:
    """The act is a person: named as a member somewhere, or by a band role here."""
    if act.casefold() in persons:
        return True
    at = text.find(act)
    return at > 0 and ROLE_BEFORE.search(text, 0, at) is not None
