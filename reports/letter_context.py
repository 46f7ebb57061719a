"""Context of a per-school letter: what was found, what is missing, what could not be checked."""

from __future__ import annotations

import datetime as dt
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
from .messages import BROKEN_LINK_REASONS, LEVEL_LABELS, OUTCOME_LABELS, greeting, site_problem
from .model import Letterhead
from .russian import Forms, date_short, percent, plural

CHECKED_CRITERIA = Forms("проверенного критерия", "проверенных критериев", "проверенных критериев")
DONE = Forms("выполнен", "выполнены", "выполнено")
CANDIDATES_SHOWN = 10
NOTE_FALLBACK = "данные для проверки не удалось получить"


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
    )


def _broken_links(org: dict[str, Any]) -> tuple[tuple[Link, str], ...]:
    """Document links of the section that answer 4xx or serve an error page instead."""
    broken = []
    for document in org["documents"]:
        status = document["http_status"]
        if document["fetch_status"] == "http_error" and status and 400 <= status < 500:
            reason = BROKEN_LINK_REASONS["http_error"].format(status=status)
        elif document["extract_status"] == "not_a_document":
            reason = BROKEN_LINK_REASONS["not_a_document"]
        elif document["fetch_status"] == "host_unresolved":
            reason = BROKEN_LINK_REASONS["host_unresolved"]
        else:
            continue
        label = document.get("link_text") or document.get("title")
        broken.append((make_link(document["url"], label), reason))
    return tuple(broken)


def _document_remarks(org: dict[str, Any]) -> tuple[tuple[Link, str], ...]:
    """What is wrong inside the section's mentorship documents, one line per problem."""
    remarks = []
    for document in org["documents"]:
        if document["kind"] == "not_mentorship":
            continue
        label = document.get("title") or document.get("link_text")
        for problem in document["problems"]:
            detail = f"{problem['title']}: {clean_text(problem['detail'])}"
            remarks.append((make_link(document["url"], label), detail))
    return tuple(remarks)


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


def _deadline(checked: bool, missing: bool, deadline: dt.date | None) -> str:
    if deadline is None:
        return ""
    when = f"в срок до {date_short(deadline)} г."
    if not checked:
        return f"Просим обеспечить работу официального сайта и сообщить об этом {when}"
    if missing:
        return (
            "Просим разместить недостающие материалы и предоставить ссылку на раздел "
            f"«Наставничество» {when}"
        )
    return ""


def build_letter_context(
    results: dict[str, Any],
    org: dict[str, Any],
    letterhead: Letterhead,
    deadline: dt.date | None = None,
) -> LetterContext:
    """One school's letter content, computed from its entry in the results document."""
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
    complete = checked and counted_outcomes and all(o == "pass" for o in counted_outcomes)
    acknowledgement = (
        "Все материалы, предусмотренные критериями мониторинга, на сайте размещены. "
        "Благодарим за системную работу по информационному сопровождению реализации "
        "целевой модели наставничества."
        if complete
        else ""
    )
    return LetterContext(
        org_id=org["org_id"],
        letterhead=letterhead,
        run=run,
        addressee=display_name(org),
        full_name=clean_text(org["name"]),
        head_name=clean_text(org["head_name"]),
        greeting=greeting(clean_text(org["head_name"])),
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
        broken=_broken_links(org) if checked else (),
        remarks=_document_remarks(org) if checked else (),
        acknowledgement=acknowledgement,
        summary=_summary(org, counted_outcomes) if checked else "",
        deadline_text=_deadline(checked, bool(groups["fail"]), deadline),
    )
