"""Understanding tables: roadmap events, mentor-base counts and who signed a document."""

from __future__ import annotations

import datetime

import pytest

from cmn_audit.demo.documents import DocumentSpec, docx_bytes
from crawler.extract import extract_bytes
from crawler.understand import classify_document
from crawler.understand.mentor_base import MentorCounts, mentor_counts
from crawler.understand.normalize import normalize
from crawler.understand.roadmap import RoadmapEvent, due_date, roadmap_events
from crawler.understand.signer import person_names, signed_by
from crawler.understand.table_vocab import BASE_FORM_COLUMNS
from crawler.understand.tables import document_tables, tables_from_text

# Every column of the form «База наставников» (Знаменский, приложение 3), in its order.
FULL_FORM = tuple(code for code, _, _ in BASE_FORM_COLUMNS)

ROADMAP = """УТВЕРЖДАЮ
Директор МБОУ «СОШ № 2»
____________ И.О. Семёнова
Приказ № 112 от 31.08.2023

Дорожная карта внедрения целевой модели наставничества в МБОУ «СОШ № 2» на 2023-2024 учебный год

№ п/п | Наименование мероприятия | Срок | Ответственный
1 | 2 | 3 | 4
1. Нормативно-правовое обеспечение
1.1 | Издание приказа о внедрении наставничества | до 01.09.2023 | Директор Семёнова И.О.
1.2 | Разработка положения о наставничестве | сентябрь 2023 | Зам. директора Петрова А.А.
2. Кадровое обеспечение |  |  |
2.1 | Формирование базы наставников | в течение года | Куратор Иванова Н.П.
№ п/п | Наименование мероприятия | Срок | Ответственный
2.2 | Обучение наставников на курсах повышения квалификации | октябрь-ноябрь 2023 г. |

Заместитель директора по УВР ______ А.А. Петрова
"""

PLURAL_HEADERS = """План мероприятий по реализации программы наставничества
Содержание работы | Сроки проведения | Ответственные | Отметка о выполнении
Заседание методического совета «Наставничество в школе» | 15.09.2023 | Петрова А.А., Иванова Н.П. |
Мастер-класс наставников для молодых педагогов | декабрь 2023 | Наставники |
Подведение итогов работы наставнических пар | май 2024 | Заместитель директора по УВР |
"""

NO_TERM_PLAN = """План работы наставника
Мероприятие | Участники | Ожидаемый результат
Знакомство с традициями школы | Наставник, молодой специалист | Адаптация педагога
Посещение уроков наставника | Молодой специалист | Освоение приёмов работы
"""


def test_tables_from_text_keeps_a_section_row_and_splits_at_a_blank_line():
    text = "Заголовок\nа | б\n1. Раздел\nв | г\n\nдругой | текст\nпросто строка длиной в абзац"
    assert tables_from_text(text) == (
        (("а", "б"), ("1. Раздел",), ("в", "г")),
        (("другой", "текст"),),
    )


# A scanned base read by OCR (heldout25): each row a block between blank lines, broken inside
# its cells where the printed cell wrapped.
WRAPPED_BASE = """База наставников МБОУ «Алехинская СОШ» на 2024-2025 учебный год

№ п/п | Ф.И.О. наставника | Место работы | Основные компетенции
наставника | Важные для программы достижения наставника | Ф.И.О.
наставляемого (наставляемых) | Форма наставничества | Место работы
наставляемого

1 | Иванова Анна Андреевна | МБОУ «Алехинская СОШ» | методика
преподавания математики | победитель конкурса
«Учитель года» | Петрова Вера Викторовна | педагог - молодой
специалист | МБОУ «Алехинская СОШ»

2 | Сидоров Борис Борисович | МБОУ «Алехинская СОШ» | цифровые
ресурсы | эксперт ЕГЭ | Новиков Глеб Олегович |
педагог - педагог | МБОУ «Алехинская СОШ»
"""


def test_rows_wrapped_inside_their_cells_are_read_back_as_rows():
    (table,) = tables_from_text(WRAPPED_BASE)
    assert [len(row) for row in table] == [8, 8, 8]
    assert table[2][1] == "Сидоров Борис Борисович"
    counts = mentor_counts(WRAPPED_BASE)
    assert (counts.mentors, counts.pairs) == (2, 2)
    assert counts.columns == tuple(code for code, _, _ in BASE_FORM_COLUMNS)


def test_blocks_of_whole_rows_stay_rows_of_their_own():
    text = "а | б | в\nг | д | е\n\nж | з\nи | к\n"
    assert tables_from_text(text) == ((("а", "б", "в"), ("г", "д", "е")), (("ж", "з"), ("и", "к")))


