"""The outcome of extracting text from one file, shared by every format module."""

from __future__ import annotations

from dataclasses import dataclass, replace

Table = tuple[tuple[str, ...], ...]  # rows of cell texts, header rows first

# Between the pages of a PDF or the frames of a scan, as pdftotext writes it: a bundle's parts
# are told by their pages (crawler/understand/parts.py).
PAGE_BREAK = "\f"


# Opens the first page of each file an archive holds: every file is a document of its own.
FILE_START = "\x1c"


def join_pages(texts: list[str]) -> str:
    """Page texts in one string, every page kept (an empty one too) so page numbers hold."""
    return f"\n{PAGE_BREAK}\n".join(texts)


def join_files(texts: list[str]) -> str:
    """The texts of an archive's files in one string, each opening a new page marked as the
    start of a file."""
    return join_pages([f"{FILE_START}{text}" for text in texts])


# Statuses a document can end with; `ocr_unavailable` means the OCR engine is not installed,
# so the document is not checked (never read as a pass or a fail).
STATUSES = ("ok", "empty", "failed", "unsupported", "not_a_document", "ocr_unavailable")


@dataclass(frozen=True)
class Extraction:
    """Text taken from a file, how it was obtained, and why it is missing when it is."""

    text: str
    text_source: str  # "text" | "ocr" | "none"
    status: str  # one of STATUSES
    error: str | None
    pages: int | None
    tables: tuple[Table, ...] = ()
    ocr_confidence: float | None = None  # mean word confidence of the OCR'd pages, 0–100
    ocr_pages: int | None = None  # pages run through OCR (a long scan is read only in part)
    unread_pages: int = 0  # scanned pages past the OCR limit: what they hold is unknown

    @property
    def cacheable(self) -> bool:
        """A missing tool is fixed by installing it: such an outcome must not stick in the cache."""
        return self.status != "ocr_unavailable"


def from_text(
    text: str, *, pages: int | None = None, empty_reason: str, tables: tuple[Table, ...] = ()
) -> Extraction:
    """An `ok` extraction, or `empty` with `empty_reason` when only whitespace came out."""
    if text.strip():
        return Extraction(text, "text", "ok", None, pages, tables=tables)
    return Extraction("", "none", "empty", empty_reason, pages)


def failure(reason: str, *, status: str = "failed", pages: int | None = None) -> Extraction:
    """An extraction that produced no text, with a Russian reason for reports."""
    return Extraction(text="", text_source="none", status=status, error=reason, pages=pages)


def as_ocr(
    extraction: Extraction, *, confidence: float | None, ocr_pages: int, unread_pages: int = 0
) -> Extraction:
    """Mark an extraction's text as recognised by OCR."""
    source = "ocr" if extraction.status == "ok" else extraction.text_source
    return replace(
        extraction,
        text_source=source,
        ocr_confidence=confidence,
        ocr_pages=ocr_pages,
        unread_pages=unread_pages,
    )
