"""The analytic reference in HTML, DOCX and PDF: figures, charts, trend and Russian wording."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from support import TableRows

from cmn_audit.store import schema_sql
from crawler.understand.checks import CHECKS
from reports.context import display_name
from reports.history.runs import municipal_history
from reports.messages import CHART_TEXT, LEVEL_LABELS, REFERENCE_TEXT
from reports.model import Letterhead
from reports.reference import charts
from reports.reference.charts import draw_charts
from reports.reference.context import build_reference_context
from reports.reference.docx import write_reference_docx
from reports.reference.html import render_reference
from reports.results import build_results
from reports.russian import join_names
from reports.writer import write_reports

ROOT = Path(__file__).resolve().parents[1]
MUNICIPALITY = "Усть-Ишимский муниципальный район"
PROFILE = "ust_ishim_2022"
DEADLINE = dt.date(2022, 11, 10)
LETTERHEAD = Letterhead(
    name="МКУ «Информационно-методический центр в сфере образования»",
    address="646580, Омская область, с. Усть-Ишим, ул. Горького, 30",
    phone="(838150) 2-19-77",
    email="imc@example.ru",
    signatory_name="М. А. Черкасова",
    signatory_post="Директор",
)
# rule_id, title, section, counted
RULES = (
    ("section", "Раздел «Наставничество» на сайте", "Раздел", True),
    (
        "order_impl",
        "Приказы о внедрении ЦМН обучающихся и педагогических работников",
        "Нормативно-правовое обеспечение",
        True,
    ),
    ("roadmap", "План реализации (дорожная карта) ЦМН", "Нормативно-правовое обеспечение", True),
    (
        "order_pairs",
        "Приказы о закреплении наставнических пар (групп)",
        "Нормативно-правовое обеспечение",
        False,
    ),
    (
        "news",
        "Новости и анонсы мероприятий в рамках реализации ЦМН",
        "Наставнические практики, мероприятия",
        True,
    ),
)
OUTCOME_CODES = {"P": "pass", "F": "fail", "N": "not_checked"}
NAMES = {
    "sch1": "МБОУ «Ореховская СОШ»",
    "sch2": "МКОУ «Слободчиковская СОШ»",
    "sch3": "МБОУ «Ярковская ООШ»",
    "sch4": "МКОУ «Большетавинская СОШ»",
}


@dataclass(frozen=True)
class School:
    """One school in a stored run: outcomes as letters (P pass, F fail, N not checked)."""

    outcomes: str
    score: float | None
    level: str
    site_status: str = "ok"
    section: bool = True


EARLIER, RUN = "20220425-100000", "20221026-090000"
EARLIER_SCHOOLS = {
    "sch1": School("PPFFF", 50.0, "partial"),
    "sch2": School("PFFFF", 25.0, "non_compliant"),
    "sch3": School("FFFFF", 0.0, "non_compliant", section=False),
    "sch4": School("NNNNN", None, "not_checked", site_status="unreachable", section=False),
}
RUN_SCHOOLS = {
    "sch1": School("PPPPP", 100.0, "compliant"),
    "sch2": School("PPFFN", 66.7, "partial"),
    "sch3": School("NNNNN", None, "not_checked", site_status="unreachable", section=False),
    "sch4": School("FFFFF", 0.0, "non_compliant", section=False),
}
# Runs the trend of RUN must leave out: other schools (another municipality's registry codes),
# another profile, a later and a failed run.
OTHER_PLACE = "20220501-080000"
OTHER_SCHOOLS = {f"tara-{org_id}": school for org_id, school in RUN_SCHOOLS.items()}
OTHER_RUNS = (
    (OTHER_PLACE, dt.date(2022, 5, 1), {"municipality": "Тарский муниципальный район"}),
    ("20220601-080000", dt.date(2022, 6, 1), {"profile": "znamensky_2022"}),
    ("20220901-080000", dt.date(2022, 9, 1), {"status": "failed"}),
    ("20230110-080000", dt.date(2023, 1, 10), {}),
)


def _new_store(path: Path | str = ":memory:") -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    con.execute(schema_sql())
    return con


def add_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    audit_date: dt.date,
    schools: dict[str, School],
    *,
    municipality: str = MUNICIPALITY,
    profile: str = PROFILE,
    status: str = "complete",
    rules: tuple[tuple[str, str, str, bool], ...] = RULES,
    names: dict[str, str] | None = None,
) -> None:
    """Store a run with named columns only, so new schema columns keep their defaults."""
    started = dt.datetime.strptime(run_id, "%Y%m%d-%H%M%S")
    con.execute(
        "INSERT INTO runs (run_id, started_at, finished_at, audit_date, profile_id, "
        "profile_version, municipality, registry_path, status) "
        "VALUES (?, ?, ?, ?, ?, '1', ?, 'seeds/registry.csv', ?)",
        [run_id, started, started, audit_date, profile, municipality, status],
    )
    for position, (rule_id, title, section, counted) in enumerate(rules):
        con.execute(
            "INSERT INTO run_rules (run_id, rule_id, position, title, section, severity, counted, "
            "weight, recommendation, source_id, source_title, source_quote) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 1.0, ?, 'let62', "
            "'Письмо МКУ «ИМЦ в сфере образования» № 62 от 26.10.2022', 'цитата')",
            [
                run_id,
                rule_id,
                position,
                title,
                section,
                "required" if counted else "optional",
                counted,
                f"Разместить: {title}.",
            ],
        )
    for org_id, school in schools.items():
        name = (names or NAMES).get(org_id, f"МБОУ «Школа {org_id}»")
        site = f"http://{org_id}.example.ru/"
        con.execute(
            "INSERT INTO organisations (run_id, org_id, name, short_name, kind, site_url) "
            "VALUES (?, ?, ?, ?, 'school', ?)",
            [run_id, org_id, f"Муниципальное учреждение {name}", name, site],
        )
        con.execute(
            "INSERT INTO sites (run_id, org_id, site_status, site_error, home_url, section_found, "
            "section_url, section_title, candidates, pages_crawled) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'Наставничество', '[]', 3)",
            [
                run_id,
                org_id,
                school.site_status,
                None if school.site_status == "ok" else "timeout",
                site,
                school.section,
                f"{site}nast/" if school.section else None,
            ],
        )
        for (rule_id, *_), code in zip(rules, school.outcomes, strict=True):
            outcome = OUTCOME_CODES[code]
            evidence = [f"{site}nast/{rule_id}.pdf"] if outcome == "pass" else []
            con.execute(
                "INSERT INTO rule_results (run_id, org_id, rule_id, outcome, evidence, note) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [run_id, org_id, rule_id, outcome, evidence, None],
            )
        counted = [code for code, rule in zip(school.outcomes, rules, strict=True) if rule[3]]
        con.execute(
            "INSERT INTO org_scores (run_id, org_id, score, level, passed, failed, not_checked) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                org_id,
                school.score,
                school.level,
                counted.count("P"),
                counted.count("F"),
                counted.count("N"),
            ],
        )


def _main_store(path: Path) -> duckdb.DuckDBPyConnection:
    con = _new_store(path)
    add_run(con, EARLIER, dt.date(2022, 4, 25), EARLIER_SCHOOLS)
    add_run(con, RUN, dt.date(2022, 10, 26), RUN_SCHOOLS)
    for run_id, date, options in OTHER_RUNS:
        schools = OTHER_SCHOOLS if run_id == OTHER_PLACE else RUN_SCHOOLS
        add_run(con, run_id, date, schools, **options)
    return con


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """RUN with its earlier run (trend, PDF) and a run of another municipality (no trend)."""
    base = tmp_path_factory.mktemp("reference")
    con = _main_store(base / "store.duckdb")
    with_trend = write_reports(con, RUN, base / "trend", LETTERHEAD, deadline=DEADLINE)
    single = write_reports(con, OTHER_PLACE, base / "single", LETTERHEAD, pdf=False)
    yield con, with_trend, single
    con.close()


def _html_rows(html: str, key: str) -> tuple[dict[str, dict[str, str]], dict[str, list[str]]]:
    parser = TableRows(key)
    parser.feed(html)
    return parser.rows, {k: [c.strip() for c in v] for k, v in parser.cells.items()}


def _visible(value: float) -> str:
    """A share as the reference prints it, formatted here independently of reports.russian."""
    return f"{value:g}".replace(".", ",") + "\u00a0%"


def _expected(results: dict) -> tuple[dict[str, tuple[int, float | None]], dict[str, int]]:
    """Per rule (passed, share) and per level the count, straight from results.json."""
    per_rule = {}
    for rule in results["rules"]:
        outcomes = [
            item["outcome"]
            for org in results["organisations"]
            for item in org["results"]
            if item["rule_id"] == rule["rule_id"]
        ]
        passed, failed = outcomes.count("pass"), outcomes.count("fail")
        ratio = round(100 * passed / (passed + failed), 1) if passed + failed else None
        per_rule[rule["rule_id"]] = (passed, ratio)
    levels: dict[str, int] = {}
    for org in results["organisations"]:
        levels[org["level"]] = levels.get(org["level"], 0) + 1
    return per_rule, levels


def _docx_table(document, columns: tuple[str, ...]):
    for table in document.tables:
        if [cell.text for cell in table.rows[0].cells] == list(columns):
            return table
    raise AssertionError(f"no table headed {columns}")


def _results(paths) -> dict:
    return json.loads(paths.results_json.read_text(encoding="utf-8"))


def test_history_keeps_only_comparable_earlier_runs(reports):
    con, *_ = reports
    history = municipal_history(con, RUN)
    assert [run.run_id for run in history] == [EARLIER, RUN]
    assert [run.run_id for run in municipal_history(con, OTHER_PLACE)] == [OTHER_PLACE]
    assert [run.run_id for run in municipal_history(con, EARLIER)] == [EARLIER]
    for summary in history:
        results = build_results(con, summary.run_id)
        orgs = results["organisations"]
        checked = [o for o in orgs if o["level"] != "not_checked"]
        compliant = [o for o in orgs if o["level"] == "compliant"]
        scores = [o["score"] for o in orgs if o["score"] is not None]
        assert summary.schools == len(orgs)
        assert summary.levels == results["run"]["counts"]["levels"]
        assert summary.share_compliant == round(100 * len(compliant) / len(checked), 1)
        assert summary.mean_score == round(sum(scores) / len(scores), 1)
        per_rule, _ = _expected(results)
        shares = {item.rule_id: item.share for item in summary.criteria}
        assert shares == {rule: share for rule, (_, share) in per_rule.items()}
        assert results["history"][-1] == summary.record()
    assert build_results(con, RUN)["history"] == [summary.record() for summary in history]


def test_reference_html_figures_equal_results_json(reports):
    for paths in reports[1:]:
        results = _results(paths)
        per_rule, levels = _expected(results)
        html = paths.reference_html.read_text(encoding="utf-8")
        rows, cells = _html_rows(html, "data-rule-id")
        assert set(rows) == set(per_rule)
        for rule_id, (passed, share) in per_rule.items():
            assert int(rows[rule_id]["data-passed"]) == passed
            assert cells[rule_id][2] == str(passed)
            assert float(rows[rule_id]["data-share"]) == share
            assert cells[rule_id][5] == _visible(share)
        level_rows, level_cells = _html_rows(html, "data-level")
        for level, count in levels.items():
            assert int(level_rows[level]["data-count"]) == count
            assert level_cells[level][:2] == [LEVEL_LABELS[level], str(count)]
            # Shares of the schools whose materials could be checked, as `history` has them.
            checked = len(results["organisations"]) - levels.get("not_checked", 0)
            share = "—" if level == "not_checked" else _visible(round(100 * count / checked, 1))
            assert level_cells[level][2] == share
        assert sum(int(row["data-count"]) for row in level_rows.values()) == len(
            results["organisations"]
        )


def test_reference_docx_figures_equal_results_json(reports):
    for paths in reports[1:]:
        results = _results(paths)
        per_rule, levels = _expected(results)
        document = Document(str(paths.reference_docx))
        table = _docx_table(document, REFERENCE_TEXT["criteria_columns"])
        seen = set()
        for row in table.rows[1:]:
            cells = [cell.text for cell in row.cells]
            if not cells[0].isdigit():
                continue  # a group row: one merged cell with the section's name
            rule = results["rules"][int(cells[0]) - 1]
            passed, share = per_rule[rule["rule_id"]]
            assert cells[1].startswith(rule["title"])
            assert cells[2] == str(passed)
            assert cells[5] == _visible(share)
            seen.add(rule["rule_id"])
        assert seen == set(per_rule)
        table = _docx_table(document, REFERENCE_TEXT["levels_columns"])
        counted = {row.cells[0].text: row.cells[1].text for row in table.rows[1:]}
        for level, count in levels.items():
            assert counted[LEVEL_LABELS[level]] == str(count)
        assert counted[REFERENCE_TEXT["levels_total"]] == str(len(results["organisations"]))


def test_reference_docx_is_a_styled_word_document(reports):
    _, with_trend, single = reports
    document = Document(str(with_trend.reference_docx))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Caption", "List Number"} <= styles
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    fonts = normal.element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == fonts.get(qn("w:cs")) == "Times New Roman"
    title = next(p.text for p in document.paragraphs if p.style.name == "Title")
    assert title.startswith("Аналитическая справка по итогам мониторинга")
    # Pages numbered in the top margin from the second page on (ГОСТ Р 7.0.97-2016).
    first = document.sections[0]
    assert first.different_first_page_header_footer
    assert "PAGE" in first.header.paragraphs[0]._p.xml
    assert all(section.header.is_linked_to_previous for section in document.sections[1:])
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    html = with_trend.reference_html.read_text(encoding="utf-8")
    assert headings == re.findall(r"<h2>(.*?)</h2>", html)
    assert headings[4:7] == [
        "5. Динамика результатов",
        "6. Выполнение рекомендаций по итогам предыдущего мониторинга",
        "7. Выводы",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert LETTERHEAD.name in text and LETTERHEAD.signatory_name in text
    assert "Проверены официальные сайты 4 образовательных организаций." in text
    assert "10.11.2022" in text  # the deadline, in the recommendations
    # Conclusions and recommendations are two lists, each numbered from 1.
    lists = {p._p.pPr.numPr.numId.val for p in document.paragraphs if p.style.name == "List Number"}
    assert len(lists) == 2
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == [
        f"Рисунок 1. {CHART_TEXT['criteria']}",
        f"Рисунок 2. {CHART_TEXT['levels']}",
        f"Рисунок 3. {CHART_TEXT['trend']}",
        f"Рисунок 4. {CHART_TEXT['criteria_trend']}",
    ]
    assert len(document.inline_shapes) == 4
    matrix = _docx_table(
        document, ("№", "ОО", *(str(n) for n in range(1, len(RULES) + 1)), "Балл", "Уровень")
    )
    assert [row.cells[1].text for row in matrix.rows[1:]] == list(NAMES.values())
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in matrix.rows)
    assert matrix.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    down = matrix.rows[3].cells  # sch3: site down, one merged cell across the criteria
    assert down[2].text == down[2 + len(RULES) - 1].text
    assert down[2].text.startswith("не проверено: сайт недоступен")
    other = Document(str(single.reference_docx))
    assert len(other.inline_shapes) == 2


def test_reference_pdf_turns_into_png_pages(reports, tmp_path):
    _, paths, _ = reports
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm не установлен (пакет poppler-utils): PDF не проверить")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("браузер /usr/bin/chromium не установлен: PDF не печатаются")
    assert paths.pdf_problem is None
    pdf = paths.reference_html.with_suffix(".pdf")
    assert pdf in paths.pdfs and pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) >= 2  # the matrix starts a page of its own
    assert all(page.read_bytes().startswith(b"\x89PNG") for page in pages)
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Рисунок 3." in text
        assert CHART_TEXT["criteria_axis"] in text  # the inline SVG chart was printed as text


def test_trend_only_with_an_earlier_run_and_its_numbers_match(reports):
    con, with_trend, single = reports
    html = with_trend.reference_html.read_text(encoding="utf-8")
    rows, cells = _html_rows(html, "data-run-id")
    assert list(rows) == [EARLIER, RUN]
    for run_id in (EARLIER, RUN):
        orgs = build_results(con, run_id)["organisations"]
        checked = [o for o in orgs if o["level"] != "not_checked"]
        share = round(100 * sum(o["level"] == "compliant" for o in checked) / len(checked), 1)
        scores = [o["score"] for o in orgs if o["score"] is not None]
        mean = round(sum(scores) / len(scores), 1)
        assert float(rows[run_id]["data-share-compliant"]) == share
        assert float(rows[run_id]["data-mean-score"]) == mean
        assert cells[run_id][-2:] == [_visible(share), _visible(mean)]
    assert (cells[EARLIER][-2:], cells[RUN][-2:]) == (
        ["0\u00a0%", "25\u00a0%"],
        ["33,3\u00a0%", "55,6\u00a0%"],
    )
    svg = re.search(r'<figure class="chart" data-chart="trend">(.*?)</figure>', html, re.S).group(1)
    for label in (
        "25.04.2022",
        "26.10.2022",
        "0\u00a0%",
        "25\u00a0%",
        "33,3\u00a0%",
        "55,6\u00a0%",
    ):
        assert label in svg
    assert (
        "По сравнению с мониторингом, проведённым 25.04.2022 г., доля образовательных "
        "организаций, соответствующих требованиям, увеличилась с 0\u00a0% до 33,3\u00a0%; "
        "средний итоговый балл увеличился с 25\u00a0% до 55,6\u00a0%." in html
    )
    document = Document(str(with_trend.reference_docx))
    trend = _docx_table(document, REFERENCE_TEXT["trend_columns"])
    assert [[c.text for c in row.cells][::7] for row in trend.rows[1:]] == [
        ["25.04.2022", "25\u00a0%"],
        ["26.10.2022", "55,6\u00a0%"],
    ]
    other = single.reference_html.read_text(encoding="utf-8")
    assert 'data-chart="trend"' not in other and 'class="trend"' not in other
    assert "По сравнению с мониторингом" not in other
    assert "<h2>5. Выводы</h2>" in other and "<h2>7. Выводы</h2>" in html


def test_the_same_data_is_drawn_once(reports, monkeypatch):
    context = build_reference_context(_results(reports[1]), LETTERHEAD, DEADLINE)
    drawn: list[str] = []
    original = charts._render
    monkeypatch.setattr(charts, "_render", lambda figure: drawn.append("x") or original(figure))
    charts._DRAWN.clear()
    first = draw_charts(context)
    again = draw_charts(context)
    assert len(drawn) == len(first) == 4
    assert [(c.svg, c.png) for c in again] == [(c.svg, c.png) for c in first]


def test_charts_are_deterministic_and_captioned(reports):
    _, paths, _ = reports
    results = _results(paths)
    first = build_reference_context(results, LETTERHEAD, DEADLINE)
    charts._DRAWN.clear()  # drawn anew, not taken from this process's memo
    again = draw_charts(first)
    assert [c.key for c in first.charts] == ["criteria", "levels", "trend", "criteria_trend"]
    assert [(c.svg, c.png) for c in first.charts] == [(c.svg, c.png) for c in again]
    html = paths.reference_html.read_text(encoding="utf-8")
    for chart in first.charts:
        assert chart.png.startswith(b"\x89PNG")
        assert chart.svg.startswith("<svg") and chart.svg in html
        assert f"<figcaption>{chart.caption}</figcaption>" in html
        assert "<dc:date>" not in chart.svg
    criteria = first.chart("criteria").svg
    assert "66,7\u00a0% (2 из 3)" in criteria  # order_impl: sch1, sch2 pass; sch4 fails


def _agreement_results(compliant: int, partial: int = 0) -> dict:
    con = _new_store()
    schools = {f"s{n:02d}": School("PPPPP", 100.0, "compliant") for n in range(compliant)}
    schools |= {f"p{n:02d}": School("PPFFF", 50.0, "partial") for n in range(partial)}
    add_run(con, RUN, dt.date(2022, 10, 26), schools)
    return build_results(con, RUN)


@pytest.mark.parametrize(
    ("compliant", "partial", "expected"),
    [
        (1, 0, "Требованиям мониторинга соответствует 1 образовательная организация:"),
        (2, 0, "Требованиям мониторинга соответствуют 2 образовательные организации:"),
        (7, 0, "Требованиям мониторинга соответствуют 7 образовательных организаций:"),
        (21, 0, "Требованиям мониторинга соответствует 21 образовательная организация:"),
        (1, 2, "Частично соответствуют требованиям 2 образовательные организации:"),
        (11, 1, "Требованиям мониторинга соответствуют 11 образовательных организаций:"),
    ],
)
def test_conclusions_agree_in_number(compliant, partial, expected):
    results = _agreement_results(compliant, partial)
    context = build_reference_context(results, LETTERHEAD)
    text = " ".join(context.conclusions)
    assert expected in text
    total = compliant + partial
    if total == 21:
        assert "Проверены официальные сайты 21 образовательной организации." in text
        assert "создан в 21 из 21 образовательной организации" in text
    for org in results["organisations"]:
        name = org["short_name"]
        assert sum(sentence.count(name) for sentence in context.conclusions) == 1


def test_wide_matrix_gets_a_landscape_page(tmp_path):
    rules = tuple((f"r{n:02d}", f"Критерий номер {n}", "Раздел", True) for n in range(1, 13))
    con = _new_store()
    add_run(
        con,
        RUN,
        dt.date(2022, 10, 26),
        {"sch1": School("P" * 12, 100.0, "compliant"), "sch2": School("PF" * 6, 50.0, "partial")},
        rules=rules,
    )
    context = build_reference_context(build_results(con, RUN), LETTERHEAD)
    document = Document(str(write_reference_docx(context, tmp_path / "reference.docx")))
    orientations = [section.orientation for section in document.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    landscape = document.sections[1]
    assert landscape.page_width > landscape.page_height


def test_rescored_run_replaces_the_run_it_rejudged():
    con = _new_store()
    columns = {row[0] for row in con.execute("DESCRIBE runs").fetchall()}
    if "rescore_of" not in columns:
        pytest.skip("в схеме базы нет столбца runs.rescore_of: пересчёт запусков ещё не внедрён")
    add_run(con, EARLIER, dt.date(2022, 4, 25), EARLIER_SCHOOLS)
    add_run(con, "20220425-120000", dt.date(2022, 4, 25), RUN_SCHOOLS)
    con.execute("UPDATE runs SET rescore_of = ? WHERE run_id = '20220425-120000'", [EARLIER])
    add_run(con, RUN, dt.date(2022, 10, 26), RUN_SCHOOLS)
    assert [run.run_id for run in municipal_history(con, RUN)] == ["20220425-120000", RUN]
    assert [run.run_id for run in municipal_history(con, EARLIER)] == [EARLIER]


def test_methodologist_decisions_are_listed_under_the_matrix(tmp_path):
    con = _new_store()
    add_run(con, RUN, dt.date(2022, 10, 26), RUN_SCHOOLS)
    con.execute(
        "UPDATE rule_results SET overridden = TRUE, computed_outcome = 'fail', "
        "override_reason = 'приказ размещён в разделе «Документы»' "
        "WHERE run_id = ? AND org_id = 'sch4' AND rule_id = 'order_impl'",
        [RUN],
    )
    con.execute(
        "UPDATE rule_results SET outcome = 'pass' WHERE run_id = ? AND org_id = 'sch4' "
        "AND rule_id = 'order_impl'",
        [RUN],
    )
    context = build_reference_context(build_results(con, RUN), LETTERHEAD)
    item = (
        "МКОУ «Большетавинская СОШ», критерий 2 — выполнено: приказ размещён в разделе «Документы»"
    )
    assert context.decisions == (item,)
    html = render_reference(context)
    assert REFERENCE_TEXT["decision_note"] in html
    assert f"<li>{item}</li>" in html
    document = Document(str(write_reference_docx(context, tmp_path / "reference.docx")))
    assert item in [p.text for p in document.paragraphs]
    matrix = _docx_table(
        document, ("№", "ОО", *(str(n) for n in range(1, len(RULES) + 1)), "Балл", "Уровень")
    )
    assert matrix.rows[4].cells[3].text.startswith("✓†")


def test_document_slips_are_summed_for_the_municipality(tmp_path):
    """The letters' remarks on documents reach the справка: per slip, the schools that have it."""
    con = _new_store()
    add_run(con, RUN, dt.date(2022, 10, 26), RUN_SCHOOLS)
    results = build_results(con, RUN)
    expired = {"code": "roadmap_expired", "title": CHECKS["roadmap_expired"], "detail": "2020–2021"}
    citation = {
        "code": "federal_act_wrong_date",
        "title": CHECKS["federal_act_wrong_date"],
        "detail": "Р-145",
    }

    def document(kind: str, *problems: dict) -> dict:
        return {"kind": kind, "url": "https://s.ru/d.pdf", "problems": list(problems)}

    first, second, third = results["organisations"][:3]
    first["documents"] = [document("roadmap", expired), document("order_implementation", citation)]
    second["documents"] = [document("roadmap", expired), document("roadmap", expired)]
    # A look-alike's slips are not the school's: its document is not a mentorship one.
    third["documents"] = [document("not_mentorship", citation)]
    context = build_reference_context(results, LETTERHEAD)
    rows = [(row.title, row.schools, row.documents) for row in context.remarks]
    assert rows == [(CHECKS["roadmap_expired"], 2, 3), (CHECKS["federal_act_wrong_date"], 1, 1)]
    assert context.remarks[0].names == join_names([display_name(first), display_name(second)])
    html = render_reference(context)
    assert REFERENCE_TEXT["remarks_lead"] in html
    assert 'data-schools="2" data-documents="3"' in html
    table = _docx_table(
        Document(str(write_reference_docx(context, tmp_path / "reference.docx"))),
        REFERENCE_TEXT["remarks_columns"],
    )
    assert [cell.text for cell in table.rows[1].cells[1:4]] == [CHECKS["roadmap_expired"], "2", "3"]


