"""What the bot sent to the fake Discord, counted by request: posts, re-sends and their gaps."""

from __future__ import annotations

from dataclasses import dataclass

from tests.fake_discord import FakeDiscord


@dataclass(frozen=True)
class SendCounts:
    """Message POSTs the fake received for a set of nonces (one nonce per post)."""

    posts: int  # posts expected
    requests: int  # POSTs received for them, whatever the answer (429s and 500s included)
    accepted: int  # of those, answered 200 (a nonce repeat within the window included)
    lost: int  # posts never accepted once
    resends: int  # accepted sends beyond the first of each post
    resent_posts: int  # posts accepted more than once
    largest_gap: float  # seconds from a post's first accepted send to its last

    def __str__(self) -> str:
        return (f"{self.posts} posts, {self.requests} POST requests ({self.accepted} accepted), "
                f"{self.lost} lost, {self.resends} re-sends of {self.resent_posts} posts, "
                f"largest gap {self.largest_gap:.1f} s")


def send_counts(fake: FakeDiscord, nonces: set[str]) -> SendCounts:
    requests = [r for r in fake.message_posts()
                if isinstance(r.json, dict) and r.json.get("nonce") in nonces]
    accepted: dict[str, list[float]] = {}
    for request in requests:
        if request.status == 200:
            accepted.setdefault(request.json["nonce"], []).append(request.at)
    gaps = [max(times) - min(times) for times in accepted.values()]
    return SendCounts(
        posts=len(nonces), requests=len(requests),
        accepted=sum(map(len, accepted.values())), lost=len(nonces - set(accepted)),
        resends=sum(len(times) - 1 for times in accepted.values()),
        resent_posts=sum(1 for times in accepted.values() if len(times) > 1),
        largest_gap=max(gaps, default=0.0))
