"""What became of the findings earlier letters reported, as a later run finds them.

Read-only over the store, plain frozen dataclasses out: results.json's "follow_up", the
letters' and the dashboard's follow-up, and the CLI's `cmn-audit follow-up` (through
cmn_audit/history/runs.py, which adds the list of runs and Russian errors). Runs' figures come
from reports/history/runs.py, so every listing shows results.json's figures.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from ..messages import FOLLOW_UP_LABELS
from .runs import RunSummary, comparable_runs, summarise_runs

FOLLOW_UP_STATUSES = ("fixed", "not_fixed", "not_checked")  # an earlier failure, later

RUN_COLUMNS = """
SELECT r.run_id, r.status, r.started_at, r.audit_date, r.profile_id, r.profile_version,
       r.municipality, r.label, r.rescore_of, coalesce(r.letter_date, r.audit_date) AS letter_date,
       coalesce(r.letter_deadline,
                (SELECT max(m.deadline) FROM run_rules m WHERE m.run_id = r.run_id)) AS deadline,
       coalesce(r.letters_held, false) AND r.letters_confirmed_at IS NULL AS letters_held
FROM runs r
"""
SOME_RUNS_SQL = RUN_COLUMNS + "WHERE r.run_id IN (SELECT UNNEST(?::VARCHAR[]))"
ORG_NAMES_SQL = (
    "SELECT org_id, coalesce(nullif(short_name, ''), name) FROM organisations WHERE run_id = ?"
)
RULES_SQL = "SELECT rule_id, title, counted, position FROM run_rules WHERE run_id = ?"
OUTCOMES_SQL = "SELECT org_id, rule_id, outcome FROM rule_results WHERE run_id = ?"


@dataclass(frozen=True)
class RunEntry:
    """One run as the history lists it; a complete run's figures are results.json's."""

    run_id: str
    status: str  # complete | failed | interrupted
    started_at: dt.datetime | None = None
    audit_date: dt.date | None = None
    profile_id: str | None = None
    profile_version: str | None = None
    municipality: str | None = None
    label: str | None = None  # set on a rescore: «Пересчёт запуска … по профилю …»
    rescore_of: str | None = None
    letter_date: dt.date | None = None  # the date the run's letters bear
    deadline: dt.date | None = None  # the letters' deadline, else the rules' latest deadline
    stage: str | None = None  # failed: crawl | audit | reports
    error: str | None = None
    log_path: str | None = None
    summary: RunSummary | None = None  # complete runs: schools, levels, shares, criteria
    letters_held: bool = False  # results collapsed: letters wait for `cmn-audit confirm`

    @property
    def schools(self) -> int:
        return self.summary.schools if self.summary else 0

    @property
    def checked(self) -> int:
        """Schools whose site could be judged."""
        return self.summary.checked if self.summary else 0

    @property
    def compliant(self) -> int:
        return self.summary.compliant if self.summary else 0

    @property
    def share_compliant(self) -> float | None:
        """% of the checked schools."""
        return self.summary.share_compliant if self.summary else None

    @property
    def mean_score(self) -> float | None:
        """Mean score, % (schools with a score)."""
        return self.summary.mean_score if self.summary else None


@dataclass(frozen=True)
class FollowUpItem:
    """What became of one failure a letter reported."""

    org_id: str
    org_name: str
    rule_id: str
    rule_title: str
    status: str  # one of FOLLOW_UP_STATUSES
    outcome: str | None  # the verdict in the later run (None: not judged)
    days_to_fix: int | None  # fixed: from `reported_on` to the later run
    reported_on: dt.date | None = None  # the first letter that reported it (unbroken since)
    earlier_run_id: str = ""  # the run whose letter reported it last (a reply letter too)


@dataclass(frozen=True)
class FollowUp:
    run: RunEntry
    earlier: RunEntry | None  # None: no earlier run to follow up
    deadline_passed: bool  # the earlier run's letters' deadline had passed by this run
    items: tuple[FollowUpItem, ...]
    runs: Mapping[str, RunEntry] = dataclasses.field(default_factory=dict)  # by run id
    # School by school, the run whose letter this run follows up (a reply letter too).
    earlier_by_school: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def of(self, status: str) -> tuple[FollowUpItem, ...]:
        return tuple(item for item in self.items if item.status == status)


def follow_up(con: duckdb.DuckDBPyConnection, run_id: str) -> FollowUp:
    """Each failure the letters of earlier comparable runs reported, as this run finds it.

    Comparable: same profile, same schools (runs.comparable_runs). School by
    school, the earlier letter is the one of the latest original (not rescored) run before this
    that checked the school and whose deadline had passed by this run's date, else simply the
    latest that checked it: a school re-checked by a partial run is followed up from its reply
    letter. Only the schools this run checked are followed up, and only rules counted in the
    score: the letters report no other failure. Time to fix counts from the first letter that
    reported the failure, while every run since that checked the school found it unfixed.
    """
    ids = comparable_runs(con, run_id, replace_rescored=False)  # RunNotFoundError: no such run
    entries = run_entries(con, ids)
    this = entries[run_id]
    earlier_runs = [
        entries[other]
        for other in ids
        if other not in (this.run_id, this.rescore_of) and entries[other].rescore_of is None
    ]
    if not earlier_runs:
        return FollowUp(this, None, False, ())
    schools = org_names(con, this.run_id)
    members = {entry.run_id: set(org_names(con, entry.run_id)) for entry in earlier_runs}

    def due(entry: RunEntry) -> bool:
        return entry.deadline is not None and entry.deadline <= this.audit_date

    chosen: dict[str, RunEntry] = {}
    for org_id in schools:
        having = [entry for entry in earlier_runs if org_id in members[entry.run_id]]
        if having:
            chosen[org_id] = ([entry for entry in having if due(entry)] or having)[-1]
    if not chosen:
        return FollowUp(this, None, False, ())
    # The run most schools are followed up from names the follow-up; ties go to the latest.
    tally = Counter(entry.run_id for entry in chosen.values())
    earlier = max(tally, key=lambda key: (tally[key], ids.index(key)))
    earlier_entry = entries[earlier]
    now = rule_outcomes(con, this.run_id)
    names = {**org_names(con, earlier), **schools}
    items = []
    for source in dict.fromkeys(entry.run_id for entry in chosen.values()):
        rules = run_rules(con, source)
        findings = sorted(
            (
                key
                for key, outcome in rule_outcomes(con, source).items()
                if outcome == "fail" and chosen.get(key[0]) is entries[source]
            ),
            key=lambda key: (key[0], rules[key[1]][2], key[1]),
        )
        findings = [key for key in findings if rules[key[1]][1]]
        chain = earlier_runs[: earlier_runs.index(entries[source]) + 1]
        reported = _first_reported(con, chain, findings, members)
        for org_id, rule_id in findings:
            later = now.get((org_id, rule_id))
            if later == "not_applicable":
                continue  # the school's type was corrected: nothing is asked of it any more
            status = {"pass": "fixed", "fail": "not_fixed"}.get(later, "not_checked")
            since = reported[org_id, rule_id]
            days = (this.audit_date - since).days if status == "fixed" and since else None
            item = FollowUpItem(
                org_id, names[org_id], rule_id, rules[rule_id][0], status, later, days, since
            )
            items.append(dataclasses.replace(item, earlier_run_id=source))
    items.sort(key=lambda item: item.org_id)
    by_school = {org_id: entry.run_id for org_id, entry in chosen.items()}
    return FollowUp(this, earlier_entry, due(earlier_entry), tuple(items), entries, by_school)


# The slips inside a school's mentorship documents (documents.problems). A slip is the same
# one while its code is and its document is: the same address, the same bytes or the same
# title (a site that moved keeps its documents under new addresses).
SLIPS_SQL = """
SELECT org_id, url, sha256, coalesce(title, link_text, url) AS document, problem.code,
       problem.title
