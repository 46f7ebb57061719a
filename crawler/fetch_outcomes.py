"""Why a page or a file could not be fetched: the outcome codes the crawler records
(`fetches.outcome`, `documents.fetch_status`, `sites.site_error`) and their Russian labels,
declared once for the rules' notes, the letters, the справка and every export."""

from __future__ import annotations

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
