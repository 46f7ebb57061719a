"""Conditional re-crawls: Scrapy's HTTP cache, told what an audit may reuse and what it must ask.

A re-audit should download only what changed. Scrapy's HttpCacheMiddleware keeps every
response; this policy decides, declared here once:
- Pages that *list* things (home, menus, the section and its sub-pages, news lists, sitemaps)
  are always asked again with `If-None-Match` / `If-Modified-Since`: they are where a school
  adds or removes a document, and a 304 answer costs no body.
- Things listed (document files, single news items) that were downloaded, or confirmed
  unchanged, less than `crawl.trust_files_days` ago are reused without a request; older
  ones are asked conditionally like pages. robots.txt is reused for up to 24 hours. Only a
  successful (200) copy is ever reused: a link that was broken is tried again.
- A cached copy never stands in for a failure: a 5xx or a connection error today is reported
  as such, not papered over with yesterday's page (Scrapy's default does that).
"""

from __future__ import annotations

import time

from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.extensions.httpcache import RFC2616Policy, rfc1123_to_epoch
from scrapy.utils.httpobj import urlparse_cached

DAY_SECONDS = 24 * 3600
REUSE_META = "reuse_for_seconds"  # request meta: how old a reusable copy may be
# RFC 9309 §2.4: a crawler may use a cached robots.txt for up to 24 hours.
ROBOTS_REUSE_SECONDS = DAY_SECONDS


def reuse_meta(reusable: bool, trust_days: float) -> dict[str, float]:
    """Request meta marking an item a page lists (a file, a news item) as reusable."""
    return {REUSE_META: trust_days * DAY_SECONDS} if reusable and trust_days > 0 else {}


class AuditCachePolicy(RFC2616Policy):
    """Store everything; reuse only recent listed items; otherwise ask; only 304 confirms."""

    def should_cache_request(self, request) -> bool:
        # A page rendered by the browser is not what the server sent: never stored or looked up.
        return super().should_cache_request(request) and not request.meta.get("playwright")

    def should_cache_response(self, response, request) -> bool:
        return response.status != 304

    def is_cached_response_fresh(self, cachedresponse, request) -> bool:
        reuse_for = request.meta.get(REUSE_META, 0)
        if urlparse_cached(request).path == "/robots.txt":
            reuse_for = ROBOTS_REUSE_SECONDS
        if reuse_for > 0 and cachedresponse.status == 200:
            confirmed = rfc1123_to_epoch(cachedresponse.headers.get(b"Date"))
            if confirmed is not None and time.time() - confirmed < reuse_for:
                return True
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(self, cachedresponse, response, request) -> bool:
        return response.status == 304


class AuditCacheMiddleware(HttpCacheMiddleware):
    """HttpCacheMiddleware without error recovery: an outage is a finding of today's run."""

    DOWNLOAD_EXCEPTIONS = ()


def was_revalidated(response) -> bool:
    """Whether a cached response was confirmed by a 304 rather than taken as fresh."""
    headers = response.request.headers if response.request is not None else {}
    return b"If-None-Match" in headers or b"If-Modified-Since" in headers


def cache_state(response) -> str | None:
    """`revalidated`, `fresh` or None (downloaded in full) for a FetchItem."""
    if "cached" not in response.flags:
        return None
    return "revalidated" if was_revalidated(response) else "fresh"
