"""Types of educational organisation a requirement may be limited to, declared once.

A registry names an organisation's type in its own words («СОШ», «МБДОУ», «детский сад»,
«доп. образование»); a rule of a profile may apply only to some types (`applies_to`), e.g. the
pupils' mentorship model (Р-145) is for schools, additional and vocational education, not for
kindergartens, whose pupils are under ten. An organisation whose type cannot be recognised is
held to every rule: an unknown type never excuses a school.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class OrgType:
    """A type of organisation: how reports name it and the words a registry uses for it."""

    id: str
    label: str  # «дошкольная образовательная организация»
    plural: str  # «дошкольные образовательные организации»: how the catalogue says «not for»
    words: re.Pattern[str]  # matched against the lower-cased type, then the name
    examples: tuple[str, ...]  # how registries write it (docs/registry.md; each is tested)


def _words(pattern: str) -> re.Pattern[str]:
    # A word starts where no Cyrillic or Latin letter stands before it.
    return re.compile(rf"(?<![а-яёa-z])(?:{pattern})")


# Checked in this order: a sports or art school is additional education, not a school; a
# school with preschool groups («начальная школа – детский сад») is a school.
ORG_TYPES: tuple[OrgType, ...] = (
    OrgType(
        "additional",
        "организация дополнительного образования",
        "организации дополнительного образования",
        _words(
            r"дополнительн\w* образован|доп\.\s*образован|дом\w* (?:детского|детского и "
            r"юношеского) творчеств|центр\w* (?:детского|детского и юношеского) творчеств|"
            r"дворец\w* (?:детского|творчества)|станци\w* юн|спортивн\w* школ|школ\w* искусств|"
            r"музыкальн\w* школ|художественн\w* школ|(?:м[бак]?у\s*)?(?:ддт|цдт|цдо|дюсш|сдюсшор|"
            r"дши|дмш|дхш|сюн|сют|цтр|удо)(?![а-яё])|м[бак]?о?у\s?до(?![а-яё])"
        ),
        ("УДО", "дом детского творчества", "ДЮСШ", "ДШИ", "МБУ ДО"),
    ),
    OrgType(
        "vocational",
        "профессиональная образовательная организация",
        "профессиональные образовательные организации",
        _words(r"колледж|техникум|училищ|профессиональн\w* образовательн|г?[ба]?поу(?![а-яё])"),
        ("колледж", "техникум", "ГБПОУ"),
    ),
    OrgType(
        "school",
        "общеобразовательная организация",
        "общеобразовательные организации",
        _words(
            r"школ|гимнази|лице[йя]|общеобразовательн|центр\w* образовани|кадетск|интернат|"
            r"(?:м[бак]?оу\s*)?(?:сош|оош|нош|сшн)(?![а-яё])"
        ),
        ("школа", "СОШ", "ООШ", "гимназия", "лицей", "школа – детский сад"),
    ),
    OrgType(
        "kindergarten",
        "дошкольная образовательная организация",
        "дошкольные образовательные организации",
        _words(r"детск\w* сад|детсад|д/с|дошкольн|ясли|[мбакг]{0,3}\s?до[уо](?![а-яё])|црр"),
        ("детский сад", "МБДОУ", "ДОУ", "д/с"),
    ),
)
ORG_TYPE_IDS = tuple(org_type.id for org_type in ORG_TYPES)
_BY_ID = {org_type.id: org_type for org_type in ORG_TYPES}


def org_type(kind: str | None, name: str | None = None) -> OrgType | None:
    """The type a registry's «Тип» names, else the one its name shows; None when neither does.

    The type column decides when it is recognised («детский сад» for «МБОУ … школа – детский
    сад» would be wrong the other way): the name is only a fallback.
    """
    if (kind or "").strip().lower() in _BY_ID:  # the vocabulary's own id: «kindergarten»
        return _BY_ID[kind.strip().lower()]
    for text in (kind, name):
        lowered = (text or "").lower().replace("ё", "е")
        for candidate in ORG_TYPES:
            if candidate.words.search(lowered):
                return candidate
    return None


def type_by_id(type_id: str) -> OrgType:
    """The declared type with this id (KeyError for an unknown one)."""
    return _BY_ID[type_id]
