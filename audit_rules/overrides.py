"""A methodologist's verdict overrides: the evidence they rest on, and applying them to runs."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

import duckdb

from audit_rules import messages as msg
from audit_rules.model import Profile
from audit_rules.scoring import insert_scores


@dataclass(frozen=True)
class Override:
    """A verdict a methodologist replaced, and the fingerprint of what it was decided on."""

    org_id: str
    rule_id: str
    outcome: str
    reason: str
    decided_at: dt.datetime
    run_id: str
    evidence_fingerprint: str


@dataclass(frozen=True)
class OverrideSummary:
    """What became of the stored overrides in one run."""

    applied: tuple[Override, ...] = ()
    stale: tuple[Override, ...] = ()  # the evidence changed: the rules' verdict stands


def evidence_fingerprint(
    con: duckdb.DuckDBPyConnection, run_id: str, org_id: str, rule_id: str
) -> str | None:
    """SHA-256 of what a verdict rests on; None when the run has no such verdict.

    The digest covers the outcome the rules gave (before any override), the section's URL,
    and every evidence URL with the SHA-256 of the file the school published under it. A new
    file behind the same link, another set of evidence or a moved section change it.
    """
    row = con.execute(
        "SELECT coalesce(computed_outcome, outcome), coalesce(evidence, []) FROM rule_results "
        "WHERE run_id = ? AND org_id = ? AND rule_id = ?",
        [run_id, org_id, rule_id],
    ).fetchone()
    if row is None:
        return None
    outcome, urls = row
    files = dict(
        con.execute(
            "SELECT url, min(sha256) FROM documents "
            "WHERE run_id = ? AND org_id = ? AND list_contains(?, url) GROUP BY url",
            [run_id, org_id, list(urls)],
        ).fetchall()
    )
    section = con.execute(
        "SELECT CASE WHEN section_found THEN section_url END FROM sites "
        "WHERE run_id = ? AND org_id = ?",
        [run_id, org_id],
    ).fetchone()
    payload = {
        "outcome": outcome,
        "section": section[0] if section else None,
        "evidence": [[url, files.get(url)] for url in sorted(set(urls))],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


def stored_overrides(con: duckdb.DuckDBPyConnection) -> list[Override]:
    """Every override the workspace keeps, by school and rule."""
    rows = con.execute(
        "SELECT org_id, rule_id, outcome, reason, decided_at, run_id, evidence_fingerprint "
        "FROM verdict_overrides ORDER BY org_id, rule_id"
    ).fetchall()
    return [Override(*row) for row in rows]


def find_override(con: duckdb.DuckDBPyConnection, org_id: str, rule_id: str) -> Override | None:
    """The override kept for one school and rule, if any."""
    for override in stored_overrides(con):
        if (override.org_id, override.rule_id) == (org_id, rule_id):
            return override
    return None


def record_override(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    org_id: str,
    rule_id: str,
    outcome: str,
    reason: str,
    decided_at: dt.datetime,
) -> Override:
    """Keep a decision made on a run (replacing an earlier one) and apply it to that run."""
    fingerprint = evidence_fingerprint(con, run_id, org_id, rule_id)
    if fingerprint is None:
        raise LookupError(f"{run_id}/{org_id}/{rule_id}")
    override = Override(org_id, rule_id, outcome, reason, decided_at, run_id, fingerprint)
    con.execute(
        "INSERT OR REPLACE INTO verdict_overrides (org_id, rule_id, outcome, reason, decided_at, "
        "run_id, evidence_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [org_id, rule_id, outcome, reason, decided_at, run_id, fingerprint],
    )
    apply_override(con, run_id, override)
    return override


def decision_note(override: Override) -> str:
    """The note a verdict carries once a methodologist has replaced it."""
    return msg.OVERRIDE_NOTE.format(date=f"{override.decided_at:%d.%m.%Y}", reason=override.reason)


def stale_note(override: Override) -> str:
    """The note of a verdict whose override no longer applies."""
    return msg.OVERRIDE_STALE_NOTE.format(date=f"{override.decided_at:%d.%m.%Y}")


def apply_override(con: duckdb.DuckDBPyConnection, run_id: str, override: Override) -> str:
    """Replace one verdict of the run if its evidence is unchanged: applied | stale | absent."""
    key = [run_id, override.org_id, override.rule_id]
    fingerprint = evidence_fingerprint(con, *key)
    if fingerprint is None:
        return "absent"
    if fingerprint == override.evidence_fingerprint:
        con.execute(
            "UPDATE rule_results SET computed_outcome = coalesce(computed_outcome, outcome), "
            "outcome = ?, overridden = true, override_reason = ?, note = ? "
            "WHERE run_id = ? AND org_id = ? AND rule_id = ?",
            [override.outcome, override.reason, decision_note(override), *key],
        )
        return "applied"
    # A verdict that now agrees with the decision needs no word about it.
    note = stale_note(override)
    con.execute(
        "UPDATE rule_results SET note = concat_ws(' ', note, ?::VARCHAR) "
        "WHERE run_id = ? AND org_id = ? AND rule_id = ? AND outcome <> ? "
        "AND NOT contains(coalesce(note, ''), ?)",
        [note, *key, override.outcome, note],
    )
    return "stale"


def rescore(con: duckdb.DuckDBPyConnection, run_id: str, profile: Profile) -> None:
    """Recompute the run's scores and levels from its (possibly overridden) verdicts."""
    con.execute("DELETE FROM org_scores WHERE run_id = ?", [run_id])
    insert_scores(con, run_id, profile)


def apply_overrides(
    con: duckdb.DuckDBPyConnection, run_id: str, profile: Profile
) -> OverrideSummary:
    """Apply every kept override to a freshly judged run, then rescore it.

    Runs inside the caller's transaction, right after apply_profile.
    """
    applied: list[Override] = []
    stale: list[Override] = []
    for override in stored_overrides(con):
        state = apply_override(con, run_id, override)
        if state == "applied":
            applied.append(override)
        elif state == "stale":
            stale.append(override)
    if applied:
        rescore(con, run_id, profile)
    return OverrideSummary(tuple(applied), tuple(stale))
