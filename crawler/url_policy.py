"""Which addresses the crawler may ever ask for: http(s) only, never link-local or metadata.

One policy for every source of a request (links, sitemaps, redirects, file-host resolvers,
the browser). A school page is untrusted input: its links must not make the crawler read the
centre's own files (`file://`), probe its network, or reach a cloud metadata service.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from enum import Enum
from urllib.parse import urljoin, urlsplit

from scrapy.utils.response import get_base_url

ALLOWED_SCHEMES = frozenset({"http", "https"})
# Closed whatever `allow_private_addresses` says: link-local (169.254.169.254 is the metadata
# service of most clouds) and the metadata addresses that are not link-local.
ALWAYS_CLOSED = tuple(
    ipaddress.ip_network(network)
    for network in (
        "169.254.0.0/16",  # IPv4 link-local, AWS/GCP/Azure/OpenStack metadata
        "fe80::/10",  # IPv6 link-local
        "fd00:ec2::254/128",  # AWS metadata over IPv6
        "100.100.100.200/32",  # Alibaba Cloud metadata
    )
)
# A host name is letters, digits, dots, hyphens, underscores (IDN allowed) or an IPv6 literal.
HOST_CHARACTERS = re.compile(r"^[\w.\-]+$|^[0-9a-f:.]+$", re.I)


class AddressClass(Enum):
    PUBLIC = "public"
    INTERNAL = "internal"  # private, loopback, reserved: open only when the config allows
    CLOSED = "closed"  # link-local and metadata: never


def is_web_url(url: str) -> bool:
    """Whether `url` is an http(s) address with a well-formed host and port."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return False
    host = parts.hostname or ""
    return (
        parts.scheme.lower() in ALLOWED_SCHEMES
        and bool(host)
        and HOST_CHARACTERS.match(host) is not None
    )


def join_url(base: str, href: str) -> str | None:
    """`href` made absolute against `base`; None when it cannot be parsed at all.

    Never raises: one malformed link (`http://[x`) must not end the reading of its page.
    Brackets outside an IPv6 literal are escaped so the link can still be recorded.
    """
    for candidate in (href, href.replace("[", "%5B").replace("]", "%5D")):
        try:
            return urljoin(base, candidate)
        except ValueError:
            continue
    return None


def link_url(response, href: str) -> str | None:
    """A link of `response` made absolute as the browser would (its `<base href>` first);
    None when it cannot be parsed. Never raises, whatever the page's base or link holds."""
    try:
        base = get_base_url(response)
    except (ValueError, AttributeError):  # a file's response has no `<base href>` to read
        base = response.url
    return join_url(base, href.strip())


def address_class(address: str) -> AddressClass:
    """How the policy treats one IP address (an IPv4-mapped IPv6 address as its IPv4)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_link_local or any(ip in network for network in ALWAYS_CLOSED):
        return AddressClass.CLOSED
    if ip.is_private or ip.is_loopback or ip.is_reserved or ip.is_unspecified:
        return AddressClass.INTERNAL
    return AddressClass.PUBLIC


async def host_class(host: str, known: dict[str, AddressClass]) -> AddressClass:
    """The strictest class among the addresses `host` resolves to (resolved off the reactor)."""
    if host not in known:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, None)
        except (socket.gaierror, UnicodeError):
            known[host] = AddressClass.PUBLIC  # unresolvable: fails later with a DNS outcome
        else:
            classes = {address_class(info[4][0]) for info in infos}
            known[host] = next(
                (c for c in (AddressClass.CLOSED, AddressClass.INTERNAL) if c in classes),
                AddressClass.PUBLIC,
            )
    return known[host]
