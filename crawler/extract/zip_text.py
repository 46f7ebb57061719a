"""Text of a ZIP archive of documents: each file inside read as the document it is, one after
another, so a bundle's parts (crawler/understand/parts.py) tell them apart."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath

from . import messages
from .result import Extraction, Table, failure, join_files

MAX_MEMBERS = 12  # files of one archive read at most: a school's set of acts, not a dump
UTF8_NAMES = 0x800  # the zip flag that says member names are UTF-8 (else the DOS code page)

ReadMember = Callable[[bytes, str], Extraction]


def member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as the archiver wrote it: Russian Windows archivers use cp866."""
    if info.flag_bits & UTF8_NAMES:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("cp866")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def extract_zip(data: bytes, read_member: ReadMember) -> Extraction:
    """Every document file in the archive, in name order, each opening a new page marked as
    a file's start (its pages are counted on from the previous file's)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = sorted(
                (info for info in archive.infolist() if not info.is_dir()),
                key=member_name,
            )[:MAX_MEMBERS]
            files = [(member_name(info), archive.read(info)) for info in members]
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return failure(messages.CORRUPT.format(reason=messages.BROKEN_ZIP))
    pages: list[str] = []
    tables: list[Table] = []
    for name, content in files:
        extension = PurePosixPath(name).suffix.lstrip(".").lower() or None
        if extension == "zip":
            continue  # an archive inside the archive is not opened
        read = read_member(content, extension or "")
        if read.status != "ok":
            continue
        pages.append(read.text)
        tables.extend(read.tables)
    if not pages:
        return failure(messages.ZIP_NOTHING_READ, status="unsupported")
    text = join_files(pages)
    return Extraction(text, "text", "ok", None, len(pages), tables=tuple(tables))
