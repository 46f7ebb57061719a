"""What a run's outputs are signed with, frozen when they are first written.

The centre's letterhead, the справка's requisites and each school's letter number, date and
deadline are part of the run: re-rendering it later (`cmn-audit report --run …`) prints them
as they were sent, whatever the workspace config says today.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import duckdb

from .letter.meta import LetterMeta
from .model import Letterhead, ReferenceSettings


@dataclass(frozen=True)
class RunRequisites:
    """The letterhead, the справка's requisites and the letters of one run."""

    letterhead: Letterhead
    reference: ReferenceSettings
    letters: Mapping[str, LetterMeta]  # org_id → number, date, deadline


def _letterhead(values: Mapping[str, Any]) -> Letterhead:
    known = {field.name for field in dataclasses.fields(Letterhead)}
    return Letterhead(**{key: str(value) for key, value in values.items() if key in known})


def _reference(values: Mapping[str, Any]) -> ReferenceSettings:
    known = {field.name for field in dataclasses.fields(ReferenceSettings)}
    return ReferenceSettings(**{key: str(value) for key, value in values.items() if key in known})


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def load_requisites(con: duckdb.DuckDBPyConnection, run_id: str) -> RunRequisites | None:
    """The run's frozen requisites, or None for a run whose outputs were never written."""
    row = con.execute("SELECT requisites FROM runs WHERE run_id = ?", [run_id]).fetchone()
    if row is None or row[0] is None:
        return None
    stored = json.loads(row[0]) if isinstance(row[0], str) else row[0]
    letters = {}
    for org_id, number, day, deadline, rows in con.execute(
        "SELECT org_id, number, letter_date, deadline, row_deadlines FROM run_letters "
        "WHERE run_id = ?",
        [run_id],
    ).fetchall():
        per_rule = json.loads(rows) if isinstance(rows, str) else rows or []
        letters[org_id] = LetterMeta(
            number=number,
            date=day,
            deadline=deadline,
            row_deadlines=tuple((rule_id, _day(when)) for rule_id, when in per_rule),
        )
    return RunRequisites(
        letterhead=_letterhead(stored.get("centre", {})),
        reference=_reference(stored.get("reference", {})),
        letters=letters,
    )


def freeze_requisites(
    con: duckdb.DuckDBPyConnection, run_id: str, requisites: RunRequisites
) -> None:
    """Store the requisites of a run (and the letters not stored yet); never changes a letter."""
    stored = {
        "centre": dataclasses.asdict(requisites.letterhead),
        "reference": dataclasses.asdict(requisites.reference),
    }
    con.execute(
        "UPDATE runs SET requisites = ? WHERE run_id = ?",
        [json.dumps(stored, ensure_ascii=False), run_id],
    )
    known = {
        row[0]
        for row in con.execute(
            "SELECT org_id FROM run_letters WHERE run_id = ?", [run_id]
        ).fetchall()
    }
    rows = [
        [
            run_id,
            org_id,
            meta.number,
            meta.date,
            meta.deadline,
            json.dumps([[rule, day.isoformat()] for rule, day in meta.row_deadlines]),
            meta.sequence,
        ]
        for org_id, meta in requisites.letters.items()
        if org_id not in known
    ]
    if rows:
        con.executemany(
            "INSERT INTO run_letters (run_id, org_id, number, letter_date, deadline,"
            " row_deadlines, sequence) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def next_letter_number(con: duckdb.DuckDBPyConnection, run_id: str, first_number: int) -> int:
    """The first number a run's letters take: the configured one, or past the last letter
    the workspace's earlier runs issued — a reply after a re-check never repeats «Исх. № 1»."""
    row = con.execute(
        "SELECT max(sequence) FROM run_letters WHERE run_id <> ?", [run_id]
    ).fetchone()
    issued = row[0] if row and row[0] is not None else 0
    return max(first_number, issued + 1)
