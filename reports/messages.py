"""Russian labels for the codes stored in a run: outcomes, levels, site and file statuses."""

from __future__ import annotations

from audit_rules import messages as rule_messages
from crawler.fetch_outcomes import FETCH_OUTCOME_LABELS  # the crawler's codes, labelled once

# Declared once, beside the rules: выполнено / не выполнено / не проверено.
OUTCOME_LABELS = rule_messages.OUTCOME_LABELS
OUTCOME_MARKS = {
    "pass": "✓",
    "fail": "✗",
    "not_checked": "не проверено",
    "not_applicable": "н/п",
}

LEVEL_LABELS = {
    "compliant": "соответствует",
    "partial": "частично соответствует",
    "non_compliant": "не соответствует",
    "not_checked": "не проверено",
}

# Declared once, beside the rules: обязательно / рекомендуется / необязательно.
SEVERITY_LABELS = rule_messages.SEVERITY_LABELS
# The severity policy in words (audit_rules/model.py SEVERITY_POLICY), as the справка states it.
SEVERITY_POLICY_TEXT = rule_messages.SEVERITY_POLICY_TEXT
# How a letter names a criterion the centre's practice expects, and words its advice.
INFERRED_LABEL = rule_messages.BASIS_LABELS["inferred"]
ADVICE_LEAD = "Рекомендуем"
# A school's level when its run scores nothing.
NOT_SCORED_LABEL = "не рассчитывается"
# A run whose every criterion is one the centre's practice expects: nothing is scored.
NO_COUNTED_RULES = (
    "Основание мониторинга не требует размещать проверенные материалы на сайте: все критерии "
    "ожидаются по практике центра, поэтому итоговый балл и уровень соответствия не "
    "рассчитываются."
)

