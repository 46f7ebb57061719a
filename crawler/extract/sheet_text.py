"""Spreadsheets (XLSX through openpyxl, XLS through xlrd): every sheet as a table and as lines."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

from . import messages
from .docx_text import CELL_SEPARATOR
from .result import Extraction, Table, failure, from_text

MAX_ROWS = 20_000  # a mentor base is tens of rows; a huge sheet is cut, not parsed whole


def extract_xlsx(data: bytes) -> Extraction:
    """Sheet titles and rows; formulas give their cached values."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = [
            (sheet.title, _rows(sheet.iter_rows(values_only=True))) for sheet in workbook.worksheets
        ]
        workbook.close()
    except Exception as error:  # openpyxl raises many kinds on broken packages
        reason = messages.CORRUPT_SHEET.format(detail=type(error).__name__)
        return failure(messages.CORRUPT.format(reason=reason))
    return _sheets_extraction(sheets)


def extract_xls(data: bytes) -> Extraction:
    """Sheets of an Excel 97–2003 workbook."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
        sheets = []
        for sheet in book.sheets():
            rows = (sheet.row_values(index) for index in range(sheet.nrows))
            sheets.append((sheet.name, _rows(rows)))
        book.release_resources()
    except Exception as error:  # xlrd raises its own and struct errors on broken files
        reason = messages.CORRUPT_XLS.format(detail=type(error).__name__)
        return failure(messages.CORRUPT.format(reason=reason))
    return _sheets_extraction(sheets)


def _rows(rows: Iterable[Iterable[object]]) -> Table:
    """Non-empty rows as cell texts, a whole number shown without «.0»."""
    table: list[tuple[str, ...]] = []
    for index, row in enumerate(rows):
        if index >= MAX_ROWS:
            break
        cells = tuple(_cell(value) for value in row)
        if any(cells):
            table.append(cells)
    return tuple(table)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _sheets_extraction(sheets: list[tuple[str, Table]]) -> Extraction:
    return from_text(
        "\n".join(_lines(sheets)).strip(),
        empty_reason=messages.NO_TEXT,
        tables=tuple(table for _, table in sheets if table),
    )


def _lines(sheets: list[tuple[str, Table]]) -> Iterator[str]:
    for title, table in sheets:
        yield title
        for row in table:
            yield CELL_SEPARATOR.join(cell for cell in row if cell)
