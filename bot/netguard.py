"""The fetcher's guards: moderator URL checks, and refusing private addresses (SSRF)."""

from __future__ import annotations

import ipaddress
import re
import socket

from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from bot.errors import UserError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

MAX_URL_LENGTH = 2048
SCHEMES = ("http", "https")
SETTING_HINT = "fetching private networks is turned off (net.allow_private_networks)"

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_RFC1918 = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
_UNIQUE_LOCAL = ipaddress.ip_network("fc00::/7")
_SITE_LOCAL = ipaddress.ip_network("fec0::/10")
# NAT64's well-known prefix: DNS64 resolvers on IPv6-only hosts hand these out for every IPv4-only
# site, so the embedded IPv4 address is what decides (and a private one behind it is refused).
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Numeric IPv4 spellings inet_aton accepts: one to four parts, decimal, octal or hex.
_LEGACY_IPV4 = re.compile(r"(?:0[xX][0-9a-fA-F]*|[0-9]+)(?:\.(?:0[xX][0-9a-fA-F]*|[0-9]+)){0,3}\.?")
# A host name: letters, digits, hyphens, dots and underscores (yarl has already IDNA-encoded it).
_HOST_NAME = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_.])?$")


class BlockedAddressError(OSError):
    """A connection was refused because the address is not public; the message says which."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def _embedded_ipv4(ip: IPAddress) -> tuple[str, ipaddress.IPv4Address] | None:
    """The IPv4 address an IPv6 address stands for, with the name of the form, if any."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return "an IPv4-mapped form", ip.ipv4_mapped
    if ip in _NAT64:
        return "a NAT64 form", ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour is not None:
        return "a 6to4 form", ip.sixtofour
    return None


def address_problem(address: str | IPAddress) -> str | None:
    """Why an address must not be fetched ("a loopback address", ...), or None when public."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    embedded = _embedded_ipv4(ip)
    if embedded is not None:
        form, inner = embedded
        problem = address_problem(inner)
        return None if problem is None else f"{form} of {inner}, {problem}"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip in _CGNAT:
        return "a shared (carrier-grade NAT) address"
    if any(ip in net for net in _RFC1918) or ip in _UNIQUE_LOCAL or ip in _SITE_LOCAL:
        return "a private address"
    if ip.is_reserved:
        return "a reserved address"
    # Everything else the IANA registries mark as not globally reachable (documentation,
    # benchmarking, "this network", IPv4-compatible IPv6 forms and the like).
    if not ip.is_global:
        return "a special-purpose address"
    return None


def literal_address(host: str) -> IPAddress | None:
    """The address a URL's host stands for when it is written as one, else None.

    Besides canonical forms this catches the legacy IPv4 spellings (`2130706433`, `127.1`,
    `0x7f.1`) that the C library would quietly turn into an address.
    """
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _LEGACY_IPV4.fullmatch(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def check_literal_host(host: str) -> None:
    """Refuse a URL host that is itself a non-public address (host names go to the resolver)."""
    ip = literal_address(host)
    if ip is None:
        return
    problem = address_problem(ip)
    if problem is not None:
        shown = host if str(ip) == host else f"{host} ({ip})"
        raise BlockedAddressError(f"{shown} is {problem}; {SETTING_HINT}")


class GuardedResolver(AbstractResolver):
    """Resolves through another resolver and drops every non-public address it returns.

    It sits inside the connector, so the addresses checked are exactly the ones connected to:
    there is no window for a second, different DNS answer (DNS rebinding).
    """

    def __init__(self, inner: AbstractResolver) -> None:
        self._inner = inner

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        allowed = [r for r in results if address_problem(_strip_scope(r["host"])) is None]
        if not allowed and results:
            first = results[0]["host"]
            problem = address_problem(_strip_scope(first))
            raise BlockedAddressError(f"{host} resolves to {first}, {problem}; {SETTING_HINT}")
        return allowed

    async def close(self) -> None:
        await self._inner.close()


def _strip_scope(address: str) -> str:
    # Link-local IPv6 answers may carry a zone ("fe80::1%eth0"); the zone is not the address.
    return address.split("%", 1)[0]


def check_url(url: str) -> str:
    """Check a URL a moderator typed; return it without surrounding blanks, or raise UserError.

    Only the form is checked here; whether its address may be fetched is decided at fetch time.
    """
    text = url.strip()
    if not text:
        raise UserError("The URL is empty; give a full address starting with https://.")
    if len(text) > MAX_URL_LENGTH:
        raise UserError(f"The URL is {len(text)} characters long; at most {MAX_URL_LENGTH} "
                        "are accepted.")
    try:
        parsed = URL(text)
        parsed.port  # noqa: B018 - yarl checks the port only when it is read
    except ValueError as exc:
        raise UserError(f"{_short(text)} is not a valid URL ({exc}).") from None
    scheme = parsed.scheme.lower()
    if not scheme:
        if "." in text.split("/", 1)[0] and not text.startswith("/"):
            raise UserError(f"{_short(text)} has no http:// or https:// in front; "
                            f"did you mean https://{text}?")
        raise UserError(f"{_short(text)} is not a URL; it should start with http:// or "
                        "https://.")
    if scheme not in SCHEMES:
        raise UserError(f"Only http and https URLs can be fetched, not {scheme}.")
    if parsed.user is not None or parsed.password is not None or "@" in parsed.raw_authority:
        raise UserError("URLs with a user name or password (the part before @) are not "
                        "accepted; remove it.")
    host = parsed.raw_host
    if not host:
        raise UserError(f"The URL {_short(text)} has no host name.")
    if literal_address(host) is None and not _HOST_NAME.match(host):
        raise UserError(f"{parsed.host!r} is not a valid host name.")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise UserError("The URL contains spaces or control characters; copy it again from "
                        "the address bar.")
    return text


def _short(text: str, limit: int = 80) -> str:
    """A user's text quoted for a message, cut short so one line stays one line."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
