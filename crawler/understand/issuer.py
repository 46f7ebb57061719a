"""Whose document it is: the school, a municipal, regional or federal body, a methodological
centre or another author, read from the letterhead above the title and from the signature."""

from __future__ import annotations

import re

from . import patterns as p
from .morph import LemmaText, has_finite_verb
from .signals import phrase_surfaces
from .vocabulary import SCHOOL_ACT_KINDS

HEADER_LINES = 12  # a letterhead rarely runs longer than this above the title
SIGNATURE_LINES = 6
LETTERHEAD_CHARS = 160
TITLE_TAIL = 4  # lines after the title that may still name the issuer
TABLE_START = re.compile(r"^\W*№\s|.* \| ")
OPENING_CHARS = 400
# A signature line names a position or a person; a table row at the end of a roadmap does not.
SIGNER = re.compile(
    r"\b(?:директор|заведующ|начальник|министр|руководител|ректор|председател|глава|и\.\s?о\.)"
    r"|\b[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+",
    re.IGNORECASE,
)
# A line citing an act («Распоряжением Министерства … от … № Р-145») names its author, not ours.
CITATION = re.compile(
    r"\b(?:распоряжени|постановлени|письм|указ|закон|приказ|методологи|концепци)\w*\s+\S",
    re.IGNORECASE,
)
# An annex's mark names the act that approved it, and so its author: «Приложение № 1 к приказу
# Управления образования … от 02.11.2020 № 235» (a municipal plan a school reposts), «… к
# приказу директора МБОУ …». The mark may wrap onto the next line.
ANNEX_MARK = re.compile(
    r"^\W*приложени\w*[^\n]{0,24}?\bк\s+(?:приказу|распоряжению|постановлению|решению|письму)"
    r"\s+(?P<body>[^\n]*(?:\n[^\n]*)?)",
    re.IGNORECASE | re.MULTILINE,
)
SCHOOL_HEAD = re.compile(r"\b(?:директор|заведующ)", re.IGNORECASE)
FOUNDER_LEVELS = frozenset({"municipal", "regional", "federal"})  # bodies that found schools
SCHOOL_KINDS = SCHOOL_ACT_KINDS | {"mentor_agreement", "best_practice", "other_mentorship"}


def document_issuer(text: str, kind: str, title_line: int | None = None) -> tuple[str, str | None]:
    """The issuer and the phrase that decided it.

    The letterhead (the lines above the title, or the first lines) names the body; a school
    named there makes the act the school's even if an authority is cited. Without a letterhead
    the signature decides; without either, a document in a school's form is taken as the
    school's, and a news item or an article as another author's. A publication's marks (a
    byline, a journal, a newspaper) make a text without a letterhead its authors'.
    """
    lines = text.split("\n")
    head = _head(lines, title_line)
    annexed = _annex_author("\n".join(line for line in head if line.strip()))
    if annexed:
        return annexed
    territorial = _territory_in_title(lines, title_line)
    if territorial:
        return territorial
    letterhead = _letterhead(head)
    header = "\n".join(letterhead)
    # A trade union or a university is the author only when its name opens the document; in
    # a stamp («СОГЛАСОВАНО Председатель профсоюзной организации») or a signature it agreed.
    top = letterhead[0] if letterhead and not p.APPROVAL_MARK.match(letterhead[0]) else ""
    signature = "\n".join(
        line for line in _letterhead(lines[-SIGNATURE_LINES:]) if SIGNER.search(line)
    )
    # The lines above the title: an organisation named there is the one that issues the act
    # under its founder's name (a title «… в общеобразовательных организациях» names none).
    above = header if title_line is None else "\n".join(_letterhead(lines[:title_line]))
    for place, opening, own in ((header, top, above), (signature, "", "")):
        found = _issuer_in(LemmaText(place), LemmaText(opening), LemmaText(own))
        if found:
            return found
    opening = LemmaText(text[:OPENING_CHARS])
    publication = phrase_surfaces(opening, p.ISSUER_PUBLICATION)
    if publication:
        return "other", publication[0]
    if kind in SCHOOL_KINDS:
        return "school", None
    # A news item or a text without a letterhead: the school's own when it opens about a school.
    if phrase_surfaces(opening, p.ISSUER_SCHOOL):
        return "school", None
    return "other", None


