"""Registry of organisations (CSV or XLSX): read, validate, refuse with row-level Russian errors."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from openpyxl import load_workbook

from audit_rules.org_types import ORG_TYPES, org_type
from cmn_audit import messages as msg
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
# Excel's own hint line above a CSV's first row: «sep=;».
SEP_LINE_RE = re.compile(r"^\ufeff?sep=(.)[ \t]*\r?$")
# Rows a title may take above the header row (a registry's name, its date, a blank line).
HEADER_SEARCH_ROWS = 10
# A host written without a scheme, as Excel and people write it: «sch2.edu.ru», «www.x.ru/».
_HOST_RE = re.compile(r"^(?:[\w-]+\.)+[\w-]+$")
ASSUMED_SCHEME = "http://"  # a site on https redirects from http; an http-only one has no https
# Letters of Serbian and Macedonian and signs no Russian registry holds, which a file in
# another encoding (DOS cp866, KOI8-R, UTF-8 with one broken byte) shows when read as
# Windows-1251: such a file is refused, not loaded with garbled names.
_NOT_RUSSIAN = frozenset("ЂЃѓЉЊЌЋЏђљњќћџЈјЅѕ†‡€‰‹›™¤¦µ¶")
NOTE_LINES_SHOWN = 10
TITLE_SHOWN = 80  # characters of a skipped title row quoted in the note


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


@dataclass(frozen=True)
class Registry:
    """The organisations of a registry, and what was assumed reading it (Russian notes)."""

    organisations: tuple[Organisation, ...]
    notes: tuple[str, ...] = ()


def load_registry(path: Path) -> tuple[Organisation, ...]:
    """Read a registry; refuse the whole file if any row is broken, naming every problem."""
    return read_registry(path).organisations


def read_registry(path: Path) -> Registry:
    """Read a registry as Russian Excel writes it, saying in `notes` what was assumed.

    A cp1251 CSV, title rows above the header row and addresses without a scheme are
    accepted with a note; a broken row, a file in another encoding or a missing column
    refuses the whole file.
    """
    if not path.is_file():
        raise UserError(msg.REGISTRY_NOT_FOUND.format(path=path))
    suffix = path.suffix.lower()
    notes: list[str] = []
    if suffix == ".csv":
        rows = _read_csv(path, notes)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _read_xlsx(path)
    else:
        raise UserError(msg.REGISTRY_UNSUPPORTED.format(name=path.name))
    organisations = _validate(path, rows, notes)
    return Registry(organisations, tuple(notes))


def _read_csv(path: Path, notes: list[str]) -> list[tuple[int, list[str]]]:
    text = _decode(path, path.read_bytes(), notes)
    if not text.strip():
        raise UserError(msg.REGISTRY_EMPTY.format(name=path.name))
    delimiter, skipped = _delimiter(text)
    # Excel's quoting ("" inside a quoted cell is one quote) with the delimiter the header
    # row uses: the sniffer's other guesses (no doubled quotes) misread names like «""СОШ № 1""».
    reader = csv.reader(io.StringIO(text), csv.excel, delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            if reader.line_num > skipped and any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as error:
        limit = csv.field_size_limit()
        reason = (
            msg.REGISTRY_CELL_TOO_LONG.format(limit=limit)
            if "field larger than field limit" in str(error)
            else msg.REGISTRY_NOT_CSV.format(error=error)
        )
        raise UserError(
            msg.REGISTRY_LINE_PROBLEM.format(name=path.name, line=reader.line_num, reason=reason)
        ) from error
    return rows


def _decode(path: Path, raw: bytes, notes: list[str]) -> str:
    """UTF-8 (with or without BOM), else Windows-1251 with a note; any other encoding is
    refused with the line where it shows."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1  # where the file stops being UTF-8
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError:
        raise UserError(
            msg.REGISTRY_ENCODING_REFUSED.format(name=path.name, line=line, sample="")
        ) from None
    foreign = [char for char in text if char in _NOT_RUSSIAN]
    non_ascii = sum(1 for char in text if ord(char) > 127)
    if len(foreign) >= 3 and len(foreign) * 50 > non_ascii:  # over 2 % of the letters
        sample = msg.REGISTRY_ENCODING_SAMPLE.format(chars="".join(dict.fromkeys(foreign))[:6])
        raise UserError(
            msg.REGISTRY_ENCODING_REFUSED.format(name=path.name, line=line, sample=sample)
        )
    notes.append(msg.REGISTRY_NOTE_CP1251.format(name=path.name))
    return text


