"""Crawl speed against politeness: the demo municipality behind a simulated network.

Every demo server waits LATENCY before answering (the slow school waits longer), the crawl
keeps the shipped politeness (`download_delay` of the config template, one request at a time
per site). The politeness bound is what no polite crawler can beat: the busiest site's
network requests × the gap between them (its delay, or its latency when that is longer).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urlsplit

from cmn_audit.config import init_workspace
from cmn_audit.demo import running_demo
from cmn_audit.demo.audit import load_demo_workspace
from cmn_audit.demo.spec import load_municipality
from cmn_audit.pipeline.audit import CRAWL_STATS_FILE, run_audit
from cmn_audit.pipeline.commit import RunOutcome

LATENCY = 0.1  # seconds per answer: a school hosting across the country
SIMULATED = {"allow_private_addresses": True}  # the shipped delay and timeouts otherwise


def politeness_bound(stats: dict, delay: float, latency_by_netloc: dict[str, float]) -> float:
    """Seconds the busiest site needs at one request per `delay` (or per its own latency)."""
    return max(
        (
            count * max(delay, latency_by_netloc.get(netloc, LATENCY))
            for netloc, count in stats["network_requests_per_site"].items()
        ),
        default=0.0,
    )


def bench_crawl(root: Path) -> dict:
    """First audit and unchanged re-audit of the demo behind LATENCY, as ratios."""
    init_workspace(root / "ws", overrides={"crawl": SIMULATED})
    slow = {site.org_id: site.delay for site in load_municipality().schools}
    with running_demo(root / "web", latency=LATENCY) as municipality:
        workspace = load_demo_workspace(root / "ws", municipality)
        delay = workspace.crawl.download_delay
        latency_by_netloc = {
            urlsplit(origin).netloc: max(LATENCY, slow.get(org_id, 0.0))
            for org_id, origin in municipality.origins.items()
        }

        def audit(space=workspace, overlap: bool = True) -> tuple[RunOutcome, float, dict]:
            start = time.perf_counter()
            outcome = run_audit(
                space,
                municipality.registry_path,
                echo=lambda _: None,
                formats=("json",),
                read_while_crawling=overlap,
            )
            wall = time.perf_counter() - start
            stats_path = space.runs_dir / outcome.run_id / CRAWL_STATS_FILE
            return outcome, wall, json.loads(stats_path.read_text(encoding="utf-8"))

        first, first_wall, first_stats = audit()
        again, again_wall, again_stats = audit()
        # The same first audit in a fresh workspace, its files read only after the crawl.
        init_workspace(root / "ws-after", overrides={"crawl": SIMULATED})
        after_space = load_demo_workspace(root / "ws-after", municipality)
        after, after_wall, _ = audit(after_space, overlap=False)
    bound = politeness_bound(first_stats, delay, latency_by_netloc)
    return {
        "schools": len(municipality.sites),
        "latency_s": LATENCY,
        "download_delay_s": delay,
        "first_audit_wall_s": round(first_wall, 2),
        "first_crawl_wall_s": first.crawl_seconds,
        "politeness_bound_s": round(bound, 2),
        "crawl_to_politeness_bound": round(first.crawl_seconds / bound, 2),
        "first_network_requests": first_stats["network_requests"],
        "reaudit_wall_s": round(again_wall, 2),
        "reaudit_crawl_wall_s": again.crawl_seconds,
        "reaudit_network_requests": again_stats["network_requests"],
        "reaudit_unchanged_responses": again_stats["unchanged"],
        "reaudit_to_first_wall": round(again_wall / first_wall, 2),
        "reaudit_files_parsed": again.read_anew,
        # Reading each file while the crawl goes on, against reading them all after it.
        "first_audit_reading_after_crawl_wall_s": round(after_wall, 2),
        "after_crawl_phase_s": {
            "reading_while_crawling": round(first_wall - first.crawl_seconds, 2),
            "reading_after_crawl": round(after_wall - after.crawl_seconds, 2),
        },
        "wall_reading_after_to_while_crawling": round(after_wall / first_wall, 2),
    }