def test_a_monitoring_re_created_in_the_past_speaks_the_sources_words(tmp_path):
    """`run --on 18.04.2022–25.04.2022` under a profile whose source asks for a «рубрика»: the
    справка gives the period and says later material was not counted, and every report names
    the section as the source does."""
    from reports.exports.csv_table import csv_header
    from reports.letter.context import build_letter_context

    con = _new_store()
    add_run(con, RUN, dt.date(2022, 4, 25), RUN_SCHOOLS)
    con.execute(
        "UPDATE runs SET monitoring_from = DATE '2022-04-18', facts_until = DATE '2022-04-25', "
        "section_name = 'Наставничество', section_noun = 'рубрика' WHERE run_id = ?",
        [RUN],
    )
    results = build_results(con, RUN)
    assert results["run"]["period"] == {"from": "2022-04-18", "to": "2022-04-25"}
    assert results["run"]["facts_until"] == "2022-04-25"
    assert results["run"]["section"] == {"name": "Наставничество", "noun": "рубрика"}
    context = build_reference_context(results, LETTERHEAD, DEADLINE)
    assert dict(context.requisites.facts)[REFERENCE_TEXT["period_span"]].startswith("с 18.04.2022")
    assert "рубрика «Наставничество» и размещённые на сайте" in context.object_text
    assert "находила рубрику «Наставничество»" in context.method_text
    assert context.schools_columns[-1] == "Рубрика «Наставничество»"
    assert "Итоги даны на 25 апреля 2022 г." in context.dated_note
    assert "Сайты прочитаны 26 октября 2022 г." in context.dated_note
    said = " ".join(context.conclusions)
    assert "Рубрика «Наставничество» создана в 2 из" in said
    assert "Рубрика «Наставничество» не найдена на сайте" in said
    assert "наполненную документами и мероприятиями рубрику «Наставничество»" in " ".join(
        context.recommendations
    )
    html = render_reference(context)
    for words in (context.dated_note, "Рубрика «Наставничество»"):
        assert words in html
    own_words = html.replace(RULES[0][1], "")  # the profile's criterion keeps its own title
    assert "раздел «Наставничество»" not in own_words.replace("Раздел", "раздел")
    document = Document(str(write_reference_docx(context, tmp_path / "reference.docx")))
    assert context.dated_note in [p.text for p in document.paragraphs]
    no_section = next(o for o in results["organisations"] if o["org_id"] == "sch4")
    letter = build_letter_context(results, no_section, LETTERHEAD, deadline=DEADLINE)
    assert letter.section_text.startswith("Рубрика «Наставничество» на сайте не найдена")
    assert "ссылку на рубрику «Наставничество»" in letter.deadline_text
    assert "Рубрика «Наставничество»" in csv_header(results)
