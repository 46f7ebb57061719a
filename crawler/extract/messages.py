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
    "ppt": "презентация PPT пока не поддерживается",
    "pptx": "презентация PPTX пока не поддерживается",
    "rar": "архив RAR: документы внутри архива не извлекаются",
    "djvu": "формат DjVu пока не поддерживается",
}

OCR_MISSING = (
    "не установлена программа распознавания текста Tesseract (пакеты tesseract-ocr и "
    "tesseract-ocr-rus): скан не прочитан, документ не проверен"
)
OCR_LANGUAGE_MISSING = (
    "для программы распознавания Tesseract не установлен русский язык (пакет tesseract-ocr-rus): "
    "скан не прочитан, документ не проверен"
)
OCR_NOTHING = "скан распознан, но текст не найден"
DOC_TOOL_MISSING = (
    "не установлена программа чтения файлов DOC (пакет antiword или catdoc): документ не прочитан"
)
CORRUPT_DOC = "не удалось прочитать документ Word 97–2003 ({detail})"
CORRUPT_XLS = "не удалось открыть электронную таблицу XLS ({detail})"
ZIP_NOTHING_READ = "архив ZIP: ни один файл внутри архива не удалось прочитать как документ"
ZIP_BOMB = "архив распаковывается в слишком большой объём (возможна «zip-бомба»)"
TIMEOUT = "чтение документа заняло больше {seconds} с и было прервано"
OUT_OF_MEMORY = "чтение документа потребовало больше {megabytes} МБ памяти и было прервано"
WORKER_DIED = "обработчик документа аварийно завершился ({detail})"
CORRUPT_IMAGE = "не удалось открыть изображение ({detail})"
OCR_FAILED = "распознавание текста скана не удалось ({detail})"
