"""Read a crawl's staging file and turn its items into per-organisation facts rows."""

from __future__ import annotations

import contextlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cmn_audit.messages import PARTIAL_CHECK_REASONS
from cmn_audit.registry import Organisation
from crawler.discovery import score_link

UNREACHABLE_OUTCOMES = frozenset({"timeout", "dns_error", "connection_error"})
# Limits that leave any part of a site unread, found section or not: the site is checked in
# part, so no rule may fail on what was never read.
# Limits that leave the section's own content unseen, even when the section was found.
SITE_WIDE_LIMITS = frozenset(
    {"time_budget", "page_budget", "js_content_no_browser", "js_content_render_failed"}
)
MAX_CANDIDATES_KEPT = 15


@dataclass
class CrawlRecords:
    """All items of one crawl, grouped by organisation and item type."""

    by_org: dict[str, dict[str, list[dict]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )

    def items(self, org_id: str, item_type: str) -> list[dict]:
        return self.by_org[org_id][item_type]

    def all_items(self, item_type: str) -> list[dict]:
        """Items of one type across organisations."""
        return [item for items in self.by_org.values() for item in items[item_type]]

    def hashes(self, item_type: str) -> set[str]:
        """SHA-256 of every stored body of this item type, across organisations."""
        return {item["sha256"] for item in self.all_items(item_type) if item.get("sha256")}


def read_staging(path: Path) -> CrawlRecords:
    """Parse the JSON lines the crawl wrote; a truncated last line (killed crawl) is skipped."""
    records = CrawlRecords()
    if not path.exists():
        return records
    with path.open(encoding="utf-8") as handle:
        for item in staged_items(handle):
            records.by_org[item["org_id"]][item["type"]].append(item)
    return records


def staged_items(lines: Iterable[str]) -> Iterator[dict]:
    """The items of staging lines; a line that is no JSON (cut off by a killed crawl) is
    skipped."""
    for line in lines:
        with contextlib.suppress(json.JSONDecodeError):
            yield json.loads(line)


def site_row(run_id: str, org: Organisation, records: CrawlRecords) -> dict:
    """Whether the site could be checked and where its section is, from the crawl's items."""
    fetches = records.items(org.id, "FetchItem")
    home = [f for f in fetches if f["purpose"] == "home"]
    home_ok = any(f["outcome"] == "ok" and (f["http_status"] or 0) < 400 for f in home)
    if home_ok:
        status, error = "ok", None
    else:
        last = home[-1] if home else None
        outcome = last["outcome"] if last else "error"
        status = "unreachable" if outcome in UNREACHABLE_OUTCOMES else "error"
        error = _describe_failure(last)
    roots = [p for p in records.items(org.id, "SectionPageItem") if p["is_section_root"]]
    section = roots[0] if roots else None
    limits = records.items(org.id, "PartialCheckItem")
    wide = [item for item in limits if item["reason"] in SITE_WIDE_LIMITS]
    if status == "ok" and (wide or (section is None and limits)):
        # The section, or its files, may hide behind what could not be opened: not checked,
        # not failed.
        reason = (wide or limits)[0]["reason"]
        status, error = "incomplete", PARTIAL_CHECK_REASONS.get(reason, reason)
    candidates = _candidates(records.items(org.id, "CandidateItem"))
    return {
        "run_id": run_id,
        "org_id": org.id,
        "site_status": status,
        "site_error": error,
        "home_url": org.site_url,
        "section_found": section is not None,
        "section_url": section["url"] if section else None,
        "section_title": _section_name(section, candidates) if section else None,
        "candidates": json.dumps(candidates, ensure_ascii=False),
        "pages_crawled": len(fetches),
    }


def _section_name(section: dict, candidates: list[dict]) -> str | None:
    """The name a methodologist recognises: the page's own heading when it names the section,
    else the menu text that led there (many templates head every page with the school's name)."""
    title = section["title"]
    if title and score_link("", title).value > 0:
        return title
    led_there = (c["text"] for c in candidates if c["url"] == section["url"] and c["text"])
    return next(led_there, None) or title


def _candidates(items: list[dict]) -> list[dict]:
    best: dict[str, dict] = {}
    for item in items:
        if item["url"] not in best or item["score"] > best[item["url"]]["score"]:
            best[item["url"]] = {"url": item["url"], "text": item["text"], "score": item["score"]}
    ranked = sorted(best.values(), key=lambda c: (-c["score"], c["url"]))
    return ranked[:MAX_CANDIDATES_KEPT]


def _describe_failure(fetch: dict | None) -> str:
    if fetch is None:
        return "error"
    if fetch["outcome"] == "http_error":
        return f"HTTP {fetch['http_status']}"
    return fetch["outcome"]


FETCH_COLUMNS = (
    "url",
    "http_status",
    "outcome",
    "content_type",
    "size",
    "sha256",
    "fetched_at",
    "referer",
    "purpose",
    "cache_state",
)
PAGE_COLUMNS = ("url", "title", "text", "is_section_root", "sha256")
LINK_COLUMNS = ("page_url", "url", "text", "is_external", "is_document")


def unique_items(items: list[dict], *keys: str) -> list[dict]:
    """Items in crawl order, each (by the values of `keys`) once."""
    seen: set[tuple] = set()
    kept = []
    for item in items:
        key = tuple(item[k] for k in keys)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _project(run_id: str, org_id: str, items: list[dict], columns: tuple[str, ...]) -> list[dict]:
    """Table rows from staged items whose fields carry the table's column names."""
    return [
        {"run_id": run_id, "org_id": org_id, **{column: item.get(column) for column in columns}}
        for item in items
    ]


def fetch_rows(run_id: str, org_id: str, records: CrawlRecords) -> list[dict]:
    return _project(run_id, org_id, records.items(org_id, "FetchItem"), FETCH_COLUMNS)


def page_rows(run_id: str, org_id: str, records: CrawlRecords) -> list[dict]:
    return _project(run_id, org_id, records.items(org_id, "SectionPageItem"), PAGE_COLUMNS)


def link_rows(run_id: str, org_id: str, records: CrawlRecords) -> list[dict]:
    links = unique_items(records.items(org_id, "LinkItem"), "page_url", "url")
    return _project(run_id, org_id, links, LINK_COLUMNS)


class StagingFollower:
    """Follows the staging file while the crawl child writes it: each `poll()` hands the
    records written since the last one to `on_records` (a run reads a site's documents while
    others are crawled). Polled from the thread that waits for the crawl, so that what
    `on_records` starts (reading workers) lives as long as the run.

    Only whole lines are read: a line the crawler is still writing waits for the next poll.
    A record that cannot be parsed is left to `read_staging`, which decides for the run.
    """

    def __init__(self, path: Path, on_records: Callable[[list[dict]], None]) -> None:
        self.path = path
        self.on_records = on_records
        self._offset = 0

    def poll(self) -> None:
        if not self.path.exists():
            return
        with self.path.open("rb") as handle:
            handle.seek(self._offset)
            chunk = handle.read()
        whole = chunk[: chunk.rfind(b"\n") + 1]
        if not whole:
            return
        self._offset += len(whole)
        records = list(staged_items(whole.decode("utf-8", "replace").splitlines()))
        if records:
            self.on_records(records)
