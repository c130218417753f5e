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


# What a post's button does, by name; the Discord adapter turns each into a persistent button
# whose id carries `args`. Whoever clicks is checked again when it is clicked.
REMIND_RELEASE = "remind_release"  # args: (guild_id or 0, release entity id)
SNOOZE = "snooze"  # args: (reminder id, seconds)
SUBSCRIBE = "subscribe"  # args: (guild_id,)
ACTIONS = (REMIND_RELEASE, SNOOZE, SUBSCRIBE)


@dataclass(frozen=True)
class PostButton:
    """A button under a post: its label, what it does, and the ids it acts on."""

    label: str
    action: str
    args: tuple[int, ...] = ()


@dataclass(frozen=True)
class Post:
    """One outgoing message. `mention_role_id` is the only mention it may make."""

    text: str | None = None
    embed: EmbedSpec | None = None
    mention_role_id: int | None = None
    kind: str = "notice"
    buttons: tuple[PostButton, ...] = ()

    def to_payload(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> Post:
        embed = data.get("embed")
        spec = None
        if embed:
            fields = [EmbedField(**f) for f in embed.get("fields", [])]
            spec = EmbedSpec(**{**embed, "fields": fields})
        # Posts queued before buttons existed have none.
        buttons = tuple(PostButton(label=b["label"], action=b["action"],
                                   args=tuple(int(a) for a in b.get("args") or ()))
                        for b in data.get("buttons") or ())
        return cls(text=data.get("text"), embed=spec,
                   mention_role_id=data.get("mention_role_id"), kind=data.get("kind", "notice"),
                   buttons=buttons)
