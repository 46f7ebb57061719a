"""Hostile school sites served on 127.0.0.1, crawled once: links to the centre's own files,
gzip bombs, malformed links, metadata addresses (docs/security.md)."""

from __future__ import annotations

import contextlib
import functools
import gzip
import threading
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest
from support import ORDER, PDF, Site, home, links, local_workspace, one_school_workspace, page

from cmn_audit.demo.documents import DocumentSpec, docx_bytes, pdf_bytes
from cmn_audit.demo.server import stop_all
from cmn_audit.messages import PARTIAL_CHECK_REASONS
from cmn_audit.pipeline import outputs
from cmn_audit.pipeline.audit import run_audit
from reports.writer import FORMATS as REPORT_FORMATS

pytestmark = pytest.mark.slow  # one crawl of three hostile sites

ENV_MARKER = "hostile-env-marker-7f3a"  # the SMTP password the crawl's environment carries
DOCX_MARKER = "Секретный локальный документ центра 9b1c"
BOMB_BYTES = 64 << 20  # inflates far past the 25 MB file limit and the 5 MB page limit
METADATA_URL = "http://169.254.169.254/latest/meta-data/prikaz.pdf"
QUICK_FORMATS = tuple(name for name in REPORT_FORMATS if name != "pdf")
SECTION_SLUG = "/razdel-17/"  # no transliterated word: only the link text names the section


def gzip_bomb(size: int) -> bytes:
    """`size` zero bytes gzipped, compressed chunk by chunk (a few hundred kilobytes)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(1 << 20)
    parts = [packer.compress(chunk) for _ in range(size >> 20)]
    return b"".join([*parts, packer.flush()])


def links_school(site: Site, secret_docx: Path) -> None:
    """A section whose first links are hostile and whose last one is a real order."""
    site.add("/", home([("/nastavnichestvo/", "Наставничество")]))
    hostile = [
        ("C:\\Users\\Завуч\\Documents\\Положение.docx", "Положение о наставничестве"),
        ("JAVASCRIPT:alert(1)//plan.pdf", "Дорожная карта"),
        ("http://[bad/prikaz.pdf", "Приказ с битым адресом"),
        (f"file://{secret_docx}", "Программа наставничества"),
        ("/files/environ.docx", "База наставников"),
        ("/files/zero.pdf", "Итоги мониторинга"),
        (METADATA_URL, "Приказ о закреплении пар"),
        ("/files/bomb.pdf", "Методические рекомендации"),
        ("/nastavnichestvo/bomb/", "Новости наставничества"),
        ("/files/prikaz.pdf", "Приказ о внедрении целевой модели наставничества"),
    ]
    site.add("/nastavnichestvo/", page("Наставничество", links(hostile)))
    site.routes["/files/environ.docx"] = {"status": 302, "location": "file:///proc/self/environ"}
    site.routes["/files/zero.pdf"] = {"status": 302, "location": "file:///dev/zero"}
    bomb = {"Content-Encoding": "gzip"}
    site.add("/files/bomb.pdf", gzip_bomb(BOMB_BYTES), PDF, headers=bomb)
    site.add("/nastavnichestvo/bomb/", gzip_bomb(BOMB_BYTES), headers=bomb)
    site.add("/files/prikaz.pdf", pdf_bytes(ORDER))


def sitemap_school(site: Site) -> None:
    """No section in the menus; the sitemap names local files as the section."""
    site.add("/", page("Школа", "<p>Сайт школы.</p>"))
    entries = "".join(
        f"<url><loc>{url}</loc></url>"
        for url in (
            "file:///proc/self/environ?nastavnichestvo",
            "file:///dev/zero?nastavnichestvo",
            "ftp://127.0.0.1/nastavnichestvo/",
        )
    )
    sitemap = f'<?xml version="1.0"?><urlset>{entries}</urlset>'
    site.add("/sitemap.xml", sitemap, "application/xml")


def charset_school(site: Site) -> None:
    """UTF-8 pages the server declares as windows-1251."""
    lying = "text/html; charset=windows-1251"
    site.add("/", home([(SECTION_SLUG, "Наставничество")]), lying)
    section = page("Наставничество", links([("/files/prikaz.pdf", "Приказ о внедрении ЦМН")]))
    site.add(SECTION_SLUG, section, lying)
    site.add("/files/prikaz.pdf", pdf_bytes(ORDER))


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Iterator[dict]:
    root = tmp_path_factory.mktemp("hostile")
    secret = root / "secret.docx"
    secret.write_bytes(docx_bytes(DocumentSpec(["ПРИКАЗ", DOCX_MARKER, "наставничество"])))
    sites = {name: Site(root / name) for name in ("links", "map", "charset")}
    try:
        links_school(sites["links"], secret)
        sitemap_school(sites["map"])
        charset_school(sites["charset"])
        for site in sites.values():
            site.start()
        workspace, registry = local_workspace(root, sites)  # allow_private_addresses = true
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("CMN_AUDIT_SMTP_PASSWORD", ENV_MARKER)
            # Every report but the PDFs, which Chromium prints from the same HTML (10 s).
            quick = functools.partial(outputs.write_run_reports, formats=QUICK_FORMATS)
            patch.setattr(outputs, "write_run_reports", quick)
            outcome = run_audit(workspace, registry, echo=lambda _: None)
        con = duckdb.connect(str(workspace.db_path), read_only=True)
        yield {"con": con, "run": outcome.run_id, "sites": sites, "workspace": workspace}
        con.close()
    finally:
        stop_all([site.server for site in sites.values()])


def rows(crawled, sql: str, org_id: str) -> list[tuple]:
    return crawled["con"].execute(sql, [crawled["run"], org_id]).fetchall()


def documents(crawled, org_id: str) -> dict[str, tuple]:
    found = rows(
        crawled,
        "SELECT url, fetch_status, kind FROM documents WHERE run_id = ? AND org_id = ?",
        org_id,
    )
    origin = crawled["sites"][org_id].origin
    return {url.removeprefix(origin): (status, kind) for url, status, kind in found}


def workspace_bytes(root: Path) -> Iterator[tuple[Path, bytes]]:
    """Every file of the workspace, gzip members inflated (the WARC archive)."""
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            yield path, gzip.decompress(data) if path.suffix == ".gz" else data


def test_local_files_are_never_read_whatever_names_them(crawled):
    """Document links, redirects and sitemap entries to file://: nothing of the centre's
    files or of the crawler's environment reaches the evidence, the archive or the reports."""
    for path, data in workspace_bytes(crawled["workspace"].root):
        assert ENV_MARKER.encode() not in data, path
        for encoding in ("utf-8", "utf-16-le"):
            assert DOCX_MARKER.encode(encoding) not in data, path
    fetched = crawled["con"].execute(
        "SELECT url, outcome FROM fetches WHERE run_id = ? AND url NOT LIKE 'http%'",
        [crawled["run"]],
    )
    assert {outcome for _, outcome in fetched.fetchall()} <= {"bad_link"}


