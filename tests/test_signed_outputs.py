"""Outputs a methodologist signs without editing: the letters' requisites and wording, the
справка's requisites, one severity policy and one value for each figure. A store built here
from the one of test_reports; PDFs printed once by headless Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pdfplumber
import pytest
from docx import Document
from test_dashboard import browser  # noqa: F401 - headless Chromium, one per test
from test_reports import LETTERHEAD, RUN_ID, _build_store

from audit_rules import ProfileError, load_profile
from audit_rules.messages import SEVERITY_POLICY_TEXT
from cmn_audit.history.runs import list_runs
from cmn_audit.history.text import render_runs
from crawler.chromium import chromium_path
from reports.messages import LETTER_TEXT, LETTER_TITLE, REFERENCE_TEXT
from reports.model import Letterhead, ReferenceSettings
from reports.writer import write_reports

CENTRE = Letterhead(
    **{
        **LETTERHEAD.__dict__,
        "executor_name": "Примерова Анна Сергеевна",
        "executor_phone": "+7 (000) 000-00-01",
    }
)
REFERENCE = ReferenceSettings(
    number="01-15/141",
    basis="план работы МКУ «ИМЦ» на 2022 год, п. 3.4",
    checked_by="методист МКУ «ИМЦ» Примерова А. С.",
)
# A title that ran into the order's first line, and quotes within quotes.
RUN_IN = (
    "Приказ «О внедрении целевой модели наставничества обучающихся и педагогических работников "
    "в МКОУ «Слободчиковская СОШ» на 2022–2024 учебные годы Во исполнение распоряжения "
    "Министерства просвещения Российской Федерации от»"
)
PRINTED = (
    "Приказ «О внедрении целевой модели наставничества обучающихся и педагогических работников "
    "в МКОУ „Слободчиковская СОШ“ на 2022–2024 учебные годы»"
)
EXPIRED = {
    "code": "roadmap_expired",
    "title": "Срок дорожной карты истёк к дате проверки",
    "detail": "дорожная карта рассчитана на 2020–2021 гг., проверка проведена 26.10.2022",
}
VISITED = [  # sch4 has no section: what the crawler read looking for it
    ("http://btav.example.ru/", "home"),
    ("http://btav.example.ru/metod", "menu"),
    ("http://btav.example.ru/o-shkole", "menu"),
    ("http://btav.example.ru/sitemap.xml", "sitemap"),
]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    base = tmp_path_factory.mktemp("signed")
    con = _build_store(base / "store.duckdb")
    con.execute("UPDATE documents SET title = ? WHERE url LIKE '%prikaz.pdf'", [RUN_IN])
    con.execute("UPDATE documents SET problems = NULL")
    # The news criterion is recommended: advice, never scored (audit_rules SEVERITY_POLICY).
    con.execute(
        "UPDATE run_rules SET severity = 'recommended', counted = FALSE WHERE rule_id = 'news'"
    )
    con.execute(
        "UPDATE organisations SET short_name = 'МБОУ «Берёзовская СОШ»' WHERE org_id = 'sch1'"
    )
    con.execute(
        "UPDATE rule_results SET evidence = ['http://orekh.example.ru/nast/'] "
        "WHERE org_id = 'sch1' AND rule_id = 'section'"
    )
    for n, period in enumerate(("students", "teachers")):
        con.execute(
            "INSERT INTO documents (run_id, org_id, url, link_text, fetch_status, extract_status, "
            "text_source, kind, audience, title, problems) VALUES (?, 'sch1', ?, 'Дорожная карта', "
            "'ok', 'ok', 'text', 'roadmap', ?, ?, ?)",
            [
                RUN_ID,
                f"http://orekh.example.ru/nast/dk{n}.pdf",
                period,
                f"Дорожная карта {n + 1}",
                json.dumps([EXPIRED], ensure_ascii=False),
            ],
        )
    for url, purpose in VISITED:
        con.execute(
            "INSERT INTO fetches (run_id, org_id, url, outcome, purpose) "
            "VALUES (?, 'sch4', ?, 'ok', ?)",
            [RUN_ID, url, purpose],
        )
    con.executemany(
        "INSERT INTO run_levels VALUES (?, ?, ?, ?)",
        [
            (RUN_ID, "compliant", "соответствует", 90),
            (RUN_ID, "partial", "частично соответствует", 50),
            (RUN_ID, "non_compliant", "не соответствует", 0),
        ],
    )
    paths = write_reports(
        con,
        RUN_ID,
        base / "out",
        CENTRE,
        reference=REFERENCE,
        pdf=False,
        formats=("html", "docx", "dashboard"),
    )
    yield con, paths
    con.close()


def _letter(paths, org_id: str) -> str:
    return next(p for p in paths.letters_html if p.stem == org_id).read_text(encoding="utf-8")


def _text(html: str) -> str:
    """The page's text as read: elements apart, single spaces."""
    tree = lxml.html.fromstring(html.replace("<br>", " "))
    for skipped in tree.xpath("//style|//script|//title"):
        skipped.drop_tree()
    return " ".join(" ".join(tree.itertext()).split())


