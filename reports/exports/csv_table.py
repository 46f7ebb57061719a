"""The run as a flat table for Excel: one row per organisation and rule."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ..context import clean_text, level_label
from ..messages import OUTCOME_LABELS
from ..russian import SectionWords, decimal

COLUMNS = (
    "org_id",
    "Образовательная организация",
    "Краткое наименование",
    "Сайт",
    "Состояние сайта",
    "{section}",  # the section as the run's source names it: «Раздел «Наставничество»»
    "rule_id",
    "Критерий",
    "Учитывается в оценке",
    "Результат",
    "outcome",
    "Подтверждение",
    "Примечание",
    "Итоговый балл, %",
    "Уровень",
    "level",
)
# A cell starting with one of these is a formula to Excel: text from sites must never run.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    text = clean_text(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_header(results: dict[str, Any]) -> list[str]:
    """The columns' titles; the section's is the run's source's own name for it."""
    section = SectionWords.of(results["run"]).capital
    return [title.format(section=section) for title in COLUMNS]


def csv_rows(results: dict[str, Any]) -> list[list[str]]:
    """The export's rows without the header, in organisation then profile order."""
    rules = {rule["rule_id"]: rule for rule in results["rules"]}
    rows = []
    for org in results["organisations"]:
        for item in org["results"]:
            rule = rules[item["rule_id"]]
            rows.append(
                [
                    _cell(org["org_id"]),
                    _cell(org["name"]),
                    _cell(org["short_name"]),
                    _cell(org["site_url"]),
                    _cell(org["site"]["status"]),
                    _cell(org["section"]["url"]),
                    _cell(rule["rule_id"]),
                    _cell(rule["title"]),
                    "да" if rule["counted"] else "нет",
                    OUTCOME_LABELS[item["outcome"]],
                    item["outcome"],
                    _cell(" ".join(item["evidence"])),
                    _cell(item["note"]),
                    "" if org["score"] is None else decimal(org["score"]),
                    level_label(results, org),
                    org["level"],
                ]
            )
    return rows


def write_csv(results: dict[str, Any], path: Path) -> Path:
    """Write the export as UTF-8 with a BOM and «;» separators, as Russian Excel expects."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(csv_header(results))
        writer.writerows(csv_rows(results))
    return path
