"""Images (a phone photo or a scanner's TIFF of an order) read by OCR, frame by frame."""

from __future__ import annotations

import io
from itertools import islice

from . import messages
from .ocr import MAX_OCR_PAGES, mean_confidence, ocr_engine_problem, recognise
from .result import Extraction, as_ocr, failure, from_text, join_pages


def extract_image(data: bytes) -> Extraction:
    """OCR of the first MAX_OCR_PAGES frames; not checked when the OCR engine is missing."""
    from PIL import Image, ImageSequence

    problem = ocr_engine_problem()
    if problem:
        return failure(problem, status="ocr_unavailable", pages=1)
    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = getattr(image, "n_frames", 1)
            head = islice(ImageSequence.Iterator(image), MAX_OCR_PAGES)
            pages = [recognise(frame.copy()) for frame in head]
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        reason = messages.CORRUPT_IMAGE.format(detail=type(error).__name__)
        return failure(messages.CORRUPT.format(reason=reason))
    text = join_pages([page.text for page in pages])
    result = from_text(text, pages=frames, empty_reason=messages.OCR_NOTHING)
    return as_ocr(
        result,
        confidence=mean_confidence(pages),
        ocr_pages=len(pages),
        unread_pages=max(0, frames - len(pages)),
    )
