"""Kinds read from the body when a text names no type: news, practices, excerpts of an act.

Real texts often lack a heading: a news item opens with its headline and a date, a practice
with its authors, an excerpt of a положение starts in its third section. Each genre is told by
declared cues (patterns.py); the first genre whose cues reach their count wins.
"""

from __future__ import annotations

import re

from . import patterns as p
from .dates import MONTHS as MONTH_NAMES
from .morph import LemmaText
from .signals import phrase_surfaces

LEAD_CHARS = 700
STORY_OPENING_CHARS = 400  # a news story tells its event in its headline and first sentences
CLAUSE = re.compile(r"^\W{0,3}\d{1,2}\.\d{1,2}\.?\s", re.MULTILINE)
MONTHS = "|".join(MONTH_NAMES)
NEWS_DATE = re.compile(
    rf"^\W*(?:\d{{1,2}}\s+(?:{MONTHS})\b|\d{{1,2}}\.\d{{2}}\.\d{{4}}\W*$|дата\s+публикации)",
    re.IGNORECASE | re.MULTILINE,
)
EXPLANATORY_NOTE = re.compile(r"^\W*Пояснительная\s+записка\W*$", re.IGNORECASE | re.MULTILINE)
# A post's publication stamp, a date with its time, often glued to the headline
# («Открывая в себе наставника13.11.2019 21:01»).
POSTED_AT = re.compile(r"\d{1,2}\.\d{2}\.\d{4},?\s+(?:в\s+)?\d{1,2}:\d{2}(?!\d)")
POSTED_AT_CHARS = 300
# «Наставляемый – участник программы…»: a term and its definition.
DEFINITION = re.compile(r"^\W{0,3}[А-ЯЁ][\w -]{2,60}?\s[–—-]\s+[а-яё]", re.MULTILINE)
# «– Распоряжением Министерства … от …»: an item of the list of legal bases.
BASIS = re.compile(
    r"^\W{0,3}(?:Федеральн\w+\s+закон\w*|Распоряжени\w+|Приказ\w*|Постановлени\w+|Письм\w+)"
    r"\s[^\n]*\bот\b",
    re.MULTILINE,
)
# The same inside running text, when extraction joined the lines: «… коллектива. 1.2. Основные
# задачи …», «1) наставничество – универсальная технология …; 2) форма наставничества – …».
CLAUSE_INLINE = re.compile(r"(?:^|(?<=[\s;.]))\d{1,2}\.\d{1,2}\.?\s+[А-ЯЁ]")
NUMBERED_TERM = re.compile(r"(?:^|(?<=\s))\d{1,2}\)\s+[а-яё][\w -]{2,60}?\s[–—-]\s+[а-яё]")
MIN_CLAUSES = 3
# An author's byline: a person named, then their post («Логинова Юлия Александровна, учитель
# русского языка», «Ларионова Е.В., директор»). An account of one's own practice is signed so;
# an act names its signatory's post first («Директор школы ___ И.И. Иванова»).
_POST = (
    r"(?:учител|директор|заместител|воспитател|педагог|методист|старш|преподавател|заведующ"
    r"|руководител|психолог|логопед|дефектолог|советник)"
)
AUTHOR_BYLINE = re.compile(
    rf"\b[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вна|вич|чна|ич)|\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.)"
    rf"\s*[,–—-]?\s*{_POST}\w*",
)


def body_genre(text: str) -> tuple[str, str] | None:
    """The kind a text's body shows, and the cue that showed it."""
    lead = text[:LEAD_CHARS]
    lead_lemmas = LemmaText(lead)
    events = phrase_surfaces(lead_lemmas, p.NEWS_EVENTS)
    dated = NEWS_DATE.search("\n".join(lead.split("\n")[:6])) or POSTED_AT.search(
        lead[:POSTED_AT_CHARS]
    )
    # A dated event leads a news item even when it reports on a contest of practices.
    if events and dated:
        return "news", events[0]
    survey_lemmas = LemmaText(text[: p.SURVEY_CHARS])
    survey = phrase_surfaces(survey_lemmas, p.SURVEY_CUES)
    if survey:
        # A story that opens on an event held is news though a survey was part of it
        # («провели опрос» further on); a report opens on its analysis.
        held = _held_event(LemmaText(text[:STORY_OPENING_CHARS]))
        if held and held[0] < _first_at(survey_lemmas, p.SURVEY_CUES):
            return "news", held[1]
        return "monitoring", survey[0]
    byline = AUTHOR_BYLINE.search(lead)
    if byline:
        return "best_practice", " ".join(byline.group().split())
    practice = _distinct_spans(lead_lemmas, p.PRACTICE_CUES)
    if len(practice) >= p.PRACTICE_MIN:
        return "best_practice", practice[0]
    if len(events) >= p.NEWS_EVENTS_MIN:
        return "news", events[0]
    # A programme opens with its explanatory note (every school programme does).
    note = EXPLANATORY_NOTE.search(lead)
    if note:
        return "program", note.group().strip()
    base = phrase_surfaces(lead_lemmas, p.MENTOR_BASE_CUES)
    if base:
        return "mentor_base", base[0]
    incentive = phrase_surfaces(lead_lemmas, p.INCENTIVE_CUES)
    if incentive:
        return "mentor_incentive", incentive[0]
    # An excerpt from inside an act (labelling.md, hard case 20): numbered clauses, terms
    # with their definitions, a list of legal bases. Most such acts are положения.
    by_lines = len(CLAUSE.findall(text)) + len(DEFINITION.findall(text)) + len(BASIS.findall(text))
    inline = len(CLAUSE_INLINE.findall(text)) + len(NUMBERED_TERM.findall(text))
    structure = max(by_lines, inline)
    if structure >= MIN_CLAUSES:
        lemmas = LemmaText(text)
        program = phrase_surfaces(lemmas, p.PROGRAM_SELF)
        if program and not phrase_surfaces(lemmas, p.REGULATION_SELF):
            return "program", program[0]
        return "regulation", "пункты, определения и основания положения"
    return None


# A verb in the past tense tells an event held («прошёл», «состоялась»); a participle
# («прошедшего семинара») only qualifies a noun.
PAST_TENSE = re.compile(r"(?:л|ла|ло|ли)(?:сь|ся)?$", re.IGNORECASE)


def _held_event(lemmas: LemmaText) -> tuple[int, str] | None:
    """Where a text first tells of an event held, and the words that tell it."""
    held = [
        (start, surface)
        for phrase in p.HELD_EVENTS
        for start, end in lemmas.find(phrase, limit=3)
        if PAST_TENSE.search(surface := " ".join(lemmas.text[start:end].split()))
    ]
    return min(held, default=None)


def _first_at(lemmas: LemmaText, phrases: tuple[str, ...]) -> int:
    """Where the first of the phrases stands in a text (its length when none does)."""
    starts = [spans[0][0] for phrase in phrases if (spans := lemmas.find(phrase, limit=1))]
    return min(starts, default=len(lemmas.text))


def _distinct_spans(lemmas: LemmaText, phrases: tuple[str, ...]) -> list[str]:
    """Surfaces of the phrases found, one per place: «лучшие практики наставничества» counts
    once although two phrases match it."""
    found: list[tuple[int, int]] = []
    for phrase in phrases:
        spans = lemmas.find(phrase, limit=1)
        if spans and not any(s < spans[0][1] and spans[0][0] < e for s, e in found):
            found.append(spans[0])
    return [" ".join(lemmas.text[start:end].split()) for start, end in found]
