"""The extractor registry: one entry per format, chosen by sniffing, then by extension or type."""

from __future__ import annotations

from collections.abc import Callable

from . import messages
from .doc_text import extract_doc
from .docx_text import extract_docx
from .html_text import extract_html
from .image_text import extract_image
from .odt_text import extract_odt
from .pdf_text import extract_pdf
from .plain_text import extract_plain
from .result import Extraction, failure
from .rtf_text import extract_rtf
from .sheet_text import extract_xls, extract_xlsx
from .sniff import claimed_format, sniff_format, zip_bomb
from .zip_text import extract_zip

Extractor = Callable[[bytes], Extraction]

EXTRACTORS: dict[str, Extractor] = {}

# Binary document formats: an HTML page served in their place is an error page, not the file.
DOCUMENT_FORMATS = frozenset(
    {"pdf", "docx", "doc", "rtf", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "zip", "rar"}
    | {"png", "jpeg", "gif", "tiff", "bmp", "webp", "djvu"}
)
OLE2_FORMATS = frozenset({"doc", "xls", "ppt"})
ZIP_FORMATS = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "zip"})
IMAGE_FORMATS = frozenset({"png", "jpeg", "gif", "tiff", "bmp", "webp"})


def register(name: str, extractor: Extractor) -> None:
    """Plug in an extractor for a format name (as `sniff` names it); refuses duplicates."""
    if name in EXTRACTORS:
        raise ValueError(f"extractor for {name!r} is already registered")
    EXTRACTORS[name] = extractor


def resolve_format(data: bytes, file_ext: str | None, content_type: str | None) -> str | None:
    """The format to extract with: what the bytes show wins over what the name claims."""
    sniffed = sniff_format(data)
    claimed = claimed_format(file_ext, content_type)
    if sniffed == "ole2":
        return claimed if claimed in OLE2_FORMATS else "doc"
    return sniffed or claimed


def run_extractor(
    data: bytes, file_ext: str | None, content_type: str | None, encoding: str | None
) -> Extraction:
    """Dispatch to the registered extractor; every problem becomes a status, never an error."""
    if not data.strip():
        return failure(messages.EMPTY_FILE, status="empty")
    claimed = claimed_format(file_ext, content_type)
    fmt = resolve_format(data, file_ext, content_type)
    if fmt == "html" and claimed in DOCUMENT_FORMATS:
        # The school's link is broken (an error page served under the file's name): a finding.
        return failure(messages.HTML_INSTEAD, status="not_a_document")
    if fmt == "broken_zip":
        return failure(messages.CORRUPT.format(reason=messages.BROKEN_ZIP))
    if fmt in ZIP_FORMATS and zip_bomb(data):
        return failure(messages.CORRUPT.format(reason=messages.ZIP_BOMB))
    if claimed == "docx" and fmt in {"zip", "xlsx", "pptx", "odt", "ods"}:
        return failure(messages.CORRUPT.format(reason=messages.ZIP_NOT_DOCX))
    if fmt == "html":
        return extract_html(data, encoding=encoding)
    if fmt in EXTRACTORS:
        return EXTRACTORS[fmt](data)
    if fmt in messages.UNSUPPORTED:
        return failure(messages.UNSUPPORTED[fmt], status="unsupported")
    return failure(messages.UNKNOWN_FORMAT, status="unsupported")


register("pdf", extract_pdf)
register("docx", extract_docx)
register("txt", extract_plain)
register("xlsx", extract_xlsx)
register("odt", extract_odt)
register("ods", extract_odt)  # the same content.xml: spreadsheet rows come out as table rows
register("rtf", extract_rtf)
register("doc", extract_doc)
register("xls", extract_xls)
register("zip", lambda data: extract_zip(data, _archive_member))


def _archive_member(data: bytes, extension: str) -> Extraction:
    """One file of an archive, read as any fetched file is (its own formats, its own limits)."""
    if resolve_format(data, extension, None) == "zip":
        return failure(messages.UNKNOWN_FORMAT, status="unsupported")
    return run_extractor(data, extension or None, None, None)


for image_format in sorted(IMAGE_FORMATS):
    register(image_format, extract_image)
