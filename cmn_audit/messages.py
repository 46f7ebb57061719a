"""Russian texts the CLI shows to users, and the error type that carries them."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; its message is Russian and is printed without a traceback."""


RUN_STARTED = "Проверка {count} сайтов по профилю «{profile}» (запуск {run_id})…"
CRAWL_DONE = "Обход завершён: сайтов {sites}, страниц и файлов {fetches}, документов {documents}."
EXTRACT_DONE = "Документы прочитаны: {documents} (из кэша {cached})."
RUN_SAVED = "Результаты запуска {run_id} сохранены в {db}."
REPORTS_WRITTEN = "Отчёты запуска {run_id}:"
REPORT_LINE = "  {label}: {path}"
REPORT_LABELS = {
    "reference": "Аналитическая справка",
    "letters": "Письма школам (DOCX и HTML)",
    "results": "Результаты (results.json)",
    "csv": "Таблица для Excel (CSV)",
}
WORKSPACE_CREATED = (
    "Рабочая папка создана: {root}\n"
    "Проверьте настройки в {config} и запустите:\n"
    "  cmn-audit run --workspace {root} --registry <реестр.csv|xlsx>"
)
REGISTRY_OK = "Реестр прочитан: {count} организаций."
CRAWL_FAILED = (
    "Обход сайтов завершился с ошибкой (код {code}); результаты этого запуска не сохранены, "
    "прежние запуски не затронуты. Журнал обхода: {log}"
)
NO_RUNS = "В рабочей папке ещё нет завершённых запусков."
RUN_NOT_FOUND = "Запуск «{run_id}» не найден в рабочей папке."
DEMO_SERVING = "Демо-муниципалитет: {count} сайтов школ запущено на 127.0.0.1."
DEMO_DONE = "Демо-проверка завершена. Откройте аналитическую справку: {reference}"
INTERRUPTED = "Проверка прервана пользователем; незавершённый запуск не сохранён."
INTERNAL_ERROR = (
    "Внутренняя ошибка программы: {error}. Прежние запуски не затронуты. "
    "Повторите команду с переменной CMN_AUDIT_DEBUG=1 и передайте вывод разработчикам."
)
USAGE_ERROR = "Неверный вызов команды: {error}\nСправка: {command} --help"
