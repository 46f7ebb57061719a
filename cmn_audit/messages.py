"""Russian texts the CLI shows to users, and the error type that carries them."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; its message is Russian and is printed without a traceback."""


RUN_STARTED = "Проверка {sites} по профилю «{profile}» (запуск {run_id})…"  # «1 сайта»
RUN_RESUMED = (
    "Продолжаю прерванный запуск {run_id}: уже скачанное берётся из сохранённых копий, "
    "ничего не будет учтено дважды."
)
CRAWL_DONE = "Обход завершён: сайтов {sites}, страниц и файлов {fetches}, документов {documents}."
EXTRACT_DONE = (
    "Ссылок на материалы в разделах: {documents}; файлов прочитано заново: {read}, "
    "взято из кэша прежних запусков: {cached}."
)
RUN_SAVED = "Результаты запуска {run_id} сохранены в {db}."
# The run's headline figures, the same the справка and the dashboard print (RunSummary).
RUN_FIGURES = (
    "Итоги{whose}: сайтов проверено {sites} из {schools}; раздел «Наставничество» найден на "
    "{sections} из них; документов о наставничестве {documents}; соответствуют требованиям "
    "{compliant} из {checked} проверенных ({share})."
)
# A partial run (run --school): what each school re-checked now shows, then the municipality
# as it stands, every other school counted by its latest check.
RUN_FIGURES_MUNICIPAL = " по муниципалитету (остальные ОО — по их последней проверке)"
RUN_RECHECKED = "Проверена заново: {name} — {state}; оценка {score}, {level}."
RECHECKED_DOWN = "сайт не проверен (недоступен)"
RECHECKED_NO_SECTION = "раздел «Наставничество» не найден"
RECHECKED_SECTION = "раздел найден, документов о наставничестве {documents}"
RUN_COLLAPSED = (
    "\n!!! ВНИМАНИЕ: результаты резко хуже предыдущей проверки. {details}\n"
    "!!! Возможен сбой проверки (сайты переехали, сеть или сайты были недоступны). Письма школам "
    "сохранены как проекты и не подготовлены к отправке. Просмотрите справку и панель "
    "мониторинга; если результаты верны, подтвердите их: cmn-audit confirm --run {run_id}\n"
)
CONFIRM_NOT_HELD = (
    "Письма запуска {run_id} не задерживались: подтверждать нечего. Подтверждение нужно, "
    "только если результаты запуска резко хуже предыдущей проверки."
)
CONFIRMED = "Результаты запуска {run_id} подтверждены; письма и черновики для отправки готовятся…"
MAIL_HELD = (
    "Письма запуска {run_id} не отправлены: результаты резко хуже предыдущей проверки и ещё не "
    "подтверждены. Просмотрите справку; если результаты верны: cmn-audit confirm --run {run_id}"
)
# run --on: the day (or period) a run re-creates.
PERIOD_UNREADABLE = (
    "Не удалось прочитать дату мониторинга «{text}». Укажите день (25.04.2022) или период "
    "(18.04.2022–25.04.2022)."
)
PERIOD_REVERSED = "Период мониторинга «{text}» начинается позже, чем заканчивается."
PERIOD_FUTURE = (
    "Дата мониторинга {day:%d.%m.%Y} ещё не наступила (сегодня {today:%d.%m.%Y}): проверить "
    "сайт на будущую дату нельзя."
)
RUN_DATED = (
    "Итоги даются на {day:%d.%m.%Y}: применяются правила, действовавшие в этот день, а документы "
    "и новости, датированные позже, не учитываются. Сайты читаются сегодня."
)
RUN_UNKNOWN_SCHOOLS = "В реестре нет организаций с кодом: {schools}. Коды реестра: {known}."
CENTRE_UNFILLED = (
    "Внимание: в config.toml не заполнены бланк центра или реквизиты справки ({keys}) — письма "
    "и справка выйдут с заполнителями в квадратных скобках, а черновики писем для отправки "
    "(.eml) не готовятся. Заполните их и сформируйте отчёты заново (cmn-audit report): номера "
    "писем сохранятся."
)
REPORTS_WRITTEN = "Отчёты запуска {run_id}:"
REPORT_LINE = "  {label}: {path}"
REPORT_UNKNOWN_FORMAT = "неизвестный формат: {unknown}. Возможные форматы: {known}."
REPORT_UNKNOWN_SCHOOL = "В запуске {run_id} нет организаций с кодом: {schools}."
REPORT_LABELS = {
    "reference": "Аналитическая справка (HTML)",
    "reference_docx": "Аналитическая справка (Word)",
    "reference_pdf": "Аналитическая справка (PDF)",
    "letters": "Письма школам (DOCX и HTML)",
    "letters_pdf": "Письма школам (PDF)",
    "mail": "Черновики писем для отправки (.eml)",
    "dashboard": "Панель мониторинга (откройте в браузере)",
    "results": "Результаты (results.json)",
    "csv": "Таблица для Excel (CSV)",
    "xlsx": "Книга Excel (сводка, критерии, школы и критерии, документы, замечания)",
}
WORKSPACE_CREATED = (
    "Рабочая папка создана: {root}\n"
    "Проверьте настройки в {config} и запустите:\n"
    "  cmn-audit run --workspace {root} --registry <реестр.csv|xlsx>"
)
LETTER_TEMPLATE_INSTALLED = (
    "Шаблон писем школам: {template} — его можно править в Word (поля описаны в docs/letters.md)."
)
REGISTRY_OK = "Реестр прочитан: {count} организаций."
CRAWL_FAILED = (
    "Обход сайтов завершился с ошибкой (код {code}); результаты этого запуска не сохранены, "
    "прежние запуски не затронуты. Журнал обхода: {log}"
)
NO_RUNS = "В рабочей папке ещё нет завершённых запусков."
RUN_NOT_FOUND = "Запуск «{run_id}» не найден в рабочей папке."
RUNS_KNOWN = " Запуски рабочей папки: {runs}{more}. Список с датами: cmn-audit history."
RUNS_KNOWN_MORE = " и ещё {count}"
# Library messages that reach a user inside our own errors, retold in Russian (cli/russian.py).
LIBRARY_PHRASES = {
    "File is not a zip file": "файл повреждён или это не файл Excel/Word",
    "Bad magic number for file header": "файл повреждён",
    "No such file or directory": "файл или папка не найдены",
    "Permission denied": "нет прав доступа",
    "Is a directory": "это папка, а не файл",
    "[Errno 28] No space left on device": "на диске нет места",
}
DEMO_SERVING = "Демо-муниципалитет: сайты школ запущены на 127.0.0.1 (всего: {count})."
DEMO_DONE = "Демо-проверка завершена. Откройте аналитическую справку: {reference}"
DEMO_SERVE_NOTICE = (
    "\nДемо-сайты продолжают работать, пока вы не нажмёте Ctrl+C. Проверьте их сами, в другом "
    "окне терминала:\n"
    "  1. cmn-audit init ~/demo-moy-centr\n"
    "  2. в ~/demo-moy-centr/config.toml заполните бланк [centre] и в разделе [crawl] "
    "поставьте allow_private_addresses = true (демо-сайты работают на этом компьютере);\n"
    "  3. {prefix}cmn-audit run --workspace ~/demo-moy-centr --registry {registry}\n"
)
DEMO_STOPPED = "Демо-сайты остановлены."
INTERRUPTED = "Проверка прервана пользователем; незавершённый запуск не сохранён."
RUN_INTERRUPTED = (
    "Проверка прервана: обход сайтов остановлен до завершения. Запуск {run_id} не сохранён и "
    "писем не формирует; следующий запуск cmn-audit run с тем же реестром продолжит его, "
    "не скачивая заново уже полученное."
)
INTERNAL_ERROR = (
    "Внутренняя ошибка программы: {error}. Прежние запуски не затронуты. "
    "Повторите команду с переменной CMN_AUDIT_DEBUG=1 и передайте вывод разработчикам."
)
USAGE_ERROR = "Неверный вызов команды: {error}\nСправка: {command} --help"
HELP_TEXTS = {  # Click's help headings and notes
    "Usage:": "Вызов:",
    "Options": "Параметры",
    "Commands": "Команды",
    "Positional arguments": "Аргументы",
    "help": "Показать эту справку и выйти.",
    "default": "по умолчанию",
    "required": "обязательно",
    "[OPTIONS]": "[ПАРАМЕТРЫ]",
    "COMMAND [ARGS]...": "КОМАНДА [АРГУМЕНТЫ]...",
}
HELP_METAVARS = {  # placeholders of option values by Click type name
    "text": "ТЕКСТ",
    "directory": "ПАПКА",
    "file": "ФАЙЛ",
    "path": "ПУТЬ",
    "filename": "ФАЙЛ",
    "integer": "ЧИСЛО",
    "float": "ЧИСЛО",
    "datetime": "ДАТА",
}
USAGE_PROBLEMS = {
    "no_such_option": "нет параметра «{name}».",
    "missing_argument": "не указан обязательный аргумент {name}.",
    "missing_option": "не указан обязательный параметр {name}.",
    "bad_value": "неверное значение {name}: {reason}",
    "option_needs_value": "после параметра {name} нужно указать значение.",
    "no_such_command": "нет команды «{name}».",
    "extra_arguments": "лишние аргументы: {names}.",
    "did_you_mean": " Возможно, имелось в виду: {names}.",
    "choose_from": "допустимые значения: {choices}.",
    "number_expected": "ожидается число.",
    "path_problem": "путь не найден или недоступен.",
    "bad_value_generic": "значение не подходит.",
    "date_expected": "ожидается существующая дата ГГГГ-ММ-ДД или ДД.ММ.ГГГГ, например 2026-12-07.",
}

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
    "rules": "организация «{org_id}»: «rules» должен сопоставлять правилам pass, fail, "
    "not_checked или not_applicable",
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
    "js_content_no_browser": (
        "Список документов раздела загружается скриптом; для проверки нужен браузер Chromium "
        "(установите пакет chromium)"
    ),
    "js_content_render_failed": (
        "Список документов раздела загружается скриптом, а браузеру Chromium не удалось "
        "открыть страницу раздела"
    ),
    "time_budget": (
        "сайт отвечал так медленно, что время, отведённое на проверку одного сайта, истекло "
        "раньше, чем он был просмотрен"
    ),
    "page_budget": (
        "на сайте больше страниц, чем отведено на проверку одного сайта (max_pages_per_site "
        "в config.toml), и часть страниц раздела, документов или новостей не просмотрена"
    ),
}

