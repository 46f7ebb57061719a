"""Extract stage: bytes of a fetched file → text, with a status instead of an exception."""

from __future__ import annotations

from .dispatch import extract_bytes, extract_file
from .html_text import html_main_text
from .registry import register
from .result import Extraction
from .workers import (
    ExtractionJob,
    IsolatedPool,
    WorkerLimits,
    downloaded_files,
    extract_isolated,
)

# Bump when the text produced for the same bytes changes: the cache key is (sha256, version).
EXTRACTOR_VERSION = "10"

__all__ = [
    "EXTRACTOR_VERSION",
    "Extraction",
    "ExtractionJob",
    "IsolatedPool",
    "WorkerLimits",
    "downloaded_files",
    "extract_isolated",
    "extract_bytes",
    "extract_file",
    "html_main_text",
    "register",
]
