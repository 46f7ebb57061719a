"""One audit run end to end: registry → crawl → extract → understand → audit → reports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from audit_rules import apply_profile, load_profile
from audit_rules.overrides import OverrideSummary, apply_overrides
from cmn_audit import messages
from cmn_audit.config import Workspace, unfilled_requisites
from cmn_audit.crawl_process import CrawlInterrupted, run_crawler
from cmn_audit.evidence import WARC_NAME, RunEvidence
from cmn_audit.facts import FactsCache, document_row, news_row, with_event_coverage
from cmn_audit.history import CRAWL_JOB_FILE, latest_failure
from cmn_audit.lock import failure_journal, workspace_lock
from cmn_audit.messages import UserError
from cmn_audit.registry import Organisation, read_registry
from cmn_audit.review import KindDecision, decided_sections, kind_decisions
from cmn_audit.staging import (
    CrawlRecords,
    fetch_rows,
    link_rows,
    page_rows,
    read_staging,
    site_row,
    unique_items,
)
from cmn_audit.store import (
    connect,
    insert_rows,
    letters_held,
    new_run_id,
    resolve_run,
    run_transaction,
)
from crawler.archive import archive_run_files
from crawler.evidence import ContentStore
from reports import ReportPaths, write_reports
from reports.history.collapse import find_collapse
from reports.history.runs import RunSummary, summarise_run
from reports.letter.docx import LetterTemplateError
from reports.model import is_placeholder
from reports.russian import SITE, count_phrase, percent
from reports.writer import FORMATS as REPORT_FORMATS

CRAWL_STATS_FILE = "crawl-stats.json"


@dataclass(frozen=True)
class RunOutcome:
    run_id: str
    reports: ReportPaths
    documents: int = 0  # document rows of the run
    read_anew: int = 0  # distinct files parsed in this run
    from_cache: int = 0  # distinct files whose reading an earlier run already stored
    crawl_seconds: float = 0.0  # wall time of the crawl process


def run_audit(
    workspace: Workspace,
    registry_path: Path,
    *,
    now: dt.datetime | None = None,
    echo: Callable[[str], None] = print,
    schools: Collection[str] = (),
) -> RunOutcome:
    """Audit every organisation of the registry (or only `schools`) and write the reports.

    A run of a few schools (a school replied «исправили») is a partial run: the reports count
    every other school by its latest earlier verdict, and letters go to the schools checked.
    """
    if unfilled := unfilled_requisites(workspace):  # said first: reports would print them
        echo(messages.CENTRE_UNFILLED.format(keys=", ".join(unfilled)))
    registry = read_registry(registry_path)
    organisations = chosen_schools(registry.organisations, schools)
    profile = load_profile(workspace.audit.profile)
    with workspace_lock(workspace.root, "cmn-audit run") as lock:  # one writer per workspace
        _echo_previous_failure(workspace, echo)
        interrupted = unfinished_run(workspace, registry_path)
        if interrupted is not None:
            run_id, now = interrupted
            echo(messages.RUN_RESUMED.format(run_id=run_id))
        else:
            now = now or dt.datetime.now()
            run_id = new_run_id(
                now, taken=lambda candidate: (workspace.runs_dir / candidate).exists()
            )
        profile.in_force_on(now.date())  # no rule applies on this date: refuse before crawling
        run_dir = workspace.runs_dir / run_id
        with failure_journal(workspace.db_path, run_dir, run_id, now, echo) as journal:
            journal.echo(
                messages.RUN_STARTED.format(
                    sites=count_phrase(len(organisations), SITE["gen"]),
                    profile=profile.id,
                    run_id=run_id,
                )
            )
            for note in registry.notes:  # what was assumed reading the registry, kept in run.log
                journal.echo(note)
            crawl_started = time.perf_counter()
            try:
                records = crawl(workspace, organisations, run_dir, now, registry_path, lock)
            except CrawlInterrupted:
                raise CrawlInterrupted(messages.RUN_INTERRUPTED.format(run_id=run_id)) from None
            crawl_seconds = time.perf_counter() - crawl_started
            journal.stage = "audit"
            outcome = commit_run(
                workspace,
                run_id,
                organisations,
                records,
                profile,
                registry_path,
                now,
                journal.echo,
                scope="partial" if schools else "full",
            )
    return dataclasses.replace(outcome, crawl_seconds=round(crawl_seconds, 2))


def chosen_schools(
    organisations: tuple[Organisation, ...], schools: Collection[str]
) -> tuple[Organisation, ...]:
    """The registry's organisations, or only those named; an unknown code is refused."""
    if not schools:
        return organisations
    known = {org.id for org in organisations}
    if missing := [code for code in schools if code not in known]:
        raise UserError(
            messages.RUN_UNKNOWN_SCHOOLS.format(
                schools=", ".join(missing), known=", ".join(org.id for org in organisations)
            )
        )
    return tuple(org for org in organisations if org.id in set(schools))


