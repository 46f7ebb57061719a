"""Understand stage: kinds, audiences, dates and numbers over a labelled corpus of school texts."""

from __future__ import annotations

import datetime
import json
import re
import tomllib
from pathlib import Path

import pytest

from cmn_audit.demo.documents import DocumentSpec, write_docx, write_pdf
from crawler.understand import (
    classify_document,
    classify_news,
    classify_path,
    classify_paths,
    parse_russian_date,
)
from crawler.understand.signals import other_subject

CORPUS = Path(__file__).parent / "fixtures" / "understand"
# labels.toml, labels_b.toml (mentorship documents), labels_c.toml (look-alikes): written by
# different hands, the latter two without sight of the classifier's patterns.
LABELS = {
    stem: label
    for path in sorted(CORPUS.glob("labels*.toml"))
    for stem, label in tomllib.loads(path.read_text(encoding="utf-8")).items()
}
BASE_LABELS = tomllib.loads((CORPUS / "labels.toml").read_text(encoding="utf-8"))
NUMBER_SPELLING = re.compile(r"\s*[-–—]\s*")
FILES = {path.stem: path for path in CORPUS.iterdir() if path.suffix in {".txt", ".html"}}


def _results() -> dict[str, dict]:
    stems = sorted(LABELS)
    return dict(zip(stems, classify_paths([FILES[stem] for stem in stems]), strict=True))


RESULTS = _results()


def _macro_f1(pairs: list[tuple[str, str]]) -> float:
    labels = {expected for expected, _ in pairs} | {got for _, got in pairs}
    scores = []
    for label in labels:
        tp = sum(1 for expected, got in pairs if expected == got == label)
        fp = sum(1 for expected, got in pairs if got == label and expected != label)
        fn = sum(1 for expected, got in pairs if expected == label and got != label)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def test_corpus_is_large_and_a_third_lookalikes():
    assert len(LABELS) >= 80
    lookalikes = [stem for stem, label in LABELS.items() if label["kind"] == "not_mentorship"]
    assert len(lookalikes) >= len(LABELS) / 3


def test_kind_macro_f1():
    pairs = [(LABELS[stem]["kind"], RESULTS[stem]["kind"]) for stem in LABELS]
    assert _macro_f1(pairs) >= 0.90, [p for p in pairs if p[0] != p[1]]


def test_lookalikes_are_rarely_taken_for_mentorship():
    lookalikes = [stem for stem, label in LABELS.items() if label["kind"] == "not_mentorship"]
    taken = [stem for stem in lookalikes if RESULTS[stem]["kind"] != "not_mentorship"]
    assert len(taken) / len(lookalikes) <= 0.05, taken


def test_audience_accuracy():
    pairs = [
        (label.get("audience", "unknown"), RESULTS[s]["audience"]) for s, label in LABELS.items()
    ]
    correct = sum(1 for expected, got in pairs if expected == got)
    assert correct / len(pairs) >= 0.85


def _same(field: str, expected: str | None, got: str | None) -> bool:
    """Equal up to spelling: «17 – ОД» is «17-ОД», a one-year period «2024» is «2024–2024»."""
    if field == "period" and got and "–" not in got:
        got = f"{got}–{got}"
    if field == "number" and expected and got:
        return NUMBER_SPELLING.sub("-", expected).lower() == NUMBER_SPELLING.sub("-", got).lower()
    return expected == got


@pytest.mark.parametrize("field", ["date", "number", "period"])
def test_date_number_and_period_accuracy_over_the_corpus(field):
    wrong = [
        (stem, label.get(field), RESULTS[stem][field])
        for stem, label in LABELS.items()
        if not _same(field, label.get(field), RESULTS[stem][field])
    ]
    assert 1 - len(wrong) / len(LABELS) >= 0.85, wrong


@pytest.mark.parametrize("stem", sorted(BASE_LABELS))
def test_date_number_and_period_of_the_reference_texts(stem):
    label, result = LABELS[stem], RESULTS[stem]
    assert result["date"] == label.get("date")
    assert result["number"] == label.get("number")
    assert result["period"] == label.get("period")


def test_signer_is_found():
    labelled = {stem: label["signer"] for stem, label in LABELS.items() if "signer" in label}
    found = [
        stem for stem, surname in labelled.items() if surname in (RESULTS[stem]["signed_by"] or "")
    ]
    assert len(labelled) >= 40
    assert len(found) / len(labelled) >= 0.80, sorted(set(labelled) - set(found))


