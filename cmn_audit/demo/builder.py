"""Build a demo site into a folder: pages, documents, robots.txt, sitemap and a route table."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment

from cmn_audit.demo.documents import (
    DocumentSpec,
    archive_bytes,
    docx_bytes,
    pdf_bytes,
    rtf_bytes,
    xlsx_bytes,
)
from cmn_audit.demo.pages import MENU_JSON_PATH, RenderedPage, SiteRenderer, environment
from cmn_audit.demo.scan import scan_jpg_bytes, scan_pdf_bytes
from cmn_audit.demo.spec import DocumentEntry, MunicipalitySpec, SiteSpec

ROUTES_FILE = "routes.json"
DISALLOWED = ("/admin/", "/search/")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "rtf": "application/rtf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "zip": "application/zip",
}
RENDERERS = {
    "pdf": pdf_bytes,
    "docx": docx_bytes,
    "scan": scan_pdf_bytes,
    "rtf": rtf_bytes,
    "xlsx": xlsx_bytes,
    "jpg": scan_jpg_bytes,
}
# A banner's picture: a plain blue 1×1 PNG (its words are only in the link's `alt`).
BANNER_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c49444154789c63d0885a000001d001231c12b62c0000000049454e44ae426082"
)
# Heading and text of the error pages; "soft" is the page some CMSs return with status 200
# in place of a deleted file.
ERROR_PAGES = {
    "soft": ("Файл не найден", "Запрашиваемый файл не найден или был удалён."),
    403: ("Ошибка 403", "Доступ запрещён."),
    404: ("Ошибка 404", "Страница не найдена. Возможно, она была удалена или перемещена."),
    500: ("Ошибка 500", "Внутренняя ошибка сервера. Попробуйте обновить страницу позже."),
}


def disk_name(url: str) -> str:
    """Where the body for `url` (path and optional query) is stored inside the site folder."""
    path, _, query = url.partition("?")
    rel = path.lstrip("/")
    if not rel or rel.endswith("/"):
        rel += "index.html"
    elif "." not in rel.rsplit("/", 1)[-1]:
        rel += "/index.html"  # /index.php/pedagogam may also be the parent of other pages
    return f"_query/{rel}/{query}" if query else rel


def has_extension(url: str) -> bool:
    """True when the address's last path segment names a file type (`…/prikaz.pdf`)."""
    return "." in url.partition("?")[0].rstrip("/").rsplit("/", 1)[-1]


def document_bytes(entry: DocumentEntry, links: tuple[tuple[str, str], ...] = ()) -> bytes:
    """The file a document entry stands for, rendered from its paragraphs and tables (an
    archive from its members'); `links` are (address, text) of the hyperlinks it holds."""
    if entry.format == "zip":
        return archive_bytes(
            [
                (name, RENDERERS[fmt](DocumentSpec(paragraphs, tables)))
                for name, fmt, paragraphs, tables in entry.members
            ]
        )
    if entry.format not in RENDERERS:
        raise ValueError(f"unknown document format {entry.format!r}")
    if links and entry.format != "docx":
        raise ValueError(f"{entry.id}: only a DOCX holds hyperlinks here")
    return RENDERERS[entry.format](DocumentSpec(entry.paragraphs, entry.tables, links))


