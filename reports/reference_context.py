"""Context of the analytic reference: per-criterion tallies, the school matrix, conclusions."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from .charts import Chart, draw_charts
from .context import (
    Link,
    RunInfo,
    clean_text,
    display_name,
    evidence_labels,
    evidence_links,
    make_link,
    run_info,
    site_checked,
)
from .findings import due_events, event_name, override_text
from .messages import (
    LEVEL_LABELS,
    OUTCOME_LABELS,
    OUTCOME_MARKS,
    REFERENCE_TEXT,
    SEVERITY_LABELS,
    site_problem_phrase,
)
from .model import Letterhead
from .reference_history import (
    CriteriaTrend,
    FollowUpSection,
    TrendRow,
    criteria_trend,
    follow_up_section,
    trend_rows,
)
from .reference_text import conclusions, recommendations
from .results import LEVELS
from .russian import date_short, organisations, percent, share

# The reference's sections in print order; "trend" and "follow_up" only after earlier runs.
OUTLINE = (
    "basis",
    "method",
    "criteria",
    "schools",
    "trend",
    "follow_up",
    "conclusions",
    "recommendations",
)
OPTIONAL_SECTIONS = ("trend", "follow_up")


@dataclass(frozen=True)
class Source:
    """A document the run's rules rest on, cited in the reference's basis."""

    source_id: str
    title: str


@dataclass(frozen=True)
class CriterionRow:
    """One criterion with how many schools met it, failed it, or could not be checked."""

    number: int
    rule_id: str
    title: str
    section: str
    severity_label: str
    counted: bool
    passed: int
    failed: int
    not_checked: int
    checked: int
    share: float | None
    share_text: str


@dataclass(frozen=True)
class Cell:
    """One school × criterion outcome with the links that back it."""

    outcome: str
    mark: str
    label: str
    links: tuple[Link, ...]
    note: str
    decision: str = ""  # «решение методиста: …» when a methodologist set the outcome


@dataclass(frozen=True)
class SchoolRow:
    """One school's line in the matrix and in the list of schools audited."""

    number: int
    org_id: str
    name: str
    full_name: str
    site: Link
    site_checked: bool
    site_status_text: str
    section: Link | None
    cells: tuple[Cell, ...]
    score_text: str
    level: str
    level_label: str


@dataclass(frozen=True)
class LevelRow:
    """How many schools reached a level, and their share of all the schools audited."""

    level: str
    label: str
    count: int
    share: float | None
    share_text: str


@dataclass(frozen=True)
class EventCoverageRow:
    """One school's roadmap events already due, and how many its news reported."""

    number: int
    org_id: str
    name: str
    covered: int
    total: int
    uncovered: str  # the events not reported, as the letter names them


@dataclass(frozen=True)
class ReferenceContext:
    """Everything the reference's HTML, DOCX and PDF print, computed once."""

    text: ClassVar[dict[str, Any]] = REFERENCE_TEXT

    letterhead: Letterhead
    run: RunInfo
    sources: tuple[Source, ...]
    criteria: tuple[CriterionRow, ...]
    sections: tuple[tuple[str, tuple[CriterionRow, ...]], ...]
    schools: tuple[SchoolRow, ...]
    schools_phrase: str
    conclusions: tuple[str, ...]
    recommendations: tuple[str, ...]
    deadline_text: str
    levels: tuple[LevelRow, ...] = ()
    trend: tuple[TrendRow, ...] = ()  # results["history"]; printed when it has two runs or more
    criteria_trend: CriteriaTrend | None = None  # each criterion over the same runs
    follow_up: FollowUpSection | None = None  # results["follow_up"]: the earlier letters' findings
    decisions: tuple[str, ...] = ()  # outcomes a methodologist set, with the reason
    events: tuple[EventCoverageRow, ...] = ()  # roadmap events against news, per school
    charts: tuple[Chart, ...] = ()

    @property
    def outline(self) -> tuple[tuple[str, str], ...]:
        """(key, numbered heading) of every section printed."""
        keys = [key for key in OUTLINE if key not in OPTIONAL_SECTIONS or getattr(self, key)]
        return tuple(
            (key, f"{number}. {REFERENCE_TEXT[key]}") for number, key in enumerate(keys, 1)
        )

    def heading(self, key: str) -> str:
        """The numbered heading of a section, «3. Результаты по критериям»."""
        return dict(self.outline)[key]

    def section_number(self, key: str) -> str:
        """The number of a section, for cross-references in the text."""
        return self.heading(key).split(".", 1)[0]

    @property
    def object_text(self) -> str:
        return REFERENCE_TEXT["object"].format(schools=self.schools_phrase)

    @property
    def method_rule_text(self) -> str:
        return REFERENCE_TEXT["method_rule"].format(matrix_section=self.section_number("schools"))

    @property
    def matrix_note(self) -> str:
        note = REFERENCE_TEXT["matrix_note"].format(
            criteria_section=self.section_number("criteria")
        )
        return f"{note} {REFERENCE_TEXT['decision_note']}" if self.decisions else note

    def chart(self, key: str) -> Chart | None:
        """The drawn chart `key`, or None when there was nothing to draw."""
        return next((chart for chart in self.charts if chart.key == key), None)


def _sources(rules: list[dict[str, Any]]) -> tuple[Source, ...]:
    seen: dict[str, Source] = {}
    for rule in rules:
        source = rule["source"]
        seen.setdefault(source["id"], Source(source["id"], clean_text(source["title"])))
    return tuple(seen.values())


