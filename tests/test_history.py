"""History of runs: diff, follow-up and trends over a changed web; kills, locks, rescores."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest
from docx import Document
from openpyxl import load_workbook
from support import ORDER, REGISTRY_HEADER, cli, cli_command, run_figures

from audit_rules.views import schema_sql as audit_tables_sql
from cmn_audit import messages
from cmn_audit.config import init_workspace, load_workspace
from cmn_audit.demo.documents import DocumentSpec, pdf_bytes
from cmn_audit.history import text as history_text
from cmn_audit.history.diff import diff_runs
from cmn_audit.history.runs import follow_up, latest_failure, list_runs
from cmn_audit.history.trends import trends
from cmn_audit.messages import UserError
from cmn_audit.pipeline.audit import run_audit
from cmn_audit.pipeline.lock import LOCK_NAME, workspace_lock
from cmn_audit.store import SCHEMA_VERSION, connect
from reports.reference.history import remarks

pytestmark = pytest.mark.slow  # runs over time: several crawls, killed processes

FIRST = dt.datetime(2026, 3, 2, 10, 0)
SECOND = dt.datetime(2026, 4, 20, 10, 0)
DEADLINE = "2026-04-01"  # the letters of the first run: fix by 1 April
CRAWL = {"allow_private_addresses": True, "download_delay": 0.0}
SCHOOLS = ("a1", "b2", "c3", "d4")
HOME = (
    '<html><head><meta charset="utf-8"><title>Школа</title></head><body>'
    '<nav><ul class="menu"><li><a href="/nastavnichestvo/">Наставничество</a></li></ul></nav>'
    "<main><h1>Школа</h1></main></body></html>"
)
LINK_TEXT = {
    "order": "Приказ о внедрении целевой модели наставничества обучающихся",
    "regulation": "Положение о реализации целевой модели наставничества обучающихся",
    "roadmap": "Дорожная карта реализации целевой модели наставничества обучающихся",
}
REGULATION = DocumentSpec(
    [
        "УТВЕРЖДЕНО приказом от 01.09.2022 № 113-од",
        "ПОЛОЖЕНИЕ",
        "о реализации целевой модели наставничества обучающихся",
        "1. Общие положения",
        "1.1. Настоящее положение регулирует реализацию целевой модели наставничества "
        "обучающихся в школе.",
    ]
)
ROADMAP = DocumentSpec(
    [
        "УТВЕРЖДЕНА приказом от 02.09.2025 № 90-од",
        "ДОРОЖНАЯ КАРТА",
        "реализации целевой модели наставничества обучающихся на 2025–2027 годы",
        "1. Формирование базы наставников — сентябрь 2025 г. — заместитель директора",
        "2. Обучение наставников — октябрь 2025 г. — куратор",
    ]
)
FILES = {
    "order": pdf_bytes(ORDER),
    "regulation": pdf_bytes(REGULATION),
    "roadmap": pdf_bytes(ROADMAP),
}
# What each school's section links to, before and after; a link whose file is absent is broken.
LINKED = {
    "a1": (("order",), ("order", "roadmap")),  # adds its roadmap
    "b2": (("order", "regulation"), ("order",)),  # removes a page (its regulation)
    "c3": (("order",), ("order",)),  # a broken link to its order, then fixed
    "d4": (("order",), ("order",)),  # nothing changes
}
PUBLISHED = {
    "a1": (("order",), ("order", "roadmap")),
    "b2": (("order", "regulation"), ("order",)),
    "c3": ((), ("order",)),
    "d4": (("order",), ("order",)),
}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


def section(names: tuple[str, ...]) -> str:
    items = "".join(f'<li><a href="/files/{name}.pdf">{LINK_TEXT[name]}</a></li>' for name in names)
    return (
        '<html><head><meta charset="utf-8"><title>Наставничество</title></head><body>'
        f"<main><h1>Наставничество</h1><ul>{items}</ul></main></body></html>"
    )


def publish(root: Path, school: str, state: int) -> None:
    """Write a school's site as it stands before (0) or after (1) the change."""
    (root / "files").mkdir(parents=True, exist_ok=True)
    page = root / "nastavnichestvo" / "index.html"
    page.parent.mkdir(exist_ok=True)
    (root / "index.html").write_text(HOME, encoding="utf-8")
    old = page.read_text(encoding="utf-8") if page.exists() else None
    page.write_text(section(LINKED[school][state]), encoding="utf-8")
    if old is not None and old != page.read_text(encoding="utf-8"):
        later = time.time() + 5  # Last-Modified has one-second resolution
        os.utime(page, (later, later))
    for name in FILES:
        target = root / "files" / f"{name}.pdf"
        if name in PUBLISHED[school][state]:
            target.write_bytes(FILES[name])
        else:
            target.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    """Four schools audited on 2 March, their sites changed, audited again on 20 April."""
    base = tmp_path_factory.mktemp("history")
    servers, urls = [], {}
    for school in SCHOOLS:
        publish(base / "web" / school, school, 0)
        handler = partial(QuietHandler, directory=str(base / "web" / school))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[school] = f"http://127.0.0.1:{server.server_address[1]}/"
    registry = base / "registry.csv"
    registry.write_text(
        REGISTRY_HEADER
        + "".join(
            f"{school},МБОУ «Школа {school}»,Школа {school},школа,{urls[school]},"
            f"{school}@example.ru,Иванов Иван Иванович,Район\n"
            for school in SCHOOLS
        ),
        encoding="utf-8",
    )
    init_workspace(base / "ws", overrides={"crawl": CRAWL, "audit": {"deadline": DEADLINE}})
    workspace = load_workspace(base / "ws")
    first = run_audit(workspace, registry, now=FIRST, echo=lambda _: None)
    for school in SCHOOLS:
        publish(base / "web" / school, school, 1)
    second = run_audit(workspace, registry, now=SECOND, echo=lambda _: None)
    yield SimpleNamespace(
        base=base,
        workspace=workspace,
        registry=registry,
        first=first.run_id,
        second=second.run_id,
        urls=urls,
    )
    for server in servers:
        server.shutdown()
        server.server_close()


