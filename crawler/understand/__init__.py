"""Understand stage: text → facts (kind, audience, title, date, number, period) from patterns."""

from __future__ import annotations

from .classify import DocumentFacts, classify_document
from .dates import parse_russian_date
from .news import NewsFacts, classify_news
from .paths import classify_path

__all__ = [
    "DocumentFacts",
    "NewsFacts",
    "classify_document",
    "classify_news",
    "classify_path",
    "parse_russian_date",
]