# Evidence archive (cmn_audit/evidence/warc.py, cmn_audit/pipeline/replay.py).
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
# A stored run judged again by another profile (cmn_audit/pipeline/rescore.py).
RESCORE_LABEL = "Пересчёт запуска {run_id} по профилю «{profile}» (версия {version})"
RESCORE_STARTED = (
    "Пересчёт запуска {source} по профилю «{profile}» без обхода сайтов: новый запуск {run_id}…"
)

# E-mail of the letters (cmn_audit/mailer.py).
MAIL_NO_SERVER = (
    "Почтовый сервер не указан (раздел [mail], параметр smtp_host в config.toml), поэтому "
    "письма не отправлены. Черновики писем лежат в {folder}: их можно открыть в почтовой "
    "программе и отправить вручную."
)
MAIL_NO_DRAFTS = (
    "В {folder} нет черновиков писем. Сформируйте отчёты командой «cmn-audit report»; "
    "черновик создаётся только для школ, у которых в реестре указан адрес электронной почты."
)
MAIL_NO_PASSWORD = (
    "Пароль для почтового сервера не задан: укажите его в переменной окружения {variable}."
)
MAIL_ALL_SENT = "Все письма этого запуска ({count}) уже отправлены ранее; повторно не отправляются."
MAIL_SENT_ONE = "Отправлено: {to}"
MAIL_NO_RECIPIENT = (
    "Черновик {name} не называет отдельно адрес школы из реестра (создан прежней версией "
    "программы или исправлен вручную); ничего не отправлено. Создайте черновики заново: "
    "cmn-audit report --run {run_id} --format eml"
)
MAIL_SENT = "Отправлено писем: {count}."
MAIL_FAILED = (
    "Не удалось отправить письма через сервер {host}: {error}. Успели уйти: {sent}; "
    "повторите команду — уже отправленные письма не уйдут второй раз."
)