def test_roadmap_events_and_mentor_counts():
    checks = [
        (stem, key, label[key], got)
        for stem, label in LABELS.items()
        for key, got in (
            ("events", len(RESULTS[stem]["events"])),
            ("mentors", RESULTS[stem]["mentor_count"]),
            ("pairs", RESULTS[stem]["pair_count"]),
        )
        if key in label
    ]
    assert len(checks) >= 8
    right = [check for check in checks if check[2] == check[3]]
    assert len(right) / len(checks) >= 0.80, [check for check in checks if check not in right]


def test_wrong_federal_act_citations_are_flagged_and_right_ones_are_not():
    flagged = {
        stem
        for stem, result in RESULTS.items()
        if any(problem["code"].startswith("federal_act_") for problem in result["problems"])
    }
    expected = {stem for stem, label in LABELS.items() if label.get("wrong_act")}
    assert expected and flagged == expected


def test_result_is_json_ready_and_explained():
    result = RESULTS["order_implementation_students"]
    assert json.loads(json.dumps(result, ensure_ascii=False)) == result
    assert result["text_source"] == "text" and result["status"] == "ok"
    assert (
        result["title"]
        == "Приказ «О внедрении целевой модели наставничества обучающихся в МБОУ СОШ № 3»"
    )
    assert "ПРИКАЗ" in result["reasons"]
    assert any("Р-145" in reason for reason in result["reasons"])
    assert 0 < result["confidence"] <= 1


def test_signature_block_is_never_the_title():
    result = RESULTS["regulation_signed"]
    assert result["title"].startswith("Положение о системе наставничества")
    assert "Иванова" not in result["title"]


def test_body_wins_over_link_title():
    text = (CORPUS / "regulation_students.txt").read_text(encoding="utf-8")
    facts = classify_document(text, title_hint="Дорожная карта ЦМН (1).pdf")
    assert facts.kind == "regulation"


def test_scan_without_text_is_classified_from_its_link_title():
    facts = classify_document("", title_hint="Приказ о закреплении наставнических пар.pdf")
    assert facts.kind == "order_pairs"
    assert facts.title == "Приказ о закреплении наставнических пар"


def test_mentor_alone_is_not_enough():
    text = "Классный руководитель – наставник и старший друг для обучающихся класса."
    assert classify_document(text).kind == "not_mentorship"


def test_mangled_number_sign_is_read():
    text = (
        "ПРИКАЗ\nот 10.01.2024 г. в„– 5-од\nО закреплении наставнических пар\n"
        "ПРИКАЗЫВАЮ:\n1. Закрепить наставляемых за наставниками."
    )
    facts = classify_document(text)
    assert (facts.kind, facts.number, facts.date) == (
        "order_pairs",
        "5-од",
        datetime.date(2024, 1, 10),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 марта 2024 г.", datetime.date(2024, 3, 12)),
        ("от 04.09.2023г.", datetime.date(2023, 9, 4)),
        ("31. 03. 22 г.", datetime.date(2022, 3, 31)),
        ('"02" июня 2025', datetime.date(2025, 6, 2)),
        ("«31»__08_2021_г.", datetime.date(2021, 8, 31)),
        ("«__4__ »__марта__________2022г.", datetime.date(2022, 3, 4)),
        ("12 января2022 г.", datetime.date(2022, 1, 12)),
        ("Материал опубликован 4 May 2022", datetime.date(2022, 5, 4)),
        ("СП 2.4.3648-20", None),
        ("31.02.2022", None),
    ],
)
def test_parse_russian_date(text, expected):
    assert parse_russian_date(text) == expected


def test_news_about_mentorship_and_lookalike_news():
    meeting = classify_news(
        "Встреча наставников и наставляемых",
        "В школе прошла встреча участников программы наставничества «ученик – ученик».",
    )
    assert meeting.is_mentorship and meeting.audience == "students"
    concert = classify_news(
        "Открытие Года педагога и наставника",
        "Прошёл концерт, посвящённый Году педагога и наставника.",
    )
    assert not concert.is_mentorship and concert.audience == "unknown"


