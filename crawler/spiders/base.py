"""What every step of the crawl shares: per-school state, polite requests, fetch records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    NotSupported,
    ResponseDataLossError,
)
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectError,
    ConnectionLost,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)

from crawler.discovery import SECTION_THRESHOLD
from crawler.http_cache import cache_state, reuse_meta
from crawler.items import DocumentItem, FetchItem, PartialCheckItem
from crawler.middlewares import BlockedAddressError, NotWebAddressError, SiteBudgetExceeded
from crawler.platforms import document_extension
from crawler.site_search import SiteSearch
from crawler.url_policy import is_web_url, join_url

# fetch outcome of a link that is no web address (`file:`, `C:\…`, `javascript:`): a finding
# about the link, which no visitor can open either.
BAD_LINK = "bad_link"
# fetch outcome, and PartialCheckItem reason, of what the site's time budget left unfetched.
TIME_BUDGET = "time_budget"
# Error statuses reach the callbacks (they are findings); 3xx stay with RedirectMiddleware.
HANDLED_ERROR_STATUSES = list(range(400, 600))
HTML_PAGE_MAX_BYTES = 5 * 1024 * 1024


def read_as(purpose: str, key: str) -> str:
    """The mark of an address read for a purpose that may read it again (OrgState.seen)."""
    return f"{purpose} {key}"


# Requests whose loss leaves the section's content or the site's news unread when the page
# budget runs out (menus and sitemaps only help to find them).
BUDGETED_PURPOSES = frozenset({"section", "document", "linked", "news"})


@dataclass
class OrgState:
    """What the spider knows about one organisation while crawling it."""

    org_id: str
    netlocs: set[str]
    requests: int = 0
    in_flight: int = 0  # requests sent whose callback or errback has not run yet
    home_url: str = ""
    remembered: bool = False  # section_url comes from the previous audit, not yet confirmed
    pending_menus: int = 0
    document_lists: int = 0  # the site's lists of acts opened from its menu pages
    best: tuple[float, str, str] | None = None  # (score, url, text)
    strong: dict[str, tuple[float, str, str]] = field(default_factory=dict)  # section-strong
    section_url: str | None = None
    # Pages named after mentorship that tell of something else (a volunteer squad): never the
    # section again in this crawl.
    rejected: set[str] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)
    searches: list[SiteSearch] = field(default_factory=list)  # the site's search, still to try
    navigation: set[str] = field(default_factory=set)  # links the home page shows (site menus)
    linked_pages: int = 0  # pages outside the section's path read for its documents
    news_lists: int = 0  # pages of the site's news lists and feeds read that showed news
    empty_news_lists: int = 0  # pages of its lists with no news (a calendar's quiet months)
    news_hosts: set[str] = field(default_factory=set)  # the school's news kept on another host
    # A site of its own the section sends to for its materials («все материалы размещены на
    # сайте проекта»): every page of that host is the section's.
    section_hosts: set[str] = field(default_factory=set)
    # Mentorship files the pages read link to (url → (link text, page)): read when the site
    # has no section, for a school that lists its положение among all its local acts.
    loose_documents: dict[str, tuple[str, str]] = field(default_factory=dict)
    hinted: bool = False  # section_url is a hint whose page is still to be read
    out_of_time: bool = False  # the site's time budget ran out (SiteBudgetMiddleware)
    out_of_pages: bool = False  # its page budget ran out before a page it needed was asked

    @property
    def has_section_candidate(self) -> bool:
        return self.best is not None and self.best[0] >= SECTION_THRESHOLD


class CrawlSteps:
    """Plumbing the discovery and section steps share; mixed into SchoolSiteSpider."""

    settings: scrapy.settings.Settings
    state: dict[str, OrgState]

    def _follow(
        self,
        state: OrgState,
        url: str,
        callback,
        purpose: str,
        *,
        errback=None,
        maxsize: int | None = HTML_PAGE_MAX_BYTES,
        reusable: bool = False,
        **meta,
    ) -> Iterator[scrapy.Request]:
        """One request per URL and organisation, within the page budget, polite per site.

        `reusable`: the URL is an item a page lists (a file, a news item) that a re-audit may
        take from the HTTP cache for a while; pages that list are always asked again.
        """
        base, _, fragment = url.partition("#")
        # A section that is one block of a page (`/#nastavnichestvo`) keeps its fragment.
        key = url if meta.get("is_root") and fragment else base
        form = meta.pop("form", None)  # fields a page's download form posts
        priority = meta.pop("priority", 0)  # an archive's newer periods are read first
        limit = self.settings.getint("CRAWL_MAX_PAGES_PER_SITE")
        # The purpose decides the parsing: the section's root is read as the section even when
        # a news list fetched its address (a menu link taken for a dated item), and a sitemap
        # read for news is read again for the section if discovery needs it.
        if meta.get("is_root"):
            seen_key = read_as("section", key)
            marks = {seen_key, key}
        elif meta.get("sitemap_news"):
            seen_key = read_as("news", key)
            marks = {seen_key}
        elif meta.get("outside"):
            # A page the section names as its document is read as one, though a menu or a
            # news list read it already — but not once more when it was read as a page of
            # the section itself (a second branch's «Наставничество»).
            if read_as("section", key) in state.seen:
                return
            seen_key = read_as("linked", key)
            marks = {seen_key, key}
        elif form is not None:
            # Every file a form hands over is posted to the same address: its fields tell them
            # apart.
            seen_key = f"{key}#post={urlencode(sorted(form.items()))}"
            marks = {seen_key}
        else:
            seen_key, marks = key, {key}
            if purpose == "section":
                marks.add(read_as("section", key))
        if seen_key in state.seen:
            return
        if state.requests >= limit:
            if purpose in BUDGETED_PURPOSES and not state.out_of_pages:
                # A page of the section, a document or a news item left unasked: the site is
                # checked in part, and nothing may fail on what was never read.
                state.out_of_pages = True
                yield PartialCheckItem(state.org_id, key, "page_budget")
            return
        state.seen.update(marks)
        if not is_web_url(key):
            # Never requested (crawler/url_policy.py); the rest of the page is read as usual.
            yield from self._bad_link(state, key, purpose, meta)
            return
        state.requests += 1
        state.in_flight += 1
        request_meta = {
            "org_id": state.org_id,
            "purpose": purpose,
            "handle_httpstatus_list": HANDLED_ERROR_STATUSES,
            "download_slot": urlsplit(key).netloc.lower(),  # one polite slot per site
            **meta,
        }
        if maxsize is not None:
            request_meta["download_maxsize"] = maxsize
        request_meta.update(reuse_meta(reusable, self.settings.getfloat("CRAWL_TRUST_FILES_DAYS")))
        # Callbacks are named, not wrapped: a request stays serializable for a shared
        # scheduler (scrapy-redis), which stores a callback as the spider method's name.
        request_meta["step"] = callback.__name__
        request_meta["failure_step"] = (errback or self.on_error).__name__
        request = {
            "callback": self.settled,
            "errback": self.settled_failure,
            "meta": request_meta,
            "dont_filter": True,
            "priority": priority,
        }
        if form is not None:
            yield scrapy.FormRequest(key, formdata=form, **request)
        else:
            yield scrapy.Request(key, **request)

    def _fetched(self, response: Response, purpose: str, keep_body: bool = True):
        """A FetchItem for the response and for each redirect hop before it."""
        state = self._state(response)
        referer = response.request.headers.get("Referer")
        for hop in response.meta.get("redirect_urls", []):
            yield FetchItem(state.org_id, hop, "ok", purpose, http_status=301, fetched_at=_now())
        yield FetchItem(
            state.org_id,
            response.url,
            "ok" if response.status < 400 else "http_error",
            purpose,
            http_status=response.status,
            content_type=self._content_type(response),
            size=len(response.body),
            referer=referer.decode("latin-1") if referer else None,
            fetched_at=_now(),
            cache_state=cache_state(response),
            body=response.body if keep_body else None,
        )

    def _bad_link(self, state: OrgState, url: str, purpose: str, meta: dict):
        """A link that is no web address, recorded as such (a document link as a document)."""
        yield FetchItem(state.org_id, url, BAD_LINK, purpose, fetched_at=_now())
        if purpose == "document":
            yield DocumentItem(
                state.org_id,
                meta.get("document_url") or url,
                meta.get("link_text", ""),
                meta.get("found_on", ""),
                BAD_LINK,
                file_ext=document_extension(url),
            )

    def on_error(self, failure):
        request = failure.request
        outcome = classify_failure(failure)
        yield FetchItem(
            request.meta["org_id"],
            request.url,
            outcome,
            request.meta.get("purpose", "other"),
            fetched_at=_now(),
        )
        state = self.state[request.meta["org_id"]]
        if outcome == TIME_BUDGET and not state.out_of_time:
            state.out_of_time = True  # the site is checked in part: whatever is left unread
            yield PartialCheckItem(state.org_id, request.url, TIME_BUDGET)

    def _failed_document(self, request, outcome: str, status: int | None) -> DocumentItem:
        url = request.meta.get("document_url") or request.url  # a file host's public link
        return DocumentItem(
            request.meta["org_id"],
            url,
            request.meta.get("link_text", ""),
            request.meta.get("found_on", ""),
            outcome,
            status,
            file_ext=document_extension(url),
        )

    def settled(self, response: Response):
        """The request's own step (`step`), its request first counted as settled (the progress
        display's sites done)."""
        self.state[response.meta["org_id"]].in_flight -= 1
        return getattr(self, response.meta["step"])(response)

    def settled_failure(self, failure):
        """The request's own error step (`failure_step`), its request counted as settled."""
        meta = failure.request.meta
        self.state[meta["org_id"]].in_flight -= 1
        return getattr(self, meta["failure_step"])(failure)

    def _state(self, response: Response) -> OrgState:
        return self.state[response.meta["org_id"]]

    def _same_site(self, state: OrgState, url: str) -> bool:
        return urlsplit(url).netloc.lower() in state.netlocs

    def _news_site(self, state: OrgState, url: str) -> bool:
        """The site itself, or the host its own menu names as its news («Новости» → a media
        centre's site)."""
        return self._same_site(state, url) or urlsplit(url).netloc.lower() in state.news_hosts

    @staticmethod
    def _is_html(response: Response) -> bool:
        return isinstance(response, TextResponse) and b"html" in (
            response.headers.get("Content-Type", b"text/html").lower()
        )

    @staticmethod
    def _content_type(response: Response) -> str | None:
        value = response.headers.get("Content-Type")
        # The full header: its charset matters when the bytes are extracted later.
        return value.decode("latin-1").strip().lower() if value else None


