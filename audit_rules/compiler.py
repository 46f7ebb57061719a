"""Compile each rule into one set-based INSERT over its view and apply a profile to a run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import duckdb

from audit_rules import messages as msg
from audit_rules.model import Profile, Rule
from audit_rules.org_types import OrgType, org_type
from audit_rules.scoring import insert_run_rules, insert_scores
from audit_rules.views import EVIDENCE_VIEWS, create_views
from crawler.fetch_outcomes import FETCH_OUTCOME_LABELS

# Placeholders {view}, {where}, {min_count}, {unread_filter}, {undecided}, {later} come from
# a validated rule and its view; every value goes in as a named parameter.
RULE_SQL = """
INSERT INTO rule_results (run_id, org_id, rule_id, outcome, evidence, note)
WITH hits AS (
    SELECT org_id,
           count(DISTINCT url) AS matched,
           list_sort(list_distinct(flatten(list(evidence_urls)))) AS urls
    FROM {view}
    WHERE run_id = $run_id AND ({where}) AND NOT ({later})
    GROUP BY org_id
), later AS (
    SELECT org_id, list_sort(list_distinct(flatten(list(evidence_urls)))) AS urls
    FROM {view}
    WHERE run_id = $run_id AND ({where}) AND ({later})
    GROUP BY org_id
), unread AS (
    SELECT org_id, list_sort(list_distinct(list(url))) AS urls
    FROM v_unreadable_documents AS u
    WHERE run_id = $run_id AND ({unread_filter})
    GROUP BY org_id
), undecided AS (
    SELECT org_id, list_sort(list_distinct(flatten(list(evidence_urls)))) AS urls
    FROM {view}
    WHERE run_id = $run_id AND ({undecided})
    GROUP BY org_id
), judged AS (
    SELECT o.org_id, o.site_checked, o.site_status, o.site_error, o.section_found,
           o.section_url, coalesce(o.home_url, o.site_url) AS home,
           coalesce(h.matched, 0) >= {min_count} AS passed,
           h.urls AS hit_urls,
           -- A site checked only in part still shows what it was seen to publish.
           o.site_status = 'incomplete' AND coalesce(h.matched, 0) >= greatest({min_count}, 1)
               AS found_in_part,
           CASE WHEN o.section_found THEN u.urls END AS unread_urls,
           d.urls AS undecided_urls,
           l.urls AS later_urls,
           list_contains($na_orgs, o.org_id) AS not_applicable
    FROM v_orgs AS o
    LEFT JOIN hits AS h USING (org_id)
    LEFT JOIN later AS l USING (org_id)
    LEFT JOIN unread AS u USING (org_id)
    LEFT JOIN undecided AS d USING (org_id)
    WHERE o.run_id = $run_id
)
SELECT
    $run_id,
    org_id,
    $rule_id,
    CASE
        WHEN not_applicable THEN 'not_applicable'
        WHEN found_in_part THEN 'pass'
        WHEN NOT site_checked THEN 'not_checked'
        WHEN passed THEN 'pass'
        WHEN unread_urls IS NOT NULL OR undecided_urls IS NOT NULL THEN 'not_checked'
        ELSE 'fail'
    END,
    -- list_distinct drops the NULL of a missing home or section URL.
    list_sort(list_distinct(
        CASE
            WHEN not_applicable THEN []
            WHEN found_in_part THEN hit_urls
            WHEN NOT site_checked THEN [home]
            WHEN passed THEN hit_urls
            WHEN unread_urls IS NOT NULL OR undecided_urls IS NOT NULL
                THEN list_concat(coalesce(unread_urls, []), coalesce(undecided_urls, []))
            WHEN section_found THEN [section_url]
            ELSE [home]
        END
    )),
    CASE
        WHEN not_applicable THEN $na_notes[list_position($na_orgs, org_id)]
        WHEN found_in_part THEN NULL
        WHEN NOT site_checked THEN
            (CASE WHEN site_status = 'incomplete' THEN $site_incomplete ELSE $site_down END)
            || coalesce(
            $outcome_texts[list_position($outcome_codes, coalesce(site_error, site_status))],
            site_error,
            site_status
        )
        WHEN NOT passed AND unread_urls IS NOT NULL
            THEN $files_unreadable || array_to_string(unread_urls, ', ')
        WHEN NOT passed AND undecided_urls IS NOT NULL
            THEN $undecided_reason || ': ' || array_to_string(undecided_urls, ', ')
        WHEN NOT passed AND later_urls IS NOT NULL
            THEN $dated_later || array_to_string(later_urls, ', ')
    END
