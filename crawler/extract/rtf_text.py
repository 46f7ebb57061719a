"""RTF text: a small tokenizer for the control words that carry text (\\par, \\uN, \\'hh)."""

from __future__ import annotations

import re

from . import messages
from .result import Extraction, failure, from_text

TOKEN = re.compile(
    rb"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|([\r\n]+)|([^\\{}\r\n]+)"
)
# Groups whose content is never body text (font tables, metadata, pictures…).
SKIPPED_DESTINATIONS = frozenset(
    {
        "fonttbl",
        "colortbl",
        "stylesheet",
        "info",
        "pict",
        "object",
        "header",
        "footer",
        "headerl",
        "headerr",
        "footerl",
        "footerr",
        "listtable",
        "listoverridetable",
        "rsidtbl",
        "generator",
        "xmlnstbl",
        "latentstyles",
        "themedata",
        "colorschememapping",
        "datastore",
        "fldinst",
        "bkmkstart",
        "bkmkend",
        "field",
    }
)
BREAKS = {
    "par": "\n",
    "line": "\n",
    "sect": "\n",
    "page": "\n",
    "row": "\n",
    "cell": " | ",
    "tab": "\t",
    "emdash": "—",
    "endash": "–",
    "bullet": "•",
    "lquote": "‘",
    "rquote": "’",
    "ldblquote": "“",
    "rdblquote": "”",
}
CODEPAGES = {1251: "cp1251", 1252: "cp1252", 866: "cp866", 20866: "koi8-r", 65001: "utf-8"}


def extract_rtf(data: bytes) -> Extraction:
    """Body text of an RTF file; \\ansicpg picks the code page of \\'hh bytes (cp1251 default)."""
    try:
        text = _rtf_to_text(data)
    except Exception as error:  # malformed input must become a status
        return failure(messages.CORRUPT.format(reason=type(error).__name__))
    lines = [" ".join(line.split()).strip(" |") for line in text.split("\n")]
    return from_text("\n".join(lines).strip(), empty_reason=messages.NO_TEXT)


def _rtf_to_text(data: bytes) -> str:
    encoding = "cp1251"
    out: list[str] = []
    stack: list[tuple[bool, int]] = []
    skipping, uc_skip, pending_skip = False, 1, 0
    for word, arg, hexbyte, symbol, brace, _newline, text in (
        m.groups() for m in TOKEN.finditer(data)
    ):
        if brace == b"{":
            stack.append((skipping, uc_skip))
        elif brace == b"}":
            skipping, uc_skip = stack.pop() if stack else (False, 1)
        elif word is not None:
            name = word.decode("ascii")
            if name == "ansicpg" and arg:
                encoding = CODEPAGES.get(int(arg), encoding)
            elif name == "uc" and arg:
                uc_skip = int(arg)
            elif name in SKIPPED_DESTINATIONS:
                skipping = True
            elif skipping:
                continue
            elif name == "u" and arg:
                out.append(chr(int(arg) % 65536))
                pending_skip = uc_skip
            elif name in BREAKS:
                out.append(BREAKS[name])
        elif symbol is not None:
            if symbol == b"*":
                skipping = True
            elif not skipping and symbol in (b"\\", b"{", b"}"):
                out.append(symbol.decode("ascii"))
            elif not skipping and symbol == b"~":
                out.append("\u00a0")
        elif hexbyte is not None:
            if pending_skip:
                pending_skip -= 1
            elif not skipping:
                out.append(bytes([int(hexbyte, 16)]).decode(encoding, "replace"))
        elif text is not None and not skipping:
            chunk = text.decode(encoding, "replace")
            if pending_skip:
                dropped = min(pending_skip, len(chunk))
                chunk, pending_skip = chunk[dropped:], pending_skip - dropped
            out.append(chunk)
    return "".join(out)
