"""Plain text files: decode UTF-8, falling back to windows-1251."""

from __future__ import annotations

import codecs

from . import messages
from .result import Extraction, from_text

UTF8_BOM = b"\xef\xbb\xbf"
FALLBACK = "cp1251"  # the legacy encoding of Russian sites and documents


def content_encoding(data: bytes, declared: str | None = None) -> str:
    """The encoding to read `data` with: the declared one unless the bytes contradict it.

    Bytes that are valid UTF-8 with letters beyond ASCII are UTF-8 whatever a header says
    (windows-1251 Cyrillic is never valid UTF-8); bytes that are not valid UTF-8 are not
    UTF-8 even when declared so, and read as windows-1251.
    """
    if data.startswith(UTF8_BOM):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        is_utf8 = False
    else:
        is_utf8 = True
    if is_utf8 and not data.isascii():
        return "utf-8"
    try:
        name = codecs.lookup(declared).name if declared else None
    except LookupError:
        name = None
    if name is None or (name == "utf-8" and not is_utf8):
        return "utf-8" if is_utf8 else FALLBACK
    return name


def decode_text(data: bytes, encoding: str | None = None) -> str:
    """Decode by content: the declared encoding unless the bytes contradict it."""
    return data.decode(content_encoding(data, encoding), "replace")


def extract_plain(data: bytes) -> Extraction:
    """The decoded text with normalised line ends."""
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    return from_text(text.strip(), empty_reason=messages.NO_TEXT)
