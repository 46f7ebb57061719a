"""Understand stage: text → facts (kind, audience, title, date, number, period, details)."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from .checks import CHECKS, Problem, document_problems
from .classify import DocumentFacts, classify_document, reading_confidence
from .dates import parse_russian_date
from .news import NewsFacts, classify_news
from .paths import classify_path, classify_paths

__all__ = [
    "CHECKS",
    "DocumentFacts",
    "NewsFacts",
    "Problem",
    "classify_document",
    "classify_news",
    "classify_path",
    "classify_paths",
    "document_problems",
    "parse_russian_date",
    "reading_confidence",
    "understand_version",
]


@functools.cache
def understand_version() -> str:
    """A digest of this package's code and data: any change to them invalidates cached facts."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted([*package.glob("*.py"), *package.glob("*.toml")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
