"""The fake's guilds: channels, roles and members that tests build before the bot connects."""

from __future__ import annotations

from typing import Any

from . import payloads

JSON = dict[str, Any]


# Where the bot's role sits while it manages roles: above any role a test adds (positions count
# up from 1), unless a test places one higher on purpose.
BOT_ROLE_TOP = 1000


class Guild:
    """A guild the bot is in; sent as GUILD_CREATE after READY."""

    def __init__(self, guild_id: int, name: str, *, owner_id: int) -> None:
        self.id = guild_id
        self.name = name
        self.owner_id = owner_id
        self.joined_at = payloads.iso_now()
        self.channels: dict[int, JSON] = {}
        self.roles: dict[int, JSON] = {guild_id: payloads.role(
            guild_id, "@everyone", position=0, permissions=payloads.EVERYONE_DEFAULT)}
        self.members: dict[int, JSON] = {}  # user id -> member payload (with "user")
        self.permissions: dict[int, int] = {}  # user id -> computed permission integer
        # Whether the bot may give and take roles (Manage Roles, its role above the one given).
        self.bot_manages_roles = True
        # The bot's own managed role, as Discord makes one when a bot is invited with
        # permissions: it carries Manage Roles and sits above every other role while
        # `bot_manages_roles` holds, else it has neither (see `bot_role`).
        self.bot_role_id = payloads.snowflake()

    def add_channel(self, channel_id: int, name: str, type: int = 0) -> JSON:
        data = payloads.channel(channel_id, self.id, name, type, position=len(self.channels))
        self.channels[channel_id] = data
        return data

    def deny(self, channel_id: int, user_id: int, permissions: int) -> None:
        """A member overwrite in the channel taking `permissions` away from that user."""
        self.channels[channel_id]["permission_overwrites"].append(
            {"id": str(user_id), "type": 1, "allow": "0", "deny": str(permissions)})

    def denied(self, channel_id: int, user_id: int, permission: int) -> bool:
        """Is `permission` taken away from the user in the channel (by @everyone's or their
        own overwrite)?"""
        for overwrite in self.channels.get(channel_id, {}).get("permission_overwrites", []):
            if overwrite["id"] in (str(self.id), str(user_id)) \
                    and int(overwrite["deny"]) & permission:
                return True
        return False

    def add_role(self, role_id: int, name: str, *, permissions: int = 0,
                 mentionable: bool = False) -> JSON:
        """A role; `mentionable`: anyone may mention it (else only with Mention Everyone)."""
        data = payloads.role(role_id, name, position=len(self.roles), permissions=permissions,
                             mentionable=mentionable)
        self.roles[role_id] = data
        return data

    def add_member(
        self, user_id: int, name: str, *, permissions: int = 0, roles: list[int] | None = None
    ) -> JSON:
        """Add a member; `permissions` is the permission integer interactions report for them."""
        for role_id in roles or []:
            if role_id not in self.roles:
                raise ValueError(f"role {role_id} is not in guild {self.id}; add_role it first")
        data = payloads.member(payloads.user(user_id, name), list(roles or []), payloads.iso_now())
        self.members[user_id] = data
        self.permissions[user_id] = permissions
        return data

    def interaction_member(self, user_id: int) -> JSON:
        """The member as INTERACTION_CREATE carries it: with `permissions` as a string."""
        try:
            data = dict(self.members[user_id])
        except KeyError:
            raise ValueError(f"user {user_id} is not a member of guild {self.id}") from None
        data["permissions"] = str(self.permissions.get(user_id, 0))
        return data

    def rest_payload(self) -> JSON:
        """The guild object of GET /guilds/{id} (no channels or members)."""
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": [*self.roles.values(), self.bot_role()],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "public_updates_channel_id": None,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
        }

    def bot_role(self) -> JSON:
        """The bot's managed role as it stands now."""
        manages = self.bot_manages_roles
        data = payloads.role(self.bot_role_id, "fanzine",
                             position=BOT_ROLE_TOP if manages else 1,
                             permissions=payloads.MANAGE_ROLES if manages else 0)
        data["managed"] = True
        return data

    def create_payload(self, bot_member: JSON, *, include_members: bool) -> JSON:
        """GUILD_CREATE: the bot's own member always, everyone else only with the members intent."""
        members = [bot_member]
        if include_members:
            members += list(self.members.values())
        data = self.rest_payload()
        data.update(
            unavailable=False,
            large=False,
            joined_at=self.joined_at,
            member_count=len(self.members) + 1,
            channels=list(self.channels.values()),
            threads=[],
            members=members,
            voice_states=[],
            presences=[],
            stage_instances=[],
            guild_scheduled_events=[],
            soundboard_sounds=[],
        )
        return data

    def find_user(self, user_id: int) -> JSON | None:
        member = self.members.get(user_id)
        return None if member is None else dict(member["user"])
