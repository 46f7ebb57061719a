"""The classifier on real school documents labelled blind (tests/fixtures/real_documents).

The dev split (tuned on) and the frozen test split (never read while tuning, only scored) both
hold floors at the figures measured when the test split was first scored; a change that lowers
any figure fails here. Raising the floors towards the issue's targets is the open work.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from crawler.understand import classify_document, document_problems
from crawler.understand.evaluation import Outcome, classify_split, score

DEV = Path(__file__).parent / "fixtures" / "real_documents" / "dev"
TEST = DEV.parent / "test"

# What the classifier reaches on dev (340 texts); a change that lowers a figure fails here.
DEV_FLOORS = {
    "kind_macro_f1": 0.76,
    "kind_accuracy": 0.85,
    "audience_accuracy": 0.74,
    "date_accuracy": 0.76,
    "number_accuracy": 0.83,
    "issuer_accuracy": 0.70,
}
DEV_LOOKALIKE_FP_CEILING = 0.034  # the target is 3 %
# The frozen test split (204 texts; the last 29 scored blind when they were added), scored
# after tuning on dev. Kind macro-F1 there is lower than on dev: several kinds have one to four
# test texts. Look-alikes taken for mentorship stand at 9 % there (6 of 68; 3 % is the issue's
# target): the ceiling only stops a regression.
TEST_FLOORS = {
    "kind_macro_f1": 0.56,
    "kind_accuracy": 0.71,
    "audience_accuracy": 0.76,
    "date_accuracy": 0.70,
    "number_accuracy": 0.79,
    "issuer_accuracy": 0.70,
}
TEST_LOOKALIKE_FP_CEILING = 0.09


@pytest.fixture(scope="module")
def dev_scores():
    return score(classify_split(DEV))


@pytest.mark.parametrize("figure", sorted(DEV_FLOORS))
def test_dev_split_keeps_its_floor(dev_scores, figure):
    assert dev_scores.figures()[figure] >= DEV_FLOORS[figure]


def test_dev_lookalikes_stay_out_of_mentorship(dev_scores):
    assert dev_scores.lookalike_fp_rate <= DEV_LOOKALIKE_FP_CEILING


@pytest.fixture(scope="module")
def test_figures() -> dict:
    """Only the headline figures of the frozen split: a failure must not show its documents
    or its confusions, which would be reading the test split."""
    return score(classify_split(TEST)).figures()


@pytest.mark.parametrize("figure", sorted(TEST_FLOORS))
def test_frozen_test_split_keeps_its_floor(test_figures, figure):
    assert test_figures[figure] >= TEST_FLOORS[figure]


def test_frozen_test_split_lookalikes_stay_out_of_mentorship(test_figures):
    assert test_figures["lookalike_fp_rate"] <= TEST_LOOKALIKE_FP_CEILING


def test_scores_count_an_invented_date_or_number_as_wrong():
    facts = classify_document("ПРИКАЗ\nот 01.09.2022 № 5-од\nО внедрении целевой модели ЦМН")
    invented = Outcome("x", {"kind": "order_implementation", "audience": "unknown"}, facts)
    scores = score([invented])
    assert scores.date_accuracy == 0.0
    assert scores.number_accuracy == 0.0
    assert scores.kind_macro_f1 == 1.0


def test_r145_cited_by_number_alone_is_recognised():
    facts = classify_document(
        "Положение о наставничестве\n"
        "1.1. Положение разработано в соответствии с распоряжением Минпросвещения России "
        "№ 145 от 25.12.2019.\n1.2. Наставничество организуется в школе."
    )
    assert facts.kind == "regulation"
    assert facts.audience == "students"


def test_a_roadmap_is_current_until_its_period_ends():
    text = (
        "Дорожная карта реализации целевой модели наставничества на 2022–2024 годы\n"
        "Мероприятие | Срок | Ответственный\n"
        "Создание базы наставников | 01.10.2022 | куратор\n"
    )
    facts = classify_document(text)
    assert (facts.kind, facts.period_end) == ("roadmap", 2024)
    current = document_problems(facts, audit_date=datetime.date(2023, 5, 1), read=True)
    expired = document_problems(facts, audit_date=datetime.date(2025, 2, 1), read=True)
    assert "roadmap_expired" not in [problem.code for problem in current]
    assert "roadmap_expired" in [problem.code for problem in expired]


@pytest.mark.parametrize(
    ("head", "issuer"),
    [
        ("МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ «СОШ № 3»", "school"),
        ("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ КРАСНОГО РАЙОНА", "municipal"),
        ("МИНИСТЕРСТВО ОБРАЗОВАНИЯ ПРИОЗЁРСКОЙ ОБЛАСТИ", "regional"),
        ("МКУ «Информационно-методический центр»", "methodological_centre"),
        # The school's own trade-union body heads the letterhead: the union's act.
        ("Первичная профсоюзная организация МКОУ «Никольская ООШ»", "other"),
        ("МКОУ «Никольская ООШ»\nСОГЛАСОВАНО с профсоюзным комитетом", "school"),
        # An organisation of additional education under its founder's line is the author.
        (
            "Комитет образования Администрации Заречного района\nМУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ "
            "УЧРЕЖДЕНИЕ ДОПОЛНИТЕЛЬНОГО ОБРАЗОВАНИЯ «ДОМ ДЕТСКОГО ТВОРЧЕСТВА»",
            "school",
        ),
        # A state college under its founder ministry's line: the college is the author.
        (
            "Министерство образования Омской области\nбюджетное профессиональное "
            "образовательное учреждение Омской области «Тарский аграрный колледж»",
            "school",
        ),
    ],
)
def test_issuer_is_read_from_the_letterhead(head, issuer):
    facts = classify_document(
        f"{head}\n\nПОЛОЖЕНИЕ\nо системе наставничества педагогических работников\n"
        "1. Общие положения\n1.1. Положение определяет порядок наставничества."
    )
    assert facts.kind == "regulation"
    assert facts.issuer == issuer
    assert any("издатель" in reason for reason in facts.reasons)


def test_an_order_printed_on_a_page_is_the_school_s_under_its_founder_s_line():
    """A page's heading («Приказ № 45 от 18.01.2021») stands above the whole letterhead, and
    the page's blank lines between its parts are no distance (heldout22's order page)."""
    facts = classify_document(
        "Приказ № 45 от 18.01.2021\n\nУправление образования Каменского городского округа\n\n"
        "Муниципальное казённое общеобразовательное учреждение «Луговская основная "
        "общеобразовательная школа»\n\nПРИКАЗ\n\n18.01.2021 № 45\n\nО внедрении целевой модели "
        "наставничества\n\nВ соответствии с распоряжением Минпросвещения России от 25.12.2019 "
        "№ Р-145\n\nПРИКАЗЫВАЮ:\n\n1. Внедрить целевую модель наставничества обучающихся.\n\n"
        "Директор ____________ Т. И. Петрова"
    )
    assert (facts.kind, facts.issuer) == ("order_implementation", "school")


@pytest.mark.parametrize(
    ("mark", "issuer"),
    [
        # A municipal plan a school reposts: the annex of the founder's order (heldout22).
        (
            "Приложение № 1 к приказу Управления образования Каменского городского округа от\n"
            "02.11.2020 № 235",
            "municipal",
        ),
        ("Приложение 2\nк приказу директора МБОУ «СОШ № 3» от 01.09.2022 № 45", "school"),
        ("Приложение к приказу от 01.09.2022 № 45", "school"),  # no author named: the form's
        # A committee named by its short name, in a city's administration (heldout24).
        (
            "Приложение 1 к приказу КОиН администрации г. Новокузнецка от 15.08.2022 № 1021",
            "municipal",
        ),
    ],
)
def test_an_annex_is_the_act_of_whoever_approved_it(mark, issuer):
    facts = classify_document(
        f"{mark}\nПлан (дорожная карта) внедрения целевой модели наставничества\n"
        "Наименование мероприятия | Срок исполнения | Ответственный\n"
        "Формирование базы наставников и наставляемых | до 09.11.2020 | Руководители"
    )
    assert (facts.kind, facts.issuer) == ("roadmap", issuer)


@pytest.mark.parametrize(
    ("title", "issuer"),
    [
        # A territory's own system, reposted by a school without a mark (heldout24).
        (
            "ПОЛОЖЕНИЕ о муниципальной системе наставничества педагогических работников\n"
            "Новокузнецкого городского округа",
            "municipal",
        ),
        # The school's own act on how it takes part in that system stays the school's.
        (
            "ПОЛОЖЕНИЕ о реализации муниципальной системы наставничества в МБОУ «СОШ № 5»",
            "school",
        ),
    ],
)
def test_a_title_naming_a_territorys_own_system_is_that_territorys_act(title, issuer):
    facts = classify_document(
        f"{title}\n1. Общие положения. Положение определяет порядок организации наставничества "
        "педагогических работников, формы наставничества и порядок закрепления наставнических пар."
    )
    assert (facts.kind, facts.issuer) == ("regulation", issuer)


def test_a_survey_of_the_system_reads_as_monitoring_and_is_its_authors():
    facts = classify_document(
        "О внедрении системы наставничества педагогических работников\n"
        "Автор: Е.В. Арсеньева, журнал «Психологическая наука и образование»\n"
        "Профсоюз провёл опрос молодых педагогов о том, как в школах работает система "
        "наставничества и как наставники помогают молодым специалистам."
    )
    assert (facts.kind, facts.issuer) == ("monitoring", "other")


@pytest.mark.parametrize(
    ("head", "tail", "date"),
    [
        # The place-and-date line under a title of four lines, a scan's blank lines between.
        (
            "Справка\n\nпо итогам внутреннего мониторинга реализации целевой\nмодели "
            "наставничества педагогических работников\n\nв МБОУ «Озёрная СОШ»\n\n"
            "(октябрь 2024 г.)\n\nс. Озёрное 29.10.2024\n",
            "Куратор целевой модели наставничества Е. П. Лаптева",
            datetime.date(2024, 10, 29),
        ),
        # The date beside the signature, the title undated.
        (
            "Аналитическая справка\nпо итогам внутреннего мониторинга реализации целевой "
            "модели наставничества\nв МБДОУ «Детский сад № 4»\n",
            "Куратор целевой модели наставничества О. В. Сизова\n«30» октября 2025 г.",
            datetime.date(2025, 10, 30),
        ),
        # The title under the school's name, dated «от …» on a line of its own (heldout24).
        (
            "муниципальное бюджетное общеобразовательное учреждение «СОШ № 12»\n"
            "АНАЛИТИЧЕСКАЯ СПРАВКА\nпо итогам реализации персонализированных программ "
            "наставничества\nза 2023–2024 учебный год\nот 31.05.2024\n",
            "Куратор Е. П. Лаптева",
            datetime.date(2024, 5, 31),
        ),
    ],
    ids=["under-its-title", "beside-its-signature", "own-date-line"],
)
def test_a_report_is_dated_under_its_title_or_beside_its_signature(head, tail, date):
    body = (
        "1. Общие сведения\nМониторинг проведён в период с 01 по 25 октября в соответствии "
        "с приказом Министерства образования от 08.04.2022 № 581 и приказом директора от "
        "01.10.2024 № 136. Анкетирование наставников и наставляемых показало рост.\n"
        "2. Выводы\nНаставнические пары работают по индивидуальным планам.\n"
    )
    facts = classify_document(head + body + tail)
    assert (facts.kind, facts.date) == ("monitoring", date)


# How real texts show what they are when they name no type, one case each: the text, then the
# facts it must give (DocumentFacts fields).
SHAPES = {
    # A story that opens on an event held is news, though a survey comes later in it; a
    # number inside a cue («наставниками. Участвовали 38 молодых педагогов») cites no act.
    "story-of-an-event": (
        "Весенний слёт молодых педагогов\n"
        "В районном отделе образования прошёл слёт молодых педагогов: впервые они приехали "
        "вместе со своими наставниками. Участвовали 38 молодых педагогов и 12 наставников "
        "из 11 школ.\nГостей приветствовал начальник отдела. В конце встречи организаторы "
        "провели опрос о том, чего молодым учителям не хватает в первый год работы.",
        {"kind": "news", "audience": "teachers"},
    ),
    # A post's publication stamp glued to its headline dates it as news.
    "post-stamped-with-its-time": (
        "Наставники из числа выпускников14.11.2023 18:05\n\n"
        "«Выпускники — лучший пример для ребят», — говорили участники семинара по внедрению "
        "целевой модели наставничества. Школы района составляют базы наставников из числа "
        "выпускников, педагогов и родителей, формируют наставнические пары.",
        {"kind": "news", "date": datetime.date(2023, 11, 14)},
    ),
    # Every school programme opens with its explanatory note.
    "explanatory-note": (
        "Мои публикации\nПредварительный просмотр:\nПояснительная записка\n"
        "Программа наставничества «Шаг навстречу» подготовлена для поддержки молодых "
        "специалистов школы: наставник помогает молодому педагогу освоить профессию, "
        "наставнические пары работают по индивидуальным планам.",
        {"kind": "program"},
    ),
    # An account of one's own practice is signed by its author, name first, then post.
    "signed-by-its-author": (
        "Наставничество в доме творчества: модели и формы\n"
        "Сафонова Е.В., директор МБУ ДО «Дом детского творчества»\n"
        "В нашем доме творчества система наставничества помогает молодым педагогам освоиться, "
        "а опытным — передать мастерство. Программа наставничества «Шаг за шагом» объединяет "
        "пары «педагог – педагог» и наставников из числа выпускников.",
        {"kind": "best_practice"},
    ),
    # Pupils are named by the participle («обучающиеся»); a young teacher «учится» too.
    "to-learn-is-no-pupil": (
        "Памятка молодому педагогу\n"
        "Молодому специалисту в новом коллективе нужна помощь: наставник подскажет, как "
        "учиться на опыте коллег, а молодой педагог будет учиться планировать уроки.",
        {"audience": "teachers"},
    ),
    # A letterhead's name in quotes over several lines («…ОСНОВНЫЕ ОБЩЕОБРАЗОВАТЕЛЬНЫЕ
    # ПРОГРАММЫ»») is no heading of a programme.
    "name-in-quotes-over-lines": (
        "Министерство образования и науки Удмуртской Республики\n"
        "ГОСУДАРСТВЕННОЕ КАЗЁННОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ «ОЗЁРНАЯ\n"
        "ШКОЛА-ИНТЕРНАТ, РЕАЛИЗУЮЩАЯ АДАПТИРОВАННЫЕ\n"
        "ОСНОВНЫЕ ОБЩЕОБРАЗОВАТЕЛЬНЫЕ ПРОГРАММЫ»\n"
        "ПРИКАЗ\n02.10.2025 № 301-од\n"
        "О проведении внутреннего мониторинга реализации целевой модели наставничества\n"
        "ПРИКАЗЫВАЮ:\n1. Провести внутренний мониторинг с 1 по 25 октября.",
        {"kind": "order_other", "number": "301-од"},
    ),
}


@pytest.mark.parametrize("case", sorted(SHAPES))
def test_a_text_shows_what_it_is_by_its_shape(case):
    text, expected = SHAPES[case]
    facts = classify_document(text)
    assert {field: getattr(facts, field) for field in expected} == expected


def test_a_header_block_cites_the_approving_order():
    facts = classify_document(
        "МБОУ «СОШ № 6»\nПринято решением педагогического совета\nпротокол № 5 от 31.08.2020\n"
        "Приказ № 40-од от 14.09.2020г.\n\nПоложение\nо наставничестве\n"
        "1. Общие положения\n1.1. Положение определяет порядок наставничества педагогов."
    )
    assert (facts.kind, facts.date, facts.number) == (
        "regulation",
        datetime.date(2020, 9, 14),
        "40-од",
    )


def test_a_news_lead_without_its_year_takes_the_school_year():
    facts = classify_document(
        "Встреча с молодыми педагогами\n\n19 мая в школе прошла встреча наставников "
        "2024-2025 учебного года с молодыми специалистами: наставники рассказали о работе "
        "наставнических пар и системы наставничества."
    )
    assert facts.date == datetime.date(2025, 5, 19)


def test_a_territorys_methodology_of_the_model_is_its_regulation():
    facts = classify_document(
        "Утверждаю\nминистр образования\nприказ № 887/11 от 29.12.2020 г.\n"
        "Методология (целевая модель) наставничества\n"
        "для организаций, осуществляющих образовательную деятельность, в Магаданской области\n"
        "1. Общие положения\n1.1. Целевая модель наставничества обучающихся определяет порядок."
    )
    assert facts.kind == "regulation"
    assert (facts.date, facts.number) == (datetime.date(2020, 12, 29), "887/11")


def test_a_heading_glued_under_the_stamp_is_the_documents_own():
    """Extraction joined the letterhead, the stamp and the title into one line."""
    facts = classify_document(
        "Муниципальное автономное общеобразовательное учреждение «Средняя школа № 4» "
        "СОГЛАСОВАНО УТВЕРЖДЕНО педагогическим советом приказом директора протокол от "
        "20.06.2022 № 11 от 05.05.2022 № 35 Положение о Школе молодого педагога "
        "1. Общие положения 1.1. Школа молодого педагога — форма наставничества молодых "
        "специалистов. 1.2. Наставник помогает молодому педагогу освоить профессию."
    )
    assert facts.kind == "regulation"
    assert facts.title.startswith("Положение о Школе молодого педагога")


def test_a_sentence_about_a_programme_is_no_heading():
    facts = classify_document(
        "Наставничество в школе. Приказ директора определил кураторов. Программа "
        "наставничества поможет создать сообщество педагогов, обучающихся и родителей, "
        "наставники и наставляемые работают в парах по целевой модели наставничества."
    )
    assert facts.kind != "program"


def test_a_ministrys_order_for_the_regions_schools_stays_the_ministrys():
    facts = classify_document(
        "МИНИСТЕРСТВО ОБРАЗОВАНИЯ ОМСКОЙ ОБЛАСТИ\nПРИКАЗ\n01.09.2025 № 1200\n"
        "О внедрении целевой модели наставничества в общеобразовательных организациях\n"
        "ПРИКАЗЫВАЮ:\n1. Внедрить целевую модель наставничества.\nМинистр"
    )
    assert (facts.kind, facts.issuer) == ("order_implementation", "regional")


def test_an_annex_to_a_letter_takes_the_letters_date_number_and_author():
    """heldout24: the federal recommendations a school posts, marked as the letter's annex."""
    facts = classify_document(
        "Приложение к письму Минпросвещения России от 21.12.2021 № АЗ-1128/08\n"
        "Методические рекомендации по разработке и внедрению системы (целевой модели) "
        "наставничества педагогических работников в образовательных организациях\n"
        "I. Общие положения\n1. Настоящие методические рекомендации разработаны в целях "
        "оказания помощи в разработке и внедрении системы наставничества педагогических работников."
    )
    assert (facts.kind, facts.date, facts.number, facts.issuer) == (
        "methodology",
        datetime.date(2021, 12, 21),
        "АЗ-1128/08",
        "federal",
    )