def read(workspace):
    return duckdb.connect(str(workspace.db_path), read_only=True)


def copy_workspace(audited, target: Path):
    """An independent copy of the audited workspace (same sites, same registry)."""
    shutil.copytree(audited.workspace.root, target)
    return load_workspace(target)


def test_diff_shows_exactly_the_three_changes(audited):
    con = read(audited.workspace)
    try:
        diff = diff_runs(con, audited.first, audited.second)
    finally:
        con.close()
    pairs = {
        change: {(i.org_id, i.rule_id) for i in diff.of(change)}
        for change in messages.CHANGE_LABELS
    }
    assert pairs["fixed"] == {("a1", "UI-07"), ("c3", "UI-03")}
    assert pairs["new"] == {("b2", "UI-05")}
    assert pairs["not_checked"] == set()
    assert pairs["persists"] and all(i.before == i.after == "fail" for i in diff.of("persists"))
    documents = {(d.org_id, d.url, d.change) for d in diff.documents}
    assert documents == {
        ("a1", audited.urls["a1"] + "files/roadmap.pdf", "added"),
        ("b2", audited.urls["b2"] + "files/regulation.pdf", "removed"),
        ("c3", audited.urls["c3"] + "files/order.pdf", "changed"),
    }
    text = history_text.render_diff(diff)
    totals = text.splitlines()[1]
    counted = {c: len([i for i in diff.of(c) if i.counted]) for c in messages.CHANGE_LABELS}
    assert f"не исправлено: {counted['persists']}" in totals  # scored criteria only
    uncounted = [i for i in diff.rules if not i.counted]
    if uncounted:
        assert messages.DIFF_UNCOUNTED in text
    fixed_link = next(d for d in diff.documents if d.org_id == "c3")
    assert fixed_link.sha_before is None and fixed_link.sha_after
    assert diff.schools_added == diff.schools_removed == ()


def test_follow_up_marks_each_earlier_failure(audited):
    con = read(audited.workspace)
    try:
        follow = follow_up(con, audited.second)
        failures = con.execute(
            "SELECT r.org_id, r.rule_id FROM rule_results r "
            "JOIN run_rules m USING (run_id, rule_id) "
            "WHERE r.run_id = ? AND r.outcome = 'fail' AND m.counted",
            [audited.first],
        ).fetchall()
    finally:
        con.close()
    assert follow.earlier.run_id == audited.first and follow.deadline_passed
    assert follow.earlier.deadline == dt.date(2026, 4, 1)
    assert {(i.org_id, i.rule_id) for i in follow.items} == set(failures)
    fixed = {(i.org_id, i.rule_id): i.days_to_fix for i in follow.of("fixed")}
    assert fixed == {("a1", "UI-07"): 49, ("c3", "UI-03"): 49}  # 2 March → 20 April
    assert follow.of("not_checked") == ()
    assert all(i.outcome == "fail" and i.days_to_fix is None for i in follow.of("not_fixed"))
    assert len(follow.of("not_fixed")) == len(failures) - 2


