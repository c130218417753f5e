"""INTERACTION_CREATE payloads (chat input, autocomplete) and the record of how the bot answered."""

from __future__ import annotations

import asyncio
import copy
import secrets
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import payloads

if TYPE_CHECKING:
    from .server import FakeDiscord

JSON = dict[str, Any]
Options = dict[str, Any] | list[JSON] | None

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
RESOLVED_TYPES = (6, 7, 8, 9)  # user, channel, role, mentionable


@dataclass
class InteractionRecord:
    """Server-side state of one interaction: callbacks, original response and followups."""

    id: int
    token: str
    type: int
    name: str
    guild_id: int | None
    channel_id: int
    user_id: int
    callbacks: list[JSON] = field(default_factory=list)
    original: JSON | None = None  # the response message (type 4, or the loading message of type 5)
    original_given: bool = False  # has real content: type 4, an edit, or the 1st followup
    deferred: bool = False
    followups: list[JSON] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    # When INTERACTION_CREATE was dispatched (monotonic): the clock of the 3-second deadline
    # and of the token's 15 minutes. A test may move it back to age the interaction.
    dispatched_at: float = field(default_factory=time.monotonic)
    # When the accepted first callback arrived (monotonic), else None.
    responded_at: float | None = None
    # A callback came after the deadline and was refused with 404 / 10062, as on Discord.
    missed_deadline: bool = False
    # A component interaction (type 3): the button's custom id, and the (live) message it is
    # on, which callbacks 6 and 7 and edits of `@original` change.
    custom_id: str | None = None
    message: JSON | None = None

    @property
    def response_latency(self) -> float | None:
        """Seconds from INTERACTION_CREATE to the accepted first callback, if there was one."""
        return None if self.responded_at is None else self.responded_at - self.dispatched_at

    @property
    def acknowledged(self) -> bool:
        return bool(self.callbacks)


class InteractionResult:
    """How the bot answered an interaction; a live view (later edits show up)."""

    def __init__(self, record: InteractionRecord) -> None:
        self.record = record

    def _message(self) -> JSON | None:
        rec = self.record
        if rec.original is not None and rec.original_given:
            return rec.original
        return rec.followups[0] if rec.followups else None

    @property
    def content(self) -> str | None:
        """The original response's content, or the first followup's if there is no original."""
        msg = self._message()
        return None if msg is None else str(msg.get("content", ""))

    @property
    def embeds(self) -> list[JSON]:
        msg = self._message()
        return [] if msg is None else list(msg.get("embeds") or [])

    @property
    def allowed_mentions(self) -> JSON | None:
        msg = self._message()
        return None if msg is None else msg.get("allowed_mentions")

    @property
    def ephemeral(self) -> bool:
        """Whether the response (flags of the initial callback, else the message) is ephemeral.
        When a deferred response was deleted, the first followup is what the user sees."""
        if self.record.deferred and self.record.original is None and self.record.followups:
            return bool(int(self.record.followups[0].get("flags") or 0) & 64)
        for callback in self.record.callbacks:
            if callback.get("type") in (4, 5):
                return bool(int((callback.get("data") or {}).get("flags") or 0) & 64)
        msg = self._message()
        return msg is not None and bool(int(msg.get("flags") or 0) & 64)

    @property
    def deferred(self) -> bool:
        return self.record.deferred

    @property
    def followups(self) -> list[JSON]:
        return list(self.record.followups)

    @property
    def raw_callbacks(self) -> list[JSON]:
        return list(self.record.callbacks)

    @property
    def original(self) -> JSON | None:
        return self.record.original

    def __repr__(self) -> str:
        return (
            f"InteractionResult(content={self.content!r}, ephemeral={self.ephemeral}, "
            f"deferred={self.deferred}, followups={len(self.record.followups)})"
        )


def _infer_type(value: Any) -> int:
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return 4
    if isinstance(value, float):
        return 10
    return 3


def _schema_options(command: JSON | None, group: str | None, subcommand: str | None) -> list[JSON]:
    """The option definitions of the (sub)command in a synced command dict."""
    if command is None:
        return []
    options: list[JSON] = command.get("options") or []
    for wanted in (group, subcommand):
        if wanted is None:
            continue
        match = next(
            (o for o in options if o.get("name") == wanted and o.get("type") in (1, 2)), None
        )
        options = [] if match is None else (match.get("options") or [])
    return options


def _normalise(options: Options, schema: list[JSON]) -> list[JSON]:
    """Options as Discord sends them: [{name, type, value[, focused]}]."""
    types = {o["name"]: int(o["type"]) for o in schema if "name" in o and "type" in o}
    if options is None:
        return []
    if isinstance(options, dict):
        items: list[JSON] = [{"name": k, "value": v} for k, v in options.items()]
    else:
        items = options
    result = []
    for item in items:
        opt = dict(item)
        opt.setdefault("type", types.get(opt["name"], _infer_type(opt.get("value"))))
        if int(opt["type"]) in (*RESOLVED_TYPES, 11):
            opt["value"] = str(opt["value"])
        result.append(opt)
    return result


def _wrap(options: list[JSON], group: str | None, subcommand: str | None) -> list[JSON]:
    if subcommand is not None:
        options = [{"name": subcommand, "type": 1, "options": options}]
    if group is not None:
        options = [{"name": group, "type": 2, "options": options}]
    return options


