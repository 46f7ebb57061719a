"""The classifier on the real labelled corpus: dev figures and the time to read each text."""

from __future__ import annotations

import time
from pathlib import Path

from crawler.understand.evaluation import classify_split, score

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "real_documents"


def bench_real_documents(split: str = "dev") -> dict:
    """Headline figures of one split (no per-document detail) and milliseconds per text."""
    start = time.perf_counter()
    outcomes = classify_split(CORPUS / split)
    wall = time.perf_counter() - start
    return {
        "split": split,
        **score(outcomes).figures(),
        "classify_ms_per_document": round(wall * 1000 / max(len(outcomes), 1), 2),
    }
