"""Scrapy settings: polite defaults; the workspace config overrides them (crawler/run.py)."""

BOT_NAME = "cmn-audit"
SPIDER_MODULES = ["crawler.spiders"]
# HTTP headers are ASCII: who crawls and why in English; crawler/run.py adds the centre's contact.
BOT_PURPOSE = "audit of school mentorship sections for a municipal education centre"
USER_AGENT = f"cmn-audit/0.1 (+{BOT_PURPOSE})"

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1  # slots are per site (host:port), see SchoolSiteSpider
# Many sites at once: hand the downloader requests of the least busy sites first, so a site
# with a long queue does not hold the places of the others (Scrapy's broad-crawl advice).
SCHEDULER_PRIORITY_QUEUE = "scrapy.pqueues.DownloaderAwarePriorityQueue"
DOWNLOAD_DELAY = 1.0
RANDOMIZE_DOWNLOAD_DELAY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 10.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 25 * 1024 * 1024
DOWNLOAD_WARNSIZE = 0
RETRY_TIMES = 1
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"

# Only web addresses are ever fetched (crawler/url_policy.py): Scrapy's handlers for `file:`,
# `data:`, `ftp:` and `s3:` are switched off, whatever a page, a sitemap or a redirect names.
DOWNLOAD_HANDLERS = {"file": None, "data": None, "ftp": None, "s3": None}

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.SiteSlotMiddleware": 40,
    "crawler.middlewares.PrivateAddressGuardMiddleware": 50,
    # Before DownloadTimeoutMiddleware (350): caps each download at the site's time left.
    "crawler.middlewares.SiteBudgetMiddleware": 60,
    # Below HttpCompressionMiddleware (590): the decoded body decides its charset.
    "crawler.middlewares.ContentCharsetMiddleware": 580,
    "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
    "crawler.http_cache.AuditCacheMiddleware": 900,
    # Above RedirectMiddleware (600), below the cache (900): archives every 3xx, error status
    # and cached/304-revalidated response with its full body (crawler/archive.py).
    "crawler.archive.WarcArchiveMiddleware": 800,
}
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,
    "crawler.throttle.AuditThrottle": 0,
    "crawler.progress.CrawlProgress": 500,
}
ITEM_PIPELINES = {
    "crawler.pipelines.EvidencePipeline": 100,
    "crawler.pipelines.StagingPipeline": 900,
}

# Conditional re-crawls (crawler/http_cache.py); enabled when a run names HTTPCACHE_DIR.
HTTPCACHE_ENABLED = False
HTTPCACHE_POLICY = "crawler.http_cache.AuditCachePolicy"
HTTPCACHE_EXPIRATION_SECS = 0  # the policy decides what is stale, not the storage
HTTPCACHE_GZIP = True

# Set per run by crawler/run.py.
CRAWL_EVIDENCE_DIR = None
CRAWL_STAGING_PATH = None
CRAWL_WARC_PATH = None  # every response of the run, archived (crawler/archive.py)
CRAWL_ALLOW_PRIVATE_ADDRESSES = False
CRAWL_TRUSTED_NETLOCS: list[str] = []
CRAWL_MAX_PAGES_PER_SITE = 150
CRAWL_SITE_BUDGET_SECONDS = 15 * 60.0  # wall time per site, from its first request
CRAWL_MENU_DEPTH = 2
# File-host id → base URL of a local stand-in (crawler/file_hosts.py); empty in production.
CRAWL_FILE_HOST_OVERRIDES: dict[str, str] = {}
CRAWL_TRUST_FILES_DAYS = 7.0
CRAWL_UNCHANGED_DELAY_SHARE = 0.25  # pause after a 304 answer, as a share of DOWNLOAD_DELAY
CRAWL_STATS_PATH = None  # the crawl's final counts (crawler/progress.py)
CRAWL_PROGRESS = True