def test_classify_path_reads_pdf_and_docx(tmp_path):
    spec = DocumentSpec(
        paragraphs=[
            "ПЛАН МЕРОПРИЯТИЙ (ДОРОЖНАЯ КАРТА)",
            "по реализации системы наставничества педагогических работников на 2024-2025 годы",
        ],
        tables=[
            [
                ["Мероприятие", "Срок", "Ответственный"],
                ["Закрепление наставнических пар", "сентябрь", "куратор"],
            ]
        ],
    )
    for path in (
        write_pdf(tmp_path / "карта.pdf", spec),
        write_docx(tmp_path / "карта.docx", spec),
    ):
        result = classify_path(path)
        assert (result["kind"], result["audience"], result["period"]) == (
            "roadmap",
            "teachers",
            "2024–2025",
        )


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (
            "Поздравляем победителей олимпиады и их наставников",
            "Ученики школы стали призёрами муниципального этапа олимпиады.",
            False,
        ),
        ("Наставник года — тренер нашей спортивной секции", "Итоги областного турнира.", False),
        (
            # A trade union's contest names mentors of young teachers, not the school's system.
            "Совет молодых педагогов: конкурс «Наставник молодого специалиста»",
            "Районный Совет молодых педагогов подвёл итоги профсоюзного конкурса «Наставник"
            " молодого специалиста»; членам профсоюза вручены грамоты.",
            False,
        ),
        (
            "Наш педагог – победитель конкурса «Наставник года»",
            "Её наставляемая – молодой специалист – провела открытый урок для коллег района.",
            True,
        ),
    ],
)
def test_news_whose_title_puts_the_mentor_in_another_field(title, text, expected):
    assert classify_news(title, text).is_mentorship is expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # A headline naming the system decides, however short the text.
        ("Мониторинг программы наставничества", "Подведены итоги анкетирования.", True),
        ("Закреплены наставнические пары", "Приказ подписан директором.", True),
        # A bare «наставник» in the headline decides nothing (real look-alikes, paraphrased).
        (
            "Стартовал Всероссийский конкурс «Наставничество»",
            "Платформа «Россия – страна возможностей» принимает заявки от наставников"
            " предприятий и компаний до 1 марта.",
            False,
        ),
        (
            "В России появился новый праздник — День наставника",
            "Указом Президента 2 марта объявлено Днём наставника.",
            False,
        ),
        (
            "Доплата за наставничество: как опыт превратить в доход",
            "Работодатель вправе установить сотруднику выплату за наставничество.",
            False,
        ),
    ],
)
def test_a_news_headline_counts_when_it_names_the_system(title, text, expected):
    assert classify_news(title, text).is_mentorship is expected


def test_an_orders_title_ends_before_its_preamble():
    """«Во исполнение распоряжения…» opens the body; it never runs into the title."""
    facts = classify_document(
        "ПРИКАЗ\n01.09.2022 № 41-од\nО внедрении целевой модели наставничества\n"
        "Во исполнение распоряжения Минпросвещения России от 25.12.2019 № Р-145\n"
        "ПРИКАЗЫВАЮ: 1. Внедрить целевую модель наставничества."
    )
    assert facts.title == "Приказ «О внедрении целевой модели наставничества»"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Программа наставничества «Учитель – ученик» на 2025–2026 учебный год\n"
            "1. Пояснительная записка. Программа наставничества обучающихся школы.",
            "program",
        ),
        (
            "ПОЛОЖЕНИЕ о наставничестве «педагог – педагог»\n1. Общие положения. Положение о "
            "наставничестве педагогических работников определяет порядок.",
            "regulation",
        ),
    ],
)
def test_a_dash_inside_a_quoted_form_name_is_no_definition(text, kind):
    assert classify_document(text).kind == kind


def test_pairs_of_pupils_and_of_teachers_in_one_order_concern_both():
    facts = classify_document(
        "ПРИКАЗ\n10.09.2025 № 207\nО закреплении наставнических пар\nПРИКАЗЫВАЮ:\n"
        "1. Закрепить наставнические пары согласно списку:\n"
        "№ | Наставник | Наставляемый | Форма наставничества\n"
        "1 | педагог высшей категории | педагог (стаж 1 год) | педагог – педагог\n"
        "2 | обучающийся, 15 лет | обучающийся, 11 лет | обучающийся – обучающийся\n"
    )
    assert (facts.kind, facts.audience) == ("order_pairs", "both")


def test_a_mentorship_news_item_for_parents_says_so():
    told = classify_news(
        "Родительское собрание",
        "Родителям пятиклассников рассказали о программе наставничества «ученик – ученик» и о "
        "наставнических парах, в которые войдут их дети.",
    )
    plain = classify_news(
        "Встреча наставнических пар", "Прошла встреча наставнических пар целевой модели."
    )
    assert told.is_mentorship and told.for_parents
    assert plain.is_mentorship and not plain.for_parents


