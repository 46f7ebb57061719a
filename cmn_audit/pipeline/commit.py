"""A run saved whole or not at all: the one commit path of a fresh audit, a replay and a rescore.

`save_run` writes a run's facts, judges them and records the run in one transaction; a crawl's
records are first read and understood (`commit_run`), a rescore copies an earlier run's facts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from audit_rules import apply_profile
from audit_rules.overrides import OverrideSummary, apply_overrides
from cmn_audit import messages
from cmn_audit.config import Workspace
from cmn_audit.judgement.review import KindDecision, kind_decisions
from cmn_audit.pipeline import outputs
from cmn_audit.pipeline.dating import RunDating
from cmn_audit.pipeline.facts import (
    FactsCache,
    Reader,
    document_row,
    news_row,
    with_event_coverage,
)
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
from reports.history.collapse import Collapse, find_collapse
from reports.history.runs import RunSummary, summarise_run
from reports.model import ReportPaths, is_placeholder
from reports.russian import percent
from reports.writer import FORMATS as REPORT_FORMATS

# The store's tables of a run's facts (audit_rules/tables.sql), in insertion order.
RUN_FACT_TABLES = ("organisations", "sites", "fetches", "pages", "links", "documents", "news")
# Writes a run's facts inside save_run's transaction: insert_facts or copy_facts.
WriteFacts = Callable[[duckdb.DuckDBPyConnection], None]


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
    dating: RunDating | None = None,
    scope: str = "full",
    read: Reader | None = None,
    formats: Collection[str] = tuple(REPORT_FORMATS),
) -> RunOutcome:
    """Read, understand and judge a crawl's records, save the run whole, write its reports.

    Shared by a fresh audit and a replay of an archived crawl (pipeline/replay.py); the run is
    saved by `save_run`. `dating`: the day the run speaks of (pipeline/dating.py), else today.
    `read`: how files are read (default: the local isolated pool). `formats`: the reports
    written (results.json always).
    """
    dating = dating or RunDating(now.date())
    audit_date = dating.audit_date
    store = ContentStore(workspace.evidence_dir / "files")
    con = connect(workspace.db_path)
    try:
        cache = FactsCache.load(con, records.hashes("DocumentItem"))
        counts = cache.read_all(records.all_items("DocumentItem"), store, read=read)
        decisions = kind_decisions(con)
        rows = collect_rows(run_id, organisations, records, cache, audit_date, decisions)
        echo(
            messages.EXTRACT_DONE.format(
                documents=len(rows["documents"]),
                read=counts.read_anew,
                cached=counts.from_cache,
            )
        )
        run_row = _run_row(run_id, now, workspace, profile, registry_path, organisations)
        run = {**run_row, **dating.columns(), "scope": scope}
        saved = save_run(con, run, profile, insert_facts(rows, cache.new_rows()))
        echo(messages.RUN_SAVED.format(run_id=run_id, db=workspace.db_path))
        summary = summarise_run(con, run_id)
        for line in rechecked_lines(summary, organisations, profile):
            echo(line)
        echo(run_figures_line(summary))
        _echo_overrides(saved.overrides, echo)
        if saved.collapse is not None:
            echo(messages.RUN_COLLAPSED.format(details=saved.collapse.sentence(), run_id=run_id))
        reports = outputs.write_run_reports(con, workspace, run_id, formats=formats)
    finally:
        con.close()
    return RunOutcome(
        run_id,
        reports,
        len(rows["documents"]),
        counts.read_anew,
        counts.from_cache,
    )


@dataclass(frozen=True)
class SavedRun:
    """What saving a run decided beside its rows: the overrides it applied, a collapse found."""

    overrides: OverrideSummary
    collapse: Collapse | None


def save_run(
    con: duckdb.DuckDBPyConnection,
    run: Mapping[str, object],
    profile,
    write_facts: WriteFacts,
    *,
    hold_on_collapse: bool = True,
) -> SavedRun:
    """Save a run whole or not at all, in one transaction: its facts (`write_facts`), its
    verdicts by `profile` as in force on the run's audit date with a methodologist's overrides,
    and its row in `runs`.

    The one commit path of a fresh audit, a replay and a rescore. With `hold_on_collapse`, a
    run whose figures collapse against the previous check of its schools keeps its letters as
    drafts until a methodologist confirms it (`cmn-audit confirm`).
    """
    run_id = str(run["run_id"])
    with run_transaction(con):
        write_facts(con)
        apply_profile(
            con,
            run_id,
            profile.in_force_on(run["audit_date"]),
            facts_until=run.get("facts_until"),
        )
        overrides = apply_overrides(con, run_id, profile)
        insert_rows(con, "runs", [run])
        collapse = find_collapse(con, run_id) if hold_on_collapse else None
        if collapse is not None:
            con.execute("UPDATE runs SET letters_held = TRUE WHERE run_id = ?", [run_id])
    return SavedRun(overrides, collapse)


def insert_facts(
    rows: Mapping[str, Sequence[dict]], cached: Mapping[str, Sequence[dict]]
) -> WriteFacts:
    """A crawl's facts rows, table by table, and the readings new to the caches (replacing)."""

    def write(con: duckdb.DuckDBPyConnection) -> None:
        for table, table_rows in rows.items():
            insert_rows(con, table, table_rows)
        for table, table_rows in cached.items():
            insert_rows(con, table, table_rows, replace=True)

    return write


def copy_facts(source_run_id: str, run_id: str) -> WriteFacts:
    """An earlier run's facts copied as stored under a new run id: nothing crawled or read."""

    def write(con: duckdb.DuckDBPyConnection) -> None:
        for table in RUN_FACT_TABLES:
            con.execute(
                f"INSERT INTO {table} SELECT * REPLACE (?::VARCHAR AS run_id) "
                f"FROM {table} WHERE run_id = ?",
                [run_id, source_run_id],
            )

    return write


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
    rows: dict[str, list[dict]] = {name: [] for name in RUN_FACT_TABLES}
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


def rechecked_lines(
    summary: RunSummary, organisations: tuple[Organisation, ...], profile
) -> list[str]:
    """For a partial run, what each school it re-checked shows now: the figures that follow
    speak of the whole municipality, which a reader would otherwise take for the re-check."""
    if summary.scope != "partial":
        return []
    names = {org.id: org.short_name or org.name for org in organisations}
    lines = []
    for school in summary.results:
        if school.org_id not in summary.rechecked:
            continue
        if not school.site_checked:
            state = messages.RECHECKED_DOWN
        elif not school.section_found:
            state = messages.RECHECKED_NO_SECTION
        else:
            state = messages.RECHECKED_SECTION.format(documents=school.documents)
        score = percent(school.score)
        lines.append(
            messages.RUN_RECHECKED.format(
                name=names.get(school.org_id, school.org_id),
                state=state,
                score=score,
                level=profile.level_label(school.level),
            )
        )
    return lines


def run_figures_line(summary: RunSummary) -> str:
    """The run's headline figures for the console: the same the справка and dashboard print."""
    return messages.RUN_FIGURES.format(
        whose=messages.RUN_FIGURES_MUNICIPAL if summary.scope == "partial" else "",
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
        **section_columns(profile),
    }


def section_columns(profile) -> dict:
    """How the run's profile names the section, frozen with the run for its reports."""
    return {"section_name": profile.section.name, "section_noun": profile.section.noun}
