"""The reference's view of earlier runs: the trend, each criterion's trend and the follow-up.

Everything here is read from results.json's "history" and "follow_up", so every figure the
reference prints about earlier runs equals the one in results.json.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..context import clean_text, display_name
from ..messages import FOLLOW_UP_LABELS, REFERENCE_TEXT
from ..russian import DAYS, Forms, count_phrase, date_short, decimal, organisations, percent, plural

if TYPE_CHECKING:
    from .context import CriterionRow

CRITERIA_TREND_RUNS = 6  # the per-criterion trend shows the latest runs only, to stay legible
REMARKS = {
    "nom": Forms("замечание", "замечания", "замечаний"),
    "gen": Forms("замечания", "замечаний", "замечаний"),
}
NO_NUMBER = "—"  # a criterion the current profile no longer has
# A follow-up status shown as the outcome it amounts to now (the colours of the matrix).
STATUS_OUTCOMES = {"fixed": "pass", "not_fixed": "fail", "not_checked": "not_checked"}


@dataclass(frozen=True)
class TrendRow:
    """One run of the municipality's history as the reference prints it."""

    run_id: str
    audit_date: dt.date
    date_text: str
    current: bool
    schools: int
    compliant: int
    partial: int
    non_compliant: int
    not_checked: int
    share_compliant: float | None
    share_text: str
    mean_score: float | None
    mean_text: str


@dataclass(frozen=True)
class CriterionTrendRow:
    """One criterion's share of schools meeting it, run by run (the columns of CriteriaTrend)."""

    number: int
    rule_id: str
    title: str
    counted: bool
    shares: tuple[float | None, ...]
    share_texts: tuple[str, ...]
    mark: str = ""  # as the criteria table marks a criterion the score leaves out


@dataclass(frozen=True)
class CriteriaTrend:
    """Each criterion of this run over the latest runs of the history."""

    run_ids: tuple[str, ...]
    dates: tuple[str, ...]  # column headings, ДД.ММ.ГГГГ
    rows: tuple[CriterionTrendRow, ...]
    note: str  # says that only the latest runs are shown, when the history is longer


@dataclass(frozen=True)
class FollowUpRow:
    """One finding of the earlier letters and what became of it."""

    org_id: str
    number: str  # the criterion's number in this reference, «—» when no longer a criterion
    rule_id: str
    title: str
    status: str  # fixed | not_fixed | not_checked
    status_label: str
    outcome: str  # pass | fail | not_checked: how the status is coloured
    days_to_fix: int | None
    days_text: str


@dataclass(frozen=True)
class FollowUpSchool:
    org_id: str
    name: str
    rows: tuple[FollowUpRow, ...]


@dataclass(frozen=True)
class FollowUpSection:
    """«Выполнение рекомендаций по итогам предыдущего мониторинга»: worded once for all formats."""

    earlier_run_id: str
    earlier_date: dt.date
    deadline: dt.date | None  # the earlier letters' deadline
    deadline_passed: bool  # by this run's date
    lead: str  # when the earlier monitoring and its letters were, and their deadline
    summary: str  # how many findings were fixed, not fixed, not checked, and where
    schools: tuple[FollowUpSchool, ...]
    counts: tuple[tuple[str, int], ...]  # (status, findings), in FOLLOW_UP_LABELS order
    days: tuple[int, ...]  # days to fix of each fixed finding
    mean_days: float | None
    days_note: str  # how the time to fix is counted; empty when nothing was fixed
    mean_text: str

    def count(self, status: str) -> int:
        return dict(self.counts)[status]

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)


def days_text(days: float) -> str:
    """«49 дней», «1 день»; a fraction takes the genitive singular: «45,5 дня»."""
    if float(days).is_integer():
        return f"{int(days)} {plural(int(days), DAYS)}"
    return f"{decimal(days)} {DAYS.few}"


def remarks(n: int, case: str = "nom") -> str:
    """«2 замечания»; case "gen" for «исполнение 2 замечаний»."""
    return count_phrase(n, REMARKS[case])


def trend_rows(results: dict[str, Any]) -> tuple[TrendRow, ...]:
    """results["history"] as printed rows; empty unless it ends with this run after another."""
    history = results.get("history") or []
    run_id = results["run"]["run_id"]
    if len(history) < 2 or history[-1]["run_id"] != run_id:
        return ()
    rows = []
    for run in history:
        audit_date = dt.date.fromisoformat(run["audit_date"])
        levels = run["levels"]
        rows.append(
            TrendRow(
                run_id=run["run_id"],
                audit_date=audit_date,
                date_text=date_short(audit_date),
                current=run["run_id"] == run_id,
                schools=run["schools"],
                compliant=levels["compliant"],
                partial=levels["partial"],
                non_compliant=levels["non_compliant"],
                not_checked=levels["not_checked"],
                share_compliant=run["share_compliant"],
                share_text=percent(run["share_compliant"]),
                mean_score=run["mean_score"],
                mean_text=percent(run["mean_score"]),
            )
        )
    return tuple(rows)


