"""Load the demo municipality's site data (TOML in seeds/demo/) into frozen specs."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cmn_audit.demo.documents import NEW_PAGE
from cmn_audit.demo.recipes import expand_recipes
from reports.russian import MONTHS_GENITIVE

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds" / "demo"
FILE_EXTENSIONS = {
    "pdf": "pdf",
    "scan": "pdf",
    "docx": "docx",
    "rtf": "rtf",
    "xlsx": "xlsx",
    "jpg": "jpg",
    "zip": "zip",  # an archive of several documents (`members`), read file by file
    "html": "html",  # an act printed as the text of a page (a `printed` block shows it)
}
DOCUMENT_STATUSES = ("ok", "missing", "soft_error")


@dataclass(frozen=True)
class MenuItem:
    """One menu entry; children form the drop-down submenu."""

    title: str
    path: str
    children: tuple[MenuItem, ...] = ()


@dataclass(frozen=True)
class Block:
    """One block of a page body: text, heading, boilerplate, links, news, curator card, a
    document shown in a frame or as a picture, news the page tells itself, a pager, or an
    anchored block of a one-page site (its `blocks` nested)."""

    type: str
    fields: Mapping[str, Any]


CARD_URLS = ("/file/card?id={n}", "/file/download?id={n}")
# A card whose «Скачать» is a form posting the file's number (card_form.html).
FORM_CARD = "card_form.html"


@dataclass(frozen=True)
class DocumentEntry:
    """A document the site publishes, with its final text and its ground-truth facts."""

    id: str
    title: str
    format: str  # pdf | docx | scan | rtf | xlsx | jpg
    kind: str
    audience: str
    status: str  # ok | missing (404) | soft_error (HTML error page under the file's name)
    path: str | None
    card: int | None
    date: dt.date | None
    number: str | None
    paragraphs: tuple[str, ...]
    tables: tuple[tuple[tuple[str, ...], ...], ...]
    host: str | None = None  # an external file host (a stand-in for Яндекс Диск) serving it
    # Where a card and its file live ({n}: the card's number): the regional constructors'
    # /file/card?id=N, or a card page of the site's «Документы» tree with an extension-less
    # download address, the file typed only by its headers (`download_type`).
    card_urls: tuple[str, str] = CARD_URLS
    download_type: str | None = None
    # A bundle's documents one after another: (kind, audience, title) of each template.
    parts: tuple[tuple[str, str, str], ...] = ()
    # The page a card is rendered with: card.html (title, «Скачать», the text layer),
    # viewer.html (a document viewer whose «Скачать оригинал» hands over the file) or
    # card_form.html (a registry page whose «Скачать» is a POST form).
    card_template: str = "card.html"
    # A ZIP archive's files: (file name, format, paragraphs, tables) of each, in order.
    members: tuple[tuple[str, str, tuple[str, ...], tuple], ...] = ()
    # Hyperlinks the file holds (a DOCX whose annex is a link): (document id, link text).
    links: tuple[tuple[str, str], ...] = ()

    @property
    def link_path(self) -> str:
        """The URL path pages link to: the card page when the file sits behind one."""
        return self.card_urls[0].format(n=self.card) if self.card is not None else str(self.path)

    @property
    def file_path(self) -> str:
        """The URL path of the file itself."""
        return self.card_urls[1].format(n=self.card) if self.card is not None else str(self.path)

    @property
    def file_ext(self) -> str:
        return FILE_EXTENSIONS[self.format]


@dataclass(frozen=True)
class NewsEntry:
    """A news item; `mentorship` marks the ground truth for the audit.

    A path with a fragment (`/nast.html#news-1`) is news a page tells itself in a dated
    paragraph (a `told` block), with no page of its own. `category` puts an item in a blog
    category that a `news` block lists (a Joomla K2 section) instead of the site's news list;
    `files` are the documents attached to the item's page."""

    path: str
    date: dt.date
    title: str
    mentorship: bool
    audience: str
    paragraphs: tuple[str, ...]
    category: str = ""
    files: tuple[str, ...] = ()

    @property
    def told_on(self) -> str | None:
        """The page that tells this item in a dated paragraph, if it has no page of its own."""
        page, hashmark, _ = self.path.partition("#")
        return page if hashmark else None


