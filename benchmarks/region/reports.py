"""Time of each report format of a stored run, and of the справка's own parts, at region size.

Each format is written alone (results.json is part of every pass, so it is also timed alone);
the справка is then built and written apart from the letters, so a format that does not
scale shows whether the one municipal document or the N letters cost the time.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from cmn_audit.config import Workspace
from cmn_audit.evidence.warc import WARC_NAME, RunEvidence
from cmn_audit.pipeline.outputs import write_run_reports
from cmn_audit.store import connect
from crawler.evidence import ContentStore
from reports.pdf import print_to_pdf
from reports.reference.context import build_reference_context
from reports.reference.docx import write_reference_docx
from reports.reference.html import render_reference
from reports.results import build_results
from reports.writer import FORMATS


def _seconds(action) -> tuple[float, object]:
    start = time.perf_counter()
    value = action()
    return round(time.perf_counter() - start, 2), value


def _mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 2**20, 2)


def time_reports(workspace: Workspace, run_id: str) -> dict:
    """Seconds per format, the справка's parts, and the size of the biggest outputs."""
    con = connect(workspace.db_path)
    try:
        formats = {}
        for name in ("json", *(name for name in FORMATS if name != "json")):
            formats[name], _ = _seconds(
                lambda name=name: write_run_reports(con, workspace, run_id, formats=(name,))
            )
        everything, _ = _seconds(lambda: write_run_reports(con, workspace, run_id))
        reference = _reference_parts(con, workspace, run_id)
    finally:
        con.close()
    out = workspace.reports_dir / run_id
    return {
        "format_s": formats,
        "all_formats_s": everything,
        "reference": reference,
        "sizes_mb": {
            "results_json": _mb(out / "results.json"),
            "reference_html": _mb(out / "reference.html"),
            "reference_docx": _mb(out / "reference.docx"),
            "reference_pdf": _mb(out / "reference.pdf"),
            "dashboard_index_html": _mb(out / "dashboard" / "index.html"),
            "dashboard_all": _mb(out / "dashboard"),
            "letters_folder": _mb(out / "letters"),
            "export_xlsx": _mb(out / "export.xlsx"),
        },
    }


def _reference_parts(con, workspace: Workspace, run_id: str) -> dict:
    """The справка alone: the run's data, its context, HTML, DOCX and PDF."""
    warc = workspace.runs_dir / run_id / WARC_NAME
    store = ContentStore(workspace.evidence_dir / "files")
    evidence = RunEvidence(con, warc, run_id, store) if warc.is_file() else None
    parts = {}
    parts["results_data_s"], results = _seconds(lambda: build_results(con, run_id, evidence))
    parts["context_s"], context = _seconds(
        lambda: build_reference_context(results, workspace.centre, None, workspace.reference)
    )
    parts["html_s"], html = _seconds(lambda: render_reference(context))
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "reference.html"
        page.write_text(html, encoding="utf-8")
        parts["docx_s"], _ = _seconds(
            lambda: write_reference_docx(context, Path(folder) / "reference.docx")
        )
        parts["pdf_s"], printed = _seconds(lambda: print_to_pdf([(page, page.with_suffix(".pdf"))]))
        parts["pdf_problem"] = printed.problem
    return parts
