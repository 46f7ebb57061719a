"""What a methodologist should look at, and the review decisions remembered across runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from audit_rules.overrides import Override, evidence_fingerprint, stored_overrides
from cmn_audit import messages
from cmn_audit.messages import UserError
from crawler.understand import DocumentFacts
from crawler.understand.vocabulary import AUDIENCE_LABELS, AUTHORITY_ISSUERS, KIND_LABELS

# A classification below this confidence (0..1, documents.confidence) asks for a human look.
REVIEW_CONFIDENCE = 0.6
# Extraction outcomes of a downloaded file whose text could not be read.
UNREAD_STATUSES = ("failed", "empty", "unsupported", "ocr_unavailable")

DOCUMENTS_SQL = """
SELECT d.org_id, d.url, d.link_text, d.kind, d.audience, d.confidence, d.sha256,
       d.fetch_status, d.http_status, d.extract_status,
       d.fetch_status = 'ok' AND d.extract_status = 'ok' AS read
FROM documents AS d
WHERE d.run_id = $run_id
  AND ((d.fetch_status = 'ok' AND d.extract_status = 'ok' AND d.confidence < $threshold)
       OR (d.fetch_status = 'ok' AND list_contains($unread, d.extract_status))
       OR (d.fetch_status <> 'ok' AND NOT coalesce(d.http_status BETWEEN 400 AND 499, false)))
  AND NOT EXISTS (
      SELECT 1 FROM review_decisions AS r
      WHERE r.subject = 'document' AND r.sha256 = d.sha256 AND r.org_id IN (d.org_id, ''))
ORDER BY d.org_id, d.url
"""
SECTIONS_SQL = """
SELECT o.org_id, coalesce(o.short_name, o.name) AS name, o.site_url, s.candidates
FROM organisations AS o JOIN sites AS s USING (run_id, org_id)
WHERE o.run_id = ? AND s.site_status = 'ok' AND NOT s.section_found
ORDER BY o.org_id
"""
DECISION_SQL = """
INSERT OR REPLACE INTO review_decisions (subject, org_id, sha256, url, kind, audience,
    candidates_fingerprint, reason, decided_at, run_id)
VALUES ($subject, $org_id, $sha256, $url, $kind, $audience, $candidates, $reason, $now, $run_id)
"""


@dataclass(frozen=True)
class KindDecision:
    """A document's kind (and audience) as a methodologist decided it."""

    kind: str
    audience: str | None
    decided_at: dt.datetime

    def apply(self, facts: DocumentFacts) -> DocumentFacts:
        """The classifier's facts with the decision in place, the decision named first."""
        reason = messages.REVIEW_KIND_REASON.format(
            date=f"{self.decided_at:%d.%m.%Y}", kind=KIND_LABELS[self.kind]
        )
        # A methodologist who files a document under a kind for the school takes it as the
        # school's, unless its letterhead named an authority.
        issuer = facts.issuer if facts.issuer in AUTHORITY_ISSUERS else "school"
        return dataclasses.replace(
            facts,
            kind=self.kind,
            audience=self.audience or facts.audience,
            issuer=issuer,
            reasons=(reason, *facts.reasons),
        )


@dataclass(frozen=True)
class ReviewList:
    """A run's open questions: unsure or unread documents, sections not found, stale overrides."""

    documents: tuple[dict[str, Any], ...]
    sections: tuple[dict[str, Any], ...]
    stale_overrides: tuple[Override, ...]


def candidates_fingerprint(raw: Any) -> str:
    """SHA-256 of the candidate pages tried for a section (their URLs, order ignored)."""
    items = json.loads(raw) if isinstance(raw, str) else raw or []
    urls = sorted({str(item.get("url", "")) for item in items if isinstance(item, dict)})
    return hashlib.sha256(json.dumps(urls).encode("utf-8")).hexdigest()


def kind_decisions(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], KindDecision]:
    """Decided kinds by (file SHA-256, school id or '' for every school)."""
    rows = con.execute(
        "SELECT sha256, org_id, kind, audience, decided_at FROM review_decisions "
        "WHERE subject = 'document'"
    ).fetchall()
    return {(sha, org): KindDecision(kind, audience, at) for sha, org, kind, audience, at in rows}


def decided_kind(
    decisions: dict[tuple[str, str], KindDecision] | None, item: dict
) -> KindDecision | None:
    """The decision that holds for this school's copy of a file, the school's own first."""
    if not decisions or not item.get("sha256"):
        return None
    return decisions.get((item["sha256"], item["org_id"])) or decisions.get((item["sha256"], ""))


def decided_sections(db_path: Path) -> dict[str, str]:
    """Section URLs a methodologist gave, by school: the next crawl starts there."""
    if not db_path.exists():
        return {}
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        rows = con.execute(
            "SELECT org_id, url FROM review_decisions WHERE subject = 'section'"
        ).fetchall()
    except duckdb.CatalogException:  # a store older than schema 4 has no decisions yet
        return {}
    finally:
        con.close()
    return dict(rows)


def _org_exists(con: duckdb.DuckDBPyConnection, run_id: str, org_id: str) -> None:
    found = con.execute(
        "SELECT 1 FROM organisations WHERE run_id = ? AND org_id = ?", [run_id, org_id]
    ).fetchone()
    if found is None:
        raise UserError(messages.JUDGEMENT_UNKNOWN_ORG.format(org_id=org_id, run_id=run_id))