# Human judgement (cmn_audit/cli/judgement.py, cmn_audit/judgement/, audit_rules/overrides.py).
JUDGEMENT_UNKNOWN_ORG = "Организация «{org_id}» не проверялась в запуске {run_id}."
JUDGEMENT_UNKNOWN_RULE = (
    "Правила «{rule_id}» нет среди правил запуска {run_id}. Правила запуска: {known}."
)
JUDGEMENT_UNKNOWN_OUTCOME = (
    "Неизвестный итог «{outcome}»: укажите pass (выполнено), fail (не выполнено), "
    "not_checked (не проверено) или not_applicable (не применимо)."
)
JUDGEMENT_NO_REASON = "Укажите причину решения: --reason «…» (она войдёт в отчёты)."
OVERRIDE_SAVED = (
    "Решение сохранено: {org_id}, правило {rule_id} — {outcome} ({reason}). "
    "Оно применено к запуску {run_id} и будет применяться в следующих запусках, "
    "пока не изменятся документы, на которых оно основано."
)
OVERRIDE_REPORT_HINT = "Чтобы обновить отчёты запуска, выполните: cmn-audit report --run {run_id}"
OVERRIDES_APPLIED = "Решения методиста применены: {count}."
OVERRIDES_STALE = (
    "Решения методиста не применены, так как изменились документы ({count}): {items}. "
    "Проверьте их: cmn-audit review."
)
EXPLAIN_PROFILE_MISSING = (
    "Профиль «{profile}», по которому проведён запуск, недоступен или в нём уже нет этого "
    "правила, поэтому условие правила и совпавшие записи не показаны."
)
REVIEW_KIND_REASON = "решение методиста от {date}: {kind}"
REVIEW_UNKNOWN_KIND = "Неизвестный вид документа «{value}». Укажите название или код вида: {known}."
REVIEW_UNKNOWN_AUDIENCE = (
    "Неизвестный адресат «{value}». Укажите название или код адресата: {known}."
)
REVIEW_UNKNOWN_DOCUMENT = "Документа {url} нет среди документов запуска {run_id}."
REVIEW_DOCUMENT_NOT_DOWNLOADED = (
    "Файл {url} не был скачан, поэтому решение о его виде запомнить нельзя (оно хранится "
    "по содержимому файла). Если документ важен для итога, измените итог правила: "
    "cmn-audit override."
)
REVIEW_BAD_URL = "Адрес раздела должен начинаться с http:// или https://: {url}"
REVIEW_ONE_DECISION = "Укажите одно решение: --document, --section или --no-section."
REVIEW_KIND_REQUIRED = "Для решения по документу укажите его вид: --kind …"
REVIEW_KIND_SAVED = (
    "Решение сохранено: документ {url} — {kind}{audience} (организации: {orgs}). "
    "Оно будет учтено при следующей проверке везде, где встретится этот файл."
)
REVIEW_SECTION_SAVED = (
    "Адрес раздела организации {org_id} запомнен: {url}. "
    "При следующей проверке обход начнётся с него."
)
REVIEW_NO_SECTION_SAVED = (
    "Отсутствие раздела у организации {org_id} подтверждено. Организация не будет попадать "
    "в список, пока при поиске раздела просматриваются те же страницы."
)
REVIEW_HEADER = "Что требует проверки методистом (запуск {run_id}):"
REVIEW_NOTHING = "Вопросов для проверки нет."
REVIEW_DOCUMENTS = "Документы с неуверенной классификацией или непрочитанные ({count}):"
REVIEW_DOCUMENT_COLUMNS = ("Организация", "Документ", "Вид", "Адресат", "Уверенность", "Причина")
REVIEW_LOW_CONFIDENCE = "уверенность ниже {threshold}"
REVIEW_UNREAD = "не прочитан ({status})"
REVIEW_SECTIONS = "Раздел «Наставничество» не найден ({count}):"
REVIEW_SECTION_COLUMNS = ("Организация", "Сайт", "Просмотренные страницы")
REVIEW_NO_CANDIDATES = "ни одна страница не похожа на раздел"
REVIEW_STALE = "Решения методиста, не применённые из-за изменившихся документов ({count}):"
REVIEW_STALE_LINE = "{org_id}, правило {rule_id}: решение от {date} — {outcome} ({reason})"
REVIEW_HINTS = (
    "Решения: cmn-audit review --document АДРЕС --kind ВИД [--audience АДРЕСАТ] [--org КОД]; "
    "cmn-audit review --section КОД АДРЕС; cmn-audit review --no-section КОД --reason «…»; "
    "cmn-audit override КОД ПРАВИЛО --outcome … --reason «…»."
)
EXPLAIN_HEADER = "Запуск {run_id} · {name} ({org_id}) · правило {rule_id}"
EXPLAIN_RULE = "Правило: {title} (раздел «{section}», {severity}, вес {weight})"
EXPLAIN_SOURCE = "Источник: {source}"
EXPLAIN_QUOTE = "Требование: «{quote}»"
EXPLAIN_CHECK = (
    "Что проверяется: записи «{view}», отвечающие условию (нужно не меньше {min_count}):"
)
EXPLAIN_OUTCOME = "Итог: {outcome}"
EXPLAIN_COMPUTED = "Итог по данным проверки (до решения методиста): {outcome}"
EXPLAIN_NOTE = "Примечание: {note}"
EXPLAIN_EVIDENCE = "Подтверждающие ссылки: {urls}"
EXPLAIN_SITE_DOWN = "Почему: сайт проверить не удалось ({status}), поэтому правило не оценивалось."
EXPLAIN_FOUND = "Почему: найдено подходящих записей — {count}, нужно не меньше {min_count}."
EXPLAIN_UNREAD = (
    "Почему: подходящих записей — {count} из {min_count} нужных, но на сайте есть файлы, "
    "которые не удалось прочитать, и искомое может быть среди них."
)
EXPLAIN_UNDECIDED = (
    "Почему: подходящих записей — {count} из {min_count} нужных, а о найденных программа не "
    "может решить сама — {note}."
)
EXPLAIN_MATCHED = "Совпавшие записи ({count}):"
EXPLAIN_UNREADABLE = "Непрочитанные файлы, среди которых может быть искомое ({count}):"
EXPLAIN_CONTEXT = {
    "documents": "Документы раздела на сайте ({count}; «✓» — отвечает условию правила):",
    "news": "Новости раздела ({count}; «✓» — отвечает условию правила):",
    "links": "Ссылки раздела ({count}; «✓» — отвечает условию правила):",
}
EXPLAIN_NONE = "  нет"
EXPLAIN_SECTION_FOUND = "Раздел найден: {url}"
EXPLAIN_SECTION_MISSING = "Раздел не найден; просмотренные страницы: {urls}"
EXPLAIN_OVERRIDE = "Решение методиста от {date}: {outcome} — {reason} (принято в запуске {run_id})."
EXPLAIN_OVERRIDE_APPLIED = "Решение применено: документы с тех пор не изменились."
EXPLAIN_OVERRIDE_STALE = "Решение не применено: документы, на которых оно основано, изменились."
EXPLAIN_VIEWS = {
    "v_orgs": "организация и её раздел",
    "v_documents": "документы раздела",
    "v_links": "ссылки раздела",
    "v_news": "новости раздела",
    "v_roadmap_news": "дорожная карта и новости",
}
EXPLAIN_FIELDS = {
    "kind": "вид",
    "audience": "адресат",
    "issuer": "издатель",
    "doc_date": "дата",
    "doc_number": "№",
    "confidence": "уверенность",
    "reasons": "признаки",
    "news_date": "дата",
    "is_mentorship": "о наставничестве",
    "is_external": "внешняя",
    "extract_status": "чтение",
    "fetch_status": "загрузка",
    "news_within_roadmap": "в период дорожной карты",
    "roadmap_url": "дорожная карта",
}
EXPLAIN_YES_NO = {True: "да", False: "нет"}
OVERRIDE_NO_PROFILE = (
    "Профиль «{profile}», по которому проведён запуск, недоступен: без его уровней "
    "соответствия нельзя пересчитать баллы. Укажите этот профиль в config.toml ([audit] profile)."
)

