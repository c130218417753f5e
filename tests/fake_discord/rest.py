"""REST routes for users, the gateway, guilds, channels, channel messages and DM channels."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import mentions, payloads
from .middleware import API_PREFIX, UploadedFile, body_of, files_of, json_response, no_content
from .validation import ApiError, check_message

if TYPE_CHECKING:
    from .server import FakeDiscord

JSON = dict[str, Any]
GUILD_MESSAGES = 1 << 9
DIRECT_MESSAGES = 1 << 12
_KEPT_FLAGS = 4 | 64 | 4096  # SUPPRESS_EMBEDS, EPHEMERAL, SUPPRESS_NOTIFICATIONS


def build_message(
    fake: FakeDiscord,
    channel_id: int,
    body: JSON,
    files: list[UploadedFile],
    *,
    type_: int = 0,
    webhook: bool = False,
    message_id: int | None = None,
) -> JSON:
    """A message authored by the bot from a create body (JSON or multipart)."""
    attachments = []
    for upload in files:
        att = payloads.attachment(
            channel_id, upload.filename, len(upload.data), upload.content_type
        )
        fake.attachments_data[int(att["id"])] = upload.data
        attachments.append(att)
    flags = int(body.get("flags") or 0) & _KEPT_FLAGS
    msg = payloads.message(
        message_id or payloads.snowflake(),
        channel_id,
        fake.bot_user,
        body,
        flags=flags,
        type_=type_,
        attachments=attachments,
        webhook_id=fake.application_id if webhook else None,
    )
    msg.update(mentions.resolve(msg["content"], body.get("allowed_mentions"), fake.find_user))
    return msg


class CoreRoutes:
    """Handlers bound to one FakeDiscord."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    def register(self, app: web.Application) -> None:
        p = API_PREFIX
        app.router.add_get(p + "/users/@me", self.get_me)
        app.router.add_get(p + "/users/{user_id:\\d+}", self.get_user)
        app.router.add_get(p + "/oauth2/applications/@me", self.get_app)
        app.router.add_get(p + "/applications/@me", self.get_app)
        app.router.add_get(p + "/gateway", self.get_gateway)
        app.router.add_get(p + "/gateway/bot", self.get_gateway_bot)
        app.router.add_post(p + "/users/@me/channels", self.create_dm)
        app.router.add_get(p + "/guilds/{guild_id}", self.get_guild)
        app.router.add_get(p + "/guilds/{guild_id}/channels", self.get_guild_channels)
        app.router.add_get(p + "/guilds/{guild_id}/roles", self.get_guild_roles)
        app.router.add_get(p + "/guilds/{guild_id}/members/{user_id}", self.get_member)
        member_role = p + "/guilds/{guild_id}/members/{user_id}/roles/{role_id}"
        app.router.add_put(member_role, self.add_member_role)
        app.router.add_delete(member_role, self.remove_member_role)
        app.router.add_get(p + "/channels/{channel_id}", self.get_channel)
        app.router.add_post(p + "/channels/{channel_id}/typing", self.typing)
        app.router.add_get(p + "/channels/{channel_id}/messages", self.list_messages)
        app.router.add_post(p + "/channels/{channel_id}/messages", self.create_message)
        app.router.add_get(p + "/channels/{channel_id}/messages/{message_id}", self.get_message)
        app.router.add_patch(p + "/channels/{channel_id}/messages/{message_id}", self.edit_message)
        app.router.add_delete(
            p + "/channels/{channel_id}/messages/{message_id}", self.delete_message
        )

    # users, application, gateway

    async def get_me(self, request: web.Request) -> web.Response:
        return json_response(self.fake.bot_user)

    async def get_user(self, request: web.Request) -> web.Response:
        found = self.fake.find_user(int(request.match_info["user_id"]))
        if found is None:
            raise ApiError(404, 10013, "Unknown User")
        return json_response(found)

    async def get_app(self, request: web.Request) -> web.Response:
        owner = payloads.user(self.fake.owner_id, "owner")
        return json_response(payloads.app_info(self.fake.application_id, owner, self.fake.bot_user))

    async def get_gateway(self, request: web.Request) -> web.Response:
        return json_response({"url": self.fake.gateway_url})

    async def get_gateway_bot(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 86400000, "max_concurrency": 1}
        return json_response(
            {"url": self.fake.gateway_url, "shards": self.fake.shard_count,
             "session_start_limit": limit}
        )

    async def create_dm(self, request: web.Request) -> web.Response:
        user_id = int((body_of(request) or {}).get("recipient_id", 0))
        recipient = self.fake.find_user(user_id)
        if recipient is None:
            raise ApiError(400, 50033, "Invalid Recipient(s)")
        channel_id = self.fake.dm_channels.setdefault(user_id, payloads.snowflake())
        return json_response(payloads.dm_channel(channel_id, recipient))

    # guilds

    def _guild(self, request: web.Request) -> Any:
        guild = self.fake.guilds.get(_int(request.match_info["guild_id"]))
        if guild is None:
            raise ApiError(404, 10004, "Unknown Guild")
        return guild

    async def get_guild(self, request: web.Request) -> web.Response:
        return json_response(self._guild(request).rest_payload())

    async def get_guild_channels(self, request: web.Request) -> web.Response:
        return json_response(list(self._guild(request).channels.values()))

    async def get_guild_roles(self, request: web.Request) -> web.Response:
        return json_response(list(self._guild(request).roles.values()))

    async def get_member(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        user_id = _int(request.match_info["user_id"])
        member = guild.members.get(user_id)
        if user_id == int(self.fake.bot_user["id"]):  # the bot is a member of its guilds
            member = self.fake.bot_member(guild)
        if member is None:
            raise ApiError(404, 10007, "Unknown Member")
        return json_response(member)

    def _member_role(self, request: web.Request) -> tuple[Any, JSON, int]:
        guild = self._guild(request)
        member = guild.members.get(_int(request.match_info["user_id"]))
        if member is None:
            raise ApiError(404, 10007, "Unknown Member")
        role_id = _int(request.match_info["role_id"])
        if role_id not in guild.roles:
            raise ApiError(404, 10011, "Unknown Role")
        if not guild.bot_manages_roles:
            raise ApiError(403, 50013, "Missing Permissions")
        return guild, member, role_id

    async def add_member_role(self, request: web.Request) -> web.Response:
        guild, member, role_id = self._member_role(request)
        if str(role_id) not in member["roles"]:
            member["roles"].append(str(role_id))
        self.fake.events.emit("member_role_add", {"guild_id": guild.id,
                                                  "user_id": int(member["user"]["id"]),
                                                  "role_id": role_id})
        return no_content()

    async def remove_member_role(self, request: web.Request) -> web.Response:
        guild, member, role_id = self._member_role(request)
        if str(role_id) in member["roles"]:
            member["roles"].remove(str(role_id))
        self.fake.events.emit("member_role_remove", {"guild_id": guild.id,
                                                     "user_id": int(member["user"]["id"]),
                                                     "role_id": role_id})
        return no_content()

    # channels and messages

    def _channel(self, request: web.Request) -> tuple[int, JSON]:
        channel_id = _int(request.match_info["channel_id"])
        found = self.fake.find_channel(channel_id)
        if found is None:
            raise ApiError(404, 10003, "Unknown Channel")
        return channel_id, found

    def _message(self, request: web.Request) -> tuple[int, JSON]:
        channel_id, _ = self._channel(request)
        message_id = request.match_info["message_id"]
        for msg in self.fake.messages.get(channel_id, []):
            if msg["id"] == message_id:
                return channel_id, msg
        raise ApiError(404, 10008, "Unknown Message")

    async def get_channel(self, request: web.Request) -> web.Response:
        return json_response(self._channel(request)[1])

    async def typing(self, request: web.Request) -> web.Response:
        self._channel(request)
        return no_content()

    async def list_messages(self, request: web.Request) -> web.Response:
        channel_id, channel = self._channel(request)
        guild = self.fake.guilds.get(int(channel.get("guild_id") or 0))
        if guild is not None and guild.denied(channel_id, int(self.fake.bot_user["id"]),
                                              payloads.READ_MESSAGE_HISTORY):
            # Discord answers an empty list, not an error, without Read Message History.
            return json_response([])
        found = list(reversed(self.fake.messages.get(channel_id, [])))  # newest first
        limit = max(1, min(int(request.query.get("limit", 50)), 100))
        if "before" in request.query:
            found = [m for m in found if int(m["id"]) < int(request.query["before"])]
        if "after" in request.query:
            # The `limit` messages right after it, still newest first.
            found = [m for m in found if int(m["id"]) > int(request.query["after"])][-limit:]
        return json_response(found[:limit])

    async def create_message(self, request: web.Request) -> web.Response:
        channel_id, channel = self._channel(request)
        recipients = channel.get("recipients") or []
        if any(int(r["id"]) in self.fake.dms_blocked_by for r in recipients):
            raise ApiError(403, 50007, "Cannot send messages to this user")
        body: JSON = body_of(request) or {}
        files: list[UploadedFile] = files_of(request)
        check_message(body, enforce=self.fake.enforce_limits, files=len(files))
        history = self.fake.messages.setdefault(channel_id, [])
        nonce = body.get("nonce")
        if nonce is not None and body.get("enforce_nonce"):
            for earlier in history:
                if (
                    earlier.get("nonce") == nonce
                    and earlier["author"]["id"] == self.fake.bot_user["id"]
                    and self.fake.nonce_remembered(earlier)
                ):
                    self.fake.events.emit(
                        "nonce_deduplicated", {"channel_id": channel_id, "message": earlier}
                    )
                    return json_response(earlier)
        msg = build_message(
            self.fake, channel_id, body, files, type_=19 if body.get("message_reference") else 0
        )
        history.append(msg)
        if nonce is not None:
            self.fake.remember_nonce(msg)
        self.fake.events.emit("message_create", {"channel_id": channel_id, "message": msg})
        await self._dispatch_message(channel, msg)
        return json_response(msg)

    async def _dispatch_message(self, channel: JSON, msg: JSON) -> None:
        """MESSAGE_CREATE to the bot, if it asked for guild or DM message events."""
        if self.fake.gateway.current is None:
            return
        event = dict(msg)
        intent = DIRECT_MESSAGES
        if channel.get("guild_id") is not None:
            guild = self.fake.guilds[int(channel["guild_id"])]
            member = dict(self.fake.bot_member(guild))
            member.pop("user")
            event.update(guild_id=str(guild.id), member=member)
            intent = GUILD_MESSAGES
        await self.fake.gateway.dispatch("MESSAGE_CREATE", event, intent=intent)

    async def get_message(self, request: web.Request) -> web.Response:
        return json_response(self._message(request)[1])

    async def edit_message(self, request: web.Request) -> web.Response:
        channel_id, msg = self._message(request)
        body: JSON = body_of(request) or {}
        check_message(body, enforce=self.fake.enforce_limits, allow_empty=True)
        self.fake.edit_message(msg, body, files_of(request), channel_id)
        return json_response(msg)

    async def delete_message(self, request: web.Request) -> web.Response:
        channel_id, msg = self._message(request)
        self.fake.messages[channel_id].remove(msg)
        self.fake.events.emit("message_delete", {"channel_id": channel_id, "message": msg})
        return no_content()


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        error = {"code": "NUMBER_TYPE_COERCE", "message": f'Value "{value}" is not snowflake.'}
        raise ApiError(400, 50035, "Invalid Form Body", {"id": {"_errors": [error]}}) from None
