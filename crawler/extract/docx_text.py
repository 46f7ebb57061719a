"""DOCX text through python-docx: paragraphs and tables in document order."""

from __future__ import annotations

import io

from . import messages
from .result import Extraction, failure, from_text
from .result import Table as TableRows

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
        tables: list[TableRows] = []
        for element in document.element.body.iterchildren():
            if element.tag == qn("w:p"):
                lines.append(Paragraph(element, document).text)
            elif element.tag == qn("w:tbl"):
                rows = _table_rows(Table(element, document))
                tables.append(rows)
                lines.extend(CELL_SEPARATOR.join(row) for row in rows)
    except Exception as error:  # python-docx raises many kinds on broken packages
        detail = type(error).__name__
        return failure(messages.CORRUPT.format(reason=messages.CORRUPT_DOCX.format(detail=detail)))
    return from_text("\n".join(lines).strip(), empty_reason=messages.NO_TEXT, tables=tuple(tables))


def _table_rows(table) -> TableRows:
    """Non-empty rows; a merged cell repeats in python-docx, so each is taken once."""
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
            rows.append(tuple(cells))
    return tuple(rows)
