"""Moderator corrections on both databases: guild-scoped, audited, mod-logged, moderator-only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from bot.actors import Actor
from bot.app import App
from bot.errors import UserError
from bot.models import AuditEntry, Fact, OutboxMessage
from bot.shell.commands import run_command
from bot.shell.parse import parse_line
from bot.shell.state import ShellState

GUILD, OTHER, MODLOG = 1000, 2000, 4242
HARBOUR = (
    "Title: Mara Vale shares Glass Harbour\n\n"
    "Singer Mara Vale released her new single \"Glass Harbour\" on Friday, November 20. "
    "The video was directed by Tomas Ek. Mara Vale is signed to Lantern Records.\n"
)
WHEN = "When did Glass Harbour come out?"
ORIGINAL = "Glass Harbour by Mara Vale came out on November 20, 2026."


def mod(guild_id: int = GUILD) -> Actor:
    return Actor(user_id=7, name="mod", guild_id=guild_id, channel_id=1, is_moderator=True)


def fan(guild_id: int = GUILD) -> Actor:
    return Actor(user_id=8, name="fan", guild_id=guild_id, channel_id=1, is_moderator=False)


@pytest.fixture
async def known(app: App) -> App:
    # Both guilds carry the article (a guild sees only the facts of articles it carries).
    for guild_id in (GUILD, OTHER):
        await app.ingest.ingest_file(guild_id, "harbour.txt", HARBOUR.encode(),
                                     published=datetime(2026, 11, 23, tzinfo=UTC))
    await app.guilds.update(mod(), {"modlog_channel": MODLOG})
    return app


async def answer(app: App, question: str, guild_id: int | None = GUILD) -> str:
    return (await app.answers.ask(question, guild_id)).answer


async def audits(app: App) -> list[AuditEntry]:
    async with app.db.transaction() as session:
        return list(await session.scalars(
            select(AuditEntry).where(AuditEntry.action.like("facts.%")).order_by(AuditEntry.id)))


async def notices(app: App) -> list[str]:
    async with app.db.transaction() as session:
        rows = await session.scalars(select(OutboxMessage).where(
            OutboxMessage.channel_id == MODLOG).order_by(OutboxMessage.id))
        return [row.payload.get("text", "") for row in rows]


async def fact_count(app: App) -> int:
    async with app.db.transaction() as session:
        return await session.scalar(select(func.count()).select_from(Fact)) or 0


async def test_fix_changes_only_this_guilds_answer(known: App) -> None:
    assert await answer(known, WHEN) == ORIGINAL
    done = await known.corrections.fix(mod(), "Glass Harbour", "release_date", "2026-11-27")
    assert (done.before, done.after) == (["2026-11-20"], ["2026-11-27"])
    assert await answer(known, WHEN) == "Glass Harbour by Mara Vale comes out on November 27, 2026."
    assert await answer(known, WHEN, OTHER) == ORIGINAL
    assert await answer(known, WHEN, None) == ORIGINAL
    [entry] = await audits(known)
    assert (entry.guild_id, entry.user_id, entry.action) == (GUILD, 7, "facts.fix")
    assert entry.target == "Glass Harbour:release_date"
    assert (entry.before, entry.after) == ({"values": ["2026-11-20"]}, {"values": ["2026-11-27"]})
    [notice] = await notices(known)
    assert "/facts fix" in notice and "2026-11-27" in notice and "mod" in notice


async def test_fix_again_replaces_the_guilds_own_value(known: App) -> None:
    await known.corrections.fix(mod(), "Glass Harbour", "release_date", "2026-11-27")
    done = await known.corrections.fix(mod(), "Glass Harbour", "release_date", "2026-12")
    assert done.before == ["2026-11-27"]
    assert await answer(known, WHEN) == "Glass Harbour by Mara Vale comes out in December 2026."


async def test_add_gives_the_guild_a_new_fact(known: App) -> None:
    question = "Who produced Glass Harbour?"
    before = await answer(known, question)
    done = await known.corrections.add(mod(), "Glass Harbour", "produced_by", "Ada Moss")
    assert done.after == ["Ada Moss"]
    assert "Ada Moss" in await answer(known, question)
    assert await answer(known, question, OTHER) == before
    assert [e.action for e in await audits(known)] == ["facts.add"]
    assert len(await notices(known)) == 1


async def test_remove_hides_a_global_fact_from_this_guild_only(known: App) -> None:
    question = "Who directed Glass Harbour?"
    assert await answer(known, question) == "Glass Harbour was directed by Tomas Ek."
    done = await known.corrections.remove(mod(), "Glass Harbour", "directed_by", "tomas ek")
    assert (done.before, done.after) == (["Tomas Ek"], [])
    assert "Tomas Ek" not in await answer(known, question)
    assert await answer(known, question, OTHER) == "Glass Harbour was directed by Tomas Ek."
    async with known.db.transaction() as session:
        globals_ = list(await session.scalars(select(Fact.status).where(
            Fact.predicate == "directed_by", Fact.guild_id.is_(None))))
    assert globals_ and set(globals_) == {"accepted"}
    [entry] = await audits(known)
    assert (entry.action, entry.before, entry.after) == (
        "facts.remove", {"values": ["Tomas Ek"]}, {"values": []})
    assert len(await notices(known)) == 1


async def test_remove_without_a_value_removes_the_date(known: App) -> None:
    await known.corrections.remove(mod(), "Glass Harbour", "release_date")
    assert "no article I have read gives its release date" in await answer(known, WHEN)
    assert await answer(known, WHEN, OTHER) == ORIGINAL


async def test_alias_is_understood_only_in_this_guild(known: App) -> None:
    await known.corrections.alias(mod(), "Glass Harbour", "Harbourglass")
    assert await answer(known, "When did Harbourglass come out?") == ORIGINAL
    assert await answer(known, "When did Harbourglass come out?", OTHER) != ORIGINAL
    [entry] = await audits(known)
    assert (entry.action, entry.after) == ("facts.alias", {"values": ["Harbourglass"]})
    [notice] = await notices(known)
    assert "/alias add" in notice


async def test_an_alias_that_names_another_known_entity_is_refused(known: App) -> None:
    # "Mara Vale" as another name for Glass Harbour would hide the artist behind the single
    with pytest.raises(UserError, match="'Mara Vale' already names Mara Vale"):
        await known.corrections.alias(mod(), "Glass Harbour", "Mara Vale")
    assert await audits(known) == [] and await notices(known) == []
    assert await answer(known, WHEN) == ORIGINAL
    await known.corrections.alias(mod(), "Glass Harbour", "glass harbour")  # its own name: fine


async def test_fan_is_refused_and_nothing_changes(known: App) -> None:
    count = await fact_count(known)
    for call in (known.corrections.fix(fan(), "Glass Harbour", "release_date", "2026-11-27"),
                 known.corrections.add(fan(), "Glass Harbour", "produced_by", "Ada Moss"),
                 known.corrections.remove(fan(), "Glass Harbour", "directed_by"),
                 known.corrections.alias(fan(), "Glass Harbour", "GH")):
        with pytest.raises(UserError, match="Manage Server"):
            await call
    assert await fact_count(known) == count
    assert await audits(known) == [] and await notices(known) == []
    assert await answer(known, WHEN) == ORIGINAL


async def test_unknown_subject_or_fact_is_a_helpful_error(known: App) -> None:
    count = await fact_count(known)
    with pytest.raises(UserError, match="Did you mean Glass Harbour"):
        await known.corrections.fix(mod(), "Glass Harbor Live", "release_date", "2026-11-27")
    with pytest.raises(UserError, match="known: Tomas Ek"):
        await known.corrections.remove(mod(), "Glass Harbour", "directed_by", "Ada Moss")
    with pytest.raises(UserError, match="use /facts add"):
        await known.corrections.fix(mod(), "Glass Harbour", "produced_by", "Ada Moss")
    with pytest.raises(UserError, match="use /facts fix"):
        await known.corrections.add(mod(), "Glass Harbour", "release_date", "2026-11-27")
    with pytest.raises(UserError, match="Unknown predicate"):
        await known.corrections.add(mod(), "Glass Harbour", "colour", "blue")
    with pytest.raises(UserError, match="YYYY-MM-DD"):
        await known.corrections.fix(mod(), "Glass Harbour", "release_date", "next week")
    with pytest.raises(UserError, match="I don't know"):
        await known.corrections.alias(mod(), "Nobody Here At All", "NH")
    assert await fact_count(known) == count
    assert await audits(known) == [] and await notices(known) == []
    assert await answer(known, WHEN) == ORIGINAL


async def test_shell_commands_call_the_same_core(known: App) -> None:
    state = ShellState()
    guild = state.world.guild_id
    await known.ingest.ingest_file(guild, "harbour.txt", HARBOUR.encode(),
                                   published=datetime(2026, 11, 23, tzinfo=UTC))

    async def run(text: str) -> str:
        line = parse_line(text)
        assert line is not None
        return await run_command(known, state, line)

    with pytest.raises(UserError, match="Manage Server"):
        await run('/facts fix subject:"Glass Harbour" predicate:release_date value:2026-11-27')
    await run("/as mod")
    out = await run('/facts fix subject:"Glass Harbour" predicate:release_date value:2026-11-27')
    assert "2026-11-20 → 2026-11-27" in out
    assert "November 27" in await answer(known, WHEN, guild)
    assert "Ada Moss" in await run(
        '/facts add subject:"Glass Harbour" predicate:produced_by value:"Ada Moss"')
    assert "Tomas Ek → nothing" in await run(
        '/facts remove subject:"Glass Harbour" predicate:directed_by')
    assert "now means Glass Harbour" in await run(
        '/alias add name:"Glass Harbour" alias:Harbourglass')
    with pytest.raises(UserError, match="Use /facts"):
        await run("/facts fix Glass Harbour")
    assert await answer(known, WHEN, OTHER) == ORIGINAL
    # A guild that carries no article about it knows the name, not the date.
    assert "November" not in await answer(known, WHEN, guild + 1)


async def test_fix_of_a_many_valued_fact_and_the_release_lists(known: App) -> None:
    await known.corrections.fix(mod(), "Glass Harbour", "directed_by", "Ada Moss")
    assert await answer(known, "Who directed Glass Harbour?") == \
        "Glass Harbour was directed by Ada Moss."
    assert await answer(known, "Who directed Glass Harbour?", OTHER) == \
        "Glass Harbour was directed by Tomas Ek."
    await known.corrections.fix(mod(), "Glass Harbour", "release_date", "2026-11-27")
    latest = "What is Mara Vale's latest release?"
    assert "November 27" in await answer(known, latest)
    assert "November 20" in await answer(known, latest, OTHER)


async def test_a_removed_event_no_longer_answers_a_nameless_question(app: App) -> None:
    tour = ("Title: Mara Vale announces winter tour\n\n"
            "Singer Mara Vale announced a winter tour on Monday. Tickets for the Harbour Lights "
            "tour go on sale on December 4, 2026.\n")
    for guild_id in (GUILD, OTHER):
        await app.ingest.ingest_file(guild_id, "tour.txt", tour.encode(),
                                     published=datetime(2026, 11, 23, tzinfo=UTC))
    question = "When do tickets for the Harbour Lights tour go on sale?"
    assert (await answer(app, question)).startswith("December 4, 2026:")
    async with app.db.transaction() as session:
        predicate = await session.scalar(select(Fact.predicate).where(
            Fact.evidence.like("Tickets%"), Fact.guild_id.is_(None)))
    assert predicate is not None
    await app.corrections.remove(mod(), "Mara Vale", predicate, "2026-12-04")
    assert not (await answer(app, question)).startswith("December 4, 2026:")
    assert (await answer(app, question, OTHER)).startswith("December 4, 2026:")
