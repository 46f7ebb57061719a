"""The Russian text of `cmn-audit explain` and `cmn-audit review`."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import unquote

from audit_rules.explain import Explanation
from audit_rules.messages import FILES_UNREADABLE
from cmn_audit import messages
from cmn_audit.judgement.review import REVIEW_CONFIDENCE, ReviewList
from crawler.understand.vocabulary import AUDIENCE_LABELS, ISSUER_LABELS, KIND_LABELS
from reports.context import readable_url
from reports.messages import (
    EXTRACT_STATUS_LABELS,
    FETCH_OUTCOME_LABELS,
    OUTCOME_LABELS,
    SEVERITY_LABELS,
)

LABELS = {
    "kind": KIND_LABELS,
    "audience": AUDIENCE_LABELS,
    "issuer": ISSUER_LABELS,
    "fetch_status": FETCH_OUTCOME_LABELS,
    "extract_status": EXTRACT_STATUS_LABELS,
}
CANDIDATES_SHOWN = 5


def _value(field: str, value: Any) -> str:
    if field in LABELS:
        label = LABELS[field].get(value, value)
        # Kind and audience codes are what `cmn-audit review --kind/--audience` takes.
        return f"{label} ({value})" if field in ("kind", "audience") else label
    if isinstance(value, bool):
        return messages.EXPLAIN_YES_NO[value]
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return str(value)


def row_line(row: dict[str, Any], mark: str = "") -> str:
    """One evidence row: its URL, its link text or title, and the facts a rule can test."""
    label = row.get("link_text") or row.get("title") or row.get("text") or row.get("section_title")
    head = f"  {mark}{row['url']}" + (f" — «{label}»" if label else "")
    facts = [
        f"{name}: {_value(field, row[field])}"
        for field, name in messages.EXPLAIN_FIELDS.items()
        if row.get(field) not in (None, [], ())
        and not (field in ("extract_status", "fetch_status") and row[field] == "ok")
    ]
    return head + ("; " + "; ".join(facts) if facts else "")


def _candidates(raw: Any) -> list[str]:
    items = json.loads(raw) if isinstance(raw, str) else raw or []
    ranked = sorted((c for c in items if isinstance(c, dict)), key=lambda c: -(c.get("score") or 0))
    return [unquote(str(c.get("url"))) for c in ranked[:CANDIDATES_SHOWN]]


def verdict_reason(expl: Explanation) -> str | None:
    """The «Почему» line: the site down, what was found against what is needed, or why the
    program left the verdict to the methodologist (unread files, or found but undecided)."""
    verdict, org = expl.verdict, expl.org
    outcome = verdict["computed_outcome"] or verdict["outcome"]
    if outcome == "not_applicable":
        return verdict["note"]  # the organisation's type, whatever its site showed
    if not org["site_checked"]:
        return messages.EXPLAIN_SITE_DOWN.format(status=verdict["note"] or org["site_status"])
    if expl.min_count is None:
        return None
    if outcome == "not_checked":
        note = verdict["note"] or ""
        if note and not note.startswith(FILES_UNREADABLE):
            # Found, but what it is the program cannot decide (a news item's audience, say).
            return messages.EXPLAIN_UNDECIDED.format(
                count=expl.matched_count, min_count=expl.min_count, note=note
            )
        return messages.EXPLAIN_UNREAD.format(count=expl.matched_count, min_count=expl.min_count)
    return messages.EXPLAIN_FOUND.format(count=expl.matched_count, min_count=expl.min_count)


def render_explanation(expl: Explanation, profile_id: str) -> str:
    """Everything behind one verdict, top to bottom: rule, outcome, why, rows, decision."""
    rule, verdict, org = expl.rule, expl.verdict, expl.org
    words = OUTCOME_LABELS
    lines = [
        messages.EXPLAIN_HEADER.format(
            run_id=expl.run_id, name=org["name"], org_id=org["org_id"], rule_id=rule["rule_id"]
        ),
        messages.EXPLAIN_RULE.format(
            title=rule["title"],
            section=rule["section"] or "—",
            severity=SEVERITY_LABELS.get(rule["severity"], rule["severity"]),
            weight=f"{float(rule['weight']):g}".replace(".", ","),
        ),
        messages.EXPLAIN_SOURCE.format(source=rule["source_title"]),
        messages.EXPLAIN_QUOTE.format(quote=rule["source_quote"]),
    ]
    if expl.view is None:
        lines.append(messages.EXPLAIN_PROFILE_MISSING.format(profile=profile_id))
    else:
        view = messages.EXPLAIN_VIEWS.get(expl.view, expl.view)
        lines.append(messages.EXPLAIN_CHECK.format(view=view, min_count=expl.min_count))
        lines.append(f"    {expl.view}: {expl.where}")
    lines.append("")
    lines.append(messages.EXPLAIN_OUTCOME.format(outcome=words[verdict["outcome"]]))
    if verdict["overridden"] and verdict["computed_outcome"]:
        lines.append(messages.EXPLAIN_COMPUTED.format(outcome=words[verdict["computed_outcome"]]))
    if verdict["note"]:
        lines.append(messages.EXPLAIN_NOTE.format(note=verdict["note"]))
    if verdict["evidence"]:
        lines.append(messages.EXPLAIN_EVIDENCE.format(urls=", ".join(verdict["evidence"])))
    why = verdict_reason(expl)
    if why:
        lines.append(why)
    if org["section_found"]:
        lines.append(messages.EXPLAIN_SECTION_FOUND.format(url=org["section_url"]))
    elif org["site_checked"]:
        urls = ", ".join(_candidates(org["candidates"])) or messages.REVIEW_NO_CANDIDATES
        lines.append(messages.EXPLAIN_SECTION_MISSING.format(urls=urls))
    if org["site_checked"]:
        lines.extend(_rows_block(expl))
    if expl.override is not None:
        decision = expl.override
        lines.append("")
        lines.append(
            messages.EXPLAIN_OVERRIDE.format(
                date=f"{decision.decided_at:%d.%m.%Y}",
                outcome=words[decision.outcome],
                reason=decision.reason,
                run_id=decision.run_id,
            )
        )
        lines.append(
            messages.EXPLAIN_OVERRIDE_APPLIED
            if expl.override_current
            else messages.EXPLAIN_OVERRIDE_STALE
        )
    return "\n".join(lines)


def _rows_block(expl: Explanation) -> list[str]:
    """The matched rows, the unread files that might hide a match, what else the school has."""
    if expl.view is None:
        return []
    known = {row["url"]: row for row in expl.context} if expl.context_kind == "documents" else {}
    lines = ["", messages.EXPLAIN_MATCHED.format(count=len(expl.matched))]
    lines += [row_line({**known.get(row["url"], {}), **row}) for row in expl.matched]
    if not expl.matched:
        lines.append(messages.EXPLAIN_NONE)
    if expl.unreadable:
        lines += ["", messages.EXPLAIN_UNREADABLE.format(count=len(expl.unreadable))]
        lines += [row_line(row) for row in expl.unreadable]
    if expl.context_kind:
        matched = {row["url"] for row in expl.matched}
        if expl.view == "v_roadmap_news":
            matched |= {row["roadmap_url"] for row in expl.matched}
        title = messages.EXPLAIN_CONTEXT[expl.context_kind]
        lines += ["", title.format(count=len(expl.context))]
        lines += [row_line(row, "✓ " if row["url"] in matched else "  ") for row in expl.context]
        if not expl.context:
            lines.append(messages.EXPLAIN_NONE)
    return lines


def _table(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """A plain-text table, the last column unpadded."""
    everything = [columns, *rows]
    widths = [max(len(row[i]) for row in everything) for i in range(len(columns) - 1)]
    lines = []
    for row in everything:
        cells = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)]
        lines.append("  " + "  ".join([*cells, row[-1]]).rstrip())
    return lines


def render_review(review: ReviewList, run_id: str) -> str:
    """The review list as `cmn-audit review` prints it, with the commands that decide it."""
    lines = [messages.REVIEW_HEADER.format(run_id=run_id)]
    if not (review.documents or review.sections or review.stale_overrides):
        return "\n".join([*lines, messages.REVIEW_NOTHING])
    threshold = _value("confidence", REVIEW_CONFIDENCE)
    if review.documents:
        lines += ["", messages.REVIEW_DOCUMENTS.format(count=len(review.documents))]
        rows = []
        for doc in review.documents:
            why = (
                messages.REVIEW_LOW_CONFIDENCE.format(threshold=threshold)
                if doc["read"]
                else messages.REVIEW_UNREAD.format(
                    status=_value("extract_status", doc["extract_status"])
                    if doc["fetch_status"] == "ok"
                    else _value("fetch_status", doc["fetch_status"])
                )
            )
            label = f" «{doc['link_text']}»" if doc["link_text"] else ""
            rows.append(
                (
                    doc["org_id"],
                    readable_url(doc["url"]) + label,
                    KIND_LABELS.get(doc["kind"], doc["kind"]),
                    AUDIENCE_LABELS.get(doc["audience"], doc["audience"]),
                    "—" if doc["confidence"] is None else _value("c", doc["confidence"]),
                    why,
                )
            )
        lines += _table(messages.REVIEW_DOCUMENT_COLUMNS, rows)
    if review.sections:
        lines += ["", messages.REVIEW_SECTIONS.format(count=len(review.sections))]
        rows = [
            (
                f"{row['org_id']} ({row['name']})",
                row["site_url"],
                ", ".join(_candidates(row["candidates"])) or messages.REVIEW_NO_CANDIDATES,
            )
            for row in review.sections
        ]
        lines += _table(messages.REVIEW_SECTION_COLUMNS, rows)
    if review.stale_overrides:
        lines += ["", messages.REVIEW_STALE.format(count=len(review.stale_overrides))]
        lines += [
            "  "
            + messages.REVIEW_STALE_LINE.format(
                org_id=item.org_id,
                rule_id=item.rule_id,
                date=f"{item.decided_at:%d.%m.%Y}",
                outcome=OUTCOME_LABELS[item.outcome],
                reason=item.reason,
            )
            for item in review.stale_overrides
        ]
    lines += ["", messages.REVIEW_HINTS]
    return "\n".join(lines)
