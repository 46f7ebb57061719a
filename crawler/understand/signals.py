"""Scores shared by documents and news: mentorship context, look-alike titles, audience."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import patterns as p
from .morph import LemmaText
from .normalize import normalize

MAX_CHARS = 60_000
BOTH_WINDOW = 3000
AUDIENCE_CAP = 5


@dataclass(frozen=True)
class Hit:
    """A cue found in a text: its weight, how often, and the first surface form."""

    weight: float
    count: int
    surface: str
    act: bool = False  # a cited act's code such as «Р-145» or «3273-р», not a word of the text


@dataclass(frozen=True)
class Context:
    score: float
    has_system_cue: bool
    hits: tuple[Hit, ...]


def masked(text: str) -> str:
    """Text with phrases that look like mentorship but are not («Год педагога и наставника»)."""
    return p.MASKED.sub(lambda match: " " * len(match.group()), text[:MAX_CHARS])


def cue_hits(lemmas: LemmaText, cues: tuple[p.Cue, ...], cap: int) -> list[Hit]:
    """Weighted hits of cues (lemma phrases or regexes) in a text."""
    hits = []
    for cue in cues:
        if cue.regex:
            spans = [match.span() for match in re.finditer(cue.phrase, lemmas.text)]
        else:
            spans = lemmas.find(cue.phrase, limit=cap)
        if spans:
            start, end = spans[0]
            count = min(len(spans), cap)
            surface = " ".join(lemmas.text[start:end].split())
            hits.append(Hit(cue.weight, count, surface, cue.act))
    return hits


def context(lemmas: LemmaText) -> Context:
    """How much of the mentorship system's vocabulary a text uses."""
    hits = cue_hits(lemmas, p.CONTEXT, p.CUE_COUNT_CAP)
    score = sum(hit.weight * hit.count for hit in hits)
    strongest = tuple(sorted(hits, key=lambda hit: -hit.weight))
    return Context(score, any(hit.weight >= p.SYSTEM_CUE_WEIGHT for hit in hits), strongest)


def school_mentorship(lemmas: LemmaText, raw: str) -> str | None:
    """The reason to read a short text as about school mentorship, when its words say so.

    A text on the Year of the Teacher and Mentor (masked in `lemmas`, present in `raw`) is
    left to the system's own vocabulary: a count of mentors does not make it about the system.
    """
    if not lemmas.find(p.SYSTEM_NOUN, limit=1) or p.MASKED.search(raw):
        return None
    if not school_field(lemmas):
        return None
    mentions = len(lemmas.find(p.MENTOR_WORD, limit=20))
    # A long document that mentions mentors in passing (a tariff order) is not about them.
    if mentions * p.SCHOOL_MENTOR_SPACING < len(lemmas.text):
        return None
    school = len(lemmas.find(p.SCHOOL_FIELD, limit=50))
    if mentions >= p.SCHOOL_MENTOR_WORDS and school >= p.SCHOOL_FIELD_WORDS:
        return f"наставничество в образовании: {mentions} упоминаний, {school} слов о школе"
    return None


def body_mentorship(body: LemmaText, raw: str, found: Context) -> tuple[bool, str | None]:
    """Whether a text's body alone speaks of the mentorship system (`found`: its context),
    and the counted reason when only counts decide. The system's vocabulary decides when
    dense; when thin, the text must also speak of schools more than of production, sport or
    labour law."""
    enough = found.score >= p.CONTEXT_THRESHOLD and found.has_system_cue
    # A short text that names the system in words (not only by citing its acts) is about it.
    worded = any(hit.weight >= p.SYSTEM_CUE_WEIGHT and not hit.act for hit in found.hits)
    if len(raw) <= p.SHORT_TEXT_CHARS and worded and found.score >= p.SHORT_CONTEXT_THRESHOLD:
        enough = True
    # A note of a sentence or two names the system once, and that once is what it tells
    # («Подведены итоги работы наставнических пар за учебный год»), unless it names another
    # field that has mentors too.
    if len(raw) <= p.NOTE_CHARS and worded and not body.find(p.OTHER_FIELD, limit=1):
        return True, None
    if enough and (found.score >= p.CONTEXT_DENSE or school_field(body)):
        return True, None
    school = school_mentorship(body, raw)
    return school is not None, school


