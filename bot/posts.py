"""What a post looks like to the core: text and an embed, independent of Discord."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class EmbedField:
    name: str
    value: str
    inline: bool = True


@dataclass(frozen=True)
class EmbedSpec:
    """A rich card; adapters render it (a Discord embed, or indented text in the shell)."""

    title: str
    url: str | None = None
    description: str | None = None
    # ISO 8601 with offset; Discord shows it in each reader's own time zone.
    timestamp: str | None = None
    footer: str | None = None
    fields: list[EmbedField] = field(default_factory=list)


@dataclass(frozen=True)
class Post:
    """One outgoing message. `mention_role_id` is the only mention it may make."""

    text: str | None = None
    embed: EmbedSpec | None = None
    mention_role_id: int | None = None
    kind: str = "notice"

    def to_payload(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> Post:
        embed = data.get("embed")
        spec = None
        if embed:
            fields = [EmbedField(**f) for f in embed.get("fields", [])]
            spec = EmbedSpec(**{**embed, "fields": fields})
        return cls(text=data.get("text"), embed=spec,
                   mention_role_id=data.get("mention_role_id"), kind=data.get("kind", "notice"))
