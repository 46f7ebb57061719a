"""`cmn-audit trends` for Excel: the long table as CSV, or a workbook of sheets.

The application words the tables (cmn_audit/history/text.py) and passes them in: a header and
rows of plain values — dates, numbers, text — for each sheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .csv_table import FORMULA_PREFIXES
from .xlsx_book import HEADER_FILL, HEADER_FONT, MAX_COLUMN_WIDTH, OUTCOME_FILLS


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook: its title, header and rows."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[object]]
    outcome_column: int | None = None  # a column of outcome codes: the label before is coloured


def write_trend_csv(header: Sequence[str], rows: Sequence[Sequence[object]], path: Path) -> Path:
    """The long table as UTF-8 with a BOM and «;», as Russian Excel opens it."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([_csv_cell(cell) for cell in row])
    return path


def write_trend_workbook(sheets: Sequence[Sheet], path: Path) -> Path:
    """The sheets in one workbook — frozen headers, filters — written atomically."""
    book = Workbook()
    book.remove(book.active)
    for item in sheets:
        sheet = _sheet(book, item.title, item.header, item.rows)
        if item.outcome_column is not None:
            _colour_outcomes(sheet, item.outcome_column)
    temporary = path.with_name(path.name + ".tmp")
    book.save(temporary)
    os.replace(temporary, path)
    return path


def _sheet(book: Workbook, title: str, header: Sequence[str], rows) -> Worksheet:
    """A sheet with a bold frozen header, filters, dates as dates and fitted column widths."""
    sheet = book.create_sheet(title)
    sheet.append(list(header))
    for row in rows:
        sheet.append([_xlsx_cell(cell) for cell in row])
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(sheet.columns, start=1):
        for cell in column[1:]:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD.MM.YYYY"
        longest = max((len(str(cell.value or "")) for cell in column[1:]), default=0)
        width = max(longest, min(len(str(column[0].value)), 24)) + 2
        sheet.column_dimensions[get_column_letter(index)].width = min(width, MAX_COLUMN_WIDTH)
    return sheet


def _colour_outcomes(sheet: Worksheet, outcome_index: int) -> None:
    """Each row's outcome label (the cell before its code) filled with the outcome's colour."""
    for row in sheet.iter_rows(min_row=2):
        fill = OUTCOME_FILLS.get(row[outcome_index].value)
        if fill is not None:
            row[outcome_index - 1].fill = fill


def _csv_cell(value: object) -> str:
    """Dates as ДД.ММ.ГГГГ, numbers with a decimal comma, text that never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    cell = str(value)
    return "'" + cell if cell.startswith(FORMULA_PREFIXES) else cell


def _xlsx_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value  # text from registries and sites never runs as a formula
    return value
