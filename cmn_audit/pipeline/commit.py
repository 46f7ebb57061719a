"""A crawl's records read, understood and judged, and the run saved whole or not at all."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from audit_rules import apply_profile
from audit_rules.overrides import OverrideSummary, apply_overrides
from cmn_audit import messages
from cmn_audit.config import Workspace
from cmn_audit.judgement.review import KindDecision, kind_decisions
from cmn_audit.pipeline import outputs
from cmn_audit.pipeline.facts import FactsCache, document_row, news_row, with_event_coverage
from cmn_audit.pipeline.staging import (
    CrawlRecords,
    fetch_rows,
    link_rows,
    page_rows,
    site_row,
    unique_items,
)
from cmn_audit.registry import Organisation
from cmn_audit.store import (
    connect,
    insert_rows,
    run_transaction,
)
from crawler.evidence import ContentStore
from reports import ReportPaths
from reports.history.collapse import find_collapse
from reports.history.runs import RunSummary, summarise_run
from reports.model import is_placeholder
from reports.russian import percent


@dataclass(frozen=True)
class RunOutcome:
    run_id: str
    reports: ReportPaths
    documents: int = 0  # document rows of the run
    read_anew: int = 0  # distinct files parsed in this run
    from_cache: int = 0  # distinct files whose reading an earlier run already stored
    crawl_seconds: float = 0.0  # wall time of the crawl process


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

    Shared by a fresh audit and a replay of an archived crawl (cmn_audit/pipeline/replay.py). A run
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
        reports = outputs.write_run_reports(con, workspace, run_id)
    finally:
        con.close()
    return RunOutcome(
        run_id,
        reports,
        len(rows["documents"]),
        counts.read_anew,
        counts.from_cache,
    )


def collect_rows(
    run_id: str,
    organisations: tuple[Organisation, ...],
    records: CrawlRecords,
    cache: FactsCache,
    audit_date: dt.date,
    decisions: dict[tuple[str, str], KindDecision] | None = None,
) -> dict[str, list[dict]]:
    """Every facts row of the run, table by table, in insertion order.

    `decisions`: document kinds a methodologist decided (cmn_audit/judgement/review.py).
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
