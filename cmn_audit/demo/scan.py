"""Render a document as a scan: a PDF of page images or a JPEG photo, no text layer (needs OCR)."""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from cmn_audit.demo.documents import NEW_PAGE, DocumentSpec, cyrillic_font

DPI = 200
PAGE_PX = (1654, 2339)  # A4 at 200 dpi
MARGIN_PX = 150
FONT_PX = 34  # about 12 pt at 200 dpi
LINE_PX = 48
SKEW_DEGREES = 0.4


def _lines(spec: DocumentSpec, font, width: int) -> list[str]:
    """Wrapped lines; NEW_PAGE stays a line of its own, so the page ends there."""
    texts = [*spec.paragraphs, *(" | ".join(row) for table in spec.tables for row in table)]
    lines: list[str] = []
    for text in texts:
        if text == NEW_PAGE:
            lines.append(NEW_PAGE)
            continue
        current = ""
        for word in text.split():
            candidate = f"{current} {word}".strip()
            if current and font.getlength(candidate) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


def _pages(spec: DocumentSpec):
    font = ImageFont.truetype(str(cyrillic_font()), FONT_PX)
    lines = _lines(spec, font, PAGE_PX[0] - 2 * MARGIN_PX)
    per_page = (PAGE_PX[1] - 2 * MARGIN_PX) // LINE_PX
    signature = next((i for i, line in enumerate(lines) if line.startswith("Директор")), -1)
    # A fixed seed keeps the speckles, and so the file's bytes, identical on every build.
    noise = random.Random(len(lines))
    for start, page_lines in _paged(lines, per_page):
        page = Image.new("L", PAGE_PX, 255)
        draw = ImageDraw.Draw(page)
        for index, line in enumerate(page_lines):
            draw.text((MARGIN_PX, MARGIN_PX + index * LINE_PX), line, font=font, fill=30)
        for _ in range(400):
            x, y = noise.randrange(PAGE_PX[0]), noise.randrange(PAGE_PX[1])
            draw.point((x, y), fill=noise.randrange(80, 200))
        if start <= signature < start + len(page_lines):
            # The round school stamp over the director's signature line.
            y = MARGIN_PX + (signature - start) * LINE_PX + LINE_PX // 2
            draw.ellipse((620, y - 150, 920, y + 150), outline=90, width=6)
        yield page.rotate(SKEW_DEGREES, fillcolor=255)


def _paged(lines: list[str], per_page: int):
    """(index of the first line, lines) of each page: full pages, and a break at NEW_PAGE."""
    page: list[str] = []
    start = 0
    for index, line in enumerate(lines):
        if line == NEW_PAGE or len(page) == per_page:
            if page:
                yield start, page
            page, start = [], index + (line == NEW_PAGE)
            if line == NEW_PAGE:
                continue
        page.append(line)
    if page:
        yield start, page


def scan_pdf_bytes(spec: DocumentSpec) -> bytes:
    """A PDF whose pages are grey images of the text, like a photocopied order."""
    pdf = FPDF(format="A4")
    pdf.set_compression(True)
    pdf.set_creation_date(datetime(2022, 1, 1, tzinfo=UTC))
    for image in _pages(spec):
        pdf.add_page()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=False)
        pdf.image(buffer, x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def scan_jpg_bytes(spec: DocumentSpec) -> bytes:
    """The first page as a JPEG, like a phone photo of a one-page order posted as-is."""
    page = next(_pages(spec))
    buffer = io.BytesIO()
    page.save(buffer, format="JPEG", quality=70, optimize=False)
    return buffer.getvalue()
