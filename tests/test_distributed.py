"""Several machines on one run: documents read by `cmn-audit worker` processes through Redis.

redis-server is started by the tests on a loopback port, nothing saved to disk; a worker is a
real `cmn-audit worker` process, and one is killed by SIGKILL while it holds a job.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import redis

from cmn_audit.demo.audit import DEMO_CRAWL, init_demo_workspace, load_demo_workspace
from cmn_audit.demo.documents import DocumentSpec, docx_bytes, pdf_bytes
from cmn_audit.distributed.coordinator import RedisReader
from cmn_audit.distributed.jobs import NAMESPACE
from cmn_audit.distributed.redis_server import local_redis_server, redis_server_path
from cmn_audit.distributed.worker import _serve
from cmn_audit.pipeline.audit import run_audit
from cmn_audit.pipeline.facts import FactsCache
from cmn_audit.store import connect
from crawler.evidence import ContentStore
from crawler.extract import ExtractionJob, extract_isolated

pytestmark = pytest.mark.slow

# Two schools whose scans take OCR: jobs long enough to be killed mid-job.
SCHOOLS = ("oosh-zarechye", "sosh-krasny-yar")
HEARTBEAT_MS = "1000"  # a killed worker's jobs go to another after 1 s of silence


@pytest.fixture
def redis_url(tmp_path: Path):
    if redis_server_path() is None:
        pytest.skip("redis-server не установлен (Debian: apt-get install redis-server)")
    with local_redis_server(tmp_path / "redis") as url:
        yield url


def _start_worker(url: str, *, command: bool = False) -> subprocess.Popen:
    """`cmn-audit worker` itself, or one of the processes it starts (lighter to import)."""
    env = {**os.environ, "CMN_AUDIT_REDIS_HEARTBEAT_MS": HEARTBEAT_MS}
    argv = (
        ["-m", "cmn_audit", "worker", "--redis", url, "--processes", "1", "--crawl-sites", "1"]
        if command
        else ["-m", "cmn_audit.distributed.worker", url, "1"]
    )  # one site at a time: the sites are shared out
    return subprocess.Popen(
        [sys.executable, *argv], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _children(pid: int) -> list[str]:
    """The command lines of a process's children: a crawl child, or a reading pool's fork."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append((stat.parent / "cmdline").read_bytes().decode(errors="replace"))
        except (OSError, IndexError, ValueError):
            continue
    return found


def _kill_mid_job(workers: list[subprocess.Popen], crawling: bool, deadline: float) -> bool:
    """SIGKILL the first of `workers` seen crawling a site (its crawl child runs) or reading a
    document (its isolated pool runs); whether one was caught in the act."""
    while time.monotonic() < deadline:
        for worker in workers:
            if worker.poll() is None and any(
                ("crawler.run" in child) == crawling for child in _children(worker.pid)
            ):
                worker.send_signal(signal.SIGKILL)
                worker.wait()
                return True
        time.sleep(0.01)
    return False


def _subset_registry(source: Path, target: Path, schools: tuple[str, ...]) -> Path:
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    kept = [rows[0]] + [row for row in rows[1:] if row[0] in schools]
    assert len(kept) == len(schools) + 1
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(kept)
    return target


