"""The shell's reading of a declared command: bare words and `name:value` options parsed as its
declaration says, its handler run, and its reply written as text."""

from __future__ import annotations

from bot.app import App
from bot.bounds import whole_number
from bot.commands.catalogue import find, subcommands
from bot.commands.spec import Args, ArgValue, CommandSpec, Invocation, Kind, Option
from bot.errors import UserError
from bot.settings.values import switch
from bot.shell.parse import ParsedLine
from bot.shell.replies import reply_text
from bot.shell.roles import ShellRoles
from bot.shell.state import ShellState
from bot.shell.world import ShellWorld


def declared(line: ParsedLine) -> tuple[CommandSpec, list[str]] | None:
    """The declaration a line runs, with the words after its name (None: not a declared
    command); a group's missing or unknown sub-command is refused with the group's usage."""
    spec = find(line.name, None)
    if spec is not None:
        return spec, line.words
    subs = subcommands(line.name)
    if not subs:
        return None
    sub = line.words[0].lower() if line.words else ""
    spec = find(line.name, sub)
    if spec is None:
        usages = ", ".join(s.usage(shell=True) for s in subs)
        lead = f"Unknown action '{sub}'. " if sub else ""
        raise UserError(f"{lead}Use {usages}.")
    return spec, line.words[1:]


async def run_declared(app: App, state: ShellState, spec: CommandSpec, line: ParsedLine,
                       words: list[str]) -> str:
    args = shell_args(spec, line.options, words, state)
    if spec.check is not None:
        spec.check(args)
    answer = await spec.handler(Invocation(app, state.actor(), args, roles=ShellRoles(state),
                                           local_files=True))
    return reply_text(answer, state)


def shell_args(spec: CommandSpec, options: dict[str, str], words: list[str],
               state: ShellState) -> Args:
    """The typed options of a shell line: `name:value` ones, then bare words in the order the
    declaration gives (the last text one takes every word left)."""
    usage = f"Use {spec.usage(shell=True)}."
    texts: dict[str, str] = {}
    for name, text in options.items():
        if spec.option(name) is None:
            raise UserError(f"/{spec.qualified} has no option '{name}'. {usage}")
        texts[name] = text
    left = [o for o in spec.positional() if o.name not in texts]
    rest = list(words)
    for index, option in enumerate(left):
        if not rest:
            break
        greedy = index == len(left) - 1 and option.kind is Kind.TEXT
        texts[option.name] = " ".join(rest) if greedy else rest[0]
        rest = [] if greedy else rest[1:]
    if rest:
        raise UserError(f"/{spec.qualified}: unexpected '{rest[0]}'. {usage}")
    values: dict[str, ArgValue] = {}
    for option in spec.options:
        if option.name in texts:
            values[option.name] = _typed(option, texts[option.name], state.world)
        elif option.kind is Kind.CHANNEL and option.required:
            # The shell's own channel stands in for a channel Discord would make you pick.
            channel = state.actor().channel_id
            if channel is not None:
                values[option.name] = channel
        elif option.required and not option.optional_in_shell:
            raise UserError(f"/{spec.qualified} needs {option.name}. {usage}")
        elif option.default is not None:
            values[option.name] = option.default
    return Args(values)


def _typed(option: Option, text: str, world: ShellWorld) -> ArgValue:
    if option.kind is Kind.CHANNEL:
        return world.channel_id(text)
    if option.kind is Kind.ROLE:
        return world.role_id(text)
    if option.kind is Kind.INTEGER:
        low = option.low if option.low is not None else 0
        high = option.high if option.high is not None else 2**53
        return whole_number(text, option.name, low, high)
    if option.kind is Kind.BOOLEAN:
        return switch(option.name, text)
    if option.choices:
        values = [v for _, v in option.choices]
        word = text.strip().lower()
        if word not in values:
            raise UserError(f"{option.name} is one of {', '.join(values)}, not '{text}'.")
        return word
    return text
