"""`cmn-audit evaluate`: a stored run measured against a truth file, metric by metric."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from support import cli

from cmn_audit.config import init_workspace
from cmn_audit.evaluate.compare import match_keys, url_key
from cmn_audit.evaluate.report import evaluate_run, load_truth
from cmn_audit.messages import UserError
from cmn_audit.store import connect, insert_rows

RUN_ID = "20261123-101502"
TRUTH_PORTS = {"sosh1": 41001, "sosh2": 41002, "sosh3": 41003, "resource": 41009}
RUN_PORTS = {"sosh1": 52001, "sosh2": 52002, "sosh3": 52003, "resource": 52009}
RULES = ("UI-01", "UI-02", "UI-03")


def site(ports: dict[str, int], org_id: str) -> str:
    return f"http://127.0.0.1:{ports[org_id]}"


def make_truth() -> dict:
    s1, external = site(TRUTH_PORTS, "sosh1"), site(TRUTH_PORTS, "resource")

    def doc(url, kind, audience, date, number, fetch="ok"):
        return {
            "url": url,
            "kind": kind,
            "audience": audience,
            "date": date,
            "number": number,
            "text_source": "text" if fetch == "ok" else "none",
            "fetch": fetch,
        }

    return {
        "municipality": "Заречный муниципальный район",
        "profile": "ust_ishim_2022",
        "organisations": [
            {
                "org_id": "sosh1",
                "scenario": "complete",
                "site_url": s1 + "/",
                "section_url": s1 + "/nastavnichestvo/",
                "documents": [
                    doc(
                        s1 + "/upload/prikaz.pdf",
                        "order_implementation",
                        "students",
                        "2022-09-01",
                        "112-од",
                    ),
                    doc(s1 + "/upload/plan.pdf", "roadmap", "both", "2022-09-05", None),
                    doc(
                        s1 + "/upload/net.pdf",
                        "regulation",
                        "students",
                        None,
                        None,
                        fetch="http_error",
                    ),
                    doc(external + "/docs/polozhenie.pdf", "regulation", "teachers", None, None),
                ],
                "news": [{"url": s1 + "/news/1458", "date": "2022-10-14", "is_mentorship": True}],
                "rules": {"UI-01": "pass", "UI-02": "pass", "UI-03": "fail"},
            },
            {
                "org_id": "sosh2",
                "scenario": "no_section",
                "site_url": site(TRUTH_PORTS, "sosh2") + "/",
                "section_url": None,
                "documents": [],
                "news": [],
                "rules": dict.fromkeys(RULES, "fail"),
            },
            {
                "org_id": "sosh3",
                "scenario": "down",
                "site_url": site(TRUTH_PORTS, "sosh3") + "/",
                "section_url": None,
                "documents": [],
                "news": [],
                "rules": dict.fromkeys(RULES, "not_checked"),
            },
        ],
    }


def make_run() -> dict[str, list[dict]]:
    """Rows a perfect audit would store, on other ports and with URLs spelled differently."""
    s1, external = site(RUN_PORTS, "sosh1"), site(RUN_PORTS, "resource")

    def doc(url, kind, audience, date, number, fetch="ok", extract="ok"):
        return {
            "run_id": RUN_ID,
            "org_id": "sosh1",
            "url": url,
            "fetch_status": fetch,
            "extract_status": extract,
            "text_source": "text" if extract == "ok" else "none",
            "kind": kind,
            "audience": audience,
            "doc_date": dt.date.fromisoformat(date) if date else None,
            "doc_number": number,
        }

    outcomes = {
        "sosh1": {"UI-01": "pass", "UI-02": "pass", "UI-03": "fail"},
        "sosh2": dict.fromkeys(RULES, "fail"),
        "sosh3": dict.fromkeys(RULES, "not_checked"),
    }
    return {
        "organisations": [
            {"run_id": RUN_ID, "org_id": org, "name": org, "site_url": site(RUN_PORTS, org) + "/"}
            for org in outcomes
        ],
        "sites": [
            {"run_id": RUN_ID, "org_id": "sosh1", "site_status": "ok", "section_found": True,
             "section_url": "HTTP://127.0.0.1:52001/nastavnichestvo"},
            {"run_id": RUN_ID, "org_id": "sosh2", "site_status": "ok", "section_found": False,
             "section_url": None},
            {"run_id": RUN_ID, "org_id": "sosh3", "site_status": "unreachable",
             "section_found": False, "section_url": None},
        ],
        "documents": [
            doc(s1 + "/upload/prikaz.pdf", "order_implementation", "students", "2022-09-01",
                "112-од"),
            doc(s1 + "/upload/plan.pdf/", "roadmap", "both", "2022-09-05", None),
            doc(s1 + "/upload/net.pdf", "unknown_kind", "unknown", None, None,
                fetch="http_error", extract="not_downloaded"),
            doc(external + "/docs/polozhenie.pdf", "regulation", "teachers", None, None),
        ],
        "news": [
            {"run_id": RUN_ID, "org_id": "sosh1", "url": s1 + "/news/1458",
             "is_mentorship": True, "audience": "students"},
        ],
        "rule_results": [
            {"run_id": RUN_ID, "org_id": org, "rule_id": rule, "outcome": outcome}
            for org, rules in outcomes.items()
            for rule, outcome in rules.items()
        ],
    }  # fmt: skip


def store(tmp_path: Path, run: dict[str, list[dict]], truth: dict) -> tuple[Path, Path]:
    """A real workspace store holding `run`, and `truth` written as truth.json."""
    workspace = tmp_path / "ws"
    init_workspace(workspace)
    con = connect(workspace / "cmn-audit.duckdb")
    con.execute(
        "INSERT INTO runs (run_id, started_at, audit_date, profile_id, status) "
        "VALUES (?, TIMESTAMP '2026-11-23 10:15:02', DATE '2026-11-23', 'ust_ishim_2022', "
        "'complete')",
        [RUN_ID],
    )
    for table, rows in run.items():
        insert_rows(con, table, rows)
    con.close()
    truth_path = tmp_path / "truth.json"
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=2), encoding="utf-8")
    return workspace, truth_path


def evaluate(tmp_path: Path, run: dict, truth: dict | None = None):
    workspace, truth_path = store(tmp_path, run, truth or make_truth())
    return evaluate_run(workspace / "cmn-audit.duckdb", truth_path)


def counts(ratio) -> tuple[int, int]:
    return ratio.hits, ratio.total


def lines(evaluation) -> list[str]:
    return [item.line for item in evaluation.disagreements]


def test_perfect_run_on_other_ports_scores_one_everywhere(tmp_path):
    result = evaluate(tmp_path, make_run())
    assert result.run_id == RUN_ID and result.organisations == 3
    assert counts(result.section_precision) == (1, 1)
    assert counts(result.section_recall) == (1, 1)
    assert counts(result.document_recall) == (3, 3)
    for ratio in (
        result.kind_accuracy,
        result.audience_accuracy,
        result.date_accuracy,
        result.number_accuracy,
    ):
        assert counts(ratio) == (3, 3)
    assert counts(result.news_recall) == (1, 1)
    assert counts(result.rule_agreement) == (9, 9)
    assert result.kind_macro_f1 == 1.0 and result.kind_labels == 3
    assert result.unreadable_documents == 0 and result.extra_documents == 0
    assert lines(result) == []


def test_missed_and_spurious_sections(tmp_path):
    run = make_run()
    run["sites"][0].update(section_found=False, section_url=None)
    run["sites"][1].update(section_found=True, section_url="http://127.0.0.1:52002/o-shkole/")
    result = evaluate(tmp_path, run)
    assert counts(result.section_precision) == (0, 1)
    assert counts(result.section_recall) == (0, 1)
    assert result.section_recall.value == 0.0
    assert lines(result) == [
        "sosh1: раздел не найден, ожидался /nastavnichestvo",
        "sosh2: найден раздел /o-shkole, но на сайте его нет",
    ]


def test_misclassified_document_lowers_kind_accuracy_and_macro_f1(tmp_path):
    run = make_run()
    run["documents"][1]["kind"] = "program"
    result = evaluate(tmp_path, run)
    assert counts(result.kind_accuracy) == (2, 3)
    # order_implementation 1, regulation 1, roadmap 0 (missed), program 0 (spurious)
    assert result.kind_macro_f1 == pytest.approx(0.5)
    assert result.kind_labels == 4
    assert counts(result.audience_accuracy) == (3, 3)
    assert lines(result) == ["sosh1: документ /upload/plan.pdf: вид program, ожидался roadmap"]


def test_wrong_and_missing_rule_outcomes(tmp_path):
    run = make_run()
    run["rule_results"][2]["outcome"] = "pass"
    del run["rule_results"][-1]
    result = evaluate(tmp_path, run)
    assert counts(result.rule_agreement) == (7, 9)
    assert lines(result) == [
        "sosh1: правило UI-03: pass, ожидалось fail",
        "sosh3: правило UI-03: нет, ожидалось not_checked",
    ]


def test_unreadable_missing_and_extra_documents(tmp_path):
    run = make_run()
    run["documents"][0].update(extract_status="failed", kind="unknown_kind", doc_number=None)
    del run["documents"][1]
    extra = dict(run["documents"][0], url="http://127.0.0.1:52001/upload/lishniy.docx")
    closed = dict(extra, url="http://127.0.0.1:52001/arhiv/karta.pdf", fetch_status="robots")
    run["documents"] += [extra, closed]  # the link robots.txt closes is not an extra
    result = evaluate(tmp_path, run)
    assert counts(result.document_recall) == (2, 3)
    assert result.unreadable_documents == 1 and result.extra_documents == 1
    assert counts(result.kind_accuracy) == (1, 1)  # only the readable match is judged
    assert lines(result) == [
        "sosh1: документ /upload/prikaz.pdf не прочитан (failed)",
        "sosh1: документ /upload/plan.pdf не найден",
        "sosh1: документ /upload/lishniy.docx найден, но его нет в эталоне",
    ]


def test_dates_and_numbers_match_exactly_and_null_equals_null(tmp_path):
    run = make_run()
    run["documents"][0]["doc_number"] = "112-ОД"
    run["documents"][1]["doc_date"] = dt.date(2022, 9, 6)
    run["documents"][3]["doc_number"] = "5"
    result = evaluate(tmp_path, run)
    assert counts(result.number_accuracy) == (1, 3)
    assert counts(result.date_accuracy) == (2, 3)
    assert "sosh1: документ /upload/plan.pdf: дата 2022-09-06, ожидался 2022-09-05" in lines(result)
    assert "http://127.0.0.1:41009/docs/polozhenie.pdf: номер 5, ожидался нет" in lines(result)[-1]


def test_missing_organisation_and_news(tmp_path):
    run = make_run()
    run["news"][0]["is_mentorship"] = False
    for table in ("organisations", "sites", "rule_results"):
        run[table] = [row for row in run[table] if row["org_id"] != "sosh2"]
    result = evaluate(tmp_path, run)
    assert counts(result.news_recall) == (0, 1)
    assert counts(result.rule_agreement) == (6, 9)
    assert "sosh1: новость /news/1458 не признана новостью о наставничестве" in lines(result)
    assert "sosh2: организации нет в запуске" in lines(result)


def test_url_keys_ignore_case_trailing_slash_default_port_and_own_origin():
    own = "http://127.0.0.1:52001"
    assert url_key("HTTP://127.0.0.1:52001/Razdel/?a=1#top", own) == "{site}/Razdel?a=1"
    assert url_key("http://Школа.рф:80/%D0%B0/", None) == "http://школа.рф/а"
    assert url_key("https://example.org:443/", None) == "https://example.org"
    assert url_key("http://127.0.0.1:52009/x.pdf", own) == "http://127.0.0.1:52009/x.pdf"


def test_off_site_documents_match_by_path_only_when_unambiguous():
    truth = ["http://h:1/docs/a.pdf", "http://h:1/docs/b.pdf", "{site}/c.pdf"]
    found = [
        "http://h:2/docs/a.pdf",
        "http://h:2/docs/b.pdf",
        "http://h:3/docs/b.pdf",
        "http://x/c.pdf",
    ]
    assert match_keys(truth, found) == {"http://h:1/docs/a.pdf": "http://h:2/docs/a.pdf"}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{не json", "это не JSON"),
        ("[]", "ожидается объект"),
        ('{"organisations": [{"org_id": "a"}]}', "организация № 1: нет «org_id» или «site_url»"),
        (
            '{"organisations": [{"org_id": "a", "site_url": "http://a/", "rules": {"R": "ok"}}]}',
            "организация «a»: «rules»",
        ),
    ],
)
def test_invalid_truth_is_a_russian_user_error(tmp_path, content, reason):
    path = tmp_path / "truth.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=reason):
        load_truth(path)


def test_cli_prints_the_table_and_writes_json(tmp_path):
    run = make_run()
    run["documents"][1]["kind"] = "program"
    workspace, truth_path = store(tmp_path, run, make_truth())
    out = tmp_path / "out" / "evaluation.json"
    completed = cli(
        "evaluate", "-w", str(workspace), "--truth", str(truth_path), "--json", str(out)
    )
    assert completed.returncode == 0, completed.stderr
    assert "Вид документа (доля верных)" in completed.stdout
    assert "0,67" in completed.stdout and "2 / 3" in completed.stdout
    assert "Расхождения (1):" in completed.stdout
    assert "sosh1: документ /upload/plan.pdf: вид program, ожидался roadmap" in completed.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["run_id"] == RUN_ID
    assert data["metrics"]["kind_accuracy"] == {"value": 2 / 3, "hits": 2, "total": 3}
    assert data["metrics"]["rule_agreement"]["value"] == 1.0
    assert data["disagreements"] == [
        {"org_id": "sosh1", "text": "документ /upload/plan.pdf: вид program, ожидался roadmap"}
    ]
    assert "Заречный" in out.read_text(encoding="utf-8")  # not \\u-escaped


def test_cli_refuses_a_broken_truth_and_an_unknown_run(tmp_path):
    workspace, truth_path = store(tmp_path, make_run(), make_truth())
    broken = tmp_path / "broken.json"
    broken.write_text('{"organisations": 5}', encoding="utf-8")
    completed = cli("evaluate", "-w", str(workspace), "--truth", str(broken))
    assert completed.returncode == 2
    assert "Ошибка: Файл эталона" in completed.stderr and "списком" in completed.stderr
    assert "Traceback" not in completed.stderr
    completed = cli("evaluate", "-w", str(workspace), "-t", str(truth_path), "--run", "nope")
    assert completed.returncode == 2
    assert "Запуск «nope» не найден" in completed.stderr
    completed = cli("evaluate", "-w", str(workspace), "-t", str(tmp_path / "нет.json"))
    assert completed.returncode == 2 and "не найден" in completed.stderr
