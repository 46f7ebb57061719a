"""One audit run end to end: registry → crawl → extract → understand → audit → reports."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from audit_rules import apply_profile, load_profile
from cmn_audit import messages
from cmn_audit.config import Workspace
from cmn_audit.facts import FactsCache, document_row, news_row
from cmn_audit.messages import UserError
from cmn_audit.registry import Organisation, load_registry
from cmn_audit.staging import (
    CrawlRecords,
    fetch_rows,
    link_rows,
    page_rows,
    read_staging,
    site_row,
    unique_items,
)
from cmn_audit.store import connect, insert_rows, new_run_id, run_transaction
from crawler.evidence import ContentStore
from reports import ReportPaths, write_reports


@dataclass(frozen=True)
class RunOutcome:
    run_id: str
    reports: ReportPaths
    documents: int = 0  # document rows of the run
    read_anew: int = 0  # distinct files parsed in this run
    from_cache: int = 0  # distinct files whose reading an earlier run already stored


def run_audit(
    workspace: Workspace,
    registry_path: Path,
    *,
    now: dt.datetime | None = None,
    echo: Callable[[str], None] = print,
) -> RunOutcome:
    """Audit every organisation of the registry and write the run's reports."""
    organisations = load_registry(registry_path)
    profile = load_profile(workspace.audit.profile)
    now = now or dt.datetime.now()
    run_id = new_run_id(now, taken=lambda candidate: (workspace.runs_dir / candidate).exists())
    echo(messages.RUN_STARTED.format(count=len(organisations), profile=profile.id, run_id=run_id))
    run_dir = workspace.runs_dir / run_id
    records = crawl(workspace, organisations, run_dir)
    store = ContentStore(workspace.evidence_dir / "files")

    con = connect(workspace.db_path)
    try:
        cache = FactsCache.load(con, records.hashes("DocumentItem"))
        counts = cache.read_all(records.all_items("DocumentItem"), store)
        rows = collect_rows(run_id, organisations, records, cache, now.date())
        echo(
            messages.EXTRACT_DONE.format(
                documents=len(rows["documents"]),
                read=counts.read_anew,
                cached=counts.from_cache,
            )
        )
        with run_transaction(con):
            for table, table_rows in rows.items():
                insert_rows(con, table, table_rows)
            for table, table_rows in cache.new_rows().items():
                insert_rows(con, table, table_rows, replace=True)
            apply_profile(con, run_id, profile)
            insert_rows(con, "runs", [_run_row(run_id, now, workspace, profile, registry_path)])
        echo(messages.RUN_SAVED.format(run_id=run_id, db=workspace.db_path))
        reports = write_run_reports(con, workspace, run_id)
    finally:
        con.close()
    return RunOutcome(run_id, reports, len(rows["documents"]), counts.read_anew, counts.from_cache)


def crawl(
    workspace: Workspace, organisations: tuple[Organisation, ...], run_dir: Path
) -> CrawlRecords:
    """Crawl in a child process (Scrapy's reactor runs once per process) into a staging file."""
    run_dir.mkdir(parents=True, exist_ok=True)
    staging_path = run_dir / "crawl.jsonl"
    staging_path.unlink(missing_ok=True)
    job = {
        "orgs": [asdict(org) for org in organisations],
        "crawl": asdict(workspace.crawl),
        "trusted_netlocs": sorted({urlsplit(org.site_url).netloc.lower() for org in organisations}),
        "evidence_dir": str(workspace.evidence_dir / "files"),
        "staging_path": str(staging_path),
        "warc_path": str(run_dir / "crawl.warc.gz"),
        "http_cache_dir": str(workspace.http_cache_dir),
        "log_path": str(run_dir / "crawl.log"),
    }
    job_path = run_dir / "crawl-job.json"
    job_path.write_text(json.dumps(job, ensure_ascii=False, indent=2), encoding="utf-8")
    completed = subprocess.run([sys.executable, "-m", "crawler.run", str(job_path)], check=False)
    if completed.returncode != 0:
        raise UserError(
            messages.CRAWL_FAILED.format(code=completed.returncode, log=run_dir / "crawl.log")
        )
    return read_staging(staging_path)


def collect_rows(
    run_id: str,
    organisations: tuple[Organisation, ...],
    records: CrawlRecords,
    cache: FactsCache,
    audit_date: dt.date,
) -> dict[str, list[dict]]:
    """Every facts row of the run, table by table, in insertion order."""
    rows: dict[str, list[dict]] = {
        name: []
        for name in ("organisations", "sites", "fetches", "pages", "links", "documents", "news")
    }
    for org in organisations:
        rows["organisations"].append({"run_id": run_id, "org_id": org.id, **_org_columns(org)})
        rows["sites"].append(site_row(run_id, org, records))
        rows["fetches"] += fetch_rows(run_id, org.id, records)
        rows["pages"] += page_rows(run_id, org.id, records)
        rows["links"] += link_rows(run_id, org.id, records)
        for item in unique_items(records.items(org.id, "DocumentItem"), "url"):
            rows["documents"].append(document_row(run_id, item, cache, audit_date))
        for item in unique_items(records.items(org.id, "NewsItem"), "url"):
            rows["news"].append(news_row(run_id, item))
    return rows


def write_run_reports(con, workspace: Workspace, run_id: str) -> ReportPaths:
    """(Re)write every report of a stored run; no crawling."""
    out_dir = workspace.reports_dir / run_id
    return write_reports(con, run_id, out_dir, workspace.centre, deadline=workspace.audit.deadline)


def _org_columns(org: Organisation) -> dict:
    columns = asdict(org)
    columns.pop("id")
    return columns


def _run_row(run_id, started, workspace: Workspace, profile, registry_path: Path) -> dict:
    return {
        "run_id": run_id,
        "started_at": started,
        "finished_at": dt.datetime.now(),
        "audit_date": started.date(),
        "profile_id": profile.id,
        "profile_version": profile.version,
        "municipality": workspace.audit.municipality,
        "registry_path": str(registry_path),
        "status": "complete",
    }
