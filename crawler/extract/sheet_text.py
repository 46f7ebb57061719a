"""XLSX text through openpyxl: every sheet, one line per non-empty row (cells joined by " | ")."""

from __future__ import annotations

import io

from . import messages
from .docx_text import CELL_SEPARATOR
from .result import Extraction, failure, from_text

MAX_ROWS = 20_000  # a mentor base is tens of rows; a huge sheet is cut, not parsed whole


def extract_xlsx(data: bytes) -> Extraction:
    """Sheet titles and rows; formulas give their cached values."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        lines: list[str] = []
        for sheet in workbook.worksheets:
            lines.append(sheet.title)
            for index, row in enumerate(sheet.iter_rows(values_only=True)):
                if index >= MAX_ROWS:
                    break
                cells = [str(value).strip() for value in row if value not in (None, "")]
                if cells:
                    lines.append(CELL_SEPARATOR.join(cells))
        workbook.close()
    except Exception as error:  # openpyxl raises many kinds on broken packages
        reason = messages.CORRUPT_SHEET.format(detail=type(error).__name__)
        return failure(messages.CORRUPT.format(reason=reason))
    return from_text("\n".join(lines).strip(), empty_reason=messages.NO_TEXT)
