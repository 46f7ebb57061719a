"""Russian texts the audit stage shows to users: loader refusals and verdict notes."""

# Notes written into rule_results.note (the verdict could not be reached).
SITE_DOWN = "сайт недоступен: "
SITE_INCOMPLETE = "сайт проверен не полностью: "
FILES_UNREADABLE = "не удалось прочитать файлы раздела: "

# Fetch outcomes of the home page (sites.site_error), as a note explains them.
FETCH_OUTCOMES = {
    "unreachable": "сайт не отвечает",
    "error": "ошибка при загрузке",
    "http_error": "сервер вернул ошибку",
    "timeout": "превышено время ожидания ответа",
    "dns_error": "доменное имя не найдено",
    "connection_error": "не удалось установить соединение",
    "blocked_private": "адрес сайта ведёт во внутреннюю сеть",
    "robots": "доступ запрещён файлом robots.txt",
    "too_large": "страница слишком велика",
}

# Level shown when nothing could be checked.
NOT_CHECKED_LABEL = "не проверено"

# Loader refusals (ProfileError); formatted with str.format.
PROFILE_NOT_FOUND = "Профиль правил «{name}» не найден: нет файла {path}"
PROFILE_NOT_TOML = "Файл профиля {path} не является корректным TOML: {error}"
UNKNOWN_KEY = "{where}: неизвестный ключ «{key}» (допустимы: {allowed})"
MISSING_KEY = "{where}: не указан обязательный ключ «{key}»"
WRONG_TYPE = "{where}: ключ «{key}» должен быть {expected}"
DUPLICATE_RULE = "Профиль {profile}: правило «{rule_id}» объявлено дважды"
DUPLICATE_SOURCE = "Профиль {profile}: источник «{source_id}» объявлен дважды"
UNKNOWN_SOURCE = "{where}: источник «{source_id}» не объявлен в [[sources]]"
UNKNOWN_VIEW = "{where}: неизвестное представление «{view}» (допустимы: {allowed})"
BAD_VALUE = "{where}: недопустимое значение «{value}» ключа «{key}» (допустимы: {allowed})"
UNKNOWN_PARAM = "{where}: параметр ${param} не объявлен в [params]"
BAD_PREDICATE = "{where}: условие where не является корректным SQL над {view}: {error}"
NOT_ONE_EXPRESSION = "{where}: условие where должно быть одним выражением SQL"
BAD_LEVELS = "Профиль {profile}: уровни должны включать {expected}, нижний порог — 0"
NO_RULES = "Профиль {profile}: не объявлено ни одного правила"
BAD_EXAMPLES = "{where}: нужны хотя бы один пример pass и один пример fail"