def test_trends_show_exactly_the_changes(audited):
    con = read(audited.workspace)
    try:
        points = trends(con)
    finally:
        con.close()
    by_run: dict[str, dict] = {audited.first: {}, audited.second: {}}
    for point in points:
        by_run[point.run_id][(point.org_id, point.rule_id)] = point.outcome
    assert by_run[audited.first].keys() == by_run[audited.second].keys()
    changed = {
        key
        for key, outcome in by_run[audited.first].items()
        if by_run[audited.second][key] != outcome
    }
    assert changed == {("a1", "UI-07"), ("c3", "UI-03"), ("b2", "UI-05")}
    dates = {point.run_id: point.run_date for point in points}
    assert dates == {audited.first: FIRST.date(), audited.second: SECOND.date()}


class DataRows(HTMLParser):
    """Table rows carrying `key` (a data-* attribute): their attributes and cells' texts."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key, self.rows, self.cells, self._row = key, {}, {}, None

    def handle_starttag(self, tag, attrs):
        data = dict(attrs)
        if tag == "tr" and self.key in data:
            self._row = data[self.key]
            self.rows[self._row], self.cells[self._row] = data, []
        elif tag == "td" and self._row is not None:
            self.cells[self._row].append(data | {"text": ""})

    def handle_endtag(self, tag):
        if tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._row is not None and self.cells[self._row]:
            self.cells[self._row][-1]["text"] += data


def data_rows(html: str, key: str) -> DataRows:
    parser = DataRows(key)
    parser.feed(html)
    for cells in parser.cells.values():
        for cell in cells:
            cell["text"] = cell["text"].strip()
    return parser


def report(audited, run_id: str, name: str) -> Path:
    return audited.workspace.reports_dir / run_id / name


def test_results_json_carries_the_history_and_the_follow_up(audited):
    first = json.loads(report(audited, audited.first, "results.json").read_text("utf-8"))
    second = json.loads(report(audited, audited.second, "results.json").read_text("utf-8"))
    assert first["follow_up"] is None and [r["run_id"] for r in first["history"]] == [audited.first]
    assert all(org["follow_up"] == [] for org in first["organisations"])

    follow = second["follow_up"]
    assert (follow["earlier_run_id"], follow["earlier_date"]) == (audited.first, "2026-03-02")
    assert (follow["letter_date"], follow["deadline"]) == ("2026-03-02", DEADLINE)
    assert follow["deadline_passed"] is True
    fixed = {
        (i["org_id"], i["rule_id"]): i["days_to_fix"]
        for i in follow["items"]
        if i["status"] == "fixed"
    }
    assert fixed == {("a1", "UI-07"): 49, ("c3", "UI-03"): 49}  # 2 March → 20 April
    assert ("b2", "UI-05") not in {(i["org_id"], i["rule_id"]) for i in follow["items"]}
    assert {i["status"] for i in follow["items"]} == {"fixed", "not_fixed"}
    assert all(i["days_to_fix"] is None for i in follow["items"] if i["status"] != "fixed")
    assert follow["counts"] == {
        status: sum(i["status"] == status for i in follow["items"])
        for status in ("fixed", "not_fixed", "not_checked")
    }
    assert {i["status_label"] for i in follow["items"]} == {"исправлено", "не исправлено"}
    # Every counted failure of the first run is followed up, and nothing else.
    failed = {
        (org["org_id"], result["rule_id"])
        for org in first["organisations"]
        for result in org["results"]
        if result["outcome"] == "fail"
        and next(r for r in first["rules"] if r["rule_id"] == result["rule_id"])["counted"]
    }
    assert {(i["org_id"], i["rule_id"]) for i in follow["items"]} == failed
    for org in second["organisations"]:
        assert org["follow_up"] == [i for i in follow["items"] if i["org_id"] == org["org_id"]]
        assert [h["run_id"] for h in org["history"]] == [audited.first, audited.second]
        before = next(o for o in first["organisations"] if o["org_id"] == org["org_id"])
        assert [(h["score"], h["level"]) for h in org["history"]] == [
            (before["score"], before["level"]),
            (org["score"], org["level"]),
        ]

    history = second["history"]
    assert [(r["run_id"], r["audit_date"]) for r in history] == [
        (audited.first, "2026-03-02"),
        (audited.second, "2026-04-20"),
    ]
    for record, results in zip(history, (first, second), strict=True):
        assert {key: record[key] for key in run_figures(results)} == run_figures(results)
        assert record["levels"] == results["run"]["counts"]["levels"]
    shares = {
        rule: [run["criteria"][rule] for run in history] for rule in ("UI-03", "UI-05", "UI-07")
    }
    assert shares == {"UI-03": [75.0, 100.0], "UI-05": [25.0, 0.0], "UI-07": [0.0, 25.0]}
    changed = {
        rule
        for rule in history[0]["criteria"]
        if history[0]["criteria"][rule] != history[1]["criteria"][rule]
    }
    assert changed == {"UI-03", "UI-05", "UI-07"}


def test_reference_follows_up_the_letters_and_draws_each_criterion(audited):
    results = json.loads(report(audited, audited.second, "results.json").read_text("utf-8"))
    follow, history = results["follow_up"], results["history"]
    total = len(follow["items"])
    html = report(audited, audited.second, "reference.html").read_text("utf-8")
    heading = "6. Выполнение рекомендаций по итогам предыдущего мониторинга"
    assert "<h2>5. Динамика результатов</h2>" in html and f"<h2>{heading}</h2>" in html
    assert (
        "Предыдущий мониторинг проведён 02.03.2026 г. Письма с рекомендациями направлены "
        "образовательным организациям 02.03.2026 г. Срок устранения замечаний — до 01.04.2026 г.; "
        "на дату настоящего мониторинга он истёк." in html
    )
    summary = (  # UI-13 is recommended: its failures are not remarks of the letters
        f"Исправлено 2 замечания из {total} (в 2 образовательных организациях); "
        f"не исправлено {remarks(total - 2)} (в 4 образовательных организациях)."
    )
    assert summary in html and "Среднее время устранения замечаний — 49 дней." in html
    assert (
        f"образовательным организациям направлено {total} замечаний: исправлено 2 "
        f"(в 2 образовательных организациях), за 49 дней с даты письма; не исправлено {total - 2}."
        in html
    )
    parsed = data_rows(html, "data-follow-up")
    shown = {key: (row["data-status"], row["data-days"]) for key, row in parsed.rows.items()}
    assert len(shown) == total
    assert {key: days for key, (status, days) in shown.items() if status == "fixed"} == {
        "a1 UI-07": "49",
        "c3 UI-03": "49",
    }
    assert "b2 UI-05" not in shown
    assert [c["text"] for c in parsed.cells["a1 UI-07"]] == [
        "7",
        "План реализации (дорожная карта) ЦМН обучающихся",
        "исправлено",
        "49",
    ]

    trend = data_rows(html, "data-trend-rule")
    assert set(trend.rows) == {rule["rule_id"] for rule in results["rules"]}
    for rule_id, cells in trend.cells.items():
        values = [(c["data-run"], c["data-share"]) for c in cells[2:]]
        expected = [(r["run_id"], str(r["criteria"][rule_id])) for r in history]
        assert values == expected, rule_id
    assert [c["text"] for c in trend.cells["UI-07"][2:]] == ["0\u00a0%", "25\u00a0%"]
    assert [c["text"] for c in trend.cells["UI-03"][2:]] == ["75\u00a0%", "100\u00a0%"]
    assert [c["text"] for c in trend.cells["UI-05"][2:]] == ["25\u00a0%", "0\u00a0%"]
    assert 'data-chart="criteria_trend"' in html
    assert (
        "По сравнению с предыдущим мониторингом доля образовательных организаций, выполнивших "
        "критерий, увеличилась по критериям «Приказ о внедрении ЦМН обучающихся» (с 75\u00a0% "
        "до 100\u00a0%), «План реализации (дорожная карта) ЦМН обучающихся» (с 0\u00a0% до "
        "25\u00a0%); уменьшилась по критерию «Положение о реализации ЦМН обучающихся» "
        "(с 25\u00a0% до 0\u00a0%)." in html
    )

    document = Document(str(report(audited, audited.second, "reference.docx")))
    paragraphs = [p.text for p in document.paragraphs]
    assert heading in paragraphs and summary in "\n".join(paragraphs)
    table = next(
        t
        for t in document.tables
        if t.rows[0].cells[0].text == "№" and t.rows[0].cells[-1].text == "Устранено за, дней"
    )
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    items = [row for row in rows if row[0] != row[-1]]  # a school's row is one merged cell
    assert len(items) == total
    assert sorted(row[1:] for row in items if row[2] == "исправлено") == [
        ["План реализации (дорожная карта) ЦМН обучающихся", "исправлено", "49"],
        ["Приказ о внедрении ЦМН обучающихся", "исправлено", "49"],
    ]
    assert [row[0] for row in rows if row[0] == row[-1]] == [f"Школа {s}" for s in SCHOOLS]
    dated = next(
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells][-2:] == ["02.03.2026", "20.04.2026"]
    )
    cells = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in dated.rows[1:]}
    for number, rule in enumerate(results["rules"], start=1):
        title, *shown = cells[str(number)]
        shares = [run["criteria"][rule["rule_id"]] for run in history]
        assert title.startswith(rule["title"]) and shown == [
            f"{share:g}".replace(".", ",") + "\u00a0%" for share in shares
        ]


def test_first_reference_has_no_follow_up_and_no_trend(audited):
    html = report(audited, audited.first, "reference.html").read_text("utf-8")
    assert "Выполнение рекомендаций" not in html and "Динамика результатов" not in html
    assert "data-follow-up=" not in html and "data-trend-rule=" not in html
    assert 'data-chart="criteria_trend"' not in html and 'data-chart="trend"' not in html
    document = Document(str(report(audited, audited.first, "reference.docx")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[4:] == ["5. Выводы", "6. Рекомендации", "Приложение. Подтверждающие материалы"]


def test_history_commands_print_russian_tables_and_export_trends(audited, tmp_path):
    ws = str(audited.workspace.root)
    listed = cli("history", "--workspace", ws)
    assert listed.returncode == 0, listed.stderr
    assert audited.first in listed.stdout and "02.03.2026" in listed.stdout
    assert "завершён" in listed.stdout and "Доля соответствующих" in listed.stdout

    compared = cli("diff", audited.first, audited.second, "--workspace", ws)
    assert compared.returncode == 0, compared.stderr
    assert "Исправлено: 2; новые замечания: 1; не исправлено: " in compared.stdout
    school = compared.stdout.split("Школа b2 (b2)")[1].split("\n\n")[0]
    assert "  Новые замечания: UI-05\n" in school and "Исправлено" not in school
    assert f"  Документы: удалён {audited.urls['b2']}files/regulation.pdf" in school
    assert "файл стал доступен" in compared.stdout

    followed = cli("follow-up", "--workspace", ws)
    assert followed.returncode == 0, followed.stderr
    assert "Исправлено: 2;" in followed.stdout and "не исправлено" in followed.stdout
    assert "  Исправлено: UI-07 (49 дней с даты письма)" in followed.stdout
    assert "01.04.2026" in followed.stdout

    csv_path, xlsx_path = tmp_path / "trends.csv", tmp_path / "trends.xlsx"
    assert cli("trends", "--workspace", ws, "--output", str(csv_path)).returncode == 0
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 only with a BOM
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert tuple(rows[0]) == messages.TREND_COLUMNS
    assert {row[0] for row in rows[1:]} == {"02.03.2026", "20.04.2026"}
    made = cli("trends", "--workspace", ws, "--format", "xlsx", "--output", str(xlsx_path))
    assert made.returncode == 0, made.stderr
    book = load_workbook(xlsx_path)
    assert book.sheetnames == list(messages.TREND_SHEETS.values())
    sheet = book[messages.TREND_SHEETS["points"]]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert sheet.max_row == len(rows)  # the same long table as the CSV

    missing = cli("diff", audited.first, "20990101-000000", "--workspace", ws)
    assert missing.returncode == 2 and "не найден" in missing.stderr
    assert "Traceback" not in missing.stderr
    holder = duckdb.connect(str(audited.workspace.db_path))  # as a run in its commit holds it
    try:
        busy = cli("history", "--workspace", ws)
    finally:
        holder.close()
    assert busy.returncode == 2 and messages.STORE_BUSY in busy.stderr


def rescore_by_izhevsk(workspace, run_id: str) -> None:
    """`cmn-audit rescore` of a run by another bundled profile, which must succeed."""
    done = cli(
        "rescore", "--workspace", str(workspace.root), "--run", run_id, "--profile", "izhevsk_2023"
    )
    assert done.returncode == 0, done.stderr


def test_a_rescore_of_a_held_run_holds_its_letters_too(audited, tmp_path):
    """The facts of a run whose results collapsed stay doubtful whichever profile judges them."""
    workspace = copy_workspace(audited, tmp_path / "ws")
    con = duckdb.connect(str(workspace.db_path))
    con.execute("UPDATE runs SET letters_held = TRUE WHERE run_id = ?", [audited.second])
    con.close()
    rescore_by_izhevsk(workspace, audited.second)
    con = read(workspace)
    try:
        (held,) = con.execute(
            "SELECT letters_held FROM runs WHERE rescore_of = ?", [audited.second]
        ).fetchone()
    finally:
        con.close()
    assert held is True


def test_rescore_creates_a_labelled_run_and_leaves_the_original(audited, tmp_path):
    workspace = copy_workspace(audited, tmp_path / "ws")
    con = read(workspace)
    before = con.execute(
        "SELECT * FROM rule_results WHERE run_id = ? ORDER BY ALL", [audited.second]
    ).fetchall()
    con.close()
    rescore_by_izhevsk(workspace, audited.second)
    con = read(workspace)
    try:
        runs = list_runs(con)
        rescored = runs[-1]
        assert len(runs) == 3 and rescored.rescore_of == audited.second
        assert rescored.profile_id == "izhevsk_2023" and rescored.audit_date == SECOND.date()
        assert audited.second in rescored.label and "izhevsk_2023" in rescored.label
        documents = [
            con.execute(
                "SELECT url, sha256, kind FROM documents WHERE run_id = ? ORDER BY url", [run]
            ).fetchall()
            for run in (audited.second, rescored.run_id)
        ]
        rules = con.execute(
            "SELECT DISTINCT rule_id FROM rule_results WHERE run_id = ?", [rescored.run_id]
        ).fetchall()
        after = con.execute(
            "SELECT * FROM rule_results WHERE run_id = ? ORDER BY ALL", [audited.second]
        ).fetchall()
    finally:
        con.close()
    assert documents[0] == documents[1]  # the same facts, judged again
    assert rules and all(rule.startswith("IZH-") for (rule,) in rules)
    assert after == before
    assert (workspace.reports_dir / rescored.run_id / "reference.html").is_file()
    assert rescored.label in cli("history", "--workspace", str(workspace.root)).stdout


def test_a_schema_4_store_is_migrated_in_place(tmp_path):
    own = (Path(__file__).parent.parent / "cmn_audit" / "schema.sql").read_text("utf-8")
    # Both parts of the store's schema, each cut before its blocks of versions 5 and later.
    schema = "".join(re.split(r"-- Schema [5-9]", part)[0] for part in (audit_tables_sql(), own))
    old = duckdb.connect(str(tmp_path / "old.duckdb"))
    old.execute(schema)
    old.execute("INSERT INTO meta VALUES ('schema_version', '4')")
    old.execute(
        "INSERT INTO runs (run_id, started_at, audit_date, profile_id, status) "
        "VALUES ('20250101-100000', '2025-01-01 10:00', '2025-01-01', 'ust_ishim_2022', 'complete')"
    )
    old.close()
    con = connect(tmp_path / "old.duckdb")
    try:
        version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        columns = {row[0] for row in con.execute("DESCRIBE runs").fetchall()}
        tables = {row[0] for row in con.execute("SHOW TABLES").fetchall()}
        runs = list_runs(con)
        document_columns = {row[0] for row in con.execute("DESCRIBE documents").fetchall()}
    finally:
        con.close()
    assert version == (SCHEMA_VERSION,) == ("10",)
    assert "issuer" in document_columns  # schema 6
    assert {"letter_date", "letter_deadline", "rescore_of", "label"} <= columns
    assert "run_failures" in tables
    assert [(r.run_id, r.status, r.letter_date) for r in runs] == [
        ("20250101-100000", "complete", dt.date(2025, 1, 1))  # letters dated as the run
    ]


def test_a_store_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "new.duckdb"
    connect(path).close()
    newer = duckdb.connect(str(path))
    newer.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    newer.close()
    for read_only in (False, True):
        with pytest.raises(UserError, match="более новой версией cmn-audit"):
            connect(path, read_only=read_only)
    after = duckdb.connect(str(path), read_only=True)
    try:
        version = after.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    finally:
        after.close()
    assert version == ("99",)


# --- Safety: a second run, a killed run, a failed run ---------------------------------------

TABLES = (
    "runs",
    "organisations",
    "sites",
    "fetches",
    "pages",
    "links",
    "documents",
    "news",
    "rule_results",
    "org_scores",
    "run_rules",
)


def snapshot(workspace) -> dict[str, list]:
    con = read(workspace)
    try:
        return {
            table: con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() for table in TABLES
        }
    finally:
        con.close()


def slow(workspace, delay: float = 0.5) -> None:
    """Make the copy's crawl slow enough to be caught in the middle."""
    config = workspace.root / "config.toml"
    text = config.read_text(encoding="utf-8").replace(
        "download_delay = 0.0", f"download_delay = {delay}"
    )
    config.write_text(text, encoding="utf-8")


