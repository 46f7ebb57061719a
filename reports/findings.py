"""What a school's letter and its dashboard page both report beyond the verdicts.

Broken section links, slips inside the documents and a methodologist's decision read the same
wherever they are printed, so they are worded once here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from crawler.fetch_outcomes import ACCESS_REFUSED

from .context import Link, clean_text, doc_title, make_link
from .messages import (
    BROKEN_LINK_REASONS,
    EVENTS_MORE,
    EVENTS_REMARK,
    EVENTS_UNCOVERED,
    LETTER_FOLLOW_UP_TEXT,
    OVERRIDE_LABEL,
)
from .russian import date_short

MAX_EVENTS_NAMED = 5  # events a letter names one by one; the rest are counted


def override_text(item: dict[str, Any]) -> str:
    """«решение методиста: …» for an outcome a methodologist set, else empty.

    A reader must see that a person, not the crawler, decided the outcome.
    """
    if not item.get("overridden"):
        return ""
    return OVERRIDE_LABEL.format(reason=clean_text(item["override_reason"]))


def broken_links(org: dict[str, Any]) -> tuple[tuple[Link, str], ...]:
    """Document links of the section that answer 4xx, serve an error page instead, or are
    no web address at all (`C:\\…`, `file:`).

    The school can fix such a link at once, so it is named with the reason it fails.
    """
    broken = []
    for document in org["documents"]:
        status = document["http_status"]
        missing = status and 400 <= status < 500 and status not in ACCESS_REFUSED
        if document["fetch_status"] == "http_error" and missing:
            reason = BROKEN_LINK_REASONS["http_error"].format(status=status)
        elif document["extract_status"] == "not_a_document":
            reason = BROKEN_LINK_REASONS["not_a_document"]
        elif document["fetch_status"] in ("host_unresolved", "bad_link"):
            reason = BROKEN_LINK_REASONS[document["fetch_status"]]
        else:
            continue
        label = document.get("link_text") or document.get("title")
        broken.append((make_link(document["url"], label), reason))
    return tuple(broken)


def document_remarks(org: dict[str, Any], *, whole: bool = False) -> tuple[tuple[Link, str], ...]:
    """What is wrong inside the section's mentorship documents, one line per problem.

    A document that is present can still fail the monitoring (wrong act date, expired
    roadmap…); the remark says which document and what to correct. `whole`: the document's
    title unshortened, as a signed letter prints it.
    """
    remarks = []
    repeated = {
        (item["url"], item["code"]): item
        for item in (org.get("remarks_follow_up") or {}).get("repeated", [])
    }
    for document, problem in slips(org):
        detail = f"{problem['title']}: {clean_text(problem['detail'])}"
        earlier = repeated.get((document["url"], problem.get("code")))
        if earlier is not None:
            day = date_short(iso_date(earlier.get("letter_date")))
            detail += LETTER_FOLLOW_UP_TEXT["remark_repeated"].format(date=day) if day else ""
        remarks.append((make_link(document["url"], doc_title(document), whole=whole), detail))
    return tuple(remarks)


def iso_date(value: Any) -> dt.date | None:
    """A date results.json writes (ISO 8601), or None when absent or unreadable."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def slips(org: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(document, problem) for each slip inside the section's mentorship documents (a
    look-alike's slips are not the school's)."""
    for document in org["documents"]:
        if document["kind"] == "not_mentorship":
            continue
        for problem in document["problems"]:
            yield document, problem


def due_events(document: dict[str, Any], audit_date: dt.date) -> tuple[list[dict], list[dict]]:
    """A roadmap's events whose term has come by the audit date: (reported in news, not)."""
    due = [
        event
        for event in document.get("events") or []
        if "covered_by" in event
        and (not event.get("due_date") or dt.date.fromisoformat(event["due_date"]) <= audit_date)
    ]
    return (
        [event for event in due if event["covered_by"]],
        [event for event in due if not event["covered_by"]],
    )


def coverage_remarks(org: dict[str, Any], audit_date: dt.date) -> tuple[tuple[Link, str], ...]:
    """One line per roadmap: how many of its events already due were reported in the school's
    news, and which were not (the Усть-Ишим letter's «освещение мероприятий Дорожной карты»)."""
    remarks = []
    for document in org["documents"]:
        if document["kind"] != "roadmap":
            continue
        covered, uncovered = due_events(document, audit_date)
        if not covered and not uncovered:
            continue
        total = len(covered) + len(uncovered)
        text = EVENTS_REMARK.format(covered=len(covered), total=total)
        if uncovered:
            names = "; ".join(event_name(event) for event in uncovered[:MAX_EVENTS_NAMED])
            more = len(uncovered) - MAX_EVENTS_NAMED
            tail = EVENTS_MORE.format(count=more) if more > 0 else ""
            text += EVENTS_UNCOVERED.format(names=names, more=tail)
        remarks.append((make_link(document["url"], doc_title(document), whole=True), text))
    return tuple(remarks)


def event_name(event: dict[str, Any]) -> str:
    """A roadmap event as letters and the reference name it: its title and its term."""
    title = clean_text(event.get("title") or "")
    return f"{title} ({clean_text(event['due'])})" if event.get("due") else title
