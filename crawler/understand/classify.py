"""Document facts from text: kind, audience, title, date, number, period, with the reasons."""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import asdict, dataclass

from . import patterns as p
from .appointments import appointed_roles
from .checks import Problem
from .federal_acts import act_slips
from .fields import date_and_number, period
from .genres import body_genre
from .issuer import document_issuer
from .mentor_base import mentor_counts
from .morph import LemmaText
from .normalize import normalize
from .parts import PART_KINDS, Segment, bundle_parts
from .roadmap import RoadmapEvent, roadmap_events
from .signals import audience, body_mentorship, context, masked, phrase_surfaces
from .signer import signed_by
from .tables import Table, document_tables
from .titles import Declared, clean_hint, declared_type, document_title, head_lines, hint_type

DECLARED_KINDS = {
    "regulation": "regulation",
    "roadmap": "roadmap",
    "program": "program",
    "mentor_base": "mentor_base",
    "monitoring": "monitoring",
    "methodology": "methodology",
    "course": "other_mentorship",
}
# Documents an act approves: their header block may cite it by date and number.
APPROVED_TYPES = frozenset({"regulation", "roadmap", "program", "mentor_base", "monitoring"})
PERIOD_KINDS = frozenset({"roadmap", "program", "mentor_base", "regulation", "monitoring"})
ISSUER_LINES = 8
HEAD_LINES = 7
MAX_REASONS = 8
OCR_TRUSTED = 85.0  # mean word confidence from which a scan reads as surely as a text layer


@dataclass(frozen=True)
class DocumentPart:
    """One document of a bundle file, with the pages it takes (None when the file has none)."""

    kind: str
    audience: str
    title: str | None
    date: datetime.date | None
    number: str | None
    period_start: int | None
    period_end: int | None
    first_page: int | None
    last_page: int | None
    confidence: float
    reasons: tuple[str, ...]

    def to_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["reasons"] = list(self.reasons)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> DocumentPart:
        date = datetime.date.fromisoformat(data["date"]) if data.get("date") else None
        return cls(**{**data, "date": date, "reasons": tuple(data.get("reasons", ()))})


@dataclass(frozen=True)
class DocumentFacts:
    kind: str
    audience: str
    title: str | None
    date: datetime.date | None
    number: str | None
    period_start: int | None
    period_end: int | None
    confidence: float
    reasons: tuple[str, ...]
    signed_by: str | None = None
    issuer: str = "unknown"  # whose document: vocabulary.ISSUER_LABELS
    events: tuple[RoadmapEvent, ...] = ()  # a roadmap's table of events
    mentor_count: int | None = None  # a mentor base's distinct mentors
    pair_count: int | None = None
    base_columns: tuple[str, ...] | None = None  # the form's columns a base's table has
    appoints: tuple[str, ...] = ()  # roles an order's items appoint (appointments.py)
    text_problems: tuple[Problem, ...] = ()  # found in the text itself (cited acts)
    parts: tuple[DocumentPart, ...] = ()  # the documents a bundle file holds, in order

    def events_json(self) -> list[dict]:
        return [
            {**asdict(event), "due_date": event.due_date.isoformat() if event.due_date else None}
            for event in self.events
        ]

    def to_json(self) -> str:
        """The facts as JSON, for the understanding cache."""
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["events"] = self.events_json()
        data["parts"] = self.parts_json()
        return json.dumps(data, ensure_ascii=False)

    def parts_json(self) -> list[dict]:
        return [part.to_dict() for part in self.parts]

    @classmethod
    def from_json(cls, raw: str) -> DocumentFacts:
        data = json.loads(raw)
        data["date"] = datetime.date.fromisoformat(data["date"]) if data["date"] else None
        data["reasons"] = tuple(data["reasons"])
        data["events"] = tuple(
            RoadmapEvent(
                **{
                    **event,
                    "due_date": datetime.date.fromisoformat(event["due_date"])
                    if event["due_date"]
                    else None,
                }
            )
            for event in data["events"]
        )
        data["text_problems"] = tuple(Problem(**problem) for problem in data["text_problems"])
        data["parts"] = tuple(DocumentPart.from_dict(part) for part in data.get("parts", ()))
        if data.get("base_columns") is not None:
            data["base_columns"] = tuple(data["base_columns"])
        data["appoints"] = tuple(data.get("appoints", ()))
        return cls(**data)