FROM (SELECT org_id, url, sha256, title, link_text,
             unnest(from_json(problems, '[{"code": "VARCHAR", "title": "VARCHAR"}]')) AS problem
      FROM documents
      WHERE run_id = ? AND problems IS NOT NULL AND kind <> 'not_mentorship')
"""


def remark_follow_up(
    con: duckdb.DuckDBPyConnection, follow: FollowUp
) -> dict[str, dict[str, list[dict[str, str]]]]:
    """What became of the remarks on documents (a wrong Р-145 date, an expired roadmap) the
    earlier letter made to each school: "repeated" — still found, "fixed" — gone while its
    document is still read, or the document replaced. Only schools this run checked."""
    now: dict[tuple[str, str], list[dict]] = {}
    for slip in _slips(con, follow.run.run_id):
        now.setdefault((slip["org_id"], slip["code"]), []).append(slip)
    found: dict[str, dict[str, list[dict[str, str]]]] = {}
    for source in dict.fromkeys(follow.earlier_by_school.values()):
        letter_date = _iso(follow.runs[source].letter_date)
        for slip in _slips(con, source):
            if follow.earlier_by_school.get(slip["org_id"]) != source:
                continue
            later = now.get((slip["org_id"], slip["code"]), [])
            again = next((other for other in later if _same_document(slip, other)), None)
            status = "repeated" if again else "fixed"
            found.setdefault(slip["org_id"], {"repeated": [], "fixed": []})[status].append(
                {
                    # A remark found again is named where this run found it.
                    "url": (again or slip)["url"],
                    "code": slip["code"],
                    "document": slip["document"],
                    "title": slip["title"],
                    "letter_date": letter_date,
                }
            )
    return found


def _slips(con: duckdb.DuckDBPyConnection, run_id: str) -> list[dict]:
    rows = con.execute(SLIPS_SQL, [run_id]).fetchall()
    names = ("org_id", "url", "sha256", "document", "code", "title")
    return [dict(zip(names, row, strict=True)) for row in rows]


def _same_document(earlier: dict, later: dict) -> bool:
    """The same document: the same address, the same bytes or the same title."""
    return any(
        earlier[key] is not None and earlier[key] == later[key]
        for key in ("url", "sha256", "document")
    )


def org_names(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, str]:
    """A run's schools: org_id → short name (full name when there is none)."""
    return dict(con.execute(ORG_NAMES_SQL, [run_id]).fetchall())


