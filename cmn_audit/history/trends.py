"""Trends over runs: each school × criterion, and the municipality's and criteria's figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from cmn_audit.history.runs import RunEntry, list_runs

TRENDS_SQL = """
SELECT r.run_id, r.audit_date, r.profile_id, o.org_id,
       coalesce(nullif(o.short_name, ''), o.name) AS org_name,
       m.rule_id, m.title, m.counted, res.outcome, s.score, coalesce(s.level, 'not_checked')
FROM runs r
JOIN organisations o ON o.run_id = r.run_id
JOIN run_rules m ON m.run_id = r.run_id
LEFT JOIN rule_results res
  ON res.run_id = r.run_id AND res.org_id = o.org_id AND res.rule_id = m.rule_id
LEFT JOIN org_scores s ON s.run_id = r.run_id AND s.org_id = o.org_id
WHERE r.status = 'complete' AND ($rescores OR r.rescore_of IS NULL)
  AND ($org_id IS NULL OR o.org_id = $org_id) AND ($rule_id IS NULL OR m.rule_id = $rule_id)
ORDER BY r.audit_date, r.started_at, r.run_id, o.org_id, m.position
"""


@dataclass(frozen=True)
class TrendPoint:
    """One school × one criterion in one run: the long table of `cmn-audit trends`."""

    run_id: str
    run_date: dt.date
    profile_id: str
    org_id: str
    org_name: str
    rule_id: str
    rule_title: str
    counted: bool
    outcome: str | None
    score: float | None  # the school's score in that run
    level: str


@dataclass(frozen=True)
class CriterionPoint:
    """One criterion in one run across the run's schools, as results.json's history has it."""

    run_id: str
    run_date: dt.date
    rule_id: str
    rule_title: str
    passed: int
    failed: int
    not_checked: int
    share_passed: float | None  # % of the schools checked on it


def trends(
    con: duckdb.DuckDBPyConnection,
    *,
    org_id: str | None = None,
    rule_id: str | None = None,
    include_rescores: bool = False,
) -> list[TrendPoint]:
    """School × criterion over the complete runs, oldest first (rescores left out by default)."""
    params = {"rescores": include_rescores, "org_id": org_id, "rule_id": rule_id}
    return [TrendPoint(*row) for row in con.execute(TRENDS_SQL, params).fetchall()]


def municipality_trend(
    con: duckdb.DuckDBPyConnection, *, include_rescores: bool = False
) -> list[RunEntry]:
    """The municipality's figures run by run: complete runs, oldest first."""
    return [
        entry
        for entry in list_runs(con)
        if entry.status == "complete" and (include_rescores or entry.rescore_of is None)
    ]


def criterion_trend(runs: Sequence[RunEntry], rule_id: str | None = None) -> list[CriterionPoint]:
    """Per run (from `municipality_trend`) and criterion: schools passing, failing, unchecked."""
    return [
        CriterionPoint(
            run.run_id,
            run.audit_date,
            item.rule_id,
            item.title,
            item.passed,
            item.failed,
            item.not_checked,
            item.share,
        )
        for run in runs
        if run.summary is not None
        for item in run.summary.criteria
        if rule_id is None or item.rule_id == rule_id
    ]