def _echo_previous_failure(workspace: Workspace, echo: Callable[[str], None]) -> None:
    """Say that the last run failed, and where its journal is, before starting a new one."""
    if not workspace.db_path.exists():
        return
    con = connect(workspace.db_path)  # read-write: an older store is migrated first
    try:
        failed = latest_failure(con)
    finally:
        con.close()
    if failed is not None:
        started = f"{failed.started_at:%d.%m.%Y %H:%M}" if failed.started_at else "—"
        echo(
            messages.PREVIOUS_RUN_FAILED.format(
                run_id=failed.run_id,
                started=started,
                stage=messages.FAILURE_STAGES.get(failed.stage, ""),
                error=failed.error,
                log=failed.log_path,
            )
        )


def commit_run(
    workspace: Workspace,
    run_id: str,
    organisations: tuple[Organisation, ...],
    records: CrawlRecords,
    profile,
    registry_path: Path,
    now: dt.datetime,
    echo: Callable[[str], None] = print,
    *,
    audit_date: dt.date | None = None,
    scope: str = "full",
) -> RunOutcome:
    """Read, understand and judge a crawl's records, save the run whole, write its reports.

    Shared by a fresh audit and a replay of an archived crawl (cmn_audit/replay.py). A run
    whose figures collapse against the previous check of its schools keeps its letters as
    drafts until a methodologist confirms it (`cmn-audit confirm`).
    """
    audit_date = audit_date or now.date()
    store = ContentStore(workspace.evidence_dir / "files")
    con = connect(workspace.db_path)
    try:
        cache = FactsCache.load(con, records.hashes("DocumentItem"))
        counts = cache.read_all(records.all_items("DocumentItem"), store)
        decisions = kind_decisions(con)
        rows = collect_rows(run_id, organisations, records, cache, audit_date, decisions)
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
            apply_profile(con, run_id, profile.in_force_on(audit_date))
            judged = apply_overrides(con, run_id, profile)
            run_row = _run_row(run_id, now, workspace, profile, registry_path, organisations)
            insert_rows(con, "runs", [{**run_row, "audit_date": audit_date, "scope": scope}])
            collapse = find_collapse(con, run_id)
            if collapse is not None:
                con.execute("UPDATE runs SET letters_held = TRUE WHERE run_id = ?", [run_id])
        echo(messages.RUN_SAVED.format(run_id=run_id, db=workspace.db_path))
        echo(run_figures_line(summarise_run(con, run_id)))
        _echo_overrides(judged, echo)
        if collapse is not None:
            echo(messages.RUN_COLLAPSED.format(details=collapse.sentence(), run_id=run_id))
        reports = write_run_reports(con, workspace, run_id)
    finally:
        con.close()
    return RunOutcome(
        run_id,
        reports,
        len(rows["documents"]),
        counts.read_anew,
        counts.from_cache,
    )


