"""Several machines on one run: document reading through a Redis-backed job queue (Dramatiq)
and the crawl's sites shared through scrapy-redis; docs/scale.md tells how and why."""
