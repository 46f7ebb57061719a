"""Follow-up and trends in results.json and the reference, over small stores built here."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import jsonschema
import pytest
from docx import Document

from cmn_audit.history.runs import follow_up, list_runs
from cmn_audit.history.trends import criterion_trend, municipality_trend
from cmn_audit.store import schema_sql
from reports.letter.context import build_letter_context
from reports.model import Letterhead
from reports.reference.context import build_reference_context, criterion_rows
from reports.reference.docx import write_reference_docx
from reports.reference.history import days_text, follow_up_section
from reports.reference.html import render_reference
from reports.results import build_results

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "results.schema.json").read_text(encoding="utf-8"))
LETTERHEAD = Letterhead(
    name="МКУ «Информационно-методический центр»",
    address="646580, Омская область, с. Усть-Ишим, ул. Горького, 30",
    phone="(838150) 2-19-77",
    email="imc@example.ru",
    signatory_name="М. А. Черкасова",
    signatory_post="Директор",
)
PROFILE, MUNICIPALITY = "ust_ishim_2022", "Усть-Ишимский муниципальный район"
# rule_id, title, counted
RULES = (
    ("r1", "Приказ о внедрении ЦМН", True),
    ("r2", "Положение о наставничестве", True),
    ("r3", "Дорожная карта <b>ЦМН</b>", True),
    ("r4", "Приказы о закреплении пар", False),
)
OUTCOMES = {"P": "pass", "F": "fail", "N": "not_checked"}


def new_store() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    con.execute(schema_sql())
    return con


def add_run(
    con,
    run_id: str,
    schools: dict[str, str],
    *,
    letter_date: str | None = None,
    deadline: str | None = None,
    profile: str = PROFILE,
    rescore_of: str | None = None,
    started: str | None = None,
    municipality: str = MUNICIPALITY,
    scope: str | None = None,
) -> None:
    """A complete run judged on the date its id begins with; `schools`: org_id → outcomes,
    one letter per rule (P pass, F fail, N not checked; all N: the site was down)."""
    audit_date = dt.datetime.strptime(run_id[:8], "%Y%m%d").date()
    con.execute(
        "INSERT INTO runs (run_id, started_at, finished_at, audit_date, profile_id, "
        "profile_version, municipality, registry_path, status, letter_date, letter_deadline, "
        "rescore_of) VALUES (?, ?, ?, ?, ?, '1', ?, 'seeds/r.csv', 'complete', ?, ?, ?)",
        [
            run_id,
            started or dt.datetime.strptime(run_id, "%Y%m%d-%H%M%S"),
            None,
            audit_date,
            profile,
            municipality,
            letter_date,
            deadline,
            rescore_of,
        ],
    )
    if scope is not None:  # schema 8: a partial run re-checks a few schools
        con.execute("UPDATE runs SET scope = ? WHERE run_id = ?", [scope, run_id])
    for position, (rule_id, title, counted) in enumerate(RULES):
        con.execute(
            "INSERT INTO run_rules (run_id, rule_id, position, title, section, severity, "
            "counted, weight, recommendation, source_id, source_title, source_quote) "
            "VALUES (?, ?, ?, ?, 'Документы', 'required', ?, 1.0, 'Разместить.', 's', 'Письмо', "
            "'цитата')",
            [run_id, rule_id, position, title, counted],
        )
    for org_id, codes in schools.items():
        down = set(codes) == {"N"}
        con.execute(
            "INSERT INTO organisations (run_id, org_id, name, short_name, kind, site_url) "
            "VALUES (?, ?, ?, ?, 'school', ?)",
            [run_id, org_id, f"МБОУ «Школа {org_id}»", f"Школа {org_id}", f"http://{org_id}/"],
        )
        con.execute(
            "INSERT INTO sites (run_id, org_id, site_status, section_found, pages_crawled) "
            "VALUES (?, ?, ?, ?, 1)",
            [run_id, org_id, "unreachable" if down else "ok", not down],
        )
        for (rule_id, *_), code in zip(RULES, codes, strict=True):
            con.execute(
                "INSERT INTO rule_results (run_id, org_id, rule_id, outcome, evidence) "
                "VALUES (?, ?, ?, ?, [])",
                [run_id, org_id, rule_id, OUTCOMES[code]],
            )
        counted = [code for code, rule in zip(codes, RULES, strict=True) if rule[2]]
        judged = counted.count("P") + counted.count("F")
        score = None if not judged else 100 * counted.count("P") / judged
        level = (
            "not_checked"
            if score is None
            else "compliant"
            if score == 100
            else "partial"
            if score >= 50
            else "non_compliant"
        )
        con.execute(
            "INSERT INTO org_scores VALUES (?, ?, ?, ?, ?, ?, ?)",
            [run_id, org_id, score, level, counted.count("P"), counted.count("F"), 0],
        )


def reference(con, run_id: str, tmp_path: Path | None = None):
    """The run's results, reference context, HTML and (with tmp_path) DOCX paragraphs."""
    results = build_results(con, run_id)
    jsonschema.validate(results, SCHEMA)
    context = build_reference_context(results, LETTERHEAD)
    html = render_reference(context)
    docx = None
    if tmp_path is not None:
        docx = Document(str(write_reference_docx(context, tmp_path / "reference.docx")))
    return results, context, html, docx


