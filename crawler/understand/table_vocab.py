"""Declarative vocabularies of tables, mentor bases and signature blocks: header cues, titles.

Header cues are lemma phrases (see `morph.compile_phrase`), each naming the role of a column.
A header cell takes the role of the cue found earliest in it, so «Ожидаемый результат
мероприятия» is a result, not an event; among columns of one role the one whose cue comes first
here wins, so order each vocabulary from specific to generic.
"""

from __future__ import annotations

import re

# --- Tables written as text -----------------------------------------------------------------
CELL_SPLIT = re.compile(r"[ \t]*\|[ \t]*")
# A line is a table row when cells are joined by " | " or a row starts/ends with an empty cell.
ROW_LINE = re.compile(r"\S[ \t]+\|(?:[ \t]|$)|^\|[ \t]|[ \t]\|$|^\|$")
# Short lines between rows (a merged section row lost its separators) stay in the table.
MAX_BRIDGE_LINES = 2
MAX_BRIDGE_CHARS = 160

# A cell holding only an ordinal («1», «1.2.», «IV», «№ 3») or the «№ п/п» column header.
ORDINAL_CELL = re.compile(r"^\s*(?:№\s*)?(?:\d+|[IVXLC]+)(?:\.\d+)*\.?\)?\s*$")
NUMBER_HEADER = re.compile(r"^\s*(?:№\s*(?:п\s*/\s*п|пп)?|п\s*/\s*п|номер)\.?\s*$", re.I)
# Where a table's header may sit: a spreadsheet often has its title, the year and the form's
# origin in rows of their own above it.
HEADER_ROWS = 6
MAX_HEADER_WORDS = 8  # a header cell is short; a long cell is content

# --- Roadmaps and plans ------------------------------------------------------------------------
ROADMAP_HEADERS: tuple[tuple[str, str], ...] = (
    ("наименование мероприятие", "event"),
    ("мероприятие", "event"),
    ("содержание работа", "event"),
    ("содержание деятельность", "event"),
    ("содержание мероприятие", "event"),
    ("вид работа", "event"),
    ("вид деятельность", "event"),
    ("форма работа", "event"),
    ("содержание", "event"),
    ("тема", "event"),
    ("наименование", "event"),
    ("срок", "term"),
    ("дата", "term"),
    ("период", "term"),
    ("время", "term"),
    ("ответственный", "responsible"),
    ("исполнитель", "responsible"),
    ("результат", "other"),
    ("отметка", "other"),
    ("примечание", "other"),
    ("участник", "other"),
    ("аудитория", "other"),
    ("целевой группа", "other"),
    ("показатель", "other"),
    ("индикатор", "other"),
    ("место", "other"),
    ("задача", "other"),
    ("цель", "other"),
    ("этап", "other"),
    ("направление", "other"),
    ("форма", "other"),
    ("ресурс", "other"),
    ("источник", "other"),
    ("финансирование", "other"),
    ("продукт", "other"),
    ("отчетность", "other"),
)
ROADMAP_EVENT = "event"
ROADMAP_DETAILS = ("term", "responsible")

# Month names by lemma, for terms written as «сентябрь 2023» or «в течение сентября 2023 г.».
MONTH_LEMMAS = {
    "январь": 1,
    "февраль": 2,
    "март": 3,
    "апрель": 4,
    "май": 5,
    "июнь": 6,
    "июль": 7,
    "август": 8,
    "сентябрь": 9,
    "октябрь": 10,
    "ноябрь": 11,
    "декабрь": 12,
}
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# A numbering prefix of an event title: «1.2. Разработка…», «3) Проведение…».
TITLE_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?\)?|[IVXLC]+\.)\s+")

