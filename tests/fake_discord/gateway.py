"""Gateway websocket: HELLO, heartbeats, IDENTIFY/READY, RESUME + replay, ops 7/9, compression."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import itertools
import json
import secrets
import zlib
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from .server import FakeDiscord

JSON = dict[str, Any]

GUILD_PRESENCES = 1 << 8
PRIVILEGED = (1 << 1) | (1 << 8) | (1 << 15)  # members, presences, message_content

try:  # zstd-stream is offered only when the client could ask for it
    _zstd: Any = importlib.import_module("zstandard")
except ImportError:  # pragma: no cover - depends on the environment
    _zstd = None


class Connection:
    """One websocket; owns its compression stream so frames stay in order."""

    _ids = itertools.count(1)

    def __init__(self, ws: web.WebSocketResponse, compress: str | None, path: str) -> None:
        self.id = next(self._ids)
        self.ws = ws
        self.path = path
        self.compress = compress
        self.session: Session | None = None
        self.server_close_code: int | None = None
        self._lock = asyncio.Lock()
        self._zlib = zlib.compressobj() if compress == "zlib-stream" else None
        self._zstd: Any = None
        if compress == "zstd-stream" and _zstd is not None:
            self._zstd = _zstd.ZstdCompressor().compressobj()

    @property
    def live(self) -> bool:
        return not self.ws.closed and self.server_close_code is None

    async def send(self, payload: JSON) -> bool:
        """Send one gateway payload; False if the socket is gone."""
        raw = json.dumps(payload).encode()
        async with self._lock:
            if self.ws.closed:
                return False
            try:
                if self._zlib is not None:
                    await self.ws.send_bytes(
                        self._zlib.compress(raw) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
                    )
                elif self._zstd is not None:
                    chunk = self._zstd.compress(raw) + self._zstd.flush(
                        _zstd.COMPRESSOBJ_FLUSH_BLOCK
                    )
                    await self.ws.send_bytes(chunk)
                else:
                    await self.ws.send_str(raw.decode())
            except (ConnectionError, RuntimeError):
                return False
        return True

    async def close(self, code: int) -> None:
        self.server_close_code = code
        with contextlib.suppress(ConnectionError, RuntimeError):
            await self.ws.close(code=code)


class Session:
    """A gateway session: sequence counter and replay buffer, outliving its connections."""

    def __init__(self, intents: int, shard: list[int]) -> None:
        self.id = secrets.token_hex(16)
        self.intents = intents
        self.shard = shard
        self.seq = 0
        self.buffer: deque[JSON] = deque(maxlen=2000)
        self.conn: Connection | None = None
        self.resumable = True
        self.lock = asyncio.Lock()


class Gateway:
    """Serves the gateway on /gateway and /resume and keeps sessions for the fake."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.connections: set[Connection] = set()
        self.sessions: dict[str, Session] = {}
        self.current: Session | None = None
        # The latest session of each (shard id, shard count): guild events go to their shard's.
        self.by_shard: dict[tuple[int, int], Session] = {}

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        compress = request.query.get("compress") or None
        if compress == "zstd-stream" and _zstd is None:
            compress = None
        conn = Connection(ws, compress, request.path)
        self.connections.add(conn)
        self.fake.events.emit(
            "ws_connect", {"conn": conn.id, "path": conn.path, "compress": compress}
        )
        hello = {"heartbeat_interval": self.fake.heartbeat_interval_ms, "_trace": ["fake-discord"]}
        await conn.send({"op": 10, "d": hello, "s": None, "t": None})
        self.fake.events.emit("hello", {"conn": conn.id})
        try:
            async for msg in ws:
                if msg.type in (WSMsgType.TEXT, WSMsgType.BINARY):
                    text = msg.data if msg.type is WSMsgType.TEXT else msg.data.decode()
                    await self._on_payload(conn, json.loads(text))
                elif msg.type is WSMsgType.ERROR:
                    break
        finally:
            self._on_closed(conn)
        return ws

    def _on_closed(self, conn: Connection) -> None:
        self.connections.discard(conn)
        code = conn.server_close_code or conn.ws.close_code
        session = conn.session
        if session is not None and session.conn is conn:
            session.conn = None
            if conn.server_close_code is None and code in (1000, 1001):
                session.resumable = False  # a clean client close ends the session, as on Discord
        by = "server" if conn.server_close_code is not None else "client"
        self.fake.events.emit("ws_closed", {"conn": conn.id, "code": code, "by": by})

    async def _on_payload(self, conn: Connection, payload: JSON) -> None:
        op: Any = payload.get("op")
        data: Any = payload.get("d")
        if op == 1:
            self.fake.events.emit("heartbeat", {"conn": conn.id, "seq": data})
            if self.fake.heartbeat_acks:
                await conn.send({"op": 11, "d": None, "s": None, "t": None})
                self.fake.events.emit("heartbeat_ack", {"conn": conn.id})
        elif op == 2:
            await self._identify(conn, data)
        elif op == 6:
            await self._resume(conn, data)
        elif op == 8:
            self.fake.events.emit("request_guild_members", {"conn": conn.id, "d": data})
            await self._members_chunk(conn, data)
        elif op == 3:
            self.fake.events.emit("presence_update", {"conn": conn.id, "d": data})
        else:
            self.fake.events.emit("unknown_op", {"conn": conn.id, "op": op, "d": data})

    async def _identify(self, conn: Connection, data: JSON) -> None:
        self.fake.identify_count += 1
        self.fake.events.emit(
            "identify", {"conn": conn.id, "d": data, "count": self.fake.identify_count}
        )
        if data.get("token") != self.fake.token:
            await conn.close(4004)  # Authentication failed
            return
        intents = int(data.get("intents", 0))
        if intents & PRIVILEGED & ~self.fake.privileged_intents:
            await conn.close(4014)  # Disallowed intent(s)
            return
        shard = list(data.get("shard") or [0, 1])
        session = Session(intents, shard)
        self.sessions[session.id] = session
        session.conn, conn.session, self.current = conn, session, session
        self.by_shard[(shard[0], shard[1])] = session
        guilds = [g for g in self.fake.guilds.values() if (g.id >> 22) % shard[1] == shard[0]]
        ready = {
            "v": 10,
            "user": self.fake.bot_user,
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.fake.resume_url,
            "shard": shard,
            "application": {"id": str(self.fake.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "_trace": ["fake-discord"],
        }
        await self.dispatch("READY", ready, session=session)
        for guild in guilds:
            # As on Discord, GUILD_CREATE lists every member only with the presences intent;
            # otherwise just the bot, and a members-intent client asks with op 8.
            payload = guild.create_payload(
                self.fake.bot_member(guild), include_members=bool(intents & GUILD_PRESENCES)
            )
            await self.dispatch("GUILD_CREATE", payload, session=session)

    async def _resume(self, conn: Connection, data: JSON) -> None:
        self.fake.events.emit("resume", {"conn": conn.id, "d": data})
        session = self.sessions.get(str(data.get("session_id")))
        if session is None or not session.resumable or data.get("token") != self.fake.token:
            await conn.send({"op": 9, "d": False, "s": None, "t": None})
            self.fake.events.emit("invalid_session", {"conn": conn.id, "resumable": False})
            return
        last_seq = int(data.get("seq") or 0)
        async with session.lock:
            old = session.conn
            session.conn, conn.session, self.current = conn, session, session
            self.by_shard[(session.shard[0], session.shard[1])] = session
            if old is not None and old is not conn and old.live:
                asyncio.get_running_loop().create_task(old.close(4000))
            replay = [frame for frame in session.buffer if frame["s"] > last_seq]
            for frame in replay:
                await conn.send(frame)
            self.fake.resume_count += 1
            self.fake.events.emit(
                "resumed", {"conn": conn.id, "session_id": session.id, "replayed": len(replay)}
            )
            await self._send_dispatch(session, "RESUMED", {"_trace": ["fake-discord"]})

    async def _members_chunk(self, conn: Connection, data: JSON) -> None:
        ids: Any = data.get("guild_id")
        for guild_id in ids if isinstance(ids, list) else [ids]:
            guild = self.fake.guilds.get(int(guild_id or 0))
            if guild is None:
                continue
            members = [self.fake.bot_member(guild), *guild.members.values()]
            wanted = {str(u) for u in data.get("user_ids") or []}
            query = str(data.get("query") or "").lower()
            if wanted:
                members = [m for m in members if m["user"]["id"] in wanted]
            else:
                members = [m for m in members if m["user"]["username"].lower().startswith(query)]
            if data.get("limit"):
                members = members[: int(data["limit"])]
            found = {m["user"]["id"] for m in members}
            chunk: JSON = {
                "guild_id": str(guild.id),
                "members": members,
                "chunk_index": 0,
                "chunk_count": 1,
                "not_found": sorted(wanted - found),
            }
            if data.get("presences"):
                chunk["presences"] = []
            if data.get("nonce") is not None:
                chunk["nonce"] = data["nonce"]
            session = conn.session
            if session is not None:
                await self.dispatch("GUILD_MEMBERS_CHUNK", chunk, session=session)

    async def dispatch(
        self, event: str, data: JSON, *, session: Session | None = None, intent: int = 0,
        sending: Callable[[], None] | None = None,
    ) -> bool:
        """Send a DISPATCH to a session (default: the one of the shard of the event's guild,
        else shard 0's for an event without a guild, else the latest). False if it lacks
        `intent`. `sending` is called just before the frame goes out (after waiting for the
        session's turn)."""
        session = session or self.session_for(data.get("guild_id"))
        if session is None:
            raise RuntimeError("no gateway session: the bot has not identified yet")
        if intent and not session.intents & intent:
            return False
        async with session.lock:
            if sending is not None:
                sending()
            await self._send_dispatch(session, event, data)
        return True

    async def _send_dispatch(self, session: Session, event: str, data: JSON) -> None:
        session.seq += 1
        frame = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.buffer.append(frame)
        self.fake.events.emit("dispatch", {"t": event, "s": session.seq, "d": data})
        if session.conn is not None and session.conn.live:
            await session.conn.send(frame)

    def session_for(self, guild_id: Any) -> Session | None:
        """The latest session of the shard that owns `guild_id` (DMs: shard 0), as Discord
        routes events; the latest session of all when no shard's session matches."""
        wanted = int(guild_id) if guild_id is not None else None
        for (shard_id, count), session in reversed(self.by_shard.items()):
            owner = (wanted >> 22) % count if wanted is not None else 0
            if owner == shard_id:
                return session
        return self.current

    def live_connections(self, shard: int | None = None) -> list[Connection]:
        return [c for c in self.connections if c.live and (
            shard is None or (c.session is not None and c.session.shard[0] == shard))]

    async def send_op(self, op: int, data: Any, shard: int | None = None) -> int:
        """Send a non-dispatch op to every live connection (of one shard id); returns how
        many got it."""
        sent = 0
        for conn in self.live_connections(shard):
            sent += await conn.send({"op": op, "d": data, "s": None, "t": None})
        return sent

    async def reconnect(self, shard: int | None = None) -> None:
        count = await self.send_op(7, None, shard)
        self.fake.events.emit("reconnect", {"connections": count, "shard": shard})

    async def invalidate_session(self, resumable: bool, shard: int | None = None) -> None:
        if not resumable:
            for conn in self.live_connections(shard):
                if conn.session is not None:
                    conn.session.resumable = False
        count = await self.send_op(9, resumable, shard)
        self.fake.events.emit("invalid_session", {"resumable": resumable, "connections": count,
                                                  "shard": shard})

    async def close_sockets(self, code: int = 4000) -> None:
        conns = self.live_connections()
        self.fake.events.emit("server_close", {"code": code, "connections": len(conns)})
        await asyncio.gather(*(conn.close(code) for conn in conns))

    async def shutdown(self) -> None:
        await asyncio.gather(*(conn.close(1001) for conn in list(self.connections)))
