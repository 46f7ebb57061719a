"""Why a page or a file could not be fetched: the outcome codes the crawler records
(`fetches.outcome`, `documents.fetch_status`, `sites.site_error`) and their Russian labels,
declared once for the rules' notes, the letters, the справка and every export."""

from __future__ import annotations

# HTTP answers that refuse the crawler access rather than say the file is gone: a document
# behind them was not read (its rule «не проверено»), and its link is not called broken.
ACCESS_REFUSED = frozenset({401, 403, 429})

FETCH_OUTCOME_LABELS = {
    "ok": "загружен",
    "unreachable": "сайт не отвечает",
    "http_error": "сервер ответил ошибкой",
    "timeout": "сервер не ответил за отведённое время",
    "dns_error": "доменное имя сайта не найдено",
    "connection_error": "не удалось установить соединение с сервером",
    "blocked_private": "адрес ведёт во внутреннюю сеть и не проверялся",
    "robots": "доступ запрещён правилами robots.txt сайта",
    "too_large": "файл превышает допустимый размер",
    "host_unresolved": "файловое хранилище не отдаёт файл без браузера",
    "bad_link": "ссылка ведёт не на адрес в интернете и не открывалась",
    "time_budget": "время на проверку сайта истекло раньше",
    "error": "ошибка при загрузке",
}
