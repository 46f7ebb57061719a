"""Documents and news of a crawl → facts rows: extract (cached by SHA-256), then classify."""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from crawler.evidence import ContentStore
from crawler.extract import EXTRACTOR_VERSION, Extraction, extract_bytes
from crawler.understand import classify_document, classify_news, parse_russian_date


@dataclass
class ExtractionCache:
    """Extractions by SHA-256: loaded from the store, new ones written with the run."""

    known: dict[str, Extraction]
    new: dict[str, Extraction] = field(default_factory=dict)
    hits: int = 0

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection, wanted: set[str]) -> ExtractionCache:
        """Only the entries this run's documents need, not every text the store holds."""
        rows = con.execute(
            "SELECT sha256, text, text_source, extract_status, extract_error, pages "
            "FROM extraction_cache WHERE extractor_version = ? AND list_contains(?, sha256)",
            [EXTRACTOR_VERSION, sorted(wanted)],
        ).fetchall()
        return cls(
            {
                sha: Extraction(text or "", src, st, err, pages)
                for sha, text, src, st, err, pages in rows
            }
        )

    def get(
        self, sha256: str, store: ContentStore, file_ext: str | None, content_type: str | None
    ) -> Extraction:
        if sha256 in self.known:
            self.hits += 1
            return self.known[sha256]
        if sha256 not in self.new:
            self.new[sha256] = extract_bytes(
                store.read(sha256), file_ext=file_ext, content_type=content_type
            )
        return self.new[sha256]

    def new_rows(self) -> list[dict]:
        return [
            {
                "sha256": sha,
                "extractor_version": EXTRACTOR_VERSION,
                "text_source": e.text_source,
                "extract_status": e.status,
                "extract_error": e.error,
                "text": e.text,
                "pages": e.pages,
            }
            for sha, e in self.new.items()
        ]


def document_row(run_id: str, item: dict, store: ContentStore, cache: ExtractionCache) -> dict:
    """One documents row: the file's text read and classified, or why it could not be."""
    if item["fetch_status"] == "ok" and item["sha256"]:
        extraction = cache.get(item["sha256"], store, item["file_ext"], item["content_type"])
        extract_status, extract_error = extraction.status, extraction.error
        text, text_source = extraction.text, extraction.text_source
    else:
        extract_status, extract_error, text, text_source = "not_downloaded", None, "", "none"
    # An unread file is still classified from its link text, so a letter can name it.
    facts = classify_document(text, title_hint=item["link_text"] or None, url=item["url"])
    return {
        "run_id": run_id,
        "org_id": item["org_id"],
        "url": item["url"],
        "link_text": item["link_text"],
        "found_on": item["found_on"],
        "sha256": item["sha256"],
        "content_type": item["content_type"],
        "file_ext": item["file_ext"],
        "size": item["size"],
        "fetch_status": item["fetch_status"],
        "http_status": item["http_status"],
        "extract_status": extract_status,
        "extract_error": extract_error,
        "text_source": text_source,
        "kind": facts.kind,
        "audience": facts.audience,
        "title": facts.title or item["link_text"] or None,
        "doc_date": facts.date,
        "doc_number": facts.number,
        "period_start": facts.period_start,
        "period_end": facts.period_end,
        "confidence": facts.confidence,
        "reasons": list(facts.reasons),
    }


def news_row(run_id: str, item: dict) -> dict:
    """One news row: its date (from the list or the page) and whether it is about mentorship."""
    facts = classify_news(item["title"] or "", item["text"])
    date = parse_russian_date(item["date_text"] or "") or parse_russian_date(item["text"][:400])
    return {
        "run_id": run_id,
        "org_id": item["org_id"],
        "url": item["url"],
        "news_date": date,
        "title": item["title"],
        "text": item["text"],
        "is_mentorship": facts.is_mentorship,
        "audience": facts.audience,
    }
