"""The dashboard's trend charts and follow-up, from results.json `history` and `follow_up`.

The bar primitive and the date wording live here too: the overview's charts and the school
page share them with the trends.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from ..context import clean_text, display_name
from ..messages import DASHBOARD_TREND_TEXT, FOLLOW_UP_LABELS, LEVEL_LABELS
from ..russian import DAYS, date_short, percent, plural

CHART_WIDTH = 640  # px of the longest bar in the overview's charts
TREND_WIDTH, TREND_HEIGHT, TREND_MARGIN = 640, 200, 30
TREND_INSET = 70  # px from the sides to the first and last run, room for their dates
CRITERION_TREND_BAR = 16  # px per run in a criterion's group of bars
# A follow-up status drawn with the colours of the matching outcome.
FOLLOW_UP_BADGES = {"fixed": "pass", "not_fixed": "fail", "not_checked": "not_checked"}


@dataclasses.dataclass(frozen=True)
class Bar:
    """One bar of a server-drawn chart: its label, its length in px and the figure it shows."""

    key: str
    label: str
    width: float
    value_text: str


@dataclasses.dataclass(frozen=True)
class ScoreBar:
    """One run on a school's score chart: a bar from the baseline up to the score."""

    run_id: str
    date_text: str
    x: float
    y: float
    height: float
    score_text: str
    level: str
    level_label: str


@dataclasses.dataclass(frozen=True)
class TrendPoint:
    """One earlier (or this) run on the trend chart; y are px from the top of the plot."""

    run_id: str
    date_text: str
    x: float
    share_y: float | None
    mean_y: float | None
    share_text: str
    mean_text: str


def date_text(value: str | None) -> str:
    """A results.json ISO date as «18.04.2022»; anything else is printed as it was written."""
    try:
        return date_short(dt.date.fromisoformat(value)) if value else ""
    except ValueError:
        return clean_text(value)


def chart_bars(items: list[tuple[str, str, float | None, str]], scale: float) -> tuple[Bar, ...]:
    """(key, label, value, text) → bars whose length is value / scale of the chart width."""
    return tuple(
        Bar(key, label, 0.0 if not value or not scale else CHART_WIDTH * value / scale, text)
        for key, label, value, text in items
    )


def trend_points(results: dict[str, Any]) -> tuple[TrendPoint, ...]:
    """Trend points from results["history"] (oldest first); none when it holds one run."""
    entries = results.get("history") or []
    if len(entries) < 2:  # one run has no trend
        return ()
    step = (TREND_WIDTH - 2 * TREND_INSET) / (len(entries) - 1)
    return tuple(
        TrendPoint(
            run_id=clean_text(item["run_id"]),
            date_text=date_text(item["audit_date"]),
            x=TREND_INSET + step * index,
            share_y=_trend_y(item["share_compliant"]),
            mean_y=_trend_y(item["mean_score"]),
            share_text=percent(item["share_compliant"]),
            mean_text=percent(item["mean_score"]),
        )
        for index, item in enumerate(entries)
    )


def _trend_y(value: float | None) -> float | None:
    """px from the top of a trend chart for a percentage; None draws nothing."""
    plot = TREND_HEIGHT - 2 * TREND_MARGIN
    return None if value is None else TREND_MARGIN + plot * (1 - float(value) / 100)


def criteria_trend(results: dict[str, Any], numbers: dict[str, int]) -> dict[str, Any] | None:
    """Per criterion, its share of schools passing in every run of results["history"].

    Criteria follow this run's order; a run that did not judge one shows a dash.
    """
    entries = results.get("history") or []
    if len(entries) < 2:
        return None
    runs = [(clean_text(e["run_id"]), date_text(e["audit_date"])) for e in entries]
    rows = []
    for rule in results["rules"]:
        values = [(e.get("criteria") or {}).get(rule["rule_id"]) for e in entries]
        bars = chart_bars(
            [(run_id, date, v, percent(v)) for (run_id, date), v in zip(runs, values, strict=True)],
            100,
        )
        label = f"{numbers[rule['rule_id']]}. {clean_text(rule['title'])}"
        rows.append({"rule_id": rule["rule_id"], "label": label, "bars": bars})
    count = len(runs)
    return {
        "runs": runs,
        "rows": rows,
        # Older runs paler: the latest stands out in every group.
        "opacity": [round(0.35 + 0.65 * i / (count - 1), 2) for i in range(count)],
        "group_height": 24 + CRITERION_TREND_BAR * count,
        "bar": CRITERION_TREND_BAR,
    }


