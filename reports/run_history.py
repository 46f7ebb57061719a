"""A run among its municipality's runs: the one place a run's headline figures are computed.

results.json's history (and through it the reference's trend and the dashboard),
`cmn-audit history` and `cmn-audit trends` all take their figures from `summarise_runs`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from .messages import FOLLOW_UP_LABELS
from .russian import mean_score, share

LEVELS = ("compliant", "partial", "non_compliant", "not_checked")


class RunNotFoundError(LookupError):
    """The store holds no complete run with the requested id."""


# Runs comparable with `run_id`: complete, same profile and municipality, not later than it.
# The run itself is always included, so a report written mid-run still sees its own figures.
WINDOW_SQL = """
WITH this AS (
    SELECT run_id, audit_date, started_at, profile_id, municipality FROM runs WHERE run_id = ?
), comparable AS (
    SELECT r.*, r.run_id = t.run_id AS is_this
    FROM runs r, this t
    WHERE r.profile_id = t.profile_id
      AND r.municipality IS NOT DISTINCT FROM t.municipality
      AND (r.run_id = t.run_id OR (
            r.status = 'complete'
            AND (r.audit_date < t.audit_date
                 OR (r.audit_date = t.audit_date AND r.started_at <= t.started_at))))
)
"""
COMPARABLE_SQL = (
    WINDOW_SQL
    + """
SELECT c.run_id FROM comparable c
WHERE ? OR c.is_this OR NOT EXISTS (SELECT 1 FROM comparable s WHERE s.rescore_of = c.run_id)
ORDER BY c.audit_date, c.started_at, c.run_id
"""
)
RUN_DATES_SQL = "SELECT run_id, audit_date FROM runs WHERE run_id IN (SELECT UNNEST(?::VARCHAR[]))"
# Same defaults as results.json: an organisation without a score row was not checked.
SCHOOLS_SQL = """
SELECT o.run_id, o.org_id, COALESCE(sc.level, 'not_checked') AS level, sc.score
FROM organisations o
LEFT JOIN org_scores sc ON sc.run_id = o.run_id AND sc.org_id = o.org_id
WHERE o.run_id IN (SELECT UNNEST(?::VARCHAR[]))
ORDER BY o.run_id, o.org_id
"""
# Per run and rule over the run's schools; a school without a verdict was not checked on it.
CRITERIA_SQL = """
SELECT rr.run_id, rr.rule_id, rr.title,
       COUNT(o.org_id) FILTER (WHERE res.outcome = 'pass') AS passed,
       COUNT(o.org_id) FILTER (WHERE res.outcome = 'fail') AS failed,
       COUNT(o.org_id) FILTER (WHERE COALESCE(res.outcome, 'not_checked') NOT IN ('pass', 'fail'))
FROM run_rules rr
LEFT JOIN organisations o ON o.run_id = rr.run_id
LEFT JOIN rule_results res
  ON res.run_id = rr.run_id AND res.rule_id = rr.rule_id AND res.org_id = o.org_id
WHERE rr.run_id IN (SELECT UNNEST(?::VARCHAR[]))
GROUP BY rr.run_id, rr.rule_id, rr.title, rr.position
ORDER BY rr.run_id, rr.position, rr.rule_id
"""


@dataclass(frozen=True)
class CriterionSummary:
    """One criterion in one run: schools that met it, failed it, could not be checked on it."""

    rule_id: str
    title: str
    passed: int
    failed: int
    not_checked: int

    @property
    def checked(self) -> int:
        return self.passed + self.failed

    @property
    def share(self) -> float | None:
        """% of the schools checked on it that met it."""
        return share(self.passed, self.checked)


@dataclass(frozen=True)
class SchoolResult:
    """One school's outcome in one run."""

    org_id: str
    score: float | None
    level: str


@dataclass(frozen=True)
class RunSummary:
    """One run's headline figures, computed the way results.json and the reference show them."""

    run_id: str
    audit_date: dt.date
    schools: int
    compliant: int
    partial: int
    non_compliant: int
    not_checked: int
    mean_score: float | None  # mean final score, % (schools with a score only), 1 decimal
    criteria: tuple[CriterionSummary, ...]  # in profile order
    results: tuple[SchoolResult, ...]  # by org_id

    @property
    def checked(self) -> int:
        """Schools whose materials could be checked."""
        return self.schools - self.not_checked

    @property
    def share_compliant(self) -> float | None:
        """% of the checked schools that comply."""
        return share(self.compliant, self.checked)

    @property
    def levels(self) -> dict[str, int]:
        """Schools per level, keyed as in results.json."""
        return {level: getattr(self, level) for level in LEVELS}

    def record(self) -> dict[str, Any]:
        """The run as results.json's "history" lists it."""
        return {
            "run_id": self.run_id,
            "audit_date": self.audit_date.isoformat(),
            "schools": self.schools,
            "checked": self.checked,
            "levels": self.levels,
            "share_compliant": self.share_compliant,
            "mean_score": self.mean_score,
            "criteria": {item.rule_id: item.share for item in self.criteria},
        }


