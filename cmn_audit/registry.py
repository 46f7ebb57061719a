"""Registry of organisations (CSV or XLSX): read, validate, refuse with row-level Russian errors."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from cmn_audit.messages import UserError


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # the Russian header written in templates and docs
    aliases: tuple[str, ...]
    required: bool


# Declared once: the loader, the docs (docs/registry.md) and the templates use this table.
COLUMNS: tuple[Column, ...] = (
    Column("id", "Код", ("id", "код", "код оо"), True),
    Column("name", "Полное наименование", ("name", "полное наименование", "наименование"), True),
    Column("short_name", "Краткое наименование", ("short_name", "краткое наименование"), True),
    Column("kind", "Тип", ("kind", "тип", "тип оо"), True),
    Column("site_url", "Сайт", ("site_url", "сайт", "адрес сайта"), True),
    Column("email", "Электронная почта", ("email", "e-mail", "электронная почта"), True),
    Column("head_name", "Руководитель", ("head_name", "руководитель", "фио руководителя"), True),
    Column("municipality", "Муниципалитет", ("municipality", "муниципалитет"), True),
    Column(
        "section_hint",
        "Адрес раздела (подсказка)",
        ("section_hint", "адрес раздела", "адрес раздела (подсказка)"),
        False,
    ),
)
MAX_REPORTED_PROBLEMS = 20
# One plain address: no list separators, brackets or quotes that a mail header would read.
_EMAIL_PART = r"[^@\s,;<>()\[\]\"\\]+"
EMAIL_RE = re.compile(rf"^{_EMAIL_PART}@{_EMAIL_PART}\.{_EMAIL_PART}$")
CSV_DELIMITERS = ",;\t"


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    short_name: str
    kind: str
    site_url: str
    email: str
    head_name: str
    municipality: str
    section_hint: str | None = None


def load_registry(path: Path) -> tuple[Organisation, ...]:
    """Read a registry; refuse the whole file if any row is broken, naming every problem."""
    if not path.is_file():
        raise UserError(f"Файл реестра не найден: {path}")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _read_csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _read_xlsx(path)
    else:
        raise UserError(f"Реестр {path.name}: поддерживаются файлы .csv и .xlsx.")
    return _validate(path, rows)


def _read_csv(path: Path) -> list[tuple[int, list[str]]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise UserError(
            f"Реестр {path.name}, строка {line}: файл не в кодировке UTF-8. "
            "В Excel сохраните его как «CSV UTF-8 (разделитель — запятая)» или в формате .xlsx."
        ) from error
    if not text.strip():
        raise UserError(f"Реестр {path.name} пуст.")
    # Excel's quoting ("" inside a quoted cell is one quote) with the delimiter the header
    # uses: the sniffer's other guesses (no doubled quotes) misread names like «""СОШ № 1""».
    reader = csv.reader(io.StringIO(text), csv.excel, delimiter=_delimiter(text))
    rows = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as error:
        limit = csv.field_size_limit()
        reason = (
            f"ячейка длиннее {limit} символов — похоже, в файле не закрыта кавычка "
            "или это не реестр"
            if "field larger than field limit" in str(error)
            else f"строка не читается как CSV ({error})"
        )
        raise UserError(f"Реестр {path.name}, строка {reader.line_num}: {reason}.") from error
    return rows


def _delimiter(text: str) -> str:
    """The delimiter of the header line: comma, semicolon (Russian Excel) or tab."""
    try:
        return csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        return ","


def _read_xlsx(path: Path) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise UserError(f"Реестр {path.name} не открывается как книга Excel: {error}") from error
    sheet = workbook.worksheets[0]
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = ["" if value is None else str(value).strip() for value in values]
        if any(cells):
            rows.append((number, cells))
    workbook.close()
    if not rows:
        raise UserError(f"Реестр {path.name} пуст.")
    return rows


def _header_map(path: Path, header: list[str]) -> dict[str, int]:
    by_alias = {alias: column.key for column in COLUMNS for alias in column.aliases}
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = by_alias.get(cell.strip().lower())
        if key and key not in positions:
            positions[key] = index
    missing = [
        column.title for column in COLUMNS if column.required and column.key not in positions
    ]
    if missing:
        raise UserError(
            f"Реестр {path.name}: в первой строке нет столбцов: {', '.join(missing)}. "
            "Описание столбцов: docs/registry.md."
        )
    return positions


def _validate(path: Path, rows: list[tuple[int, list[str]]]) -> tuple[Organisation, ...]:
    (_, header), *body = rows
    positions = _header_map(path, header)
    if not body:
        raise UserError(f"Реестр {path.name}: кроме заголовка нет ни одной организации.")
    problems: list[str] = []
    seen: dict[str, int] = {}
    organisations = []
    for line, cells in body:
        values = {key: (cells[i].strip() if i < len(cells) else "") for key, i in positions.items()}
        row_problems = _row_problems(values)
        org_id = values["id"]
        if org_id and org_id in seen:
            row_problems.append(f"код «{org_id}» уже встречался в строке {seen[org_id]}")
        seen.setdefault(org_id, line)
        problems += [f"строка {line}: {problem}" for problem in row_problems]
        if not row_problems:
            values["section_hint"] = values.get("section_hint") or None
            organisations.append(Organisation(**values))
    if problems:
        shown = problems[:MAX_REPORTED_PROBLEMS]
        more = len(problems) - len(shown)
        tail = f"\n  … и ещё {more}" if more else ""
        raise UserError(
            f"Реестр {path.name} не принят, проверка не запускалась:\n  "
            + "\n  ".join(shown)
            + tail
        )
    return tuple(organisations)


def _row_problems(values: dict[str, str]) -> list[str]:
    problems = [
        f"не заполнен столбец «{column.title}»"
        for column in COLUMNS
        if column.required and column.key != "email" and not values.get(column.key)
    ]
    site = values.get("site_url", "")
    if site and not _is_site_url(site):
        problems.append(f"адрес сайта «{site}» не похож на адрес http(s)://…")
    hint = values.get("section_hint") or ""
    if hint and not _is_site_url(hint):
        problems.append(f"адрес раздела «{hint}» не похож на адрес http(s)://…")
    email = values.get("email", "")
    if email and not EMAIL_RE.match(email):
        problems.append(f"адрес электронной почты «{email}» указан с ошибкой")
    return problems


def _is_site_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in value


def registry_columns_markdown() -> str:
    """The column table of docs/registry.md, generated from COLUMNS."""
    lines = ["| Столбец | Ключ | Обязательный | Другие допустимые заголовки |", "|---|---|---|---|"]
    for column in COLUMNS:
        aliases = ", ".join(
            a for a in column.aliases if a not in (column.key, column.title.lower())
        )
        required = "да" if column.required else "нет"
        lines.append(f"| {column.title} | `{column.key}` | {required} | {aliases or '—'} |")
    return "\n".join(lines)
