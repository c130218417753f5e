"""Seeding the fact base for schedule tests: our own articles, linked to a guild, then planned."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bot.actors import Actor
from bot.app import App
from bot.commands.schedule import SCHEDULE_SET
from bot.commands.spec import Args, ArgValue, Invocation
from bot.extract.model import Event, Extraction
from bot.ingest.articles import link_to_guilds
from bot.models import Schedule
from bot.partial_dates import PartialDate
from bot.schedule.settings import ScheduleSettings
from tests.fact_builders import add_article, extraction, release

GUILD = 1000
OTHER = 2000
MOD = Actor(user_id=7, name="mod", guild_id=GUILD, channel_id=10, is_moderator=True)
FAN = Actor(user_id=8, name="fan", guild_id=GUILD, channel_id=10, is_moderator=False)


def mod_of(guild_id: int) -> Actor:
    return Actor(user_id=7, name="mod", guild_id=guild_id, channel_id=10, is_moderator=True)


def birthday(subject: str, when: str) -> Event:
    return Event(kind="birthday", subject=subject, date=PartialDate.parse(when),
                 evidence=f"{subject} was born on {when}.")


async def learn(app: App, ext: Extraction, *, published: str = "2026-11-20",
                slug: str | None = None, guilds: tuple[int, ...] = (GUILD,)) -> int:
    """Store an article for these guilds and its facts, as the learner does (the re-planner
    hooked: moved dates now, the guilds' passes in the background), then wait for those passes,
    so what a test does next starts from the plan of what was learned."""
    article_id = await add_article(app.db, published, slug)
    async with app.db.transaction() as session:
        await link_to_guilds(session, [article_id], list(guilds), app.clock.now())
    result = await app.facts.store_extraction(article_id, ext)
    await app.replanner.after_learning([article_id], result)
    await app.replanner.idle()
    return article_id


def mara_story() -> Extraction:
    """Mara Vale: an upcoming album on a day, a released single, a month-only EP, a birthday."""
    return extraction(
        release("Glass Harbour", "2026-12-10"),
        release("Old Light", "2022-06-10", kind="single", status="released"),
        release("Blue Hour", "2027-03", kind="ep"),
        events=(birthday("Mara Vale", "1994-12-02"),))


async def rows(app: App, guild_id: int = GUILD, *, state: str | None = None) -> dict[str, Schedule]:
    """The guild's schedule rows by sync key with the entity id replaced by the title, once
    the background re-plans the commands before asked for are done."""
    await app.replanner.idle()
    async with app.db.transaction() as session:
        query = select(Schedule).where(Schedule.guild_id == guild_id)
        if state is not None:
            query = query.where(Schedule.state == state)
        found = list(await session.scalars(query.order_by(Schedule.id)))
    return {f"{r.kind}:{r.title}": r for r in found}


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text)


async def schedule_set(app: App, actor: Actor, **options: ArgValue) -> ScheduleSettings:
    """`/schedule set` run through its declaration, with options as Discord gives them (text,
    a channel's id, switches as booleans), as a moderator's command runs; the settings after."""
    args = Args(options)
    assert SCHEDULE_SET.check is not None
    SCHEDULE_SET.check(args)
    await SCHEDULE_SET.handler(Invocation(app, actor, args))
    return await app.schedule_settings.get(actor.require_guild())
