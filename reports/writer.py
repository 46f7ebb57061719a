"""Write every report of a stored run into one folder."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import duckdb

from .csv_export import write_csv
from .docx_letter import write_letter_docx
from .html import render_letter, render_reference
from .letter_context import build_letter_context
from .model import Letterhead, ReportPaths
from .reference_context import build_reference_context
from .results import EvidenceSource, build_results
from .xlsx_export import write_xlsx

# org_id comes from a registry someone typed: keep file names to a safe alphabet.
_UNSAFE_NAME = re.compile(r"[^0-9A-Za-zА-Яа-яЁё_.-]+")


def letter_stem(org_id: str) -> str:
    """The file name (without extension) of an organisation's letter."""
    stem = _UNSAFE_NAME.sub("_", org_id).strip("._")
    return stem or "org"


def _write_text(path: Path, text: str) -> Path:
    """Write through a temporary file so a reader never sees half a report."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return path


def write_reports(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    out_dir: Path,
    letterhead: Letterhead,
    *,
    deadline: dt.date | None = None,
    evidence: EvidenceSource | None = None,
) -> ReportPaths:
    """Write results.json, the analytic reference, one letter per school and the exports."""
    results = build_results(con, run_id, evidence)
    out_dir = Path(out_dir)
    letters_dir = out_dir / "letters"
    letters_dir.mkdir(parents=True, exist_ok=True)
    results_json = _write_text(
        out_dir / "results.json", json.dumps(results, ensure_ascii=False, indent=2) + "\n"
    )
    reference = _write_text(
        out_dir / "reference.html",
        render_reference(build_reference_context(results, letterhead, deadline)),
    )
    docx_paths, html_paths = [], []
    used: set[str] = set()
    for org in results["organisations"]:
        context = build_letter_context(results, org, letterhead, deadline)
        stem = base = letter_stem(org["org_id"])
        while stem.lower() in used:
            stem = f"{base}_{len(used)}"
        used.add(stem.lower())
        html_paths.append(_write_text(letters_dir / f"{stem}.html", render_letter(context)))
        docx_paths.append(write_letter_docx(context, letters_dir / f"{stem}.docx"))
    return ReportPaths(
        results_json=results_json,
        reference_html=reference,
        letters_docx=tuple(docx_paths),
        letters_html=tuple(html_paths),
        csv=write_csv(results, out_dir / "export.csv"),
        xlsx=write_xlsx(results, out_dir / "export.xlsx"),
    )
