"""How many mentors and mentor–mentee pairs a mentor base lists, from its table or its prose."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from . import table_vocab as v
from .morph import LemmaText
from .signer import person_names
from .tables import Table, cell, content_cells, document_tables, header_rows


@dataclass(frozen=True)
class MentorCounts:
    mentors: int | None  # distinct mentors (by normalised name), None when unknown
    pairs: (
        int | None
    )  # mentor–mentee pairs (rows with both a mentor and a mentee), None when unknown
    source: str  # "table" | "text" | "none"
    # Which columns of the form «База наставников» the base's table has (codes of
    # table_vocab.BASE_FORM_COLUMNS); None when the base is no table that could be read.
    columns: tuple[str, ...] | None = field(default=None, compare=False)


def mentor_counts(text: str, tables: tuple[Table, ...] = ()) -> MentorCounts:
    """Mentors and pairs of a mentor base, so a report can say how large the programme is.

    The table wins: distinct mentors by name, one pair per mentee named in a row that has a
    mentor (a mentor cell left empty under a vertical merge keeps the mentor above); a base
    listing only mentors gives pairs=None. Without such a table, counts stated in the text.
    """
    mentors: set[str] = set()
    pairs = 0
    has_mentees = found_table = False
    previous_mentor = ""
    columns: tuple[str, ...] | None = None
    for header, row in header_rows(document_tables(text, tables), v.MENTOR_HEADERS, (v.MENTOR,)):
        found_table = True
        columns = columns if columns is not None else form_columns(header.cells)
        mentor_cell = cell(row, header.roles[v.MENTOR])
        mentee_index = header.roles.get(v.MENTEE)
        mentee_cell = cell(row, mentee_index)
        has_mentees = has_mentees or mentee_index is not None
        if not mentor_cell and mentee_cell:
            mentor_cell = previous_mentor
        if not mentor_cell or (len(content_cells(row)) < 2 and not person_names(mentor_cell)):
            continue  # a section row such as «Форма «учитель – ученик»»
        previous_mentor = mentor_cell
        mentors.add(_mentor_key(mentor_cell))
        if mentee_cell:
            pairs += _mentee_count(mentee_cell)
    if found_table and mentors:
        return MentorCounts(len(mentors), pairs if has_mentees else None, "table", columns)
    counted = _from_text(text)
    return replace(counted, columns=columns or _header_in_lines(text))


def _header_in_lines(text: str) -> tuple[str, ...] | None:
    """The form's columns a base names as lines of text above its first numbered row: a scan
    read by OCR keeps the header's words but not its cells. None unless two columns are named."""
    first = v.FIRST_DATA_ROW.search(text)
    if first is None:
        return None
    head = " ".join(text[: first.start()].split())
    starts = [match.start() for match in v.BASE_HEADER_CELL_START.finditer(head)]
    cells = tuple(head[a:b] for a, b in zip(starts, [*starts[1:], len(head)], strict=True))
    columns = form_columns(cells)
    return columns if len(columns) >= 2 else None


OTHER_THAN_NAME = "место работа|компетенция|достижение"  # a column about a person, not his name


def form_columns(cells: tuple[str, ...]) -> tuple[str, ...]:
    """The form's columns a header row has, in the form's order. «Основные компетенции
    наставника» names no mentor's name; a place of work is the mentee's when it names him."""
    found: set[str] = set()
    for text in cells:
        lemmas = LemmaText(text)
        other = lemmas.find(OTHER_THAN_NAME, limit=1)
        for code, _, phrase in v.BASE_FORM_COLUMNS:
            if not lemmas.find(phrase, limit=1) or (code.endswith("_name") and other):
                continue
            if code.endswith("workplace"):
                mentee = lemmas.find("наставлять", limit=1)
                code = "mentee_workplace" if mentee else "mentor_workplace"
            found.add(code)
    return tuple(code for code, _, _ in v.BASE_FORM_COLUMNS if code in found)


def _mentor_key(text: str) -> str:
    """A mentor's name folded for counting: «Иванова Анна Петровна» = «Иванова А.П.»."""
    names = person_names(text)
    if names:
        return names[0].key
    return " ".join(text.lower().replace("ё", "е").split())


def _mentee_count(text: str) -> int:
    """Names in a mentee cell («Иванов И., Петров П.» is two); at least one when not empty."""
    names = person_names(text)
    if names:
        return len(names)
    parts = [part for part in v.LIST_SEPARATOR.split(text) if part.strip()]
    named = [part for part in parts if part.strip()[:1].isupper() and not _has_digit(part)]
    return max(1, len(named))


def _has_digit(text: str) -> bool:
    return any(char.isdigit() for char in text)


def _from_text(text: str) -> MentorCounts:
    mentors = _first_number(text, v.MENTOR_COUNT_TEXT)
    pairs = _first_number(text, v.PAIR_COUNT_TEXT)
    if mentors is None and pairs is None:
        return MentorCounts(None, None, "none")
    return MentorCounts(mentors, pairs, "text")


def _first_number(text: str, patterns) -> int | None:
    """The number of the earliest match of any pattern."""
    found = [
        (match.start(), int(match.group(1)))
        for pattern in patterns
        for match in pattern.finditer(text or "")
    ]
    return min(found)[1] if found else None
