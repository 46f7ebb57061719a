"""The report formats a run can be written in, declared once for the writer and the CLI."""

from __future__ import annotations

# Every output format: the CLI's --format choices and their Russian meaning. results.json is
# always written: it is the run's data every other format is drawn from.
FORMATS: dict[str, str] = {
    "html": "справка и письма в HTML",
    "docx": "справка и письма в Word (DOCX)",
    "pdf": "справка и письма в PDF (нужен браузер Chromium)",
    "xlsx": "книга Excel",
    "csv": "таблица CSV",
    "json": "данные запуска (results.json)",
    "eml": "черновики писем (.eml, письмо в Word и PDF во вложении)",
    "dashboard": "панель мониторинга (открывается в браузере без сервера)",
}