def test_a_letter_names_documents_by_their_whole_title_quotes_within_quotes(outputs):
    _, paths = outputs
    text = _text(_letter(paths, "sch2"))
    assert PRINTED in text
    assert "Во исполнение" not in text and "…" not in text


def test_a_letter_has_its_subject_signature_and_executor(outputs):
    _, paths = outputs
    tree = lxml.html.fromstring(_letter(paths, "sch2"))
    author = " ".join(tree.xpath('//div[@class="author"]')[0].text_content().split())
    assert author.endswith(f"Исх. № 2 от 26.10.2022 {LETTER_TITLE}")  # «О …» under the number
    assert LETTER_TITLE.startswith("Об ")
    signature = _text(lxml.html.tostring(tree.xpath('//div[@class="signature"]')[0], encoding=str))
    assert signature == f"{CENTRE.signatory_post} {CENTRE.name} {CENTRE.signatory_name}"
    executor = tree.xpath('//p[@class="executor"]')[0].text_content()
    assert "Исполнитель: Примерова Анна Сергеевна" in executor and "+7 (000) 000-00-01" in executor
    docx = Document(str(next(p for p in paths.letters_docx if p.stem == "sch2")))
    lines = [p.text for p in docx.paragraphs]
    assert f"{CENTRE.signatory_post}\n{CENTRE.name}\t{CENTRE.signatory_name}" in lines
    assert "Исполнитель: Примерова Анна Сергеевна" in lines
    cell = docx.tables[0].rows[0].cells[0].paragraphs[-1].text
    assert cell == LETTER_TITLE


def test_a_section_is_not_named_twice_in_one_line(outputs):
    _, paths = outputs
    tree = lxml.html.fromstring(_letter(paths, "sch1"))
    first = " ".join(tree.xpath('//ul[@class="found"]/li')[0].text_content().split())
    assert first == "Раздел «Наставничество» на сайте — orekh.example.ru/nast"


def test_one_severity_policy_for_score_letter_reference_and_dashboard(outputs):
    _, paths = outputs
    tree = lxml.html.fromstring(_letter(paths, "sch4"))
    assert tree.xpath('//ul[@class="advised"]/li[@data-rule-id="news"]')
    assert not tree.xpath('//table[@class="missing"]//tr[@data-rule-id="news"]')
    assert LETTER_TEXT["advised"] in tree.text_content()
    reference = paths.reference_html.read_text(encoding="utf-8")
    assert SEVERITY_POLICY_TEXT in _text(reference)
    news_row = lxml.html.fromstring(reference).xpath('//tr[@data-rule-id="news"]')[0]
    assert REFERENCE_TEXT["advised_mark"] in news_row.text_content()
    school = paths.dashboard.parent / "schools" / "sch4.html"
    assert REFERENCE_TEXT["advised_mark"] in school.read_text(encoding="utf-8")
    # The score: a recommended criterion is never counted, whatever the profile says.
    assert not load_profile("ust_ishim_2022").rule("UI-13").counted


