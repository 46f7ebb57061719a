"""The run as an Excel workbook: summary, criteria, schools × criteria, documents, findings.

Built from the results document alone, like every report, so its figures equal results.json.
Text from sites is written as text (never as a formula); dates are dates and percentages
numbers; every table has a frozen, filterable header (the key–value summary a frozen one).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from crawler.understand.vocabulary import AUDIENCE_LABELS, KIND_LABELS

from ..context import clean_text, display_name, doc_title, level_label
from ..messages import (
    FETCH_OUTCOME_LABELS,
    LEVEL_LABELS,
    OUTCOME_LABELS,
    OUTCOME_MARKS,
    SEVERITY_LABELS,
    SITE_STATUS_LABELS,
    XLSX_TEXT,
)
from ..reference.context import criterion_rows
from ..russian import SectionWords
from .csv_table import FORMULA_PREFIXES

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
OUTCOME_FILLS = {
    "pass": PatternFill("solid", fgColor="D8F0D8"),
    "fail": PatternFill("solid", fgColor="F6D5D5"),
    "not_checked": PatternFill("solid", fgColor="EEEEEE"),
    "not_applicable": PatternFill("solid", fgColor="FFFFFF"),
}
MAX_COLUMN_WIDTH = 60


def _text(value: Any) -> str:
    """Site text as a plain string Excel will not evaluate."""
    text = clean_text(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _date(value: str | None) -> dt.date | None:
    """An ISO date of results.json as a date Excel sorts and filters as one."""
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _sheet(
    book: Workbook, title: str, header: list[str], rows: list[list[Any]], *, table: bool = True
) -> Worksheet:
    """A sheet with a bold frozen header, column widths fitted to the text and typed cells:
    dates as dates, percentages as numbers with one decimal. `table`: filters on the header
    (a key–value sheet has none)."""
    sheet = book.create_sheet(title)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2" if title == MATRIX_SHEET else "A2"
    if table:
        sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(sheet.columns, start=1):
        percent_column = str(column[0].value or "").endswith(PERCENT_SUFFIX)
        for cell in column[1:]:
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, float) or (percent_column and _number(cell.value)):
                cell.number_format = PERCENT_FORMAT
        longest = max((len(str(cell.value or "")) for cell in column[1:]), default=0)
        width = max(longest, min(len(str(column[0].value or "")), HEADER_WIDTH)) + 2
        sheet.column_dimensions[get_column_letter(index)].width = min(
            max(width, 8), MAX_COLUMN_WIDTH
        )
    return sheet


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


SUMMARY_SHEET = "Сводка"
CRITERIA_SHEET = "Критерии"
MATRIX_SHEET = "Школы и критерии"
DOCUMENTS_SHEET = "Документы"
FINDINGS_SHEET = "Замечания"
DATE_FORMAT = "DD.MM.YYYY"
PERCENT_FORMAT = "0.0"
PERCENT_SUFFIX = ", %"
HEADER_WIDTH = 24  # a long criterion title wraps in its header cell rather than widening it


def _section_found(run: dict[str, Any]) -> str:
    """«Раздел «Наставничество» найден», as the run's source names the section."""
    words = SectionWords.of(run)
    return XLSX_TEXT["sections_found"].format(section=words.capital, found=words.forms.found)


