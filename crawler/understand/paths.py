"""`cmn-audit classify FILE...`: read local files (isolated workers) and classify each to JSON."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from pathlib import Path

from crawler.extract import Extraction, ExtractionJob, extract_isolated

from .checks import document_problems
from .classify import DocumentFacts, classify_document, reading_confidence


def classify_paths(
    paths: Sequence[Path], *, audit_date: datetime.date | None = None
) -> Iterator[dict]:
    """The document fields of results.json for each file, in the order given."""
    paths = [Path(path) for path in paths]
    extractions = extract_isolated(
        ExtractionJob(str(index), path) for index, path in enumerate(paths)
    )
    audit_date = audit_date or datetime.date.today()
    for index, path in enumerate(paths):
        yield _fields(path, extractions[str(index)], audit_date)


def classify_path(path: Path, *, audit_date: datetime.date | None = None) -> dict:
    """The document fields of one local file (PDF, DOCX, DOC, scans, HTML, .txt…)."""
    return next(classify_paths([path], audit_date=audit_date))


def _fields(path: Path, extraction: Extraction, audit_date: datetime.date) -> dict:
    facts = classify_document(extraction.text, title_hint=path.name, tables=extraction.tables)
    problems = document_problems(facts, audit_date=audit_date, read=extraction.status == "ok")
    return {
        "path": str(path),
        "kind": facts.kind,
        "audience": facts.audience,
        "title": facts.title,
        "date": facts.date.isoformat() if facts.date else None,
        "number": facts.number,
        "period": _period(facts),
        "signed_by": facts.signed_by,
        "issuer": facts.issuer,
        "events": facts.events_json(),
        "mentor_count": facts.mentor_count,
        "pair_count": facts.pair_count,
        "problems": [problem.as_dict() for problem in problems],
        "text_source": extraction.text_source,
        "ocr_confidence": extraction.ocr_confidence,
        "status": extraction.status,
        "error": extraction.error,
        "confidence": reading_confidence(facts.confidence, extraction.ocr_confidence),
        "reasons": list(facts.reasons),
    }


def _period(facts: DocumentFacts) -> str | None:
    if facts.period_start is None:
        return None
    if facts.period_start == facts.period_end:
        return str(facts.period_start)
    return f"{facts.period_start}–{facts.period_end}"
