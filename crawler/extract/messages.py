"""Russian reasons shown in reports when a file yields no text."""

from __future__ import annotations

EMPTY_FILE = "пустой файл"
NO_TEXT = "документ не содержит текста"
NO_TEXT_LAYER = "нет текстового слоя (скан), требуется распознавание"
HTML_INSTEAD = "вместо документа получена HTML-страница"
UNREADABLE = "файл не удалось прочитать: {reason}"
CORRUPT = "файл повреждён: {reason}"
CORRUPT_PDF = "не удалось открыть PDF ({detail})"
PDF_PASSWORD = "документ защищён паролем"
CORRUPT_DOCX = "не удалось открыть документ Word ({detail})"
CORRUPT_SHEET = "не удалось открыть электронную таблицу ({detail})"
CORRUPT_ODT = "не удалось открыть документ OpenDocument ({detail})"
ZIP_NOT_DOCX = "архив не содержит документа Word"
BROKEN_ZIP = "архив ZIP не читается"
UNKNOWN_FORMAT = "неизвестный формат файла"

# Formats recognised but not yet extracted: the reason names the format.
UNSUPPORTED = {
    "doc": "формат DOC (Microsoft Word 97–2003) пока не поддерживается",
    "xls": "электронная таблица XLS пока не поддерживается",
    "ods": "электронная таблица ODS пока не поддерживается",
    "ppt": "презентация PPT пока не поддерживается",
    "pptx": "презентация PPTX пока не поддерживается",
    "zip": "архив ZIP: документы внутри архива не извлекаются",
    "rar": "архив RAR: документы внутри архива не извлекаются",
    "png": "изображение PNG: требуется распознавание текста",
    "jpeg": "изображение JPEG: требуется распознавание текста",
    "gif": "изображение GIF: требуется распознавание текста",
    "tiff": "изображение TIFF: требуется распознавание текста",
    "bmp": "изображение BMP: требуется распознавание текста",
    "webp": "изображение WEBP: требуется распознавание текста",
    "djvu": "формат DjVu пока не поддерживается",
}
