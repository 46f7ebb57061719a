"""HTML main text: drop page chrome, keep the main content and the H1 as title."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from . import messages
from .html_selectors import (
    BLOCK_TAGS,
    CELL_SEPARATOR,
    CELL_TAGS,
    CHROME_TOKEN,
    DROP_TAGS,
    MAIN_XPATHS,
)
from .plain_text import decode_text
from .result import Extraction, from_text

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
KEEP_ANCESTORS = frozenset({"html", "body", "main", "article"})


def html_main_text(html: bytes | str, *, encoding: str | None = None) -> tuple[str | None, str]:
    """(title, main text) of a page; the title is its H1, else its <title>."""
    markup = html if isinstance(html, str) else _decode(html, encoding)
    markup = markup.strip()
    if not markup:
        return None, ""
    try:
        root = lxml_html.document_fromstring(markup)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return None, ""
    title = _title(root)
    for element in root.xpath("//comment() | //processing-instruction()"):
        _remove(element)
    for element in list(root.iter(*DROP_TAGS)):
        if not _holds_content(element):
            _remove(element)
    # A wrapper named like chrome (`menu-open` on the page wrapper) may still hold the page.
    half = len(root.text_content()) / 2
    for element in list(root.iter()):
        if (
            isinstance(element.tag, str)
            and _is_chrome(element)
            and not _holds_content(element)
            and len(element.text_content()) < half
        ):
            _remove(element)
    container = _main_container(root)
    return title, _render(container)


def extract_html(data: bytes, encoding: str | None = None) -> Extraction:
    """Title line, then the main text; the title is not repeated when the text starts with it."""
    title, text = html_main_text(data, encoding=encoding)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}" if text else title
    return from_text(text, empty_reason=messages.NO_TEXT)


def _decode(data: bytes, encoding: str | None) -> str:
    """The declared (HTTP) encoding, else <meta charset>, unless the bytes contradict it."""
    declared = encoding
    if not declared:
        match = META_CHARSET.search(data[:4096])
        declared = match.group(1).decode("ascii", "replace") if match else None
    return decode_text(data, declared)


def _title(root) -> str | None:
    """The first H1 outside the page's chrome (a site's name is often an H1 in its header, be
    it <header> or a `td.header` of a table layout), then any H1, then <title>."""
    headings = [(h1, " ".join(h1.text_content().split())) for h1 in root.iter("h1")]
    headings = [(h1, text) for h1, text in headings if text]
    for h1, text in headings:
        if not any(_is_page_chrome(ancestor) for ancestor in h1.iterancestors()):
            return text
    if headings:
        return headings[0][1]
    for element in root.iter("title"):
        if text := " ".join(element.text_content().split()):
            return text
    return None


def _is_page_chrome(element) -> bool:
    """Header, menus, footer: by tag, or by a chrome-like class or id on a block without content."""
    chrome = element.tag in DROP_TAGS or (isinstance(element.tag, str) and _is_chrome(element))
    return chrome and not _holds_content(element)


def _holds_content(element) -> bool:
    if element.tag in KEEP_ANCESTORS:
        return True
    return bool(element.xpath(".//main | .//article | .//*[@role='main']"))


def _is_chrome(element) -> bool:
    tokens = (element.get("class") or "").split() + (element.get("id") or "").split()
    return any(CHROME_TOKEN.match(token) for token in tokens)


def _remove(element) -> None:
    """Remove an element but keep the text that follows it (its tail)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _main_container(root):
    """The longest main-content candidate, or the body when no candidate holds text."""
    best, best_length = None, 0
    for xpath in MAIN_XPATHS:
        for element in root.xpath(xpath):
            length = len("".join(element.itertext()).strip())
            if length > best_length:
                best, best_length = element, length
    if best is not None:
        return best
    body = root.find("body")
    return body if body is not None else root


def _render(element) -> str:
    """Text with block elements on their own lines and table cells joined by " | "."""
    parts: list[str] = []
    _walk(element, parts)
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _walk(element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "br" or tag in BLOCK_TAGS:
        parts.append("\n")
    if tag in CELL_TAGS and element.getprevious() is not None:
        parts.append(CELL_SEPARATOR)
    if element.text and tag:
        parts.append(element.text.replace("\n", " "))
    for child in element:
        _walk(child, parts)
        if child.tail:
            parts.append(child.tail.replace("\n", " "))
    if tag in BLOCK_TAGS:
        parts.append("\n")
