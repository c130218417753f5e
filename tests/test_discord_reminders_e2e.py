"""`/remind` and `/timezone` through the real discord.py and the fake Discord: all private."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.app import App
from tests.discord_world import FAN, GENERAL, GUILD, MOD, FastBot
from tests.fact_builders import add_article, extraction, release
from tests.fake_discord.server import FakeDiscord

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def bot(live_bot: FastBot) -> FastBot:
    return live_bot


async def test_remind_me_confirms_privately_with_a_timestamp(bot: FastBot, app: App,
                                                             fake_discord: FakeDiscord) -> None:
    set_zone = await fake_discord.invoke(
        "timezone", [{"name": "zone", "type": 3, "value": "europe/london"}],
        guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert set_zone.ephemeral
    assert "Europe/London" in (set_zone.content or "")
    result = await fake_discord.invoke(
        "remind", [{"name": "when", "type": 3, "value": "tomorrow 18:00"},
                   {"name": "what", "type": 3, "value": "Glass Harbour premiere"}],
        subcommand="me", guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert result.ephemeral
    stamp = int(datetime(2026, 11, 26, 18, 0, tzinfo=UTC).timestamp())
    assert result.content == (f"Reminder 1 set for <t:{stamp}:F> (<t:{stamp}:R>), "
                              "by direct message: Glass Harbour premiere")
    listed = await fake_discord.invoke("remind", [], subcommand="list", guild_id=GUILD,
                                       channel_id=GENERAL, user_id=FAN)
    assert listed.ephemeral and "Glass Harbour premiere" in (listed.content or "")
    # The owner's reminders are offered for cancelling; nobody else's.
    choices = await fake_discord.autocomplete(
        "remind", [{"name": "id", "type": 3, "value": "", "focused": True}],
        subcommand="cancel", guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert [c["value"] for c in choices] == ["1"]
    assert choices[0]["name"].startswith("1 · Thu 26 Nov 2026 18:00 (Europe/London)")
    assert await fake_discord.autocomplete(
        "remind", [{"name": "id", "type": 3, "value": "", "focused": True}],
        subcommand="cancel", guild_id=GUILD, channel_id=GENERAL, user_id=MOD) == []
    cancelled = await fake_discord.invoke(
        "remind", [{"name": "id", "type": 3, "value": "1"}], subcommand="cancel",
        guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert cancelled.ephemeral
    assert cancelled.content == "Cancelled reminder 1: Glass Harbour premiere"
    assert (await app.reminders.list_reminders(FAN, GUILD)).reminders == []


async def test_errors_are_private(bot: FastBot, app: App, fake_discord: FakeDiscord) -> None:
    await app.reminders.remind_at(MOD, GUILD, GENERAL, "in 2 days", "the mod's own")
    unknown = await fake_discord.invoke(
        "remind", [{"name": "id", "type": 3, "value": "1"}], subcommand="cancel",
        guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert unknown.ephemeral
    assert unknown.content == "There is no reminder 1 of yours here; /remind list shows yours."
    past = await fake_discord.invoke(
        "remind", [{"name": "when", "type": 3, "value": "2026-11-01 10:00"},
                   {"name": "what", "type": 3, "value": "too late"}],
        subcommand="me", guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert past.ephemeral and "already passed" in (past.content or "")
    zone = await fake_discord.invoke(
        "timezone", [{"name": "zone", "type": 3, "value": "Mars/Olympus"}],
        guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert zone.ephemeral and "not an IANA time zone" in (zone.content or "")
    assert len((await app.reminders.list_reminders(MOD, GUILD)).reminders) == 1


async def test_timezone_autocomplete_and_showing_it(bot: FastBot,
                                                   fake_discord: FakeDiscord) -> None:
    choices = await fake_discord.autocomplete(
        "timezone", [{"name": "zone", "type": 3, "value": "new_y", "focused": True}],
        guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert choices[0] == {"name": "America/New_York", "value": "America/New_York"}
    assert len(choices) <= 25
    shown = await fake_discord.invoke("timezone", [], guild_id=GUILD, channel_id=GENERAL,
                                      user_id=FAN)
    assert shown.ephemeral
    assert shown.content == ("Your time zone is **UTC** (this server's; set your own with "
                             "/timezone zone). It is Wed 25 Nov 2026 12:00 (UTC).")


async def test_remind_release_with_title_autocomplete(bot: FastBot, app: App,
                                                      fake_discord: FakeDiscord) -> None:
    article = await add_article(app.db, "2026-11-20")
    await app.facts.store_extraction(article, extraction(release("Glass Harbour", "2026-12-04")))
    choices = await fake_discord.autocomplete(
        "remind", [{"name": "title", "type": 3, "value": "glass", "focused": True}],
        subcommand="release", guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert choices[0] == {"name": "Glass Harbour", "value": "Glass Harbour"}
    result = await fake_discord.invoke(
        "remind", [{"name": "title", "type": 3, "value": "Glass Harbour"},
                   {"name": "where", "type": 3, "value": "here"}],
        subcommand="release", guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert result.ephemeral
    stamp = int(datetime(2026, 12, 4, 9, 0, tzinfo=UTC).timestamp())
    assert result.content == (f"Reminder 1 set: **Glass Harbour** comes out <t:{stamp}:F> "
                              f"(<t:{stamp}:R>). I'll remind you in <#{GENERAL}> then.\n"
                              "Times are read in UTC; set your own zone with /timezone.")


@pytest.mark.parametrize(("value", "answer"), [
    ("99999999999999999999",
     "A reminder number must be from 1 to 9223372036854775807, not 99999999999999999999."),
    ("²", "'²' is not a reminder number; /remind list shows yours."),
    ("0", "A reminder number must be from 1 to 9223372036854775807, not 0."),
])
async def test_cancel_refuses_numbers_out_of_range(bot: FastBot, fake_discord: FakeDiscord,
                                                   value: str, answer: str) -> None:
    result = await fake_discord.invoke(
        "remind", [{"name": "id", "type": 3, "value": value}], subcommand="cancel",
        guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert result.ephemeral
    assert result.content == answer


async def test_remind_me_answers_in_time_however_slow_the_database(
        bot: FastBot, app: App, fake_discord: FakeDiscord,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The store takes 4 s (the interaction is aged instead of waiting): the reply must be
    # deferred before it, or Discord refuses the late answer with 10062.
    remind_at = app.reminders.remind_at

    async def slow_remind_at(*args: Any, **kwargs: Any) -> Any:
        for record in fake_discord.interactions.values():
            record.dispatched_at -= 4.0
        return await remind_at(*args, **kwargs)

    monkeypatch.setattr(app.reminders, "remind_at", slow_remind_at)
    result = await fake_discord.invoke(
        "remind", [{"name": "when", "type": 3, "value": "in 2 days"},
                   {"name": "what", "type": 3, "value": "Glass Harbour premiere"}],
        subcommand="me", guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert result.deferred and result.ephemeral
    assert (result.content or "").startswith("Reminder 1 set for <t:")
    assert fake_discord.missed_deadlines == []
