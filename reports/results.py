"""Build the results.json document of one run from the DuckDB store."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any, Protocol

import duckdb

from .messages import MISSING_RESULT_NOTE
from .run_history import (
    LEVELS,
    RunNotFoundError,
    follow_up_record,
    municipal_history,
    school_histories,
)

SCHEMA_VERSION = "1.0"
SITE_STATUSES = ("ok", "incomplete", "unreachable", "error")
OUTCOME_KEYS = ("pass", "fail", "not_checked")

RUN_SQL = """
SELECT run_id, started_at, finished_at, audit_date, profile_id, profile_version,
       municipality, registry_path, status
FROM runs WHERE run_id = ?
"""
RULES_SQL = """
SELECT rule_id, position, title, section, severity, counted, weight, recommendation,
       source_id, source_title, source_quote
FROM run_rules WHERE run_id = ? ORDER BY position, rule_id
"""
ORGS_SQL = """
SELECT o.org_id, o.name, o.short_name, o.kind, o.municipality, o.site_url, o.email, o.head_name,
       COALESCE(s.site_status, 'error') AS site_status, s.site_error, s.home_url,
       s.pages_crawled, COALESCE(s.section_found, FALSE) AS section_found, s.section_url,
       s.section_title, s.candidates,
       sc.score, COALESCE(sc.level, 'not_checked') AS level, sc.passed, sc.failed,
       sc.not_checked
FROM organisations o
LEFT JOIN sites s ON s.run_id = o.run_id AND s.org_id = o.org_id
LEFT JOIN org_scores sc ON sc.run_id = o.run_id AND sc.org_id = o.org_id
WHERE o.run_id = ? ORDER BY o.org_id
"""
DOCUMENTS_SQL = """
SELECT org_id, url, link_text, found_on, kind, audience, title, doc_date, doc_number,
       period_start, period_end, file_ext, content_type, size, sha256, text_source,
       fetch_status, http_status, extract_status, extract_error, confidence, reasons,
       ocr_confidence, signed_by, issuer, mentor_count, pair_count, events, parts, problems
FROM documents WHERE run_id = ? ORDER BY org_id, url
"""
NEWS_SQL = """
SELECT org_id, url, news_date, title, is_mentorship, audience
FROM news WHERE run_id = ? ORDER BY org_id, news_date DESC NULLS LAST, url
"""
LINKS_SQL = """
SELECT DISTINCT org_id, page_url, url, text, is_external, is_document
FROM links WHERE run_id = ? ORDER BY org_id, page_url, url, text
"""
RESULTS_SQL = """
SELECT org_id, rule_id, outcome, evidence, note,
       COALESCE(overridden, FALSE) AS overridden, override_reason, computed_outcome
FROM rule_results WHERE run_id = ?
"""


def _rows(con: duckdb.DuckDBPyConnection, sql: str, run_id: str) -> list[dict[str, Any]]:
    cursor = con.execute(sql, [run_id])
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


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
    """Where a run's captured copies are (cmn_audit.evidence.RunEvidence)."""

    def evidence(self, org_id: str, url: str, sha256: str | None = None) -> Any: ...


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
) -> dict[str, Any]:
    outcomes = _outcomes(rules, stored)
    tally = {key: sum(1 for item in outcomes if item["outcome"] == key) for key in OUTCOME_KEYS}
    return {
        "org_id": row["org_id"],
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
        },
        "section": {
            "found": bool(row["section_found"]),
            "url": row["section_url"],
            "title": row["section_title"],
            "candidates": _candidates(row["candidates"]),
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


def _counts(orgs: list[dict[str, Any]], rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "organisations": len(orgs),
        "rules": len(rules),
        "sites": {key: sum(1 for o in orgs if o["site"]["status"] == key) for key in SITE_STATUSES},
        "sections_found": sum(1 for o in orgs if o["section"]["found"]),
        "documents": sum(len(o["documents"]) for o in orgs),
        "news": sum(len(o["news"]) for o in orgs),
        "levels": {key: sum(1 for o in orgs if o["level"] == key) for key in LEVELS},
    }


def build_results(
    con: duckdb.DuckDBPyConnection, run_id: str, evidence: EvidenceSource | None = None
) -> dict[str, Any]:
    """The results.json document: everything a run found and concluded, as plain JSON data.

    With `evidence`, every document names its archived copy and its click path. "history"
    sums up the comparable runs up to this one and "follow_up" says what became of the
    earlier letters' findings (reports.run_history; layout in docs/results.schema.json).
    """
    found = _rows(con, RUN_SQL, run_id)
    if not found:
        raise RunNotFoundError(f"Запуск {run_id} не найден в базе данных.")
    run = found[0]
    rules = [_rule(row) for row in _rows(con, RULES_SQL, run_id)]
    documents = _by_org(_rows(con, DOCUMENTS_SQL, run_id))
    news = _by_org(_rows(con, NEWS_SQL, run_id))
    links = _by_org(_rows(con, LINKS_SQL, run_id))
    verdicts: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for row in _rows(con, RESULTS_SQL, run_id):
        verdicts[row["org_id"]][row["rule_id"]] = row
    orgs = [
        _organisation(
            row,
            rules,
            documents.get(row["org_id"], []),
            news.get(row["org_id"], []),
            links.get(row["org_id"], []),
            verdicts.get(row["org_id"], {}),
            evidence,
        )
        for row in _rows(con, ORGS_SQL, run_id)
    ]
    history = municipal_history(con, run_id)
    schools = school_histories(history)
    follow_up = follow_up_record(con, run_id)
    findings = _by_org(follow_up["items"] if follow_up else [])
    for org in orgs:
        org["history"] = schools.get(org["org_id"], [])
        org["follow_up"] = findings.get(org["org_id"], [])
    return {
        "schema_version": SCHEMA_VERSION,
        "run": {
            "run_id": run["run_id"],
            "status": run["status"],
            "started_at": _iso(run["started_at"]),
            "finished_at": _iso(run["finished_at"]),
            "audit_date": _iso(run["audit_date"]),
            "profile": {"id": run["profile_id"], "version": run["profile_version"]},
            "municipality": run["municipality"],
            "registry_path": run["registry_path"],
            "counts": _counts(orgs, rules),
        },
        "rules": rules,
        "organisations": orgs,
        "history": [summary.record() for summary in history],
        "follow_up": follow_up,
    }
