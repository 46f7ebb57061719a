"""What day a run speaks of: today, or an earlier monitoring re-created (`run --on`).

A centre re-creates the April 2022 monitoring by dating a run «18.04.2022–25.04.2022»: the
rules in force then are applied, a roadmap's expiry is read as of the period's last day, and a
document or news item dated after it is not counted — it was not on the site then. The sites
are still read today; the справка says both dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import duckdb

from cmn_audit import messages
from cmn_audit.messages import UserError

DAY = r"(\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})"
PERIOD = re.compile(rf"^\s*{DAY}\s*(?:(?:[-–—]|\.\.|по)\s*{DAY})?\s*$")


@dataclass(frozen=True)
class RunDating:
    """The dates a run is saved with: the day its rules are judged on, the first day of its
    monitoring period, and — for a run dated in the past — the day after which facts do not
    count."""

    audit_date: dt.date
    monitoring_from: dt.date | None = None
    facts_until: dt.date | None = None

    def columns(self) -> dict[str, dt.date | None]:
        """The run row's columns."""
        return {
            "audit_date": self.audit_date,
            "monitoring_from": self.monitoring_from,
            "facts_until": self.facts_until,
        }


def parse_period(text: str, read_on: dt.date) -> RunDating:
    """«25.04.2022», «18.04.2022–25.04.2022» or ISO days; the last day is the audit date.

    A period ending before `read_on` (the day the sites are read) is a run dated in the past;
    a period ending after it is refused: nothing can be known of a day to come.
    """
    match = PERIOD.match(text or "")
    if match is None:
        raise UserError(messages.PERIOD_UNREADABLE.format(text=text))
    start = _day(match.group(1), text)
    end = _day(match.group(2), text) if match.group(2) else start
    if start > end:
        raise UserError(messages.PERIOD_REVERSED.format(text=text))
    if end > read_on:
        raise UserError(messages.PERIOD_FUTURE.format(day=end, today=read_on))
    return RunDating(
        audit_date=end,
        monitoring_from=start if start != end else None,
        facts_until=end if end < read_on else None,
    )


def stored_dating(con: duckdb.DuckDBPyConnection, run_id: str) -> RunDating | None:
    """A saved run's dating, for a replay or a rescore that speaks of the same days."""
    row = con.execute(
        "SELECT audit_date, monitoring_from, facts_until FROM runs WHERE run_id = ?", [run_id]
    ).fetchone()
    return RunDating(*row) if row else None


def _day(value: str, text: str) -> dt.date:
    try:
        if "." in value:
            day, month, year = (int(part) for part in value.split("."))
            return dt.date(year, month, day)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(messages.PERIOD_UNREADABLE.format(text=text)) from None
