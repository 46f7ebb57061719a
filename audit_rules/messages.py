"""Russian texts the audit stage shows to users: loader refusals and verdict notes."""

import re

# How binding a rule is, declared once for the catalogue, the CLI and the reports.
SEVERITY_LABELS = {
    "required": "обязательно",
    "recommended": "рекомендуется",
    "optional": "необязательно",
}

# A verdict's outcome (audit_rules/model.py OUTCOMES), declared once for every output.
OUTCOME_LABELS = {
    "pass": "выполнено",
    "fail": "не выполнено",
    "not_checked": "не проверено",
    "not_applicable": "не применимо",
}

# What a rule rests on (audit_rules/model.py BASES), declared once for every output.
INFERRED_PRACTICE = "ожидается по практике центра"
INFERRED_NOTE = "в основании не требуется размещение"
BASIS_LABELS = {
    "published": "размещение на сайте требуется основанием",
    "inferred": f"{INFERRED_PRACTICE} ({INFERRED_NOTE})",
}
# The same in a table column (catalogue, `rules list`).
BASIS_SHORT = {"published": "размещение на сайте", "inferred": "по практике центра"}
# A requirement of a source that no rule checks, in the coverage table of the catalogue.
NOT_SITE_LABEL = "не требование к сайту"

# The severity policy (audit_rules/model.py SEVERITY_POLICY) in words, for the справка.
SEVERITY_POLICY_TEXT = (
    "В итоговый балл и уровень соответствия входят только обязательные критерии. Рекомендуемые "
    "и необязательные критерии приводятся для сведения: их невыполнение в балл не входит, в "
    "письмах они перечислены отдельно от того, что необходимо разместить. Критерии с отметкой "
    "«ожидается по практике центра» основаны на документах, которые основание требует "
    "разработать, утвердить или направить (например, по электронной почте), но не размещать "
    "на сайте: такие критерии всегда рекомендуемые, в балл не входят, а в письмах изложены как "
    "рекомендации. Замечания к содержанию размещённого документа (истёкший срок дорожной "
    "карты, неверные реквизиты федерального документа, приказ без даты или номера) не "
    "отменяют его размещения: критерий выполнен, а замечание приводится отдельно — в письме "
    "ОО и в сводной таблице справки."
)
# Sources without a number, a date or a subject line, as citations print them.
NO_NUMBER = "б/н"
NO_DATE = "без даты"
NO_SUBJECT = "без заголовка"

# Notes written into rule_results.note (the verdict could not be reached).
SITE_DOWN = "сайт недоступен: "
SITE_INCOMPLETE = "сайт проверен не полностью: "
FILES_UNREADABLE = "не удалось прочитать файлы раздела: "
# A rule that is not for the organisation's type (audit_rules/org_types.py).
NOT_APPLICABLE = "требование не относится к организации этого типа ({type})"
# A run dated in the past (`run --on`): a match dated later did not exist on that day.
DATED_LATER = "датировано позже даты мониторинга ({day:%d.%m.%Y}) и не учтено: "
# Notes of a verdict a methodologist replaced (audit_rules/overrides.py).
OVERRIDE_NOTE = "Решение методиста от {date}: {reason}"
OVERRIDE_STALE_NOTE = (
    "Решение методиста от {date} не применено: изменились документы, на которых оно основано."
)

# Fetch outcomes of the home page are explained by crawler/fetch_outcomes.py's labels.

# Level shown when nothing could be checked.
NOT_CHECKED_LABEL = "не проверено"

# Loader refusals (ProfileError); formatted with str.format.
PROFILE_NOT_FOUND = "Профиль правил «{name}» не найден: нет файла {path}"
PROFILE_NOT_TOML = "Файл профиля {path} не является корректным TOML: {error}"
# tomllib's English reasons, in the words a user of a settings file needs.
TOML_REASONS = (
    ("Illegal character", "недопустимый символ (не закрыта кавычка?)"),
    ("Expected '=' after a key", "после названия параметра нет знака «=»"),
    ("Cannot overwrite a value", "параметр или раздел указан дважды"),
    ("Cannot declare", "раздел указан дважды"),
    ("Invalid value", "значение записано неверно (текст — в кавычках, даты — ГГГГ-ММ-ДД)"),
    ("Invalid date or datetime", "дата записана неверно (нужно ГГГГ-ММ-ДД)"),
    ("Unclosed array", "не закрыта квадратная скобка списка"),
    ("Invalid statement", "строка не похожа на «параметр = значение» или «[раздел]»"),
)
TOML_WHERE = "строка {line}, позиция {column}"
TOML_OTHER = "ошибка записи"


def toml_error_text(error: Exception) -> str:
    """«строка 12, позиция 23: после названия параметра нет знака «=»» for a TOMLDecodeError,
    whose message Python gives in English."""
    message = str(error)
    reason = next((ru for en, ru in TOML_REASONS if message.startswith(en)), TOML_OTHER)
    where = re.search(r"at line (\d+), column (\d+)", message)
    if where:
        return f"{TOML_WHERE.format(line=where[1], column=where[2])}: {reason}"
    return reason


