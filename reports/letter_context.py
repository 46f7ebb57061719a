"""Context of a per-school letter: what was found, what is missing, what could not be checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
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
from .findings import broken_links, coverage_remarks, document_remarks, override_text
from .letter_follow_up import FollowUpNote, follow_up_note
from .letter_meta import LetterMeta, unnumbered
from .messages import LEVEL_LABELS, OUTCOME_LABELS, greeting, site_problem
from .model import Letterhead
from .names import dative_with_initials
from .russian import Forms, date_short, percent, plural

CHECKED_CRITERIA = Forms("проверенного критерия", "проверенных критериев", "проверенных критериев")
DONE = Forms("выполнен", "выполнены", "выполнено")
CANDIDATES_SHOWN = 10
NOTE_FALLBACK = "данные для проверки не удалось получить"
NUMBER_BLANK = "____"  # a letter written without a number gets a blank to fill in by hand


@dataclass(frozen=True)
class Finding:
    """One criterion as a letter reports it, with the links it was checked against."""

    number: int
    rule_id: str
    title: str
    outcome: str
    outcome_label: str
    recommendation: str
    note: str
    links: tuple[Link, ...]
    decision: str = ""  # «решение методиста: …» when a methodologist set the outcome
    deadline_date: str = ""  # «01.10.2023» when missing criteria have different deadlines

    @property
    def label(self) -> str:
        """The criterion, with the methodologist's decision when one set the outcome."""
        return f"{self.title} ({self.decision})" if self.decision else self.title


@dataclass(frozen=True)
class LetterContext:
    """Everything one school's letter prints; the HTML and DOCX writers share it."""

    org_id: str
    letterhead: Letterhead
    run: RunInfo
    addressee: str
    full_name: str
    head_name: str
    greeting: str
    intro: str
    site: Link
    site_checked: bool
    site_text: str
    section: Link | None
    section_text: str
    candidates: tuple[Link, ...]
    found: tuple[Finding, ...]
    missing: tuple[Finding, ...]
    unchecked: tuple[Finding, ...]
    optional: tuple[Finding, ...]
    broken: tuple[tuple[Link, str], ...]  # a section link that leads nowhere, and why
    remarks: tuple[tuple[Link, str], ...]  # a document's slip (wrong act date, expired roadmap…)
    acknowledgement: str
    summary: str
    deadline_text: str
    number: str = ""  # outgoing number, «01-33/5»
    letter_date: dt.date | None = None
    letter_date_text: str = ""
    head_dative: str = ""  # «Петровой А. И.» for the addressee block
    deadline: dt.date | None = None  # the date deadline_text names, if one
    follow_up: FollowUpNote | None = None  # None: no earlier letter to follow up

    @property
    def deadline_date(self) -> str:
        return date_short(self.deadline) if self.deadline else ""

    @property
    def number_text(self) -> str:
        return self.number or NUMBER_BLANK


def _finding(number: int, rule: dict[str, Any], item: dict[str, Any], fallback: Link) -> Finding:
    links = item["links"] or ((fallback,) if item["outcome"] == "fail" else ())
    return Finding(
        number=number,
        rule_id=rule["rule_id"],
        title=clean_text(rule["title"]),
        outcome=item["outcome"],
        outcome_label=OUTCOME_LABELS[item["outcome"]],
        recommendation=clean_text(rule["recommendation"]),
        note=clean_text(item["note"]) or NOTE_FALLBACK,
        links=links,
        decision=override_text(item),
    )


def _candidates(section: dict[str, Any]) -> tuple[Link, ...]:
    """The most likely pages tried for the section, best first."""
    ranked = sorted(
        (c for c in section["candidates"] if c["url"]),
        key=lambda c: -(c["score"] or 0.0),
    )
    return tuple(make_link(c["url"], c["text"]) for c in ranked[:CANDIDATES_SHOWN])


def _section_text(org: dict[str, Any]) -> str:
    section = org["section"]
    if section["found"]:
        return "Проверен раздел сайта:"
    if section["candidates"]:
        return (
            "Раздел «Наставничество» на сайте не найден. "
            "При поиске раздела были просмотрены страницы:"
        )
    return (
        "Раздел «Наставничество» на сайте не найден: ни один пункт меню и ни одна "
        "страница сайта на него не указывают."
    )


def _summary(org: dict[str, Any], counted: list[str]) -> str:
    passed, failed = counted.count("pass"), counted.count("fail")
    checked = passed + failed
    if checked == 0:
        return "Соответствие требованиям мониторинга не проверено."
    level = org["level"]
    verdict = (
        f"Сайт {LEVEL_LABELS[level]} требованиям мониторинга"
        if level != "not_checked"
        else "Соответствие требованиям мониторинга не оценено"
    )
    score = f", итоговый балл — {percent(org['score'])}" if org["score"] is not None else ""
    return (
        f"{verdict}: {plural(passed, DONE)} {passed} из {checked} "
        f"{plural(checked, CHECKED_CRITERIA)}{score}."
    )


