"""Tables of a document: rows flattened into " | " text lines, headers and column roles."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from crawler.extract.result import Table

from . import table_vocab as v
from .morph import LemmaText

__all__ = ["HeaderMap", "Table", "document_tables", "header_rows", "tables_from_text"]


def tables_from_text(text: str) -> tuple[Table, ...]:
    """Tables written as text lines whose cells are joined by " | " (how our extractors flatten
    DOCX/XLSX/ODT tables and how .txt corpus files store them): consecutive such lines = one table.

    A short line or two between rows (a merged section row that lost its separators) stays in
    the table as a one-cell row, so a section heading does not cut a plan in two.
    """
    tables: list[Table] = []
    rows: list[tuple[str, ...]] = []
    pending: list[str] = []
    for raw in _rejoin_wrapped_rows(text or "").split("\n"):
        line = raw.strip()
        if v.ROW_LINE.search(line):
            rows.extend((bridge,) for bridge in pending)
            pending = []
            rows.append(_cells(line))
        elif (
            rows and line and len(pending) < v.MAX_BRIDGE_LINES and len(line) <= v.MAX_BRIDGE_CHARS
        ):
            pending.append(line)
        else:
            if rows:
                tables.append(tuple(rows))
            rows, pending = [], []
    if rows:
        tables.append(tuple(rows))
    return tuple(tables)


BLANK_LINES = re.compile(r"\n[ \t]*\n")


def _rejoin_wrapped_rows(text: str) -> str:
    """The text with each row a scan or a PDF wrapped over several lines put back on one line.

    Such a table prints a row as a block between blank lines whose lines break inside cells
    («1 | Иванова Анна | МБОУ … | методика» / «преподавания математики | …»): their counts of
    cells differ. Runs of two or more row blocks, one of them wrapped, become one table with a
    line per row; a block whose lines all have the same cells is rows already, left as it is.
    """
    blocks = BLANK_LINES.split(text)
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 2 and any(_wrapped(block) for block in run):
            out.append("\n".join(_one_line(block) if _wrapped(block) else block for block in run))
        else:
            out.extend(run)
        run.clear()

    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        if lines and v.ROW_LINE.search(lines[0].strip()):
            run.append(block)
            continue
        flush()
        out.append(block)
    flush()
    return "\n\n".join(out)


def _wrapped(block: str) -> bool:
    """Whether a block's lines are one row broken inside its cells, not rows of their own."""
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    counts = {len(_cells(line)) if v.ROW_LINE.search(line) else 1 for line in lines}
    return len(lines) > 1 and len(counts) > 1


def _one_line(block: str) -> str:
    return " ".join(line.strip() for line in block.split("\n") if line.strip())


def document_tables(text: str, tables: tuple[Table, ...]) -> tuple[Table, ...]:
    """Structured tables when the extractor gave them (PDF via pdfplumber, DOCX), else
    tables_from_text(text)."""
    structured = tuple(
        cleaned for cleaned in (_clean_table(table) for table in tables or ()) if cleaned
    )
    return structured or tables_from_text(text)


@dataclass(frozen=True)
class HeaderMap:
    """Which column holds which role, read from a header row; `cells` is that row, cleaned."""

    roles: dict[str, int]
    cells: tuple[str, ...]


def header_rows(
    tables: Sequence[Table],
    vocabulary: tuple[tuple[str, str], ...],
    required: tuple[str, ...],
    any_of: tuple[str, ...] = (),
) -> Iterator[tuple[HeaderMap, tuple[str, ...]]]:
    """Data rows of every table whose header has the `required` roles (and one of `any_of`),
    each with the header that maps it.

    A table without a header continues the previous one when it has as many columns (a table
    split across pages); a repeated header row inside a table is skipped and re-read.
    """
    carried: HeaderMap | None = None
    for table in tables:
        header, start = _find_header(table, vocabulary, required, any_of)
        if header is None:
            width = max((len(row) for row in table), default=0)
            if carried is None or width != len(carried.cells):
                carried = None
                continue
            header, start = carried, 0
        carried = header
        for row in table[start:]:
            if _is_meaningless(row):
                continue
            repeated = _read_header(row, vocabulary, required, any_of, strict=True)
            if repeated is not None or _same_cells(row, header.cells):
                header = carried = repeated or header
                continue
            yield header, row