class SiteBuilder:
    """Writes one site's files and collects the route table the server answers from."""

    def __init__(self, site: SiteSpec, out_dir: Path, renderer: SiteRenderer) -> None:
        self.site = site
        self.out_dir = out_dir
        self.renderer = renderer
        self.routes: dict[str, dict[str, Any]] = {}
        self.html_type = f"text/html; charset={site.encoding}"

    def _write(self, url: str, body: bytes, content_type: str, **extra: Any) -> None:
        if url in self.routes:
            raise ValueError(f"{self.site.org_id}: two bodies for {url}")
        name = disk_name(url)
        target = self.out_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        self.routes[url] = {"file": name, "status": 200, "type": content_type, **extra}

    def _html(self, page: RenderedPage, status: int = 200) -> None:
        body = page.html.encode(self.site.encoding, errors="xmlcharrefreplace")
        self._write(page.url, body, self.html_type)
        self.routes[page.url]["status"] = status

    def _document(self, entry: DocumentEntry) -> None:
        if entry.status == "missing" or entry.host is not None or entry.format == "html":
            return  # an act printed on a page is that page (a `printed` block)
        if entry.status == "soft_error":
            self._html(self.renderer.error(entry.file_path, *ERROR_PAGES["soft"]))
            return
        # A hyperlink in the file points where the site serves its target (root-relative).
        links = tuple((self.site.document(ref).link_path, text) for ref, text in entry.links)
        body = document_bytes(entry, links)
        extra: dict[str, Any] = {}
        if entry.card is not None or not has_extension(entry.file_path):
            # A file behind a card, or at an address without an extension (a K2 attachment's
            # /item/download/45_…): only the headers name it.
            name = f"{entry.title}.{entry.file_ext}"
            fallback = f"file_{entry.card or entry.id}.{entry.file_ext}"
            extra["headers"] = {
                "Content-Disposition": f'attachment; filename="{fallback}"; '
                f"filename*=UTF-8''{quote(name)}"
            }
        if entry.card is not None:
            self._html(self.renderer.card(entry, len(body)))
        content_type = entry.download_type or CONTENT_TYPES[entry.file_ext]
        self._write(entry.file_path, body, content_type, **extra)

    def _special_routes(self) -> None:
        for route in self.site.routes:
            if route.location is not None:
                self.routes[route.path] = {"status": route.status, "location": route.location}
                continue
            page = self.renderer.error(route.path, *ERROR_PAGES[route.status])
            self._html(page, status=route.status)

    def _robots_and_sitemap(self, origin: str, env: Environment) -> None:
        pages = sorted(
            url
            for url, route in self.routes.items()
            if route.get("type") == self.html_type and route["status"] == 200
        )
        if self.site.sitemap:
            sitemap = env.get_template("sitemap.xml").render(urls=[origin + url for url in pages])
            self._write("/sitemap.xml", sitemap.encode(), "application/xml; charset=utf-8")
        robots = env.get_template("robots.txt").render(
            disallow=(*DISALLOWED, *self.site.disallow), origin=origin, sitemap=self.site.sitemap
        )
        self._write("/robots.txt", robots.encode(), "text/plain; charset=utf-8")

    def build(self, origin: str, env: Environment) -> None:
        """Write every file and `routes.json`; the output depends only on spec and origins."""
        for page in self.renderer.pages():
            self._html(page)
        for entry in self.site.documents:
            self._document(entry)
        for index, _ in enumerate(self.site.banners, start=1):
            self._write(f"/images/banners/banner-{index}.png", BANNER_PNG, "image/png")
        if self.site.menu_json:
            menu = json.dumps(self.renderer.menu_data(), ensure_ascii=False).encode()
            self._write(MENU_JSON_PATH, menu, "application/json; charset=utf-8")
        if self.site.feed:
            feed = self.renderer.feed(origin).encode()
            self._write(self.site.feed, feed, "application/rss+xml; charset=utf-8")
        self._special_routes()
        self._robots_and_sitemap(origin, env)
        not_found = self.renderer.error("/_errors/404", *ERROR_PAGES[404])
        self._html(not_found, status=404)
        table = {"routes": self.routes, "not_found": "/_errors/404", "delay": self.site.delay}
        text = json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True)
        (self.out_dir / ROUTES_FILE).write_text(text + "\n", encoding="utf-8")


def build_site(
    site: SiteSpec, muni: MunicipalitySpec, out_dir: Path, origins: Mapping[str, str]
) -> Path:
    """Build `site` into `out_dir` (emptied first); `origins` maps org ids to base URLs."""
    if out_dir.exists():
        for path in sorted(out_dir.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
    out_dir.mkdir(parents=True, exist_ok=True)
    env = environment()
    renderer = SiteRenderer(site, muni, origins, env)
    SiteBuilder(site, out_dir, renderer).build(origins[site.org_id], env)
    return out_dir