# --- Mentor bases ------------------------------------------------------------------------------
MENTOR_HEADERS: tuple[tuple[str, str], ...] = (
    ("фио наставлять", "mentee"),
    ("наставлять", "mentee"),
    ("обучаться", "mentee"),
    ("ученик", "mentee"),
    ("молодой специалист", "mentee"),
    ("молодой педагог", "mentee"),
    ("фио наставник", "mentor"),
    ("наставник", "mentor"),
    ("педагог наставник", "mentor"),
    ("форма", "other"),
    ("должность", "other"),
    ("стаж", "other"),
    ("категория", "other"),
    ("дата", "other"),
    ("срок", "other"),
    ("период", "other"),
    ("приказ", "other"),
    ("количество", "other"),
    ("число", "other"),
    ("направление", "other"),
    ("класс", "other"),
    ("предмет", "other"),
    ("образование", "other"),
    ("примечание", "other"),
    ("контакт", "other"),
    ("телефон", "other"),
    ("место", "other"),
)
MENTOR = "mentor"
MENTEE = "mentee"
# The columns of the form «База наставников» (Знаменский район, приложение 3 к приказу
# № 96-Д): code, the form's own heading, and the lemmas that recognise a header cell. A cell
# naming a place of work belongs to the mentee when it names the mentee, else to the mentor.
BASE_FORM_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("mentor_name", "Ф.И.О. наставника", "наставник"),
    ("mentor_workplace", "Место работы", "место работа"),
    ("competences", "Основные компетенции наставника", "компетенция"),
    ("achievements", "Важные для программы достижения наставника", "достижение"),
    ("mentee_name", "Ф.И.О. наставляемого (наставляемых)", "наставлять"),
    ("form", "Форма наставничества", "форма"),
    ("mentee_workplace", "Место работы наставляемого", "место работа"),
)

# A base whose table was read as lines (a scan): its header's cells start with these words, and
# its first data row is numbered «1».
BASE_HEADER_CELL_START = re.compile(
    r"№\s*п\s*/\s*п|Ф\.?\s?И\.?\s?О\b\.?|Место\s+работы|Основные\s+компетенции"
    r"|Важные\s+для|Форма\s+наставничества|Должность",
    re.IGNORECASE,
)
FIRST_DATA_ROW = re.compile(r"^\s*1[.)]?\s+\S", re.MULTILINE)

# Counts stated in prose, for a base that is not a table.
MENTOR_COUNT_TEXT = (
    re.compile(
        r"(?:количеств\w*|числ\w*|всего)\s+(?:педагогов[-–\s]+)?наставник\w*"
        r"[^\d\n]{0,25}?(?<![\d№])(\d{1,3})(?!\d)",
        re.I,
    ),
    re.compile(r"(?<![\d№.,])(\d{1,3})\s+(?:педагог\w*[-–\s]+)?наставник(?:а|ов)?\b", re.I),
)
PAIR_COUNT_TEXT = (
    re.compile(r"наставнически\w*\s+пар\w*[^\d\n]{0,25}?(?<![\d№])(\d{1,3})(?!\d)", re.I),
    re.compile(r"количеств\w*\s+пар\b[^\d\n]{0,40}?(?<![\d№])(\d{1,3})(?!\d)", re.I),
    re.compile(r"(?<![\d№.,])(\d{1,3})\s+наставнически\w*\s+пар", re.I),
)

