"""The crawl's progress line for the methodologist's terminal, and its final figures on disk."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.items import FetchItem

PROGRESS_LINE = (
    "Обход сайтов: завершено {done} из {total}; страниц {pages}, документов {documents}, "
    "ошибок {errors}; без загрузки (не изменились) {unchanged}"
)
# Seconds between lines: a terminal line is rewritten in place; a log gets a line now and then.
TTY_INTERVAL = 1.0
LOG_INTERVAL = 15.0
ERROR_OUTCOMES = frozenset(
    {"http_error", "timeout", "dns_error", "connection_error", "too_large", "error"}
)


class CrawlProgress:
    """Counts fetches as they are staged and prints them with the sites finished so far.

    A site is finished when every request sent for it has reached its callback or errback
    (the spider's `OrgState.in_flight`). CRAWL_STATS_PATH receives the counts at the end.
    """

    def __init__(self, crawler, stream, stats_path: Path | None) -> None:
        self.crawler = crawler
        self.stream = stream
        self.stats_path = stats_path
        self.is_tty = stream.isatty()
        self.counts: Counter[str] = Counter()
        self.network_requests: Counter[str] = Counter()  # per download slot (site)
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("CRAWL_PROGRESS", True):
            raise NotConfigured
        stats_path = crawler.settings.get("CRAWL_STATS_PATH")
        extension = cls(crawler, sys.stderr, Path(stats_path) if stats_path else None)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(
            extension.request_reached_downloader, signal=signals.request_reached_downloader
        )
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider) -> None:
        self.loop = task.LoopingCall(self.show)
        self.loop.start(TTY_INTERVAL if self.is_tty else LOG_INTERVAL, now=False)

    def item_scraped(self, item, spider) -> None:
        if not isinstance(item, FetchItem):
            return
        self.counts["documents" if item.purpose == "document" else "pages"] += 1
        self.counts["errors"] += item.outcome in ERROR_OUTCOMES
        self.counts["unchanged"] += item.cache_state is not None

    def request_reached_downloader(self, request, spider) -> None:
        """A request that goes to the network: the HTTP cache did not answer it."""
        self.network_requests[request.meta.get("download_slot", "")] += 1

    def spider_closed(self, spider, reason) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.show(final=True)
        if self.stats_path is not None:
            self.stats_path.write_text(
                json.dumps(self.figures(final=True), ensure_ascii=False, indent=1),
                encoding="utf-8",
            )

    def figures(self, final: bool = False) -> dict:
        states = getattr(self.crawler.spider, "state", {})
        done = len(states) if final else sum(1 for s in states.values() if s.in_flight == 0)
        return {
            "total": len(states),
            "done": done,
            "pages": self.counts["pages"],
            "documents": self.counts["documents"],
            "errors": self.counts["errors"],
            "unchanged": self.counts["unchanged"],
            "network_requests": sum(self.network_requests.values()),
            "network_requests_per_site": dict(self.network_requests),
            "seconds": round(time.monotonic() - self.started, 2),
        }

    def show(self, final: bool = False) -> None:
        line = PROGRESS_LINE.format(**self.figures(final))
        if self.is_tty:
            self.stream.write("\r" + line + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
