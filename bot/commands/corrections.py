"""`/facts add|fix|remove` and `/alias add`: a server's own corrections to its answers."""

from __future__ import annotations

from bot.commands.spec import CommandSpec, GroupSpec, Option

FACTS = GroupSpec(
    "facts", "Correct what this server's answers say: add, fix or remove a fact (moderators).",
    moderator=True, guild_only=True)
ALIAS = GroupSpec(
    "alias", "Teach this server another name for an artist or release (moderators).",
    moderator=True, guild_only=True)
_SUBJECT = Option("subject", "The artist, person or release, as the answers name it",
                  required=True)
_PREDICATE = Option(
    "predicate", "What the fact says, e.g. release_date, directed_by, label, born, member",
    required=True)
_VALUE = Option("value", "The value: a date as YYYY-MM-DD, YYYY-MM or YYYY, or a name",
                required=True)

FACTS_ADD = CommandSpec(
    "add", "Add a fact this server's answers will use.", group=FACTS, defers=True,
    options=(_SUBJECT, _PREDICATE, _VALUE),
    detail="adds a fact this server's answers use (this server only)")
FACTS_FIX = CommandSpec(
    "fix", "Replace a fact's value in this server's answers.", group=FACTS, defers=True,
    options=(_SUBJECT, _PREDICATE, _VALUE),
    detail="replaces a fact's value in this server's answers")
FACTS_REMOVE = CommandSpec(
    "remove", "Stop this server's answers using a fact.", group=FACTS, defers=True,
    options=(_SUBJECT, _PREDICATE,
             Option("value", "Only this value (default: every value of the predicate)")),
    detail="this server's answers stop using a fact (global facts stay)")
ALIAS_ADD = CommandSpec(
    "add", "Add another name for an artist or release, in this server only.", group=ALIAS,
    options=(Option("name", "The artist or release, as the answers name it", required=True),
             Option("alias", "The other name this server uses for it", required=True)),
    detail="another name for an artist or release, understood in this server, misspelt too, "
           "and completed to the name in its autocomplete (never a name that already means "
           "something else here)")
