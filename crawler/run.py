"""Run one crawl in its own process: `python -m crawler.run JOB.json` (Twisted cannot restart)."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler import settings as default_settings
from crawler.chromium import chromium_path
from crawler.file_hosts import stand_in_overrides
from crawler.lifetime import INTERRUPTED_EXIT, die_with_parent
from crawler.redis_frontier import redis_settings
from crawler.rendering import rendering_settings
from crawler.spiders.school_site import SchoolSiteSpider


def user_agent(contact: str) -> str:
    """The honest User-Agent: who crawls, why, and how to reach the centre (ASCII only)."""
    contact = contact.strip().encode("ascii", "ignore").decode()
    details = (
        f"{default_settings.BOT_PURPOSE}; contact: {contact}"
        if contact
        else (default_settings.BOT_PURPOSE)
    )
    return f"{default_settings.BOT_NAME}/0.1 (+{details})"


def _absolute(path: str | None) -> str | None:
    return str(Path(path).resolve()) if path else None


def crawl_settings(job: dict) -> Settings:
    """Scrapy settings for a job: project defaults, then the workspace's crawl config."""
    crawl = job["crawl"]
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    delay = float(crawl["download_delay"])
    settings.setdict(
        {
            "USER_AGENT": user_agent(crawl["contact"]),
            "ROBOTSTXT_OBEY": bool(crawl["obey_robots"]),
            "CONCURRENT_REQUESTS": max(1, int(crawl["concurrent_sites"])),
            "DOWNLOAD_DELAY": delay,
            "AUTOTHROTTLE_START_DELAY": max(delay, 0.01),
            "AUTOTHROTTLE_ENABLED": delay > 0,
            "DOWNLOAD_TIMEOUT": int(crawl["timeout_seconds"]),
            "DOWNLOAD_MAXSIZE": int(crawl["max_document_mb"]) * 1024 * 1024,
            "CRAWL_MAX_PAGES_PER_SITE": int(crawl["max_pages_per_site"]),
            "CRAWL_SITE_BUDGET_SECONDS": 60 * float(crawl.get("max_minutes_per_site", 15.0)),
            "CRAWL_ALLOW_PRIVATE_ADDRESSES": bool(crawl["allow_private_addresses"]),
            "CRAWL_TRUSTED_NETLOCS": sorted(job["trusted_netlocs"]),
            "CRAWL_EVIDENCE_DIR": job["evidence_dir"],
            "CRAWL_STAGING_PATH": job["staging_path"],
            "CRAWL_WARC_PATH": job.get("warc_path"),
            # Scrapy places a relative HTTPCACHE_DIR under ./.scrapy/, outside the workspace.
            "HTTPCACHE_DIR": _absolute(job.get("http_cache_dir")),
            "HTTPCACHE_ENABLED": bool(job.get("http_cache_dir")),
            "CRAWL_STATS_PATH": job.get("stats_path"),
            "CRAWL_TRUST_FILES_DAYS": float(crawl.get("trust_files_days", 7.0)),
            # A job a worker crawls for a run elsewhere names the run's stand-ins itself.
            "CRAWL_FILE_HOST_OVERRIDES": job.get("file_host_overrides") or stand_in_overrides(),
            "LOG_FILE": job.get("log_path"),
            "LOG_LEVEL": job.get("log_level", "INFO"),
        },
        priority="cmdline",
    )
    if job.get("redis"):  # one site of a run on several machines (crawler/redis_frontier.py)
        settings.setdict(redis_settings(job["redis"]), priority="cmdline")
    if executable := chromium_path():  # without a browser, menus built by scripts stay unseen
        rendering = rendering_settings(
            executable, float(crawl["timeout_seconds"]), sorted(job["trusted_netlocs"])
        )
        settings.setdict(rendering, priority="cmdline")
    return settings


def run_job(job: dict) -> bool:
    """Crawl the job's organisations; whether the crawl finished (not stopped by a signal)."""
    process = CrawlerProcess(crawl_settings(job))
    crawler = process.create_crawler(SchoolSiteSpider)
    process.crawl(crawler, orgs=job["orgs"])
    process.start()
    return crawler.stats.get_value("finish_reason") == "finished"


def main(argv: list[str]) -> int:
    """Exit 0 when the crawl finished, INTERRUPTED_EXIT when SIGTERM or SIGINT stopped it
    (Scrapy then closes gracefully, which must not read as a finished crawl)."""
    die_with_parent(signal.SIGTERM)  # `cmn-audit` killed, even by SIGKILL: stop too
    job = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    return 0 if run_job(job) else INTERRUPTED_EXIT


if __name__ == "__main__":
    sys.exit(main(sys.argv))
