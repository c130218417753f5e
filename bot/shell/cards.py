"""`/artist` and `/release` cards as readable text, for the shell."""

from __future__ import annotations

from bot.answers.cards import ArtistCard, CardDate, CardSource, ReleaseCard


def render_release(card: ReleaseCard) -> str:
    lead = (card.kind or "release").capitalize() + (f" by {card.artist}" if card.artist else "")
    lines = [card.title, lead + (f" ({card.status})" if card.status else "")]
    if card.released:
        lines.append(f"Release date: {card.released.text}")
    return "\n".join(lines + _rest(card.credits, card.people, card.upcoming, card.sources))


def render_artist(card: ArtistCard) -> str:
    lines = [card.name, card.kind.capitalize()]
    if card.born:
        lines.append(f"Born: {card.born.text}")
    if card.releases:
        lines.append("Releases: " + "; ".join(f"{d.what} ({d.text})" for d in card.releases))
    return "\n".join(lines + _rest(card.credits, card.people, card.upcoming, card.sources))


def _rest(credits: list[tuple[str, str]], people: list[str], upcoming: list[CardDate],
          sources: list[CardSource]) -> list[str]:
    lines = [f"{label}: {value}" for label, value in credits]
    if people:
        lines.append("People: " + ", ".join(people))
    if upcoming:
        lines.append("Coming up: " + "; ".join(f"{d.what} {d.text}" for d in upcoming))
    for n, s in enumerate(sources, 1):
        extra = ", ".join(x for x in (s.outlet, s.published, s.url) if x)
        lines.append(f"[{n}] {s.title}" + (f" ({extra})" if extra else ""))
    return lines
