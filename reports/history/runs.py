"""A run among its municipality's runs: the one place a run's headline figures are computed.

results.json's history (and through it the reference's trend and the dashboard),
`cmn-audit history` and `cmn-audit trends` all take their figures from `summarise_runs`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from audit_rules.model import LEVELS as RULE_LEVELS

from ..russian import mean_score, share

# A school's level: one of a profile's (audit_rules/model.py LEVELS), or not checked at all.
LEVELS = (*RULE_LEVELS, "not_checked")


class RunNotFoundError(LookupError):
    """The store holds no complete run with the requested id."""


# Runs comparable with `run_id`: complete, same profile, sharing schools (by their registry
# codes) with it, not later than it. Runs belong together by the workspace and the schools,
# so a municipality's name corrected in the config does not break the history.
# The run itself is always included, so a report written mid-run still sees its own figures.
WINDOW_SQL = """
WITH this AS (
    SELECT run_id, audit_date, started_at, profile_id FROM runs WHERE run_id = ?
), comparable AS (
    SELECT r.*, r.run_id = t.run_id AS is_this
    FROM runs r, this t
    WHERE r.profile_id = t.profile_id
      AND (r.run_id = t.run_id OR (
            r.status = 'complete'
            AND (r.audit_date < t.audit_date
                 OR (r.audit_date = t.audit_date AND r.started_at <= t.started_at))
            AND EXISTS (SELECT 1 FROM organisations a JOIN organisations b USING (org_id)
                        WHERE a.run_id = r.run_id AND b.run_id = t.run_id)))
)
"""
COMPARABLE_SQL = (
    WINDOW_SQL
    + """
SELECT c.run_id, coalesce(c.scope, 'full') FROM comparable c
WHERE ? OR c.is_this OR NOT EXISTS (SELECT 1 FROM comparable s WHERE s.rescore_of = c.run_id)
ORDER BY c.audit_date, c.started_at, c.run_id
"""
)
RUN_DATES_SQL = "SELECT run_id, audit_date FROM runs WHERE run_id IN (SELECT UNNEST(?::VARCHAR[]))"
ORGS_OF_RUN_SQL = "SELECT org_id FROM organisations WHERE run_id = ? ORDER BY rowid"
# The (source run, school) pairs a run's figures are counted over; same defaults as
# results.json: a school without a score row was not checked, without a site row not reached.
PAIRS = "(SELECT UNNEST(?::VARCHAR[]) AS run_id, UNNEST(?::VARCHAR[]) AS org_id)"
SCHOOLS_SQL = f"""
SELECT p.run_id, p.org_id, COALESCE(sc.level, 'not_checked') AS level, sc.score,
       COALESCE(s.site_status, 'error') = 'ok' AS site_checked,
       COALESCE(s.section_found, FALSE) AS section_found,
       (SELECT count(DISTINCT d.url) FROM documents d
        WHERE d.run_id = p.run_id AND d.org_id = p.org_id
          AND d.kind <> 'not_mentorship') AS documents,
       r.audit_date
FROM {PAIRS} p
JOIN runs r ON r.run_id = p.run_id
LEFT JOIN org_scores sc ON sc.run_id = p.run_id AND sc.org_id = p.org_id
LEFT JOIN sites s ON s.run_id = p.run_id AND s.org_id = p.org_id
"""
OUTCOMES_SQL = f"""
SELECT p.org_id, res.rule_id, res.outcome
FROM {PAIRS} p
JOIN rule_results res ON res.run_id = p.run_id AND res.org_id = p.org_id
"""
RULES_SQL = "SELECT rule_id, title FROM run_rules WHERE run_id = ? ORDER BY position, rule_id"


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
    """One school's outcome as a run counts it: the latest verdict on it up to that run."""

    org_id: str
    score: float | None
    level: str
    run_id: str = ""  # the run that checked the school last (a partial run checks a few)
    audit_date: dt.date | None = None
    site_checked: bool = True  # its site answered
    section_found: bool = False
    documents: int = 0  # mentorship documents found in its section


