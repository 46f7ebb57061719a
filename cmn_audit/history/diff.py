"""Two runs compared: per school each rule fixed, new or persisting, and documents changed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import duckdb

from cmn_audit.history.runs import RunEntry, org_names, rule_outcomes, run_entry, run_rules
from reports.history.runs import state_sources

CHANGES = ("fixed", "new", "persists", "not_checked")  # diff of one school's rule
DOCUMENTS_SQL = (
    "SELECT org_id, url, min(sha256), min(kind), min(title) FROM documents "
    "WHERE run_id = ? GROUP BY org_id, url"
)


@dataclass(frozen=True)
class RuleChange:
    """One school's verdict on one rule in run A and in run B (None: not judged there)."""

    org_id: str
    org_name: str
    rule_id: str
    rule_title: str
    counted: bool
    change: str  # one of CHANGES
    before: str | None
    after: str | None


@dataclass(frozen=True)
class DocumentChange:
    """A document of a school's section added, removed or replaced by other bytes."""

    org_id: str
    url: str
    change: str  # added | removed | changed
    sha_before: str | None
    sha_after: str | None
    kind: str | None
    title: str | None


@dataclass(frozen=True)
class RunDiff:
    run_a: RunEntry
    run_b: RunEntry
    schools_added: tuple[tuple[str, str], ...]  # (org_id, name)
    schools_removed: tuple[tuple[str, str], ...]
    rules: tuple[RuleChange, ...]  # every school in both runs, every rule that changed or failed
    documents: tuple[DocumentChange, ...]

    def of(self, change: str) -> tuple[RuleChange, ...]:
        """The rule changes of one kind: fixed, new, persists or not_checked."""
        return tuple(item for item in self.rules if item.change == change)


def diff_runs(con: duckdb.DuckDBPyConnection, run_a: str, run_b: str) -> RunDiff:
    """What changed from run A to run B, school by school and rule by rule.

    fixed: fail → pass; new: pass (or not judged) → fail; persists: fail → fail;
    not_checked: any change to or from «не проверено», or a failed rule no longer judged —
    never counted as fixed or new. Each school counts with its latest verdict up to run A; a
    partial run B compares only the schools it re-checked. Schools in only one run are listed,
    not compared.
    """
    entry_a, entry_b = run_entry(con, run_a), run_entry(con, run_b)
    sources_a = state_sources(con, run_a)
    names_a = _by_source(sources_a, lambda run: org_names(con, run))
    names_b = org_names(con, run_b)
    partial_b = state_sources(con, run_b).keys() != names_b.keys()
    common = names_a.keys() & names_b.keys()
    rules = {**run_rules(con, run_a), **run_rules(con, run_b)}
    before = _by_source(sources_a, lambda run: rule_outcomes(con, run))
    after = rule_outcomes(con, run_b)
    changes = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: (k[0], rules[k[1]][2], k[1])):
        org_id, rule_id = key
        change = _change(before.get(key), after.get(key))
        if org_id in common and change is not None:
            title, counted, _ = rules[rule_id]
            changes.append(
                RuleChange(
                    org_id,
                    names_b[org_id],
                    rule_id,
                    title,
                    counted,
                    change,
                    before.get(key),
                    after.get(key),
                )
            )
    removed = () if partial_b else names_a.keys() - names_b.keys()
    return RunDiff(
        entry_a,
        entry_b,
        tuple(sorted((key, names_b[key]) for key in names_b.keys() - names_a.keys())),
        tuple(sorted((key, names_a[key]) for key in removed)),
        tuple(changes),
        _document_changes(
            _by_source(sources_a, lambda run: _documents(con, run)),
            _documents(con, run_b),
            common,
        ),
    )


def _by_source(sources: Mapping[str, str], read: Callable[[str], dict]) -> dict:
    """A run-keyed reading (by org_id, or (org_id, …) keys) merged by each school's source run."""
    merged: dict = {}
    for run_id in dict.fromkeys(sources.values()):
        for key, value in read(run_id).items():
            org_id = key[0] if isinstance(key, tuple) else key
            if sources.get(org_id) == run_id:
                merged[key] = value
    return merged


def _change(before: str | None, after: str | None) -> str | None:
    if "not_applicable" in (before, after):
        return None  # not asked of the school in one of the runs: nothing to compare
    if before == after:
        return "persists" if before == "fail" else None
    if (before, after) == ("fail", "pass"):
        return "fixed"
    if after == "fail" and before in ("pass", None):
        return "new"
    if "not_checked" in (before, after) or before == "fail":
        return "not_checked"
    return None  # a passed rule that one of the runs did not judge


def _document_changes(
    before: dict[tuple[str, str], tuple], after: dict[tuple[str, str], tuple], schools: set[str]
) -> tuple[DocumentChange, ...]:
    changes = []
    for org_id, url in sorted(before.keys() | after.keys()):
        old, new = before.get((org_id, url)), after.get((org_id, url))
        if org_id not in schools or (old and new and old[0] == new[0]):
            continue
        change = "added" if old is None else "removed" if new is None else "changed"
        sha_before, sha_after = old[0] if old else None, new[0] if new else None
        _, kind, title = new or old
        changes.append(DocumentChange(org_id, url, change, sha_before, sha_after, kind, title))
    return tuple(changes)


def _documents(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[tuple[str, str], tuple]:
    rows = con.execute(DOCUMENTS_SQL, [run_id]).fetchall()
    return {(org, url): (sha, kind, title) for org, url, sha, kind, title in rows}
