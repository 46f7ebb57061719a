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
from cmn_audit.distributed.reading import NAMESPACE
from cmn_audit.distributed.redis_server import local_redis_server, redis_server_path
from cmn_audit.distributed.worker import _serve
from cmn_audit.pipeline.audit import run_audit
from cmn_audit.pipeline.facts import FactsCache
from cmn_audit.store import connect
from crawler.evidence import ContentStore
from crawler.extract import ExtractionJob, extract_isolated

pytestmark = pytest.mark.slow

# A school whose scans take OCR (jobs long enough to be killed mid-job), and three others.
SCHOOLS = ("oosh-zarechye", "sosh-krasny-yar", "sosh2-demidovo", "sosh-berezovka")
ACKS = f"{NAMESPACE}-jobs:__acks__.*"  # Dramatiq's per-worker sets of jobs being worked on
HEARTBEAT_MS = "1500"  # a killed worker's job goes to the other after 1.5 s of silence


@pytest.fixture
def redis_url(tmp_path: Path):
    if redis_server_path() is None:
        pytest.skip("redis-server не установлен (Debian: apt-get install redis-server)")
    with local_redis_server(tmp_path / "redis") as url:
        yield url


def _start_worker(url: str) -> subprocess.Popen:
    env = {**os.environ, "CMN_AUDIT_REDIS_HEARTBEAT_MS": HEARTBEAT_MS}
    return subprocess.Popen(
        [sys.executable, "-m", "cmn_audit", "worker", "--redis", url, "--processes", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _busy_workers(client: redis.Redis) -> int:
    return sum(1 for key in client.scan_iter(ACKS) if client.scard(key))


def _subset_registry(source: Path, target: Path, schools: tuple[str, ...]) -> Path:
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    kept = [rows[0]] + [row for row in rows[1:] if row[0] in schools]
    assert len(kept) == len(schools) + 1
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(kept)
    return target


def test_a_run_joined_by_two_workers_one_killed_audits_every_school_once(
    demo_audit, redis_url, tmp_path
):
    """Two workers join a run; one is SIGKILLed holding a job; the run ends with every school
    audited exactly once, every document read, and the verdicts of the local run."""
    registry = _subset_registry(
        demo_audit["municipality"].registry_path, tmp_path / "registry.csv", SCHOOLS
    )
    init_demo_workspace(tmp_path / "ws", crawl={**DEMO_CRAWL, "download_delay": 0.0})
    workspace = load_demo_workspace(tmp_path / "ws", demo_audit["municipality"])
    client = redis.Redis.from_url(redis_url)
    victim, survivor = _start_worker(redis_url), _start_worker(redis_url)
    killed: list[float] = []

    def kill_when_both_busy() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and victim.poll() is None:
            if _busy_workers(client) == 2:  # each worker holds a job: the victim is mid-job
                victim.send_signal(signal.SIGKILL)
                killed.append(time.monotonic())
                return
            time.sleep(0.01)

    killer = threading.Thread(target=kill_when_both_busy, daemon=True)
    killer.start()
    try:
        outcome = run_audit(workspace, registry, echo=lambda _: None, redis_url=redis_url)
    finally:
        killer.join(timeout=5)
        for worker in (victim, survivor):
            worker.kill()
            worker.wait()
    assert killed, "the victim was never seen holding a job"
    assert victim.returncode == -signal.SIGKILL

    con = connect(workspace.db_path, read_only=True)
    local = demo_audit["con"]
    local_run = demo_audit["first"].run_id
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

        def verdicts(connection, run_id):
            return connection.execute(
                "SELECT org_id, rule_id, outcome FROM rule_results WHERE run_id = ? "
                "AND list_contains(?, org_id) ORDER BY ALL",
                [run_id, list(SCHOOLS)],
            ).fetchall()

        def readings(connection, run_id):
            return connection.execute(
                "SELECT org_id, url, extract_status, text_source, kind FROM documents "
                "WHERE run_id = ? AND list_contains(?, org_id) ORDER BY ALL",
                [run_id, list(SCHOOLS)],
            ).fetchall()

        assert verdicts(con, outcome.run_id) == verdicts(local, local_run)
        assert readings(con, outcome.run_id) == readings(local, local_run)
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
