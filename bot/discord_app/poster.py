"""Delivers outbox posts to Discord channels and DMs, with the post's nonce and no stray pings."""

from __future__ import annotations

from datetime import datetime, timedelta

import discord

from bot.delivery.outbox import DeliveryError, OutboxItem
from bot.discord_app.buttons import post_view
from bot.discord_app.permissions import own_permissions
from bot.discord_app.render import post_embed
from bot.posts import Post

# Discord's error code for a DM to a user who blocks the bot or closed DMs from server members.
CANNOT_MESSAGE_USER = 50007
# How many of the channel's messages since an unanswered send are read to look for it.
LOOK_BACK = 100


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
            view = post_view(post.buttons)
            message = await target.send(
                content=post.text or None,
                embed=post_embed(post.embed) if post.embed else discord.utils.MISSING,
                view=view if view is not None else discord.utils.MISSING,
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
            # 5xx and exhausted 429s are worth retrying; any other 4xx would fail again. A 5xx
            # may come after the message was made (a 429 or 4xx never does).
            transient = exc.status >= 500 or exc.status == 429
            raise DeliveryError(f"Discord answered {exc.status}: {exc.text}",
                                permanent=not transient,
                                may_have_arrived=exc.status >= 500) from None
        except (OSError, TimeoutError) as exc:  # the request may have gone out before this
            raise DeliveryError(f"could not reach Discord: {exc}", permanent=False,
                                may_have_arrived=True) from None
        return message.id

    async def find_sent(self, item: OutboxItem, since: datetime) -> int | None:
        """Our message with this post's text and embed title posted since `since`, if any."""
        me = self.client.user
        if me is None:
            raise DeliveryError("not logged in", permanent=False)
        try:
            if item.channel_id is not None:
                # Without Read Message History Discord answers an empty list, which would look
                # like "not there": the permission is checked first.
                allowed = await own_permissions(self.client, item.channel_id)
                if not (allowed.view_channel and allowed.read_message_history):
                    raise DeliveryError("I lack Read Message History in the channel",
                                        permanent=True)
            target = await self._target(item)
            # A few seconds' slack for clocks: the send began at `since` by ours.
            async for message in target.history(limit=LOOK_BACK, oldest_first=True,
                                                after=since - timedelta(seconds=5)):
                if message.author.id == me.id and _same_post(message, item.post):
                    return message.id
        except discord.HTTPException as exc:
            raise DeliveryError(f"Discord answered {exc.status}: {exc.text}",
                                permanent=False) from None
        except (OSError, TimeoutError) as exc:
            raise DeliveryError(f"could not reach Discord: {exc}", permanent=False) from None
        return None

    async def _target(self, item: OutboxItem) -> discord.abc.Messageable:
        if item.channel_id is not None:
            return self.client.get_partial_messageable(item.channel_id)
        assert item.user_id is not None
        user = self.client.get_user(item.user_id) or await self.client.fetch_user(item.user_id)
        return await user.create_dm()


def _same_post(message: discord.Message, post: Post) -> bool:
    """Is this message that post? Its text, and its embed's title and link."""
    if (message.content or "").strip() != (post.text or "").strip():
        return False
    if post.embed is None:
        return not message.embeds
    embed = post_embed(post.embed)
    return any(e.title == embed.title and e.url == embed.url for e in message.embeds)
