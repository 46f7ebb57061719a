"""Reports from a real DuckDB run: results.json, reference, letters (HTML/DOCX), CSV."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import duckdb
import jsonschema
import openpyxl
import pytest
from docx import Document
from support import TableRows

from cmn_audit.store import schema_sql
from reports.exports.trends import Sheet, write_trend_csv, write_trend_workbook
from reports.model import Letterhead
from reports.results import RunNotFoundError, build_results
from reports.russian import ORGANISATION, organisations, plural
from reports.writer import write_reports

ROOT = Path(__file__).resolve().parents[1]
RUN_ID = "20221026-090000"
DEADLINE = dt.date(2022, 11, 10)
SCRIPT = "<script>alert(1)</script>"
LETTERHEAD = Letterhead(
    name="МКУ «Информационно-методический центр в сфере образования»",
    address="646580, Омская область, с. Усть-Ишим, ул. Горького, 30",
    phone="(838150) 2-19-77",
    email="imc@example.ru",
    signatory_name="М. А. Черкасова",
    signatory_post="Директор",
)

SOURCE = ("let62", "Письмо МКУ «ИМЦ в сфере образования» № 62 от 26.10.2022")
# rule_id, title, section, severity, counted, recommendation
RULES = [
    (
        "section",
        "Раздел «Наставничество» на сайте",
        "Раздел",
        "required",
        True,
        "Создать на сайте раздел «Наставничество».",
    ),
    (
        "order_impl",
        "Приказы о внедрении ЦМН обучающихся и педагогических работников",
        "Нормативно-правовое обеспечение",
        "required",
        True,
        "Разместить приказы о внедрении ЦМН обучающихся и педагогических работников.",
    ),
    (
        "regulation",
        "Положения о реализации ЦМН обучающихся и педагогических работников",
        "Нормативно-правовое обеспечение",
        "required",
        True,
        "Разместить положения о реализации ЦМН.",
    ),
    (
        "roadmap",
        "План реализации (дорожная карта) ЦМН",
        "Нормативно-правовое обеспечение",
        "required",
        True,
        "Разместить план реализации (дорожную карту) ЦМН на текущий период.",
    ),
    (
        "order_pairs",
        "Приказы о закреплении наставнических пар/групп",
        "Нормативно-правовое обеспечение",
        "optional",
        False,
        "Разместить приказы о закреплении наставнических пар (групп).",
    ),
    (
        "programs",
        "Программы наставничества обучающихся и педагогических работников",
        "Наставнические практики, мероприятия",
        "required",
        True,
        "Разместить программы наставничества обучающихся и педагогических работников.",
    ),
    (
        "news",
        "Новости и анонсы мероприятий в рамках реализации ЦМН",
        "Наставнические практики, мероприятия",
        "required",
        True,
        "Публиковать новости и анонсы мероприятий по реализации ЦМН.",
    ),
]
ORGS = {
    "sch1": (
        "Муниципальное бюджетное общеобразовательное учреждение «Ореховская СОШ»",
        "МБОУ «Ореховская СОШ»",
        "http://orekh.example.ru/",
        "Петрова Анна Ивановна",
    ),
    "sch2": (
        "Муниципальное казённое общеобразовательное учреждение «Слободчиковская СОШ»",
        "МКОУ «Слободчиковская СОШ»",
        "http://slob.example.ru/",
        "Сидоров Иван Петрович",
    ),
    "sch3": (
        "Муниципальное бюджетное общеобразовательное учреждение «Ярковская ООШ»",
        "МБОУ «Ярковская ООШ»",
        "http://yark.example.ru/",
        "Кузнецова Ольга Павловна",
    ),
    "sch4": (
        "Муниципальное казённое общеобразовательное учреждение «Большетавинская СОШ»",
        "МКОУ «Большетавинская СОШ»",
        "http://btav.example.ru/",
        "Иванов Пётр Сергеевич",
    ),
}
# org → rule → (outcome, evidence, note)
OUTCOMES = {
    "sch1": {
        rule[0]: ("pass", [f"http://orekh.example.ru/nast/{rule[0]}.pdf"], None) for rule in RULES
    },
    "sch2": {
        "section": ("pass", ["http://slob.example.ru/nastavnichestvo"], None),
        "order_impl": ("pass", ["http://slob.example.ru/files/prikaz.pdf"], None),
        "regulation": (
            "pass",
            ["http://slob.example.ru/files/polozhenie.pdf", "javascript:alert(2)"],
            None,
        ),
        "roadmap": ("fail", [], None),
        "order_pairs": ("fail", [], None),
        "programs": ("fail", [], None),
        "news": (
            "not_checked",
            ["http://slob.example.ru/files/news.pdf"],
            "Файл новостей не удалось прочитать.",
        ),
    },
    "sch3": {
        rule[0]: ("not_checked", [], "Сайт был недоступен во время мониторинга.") for rule in RULES
    },
    "sch4": {rule[0]: ("fail", [], None) for rule in RULES},
}
SCORES = {
    "sch1": (100.0, "compliant", 6, 0, 0),
    "sch2": (60.0, "partial", 3, 2, 1),
    "sch3": (None, "not_checked", 0, 0, 6),
    "sch4": (0.0, "non_compliant", 0, 6, 0),
}


def _build_store(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    con.execute(schema_sql())
    con.execute(
        "INSERT INTO runs (run_id, started_at, finished_at, audit_date, profile_id, "
        "profile_version, municipality, registry_path, status) "
        "VALUES (?, ?, ?, ?, 'ust_ishim_2022', '1', "
        "'Усть-Ишимский муниципальный район', 'seeds/ust_ishim.csv', 'complete')",
        [
            RUN_ID,
            dt.datetime(2022, 10, 26, 9),
            dt.datetime(2022, 10, 26, 9, 7),
            dt.date(2022, 10, 26),
        ],
    )
    for position, (rule_id, title, section, severity, counted, rec) in enumerate(RULES):
        con.execute(
            "INSERT INTO run_rules (run_id, rule_id, position, title, section, severity, counted, "
            "weight, recommendation, source_id, source_title, source_quote) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 1.0, ?, ?, ?, ?)",
            [
                RUN_ID,
                rule_id,
                position,
                title,
                section,
                severity,
                counted,
                rec,
                *SOURCE,
                "Рекомендуем наполнить раздел «Наставничество» следующим содержанием",
            ],
        )
    for org_id, (name, short, site, head) in ORGS.items():
        con.execute(
            "INSERT INTO organisations VALUES (?, ?, ?, ?, 'school', ?, ?, ?, "
            "'Усть-Ишимский муниципальный район', NULL)",
            [RUN_ID, org_id, name, short, site, f"{org_id}@example.ru", head],
        )
    con.execute(
        "INSERT INTO sites VALUES "
        "(?, 'sch1', 'ok', NULL, 'http://orekh.example.ru/', TRUE, "
        " 'http://orekh.example.ru/nast/', 'Наставничество', '[]', 12),"
        "(?, 'sch2', 'ok', NULL, 'http://slob.example.ru/', TRUE, "
        " 'http://slob.example.ru/nastavnichestvo', ?, '[]', 9),"
        "(?, 'sch3', 'unreachable', 'timeout', NULL, FALSE, NULL, NULL, NULL, 0),"
        "(?, 'sch4', 'ok', NULL, 'http://btav.example.ru/', FALSE, NULL, NULL, ?, 5)",
        [
            RUN_ID,
            RUN_ID,
            f"Наставничество {SCRIPT}",
            RUN_ID,
            RUN_ID,
            json.dumps(
                [
                    {
                        "url": "http://btav.example.ru/metod",
                        "text": "Методическая работа",
                        "score": 0.4,
                    },
                    {"url": "http://btav.example.ru/pedagogam", "text": "Педагогам", "score": 0.2},
                ],
                ensure_ascii=False,
            ),
        ],
    )
    con.execute(
        "INSERT INTO documents (run_id, org_id, url, link_text, found_on, sha256, content_type, "
        "file_ext, size, fetch_status, http_status, extract_status, extract_error, text_source, "
        "kind, audience, title, doc_date, doc_number, period_start, period_end, confidence, "
        "reasons) VALUES "
        "(?, 'sch2', 'http://slob.example.ru/files/prikaz.pdf', 'Приказ о внедрении ЦМН', "
        " 'http://slob.example.ru/nastavnichestvo', 'ab', 'application/pdf', 'pdf', 1200, "
        " 'ok', 200, 'ok', NULL, 'text', 'order_implementation', 'both', ?, "
        " DATE '2022-09-01', '41-од', NULL, NULL, 0.9, ['title']),"
        "(?, 'sch2', 'http://slob.example.ru/files/polozhenie.pdf', 'Положение', "
        " 'http://slob.example.ru/nastavnichestvo', 'cd', 'application/pdf', 'pdf', 900, "
        " 'ok', 200, 'ok', NULL, 'ocr', 'regulation', 'teachers', "
        " 'Положение о системе наставничества', NULL, NULL, NULL, NULL, 0.8, []),"
        "(?, 'sch2', 'http://slob.example.ru/files/news.pdf', 'Новости', "
        " 'http://slob.example.ru/nastavnichestvo', NULL, NULL, 'pdf', NULL, "
        " 'timeout', NULL, 'not_downloaded', NULL, 'none', 'other_mentorship', 'unknown', "
        " NULL, NULL, NULL, NULL, NULL, NULL, [])",
        [RUN_ID, f"Приказ о внедрении {SCRIPT}", RUN_ID, RUN_ID],
    )
    con.execute(
        "UPDATE documents SET problems = ? WHERE url LIKE '%prikaz.pdf'",
        [
            json.dumps(
                [
                    {
                        "code": "federal_act_wrong_date",
                        "title": "Федеральный документ указан с неверной датой",
                        "detail": "Р-145: указано «от 25.12.2020»",
                    }
                ],
                ensure_ascii=False,
            )
        ],
    )
    con.execute(
        "INSERT INTO news (run_id, org_id, url, news_date, title, text, is_mentorship, audience)"
        " VALUES (?, 'sch1', 'http://orekh.example.ru/news/1', "
        "DATE '2022-10-01', 'Встреча наставников', 'текст', TRUE, 'teachers')",
        [RUN_ID],
    )
    con.execute(
        "INSERT INTO links VALUES (?, 'sch2', 'http://slob.example.ru/nastavnichestvo', "
        "'javascript:alert(2)', ?, FALSE, FALSE)",
        [RUN_ID, f"Ссылка {SCRIPT}"],
    )
    for org_id, rules in OUTCOMES.items():
        for rule_id, (outcome, evidence, note) in rules.items():
            con.execute(
                "INSERT INTO rule_results (run_id, org_id, rule_id, outcome, evidence, note) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [RUN_ID, org_id, rule_id, outcome, evidence, note],
            )
    for org_id, row in SCORES.items():
        con.execute("INSERT INTO org_scores VALUES (?, ?, ?, ?, ?, ?, ?)", [RUN_ID, org_id, *row])
    return con


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    base = tmp_path_factory.mktemp("reports")
    con = _build_store(base / "store.duckdb")
    paths = write_reports(con, RUN_ID, base / "out", LETTERHEAD, deadline=DEADLINE)
    yield con, paths
    con.close()


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "образовательная организация"),
        (2, "образовательные организации"),
        (5, "образовательных организаций"),
        (11, "образовательных организаций"),
        (12, "образовательных организаций"),
        (14, "образовательных организаций"),
        (21, "образовательная организация"),
        (22, "образовательные организации"),
        (25, "образовательных организаций"),
        (111, "образовательных организаций"),
        (0, "образовательных организаций"),
    ],
)
def test_plural_agrees_with_number(n, expected):
    assert plural(n, ORGANISATION["nom"]) == expected
    assert organisations(n) == f"{n} {expected}"


def test_plural_in_oblique_cases():
    assert organisations(1, "gen") == "1 образовательной организации"
    assert organisations(21, "prep") == "21 образовательной организации"
    assert organisations(3, "prep") == "3 образовательных организациях"
    assert organisations(111, "dat") == "111 образовательным организациям"


def test_results_json_validates_against_schema(written):
    _, paths = written
    raw = paths.results_json.read_text(encoding="utf-8")
    assert "Ореховская" in raw  # written with ensure_ascii=False
    document = json.loads(raw)
    schema = json.loads((ROOT / "docs" / "results.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(document)
    counts = document["run"]["counts"]
    assert counts["organisations"] == 4
    assert counts["sites"] == {"ok": 3, "incomplete": 0, "unreachable": 1, "error": 0}
    assert counts["levels"] == {"compliant": 1, "partial": 1, "non_compliant": 1, "not_checked": 1}
    by_id = {org["org_id"]: org for org in document["organisations"]}
    assert by_id["sch4"]["section"]["candidates"][0]["url"] == "http://btav.example.ru/metod"
    documents = {doc["url"]: doc for doc in by_id["sch2"]["documents"]}
    assert documents["http://slob.example.ru/files/prikaz.pdf"]["date"] == "2022-09-01"
    assert documents["http://slob.example.ru/files/polozhenie.pdf"]["text_source"] == "ocr"
    assert [r["rule_id"] for r in by_id["sch2"]["results"]] == [rule[0] for rule in RULES]


def test_reference_counts_and_shares_match_results(written):
    _, paths = written
    document = json.loads(paths.results_json.read_text(encoding="utf-8"))
    parser = TableRows()
    parser.feed(paths.reference_html.read_text(encoding="utf-8"))
    assert set(parser.rows) == {rule[0] for rule in RULES}
    for rule_id, *_ in RULES:
        outcomes = [
            item["outcome"]
            for org in document["organisations"]
            for item in org["results"]
            if item["rule_id"] == rule_id
        ]
        passed, failed = outcomes.count("pass"), outcomes.count("fail")
        row, cells = parser.rows[rule_id], parser.cells[rule_id]
        assert int(row["data-passed"]) == passed
        assert int(row["data-failed"]) == failed
        assert int(row["data-not-checked"]) == outcomes.count("not_checked")
        expected = round(100 * passed / (passed + failed), 1)
        assert float(row["data-share"]) == expected
        visible = f"{expected:g}".replace(".", ",") + "\u00a0%"
        assert [cell.strip() for cell in cells[2:]] == [
            str(passed),
            str(failed),
            str(outcomes.count("not_checked")),
            visible,
        ]


def test_reference_conclusions_name_each_school_once(written):
    _, paths = written
    html = paths.reference_html.read_text(encoding="utf-8")
    conclusions = re.search(r'<ol class="conclusions">(.*?)</ol>', html, re.S).group(1)
    for _, short, _, _ in ORGS.values():
        assert conclusions.count(short.replace("«", "&laquo;")) + conclusions.count(short) == 1
    assert "Проверены официальные сайты 4 образовательных организаций." in conclusions
    assert "создан в 2 из 3 образовательных организаций" in conclusions
    assert "Аналитическая справка по итогам мониторинга" in html
    down_row = re.search(r'<tr data-org-id="sch3">(.*?)</tr>', html.split("matrix")[-1], re.S)
    assert "не проверено" in down_row.group(1) and "✗" not in down_row.group(1)
    assert SOURCE[1] in html
    assert "10.11.2022" in html


def test_letter_docx_lists_missing_items_and_head(written):
    _, paths = written
    path = next(p for p in paths.letters_docx if p.name == "sch2.docx")
    document = Document(str(path))
    text = _docx_text(path)
    assert "Сидорову И. П." in text  # the addressee block is in the dative
    assert "Уважаемый Иван Петрович!" in text
    assert "Руководителю МКОУ «Слободчиковская СОШ»" in text
    findings = next(t for t in document.tables if t.style.name == "Table Grid")
    missing = [row.cells[1].text for row in findings.rows[1:]]
    assert missing == [RULES[3][1], RULES[5][1]]
    assert RULES[3][5] in text and RULES[5][5] in text
    assert RULES[6][1] not in missing  # not checked is never a failure
    assert "Файл новостей не удалось прочитать." in text
    assert "не учитывается в оценке" in text
    headings = {p.text for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert {"Необходимо разместить", "Не удалось проверить"} <= headings
    assert "10.11.2022" in text


def test_letter_lists_remarks_on_documents(written):
    _, paths = written
    letters = {path.name: path for path in (*paths.letters_html, *paths.letters_docx)}
    html = letters["sch2.html"].read_text(encoding="utf-8")
    docx = _docx_text(letters["sch2.docx"])
    for text in (html, docx):
        assert "Замечания к размещённым документам" in text
        assert "Федеральный документ указан с неверной датой: Р-145" in text
    other = letters["sch1.html"].read_text(encoding="utf-8")
    assert "Замечания к размещённым документам" not in other


def test_site_down_letter_says_site_not_checked(written):
    _, paths = written
    text = _docx_text(next(p for p in paths.letters_docx if p.name == "sch3.docx"))
    html = next(p for p in paths.letters_html if p.name == "sch3.html").read_text("utf-8")
    for rendering in (text, html):
        assert "был недоступен" in rendering
        assert "Необходимо разместить" not in rendering
        assert RULES[1][5] not in rendering


def test_complete_and_no_section_letters(written):
    _, paths = written
    letters = {p.stem: p.read_text("utf-8") for p in paths.letters_html}
    assert set(letters) == set(ORGS)
    assert "Все материалы, предусмотренные критериями мониторинга" in letters["sch1"]
    assert "Необходимо разместить" not in letters["sch1"]
    assert "Раздел «Наставничество» на сайте не найден" in letters["sch4"]
    assert "http://btav.example.ru/metod" in letters["sch4"]
    assert RULES[0][5] in letters["sch4"]


def test_site_text_is_escaped_in_html(written):
    _, paths = written
    pages = [paths.reference_html.read_text("utf-8")]
    pages += [p.read_text("utf-8") for p in paths.letters_html if p.stem == "sch2"]
    for page in pages:
        assert "<script" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert 'href="javascript:' not in page


def test_csv_export_is_excel_friendly(written):
    _, paths = written
    raw = paths.csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert len(rows) == 1 + len(ORGS) * len(RULES)
    row = next(r for r in rows if r[0] == "sch2" and r[6] == "roadmap")
    record = dict(zip(rows[0], row, strict=True))
    assert record["outcome"] == "fail"
    assert record["Итоговый балл, %"] == "60"
    assert record["Уровень"] == "частично соответствует"


def test_unknown_run_is_refused(written):
    con, _ = written
    with pytest.raises(RunNotFoundError):
        build_results(con, "no-such-run")


def test_xlsx_export_has_typed_titled_sheets_with_the_results_figures(written):
    con, paths = written
    results = json.loads(paths.results_json.read_text("utf-8"))
    book = openpyxl.load_workbook(paths.xlsx)
    assert book.sheetnames == ["Сводка", "Критерии", "Школы и критерии", "Документы", "Замечания"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes in ("A2", "B2")
        assert sheet["A1"].font.bold
        # Filters on tables only: the key–value summary has none.
        assert bool(sheet.auto_filter.ref) == (sheet.title != "Сводка")
    summary = {row[0].value: row[1] for row in book["Сводка"].iter_rows(min_row=2)}
    assert summary["Дата проверки"].value == dt.datetime(2022, 10, 26)  # a date, not text
    assert summary["Дата проверки"].number_format == "DD.MM.YYYY"
    matrix = book["Школы и критерии"]
    header = [cell.value for cell in matrix[1]]
    titles = [f"{n}. {r['title']}" for n, r in enumerate(results["rules"], start=1)]
    assert header[:4] == ["Организация", "Адрес сайта", "Состояние сайта", "Раздел найден"]
    assert header[4 : 4 + len(titles)] == titles  # criteria titled, not coded
    rows = {row[0].value: row for row in matrix.iter_rows(min_row=2)}
    score_at = header.index("Балл, %")
    for org in results["organisations"]:
        row = rows[org["short_name"] or org["name"]]
        assert row[1].value == org["site_url"]
        score = row[score_at]
        expected = None if org["score"] is None else round(org["score"], 1)
        assert score.value == expected
        if expected is not None:
            assert isinstance(score.value, int | float) and score.number_format == "0.0"
    criteria = {row[0].value: row[2].value for row in book["Критерии"].iter_rows(min_row=2)}
    for n, rule in enumerate(results["rules"], start=1):
        passed = sum(
            1
            for org in results["organisations"]
            for item in org["results"]
            if item["rule_id"] == rule["rule_id"] and item["outcome"] == "pass"
        )
        assert criteria[f"{n}. {rule['title']}"] == passed
    documents = sum(len(org["documents"]) for org in results["organisations"])
    assert book["Документы"].max_row == 1 + documents
    cells = [str(c.value) for row in book["Документы"].iter_rows() for c in row if c.value]
    assert not any(value.startswith("=") for value in cells)


def test_one_school_in_one_format_keeps_the_letter_number(written, tmp_path):
    con, paths = written
    full = json.loads(paths.results_json.read_text(encoding="utf-8"))
    number = next(o["letter"] for o in full["organisations"] if o["org_id"] == "sch2")
    only = write_reports(
        con, RUN_ID, tmp_path, LETTERHEAD, deadline=DEADLINE, formats=("docx",), schools={"sch2"}
    )
    assert [p.name for p in only.letters_docx] == ["sch2.docx"]
    assert only.reference_html is None and only.xlsx is None and only.dashboard is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letters", "results.json"]
    assert sorted(p.name for p in (tmp_path / "letters").iterdir()) == ["sch2.docx"]
    again = json.loads(only.results_json.read_text(encoding="utf-8"))
    assert next(o["letter"] for o in again["organisations"] if o["org_id"] == "sch2") == number
    text = "\n".join(p.text for p in Document(only.letters_docx[0]).paragraphs)
    assert number["number"] in text


def test_without_chromium_pdfs_are_skipped_with_a_reason(written, tmp_path, monkeypatch):
    from reports.messages import PDF_NO_BROWSER

    con, _ = written
    monkeypatch.setenv("CMN_CHROMIUM", str(tmp_path / "no-such-browser"))
    paths = write_reports(con, RUN_ID, tmp_path / "out", LETTERHEAD, formats=("pdf", "docx"))
    assert paths.pdfs == () and paths.pdf_problem == PDF_NO_BROWSER
    assert paths.reference_docx.is_file() and len(paths.letters_docx) == len(ORGS)


def test_trend_tables_are_written_for_excel(tmp_path):
    """`cmn-audit trends`' files: dates and decimal commas in the CSV, typed cells in the
    workbook, outcome labels coloured, text from sites never a formula."""
    header = ("Дата", "Организация", "Итог", "outcome", "Балл, %")
    rows = [
        [dt.date(2026, 3, 2), "=HYPERLINK(1)", "выполнено", "pass", 87.5],
        [dt.date(2026, 4, 20), "Школа", "не проверено", "not_checked", None],
    ]
    csv_path = write_trend_csv(header, rows, tmp_path / "trends.csv")
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[1] == "02.03.2026;'=HYPERLINK(1);выполнено;pass;87,5"
    assert lines[2] == "20.04.2026;Школа;не проверено;not_checked;"
    sheets = [Sheet("Школы", header, rows, outcome_column=3), Sheet("Пусто", ("Запуск",), [])]
    book = openpyxl.load_workbook(write_trend_workbook(sheets, tmp_path / "trends.xlsx"))
    assert book.sheetnames == ["Школы", "Пусто"]
    sheet = book["Школы"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert sheet["A2"].value.date() == dt.date(2026, 3, 2) and sheet["B2"].value == "'=HYPERLINK(1)"
    assert sheet["C2"].fill.fgColor.rgb.endswith("D8F0D8") and sheet["E2"].value == 87.5
