"""The README's command table, printed from the declarations: `python -m bot.commands.readme`."""

from __future__ import annotations

from bot.commands.catalogue import COMMANDS


def command_table() -> str:
    """A markdown table: each command's usage, who may run it, and what it does."""
    rows = ["| command | who | does |", "|---|---|---|"]
    for spec in COMMANDS:
        who = "moderators" if spec.for_moderators else "everyone"
        rows.append(f"| `{spec.usage()}` | {who} | {spec.detail or spec.description} |")
    return "\n".join(rows)


def main() -> None:
    print(command_table())


if __name__ == "__main__":
    main()