@dataclass(frozen=True)
class RouteEntry:
    """A special route declared in the data: a redirect (`location`) or an error status."""

    path: str
    status: int
    location: str | None = None


@dataclass(frozen=True)
class SiteSpec:
    """Everything needed to build and describe one site."""

    org_id: str
    name: str
    short_name: str
    kind: str
    email: str
    head_name: str
    head_initials: str
    village: str
    address: str
    phone: str
    scenario: str
    platform: str
    encoding: str
    section: str | None
    news_list: str
    menu: tuple[MenuItem, ...]
    pages: tuple[tuple[str, str, tuple[Block, ...]], ...]  # (path, title, blocks)
    documents: tuple[DocumentEntry, ...]
    news: tuple[NewsEntry, ...]
    routes: tuple[RouteEntry, ...]
    footer_links: tuple[MenuItem, ...] = ()
    js_menu: bool = False  # the menu exists only inside a <script> that writes it
    menu_json: bool = False  # that script fetches the menu from /menu.json (js_menu sites)
    sitemap: bool = True  # the site publishes sitemap.xml
    search: tuple[str, ...] = ()  # queries its search form answers (result pages are built)
    delay: float = 0.0  # seconds the server waits before every answer
    disallow: tuple[str, ...] = ()  # extra robots.txt Disallow paths
    news_page_size: int | None = None  # news list split into pages of this size
    news_page: str = "?page={n}"  # appended to the news list path for page n ≥ 2
    news_title: str = "Новости"  # the news list's heading («Жизнь школы»)
    # Older news only in a month archive ("/{y}/{m}/"): the list shows the latest
    # `news_page_size` items and, in its sidebar, every month «Март 2023 (1)».
    news_archive: str | None = None
    feed: str | None = None  # an RSS feed of the news at this path, declared in every <head>
    # Month pages of the archive list their items without dates (each item prints its own).
    news_archive_undated: bool = False
    # The list's further pages come through a «Показать ещё» button (`data-url`), no pager.
    news_more: bool = False
    # The news list is a calendar: a month grid a page, «« Раньше» to the month before.
    news_calendar: bool = False
    # The home page is a frameset: a menu frame and a content frame (FRAMESET_PAGES).
    frameset: bool = False
    # A drop-down «Быстрый переход» that opens the chosen page (`onchange="location=…"`).
    select_menu: tuple[MenuItem, ...] = ()
    # Banners of every page: a picture link named only by its `alt` (path, alt, image).
    banners: tuple[MenuItem, ...] = ()
    expect_pass: tuple[str, ...] = ()  # rule ids a methodologist would pass; the rest fail
    expect_not_checked: tuple[str, ...] = ()
    expect_not_applicable: tuple[str, ...] = ()  # not for the organisation's type (a kindergarten)

    def document(self, doc_id: str) -> DocumentEntry:
        """The document with id `doc_id`; a dangling reference in the data is an error."""
        for entry in self.documents:
            if entry.id == doc_id:
                return entry
        raise KeyError(f"{self.org_id}: no document {doc_id!r}")


@dataclass(frozen=True)
class FileHostSpec:
    """A stand-in for an external file host: the service it imitates, its public links."""

    name: str  # the value of a document's `host`
    imitates: str  # a host id of crawler/file_hosts.toml: yandex_disk | google_drive | mail_cloud
    title: str  # the service as its pages name it
    link: str  # path of a public link: {org}, {index}, {file}, {key} (a stable hash)


@dataclass(frozen=True)
class MunicipalitySpec:
    """The district: its name, shared boilerplate, the ИМЦ site and the schools."""

    name: str
    name_genitive: str
    resource_site: str
    resource_path: str
    boilerplate: Mapping[str, tuple[str, ...]]
    resource: SiteSpec
    schools: tuple[SiteSpec, ...]
    # External file hosts, each a stand-in on its own origin: name → what it imitates.
    file_hosts: Mapping[str, FileHostSpec] = field(default_factory=dict)


def russian_date(value: dt.date) -> str:
    """«14 октября 2022 г.» as school sites print news dates."""
    return f"{value.day} {MONTHS_GENITIVE[value.month - 1]} {value.year} г."


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _fill(text: str, values: Mapping[str, str], where: str) -> str:
    try:
        return text.format_map(values)
    except KeyError as missing:
        raise ValueError(f"{where}: no value for placeholder {missing}") from None


