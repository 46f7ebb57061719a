"""Build the region's sites once into a cache folder; later runs of any N reuse them.

Each school answers on its own loopback address (127.1.x.y, one fixed port), so Scrapy's
per-site slot, robots.txt and delay are those of separate hosts, and a built site depends only
on its index: a site built for N = 50 is reused for N = 200. The cache key covers the demo's
data and code and this package, so a change to any of them builds afresh.
"""

from __future__ import annotations

import csv
import hashlib
import json
import multiprocessing
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from benchmarks.region.schools import _demo, region_spec, school
from cmn_audit.demo.builder import ROUTES_FILE, build_site
from cmn_audit.demo.file_hosts import build_file_hosts, stand_ins
from cmn_audit.demo.runner import REGISTRY_HEADER
from cmn_audit.demo.spec import SEEDS_DIR

PORT = int(os.environ.get("CMN_AUDIT_REGION_PORT", "18080"))
CACHE_ROOT = Path(
    os.environ.get("CMN_AUDIT_BENCH_CACHE", Path.home() / ".cache" / "cmn-audit-bench")
)
SCHOOLS_PER_DISTRICT = 25  # a municipal district of the region: what one centre audits today
SUMMARY_FILE = "summary.json"
DEMO_CODE = Path(__file__).resolve().parents[2] / "cmn_audit" / "demo"


def school_address(index: int) -> str:
    """127.1.0.1 … 127.1.255.250: room for 64,000 schools, each its own host."""
    return f"127.1.{index // 250}.{index % 250 + 1}"


def shared_addresses() -> dict[str, str]:
    """The ИМЦ site and the file-host stand-ins every school may link to."""
    demo = _demo()
    names = [demo.resource_site, *demo.file_hosts]
    return {name: f"127.2.0.{k + 1}" for k, name in enumerate(names)}


def origins(count: int) -> dict[str, str]:
    """Org id (and shared host name) → origin, for the first `count` schools."""
    addresses = shared_addresses() | {school(i).org_id: school_address(i) for i in range(count)}
    return {name: f"http://{address}:{PORT}" for name, address in addresses.items()}


def cache_dir() -> Path:
    """The cache folder of this version of the demo's data and code and of what builds on it."""
    digest = hashlib.sha256(str(PORT).encode())
    here = Path(__file__).parent
    sources = [*SEEDS_DIR.rglob("*"), *DEMO_CODE.rglob("*"), here / "schools.py", here / "build.py"]
    for path in sorted(p for p in sources if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return CACHE_ROOT / f"region-{digest.hexdigest()[:12]}"


@dataclass(frozen=True)
class Region:
    """A built region: where its sites lie, its registry, and who answers where."""

    root: Path
    count: int
    registry_path: Path
    origins: Mapping[str, str]
    down: frozenset[str]  # org ids whose address refuses connections
    slow: Mapping[str, float]  # org id → seconds its server waits before every answer
    stand_ins: Mapping[str, str]  # file-host id → stand-in origin (crawler/file_hosts.py)
    served: Mapping[str, int]  # what the sites publish, summed: files, bytes, pages


def _site_dir(root: Path, org_id: str) -> Path:
    return root / "sites" / org_id


def _build_one(task: tuple[int, str, int]) -> dict:
    """Build school `index` unless its folder is complete; its summary either way."""
    index, root, count = task
    spec = school(index)
    out = _site_dir(Path(root), spec.org_id)
    summary_path = out / SUMMARY_FILE
    if summary_path.is_file():
        return json.loads(summary_path.read_text(encoding="utf-8"))
    summary = {"org_id": spec.org_id, "scenario": spec.scenario, "delay": spec.delay}
    if spec.scenario != "down":
        build_site(spec, _demo(), out, _ORIGINS)
        summary |= _served(spec, out)
        summary_path.write_text(json.dumps(summary), encoding="utf-8")
    return summary


def _served(spec, out: Path) -> dict[str, int]:
    """Files, bytes and PDF pages (text layer or scan) the site serves."""
    import pypdfium2

    routes = json.loads((out / ROUTES_FILE).read_text(encoding="utf-8"))["routes"]
    files = {route["file"] for route in routes.values() if "file" in route}
    figures = {"files": len(files), "bytes": sum((out / f).stat().st_size for f in files)}
    figures |= {"text_pdf_pages": 0, "scanned_pages": 0}
    for entry in spec.documents:
        if entry.status != "ok" or entry.host or entry.format not in ("pdf", "scan"):
            continue
        pages = len(pypdfium2.PdfDocument(str(out / routes[entry.file_path]["file"])))
        figures["scanned_pages" if entry.format == "scan" else "text_pdf_pages"] += pages
    return figures


_ORIGINS: dict[str, str] = {}  # set before the pool forks: every worker renders with them


def build_region(count: int, workers: int | None = None, echo=print) -> Region:
    """Build (or reuse) the first `count` schools, the ИМЦ, the file hosts and a registry."""
    global _ORIGINS
    root = cache_dir()
    _ORIGINS = origins(count)
    demo = _demo()
    tasks = [(i, str(root), count) for i in range(count)]
    context = multiprocessing.get_context("fork")
    with context.Pool(workers or os.cpu_count() or 1) as pool:
        summaries = []
        for done, summary in enumerate(pool.imap(_build_one, tasks, chunksize=4), start=1):
            summaries.append(summary)
            if done % 100 == 0:
                echo(f"region: {done}/{count} sites ready")
    if not (root / demo.resource_site / ROUTES_FILE).is_file():
        build_site(demo.resource, demo, root / demo.resource_site, _ORIGINS)
    hosts_root = root / f"hosts-{count}"
    if not (hosts_root / "done").is_file():
        build_file_hosts(region_spec(count), hosts_root, _ORIGINS)
        (hosts_root / "done").write_text("", encoding="utf-8")
    registry = root / f"registry-{count}.csv"
    _write_registry(registry, count, _ORIGINS)
    served = {
        key: sum(s.get(key, 0) for s in summaries)
        for key in ("files", "bytes", "text_pdf_pages", "scanned_pages")
    }
    return Region(
        root=root,
        count=count,
        registry_path=registry,
        origins=dict(_ORIGINS),
        down=frozenset(s["org_id"] for s in summaries if s["scenario"] == "down"),
        slow={s["org_id"]: s["delay"] for s in summaries if s.get("delay")},
        stand_ins=stand_ins(demo, _ORIGINS),
        served=served,
    )


def site_dirs(region: Region) -> dict[str, Path]:
    """Every served host's folder: schools that are up, the ИМЦ, the file hosts."""
    demo = _demo()
    dirs = {
        org_id: _site_dir(region.root, org_id)
        for org_id in region.origins
        if org_id.startswith("r") and org_id not in region.down
    }
    dirs[demo.resource_site] = region.root / demo.resource_site
    for name in demo.file_hosts:
        dirs[name] = region.root / f"hosts-{region.count}" / name
    return dirs


def _write_registry(path: Path, count: int, origins: Mapping[str, str]) -> None:
    """The registry a regional centre would hold: districts of SCHOOLS_PER_DISTRICT schools."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(REGISTRY_HEADER)
        for i in range(count):
            s = school(i)
            district = f"Муниципальный район № {i // SCHOOLS_PER_DISTRICT + 1}"
            url = origins[s.org_id] + "/"
            writer.writerow(
                (s.org_id, s.name, s.short_name, s.kind, url, s.email, s.head_name, district)
            )
