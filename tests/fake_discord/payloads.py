"""Builders for Discord API v10 objects, with every key discord.py 2.7.1 reads unconditionally."""

from __future__ import annotations

import datetime
import itertools
import time
from typing import Any

JSON = dict[str, Any]

DISCORD_EPOCH_MS = 1420070400000
_counter = itertools.count(1)


def snowflake() -> int:
    """A fresh, increasing snowflake whose timestamp is now."""
    ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return (ms << 22) | (next(_counter) & 0x3FFFFF)


def iso_now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat()


def user(user_id: int, name: str, *, bot: bool = False) -> JSON:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": None if bot else name,
        "avatar": None,
        "bot": bot,
        "system": False,
        "public_flags": 0,
        "flags": 0,
    }


def bot_user(user_id: int, name: str) -> JSON:
    """The bot's own user, as /users/@me and READY send it."""
    data = user(user_id, name, bot=True)
    data.update(discriminator="0001", verified=True, mfa_enabled=False, email=None, locale="en-US")
    return data


# Permission bits the fake reads, and what @everyone may do in a new guild on Discord (view,
# send, embed links, attach files, read history, react, external emoji, voice, invites,
# nickname, application commands): the bot, with no role of its own, has these.
READ_MESSAGE_HISTORY = 1 << 16
MANAGE_ROLES = 1 << 28
EVERYONE_DEFAULT = ((1 << 0) | (1 << 6) | (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15)
                    | READ_MESSAGE_HISTORY | (1 << 18) | (1 << 20) | (1 << 21) | (1 << 26)
                    | (1 << 31))


def role(role_id: int, name: str, *, position: int = 1, permissions: int = 0,
         mentionable: bool = False) -> JSON:
    return {
        "id": str(role_id),
        "name": name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": position,
        "permissions": str(permissions),
        "managed": False,
        "mentionable": mentionable,
        "flags": 0,
    }


def channel(channel_id: int, guild_id: int, name: str, type_: int = 0, position: int = 0) -> JSON:
    data: JSON = {
        "id": str(channel_id),
        "type": type_,
        "guild_id": str(guild_id),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "parent_id": None,
        "nsfw": False,
        "flags": 0,
    }
    if type_ in (0, 5):  # text, announcement
        data.update(topic=None, last_message_id=None, rate_limit_per_user=0)
    if type_ in (2, 13):  # voice, stage
        data.update(bitrate=64000, user_limit=0, rtc_region=None, last_message_id=None)
    if type_ in (15, 16):  # forum, media
        data.update(topic=None, available_tags=[], default_reaction_emoji=None)
    return data


def member(user_data: JSON, roles: list[int], joined_at: str) -> JSON:
    """A guild member (with `user`), as GUILD_CREATE and chunks carry it."""
    return {
        "user": user_data,
        "nick": None,
        "avatar": None,
        "banner": None,
        "roles": [str(r) for r in roles],
        "joined_at": joined_at,
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "communication_disabled_until": None,
    }


def dm_channel(channel_id: int, recipient: JSON) -> JSON:
    return {
        "id": str(channel_id),
        "type": 1,
        "last_message_id": None,
        "flags": 0,
        "recipients": [recipient],
    }


def app_info(app_id: int, owner: JSON, bot: JSON) -> JSON:
    """GET /oauth2/applications/@me."""
    return {
        "id": str(app_id),
        "name": "Fake App",
        "description": "",
        "icon": None,
        "bot_public": True,
        "bot_require_code_grant": False,
        "owner": owner,
        "verify_key": "0" * 64,
        "flags": 0,
        "bot": bot,
        "team": None,
        "rpc_origins": [],
        "terms_of_service_url": None,
        "privacy_policy_url": None,
        "interactions_endpoint_url": None,
        "tags": [],
    }


def message(
    message_id: int,
    channel_id: int,
    author: JSON,
    body: JSON,
    *,
    flags: int = 0,
    type_: int = 0,
    attachments: list[JSON] | None = None,
    webhook_id: int | None = None,
) -> JSON:
    """A Message built from a create-message body (content, embeds, tts, components, ...)."""
    data: JSON = {
        "id": str(message_id),
        "type": type_,
        "channel_id": str(channel_id),
        "author": author,
        "content": body.get("content") or "",
        "embeds": list(body.get("embeds") or []),
        "attachments": attachments or [],
        "mentions": [],
        "mention_roles": [],
        "mention_everyone": False,
        "pinned": False,
        "tts": bool(body.get("tts", False)),
        "timestamp": iso_now(),
        "edited_timestamp": None,
        "flags": flags,
        "components": list(body.get("components") or []),
        "allowed_mentions": body.get("allowed_mentions"),
    }
    if body.get("nonce") is not None:
        data["nonce"] = body["nonce"]
    if body.get("message_reference"):
        data["message_reference"] = body["message_reference"]
    if webhook_id is not None:
        data["webhook_id"] = str(webhook_id)
        data["application_id"] = str(webhook_id)
    return data


def apply_edit(msg: JSON, body: JSON, attachments: list[JSON] | None = None) -> None:
    """Apply a PATCH body (content, embeds, components, flags, allowed_mentions) in place."""
    if "content" in body:
        msg["content"] = body["content"] or ""
    for key in ("embeds", "components"):
        if key in body:
            msg[key] = list(body[key] or [])
    if "allowed_mentions" in body:
        msg["allowed_mentions"] = body["allowed_mentions"]
    if "attachments" in body or attachments:
        kept = {str(a.get("id")) for a in body.get("attachments") or []}
        msg["attachments"] = [a for a in msg["attachments"] if a["id"] in kept] + (
            attachments or []
        )
    if body.get("flags") is not None:
        # only SUPPRESS_EMBEDS can be changed by an edit
        msg["flags"] = (msg["flags"] & ~4) | (int(body["flags"]) & 4)
    msg["flags"] &= ~128  # a loading (deferred) message stops loading once edited
    msg["edited_timestamp"] = iso_now()


def attachment(channel_id: int, filename: str, size: int, content_type: str | None) -> JSON:
    att_id = snowflake()
    url = f"https://cdn.discordapp.com/attachments/{channel_id}/{att_id}/{filename}"
    return {
        "id": str(att_id),
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url.replace("cdn.discordapp.com", "media.discordapp.net"),
        "content_type": content_type,
    }
