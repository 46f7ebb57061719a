"""A workspace's runs over time: every run, saved, failed or interrupted, and the follow-up.

Read-only functions over the DuckDB store (plain frozen dataclasses out) for the CLI and the
pipeline. What became of the letters' findings is computed in reports/history/follow_up.py
(results.json carries it); here it gets the application's Russian error for a run that does
not exist. Two runs compared: history/diff.py; trends: history/trends.py; failed runs are
recorded by cmn_audit/pipeline/lock.py. A run's figures are computed in one place,
reports/history/runs.py.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb

from cmn_audit.messages import UserError
from cmn_audit.store import complete_runs, run_not_found
from reports.history import follow_up as follow
from reports.history.follow_up import (  # noqa: F401 - re-exported: the application's history API
    FOLLOW_UP_STATUSES,
    RUN_COLUMNS,
    FollowUp,
    FollowUpItem,
    RunEntry,
    dict_rows,
    org_names,
    rule_outcomes,
    run_entries,
    run_rules,
)
from reports.history.runs import RunNotFoundError, summarise_runs

COMPLETE_RUNS_SQL = RUN_COLUMNS + "WHERE r.status = 'complete' ORDER BY r.started_at, r.run_id"
CRAWL_JOB_FILE = "crawl-job.json"  # in a run's folder from the start of its crawl


def list_runs(con: duckdb.DuckDBPyConnection, runs_dir: Path | None = None) -> list[RunEntry]:
    """Every run, oldest first: complete ones with their figures, failed and interrupted ones.

    A run is failed when it stopped with an error (run_failures) and never completed;
    interrupted when its crawl began (runs_dir/<id>/crawl-job.json) and nothing else is known.
    """
    rows = dict_rows(con, COMPLETE_RUNS_SQL)
    summaries = summarise_runs(con, [row["run_id"] for row in rows])
    entries = [RunEntry(**row, summary=summaries.get(row["run_id"])) for row in rows]
    known = {entry.run_id for entry in entries}
    for row in dict_rows(
        con,
        "SELECT * FROM run_failures QUALIFY row_number() OVER "
        "(PARTITION BY run_id ORDER BY failed_at DESC) = 1 ORDER BY failed_at",
    ):
        if row["run_id"] not in known:
            known.add(row["run_id"])
            entries.append(_failure(row))
    if runs_dir is not None:
        entries += interrupted_runs(runs_dir, known)
    return sorted(entries, key=lambda e: (e.started_at or dt.datetime.min, e.run_id))


def interrupted_runs(runs_dir: Path, known: set[str] = frozenset()) -> list[RunEntry]:
    """Runs whose crawl began (runs_dir/<id>/crawl-job.json) and that are not among `known`
    (saved or failed): interrupted. Readable before the store exists, as after a first run
    stopped in its crawl."""
    if not runs_dir.is_dir():
        return []
    return [
        RunEntry(run_dir.name, "interrupted", _job_start(run_dir / CRAWL_JOB_FILE))
        for run_dir in sorted(runs_dir.iterdir())
        if run_dir.name not in known and (run_dir / CRAWL_JOB_FILE).is_file()
    ]


def run_entry(con: duckdb.DuckDBPyConnection, run_id: str) -> RunEntry:
    """One complete run's entry; a Russian error when the workspace has no such run."""
    entry = run_entries(con, [run_id]).get(run_id)
    if entry is None or entry.status != "complete":
        raise UserError(run_not_found(run_id, complete_runs(con)))
    return entry


def follow_up(con: duckdb.DuckDBPyConnection, run_id: str) -> FollowUp:
    """What became of the earlier letters' findings (reports.history.follow_up.follow_up); a Russian
    error when the workspace has no such run."""
    try:
        return follow.follow_up(con, run_id)
    except RunNotFoundError as error:
        raise UserError(run_not_found(run_id, complete_runs(con))) from error


def latest_failure(con: duckdb.DuckDBPyConnection) -> RunEntry | None:
    """The failed run the next run must mention: failed after the last complete run."""
    entries = list_runs(con)
    complete = [e.started_at for e in entries if e.status == "complete" and not e.rescore_of]
    failed = [e for e in entries if e.status == "failed"]
    if not failed:
        return None
    if complete and max(complete) > (failed[-1].started_at or dt.datetime.min):
        return None
    return failed[-1]


def _failure(row: dict) -> RunEntry:
    return RunEntry(
        row["run_id"],
        "failed",
        row["started_at"],
        stage=row["stage"],
        error=row["error"],
        log_path=row["log_path"],
    )


def _job_start(job: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(json.loads(job.read_text(encoding="utf-8"))["started_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