def summarise_runs(con: duckdb.DuckDBPyConnection, run_ids: Sequence[str]) -> dict[str, RunSummary]:
    """Each run's figures, keyed by run id; runs unknown to the store are left out."""
    ids = list(run_ids)
    dates = dict(con.execute(RUN_DATES_SQL, [ids]).fetchall())
    schools: dict[str, list[SchoolResult]] = defaultdict(list)
    for run_id, org_id, level, score in con.execute(SCHOOLS_SQL, [ids]).fetchall():
        schools[run_id].append(SchoolResult(org_id, None if score is None else float(score), level))
    criteria: dict[str, list[CriterionSummary]] = defaultdict(list)
    for run_id, *row in con.execute(CRITERIA_SQL, [ids]).fetchall():
        criteria[run_id].append(CriterionSummary(*row))
    return {
        run_id: _summary(run_id, dates[run_id], schools[run_id], criteria[run_id])
        for run_id in ids
        if run_id in dates
    }


def _summary(
    run_id: str,
    audit_date: dt.date,
    schools: list[SchoolResult],
    criteria: list[CriterionSummary],
) -> RunSummary:
    counts = Counter(school.level for school in schools)
    return RunSummary(
        run_id=run_id,
        audit_date=audit_date,
        schools=len(schools),
        compliant=counts["compliant"],
        partial=counts["partial"],
        non_compliant=counts["non_compliant"],
        not_checked=counts["not_checked"],
        mean_score=mean_score(school.score for school in schools),
        criteria=tuple(criteria),
        results=tuple(schools),
    )


def comparable_runs(
    con: duckdb.DuckDBPyConnection, run_id: str, *, replace_rescored: bool = True
) -> list[str]:
    """This run and the earlier complete runs of its municipality and profile, oldest first.

    With `replace_rescored`, a run rejudged by a later comparable one (cmn-audit rescore)
    gives way to it, as a trend shows it; without, every original run stays (follow-ups).
    """
    rows = con.execute(COMPARABLE_SQL, [run_id, not replace_rescored]).fetchall()
    if not rows:
        raise RunNotFoundError(f"Запуск {run_id} не найден в базе данных.")
    return [row[0] for row in rows]


def municipal_history(con: duckdb.DuckDBPyConnection, run_id: str) -> list[RunSummary]:
    """The comparable runs (see `comparable_runs`) with their figures, oldest first."""
    ids = comparable_runs(con, run_id)
    summaries = summarise_runs(con, ids)
    return [summaries[run_id] for run_id in ids]


def school_histories(history: Sequence[RunSummary]) -> dict[str, list[dict[str, Any]]]:
    """Per school, its score and level in each run of `history` it was audited in."""
    schools: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for run in history:
        for school in run.results:
            schools[school.org_id].append(
                {
                    "run_id": run.run_id,
                    "audit_date": run.audit_date.isoformat(),
                    "score": school.score,
                    "level": school.level,
                }
            )
    return dict(schools)


def follow_up_record(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, Any] | None:
    """results.json's "follow_up": the earlier letters' findings now (None: no earlier run)."""
    # cmn_audit.history builds its figures on this module: imported when first needed.
    from cmn_audit.history import follow_up

    follow = follow_up(con, run_id)
    earlier = follow.earlier
    if earlier is None:
        return None
    return {
        "earlier_run_id": earlier.run_id,
        "earlier_date": _iso(earlier.audit_date),
        "letter_date": _iso(earlier.letter_date),
        "deadline": _iso(earlier.deadline),
        "deadline_passed": follow.deadline_passed,
        "counts": {status: len(follow.of(status)) for status in FOLLOW_UP_LABELS},
        "items": [
            {
                "org_id": item.org_id,
                "rule_id": item.rule_id,
                "title": item.rule_title,
                "status": item.status,
                "status_label": FOLLOW_UP_LABELS[item.status],
                "days_to_fix": item.days_to_fix,
                "reported_on": _iso(item.reported_on),
            }
            for item in follow.items
        ],
    }


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()
