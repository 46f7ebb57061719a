"""Inside the section: its sub-pages, document links (cards, file hosts), news lists."""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime
from urllib.parse import urlencode, urlsplit

from scrapy.http import HtmlResponse, Request, Response, TextResponse
from scrapy.selector import Selector

from crawler.anchors import (
    anchor_text,
    hands_over_file,
    link_title,
    names_folder,
    names_mentorship,
    says_nothing,
    scripted_target,
    shown_title,
)
from crawler.discovery import SECTION_THRESHOLD, score_link, section_groups
from crawler.extract import html_main_text
from crawler.file_hosts import HOST_UNRESOLVED, HostedLink, confirm_url, hosted_link
from crawler.items import DocumentItem, LinkItem, NewsItem, PartialCheckItem, SectionPageItem
from crawler.platforms import (
    CARD_MAX_FILES,
    card_download_url,
    document_extension,
    is_document_card,
    is_news_url,
    is_signature,
    viewed_file,
)
from crawler.rendering import WAIT_FOR_CONTENT_JS, content_still_loading, render_meta
from crawler.responses import document_type, file_links
from crawler.spiders.base import (
    HTML_PAGE_MAX_BYTES,
    CrawlSteps,
    OrgState,
    classify_failure,
    read_as,
)
from crawler.understand.dates import MONTH_STEMS
from crawler.understand.signals import other_subject
from crawler.understand.titles import declared_type, hint_type
from crawler.url_policy import is_web_url, link_url

# Frames of the content that may show a document.
# The site's own header and footer, not an article's («entry-header» holding a post's title).
SITE_CHROME = (
    "ancestor::*[self::header or self::footer][not(ancestor::article) and not(ancestor::main)]"
)
CONTENT_FRAMES = (
    "//*[self::iframe[@src] or self::embed[@src] or self::object[@data]]"
    f"[not(ancestor::nav) and not({SITE_CHROME})]"
)
# Buttons that open a document by script («Просмотр» with `data-href`, a modal viewer).
CONTENT_SCRIPTED = (
    "//*[@data-href or @data-url or @data-file or @data-doc][not(self::a[@href])]"
    f"[not(ancestor::nav) and not({SITE_CHROME})]"
)
SCRIPTED_SOURCES = ("data-href", "data-url", "data-file", "data-doc")
SHOWN_SOURCES = ("src", "data", *SCRIPTED_SOURCES)
CONTENT_LINKS = (
    f"//a[@href][not(ancestor::nav) and not({SITE_CHROME})"
    " and not(ancestor::aside)"
    " and not(ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' menu ')])]"
)
# Words in an image's name or description that show a document photographed or scanned.
DOCUMENT_IMAGE_WORDS = (
    "приказ",
    "положение",
    "карта",
    "план",
    "программа",
    "prikaz",
    "scan",
    "скан",
)
# A month in full or cut short, as news lists print it: «12 ноября 2025», «12 ноя 2025».
MONTH = rf"(?:{'|'.join(MONTH_STEMS)})[а-яё]*\.?"
DATE_IN_TEXT = re.compile(
    rf"\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b|\b\d{{1,2}}\s+{MONTH}\s*\d{{4}}", re.I
)
# A date stated for machines in an item's block, and the ISO day it begins with.
MACHINE_DATE = (
    ".//time/@datetime | .//*[@itemprop='datePublished']/@content"
    " | .//*[@itemprop='datePublished']/@datetime"
)
MACHINE_DATE_VALUE = re.compile(r"(?:19|20)\d\d-\d\d-\d\d")
# «Следующая», «Далее →», «»», page numbers, ?page=2, /page/2/, Bitrix PAGEN_1=2.
PAGINATION_TEXT = re.compile(
    r"^(?:\d{1,3}|(?:следующая|предыдущие|более\s+ранние|старые)(?:\s+(?:страница|записи|"
    r"сообщения|новости))?|далее|вперёд|вперед|ещё|»|›|>>|→"
    r"|(?:показать|загрузить|смотреть)\s+(?:ещё|еще|больше)(?:\s+новост\w*)?)(?:\s*[→»›>]+)?$",
    re.I,
)
# (`?p=` is left to the link's text: WordPress names its posts `?p=3212`.)
PAGINATION_URL = re.compile(r"[?&](?:page|paged|start|PAGEN_\d+)=\d+|/page/\d+/?$", re.I)
# The archive of a news list: «Архив новостей», «Ноябрь 2026 (1)», «2025 год», «Более ранние».
ARCHIVE_TEXT = re.compile(
    rf"^(?:архив(?:\s+новостей)?|(?:{MONTH}\s+)?(?:19|20)\d\d(?:\s*(?:год|г\.?))?"
    r"|более\s+ранние(?:\s+\w+)?"
    r"|предыдущие(?:\s+\w+)?|ранее)(?:\s*\(\d+\))?$",
    re.I,
)
ARCHIVE_PATH = re.compile(r"/(?P<year>(?:19|20)\d\d)/(?:(?P<month>[01]\d)/)?$")
ARCHIVE_PERIOD_QUERY = re.compile(
    r"(?:^|&)(?:year|month|archive|arhiv)=(?P<year>(?:19|20)\d\d)(?:-(?P<month>[01]\d))?"
)
ARCHIVE_QUERY = re.compile(r"(?:^|&)(?:year|month|archive|arhiv)=\d", re.I)
NEWS_LIST_MIN_ITEMS = 3
# The month a calendar grid shows, in its caption or the heading above it: «Октябрь 2026».
GRID_MONTH = re.compile(rf"(?P<m>{MONTH})\s+(?P<y>(?:19|20)\d\d)\b", re.I)
# A paragraph that opens with its date («09.10.2026. Закреплены пары…»), long enough to tell
# something: a news item the page tells itself.
LEADING_DATE = re.compile(
    rf"^\W{{0,3}}(?P<date>\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|\d{{1,2}}\s+{MONTH}\s+\d{{4}})"
    r"(?:\s*г(?:ода|\.)?)?[\s.:—–-]+",
    re.I,
)
DATED_PARAGRAPH_MIN_CHARS = 80
MAX_TEXTS_FOR_DATE = 40  # text pieces of a news page looked into for its printed date
MAX_NEWS_ITEMS_BELOW = 40  # undated items an archive page lists, read at most
MAX_NEWS_CATEGORIES = 6  # categories of a catalogue of publications, read as lists
MAX_SUBMENU_LINKS = 12  # pages of the section's sidebar menu read at most
MAX_FORM_CHOICES = 40  # documents a «choose a document» form offers, read at most
NEWS_LINK_TEXT = re.compile(r"\bновост", re.I)
# An order's operative word as the order itself prints it, in capitals: the page is the act.
OPERATIVE_PART = re.compile(r"П\s?Р\s?И\s?К\s?А\s?З\s?Ы\s?В\s?А\s?Ю|ПОСТАНОВЛЯЮ")
# The stamp an act opens with when a page prints it.
APPROVAL_STAMP = re.compile(
    r"^(?:утвержд(?:ен[аоы]?|аю)|принят[аоы]?\s+(?:на\s+заседании|решением))\b", re.I
)
# An act's title that carries its own stamp: «… на 2022–2024 годы Утверждена приказом от …».
STAMP_INSIDE = re.compile(r"\bутвержд(?:ен[аоы]?|аю)\b", re.I)
TITLE_HEAD_CHARS = 60  # where a printed act's title names its type
ACT_STAMP_CHARS = 1500  # where a page printing an act shows its approval stamp
LIST_MIN_ACTS = 2  # links named as acts that make a page their list
ACT_MENTION = re.compile(
    r"^[«\"]?(?:приказ|положени|дорожн|программ|план\b|распоряжени|постановлени|протокол)", re.I
)
# What a page of the section carries along when it is read once more (rendered).
SECTION_META = ("depth", "is_root", "link_text", "found_on", "outside", "hop", "sibling", "named")
HEADING_LEVELS = {f"h{level}": level for level in range(1, 7)}
DATED_BLOCK_LEVELS = 4  # blocks around a link looked into for its date, nearest first
# Pages of news lists read per site: enough for a year of a school's news at 10 a page.
MAX_NEWS_LIST_PAGES = 12
MAX_SECTION_DEPTH = 2
# Words that send a section's reader to a site kept for its materials, and those that name
# someone else's site (an authority, a portal, a social network).
OWN_SITE_WORDS = re.compile(r"\bсайт\w*", re.I)
NOT_OWN_SITE = re.compile(
    r"министерств|минпрос|управлени|комитет|департамент|институт|портал|госуслуг|вконтакте"
    r"|\bвк\b|\bvk\b|телеграм|telegram|одноклассник|региональн|муниципальн|областн|краев"
    r"|республиканск|\bцентр",
    re.I,
)
INLINE_DOCUMENT_MIN_CHARS = 300
# A file host's page with this much text is the document published as a page, not a login or
# a «turn on JavaScript» notice.
HOSTED_PAGE_MIN_CHARS = 600
# Pages outside the section's own path that its content links to (cards in the site's
# «Документы» tree, extension-less downloads): read, never crawled further, at most this many.
MAX_LINKED_PAGES = 40
# «Документы размещены в разделе «Сведения об образовательной организации», подраздел
# «Документы»»: the section sends the reader to a place of the site, named in quotes.
POINTED_PLACE = re.compile(
    r"(?:раздел|подраздел|страниц|вкладк|рубрик|пункт\w*\s+меню)\w*\s+[«\"„]([^«»\"“”]{3,80})[»\"“”]",
    re.IGNORECASE,
)
MAX_POINTED_PLACES = 2


