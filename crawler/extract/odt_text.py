"""ODT text from its content.xml: paragraphs, headings and table rows in document order."""

from __future__ import annotations

import io
import zipfile

from . import messages
from .docx_text import CELL_SEPARATOR
from .result import Extraction, failure, from_text

TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
BLOCKS = {f"{{{TEXT_NS}}}p", f"{{{TEXT_NS}}}h"}
ROW = f"{{{TABLE_NS}}}table-row"


def extract_odt(data: bytes) -> Extraction:
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = etree.fromstring(
                archive.read("content.xml"),
                etree.XMLParser(resolve_entities=False, huge_tree=False),
            )
    except Exception as error:  # a broken zip or XML is a status, never an exception
        reason = messages.CORRUPT_ODT.format(detail=type(error).__name__)
        return failure(messages.CORRUPT.format(reason=reason))
    lines: list[str] = []
    for element in root.iter(ROW, *BLOCKS):
        if element.tag == ROW:
            cells = [" ".join("".join(c.itertext()).split()) for c in element]
            lines.append(CELL_SEPARATOR.join(cell for cell in cells if cell))
        elif not any(parent.tag == ROW for parent in element.iterancestors()):
            lines.append("".join(element.itertext()))
    return from_text("\n".join(lines).strip(), empty_reason=messages.NO_TEXT)
