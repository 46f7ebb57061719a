"""`make bench-region N=…`: one audit of the synthetic region with the shipped politeness.

Reports wall time and its stages, CPU, peak RSS of the whole process tree (the crawl child,
the extraction pool, tesseract), requests/s, OCR pages/s, the store's size, every report
format's time, and the ratios the issue sets: wall time against the politeness bound and
against OCR CPU time over the cores. Per-school costs are the figures divided by N.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.crawling import LATENCY, politeness_bound
from benchmarks.region.build import Region, build_region, site_dirs
from benchmarks.region.measure import TreeMemorySampler, cpu_seconds, folder_bytes
from benchmarks.region.reports import time_reports
from benchmarks.region.serve import READY
from cmn_audit.config import init_workspace, load_workspace
from cmn_audit.demo.audit import DEMO_CENTRE, DEMO_REFERENCE
from cmn_audit.pipeline.audit import CRAWL_STATS_FILE, run_audit
from cmn_audit.store import connect
from crawler.extract import extract_bytes
from crawler.file_hosts import STAND_INS_ENV

# The shipped politeness (config template) but private addresses allowed: loopback is ours.
REGION_CRAWL = {"allow_private_addresses": True}


class RegionServer:
    """The region's sites served by a child process (benchmarks/region/serve.py)."""

    def __init__(self, region: Region, plan_dir: Path, latency: float) -> None:
        plan = {
            "latency": latency,
            "sites": {
                name: (region.origins[name], str(folder))
                for name, folder in site_dirs(region).items()
            },
        }
        self.plan_path = plan_dir / "serve-plan.json"
        self.plan_path.write_text(json.dumps(plan), encoding="utf-8")
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> RegionServer:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.region.serve", str(self.plan_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline().strip()
        if line != READY:
            self.process.kill()
            raise RuntimeError(f"region server did not start: {line!r}")
        return self

    def cpu_seconds(self) -> float:
        """CPU the server used so far (from /proc: it is not reaped yet)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def _phases(marks: list[tuple[float, str]], crawl_seconds: float, wall: float) -> dict:
    """Crawl, then reading + understanding + audit, then the reports the run writes.

    The run prints a line when the reading is done and when the run is saved; their times
    split what follows the crawl.
    """
    saved = next((t for t, line in marks if "сохранены в" in line), None)
    read = next((t for t, line in marks if "прочитано заново" in line), None)
    phases = {"crawl_s": round(crawl_seconds, 1)}
    if read is not None:
        phases["read_understand_s"] = round(read - crawl_seconds, 1)
    if saved is not None:
        phases["audit_commit_s"] = round(saved - (read or crawl_seconds), 1)
        phases["reports_in_run_s"] = round(wall - saved, 1)
    return phases


def _store_figures(workspace, run_id: str) -> dict:
    con = connect(workspace.db_path)
    try:
        documents, ocr_docs, ocr_pages, fetched_bytes = con.execute(
            "SELECT count(*), count(*) FILTER (text_source = 'ocr'), coalesce(sum(ocr_pages), 0),"
            " coalesce(sum(size), 0) FROM documents WHERE run_id = ?",
            [run_id],
        ).fetchone()
        statuses = dict(
            con.execute(
                "SELECT site_status, count(*) FROM sites WHERE run_id = ? GROUP BY 1", [run_id]
            ).fetchall()
        )
    finally:
        con.close()
    return {
        "documents": documents,
        "ocr_documents": ocr_docs,
        "ocr_pages": ocr_pages,
        "document_bytes": fetched_bytes,
        "site_statuses": statuses,
    }


def ocr_seconds_per_page(region: Region) -> tuple[float, float]:
    """(CPU, wall) seconds per page of one of the region's own scans, read alone.

    CPU includes tesseract (a child process); it holds on a loaded machine, wall does not.
    """
    for summary in sorted((region.root / "sites").glob("*/routes.json")):
        routes = json.loads(summary.read_text(encoding="utf-8"))["routes"]
        for route in routes.values():
            path = summary.parent / route.get("file", "")
            if route.get("type") == "application/pdf" and path.stat().st_size > 200_000:
                cpu, start = cpu_seconds(), time.perf_counter()
                result = extract_bytes(path.read_bytes(), file_ext="pdf")
                if result.ocr_pages:
                    wall = time.perf_counter() - start
                    return (cpu_seconds() - cpu) / result.ocr_pages, wall / result.ocr_pages
    return 0.0, 0.0


def bench_region(count: int, keep: Path | None = None) -> dict:
    """Build (or reuse) `count` schools, audit them once, and measure."""
    started = time.perf_counter()
    region = build_region(count, echo=lambda line: print(line, file=sys.stderr))
    generation_s = time.perf_counter() - started
    root = keep or Path(tempfile.mkdtemp(prefix="cmn-region-"))
    init_workspace(
        root / "ws",
        overrides={"crawl": REGION_CRAWL, "centre": DEMO_CENTRE, "reference": DEMO_REFERENCE},
    )
    workspace = load_workspace(root / "ws")
    os.environ[STAND_INS_ENV] = json.dumps(dict(region.stand_ins))
    marks: list[tuple[float, str]] = []
    with RegionServer(region, root, LATENCY) as server:
        server_cpu_before = server.cpu_seconds()
        cpu_before = cpu_seconds()
        with TreeMemorySampler(exclude=frozenset({server.process.pid})) as memory:
            start = time.perf_counter()

            def echo(line: str) -> None:
                marks.append((time.perf_counter() - start, line))
                print(f"[{marks[-1][0]:7.1f}s] {line}", file=sys.stderr)

            outcome = run_audit(workspace, region.registry_path, echo=echo)
            wall = time.perf_counter() - start
        cpu = cpu_seconds() - cpu_before
        server_cpu = server.cpu_seconds() - server_cpu_before
    stats = json.loads(
        (workspace.runs_dir / outcome.run_id / CRAWL_STATS_FILE).read_text(encoding="utf-8")
    )
    store = _store_figures(workspace, outcome.run_id)
    reports = time_reports(workspace, outcome.run_id)
    ocr_page_s, ocr_page_wall_s = ocr_seconds_per_page(region)
    cores = os.cpu_count() or 1
    ocr_cpu = store["ocr_pages"] * ocr_page_s
    delay = workspace.crawl.download_delay
    latency = {
        urlsplit(origin).netloc: max(LATENCY, region.slow.get(name, 0.0))
        for name, origin in region.origins.items()
    }
    bound = politeness_bound(stats, delay, latency)
    # `concurrent_sites` is Scrapy's CONCURRENT_REQUESTS: that many requests in flight at
    # once, each holding its place for the site's latency (the delay is spent outside it).
    slots_bound = sum(
        n * latency.get(netloc, LATENCY) for netloc, n in stats["network_requests_per_site"].items()
    ) / max(workspace.crawl.concurrent_sites, 1)
    sizes = {
        "duckdb_mb": round(workspace.db_path.stat().st_size / 2**20, 1),
        "evidence_files_mb": round(folder_bytes(workspace.evidence_dir) / 2**20, 1),
        "runs_mb_warc_and_staging": round(folder_bytes(workspace.runs_dir) / 2**20, 1),
        "reports_mb": round(folder_bytes(workspace.reports_dir) / 2**20, 1),
    }
    figures = {
        "schools": count,
        "cores": cores,
        "load_average_at_end": os.getloadavg(),
        "region": {
            "generation_s": round(generation_s, 1),
            "served": dict(region.served),
            "down": len(region.down),
            "slow": len(region.slow),
            "latency_s": LATENCY,
        },
        "wall_s": round(wall, 1),
        "phases": _phases(marks, outcome.crawl_seconds, wall),
        "cpu_s": round(cpu, 1),
        "cpu_to_wall": round(cpu / wall, 2),
        "server_cpu_s": round(server_cpu, 1),
        "peak_pss_mb": round(memory.peak_pss_kb / 1024, 1),
        "peak_pss_at_s": round(memory.peak_at_s, 1),
        "peak_rss_sum_mb": round(memory.peak_rss_kb / 1024, 1),
        "network_requests": stats["network_requests"],
        "requests_per_s_of_crawl": round(stats["network_requests"] / outcome.crawl_seconds, 2),
        "store": store,
        "ocr_pages_per_s_of_wall": round(store["ocr_pages"] / wall, 3),
        "ocr_cpu_s_per_page_alone": round(ocr_page_s, 2),
        "ocr_wall_s_per_page_alone": round(ocr_page_wall_s, 2),
        "ocr_cpu_estimate_s": round(ocr_cpu, 1),
        "politeness": {
            "download_delay_s": delay,
            "concurrent_sites": workspace.crawl.concurrent_sites,
            "bound_busiest_site_s": round(bound, 1),
            "bound_request_slots_s": round(slots_bound, 1),
            "crawl_to_busiest_site_bound": round(outcome.crawl_seconds / bound, 2),
            "crawl_to_request_slots_bound": round(outcome.crawl_seconds / slots_bound, 2),
        },
        "wall_to_issue_bound": round(wall / max(bound, slots_bound, ocr_cpu / cores), 2),
        "wall_to_ocr_cpu_over_cores": round(wall / max(ocr_cpu / cores, 1e-9), 2),
        "sizes": sizes,
        "reports": reports,
        "memory_samples": _thin(memory.samples),
    }
    figures["per_school"] = _per_school(figures, count)
    return figures


def _thin(samples: list[tuple[float, int]], keep: int = 40) -> list[tuple[float, float]]:
    """A few (seconds, MB) points of the memory curve: growth shows without the whole trace."""
    step = max(len(samples) // keep, 1)
    return [(round(t, 1), round(kb / 1024, 1)) for t, kb in samples[::step]]


def _per_school(f: dict, count: int) -> dict:
    """The figures divided by N: what the extrapolation in docs/scale.md starts from."""
    n = max(count, 1)
    return {
        "requests": round(f["network_requests"] / n, 1),
        "document_mb": round(f["store"]["document_bytes"] / n / 2**20, 3),
        "ocr_pages": round(f["store"]["ocr_pages"] / n, 2),
        "cpu_s": round(f["cpu_s"] / n, 2),
        "duckdb_kb": round(f["sizes"]["duckdb_mb"] * 1024 / n, 1),
        "evidence_mb": round(f["sizes"]["evidence_files_mb"] / n, 3),
        "warc_mb": round(f["sizes"]["runs_mb_warc_and_staging"] / n, 3),
        "reports_all_formats_s": round(f["reports"]["all_formats_s"] / n, 3),
    }


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 1000
    keep = Path(argv[1]) if len(argv) > 1 else None
    figures = bench_region(count, keep)
    text = json.dumps(figures, ensure_ascii=False, indent=2)
    out = build_cache_results(count)
    out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


def build_cache_results(count: int) -> Path:
    """Where the figures of the latest run at `count` are kept beside the cached sites."""
    from benchmarks.region.build import cache_dir

    folder = cache_dir().parent / "results"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"region-{count}-{time.strftime('%Y%m%d-%H%M%S')}.json"
