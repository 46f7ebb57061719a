"""The run history in Russian: the tables the CLI prints and the trend tables, worded from
cmn_audit/messages.py."""

from __future__ import annotations

from collections.abc import Sequence

from cmn_audit.history.diff import RunDiff
from cmn_audit.history.runs import FollowUp, RunEntry
from cmn_audit.messages import (
    CHANGE_LABELS,
    COUNTS,
    CRITERIA_LEGEND,
    CRITERION_LINE,
    DASH,
    DIFF_DOCUMENT,
    DIFF_DOCUMENTS,
    DIFF_HEADER,
    DIFF_NOT_CHECKED_NOTE,
    DIFF_NOTHING,
    DIFF_PROFILES,
    DIFF_SCHOOLS_ADDED,
    DIFF_SCHOOLS_REMOVED,
    DIFF_UNCOUNTED,
    DOCUMENT_CHANGE_LABELS,
    FAILURE_STAGES,
    FOLLOW_UP_DAYS,
    FOLLOW_UP_DEADLINE_NOT_PASSED,
    FOLLOW_UP_EARLIER,
    FOLLOW_UP_HEADER,
    FOLLOW_UP_NO_DEADLINE,
    FOLLOW_UP_NO_EARLIER,
    FOLLOW_UP_NOTHING,
    NOT_JUDGED,
    RUN_FAILURE_LINE,
    RUN_HELD_LINE,
    RUN_INTERRUPTED_LINE,
    RUN_LABEL_LINE,
    RUN_PARTIAL_LINE,
    RUN_STATUS_LABELS,
    RUNS_COLUMNS,
    RUNS_HEADER,
    RUNS_NONE,
    SCHOOL_HEADING,
    SCHOOL_LINE,
    TREND_COLUMNS,
    TREND_CRITERIA_COLUMNS,
    TREND_HEADER,
    TREND_MUNICIPALITY_COLUMNS,
    TREND_NONE,
    TREND_SHEETS,
)
from reports.exports.trends import Sheet
from reports.messages import FOLLOW_UP_LABELS, LEVEL_LABELS, OUTCOME_LABELS
from reports.russian import DAYS, date_short, decimal, percent, plural


