"""Repeat runs a methodologist can trust: what a run sent stays as sent, a collapse is held,
a partial re-check counts school by school. Small stores built here; the CLI where it speaks."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from docx import Document
from support import HEAD, LOCAL_CRAWL, REGISTRY_HEADER
from test_follow_up import add_run
from test_reports import LETTERHEAD, RUN_ID, _build_store

from audit_rules import load_profile
from cmn_audit.cli import cli as cmn_cli
from cmn_audit.config import CONFIG_NAME, init_workspace, load_workspace
from cmn_audit.history.diff import diff_runs
from cmn_audit.history.runs import follow_up, list_runs
from cmn_audit.history.text import render_runs
from cmn_audit.messages import UserError
from cmn_audit.pipeline.audit import chosen_schools, run_audit
from cmn_audit.pipeline.commit import rechecked_lines, run_figures_line
from cmn_audit.pipeline.outputs import confirm_run, write_run_reports
from cmn_audit.registry import Organisation
from cmn_audit.store import schema_sql
from reports.history.collapse import find_collapse
from reports.history.runs import summarise_run
from reports.messages import COLLAPSE_TEXT, DRAFT_MARK, LETTER_TEXT, REPLY_TITLE
from reports.results import build_results
from reports.writer import write_reports

ROOT = Path(__file__).resolve().parents[1]

CENTRE = {
    "name": "МКУ «Информационно-методический центр»",
    "address": "646580, Омская область, с. Усть-Ишим, ул. Горького, 30",
    "phone": "+7 (000) 000-00-00",
    "email": "imc@example.ru",
    "signatory_name": "Е. В. Образцова",
    "signatory_post": "Директор",
    "executor_name": "Примерова Анна Сергеевна",
    "executor_phone": "+7 (000) 000-00-01",
}


def _workspace(root: Path):
    init_workspace(root, overrides={"centre": CENTRE})
    return load_workspace(root)


def _set(root: Path, section: str, key: str, value: str) -> None:
    """Edit one value of config.toml as a methodologist would."""
    path = root / CONFIG_NAME
    lines = path.read_text(encoding="utf-8").splitlines()
    current = None
    for index, line in enumerate(lines):
        if line.startswith("["):
            current = line.strip("[]")
        elif current == section and line.split("=", 1)[0].strip() == key:
            lines[index] = f"{key} = {json.dumps(value, ensure_ascii=False)}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_a_rerendered_run_keeps_the_number_date_and_letterhead_it_sent(tmp_path):
    workspace = _workspace(tmp_path / "ws")
    con = _build_store(workspace.db_path)
    try:
        sent = write_run_reports(con, workspace, RUN_ID, formats=("html", "docx"))
        _set(workspace.root, "letters", "number_format", "01-15/{number}")
        _set(workspace.root, "centre", "name", "Управление образования (новый бланк)")
        today = load_workspace(workspace.root)
        again = write_run_reports(con, today, RUN_ID, formats=("docx",))
    finally:
        con.close()
    html = (sent.letters_html[1]).read_text(encoding="utf-8")
    docx = _docx_text(again.letters_docx[1])
    assert "№ 2 от 26.10.2022" in html and "№ 2 от 26.10.2022" in docx
    assert "01-15/" not in docx
    assert CENTRE["name"] in docx and "новый бланк" not in docx
    stored = duckdb.connect(str(workspace.db_path), read_only=True)
    try:
        numbers = stored.execute(
            "SELECT org_id, number FROM run_letters WHERE run_id = ? ORDER BY org_id", [RUN_ID]
        ).fetchall()
    finally:
        stored.close()
    assert numbers == [("sch1", "1"), ("sch2", "2"), ("sch3", "3"), ("sch4", "4")]


# A run whose results collapse against the previous check: said everywhere, letters held.


def _store(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    con.execute(schema_sql())
    return con


def _collapsed_workspace(tmp_path: Path):
    """Four schools checked, then a run that reached none of their sites (held, as a run is)."""
    workspace = _workspace(tmp_path / "ws")
    con = _store(workspace.db_path)
    schools = {f"s{n}": "PFPP" for n in range(1, 5)}
    add_run(con, "20260110-090000", schools)
    add_run(con, "20260301-090000", dict.fromkeys(schools, "NNNN"))
    con.execute("UPDATE runs SET letters_held = TRUE WHERE run_id = '20260301-090000'")
    con.execute("UPDATE organisations SET email = org_id || '@example.ru'")
    return workspace, con


@pytest.mark.reports  # reads the letters the runs held and released
def test_a_collapsed_run_says_so_and_holds_its_letters_until_confirmed(tmp_path, monkeypatch):
    workspace, con = _collapsed_workspace(tmp_path)
    try:
        collapse = find_collapse(con, "20260301-090000")
        assert {(d.figure, d.before, d.after) for d in collapse.drops} == {
            ("sites_checked", 4, 0),
            ("sections_found", 4, 0),
        }
        assert find_collapse(con, "20260110-090000") is None  # nothing to compare with
        listed = render_runs(list_runs(con))  # `cmn-audit history` says the letters wait
        assert "Запуск 20260301-090000: результаты резко хуже" in listed
        assert "cmn-audit confirm --run 20260301-090000" in listed
        assert "Запуск 20260110-090000: результаты" not in listed
        held = write_run_reports(
            con, workspace, "20260301-090000", formats=("html", "eml", "dashboard")
        )
    finally:
        con.close()
    reference = held.reference_html.read_text(encoding="utf-8")
    assert COLLAPSE_TEXT["heading"] in reference and "с 4 до 0" in reference
    assert "cmn-audit confirm --run 20260301-090000" in reference
    assert 'class="collapse"' in held.dashboard.read_text(encoding="utf-8")
    assert all(DRAFT_MARK in path.read_text(encoding="utf-8") for path in held.letters_html)
    assert held.emails == () and not list((held.results_json.parent / "mail").glob("*.eml"))
    with pytest.raises(UserError, match="cmn-audit confirm --run 20260301-090000"):
        CliRunner().invoke(
            cmn_cli, ["send", "--workspace", str(workspace.root)], catch_exceptions=False
        )
    monkeypatch.setenv("CMN_CHROMIUM", str(tmp_path / "none"))  # PDFs are not the point here
    confirm_run(workspace, None, echo=lambda _: None)
    letters = held.results_json.parent / "letters"
    assert DRAFT_MARK not in (letters / "s1.html").read_text(encoding="utf-8")
    assert len(list((held.results_json.parent / "mail").glob("*.eml"))) == 4
    with pytest.raises(UserError, match="не задерживались"):
        confirm_run(workspace, None, echo=lambda _: None)


@pytest.mark.slow
def test_a_run_that_reaches_no_site_it_reached_before_is_held_and_said_loudly(
    tmp_path, static_site, monkeypatch
):
    """Two sites with a section, then both gone: the console, the store and the letters say so."""
    monkeypatch.setenv("CMN_CHROMIUM", str(tmp_path / "none"))  # static pages; no PDFs needed
    section = '<html><body><nav><a href="/nastavnichestvo/">Наставничество</a></nav></body></html>'
    page = "<html><body><h1>Наставничество</h1><p>Раздел о наставничестве.</p></body></html>"
    urls = [static_site({"index.html": section, "nastavnichestvo/index.html": page}) for _ in "ab"]
    init_workspace(tmp_path / "ws", overrides={"crawl": LOCAL_CRAWL, "centre": CENTRE})
    workspace = load_workspace(tmp_path / "ws")
    registry = tmp_path / "registry.csv"
    rows = [
        f"s{n},Школа {n},Школа {n},школа,{url},s{n}@example.ru,{HEAD},Район\n"
        for n, url in enumerate(urls, start=1)
    ]
    registry.write_text(REGISTRY_HEADER + "".join(rows), encoding="utf-8")
    first = run_audit(workspace, registry, echo=lambda _: None)
    gone = REGISTRY_HEADER + "".join(
        row.replace(url, "http://127.0.0.1:9/") for row, url in zip(rows, urls, strict=True)
    )
    registry.write_text(gone, encoding="utf-8")
    lines: list[str] = []
    second = run_audit(workspace, registry, echo=lines.append)
    said = "\n".join(lines)
    assert "ВНИМАНИЕ" in said and "cmn-audit confirm --run " + second.run_id in said
    assert "сайтов, которые удалось проверить — с 2 до 0" in said
    con = duckdb.connect(str(workspace.db_path), read_only=True)
    try:
        held = dict(con.execute("SELECT run_id, letters_held FROM runs").fetchall())
    finally:
        con.close()
    assert held == {first.run_id: False, second.run_id: True}
    assert second.reports.emails == ()


# A school replies «исправили»: `run --school` re-checks it alone, counted school by school.

FULL, PARTIAL, NEXT = "20260110-090000", "20260301-090000", "20260410-090000"


def _partial_store(path: Path) -> duckdb.DuckDBPyConnection:
    """Three schools; s1 re-checked alone after fixing r1 and r2; then everyone again."""
    con = _store(path)
    add_run(con, FULL, {"s1": "FFPP", "s2": "PPPP", "s3": "FPPP"}, deadline="2026-02-20")
    add_run(con, PARTIAL, {"s1": "PPPP"}, deadline="2026-03-20", scope="partial")
    add_run(con, NEXT, {"s1": "PPPP", "s2": "PFPP", "s3": "FPPP"}, deadline="2026-05-01")
    con.execute("UPDATE organisations SET email = org_id || '@example.ru'")
    return con


def test_a_partial_run_counts_each_school_by_its_latest_verdict(tmp_path):
    con = _partial_store(tmp_path / "store.duckdb")
    try:
        results = build_results(con, PARTIAL)
        follow = follow_up(con, PARTIAL)
        diff = diff_runs(con, FULL, PARTIAL)
        later = build_results(con, NEXT)
        listing = render_runs(list_runs(con))
        paths = write_reports(con, PARTIAL, tmp_path / "out", LETTERHEAD, pdf=False)
    finally:
        con.close()
    run = results["run"]
    assert (run["scope"], run["rechecked"]) == ("partial", ["s1"])
    assert run["period"] == {"from": "2026-01-10", "to": "2026-03-01"}
    checked_in = {org["org_id"]: org["checked_in"]["run_id"] for org in results["organisations"]}
    assert checked_in == {"s1": PARTIAL, "s2": FULL, "s3": FULL}
    assert results["history"][-1]["levels"]["compliant"] == 2  # s1 now, s2 since January
    # Follow-up and diff look at the school re-checked, not at those left alone.
    assert {(i.org_id, i.rule_id, i.status) for i in follow.items} == {
        ("s1", "r1", "fixed"),
        ("s1", "r2", "fixed"),
    }
    assert diff.schools_removed == () and {c.org_id for c in diff.rules} == {"s1"}
    assert {c.org_id for c in diff.of("fixed")} == {"s1"}
    # The next full run: s1 is followed up from its reply letter, the others from January.
    sources = {item["org_id"]: item["earlier_run_id"] for item in later["follow_up"]["items"]}
    assert sources == {"s3": FULL}  # s1 had nothing left to fix after its re-check
    assert [entry["run_id"] for entry in later["history"]] == [FULL, PARTIAL, NEXT]
    assert "частичная проверка — заново проверены s1" in listing
    # A short reply letter to the school re-checked, and to no one else.
    assert [path.stem for path in paths.letters_html] == ["s1"]
    reply = paths.letters_html[0].read_text(encoding="utf-8")
    assert REPLY_TITLE in reply and "По Вашему сообщению об устранении замечаний" in reply
    assert LETTER_TEXT["found"] not in reply
    reference = paths.reference_html.read_text(encoding="utf-8")
    assert "Сроки проведения мониторинга" in reference and "с 10.01.2026 по 01.03.2026" in reference


def test_a_partial_runs_console_tells_the_recheck_apart_from_the_municipality(tmp_path):
    con = _partial_store(tmp_path / "store.duckdb")
    try:
        summary = summarise_run(con, PARTIAL)
    finally:
        con.close()
    s1 = Organisation("s1", "Школа 1", "Школа № 1", "школа", "http://s1/", "", "", "Район")
    lines = rechecked_lines(summary, (s1,), load_profile("ust_ishim_2022"))
    assert len(lines) == 1 and lines[0].startswith("Проверена заново: Школа № 1 — ")
    assert "соответствует" in lines[0]
    assert run_figures_line(summary).startswith("Итоги по муниципалитету (остальные ОО")


def test_run_school_refuses_an_unknown_code_naming_the_known_ones():
    orgs = tuple(
        Organisation(code, f"Школа {code}", code, "школа", f"http://{code}/", "", "", "Район")
        for code in ("s1", "s2")
    )
    assert chosen_schools(orgs, ("s2",)) == orgs[1:]
    with pytest.raises(UserError, match="s9.*Коды реестра: s1, s2"):
        chosen_schools(orgs, ("s9",))


def test_a_placeholder_letterhead_is_neither_kept_nor_sent(tmp_path):
    """Letters written before the centre filled its letterhead get no e-mail drafts; once it
    is filled, `report` prints it (the placeholders were never frozen) and drafts them."""
    init_workspace(tmp_path / "ws")
    workspace = load_workspace(tmp_path / "ws")
    con = _build_store(workspace.db_path)
    try:
        unfilled = write_run_reports(con, workspace, RUN_ID, formats=("html", "eml"))
        placeholder = unfilled.letters_html[0].read_text(encoding="utf-8")
        for key, value in CENTRE.items():
            _set(workspace.root, "centre", key, value)
        filled = write_run_reports(
            con, load_workspace(workspace.root), RUN_ID, formats=("html", "eml")
        )
    finally:
        con.close()
    assert unfilled.emails == () and "[Телефон центра]" in placeholder
    assert len(filled.emails) == 4
    assert CENTRE["phone"] in filled.letters_html[0].read_text(encoding="utf-8")
