"""Politeness that weighs what the site had to send: a full pause after a page, less after a 304.

Scrapy's AutoThrottle keeps at least `download_delay` between two requests to a site and
lengthens the pause when the site answers slowly. A conditional request answered
«304 Not Modified» costs the site no page to build or send, so the pause after it is a
share of the delay (CRAWL_UNCHANGED_DELAY_SHARE); every other answer keeps the full pause,
and a slow site still sets its own pace. Crawlers such as Heritrix scale their pauses by the
cost of the last fetch in the same way.
"""

from __future__ import annotations

from scrapy.extensions.throttle import AutoThrottle


class AuditThrottle(AutoThrottle):
    """AutoThrottle whose pause after a 304 answer is a share of the minimum delay."""

    def _spider_opened(self, spider) -> None:
        super()._spider_opened(spider)
        share = self.crawler.settings.getfloat("CRAWL_UNCHANGED_DELAY_SHARE", 1.0)
        self.unchanged_delay = self.mindelay * min(max(share, 0.0), 1.0)

    def _adjust_delay(self, slot, latency: float, response) -> None:
        if response.status == 304:
            target_delay = latency / self.target_concurrency
            slot.delay = min(max(self.unchanged_delay, target_delay), self.maxdelay)
            return
        super()._adjust_delay(slot, latency, response)
