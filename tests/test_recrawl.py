"""Re-audits ask only what changed; an interrupted crawl resumes; the crawl shows its progress."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, Response
from scrapy.settings import Settings
from support import cli, cli_command, one_school_workspace, write_registry

from cmn_audit import messages
from cmn_audit.demo.documents import DocumentSpec, pdf_bytes
from cmn_audit.pipeline.audit import CRAWL_STATS_FILE, run_audit
from crawler.http_cache import AuditCacheMiddleware, AuditCachePolicy

pytestmark = pytest.mark.slow  # each test crawls a site two or three times

DOCUMENT_COUNT = 8
HOME = (
    '<html><head><meta charset="utf-8"><title>Школа</title></head><body>'
    '<nav><ul class="menu"><li><a href="/nastavnichestvo/">Наставничество</a></li></ul></nav>'
    "<main><h1>МБОУ «СОШ № 7»</h1></main></body></html>"
)


def order(number: int) -> bytes:
    return pdf_bytes(
        DocumentSpec(
            [
                "МБОУ «СОШ № 7»",
                "ПРИКАЗ",
                f"от 01.09.2022 № {100 + number}-од",
                "О закреплении наставнических пар",
                f"Закрепить наставническую пару № {number}.",
                "Директор школы И. И. Иванов",
            ]
        )
    )


def section(count: int, extra: str = "") -> str:
    items = "".join(
        f'<li><a href="/files/prikaz{n}.pdf">Приказ о закреплении пары {n}</a></li>'
        for n in range(1, count + 1)
    )
    return (
        '<html><head><meta charset="utf-8"><title>Наставничество</title></head><body>'
        f"<main><h1>Наставничество</h1>{extra}<ul>{items}</ul></main></body></html>"
    )


@pytest.fixture
def school(static_site):
    """A school site whose section lists DOCUMENT_COUNT orders."""

    files: dict[str, bytes | str] = {
        "index.html": HOME,
        "nastavnichestvo/index.html": section(DOCUMENT_COUNT),
    }
    for n in range(1, DOCUMENT_COUNT + 1):
        files[f"files/prikaz{n}.pdf"] = order(n)
    return static_site(files)


def fetches(workspace, run_id: str) -> dict[str, tuple]:
    con = duckdb.connect(str(workspace.db_path), read_only=True)
    try:
        rows = con.execute(
            "SELECT url, purpose, cache_state, http_status FROM fetches WHERE run_id = ?",
            [run_id],
        ).fetchall()
    finally:
        con.close()
    return {url: rest for url, *rest in rows}


def site_root(tmp_path: Path) -> Path:
    """The folder the `static_site` fixture serves (its first site)."""
    return tmp_path / "site0"


def test_reaudit_revalidates_pages_and_takes_files_from_cache(tmp_path, school):
    workspace, registry = one_school_workspace(tmp_path, school)
    first = run_audit(workspace, registry, echo=lambda _: None)
    again = run_audit(workspace, registry, echo=lambda _: None)

    before, after = fetches(workspace, first.run_id), fetches(workspace, again.run_id)
    assert all(state is None for _, state, _ in before.values())
    assert set(after) == set(before)
    states = {url: state for url, (purpose, state, _) in after.items()}
    documents = [url for url, (purpose, _, _) in after.items() if purpose == "document"]
    assert len(documents) == DOCUMENT_COUNT
    # The section lists the documents: asked again (304); the files were downloaded less than
    # `trust_files_days` ago: not requested at all.
    assert states[school + "nastavnichestvo/"] == "revalidated"
    assert all(states[url] == "fresh" for url in documents)
    stats = json.loads((workspace.runs_dir / again.run_id / CRAWL_STATS_FILE).read_text())
    assert stats["documents"] == DOCUMENT_COUNT
    assert stats["network_requests"] < DOCUMENT_COUNT  # robots, home and section only


def test_changed_page_is_downloaded_again_and_its_new_link_followed(tmp_path, school):
    workspace, registry = one_school_workspace(tmp_path, school)
    run_audit(workspace, registry, echo=lambda _: None)
    root = site_root(tmp_path)
    page = root / "nastavnichestvo" / "index.html"
    (root / "files" / "prikaz9.pdf").write_bytes(order(9))
    page.write_text(section(DOCUMENT_COUNT + 1, "<p>Добавлен приказ</p>"), encoding="utf-8")
    future = time.time() + 5  # Last-Modified has one-second resolution
    os.utime(page, (future, future))

    again = run_audit(workspace, registry, echo=lambda _: None)
    after = fetches(workspace, again.run_id)
    assert after[school + "nastavnichestvo/"][1] is None  # changed: downloaded in full
    assert after[school + "files/prikaz9.pdf"][1] is None  # new: downloaded
    assert after[school + "files/prikaz1.pdf"][1] == "fresh"


def test_files_are_revalidated_when_trust_is_off(tmp_path, school):
    workspace, registry = one_school_workspace(tmp_path, school, trust_files_days=0)
    run_audit(workspace, registry, echo=lambda _: None)
    again = run_audit(workspace, registry, echo=lambda _: None)
    states = {
        state
        for purpose, state, _ in fetches(workspace, again.run_id).values()
        if purpose == "document"
    }
    assert states == {"revalidated"}


def test_removed_page_is_reported_not_served_from_cache(tmp_path, school):
    workspace, registry = one_school_workspace(tmp_path, school, trust_files_days=0)
    run_audit(workspace, registry, echo=lambda _: None)
    shutil.rmtree(site_root(tmp_path) / "nastavnichestvo")

    again = run_audit(workspace, registry, echo=lambda _: None)
    section_fetch = fetches(workspace, again.run_id)[school + "nastavnichestvo/"]
    assert tuple(section_fetch[1:]) == (None, 404)


def test_server_error_and_outage_never_fall_back_to_the_cached_copy():
    request = Request("http://school.example/nastavnichestvo/")
    cached = HtmlResponse(request.url, status=200, body=b"<html></html>", request=request)
    policy = AuditCachePolicy(Settings())
    assert not policy.is_cached_response_valid(cached, Response(request.url, status=503), request)
    assert policy.is_cached_response_valid(cached, Response(request.url, status=304), request)
    assert AuditCacheMiddleware.DOWNLOAD_EXCEPTIONS == ()


def test_killed_crawl_resumes_without_loss_or_duplicates(tmp_path, school):
    workspace, registry = one_school_workspace(tmp_path, school, download_delay=0.4)
    command = cli_command("run", "--workspace", str(workspace.root), "--registry", str(registry))
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    staging = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = list(workspace.runs_dir.glob("*/crawl.jsonl"))
        if found and found[0].read_text(encoding="utf-8").count('"DocumentItem"') >= 2:
            staging = found[0]
            break
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert staging is not None, "the crawl never reached its documents"
    interrupted_run = staging.parent.name

    lines: list[str] = []
    resumed = run_audit(workspace, registry, echo=lines.append)
    assert resumed.run_id == interrupted_run
    assert messages.RUN_RESUMED.format(run_id=interrupted_run) in lines
    con = duckdb.connect(str(workspace.db_path), read_only=True)
    try:
        runs = con.execute("SELECT run_id FROM runs").fetchall()
        urls = con.execute(
            "SELECT url FROM documents WHERE run_id = ?", [interrupted_run]
        ).fetchall()
        states = con.execute(
            "SELECT cache_state FROM fetches WHERE run_id = ? AND purpose = 'document'",
            [interrupted_run],
        ).fetchall()
    finally:
        con.close()
    assert runs == [(interrupted_run,)]
    assert sorted(url for (url,) in urls) == sorted(
        f"{school}files/prikaz{n}.pdf" for n in range(1, DOCUMENT_COUNT + 1)
    )
    assert ("fresh",) in states  # what the killed crawl had downloaded came from the cache


def test_crawl_prints_its_progress_in_russian(tmp_path, school):
    workspace, registry = one_school_workspace(tmp_path, school)
    args = ("--workspace", str(workspace.root), "--registry", str(registry), "--format", "json")
    completed = cli("run", *args)
    assert completed.returncode == 0, completed.stderr
    last = [line for line in completed.stderr.splitlines() if line.startswith("Обход сайтов")]
    assert last, completed.stderr
    assert last[-1].startswith("Обход сайтов: завершено 1 из 1;")
    assert f"документов {DOCUMENT_COUNT}" in last[-1]
    assert "Traceback" not in completed.stderr


def test_reaudit_starts_at_the_remembered_section_and_rediscovers_a_moved_one(
    tmp_path, static_site
):
    menu_home = HOME.replace(
        '<a href="/nastavnichestvo/">Наставничество</a>',
        '<a href="/sveden/">Сведения об образовательной организации</a>',
    )
    sveden = (
        '<html><head><meta charset="utf-8"><title>Сведения</title></head><body><main>'
        '<a href="/sveden/nastavnichestvo/">Наставничество</a></main></body></html>'
    )
    site = static_site(
        {
            "index.html": menu_home,
            "sveden/index.html": sveden,
            "sveden/nastavnichestvo/index.html": section(2),
            "files/prikaz1.pdf": order(1),
            "files/prikaz2.pdf": order(2),
        }
    )
    workspace, registry = one_school_workspace(tmp_path, site)
    first = run_audit(workspace, registry, echo=lambda _: None)
    again = run_audit(workspace, registry, echo=lambda _: None)
    assert "menu" in {purpose for purpose, _, _ in fetches(workspace, first.run_id).values()}
    assert "menu" not in {purpose for purpose, _, _ in fetches(workspace, again.run_id).values()}

    root = site_root(tmp_path)
    shutil.rmtree(root / "sveden" / "nastavnichestvo")
    (root / "sveden" / "cmn").mkdir()
    (root / "sveden" / "cmn" / "index.html").write_text(section(2), encoding="utf-8")
    (root / "sveden" / "index.html").write_text(
        sveden.replace("/sveden/nastavnichestvo/", "/sveden/cmn/"), encoding="utf-8"
    )
    moved = run_audit(workspace, registry, echo=lambda _: None)
    con = duckdb.connect(str(workspace.db_path), read_only=True)
    try:
        found = con.execute(
            "SELECT section_url FROM sites WHERE run_id = ?", [moved.run_id]
        ).fetchone()
        documents = con.execute(
            "SELECT count(*) FROM documents WHERE run_id = ?", [moved.run_id]
        ).fetchone()
    finally:
        con.close()
    assert found == (site + "sveden/cmn/",)
    assert documents == (2,)


def test_a_school_moved_to_another_address_is_searched_afresh(tmp_path, static_site):
    """The previous section is a hint for the same site only: after the registry gives a new
    address, the old host's section is never read, the new one is found from its home page."""
    old = static_site(
        {
            "index.html": HOME,
            "nastavnichestvo/index.html": section(2),
            "files/prikaz1.pdf": order(1),
            "files/prikaz2.pdf": order(2),
        }
    )
    new = static_site(
        {
            "index.html": HOME.replace("/nastavnichestvo/", "/cmn/"),
            "cmn/index.html": section(2),
            "files/prikaz1.pdf": order(1),
            "files/prikaz2.pdf": order(2),
        }
    )
    workspace, registry = one_school_workspace(tmp_path, old)
    run_audit(workspace, registry, echo=lambda _: None)
    write_registry(registry, new)
    moved = run_audit(workspace, registry, echo=lambda _: None)
    con = duckdb.connect(str(workspace.db_path), read_only=True)
    try:
        found = con.execute(
            "SELECT section_url FROM sites WHERE run_id = ?", [moved.run_id]
        ).fetchone()
        hosts = {
            url.split("/")[2]
            for (url,) in con.execute(
                "SELECT url FROM fetches WHERE run_id = ?", [moved.run_id]
            ).fetchall()
        }
        documents = con.execute(
            "SELECT count(*) FROM documents WHERE run_id = ?", [moved.run_id]
        ).fetchone()
    finally:
        con.close()
    assert found == (new + "cmn/",)
    assert hosts == {new.split("/")[2]}
    assert documents == (2,)
