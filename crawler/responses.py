"""What a response is: a document is decided by what the site answers, not by the URL.

Many school sites serve files at addresses without an extension (`/getfile/2231`,
`/item/download/45_<hash>`, `/upload/iblock/…`); only `Content-Type`, `Content-Disposition`
(RFC 6266, with RFC 5987 `filename*=UTF-8''…`) and the first bytes say it is a PDF or a DOCX.
"""

from __future__ import annotations

import io
import re
import zipfile
from contextlib import suppress
from email.message import Message
from urllib.parse import unquote

from crawler.platforms import document_extension

# Content-Type → the extension the extractors know; `None` values need a name or the bytes.
CONTENT_TYPES = {
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/rtf": "rtf",
    "text/rtf": "rtf",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/tiff": "tif",
}
GENERIC_TYPES = frozenset(
    {
        "application/octet-stream",
        "application/force-download",
        "application/download",
        "application/x-download",
        "binary/octet-stream",
        "application/zip",
    }
)
# Leading bytes of the formats the extractors read (OOXML and ODF are told apart by the bytes
# of their zip members' names, which sit uncompressed in the local file headers).
MAGIC = (
    (b"%PDF-", "pdf"),
    (b"{\\rtf", "rtf"),
    (b"\xff\xd8\xff", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tif"),
    (b"MM\x00*", "tif"),
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003 or Excel 97–2003


def disposition_filename(value: str | bytes | None) -> str | None:
    """The file name a Content-Disposition header gives, RFC 5987 `filename*` first."""
    if not value:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    message = Message()
    message["Content-Disposition"] = value
    name = message.get_filename()
    if name is None:
        match = re.search(r"filename\s*=\s*\"?([^\";]+)", value, re.I)
        name = match.group(1) if match else None
    if not name:
        return None
    with suppress(UnicodeEncodeError, UnicodeDecodeError):
        name = name.encode("latin-1").decode("utf-8")  # raw UTF-8 bytes read as latin-1
    return unquote(name).strip() or None


def sniff_bytes(body: bytes) -> str | None:
    """The document format the first bytes show, if any."""
    head = body[:8]
    for magic, extension in MAGIC:
        if head.startswith(magic):
            return extension
    if head.startswith(OLE_MAGIC):
        return "xls" if b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in body[:65536] else "doc"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(body)
    return None


def _zip_kind(body: bytes) -> str | None:
    """An Office or OpenDocument file by its own members' names, or an archive of files
    (documents stored inside an archive carry those names too, one level down)."""
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError):
        window = body[:65536]  # a truncated download: its first member names decide
        names, mimetype = [], window
        if b"word/" in window:
            return "docx"
        if b"xl/" in window:
            return "xlsx"
    if any(name.startswith("word/") for name in names):
        return "docx"
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    if b"opendocument.text" in mimetype:
        return "odt"
    if b"opendocument.spreadsheet" in mimetype:
        return "ods"
    return "zip" if names else None


def document_type(headers, body: bytes, url: str = "") -> str | None:
    """The document format of a response, or None when it is a web page (or unknown).

    Order: a named document type, then the file name the site attaches, then the bytes,
    then the URL's own extension. An HTML answer is never a document here: whether a page
    is a card, a sub-page or a document in its own right is the section's decision.
    """
    content_type = _header(headers, "Content-Type").split(";", 1)[0].strip().lower()
    if content_type in CONTENT_TYPES:
        return CONTENT_TYPES[content_type]
    name = disposition_filename(_header(headers, "Content-Disposition"))
    by_name = document_extension("/" + name) if name else None
    if content_type in ("text/html", "application/xhtml+xml") and not by_name:
        return None
    sniffed = sniff_bytes(body)
    if by_name or sniffed:
        return by_name or sniffed
    if content_type in GENERIC_TYPES or content_type.startswith("image/"):
        return document_extension(url) or "bin"
    return None


def _header(headers, name: str) -> str:
    value = headers.get(name) if headers is not None else None
    if value is None:
        return ""
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


MAX_LINKS_IN_FILE = 40  # addresses a list of documents may name, read at most
MAX_PDF_PAGES_FOR_LINKS = 10
# A Word or Excel package's relationships (external ones are hyperlinks); an ODF link.
RELATIONSHIP = re.compile(r"<Relationship\b[^>]*?\bTarget=\"([^\"]+)\"[^>]*>")
ODF_LINK = re.compile(r"xlink:href=\"(https?://[^\"]+|/[^\"]+)\"")


def file_links(body: bytes, file_type: str | None) -> list[str]:
    """The web addresses a document links to (a «Перечень документов» whose entries are
    hyperlinks): a Word or OpenDocument file's external links, a PDF's link annotations."""
    try:
        if file_type in ("docx", "xlsx"):
            return _package_links(body)
        if file_type in ("odt", "ods"):
            return _opendocument_links(body)
        if file_type == "pdf":
            return _pdf_links(body)
    except Exception:  # a broken file names no links; extraction reports it
        return []
    return []


def _package_links(body: bytes) -> list[str]:
    found: list[str] = []
    with zipfile.ZipFile(io.BytesIO(body)) as package:
        for name in package.namelist():
            if name.endswith(".rels") and "_rels/" in name:
                rels = package.read(name)[:1_000_000].decode("utf-8", "replace")
                found += [
                    match.group(1)
                    for match in RELATIONSHIP.finditer(rels)
                    if "External" in match.group(0)
                ]
    return list(dict.fromkeys(found))[:MAX_LINKS_IN_FILE]


def _opendocument_links(body: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(body)) as package:
        content = package.read("content.xml")[:5_000_000].decode("utf-8", "replace")
    return list(dict.fromkeys(ODF_LINK.findall(content)))[:MAX_LINKS_IN_FILE]


def _pdf_links(body: bytes) -> list[str]:
    import pdfplumber

    found: list[str] = []
    with pdfplumber.open(io.BytesIO(body)) as pdf:
        for page in pdf.pages[:MAX_PDF_PAGES_FOR_LINKS]:
            found += [link["uri"] for link in page.hyperlinks if link.get("uri")]
    return list(dict.fromkeys(found))[:MAX_LINKS_IN_FILE]
