"""DOC (Word 97–2003) text through Debian's antiword, with catdoc as the fallback."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from . import messages
from .docx_text import CELL_SEPARATOR
from .result import Extraction, Table, failure, from_text

TOOL_SECONDS = 60
# Each tool: its command line before the file name; UTF-8 out, no line wrapping.
TOOLS = (
    ("antiword", ["antiword", "-m", "UTF-8.txt", "-w", "0"]),
    ("catdoc", ["catdoc", "-d", "utf-8", "-w"]),
)


def extract_doc(data: bytes) -> Extraction:
    """The first installed tool that reads the file wins; its complaint is the reason otherwise."""
    installed = [command for name, command in TOOLS if shutil.which(name)]
    if not installed:
        return failure(messages.DOC_TOOL_MISSING, status="unsupported")
    complaint = ""
    with tempfile.TemporaryDirectory(prefix="cmn-doc-") as folder:
        path = Path(folder) / "document.doc"
        path.write_bytes(data)
        for command in installed:
            try:
                done = subprocess.run(
                    [*command, str(path)], capture_output=True, timeout=TOOL_SECONDS, check=False
                )
            except subprocess.TimeoutExpired:
                complaint = "превышено время"
                continue
            text = done.stdout.decode("utf-8", "replace")
            if done.returncode == 0 and text.strip():
                body, tables = _tidy(text)
                return from_text(body, empty_reason=messages.NO_TEXT, tables=tables)
            complaint = _first_line(done.stderr) or f"код завершения {done.returncode}"
    return failure(messages.CORRUPT.format(reason=messages.CORRUPT_DOC.format(detail=complaint)))


def _first_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[0] if lines else ""


def _tidy(text: str) -> tuple[str, tuple[Table, ...]]:
    """antiword draws tables with '|' borders and wraps long cells onto continuation lines
    (first cell blank): rebuild the rows, and write each as the other extractors do."""
    lines: list[str | list[list[str]]] = []
    for raw in text.replace("\r", "").split("\n"):
        stripped = raw.strip()
        if not (stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1):
            lines.append(raw.rstrip())
            continue
        cells = [" ".join(cell.split()) for cell in stripped[1:-1].split("|")]
        table = lines[-1] if lines and isinstance(lines[-1], list) else None
        if table is None:
            lines.append([cells])
        elif not cells[0] and len(cells) == len(table[-1]):
            table[-1] = [f"{old} {new}".strip() for old, new in zip(table[-1], cells, strict=True)]
        else:
            table.append(cells)
    tables = tuple(tuple(tuple(row) for row in block) for block in lines if isinstance(block, list))
    out = [
        "\n".join(CELL_SEPARATOR.join(row) for row in block) if isinstance(block, list) else block
        for block in lines
    ]
    return "\n".join(out).strip(), tables