def test_a_single_run_has_no_follow_up_and_no_trend():
    con = new_store()
    add_run(con, "20260110-090000", {"s1": "FFPP"}, deadline="2026-02-01")
    results, context, html, _ = reference(con, "20260110-090000")
    assert results["follow_up"] is None and results["organisations"][0]["follow_up"] == []
    assert [run["run_id"] for run in results["history"]] == ["20260110-090000"]
    assert context.follow_up is None and context.trend == () and context.criteria_trend is None
    assert [key for key, _ in context.outline] == [
        "basis",
        "method",
        "criteria",
        "schools",
        "conclusions",
        "recommendations",
    ]
    assert "data-follow-up" not in html and "data-trend-rule" not in html


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (
            {"s1": "FFFP"},
            {"s1": "PPFP"},
            "образовательным организациям направлено 3 замечания. Исправлено 2 замечания из 3 "
            "(в 1 образовательной организации); не исправлено 1 замечание "
            "(в 1 образовательной организации).",
        ),
        (
            {"s1": "FPPP", "s2": "FPPP"},
            {"s1": "PPPP", "s2": "NNNN"},
            "образовательным организациям направлено 2 замечания. Исправлено 1 замечание из 2 "
            "(в 1 образовательной организации); исполнение 1 замечания "
            "(в 1 образовательной организации) проверить не удалось (сайт или документ были "
            "недоступны).",
        ),
        (
            {f"s{n}": "FFFP" for n in range(7)},
            {f"s{n}": "PPPP" for n in range(7)},
            "образовательным организациям направлено 21 замечание. Исправлено 21 замечание "
            "из 21 (в 7 образовательных организациях).",
        ),
        (
            {f"s{n}": "FPPP" for n in range(5)},
            {f"s{n}": "FPPP" for n in range(5)},
            "образовательным организациям направлено 5 замечаний. Не исправлено 5 замечаний "
            "(в 5 образовательных организациях).",
        ),
        (
            {"s1": "PPPF"},  # an optional criterion is never in a letter
            {"s1": "PPPP"},
            "По итогам предыдущего мониторинга замечаний образовательным организациям "
            "не направлялось.",
        ),
    ],
)
def test_follow_up_counts_agree_in_number(before, after, expected):
    con = new_store()
    add_run(con, "20260110-090000", before, deadline="2026-02-01")
    add_run(con, "20260301-090000", after)
    results = build_results(con, "20260301-090000")
    jsonschema.validate(results, SCHEMA)
    assert expected in follow_up_section(results, criterion_rows(results)).summary
    items = results["follow_up"]["items"]
    assert results["follow_up"]["counts"] == {
        status: sum(item["status"] == status for item in items)
        for status in ("fixed", "not_fixed", "not_checked")
    }