# History of runs: the workspace lock and the journal of a run (cmn_audit/pipeline/lock.py,
# cmn_audit/pipeline/audit.py). Texts of the history commands: below.
WORKSPACE_BUSY = (
    "Рабочая папка занята: идёт запуск {command} (pid {pid}, начат {started}). "
    "Дождитесь его окончания и повторите команду."
)
WORKSPACE_BUSY_UNKNOWN = (
    "Рабочая папка занята: идёт другой запуск cmn-audit. Дождитесь его окончания и повторите "
    "команду."
)
JOURNAL_STARTED = "Запуск {run_id} начат (pid {pid})."
JOURNAL_DONE = "Запуск {run_id} завершён."
JOURNAL_FAILED = "Запуск завершился с ошибкой: {error}"
JOURNAL_WHERE = "Журнал запуска: {log}"
JOURNAL_INTERRUPTED = (
    "Запуск {run_id} прерван до завершения; он будет продолжен следующим запуском."
)
FAILURE_STAGES = {
    "crawl": "при обходе сайтов",
    "audit": "при чтении документов и проверке требований",
    "reports": "при формировании отчётов (результаты запуска сохранены)",
}
PREVIOUS_RUN_FAILED = (
    "Предыдущий запуск {run_id} (начат {started}) завершился с ошибкой {stage}: {error}; "
    "журнал: {log}"
)
STORE_NEWER = (
    "База {path} записана более новой версией cmn-audit (версия схемы {found}, эта программа "
    "знает версии до {known}). База не изменена: обновите cmn-audit "
    "(git pull и make install) и повторите команду."
)
STORE_BUSY = (
    "База рабочей папки сейчас занята идущим запуском. Повторите команду после его окончания."
)
STORE_DAMAGED = (
    "Файл базы {path} повреждён или не является базой cmn-audit ({error}). Отчёты и "
    "доказательства в папках reports/ и evidence/ не затронуты. Восстановите файл из "
    "резервной копии или переименуйте его: следующий запуск создаст новую базу."
)