def _since_text(follow_up: dict[str, Any], letter: str = "letter") -> str:
    """«… по итогам мониторинга от 18.04.2022 (письма от 20.04.2022); срок … (истёк).»"""
    text = DASHBOARD_TREND_TEXT
    letter_day = date_text(follow_up.get("letter_date"))
    deadline = date_text(follow_up.get("deadline"))
    passed = text["deadline_passed" if follow_up.get("deadline_passed") else "deadline_ahead"]
    return text["follow_up_lead"].format(
        date=date_text(follow_up.get("earlier_date")),
        letter=text[letter].format(date=letter_day) if letter_day else "",
        deadline=text["deadline"].format(date=deadline, passed=passed) if deadline else "",
    )


def follow_up_summary(results: dict[str, Any], pages: dict[str, str]) -> dict[str, Any] | None:
    """The overview's follow-up: counts per status (results.json) and the schools behind them."""
    follow_up = results.get("follow_up")
    if not follow_up:
        return None
    counts = follow_up.get("counts") or {}
    schools = []
    for org in results["organisations"]:
        items = org.get("follow_up") or []
        if items:
            schools.append(
                {
                    "org_id": org["org_id"],
                    "name": display_name(org),
                    "href": pages[org["org_id"]],
                    "counts": {k: sum(i["status"] == k for i in items) for k in FOLLOW_UP_LABELS},
                }
            )
    return {
        "lead": _since_text(follow_up),
        "statuses": [
            {"key": k, "label": label, "badge": FOLLOW_UP_BADGES[k], "count": counts.get(k, 0)}
            for k, label in FOLLOW_UP_LABELS.items()
        ],
        "schools": schools,
        "nothing": DASHBOARD_TREND_TEXT["follow_up_nothing"],
    }


def score_history(org: dict[str, Any]) -> tuple[ScoreBar, ...]:
    """The school's score in every run of its history, as bars; none for a single run."""
    entries = org.get("history") or []
    if len(entries) < 2:
        return ()
    step = (TREND_WIDTH - 2 * TREND_INSET) / (len(entries) - 1)
    baseline = TREND_HEIGHT - TREND_MARGIN
    bars = []
    for index, item in enumerate(entries):
        top = _trend_y(item["score"])
        level = item["level"] if item["level"] in LEVEL_LABELS else "not_checked"
        bars.append(
            ScoreBar(
                run_id=clean_text(item["run_id"]),
                date_text=date_text(item["audit_date"]),
                x=TREND_INSET + step * index,
                y=baseline if top is None else top,
                height=0.0 if top is None else baseline - top,
                score_text=percent(item["score"]),
                level=level,
                level_label=LEVEL_LABELS[level],
            )
        )
    return tuple(bars)


def school_follow_up(results: dict[str, Any], org: dict[str, Any]) -> dict[str, Any] | None:
    """The school's findings of the earlier letter with their status, or None without one."""
    follow_up = results.get("follow_up")
    if not follow_up:
        return None
    items = []
    for number, item in enumerate(org.get("follow_up") or [], start=1):
        days = item.get("days_to_fix")
        status = item["status"] if item["status"] in FOLLOW_UP_LABELS else "not_checked"
        items.append(
            {
                "number": number,
                "rule_id": clean_text(item["rule_id"]),
                "title": clean_text(item["title"]),
                "status": status,
                "status_label": FOLLOW_UP_LABELS[status],
                "badge": FOLLOW_UP_BADGES[status],
                "days_text": ""
                if days is None
                else DASHBOARD_TREND_TEXT["days"].format(days=days, word=plural(days, DAYS)),
            }
        )
    return {"lead": _since_text(follow_up, "school_letter"), "items": items}