SITE_STATUS_LABELS = {
    "ok": "доступен",
    "unreachable": "недоступен",
    "incomplete": "проверен не полностью",
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
# The letter's subject («заголовок к тексту», ГОСТ Р 7.0.97-2016): «О …», under its number.
LETTER_TITLE = (
    "Об адресных рекомендациях по информационному сопровождению реализации целевой модели "
    "наставничества на официальном сайте образовательной организации"
)
# A partial run's letter answers a school that reported its fixes (cmn-audit run --school).
REPLY_TITLE = "О результатах повторной проверки официального сайта образовательной организации"
# Why a link of the section does not lead to its document (documents.fetch/extract status).
BROKEN_LINK_REASONS = {
    "http_error": "сервер ответил ошибкой {status}",
    "not_a_document": "вместо файла открывается страница с ошибкой",
    "host_unresolved": "файловое хранилище не отдаёт файл без браузера",
    "bad_link": "ссылка ведёт не на адрес в интернете (например, на файл на компьютере автора)",
}

# Headings and fixed phrases of a letter, shared by its HTML and DOCX renderings.
LETTER_TEXT = {
    "addressee_prefix": "Руководителю",
    "outgoing": "Исх. № {number} от {date}",
    "row_deadline": "Срок",
    "site_address": "Адрес сайта:",
    "contact": "Контактный телефон: {phone}, e-mail: {email}",
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
    "advised": "Рекомендуется разместить",
    "advised_lead": (
        "Следующие материалы рекомендуются, но не обязательны; на итоговый балл они не влияют:"
    ),
    "section_found": "Проверен раздел сайта «{title}»:",
    "section_found_untitled": "Проверен раздел сайта:",
    # {section}: «Раздел «Наставничество»» as the run's source names it; {found}: «найден(а)»,
    # {it}: «него»/«неё».
    "visited_lead": "{section} на сайте не {found}. При поиске были просмотрены страницы:",
    "visited_none": (
        "{section} на сайте не {found}: ни один пункт меню и ни одна страница сайта на {it} "
        "не указывают."
    ),
    "visited_item": "{text} — ",
    "reply_intro": (
        "По Вашему сообщению об устранении замечаний {date} проведена повторная проверка "
        "официального сайта образовательной организации. Сообщаем её результаты."
    ),
    "acknowledgement_with_remarks": (
        "Все обязательные материалы, предусмотренные критериями мониторинга, на сайте "
        "размещены. Просим учесть приведённые ниже замечания и рекомендации."
    ),
    "executor": "Исполнитель: {name}",
    "executor_phone": "тел. {phone}",
}
# What the crawler looked at while searching a site for its section, by its purpose.
VISITED_PURPOSES = {
    "home": "Главная страница",
    "menu": "Пункт меню",
    "sitemap": "Карта сайта",
    "search": "Поиск по сайту",
}

# A letter template (DOCX, edited in Word) that cannot be used: reports/letter/docx.py.
LETTER_TEMPLATE_ERROR = (
    "Шаблон письма {path} не подходит: {problem}. Исправьте шаблон в Word (поля шаблона "
    "описаны в docs/letters.md) или оставьте пустым параметр template в разделе [letters] "
    "файла config.toml, чтобы использовать встроенный шаблон; затем сформируйте отчёты "
    "заново: cmn-audit report."
)
LETTER_TEMPLATE_PROBLEMS = {
    "unreadable": "файл не удалось прочитать ({error})",
    "not_docx": "файл не является документом Word в формате DOCX",
    "syntax": "{detail}",
    "unknown": "неизвестное поле «{name}»",
    "render": "шаблон не удалось заполнить ({detail})",
    "unclosed": "команда «{tag}» не закрыта: нет парной команды «end{tag}»",
    "unknown_tag": "неизвестная или непарная команда «{tag}»",
    "bad_tag": "поле или команда записаны неверно (проверьте фигурные скобки)",
    "where": "{reason} в абзаце «{text}»",
}

# A verdict a methodologist replaced (cmn-audit override), shown beside the outcome.
OVERRIDE_LABEL = "решение методиста: {reason}"
# A roadmap's events against the school's news, among the remarks of its letter.
# A part of a bundle file, as a verdict's evidence names it.
PART_LABEL = "{title} ({pages}файла «{file}»)"
PART_PAGES = "стр. {pages} "
PART_UNTITLED = "{kind}"

EVENTS_REMARK = "мероприятия, освещённые в новостях сайта: {covered} из {total}"
EVENTS_UNCOVERED = "; не освещены: {names}{more}"
EVENTS_MORE = " и ещё {count}"

# PDF printing (reports/pdf.py): shown by the CLI; the other formats are written regardless.
PDF_NO_BROWSER = (
    "PDF не сформированы: не найден браузер Chromium (установите пакет chromium или укажите "
    "путь к нему в переменной CMN_CHROMIUM). Справка и письма сохранены в HTML и DOCX."
)
PDF_FAILED = "PDF сформированы не полностью: браузер Chromium сообщил об ошибке ({error})."

# The analytic reference: fixed phrases shared by its HTML, DOCX and PDF renderings.
REFERENCE_TEXT = {
    "period": "Дата проведения мониторинга",
    "period_span": "Сроки проведения мониторинга",
    "period_range": "с {start} по {end}",
    "run": "Номер проверки",
    "date_number": "Дата и номер справки",
    "date_number_value": "{date} № {number}",
    "number_blank": "____",
    "checked_by": "Мониторинг провёл",
    "checked_by_blank": "______________________________",
    "purpose_label": "Цель мониторинга",
    "purpose": (
        "оценка полноты и актуальности информации о реализации целевой модели наставничества "
        "обучающихся и педагогических работников, размещённой на официальных сайтах "
        "образовательных организаций, и подготовка адресных рекомендаций"
    ),
    "basis_lead": "Основание проведения мониторинга: {basis}.",
    "criteria_sources": "Критерии мониторинга установлены документами: {sources}.",
    "thresholds": ("Уровень соответствия требованиям определяется по итоговому баллу: {levels}."),
    "threshold_from": "«{label}» — {low} % и более",
    "threshold_between": "«{label}» — от {low} % до {high} %",
    "threshold_below": "«{label}» — менее {high} %",
    "partial_note": (
        "Сведения приведены по последней проверке каждой образовательной организации: "
        "{rechecked} проверены повторно {date}, остальные — {earlier}."
    ),
    # Section headings, numbered in this order by ReferenceContext.outline.
    "basis": "Основание и цель мониторинга",
    "method": "Объект и методика мониторинга",
    "criteria": "Результаты по критериям",
    "schools": "Результаты по образовательным организациям",
    "trend": "Динамика результатов",
    "follow_up": "Выполнение рекомендаций по итогам предыдущего мониторинга",
    "conclusions": "Выводы",
    "recommendations": "Рекомендации",
    "no_sources": "Критерии мониторинга в данных проверки не указаны.",
    # {section}: «раздел «Наставничество»» as the run's source names it (nominative), {acc}:
    # the same in the accusative («рубрику «Наставничество»»).
    "object": (
        "Объект мониторинга — официальные сайты {schools} (далее — ОО): {section} и размещённые "
        "на сайте документы и новости о реализации целевой модели наставничества (далее — ЦМН) "
        "обучающихся и педагогических работников."
    ),
    "method_text": (
        "Мониторинг проведён автоматически. Программа открывала главную страницу официального "
        "сайта каждой ОО, находила {acc} по пунктам меню, адресам и заголовкам страниц (под любым "
        "из названий, которые встречаются на сайтах ОО), загружала найденные страницы, "
        "размещённые на них документы и новости и определяла по тексту документа его вид, дату, "
        "номер и то, к кому он относится (обучающиеся или педагогические работники)."
    ),
    "dated_in_past": (
        "Итоги даны на {day}: применены требования, действовавшие в этот день; документы и "
        "новости, датированные позже, не учитывались. Сайты прочитаны {read}."
    ),
    "method_rule": (
        "Критерий считается выполненным, если в разделе найден подтверждающий его документ, "
        "страница или новость; ссылки на них приведены в таблице раздела {matrix_section}. Если "
        "сайт или документ были недоступны либо файл не удалось прочитать, критерий отмечается "
        "как «не проверено» и невыполненным не считается. Доля выполнения рассчитана от числа "
        "ОО, в которых критерий удалось проверить. Итоговый балл — доля выполненных "
        "обязательных критериев среди проверенных с учётом их веса. {policy}"
    ),
    "schools_columns": (
        "№",
        "Образовательная организация",
        "Официальный сайт",
        "{section}",
    ),
    "criteria_columns": (
        "№",
        "Критерий",
        "Выполнен, ОО",
        "Не выполнен, ОО",
        "Не проверено, ОО",
        "Доля выполнения*",
    ),
    "optional_mark": "(необязательный, не учитывается в оценке)",
    "advised_mark": "(рекомендуемый, не учитывается в оценке)",
    "inferred_mark": (
        f"({rule_messages.INFERRED_PRACTICE}: {rule_messages.INFERRED_NOTE}; не учитывается в "
        "оценке)"
    ),
    "share_note": (
        "* Доля ОО, выполнивших критерий, от числа ОО, в которых он был проверен; ОО, где "
        "проверка была невозможна, в расчёт не входят и показаны отдельно."
    ),
    "matrix_note": (
        "Номера столбцов соответствуют номерам критериев в разделе {criteria_section}. "
        "✓ — выполнено, ✗ — не выполнено; цифры над отметкой — номера подтверждающих "
        "материалов, перечисленных с их адресами в приложении «{appendix}»."
    ),
    # A criterion not for the organisation's type (audit_rules/org_types.py, Rule.applies_to).
    "not_applicable_note": (
        "н/п — критерий не применяется к образовательной организации этого типа (например, "
        "требования к наставничеству обучающихся — к дошкольной образовательной организации); "
        "в оценке и долях такие ячейки не учитываются."
    ),
    "appendix": "Подтверждающие материалы",
    "appendix_heading": "Приложение. Подтверждающие материалы",
    "appendix_lead": (
        "Материалы, на основании которых критерии признаны выполненными или невыполненными, по "
        "образовательным организациям; номер критерия — по разделу {criteria_section}, номер "
        "материала — как над отметкой в таблице раздела {matrix_section}."
    ),
    "appendix_criterion": "Критерий {number}",
    "decision_note": "† — итог установлен решением методиста; причины приведены под таблицей.",
    "decisions_lead": "Решения методиста:",
    "decision_item": "{school}, критерий {number} — {outcome}: {reason}",
    "matrix_columns": ("№", "ОО", "Балл", "Уровень"),
    "events_lead": (
        "Освещение мероприятий дорожных карт в новостях сайтов: мероприятия, срок которых "
        "наступил к дате проверки, и сколько из них освещено в новостях ОО (новость называет "
        "мероприятие и опубликована не ранее чем за два месяца до срока и не позднее месяца "
        "после него)."
    ),
    "events_columns": ("№", "ОО", "Освещено", "Не освещены"),
    "remarks_lead": (
        "Замечания к содержанию размещённых документов. Документ с замечанием считается "
        "размещённым, и критерий по нему выполнен; замечание перечислено в адресных "
        "рекомендациях ОО с указанием документа."
    ),
    "remarks_columns": ("№", "Замечание", "Число ОО", "Документов", "ОО"),
    "events_count": "{covered} из {total}",
    "site_not_checked": "не проверено: {status}",
    "levels_columns": (
        "Уровень соответствия требованиям",
        "Число ОО",
        "Доля от числа ОО, материалы которых удалось проверить",
    ),
    "levels_total": "Всего",
    "trend_lead": (
        "Результаты сопоставлены с предыдущими мониторингами сайтов ОО муниципалитета по тем же "
        "критериям. Доля ОО, соответствующих требованиям, рассчитана от числа ОО, материалы "
        "которых удалось проверить; средний итоговый балл — среднее значение итоговых баллов "
        "этих ОО."
    ),
    "trend_columns": (
        "Дата мониторинга",
        "Всего ОО",
        "Соответствуют",
        "Частично соответствуют",
        "Не соответствуют",
        "Не проверено",
        "Доля соответствующих требованиям",
        "Средний итоговый балл",
    ),
    "criteria_trend_lead": (
        "Доля ОО, выполнивших каждый критерий, по данным мониторингов (от числа ОО, в которых "
        "критерий удалось проверить):"
    ),
    "criteria_trend_columns": ("№", "Критерий"),
    "criteria_trend_shown": "Приведены данные последних {count} мониторингов.",
    "criteria_change": (
        "По сравнению с предыдущим мониторингом доля образовательных организаций, выполнивших "
        "критерий, {changes}."
    ),
    "criteria_rose": "увеличилась по {which} {items}",
    "criteria_fell": "уменьшилась по {which} {items}",
    "criteria_which": ("критерию", "критериям"),
    "criteria_change_item": "«{title}» (с {before} до {after})",
    # Follow-up of the previous monitoring's letters (section «Выполнение рекомендаций…»).
    "follow_up_earlier": "Предыдущий мониторинг проведён {date} г.",
    "follow_up_letters": (
        "Письма с рекомендациями направлены образовательным организациям {date} г."
    ),
    "follow_up_deadline_passed": (
        "Срок устранения замечаний — до {date} г.; на дату настоящего мониторинга он истёк."
    ),
    "follow_up_deadline_ahead": (
        "Срок устранения замечаний — до {date} г.; на дату настоящего мониторинга он не истёк, "
        "поэтому приведённые сведения носят предварительный характер."
    ),
    "follow_up_no_deadline": "Срок устранения замечаний в письмах не устанавливался.",
    "follow_up_nothing": (
        "По итогам предыдущего мониторинга замечаний образовательным организациям не направлялось."
    ),
    "follow_up_sent": (
        "По итогам предыдущего мониторинга образовательным организациям направлено {count}."
    ),
    "follow_up_fixed": "исправлено {count} из {total}{where}",
    "follow_up_not_fixed": "не исправлено {count}{where}",
    "follow_up_not_checked": (
        "исполнение {count}{where} проверить не удалось (сайт или документ были недоступны)"
    ),
    "follow_up_where": " (в {schools})",
    "follow_up_days_note": (
        "Время устранения замечания — число календарных дней от даты письма, в котором оно было "
        "впервые указано, до даты настоящего мониторинга ({date} г.)."
    ),
    "follow_up_one_fixed": "Замечание устранено за {days}.",
    "follow_up_mean": "Среднее время устранения замечаний — {days}.",
    "follow_up_columns": ("№", "Критерий", "Результат", "Устранено за, дней"),
    "follow_up_conclusion": (
        "По итогам мониторинга, проведённого {date} г., образовательным организациям направлено "
        "{count}{deadline}: {parts}."
    ),
    "follow_up_conclusion_ahead": " (срок устранения не истёк)",
    "follow_up_conclusion_fixed": "исправлено {count}{where}",
    "follow_up_conclusion_days": ", за {days} с даты письма",
    "follow_up_conclusion_mean": ", в среднем за {days} с даты письма",
    "follow_up_conclusion_not_fixed": "не исправлено {count}",
    "follow_up_conclusion_not_checked": "исполнение {count} проверить не удалось",
    "recommendations_lead": "Руководителям образовательных организаций:",
    "no_recommendations": (
        "Все проверенные образовательные организации разместили материалы, предусмотренные "
        "критериями мониторинга; дополнительных рекомендаций нет."
    ),
    "figure": "Рисунок {number}. {title}",
}

# Charts of the reference (reports/reference/charts.py): titles become captions «Рисунок N. …».
CHART_TEXT = {
    "criteria": "Доля образовательных организаций, выполнивших критерий",
    "levels": "Распределение образовательных организаций по уровню соответствия требованиям",
    "trend": (
        "Динамика доли образовательных организаций, соответствующих требованиям, "
        "и среднего итогового балла"
    ),
    "criteria_axis": "Доля ОО, выполнивших критерий, %",
    "levels_axis": "Число ОО",
    "trend_axis": "%",
    "counted": "учитываемый критерий",
    "optional": "не учитывается в оценке (рекомендуемый или необязательный)",
    "no_data": "не проверен",
    "passed_of": "{share} ({passed} из {checked})",
    "share_compliant": "Доля ОО, соответствующих требованиям",
    "mean_score": "Средний итоговый балл",
    "criteria_trend": "Динамика доли образовательных организаций, выполнивших критерий",
}

# Static dashboard (reports/dashboard/pages.py): its title and what its script writes into the page.
DASHBOARD_TITLE = (
    "Мониторинг размещения информации о реализации целевой модели наставничества "
    "на официальных сайтах образовательных организаций"
)
DASHBOARD_SHOWN = "Показано строк: {shown} из {total}"

# What became of an earlier letter's findings, as the next letter tells the school
# (reports/letter/follow_up.py); {date} is the earlier monitoring's, {letter} the letter's part.
LETTER_FOLLOW_UP_TEXT = {
    "heading": "Исполнение рекомендаций по итогам предыдущего мониторинга",
    "letter": " (письмо от {date})",
    "sent_by": " письмом от {date}",
    "deadline": " в установленный срок (до {date} г.)",
    "fixed": "По итогам мониторинга от {date}{letter} устранены замечания:",
    "not_fixed": (
        "Не исправлены{deadline} замечания, направленные{sent_by} по итогам мониторинга от {date}:"
    ),
    "not_checked": (
        "Не удалось проверить, устранены ли следующие замечания по итогам мониторинга от {date}; "
        "это не считается невыполнением рекомендаций:"
    ),
    "acknowledgement": (
        "Замечания, направленные по итогам мониторинга от {date}{letter}, устранены."
    ),
    # A remark on a document the earlier letter made, as this run finds it.
    "remark_fixed": "замечание к документу «{document}»: {title}",
    "remark_repeated": " (замечание указывалось в письме от {date} и не устранено)",
}

# The dashboard's trends and follow-up (reports/dashboard/trends.py, templates/dashboard/).
DASHBOARD_TREND_TEXT = {
    "school_trend": "Итоговый балл организации по результатам мониторингов",
    "criteria_trend": "Динамика доли образовательных организаций, выполнивших критерий",
    "follow_up": "Исполнение рекомендаций по итогам предыдущего мониторинга",
    "follow_up_lead": "Замечания направлены по итогам мониторинга от {date}{letter}{deadline}.",
    "letter": " (письма от {date})",
    "school_letter": " (письмо от {date})",
    "deadline": "; срок устранения — до {date} г.{passed}",
    "deadline_passed": " (истёк)",
    "deadline_ahead": " (не истёк)",
    # Follow-up tracks the criteria a letter reported; remarks on documents are re-checked
    # afresh each run (the letter lists those still found), so «нет замечаний» would mislead.
    "follow_up_none": (
        "По итогам предыдущего мониторинга невыполненных критериев у организации не было."
    ),
    "follow_up_nothing": "По итогам предыдущего мониторинга невыполненных критериев не было.",
    "days": "{days} {word}",
}

# Whether a finding of an earlier run's letter was fixed by this run (reports/history/follow_up.py).
FOLLOW_UP_LABELS = {
    "fixed": "исправлено",
    "not_fixed": "не исправлено",
    "not_checked": "не проверено",
}

# A run whose results collapse against the previous check of the same schools
# (reports/history/collapse.py): said in the справка, on the dashboard and in the console.
COLLAPSE_TEXT = {
    "heading": "Внимание: результаты резко хуже предыдущей проверки",
    "lead": (
        "По сравнению с предыдущей проверкой тех же образовательных организаций ({date}) резко "
        "уменьшилось: {items}."
    ),
    "item": "{figure} — с {before} до {after}",
    "join": "; ",
    "cause": (
        "Так бывает при сбое самой проверки (сайты переехали на новые адреса, сеть или сайты "
        "были недоступны), а не только когда сайты стали хуже. Просмотрите результаты, прежде "
        "чем отправлять письма."
    ),
    "held": (
        "Письма образовательным организациям сохранены как проекты и к отправке не "
        "подготовлены, пока результаты не подтверждены: cmn-audit confirm --run {run_id}."
    ),
    "confirmed": "Результаты подтверждены методистом {date}; письма подготовлены к отправке.",
}
COLLAPSE_FIGURES = {
    "sites_checked": "число сайтов, которые удалось проверить",
    "sections_found": "число найденных разделов о наставничестве",
    "documents": "число документов о наставничестве в разделах",
}
# The mark a held letter carries at its top, in every format.
DRAFT_MARK = "ПРОЕКТ. Не отправлять до подтверждения результатов мониторинга."

# The Excel workbook (reports/exports/xlsx_book.py): sheet headings and the summary's figures.
XLSX_TEXT = {
    "figure": "Показатель",
    "value": "Значение",
    "municipality": "Муниципалитет",
    "audit_date": "Дата проверки",
    "period_from": "Период мониторинга: с",
    "period_to": "Период мониторинга: по",
    "organisations": "Образовательных организаций",
    "sites_checked": "Сайтов удалось проверить",
    "sections_found": "{section} {found}",  # «Раздел «Наставничество» найден»
    "documents": "Документов о наставничестве",
    "criteria_columns": (
        "Критерий",
        "Обязательность",
        "Выполнено",
        "Не выполнено",
        "Не проверено",
        "Доля выполнивших, %",
    ),
    "matrix_columns": ("Организация", "Адрес сайта", "Состояние сайта", "Раздел найден"),
    "matrix_tail": ("Балл, %", "Уровень", "Дата проверки"),
    "documents_columns": (
        "Организация",
        "Адрес документа",
        "Название",
        "Вид",
        "Адресат",
        "Дата",
        "Номер",
        "Загрузка",
        "Уверенность распознавания, %",
    ),
    "findings_columns": (
        "Организация",
        "Критерий",
        "Обязательность",
        "Результат",
        "Рекомендация",
        "Подтверждение",
        "Примечание",
    ),
}