def _annex_author(head: str) -> tuple[str, str] | None:
    """The author an annex's mark names: its school (the director's order) or a body."""
    mark = ANNEX_MARK.search(head)
    if mark is None:
        return None
    body = mark.group("body")
    if SCHOOL_HEAD.search(body):
        return "school", mark.group(0).split("\n")[0].strip()
    found = _issuer_in(LemmaText(body), LemmaText(""))
    return found if found and found[0] != "other" else None


def _territory_in_title(lines: list[str], title_line: int | None) -> tuple[str, str] | None:
    """The territory whose own system the title names, when it names no school: «Положение о
    муниципальной системе наставничества … округа» is the municipality's, wherever posted."""
    if title_line is None:
        return None
    title = LemmaText(" ".join(lines[title_line : title_line + TITLE_TAIL]))
    if phrase_surfaces(title, p.ISSUER_SCHOOL):
        return None
    for level, phrases in p.ISSUER_TITLE_LEVELS:
        found = phrase_surfaces(title, phrases)
        if found:
            return level, found[0]
    return None


def _head(lines: list[str], title_line: int | None) -> list[str]:
    """The lines that may hold the letterhead: above the title and a few below it («ПОЛОЖЕНИЕ
    / в МБОУ …»), until the body or a table starts. Only lines with text count: the blank
    lines a page or a scan puts between the founder and the school are no distance (a web
    page's heading «Приказ № 45» stands above the whole letterhead)."""
    head: list[str] = []
    written = below_title = 0
    for number, line in enumerate(lines):
        if p.BODY_START.match(line) or TABLE_START.match(line):
            break
        if line.strip():
            if title_line is not None and number > title_line:
                below_title += 1
            if written == HEADER_LINES or below_title == TITLE_TAIL:
                break
            written += 1
        head.append(line)
    return head


def _letterhead(lines: list[str]) -> list[str]:
    """Lines that name a body: short, and no sentence (a headline or prose has a verb)."""
    kept = []
    for line in lines:
        stripped = line.strip()
        if not stripped or len(stripped) > LETTERHEAD_CHARS:
            continue
        if CITATION.search(stripped):
            continue
        if p.APPROVAL_MARK.match(stripped) or not has_finite_verb(stripped):
            kept.append(stripped)
    return kept


def _issuer_in(
    lemmas: LemmaText, opening: LemmaText, above: LemmaText | None = None
) -> tuple[str, str] | None:
    """The body a letterhead names; `opening`: its first line, where alone an author outside
    the school system (a union, a university) can stand («Первичная профсоюзная организация
    МКОУ …»). A founder named above a school («Управление образования … МБОУ …», «Министерство
    образования … области / БПОУ … колледж») never is, when the school stands in `above` (the
    letterhead above the title)."""
    school = phrase_surfaces(lemmas, p.ISSUER_SCHOOL)
    school_above = phrase_surfaces(above, p.ISSUER_SCHOOL) if above is not None else school
    for level, phrases in p.ISSUER_LEVELS:
        # Beside a school, a union or a university counts only where it opens the letterhead.
        if level == "other" and school:
            found = phrase_surfaces(opening, p.ISSUER_OPENING_AUTHORS)
        else:
            found = phrase_surfaces(lemmas, phrases)
        if found and not (
            (school and level == "municipal") or (school_above and level in FOUNDER_LEVELS)
        ):
            if school and _before(lemmas, school, found[0]):
                return "school", school[0]
            return level, found[0]
    if school:
        return "school", school[0]
    return None


def _before(lemmas: LemmaText, schools: list[str], body: str) -> bool:
    """Whether a school is named before the `body` (the school heads its own letterhead)."""
    return min(lemmas.text.find(school) for school in schools) < lemmas.text.find(body)
