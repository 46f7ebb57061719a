"""The evidence behind one verdict: the rule's own predicate re-run over its view for one school."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from audit_rules.model import Profile, Rule
from audit_rules.overrides import Override, evidence_fingerprint, find_override
from audit_rules.views import EVIDENCE_VIEWS

RULE_SQL = """
SELECT rule_id, title, section, severity, counted, weight, recommendation,
       source_id, source_title, source_quote
FROM run_rules WHERE run_id = ? AND rule_id = ?
"""
VERDICT_SQL = """
SELECT outcome, coalesce(evidence, []) AS evidence, note, coalesce(overridden, false) AS overridden,
       override_reason, computed_outcome
FROM rule_results WHERE run_id = ? AND org_id = ? AND rule_id = ?
"""
ORG_SQL = "SELECT * FROM v_orgs WHERE run_id = ? AND org_id = ?"
CANDIDATES_SQL = "SELECT candidates FROM sites WHERE run_id = ? AND org_id = ?"
# What a school has that a rule over each view could have counted, shown beside the matches.
CONTEXT_SQL = {
    "documents": """
        SELECT url, link_text, title, kind, audience, issuer, doc_date, doc_number, confidence,
               coalesce(reasons, []) AS reasons, fetch_status, http_status, extract_status
        FROM documents WHERE run_id = $run_id AND org_id = $org_id ORDER BY url
    """,
    "news": """
        SELECT url, news_date, title, is_mentorship, audience
        FROM news WHERE run_id = $run_id AND org_id = $org_id ORDER BY news_date DESC, url
    """,
    "links": """
        SELECT DISTINCT url, text, is_external, is_document
        FROM links WHERE run_id = $run_id AND org_id = $org_id ORDER BY url, text
    """,
}
VIEW_CONTEXT = {
    "v_documents": "documents",
    "v_roadmap_news": "documents",
    "v_news": "news",
    "v_links": "links",
}


@dataclass(frozen=True)
class Explanation:
    """One school's verdict on one rule with the rows that decided it."""

    run_id: str
    org: dict[str, Any]  # the v_orgs row, plus `candidates` tried for the section
    rule: dict[str, Any]  # the run_rules row: title, source, quote, recommendation…
    view: str | None  # None when today's profile no longer has the rule
    where: str | None
    min_count: int | None
    verdict: dict[str, Any]  # outcome, evidence, note, overridden, override_reason…
    matched: tuple[dict[str, Any], ...]  # rows of the view that satisfy the predicate
    unreadable: tuple[dict[str, Any], ...]  # unread files that could be what was sought
    context: tuple[dict[str, Any], ...]  # everything of the school the view draws on
    context_kind: str | None  # documents | news | links
    override: Override | None  # the methodologist's decision kept for this school and rule
    override_current: bool  # the kept decision rests on this run's evidence

    @property
    def matched_count(self) -> int:
        """Distinct rows the rule counts against its min_count."""
        return len({row["url"] for row in self.matched})


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _rule_params(rule: Rule, profile: Profile, run_id: str, org_id: str) -> dict[str, object]:
    params: dict[str, object] = {"run_id": run_id, "org_id": org_id}
    for name in rule.param_names:
        params[name] = profile.params[name]
    return params


def matching_rows(
    con: duckdb.DuckDBPyConnection, run_id: str, org_id: str, rule: Rule, profile: Profile
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows of the rule's view that satisfy its predicate, and unread files that might.

    The same view, predicate and parameters the compiler runs, limited to one school.
    """
    params = _rule_params(rule, profile, run_id, org_id)
    matched = _rows(
        con,
        f"SELECT * FROM {rule.view} WHERE run_id = $run_id AND org_id = $org_id "
        f"AND ({rule.where}) ORDER BY url",
        params,
    )
    template = EVIDENCE_VIEWS[rule.view].unread_filter
    unreadable: list[dict[str, Any]] = []
    if template:
        unreadable = _rows(
            con,
            "SELECT * FROM v_unreadable_documents AS u WHERE run_id = $run_id "
            f"AND org_id = $org_id AND ({template.format(where=rule.may_match)}) ORDER BY url",
            params,
        )
    return matched, unreadable


def explain_verdict(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    org_id: str,
    rule_id: str,
    profile: Profile | None,
) -> Explanation:
    """Gather why a school got its outcome on a rule in a run (views must exist).

    The rule's title and source come from the run itself; its predicate from `profile` when
    that profile still has the rule. KeyError when the run has no such school or rule.
    """
    rule_rows = _rows(con, RULE_SQL, [run_id, rule_id])
    org_rows = _rows(con, ORG_SQL, [run_id, org_id])
    verdicts = _rows(con, VERDICT_SQL, [run_id, org_id, rule_id])
    if not rule_rows or not org_rows or not verdicts:
        raise KeyError((run_id, org_id, rule_id))
    org = org_rows[0]
    candidates = con.execute(CANDIDATES_SQL, [run_id, org_id]).fetchone()
    org["candidates"] = candidates[0] if candidates else None
    rule: Rule | None = None
    if profile is not None and any(item.id == rule_id for item in profile.rules):
        rule = profile.rule(rule_id)
    matched: list[dict[str, Any]] = []
    unreadable: list[dict[str, Any]] = []
    context: list[dict[str, Any]] = []
    context_kind = None
    if rule is not None and profile is not None:
        matched, unreadable = matching_rows(con, run_id, org_id, rule, profile)
        context_kind = VIEW_CONTEXT.get(rule.view)
        if context_kind:
            context = _rows(con, CONTEXT_SQL[context_kind], {"run_id": run_id, "org_id": org_id})
    override = find_override(con, org_id, rule_id)
    current = override is not None and (
        evidence_fingerprint(con, run_id, org_id, rule_id) == override.evidence_fingerprint
    )
    return Explanation(
        run_id=run_id,
        org=org,
        rule=rule_rows[0],
        view=rule.view if rule else None,
        where=rule.where if rule else None,
        min_count=rule.min_count if rule else None,
        verdict=verdicts[0],
        matched=tuple(matched),
        unreadable=tuple(unreadable),
        context=tuple(context),
        context_kind=context_kind,
        override=override,
        override_current=current,
    )