FROM judged
"""


@dataclass(frozen=True)
class CompiledRule:
    """A rule as SQL ready to run for one run_id."""

    rule_id: str
    sql: str
    params: dict[str, object]


def _unread_filter(rule: Rule) -> str:
    """Which unreadable files of the section could have turned this rule's failure."""
    template = EVIDENCE_VIEWS[rule.view].unread_filter
    return template.format(where=rule.may_match) if template else "false"


def _later(rule: Rule) -> str:
    """Rows dated after the day a run is dated in the past: not there on that day."""
    dated_by = EVIDENCE_VIEWS[rule.view].dated_by
    return f"coalesce(({dated_by}) > $facts_until, false)" if dated_by else "false"


def compile_rule(
    rule: Rule,
    profile: Profile,
    run_id: str,
    facts_until: date | None = None,
    org_types: Mapping[str, OrgType | None] | None = None,
) -> CompiledRule:
    """The INSERT that writes this rule's verdict for every organisation of the run.

    `facts_until`: the day of a run dated in the past; what is dated after it is not counted.
    `org_types`: each organisation's type; one the rule is not for gets «не применимо».
    """
    excused = {
        org_id: msg.NOT_APPLICABLE.format(type=kind.label)
        for org_id, kind in (org_types or {}).items()
        if kind is not None and not rule.applies_to_type(kind.id)
    }
    sql = RULE_SQL.format(
        view=rule.view,
        where=rule.where,
        min_count=rule.min_count,
        unread_filter=_unread_filter(rule),
        undecided=rule.undecided or "false",
        later=_later(rule),
    )
    params: dict[str, object] = {
        "run_id": run_id,
        "rule_id": rule.id,
        "site_down": msg.SITE_DOWN,
        "site_incomplete": msg.SITE_INCOMPLETE,
        "files_unreadable": msg.FILES_UNREADABLE,
        "outcome_codes": list(FETCH_OUTCOME_LABELS),
        "outcome_texts": list(FETCH_OUTCOME_LABELS.values()),
        "undecided_reason": rule.undecided_reason,
        "dated_later": msg.DATED_LATER.format(day=facts_until) if facts_until else "",
        "na_orgs": list(excused),
        "na_notes": list(excused.values()),
    }
    if "$facts_until" in sql:
        params["facts_until"] = facts_until
    for name in rule.param_names:
        params[name] = profile.params[name]
    return CompiledRule(rule.id, sql, params)


def run_org_types(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, OrgType | None]:
    """Each organisation's type, read from the registry's «Тип» and name as the run keeps them
    (a run re-audited later is typed the same way)."""
    rows = con.execute(
        "SELECT org_id, kind, name FROM organisations WHERE run_id = ?", [run_id]
    ).fetchall()
    return {org_id: org_type(kind, name) for org_id, kind, name in rows}


def apply_profile(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    profile: Profile,
    audit_date: date | None = None,
    *,
    facts_until: date | None = None,
) -> None:
    """Judge a run's facts by the profile: run_rules, rule_results and org_scores.

    Runs inside the caller's transaction (no BEGIN/COMMIT) and replaces any verdicts the
    run already had, so a run can be re-audited. With an audit date only the rules in force
    on that date are applied (and frozen in run_rules); without one, every rule. With
    `facts_until` (a run dated in the past) documents and news dated later are not counted.
    """
    if audit_date is not None:
        profile = profile.in_force_on(audit_date)
    create_views(con)
    for table in ("org_scores", "rule_results", "run_rules"):
        con.execute(f"DELETE FROM {table} WHERE run_id = $run_id", {"run_id": run_id})
    insert_run_rules(con, run_id, profile)
    org_types = run_org_types(con, run_id)
    for rule in profile.rules:
        compiled = compile_rule(rule, profile, run_id, facts_until, org_types)
        con.execute(compiled.sql, compiled.params)
    insert_scores(con, run_id, profile)