def test_a_questionnaire_is_a_tool_of_monitoring_not_its_results():
    """heldout30: a blank questionnaire listed under «Мониторинг» is its tool, not results."""
    blank = classify_document(
        "Анкета наставника\nУважаемый коллега! Просим ответить на вопросы по итогам реализации "
        "программы наставничества.\n1. Оцените, насколько комфортно вам было работать с "
        "наставляемым.\n",
        title_hint="Мониторинг: анкета наставника",
    )
    results = classify_document(
        "Итоги анкеты наставников\nВ анкетировании приняли участие 12 наставников программы "
        "наставничества; 90 % удовлетворены работой наставнических пар.\n",
        title_hint="Итоги анкеты наставников",
    )
    # The form under a heading of the monitoring it serves is still the form; a report that
    # says how its survey was run is still the report.
    headed = classify_document(
        "Мониторинг эффективности программы наставничества\nАнкета наставника\nУважаемый "
        "коллега! Просим ответить на вопросы.\n1. Оцените работу с наставляемым.\n"
    )
    report = classify_document(
        "Мониторинг реализации целевой модели наставничества в 2023 году\nМониторинг проводился "
        "методом анкетирования: анкета наставника и анкета наставляемого.\nСформировано 12 "
        "наставнических пар.\n"
    )
    assert (blank.kind, results.kind) == ("methodology", "monitoring")
    assert (headed.kind, report.kind) == ("methodology", "monitoring")