def _deadline(
    checked: bool, missing: bool, remarks: bool, meta: LetterMeta
) -> tuple[str, dt.date | None]:
    """The closing request and the date it names; row deadlines send the reader to the table."""
    if missing and meta.row_deadlines:
        return (
            "Просим разместить недостающие материалы в сроки, указанные в таблице, и "
            "предоставить ссылку на раздел «Наставничество».",
            None,
        )
    if meta.deadline is None:
        return "", None
    when = f"в срок до {date_short(meta.deadline)} г."
    if not checked:
        text = f"Просим обеспечить работу официального сайта и сообщить об этом {when}"
    elif missing:
        text = (
            "Просим разместить недостающие материалы и предоставить ссылку на раздел "
            f"«Наставничество» {when}"
        )
    elif remarks:
        text = f"Просим устранить указанные замечания {when}"
    else:
        return "", None
    return text, meta.deadline


def _acknowledgement(checked: bool, counted: list[str]) -> str:
    """Thanks for a school with nothing missing, in place of an empty list of demands."""
    if not checked or not counted or "fail" in counted:
        return ""
    if all(outcome == "pass" for outcome in counted):
        return (
            "Все материалы, предусмотренные критериями мониторинга, на сайте размещены. "
            "Благодарим за системную работу по информационному сопровождению реализации "
            "целевой модели наставничества."
        )
    return (
        "По проверенным критериям недостающих материалов не выявлено. Благодарим за работу "
        "по информационному сопровождению реализации целевой модели наставничества; критерии, "
        "которые не удалось проверить, будут проверены повторно."
    )


def build_letter_context(
    results: dict[str, Any],
    org: dict[str, Any],
    letterhead: Letterhead,
    deadline: dt.date | None = None,
    meta: LetterMeta | None = None,
) -> LetterContext:
    """One school's letter content, computed from its entry in the results document.

    `meta` (reports.letter_meta.plan_letters) gives the number, date and deadlines; without
    it the letter has no number, is dated on the run and names the `deadline` given.
    """
    meta = meta or unnumbered(results, org, deadline)
    row_deadlines = dict(meta.row_deadlines)
    run = run_info(results)
    rules = {rule["rule_id"]: rule for rule in results["rules"]}
    labels = evidence_labels(org)
    section = org["section"]
    section_link = make_link(section["url"], section["title"]) if section["url"] else None
    site = make_link(org["site_url"])
    checked = site_checked(org)
    groups: dict[str, list[Finding]] = {"pass": [], "fail": [], "not_checked": [], "optional": []}
    counted_outcomes = []
    for number, item in enumerate(org["results"], start=1):
        rule = rules[item["rule_id"]]
        linked = {**item, "links": evidence_links(item["evidence"], labels)}
        finding = _finding(number, rule, linked, section_link or site)
        if item["rule_id"] in row_deadlines and item["outcome"] == "fail":
            finding = replace(finding, deadline_date=date_short(row_deadlines[item["rule_id"]]))
        if not rule["counted"]:
            groups["optional"].append(finding)
            continue
        counted_outcomes.append(item["outcome"])
        groups[item["outcome"]].append(finding)
    if not checked and org["site"]["status"] == "incomplete":
        site_text = (
            "Официальный сайт удалось проверить не полностью "
            f"({site_problem(org['site']['status'], org['site']['error'])}), поэтому размещение "
            "информации о реализации ЦМН не оценивалось. Это не считается невыполнением "
            "требований; сайт будет проверен повторно."
        )
    elif not checked:
        site_text = (
            f"Во время мониторинга официальный сайт был недоступен "
            f"({site_problem(org['site']['status'], org['site']['error'])}), поэтому размещение "
            "информации о реализации ЦМН проверить не удалось. Это не считается невыполнением "
            "требований; сайт будет проверен при следующем мониторинге."
        )
    else:
        site_text = "Проверен официальный сайт:"
    broken = broken_links(org) if checked else ()
    remarks = (document_remarks(org) + coverage_remarks(org, run.audit_date)) if checked else ()
    deadline_text, named_deadline = _deadline(
        checked, bool(groups["fail"]), bool(broken or remarks), meta
    )
    head_name = clean_text(org["head_name"])
    follow_up = follow_up_note(results, org) if checked else None
    acknowledgement = _acknowledgement(checked, counted_outcomes)
    if acknowledgement and follow_up and follow_up.acknowledgement:
        acknowledgement = f"{follow_up.acknowledgement} {acknowledgement}"
    return LetterContext(
        org_id=org["org_id"],
        letterhead=letterhead,
        run=run,
        addressee=display_name(org),
        full_name=clean_text(org["name"]),
        head_name=head_name,
        greeting=greeting(head_name),
        intro=(
            "По итогам мониторинга размещения информации о реализации целевой модели "
            "наставничества (далее — ЦМН) на официальных сайтах образовательных организаций, "
            f"проведённого {run.audit_date_text}, направляем адресные рекомендации "
            "по официальному сайту вашей образовательной организации."
        ),
        site=site,
        site_checked=checked,
        site_text=site_text,
        section=section_link if checked else None,
        section_text=_section_text(org) if checked else "",
        candidates=_candidates(section) if checked and not section["found"] else (),
        found=tuple(groups["pass"]) if checked else (),
        missing=tuple(groups["fail"]) if checked else (),
        unchecked=tuple(groups["not_checked"]) if checked else (),
        optional=tuple(groups["optional"]) if checked else (),
        broken=broken,
        remarks=remarks,
        acknowledgement=acknowledgement,
        summary=_summary(org, counted_outcomes) if checked else "",
        deadline_text=deadline_text,
        number=meta.number,
        letter_date=meta.date,
        letter_date_text=meta.date_text,
        head_dative=dative_with_initials(head_name) if head_name else "",
        deadline=named_deadline,
        follow_up=follow_up,
    )