def classify_document(
    text: str,
    *,
    title_hint: str | None = None,
    url: str | None = None,
    tables: tuple[Table, ...] = (),
    bundle: bool = True,
) -> DocumentFacts:
    """Facts of one document; the body wins over the link title, which only fills gaps.

    With `bundle`, a file that holds several documents one after another also gets `parts`.
    """
    hint = clean_hint(title_hint)
    clean = normalize(text or "")
    from_hint = not clean.strip()
    if from_hint:
        clean = hint or ""
    declared = None if from_hint else declared_type(clean)
    section = None if from_hint else site_section(clean)
    title = (None if from_hint else document_title(clean, declared)) or section or hint
    doc_type = declared.doc_type if declared else hint_type(hint)
    reasons: list[str] = []
    if declared:
        reasons.append(declared.line[:80])
    elif doc_type:
        reasons.append(f"заголовок ссылки: {hint}")

    body = LemmaText(masked(clean))
    title_lemmas = LemmaText(masked(title)) if title else None
    topic = phrase_surfaces(title_lemmas, p.TITLE_TOPIC) if title_lemmas else []
    if not topic and title_lemmas:
        young = phrase_surfaces(title_lemmas, p.YOUNG_SPECIALISTS_TITLE)
        if young and (doc_type == "regulation" or body.find(p.MENTOR_WORD, limit=1)):
            topic = young
    lookalike = phrase_surfaces(title_lemmas, p.LOOKALIKE_TITLE) if title_lemmas else []
    other_field = phrase_surfaces(title_lemmas, p.OTHER_FIELD_TITLE) if title_lemmas else []
    found = context(body)
    if other_field:
        is_mentorship = False
        reasons.extend(other_field[:1])
    elif topic:
        is_mentorship = True
    elif lookalike:
        is_mentorship = found.score >= p.LOOKALIKE_OVERRIDE
    else:
        is_mentorship, counted = body_mentorship(body, clean, found)
        reasons.extend([counted] if counted else [])
    reasons.extend(topic[:2] + lookalike[:2] + [hit.surface for hit in found.hits[:3]])

    kind = "not_mentorship"
    who = "unknown"
    if is_mentorship:
        kind, kind_reason = _kind(clean, doc_type, declared, title, hint, url)
        reasons.extend(kind_reason)
        who, audience_reasons = audience(title_lemmas, body, link_only=from_hint)
        preschool = LemmaText(clean[: p.PRESCHOOL_CHARS]).find(p.PRESCHOOL, limit=1)
        if preschool and who != "teachers":
            start, end = preschool[0]
            who, audience_reasons = "teachers", [f"дошкольная организация: {clean[start:end]}"]
        reasons.extend(audience_reasons)
    acts = {"order", "external"}
    heading = None
    if declared and declared.doc_type in acts and not declared.from_verb:
        heading = declared.line_index
    lines = head_lines(clean)
    first = declared.line_index if declared and not declared.from_verb else 0
    approved = bool(declared) and declared.doc_type in APPROVED_TYPES
    date, number = date_and_number(clean, heading=None if from_hint else heading, approved=approved)
    head = "\n".join(lines[first : first + HEAD_LINES])
    start, end = period(title or "", head, clean if kind in PERIOD_KINDS else None)
    confidence = _confidence(declared is not None, doc_type is not None, topic, lookalike, found)
    if kind == "other_mentorship":
        confidence -= 0.1
    details = _details(text, clean, tables, kind) if not from_hint else {}
    title_line = declared.line_index if declared and not declared.from_verb else None
    issuer, issuer_reason = (
        document_issuer(clean, kind, title_line) if not from_hint else ("unknown", None)
    )
    if issuer_reason and kind != "not_mentorship":
        reasons.append(f"издатель: {issuer_reason}")
    parts = _parts(text, kind, who) if bundle and not from_hint else ()
    who = _bundle_audience(parts, kind, who)
    return DocumentFacts(
        kind=kind,
        audience=who,
        title=title,
        date=date,
        number=number,
        period_start=start,
        period_end=end,
        confidence=round(max(0.1, min(confidence, 0.99)), 2),
        reasons=_distinct(reasons)[:MAX_REASONS],
        issuer=issuer,
        parts=parts,
        **details,
    )


