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
from crawler.file_hosts import HOST_UNRESOLVED, HostedLink, confirm_url, hosted_link
from crawler.http_cache import cache_state, reuse_meta
from crawler.items import (
    CandidateItem,
    DocumentItem,
    FetchItem,
    LinkItem,
    NewsItem,
    PartialCheckItem,
    SectionPageItem,
)
from crawler.middlewares import BlockedAddressError
from crawler.platforms import (
    card_download_url,
    document_extension,
    is_document_card,
    is_news_url,
)
from crawler.rendering import needs_rendering, render_meta
from crawler.site_search import SiteSearch, is_search_link, search_label, search_plan

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
    in_flight: int = 0  # requests sent whose callback or errback has not run yet
    home_url: str = ""
    remembered: bool = False  # section_url comes from the previous audit, not yet confirmed
    pending_menus: int = 0
    best: tuple[float, str, str] | None = None  # (score, url, text)
    section_url: str | None = None
    seen: set[str] = field(default_factory=set)
    searches: list[SiteSearch] = field(default_factory=list)  # the site's search, still to try

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
            state = OrgState(
                org["id"], {urlsplit(org["site_url"]).netloc.lower()}, home_url=org["site_url"]
            )
            self.state[org["id"]] = state
            for request in self._follow(state, org["site_url"], self.parse_home, "home"):
                yield request
            hint = org.get("section_hint") or org.get("previous_section")
            if hint:
                # The registry's hint, else where the last audit found the section: menus and
                # sitemap are skipped while it still answers and still reads as the section.
                state.section_url = hint
                state.remembered = not org.get("section_hint")
                state.netlocs.add(urlsplit(hint).netloc.lower())
                for request in self._section_request(state, hint, "", 0, True, ""):
                    yield request

    # ---- discovery -------------------------------------------------------------------------

    def parse_home(self, response: Response):
        state = self._state(response)
        state.netlocs.add(urlsplit(response.url).netloc.lower())
        yield from self._fetched(response, "home")
        if not self._is_html(response) or response.status >= 400:
            return
        links = self._site_links(state, response)
        state.searches = search_plan(response)
        yield from self._score_candidates(state, links, response.url)
        if state.section_url:
            return
        if state.has_section_candidate:
            yield from self._decide(state)
            return
        if needs_rendering(response, state.has_section_candidate, len(links)):
            if self.settings.getbool("CRAWL_RENDER_JS"):
                yield from self._render_request(state, response.url)
                return
            yield PartialCheckItem(state.org_id, response.url, "js_menu_no_browser")
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

    def _render_request(self, state: OrgState, url: str):
        """The home page once more, rendered by chromium: the same parse_home reads its DOM."""
        state.seen.discard(url.split("#", 1)[0])
        timeout = self.settings.getfloat("DOWNLOAD_TIMEOUT")
        return self._follow(
            state, url, self.parse_home, "home", errback=self.render_failed, **render_meta(timeout)
        )

    def render_failed(self, failure):
        state = self.state[failure.request.meta["org_id"]]
        yield from self.on_error(failure)
        yield PartialCheckItem(state.org_id, failure.request.url, "js_menu_render_failed")
        yield from self._sitemap_request(state, failure.request.url)

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
        elif not state.section_url:
            yield from self._search_next(state)

    def sitemap_failed(self, failure):
        state = self.state[failure.request.meta["org_id"]]
        yield from self.on_error(failure)
        if not state.section_url:
            yield from self._search_next(state)

    def _search_next(self, state: OrgState):
        """The next of the site's own searches, recorded among the candidates tried."""
        while state.searches:
            search = state.searches.pop(0)
            requests = list(
                self._follow(
                    state,
                    search.url,
                    self.parse_search,
                    "search",
                    errback=self.search_failed,
                    search=search,
                )
            )
            if requests:
                yield from requests
                return

    def _search_tried(self, state: OrgState, search: SiteSearch, outcome: str) -> CandidateItem:
        """A search asked, among the candidates a letter lists as tried."""
        text = search_label(search, outcome)
        return CandidateItem(state.org_id, search.url, text, 0.0, search.found_on, [outcome])

    def parse_search(self, response: Response):
        """A result page of the site's search: its links scored like menu entries."""
        state = self._state(response)
        yield from self._fetched(response, "search")
        outcome = "ok" if response.status < 400 else "http_error"
        yield self._search_tried(state, response.meta["search"], outcome)
        if self._is_html(response) and response.status < 400:
            links = self._site_links(state, response)
            results = [link for link in links if not is_search_link(link.url)]
            yield from self._score_candidates(state, results, response.url)
        if state.section_url:
            return
        if state.has_section_candidate:
            yield from self._decide(state)
        else:
            yield from self._search_next(state)

    def search_failed(self, failure):
        state = self.state[failure.request.meta["org_id"]]
        yield from self.on_error(failure)
        search = failure.request.meta["search"]
        yield self._search_tried(state, search, classify_failure(failure))
        if not state.section_url:
            yield from self._search_next(state)

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
        return self._follow(state, url, self.parse_sitemap, "sitemap", errback=self.sitemap_failed)

    def _decide(self, state: OrgState):
        _, url, text = state.best
        state.section_url = url
        yield from self._section_request(state, url, text, 0, True, "")

    def _rediscover(self, state: OrgState):
        """The remembered section is gone or is something else now: discover from the home."""
        state.section_url = None
        state.seen.discard(state.home_url)
        return self._follow(state, state.home_url, self.parse_home, "home")

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
            if response.meta["is_root"] and state.remembered:
                state.remembered = False
                yield from self._rediscover(state)
            return
        meta = response.meta
        title, text = html_main_text(response.body, encoding=response.encoding)
        if meta["is_root"] and state.remembered:
            state.remembered = False
            if score_link(response.url, title or "").value < SECTION_THRESHOLD:
                yield from self._rediscover(state)
                return
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
            hosted = self._hosted(url)
            is_doc = bool(document_extension(url)) or is_document_card(url) or bool(hosted)
            document_links += is_doc
            external = not self._same_site(state, url)
            yield LinkItem(state.org_id, response.url, url, link_text, external, is_doc)
            if hosted:
                yield from self._hosted_request(state, hosted, link_text, response.url)
            elif is_doc:
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
                reusable=True,
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
            reusable=True,
        )

    def _hosted(self, url: str) -> HostedLink | None:
        return hosted_link(url, self.settings.getdict("CRAWL_FILE_HOST_OVERRIDES"))

    def _hosted_request(self, state, link: HostedLink, link_text, found_on):
        """A file-host link: its API or download endpoint, the public link kept as identity."""
        first = link.request_url()
        if first is None:  # a folder: no single file to read
            if link.url not in state.seen:
                state.seen.add(link.url)
                yield DocumentItem(state.org_id, link.url, link_text, found_on, HOST_UNRESOLVED)
            return
        yield from self._follow(
            state,
            first,
            self.parse_host_api if link.host.method == "json" else self.parse_document,
            "document",
            link_text=link_text,
            found_on=found_on,
            document_url=link.url,
            errback=self.document_failed,
            maxsize=None if link.host.method == "direct" else HTML_PAGE_MAX_BYTES,
            reusable=True,
        )

    def parse_host_api(self, response: Response):
        """A file host's API answer naming the file: a dead public link (404) is a broken
        link, any other refusal means the host does not hand the file to a program."""
        state = self._state(response)
        yield from self._fetched(response, "document")
        meta = response.meta
        link = self._hosted(meta["document_url"])
        target = link.download_url(response.body) if link and response.status < 400 else None
        if target is None:
            outcome = "http_error" if response.status == 404 else HOST_UNRESOLVED
            yield self._failed_document(response.request, outcome, response.status)
            return
        yield from self._follow(
            state,
            target,
            self.parse_document,
            "document",
            link_text=meta["link_text"],
            found_on=meta["found_on"],
            document_url=meta["document_url"],
            errback=self.document_failed,
            maxsize=None,
            reusable=True,
        )

    def _hosted_page(self, state: OrgState, response: Response):
        """A file host answered a page instead of the file: follow its confirmation form
        once (Google Drive's large-file warning), else the host needs a browser."""
        meta = response.meta
        target = None if meta.get("confirmed") else confirm_url(response)
        if target is None:
            yield self._failed_document(response.request, HOST_UNRESOLVED, response.status)
            return
        yield from self._follow(
            state,
            target,
            self.parse_document,
            "document",
            link_text=meta["link_text"],
            found_on=meta["found_on"],
            document_url=meta["document_url"],
            confirmed=True,
            errback=self.document_failed,
            maxsize=None,
            reusable=True,
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
            reusable=True,
        )

    def parse_document(self, response: Response):
        state = self._state(response)
        yield from self._fetched(response, "document", keep_body=False)
        meta = response.meta
        if response.status >= 400:
            yield self._failed_document(response.request, "http_error", response.status)
            return
        if meta.get("document_url") and self._is_html(response):
            yield from self._hosted_page(state, response)
            return
        yield DocumentItem(
            state.org_id,
            meta.get("document_url") or response.url,
            meta["link_text"],
            meta["found_on"],
            "ok",
            response.status,
            self._content_type(response),
            self._disposition_extension(response)
            or document_extension(response.url)
            or document_extension(meta.get("document_url") or ""),
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
            reusable=date_text is not None,  # an item of a dated list; lists are revalidated
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
        reusable: bool = False,
        **meta,
    ) -> Iterator[scrapy.Request]:
        """One request per URL and organisation, within the page budget, polite per site.

        `reusable`: the URL is an item a page lists (a file, a news item) that a re-audit may
        take from the HTTP cache for a while; pages that list are always asked again.
        """
        key = url.split("#", 1)[0]
        limit = self.settings.getint("CRAWL_MAX_PAGES_PER_SITE")
        if key in state.seen or state.requests >= limit:
            return
        state.seen.add(key)
        state.requests += 1
        state.in_flight += 1
        request_meta = {
            "org_id": state.org_id,
            "purpose": purpose,
            "handle_httpstatus_list": HANDLED_ERROR_STATUSES,
            "download_slot": urlsplit(key).netloc.lower(),
            **meta,
        }
        if maxsize is not None:
            request_meta["download_maxsize"] = maxsize
        request_meta.update(reuse_meta(reusable, self.settings.getfloat("CRAWL_TRUST_FILES_DAYS")))
        yield scrapy.Request(
            key,
            callback=_settling(state, callback),
            errback=_settling(state, errback or self.on_error),
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
            cache_state=cache_state(response),
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


def _settling(state: OrgState, function):
    """`function`, first counting its request as settled (the progress display's sites done)."""

    def settle(outcome):
        state.in_flight -= 1
        return function(outcome)

    return settle


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