# --- People's names ---------------------------------------------------------------------------
_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_SURNAME_ANY_CASE = r"[А-ЯЁ](?:[а-яё]+|[А-ЯЁ]+)(?:-[А-ЯЁ](?:[а-яё]+|[А-ЯЁ]+))?"
_PATRONYMIC_TAIL = r"[а-яё]*(?:вич|вна|ична|инична|ьич)"
FULL_NAME = re.compile(
    rf"(?<![А-Яа-яЁё])(?P<surname>{_SURNAME})\s+(?P<first>[А-ЯЁ])[а-яё]+\s+"
    rf"(?P<second>[А-ЯЁ]){_PATRONYMIC_TAIL}(?![А-Яа-яЁё])"
)
SURNAME_INITIALS = re.compile(
    rf"(?<![А-Яа-яЁё.])(?P<surname>{_SURNAME_ANY_CASE})\s+(?P<first>[А-ЯЁ])\.\s?"
    r"(?:(?P<second>[А-ЯЁ])(?:\.|(?![А-Яа-яЁё])))?"
)
INITIALS_SURNAME = re.compile(
    rf"(?<![А-Яа-яЁё])(?P<first>[А-ЯЁ])\.\s?(?:(?P<second>[А-ЯЁ])\.\s?)?"
    rf"(?P<surname>{_SURNAME_ANY_CASE})(?![А-Яа-яЁё])"
)
NAME_PATTERNS = (FULL_NAME, SURNAME_INITIALS, INITIALS_SURNAME)
# «МБОУ СОШ им. А.С. Пушкина»: a name in the school's name, never a person who signs.
NAMESAKE_BEFORE = re.compile(r"(?:\bим\.?|\bимени)\s*$", re.I)
LIST_SEPARATOR = re.compile(r"[,;\n]")

# --- Signature blocks ------------------------------------------------------------------------
# Positions of whoever signs or approves, specific first; matched case-insensitively.
SIGNER_TITLES: tuple[str, ...] = (
    r"и\.\s?о\.\s*директора",
    r"исполняющ\w*\s+обязанност\w*\s+директора",
    r"врио\s+директора",
    r"заместитель\s+директора(?:\s+по\s+[А-ЯЁа-яё]+(?:\s+работе)?)?",
    r"зам\.\s*директора(?:\s+по\s+[А-ЯЁа-яё]+)?",
    r"и\.\s?о\.\s*заведующего",
    r"заведующ(?:ий|ая)",
    r"директор",
    r"руководитель",
    r"начальник",
)
SIGNER_TITLE = re.compile(
    r"(?<![А-Яа-яЁё])(?:" + "|".join(f"(?:{title})" for title in SIGNER_TITLES) + r")(?![а-яё])",
    re.I,
)
APPROVAL_STAMP = re.compile(r"^\W*(?:утверждаю|утвержд[её]н[оаы]?)\b:?", re.I)
PERSONAL_STAMP = re.compile(r"^\W*утверждаю", re.I)  # the approver signs it in person
STAMP_HEAD_LINES = 15  # the approval stamp sits in the first lines
STAMP_LINES = 6  # lines of a stamp after «УТВЕРЖДАЮ»
# Another stamp of the head («СОГЛАСОВАНО», «ПРИНЯТО…») ends the approval block.
OTHER_STAMP = re.compile(r"^\W*(?:согласовано|принято|принят[аы]?|рассмотрено)\b", re.I)
# The document's own heading or body ends a stamp: no approver is named past it.
STAMP_END = re.compile(
    r"^\W*(?:положени[ея]|программ[аы]|дорожн\w+\s+карт\w*|план\b|порядок|отч[её]т|справк[аи]"
    r"|рабоч\w+\s+программ\w*)\b",
    re.I,
)
MAX_STAMP_LINE = 120
TAIL_LINES = 25  # where the closing signature may sit
# Lines naming someone who is not the signer: the executor, the person in charge, readers.
NOT_SIGNER_LINE = re.compile(
    r"^\W*(?:ответственн\w*|исполнител\w*|исп\.|составил\w*|наставник\w*|куратор\w*)"
    r"|ознакомлен\w*",
    re.I,
)
ACQUAINTED = re.compile(r"ознакомлен\w*", re.I)
# Marks of a handwritten signature before or around the name: «______», «/Петрова А.А./».
SIGNATURE_MARK = re.compile(r"_{2,}|/\s*[А-ЯЁ]|\(\s*подпись\s*\)", re.I)
MAX_SIGNATURE_TABLE_ROWS = 2  # a signature laid out in a table is one or two rows