# The history commands' words and their tables' columns, rendered by cmn_audit/history/text.py.
# FOLLOW_UP_LABELS (what became of an earlier letter's finding) and DAYS live in reports/,
# which the dashboard and the letters draw from too.
# How one school's verdict on one rule changed between two runs (history/diff.py).
CHANGE_LABELS = {
    "fixed": "исправлено",
    "new": "новые замечания",
    "persists": "не исправлено",
    "not_checked": "не проверено в одном из запусков",
}
DOCUMENT_CHANGE_LABELS = {
    "added": "добавлен",
    "removed": "удалён",
    "changed": "изменилось содержимое",
    "appeared": "файл стал доступен",
    "vanished": "файл перестал открываться",
}
RUN_STATUS_LABELS = {"complete": "завершён", "failed": "ошибка", "interrupted": "прерван"}
RUN_HELD_LINE = (
    "Запуск {run_id}: результаты резко хуже предыдущего запуска, письма задержаны как проекты; "
    "проверьте и подтвердите отправку: cmn-audit confirm --run {run_id}"
)
NOT_JUDGED = "не оценивалось"
COUNTS = "{label}: {count}"
SCHOOL_HEADING = "{name} ({org_id})"
SCHOOL_LINE = "  {label}: {items}"
CRITERIA_LEGEND = "Критерии:"
CRITERION_LINE = "  {rule_id} {title}"
DASH = "—"

