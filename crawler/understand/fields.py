"""Date, number and period of a document, read from approval stamps, annex and order headers."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .dates import find_dates, yearless_lead_date
from .patterns import ANNEX_HEADER, APPROVAL_MARK, BODY_START, ORDER_TITLE
from .table_vocab import ROW_LINE

NUMBER = re.compile(
    r"№\s*(?P<n>(?:[A-Za-zА-Яа-яЁё]{1,3}\s?[/-]\s?)?\d+[A-Za-zА-Яа-яЁё]*"
    r"(?:[ \t]*[-–—/][ \t]*[\dA-Za-zА-Яа-яЁё]+)*(?:\([A-Za-zА-Яа-яЁё]{1,4}\))?)"
)
PROTOCOL_NUMBER = re.compile(r"\s*(?:г\.|года)?\s*№\s*\d+\w*")
# «№» right after these words numbers the school or a protocol, not the document.
# A closing quote ends the school's name: «… СОШ» № 102 numbers the order that follows it.
NOT_DOCUMENT_NUMBER = re.compile(
    r"(?:СОШ|ООШ|НОШ|СШ|школ\w*|гимнази\w*|лице\w*|сад\w*|ДОУ|д/с|корпус\w*|кабинет\w*"
    r"|протокол\w*|заседани\w*|приложени\w*)[^\w»\"”]*$",
    re.IGNORECASE,
)
# «к приказу 206 от 01.09.2025»: an order's number written without «№».
BARE_ORDER_NUMBER = re.compile(r"(?:\bк\s+приказу\s+|^\s*)(?P<n>\d+[\w/-]*)\s+от\b", re.IGNORECASE)
APPROVAL_WORD = re.compile(r"\b(?:утвержд[её]н[оаы]?|утверждаю)\b", re.IGNORECASE)
ORDER_WORD = re.compile(r"\bприказ\w*", re.IGNORECASE)
PROTOCOL_WORD = re.compile(r"\bпротокол\w*", re.IGNORECASE)
# «Приложение к приказу …», or an annex header whose next line dates it: «Приложение № 1 /
# от «14» апреля 2022 г. № 78». A header is capitalised: a line of running text that starts
# «приложения 3 к приказу Отдела…» cites another act; a line that is all in brackets under a
# title («(приложение к письму Минпросвещения России от 23.01.2020 № МР-42/02)») is a subtitle.
ANNEX_TO_ORDER = re.compile(
    r"^(?:\W*(?-i:Приложени[ея]|ПРИЛОЖЕНИ[ЕЯ])|[ \t]*\(\s*приложени[ея](?=[^\n]*\)[ \t]*$))"
    r"[^\n]{0,20}?(?:\s*к\s+(?:приказу|постановлению|распоряжению|письму)\b"
    r"|[ \t]*\n\s*(?=от\s))",
    re.I | re.M,
)
PERIOD_RANGE = re.compile(
    r"(?<!\d)(?P<a>20\d\d)\s*[-–—/]\s*(?P<b>20\d\d|\d\d)(?!\d)(?P<tail>\s*(?:гг?\b|год|уч))?",
    re.IGNORECASE,
)
PERIOD_PREFIX = re.compile(r"(?:\bна|\bпериод\w*|\bв)\s+(?:период\s+)?$", re.IGNORECASE)
PERIOD_SINGLE = re.compile(r"\bна\s+(?P<a>20\d\d)\s*(?:год|г\.)", re.IGNORECASE)

HEADING = re.compile(r"^[^a-zа-яё\d№]*[А-ЯЁ]{6,}[^a-zа-яё№]*$")
HEAD_CHARS = 4000
STAMP_LINES = 8
STAMP_WINDOW = 350
ORDER_REF_WINDOW = 200


@dataclass(frozen=True)
class Stamp:
    """A date and number read from one place of the document, named by `source`."""

    date: datetime.date | None
    number: str | None
    source: str


LEAD_CHARS = 300
# Words before a date that make it the date of a cited act, a protocol or an order.
CITED_BEFORE = re.compile(
    r"(?:\bот\b|№|распоряжени\w*|приказ\w*|\bуказ\w*|постановлени\w*|закон\w*|письм\w*"
    r"|протокол\w*|\bпр\.)[^\n]*$",
    re.IGNORECASE,
)
# «С 1 марта 2025 года вступили в силу…», «(действует с 1.11.2018 по 31.12.2024)»: a term.
TERM_BEFORE = re.compile(r"(?:\bс|\bпо|\bдо|\bначиная\s+с)\s*$", re.IGNORECASE)
PUBLISHED_BEFORE = re.compile(r"(?:дата\s+публикации|опубликовано)\W*$", re.IGNORECASE)
CITED_AFTER = re.compile(r"[\s\W]{0,3}(?:г\.|года?)?\s*(?:№|N\b)", re.IGNORECASE)
# An order's own heading inside a joined line: the capitalised word, its number and date next.
INLINE_ORDER_HEADER = re.compile(r"\bП\s?Р\s?И\s?К\s?А\s?З\b(?=\s*(?:№|от\b|\d))")
INLINE_HEADER_CHARS = 40
REPORT_HEAD_LINES = 8  # a report's title block with the place-and-date line under it
SIGNATURE_LINES = 3  # a signature and the date beside or under it end a справка
REPORT_HEAD_CHARS = 500
# A title that opens with the name of a report: «Аналитическая справка…», «Отчёт…», «Итоги…».
REPORT_TITLE = re.compile(
    r"\W*(?:аналитическая\s+|информационная\s+)?(?:справк|отч[её]т|итоги|анализ)", re.I
)


def document_number(fragment: str) -> str | None:
    """The first document number in a fragment, normalised («17 – ОД» → «17-ОД»)."""
    bare = BARE_ORDER_NUMBER.search(fragment)
    if bare and "№" not in fragment[: bare.start("n")]:
        return bare.group("n")
    for match in NUMBER.finditer(fragment):
        if NOT_DOCUMENT_NUMBER.search(fragment[max(0, match.start() - 30) : match.start()]):
            continue
        value = re.sub(r"[ \t]*([-–—])[ \t]*", "-", match.group("n"))
        return re.sub(r"[ \t]*/[ \t]*", "/", value)
    return None


def stamps(text: str, *, heading: int | None, header_block_refs: bool = False) -> list[Stamp]:
    """Dated places in reading-priority order: approval, annex header, order header, an act's
    reference in the header block (`header_block_refs`: the document is not an act itself),
    protocol."""
    head = text[:HEAD_CHARS]
    found: list[Stamp] = []
    director_only: list[Stamp] = []
    for match in APPROVAL_WORD.finditer(head):
        if not APPROVAL_MARK.match(_line_at(head, match.start())):
            continue
        window = _stamp_window(head[match.end() : match.end() + STAMP_WINDOW])
        order = ORDER_WORD.search(window)
        if order:
            found.append(_stamp_after(window[order.end() :], "approval"))
        else:
            before_protocol = PROTOCOL_WORD.split(window, maxsplit=1)[0]
            director_only.append(_stamp_after(before_protocol, "approval"))
    for match in ANNEX_TO_ORDER.finditer(head):
        found.append(_stamp_after(head[match.end() : match.end() + ORDER_REF_WINDOW], "annex"))
    if heading is not None:
        found.append(_stamp_after(header_block(head, heading), "header"))
    elif inline := INLINE_ORDER_HEADER.search(head):
        # Lines joined by extraction: «… (МБДОУ «Теремок») ПРИКАЗ № 12 14.04.2022 с. Валуевка».
        found.append(
            _stamp_after(head[inline.end() : inline.end() + INLINE_HEADER_CHARS], "header")
        )
    # A report dates itself in its title block («Аналитическая справка … / от 31.10.2023»):
    # an act its first sentence cites («в соответствии с приказом … № 581 от 08.04.2022») is
    # its basis, not its date.
    report = _report_title_at(head)
    title_date = _own_date(_report_title_block(head[report:])) if report is not None else None
    if title_date:
        found.append(Stamp(title_date, None, "title"))
    if header_block_refs:
        found.extend(_header_references(head.split("\n")))
    found.extend(director_only)
    for match in PROTOCOL_WORD.finditer(head):
        window = head[match.end() : match.end() + 80]
        dates = find_dates(window)
        if dates:
            found.append(Stamp(dates[0][0], None, "protocol"))
    # Last resort: a report without a date in its title block («Аналитическая справка …
    # (30.10.2023)», the place-and-date line under its title) is dated beside its signature.
    if report is not None:
        signed = _own_date("\n".join(_last_lines(text, SIGNATURE_LINES)))
        if signed:
            found.append(Stamp(signed, None, "signature"))
    # Last of all, a news item or an article is dated by its lead («19.11.2021», «2 марта
    # 2026 года прошёл…»), unless that date belongs to a cited act.
    # A date followed by a number («от 25 декабря 2019 года № Р-145») dates the act it cites,
    # even when the citing words stand on the line before.
    # An act's date comes from its stamps only: a date in its first lines is a file name's.
    lead = "" if header_block_refs else head[:LEAD_CHARS]
    own = _own_date(lead)
    if own:
        found.append(Stamp(own, None, "lead"))
    else:
        yearless = yearless_lead_date(lead, head)
        if yearless:
            found.append(Stamp(yearless, None, "lead"))
    return [stamp for stamp in found if stamp.date or stamp.number]


def _own_date(fragment: str) -> datetime.date | None:
    """The first date of a fragment that is not a cited act's («от 25.12.2019 № Р-145»), a
    protocol's or a term's («с 1 по 25 октября»)."""
    for value, start, end in find_dates(fragment):
        previous_line = fragment.rfind("\n", 0, max(0, fragment.rfind("\n", 0, start))) + 1
        before = " ".join(fragment[max(previous_line, start - 60) : start].split())
        published = PUBLISHED_BEFORE.search(before)
        cited_after = CITED_AFTER.match(fragment[end : end + 40])
        if _date_line(fragment, start, end) and not cited_after:
            return value  # «от 31.05.2024» on a line of its own: the document's own date
        cited = CITED_BEFORE.search(before) or cited_after
        if not published and (cited or TERM_BEFORE.search(before)):
            continue
        return value
    return None


OWN_DATE_PREFIX = re.compile(r"\W*от\s*", re.IGNORECASE)
OWN_DATE_SUFFIX = re.compile(r"\s*(?:г\.|года?)?\W*", re.IGNORECASE)


def _date_line(fragment: str, start: int, end: int) -> bool:
    """Whether the date stands on a line of its own after «от», as a document dates itself
    under its title; a cited act names itself on that line."""
    line_start = fragment.rfind("\n", 0, start) + 1
    line_end = fragment.find("\n", end)
    line_end = len(fragment) if line_end < 0 else line_end
    return bool(
        OWN_DATE_PREFIX.fullmatch(fragment[line_start:start])
        and OWN_DATE_SUFFIX.fullmatch(fragment[end:line_end])
    )


def _report_title_at(head: str) -> int | None:
    """Where a report's title starts: a line among the first that opens with a report's name
    («Аналитическая справка», «Отчёт», «Итоги») — under the school's name, often."""
    offset = 0
    lines = head.split("\n")
    written = 0
    for line in lines:
        if line.strip():
            if BODY_START.match(line) or written == REPORT_HEAD_LINES:
                return None
            if REPORT_TITLE.match(line):
                return offset
            written += 1
        offset += len(line) + 1
    return None