def unfinished_run(workspace: Workspace, registry_path: Path) -> tuple[str, dt.datetime] | None:
    """The latest run whose crawl began but which was never saved (Ctrl-C, kill, power loss).

    It is resumed rather than abandoned: the same run id and date, a fresh staging file, and
    everything already downloaded comes back from the HTTP cache instead of the network.
    A run that stopped with an error is final (run_failures): the next run starts afresh.
    """
    saved: set[str] = set()
    failed: set[str] = set()
    if workspace.db_path.exists():
        con = connect(workspace.db_path, read_only=True)
        try:
            saved = {row[0] for row in con.execute("SELECT run_id FROM runs").fetchall()}
            failed = {row[0] for row in con.execute("SELECT run_id FROM run_failures").fetchall()}
        finally:
            con.close()
    if not workspace.runs_dir.is_dir():
        return None
    for run_dir in sorted(workspace.runs_dir.iterdir(), reverse=True):
        job_path = run_dir / CRAWL_JOB_FILE
        if run_dir.name in failed:
            return None
        if run_dir.name in saved or not job_path.is_file():
            continue
        job = json.loads(job_path.read_text(encoding="utf-8"))
        if job.get("registry_path") == str(registry_path) and "started_at" in job:
            return run_dir.name, dt.datetime.fromisoformat(job["started_at"])
        return None
    return None


def previous_sections(workspace: Workspace) -> dict[str, str]:
    """Where the latest saved run found each school's section: a re-audit starts there."""
    if not workspace.db_path.exists():
        return {}
    con = connect(workspace.db_path, read_only=True)
    try:
        rows = con.execute(
            "SELECT org_id, section_url FROM sites WHERE section_found"
            " AND run_id = (SELECT max(run_id) FROM runs)"
        ).fetchall()
    finally:
        con.close()
    return dict(rows)


def crawl(
    workspace: Workspace,
    organisations: tuple[Organisation, ...],
    run_dir: Path,
    started: dt.datetime,
    registry_path: Path | None = None,
    lock: IO | None = None,
) -> CrawlRecords:
    """Crawl in a child process (Scrapy's reactor runs once per process) into a staging file.

    A resumed run starts its staging and archive afresh, so nothing is counted twice. The
    child holds the workspace `lock` with this process and ends with it; a crawl stopped
    before it finished raises CrawlInterrupted, so nothing of it is saved.
    """
    run_dir.mkdir(parents=True, exist_ok=True)
    remembered = previous_sections(workspace)
    decided = decided_sections(workspace.db_path)  # a methodologist's address wins
    staging_path = run_dir / "crawl.jsonl"
    staging_path.unlink(missing_ok=True)
    (run_dir / "crawl.warc.gz").unlink(missing_ok=True)
    job = {
        "started_at": started.isoformat(),
        "registry_path": str(registry_path) if registry_path else None,
        "orgs": [
            {
                **asdict(org),
                "section_hint": decided.get(org.id) or org.section_hint,
                "previous_section": remembered.get(org.id),
            }
            for org in organisations
        ],
        "crawl": asdict(workspace.crawl),
        "trusted_netlocs": sorted({urlsplit(org.site_url).netloc.lower() for org in organisations}),
        "evidence_dir": str(workspace.evidence_dir / "files"),
        "staging_path": str(staging_path),
        "warc_path": str(run_dir / "crawl.warc.gz"),
        "stats_path": str(run_dir / CRAWL_STATS_FILE),
        "http_cache_dir": str(workspace.http_cache_dir),
        "log_path": str(run_dir / "crawl.log"),
    }
    job_path = run_dir / CRAWL_JOB_FILE
    job_path.write_text(json.dumps(job, ensure_ascii=False, indent=2), encoding="utf-8")
    code = run_crawler([sys.executable, "-m", "crawler.run", str(job_path)], lock=lock)
    if code != 0:
        raise UserError(messages.CRAWL_FAILED.format(code=code, log=run_dir / "crawl.log"))
    archive_run_files(Path(job["warc_path"]), staging_path, job_path)
    return read_staging(staging_path)


def collect_rows(
    run_id: str,
    organisations: tuple[Organisation, ...],
    records: CrawlRecords,
    cache: FactsCache,
    audit_date: dt.date,
    decisions: dict[tuple[str, str], KindDecision] | None = None,
) -> dict[str, list[dict]]:
    """Every facts row of the run, table by table, in insertion order.

    `decisions`: document kinds a methodologist decided (cmn_audit/review.py).
    """
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
        documents = [
            document_row(run_id, item, cache, audit_date, decisions)
            for item in unique_items(records.items(org.id, "DocumentItem"), "url")
        ]
        news = [
            news_row(run_id, item)
            for item in unique_items(records.items(org.id, "NewsItem"), "url")
        ]
        rows["documents"] += with_event_coverage(documents, news)
        rows["news"] += news
    return rows


