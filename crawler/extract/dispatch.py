"""One file's bytes → text in this process: the extractor chosen, every failure a status."""

from __future__ import annotations

from pathlib import Path

from . import messages
from .ocr import OcrError
from .registry import run_extractor
from .result import Extraction, failure


def extract_bytes(
    data: bytes, *, file_ext: str | None = None, content_type: str | None = None
) -> Extraction:
    """Text of a file's bytes; the format is sniffed, the extension and type are hints."""
    encoding = _charset(content_type)
    try:
        return run_extractor(data, file_ext, content_type, encoding)
    except OcrError as error:
        return failure(messages.OCR_FAILED.format(detail=error))
    except MemoryError:  # the worker's limit: reported there, with the limit named
        raise
    except Exception as error:  # a broken file must never stop a crawl
        return failure(messages.CORRUPT.format(reason=type(error).__name__))


def extract_file(
    path: Path, *, file_ext: str | None = None, content_type: str | None = None
) -> Extraction:
    """Text of a file on disk; its suffix serves as the extension hint unless one is given."""
    try:
        data = Path(path).read_bytes()
    except MemoryError:
        raise
    except OSError as error:
        return failure(messages.UNREADABLE.format(reason=error.strerror or type(error).__name__))
    return extract_bytes(
        data,
        file_ext=file_ext or Path(path).suffix.lstrip(".") or None,
        content_type=content_type,
    )


def _charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    for parameter in content_type.split(";")[1:]:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
