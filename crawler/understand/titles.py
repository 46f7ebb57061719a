"""What a document declares itself to be, and its title: from the head, never the signature."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import patterns as p
from .fields import HEAD_CHARS, is_annex_line
from .morph import (
    WORD,
    LemmaText,
    can_be_nominative,
    has_finite_verb,
    is_known_word,
    is_nominative_adjective,
)

MAX_HEADING_CHARS = 300
MAX_TITLE_LINES = 4
MAX_TITLE_CHARS = 500
MAX_SUBJECT_CHARS = 500
ORDER_VERB_CHARS = 12_000
HINT_NOISE = (
    re.compile(r"\.(?:pdf|docx?|rtf|odt|xlsx?|html?|jpe?g|png|txt)$", re.I),
    re.compile(r"\((?:pdf|doc|docx)[^)]*\)|\(\d+\)|\(pdf\.io\)", re.I),
    re.compile(r"^[\W_\d]+(?=[А-Яа-яЁёA-Za-z])"),
)
ROW = re.compile(r" \| ")
DATE_OR_NUMBER_LINE = re.compile(r"^[\W\d]*(?:от\b|№)|^[\d\s.«»\"г-]+$", re.IGNORECASE)


@dataclass(frozen=True)
class Declared:
    """The type a document declares: from a heading line, or from «ПРИКАЗЫВАЮ»."""

    doc_type: str
    line_index: int
    line: str
    from_verb: bool = False


def head_lines(text: str) -> list[str]:
    return text[:HEAD_CHARS].split("\n")


def declared_type(text: str) -> Declared | None:
    """The first type heading of the head (annexes and approval stamps skipped)."""
    lines = head_lines(text)
    found: Declared | None = None
    verb = LemmaText(text[:ORDER_VERB_CHARS]).find(p.ORDER_VERB, limit=1)
    cited_order: Declared | None = None
    quoted = _quoted_lines(lines)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or is_annex_line(stripped) or p.CONTENTS_LINE.search(stripped):
            continue
        # A line of a name in quotes («…реализующая адаптированные / ОСНОВНЫЕ … ПРОГРАММЫ»)
        # is the letterhead's school, not a heading.
        if index in quoted:
            continue
        if p.SECTION_LINE.match(stripped) and not p.SELF_NAMED.search(stripped):
            continue
        # A long line is prose, unless it is a long title without a verb.
        if len(stripped) > MAX_HEADING_CHARS and has_finite_verb(stripped):
            continue
        if p.ORDER_HEADER.match(stripped):
            # «приказ от … № …» in lower case, or under a stamp, cites the approving order.
            reference = stripped[0].islower() or _below_approval(lines, index)
            if re.search(r"№|\bот\b", stripped) and reference:
                continue
            # An order with no operative part above another heading is the stamp or the card
            # of what follows (an annexed положение shown alone): that heading decides.
            if not verb and re.search(r"№|\bот\b", stripped) and cited_order is None:
                cited_order = Declared("order", index, stripped)
                continue
            found = Declared("order", index, stripped)
            break
        if _is_definition(stripped):
            continue
        first_word = WORD.search(stripped)
        # Headings start with a capital and name the type in the nominative.
        if first_word is None or not first_word.group()[0].isupper():
            continue
        if not can_be_nominative(first_word.group()):
            continue
        # «Форма «База наставников»» is a blank of the named document: the quote decides.
        form = FORM_OF.match(stripped)
        lemmas = LemmaText(form.group(1) if form else stripped)
        doc_type = _type_heading(lemmas)
        if doc_type and _cites_or_tells(stripped):
            continue
        if doc_type:
            found = Declared(doc_type, index, stripped)
            break
    if found is None:
        found = cited_order or _inline_heading(lines)
    if verb:
        verb_line = text[: verb[0][0]].count("\n")
        if found is None or (found.doc_type != "order" and verb_line < found.line_index):
            word = text[verb[0][0] : verb[0][1]]
            return Declared("order", verb_line, word, from_verb=True)
    return found


QUOTE_SPAN = 3  # a name in quotes runs over at most this many further lines


def _quoted_lines(lines: list[str]) -> set[int]:
    """Lines that continue a quotation opened on a line above and closed within QUOTE_SPAN
    lines («…КАМСКАЯ / ШКОЛА-ИНТЕРНАТ… / ОСНОВНЫЕ ОБЩЕОБРАЗОВАТЕЛЬНЫЕ ПРОГРАММЫ»). A quote
    that does not close so soon (OCR dropped its mate) hides nothing."""
    inside: set[int] = set()
    for start, line in enumerate(lines):
        depth = line.count("«") - line.count("»")
        if depth <= 0 or start in inside:
            continue
        for end in range(start + 1, min(start + 1 + QUOTE_SPAN, len(lines))):
            depth += lines[end].count("«") - lines[end].count("»")
            if depth <= 0:
                inside.update(range(start + 1, end + 1))
                break
    return inside


# A heading that extraction glued into one line with the letterhead and the approval stamp
# («… протокол от 20.06.2022 № 116-д … Положение о Школе молодого педагога … 1. Общие
# положения»): a type word in capitals after the stamp, not one the text refers to.
INLINE_HEADING = re.compile(
    r"(?<![«\"])\b(?:Положение\s+(?:о|об)\s|Программа\s+наставничества|Дорожная\s+карта"
    r"|ПОЛОЖЕНИЕ\s+(?:О|ОБ)\s|ПРОГРАММА\s+НАСТАВНИЧЕСТВА|ДОРОЖНАЯ\s+КАРТА)"
)
INLINE_HEAD_CHARS = 1500
INLINE_STAMP_REACH = 200  # chars before the heading where the stamp or letterhead must stand
INLINE_STAMP = re.compile(
    r"утвержд|согласов|принят|протокол|приказ|директор|учреждени|\d{4}\s*(?:г\.?)?\s*$"
    r"|№\s*\S+\s*$|\bот\s*$",
    re.IGNORECASE,
)
INLINE_END = re.compile(r"\s(?:\d{1,2}\.\s*\d{0,2}\.?\s+[А-ЯЁ]|Пояснительная|Общие\s+положения)")
INLINE_TITLE_CHARS = 250
INLINE_TITLE_WORDS = 12  # a title names; a sentence («Программа … поможет …») tells


def _inline_heading(lines: list[str]) -> Declared | None:
    """The type heading glued inside a line of the head under its stamp, when no line is a
    heading of its own."""
    reach = 0
    for index, line in enumerate(lines):
        if reach > INLINE_HEAD_CHARS:
            return None
        reach += len(line) + 1
        for match in INLINE_HEADING.finditer(line):
            before = line[max(0, match.start() - INLINE_STAMP_REACH) : match.start()]
            if not match.start() or not INLINE_STAMP.search(before):
                continue
            heading = line[match.start() : match.start() + INLINE_TITLE_CHARS]
            end = INLINE_END.search(heading)
            heading = (heading[: end.start()] if end else heading).strip()
            opening = " ".join(heading.split()[:INLINE_TITLE_WORDS])
            if _is_definition(heading) or has_finite_verb(opening):
                continue
            doc_type = _type_heading(LemmaText(heading))
            if doc_type:
                return Declared(doc_type, index, heading)
    return None


DEFINITION = re.compile(r"^[^–—:]{3,80}?\s[–—-]\s+[а-яё]")
QUOTED_NAME = re.compile(r"[«\"“][^«»\"“”]{0,80}[»\"”]")


FORM_OF = re.compile(r"^\W*(?:Форма|Шаблон|Образец)\s*«([^»]+)»", re.IGNORECASE)
# «Н.С. Кочеткова», «Кочеткова Н.С.»: a heading names no person; a list item does.
PERSON = re.compile(r"\b[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+|\b[А-ЯЁ][а-яё]+\s[А-ЯЁ]\.\s?[А-ЯЁ]\.")
CITED_ACT = re.compile(r"\bот\s+\d.{0,40}(?:№|\bN\b)|(?:№|\bN\b).{0,30}\bот\s+\d", re.IGNORECASE)


def _cites_or_tells(line: str) -> bool:
    """A line that cites an act («Распоряжение … от 25.12.2019 № Р-145 «Об …»»), names a
    person (a list item) or tells something («Указ вступает в силу…») is not a heading."""
    if CITED_ACT.search(line) and re.search('[«"“]', line):
        return True
    return bool(PERSON.search(line)) or has_finite_verb(line)


MAX_LEADING_ADJECTIVES = 2


def _type_heading(lemmas: LemmaText) -> str | None:
    """The type a heading names at its start, also after its adjectives: «Образовательная
    программа наставничества» is a programme as «Программа наставничества» is."""
    for skip in range(MAX_LEADING_ADJECTIVES + 1):
        if skip:
            word = WORD.search(lemmas.text, lemmas.tokens[skip - 1].start).group()
            if len(lemmas.tokens) <= skip or not is_nominative_adjective(word):
                return None
        rest = LemmaText(lemmas.text[lemmas.tokens[skip].start :]) if skip else lemmas
        found = next((t for phrase, t in p.TYPE_HEADERS if rest.starts_with(phrase)), None)
        # An authority's forms have fixed names; adjectives precede only a school's types.
        if found and (not skip or found not in {"external", "order"}):
            return found
    return None


def _is_definition(line: str) -> bool:
    """«Программа наставничества – набор мероприятий…» defines a term; it heads nothing. A
    dash inside quotes names a form («Программа «Учитель – ученик»»), not a definition."""
    return bool(DEFINITION.match(QUOTED_NAME.sub("«»", line)))


def hint_type(hint: str | None) -> str | None:
    """The type named anywhere in a link text or file name («2025 Положение о …»)."""
    if not hint:
        return None
    lemmas = LemmaText(hint)
    if lemmas.find("приказ", limit=1):
        return "order"
    for phrase, doc_type in p.TYPE_HEADERS:
        if lemmas.find(phrase, limit=1):
            return doc_type
    return None


def document_title(text: str, declared: Declared | None) -> str | None:
    """The title: the order's subject, or the type heading with the lines continuing it."""
    lines = head_lines(text)
    if declared is None:
        subject = _subject(lines, 0, 15)
        return sentence_case(subject) if subject else None
    if declared.doc_type in {"order", "external"}:
        if declared.from_verb:
            subject = _subject(lines, 0, declared.line_index)
        else:
            subject = _subject(lines, declared.line_index, 8)
        if subject:
            word = sentence_case(LemmaText(declared.line).text.split()[0].strip(":"))
            word = "Приказ" if declared.doc_type == "order" else word
            return f"{word} «{sentence_case(subject)}»"
    title_lines = [declared.line]
    for line in lines[declared.line_index + 1 :]:
        # OCR sets a blank line between «ПОЛОЖЕНИЕ» and «о наставничестве…»: a line in lower
        # case after the bare type word still continues it.
        if not line.strip() and len(title_lines) == 1:
            continue
        if not _continues_title(line) or len(title_lines) >= MAX_TITLE_LINES:
            break
        if len(title_lines) == 1 and not _lower_start(line) and _blank_before(lines, line):
            break
        title_lines.append(line.strip())
    return " ".join(sentence_case(line) for line in title_lines)[:MAX_TITLE_CHARS]


