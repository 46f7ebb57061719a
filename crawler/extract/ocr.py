"""OCR through Tesseract (Debian's tesseract-ocr-rus): page images → text and a confidence."""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass

from . import messages

LANGUAGE = "rus"
TESSERACT_CONFIG = "--psm 3"  # automatic page segmentation: stamps, headings, tables
# Tesseract's OpenMP threads spin against each other and against the other worker: on two
# cores one thread per page is six times faster (measured: 35 s → 5.6 s for five pages).
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
RENDER_DPI = 300
# A scanned order with its положение and roadmap takes 6–10 pages; a longer scan is read in
# part, and its unread pages (Extraction.unread_pages) keep a missing document not_checked.
MAX_OCR_PAGES = 12
MIN_WORD_CONFIDENCE = 0  # Tesseract gives -1 to layout boxes that hold no word


@functools.cache
def ocr_engine_problem() -> str | None:
    """Why OCR cannot run here (in Russian), or None when Tesseract with Russian is installed."""
    if shutil.which("tesseract") is None:
        return messages.OCR_MISSING
    import pytesseract

    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractError, OSError):
        return messages.OCR_MISSING
    if LANGUAGE not in languages:
        return messages.OCR_LANGUAGE_MISSING
    return None


class OcrError(RuntimeError):
    """Tesseract ran but failed on a page (out of memory, a broken image)."""


@dataclass(frozen=True)
class RecognisedPage:
    text: str
    word_confidences: tuple[float, ...]


def recognise(image) -> RecognisedPage:
    """Text of one PIL page image and the confidence of each word read."""
    import pytesseract

    try:
        data = pytesseract.image_to_data(
            image.convert("L"),
            lang=LANGUAGE,
            config=TESSERACT_CONFIG,
            output_type=pytesseract.Output.DICT,
        )
    except (pytesseract.TesseractError, OSError) as error:
        raise OcrError(str(error).strip()[:120] or type(error).__name__) from error
    confidences = tuple(
        float(conf)
        for conf, word in zip(data["conf"], data["text"], strict=True)
        if float(conf) >= MIN_WORD_CONFIDENCE and word.strip()
    )
    return RecognisedPage(_page_text(data), confidences)


def mean_confidence(pages: Iterable[RecognisedPage]) -> float | None:
    """Mean word confidence over pages (0–100), None when no word was read."""
    values = [value for page in pages for value in page.word_confidences]
    return round(sum(values) / len(values), 1) if values else None


def _page_text(data: dict) -> str:
    """Words joined into Tesseract's own lines, paragraphs separated by a blank line."""
    lines: dict[tuple[int, int, int], list[str]] = {}
    for block, paragraph, line, word in zip(
        data["block_num"], data["par_num"], data["line_num"], data["text"], strict=True
    ):
        if word.strip():
            lines.setdefault((block, paragraph, line), []).append(word.strip())
    out: list[str] = []
    previous = None
    for key in sorted(lines):
        if previous is not None and key[:2] != previous[:2]:
            out.append("")
        out.append(" ".join(lines[key]))
        previous = key
    return "\n".join(out).strip()
