"""The one settings facility (`bot/settings/`) on both databases: every table's defaults come
from its declarations, a change is checked, stored once with one audit entry and its event
after the commit, and the words meaning clear, default, on and off are the same everywhere."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.actors import Actor
from bot.app import App
from bot.errors import UserError
from bot.guilds.changes import GuildChanged
from bot.guilds.settings import GUILD_SETTINGS, GuildSettings, parse_setting
from bot.models import AuditEntry, GuildSettingsRow, Schedule, UserSettingsRow
from bot.schedule.settings import SCHEDULE_SETTINGS
from bot.settings.table import SettingsTable
from bot.settings.values import CLEAR_WORDS, DEFAULT_HOUR, DEFAULT_ZONE, OFF_WORDS, ON_WORDS
from bot.users.settings import USER_SETTINGS, UserZone

GUILD = 10
MOD = Actor(user_id=7, name="mod", guild_id=GUILD, channel_id=1, is_moderator=True)
FAN = Actor(user_id=8, name="fan", guild_id=GUILD, channel_id=1, is_moderator=False)
TABLES: list[SettingsTable[Any]] = [GUILD_SETTINGS, SCHEDULE_SETTINGS, USER_SETTINGS]


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.row.__tablename__)
def test_each_value_type_takes_its_defaults_from_the_declarations(
        table: SettingsTable[Any]) -> None:
    defaults = table.defaults(1)
    fields = [f.name for f in dataclasses.fields(defaults)][1:]  # after the owner's id
    assert tuple(fields) == table.keys
    assert {k: getattr(defaults, k) for k in table.keys} == \
        {s.key: s.default for s in table.settings}
    assert defaults == table.make(1)  # the dataclass's own defaults are the declared ones
    row_columns = set(table.row.__table__.columns.keys())
    assert {s.column for s in table.settings} <= row_columns


def test_the_default_zone_and_hour_are_one_place() -> None:
    assert (GuildSettings(1).timezone, GuildSettings(1).post_hour) == (DEFAULT_ZONE, DEFAULT_HOUR)
    columns = GuildSettingsRow.__table__.columns
    assert columns["timezone"].default.arg == DEFAULT_ZONE
    assert columns["post_hour"].default.arg == DEFAULT_HOUR
    assert UserSettingsRow.__table__.columns["timezone"].default.arg == DEFAULT_ZONE
    assert Schedule.__table__.columns["tz"].default.arg == DEFAULT_ZONE


@pytest.mark.parametrize("word", sorted(CLEAR_WORDS))
def test_every_clear_word_clears_every_id(word: str) -> None:
    for key in GUILD_SETTINGS.clearable:
        assert parse_setting(key, word) is None
    assert SCHEDULE_SETTINGS.parse("channel", word) is None


@pytest.mark.parametrize("word", sorted(ON_WORDS | OFF_WORDS))
def test_every_switch_word_reads_the_same_everywhere(word: str) -> None:
    on = word in ON_WORDS
    assert parse_setting("network_facts", word) is on
    assert SCHEDULE_SETTINGS.parse("ping", word) is on
    assert SCHEDULE_SETTINGS.parse("digest", word.upper()) is on


def test_default_puts_back_each_declared_default() -> None:
    for table in TABLES:
        for setting in table.settings:
            assert table.parse(setting.key, " Default ") == setting.default


async def test_a_change_is_stored_audited_once_and_announced_after_the_commit(
        app: App) -> None:
    heard: list[GuildChanged] = []
    app.db.subscribe(GuildChanged, heard.append)
    update = await app.guilds.update(MOD, {"timezone": "Europe/Paris", "post_hour": 7})
    assert update.changed == ("timezone", "post_hour")
    assert heard == [GuildChanged(GUILD, "settings")]
    await app.guilds.update(MOD, {"post_hour": 7})  # already so: no entry, no event
    with pytest.raises(UserError, match="0 to 23"):
        await app.guilds.update(MOD, {"timezone": "Asia/Seoul", "post_hour": 30})
    with pytest.raises(UserError, match="Manage Server"):
        await app.guilds.update(FAN, {"post_hour": 8})
    assert heard == [GuildChanged(GUILD, "settings")]
    async with app.db.read() as session:
        entries = list(await session.scalars(select(AuditEntry)))
    assert [(e.action, e.target, e.before, e.after) for e in entries] == [
        ("setup", "guild_settings", {"timezone": DEFAULT_ZONE, "post_hour": DEFAULT_HOUR},
         {"timezone": "Europe/Paris", "post_hour": 7})]
    assert (await app.guilds.get(GUILD)).timezone == "Europe/Paris"


async def test_a_schedule_change_publishes_its_own_event(app: App) -> None:
    heard: list[GuildChanged] = []
    app.db.subscribe(GuildChanged, heard.append)
    await app.schedule_settings.update(MOD, {"ping": True, "countdown_days": [3]})
    assert heard == [GuildChanged(GUILD, "schedule")]
    assert (await app.schedule_settings.get(GUILD)).countdown_days == (3,)


async def test_a_user_s_zone_is_their_own_unaudited_and_announces_nothing(app: App) -> None:
    heard: list[GuildChanged] = []
    app.db.subscribe(GuildChanged, heard.append)
    assert (await app.user_settings.timezone(FAN.user_id, None)).source == "default"
    await app.guilds.update(MOD, {"timezone": "Asia/Seoul"})
    assert await app.user_settings.timezone(FAN.user_id, GUILD) == \
        UserZone("Asia/Seoul", "server")
    assert await app.user_settings.set_timezone(FAN.user_id, "europe/london") == "Europe/London"
    assert await app.user_settings.set_timezone(FAN.user_id, "Europe/London") == "Europe/London"
    zone = await app.user_settings.timezone(FAN.user_id, GUILD)
    assert (zone.zone, zone.source) == ("Europe/London", "own")
    # Choosing the default zone is a choice of one's own too: no server's zone replaces it.
    assert await app.user_settings.set_timezone(FAN.user_id, "default") == DEFAULT_ZONE
    zone = await app.user_settings.timezone(FAN.user_id, GUILD)
    assert (zone.zone, zone.source) == (DEFAULT_ZONE, "own")
    async with app.db.read() as session:
        assert await session.scalar(select(func.count()).select_from(UserSettingsRow)) == 1
        audited = await session.scalar(select(func.count()).select_from(AuditEntry))
    assert audited == 1  # the moderator's /setup only
    assert heard == [GuildChanged(GUILD, "settings")]
