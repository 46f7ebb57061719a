"""PDF text layer through pypdfium2; pages without one are read by OCR; tables by pdfplumber."""

from __future__ import annotations

import contextlib
import io

from . import messages
from .ocr import (
    MAX_OCR_PAGES,
    RENDER_DPI,
    RecognisedPage,
    mean_confidence,
    ocr_engine_problem,
    recognise,
)
from .result import Extraction, Table, as_ocr, failure, from_text, join_pages

MAX_PAGES = 500
MIN_PAGE_CHARS = 25  # a page with less text than this is a scanned image with a stray label
MAX_TABLE_PAGES = 30
# Tables matter for roadmaps and mentor bases only: pdfplumber runs when the text names them.
TABLE_CUES = ("дорожн", "план мероприятий", "план реализации", "наставник", "наставляем")

# pypdfium2 marks a hyphen at a line end with U+FFFE; NULs come from broken font maps.
CHAR_MAP = str.maketrans({"\ufffe": "-", "\x00": None, "\r": None})


def extract_pdf(data: bytes) -> Extraction:
    """The text layer of each page; pages without one are OCR'd, up to MAX_OCR_PAGES."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        return failure(messages.CORRUPT.format(reason=_pdf_reason(str(error))))
    try:
        page_count = len(document)
        texts = [_page_text(document, index) for index in range(min(page_count, MAX_PAGES))]
        scanned = [index for index, text in enumerate(texts) if len(text) < MIN_PAGE_CHARS]
        problem = ocr_engine_problem() if scanned else None
        if problem and len(scanned) == len(texts):
            # Nothing but scans and no engine to read them: not checked, never a pass or fail.
            return failure(problem, status="ocr_unavailable", pages=page_count)
        recognised = [] if problem else _recognise(document, texts, scanned[:MAX_OCR_PAGES])
    except pdfium.PdfiumError as error:
        return failure(messages.CORRUPT.format(reason=_pdf_reason(str(error))))
    finally:
        document.close()
    text = join_pages(texts)
    if not recognised:
        tables = _tables(data, text)
        return from_text(text, pages=page_count, empty_reason=messages.NO_TEXT, tables=tables)
    result = from_text(text, pages=page_count, empty_reason=messages.OCR_NOTHING)
    unread = len(scanned) - len(recognised)
    return as_ocr(
        result,
        confidence=mean_confidence(recognised),
        ocr_pages=len(recognised),
        unread_pages=unread,
    )


def _page_text(document, index: int) -> str:
    page = document[index]
    textpage = page.get_textpage()
    try:
        return textpage.get_text_range().translate(CHAR_MAP).strip()
    finally:
        textpage.close()
        page.close()


def _recognise(document, texts: list[str], pages: list[int]) -> list[RecognisedPage]:
    """OCR the given scanned pages, writing their text in place."""
    recognised = []
    for index in pages:
        page = recognise(_render(document, index))
        texts[index] = page.text
        recognised.append(page)
    return recognised


def _render(document, index: int):
    """One page as a greyscale PIL image at the resolution Tesseract reads best."""
    page = document[index]
    try:
        bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True)
        return bitmap.to_pil()
    finally:
        page.close()


def _tables(data: bytes, text: str) -> tuple[Table, ...]:
    """Tables of the first pages, only for documents that name a roadmap or mentors."""
    lowered = text.lower()
    if not any(cue in lowered for cue in TABLE_CUES):
        return ()
    import pdfplumber

    tables: list[Table] = []
    # A table the parser chokes on must not cost the document its text (or the tables before).
    with contextlib.suppress(Exception), pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages[:MAX_TABLE_PAGES]:
            tables.extend(filter(None, (_clean_table(raw) for raw in page.extract_tables())))
            page.close()
    return tuple(tables)


def _clean_table(raw: list[list[str | None]]) -> Table:
    """Rows with their cells' blanks collapsed; empty rows dropped."""
    return tuple(
        tuple(" ".join((cell or "").split()) for cell in row)
        for row in raw
        if any(cell and cell.strip() for cell in row)
    )


def _pdf_reason(detail: str) -> str:
    """A short Russian reason from a PDFium error message."""
    if "password" in detail.lower():
        return messages.PDF_PASSWORD
    inner = detail.split("PDFium:")[-1].strip(" ().") if "PDFium:" in detail else detail
    return messages.CORRUPT_PDF.format(detail=inner or "ошибка формата")
