"""What the dashboard's pages show, computed from the results document alone.

Every figure comes from results.json, so the dashboard agrees with the reference and the
exports; tables also carry, per row, the sort keys and search text the page script uses.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from audit_rules.model import OUTCOMES
from crawler.understand.vocabulary import AUDIENCE_LABELS, KIND_LABELS

from ..context import (
    clean_text,
    display_name,
    evidence_labels,
    evidence_links,
    level_label,
    make_link,
    run_info,
    scored,
    site_checked,
)
from ..findings import broken_links, document_remarks, override_text
from ..history.runs import LEVELS
from ..messages import (
    CHART_TEXT,
    COLLAPSE_TEXT,
    DASHBOARD_TITLE,
    DASHBOARD_TREND_TEXT,
    EXTRACT_STATUS_LABELS,
    FETCH_OUTCOME_LABELS,
    FOLLOW_UP_LABELS,
    LEVEL_LABELS,
    NO_COUNTED_RULES,
    OUTCOME_LABELS,
    SEVERITY_LABELS,
    SITE_STATUS_LABELS,
    site_problem_phrase,
)
from ..model import ReferenceSettings
from ..reference.context import collapse_lines, criterion_rows, requisites, severity_mark
from ..russian import SectionWords, mean_score, percent, share
from .trends import (
    CHART_WIDTH,
    TREND_HEIGHT,
    TREND_MARGIN,
    TREND_WIDTH,
    chart_bars,
    criteria_trend,
    date_text,
    follow_up_summary,
    school_follow_up,
    score_history,
    trend_points,
)

Rows = list[dict[str, Any]]


def search_text(text: str) -> str:
    """Text as the page's search compares it: lower case, ё read as е (dashboard.js does the
    same to what is typed), so «Берёзовская» is found by «березовская» and the other way."""
    return text.lower().replace("ё", "е")


def _row(sort: list[Any], words: list[str], filters: dict[str, str]) -> dict[str, Any]:
    """One table row as the script sees it: sort keys, search text, filter values."""
    return {"sort": sort, "search": search_text(" ".join(w for w in words if w)), "filter": filters}


def _time_text(value: str | None) -> str:
    """A capture time (UTC in results.json) as «26.10.2022 09:03:12 UTC»."""
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return clean_text(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("%d.%m.%Y %H:%M:%S UTC")


def overview_context(results: dict[str, Any], pages: dict[str, str]) -> dict[str, Any]:
    """The overview page: figures, charts, trend and the table of schools.

    `pages` maps org_id to the relative link of the school's page.
    """
    orgs = results["organisations"]
    rules = {rule["rule_id"]: rule for rule in results["rules"]}
    criteria = criterion_rows(results)
    numbers = {row.rule_id: row.number for row in criteria}
    total = len(orgs)
    counts = results["run"]["counts"]  # the run's one set of figures (reports/history/runs.py)
    levels = [(key, LEVEL_LABELS[key], counts["levels"][key]) for key in LEVELS]
    checked = total - counts["levels"]["not_checked"]
    run_id = results["run"]["run_id"]
    schools, table = [], []
    for number, org in enumerate(orgs, start=1):
        failed = [
            f"{numbers[item['rule_id']]}. {clean_text(rules[item['rule_id']]['title'])}"
            for item in org["results"]
            if item["outcome"] == "fail" and rules[item["rule_id"]]["counted"]
        ]
        name = display_name(org)
        schools.append(
            {
                "number": number,
                "org_id": org["org_id"],
                "name": name,
                "href": pages[org["org_id"]],
                "score_text": percent(org["score"]),
                "level": org["level"],
                "level_label": level_label(results, org),
                "failed": failed,
                # A partial run: a school not re-checked shows the date of its last check.
                "checked_on": ""
                if org["checked_in"]["run_id"] == run_id
                else date_text(org["checked_in"]["audit_date"]),
            }
        )
        table.append(
            _row(
                [number, name, org["score"], LEVELS.index(org["level"]), len(failed)],
                [name, clean_text(org["name"]), *failed],
                {"level": org["level"]},
            )
        )
    mean = mean_score(org["score"] for org in orgs)
    return {
        "title": DASHBOARD_TITLE,
        "run": run_info(results),
        "no_score_note": "" if scored(results) else NO_COUNTED_RULES,
        "total": total,
        "levels": [
            {
                "key": k,
                "label": label,
                "count": n,
                "share_text": "" if k == "not_checked" else percent(share(n, checked)),
            }
            for k, label, n in levels
        ],
        "checked": checked,
        "collapse": collapse_lines(results),
        "collapse_heading": COLLAPSE_TEXT["heading"],
        "partial_note": requisites(results, ReferenceSettings()).partial_note,
        "level_options": [(key, label) for key, label, _ in levels],
        "level_bars": chart_bars([(k, label, n, str(n)) for k, label, n in levels], total),
        "mean_score": mean,
        "mean_score_text": percent(mean),
        "sections_found": counts["sections_found"],
        "sites_checked": counts["sites_checked"],
        "documents": counts["documents"],
        "criteria": criteria,
        "criterion_bars": chart_bars(
            [(r.rule_id, f"{r.number}. {r.title}", r.share, r.share_text) for r in criteria], 100
        ),
        "schools": schools,
        "schools_table": table,
        "history": trend_points(results),
        "criteria_trend": criteria_trend(results, numbers),
        "follow_up": follow_up_summary(results, pages),
        "follow_up_labels": FOLLOW_UP_LABELS,
        "chart_width": CHART_WIDTH,
        "charts": CHART_TEXT,
        "texts": DASHBOARD_TREND_TEXT,
        "trend": {"width": TREND_WIDTH, "height": TREND_HEIGHT, "margin": TREND_MARGIN},
    }


def _verdicts(results: dict[str, Any], org: dict[str, Any]) -> tuple[Rows, Rows]:
    rules = {rule["rule_id"]: rule for rule in results["rules"]}
    labels = evidence_labels(org, section=SectionWords.of(results["run"]))
    verdicts, table = [], []
    for number, item in enumerate(org["results"], start=1):
        rule = rules[item["rule_id"]]
        title = clean_text(rule["title"])
        verdict = {
            "number": number,
            "rule_id": rule["rule_id"],
            "title": title,
            "severity": SEVERITY_LABELS.get(rule["severity"], rule["severity"]),
            "counted": rule["counted"],
            "mark": severity_mark(rule),
            "outcome": item["outcome"],
            "outcome_label": OUTCOME_LABELS[item["outcome"]],
            "decision": override_text(item),
            "note": clean_text(item["note"]),
            "recommendation": (
                clean_text(rule["recommendation"]) if item["outcome"] == "fail" else ""
            ),
            "links": evidence_links(item["evidence"], labels),
        }
        verdicts.append(verdict)
        words = ("title", "outcome_label", "note", "decision", "recommendation")
        table.append(
            _row(
                [number, title, OUTCOMES.index(item["outcome"])],
                [verdict[word] for word in words],
                {"outcome": item["outcome"]},
            )
        )
    return verdicts, table


def _documents(org: dict[str, Any], section: SectionWords) -> tuple[Rows, Rows]:
    labels = evidence_labels(org, section=section)
    documents, table = [], []
    for doc in org["documents"]:
        link = make_link(doc["url"], doc["title"] or doc["link_text"])
        evidence = doc["evidence"]
        status = (
            EXTRACT_STATUS_LABELS.get(doc["extract_status"], doc["extract_status"])
            if doc["fetch_status"] == "ok"
            else FETCH_OUTCOME_LABELS.get(doc["fetch_status"], doc["fetch_status"])
        )
        row = {
            "link": link,
            "kind": doc["kind"],
            "kind_label": KIND_LABELS.get(doc["kind"], clean_text(doc["kind"])),
            "audience_label": AUDIENCE_LABELS.get(doc["audience"], clean_text(doc["audience"])),
            "date_text": date_text(doc["date"]),
            "number": clean_text(doc["number"]),
            "status": clean_text(status),
            "evidence": None
            if evidence is None
            else {
                "captured_at": _time_text(evidence["captured_at"]),
                "sha256": clean_text(evidence["sha256"] or doc["sha256"]),
                "click_path": tuple(make_link(u, labels.get(u)) for u in evidence["click_path"]),
            },
        }
        documents.append(row)
        table.append(
            _row(
                [link.label, row["kind_label"], doc["date"], row["number"]],
                [link.label, link.url, row["kind_label"], row["number"]],
                {"kind": doc["kind"]},
            )
        )
    return documents, table


def school_context(
    results: dict[str, Any], org: dict[str, Any], letters: dict[str, str]
) -> dict[str, Any]:
    """One school's page; `letters` maps a format label (HTML, DOCX, PDF) to a relative link."""
    verdicts, verdicts_table = _verdicts(results, org)
    documents, documents_table = _documents(org, SectionWords.of(results["run"]))
    section = org["section"]
    checked = site_checked(org)
    return {
        "title": DASHBOARD_TITLE,
        "run": run_info(results),
        "org_id": org["org_id"],
        "name": display_name(org),
        "full_name": clean_text(org["name"]),
        "site": make_link(org["site_url"]),
        "site_checked": checked,
        "site_status": SITE_STATUS_LABELS.get(org["site"]["status"], org["site"]["status"]),
        "site_problem": "" if checked else site_problem_phrase(org),
        "section": make_link(section["url"], section["title"]) if section["url"] else None,
        "section_found": section["found"],
        "score_text": percent(org["score"]),
        "level": org["level"],
        "level_label": level_label(results, org),
        "tally": {key: org[key] for key in ("passed", "failed", "not_checked")},
        "verdicts": verdicts,
        "verdicts_table": verdicts_table,
        "outcomes": [(key, OUTCOME_LABELS[key]) for key in OUTCOMES],
        "documents": documents,
        "documents_table": documents_table,
        "kinds": sorted({(d["kind"], d["kind_label"]) for d in documents}, key=lambda k: k[1]),
        "news": [
            (make_link(item["url"], item["title"]), date_text(item["date"])) for item in org["news"]
        ],
        "broken": broken_links(org),
        "remarks": document_remarks(org),
        "letters": letters,
        "score_history": score_history(org),
        "follow_up": school_follow_up(results, org),
        "charts": CHART_TEXT,
        "texts": DASHBOARD_TREND_TEXT,
        "trend": {"width": TREND_WIDTH, "height": TREND_HEIGHT, "margin": TREND_MARGIN},
    }
