"""The demo's external file hosts: stand-ins that answer like Яндекс Диск, Google Диск and Облако
Mail.ru — a public link opens a page, and only the service's API or form leads to the file."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from cmn_audit.demo.builder import CONTENT_TYPES, ROUTES_FILE, disk_name, document_bytes
from cmn_audit.demo.pages import environment
from cmn_audit.demo.spec import DocumentEntry, FileHostSpec, MunicipalitySpec

YANDEX_LINK = re.compile(r"^(/[di]/[^/]+)(/.*)?$")
DRIVE_LINK = re.compile(r"^/file/d/([\w-]+)/")
JSON_TYPE = "application/json; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
VIEWER_MESSAGE = "Файл откроется в браузере: для просмотра и скачивания включите JavaScript."
DRIVE_WARNING = (
    "Google Диск не может проверить этот файл на вирусы: он слишком велик для проверки. "
    "Скачать файл всё равно?"
)


def _link_path(entry: DocumentEntry) -> str:
    return str(entry.path).split("?", 1)[0]


def _drive_fields(entry: DocumentEntry) -> list[tuple[str, str]]:
    """The hidden fields of Google Drive's large-file warning form, in page order."""
    match = DRIVE_LINK.match(_link_path(entry) + "/")
    assert match, entry.path
    uuid = hashlib.sha1(match.group(1).encode()).hexdigest()[:12]
    return [("id", match.group(1)), ("export", "download"), ("confirm", "t"), ("uuid", uuid)]


def hosted_file_path(host: FileHostSpec, entry: DocumentEntry) -> str:
    """Where the stand-in serves the file itself, the address its API or form leads to."""
    if host.imitates == "mail_cloud":
        return "/weblink/get" + _link_path(entry).removeprefix("/public")
    if host.imitates == "google_drive":
        return "/download?" + urlencode(_drive_fields(entry))
    digest = hashlib.sha1(_link_path(entry).encode()).hexdigest()[:16]
    return f"/files/{digest}/{entry.id}.{entry.file_ext}"


class FileHostBuilder:
    """Writes one stand-in's files and the route table the demo server answers from."""

    def __init__(self, host: FileHostSpec, origin: str, out_dir: Path) -> None:
        self.host = host
        self.origin = origin
        self.out_dir = out_dir
        self.routes: dict[str, dict[str, Any]] = {}
        self.env = environment()

    def _write(self, url: str, body: bytes, content_type: str, **extra: Any) -> None:
        name = disk_name(url)
        (self.out_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (self.out_dir / name).write_bytes(body)
        self.routes[url] = {"file": name, "status": 200, "type": content_type, **extra}

    def _page(self, url: str, heading: str, message: str, form: dict | None = None) -> None:
        html = self.env.get_template("file_host.html").render(
            service=self.host.title, heading=heading, message=message, form=form
        )
        self._write(url, html.encode("utf-8"), HTML_TYPE)

    def _json(self, url: str, data: Mapping[str, Any]) -> None:
        self._write(url, json.dumps(data, ensure_ascii=False).encode("utf-8"), JSON_TYPE)

    def add(self, entry: DocumentEntry) -> None:
        """The public link's page, the way to the file the service offers, and the file."""
        file_path = hosted_file_path(self.host, entry)
        self._page(_link_path(entry), entry.title, VIEWER_MESSAGE)
        if self.host.imitates == "yandex_disk":
            match = YANDEX_LINK.match(_link_path(entry))
            assert match, entry.path
            params = {"public_key": self.origin + match.group(1), "path": match.group(2) or ""}
            query = urlencode({key: value for key, value in params.items() if value})
            href = {"href": self.origin + file_path, "method": "GET", "templated": False}
            self._json(f"/v1/disk/public/resources/download?{query}", href)
        elif self.host.imitates == "google_drive":
            fields = _drive_fields(entry)
            form = {"action": self.origin + "/download", "fields": fields}
            query = urlencode([("export", "download"), ("id", fields[0][1])])
            self._page(f"/uc?{query}", entry.title, DRIVE_WARNING, form)
        name = f"{entry.title}.{entry.file_ext}"
        disposition = f"attachment; filename*=UTF-8''{quote(name)}"
        self._write(
            file_path,
            document_bytes(entry),
            CONTENT_TYPES[entry.file_ext],
            headers={"Content-Disposition": disposition},
        )

    def finish(self) -> None:
        """The service-wide answers, a bare 404 and the route table."""
        if self.host.imitates == "mail_cloud":
            weblink = {"count": "1", "url": self.origin + "/weblink/get"}
            self._json("/api/v2/dispatcher", {"body": {"weblink_get": [weblink]}, "status": 200})
        (self.out_dir / "_404.html").write_text("<html><body>404 Not Found</body></html>\n")
        self.routes["/_404"] = {"file": "_404.html", "status": 404, "type": HTML_TYPE}
        table = {"routes": self.routes, "not_found": "/_404", "delay": 0.0}
        text = json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True)
        (self.out_dir / ROUTES_FILE).write_text(text + "\n", encoding="utf-8")


def build_file_hosts(muni: MunicipalitySpec, root: Path, origins: Mapping[str, str]) -> None:
    """Build every file host's stand-in into `root/<name>/` (emptied first)."""
    for host in muni.file_hosts.values():
        out_dir = root / host.name
        if out_dir.exists():
            for path in sorted(out_dir.rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
        out_dir.mkdir(parents=True, exist_ok=True)
        builder = FileHostBuilder(host, origins[host.name], out_dir)
        for site in muni.schools:
            if site.scenario == "down":
                continue
            for entry in site.documents:
                if entry.host == host.name:
                    builder.add(entry)
        builder.finish()


def stand_ins(muni: MunicipalitySpec, origins: Mapping[str, str]) -> dict[str, str]:
    """What the crawler's CRAWL_FILE_HOST_OVERRIDES needs: imitated host id → stand-in origin."""
    return {host.imitates: origins[host.name] for host in muni.file_hosts.values()}
