"""Clean extracted text before classifying: mangled «№», bullets, blanks, signature blocks."""

from __future__ import annotations

import re

from ..extract.result import FILE_START

# «№» as OCR and wrong code pages render it; only before a number.
NUMBER_SIGN = re.compile(r"(?:в„–|J\\Ъ|Jtlb|NЬ|ЛЪ|\bNs|\bNo\.?|\bN)(?=\s*_*\s*\d)")
# Fill-in blanks between the parts of a date: «31»__08_2021 → 31.08.2021.
BLANK_BETWEEN_DIGITS = re.compile(r"(?<=\d)[»\"”'\s]*_+[_\s»\"”']*(?=\d)")
# «01.09. 2022 г.»: a typist's space before the year.
SPACED_YEAR = re.compile(r"\b(\d{1,2}\.\d{1,2}\.)[ \t]+(\d{4})\b")
BLANKS = re.compile(r"_+")
BULLETS = re.compile(r"^[ \t\uf0b7\uf0a7\uf0d8•▪●◦·■□➢✓-]+(?=\S)", re.MULTILINE)
SPACES = re.compile(r"[ \t\u00a0\u202f\u2007\u2009]+")
# Soft hyphens, zero-width marks, carriage returns and an archive's mark of a file's start.
INVISIBLE = str.maketrans(
    {"\u00ad": None, "\u200b": None, "\ufeff": None, "\r": None, FILE_START: None}
)

# Electronic-signature text: personal identifiers, never the title, never the date.
SIGNATURE_LINE = re.compile(
    r"подписан\w*\s+(?:цифровой|электронной)\s+подпись|^\W*документ\s+подписан"
    r"|^\W*электронной\s+подписью|^\W*сертификат\b|^\W*владелец\b|^\W*действителен\b"
    r"|^\W*DN:|СНИЛС\s*=|ИНН\s*=|^\W*Дата:\s*\d{4}[.-]\d{2}[.-]\d{2}\s+\d|^\W*Причина:"
    r"|^\W*Местоположение:|сведения\s+о\s+сертификате|серийный\s+номер",
    re.IGNORECASE,
)

# The navigation of the page a document was copied from (publishing sites, legal databases,
# the version for the visually impaired): never the title, never the body.
WEB_CHROME = re.compile(
    r"^\W*(?:Главные\s+вкладки|Мои\s+публикации|Предварительный\s+просмотр|Навигация\s+по"
    r"\s+странице|Главная\s+страница|Версия\s+для\s+слабовидящих|Меню|Скачать\b[^\n]{0,20}"
    r"|ВКЛ\s*/\s*ВЫКЛ\b.*|Откройте\s+актуальную\s+версию\b.*|Если\s+вы\s+являетесь\s+"
    r"пользователем\b.*|Обновлено:?\s*[\d.]*)\W*$",
    re.IGNORECASE,
)


def normalize(text: str) -> str:
    """Text with signature lines dropped and the quirks of section 8 of SITE_PATTERNS fixed."""
    text = text.translate(INVISIBLE)
    text = NUMBER_SIGN.sub("№", text)
    text = BLANK_BETWEEN_DIGITS.sub(".", text)
    text = SPACED_YEAR.sub(r"\1\2", text)
    text = BLANKS.sub(" ", text)
    text = BULLETS.sub("", text)
    lines = []
    for raw in text.split("\n"):
        line = SPACES.sub(" ", raw).strip()
        if SIGNATURE_LINE.search(line) or WEB_CHROME.match(line):
            continue
        lines.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