def run_rules(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, tuple[str, bool, int]]:
    """A run's rules: rule_id → (title, counted in the score, position in the profile)."""
    rows = con.execute(RULES_SQL, [run_id]).fetchall()
    return {rule_id: (title, counted, position) for rule_id, title, counted, position in rows}


def rule_outcomes(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[tuple[str, str], str]:
    """A run's verdicts: (org_id, rule_id) → pass | fail | not_checked."""
    rows = con.execute(OUTCOMES_SQL, [run_id]).fetchall()
    return {(org, rule): outcome for org, rule, outcome in rows}


def _first_reported(
    con: duckdb.DuckDBPyConnection,
    chain: Sequence[RunEntry],
    findings: Iterable[tuple[str, str]],
    members: Mapping[str, set[str]],
) -> dict[tuple[str, str], dt.date | None]:
    """Per finding, the date of the first letter that reported it, unfixed in every run since.

    `chain` holds the original comparable runs, oldest first, ending with the run followed up;
    a run that did not check the school (a partial run of others) neither breaks nor extends it.
    """
    since = {key: chain[-1].letter_date for key in findings}
    open_ = set(since)
    for entry in reversed(chain[:-1]):
        if not open_:
            break
        outcomes, counted = rule_outcomes(con, entry.run_id), run_rules(con, entry.run_id)
        skipped = {key for key in open_ if key[0] not in members.get(entry.run_id, ())}
        open_ = skipped | {
            key
            for key in open_ - skipped
            if outcomes.get(key) == "fail" and counted.get(key[1], ("", False))[1]
        }
        for key in open_ - skipped:
            since[key] = entry.letter_date
    return since


def run_entries(con: duckdb.DuckDBPyConnection, run_ids: Sequence[str]) -> dict[str, RunEntry]:
    """The given runs (any status) with their figures, keyed by run id."""
    summaries = summarise_runs(con, run_ids)
    return {
        row["run_id"]: RunEntry(**row, summary=summaries.get(row["run_id"]))
        for row in dict_rows(con, SOME_RUNS_SQL, [list(run_ids)])
    }


def dict_rows(con: duckdb.DuckDBPyConnection, sql: str, params=None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def follow_up_record(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, Any] | None:
    """results.json's "follow_up": the earlier letters' findings now (None: no earlier run)."""
    follow = follow_up(con, run_id)
    earlier = follow.earlier
    if earlier is None:
        return None
    return {
        "remarks": remark_follow_up(con, follow),
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
                # School by school: the letter that reported it last (a reply letter too).
                "earlier_run_id": item.earlier_run_id or earlier.run_id,
                "earlier_date": _iso(_source(follow, item).audit_date),
                "letter_date": _iso(_source(follow, item).letter_date),
            }
            for item in follow.items
        ],
    }


def _source(follow, item):
    """The run whose letter reported a follow-up item: its own, else the follow-up's."""
    return follow.runs.get(item.earlier_run_id) or follow.earlier


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()
