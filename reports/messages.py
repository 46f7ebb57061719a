"""Russian labels for the codes stored in a run: outcomes, levels, site and file statuses."""

from __future__ import annotations

OUTCOME_LABELS = {
    "pass": "выполнено",
    "fail": "не выполнено",
    "not_checked": "не проверено",
}
OUTCOME_MARKS = {"pass": "✓", "fail": "✗", "not_checked": "не проверено"}

LEVEL_LABELS = {
    "compliant": "соответствует",
    "partial": "частично соответствует",
    "non_compliant": "не соответствует",
    "not_checked": "не проверено",
}

SEVERITY_LABELS = {
    "required": "обязательный",
    "recommended": "рекомендуемый",
    "optional": "необязательный",
}

SITE_STATUS_LABELS = {
    "ok": "доступен",
    "unreachable": "недоступен",
    "incomplete": "проверен не полностью",
    "error": "ошибка при загрузке",
}

# Why a site or file could not be fetched, from the crawler's outcome codes.
FETCH_OUTCOME_LABELS = {
    "ok": "загружен",
    "http_error": "сервер ответил ошибкой",
    "timeout": "сервер не ответил за отведённое время",
    "dns_error": "доменное имя сайта не найдено",
    "connection_error": "не удалось установить соединение с сервером",
    "blocked_private": "адрес ведёт во внутреннюю сеть и не проверялся",
    "robots": "доступ запрещён правилами robots.txt сайта",
    "too_large": "файл превышает допустимый размер",
    "host_unresolved": "файловое хранилище не отдаёт файл без браузера",
    "error": "ошибка при загрузке",
}

EXTRACT_STATUS_LABELS = {
    "ok": "текст прочитан",
    "empty": "текст в файле не найден",
    "failed": "файл не удалось прочитать",
    "unsupported": "формат файла не поддерживается",
    "not_downloaded": "файл не загружен",
}

MISSING_RESULT_NOTE = "Результат проверки по критерию отсутствует в данных мониторинга."
SITE_DOWN_NOTE = "Сайт был недоступен во время мониторинга."
UNKNOWN_REASON = "причина не установлена"
GENERIC_GREETING = "Уважаемый руководитель!"

# Patronymic endings that tell the addressee's gender for the greeting.
FEMALE_PATRONYMIC_ENDINGS = ("вна", "чна", "кызы")
MALE_PATRONYMIC_ENDINGS = ("вич", "ич", "оглы")


def site_problem_phrase(org: dict) -> str:
    """«сайт недоступен: …» or «сайт проверен не полностью: …» for a site not judged."""
    site = org["site"]
    incomplete = site["status"] == "incomplete"
    prefix = "сайт проверен не полностью: " if incomplete else "сайт недоступен: "
    return prefix + site_problem(site["status"], site["error"])


def site_problem(site_status: str, site_error: str | None) -> str:
    """Why a site could not be checked, as a phrase for a letter or the reference."""
    if site_error and site_error in FETCH_OUTCOME_LABELS:
        return FETCH_OUTCOME_LABELS[site_error]
    if site_error:
        return site_error
    return SITE_STATUS_LABELS.get(site_status, UNKNOWN_REASON)


def greeting(head_name: str | None) -> str:
    """«Уважаемая Мария Петровна!» from «Фамилия Имя Отчество», else a neutral greeting."""
    parts = (head_name or "").split()
    if len(parts) != 3:
        return GENERIC_GREETING
    patronymic = parts[2].lower()
    if patronymic.endswith(FEMALE_PATRONYMIC_ENDINGS):
        return f"Уважаемая {parts[1]} {parts[2]}!"
    if patronymic.endswith(MALE_PATRONYMIC_ENDINGS):
        return f"Уважаемый {parts[1]} {parts[2]}!"
    return GENERIC_GREETING


REFERENCE_TITLE = (
    "Аналитическая справка по итогам мониторинга размещения информации о реализации целевой "
    "модели наставничества на официальных сайтах образовательных организаций"
)
LETTER_TITLE = (
    "Адресные рекомендации по информационному сопровождению реализации целевой модели "
    "наставничества на официальном сайте образовательной организации"
)
# Why a link of the section does not lead to its document (documents.fetch/extract status).
BROKEN_LINK_REASONS = {
    "http_error": "сервер ответил ошибкой {status}",
    "not_a_document": "вместо файла открывается страница с ошибкой",
    "host_unresolved": "файловое хранилище не отдаёт файл без браузера",
}

# Headings and fixed phrases of a letter, shared by its HTML and DOCX renderings.
LETTER_TEXT = {
    "addressee_prefix": "Руководителю",
    "date_prefix": "Дата:",
    "found": "Размещено на сайте",
    "missing": "Необходимо разместить",
    "missing_lead": "По следующим критериям материалы на сайте не найдены:",
    "unchecked": "Не удалось проверить",
    "unchecked_lead": (
        "Следующие пункты не удалось проверить автоматически; они не считаются невыполненными."
    ),
    "optional": "Дополнительно (не учитывается в оценке)",
    "broken": "Неработающие ссылки",
    "broken_lead": (
        "Следующие ссылки раздела не открывают документ; посетители сайта его не увидят. "
        "Исправьте ссылки или заново загрузите файлы:"
    ),
    "remarks": "Замечания к размещённым документам",
    "remarks_lead": (
        "В документах раздела обнаружены неточности; рекомендуется внести исправления "
        "и заново разместить документы:"
    ),
    "column_number": "№",
    "column_criterion": "Критерий",
    "column_recommendation": "Рекомендация",
    "column_checked": "Где проверено",
    "reason": "Причина",
    "evidence": "Подтверждение",
    "nothing_found": "Материалы, соответствующие критериям мониторинга, на сайте не найдены.",
}
