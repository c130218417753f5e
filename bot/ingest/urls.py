"""Canonical article URLs: one spelling per page, so the same story is stored once."""

from __future__ import annotations

from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}

# Query keys that only say how a reader arrived (campaigns, click ids, share ids); they never
# select different content, so two links that differ only in these are the same page.
TRACKING_KEYS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "ttclid", "li_fat_id", "igshid", "igsh", "mc_cid", "mc_eid", "ref_src", "ref_url", "_ga", "_gl",
    "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking", "mkt_tok", "oly_anon_id",
    "oly_enc_id", "vero_id", "vero_conv", "wickedid", "spm", "scm", "srsltid", "s_kwcid", "ef_id",
    "rb_clickid", "zanpid", "_openstat", "__twitter_impression", "cmpid", "sc_cid",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")

# "si" is a share id on these hosts (music links are shared from them all the time), but on
# other sites it can be a real parameter, so it is only dropped here.
HOST_TRACKING_KEYS = {
    "youtube.com": frozenset({"si", "feature", "pp"}),
    "youtu.be": frozenset({"si", "feature"}),
    "music.youtube.com": frozenset({"si", "feature"}),
    "open.spotify.com": frozenset({"si"}),
    "music.apple.com": frozenset({"itscg", "itsct"}),
}


def _is_tracking(key: str, host: str) -> bool:
    name = unquote(key).strip().lower()
    if name in TRACKING_KEYS or name.startswith(TRACKING_PREFIXES):
        return True
    bare = host.removeprefix("www.").removeprefix("m.")
    return name in HOST_TRACKING_KEYS.get(bare, frozenset())


def _netloc(parts: SplitResult, scheme: str) -> str:
    host = parts.hostname or ""  # already lower-cased, brackets of IPv6 removed
    port = parts.port  # raises ValueError for a port that is not a number in range
    if ":" in host:
        host = f"[{host}]"
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
    netloc = f"{userinfo}@{host}" if userinfo else host
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        netloc += f":{port}"
    return netloc


def canonical_url(url: str, *, keep_fragment: bool = False) -> str:
    """`url` with scheme and host lower-cased, default port, fragment and tracking keys dropped.

    With `keep_fragment` the fragment stays (feed items that differ only by it are told apart).

    The path's case and the order and spelling of the other query pairs are kept, since servers
    may treat them as significant. Anything that is not an absolute URL comes back stripped but
    otherwise unchanged; this never raises.
    """
    stripped = url.strip()
    try:
        parts = urlsplit(stripped)
        scheme = parts.scheme.lower()
        if not scheme or not parts.netloc or not parts.hostname:
            return stripped
        netloc = _netloc(parts, scheme)
        host = parts.hostname or ""
        # Split by hand rather than parse_qsl + urlencode, which would re-encode the pairs kept.
        kept = [
            pair for pair in parts.query.split("&")
            if pair and not _is_tracking(pair.partition("=")[0], host)
        ]
        path = parts.path or ("/" if scheme in ("http", "https") else "")
        fragment = parts.fragment if keep_fragment else ""
        return urlunsplit((scheme, netloc, path, "&".join(kept), fragment))
    except ValueError:
        return stripped


def host_of(url: str) -> str | None:
    """The lower-cased host name of `url` (no port, no user), or None when it has none."""
    try:
        return urlsplit(url.strip()).hostname or None
    except ValueError:
        return None


MAX_LINK_LENGTH = 2048  # Discord's limit on an embed's URL, and the width of the link columns


def is_web_url(url: str) -> bool:
    """Whether `url` is an absolute http(s) URL with a host."""
    try:
        parts = urlsplit(url.strip())
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False
