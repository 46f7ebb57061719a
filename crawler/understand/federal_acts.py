"""Citations of federal acts checked against their true date and number (federal_acts.toml)."""

from __future__ import annotations

import datetime
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .dates import find_dates

ACTS_FILE = Path(__file__).with_name("federal_acts.toml")
BEFORE_WINDOW = 40  # «от 25 декабря 2019 года №» fits
AFTER_WINDOW = 40
BETWEEN_DATE_AND_NUMBER = re.compile(r"\s*(?:г\.?|года)?\s*(?:№|No|N)?\s*", re.I)
AFTER_DATE = re.compile(r"\s*[,(]?\s*от\s*", re.I)
SUBJECT_WINDOW = 250
# Cyrillic letters of act numbers and the Latin letters typed in their place.
HOMOGLYPHS = {"Р": "[РP]", "А": "[АA]", "З": "[З3]", "М": "[МM]"}
NUMBER_SIGN = re.compile(r"(?:№|N|No)\s*(?P<number>[А-ЯA-Z]{1,3}\s?-\s?\d+(?:/\d+)?)", re.I)


@dataclass(frozen=True)
class FederalAct:
    id: str
    number: str
    date: datetime.date
    title: str
    subject: tuple[str, ...]
    source: str

    @functools.cached_property
    def number_pattern(self) -> re.Pattern:
        letters, _, digits = self.number.partition("-")
        prefix = "".join(HOMOGLYPHS.get(letter, re.escape(letter)) for letter in letters)
        return re.compile(rf"(?<![\w-]){prefix}\s?-?\s?{re.escape(digits)}(?![\d/])", re.I)


@dataclass(frozen=True)
class ActSlip:
    """A citation whose details differ from the act's: what was written and what is right."""

    act: FederalAct
    written_date: datetime.date | None
    written_number: str | None

    @property
    def code(self) -> str:
        return "federal_act_wrong_date" if self.written_date else "federal_act_wrong_number"

    @property
    def detail(self) -> str:
        right = f"от {self.act.date:%d.%m.%Y} № {self.act.number}"
        if self.written_date:
            written = f"от {self.written_date:%d.%m.%Y} № {self.act.number}"
        else:
            written = f"от {self.act.date:%d.%m.%Y} № {self.written_number}"
        return f"{self.act.title}: указано «{written}», верно «{right}»"


@functools.cache
def federal_acts() -> tuple[FederalAct, ...]:
    data = tomllib.loads(ACTS_FILE.read_text(encoding="utf-8"))
    return tuple(
        FederalAct(
            id=entry["id"],
            number=entry["number"],
            date=entry["date"],
            title=entry["title"],
            subject=tuple(entry["subject"]),
            source=entry["source"],
        )
        for entry in data["act"]
    )


def act_slips(text: str) -> tuple[ActSlip, ...]:
    """Every distinct wrong citation of a known federal act in the text."""
    slips: dict[tuple, ActSlip] = {}
    for act in federal_acts():
        for match in act.number_pattern.finditer(text):
            written = _nearest_date(text, match.start(), match.end())
            if written and written != act.date:
                slips.setdefault((act.id, written), ActSlip(act, written, None))
        for slip in _wrong_numbers(text, act):
            slips.setdefault((act.id, slip.written_number), slip)
    return tuple(slips.values())


def _nearest_date(text: str, start: int, end: int) -> datetime.date | None:
    """The citation's own date: «от DATE № N» before the number, else «№ N от DATE» after it."""
    before = text[max(0, start - BEFORE_WINDOW) : start]
    dates = find_dates(before)
    if dates and BETWEEN_DATE_AND_NUMBER.fullmatch(before[dates[-1][2] :]):
        return dates[-1][0]
    after = text[end : end + AFTER_WINDOW]
    found = AFTER_DATE.match(after)
    if found:
        dates = find_dates(after[found.end() :])
        if dates and dates[0][1] == 0:
            return dates[0][0]
    return None


def _wrong_numbers(text: str, act: FederalAct) -> list[ActSlip]:
    """The act named by its date and subject, under another number."""
    lowered = text.lower()
    slips = []
    for match in NUMBER_SIGN.finditer(text):
        number = re.sub(r"\s", "", match.group("number")).upper()
        if act.number_pattern.fullmatch(number):
            continue
        written = _nearest_date(text, match.start(), match.end())
        around = lowered[match.start() : match.end() + SUBJECT_WINDOW]
        if written == act.date and any(stem in around for stem in act.subject):
            slips.append(ActSlip(act, None, number))
    return slips