def classify_failure(failure) -> str:
    """Map a download failure to the fixed outcome vocabulary of `fetches.outcome`."""
    if failure.check(BlockedAddressError):
        return "blocked_private"
    if failure.check(SiteBudgetExceeded):
        return TIME_BUDGET
    if failure.check(NotWebAddressError, NotSupported) or _redirects_off_the_web(failure):
        return BAD_LINK
    if failure.check(DownloadTimeoutError, TimeoutError, TCPTimedOutError):
        return "timeout"
    if failure.check(CannotResolveHostError, DNSLookupError):
        return "dns_error"
    if failure.check(
        DownloadConnectionRefusedError,
        DownloadFailedError,
        ResponseDataLossError,
        ConnectError,
        ConnectionLost,
    ):
        return "connection_error"
    if failure.check(DownloadCancelledError):
        return "too_large"
    message = str(failure.value).lower()
    if "robots.txt" in message:
        return "robots"
    if "maxsize" in message or "cancel" in message:
        return "too_large"
    return "error"


def _redirects_off_the_web(failure) -> bool:
    """A redirect to `file:` or another non-web address: Scrapy does not follow it and the
    3xx answer arrives as an HTTP error; the link, like its target, opens nothing."""
    if not failure.check(HttpError):
        return False
    response = failure.value.response
    location = response.headers.get("Location")
    if not (300 <= response.status < 400 and location):
        return False
    target = join_url(response.url, location.decode("latin-1"))
    return target is None or not is_web_url(target)


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
