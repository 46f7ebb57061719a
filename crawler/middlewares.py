"""Downloader middlewares: only web addresses, never the centre's own network unless allowed;
pages read by what their bytes are."""

from __future__ import annotations

import codecs
import time

from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse
from scrapy.utils.httpobj import urlparse_cached

from crawler.extract.plain_text import UTF8_BOM, content_encoding
from crawler.url_policy import AddressClass, host_class, is_web_url


class BlockedAddressError(IgnoreRequest):
    """The link leads to a private, loopback, link-local or metadata address."""


class NotWebAddressError(IgnoreRequest):
    """The link is not an http(s) address: `file:`, `ftp:`, `C:\\…`, a script."""


class PrivateAddressGuardMiddleware:
    """Refuses every request but http(s), and requests to internal addresses.

    A school page is untrusted input: a link to `file:///…` must not make the crawler read the
    centre's files, nor one to 127.0.0.1 or 192.168.x probe its network. The registry's own
    sites (CRAWL_TRUSTED_NETLOCS) are trusted. CRAWL_ALLOW_PRIVATE_ADDRESSES opens private and
    loopback addresses to the links a site leads to (demo, tests); link-local and metadata
    addresses (169.254.169.254) stay closed whatever it says.
    """

    def __init__(self, trusted_netlocs: set[str], allow_private: bool = False) -> None:
        self.trusted_netlocs = trusted_netlocs
        self.allow_private = allow_private
        self.known: dict[str, AddressClass] = {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(
            set(crawler.settings.getlist("CRAWL_TRUSTED_NETLOCS")),
            crawler.settings.getbool("CRAWL_ALLOW_PRIVATE_ADDRESSES"),
        )

    async def process_request(self, request):
        if not is_web_url(request.url):
            raise NotWebAddressError(f"not a web address: {request.url[:200]}")
        parts = urlparse_cached(request)
        if parts.netloc.lower() in self.trusted_netlocs:
            return None
        found = await host_class(parts.hostname, self.known)
        if found is AddressClass.CLOSED or (
            found is AddressClass.INTERNAL and not self.allow_private
        ):
            raise BlockedAddressError(f"blocked private address: {parts.hostname}")
        return None


class SiteBudgetExceeded(IgnoreRequest):
    """The site's time budget ran out before this request could be made."""


class SiteBudgetMiddleware:
    """A wall-time budget per site (organisation), counted from its first request.

    A site whose files trickle forever would otherwise hold the crawl for hours (20 files at
    a 5 s timeout, each retried). Each download may last only the time the site has left;
    past it, every request of the site is refused at once, and the spider records what was
    not fetched as not checked for that reason (fetch outcome time_budget).
    """

    def __init__(self, budget_seconds: float, timeout: float) -> None:
        self.budget = budget_seconds
        self.timeout = timeout
        self.started: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(
            settings.getfloat("CRAWL_SITE_BUDGET_SECONDS"), settings.getfloat("DOWNLOAD_TIMEOUT")
        )

    def process_request(self, request):
        org_id = request.meta.get("org_id")
        if org_id is None:  # robots.txt: Scrapy's own request, bounded by its timeout
            return None
        started = self.started.setdefault(org_id, time.monotonic())
        left = self.budget - (time.monotonic() - started)
        if left <= 0:
            raise SiteBudgetExceeded(f"time budget of the site spent: {request.url[:200]}")
        timeout = request.meta.get("download_timeout") or self.timeout
        request.meta["download_timeout"] = min(timeout, left) if timeout else left
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
