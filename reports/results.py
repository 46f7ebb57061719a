"""Build the results.json document of one run from the DuckDB store."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any, Protocol

import duckdb

from audit_rules.model import OUTCOMES

from .history.collapse import find_collapse
from .history.follow_up import follow_up_record
from .history.runs import (
    RunNotFoundError,
    RunSummary,
    municipal_history,
    school_histories,
    state_sources,
)
from .messages import MISSING_RESULT_NOTE

SCHEMA_VERSION = "1.0"
SITE_STATUSES = ("ok", "incomplete", "unreachable", "error")

RUN_SQL = """
SELECT run_id, started_at, finished_at, audit_date, profile_id, profile_version,
       municipality, registry_path, status, coalesce(letters_held, FALSE) AS letters_held,
       letters_confirmed_at, monitoring_from, facts_until,
       coalesce(section_name, 'Наставничество') AS section_name,
       coalesce(section_noun, 'раздел') AS section_noun
FROM runs WHERE run_id = ?
"""
# The (run, school) pairs the document describes: each school by its latest verdict.
PAIRS = "(SELECT UNNEST(?::VARCHAR[]) AS run_id, UNNEST(?::VARCHAR[]) AS org_id) AS p"
RULES_SQL = """
SELECT rule_id, position, title, section, severity, counted, weight, recommendation,
       source_id, source_title, source_quote, coalesce(basis, 'published') AS basis
FROM run_rules WHERE run_id = ? ORDER BY position, rule_id
"""
ORGS_SQL = f"""
SELECT o.run_id AS source_run, r.audit_date AS source_date,
       o.org_id, o.name, o.short_name, o.kind, o.municipality, o.site_url, o.email, o.head_name,
       COALESCE(s.site_status, 'error') AS site_status, s.site_error, s.home_url,
       s.pages_crawled, COALESCE(s.section_found, FALSE) AS section_found, s.section_url,
       s.section_title, s.candidates,
       sc.score, COALESCE(sc.level, 'not_checked') AS level, sc.passed, sc.failed,
       sc.not_checked
FROM organisations o
JOIN {PAIRS} ON o.run_id = p.run_id AND o.org_id = p.org_id
JOIN runs r ON r.run_id = o.run_id
LEFT JOIN sites s ON s.run_id = o.run_id AND s.org_id = o.org_id
LEFT JOIN org_scores sc ON sc.run_id = o.run_id AND sc.org_id = o.org_id
ORDER BY o.org_id
"""
DOCUMENTS_SQL = f"""
SELECT run_id, org_id, url, link_text, found_on, kind, audience, title, doc_date, doc_number,
       period_start, period_end, file_ext, content_type, size, sha256, text_source,
       fetch_status, http_status, extract_status, extract_error, confidence, reasons,
       ocr_confidence, signed_by, issuer, mentor_count, pair_count, events, parts, problems
FROM documents JOIN {PAIRS} USING (run_id, org_id) ORDER BY org_id, url
"""
NEWS_SQL = f"""
SELECT org_id, url, news_date, title, is_mentorship, audience
FROM news JOIN {PAIRS} USING (run_id, org_id)
ORDER BY org_id, news_date DESC NULLS LAST, url
"""
LINKS_SQL = f"""
SELECT DISTINCT org_id, page_url, url, text, is_external, is_document
FROM links JOIN {PAIRS} USING (run_id, org_id) ORDER BY org_id, page_url, url, text
"""
# The pages the crawler read while looking for the section: the letter to a school without one
# lists them. Sites answering with the same page twice are listed once.
VISITED_SQL = f"""
SELECT org_id, url, any_value(purpose) AS purpose, any_value(outcome) AS outcome,
       any_value(referer) AS referer, min(fetched_at) AS first
FROM fetches JOIN {PAIRS} USING (run_id, org_id)
WHERE purpose IN ('home', 'menu', 'sitemap', 'search')
GROUP BY org_id, url ORDER BY org_id, first NULLS LAST, url
"""
RESULTS_SQL = f"""
SELECT org_id, rule_id, outcome, evidence, note,
       COALESCE(overridden, FALSE) AS overridden, override_reason, computed_outcome
