"""Inside the section: its sub-pages, document links (cards, file hosts), news lists."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from scrapy.http import Response, TextResponse

from crawler.discovery import SECTION_THRESHOLD, score_link
from crawler.extract import html_main_text
from crawler.file_hosts import HOST_UNRESOLVED, HostedLink, confirm_url, hosted_link
from crawler.items import DocumentItem, LinkItem, NewsItem, SectionPageItem
from crawler.platforms import (
    card_download_url,
    document_extension,
    is_document_card,
    is_news_url,
)
from crawler.spiders.base import HTML_PAGE_MAX_BYTES, CrawlSteps, OrgState, classify_failure

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
MAX_SECTION_DEPTH = 2
INLINE_DOCUMENT_MIN_CHARS = 300


class SectionSteps(CrawlSteps):
    """Callbacks that read the section and fetch what it links to."""

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
        yield from self._hosted_file(state, target, meta)

    def _hosted_page(self, state: OrgState, response: Response):
        """A file host answered a page instead of the file: follow its confirmation form
        once (Google Drive's large-file warning), else the host needs a browser."""
        meta = response.meta
        target = None if meta.get("confirmed") else confirm_url(response)
        if target is None:
            yield self._failed_document(response.request, HOST_UNRESOLVED, response.status)
            return
        yield from self._hosted_file(state, target, meta, confirmed=True)

    def _hosted_file(self, state: OrgState, target: str, meta, **extra):
        """The file a host resolved to, under the public link the page shows."""
        return self._follow(
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
            **extra,
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


def _anchor_text(anchor) -> str:
    """A link's visible text with whitespace collapsed."""
    return " ".join(" ".join(anchor.xpath(".//text()").getall()).split())