def _lower_start(line: str) -> bool:
    first = WORD.search(line)
    return bool(first) and first.group()[0].islower()


def _blank_before(lines: list[str], line: str) -> bool:
    """Whether a blank line stands right above `line` (its first occurrence)."""
    index = lines.index(line)
    return index > 0 and not lines[index - 1].strip()


def clean_hint(hint: str | None) -> str | None:
    """A link text or file name as a title: no extension, size, copy marks or number prefix."""
    if not hint:
        return None
    value = hint.strip()
    for pattern in HINT_NOISE:
        value = pattern.sub("", value).strip()
    value = value.replace("_", " ")
    if " " not in value:
        value = value.replace("-", " ")
    value = " ".join(value.split()).strip(" .+-")
    return value or None


def sentence_case(text: str) -> str:
    """An all-caps heading in sentence case; abbreviations (ЦМН, МБОУ) keep their capitals."""
    text = " ".join(text.split())
    letters = [char for char in text if char.isalpha()]
    if not letters or sum(char.isupper() for char in letters) < 0.8 * len(letters):
        return text
    words = []
    for word in text.split(" "):
        core = re.sub(r"[^А-Яа-яЁёA-Za-z]", "", word)
        words.append(word.lower() if core and is_known_word(core) else word)
    result = re.sub(r"«(\w)", lambda match: "«" + match.group(1).upper(), " ".join(words))
    return result[:1].upper() + result[1:]


def _subject(lines: list[str], start: int, reach: int) -> str | None:
    """The «О …» subject line after `start`, with the lines continuing it."""
    for index in range(start, min(start + reach, len(lines))):
        line = lines[index].strip()
        if p.ORDER_TITLE.match(line) and len(line) <= MAX_SUBJECT_CHARS:
            parts = [line]
            for follower in lines[index + 1 : index + MAX_TITLE_LINES]:
                if not _continues_title(follower):
                    break
                parts.append(follower.strip())
            return " ".join(parts)[:MAX_TITLE_CHARS]
    return None


def _continues_title(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADING_CHARS:
        return False
    if ROW.search(stripped) or p.BODY_START.match(stripped) or p.APPROVAL_MARK.match(stripped):
        return False
    if LemmaText(stripped).starts_with(p.ORDER_VERB):
        return False
    return not DATE_OR_NUMBER_LINE.match(stripped)


APPROVAL_REACH = 6  # lines looked back for a stamp's first line, blank lines included


def _below_approval(lines: list[str], index: int) -> bool:
    above = [line for line in lines[max(0, index - APPROVAL_REACH) : index] if line.strip()][-3:]
    return any(p.APPROVAL_MARK.match(line) for line in above)
