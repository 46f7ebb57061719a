"""Documents and news of a crawl → facts rows: read (isolated, cached by SHA-256), understand
(cached by SHA-256 and link), check."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import duckdb

from cmn_audit.judgement.review import KindDecision, decided_kind
from crawler.evidence import ContentStore
from crawler.extract import (
    EXTRACTOR_VERSION,
    Extraction,
    ExtractionJob,
    WorkerLimits,
    extract_isolated,
)
from crawler.understand import (
    DocumentFacts,
    classify_document,
    classify_news,
    document_problems,
    parse_russian_date,
    reading_confidence,
    understand_version,
)
from crawler.understand.coverage import NewsForCoverage, event_coverage
from crawler.understand.parts import part_address

NOT_READ = Extraction("", "none", "not_downloaded", None, None)
# Reads files to Extractions by key: the local isolated pool, or workers through Redis
# (cmn_audit/distributed/coordinator.py).
Reader = Callable[[list[ExtractionJob], WorkerLimits | None], dict[str, Extraction]]


@dataclass(frozen=True)
class ReadCounts:
    """Distinct files of a run: parsed now, or served from an earlier run's reading."""

    read_anew: int
    from_cache: int


def read_before(db_path) -> Callable[[list[str]], set[str]]:
    """Which of some SHA-256 an earlier run already read (the store's extraction cache): a run
    on several machines asks while it crawls, before it opens the store to write."""

    def known(hashes: list[str]) -> set[str]:
        if not hashes or not db_path.exists():
            return set()
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            rows = con.execute(
                "SELECT sha256 FROM extraction_cache "
                "WHERE extractor_version = ? AND list_contains(?, sha256)",
                [EXTRACTOR_VERSION, hashes],
            ).fetchall()
        finally:
            con.close()
        return {row[0] for row in rows}

    return known


@dataclass
class FactsCache:
    """What earlier runs already read and understood, and what this run adds to it."""

    extractions: dict[str, Extraction]
    understood: dict[tuple[str, str], DocumentFacts]
    new_extractions: dict[str, Extraction] = field(default_factory=dict)
    new_understood: dict[tuple[str, str], DocumentFacts] = field(default_factory=dict)

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection, wanted: set[str]) -> FactsCache:
        """Only the entries this run's documents need, not every text the store holds."""
        hashes = sorted(wanted)
        rows = con.execute(
            "SELECT sha256, text, text_source, extract_status, extract_error, pages, tables, "
            "ocr_confidence, ocr_pages, unread_pages FROM extraction_cache "
            "WHERE extractor_version = ? AND list_contains(?, sha256)",
            [EXTRACTOR_VERSION, hashes],
        ).fetchall()
        extractions = {
            sha: Extraction(
                text or "", src, status, error, pages, _tables(tables), conf, ocr, unread or 0
            )
            for sha, text, src, status, error, pages, tables, conf, ocr, unread in rows
        }
        understood = {
            (sha, key): DocumentFacts.from_json(facts)
            for sha, key, facts in con.execute(
                "SELECT sha256, context_key, facts FROM understanding_cache "
                "WHERE understand_version = ? AND list_contains(?, sha256)",
                [understand_version(), hashes],
            ).fetchall()
        }
        return cls(extractions, understood)

    def read_all(
        self,
        items: Iterable[dict],
        store: ContentStore,
        limits: WorkerLimits | None = None,
        read: Reader | None = None,
    ) -> ReadCounts:
        """Read every downloaded file not read before, in parallel isolated workers: the local
        pool, or `read` (workers on other machines)."""
        downloaded = {item["sha256"]: item for item in items if _downloaded(item)}
        jobs = [
            ExtractionJob(sha, store.path(sha), item["file_ext"], item["content_type"])
            for sha, item in downloaded.items()
            if sha not in self.extractions
        ]
        for sha, extraction in (read or extract_isolated)(jobs, limits).items():
            self.extractions[sha] = extraction
            if extraction.cacheable:
                self.new_extractions[sha] = extraction
        return ReadCounts(read_anew=len(jobs), from_cache=len(downloaded) - len(jobs))

    def extraction(self, item: dict) -> Extraction:
        return self.extractions[item["sha256"]] if _downloaded(item) else NOT_READ

    def facts(self, item: dict, extraction: Extraction) -> DocumentFacts:
        """Classified once per bytes and link; an unread file is judged from its link text."""
        hint, url = item["link_text"] or None, item["url"]
        key = (item["sha256"], _context_key(hint, url)) if extraction.status == "ok" else None
        if key and key in self.understood:
            return self.understood[key]
        facts = classify_document(
            extraction.text, title_hint=hint, url=url, tables=extraction.tables
        )
        if key:
            self.understood[key] = self.new_understood[key] = facts
        return facts

    def new_rows(self) -> dict[str, list[dict]]:
        """Cache rows to write with the run."""
        return {
            "extraction_cache": [
                {
                    "sha256": sha,
                    "extractor_version": EXTRACTOR_VERSION,
                    "text_source": e.text_source,
                    "extract_status": e.status,
                    "extract_error": e.error,
                    "text": e.text,
                    "pages": e.pages,
                    "tables": json.dumps(e.tables, ensure_ascii=False) if e.tables else None,
                    "ocr_confidence": e.ocr_confidence,
                    "ocr_pages": e.ocr_pages,
                    "unread_pages": e.unread_pages,
                }
                for sha, e in self.new_extractions.items()
            ],
            "understanding_cache": [
                {
                    "sha256": sha,
                    "understand_version": understand_version(),
                    "context_key": key,
                    "facts": facts.to_json(),
                }
                for (sha, key), facts in self.new_understood.items()
            ],
        }


