"""Architecture rules: only bot/discord_app imports discord; packages import each other only as
the table below allows, with no cycles; every adapter offers the catalogue."""

from __future__ import annotations

import ast
import graphlib
from collections.abc import Mapping
from pathlib import Path

import pytest

import bot
from bot.app import App
from bot.commands.help import help_entries
from bot.shell.commands import command_names

COMMANDS = help_entries()  # one entry a top-level command

PACKAGE = Path(bot.__file__).parent


def imported_modules(path: Path) -> set[str]:
    """The modules a file imports; a name imported from `bot` itself ("from bot import
    clock") counts as the module `bot.clock`."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "bot":
                names.update(f"bot.{alias.name}" for alias in node.names)
            else:
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


# What each part of `bot/` (a sub-package, or a top-level module) may import of the others,
# lowest first. Parsing and domain code sits below the adapters (cli, shell, discord_app) and the
# composition root (app, runtime), and never imports them; a new import between parts is
# declared here, and one that would close a cycle cannot be (the table is checked acyclic).
ALLOWED: dict[str, set[str]] = {
    "bot": set(),  # bot/__init__.py: the version
    "errors": set(),
    "clock": set(),
    "logs": set(),
    "text": set(),
    "posts": set(),
    "netheaders": set(),
    "partial_dates": set(),
    "kinds_and_states": set(),
    "bounds": {"errors"},
    "actors": {"errors"},
    "netguard": {"errors"},
    "config": {"bot", "errors"},
    "extract": {"partial_dates"},
    # The one typed settings facility: declarations, defaults and words, and its service.
    "settings": {"actors", "clock", "db", "errors"},
    "models": {"kinds_and_states", "partial_dates", "settings"},
    "net": {"config", "netguard", "netheaders"},
    "db": {"config", "errors"},
    "migrate": {"db", "errors"},
    "proclock": {"db", "errors"},
    "status": {"db", "kinds_and_states", "models"},
    "health": {"clock", "db", "status"},
    "guilds": {"actors", "bounds", "clock", "db", "errors", "models", "settings"},
    "users": {"actors", "clock", "db", "guilds", "models", "settings"},
    "delivery": {"clock", "db", "guilds", "kinds_and_states", "logs", "models", "posts", "text"},
    "facts": {"actors", "clock", "db", "delivery", "errors", "extract", "guilds",
              "kinds_and_states", "models", "partial_dates", "text"},
    "ingest": {"actors", "clock", "config", "db", "delivery", "errors", "extract", "guilds",
               "kinds_and_states", "models", "net", "posts", "text"},
    "about": {"bot", "db", "facts", "kinds_and_states", "models"},
    "answers": {"clock", "db", "errors", "extract", "facts", "kinds_and_states", "models",
                "partial_dates", "text"},
    "schedule": {"actors", "bounds", "clock", "config", "db", "delivery", "errors", "facts",
                 "guilds", "kinds_and_states", "models", "partial_dates", "posts", "settings",
                 "text", "users"},
    "app": {"about", "answers", "clock", "config", "db", "delivery", "facts", "guilds",
            "ingest", "logs", "migrate", "net", "schedule", "users"},
    "runtime": {"app", "clock", "delivery", "health"},
    # Every command's declaration and handler, for both front-ends (never discord).
    "commands": {"about", "actors", "answers", "app", "bounds", "errors", "facts", "guilds",
                 "ingest", "schedule", "text", "users"},
    "shell": {"about", "actors", "answers", "app", "bounds", "clock", "commands", "delivery",
              "errors", "guilds", "ingest", "posts", "runtime", "schedule", "settings", "text",
              "users"},
    "discord_app": {"about", "actors", "answers", "app", "commands", "delivery", "errors",
                    "facts", "guilds", "ingest", "logs", "posts", "runtime", "schedule", "text",
                    "users"},
    "cli": {"about", "actors", "app", "bot", "bounds", "clock", "config", "db", "discord_app",
            "errors", "extract", "guilds", "ingest", "logs", "migrate", "proclock", "runtime",
            "schedule", "shell", "status"},
    "__main__": {"cli"},
}


def part_of(module: str) -> str:
    """The part of `bot/` a dotted module name belongs to: `bot.facts.store` is `facts`; a name
    imported from the package itself (`from bot import __version__`) is `bot`."""
    parts = module.split(".")
    if len(parts) == 1:
        return "bot"
    name = parts[1]
    is_part = (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()
    return name if is_part else "bot"


def imported_parts(path: Path) -> set[str]:
    """The parts of `bot/` a module imports (names imported from `bot` itself included)."""
    return {part_of(n) for n in imported_modules(path) if n == "bot" or n.startswith("bot.")}


def package_graph() -> dict[str, set[str]]:
    """Which parts of `bot/` import which others (a part's imports of itself left out)."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        part = "bot" if relative.name == "__init__.py" and len(relative.parts) == 1 \
            else relative.parts[0].removesuffix(".py")
        graph.setdefault(part, set()).update(imported_parts(path) - {part})
    return graph


def cycle(graph: Mapping[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph, or None."""
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as error:
        return list(error.args[1])
    return None


def test_parts_import_only_what_the_table_allows() -> None:
    graph = package_graph()
    assert set(graph) == set(ALLOWED), "every part of bot/ has its row in ALLOWED"
    undeclared = {part: sorted(uses - ALLOWED[part]) for part, uses in graph.items()
                  if uses - ALLOWED[part]}
    assert undeclared == {}


def test_the_allowed_imports_have_no_cycle() -> None:
    assert cycle(ALLOWED) is None
    assert cycle(package_graph()) is None


def test_the_cycle_rule_would_catch_one() -> None:
    assert cycle({"facts": {"answers"}, "answers": {"facts"}}) is not None
    assert cycle({"answers": {"facts"}, "facts": set()}) is None


@pytest.mark.parametrize("part", ["extract", "facts", "answers", "schedule", "ingest", "models",
                                  "delivery", "guilds", "users"])
def test_domain_code_imports_no_adapter(part: str) -> None:
    # Neither directly nor through another part: the adapters are reachable from none of these.
    reachable: set[str] = set()
    todo = [part]
    while todo:
        for used in ALLOWED[todo.pop()] - reachable:
            reachable.add(used)
            todo.append(used)
    assert reachable & {"discord_app", "shell", "cli", "app", "runtime"} == set()


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
    assert {c.name for c in COMMANDS} <= set(command_names())


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
    # A sub-folder without its own README is listed by its parent's.
    for candidate in (folder, folder.parent):
        path = candidate / "README.md"
        if path.exists():
            return path.read_text(encoding="utf-8")
    return ""
