"""Render document texts into real PDF and DOCX files for the demo web and the tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)


@dataclass(frozen=True)
class DocumentSpec:
    """A document as plain content: paragraphs, then optional tables (rows of cells)."""

    paragraphs: Sequence[str]
    tables: Sequence[Sequence[Sequence[str]]] = field(default_factory=tuple)


def cyrillic_font() -> Path:
    """The TTF used for Cyrillic PDFs; installed by scripts/install-system-packages.sh."""
    for candidate in FONT_CANDIDATES:
        if candidate.exists():
            return candidate
    raise FileNotFoundError(
        "Не найден шрифт DejaVuSans.ttf (пакет fonts-dejavu-core): "
        "выполните scripts/install-system-packages.sh"
    )


def pdf_bytes(spec: DocumentSpec) -> bytes:
    """A PDF with a real text layer; each table row becomes a bordered grid row."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_compression(True)
    # A fixed creation date keeps the bytes (and so the SHA-256) stable across builds.
    pdf.set_creation_date(datetime(2022, 1, 1, tzinfo=UTC))
    pdf.add_font("DejaVu", "", str(cyrillic_font()))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for paragraph in spec.paragraphs:
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    for table in spec.tables:
        pdf.ln(2)
        with pdf.table(text_align="LEFT", line_height=6, first_row_as_headings=False) as grid:
            for row in table:
                cells = grid.row()
                for cell in row:
                    cells.cell(cell)
    return bytes(pdf.output())


def docx_bytes(spec: DocumentSpec) -> bytes:
    """A DOCX with one paragraph per entry and real Word tables."""
    import io

    from docx import Document

    document = Document()
    core = document.core_properties
    core.author = core.last_modified_by = ""
    for paragraph in spec.paragraphs:
        document.add_paragraph(paragraph)
    for table in spec.tables:
        columns = max(len(row) for row in table)
        grid = document.add_table(rows=0, cols=columns)
        grid.style = "Table Grid"
        for row in table:
            cells = grid.add_row().cells
            for index, value in enumerate(row):
                cells[index].text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same OOXML package with fixed member timestamps.

    python-docx stamps each zip member with the wall-clock time; without this a DOCX would
    get a new SHA-256 on every build.
    """
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=(2022, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = member.external_attr
            target.writestr(info, source.read(member))
    return buffer.getvalue()


def write_pdf(path: Path, spec: DocumentSpec) -> Path:
    """Write `spec` as a PDF at `path`."""
    path.write_bytes(pdf_bytes(spec))
    return path


def write_docx(path: Path, spec: DocumentSpec) -> Path:
    """Write `spec` as a DOCX at `path`."""
    path.write_bytes(docx_bytes(spec))
    return path
