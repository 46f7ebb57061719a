"""What the spider yields: facts about responses, the section, its links, documents and news."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FetchItem:
    """One request's result: a response (any status) or the reason none arrived."""

    org_id: str
    url: str
    # ok | http_error | timeout | dns_error | connection_error | blocked_private | robots
    # | too_large | host_unresolved | bad_link | time_budget | error
    outcome: str
    purpose: str  # home | menu | sitemap | search | section | document | news
    http_status: int | None = None
    content_type: str | None = None
    size: int | None = None
    referer: str | None = None
    fetched_at: str | None = None
    sha256: str | None = None
    # None: downloaded in full; revalidated: the site answered 304 Not Modified;
    # fresh: taken from the HTTP cache without asking (crawler/http_cache.py)
    cache_state: str | None = None
    body: bytes | None = None  # stored by EvidencePipeline, never written to staging


@dataclass
class CandidateItem:
    """A link considered while looking for the mentorship section."""

    org_id: str
    url: str
    text: str
    score: float
    found_on: str
    reasons: list[str]


@dataclass
class SectionPageItem:
    org_id: str
    url: str
    title: str | None
    text: str
    is_section_root: bool
    sha256: str | None = None
    body: bytes | None = None


@dataclass
class LinkItem:
    org_id: str
    page_url: str
    url: str
    text: str
    is_external: bool
    is_document: bool


@dataclass
class DocumentItem:
    """A document linked from the section, with its bytes (or why they could not be fetched)."""

    org_id: str
    url: str
    link_text: str
    found_on: str
    fetch_status: str
    http_status: int | None = None
    content_type: str | None = None
    file_ext: str | None = None
    size: int | None = None
    sha256: str | None = None
    body: bytes | None = None


@dataclass
class NewsItem:
    org_id: str
    url: str
    title: str | None
    date_text: str | None
    text: str
    found_on: str


@dataclass
class PartialCheckItem:
    """The site could not be checked in full: its menu needs a browser that is missing or
    failed, or its time or page budget ran out.
    `reason`: js_menu_no_browser | js_menu_render_failed | js_content_no_browser |
    js_content_render_failed | time_budget | page_budget."""

    org_id: str
    url: str
    reason: str