def _report_title_block(head: str) -> str:
    """A report's title lines and the place-and-date line under them, up to its first clause."""
    block = []
    for line in (line for line in head.split("\n") if line.strip()):
        if BODY_START.match(line) or len(block) == REPORT_HEAD_LINES:
            break
        block.append(line)
    return "\n".join(block)[:REPORT_HEAD_CHARS]


def _last_lines(text: str, count: int) -> list[str]:
    """The last non-empty lines of a text: where a signature and its date stand."""
    return [line for line in text.rstrip().split("\n") if line.strip()][-count:]


REPEAT_REACH = 12  # lines below a heading where the same heading may stand again


def header_block(head: str, heading: int) -> str:
    """An act's heading line («ПРИКАЗ», «РАСПОРЯЖЕНИЕ») and the lines up to its subject («О …»)."""
    lines = head.split("\n")
    if heading < len(lines):
        # A web page's heading «ПРИКАЗ» above the letterhead and the order's own «ПРИКАЗ»
        # below it: the block starts at the order's own.
        own = lines[heading].strip()
        heading = next(
            (
                index
                for index in range(heading + 1, min(heading + REPEAT_REACH, len(lines)))
                if lines[index].strip() == own
            ),
            heading,
        )
    block = [lines[heading]] if heading < len(lines) else []
    for follower in lines[heading + 1 : heading + 5]:
        if re.match(r"^\W*(?:О|Об|Обо|В|На)\s", follower):
            break
        block.append(follower)
    return "\n".join(block)


