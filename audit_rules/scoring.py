"""Copy a profile's rule metadata into run_rules and turn verdicts into scores and levels."""

from __future__ import annotations

import duckdb

from audit_rules.model import Profile

SCORES_SQL = """
INSERT INTO org_scores (run_id, org_id, score, level, passed, failed, not_checked)
WITH tallies AS (
    SELECT r.org_id,
           count(*) FILTER (WHERE r.outcome = 'pass') AS passed,
           count(*) FILTER (WHERE r.outcome = 'fail') AS failed,
           count(*) FILTER (WHERE r.outcome = 'not_checked') AS not_checked,
           sum(m.weight) FILTER (WHERE r.outcome = 'pass') AS pass_weight,
           sum(m.weight) FILTER (WHERE r.outcome IN ('pass', 'fail')) AS checked_weight
    FROM rule_results AS r
    JOIN run_rules AS m USING (run_id, rule_id)
    WHERE r.run_id = $run_id AND m.counted
    GROUP BY r.org_id
), scored AS (
    SELECT o.org_id,
           CASE WHEN t.checked_weight > 0
                THEN 100.0 * coalesce(t.pass_weight, 0) / t.checked_weight END AS score,
           coalesce(t.passed, 0) AS passed,
           coalesce(t.failed, 0) AS failed,
           coalesce(t.not_checked, 0) AS not_checked
    FROM organisations AS o
    LEFT JOIN tallies AS t USING (org_id)
    WHERE o.run_id = $run_id
)
SELECT $run_id, org_id, score, {level_case}, passed, failed, not_checked
FROM scored
"""


def insert_run_rules(con: duckdb.DuckDBPyConnection, run_id: str, profile: Profile) -> None:
    """Freeze the rules a run is judged by, so reports never depend on today's profile."""
    con.executemany(
        "INSERT INTO run_rules (run_id, rule_id, position, title, section, severity, counted, "
        "weight, recommendation, source_id, source_title, source_quote, deadline, basis) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                run_id,
                rule.id,
                position,
                rule.title,
                rule.section,
                rule.severity,
                rule.counted,
                rule.weight,
                rule.recommendation,
                rule.source.id,
                rule.source.citation,
                rule.quote,
                rule.deadline,
                rule.basis,
            )
            for position, rule in enumerate(profile.rules, start=1)
        ],
    )
    con.execute("DELETE FROM run_levels WHERE run_id = ?", [run_id])
    con.executemany(
        "INSERT INTO run_levels (run_id, level, label, min_score) VALUES (?, ?, ?, ?)",
        [(run_id, level.id, level.label, level.min_score) for level in profile.levels],
    )


def insert_scores(con: duckdb.DuckDBPyConnection, run_id: str, profile: Profile) -> None:
    """One score per organisation over checked, counted rules; not_checked never counts.

    passed / failed / not_checked count the counted rules only, like the score.
    """
    branches = " ".join(
        f"WHEN score >= $min_{index} THEN $level_{index}" for index in range(len(profile.levels))
    )
    params: dict[str, object] = {"run_id": run_id}
    for index, level in enumerate(profile.levels):
        params[f"min_{index}"] = level.min_score
        params[f"level_{index}"] = level.id
    level_case = f"CASE WHEN score IS NULL THEN 'not_checked' {branches} END"
    con.execute(SCORES_SQL.format(level_case=level_case), params)
