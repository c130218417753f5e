"""`/facts add|fix|remove` and `/alias add`: a server's own corrections to its answers."""

from __future__ import annotations

from bot.commands.reply import Message, say
from bot.commands.spec import CommandSpec, GroupSpec, Invocation, Option

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



async def add_fact(call: Invocation) -> Message:
    a = call.args
    done = await call.app.corrections.add(call.actor, a.text("subject"), a.text("predicate"),
                                          a.text("value"))
    return say(f"Added: {done.summary()}")


async def fix_fact(call: Invocation) -> Message:
    a = call.args
    done = await call.app.corrections.fix(call.actor, a.text("subject"), a.text("predicate"),
                                          a.text("value"))
    return say(f"Fixed: {done.summary()}")


async def remove_fact(call: Invocation) -> Message:
    a = call.args
    done = await call.app.corrections.remove(call.actor, a.text("subject"),
                                             a.text("predicate"), a.optional_text("value"))
    return say(f"Removed: {done.summary()}")


async def add_alias(call: Invocation) -> Message:
    alias = call.args.text("alias")
    done = await call.app.corrections.alias(call.actor, call.args.text("name"), alias)
    return say(f"Done: {alias.strip()} now means {done.subject} here (this server only).")


FACTS_ADD = CommandSpec(
    "add", "Add a fact this server's answers will use.", group=FACTS, defers=True,
    handler=add_fact,
    options=(_SUBJECT, _PREDICATE, _VALUE),
    detail="adds a fact this server's answers use (this server only)")
FACTS_FIX = CommandSpec(
    "fix", "Replace a fact's value in this server's answers.", group=FACTS, defers=True,
    handler=fix_fact,
    options=(_SUBJECT, _PREDICATE, _VALUE),
    detail="replaces a fact's value in this server's answers")
FACTS_REMOVE = CommandSpec(
    "remove", "Stop this server's answers using a fact.", group=FACTS, defers=True,
    handler=remove_fact,
    options=(_SUBJECT, _PREDICATE,
             Option("value", "Only this value (default: every value of the predicate)")),
    detail="this server's answers stop using a fact (global facts stay)")
ALIAS_ADD = CommandSpec(
    "add", "Add another name for an artist or release, in this server only.", group=ALIAS,
    defers=True, handler=add_alias,
    options=(Option("name", "The artist or release, as the answers name it", required=True),
             Option("alias", "The other name this server uses for it", required=True)),
    detail="another name for an artist or release, understood in this server, misspelt too, "
           "and completed to the name in its autocomplete (never a name that already means "
           "something else here)")