FROM rule_results JOIN {PAIRS} USING (run_id, org_id)
"""


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _period(run: dict, summary: RunSummary) -> dict[str, str | None]:
    """The days the results speak of: a monitoring period the run was dated with (`run --on
    18.04.2022–25.04.2022`), widened by the earlier checks a partial run counts."""
    start, end = summary.period
    if run["monitoring_from"] is not None:
        start = min(start, run["monitoring_from"])
    return {"from": _iso(start), "to": _iso(end)}


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _by_org(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["org_id"]].append(row)
    return grouped


def _candidates(raw: Any) -> list[dict[str, Any]]:
    """The section candidates tried, tolerant of JSON stored as text or as a list."""
    if raw is None:
        return []
    items = json.loads(raw) if isinstance(raw, str) else raw
    return [
        {
            "url": str(item.get("url", "")),
            "text": item.get("text"),
            "score": None if item.get("score") is None else float(item["score"]),
        }
        for item in items or []
        if isinstance(item, dict)
    ]


class EvidenceSource(Protocol):
    """Where a run's captured copies are (cmn_audit.evidence.warc.RunEvidence)."""

    def evidence(self, org_id: str, url: str, sha256: str | None = None) -> Any: ...

    def link_texts(self, org_id: str, page_url: str) -> dict[str, str]: ...


def _visited(
    rows: list[dict[str, Any]],
    candidates: list[dict[str, Any]],
    evidence: EvidenceSource | None,
) -> list[dict[str, Any]]:
    """Pages read while looking for the section, each with the text of the link to it."""
    texts = {item["url"]: item["text"] for item in candidates if item["text"]}
    pages: dict[str, dict[str, str]] = {}
    visited = []
    for row in rows:
        text = texts.get(row["url"])
        if text is None and evidence is not None and row["referer"]:
            if row["referer"] not in pages:
                pages[row["referer"]] = evidence.link_texts(row["org_id"], row["referer"])
            text = pages[row["referer"]].get(row["url"])
        visited.append(
            {"url": row["url"], "purpose": row["purpose"], "outcome": row["outcome"], "text": text}
        )
    return visited


def _evidence(source: EvidenceSource | None, row: dict[str, Any]) -> dict[str, Any] | None:
    """The archived copy of a document and the clicks from the home page that reach it."""
    if source is None:
        return None
    found = source.evidence(row["org_id"], row["url"], row["sha256"])
    capture = found.capture
    return {
        "click_path": list(found.click_path),
        "record_id": capture.record_id if capture else None,
        "captured_at": _iso(capture.captured_at) if capture else None,
        "sha256": capture.sha256 if capture else None,
    }


def _document(row: dict[str, Any], evidence: EvidenceSource | None = None) -> dict[str, Any]:
    return {
        "url": row["url"],
        "link_text": row["link_text"],
        "found_on": row["found_on"],
        "kind": row["kind"],
        "audience": row["audience"],
        "title": row["title"],
        "date": _iso(row["doc_date"]),
        "number": row["doc_number"],
        "period_start": row["period_start"],
        "period_end": row["period_end"],
        "file_ext": row["file_ext"],
        "content_type": row["content_type"],
        "size": row["size"],
        "sha256": row["sha256"],
        "text_source": row["text_source"],
        "fetch_status": row["fetch_status"],
        "http_status": row["http_status"],
        "extract_status": row["extract_status"],
        "extract_error": row["extract_error"],
        "confidence": row["confidence"],
        "reasons": list(row["reasons"] or []),
        "ocr_confidence": row["ocr_confidence"],
        "signed_by": row["signed_by"],
        "issuer": row["issuer"],
        "mentor_count": row["mentor_count"],
        "pair_count": row["pair_count"],
        "events": json.loads(row["events"]) if row["events"] else [],
        "parts": json.loads(row["parts"]) if row["parts"] else [],
        "problems": json.loads(row["problems"]) if row["problems"] else [],
        "evidence": _evidence(evidence, row),
    }


def _news(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "url": row["url"],
        "date": _iso(row["news_date"]),
        "title": row["title"],
        "is_mentorship": bool(row["is_mentorship"]),
        "audience": row["audience"],
    }


