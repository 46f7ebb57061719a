"""One organisation's archived copies: the table `cmn-audit evidence` prints, and its export."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

from cmn_audit import messages
from cmn_audit.evidence.warc import (
    Capture,
    RunEvidence,
    belongs,
    capture_of,
    org_netlocs,
    read_archive,
    warc_path_of,
)
from reports.context import readable_url


@dataclass(frozen=True)
class Export:
    warc_path: Path
    index_path: Path
    records: int  # responses exported (each with its request)


def org_captures(
    con: duckdb.DuckDBPyConnection, runs_dir: Path, run_id: str, org_id: str
) -> tuple[RunEvidence, list[Capture]]:
    """The run's evidence and the organisation's responses, in crawl order (robots.txt too)."""
    netlocs = org_netlocs(con, run_id, org_id)
    warc_path = warc_path_of(runs_dir, run_id)
    run = RunEvidence(con, warc_path, run_id)
    captures = [
        capture_of(record)
        for record in read_archive(warc_path)
        if record.headers.get("WARC-Type") == "response" and belongs(record, org_id, netlocs, set())
    ]
    return run, captures


def export(
    con: duckdb.DuckDBPyConnection, runs_dir: Path, run_id: str, org_id: str, out_dir: Path
) -> Export:
    """The organisation's records copied byte for byte into a WARC, with a Russian index.csv.

    Byte-for-byte copies keep every record's digests valid, so the export is evidence as good
    as the run's archive; the staging and job records (all organisations') are left out.
    """
    warc_path = warc_path_of(runs_dir, run_id)
    run, captures = org_captures(con, runs_dir, run_id, org_id)
    kept = {capture.record_id for capture in captures}
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{org_id}-{run_id}.warc.gz"
    with warc_path.open("rb") as source, target.open("wb") as sink:
        for record in read_archive(warc_path):
            headers = record.headers
            if (
                headers.get("WARC-Type") == "warcinfo"
                or headers.get("WARC-Record-ID") in kept
                or headers.get("WARC-Concurrent-To") in kept
            ):
                source.seek(record.offset)
                sink.write(source.read(record.length))
    index_path = out_dir / f"{org_id}-{run_id}-index.csv"
    _write_index(run, org_id, captures, index_path)
    return Export(target, index_path, len(captures))


def _write_index(run: RunEvidence, org_id: str, captures: list[Capture], path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(messages.EVIDENCE_INDEX_COLUMNS)
        for capture in captures:
            writer.writerow(
                [
                    capture.url,
                    capture.status or "",
                    capture.captured_at.strftime("%Y-%m-%d %H:%M:%S"),
                    capture.sha256 or "",
                    "" if capture.size is None else capture.size,
                    capture.content_type or "",
                    messages.EVIDENCE_FROM_CACHE.get(capture.from_cache or "", ""),
                    capture.record_id,
                    " → ".join(run.click_path(org_id, capture.url)),
                ]
            )


def render_captures(run: RunEvidence, org_id: str, captures: list[Capture]) -> str:
    """The Russian table `cmn-audit evidence` prints: one line per archived response."""
    name = run.con.execute(
        "SELECT coalesce(short_name, name) FROM organisations WHERE run_id = ? AND org_id = ?",
        [run.run_id, org_id],
    ).fetchone()[0]
    header = messages.EVIDENCE_HEADER.format(
        name=name, org_id=org_id, run_id=run.run_id, count=len(captures)
    )
    if not captures:
        return f"{header}\n{messages.EVIDENCE_NONE}"
    rows = [messages.EVIDENCE_COLUMNS]
    for capture in captures:
        status = str(capture.status or "—")
        if capture.from_cache:
            status += f" ({messages.EVIDENCE_FROM_CACHE[capture.from_cache]})"
        steps = run.click_path(org_id, capture.url)
        rows.append(
            (
                readable_url(capture.url),
                status,
                capture.captured_at.strftime("%d.%m.%Y %H:%M:%S"),
                (capture.sha256 or "—")[:12],
                "—" if capture.size is None else f"{capture.size:,}".replace(",", " "),
                " → ".join(_short(step) for step in steps),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = [header, ""]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)


def _short(url: str) -> str:
    """A step of a click path as its path and query: the host is the same for all of them."""
    parts = urlsplit(url)
    return readable_url((parts.path or "/") + (f"?{parts.query}" if parts.query else ""))