def date_and_number(
    text: str, *, heading: int | None = None, approved: bool = False
) -> tuple[datetime.date | None, str | None]:
    """The document date from the first stamp that has one; the number likewise.

    `heading` is the line index of an order's or act's own heading, whose date line follows it;
    `approved` says the document is one an act approves (a положение, a programme), whose
    header block may cite that act by its date and number.
    """
    found = stamps(text, heading=heading, header_block_refs=approved)
    date = next((stamp.date for stamp in found if stamp.date), None)
    # The number and the date name one act: a number beside another date is a cited act's.
    number = next(
        (
            stamp.number
            for stamp in found
            if stamp.number
            and stamp.source != "protocol"
            and (stamp.date is None or date is None or stamp.date == date)
        ),
        None,
    )
    return date, number


def period(title: str, head: str, body: str | None) -> tuple[int | None, int | None]:
    """Years covered («на 2022–2024 годы», «на 2023/2024 учебный год»): title, head, body."""
    for fragment in (title, head, body or ""):
        for match in PERIOD_RANGE.finditer(fragment):
            start = int(match.group("a"))
            end_text = match.group("b")
            end = int(end_text) + 2000 if len(end_text) == 2 else int(end_text)
            prefixed = PERIOD_PREFIX.search(fragment[max(0, match.start() - 12) : match.start()])
            if (match.group("tail") or prefixed) and start <= end <= start + 10:
                return start, end
        if fragment is not body:
            single = PERIOD_SINGLE.search(fragment)
            if single:
                year = int(single.group("a"))
                return year, year
    return None, None