def test_a_sitemap_naming_local_files_gives_no_section(crawled):
    [(found, section)] = rows(
        crawled,
        "SELECT section_found, section_url FROM sites WHERE run_id = ? AND org_id = ?",
        "map",
    )
    assert (found, section) == (False, None)


def test_bad_links_are_findings_and_the_rest_of_the_section_is_read(crawled):
    found = documents(crawled, "links")
    assert found["/files/prikaz.pdf"] == ("ok", "order_implementation")
    assert found["C:\\Users\\Завуч\\Documents\\Положение.docx"][0] == "bad_link"
    local = next(url for url in found if url.startswith("file://"))
    assert found[local][0] == "bad_link"
    assert found["http://%5Bbad/prikaz.pdf"][0] == "bad_link"
    assert found["/files/environ.docx"][0] == "bad_link"  # a redirect to file:///proc/…
    assert found["/files/zero.pdf"][0] == "bad_link"
    assert not any(url.lower().startswith("javascript:") for url in found)


def test_metadata_address_stays_closed_when_private_addresses_are_allowed(crawled):
    assert documents(crawled, "links")[METADATA_URL][0] == "blocked_private"


def test_gzip_bombs_are_recorded_as_too_large(crawled):
    found = documents(crawled, "links")
    assert found["/files/bomb.pdf"][0] == "too_large"
    origin = crawled["sites"]["links"].origin
    [(outcome,)] = (
        crawled["con"]
        .execute(
            "SELECT outcome FROM fetches WHERE run_id = ? AND url = ?",
            [crawled["run"], origin + "/nastavnichestvo/bomb/"],
        )
        .fetchall()
    )
    assert outcome == "too_large"


