"""`/ask` through the real discord.py and the fake Discord: an answer with sources, or a
private hint for a question it cannot read."""

from __future__ import annotations

import pytest

from bot.app import App
from tests.discord_world import FAN, GENERAL, GUILD, MOD, FastBot, ingest_glass_harbour
from tests.fake_discord.server import FakeDiscord

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)



@pytest.fixture
def bot(quiet_bot: FastBot) -> FastBot:
    return quiet_bot


async def test_ask_answers_with_its_source(bot: FastBot, app: App,
                                           fake_discord: FakeDiscord) -> None:
    await ingest_glass_harbour(app)
    result = await fake_discord.invoke(
        "ask", [{"name": "question", "type": 3, "value": "When did Glass Harbour come out?"}],
        guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert not result.ephemeral
    [embed] = result.embeds
    assert "November 20, 2026" in embed["description"]
    assert "news.example/glass" in embed["fields"][0]["value"]


async def test_an_unreadable_question_gets_a_private_hint(bot: FastBot,
                                                          fake_discord: FakeDiscord) -> None:
    result = await fake_discord.invoke(
        "ask", [{"name": "question", "type": 3, "value": "   "}],
        guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert result.ephemeral
    assert result.content


async def test_sources_quotes_the_sentence_behind_the_last_answer(
        bot: FastBot, app: App, fake_discord: FakeDiscord) -> None:
    await ingest_glass_harbour(app)
    before = await fake_discord.invoke("sources", [], guild_id=GUILD, channel_id=GENERAL,
                                       user_id=FAN)
    assert before.ephemeral and "/ask first" in (before.content or "")
    await fake_discord.invoke(
        "ask", [{"name": "question", "type": 3, "value": "Who directed Glass Harbour?"}],
        guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    result = await fake_discord.invoke("sources", [], guild_id=GUILD, channel_id=GENERAL,
                                       user_id=FAN)
    assert result.ephemeral
    [embed] = result.embeds
    assert embed["title"] == "Sources: Who directed Glass Harbour?"
    [field] = embed["fields"]
    assert "news.example/glass" in field["name"]
    assert field["value"] == "“The video was directed by Tomas Ek.”"
    # Someone else has asked nothing, so has nothing to explain.
    other = await fake_discord.invoke("sources", [], guild_id=GUILD, channel_id=GENERAL,
                                      user_id=MOD)
    assert other.ephemeral and "/ask first" in (other.content or "")


async def test_a_quoted_answer_and_its_sentence_in_sources(
        bot: FastBot, app: App, fake_discord: FakeDiscord) -> None:
    await ingest_glass_harbour(app)
    question = "Where was Glass Harbour recorded?"
    result = await fake_discord.invoke(
        "ask", [{"name": "question", "type": 3, "value": question}],
        guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert not result.ephemeral
    [embed] = result.embeds
    assert "not a checked fact" in embed["description"]
    assert "lighthouse" in embed["description"]
    assert "news.example/glass" in embed["fields"][0]["value"]
    sources = await fake_discord.invoke("sources", [], guild_id=GUILD, channel_id=GENERAL,
                                        user_id=FAN)
    [field] = sources.embeds[0]["fields"]
    assert "lighthouse" in field["value"]