def write_run_reports(
    con,
    workspace: Workspace,
    run_id: str,
    *,
    formats: Collection[str] = tuple(REPORT_FORMATS),
    schools: Collection[str] | None = None,
) -> ReportPaths:
    """(Re)write the reports of a stored run, all or the chosen formats and schools; no crawling."""
    out_dir = workspace.reports_dir / run_id
    warc_path = workspace.runs_dir / run_id / WARC_NAME
    store = ContentStore(workspace.evidence_dir / "files")
    evidence = RunEvidence(con, warc_path, run_id, store) if warc_path.is_file() else None
    # The deadline the run's letters set was recorded with the run, not today's config.
    (deadline,) = con.execute(
        "SELECT letter_deadline FROM runs WHERE run_id = ?", [run_id]
    ).fetchone()
    try:
        return write_reports(
            con,
            run_id,
            out_dir,
            workspace.centre,
            deadline=deadline,
            evidence=evidence,
            letter_settings=workspace.letters,
            formats=formats,
            schools=schools,
            reference=workspace.reference,
            freeze=True,
        )
    except LetterTemplateError as error:  # the centre's own file: told like any user error
        raise UserError(str(error)) from error


def confirm_run(
    workspace: Workspace, run_id: str | None, *, echo: Callable[[str], None] = print
) -> tuple[str, ReportPaths]:
    """Release the letters of a run held after a collapse: a methodologist checked it."""
    con = connect(workspace.db_path)
    try:
        run_id = resolve_run(con, run_id)
        if not letters_held(con, run_id):
            raise UserError(messages.CONFIRM_NOT_HELD.format(run_id=run_id))
        con.execute(
            "UPDATE runs SET letters_held = FALSE, letters_confirmed_at = ? WHERE run_id = ?",
            [dt.datetime.now(), run_id],
        )
        echo(messages.CONFIRMED.format(run_id=run_id))
        return run_id, write_run_reports(con, workspace, run_id)
    finally:
        con.close()


def _echo_overrides(judged: OverrideSummary, echo: Callable[[str], None]) -> None:
    """Say which of the methodologist's overrides the run applied and which it could not."""
    if judged.applied:
        echo(messages.OVERRIDES_APPLIED.format(count=len(judged.applied)))
    if judged.stale:
        items = ", ".join(f"{item.org_id} {item.rule_id}" for item in judged.stale)
        echo(messages.OVERRIDES_STALE.format(count=len(judged.stale), items=items))


def _org_columns(org: Organisation) -> dict:
    columns = asdict(org)
    columns.pop("id")
    return columns


def run_municipality(workspace: Workspace, organisations: tuple[Organisation, ...]) -> str:
    """The municipality the reports name: the config's, else the registry's «Муниципалитет»."""
    configured = workspace.audit.municipality.strip()
    if not is_placeholder(configured):
        return configured
    named = Counter(org.municipality.strip() for org in organisations if org.municipality.strip())
    return named.most_common(1)[0][0] if named else ""


def run_figures_line(summary: RunSummary) -> str:
    """The run's headline figures for the console: the same the справка and dashboard print."""
    return messages.RUN_FIGURES.format(
        sites=summary.sites_checked,
        schools=summary.schools,
        sections=summary.sections_found,
        documents=summary.documents,
        compliant=summary.compliant,
        checked=summary.checked,
        share=percent(summary.share_compliant),
    )


def _run_row(
    run_id, started, workspace: Workspace, profile, registry_path: Path, organisations
) -> dict:
    return {
        "run_id": run_id,
        "started_at": started,
        "finished_at": dt.datetime.now(),
        "audit_date": started.date(),
        "profile_id": profile.id,
        "profile_version": profile.version,
        "municipality": run_municipality(workspace, organisations),
        "registry_path": str(registry_path),
        "status": "complete",
        "letter_date": started.date(),
        "letter_deadline": workspace.audit.deadline,  # follow-ups check findings after it
        "letters_held": False,  # a collapse against the previous check sets it (commit_run)
    }