def table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A plain-text table for the terminal: columns padded, the last one left free."""
    everything = [tuple(columns), *(tuple(row) for row in rows)]
    widths = [max(len(row[i]) for row in everything) for i in range(len(columns) - 1)]
    lines = []
    for index, row in enumerate(everything):
        cells = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)]
        lines.append("  " + "  ".join([*cells, row[-1]]).rstrip())
        if index == 0:
            lines.append("  " + "  ".join("─" * width for width in [*widths, len(row[-1])]))
    return lines


def profile_text(entry: RunEntry) -> str:
    if entry.profile_id is None:
        return DASH
    return (
        f"{entry.profile_id} ({entry.profile_version})"
        if entry.profile_version
        else entry.profile_id
    )


def render_runs(entries: Sequence[RunEntry]) -> str:
    """`cmn-audit history`: one line per run, then what each labelled or failed run was."""
    if not entries:
        return RUNS_NONE
    rows = []
    notes = []
    for entry in entries:
        complete = entry.status == "complete"
        rows.append(
            (
                entry.run_id,
                date_short(entry.audit_date or (entry.started_at and entry.started_at.date()))
                or DASH,
                profile_text(entry),
                str(entry.schools) if complete else DASH,
                str(entry.compliant) if complete else DASH,
                percent(entry.share_compliant) if complete else DASH,
                percent(entry.mean_score) if complete else DASH,
                RUN_STATUS_LABELS[entry.status],
            )
        )
        if entry.label:
            notes.append(RUN_LABEL_LINE.format(run_id=entry.run_id, label=entry.label))
        if entry.summary and entry.summary.rechecked:
            schools = ", ".join(entry.summary.rechecked)
            notes.append(RUN_PARTIAL_LINE.format(run_id=entry.run_id, schools=schools))
        if entry.status == "failed":
            notes.append(failure_line(entry))
        if entry.status == "interrupted":
            notes.append(RUN_INTERRUPTED_LINE.format(run_id=entry.run_id))
        if entry.letters_held:
            notes.append(RUN_HELD_LINE.format(run_id=entry.run_id))
    lines = [RUNS_HEADER.format(count=len(entries)), *table(RUNS_COLUMNS, rows)]
    return "\n".join([*lines, *([""] + notes if notes else [])])


def failure_line(entry: RunEntry) -> str:
    return RUN_FAILURE_LINE.format(
        run_id=entry.run_id,
        stage=FAILURE_STAGES.get(entry.stage or "", ""),
        error=entry.error,
        log=entry.log_path,
    )


def outcome_text(outcome: str | None) -> str:
    return OUTCOME_LABELS[outcome] if outcome else NOT_JUDGED


def document_change_text(change) -> str:
    """«добавлен», «удалён»; a file under the same link that began or ceased to open says so."""
    if change.change == "changed" and change.sha_before is None:
        return DOCUMENT_CHANGE_LABELS["appeared"]
    if change.change == "changed" and change.sha_after is None:
        return DOCUMENT_CHANGE_LABELS["vanished"]
    return DOCUMENT_CHANGE_LABELS[change.change]


def render_diff(diff: RunDiff) -> str:
    """`cmn-audit diff`: per school what was fixed, what is new, what persists; documents."""
    a, b = diff.run_a, diff.run_b
    lines = [
        DIFF_HEADER.format(
            a=a.run_id, a_date=date_short(a.audit_date), b=b.run_id, b_date=date_short(b.audit_date)
        )
    ]
    if (a.profile_id, a.profile_version) != (b.profile_id, b.profile_version):
        lines.append(DIFF_PROFILES.format(a=profile_text(a), b=profile_text(b)))
    for schools, run_id, template in (
        (diff.schools_added, a.run_id, DIFF_SCHOOLS_ADDED),
        (diff.schools_removed, b.run_id, DIFF_SCHOOLS_REMOVED),
    ):
        if schools:
            names = ", ".join(f"{name} ({org_id})" for org_id, name in schools)
            lines.append(template.format(run_id=run_id, count=len(schools), names=names))
    if not (diff.rules or diff.documents):
        return "\n".join([*lines, DIFF_NOTHING])
    # The totals count the criteria the score counts, as `follow-up` and the letters do; the
    # recommended and optional ones are named apart, school by school.
    counted = {c: len([i for i in diff.of(c) if i.counted]) for c in CHANGE_LABELS}
    lines.append(_counts(CHANGE_LABELS, counted))
    names = {item.org_id: item.org_name for item in diff.rules}
    for org_id in sorted({item.org_id for item in (*diff.rules, *diff.documents)}):
        lines += ["", SCHOOL_HEADING.format(name=names.get(org_id, org_id), org_id=org_id)]
        for change, label in CHANGE_LABELS.items():
            items = [i for i in diff.of(change) if i.org_id == org_id and i.counted]
            if items:
                shown = [
                    i.rule_id
                    if change != "not_checked"
                    else f"{i.rule_id} ({outcome_text(i.before)} → {outcome_text(i.after)})"
                    for i in items
                ]
                lines.append(SCHOOL_LINE.format(label=_capital(label), items=", ".join(shown)))
        uncounted = [
            f"{i.rule_id} ({CHANGE_LABELS[i.change]})"
            for change in CHANGE_LABELS
            for i in diff.of(change)
            if i.org_id == org_id and not i.counted
        ]
        if uncounted:
            lines.append(SCHOOL_LINE.format(label=DIFF_UNCOUNTED, items=", ".join(uncounted)))
        documents = [
            DIFF_DOCUMENT.format(
                change=document_change_text(d), url=d.url, what=f" ({d.title})" if d.title else ""
            )
            for d in diff.documents
            if d.org_id == org_id
        ]
        if documents:
            label = _capital(DIFF_DOCUMENTS)
            lines.append(SCHOOL_LINE.format(label=label, items="; ".join(documents)))
    lines += _legend({item.rule_id: item.rule_title for item in diff.rules})
    if diff.of("not_checked"):
        lines.append(DIFF_NOT_CHECKED_NOTE)
    return "\n".join(lines)


def render_follow_up(follow: FollowUp) -> str:
    """`cmn-audit follow-up`: per school which of the letters' findings were fixed, and when."""
    run = follow.run
    lines = [FOLLOW_UP_HEADER.format(run_id=run.run_id, date=date_short(run.audit_date))]
    earlier = follow.earlier
    if earlier is None:
        return "\n".join([*lines, FOLLOW_UP_NO_EARLIER])
    if not follow.deadline_passed:
        lines.append(FOLLOW_UP_DEADLINE_NOT_PASSED)
    lines.append(
        FOLLOW_UP_EARLIER.format(
            run_id=earlier.run_id,
            date=date_short(earlier.audit_date),
            letter_date=date_short(earlier.letter_date),
            deadline=date_short(earlier.deadline) or FOLLOW_UP_NO_DEADLINE,
        )
    )
    if not follow.items:
        return "\n".join([*lines, FOLLOW_UP_NOTHING.format(run_id=earlier.run_id)])
    lines.append(_counts(FOLLOW_UP_LABELS, {s: len(follow.of(s)) for s in FOLLOW_UP_LABELS}))
    names = {item.org_id: item.org_name for item in follow.items}
    for org_id in sorted(names):
        lines += ["", SCHOOL_HEADING.format(name=names[org_id], org_id=org_id)]
        for status, label in FOLLOW_UP_LABELS.items():
            shown = [
                item.rule_id
                if item.days_to_fix is None
                else FOLLOW_UP_DAYS.format(
                    rule_id=item.rule_id,
                    days=item.days_to_fix,
                    word=plural(item.days_to_fix, DAYS),
                )
                for item in follow.of(status)
                if item.org_id == org_id
            ]
            if shown:
                lines.append(SCHOOL_LINE.format(label=_capital(label), items=", ".join(shown)))
    return "\n".join([*lines, *_legend({item.rule_id: item.rule_title for item in follow.items})])


