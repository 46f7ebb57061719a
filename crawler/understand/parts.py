"""Documents bundled in one file: an order with its положение and roadmap as annexes, or a
scan of several acts one after another (issue 14, «one document, several kinds»).

A part opens where a page, or an annex header inside a page, starts a new document: an annex
to an order («Приложение 1 к приказу …»), an approval stamp («УТВЕРЖДАЮ», «УТВЕРЖДЕНО
приказом …») or an order's own heading, followed closely by the heading of a kind. Annexes to
a положение or a programme (its forms, a mentor's plan) belong to it and open nothing; blank
forms («Форма отчёта …») never do. Pages come from the extractors, which put a form feed
between the pages of a PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..extract.result import FILE_START, PAGE_BREAK
from . import patterns as p
from .normalize import normalize
from .titles import FORM_OF, declared_type
from .vocabulary import SCHOOL_ACT_KINDS

OPENING_LINES = 4  # the annex header or stamp stands this close to the part's top
HEADING_LINES = 12  # and the kind's heading this close
MIN_PART_CHARS = 300  # shorter is a stamp or a cover page, not a document
# Kinds a school publishes as acts of their own: parts of these count for the rules.
PART_KINDS = SCHOOL_ACT_KINDS
# «Приложение 2 к Положению о наставничестве», «к программе»: the document's own annex.
ANNEX_TO_DOCUMENT = re.compile(
    r"^\W*Приложени[ея][^\n]{0,20}?\bк\s+(?:настоящ\w+\s+)?(?:положени|программ|порядк|плану)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Segment:
    """A stretch of text that may open a part: from a page start or an annex header."""

    first_page: int | None
    last_page: int | None
    text: str
    opens_file: bool = False  # the first page of a file of an archive: a document of its own


def part_address(url: str, first_page: int | None, number: int) -> str:
    """A part's own address: the file's, opened at the part's first page (a PDF viewer's
    `#page=`), or numbered when the file has no pages."""
    return f"{url}#page={first_page}" if first_page else f"{url}#part-{number}"


def segments(raw: str) -> list[Segment]:
    """The text cut at page starts and at annex headers, in reading order."""
    pages = raw.split(PAGE_BREAK)
    paged = len(pages) > 1
    found: list[Segment] = []
    for number, page in enumerate(pages, start=1):
        page_no = number if paged else None
        opens_file = page.lstrip("\n").startswith(FILE_START)
        for chunk in _annex_chunks(page.replace(FILE_START, "")):
            if chunk.strip():
                found.append(Segment(page_no, page_no, chunk, opens_file))
                opens_file = False
    return found


def bundle_parts(raw: str) -> list[Segment]:
    """The documents a file holds one after another; one segment when it holds one."""
    parts: list[Segment] = []
    for segment in segments(raw):
        if parts and not (segment.opens_file or opens_document(segment.text)):
            last = parts[-1]
            parts[-1] = Segment(last.first_page, segment.last_page, f"{last.text}\n{segment.text}")
        else:
            parts.append(segment)
    # A cover page or a stray stamp is no document: it joins the part that follows.
    merged: list[Segment] = []
    for part in parts:
        if merged and len(normalize(merged[-1].text)) < MIN_PART_CHARS:
            head = merged.pop()
            part = Segment(head.first_page, part.last_page, f"{head.text}\n{part.text}")
        merged.append(part)
    return merged


def opens_document(text: str) -> bool:
    """Whether a page or annex starts a document of its own."""
    clean = normalize(text)
    lines = [line for line in clean.split("\n") if line.strip()]
    if not lines:
        return False
    top = lines[:OPENING_LINES]
    if any(ANNEX_TO_DOCUMENT.match(line) for line in top):
        return False
    order_heading = any(p.ORDER_HEADER.match(line) for line in lines[:HEADING_LINES])
    marked = any(p.ANNEX_HEADER.match(line) or p.APPROVAL_MARK.match(line) for line in top)
    if not (marked or order_heading):
        return False
    declared = declared_type("\n".join(lines[:HEADING_LINES]))
    if declared is None or declared.from_verb or declared.line_index >= HEADING_LINES:
        return False
    return not FORM_OF.match(declared.line)


def _annex_chunks(page: str) -> list[str]:
    """A page cut before each annex header line that is not the page's first line."""
    lines = page.split("\n")
    chunks: list[list[str]] = [[]]
    for line in lines:
        if p.ANNEX_HEADER.match(line.strip()) and any(s.strip() for s in chunks[-1]):
            chunks.append([])
        chunks[-1].append(line)
    return ["\n".join(chunk) for chunk in chunks]
