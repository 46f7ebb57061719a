"""The run as an Excel workbook: summary, schools × criteria, documents, findings.

Built from the results document alone, like every report, so its figures equal results.json.
Text from sites is written as text (never as a formula) and every sheet has a frozen,
filterable header.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from crawler.understand.vocabulary import AUDIENCE_LABELS, KIND_LABELS

from .context import clean_text, display_name
from .csv_export import FORMULA_PREFIXES
from .messages import (
    FETCH_OUTCOME_LABELS,
    LEVEL_LABELS,
    OUTCOME_LABELS,
    OUTCOME_MARKS,
    SEVERITY_LABELS,
    SITE_STATUS_LABELS,
)
from .reference_context import criterion_rows

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
OUTCOME_FILLS = {
    "pass": PatternFill("solid", fgColor="D8F0D8"),
    "fail": PatternFill("solid", fgColor="F6D5D5"),
    "not_checked": PatternFill("solid", fgColor="EEEEEE"),
}
MAX_COLUMN_WIDTH = 60


def _text(value: Any) -> str:
    """Site text as a plain string Excel will not evaluate."""
    text = clean_text(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _sheet(book: Workbook, title: str, header: list[str], rows: list[list[Any]]) -> Worksheet:
    """A sheet with a bold frozen header, filters and column widths fitted to the text."""
    sheet = book.create_sheet(title)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2" if title == MATRIX_SHEET else "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(sheet.columns, start=1):
        longest = max((len(str(cell.value or "")) for cell in column), default=0)
        sheet.column_dimensions[get_column_letter(index)].width = min(
            max(longest + 2, 8), MAX_COLUMN_WIDTH
        )
    return sheet


SUMMARY_SHEET = "Сводка"
MATRIX_SHEET = "Школы и критерии"
DOCUMENTS_SHEET = "Документы"
FINDINGS_SHEET = "Замечания"


def _summary(results: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    run = results["run"]
    rows: list[list[Any]] = [
        ["Запуск", run["run_id"], "", "", "", ""],
        ["Дата проверки", run["audit_date"], "", "", "", ""],
        ["Профиль правил", f"{run['profile']['id']} ({run['profile']['version']})", "", "", "", ""],
        ["Организаций", run["counts"]["organisations"], "", "", "", ""],
        ["Разделов найдено", run["counts"]["sections_found"], "", "", "", ""],
        ["Документов", run["counts"]["documents"], "", "", "", ""],
    ]
    for row in criterion_rows(results):
        share = None if row.share is None else round(row.share, 1)
        rows.append(
            [
                f"{row.rule_id}. {row.title}",
                row.severity_label,
                row.passed,
                row.failed,
                row.not_checked,
                share,
            ]
        )
    header = [
        "Показатель / критерий",
        "Значение / обязательность",
        "Выполнено",
        "Не выполнено",
        "Не проверено",
        "Доля выполнивших, %",
    ]
    return header, rows


def _matrix(results: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    rules = results["rules"]
    header = ["Организация", "Сайт", "Раздел найден"] + [r["rule_id"] for r in rules]
    header += ["Балл, %", "Уровень"]
    rows = []
    for org in results["organisations"]:
        outcomes = {item["rule_id"]: item["outcome"] for item in org["results"]}
        rows.append(
            [
                _text(display_name(org)),
                SITE_STATUS_LABELS.get(org["site"]["status"], org["site"]["status"]),
                "да" if org["section"]["found"] else "нет",
            ]
            + [OUTCOME_MARKS[outcomes.get(r["rule_id"], "not_checked")] for r in rules]
            + [org["score"], LEVEL_LABELS[org["level"]]]
        )
    return header, rows


def _documents(results: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    header = [
        "Организация",
        "Адрес документа",
        "Текст ссылки",
        "Вид",
        "Адресат",
        "Дата",
        "Номер",
        "Загрузка",
        "Уверенность",
    ]
    rows = []
    for org in results["organisations"]:
        for doc in org["documents"]:
            rows.append(
                [
                    _text(display_name(org)),
                    _text(doc["url"]),
                    _text(doc["link_text"]),
                    KIND_LABELS.get(doc["kind"], doc["kind"]),
                    AUDIENCE_LABELS.get(doc["audience"], doc["audience"]),
                    doc["date"] or "",
                    _text(doc["number"]),
                    FETCH_OUTCOME_LABELS.get(doc["fetch_status"], doc["fetch_status"]),
                    doc["confidence"],
                ]
            )
    return header, rows


def _findings(results: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    rules = {rule["rule_id"]: rule for rule in results["rules"]}
    header = [
        "Организация",
        "Критерий",
        "Обязательность",
        "Результат",
        "Рекомендация",
        "Подтверждение",
        "Примечание",
    ]
    rows = []
    for org in results["organisations"]:
        for item in org["results"]:
            if item["outcome"] == "pass":
                continue
            rule = rules[item["rule_id"]]
            rows.append(
                [
                    _text(display_name(org)),
                    f"{rule['rule_id']}. {clean_text(rule['title'])}",
                    SEVERITY_LABELS[rule["severity"]],
                    OUTCOME_LABELS[item["outcome"]],
                    clean_text(rule["recommendation"]) if item["outcome"] == "fail" else "",
                    _text(" ".join(item["evidence"])),
                    _text(item["note"]),
                ]
            )
    return header, rows


def write_xlsx(results: dict[str, Any], path: Path) -> Path:
    """Write the four-sheet workbook; outcome cells of the matrix are coloured."""
    book = Workbook()
    book.remove(book.active)
    for title, build in (
        (SUMMARY_SHEET, _summary),
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
