"""Guild settings on both databases: stored, checked, moderator-only, audited, guild-scoped."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.actors import Actor
from bot.app import App
from bot.errors import UserError
from bot.guilds.settings import GuildSettings, parse_setting, setup_changes
from bot.models import AuditEntry


def mod(guild_id: int = 10) -> Actor:
    return Actor(user_id=7, name="mod", guild_id=guild_id, channel_id=1, is_moderator=True)


def fan(guild_id: int = 10) -> Actor:
    return Actor(user_id=8, name="fan", guild_id=guild_id, channel_id=1, is_moderator=False)


async def test_defaults_before_any_setup(app: App) -> None:
    assert await app.guilds.get(10) == GuildSettings(guild_id=10)


async def test_update_is_stored_and_shown_back(app: App) -> None:
    update = await app.guilds.update(
        mod(), {"timezone": "Asia/Seoul", "post_hour": 18, "announce_channel": 555}
    )
    assert update.changed == ("timezone", "post_hour", "announce_channel")
    stored = await app.guilds.show(mod())
    assert (stored.timezone, stored.post_hour, stored.announce_channel) == ("Asia/Seoul", 18, 555)


async def test_fan_is_refused_and_nothing_changes(app: App) -> None:
    await app.guilds.update(mod(), {"post_hour": 8})
    with pytest.raises(UserError, match="Manage Server"):
        await app.guilds.update(fan(), {"post_hour": 20})
    with pytest.raises(UserError, match="Manage Server"):
        await app.guilds.show(fan())
    assert (await app.guilds.get(10)).post_hour == 8


async def test_one_bad_value_stores_nothing(app: App) -> None:
    with pytest.raises(UserError, match="post_hour must be a whole hour"):
        await app.guilds.update(mod(), {"timezone": "Europe/Paris", "post_hour": 24})
    assert await app.guilds.get(10) == GuildSettings(guild_id=10)


async def test_guilds_are_isolated(app: App) -> None:
    await app.guilds.update(mod(10), {"timezone": "Europe/London"})
    await app.guilds.update(mod(20), {"timezone": "America/New_York"})
    assert (await app.guilds.get(10)).timezone == "Europe/London"
    assert (await app.guilds.get(20)).timezone == "America/New_York"


async def test_changes_are_audited(app: App) -> None:
    await app.guilds.update(mod(), {"post_hour": 8})
    await app.guilds.update(mod(), {"post_hour": 8})  # no change, no entry
    await app.guilds.update(mod(), {"post_hour": 9})
    async with app.db.transaction() as session:
        entries = list(await session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
    assert [(e.before, e.after) for e in entries] == [
        ({"post_hour": 9}, {"post_hour": 8}),
        ({"post_hour": 8}, {"post_hour": 9}),
    ]
    assert {e.user_id for e in entries} == {7}


async def test_clearing_an_id(app: App) -> None:
    await app.guilds.update(mod(), {"ping_role": 99})
    await app.guilds.update(mod(), setup_changes({}, clear="ping_role"))
    assert (await app.guilds.get(10)).ping_role is None


async def test_dm_is_refused(app: App) -> None:
    dm = Actor(user_id=7, name="mod", guild_id=None, channel_id=None, is_moderator=True)
    with pytest.raises(UserError, match="inside a server"):
        await app.guilds.update(dm, {"post_hour": 3})


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        ("timezone", "europe/london", "Europe/London"),
        ("timezone", "America/New York", "America/New_York"),
        ("post_hour", "7", 7),
        ("announce_channel", "<#123>", 123),
        ("ping_role", "none", None),
    ],
)
def test_parse_setting(key: str, text: str, expected: object) -> None:
    assert parse_setting(key, text) == expected


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("timezone", "Europe/Londn", "Did you mean Europe/London"),
        ("post_hour", "25", "0 to 23"),
        ("post_hour", "eight", "0 to 23"),
        ("modlog_channel", "#general", "Discord id"),
        ("colour", "red", "Unknown setting 'colour'"),
    ],
)
def test_parse_setting_rejects(key: str, text: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_setting(key, text)


def test_set_and_clear_same_key_is_refused() -> None:
    with pytest.raises(UserError, match="both set and cleared"):
        setup_changes({"ping_role": 5}, clear="ping_role")
