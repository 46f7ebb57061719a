"""`python -m benchmarks region-workers N`: the region's reading by one worker, then by two.

Every document the first N schools of the synthetic region publish (text PDFs, scans, DOCX…,
each its own SHA-256) is read through Redis (`cmn-audit run --redis`'s reader) by one
`cmn-audit worker` process, then by two; each worker is held to one core of its own
(sched_setaffinity, inherited by its reading pool and Tesseract), and each round has a fresh
redis-server. The speed-up is the ratio of the two walls, measured in the same run.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

from benchmarks.region.build import build_region, site_dirs
from benchmarks.region.schools import school
from cmn_audit.demo.builder import ROUTES_FILE
from cmn_audit.distributed.coordinator import RedisReader
from cmn_audit.distributed.jobs import NAMESPACE
from cmn_audit.distributed.redis_server import local_redis_server
from cmn_audit.pipeline.facts import FactsCache
from crawler.evidence import ContentStore
from crawler.lifetime import die_with_parent

HEARTBEATS = f"{NAMESPACE}-jobs:__heartbeats__"


def region_documents(count: int, store: ContentStore) -> list[dict]:
    """Staging-like items of every document the first `count` schools serve themselves."""
    region = build_region(count)
    folders = site_dirs(region)
    items = []
    for index in range(count):
        spec = school(index)
        folder = folders.get(spec.org_id)
        if folder is None or not (folder / ROUTES_FILE).is_file():
            continue  # a school that is down serves nothing
        routes = json.loads((folder / ROUTES_FILE).read_text(encoding="utf-8"))["routes"]
        for entry in spec.documents:
            if entry.status != "ok" or entry.host or entry.file_path not in routes:
                continue
            data = (folder / routes[entry.file_path]["file"]).read_bytes()
            ext = "pdf" if entry.format == "scan" else entry.format
            sha = store.put(data)
            items.append({"sha256": sha, "fetch_status": "ok", "file_ext": ext})
            items[-1]["content_type"] = None
    return items


def _worker(url: str, core: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cmn_audit", "worker", "--redis", url, "--processes", "1"]
        + ["--crawl-sites", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=lambda: _pinned(core),
    )


def _pinned(core: int) -> None:
    """In the worker before it starts: one core of its own, and an end with the benchmark."""
    os.sched_setaffinity(0, {core})
    die_with_parent(signal.SIGTERM)


def read_with_workers(items: list[dict], store: ContentStore, workers: int, folder: Path) -> dict:
    """Wall time of reading every item through Redis with `workers` one-core workers."""
    cores = sorted(os.sched_getaffinity(0))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with local_redis_server(folder / f"redis-{workers}") as url:
        processes = [_worker(url, cores[k % len(cores)]) for k in range(workers)]
        try:
            client = redis.Redis.from_url(url)
            while client.zcard(HEARTBEATS) < workers:  # every worker is up and polling
                time.sleep(0.05)
            cache = FactsCache({}, {})
            start = time.perf_counter()
            cache.read_all(items, store, read=RedisReader(url, echo=lambda _: None))
            wall = time.perf_counter() - start
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers' trees, reaped
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    extractions = cache.extractions.values()
    return {
        "workers": workers,
        "wall_s": round(wall, 1),
        # CPU the workers' trees had: on a machine shared with other work, cores obtained
        # (cpu ÷ wall) below `workers` show what the wall lost to others.
        "workers_cpu_s": round(cpu, 1),
        "cores_obtained": round(cpu / wall, 2),
        "documents": len(cache.extractions),
        "ocr_pages": sum(e.ocr_pages or 0 for e in extractions),
        "failed": sum(e.status == "failed" for e in extractions),
    }


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 50
    with tempfile.TemporaryDirectory() as folder:
        store = ContentStore(Path(folder) / "files")
        items = region_documents(count, store)
        load = os.getloadavg()[0]
        one = read_with_workers(items, store, 1, Path(folder))
        one["load_average_after"] = round(os.getloadavg()[0], 2)
        two = read_with_workers(items, store, 2, Path(folder))
        two["load_average_after"] = round(os.getloadavg()[0], 2)
    figures = {
        "schools": count,
        "load_average_before": round(load, 2),
        "one_worker": one,
        "two_workers": two,
        "speed_up": round(one["wall_s"] / two["wall_s"], 2),
    }
    print(json.dumps(figures, indent=2))
    return 0
