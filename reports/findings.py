"""What a school's letter and its dashboard page both report beyond the verdicts.

Broken section links, slips inside the documents and a methodologist's decision read the same
wherever they are printed, so they are worded once here.
"""

from __future__ import annotations

from typing import Any

from .context import Link, clean_text, make_link
from .messages import BROKEN_LINK_REASONS, OVERRIDE_LABEL


def override_text(item: dict[str, Any]) -> str:
    """«решение методиста: …» for an outcome a methodologist set, else empty.

    A reader must see that a person, not the crawler, decided the outcome.
    """
    if not item.get("overridden"):
        return ""
    return OVERRIDE_LABEL.format(reason=clean_text(item["override_reason"]))


def broken_links(org: dict[str, Any]) -> tuple[tuple[Link, str], ...]:
    """Document links of the section that answer 4xx or serve an error page instead.

    The school can fix such a link at once, so it is named with the reason it fails.
    """
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


def document_remarks(org: dict[str, Any]) -> tuple[tuple[Link, str], ...]:
    """What is wrong inside the section's mentorship documents, one line per problem.

    A document that is present can still fail the monitoring (wrong act date, expired
    roadmap…); the remark says which document and what to correct.
    """
    remarks = []
    for document in org["documents"]:
        if document["kind"] == "not_mentorship":
            continue
        label = document.get("title") or document.get("link_text")
        for problem in document["problems"]:
            detail = f"{problem['title']}: {clean_text(problem['detail'])}"
            remarks.append((make_link(document["url"], label), detail))
    return tuple(remarks)
