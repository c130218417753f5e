"""FakeDiscord: a local Discord (REST v10 + gateway) on 127.0.0.1 with a control API for tests."""

from __future__ import annotations

import asyncio
import random
import re
import time
from types import TracebackType
from typing import Any

from aiohttp import web

from . import mentions, payloads
from .events import Event, EventLog, Predicate, RecordedRequest
from .gateway import PRIVILEGED, Gateway
from .interactions import InteractionBuilder, InteractionRecord, InteractionResult, Options
from .middleware import (
    FAKE_KEY,
    Delay,
    Injection,
    UploadedFile,
    make_middleware,
    rate_limit_injection,
    status_injection,
)
from .rest import CoreRoutes
from .rest_interactions import InteractionRoutes
from .world import Guild

JSON = dict[str, Any]
# What a typical bot is granted: add reactions, view, send, embed, attach, read history,
# external emoji, use app commands, send in threads.
DEFAULT_APP_PERMISSIONS = sum(1 << bit for bit in (6, 10, 11, 14, 15, 16, 18, 31, 38))
# Discord de-duplicates an enforced nonce only "in the past few minutes": the fake takes the
# low end, so that a resend it would still fold into one message would do so on Discord too.
NONCE_WINDOW_SECONDS = 120.0
MESSAGE_POST = re.compile(r"/channels/\d+/messages")
# Discord refuses an interaction's first callback (404 / 10062 Unknown interaction) once 3 s
# have passed since it sent INTERACTION_CREATE; the token then serves followups and edits of
# `@original` for 15 minutes (401 / 50027 Invalid Webhook Token after).
RESPONSE_DEADLINE_SECONDS = 3.0
TOKEN_LIFETIME_SECONDS = 15 * 60.0


class MissedDeadline(AssertionError):
    """An interaction's first response reached the fake after the 3-second deadline."""


class NoSuchButton(AssertionError):
    """A test clicked a button that a user could not click: not on the message, or disabled."""


def buttons_of(message: JSON) -> list[JSON]:
    """The buttons of a message, row by row."""
    return [child for row in message.get("components") or []
            for child in row.get("components") or [] if int(child.get("type") or 0) == 2]