RUNS_COLUMNS = (
    "Запуск",
    "Дата проверки",
    "Профиль",
    "Школ",
    "Соответствуют",
    "Доля соответствующих",
    "Средний балл",
    "Состояние",
)
RUNS_HEADER = "Запуски рабочей папки: {count}."
RUNS_NONE = "В рабочей папке ещё нет ни одного запуска."
RUN_LABEL_LINE = "  {run_id}: {label}"
RUN_PARTIAL_LINE = (
    "  {run_id}: частичная проверка — заново проверены {schools}; остальные школы учтены по их "
    "последней проверке."
)
RUN_FAILURE_LINE = "  {run_id}: ошибка {stage}: {error}; журнал: {log}"
RUN_INTERRUPTED_LINE = (
    "  {run_id}: запуск прерван и не сохранён; следующий «cmn-audit run» с тем же реестром "
    "продолжит его."
)

DIFF_HEADER = "Сравнение запусков {a} ({a_date}) и {b} ({b_date})."
DIFF_PROFILES = "Профили: {a} → {b}."
DIFF_SCHOOLS_ADDED = "Организации, которых не было в запуске {run_id} ({count}): {names}"
DIFF_SCHOOLS_REMOVED = "Организации, которых нет в запуске {run_id} ({count}): {names}"
DIFF_NOT_CHECKED_NOTE = (
    "«Не проверено в одном из запусков» не считается ни исправлением, ни новым замечанием."
)
DIFF_DOCUMENTS = "документы"
DIFF_UNCOUNTED = "Не учитываются в оценке (рекомендуемые и необязательные)"
DIFF_DOCUMENT = "{change} {url}{what}"
DIFF_NOTHING = "Различий в итогах и документах нет."
FOLLOW_UP_HEADER = "Проверка исполнения рекомендаций: запуск {run_id} ({date})."
FOLLOW_UP_NO_EARLIER = "Более раннего запуска нет: проверять исполнение рекомендаций не по чему."
FOLLOW_UP_EARLIER = (
    "Замечания запуска {run_id} ({date}); письма от {letter_date}, срок устранения: {deadline}."
)
FOLLOW_UP_DEADLINE_NOT_PASSED = (
    "Срок устранения замечаний ещё не истёк ни для одного более раннего запуска: "
    "сравнение с последним из них."
)
FOLLOW_UP_NO_DEADLINE = "не указан"
FOLLOW_UP_DAYS = "{rule_id} ({days} {word} с даты письма)"
FOLLOW_UP_NOTHING = "В письмах запуска {run_id} замечаний не было."

TREND_HEADER = "Динамика по муниципалитету, запусков: {count}."
TREND_WRITTEN = "Динамика по школам и критериям записана: {path} (строк: {rows})."
TREND_NONE = "Завершённых запусков ещё нет: динамику строить не по чему."
TREND_COLUMNS = (
    "Дата проверки",
    "Запуск",
    "Профиль",
    "Код организации",
    "Организация",
    "Код критерия",
    "Критерий",
    "Учитывается в оценке",
    "Итог",
    "outcome",
    "Выполнено (1 — да, 0 — нет)",
    "Балл организации, %",
    "Уровень",
    "level",
)
TREND_MUNICIPALITY_COLUMNS = (
    "Дата проверки",
    "Запуск",
    "Профиль",
    "Школ",
    "Проверено",
    "Соответствуют",
    "Доля соответствующих, %",
    "Средний балл, %",
)
TREND_SHEETS = {
    "points": "Школы и критерии",
    "municipality": "Муниципалитет",
    "criteria": "Критерии",
}
TREND_CRITERIA_COLUMNS = (
    "Дата проверки",
    "Запуск",
    "Код критерия",
    "Критерий",
    "Выполнено",
    "Не выполнено",
    "Не проверено",
    "Доля выполнивших, %",
)

# `cmn-audit schedule`: a cron expression checked, a crontab line, a systemd timer (schedule.py).
FIELD_NAMES = ("минуты", "часы", "день месяца", "месяц", "день недели")
BAD_FIELD_COUNT = (
    "Расписание «{expression}» не подходит: нужно ровно пять полей через пробел — минуты, "
    "часы, день месяца, месяц, день недели (например, «0 3 1 * *» — в 03:00 первого числа "
    "каждого месяца), а указано полей: {count}."
)
BAD_FIELD = (
    "Расписание «{expression}»: поле «{field}» = «{value}» не подходит — допустимы «*», "
    "числа от {low} до {high}, диапазоны «1-5», списки «1,15» и шаг «*/2»{names}."
)
FIELD_NAMES_HINT = {3: ", а также jan…dec", 4: ", а также sun…sat (0 и 7 — воскресенье)"}
CRONTAB_MISSING = (
    "Программа crontab не найдена (не установлен пакет cron). Установите его "
    "(sudo apt install cron) или используйте --systemd. Строка для crontab:\n{line}"
)
CRONTAB_FAILED = "Не удалось записать расписание в crontab: {error}"
CRONTAB_INSTALLED = (
    "Расписание установлено в crontab пользователя ({expression}); прежняя строка этой рабочей "
    "папки, если была, заменена:\n{line}\nВывод каждого запуска дописывается в {log}"
)
CRONTAB_DRY_RUN = "Строка для crontab (ничего не установлено, это --dry-run):\n{line}"
SYSTEMD_DRY_RUN = "Файлы systemd (ничего не записано, это --dry-run):"
SYSTEMD_FILE = "--- {path}"
SYSTEMD_INSTALLED = (
    "Таймер systemd включён: {timer}. Файлы: {paths}. Вывод каждого запуска дописывается в {log}"
)
SYSTEMD_NOT_ENABLED = (
    "Файлы таймера записаны ({paths}), но включить его не удалось: {error}. "
    "Выполните в сеансе пользователя: systemctl --user daemon-reload && "
    "systemctl --user enable --now {timer}"
)


