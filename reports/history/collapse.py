"""A run whose results collapse against the previous check of the same schools.

Sites reached, sections found and documents are compared school by school with each school's
latest earlier verdict. A figure that falls to half or less, and by at least two, is a drop:
more often the check failed (moved sites, a network outage) than the schools got worse, so the
run says so everywhere and its letters wait for a methodologist's confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from ..messages import COLLAPSE_FIGURES, COLLAPSE_TEXT
from ..russian import date_short
from .runs import comparable_runs, school_results, state_sources

FIGURES = tuple(COLLAPSE_FIGURES)  # sites_checked, sections_found, documents
DROP_TO_SHARE = 0.5  # the figure falls to this share of the previous one or below…
DROP_AT_LEAST = 2  # …and by at least this much


@dataclass(frozen=True)
class Drop:
    """One figure of the schools a run checked, before (their latest earlier verdicts) and now."""

    figure: str  # one of FIGURES
    before: int
    after: int

    def record(self) -> dict[str, object]:
        return {"figure": self.figure, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class Collapse:
    """The drops of a run against the previous check of its schools; empty when none fell."""

    previous_run_id: str
    previous_date: str  # ДД.ММ.ГГГГ of the previous check
    drops: tuple[Drop, ...]

    def sentence(self) -> str:
        """«По сравнению с предыдущей проверкой … резко уменьшилось: число … — с 21 до 0.»"""
        items = COLLAPSE_TEXT["join"].join(
            COLLAPSE_TEXT["item"].format(
                figure=COLLAPSE_FIGURES[drop.figure], before=drop.before, after=drop.after
            )
            for drop in self.drops
        )
        return COLLAPSE_TEXT["lead"].format(date=self.previous_date, items=items)


def _figure(results, figure: str) -> int:
    if figure == "sites_checked":
        return sum(school.site_checked for school in results)
    if figure == "sections_found":
        return sum(school.site_checked and school.section_found for school in results)
    return sum(school.documents for school in results)


def find_collapse(con: duckdb.DuckDBPyConnection, run_id: str) -> Collapse | None:
    """The figures that collapsed in `run_id`, or None when nothing fell (or nothing to compare)."""
    runs = comparable_runs(con, run_id)
    if len(runs) < 2:
        return None
    checked = [
        row[0]
        for row in con.execute(
            "SELECT org_id FROM organisations WHERE run_id = ?", [run_id]
        ).fetchall()
    ]
    before_sources = state_sources(con, runs[-2])
    common = [org_id for org_id in checked if org_id in before_sources]
    if not common:
        return None
    before = school_results(con, {org_id: before_sources[org_id] for org_id in common})
    after = school_results(con, dict.fromkeys(common, run_id))
    drops = []
    for figure in FIGURES:
        was, now = _figure(before.values(), figure), _figure(after.values(), figure)
        if was - now >= DROP_AT_LEAST and now <= was * DROP_TO_SHARE:
            drops.append(Drop(figure, was, now))
    if not drops:
        return None
    dates = [school.audit_date for school in before.values() if school.audit_date]
    return Collapse(runs[-2], date_short(max(dates)) if dates else "", tuple(drops))
