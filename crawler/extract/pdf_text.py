"""PDF text layer through pypdfium2; a PDF without one is reported as a scan."""

from __future__ import annotations

from . import messages
from .result import Extraction, failure, from_text

MAX_PAGES = 500

# pypdfium2 marks a hyphen at a line end with U+FFFE; NULs come from broken font maps.
CHAR_MAP = str.maketrans({"\ufffe": "-", "\x00": None, "\r": None})


def extract_pdf(data: bytes) -> Extraction:
    """The text of up to MAX_PAGES pages; `empty` with a scan reason when no page has text."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        return failure(messages.CORRUPT.format(reason=_pdf_reason(str(error))))
    try:
        page_count = len(document)
        texts = []
        for index in range(min(page_count, MAX_PAGES)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range().translate(CHAR_MAP).strip())
            textpage.close()
            page.close()
    except pdfium.PdfiumError as error:
        return failure(messages.CORRUPT.format(reason=_pdf_reason(str(error))))
    finally:
        document.close()
    text = "\n\n".join(part for part in texts if part)
    return from_text(text, pages=page_count, empty_reason=messages.NO_TEXT_LAYER)


def _pdf_reason(detail: str) -> str:
    """A short Russian reason from a PDFium error message."""
    if "password" in detail.lower():
        return messages.PDF_PASSWORD
    inner = detail.split("PDFium:")[-1].strip(" ().") if "PDFium:" in detail else detail
    return messages.CORRUPT_PDF.format(detail=inner or "ошибка формата")