def test_a_wrongly_declared_charset_is_read_by_content(crawled):
    [(section,)] = rows(
        crawled, "SELECT section_url FROM sites WHERE run_id = ? AND org_id = ?", "charset"
    )
    assert section == crawled["sites"]["charset"].origin + SECTION_SLUG
    assert documents(crawled, "charset")["/files/prikaz.pdf"] == ("ok", "order_implementation")


class TricklingSite(BaseHTTPRequestHandler):
    """A section of 20 files, each sent a byte at a time, forever."""

    def do_GET(self):  # noqa: N802 - the stdlib's name
        if self.path.startswith("/files/"):
            self._trickle()
            return
        files = [(f"/files/{n}.pdf", f"Приказ № {n}") for n in range(20)]
        pages = {
            "/": home([("/nastavnichestvo/", "Наставничество")]),
            "/nastavnichestvo/": page("Наставничество", links(files)),
        }
        body = pages.get(self.path, "").encode()
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", PDF)
        self.send_header("Content-Length", "1000000")
        self.end_headers()
        with contextlib.suppress(OSError):
            for _ in range(300):
                self.wfile.write(b"%")
                self.wfile.flush()
                time.sleep(0.2)

    def log_message(self, *args):
        pass


def test_a_site_that_trickles_forever_costs_its_time_budget_and_is_not_checked(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), TricklingSite)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        site = f"http://127.0.0.1:{server.server_address[1]}/"
        budget = {"timeout_seconds": 2, "max_minutes_per_site": 0.05}  # 3 s for the site
        workspace, registry = one_school_workspace(tmp_path, site, **budget)
        started = time.monotonic()
        with pytest.MonkeyPatch.context() as patch:
            quick = functools.partial(outputs.write_run_reports, formats=("json",))
            patch.setattr(outputs, "write_run_reports", quick)
            outcome = run_audit(workspace, registry, echo=lambda _: None)
        assert time.monotonic() - started < 30  # 20 files × 2 s × 2 tries without a budget
    finally:
        server.shutdown()
        server.server_close()
    con = duckdb.connect(str(workspace.db_path), read_only=True)
    try:
        run = [outcome.run_id]
        [site_row] = con.execute(
            "SELECT site_status, site_error FROM sites WHERE run_id = ?", run
        ).fetchall()
        assert site_row == ("incomplete", PARTIAL_CHECK_REASONS["time_budget"])
        statuses = {row[0] for row in con.execute("SELECT fetch_status FROM documents").fetchall()}
        assert "time_budget" in statuses and "ok" not in statuses
        outcomes = dict(con.execute("SELECT rule_id, outcome FROM rule_results").fetchall())
        # What the site was seen to publish (its section) still counts; nothing fails.
        assert {rule for rule, outcome in outcomes.items() if outcome == "pass"} == {"UI-01"}
        assert set(outcomes.values()) == {"pass", "not_checked"}
    finally:
        con.close()


def test_a_section_with_more_files_than_the_page_budget_is_checked_in_part(tmp_path):
    """Files past `max_pages_per_site` are never asked: the site is checked in part, and no
    rule fails on what was never read (the order may be among them)."""
    (tmp_path / "site").mkdir()
    site = Site(tmp_path / "site")
    files = [(f"/files/{n}.pdf", f"Документ № {n}") for n in range(12)]
    site.add("/", home([("/nastavnichestvo/", "Наставничество")]))
    site.add("/nastavnichestvo/", page("Наставничество", links(files)))
    for path, _ in files:
        site.add(path, pdf_bytes(ORDER), PDF)
    site.start()
    try:
        workspace, registry = one_school_workspace(
            tmp_path, site.origin + "/", max_pages_per_site=6
        )
        outcome = run_audit(workspace, registry, echo=lambda _: None)
    finally:
        stop_all([site.server])
    con = duckdb.connect(str(workspace.db_path), read_only=True)
    try:
        [site_row] = con.execute(
            "SELECT site_status, site_error FROM sites WHERE run_id = ?", [outcome.run_id]
        ).fetchall()
        assert site_row == ("incomplete", PARTIAL_CHECK_REASONS["page_budget"])
        outcomes = {row[0] for row in con.execute("SELECT outcome FROM rule_results").fetchall()}
        assert "fail" not in outcomes
    finally:
        con.close()
