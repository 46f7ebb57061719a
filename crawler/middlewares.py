"""Downloader middlewares: keep discovered links away from private and loopback addresses."""

from __future__ import annotations

import ipaddress
import socket
from functools import lru_cache

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.httpobj import urlparse_cached


class BlockedAddressError(IgnoreRequest):
    """The link leads to a private, loopback or link-local address."""


@lru_cache(maxsize=4096)
def _resolves_to_private(host: str) -> bool:
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError):
        return False  # unresolvable hosts fail later with a DNS outcome
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved:
            return True
    return False


class PrivateAddressGuardMiddleware:
    """Refuses requests to internal addresses, except to the seeds' own hosts.

    A school page is untrusted input: a link to 127.0.0.1 or 192.168.x must not make the
    crawler probe the centre's own network. CRAWL_ALLOW_PRIVATE_ADDRESSES lifts it (demo, tests).
    """

    def __init__(self, trusted_netlocs: set[str]) -> None:
        self.trusted_netlocs = trusted_netlocs

    @classmethod
    def from_crawler(cls, crawler):
        if crawler.settings.getbool("CRAWL_ALLOW_PRIVATE_ADDRESSES"):
            raise NotConfigured
        return cls(set(crawler.settings.getlist("CRAWL_TRUSTED_NETLOCS")))

    def process_request(self, request):
        parts = urlparse_cached(request)
        if parts.netloc.lower() in self.trusted_netlocs or not parts.hostname:
            return None
        if _resolves_to_private(parts.hostname):
            raise BlockedAddressError(f"blocked private address: {parts.hostname}")
        return None