def vocabulary_code(value: str, labels: dict[str, str], refusal: str) -> str:
    """The code a methodologist means: typed as the code or as its Russian name (or its start,
    when only one name begins so); refused in Russian, every choice named."""
    wanted = " ".join(value.split()).lower().replace("ё", "е")
    if wanted in labels:
        return wanted
    by_name = {label.lower().replace("ё", "е"): code for code, label in labels.items()}
    if wanted in by_name:
        return by_name[wanted]
    starts = {code for name, code in by_name.items() if wanted and name.startswith(wanted)}
    if len(starts) == 1:
        return starts.pop()
    known = "; ".join(f"«{label}» ({code})" for code, label in labels.items())
    raise UserError(refusal.format(value=value, known=known))


def decide_kind(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    url: str,
    kind: str,
    audience: str | None,
    org_id: str | None,
    now: dt.datetime,
) -> list[str]:
    """Remember a document's kind by its file; returns the schools whose copy it covers."""
    kind = vocabulary_code(kind, KIND_LABELS, messages.REVIEW_UNKNOWN_KIND)
    if audience is not None:
        audience = vocabulary_code(audience, AUDIENCE_LABELS, messages.REVIEW_UNKNOWN_AUDIENCE)
    if org_id is not None:
        _org_exists(con, run_id, org_id)
    rows = con.execute(
        "SELECT DISTINCT org_id, sha256 FROM documents WHERE run_id = ? AND url = ? "
        "AND (? IS NULL OR org_id = ?) ORDER BY org_id",
        [run_id, url, org_id, org_id],
    ).fetchall()
    if not rows:
        raise UserError(messages.REVIEW_UNKNOWN_DOCUMENT.format(url=url, run_id=run_id))
    hashes = {sha for _, sha in rows if sha}
    if not hashes:
        raise UserError(messages.REVIEW_DOCUMENT_NOT_DOWNLOADED.format(url=url))
    for sha in sorted(hashes):
        decision = _decision("document", org_id or "", sha, url, now, run_id, kind=kind)
        con.execute(DECISION_SQL, {**decision, "audience": audience})
    return [org for org, _ in rows]


def decide_section(
    con: duckdb.DuckDBPyConnection, run_id: str, org_id: str, url: str, now: dt.datetime
) -> None:
    """Remember where a school's section is; the next crawl takes it as the section hint."""
    _org_exists(con, run_id, org_id)
    if not url.lower().startswith(("http://", "https://")):
        raise UserError(messages.REVIEW_BAD_URL.format(url=url))
    con.execute(DECISION_SQL, _decision("section", org_id, "", url, now, run_id))


def decide_no_section(
    con: duckdb.DuckDBPyConnection, run_id: str, org_id: str, reason: str, now: dt.datetime
) -> None:
    """Confirm a school has no section; it leaves the list while the pages tried stay the same."""
    _org_exists(con, run_id, org_id)
    row = con.execute(
        "SELECT candidates FROM sites WHERE run_id = ? AND org_id = ?", [run_id, org_id]
    ).fetchone()
    fingerprint = candidates_fingerprint(row[0] if row else None)
    con.execute(
        DECISION_SQL,
        _decision(
            "no_section", org_id, "", None, now, run_id, candidates=fingerprint, reason=reason
        ),
    )


def _decision(subject, org_id, sha256, url, now, run_id, **fields) -> dict[str, object]:
    values: dict[str, object] = {"kind": None, "audience": None, "candidates": None, "reason": None}
    values.update(fields)
    return {
        "subject": subject,
        "org_id": org_id,
        "sha256": sha256,
        "url": url,
        "now": now,
        "run_id": run_id,
        **values,
    }


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def review_list(con: duckdb.DuckDBPyConnection, run_id: str) -> ReviewList:
    """Everything of a run that needs a human look and has not been decided yet."""
    documents = _rows(
        con,
        DOCUMENTS_SQL,
        {"run_id": run_id, "threshold": REVIEW_CONFIDENCE, "unread": list(UNREAD_STATUSES)},
    )
    section_decisions = {
        (subject, org): (run, fingerprint)
        for subject, org, run, fingerprint in con.execute(
            "SELECT subject, org_id, run_id, candidates_fingerprint FROM review_decisions "
            "WHERE subject IN ('section', 'no_section')"
        ).fetchall()
    }
    sections = []
    for row in _rows(con, SECTIONS_SQL, [run_id]):
        given = section_decisions.get(("section", row["org_id"]))
        absent = section_decisions.get(("no_section", row["org_id"]))
        if given is not None and given[0] >= run_id:
            continue  # the address was given after this crawl: the next one uses it
        if absent is not None and absent[1] == candidates_fingerprint(row["candidates"]):
            continue
        sections.append(row)
    stale = []
    for override in stored_overrides(con):
        current = evidence_fingerprint(con, run_id, override.org_id, override.rule_id)
        if current is not None and current != override.evidence_fingerprint:
            stale.append(override)
    return ReviewList(tuple(documents), tuple(sections), tuple(stale))