@pytest.mark.parametrize(
    ("deadline", "lead", "conclusion"),
    [
        (
            "2026-02-01",
            "Срок устранения замечаний — до 01.02.2026 г.; на дату настоящего мониторинга он "
            "истёк.",
            "направлено 2 замечания: исправлено 1 (в 1 образовательной организации), за 50 дней "
            "с даты письма; не исправлено 1.",
        ),
        (
            "2026-04-01",
            "Срок устранения замечаний — до 01.04.2026 г.; на дату настоящего мониторинга он не "
            "истёк, поэтому приведённые сведения носят предварительный характер.",
            "направлено 2 замечания (срок устранения не истёк): исправлено 1",
        ),
        (None, "Срок устранения замечаний в письмах не устанавливался.", "направлено 2 замечания:"),
    ],
)
def test_the_deadline_is_stated_as_it_stood(deadline, lead, conclusion, tmp_path):
    con = new_store()
    add_run(con, "20260110-090000", {"s1": "FFPP"}, letter_date="2026-01-10", deadline=deadline)
    add_run(con, "20260301-090000", {"s1": "PFPP"})
    results, context, html, docx = reference(con, "20260301-090000", tmp_path)
    assert results["follow_up"]["deadline_passed"] is (deadline == "2026-02-01")
    text = "\n".join(p.text for p in docx.paragraphs)
    expected = (
        "Предыдущий мониторинг проведён 10.01.2026 г. Письма с рекомендациями направлены "
        f"образовательным организациям 10.01.2026 г. {lead}"
    )
    assert expected in html and expected in text
    conclusions = " ".join(context.conclusions)
    assert conclusion in conclusions and conclusion in text
    assert ("(срок устранения не истёк)" in conclusions) is (deadline == "2026-04-01")


def test_time_to_fix_counts_from_the_first_letter_that_reported_it(tmp_path):
    con = new_store()
    add_run(con, "20260110-090000", {"s1": "PFPP", "s2": "FPPP"}, letter_date="2026-01-10")
    add_run(
        con,
        "20260210-090000",
        {"s1": "PFFP", "s2": "FPPP"},
        letter_date="2026-02-10",
        deadline="2026-03-01",
    )
    add_run(con, "20260320-090000", {"s1": "PPPP", "s2": "FPPP"})
    results, context, html, docx = reference(con, "20260320-090000", tmp_path)
    follow = results["follow_up"]
    assert follow["earlier_run_id"] == "20260210-090000" and follow["deadline_passed"]
    fixed = {
        (item["org_id"], item["rule_id"]): (item["days_to_fix"], item["reported_on"])
        for item in follow["items"]
        if item["status"] == "fixed"
    }
    # r2 was reported by the January letter and never fixed since; r3 first in February.
    assert fixed == {("s1", "r2"): (69, "2026-01-10"), ("s1", "r3"): (38, "2026-02-10")}
    assert [i["reported_on"] for i in follow["items"] if i["status"] == "not_fixed"] == [
        "2026-01-10"
    ]
    assert context.follow_up.mean_days == 53.5
    assert "Среднее время устранения замечаний — 53,5 дня." in html
    assert "исправлено 2 (в 1 образовательной организации), в среднем за 53,5 дня" in html
    assert 'data-follow-up="s1 r2" data-status="fixed" data-days="69"' in html
    table = next(t for t in docx.tables if t.rows[0].cells[-1].text == "Устранено за, дней")
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert rows == [
        ["Школа s1"] * 4,
        ["2", "Положение о наставничестве", "исправлено", "69"],
        ["3", "Дорожная карта <b>ЦМН</b>", "исправлено", "38"],
        ["Школа s2"] * 4,
        ["1", "Приказ о внедрении ЦМН", "не исправлено", ""],
    ]
    assert "Дорожная карта &lt;b&gt;ЦМН&lt;/b&gt;" in html and "<b>ЦМН</b>" not in html


def test_only_comparable_runs_are_followed_up_and_rescores_replace_their_run():
    con = new_store()
    add_run(con, "20260110-090000", {"s1": "FFPP"}, deadline="2026-02-01")
    add_run(con, "20260301-090000", {"s1": "PFPP"}, profile="znamensky_2022")
    assert build_results(con, "20260301-090000")["follow_up"] is None
    add_run(
        con,
        "20260110-120000",
        {"s1": "FPPP"},
        rescore_of="20260110-090000",
        started="2026-01-12 12:00",
    )
    add_run(con, "20260320-090000", {"s1": "PFPP"})
    results = build_results(con, "20260320-090000")
    assert [run["run_id"] for run in results["history"]] == ["20260110-120000", "20260320-090000"]
    # The letters sent were the original run's: it is the one followed up.
    assert results["follow_up"]["earlier_run_id"] == "20260110-090000"
    assert follow_up(con, "20260320-090000").earlier.run_id == "20260110-090000"
    statuses = {item["rule_id"]: item["status"] for item in results["follow_up"]["items"]}
    assert statuses == {"r1": "fixed", "r2": "not_fixed"}


