"""The report formats a run can be written in, declared once for the writer and the CLI."""

from __future__ import annotations

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
# Formats written for the municipality as a whole, not for single schools.
MUNICIPAL_FORMATS = frozenset({"xlsx", "csv", "dashboard"})
