"""Render a demo site's HTML pages (layout per platform) from its spec with Jinja2."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from cmn_audit.demo.spec import Block, DocumentEntry, MunicipalitySpec, SiteSpec, russian_date

TEMPLATES_DIR = Path(__file__).parent / "templates"
MENU_JSON_PATH = "/menu.json"
# Result page of the site's search form (the WordPress form: action "/", field "s").
SEARCH_FORM = {"action": "/", "field": "s"}
COPYRIGHT_YEAR = 2024


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
        items = self._news_items("all", None)
        size = self.site.news_page_size or max(1, len(items))
        chunks = [items[start : start + size] for start in range(0, len(items), size)] or [[]]
        urls = [self.site.news_list] + [
            self.site.news_list + self.site.news_page.format(n=n) for n in range(2, len(chunks) + 1)
        ]
        pager = [{"href": url, "text": str(n)} for n, url in enumerate(urls, start=1)]
        for url, chunk in zip(urls, chunks, strict=True):
            yield self._page(
                "news_list.html",
                url,
                "Новости",
                items=chunk,
                pager=pager if len(urls) > 1 else [],
                current=url,
            )

    def _news_items(self, which: str, limit: int | None) -> list[dict[str, str]]:
        news = [n for n in self.site.news if which == "all" or n.mentorship]
        news.sort(key=lambda n: (n.date, n.path), reverse=True)
        return [
            {"href": n.path, "date": russian_date(n.date), "title": n.title} for n in news[:limit]
        ]

    def _link(self, item: Mapping[str, str]) -> dict[str, str]:
        if "doc" in item:
            entry = self.site.document(item["doc"])
            origin = self.origins[entry.host] if entry.host else ""
            return {"href": origin + entry.link_path, "text": entry.title}
        if "site" in item:
            return {"href": self.origins[item["site"]] + item["path"], "text": item["text"]}
        return {"href": item["href"], "text": item["text"]}

    def _block(self, block: Block) -> dict[str, Any]:
        fields = block.fields
        if block.type in ("text", "heading"):
            return {"type": block.type, "text": fields["text"]}
        if block.type == "boilerplate":
            return {"type": "paragraphs", "paragraphs": self.muni.boilerplate[fields["key"]]}
        if block.type == "links":
            items = [self._link(item) for item in fields["items"]]
            return {"type": "links", "heading": fields.get("heading"), "items": items}
        if block.type == "news":
            items = self._news_items(fields.get("filter", "all"), fields.get("limit"))
            return {"type": "news", "heading": fields.get("heading"), "items": items}
        if block.type == "curator":
            return {"type": "curator", **fields}
        raise ValueError(f"{self.site.org_id}: unknown block type {block.type!r}")

    def pages(self) -> Iterator[RenderedPage]:
        """Declared pages, stub pages for menu entries without one, news, card pages."""
        declared = {path for path, _, _ in self.site.pages} | {r.path for r in self.site.routes}
        for path, title, blocks in self.site.pages:
            yield self._page("page.html", path, title, blocks=[self._block(b) for b in blocks])
        for path, (title, _) in sorted(self.titles.items()):
            if path in declared or path == self.site.news_list:
                continue
            stub = [{"type": "paragraphs", "paragraphs": self.muni.boilerplate["stub"]}]
            yield self._page("page.html", path, title, blocks=stub)
        if self.site.news or self.site.news_list in self.titles:
            yield from self._news_pages()
        for news in self.site.news:
            yield self._page(
                "news_item.html",
                news.path,
                news.title,
                date=russian_date(news.date),
                paragraphs=news.paragraphs,
            )
        for query in self.site.search:
            yield self._search_results(query)

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
        """The constructor's file card: title, file facts, download link, the text layer."""
        text = () if entry.format == "scan" else entry.paragraphs
        rows = [" ".join(row) for table in entry.tables for row in table]
        return self._page(
            "card.html",
            entry.link_path,
            entry.title,
            download=entry.file_path,
            file_label=f"{entry.file_ext.upper()}, {max(1, round(size / 1024))} Кб",
            posted=entry.date.strftime("%d.%m.%Y") if entry.date else None,
            paragraphs=[*text, *([] if entry.format == "scan" else rows)],
        )

    def error(self, url: str, heading: str, message: str) -> RenderedPage:
        """An error page as the site's CMS shows it (for 404s and soft errors alike)."""
        return self._page("error.html", url, heading, message=message)
