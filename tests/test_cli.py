"""The `cmn-audit` command as a user meets it: Russian messages, exit codes, no tracebacks."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import click
import duckdb
import pytest
from support import LOCAL_CRAWL, cli, write_registry
from test_follow_up import add_run

from cmn_audit import messages
from cmn_audit.config import init_workspace, load_workspace
from cmn_audit.demo.documents import DocumentSpec, write_docx, write_pdf
from cmn_audit.evidence.export import render_captures
from cmn_audit.evidence.warc import Capture
from cmn_audit.judgement.review import vocabulary_code
from cmn_audit.messages import UserError
from cmn_audit.pipeline.audit import run_audit
from cmn_audit.store import connect, schema_sql
from crawler.understand.vocabulary import AUDIENCE_LABELS, KIND_LABELS


def test_classify_prints_one_json_object_per_file(tmp_path):
    pdf = write_pdf(
        tmp_path / "prikaz.pdf",
        DocumentSpec(
            [
                "ПРИКАЗ",
                "от 01.09.2022 № 112-од",
                "О внедрении целевой модели наставничества обучающихся",
                "В соответствии с распоряжением Минпросвещения России от 25.12.2019 № Р-145",
                "ПРИКАЗЫВАЮ:",
                "1. Внедрить целевую модель наставничества обучающихся.",
            ]
        ),
    )
    docx = write_docx(
        tmp_path / "forma.docx",
        DocumentSpec(
            [
                "ПОЛОЖЕНИЕ о школьной форме и внешнем виде обучающихся",
                "1. Общие положения",
                "1.1. Настоящее положение устанавливает требования к одежде.",
            ]
        ),
    )
    text = tmp_path / "plan.txt"
    text.write_text(
        "Дорожная карта реализации целевой модели наставничества на 2022-2024 годы",
        encoding="utf-8",
    )
    completed = cli("classify", str(pdf), str(docx), str(text))
    assert completed.returncode == 0, completed.stderr
    objects = [json.loads(line) for line in completed.stdout.splitlines()]
    assert [o["kind"] for o in objects] == ["order_implementation", "not_mentorship", "roadmap"]
    assert objects[0]["number"] == "112-од" and objects[0]["date"] == "2022-09-01"
    assert objects[0]["text_source"] == "text" and objects[2]["period"] == "2022–2024"


def test_missing_file_is_a_russian_error(tmp_path):
    completed = cli("classify", str(tmp_path / "нет.pdf"))
    assert completed.returncode != 0
    assert "Traceback" not in completed.stderr


def test_broken_registry_is_refused_before_anything_runs(tmp_path):
    init_workspace(tmp_path / "ws")
    registry = tmp_path / "r.csv"
    registry.write_text("id,name\n1,Школа\n", encoding="utf-8")
    completed = cli("run", "--workspace", str(tmp_path / "ws"), "--registry", str(registry))
    assert completed.returncode == 2
    assert "Ошибка: Реестр r.csv: в первой строке нет столбцов" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert not list((tmp_path / "ws" / "runs").iterdir())


def test_report_without_runs_and_init_twice(tmp_path):
    assert cli("init", str(tmp_path / "ws")).returncode == 0
    again = cli("init", str(tmp_path / "ws"))
    assert again.returncode == 2 and "уже есть config.toml" in again.stderr
    report = cli("report", "--workspace", str(tmp_path / "ws"))
    assert report.returncode == 2 and "ещё нет завершённых запусков" in report.stderr
    unknown = cli("report", "--workspace", str(tmp_path / "ws"), "--format", "docx,odt")
    assert unknown.returncode == 2
    assert "неизвестный формат: odt" in unknown.stderr and "dashboard" in unknown.stderr


@pytest.mark.slow
def test_failed_run_leaves_no_trace_and_earlier_runs_intact(tmp_path, static_site, monkeypatch):
    site = static_site({"index.html": "<html><body><h1>Школа</h1></body></html>"})
    init_workspace(
        tmp_path / "ws",
        overrides={"crawl": {"allow_private_addresses": True, "download_delay": 0.0}},
    )
    workspace = load_workspace(tmp_path / "ws")
    registry = tmp_path / "r.csv"
    registry.write_text(
        "id,name,short_name,kind,site_url,email,head_name,municipality\n"
        f"s1,Школа,Школа,школа,{site},s1@example.ru,Иванов Иван Иванович,Район\n",
        encoding="utf-8",
    )
    first = run_audit(workspace, registry, echo=lambda _: None)

    import cmn_audit.pipeline.commit as pipeline

    def broken_scoring(con, run_id, profile, **_when):
        raise RuntimeError("scoring failed half-way")

    monkeypatch.setattr(pipeline, "apply_profile", broken_scoring)
    with pytest.raises(RuntimeError):
        run_audit(
            workspace,
            registry,
            echo=lambda _: None,
            now=dt.datetime(2030, 1, 1),
        )
    con = duckdb.connect(str(workspace.db_path), read_only=True)
    for table in ("runs", "organisations", "sites", "fetches", "documents", "rule_results"):
        run_ids = {row[0] for row in con.execute(f"SELECT DISTINCT run_id FROM {table}").fetchall()}
        assert run_ids <= {first.run_id}, table
    assert con.execute("SELECT count(*) FROM rule_results").fetchone()[0] > 0
    con.close()
    connect(workspace.db_path).close()  # the store still opens for the next run


def test_every_command_is_documented_in_the_readme():
    from cmn_audit.cli import cli as group

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for name in group.list_commands(click.Context(group)):
        assert f"cmn-audit {name}" in readme, name


def test_every_command_lives_where_the_group_says_and_is_listed_once():
    """The group imports a command's module only when it is called: each module's COMMANDS
    are exactly the names the group sends there."""
    from cmn_audit.cli.app import COMMAND_MODULES
    from cmn_audit.cli.app import cli as group

    context = click.Context(group)
    for module in set(COMMAND_MODULES.values()):
        named = sorted(name for name, where in COMMAND_MODULES.items() if where == module)
        defined = sorted(command.name for command in importlib.import_module(module).COMMANDS)
        assert named == defined, module
    assert all(group.get_command(context, name) is not None for name in COMMAND_MODULES)


def test_a_light_command_does_not_import_the_crawler_or_the_writers():
    code = (
        "import sys; from cmn_audit.cli.app import cli; "
        "sys.argv = ['cmn-audit', 'rules', 'list']\n"
        "try:\n    cli.main(prog_name='cmn-audit', standalone_mode=False)\n"
        "finally:\n    print(sorted(m for m in ('scrapy', 'reports.writer', 'cmn_audit.pipeline') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_usage_error_is_explained_in_russian():
    completed = cli("run")
    assert completed.returncode == 2
    assert (
        "Неверный вызов команды" in completed.stderr and "cmn-audit run --help" in completed.stderr
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("run", "--registy", "r.csv"),
            "нет параметра «--registy». Возможно, имелось в виду: --redis, --registry.",
        ),
        (("diff",), "не указан обязательный аргумент ЗАПУСК_А."),
        (("rules", "lst"), "нет команды «lst». Возможно, имелось в виду: list."),
        (("diff", "a", "b", "c"), "лишние аргументы: c."),
        (("history", "--workspace"), "после параметра --workspace нужно указать значение."),
        (
            ("trends", "--format", "pdf"),
            "неверное значение --format: допустимые значения: csv, xlsx.",
        ),
        (("report", "--format", "x"), "неверное значение --format: неизвестный формат: x."),
        (
            ("classify", "--on", "2026-13-01", "x.txt"),
            "неверное значение --on: ожидается существующая дата ГГГГ-ММ-ДД или ДД.ММ.ГГГГ",
        ),
    ],
)
def test_click_usage_errors_are_retold_in_russian(args, expected):
    completed = cli(*args)
    assert completed.returncode == 2
    first_line = completed.stderr.splitlines()[0]
    assert first_line.startswith("Неверный вызов команды: ") and expected in first_line
    for english in ("No such", "Missing", "Invalid", "unexpected", "requires", "is not one of"):
        assert english not in completed.stderr


def test_help_of_every_command_is_russian():
    """Click's headings, placeholders and notes are retold; the commands' own texts are Russian."""
    from click.testing import CliRunner

    from cmn_audit.cli import cli as group

    def paths(command, prefix=()):
        yield prefix
        if isinstance(command, click.Group):
            context = click.Context(command)
            for name in command.list_commands(context):
                yield from paths(command.get_command(context, name), (*prefix, name))

    runner = CliRunner()
    for path in paths(group):
        shown = runner.invoke(group, [*path, "--help"], prog_name="cmn-audit")
        assert shown.exit_code == 0, path
        assert shown.output.startswith("Вызов: cmn-audit"), path
        assert "Параметры:" in shown.output and "Показать эту справку и выйти." in shown.output
        for english in ("Usage", "Options", "Commands", "Show this", "default:", "TEXT", "[ARGS]"):
            assert english not in shown.output, (path, english)


def test_help_lists_the_commands_in_the_order_of_the_work():
    shown = cli("--help").stdout
    listed = [line.split()[0] for line in shown.split("Команды:")[1].splitlines() if line.strip()]
    assert listed[:6] == ["init", "demo", "run", "report", "confirm", "send"]


def test_a_run_asked_for_that_does_not_exist_names_those_that_do(tmp_path):
    init_workspace(tmp_path / "ws")
    con = duckdb.connect(str(tmp_path / "ws" / "cmn-audit.duckdb"))
    con.execute(schema_sql())
    add_run(con, "20260110-090000", {"s1": "PPPP"})
    add_run(con, "20260301-090000", {"s1": "PPPP"})
    con.close()
    broken = tmp_path / "broken.xlsx"
    broken.write_text("не книга Excel", encoding="utf-8")
    asked = cli("report", "--workspace", str(tmp_path / "ws"), "--run", "999")
    assert asked.returncode == 2
    assert "Запуски рабочей папки: 20260301-090000, 20260110-090000." in asked.stderr
    refused = cli("run", "--workspace", str(tmp_path / "ws"), "--registry", str(broken))
    assert refused.returncode == 2 and "повреждён" in refused.stderr
    assert not re.search(r"[A-Za-z]{4,} [a-z]{2,} [a-z]", refused.stderr)  # no English sentence


def test_review_takes_and_says_kinds_and_audiences_in_russian():
    assert vocabulary_code("Положение о наставничестве", KIND_LABELS, "{value}{known}") == (
        "regulation"
    )
    assert vocabulary_code("дорожная карта", KIND_LABELS, "{value}{known}") == "roadmap"
    assert vocabulary_code("педагогические работники", AUDIENCE_LABELS, "{value}") == "teachers"
    with pytest.raises(UserError, match="«положение о наставничестве» \\(regulation\\)"):
        vocabulary_code("устав", KIND_LABELS, messages.REVIEW_UNKNOWN_KIND)


def test_evidence_shows_cyrillic_addresses_decoded():
    url = "http://school.ru/%D0%BD%D0%B0%D1%81%D1%82%D0%B0%D0%B2%D0%BD%D0%B8%D0%BA%D0%B8/"
    con = duckdb.connect(":memory:")
    con.execute(
        "CREATE TABLE organisations "
        "(run_id VARCHAR, org_id VARCHAR, short_name VARCHAR, name VARCHAR)"
    )
    con.execute("INSERT INTO organisations VALUES ('r', 's1', 'Школа', 'Школа')")
    run = SimpleNamespace(con=con, run_id="r", click_path=lambda org, address: [address])
    capture = Capture(
        url, 200, "text/html", dt.datetime(2026, 1, 1), "ab" * 32, 10, "id", None, "s1"
    )
    table = render_captures(run, "s1", [capture])
    assert "http://school.ru/наставники/" in table and "%D0" not in table


@pytest.mark.slow  # a whole `cmn-audit run` in a child process, its PDFs printed by Chromium
def test_run_on_a_past_period_counts_only_what_was_dated_by_then(tmp_path, static_site):
    """`cmn-audit run --on 01.11.2022–10.11.2022`: the order of 25.11.2022 was not on the site
    then, the order of 01.09.2022 was; the справка gives the period and both dates."""

    def order(date: str, number: str, audience: str) -> bytes:
        path = write_pdf(
            tmp_path / f"{number}.pdf",
            DocumentSpec(
                [
                    "ПРИКАЗ",
                    f"от {date} № {number}",
                    f"О внедрении целевой модели наставничества {audience}",
                    "ПРИКАЗЫВАЮ:",
                    f"1. Внедрить целевую модель наставничества {audience}.",
                ]
            ),
        )
        return path.read_bytes()

    site = static_site(
        {
            "index.html": '<html><body><a href="/nast/">Наставничество</a></body></html>',
            "nast/index.html": (
                "<html><head><title>Наставничество</title></head><body><h1>Наставничество</h1>"
                '<a href="/nast/p1.pdf">Приказ о внедрении ЦМН обучающихся</a> '
                '<a href="/nast/p2.pdf">Приказ о внедрении ЦМН педагогов</a></body></html>'
            ),
            "nast/p1.pdf": order("01.09.2022", "112-од", "обучающихся"),
            "nast/p2.pdf": order("25.11.2022", "140-од", "педагогических работников"),
        }
    )
    init_workspace(tmp_path / "ws", overrides={"crawl": LOCAL_CRAWL})
    registry = write_registry(tmp_path / "registry.csv", site)
    ws = str(tmp_path / "ws")
    done = cli(
        "run",
        "--workspace",
        ws,
        "--registry",
        str(registry),
        "--on",
        "01.11.2022–10.11.2022",
        "--format",
        "json,html",  # results.json and the справка in HTML are read
    )
    assert done.returncode == 0, done.stderr
    assert "Итоги даются на 10.11.2022" in done.stdout
    con = connect(load_workspace(tmp_path / "ws").db_path, read_only=True)
    run = con.execute("SELECT audit_date, monitoring_from, facts_until FROM runs").fetchone()
    assert run == (dt.date(2022, 11, 10), dt.date(2022, 11, 1), dt.date(2022, 11, 10))
    dates = dict(con.execute("SELECT doc_number, doc_date FROM documents").fetchall())
    assert dates == {"112-од": dt.date(2022, 9, 1), "140-од": dt.date(2022, 11, 25)}
    verdicts = dict(con.execute("SELECT rule_id, outcome FROM rule_results").fetchall())
    notes = dict(con.execute("SELECT rule_id, note FROM rule_results").fetchall())
    con.close()
    assert verdicts["UI-03"] == "pass" and verdicts["UI-04"] == "fail"  # pupils', teachers'
    assert "датировано позже даты мониторинга (10.11.2022)" in notes["UI-04"]
    [results_path] = (tmp_path / "ws").glob("reports/*/results.json")
    results = json.loads(results_path.read_text(encoding="utf-8"))
    assert results["run"]["period"] == {"from": "2022-11-01", "to": "2022-11-10"}
    reference = results_path.parent / "reference.html"
    html = reference.read_text(encoding="utf-8")
    assert "с 01.11.2022 по 10.11.2022" in html and "Итоги даны на 10 ноября 2022 г." in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25.04.2022", (dt.date(2022, 4, 25), None, dt.date(2022, 4, 25))),
        (
            "18.04.2022–25.04.2022",
            (dt.date(2022, 4, 25), dt.date(2022, 4, 18), dt.date(2022, 4, 25)),
        ),
        (
            "2022-04-18..2022-04-25",
            (dt.date(2022, 4, 25), dt.date(2022, 4, 18), dt.date(2022, 4, 25)),
        ),
        ("01.12.2026 по 07.12.2026", (dt.date(2026, 12, 7), dt.date(2026, 12, 1), None)),
    ],
)
def test_a_monitoring_period_is_read_as_a_methodologist_writes_it(text, expected):
    """Its last day is the audit date; only a period ended before today is dated in the past."""
    from cmn_audit.pipeline.dating import parse_period

    dating = parse_period(text, dt.date(2026, 12, 7))
    assert (dating.audit_date, dating.monitoring_from, dating.facts_until) == expected


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("31.02.2022", "Не удалось прочитать дату мониторинга"),
        ("апрель 2022", "Не удалось прочитать дату мониторинга"),
        ("25.04.2022-18.04.2022", "начинается позже, чем заканчивается"),
        ("08.12.2026", "ещё не наступила"),
    ],
)
def test_a_monitoring_period_that_cannot_be_is_refused_in_russian(text, said):
    from cmn_audit.pipeline.dating import parse_period

    with pytest.raises(UserError, match=said):
        parse_period(text, dt.date(2026, 12, 7))