def test_document_tables_prefers_structured_tables_and_cleans_cells():
    structured = ((("Мероприятие", None, "Срок"), (" Совещание\nпедагогов ", "", "май 2024")),)
    text = "Мероприятие | Срок\nиное | текст"
    assert document_tables(text, structured) == (
        (("Мероприятие", "", "Срок"), ("Совещание педагогов", "", "май 2024")),
    )
    assert document_tables(text, ()) == ((("Мероприятие", "Срок"), ("иное", "текст")),)


def test_roadmap_with_section_rows_and_number_column():
    events = roadmap_events(ROADMAP)
    assert [event.title for event in events] == [
        "Издание приказа о внедрении наставничества",
        "Разработка положения о наставничестве",
        "Формирование базы наставников",
        "Обучение наставников на курсах повышения квалификации",
    ]
    assert events[0] == RoadmapEvent(
        title="Издание приказа о внедрении наставничества",
        due="до 01.09.2023",
        due_date=datetime.date(2023, 9, 1),
        responsible="Директор Семёнова И.О.",
    )
    assert events[1].due_date == datetime.date(2023, 9, 30)
    assert (events[2].due, events[2].due_date) == ("в течение года", None)
    assert events[3].due_date == datetime.date(2023, 11, 30)
    assert events[3].responsible is None


def test_roadmap_with_plural_headers():
    events = roadmap_events(PLURAL_HEADERS)
    assert len(events) == 3
    assert events[0].due_date == datetime.date(2023, 9, 15)
    assert events[0].responsible == "Петрова А.А., Иванова Н.П."
    assert events[1].due == "декабрь 2023"
    assert events[1].due_date == datetime.date(2023, 12, 31)
    assert events[2].responsible == "Заместитель директора по УВР"


def test_plan_without_term_or_responsible_column_has_no_events():
    assert roadmap_events(NO_TERM_PLAN) == ()
    assert roadmap_events("Дорожная карта наставничества без таблицы.") == ()


def test_roadmap_from_structured_tables_continues_a_table_split_across_pages():
    page_one = (
        ("№", "Мероприятия", "Дата", "Исполнители"),
        ("I. Организационный этап", None, None, None),
        ("1", "Назначение куратора", "01.09.2023", "Директор"),
    )
    page_two = (("2", "Анкетирование педагогов", "сентябрь–октябрь 2024", "Куратор"),)
    events = roadmap_events("", (page_one, page_two))
    assert [(event.title, event.due_date, event.responsible) for event in events] == [
        ("Назначение куратора", datetime.date(2023, 9, 1), "Директор"),
        ("Анкетирование педагогов", datetime.date(2024, 10, 31), "Куратор"),
    ]


def test_roadmap_from_a_real_docx():
    table = [
        ["№ п/п", "Содержание деятельности", "Сроки", "Ответственный"],
        ["1. Организационные мероприятия"],
        ["1.1", "Утверждение программы наставничества", "до 15.09.2023", "Петрова А.А."],
        ["1.2", "Формирование наставнических пар", "октябрь 2023", "Куратор"],
    ]
    spec = DocumentSpec(["Дорожная карта", "по внедрению наставничества"], [table])
    extraction = extract_bytes(docx_bytes(spec), file_ext="docx")
    events = roadmap_events(extraction.text, extraction.tables)
    assert [(event.title, event.due_date) for event in events] == [
        ("Утверждение программы наставничества", datetime.date(2023, 9, 15)),
        ("Формирование наставнических пар", datetime.date(2023, 10, 31)),
    ]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("сентябрь 2023", datetime.date(2023, 9, 30)),
        ("в течение сентября 2023 г.", datetime.date(2023, 9, 30)),
        ("февраль 2024", datetime.date(2024, 2, 29)),
        ("с 01.09.2023 по 15.09.2023", datetime.date(2023, 9, 15)),
        ("«25» мая 2024 г.", datetime.date(2024, 5, 25)),
        ("сентябрь 2023 – май 2024", datetime.date(2024, 5, 31)),
        ("ежемесячно", None),
        ("сентябрь", None),
    ],
)
def test_due_date(term, expected):
    assert due_date(term) == expected


MENTOR_BASE = """База наставников МБОУ «СОШ № 2» на 2023-2024 учебный год
№ п/п | ФИО наставника | Должность | ФИО наставляемого | Форма наставничества
1 | Иванова Анна Петровна | учитель математики | Смирнов Олег Игоревич | «учитель – учитель»
2 | Иванова А.П. | учитель математики | Кузнецова Е.В. | «учитель – учитель»
3 | Петров Сергей Николаевич | учитель истории | Орлов М.А. | «учитель – ученик»
4 | Сидорова Т.И. | педагог-психолог | Волков Д.С. | «учитель – ученик»
5 | Ф.Ф. Лебедева | учитель физики | Попова К.С. | «ученик – ученик»
"""


