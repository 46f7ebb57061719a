"""A crawl whose frontier and output live in Redis (scrapy-redis), for a run on several machines.

The crawl child of `cmn-audit worker` crawls one site per job. Its requests wait in Redis in
scrapy-redis's scheduler queue and pass its dupefilter, under the job's own key prefix; its
items go to a Redis list (scrapy-redis's RedisPipeline) and the bodies they carry to Redis by
SHA-256, where the run that started the job collects them. The spider's per-site state
(discovery of the section, budgets) stays in the process crawling the site, which is why a
site, not a request, is the unit handed to a machine (docs/scale.md).
"""

from __future__ import annotations

import hashlib

from scrapy_redis import connection
from scrapy_redis.pipelines import RedisPipeline

from crawler.pipelines import staging_line

BODY_TTL_SECONDS = 24 * 3600


def redis_settings(redis: dict) -> dict:
    """Scrapy settings of a crawl job sharing Redis: `redis` has the server's `url`, the job's
    key `prefix` and where bodies go (`bytes_key` + SHA-256)."""
    prefix = redis["prefix"]
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
        "SCHEDULER_PERSIST": False,
        "REDIS_URL": redis["url"],
        "REDIS_ITEMS_KEY": f"{prefix}:items",
        "REDIS_ITEMS_SERIALIZER": "crawler.pipelines.staging_line",
        "CRAWL_REDIS_BYTES_KEY": redis["bytes_key"],
        "ITEM_PIPELINES": {
            "crawler.redis_frontier.RedisEvidencePipeline": 100,
            "crawler.redis_frontier.RedisStagingPipeline": 900,
        },
    }


class RedisEvidencePipeline:
    """Puts each body an item carries into Redis under its SHA-256 and drops it from the item."""

    def __init__(self, server, bytes_key: str) -> None:
        self.server = server
        self.bytes_key = bytes_key

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(connection.from_settings(settings), settings["CRAWL_REDIS_BYTES_KEY"])

    def process_item(self, item):
        body = getattr(item, "body", None)
        if body is not None:
            item.sha256 = hashlib.sha256(body).hexdigest()
            self.server.set(self.bytes_key + item.sha256, body, ex=BODY_TTL_SECONDS)
            item.body = None
        return item


class RedisStagingPipeline(RedisPipeline):
    """scrapy-redis's item list, written as the staging file's lines, in the crawl's order."""

    def process_item(self, item):
        self.server.rpush(self.key, staging_line(item))
        return item