def _rule(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "rule_id": row["rule_id"],
        "position": row["position"],
        "title": row["title"],
        "section": row["section"],
        "severity": row["severity"],
        "basis": row["basis"],
        "counted": bool(row["counted"]),
        "weight": float(row["weight"]),
        "recommendation": row["recommendation"],
        "source": {
            "id": row["source_id"],
            "title": row["source_title"],
            "quote": row["source_quote"],
        },
    }


def _outcomes(
    rules: list[dict[str, Any]], stored: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """One outcome per rule in profile order; a missing verdict is reported as not checked."""
    outcomes = []
    for rule in rules:
        row = stored.get(rule["rule_id"])
        if row is None:
            outcomes.append(
                {
                    "rule_id": rule["rule_id"],
                    "outcome": "not_checked",
                    "evidence": [],
                    "note": MISSING_RESULT_NOTE,
                    "overridden": False,
                    "override_reason": None,
                    "computed_outcome": None,
                }
            )
            continue
        outcomes.append(
            {
                "rule_id": rule["rule_id"],
                "outcome": row["outcome"],
                "evidence": [url for url in row["evidence"] or [] if url],
                "note": row["note"],
                # A methodologist's decision (cmn-audit override) replaced the rules' verdict.
                "overridden": bool(row["overridden"]),
                "override_reason": row["override_reason"] if row["overridden"] else None,
                "computed_outcome": row["computed_outcome"] if row["overridden"] else None,
            }
        )
    return outcomes


def _organisation(
    row: dict[str, Any],
    rules: list[dict[str, Any]],
    documents: list[dict[str, Any]],
    news: list[dict[str, Any]],
    links: list[dict[str, Any]],
    stored: dict[str, dict[str, Any]],
    evidence: EvidenceSource | None = None,
    visited: list[dict[str, Any]] = (),
) -> dict[str, Any]:
    outcomes = _outcomes(rules, stored)
    candidates = _candidates(row["candidates"])
    tally = {key: sum(1 for item in outcomes if item["outcome"] == key) for key in OUTCOMES}
    return {
        "org_id": row["org_id"],
        # The run whose verdict this is: a partial run re-checks a few schools only.
        "checked_in": {"run_id": row["source_run"], "audit_date": _iso(row["source_date"])},
        "name": row["name"],
        "short_name": row["short_name"],
        "kind": row["kind"],
        "municipality": row["municipality"],
        "site_url": row["site_url"],
        "email": row["email"],
        "head_name": row["head_name"],
        "site": {
            "status": row["site_status"],
            "error": row["site_error"],
            "home_url": row["home_url"],
            "pages_crawled": row["pages_crawled"],
            "visited": _visited(list(visited), candidates, evidence),
        },
        "section": {
            "found": bool(row["section_found"]),
            "url": row["section_url"],
            "title": row["section_title"],
            "candidates": candidates,
        },
        "documents": [_document(item, evidence) for item in documents],
        "news": [_news(item) for item in news],
        "links": [
            {
                "page_url": item["page_url"],
                "url": item["url"],
                "text": item["text"],
                "is_external": bool(item["is_external"]),
                "is_document": bool(item["is_document"]),
            }
            for item in links
        ],
        "results": outcomes,
        "score": None if row["score"] is None else float(row["score"]),
        "level": row["level"],
        "passed": tally["pass"] if row["passed"] is None else row["passed"],
        "failed": tally["fail"] if row["failed"] is None else row["failed"],
        "not_checked": tally["not_checked"] if row["not_checked"] is None else row["not_checked"],
    }


def _counts(
    orgs: list[dict[str, Any]], rules: list[dict[str, Any]], summary: RunSummary
) -> dict[str, Any]:
    """Totals of the run; the headline figures are the run's summary (reports/history/runs.py)."""
    return {
        "organisations": summary.schools,
        "rules": len(rules),
        "sites": {key: sum(1 for o in orgs if o["site"]["status"] == key) for key in SITE_STATUSES},
        "sites_checked": summary.sites_checked,
        "sections_found": summary.sections_found,
        "documents": summary.documents,
        "news": sum(len(o["news"]) for o in orgs),
        "levels": summary.levels,
    }


def _collapse(
    con: duckdb.DuckDBPyConnection, run_id: str, run: dict[str, Any]
) -> dict[str, Any] | None:
    """The figures that collapsed against the previous check, and whether letters are held."""
    collapse = find_collapse(con, run_id)
    if collapse is None:
        return None
    return {
        "previous_run_id": collapse.previous_run_id,
        "previous_date": collapse.previous_date,
        "drops": [drop.record() for drop in collapse.drops],
        "sentence": collapse.sentence(),
        "letters_held": bool(run["letters_held"]),
        "confirmed_at": _iso(run["letters_confirmed_at"]),
    }


def build_results(
    con: duckdb.DuckDBPyConnection, run_id: str, evidence: EvidenceSource | None = None
) -> dict[str, Any]:
    """The results.json document: everything a run found and concluded, as plain JSON data.

    With `evidence`, every document names its archived copy and its click path. "history"
    sums up the comparable runs up to this one and "follow_up" says what became of the
    earlier letters' findings (reports.history.runs; layout in docs/results.schema.json).
    """
    found = _rows(con, RUN_SQL, [run_id])
    if not found:
        raise RunNotFoundError(f"Запуск {run_id} не найден в базе данных.")
    run = found[0]
    sources = state_sources(con, run_id)
    pairs = [list(sources.values()), list(sources)]
    rules = [_rule(row) for row in _rows(con, RULES_SQL, [run_id])]
    documents = _by_org(_rows(con, DOCUMENTS_SQL, pairs))
    news = _by_org(_rows(con, NEWS_SQL, pairs))
    links = _by_org(_rows(con, LINKS_SQL, pairs))
    visited = _by_org(_rows(con, VISITED_SQL, pairs))
    verdicts: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for row in _rows(con, RESULTS_SQL, pairs):
        verdicts[row["org_id"]][row["rule_id"]] = row
    orgs = [
        _organisation(
            row,
            rules,
            documents.get(row["org_id"], []),
            news.get(row["org_id"], []),
            links.get(row["org_id"], []),
            verdicts.get(row["org_id"], {}),
            # The archive is this run's: schools checked earlier keep their verdicts' links.
            evidence if row["source_run"] == run_id else None,
            visited.get(row["org_id"], []),
        )
        for row in _rows(con, ORGS_SQL, pairs)
    ]
    history = municipal_history(con, run_id)
    summary = history[-1]
    schools = school_histories(history)
    follow_up = follow_up_record(con, run_id)
    findings = _by_org(follow_up["items"] if follow_up else [])
    remarks = follow_up.pop("remarks") if follow_up else {}
    for org in orgs:
        org["history"] = schools.get(org["org_id"], [])
        org["follow_up"] = findings.get(org["org_id"], [])
        org["remarks_follow_up"] = remarks.get(org["org_id"], {"repeated": [], "fixed": []})
    return {
        "schema_version": SCHEMA_VERSION,
        "run": {
            "run_id": run["run_id"],
            "status": run["status"],
            "started_at": _iso(run["started_at"]),
            "finished_at": _iso(run["finished_at"]),
            "audit_date": _iso(run["audit_date"]),
            # A run dated in the past (`run --on`): documents and news dated after this day
            # were not counted; null for a run of the day the sites were read.
            "facts_until": _iso(run["facts_until"]),
            "section": {"name": run["section_name"], "noun": run["section_noun"]},
            "profile": {"id": run["profile_id"], "version": run["profile_version"]},
            "municipality": run["municipality"],
            "registry_path": run["registry_path"],
            "scope": summary.scope,
            "rechecked": list(summary.rechecked),
            "period": _period(run, summary),
            "counts": _counts(orgs, rules, summary),
            "collapse": _collapse(con, run_id, run),
        },
        "rules": rules,
        "levels": [
            {"id": level, "label": label, "min_score": float(low)}
            for level, label, low in con.execute(
                "SELECT level, label, min_score FROM run_levels WHERE run_id = ? "
                "ORDER BY min_score DESC",
                [run_id],
            ).fetchall()
        ],
        "organisations": orgs,
        "history": [summary.record() for summary in history],
        "follow_up": follow_up,
    }
