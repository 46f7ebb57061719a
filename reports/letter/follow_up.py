"""What a letter says of the previous letter's findings: fixed, still open, not checked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..context import clean_text
from ..findings import iso_date
from ..messages import FOLLOW_UP_LABELS, LETTER_FOLLOW_UP_TEXT
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


def follow_up_note(results: dict[str, Any], org: dict[str, Any]) -> FollowUpNote | None:
    """The earlier letter's findings of this school (results.json `follow_up`), or None.

    None when the run follows up no earlier run or the earlier letter reported nothing to
    this school (no failed criterion, no remark on a document): such a letter reads exactly
    as a first one.
    """
    run_follow_up = results.get("follow_up") or {}
    items = org.get("follow_up") or []
    remarks = org.get("remarks_follow_up") or {}
    if not run_follow_up or not (items or remarks.get("fixed") or remarks.get("repeated")):
        return None
    text = LETTER_FOLLOW_UP_TEXT
    # A school re-checked by a partial run is followed up from that run's reply letter.
    own = items[0] if items else {}
    earlier = date_short(iso_date(own.get("earlier_date") or run_follow_up.get("earlier_date")))
    letter_day = date_short(iso_date(own.get("letter_date") or run_follow_up.get("letter_date")))
    deadline = iso_date(run_follow_up.get("deadline"))
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
    for remark in remarks.get("fixed", []):
        title = text["remark_fixed"].format(
            document=clean_text(remark.get("document")), title=clean_text(remark.get("title"))
        )
        groups["fixed"].append(FollowUpFinding("", title, "fixed", FOLLOW_UP_LABELS["fixed"]))
    fixed, not_fixed, not_checked = (tuple(groups[key]) for key in groups)
    late = deadline is not None and bool(run_follow_up.get("deadline_passed"))
    not_fixed_text = text["not_fixed"].format(
        date=earlier,
        deadline=text["deadline"].format(date=date_short(deadline)) if late else "",
        sent_by=text["sent_by"].format(date=letter_day) if letter_day else "",
    )
    # A remark on a document found again is not fixed either (the remarks list says so).
    all_fixed = fixed and not (not_fixed or not_checked or remarks.get("repeated"))
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
