"""What many tests need: a sample order, a one-school workspace, the CLI in a child process."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from cmn_audit.config import Workspace, init_workspace, load_workspace
from cmn_audit.demo.builder import ROUTES_FILE, disk_name
from cmn_audit.demo.documents import DocumentSpec
from cmn_audit.demo.server import DemoSiteServer

# An order introducing the mentorship model: classified as order_implementation for students.
ORDER = DocumentSpec(
    [
        "МБОУ «СОШ № 7»",
        "ПРИКАЗ",
        "от 01.09.2022 № 112-од",
        "О внедрении целевой модели наставничества обучающихся",
        "В соответствии с распоряжением Минпросвещения России от 25.12.2019 № Р-145 ПРИКАЗЫВАЮ:",
        "1. Внедрить целевую модель наставничества обучающихся.",
        "Директор школы И. И. Иванов",
    ]
)
HEAD = "Иванов Иван Иванович"  # the head of every test school
REGISTRY_HEADER = "id,name,short_name,kind,site_url,email,head_name,municipality\n"
# Sites served by the test on 127.0.0.1, crawled without pauses.
LOCAL_CRAWL = {"allow_private_addresses": True, "download_delay": 0.0}


def write_registry(path: Path, site_url: str, org_id: str = "s7") -> Path:
    """A registry of one school whose site is `site_url`."""
    path.write_text(
        REGISTRY_HEADER + f"{org_id},МБОУ «СОШ № 7»,СОШ № 7,школа,{site_url},"
        f"{org_id}@example.ru,Иванов Иван Иванович,Район\n",
        encoding="utf-8",
    )
    return path


def one_school_workspace(tmp_path: Path, site_url: str, **crawl) -> tuple[Workspace, Path]:
    """A fresh workspace under tmp_path/ws and a registry of one school at `site_url`."""
    init_workspace(tmp_path / "ws", overrides={"crawl": {**LOCAL_CRAWL, **crawl}})
    registry = write_registry(tmp_path / "registry.csv", site_url)
    return load_workspace(tmp_path / "ws"), registry


def cli_command(*args: str) -> list[str]:
    """The argv of `cmn-audit ARGS` run by this interpreter."""
    return [sys.executable, "-m", "cmn_audit", *args]


def cli(
    *args: str,
    cwd: Path | None = None,
    timeout: int = 300,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """`cmn-audit ARGS` in a child process, output captured as text, exit code unchecked."""
    return subprocess.run(
        cli_command(*args),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
        env=env,
    )


class TableRows(HTMLParser):
    """Rows of an HTML report carrying a data-* key (rule, level, run): attributes and cells."""

    def __init__(self, key: str = "data-rule-id") -> None:
        super().__init__()
        self.key = key
        self.rows: dict[str, dict[str, str]] = {}
        self.cells: dict[str, list[str]] = {}
        self._current: str | None = None

    def handle_starttag(self, tag, attrs):
        data = dict(attrs)
        if tag == "tr" and self.key in data:
            self._current = data[self.key]
            self.rows[self._current] = data
            self.cells[self._current] = []
        elif tag == "td" and self._current:
            self.cells[self._current].append("")

    def handle_endtag(self, tag):
        if tag == "tr":
            self._current = None

    def handle_data(self, data):
        if self._current and self.cells[self._current]:
            self.cells[self._current][-1] += data


def run_figures(results: dict) -> dict:
    """A run's headline figures counted here from its organisations, not by reports/:
    what results["history"] must say of the run."""
    orgs = results["organisations"]
    checked = [o for o in orgs if o["level"] != "not_checked"]
    scores = [o["score"] for o in orgs if o["score"] is not None]
    criteria = {}
    for rule in results["rules"]:
        outcomes = [
            r["outcome"] for o in orgs for r in o["results"] if r["rule_id"] == rule["rule_id"]
        ]
        judged = outcomes.count("pass") + outcomes.count("fail")
        criteria[rule["rule_id"]] = (
            round(100 * outcomes.count("pass") / judged, 1) if judged else None
        )
    return {
        "schools": len(orgs),
        "checked": len(checked),
        "levels": {
            key: sum(o["level"] == key for o in orgs)
            for key in ("compliant", "partial", "non_compliant", "not_checked")
        },
        "share_compliant": round(
            100 * sum(o["level"] == "compliant" for o in checked) / len(checked), 1
        ),
        "mean_score": round(sum(scores) / len(scores), 1),
        "criteria": criteria,
    }


# Local sites answering from a route table (exact paths and queries, chosen headers).
HTML = "text/html; charset=utf-8"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOT_FOUND = "<html><body><h1>Страница не найдена</h1></body></html>"


class Site:
    """A local site answering from a route table: exact paths and queries, chosen headers."""

    def __init__(self, root: Path) -> None:
        self.server = DemoSiteServer()
        self.root = root
        self.routes: dict[str, dict] = {}
        self.add("/_404", NOT_FOUND, status=404)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    def add(
        self,
        url: str,
        body: str | bytes,
        content_type: str = HTML,
        status: int = 200,
        headers: dict[str, str] | None = None,
    ):
        data = body.encode("utf-8") if isinstance(body, str) else body
        name = disk_name(url)
        (self.root / name).parent.mkdir(parents=True, exist_ok=True)
        (self.root / name).write_bytes(data)
        self.routes[url] = {"file": name, "status": status, "type": content_type}
        if headers:
            self.routes[url]["headers"] = headers

    def start(self) -> None:
        table = {"routes": self.routes, "not_found": "/_404", "delay": 0.0}
        (self.root / ROUTES_FILE).write_text(json.dumps(table), encoding="utf-8")
        self.server.load(self.root)
        self.server.start()


def page(title: str, body: str, charset: str = "utf-8") -> str:
    return (
        f'<html><head><meta charset="{charset}"><title>{title}</title></head>'
        f"<body><main><h1>{title}</h1>{body}</main></body></html>"
    )


def links(items: list[tuple[str, str]]) -> str:
    return (
        "<ul>" + "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in items) + "</ul>"
    )


def home(menu: list[tuple[str, str]], extra: str = "", head: str = "") -> str:
    nav = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in menu)
    return (
        f'<html><head><meta charset="utf-8"><title>Школа</title>{head}</head><body>'
        f'<nav><ul class="menu">{nav}</ul></nav>{extra}<main><h1>Школа</h1></main></body></html>'
    )


def local_workspace(root: Path, sites: dict[str, Site]) -> tuple[Workspace, Path]:
    """A workspace crawling without pauses, and a registry of `sites` (started) by name."""
    registry = root / "registry.csv"
    rows = [
        f"{name},Школа {name},{name},школа,{site.origin}/,{name}@example.ru,{HEAD},Район\n"
        for name, site in sites.items()
    ]
    registry.write_text(REGISTRY_HEADER + "".join(rows), encoding="utf-8")
    overrides = {"crawl": {"allow_private_addresses": True, "download_delay": 0.0}}
    init_workspace(root / "ws", overrides=overrides)
    return load_workspace(root / "ws"), registry
