"""Russian number agreement, dates and numbers as an official document writes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


@dataclass(frozen=True)
class Forms:
    """A word's three forms after a numeral: 1 (21, 101…), 2–4 (22…), 5–20 and 0 (11–14 too)."""

    one: str
    few: str
    many: str


# A noun phrase per grammatical case; "few" of oblique cases equals their plural.
ORGANISATION = {
    "nom": Forms(
        "образовательная организация",
        "образовательные организации",
        "образовательных организаций",
    ),
    "gen": Forms(
        "образовательной организации",
        "образовательных организаций",
        "образовательных организаций",
    ),
    "dat": Forms(
        "образовательной организации",
        "образовательным организациям",
        "образовательным организациям",
    ),
    "prep": Forms(
        "образовательной организации",
        "образовательных организациях",
        "образовательных организациях",
    ),
}
SITE = {"nom": Forms("сайт", "сайта", "сайтов"), "gen": Forms("сайта", "сайтов", "сайтов")}
CRITERION = {"nom": Forms("критерий", "критерия", "критериев")}
# Past-tense verb agreeing with a feminine subject counted by a numeral.
WAS_FEMININE = Forms("была", "были", "были")
HAS_CREATED_FEMININE = Forms("создала", "создали", "создали")
MEETS = Forms("соответствует", "соответствуют", "соответствуют")


@dataclass(frozen=True)
class NounForms:
    """What the справка and letters need of the word a source calls the section by."""

    nom: str  # раздел
    acc: str  # (предоставить ссылку на) раздел
    found: str  # (не) найден
    created: str  # создан
    it: str  # (указывают на) него
    filled: str  # (ссылку на) наполненный (документами раздел)


# The words a profile may call the section by (audit_rules.model.SECTION_NOUNS).
SECTION_NOUNS = {
    "раздел": NounForms("раздел", "раздел", "найден", "создан", "него", "наполненный"),
    "подраздел": NounForms("подраздел", "подраздел", "найден", "создан", "него", "наполненный"),
    "рубрика": NounForms("рубрика", "рубрику", "найдена", "создана", "неё", "наполненную"),
    "страница": NounForms("страница", "страницу", "найдена", "создана", "неё", "наполненную"),
}


@dataclass(frozen=True)
class SectionWords:
    """The section as the run's source names it: «раздел «Наставничество»», «рубрика
    «Наставничество»», «раздел «Целевая модель наставничества»» (results.json run.section)."""

    name: str = "Наставничество"
    noun: str = "раздел"

    @classmethod
    def of(cls, run: dict) -> SectionWords:
        """From results.json's run; an older document without the key gets the default."""
        section = run.get("section") or {}
        return cls(section.get("name") or cls.name, section.get("noun") or cls.noun)

    @property
    def forms(self) -> NounForms:
        return SECTION_NOUNS.get(self.noun, SECTION_NOUNS["раздел"])

    @property
    def quoted(self) -> str:
        """«Наставничество» in quotes."""
        return f"«{self.name}»"

    @property
    def nom(self) -> str:
        """«раздел «Наставничество»»."""
        return f"{self.forms.nom} {self.quoted}"

    @property
    def capital(self) -> str:
        """«Раздел «Наставничество»», at the start of a sentence or a column."""
        return self.nom[:1].upper() + self.nom[1:]

    @property
    def acc(self) -> str:
        """«рубрику «Наставничество»»."""
        return f"{self.forms.acc} {self.quoted}"


DEFAULT_SECTION = SectionWords()


def plural(n: int, forms: Forms) -> str:
    """The form of a word that agrees with the number `n` (11–14 take the genitive plural)."""
    n = abs(n)
    if n % 100 in (11, 12, 13, 14):
        return forms.many
    if n % 10 == 1:
        return forms.one
    if n % 10 in (2, 3, 4):
        return forms.few
    return forms.many


def count_phrase(n: int, forms: Forms) -> str:
    """`n` followed by the agreeing form, e.g. «2 образовательные организации»."""
    return f"{n} {plural(n, forms)}"


def organisations(n: int, case: str = "nom") -> str:
    """«N образовательных организаций» in the requested case (nom, gen, dat, prep)."""
    return count_phrase(n, ORGANISATION[case])


def date_long(value: dt.date | None) -> str:
    """«26 октября 2022 г.»; an empty string when the date is unknown."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS_GENITIVE[value.month - 1]} {value.year} г."


def date_short(value: dt.date | None) -> str:
    """«26.10.2022»; an empty string when the date is unknown."""
    return "" if value is None else value.strftime("%d.%m.%Y")


def decimal(value: float | None, digits: int = 1) -> str:
    """A number with a decimal comma and no trailing «,0»: 42,9 or 100."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def percent(value: float | None) -> str:
    """«42,9 %» with a non-breaking space, or a dash when there is nothing to divide."""
    return "—" if value is None else f"{decimal(value)}\u00a0%"


def share(part: int, whole: int) -> float | None:
    """`part` of `whole` in percent rounded to one decimal; None when `whole` is zero."""
    return None if whole == 0 else round(100.0 * part / whole, 1)


def mean_score(scores: Iterable[float | None]) -> float | None:
    """The mean of the known scores, rounded to one decimal as every report prints it."""
    known = [score for score in scores if score is not None]
    return round(sum(known) / len(known), 1) if known else None


def join_names(names: list[str]) -> str:
    """«А, Б и В»: a Russian enumeration of names."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " и " + names[-1]


DAYS = Forms("день", "дня", "дней")
