"""A head's name as an official letter's addressee block writes it: «Петровой А. И.»."""

from __future__ import annotations

from functools import cache

from pytrovich.enums import Case, Gender, NamePart
from pytrovich.maker import PetrovichDeclinationMaker

from ..messages import FEMALE_PATRONYMIC_ENDINGS, MALE_PATRONYMIC_ENDINGS

GENDERS = {"female": Gender.FEMALE, "male": Gender.MALE}


@cache
def _maker() -> PetrovichDeclinationMaker:
    """petrovich's rules, read once (building the maker parses its JSON rule file)."""
    return PetrovichDeclinationMaker()


def _gender(patronymic: str) -> str | None:
    lowered = patronymic.lower()
    if lowered.endswith(FEMALE_PATRONYMIC_ENDINGS):
        return "female"
    if lowered.endswith(MALE_PATRONYMIC_ENDINGS):
        return "male"
    return None


def dative_with_initials(full_name: str) -> str:
    """«Петрова Анна Ивановна» → «Петровой А. И.»; the name as written when its form is unclear.

    The gender comes from the patronymic; without one the surname is not declined, since a
    wrongly declined name is worse in an official letter than an undeclined one. The surname
    is declined by petrovich's rules (pytrovich), each part of a double surname on its own.
    """
    parts = full_name.split()
    if len(parts) != 3 or not all(part[0].isalpha() for part in parts):
        return full_name
    surname, name, patronymic = parts
    gender = _gender(patronymic)
    if gender is None:
        return full_name
    declined = (
        _maker().make(NamePart.LASTNAME, GENDERS[gender], Case.DATIVE, part)
        for part in surname.split("-")
    )
    return f"{'-'.join(declined)} {name[0].upper()}. {patronymic[0].upper()}."
