"""Reading every format a school posts: scans by OCR, DOC, XLS/ODS, and hostile files isolated."""

from __future__ import annotations

import io
import json
import mmap
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from cmn_audit.demo.documents import DocumentSpec, docx_bytes
from cmn_audit.demo.scan import scan_jpg_bytes, scan_pdf_bytes
from crawler.extract import ExtractionJob, WorkerLimits, extract_bytes, extract_isolated
from crawler.extract.ocr import MAX_OCR_PAGES
from crawler.understand import CHECKS, classify_path

FORMATS = Path(__file__).parent / "fixtures" / "formats"
CLI = [str(Path(sys.executable).with_name("cmn-audit"))]

SIGNED_ORDER = DocumentSpec(
    paragraphs=[
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 5»",
        "ПРИКАЗ",
        "01.09.2022 № 41-од",
        "О внедрении целевой модели наставничества обучающихся",
        "В соответствии с распоряжением Министерства просвещения Российской Федерации "
        "от 25.12.2020 № Р-145 «Об утверждении методологии (целевой модели) наставничества "
        "обучающихся» приказываю:",
        "1. Внедрить целевую модель наставничества обучающихся с 01.09.2022.",
        "2. Назначить куратором внедрения заместителя директора Петрову А.А.",
        "Директор школы __________ Н.П. Иванова",
    ]
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_scanned_pdf_is_read_by_ocr_with_its_confidence(tmp_path):
    result = classify_path(_write(tmp_path, "prikaz.pdf", scan_pdf_bytes(SIGNED_ORDER)))
    assert (result["status"], result["text_source"]) == ("ok", "ocr")
    assert result["ocr_confidence"] > 60
    assert (result["kind"], result["audience"]) == ("order_implementation", "students")
    assert (result["date"], result["number"]) == ("2022-09-01", "41-од")
    assert "Иванова" in result["signed_by"]
    codes = [problem["code"] for problem in result["problems"]]
    assert codes == ["federal_act_wrong_date"]


def test_photo_of_an_order_is_read_by_ocr(tmp_path):
    extraction = extract_bytes(scan_jpg_bytes(SIGNED_ORDER), file_ext="jpg")
    assert (extraction.status, extraction.text_source, extraction.ocr_pages) == ("ok", "ocr", 1)
    assert "целевой модели наставничества" in extraction.text


@pytest.mark.slow
def test_long_scan_is_read_only_in_its_head(tmp_path, monkeypatch):
    """Past the OCR limit a scan is read in part, and the pages left unread are counted."""
    import crawler.extract.pdf_text as pdf_text

    monkeypatch.setattr(pdf_text, "MAX_OCR_PAGES", 2)
    pages = DocumentSpec(paragraphs=[f"Страница {n}. Приложение к плану." for n in range(1, 300)])
    extraction = extract_bytes(scan_pdf_bytes(pages), file_ext="pdf")
    assert extraction.status == "ok"
    assert extraction.ocr_pages == 2 < extraction.pages
    assert extraction.unread_pages == extraction.pages - 2
    assert MAX_OCR_PAGES >= 10  # a scanned order with its положение and roadmap is read whole


def test_missing_ocr_engine_leaves_the_scan_not_checked(tmp_path):
    scan = _write(tmp_path, "prikaz.pdf", scan_pdf_bytes(SIGNED_ORDER))
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    done = subprocess.run(
        [*CLI, "classify", str(scan)],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": str(empty_bin)},
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["status"] == "ocr_unavailable" and result["text_source"] == "none"
    assert "Tesseract" in result["error"] and "tesseract-ocr-rus" in result["error"]
    assert "Traceback" not in done.stderr


def test_doc_roadmap_is_read_with_its_event_table():
    result = classify_path(FORMATS / "roadmap_teachers_2023.doc")
    assert (result["status"], result["kind"], result["audience"]) == ("ok", "roadmap", "teachers")
    assert result["period"] == "2023–2024"
    assert [event["due_date"] for event in result["events"]] == [
        "2023-09-30",
        "2023-09-15",
        "2023-09-20",
        "2024-05-31",
    ]
    assert result["events"][1]["responsible"].startswith("Зайцева О.Н.")
    assert "Колесникова" in result["signed_by"]


@pytest.mark.parametrize("name", ["mentor_base_2024.xls", "mentor_base_2024.ods"])
def test_spreadsheet_mentor_base_is_counted(name):
    result = classify_path(FORMATS / name)
    assert (result["status"], result["kind"]) == ("ok", "mentor_base")
    assert (result["mentor_count"], result["pair_count"]) == (3, 4)


def test_expired_roadmap_and_undated_order_are_flagged(tmp_path):
    roadmap = classify_path(FORMATS / "roadmap_teachers_2023.doc")
    assert "roadmap_expired" in [problem["code"] for problem in roadmap["problems"]]
    order = DocumentSpec(
        paragraphs=["ПРИКАЗ", "О закреплении наставнических пар педагогических работников"]
    )
    result = classify_path(_write(tmp_path, "order.docx", docx_bytes(order)))
    codes = {problem["code"] for problem in result["problems"]}
    assert result["kind"] == "order_pairs"
    assert codes == {"order_without_date", "order_without_number"}


def test_roadmap_in_force_is_not_flagged():
    done = subprocess.run(
        [*CLI, "classify", "--on", "2024-03-01", str(FORMATS / "roadmap_teachers_2023.doc")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout)["problems"] == []


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (60 * 1024 * 1024))
    return buffer.getvalue()


def test_hostile_files_become_statuses_and_the_batch_goes_on(tmp_path):
    files = {
        "bomb.docx": _zip_bomb(),
        "broken.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer",
        "fake.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4096),
        "good.docx": docx_bytes(SIGNED_ORDER),
    }
    jobs = [ExtractionJob(name, _write(tmp_path, name, data)) for name, data in files.items()]
    results = extract_isolated(jobs)
    assert "zip-бомб" in results["bomb.docx"].error
    assert results["broken.pdf"].status == "failed"
    assert results["fake.doc"].status == "failed"
    assert results["good.docx"].status == "ok"


def test_a_document_over_its_time_limit_is_stopped(tmp_path):
    scan = DocumentSpec(
        paragraphs=[f"{n}. Мероприятие по плану наставничества" for n in range(300)]
    )
    slow = _write(tmp_path, "slow.pdf", scan_pdf_bytes(scan))
    good = _write(tmp_path, "good.docx", docx_bytes(SIGNED_ORDER))
    results = extract_isolated(
        [ExtractionJob("slow", slow), ExtractionJob("good", good)], WorkerLimits(seconds=0.5)
    )
    assert results["slow"].status == "failed" and "0 с" in results["slow"].error
    assert results["good"].status == "ok"


def test_ocr_past_its_time_limit_leaves_no_tesseract_and_no_files(tmp_path, monkeypatch):
    """The worker stopped for its time takes Tesseract with it; its images are removed."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    scan = DocumentSpec(paragraphs=[f"{n}. Мероприятие по плану наставничества" for n in range(60)])
    slow = _write(tmp_path, "slow.jpg", scan_jpg_bytes(scan))  # OCR at once, for seconds
    result = extract_isolated([ExtractionJob("slow", slow)], WorkerLimits(seconds=0.5))["slow"]
    assert result.status == "failed"
    time.sleep(0.5)
    assert _tesseracts_in(temporary) == []
    assert list(temporary.iterdir()) == []


def _tesseracts_in(folder: Path) -> list[int]:
    """Tesseract processes reading images from `folder` (zombies do not count)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if (
            b"tesseract" in command[0]
            and str(folder).encode() in b" ".join(command)
            and state != "Z"
        ):
            found.append(int(proc.name))
    return found


def test_a_document_over_its_memory_limit_is_stopped(tmp_path):
    huge = _write(tmp_path, "list.txt", "Наставник — наставляемый\n".encode() * 3_000_000)
    result = extract_isolated([ExtractionJob("txt", huge)], WorkerLimits(memory_mb=64))["txt"]
    assert (result.status, result.error) == (
        "failed",
        "чтение документа потребовало больше 64 МБ памяти и было прервано",
    )


def test_a_parent_grown_large_leaves_its_workers_their_whole_budget(tmp_path):
    """The memory cap is the document's own budget, not the parent's size: a pipeline
    process that maps gigabytes (DuckDB, thread arenas) still reads a small file."""
    good = _write(tmp_path, "good.docx", docx_bytes(SIGNED_ORDER))
    reserved = mmap.mmap(-1, 3 << 30, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)  # untouched
    try:
        result = extract_isolated([ExtractionJob("good", good)], WorkerLimits(memory_mb=256))
    finally:
        reserved.close()
    assert result["good"].status == "ok"


def test_every_check_is_documented_from_its_declaration():
    page = (Path(__file__).parents[1] / "docs" / "classification.md").read_text(encoding="utf-8")
    for code, title in CHECKS.items():
        assert f"| `{code}` | {title} |" in page