def criteria_trend(
    results: dict[str, Any], criteria: Sequence[CriterionRow]
) -> CriteriaTrend | None:
    """This run's criteria over the latest runs of the history; None with a single run."""
    if not trend_rows(results):
        return None
    history = results["history"]
    runs = history[-CRITERIA_TREND_RUNS:]
    rows = []
    for criterion in criteria:
        shares = tuple(run["criteria"].get(criterion.rule_id) for run in runs)
        rows.append(
            CriterionTrendRow(
                number=criterion.number,
                rule_id=criterion.rule_id,
                title=criterion.title,
                counted=criterion.counted,
                shares=shares,
                share_texts=tuple(percent(value) for value in shares),
                mark=criterion.mark,
            )
        )
    note = ""
    if len(history) > len(runs):
        note = REFERENCE_TEXT["criteria_trend_shown"].format(count=len(runs))
    return CriteriaTrend(
        run_ids=tuple(run["run_id"] for run in runs),
        dates=tuple(date_short(dt.date.fromisoformat(run["audit_date"])) for run in runs),
        rows=tuple(rows),
        note=note,
    )


def follow_up_section(
    results: dict[str, Any], criteria: Sequence[CriterionRow]
) -> FollowUpSection | None:
    """results["follow_up"] as the reference words it; None when there is no earlier run."""
    follow = results.get("follow_up")
    if not follow:
        return None
    text = REFERENCE_TEXT
    numbers = {row.rule_id: str(row.number) for row in criteria}
    names = {org["org_id"]: display_name(org) for org in results["organisations"]}
    items = follow["items"]
    schools = []
    for org_id in dict.fromkeys(item["org_id"] for item in items):
        rows = tuple(
            FollowUpRow(
                org_id=org_id,
                number=numbers.get(item["rule_id"], NO_NUMBER),
                rule_id=item["rule_id"],
                title=clean_text(item["title"]),
                status=item["status"],
                status_label=FOLLOW_UP_LABELS[item["status"]],
                outcome=STATUS_OUTCOMES[item["status"]],
                days_to_fix=item["days_to_fix"],
                days_text="" if item["days_to_fix"] is None else str(item["days_to_fix"]),
            )
            for item in items
            if item["org_id"] == org_id
        )
        schools.append(FollowUpSchool(org_id, names.get(org_id, org_id), rows))
    counts = tuple((status, follow["counts"][status]) for status in FOLLOW_UP_LABELS)
    days = tuple(item["days_to_fix"] for item in items if item["days_to_fix"] is not None)
    mean = round(sum(days) / len(days), 1) if days else None
    this_date = dt.date.fromisoformat(results["run"]["audit_date"])
    earlier_date = dt.date.fromisoformat(follow["earlier_date"])
    mean_text = ""
    if mean is not None:
        key = "follow_up_one_fixed" if len(days) == 1 else "follow_up_mean"
        mean_text = text[key].format(days=days_text(mean))
    return FollowUpSection(
        earlier_run_id=follow["earlier_run_id"],
        earlier_date=earlier_date,
        deadline=_date(follow["deadline"]),
        deadline_passed=follow["deadline_passed"],
        lead=_lead(follow, earlier_date),
        summary=_summary(items, dict(counts)),
        schools=tuple(schools),
        counts=counts,
        days=days,
        mean_days=mean,
        days_note=text["follow_up_days_note"].format(date=date_short(this_date)) if days else "",
        mean_text=mean_text,
    )


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _lead(follow: dict[str, Any], earlier_date: dt.date) -> str:
    text = REFERENCE_TEXT
    sentences = [text["follow_up_earlier"].format(date=date_short(earlier_date))]
    if follow["letter_date"]:
        letters = dt.date.fromisoformat(follow["letter_date"])
        sentences.append(text["follow_up_letters"].format(date=date_short(letters)))
    if follow["deadline"]:
        deadline = dt.date.fromisoformat(follow["deadline"])
        passed = "passed" if follow["deadline_passed"] else "ahead"
        sentences.append(text[f"follow_up_deadline_{passed}"].format(date=date_short(deadline)))
    else:
        sentences.append(text["follow_up_no_deadline"])
    return " ".join(sentences)


def _summary(items: list[dict[str, Any]], counts: dict[str, int]) -> str:
    """«… направлено 40 замечаний. Исправлено 2 замечания из 40 (в 2 образовательных …); …»."""
    text = REFERENCE_TEXT
    total = len(items)
    if not total:
        return text["follow_up_nothing"]

    def where(status: str) -> str:
        schools = len({item["org_id"] for item in items if item["status"] == status})
        return text["follow_up_where"].format(schools=organisations(schools, "prep"))

    parts = []
    if counts["fixed"]:
        parts.append(
            text["follow_up_fixed"].format(
                count=remarks(counts["fixed"]), total=total, where=where("fixed")
            )
        )
    if counts["not_fixed"]:
        parts.append(
            text["follow_up_not_fixed"].format(
                count=remarks(counts["not_fixed"]), where=where("not_fixed")
            )
        )
    if counts["not_checked"]:
        parts.append(
            text["follow_up_not_checked"].format(
                count=remarks(counts["not_checked"], "gen"), where=where("not_checked")
            )
        )
    details = "; ".join(parts)
    sent = text["follow_up_sent"].format(count=remarks(total))
    return f"{sent} {details[:1].upper()}{details[1:]}."