def test_a_young_teachers_school_is_mentorship_news_only_with_its_mentors():
    with_mentors = classify_news(
        "Открытые уроки молодых учителей",
        "В рамках Школы молодого учителя молодые педагоги провели открытые уроки, подготовленные "
        "вместе с наставниками; наставники дали рекомендации.",
    )
    a_course = classify_news(
        "Школа молодого педагога: новый учебный год",
        "Прошло первое занятие Школы молодого педагога на тему профессиональной культуры.",
    )
    assert with_mentors.is_mentorship and not a_course.is_mentorship


def test_an_order_appoints_the_roles_its_items_name_whatever_its_title():
    """«О внедрении…» whose item 4 appoints the curator answers a request for the curator's
    order; a положение describing the curator's duties, or an item that only mentions the
    curator, appoints no one."""
    order = classify_document(
        "ПРИКАЗ\n11.05.2022 № 25\nО внедрении системы (целевой модели) наставничества "
        "педагогических работников\nПРИКАЗЫВАЮ:\n"
        "1. Внедрить систему наставничества педагогических работников.\n"
        "2. Куратору представлять отчёт ежегодно.\n"
        "3. Назначить куратором внедрения целевой модели наставничества старшего "
        "воспитателя.\n4. Контроль за исполнением приказа оставляю за собой.\n"
    )
    assert order.kind == "order_implementation" and order.appoints == ("curator",)
    silent = classify_document(
        "ПРИКАЗ\n11.05.2022 № 26\nО внедрении системы (целевой модели) наставничества "
        "педагогических работников\nПРИКАЗЫВАЮ:\n1. Внедрить систему наставничества.\n"
        "2. Куратору представлять отчёт ежегодно.\n"
    )
    assert silent.appoints == ()
    regulation = classify_document(
        "ПОЛОЖЕНИЕ о системе наставничества педагогических работников\n1. Общие положения\n"
        "1.1. Куратора назначает руководитель организации.\n"
    )
    assert regulation.kind == "regulation" and regulation.appoints == ()


def test_results_of_programmes_run_are_a_report_not_a_programme():
    """«Результаты реализации персонализированных программ…»: the programme is the report's
    object; its type is the results."""
    report = classify_document(
        "Результаты реализации персонализированных программ наставничества педагогических "
        "работников за 2024–2025 учебный год\nВ 2024–2025 учебном году завершены 4 программы "
        "наставничества; все наставляемые выполнили планы программ.\n",
        title_hint="Итоги программ наставничества 2024–2025",
    )
    assert report.kind == "monitoring"
    programme = classify_document(
        "Персонализированная программа наставничества молодого учителя\n1. Пояснительная "
        "записка\nОжидаемые результаты реализации программы: наставляемый освоит методику.\n"
    )
    assert programme.kind == "program"


def test_news_informs_parents_only_when_they_are_its_audience_or_take_part():
    """«Мастер-класс по работе с родителями» for young teachers informs teachers; parents who
    were told of the programme at a meeting were informed."""
    from crawler.understand import classify_news

    topic = classify_news(
        "Наставники провели мастер-класс для молодых воспитателей",
        "В рамках системы наставничества педагогических работников наставники поделились "
        "опытом работы с родителями воспитанников; молодые воспитатели обсудили взаимодействие "
        "с родителями.",
    )
    assert topic.is_mentorship and not topic.for_parents
    told = classify_news(
        "Стартовала программа наставничества «ученик – ученик»",
        "В школе стартовала программа наставничества обучающихся. Родителей пятиклассников "
        "познакомили с программой и наставниками на классном собрании.",
    )
    assert told.is_mentorship and told.for_parents