class InteractionBuilder:
    """Builds INTERACTION_CREATE payloads against the fake's world and synced commands."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    def find_command(self, name: str, guild_id: int | None) -> JSON | None:
        scopes: list[int | None] = [guild_id, None] if guild_id is not None else [None]
        for scope in scopes:
            for command in self.fake.synced_commands.get(scope, []):
                if command.get("name") == name and int(command.get("type", 1)) == 1:
                    return command
        return None

    def _resolved(self, options: list[JSON], guild_id: int | None) -> JSON:
        resolved: JSON = {}
        guild = self.fake.guilds.get(guild_id) if guild_id is not None else None
        for opt in options:
            kind = int(opt["type"])
            if kind not in RESOLVED_TYPES:
                continue
            obj_id = int(opt["value"])
            if guild is None:
                raise ValueError(f"option {opt['name']!r} (type {kind}) needs a guild to resolve")
            if kind in (6, 9) and obj_id in guild.members:
                member = guild.interaction_member(obj_id)
                resolved.setdefault("users", {})[str(obj_id)] = member.pop("user")
                resolved.setdefault("members", {})[str(obj_id)] = member
            elif kind in (8, 9) and obj_id in guild.roles:
                resolved.setdefault("roles", {})[str(obj_id)] = dict(guild.roles[obj_id])
            elif kind == 7 and obj_id in guild.channels:
                chan = dict(guild.channels[obj_id])
                chan["permissions"] = str(self.fake.app_permissions)
                resolved.setdefault("channels", {})[str(obj_id)] = chan
            else:
                raise ValueError(f"option {opt['name']!r}: no type-{kind} object {obj_id} in guild")
        return resolved

    def build(
        self,
        kind: int,
        name: str,
        options: Options,
        *,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        subcommand: str | None,
        group: str | None,
    ) -> tuple[InteractionRecord, JSON]:
        command = self.find_command(name, guild_id)
        opts = _normalise(options, _schema_options(command, group, subcommand))
        data: JSON = {
            "id": command["id"] if command else str(payloads.snowflake()),
            "name": name,
            "type": 1,
            "options": _wrap(opts, group, subcommand),
            "resolved": self._resolved(opts, guild_id),
        }
        if guild_id is not None and (command is None or command.get("guild_id")):
            data["guild_id"] = str(guild_id)  # set for guild commands (and unsynced ones)
        record = InteractionRecord(
            id=payloads.snowflake(),
            token=f"fake-interaction-{secrets.token_urlsafe(24)}",
            type=kind,
            name=name,
            guild_id=guild_id,
            channel_id=channel_id,
            user_id=user_id,
        )
        return record, self._payload(record, data)

    def build_click(
        self, message: JSON, custom_id: str, *, guild_id: int | None, channel_id: int,
        user_id: int,
    ) -> tuple[InteractionRecord, JSON]:
        """A button click (INTERACTION_CREATE type 3, component type 2) on `message`."""
        record = InteractionRecord(
            id=payloads.snowflake(),
            token=f"fake-interaction-{secrets.token_urlsafe(24)}",
            type=3,
            name=f"button {custom_id}",
            guild_id=guild_id,
            channel_id=channel_id,
            user_id=user_id,
            custom_id=custom_id,
            message=message,
        )
        payload = self._payload(record, {"custom_id": custom_id, "component_type": 2})
        payload["message"] = copy.deepcopy(message)
        return record, payload

    def _payload(self, record: InteractionRecord, data: JSON) -> JSON:
        """INTERACTION_CREATE's payload for `record`, as Discord sends it."""
        payload: JSON = {
            "id": str(record.id),
            "application_id": str(self.fake.application_id),
            "type": record.type,
            "token": record.token,
            "version": 1,
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
            "app_permissions": str(self.fake.app_permissions),
            "locale": "en-US",
            "entitlements": [],
            "data": data,
        }
        payload.update(self._context(record.guild_id, record.channel_id, record.user_id))
        return payload

    def _context(self, guild_id: int | None, channel_id: int, user_id: int) -> JSON:
        if guild_id is None:  # a DM with the bot
            recipient = self.fake.known_user(user_id)
            chan = payloads.dm_channel(channel_id, recipient)
            return {
                "channel_id": str(channel_id),
                "channel": chan,
                "user": recipient,
                "authorizing_integration_owners": {"0": "0"},
                "context": 1,
            }
        guild = self.fake.guilds.get(guild_id)
        if guild is None:
            raise ValueError(f"guild {guild_id} does not exist; add_guild it first")
        if channel_id not in guild.channels:
            raise ValueError(f"channel {channel_id} is not in guild {guild_id}; add_channel it")
        chan = dict(guild.channels[channel_id])
        chan["permissions"] = str(guild.permissions.get(user_id, 0))
        return {
            "guild_id": str(guild_id),
            "guild": {"id": str(guild_id), "locale": "en-US", "features": []},
            "guild_locale": "en-US",
            "channel_id": str(channel_id),
            "channel": chan,
            "member": guild.interaction_member(user_id),
            "authorizing_integration_owners": {"0": str(guild_id)},
            "context": 0,
        }
