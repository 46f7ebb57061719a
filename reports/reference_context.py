"""Context of the analytic reference: per-criterion tallies, the school matrix, conclusions."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

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
from .messages import (
    LEVEL_LABELS,
    OUTCOME_LABELS,
    OUTCOME_MARKS,
    SEVERITY_LABELS,
    site_problem_phrase,
)
from .model import Letterhead
from .reference_text import conclusions, recommendations
from .russian import date_short, organisations, percent, share


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
class ReferenceContext:
    """Everything the reference template prints, already computed."""

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
            note=clean_text(item["note"]),
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


def build_reference_context(
    results: dict[str, Any], letterhead: Letterhead, deadline: dt.date | None = None
) -> ReferenceContext:
    """The analytic reference's content, computed from the results document alone."""
    criteria = criterion_rows(results)
    schools = tuple(
        _school(number, org) for number, org in enumerate(results["organisations"], start=1)
    )
    return ReferenceContext(
        letterhead=letterhead,
        run=run_info(results),
        sources=_sources(results["rules"]),
        criteria=criteria,
        sections=_sections(criteria),
        schools=schools,
        schools_phrase=organisations(len(schools), "gen"),
        conclusions=conclusions(results, criteria),
        recommendations=recommendations(results, criteria, deadline),
        deadline_text=date_short(deadline),
    )