def _summary(results: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """The run as key–value pairs: the same figures the справка and the dashboard print."""
    run, counts = results["run"], results["run"]["counts"]
    period = run.get("period") or {}
    rows: list[list[Any]] = [
        [XLSX_TEXT["municipality"], _text(run["municipality"])],
        [XLSX_TEXT["audit_date"], _date(run["audit_date"])],
        [XLSX_TEXT["period_from"], _date(period.get("from"))],
        [XLSX_TEXT["period_to"], _date(period.get("to"))],
        [XLSX_TEXT["organisations"], counts["organisations"]],
        [XLSX_TEXT["sites_checked"], counts["sites_checked"]],
        [_section_found(run), counts["sections_found"]],
        [XLSX_TEXT["documents"], counts["documents"]],
    ]
    rows += [[LEVEL_LABELS[level].capitalize(), count] for level, count in counts["levels"].items()]
    return [XLSX_TEXT["figure"], XLSX_TEXT["value"]], rows


def _criteria(results: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    rows = [
        [
            f"{row.number}. {row.title}",
            row.severity_label,
            row.passed,
            row.failed,
            row.not_checked,
            None if row.share is None else round(row.share, 1),
        ]
        for row in criterion_rows(results)
    ]
    return list(XLSX_TEXT["criteria_columns"]), rows


def _matrix(results: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    rules = criterion_rows(results)
    header = list(XLSX_TEXT["matrix_columns"]) + [f"{row.number}. {row.title}" for row in rules]
    header += list(XLSX_TEXT["matrix_tail"])
    rows = []
    for org in results["organisations"]:
        outcomes = {item["rule_id"]: item["outcome"] for item in org["results"]}
        rows.append(
            [
                _text(display_name(org)),
                _text(org["site_url"]),
                SITE_STATUS_LABELS.get(org["site"]["status"], org["site"]["status"]),
                "да" if org["section"]["found"] else "нет",
            ]
            + [OUTCOME_MARKS[outcomes.get(r.rule_id, "not_checked")] for r in rules]
            + [
                None if org["score"] is None else round(org["score"], 1),
                level_label(results, org),
                _date(org["checked_in"]["audit_date"]),
            ]
        )
    return header, rows


def _documents(results: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    rows = []
    for org in results["organisations"]:
        for doc in org["documents"]:
            rows.append(
                [
                    _text(display_name(org)),
                    _text(doc["url"]),
                    _text(doc_title(doc)),
                    KIND_LABELS.get(doc["kind"], doc["kind"]),
                    AUDIENCE_LABELS.get(doc["audience"], doc["audience"]),
                    _date(doc["date"]),
                    _text(doc["number"]),
                    FETCH_OUTCOME_LABELS.get(doc["fetch_status"], doc["fetch_status"]),
                    None if doc["confidence"] is None else round(100 * doc["confidence"], 1),
                ]
            )
    return list(XLSX_TEXT["documents_columns"]), rows


def _findings(results: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    rules = {rule["rule_id"]: rule for rule in results["rules"]}
    numbers = {row.rule_id: row.number for row in criterion_rows(results)}
    rows = []
    for org in results["organisations"]:
        for item in org["results"]:
            if item["outcome"] in ("pass", "not_applicable"):
                continue
            rule = rules[item["rule_id"]]
            rows.append(
                [
                    _text(display_name(org)),
                    f"{numbers[rule['rule_id']]}. {clean_text(rule['title'])}",
                    SEVERITY_LABELS[rule["severity"]],
                    OUTCOME_LABELS[item["outcome"]],
                    clean_text(rule["recommendation"]) if item["outcome"] == "fail" else "",
                    _text(" ".join(item["evidence"])),
                    _text(item["note"]),
                ]
            )
    return list(XLSX_TEXT["findings_columns"]), rows


def write_xlsx(results: dict[str, Any], path: Path) -> Path:
    """Write the workbook; outcome cells of the matrix are coloured."""
    book = Workbook()
    book.remove(book.active)
    _sheet(book, SUMMARY_SHEET, *_summary(results), table=False)
    for title, build in (
        (CRITERIA_SHEET, _criteria),
        (MATRIX_SHEET, _matrix),
        (DOCUMENTS_SHEET, _documents),
        (FINDINGS_SHEET, _findings),
    ):
        _sheet(book, title, *build(results))
    marks = {mark: outcome for outcome, mark in OUTCOME_MARKS.items()}
    for row in book[MATRIX_SHEET].iter_rows(min_row=2):
        for cell in row:
            if cell.value in marks:
                cell.fill = OUTCOME_FILLS[marks[cell.value]]
                cell.alignment = Alignment(horizontal="center")
    temporary = path.with_name(path.name + ".tmp")
    book.save(temporary)
    temporary.replace(path)
    return path