def other_subject(title: str, text: str) -> str | None:
    """What a page named after mentorship tells of instead, when it tells nothing of the
    system: not one cue of its forms, programmes, pairs or acts (an empty page or a list of
    files is no look-alike), and a volunteer squad or patronage named. The words that say so."""
    lemmas = LemmaText(masked(normalize(f"{title or ''}\n{(text or '')[: p.SECTION_TEXT_CHARS]}")))
    if any(hit.weight >= 1.0 for hit in context(lemmas).hits):
        return None
    named = phrase_surfaces(lemmas, p.SECTION_OTHER_SUBJECT)
    return named[0] if named else None


def school_field(lemmas: LemmaText) -> bool:
    """Whether a text speaks of schools more than of production, sport or labour law."""
    school = len(lemmas.find(p.SCHOOL_FIELD, limit=50))
    other = len(lemmas.find(p.OTHER_FIELD, limit=50))
    return school > other


def phrase_surfaces(lemmas: LemmaText, phrases: tuple[str, ...]) -> list[str]:
    """Surface forms of the phrases present in a (short) text, one per phrase."""
    found = []
    for phrase in phrases:
        spans = lemmas.find(phrase, limit=1)
        if spans:
            start, end = spans[0]
            found.append(" ".join(lemmas.text[start:end].split()))
    return found


def audience(
    title: LemmaText | None, body: LemmaText, link_only: bool = False
) -> tuple[str, list[str]]:
    """Students, teachers or both: the title decides first, then explicit pairs, then counts.

    `link_only`: a file not read, known by its link text alone («Программа наставничества
    педагогов»), which then also names whose mentorship it is by a plain genitive."""
    if title is not None:
        students = cue_hits(title, p.STUDENTS, 1)
        teachers = cue_hits(title, p.TEACHERS + (p.LINK_TEACHERS if link_only else ()), 1)
        if students or teachers:
            reasons = [hit.surface for hit in students + teachers]
            if students and teachers:
                return "both", reasons
            return ("students" if students else "teachers"), reasons
    head = LemmaText(body.text[:BOTH_WINDOW])
    both = phrase_surfaces(head, p.BOTH)
    if both:
        return "both", both[:1]
    # Forms of both groups named («ученик – ученик» and «учитель – учитель»): both.
    student_forms = phrase_surfaces(body, p.STUDENT_FORMS)
    teacher_forms = phrase_surfaces(body, p.TEACHER_FORMS)
    if student_forms and teacher_forms:
        return "both", student_forms[:1] + teacher_forms[:1]
    students = cue_hits(body, p.STUDENTS, AUDIENCE_CAP)
    teachers = cue_hits(body, p.TEACHERS, AUDIENCE_CAP)
    # One group's form named («воспитатель – воспитатель») and the other group only in a cited
    # act («Р-145», which names whom that act concerns): the pairs say whose mentorship it is.
    if teacher_forms and all(hit.act for hit in students):
        return "teachers", teacher_forms[:1]
    if student_forms and all(hit.act for hit in teachers):
        return "students", student_forms[:1]
    s_score = sum(hit.weight * hit.count for hit in students)
    t_score = sum(hit.weight * hit.count for hit in teachers)
    top_s = [max(students, key=lambda hit: hit.weight * hit.count).surface] if students else []
    top_t = [max(teachers, key=lambda hit: hit.weight * hit.count).surface] if teachers else []
    if not s_score and not t_score:
        return _plain_words(body)
    # Citations of both groups' acts with nothing else named: the group is not shown.
    if all(hit.act for hit in students + teachers) and students and teachers:
        return "unknown", top_s + top_t
    if t_score == 0 or s_score >= p.AUDIENCE_RATIO * t_score:
        return "students", top_s
    if s_score == 0 or t_score >= p.AUDIENCE_RATIO * s_score:
        return "teachers", top_t
    return "both", top_s + top_t


def _plain_words(body: LemmaText) -> tuple[str, list[str]]:
    """The group a text without any audience cue speaks of, when one clearly dominates."""
    teachers = body.find(p.TEACHER_WORDS, limit=50)
    students = body.find(p.STUDENT_WORDS, limit=50)
    if _dominates(teachers, students):
        start, end = teachers[0]
        return "teachers", [body.text[start:end]]
    if _dominates(students, teachers):
        start, end = students[0]
        return "students", [body.text[start:end]]
    return "unknown", []


def _dominates(group: list, other: list) -> bool:
    return len(group) >= p.PLAIN_WORDS_MIN and len(group) >= p.PLAIN_WORDS_RATIO * len(other)
