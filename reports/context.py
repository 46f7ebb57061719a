"""Pieces shared by the report contexts: run facts, safe links and evidence labels."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from crawler.understand.vocabulary import KIND_LABELS

from . import messages
from .russian import DEFAULT_SECTION, SectionWords, date_long, date_short
from .typography import document_title, nested_quotes

SAFE_SCHEMES = ("http", "https")
LABEL_MAX = 90
PART_TITLE_MAX = 40  # a part's label keeps its pages and file within LABEL_MAX
PART_FILE_MAX = 25
# Characters XML 1.0 (and so DOCX) refuses, plus stray controls that break layout.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Link:
    """A URL with a human label; `href` is None when the URL is not safe to make clickable."""

    url: str
    label: str
    href: str | None
    address: bool = False  # the label is the address itself: it may wrap anywhere, words not


@dataclass(frozen=True)
class RunInfo:
    """The facts about a run every report prints."""

    run_id: str
    audit_date: dt.date
    audit_date_text: str
    audit_date_short: str
    municipality: str
    profile_id: str
    profile_version: str
    section: SectionWords = DEFAULT_SECTION  # how the run's source names the section
    facts_until: dt.date | None = None  # a run dated in the past (`run --on`): that day
    read_on: dt.date | None = None  # the day the sites were read (the run's start)


def clean_text(value: Any) -> str:
    """Text from a site made fit for print: no control characters, single spaces, quotes
    within quotes as „…“."""
    if value is None:
        return ""
    return nested_quotes(_SPACES.sub(" ", _CONTROL.sub(" ", str(value))).strip())


def safe_href(url: str | None) -> str | None:
    """The URL if it is an ordinary web address; never a javascript: or data: link."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    return clean_text(url)


def short_url(url: str, *, whole: bool = False) -> str:
    """A readable rendering of a URL for a label: host and decoded path, shortened unless
    `whole` (an address printed in a signed letter must be retypable from the paper)."""
    try:
        parts = urlsplit(url)
        text = parts.netloc + unquote(parts.path)
        if parts.query:
            text += "?" + unquote(parts.query)
    except ValueError:
        text = url
    text = clean_text(text).rstrip("/") or clean_text(url)
    return text if whole or len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"


def readable_url(url: str) -> str:
    """The URL as a person reads it: «%D0%BD…» decoded to Cyrillic, nothing shortened."""
    try:
        return clean_text(unquote(url))
    except (TypeError, ValueError):
        return clean_text(url)


def make_link(url: str, label: str | None = None, *, whole: bool = False) -> Link:
    """A Link labelled with `label` or, lacking one, with the shortened URL.

    `whole`: the label as it is, however long (a signed letter never cuts a title short);
    otherwise a long label is shortened at a word boundary for tables and tooltips.
    """
    text = clean_text(label)
    if not whole and len(text) > LABEL_MAX:
        text = _shortened(text, LABEL_MAX)
    address = short_url(url, whole=whole)
    return Link(
        url=clean_text(url),
        label=text or address,
        href=safe_href(url),
        address=not text or text == address,
    )


def doc_title(doc: dict[str, Any]) -> str:
    """A document as reports name it: its own title whole, else the text of its link."""
    title = document_title(clean_text(doc.get("title")))
    return title or clean_text(doc.get("link_text"))


def evidence_labels(
    org: dict[str, Any], *, whole: bool = False, section: SectionWords = DEFAULT_SECTION
) -> dict[str, str]:
    """URL → the best name the run knows for it: document title, news headline, link text."""
    labels: dict[str, str] = {}
    for link in org["links"]:
        if clean_text(link["text"]):
            labels.setdefault(link["url"], link["text"])
    for item in org["news"]:
        if clean_text(item["title"]):
            labels[item["url"]] = item["title"]
    for doc in org["documents"]:
        name = doc_title(doc)
        if name:
            labels[doc["url"]] = name
        for part in doc.get("parts", ()):
            labels[part["url"]] = part_label(part, name or short_url(doc["url"]), whole=whole)
    if org["section"]["url"]:
        labels[org["section"]["url"]] = org["section"]["title"] or section.capital
    return labels


