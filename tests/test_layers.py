"""Architecture rules: only bot/discord_app imports discord; every adapter offers the catalogue."""

from __future__ import annotations

import ast
from pathlib import Path

import bot
from bot.app import App
from bot.help import COMMANDS
from bot.shell.commands import COMMANDS as SHELL_COMMANDS

PACKAGE = Path(bot.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_only_the_discord_adapter_imports_discord() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if PACKAGE / "discord_app" in path.parents:
            continue
        for name in imported_modules(path):
            if name == "discord" or name.startswith("discord."):
                offenders.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    assert offenders == []


def test_the_rule_would_catch_an_offender(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from discord.ext import commands\n", encoding="utf-8")
    assert "discord.ext" in imported_modules(sample)


def test_every_module_has_a_docstring() -> None:
    missing = [
        str(path.relative_to(PACKAGE.parent)) for path in PACKAGE.rglob("*.py")
        if ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is None
    ]
    assert missing == []


def test_the_shell_offers_every_catalogued_command() -> None:
    assert {c.name for c in COMMANDS} <= set(SHELL_COMMANDS)


async def test_discord_commands_match_the_catalogue(app: App) -> None:
    from discord import app_commands

    from bot.discord_app.client import FanzineBot

    bot = FanzineBot(app, run_background=False)
    await bot.setup_hook()
    tree = {c.name: c.description for c in bot.tree.get_commands()
            if isinstance(c, app_commands.Command | app_commands.Group)}
    assert tree == {c.name: c.summary for c in COMMANDS}


def test_every_folder_readme_lists_its_modules() -> None:
    missing = []
    for folder in [PACKAGE, *[p for p in PACKAGE.rglob("*") if p.is_dir()]]:
        if folder.name == "__pycache__":
            continue
        readme = _readme_for(folder)
        for module in folder.glob("*.py"):
            if module.name != "__init__.py" and module.name not in readme:
                missing.append(str(module.relative_to(PACKAGE.parent)))
    assert missing == []


def _readme_for(folder: Path) -> str:
    # A sub-folder without its own README (such as discord_app/cogs) is listed by its parent's.
    for candidate in (folder, folder.parent):
        path = candidate / "README.md"
        if path.exists():
            return path.read_text(encoding="utf-8")
    return ""