# «Приказ № 40-од от 14.09.2020г.», «…от 16.02.2024г. № 41-од)»: an act cited by date and number
# in the header block above a title is the act that approved the document.
HEADER_REFERENCE = re.compile(
    r"№\s*\S+\s+от\s+\S|\bот\s+[^\n№]{4,30}№\s*\w"
    r"|\d{1,2}\.\d{1,2}\.\d{2,4}\s*(?:г\.?|года)?\s*№\s*\w",
    re.IGNORECASE,
)


HEADER_BLOCK_LINES = 25
# Other acts cited in a header block: a federal act, a protocol, an act quoted by its title.
NOT_APPROVING = re.compile(
    r"протокол|указ|распоряжени|постановлени|закон|письм|«\s*Об?о?\s"
    # An act named as the basis of the work: «в соответствии с приказом … № 581 от …».
    r"|в\s+соответствии|на\s+основании|согласно|во\s+исполнение|руководствуясь",
    re.IGNORECASE,
)
# An act of another body: a base «по форме приложения 3 к приказу Отдела образования от
# 29.04.2022 № 88-Д» is the school's own, filled in later; that date is the form's. The
# reference may wrap to the next line.
OTHER_BODY_ACT = re.compile(
    r"приказ\w*\s+(?:[А-ЯЁ]\w*\s+){0,2}?(?:отдел|управлени|министерств|департамент|комитет"
    r"|администраци|минпросвещ|минобр|моин|мон\b|коин|роно|руо\b|уо\b)",
    re.IGNORECASE,
)


def _header_references(lines: list[str]) -> list[Stamp]:
    """The act cited by date and number in the header block, above the body's first clause."""
    found = []
    previous = ""
    for line in lines[:HEADER_BLOCK_LINES]:
        if BODY_START.match(line) or ROW_LINE.search(line):
            break  # the body, or a table row (« | »): an order a base's column quotes is the pairs'
        # A reference wrapped over two lines («… к приказу Отдела / образования от …»).
        cited, previous = f"{previous} {line}", line
        if NOT_APPROVING.search(line) or not HEADER_REFERENCE.search(line):
            continue
        if OTHER_BODY_ACT.search(cited):
            continue
        stamp = _stamp_after(line, "header")
        if stamp.date and stamp.number:
            found.append(stamp)
    return found[:1]


def _stamp_window(fragment: str) -> str:
    """An approval stamp's lines: up to the document's heading, title or first body line."""
    lines = fragment.split("\n")
    kept = [lines[0]]
    for line in lines[1:STAMP_LINES]:
        if HEADING.match(line) and not APPROVAL_MARK.match(line):
            break
        if BODY_START.match(line) or ORDER_TITLE.match(line):
            break
        kept.append(line)
    return "\n".join(kept)


def _without_protocols(fragment: str) -> str:
    """Blank «Протокол № 1 от 30.08.2022» so that an interleaved stamp yields the order's date."""
    for match in PROTOCOL_WORD.finditer(fragment):
        end = match.end()
        number = NUMBER.match(fragment, end + len(fragment[end:]) - len(fragment[end:].lstrip()))
        if number:
            end = number.end()
        line_end = fragment.find("\n", end)
        same_line = fragment[end : min(end + 30, line_end if line_end >= 0 else len(fragment))]
        dates = [item for item in find_dates(same_line) if item[1] <= 6]
        if dates:
            end += dates[0][2]
            # «Протокол от 01.04.2022 № 4»: the number after the date is the protocol's too.
            if not number and (after := PROTOCOL_NUMBER.match(fragment, end)):
                end = after.end()
        fragment = fragment[: match.start()] + " " * (end - match.start()) + fragment[end:]
    return fragment


def _stamp_after(fragment: str, source: str) -> Stamp:
    fragment = _without_protocols(fragment)
    dates = find_dates(fragment)
    return Stamp(dates[0][0] if dates else None, document_number(fragment), source)


def _line_at(text: str, position: int) -> str:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[start : end if end >= 0 else len(text)]


def is_annex_line(line: str) -> bool:
    """Annex headers («Приложение № 1 к приказу …») precede a title but are not one."""
    return bool(ANNEX_HEADER.match(line))