@pytest.mark.parametrize(
    ("text", "kind", "date", "number"),
    [
        # heldout26: a DOCX справка dated only by its school year; the regional order it
        # follows, cited by a short name («МОиН»), is no stamp of its own.
        (
            "Информационная справка по итогам внутреннего мониторинга реализации целевой модели "
            "наставничества за 2023–2024 учебный год\nМониторинг проведён в соответствии с "
            "приказом МОиН УР № 581 от 08.04.2022 и приказом по школе.\nСформировано пар: 12.",
            "monitoring",
            None,
            None,
        ),
        # heldout26: the order the monitoring followed is its basis, not its date.
        (
            "ИНФОРМАЦИОННАЯ СПРАВКА\nпо итогам внутреннего мониторинга реализации целевой модели "
            "наставничества в 2023 году\n31.10.2023\nМониторинг проведён в соответствии с "
            "приказом МОиН УР № 581 от 08.04.2022 и приказом по школе.\nСформировано "
            "наставнических пар: 15, в том числе «учитель – учитель» – 5, «ученик – ученик» – 7.",
            "monitoring",
            datetime.date(2023, 10, 31),
            None,
        ),
        # heldout29: «Приказ о закреплении» in every row names the pairs' order, not the base's.
        (
            "База наставников и наставляемых МБОУ «Гимназия № 12» на 2023–2024 учебный год\n"
            "№ | ФИО наставника | Должность | Форма наставничества | ФИО наставляемого | Приказ\n"
            "1 | Арсеньева Г.П. | учитель | педагог – педагог | Бирюкова Д.С. | "
            "от 01.09.2023 № 201\n"
            "2 | Веденеев К.Л. | учитель | педагог – педагог | Гусев А.И. | от 01.09.2023 № 201",
            "mentor_base",
            None,
            None,
        ),
        # heldout32: the page's heading «ПРИКАЗ» above the letterhead, the order's own
        # «ПРИКАЗ / от … № …» below it.
        (
            "ПРИКАЗ\n\nМБОУ «Белоозерская СОШ»\n\nр.п. Тевриз, Омская область\n\nПРИКАЗ\n\n"
            "от 05.02.2024 № 48\n\nО внедрении системы (целевой модели) наставничества "
            "педагогических работников\n\nВ соответствии с письмом Минпросвещения России от "
            "21.12.2021 № АЗ-1128/08\n\nПРИКАЗЫВАЮ:\n\n1. Внедрить систему наставничества "
            "педагогических работников.",
            "order_implementation",
            datetime.date(2024, 2, 5),
            "48",
        ),
        # heldout34: federal recommendations dated by the bracketed line under their title.
        (
            "Министерство просвещения Российской Федерации\nМЕТОДИЧЕСКИЕ РЕКОМЕНДАЦИИ\nпо "
            "внедрению методологии (целевой модели) наставничества обучающихся\n(приложение к "
            "письму Минпросвещения России от 23.01.2020 № МР-42/02)\n1. Общие положения. "
            "Формы наставничества: «ученик – ученик», «учитель – ученик».",
            "methodology",
            datetime.date(2020, 1, 23),
            "МР-42/02",
        ),
    ],
    ids=[
        "undated-report",
        "report-basis",
        "base-pairs-column",
        "order-under-page-heading",
        "bracketed-annex-line",
    ],
)
def test_date_and_number_are_the_documents_own_not_a_cited_acts(text, kind, date, number):
    facts = classify_document(text)
    assert (facts.kind, facts.date, facts.number) == (kind, date, number)
