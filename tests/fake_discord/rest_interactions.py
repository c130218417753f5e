"""REST routes for application commands, interaction callbacks and followup webhooks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import payloads
from .interactions import InteractionRecord
from .middleware import API_PREFIX, arrived_at, body_of, files_of, json_response, no_content
from .rest import build_message
from .validation import ApiError, check_message, command_errors, invalid_form

if TYPE_CHECKING:
    from .server import FakeDiscord

JSON = dict[str, Any]
LOADING = 128
EPHEMERAL = 64


def _unknown_webhook() -> ApiError:
    return ApiError(404, 10015, "Unknown Webhook")


def _unknown_interaction() -> ApiError:
    return ApiError(404, 10062, "Unknown interaction")


class InteractionRoutes:
    """Command sync, interaction callbacks and followup webhooks, bound to one FakeDiscord."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    def register(self, app: web.Application) -> None:
        p = API_PREFIX
        for path in (
            "/applications/{app_id}/commands",
            "/applications/{app_id}/guilds/{guild_id}/commands",
        ):
            app.router.add_put(p + path, self.put_commands)
            app.router.add_get(p + path, self.get_commands)
        app.router.add_post(p + "/interactions/{interaction_id}/{token}/callback", self.callback)
        app.router.add_post(p + "/webhooks/{app_id}/{token}", self.followup)
        hook_message = p + "/webhooks/{app_id}/{token}/messages/{message_id}"
        app.router.add_get(hook_message, self.get_hook_message)
        app.router.add_patch(hook_message, self.edit_hook_message)
        app.router.add_delete(hook_message, self.delete_hook_message)

    # application commands

    def _scope(self, request: web.Request) -> int | None:
        if request.match_info["app_id"] != str(self.fake.application_id):
            raise ApiError(403, 50001, "Missing Access")
        guild_id = request.match_info.get("guild_id")
        if guild_id is None:
            return None
        if not guild_id.isdigit() or int(guild_id) not in self.fake.guilds:
            raise ApiError(403, 50001, "Missing Access")
        return int(guild_id)

    async def put_commands(self, request: web.Request) -> web.Response:
        scope = self._scope(request)
        body = body_of(request)
        if self.fake.enforce_limits or not isinstance(body, list):
            errors = command_errors(body)
            if errors:
                raise invalid_form(errors)
        old = {
            (int(c.get("type", 1)), c["name"]): c["id"]
            for c in self.fake.synced_commands.get(scope, [])
        }
        stored: list[JSON] = []
        for sent in body:
            kind = int(sent.get("type", 1))
            command: JSON = {
                "type": kind,
                "description": "",
                "default_member_permissions": None,
                "nsfw": False,
                "contexts": None,
                "integration_types": [0],
                **sent,
                "id": old.get((kind, sent["name"])) or str(payloads.snowflake()),
                "application_id": str(self.fake.application_id),
                "version": str(payloads.snowflake()),
            }
            if scope is not None:
                command["guild_id"] = str(scope)
            stored.append(command)
        self.fake.synced_commands[scope] = stored
        self.fake.events.emit("commands_synced", {"guild_id": scope, "commands": stored})
        return json_response(stored)

    async def get_commands(self, request: web.Request) -> web.Response:
        return json_response(self.fake.synced_commands.get(self._scope(request), []))

    # interaction callback

    async def callback(self, request: web.Request) -> web.Response:
        record = self.fake.interactions.get(int(request.match_info["interaction_id"]))
        if record is None or record.token != request.match_info["token"]:
            raise _unknown_interaction()
        if record.acknowledged:
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        arrived = arrived_at(request)
        if self.fake.refuse_late(record, arrived):
            raise _unknown_interaction()
        body: JSON = body_of(request) or {}
        kind = int(body.get("type", 0))
        data: JSON = body.get("data") or {}
        if kind in (4, 7):
            enforce, files = self.fake.enforce_limits, len(files_of(request))
            check_message(data, enforce=enforce, allow_empty=kind == 7, files=files)
        if kind in (6, 7) and record.message is None:
            # Only a component's interaction has a message to update.
            raise invalid_form({"type": {"_errors": [{
                "code": "INTERACTION_RESPONSE_TYPE_INVALID",
                "message": "This response type needs a message component interaction."}]}})
        if kind == 8 and len(data.get("choices") or []) > 25:
            raise invalid_form(
                {"data": {"choices": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH"}]}}}
            )
        record.callbacks.append(body)
        record.responded_at = arrived
        self.fake.events.emit(
            "interaction_response",
            {"interaction_id": record.id, "type": kind, "data": data, "body": body},
        )
        message: JSON | None = None
        if kind == 4:
            message = build_message(
                self.fake, record.channel_id, data, files_of(request), type_=20, webhook=True
            )
            record.original, record.original_given = message, True
            self.fake.events.emit(
                "message_create", {"channel_id": record.channel_id, "message": message}
            )
        elif kind == 5:
            flags = LOADING | (int(data.get("flags") or 0) & EPHEMERAL)
            message = build_message(
                self.fake, record.channel_id, {"flags": flags}, [], type_=20, webhook=True
            )
            message["flags"] = flags
            record.original, record.deferred = message, True
        elif kind == 7 and record.message is not None:
            # UPDATE_MESSAGE: the component's message is edited in place.
            self.fake.edit_message(record.message, data, files_of(request), record.channel_id)
            message = record.message
            record.original, record.original_given = message, True
        elif kind == 6 and record.message is not None:
            # DEFERRED_UPDATE_MESSAGE: nothing changes yet; `@original` is the component's
            # message, so the bot's later edit of it is the final response.
            # Until then the answer is whatever comes next: that edit, or a followup.
            message = record.message
            record.original, record.deferred = message, True
        if kind not in (5, 6):
            self.fake.complete(record)
        if request.query.get("with_response") not in ("1", "true", "True"):
            return no_content()
        interaction = {
            "id": str(record.id),
            "type": record.type,
            "response_message_id": message["id"] if message else None,
            "response_message_loading": kind == 5,
            "response_message_ephemeral": bool(message and int(message["flags"]) & EPHEMERAL),
        }
        resource: JSON = {"type": kind}
        if message is not None:
            resource["message"] = message
        return json_response({"interaction": interaction, "resource": resource})

    # followups and the original response

    def _record(self, request: web.Request) -> InteractionRecord:
        if request.match_info["app_id"] != str(self.fake.application_id):
            raise _unknown_webhook()
        record = self.fake.interactions_by_token.get(request.match_info["token"])
        if record is None or not record.acknowledged:
            raise _unknown_webhook()
        if self.fake.token_expired(record, arrived_at(request)):
            raise ApiError(401, 50027, "Invalid Webhook Token")
        return record

    async def followup(self, request: web.Request) -> web.Response:
        record = self._record(request)
        body: JSON = body_of(request) or {}
        check_message(body, enforce=self.fake.enforce_limits, files=len(files_of(request)))
        original = record.original
        if (record.deferred and original is not None and not record.original_given
                and original is not record.message):
            # As on Discord, the first followup after a defer replaces the loading message
            # (keeping the defer's ephemerality).
            self.fake.edit_message(
                original, body, files_of(request), record.channel_id, event=False
            )
            record.original_given = True
            msg = original
        else:
            msg = build_message(self.fake, record.channel_id, body, files_of(request), webhook=True)
        record.followups.append(msg)
        self.fake.events.emit("followup", {"interaction_id": record.id, "message": msg})
        self.fake.events.emit("message_create", {"channel_id": record.channel_id, "message": msg})
        self.fake.complete(record)
        if request.query.get("wait") in ("1", "true", "True"):
            return json_response(msg)
        return no_content()

    def _hook_message(self, record: InteractionRecord, message_id: str) -> JSON:
        if message_id == "@original":
            if record.original is None:
                raise ApiError(404, 10008, "Unknown Message")
            return record.original
        for msg in [record.original, *record.followups]:
            if msg is not None and msg["id"] == message_id:
                return msg
        raise ApiError(404, 10008, "Unknown Message")

    async def get_hook_message(self, request: web.Request) -> web.Response:
        record = self._record(request)
        return json_response(self._hook_message(record, request.match_info["message_id"]))

    async def edit_hook_message(self, request: web.Request) -> web.Response:
        record = self._record(request)
        msg = self._hook_message(record, request.match_info["message_id"])
        body: JSON = body_of(request) or {}
        check_message(body, enforce=self.fake.enforce_limits, allow_empty=True)
        self.fake.edit_message(msg, body, files_of(request), record.channel_id)
        if msg is record.original:
            record.original_given = True
            self.fake.complete(record)
        return json_response(msg)

    async def delete_hook_message(self, request: web.Request) -> web.Response:
        record = self._record(request)
        msg = self._hook_message(record, request.match_info["message_id"])
        if msg is record.original:
            record.original = None
        record.followups = [m for m in record.followups if m is not msg]
        self.fake.events.emit("message_delete", {"channel_id": record.channel_id, "message": msg})
        return no_content()
