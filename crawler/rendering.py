"""Menus built by JavaScript: spot a home page that needs a browser, render it in chromium."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Response
from scrapy_playwright.page import PageMethod

from crawler import browser_fence
from crawler import settings as default_settings
from crawler.url_policy import ALLOWED_SCHEMES

LAUNCH_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage")
# Schemes a page resolves without the network; any other non-web scheme is aborted.
IN_PAGE_SCHEMES = frozenset({"data", "blob", "about"})
# Two cores: one browser context with at most two pages open at a time.
MAX_CONTEXTS = 1
MAX_PAGES_PER_CONTEXT = 2
MAX_NAVIGATION_SECONDS = 30
MENU_WAIT_SECONDS = 5.0  # how long the page's scripts may take to write the menu
# What a page needs to build its menu; pictures, fonts, styles and media are never fetched.
ABORTED_RESOURCES = frozenset({"image", "font", "media", "stylesheet", "texttrack", "manifest"})

# A page whose scripts build the menu: it runs JavaScript and shows one of these marks.
SCRIPTS = (
    "//script[@src or normalize-space()]"
    "[not(@type) or contains(@type, 'javascript') or @type = 'module']"
)
_MENU_WORD = (
    "contains(translate(concat(@id, ' ', @class), 'MENUAVIG', 'menuavig'), 'menu')"
    " or contains(translate(concat(@id, ' ', @class), 'MENUAVIG', 'menuavig'), 'nav')"
)
SHELL_MARKS: dict[str, str] = {
    # <nav id="menu"></nav>, <ul class="menu"></ul>: a menu container with no links yet.
    "empty_menu": (
        f"//*[self::nav or ((self::ul or self::div or self::menu) and ({_MENU_WORD}))]"
        "[not(.//a[@href]) and not(normalize-space())]"
    ),
    # The mount point of a single-page application, still empty.
    "app_root": (
        "//*[@id = 'root' or @id = 'app' or @id = '__next' or @id = '__nuxt' or @ng-app"
        " or @data-reactroot or @data-v-app or self::app-root][not(.//a[@href])]"
    ),
    # «Включите JavaScript»: the page says it cannot work without scripts.
    "noscript_notice": (
        "//noscript[contains(translate(., 'JAVSCRIPT', 'javscript'), 'javascript')]"
    ),
}
FEW_LINKS = 5  # fewer same-site links than this on a home page: the menu is not in the HTML

# Waits until the menu's links stop changing (or MENU_WAIT_SECONDS pass); never fails the page.
WAIT_FOR_MENU_JS = """
(limit) => new Promise((resolve) => {
  const started = Date.now();
  const selector = "nav a[href], header a[href], [id*=menu] a[href], [class*=menu] a[href]";
  let last = -1, stable = 0;
  const check = () => {
    const count = document.querySelectorAll(selector).length;
    stable = count > 0 && count === last ? stable + 1 : 0;
    last = count;
    if (stable >= 3 || Date.now() - started > limit) { resolve(count); return; }
    setTimeout(check, 100);
  };
  check();
})
"""


# Waits until the page's own content has loaded: the links grew in number or no loading mark
# («Загрузка…», a spinner) is left, and then stopped changing (or MENU_WAIT_SECONDS pass).
WAIT_FOR_CONTENT_JS = """
(limit) => new Promise((resolve) => {
  const started = Date.now();
  const loading = "[class*=spinner], [class*=loader], [class*=loading], [aria-busy=true]";
  const first = document.querySelectorAll("a[href]").length;
  let last = -1, stable = 0;
  const check = () => {
    const count = document.querySelectorAll("a[href]").length;
    const settled = count > first || !document.querySelector(loading);
    stable = settled && count === last ? stable + 1 : 0;
    last = count;
    if (stable >= 3 || Date.now() - started > limit) { resolve(count); return; }
    setTimeout(check, 100);
  };
  check();
})
"""
# A page whose content its scripts still have to load: a loading mark, or an empty
# container that names the address its content comes from.
LOADING_MARKS = (
    "//*[contains(@class, 'spinner') or contains(@class, 'loader') or contains(@class, 'loading')"
    " or @aria-busy = 'true' or starts-with(normalize-space(), 'Загрузка')"
    " or @data-endpoint or @data-src or @data-url or @data-source][not(.//a[@href])]"
)


@dataclass(frozen=True)
class BrowserRequestPolicy:
    """Which requests the browser itself may not make (PLAYWRIGHT_ABORT_REQUEST).

    The page is untrusted: its scripts may reach the registry's own sites and nothing else
    (crawler/browser_fence.py fences what routing does not see), and pictures or fonts are
    not worth the time of a crawl that only reads links.
    """

    own_netlocs: frozenset[str]

    async def __call__(self, request: Any) -> bool:
        if request.resource_type in ABORTED_RESOURCES:
            return True
        parts = urlsplit(request.url)
        if parts.scheme not in ALLOWED_SCHEMES:
            return parts.scheme not in IN_PAGE_SCHEMES
        return parts.netloc.lower() not in self.own_netlocs


def rendering_settings(
    executable: str, timeout_seconds: float, own_netlocs: list[str]
) -> dict[str, Any]:
    """Scrapy settings that send requests with meta `playwright=True` through chromium,
    fenced to the registry's sites (`own_netlocs`) and to a time budget per page.

    Every other request keeps Scrapy's own HTTP handler (scrapy-playwright falls back to it).
    """
    navigation_seconds = min(timeout_seconds, MAX_NAVIGATION_SECONDS)
    wait_seconds = min(MENU_WAIT_SECONDS, timeout_seconds)
    navigation_ms = int(navigation_seconds * 1000)
    return {
        "DOWNLOAD_HANDLERS": {
            **default_settings.DOWNLOAD_HANDLERS,
            "http": browser_fence.HANDLER,
            "https": browser_fence.HANDLER,
        },
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {
            "executable_path": executable,
            "headless": True,
            "args": [
                *LAUNCH_ARGS,
                *browser_fence.WEBRTC_ARGS,
                *browser_fence.proxy_args(own_netlocs),
            ],
            "timeout": navigation_ms,
        },
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": navigation_ms,
        "PLAYWRIGHT_MAX_CONTEXTS": MAX_CONTEXTS,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": MAX_PAGES_PER_CONTEXT,
        "PLAYWRIGHT_ABORT_REQUEST": BrowserRequestPolicy(frozenset(own_netlocs)),
        # Navigation, the wait for the menu (render_meta), reading the DOM: a hard limit.
        browser_fence.BUDGET_SETTING: navigation_seconds + 2 * wait_seconds,
        "CRAWL_RENDER_JS": True,
    }


def render_meta(timeout_seconds: float, wait_for: str = WAIT_FOR_MENU_JS) -> dict[str, Any]:
    """Request meta that renders a page in chromium and waits, bounded, for its menu (or,
    with WAIT_FOR_CONTENT_JS, for its content)."""
    wait_ms = int(min(MENU_WAIT_SECONDS, timeout_seconds) * 1000)
    return {
        "playwright": True,
        "playwright_page_init_callback": browser_fence.fence_page,
        # The context is made on the first render (a browser is launched only if needed).
        "playwright_context_kwargs": {"service_workers": "block"},
        "playwright_page_methods": [PageMethod("evaluate", wait_for, wait_ms)],
        "dont_cache": True,  # the HTTP cache holds the raw page, never a rendered one
        "dont_retry": True,  # a render that ran out of its budget is not paid for twice
        "rendered": True,
    }


def shell_marks(response: Response, links_count: int) -> tuple[str, ...]:
    """The marks of a page whose menu its scripts write (SHELL_MARKS, few links)."""
    if not response.xpath(SCRIPTS):
        return ()
    marks = [name for name, xpath in SHELL_MARKS.items() if response.xpath(xpath)]
    if links_count < FEW_LINKS:
        marks.append("few_links")
    return tuple(marks)


def content_still_loading(response: Response) -> bool:
    """A page (not yet rendered) whose scripts load its content: it runs scripts and shows a
    loading mark or an empty single-page-application root."""
    if response.meta.get("rendered") or not response.xpath(SCRIPTS):
        return False
    return bool(response.xpath(LOADING_MARKS) or response.xpath(SHELL_MARKS["app_root"]))


def still_a_shell(response: Response, links_count: int) -> bool:
    """A page rendered in the browser whose menu its scripts did not write after all."""
    rendered = response.request is not None and response.request.meta.get("rendered")
    marks = set(shell_marks(response, links_count)) if rendered else set()
    return "few_links" in marks and bool(marks & {"empty_menu", "app_root"})


def needs_rendering(response: Response, candidate_links_found: bool, links_count: int) -> bool:
    """Whether a home page without a section link should be opened in a browser: its HTML
    runs scripts and looks as if they build the menu; a rendered page never needs it again."""
    rendered = response.request is not None and response.request.meta.get("rendered")
    if candidate_links_found or rendered:
        return False
    return bool(shell_marks(response, links_count))
