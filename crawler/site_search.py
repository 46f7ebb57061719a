"""The site's own search as a last way to the section: the search URLs a home page suggests."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote_plus, urlencode, urlsplit

from scrapy.http import TextResponse

from crawler.url_policy import join_url

SEARCH_FILE = Path(__file__).with_name("site_search.toml")
HOME_PAGE_SCAN_BYTES = 200_000
TEXT_INPUT_TYPES = ("", "text", "search")
SKIPPED_INPUT_TYPES = ("submit", "button", "image", "reset", "file", "password")


@dataclass(frozen=True)
class Platform:
    name: str
    markers: tuple[re.Pattern[str], ...]
    urls: tuple[str, ...]


@dataclass(frozen=True)
class SearchConfig:
    query: str
    max_queries: int
    search_link: re.Pattern[str]
    form_hint: re.Pattern[str]
    form_fields: tuple[str, ...]
    platforms: tuple[Platform, ...]
    generic: tuple[str, ...]
    labels: dict[str, str]


@dataclass(frozen=True)
class SiteSearch:
    """One search to try: its URL and what suggested it (for the record of candidates)."""

    url: str
    evidence: str  # «форма поиска на главной странице» | the platform's name | «типовой адрес»
    found_on: str  # the home page that suggested it


@functools.cache
def search_config() -> SearchConfig:
    """The declared search knowledge, compiled once per process."""
    data = tomllib.loads(SEARCH_FILE.read_text(encoding="utf-8"))
    return SearchConfig(
        query=data["query"],
        max_queries=int(data["max_queries"]),
        search_link=re.compile(data["search_link"], re.I),
        form_hint=re.compile(data["form"]["hint"], re.I),
        form_fields=tuple(data["form"]["fields"]),
        platforms=tuple(
            Platform(
                entry["name"],
                tuple(re.compile(marker, re.I) for marker in entry["markers"]),
                tuple(entry["urls"]),
            )
            for entry in data["platform"]
        ),
        generic=tuple(data["generic"]["urls"]),
        labels=dict(data["labels"]),
    )


def search_plan(home: TextResponse) -> list[SiteSearch]:
    """The searches to try on this site, best evidence first: its own search form, then the
    URL forms of the platform the page betrays, else the generic forms."""
    config = search_config()
    plan = [
        SiteSearch(url, "форма поиска на главной странице", home.url) for url in _form_urls(home)
    ]
    platform = detect_platform(home)
    templates = platform.urls if platform else config.generic
    evidence = platform.name if platform else "типовой адрес поиска"
    parts = urlsplit(home.url)
    query = quote_plus(config.query, encoding=_form_encoding(home, config.query))
    for template in templates:
        url = f"{parts.scheme}://{parts.netloc}{template.format(query=query)}"
        plan.append(SiteSearch(url, evidence, home.url))
    unique = list({search.url: search for search in reversed(plan)}.values())[::-1]
    return unique[: config.max_queries]


def search_label(search: SiteSearch, outcome: str) -> str:
    """How a search asked reads in the list of candidates tried (`outcome`: fetch outcome)."""
    labels = search_config().labels
    template = labels.get(outcome, labels["other"])
    return template.format(query=search_config().query, evidence=search.evidence)


def detect_platform(home: TextResponse) -> Platform | None:
    """The site builder the home page's markup betrays (generator meta, asset paths)."""
    text = home.text[:HOME_PAGE_SCAN_BYTES]
    for platform in search_config().platforms:
        if any(marker.search(text) for marker in platform.markers):
            return platform
    return None


def is_search_link(url: str) -> bool:
    """A link back into the site's search (result pages, «искать ещё»), not to a page."""
    return bool(search_config().search_link.search(url))


def _form_urls(home: TextResponse) -> list[str]:
    """GET URLs of the home page's search forms on the same site, filled with the query."""
    config = search_config()
    site = urlsplit(home.url).netloc.lower()
    urls = []
    for form in home.xpath("//form"):
        field = _query_field(form)
        if field is None or form.attrib.get("method", "get").lower() != "get":
            continue  # a POST search cannot be written down as a link
        action = join_url(home.url, form.attrib.get("action") or home.url)
        if action is None or urlsplit(action).netloc.lower() != site:
            continue  # a search on another service (Яндекс, Google) is not the site's own
        values = [(name, config.query if name == field else value) for name, value in _fields(form)]
        query = urlencode(values, encoding=_form_encoding(home, config.query))
        urls.append(f"{action.split('?', 1)[0]}?{query}")
    return urls


def _fields(form) -> list[tuple[str, str]]:
    """What a browser submits for a form left as it is: its inputs and selected options."""
    values = []
    for node in form.xpath(".//input[@name] | .//select[@name] | .//textarea[@name]"):
        kind = node.attrib.get("type", "").lower()
        if node.root.tag == "select":
            chosen = node.xpath(".//option[@selected]") or node.xpath(".//option")
            value = (
                chosen[0].attrib.get("value", chosen[0].xpath("string()").get()) if chosen else ""
            )
        elif node.root.tag == "textarea":
            value = node.xpath("string()").get()
        elif kind in SKIPPED_INPUT_TYPES or (
            kind in ("checkbox", "radio") and "checked" not in node.attrib
        ):
            continue
        else:
            value = node.attrib.get("value", "")
        values.append((node.attrib["name"], value))
    return values


def _form_encoding(page: TextResponse, text: str) -> str:
    """The page's encoding, as a browser submits forms in it; UTF-8 when it cannot hold `text`."""
    try:
        text.encode(page.encoding)
    except (LookupError, UnicodeEncodeError):
        return "utf-8"
    return page.encoding


def _query_field(form) -> str | None:
    """The text field a search form takes its query in; None when the form is no search."""
    config = search_config()
    names = [
        node.attrib["name"]
        for node in form.xpath(".//input[@name]")
        if node.attrib.get("type", "").lower() in TEXT_INPUT_TYPES
    ]
    declared = [name for name in names if name in config.form_fields]
    if declared:
        return declared[0]
    described = " ".join(form.attrib.get(key, "") for key in ("action", "id", "class", "role"))
    if names and config.form_hint.search(described):
        return names[0]
    return None