def cell(row: Sequence[str], index: int | None) -> str:
    """The cleaned text of one cell, empty when the row is shorter."""
    if index is None or index >= len(row):
        return ""
    return " ".join(str(row[index] or "").split())


def is_ordinal(text: str) -> bool:
    """Whether a cell holds only a row number («1», «1.2.», «IV»)."""
    return bool(v.ORDINAL_CELL.match(text))


def content_cells(row: Sequence[str]) -> list[str]:
    """The non-empty cells of a row that are more than a row number."""
    cells = (" ".join(str(value or "").split()) for value in row)
    return [text for text in cells if text and not is_ordinal(text)]


def _find_header(table, vocabulary, required, any_of) -> tuple[HeaderMap | None, int]:
    for index, row in enumerate(table[: v.HEADER_ROWS]):
        header = _read_header(row, vocabulary, required, any_of, strict=False)
        if header is not None:
            return header, index + 1
    return None, 0


def _read_header(row, vocabulary, required, any_of, *, strict: bool) -> HeaderMap | None:
    """The header a row declares, or None; `strict` wants every cell to be a known header."""
    cells = tuple(cell(row, index) for index in range(len(row)))
    if any(is_ordinal(text) for text in cells):
        return None  # a numbered row is data, not a header
    if len(cells) > 1 and sum(1 for text in cells if text) < 2:
        return None  # one cell across a wide table is its title («База наставников МБОУ …»)
    best: dict[str, tuple[int, int]] = {}
    unknown = 0
    for index, text in enumerate(cells):
        found = _cell_role(text, vocabulary)
        if found is None:
            if text and not v.NUMBER_HEADER.match(text):
                if strict:
                    return None
                unknown += 1
            continue
        role, rank = found
        if role not in best or rank < best[role][0]:
            best[role] = (rank, index)
    if unknown > sum(1 for text in cells if text) / 2:
        return None  # most cells say nothing a header says: a data row that names a cue
    roles = {role: index for role, (_, index) in best.items()}
    if not all(role in roles for role in required):
        return None
    if any_of and not any(role in roles for role in any_of):
        return None
    return HeaderMap(roles=roles, cells=cells)


def _cell_role(text: str, vocabulary: tuple[tuple[str, str], ...]) -> tuple[str, int] | None:
    """The role of a header cell: the cue found earliest in it, then the longest, then first."""
    if not text:
        return None
    lemmas = LemmaText(text)
    if not lemmas.tokens or len(lemmas.tokens) > v.MAX_HEADER_WORDS:
        return None
    best = None
    for rank, (phrase, role) in enumerate(vocabulary):
        spans = lemmas.find(phrase, limit=1)
        if not spans:
            continue
        start, end = spans[0]
        key = (start, -end, rank)
        if best is None or key < best[0]:
            best = (key, role, rank)
    return (best[1], best[2]) if best else None


def _is_meaningless(row: Sequence[str]) -> bool:
    """Rows of column numbers («1 | 2 | 3») or blanks carry nothing."""
    return not content_cells(row)


def _same_cells(row: Sequence[str], cells: tuple[str, ...]) -> bool:
    return tuple(cell(row, index).lower() for index in range(len(row))) == tuple(
        text.lower() for text in cells
    )


def _cells(line: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in v.CELL_SPLIT.split(line))


def _clean_table(table) -> Table:
    """Cells as plain strings (pdfplumber gives None for merged cells), empty rows dropped."""
    rows = []
    for row in table or ():
        cells = tuple(" ".join(str(value).split()) if value is not None else "" for value in row)
        if any(cells):
            rows.append(cells)
    return tuple(rows)