def test_a_profile_scoring_a_recommended_rule_is_refused(tmp_path):
    source = Path(__file__).parents[1] / "audit_rules" / "profiles" / "ust_ishim_2022.toml"
    text = source.read_text(encoding="utf-8").replace(
        'severity = "recommended"\n', 'severity = "recommended"\ncounted = true\n'
    )
    (tmp_path / "mine.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match="counted = true противоречит обязательности"):
        load_profile(str(tmp_path / "mine.toml"))


def test_a_compliant_letter_states_a_repeated_remark_once_and_thanks_no_system_work(outputs):
    _, paths = outputs
    text = _text(_letter(paths, "sch1"))
    assert text.count(EXPIRED["title"]) == 1
    assert re.search(r"Дорожная карта 1 ?; Дорожная карта 2 — Срок дорожной карты истёк", text)
    assert LETTER_TEXT["acknowledgement_with_remarks"] in text
    assert "Благодарим за системную работу" not in text


def test_a_school_without_a_section_is_told_every_page_read(outputs):
    _, paths = outputs
    tree = lxml.html.fromstring(_letter(paths, "sch4"))
    pages = [
        " ".join(li.text_content().split()) for li in tree.xpath('//ul[@class="candidates"]/li')
    ]
    assert pages == [
        "Главная страница — btav.example.ru",
        "Методическая работа — btav.example.ru/metod",
        "Пункт меню — btav.example.ru/o-shkole",
        "Карта сайта — btav.example.ru/sitemap.xml",
        "Педагогам — btav.example.ru/pedagogam",
    ]


def test_the_reference_carries_its_requisites_and_no_internal_ids(outputs):
    _, paths = outputs
    html = paths.reference_html.read_text(encoding="utf-8")
    text = _text(html)
    for expected in (
        "Дата и номер справки 26.10.2022 № 01-15/141",
        "Дата проведения мониторинга 26 октября 2022 г.",
        "Мониторинг провёл методист МКУ «ИМЦ» Примерова А. С.",
        "Основание проведения мониторинга: план работы МКУ «ИМЦ» на 2022 год, п. 3.4.",
        f"Цель мониторинга: {REFERENCE_TEXT['purpose']}.",
        "«соответствует» — 90 % и более; «частично соответствует» — от 50 % до 90 %; "
        "«не соответствует» — менее 50 %",
        "Критерии мониторинга установлены документами: Письмо МКУ «ИМЦ в сфере образования» № 62",
    ):
        assert expected.replace(" %", "\u00a0%") in text or expected in text, expected
    for internal in ("ust_ishim_2022", "версия", RUN_ID):
        assert internal not in text, internal


def test_one_value_for_each_figure_in_the_reference_dashboard_and_history(outputs):
    con, paths = outputs
    reference = _text(paths.reference_html.read_text(encoding="utf-8"))
    dashboard = lxml.html.fromstring(paths.dashboard.read_text(encoding="utf-8"))
    # Sites: 3 of 4 answered; sections: 2 of those 3.
    assert "Раздел «Наставничество» создан в 2 из 3 образовательных организаций" in reference
    sections = dashboard.xpath('//span[@data-figure="sections-found"]')[0]
    assert (sections.text, sections.getnext().text) == ("2", "из 3 доступных сайтов")
    # The share of compliant schools: one of the three whose materials could be checked.
    share = "33,3\u00a0%"
    levels = lxml.html.fromstring(paths.reference_html.read_text(encoding="utf-8"))
    row = levels.xpath('//tr[@data-level="compliant"]')[0]
    assert row.xpath("td")[2].text == share
    assert dashboard.xpath('//small[@data-figure="level-share-compliant"]')[0].text == share
    assert share in render_runs(list_runs(con))


@pytest.mark.browser
def test_printed_words_are_never_cut_and_pages_are_numbered(outputs, tmp_path):
    if chromium_path() is None:
        pytest.skip("Chromium is not installed")
    con, _ = outputs
    printed = write_reports(
        con, RUN_ID, tmp_path / "pdf", CENTRE, reference=REFERENCE, formats=("pdf",)
    )
    assert printed.pdf_problem is None
    for pdf in printed.pdfs:
        html = pdf.with_suffix(".html").read_text(encoding="utf-8")
        words = set(re.findall(r"[А-Яа-яЁё]+", _text(html)))
        with pdfplumber.open(pdf) as document:
            for number, page in enumerate(document.pages, start=1):
                lines = [line for line in (page.extract_text() or "").splitlines() if line.strip()]
                assert lines[-1].strip() == str(number), (pdf.name, number)  # its page number
                found = set(re.findall(r"[А-Яа-яЁё]+", "\n".join(lines)))
                # A chart's vertical axis title reads backwards; it is not a cut word.
                cut = {word for word in found - words if word[::-1] not in words}
                assert not cut, (pdf.name, number, sorted(cut))


def test_evidence_marks_are_listed_with_their_addresses_for_paper(outputs):
    _, paths = outputs
    tree = lxml.html.fromstring(paths.reference_html.read_text(encoding="utf-8"))
    note = tree.xpath('//div[@class="page-start"]/p[@class="note"]')[0].text_content()
    assert f"в приложении «{REFERENCE_TEXT['appendix']}»" in note
    heading = tree.xpath('//section[contains(@class, "appendix")]/h3[@data-org-id="sch2"]')[0]
    listed = _text(lxml.html.tostring(heading.getnext(), encoding=str))
    assert f"Критерий 2 1) {PRINTED} — http://slob.example.ru/files/prikaz.pdf" in listed


def test_the_criteria_column_is_the_widest_on_paper(outputs, browser):  # noqa: F811
    _, paths = outputs
    page = browser.new_page()
    page.emulate_media(media="print")
    page.goto(paths.reference_html.as_uri())
    table = page.locator("table.criteria").bounding_box()
    column = page.locator("table.criteria td.criterion").first.bounding_box()
    assert column["width"] >= 0.45 * table["width"]
