"""Russian dates as schools write them: «12 марта 2024 г.», «от 04.09.2023г.», «31. 03. 22 г.»."""

from __future__ import annotations

import datetime
import re

from .normalize import BLANK_BETWEEN_DIGITS, BLANKS

MONTHS = {
    "января": 1,
    "февраля": 2,
    "марта": 3,
    "апреля": 4,
    "мая": 5,
    "июня": 6,
    "июля": 7,
    "августа": 8,
    "сентября": 9,
    "октября": 10,
    "ноября": 11,
    "декабря": 12,
}
# A month written in full or cut short, as news lists print it: «12 ноября», «12 ноя», «12 сент.».
# A platform in an English locale prints «Материал опубликован 4 May 2022».
ENGLISH_MONTHS = (
    *("jan", "feb", "mar", "apr", "may", "jun"),
    *("jul", "aug", "sep", "oct", "nov", "dec"),
)
MONTH_STEMS = (
    {name[:3]: number for name, number in MONTHS.items()}
    | {"май": 5}
    | {stem: number for number, stem in enumerate(ENGLISH_MONTHS, start=1)}
)
WORD_DATE = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s*[»\"”']?\s*(?P<m>(?:"
    + "|".join(MONTH_STEMS)
    + r")[а-яёa-z]*\.?)\s*(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
NUMERIC_DATE = re.compile(
    r"(?<![\d.])(?P<d>\d{1,2})\s{0,2}[./]\s{0,2}(?P<m>\d{1,2})\s{0,2}[./]\s{0,2}"
    r"(?P<y>\d{4}|\d{2})(?![\d])"
)
# «от «10» 01 2022 г.»: a blank form's quoted day, the month in figures, no dots.
QUOTED_DAY_DATE = re.compile(r"(?<!\d)(?P<d>\d{1,2})[»\"”]\s+(?P<m>\d{1,2})\s+(?P<y>\d{4})(?!\d)")
# «date 2025-11-18», as news feeds and site engines print it.
ISO_DATE = re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\d-])")
# «27 марта в школе прошёл…»: a news lead's day and month, the year left to the page.
YEARLESS_DATE = re.compile(
    r"^\W*(?P<d>\d{1,2})\s+(?P<m>(?:" + "|".join(MONTHS) + r"))(?!\s*\d)",
    re.IGNORECASE | re.MULTILINE,
)
# A year, or a school year «2024-2025», «2022–2023 учебный год».
YEAR = re.compile(r"(?<![\d.-])(?P<y>20\d\d)(?:\s?[-–—/]\s?(?P<next>20\d\d))?(?![\d.-])")
SCHOOL_YEAR_STARTS = 8  # from August (its pedagogical councils) a school year is under way
MIN_YEAR, MAX_YEAR = 1990, 2100


def find_dates(text: str) -> list[tuple[datetime.date, int, int]]:
    """Every valid date in `text` with its span, in reading order."""
    found = []
    for pattern in (WORD_DATE, NUMERIC_DATE, ISO_DATE, QUOTED_DAY_DATE):
        for match in pattern.finditer(text):
            value = _to_date(match)
            if value is not None:
                found.append((value, match.start(), match.end()))
    found.sort(key=lambda item: item[1])
    return found


def yearless_lead_date(lead: str, text: str) -> datetime.date | None:
    """«27 марта в школе прошёл…» at a line's start in the lead, in the first year (or school
    year) the text names."""
    match = YEARLESS_DATE.search(lead)
    year = YEAR.search(text)
    if not match or not year:
        return None
    month = MONTHS[match.group("m").lower()]
    value = int(year.group("y"))
    # In a school year «2024-2025» May is in 2025, October in 2024.
    if year.group("next") and int(year.group("next")) == value + 1 and month < SCHOOL_YEAR_STARTS:
        value += 1
    try:
        return datetime.date(value, month, int(match.group("d")))
    except ValueError:
        return None


def parse_russian_date(text: str) -> datetime.date | None:
    """The first date written in `text`, blanks and quotes allowed; None when there is none."""
    cleaned = BLANKS.sub(" ", BLANK_BETWEEN_DIGITS.sub(".", text))
    dates = find_dates(cleaned)
    return dates[0][0] if dates else None


def _to_date(match: re.Match) -> datetime.date | None:
    month_text = match.group("m")
    month = MONTH_STEMS[month_text[:3].lower()] if month_text[:1].isalpha() else int(month_text)
    year = int(match.group("y"))
    if year < 100:
        year += 2000
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return datetime.date(year, month, int(match.group("d")))
    except ValueError:
        return None