def _parts(text: str, kind: str, audience: str) -> tuple[DocumentPart, ...]:
    """The documents of a bundle, each read on its own; none unless they differ in kind.

    An annex silent about whom it concerns concerns whom the bundle does.
    """
    segments = bundle_parts(text)
    if len(segments) < 2:
        return ()
    parts = tuple(_part(segment, audience) for segment in segments)
    told = {(part.kind, part.audience) for part in parts if part.kind in PART_KINDS}
    return parts if told - {(kind, audience)} else ()


def _bundle_audience(parts: tuple[DocumentPart, ...], kind: str, audience: str) -> str:
    """Whom a bundle concerns as a document of its kind: everyone its parts of that kind
    concern (an order for pupils and one for teachers in one file concern both)."""
    concerned = {part.audience for part in parts if part.kind == kind} | {audience}
    if "both" in concerned or {"students", "teachers"} <= concerned:
        return "both"
    return audience


def _part(segment: Segment, audience: str) -> DocumentPart:
    facts = classify_document(segment.text, bundle=False)
    return DocumentPart(
        kind=facts.kind,
        audience=audience if facts.audience == "unknown" else facts.audience,
        title=facts.title,
        date=facts.date,
        number=facts.number,
        period_start=facts.period_start,
        period_end=facts.period_end,
        first_page=segment.first_page,
        last_page=segment.last_page,
        confidence=facts.confidence,
        reasons=facts.reasons,
    )


def reading_confidence(confidence: float, ocr_confidence: float | None) -> float:
    """A verdict read from a scan is no surer than the OCR behind it."""
    if ocr_confidence is None:
        return confidence
    return round(confidence * min(1.0, ocr_confidence / OCR_TRUSTED), 2)


def _details(raw: str, text: str, tables: tuple[Table, ...], kind: str) -> dict:
    """Signer (from the raw layout), roadmap events, mentor counts and citation slips."""
    details: dict = {"signed_by": signed_by(raw)}
    if kind == "not_mentorship":
        return details
    details["text_problems"] = tuple(Problem(s.code, s.detail) for s in act_slips(text))
    details["appoints"] = appointed_roles(text, kind)
    if kind == "roadmap":
        details["events"] = roadmap_events(text, document_tables(text, tables))
    if kind == "mentor_base":
        counts = mentor_counts(text, document_tables(text, tables))
        details["mentor_count"], details["pair_count"] = counts.mentors, counts.pairs
        details["base_columns"] = counts.columns
    return details


def _kind(
    text: str,
    doc_type: str | None,
    declared: Declared | None,
    title: str | None,
    hint: str | None,
    url: str | None,
) -> tuple[str, list[str]]:
    """The kind of a mentorship document and the phrase that decided it."""
    # A section page is the act it prints when an order's own heading stands on it.
    own_heading = declared is not None and (
        declared.line_index < SECTION_HEAD_LINES
        or (declared.doc_type == "order" and not declared.from_verb)
    )
    if site_section(text) and not own_heading:
        # A site's «Наставничество» page (labelling.md, hard case 17): definitions, lists of
        # acts and documents. Only a mentor base it presents changes that.
        genre = body_genre(text)
        if genre and genre[0] == "mentor_base":
            return genre[0], [genre[1]]
        return "other_mentorship", ["раздел сайта о наставничестве"]
    if doc_type == "methodology":
        return "methodology", []
    if doc_type == "monitoring" and _questionnaire(text):
        # «Мониторинг эффективности программы / Анкета наставника»: the survey's form.
        return "methodology", ["анкета — инструмент мониторинга, а не его итоги"]
    if doc_type == "external" and _territorial_model(declared, title):
        return "regulation", ["целевая модель, принятая для территории"]
    if doc_type == "external" or _authority_letter(text, declared):
        return "external_normative", []
    if doc_type == "order":
        return _order_kind(text, title or hint or "")
    if doc_type in DECLARED_KINDS:
        return DECLARED_KINDS[doc_type], []
    lemmas = LemmaText(text)
    if url and p.NEWS_URL.search(url):
        return "news", [url]
    genre = body_genre(text)
    if genre:
        return genre[0], [genre[1]]
    if len(text) <= p.NEWS_MAX_CHARS:
        news = phrase_surfaces(LemmaText(text[:600]), p.NEWS_VERBS)
        if news:
            return "news", news[:1]
    if len(phrase_surfaces(lemmas, p.ROADMAP_TABLE)) == len(p.ROADMAP_TABLE):
        return "roadmap", ["таблица мероприятий со сроками и ответственными"]
    if len(phrase_surfaces(lemmas, p.MENTOR_BASE_TABLE)) == len(p.MENTOR_BASE_TABLE):
        return "mentor_base", ["список наставников и наставляемых"]
    return "other_mentorship", []