class SectionSteps(CrawlSteps):
    """Callbacks that read the section and fetch what it links to."""

    def _section_request(self, state, url, text, depth, is_root, found_on, **extra):
        return self._follow(
            state,
            url,
            self.parse_section,
            "section",
            depth=depth,
            is_root=is_root,
            link_text=text,
            found_on=found_on,
            errback=self.section_failed,
            **extra,
        )

    def section_failed(self, failure):
        """A section page that did not answer: the previous run's section is only a hint, so
        the site is searched afresh; any other page is a recorded failure."""
        state = self.state[failure.request.meta["org_id"]]
        yield from self.on_error(failure)
        yield from self._rediscover_remembered(state, failure.request.meta)

    def _rediscover_remembered(self, state: OrgState, meta):
        """The previous run's section did not answer as a section: search the site afresh."""
        if meta.get("is_root") and state.remembered:
            state.remembered = False
            yield from self._rediscover(state)

    def _file_answer(self, state: OrgState, response: Response):
        """A link that answered with a file: the response says it is a document."""
        yield from self._fetched(response, "document", keep_body=False)
        item = self._document_item(state, response)
        yield item
        yield from self._linked_files(state, response, item.file_ext)

    def parse_section(self, response: Response):
        state = self._state(response)
        meta = response.meta
        is_page = self._is_html(response)
        if not meta["is_root"] and response.status < 400 and not is_page:
            yield from self._file_answer(state, response)
            return
        yield from self._fetched(response, "section")
        if response.status >= 400 and self._names_own_document(state, response.request):
            # A link the section names as a document answers an error: a document not read.
            yield self._failed_document(response.request, "http_error", response.status)
            return
        if response.status >= 400 or not is_page:
            yield from self._rediscover_remembered(state, meta)
            return
        title, text = html_main_text(response.body, encoding=response.encoding)
        block = _fragment_block(response)
        if block is not None:  # a one-page site: the section is one block of the page
            text = " ".join(" ".join(block.xpath(".//text()").getall()).split())
            heading = block.xpath("(.//h1|.//h2|.//h3)[1]//text()").getall()
            title = " ".join(" ".join(heading).split()) or title
        page_url = response.request.url if block is not None else response.url
        if meta["is_root"] and state.remembered:
            state.remembered = False
            # A block of a one-page site is still the section by its own heading and address.
            if score_link(page_url, title or "").value < SECTION_THRESHOLD:
                yield from self._rediscover(state)
                return
        if meta["is_root"] and not meta.get("outside") and other_subject(title or "", text):
            # «Шефство и наставничество»: a volunteer squad's page, not the mentorship section.
            yield from self._reject_section(state, page_url)
            return
        scope = block if block is not None else response
        anchors = scope.xpath("." + CONTENT_LINKS)
        files = sum(self._is_file_url(_href(response, anchor)) for anchor in anchors)
        if not files and content_still_loading(response):
            # The page's scripts load its list of documents: read it as the browser shows it;
            # without a browser the list is unseen, and the site is checked only in part.
            if self.settings.getbool("CRAWL_RENDER_JS"):
                yield from self._rendered_section_request(state, response)
                return
            yield PartialCheckItem(state.org_id, response.url, "js_content_no_browser")
        yield SectionPageItem(
            state.org_id, page_url, title, text, meta["is_root"], body=response.body
        )
        root = urlsplit(state.section_url or response.url)
        root_path = root.path.rstrip("/")
        # A mini-site of its own (the school's menu leads «Наставничество» to another host's
        # home page): every page of that host is the section's.
        own_host = (
            root.netloc if not root_path and root.netloc != urlsplit(state.home_url).netloc else ""
        )
        here = urlsplit(response.url).netloc.lower()
        if here in state.section_hosts:  # the site the section sent to for its materials
            own_host, root_path = here, ""
        outside = meta.get("outside", False)
        # A card shows the date its file was posted: that date makes none of its links news.
        card_page = outside and self._is_card(state, response)
        # On a page with few files, a bare «Скачать» takes the title the page was listed with.
        few_files = not meta["is_root"] and files <= CARD_MAX_FILES
        # Listed as «Просмотр» or «Подробнее», a card is named by its own title.
        listed = meta.get("link_text") or ""
        card_title = (title if says_nothing(listed) else listed) if few_files else None
        document_links = 0
        news_items = 0  # dated items the page lists: a list of posts is no document
        for anchor in anchors:
            href = scripted_target(anchor) or anchor.attrib.get("href", "").strip()
            if not href or href.lower().startswith(("#", "mailto:", "tel:", "javascript:")):
                continue
            url = link_url(response, href)  # a link that is no web address is still recorded
            if url is None:
                continue
            url = viewed_file(url) or url
            if url.split("#", 1)[0] == response.url.split("#", 1)[0] or is_signature(url):
                continue  # the page itself, or a document's detached signature
            if card_title and _is_button(anchor_text(anchor)):
                link_text = card_title  # a card's «Скачать»: the title the section gave the card
            else:
                link_text = link_title(anchor)
            hosted = self._hosted(url)
            is_doc = self._is_file_url(url)
            document_links += is_doc
            external = not self._same_site(state, url)
            yield LinkItem(state.org_id, response.url, url, link_text, external, is_doc)
            if hosted:
                yield from self._hosted_request(state, hosted, link_text, response.url)
            elif is_doc:
                yield from self._document_request(state, url, link_text, response.url)
            elif external and meta["is_root"] and self._sends_to_its_site(state, anchor, url):
                # «Все материалы … размещены на отдельном сайте проекта»: that site is the
                # section's, read as its pages.
                host = urlsplit(url).netloc.lower()
                state.netlocs.add(host)
                state.section_hosts.add(host)
                yield from self._section_request(state, url, link_text, 0, False, response.url)
            elif external:
                named = (
                    names_folder(link_text)
                    or hint_type(link_text) is not None
                    or (names_mentorship(link_text) and _sends_for_documents(anchor))
                )
                if named and self._is_section_content_link(state, url):
                    # A document or a folder of them kept on another host (a cloud disk,
                    # the school's page in a social network, a file storage): read once, as
                    # the file it answers, its card or the folder it lists.
                    yield from self._linked_page_request(state, url, link_text, response.url)
                continue
            elif is_news_url(url) and is_further_page(url, link_text):
                # «2», «Следующая »» of a news list the section shows: the list goes on there,
                # its items are news (a page of a list is no item of it).
                yield from self._news_request(
                    state, url, response.url, None, link_text, listing=True
                )
            elif (
                not card_page
                # «Приказ от 31.03.2022 № 14-а» is an act, unless the site files it as news.
                and not dated_act(url, link_text)
                and ((news_date := self._dated_block(anchor)) or is_news_url(url))
            ):
                news_items += 1
                # An undated link named as news («Новости проекта») leads to their list.
                named_list = not news_date and bool(NEWS_LINK_TEXT.search(link_text))
                yield from self._news_request(
                    state,
                    url,
                    response.url,
                    news_date,
                    link_text,
                    in_section=True,
                    named_list=named_list,
                )
            elif NEWS_LINK_TEXT.search(link_text) and (
                own_host or not self._within_section(url, root_path)
            ):
                # «Все новости о наставничестве»: the section points to where its news are
                # (on a mini-site, its own «Новости» is that list), a list however short.
                yield from self._news_request(
                    state, url, response.url, None, link_text, named_list=True
                )
            elif outside:
                # A card: its file may sit at an address without an extension; one hop more.
                # A list of acts (a category of the site's «Документы»): its mentorship acts
                # published as pages are documents of their own.
                if meta.get("hop", 1) == 1 and self._is_section_content_link(state, url):
                    named = hint_type(link_text) is not None and names_mentorship(link_text)
                    yield from self._linked_page_request(
                        state, url, link_text, response.url, hop=2, named=named
                    )
            elif meta["depth"] < MAX_SECTION_DEPTH and self._within_section(
                url, root_path, own_host
            ):
                yield from self._section_request(
                    state, url, link_text, meta["depth"] + 1, False, response.url
                )
            elif self._is_section_content_link(state, url, link_text, _in_prose(anchor)):
                yield from self._linked_page_request(state, url, link_text, response.url)
        if meta["depth"] < MAX_SECTION_DEPTH:
            # The section's own sub-menu in the sidebar («Наставничество»: Документы,
            # Наставники…): its pages are the section's, wherever their addresses are.
            for url, text in _section_submenu(response, title or ""):
                if self._same_site(state, url) and url.split("#", 1)[0] != response.url:
                    yield from self._section_request(
                        state, url, text, meta["depth"] + 1, False, response.url
                    )
        if meta["depth"] < MAX_SECTION_DEPTH and root_path and not outside:
            # Pages under the section's own address are its pages wherever this page links
            # them: a menu inside the content («Наставничество обучающихся»), the site's menu.
            for anchor in response.xpath("//a[@href]"):
                url = link_url(response, anchor.attrib["href"].strip())
                if (
                    url
                    and url.split("#", 1)[0] != response.url.split("#", 1)[0]
                    and urlsplit(url).path.rstrip("/") != root_path
                    and self._within_section(url, root_path)
                    and self._same_site(state, url)
                    and not self._is_file_url(url)
                    and not is_news_url(url)
                ):
                    yield from self._section_request(
                        state, url, anchor_text(anchor), meta["depth"] + 1, False, response.url
                    )
        if meta["is_root"] and not outside:
            for url, name in self._pointed_places(state, response, text):
                yield from self._follow(
                    state,
                    url,
                    self.parse_pointed_place,
                    "section",
                    found_on=response.url,
                    link_text=name,
                )
        for number, (date_text, headline, story) in enumerate(_dated_paragraphs(scope), 1):
            # News told on the section page itself, one dated paragraph each.
            yield NewsItem(
                state.org_id, f"{page_url}#news-{number}", headline, date_text, story, page_url
            )
        for frame in scope.xpath("." + CONTENT_FRAMES) + scope.xpath("." + CONTENT_SCRIPTED):
            yield from self._framed_document(state, response, frame)
        yield from self._form_downloads(
            state, response, scope, card_title or title or "", card=not meta["is_root"]
        )
        for url, choice in _form_choices(response, scope):
            # A «choose a document» form: each choice is a link to its file.
            if self._is_file_url(url):
                yield from self._document_request(state, url, choice, response.url)
            elif self._same_site(state, url) and state.linked_pages < MAX_LINKED_PAGES:
                yield from self._linked_page_request(state, url, choice, response.url)
        for image in _shown_images(response, scope):
            yield from self._document_request(state, image, card_title or title or "", response.url)
        # A page of the section is a document of its own unless it links files, is a card
        # (the file behind it is the document) or was only read to see whether it is a file.
        # Another page of the section (the teachers' branch «Наставничество педагогов») is
        # no document, unless it is named as one: «База наставников», printed as its table.
        named_act = _named_as_act(meta.get("link_text") or title or "")
        inline = (
            not meta["is_root"]
            and (meta.get("hop", 1) == 1 or meta.get("named", False))
            and not card_page
            and (not meta.get("sibling") or named_act)
        )
        # The section's own page may be an act: a school that pastes its order as the text.
        act_page = meta["is_root"] and bool(OPERATIVE_PART.search(text))
        # A page of its own that prints an order («ПРИКАЗЫВАЮ») is that order, however short.
        long_enough = len(text) >= INLINE_DOCUMENT_MIN_CHARS or OPERATIVE_PART.search(text)
        # A page that lists several acts or dated posts is their list, not a document (the
        # acts are counted only for a page that could be one).
        whole = act_page or (
            inline
            and not document_links
            and long_enough
            and news_items < NEWS_LIST_MIN_ITEMS
            and not lists_acts(anchors)
        )
        printed = None if whole or not meta["is_root"] else _printed_act(scope)
        if whole or printed:
            # An act printed on the page (a roadmap's table under its approval stamp) is that
            # act, at the page's address; its block alone is what is read.
            body = printed.encode("utf-8") if printed else response.body
            yield self._page_document(state, response, title, body)

    def _page_document(self, state: OrgState, response: Response, title: str, body: bytes):
        """A page that is a document: the act it prints, read from `body`, at its address."""
        return DocumentItem(
            state.org_id,
            response.url,
            response.meta.get("link_text") or title or "",
            response.meta.get("found_on") or "",
            "ok",
            response.status,
            self._content_type(response),
            "html",
            len(body),
            body=body,
        )

    def _pointed_places(
        self, state: OrgState, response: TextResponse, text: str
    ) -> list[tuple[str, str]]:
        """The pages of the site the section's text sends its reader to for its documents
        («размещены в разделе «…», подраздел «Документы»»), found by the links the page
        shows under those names; the place named last (the narrowest) first."""
        names = [" ".join(name.split()).casefold() for name in POINTED_PLACE.findall(text)]
        if not names:
            return []
        shown: dict[str, str] = {}
        for anchor in response.xpath("//a[@href]"):
            url = link_url(response, anchor.attrib["href"].strip())
            label = " ".join(anchor_text(anchor).split()).casefold()
            if url and label and self._same_site(state, url) and not self._is_file_url(url):
                shown.setdefault(label, url)
        places = []
        for name in reversed(names):
            url = shown.get(name)
            if url and url.split("#", 1)[0] != response.url.split("#", 1)[0]:
                places.append((url, name))
        return list(dict.fromkeys(places))[:MAX_POINTED_PLACES]

    def parse_pointed_place(self, response: Response):
        """A page the section sent its reader to (the site's «Документы»): the files and acts'
        pages it lists under a mentorship name are the section's documents; the rest of its
        list (the charter, other local acts) is not the section's."""
        state = self._state(response)
        yield from self._fetched(response, "section")
        if response.status >= 400 or not self._is_html(response):
            return
        for anchor in response.xpath(CONTENT_LINKS):
            url = link_url(response, anchor.attrib["href"].strip())
            if url is None or is_signature(url) or not self._same_site(state, url):
                continue
            link_text = link_title(anchor)
            if not self._names_mentorship_act(url, link_text):
                continue
            if self._is_file_url(url):
                yield from self._document_request(state, url, link_text, response.url)
            elif self._is_section_content_link(state, url, link_text):
                yield from self._linked_page_request(
                    state, url, link_text, response.url, named=True
                )

    def _rendered_section_request(self, state: OrgState, response: Response):
        """The same page of the section once more, rendered by chromium."""
        meta = response.meta
        url = response.request.url
        key = url.split("#", 1)[0]
        state.seen.difference_update({key, url, read_as("section", key), read_as("linked", key)})
        kept = {name: meta[name] for name in SECTION_META if name in meta}
        timeout = self.settings.getfloat("DOWNLOAD_TIMEOUT")
        return self._follow(
            state,
            url,
            self.parse_section,
            "section",
            errback=self.section_render_failed,
            unrendered=(response.body, response.encoding),
            **kept,
            **render_meta(timeout, WAIT_FOR_CONTENT_JS),
        )

    def section_render_failed(self, failure):
        """The browser could not show the page: its documents are unseen (the site is checked
        only in part), and the page as the server sent it is read all the same."""
        request = failure.request
        state = self.state[request.meta["org_id"]]
        yield from self.on_error(failure)
        yield PartialCheckItem(state.org_id, request.url, "js_content_render_failed")
        body, encoding = request.meta["unrendered"]
        raw = HtmlResponse(
            request.url, body=body, encoding=encoding, request=request.replace(errback=None)
        )
        yield from self.parse_section(raw)

    def _framed_document(self, state: OrgState, response: Response, frame):
        """A document the page shows in a frame (`<iframe>`, `<embed>`, `<object>`), directly
        or through a viewer; frames of other content (a video, a map) are left alone."""
        source = next(
            (frame.attrib[name] for name in SHOWN_SOURCES if frame.attrib.get(name, "").strip()),
            "",
        ).strip()
        if not source or source.startswith(("data:", "javascript:", "about:")):
            return
        url = link_url(response, source)
        if url is None:
            return
        url = viewed_file(url) or url
        title = shown_title(frame)
        hosted = self._hosted(url)
        is_doc = self._is_file_url(url)
        if not (hosted or is_doc):
            if frame.root.tag in ("iframe", "frame") and self._same_site(state, url):
                # A page of the site shown in the section (a file widget): part of the
                # section, its links the section's.
                depth = min(response.meta.get("depth", 0) + 1, MAX_SECTION_DEPTH)
                yield from self._section_request(
                    state, url, title, depth, False, response.url, sibling=True
                )
            return
        yield LinkItem(
            state.org_id, response.url, url, title, not self._same_site(state, url), True
        )
        if hosted:
            yield from self._hosted_request(state, hosted, title, response.url)
        else:
            yield from self._document_request(state, url, title, response.url)

    def _is_file_url(self, url: str) -> bool:
        """A link that names a file by its address: an extension, a constructor's card, a
        file host's public link (an extension-less file is known only once it answers)."""
        return bool(document_extension(url)) or is_document_card(url) or bool(self._hosted(url))

    def _names_mentorship_act(self, url: str, text: str) -> bool:
        """A file named for mentorship, or a page named as a mentorship act («Положение о
        наставничестве» published as a page of the «Положения» list)."""
        named = self._is_file_url(url) or hint_type(text) is not None
        return named and names_mentorship(text)

    def _sends_to_its_site(self, state: OrgState, anchor, url: str) -> bool:
        """A link of the section's own page to a site kept apart for its materials: its words
        or its paragraph name a site («Перейти на сайт «Наставник рядом»», «размещены на
        отдельном сайте»), not an authority, a social network or a file; one such site."""
        if state.section_hosts or self._is_file_url(url) or not is_web_url(url):
            return False
        told = " ".join(
            " ".join(
                (anchor.xpath("ancestor::*[self::p or self::li or self::div][1]") or [anchor])[0]
                .xpath(".//text()")
                .getall()
            ).split()
        )
        return bool(OWN_SITE_WORDS.search(told)) and not NOT_OWN_SITE.search(told)

    def _is_section_content_link(
        self, state: OrgState, url: str, link_text: str = "", in_prose: bool = False
    ) -> bool:
        """A link of the section's content to another page of the site: not one of the
        site's navigation links (those the home page shows) unless the section names a
        document by it («Программа наставничества (на странице «Школьная медиация»)») or
        sends the reader there in its own sentences («работу сопровождает Школа молодого
        учителя»), within the budget."""
        key = url.split("#", 1)[0]
        parts = urlsplit(key)
        # «/?page_id=60» is a page of a site whose every address is its home's plus a query.
        if (parts.path in ("", "/") and not parts.query) or key == state.home_url:
            return False  # the home page («Главная» in a breadcrumb) is never a document
        navigation = key in state.navigation and hint_type(link_text) is None and not in_prose
        if navigation or read_as("linked", key) in state.seen:
            return False
        return state.linked_pages < MAX_LINKED_PAGES

    def _linked_page_request(
        self,
        state: OrgState,
        url: str,
        link_text: str,
        found_on: str,
        hop: int = 1,
        named: bool = False,
    ):
        """A page the section links to outside its own path: a card with the file behind it,
        a file at an address without an extension, or a document published as a page.
        `hop` 2 is a link of such a card: read only if it turns out to be a file."""
        requests = list(
            self._follow(
                state,
                url,
                self.parse_section,
                "section",
                depth=MAX_SECTION_DEPTH,
                is_root=False,
                outside=True,
                hop=hop,
                named=named,  # a list's entry named as a mentorship act: read as a document
                link_text=link_text,
                found_on=found_on,
                maxsize=None,
                errback=self.linked_page_failed,
            )
        )
        state.linked_pages += len(requests)
        yield from requests

    def linked_page_failed(self, failure):
        """A page the section links could not be read (robots.txt closes it, a timeout): when
        the section names it as a document, that document is recorded as not read."""
        yield from self.on_error(failure)
        state = self.state[failure.request.meta["org_id"]]
        if self._names_own_document(state, failure.request):
            yield self._failed_document(failure.request, classify_failure(failure), None)

    def _names_own_document(self, state: OrgState, request) -> bool:
        """Whether the section named this page of the school's own site as a document
        («Программа наставничества …», or «Скачать» beside such a name): its failure is a
        document not read, not a lost page. A federal act on a legal portal is no school's."""
        meta = request.meta
        named = hint_type(meta.get("link_text")) is not None
        return bool(meta.get("outside")) and named and self._same_site(state, request.url)

    def _document_item(self, state: OrgState, response: Response) -> DocumentItem:
        """A document the response carries, typed by what the site answered."""
        meta = response.meta
        return DocumentItem(
            state.org_id,
            meta.get("document_url") or response.url,
            meta.get("link_text") or "",
            meta.get("found_on") or "",
            "ok",
            response.status,
            self._content_type(response),
            document_type(response.headers, response.body, response.url)
            or document_extension(response.url)
            or document_extension(meta.get("document_url") or ""),
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
        once (Google Drive's large-file warning); a page that carries a document's text (a
        published Google document) is that document; else the host needs a browser."""
        meta = response.meta
        target = None if meta.get("confirmed") else confirm_url(response)
        if target is None:
            _, text = html_main_text(response.body, encoding=response.encoding)
            if len(text) >= HOSTED_PAGE_MIN_CHARS:
                yield self._document_item(state, response)
                return
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
        if not self._is_html(response):
            # What answered is the file itself, whatever its address looks like.
            yield from self.parse_document(response)
            return
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
        if self._is_html(response) and not meta.get("behind_card"):
            handed = _handed_files(response)
            if handed:
                # A file's address that answered with its card (a cloud folder's file page,
                # a viewer): the file behind the «Скачать» is the document, under the
                # address the section gave.
                for url in handed:
                    yield from self._hosted_file(
                        state, url, {**meta, "document_url": response.url}, behind_card=True
                    )
                return
        item = self._document_item(state, response)
        yield item
        if not meta.get("from_file"):
            yield from self._linked_files(state, response, item.file_ext)

    def _linked_files(self, state: OrgState, response: Response, file_type: str | None):
        """The files a document links to (a «Перечень документов» whose entries are
        hyperlinks): each a document of the section, one level deep."""
        for target in file_links(response.body, file_type):
            url = link_url(response, target)
            if url is None or url.split("#", 1)[0] == response.url:
                continue
            hosted = self._hosted(url)
            if hosted:
                yield from self._hosted_request(state, hosted, "", response.url)
            elif self._same_site(state, url) and self._is_file_url(url):
                for request in self._document_request(state, url, "", response.url):
                    if isinstance(request, Request):
                        request.meta["from_file"] = True
                    yield request

    def document_failed(self, failure):
        yield from self.on_error(failure)
        outcome = classify_failure(failure)
        yield self._failed_document(failure.request, outcome, None)

    def parse_news(self, response: Response):
        state = self._state(response)
        meta = response.meta
        if response.status < 400 and not self._is_html(response) and meta.get("in_section"):
            yield from self._file_answer(state, response)  # a dated link of the section
            return
        yield from self._fetched(response, "news")
        if response.status >= 400 or not self._is_html(response):
            return
        if meta.get("in_section") and self._is_card(state, response):
            # A dated entry that only hands over its file (a document card with the date it
            # was posted): the file is the section's document, the card is no news.
            yield from self._attached_files(state, response, meta.get("link_text") or "")
            return
        dated, pages = self._news_list_links(state, response)
        # A page listed with a date is an item, whatever other news it shows beside it; a
        # further page of a list (an archive month with one item) is a list, however short.
        # A list the menu names as news («Календарь событий» in a month with no events yet)
        # is a list as long as it shows items or leads to further pages.
        named = meta.get("named_list") and bool(dated or pages)
        # An undated page that leads to further pages of its own address («?page=2») is a
        # list whose items carry no dates, not an item («Следующая» to another article is).
        here = urlsplit(response.url).path.rstrip("/")
        paged = meta.get("date_text") is None and any(
            urlsplit(url).path.rstrip("/") == here for url in pages
        )
        listing = meta.get("listing") or named or paged or len(dated) >= NEWS_LIST_MIN_ITEMS
        told = (
            _dated_paragraphs(response)
            if meta.get("date_text") is None and (meta.get("named_list") or listing) and not dated
            else []
        )
        for number, (date_text, headline, story) in enumerate(told, 1):
            # A list that tells its news itself, one dated paragraph each, without pages of
            # their own (an old site's «Новости»): each paragraph is an item at the list.
            yield NewsItem(
                state.org_id,
                f"{response.url}#news-{number}",
                headline,
                date_text,
                story,
                response.url,
            )
        if told and not listing:
            return
        if meta.get("named_list") and not (dated or pages or told):
            # A catalogue the menu names («Статьи»: Методическая работа [3], Родителям [0]):
            # its categories live under its address, each a list of its own if it lists news.
            for url, text in self._items_below(state, response)[:MAX_NEWS_CATEGORIES]:
                yield from self._news_request(state, url, response.url, None, text, maybe_list=True)
            return
        if meta.get("date_text") is None and listing:
            # A news list (or one of its pages): its items and further pages, not an item.
            # Pages that showed news spend the list budget; a calendar's quiet months cost
            # requests only, within a bound of their own.
            if not dated and (meta.get("listing") or paged):
                # An archive's month that lists its items without dates: the items live under
                # its address or the list's, and each tells its own date.
                list_url = meta.get("found_on") if meta.get("listing") else None
                dated = [
                    (url, text, "") for url, text in self._items_below(state, response, list_url)
                ]
            if dated:
                state.news_lists += 1
            else:
                state.empty_news_lists += 1
            for url, link_text, date_text in dated:
                yield from self._news_request(state, url, response.url, date_text, link_text)
            budget_left = state.news_lists < MAX_NEWS_LIST_PAGES
            if budget_left and state.empty_news_lists < MAX_NEWS_LIST_PAGES:
                for url in pages:
                    yield from self._news_request(state, url, response.url, None, "", listing=True)
            return
        if meta.get("maybe_list"):
            return  # a neighbour of the news list in the menu that lists no news
        title, text = html_main_text(response.body, encoding=response.encoding)
        if (
            meta.get("in_section")
            and _reads_as_act(title, text)
            and not self._links_files(state, response)
        ):
            # A dated row of the section's table of documents that leads to the act printed
            # as a page («Персонализированная программа…» | 01.09.2025): what a page is, its
            # own heading and stamp say, not the date beside its link. A post that hands over
            # files («Положения о наставничестве» with its PDFs) is a post: the files are acts.
            yield self._page_document(state, response, title, response.body)
            return
        yield NewsItem(
            state.org_id,
            response.url,
            title or meta["link_text"],
            # Listed without a date: the date the page prints by its headline, even outside
            # the article's text (a blog's date header above the post).
            meta.get("date_text") or _printed_date(response),
            text,
            meta["found_on"],
        )
        if meta.get("in_section"):
            # A dated entry of the section (a blog-style category): its files are the
            # section's documents too.
            yield from self._attached_files(state, response)
        elif names_mentorship(f"{title} {text}"):
            yield from self._news_attachments(state, response)

    def _content_files(self, state: OrgState, response: Response):
        """(anchor, url) of each file of the site or of a file host a page's content links."""
        for anchor in response.xpath(CONTENT_LINKS):
            url = _href(response, anchor)
            if (self._same_site(state, url) or self._hosted(url)) and self._is_file_url(url):
                yield anchor, url

    def _links_files(self, state: OrgState, response: Response) -> bool:
        """Whether a page's content links a file of the site or of a file host."""
        return next(self._content_files(state, response), None) is not None

    def _news_attachments(self, state: OrgState, response: Response):
        """A news item about mentorship may carry the acts it reports — «Приказ № 103 о
        закреплении наставнических пар», the personalised programmes — as its attachments:
        they are the school's documents wherever it published them. Only files named for
        mentorship are taken; the photos and posters of a news item are not documents."""
        for anchor, url in self._content_files(state, response):
            link_text = link_title(anchor)
            if not names_mentorship(link_text):
                continue
            if hosted := self._hosted(url):
                yield from self._hosted_request(state, hosted, link_text, response.url)
            else:
                yield from self._document_request(state, url, link_text, response.url)

    def _form_downloads(self, state, response, scope, link_text: str, card: bool):
        """The files a page's «Скачать» forms hand over, submitted as a browser would; on a
        card, each is the card's document, under the card's address."""
        for method, action, fields in _download_forms(response, scope):
            yield from self._follow(
                state,
                action,
                self.parse_document,
                "document",
                link_text=link_text,
                found_on=response.url,
                errback=self.document_failed,
                maxsize=None,
                form=fields if method == "post" else None,
                **({"document_url": response.url} if card else {}),
            )

    def _is_card(self, state: OrgState, response: Response) -> bool:
        """A page that hands over its file: a download button («Скачать», a size) and at
        most two files in all (a news item that links its attachments by title stays news)."""
        buttons, files = 0, set()
        for anchor in response.xpath(CONTENT_LINKS):
            url = _href(response, anchor)
            if not self._same_site(state, url) or url == response.url:
                continue
            button = hands_over_file(anchor_text(anchor))
            if button or document_extension(url) or is_document_card(url):
                files.add(url)
                buttons += button
        forms = _download_forms(response, response)
        buttons += len(forms)
        return buttons > 0 and len(files) + len(forms) <= CARD_MAX_FILES

    def _attached_files(self, state: OrgState, response: Response, card_title: str = ""):
        """The files a page of the section links to, each under its link's title (a bare
        «Скачать» on a card under the title the card was listed with)."""
        for anchor in response.xpath(CONTENT_LINKS):
            url = _href(response, anchor)
            if not self._same_site(state, url) and not self._hosted(url):
                continue
            if card_title and _is_button(anchor_text(anchor)):
                link_text = card_title
            else:
                link_text = link_title(anchor)
            if hosted := self._hosted(url):
                yield from self._hosted_request(state, hosted, link_text, response.url)
            elif document_extension(url) or is_document_card(url):
                yield from self._document_request(state, url, link_text, response.url)
            elif self._is_section_content_link(state, url) and not is_news_url(url):
                yield from self._linked_page_request(state, url, link_text, response.url)
        title = card_title or html_main_text(response.body, encoding=response.encoding)[0] or ""
        yield from self._form_downloads(state, response, response, title, card=True)

    def parse_feed(self, response: Response):
        """An RSS or Atom feed: each entry a dated news item."""
        state = self._state(response)
        yield from self._fetched(response, "news")
        if response.status >= 400:
            return
        selector = Selector(
            text=response.text
            if isinstance(response, TextResponse)
            else response.body.decode("utf-8", "replace"),
            type="xml",
        )
        selector.remove_namespaces()
        for entry in selector.xpath("//item | //entry")[:60]:
            link = (
                entry.xpath("string(link)").get("").strip()
                or entry.xpath("link[@rel='alternate' or not(@rel)]/@href").get("").strip()
            )
            if not link:
                continue
            url = link_url(response, link)
            if url is None or not self._same_site(state, url):
                continue
            stamp = entry.xpath("string(pubDate | published | updated | date)").get("").strip()
            title = " ".join(entry.xpath("string(title)").get("").split())
            yield from self._news_request(state, url, response.url, _feed_date(stamp), title)

    def _news_request(self, state, url, found_on, date_text, link_text, **extra):
        if extra.get("listing"):
            extra.setdefault("priority", period_rank(url))
        return self._follow(
            state,
            url,
            self.parse_news,
            "news",
            reusable=date_text is not None,  # an item of a dated list; lists are revalidated
            found_on=found_on,
            date_text=date_text,
            link_text=link_text,
            **extra,
        )

    def _news_list_links(self, state: OrgState, response: TextResponse):
        """Dated item links of a news list page, and its further pages: pagination and the
        archive by month or year, wherever the page puts them (a `<nav>` under the list, an
        archive widget in the sidebar)."""
        dated, pages = [], []
        for anchor in response.xpath(CONTENT_LINKS):
            url = link_url(response, anchor.attrib["href"])
            if url is None or not self._news_site(state, url) or document_extension(url):
                continue
            link_text = anchor_text(anchor)
            if is_further_page(url, link_text):
                continue
            if date_text := self._dated_block(anchor) or _calendar_date(anchor):
                dated.append((url, link_text, date_text))
        items = {url for url, _, _ in dated}
        for anchor in response.xpath("//a[@href]"):
            url = link_url(response, anchor.attrib["href"])
            if url is None or url in items or not self._news_site(state, url):
                continue
            if document_extension(url):
                continue
            if is_further_page(url, anchor_text(anchor)) and url not in pages:
                pages.append(url)
        # The page's own word for its next page (`<link rel="next">`, an infinite scroll's).
        for href in response.xpath("//link[@rel='next']/@href | //a[@rel='next']/@href").getall():
            url = link_url(response, href.strip())
            if url and self._news_site(state, url) and url not in pages:
                pages.append(url)
        # «Показать ещё»: a button whose script loads the next page of the list from its
        # `data-url`; that address is a further page as a pager's link would be.
        for button in response.xpath(CONTENT_SCRIPTED):
            source = next(
                (button.attrib[name] for name in SCRIPTED_SOURCES if name in button.attrib), ""
            )
            url = link_url(response, source.strip()) if source.strip() else None
            further = url and self._news_site(state, url) and url not in pages
            if further and is_further_page(url, anchor_text(button)):
                pages.append(url)
        return dated, pages

    def _items_below(
        self, state: OrgState, response: TextResponse, list_url: str | None = None
    ) -> list[tuple[str, str]]:
        """(address, text) of the content links under a list page's own address, or under
        the address of the list it is a further page of (`list_url`: an archive's month
        «/news/archive/2023-03/» lists items that live at «/news/item-2390.html»)."""
        bases = [
            path
            for path in (urlsplit(response.url).path, urlsplit(list_url or "").path)
            if path.endswith("/") and path.strip("/")
        ]
        if not bases:
            return []
        found: dict[str, str] = {}
        for anchor in response.xpath(CONTENT_LINKS)[:MAX_NEWS_ITEMS_BELOW]:
            url = link_url(response, anchor.attrib["href"])
            if url is None or not self._news_site(state, url) or document_extension(url):
                continue
            path = urlsplit(url).path
            text = anchor_text(anchor)
            below = any(
                path.startswith(base) and path.rstrip("/") != base.rstrip("/") for base in bases
            )
            if below and not is_further_page(url, text):
                found.setdefault(url, text)
        return list(found.items())

    @staticmethod
    def _within_section(url: str, root_path: str, own_host: str = "") -> bool:
        """Under the section's address, or anywhere on a mini-site that is the section."""
        parts = urlsplit(url)
        if own_host:
            return parts.netloc == own_host
        return (
            len(root_path) > 1
            and not root_path.endswith(".php")
            and parts.path.startswith(root_path)
        )

    @staticmethod
    def _dated_block(anchor) -> str | None:
        """The date printed in a link's own list item, if any: the nearest blocks around the
        link, as long as they hold at most one link elsewhere (a category tag). A block with
        more is a list or a page's layout (a table cell holding a whole menu beside the news),
        and its dates belong to other links. An entry may be a whole table of its own (uCoz
        and other old engines: title, teaser and «Дата: …» in rows of one table). Files a
        block links beside no other page are the entry's attachments and do not count."""
        own = anchor.attrib.get("href", "").strip()
        blocks = anchor.xpath(
            "ancestor::*[self::li or self::div or self::p or self::tr or self::td or self::header"
            " or self::h2 or self::h3 or self::h4 or self::article or self::dd or self::dl"
            " or self::section or self::table]"
        )
        for level, block in enumerate(list(reversed(blocks))[:DATED_BLOCK_LEVELS]):
            # Files beside the title and no other page: the entry's attachments (a blog post's
            # order and programmes), not other entries of a list.
            others = {href.strip() for href in block.xpath(".//a/@href").getall()} - {own}
            pages = {href for href in others if not document_extension(href)}
            if len(pages) > 1 or (pages and len(others) > 1):
                return None
            # The date as the page states it for machines (`<time datetime>`, schema.org's
            # datePublished) reads whatever order the eye is shown («2026.11.20», «вчера»).
            stated = MACHINE_DATE_VALUE.match(block.xpath(MACHINE_DATE).get(default="").strip())
            if stated:
                return stated.group(0)
            match = DATE_IN_TEXT.search(" ".join(block.xpath(".//text()").getall()))
            if match:
                return match.group(0)
            if level == 0 and (beside := _sibling_date(block)):
                return beside
        return None


def _sibling_date(block) -> str | None:
    """An entry told in sibling blocks — the title's block, then its «details» block with the
    date (uCoz: div.eTitle, div.eDetails) — dates its title from the block beside it, when that
    block holds a date and no link. With a date on both sides, the list's own order decides:
    the next block when the list opens with a title, the previous one when it opens with a
    date. Only the neighbours are read: a menu of a hundred links costs two looks per link."""
    node = block.root
    after = _told(_element_sibling(node, "getnext"))
    before = _told(_element_sibling(node, "getprevious"))
    if after and not before:
        return after
    if before and not after:
        return before
    if not (after and before):
        return None
    for child in node.getparent():
        if not isinstance(child.tag, str):
            continue
        if child.xpath(".//a[@href]") or child.tag == "a":
            return after  # the list opens with a title: each date follows its title
        if DATE_IN_TEXT.search(child.text_content() or ""):
            return before
    return None


def _element_sibling(node, step: str):
    """The nearest element beside `node` (comments and processing instructions skipped)."""
    sibling = getattr(node, step)()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = getattr(sibling, step)()
    return sibling


def _told(element) -> str:
    """The date a block beside a title holds, if it holds one and no link."""
    if element is None or element.tag == "a" or element.xpath(".//a[@href]"):
        return ""
    match = DATE_IN_TEXT.search(element.text_content() or "")
    return match.group(0) if match else ""


def period_rank(url: str) -> int:
    """How recent the period an archive page shows is (2026 → 202613, May 2026 → 202605;
    a year before its months): newer periods are read first, within the list budget."""
    parts = urlsplit(url)
    found = ARCHIVE_PATH.search(parts.path) or ARCHIVE_PERIOD_QUERY.search(parts.query)
    if not found:
        return 0
    month = found.group("month")
    return int(found.group("year")) * 100 + (int(month) if month else 13)


def is_further_page(url: str, link_text: str) -> bool:
    """A link to another page of a list: pagination, or the list's archive by period."""
    text = " ".join(link_text.split())
    parts = urlsplit(url)
    return bool(
        PAGINATION_TEXT.match(text)
        or PAGINATION_URL.search(url)
        or ARCHIVE_TEXT.match(text)
        or ARCHIVE_PATH.search(parts.path)
        or ARCHIVE_QUERY.search(parts.query)
    )


def _printed_date(response: Response) -> str | None:
    """The first date a page prints in its content (not its menus, sidebars or footer)."""
    texts = response.xpath(
        f"//body//text()[normalize-space()][not(ancestor::nav) and not({SITE_CHROME})"
        " and not(ancestor::aside) and not(ancestor::script) and not(ancestor::style)]"
    ).getall()[:MAX_TEXTS_FOR_DATE]
    match = DATE_IN_TEXT.search(" ".join(" ".join(texts).split()))
    return match.group(0) if match else None


def _calendar_date(anchor) -> str | None:
    """The date of an event shown in a month grid: the day its cell opens with, the month
    and year the grid's caption or the heading above it names («Октябрь 2026»)."""
    cell = anchor.xpath("ancestor::td[1]")
    if not cell:
        return None
    day = re.match(r"\s*(\d{1,2})\b", " ".join(cell[0].xpath(".//text()").getall()))
    if not day or not 1 <= int(day.group(1)) <= 31:
        return None
    captions = anchor.xpath(
        "ancestor::table[1]/caption//text()"
        " | ancestor::table[1]/preceding::*[self::h1 or self::h2 or self::h3 or self::h4"
        " or self::caption or self::div][position() <= 3]//text()"
    ).getall()
    month = GRID_MONTH.search(" ".join(captions))
    if not month:
        return None
    number = MONTH_STEMS[month.group("m")[:3].lower()]
    return f"{int(day.group(1)):02d}.{number:02d}.{month.group('y')}"


def _section_submenu(response: Response, title: str) -> list[tuple[str, str]]:
    """(address, text) of the section's own sub-menu: the links of a sidebar menu headed by
    the section's name, or those nested under the site menu's item that leads to this page
    («Наставничество» ▸ Нормативные документы, Мониторинг, Новости наставничества)."""
    name = " ".join(title.split()).casefold()
    found = _menu_branch(response, name)
    for block in response.xpath("//aside | //*[contains(@class, 'sidebar')]"):
        texts = [" ".join(t.split()) for t in block.xpath(".//text()").getall()]
        heading = next((text for text in texts if text), "").casefold()
        if not name or (heading != name and score_link("", heading).value < SECTION_THRESHOLD):
            continue
        found += _web_links(response, block.xpath(".//a[@href]"))
    return found


def _menu_branch(response: Response, name: str) -> list[tuple[str, str]]:
    """The links nested under the menu item that leads to this page or bears its name."""
    here = response.url.split("#", 1)[0]
    found = []
    for item in response.xpath("//li[a[@href]][.//li]"):
        own = item.xpath("./a[@href]")[0]
        url = link_url(response, own.attrib["href"])
        leads_here = bool(url) and url.split("#", 1)[0] == here
        if not leads_here and (not name or anchor_text(own).casefold() != name):
            continue
        found += _web_links(response, item.xpath(".//li//a[@href]"))
    # A group that opens no page of its own, named as the section, holding this page: its
    # entries together are the section («Ресурсный центр наставничества» ▸ О центре, Документы).
    for _, entries in section_groups(response):
        if any(url.split("#", 1)[0] == here for url, _ in entries):
            found += [(url, text) for url, text in entries[:MAX_SUBMENU_LINKS] if is_web_url(url)]
    return found


def _web_links(response: Response, anchors) -> list[tuple[str, str]]:
    """(address, text) of a sub-menu's first links that lead to web pages."""
    found = []
    for anchor in anchors[:MAX_SUBMENU_LINKS]:
        url = link_url(response, anchor.attrib["href"])
        if url and is_web_url(url):
            found.append((url, anchor_text(anchor)))
    return found


def _download_forms(response: Response, scope) -> list[tuple[str, str, dict[str, str]]]:
    """(method, address, fields) of each form that only hands over a file: hidden fields and
    a «Скачать» button, nothing for a person to fill in."""
    found = []
    for form in scope.xpath(".//form"):
        fields = form.xpath(".//input[not(@type='hidden') and not(@type='submit')] | .//select")
        buttons = form.xpath(".//button | .//input[@type='submit']")
        said = " ".join(anchor_text(b) or b.attrib.get("value", "") for b in buttons)
        if fields or not buttons or not hands_over_file(said):
            continue
        action = link_url(response, form.attrib.get("action") or response.url)
        if action is None:
            continue
        hidden = {
            field.attrib["name"]: field.attrib.get("value", "")
            for field in form.xpath(".//input[@type='hidden'][@name]")
        }
        if form.attrib.get("method", "get").strip().lower() == "post":
            found.append(("post", action, hidden))
        else:
            query = urlencode(list(hidden.items()))
            found.append(("get", f"{action.split('?', 1)[0]}?{query}" if query else action, {}))
    return found


def _form_choices(response: Response, scope) -> list[tuple[str, str]]:
    """(address, option text) of each choice of a GET form with one list to choose from:
    the form a site offers instead of links («Документы: — выберите —», «Скачать»)."""
    found = []
    for form in scope.xpath(".//form[not(@method) or translate(@method, 'GET', 'get') = 'get']"):
        lists = form.xpath(".//select[@name]")
        if len(lists) != 1:
            continue
        action = link_url(response, form.attrib.get("action") or response.url)
        if action is None:
            continue
        hidden = [
            (field.attrib["name"], field.attrib.get("value", ""))
            for field in form.xpath(".//input[@type='hidden'][@name]")
        ]
        name = lists[0].attrib["name"]
        for option in lists[0].xpath(".//option[@value]")[:MAX_FORM_CHOICES]:
            value = option.attrib["value"].strip()
            if value:
                query = urlencode([*hidden, (name, value)])
                text = " ".join(" ".join(option.xpath(".//text()").getall()).split())
                found.append((f"{action.split('?', 1)[0]}?{query}", text))
    return found


def _dated_paragraphs(scope) -> list[tuple[str, str, str]]:
    """(date, headline, text) of each paragraph that opens with a date and tells something
    without linking anywhere: news a page tells itself rather than links to."""
    found = []
    for block in scope.xpath(".//p[not(.//a)] | .//li[not(.//a)] | .//dd[not(.//a)]"):
        text = " ".join(" ".join(block.xpath(".//text()").getall()).split())
        opening = LEADING_DATE.match(text)
        if not opening or len(text) < DATED_PARAGRAPH_MIN_CHARS:
            continue
        story = text[opening.end() :].strip(" .:—–-")
        if ACT_MENTION.match(story):
            continue  # «01.09.2022 Приказ № 41 …» lists an act, it tells no news
        bold = [
            " ".join(part.split()).strip(" .")
            for part in block.xpath("./b//text() | ./strong//text()").getall()
        ]
        headline = next((b for b in bold if b and not LEADING_DATE.match(f"{b} ")), None)
        found.append((opening.group("date"), headline or story.split(". ")[0][:120], story))
    return found


def _handed_files(response: Response) -> list[str]:
    """The files a page hands over by its download buttons («Скачать», «Скачать оригинал»)
    on its own host, when it offers at most CARD_MAX_FILES: the page is the file's card."""
    host = urlsplit(response.url).netloc
    found = []
    for anchor in response.xpath(CONTENT_LINKS):
        url = _href(response, anchor)
        own = url and urlsplit(url).netloc == host and url not in (response.url, *found)
        if own and hands_over_file(anchor_text(anchor)):
            found.append(url)
    return found if len(found) <= CARD_MAX_FILES else []


# «… и программа размещены на странице старшего воспитателя: <a>»: the sentence says the
# documents are at the link.
PLACED_AT_LINK = re.compile(r"размещ[её]н|опубликован|выложен|находятся|представлен", re.I)


def _sends_for_documents(anchor) -> bool:
    """Whether the sentence a link ends says the documents are kept where it leads (a
    teacher's page on an educators' portal holding the plan and the programme)."""
    before = " ".join(anchor.xpath("preceding-sibling::node()").getall())
    return bool(PLACED_AT_LINK.search(before))


PROSE_SHARE = 0.6  # a link is part of a sentence when its words are at most this share of it


def _in_prose(anchor) -> bool:
    """Whether a link stands inside a sentence of the text, not in a bare list of links or a
    menu: its paragraph, or its list item («Локальные акты – Положение о системе
    наставничества…»; a nested sub-menu not counted), says more than the link's own words."""
    block = anchor.xpath("(ancestor::p | ancestor::li)[last()]")
    if not block:
        return False
    words = block[0].xpath("./text() | ./*[not(self::ul or self::ol)]//text()").getall()
    whole = " ".join(" ".join(words).split())
    own = " ".join(anchor_text(anchor).split())
    return bool(whole) and len(own) <= PROSE_SHARE * len(whole)


def _is_button(text: str) -> bool:
    """A link that names no document of its own: «Скачать», «Скачать оригинал», «PDF»."""
    return says_nothing(text) or hands_over_file(text)


def _href(response: Response, anchor) -> str:
    """The absolute address a link points to; a viewer's link points to the file it shows."""
    url = link_url(response, anchor.attrib.get("href", "").strip() or "#") or response.url
    return viewed_file(url) or url


def _shown_images(response: Response, scope) -> list[str]:
    """Pictures of documents shown only as images (a photographed order): images of the
    content, not links, whose name or description says which document they show."""
    found = []
    for image in scope.xpath(".//img[@src]"):
        if image.xpath("ancestor::header | ancestor::footer | ancestor::nav | ancestor::a"):
            continue
        described = " ".join(
            [image.attrib.get("alt", ""), image.attrib.get("title", ""), image.attrib["src"]]
        ).lower()
        url = link_url(response, image.attrib["src"])
        if url and any(word in described for word in DOCUMENT_IMAGE_WORDS):
            found.append(url)
    return found


def _fragment_block(response: Response):
    """The element a section address's fragment names (`/#nastavnichestvo`), if any."""
    fragment = urlsplit(response.request.url).fragment  # the response's URL has none
    if not fragment:
        return None
    for element in response.xpath("//*[@id=$name] | //a[@name=$name]", name=fragment):
        if element.root.tag in HEADING_LEVELS:
            return _heading_block(element)
        if element.xpath("normalize-space()").get():
            return element
        parent = element.xpath("..")
        if parent:
            return parent[0]
    return None


def _printed_act(scope) -> str | None:
    """The HTML of an act a page prints among its other content: from its first approval
    stamp («ПРИНЯТО на заседании…», «УТВЕРЖДЕНА приказом…»), or from its title carrying
    its stamp («Дорожная карта … на 2022–2024 годы. Утверждена приказом от …»), to the next
    heading, when that block is long enough to be an act and not a line about one."""
    for stamp in scope.xpath(".//*[self::p or self::div][not(.//p) and not(.//div)]"):
        text = " ".join(" ".join(stamp.xpath(".//text()").getall()).split())
        # The cheap test first: most blocks of a page carry no stamp at all.
        titled = STAMP_INSIDE.search(text) and hint_type(text[:TITLE_HEAD_CHARS]) is not None
        if not (APPROVAL_STAMP.match(text) or titled):
            continue
        parts = _up_to_heading(stamp, max(HEADING_LEVELS.values()))
        block = Selector(text=f"<div>{''.join(parts)}</div>")
        long_enough = len(" ".join(block.xpath("//text()").getall())) >= INLINE_DOCUMENT_MIN_CHARS
        # A title with its stamp is a printed act only with its body, a plan's table; without
        # one it is a line about an act published elsewhere.
        if long_enough and (not titled or block.xpath("//table")):
            return f'<html><head><meta charset="utf-8"></head><body>{"".join(parts)}</body></html>'
    return None


def _heading_block(heading):
    """A heading and what follows it up to the next heading of its level or higher: the block
    a long page («Документы» with Устав, Лицензия, Наставничество…) gives one topic."""
    parts = _up_to_heading(heading, HEADING_LEVELS[heading.root.tag])
    return Selector(text=f"<div>{''.join(parts)}</div>")


def _up_to_heading(start, level: int) -> list[str]:
    """The HTML of `start` and of the siblings after it, up to a heading of `level` or higher."""
    parts = [start.get()]
    for sibling in start.xpath("following-sibling::*"):
        if HEADING_LEVELS.get(sibling.root.tag, level + 1) <= level:
            break
        parts.append(sibling.get())
    return parts


def _feed_date(stamp: str) -> str:
    """A feed's RFC 822 or ISO 8601 date as «дд.мм.гггг», the way news lists print dates;
    an empty string (an item without a date still counts as listed) when unreadable."""
    for parse in (parsedate_to_datetime, dt.datetime.fromisoformat):
        try:
            return parse(stamp.replace("Z", "+00:00")).strftime("%d.%m.%Y")
        except (TypeError, ValueError, IndexError):
            continue
    return ""


def _named_as_act(title: str) -> bool:
    """A title that opens with a document's type («Положение о…», «База наставников»), not a
    headline that tells of one («Утверждены положения о наставничестве»)."""
    title = " ".join(title.split())
    return bool(ACT_MENTION.match(title)) or declared_type(title) is not None


def _reads_as_act(title: str | None, text: str) -> bool:
    """A page headed by a document's type that prints the act: its approval stamp near the
    top («УТВЕРЖДАЮ … приказ от …») or an order's operative part («ПРИКАЗЫВАЮ»)."""
    if not _named_as_act(title or ""):
        return False
    return bool(STAMP_INSIDE.search(text[:ACT_STAMP_CHARS]) or OPERATIVE_PART.search(text))


def dated_act(url: str, text: str) -> bool:
    """«Приказ от 31.03.2022 № 14-а»: a link to an act, not news, unless the site files it
    among its news."""
    return not is_news_url(url) and bool(ACT_MENTION.match(text))


def lists_acts(anchors) -> bool:
    """Whether a page's links name several acts: it is their list, not a document."""
    named = (hint_type(anchor_text(anchor)) is not None for anchor in anchors)
    return sum(named) >= LIST_MIN_ACTS
