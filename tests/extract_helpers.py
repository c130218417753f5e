"""Helpers for the extraction tests: look releases, events and people up by name."""

from __future__ import annotations

import datetime

from bot.extract.extractor import extract
from bot.extract.model import Event, Extraction, Person, Release


def run(text: str, published: str | None = None, **kwargs: object) -> Extraction:
    day = datetime.date.fromisoformat(published) if published else None
    return extract(text, published=day, **kwargs)  # type: ignore[arg-type]


def release(x: Extraction, title: str, kind: str | None = None) -> Release:
    found = [r for r in x.releases if r.title == title and (kind is None or r.kind == kind)]
    assert found, f"no release {title!r} ({kind}) in {[(r.title, r.kind) for r in x.releases]}"
    return found[0]


def dates(x: Extraction, kind: str) -> list[str]:
    return sorted(e.date.iso() for e in x.events if e.kind == kind)


def event(x: Extraction, kind: str, iso: str) -> Event:
    found = [e for e in x.events if e.kind == kind and e.date.iso() == iso]
    assert found, f"no {kind} on {iso} in {[(e.kind, e.date.iso()) for e in x.events]}"
    return found[0]


def person(x: Extraction, name: str) -> Person:
    found = [p for p in x.people if p.name == name]
    assert found, f"no person {name!r} in {[(p.name, p.relation) for p in x.people]}"
    return found[0]


def artists(x: Extraction) -> set[str]:
    return {a.name for a in x.artists}


def titles(x: Extraction) -> set[str]:
    return {r.title for r in x.releases if r.title}