def test_history_listing_and_trends_show_the_figures_of_results_json():
    con = new_store()
    add_run(con, "20260110-090000", {"s1": "FFPP", "s2": "PPPF", "s3": "NNNN"})
    add_run(con, "20260301-090000", {"s1": "PFPP", "s2": "PPPP", "s3": "FFFF"})
    history = build_results(con, "20260301-090000")["history"]
    entries = list_runs(con)
    assert [entry.run_id for entry in entries] == [run["run_id"] for run in history]
    for entry, run in zip(entries, history, strict=True):
        assert (entry.schools, entry.checked, entry.share_compliant, entry.mean_score) == (
            run["schools"],
            run["checked"],
            run["share_compliant"],
            run["mean_score"],
        )
    assert history[0]["share_compliant"] == 50.0 and history[0]["mean_score"] == 66.7
    points = criterion_trend(municipality_trend(con))
    assert {(p.run_id, p.rule_id): p.share_passed for p in points} == {
        (run["run_id"], rule_id): value
        for run in history
        for rule_id, value in run["criteria"].items()
    }
    assert history[0]["criteria"] == {"r1": 50.0, "r2": 50.0, "r3": 100.0, "r4": 50.0}


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (1, "1 день"),
        (2, "2 дня"),
        (5, "5 дней"),
        (11, "11 дней"),
        (21, "21 день"),
        (45.5, "45,5 дня"),
    ],
)
def test_days_agree_with_the_number(days, expected):
    assert days_text(days) == expected


def test_a_corrected_municipality_name_keeps_the_follow_up_and_the_trend():
    """Runs belong together by the workspace and the schools' codes, not by a config string."""
    con = new_store()
    add_run(con, "20260110-090000", {"s1": "FFPP", "s2": "PPPP"}, municipality="Усть-Ишимскй р-н")
    add_run(con, "20260301-090000", {"s1": "PFPP", "s2": "PPPP"})
    add_run(con, "20260302-090000", {"x9": "FFFF"}, municipality="Тарский район")
    results = build_results(con, "20260301-090000")
    assert results["follow_up"]["earlier_run_id"] == "20260110-090000"
    assert [run["run_id"] for run in results["history"]] == ["20260110-090000", "20260301-090000"]
    assert follow_up(con, "20260301-090000").earlier.run_id == "20260110-090000"
    # Another registry's schools in the same store stay apart.
    assert build_results(con, "20260302-090000")["follow_up"] is None


def _slip(con, run_id: str, org_id: str, url: str, code: str, title: str) -> None:
    """A mentorship document of the run with one remark on it (documents.problems)."""
    problems = json.dumps([{"code": code, "title": title, "detail": "подробности"}])
    con.execute(
        "INSERT INTO documents (run_id, org_id, url, fetch_status, extract_status, text_source, "
        "kind, audience, confidence, title, problems) "
        "VALUES (?, ?, ?, 'ok', 'ok', 'text', 'roadmap', 'students', 0.9, ?, ?)",
        [run_id, org_id, url, f"Документ {url[-5:]}", problems],
    )


def test_remarks_on_documents_are_followed_up_in_the_next_letter():
    con = new_store()
    add_run(con, "20260110-090000", {"s1": "FPPP"}, letter_date="2026-01-12")
    add_run(con, "20260301-090000", {"s1": "PPPP"})
    expired = ("roadmap_expired", "Срок дорожной карты истёк")
    _slip(con, "20260110-090000", "s1", "http://s1/karta.pdf", *expired)
    _slip(con, "20260110-090000", "s1", "http://s1/prikaz.pdf", "r145_date", "Неверная дата Р-145")
    # The site moved: the same roadmap under a new address is the same document.
    _slip(con, "20260301-090000", "s1", "https://new.s1/karta.pdf", *expired)
    results = build_results(con, "20260301-090000")
    jsonschema.validate(results, SCHEMA)
    (org,) = results["organisations"]
    remarks = org["remarks_follow_up"]
    assert [item["code"] for item in remarks["repeated"]] == ["roadmap_expired"]
    assert [item["code"] for item in remarks["fixed"]] == ["r145_date"]
    context = build_letter_context(results, org, LETTERHEAD)
    (line,) = [text for _, text in context.remarks]
    assert "указывалось в письме от 12.01.2026 и не устранено" in line
    fixed = [finding.title for finding in context.follow_up.fixed]
    assert "замечание к документу «Документ z.pdf»: Неверная дата Р-145" in fixed
    assert not context.follow_up.acknowledgement  # the roadmap's remark is still open
