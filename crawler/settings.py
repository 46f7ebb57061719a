"""Scrapy settings: polite defaults; the workspace config overrides them (crawler/run.py)."""

BOT_NAME = "cmn-audit"
SPIDER_MODULES = ["crawler.spiders"]
USER_AGENT = "cmn-audit/0.1 (+проверка раздела «Наставничество» по поручению методического центра)"

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1  # slots are per site (host:port), see SchoolSiteSpider
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

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.PrivateAddressGuardMiddleware": 50,
}
ITEM_PIPELINES = {
    "crawler.pipelines.EvidencePipeline": 100,
    "crawler.pipelines.StagingPipeline": 900,
}

# Set per run by crawler/run.py.
CRAWL_EVIDENCE_DIR = None
CRAWL_STAGING_PATH = None
CRAWL_WARC_PATH = None  # every response of the run, archived (crawler/archive.py)
CRAWL_ALLOW_PRIVATE_ADDRESSES = False
CRAWL_TRUSTED_NETLOCS: list[str] = []
CRAWL_MAX_PAGES_PER_SITE = 150
CRAWL_MENU_DEPTH = 2
