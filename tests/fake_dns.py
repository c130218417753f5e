"""FakeResolver: answers host names from a table, so tests never ask a real DNS server."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Mapping, Sequence

from aiohttp.abc import AbstractResolver, ResolveResult


class FakeResolver(AbstractResolver):
    """Resolves the names in `table` (name -> addresses); any other name fails as unknown.

    Pass it as `HttpClient(settings, resolver=FakeResolver({...}))`. Only names pointing at
    127.0.0.1 may actually be connected to in a test; the others exist to be refused.
    """

    def __init__(self, table: Mapping[str, Sequence[str]]) -> None:
        self.table = {name.lower(): list(addresses) for name, addresses in table.items()}
        self.asked: list[str] = []

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.asked.append(host)
        addresses = self.table.get(host.lower().rstrip("."))
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        results: list[ResolveResult] = []
        for address in addresses:
            ip_family = (socket.AF_INET6 if ipaddress.ip_address(address.split("%")[0]).version == 6
                         else socket.AF_INET)
            if family not in (socket.AF_UNSPEC, ip_family):
                continue
            results.append(ResolveResult(hostname=host, host=address, port=port,
                                         family=ip_family, proto=0,
                                         flags=socket.AI_NUMERICHOST | socket.AI_NUMERICSERV))
        return results

    async def close(self) -> None:
        return None
