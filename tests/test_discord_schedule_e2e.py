"""`/follow`, `/upcoming`, `/schedule` and `/subscribe` through the real discord.py and the fake."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from bot.actors import Actor
from bot.app import App
from bot.models import Follow
from tests.discord_world import FAN, FANS_ROLE, GENERAL, GUILD, MOD, FastBot
from tests.fake_discord.server import FakeDiscord

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)

ARTICLE = (
    "Title: Mara Vale announces Glass Harbour\n\n"
    "Singer Mara Vale will release her new album \"Glass Harbour\" on December 10, 2026.\n"
)
ARTIST = [{"name": "artist", "type": 3, "value": "Mara Vale"}]


@pytest.fixture
def bot(quiet_bot: FastBot) -> FastBot:
    return quiet_bot


async def ingest(app: App, guild_id: int = GUILD) -> None:
    await app.ingest.ingest_file(guild_id, "glass.txt", ARTICLE.encode(),
                                 published=datetime(2026, 11, 23, tzinfo=UTC))


async def follows(app: App) -> int:
    async with app.db.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(Follow)) or 0)


async def test_follow_autocompletes_and_is_for_moderators_only(
        bot: FastBot, app: App, fake_discord: FakeDiscord) -> None:
    await ingest(app, guild_id=999)
    typed = [{"name": "artist", "type": 3, "value": "mara", "focused": True}]
    # Another server's article: its artist is offered here only in the network view.
    assert await fake_discord.autocomplete("follow", typed, guild_id=GUILD,
                                           channel_id=GENERAL, user_id=MOD) == []
    await app.guilds.update(Actor(user_id=MOD, name="mod", guild_id=GUILD, channel_id=GENERAL,
                                  is_moderator=True), {"network_facts": True})
    choices = await fake_discord.autocomplete("follow", typed, guild_id=GUILD,
                                              channel_id=GENERAL, user_id=MOD)
    assert choices[0] == {"name": "Mara Vale", "value": "Mara Vale"}
    refused = await fake_discord.invoke("follow", ARTIST, guild_id=GUILD, channel_id=GENERAL,
                                        user_id=FAN)
    assert refused.ephemeral and "Only moderators" in (refused.content or "")
    assert await follows(app) == 0
    done = await fake_discord.invoke("follow", ARTIST, guild_id=GUILD, channel_id=GENERAL,
                                     user_id=MOD)
    assert done.ephemeral and (done.content or "").startswith("Following Mara Vale")
    assert done.deferred  # answered at once, before the schedule is re-planned
    assert await follows(app) == 1
    unknown = await fake_discord.invoke(
        "unfollow", [{"name": "artist", "type": 3, "value": "Nobody Atall"}],
        guild_id=GUILD, channel_id=GENERAL, user_id=MOD)
    assert unknown.ephemeral and "I don't know an artist called" in (unknown.content or "")


async def test_upcoming_lists_the_release_day_and_countdowns(
        bot: FastBot, app: App, fake_discord: FakeDiscord) -> None:
    await ingest(app)
    result = await fake_discord.invoke("upcoming", [{"name": "days", "type": 4, "value": 30}],
                                       guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert not result.ephemeral and result.deferred
    day = int(datetime(2026, 12, 10, 9, tzinfo=UTC).timestamp())
    assert (result.content or "").splitlines() == [
        f"<t:{day - 7 * 86400}:f> · 7 days until Glass Harbour by Mara Vale comes out.",
        f"<t:{day - 86400}:f> · 1 day until Glass Harbour by Mara Vale comes out.",
        f"<t:{day}:f> · Glass Harbour by Mara Vale comes out today.",
    ]


async def test_schedule_set_and_show(bot: FastBot, app: App, fake_discord: FakeDiscord) -> None:
    await ingest(app)
    result = await fake_discord.invoke(
        "schedule", [{"name": "countdown_days", "type": 3, "value": "3"},
                     {"name": "digest", "type": 5, "value": True}],
        subcommand="set", guild_id=GUILD, channel_id=GENERAL, user_id=MOD)
    assert result.ephemeral and result.deferred and (result.content or "").startswith(
        "Changed countdown_days, digest.")
    bad = await fake_discord.invoke(
        "schedule", [{"name": "countdown_days", "type": 3, "value": "99"}],
        subcommand="set", guild_id=GUILD, channel_id=GENERAL, user_id=MOD)
    assert bad.ephemeral and "from 1 to 60" in (bad.content or "")
    shown = await fake_discord.invoke("schedule", [], subcommand="show", guild_id=GUILD,
                                      channel_id=GENERAL, user_id=MOD)
    assert "**countdown_days**: 3" in (shown.content or "")
    assert "**artists**: Mara Vale" in (shown.content or "")
    refused = await fake_discord.invoke("schedule", [], subcommand="show", guild_id=GUILD,
                                        channel_id=GENERAL, user_id=FAN)
    assert refused.ephemeral and "Only moderators" in (refused.content or "")


async def test_subscribe_gives_the_ping_role(bot: FastBot, app: App,
                                             fake_discord: FakeDiscord) -> None:
    none = await fake_discord.invoke("subscribe", [], guild_id=GUILD, channel_id=GENERAL,
                                     user_id=FAN)
    assert none.ephemeral and "no ping role" in (none.content or "")
    mod = Actor(user_id=MOD, name="moddy", guild_id=GUILD, channel_id=GENERAL,
                is_moderator=True)
    await app.guilds.update(mod, {"ping_role": FANS_ROLE})
    done = await fake_discord.invoke("subscribe", [], guild_id=GUILD, channel_id=GENERAL,
                                     user_id=FAN)
    assert done.ephemeral and f"<@&{FANS_ROLE}>" in (done.content or "")
    member = fake_discord.guilds[GUILD].members[FAN]
    assert str(FANS_ROLE) in member["roles"]
    await fake_discord.invoke("unsubscribe", [], guild_id=GUILD, channel_id=GENERAL,
                              user_id=FAN)
    assert str(FANS_ROLE) not in member["roles"]
    fake_discord.guilds[GUILD].bot_manages_roles = False
    refused = await fake_discord.invoke("subscribe", [], guild_id=GUILD, channel_id=GENERAL,
                                        user_id=FAN)
    assert refused.ephemeral and "Manage Roles" in (refused.content or "")
    assert str(FANS_ROLE) not in member["roles"]