def test_mentor_base_counts_distinct_mentors_and_pairs():
    assert mentor_counts(MENTOR_BASE) == MentorCounts(mentors=4, pairs=5, source="table")


def test_mentee_cell_with_several_names_counts_a_pair_each():
    text = (
        "Наставник | Наставляемые | Класс\n"
        "Орлова Е.В. | Иванов И., Петров П. | 7А\n"
        "Белых Н.С. | Зайцева Дарья | 8Б"
    )
    assert mentor_counts(text) == MentorCounts(mentors=2, pairs=3, source="table")


def test_base_listing_only_mentors_has_no_pair_count():
    text = (
        "Персонифицированный перечень наставников\n"
        "№ | Ф.И.О. наставника | Должность | Стаж работы\n"
        "1 | Кузнецова Ольга Ивановна | учитель начальных классов | 25 лет\n"
        "2 | Морозов П.А. | учитель физической культуры | 12 лет\n"
        "3 | Соколова В.В. | учитель русского языка | 18 лет"
    )
    assert mentor_counts(text) == MentorCounts(mentors=3, pairs=None, source="table")


def test_mentor_table_with_merged_mentor_cells_keeps_the_mentor_above():
    table = (
        ("ФИО наставника", "ФИО наставляемого"),
        ("Васильева Н.Н.", "Агафонов С."),
        (None, "Попов К."),
        ("Зайцева Л.Л.", "Смирнова О."),
    )
    assert mentor_counts("", (table,)) == MentorCounts(mentors=2, pairs=3, source="table")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "В школе сформирована база: количество наставников — 12, наставнических пар: 8.",
            MentorCounts(12, 8, "text"),
        ),
        ("Всего наставников: 4, наставляемых: 5.", MentorCounts(4, None, "text")),
        (
            "В 2023 году 12 наставников сопровождали молодых педагогов.",
            MentorCounts(12, None, "text"),
        ),
        ("Сформировано 7 наставнических пар «учитель – ученик».", MentorCounts(None, 7, "text")),
        ("Положение о наставничестве в МБОУ «СОШ № 2».", MentorCounts(None, None, "none")),
    ],
)
def test_mentor_counts_from_text(text, expected):
    assert mentor_counts(text) == expected


def test_signer_stamp_wins_over_the_end_block():
    assert signed_by(ROADMAP) == "Директор Семёнова И.О."


def test_signer_stamp_with_surname_first_and_a_namesake_school():
    text = (
        "УТВЕРЖДАЮ:\nДиректор МБОУ «СОШ им. А.С. Пушкина»\n__________ Кузнецова Т.В.\n"
        "«31» августа 2023 г.\n\nПОЛОЖЕНИЕ\nо наставничестве"
    )
    assert signed_by(text) == "Директор Кузнецова Т.В."


def test_stamp_without_a_name_does_not_take_one_from_the_body():
    text = (
        "УТВЕРЖДАЮ\nДиректор МБОУ «СОШ № 2»\nПОЛОЖЕНИЕ о наставничестве\n"
        "Куратор наставничества Орлова Е.В. организует работу."
    )
    assert signed_by(text) is None


def test_signer_stamp_laid_out_in_a_table():
    text = (
        "СОГЛАСОВАНО | УТВЕРЖДАЮ\n"
        "Председатель профкома | И.о. директора школы\n"
        "______ А.Б. Орлова | ______ Н.П. Иванова\n"
        "ПРОГРАММА НАСТАВНИЧЕСТВА"
    )
    assert signed_by(text) == "И.о. директора Иванова Н.П."


@pytest.mark.parametrize(
    ("ending", "expected"),
    [
        ("Директор школы ______ Н.П. Иванова", "Директор Иванова Н.П."),
        ("Директор МКОУ «Ключевская СОШ» /Петрова А.А./", "Директор Петрова А.А."),
        ("Заведующий МБДОУ «Детский сад № 5»\n_____________ С.В. Белых", "Заведующий Белых С.В."),
        ("ДИРЕКТОР ______ ИВАНОВА Н.П.", "Директор Иванова Н.П."),
    ],
)
def test_signer_in_the_end_block(ending, expected):
    text = "ПРИКАЗ\n01.09.2023 № 45\nО назначении куратора\nПРИКАЗЫВАЮ:\n1. Назначить куратором.\n"
    assert signed_by(text + ending) == expected


def test_signer_survives_normalised_text():
    text = "Отчёт о реализации программы наставничества\n...\nДиректор школы ______ Н.П. Иванова"
    assert signed_by(normalize(text)) == "Директор Иванова Н.П."


def test_no_signer_from_responsible_lines_or_mentor_tables():
    assert signed_by("План работы\nОтветственный: Петров П.П.") is None
    assert signed_by(MENTOR_BASE.replace("учитель истории", "заместитель директора")) is None
    letter = "Информация о наставничестве.\nИсполнитель: заместитель директора Сидорова А.А."
    assert signed_by(letter) is None


