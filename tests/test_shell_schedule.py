"""The shell's schedule commands on the same core: follow, schedule, subscribe, upcoming."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.errors import UserError
from bot.shell.commands import run_command
from bot.shell.parse import parse_line
from bot.shell.state import ShellState
from bot.shell.world import GUILD_ID
from tests.schedule_builders import learn, mara_story


async def run(app: App, state: ShellState, text: str) -> str:
    line = parse_line(text)
    assert line is not None
    return await run_command(app, state, line)


async def test_the_shell_follows_sets_and_lists(app: App) -> None:
    await learn(app, mara_story(), guilds=(999,))
    state = ShellState()
    with pytest.raises(UserError, match="Only moderators"):
        await run(app, state, '/follow artist:"Mara Vale"')
    state.as_moderator = True
    # The article is another guild's: this one plans from it only in the network view.
    assert "network_facts     on" in await run(app, state, "/setup network_facts:on")
    # The same wording as on Discord: both come from the one declaration.
    assert (await run(app, state, '/follow artist:"mara vale"')).startswith(
        "Following Mara Vale: their release days")
    shown = await run(app, state, "/schedule show")
    assert "artists: Mara Vale" in shown and "countdown_days: 7,1" in shown
    changed = await run(app, state, "/schedule set countdown_days:3 channel:#announcements")
    assert changed.startswith("Changed channel, countdown_days.")
    assert "channel: #announcements" in changed
    with pytest.raises(UserError, match="Unknown kind"):
        await run(app, state, "/schedule set kinds:parade")
    listed = await run(app, state, "/upcoming 13")
    assert listed.splitlines() == [
        "Wed 02 Dec 2026 09:00 · birthday · Mara Vale turns 32 today: happy birthday!",
        "Mon 07 Dec 2026 09:00 · countdown · 3 days until Glass Harbour by Mara Vale comes out.",
    ]
    with pytest.raises(UserError, match="days must be"):
        await run(app, state, "/upcoming days:0")
    assert await run(app, state, "/unfollow Mara Vale") == \
        "Unfollowed Mara Vale: no more scheduled posts about them here."
    assert await run(app, state, "/upcoming") == "Nothing is scheduled in the next 30 days."


async def test_the_shell_subscribes_to_the_ping_role(app: App) -> None:
    state = ShellState()
    with pytest.raises(UserError, match="no ping role"):
        await run(app, state, "/subscribe")
    state.as_moderator = True
    await run(app, state, "/setup ping_role:@fans")
    state.as_moderator = False
    assert "@fans" in await run(app, state, "/subscribe")
    assert (state.actor().user_id, 1100) in state.member_roles
    await run(app, state, "/unsubscribe")
    assert state.member_roles == set()
    assert GUILD_ID == 1000
