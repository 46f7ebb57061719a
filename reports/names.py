"""A head's name as an official letter's addressee block writes it: «Петровой А. И.»."""

from __future__ import annotations

from .messages import FEMALE_PATRONYMIC_ENDINGS, MALE_PATRONYMIC_ENDINGS

# Surname endings → dative endings, longest first. Surnames that end otherwise in a vowel
# (-о, -е, -и, -у, -ых/-их…) and women's surnames ending in a consonant do not decline.
_FEMALE_DATIVE = (
    ("ская", "ской"),
    ("цкая", "цкой"),
    ("ова", "овой"),
    ("ева", "евой"),
    ("ёва", "ёвой"),
    ("ина", "иной"),
    ("ына", "ыной"),
    ("ая", "ой"),
    ("яя", "ей"),
    ("а", "е"),
    ("я", "е"),
)
_MALE_DATIVE = (
    ("ский", "скому"),
    ("цкий", "цкому"),
    ("кий", "кому"),
    ("гий", "гому"),
    ("хий", "хому"),
    ("ый", "ому"),
    ("ой", "ому"),
    ("ий", "ему"),
    ("ь", "ю"),
    ("й", "ю"),
    ("а", "е"),
    ("я", "е"),
)
_INDECLINABLE = ("ых", "их", "аго", "яго", "о", "е", "и", "у", "ю", "э")
_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")


def _gender(patronymic: str) -> str | None:
    lowered = patronymic.lower()
    if lowered.endswith(FEMALE_PATRONYMIC_ENDINGS):
        return "female"
    if lowered.endswith(MALE_PATRONYMIC_ENDINGS):
        return "male"
    return None


def _keep_case(word: str, ending: str, replacement: str) -> str:
    stem = word[: len(word) - len(ending)]
    return stem + (replacement.upper() if word[-1].isupper() else replacement)


def _surname_dative(surname: str, gender: str) -> str:
    """One part of a surname in the dative; unknown patterns are left as written."""
    lowered = surname.lower()
    if lowered.endswith(_INDECLINABLE):
        return surname
    for ending, replacement in _FEMALE_DATIVE if gender == "female" else _MALE_DATIVE:
        if lowered.endswith(ending):
            return _keep_case(surname, ending, replacement)
    if gender == "male" and lowered[-1] in _CONSONANTS:
        return surname + ("У" if surname[-1].isupper() else "у")
    return surname


def dative_with_initials(full_name: str) -> str:
    """«Петрова Анна Ивановна» → «Петровой А. И.»; the name as written when its form is unclear.

    The gender comes from the patronymic; without one the surname is not declined, since a
    wrongly declined name is worse in an official letter than an undeclined one.
    """
    parts = full_name.split()
    if len(parts) != 3 or not all(part[0].isalpha() for part in parts):
        return full_name
    surname, name, patronymic = parts
    gender = _gender(patronymic)
    if gender is None:
        return full_name
    dative = "-".join(_surname_dative(part, gender) for part in surname.split("-"))
    return f"{dative} {name[0].upper()}. {patronymic[0].upper()}."
