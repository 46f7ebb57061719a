"""Finding the mentorship section: home page, menus (rendered if built by script), sitemap,
the site's own search; every candidate scored and recorded."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.link import Link

from crawler.anchors import (
    group_root,
    link_title,
    menu_choices,
    menu_groups,
    shown_labels,
    shown_pictures,
)
from crawler.discovery import (
    SECTION_THRESHOLD,
    is_parent_candidate,
    score_link,
    section_groups,
)
from crawler.extract import html_main_text
from crawler.items import CandidateItem, PartialCheckItem
from crawler.platforms import document_extension, is_document_card, is_news_url
from crawler.rendering import needs_rendering, render_meta, still_a_shell
from crawler.site_search import SiteSearch, is_search_link, search_label, search_plan
from crawler.spiders.base import CrawlSteps, OrgState, classify_failure
from crawler.spiders.section import MAX_NEWS_LIST_PAGES, NEWS_LIST_MIN_ITEMS, dated_act
from crawler.url_policy import is_web_url, join_url, link_url

MAX_MENU_PAGES = 20
MAX_MENU_FEED_ITEMS = 30  # dated posts read from a menu page that lists them
MAX_BANNER_PAGES = 4  # pages behind the home page's banners that say nothing, opened as menus
MAX_HOME_FRAMES = 4  # frames of a frameset home page read as the home page
# Where a site keeps its news: the menu entry of its news list (any page of the site, not only
# the section, reports the roadmap's events), besides feeds and dated cards on the home page.
NEWS_LIST_TEXT = re.compile(
    # «Все новости», «Главные новости», «Последние новости»: the noun with a word before it.
    r"^(?:все\s+|наши\s+|архив\s+|[а-яё]+[ыи]е\s+)?(?:новост(?:и|ей)|событи[яй]|анонс(?:ы|ов)|объявлени[йя]|"
    r"мероприятия|лента(?:\s+новостей)?|новостная\s+лента|пресс-центр|(?:из\s+)?жизн[ьи]|блог"
    r"|школьная\s+жизнь|календарь(?:\s+(?:событий|мероприятий))?|афиша"
    # A site's publications: uCoz's «Каталог статей», a portal's «Публикации».
    r"|(?:каталог\s+)?стат(?:ьи|ей)|публикации)"
    r"(?:\s+(?:и|&)\s+(?:события|объявления|анонсы|новости|мероприятия))?"
    r"(?:\s+(?:школы|лицея|гимназии|учреждения))?"
    # «Новости ВКонтакте», «Новости в Telegram»: the school's wall copied onto its site.
    r"(?:\s+(?:в\s+|из\s+)?(?:вконтакте|вк|vk|одноклассниках|telegram|телеграм\w*))?"
    # «Новости школы на сайте Комитета образования»: the school's news kept elsewhere.
    r"(?:\s+на\s+сайте\s+\S.*)?$",
    re.I,
)
MENU_ANCHORS = (
    "//nav//a[@href] | //header//a[@href]"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' menu ')]//a[@href]"
)
# A menu entry that names the section itself, not a page about mentors elsewhere.
SECTION_MENU_TEXT = re.compile(
    r"^(?:(?:целевая\s+модель\s+)?наставничеств\w*|цмн)(?:\s+\w+){0,3}$", re.I
)
MAX_LOOSE_DOCUMENTS = 12  # mentorship files read from a site without a section
# A list of the site's acts that a menu page leads to («Документы» → «Локальные нормативные
# акты»): opened as a menu page of its own, for its mentorship acts.
DOCUMENT_LIST_TEXT = re.compile(
    r"^(?:локальные(?:\s+нормативные)?\s+(?:правовые\s+)?акты|нормативные\s+(?:документы|акты)"
    r"|документы|положения|приказы)(?:\s+[\w()-]+){0,3}$",
    re.I,
)
MAX_DOCUMENT_LISTS = 3
# A page whose text says «наставни…» this often is about mentorship through and through.
MENTORSHIP_WORD = re.compile(r"наставни", re.I)
MENTORSHIP_PAGE_WORDS = 5
SITE_MAP_TEXT = re.compile(r"^(?:карта|структура)\s+сайта$", re.I)
FEED_LINKS = "//link[@rel='alternate'][contains(@type, 'rss') or contains(@type, 'atom')]/@href"
MAX_NEWS_LISTS = 3
# The entries a submenu groups with the news list («Главное»: Новости, Объявления, Штаб
# воспитательной работы) may be feeds of their own: read, and kept only if they list news.
MAX_NEWS_LIST_SIBLINGS = 3
MAX_SECTION_PAGES_ELSEWHERE = 2  # other pages as strong as a section, read as its pages
MAX_SITEMAP_NEWS = 40  # news items taken from a sitemap, newest first: a year of a school's news
MAX_CHILD_SITEMAPS = 3  # sitemaps a sitemap index names, read for news
SITEMAP_MAX_ENTRIES = 50_000  # the sitemap protocol's own limit per file


class DiscoverySteps(CrawlSteps):
    """Callbacks that look for the section; `_decide` hands it to SectionSteps."""

    def parse_home(self, response: Response):
        state = self._state(response)
        state.netlocs.add(urlsplit(response.url).netloc.lower())
        yield from self._fetched(response, "home")
        if not self._is_html(response) or response.status >= 400:
            yield from self._hinted_section(state)
            return
        frames = self._frame_pages(state, response)
        if frames:
            # An old site's home is a frameset: its menu and its content live in the frames,
            # each read as the home page.
            for url in frames:
                yield from self._follow(
                    state, url, self.parse_home, "home", errback=self.home_failed, frame=True
                )
            return
        self._adopt_section_host(state, response)
        self._note_loose_documents(state, response)
        links = self._site_links(state, response)
        state.navigation.update(link.url.split("#", 1)[0] for link in links)
        yield from self._hinted_section(state)
        state.searches = search_plan(response)
        listed = self._news_list_links(state, response)  # read once: news and candidates
        yield from self._news_sources(state, response, links, listed)
        yield from self._group_candidates(state, response)
        yield from self._score_candidates(state, self._standing(links, response, listed), response)
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
        elif still_a_shell(response, len(links)):
            # Rendered, yet the menu is still empty (its script came from another host, which
            # the fenced browser may not reach, or failed): the section may hide behind it.
            yield PartialCheckItem(state.org_id, response.url, "js_menu_render_failed")
        menus = self._menu_links(links, response)
        if not menus:
            yield from self._sitemap_request(state, response.url)
            return
        for url in menus:
            yield from self._menu_request(state, url)
        if not state.pending_menus:
            yield from self._sitemap_request(state, response.url)

    def _frame_pages(self, state: OrgState, response: TextResponse) -> list[str]:
        """The pages a frameset home shows (`<frame src>`), on the site itself."""
        if response.meta.get("frame"):
            return []
        found = []
        for src in response.xpath("//frameset//frame/@src").getall()[:MAX_HOME_FRAMES]:
            url = join_url(response.url, src.strip())
            if url and self._same_site(state, url) and url not in found:
                found.append(url)
        return found

    def home_failed(self, failure):
        state = self.state[failure.request.meta["org_id"]]
        yield from self.on_error(failure)
        yield from self._hinted_section(state)

    def _hinted_section(self, state: OrgState):
        """The section a hint names, once the home page has been read (or has failed)."""
        if state.hinted and state.section_url:
            state.hinted = False
            yield from self._section_request(state, state.section_url, "", 0, True, "")

    def _news_sources(self, state: OrgState, response: TextResponse, links: list, listed: tuple):
        """The site's news wherever it keeps them: feeds, news lists named in its menus,
        dated news cards on the home page; failing all of these, its sitemap."""
        feeds = response.xpath(FEED_LINKS).getall()[:2]
        for href in feeds:
            url = join_url(response.url, href.strip())
            if url and self._same_site(state, url):
                yield from self._follow(state, url, self.parse_feed, "news", found_on=response.url)
        lists = [link for link in links if NEWS_LIST_TEXT.match(" ".join(link.text.split()))]
        # The school's news kept on another host, named as its news by its own menu or by a
        # banner's words.
        banners = list(shown_labels(response).items())
        for href, text in self._menu_anchors(response) + banners:
            url = join_url(response.url, href.strip())
            elsewhere = url and is_web_url(url) and not self._same_site(state, url)
            if elsewhere and NEWS_LIST_TEXT.match(text):
                state.news_hosts.add(urlsplit(url).netloc.lower())
                lists.append(Link(url=url, text=text))
        for link in list({link.url: link for link in lists}.values())[:MAX_NEWS_LISTS]:
            yield from self._news_request(
                state, link.url, response.url, None, link.text, named_list=True
            )
        for url, text in self._news_list_siblings(state, response):
            yield from self._news_request(state, url, response.url, None, text, maybe_list=True)
        dated, pages = _dated_posts(listed)
        for url, link_text, date_text in dated:
            yield from self._news_request(state, url, response.url, date_text, link_text)
        if len(dated) >= NEWS_LIST_MIN_ITEMS:
            # The home page is the news list itself: its further pages are the older news.
            for url in pages[:MAX_NEWS_LIST_PAGES]:
                yield from self._news_request(state, url, response.url, None, "", listing=True)
        # Dated cards on the home page live in the site's news list: the address they share.
        for url in shared_parents([url for url, _, _ in dated])[:MAX_NEWS_LISTS]:
            yield from self._news_request(state, url, response.url, None, "", listing=True)
        # The sitemap lists every page, the older news a feed without archive no longer shows.
        parts = urlsplit(response.url)
        sitemap = f"{parts.scheme}://{parts.netloc}/sitemap.xml"
        yield from self._sitemap_news_request(state, sitemap, response.url)

    def _news_list_siblings(self, state: OrgState, response: TextResponse) -> list[tuple[str, str]]:
        """Pages a submenu groups with the site's news list: a unit's own feed («Штаб
        воспитательной работы» beside «Новости» under «Главное») may carry the school's
        mentorship news. Only a submenu's neighbours: the top menu's are every page; and not
        a group named as the section, whose pages are the section's."""
        found: dict[str, str] = {}
        section_pages = {
            url.split("#", 1)[0] for _, entries in section_groups(response) for url, _ in entries
        }
        for anchor in response.xpath("//ul//ul//a[@href]"):
            if not NEWS_LIST_TEXT.match(" ".join(link_title(anchor).split())):
                continue
            own = join_url(response.url, anchor.attrib["href"].strip())
            for sibling in anchor.xpath("ancestor::ul[1]/li/a[@href]"):
                url = join_url(response.url, sibling.attrib["href"].strip())
                text = " ".join(link_title(sibling).split())
                if (
                    url
                    and url != own
                    and is_web_url(url)
                    and self._same_site(state, url)
                    and not document_extension(url)
                    and urlsplit(url).path.strip("/")
                    and not NEWS_LIST_TEXT.match(text)
                    and url.split("#", 1)[0] not in section_pages
                ):
                    found.setdefault(url.split("#", 1)[0], text)
        return list(found.items())[:MAX_NEWS_LIST_SIBLINGS]

    def _sitemap_news_request(self, state: OrgState, url: str, found_on: str):
        return self._follow(
            state,
            url,
            self.parse_sitemap_news,
            "news",
            errback=self.on_error,
            sitemap_news=True,
            found_on=found_on,
        )

    def parse_sitemap_news(self, response: Response):
        """News items a sitemap lists (addresses of the site's news), newest first: the only
        news source of a site whose pages show no news list, feed or dated cards, and the
        older news of a feed that shows only its latest (those already read are not asked
        again)."""
        state = self._state(response)
        yield from self._fetched(response, "news")
        if response.status >= 400:
            return
        entries, children = sitemap_entries(response.body)
        for child in children[:MAX_CHILD_SITEMAPS]:
            if self._same_site(state, child):
                yield from self._sitemap_news_request(state, child, response.url)
        news = [(url, stamp) for url, stamp in entries if is_news_url(url)]
        news.sort(key=lambda entry: entry[1] or "", reverse=True)
        for url, _ in news[:MAX_SITEMAP_NEWS]:
            if self._same_site(state, url):
                yield from self._news_request(state, url, response.url, "", "")

    def _adopt_section_host(self, state: OrgState, response: TextResponse) -> None:
        """The school's own menu may lead its «Наставничество» to a mini-site on another
        host (a Google-Sites-like page of the school): that host is the school's for this
        crawl. Only the menu's own entry, named as the section, counts."""
        for href, text in self._menu_anchors(response):
            url = join_url(response.url, href.strip())
            if not url or not is_web_url(url) or self._same_site(state, url):
                continue
            if score_link(url, text).value >= SECTION_THRESHOLD and SECTION_MENU_TEXT.match(text):
                state.netlocs.add(urlsplit(url).netloc.lower())

    @staticmethod
    def _menu_anchors(response: TextResponse) -> list[tuple[str, str]]:
        """(href, text) of the links of the page's menus: `<nav>`, `<header>`, `.menu`."""
        return [
            (
                anchor.attrib.get("href", ""),
                " ".join(" ".join(anchor.xpath(".//text()").getall()).split()),
            )
            for anchor in response.xpath(MENU_ANCHORS)
        ]

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
            self._note_loose_documents(state, response, page_itself=True)
            # The page itself may be the section: a banner that said nothing led here.
            title, _ = html_main_text(response.body, encoding=response.encoding)
            yield from self._candidate(state, response.url, title or "", response.url)
            links = self._site_links(state, response)
            yield from self._group_candidates(state, response)
            listed = self._news_list_links(state, response)  # read once: posts and candidates
            yield from self._score_candidates(
                state, self._standing(links, response, listed), response
            )
            yield from self._menu_feed(state, response, listed)
            if not state.has_section_candidate:  # the section found: its acts are there
                yield from self._document_lists(state, links)
        yield from self._menu_done(state, response.url)

    def _standing(self, links: list, response: TextResponse, listed: tuple) -> list:
        """The page's links less its dated posts: a news item listed with its date («Родительское
        собрание о наставничестве», 10.02.2021) tells of the section, it is not the section, which
        is a standing page (a post the page's menu also links stays a candidate). The posts
        are read as news all the same."""
        dated, _ = listed  # the page's _news_list_links
        menu = {join_url(response.url, href) for href, _ in self._menu_anchors(response)}
        posts = {url for url, _, _ in dated} - menu
        return [link for link in links if link.url not in posts]

    def _menu_feed(self, state: OrgState, response: TextResponse, listed: tuple):
        """A menu page that lists dated posts is a news list, whatever the menu calls it
        («Мы ВКонтакте»: the school's wall copied onto the site; «Жизнь школы»)."""
        dated, pages = _dated_posts(listed)
        if len(dated) < NEWS_LIST_MIN_ITEMS:
            return
        for url, link_text, date_text in dated[:MAX_MENU_FEED_ITEMS]:
            yield from self._news_request(state, url, response.url, date_text, link_text)
        for url in pages[:MAX_NEWS_LIST_PAGES]:
            yield from self._news_request(state, url, response.url, None, "", listing=True)

    def _document_lists(self, state: OrgState, links: list):
        """The lists of acts a menu page leads to («Локальные нормативные акты» inside
        «Документы»), read as menu pages: a site without a section keeps its mentorship acts
        there."""
        for link in links:
            if state.document_lists >= MAX_DOCUMENT_LISTS:
                return
            if not DOCUMENT_LIST_TEXT.match(" ".join(link.text.split())):
                continue
            requests = self._menu_request(state, link.url)
            state.document_lists += any(isinstance(r, scrapy.Request) for r in requests)
            yield from requests

    def _menu_request(self, state: OrgState, url: str) -> list:
        """A menu page to open, counted among the pages discovery still waits for (a link
        that is no web address is recorded instead, and not waited for)."""
        requests = list(self._follow(state, url, self.parse_menu, "menu", errback=self.menu_failed))
        state.pending_menus += sum(isinstance(r, scrapy.Request) for r in requests)
        return requests

    def menu_failed(self, failure):
        state = self.state[failure.request.meta["org_id"]]
        yield from self.on_error(failure)
        yield from self._menu_done(state, failure.request.url)

    def parse_sitemap(self, response: Response):
        state = self._state(response)
        yield from self._fetched(response, "sitemap")
        if response.status < 400:
            for url in SITEMAP_LOC.findall(response.body)[:5000]:
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
            yield from requests  # a search that is no web address is recorded, not asked
            if any(isinstance(request, scrapy.Request) for request in requests):
                return
        yield from self._loose_documents(state)

    def _note_loose_documents(
        self, state: OrgState, response: TextResponse, page_itself: bool = False
    ) -> None:
        """Files and acts' pages a page links under a mentorship name (a «Локальные
        акты» list, the home page's «Документы»), and the page itself when its text is about
        mentorship through and through (a programme printed on the «Школьная медиация»
        page), kept in case the site turns out to have no section."""
        if page_itself:  # a menu page, never the home page (its news mention mentors)
            _, text = html_main_text(response.body, encoding=response.encoding)
            if len(MENTORSHIP_WORD.findall(text)) >= MENTORSHIP_PAGE_WORDS:
                state.loose_documents.setdefault(response.url, ("", response.url))
        for anchor in response.xpath("//a[@href]"):
            url = link_url(response, anchor.attrib["href"].strip())
            if url is None or not self._same_site(state, url) or url == response.url:
                continue
            text = link_title(anchor)
            if self._names_mentorship_act(url, text) and (
                len(state.loose_documents) < MAX_LOOSE_DOCUMENTS
            ):
                state.loose_documents.setdefault(url, (text, response.url))

    def _loose_documents(self, state: OrgState):
        """No section anywhere: the mentorship documents the school published elsewhere on its
        site are still published (a methodologist counts them), so they are read — a file as
        a document, a page as the document its text is."""
        documents, state.loose_documents = state.loose_documents, {}
        for url, (text, found_on) in documents.items():
            if self._is_file_url(url):
                yield from self._document_request(state, url, text, found_on)
            else:
                yield from self._linked_page_request(state, url, text, found_on)

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
            yield from self._score_candidates(state, results, response)
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
        """The page's links to other pages of the same site (documents left out): anchors and
        image-map areas, a link without words named by its picture's `alt` or `title`, and
        the choices of a menu built as a drop-down list that opens the chosen address."""
        labels = shown_labels(response)
        links = [
            Link(url=link.url, text=link.text or labels.get(link.url, ""))
            for link in self.link_extractor.extract_links(response)
        ]
        links += [Link(url=url, text=text) for url, text in menu_choices(response)]
        unique = {link.url: link for link in reversed(links)}
        return [
            link
            for link in unique.values()
            if self._same_site(state, link.url) and not document_extension(link.url)
        ][::-1]

    def _score_candidates(self, state: OrgState, links: list, response: TextResponse):
        pictures = shown_pictures(response)
        for link in links:
            picture = "" if link.text.strip() else pictures.get(link.url, "")
            yield from self._candidate(state, link.url, link.text, response.url, picture)

    def _group_candidates(self, state: OrgState, response: TextResponse):
        """A menu group whose label opens no page («Ресурсный центр наставнических практик» ▸
        О центре, Документы, Новости) is weighed by its label, at the page its entries share."""
        for label, entries in menu_groups(response):
            pages = [
                url
                for url, _ in entries
                if self._same_site(state, url) and not document_extension(url)
            ]
            if pages:
                yield from self._candidate(state, group_root(pages), label, response.url)

    def _candidate(self, state: OrgState, url: str, text: str, found_on: str, picture: str = ""):
        if not is_web_url(url):  # a sitemap's `file:///…?nastavnichestvo` is never a section
            return
        if document_extension(url) or is_document_card(url):
            return  # a file, or a card that hands over one file, is a document, not a section
        if url.split("#", 1)[0] in state.rejected:
            return
        score = score_link(url, text, picture)
        if score.value <= 0:
            return
        if state.best is None or score.value > state.best[0]:
            state.best = (score.value, url, text)
        if score.value >= SECTION_THRESHOLD:
            state.strong[url.split("#", 1)[0]] = (score.value, url, text)
        yield CandidateItem(state.org_id, url, text, score.value, found_on, list(score.reasons))

    def _menu_links(self, links: list, response: TextResponse) -> list[str]:
        """Menu entries to open when the home page shows no section: likely parents first."""
        # A site map page («Карта сайта») lists every page: the first to open.
        maps = [
            link.url
            for link in links
            if SITE_MAP_TEXT.match(" ".join(link.text.split()))
            and not urlsplit(link.url).path.lower().endswith((".xml", ".xml.gz"))
        ]
        parents = maps + [link.url for link in links if is_parent_candidate(link.url, link.text)]
        # Banners that say nothing (a picture without `alt`) may lead anywhere, the section too.
        banners = [link.url for link in links if not link.text.strip()][:MAX_BANNER_PAGES]
        menu_urls = {join_url(response.url, href) for href, _ in self._menu_anchors(response)}
        others = [link.url for link in links if link.url in menu_urls and link.url not in parents]
        return list(dict.fromkeys(parents + banners + others))[:MAX_MENU_PAGES]

    def _sitemap_request(self, state: OrgState, any_url: str):
        parts = urlsplit(any_url)
        url = f"{parts.scheme}://{parts.netloc}/sitemap.xml"
        return self._follow(state, url, self.parse_sitemap, "sitemap", errback=self.sitemap_failed)

    def _decide(self, state: OrgState):
        _, url, text = state.best
        state.section_url = url
        yield from self._section_request(state, url, text, 0, True, "")
        # Mentorship may sit on two pages in two branches of the menu («Ученикам →
        # Наставничество», «Педагогам → Наставничество педагогов»): both are the section.
        others = sorted(
            (c for key, c in state.strong.items() if key != url.split("#", 1)[0]), reverse=True
        )
        for _, other, other_text in others[:MAX_SECTION_PAGES_ELSEWHERE]:
            yield from self._section_request(state, other, other_text, 1, False, url, sibling=True)

    def _reject_section(self, state: OrgState, url: str):
        """The chosen page tells of another subject: the next candidate, or discovery again."""
        key = url.split("#", 1)[0]
        state.rejected.add(key)
        state.strong.pop(key, None)
        state.best = max(state.strong.values(), default=None)
        if state.has_section_candidate:
            yield from self._decide(state)
        else:
            yield from self._rediscover(state)

    def _rediscover(self, state: OrgState):
        """The remembered section is gone or is something else now: discover from the home."""
        state.section_url = None
        state.seen.discard(state.home_url)
        return self._follow(state, state.home_url, self.parse_home, "home")


