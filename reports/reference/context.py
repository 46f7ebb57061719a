"""Context of the analytic reference: per-criterion tallies, the school matrix, conclusions."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from ..context import (
    Link,
    RunInfo,
    clean_text,
    display_name,
    evidence_labels,
    evidence_links,
    level_label,
    make_link,
    run_info,
    site_checked,
)
from ..findings import due_events, event_name, override_text, slips
from ..history.runs import LEVELS
from ..messages import (
    COLLAPSE_TEXT,
    LEVEL_LABELS,
    OUTCOME_LABELS,
    OUTCOME_MARKS,
    REFERENCE_TEXT,
    SEVERITY_LABELS,
    SEVERITY_POLICY_TEXT,
    site_problem_phrase,
)
from ..model import Letterhead, ReferenceSettings, is_placeholder
from ..russian import (
    SectionWords,
    date_long,
    date_short,
    decimal,
    join_names,
    organisations,
    percent,
    share,
)
from .charts import Chart, draw_charts
from .history import (
    CriteriaTrend,
    FollowUpSection,
    TrendRow,
    criteria_trend,
    follow_up_section,
    trend_rows,
)
from .text import conclusions, recommendations

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
    mark: str = ""  # «(рекомендуемый, не учитывается в оценке)» for a criterion not scored


@dataclass(frozen=True)
class EvidenceEntry:
    """One school's materials for one criterion, numbered as over its mark in the matrix."""

    criterion: int
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Requisites:
    """The справка's own requisites and the facts of the monitoring, worded for print."""

    facts: tuple[tuple[str, str], ...]  # (label, value): date and number, period, who checked
    basis: str  # «Основание проведения мониторинга: …»
    purpose: str  # «Цель мониторинга: …»
    sources: str  # the documents the criteria come from
    thresholds: str  # the levels' score thresholds in words
    partial_note: str = ""  # a partial run: which schools were re-checked when


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
class RemarkRow:
    """One kind of slip found inside the schools' documents, and the schools that have it."""

    number: int
    title: str  # crawler.understand.checks.CHECKS: «Срок дорожной карты истёк к дате проверки»
    schools: int
    documents: int
    names: str


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
    remarks: tuple[RemarkRow, ...] = ()  # slips inside the documents, summed over the schools
    charts: tuple[Chart, ...] = ()
    requisites: Requisites | None = None
    collapse: tuple[str, ...] = ()  # the run collapsed: what fell, why it may, what was held

    @property
    def appendix(self) -> tuple[tuple[SchoolRow, tuple[EvidenceEntry, ...]], ...]:
        """Per school, its materials criterion by criterion: the matrix's digits on paper."""
        shown = []
        for school in self.schools:
            entries = tuple(
                EvidenceEntry(number, cell.links)
                for number, cell in enumerate(school.cells, start=1)
                if cell.links
            )
            if entries:
                shown.append((school, entries))
        return tuple(shown)

    @property
    def appendix_lead(self) -> str:
        return REFERENCE_TEXT["appendix_lead"].format(
            criteria_section=self.section_number("criteria"),
            matrix_section=self.section_number("schools"),
        )

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
        return REFERENCE_TEXT["object"].format(
            schools=self.schools_phrase, section=self.run.section.nom
        )

    @property
    def dated_note(self) -> str:
        """A run dated in the past (`run --on`) says so: the day of its results and the day
        the sites were read."""
        if self.run.facts_until is None:
            return ""
        return REFERENCE_TEXT["dated_in_past"].format(
            day=date_long(self.run.facts_until), read=date_long(self.run.read_on)
        )

    @property
    def method_text(self) -> str:
        return REFERENCE_TEXT["method_text"].format(acc=self.run.section.acc)

    @property
    def schools_columns(self) -> tuple[str, ...]:
        return tuple(
            title.format(section=self.run.section.capital)
            for title in REFERENCE_TEXT["schools_columns"]
        )

    @property
    def method_rule_text(self) -> str:
        return REFERENCE_TEXT["method_rule"].format(
            matrix_section=self.section_number("schools"), policy=SEVERITY_POLICY_TEXT
        )

    @property
    def matrix_note(self) -> str:
        note = REFERENCE_TEXT["matrix_note"].format(
            criteria_section=self.section_number("criteria"), appendix=REFERENCE_TEXT["appendix"]
        )
        if any(cell.outcome == "not_applicable" for row in self.schools for cell in row.cells):
            note = f"{note} {REFERENCE_TEXT['not_applicable_note']}"
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
                mark=severity_mark(rule),
            )
        )
    return tuple(rows)