def _delimiter(text: str) -> tuple[str, int]:
    """The delimiter of the header row: comma, semicolon (Russian Excel) or tab; and how many
    lines Excel's «sep=;» hint takes above it (0 or 1).

    The header row may sit below a title, so each delimiter is tried on the file's first
    rows and the one that reads the most column titles wins; a file where none reads any
    keeps the guess from its first line.
    """
    first_line = text.split("\n", 1)[0]
    if hint := SEP_LINE_RE.match(first_line):
        return hint.group(1), 1
    best, best_count = None, 0
    for delimiter in CSV_DELIMITERS:
        count = max((len(_columns(cells)) for _, cells in _first_rows(text, delimiter)), default=0)
        if count > best_count:
            best, best_count = delimiter, count
    if best is not None:
        return best, 0
    try:
        return csv.Sniffer().sniff(first_line, delimiters=CSV_DELIMITERS).delimiter, 0
    except csv.Error:
        return ",", 0


def _first_rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """The first non-empty rows where a header row may be, read with `delimiter`."""
    reader = csv.reader(io.StringIO(text), csv.excel, delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
                if len(rows) == HEADER_SEARCH_ROWS:
                    break
    except csv.Error:
        pass  # the reading proper names the line
    return rows


def _read_xlsx(path: Path) -> list[tuple[int, list[str]]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise UserError(msg.REGISTRY_NOT_A_BOOK.format(name=path.name, error=error)) from error
    sheet = workbook.worksheets[0]
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = ["" if value is None else str(value).strip() for value in values]
        if any(cells):
            rows.append((number, cells))
    workbook.close()
    if not rows:
        raise UserError(msg.REGISTRY_EMPTY.format(name=path.name))
    return rows


def _columns(header: list[str]) -> dict[str, int]:
    """The registry's columns a row names as titles: key → position."""
    by_alias = {alias: column.key for column in COLUMNS for alias in column.aliases}
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = by_alias.get(" ".join(cell.split()).lower())
        if key and key not in positions:
            positions[key] = index
    return positions


def _missing(positions: dict[str, int]) -> list[str]:
    return [column.title for column in COLUMNS if column.required and column.key not in positions]


def _header(path: Path, rows: list[tuple[int, list[str]]]) -> tuple[int, dict[str, int]]:
    """The header row's index among `rows` and its columns: the first of the file's first
    rows naming every required column; rows above it are a title."""
    searched = rows[:HEADER_SEARCH_ROWS]
    found = [(index, _columns(cells)) for index, (_, cells) in enumerate(searched)]
    for index, positions in found:
        if not _missing(positions):
            return index, positions
    index, positions = max(found, key=lambda item: len(item[1]))
    if not positions:
        required = ", ".join(column.title for column in COLUMNS if column.required)
        raise UserError(
            msg.REGISTRY_HEADER_NOT_FOUND.format(
                name=path.name, rows=len(searched), required=required
            )
        )
    where = (
        msg.REGISTRY_HEADER_FIRST_ROW
        if index == 0
        else msg.REGISTRY_HEADER_ROW.format(line=rows[index][0])
    )
    missing = ", ".join(_missing(positions))
    raise UserError(
        msg.REGISTRY_HEADER_MISSING.format(name=path.name, where=where, missing=missing)
    )


def _is_numbering(cells: list[str]) -> bool:
    """A row of column numbers under the header («1», «2», «3»…), as official forms have."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    return len(filled) > 2 and filled == [str(number) for number in range(1, len(filled) + 1)]


def _validate(
    path: Path, rows: list[tuple[int, list[str]]], notes: list[str]
) -> tuple[Organisation, ...]:
    if not rows:
        raise UserError(msg.REGISTRY_EMPTY.format(name=path.name))
    header_index, positions = _header(path, rows)
    header_line = rows[header_index][0]
    if titles := rows[:header_index]:
        notes.append(_title_note(path, header_line, titles))
    body = rows[header_index + 1 :]
    if body and _is_numbering(body[0][1]):
        notes.append(msg.REGISTRY_NOTE_NUMBERING_ROW.format(name=path.name, line=body[0][0]))
        body = body[1:]
    if not body:
        raise UserError(msg.REGISTRY_NO_BODY.format(name=path.name))
    problems: list[str] = []
    assumed: list[str] = []
    untyped: list[str] = []  # rows whose type no rule can tell (audit_rules/org_types.py)
    seen: dict[str, int] = {}
    organisations = []
    for line, cells in body:
        values = {key: (cells[i].strip() if i < len(cells) else "") for key, i in positions.items()}
        for key in ("site_url", "section_hint"):
            written = values.get(key) or ""
            if written and (with_scheme := _with_scheme(written)):
                values[key] = with_scheme
                column = next(column.title for column in COLUMNS if column.key == key)
                assumed.append(
                    msg.REGISTRY_NOTE_SCHEME_LINE.format(
                        line=line, column=column, written=written, assumed=with_scheme
                    )
                )
        row_problems = _row_problems(values)
        org_id = values["id"]
        if org_id and org_id in seen:
            row_problems.append(
                msg.REGISTRY_DUPLICATE_CODE.format(org_id=org_id, line=seen[org_id])
            )
        seen.setdefault(org_id, line)
        problems += [
            msg.REGISTRY_ROW_PROBLEM.format(line=line, problem=problem) for problem in row_problems
        ]
        if not row_problems:
            values["section_hint"] = values.get("section_hint") or None
            organisations.append(Organisation(**values))
            if org_type(values["kind"], values["name"]) is None:
                untyped.append(msg.REGISTRY_NOTE_TYPE_LINE.format(line=line, kind=values["kind"]))
    if problems:
        raise UserError(
            msg.REGISTRY_REFUSED.format(name=path.name)
            + "\n  "
            + _listed(problems, MAX_REPORTED_PROBLEMS)
        )
    if assumed:
        notes.append(msg.REGISTRY_NOTE_SCHEMES.format(name=path.name) + "\n  " + _listed(assumed))
    if untyped:
        notes.append(msg.REGISTRY_NOTE_TYPES.format(name=path.name) + "\n  " + _listed(untyped))
    return tuple(organisations)


def _listed(items: list[str], shown: int = NOTE_LINES_SHOWN) -> str:
    """Items one a line, the first `shown` of them and how many more."""
    lines = items[:shown]
    if len(items) > shown:
        lines.append(msg.REGISTRY_NOTE_MORE.format(count=len(items) - shown))
    return "\n  ".join(lines)


def _title_note(path: Path, header_line: int, titles: list[tuple[int, list[str]]]) -> str:
    """Which rows above the header were skipped as the table's title, quoted."""
    quoted = []
    for _, cells in titles:
        text = " ".join(" ".join(cell.split()) for cell in cells if cell.strip())
        if len(text) > TITLE_SHOWN:
            text = text[: TITLE_SHOWN - 1].rstrip() + "…"
        quoted.append(f"«{text}»")
    lines = [line for line, _ in titles]
    one = len(lines) == 1
    rows = (
        msg.REGISTRY_ONE_ROW.format(line=lines[0])
        if one
        else msg.REGISTRY_ROWS.format(lines=", ".join(map(str, lines)))
    )
    return msg.REGISTRY_NOTE_TITLE_ROWS.format(
        name=path.name,
        line=header_line,
        rows=rows,
        plural=msg.REGISTRY_PLURAL["one" if one else "many"],
        titles="; ".join(quoted),
    )


def _with_scheme(value: str) -> str | None:
    """`value` with http:// when it is a site's address written without a scheme
    («sch2.edu.ru», «www.sch2.edu.ru/»); None when it has a scheme or is no address."""
    if "://" in value or "@" in value or any(char.isspace() for char in value):
        return None
    candidate = ASSUMED_SCHEME + value
    try:
        parts = urlsplit(candidate)
        parts.port  # noqa: B018 - raises ValueError on a port that is no number
    except ValueError:
        return None
    if not parts.hostname or not _HOST_RE.match(parts.hostname):
        return None
    return candidate if parts.path else candidate + "/"


def _row_problems(values: dict[str, str]) -> list[str]:
    problems = [
        msg.REGISTRY_COLUMN_EMPTY.format(title=column.title)
        for column in COLUMNS
        if column.required and column.key != "email" and not values.get(column.key)
    ]
    site = values.get("site_url", "")
    if site and not _is_site_url(site):
        problems.append(msg.REGISTRY_BAD_SITE.format(value=site))
    hint = values.get("section_hint") or ""
    if hint and not _is_site_url(hint):
        problems.append(msg.REGISTRY_BAD_HINT.format(value=hint))
    email = values.get("email", "")
    if email and not EMAIL_RE.match(email):
        problems.append(msg.REGISTRY_BAD_EMAIL.format(value=email))
    return problems


def _is_site_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in value


def registry_columns_markdown() -> str:
    """The column table of docs/registry.md, generated from COLUMNS."""
    lines = [msg.REGISTRY_DOC_HEADER, "|---|---|---|---|"]
    for column in COLUMNS:
        aliases = ", ".join(
            a for a in column.aliases if a not in (column.key, column.title.lower())
        )
        required = msg.REGISTRY_DOC_REQUIRED[column.required]
        lines.append(f"| {column.title} | `{column.key}` | {required} | {aliases or '—'} |")
    return "\n".join(lines)


def registry_types_markdown() -> str:
    """The types table of docs/registry.md, generated from audit_rules.org_types.ORG_TYPES."""
    lines = [msg.REGISTRY_TYPES_HEADER, "|---|---|"]
    for kind in ORG_TYPES:
        written = ", ".join(f"«{example}»" for example in kind.examples)
        lines.append(f"| {kind.label} | {written} |")
    return "\n".join(lines)