@dataclass(frozen=True)
class RunSummary:
    """One run's headline figures: the one definition every report and listing prints.

    A partial run (`cmn-audit run --school …`) counts every school of the municipality by
    its latest verdict, so its figures describe the municipality after the re-check.
    """

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
    scope: str = "full"  # full | partial
    rechecked: tuple[str, ...] = ()  # partial: the schools this run checked

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

    def level_share(self, level: str) -> float | None:
        """% of the checked schools at `level`; none for the schools not checked."""
        return None if level == "not_checked" else share(getattr(self, level), self.checked)

    @property
    def sites_checked(self) -> int:
        """Schools whose site answered, so its contents could be judged."""
        return sum(school.site_checked for school in self.results)

    @property
    def sections_found(self) -> int:
        """Schools with a section «Наставничество», among those whose site answered."""
        return sum(school.site_checked and school.section_found for school in self.results)

    @property
    def documents(self) -> int:
        """Mentorship documents found in the schools' sections."""
        return sum(school.documents for school in self.results)

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        """The dates of the verdicts counted: from the oldest to this run's."""
        dates = [school.audit_date for school in self.results if school.audit_date]
        return (min(dates, default=self.audit_date), max(dates, default=self.audit_date))

    def record(self) -> dict[str, Any]:
        """The run as results.json's "history" lists it."""
        return {
            "run_id": self.run_id,
            "audit_date": self.audit_date.isoformat(),
            "scope": self.scope,
            "schools": self.schools,
            "checked": self.checked,
            "sites_checked": self.sites_checked,
            "sections_found": self.sections_found,
            "documents": self.documents,
            "levels": self.levels,
            "share_compliant": self.share_compliant,
            "mean_score": self.mean_score,
            "criteria": {item.rule_id: item.share for item in self.criteria},
        }


def state_sources(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, str]:
    """School → the run whose verdict on it stands at `run_id`, in the registry's order.

    A full run answers for all its schools. A partial run re-checks a few: the others keep
    their verdict of the latest earlier run, and so on back to the latest full run.
    """
    rows = con.execute(COMPARABLE_SQL, [run_id, False]).fetchall()
    if not rows:
        raise RunNotFoundError(f"Запуск {run_id} не найден в базе данных.")
    start = max((i for i, (_, scope) in enumerate(rows) if scope != "partial"), default=0)
    sources: dict[str, str] = {}
    for source, scope in rows[start:]:
        orgs = [row[0] for row in con.execute(ORGS_OF_RUN_SQL, [source]).fetchall()]
        if scope != "partial":
            sources = {}
        sources.update(dict.fromkeys(orgs, source))
    return sources


def summarise_runs(con: duckdb.DuckDBPyConnection, run_ids: Sequence[str]) -> dict[str, RunSummary]:
    """Each run's figures, keyed by run id; runs unknown to the store are left out."""
    dates = dict(con.execute(RUN_DATES_SQL, [list(run_ids)]).fetchall())
    return {
        run_id: summarise_run(con, run_id, dates[run_id]) for run_id in run_ids if run_id in dates
    }


def school_results(
    con: duckdb.DuckDBPyConnection, sources: Mapping[str, str]
) -> dict[str, SchoolResult]:
    """Each school's result in the run `sources` names for it (school → run)."""
    schools = {}
    pairs = [list(sources.values()), list(sources)]
    for source, org_id, level, score, site_ok, section, documents, day in con.execute(
        SCHOOLS_SQL, pairs
    ).fetchall():
        schools[org_id] = SchoolResult(
            org_id,
            None if score is None else float(score),
            level,
            source,
            day,
            bool(site_ok),
            bool(section),
            int(documents or 0),
        )
    return schools


def summarise_run(
    con: duckdb.DuckDBPyConnection, run_id: str, audit_date: dt.date | None = None
) -> RunSummary:
    """One run's figures over the latest verdict on each of its municipality's schools."""
    if audit_date is None:
        audit_date = con.execute(RUN_DATES_SQL, [[run_id]]).fetchone()[1]
    sources = state_sources(con, run_id)
    schools = school_results(con, sources)
    pairs = [list(sources.values()), list(sources)]
    outcomes = {
        (org, rule): outcome for org, rule, outcome in con.execute(OUTCOMES_SQL, pairs).fetchall()
    }
    criteria = []
    for rule_id, title in con.execute(RULES_SQL, [run_id]).fetchall():
        found = Counter(outcomes.get((org_id, rule_id), "not_checked") for org_id in sources)
        criteria.append(
            CriterionSummary(
                rule_id,
                title,
                found["pass"],
                found["fail"],
                sum(found.values()) - found["pass"] - found["fail"] - found["not_applicable"],
            )
        )
    ordered = [schools[org_id] for org_id in sorted(schools)]
    counts = Counter(school.level for school in ordered)
    rechecked = tuple(org for org, source in sources.items() if source == run_id)
    partial = len(rechecked) < len(sources)
    return RunSummary(
        run_id=run_id,
        audit_date=audit_date,
        schools=len(ordered),
        compliant=counts["compliant"],
        partial=counts["partial"],
        non_compliant=counts["non_compliant"],
        not_checked=counts["not_checked"],
        mean_score=mean_score(school.score for school in ordered),
        criteria=tuple(criteria),
        results=tuple(ordered),
        scope="partial" if partial else "full",
        rechecked=rechecked if partial else (),
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
            if school.run_id not in ("", run.run_id):
                continue  # not re-checked by this partial run: its verdict is an earlier one
            schools[school.org_id].append(
                {
                    "run_id": run.run_id,
                    "audit_date": run.audit_date.isoformat(),
                    "score": school.score,
                    "level": school.level,
                }
            )
    return dict(schools)


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()