def document_row(
    run_id: str,
    item: dict,
    cache: FactsCache,
    audit_date: datetime.date,
    decisions: dict[tuple[str, str], KindDecision] | None = None,
) -> dict:
    """One documents row: the file's text read, classified and checked, or why it was not.

    A kind a methodologist decided for this file (`decisions`) replaces the classifier's.
    """
    extraction = cache.extraction(item)
    facts = cache.facts(item, extraction)
    decision = decided_kind(decisions, item)
    if decision is not None:
        facts = decision.apply(facts)
    problems = document_problems(facts, audit_date=audit_date, read=extraction.status == "ok")
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
        "extract_status": extraction.status,
        "extract_error": extraction.error,
        "text_source": extraction.text_source,
        "ocr_confidence": extraction.ocr_confidence,
        "ocr_pages": extraction.ocr_pages,
        "unread_pages": extraction.unread_pages,
        "kind": facts.kind,
        "audience": facts.audience,
        "title": facts.title or item["link_text"] or None,
        "doc_date": facts.date,
        "doc_number": facts.number,
        "period_start": facts.period_start,
        "period_end": facts.period_end,
        "confidence": reading_confidence(facts.confidence, extraction.ocr_confidence),
        "reasons": list(facts.reasons),
        "signed_by": facts.signed_by,
        "issuer": facts.issuer,
        "events": json.dumps(facts.events_json(), ensure_ascii=False) if facts.events else None,
        "mentor_count": facts.mentor_count,
        "pair_count": facts.pair_count,
        "base_columns": None if facts.base_columns is None else list(facts.base_columns),
        "appoints": list(facts.appoints),
        "parts": _parts_json(item["url"], facts),
        "problems": json.dumps([p.as_dict() for p in problems], ensure_ascii=False)
        if problems
        else None,
    }


def _parts_json(url: str, facts: DocumentFacts) -> str | None:
    """A bundle's parts, each with its own address (crawler/understand/parts.py)."""
    if not facts.parts:
        return None
    parts = [
        {**part.to_dict(), "url": part_address(url, part.first_page, number)}
        for number, part in enumerate(facts.parts, start=1)
    ]
    return json.dumps(parts, ensure_ascii=False)


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
        "for_parents": facts.for_parents,
    }


def _downloaded(item: dict) -> bool:
    return item["fetch_status"] == "ok" and bool(item["sha256"])


def _context_key(hint: str | None, url: str) -> str:
    """What besides the bytes the classification depends on: the link text and the URL."""
    return hashlib.sha1(f"{hint or ''}\n{url}".encode()).hexdigest()


def _tables(raw: str | None) -> tuple:
    if not raw:
        return ()
    return tuple(tuple(tuple(row) for row in table) for table in json.loads(raw))


def with_event_coverage(documents: list[dict], news: list[dict]) -> list[dict]:
    """Document rows whose roadmap events each name the school's mentorship news that report
    them (`covered_by`), so letters can say which events were covered and which were not."""
    reports = [
        NewsForCoverage(row["url"], row["news_date"], row["title"] or "", row["text"] or "")
        for row in news
        if row["is_mentorship"]
    ]
    for row in documents:
        if row.get("kind") == "roadmap" and row.get("events"):
            events = event_coverage(json.loads(row["events"]), reports)
            row["events"] = json.dumps(events, ensure_ascii=False)
    return documents
