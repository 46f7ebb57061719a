"""Outgoing number, date and deadline of each school's letter, decided once for the whole run.

The letter, its e-mail subject and results.json all print the same values, so they are worked
out here once. Numbers follow the registry's order: organisations are stored in the order the
registry lists them, and a re-written report gives every school the same number again.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import duckdb

from ..model import LetterSettings
from ..russian import date_short

NUMBER_FIELD = "number"


@dataclass(frozen=True)
class LetterMeta:
    """The requisites of one letter and the deadline it names."""

    number: str
    date: dt.date
    deadline: dt.date | None  # the one date «в срок до …» names; None with row deadlines
    # Per missing criterion, when the profile's deadlines differ between them.
    row_deadlines: tuple[tuple[str, dt.date], ...] = ()
    sequence: int | None = None  # the number's place in the centre's journal of outgoing letters

    @property
    def date_text(self) -> str:
        return date_short(self.date)

    def record(self) -> dict[str, Any]:
        """What results.json keeps of the letter (organisation → `letter`)."""
        latest = self.deadline or max((day for _, day in self.row_deadlines), default=None)
        return {
            "number": self.number,
            "date": self.date.isoformat(),
            "deadline": latest.isoformat() if latest else None,
        }


def number_format_problem(number_format: str) -> str | None:
    """Why an outgoing-number pattern cannot be used (Russian), or None when it can."""
    try:
        parsed = string.Formatter().parse(number_format)
        names = [name for _, name, _, _ in parsed if name is not None]
    except ValueError:
        return "непарная фигурная скобка; поле номера пишется как {number}"
    if names != [NUMBER_FIELD]:
        return (
            "шаблон должен содержать поле {number} ровно один раз, "
            "других полей в фигурных скобках быть не должно"
        )
    try:
        number_format.format(number=1)
    except (ValueError, KeyError, IndexError):
        return "неверное оформление поля {number} (например, допустимо {number} или {number:03d})"
    return None


def outgoing_number(number_format: str, number: int) -> str:
    """«01-33/5» from the pattern "01-33/{number}" and 5."""
    return number_format.format(number=number)


def registry_order(con: duckdb.DuckDBPyConnection, run_id: str) -> list[str]:
    """Organisation ids in the order the registry listed them (the order they were stored)."""
    rows = con.execute(
        "SELECT org_id FROM organisations WHERE run_id = ? ORDER BY rowid", [run_id]
    ).fetchall()
    return [row[0] for row in rows]


def profile_deadlines(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, dt.date]:
    """The deadline each rule's source document sets, where it sets one."""
    rows = con.execute(
        "SELECT rule_id, deadline FROM run_rules WHERE run_id = ? AND deadline IS NOT NULL",
        [run_id],
    ).fetchall()
    return {rule_id: deadline for rule_id, deadline in rows}


def letter_deadline(
    failed_rules: Iterable[str],
    configured: dt.date | None,
    rule_deadlines: Mapping[str, dt.date],
    letter_date: dt.date,
) -> tuple[dt.date | None, tuple[tuple[str, dt.date], ...]]:
    """The letter's deadline, or per-criterion deadlines when the profile's ones differ.

    The workspace's [audit] deadline wins. Otherwise a rule's own deadline counts only if it is
    still ahead on the letter's date: a source's 2022 deadline means nothing in a 2026 letter.
    """
    if configured is not None:
        return configured, ()
    failed = list(failed_rules)
    rows = tuple(
        (rule_id, rule_deadlines[rule_id])
        for rule_id in failed
        if rule_id in rule_deadlines and rule_deadlines[rule_id] >= letter_date
    )
    dates = {day for _, day in rows}
    if len(dates) == 1 and len(rows) == len(failed):
        return dates.pop(), ()
    return None, rows


def _counted_failures(results: dict[str, Any], org: dict[str, Any]) -> list[str]:
    counted = {rule["rule_id"] for rule in results["rules"] if rule["counted"]}
    if org["site"]["status"] != "ok":
        return []
    return [
        item["rule_id"]
        for item in org["results"]
        if item["rule_id"] in counted and item["outcome"] == "fail"
    ]


def unnumbered(
    results: dict[str, Any], org: dict[str, Any], deadline: dt.date | None = None
) -> LetterMeta:
    """Requisites of a letter written on its own: no number, dated on the run."""
    audit_date = dt.date.fromisoformat(results["run"]["audit_date"])
    chosen, rows = letter_deadline(_counted_failures(results, org), deadline, {}, audit_date)
    return LetterMeta(number="", date=audit_date, deadline=chosen, row_deadlines=rows)


def plan_letters(
    results: dict[str, Any],
    settings: LetterSettings,
    *,
    order: list[str] | None = None,
    configured_deadline: dt.date | None = None,
    rule_deadlines: Mapping[str, dt.date] | None = None,
) -> dict[str, LetterMeta]:
    """Number, date and deadline of every organisation's letter, keyed by org id."""
    audit_date = dt.date.fromisoformat(results["run"]["audit_date"])
    letter_date = settings.letter_date or audit_date
    by_id = {org["org_id"]: org for org in results["organisations"]}
    ordered = [org_id for org_id in order or () if org_id in by_id]
    ordered += [org_id for org_id in by_id if org_id not in ordered]
    plans = {}
    for position, org_id in enumerate(ordered):
        deadline, rows = letter_deadline(
            _counted_failures(results, by_id[org_id]),
            configured_deadline,
            rule_deadlines or {},
            letter_date,
        )
        plans[org_id] = LetterMeta(
            number=outgoing_number(settings.number_format, settings.first_number + position),
            date=letter_date,
            deadline=deadline,
            row_deadlines=rows,
            sequence=settings.first_number + position,
        )
    return plans
