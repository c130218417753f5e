"""Subject-predicate-object facts (the predicates of README.md) from an Extraction's parts."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.extract.attribution import artist_in
from bot.extract.gates import lower_has
from bot.extract.model import Extraction, Fact, Person
from bot.extract.names import placeholder
from bot.extract.sentences import Sentence

# What SOLD cannot match without ("sold", "sell...", "sales of", "shift"), tested cheaply first
SOLD_WORDS = lower_has(("old", "ell", "ale", "ft"))
# ("went on to shift over a million copies": the trade's word for selling)
SOLD = re.compile(r"\b(?:sold|sell|sells|selling|sales of|shift|shifts|shifted|shifting)\s+"
                  r"((?:over|more than|nearly|almost|"
                  r"about|around|some|an estimated)?\s*(?:[\d.,]+|one|two|three|four|five|six|"
                  r"seven|eight|nine|ten|a)\s*(?:million|billion|thousand|k|m)?)\s+"
                  r"(?:records|albums|copies|units|singles|tickets)\b", re.I)
# ("it is their most unhurried album yet": the article's album too)
ALBUM_WORD = re.compile(r"\b(?:the|this|that|its|their|her|his) (?:new |(?:most|least) [\w-]+ |"
                        r"[\w-]+est )?(?:album|record|LP|EP)\b", re.I)
SONG_WORD = re.compile(r"\b(?:the|this|that|its) (?:new )?(?:song|single|track)\b", re.I)
VIDEO_WORD = re.compile(r"\b(?:the|this|that|its|a) (?:new |music )?video\b", re.I)
RELATIONS = {"director": "directed_by", "producer": "produced_by", "writer": "written_by",
             "partner": "partner", "former partner": "former_partner", "child": "child",
             "parent": "parent", "member": "member",
             "former member": "former_member", "original member": "former_member"}


# "It's the follow-up to 2023's Salt Year", "her previous album, Salt Year": named as the
# one before; "the record" of the article is another
EARLIER = re.compile(r"\b(?:(?:follow-?up|successor|sequel)\s+to|(?:previous|last|prior|"
                     r"preceding|earlier)\s+(?:[\w-]+\s+)?(?:album|record|LP|EP|mixtape)),?\s+"
                     r"(?:(?:the|her|his|their|its)\s+)?(?:(?:19|20)\d\d['’]s\s+)?")


def _earlier(title: str, evidence: str) -> bool:
    """The evidence names the release only as the one an article's new release follows."""
    return any(evidence.startswith(title, m.end()) for m in EARLIER.finditer(evidence))


def _followed(title: str, text: str) -> bool:
    """"The record follows 2019's Harbor Songs and was produced by X": Harbor Songs is the one
    it follows, not the one credited."""
    return re.search(rf"\b(?:follows|following|succeeds|succeeding|after)\s+(?:\S+\s+)?"
                     rf"{re.escape(title)}", text) is not None


# "which sold 28,500 units in its first week": one record's week, not what an act has sold
WEEK_SALES = re.compile(r"\b(?:first|opening|debut|this|last|that)[- ]week\b|\bin (?:its|a|the) "
                        r"(?:first |opening )?week\b", re.I)


def records_sold(sents: list[Sentence], main: str | None,
                 acts: Sequence[str] = ()) -> list[tuple[str, str, str]]:
    """(act, figure, sentence) for what an act has sold: the act the sentence names before the
    figure, else the article's act."""
    out: list[tuple[str, str, str]] = []
    for s in sents:
        for m in SOLD.finditer(s.text) if SOLD_WORDS(s.text) else ():
            if WEEK_SALES.search(s.text, m.end(), m.end() + 40):
                continue
            owner = artist_in(s.text, m.start(), list(acts)) or main
            if owner:  # (nobody to credit the sales to: none)
                out.append((owner, m.group(1).strip(), s.text))
    return out


# A credit opening its sentence, then the record it is of: "Produced by X at Y, the album …"
_CREDIT_OPENS = re.compile(r"(?:Produced|Co-produced|Mixed|Recorded|Written|Co-written)\s+by\b"
                           r"[^,;.]{1,80},\s+(?:the|their|her|his)\s+(?:new\s+|debut\s+)?"
                           r"(?:album|record|LP|EP)\b")


def build_facts(x: Extraction, label_hits: list[tuple[str, str, str]],
                sold: list[tuple[str, str, str]], more: list[Person] | None = None,
                real: list[tuple[str, str, str]] | None = None) -> list[Fact]:
    facts: list[Fact] = []
    for r in x.releases:
        if not r.title:
            continue
        facts.append(Fact(r.title, "kind", r.kind, r.evidence, r.confidence))
        if r.artist:
            facts.append(Fact(r.title, "by", r.artist, r.evidence, r.confidence))
        if r.date and r.edition:  # a reissue's day is an event of the release, not its date
            facts.append(Fact(r.title, "event", r.date.iso(), r.evidence, r.confidence))
        elif r.date:
            facts.append(Fact(r.title, "release_date", r.date.iso(), r.evidence, r.confidence))
        said = dict(r.guest_evidence)
        for f in r.featuring:
            facts.append(Fact(r.title, "featuring", f, said.get(f, r.evidence), r.confidence))
    for p in [*x.people, *(more or [])]:
        pred = RELATIONS.get(p.relation)
        if pred in ("directed_by", "produced_by", "written_by"):
            opener = _CREDIT_OPENS.match(p.evidence)
            # ("Produced by Sam Hollis, the album debuted at No. 4 and spawned "A", "B"": the
            # album's credit, not its singles)
            subject = next((r.title for r in x.releases if opener and r.title
                            and r.kind in ("album", "ep")), None) or next(
                (r.title for r in x.releases if r.title and r.kind == "music_video"
                 and r.evidence == p.evidence), None) or next(
                (r.title for r in x.releases if r.title and r.title in p.evidence
                 and not _followed(r.title, p.evidence)), None)
            if subject is None:  # "the album was produced by ...": the article's album
                wanted: tuple[str, ...] = ()
                if ALBUM_WORD.search(p.evidence):
                    wanted = ("album", "ep")
                elif VIDEO_WORD.search(p.evidence):
                    wanted = ("music_video", "single")
                elif SONG_WORD.search(p.evidence):
                    wanted = ("single",)
                titles = {r.title for r in x.releases}
                # only a release: "the producer Tomas Ek" is a trade, not a credit of the act
                subject = next((r.title for r in x.releases if r.kind in wanted
                                and not _earlier(r.title or "", r.evidence)),
                               p.of if p.of in titles else None)
            if subject:
                facts.append(Fact(subject, pred, p.name, p.evidence, p.confidence))
        elif pred and p.of:
            facts.append(Fact(p.of, pred, p.name, p.evidence, p.confidence))
    for e in x.events:
        pred = {"birthday": "born", "tour_date": "tour_date", "anniversary": "anniversary"}.get(
            e.kind, "event")
        facts.append(Fact(e.subject, pred, e.date.iso(), e.evidence, e.confidence))
    for artist, label, ev in label_hits:
        facts.append(Fact(artist, "label", label, ev, 0.6))
    for artist, figure, ev in sold:
        facts.append(Fact(artist, "records_sold", figure, ev, 0.6))
    for artist, name, ev in real or ():
        facts.append(Fact(artist, "real_name", name, ev, 0.7))
    # "unknown" is what the extractor calls an event's subject it could not name: no fact
    return [f for f in facts if not placeholder(f.subject) and not placeholder(f.object)]
