"""Russian texts the CLI shows to users, and the error type that carries them."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; its message is Russian and is printed without a traceback."""


RUN_STARTED = "Проверка {count} сайтов по профилю «{profile}» (запуск {run_id})…"
RUN_RESUMED = (
    "Продолжаю прерванный запуск {run_id}: уже скачанное берётся из сохранённых копий, "
    "ничего не будет учтено дважды."
)
CRAWL_DONE = "Обход завершён: сайтов {sites}, страниц и файлов {fetches}, документов {documents}."
EXTRACT_DONE = (
    "Документов: {documents}; файлов прочитано заново: {read}, "
    "взято из кэша прежних запусков: {cached}."
)
RUN_SAVED = "Результаты запуска {run_id} сохранены в {db}."
REPORTS_WRITTEN = "Отчёты запуска {run_id}:"
REPORT_LINE = "  {label}: {path}"
REPORT_LABELS = {
    "reference": "Аналитическая справка",
    "letters": "Письма школам (DOCX и HTML)",
    "results": "Результаты (results.json)",
    "csv": "Таблица для Excel (CSV)",
    "xlsx": "Книга Excel (сводка, школы и критерии, документы, замечания)",
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

TRUTH_NOT_FOUND = "Файл эталона {path} не найден."
TRUTH_INVALID = "Файл эталона {path} не подходит: {reason}."
TRUTH_REASONS = {
    "json": "это не JSON ({error})",
    "root": "ожидается объект с полем «organisations»",
    "organisations": "поле «organisations» должно быть списком организаций",
    "organisation": "организация № {index}: нет «org_id» или «site_url»",
    "section": "организация «{org_id}»: «section_url» должен быть строкой или null",
    "documents": "организация «{org_id}»: в «documents» у каждого документа нужен «url»",
    "news": "организация «{org_id}»: в «news» у каждой новости нужен «url»",
    "rules": "организация «{org_id}»: «rules» должен сопоставлять правилам pass, fail "
    "или not_checked",
}
EVAL_HEADER = "Сравнение запуска {run_id} с эталоном {truth} ({municipality}): организаций {orgs}."
EVAL_COLUMNS = ("Показатель", "Значение", "Совпало / всего")
EVAL_METRIC_LABELS = {
    "section_precision": "Раздел найден верно (точность)",
    "section_recall": "Разделы найдены (полнота)",
    "document_recall": "Документы найдены (полнота)",
    "kind_accuracy": "Вид документа (доля верных)",
    "kind_macro_f1": "Вид документа (макро-F1)",
    "audience_accuracy": "Адресат документа (доля верных)",
    "date_accuracy": "Дата документа (доля верных)",
    "number_accuracy": "Номер документа (доля верных)",
    "news_recall": "Новости о наставничестве (полнота)",
    "rule_agreement": "Итоги правил (согласие)",
}
EVAL_KIND_LABELS = "видов: {count}"
EVAL_UNREADABLE = "Найденные документы, которые не удалось прочитать: {count}"
EVAL_EXTRA = "Найденные документы, которых нет в эталоне: {count}"
EVAL_DISAGREEMENTS = "Расхождения ({count}):"
EVAL_NO_DISAGREEMENTS = "Расхождений нет."
EVAL_JSON_WRITTEN = "Результаты сравнения записаны в {path}"
EVAL_NOT_AVAILABLE = "—"
EVAL_ISSUES = {
    "org_missing": "организации нет в запуске",
    "org_extra": "организация есть в запуске, но не в эталоне",
    "section_missed": "раздел не найден, ожидался {expected}",
    "section_spurious": "найден раздел {found}, но на сайте его нет",
    "section_wrong": "найден раздел {found}, ожидался {expected}",
    "document_missed": "документ {url} не найден",
    "document_unreadable": "документ {url} не прочитан ({status})",
    "document_extra": "документ {url} найден, но его нет в эталоне",
    "document_field": "документ {url}: {field} {found}, ожидался {expected}",
    "news_missed": "новость {url} не найдена",
    "news_unflagged": "новость {url} не признана новостью о наставничестве",
    "rule": "правило {rule_id}: {found}, ожидалось {expected}",
}
EVAL_FIELDS = {"kind": "вид", "audience": "адресат", "date": "дата", "number": "номер"}
EVAL_NONE = "нет"

# Why a site was checked only in part (crawler PartialCheckItem.reason → sites.site_error).
PARTIAL_CHECK_REASONS = {
    "js_menu_no_browser": (
        "Меню сайта строится скриптом; для проверки нужен браузер Chromium "
        "(установите пакет chromium)"
    ),
    "js_menu_render_failed": (
        "Меню сайта строится скриптом, а браузеру Chromium не удалось открыть главную страницу"
    ),
}

# Evidence archive (cmn_audit/evidence.py, cmn_audit/replay.py).
EVIDENCE_NO_ARCHIVE = (
    "Для запуска {run_id} нет архива ответов сайтов ({path}): он создаётся при обходе "
    "начиная с этой версии программы."
)
EVIDENCE_ORG_NOT_FOUND = "Организация «{org_id}» не проверялась в запуске {run_id}."
EVIDENCE_HEADER = "Сохранённые копии: {name} ({org_id}), запуск {run_id}, записей: {count}."
EVIDENCE_NONE = "В архиве запуска нет ни одного ответа сайта этой организации."
EVIDENCE_COLUMNS = ("URL", "Статус", "Время (UTC)", "SHA-256", "Размер", "Путь от главной")
EVIDENCE_FROM_CACHE = {"revalidated": "подтверждён сайтом (304)", "fresh": "из кэша без запроса"}
EVIDENCE_EXPORTED = "Выгрузка: архив {warc} (записей: {count}), опись {index}."
EVIDENCE_INDEX_COLUMNS = (
    "Адрес",
    "Статус HTTP",
    "Получено (UTC)",
    "SHA-256 содержимого",
    "Размер, байт",
    "Тип содержимого",
    "Из кэша",
    "Идентификатор записи WARC",
    "Путь от главной страницы",
)
REPLAY_INCOMPLETE = (
    "Архив {path} неполон: в нём нет сведений об обходе (обход был прерван?). "
    "Повторная проверка по нему невозможна."
)
REPLAY_STARTED = (
    "Повторная проверка запуска {source} по его архиву, без обхода сайтов: "
    "профиль «{profile}», новый запуск {run_id}…"
)
REPLAY_RESTORED = "Файлов документов в архиве: {count}; их содержимое восстановлено из архива."