def _counts(labels: dict[str, str], counts: dict[str, int]) -> str:
    parts = [COUNTS.format(label=label, count=counts[key]) for key, label in labels.items()]
    return _capital("; ".join(parts)) + "."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _legend(titles: dict[str, str]) -> list[str]:
    """The criteria the lines name by code, each once, in code order."""
    return [
        "",
        CRITERIA_LEGEND,
        *(CRITERION_LINE.format(rule_id=key, title=titles[key]) for key in sorted(titles)),
    ]


def render_trend(entries: Sequence[RunEntry]) -> str:
    """The municipality's figures run by run, as `cmn-audit trends` prints them."""
    if not entries:
        return TREND_NONE
    rows = [row_text(row) for row in municipality_rows(entries)]
    return "\n".join(
        [TREND_HEADER.format(count=len(entries)), *table(TREND_MUNICIPALITY_COLUMNS, rows)]
    )


def row_text(row: Sequence[object]) -> tuple[str, ...]:
    """Cells for the terminal: dates as ДД.ММ.ГГГГ, numbers with a decimal comma."""
    return tuple(
        date_short(cell)
        if hasattr(cell, "isoformat")
        else decimal(cell)
        if isinstance(cell, float)
        else DASH
        if cell is None
        else str(cell)
        for cell in row
    )


def municipality_rows(entries: Sequence[RunEntry]) -> list[list[object]]:
    return [
        [
            entry.audit_date,
            entry.run_id,
            profile_text(entry),
            entry.schools,
            entry.checked,
            entry.compliant,
            entry.share_compliant,
            entry.mean_score,
        ]
        for entry in entries
    ]


def trend_rows(points) -> list[list[object]]:
    """The long table of `cmn-audit trends`: one row per run, school and criterion."""
    return [
        [
            point.run_date,
            point.run_id,
            point.profile_id,
            point.org_id,
            point.org_name,
            point.rule_id,
            point.rule_title,
            "да" if point.counted else "нет",
            outcome_text(point.outcome),
            point.outcome or "",
            {"pass": 1, "fail": 0}.get(point.outcome),
            None if point.score is None else round(float(point.score), 1),
            LEVEL_LABELS[point.level],
            point.level,
        ]
        for point in points
    ]


def criteria_rows(criteria) -> list[list[object]]:
    """Per run and criterion: schools passing, failing, not checked, share passing."""
    return [
        [
            item.run_date,
            item.run_id,
            item.rule_id,
            item.rule_title,
            item.passed,
            item.failed,
            item.not_checked,
            item.share_passed,
        ]
        for item in criteria
    ]


def trend_sheets(points, runs: Sequence[RunEntry], criteria) -> list[Sheet]:
    """The workbook of `cmn-audit trends`: schools × criteria, the municipality, the criteria."""
    return [
        Sheet(
            TREND_SHEETS["points"],
            TREND_COLUMNS,
            trend_rows(points),
            outcome_column=TREND_COLUMNS.index("outcome"),
        ),
        Sheet(TREND_SHEETS["municipality"], TREND_MUNICIPALITY_COLUMNS, municipality_rows(runs)),
        Sheet(TREND_SHEETS["criteria"], TREND_CRITERIA_COLUMNS, criteria_rows(criteria)),
    ]
