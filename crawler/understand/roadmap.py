"""Events of a roadmap or plan read from its table: what is to be done, by when, by whom."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from . import table_vocab as v
from .dates import find_dates
from .morph import WORD, lemma
from .normalize import BLANK_BETWEEN_DIGITS, BLANKS
from .tables import Table, cell, content_cells, document_tables, header_rows


@dataclass(frozen=True)
class RoadmapEvent:
    title: str  # what is to be done
    due: str | None  # the term as written («сентябрь 2023», «до 01.10.2023», «в течение года»)
    due_date: datetime.date | None  # a date the term gives, else the end of a named month
    responsible: str | None


def roadmap_events(text: str, tables: tuple[Table, ...] = ()) -> tuple[RoadmapEvent, ...]:
    """Events of a roadmap/plan from its table, so rules can check that a plan has dated,
    assigned events; empty when no table has an event column and a term or responsible one.

    Section rows (one meaningful cell) and repeated header rows are skipped; a leading
    «№ п/п» column is ignored.
    """
    events: list[RoadmapEvent] = []
    rows = header_rows(
        document_tables(text, tables), v.ROADMAP_HEADERS, (v.ROADMAP_EVENT,), v.ROADMAP_DETAILS
    )
    for header, row in rows:
        if len(content_cells(row)) < 2:
            continue
        title = v.TITLE_NUMBER.sub("", cell(row, header.roles[v.ROADMAP_EVENT])).strip()
        if not title:
            continue
        due = cell(row, header.roles.get("term")) or None
        responsible = cell(row, header.roles.get("responsible")) or None
        events.append(RoadmapEvent(title, due, due_date(due) if due else None, responsible))
    return tuple(events)


def due_date(term: str) -> datetime.date | None:
    """The deadline a term gives: its last written date («с 01.09 по 15.09.2023» → the 15th),
    else the last day of its last named month with a year («сентябрь–октябрь 2023» → 31.10)."""
    cleaned = BLANKS.sub(" ", BLANK_BETWEEN_DIGITS.sub(".", term))
    dates = find_dates(cleaned)
    if dates:
        return dates[-1][0]
    months = [
        (v.MONTH_LEMMAS[lemma(match.group())], match.start())
        for match in WORD.finditer(cleaned)
        if lemma(match.group()) in v.MONTH_LEMMAS
    ]
    if not months:
        return None
    month, position = months[-1]
    years = [(int(match.group()), match.start()) for match in v.YEAR.finditer(cleaned)]
    after = [year for year, start in years if start > position]
    before = [year for year, start in years if start < position]
    year = after[0] if after else (before[-1] if before else None)
    if year is None:
        return None
    return datetime.date(year, month, calendar.monthrange(year, month)[1])
