"""DOCX text through python-docx: paragraphs and tables in document order."""

from __future__ import annotations

import io

from . import messages
from .result import Extraction, failure, from_text

CELL_SEPARATOR = " | "


def extract_docx(data: bytes) -> Extraction:
    """Body paragraphs and table rows (cells joined with " | ") in the order they appear."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
        lines: list[str] = []
        for element in document.element.body.iterchildren():
            if element.tag == qn("w:p"):
                lines.append(Paragraph(element, document).text)
            elif element.tag == qn("w:tbl"):
                lines.extend(_table_rows(Table(element, document)))
    except Exception as error:  # python-docx raises many kinds on broken packages
        detail = type(error).__name__
        return failure(messages.CORRUPT.format(reason=messages.CORRUPT_DOCX.format(detail=detail)))
    return from_text("\n".join(lines).strip(), empty_reason=messages.NO_TEXT)


def _table_rows(table) -> list[str]:
    """One line per row; a merged cell repeats in python-docx, so each is taken once."""
    rows = []
    for row in table.rows:
        seen: set[int] = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            rows.append(CELL_SEPARATOR.join(cells))
    return rows