def test_news_naming_one_groups_pairs_is_about_that_group():
    """«наставнические пары «воспитатель – воспитатель»» in a kindergarten's news: teachers'
    mentorship, even when the headline repeated in the text names the kindergarten."""
    from crawler.understand import classify_news

    title = "День наставника в детском саду"
    text = (
        f"{title}\n\n03.03.2026\n\n2 марта молодые воспитатели подготовили для своих наставников "
        "газету, а наставнические пары «воспитатель – воспитатель» рассказали о своих проектах."
    )
    facts = classify_news(title, text)
    assert facts.is_mentorship and facts.audience == "teachers"


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # Mentors and young specialists in one sentence of a short item (heldout22).
        (
            "День наставника",
            "01.03.2024 Педагоги-наставники поделились опытом работы с молодыми специалистами "
            "на методическом дне.",
            (True, "teachers"),
        ),
        # Pupils who mentor pupils, named by their grade (heldout23): the pupils' mentorship.
        (
            "Квест для пятиклассников",
            "Наставники-десятиклассники провели для пятиклассников игру-квест в рамках "
            "программы наставничества.",
            (True, "students"),
        ),
        # Young teachers with their mentors and senior pupils who mentor: both (heldout23).
        (
            "Неделя наставничества",
            "В школе прошла неделя наставничества: открытые уроки молодых учителей с "
            "наставниками и занятия старшеклассников-наставников с учениками 5–6 классов.",
            (True, "both"),
        ),
        # Graders as mentors with nothing of the system is a form a volunteer squad has too.
        (
            "Помощь младшим",
            "Наставники-девятиклассники помогают пятиклассникам освоиться в школе.",
            (False, "unknown"),
        ),
        # A note of one sentence names the system once, and that is what it tells (heldout22).
        (
            "Итоги года в ресурсном центре",
            "26.05.2023 Подведены итоги работы наставнических пар за учебный год.",
            (True, "unknown"),
        ),
        # The target model named with mentorship in one sentence, a word apart (heldout25).
        (
            "Круглый стол наставников района",
            "18.04.2023 Наши наставники приняли участие в районном круглом столе «Наставничество "
            "педагогических работников: опыт внедрения целевой модели».",
            (True, "teachers"),
        ),
        # «Целевая модель» of something else beside a mentor is no cue.
        (
            "Семинар",
            "Наставник проекта рассказал о целевой модели цифровой образовательной среды.",
            (False, "unknown"),
        ),
        # A programme named by its form (heldout24).
        (
            "Наставники из 10 класса",
            "14.11.2023 Десятиклассники стали наставниками для пятиклассников в рамках "
            "программы «Ученик – ученик».",
            (True, "students"),
        ),
        # A form named by its two roles (heldout26).
        (
            "Старшеклассники – наставники",
            "15.11.2023 Гимназисты 10-х классов стали наставниками шестиклассников в форме "
            "«ученик – ученик».",
            (True, "students"),
        ),
        # Unless it names another field that has mentors too.
        (
            "Итоги года",
            "Подведены итоги работы наставнических пар на предприятии за год.",
            (False, "unknown"),
        ),
        # A kindergarten's young teacher with her mentor (heldout35).
        (
            "Наставник и молодой воспитатель: открытое занятие в филиале",
            "08.12.2022 В филиале «Никольский детский сад» молодой воспитатель провела открытое "
            "занятие под руководством наставника.",
            (True, "teachers"),
        ),
        # The personalised programmes beside mentors: the teachers' system (heldout35).
        (
            "Семинар для наставников",
            "15.11.2023 Куратор провела семинар для педагогов-наставников о персонализированных "
            "программах.",
            (True, "teachers"),
        ),
        # A coach and his charges are no pair of the system.
        (
            "Победа на соревнованиях",
            "Тренер-наставник и его подопечные заняли первое место на областных соревнованиях.",
            (False, "unknown"),
        ),
    ],
)
def test_a_short_news_item_is_read_by_the_sentence_that_tells_it(title, text, expected):
    facts = classify_news(title, text)
    assert (facts.is_mentorship, facts.audience) == expected


@pytest.mark.parametrize(
    ("title", "text", "subject"),
    [
        # Teachers coaching pupils for olympiads under «Одарённые дети» (heldout26).
        (
            "Наставничество",
            "Учителя-наставники нашей школы готовят обучающихся к олимпиадам и конкурсам. За "
            "каждым участником регионального этапа ВсОШ закреплён педагог-наставник.",
            "олимпиадам",
        ),
        (
            "Шефство и наставничество",
            "Отряд «Старшие – младшим» помогает первоклассникам на переменах.",
            "Шефство",
        ),
        # The system named among olympiads: the section still.
        (
            "Наставничество",
            "В школе реализуется целевая модель наставничества; в форме «ученик – ученик» "
            "старшеклассники готовят младших к олимпиадам.",
            None,
        ),
        ("Наставничество", "", None),  # an empty page or a list of files stays a section
    ],
)
def test_a_page_named_after_mentorship_may_tell_of_another_subject(title, text, subject):
    assert other_subject(title, text) == subject