def criterion_rows(results: dict[str, Any]) -> tuple[CriterionRow, ...]:
    """Per rule: schools passing, failing and not checked; share of passes among the checked."""
    tally = Counter(
        (item["rule_id"], item["outcome"])
        for org in results["organisations"]
        for item in org["results"]
    )
    rows = []
    for number, rule in enumerate(results["rules"], start=1):
        passed, failed = tally[rule["rule_id"], "pass"], tally[rule["rule_id"], "fail"]
        ratio = share(passed, passed + failed)
        rows.append(
            CriterionRow(
                number=number,
                rule_id=rule["rule_id"],
                title=clean_text(rule["title"]),
                section=clean_text(rule["section"]),
                severity_label=SEVERITY_LABELS.get(rule["severity"], rule["severity"]),
                counted=rule["counted"],
                passed=passed,
                failed=failed,
                not_checked=tally[rule["rule_id"], "not_checked"],
                checked=passed + failed,
                share=ratio,
                share_text=percent(ratio),
            )
        )
    return tuple(rows)


def _sections(rows: tuple[CriterionRow, ...]) -> tuple[tuple[str, tuple[CriterionRow, ...]], ...]:
    order: dict[str, list[CriterionRow]] = {}
    for row in rows:
        order.setdefault(row.section, []).append(row)
    return tuple((name, tuple(items)) for name, items in order.items())


def _school(number: int, org: dict[str, Any]) -> SchoolRow:
    labels = evidence_labels(org)
    cells = tuple(
        Cell(
            outcome=item["outcome"],
            mark=OUTCOME_MARKS[item["outcome"]],
            label=OUTCOME_LABELS[item["outcome"]],
            links=evidence_links(item["evidence"], labels),
            note=override_text(item) or clean_text(item["note"]),
            decision=override_text(item),
        )
        for item in org["results"]
    )
    section = org["section"]
    checked = site_checked(org)
    if not checked:
        status = site_problem_phrase(org)
    elif section["found"]:
        status = "раздел найден"
    else:
        status = "раздел не найден"
    return SchoolRow(
        number=number,
        org_id=org["org_id"],
        name=display_name(org),
        full_name=clean_text(org["name"]),
        site=make_link(org["site_url"]),
        site_checked=checked,
        site_status_text=status,
        section=make_link(section["url"], section["title"]) if section["url"] else None,
        cells=cells,
        score_text=percent(org["score"]),
        level=org["level"],
        level_label=LEVEL_LABELS[org["level"]],
    )


def level_rows(results: dict[str, Any]) -> tuple[LevelRow, ...]:
    """Schools per level, in the order of the levels, with their share of all schools."""
    counts = Counter(org["level"] for org in results["organisations"])
    total = len(results["organisations"])
    return tuple(
        LevelRow(
            level=level,
            label=LEVEL_LABELS[level],
            count=counts[level],
            share=share(counts[level], total),
            share_text=percent(share(counts[level], total)),
        )
        for level in LEVELS
    )


def _decisions(results: dict[str, Any]) -> tuple[str, ...]:
    """Every outcome a methodologist set (cmn-audit override), with the reason given."""
    return tuple(
        REFERENCE_TEXT["decision_item"].format(
            school=display_name(org),
            number=number,
            outcome=OUTCOME_LABELS[item["outcome"]],
            reason=clean_text(item["override_reason"]),
        )
        for org in results["organisations"]
        for number, item in enumerate(org["results"], start=1)
        if item.get("overridden")
    )


def build_reference_context(
    results: dict[str, Any],
    letterhead: Letterhead,
    deadline: dt.date | None = None,
) -> ReferenceContext:
    """The analytic reference's content, every figure from the results document.

    The trend and the follow-up come from results["history"] and results["follow_up"].
    """
    criteria = criterion_rows(results)
    schools = tuple(
        _school(number, org) for number, org in enumerate(results["organisations"], start=1)
    )
    trend = trend_rows(results)
    by_criterion = criteria_trend(results, criteria)
    follow_up = follow_up_section(results, criteria)
    context = ReferenceContext(
        letterhead=letterhead,
        run=run_info(results),
        sources=_sources(results["rules"]),
        criteria=criteria,
        sections=_sections(criteria),
        schools=schools,
        schools_phrase=organisations(len(schools), "gen"),
        conclusions=conclusions(results, criteria, trend, by_criterion, follow_up),
        recommendations=recommendations(results, criteria, deadline),
        deadline_text=date_short(deadline),
        levels=level_rows(results),
        trend=trend,
        criteria_trend=by_criterion,
        follow_up=follow_up,
        decisions=_decisions(results),
        events=event_rows(results),
    )
    return replace(context, charts=draw_charts(context))


def event_rows(results: dict[str, Any]) -> tuple[EventCoverageRow, ...]:
    """Per school with a roadmap whose events have come due: events reported in its news."""
    audit_date = run_info(results).audit_date
    rows = []
    for number, org in enumerate(results["organisations"], start=1):
        covered, uncovered = [], []
        for document in org["documents"]:
            if document["kind"] == "roadmap":
                reported, missed = due_events(document, audit_date)
                covered += reported
                uncovered += missed
        if covered or uncovered:
            names = "; ".join(event_name(event) for event in uncovered)
            total = len(covered) + len(uncovered)
            rows.append(
                EventCoverageRow(
                    number, org["org_id"], display_name(org), len(covered), total, names
                )
            )
    return tuple(rows)
