"""SchoolSiteSpider: home page → mentorship section → its pages, documents and news.

The steps live in crawler/spiders/discovery.py (finding the section) and
crawler/spiders/section.py (reading it); crawler/spiders/base.py holds what they share.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import scrapy
from scrapy.linkextractors import LinkExtractor

from crawler.spiders.base import OrgState, classify_failure
from crawler.spiders.discovery import DiscoverySteps
from crawler.spiders.section import SectionSteps

__all__ = ["OrgState", "SchoolSiteSpider", "classify_failure"]


class SchoolSiteSpider(DiscoverySteps, SectionSteps, scrapy.Spider):
    name = "school_site"

    def __init__(self, orgs: list[dict], **kwargs) -> None:
        super().__init__(**kwargs)
        self.orgs = orgs
        self.state: dict[str, OrgState] = {}
        self.link_extractor = LinkExtractor(deny_extensions=[], unique=True, strip=True)

    async def start(self):
        for org in self.orgs:
            state = OrgState(
                org["id"], {urlsplit(org["site_url"]).netloc.lower()}, home_url=org["site_url"]
            )
            self.state[org["id"]] = state
            hint = org.get("section_hint") or _same_host(
                org.get("previous_section"), org["site_url"]
            )
            if hint:
                # The registry's hint, else where the last audit found the section: menus and
                # sitemap are skipped while it still answers and still reads as the section.
                # It is read after the home page, whose menus tell the section's own links
                # from the site's navigation (one polite slot per site serialises them anyway).
                state.section_url = hint
                state.remembered = not org.get("section_hint")
                state.hinted = True
                state.netlocs.add(urlsplit(hint).netloc.lower())
            home = self._follow(
                state, org["site_url"], self.parse_home, "home", errback=self.home_failed
            )
            for request in home:
                yield request


def _same_host(previous: str | None, site_url: str) -> str | None:
    """The previous run's section, unless the school's address has moved to another host
    since: a hint from the old site must never decide where the new one keeps its section."""
    if not previous:
        return None
    return (
        previous if urlsplit(previous).netloc.lower() == urlsplit(site_url).netloc.lower() else None
    )
