"""What a letter says of the previous letter's findings: fixed, still open, not checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..context import clean_text
from ..messages import LETTER_FOLLOW_UP_TEXT
from ..russian import date_short


@dataclass(frozen=True)
class FollowUpFinding:
    """A criterion an earlier letter reported, as this run finds it."""

    rule_id: str
    title: str
    status: str  # fixed | not_fixed | not_checked (cmn_audit.history.runs.FOLLOW_UP_STATUSES)
    status_label: str


@dataclass(frozen=True)
class FollowUpNote:
    """What a letter says of the previous letter's findings: fixed, still open, not checked."""

    fixed_text: str
    fixed: tuple[FollowUpFinding, ...]
    not_fixed_text: str
    not_fixed: tuple[FollowUpFinding, ...]
    not_checked_text: str
    not_checked: tuple[FollowUpFinding, ...]
    acknowledgement: str  # «Замечания … устранены.» when every one of them was fixed
    heading: str = LETTER_FOLLOW_UP_TEXT["heading"]


def _iso_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def follow_up_note(results: dict[str, Any], org: dict[str, Any]) -> FollowUpNote | None:
    """The earlier letter's findings of this school (results.json `follow_up`), or None.

    None when the run follows up no earlier run or the earlier letter reported nothing to
    this school: such a letter reads exactly as a first one.
    """
    run_follow_up = results.get("follow_up") or {}
    items = org.get("follow_up") or []
    if not run_follow_up or not items:
        return None
    text = LETTER_FOLLOW_UP_TEXT
    # A school re-checked by a partial run is followed up from that run's reply letter.
    own = items[0]
    earlier = date_short(_iso_date(own.get("earlier_date") or run_follow_up.get("earlier_date")))
    letter_day = date_short(_iso_date(own.get("letter_date") or run_follow_up.get("letter_date")))
    deadline = _iso_date(run_follow_up.get("deadline"))
    letter = text["letter"].format(date=letter_day) if letter_day else ""
    groups: dict[str, list[FollowUpFinding]] = {"fixed": [], "not_fixed": [], "not_checked": []}
    for item in items:
        if item.get("status") in groups:
            finding = FollowUpFinding(
                rule_id=clean_text(item.get("rule_id")),
                title=clean_text(item.get("title")) or clean_text(item.get("rule_id")),
                status=item["status"],
                status_label=clean_text(item.get("status_label")),
            )
            groups[item["status"]].append(finding)
    fixed, not_fixed, not_checked = (tuple(groups[key]) for key in groups)
    late = deadline is not None and bool(run_follow_up.get("deadline_passed"))
    not_fixed_text = text["not_fixed"].format(
        date=earlier,
        deadline=text["deadline"].format(date=date_short(deadline)) if late else "",
        sent_by=text["sent_by"].format(date=letter_day) if letter_day else "",
    )
    all_fixed = fixed and not (not_fixed or not_checked)
    return FollowUpNote(
        fixed_text=text["fixed"].format(date=earlier, letter=letter) if fixed else "",
        fixed=fixed,
        not_fixed_text=not_fixed_text if not_fixed else "",
        not_fixed=not_fixed,
        not_checked_text=text["not_checked"].format(date=earlier) if not_checked else "",
        not_checked=not_checked,
        acknowledgement=(
            text["acknowledgement"].format(date=earlier, letter=letter) if all_fixed else ""
        ),
    )