# --- The registry (cmn_audit/registry.py) ----------------------------------------------------
# What the registry's reader says; notes tell what it assumed and are printed with the run.
REGISTRY_NOT_FOUND = "Файл реестра не найден: {path}"
REGISTRY_UNSUPPORTED = "Реестр {name}: поддерживаются файлы .csv и .xlsx."
REGISTRY_EMPTY = "Реестр {name} пуст."
REGISTRY_NO_BODY = "Реестр {name}: кроме заголовка нет ни одной организации."
REGISTRY_NOT_A_BOOK = "Реестр {name} не открывается как книга Excel: {error}"
REGISTRY_ENCODING_REFUSED = (
    "Реестр {name}, строка {line}: файл не в кодировке UTF-8 и не в Windows-1251{sample}. "
    "В Excel сохраните его как «CSV UTF-8 (разделитель — запятая)» или в формате .xlsx."
)
REGISTRY_ENCODING_SAMPLE = " (знаки «{chars}» — так выглядит текст в другой кодировке)"
REGISTRY_HEADER_MISSING = (
    "Реестр {name}: {where} нет столбцов: {missing}. Описание столбцов: docs/registry.md."
)
REGISTRY_HEADER_FIRST_ROW = "в первой строке"
REGISTRY_HEADER_ROW = "в строке {line} (заголовки столбцов)"
REGISTRY_HEADER_NOT_FOUND = (
    "Реестр {name}: в первых {rows} строках нет строки заголовков столбцов; нужны столбцы: "
    "{required}. Описание столбцов: docs/registry.md."
)
REGISTRY_NOTE_CP1251 = (
    "Реестр {name}: файл не в UTF-8 — прочитан в кодировке Windows-1251 (так Excel сохраняет "
    "«CSV (разделители — запятые)»)."
)
REGISTRY_NOTE_TITLE_ROWS = (
    "Реестр {name}: заголовки столбцов — в строке {line}; {rows} выше принят{plural} за "
    "название таблицы и пропущен{plural}: {titles}."
)
REGISTRY_NOTE_NUMBERING_ROW = (
    "Реестр {name}: строка {line} — номера столбцов («1, 2, 3…») под заголовками, пропущена."
)
REGISTRY_NOTE_SCHEMES = (
    "Реестр {name}: адреса записаны без «http://» — программа дописала его сама (сайт, "
    "работающий по https, сам переадресует на защищённый адрес); проверьте, те ли это сайты:"
)
REGISTRY_NOTE_SCHEME_LINE = "строка {line}, «{column}»: {written} → {assumed}"
REGISTRY_NOTE_TYPES = (
    "Реестр {name}: тип организации не распознан ни по столбцу «Тип», ни по наименованию — к "
    "ней применяются все требования, в том числе к наставничеству обучающихся. Укажите тип "
    "словами: школа, детский сад, организация дополнительного образования, колледж:"
)
REGISTRY_NOTE_TYPE_LINE = "строка {line}: «{kind}»"
REGISTRY_NOTE_MORE = "… и ещё {count}"
REGISTRY_CELL_TOO_LONG = (
    "ячейка длиннее {limit} символов — похоже, в файле не закрыта кавычка или это не реестр"
)
REGISTRY_NOT_CSV = "строка не читается как CSV ({error})"
REGISTRY_LINE_PROBLEM = "Реестр {name}, строка {line}: {reason}."
REGISTRY_DUPLICATE_CODE = "код «{org_id}» уже встречался в строке {line}"
REGISTRY_ROW_PROBLEM = "строка {line}: {problem}"
REGISTRY_REFUSED = "Реестр {name} не принят, проверка не запускалась:"
REGISTRY_ONE_ROW = "строка {line}"
REGISTRY_ROWS = "строки {lines}"
REGISTRY_PLURAL = {"one": "а", "many": "ы"}  # «принята … пропущена» / «приняты … пропущены»
REGISTRY_COLUMN_EMPTY = "не заполнен столбец «{title}»"
REGISTRY_BAD_SITE = "адрес сайта «{value}» не похож на адрес http(s)://…"
REGISTRY_BAD_HINT = "адрес раздела «{value}» не похож на адрес http(s)://…"
REGISTRY_BAD_EMAIL = "адрес электронной почты «{value}» указан с ошибкой"
# docs/registry.md's table of columns, generated from registry.COLUMNS.
REGISTRY_DOC_HEADER = "| Столбец | Ключ | Обязательный | Другие допустимые заголовки |"
REGISTRY_DOC_REQUIRED = {True: "да", False: "нет"}
# docs/registry.md's table of organisation types, generated from audit_rules.org_types.
REGISTRY_TYPES_HEADER = "| Тип организации | Как его можно записать в столбце «Тип» (примеры) |"