def wait_for(predicate, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def new_runs(workspace, known: set[str]) -> list[Path]:
    """Folders of runs begun after the copy was made."""
    return [path for path in workspace.runs_dir.iterdir() if path.name not in known]


def crawling(workspace, known: set[str]) -> bool:
    """A new run's crawl has staged at least one document."""
    staged = [path / "crawl.jsonl" for path in new_runs(workspace, known)]
    return any(
        path.is_file() and path.read_text(encoding="utf-8").count('"DocumentItem"') >= 1
        for path in staged
    )


def holder_pid(workspace) -> int | None:
    """The process that wrote itself into the workspace's lock file, once it holds it."""
    try:
        return json.loads((workspace.root / LOCK_NAME).read_text(encoding="utf-8"))["pid"]
    except (OSError, ValueError, KeyError):
        return None


def test_a_second_run_refuses_while_the_first_runs(audited, tmp_path):
    workspace = copy_workspace(audited, tmp_path / "ws")
    # The first crawls far longer than the second takes to start on a loaded machine: it
    # still holds the lock when the second asks (it is killed once the second has answered).
    slow(workspace, delay=30.0)
    args = ("--workspace", str(workspace.root), "--registry", str(audited.registry))
    first = subprocess.Popen(
        cli_command("run", *args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        assert wait_for(lambda: holder_pid(workspace) == first.pid)  # the lock is held
        second = cli("run", *args)
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    assert second.returncode == 2
    assert "Рабочая папка занята: идёт запуск cmn-audit run (pid " in second.stderr
    assert f"(pid {first.pid}, начат " in second.stderr and "Traceback" not in second.stderr
    with (
        pytest.raises(UserError, match="Рабочая папка занята"),
        workspace_lock(workspace.root, "cmn-audit report"),
    ):
        run_audit(workspace, audited.registry, echo=lambda _: None)


def test_killed_crawl_loses_nothing_and_the_next_run_succeeds(audited, tmp_path):
    workspace = copy_workspace(audited, tmp_path / "ws")
    before = snapshot(workspace)
    slow(workspace)
    process = subprocess.Popen(
        cli_command("run", "--workspace", str(workspace.root), "--registry", str(audited.registry)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    caught = wait_for(lambda: crawling(workspace, {audited.first, audited.second}))
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert caught, "the crawl never reached a document"
    assert snapshot(workspace) == before
    done = run_audit(workspace, audited.registry, echo=lambda _: None)
    after = snapshot(workspace)
    con = read(workspace)
    try:
        assert [r.status for r in list_runs(con, workspace.runs_dir)] == ["complete"] * 3
    finally:
        con.close()
    for table in TABLES:
        assert [row for row in after[table] if done.run_id not in row] == before[table], table


KILL_IN_AUDIT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from cmn_audit.config import load_workspace
    from cmn_audit.pipeline import audit, commit

    marker = Path(sys.argv[3])
    real = commit.apply_overrides

    def stalled(con, run_id, profile):
        summary = real(con, run_id, profile)  # the run's rows are written, not committed
        marker.write_text(run_id)
        time.sleep(120)
        return summary

    commit.apply_overrides = stalled
    audit.run_audit(load_workspace(Path(sys.argv[1])), Path(sys.argv[2]), echo=print)
    """
)


def test_run_killed_inside_its_commit_loses_nothing(audited, tmp_path):
    workspace = copy_workspace(audited, tmp_path / "ws")
    before = snapshot(workspace)
    marker = tmp_path / "in-commit"
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            KILL_IN_AUDIT,
            str(workspace.root),
            str(audited.registry),
            str(marker),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    caught = wait_for(marker.exists, timeout=120)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert caught, process.stderr.read().decode()
    assert snapshot(workspace) == before
    lines: list[str] = []
    done = run_audit(workspace, audited.registry, echo=lines.append)
    assert done.run_id == marker.read_text()  # the killed run is resumed, then saved whole
    after = snapshot(workspace)
    for table in TABLES:
        assert [row for row in after[table] if done.run_id not in row] == before[table], table
    assert any(done.run_id in row for row in after["rule_results"])


def test_failed_run_leaves_a_journal_and_the_next_run_reports_it(
    tmp_path, static_site, monkeypatch
):
    site = static_site(
        {
            "index.html": HOME,
            "nastavnichestvo/index.html": section(("order",)),
            "files/order.pdf": FILES["order"],
        }
    )
    init_workspace(tmp_path / "ws", overrides={"crawl": CRAWL})
    workspace = load_workspace(tmp_path / "ws")
    registry = tmp_path / "registry.csv"
    registry.write_text(
        REGISTRY_HEADER + f"s1,Школа,Школа,школа,{site},s1@example.ru,Иванов Иван Иванович,Район\n",
        encoding="utf-8",
    )
    import cmn_audit.pipeline.commit as pipeline

    def broken(con, run_id, profile, **_when):
        raise RuntimeError("правила сломались")

    monkeypatch.setattr(pipeline, "apply_profile", broken)
    shown: list[str] = []
    with pytest.raises(RuntimeError):
        run_audit(workspace, registry, now=FIRST, echo=shown.append)
    monkeypatch.undo()
    journal = workspace.runs_dir / "20260302-100000" / "run.log"
    logged = journal.read_text(encoding="utf-8")
    assert "RuntimeError: правила сломались" in logged and "Traceback" in logged
    assert messages.JOURNAL_WHERE.format(log=journal) in shown
    con = read(workspace)
    try:
        (failed,) = list_runs(con, workspace.runs_dir)
        assert con.execute("SELECT count(*) FROM runs").fetchone() == (0,)
    finally:
        con.close()
    assert (failed.status, failed.stage, failed.log_path) == ("failed", "audit", str(journal))

    lines: list[str] = []
    done = run_audit(workspace, registry, echo=lines.append)
    assert (
        messages.PREVIOUS_RUN_FAILED.format(
            run_id="20260302-100000",
            started="02.03.2026 10:00",
            stage=messages.FAILURE_STAGES["audit"],
            error="RuntimeError: правила сломались",
            log=journal,
        )
        in lines[:2]
    )  # after the warning of a letterhead still holding init's placeholders
    assert done.run_id != "20260302-100000"  # a failed run is final: the next starts afresh
    con = read(workspace)
    try:
        assert [r.status for r in list_runs(con, workspace.runs_dir)] == ["failed", "complete"]
        assert latest_failure(con) is None  # reported once a later run has completed
    finally:
        con.close()


def test_letter_numbers_continue_the_workspaces_journal(audited):
    """The second run's letters take the numbers after the first run's: a centre's journal of
    outgoing letters never gets «Исх. № 1» twice."""
    con = read(audited.workspace)
    try:
        rows = con.execute(
            "SELECT run_id, min(sequence), max(sequence), count(*) FROM run_letters"
            " WHERE run_id IN (?, ?) GROUP BY run_id",
            [audited.first, audited.second],
        ).fetchall()
    finally:
        con.close()
    spans = {run_id: (low, high, count) for run_id, low, high, count in rows}
    first_low, first_high, first_count = spans[audited.first]
    second_low, _, _ = spans[audited.second]
    assert first_low == 1 and first_high == first_count
    assert second_low == first_high + 1