SECTION_NAME = re.compile(r"^\W*Наставничеств\w*(?:\s+[\w-]+){0,3}\W*$", re.IGNORECASE)
SECTION_HEAD_LINES = 4  # a heading this close under the section name is the document's own


def site_section(text: str) -> str | None:
    """The name of a site section («Наставничество», «Наставничество педагогических
    работников») when the text opens with it alone, as a section page does."""
    first = text.lstrip().split("\n", 1)[0].strip()
    return first if SECTION_NAME.match(first) else None


def _questionnaire(text: str) -> bool:
    """A head line that opens with «Анкета» or «Опросник»: the document is the form itself."""
    return any(
        LemmaText(line).starts_with("анкета|опросник")
        for line in head_lines(text)[:HEAD_LINES]
        if line.strip()
    )


def _order_kind(text: str, title: str) -> tuple[str, list[str]]:
    """Which mentorship order: judged on its subject, then on its operative part."""
    for source in (title, text[text.lower().find("приказываю") :][:1500]):
        lemmas = LemmaText(source)
        # The subject's head decides: «О назначении куратора реализации целевой модели» is
        # about the curator. The phrase met first wins; on a tie, the narrower list.
        found = [
            (spans[0][0], rank, kind, spans[0])
            for rank, (kind, phrases) in enumerate(p.ORDER_SUBTYPES)
            for phrase in phrases
            if (spans := lemmas.find(phrase, limit=1))
        ]
        if found:
            _, _, kind, (start, end) = min(found)
            return kind, [" ".join(lemmas.text[start:end].split())]
    return "order_other", []


def _territorial_model(declared: Declared | None, title: str | None) -> bool:
    """«Методология (целевая модель) наставничества … в Магаданской области»: a region's or
    municipality's model text, read as its положение."""
    if declared is None or not title or not LemmaText(declared.line).starts_with("методология"):
        return False
    return bool(LemmaText(title).find(p.TERRITORY, limit=1))


def _authority_letter(text: str, declared: Declared | None) -> bool:
    """An authority's letter («Уважаемые руководители…») above any heading: a form schools
    do not issue. Other acts of authorities keep their form's kind; `issuer` tells whose."""
    lines = head_lines(text)
    end = declared.line_index if declared and not declared.from_verb else ISSUER_LINES
    head = LemmaText("\n".join(lines[: max(end, 1)][:ISSUER_LINES]))
    return bool(phrase_surfaces(head, p.ISSUER_AUTHORITY))


def _distinct(reasons: list[str]) -> tuple[str, ...]:
    """Reasons without repeats or phrases contained in a longer reason."""
    unique = list(dict.fromkeys(reason for reason in reasons if reason))
    lowered = [reason.lower() for reason in unique]
    return tuple(
        reason
        for reason, low in zip(unique, lowered, strict=True)
        if not any(low != other and low in other for other in lowered)
    )


def _confidence(declared: bool, typed: bool, topic, lookalike, found) -> float:
    """Higher when the text names its own type and subject, lower when only counts decide."""
    value = 0.5 + (0.2 if declared else 0.1 if typed else 0.0)
    if topic or lookalike:
        value += 0.2
    else:
        value += min(0.2, found.score / 40)
    return value
