"""Realistic rows for every table, stored at any revision, and snapshots to compare after."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.db import Database

T = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
GUILD, OTHER_GUILD = 1000, 2000
MOD, FAN = 555, 777


def _at(hours: float) -> datetime:
    return T + timedelta(hours=hours)


# Every row with the columns of the newest schema, parents before children. Storing at an older
# revision leaves out the columns and tables it does not have yet. The artists and releases are
# invented for these tests.
ROWS: dict[str, list[dict[str, Any]]] = {
    "articles": [
        {"id": 1, "canonical_url": "https://news.example/velvet-static-salt-road",
         "guid": "news-example-4411", "title": "Velvet Static announce Salt Road",
         "source": "news.example", "published_at": _at(-48), "fetched_at": _at(-47),
         "text": "Velvet Static will release their second album, Salt Road, on 12 March 2027. "
                 "Singer Ines Carrow wrote most of it on tour last spring.",
         "summary": "Velvet Static will release Salt Road on 12 March 2027.",
         "content_hash": "1f" * 32, "learned_at": _at(-46), "created_at": _at(-47),
         "link": "https://news.example/velvet-static-salt-road", "text_from": "page",
         "story_id": None},
        {"id": 2, "canonical_url": "https://blog.example/ines-carrow-interview",
         "guid": None, "title": "Ines Carrow on writing Low Orbit", "source": "blog.example",
         "published_at": _at(-30), "fetched_at": _at(-29),
         "text": "Ines Carrow, born 17 August 1994, says Low Orbit came together in a week.",
         "summary": None, "content_hash": "2e" * 32, "learned_at": None,
         "created_at": _at(-29), "link": "https://blog.example/ines-carrow-interview",
         "text_from": "feed", "story_id": None},
        {"id": 3, "canonical_url": None, "guid": "urn:uuid:6c1f0a52", "title": None,
         "source": None, "published_at": None, "fetched_at": _at(-5), "text": "",
         "summary": None, "content_hash": "3d" * 32, "learned_at": _at(-4),
         "created_at": _at(-5),
         # Another guild's file with other words for article 1's link: kept apart, one story.
         "link": "https://news.example/velvet-static-salt-road", "text_from": "file",
         "story_id": 1},
    ],
    "audit_log": [
        {"id": 1, "guild_id": GUILD, "user_id": MOD, "action": "follow",
         "target": "Velvet Static", "before": None, "after": {"following": True},
         "created_at": _at(-40)},
        {"id": 2, "guild_id": GUILD, "user_id": MOD, "action": "unfollow",
         "target": "Moth Choir", "before": {"following": True}, "after": {"following": False},
         "created_at": _at(-39)},
    ],
    "entities": [
        {"id": 1, "kind": "artist", "name": "Velvet Static", "norm_name": "velvet static",
         "artist_id": None, "release_kind": None, "date_value": None, "date_precision": None,
         "status": None, "guild_id": None, "created_at": _at(-46)},
        {"id": 2, "kind": "person", "name": "Ines Carrow", "norm_name": "ines carrow",
         "artist_id": None, "release_kind": None, "date_value": None, "date_precision": None,
         "status": None, "guild_id": None, "created_at": _at(-46)},
        {"id": 3, "kind": "release", "name": "Salt Road", "norm_name": "salt road",
         "artist_id": 1, "release_kind": "album", "date_value": date(2027, 3, 12),
         "date_precision": "day", "status": "announced", "guild_id": None,
         "created_at": _at(-46)},
        {"id": 4, "kind": "release", "name": "Low Orbit", "norm_name": "low orbit",
         "artist_id": 1, "release_kind": "single", "date_value": date(2025, 6, 1),
         "date_precision": "month", "status": "released", "guild_id": None,
         "created_at": _at(-28)},
        {"id": 5, "kind": "artist", "name": "Moth Choir", "norm_name": "moth choir",
         "artist_id": None, "release_kind": None, "date_value": None, "date_precision": None,
         "status": None, "guild_id": GUILD, "created_at": _at(-41)},
    ],
    "feeds": [
        {"id": 1, "url": "https://news.example/feed.xml", "title": "News Example",
         "etag": '"5f3a-9c"', "last_modified": "Fri, 20 Nov 2026 08:00:00 GMT", "state": "ok",
         "disable_reason": None, "last_error": None, "failure_count": 0,
         "first_failure_at": None, "last_polled_at": _at(-1), "last_success_at": _at(-1),
         "next_poll_at": _at(-0.01), "lease_owner": "host-a:4242:9f1c",
         "lease_until": _at(0.07), "poll_interval_seconds": 900, "learned": True,
         "created_at": _at(-50)},
        {"id": 2, "url": "https://blog.example/atom", "title": None, "etag": None,
         "last_modified": None, "state": "disabled", "disable_reason": "gone",
         "last_error": "HTTP 410 Gone", "failure_count": 7, "first_failure_at": _at(-20),
         "last_polled_at": _at(-2), "last_success_at": _at(-29), "next_poll_at": None,
         "lease_owner": None, "lease_until": None, "poll_interval_seconds": 3600,
         "learned": False, "created_at": _at(-31)},
    ],
    "guild_settings": [
        {"guild_id": GUILD, "timezone": "Europe/Lisbon", "post_hour": 9,
         "announce_channel_id": 1001, "modlog_channel_id": 1002, "ping_role_id": 1003,
         "network_facts": False, "left_at": None, "created_at": _at(-60),
         "updated_at": _at(-45)},
        {"guild_id": OTHER_GUILD, "timezone": "Asia/Seoul", "post_hour": 18,
         "announce_channel_id": 2001, "modlog_channel_id": None, "ping_role_id": None,
         "network_facts": True, "left_at": _at(-2), "created_at": _at(-35),
         "updated_at": _at(-35)},
    ],
    "leases": [
        {"name": "learner", "owner": "host-a:4242:9f1c", "until": _at(0.01), "epoch": 12},
    ],
    "outbox": [
        {"id": 1, "dedup_key": "schedule:1:2026-11-19", "guild_id": GUILD, "channel_id": 1001,
         "user_id": None, "payload": {"content": "Salt Road is out in 113 days."},
         "nonce": "1a2b3c4d5e6f7a8b9c0d1e2f3", "status": "sent", "attempts": 1,
         "next_attempt_at": _at(-24), "lease_owner": None, "lease_until": None,
         "message_id": 1190000000000000001, "last_error": None, "created_at": _at(-24),
         "sent_at": _at(-24), "origin": "schedule", "schedule_id": 1,
         "occurrence_key": "2026-11-19", "unsettled_since": None},
        {"id": 2, "dedup_key": "schedule:4:2026-11-20", "guild_id": OTHER_GUILD,
         "channel_id": 2001, "user_id": None,
         "payload": {"content": "Happy birthday, Ines Carrow!", "embeds": []},
         "nonce": "0f9e8d7c6b5a4f3e2d1c0b9a8", "status": "pending", "attempts": 2,
         "next_attempt_at": _at(0.1), "lease_owner": "host-b:77:1d2e",
         "lease_until": _at(0.05), "message_id": None, "last_error": "HTTP 503",
         "created_at": _at(-0.5), "sent_at": None, "origin": "schedule", "schedule_id": 4,
         "occurrence_key": "2026-11-20", "unsettled_since": _at(0.02)},
        {"id": 3, "dedup_key": "feed:1:2:1000:1004", "guild_id": GUILD, "channel_id": 1004,
         "user_id": None, "payload": {"content": "https://blog.example/ines-carrow-interview"},
         "nonce": "aa00bb11cc22dd33ee44ff556", "status": "failed", "attempts": 5,
         "next_attempt_at": _at(-20), "lease_owner": None, "lease_until": None,
         "message_id": None, "last_error": "403 Missing Access", "created_at": _at(-29),
         "sent_at": None, "origin": "notice", "schedule_id": None,
         "occurrence_key": None, "unsettled_since": None},
    ],
    "user_settings": [
        {"user_id": FAN, "timezone": "America/Chicago", "updated_at": _at(-10)},
    ],
    "aliases": [
        {"id": 1, "entity_id": 1, "name": "The Static", "norm_name": "the static", "scope": 0,
         "created_at": _at(-46)},
        {"id": 2, "entity_id": 5, "name": "Moths", "norm_name": "moths", "scope": GUILD,
         "created_at": _at(-41)},
    ],
    # 3 and 6 are superseded by 2 and 5: they come after them.
    "facts": [
        {"id": 1, "subject_id": 2, "predicate": "member_of", "object_entity_id": 1,
         "object_text": None, "object_date": None, "object_precision": None,
         "evidence": "Singer Ines Carrow wrote most of it on tour last spring.",
         "article_id": 1, "confidence": 0.8, "status": "accepted", "superseded_by_id": None,
         "guild_id": None, "created_by": None, "dedup_key": "a1" * 32,
         "created_at": _at(-46), "updated_at": _at(-46)},
        {"id": 2, "subject_id": 3, "predicate": "release_date", "object_entity_id": None,
         "object_text": None, "object_date": date(2027, 3, 12), "object_precision": "day",
         "evidence": "Velvet Static will release their second album, Salt Road, on 12 March "
                     "2027.", "article_id": 1, "confidence": 0.95, "status": "accepted",
         "superseded_by_id": None, "guild_id": None, "created_by": None,
         "dedup_key": "b2" * 32, "created_at": _at(-46), "updated_at": _at(-46)},
        {"id": 4, "subject_id": 2, "predicate": "born", "object_entity_id": None,
         "object_text": None, "object_date": date(1994, 8, 17), "object_precision": "day",
         "evidence": "Ines Carrow, born 17 August 1994, says Low Orbit came together in a week.",
         "article_id": 2, "confidence": 0.9, "status": "accepted", "superseded_by_id": None,
         "guild_id": None, "created_by": None, "dedup_key": "d4" * 32,
         "created_at": _at(-28), "updated_at": _at(-28)},
        {"id": 5, "subject_id": 4, "predicate": "release_date", "object_entity_id": None,
         "object_text": None, "object_date": date(2025, 6, 6), "object_precision": "day",
         "evidence": "correction by a moderator", "article_id": None, "confidence": 1.0,
         "status": "accepted", "superseded_by_id": None, "guild_id": GUILD,
         "created_by": MOD, "dedup_key": None, "created_at": _at(-20),
         "updated_at": _at(-20)},
        {"id": 3, "subject_id": 3, "predicate": "release_date", "object_entity_id": None,
         "object_text": "spring 2027", "object_date": date(2027, 3, 1),
         "object_precision": "month", "evidence": "Salt Road is due in March 2027.",
         "article_id": None, "confidence": 0.6, "status": "superseded", "superseded_by_id": 2,
         "guild_id": None, "created_by": None, "dedup_key": "c3" * 32,
         "created_at": _at(-50), "updated_at": _at(-46)},
        {"id": 6, "subject_id": 4, "predicate": "release_date", "object_entity_id": None,
         "object_text": None, "object_date": date(2025, 6, 1), "object_precision": "month",
         "evidence": "Ines Carrow, born 17 August 1994, says Low Orbit came together in a week.",
         "article_id": 2, "confidence": 0.7, "status": "superseded", "superseded_by_id": 5,
         "guild_id": GUILD, "created_by": None, "dedup_key": "f6" * 32,
         "created_at": _at(-28), "updated_at": _at(-20)},
    ],
    "feed_items": [
        {"id": 1, "feed_id": 1, "item_key": "news-example-4411", "article_id": 1,
         "link": "https://news.example/velvet-static-salt-road", "published_at": _at(-48),
         "title": "Velvet Static announce Salt Road",
         "summary": "Velvet Static will release Salt Road on 12 March 2027.",
         "source": "news.example", "first_seen_at": _at(-47)},
        # Its own feed's title, not its article's (which another feed stored first).
        {"id": 2, "feed_id": 2, "item_key": "tag:blog.example,2026:7", "article_id": 2,
         "link": "https://blog.example/ines-carrow-interview", "published_at": None,
         "title": "Interview: Ines Carrow", "summary": "Low Orbit came together in a week.",
         "source": "Blog Example", "first_seen_at": _at(-29)},
        {"id": 3, "feed_id": 1, "item_key": "news-example-4398", "article_id": None,
         "link": None, "published_at": None, "title": None, "summary": None, "source": None,
         "first_seen_at": _at(-47)},
    ],
    "follows": [
        {"id": 1, "guild_id": GUILD, "entity_id": 1, "following": True,
         "created_at": _at(-40)},
        {"id": 2, "guild_id": GUILD, "entity_id": 5, "following": False,
         "created_at": _at(-39)},
        {"id": 3, "guild_id": OTHER_GUILD, "entity_id": 1, "following": True,
         "created_at": _at(-34)},
    ],
    "guild_articles": [
        {"guild_id": GUILD, "article_id": 1, "added_at": _at(-47)},
        {"guild_id": GUILD, "article_id": 2, "added_at": _at(-29)},
        {"guild_id": OTHER_GUILD, "article_id": 1, "added_at": _at(-33)},
    ],
    "reminders": [
        {"id": 1, "user_id": FAN, "guild_id": None, "channel_id": None, "deliver_to": "dm",
         "text": "pre-order Salt Road", "due_at": _at(30), "tz": "America/Chicago",
         "release_id": None, "state": "active", "created_at": _at(-3)},
        {"id": 2, "user_id": FAN, "guild_id": GUILD, "channel_id": 1001,
         "deliver_to": "channel", "text": "Salt Road listening party", "due_at": None,
         "tz": "America/Chicago", "release_id": 3, "state": "active",
         "created_at": _at(-2)},
    ],
    "subscriptions": [
        {"id": 1, "guild_id": GUILD, "feed_id": 1, "channel_id": 1004,
         "include_keywords": None, "exclude_keywords": None, "regex": None,
         "mention_role_id": None, "learned_at": _at(-47), "created_by": MOD,
         "created_at": _at(-50)},
        {"id": 2, "guild_id": OTHER_GUILD, "feed_id": 2, "channel_id": 2004,
         "include_keywords": "tour, album", "exclude_keywords": "rumour",
         "regex": r"(?i)\bvelvet static\b", "mention_role_id": 2005, "learned_at": None,
         "created_by": None, "created_at": _at(-31)},
    ],
    "schedules": [
        {"id": 1, "kind": "countdown", "guild_id": GUILD, "channel_id": 1001,
         "user_id": None, "fact_id": 2, "entity_id": 3, "reminder_id": None,
         "sync_key": "1000:countdown:3", "title": "Salt Road", "payload": {"days": [7, 1]},
         "tz": "Europe/Lisbon", "anchor_local": "2027-03-12", "rule": "countdown",
         "next_due_utc": _at(24), "occurrence_key": "2026-11-21", "state": "active",
         "paused_reason": None, "lease_owner": None, "lease_until": None,
         "created_at": _at(-46), "updated_at": _at(-24)},
        {"id": 2, "kind": "release_day", "guild_id": GUILD, "channel_id": 1001,
         "user_id": None, "fact_id": 2, "entity_id": 3, "reminder_id": None,
         "sync_key": "1000:release_day:3", "title": "Salt Road", "payload": {},
         "tz": "Europe/Lisbon", "anchor_local": "2027-03-12", "rule": "once",
         "next_due_utc": datetime(2027, 3, 12, 9, tzinfo=UTC), "occurrence_key": "2027-03-12",
         "state": "active", "paused_reason": None, "lease_owner": None, "lease_until": None,
         "created_at": _at(-46), "updated_at": _at(-46)},
        {"id": 3, "kind": "anniversary", "guild_id": GUILD, "channel_id": None,
         "user_id": None, "fact_id": 5, "entity_id": 4, "reminder_id": None,
         "sync_key": "1000:anniversary:4", "title": "Low Orbit", "payload": {"year": 2025},
         "tz": "Europe/Lisbon", "anchor_local": "2025-06-06", "rule": "yearly",
         "next_due_utc": datetime(2027, 6, 6, 8, tzinfo=UTC), "occurrence_key": "2027-06-06",
         "state": "active", "paused_reason": None, "lease_owner": None, "lease_until": None,
         "created_at": _at(-20), "updated_at": _at(-20)},
        {"id": 4, "kind": "birthday", "guild_id": OTHER_GUILD, "channel_id": 2001,
         "user_id": None, "fact_id": 4, "entity_id": 2, "reminder_id": None,
         "sync_key": "2000:birthday:2", "title": "Ines Carrow", "payload": {},
         "tz": "Asia/Seoul", "anchor_local": "1994-08-17", "rule": "yearly",
         "next_due_utc": datetime(2027, 8, 17, 9, tzinfo=UTC), "occurrence_key": "2027-08-17",
         "state": "paused", "paused_reason": "channel not found", "lease_owner": None,
         "lease_until": None, "created_at": _at(-28), "updated_at": _at(-1)},
        {"id": 5, "kind": "reminder", "guild_id": None, "channel_id": None, "user_id": FAN,
         "fact_id": None, "entity_id": None, "reminder_id": 1, "sync_key": None,
         "title": "pre-order Salt Road", "payload": {"deliver_to": "dm"},
         "tz": "America/Chicago", "anchor_local": "2026-11-21T09:30", "rule": "once",
         "next_due_utc": _at(30), "occurrence_key": "2026-11-21", "state": "active",
         "paused_reason": None, "lease_owner": "host-a:4242:9f1c", "lease_until": _at(0.02),
         "created_at": _at(-3), "updated_at": _at(-3)},
        {"id": 6, "kind": "reminder", "guild_id": GUILD, "channel_id": 1001, "user_id": FAN,
         "fact_id": None, "entity_id": 3, "reminder_id": 2, "sync_key": None,
         "title": "Salt Road listening party", "payload": {"deliver_to": "channel"},
         "tz": "America/Chicago", "anchor_local": "2027-03-12", "rule": "once",
         "next_due_utc": None, "occurrence_key": None, "state": "active",
         "paused_reason": None, "lease_owner": None, "lease_until": None,
         "created_at": _at(-2), "updated_at": _at(-2)},
        {"id": 7, "kind": "digest", "guild_id": GUILD, "channel_id": 1001, "user_id": None,
         "fact_id": None, "entity_id": None, "reminder_id": None,
         "sync_key": "1000:digest:0", "title": "This week", "payload": {"weekday": 0},
         "tz": "Europe/Lisbon", "anchor_local": "2026-11-23", "rule": "weekly",
         "next_due_utc": datetime(2026, 11, 23, 9, tzinfo=UTC),
         "occurrence_key": "2026-11-23", "state": "active", "paused_reason": None,
         "lease_owner": None, "lease_until": None, "created_at": _at(-20),
         "updated_at": _at(-20)},
    ],
    "deliveries": [
        {"id": 1, "schedule_id": 1, "occurrence_key": "2026-11-19", "status": "sent",
         "late": False, "outbox_id": 1, "created_at": _at(-24), "updated_at": _at(-24)},
        {"id": 2, "schedule_id": 4, "occurrence_key": "2026-11-20", "status": "queued",
         "late": True, "outbox_id": 2, "created_at": _at(-0.5), "updated_at": _at(-0.5)},
        {"id": 3, "schedule_id": 7, "occurrence_key": "2026-11-16", "status": "skipped",
         "late": False, "outbox_id": None, "created_at": _at(-96), "updated_at": _at(-96)},
    ],
    "guild_schedule_settings": [
        {"guild_id": GUILD, "channel_id": 1005, "kinds": ["release_day", "countdown"],
         "countdown_days": [30, 7, 1], "milestones": [1, 5, 10], "feb29": "mar1",
         "ping": True, "digest_enabled": True, "digest_weekday": 0, "updated_at": _at(-20)},
    ],
    "article_sentences": [
        {"id": 1, "article_id": 1, "position": 0,
         "text": "Velvet Static will release their second album, Salt Road, on 12 March 2027."},
        {"id": 2, "article_id": 1, "position": 1,
         "text": "Singer Ines Carrow wrote most of it on tour last spring."},
        {"id": 3, "article_id": 2, "position": 0,
         "text": "Ines Carrow, born 17 August 1994, says Low Orbit came together in a week."},
    ],
}


def _reflect(connection: Connection, names: list[str]) -> dict[str, sa.Table]:
    metadata = sa.MetaData()
    present = set(sa.inspect(connection).get_table_names())
    metadata.reflect(connection, only=[n for n in names if n in present])
    return dict(metadata.tables)


async def fill(db: Database) -> dict[str, int]:
    """Store ROWS in the tables the database has now (columns it lacks are left out)."""
    def run(connection: Connection) -> dict[str, int]:
        tables = _reflect(connection, list(ROWS))
        stored = {}
        for name, rows in ROWS.items():
            table = tables.get(name)
            if table is None:
                continue
            connection.execute(table.insert(),
                               [{k: v for k, v in row.items() if k in table.c} for row in rows])
            stored[name] = len(rows)
        return stored

    async with db.engine.begin() as conn:
        return await conn.run_sync(run)


Snapshot = dict[str, list[tuple[Any, ...]]]


async def snapshot(db: Database, columns: dict[str, list[str]] | None = None) -> Snapshot:
    """Every row of the ROWS tables, ordered by primary key: all their columns, or `columns`."""
    def run(connection: Connection) -> Snapshot:
        names = list(columns or ROWS)
        tables = _reflect(connection, names)
        result = {}
        # Reflection also brings in the tables these point at: only the asked-for ones count.
        for name, table in ((n, t) for n, t in tables.items() if n in names):
            wanted = [table.c[c] for c in columns[name]] if columns else list(table.c)
            # The generated tsvector column of 0006 is derived text: not ours to compare.
            wanted = [c for c in wanted if c.name != "search_vector"]
            order = list(table.primary_key.columns)
            result[name] = [tuple(row) for row in
                            connection.execute(sa.select(*wanted).order_by(*order))]
        return result

    async with db.engine.connect() as conn:
        return await conn.run_sync(run)


async def column_names(db: Database) -> dict[str, list[str]]:
    """The columns each ROWS table has now."""
    def run(connection: Connection) -> dict[str, list[str]]:
        return {name: [c.name for c in table.c if c.name != "search_vector"]
                for name, table in _reflect(connection, list(ROWS)).items() if name in ROWS}

    async with db.engine.connect() as conn:
        return await conn.run_sync(run)
