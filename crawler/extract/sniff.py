"""Tell a file's format from its magic bytes first, then from its extension or content type."""

from __future__ import annotations

import io
import zipfile

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Magic prefixes, checked in order; container formats (zip, OLE2) are resolved further below.
MAGIC = (
    (b"{\\rtf", "rtf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"BM", "bmp"),
    (b"AT&TFORM", "djvu"),
    (b"Rar!", "rar"),
)

# Entries inside a zip that identify an Office Open XML or OpenDocument file.
ZIP_MEMBERS = (
    ("word/document.xml", "docx"),
    ("xl/workbook.xml", "xlsx"),
    ("ppt/presentation.xml", "pptx"),
)
ODF_MIMETYPES = (
    ("application/vnd.oasis.opendocument.text", "odt"),
    ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
)

EXTENSIONS = {
    "pdf": "pdf",
    "docx": "docx",
    "docm": "docx",
    "doc": "doc",
    "rtf": "rtf",
    "odt": "odt",
    "xls": "xls",
    "xlsx": "xlsx",
    "ods": "ods",
    "ppt": "ppt",
    "pptx": "pptx",
    "htm": "html",
    "html": "html",
    "shtml": "html",
    "php": "html",
    "txt": "txt",
    "png": "png",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "gif": "gif",
    "tif": "tiff",
    "tiff": "tiff",
    "bmp": "bmp",
    "webp": "webp",
    "djvu": "djvu",
    "zip": "zip",
    "rar": "rar",
}

CONTENT_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/msword": "doc",
    "application/rtf": "rtf",
    "text/rtf": "rtf",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
    "image/png": "png",
    "image/jpeg": "jpeg",
    "image/gif": "gif",
    "image/tiff": "tiff",
    "application/zip": "zip",
}

HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title")


def claimed_format(file_ext: str | None, content_type: str | None) -> str | None:
    """The format the URL or server claims: the extension first, then the content type."""
    if file_ext:
        found = EXTENSIONS.get(file_ext.lower().lstrip("."))
        if found:
            return found
    if content_type:
        return CONTENT_TYPES.get(content_type.split(";")[0].strip().lower())
    return None


def sniff_format(data: bytes) -> str | None:
    """The format the bytes themselves show, or None when they show nothing known."""
    if data.startswith(b"PK\x03\x04"):
        # Before the PDF marker: an archive that stores its first PDF uncompressed shows
        # «%PDF-» right after that member's header, yet it is an archive.
        return _zip_format(data)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(OLE2_MAGIC):
        return "ole2"
    for magic, name in MAGIC:
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<") and any(marker in head for marker in HTML_MARKERS):
        return "html"
    return None


# A DOCX of a hundred pages unpacks to a few MB; far beyond this is a zip bomb.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_PACKING_RATIO = 200


def zip_bomb(data: bytes) -> bool:
    """Whether a zip's declared member sizes unpack to far more than any real document."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_PACKING_RATIO * max(len(data), 1)


def _zip_format(data: bytes) -> str:
    """Which Office format a zip holds: `broken_zip` when the archive cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            for member, name in ZIP_MEMBERS:
                if member in names:
                    return name
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                for prefix, name in ODF_MIMETYPES:
                    if mimetype.startswith(prefix):
                        return name
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return "broken_zip"
    return "zip"
