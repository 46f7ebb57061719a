"""Downloader middlewares: keep discovered links away from private and loopback addresses;
pages read by what their bytes are."""

from __future__ import annotations

import asyncio
import codecs
import ipaddress
import socket

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import TextResponse
from scrapy.utils.httpobj import urlparse_cached

from crawler.extract.plain_text import UTF8_BOM, content_encoding


class BlockedAddressError(IgnoreRequest):
    """The link leads to a private, loopback or link-local address."""


def _is_internal(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved


async def resolves_to_private(host: str, known: dict[str, bool]) -> bool:
    """Whether `host` resolves to an internal address; resolved off the reactor thread."""
    if host not in known:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, None)
        except (socket.gaierror, UnicodeError):
            known[host] = False  # unresolvable hosts fail later with a DNS outcome
        else:
            known[host] = any(_is_internal(info[4][0]) for info in infos)
    return known[host]


class PrivateAddressGuardMiddleware:
    """Refuses requests to internal addresses, except to the seeds' own hosts.

    A school page is untrusted input: a link to 127.0.0.1 or 192.168.x must not make the
    crawler probe the centre's own network. CRAWL_ALLOW_PRIVATE_ADDRESSES lifts it (demo, tests).
    """

    def __init__(self, trusted_netlocs: set[str]) -> None:
        self.trusted_netlocs = trusted_netlocs
        self.known: dict[str, bool] = {}

    @classmethod
    def from_crawler(cls, crawler):
        if crawler.settings.getbool("CRAWL_ALLOW_PRIVATE_ADDRESSES"):
            raise NotConfigured
        return cls(set(crawler.settings.getlist("CRAWL_TRUSTED_NETLOCS")))

    async def process_request(self, request):
        parts = urlparse_cached(request)
        if parts.netloc.lower() in self.trusted_netlocs or not parts.hostname:
            return None
        if await resolves_to_private(parts.hostname, self.known):
            raise BlockedAddressError(f"blocked private address: {parts.hostname}")
        return None


class SiteSlotMiddleware:
    """One download slot per site (host and port), also for requests Scrapy makes itself.

    Scrapy keys slots by host name, so robots.txt of two sites on one host (one IP, other
    ports) would queue behind each other; the spider names its slots by host:port already.
    """

    def process_request(self, request):
        request.meta.setdefault("download_slot", urlparse_cached(request).netloc.lower())
        return None


class ContentCharsetMiddleware:
    """A page whose declared charset contradicts its bytes is read by its bytes.

    A server that calls UTF-8 pages windows-1251 (or the reverse) would otherwise turn every
    link text into mojibake, and a school's «Наставничество» would go unseen. Below
    HttpCompressionMiddleware (590), so it sees the decoded body.
    """

    def process_response(self, request, response):
        if not isinstance(response, TextResponse) or response.body.startswith(UTF8_BOM):
            return response
        found = content_encoding(response.body, response.encoding)
        if codecs.lookup(found).name != codecs.lookup(response.encoding).name:
            return response.replace(encoding=found)
        return response
