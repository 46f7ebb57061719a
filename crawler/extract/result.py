"""The outcome of extracting text from one file, shared by every format module."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Extraction:
    """Text taken from a file, how it was obtained, and why it is missing when it is."""

    text: str
    text_source: str  # "text" | "ocr" | "none"
    status: str  # "ok" | "empty" | "failed" | "unsupported" | "not_a_document"
    error: str | None
    pages: int | None


def from_text(text: str, *, pages: int | None = None, empty_reason: str) -> Extraction:
    """An `ok` extraction, or `empty` with `empty_reason` when only whitespace came out."""
    if text.strip():
        return Extraction(text=text, text_source="text", status="ok", error=None, pages=pages)
    return Extraction(text="", text_source="none", status="empty", error=empty_reason, pages=pages)


def failure(reason: str, *, status: str = "failed", pages: int | None = None) -> Extraction:
    """An extraction that produced no text, with a Russian reason for reports."""
    return Extraction(text="", text_source="none", status=status, error=reason, pages=pages)