def severity_mark(rule: dict[str, Any]) -> str:
    """How the справка and the dashboard mark a criterion the score leaves out: by its basis
    (one the centre's practice expects, not the source), else by its severity; else empty."""
    if rule.get("basis") == "inferred":
        return REFERENCE_TEXT["inferred_mark"]
    if rule["counted"]:
        return ""
    return REFERENCE_TEXT["advised_mark" if rule["severity"] == "recommended" else "optional_mark"]


def _sections(rows: tuple[CriterionRow, ...]) -> tuple[tuple[str, tuple[CriterionRow, ...]], ...]:
    order: dict[str, list[CriterionRow]] = {}
    for row in rows:
        order.setdefault(row.section, []).append(row)
    return tuple((name, tuple(items)) for name, items in order.items())


def _school(
    number: int, org: dict[str, Any], section: SectionWords, results: dict[str, Any]
) -> SchoolRow:
    labels = evidence_labels(org, whole=True, section=section)  # the appendix names it whole
    cells = tuple(
        Cell(
            outcome=item["outcome"],
            mark=OUTCOME_MARKS[item["outcome"]],
            label=OUTCOME_LABELS[item["outcome"]],
            links=evidence_links(item["evidence"], labels, whole=True),
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
        level_label=level_label(results, org),
    )


def level_rows(results: dict[str, Any]) -> tuple[LevelRow, ...]:
    """Schools per level with their share of the schools whose materials could be checked:
    the run's one definition of a share (reports/history/runs.py), as `history` prints it."""
    counts = results["run"]["counts"]["levels"]
    checked = sum(counts.values()) - counts["not_checked"]
    rows = []
    for level in LEVELS:
        ratio = None if level == "not_checked" else share(counts[level], checked)
        rows.append(LevelRow(level, LEVEL_LABELS[level], counts[level], ratio, percent(ratio)))
    return tuple(rows)


def _period(results: dict[str, Any]) -> tuple[str, str]:
    """(label, value): «Дата проведения мониторинга», or «Сроки …: с … по …» over days."""
    period = results["run"].get("period") or {}
    start = dt.date.fromisoformat(period.get("from") or results["run"]["audit_date"])
    end = dt.date.fromisoformat(period.get("to") or results["run"]["audit_date"])
    if start == end:
        return REFERENCE_TEXT["period"], date_long(end)
    value = REFERENCE_TEXT["period_range"].format(start=date_short(start), end=date_short(end))
    return REFERENCE_TEXT["period_span"], value


def _thresholds(levels: list[dict[str, Any]]) -> str:
    """«соответствует» — 90 % и более, «частично соответствует» — от 50 % до 90 %, …"""
    ordered = sorted(levels, key=lambda level: -level["min_score"])
    parts = []
    for index, level in enumerate(ordered):
        low, high = decimal(level["min_score"]), decimal(ordered[index - 1]["min_score"])
        if index == 0:
            key = "threshold_from"
        elif level["min_score"] > 0:
            key = "threshold_between"
        else:
            key = "threshold_below"
        parts.append(REFERENCE_TEXT[key].format(label=level["label"], low=low, high=high))
    return REFERENCE_TEXT["thresholds"].format(levels="; ".join(parts)) if parts else ""


def _partial_note(results: dict[str, Any]) -> str:
    """A partial run's справка says which schools it re-checked and when the others were."""
    rechecked = set(results["run"].get("rechecked") or ())
    if not rechecked:
        return ""
    orgs = results["organisations"]
    names = [display_name(org) for org in orgs if org["org_id"] in rechecked]
    earlier = sorted(
        {org["checked_in"]["audit_date"] for org in orgs if org["org_id"] not in rechecked}
    )
    return REFERENCE_TEXT["partial_note"].format(
        rechecked=join_names(names),
        date=date_short(dt.date.fromisoformat(results["run"]["audit_date"])),
        earlier=", ".join(date_short(dt.date.fromisoformat(day)) for day in earlier),
    )


def requisites(results: dict[str, Any], settings: ReferenceSettings) -> Requisites:
    """The справка's requisites: its date and number, the period, basis, purpose, who checked."""
    text = REFERENCE_TEXT
    audit_date = dt.date.fromisoformat(results["run"]["audit_date"])
    number = clean_text(settings.number) or text["number_blank"]
    checked_by = clean_text(settings.checked_by) or text["checked_by_blank"]
    sources = "; ".join(source.title for source in _sources(results["rules"]))
    basis = clean_text(settings.basis)
    if not basis or (is_placeholder(basis) and sources):
        basis = basis or sources or text["number_blank"]
    return Requisites(
        facts=(
            (
                text["date_number"],
                text["date_number_value"].format(date=date_short(audit_date), number=number),
            ),
            _period(results),
            (text["checked_by"], checked_by),
        ),
        basis=text["basis_lead"].format(basis=basis.rstrip(".")),
        purpose=f"{text['purpose_label']}: {clean_text(settings.purpose) or text['purpose']}.",
        sources=text["criteria_sources"].format(sources=sources) if sources else "",
        thresholds=_thresholds(results.get("levels") or []),
        partial_note=_partial_note(results),
    )


def collapse_lines(results: dict[str, Any]) -> tuple[str, ...]:
    """What fell against the previous check and why it may have, and whether letters wait."""
    collapse = results["run"].get("collapse")
    if not collapse:
        return ()
    lines = [collapse["sentence"], COLLAPSE_TEXT["cause"]]
    if collapse["letters_held"]:
        lines.append(COLLAPSE_TEXT["held"].format(run_id=results["run"]["run_id"]))
    elif collapse["confirmed_at"]:
        day = dt.datetime.fromisoformat(collapse["confirmed_at"]).date()
        lines.append(COLLAPSE_TEXT["confirmed"].format(date=date_short(day)))
    return tuple(lines)


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
    settings: ReferenceSettings | None = None,
) -> ReferenceContext:
    """The analytic reference's content, every figure from the results document.

    The trend and the follow-up come from results["history"] and results["follow_up"].
    """
    criteria = criterion_rows(results)
    schools = tuple(
        _school(number, org, SectionWords.of(results["run"]), results)
        for number, org in enumerate(results["organisations"], start=1)
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
        remarks=remark_rows(results),
        requisites=requisites(results, settings or ReferenceSettings()),
        collapse=collapse_lines(results),
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


def remark_rows(results: dict[str, Any]) -> tuple[RemarkRow, ...]:
    """The letters' «Замечания к размещённым документам» summed for the municipality: each
    slip (expired roadmap, wrong citation of a federal act, an order without a number) with
    the schools whose documents have it, most frequent first."""
    schools: dict[str, list[str]] = {}
    documents: Counter[str] = Counter()
    for org in results["organisations"]:
        name = display_name(org)
        for _, problem in slips(org):
            names = schools.setdefault(problem["title"], [])
            if name not in names:
                names.append(name)
            documents[problem["title"]] += 1
    ordered = sorted(schools, key=lambda title: (-len(schools[title]), title))
    return tuple(
        RemarkRow(number, title, len(schools[title]), documents[title], join_names(schools[title]))
        for number, title in enumerate(ordered, start=1)
    )