# --- The workspace's config.toml (cmn_audit/config.py) and its store ------------------------
CONFIG_EXISTS = "В папке {root} уже есть {name}; рабочая папка не перезаписана."
CONFIG_MISSING = "В папке {root} нет файла {name}. Создайте рабочую папку: cmn-audit init {root}"
CONFIG_NOT_UTF8 = "Файл {path} сохранён не в кодировке UTF-8: сохраните его в UTF-8."
CONFIG_NOT_TOML = "Файл {path} не читается как файл настроек: {error}."
CONFIG_NOT_SECTION = "В {name} [{section}] должен быть разделом."
CONFIG_BAD_DATE = "[{section}] {key} = «{text}»: укажите дату в виде ГГГГ-ММ-ДД или оставьте пусто."
CONFIG_FIRST_NUMBER = "[letters] first_number: ожидается целое число не меньше 1."
CONFIG_NO_SECTION = "В {name} нет раздела [{section}]."
CONFIG_UNKNOWN_KEY = "[{section}]: неизвестный параметр «{key}»."
CONFIG_MISSING_KEY = "[{section}]: не задан параметр «{key}»."
CONFIG_NOT_BOOL = "[{section}] {key}: ожидается true или false."
CONFIG_NOT_NUMBER = "[{section}] {key}: ожидается число."
CONFIG_OUT_OF_RANGE = "[{section}] {key} = {value}: ожидается число от {least} до {most}."
CONFIG_NO_TEMPLATE = (
    "[letters] template: файл шаблона письма {path} не найден. Укажите путь к файлу DOCX "
    "относительно рабочей папки или оставьте пусто — тогда используется встроенный шаблон."
)
STORE_MISSING = "Файл базы {path} не найден: ещё не было ни одного запуска."
# The systemd units `cmn-audit schedule` writes, and why installing them failed.
SCHEDULE_SERVICE = "cmn-audit: проверка сайтов по расписанию (рабочая папка {where})"
SCHEDULE_TIMER = "cmn-audit: расписание «{expression}» (рабочая папка {where})"
SCHEDULE_NO_SYSTEMCTL = "systemctl не найден"
SCHEDULE_EXIT_CODE = "код {code}"
# Several machines on one run (`run --redis`, `worker --redis`: cmn_audit/distributed/).
REDIS_SERVER_MISSING = (
    "Не найден redis-server. Установите его администратором: sudo apt-get install redis-server "
    "(его ставит и scripts/install-system-packages.sh)."
)
REDIS_SERVER_DID_NOT_START = "redis-server не запустился на порту {port} адреса 127.0.0.1."
REDIS_UNREACHABLE = (
    "Сервер Redis {url} недоступен ({error}). Проверьте адрес (вид redis://узел:6379/0), что "
    "redis-server запущен и что этот компьютер может к нему подключиться."
)
REDIS_BAD_URL = "Адрес Redis «{url}» не понят: ожидается вид redis://узел:6379/0."
REDIS_READING = (
    "Чтение документов через Redis {url}: файлов в очереди {jobs}; их читают исполнители "
    "(cmn-audit worker --redis {url})."
)
REDIS_WAITING = (
    "Ждём исполнителей: прочитано {done} из {jobs} файлов. Запустите на любом компьютере: "
    "cmn-audit worker --redis {url}"
)
WORKER_STARTED = (
    "Исполнитель {name} подключён к Redis {url}: процессов {processes}. Остановить — Ctrl+C."
)
WORKER_STOPPED = "Исполнитель {name} остановлен."
REDIS_JOB_FAILED = "исполнитель не смог прочитать файл: {error}"
REDIS_CRAWLING = (
    "Обход сайтов через Redis {url}: сайтов в очереди {sites}; их обходят исполнители "
    "(cmn-audit worker --redis {url})."
)
REDIS_CRAWL_WAITING = (
    "Ждём исполнителей: обойдено {done} из {sites} сайтов. Запустите на любом компьютере: "
    "cmn-audit worker --redis {url}"
)
REDIS_CRAWL_FAILED = (
    "Обход сайтов не удался у исполнителей после повторных попыток: {schools}; запуск не "
    "сохранён. Конец журнала обхода:\n{log}"
)