def test_person_names_in_either_order():
    names = person_names("Директор Н.П. Иванова; Петрова Анна Сергеевна; Семёнов И.О.")
    assert [name.display for name in names] == ["Иванова Н.П.", "Петрова А.С.", "Семёнов И.О."]
    assert names[1].key == person_names("А.С. Петрова")[0].key


def test_a_mentor_base_shows_which_columns_of_the_form_it_has():
    full = classify_document(
        "База наставников\n"
        "№ п/п | Ф.И.О наставника | Место работы | Основные компетенции наставника | Важные для "
        "программы достижения наставника | Ф.И.О наставляемого (наставляемых) | Форма "
        "наставничества | Место работы наставляемого\n"
        "1 | Иванова Анна Петровна | МБОУ СОШ № 1 | методика | победитель конкурса | Петров Пётр "
        "Иванович | учитель – учитель | МБОУ СОШ № 1\n"
    )
    short = classify_document(
        "База наставников\n№ | ФИО наставника | ФИО наставляемого | Должность\n"
        "1 | Иванова Анна Петровна | Петров Пётр Иванович | учитель\n"
    )
    assert full.base_columns == FULL_FORM
    assert short.base_columns == ("mentor_name", "mentee_name")
    assert classify_document("База наставников: 12 наставников, 15 пар.").base_columns is None


def test_a_spreadsheet_base_is_read_under_its_title_rows_and_dated_by_its_own_act():
    """A workbook puts the title, the year and the form's origin in rows of their own above the
    header; one cell across the table is a title, not a header. The form «приложение 3 к
    приказу Отдела образования от 29.04.2022 № 88-Д» is another body's act: not the base's date."""
    header = (
        "№ п/п",
        "Ф.И.О. наставника",
        "Место работы",
        "Основные компетенции наставника",
        "Важные для программы достижения наставника",
        "Ф.И.О. наставляемого (наставляемых)",
        "Форма наставничества",
        "Место работы наставляемого",
    )
    blank = ("",) * (len(header) - 1)
    rows = (
        ("База наставников и наставляемых МБОУ «Лесная СОШ»", *blank),
        ("на 2025–2026 учебный год", *blank),
        ("(по форме приложения 3 к приказу Отдела", *blank),
        ("образования от 29.04.2022 № 88-Д)", *blank),
        header,
        (
            "1",
            "Наставник 1 (учитель)",
            "МБОУ «Лесная СОШ»",
            "ОГЭ",
            "высшая категория",
            "Наставляемый 1",
            "учитель – учитель",
            "МБОУ «Лесная СОШ»",
        ),
    )
    text = "\n".join(" | ".join(cell for cell in row if cell) for row in rows)
    facts = classify_document(text, tables=(rows,))
    assert facts.kind == "mentor_base"
    assert facts.base_columns == FULL_FORM
    assert (facts.date, facts.number) == (None, None)


def test_an_order_citing_another_bodys_annex_in_its_body_keeps_its_own_date():
    """«приложения 3 к приказу Отдела образования от …» at the start of a wrapped body line is a
    citation; an annex header is capitalised."""
    facts = classify_document(
        "МБОУ «Лесная СОШ»\nПРИКАЗ\n12.05.2022 № 40\n"
        "О внедрении системы (целевой модели) наставничества педагогических работников\n"
        "ПРИКАЗЫВАЮ:\n1. Внедрить систему наставничества педагогических работников.\n"
        "2. Сформировать базу наставников и наставляемых по форме\n"
        "приложения 3 к приказу Отдела образования от 29.04.2022 №\n88-Д.\n"
    )
    assert facts.kind == "order_implementation"
    assert (facts.date, facts.number) == (datetime.date(2022, 5, 12), "40")


def test_a_scanned_base_shows_its_forms_columns_from_the_header_lines():
    """OCR keeps a header's words, not its cells: the columns are read from the lines above
    the first numbered row. A base told in prose names no columns."""
    scanned = classify_document(
        "База наставников и наставляемых МБОУ «Лесная СОШ»\nна 2025-2026 учебный год\n\n"
        "№ п/п Ф.И.О. наставника Место работы Основные компетенции\n"
        "наставника Важные для программы достижения наставника\n"
        "Ф.И.О. наставляемого (наставляемых) Форма наставничества\n"
        "Место работы наставляемого\n\n"
        "1 Наставник 1 (учитель математики) МБОУ «Лесная СОШ» методика подготовки к ОГЭ\n"
        "высшая категория Наставляемый 1 (учитель) опытный педагог - молодой специалист\n"
    )
    assert scanned.kind == "mentor_base"
    assert scanned.base_columns == FULL_FORM
    told = classify_document("База наставников: всего 12 наставников, 15 наставнических пар.")
    assert told.base_columns is None