def test_a_run_whose_workers_are_killed_mid_job_audits_every_school_once(
    demo_web, redis_url, tmp_path
):
    """Three workers join a run; one is SIGKILLed while it crawls a site, another while it
    reads a document; the run ends with every school audited exactly once, every document
    read, and the verdicts the demo's truth declares (those a local run gives: the demo
    scores 1.00 against it)."""
    registry = _subset_registry(demo_web.registry_path, tmp_path / "registry.csv", SCHOOLS)
    init_demo_workspace(tmp_path / "ws", crawl={**DEMO_CRAWL, "download_delay": 0.0})
    workspace = load_demo_workspace(tmp_path / "ws", demo_web)
    workers = [_start_worker(redis_url, command=k == 0) for k in range(3)]
    caught: list[str] = []

    def kill_one_crawling_then_one_reading() -> None:
        deadline = time.monotonic() + 120
        for crawling, stage in ((True, "crawl"), (False, "read")):
            if _kill_mid_job(workers, crawling, deadline):
                caught.append(stage)

    killer = threading.Thread(target=kill_one_crawling_then_one_reading, daemon=True)
    killer.start()
    try:
        outcome = run_audit(workspace, registry, echo=lambda _: None, redis_url=redis_url)
    finally:
        killer.join(timeout=5)
        for worker in workers:
            worker.kill()
            worker.wait()
    assert caught == ["crawl", "read"], "no worker was caught crawling, then one reading"

    con = connect(workspace.db_path, read_only=True)
    try:
        for table in ("organisations", "sites", "org_scores"):
            rows = con.execute(
                f"SELECT org_id, count(*) FROM {table} WHERE run_id = ? GROUP BY org_id",
                [outcome.run_id],
            ).fetchall()
            assert dict(rows) == dict.fromkeys(SCHOOLS, 1), table
        duplicates = con.execute(
            "SELECT count(*) FROM (SELECT org_id, url FROM documents WHERE run_id = ? "
            "GROUP BY ALL HAVING count(*) > 1)",
            [outcome.run_id],
        ).fetchone()[0]
        assert duplicates == 0
        cached = con.execute("SELECT count(*), count(DISTINCT sha256) FROM extraction_cache")
        total, distinct = cached.fetchone()
        assert total == distinct > 0
        unread = con.execute(
            "SELECT count(*) FROM documents WHERE run_id = ? AND fetch_status = 'ok' "
            "AND extract_status <> 'ok'",
            [outcome.run_id],
        ).fetchone()[0]
        assert unread == 0  # every downloaded file was read by a surviving worker
        sites = {site.org_id: site for site in demo_web.sites}
        for school in SCHOOLS:
            verdicts = dict(
                con.execute(
                    "SELECT rule_id, outcome FROM rule_results WHERE run_id = ? AND org_id = ?",
                    [outcome.run_id, school],
                ).fetchall()
            )
            assert verdicts == dict(sites[school].expected_rules), school
        ocr = con.execute(
            "SELECT count(*) FROM documents WHERE run_id = ? AND text_source = 'ocr'",
            [outcome.run_id],
        ).fetchone()[0]
        assert ocr > 0  # the scans were read by the workers' OCR
    finally:
        con.close()


def test_each_file_is_read_once_and_kept_once_whatever_the_job_list(redis_url, tmp_path):
    """The same bytes listed twice make one job and one cache row; a worker's reading is the
    local pool's, a broken file included (a status, not an exception)."""
    store = ContentStore(tmp_path / "files")
    order = DocumentSpec(["ПРИКАЗ № 12 от 01.09.2023", "О внедрении целевой модели наставничества"])
    shas = [store.put(pdf_bytes(order)), store.put(docx_bytes(order)), store.put(b"%PDF-1.4 x")]
    items = [
        {"sha256": sha, "fetch_status": "ok", "file_ext": ext, "content_type": None}
        for sha, ext in zip(shas + shas[:1], ["pdf", "docx", "pdf", "pdf"], strict=True)
    ]
    stopping: list[int] = []
    worker = threading.Thread(target=_serve, args=(redis_url, stopping), daemon=True)
    worker.start()
    try:
        cache = FactsCache({}, {})
        counts = cache.read_all(items, store, read=RedisReader(redis_url, echo=lambda _: None))
    finally:
        stopping.append(signal.SIGTERM)
        worker.join(timeout=30)
    assert counts.read_anew == 3
    rows = cache.new_rows()["extraction_cache"]
    assert sorted(row["sha256"] for row in rows) == sorted(shas)
    formats = ["pdf", "docx", "pdf"]
    jobs = [ExtractionJob(s, store.path(s), ext) for s, ext in zip(shas, formats, strict=True)]
    local = extract_isolated(jobs)
    assert {sha: cache.extractions[sha] for sha in shas} == local
    assert local[shas[2]].status != "ok"
    assert not redis.Redis.from_url(redis_url).keys(f"{NAMESPACE}:bytes:*")  # bytes cleared
