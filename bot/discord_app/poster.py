"""Delivers outbox posts to Discord channels and DMs, with the post's nonce and no stray pings."""

from __future__ import annotations

import discord

from bot.discord_app.render import post_embed
from bot.schedule.outbox import DeliveryError, OutboxItem

# Discord's error code for a DM to a user who blocks the bot or closed DMs from server members.
CANNOT_MESSAGE_USER = 50007


class DiscordPoster:
    """The outbox's sender on Discord. Permanent failures (a deleted channel, a missing
    permission, a user who blocks DMs) are reported so they are not retried forever."""

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def send(self, item: OutboxItem) -> int | None:
        post = item.post
        role = post.mention_role_id
        # Only the role a moderator configured may be mentioned; never @everyone or users.
        allowed = discord.AllowedMentions(everyone=False, users=False, replied_user=False,
                                          roles=[discord.Object(id=role)] if role else False)
        try:
            target = await self._target(item)
            message = await target.send(
                content=post.text or None,
                embed=post_embed(post.embed) if post.embed else discord.utils.MISSING,
                nonce=item.nonce,
                allowed_mentions=allowed,
            )
        except discord.NotFound as exc:
            gone = "channel" if item.channel_id is not None else "user or their DM channel"
            raise DeliveryError(f"the {gone} no longer exists ({exc.text})",
                                permanent=True) from None
        except discord.Forbidden as exc:
            if exc.code == CANNOT_MESSAGE_USER:
                raise DeliveryError("the user does not accept direct messages from me",
                                    permanent=True) from None
            raise DeliveryError(f"missing permission ({exc.text})", permanent=True) from None
        except discord.HTTPException as exc:
            # 5xx and exhausted 429s are worth retrying; any other 4xx would fail again.
            transient = exc.status >= 500 or exc.status == 429
            raise DeliveryError(f"Discord answered {exc.status}: {exc.text}",
                                permanent=not transient) from None
        except (OSError, TimeoutError) as exc:
            raise DeliveryError(f"could not reach Discord: {exc}", permanent=False) from None
        return message.id

    async def _target(self, item: OutboxItem) -> discord.abc.Messageable:
        if item.channel_id is not None:
            return self.client.get_partial_messageable(item.channel_id)
        assert item.user_id is not None
        user = self.client.get_user(item.user_id) or await self.client.fetch_user(item.user_id)
        return await user.create_dm()
