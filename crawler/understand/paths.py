"""`cmn-audit classify FILE`: extract a file and classify it into JSON-ready fields."""

from __future__ import annotations

from pathlib import Path

from crawler.extract import extract_file

from .classify import classify_document


def classify_path(path: Path) -> dict:
    """The document fields of results.json for one local file (PDF, DOCX, HTML or .txt)."""
    path = Path(path)
    extraction = extract_file(path)
    facts = classify_document(extraction.text, title_hint=path.name)
    if facts.period_start is None:
        period = None
    elif facts.period_start == facts.period_end:
        period = str(facts.period_start)
    else:
        period = f"{facts.period_start}–{facts.period_end}"
    return {
        "path": str(path),
        "kind": facts.kind,
        "audience": facts.audience,
        "title": facts.title,
        "date": facts.date.isoformat() if facts.date else None,
        "number": facts.number,
        "period": period,
        "text_source": extraction.text_source,
        "status": extraction.status,
        "error": extraction.error,
        "confidence": facts.confidence,
        "reasons": list(facts.reasons),
    }
