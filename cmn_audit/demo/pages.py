"""Render a demo site's HTML pages (layout per platform) from its spec with Jinja2."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from cmn_audit.demo.spec import (
    Block,
    DocumentEntry,
    MunicipalitySpec,
    NewsEntry,
    SiteSpec,
    russian_date,
)

TEMPLATES_DIR = Path(__file__).parent / "templates"
MENU_JSON_PATH = "/menu.json"
# Result page of the site's search form (the WordPress form: action "/", field "s").
SEARCH_FORM = {"action": "/", "field": "s"}
COPYRIGHT_YEAR = 2024
# Where WordPress's PDF.js viewer plugin lives; `frame` blocks with tag "pdfjs" show a file in it.
PDFJS_VIEWER = "/wp-content/plugins/pdfjs-viewer-shortcode/pdfjs/web/viewer.html"
FRAME_TAGS = ("embed", "iframe", "object", "pdfjs")
# A frameset home's frames: the menu, and the content the home page's blocks fill.
FRAMESET_PAGES = {"menu": "/menu.htm", "main": "/main.htm"}
# A calendar's page for an earlier month: the news list's path and this query.
CALENDAR_MONTH = "?month={y}-{m}"
WEEKDAYS = ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс")
MONTHS_NOMINATIVE = (
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
)


@dataclass(frozen=True)
class RenderedPage:
    """An HTML page ready to write: its URL (path and query) and its text."""

    url: str
    html: str


def environment() -> Environment:
    """The one Jinja2 environment of the demo sites (autoescape on, strict variables)."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class SiteRenderer:
    """Renders every page of one site; knows its menu, news and cross-site origins."""

    def __init__(
        self,
        site: SiteSpec,
        muni: MunicipalitySpec,
        origins: Mapping[str, str],
        env: Environment,
    ) -> None:
        self.site = site
        self.muni = muni
        self.origins = origins
        self.env = env
        self.titles = self._menu_titles()

    def _menu_titles(self) -> dict[str, tuple[str, str | None]]:
        titles: dict[str, tuple[str, str | None]] = {}
        for item in self.site.menu:
            titles[item.path] = (item.title, None)
            for child in item.children:
                titles[child.path] = (child.title, item.path)
        return titles

    def _crumbs(self, path: str, title: str) -> list[dict[str, str]]:
        crumbs = [{"href": "/", "text": "Главная"}]
        parent = self.titles.get(path, (title, None))[1]
        if parent is not None:
            crumbs.append({"href": parent, "text": self.titles[parent][0]})
        return crumbs

    def _page(self, template: str, url: str, title: str, **context: Any) -> RenderedPage:
        charset = self.site.encoding
        html = self.env.get_template(template).render(
            layout=f"base_{self.site.platform}.html",
            site=self.site,
            municipality=self.muni.name,
            charset=charset,
            title=title,
            crumbs=[] if url == "/" else self._crumbs(url, title),
            news_list=self.site.news_list,
            year=COPYRIGHT_YEAR,
            menu_data=self.menu_data() if self.site.js_menu else None,
            menu_url=MENU_JSON_PATH if self.site.menu_json else None,
            search_form=SEARCH_FORM if self.site.search else None,
            feed=self.site.feed,
            **context,
        )
        return RenderedPage(url, html)

    def menu_data(self) -> list[dict[str, Any]]:
        """The menu as the data a site script turns into links in the browser."""
        return [
            {
                "t": item.title,
                "u": item.path,
                "c": [{"t": c.title, "u": c.path} for c in item.children],
            }
            for item in self.site.menu
        ]

    def _news_pages(self) -> Iterator[RenderedPage]:
        if not self.site.news_list:
            return  # news only in the feed (or on the home page): no list of its own
        if self.site.news_archive:
            yield from self._archive_pages()
            return
        if self.site.news_calendar:
            yield from self._calendar_pages()
            return
        items = self._news_items("all", None)
        size = self.site.news_page_size or max(1, len(items))
        chunks = [items[start : start + size] for start in range(0, len(items), size)] or [[]]
        urls = [self.site.news_list] + [
            self.site.news_list + self.site.news_page.format(n=n) for n in range(2, len(chunks) + 1)
        ]
        pager = [{"href": url, "text": str(n)} for n, url in enumerate(urls, start=1)]
        if self.site.news_more:
            yield from self._more_pages(urls, chunks)
            return
        for url, chunk in zip(urls, chunks, strict=True):
            yield self._page(
                "news_list.html",
                url,
                self.site.news_title,
                items=chunk,
                pager=pager if len(urls) > 1 else [],
                current=url,
                archive=[],
            )

    def _more_pages(
        self, urls: list[str], chunks: list[list[dict[str, str]]]
    ) -> Iterator[RenderedPage]:
        """The list's first page, each with a «Показать ещё» button whose script loads the
        next portion from its `data-url`; the portions are bare fragments, as AJAX gets them."""
        for index, (url, chunk) in enumerate(zip(urls, chunks, strict=True)):
            more = urls[index + 1] if index + 1 < len(urls) else None
            if index == 0:
                yield self._page(
                    "news_list.html",
                    url,
                    self.site.news_title,
                    items=chunk,
                    pager=[],
                    current=url,
                    archive=[],
                    more=more,
                )
            else:
                html = self.env.get_template("news_more.html").render(items=chunk, more=more)
                yield RenderedPage(url, html)

    def _calendar_pages(self) -> Iterator[RenderedPage]:
        """A month grid a page, from the newest month with events back to the oldest; each
        links the month before («« Раньше»), quiet months included, as calendars do."""
        news = self._listed("all", "")
        if not news:
            return
        newest, oldest = news[0].date, news[-1].date
        months = []
        year, month = newest.year, newest.month
        while (year, month) >= (oldest.year, oldest.month):
            months.append((year, month))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        for index, (year, month) in enumerate(months):
            url = self.site.news_list if index == 0 else self._calendar_path(year, month)
            earlier = months[index + 1] if index + 1 < len(months) else None
            yield self._page(
                "news_calendar.html",
                url,
                self.site.news_title,
                caption=f"{MONTHS_NOMINATIVE[month - 1]} {year}",
                weekdays=WEEKDAYS,
                weeks=self._month_grid(year, month, news),
                earlier=self._calendar_path(*earlier) if earlier else None,
            )

    def _calendar_path(self, year: int, month: int) -> str:
        return self.site.news_list + CALENDAR_MONTH.format(y=year, m=f"{month:02d}")

    @staticmethod
    def _month_grid(year: int, month: int, news: list[NewsEntry]) -> list[list[dict[str, Any]]]:
        """Weeks of the month, Monday first: each day its number and the events of that day."""
        weeks = []
        for week in calendar.Calendar().monthdayscalendar(year, month):
            weeks.append(
                [
                    {
                        "day": day,
                        "events": [
                            {"href": n.path, "title": n.title}
                            for n in news
                            if day and n.date == dt.date(year, month, day)
                        ],
                    }
                    for day in week
                ]
            )
        return weeks

    def _archive_pages(self) -> Iterator[RenderedPage]:
        """The list with its latest items only, and a page per month («Март 2023 (1)» at
        /2023/03/), every month linked from the sidebar of each of these pages."""
        months: dict[tuple[int, int], list[NewsEntry]] = {}
        for news in self._listed("all", ""):
            months.setdefault((news.date.year, news.date.month), []).append(news)
        archive = [
            {
                "href": self._month_path(year, month),
                "text": f"{MONTHS_NOMINATIVE[month - 1]} {year} ({len(items)})",
            }
            for (year, month), items in months.items()
        ]
        latest = self._news_items("all", self.site.news_page_size)
        yield self._page(
            "news_list.html",
            self.site.news_list,
            self.site.news_title,
            items=latest,
            pager=[],
            current=self.site.news_list,
            archive=archive,
        )
        for (year, month), news in months.items():
            yield self._page(
                "news_list.html",
                self._month_path(year, month),
                f"{self.site.news_title}: {MONTHS_NOMINATIVE[month - 1].lower()} {year}",
                items=[
                    self._news_item(n) | ({"date": ""} if self.site.news_archive_undated else {})
                    for n in news
                ],
                pager=[],
                current="",
                archive=archive,
            )

    def _month_path(self, year: int, month: int) -> str:
        return str(self.site.news_archive).format(y=year, m=f"{month:02d}")

    def _listed(self, which: str, category: str) -> list[NewsEntry]:
        """News with pages of their own in a list (newest first): all or mentorship only,
        of the site's news list (category "") or of one blog category."""
        news = [
            n
            for n in self.site.news
            if n.told_on is None and n.category == category and (which == "all" or n.mentorship)
        ]
        return sorted(news, key=lambda n: (n.date, n.path), reverse=True)

    @staticmethod
    def _news_item(news: NewsEntry) -> dict[str, str]:
        return {"href": news.path, "date": russian_date(news.date), "title": news.title}

    def _news_items(
        self, which: str, limit: int | None, category: str = "", offset: int = 0
    ) -> list[dict[str, str]]:
        end = None if limit is None else offset + limit
        return [self._news_item(n) for n in self._listed(which, category)[offset:end]]

    def feed(self, origin: str) -> str:
        """The site's RSS 2.0 feed: every news item with a page of its own, newest first."""
        items = [
            {
                "title": news.title,
                "link": origin + news.path,
                "date": format_datetime(
                    dt.datetime(news.date.year, news.date.month, news.date.day, 9, tzinfo=dt.UTC)
                ),
                "summary": news.paragraphs[0] if news.paragraphs else "",
            }
            for news in sorted(
                (n for n in self.site.news if n.told_on is None),
                key=lambda n: (n.date, n.path),
                reverse=True,
            )
        ]
        return self.env.get_template("feed.xml").render(
            site=self.site, origin=origin, feed=self.site.feed, items=items
        )

    def _doc_href(self, entry: DocumentEntry) -> str:
        return (self.origins[entry.host] if entry.host else "") + entry.link_path

    def _link(self, item: Mapping[str, str]) -> dict[str, str]:
        if "doc" in item:
            entry = self.site.document(item["doc"])
            link = {"href": self._doc_href(entry), "text": entry.title}
            # A `label` is the link's own text («Просмотр»), the title stands beside it.
            return link | ({"label": item["label"]} if "label" in item else {})
        if "site" in item:
            return {"href": self.origins[item["site"]] + item["path"], "text": item["text"]}
        return {"href": item["href"], "text": item["text"]}

    def _block(self, block: Block, path: str) -> dict[str, Any]:
        fields = block.fields
        if block.type in ("text", "heading"):
            return {"type": block.type, "text": fields["text"]}
        if block.type == "boilerplate":
            return {"type": "paragraphs", "paragraphs": self.muni.boilerplate[fields["key"]]}
        if block.type == "links":
            items = [self._link(item) for item in fields["items"]]
            return {"type": "links", "heading": fields.get("heading"), "items": items}
        if block.type == "news":
            items = self._news_items(
                fields.get("filter", "all"),
                fields.get("limit"),
                fields.get("category", ""),
                fields.get("offset", 0),
            )
            return {"type": "news", "heading": fields.get("heading"), "items": items}
        if block.type == "curator":
            return {"type": "curator", **fields}
        if block.type == "frame":
            return self._frame(fields)
        if block.type == "image":
            entry = self.site.document(fields["doc"])
            return {"type": "image", "src": self._doc_href(entry), "alt": entry.title}
        if block.type == "submenu":
            items = [self._link(item) for item in fields["items"]]
            return {"type": "submenu", "heading": fields["heading"], "items": items}
        if block.type == "printed":
            entry = self.site.document(fields["doc"])
            return {"type": "printed", "paragraphs": entry.paragraphs, "tables": entry.tables}
        if block.type == "told":
            return {"type": "told", "heading": fields.get("heading"), "items": self._told(path)}
        if block.type == "pager":
            return {"type": "pager", "items": list(fields["items"])}
        if block.type == "anchor":
            return {
                "type": "anchor",
                "id": fields["id"],
                "heading": fields.get("heading"),
                "blocks": [self._block(b, path) for b in fields.get("blocks", ())],
            }
        raise ValueError(f"{self.site.org_id}: unknown block type {block.type!r}")

    def _frame(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        """A document the page shows under a heading: in `<embed>`, `<iframe>`, `<object>`
        or in the PDF.js viewer of a WordPress plugin (an iframe whose `?file=` names it)."""
        entry = self.site.document(fields["doc"])
        tag = fields.get("tag", "iframe")
        if tag not in FRAME_TAGS:
            raise ValueError(f"{self.site.org_id}: unknown frame tag {tag!r}")
        src = self._doc_href(entry)
        if tag == "pdfjs":
            src = f"{PDFJS_VIEWER}?file={quote(src, safe='')}&download=true&print=true"
        return {"type": "frame", "tag": tag, "src": src, "heading": entry.title}

    def _told(self, path: str) -> list[dict[str, str]]:
        """News this page tells in dated paragraphs, in the order of their fragments."""
        told = [n for n in self.site.news if n.told_on == path]
        told.sort(key=lambda n: int(n.path.rsplit("-", 1)[-1]))
        return [
            {"date": n.date.strftime("%d.%m.%Y"), "title": n.title, "text": " ".join(n.paragraphs)}
            for n in told
        ]

    def pages(self) -> Iterator[RenderedPage]:
        """Declared pages, stub pages for menu entries without one, news, card pages."""
        declared = {path for path, _, _ in self.site.pages} | {r.path for r in self.site.routes}
        for path, title, blocks in self.site.pages:
            rendered = [self._block(b, path) for b in blocks]
            if path == "/" and self.site.frameset:
                yield from self._frameset(title, rendered)
                continue
            yield self._page("page.html", path, title, blocks=rendered)
        for path, (title, _) in sorted(self.titles.items()):
            if path in declared or path == self.site.news_list or "#" in path:
                continue  # a menu entry may point at a block of a page (`/#kontakty`)
            stub = [{"type": "paragraphs", "paragraphs": self.muni.boilerplate["stub"]}]
            yield self._page("page.html", path, title, blocks=stub)
        if self.site.news or self.site.news_list in self.titles:
            yield from self._news_pages()
        for news in self.site.news:
            if news.told_on is not None:
                continue
            files = [self.site.document(doc_id) for doc_id in news.files]
            yield self._page(
                "news_item.html",
                news.path,
                news.title,
                date=russian_date(news.date),
                paragraphs=news.paragraphs,
                files=[{"href": self._doc_href(e), "text": e.title} for e in files],
            )
        for query in self.site.search:
            yield self._search_results(query)

    def _frameset(self, title: str, blocks: list[dict[str, Any]]) -> Iterator[RenderedPage]:
        """An old site's home: a frameset whose menu frame holds the whole menu and whose
        content frame shows what the home page would."""
        yield self._page("frameset.html", "/", title, frames=FRAMESET_PAGES)
        yield self._page("frame_menu.html", FRAMESET_PAGES["menu"], title)
        yield self._page("page.html", FRAMESET_PAGES["main"], title, blocks=blocks)

    def _search_results(self, query: str) -> RenderedPage:
        """The search form's answer to `query`: pages and news whose title holds its stem."""
        stem = query.lower()[:-2]
        found = [(path, title) for path, title, _ in self.site.pages if stem in title.lower()]
        found += [(n.path, n.title) for n in self.site.news if stem in n.title.lower()]
        items = [{"href": path, "text": title} for path, title in found]
        url = SEARCH_FORM["action"] + "?" + urlencode({SEARCH_FORM["field"]: query})
        block = {"type": "links", "heading": f"Найдено страниц: {len(items)}", "items": items}
        return self._page("page.html", url, f"Результаты поиска: {query}", blocks=[block])

    def card(self, entry: DocumentEntry, size: int) -> RenderedPage:
        """The constructor's file card: title, file facts, download link, the text layer (or
        a viewer page showing the text, with «Скачать оригинал»: `card_template`)."""
        text = () if entry.format == "scan" else entry.paragraphs
        rows = [" ".join(row) for table in entry.tables for row in table]
        action, _, query = entry.file_path.partition("?")
        return self._page(
            entry.card_template,
            entry.link_path,
            entry.title,
            download=entry.file_path,
            form_action=action,  # card_form.html posts the file's query as its fields
            form_fields=parse_qsl(query),
            file_label=f"{entry.file_ext.upper()}, {max(1, round(size / 1024))} Кб",
            posted=entry.date.strftime("%d.%m.%Y") if entry.date else None,
            paragraphs=[*text, *([] if entry.format == "scan" else rows)],
        )

    def error(self, url: str, heading: str, message: str) -> RenderedPage:
        """An error page as the site's CMS shows it (for 404s and soft errors alike)."""
        return self._page("error.html", url, heading, message=message)