def _dated_posts(listed: tuple) -> tuple[list, list]:
    """A page's dated items and its further pages (`listed`: section._news_list_links), less
    the acts it points to: «Приказ № 52 от 03.10.2022 …» is no news unless the site files it
    among its news."""
    dated, pages = listed
    return [(url, text, date) for url, text, date in dated if not dated_act(url, text)], pages


def shared_parents(urls: list[str]) -> list[str]:
    """Addresses of lists that at least two of the given items sit under, most items first:
    `/zhizn-shkoly/` for `/zhizn-shkoly/a/` and `/zhizn-shkoly/b/`, `?id=7` for `?id=7&news=1`.
    """
    counts: dict[str, int] = {}
    for url in urls:
        parent = _parent(url)
        if parent:
            counts[parent] = counts.get(parent, 0) + 1
    return [url for url, count in sorted(counts.items(), key=lambda kv: -kv[1]) if count >= 2]


def _parent(url: str) -> str | None:
    """One level up: the last query parameter dropped, else the last path segment."""
    parts = urlsplit(url)
    if parts.query:
        params = parts.query.split("&")
        query = "&".join(params[:-1])
        return urlunsplit((parts.scheme, parts.netloc, parts.path, query, "")) if query else None
    segments = parts.path.rstrip("/").split("/")
    if len(segments) <= 2:  # the site's root is no list of its own
        return None
    return urlunsplit((parts.scheme, parts.netloc, "/".join(segments[:-1]) + "/", "", ""))


SITEMAP_URL = re.compile(rb"<url>(.*?)</url>", re.S)
SITEMAP_CHILD = re.compile(rb"<sitemap>(.*?)</sitemap>", re.S)
SITEMAP_LOC = re.compile(rb"<loc>\s*([^<\s]+)\s*</loc>")
SITEMAP_LASTMOD = re.compile(rb"<lastmod>\s*([^<\s]+)\s*</lastmod>")


def sitemap_entries(body: bytes) -> tuple[list[tuple[str, str | None]], list[str]]:
    """(address, lastmod) of each page a sitemap lists, and the sitemaps an index names."""
    entries = []
    for block in SITEMAP_URL.findall(body)[:SITEMAP_MAX_ENTRIES]:
        loc = SITEMAP_LOC.search(block)
        if loc:
            lastmod = SITEMAP_LASTMOD.search(block)
            stamp = lastmod.group(1).decode("ascii", "replace") if lastmod else None
            entries.append((loc.group(1).decode("utf-8", "replace"), stamp))
    children = [
        loc.group(1).decode("utf-8", "replace")
        for block in SITEMAP_CHILD.findall(body)
        if (loc := SITEMAP_LOC.search(block))
    ]
    return entries, children
