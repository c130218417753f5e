"""Predicates: what each links, which hold one value, and free-text relations mapped to them."""

from __future__ import annotations

import re

from bot.partial_dates import PartialDate

# Predicates with one true value per subject: sources that disagree conflict.
SINGLE_VALUED = frozenset({"release_date", "born", "label", "kind", "real_name"})
# Predicates whose object is a date (the scheduler follows their changes).
DATE_PREDICATES = frozenset({"release_date", "born", "tour_date", "anniversary", "event"})
# Kept alongside a revision: the date a later article says a release moved away from.
PREVIOUS_DATE = "previous_release_date"
RELEASE_PREDICATES = frozenset({"release_date", "kind", "by", "featuring",
                                "directed_by", "produced_by", "written_by"})
# The kind of entity a predicate's object is, for predicates whose object is an entity.
OBJECT_KINDS = {
    "by": "artist", "featuring": "artist",
    "directed_by": "person", "produced_by": "person", "written_by": "person",
    "partner": "person", "former_partner": "person", "child": "person", "parent": "person",
    "member": "person", "former_member": "person", "related": "person",
    "label": "label",
}

# Free-text relations as the extractor writes them, to predicates; first match wins.
_RELATIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.IGNORECASE), predicate) for p, predicate in [
        (r"\b(former|ex)[- ]?(member|bandmate)|\bleft the (band|group)", "former_member"),
        (r"\bdirect", "directed_by"),
        (r"\bprodu", "produced_by"),
        (r"\b(writ|penned|co-?wr)", "written_by"),
        (r"\b(label|signed|record company|imprint)", "label"),
        (r"\b(?:former|ex)[- ]?(?:partner|wife|husband|spouse|girlfriend|boyfriend|fianc)",
         "former_partner"),
        (r"\b(partner|wife|husband|spouse|girlfriend|boyfriend|fianc|married|dating)",
         "partner"),
        (r"\b(son|daughter|child|children|kid)\b", "child"),
        (r"\b(mother|father|mom|mum|dad|parent)", "parent"),
        (r"\b(member|bandmate|vocalist|guitarist|drummer|bassist|rapper|singer)", "member"),
    ]
]


def relation_predicate(relation: str) -> str:
    """The predicate for a free-text relation ("his wife" is `partner`); `related` otherwise."""
    text = relation.strip().casefold().replace("_", " ")
    if text in OBJECT_KINDS:
        return text
    for pattern, predicate in _RELATIONS:
        if pattern.search(text):
            return predicate
    return "related"


def parse_date(text: str) -> PartialDate | None:
    """A `YYYY-MM-DD`, `YYYY-MM` or `YYYY` object, or None when it is not one."""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text.strip()):
        return None
    try:
        return PartialDate.parse(text.strip())
    except ValueError:
        return None


def contains(coarse: PartialDate, fine: PartialDate) -> bool:
    """Whether `fine` lies within `coarse` ("2026-03" contains "2026-03-14" and itself)."""
    return (coarse.year == fine.year
            and (coarse.month is None or coarse.month == fine.month)
            and (coarse.day is None or coarse.day == fine.day))
