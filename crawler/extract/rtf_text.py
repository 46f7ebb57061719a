"""RTF text through striprtf; table cells joined with " | " as every other format joins them."""

from __future__ import annotations

from striprtf.striprtf import rtf_to_text

from . import messages
from .result import Extraction, failure, from_text

# The code page of \'hh bytes when the file names none (\ansicpg): Russian Word's.
DEFAULT_CODEPAGE = "cp1251"


def extract_rtf(data: bytes) -> Extraction:
    """Body text of an RTF file; \\ansicpg picks the code page of \\'hh bytes (cp1251 default)."""
    try:
        # RTF is 7-bit text: latin-1 maps each byte to one character for striprtf to read.
        text = rtf_to_text(data.decode("latin-1"), encoding=DEFAULT_CODEPAGE, errors="replace")
    except Exception as error:  # malformed input must become a status
        return failure(messages.CORRUPT.format(reason=type(error).__name__))
    # striprtf ends each cell with a bare "|": spaced here, trailing ones stripped below.
    lines = [" ".join(line.replace("|", " | ").split()).strip(" |") for line in text.split("\n")]
    return from_text("\n".join(lines).strip(), empty_reason=messages.NO_TEXT)
