"""SchoolSiteSpider: home page → mentorship section → its pages, documents and news."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    ResponseDataLossError,
)
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from twisted.internet.error import (
    ConnectError,
    ConnectionLost,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)

from crawler.discovery import SECTION_THRESHOLD, is_parent_candidate, score_link
from crawler.extract import html_main_text
from crawler.items import (
    CandidateItem,
    DocumentItem,
    FetchItem,
    LinkItem,
    NewsItem,
    SectionPageItem,
)
from crawler.middlewares import BlockedAddressError
from crawler.platforms import (
    card_download_url,
    document_extension,
    is_document_card,
    is_news_url,
)

CONTENT_LINKS = (
    "//a[@href][not(ancestor::nav) and not(ancestor::header) and not(ancestor::footer)"
    " and not(ancestor::aside)"
    " and not(ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' menu ')])]"
)
DATE_IN_TEXT = re.compile(
    r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}\s+(?:январ|феврал|март|апрел|ма[яй]|июн|июл|"
    r"август|сентябр|октябр|ноябр|декабр)\w*\s+\d{4}",
    re.I,
)
# «Следующая», «Далее», «»», page numbers, ?page=2, /page/2/, Bitrix PAGEN_1=2.
PAGINATION_TEXT = re.compile(r"^(?:\d{1,3}|следующая|далее|вперёд|вперед|ещё|»|›|>>|→)$", re.I)
PAGINATION_URL = re.compile(r"[?&](?:page|p|start|PAGEN_\d+)=\d+|/page/\d+/?$", re.I)
NEWS_LIST_MIN_ITEMS = 3
# Error statuses reach the callbacks (they are findings); 3xx stay with RedirectMiddleware.
HANDLED_ERROR_STATUSES = list(range(400, 600))
MAX_MENU_PAGES = 20
MAX_SECTION_DEPTH = 2
HTML_PAGE_MAX_BYTES = 5 * 1024 * 1024
INLINE_DOCUMENT_MIN_CHARS = 300


@dataclass
class OrgState:
    """What the spider knows about one organisation while crawling it."""

    org_id: str
    netlocs: set[str]
    requests: int = 0
    pending_menus: int = 0
    best: tuple[float, str, str] | None = None  # (score, url, text)
    section_url: str | None = None
    seen: set[str] = field(default_factory=set)

    @property
    def has_section_candidate(self) -> bool:
        return self.best is not None and self.best[0] >= SECTION_THRESHOLD


class SchoolSiteSpider(scrapy.Spider):
    name = "school_site"

    def __init__(self, orgs: list[dict], **kwargs) -> None:
        super().__init__(**kwargs)
        self.orgs = orgs
        self.state: dict[str, OrgState] = {}
        self.link_extractor = LinkExtractor(deny_extensions=[], unique=True, strip=True)

    async def start(self):
        for org in self.orgs:
            state = OrgState(org["id"], {urlsplit(org["site_url"]).netloc.lower()})
            self.state[org["id"]] = state
            for request in self._follow(state, org["site_url"], self.parse_home, "home"):
                yield request
            if org.get("section_hint"):
                state.section_url = org["section_hint"]
                state.netlocs.add(urlsplit(org["section_hint"]).netloc.lower())
                for request in self._section_request(state, org["section_hint"], "", 0, True, ""):
                    yield request

    # ---- discovery -------------------------------------------------------------------------

    def parse_home(self, response: Response):
        state = self._state(response)
        state.netlocs.add(urlsplit(response.url).netloc.lower())
        yield from self._fetched(response, "home")
        if not self._is_html(response) or response.status >= 400:
            return
        links = self._site_links(state, response)
        yield from self._score_candidates(state, links, response.url)
        if state.section_url:
            return
        if state.has_section_candidate:
            yield from self._decide(state)
            return
        menus = self._menu_links(links, response)
        if not menus:
            yield from self._sitemap_request(state, response.url)
            return
        for url in menus:
            for request in self._follow(
                state, url, self.parse_menu, "menu", errback=self.menu_failed
            ):
                state.pending_menus += 1
                yield request
        if not state.pending_menus:
            yield from self._sitemap_request(state, response.url)

    def parse_menu(self, response: Response):
        state = self._state(response)
        yield from self._fetched(response, "menu")
        if self._is_html(response) and response.status < 400:
            links = self._site_links(state, response)
            yield from self._score_candidates(state, links, response.url)
        yield from self._menu_done(state, response.url)

    def menu_failed(self, failure):
        state = self.state[failure.request.meta["org_id"]]
        yield from self.on_error(failure)
        yield from self._menu_done(state, failure.request.url)

    def parse_sitemap(self, response: Response):
        state = self._state(response)
        yield from self._fetched(response, "sitemap")
        if response.status < 400:
            for url in re.findall(rb"<loc>\s*([^<\s]+)\s*</loc>", response.body)[:5000]:
                yield from self._candidate(state, url.decode("utf-8", "replace"), "", response.url)
        if not state.section_url and state.has_section_candidate:
            yield from self._decide(state)

    def _menu_done(self, state: OrgState, url: str):
        state.pending_menus -= 1
        if state.pending_menus > 0 or state.section_url:
            return
        if state.has_section_candidate:
            yield from self._decide(state)
        else:
            yield from self._sitemap_request(state, url)

    def _site_links(self, state: OrgState, response: TextResponse) -> list:
        """The page's links to other pages of the same site (documents left out)."""
        return [
            link
            for link in self.link_extractor.extract_links(response)
            if self._same_site(state, link.url) and not document_extension(link.url)
        ]

    def _score_candidates(self, state: OrgState, links: list, found_on: str):
        for link in links:
            yield from self._candidate(state, link.url, link.text, found_on)

    def _candidate(self, state: OrgState, url: str, text: str, found_on: str):
        score = score_link(url, text)
        if score.value <= 0:
            return
        if state.best is None or score.value > state.best[0]:
            state.best = (score.value, url, text)
        yield CandidateItem(state.org_id, url, text, score.value, found_on, list(score.reasons))

    def _menu_links(self, links: list, response: TextResponse) -> list[str]:
        """Menu entries to open when the home page shows no section: likely parents first."""
        parents = [link.url for link in links if is_parent_candidate(link.url, link.text)]
        menu_urls = {
            urljoin(response.url, href)
            for href in response.xpath(
                "//nav//a/@href | //header//a/@href"
                " | //*[contains(concat(' ', normalize-space(@class), ' '), ' menu ')]//a/@href"
            ).getall()
        }
        others = [link.url for link in links if link.url in menu_urls and link.url not in parents]
        return list(dict.fromkeys(parents + others))[:MAX_MENU_PAGES]

    def _sitemap_request(self, state: OrgState, any_url: str):
        parts = urlsplit(any_url)
        url = f"{parts.scheme}://{parts.netloc}/sitemap.xml"
        return self._follow(state, url, self.parse_sitemap, "sitemap")

    def _decide(self, state: OrgState):
        _, url, text = state.best
        state.section_url = url
        yield from self._section_request(state, url, text, 0, True, "")

    # ---- the section -----------------------------------------------------------------------

    def _section_request(self, state, url, text, depth, is_root, found_on):
        return self._follow(
            state,
            url,
            self.parse_section,
            "section",
            depth=depth,
            is_root=is_root,
            link_text=text,
            found_on=found_on,
        )

    def parse_section(self, response: Response):
        state = self._state(response)
        yield from self._fetched(response, "section")
        if response.status >= 400 or not self._is_html(response):
            return
        meta = response.meta
        title, text = html_main_text(response.body, encoding=response.encoding)
        yield SectionPageItem(
            state.org_id, response.url, title, text, meta["is_root"], body=response.body
        )
        root_path = urlsplit(state.section_url or response.url).path.rstrip("/")
        document_links = 0
        for anchor in response.xpath(CONTENT_LINKS):
            href = anchor.attrib.get("href", "").strip()
            if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
                continue
            url = response.urljoin(href)
            link_text = _anchor_text(anchor)
            is_doc = bool(document_extension(url)) or is_document_card(url)
            document_links += is_doc
            external = not self._same_site(state, url)
            yield LinkItem(state.org_id, response.url, url, link_text, external, is_doc)
            if is_doc:
                yield from self._document_request(state, url, link_text, response.url)
            elif external:
                continue
            elif (block := self._dated_block(anchor)) or is_news_url(url):
                yield from self._news_request(state, url, response.url, block, link_text)
            elif meta["depth"] < MAX_SECTION_DEPTH and self._within_section(url, root_path):
                yield from self._section_request(
                    state, url, link_text, meta["depth"] + 1, False, response.url
                )
        if not meta["is_root"] and not document_links and len(text) >= INLINE_DOCUMENT_MIN_CHARS:
            yield DocumentItem(
                state.org_id,
                response.url,
                meta.get("link_text") or title or "",
                meta.get("found_on") or "",
                "ok",
                response.status,
                self._content_type(response),
                "html",
                len(response.body),
                body=response.body,
            )

    def _document_request(self, state, url, link_text, found_on):
        if is_document_card(url):
            return self._follow(
                state,
                url,
                self.parse_document_card,
                "document",
                link_text=link_text,
                found_on=found_on,
                errback=self.document_failed,
            )
        return self._follow(
            state,
            url,
            self.parse_document,
            "document",
            link_text=link_text,
            found_on=found_on,
            errback=self.document_failed,
            maxsize=None,
        )

    def parse_document_card(self, response: Response):
        state = self._state(response)
        yield from self._fetched(response, "document")
        download = card_download_url(response)
        meta = response.meta
        if response.status >= 400 or download is None:
            yield self._failed_document(response.request, "http_error", response.status)
            return
        title = meta["link_text"] or (html_main_text(response.body)[0] or "")
        yield from self._follow(
            state,
            download,
            self.parse_document,
            "document",
            link_text=title,
            found_on=meta["found_on"],
            errback=self.document_failed,
            maxsize=None,
        )

    def parse_document(self, response: Response):
        state = self._state(response)
        yield from self._fetched(response, "document", keep_body=False)
        meta = response.meta
        if response.status >= 400:
            yield self._failed_document(response.request, "http_error", response.status)
            return
        yield DocumentItem(
            state.org_id,
            response.url,
            meta["link_text"],
            meta["found_on"],
            "ok",
            response.status,
            self._content_type(response),
            self._disposition_extension(response) or document_extension(response.url),
            len(response.body),
            body=response.body,
        )

    def document_failed(self, failure):
        yield from self.on_error(failure)
        outcome = classify_failure(failure)
        yield self._failed_document(failure.request, outcome, None)

    def parse_news(self, response: Response):
        state = self._state(response)
        yield from self._fetched(response, "news")
        if response.status >= 400 or not self._is_html(response):
            return
        meta = response.meta
        dated, pages = self._news_list_links(state, response)
        if len(dated) >= NEWS_LIST_MIN_ITEMS:
            # A news list (or one of its pages): its items and further pages, not an item.
            for url, link_text, date_text in dated:
                yield from self._news_request(state, url, response.url, date_text, link_text)
            for url in pages:
                yield from self._news_request(state, url, response.url, None, "")
            return
        title, text = html_main_text(response.body, encoding=response.encoding)
        yield NewsItem(
            state.org_id,
            response.url,
            title or meta["link_text"],
            meta.get("date_text"),
            text,
            meta["found_on"],
        )

    def _news_request(self, state, url, found_on, date_text, link_text):
        return self._follow(
            state,
            url,
            self.parse_news,
            "news",
            found_on=found_on,
            date_text=date_text,
            link_text=link_text,
        )

    def _news_list_links(self, state: OrgState, response: TextResponse):
        """Dated item links and pagination links of a news list page."""
        dated, pages = [], []
        for anchor in response.xpath(CONTENT_LINKS):
            url = response.urljoin(anchor.attrib["href"].strip())
            if not self._same_site(state, url) or document_extension(url):
                continue
            link_text = _anchor_text(anchor)
            if PAGINATION_TEXT.match(link_text) or PAGINATION_URL.search(url):
                pages.append(url)
            elif date_text := self._dated_block(anchor):
                dated.append((url, link_text, date_text))
        return dated, pages

    # ---- plumbing --------------------------------------------------------------------------

    def _follow(
        self,
        state: OrgState,
        url: str,
        callback,
        purpose: str,
        *,
        errback=None,
        maxsize: int | None = HTML_PAGE_MAX_BYTES,
        **meta,
    ) -> Iterator[scrapy.Request]:
        """One request per URL and organisation, within the page budget, polite per site."""
        key = url.split("#", 1)[0]
        limit = self.settings.getint("CRAWL_MAX_PAGES_PER_SITE")
        if key in state.seen or state.requests >= limit:
            return
        state.seen.add(key)
        state.requests += 1
        request_meta = {
            "org_id": state.org_id,
            "purpose": purpose,
            "handle_httpstatus_list": HANDLED_ERROR_STATUSES,
            "download_slot": urlsplit(key).netloc.lower(),
            **meta,
        }
        if maxsize is not None:
            request_meta["download_maxsize"] = maxsize
        yield scrapy.Request(
            key,
            callback=callback,
            errback=errback or self.on_error,
            meta=request_meta,
            dont_filter=True,
        )

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
            body=response.body if keep_body else None,
        )

    def on_error(self, failure):
        request = failure.request
        yield FetchItem(
            request.meta["org_id"],
            request.url,
            classify_failure(failure),
            request.meta.get("purpose", "other"),
            fetched_at=_now(),
        )

    def _failed_document(self, request, outcome: str, status: int | None) -> DocumentItem:
        return DocumentItem(
            request.meta["org_id"],
            request.url,
            request.meta.get("link_text", ""),
            request.meta.get("found_on", ""),
            outcome,
            status,
            file_ext=document_extension(request.url),
        )

    def _state(self, response: Response) -> OrgState:
        return self.state[response.meta["org_id"]]

    def _same_site(self, state: OrgState, url: str) -> bool:
        return urlsplit(url).netloc.lower() in state.netlocs

    @staticmethod
    def _within_section(url: str, root_path: str) -> bool:
        path = urlsplit(url).path
        return len(root_path) > 1 and not root_path.endswith(".php") and path.startswith(root_path)

    @staticmethod
    def _dated_block(anchor) -> str | None:
        """The date printed next to a link in a news list, if any."""
        nearest_block = "ancestor::*[self::li or self::div or self::p or self::tr][1]//text()"
        block = " ".join(anchor.xpath(nearest_block).getall())
        match = DATE_IN_TEXT.search(block)
        return match.group(0) if match else None

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

    @staticmethod
    def _disposition_extension(response: Response) -> str | None:
        value = response.headers.get("Content-Disposition", b"").decode("latin-1")
        match = re.search(r"filename\*?=(?:UTF-8'')?\"?([^\";]+)", value, re.I)
        return document_extension("/" + match.group(1)) if match else None


def _anchor_text(anchor) -> str:
    """A link's visible text with whitespace collapsed."""
    return " ".join(" ".join(anchor.xpath(".//text()").getall()).split())


def classify_failure(failure) -> str:
    """Map a download failure to the fixed outcome vocabulary of `fetches.outcome`."""
    if failure.check(BlockedAddressError):
        return "blocked_private"
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


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
