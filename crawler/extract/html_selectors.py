"""Data for HTML main-text extraction: page chrome to drop, main-content containers to prefer."""

from __future__ import annotations

import re

# Elements that never hold a page's main content.
DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "form",
    "nav",
    "header",
    "footer",
    "aside",
    "menu",
    "button",
    "select",
)

# class/id tokens of page chrome: menus, bars for the visually impaired, widgets, share buttons.
CHROME_TOKEN = re.compile(
    r"^(?:.*[-_])?(?:nav|navbar|navigation|menu|mainmenu|topmenu|submenu|sidebar|footer|header"
    r"|breadcrumbs?|widget|cookies?|share|social|banner|bvi|special|vision|search|pagination"
    r"|copyright|counter|skip)(?:[-_].*)?$",
    re.IGNORECASE,
)

# Main-content containers, specific to generic; the longest match among them wins.
MAIN_XPATHS = (
    "//main",
    "//article",
    "//*[@role='main']",
    "//*[@itemprop='articleBody']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' item-page ')]",
    "//*[@id='content' or @id='main' or @id='main-content' or @id='maincontent']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' content ')]",
)

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "table",
        "tr",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "address",
        "figure",
        "figcaption",
        "caption",
        "tbody",
        "thead",
        "tfoot",
        "hr",
        "body",
    ]
)
CELL_TAGS = frozenset({"td", "th"})
CELL_SEPARATOR = " | "
