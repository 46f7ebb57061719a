"""Render document texts into real PDF and DOCX files for the demo web and the tests."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.styles import Font

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)
# Writers stamp the save time into the package's core properties; builds must not differ.
MODIFIED_STAMP = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*<")


# A paragraph that is only this starts a new page: a bundle of acts in one file.
NEW_PAGE = "\f"


@dataclass(frozen=True)
class DocumentSpec:
    """A document as plain content: paragraphs (NEW_PAGE between pages), then tables."""

    paragraphs: Sequence[str]
    tables: Sequence[Sequence[Sequence[str]]] = field(default_factory=tuple)
    # Paragraphs that are hyperlinks, after the others: (address, text) of each (DOCX only).
    links: Sequence[tuple[str, str]] = field(default_factory=tuple)


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
    pdf = FPDF(format="A4")
    pdf.set_compression(True)
    # A fixed creation date keeps the bytes (and so the SHA-256) stable across builds.
    pdf.set_creation_date(datetime(2022, 1, 1, tzinfo=UTC))
    pdf.add_font("DejaVu", "", str(cyrillic_font()))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for paragraph in spec.paragraphs:
        if paragraph == NEW_PAGE:
            pdf.add_page()
            continue
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
    """A DOCX with one paragraph per entry, real Word tables, and hyperlinks as Word writes
    them (an external relationship per link)."""
    document = Document()
    core = document.core_properties
    core.author = core.last_modified_by = ""
    for paragraph in spec.paragraphs:
        if paragraph == NEW_PAGE:
            document.add_page_break()
        else:
            document.add_paragraph(paragraph)
    for table in spec.tables:
        columns = max(len(row) for row in table)
        grid = document.add_table(rows=0, cols=columns)
        grid.style = "Table Grid"
        for row in table:
            cells = grid.add_row().cells
            for index, value in enumerate(row):
                cells[index].text = value
    for url, text in spec.links:
        paragraph = document.add_paragraph()
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, True))
        run = OxmlElement("w:r")
        words = OxmlElement("w:t")
        words.text = text
        run.append(words)
        link.append(run)
        paragraph._p.append(link)
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue())


def archive_bytes(members: Sequence[tuple[str, bytes]]) -> bytes:
    """A ZIP archive of the given (file name, bytes), with fixed member timestamps."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, body in members:
            info = zipfile.ZipInfo(name, date_time=(2022, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, body)
    return buffer.getvalue()


def _stable_zip(data: bytes) -> bytes:
    """The same OOXML package with fixed member timestamps.

    python-docx and openpyxl stamp the wall-clock time into each zip member and into the
    core properties; without this a file would get a new SHA-256 on every build.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=(2022, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = member.external_attr
            body = source.read(member)
            if member.filename == "docProps/core.xml":
                body = MODIFIED_STAMP.sub(rb"\g<1>2022-01-01T00:00:00Z<", body)
            target.writestr(info, body)
    return buffer.getvalue()


def write_pdf(path: Path, spec: DocumentSpec) -> Path:
    """Write `spec` as a PDF at `path`."""
    path.write_bytes(pdf_bytes(spec))
    return path


def write_docx(path: Path, spec: DocumentSpec) -> Path:
    """Write `spec` as a DOCX at `path`."""
    path.write_bytes(docx_bytes(spec))
    return path


def _rtf_text(text: str) -> str:
    """RTF-escape `text`: control characters backslashed, non-ASCII as \\uN? escapes."""
    out: list[str] = []
    for char in text:
        code = ord(char)
        if char in "\\{}":
            out.append("\\" + char)
        elif code < 128:
            out.append(char)
        else:
            out.append(f"\\u{code if code < 32768 else code - 65536}?")
    return "".join(out)


def rtf_bytes(spec: DocumentSpec) -> bytes:
    """An RTF file as Word and WordPad save it: paragraphs, then tables of fixed-width cells."""
    lines = [
        r"{\rtf1\ansi\ansicpg1251\deff0\deflang1049",
        r"{\fonttbl{\f0\froman\fcharset204 Times New Roman;}}",
        r"\paperw11906\paperh16838\margl1701\margr850\margt1134\margb1134",
        r"\pard\plain\f0\fs24",
    ]
    lines += [_rtf_text(paragraph) + r"\par" for paragraph in spec.paragraphs]
    for table in spec.tables:
        columns = max(len(row) for row in table)
        borders = r"\clbrdrt\brdrs\clbrdrl\brdrs\clbrdrb\brdrs\clbrdrr\brdrs"
        layout = "".join(f"{borders}\\cellx{(i + 1) * 9000 // columns}" for i in range(columns))
        for row in table:
            cells = "".join(_rtf_text(cell) + r"\cell " for cell in row)
            lines.append(rf"\trowd\trgaph108{layout}\pard\intbl {cells}\row")
        lines.append(r"\pard\par")
    lines.append("}")
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def xlsx_bytes(spec: DocumentSpec) -> bytes:
    """An XLSX workbook: the paragraphs as heading rows above the first table's grid."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Лист1"
    for paragraph in spec.paragraphs:
        sheet.append([paragraph])
    for table in spec.tables:
        sheet.append([])
        for index, row in enumerate(table):
            sheet.append(list(row))
            if index == 0:
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
    stamp = datetime(2022, 1, 1)
    workbook.properties.creator = workbook.properties.lastModifiedBy = ""
    workbook.properties.created = workbook.properties.modified = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _stable_zip(buffer.getvalue())
