"""Plain text files: decode UTF-8, falling back to windows-1251."""

from __future__ import annotations

from . import messages
from .result import Extraction, from_text


def decode_text(data: bytes, encoding: str | None = None) -> str:
    """Decode with the declared encoding, else UTF-8 (with BOM), else windows-1251."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    for candidate in (encoding, "utf-8"):
        if not candidate:
            continue
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("cp1251", "replace")


def extract_plain(data: bytes) -> Extraction:
    """The decoded text with normalised line ends."""
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    return from_text(text.strip(), empty_reason=messages.NO_TEXT)