def _bundled(templates: list[str], library: Mapping[str, Any]) -> dict[str, Any]:
    """Several templates one after another in one file, each from a new page (their tables
    last: only the final template may have one)."""
    paragraphs: list[str] = []
    for name in templates:
        if paragraphs:
            paragraphs.append(NEW_PAGE)
        paragraphs.extend(library[name].get("paragraphs", ()))
    tables = [table for name in templates for table in library[name].get("tables", ())]
    parts = [
        (library[name]["kind"], library[name]["audience"], library[name]["title"])
        for name in templates
    ]
    return {"paragraphs": paragraphs, "tables": tables, "parts": parts}


def _blocks(raw: Any) -> tuple[Block, ...]:
    """Page blocks from their data; an anchored block's own `blocks` nest."""
    return tuple(
        Block(
            b["type"],
            MappingProxyType(
                {k: _blocks(v) if k == "blocks" else v for k, v in b.items() if k != "type"}
            ),
        )
        for b in raw
    )


def _menu(raw: Mapping[str, Any]) -> MenuItem:
    children = tuple(_menu(child) for child in raw.get("children", ()))
    return MenuItem(raw["title"], raw["path"], children)


def _document(
    raw: Mapping[str, Any], library: Mapping[str, Any], values: Mapping[str, str], org_id: str
) -> DocumentEntry:
    status = raw.get("status", "ok")
    if status not in DOCUMENT_STATUSES:
        raise ValueError(f"{org_id}/{raw['id']}: unknown status {status!r}")
    date = raw.get("date")
    local = dict(values) | {k: str(v) for k, v in raw.get("vars", {}).items()}
    if date is not None:
        day = f"{date.day:02d}"
        local |= {
            "date": date.strftime("%d.%m.%Y"),
            "date_long": f"«{day}» {MONTHS_GENITIVE[date.month - 1]} {date.year} г.",
            "year": str(date.year),
            "year_next": str(date.year + 1),
        }
    if raw.get("number") is not None:
        local["number"] = raw["number"]
    source = library[raw["template"]] if "template" in raw else raw
    if "bundle" in source:
        source = _bundled(source["bundle"], library)
    where = f"{org_id}/{raw['id']}"
    paragraphs = tuple(_fill(p, local, where) for p in source.get("paragraphs", ()))
    parts = tuple(
        (kind, audience, _fill(title, local, where))
        for kind, audience, title in source.get("parts", ())
    )
    tables = tuple(
        tuple(tuple(_fill(cell, local, where) for cell in row) for row in table)
        for table in source.get("tables", ())
    )
    members = tuple(
        (
            member["file"],
            member["format"],
            tuple(
                _fill(p, local, where) for p in library[member["template"]].get("paragraphs", ())
            ),
            tuple(
                tuple(tuple(_fill(cell, local, where) for cell in row) for row in table)
                for table in library[member["template"]].get("tables", ())
            ),
        )
        for member in raw.get("members", ())
    )
    if members and not parts:
        parts = tuple(
            (
                library[m["template"]]["kind"],
                library[m["template"]]["audience"],
                _fill(library[m["template"]]["title"], local, where),
            )
            for m in raw["members"]
        )
    return DocumentEntry(
        id=raw["id"],
        title=raw["title"],
        format=raw["format"],
        kind=raw["kind"],
        audience=raw["audience"],
        status=status,
        path=raw.get("path"),
        card=raw.get("card"),
        date=date,
        number=raw.get("number"),
        paragraphs=paragraphs,
        tables=tables,
        host=raw.get("host"),
        card_urls=tuple(raw.get("card_urls", CARD_URLS)),
        download_type=raw.get("download_type"),
        parts=parts,
        card_template=raw.get("card_template", "card.html"),
        members=members,
        links=tuple((link["doc"], link["text"]) for link in raw.get("links", ())),
    )


def load_site(path: Path, library: Mapping[str, Any], district: Mapping[str, str]) -> SiteSpec:
    """Read one site's TOML, filling its documents from the shared template library."""
    return site_from_raw(_read(path), library, district)