class FakeDiscord:
    """A fake Discord server for discord.py 2.7.1, bound to 127.0.0.1 on a free port."""

    def __init__(self, *, heartbeat_interval_ms: int = 500, enforce_limits: bool = True,
                 shard_count: int = 1, nonce_window: float = NONCE_WINDOW_SECONDS,
                 seed: int = 0) -> None:
        self.heartbeat_interval_ms = heartbeat_interval_ms
        # Seconds after INTERACTION_CREATE within which the first callback is accepted, and
        # within which the token serves followups and edits; as on Discord.
        self.response_deadline = RESPONSE_DEADLINE_SECONDS
        self.token_lifetime = TOKEN_LIFETIME_SECONDS
        # Seconds a message's nonce is remembered (a repeat within it returns that message).
        self.nonce_window = nonce_window
        self.shard_count = shard_count  # what GET /gateway/bot advises
        self.enforce_limits = enforce_limits
        self.token = "fake-token"
        self.application_id = payloads.snowflake()
        self.bot_user_id = self.application_id  # as for real bots: the bot user shares the app id
        self.owner_id = payloads.snowflake()
        self.bot_user: JSON = payloads.bot_user(self.bot_user_id, "FakeBot")
        self.app_permissions = DEFAULT_APP_PERMISSIONS
        self.privileged_intents = PRIVILEGED  # privileged intents "enabled in the portal"
        self.heartbeat_acks = True
        self.identify_count = 0
        self.resume_count = 0
        self.guilds: dict[int, Guild] = {}
        self.messages: dict[int, list[JSON]] = {}
        self.dm_channels: dict[int, int] = {}
        # Users who block DMs from the bot: a DM to them answers 403 / 50007.
        self.dms_blocked_by: set[int] = set()
        self.synced_commands: dict[int | None, list[JSON]] = {}
        self.attachments_data: dict[int, bytes] = {}
        self.requests: list[RecordedRequest] = []
        self.unknown_routes: list[str] = []
        self.interactions: dict[int, InteractionRecord] = {}
        self.interactions_by_token: dict[str, InteractionRecord] = {}
        # Interactions whose first callback came too late (refused with 404 / 10062), in order.
        self.missed_deadlines: list[InteractionRecord] = []
        self.events = EventLog()
        self.gateway = Gateway(self)
        self.bot_task: asyncio.Task[Any] | None = None  # set by fixtures.run_bot
        self._injections: list[Injection] = []
        self._delays: list[Delay] = []
        self._rng = random.Random(seed)
        # When each message created with a nonce was created (monotonic), by message id.
        self.nonce_times: dict[str, float] = {}
        self._builder = InteractionBuilder(self)
        self._runner: web.AppRunner | None = None
        self.port = 0

    # lifecycle

    async def start(self) -> None:
        app = web.Application(middlewares=[make_middleware(self)], client_max_size=64 * 1024 * 1024)
        app[FAKE_KEY] = self
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_get("/resume", self.gateway.handle)
        CoreRoutes(self).register(app)
        InteractionRoutes(self).register(app)
        self._runner = web.AppRunner(app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        await self.gateway.shutdown()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def resume_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/resume"

    # world building and lookups

    def add_guild(self, guild_id: int, name: str = "Test Guild") -> Guild:
        guild = Guild(guild_id, name, owner_id=self.owner_id)
        self.guilds[guild_id] = guild
        return guild

    def bot_member(self, guild: Guild) -> JSON:
        return payloads.member(dict(self.bot_user), [guild.bot_role_id], guild.joined_at)

    def find_user(self, user_id: int) -> JSON | None:
        if user_id == self.bot_user_id:
            return dict(self.bot_user)
        for guild in self.guilds.values():
            found = guild.find_user(user_id)
            if found is not None:
                return found
        return None

    def known_user(self, user_id: int) -> JSON:
        return self.find_user(user_id) or payloads.user(user_id, f"user{user_id}")

    def find_channel(self, channel_id: int) -> JSON | None:
        for guild in self.guilds.values():
            if channel_id in guild.channels:
                return guild.channels[channel_id]
        for user_id, dm_id in self.dm_channels.items():
            if dm_id == channel_id:
                return payloads.dm_channel(dm_id, self.known_user(user_id))
        return None

    def edit_message(
        self,
        msg: JSON,
        body: JSON,
        files: list[UploadedFile],
        channel_id: int,
        *,
        event: bool = True,
    ) -> None:
        """Apply an edit (content, embeds, attachments, ...) to a stored message, in place."""
        attachments = []
        for upload in files:
            att = payloads.attachment(
                channel_id, upload.filename, len(upload.data), upload.content_type
            )
            self.attachments_data[int(att["id"])] = upload.data
            attachments.append(att)
        payloads.apply_edit(msg, body, attachments)
        allowed = msg.get("allowed_mentions")
        msg.update(mentions.resolve(msg["content"], allowed, self.find_user))
        if event:
            self.events.emit("message_update", {"channel_id": channel_id, "message": msg})

    # events

    async def wait_for(
        self,
        predicate: Predicate,
        timeout: float = 10.0,  # noqa: ASYNC109 - public API, mirrors asyncio.wait_for
        *,
        since: int = 0,
    ) -> Event:
        """The first event, past or future (index >= since), that matches; else TimeoutError."""
        return await self.events.wait_for(predicate, timeout, since=since)

    def mark(self) -> int:
        """The index the next event will get: pass it as `since=` to wait only for newer events."""
        return len(self.events)

    # interactions

    async def invoke(
        self,
        name: str,
        options: Options = None,
        *,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        subcommand: str | None = None,
        group: str | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - public API
    ) -> InteractionResult:
        """Dispatch a chat-input command and wait for its final response."""
        record = await self._start_interaction(
            2, name, options, guild_id, channel_id, user_id, subcommand, group
        )
        await self._wait_done(record, timeout)
        return InteractionResult(record)

    async def autocomplete(
        self,
        name: str,
        options: list[JSON],
        *,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        subcommand: str | None = None,
        group: str | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - public API
    ) -> list[JSON]:
        """Dispatch an autocomplete (one option has "focused": True); return the choices."""
        if not any(opt.get("focused") for opt in options):
            raise ValueError('autocomplete needs one option with "focused": True')
        record = await self._start_interaction(
            4, name, options, guild_id, channel_id, user_id, subcommand, group
        )
        await self._wait_done(record, timeout)
        callback = record.callbacks[0]
        if callback.get("type") != 8:
            raise AssertionError(f"autocomplete answered with callback type {callback.get('type')}")
        return list((callback.get("data") or {}).get("choices") or [])

    async def click(
        self,
        message: JSON,
        custom_id: str,
        *,
        user_id: int,
        timeout: float = 10.0,  # noqa: ASYNC109 - public API
    ) -> InteractionResult:
        """A user clicks the button `custom_id` on `message` (a message the bot sent, as the
        fake stores it): INTERACTION_CREATE type 3 goes out, in the message's channel and guild,
        and this returns at the final response (type 4 or 7; type 5 or 6 then an edit of
        `@original` or a followup). A button that is not there, or disabled, raises NoSuchButton.
        """
        live = self.find_message(str(message["id"])) or message
        button = next((b for b in buttons_of(live) if b.get("custom_id") == custom_id), None)
        if button is None:
            shown = [b.get("custom_id") or b.get("url") for b in buttons_of(live)]
            raise NoSuchButton(f"message {live['id']} has no button {custom_id!r} (it has {shown})")
        if button.get("disabled"):
            raise NoSuchButton(f"button {custom_id!r} on message {live['id']} is disabled")
        channel_id = int(live["channel_id"])
        guild_id = next((g.id for g in self.guilds.values() if channel_id in g.channels), None)
        record, payload = self._builder.build_click(
            live, custom_id, guild_id=guild_id, channel_id=channel_id, user_id=user_id)
        await self._dispatch_interaction(record, payload)
        await self._wait_done(record, timeout)
        return InteractionResult(record)

    def find_message(self, message_id: str) -> JSON | None:
        """A message the bot sent, by id: in a channel, or an interaction's response."""
        for messages in self.messages.values():
            for msg in messages:
                if msg["id"] == message_id:
                    return msg
        for record in self.interactions.values():
            for answer in (record.original, *record.followups):
                if answer is not None and answer["id"] == message_id:
                    return answer
        return None

    async def _start_interaction(
        self,
        kind: int,
        name: str,
        options: Options,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        subcommand: str | None,
        group: str | None,
    ) -> InteractionRecord:
        record, payload = self._builder.build(
            kind,
            name,
            options,
            guild_id=guild_id,
            channel_id=channel_id,
            user_id=user_id,
            subcommand=subcommand,
            group=group,
        )
        await self._dispatch_interaction(record, payload)
        return record

    async def _dispatch_interaction(self, record: InteractionRecord, payload: JSON) -> None:
        self.interactions[record.id] = record
        self.interactions_by_token[record.token] = record
        self.events.emit("interaction_create", {"interaction_id": record.id, "payload": payload})

        def sending() -> None:  # Discord's clock starts when the event goes out
            record.dispatched_at = time.monotonic()

        await self.gateway.dispatch("INTERACTION_CREATE", payload, sending=sending)

    async def _wait_done(self, record: InteractionRecord, seconds: float) -> None:
        try:
            await asyncio.wait_for(record.done.wait(), seconds)
        except TimeoutError:
            raise TimeoutError(
                f"/{record.name}: no final response within {seconds}s "
                f"(callbacks={record.callbacks}, followups={len(record.followups)}); "
                "did the command raise? check the bot's log"
            ) from None
        if record.missed_deadline:
            raise MissedDeadline(
                f"/{record.name}: the first response came after Discord's "
                f"{self.response_deadline:g}-second deadline (refused with 404 / 10062 Unknown "
                "interaction): defer before slow work"
            )

    def refuse_late(self, record: InteractionRecord, arrived: float) -> bool:
        """Whether a first callback arriving at `arrived` (monotonic) misses the deadline; if
        so the interaction is recorded in `missed_deadlines`, and whoever waits on it wakes."""
        late = arrived - record.dispatched_at
        if record.acknowledged or late <= self.response_deadline:
            return False
        if not record.missed_deadline:
            record.missed_deadline = True
            self.missed_deadlines.append(record)
            self.events.emit(
                "interaction_expired",
                {"interaction_id": record.id, "name": record.name, "late": late},
            )
            self.complete(record)
        return True

    def token_expired(self, record: InteractionRecord, arrived: float) -> bool:
        """Whether the interaction's token no longer serves followups and edits."""
        return arrived - record.dispatched_at > self.token_lifetime

    def assert_no_missed_deadlines(self) -> None:
        """Raise if any interaction's first response came after the 3-second deadline."""
        if self.missed_deadlines:
            names = ", ".join(f"/{r.name}" for r in self.missed_deadlines)
            raise MissedDeadline(
                f"interactions answered after Discord's {self.response_deadline:g}-second "
                f"deadline (404 / 10062 Unknown interaction): {names}"
            )

    def complete(self, record: InteractionRecord) -> None:
        if not record.done.is_set():
            record.done.set()
            self.events.emit(
                "interaction_complete", {"interaction_id": record.id, "name": record.name}
            )

    # gateway control

    async def dispatch(self, event: str, data: JSON) -> None:
        """Send any DISPATCH event to the session of its guild's shard (else the latest)."""
        await self.gateway.dispatch(event, data)

    async def reconnect(self, shard: int | None = None) -> None:
        """op 7 to every live connection, or only to those of shard id `shard`."""
        await self.gateway.reconnect(shard)

    async def invalidate_session(self, resumable: bool, shard: int | None = None) -> None:
        await self.gateway.invalidate_session(resumable, shard)

    async def close_sockets(self, code: int = 4000) -> None:
        await self.gateway.close_sockets(code)

    async def remove_guild(self, guild_id: int) -> Guild:
        """The bot kicked from (or leaving) a guild: it leaves the world, and its shard gets
        GUILD_DELETE without `unavailable`, as Discord sends it. Returns the guild, to rejoin."""
        guild = self.guilds[guild_id]
        await self.gateway.dispatch("GUILD_DELETE", {"id": str(guild_id)},
                                    session=self.gateway.session_for(guild_id))
        del self.guilds[guild_id]
        return guild

    async def join_guild(self, guild: Guild) -> None:
        """The bot added to a guild: it enters the world, and its shard gets GUILD_CREATE
        without `unavailable` (discord.py reads `unavailable: false` as an outage ending, and a
        guild without it as a join)."""
        self.guilds[guild.id] = guild
        payload = guild.create_payload(self.bot_member(guild), include_members=False)
        del payload["unavailable"]
        await self.gateway.dispatch("GUILD_CREATE", payload,
                                    session=self.gateway.session_for(guild.id))

    def shard_of(self, guild_id: int, shard_count: int | None = None) -> int:
        """The shard a guild belongs to, as Discord computes it."""
        return (guild_id >> 22) % (shard_count or self.shard_count)

    # REST control

    def inject_429(
        self,
        method: str,
        path_pattern: str,
        count: int = 1,
        retry_after: float = 0.2,
        global_: bool = False,
        via: bool = True,
    ) -> None:
        """The next `count` requests matching method (or "*") and path regex (fullmatch) get 429."""
        self._injections.append(
            rate_limit_injection(method, path_pattern, count, retry_after, global_, via)
        )

    def inject_status(
        self,
        method: str,
        path_pattern: str,
        status: int,
        count: int = 1,
        *,
        code: int | None = None,
        message: str | None = None,
        echo_headers: bool = False,
    ) -> None:
        """The next `count` matching requests get `status` with Discord's JSON error body
        (`echo_headers`: the request's headers, Authorization included, appended to it)."""
        self._injections.append(
            status_injection(method, path_pattern, status, count, code, message, echo_headers)
        )

    def inject_delay(
        self,
        method: str,
        path_pattern: str,
        seconds: float,
        upto: float | None = None,
        count: int | None = None,
    ) -> None:
        """Matching requests wait `seconds` (a random time up to `upto` when given) before they
        are carried out and answered; `count` None delays every one until `clear_delays`."""
        high = seconds if upto is None else upto
        self._delays.append(Delay(method.upper(), re.compile(path_pattern), seconds, high, count))

    def clear_delays(self) -> None:
        self._delays.clear()

    def take_delay(self, method: str, path: str) -> float:
        for delay in self._delays:
            if delay.matches(method, path):
                return delay.take(self._rng)
        return 0.0

    def message_posts(self) -> list[RecordedRequest]:
        """Every `POST /channels/{id}/messages` received, in order, whatever it was answered
        (429s, 500s and nonce repeats included): what the bot sent, not what was kept."""
        return [r for r in self.requests
                if r.method == "POST" and MESSAGE_POST.fullmatch(r.path)]

    def remember_nonce(self, message: JSON) -> None:
        self.nonce_times[str(message["id"])] = time.monotonic()

    def nonce_remembered(self, message: JSON) -> bool:
        """True while a repeat of `message`'s nonce still returns it (within `nonce_window`)."""
        created = self.nonce_times.get(str(message["id"]))
        return created is not None and time.monotonic() - created < self.nonce_window

    def take_injection(self, method: str, path: str) -> Injection | None:
        for injection in self._injections:
            if injection.matches(method, path):
                injection.count -= 1
                return injection
        return None

    def assert_no_unknown_routes(self) -> None:
        assert not self.unknown_routes, (
            f"the bot called routes the fake does not serve: {self.unknown_routes}"
        )

    def assert_bot_alive(self) -> None:
        """Raise if the bot task (from run_bot) has finished, with its exception if it had one."""
        task = self.bot_task
        if task is None:
            raise AssertionError("no bot task: use fixtures.run_bot")
        if task.done():
            exc = None if task.cancelled() else task.exception()
            raise AssertionError(f"the bot task has stopped: {exc!r}") from exc
