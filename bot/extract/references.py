"""What a later mention refers to: "the group's" album, a surname alone, "It was produced by"."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.extract.attribution import last_act
from bot.extract.model import Person
from bot.extract.names import drop_trade, plausible
from bot.extract.people import PersonHit
from bot.extract.relations import MEMBERSHIP
from bot.extract.releases import Draft
from bot.extract.sentences import Sentence
from bot.extract.titles import Spans, TitleSpan

CREDIT_RELATIONS = frozenset(("director", "producer", "writer"))
IT_CREDIT = re.compile(r"\s*(?:It|The (?:song|single|track|tune|video))\s+(?:was|is|has been)\s+"
                       r"(?:\w+\s+)?(?:directed|produced|co-produced|written|co-written|helmed)",
                       re.I)


def credits_of_it(people: list[Person], sents: list[Sentence],
                   drafts: list[Draft]) -> list[Person]:
    """"… the lead single, "Night Ferry", arrived in September. It was produced by Jonah
    Quill": a credit whose sentence opens with "It" is of the one title the sentence before
    names (none when it names several or none)."""
    index = {s.text: s.index for s in sents}
    titles = {d.title for d in drafts}
    out: list[Person] = []
    for p in people:
        at = index.get(p.evidence)
        # (a credit's `of` may be the act, which is no release: only a title counts)
        if (p.relation in CREDIT_RELATIONS and p.of not in titles and at
                and IT_CREDIT.match(p.evidence)):
            before = sents[at - 1].text if at - 1 < len(sents) else ""
            named = {d.title for d in drafts if d.evidence == before}
            if len(named) == 1:
                p = replace(p, of=named.pop())
        out.append(p)
    return out


def full_name(name: str, body: str, people: set[str]) -> str:
    """A surname found alone ("Park signed with …") is the one full name the article gives it
    ("Lena Park, the soul singer"), leaving out relatives it names ("her son, Tom Park")."""
    if " " in name or not name[:1].isupper():
        return name
    # (each sentence apart: "… Lane Becker. Becker, who …" must not swallow the full name)
    fulls = {drop_trade(m.group(0)) for part in re.split(r"(?<=\w\w[.!?])\s+", body)
             for m in re.finditer(rf"\b(?:[A-Z][\w'’.-]+\s+){{1,2}}{re.escape(name)}\b", part)}
    # never across a sentence's end ("… Ines Marlow. Sorel"), though "J. Cole" is a name
    fulls = {f for f in fulls if " " in f and f.casefold() not in people and plausible(f)
             and not re.search(r"\w{2}\.\s", f)}
    return fulls.pop() if len(fulls) == 1 else name


def named_again(text: str, drafts: list[Draft], found: list[TitleSpan],
                quoted: Spans) -> list[TitleSpan]:
    """Titles of earlier sentences named again without what marked them ("He'll release Ash
    Garden, his second album, next month. … Ash Garden is out 11/3"): the same words, with
    their capitals, of two words or more (one word such as "Drift" may be plain English)."""
    out: list[TitleSpan] = []
    seen: set[str] = set()
    for d in drafts:
        title = d.title
        if title in seen or " " not in title or title not in text:
            continue
        seen.add(title)
        for m in re.finditer(rf"(?<![\w'’]){re.escape(title)}(?![\w'’])", text):
            if any(t.start < m.end() and m.start() < t.end for t in [*found, *out]) or any(
                    s <= m.start() < e for s, e, _ in quoted):
                continue
            kind = d.kind if d.kind != "other" else ("song" if d.group() == "song" else "other")
            out.append(TitleSpan(title, m.start(), m.end(), kind, False))
    return out


# "The group's debut album", "the band's new single": a band's release, never a member's
GROUP_OWNER = re.compile(r"\b(?:the\s+(?:group|band|duo|trio|quartet|quintet|septet|"
                         r"five-piece|four-piece|three-piece)['’]s?|their)\s+(?:[\w-]+,?\s+){0,3}$",
                         re.I)


# "The band, fronted by singer Ada Crane, last toured in 2023 behind their debut": the aside
# names a member; what the sentence says is the band's
LED_BY_ASIDE = re.compile(r"(?:The|the)\s+(?:[a-z-]+\s+){0,2}(?:group|band|duo|trio|quartet|"
                          r"quintet|outfit),\s+(?:which\s+is\s+|who\s+are\s+)?(?:fronted|led|"
                          r"founded|co-founded|formed)\s+by\s+[^,;.]{1,60},")


# "The band first performed "Copper Wire" live": a sentence whose subject is the band
GROUP_SUBJECT = re.compile(r"(?:The|the)\s+(?:[a-z-]+\s+){0,2}(?:group|band|duo|trio|quartet|"
                           r"quintet|septet|five-piece|four-piece|three-piece)"
                           # ("The band, which released its most recent album, …")
                           r",?\s+(?!['’])")


def subject_release(text: str, drafts: list[Draft]) -> str | None:
    """The act of a record the sentence opens with, when an earlier sentence said whose it is
    ("Quiet Engines follows 2022's Paper Kites": the earlier record is the same act's)."""
    lead = RECORD_NOUN_OPENS.match(text)  # (all of it optional: it always matches)
    opening = text[lead.end():] if lead else text
    for d in reversed(drafts):
        if (d.artist and len(d.title) > 3 and opening.startswith(d.title)
                and not re.match(r"[\w'’]", opening[len(d.title):len(d.title) + 1])):
            return d.artist
    return None


# What may open a sentence before the record it is about: "The new album ", a quote mark
RECORD_NOUN_OPENS = re.compile(r"(?:The\s+(?:new\s+)?(?:album|record|EP|LP|single|song)\s+)?"
                               r"[“\"‘']?")


# "will also appear on the album": the record the article is about
ON_THE_RECORD = re.compile(r"\b(?:appears?|appearing|featured|included|is|was|will (?:also )?be|"
                           r"will (?:also )?appear|lands?|sits?)\s+(?:also\s+)?on\s+the\s+"
                           r"(?:new\s+|upcoming\s+|forthcoming\s+)?(album|record|LP|EP)\b")


def record_owner(text: str, drafts: list[Draft]) -> str | None:
    """Whose "on the album" it is: the act of the latest album (or EP) the article named."""
    m = ON_THE_RECORD.search(text)
    if m is None:
        return None
    albums = [d for d in drafts if d.group() == "album" and d.artist]
    return albums[-1].artist if albums else None


# "rock band X", "the group X", "K-pop girl group X": what the text calls the act right before
# its name
_CALLED_BAND = re.compile(r"\b(?:band|group|duo|trio|quartet|quintet|outfit|five-piece|"
                          r"four-piece|three-piece)\s+$", re.I)


_BAND_NAME = re.compile(r"The\s+(?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*[a-rt-z]s")


@dataclass
class Band:
    """Which acts of the article are bands (a member was named for them) and who are members."""

    acts: list[str]
    hits: list[PersonHit]

    def owner(self, texts: list[str], index: int, main: str | None) -> str | None:
        """The band a "the group's" of sentence `index` means: the band named last, else the
        article's act unless it is a member of something."""
        # (not a band named only as someone's old one: "Former Velvet Mile guitarist Rob
        # Calder will replace her" is news of the article's band)
        bands = [a for a in self.acts if a.casefold() in {
            h.of.casefold() for h in self.hits if h.of and h.relation in MEMBERSHIP
            and (h.relation != "former member" or h.of == main)}]
        if bands:
            return last_act(texts, index, bands) or bands[0]
        # "rock band The Hollow Pines score a hit. The group, formed in 2016, release …": an
        # act the text calls a band, named last before (a round-up's first act is no subject)
        # (a name such as "The Hollow Pines" is a band's: no singer is named "The … s")
        called = [a for a in self.acts if _BAND_NAME.fullmatch(a) or any(
            _CALLED_BAND.search(t, 0, t.find(a)) for t in texts[:index + 1] if a in t)]
        if called and (near := last_act(texts, index, called)) is not None:
            return near
        members = {h.name.casefold() for h in self.hits if h.relation in MEMBERSHIP}
        return main if main is not None and not named_in(main, members) else None




def named_in(name: str, people: set[str]) -> bool:
    """The person is in the set, by full name or by a surname alone ("Morrow", "Sam Morrow")."""
    words = name.casefold().split()
    return " ".join(words) in people or (1 < len(words) <= 3 and words[-1] in people)