def site_from_raw(
    raw: Mapping[str, Any], library: Mapping[str, Any], district: Mapping[str, str]
) -> SiteSpec:
    """A site spec from its data (a site TOML or an expanded recipe)."""
    values = {
        "school": raw["name"],
        "school_short": raw["short_name"],
        "village": raw["village"],
        "head": raw["head_name"],
        "head_initials": raw["head_initials"],
        **district,
        **{k: str(v) for k, v in raw.get("vars", {}).items()},
    }
    pages = tuple(
        (page["path"], page["title"], _blocks(page.get("blocks", ())))
        for page in raw.get("pages", ())
    )
    news = tuple(
        NewsEntry(
            n["path"],
            n["date"],
            n["title"],
            n["mentorship"],
            n["audience"],
            tuple(n["paragraphs"]),
            n.get("category", ""),
            tuple(n.get("files", ())),
        )
        for n in raw.get("news", ())
    )
    return SiteSpec(
        org_id=raw["org_id"],
        name=raw["name"],
        short_name=raw["short_name"],
        kind=raw["kind"],
        email=raw["email"],
        head_name=raw["head_name"],
        head_initials=raw["head_initials"],
        village=raw["village"],
        address=raw["address"],
        phone=raw["phone"],
        scenario=raw["scenario"],
        platform=raw["platform"],
        encoding=raw["encoding"],
        section=raw.get("section"),
        news_list=raw.get("news_list", "/news/"),
        menu=tuple(_menu(item) for item in raw.get("menu", ())),
        pages=pages,
        documents=tuple(
            _document(d, library, values, raw["org_id"]) for d in raw.get("documents", ())
        ),
        news=news,
        routes=tuple(RouteEntry(**r) for r in raw.get("routes", ())),
        footer_links=tuple(_menu(item) for item in raw.get("footer_links", ())),
        js_menu=raw.get("js_menu", False),
        menu_json=raw.get("menu_json", False),
        sitemap=raw.get("sitemap", True),
        search=tuple(raw.get("search", ())),
        delay=raw.get("delay", 0.0),
        disallow=tuple(raw.get("disallow", ())),
        news_page_size=raw.get("news_page_size"),
        news_page=raw.get("news_page", "?page={n}"),
        news_title=raw.get("news_title", "Новости"),
        news_archive=raw.get("news_archive"),
        feed=raw.get("feed"),
        news_archive_undated=raw.get("news_archive_undated", False),
        news_more=raw.get("news_more", False),
        news_calendar=raw.get("news_calendar", False),
        frameset=raw.get("frameset", False),
        select_menu=tuple(_menu(item) for item in raw.get("select_menu", ())),
        banners=tuple(MenuItem(b["alt"], b["path"], ()) for b in raw.get("banners", ())),
        expect_pass=tuple(raw.get("expect", {}).get("pass", ())),
        expect_not_checked=tuple(raw.get("expect", {}).get("not_checked", ())),
        expect_not_applicable=tuple(raw.get("expect", {}).get("not_applicable", ())),
    )


def load_municipality(seeds: Path = SEEDS_DIR) -> MunicipalitySpec:
    """Read the whole demo municipality; schools in the order municipality.toml lists them."""
    muni = _read(seeds / "municipality.toml")
    library = _read(seeds / "library.toml")
    district = {"district": muni["name"], "district_gen": muni["name_genitive"]}
    hand_made = tuple(
        load_site(seeds / "sites" / f"{org_id}.toml", library, district)
        for org_id in muni["schools"]
    )
    generated = tuple(
        site_from_raw(raw, library, district) for raw in expand_recipes(seeds, library)
    )
    schools = hand_made + generated
    return MunicipalitySpec(
        name=muni["name"],
        name_genitive=muni["name_genitive"],
        resource_site=muni["resource_site"],
        resource_path=muni["resource_path"],
        boilerplate=MappingProxyType({k: tuple(v) for k, v in muni["boilerplate"].items()}),
        resource=load_site(seeds / f"{muni['resource_site']}.toml", library, district),
        schools=schools,
        file_hosts=MappingProxyType(
            {
                name: FileHostSpec(name, raw["imitates"], raw["title"], raw["link"])
                for name, raw in muni.get("file_hosts", {}).items()
            }
        ),
    )
