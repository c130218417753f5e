"""Who a message would ping: mentions in its content filtered by `allowed_mentions`."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

JSON = dict[str, Any]

_USER = re.compile(r"<@!?(\d+)>")
_ROLE = re.compile(r"<@&(\d+)>")


def resolve(content: str, allowed: JSON | None, lookup_user: Callable[[int], JSON | None]) -> JSON:
    """`mentions` (users), `mention_roles` (ids) and `mention_everyone` as Discord would set them.

    Without `allowed_mentions` everything in the content pings; with it, only what `parse`
    or the explicit `users` / `roles` lists allow.
    """
    parse = {"users", "roles", "everyone"} if allowed is None else set(allowed.get("parse") or [])
    allowed_users = {str(u) for u in (allowed or {}).get("users") or []}
    allowed_roles = {str(r) for r in (allowed or {}).get("roles") or []}
    users: list[JSON] = []
    for user_id in dict.fromkeys(_USER.findall(content)):
        if "users" in parse or user_id in allowed_users:
            found = lookup_user(int(user_id))
            if found is not None:
                users.append(found)
    roles = [
        role_id
        for role_id in dict.fromkeys(_ROLE.findall(content))
        if "roles" in parse or role_id in allowed_roles
    ]
    everyone = "everyone" in parse and ("@everyone" in content or "@here" in content)
    return {"mentions": users, "mention_roles": roles, "mention_everyone": everyone}
