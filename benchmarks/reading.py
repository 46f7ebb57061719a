"""Reading benchmarks: text PDFs (pypdfium2 against pdfplumber), OCR, isolated workers."""

from __future__ import annotations

import io
import tempfile
import time
from pathlib import Path

from cmn_audit.demo.documents import DocumentSpec, docx_bytes, pdf_bytes
from cmn_audit.demo.scan import scan_pdf_bytes
from crawler.extract import ExtractionJob, WorkerLimits, extract_bytes, extract_isolated

PARAGRAPH = (
    "В соответствии с распоряжением Министерства просвещения Российской Федерации от "
    "25.12.2019 № Р-145 «Об утверждении методологии (целевой модели) наставничества "
    "обучающихся» и в целях реализации целевой модели наставничества ПРИКАЗЫВАЮ: "
)


def _spec(pages: int) -> DocumentSpec:
    return DocumentSpec(["ПРИКАЗ № 112-од от 01.09.2022"] + [PARAGRAPH * 3] * (pages * 6))


def _seconds(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _best_of(action, repeats: int = 5) -> float:
    return min(_seconds(action) for _ in range(repeats))


def bench_text_pdf() -> dict:
    """Milliseconds per page of a text PDF: our pypdfium2 reader against pdfplumber's text."""
    import pdfplumber

    pdf = pdf_bytes(_spec(10))
    pages = extract_bytes(pdf, file_ext="pdf").pages or 1

    def plumb() -> None:
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            for page in document.pages:
                page.extract_text()

    pdfium_ms = _best_of(lambda: extract_bytes(pdf, file_ext="pdf")) * 1000 / pages
    plumber_ms = _best_of(plumb) * 1000 / pages
    return {
        "pages": pages,
        "pypdfium2_ms_per_page": round(pdfium_ms, 2),
        "pdfplumber_ms_per_page": round(plumber_ms, 2),
        "pdfplumber_to_pypdfium2": round(plumber_ms / pdfium_ms, 1),
    }


def bench_ocr(pages: int = 3) -> dict:
    """Seconds per scanned page through render + Tesseract (Russian)."""
    scan = scan_pdf_bytes(_spec(pages))
    result = None

    def read() -> None:
        nonlocal result
        result = extract_bytes(scan, file_ext="pdf")

    seconds = _best_of(read, repeats=2)
    return {
        "ocr_pages": result.ocr_pages,
        "seconds_per_ocr_page": round(seconds / max(result.ocr_pages or 1, 1), 2),
        "ocr_confidence": result.ocr_confidence,
    }


def bench_workers(documents: int = 24) -> dict:
    """Documents per second through the isolated pool: one worker against two (2 cores)."""
    with tempfile.TemporaryDirectory() as folder:
        jobs = []
        for index in range(documents):
            kind = index % 4
            data = (
                scan_pdf_bytes(_spec(1))
                if kind == 0
                else docx_bytes(_spec(2))
                if kind == 1
                else pdf_bytes(_spec(3 + index % 3))
            )
            path = Path(folder) / f"doc{index}"
            path.write_bytes(data)
            jobs.append(ExtractionJob(str(index), path))
        one = _seconds(lambda: extract_isolated(jobs, WorkerLimits(workers=1)))
        two = _seconds(lambda: extract_isolated(jobs, WorkerLimits(workers=2)))
    return {
        "documents": documents,
        "mix": "1/4 scans (OCR), 1/4 DOCX, 1/2 text PDF",
        "docs_per_second_1_worker": round(documents / one, 2),
        "docs_per_second_2_workers": round(documents / two, 2),
        "speedup_2_to_1": round(one / two, 2),
    }