def part_label(part: dict[str, Any], file_name: str, *, whole: bool = False) -> str:
    """«Положение о наставничестве (стр. 3–6 файла «Приказ № 112-од…»)»: which part counted."""
    first, last = part["first_page"], part["last_page"]
    pages = "" if first is None else str(first) if last in (None, first) else f"{first}–{last}"
    title = document_title(clean_text(part["title"])) or messages.PART_UNTITLED.format(
        kind=KIND_LABELS.get(part["kind"], part["kind"])
    )
    file_name = clean_text(file_name)
    return clean_text(
        messages.PART_LABEL.format(
            title=title if whole else _shortened(title, PART_TITLE_MAX),
            pages=messages.PART_PAGES.format(pages=pages) if pages else "",
            file=file_name if whole else _shortened(file_name, PART_FILE_MAX),
        )
    )


def _shortened(text: str, limit: int) -> str:
    """`text` cut to `limit` at a word boundary, with «…»; never in the middle of a word."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"


def evidence_links(
    urls: list[str], labels: dict[str, str], *, whole: bool = False, named_in: str = ""
) -> tuple[Link, ...]:
    """The evidence URLs of one outcome as labelled links, without duplicates.

    A label the criterion already says (`named_in`: «раздел «Наставничество»» — «Наставничество»)
    would only repeat it: such a link is named by its address instead.
    """
    seen: dict[str, Link] = {}
    said = _bare(named_in)
    for url in urls:
        if url not in seen:
            label = labels.get(url)
            if said and label and _bare(label) in said:
                label = short_url(url)
            seen[url] = make_link(url, label, whole=whole)
    return tuple(seen.values())


def _bare(text: str | None) -> str:
    """Text compared for repetition: lower case, no quotes."""
    return re.sub(r"[«»„“\"]", "", clean_text(text)).lower()


def run_info(results: dict[str, Any]) -> RunInfo:
    """Run facts from a results document."""
    run = results["run"]
    audit_date = dt.date.fromisoformat(run["audit_date"])
    return RunInfo(
        run_id=run["run_id"],
        audit_date=audit_date,
        audit_date_text=date_long(audit_date),
        audit_date_short=date_short(audit_date),
        municipality=clean_text(run["municipality"]),
        profile_id=run["profile"]["id"],
        profile_version=run["profile"]["version"] or "",
        section=SectionWords.of(run),
        facts_until=_day(run.get("facts_until")),
        read_on=_day(run.get("started_at")),
    )


def _day(value: str | None) -> dt.date | None:
    """The day of an ISO date or timestamp of results.json, None when absent."""
    return dt.date.fromisoformat(value[:10]) if value else None


def display_name(org: dict[str, Any]) -> str:
    """The name reports use for an organisation: its short name, else its full name."""
    return clean_text(org["short_name"]) or clean_text(org["name"])


def scored(results: dict[str, Any]) -> bool:
    """Whether the run's profile counts any criterion in the score (a profile of criteria
    the centre's practice expects only counts none)."""
    return any(rule["counted"] for rule in results["rules"])


def site_checked(org: dict[str, Any]) -> bool:
    """True when the site answered, so its contents could be judged."""
    return org["site"]["status"] == "ok"


def nothing_applies(org: dict[str, Any]) -> bool:
    """No criterion of the run is for the organisation's type (a kindergarten under the
    pupils' model): it has no level and gets no letter."""
    return bool(org["results"]) and all(
        item["outcome"] == "not_applicable" for item in org["results"]
    )


def level_label(results: dict[str, Any], org: dict[str, Any]) -> str:
    """A school's level in words. A checked school of a run that scores nothing has no level
    («не рассчитывается»), nor has an organisation no criterion applies to («не применимо»);
    neither is «не проверено»."""
    if nothing_applies(org):
        return messages.OUTCOME_LABELS["not_applicable"]
    if not scored(results) and site_checked(org):
        return messages.NOT_SCORED_LABEL
    return messages.LEVEL_LABELS[org["level"]]
