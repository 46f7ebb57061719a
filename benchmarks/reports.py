"""Cost of regenerating each report format of a stored run, as ratios to the HTML pass."""

from __future__ import annotations

import time

from cmn_audit.config import Workspace
from cmn_audit.pipeline.outputs import write_run_reports
from cmn_audit.store import connect
from reports.writer import FORMATS


def bench_reports(workspace: Workspace, run_id: str) -> dict:
    """Each format written alone from the stored run; results.json is part of every pass."""
    seconds: dict[str, float] = {}
    con = connect(workspace.db_path)
    try:
        schools = con.execute(
            "SELECT count(*) FROM organisations WHERE run_id = ?", [run_id]
        ).fetchone()[0]
        for name in ("json", *(name for name in FORMATS if name != "json")):
            start = time.perf_counter()
            write_run_reports(con, workspace, run_id, formats=(name,))
            seconds[name] = time.perf_counter() - start
        start = time.perf_counter()
        write_run_reports(con, workspace, run_id)
        everything = time.perf_counter() - start
    finally:
        con.close()
    html = seconds["html"]
    return {
        "schools": schools,
        "html_wall_s": round(html, 2),
        "all_formats_wall_s": round(everything, 2),
        "to_html": {name: round(value / html, 2) for name, value in seconds.items()},
        "pdf_ms_per_school": round(seconds["pdf"] * 1000 / max(schools, 1), 1),
    }