UNKNOWN_KEY = "{where}: неизвестный ключ «{key}» (допустимы: {allowed})"
MISSING_KEY = "{where}: не указан обязательный ключ «{key}»"
WRONG_TYPE = "{where}: ключ «{key}» должен быть {expected}"
DUPLICATE_RULE = "Профиль {profile}: правило «{rule_id}» объявлено дважды"
DUPLICATE_SOURCE = "Профиль {profile}: источник «{source_id}» объявлен дважды"
UNKNOWN_SOURCE = "{where}: источник «{source_id}» не объявлен в [[sources]]"
UNKNOWN_VIEW = "{where}: неизвестное представление «{view}» (допустимы: {allowed})"
BAD_VALUE = "{where}: недопустимое значение «{value}» ключа «{key}» (допустимы: {allowed})"
UNKNOWN_PARAM = "{where}: параметр ${param} не объявлен в [params]"
BAD_PREDICATE = "{where}: условие {key} не является корректным SQL над {view}: {error}"
NOT_ONE_EXPRESSION = "{where}: условие {key} должно быть одним выражением SQL"
BAD_LEVELS = "Профиль {profile}: уровни должны включать {expected}, нижний порог — 0"
NO_RULES = "Профиль {profile}: не объявлено ни одного правила"
BAD_EXAMPLES = "{where}: нужны хотя бы один пример pass и один пример fail"
UNKNOWN_PROFILE_PARAM = (
    "[profile_params] {param}: у профиля {profile} нет такого параметра; параметры профиля: {known}"
)
PROFILE_PARAM_TYPE = (
    "[profile_params] {param}: значение должно быть того же вида, что в профиле {profile} "
    "(список адресов — списком в квадратных скобках, текст — в кавычках)"
)
UNDECIDED_PAIR = (
    "{where}: ключи undecided и undecided_reason задаются вместе — условие и то, что по нему "
    "не удалось установить"
)
BAD_EXAMPLE = "{where}, пример «{name}»: ожидался результат «{expect}», получен «{outcome}»"
BAD_EXAMPLE_EVIDENCE = (
    "{where}, пример «{name}»: доказательства {actual} вместо заявленных {expected}"
)
COUNTED_CONTRADICTS = (
    "{where}: counted = {counted} противоречит обязательности «{severity}»: в оценку входят "
    "только обязательные (required) критерии. Уберите ключ counted или измените severity"
)
INFERRED_SEVERITY = (
    '{where}: правило с основанием basis = "inferred" (в основании не требуется размещение на '
    'сайте) может быть только рекомендуемым (severity = "recommended"), а не «{severity}»'
)
INFERRED_DEADLINE = (
    '{where}: у правила с основанием basis = "inferred" не может быть срока deadline: срок '
    "основания относится к документу или его направлению, а не к размещению на сайте"
)
BAD_PERIOD = "{where}: дата in_force_to ({to:%d.%m.%Y}) раньше in_force_from ({start:%d.%m.%Y})"
NO_RULES_IN_FORCE = "Профиль {profile}: на дату {day:%d.%m.%Y} не действует ни одно правило"

# Composition (extends / drop / [[override]]).
UNKNOWN_BASE = "{where}: базовый профиль «{base}» не найден (нет файла {path})"
EXTENDS_CYCLE = "{where}: профили наследуют друг друга по кругу: {chain}"
COMPOSE_WITHOUT_BASE = "{where}: ключи drop и [[override]] допустимы только вместе с extends"
DROP_UNKNOWN = "{where}: нельзя исключить правило «{rule_id}» — его нет в базовом профиле {base}"
OVERRIDE_UNKNOWN = (
    "{where}: нельзя переопределить правило «{rule_id}» — его нет в базовом профиле {base} "
    "или оно исключено в drop"
)
OVERRIDE_TWICE = "{where}: правило «{rule_id}» переопределено дважды"
REUSED_BASE_ID = (
    "{where}: правило «{rule_id}» уже есть в базовом профиле {base}; чтобы изменить его, "
    "используйте [[override]], а новому правилу дайте новый код"
)

# `cmn-audit rules` output.
PROFILE_HEADING = "Профиль {id}, версия {version}: {title}"
PROFILE_BASED_ON = "Построен на профиле: {chain}"
RULE_HEADING = "{rule_id} — профиль {profile}, версия {version}"
RULE_NOT_FOUND = "Правило «{rule_id}» не найдено в профилях: {profiles}"
PROFILE_VALID = (
    "Профиль {profile} корректен: правил {rules}, примеров {examples} — все ведут себя как заявлено"
)
CATALOGUE_WRITTEN = "Каталог правил записан: {path}"
EXAMPLES_HEADING = "Примеры (проверяются при каждой загрузке профиля):"
EXAMPLE_LINE = "  • {name} → {outcome}"
EXAMPLE_FACTS = "      {table}: {facts}"
